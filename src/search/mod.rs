//! Search: analysis, one tantivy index per language, queries, and a static export for the browser.
//!
//! What this module owns:
//!
//! - [`analyzer`] — the script-aware analyzer ([`analyze`], registered with tantivy as [`ANALYZER`]);
//! - [`index`] — [`write_index`] turns [`SearchDoc`]s of one language into a tantivy index in a folder;
//! - [`query`] — [`search`] (prefix on the last word, typo tolerance, field boosts, `<mark>`
//!   snippets) and [`related`] (more-like-this);
//! - [`export`](mod@self::export) — [`export()`] writes the compact sharded index that
//!   `themes/default/static/search.js` fetches on a static host.
//!
//! It does not own where the indexes live, which articles are indexed, or how results are printed:
//! the build and the CLI decide that and hand this module plain [`SearchDoc`]s and paths.
//!
//! # Ranking, and why the browser agrees with the CLI
//!
//! tantivy stores the index and the statistics (term and document frequencies, field lengths as
//! tantivy's fieldnorms, total tokens per field). Ranking is BM25 (k1 = 1.2, b = 0.75, tantivy's
//! idf and length normalisation) per field, weighted by [`FIELD_WEIGHTS`], summed over query
//! words, computed here in `f64` from those statistics rather than by tantivy's `f32` scorer. The
//! export carries exactly the same statistics and `search.js` runs exactly the same arithmetic
//! in the same order, so for a query both sides rank the same top ten (scores are rounded to
//! 1e-6 and ties broken by document order on both sides). Before the scores, both sides order
//! documents by how many of the query's distinctive words they match (`query::rank`). Query
//! expansion is shared too:
//!
//! - every query word matches its exact term (weight 1);
//! - the last query word also matches as a prefix (weight [`PREFIX_WEIGHT`]);
//! - words of 4+ characters match terms one edit away, 8+ two edits (weights [`FUZZY_WEIGHTS`]);
//!   the first character must match, so that the browser only fetches the shards of that letter.
//!
//! A document scores, per query word, its best expansion, so a short prefix matching fifty terms
//! does not outweigh one exact match.

pub(crate) mod analyzer;
pub(crate) mod export;
pub(crate) mod index;
pub(crate) mod query;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

#[cfg(test)]
pub(crate) use analyzer::analyze;
#[cfg(test)]
pub(crate) use export::META_FILE;
#[cfg(test)]
pub(crate) use export::export;
pub(crate) use export::export_to;
pub(crate) use index::write_index;
pub use query::Hit;
pub(crate) use query::search;

/// The text fields that are scored, in the order every score sums them (Rust and browser alike).
pub(crate) const FIELDS: [&str; 6] = ["title", "description", "headings", "tags", "section", "body"];

/// The weight of a match in each of [`FIELDS`]: title above headings and tags, above the body.
/// The description counts as the body does: it is short, so a word in it already scores high,
/// and at 2 it took the top places from articles whose headings a query quotes (measured in
/// bench/search/RELEVANCE.md, "Descriptions, and the words a result matches").
pub(crate) const FIELD_WEIGHTS: [f64; 6] = [3.0, 1.0, 2.0, 2.0, 0.5, 1.0];

/// BM25 term-frequency saturation (tantivy's value).
pub(crate) const K1: f64 = 1.2;

/// BM25 length normalisation (tantivy's value).
pub(crate) const B: f64 = 0.75;

/// Weight of a term that only matched the last query word as a prefix.
pub(crate) const PREFIX_WEIGHT: f64 = 0.8;

/// Weight of the other terms of a query word: the parts of a word written with a ZWNJ and the
/// stem of a plural. The word itself (weight 1) is what was asked for; a document holding only
/// a part of it matches less.
pub(crate) const PART_WEIGHT: f64 = 0.5;

/// Weight of a term one and two edits away from a query word.
pub(crate) const FUZZY_WEIGHTS: [f64; 2] = [0.5, 0.25];

/// One article as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct SearchDoc {
    /// Source path relative to the content folder, `/`-separated; the document's identity.
    pub(crate) path: String,
    /// URL of the rendered page, as links on the site use it.
    pub(crate) url: String,
    /// Article title.
    pub(crate) title: String,
    /// The one sentence of its front matter's `description`, if it has one (not one made from
    /// the body, which the body already holds).
    pub(crate) description: String,
    /// The article's headings, one per line.
    pub(crate) headings: String,
    /// Plain text of the body (no Markdown, no HTML), shared with the rendered article.
    pub(crate) body: std::sync::Arc<str>,
    /// Tags from front matter.
    pub(crate) tags: Vec<String>,
    /// Title of the section the article sits in.
    pub(crate) section: String,
    /// Language code (`en`, `fa`, `hi`); every document of one index has the same.
    pub(crate) lang: String,
    /// Date of the last real change (RFC 3339), if known.
    pub(crate) updated: Option<String>,
}

/// Everything that can go wrong in search; every variant names the folder or file involved.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed on an index folder.
    #[error("search index `{}`: {source}; delete that folder and build again", dir.display())]
    Index {
        /// The index folder.
        dir: PathBuf,
        /// What tantivy said.
        source: tantivy::TantivyError,
    },
    /// Reading or writing a file failed.
    #[error("search index: cannot write or read `{}`: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// One index was asked to hold documents of several languages.
    #[error(
        "search index `{}`: `{path}` is in `{lang}` but the index is for `{expected}`; \
         write one index per language",
        dir.display()
    )]
    MixedLanguages {
        /// The index folder.
        dir: PathBuf,
        /// The first document in another language.
        path: String,
        /// Its language.
        lang: String,
        /// The language of the first document.
        expected: String,
    },
    /// No index in the folder: the site has not been built (or not for this language).
    #[error("no search index in `{}`; run `freshdocs build` first", dir.display())]
    NoIndex {
        /// The folder that was expected to hold an index.
        dir: PathBuf,
    },
    /// The folder holds an index written by another version of freshdocs.
    #[error("search index `{}` was written by another version of freshdocs; delete the folder and build again", dir.display())]
    Outdated {
        /// The index folder.
        dir: PathBuf,
    },
}

impl SearchError {
    fn index(dir: &std::path::Path) -> impl FnOnce(tantivy::TantivyError) -> SearchError + '_ {
        move |source| SearchError::Index { dir: dir.to_path_buf(), source }
    }

    fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
        move |source| SearchError::Io { path: path.to_path_buf(), source }
    }
}
