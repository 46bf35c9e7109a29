//! Turning the content model into pages: the template context of every page (the contract in
//! `themes/default/README.md`) and the files written for them.
//!
//! This module owns what each page shows and where it is written. Markdown is already rendered
//! (see `markdown`); escaping is Tera's autoescape.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset};
use serde_json::{Value, json};

use crate::config::Site;
use crate::content::{Article, Content};
use crate::error::{Error, Errors, Warning, WarningKind};
use crate::markdown::Rendered;
use crate::output::{Staging, alias_path};
use crate::theme::Theme;

/// What an article page shows besides its text: dates, freshness, related articles.
#[derive(Debug, Clone, Default)]
pub struct ArticleMeta {
    /// The last real change (commit time with its offset), if known.
    pub updated: Option<DateTime<FixedOffset>>,
    /// The verdict, when history is known.
    pub status: Option<crate::freshness::Status>,
    /// The release a stale article predates: name and date.
    pub predates: Option<(String, DateTime<FixedOffset>)>,
    /// The rule that made the article stale (`release`, `translation`, `age`), for the notice.
    pub stale_rule: Option<&'static str>,
    /// What the release changed that the article names, in the article's own words (a flag, a
    /// setting, a button label), when the coupled release rule has such evidence: the notice
    /// says it, so a reader knows which part to doubt.
    pub stale_detail: Option<String>,
    /// Related articles from the search index: title and URL.
    pub related: Vec<(String, String)>,
}

/// Everything the pages need, rendered.
pub struct Pages<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub content: &'a Content,
    /// Rendered Markdown of each article, by article index.
    pub articles: &'a [Rendered],
    /// Rendered `_index.md` of each section, by section index.
    pub sections: &'a [Option<Rendered>],
    pub meta: &'a [ArticleMeta],
    /// The writers' freshness dashboard (see `dashboard`).
    pub dashboard: &'a Value,
    /// What every page of a language shares (site, UI strings, categories), computed once:
    /// tera values are reference-counted, so cloning this per page is cheap.
    shared: std::sync::OnceLock<std::collections::HashMap<String, tera::Context>>,
}

impl<'a> Pages<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        content: &'a Content,
        articles: &'a [Rendered],
        sections: &'a [Option<Rendered>],
        meta: &'a [ArticleMeta],
        dashboard: &'a Value,
    ) -> Self {
        Pages { site, theme, content, articles, sections, meta, dashboard, shared: std::sync::OnceLock::new() }
    }
}

/// Counts of what was written.
#[derive(Debug, Default)]
pub struct Written {
    pub pages: usize,
    pub redirects: usize,
    pub warnings: Vec<Warning>,
}

