//! History: what git knows about the articles (docs/ARCHITECTURE.md §3).
//!
//! This module owns every read of the git repository:
//!
//! - [`last_changes`]: the last *real* change of many paths, found in one walk over history
//!   (`walk.rs`), cached on disk per HEAD (`cache.rs`), with uncommitted work-tree state on top;
//!   [`last_changes_with`] also reads the first-parent commits of co-change statistics
//!   (`changes.rs`) first, with the reader the walk then reuses;
//! - [`releases`]: release tags and their dates (`releases.rs`);
//! - [`codeowners`]: who owns a path according to CODEOWNERS (`owners.rs`).
//!
//! It does not decide what is stale (that is `freshness`), does not know the site configuration,
//! and never writes to the work tree: its only write is the cache inside the git directory.
//!
//! Dates are **author dates**, the date `git log` shows by default: the time the change was
//! written, which survives rebases and cherry-picks. The walk itself orders commits by committer
//! date (as git does) but never depends on that order for correctness.

pub(crate) mod cache;
mod changes;
mod error;
mod objects;
mod owners;
mod releases;
mod walk;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone};
use git2::Oid;

pub use changes::{
    CommitChange, FileChange, MAX_LINES, first_parent_changes, pull_request_paths, range_changes, release_changes,
    resolve_range,
};
pub use error::HistoryError;
pub use owners::{CodeOwners, codeowners};
pub use releases::{Release, Releases, releases, releases_with_warnings};

/// An open git repository with a work tree.
pub struct Repo {
    repo: git2::Repository,
    workdir: PathBuf,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo").field("workdir", &self.workdir).finish()
    }
}

/// Finds the repository holding `start` by walking up from it, as `git` does.
///
/// Returns `Ok(None)` when there is no repository at all (the site then builds without dates).
pub fn discover(start: &Path) -> Result<Option<Repo>, HistoryError> {
    let repo = match git2::Repository::discover(start) {
        Ok(repo) => repo,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) if e.code() == git2::ErrorCode::Owner => {
            return Err(HistoryError::UnsafeOwner { path: start.to_path_buf() });
        }
        Err(source) => {
            return Err(HistoryError::Open { path: start.to_path_buf(), source });
        }
    };
    Repo::from_git2(repo).map(Some)
}

impl Repo {
    /// Wraps an already open repository.
    pub fn from_git2(repo: git2::Repository) -> Result<Repo, HistoryError> {
        let Some(workdir) = repo.workdir() else {
            return Err(HistoryError::Bare { path: repo.path().to_path_buf() });
        };
        // Canonical, so callers can strip it from canonical article paths.
        let workdir = workdir.canonicalize().unwrap_or_else(|_| workdir.to_path_buf());
        Ok(Repo { repo, workdir })
    }

    /// The root of the work tree, canonicalised.
    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The git directory (`.git`, or the worktree's own directory for a linked worktree).
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// Full sha of the commit HEAD points to (a detached HEAD works); `None` before the first
    /// commit.
    pub fn head(&self) -> Option<String> {
        self.head_oid().map(|oid| oid.to_string())
    }

    fn head_oid(&self) -> Option<Oid> {
        self.repo.head().ok()?.peel_to_commit().ok().map(|c| c.id())
    }

    /// Whether this is a shallow clone (then [`last_changes`] refuses to answer).
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// The underlying libgit2 repository.
    pub fn git2(&self) -> &git2::Repository {
        &self.repo
    }
}

/// Where a path's last change comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeState {
    /// The content at HEAD is the content in the work tree; the change is a commit.
    Committed,
    /// The work tree or the index differs from HEAD: the file changes now.
    Modified,
    /// The path is not in HEAD at all (a new file, staged or not): it is new now.
    Untracked,
}

/// The last real change of one path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LastChange {
    /// Full sha of the commit; `None` when the file is modified or untracked.
    pub commit: Option<String>,
    /// The commit's author date with its UTC offset (what `git log` shows by default); the query's
    /// `now` for uncommitted files.
    pub time: DateTime<FixedOffset>,
    /// The commit's author name; for uncommitted files, the configured `user.name` (or empty).
    pub author: String,
    /// Committed, modified or untracked.
    pub state: ChangeState,
}

