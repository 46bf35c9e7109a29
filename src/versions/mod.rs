//! Versioned help centers: the docs of each published release, built from the git objects at its
//! tag into `/<version>/`, beside the current docs at the root.
//!
//! [`prepare`] chooses the versions (`[versions]` in `freshdocs.toml`, over the same release tags
//! as `check`), reads each one's site folder out of the tag's tree into
//! `<git dir>/freshdocs/versions/<label>/` (no checkout: the work tree is never touched) and
//! lists its pages, so that every page of every version can link to the same article in the
//! others. [`Plan::build_old`] then builds each old version with the whole pipeline into the
//! output being staged, so the swap of the new site stays one atomic step. The builds share
//! what is the same across versions ([`Shared`], [`OldBuild`]): the rendering of Markdown that did
//! not change, the current docs' copy of the theme's files, and identical files, stored once as
//! hard links (docs/ARCHITECTURE.md §7.6).
//!
//! A tag without its own `freshdocs.toml` is built with the current one, the content folder at
//! the same place in the repository. Old versions show their dates and verdicts as of their tag
//! ([`crate::freshness::AsOf`]) and carry a banner that names the current version. `check
//! --version` judges one of them the same way ([`read::for_check`]).

mod folders;
pub(crate) mod read;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::build::{BuildOptions, SearchMode};
use crate::config::{CONFIG_FILE, Site};
use crate::content::Content;
use crate::error::{Error, Errors, Span, Warning, WarningKind};
use crate::history;
use crate::markdown::RenderCache;
use crate::output::Twin;
use crate::theme::Theme;

/// `[versions]`: which releases to publish besides the current docs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct VersionsConfig {
    /// The newest N release lines (one per major.minor, each at its newest patch), the current
    /// docs included when they are `latest`.
    pub(crate) keep: Option<usize>,
    /// Or these release tags (names or globs).
    pub(crate) tags: Vec<String>,
    /// What the current docs (HEAD) are: `"latest"`, the newest release's docs, or `"next"`,
    /// docs of what is not released yet.
    pub(crate) current: CurrentDocs,
    /// The current docs' name in the version switcher (default: the newest release line for
    /// `latest`, "next" for `next`).
    pub(crate) label: Option<String>,
    /// Keep old versions out of search engines: `noindex` on their pages, and out of the sitemap.
    pub(crate) noindex: bool,
}