impl Pages<'_> {
    /// Renders and writes every page. Template errors are reported once per template.
    pub fn write_all(&self, out: &Staging) -> Result<Written, Errors> {
        let mut written = Written::default();
        let mut errors = Vec::new();
        let emit = |out: &Staging, template: &str, rel: String, ctx: tera::Context, errors: &mut Vec<Error>| match self
            .render_to(out, template, &rel, &ctx)
        {
            Ok(()) => true,
            Err(e) => {
                errors.push(e);
                false
            }
        };

        for language in &self.site.languages {
            let lang = &language.code;
            if let Some(home) = self.content.home(lang) {
                let mut ctx = self.base_context(lang, &self.content.sections[home].url, None);
                let section = &self.content.sections[home];
                let rendered = self.sections[home].as_ref();
                ctx.insert(
                    "home",
                    &json!({
                        "title": section.index.as_ref().and_then(|i| i.front.title.clone()).unwrap_or_default(),
                        "description": section.index.as_ref().and_then(|i| i.front.description.clone()).unwrap_or_default(),
                        "content": rendered.map(|r| r.html.as_str()).unwrap_or(""),
                    }),
                );
                ctx.insert("page_title", self.site.title(lang));
                let description = section.index.as_ref().and_then(|i| i.front.description.clone()).unwrap_or_default();
                ctx.insert("page_description", &description);
                if emit(out, "index.html", page_file(&section.url, &self.site.base_path), ctx, &mut errors) {
                    written.pages += 1;
                }
            }
            let az_url = self.az_url(lang);
            let mut ctx = self.base_context(lang, &az_url, None);
            ctx.insert("letters", &self.az_letters(lang));
            ctx.insert("page_title", &self.title_with_site(lang, self.theme.string(lang, "az_title").unwrap_or("A–Z")));
            ctx.insert("page_description", "");
            if emit(out, "az.html", page_file(&az_url, &self.site.base_path), ctx, &mut errors) {
                written.pages += 1;
            }
        }

        // Section pages with text are judged after the articles (`Content::judged`).
        let judged_section: std::collections::HashMap<usize, usize> = self
            .content
            .judged()
            .iter()
            .enumerate()
            .skip(self.content.articles.len())
            .map(|(j, page)| (page.section, j))
            .collect();
        for (i, section) in self.content.sections.iter().enumerate() {
            if section.key.is_empty() {
                continue;
            }
            let freshness = judged_section.get(&i).map_or(Value::Null, |&j| self.freshness_of(j, &section.lang, None));
            let mut ctx = self.base_context(&section.lang, &section.url, None);
            let index = section.index.as_ref();
            let description = index.and_then(|i| i.front.description.clone()).unwrap_or_default();
            ctx.insert(
                "section",
                &json!({
                    "title": section.title,
                    "description": description,
                    "url": section.url,
                    "content": self.sections[i].as_ref().map(|r| r.html.as_str()).unwrap_or(""),
                    "breadcrumbs": self.breadcrumbs(i, false),
                    "subsections": section.subsections.iter().map(|&s| self.section_summary(s)).collect::<Vec<_>>(),
                    "articles": section.articles.iter().map(|&a| self.article_link(a, true)).collect::<Vec<_>>(),
                    "freshness": freshness,
                }),
            );
            ctx.insert("page_title", &self.title_with_site(&section.lang, &section.title));
            ctx.insert("page_description", &description);
            if emit(out, "section.html", page_file(&section.url, &self.site.base_path), ctx, &mut errors) {
                written.pages += 1;
            }
        }

        // Article pages are most of the work: render and write them on every core.
        let indices: Vec<usize> = (0..self.content.articles.len()).collect();
        let results = crate::parallel::map(&indices, |&i| {
            let ctx = self.article_context(i);
            self.render_to(out, "article.html", &page_file(&self.content.articles[i].url, &self.site.base_path), &ctx)
        });
        for result in results {
            match result {
                Ok(()) => written.pages += 1,
                Err(e) => errors.push(e),
            }
        }

        let lang = &self.site.default_language().code;
        let mut ctx = self.base_context(lang, &format!("{}404.html", self.site.base_path), None);
        ctx.insert(
            "page_title",
            &self.title_with_site(lang, self.theme.string(lang, "not_found_title").unwrap_or("Page not found")),
        );
        ctx.insert("page_description", "");
        if emit(out, "404.html", "404.html".to_string(), ctx, &mut errors) {
            written.pages += 1;
        }

        let dashboard_url = format!("{}{}", self.site.base_path, crate::dashboard::PATH);
        let mut ctx = self.base_context(lang, &dashboard_url, None);
        ctx.insert("dashboard", self.dashboard);
        ctx.insert("page_title", &self.title_with_site(lang, "Documentation freshness"));
        ctx.insert("page_description", "");
        if emit(out, "dashboard.html", page_file(&dashboard_url, &self.site.base_path), ctx, &mut errors) {
            written.pages += 1;
        }

        // Redirects last: an alias must not overwrite a real page.
        for article in &self.content.articles {
            for alias in &article.source.front.aliases {
                // Aliases that would leave the site were rejected when the content was read.
                let Some(rel) = alias_path(alias, &self.site.base_path) else { continue };
                // An alias naming the page itself needs no redirect.
                if rel.to_lowercase() == page_file(&article.url, &self.site.base_path).to_lowercase() {
                    continue;
                }
                // A page already at that address wins: it keeps the old URL working.
                if out.exists(&rel) {
                    written.warnings.push(Warning::new(
                        WarningKind::Config,
                        Some(self.site.display_path(&article.source.rel_path)),
                        article.source.front.span_of("aliases"),
                        format!(
                            "alias `{alias}` is the address of another page, which is kept; no redirect is written there"
                        ),
                    ));
                    continue;
                }
                let mut ctx = self.base_context(&article.lang, &article.url, None);
                ctx.insert("redirect_to", &article.url);
                ctx.insert("page_title", &article.title);
                ctx.insert("page_description", "");
                if emit(out, "redirect.html", rel, ctx, &mut errors) {
                    written.redirects += 1;
                }
            }
        }

        if errors.is_empty() { Ok(written) } else { Err(Errors(dedupe_template_errors(errors))) }
    }

    /// The HTML of one article page (for `serve`, which rewrites only the page that changed).
    pub fn article_html(&self, i: usize) -> Result<String, Error> {
        self.theme.render("article.html", &self.article_context(i))
    }

    fn render_to(&self, out: &Staging, template: &str, rel: &str, ctx: &tera::Context) -> Result<(), Error> {
        let html = self.theme.render(template, ctx)?;
        out.write(rel, html.as_bytes())
    }

    fn article_context(&self, i: usize) -> tera::Context {
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
                .map(|&a| json!({"title": self.content.articles[a].title, "url": self.content.articles[a].url}))
        };
        let front = &article.source.front;
        let description = front.description.clone().unwrap_or_else(|| summary(&rendered.text, 160));
        let updated = self.meta.get(i).and_then(|d| d.updated).map(|d| self.date_value(&article.lang, d));
        ctx.insert(
            "article",
            &json!({
                "title": article.title,
                "description": description,
                "url": article.url,
                "path": article.source.rel_path,
                "content": rendered.html,
                "toc": rendered.toc,
                "tags": front.tags,
                "breadcrumbs": self.breadcrumbs(article.section, true),
                "section": (!section.key.is_empty()).then(|| json!({"title": section.title, "url": section.url})),
                "prev": neighbour(-1),
                "next": neighbour(1),
                "updated": updated,
                "reviewed": front.reviewed.map(|d| json!({"iso": d.to_string(), "display": self.format_date(&article.lang, d.year(), d.month(), d.day())})),
                "reviewed_for": front.reviewed_for,
                "freshness": self.freshness_value(i),
                "related": self.meta.get(i).map(|d| d.related.iter().map(|(title, url)| json!({"title": title, "url": url})).collect::<Vec<_>>()).unwrap_or_default(),
                "feedback_url": self.site.config.feedback_url.as_deref().map(|base| feedback_link(base, &self.site.absolute_url(&article.url), &article.title)),
                "owner": front.owner,
                "extra": front.extra,
                "draft": front.draft,
            }),
        );
        let mut json_ld = json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": description,
            "inLanguage": article.lang,
            "url": self.site.absolute_url(&article.url),
            "mainEntityOfPage": self.site.absolute_url(&article.url),
        });
        if let Some(updated) = self.meta.get(i).and_then(|d| d.updated) {
            json_ld["dateModified"] = Value::from(updated.to_rfc3339());
        }
        ctx.insert("json_ld", &script_json(&json_ld));
        ctx.insert("page_title", &self.title_with_site(&article.lang, &article.title));
        ctx.insert("page_description", &description);
        ctx
    }

    /// Variables every template receives.
    fn base_context(&self, lang: &str, url: &str, article: Option<usize>) -> tera::Context {
        let shared = self.shared.get_or_init(|| {
            self.site.languages.iter().map(|l| (l.code.clone(), self.language_context(&l.code))).collect()
        });
        let mut ctx = shared.get(lang).cloned().unwrap_or_else(|| self.language_context(lang));
        ctx.insert("current_url", url);
        ctx.insert("canonical_url", &self.site.absolute_url(url));
        ctx.insert("alternates", &article.map(|a| self.alternates(a)).unwrap_or_default());
        ctx
    }

    /// The part of the context that is the same on every page of a language.
    fn language_context(&self, lang: &str) -> tera::Context {
        let site = self.site;
        let language = site.language(lang).unwrap_or_else(|| site.default_language());
        let mut ctx = tera::Context::new();
        ctx.insert(
            "site",
            &json!({
                "title": site.title(lang),
                "base_path": site.base_path,
                "languages": site.languages.iter().map(|l| json!({
                    "code": l.code, "name": l.name, "dir": l.dir(), "home_url": self.site.home_url(&l.code),
                })).collect::<Vec<_>>(),
                "contact": site.config.contact,
                "feedback_url": site.config.feedback_url,
            }),
        );
        ctx.insert("lang", lang);
        ctx.insert("dir", language.dir());
        ctx.insert("t", self.theme.strings(lang));
        ctx.insert("home_url", &self.site.home_url(lang));
        let az_url = self.az_url(lang);
        ctx.insert("az_url", &az_url);
        ctx.insert("search_url", &az_url);
        ctx.insert("asset_base", &site.base_path);
        ctx.insert(
            "categories",
            &self
                .content
                .home(lang)
                .map(|h| {
                    self.content.sections[h].subsections.iter().map(|&s| self.section_summary(s)).collect::<Vec<_>>()
                })
                .unwrap_or_default(),
        );
        ctx.insert("generator", concat!("freshdocs ", env!("CARGO_PKG_VERSION")));
        ctx
    }

    fn az_url(&self, lang: &str) -> String {
        format!("{}a-z/", self.site.home_url(lang))
    }

    fn title_with_site(&self, lang: &str, title: &str) -> String {
        format!("{title} – {}", self.site.title(lang))
    }

    /// The article in each language it exists in (itself included), or nothing when it has no
    /// translations.
    fn alternates(&self, i: usize) -> Vec<Value> {
        let article = &self.content.articles[i];
        let source = article.translation_of.unwrap_or(i);
        let mut family = vec![source];
        family.extend(&self.content.articles[source].translations);
        if family.len() < 2 {
            return Vec::new();
        }
        let mut out: Vec<(usize, Value)> = family
            .iter()
            .map(|&a| {
                let other = &self.content.articles[a];
                let language = self.site.language(&other.lang);
                let order = self.site.languages.iter().position(|l| l.code == other.lang).unwrap_or(usize::MAX);
                (
                    order,
                    json!({
                        "lang": other.lang,
                        "name": language.map(|l| l.name.as_str()).unwrap_or(&other.lang),
                        "dir": language.map(|l| l.dir()).unwrap_or("ltr"),
                        "url": other.url,
                        "current": a == i,
                    }),
                )
            })
            .collect();
        out.sort_by_key(|(order, _)| *order);
        out.into_iter().map(|(_, v)| v).collect()
    }

    fn breadcrumbs(&self, section: usize, include_self: bool) -> Vec<Value> {
        let mut chain = self.content.ancestry(section);
        if !include_self {
            chain.pop();
        }
        chain
            .into_iter()
            .map(|s| {
                let section = &self.content.sections[s];
                let title = if section.key.is_empty() {
                    self.theme.string(&section.lang, "home").unwrap_or("Home").to_string()
                } else {
                    section.title.clone()
                };
                json!({"title": title, "url": section.url})
            })
            .collect()
    }

    fn section_summary(&self, s: usize) -> Value {
        let section = &self.content.sections[s];
        let description = section.index.as_ref().and_then(|i| i.front.description.clone()).unwrap_or_default();
        json!({
            "title": section.title,
            "description": description,
            "url": section.url,
            "article_count": count_articles(self.content, s),
            "articles": section.articles.iter().map(|&a| self.article_link(a, false)).collect::<Vec<_>>(),
        })
    }

    fn article_link(&self, a: usize, with_date: bool) -> Value {
        let article: &Article = &self.content.articles[a];
        let mut link = json!({
            "title": article.title,
            "url": article.url,
            "description": article.source.front.description.clone().unwrap_or_default(),
        });
        if with_date {
            let updated = self.meta.get(a).and_then(|d| d.updated).map(|d| self.date_value(&article.lang, d));
            link["updated"] = updated.unwrap_or(Value::Null);
        }
        link
    }

    fn az_letters(&self, lang: &str) -> Vec<Value> {
        // Keyed by collation order; each letter holds its articles with their own sort keys.
        type Letter = (String, Vec<(Vec<u32>, Value)>);
        let mut letters: BTreeMap<Vec<u32>, Letter> = BTreeMap::new();
        for article in self.content.articles.iter().filter(|a| a.lang == lang) {
            let letter = article
                .title
                .chars()
                .find(|c| c.is_alphanumeric())
                .map(|c| fold_letter(c).to_uppercase().collect::<String>());
            let letter = letter.unwrap_or_else(|| "#".to_string());
            let section = &self.content.sections[article.section];
            letters.entry(collation_key(&letter)).or_insert_with(|| (letter.clone(), Vec::new())).1.push((
                collation_key(&article.title.to_lowercase()),
                json!({
                    "title": article.title,
                    "url": article.url,
                    "section": if section.key.is_empty() { "" } else { section.title.as_str() },
                }),
            ));
        }
        letters
            .into_values()
            .map(|(letter, mut articles)| {
                articles.sort_by(|a, b| a.0.cmp(&b.0));
                json!({"letter": letter, "articles": articles.into_iter().map(|(_, v)| v).collect::<Vec<_>>()})
            })
            .collect()
    }

    fn freshness_value(&self, i: usize) -> Value {
        let article = &self.content.articles[i];
        let original = article.translation_of.map(|o| self.content.articles[o].url.as_str());
        self.freshness_of(i, &article.lang, original)
    }

    /// The freshness a page shows: `judged` is its index among [`Content::judged`] (an article's
    /// own index, or a section page's after the articles).
    fn freshness_of(&self, judged: usize, lang: &str, original_url: Option<&str>) -> Value {
        let Some(meta) = self.meta.get(judged) else { return Value::Null };
        let Some(status) = meta.status else { return Value::Null };
        json!({
            "status": status,
            "reason": meta.stale_rule,
            "original_url": original_url,
            "release": meta.predates.as_ref().map(|(name, _)| name),
            "release_date": meta.predates.as_ref().map(|(_, date)| self.date_value(lang, *date)["display"].clone()),
            "changed": meta.stale_detail,
        })
    }

    fn date_value(&self, lang: &str, date: DateTime<FixedOffset>) -> Value {
        json!({
            "iso": date.to_rfc3339(),
            "display": self.format_date(lang, date.year(), date.month(), date.day()),
        })
    }

    /// "3 March 2026", with the month names and digits of the page's language (UI strings
    /// `months` and `digits`).
    pub fn format_date(&self, lang: &str, year: i32, month: u32, day: u32) -> String {
        let strings = self.theme.strings(lang);
        let (year, month, day) = match strings.get("calendar").and_then(Value::as_str) {
            Some("persian") => crate::calendar::gregorian_to_persian(year, month, day),
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
        format!("{} {month_name} {}", localize(day.to_string()), localize(year.to_string()))
    }
}

