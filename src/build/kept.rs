//! What `serve` keeps of a built site between saves, to redo one article in place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, FixedOffset};

use super::BuildReport;
use crate::config::Site;
use crate::content::{self, ArticleId, Content, JudgedId, SectionId, Table};
use crate::dashboard::Dashboard;
use crate::error::Errors;
use crate::indexing::SiteSearch;
use crate::links::SiteIndex;
use crate::markdown::{self, RenderCount, Rendered};
use crate::pages::{ArticleMeta, Pages};
use crate::theme::Theme;

/// A built site as `serve` keeps it between saves.
pub(crate) struct Kept {
    pub(super) site: Site,
    pub(super) theme: Theme,
    pub(super) content: Content,
    pub(super) articles: Table<ArticleId, Rendered>,
    pub(super) sections: Table<SectionId, Option<Rendered>>,
    pub(super) meta: Table<JudgedId, ArticleMeta>,
    pub(super) dashboard: Dashboard,
    /// The search documents, kept up to date with the text of every article.
    pub(super) search: SiteSearch,
    /// Articles by canonical source path.
    pub(super) by_path: HashMap<PathBuf, ArticleId>,
}

impl Kept {
    /// What search knows of the site as it now stands, for the preview's search API.
    pub(crate) fn search(&self) -> &SiteSearch {
        &self.search
    }

    /// Re-renders one article whose body changed and rewrites its page in the built site, in
    /// place. `None` when the change is more than that (its front matter or its `# title`
    /// changed, or the file is not an article): the caller builds the whole site again.
    ///
    /// Links from other pages into the article are not checked again until the next full build.
    pub(crate) fn update_article(
        &mut self,
        path: &Path,
        now: DateTime<FixedOffset>,
    ) -> Option<Result<BuildReport, Errors>> {
        let started = Instant::now();
        let i = *self.by_path.get(&path.canonicalize().ok()?)?;
        let old = &self.content.articles[i].source;
        let display = self.site.display_path(&old.rel_path);
        let text = match content::read_text(path, &display) {
            Ok(text) => text,
            Err(e) => return Some(Err(e.into())),
        };
        let doc = match content::front_matter::parse(&display, &text) {
            Ok(doc) => doc,
            Err(errors) => return Some(Err(Errors(errors))),
        };
        // Snippets (spliced files, their warnings, the pages they stop being) and MkDocs blocks (a
        // body whose lines move) take the whole build.
        let snippets =
            content::snippets::has_snippets(doc.body) || ["!!!", "???", "==="].iter().any(|m| doc.body.contains(m));
        let snippets = snippets || !old.line_map.is_empty();
        if doc.front != old.front || !doc.near_misses.is_empty() || snippets {
            return None;
        }
        let article = &self.content.articles[i];
        let index = SiteIndex::of_site(&self.content, &self.site);
        let resolver = index.for_page(&article.source.rel_path, &article.url);
        let labels = self.theme.callout_labels(&article.lang);
        let rendered =
            markdown::render(doc.body, doc.body_line, &resolver, &labels, self.site.config.markdown.highlight);
        // A changed `# title` shows on other pages (lists, neighbours): build them all.
        if rendered.h1 != self.articles[i].h1 && article.source.front.title.is_none() {
            return None;
        }
        let (body, body_line) = (doc.body.to_string(), doc.body_line);
        let source = &mut self.content.articles[i].source;
        source.body = body;
        source.body_line = body_line;
        self.articles[i] = rendered;
        // Saved but not committed: changed now, as history would say.
        self.meta[JudgedId::article(i)].updated = Some(now);
        self.search.update_article(&self.content, &self.articles, &self.meta, i);
        let pages = Pages::new(
            &self.site,
            &self.theme,
            &self.content,
            &self.articles,
            &self.sections,
            &self.meta,
            &self.dashboard,
        );
        let html = match pages.article_html(i) {
            Ok(html) => html,
            Err(e) => return Some(Err(e.into())),
        };
        let file =
            self.site.output_dir.join(crate::pages::page_file(&self.content.articles[i].url, &self.site.base_path));
        Some(crate::output::replace_file(&file, html.as_bytes()).map_err(Errors::from).map(|()| BuildReport {
            output_dir: self.site.output_dir.clone(),
            articles: 1,
            languages: 1,
            pages: 1,
            redirects: 0,
            assets: 0,
            files: 1,
            bytes: html.len() as u64,
            linked: 0,
            kept: 0,
            warnings: Vec::new(),
            elapsed: started.elapsed(),
            versions: Vec::new(),
            renders: RenderCount { rendered: 1, reused: 0 },
            timings: Vec::new(),
        }))
    }
}
