//! The content model: sections, articles, translations and assets, read from the content folder.
//!
//! This module owns finding files, reading front matter and giving every page a unique URL. It
//! does not render Markdown (see `markdown`) and does not know about git or themes.

mod discover;
pub mod front_matter;
pub mod slug;

use std::path::PathBuf;

pub use discover::load;
pub use front_matter::FrontMatter;

/// Everything the content folder holds, in one language-aware tree.
#[derive(Debug, Default)]
pub struct Content {
    /// Sections; each language's home section comes first among that language's sections.
    pub sections: Vec<Section>,
    pub articles: Vec<Article>,
    /// Files that are not Markdown (images, PDFs), copied beside their pages.
    pub assets: Vec<Asset>,
}

/// A folder of articles. The content root of each language is a section too (the home page).
#[derive(Debug)]
pub struct Section {
    pub lang: String,
    /// Folder path inside its language tree: `""` for home, `billing/cards` below it.
    pub key: String,
    pub url: String,
    /// The `_index.md` (or `index.md` / `README.md`) that describes the section, if any.
    pub index: Option<Source>,
    pub title: String,
    pub parent: Option<usize>,
    pub subsections: Vec<usize>,
    pub articles: Vec<usize>,
}

/// A Markdown file as read: where it is and what it says.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the content folder, `/`-separated (used in messages and reports).
    pub rel_path: String,
    /// Path on disk.
    pub path: PathBuf,
    pub front: FrontMatter,
    pub body: String,
    /// File line where `body` starts.
    pub body_line: usize,
}

/// One article: a page of the help center.
#[derive(Debug)]
pub struct Article {
    pub source: Source,
    pub lang: String,
    /// Path inside its language tree with the language suffix removed: `billing/refunds.md`
    /// for `content/fa/billing/refunds.md` and for `content/billing/refunds.fa.md`. An article and
    /// its translations share a key.
    pub key: String,
    pub url: String,
    pub section: usize,
    /// Set after rendering: front matter title, first `# heading`, or the file name.
    pub title: String,
    /// The article (in the default language) this one translates.
    pub translation_of: Option<usize>,
    /// Articles that translate this one.
    pub translations: Vec<usize>,
}

/// A file copied to the site as it is.
#[derive(Debug)]
pub struct Asset {
    pub path: PathBuf,
    pub rel_path: String,
    /// Site-absolute URL (not percent-encoded).
    pub url: String,
}

/// A page that `check` judges: an article, or a section page with text of its own (`_index.md`,
/// `index.md`, `README.md` with a body). Judged pages are numbered articles first, so page `i`
/// is article `i` for every `i < articles.len()`.
#[derive(Debug, Clone, Copy)]
pub struct JudgedPage<'a> {
    pub source: &'a Source,
    pub url: &'a str,
    pub lang: &'a str,
    /// The section the page belongs to (a section page: itself).
    pub section: usize,
    /// The judged page (an article) this one translates.
    pub translation_of: Option<usize>,
    pub title: &'a str,
}

impl Content {
    /// The source of judged page `i`, without listing them all.
    pub fn judged_source(&self, i: usize) -> Option<&Source> {
        match self.articles.get(i) {
            Some(article) => Some(&article.source),
            None => self
                .sections
                .iter()
                .filter_map(|s| s.index.as_ref().filter(|index| !index.body.trim().is_empty()))
                .nth(i - self.articles.len()),
        }
    }

    /// Every page `check` judges (see [`JudgedPage`]).
    pub fn judged(&self) -> Vec<JudgedPage<'_>> {
        let articles = self.articles.iter().map(|a| JudgedPage {
            source: &a.source,
            url: &a.url,
            lang: &a.lang,
            section: a.section,
            translation_of: a.translation_of,
            title: &a.title,
        });
        let sections = self.sections.iter().enumerate().filter_map(|(i, s)| {
            let source = s.index.as_ref().filter(|index| !index.body.trim().is_empty())?;
            Some(JudgedPage { source, url: &s.url, lang: &s.lang, section: i, translation_of: None, title: &s.title })
        });
        articles.chain(sections).collect()
    }

    /// Articles and sections by their content-relative source path, for link resolution.
    pub fn page_by_source(&self, rel_path: &str) -> Option<PageRef> {
        self.articles.iter().position(|a| a.source.rel_path == rel_path).map(PageRef::Article).or_else(|| {
            self.sections
                .iter()
                .position(|s| s.index.as_ref().is_some_and(|i| i.rel_path == rel_path))
                .map(PageRef::Section)
        })
    }

    pub fn url_of(&self, page: PageRef) -> &str {
        match page {
            PageRef::Article(i) => &self.articles[i].url,
            PageRef::Section(i) => &self.sections[i].url,
        }
    }

    /// The home section of a language.
    pub fn home(&self, lang: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.lang == lang && s.key.is_empty())
    }

    /// Chain of sections from the language's home down to `section`, inclusive.
    pub fn ancestry(&self, section: usize) -> Vec<usize> {
        let mut chain = vec![section];
        let mut current = section;
        while let Some(parent) = self.sections[current].parent {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }
}

/// A page that can be linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageRef {
    Article(usize),
    Section(usize),
}

/// A Markdown file's text as the front matter reader wants it: UTF-8 (else an error naming the
/// line of the first bad byte), without a BOM, with `\n` line ends. `display` names the file in
/// messages.
pub fn read_text(path: &std::path::Path, display: &std::path::Path) -> Result<String, crate::error::Error> {
    use crate::error::Error;
    let bytes = std::fs::read(path).map_err(|e| Error::io(display, "cannot read", e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let span = crate::config::span_of_offset(&good, good.len());
        Error::InvalidUtf8 { path: display.to_path_buf(), span, offset }
    })?;
    Ok(normalize_text(&text))
}

/// The text without a leading BOM and with `\r\n` read as `\n`, as [`front_matter::parse`] wants.
pub(crate) fn normalize_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() }
}

/// "getting-started" → "Getting started": a title for a folder or file without one.
pub fn humanize(name: &str) -> String {
    let spaced: String = name.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
    let trimmed = spaced.trim();
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}
