//! `watch`: an article that describes certain product paths is only predated by a release when
//! one of those paths changed between the article's fresh-as-of date and that release.

use chrono::{DateTime, FixedOffset};
use git2::{DiffOptions, Oid, Repository, Sort};

/// Whether any path matching `globs` (git pathspecs relative to the repository root, e.g.
/// `src/billing/**`) changed in a commit reachable from `release_commit` and dated after `since`.
///
/// Walks back from the release, newest first, and stops at commits older than `since`; a commit
/// counts when its tree differs from its first parent's in a watched path (for a root commit,
/// when it adds one). `None` when the release commit cannot be read.
pub(crate) fn changed_between(
    repo: &Repository,
    globs: &[String],
    since: DateTime<FixedOffset>,
    release_commit: &str,
) -> Option<bool> {
    let oid = Oid::from_str(release_commit).ok()?;
    let mut walk = repo.revwalk().ok()?;
    walk.set_sorting(Sort::TIME).ok()?;
    walk.push(oid).ok()?;
    let mut options = DiffOptions::new();
    for glob in globs {
        options.pathspec(glob.trim_start_matches("./"));
    }
    // A day of slack for clock skew between branches before giving up on older history.
    let stop_before = since.timestamp() - 86_400;
    for id in walk {
        let commit = repo.find_commit(id.ok()?).ok()?;
        let time = commit.time().seconds();
        if time < stop_before {
            break;
        }
        if time <= since.timestamp() {
            continue;
        }
        let tree = commit.tree().ok()?;
        let parent_tree = commit.parent(0).ok().and_then(|p| p.tree().ok());
        let diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut options)).ok()?;
        if diff.deltas().len() > 0 {
            return Some(true);
        }
    }
    Some(false)
}
