//! The template context as typed structs: what a theme's templates can rely on. Each struct is
//! serialised into the tera context under the name its doc says; `themes/default/README.md`
//! documents the same fields for theme authors, and a field added here belongs there too.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::markdown::TocEntry;

/// A page linked to: `{ title, url }` (neighbours, the section, related articles).
#[derive(Debug, Serialize)]
pub(super) struct Link<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
}

/// `article` in `article.html`.
#[derive(Debug, Serialize)]
pub(super) struct ArticleContext<'a> {
    pub(super) title: &'a str,
    /// The front matter's `description`, else the first 160 characters of the text.
    pub(super) description: String,
    pub(super) url: &'a str,
    /// Relative to the content folder.
    pub(super) path: &'a str,
    /// The rendered HTML (print it with `| safe`).
    pub(super) content: &'a str,
    pub(super) toc: &'a [TocEntry],
    pub(super) tags: &'a [String],
    /// `{ title, url }` from the home page down to the article's own section.
    pub(super) breadcrumbs: Vec<Value>,
    /// The article's section, or none for an article at the content root.
    pub(super) section: Option<Link<'a>>,
    /// The neighbours in the section's order.
    pub(super) prev: Option<Link<'a>>,
    pub(super) next: Option<Link<'a>>,
    /// `{ iso, display }`: the last real change.
    pub(super) updated: Option<DateValue>,
    /// `{ iso, display }`: the front matter's `reviewed`.
    pub(super) reviewed: Option<DateValue>,
    pub(super) reviewed_for: Option<&'a str>,
    /// `{ status, release, release_date, reason, original_url, changed }` (see the README).
    pub(super) freshness: Value,
    pub(super) related: Vec<Link<'a>>,
    /// "Was this article helpful?": `feedback_url` with the article's address, or none.
    pub(super) feedback_url: Option<String>,
    pub(super) owner: Option<&'a str>,
    /// Front matter keys freshdocs does not know, for the theme's own use.
    pub(super) extra: &'a Map<String, Value>,
    pub(super) draft: bool,
}

/// `section` in `section.html`.
#[derive(Debug, Serialize)]
pub(super) struct SectionContext<'a> {
    pub(super) title: &'a str,
    /// The `description` of the section's index file, or empty.
    pub(super) description: String,
    pub(super) url: &'a str,
    /// The index file's rendered HTML, or empty (print it with `| safe`).
    pub(super) content: &'a str,
    /// `{ title, url }` from the home page down to the parent section.
    pub(super) breadcrumbs: Vec<Value>,
    /// Section summaries: `{ title, description, url, article_count, articles }`.
    pub(super) subsections: Vec<Value>,
    /// `{ title, url, description, updated }`, in section order.
    pub(super) articles: Vec<Value>,
    /// Like `article.freshness`, for a section page with text of its own; none otherwise.
    pub(super) freshness: Value,
}

/// A date as templates get it: `iso` for `<time datetime>`, `display` in the page's language
/// ("3 March 2026", "۳ مارس ۲۰۲۶").
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateValue {
    pub(crate) iso: String,
    pub(crate) display: String,
}