impl Default for VersionsConfig {
    fn default() -> Self {
        VersionsConfig { keep: None, tags: Vec::new(), current: CurrentDocs::Latest, label: None, noindex: true }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CurrentDocs {
    Latest,
    Next,
}

/// One published version, as every page of every version sees it.
#[derive(Debug, Clone)]
pub(crate) struct Published {
    pub(crate) label: String,
    /// URL path of its home (`/v1.2/`, or the site's base path for the current docs).
    pub(crate) base: String,
    /// Its pages' URLs relative to `base` (`billing/refunds/`), and its old URLs (`aliases`),
    /// each to the page that now answers it.
    pages: HashSet<String>,
    aliases: HashMap<String, String>,
    /// Each page's own old URLs: where to look for it in the versions before it was moved.
    former: HashMap<String, Vec<String>>,
}

/// Where one build sits among the versions: given to every page it writes.
#[derive(Debug)]
pub(crate) struct Nav {
    /// The version this build is (an index into `all`).
    pub(crate) this: usize,
    /// Every published version, the current docs first, then the old ones newest first.
    pub(crate) all: Vec<Published>,
    pub(crate) noindex: bool,
    /// The newest release among them: 0 when the current docs are the latest release, 1 when
    /// they are `next` (not released yet) and the newest release is the first old version.
    pub(crate) released: usize,
}

/// A link of the version switcher, or of the old-version banner.
#[derive(Debug, Serialize)]
pub(crate) struct VersionLink {
    pub(crate) label: String,
    pub(crate) url: String,
    /// The version being read.
    pub(crate) here: bool,
    /// The link reaches the same article there (not only that version's home).
    pub(crate) same_page: bool,
}

/// What the templates receive as `versions`.
#[derive(Debug, Serialize)]
pub(crate) struct VersionsContext {
    pub(crate) label: String,
    /// An old version: the banner shows and search engines are told `noindex`.
    pub(crate) old: bool,
    pub(crate) noindex: bool,
    pub(crate) list: Vec<VersionLink>,
    /// For an old version: the newest release (the current docs, unless they are `next`), at
    /// the same article where it exists.
    pub(crate) current: Option<VersionLink>,
    /// For the docs of what is not released yet (`next`): the newest release, at the same
    /// article where it exists.
    pub(crate) release: Option<VersionLink>,
}

impl Nav {
    /// This build's version.
    pub(crate) fn here(&self) -> &Published {
        &self.all[self.this]
    }

    /// Older than the newest release: the banner shows, and search engines are told `noindex`.
    pub(crate) fn is_old(&self) -> bool {
        self.this > self.released
    }

    /// The template context for the page at `url` (a URL path of this build).
    pub(crate) fn context(&self, url: &str) -> VersionsContext {
        let rel = url.strip_prefix(self.here().base.as_str()).unwrap_or(url.trim_start_matches('/'));
        let former = self.here().former.get(rel).map(Vec::as_slice).unwrap_or_default();
        let link = |i: usize| {
            let v = &self.all[i];
            let (url, same_page) = v.url_of(rel, former);
            VersionLink { label: v.label.clone(), url, here: i == self.this, same_page }
        };
        let current = self.is_old().then(|| link(self.released));
        let release = (self.this < self.released).then(|| link(self.released));
        VersionsContext {
            label: self.here().label.clone(),
            old: self.is_old(),
            noindex: self.noindex,
            list: (0..self.all.len()).map(link).collect(),
            current,
            release,
        }
    }

    /// The canonical URL path of the page at `url`: the newest release's article, when a page
    /// of another version (an old one, or `next`) has one there.
    pub(crate) fn canonical(&self, url: &str) -> Option<String> {
        if self.this == self.released {
            return None;
        }
        let rel = url.strip_prefix(self.here().base.as_str())?;
        let former = self.here().former.get(rel).map(Vec::as_slice).unwrap_or_default();
        let (url, same_page) = self.all[self.released].url_of(rel, former);
        same_page.then_some(url)
    }
}

impl Published {
    /// The URL of `rel` (a page once also at `former`) in this version: the same page, else the
    /// page that took it over (its `aliases`), else the page under an older name, else this
    /// version's home in the page's language.
    fn url_of(&self, rel: &str, former: &[String]) -> (String, bool) {
        if self.pages.contains(rel) {
            return (format!("{}{rel}", self.base), true);
        }
        if let Some(to) = self.aliases.get(rel.trim_end_matches('/')) {
            return (format!("{}{to}", self.base), true);
        }
        if let Some(old) = former.iter().find(|f| self.pages.contains(*f)) {
            return (format!("{}{old}", self.base), true);
        }
        let lang_home = rel.split_once('/').map(|(first, _)| format!("{first}/")).filter(|h| self.pages.contains(h));
        (format!("{}{}", self.base, lang_home.unwrap_or_default()), false)
    }

    fn of(label: String, base: String, content: &Content) -> Published {
        let rel = |url: &str| url.strip_prefix(base.as_str()).unwrap_or(url).to_string();
        let mut pages: HashSet<String> = content.articles.iter().map(|a| rel(&a.url)).collect();
        pages.extend(content.sections.iter().map(|s| rel(&s.url)));
        let mut aliases = HashMap::new();
        let mut former: HashMap<String, Vec<String>> = HashMap::new();
        for article in &content.articles {
            for alias in &article.source.front.aliases {
                // `/refunds/` under the site's base path: `refunds`.
                let alias = alias.trim_matches('/');
                let site_base = base.trim_matches('/');
                let alias = alias.strip_prefix(site_base).unwrap_or(alias).trim_matches('/');
                aliases.insert(alias.to_string(), rel(&article.url));
                former.entry(rel(&article.url)).or_default().push(format!("{alias}/"));
            }
        }
        Published { label, base, pages, aliases, former }
    }
}

/// What the builds of all versions of one site share.
#[derive(Default)]
pub(crate) struct Shared {
    /// Every version's rendered Markdown: a document that is the same in several versions, with
    /// links that lead to the same places, is rendered once.
    pub(crate) renders: RenderCache,
}

/// What one old version's build is given.
pub(crate) struct OldBuild<'a> {
    pub(crate) nav: Arc<Nav>,
    pub(crate) shared: Arc<Shared>,
    /// The git blob of each of its content files, by site path, when they were read out of git.
    pub(crate) blobs: Blobs,
    /// The order it copies its files in among the old versions (see [`OldBuild::same_as`]).
    pub(crate) turn: (&'a Turns, usize),
    /// The version's content, already read by [`prepare`] to list its pages (with the same
    /// settings and base path), and the warnings of reading it: taken by the build.
    pub(crate) content: Cell<Option<(Content, Vec<Warning>)>>,
    /// Where its history is read from: the tag's commit, and the site's place in the
    /// repository then.
    pub(crate) as_of: crate::freshness::AsOf,
    /// Its content folder, when not the one its settings name (a copy kept in the work tree).
    pub(crate) content_dir: Option<PathBuf>,
}

impl OldBuild<'_> {
    /// Whether this version's pages can link the current docs' copy of the theme's static
    /// files: each one is there with the same bytes, and none is also a file of this version's
    /// content folder (which would take its place in this version's own folder). Asked of what
    /// the current docs write ([`Turns`] holds it), not of their folder, which is being written
    /// at the same time.
    pub(crate) fn shares_static_files(&self, theme: &Theme, site: &Site, content: &Content) -> bool {
        let own: HashSet<&str> = content.assets.iter().map(|a| a.site_path(&site.base_path)).collect();
        theme.static_files().all(|(rel, bytes)| {
            !own.contains(rel)
                && bytes
                    .is_ok_and(|bytes| self.turn.0.current_files.get(rel).is_some_and(|current| **current == *bytes))
        })
    }

    /// The folders already built, once the versions before this one are done: the current
    /// docs' (being staged), then the older versions built before this one. A file of this
    /// version with the same bytes at the same place in one of them is a hard link to it.
    /// Waits for this version's turn: the versions are built side by side, but copy their
    /// files one after another in their order.
    pub(crate) fn same_as(&self) -> Vec<Twin> {
        let (turns, i) = self.turn;
        turns.wait(i)
    }

    /// Where the current docs' pages find the theme's static files.
    pub(crate) fn current_static_base(&self) -> &str {
        &self.nav.all[0].base
    }
}

/// What the builds of the old versions did, for the current docs' report.
#[derive(Debug, Default)]
pub(crate) struct Built {
    /// The labels built, newest first.
    pub(crate) labels: Vec<String>,
    /// Their files and bytes, and the files among them that are hard links to another
    /// version's.
    pub(crate) files: usize,
    pub(crate) bytes: u64,
    pub(crate) linked: usize,
    /// Their files left as the earlier site had them (`output::Staging`).
    pub(crate) kept: usize,
    pub(crate) warnings: Vec<Warning>,
    /// The time of each stage, summed over the versions, in the order the stages ran.
    pub(crate) timings: Vec<(String, std::time::Duration)>,
}

/// An old version ready to build: its tag and where its site folder was read out to, or the
/// folder of the work tree that holds its copy.
struct Old {
    root: PathBuf,
    /// The content folder, when it is not the one the settings at `root` name (a copy kept in
    /// the work tree).
    content_dir: Option<PathBuf>,
    /// Where it comes from, for messages: `tag v1.2.0`, `folder versioned_docs/version-1.2`.
    source: String,
    /// Where its history is read from, and the release it is judged as of.
    as_of: crate::freshness::AsOf,
    /// Its content as read to list its pages, and the warnings of reading it, until its build
    /// takes them.
    content: Mutex<Option<(Content, Vec<Warning>)>>,
}

/// The versions of one build.
pub(crate) struct Plan {
    nav: Vec<Published>,
    old: Vec<Old>,
    noindex: bool,
    /// Whether the current docs are `next`, the docs of what is not released yet.
    next: bool,
    shared: Arc<Shared>,
    /// Versions that could not be read (a tag without the docs folder), as warnings.
    pub(crate) warnings: Vec<Warning>,
    /// The same failures as errors, for `build --strict`.
    pub(crate) failed: Vec<Error>,
}

impl Plan {
    /// The newest release among the versions (see [`Nav::released`]).
    fn released(&self) -> usize {
        usize::from(self.next && self.nav.len() > 1)
    }

