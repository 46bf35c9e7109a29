//! Turning the content model into pages: the template context of every page (the contract in
//! `themes/default/README.md`) and the files written for them.
//!
//! This module owns what each page shows and where it is written. Markdown is already rendered
//! (see `markdown`); escaping is Tera's autoescape. [`Pages::write_all`] writes the pages in
//! order, one kind at a time, each kind in a module of its own: the home and section pages
//! (`section`), the A–Z pages (`az`), the articles (`article`), the 404 page and the freshness
//! dashboard (`fixed`), and, last, the redirects (`redirects`). What every page shares (the
//! base context, dates, freshness) stays here.

use chrono::{DateTime, Datelike, FixedOffset};

use crate::history::Release;
use context::{DateValue, Freshness, LanguageContext, LanguageLink, PageFrame, SiteContext};
use serde::Serialize;
use serde_json::Value;

use crate::config::Site;
use crate::content::{ArticleId, Content, JudgedId, SectionId, Table};
use crate::dashboard::Dashboard;
use crate::error::{Error, Errors, Warning};
use crate::markdown::Rendered;
use crate::output::Staging;
use crate::theme::Theme;

mod article;
mod az;
mod context;
mod fixed;
mod llms;
mod redirects;
mod section;

/// What an article page shows besides its text: dates, freshness, related articles.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleMeta {
    /// The last real change (commit time with its offset), if known.
    pub(crate) updated: Option<DateTime<FixedOffset>>,
    /// The verdict, when history is known.
    pub(crate) status: Option<crate::freshness::Status>,
    /// The release a stale article predates (the same as its verdict's).
    pub(crate) predates: Option<Release>,
    /// The rule that made the article stale (`release`, `translation`, `age`), for the notice.
    pub(crate) stale_rule: Option<&'static str>,
    /// What the release changed that the article names, in the article's own words (a flag, a
    /// setting, a button label), when the coupled release rule has such evidence: the notice
    /// says it, so a reader knows which part to doubt.
    pub(crate) stale_detail: Option<String>,
    /// Related articles from the search index: title and URL.
    pub(crate) related: Vec<(String, String)>,
}

impl ArticleMeta {
    /// Whether readers are told the page may be out of date: stale for a reason other than age
    /// (age alone is the writers' business). The page's notice and `llms.txt` both ask this.
    pub(crate) fn shows_notice(&self) -> bool {
        self.status == Some(crate::freshness::Status::Stale) && self.stale_rule != Some("age")
    }
}

/// Everything the pages need, rendered.
pub(crate) struct Pages<'a> {
    pub(crate) site: &'a Site,
    pub(crate) theme: &'a Theme,
    pub(crate) content: &'a Content,
    /// Rendered Markdown of each article.
    pub(crate) articles: &'a Table<ArticleId, Rendered>,
    /// Rendered `_index.md` of each section.
    pub(crate) sections: &'a Table<SectionId, Option<Rendered>>,
    /// What each judged page shows of its history and freshness.
    pub(crate) meta: &'a Table<JudgedId, ArticleMeta>,
    /// The writers' freshness dashboard (see `dashboard`).
    pub(crate) dashboard: &'a Dashboard,
    /// What every page of a language shares (site, UI strings, categories), computed once:
    /// tera values are reference-counted, so cloning this per page is cheap.
    shared: std::sync::OnceLock<std::collections::HashMap<String, tera::Context>>,
}

impl<'a> Pages<'a> {
    pub(crate) fn new(
        site: &'a Site,
        theme: &'a Theme,
        content: &'a Content,
        articles: &'a Table<ArticleId, Rendered>,
        sections: &'a Table<SectionId, Option<Rendered>>,
        meta: &'a Table<JudgedId, ArticleMeta>,
        dashboard: &'a Dashboard,
    ) -> Self {
        Pages { site, theme, content, articles, sections, meta, dashboard, shared: std::sync::OnceLock::new() }
    }
}

/// Counts of what was written.
#[derive(Debug, Default)]
pub(crate) struct Written {
    pub(crate) pages: usize,
    pub(crate) redirects: usize,
    pub(crate) warnings: Vec<Warning>,
}

/// One page to write: the template that renders it, the file it goes to (relative to the output
/// folder) and what the template sees.
struct Page {
    template: &'static str,
    file: String,
    context: tera::Context,
}

/// What [`Pages::write_all`] has written so far and every error met on the way: each page is
/// tried, so one build shows everything that is broken.
#[derive(Default)]
struct Tally {
    written: Written,
    errors: Vec<Error>,
}

