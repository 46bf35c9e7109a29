//! Putting the coupling model together for a site: the product filter from `freshdocs.toml`,
//! what each article names, and the co-change statistics of the docs repository; then the two
//! questions asked of it: the release cycle's evidence (for `check`) and a range's impact.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender};

use git2::{Oid, Repository};

use super::{ArticleFacts, CoChange, Coupling, Evidence, Impact, Product};
use crate::config::{CONFIG_FILE, Site};
use crate::content::{Content, JudgedId, Table};
use crate::error::Error;
use crate::freshness::{AsOf, ignore_revs_file, repo_prefix};
use crate::history::{self, CommitChange, Release};

/// First-parent commits read for co-change statistics: with a half-life of two years, older
/// ones hardly count, and the cost of a cold `check` stays bounded on long histories.
const COCHANGE_COMMITS: usize = 2000;
/// Commits of one range read with their changed lines.
const RANGE_COMMITS: usize = 3000;

/// Per article (indexed like the judged pages), the evidence of the latest release's cycle.
pub(crate) type CycleEvidence = Table<JudgedId, Vec<Evidence>>;

/// Where the co-change commits read by the history walk's reader arrive
/// ([`first_parent_from_walk`]).
pub(crate) type WalkedCommits = Receiver<Result<Vec<CommitChange>, history::HistoryError>>;

/// What to ask of `history::last_changes_with` so that the walk's reader reads the co-change
/// commits for [`model_and_cycle`] (which is then given the other end): one reader for both
/// passes over the newest history, and no two threads reading the same packs at once.
pub(crate) fn first_parent_from_walk(content_prefix: &str) -> (history::FirstParentQuery<'_>, WalkedCommits) {
    let (sender, receiver) = std::sync::mpsc::channel();
    let read = Box::new(move |commits| {
        // A model that failed before it asked no longer listens.
        let _ = sender.send(commits);
    });
    (history::FirstParentQuery { max: COCHANGE_COMMITS, renames_under: content_prefix, read }, receiver)
}

/// Whether the docs live in the product repository (then co-change is read from its history).
pub(crate) fn same_repo(docs_workdir: &Path, product_workdir: &Path) -> bool {
    docs_workdir.canonicalize().ok() == product_workdir.canonicalize().ok()
}

/// The repositories and the model.
pub(crate) struct Model {
    pub(crate) coupling: Coupling,
    /// The product repository (the release repository).
    pub(crate) product_repo: history::Repo,
    /// Whether the docs live in the product repository (then co-change and `updated_in_range`
    /// come from the same commits).
    pub(crate) same_repo: bool,
    pub(crate) ignored: HashSet<Oid>,
    pub(crate) warnings: Vec<String>,
}

/// Builds the model. `docs_workdir` holds the content; `content_prefix` is the content folder in
/// it (`docs/content/`).
pub(crate) fn model(
    site: &Site,
    content: &Content,
    docs_workdir: &Path,
    product_workdir: &Path,
    content_prefix: &str,
) -> Result<Model, Error> {
    Ok(model_and_cycle(site, content, docs_workdir, product_workdir, content_prefix, Cycle::default())?.0)
}

/// What [`model_and_cycle`] is given besides the site and where its repositories are.
#[derive(Default)]
pub(crate) struct Cycle<'a> {
    /// The releases, whose latest cycle's evidence is read; none for the model alone.
    pub(crate) releases: Option<&'a [Release]>,
    /// An old version's docs, whose co-change history is read from its tag instead of HEAD.
    pub(crate) as_of: Option<&'a AsOf>,
    /// The co-change commits as the history walk's reader read them
    /// ([`first_parent_from_walk`]); without them, or if they never come, they are read here.
    pub(crate) walked: Option<WalkedCommits>,
}

