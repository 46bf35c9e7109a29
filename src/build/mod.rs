//! `build`: the pipeline as a list of stages, from `freshdocs.toml` to a swapped-in `public/`.

mod kept;
mod render;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::config::Site;
use crate::content::{self, ArticleId, Content, JudgedId, SectionId, Table};
use crate::dashboard;
use crate::drift::EvidenceKind;
use crate::error::{Error, Errors, Span, Warning, WarningKind};
use crate::freshness::report::Report;
use crate::freshness::{self, HistoryState, Policy, Rule, Verdict};
use crate::indexing::{self, QueryError, SearchResults, SiteSearch};
use crate::markdown::{RenderCache, RenderCount, Rendered, SavedRenders};
use crate::output::Staging;
use crate::pages::{ArticleMeta, Pages};
use crate::sitemap;
use crate::theme::Theme;
use crate::versions;
pub(crate) use kept::Kept;
use render::{Renders, broken_links, link_warning, render_markdown, render_warnings, sort_sections};

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
    /// Files left as an earlier build wrote them, since they would be written with the same
    /// bytes (`output::Staging`): all versions together.
    pub kept: usize,
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
    pub(crate) articles: Table<ArticleId, Rendered>,
    pub(crate) sections: Table<SectionId, Option<Rendered>>,
    /// Warnings of the build: broken links, skipped files, history notes.
    pub warnings: Vec<Warning>,
    pub(crate) history: HistoryState,
    pub(crate) verdicts: Table<JudgedId, Verdict>,
    /// The stages run so far.
    pub(crate) clock: Stopwatch,
    /// What the builds of a site's versions share (`[versions]`), or none.
    pub(crate) shared: Option<Arc<versions::Shared>>,
    /// The last build's renderings, for a build without versions; none for `check`.
    pub(crate) saved: Option<Arc<SavedRenders>>,
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
    analyze_site(site, None, now, clock, Given::nothing())
}

/// [`analyze`] for `freshdocs search`, which shows the articles' dates but no verdict: without
/// the coupling model, which is most of the history stage's cost (bench/drift/README.md). The
/// verdicts are then the blunt release rule's.
pub fn analyze_for_search(root: &std::path::Path, now: DateTime<FixedOffset>) -> Result<Analysis, Errors> {
    let mut clock = Stopwatch::start();
    let site = Site::load(root, None)?;
    clock.lap("settings");
    analyze_site(site, None, now, clock, Given { coupling: false, ..Given::nothing() })
}

/// What [`analyze_site`] is given besides the site.
struct Given<'a> {
    /// What the builds of a site's versions share.
    shared: Option<Arc<versions::Shared>>,
    /// The content when it was already read (an old version's, read to list its pages).
    loaded: Option<(Content, Vec<Warning>)>,
    /// Where an old version's history is read from.
    as_of: Option<&'a freshness::AsOf>,
    /// Whether to build the coupling model, which the coupled release rule judges by.
    coupling: bool,
    /// The last build's renderings.
    saved: Option<Arc<SavedRenders>>,
}

impl Given<'_> {
    /// The current docs, read from the work tree and judged with every rule.
    fn nothing() -> Given<'static> {
        Given { shared: None, loaded: None, as_of: None, coupling: true, saved: None }
    }
}

