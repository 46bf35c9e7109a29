//! The two refinements of docs/ARCHITECTURE.md §3.2 and §3.3, where the expected answer deliberately differs from
//! `git log -1`: pure moves are followed, and trivial commits change nothing. Each test states the
//! expected commit, and checks that without the refinement the engine agrees with git.

use super::*;

#[test]
fn chain_of_pure_moves_is_followed_to_the_last_edit() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "v1").put("other.md", "o").make();
    let c2 = fx.commit("edit").parents(&[c1]).put("a.md", "v2").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx
        .commit("move into section")
        .parents(&[c2])
        .del("a.md")
        .put("guide/a.md", "v2")
        .at(T0 + 2 * HOUR, INDIA)
        .make();
    let c4 = fx
        .commit("rename")
        .parents(&[c3])
        .del("guide/a.md")
        .put("guide/start.md", "v2")
        .at(T0 + 3 * HOUR, CALIFORNIA)
        .make();
    let c5 = fx
        .commit("move section")
        .parents(&[c4])
        .del("guide/start.md")
        .put("docs/guide/start.md", "v2")
        .at(T0 + 4 * HOUR, TEHRAN)
        .make();
    fx.checkout(c5);
    // Without the refinement: exactly git log -1, which names the last move.
    fx.assert_agrees_with_git();
    assert_eq!(fx.last("docs/guide/start.md", false), Some(c5.to_string()));
    // With it: the last edit of the content, three moves earlier.
    assert_eq!(fx.last("docs/guide/start.md", true), Some(c2.to_string()));
}

#[test]
fn move_then_edit_then_move_stops_at_the_edit() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "v1").make();
    let c2 = fx.commit("move").parents(&[c1]).del("a.md").put("b.md", "v1").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx.commit("edit").parents(&[c2]).put("b.md", "v2").at(T0 + 2 * HOUR, TEHRAN).make();
    let c4 = fx.commit("move").parents(&[c3]).del("b.md").put("c.md", "v2").at(T0 + 3 * HOUR, TEHRAN).make();
    fx.checkout(c4);
    assert_eq!(fx.last("c.md", true), Some(c3.to_string()));
}

#[test]
fn a_move_out_of_another_folder_is_followed_outside_the_content_root() {
    // The site moved `site/_articles/` to `site/content/` (docs/ARCHITECTURE.md §3.2); the old
    // folder is outside the paths asked about.
    let fx = Fixture::new();
    let c1 = fx.commit("articles").put("site/_articles/a.md", "a").put("site/_articles/b.md", "b").make();
    let c2 = fx.commit("edit b").parents(&[c1]).put("site/_articles/b.md", "b2").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx
        .commit("new layout")
        .parents(&[c2])
        .del("site/_articles/a.md")
        .del("site/_articles/b.md")
        .put("site/content/a.md", "a")
        .put("site/content/b.md", "b2")
        .put("site/content/c.md", "c")
        .at(T0 + 2 * HOUR, TEHRAN)
        .make();
    let c4 =
        fx.commit("unrelated").parents(&[c3]).put("site/_articles/README", "gone").at(T0 + 3 * HOUR, TEHRAN).make();
    fx.checkout(c4);
    let changes = fx.run(&paths(&["site/content/a.md", "site/content/b.md", "site/content/c.md"]), true, None);
    let commit = |p: &str| changes.by_path[p].commit.clone().unwrap();
    assert_eq!(commit("site/content/a.md"), c1.to_string());
    assert_eq!(commit("site/content/b.md"), c2.to_string());
    assert_eq!(commit("site/content/c.md"), c3.to_string());
}

/// Regression: at a merge, a path the second parent takes unchanged was also followed as a move
/// down the first parent, so it was answered twice and another path not at all.
#[test]
fn a_move_made_on_a_side_branch_is_followed_down_that_branch_only() {
    let fx = Fixture::new();
    let base = fx.commit("base").put("old.md", "text").put("keep.md", "k").make();
    let side =
        fx.commit("move on a branch").parents(&[base]).del("old.md").put("new.md", "text").at(T0 + HOUR, INDIA).make();
    let main = fx.commit("main work").parents(&[base]).put("keep.md", "k2").at(T0 + 2 * HOUR, TEHRAN).make();
    let merge = fx
        .commit("merge")
        .parents(&[main, side])
        .del("old.md")
        .put("new.md", "text")
        .put("merged.md", "m")
        .at(T0 + 3 * HOUR, TEHRAN)
        .make();
    fx.checkout(merge);
    fx.assert_agrees_with_git();
    // `merged.md` is new in the merge itself, which keeps the merge busy after its parents.
    let changes = fx.run(&paths(&["new.md", "keep.md", "merged.md"]), true, None);
    assert_eq!(changes.by_path["merged.md"].commit, Some(merge.to_string()));
    assert_eq!(changes.by_path["new.md"].commit, Some(base.to_string()));
    assert_eq!(changes.by_path["keep.md"].commit, Some(main.to_string()));
}