    /// Where the current docs sit among the versions.
    pub(crate) fn current_nav(&self) -> Arc<Nav> {
        Arc::new(Nav { this: 0, all: self.nav.clone(), noindex: self.noindex, released: self.released() })
    }

    /// Builds every old version into `<staging>/<label>/`. A version that fails to build is a
    /// warning naming the version and the file, and the others go on; with `strict` it is an
    /// error, once all were tried.
    pub(crate) fn build_old(&self, turns: &Turns, now: DateTime<FixedOffset>, strict: bool) -> Result<Built, Errors> {
        // Side by side on the cores there are; each version still copies its files and takes
        // its place in order (`Turns`), so what it links to is what it would link to if the
        // versions were built one by one.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<Mutex<Option<BuiltOne>>> = self.old.iter().map(|_| Mutex::new(None)).collect();
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(self.old.len());
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(slot) = results.get(i) else { break };
                            let outcome = self.build_one(i, now, strict, turns);
                            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
                        }
                    })
                })
                .collect();
            for handle in handles {
                handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            }
        });
        let mut built = Built::default();
        let mut failed = Vec::new();
        for (old, slot) in self.old.iter().zip(results) {
            let outcome = slot.into_inner().unwrap_or_else(PoisonError::into_inner);
            let Some((label, outcome)) = outcome else { continue };
            match outcome {
                Ok(report) => {
                    built.labels.push(label.clone());
                    built.files += report.files;
                    built.bytes += report.bytes;
                    built.linked += report.linked;
                    built.kept += report.kept;
                    built.warnings.extend(report.warnings.into_iter().map(|w| in_version(old, &label, w)));
                    built.add_timings(&report.timings);
                }
                Err(Errors(errors)) if strict => {
                    failed.extend(errors.iter().map(|e| Error::version_not_built(&label, &old.source, e)));
                }
                Err(Errors(errors)) => {
                    built.warnings.extend(errors.iter().map(|e| not_built(&label, &old.source, e)));
                }
            }
        }
        if failed.is_empty() { Ok(built) } else { Err(Errors(failed)) }
    }

    /// Builds the `i`th old version into `<staging>/<label>/` of the current docs' staging
    /// folder, taking its turn in `turns`.
    fn build_one(&self, i: usize, now: DateTime<FixedOffset>, strict: bool, turns: &Turns) -> BuiltOne {
        let old = &self.old[i];
        let label = self.nav[i + 1].label.clone();
        // Whatever happens to this build, the versions after it get their turn.
        let mut turn = Turn { turns, index: i, built: None };
        let options = BuildOptions {
            root: old.root.clone(),
            out: Some(turns.current.join(&label)),
            now,
            search: SearchMode::Refresh,
            progress: None,
            strict,
        };
        let nav =
            Arc::new(Nav { this: i + 1, all: self.nav.clone(), noindex: self.noindex, released: self.released() });
        let content = old.content.lock().unwrap_or_else(PoisonError::into_inner).take();
        let blobs = content.as_ref().and_then(|(content, _)| blobs_at(&old.as_of, content, &self.nav[i + 1].base));
        let version = OldBuild {
            blobs: blobs.clone(),
            nav,
            shared: self.shared.clone(),
            turn: (turns, i),
            content: Cell::new(content),
            as_of: old.as_of.clone(),
            content_dir: old.content_dir.clone(),
        };
        let result = crate::build::build_version(&options, Some(&version)).map(|(report, _)| report);
        if result.is_ok() {
            turn.built = Some((label.clone(), blobs));
        }
        drop(turn);
        (label, result)
    }
}