/// The Persian alphabet in dictionary order; code-point order puts پ چ ژ گ after ی.
const PERSIAN_ORDER: &str = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";

/// Arabic letter variants are filed under their Persian letter (ك → ک, ي → ی, آ → ا).
fn fold_letter(c: char) -> char {
    match c {
        'ك' => 'ک',
        'ي' | 'ى' => 'ی',
        'آ' | 'أ' | 'إ' => 'ا',
        'ة' | 'ۀ' => 'ه',
        other => other,
    }
}

/// A sort key that orders Persian letters as a Persian dictionary does and everything else by
/// code point (right for Latin and Devanagari).
fn collation_key(text: &str) -> Vec<u32> {
    text.chars()
        .map(|c| {
            let c = fold_letter(c);
            match PERSIAN_ORDER.chars().position(|p| p == c) {
                Some(i) => 0x0600 + i as u32,
                None if ('\u{0600}'..='\u{06FF}').contains(&c) => 0x0600 + 0x40 + c as u32 - 0x0600,
                None => c as u32,
            }
        })
        .collect()
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

/// JSON safe inside `<script>`: `<`, `>` and `&` are written as escapes, so no text from front
/// matter can close the element.
pub fn script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The file a page URL is written to: `/docs/a/b/` → `a/b/index.html` (base path removed).
pub fn page_file(url: &str, base_path: &str) -> String {
    let rel = url.strip_prefix(base_path).unwrap_or(url.trim_start_matches('/'));
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() }
}

