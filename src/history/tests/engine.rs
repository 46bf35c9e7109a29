//! The walk agrees with `git log -1 -- <path>` on every shape of history docs/ARCHITECTURE.md §3.12 lists,
//! and handles the work tree, odd repositories and the cache.

use super::*;
use crate::history::{ChangeState, HistoryError};

#[test]
fn linear_history() {
    let fx = Fixture::new();
    let c1 = fx.commit("start").put("docs/a.md", "a1").put("docs/b.md", "b1").put("README.md", "r").make();
    let c2 = fx.commit("edit a").parents(&[c1]).put("docs/a.md", "a2").at(T0 + HOUR, INDIA).make();
    let c3 = fx.commit("add c").parents(&[c2]).put("docs/sub/c.md", "c1").at(T0 + 2 * HOUR, CALIFORNIA).make();
    let c4 = fx.commit("code only").parents(&[c3]).put("src/main.rs", "fn main() {}").at(T0 + 3 * HOUR, TEHRAN).make();
    fx.checkout(c4);
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("docs/b.md", true), Some(c1.to_string()));
    assert_eq!(fx.last("docs/a.md", true), Some(c2.to_string()));
}

#[test]
fn author_date_keeps_its_time_zone() {
    let fx = Fixture::new();
    let c1 = fx.commit("start").put("a.md", "a").at(T0, INDIA).by("Anjali").make();
    fx.checkout(c1);
    let changes = fx.run(&paths(&["a.md"]), true, None);
    let change = &changes.by_path["a.md"];
    assert_eq!(change.state, ChangeState::Committed);
    assert_eq!(change.author, "Anjali");
    assert_eq!(change.time.to_rfc3339(), "2023-11-15T03:43:20+05:30");
    assert_eq!(change.time.timestamp(), T0);
    assert_eq!(changes.head, Some(c1.to_string()));
}

#[test]
fn merges_where_the_file_changed_on_one_side_both_sides_or_neither() {
    let fx = Fixture::new();
    let base = fx
        .commit("base")
        .put("one.md", "1")
        .put("both.md", "b")
        .put("neither.md", "n")
        .put("taken.md", "t")
        .put("ours.md", "o")
        .make();
    let left = fx
        .commit("left")
        .parents(&[base])
        .put("both.md", "b-left")
        .put("taken.md", "t-left")
        .put("ours.md", "o-left")
        .at(T0 + HOUR, TEHRAN)
        .make();
    let right = fx
        .commit("right")
        .parents(&[base])
        .put("one.md", "1-right")
        .put("both.md", "b-right")
        .put("taken.md", "t-right")
        .at(T0 + 2 * HOUR, CALIFORNIA)
        .make();
    // both.md: resolved to something new (the merge is the change); taken.md: resolved to the
    // right side's text (history goes down the right side); ours.md: left only.
    let merge = fx
        .commit("merge")
        .parents(&[left, right])
        .put("one.md", "1-right")
        .put("both.md", "b-merged")
        .put("taken.md", "t-right")
        .at(T0 + 3 * HOUR, INDIA)
        .make();
    fx.checkout(merge);
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("both.md", true), Some(merge.to_string()));
    assert_eq!(fx.last("taken.md", true), Some(right.to_string()));
    assert_eq!(fx.last("one.md", true), Some(right.to_string()));
    assert_eq!(fx.last("neither.md", true), Some(base.to_string()));
}

#[test]
fn subtree_merge_blames_the_merge_for_files_the_second_parent_holds_elsewhere() {
    let fx = Fixture::new();
    let main1 = fx.commit("site").put("docs/a.md", "a").make();
    let lib1 = fx.commit("lib root").put("guide.md", "g1").put("faq.md", "f").at(T0 + HOUR, CALIFORNIA).make();
    let lib2 = fx.commit("lib edit").parents(&[lib1]).put("guide.md", "g2").at(T0 + 2 * HOUR, CALIFORNIA).make();
    let merge = fx
        .commit("Merge lib as vendor/lib")
        .parents(&[main1, lib2])
        .put("vendor/lib/guide.md", "g2")
        .put("vendor/lib/faq.md", "f")
        .at(T0 + 3 * HOUR, TEHRAN)
        .make();
    let lib3 = fx.commit("lib edit 2").parents(&[lib2]).put("guide.md", "g3").at(T0 + 4 * HOUR, CALIFORNIA).make();
    let merge2 = fx
        .commit("Merge lib again")
        .parents(&[merge, lib3])
        .put("vendor/lib/guide.md", "g3")
        .at(T0 + 5 * HOUR, TEHRAN)
        .make();
    fx.checkout(merge2);
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("vendor/lib/faq.md", false), Some(merge.to_string()));
}