/// Builds the model and, given the releases, the evidence of the latest release's cycle (the
/// commits in `previous..latest`, or all before `latest` when it is the first), per article.
/// The release's diff, what the articles name and the co-change statistics are read side by
/// side, each on its own thread with its own handle on the repository (unless the co-change
/// commits come from the history walk's reader, `Cycle::walked`).
pub(crate) fn model_and_cycle(
    site: &Site,
    content: &Content,
    docs_workdir: &Path,
    product_workdir: &Path,
    content_prefix: &str,
    Cycle { releases, as_of, walked }: Cycle<'_>,
) -> Result<(Model, Option<CycleEvidence>), Error> {
    let product_repo =
        history::discover(product_workdir)?.ok_or_else(|| Error::release_repo_missing(product_workdir))?;
    let same_repo = same_repo(docs_workdir, product_workdir);
    let mut docs = vec![];
    if same_repo {
        docs.push(content_prefix.to_string());
        // The docs site around the content folder (its settings, templates, styles) is not the
        // product either: `site/` for `site/content/`, the folder of freshdocs.toml.
        let site_prefix = match as_of {
            // An old version's site folder was read out of the repository: its place there.
            Some(at) => Some(at.site_prefix.clone()),
            None => {
                let site_folder = if site.root.join(CONFIG_FILE).exists() {
                    site.root.canonicalize().ok()
                } else {
                    site.content_dir.canonicalize().ok().and_then(|c| c.parent().map(Path::to_path_buf))
                };
                site_folder.and_then(|f| repo_prefix(docs_workdir, &f))
            }
        };
        if let Some(prefix) = site_prefix.filter(|p| !p.is_empty()) {
            docs.push(prefix);
        }
    }
    let f = &site.config.freshness;
    let product = Product::new(docs, &f.product, &f.product_ignore)?;

    let pages = content.judged();
    let repo_paths: Vec<String> = pages.iter().map(|a| format!("{content_prefix}{}", a.source.rel_path)).collect();
    let (ignored, warnings) = history::ignored_commits(&product_repo, &ignore_revs_file(site, product_workdir))?;
    // Three reads side by side: the release's diff, what the articles name (long reference
    // pages take a while to tokenize), and the co-change history, whose first-parent commits
    // the release's diff then credits its files to rather than comparing their trees again.
    let (credit_tx, credit_rx) = std::sync::mpsc::sync_channel(1);
    let (cochange, cycle, mentions) = std::thread::scope(|scope| {
        let (product, ignored) = (&product, &ignored);
        let cycle = releases.map(|releases| {
            scope.spawn(move || cycle_changes(product_workdir, product, ignored, releases, &|| credit_rx.recv().ok()))
        });
        let mentions = scope.spawn(|| {
            let articles: Vec<(&str, usize)> =
                pages.iter().map(|a| (a.source.body.as_ref(), a.source.body_line)).collect();
            super::kept::of_articles(crate::indexing::saved_mentions(site), &articles)
        });
        let start = as_of.and_then(|at| at.commit);
        let cochange = same_repo
            .then(|| {
                let read = Read { start, prefix: content_prefix, ignored, walked };
                cochange(product_repo.git2(), &read, product, &repo_paths, credit_tx)
            })
            .transpose();
        let cycle = cycle.map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        (cochange, cycle.transpose(), mentions.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let facts: Vec<ArticleFacts> = pages
        .iter()
        .zip(mentions)
        .map(|(a, mut mentions)| ArticleFacts {
            path: a.source.rel_path.clone(),
            mentions: {
                if !a.source.line_map.is_empty() {
                    mentions.map_lines(|line| a.source.file_line(line));
                }
                mentions
            },
            watch: a.source.front.watch.clone(),
            watch_line: a.source.front.span_of("watch").line,
        })
        .collect();
    let model =
        Model { coupling: Coupling::new(product, facts, cochange?), product_repo, same_repo, ignored, warnings };
    let cycle = cycle?.map(|commits| model.coupling.evidence(&commits));
    Ok((model, cycle))
}

/// The changes of the latest release's cycle: what `previous..latest` changed as a whole, or
/// every commit before `latest` when it is the first release.
fn cycle_changes(
    product_workdir: &Path,
    product: &Product,
    ignored: &HashSet<Oid>,
    releases: &[Release],
    walked: &dyn Fn() -> Option<Arc<[CommitChange]>>,
) -> Result<Vec<CommitChange>, Error> {
    let Some(latest) = releases.last() else { return Ok(Vec::new()) };
    let repo = history::discover(product_workdir)?.ok_or_else(|| Error::release_repo_missing(product_workdir))?;
    let oid = |r: &Release| Oid::from_str(&r.commit).ok();
    let head = oid(latest).ok_or_else(|| Error::release_not_a_commit(&latest.name, &latest.commit))?;
    let lines_of = |p: &str| product.contains(p);
    let commits = match releases.len().checked_sub(2).and_then(|i| oid(&releases[i])) {
        // What the release changed as a whole, each file credited to its newest commit.
        Some(base) => history::release_changes(repo.git2(), base, head, ignored, &lines_of, walked)?,
        None => history::range_changes(repo.git2(), None, head, ignored, RANGE_COMMITS, &lines_of)?,
    };
    Ok(commits)
}

/// How the co-change commits are read: the first-parent history from `start` (default: HEAD),
/// moves followed under `prefix`, or what the history walk's reader read of it (`walked`).
struct Read<'a> {
    start: Option<Oid>,
    prefix: &'a str,
    ignored: &'a HashSet<Oid>,
    walked: Option<WalkedCommits>,
}

/// The co-change statistics of the first-parent history. The commits read are also handed to
/// `credit` (the release's diff credits its files to them).
fn cochange(
    repo: &Repository,
    read: &Read<'_>,
    product: &Product,
    repo_paths: &[String],
    credit: SyncSender<Arc<[CommitChange]>>,
) -> Result<CoChange, Error> {
    let head = match read.start {
        Some(oid) => repo.find_commit(oid),
        None => repo.head().and_then(|h| h.peel_to_commit()),
    };
    let Ok(head) = head else {
        return Ok(CoChange::default());
    };
    let article_of: HashMap<String, usize> = repo_paths.iter().enumerate().map(|(i, p)| (p.clone(), i)).collect();
    let commits = match read.walked.as_ref().and_then(|walked| walked.recv().ok()) {
        Some(walked) => walked?,
        None => history::first_parent_changes(repo, head.id(), read.ignored, COCHANGE_COMMITS, read.prefix)?,
    };
    let commits: Arc<[CommitChange]> = commits.into();
    // Nobody waits for them without a release to compare.
    let _ = credit.send(commits.clone());
    Ok(CoChange::build(&commits, product, article_of, head.author().when().seconds()))
}

impl Model {
    /// The commits of a range with the changed lines of product files.
    pub(crate) fn range(&self, base: Option<Oid>, head: Oid) -> Result<Vec<CommitChange>, Error> {
        let product = self.coupling.product();
        history::range_changes(self.product_repo.git2(), base, head, &self.ignored, RANGE_COMMITS, &|p| {
            product.contains(p)
        })
        .map_err(Error::from)
    }

    /// The articles the range's product changes probably made outdated, best first.
    pub(crate) fn impact(&self, commits: &[CommitChange]) -> Vec<Impact> {
        self.coupling.rank(self.coupling.evidence(commits))
    }

    /// Which articles the range's commits changed themselves (docs in the product repository).
    pub(crate) fn updated_in(
        &self,
        commits: &[CommitChange],
        repo_paths: &Table<JudgedId, String>,
    ) -> Table<JudgedId, bool> {
        let touched: HashSet<&str> = commits.iter().flat_map(|c| c.files.iter().map(|f| f.path.as_str())).collect();
        repo_paths.map(|p| self.same_repo && touched.contains(p.as_str()))
    }
}
