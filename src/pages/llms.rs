//! What AI assistants read: `/llms.txt` (the site, its sections and articles, a line each, as
//! llmstxt.org proposes), `/llms-full.txt` (every article's Markdown), and a Markdown copy of each
//! article beside its page (`…/index.html.md`). All three say what the reader's notice says: an
//! article that may be out of date is marked with the reason and its date (or, with
//! `[llms] stale = "omit"`, left out), so an assistant can say "this may be outdated" instead of
//! repeating it with confidence. Nothing of the writers' dashboard goes in.

use std::fmt::Write as _;

use super::{Pages, Tally, page_file};
use crate::config::LlmsStale;
use crate::content::{ArticleId, JudgedId};
use crate::output::Staging;

impl Pages<'_> {
    /// Writes the three, unless `[llms] enabled = false`.
    pub(super) fn write_llms(&self, out: &Staging, tally: &mut Tally) {
        let settings = &self.site.config.llms;
        if !settings.enabled {
            return;
        }
        let site = self.site;
        let mut index = format!("# {}\n\n", site.title(&site.default_language().code));
        let _ = writeln!(
            index,
            "> The articles of this help center, as Markdown. An article whose product changed since \
             it was written says so: \"May be out of date\", with the reason and the date of its last \
             update.\n"
        );
        let mut full = index.clone();
        for language in &site.languages {
            for section in self.content.sections.iter().filter(|s| s.lang == language.code) {
                let mut lines = String::new();
                for &id in &section.articles {
                    let article = &self.content.articles[id];
                    let stale = self.stale_reason(id);
                    if stale.is_some() && settings.stale == LlmsStale::Omit {
                        continue;
                    }
                    let file = format!("{}.md", page_file(&article.url, &site.base_path));
                    let url = format!("{}{file}", site.base_path);
                    let description = article.source.front.description.as_deref().map(|d| format!(": {d}"));
                    let note = stale.as_deref().map(|r| format!(" (May be out of date: {r}.)")).unwrap_or_default();
                    let _ = writeln!(lines, "- [{}]({url}){}{note}", article.title, description.unwrap_or_default());
                    let copy = self.markdown_copy(id, stale.as_deref());
                    let _ = write!(full, "{copy}\n---\n\n");
                    tally.file(out.write(&file, copy.as_bytes()));
                }
                if !lines.is_empty() {
                    let many = site.languages.len() > 1;
                    let title = match (section.key.is_empty(), many) {
                        (true, _) => language.name.clone(),
                        (false, true) => format!("{} ({})", section.title, language.name),
                        (false, false) => section.title.clone(),
                    };
                    let _ = write!(index, "## {title}\n\n{lines}\n");
                }
            }
        }
        tally.file(out.write("llms.txt", index.as_bytes()));
        tally.file(out.write("llms-full.txt", full.as_bytes()));
    }

    /// Why readers are told an article may be out of date, in words, with the date of its last
    /// update; `None` when its page shows no such notice (age alone is the writers' business).
    fn stale_reason(&self, i: ArticleId) -> Option<String> {
        let meta = self.meta.get(JudgedId::article(i)).filter(|m| m.shows_notice())?;
        let reason = match (meta.stale_rule, &meta.predates, &meta.stale_detail) {
            (Some("release"), Some(release), Some(detail)) => {
                format!("{} changed `{detail}`, which this article describes", release.name)
            }
            (Some("release"), Some(release), None) => format!("written before {}", release.name),
            (Some("translation"), ..) => "the original article changed after this translation".to_string(),
            _ => "the product changed after it was written".to_string(),
        };
        let updated = meta.updated.map(|d| format!("; last updated {}", d.format("%Y-%m-%d"))).unwrap_or_default();
        Some(format!("{reason}{updated}"))
    }

    /// An article as Markdown: its title, the notice when it may be out of date, its body.
    fn markdown_copy(&self, i: ArticleId, stale: Option<&str>) -> String {
        let article = &self.content.articles[i];
        let mut md = format!("# {}\n\n", article.title);
        if let Some(reason) = stale {
            let _ = write!(md, "> **May be out of date:** {reason}.\n\n");
        }
        let body = article.source.body.trim_start();
        // The body's own `# Title` would say it twice.
        let body = match body.strip_prefix('#').filter(|rest| rest.starts_with(' ')) {
            Some(rest) if rest.lines().next().is_some_and(|h| h.trim() == article.title) => {
                rest.split_once('\n').map_or("", |(_, after)| after).trim_start()
            }
            _ => body,
        };
        md.push_str(body);
        if !md.ends_with('\n') {
            md.push('\n');
        }
        md
    }
}
