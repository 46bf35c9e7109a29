//! The template context as typed structs: what a theme's templates can rely on. Each struct is
//! serialised into the tera context under the name its doc says; `themes/default/README.md`
//! documents the same fields for theme authors, and a field added here belongs there too.
//!
//! Field order is the order a template sees when it loops over an object (tera keeps it, built
//! with `preserve_order`). The structs that were once `serde_json::json!` maps keep their fields
//! in alphabetical order, the order those sorted maps had, so a theme that loops over one of them
//! sees what it always saw. (The top level, [`LanguageContext`] and [`PageFrame`] with the page's
//! own object beside them, is a sorted map in tera whatever the order of the fields.)

use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Contact;
use crate::freshness::Status;
use crate::markdown::TocEntry;
use crate::versions::VersionsContext;

/// What every page of a language shares, at the top level of the context; computed once per
/// language. Each page adds its [`PageFrame`] and its own object (`home`, `section`, …).
#[derive(Debug, Serialize)]
pub(super) struct LanguageContext<'a> {
    pub(super) site: SiteContext<'a>,
    /// The language of the page ("en", "fa").
    pub(super) lang: &'a str,
    /// "ltr" or "rtl".
    pub(super) dir: &'static str,
    /// The UI strings of `lang` (`i18n/<lang>.toml`, falling back to `en.toml`).
    pub(super) t: &'a Map<String, Value>,
    /// The home page of `lang`.
    pub(super) home_url: String,
    /// The A–Z page of `lang`.
    pub(super) az_url: String,
    /// Where the search form submits when JavaScript is off (the A–Z page).
    pub(super) search_url: String,
    /// The prefix of the site's own files, the search index among them: "/" gives
    /// "/search/en/"; in an old version, its folder ("/v1.2/").
    pub(super) asset_base: &'a str,
    /// The prefix of the theme's static files: "/" gives "/style.css". An old version whose
    /// theme files are the same as the current docs' links theirs.
    pub(super) static_base: &'a str,
    /// The top-level sections of `lang`.
    pub(super) categories: Vec<SectionSummary<'a>>,
    /// "freshdocs 0.1.0".
    pub(super) generator: &'static str,
}

/// What differs between pages of a language, at the top level of the context, besides the
/// page's own object.
#[derive(Debug, Serialize)]
pub(super) struct PageFrame<'a> {
    /// This page's URL.
    pub(super) current_url: &'a str,
    /// The absolute URL search engines should index (an old version's page names the current
    /// docs' article).
    pub(super) canonical_url: String,
    /// The version switcher of a site with `[versions]`, or none.
    pub(super) versions: Option<VersionsContext>,
    /// This page in each language it exists in, or empty when it exists in one only.
    pub(super) alternates: Vec<Alternate<'a>>,
}

/// `site` on every page.
#[derive(Debug, Serialize)]
pub(super) struct SiteContext<'a> {
    /// "/" or "/docs/": the path of `base_url`, which every URL already includes.
    pub(super) base_path: &'a str,
    /// `[contact]` of freshdocs.toml, or none when it has none.
    pub(super) contact: Option<ContactContext<'a>>,
    /// freshdocs.toml `feedback_url` (a URL or a `mailto:`), or none.
    pub(super) feedback_url: Option<&'a str>,
    /// Every language of the site, the default language first.
    pub(super) languages: Vec<LanguageLink<'a>>,
    /// The site title in the page's language.
    pub(super) title: &'a str,
}

/// `site.contact`: the "Still need help?" block. Each field is a string or none.
#[derive(Debug, Serialize)]
pub(super) struct ContactContext<'a> {
    /// A chat URL.
    pub(super) chat: Option<&'a str>,
    pub(super) email: Option<&'a str>,
    /// Opening hours, as text ("Monday to Friday, 09:00–17:00 UTC").
    pub(super) hours: Option<&'a str>,
    pub(super) phone: Option<&'a str>,
    /// A contact page.
    pub(super) url: Option<&'a str>,
}

impl<'a> From<&'a Contact> for ContactContext<'a> {
    fn from(contact: &'a Contact) -> Self {
        ContactContext {
            chat: contact.chat.as_deref(),
            email: contact.email.as_deref(),
            hours: contact.hours.as_deref(),
            phone: contact.phone.as_deref(),
            url: contact.url.as_deref(),
        }
    }
}

/// An entry of `site.languages`.
#[derive(Debug, Serialize)]
pub(super) struct LanguageLink<'a> {
    /// "en", "fa".
    pub(super) code: &'a str,
    /// "ltr" or "rtl".
    pub(super) dir: &'static str,
    /// The language's home page.
    pub(super) home_url: String,
    /// The language's name in itself ("فارسی").
    pub(super) name: &'a str,
}

