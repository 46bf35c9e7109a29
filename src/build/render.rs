//! The render stage: every article and section page's Markdown, their titles and reading
//! order, and what rendering found wrong (broken links, images without alt text).

use std::collections::{HashMap, HashSet};

use crate::config::Site;
use crate::content::{self, ArticleId, Content, PageRef, SectionId, Table};
use crate::error::{Span, Warning, WarningKind};
use crate::links::{BrokenLink, SiteIndex, check_anchor};
use crate::markdown::{self, RenderCache, Rendered, Resolved, SavedRenders};
use crate::theme::Theme;

/// Where the render stage may take a document's rendering from instead of rendering it.
pub(super) enum Renders<'a> {
    /// Another version of the site, rendered in this build (`[versions]`).
    Versions(&'a RenderCache),
    /// The last build.
    Saved(&'a SavedRenders),
    /// Nowhere: every document is rendered (`check`, `search`).
    Each,
}

/// Renders every article and section index, on all cores, and settles article titles. A
/// document rendered before with the same outcome (`renders`) is taken from there.
pub(super) fn render_markdown(
    site: &Site,
    theme: Option<&Theme>,
    content: &mut Content,
    renders: Renders<'_>,
) -> (Table<ArticleId, Rendered>, Table<SectionId, Option<Rendered>>) {
    let index = SiteIndex::of_site(content, site);
    let labels: HashMap<&str, markdown::CalloutLabels> =
        site.languages.iter().filter_map(|l| Some((l.code.as_str(), theme?.callout_labels(&l.code)))).collect();
    let default_labels = markdown::CalloutLabels::default();
    // Without a theme no page is written (`check`, `search`): colouring code would be wasted.
    let highlight = site.config.markdown.highlight && theme.is_some();
    let render_source = |source: &content::Source, lang: &str, url: &str| {
        let resolver = index.for_page(&source.rel_path, url);
        let labels = labels.get(lang).unwrap_or(&default_labels);
        let mut rendered = match renders {
            Renders::Versions(cache) => {
                cache.render(&source.body, source.body_line, &resolver, &site.base_path, labels, highlight)
            }
            Renders::Saved(saved) => saved.render(&source.body, source.body_line, &resolver, labels, highlight),
            Renders::Each => markdown::render(&source.body, source.body_line, &resolver, labels, highlight),
        };
        if !source.line_map.is_empty() {
            rendered.map_lines(|line| source.file_line(line));
        }
        rendered
    };
    let articles: Table<ArticleId, Rendered> =
        crate::parallel::map(content.articles.as_slice(), |a| render_source(&a.source, &a.lang, &a.url)).into();
    let sections = content.sections.map(|s| s.index.as_ref().map(|source| render_source(source, &s.lang, &s.url)));
    drop(index);

    for (article, rendered) in content.articles.zip_mut(&articles) {
        if article.title.is_empty() {
            article.title = rendered.h1.clone().unwrap_or_else(|| {
                let name = article.key.rsplit('/').next().unwrap_or(&article.key);
                let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
                content::humanize(stem)
            });
        }
    }
    for (section, rendered) in content.sections.zip_mut(&sections) {
        let has_title = section.index.as_ref().is_some_and(|i| i.front.title.is_some());
        if !has_title && let Some(h1) = rendered.as_ref().and_then(|r| r.h1.clone()) {
            section.title = h1;
        }
    }
    (articles, sections)
}

/// Articles and sub-sections in reading order: `order` first, then title.
pub(super) fn sort_sections(content: &mut Content) {
    let article_keys: Table<ArticleId, (i64, String)> =
        content.articles.map(|a| (a.source.front.effective_order().unwrap_or(i64::MAX), a.title.to_lowercase()));
    let section_keys: Table<SectionId, (i64, String)> = content.sections.map(|s| {
        let order = s.index.as_ref().and_then(|i| i.front.effective_order()).unwrap_or(i64::MAX);
        (order, s.title.to_lowercase())
    });
    for section in &mut content.sections {
        section.articles.sort_by(|&a, &b| article_keys[a].cmp(&article_keys[b]));
        section.subsections.sort_by(|&a, &b| section_keys[a].cmp(&section_keys[b]));
    }
}

/// Every link to a missing page, file or anchor, with the page and line it is on.
pub(super) fn broken_links(
    content: &Content,
    articles: &Table<ArticleId, Rendered>,
    sections: &Table<SectionId, Option<Rendered>>,
) -> Vec<BrokenLink> {
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    for (article, rendered) in content.articles.zip(articles) {
        ids.insert(article.url.to_lowercase(), rendered.ids.clone());
    }
    for (section, rendered) in content.sections.zip(sections) {
        ids.insert(section.url.to_lowercase(), rendered.as_ref().map(|r| r.ids.clone()).unwrap_or_default());
    }
    let pages = (articles.enumerate().map(|(i, r)| (PageRef::Article(i), r)))
        .chain(sections.enumerate().filter_map(|(i, r)| Some((PageRef::Section(i), r.as_ref()?))));
    let mut broken = Vec::new();
    for (page, rendered) in pages {
        for link in &rendered.links {
            let problem = match &link.resolved {
                Resolved::Broken(reason) => Some(reason.clone()),
                Resolved::Internal { page: Some(target), fragment: Some(fragment), .. } => {
                    check_anchor(&ids, target, fragment)
                }
                _ => None,
            };
            if let Some(problem) = problem {
                broken.push(BrokenLink {
                    page,
                    line: link.line,
                    message: format!("broken link `{}`: {problem}", link.dest),
                });
            }
        }
    }
    broken
}

/// A broken link as the build reports it: a warning naming the file and line.
pub(super) fn link_warning(site: &Site, content: &Content, link: &BrokenLink) -> Warning {
    let path = content.source_of(link.page).map(|source| site.display_path(&source.rel_path));
    Warning::new(WarningKind::BrokenLink, path, Span::line(link.line), link.message.clone())
}

/// What rendering found wrong in each page (an image without alt text), naming file and line.
pub(super) fn render_warnings(
    site: &Site,
    content: &Content,
    articles: &Table<ArticleId, Rendered>,
    sections: &Table<SectionId, Option<Rendered>>,
) -> Vec<Warning> {
    let sources = content.articles.zip(articles).map(|(a, r)| (&a.source, Some(r)));
    let sections = content.sections.zip(sections).map(|(s, r)| (s.index.as_ref(), r.as_ref()));
    let mut warnings = Vec::new();
    for (source, rendered) in sources.chain(sections.filter_map(|(source, r)| Some((source?, r)))) {
        for warning in rendered.iter().flat_map(|r| &r.warnings) {
            let path = Some(site.display_path(&source.rel_path));
            warnings.push(Warning::new(WarningKind::Markdown, path, Span::line(warning.line), warning.message.clone()));
        }
    }
    warnings
}
