//! Drift on real git repositories with fixed dates: `freshdocs impact` and its evidence of each
//! kind (co-change, mention, watch, path, UI string), renames, bulk commits, a separate product
//! repository, the exit codes, and the coupled release rule of `check`.

use crate::common::{Git, TestSite};
use indoc::indoc;
use serde_json::Value;

const NOW: &str = "2026-06-01T12:00:00Z";

/// A product beside its docs (content in `docs/`), released as v1.0, then changed:
///
/// - `build.md` names the `--base-url` flag, which `src/cli.rs` renames;
/// - `search.md` changed together with `src/search.rs` twice before, and `src/search.rs` changes;
/// - `themes.md` watches `themes/**`, and a theme file changes;
/// - `config.md` names `config/defaults.toml`, which changes;
/// - `unrelated.md` describes nothing that changes.
fn product_with_docs() -> (TestSite, Git, git2::Oid) {
    let site = TestSite::new()
        .file(
            "freshdocs.toml",
            indoc! {"
                title = \"Acme\"
                content = \"docs\"
                [freshness]
                grace = \"0d\"
            "},
        )
        .file("src/cli.rs", "fn args() {\n    flag(\"--base-url\", \"where the site lives\");\n}\n")
        .file("src/search.rs", "pub fn search() {}\n")
        .file("themes/default.html", "<main></main>\n")
        .file("config/defaults.toml", "port = 1111\n")
        .file(
            "docs/build.md",
            indoc! {"
                # Build

                Intro.

                Run `acme build --base-url https://x/` to set the address.
            "},
        )
        .file("docs/search.md", "# Search\n\nType a word.\n")
        .file(
            "docs/themes.md",
            indoc! {"
                ---
                title: Themes
                watch: [\"themes/**\"]
                ---
                Pick a look.
            "},
        )
        .file("docs/config.md", "# Settings\n\nDefaults live in `config/defaults.toml`.\n")
        .file("docs/unrelated.md", "# Contact\n\nWrite to us.\n");
    let git = site.git();
    let first = git.commit_all("Start", "2026-01-05T09:00:00+01:00");
    git.tag("v1.0", first);
    site.write("src/search.rs", "pub fn search() { rank(); }\n");
    site.write("docs/search.md", "# Search\n\nType a word; results are ranked.\n");
    git.commit_all("Rank results", "2026-01-20T09:00:00+01:00");
    site.write("src/search.rs", "pub fn search() { rank(); typo(); }\n");
    site.write("docs/search.md", "# Search\n\nType a word; typos are forgiven.\n");
    git.commit_all("Forgive typos", "2026-02-01T09:00:00+01:00");
    let base = git.commit_all("Nothing", "2026-02-02T09:00:00+01:00");
    site.write("src/cli.rs", "fn args() {\n    flag(\"--site-url\", \"where the site lives\");\n}\n");
    git.commit_all("Rename a flag", "2026-03-01T09:00:00+01:00");
    site.write("src/search.rs", "pub fn search() { rank(); typo(); prefix(); }\n");
    git.commit_all("Prefix search", "2026-03-02T09:00:00+01:00");
    site.write("themes/default.html", "<main class=\"page\"></main>\n");
    git.commit_all("Theme", "2026-03-03T09:00:00+01:00");
    site.write("config/defaults.toml", "port = 2222\n");
    git.commit_all("New default port", "2026-03-04T09:00:00+01:00");
    (site, git, base)
}

/// Tags HEAD as the release v1.1, on 2026-03-06: after every change of [`product_with_docs`].
fn release_v1_1(git: &Git) {
    let head = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    git.tag_annotated("v1.1", head, "2026-03-06T09:00:00+01:00");
}

fn impact(site: &TestSite, args: &[&str], code: i32) -> Value {
    let mut all = vec!["impact", "--format", "json", "--now", NOW];
    all.extend_from_slice(args);
    let run = site.run(&all);
    run.code(code);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{run}"))
}

fn listed(report: &Value) -> Vec<String> {
    report["articles"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap().to_string()).collect()
}

fn entry<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == path)
        .unwrap_or_else(|| panic!("{path} not listed in {report:#}"))
}

fn kinds(entry: &Value) -> Vec<String> {
    entry["evidence"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_string()).collect()
}

#[test]
fn impact_lists_the_articles_coupled_to_the_changes_with_evidence_of_each_kind() {
    let (site, git, base) = product_with_docs();
    let report = impact(&site, &[&format!("{base}..HEAD")], 0);
    let mut paths = listed(&report);
    paths.sort();
    assert_eq!(paths, ["build.md", "config.md", "search.md", "themes.md"], "{report:#}");
    let head = git.repo.head().unwrap().peel_to_commit().unwrap().id().to_string();
    assert_eq!(report["head"], head);
    assert_eq!(report["base"], base.to_string());

    let build = entry(&report, "build.md");
    let mention = &build["evidence"][0];
    assert_eq!(mention["kind"], "mention");
    assert_eq!(mention["product_path"], "src/cli.rs");
    assert_eq!(mention["detail"], "`--base-url`");
    assert_eq!(mention["line"], 5, "the article's line that names the flag");
    assert_eq!(build["url"], "/build/");
    assert_eq!(build["updated_in_range"], false);

    assert!(kinds(entry(&report, "search.md")).contains(&"co-change".to_string()));
    assert_eq!(entry(&report, "search.md")["evidence"][0]["product_path"], "src/search.rs");
    let themes = entry(&report, "themes.md");
    assert_eq!(kinds(themes)[0], "watch");
    assert_eq!(themes["evidence"][0]["line"], 3, "the line of `watch:`");
    let config = entry(&report, "config.md");
    assert_eq!(kinds(config)[0], "path");
    assert_eq!(config["evidence"][0]["product_path"], "config/defaults.toml");
}

#[test]
fn the_default_range_starts_at_the_latest_release() {
    let (site, _git, _) = product_with_docs();
    let report = impact(&site, &[], 0);
    assert_eq!(report["range"], "v1.0..HEAD");
    assert!(listed(&report).contains(&"build.md".to_string()));
}

#[test]
fn a_range_without_product_changes_lists_nothing_and_exits_0() {
    let (site, git, _) = product_with_docs();
    let before = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    site.write("docs/unrelated.md", "# Contact\n\nWrite to us any time.\n");
    git.commit_all("Docs only", "2026-03-10T09:00:00+01:00");
    let report = impact(&site, &[&format!("{before}..HEAD"), "--fail"], 0);
    assert_eq!(listed(&report), Vec::<String>::new());
    assert_eq!(report["product_files"], 0);
}

#[test]
fn fail_exits_1_only_when_a_listed_article_was_not_updated_in_the_range() {
    let (site, git, base) = product_with_docs();
    impact(&site, &[&format!("{base}..HEAD"), "--fail"], 1);
    // Update every listed article in the range: then it passes.
    for (path, text) in [
        ("docs/build.md", "# Build\n\nRun `acme build --base-url https://x/`: the published address.\n"),
        ("docs/search.md", "# Search\n\nType a word or its start.\n"),
        ("docs/themes.md", "---\ntitle: Themes\nwatch: [\"themes/**\"]\n---\nPick a look; pages have a class.\n"),
        ("docs/config.md", "# Settings\n\nDefaults live in `config/defaults.toml` (port 2222).\n"),
    ] {
        site.write(path, text);
    }
    git.commit_all("Docs for the changes", "2026-03-11T09:00:00+01:00");
    let report = impact(&site, &[&format!("{base}..HEAD"), "--fail"], 0);
    assert_eq!(entry(&report, "build.md")["updated_in_range"], true);
}

/// Two pages wanting one URL break the site, not what the articles say: `impact` warns and goes
/// on (found replaying a real history, where a page and a folder of the same name coexisted).
#[test]
fn impact_warns_about_a_url_conflict_and_goes_on() {
    let (site, _git, base) = product_with_docs();
    site.write(
        "docs/build/_index.md",
        indoc! {"
            ---
            title: Building
            ---
            All about builds.
        "},
    );
    let run = site.run(&["impact", &format!("{base}..HEAD"), "--format", "json", "--now", NOW]);
    run.code(0);
    assert!(run.stderr.contains("two files want the URL /build/"), "{run}");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(listed(&report).contains(&"build.md".to_string()), "{report:#}");
}

#[test]
fn a_bad_range_is_a_clear_error_with_exit_code_2() {
    let (site, _git, _) = product_with_docs();
    let run = site.run(&["impact", "nope..HEAD", "--now", NOW]);
    run.code(2);
    assert!(
        run.stderr.contains("`nope` names no commit in the product repository"),
        "the message names the revision\n{run}"
    );
    assert!(run.stderr.contains("origin/main...HEAD"), "and says what to give instead\n{run}");
}

#[test]
fn three_dots_compare_from_the_merge_base_as_a_pull_request_does() {
    let (site, git, base) = product_with_docs();
    let head = git.repo.head().unwrap().peel_to_commit().unwrap();
    git.repo.branch("feature", &head, false).unwrap();
    // main moves on after the branch point with a change the pull request does not contain.
    git.repo.set_head_detached(base).unwrap();
    git.repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force())).unwrap();
    let report = impact(&site, &[&format!("{base}...feature")], 0);
    assert_eq!(report["base"], base.to_string());
    assert!(listed(&report).contains(&"build.md".to_string()), "{report:#}");
}

#[test]
fn a_renamed_article_keeps_its_co_change_history() {
    let (site, git, _) = product_with_docs();
    let before = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    std::fs::rename(site.path().join("docs/search.md"), site.path().join("docs/find.md")).unwrap();
    git.commit_all("Rename search to find", "2026-03-12T09:00:00+01:00");
    let moved = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    site.write("src/search.rs", "pub fn search() { rank(); typo(); prefix(); fuzzy(); }\n");
    git.commit_all("Fuzzy search", "2026-03-13T09:00:00+01:00");
    let report = impact(&site, &[&format!("{moved}..HEAD")], 0);
    assert_eq!(listed(&report), ["find.md"], "{report:#}");
    assert_eq!(kinds(entry(&report, "find.md")), ["co-change"]);
    let _ = before;
}

/// The files each commit changed are kept in the git folder for the next run; a run that reads
/// them gives the report a run without them gives, a renamed article's history included.
#[test]
fn kept_diffs_give_the_same_impact_as_diffing_the_trees() {
    let (site, git, _) = product_with_docs();
    std::fs::rename(site.path().join("docs/search.md"), site.path().join("docs/find.md")).unwrap();
    git.commit_all("Rename search to find", "2026-03-12T09:00:00+01:00");
    let moved = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    site.write("src/search.rs", "pub fn search() { rank(); typo(); prefix(); fuzzy(); }\n");
    git.commit_all("Fuzzy search", "2026-03-13T09:00:00+01:00");
    let range = format!("{moved}..HEAD");
    let args = ["impact", &range, "--format", "json", "--now", NOW];
    let uncached = site.run(&args);
    uncached.code(0);
    let kept = site.path().join(".git/freshdocs/diffs");
    assert!(!kept.exists(), "FRESHDOCS_NO_CACHE keeps nothing");
    let first = site.run_cached(&args);
    let files: Vec<_> = std::fs::read_dir(&kept).unwrap().collect();
    assert_eq!(files.len(), 1, "one file of kept diffs for the content folder");
    let second = site.run_cached(&args);
    for run in [&first, &second] {
        run.code(0);
        assert_eq!(run.stdout, uncached.stdout, "{run}");
    }
    let report: Value = serde_json::from_str(&second.stdout).unwrap();
    assert_eq!(kinds(entry(&report, "find.md")), ["co-change"], "{report:#}");
}

/// What each article names is kept for the next run by its text: an article edited since names
/// what its new text names, at its new line.
#[test]
fn kept_mentions_follow_an_edited_article() {
    let (site, _, base) = product_with_docs();
    let range = format!("{base}..HEAD");
    let args = ["impact", &range, "--format", "json", "--now", NOW];
    let first = site.run_cached(&args);
    first.code(0);
    let report: Value = serde_json::from_str(&first.stdout).unwrap();
    assert_eq!(entry(&report, "build.md")["evidence"][0]["line"], 5, "{report:#}");
    assert!(site.path().join(".git/freshdocs/mentions").is_dir(), "{}", site.listing());
    // The flag moves two lines down in the work tree; `unrelated.md` starts to name it too.
    site.write(
        "docs/build.md",
        "# Build\n\nIntro.\n\nMore.\n\nRun `acme build --base-url https://x/` to set the address.\n",
    );
    site.write("docs/unrelated.md", "# Contact\n\nWrite to us, or pass `--base-url`.\n");
    let edited = site.run_cached(&args);
    edited.code(0);
    let uncached = site.run(&args);
    assert_eq!(edited.stdout, uncached.stdout, "{edited}");
    let report: Value = serde_json::from_str(&edited.stdout).unwrap();
    assert_eq!(entry(&report, "build.md")["evidence"][0]["line"], 7, "{report:#}");
    assert_eq!(entry(&report, "unrelated.md")["evidence"][0]["detail"], "`--base-url`", "{report:#}");
}

#[test]
fn a_bulk_commit_is_not_co_change_evidence() {
    let site = TestSite::new().file("freshdocs.toml", "content = \"docs\"\n").file("src/engine.rs", "fn a() {}\n");
    for i in 0..12 {
        site.write(&format!("docs/a{i}.md"), format!("# Article {i}\n\nText.\n"));
    }
    let git = site.git();
    git.commit_all("Start", "2026-01-05T09:00:00Z");
    // One sweeping commit touches the engine and every article; then the engine alone changes.
    site.write("src/engine.rs", "fn a() { b(); }\n");
    for i in 0..12 {
        site.write(&format!("docs/a{i}.md"), format!("# Article {i}\n\nText, reformatted.\n"));
    }
    let bulk = git.commit_all("Reformat everything", "2026-01-10T09:00:00Z");
    site.write("src/engine.rs", "fn a() { b(); c(); }\n");
    git.commit_all("Engine", "2026-01-20T09:00:00Z");
    let report = impact(&site, &[&format!("{bulk}..HEAD")], 0);
    assert_eq!(listed(&report), Vec::<String>::new(), "{report:#}");
}

/// A new option names nothing an article says yet; the article about that part of the product is
/// found by its path (`providers/docker-engine.md` beside `pkg/provider/docker/engine.go`), or by
/// the commit's subject, and only by a rare word: `provider` is in every provider's path.
#[test]
fn an_articles_path_couples_it_to_the_part_of_the_product_of_the_same_name() {
    let site = TestSite::new()
        .file("freshdocs.toml", "content = \"docs\"\n[freshness]\ngrace = \"0d\"\n")
        .file("pkg/provider/docker/engine.go", "type Config struct {\n\tSocketPath string\n}\n")
        .file("pkg/provider/kubernetes/client.go", "type Client struct{}\n")
        .file("pkg/server/retry.go", "func retry() {}\n")
        .file("docs/providers/docker-engine.md", "# Docker engine\n\nSet `SocketPath` to the socket.\n")
        .file("docs/providers/kubernetes.md", "# Kubernetes\n\nRun the proxy in a cluster.\n")
        .file("docs/contact.md", "# Contact\n\nWrite to us.\n");
    let git = site.git();
    let base = git.commit_all("Start", "2026-01-05T09:00:00Z");
    site.write("pkg/provider/docker/engine.go", "type Config struct {\n\tSocketPath string\n\tAllowStopped bool\n}\n");
    let option = git.commit_all("Allow discovering stopped containers", "2026-01-10T09:00:00Z");
    let report = impact(&site, &[&format!("{base}..{option}")], 0);
    assert_eq!(listed(&report), ["providers/docker-engine.md"], "{report:#}");
    let docker = entry(&report, "providers/docker-engine.md");
    assert_eq!(kinds(docker), ["topic", "topic", "mention"], "{docker:#}");
    assert_eq!(docker["evidence"][0]["product_path"], "pkg/provider/docker/engine.go");
    assert_eq!(docker["evidence"][0]["detail"], "`docker` in the changed file's path and in this article's");
    // The release rule leaves topic evidence out: the weak mention of `SocketPath`, beside the
    // change, is not enough on its own (with the two topic words it would be).
    git.tag("v1.0", base);
    git.tag_annotated("v1.1", option, "2026-01-11T09:00:00Z");
    assert!(docker["score"].as_f64().unwrap() > 0.35, "{docker:#}");
    assert_eq!(release_findings(&check(&site, 0)), Vec::<String>::new());

    site.write("pkg/server/retry.go", "func retry() { backoff() }\n");
    git.commit_all("Kubernetes: retry a broken watch", "2026-01-20T09:00:00Z");
    let report = impact(&site, &[&format!("{option}..HEAD")], 0);
    assert_eq!(listed(&report), ["providers/kubernetes.md"], "{report:#}");
    let evidence = &entry(&report, "providers/kubernetes.md")["evidence"][0];
    assert_eq!(evidence["detail"], "`kubernetes` in the commit's subject and in this article's path");
}

/// Docs in their own repository, the product (with a locale file) in `product/`, another
/// repository: a renamed button makes the article that quotes it outdated.
#[test]
fn a_renamed_label_in_a_separate_product_repository_is_ui_evidence() {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n[freshness]\nrelease_repo = \"product\"\n")
        .file(".gitignore", "product/\n")
        .file("content/export.md", "# Export\n\nOpen *Settings › Account* and click **Export data**.\n")
        .file("content/login.md", "# Sign in\n\nClick **Sign in**.\n");
    site.git().commit_all("Docs", "2026-01-02T09:00:00Z");
    let product = Git::init(&site.path().join("product"));
    site.write(
        "product/locales/en.json",
        indoc! {"
            {
              \"export\": \"Export data\",
              \"login\": \"Sign in\"
            }
        "},
    );
    let v1 = product.commit_all("Product", "2026-01-03T09:00:00Z");
    product.tag("v1.0", v1);
    site.write(
        "product/locales/en.json",
        indoc! {"
            {
              \"export\": \"Download your data\",
              \"login\": \"Sign in\"
            }
        "},
    );
    product.commit_all("Rename the export button", "2026-02-03T09:00:00Z");
    let report = impact(&site, &[], 0);
    assert_eq!(report["range"], "v1.0..HEAD");
    assert_eq!(listed(&report), ["export.md"], "{report:#}");
    let ui = &entry(&report, "export.md")["evidence"][0];
    assert_eq!(ui["kind"], "ui");
    assert_eq!(ui["product_path"], "locales/en.json");
    assert_eq!(ui["detail"], "\"Export data\"");
    assert_eq!(ui["line"], 3);
}

fn check(site: &TestSite, code: i32) -> Value {
    let run = site.run(&["check", "--format", "json", "--now", NOW]);
    run.code(code);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{run}"))
}

fn release_findings(report: &Value) -> Vec<String> {
    let mut out: Vec<String> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "release"))
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn the_coupled_release_rule_flags_only_articles_a_change_of_the_cycle_touches() {
    let (site, git, _) = product_with_docs();
    // Edited within the cycle, after v1.0: written for v1.1 whatever changed before.
    site.write("docs/config.md", "# Settings\n\nDefaults live in `config/defaults.toml`; see the port.\n");
    git.commit_all("Docs for the port", "2026-03-05T09:00:00+01:00");
    release_v1_1(&git);
    let report = check(&site, 1);
    assert_eq!(release_findings(&report), ["build.md", "themes.md"], "{report:#}");
    let build = entry(&report, "build.md");
    let finding = &build["findings"][0];
    assert_eq!(finding["evidence"][0]["kind"], "mention");
    assert_eq!(finding["line"], 5);
    assert!(finding["message"].as_str().unwrap().starts_with("v1.1 changed `src/cli.rs`"), "{finding:#}");

    site.write(
        "freshdocs.toml",
        "title = \"Acme\"\ncontent = \"docs\"\n[freshness]\ngrace = \"0d\"\nrelease_rule = \"all\"\n",
    );
    let blunt = check(&site, 1);
    assert_eq!(
        release_findings(&blunt),
        ["build.md", "config.md", "search.md", "themes.md", "unrelated.md"],
        "`all`: every article older than the release: {blunt:#}"
    );
}

/// What the release changed as a whole counts: a rename undone within the cycle is no change, a
/// file is credited to the newest commit that touched it, and a file only an ignored commit
/// touched gives nothing.
#[test]
fn the_release_rule_reads_the_net_change_of_the_release() {
    let site = TestSite::new()
        .file("freshdocs.toml", "content = \"docs\"\n[freshness]\ngrace = \"0d\"\n")
        .file("src/cli.rs", "flag(\"--verbose-log\");\nflag(\"--color-mode\"); // colours\n")
        .file("src/theme.rs", "flag(\"--theme-dir\");\n")
        .file("docs/output.md", "# Output\n\nAdd `--verbose-log` to see more.\n")
        .file("docs/color.md", "# Colours\n\nTurn them off with `--color-mode never`.\n")
        .file("docs/theme.md", "# Themes\n\nPoint `--theme-dir` at a folder.\n");
    let git = site.git();
    let first = git.commit_all("Start", "2026-01-05T09:00:00Z");
    git.tag("v1.0", first);
    site.write("src/cli.rs", "flag(\"--loud-log\");\nflag(\"--color-mode\"); // colours\n");
    git.commit_all("Rename --verbose-log", "2026-02-01T09:00:00Z");
    site.write("src/cli.rs", "flag(\"--verbose-log\");\nflag(\"--color-mode\"); // colours\n");
    git.commit_all("Undo the rename", "2026-02-02T09:00:00Z");
    site.write("src/cli.rs", "flag(\"--verbose-log\");\nflag(\"--colour-mode\"); // colours\n");
    git.commit_all("Rename --color-mode", "2026-02-03T09:00:00Z");
    site.write("src/cli.rs", "flag(\"--verbose-log\");\nflag(\"--colour-mode\"); // colours, British\n");
    let newest = git.commit_all("Reword a comment", "2026-02-04T09:00:00Z");
    site.write("src/theme.rs", "flag(\"--themes\");\n");
    git.commit_all("Rename --theme-dir\n\nFreshness: skip", "2026-02-05T09:00:00Z");
    let head = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    git.tag_annotated("v1.1", head, "2026-02-06T09:00:00Z");

    let report = check(&site, 1);
    assert_eq!(release_findings(&report), ["color.md"], "{report:#}");
    let color = entry(&report, "color.md");
    let evidence = &color["findings"][0]["evidence"][0];
    assert_eq!(evidence["detail"], "`--color-mode`");
    assert_eq!(evidence["product_path"], "src/cli.rs");
    assert_eq!(evidence["commit"], newest.to_string(), "credited to the newest commit that changed the file");
}

/// What AI assistants read says what readers are told: a stale article is marked with the reason
/// and its date in `llms.txt`, in `llms-full.txt` and in its Markdown copy, or left out with
/// `[llms] stale = "omit"`; nothing of the writers' dashboard goes in.
#[test]
fn llms_txt_marks_what_may_be_out_of_date() {
    let (site, git, _) = product_with_docs();
    release_v1_1(&git);
    site.run(&["build", "--now", NOW]).success();
    let index = site.read("public/llms.txt");
    assert!(index.starts_with("# Acme\n"), "{index}");
    let build = index.lines().find(|l| l.contains("(/build/index.html.md)")).unwrap_or_else(|| panic!("{index}"));
    assert!(build.contains("May be out of date: v1.1 changed `--base-url`"), "{build}");
    assert!(build.contains("last updated 2026-01-05"), "{build}");
    let unrelated = index.lines().find(|l| l.contains("(/unrelated/index.html.md)")).unwrap();
    assert!(!unrelated.contains("May be out of date"), "{unrelated}");
    assert!(!index.contains("_freshness"), "no dashboard: {index}");
    let copy = site.read("public/build/index.html.md");
    assert!(copy.starts_with("# Build\n\n> **May be out of date:** v1.1 changed `--base-url`"), "{copy}");
    assert!(copy.contains("Run `acme build --base-url https://x/`"), "{copy}");
    assert_eq!(copy.matches("# Build").count(), 1, "the body's own title is not repeated: {copy}");
    assert!(site.read("public/llms-full.txt").contains(&copy));

    site.write(
        "freshdocs.toml",
        "title = \"Acme\"\ncontent = \"docs\"\n[freshness]\ngrace = \"0d\"\n[llms]\nstale = \"omit\"\n",
    );
    site.run(&["build", "--now", NOW]).success();
    let index = site.read("public/llms.txt");
    assert!(!index.contains("/build/"), "left out: {index}");
    assert!(index.contains("/unrelated/index.html.md"), "{index}");
    assert!(!site.exists("public/build/index.html.md"));
}

#[test]
fn impact_text_and_github_reports() {
    let (site, _git, base) = product_with_docs();
    let range = format!("{base}..HEAD");
    let text = site.run(&["impact", &range, "--now", NOW]);
    text.success();
    let github = site.run(&["impact", &range, "--now", NOW, "--format", "github"]);
    github.success();
    insta::with_settings!({filters => vec![(base.to_string().as_str(), "[BASE]")]}, {
        insta::assert_snapshot!("impact_text", text.stdout);
        insta::assert_snapshot!("impact_github", github.stdout);
    });
}

#[test]
fn readers_see_what_the_release_changed_and_writers_see_the_evidence_by_owner() {
    let (site, git, _) = product_with_docs();
    release_v1_1(&git);
    site.write("CODEOWNERS", "docs/build.md @cli-team\n");
    site.run(&["build", "--now", NOW]).success();
    let build = site.read("public/build/index.html");
    assert!(
        build.contains("Version v1.1 changed <code dir=\"ltr\">--base-url</code>, which this article describes"),
        "the notice names what changed: {build}"
    );
    let unrelated = site.read("public/unrelated/index.html");
    assert!(!unrelated.contains("notice-stale"), "no evidence, no notice: {unrelated}");
    let dashboard = site.read("public/_freshness/index.html");
    let cli = dashboard.find("<strong>@cli-team</strong>: 1 stale").expect("a group for the owner");
    let nobody = dashboard.find("<strong>(no owner)</strong>").expect("a group for the rest");
    assert!(nobody < cli, "the owner with more to do comes first: {dashboard}");
    assert!(dashboard.contains("<code>mention: `--base-url` at line 5 (src/cli.rs, "), "{dashboard}");
    // The finding's own `code` spans are code on the page, not backticks.
    assert!(dashboard.contains("changed <code>src/cli.rs</code>"), "{dashboard}");
    assert!(dashboard.contains("with <code>freshdocs review</code>"), "{dashboard}");
}

#[test]
fn section_pages_with_text_and_page_bundles_are_judged_and_drafts_are_not() {
    let site = TestSite::new()
        .file("freshdocs.toml", "[freshness]\ngrace = \"0d\"\nrelease_rule = \"all\"\n")
        .file(
            "content/billing/_index.md",
            indoc! {"
                ---
                title: Billing
                ---
                Everything about invoices.
            "},
        )
        .file("content/billing/cards.md", "# Cards\n\nAdd a card.\n")
        .file("content/empty/_index.md", "---\ntitle: Empty section\n---\n")
        .file("content/empty/a.md", "# A\n\nText.\n")
        .file(
            "content/guide/index.md",
            indoc! {"
                # Guide

                A page with its picture.

                ![Shot](shot.png)
            "},
        )
        .file("content/guide/shot.png", "png")
        .file(
            "content/draft.md",
            indoc! {"
                ---
                draft: true
                ---
                # Draft
            "},
        );
    let git = site.git();
    let first = git.commit_all("Docs", "2026-01-05T09:00:00Z");
    git.tag("v1.0", first);
    site.write("content/billing/cards.md", "# Cards\n\nAdd or remove a card.\n");
    let second = git.commit_all("Cards", "2026-02-05T09:00:00Z");
    git.tag("v1.1", second);
    let report = check(&site, 1);
    let mut judged: Vec<(&str, &str)> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["path"].as_str().unwrap(), a["url"].as_str().unwrap()))
        .collect();
    judged.sort();
    assert_eq!(
        judged,
        [
            ("billing/_index.md", "/billing/"),
            ("billing/cards.md", "/billing/cards/"),
            ("empty/a.md", "/empty/a/"),
            ("guide/index.md", "/guide/")
        ],
        "the section page with text and the bundle are judged; the empty section page and the draft are not"
    );
    assert_eq!(release_findings(&report), ["billing/_index.md", "empty/a.md", "guide/index.md"]);
    site.run(&["build", "--now", NOW]).success();
    assert!(
        site.read("public/guide/index.html").contains("A page with its picture"),
        "the bundle is a page at /guide/"
    );
    assert!(site.exists("public/guide/shot.png"), "with its picture beside it");
    let billing = site.read("public/billing/index.html");
    assert!(billing.contains("notice-stale"), "a stale section page tells its readers too: {billing}");
    assert!(!site.read("public/empty/index.html").contains("notice-stale"), "an empty section page is not judged");
}

#[test]
fn age_alone_shows_readers_no_notice() {
    let site = TestSite::new()
        .file("freshdocs.toml", "[freshness]\nmax_age = \"30d\"\n")
        .file("content/old.md", "# Old\n\nWritten long ago.\n");
    site.git().commit_all("Docs", "2026-01-05T09:00:00Z");
    let report = check(&site, 0);
    assert_eq!(report["articles"][0]["findings"][0]["rule"], "age", "writers are told: {report:#}");
    site.run(&["build", "--now", NOW]).success();
    let page = site.read("public/old/index.html");
    assert!(!page.contains("notice-stale"), "age is no evidence that anything changed: {page}");
}