/// An entry of `alternates`: the page in one language.
#[derive(Debug, Serialize)]
pub(super) struct Alternate<'a> {
    /// Whether this is the page being rendered.
    pub(super) current: bool,
    /// "ltr" or "rtl".
    pub(super) dir: &'static str,
    pub(super) lang: &'a str,
    /// The language's name in itself, or its code when the site does not list it.
    pub(super) name: &'a str,
    pub(super) url: &'a str,
}

/// A section as a card: an entry of `categories` and of `section.subsections`.
#[derive(Debug, Serialize)]
pub(super) struct SectionSummary<'a> {
    /// Articles in the section and all its sub-sections.
    pub(super) article_count: usize,
    /// The section's own articles, in section order.
    pub(super) articles: Vec<ArticleLink<'a>>,
    /// The `description` of the section's index file, or empty.
    pub(super) description: &'a str,
    pub(super) title: &'a str,
    pub(super) url: &'a str,
}

/// An article in a section summary.
#[derive(Debug, Serialize)]
pub(super) struct ArticleLink<'a> {
    /// The front matter's `description`, or empty.
    pub(super) description: &'a str,
    pub(super) title: &'a str,
    pub(super) url: &'a str,
}

/// An entry of `section.articles`: an [`ArticleLink`] with its date.
#[derive(Debug, Serialize)]
pub(super) struct SectionArticle<'a> {
    /// The front matter's `description`, or empty.
    pub(super) description: &'a str,
    pub(super) title: &'a str,
    /// The last real change, or none when history is unknown.
    pub(super) updated: Option<DateValue>,
    pub(super) url: &'a str,
}

/// A page linked to: `{ title, url }` (breadcrumbs, neighbours, the section, related articles).
#[derive(Debug, Serialize)]
pub(super) struct Link<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
}

/// `home` in `index.html`: the content root's `_index.md`.
#[derive(Debug, Serialize)]
pub(super) struct HomeContext<'a> {
    /// The body's rendered HTML, or empty (print it with `| safe`).
    pub(super) content: &'a str,
    /// The front matter's `description`, or empty.
    pub(super) description: &'a str,
    /// The front matter's `title`, or empty.
    pub(super) title: &'a str,
}

/// An entry of `letters` in `az.html`.
#[derive(Debug, Serialize)]
pub(super) struct AzLetter<'a> {
    /// The articles filed under the letter, in the language's alphabetical order.
    pub(super) articles: Vec<AzArticle<'a>>,
    /// The upper-case letter, or "#" for titles without a letter or digit.
    pub(super) letter: String,
}

/// An article on the A–Z page.
#[derive(Debug, Serialize)]
pub(super) struct AzArticle<'a> {
    /// The title of the article's section, or empty at the content root.
    pub(super) section: &'a str,
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
    /// From the home page down to the article's own section.
    pub(super) breadcrumbs: Vec<Link<'a>>,
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
    /// The verdict, or none when history is unknown.
    pub(super) freshness: Option<Freshness<'a>>,
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
    pub(super) description: &'a str,
    pub(super) url: &'a str,
    /// The index file's rendered HTML, or empty (print it with `| safe`).
    pub(super) content: &'a str,
    /// From the home page down to the parent section.
    pub(super) breadcrumbs: Vec<Link<'a>>,
    pub(super) subsections: Vec<SectionSummary<'a>>,
    /// In section order.
    pub(super) articles: Vec<SectionArticle<'a>>,
    /// Like `article.freshness`, for a section page with text of its own; none otherwise.
    pub(super) freshness: Option<Freshness<'a>>,
}

/// `article.freshness` and `section.freshness`: the page's verdict, which the stale notice
/// (`stale_notice.html`) shows.
#[derive(Debug, Serialize)]
pub(super) struct Freshness<'a> {
    /// What the release changed that the page names (a flag, a label), or none.
    pub(super) changed: Option<&'a str>,
    /// Whether readers are told the page may be out of date: stale, and not for age alone.
    pub(super) notice: bool,
    /// The URL of the article a translation was made from, or none.
    pub(super) original_url: Option<&'a str>,
    /// The rule that made the page stale (`release`, `translation`, `age`), or none.
    pub(super) reason: Option<&'static str>,
    /// The release a stale page predates ("v3.2"), or none.
    pub(super) release: Option<&'a str>,
    /// That release's date in the page's language ("1 June 2026"), or none.
    pub(super) release_date: Option<String>,
    pub(super) status: Status,
}

/// A date as templates get it: `iso` for `<time datetime>`, `display` in the page's language
/// ("3 March 2026", "۳ مارس ۲۰۲۶").
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateValue {
    pub(crate) iso: String,
    pub(crate) display: String,
}