impl Tally {
    fn page(&mut self, result: Result<(), Error>) {
        if self.succeeded(result) {
            self.written.pages += 1;
        }
    }

    /// A file that is not a page (`llms.txt`, an article's Markdown copy).
    fn file(&mut self, result: Result<(), Error>) {
        self.succeeded(result);
    }

    fn redirect(&mut self, result: Result<(), Error>) {
        if self.succeeded(result) {
            self.written.redirects += 1;
        }
    }

    fn succeeded(&mut self, result: Result<(), Error>) -> bool {
        match result {
            Ok(()) => true,
            Err(e) => {
                self.errors.push(e);
                false
            }
        }
    }

    fn finish(self) -> Result<Written, Errors> {
        if self.errors.is_empty() { Ok(self.written) } else { Err(Errors(dedupe_template_errors(self.errors))) }
    }
}

impl Pages<'_> {
    /// Renders and writes every page. Template errors are reported once per template.
    pub(crate) fn write_all(&self, out: &Staging) -> Result<Written, Errors> {
        let mut tally = Tally::default();
        for language in &self.site.languages {
            if let Some(home) = self.home_page(&language.code) {
                tally.page(self.write(out, &home));
            }
            tally.page(self.write(out, &self.az_page(&language.code)));
        }
        for section in self.section_pages() {
            tally.page(self.write(out, &section));
        }
        for result in self.write_articles(out) {
            tally.page(result);
        }
        tally.page(self.write(out, &self.not_found_page()));
        tally.page(self.write(out, &self.dashboard_page()));
        self.write_llms(out, &mut tally);
        // Redirects last: an alias must not overwrite a real page.
        self.write_redirects(out, &mut tally);
        tally.finish()
    }

    fn write(&self, out: &Staging, page: &Page) -> Result<(), Error> {
        let html = self.theme.render(page.template, &page.context)?;
        out.write(&page.file, html.as_bytes())
    }

    /// Variables every template receives: the [`LanguageContext`] of `lang` and the page's
    /// [`PageFrame`].
    fn base_context(&self, lang: &str, url: &str, article: Option<ArticleId>) -> tera::Context {
        let shared = self.shared.get_or_init(|| {
            self.site.languages.iter().map(|l| (l.code.clone(), self.language_context(&l.code))).collect()
        });
        let mut ctx = shared.get(lang).cloned().unwrap_or_else(|| self.language_context(lang));
        let version = self.site.version.as_deref();
        // An old version's page points search engines at the current docs' article.
        let canonical = version.and_then(|nav| nav.canonical(url)).unwrap_or_else(|| url.to_string());
        let frame = PageFrame {
            current_url: url,
            canonical_url: self.site.absolute_url(&canonical),
            versions: version.map(|nav| nav.context(url)),
            alternates: article.map(|a| self.alternates(a)).unwrap_or_default(),
        };
        ctx.extend(top_level(&frame));
        ctx
    }

    /// The part of the context that is the same on every page of a language.
    fn language_context(&self, lang: &str) -> tera::Context {
        let site = self.site;
        let language = site.language(lang).unwrap_or_else(|| site.default_language());
        let az_url = self.az_url(lang);
        top_level(&LanguageContext {
            site: SiteContext {
                base_path: &site.base_path,
                contact: site.config.contact.as_ref().map(Into::into),
                feedback_url: site.config.feedback_url.as_deref(),
                languages: site
                    .languages
                    .iter()
                    .map(|l| LanguageLink {
                        code: &l.code,
                        dir: l.dir(),
                        home_url: site.home_url(&l.code),
                        name: &l.name,
                    })
                    .collect(),
                title: site.title(lang),
            },
            lang,
            dir: language.dir(),
            t: self.theme.strings(lang),
            home_url: site.home_url(lang),
            search_url: az_url.clone(),
            az_url,
            asset_base: &site.base_path,
            static_base: &site.static_base,
            categories: self
                .content
                .home(lang)
                .map(|h| self.content.sections[h].subsections.iter().map(|&s| self.section_summary(s)).collect())
                .unwrap_or_default(),
            generator: concat!("freshdocs ", env!("CARGO_PKG_VERSION")),
        })
    }

    fn az_url(&self, lang: &str) -> String {
        format!("{}a-z/", self.site.home_url(lang))
    }

    fn title_with_site(&self, lang: &str, title: &str) -> String {
        format!("{title} – {}", self.site.title(lang))
    }

    /// The freshness a page shows: `judged` is its place among [`Content::judged`].
    fn freshness_of<'p>(
        &'p self,
        judged: JudgedId,
        lang: &str,
        original_url: Option<&'p str>,
    ) -> Option<Freshness<'p>> {
        let meta = self.meta.get(judged)?;
        let status = meta.status?;
        Some(Freshness {
            changed: meta.stale_detail.as_deref(),
            notice: meta.shows_notice(),
            original_url,
            reason: meta.stale_rule,
            release: meta.predates.as_ref().map(|r| r.name.as_str()),
            release_date: meta.predates.as_ref().map(|r| self.date_value(lang, r.date).display),
            status,
        })
    }

    fn date_value(&self, lang: &str, date: DateTime<FixedOffset>) -> DateValue {
        DateValue { iso: date.to_rfc3339(), display: self.format_date(lang, date.year(), date.month(), date.day()) }
    }

    /// A front matter date (`reviewed`), which has no time of day.
    fn day_value(&self, lang: &str, day: chrono::NaiveDate) -> DateValue {
        DateValue { iso: day.to_string(), display: self.format_date(lang, day.year(), day.month(), day.day()) }
    }

    /// "3 March 2026", with the month names, digits, order and calendar of the page's language
    /// (UI strings `months`, `digits`, `date_format` with `{day}`, `{month}` and `{year}`, and
    /// `calendar`: "gregorian", "persian" or "buddhist", the Thai era, 543 years ahead).
    pub(crate) fn format_date(&self, lang: &str, year: i32, month: u32, day: u32) -> String {
        let strings = self.theme.strings(lang);
        let (year, month, day) = match strings.get("calendar").and_then(Value::as_str) {
            Some("persian") => crate::calendar::gregorian_to_persian(year, month, day),
            Some("buddhist") => (year + 543, month, day),
            _ => (year, month, day),
        };
        let month_name = strings
            .get("months")
            .and_then(Value::as_array)
            .and_then(|m| m.get(month as usize - 1))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| ENGLISH_MONTHS[month as usize - 1].to_string());
        let digits: Vec<char> = strings.get("digits").and_then(Value::as_str).unwrap_or("0123456789").chars().collect();
        let localize = |n: String| -> String {
            if digits.len() != 10 {
                return n;
            }
            n.chars().map(|c| c.to_digit(10).map(|d| digits[d as usize]).unwrap_or(c)).collect()
        };
        let format = strings.get("date_format").and_then(Value::as_str).unwrap_or("{day} {month} {year}");
        format
            .replace("{day}", &localize(day.to_string()))
            .replace("{year}", &localize(year.to_string()))
            .replace("{month}", &month_name)
    }
}

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A broken template fails every page that uses it: report it once.
fn dedupe_template_errors(errors: Vec<Error>) -> Vec<Error> {
    let mut seen = std::collections::HashSet::new();
    errors
        .into_iter()
        .filter(|e| match e {
            Error::Template { name, .. } => seen.insert(name.clone()),
            _ => true,
        })
        .collect()
}

