//! Redirects: a small page at each alias of an article (`aliases`, Jekyll's `permalink`, Hugo's
//! `url`) that sends the reader on to the article, so old addresses keep working.

use super::{Page, Pages, Tally, page_file};
use crate::content::Article;
use crate::error::{Warning, WarningKind};
use crate::output::{Staging, alias_path};

impl Pages<'_> {
    /// Writes the redirects once every other page is written: a page already at an alias's
    /// address is kept, and each redirect is checked against those written before it.
    pub(super) fn write_redirects(&self, out: &Staging, tally: &mut Tally) {
        for article in &self.content.articles {
            for alias in &article.source.front.aliases {
                // Aliases that would leave the site were rejected when the content was read.
                let Some(rel) = alias_path(alias, &self.site.base_path) else { continue };
                // An alias naming the page itself needs no redirect.
                if rel.to_lowercase() == page_file(&article.url, &self.site.base_path).to_lowercase() {
                    continue;
                }
                // A page already at that address wins: it keeps the old URL working.
                if out.exists(&rel) {
                    tally.written.warnings.push(Warning::new(
                        WarningKind::Config,
                        Some(self.site.display_path(&article.source.rel_path)),
                        article.source.front.span_of("aliases"),
                        format!(
                            "alias `{alias}` is the address of another page, which is kept; no redirect is written there"
                        ),
                    ));
                    continue;
                }
                tally.redirect(self.write(out, &self.redirect_page(article, rel)));
            }
        }
    }

    fn redirect_page(&self, article: &Article, file: String) -> Page {
        let mut ctx = self.base_context(&article.lang, &article.url, None);
        ctx.insert("redirect_to", &article.url);
        ctx.insert("page_title", &article.title);
        ctx.insert("page_description", "");
        Page { template: "redirect.html", file, context: ctx }
    }
}
