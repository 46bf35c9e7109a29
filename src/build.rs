//! `build`: the pipeline as a list of stages, from `freshdocs.toml` to a swapped-in `public/`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::config::Site;
use crate::content::{self, ArticleId, Content, PageRef, SectionId};
use crate::dashboard;
use crate::drift::EvidenceKind;
use crate::error::{Error, Errors, Span, Warning, WarningKind};
use crate::freshness::report::Report;
use crate::freshness::{self, HistoryState, Policy, Rule, Verdict};
use crate::indexing::{self, QueryError, SearchResults, SiteSearch};
use crate::links::{BrokenLink, SiteIndex, check_anchor};
use crate::markdown::{self, RenderCache, RenderCount, Rendered, Resolved};
use crate::output::Staging;
use crate::pages::{ArticleMeta, Pages};
use crate::sitemap;
use crate::theme::Theme;
use crate::versions;

/// Validated settings of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `freshdocs.toml`) or a bare content folder.
    pub root: PathBuf,
    /// Overrides the output folder.
    pub out: Option<PathBuf>,
    /// "Now", for dates of uncommitted files and freshness.
    pub now: DateTime<FixedOffset>,
    /// What to do with the search index (and the related articles that come from it).
    pub search: SearchMode,
    /// Told the name of each stage as it starts, for a progress line on a terminal.
    pub progress: Option<fn(&str)>,
    /// An old version (`[versions]`) that fails to build fails the whole build, which then
    /// leaves the previous site as it was (`build --strict`); otherwise it is a warning.
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// Re-index what changed, then export: what `build` does.
    Refresh,
    /// Export the index as it is, without re-indexing: `serve` rebuilds after each save this way,
    /// since on 10,000 articles re-indexing takes most of a rebuild. The search box and related
    /// articles in the preview then reflect the text as of the last refresh (the preview's search
    /// API refreshes a language when asked about it: see `indexing::SiteSearch::search`).
    Reuse,
}

/// What a build did, for the summary a writer reads.
#[derive(Debug)]
pub struct BuildReport {
    pub output_dir: PathBuf,
    pub articles: usize,
    pub languages: usize,
    pub pages: usize,
    pub redirects: usize,
    pub assets: usize,
    /// Files and bytes of the whole site, its older versions included.
    pub files: usize,
    pub bytes: u64,
    /// Files of older versions that are hard links to the same file of another version.
    pub linked: usize,
    pub warnings: Vec<Warning>,
    pub elapsed: Duration,
    /// The old versions built beside the current docs (`[versions]`), newest first.
    pub versions: Vec<String>,
    /// Articles and section pages rendered from Markdown, and, with `[versions]`, those whose
    /// rendering was taken from another version (the same text, with links that lead to the
    /// same places there): all versions together.
    pub renders: RenderCount,
    /// How long each stage took, in order (`build --timings`); with `[versions]`, then each
    /// stage summed over the older versions.
    pub timings: Vec<(String, Duration)>,
}

/// Times the stages of a build one after another: each lap is the time since the last.
#[derive(Debug)]
pub(crate) struct Stopwatch {
    last: Instant,
    laps: Vec<(String, Duration)>,
}

impl Stopwatch {
    pub(crate) fn start() -> Stopwatch {
        Stopwatch { last: Instant::now(), laps: Vec::new() }
    }

    /// Ends the stage called `name`.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name.to_string(), now - self.last));
        self.last = now;
    }
}

/// What `build` and `check` both know once the content is read, rendered and judged.
pub struct Analysis {
    pub(crate) site: Site,
    pub(crate) content: Content,
    pub(crate) articles: Vec<Rendered>,
    pub(crate) sections: Vec<Option<Rendered>>,
    /// Warnings of the build: broken links, skipped files, history notes.
    pub warnings: Vec<Warning>,
    pub(crate) history: HistoryState,
    pub(crate) verdicts: Vec<Verdict>,
    /// The stages run so far.
    pub(crate) clock: Stopwatch,
    /// What the builds of a site's versions share (`[versions]`), or none.
    pub(crate) shared: Option<Arc<versions::Shared>>,
}

