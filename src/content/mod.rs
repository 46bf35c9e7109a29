//! The content model: sections, articles, translations and assets, read from the content folder.
//!
//! This module owns finding files, reading front matter and giving every page a unique URL. It
//! does not render Markdown (see `markdown`) and does not know about git or themes.

pub(crate) mod blocks;
mod discover;
pub(crate) mod front_matter;
mod mdx;
pub(crate) mod new;
pub(crate) mod shortcodes;
pub(crate) mod slug;
pub(crate) mod snippets;
mod table;

use std::path::PathBuf;

pub(crate) use discover::{load, load_articles};
pub(crate) use front_matter::FrontMatter;
pub(crate) use table::{ArticleId, JudgedId, SectionId, Table};

/// Everything the content folder holds, in one language-aware tree.
#[derive(Debug, Default)]
pub(crate) struct Content {
    /// Sections; each language's home section comes first among that language's sections.
    pub(crate) sections: Table<SectionId, Section>,
    pub(crate) articles: Table<ArticleId, Article>,
    /// Files that are not Markdown (images, PDFs), copied beside their pages.
    pub(crate) assets: Vec<Asset>,
}

/// A folder of articles. The content root of each language is a section too (the home page).
#[derive(Debug)]
pub(crate) struct Section {
    pub(crate) lang: String,
    /// Folder path inside its language tree: `""` for home, `billing/cards` below it.
    pub(crate) key: String,
    pub(crate) url: String,
    /// The `_index.md` (or `index.md` / `README.md`) that describes the section, if any.
    pub(crate) index: Option<Source>,
    pub(crate) title: String,
    pub(crate) parent: Option<SectionId>,
    pub(crate) subsections: Vec<SectionId>,
    pub(crate) articles: Vec<ArticleId>,
}

/// A Markdown file as read: where it is and what it says.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Path relative to the content folder, `/`-separated (used in messages and reports).
    pub(crate) rel_path: String,
    /// Path on disk.
    pub(crate) path: PathBuf,
    pub(crate) front: FrontMatter,
    pub(crate) body: String,
    /// File line where `body` starts.
    pub(crate) body_line: usize,
    /// With snippets spliced into `body` (see [`snippets`]): for each of its lines, the line of
    /// the file's body it comes from. Empty when nothing was spliced in.
    pub(crate) line_map: Vec<usize>,
}

impl Source {
    /// The file line of `line`, a line counted through `body` from `body_line` (as the renderer
    /// and the drift tokenizer count them): a spliced line is the line of its `--8<--`.
    pub(crate) fn file_line(&self, line: usize) -> usize {
        match line.checked_sub(self.body_line).and_then(|i| self.line_map.get(i)) {
            Some(&original) => self.body_line + original,
            None => line,
        }
    }
}

/// One article: a page of the help center.
#[derive(Debug)]
pub(crate) struct Article {
    pub(crate) source: Source,
    pub(crate) lang: String,
    /// Path inside its language tree with the language suffix removed: `billing/refunds.md`
    /// for `content/fa/billing/refunds.md` and for `content/billing/refunds.fa.md`. An article and
    /// its translations share a key.
    pub(crate) key: String,
    pub(crate) url: String,
    pub(crate) section: SectionId,
    /// Set after rendering: front matter title, first `# heading`, or the file name.
    pub(crate) title: String,
    /// The article (in the default language) this one translates.
    pub(crate) translation_of: Option<ArticleId>,
    /// Articles that translate this one.
    pub(crate) translations: Vec<ArticleId>,
}

/// A file copied to the site as it is.
#[derive(Debug)]
pub(crate) struct Asset {
    pub(crate) path: PathBuf,
    pub(crate) rel_path: String,
    /// Site-absolute URL (not percent-encoded).
    pub(crate) url: String,
}

impl Asset {
    /// Its path in the site folder (`img/a.png`) of a site whose base path is `base`.
    pub(crate) fn site_path(&self, base: &str) -> &str {
        self.url.strip_prefix(base).unwrap_or(&self.url)
    }
}

