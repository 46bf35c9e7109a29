//! Article pages: the text with its dates, freshness, neighbours, translations and related
//! articles, and the structured data search engines read.

use serde::Serialize;

use super::context::{Alternate, ArticleContext, Freshness, Link};
use super::{Page, Pages, page_file, script_json, summary};
use crate::content::{ArticleId, JudgedId};
use crate::error::Error;
use crate::output::Staging;

impl Pages<'_> {
    /// Article pages are most of the work: they are rendered and written on every core.
    pub(super) fn write_articles(&self, out: &Staging) -> Vec<Result<(), Error>> {
        let ids: Vec<ArticleId> = self.content.articles.ids().collect();
        crate::parallel::map(&ids, |&id| self.write(out, &self.article_page(id)))
    }

    fn article_page(&self, i: ArticleId) -> Page {
        Page {
            template: "article.html",
            file: page_file(&self.content.articles[i].url, &self.site.base_path),
            context: self.article_context(i),
        }
    }

    /// The HTML of one article page (for `serve`, which rewrites only the page that changed).
    pub(crate) fn article_html(&self, i: ArticleId) -> Result<String, Error> {
        self.theme.render("article.html", &self.article_context(i))
    }

    fn article_context(&self, i: ArticleId) -> tera::Context {
        let article = &self.content.articles[i];
        let rendered = &self.articles[i];
        let mut ctx = self.base_context(&article.lang, &article.url, Some(i));
        let section = &self.content.sections[article.section];
        let siblings = &section.articles;
        let position = siblings.iter().position(|&a| a == i);
        let neighbour = |offset: isize| {
            position
                .and_then(|p| p.checked_add_signed(offset))
                .and_then(|p| siblings.get(p))
                .map(|&a| Link { title: &self.content.articles[a].title, url: &self.content.articles[a].url })
        };
        let front = &article.source.front;
        let description = front.description.clone().unwrap_or_else(|| summary(&rendered.text, 160));
        let updated =
            self.meta.get(JudgedId::article(i)).and_then(|d| d.updated).map(|d| self.date_value(&article.lang, d));
        let reviewed = front.reviewed.map(|d| self.day_value(&article.lang, d));
        let related = self.meta.get(JudgedId::article(i)).map(|d| d.related.as_slice()).unwrap_or_default();
        let feedback_url = self
            .site
            .config
            .feedback_url
            .as_deref()
            .map(|base| feedback_link(base, &self.site.absolute_url(&article.url), &article.title));
        let context = ArticleContext {
            title: &article.title,
            description: description.clone(),
            url: &article.url,
            path: &article.source.rel_path,
            content: &rendered.html,
            toc: &rendered.toc,
            tags: &front.tags,
            breadcrumbs: self.breadcrumbs(article.section, true),
            section: (!section.key.is_empty()).then(|| Link { title: &section.title, url: &section.url }),
            prev: neighbour(-1),
            next: neighbour(1),
            updated,
            reviewed,
            reviewed_for: front.reviewed_for.as_deref(),
            freshness: self.freshness_value(i),
            related: related.iter().map(|(title, url)| Link { title, url }).collect(),
            feedback_url,
            owner: front.owner.as_deref(),
            extra: &front.extra,
            draft: front.draft,
        };
        ctx.insert("article", &context);
        let absolute_url = self.site.absolute_url(&article.url);
        let json_ld = JsonLd {
            context: "https://schema.org",
            kind: "Article",
            date_modified: self.meta.get(JudgedId::article(i)).and_then(|d| d.updated).map(|d| d.to_rfc3339()),
            description: &description,
            headline: &article.title,
            in_language: &article.lang,
            main_entity_of_page: &absolute_url,
            url: &absolute_url,
        };
        ctx.insert("json_ld", &script_json(&json_ld));
        ctx.insert("page_title", &self.title_with_site(&article.lang, &article.title));
        ctx.insert("page_description", &description);
        ctx
    }

    fn freshness_value(&self, i: ArticleId) -> Option<Freshness<'_>> {
        let article = &self.content.articles[i];
        let original = article.translation_of.map(|o| self.content.articles[o].url.as_str());
        self.freshness_of(JudgedId::article(i), &article.lang, original)
    }

    /// The article in each language it exists in (itself included), or nothing when it has no
    /// translations.
    pub(super) fn alternates(&self, i: ArticleId) -> Vec<Alternate<'_>> {
        let article = &self.content.articles[i];
        let source = article.translation_of.unwrap_or(i);
        let mut family = vec![source];
        family.extend(&self.content.articles[source].translations);
        if family.len() < 2 {
            return Vec::new();
        }
        let mut out: Vec<(usize, Alternate)> = family
            .iter()
            .map(|&a| {
                let other = &self.content.articles[a];
                let language = self.site.language(&other.lang);
                let order = self.site.languages.iter().position(|l| l.code == other.lang).unwrap_or(usize::MAX);
                (
                    order,
                    Alternate {
                        current: a == i,
                        dir: language.map(|l| l.dir()).unwrap_or("ltr"),
                        lang: &other.lang,
                        name: language.map(|l| l.name.as_str()).unwrap_or(&other.lang),
                        url: &other.url,
                    },
                )
            })
            .collect();
        out.sort_by_key(|(order, _)| *order);
        out.into_iter().map(|(_, a)| a).collect()
    }
}

/// The schema.org `Article` search engines read from the page (`json_ld`). Fields are in
/// alphabetical order, the order of the sorted JSON map this once was.
#[derive(Debug, Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The last real change (RFC 3339); left out when history is unknown.
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    description: &'a str,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    /// The article's absolute URL, as `url`.
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    url: &'a str,
}

/// "Was this article helpful?" leads to the configured form with the article's address, or to an
/// email whose subject names the article.
fn feedback_link(base: &str, page: &str, title: &str) -> String {
    let encode = |text: &str| {
        let mut out = String::new();
        for b in text.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    };
    if base.starts_with("mailto:") {
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}subject={}&body={}", encode(&format!("Feedback: {title}")), encode(page))
    } else {
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}page={}", encode(page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_links_carry_the_article() {
        assert_eq!(
            feedback_link("https://forms.example/f", "https://h.example/a b/", "A"),
            "https://forms.example/f?page=https%3A%2F%2Fh.example%2Fa%20b%2F"
        );
        assert_eq!(
            feedback_link("mailto:docs@h.example", "https://h.example/x/", "Get a refund"),
            "mailto:docs@h.example?subject=Feedback%3A%20Get%20a%20refund&body=https%3A%2F%2Fh.example%2Fx%2F"
        );
    }
}
