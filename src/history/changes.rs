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

use std::collections::HashSet;

use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};

use super::HistoryError;

/// One changed file of a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Repository-relative path after the commit (before it, for a deletion).
    pub path: String,
    /// The path before the commit when git found a rename (only looked for where asked).
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
    /// Author date, seconds since the epoch.
    pub time: i64,
    pub summary: String,
    pub merge: bool,
    /// The first commit of its history: it adds everything, so it couples nothing.
    pub root: bool,
    /// In the ignore list or with a `Freshness: skip` trailer.
    pub ignored: bool,
    pub files: Vec<FileChange>,
}

/// Changed lines kept per file: enough to find the identifiers of a real change, bounded for
/// generated diffs.
pub const MAX_LINES: usize = 4000;

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
        out.push(commit_change(repo, oid, ignored, None, Some(lines_of))?);
    }
    Ok(out)
}

/// Calls `visit` for the first-parent commits from `head`, newest first, at most `max` of them,
/// with the files each changed (no lines). Renames are looked for only among files under
/// `renames_under` (the content folder), where a moved article must keep its history.
pub fn first_parent_changes(
    repo: &Repository,
    head: Oid,
    ignored: &HashSet<Oid>,
    max: usize,
    renames_under: &str,
    visit: &mut dyn FnMut(CommitChange),
) -> Result<(), HistoryError> {
    let mut next = Some(head);
    let mut seen = 0;
    while let Some(oid) = next {
        if seen == max {
            break;
        }
        seen += 1;
        let commit = repo.find_commit(oid).map_err(|e| HistoryError::read(oid, "commit", e))?;
        next = commit.parent_id(0).ok();
        visit(commit_change(repo, oid, ignored, Some(renames_under), None)?);
    }
    Ok(())
}

fn commit_change(
    repo: &Repository,
    oid: Oid,
    ignored: &HashSet<Oid>,
    renames_under: Option<&str>,
    lines_of: Option<&dyn Fn(&str) -> bool>,
) -> Result<CommitChange, HistoryError> {
    let commit = repo.find_commit(oid).map_err(|e| HistoryError::read(oid, "commit", e))?;
    let merge = commit.parent_count() > 1;
    let skip = super::objects::has_skip_trailer(commit.message_bytes());
    let mut change = CommitChange {
        oid,
        time: commit.author().when().seconds(),
        summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned(),
        merge,
        root: commit.parent_count() == 0,
        ignored: skip || ignored.contains(&oid),
        files: Vec::new(),
    };
    let tree = commit.tree().map_err(|e| HistoryError::read(oid, "tree", e))?;
    let parent_tree = match commit.parent(0) {
        Ok(parent) => Some(parent.tree().map_err(|e| HistoryError::read(parent.id(), "tree", e))?),
        Err(_) => None,
    };
    let mut options = DiffOptions::new();
    options.skip_binary_check(lines_of.is_none()).ignore_submodules(true);
    let mut diff = repo
        .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut options))
        .map_err(|e| HistoryError::git("comparing a commit with its parent", e))?;
    if let Some(under) = renames_under {
        let moved = |status| {
            diff.deltas().any(|d| {
                d.status() == status
                    && d.new_file()
                        .path_bytes()
                        .or(d.old_file().path_bytes())
                        .is_some_and(|p| p.starts_with(under.as_bytes()))
            })
        };
        if moved(Delta::Added) && moved(Delta::Deleted) {
            diff.find_similar(Some(DiffFindOptions::new().renames(true)))
                .map_err(|e| HistoryError::git("finding renamed articles", e))?;
        }
    }
    let path_of = |file: git2::DiffFile<'_>| file.path_bytes().map(|p| String::from_utf8_lossy(p).replace('\\', "/"));
    for (i, delta) in diff.deltas().enumerate() {
        let new = path_of(delta.new_file());
        let old = path_of(delta.old_file());
        let (path, old_path) = match delta.status() {
            Delta::Deleted => (old.unwrap_or_default(), None),
            Delta::Renamed => (new.unwrap_or_default(), old),
            _ => (new.or(old).unwrap_or_default(), None),
        };
        let (mut added, mut removed, mut context) = (Vec::new(), Vec::new(), Vec::new());
        if let Some(lines_of) = lines_of
            && lines_of(&path)
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
        change.files.push(FileChange { path, old_path, added, removed, context });
    }
    Ok(change)
}