/// A context struct as top-level variables of a template, one per field.
fn top_level(value: &impl Serialize) -> tera::Context {
    // The structs given here have only fields that serialise (strings, numbers, maps with string
    // keys), so the one error from_serialize can give, a value that is not a map, cannot happen.
    tera::Context::from_serialize(value).expect("a context struct serialises to a map")
}

/// JSON safe inside `<script>`: `<`, `>` and `&` are written as escapes, so no text from front
/// matter can close the element.
pub(crate) fn script_json(value: &impl Serialize) -> String {
    // Serialising a struct of strings to JSON cannot fail.
    let json = serde_json::to_string(value).expect("script data serialises to JSON");
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The file a page URL is written to: `/docs/a/b/` → `a/b/index.html` (base path removed).
pub(crate) fn page_file(url: &str, base_path: &str) -> String {
    let rel = url.strip_prefix(base_path).unwrap_or(url.trim_start_matches('/'));
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() }
}

/// The first sentences of a text, cut at a word boundary near `max` characters.
pub(crate) fn summary(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files() {
        assert_eq!(page_file("/", "/"), "index.html");
        assert_eq!(page_file("/a/b/", "/"), "a/b/index.html");
        assert_eq!(page_file("/docs/a/", "/docs/"), "a/index.html");
        assert_eq!(page_file("/docs/", "/docs/"), "index.html");
    }

    #[test]
    fn json_for_scripts_cannot_close_the_element() {
        let text = script_json(&serde_json::json!({"t": "</script><b>&"}));
        assert_eq!(text, r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["t"], "</script><b>&");
    }

    #[test]
    fn summaries_cut_at_words() {
        assert_eq!(summary("one two  three", 100), "one two three");
        assert_eq!(summary("alpha beta gamma delta", 12), "alpha beta…");
    }
}