#[test]
fn octopus_merge() {
    let fx = Fixture::new();
    let base = fx.commit("base").put("a.md", "a").put("b.md", "b").put("c.md", "c").put("d.md", "d").make();
    let x = fx.commit("x").parents(&[base]).put("a.md", "a-x").at(T0 + HOUR, TEHRAN).make();
    let y = fx.commit("y").parents(&[base]).put("b.md", "b-y").put("d.md", "d-y").at(T0 + 2 * HOUR, INDIA).make();
    let z = fx.commit("z").parents(&[base]).put("c.md", "c-z").put("d.md", "d-z").at(T0 + 3 * HOUR, CALIFORNIA).make();
    let octopus = fx
        .commit("octopus")
        .parents(&[base, x, y, z])
        .put("a.md", "a-x")
        .put("b.md", "b-y")
        .put("c.md", "c-z")
        .put("d.md", "d-z")
        .at(T0 + 4 * HOUR, TEHRAN)
        .make();
    fx.checkout(octopus);
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("d.md", true), Some(z.to_string()));
}

#[test]
fn several_root_commits() {
    let fx = Fixture::new();
    let r1 = fx.commit("root one").put("one/a.md", "a").make();
    let r2 = fx.commit("root two").put("two/b.md", "b").at(T0 + HOUR, INDIA).make();
    let r3 = fx.commit("root three").put("one/a.md", "a").put("three.md", "c").at(T0 + 2 * HOUR, CALIFORNIA).make();
    let m1 = fx.commit("join").parents(&[r1, r2]).put("two/b.md", "b").at(T0 + 3 * HOUR, TEHRAN).make();
    let m2 = fx.commit("join again").parents(&[m1, r3]).put("three.md", "c").at(T0 + 4 * HOUR, TEHRAN).make();
    fx.checkout(m2);
    fx.assert_agrees_with_git();
}

#[test]
fn rename_with_edits_is_a_change() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("old/a.md", "text").make();
    let c2 = fx
        .commit("move and edit")
        .parents(&[c1])
        .del("old/a.md")
        .put("new/a.md", "text, edited")
        .at(T0 + HOUR, INDIA)
        .make();
    fx.checkout(c2);
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("new/a.md", true), Some(c2.to_string()));
}

#[test]
fn delete_and_re_add() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "same").put("b.md", "b").make();
    let c2 = fx.commit("delete").parents(&[c1]).del("a.md").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx.commit("re-add").parents(&[c2]).put("a.md", "same").at(T0 + 2 * HOUR, TEHRAN).make();
    fx.checkout(c3);
    fx.assert_agrees_with_git();
    // Re-adding is not a move: nothing was deleted in that commit.
    assert_eq!(fx.last("a.md", true), Some(c3.to_string()));
}

#[test]
fn special_characters_in_file_names() {
    let names = [
        "docs/a[1].md",
        "docs/[abc].md",
        "docs/b(2).md",
        "docs/c+d.md",
        "docs/with space.md",
        "docs/*star.md",
        "docs/راهنمای خرید.md",
        "docs/मदद/शुरुआत.md",
        "docs/x.md",
    ];
    let fx = Fixture::new();
    let mut spec = fx.commit("add all");
    for name in names {
        spec = spec.put(name, name);
    }
    let c1 = spec.make();
    // `a[1].md` as a glob would match `a1.md`: the literal file must not be confused with it.
    let c2 = fx
        .commit("similar names")
        .parents(&[c1])
        .put("docs/a1.md", "x")
        .put("docs/b.md", "y")
        .at(T0 + HOUR, INDIA)
        .make();
    let c3 =
        fx.commit("edit persian").parents(&[c2]).put("docs/راهنمای خرید.md", "new").at(T0 + 2 * HOUR, TEHRAN).make();
    fx.checkout(c3);
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("docs/a[1].md", true), Some(c1.to_string()));
}