/// What to ask of [`last_changes`].
pub struct HistoryQuery<'a> {
    /// Repo-relative, `/`-separated paths of interest (files at HEAD or in the work tree).
    pub paths: Vec<String>,
    /// The ignore-revs file (`.git-blame-ignore-revs` format). A missing file is an empty list;
    /// an entry that names no commit is a warning.
    pub ignore_revs_file: Option<PathBuf>,
    /// The time given to modified and untracked files.
    pub now: DateTime<FixedOffset>,
    /// Follow pure moves (same blob at a new path) to the older path, like `git log --follow`.
    /// On by default; off gives exactly `git log -1 -- <path>` (plus the trivial-commit rule).
    pub follow_moves: bool,
    /// Use the on-disk cache. On by default; the environment variable `FRESHDOCS_NO_CACHE` (set,
    /// not empty and not `0`, e.g. `FRESHDOCS_NO_CACHE=1`)
    /// turns it off whatever this says.
    pub use_cache: bool,
    /// Progress callback for long walks: `(commits processed, paths still open)`.
    pub progress: Option<&'a dyn Fn(usize, usize)>,
    /// Answer as of this commit instead of HEAD and the work tree (an old version's docs, read
    /// at its tag): every path is read from the commit's tree, and none is modified or
    /// untracked.
    pub at: Option<Oid>,
}

impl<'a> HistoryQuery<'a> {
    /// A query for `paths` with the defaults: no ignore-revs file, moves followed, cache on.
    pub fn new(paths: Vec<String>, now: DateTime<FixedOffset>) -> Self {
        HistoryQuery {
            paths,
            ignore_revs_file: None,
            now,
            follow_moves: true,
            use_cache: true,
            progress: None,
            at: None,
        }
    }
}

/// How the answer was obtained, for `--verbose` output and benchmarks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkStats {
    /// Paths answered from the cache.
    pub cached_paths: usize,
    /// Paths answered by walking history this time.
    pub walked_paths: usize,
    /// Commits the walk read (0 when the cache answered everything).
    pub commits_loaded: usize,
    /// Commits whose trees were compared.
    pub commits_compared: usize,
    /// Trees read from the object database.
    pub trees_read: u64,
}

/// The answer of [`last_changes`].
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// The last change of each query path that exists, keyed by the path as given in the query.
    pub by_path: HashMap<String, LastChange>,
    /// Things the user should know but that did not stop the walk.
    pub warnings: Vec<String>,
    /// Full sha of HEAD, `None` before the first commit.
    pub head: Option<String>,
    /// How the answer was obtained.
    pub stats: WalkStats,
}

/// The first-parent commits that co-change statistics read ([`first_parent_changes`]), asked
/// of [`last_changes_with`] so that one reader serves both passes over the newest history: they
/// are read first, and the walk then finds those commits and their trees already read.
pub struct FirstParentQuery<'a> {
    /// Commits read at most.
    pub max: usize,
    /// The content folder, under which pure moves are followed.
    pub renames_under: &'a str,
    /// Gets the commits (or why they could not be read) as soon as they are, before the walk.
    pub read: Box<dyn FnOnce(Result<Vec<CommitChange>, HistoryError>) + 'a>,
}

/// Finds the last real change of every path of `query` (docs/ARCHITECTURE.md §3.1): one walk
/// over history for all committed paths, the work tree's state for the others.
///
/// Fails on a shallow clone (the answers would be wrong) and on missing or corrupt objects; never
/// panics on bad input.
pub fn last_changes(repo: &Repo, query: &HistoryQuery<'_>) -> Result<Changes, HistoryError> {
    last_changes_with(repo, query, None)
}

