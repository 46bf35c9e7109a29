//! A clean work tree: `build`, `check`, `search` and `impact` write nothing into the source tree,
//! zero-config and configured. The output goes where it is told; caches go under the git
//! directory.

use crate::common::TestSite;
use indoc::indoc;

const NOW: &str = "2026-06-01T12:00:00Z";

/// A product repository with docs beside it, committed and released, so that every command has
/// something to do: search builds an index, check and impact read the history.
fn repository(config: Option<&str>) -> TestSite {
    let mut site = TestSite::new()
        .file("src/cli.rs", "flag(\"--base-url\");\n")
        .file("docs/content/build.md", "# Build\n\nRun `acme build --base-url https://x/`.\n")
        .file(
            "docs/content/billing/refunds.md",
            indoc! {"
                ---
                title: Get a refund
                ---
                Refunds reach your card.
            "},
        );
    if let Some(config) = config {
        site = site.file("freshdocs.toml", config);
    }
    let git = site.git();
    let first = git.commit_all("Start", "2026-01-05T09:00:00Z");
    git.tag("v1.0", first);
    site.write("src/cli.rs", "flag(\"--site-url\");\n");
    let head = git.commit_all("Rename a flag", "2026-02-01T09:00:00Z");
    git.tag_annotated("v1.1", head, "2026-02-02T09:00:00Z");
    site
}

fn porcelain(site: &TestSite) -> String {
    let out = std::process::Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(site.path())
        .output()
        .expect("git status");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn every_command_leaves_the_tree_clean(site: &TestSite, root: &[&str]) {
    let outside = tempfile::tempdir().unwrap();
    let out = outside.path().join("site");
    let out = out.to_str().unwrap();
    let with_root = |args: &[&str]| -> Vec<String> { args.iter().chain(root).map(|s| s.to_string()).collect() };
    for args in [
        with_root(&["build", "--now", NOW, "--out", out]),
        with_root(&["check", "--now", NOW]),
        with_root(&["search", "refund"]),
        with_root(&["impact", "v1.0..v1.1", "--now", NOW]),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = site.run(&args);
        assert!(matches!(run.code, 0 | 1), "{run}");
        assert_eq!(porcelain(site), "", "`freshdocs {}` wrote into the work tree", args.join(" "));
    }
    assert!(std::path::Path::new(out).join("index.html").is_file(), "the output went where it was told");
    let git_dir = site.path().join(".git/freshdocs/search");
    assert!(git_dir.is_dir(), "the search index lives under the git directory");
}

#[test]
fn zero_config_commands_write_nothing_into_the_work_tree() {
    let site = repository(None);
    every_command_leaves_the_tree_clean(&site, &["--root", "docs/content"]);
}

#[test]
fn configured_commands_write_nothing_into_the_work_tree() {
    let site = repository(Some("content = \"docs/content\"\n[freshness]\nrelease_tags = \"v*\"\n"));
    every_command_leaves_the_tree_clean(&site, &[]);
}
