//! What commits changed, file by file: the raw facts that coupling and `impact` read.
//!
//! - [`first_parent_changes`]: the files each first-parent commit changed, newest first, for
//!   co-change statistics (no file contents are read: tree ids are compared);
//! - [`range_changes`]: the commits of a range with the changed lines of the files asked for;
//! - [`resolve_range`]: `A..B`, `A...B` (from the merge base) or a single revision.
//!
//! Merges are reported as merges (their own diff against the first parent is the whole side
//! branch); commits listed in the ignore file or carrying a `Freshness: skip` trailer are
//! reported as ignored, so callers can discount them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use git2::{Delta, DiffOptions, Oid, Repository, Sort};

use super::HistoryError;
use super::objects::{Entry, ObjectReader, Tree, differing_entries, oid_from, open_odb};

/// One changed file of a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Repository-relative path after the commit (before it, for a deletion).
    pub path: String,
    /// The path before the commit, for a pure move (same blob) under the content folder; only
    /// [`first_parent_changes`] looks for them.
    pub old_path: Option<String>,
    /// Lines the commit added and removed (without the marker), when asked for; at most
    /// [`MAX_LINES`] of each per file.
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// The unchanged lines around them and the hunk headers (git's function context).
    pub context: Vec<String>,
}

/// A commit and the files it changed against its first parent.
#[derive(Debug, Clone)]
pub struct CommitChange {
    pub oid: Oid,
    /// Seconds since the epoch: the author date in [`range_changes`], the committer date (what the
    /// raw reader parses) in [`first_parent_changes`], where it only weighs recency.
    pub time: i64,
    pub merge: bool,
    /// The first commit of its history: it adds everything, so it couples nothing.
    pub root: bool,
    /// In the ignore list or with a `Freshness: skip` trailer.
    pub ignored: bool,
    /// The first line of its message, in [`range_changes`] and [`release_changes`] (where the
    /// changes are judged); empty in [`first_parent_changes`], which only counts co-changes.
    pub subject: String,
    pub files: Vec<FileChange>,
}

/// Changed lines kept per file: enough to find the identifiers of a real change, bounded for
/// generated diffs.
pub const MAX_LINES: usize = 4000;

/// Blobs larger than this are not read line by line (libgit2 treats them as binary).
const MAX_BLOB_BYTES: i64 = 1 << 20;

/// The files a pull request (or merge request) changes, repository-relative, when this runs in
/// one: GitHub Actions names its base branch in `GITHUB_BASE_REF`, GitLab CI in
/// `CI_MERGE_REQUEST_TARGET_BRANCH_NAME`. Compared from the merge base of HEAD and the base
/// branch (`origin/<base>`, else `<base>`), as the pull request's own diff is. `None` outside a
/// pull request, or when the base branch is not in the clone.
pub fn pull_request_paths(repo: &Repository) -> Option<HashSet<String>> {
    let base = ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|b| !b.trim().is_empty()))?;
    let base = repo
        .revparse_single(&format!("origin/{base}"))
        .or_else(|_| repo.revparse_single(&base))
        .and_then(|o| o.peel_to_commit())
        .ok()?;
    let head = repo.head().and_then(|h| h.peel_to_commit()).ok()?;
    let fork = repo.find_commit(repo.merge_base(base.id(), head.id()).ok()?).ok()?;
    let diff = repo.diff_tree_to_tree(Some(&fork.tree().ok()?), Some(&head.tree().ok()?), None).ok()?;
    let paths = diff
        .deltas()
        .filter_map(|d| d.new_file().path().or(d.old_file().path()).map(|p| p.to_string_lossy().replace('\\', "/")))
        .collect();
    Some(paths)
}