/// Reads, renders and judges the site, without writing anything and without the theme (`check`
/// does not judge templates): callouts get their English titles.
pub fn analyze(
    root: &std::path::Path,
    out: Option<&std::path::Path>,
    now: DateTime<FixedOffset>,
) -> Result<Analysis, Errors> {
    let mut clock = Stopwatch::start();
    let site = Site::load(root, out)?;
    clock.lap("settings");
    analyze_site(site, None, now, clock, None, None, None)
}

/// [`analyze`] with the theme a build writes the pages with, loaded first: a broken template
/// should fail before any other work. Callouts get the titles of the theme's UI strings.
pub(crate) fn analyze_with_theme(
    root: &std::path::Path,
    out: Option<&std::path::Path>,
    now: DateTime<FixedOffset>,
    version: Option<&versions::OldBuild>,
) -> Result<(Analysis, Theme), Errors> {
    let mut clock = Stopwatch::start();
    let mut site = Site::load(root, out)?;
    let shared = match version {
        Some(old) => {
            // An old version lives under its own folder of the site (`/v1.2/`).
            site.base_path = old.nav.here().base.clone();
            site.static_base = site.base_path.clone();
            site.version = Some(old.nav.clone());
            Some(old.shared.clone())
        }
        // The current docs start what their versions share: the first renderings.
        None => site.config.versions.is_some().then(|| Arc::new(versions::Shared::default())),
    };
    let theme = Theme::load(&site)?;
    clock.lap("settings and theme");
    let loaded = version.and_then(|old| old.content.take());
    let as_of = version.map(|old| &old.as_of);
    let analysis = analyze_site(site, Some(&theme), now, clock, shared, loaded, as_of)?;
    Ok((analysis, theme))
}

/// The stages both share once the site (and the theme, if any) is loaded; `loaded` is the
/// content when it was already read (an old version's, read to list its pages), and `as_of`
/// where an old version's history is read from.
fn analyze_site(
    site: Site,
    theme: Option<&Theme>,
    now: DateTime<FixedOffset>,
    mut clock: Stopwatch,
    shared: Option<Arc<versions::Shared>>,
    loaded: Option<(Content, Vec<Warning>)>,
    as_of: Option<&freshness::AsOf>,
) -> Result<Analysis, Errors> {
    let policy = Policy::from_site(&site, now)?;
    let (mut content, mut warnings) = match loaded {
        Some(loaded) => loaded,
        None => content::load(&site)?,
    };
    clock.lap("discover");
    let renders = shared.as_deref().map(|s| &s.renders);
    let (articles, sections) = render_markdown(&site, theme, &mut content, renders);
    sort_sections(&mut content);
    clock.lap("render");
    let links = broken_links(&content, &articles, &sections);
    warnings.extend(links.iter().map(|link| link_warning(&site, &content, link)));
    warnings.extend(render_warnings(&site, &content, &articles, &sections));
    clock.lap("links");
    // An old version's history is read as of its tag.
    let history = freshness::load_history(&site, &content, now, &mut warnings, true, as_of)?;
    clock.lap("history");
    let verdicts = freshness::judge_all(&content, &history, &policy, &links);
    clock.lap("judge");
    Ok(Analysis { site, content, articles, sections, warnings, history, verdicts, clock, shared })
}

impl Analysis {
    /// The verdicts as `check` reports them, as of `now`; fails where there is no usable
    /// history (no repository, a shallow clone), naming `command`.
    pub fn report(&self, command: &str, now: DateTime<FixedOffset>) -> Result<Report<'_>, Error> {
        self.history.require(&self.site.content_dir, command)?;
        Ok(Report {
            site: &self.site,
            content: &self.content,
            state: &self.history,
            verdicts: &self.verdicts,
            now,
            touched: std::cell::OnceCell::new(),
        })
    }

    /// Searches the analysed site as `freshdocs search` does: `lang` (default: the site's
    /// default language) for `query`, the best `limit` hits.
    pub fn search(&self, lang: Option<&str>, query: &str, limit: usize) -> Result<SearchResults, QueryError> {
        let dates = article_meta(&self.history, &self.verdicts, self.content.articles.len());
        SiteSearch::new(&self.site, &self.content, &self.articles, &dates).search(lang, query, limit)
    }
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, Errors> {
    build_keeping(options).map(|(report, _)| report)
}