/// The git blob of each content file of a version read out of git, by site path (`img/a.png`).
pub(crate) type Blobs = Option<Arc<HashMap<String, git2::Oid>>>;

/// The blobs that the content files of the version at `as_of` (with the base path `base`) were
/// read from: the tag's tree holds them. None for a version kept in the work tree.
fn blobs_at(as_of: &crate::freshness::AsOf, content: &Content, base: &str) -> Blobs {
    let repo = git2::Repository::open(&as_of.workdir).ok()?;
    let tree = repo.find_commit(as_of.commit?).ok()?.tree().ok()?;
    let blobs = content
        .assets
        .iter()
        .filter_map(|asset| {
            let entry = tree.get_path(Path::new(&format!("{}{}", as_of.content_prefix, asset.rel_path))).ok()?;
            let rel = asset.site_path(base);
            (entry.kind() == Some(git2::ObjectType::Blob) && entry.filemode() != 0o120000)
                .then(|| (rel.to_string(), entry.id()))
        })
        .collect();
    Some(Arc::new(blobs))
}

/// One old version's label and the outcome of its build.
type BuiltOne = (String, Result<crate::build::BuildReport, Errors>);

/// Whose turn it is to copy files: the old versions, built side by side with each other and with
/// the current docs, copy theirs one after another in their order, each once the current docs
/// and the versions before it are in their folders.
pub(crate) struct Turns {
    current: PathBuf,
    /// What the current docs write at each path of the theme's static files
    /// (`shares_static_files`).
    current_files: HashMap<String, Vec<u8>>,
    /// Whether the current docs have written their files, and per old version: `None` until
    /// its build ended, then its folder if it was built.
    ended: Mutex<(bool, Vec<Option<Option<Twin>>>)>,
    changed: Condvar,
}