/// [`last_changes`], reading the first-parent commits of `first_parent` first, from the same
/// commit (`query.at`, else HEAD) and with the same ignored commits. Without a commit to start
/// from, `first_parent.read` is never called.
pub fn last_changes_with(
    repo: &Repo,
    query: &HistoryQuery<'_>,
    first_parent: Option<FirstParentQuery<'_>>,
) -> Result<Changes, HistoryError> {
    if repo.is_shallow() {
        return Err(HistoryError::Shallow { workdir: repo.workdir.clone() });
    }
    let head = query.at.or_else(|| repo.head_oid());
    let mut changes = Changes { head: head.map(|oid| oid.to_string()), ..Changes::default() };
    let ignored = ignore_revs(repo, query.ignore_revs_file.as_deref(), &mut changes.warnings)?;
    let head_tree = match head {
        Some(oid) => Some(repo.repo.find_commit(oid).map_err(|e| HistoryError::read(oid, "commit", e))?.tree_id()),
        None => None,
    };
    let normalized: Vec<String> = query.paths.iter().map(|p| normalize(p)).collect();
    let dirty = if query.at.is_some() { BTreeSet::new() } else { dirty_paths(repo, common_folder(&normalized))? };
    // A path is dirty if it, or anything below it (for a folder), differs from HEAD.
    let is_dirty = |path: &str| {
        let below = format!("{path}/");
        dirty.contains(path) || dirty.range(below.clone()..).next().is_some_and(|d| d.starts_with(&below))
    };
    let uncommitted_author = repo.repo.config().and_then(|c| c.get_string("user.name")).unwrap_or_default();
    let uncommitted = |state| LastChange { commit: None, time: query.now, author: uncommitted_author.clone(), state };

    // Sort the paths into those the walk must answer and those the work tree answers.
    let odb = objects::open_odb(&repo.repo)?;
    let mut reader = objects::ObjectReader::new(&odb);
    let mut committed: Vec<(String, String)> = Vec::new(); // (as given, normalised)
    let at_head = match head_tree {
        Some(tree) => reader.present(tree, &normalized)?,
        None => vec![false; normalized.len()],
    };
    for ((given, path), at_head) in query.paths.iter().zip(normalized).zip(at_head) {
        if path.is_empty() || path.split('/').any(|c| c == "..") {
            changes.warnings.push(format!("`{given}` is not a path inside the repository; it has no date"));
            continue;
        }
        if at_head {
            if is_dirty(&path) {
                changes.by_path.insert(given.clone(), uncommitted(ChangeState::Modified));
            } else {
                committed.push((given.clone(), path));
            }
        } else if query.at.is_none() && (is_dirty(&path) || repo.workdir.join(&path).symlink_metadata().is_ok()) {
            changes.by_path.insert(given.clone(), uncommitted(ChangeState::Untracked));
        } else {
            changes
                .warnings
                .push(format!("`{given}` is neither in the last commit nor in the work tree; it has no date"));
        }
    }
    let Some(head) = head else {
        return Ok(changes);
    };
    if let Some(FirstParentQuery { max, renames_under, read }) = first_parent {
        reader.keep_commits(true);
        read(changes::first_parent_changes_with(&repo.repo, &mut reader, head, &ignored, max, renames_under));
        // The walk reads each commit once: what it reads is not kept.
        reader.keep_commits(false);
    }

    let key = cache::Key::new(head, &ignored, query.follow_moves);
    let use_cache = query.use_cache && !cache::disabled_by_env();
    let mut cached = if use_cache { cache::load(repo.git_dir(), &key).unwrap_or_default() } else { HashMap::new() };

    let missing: Vec<String> = {
        let mut seen = HashSet::new();
        committed
            .iter()
            .map(|(_, path)| path)
            .filter(|path| !cached.contains_key(*path) && seen.insert(*path))
            .cloned()
            .collect()
    };
    changes.stats.walked_paths = missing.len();
    changes.stats.cached_paths = committed.len() - missing.len();
    if !missing.is_empty() {
        let output = walk::walk(
            reader,
            &walk::WalkInput {
                head,
                paths: &missing,
                ignored: &ignored,
                follow_moves: query.follow_moves,
                progress: query.progress,
            },
        )?;
        changes.stats.commits_loaded = output.commits_loaded;
        changes.stats.commits_compared = output.commits_compared;
        changes.stats.trees_read = output.trees_read;
        let mut described: HashMap<Oid, LastChange> = HashMap::new();
        for (path, oid) in missing.iter().zip(&output.commits) {
            let change = match described.get(oid) {
                Some(change) => change.clone(),
                None => {
                    let change = describe(&repo.repo, *oid)?;
                    described.insert(*oid, change.clone());
                    change
                }
            };
            cached.insert(path.clone(), change);
        }
        if use_cache {
            // A cache that cannot be written only costs time on the next run.
            let _ = cache::store(repo.git_dir(), &key, &cached);
        }
    }
    for (given, path) in committed {
        if let Some(change) = cached.get(&path) {
            changes.by_path.insert(given, change.clone());
        }
    }
    Ok(changes)
}