/// [`build`], keeping what was built so that [`Kept::update_article`] can redo one article.
pub(crate) fn build_keeping(options: &BuildOptions) -> Result<(BuildReport, Kept), Errors> {
    build_version(options, None)
}

/// [`build_keeping`] of one version of a versioned site (`None`: the current docs, which build
/// the old versions too when `[versions]` asks for them).
pub(crate) fn build_version(
    options: &BuildOptions,
    version: Option<&versions::OldBuild>,
) -> Result<(BuildReport, Kept), Errors> {
    let building_old = version.is_some();
    let started = Instant::now();
    let stage = |name: &str| {
        if let Some(report) = options.progress {
            report(name);
        }
    };
    stage("Reading, rendering and dating the articles");
    let (analysis, theme) = analyze_with_theme(&options.root, options.out.as_deref(), options.now, version)?;
    let Analysis { mut site, content, articles, sections, mut warnings, history, verdicts, mut clock, shared } =
        analysis;
    let mut plan = match &shared {
        Some(shared) if !building_old => versions::prepare(&site, &content, shared.clone())?,
        _ => None,
    };
    if let Some(plan) = &mut plan {
        if options.strict && !plan.failed.is_empty() {
            return Err(Errors(std::mem::take(&mut plan.failed)));
        }
        stage("Reading the published versions from their tags");
        site.version = Some(plan.current_nav());
        warnings.extend(plan.warnings.iter().cloned());
        clock.lap("versions from tags");
    }
    if let HistoryState::Shallow { workdir } = &history {
        warnings.push(Warning::new(
            WarningKind::History,
            None,
            Span::default(),
            format!("{}; until then no dates are shown", Error::shallow(workdir)),
        ));
    }
    // Articles first, then the section pages that are judged (`Content::judged`).
    let mut meta = article_meta(&history, &verdicts, verdicts.len());
    // The search index first: related articles on each page come from it.
    let refresh = options.search == SearchMode::Refresh || !indexing::indexed(&site, &content);
    if refresh {
        stage("Indexing for search");
    }
    let search = SiteSearch::new(&site, &content, &articles, &meta);
    prepare_search(&search, &content, &mut meta, refresh, &mut clock)?;

    // An old version whose theme files are the current docs' links those (§7.6).
    let shares_static_files = version.is_some_and(|old| old.shares_static_files(&theme, &site, &content));
    if let Some(old) = version.filter(|_| shares_static_files) {
        site.static_base = old.current_static_base().to_string();
    }
    stage("Writing the pages");
    let staging = Staging::new(&site.output_dir)?;
    let dashboard = dashboard::data(&content, &history, &verdicts, options.now);
    let pages = Pages::new(&site, &theme, &content, &articles, &sections, &meta, &dashboard);
    let mut written = pages.write_all(&staging)?;
    warnings.append(&mut written.warnings);
    clock.lap("pages");
    write_machine_files(&site, &content, &meta, &staging)?;
    clock.lap("sitemap, feeds, llms.txt");
    export_search(&site, &content, &staging)?;
    clock.lap("search export");
    let same_as = version.map(|old| old.same_as.as_slice()).unwrap_or_default();
    copy_files(&site, (!shares_static_files).then_some(&theme), &content, &staging, same_as)?;
    clock.lap("copy files");
    let mut built = versions::Built::default();
    if let Some(plan) = &plan {
        stage("Building the published versions");
        built = plan.build_old(staging.path(), options.now, options.strict)?;
        warnings.append(&mut built.warnings);
        clock.lap("older versions");
    }
    let (files, bytes, linked) =
        (staging.files() + built.files, staging.bytes() + built.bytes, staging.linked() + built.linked);
    staging.commit()?;
    clock.lap("swap");
    let renders = match &shared {
        Some(shared) => shared.renders.count(),
        None => RenderCount { rendered: articles.len() + sections.iter().flatten().count(), reused: 0 },
    };
    let mut timings = clock.laps;
    timings.extend(built.timings.into_iter().map(|(stage, took)| (format!("older versions: {stage}"), took)));

    warnings.sort_by(|a, b| (&a.path, a.span.line).cmp(&(&b.path, b.span.line)));
    let report = BuildReport {
        output_dir: site.output_dir.clone(),
        articles: content.articles.len(),
        languages: site.languages.len(),
        pages: written.pages,
        redirects: written.redirects,
        assets: content.assets.len(),
        files,
        bytes,
        linked,
        warnings,
        elapsed: started.elapsed(),
        versions: built.labels,
        renders,
        timings,
    };
    let by_path = content
        .articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((a.source.path.canonicalize().ok()?, i)))
        .collect();
    Ok((report, Kept { site, theme, content, articles, sections, meta, dashboard, search, by_path }))
}

