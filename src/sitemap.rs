//! Files for machines: `sitemap.xml` with `hreflang` alternates, `robots.txt`, and an Atom feed
//! of recently updated articles per language.

use std::fmt::Write as _;

use crate::config::Site;
use crate::content::{ArticleId, Content, JudgedId, Table};
use crate::markdown::escape;
use crate::pages::ArticleMeta;

/// How many articles the feed lists.
const FEED_LENGTH: usize = 20;

/// `sitemap.xml`: every article and section, with links to the same page in other languages.
/// Needs `base_url` (sitemaps hold absolute URLs); `None` without it.
pub(crate) fn sitemap(site: &Site, content: &Content, dates: &Table<JudgedId, ArticleMeta>) -> Option<String> {
    site.config.base_url.as_ref()?;
    // An old version is left out of search engines unless `[versions] noindex = false`.
    if site.version.as_ref().is_some_and(|nav| nav.is_old() && nav.noindex) {
        return None;
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for section in &content.sections {
        let _ = writeln!(xml, "  <url><loc>{}</loc></url>", escape(&site.absolute_url(&section.url)));
    }
    for (i, article) in content.articles.enumerate() {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&site.absolute_url(&article.url)));
        if let Some(updated) = dates.get(JudgedId::article(i)).and_then(|d| d.updated) {
            let _ = write!(xml, "<lastmod>{}</lastmod>", updated.to_rfc3339());
        }
        let source = article.translation_of.unwrap_or(i);
        let family: Vec<ArticleId> =
            std::iter::once(source).chain(content.articles[source].translations.iter().copied()).collect();
        if family.len() > 1 {
            for &member in &family {
                let other = &content.articles[member];
                let _ = write!(
                    xml,
                    "\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(&other.lang),
                    escape(&site.absolute_url(&other.url))
                );
            }
            let _ = write!(
                xml,
                "\n    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  ",
                escape(&site.absolute_url(&content.articles[source].url))
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

pub(crate) fn robots(site: &Site) -> String {
    let mut text = format!("User-agent: *\nAllow: /\nDisallow: {}{}\n", site.base_path, crate::dashboard::PATH);
    if site.config.base_url.is_some() {
        let _ = writeln!(text, "Sitemap: {}", site.absolute_url(&format!("{}sitemap.xml", site.base_path)));
    }
    text
}

/// An Atom feed of the language's most recently updated articles; `None` when no article has a
/// date (no git history).
pub(crate) fn feed(
    site: &Site,
    content: &Content,
    dates: &Table<JudgedId, ArticleMeta>,
    lang: &str,
    feed_url: &str,
) -> Option<String> {
    let mut dated: Vec<(ArticleId, chrono::DateTime<chrono::FixedOffset>)> = content
        .articles
        .enumerate()
        .filter(|(_, a)| a.lang == lang)
        .filter_map(|(i, _)| dates.get(JudgedId::article(i)).and_then(|d| d.updated).map(|d| (i, d)))
        .collect();
    if dated.is_empty() {
        return None;
    }
    dated.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    dated.truncate(FEED_LENGTH);
    let newest = dated[0].1;
    let home = site.home_url(lang);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(xml, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", escape(lang));
    let _ = writeln!(xml, "  <title>{}</title>", escape(site.title(lang)));
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(site.title(lang)));
    let _ = writeln!(xml, "  <id>{}</id>", escape(&site.absolute_url(feed_url)));
    let _ = writeln!(xml, "  <link rel=\"self\" href=\"{}\"/>", escape(&site.absolute_url(feed_url)));
    let _ = writeln!(xml, "  <link href=\"{}\"/>", escape(&site.absolute_url(&home)));
    let _ = writeln!(xml, "  <updated>{}</updated>", newest.to_rfc3339());
    for (i, updated) in dated {
        let article = &content.articles[i];
        let url = site.absolute_url(&article.url);
        let _ = writeln!(xml, "  <entry>");
        let _ = writeln!(xml, "    <title>{}</title>", escape(&article.title));
        let _ = writeln!(xml, "    <id>{}</id>", escape(&url));
        let _ = writeln!(xml, "    <link href=\"{}\"/>", escape(&url));
        let _ = writeln!(xml, "    <updated>{}</updated>", updated.to_rfc3339());
        if let Some(description) = &article.source.front.description {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(description));
        }
        let _ = writeln!(xml, "  </entry>");
    }
    xml.push_str("</feed>\n");
    Some(xml)
}