#[test]
fn identical_timestamps_everywhere() {
    let fx = Fixture::new();
    let base = fx.commit("base").put("a.md", "a").put("b.md", "b").put("c.md", "c").make();
    let l1 = fx.commit("l1").parents(&[base]).put("a.md", "a1").make();
    let l2 = fx.commit("l2").parents(&[l1]).put("b.md", "b1").make();
    let r1 = fx.commit("r1").parents(&[base]).put("c.md", "c1").make();
    let r2 = fx.commit("r2").parents(&[r1]).put("a.md", "a1").make();
    let merge = fx.commit("merge").parents(&[l2, r2]).put("c.md", "c1").make();
    let tip = fx.commit("tip").parents(&[merge]).put("d.md", "d").make();
    fx.checkout(tip);
    fx.assert_agrees_with_git();
}

/// Regression: with a child older than its parent, a walk by time alone processes the shared
/// ancestor `w` before the skewed side hands it its items.
#[test]
fn clock_skew_does_not_lose_items() {
    let fx = Fixture::new();
    let root = fx.commit("root").put("f1.md", "1").put("f2.md", "2").put("f3.md", "3").at(T0, TEHRAN).make();
    let w = fx.commit("w").parents(&[root]).put("f3.md", "3w").at(T0 + 800, TEHRAN).make();
    // x's clock was a day behind.
    let x = fx.commit("x").parents(&[w]).put("f2.md", "2x").at(T0 - 86_400, CALIFORNIA).make();
    let z = fx.commit("z").parents(&[w]).put("f1.md", "1z").at(T0 + 900, INDIA).make();
    let merge = fx.commit("merge").parents(&[x, z]).put("f1.md", "1z").at(T0 + 1000, TEHRAN).make();
    fx.checkout(merge);
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("f3.md", true), Some(w.to_string()));
    assert_eq!(fx.last("f1.md", true), Some(z.to_string()));
    assert_eq!(fx.last("f2.md", true), Some(x.to_string()));
}

#[test]
fn uncommitted_and_untracked_files() {
    let fx = Fixture::new();
    let c1 =
        fx.commit("add").put("clean.md", "c").put("edited.md", "e").put("staged.md", "s").put("gone.md", "g").make();
    fx.checkout(c1);
    std::fs::write(fx.path().join("edited.md"), "e, edited").unwrap();
    std::fs::write(fx.path().join("staged.md"), "s, staged").unwrap();
    std::fs::remove_file(fx.path().join("gone.md")).unwrap();
    std::fs::write(fx.path().join("new.md"), "n").unwrap();
    std::fs::write(fx.path().join("added.md"), "a").unwrap();
    fx.git(&["add", "staged.md", "added.md"]);
    let all = paths(&["clean.md", "edited.md", "staged.md", "gone.md", "new.md", "added.md", "nowhere.md"]);
    let changes = fx.run(&all, true, None);
    let state = |p: &str| changes.by_path.get(p).map(|c| c.state);
    assert_eq!(state("clean.md"), Some(ChangeState::Committed));
    assert_eq!(state("edited.md"), Some(ChangeState::Modified));
    assert_eq!(state("staged.md"), Some(ChangeState::Modified));
    assert_eq!(state("gone.md"), Some(ChangeState::Modified));
    assert_eq!(state("new.md"), Some(ChangeState::Untracked));
    assert_eq!(state("added.md"), Some(ChangeState::Untracked));
    assert_eq!(state("nowhere.md"), None);
    assert!(changes.warnings.iter().any(|w| w.contains("nowhere.md")), "{:?}", changes.warnings);
    let edited = &changes.by_path["edited.md"];
    assert_eq!(edited.time, now());
    assert_eq!(edited.commit, None);
    assert_eq!(edited.author, "Tester");
}

