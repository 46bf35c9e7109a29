//! Feeding search from the site: one document per article, one tantivy index per language kept
//! beside the site (`.freshdocs/search/<lang>/`, outside the output and skipped by discovery), and
//! its static export into the site (`search/<lang>/`) for the browser.
//!
//! The index is rewritten only when its documents changed (a stamp file holds their hash), so a
//! rebuild with unchanged text, and `freshdocs search`, cost almost nothing.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::config::Site;
use crate::content::Content;
use crate::error::Error;
use crate::markdown::Rendered;
use crate::pages::ArticleMeta;
use crate::search::{self, SearchDoc};

const STAMP: &str = "freshdocs-stamp";

/// Where the index of a language lives.
pub fn index_dir(site: &Site, lang: &str) -> PathBuf {
    site.root.join(".freshdocs").join("search").join(lang)
}

/// Whether every language with articles has an index (to reuse rather than refresh).
pub fn indexed(site: &Site, content: &Content) -> bool {
    site.languages
        .iter()
        .filter(|l| content.articles.iter().any(|a| a.lang == l.code))
        .all(|l| index_dir(site, &l.code).join(STAMP).is_file())
}

/// The search documents of one language.
pub fn documents(content: &Content, rendered: &[Rendered], dates: &[ArticleMeta], lang: &str) -> Vec<SearchDoc> {
    content
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.lang == lang)
        .map(|(i, article)| {
            let section = &content.sections[article.section];
            SearchDoc {
                path: article.source.rel_path.clone(),
                url: article.url.clone(),
                title: article.title.clone(),
                headings: rendered[i].toc.iter().map(|t| t.title.as_str()).collect::<Vec<_>>().join("\n"),
                body: rendered[i].text.clone(),
                tags: article.source.front.tags.clone(),
                section: if section.key.is_empty() { String::new() } else { section.title.clone() },
                lang: lang.to_string(),
                updated: dates.get(i).and_then(|d| d.updated).map(|d| d.to_rfc3339()),
            }
        })
        .collect()
}

/// Writes the index of a language unless it already holds exactly these documents.
pub fn refresh_index(dir: &Path, docs: &[SearchDoc]) -> Result<(), Error> {
    let stamp = stamp(docs);
    let stamp_path = dir.join(STAMP);
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s.trim() == stamp) {
        return Ok(());
    }
    search::write_index(dir, docs)?;
    std::fs::write(&stamp_path, &stamp).map_err(|e| Error::io(&stamp_path, "cannot write", e))?;
    Ok(())
}

/// Related articles of every article of a language (path → title and URL), from the index;
/// cached beside it until its documents change.
pub fn related(dir: &Path, limit: usize) -> Result<HashMap<String, Vec<(String, String)>>, Error> {
    let stamp = std::fs::read_to_string(dir.join(STAMP)).unwrap_or_default();
    let cache = dir.join(format!("related-{limit}.json"));
    if let Ok(text) = std::fs::read_to_string(&cache)
        && let Ok((cached_stamp, related)) =
            serde_json::from_str::<(String, HashMap<String, Vec<(String, String)>>)>(&text)
        && cached_stamp == stamp.trim()
    {
        return Ok(related);
    }
    let hits = search::query::related_all(dir, limit)?;
    let related: HashMap<String, Vec<(String, String)>> =
        hits.into_iter().map(|(path, hits)| (path, hits.into_iter().map(|h| (h.title, h.url)).collect())).collect();
    let text = serde_json::to_string(&(stamp.trim(), &related)).unwrap_or_default();
    std::fs::write(&cache, text).map_err(|e| Error::io(&cache, "cannot write", e))?;
    Ok(related)
}

/// The hash of the documents and of the analyzer that indexed them.
fn stamp(docs: &[SearchDoc]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    search::analyzer::ANALYZER_VERSION.hash(&mut hasher);
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for doc in docs {
        (&doc.path, &doc.url, &doc.title, &doc.headings, &doc.body, &doc.tags, &doc.section, &doc.updated)
            .hash(&mut hasher);
    }
    format!("{:016x}-{}", hasher.finish(), docs.len())
}