impl Turns {
    /// The turns of `plan`'s old versions, built into `staging` beside the current docs, whose
    /// theme and content are `theme` and `content`.
    pub(crate) fn new(plan: &Plan, staging: &Path, theme: &Theme, site: &Site, content: &Content) -> Turns {
        // The current docs write the theme's static files, then their content's files, which
        // win (`build::copy_files`).
        let assets: HashMap<&str, &Path> =
            content.assets.iter().map(|a| (a.site_path(&site.base_path), a.path.as_path())).collect();
        let current_files = theme
            .static_files()
            .filter_map(|(rel, bytes)| {
                let bytes = match assets.get(rel) {
                    Some(path) => std::fs::read(path).ok()?,
                    None => bytes.ok()?.into_owned(),
                };
                Some((rel.to_string(), bytes))
            })
            .collect();
        Turns {
            current: staging.to_path_buf(),
            current_files,
            ended: Mutex::new((false, vec![None; plan.old.len()])),
            changed: Condvar::new(),
        }
    }

    /// The current docs have written their files (or failed): the old versions may link them.
    pub(crate) fn current_written(&self) {
        self.ended.lock().unwrap_or_else(PoisonError::into_inner).0 = true;
        self.changed.notify_all();
    }

    /// Waits until the current docs have written their files and the build of every version
    /// before the `i`th has ended; the folders of those built, after the current docs'.
    fn wait(&self, i: usize) -> Vec<Twin> {
        let mut ended = self.ended.lock().unwrap_or_else(PoisonError::into_inner);
        while !ended.0 || ended.1[..i].iter().any(Option::is_none) {
            ended = self.changed.wait(ended).unwrap_or_else(PoisonError::into_inner);
        }
        let current = Twin { dir: self.current.clone(), blobs: None };
        std::iter::once(current).chain(ended.1[..i].iter().flatten().flatten().cloned()).collect()
    }
}