/// Resolves a range of the product repository: `A..B`, `A...B` (from their merge base, as a pull
/// request compares) or one revision `B` (everything reachable from it).
pub fn resolve_range(repo: &Repository, spec: &str) -> Result<(Option<Oid>, Oid), HistoryError> {
    let commit = |rev: &str| -> Result<Oid, HistoryError> {
        let rev = if rev.is_empty() { "HEAD" } else { rev };
        repo.revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map(|c| c.id())
            .map_err(|source| HistoryError::BadRevision { revision: rev.to_string(), source })
    };
    if let Some((a, b)) = spec.split_once("...") {
        let (a, b) = (commit(a)?, commit(b)?);
        let base =
            repo.merge_base(a, b).map_err(|source| HistoryError::BadRevision { revision: spec.to_string(), source })?;
        return Ok((Some(base), b));
    }
    if let Some((a, b)) = spec.split_once("..") {
        return Ok((Some(commit(a)?), commit(b)?));
    }
    Ok((None, commit(spec)?))
}

/// The commits reachable from `head` and not from `base`, newest first (by time, children
/// before parents), each with its changed files; `lines_of(path)` says whose changed lines to
/// read. At most `max` commits.
pub fn range_changes(
    repo: &Repository,
    base: Option<Oid>,
    head: Oid,
    ignored: &HashSet<Oid>,
    max: usize,
    lines_of: &dyn Fn(&str) -> bool,
) -> Result<Vec<CommitChange>, HistoryError> {
    let mut walk = repo.revwalk().map_err(|e| HistoryError::git("walking the range", e))?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME).map_err(|e| HistoryError::git("walking the range", e))?;
    walk.push(head).map_err(|e| HistoryError::read(head, "commit", e))?;
    if let Some(base) = base {
        walk.hide(base).map_err(|e| HistoryError::read(base, "commit", e))?;
    }
    let mut out = Vec::new();
    for oid in walk.take(max) {
        let oid = oid.map_err(|e| HistoryError::git("walking the range", e))?;
        out.push(commit_change(repo, oid, ignored, lines_of)?);
    }
    Ok(out)
}

/// The first-parent commits from `head`, newest first, at most `max` of them, with the files each
/// changed (no lines). A file added under `renames_under` (the content
/// folder) with the blob of a file the commit deleted there is a pure move: its `old_path` is
/// set, so a moved article keeps its history.
///
/// Reads raw objects through the history engine's reader (tree ids compared, unchanged folders
/// skipped), which costs a few tens of microseconds per commit: co-change statistics over
/// thousands of commits stay a small part of a cold `check`.
pub fn first_parent_changes(
    repo: &Repository,
    head: Oid,
    ignored: &HashSet<Oid>,
    max: usize,
    renames_under: &str,
) -> Result<Vec<CommitChange>, HistoryError> {
    let odb = open_odb(repo)?;
    first_parent_changes_with(repo, &mut ObjectReader::new(&odb), head, ignored, max, renames_under)
}

/// [`first_parent_changes`] with `reader`, whose trees and commits another pass can then reuse.
pub(crate) fn first_parent_changes_with(
    repo: &Repository,
    reader: &mut ObjectReader<'_>,
    head: Oid,
    ignored: &HashSet<Oid>,
    max: usize,
    renames_under: &str,
) -> Result<Vec<CommitChange>, HistoryError> {
    let memo_key = |oid| (repo.path().to_path_buf(), renames_under.to_string(), oid);
    kept_diffs::load(repo.path(), renames_under);
    let mut diffed_anew = false;
    let mut out = Vec::new();
    let mut next = Some((head, reader.commit(head)?));
    while let Some((oid, commit)) = next.take() {
        if out.len() == max {
            break;
        }
        // Each commit is read once: as the parent of the one before it.
        let parent = match commit.parents.first() {
            Some(&p) => Some((p, reader.commit(p)?)),
            None => None,
        };
        let mut change = CommitChange {
            oid,
            time: commit.time,
            merge: commit.parents.len() > 1,
            root: commit.parents.is_empty(),
            ignored: commit.skip || ignored.contains(&oid),
            subject: String::new(),
            files: Vec::new(),
        };
        let diffed = DIFFS.lock().ok().and_then(|memo| memo.get(&memo_key(oid)).cloned());
        if let Some(files) = diffed {
            change.files = files.to_vec();
        } else if let Some((_, p)) = &parent {
            let p_tree = p.tree;
            let mut changed = Vec::new();
            tree_changes(reader, Some(commit.tree), Some(p_tree), &mut Vec::new(), &mut changed)?;
            // Pure moves under the content folder: an added blob that a deletion there had.
            let under = renames_under.as_bytes();
            let deleted: std::collections::HashMap<Oid, usize> = changed
                .iter()
                .enumerate()
                .filter(|(_, c)| c.side == Side::Deleted && c.path.starts_with(under))
                .map(|(i, c)| (c.blob, i))
                .collect();
            for c in &changed {
                let old_path = match c.side {
                    Side::Added if c.path.starts_with(under) => deleted.get(&c.blob).map(|&i| lossy(&changed[i].path)),
                    _ => None,
                };
                change.files.push(FileChange {
                    path: lossy(&c.path),
                    old_path,
                    added: Vec::new(),
                    removed: Vec::new(),
                    context: Vec::new(),
                });
            }
            if let Ok(mut memo) = DIFFS.lock() {
                if memo.len() >= DIFFS_KEPT {
                    memo.clear();
                }
                memo.insert(memo_key(oid), change.files.as_slice().into());
            }
            diffed_anew = true;
        }
        out.push(change);
        next = parent;
    }
    if diffed_anew {
        kept_diffs::save(repo.path(), renames_under, &out);
    }
    Ok(out)
}