#[test]
fn paths_are_normalised_but_reported_as_given() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("docs/a.md", "a").make();
    fx.checkout(c1);
    let changes = fx.run(&paths(&["./docs/a.md", "docs//a.md", "../outside.md", ""]), true, None);
    assert_eq!(changes.by_path["./docs/a.md"].commit, Some(c1.to_string()));
    assert_eq!(changes.by_path["docs//a.md"].commit, Some(c1.to_string()));
    assert!(!changes.by_path.contains_key("../outside.md"));
    assert_eq!(changes.warnings.len(), 2, "{:?}", changes.warnings);
}

#[test]
fn detached_head() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "1").put("b.md", "1").make();
    let c2 = fx.commit("edit a").parents(&[c1]).put("a.md", "2").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx.commit("edit b").parents(&[c2]).put("b.md", "2").at(T0 + 2 * HOUR, TEHRAN).make();
    fx.checkout(c3);
    fx.detach(c2);
    let repo = fx.open();
    assert_eq!(repo.head(), Some(c2.to_string()));
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("b.md", true), Some(c1.to_string()));
}

#[test]
fn unborn_branch_has_no_head_and_only_new_files() {
    let fx = Fixture::new();
    std::fs::write(fx.path().join("draft.md"), "d").unwrap();
    let repo = fx.open();
    assert_eq!(repo.head(), None);
    let changes = fx.run(&paths(&["draft.md"]), true, None);
    assert_eq!(changes.by_path["draft.md"].state, ChangeState::Untracked);
    assert_eq!(changes.head, None);
}

#[test]
fn no_repository_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // A ceiling is not settable here, so only assert on a folder that cannot be inside a repo
    // when the temp dir itself is not: skip if the system temp dir is inside a repository.
    if git2::Repository::discover(dir.path()).is_ok() {
        return;
    }
    assert!(crate::history::discover(dir.path()).unwrap().is_none());
}

#[test]
fn discover_walks_up_and_canonicalises() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("docs/deep/a.md", "a").make();
    fx.checkout(c1);
    let repo = crate::history::discover(&fx.path().join("docs/deep")).unwrap().unwrap();
    assert_eq!(repo.workdir(), fx.path().canonicalize().unwrap());
    assert!(!repo.is_shallow());
}

#[test]
fn shallow_clone_is_refused_with_a_fix() {
    let fx = Fixture::new();
    let c1 = fx.commit("one").put("a.md", "1").make();
    let c2 = fx.commit("two").parents(&[c1]).put("a.md", "2").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx.commit("three").parents(&[c2]).put("b.md", "3").at(T0 + 2 * HOUR, TEHRAN).make();
    fx.checkout(c3);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", fx.path().display());
    let status = git_command(fx.path())
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("shallow"))
        .status()
        .unwrap();
    assert!(status.success());
    let repo = crate::history::discover(&clone.path().join("shallow")).unwrap().unwrap();
    assert!(repo.is_shallow());
    let error = last_changes(&repo, &HistoryQuery::new(paths(&["a.md"]), now())).unwrap_err();
    assert!(matches!(error, HistoryError::Shallow { .. }));
    let message = error.to_string();
    assert!(message.contains("git fetch --unshallow") && message.contains("fetch-depth: 0"), "{message}");
}

#[test]
fn missing_tree_is_an_error_not_a_panic() {
    let fx = Fixture::new();
    let c1 = fx.commit("one").put("docs/a.md", "1").put("docs/b.md", "1").make();
    let c2 = fx.commit("two").parents(&[c1]).put("docs/b.md", "2").at(T0 + HOUR, TEHRAN).make();
    fx.checkout(c2);
    // Remove the loose `docs` tree of the first commit, as a partial clone would lack it.
    let docs = fx.repo.find_commit(c1).unwrap().tree().unwrap().get_name("docs").unwrap().id();
    let hex = docs.to_string();
    std::fs::remove_file(fx.path().join(".git/objects").join(&hex[..2]).join(&hex[2..])).unwrap();
    let repo = fx.open();
    let error = last_changes(&repo, &{
        let mut q = HistoryQuery::new(paths(&["docs/a.md"]), now());
        q.use_cache = false;
        q
    })
    .unwrap_err();
    assert!(matches!(error, HistoryError::MissingObject { kind: "tree", .. }), "{error}");
    assert!(error.to_string().contains(&hex));
}