/// A built site as `serve` keeps it between saves.
pub(crate) struct Kept {
    site: Site,
    theme: Theme,
    content: Content,
    articles: Vec<Rendered>,
    sections: Vec<Option<Rendered>>,
    meta: Vec<ArticleMeta>,
    dashboard: serde_json::Value,
    /// The search documents, kept up to date with the text of every article.
    search: SiteSearch,
    /// Article index by canonical source path.
    by_path: HashMap<std::path::PathBuf, usize>,
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
        path: &std::path::Path,
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
        let doc = match crate::content::front_matter::parse(&display, &text) {
            Ok(doc) => doc,
            Err(errors) => return Some(Err(Errors(errors))),
        };
        if doc.front != old.front || !doc.near_misses.is_empty() {
            return None;
        }
        let article = &self.content.articles[i];
        let index = SiteIndex::new(&self.content, &self.site.base_path, &self.site.default_language().code);
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
        self.meta[i].updated = Some(now);
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
            warnings: Vec::new(),
            elapsed: started.elapsed(),
            versions: Vec::new(),
            renders: RenderCount { rendered: 1, reused: 0 },
            timings: Vec::new(),
        }))
    }
}

/// What pages show of history and freshness, for the first `pages` judged pages (articles
/// first, then section pages with text: see `Content::judged`).
pub(crate) fn article_meta(history: &HistoryState, verdicts: &[Verdict], pages: usize) -> Vec<ArticleMeta> {
    let HistoryState::Known(history) = history else {
        return vec![ArticleMeta::default(); pages];
    };
    verdicts[..pages.min(verdicts.len())]
        .iter()
        .enumerate()
        .map(|(i, verdict)| ArticleMeta {
            updated: history.changes[i].as_ref().map(|c| c.time),
            status: Some(verdict.status),
            predates: verdict.predates.clone(),
            related: Vec::new(),
            // The release rule first: it is the one a reader can act on ("which version?").
            stale_rule: [Rule::Release, Rule::Translation, Rule::Age]
                .into_iter()
                .find(|rule| verdict.findings.iter().any(|f| f.rule == *rule))
                .map(Rule::name),
            stale_detail: verdict
                .findings
                .iter()
                .filter(|f| f.rule == Rule::Release)
                .flat_map(|f| &f.evidence)
                .find(|e| matches!(e.kind, EvidenceKind::Mention | EvidenceKind::Ui))
                .map(|e| e.detail.trim_matches(['`', '"']).to_string()),
        })
        .collect()
}