/// The files each first-parent commit changed, kept in the git folder between runs
/// (`<git dir>/freshdocs/diffs/<content folder's hash>.bin`): a commit never changes, so what it
/// changed is read from its trees once. A warm `build`, `check` or `impact` then reads the
/// co-change history of thousands of commits from one file instead of diffing their trees
/// (zola's docs: the co-change pass was a quarter of a warm build's CPU). The file is only read
/// by the binary that wrote it.
mod kept_diffs {
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};
    use std::sync::{LazyLock, Mutex};

    use git2::Oid;

    use super::{CommitChange, DIFFS, FileChange};
    use crate::history::cache::{read_file, write_file};

    /// Bump when the layout or the meaning of the file changes (2: the header, then one entry
    /// after another, as the other kept files are written).
    const FORMAT: u32 = 2;

    /// Commits kept in the file at most (a few megabytes).
    const KEPT: usize = 20_000;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq)]
    struct Header {
        format: u32,
        binary: String,
        renames_under: String,
    }

    /// One commit: its id and each changed file's path, with the path before a pure move.
    type Entry = ([u8; 20], Vec<(String, Option<String>)>);

    /// The (git folder, content folder) pairs whose file this process has read.
    static LOADED: LazyLock<Mutex<HashSet<(PathBuf, String)>>> = LazyLock::new(Mutex::default);

    fn file(git_dir: &Path, renames_under: &str) -> Option<(PathBuf, Header)> {
        if crate::history::cache::disabled_by_env() {
            return None;
        }
        let binary = crate::indexing::binary_identity()?;
        let name = crate::history::cache::fnv1a(crate::history::cache::FNV_START, renames_under.as_bytes());
        let path = git_dir.join("freshdocs").join("diffs").join(format!("{name:016x}.bin"));
        Some((path, Header { format: FORMAT, binary, renames_under: renames_under.to_string() }))
    }

    /// Reads the kept diffs into the memo, once per process.
    pub(super) fn load(git_dir: &Path, renames_under: &str) {
        let first = LOADED
            .lock()
            .map(|mut loaded| loaded.insert((git_dir.to_path_buf(), renames_under.to_string())))
            .unwrap_or(false);
        let Some((path, header)) = file(git_dir, renames_under).filter(|_| first) else { return };
        let Some((_, entries)) = read_file::<Header, Entry>(&path, |read| *read == header) else { return };
        let Ok(mut memo) = DIFFS.lock() else { return };
        for (oid, files) in entries {
            let Ok(oid) = Oid::from_bytes(&oid) else { continue };
            let files: Vec<FileChange> = files
                .into_iter()
                .map(|(path, old_path)| FileChange {
                    path,
                    old_path,
                    added: Vec::new(),
                    removed: Vec::new(),
                    context: Vec::new(),
                })
                .collect();
            memo.insert((git_dir.to_path_buf(), renames_under.to_string(), oid), files.into());
        }
    }

    /// Writes what the memo holds for this git folder and content folder (the walks of other
    /// tags' versions included), or, past [`KEPT`] commits, only those of `walked`. A file that
    /// cannot be written only costs the next run its diffs.
    pub(super) fn save(git_dir: &Path, renames_under: &str, walked: &[CommitChange]) {
        let Some((path, header)) = file(git_dir, renames_under) else { return };
        let entry = |oid: &Oid, files: &[FileChange]| -> Entry {
            let mut id = [0u8; 20];
            id.copy_from_slice(oid.as_bytes());
            (id, files.iter().map(|f| (f.path.clone(), f.old_path.clone())).collect())
        };
        let mut entries: Vec<Entry> = match DIFFS.lock() {
            Ok(memo) => memo
                .iter()
                .filter(|((dir, under, _), _)| dir == git_dir && under == renames_under)
                .map(|((_, _, oid), files)| entry(oid, files))
                .collect(),
            Err(_) => return,
        };
        if entries.len() > KEPT {
            entries = walked.iter().map(|c| entry(&c.oid, &c.files)).collect();
        }
        let _ = write_file(&path, &header, entries.into_iter());
    }
}