/// A page that `check` judges: an article, or a section page with text of its own (`_index.md`,
/// `index.md`, `README.md` with a body). Judged pages are numbered articles first, so page `i`
/// is article `i` for every `i < articles.len()` ([`JudgedId::article`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct JudgedPage<'a> {
    pub(crate) source: &'a Source,
    pub(crate) url: &'a str,
    pub(crate) lang: &'a str,
    /// The section the page belongs to (a section page: itself).
    pub(crate) section: SectionId,
    /// The article this one translates.
    pub(crate) translation_of: Option<ArticleId>,
    pub(crate) title: &'a str,
}

impl Content {
    /// The source of judged page `id`, without listing them all.
    pub(crate) fn judged_source(&self, id: JudgedId) -> Option<&Source> {
        match self.articles.get(ArticleId(id.0)) {
            Some(article) => Some(&article.source),
            None => self.sections.iter().filter_map(judged_index_file).nth(id.0 - self.articles.len()),
        }
    }

    /// The place of `page` among [`Content::judged`]; `None` for a section page without text.
    pub(crate) fn judged_id(&self, page: PageRef) -> Option<JudgedId> {
        match page {
            PageRef::Article(id) => Some(JudgedId::article(id)),
            PageRef::Section(SectionId(i)) => {
                let before = self.sections.iter().take(i).filter(|s| judged_index_file(s).is_some()).count();
                judged_index_file(&self.sections[SectionId(i)]).map(|_| JudgedId(self.articles.len() + before))
            }
        }
    }

    /// The source file of `page`; `None` for a section without an index file.
    pub(crate) fn source_of(&self, page: PageRef) -> Option<&Source> {
        match page {
            PageRef::Article(i) => Some(&self.articles[i].source),
            PageRef::Section(i) => self.sections[i].index.as_ref(),
        }
    }

    /// Every page `check` judges (see [`JudgedPage`]).
    pub(crate) fn judged(&self) -> Table<JudgedId, JudgedPage<'_>> {
        let articles = self.articles.iter().map(|a| JudgedPage {
            source: &a.source,
            url: &a.url,
            lang: &a.lang,
            section: a.section,
            translation_of: a.translation_of,
            title: &a.title,
        });
        let sections = self.sections.enumerate().filter_map(|(section, s)| {
            let source = judged_index_file(s)?;
            Some(JudgedPage { source, url: &s.url, lang: &s.lang, section, translation_of: None, title: &s.title })
        });
        articles.chain(sections).collect()
    }

    pub(crate) fn url_of(&self, page: PageRef) -> &str {
        match page {
            PageRef::Article(i) => &self.articles[i].url,
            PageRef::Section(i) => &self.sections[i].url,
        }
    }

    /// The home section of a language.
    pub(crate) fn home(&self, lang: &str) -> Option<SectionId> {
        self.sections.enumerate().find(|(_, s)| s.lang == lang && s.key.is_empty()).map(|(id, _)| id)
    }

    /// Chain of sections from the language's home down to `section`, inclusive.
    pub(crate) fn ancestry(&self, section: SectionId) -> Vec<SectionId> {
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
pub(crate) enum PageRef {
    Article(ArticleId),
    Section(SectionId),
}

/// A section's index file when it has text of its own, which makes the section page judged.
fn judged_index_file(section: &Section) -> Option<&Source> {
    section.index.as_ref().filter(|index| !index.body.trim().is_empty())
}

/// A Markdown file's text as the front matter reader wants it: UTF-8 (else an error naming the
/// line of the first bad byte), without a BOM, with `\n` line ends. `display` names the file in
/// messages.
pub(crate) fn read_text(path: &std::path::Path, display: &std::path::Path) -> Result<String, crate::error::Error> {
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
pub(crate) fn humanize(name: &str) -> String {
    let spaced: String = name.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
    let trimmed = spaced.trim();
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}