/// [`analyze`] of an old release line of the site (`check --version`): a release line (`v1.16`)
/// or tag (`v1.16.2`), its content and settings read out of its tag as `[versions]` reads them,
/// its history and releases as of that tag. Files are named as they are in the work tree, at the
/// place the tag had them, for the writer who fixes them on the release branch.
pub fn analyze_version(root: &std::path::Path, now: DateTime<FixedOffset>, version: &str) -> Result<Analysis, Errors> {
    let mut clock = Stopwatch::start();
    let site = Site::load(root, None)?;
    let old = versions::read::for_check(&site, version)?;
    clock.lap("settings and the version from its tag");
    let mut warnings = old.loaded.1;
    warnings.extend(versions::read::unread_warning(version, &old.as_of.tag, &old.unread));
    let loaded = Some((old.loaded.0, warnings));
    let read_into = old.site.display_path("");
    let given = Given { loaded, as_of: Some(&old.as_of), ..Given::nothing() };
    let mut analysis = analyze_site(old.site, None, now, clock, given)?;
    // The content folder at the place in the site folder that the tag had it.
    let in_site = old.as_of.content_prefix.strip_prefix(&old.as_of.site_prefix).unwrap_or_default();
    analysis.site.content_dir = site.root.join(in_site);
    let work_tree = analysis.site.display_path("");
    for path in analysis.warnings.iter_mut().filter_map(|w| w.path.as_mut()) {
        if let Ok(rel) = path.strip_prefix(&read_into) {
            *path = work_tree.join(rel);
        }
    }
    Ok(analysis)
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
            if let Some(dir) = &old.content_dir {
                site.content_dir = dir.clone();
            }
            Some(old.shared.clone())
        }
        // The current docs start what their versions share: the first renderings, and those
        // the last build kept.
        None => versions::enabled(&site).then(|| {
            let renders = match (indexing::saved_version_renders(&site), indexing::binary_identity()) {
                (Some(file), Some(binary)) => RenderCache::load(file, binary),
                _ => RenderCache::default(),
            };
            Arc::new(versions::Shared { renders })
        }),
    };
    let theme = Theme::load(&site)?;
    // A site without versions renders each document once for all its pages; its renderings
    // are kept for the next build (a versioned site's are shared between its versions instead).
    let saved = match (&shared, version, indexing::saved_renders(&site), indexing::binary_identity()) {
        (None, None, Some(file), Some(binary)) => Some(Arc::new(SavedRenders::load(file, binary, &site.base_path))),
        _ => None,
    };
    clock.lap("settings and theme");
    let loaded = version.and_then(|old| old.content.take());
    let as_of = version.map(|old| &old.as_of);
    let given = Given { shared, loaded, as_of, coupling: true, saved };
    let analysis = analyze_site(site, Some(&theme), now, clock, given)?;
    Ok((analysis, theme))
}