#[test]
fn cache_answers_a_second_run_and_follows_head() {
    if crate::history::cache::disabled_by_env() {
        return; // FRESHDOCS_NO_CACHE is set for this test run.
    }
    let fx = Fixture::new();
    let c1 = fx.commit("one").put("a.md", "1").put("b.md", "1").make();
    fx.checkout(c1);
    let repo = fx.open();
    let query = HistoryQuery::new(paths(&["a.md", "b.md"]), now());
    let first = last_changes(&repo, &query).unwrap();
    assert_eq!(first.stats.walked_paths, 2);
    assert!(fx.path().join(format!(".git/freshdocs/history/{c1}.json")).is_file());
    // The cache lives in the git directory: the work tree stays clean.
    assert_eq!(fx.git(&["status", "--porcelain"]), "");
    let second = last_changes(&repo, &query).unwrap();
    assert_eq!(second.stats.cached_paths, 2);
    assert_eq!(second.stats.walked_paths, 0);
    assert_eq!(first.by_path, second.by_path);
    // A subset is answered from the cache too; a new HEAD invalidates it.
    let subset = last_changes(&repo, &HistoryQuery::new(paths(&["a.md"]), now())).unwrap();
    assert_eq!(subset.stats.cached_paths, 1);
    let c2 = fx.commit("two").parents(&[c1]).put("a.md", "2").at(T0 + HOUR, TEHRAN).make();
    fx.checkout(c2);
    let third = last_changes(&repo, &query).unwrap();
    assert_eq!(third.stats.walked_paths, 2);
    assert_eq!(third.by_path["a.md"].commit, Some(c2.to_string()));
    // The first commit's answers are still there, for a walk from it (an older version's tag).
    let mut at_c1 = HistoryQuery::new(paths(&["a.md", "b.md"]), now());
    at_c1.at = Some(c1);
    let again = last_changes(&repo, &at_c1).unwrap();
    assert_eq!((again.stats.cached_paths, again.stats.walked_paths), (2, 0));
    assert_eq!(again.by_path, first.by_path);
    // Work-tree state is never cached.
    std::fs::write(fx.path().join("b.md"), "edited").unwrap();
    let fourth = last_changes(&repo, &query).unwrap();
    assert_eq!(fourth.by_path["b.md"].state, ChangeState::Modified);
}

#[test]
fn folders_are_dated_like_git_log_dates_them() {
    // `watch` globs may name whole product folders; `git log -1 -- <folder>` is the reference.
    let fx = Fixture::new();
    let c1 = fx.commit("one").put("src/api/a.rs", "1").put("src/cli/b.rs", "1").put("docs/x.md", "x").make();
    let c2 = fx.commit("api").parents(&[c1]).put("src/api/a.rs", "2").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx.commit("docs").parents(&[c2]).put("docs/x.md", "y").at(T0 + 2 * HOUR, TEHRAN).make();
    fx.checkout(c3);
    let folders = paths(&["src", "src/api", "src/cli", "docs"]);
    let changes = fx.run(&folders, false, None);
    for folder in &folders {
        assert_eq!(changes.by_path[folder].commit.as_deref(), Some(fx.git_last(folder).as_str()), "{folder}");
    }
}

#[test]
fn uncommitted_edits_in_a_content_folder_and_below_a_watched_folder() {
    let fx = Fixture::new();
    let c1 = fx.commit("one").put("site/docs/a.md", "a").put("site/docs/b.md", "b").put("src/lib.rs", "1").make();
    fx.checkout(c1);
    std::fs::write(fx.path().join("site/docs/a.md"), "a, edited").unwrap();
    // Only paths below `site/docs` asked: the status scan is limited to that folder.
    let changes = fx.run(&paths(&["site/docs/a.md", "site/docs/b.md"]), true, None);
    assert_eq!(changes.by_path["site/docs/a.md"].state, ChangeState::Modified);
    assert_eq!(changes.by_path["site/docs/b.md"].state, ChangeState::Committed);
    std::fs::write(fx.path().join("src/lib.rs"), "2").unwrap();
    let changes = fx.run(&paths(&["src", "site/docs/b.md"]), true, None);
    assert_eq!(changes.by_path["src"].state, ChangeState::Modified);
}