/// An old version's turn, ended when dropped (also when its build failed or panicked).
struct Turn<'a> {
    turns: &'a Turns,
    index: usize,
    /// Its label and the blobs of its content files, once it was built.
    built: Option<(String, Blobs)>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let folder = self.built.take().map(|(label, blobs)| Twin { dir: self.turns.current.join(label), blobs });
        self.turns.ended.lock().unwrap_or_else(PoisonError::into_inner).1[self.index] = Some(folder);
        self.turns.changed.notify_all();
    }
}

impl Built {
    fn add_timings(&mut self, laps: &[(String, std::time::Duration)]) {
        for (name, took) in laps {
            match self.timings.iter_mut().find(|(n, _)| n == name) {
                Some((_, sum)) => *sum += *took,
                None => self.timings.push((name.clone(), *took)),
            }
        }
    }
}

/// `source`: where the version comes from (`tag v1.2.0`).
fn not_built(label: &str, source: &str, e: &Error) -> Warning {
    Warning::new(WarningKind::History, None, Span::default(), Error::version_not_built_message(label, source, e))
}

/// A warning of an old version's build, saying which version. A copy kept in the work tree is
/// named by the warning's path already; a tag is not.
fn in_version(old: &Old, label: &str, w: Warning) -> Warning {
    let message = match (&old.content_dir, &w.path) {
        (Some(_), Some(_)) => format!("in version {label}: {}", w.message),
        _ => format!("in version {label} ({}): {}", old.source, w.message),
    };
    Warning { message, ..w }
}

/// What a content folder keeps of copies per version that a build takes for versions (see
/// `folders`), in words: `Docusaurus's versioned_docs/ (2.0, 1.5)`; for `init`.
pub(crate) fn copies(content_dir: &Path) -> Option<String> {
    folders::layout_of(content_dir).map(|layout| layout.describe())
}

/// Whether the site publishes versions: `[versions]`, or Docusaurus's copies beside the docs
/// folder (see `folders`).
pub(crate) fn enabled(site: &Site) -> bool {
    site.config.versions.is_some() || folders::layout(site).is_some()
}