/// Renders every article and section index, on all cores, and settles article titles. With
/// `renders` (a site with `[versions]`), a document another version rendered with the same
/// outcome is taken from there.
fn render_markdown(
    site: &Site,
    theme: Option<&Theme>,
    content: &mut Content,
    renders: Option<&RenderCache>,
) -> (Vec<Rendered>, Vec<Option<Rendered>>) {
    let index = SiteIndex::new(content, &site.base_path, &site.default_language().code);
    let labels: HashMap<&str, markdown::CalloutLabels> =
        site.languages.iter().filter_map(|l| Some((l.code.as_str(), theme?.callout_labels(&l.code)))).collect();
    let default_labels = markdown::CalloutLabels::default();
    // Without a theme no page is written (`check`, `search`): colouring code would be wasted.
    let highlight = site.config.markdown.highlight && theme.is_some();
    let render_source = |source: &content::Source, lang: &str, url: &str| {
        let resolver = index.for_page(&source.rel_path, url);
        let labels = labels.get(lang).unwrap_or(&default_labels);
        match renders {
            Some(cache) => cache.render(&source.body, source.body_line, &resolver, &site.base_path, labels, highlight),
            None => markdown::render(&source.body, source.body_line, &resolver, labels, highlight),
        }
    };
    let articles = crate::parallel::map(&content.articles, |a| render_source(&a.source, &a.lang, &a.url));
    let sections: Vec<Option<Rendered>> = content
        .sections
        .iter()
        .map(|s| s.index.as_ref().map(|source| render_source(source, &s.lang, &s.url)))
        .collect();
    drop(index);

    for (article, rendered) in content.articles.iter_mut().zip(&articles) {
        if article.title.is_empty() {
            article.title = rendered.h1.clone().unwrap_or_else(|| {
                let name = article.key.rsplit('/').next().unwrap_or(&article.key);
                let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
                content::humanize(stem)
            });
        }
    }
    for (section, rendered) in content.sections.iter_mut().zip(&sections) {
        let has_title = section.index.as_ref().is_some_and(|i| i.front.title.is_some());
        if !has_title && let Some(h1) = rendered.as_ref().and_then(|r| r.h1.clone()) {
            section.title = h1;
        }
    }
    (articles, sections)
}

/// Articles and sub-sections in reading order: `order` first, then title.
fn sort_sections(content: &mut Content) {
    let article_keys: Vec<(i64, String)> = content
        .articles
        .iter()
        .map(|a| (a.source.front.effective_order().unwrap_or(i64::MAX), a.title.to_lowercase()))
        .collect();
    let section_keys: Vec<(i64, String)> = content
        .sections
        .iter()
        .map(|s| {
            let order = s.index.as_ref().and_then(|i| i.front.effective_order()).unwrap_or(i64::MAX);
            (order, s.title.to_lowercase())
        })
        .collect();
    for section in &mut content.sections {
        section.articles.sort_by(|a, b| article_keys[a.0].cmp(&article_keys[b.0]));
        section.subsections.sort_by(|a, b| section_keys[a.0].cmp(&section_keys[b.0]));
    }
}