/// The author, author date and sha of a commit.
fn describe(repo: &git2::Repository, oid: Oid) -> Result<LastChange, HistoryError> {
    let commit = repo.find_commit(oid).map_err(|e| HistoryError::read(oid, "commit", e))?;
    let author = commit.author();
    Ok(LastChange {
        commit: Some(oid.to_string()),
        time: git_time(author.when()),
        author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        state: ChangeState::Committed,
    })
}

/// A git timestamp with its own UTC offset. Offsets git cannot have produced fall back to UTC.
pub(crate) fn git_time(time: git2::Time) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(time.offset_minutes() * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset is valid"));
    offset.timestamp_opt(time.seconds(), 0).single().unwrap_or_default()
}

/// `./a//b.md` → `a/b.md`: the form paths have in git trees.
fn normalize(path: &str) -> String {
    path.split(['/', '\\']).filter(|c| !c.is_empty() && *c != ".").collect::<Vec<_>>().join("/")
}

/// The deepest folder holding every path (`docs/content` for `docs/content/a.md` and
/// `docs/content/b/c.md`), so the status scan can skip the rest of a big repository.
fn common_folder(paths: &[String]) -> Option<String> {
    let first = paths.first()?;
    let mut common: Vec<&str> = first.split('/').collect();
    common.pop(); // the file name
    for path in paths {
        let folders: Vec<&str> = path.split('/').collect();
        let same = common.iter().zip(&folders[..folders.len() - 1]).take_while(|(a, b)| a == b).count();
        common.truncate(same);
    }
    (!common.is_empty()).then(|| common.join("/"))
}

/// Tracked paths under `folder` (all when `None`) whose index or work-tree state differs from HEAD.
fn dirty_paths(repo: &Repo, folder: Option<String>) -> Result<BTreeSet<String>, HistoryError> {
    use git2::Status;
    let mut options = git2::StatusOptions::new();
    // Untracked files are found by looking at the disk for the few paths not in HEAD, which is
    // far cheaper than listing every untracked file of the repository.
    options.include_untracked(false).include_ignored(false).include_unmodified(false).exclude_submodules(true);
    if let Some(folder) = folder {
        options.pathspec(folder).disable_pathspec_match(true);
    }
    let statuses = repo
        .repo
        .statuses(Some(&mut options))
        .map_err(|e| HistoryError::git("reading the status of the work tree", e))?;
    let dirty = Status::INDEX_NEW
        | Status::INDEX_MODIFIED
        | Status::INDEX_DELETED
        | Status::INDEX_RENAMED
        | Status::INDEX_TYPECHANGE
        | Status::WT_MODIFIED
        | Status::WT_DELETED
        | Status::WT_RENAMED
        | Status::WT_TYPECHANGE
        | Status::CONFLICTED;
    Ok(statuses
        .iter()
        .filter(|entry| entry.status().intersects(dirty))
        .map(|entry| String::from_utf8_lossy(entry.path_bytes()).into_owned())
        .collect())
}

/// The commits an ignore-revs file lists (see [`last_changes`]), with warnings for entries that
/// name no commit.
pub fn ignored_commits(repo: &Repo, file: &Path) -> Result<(HashSet<Oid>, Vec<String>), HistoryError> {
    let mut warnings = Vec::new();
    let ignored = ignore_revs(repo, Some(file), &mut warnings)?;
    Ok((ignored, warnings))
}

/// Reads an ignore-revs file: one revision per line, `#` comments, as `git blame
/// --ignore-revs-file` does. Entries that name no commit become warnings.
fn ignore_revs(repo: &Repo, file: Option<&Path>, warnings: &mut Vec<String>) -> Result<HashSet<Oid>, HistoryError> {
    let mut ignored = HashSet::new();
    let Some(file) = file else {
        return Ok(ignored);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ignored),
        Err(source) => {
            return Err(HistoryError::IgnoreRevs { path: file.to_path_buf(), source });
        }
    };
    for (number, line) in text.lines().enumerate() {
        let entry = line.split('#').next().unwrap_or_default().trim();
        if entry.is_empty() {
            continue;
        }
        match repo.repo.revparse_single(entry).and_then(|object| object.peel_to_commit()) {
            Ok(commit) => {
                ignored.insert(commit.id());
            }
            Err(_) => warnings.push(format!(
                "{}:{}: `{entry}` names no commit in this repository; the entry is ignored \
                 (remove it, or fetch the commit)",
                file.display(),
                number + 1
            )),
        }
    }
    Ok(ignored)
}