/// Chooses the versions and reads each old one out of its tag, or finds Docusaurus's copies
/// when there is no `[versions]`. `None` when the site has neither. `shared` is what the current
/// docs' build already holds for the versions (its renderings).
pub(crate) fn prepare(site: &Site, content: &Content, shared: Arc<Shared>) -> Result<Option<Plan>, Error> {
    let Some(config) = &site.config.versions else {
        return folders::layout(site).map(|layout| folders::plan(site, content, shared, &layout)).transpose();
    };
    let f = &site.config.freshness;
    if f.release_repo != Path::new(".") {
        return Err(Error::usage(
            "[versions] builds the docs at each release tag of this repository, but `release_repo` names another one",
            "tag the docs repository's releases too, or leave out [versions]",
        ));
    }
    let repo = history::discover(&site.root)?.ok_or_else(|| {
        Error::usage(
            format!("[versions] needs the git history, and {} is not in a git repository", site.root.display()),
            "run the build in a clone of the repository",
        )
    })?;
    let releases = history::releases(&repo, &f.release_tags, f.prereleases)?;
    let chosen = choose(config, &releases);
    let current_label = config.label.clone().unwrap_or_else(|| match config.current {
        CurrentDocs::Next => "next".to_string(),
        CurrentDocs::Latest => releases.last().map(|r| line_label(&r.name)).unwrap_or_else(|| "latest".into()),
    });
    let mut nav = vec![Published::of(current_label, site.base_path.clone(), content)];
    let site_prefix = crate::freshness::repo_prefix(repo.workdir(), &site.root).unwrap_or_default();
    let mut old = Vec::new();
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    // Each version read on a thread of its own, with its own handle on the repository: reading
    // a version's content is most of what this costs.
    let reads = crate::parallel::each(&chosen, |(label, release)| {
        let base = format!("{}{label}/", site.base_path);
        let repo = history::discover(&site.root)?.ok_or_else(|| Error::release_repo_missing(&site.root))?;
        read::version(&repo, site, &site_prefix, label, release, &base).map(|version| {
            let published = Published::of(label.clone(), base, &version.loaded.0);
            (published, version.loaded, version.unread, version.as_of, version.root)
        })
    });
    for ((label, release), read) in chosen.into_iter().zip(reads) {
        match read {
            Ok((published, loaded, unread, as_of, root)) => {
                warnings.extend(read::unread_warning(&label, &release.name, &unread));
                nav.push(published);
                let source = format!("tag {}", release.name);
                old.push(Old { root, content_dir: None, source, as_of, content: Mutex::new(Some(loaded)) });
            }
            Err(e) => {
                let source = format!("tag {}", release.name);
                warnings.push(not_built(&label, &source, &e));
                failed.push(Error::version_not_built(&label, &source, &e));
            }
        }
    }
    let next = config.current == CurrentDocs::Next;
    Ok(Some(Plan { nav, old, noindex: config.noindex, next, shared, warnings, failed }))
}

/// The releases to publish, newest first, each with its label: for `keep`, the newest patch of
/// each major.minor line (the newest line is the current docs when they are `latest`); for
/// `tags`, the releases they name.
fn choose<'r>(config: &VersionsConfig, releases: &'r [history::Release]) -> Vec<(String, &'r history::Release)> {
    let mut newest_first: Vec<&history::Release> = releases.iter().collect();
    newest_first.reverse();
    if !config.tags.is_empty() {
        let matches = |name: &str| {
            config.tags.iter().any(|t| {
                globset::Glob::new(t).map(|g| g.compile_matcher().is_match(name)).unwrap_or(false) || t == name
            })
        };
        return newest_first.into_iter().filter(|r| matches(&r.name)).map(|r| (r.name.clone(), r)).collect();
    }
    let Some(keep) = config.keep else { return Vec::new() };
    let mut lines: Vec<(String, &history::Release)> = Vec::new();
    for release in newest_first {
        let label = line_label(&release.name);
        if !lines.iter().any(|(l, _)| *l == label) {
            lines.push((label, release));
        }
    }
    let skip = usize::from(config.current == CurrentDocs::Latest);
    lines.into_iter().skip(skip).take(keep.saturating_sub(skip)).collect()
}

/// `v1.16.2` → `v1.16`: the release line a patch belongs to. It reads the tag's name, not
/// `Release.version`: the label is a folder name and URL segment in the tag's own spelling
/// (`v`, a `docs-` prefix), which the parsed version does not keep, and a name that is no
/// version (`release-2024`) is a line of its own.
pub(crate) fn line_label(tag: &str) -> String {
    let parts: Vec<&str> = tag.split('.').collect();
    let numeric = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() >= 3 && numeric(parts[parts.len() - 1]) {
        parts[..parts.len() - 1].join(".")
    } else {
        tag.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_lines() {
        assert_eq!(line_label("v1.16.2"), "v1.16");
        assert_eq!(line_label("2.0.0"), "2.0");
        assert_eq!(line_label("v3"), "v3");
        assert_eq!(line_label("release-2024"), "release-2024");
    }
}