#[test]
fn a_copy_is_not_a_move() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "same").make();
    let c2 = fx.commit("copy").parents(&[c1]).put("b.md", "same").at(T0 + HOUR, TEHRAN).make();
    fx.checkout(c2);
    assert_eq!(fx.last("b.md", true), Some(c2.to_string()));
    assert_eq!(fx.last("a.md", true), Some(c1.to_string()));
}

fn ignore_file(fx: &Fixture, lines: &[String]) -> PathBuf {
    let path = fx.path().join(".git-blame-ignore-revs");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn ignore_revs_commits_change_nothing() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "a").put("b.md", "b").make();
    let c2 = fx.commit("real edit").parents(&[c1]).put("a.md", "a2").at(T0 + HOUR, TEHRAN).make();
    let c3 = fx
        .commit("reformat everything")
        .parents(&[c2])
        .put("a.md", "a3")
        .put("b.md", "b3")
        .at(T0 + 2 * HOUR, TEHRAN)
        .make();
    let c4 =
        fx.commit("add c under a formatter commit").parents(&[c3]).put("c.md", "c").at(T0 + 3 * HOUR, TEHRAN).make();
    fx.checkout(c4);
    let file = ignore_file(
        &fx,
        &[
            "# formatting".to_string(),
            c3.to_string(),
            format!("{}  # the file was created here: it stays the change", &c4.to_string()[..12]),
            "0123456789abcdef0123456789abcdef01234567".to_string(),
            "not-a-revision".to_string(),
        ],
    );
    let changes = fx.run(&paths(&["a.md", "b.md", "c.md"]), true, Some(file));
    let commit = |p: &str| changes.by_path[p].commit.clone().unwrap();
    assert_eq!(commit("a.md"), c2.to_string());
    assert_eq!(commit("b.md"), c1.to_string());
    assert_eq!(commit("c.md"), c4.to_string());
    assert_eq!(changes.warnings.len(), 2, "{:?}", changes.warnings);
    assert!(changes.warnings[0].contains(":4: `0123456789abcdef"), "{:?}", changes.warnings);
    assert!(changes.warnings[1].contains("not-a-revision"));
}

#[test]
fn missing_ignore_revs_file_is_an_empty_list() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "a").make();
    fx.checkout(c1);
    let changes = fx.run(&paths(&["a.md"]), true, Some(fx.path().join("no-such-file")));
    assert!(changes.warnings.is_empty());
    assert_eq!(changes.by_path["a.md"].commit, Some(c1.to_string()));
}

#[test]
fn freshness_skip_trailer() {
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "a").put("b.md", "b").make();
    let c2 = fx
        .commit("Fix typos\n\nJust spelling.\n\nFreshness: skip\nSigned-off-by: P <p@example.com>\n")
        .parents(&[c1])
        .put("a.md", "a, spelled")
        .at(T0 + HOUR, TEHRAN)
        .make();
    // A skip in the body, not in the trailer block, does not count.
    let c3 = fx
        .commit("Rewrite b\n\nFreshness: skip was considered.\n\nReviewed-by: Q")
        .parents(&[c2])
        .put("b.md", "b2")
        .at(T0 + 2 * HOUR, TEHRAN)
        .make();
    fx.checkout(c3);
    assert_eq!(fx.last("a.md", true), Some(c1.to_string()));
    assert_eq!(fx.last("b.md", true), Some(c3.to_string()));
}

#[test]
fn skipped_merge_sends_paths_down_the_first_parent() {
    let fx = Fixture::new();
    let base = fx.commit("base").put("a.md", "a").make();
    let left = fx.commit("left").parents(&[base]).put("a.md", "a-left").at(T0 + HOUR, TEHRAN).make();
    let right = fx.commit("right").parents(&[base]).put("a.md", "a-right").at(T0 + 2 * HOUR, TEHRAN).make();
    let merge = fx
        .commit("Merge with a conflict fix\n\nFreshness: skip")
        .parents(&[left, right])
        .put("a.md", "a-merged")
        .at(T0 + 3 * HOUR, TEHRAN)
        .make();
    fx.checkout(merge);
    assert_eq!(fx.last("a.md", true), Some(left.to_string()));
}

#[test]
fn skipped_move_with_edit_is_followed_by_its_first_parent_content() {
    // The trivial commit moved and reformatted: it is ignored only where the path existed before.
    let fx = Fixture::new();
    let c1 = fx.commit("add").put("a.md", "a").make();
    let c2 = fx
        .commit("move and reformat\n\nFreshness: skip")
        .parents(&[c1])
        .del("a.md")
        .put("b.md", "a, reformatted")
        .at(T0 + HOUR, TEHRAN)
        .make();
    fx.checkout(c2);
    assert_eq!(fx.last("b.md", true), Some(c2.to_string()));
}