fn count_articles(content: &Content, s: usize) -> usize {
    let section = &content.sections[s];
    section.articles.len() + section.subsections.iter().map(|&c| count_articles(content, c)).sum::<usize>()
}

/// The first sentences of a text, cut at a word boundary near `max` characters.
pub fn summary(text: &str, max: usize) -> String {
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

    #[test]
    fn page_files() {
        assert_eq!(page_file("/", "/"), "index.html");
        assert_eq!(page_file("/a/b/", "/"), "a/b/index.html");
        assert_eq!(page_file("/docs/a/", "/docs/"), "a/index.html");
        assert_eq!(page_file("/docs/", "/docs/"), "index.html");
    }

    #[test]
    fn json_for_scripts_cannot_close_the_element() {
        let text = script_json(&json!({"t": "</script><b>&"}));
        assert_eq!(text, r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["t"], "</script><b>&");
    }

    #[test]
    fn persian_titles_sort_in_dictionary_order() {
        let mut words = vec!["ژاله", "گام", "پرداخت", "یادداشت", "بازگشت", "چطور", "كتاب", "آغاز"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(words, ["آغاز", "بازگشت", "پرداخت", "چطور", "ژاله", "كتاب", "گام", "یادداشت"]);
    }

    #[test]
    fn summaries_cut_at_words() {
        assert_eq!(summary("one two  three", 100), "one two three");
        assert_eq!(summary("alpha beta gamma delta", 12), "alpha beta…");
    }
}