/// Every link to a missing page, file or anchor, with the page and line it is on.
fn broken_links(content: &Content, articles: &[Rendered], sections: &[Option<Rendered>]) -> Vec<BrokenLink> {
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    for (article, rendered) in content.articles.iter().zip(articles) {
        ids.insert(article.url.to_lowercase(), rendered.ids.clone());
    }
    for (section, rendered) in content.sections.iter().zip(sections) {
        ids.insert(section.url.to_lowercase(), rendered.as_ref().map(|r| r.ids.clone()).unwrap_or_default());
    }
    let pages = (articles.iter().enumerate().map(|(i, r)| (PageRef::Article(ArticleId(i)), r)))
        .chain(sections.iter().enumerate().filter_map(|(i, r)| Some((PageRef::Section(SectionId(i)), r.as_ref()?))));
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
fn link_warning(site: &Site, content: &Content, link: &BrokenLink) -> Warning {
    let path = content.source_of(link.page).map(|source| site.display_path(&source.rel_path));
    Warning::new(WarningKind::BrokenLink, path, Span::line(link.line), link.message.clone())
}

/// What rendering found wrong in each page (an image without alt text), naming file and line.
fn render_warnings(
    site: &Site,
    content: &Content,
    articles: &[Rendered],
    sections: &[Option<Rendered>],
) -> Vec<Warning> {
    let sources = content.articles.iter().map(|a| &a.source).zip(articles.iter().map(Some));
    let sections = content.sections.iter().map(|s| s.index.as_ref()).zip(sections.iter().map(Option::as_ref));
    let mut warnings = Vec::new();
    for (source, rendered) in sources.chain(sections.filter_map(|(source, r)| Some((source?, r)))) {
        for warning in rendered.iter().flat_map(|r| &r.warnings) {
            let path = Some(site.display_path(&source.rel_path));
            warnings.push(Warning::new(WarningKind::Markdown, path, Span::line(warning.line), warning.message.clone()));
        }
    }
    warnings
}

/// How many related articles a page lists.
const RELATED: usize = 5;

/// One search index per language, kept beside the site; with `refresh`, rewritten first where
/// its text changed. Fills in each article's related articles from it.
fn prepare_search(
    search: &SiteSearch,
    content: &Content,
    meta: &mut [ArticleMeta],
    refresh: bool,
    clock: &mut Stopwatch,
) -> Result<(), Errors> {
    if refresh {
        search.refresh()?;
    }
    clock.lap("search index");
    for (lang, dir) in search.indexed_languages() {
        let mut related = match indexing::related(dir, RELATED) {
            Ok(related) => related,
            // Reusing: a language that has no index yet has no related articles either.
            Err(_) if !refresh => continue,
            Err(e) => return Err(e.into()),
        };
        for (i, article) in content.articles.iter().enumerate().filter(|(_, a)| a.lang == lang) {
            if let Some(links) = related.remove(&article.source.rel_path) {
                meta[i].related = links;
            }
        }
    }
    clock.lap("related articles");
    Ok(())
}

/// The static export of each language's index into `search/<lang>/`, for the browser.
fn export_search(site: &Site, content: &Content, out: &Staging) -> Result<(), Errors> {
    let root = indexing::index_root(site);
    for language in &site.languages {
        if !content.articles.iter().any(|a| a.lang == language.code) {
            continue;
        }
        let dir = root.join(&language.code);
        let export_dir = out.subdir(&format!("search/{}", language.code))?;
        let (files, bytes) = indexing::export(&dir, &export_dir)?;
        out.record(files, bytes);
    }
    Ok(())
}

fn write_machine_files(site: &Site, content: &Content, dates: &[ArticleMeta], out: &Staging) -> Result<(), Errors> {
    if let Some(xml) = sitemap::sitemap(site, content, dates) {
        out.write("sitemap.xml", xml.as_bytes())?;
    }
    out.write("robots.txt", sitemap::robots(site).as_bytes())?;
    for language in &site.languages {
        let feed_url = format!("{}feed.xml", site.home_url(&language.code));
        if let Some(xml) = sitemap::feed(site, content, dates, &language.code, &feed_url) {
            out.write(&crate::pages::page_file(&feed_url, &site.base_path), xml.as_bytes())?;
        }
    }
    Ok(())
}

/// The theme's static files (unless `theme` is none: an old version that links the current
/// docs'), then the content folder's own files (which win, being the site's). A file with the
/// same bytes at the same place in one of `same_as` (another version's folder) is a hard link
/// to it.
fn copy_files(
    site: &Site,
    theme: Option<&Theme>,
    content: &Content,
    out: &Staging,
    same_as: &[PathBuf],
) -> Result<(), Errors> {
    let mut errors = Vec::new();
    for (rel, bytes) in theme.into_iter().flat_map(Theme::static_files) {
        if let Err(e) = bytes.and_then(|b| out.write_or_link(rel, &b, same_as)) {
            errors.push(e);
        }
    }
    for asset in &content.assets {
        let rel = asset.url.strip_prefix(&site.base_path).unwrap_or(&asset.url);
        if let Err(e) = out.copy_or_link(&asset.path, rel, same_as) {
            errors.push(e);
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Errors(errors)) }
}