/// The stages both share once the site (and the theme, if any) is loaded.
fn analyze_site(
    site: Site,
    theme: Option<&Theme>,
    now: DateTime<FixedOffset>,
    mut clock: Stopwatch,
    Given { shared, loaded, as_of, coupling, saved }: Given<'_>,
) -> Result<Analysis, Errors> {
    let policy = Policy::from_site(&site, now)?;
    let (mut content, mut warnings) = match loaded {
        Some(loaded) => loaded,
        None => content::load(&site)?,
    };
    clock.lap("discover");
    let renders = match (&shared, &saved) {
        (Some(shared), _) => Renders::Versions(&shared.renders),
        (None, Some(saved)) => Renders::Saved(saved),
        (None, None) => Renders::Each,
    };
    let (articles, sections) = render_markdown(&site, theme, &mut content, renders);
    sort_sections(&mut content);
    clock.lap("render");
    let links = broken_links(&content, &articles, &sections);
    warnings.extend(links.iter().map(|link| link_warning(&site, &content, link)));
    warnings.extend(render_warnings(&site, &content, &articles, &sections));
    clock.lap("links");
    // An old version's history is read as of its tag.
    let history = freshness::load_history(&site, &content, now, &mut warnings, coupling, as_of)?;
    clock.lap("history");
    let verdicts = freshness::judge_all(&content, &history, &policy, &links);
    clock.lap("judge");
    Ok(Analysis { site, content, articles, sections, warnings, history, verdicts, clock, shared, saved })
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
        let dates = article_meta(&self.history, &self.verdicts);
        SiteSearch::new(&self.site, &self.content, &self.articles, &self.sections, &dates).search(lang, query, limit)
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
    let Analysis { mut site, content, articles, sections, mut warnings, history, verdicts, mut clock, shared, saved } =
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
    let mut meta = article_meta(&history, &verdicts);
    // The search index first: related articles on each page come from it.
    let refresh = options.search == SearchMode::Refresh || !indexing::indexed(&site, &content);
    if refresh {
        stage("Indexing for search");
    }
    let search = SiteSearch::new(&site, &content, &articles, &sections, &meta);
    prepare_search(&search, &content, &mut meta, refresh, &mut clock)?;

    // An old version whose theme files are the current docs' links those (§7.6).
    let shares_static_files = version.is_some_and(|old| old.shares_static_files(&theme, &site, &content));
    if let Some(old) = version.filter(|_| shares_static_files) {
        site.static_base = old.current_static_base().to_string();
    }
    stage(if plan.is_some() { "Writing the pages and building the published versions" } else { "Writing the pages" });
    // A build that replaces a site starts from the one the build before replaced. An old
    // version's folder inside the site being built is not live: it is its own spare.
    let spare = match site.output_dir.is_dir() {
        false => None,
        true if building_old => Some(site.output_dir.clone()),
        true => indexing::spare_site(&site),
    };
    let staging = Staging::new(&site.output_dir, spare.as_deref())?;
    // The old versions are built into the staging folder while the current docs write theirs
    // (docs/ARCHITECTURE.md §7.6); they link the current docs' files once those are written.
    let turns = plan.as_ref().map(|plan| versions::Turns::new(plan, staging.path(), &theme, &site, &content));
    let dashboard = dashboard::data(&content, &history, &verdicts, options.now);
    let (mut written, mut built) = std::thread::scope(|scope| -> Result<_, Errors> {
        let old = plan
            .as_ref()
            .zip(turns.as_ref())
            .map(|(plan, turns)| scope.spawn(move || plan.build_old(turns, options.now, options.strict)));
        let current = (|| -> Result<_, Errors> {
            let pages = Pages::new(&site, &theme, &content, &articles, &sections, &meta, &dashboard);
            let written = pages.write_all(&staging)?;
            clock.lap("pages");
            write_machine_files(&site, &content, &meta, &staging)?;
            clock.lap("sitemap, feeds, llms.txt");
            export_search(&site, &content, &staging)?;
            clock.lap("search export");
            let same_as = version.map(|old| old.same_as()).unwrap_or_default();
            let blobs = version.and_then(|old| old.blobs.as_deref());
            copy_files(&site, (!shares_static_files).then_some(&theme), &content, &staging, &same_as, blobs)?;
            clock.lap("copy files");
            Ok(written)
        })();
        // Also when the current docs failed: the old versions must not wait for them forever.
        if let Some(turns) = &turns {
            turns.current_written();
        }
        let built = old.map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        let written = current?;
        let built = built.transpose()?.unwrap_or_default();
        if plan.is_some() {
            clock.lap("older versions");
        }
        Ok((written, built))
    })?;
    warnings.append(&mut written.warnings);
    for label in &built.labels {
        staging.adopt(label)?;
    }
    warnings.append(&mut built.warnings);
    let (files, bytes, linked) =
        (staging.files() + built.files, staging.bytes() + built.bytes, staging.linked() + built.linked);
    let kept = staging.kept() + built.kept;
    staging.commit()?;
    clock.lap("swap");
    let renders = match (&shared, &saved) {
        (Some(shared), _) => {
            if !building_old {
                // A cache that cannot be written only costs the next build its renderings.
                let _ = shared.renders.save();
                clock.lap("renderings kept");
            }
            shared.renders.count()
        }
        (None, Some(saved)) => {
            // A cache that cannot be written only costs the next build its renderings.
            let _ = saved.save(articles.iter().chain(sections.iter().flatten()));
            clock.lap("renderings kept");
            saved.count()
        }
        (None, None) => RenderCount { rendered: articles.len() + sections.iter().flatten().count(), reused: 0 },
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
        kept,
        warnings,
        elapsed: started.elapsed(),
        versions: built.labels,
        renders,
        timings,
    };
    let by_path =
        content.articles.enumerate().filter_map(|(i, a)| Some((a.source.path.canonicalize().ok()?, i))).collect();
    Ok((report, Kept { site, theme, content, articles, sections, meta, dashboard, search, by_path }))
}