/// The files each commit changed, as [`first_parent_changes`] found them, by repository, content
/// folder and commit: the co-change histories of a site's versions, each read from its own tag,
/// are mostly the same commits, and a build reads them one after another.
static DIFFS: LazyLock<Mutex<HashMap<DiffKey, Arc<[FileChange]>>>> = LazyLock::new(Mutex::default);
/// The git folder, the content folder (renames are followed under it) and the commit.
type DiffKey = (PathBuf, String, Oid);
/// Commits remembered before the memo starts again (a long `serve` session of a busy repository).
const DIFFS_KEPT: usize = 50_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Added,
    Deleted,
    Modified,
}

struct Changed {
    path: Vec<u8>,
    side: Side,
    /// The blob after the commit (before it, for a deletion).
    blob: Oid,
}

fn lossy(path: &[u8]) -> String {
    String::from_utf8_lossy(path).into_owned()
}

/// The files that differ between two trees (either may be absent: everything below the other
/// was added or deleted), descending only into folders whose ids differ. Submodules are skipped.
fn tree_changes(
    reader: &mut ObjectReader<'_>,
    c_tree: Option<Oid>,
    p_tree: Option<Oid>,
    prefix: &mut Vec<u8>,
    out: &mut Vec<Changed>,
) -> Result<(), HistoryError> {
    if c_tree == p_tree {
        return Ok(());
    }
    let empty = std::rc::Rc::new(Tree::empty());
    let c_data = match c_tree {
        Some(t) => reader.tree(t)?,
        None => empty.clone(),
    };
    let p_data = match p_tree {
        Some(t) => reader.tree(t)?,
        None => empty,
    };
    for (c, p) in differing_entries(&c_data, &p_data) {
        let name = c.or(p).map(|e| e.name).unwrap_or_default();
        let len = prefix.len();
        if !prefix.is_empty() {
            prefix.push(b'/');
        }
        prefix.extend_from_slice(name);
        let tree_of = |e: Option<Entry<'_>>| e.filter(|e| e.is_tree()).map(|e| oid_from(e.oid));
        let file_of = |e: Option<Entry<'_>>| e.filter(|e| !e.is_tree() && e.mode != 0o160000).map(|e| oid_from(e.oid));
        let (c_sub, p_sub) = (tree_of(c), tree_of(p));
        if c_sub.is_some() || p_sub.is_some() {
            tree_changes(reader, c_sub, p_sub, prefix, out)?;
        }
        match (file_of(c), file_of(p)) {
            (Some(blob), Some(_)) => out.push(Changed { path: prefix.clone(), side: Side::Modified, blob }),
            (Some(blob), None) => out.push(Changed { path: prefix.clone(), side: Side::Added, blob }),
            (None, Some(blob)) => out.push(Changed { path: prefix.clone(), side: Side::Deleted, blob }),
            (None, None) => {}
        }
        prefix.truncate(len);
    }
    Ok(())
}