/// What each judged page shows of its history and freshness.
pub(crate) fn article_meta(
    history: &HistoryState,
    verdicts: &Table<JudgedId, Verdict>,
) -> Table<JudgedId, ArticleMeta> {
    let HistoryState::Known(history) = history else {
        return verdicts.map(|_| ArticleMeta::default());
    };
    verdicts
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

/// How many related articles a page lists.
const RELATED: usize = 5;
/// How many more pages like it are asked of the index: section pages are searched, but are not
/// listed as related articles.
const RELATED_ASKED: usize = RELATED + 3;

/// One search index per language, kept beside the site; with `refresh`, rewritten first where
/// its text changed. Fills in each article's related articles from it.
fn prepare_search(
    search: &SiteSearch,
    content: &Content,
    meta: &mut Table<JudgedId, ArticleMeta>,
    refresh: bool,
    clock: &mut Stopwatch,
) -> Result<(), Errors> {
    if refresh {
        search.refresh()?;
    }
    clock.lap("search index");
    let sections: std::collections::HashSet<&str> = content.sections.iter().map(|s| s.url.as_str()).collect();
    for (lang, dir) in search.indexed_languages() {
        let mut related = match indexing::related(dir, RELATED_ASKED) {
            Ok(related) => related,
            // Reusing: a language that has no index yet has no related articles either.
            Err(_) if !refresh => continue,
            Err(e) => return Err(e.into()),
        };
        for (i, article) in content.articles.enumerate().filter(|(_, a)| a.lang == lang) {
            if let Some(mut links) = related.remove(&article.source.rel_path) {
                links.retain(|(_, url)| !sections.contains(url.as_str()));
                links.truncate(RELATED);
                meta[JudgedId::article(i)].related = links;
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
        indexing::export(&root.join(&language.code), out, &format!("search/{}", language.code))?;
    }
    Ok(())
}

fn write_machine_files(
    site: &Site,
    content: &Content,
    dates: &Table<JudgedId, ArticleMeta>,
    out: &Staging,
) -> Result<(), Errors> {
    if let Some(xml) = sitemap::sitemap(site, content, dates) {
        out.write("sitemap.xml", xml.as_bytes())?;
    }
    // The content folder's own robots.txt, copied with its files, says what crawlers may read.
    if !content.assets.iter().any(|a| a.site_path(&site.base_path) == "robots.txt") {
        out.write("robots.txt", sitemap::robots(site).as_bytes())?;
    }
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
/// to it; `blobs`, the git blob of each content file read out of git (an old version's), lets
/// it match another such version's file without reading either.
fn copy_files(
    site: &Site,
    theme: Option<&Theme>,
    content: &Content,
    out: &Staging,
    same_as: &[crate::output::Twin],
    blobs: Option<&std::collections::HashMap<String, git2::Oid>>,
) -> Result<(), Errors> {
    let mut errors = Vec::new();
    for (rel, bytes) in theme.into_iter().flat_map(Theme::static_files) {
        if let Err(e) = bytes.and_then(|b| out.write_or_link(rel, &b, same_as)) {
            errors.push(e);
        }
    }
    for asset in &content.assets {
        let rel = asset.site_path(&site.base_path);
        let blob = blobs.and_then(|blobs| blobs.get(rel).copied());
        if let Err(e) = out.copy_or_link(&asset.path, rel, blob, same_as) {
            errors.push(e);
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Errors(errors)) }
}