/// One commit of a range, compared with its first parent by libgit2 (which gives the lines).
fn commit_change(
    repo: &Repository,
    oid: Oid,
    ignored: &HashSet<Oid>,
    lines_of: &dyn Fn(&str) -> bool,
) -> Result<CommitChange, HistoryError> {
    let commit = repo.find_commit(oid).map_err(|e| HistoryError::read(oid, "commit", e))?;
    let merge = commit.parent_count() > 1;
    let skip = super::objects::has_skip_trailer(commit.message_bytes());
    let tree = commit.tree().map_err(|e| HistoryError::read(oid, "tree", e))?;
    let parent_tree = match commit.parent(0) {
        Ok(parent) => Some(parent.tree().map_err(|e| HistoryError::read(parent.id(), "tree", e))?),
        Err(_) => None,
    };
    Ok(CommitChange {
        oid,
        time: commit.author().when().seconds(),
        merge,
        root: commit.parent_count() == 0,
        ignored: skip || ignored.contains(&oid),
        subject: subject_of(&commit),
        files: changed_lines(repo, parent_tree.as_ref(), &tree, lines_of)?,
    })
}

/// What `base..head` changed as a whole, as a release did: the net difference between the two
/// trees, file by file, with the changed lines of the files `lines_of` asks for.
///
/// Each file is credited to the newest first-parent commit of the range that touched it and is
/// not ignored (a merge stands for its pull request); a file that only ignored commits touched is
/// left out, and one no first-parent commit touched (`base` is not on the chain) is credited to
/// `head`. Churn inside the range cancels out (a flag added and removed again is no change), and
/// a file that fifty commits changed is compared once, so the cost follows the files a release
/// changed rather than its commits.
///
/// `walked` gives the first-parent commits that [`first_parent_changes`] read for co-change
/// (the range's commits are mostly among them): their files are taken from there instead of
/// their trees being compared again. It is asked for once the two trees are compared, so a
/// caller reading them on another thread has that long to finish.
pub fn release_changes(
    repo: &Repository,
    base: Oid,
    head: Oid,
    ignored: &HashSet<Oid>,
    lines_of: &dyn Fn(&str) -> bool,
    walked: &dyn Fn() -> Option<Arc<[CommitChange]>>,
) -> Result<Vec<CommitChange>, HistoryError> {
    let tree_of =
        |oid: Oid| repo.find_commit(oid).and_then(|c| c.tree()).map_err(|e| HistoryError::read(oid, "tree", e));
    let (base_tree, head_tree) = (tree_of(base)?, tree_of(head)?);
    let files = changed_lines(repo, Some(&base_tree), &head_tree, lines_of)?;
    let walked = walked();
    let known: HashMap<Oid, &CommitChange> = walked
        .iter()
        .flat_map(|commits| commits.iter())
        // A root commit's files were not read, and a path that is not UTF-8 was read lossily:
        // those commits are compared here, where the raw path is kept.
        .filter(|c| !c.root && c.files.iter().all(|f| !f.path.contains(char::REPLACEMENT_CHARACTER)))
        .map(|c| (c.oid, c))
        .collect();
    let walking = |e| HistoryError::git("walking the range", e);
    let mut walk = repo.revwalk().map_err(walking)?;
    walk.simplify_first_parent().map_err(walking)?;
    walk.push(head).map_err(|e| HistoryError::read(head, "commit", e))?;
    walk.hide(base).map_err(|e| HistoryError::read(base, "commit", e))?;
    let odb = open_odb(repo)?;
    let mut reader = ObjectReader::new(&odb);
    // Newest first: the first commit seen touching a path is the one it is credited to.
    let mut credited: Vec<Oid> = Vec::new();
    let mut credit: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
    let mut ignored_only: HashSet<Vec<u8>> = HashSet::new();
    // The first parent read for one commit is, on the first-parent line, the next commit walked.
    let mut parent_read = None;
    for oid in walk {
        let oid = oid.map_err(walking)?;
        if let Some(known) = known.get(&oid) {
            parent_read = None;
            let paths = known.files.iter().map(|f| f.path.as_bytes().to_vec());
            if known.ignored {
                ignored_only.extend(paths);
                continue;
            }
            let index = credited.len();
            credited.push(oid);
            for path in paths {
                credit.entry(path).or_insert(index);
            }
            continue;
        }
        let commit = match parent_read.take() {
            Some((read, commit)) if read == oid => commit,
            _ => reader.commit(oid)?,
        };
        let parent = match commit.parents.first() {
            Some(&p) => Some((p, reader.commit(p)?)),
            None => None,
        };
        let parent_tree = parent.as_ref().map(|(_, p)| p.tree);
        parent_read = parent;
        let mut changed = Vec::new();
        tree_changes(&mut reader, Some(commit.tree), parent_tree, &mut Vec::new(), &mut changed)?;
        if commit.skip || ignored.contains(&oid) {
            ignored_only.extend(changed.into_iter().map(|c| c.path));
            continue;
        }
        let index = credited.len();
        credited.push(oid);
        for c in changed {
            credit.entry(c.path).or_insert(index);
        }
    }
    let mut groups: Vec<Vec<FileChange>> = vec![Vec::new(); credited.len() + 1];
    for file in files {
        let key = file.path.as_bytes();
        match credit.get(key) {
            Some(&i) => groups[i].push(file),
            None if ignored_only.contains(key) => {}
            None => groups[credited.len()].push(file),
        }
    }
    credited.push(head);
    let mut out = Vec::new();
    for (oid, files) in credited.into_iter().zip(groups).filter(|(_, files)| !files.is_empty()) {
        let commit = repo.find_commit(oid).map_err(|e| HistoryError::read(oid, "commit", e))?;
        out.push(CommitChange {
            oid,
            time: commit.author().when().seconds(),
            merge: false,
            root: false,
            ignored: false,
            subject: subject_of(&commit),
            files,
        });
    }
    Ok(out)
}

/// A commit's subject: the first line of its message (lossy, as messages need not be UTF-8).
fn subject_of(commit: &git2::Commit<'_>) -> String {
    let message = String::from_utf8_lossy(commit.message_bytes());
    message.lines().next().unwrap_or_default().trim().to_string()
}

/// The files that differ between two trees, compared by libgit2, with the added, removed and
/// context lines of those `lines_of` asks for.
fn changed_lines(
    repo: &Repository,
    old: Option<&git2::Tree<'_>>,
    new: &git2::Tree<'_>,
    lines_of: &dyn Fn(&str) -> bool,
) -> Result<Vec<FileChange>, HistoryError> {
    let mut options = DiffOptions::new();
    // A blob past MAX_BLOB_BYTES counts as binary: no lines are read from it. Such files are
    // generated (a manual built from the docs, test data), and diffing them was most of the cost
    // of a release with several megabytes of them.
    options.ignore_submodules(true).max_size(MAX_BLOB_BYTES);
    let diff = repo
        .diff_tree_to_tree(old, Some(new), Some(&mut options))
        .map_err(|e| HistoryError::git("comparing a commit with its parent", e))?;
    let path_of = |file: git2::DiffFile<'_>| file.path_bytes().map(|p| String::from_utf8_lossy(p).replace('\\', "/"));
    let mut files = Vec::new();
    for (i, delta) in diff.deltas().enumerate() {
        let new = path_of(delta.new_file());
        let old = path_of(delta.old_file());
        // No rename detection runs here: a move is a deletion and an addition.
        let path = match delta.status() {
            Delta::Deleted => old.unwrap_or_default(),
            _ => new.or(old).unwrap_or_default(),
        };
        let (mut added, mut removed, mut context) = (Vec::new(), Vec::new(), Vec::new());
        if lines_of(&path)
            && let Ok(Some(patch)) = git2::Patch::from_diff(&diff, i)
        {
            let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).trim_end().to_string();
            for h in 0..patch.num_hunks() {
                if let Ok((hunk, _)) = patch.hunk(h) {
                    context.push(text(hunk.header()));
                }
                for l in 0..patch.num_lines_in_hunk(h).unwrap_or(0) {
                    let Ok(line) = patch.line_in_hunk(h, l) else { continue };
                    let list = match line.origin() {
                        '+' => &mut added,
                        '-' => &mut removed,
                        ' ' => &mut context,
                        _ => continue,
                    };
                    if list.len() < MAX_LINES {
                        list.push(text(line.content()));
                    }
                }
            }
        }
        files.push(FileChange { path, old_path: None, added, removed, context });
    }
    Ok(files)
}
