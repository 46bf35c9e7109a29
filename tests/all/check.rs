//! `freshdocs check` on real git repositories with fixed dates and time zones: the JSON
//! contract, each freshness rule and marker, the exit codes, and the dates readers see.

use crate::common::TestSite;
use indoc::indoc;
use serde_json::Value;

const NOW: &str = "2026-06-01T12:00:00Z";

fn json(site: &TestSite, expected_code: i32) -> Value {
    let run = site.run(&["check", "--format", "json", "--now", NOW]);
    run.code(expected_code);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{run}"))
}

fn article<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == path)
        .unwrap_or_else(|| panic!("no article {path} in {report:#}"))
}

fn rules(article: &Value) -> Vec<String> {
    article["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

/// The release rule that flags every article older than the release, so these tests see the
/// dating itself (tests/all/drift.rs tests the coupled rule, the default).
const ALL_RELEASES: &str = "[freshness]\nrelease_rule = \"all\"\n";

/// Two articles written in January; release v1.0 in March.
fn repo_with_release() -> (TestSite, crate::common::Git) {
    let site = TestSite::new()
        .file("freshdocs.toml", format!("title = \"Acme\"\n{ALL_RELEASES}"))
        .file(
            "content/old.md",
            indoc! {"
                ---
                title: Old
                ---
                Written before the release.
            "},
        )
        .file(
            "content/new.md",
            indoc! {"
                ---
                title: New
                ---
                First draft.
            "},
        );
    let git = site.git();
    let first = git.commit_all("Write articles", "2026-01-10T09:00:00+03:30");
    git.tag("v0.9", first);
    site.write("content/extra.md", "# Extra\n");
    let release = git.commit_all("More", "2026-03-01T10:00:00-08:00");
    git.tag_annotated("v1.0", release, "2026-03-02T08:00:00+05:30");
    site.write(
        "content/new.md",
        indoc! {"
            ---
            title: New
            ---
            Updated after the release.
        "},
    );
    git.commit_all("Update new.md", "2026-04-01T10:00:00+05:30");
    (site, git)
}

#[test]
fn json_lists_every_article_with_its_last_commit_and_date() {
    let (site, git) = repo_with_release();
    let report = json(&site, 1);
    let head = git.repo.head().unwrap().peel_to_commit().unwrap().id().to_string();
    assert_eq!(report["head"], head);
    assert_eq!(report["now"], "2026-06-01T12:00:00+00:00");
    let new = article(&report, "new.md");
    assert_eq!(new["commit"], head);
    assert_eq!(new["updated"], "2026-04-01T10:00:00+05:30", "the commit's own offset is kept");
    assert_eq!(new["url"], "/new/");
    assert_eq!(new["lang"], "en");
    assert_eq!(new["status"], "fresh");
    let old = article(&report, "old.md");
    assert_eq!(old["updated"], "2026-01-10T09:00:00+03:30");
    assert_eq!(report["summary"]["articles"], 3);
}

#[test]
fn releases_are_dated_by_tagger_when_annotated_and_ordered_by_version() {
    let (site, _git) = repo_with_release();
    let report = json(&site, 1);
    let names: Vec<&str> = report["releases"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["v0.9", "v1.0"]);
    assert_eq!(report["latest_release"]["name"], "v1.0");
    assert_eq!(report["latest_release"]["date"], "2026-03-02T08:00:00+05:30", "annotated: the tagger's date");
    assert_eq!(report["releases"][0]["date"], "2026-01-10T09:00:00+03:30", "lightweight: the commit's date");
}

#[test]
fn an_article_older_than_the_latest_release_is_stale_and_fails_check() {
    let (site, _git) = repo_with_release();
    let report = json(&site, 1);
    let old = article(&report, "old.md");
    assert_eq!(old["status"], "stale");
    assert_eq!(rules(old), ["release"]);
    let message = old["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("before v1.0 was released on 2026-03-02"), "{message}");
    assert_eq!(old["findings"][0]["severity"], "error");
    assert_eq!(report["summary"]["stale"], 2, "old.md and extra.md predate v1.0's tag date");
}

#[test]
fn grace_period_not_yet_over() {
    let (site, _git) = repo_with_release();
    // Release tagged 2026-03-02 (+05:30); default grace 14 days.
    let run = site.run(&["check", "--format", "json", "--now", "2026-03-10T00:00:00Z"]);
    run.code(0);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(article(&report, "old.md")["status"], "fresh");
}

#[test]
fn reviewed_after_the_release_and_reviewed_for_and_evergreen_clear_the_release_rule() {
    let (site, git) = repo_with_release();
    site.write(
        "content/old.md",
        indoc! {"
            ---
            title: Old
            reviewed: 2026-03-05
            ---
            Written before the release.
        "},
    );
    site.write(
        "content/extra.md",
        indoc! {"
            ---
            reviewed_for: v1.0
            ---
            # Extra
        "},
    );
    git.commit_all("Review", "2026-01-01T00:00:00Z"); // back-dated commit: the markers must do the work
    let report = json(&site, 0);
    for path in ["old.md", "extra.md"] {
        let a = article(&report, path);
        assert_eq!(a["status"], "fresh", "{path}: {a:#}");
    }
    assert_eq!(article(&report, "old.md")["reviewed"], "2026-03-05");

    site.write(
        "content/old.md",
        indoc! {"
            ---
            title: Old
            evergreen: true
            ---
            Written before the release.
        "},
    );
    git.commit_all("Evergreen", "2026-01-02T00:00:00Z");
    let report = json(&site, 0);
    assert_eq!(article(&report, "old.md")["status"], "fresh");
}

#[test]
fn a_release_tagged_on_a_release_branch_counts() {
    let (site, git) = repo_with_release();
    let head = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    let side = git.commit_on_side("release/2.0", head, "CHANGELOG", "2.0", "2026-05-01T00:00:00Z");
    git.tag("v2.0.0", side);
    let report = json(&site, 1);
    assert_eq!(report["latest_release"]["name"], "v2.0.0");
    assert_eq!(article(&report, "new.md")["status"], "stale", "new.md (April) predates v2.0.0 (May)");
}

#[test]
fn a_prerelease_newer_than_the_latest_release_is_ignored() {
    // Semver's spelling and Python's (PEP 440): both are pre-releases.
    for prerelease in ["v2.0.0-rc.1", "v2.0.0b1", "v2.0rc1"] {
        let (site, git) = repo_with_release();
        let head = git.repo.head().unwrap().peel_to_commit().unwrap().id();
        let side = git.commit_on_side("next", head, "CHANGELOG", "rc", "2026-05-01T00:00:00Z");
        git.tag(prerelease, side);
        let report = json(&site, 1);
        assert_eq!(report["latest_release"]["name"], "v1.0", "{prerelease}");
        assert_eq!(article(&report, "new.md")["status"], "fresh", "{prerelease}");
    }
}

#[test]
fn a_pure_move_after_the_release_is_not_a_change() {
    let (site, git) = repo_with_release();
    std::fs::create_dir_all(site.path().join("content/guides")).unwrap();
    std::fs::rename(site.path().join("content/old.md"), site.path().join("content/guides/old.md")).unwrap();
    git.commit_all("Move old.md into guides/", "2026-05-01T00:00:00Z");
    let report = json(&site, 1);
    let moved = article(&report, "guides/old.md");
    assert_eq!(moved["updated"], "2026-01-10T09:00:00+03:30", "{moved:#}");
    assert_eq!(moved["status"], "stale");
}

#[test]
fn formatting_commits_in_the_ignore_list_and_skip_trailers_do_not_count() {
    let (site, git) = repo_with_release();
    site.write("content/old.md", "---\ntitle: Old\n---\nWritten before the release.  \n");
    let sweep = git.commit_all("Reformat all articles", "2026-05-01T00:00:00Z");
    site.write(".git-blame-ignore-revs", format!("# formatting\n{sweep}\n"));
    site.write("content/extra.md", "# Extra\n\n");
    git.commit_all("Typo fixes\n\nFreshness: skip\n", "2026-05-02T00:00:00Z");
    let report = json(&site, 1);
    assert_eq!(article(&report, "old.md")["updated"], "2026-01-10T09:00:00+03:30");
    assert_eq!(article(&report, "old.md")["status"], "stale");
    assert_eq!(article(&report, "extra.md")["updated"], "2026-03-01T10:00:00-08:00");
}

#[test]
fn a_translation_older_than_its_source_is_flagged() {
    let site = TestSite::new()
        .file("freshdocs.toml", "[languages.fa]\nname = \"فارسی\"\n")
        .file("content/a.md", "# A\n\nv1\n")
        .file("content/fa/a.md", "# الف\n\nنسخه ۱\n");
    let git = site.git();
    git.commit_all("Write", "2026-01-01T10:00:00+03:30");
    site.write("content/a.md", "# A\n\nv2\n");
    git.commit_all("Update the English", "2026-02-01T10:00:00Z");
    let report = json(&site, 0);
    let fa = article(&report, "fa/a.md");
    assert_eq!(fa["status"], "stale");
    assert_eq!(rules(fa), ["translation"]);
    assert_eq!(fa["findings"][0]["severity"], "warning");
    assert_eq!(article(&report, "a.md")["status"], "fresh");
}

#[test]
fn age_rule_uses_review_every_over_max_age() {
    let site = TestSite::new()
        .file("freshdocs.toml", "[freshness]\nmax_age = \"365d\"\n")
        .file(
            "content/a.md",
            indoc! {"
                ---
                review_every: 30d
                ---
                # A
            "},
        )
        .file("content/b.md", "# B\n");
    site.git().commit_all("Write", "2026-03-01T00:00:00Z");
    let report = json(&site, 0);
    assert_eq!(rules(article(&report, "a.md")), ["age"]);
    assert_eq!(article(&report, "b.md")["status"], "fresh");
}

#[test]
fn broken_links_fail_check_and_severities_are_configurable() {
    let site = TestSite::new().file("freshdocs.toml", "").file("content/a.md", "# A\n\n[x](missing.md)\n");
    site.git().commit_all("Write", "2026-05-01T00:00:00Z");
    let report = json(&site, 1);
    let a = article(&report, "a.md");
    assert_eq!(rules(a), ["links"]);
    assert_eq!(a["findings"][0]["line"], 3);
    assert_eq!(a["status"], "fresh", "a broken link is not staleness");

    site.write("freshdocs.toml", "[freshness.severity]\nlinks = \"warning\"\n");
    let report = json(&site, 0);
    assert_eq!(article(&report, "a.md")["findings"][0]["severity"], "warning");
}

#[test]
fn an_uncommitted_article_is_new_now() {
    let (site, _git) = repo_with_release();
    site.write("content/draft-in-progress.md", "# Fresh off the keyboard\n");
    let report = json(&site, 1);
    let a = article(&report, "draft-in-progress.md");
    assert_eq!(a["commit"], Value::Null);
    assert_eq!(a["updated"], "2026-06-01T12:00:00+00:00");
    assert_eq!(a["status"], "fresh");
}

#[test]
fn no_repository_means_check_cannot_judge_but_build_works() {
    let site = TestSite::new().file("a.md", "# A\n");
    site.run(&["check"]).code(2).stderr_has("not in a git repository");
    site.run(&["build"]).success();
    assert!(!site.read("public/a/index.html").contains("<time"), "no dates without history");
}

#[test]
fn article_pages_show_the_update_date_and_an_honest_stale_notice() {
    let (site, _git) = repo_with_release();
    site.write("freshdocs.toml", format!("title = \"Acme\"\n{ALL_RELEASES}[contact]\nemail = \"help@acme.example\"\n"));
    site.run(&["build", "--now", NOW]).success();
    let new = site.read("public/new/index.html");
    assert!(new.contains("<time datetime=\"2026-04-01T10:00:00+05:30\">1 April 2026</time>"), "{new}");
    assert!(!new.contains("notice-stale"));
    let old = site.read("public/old/index.html");
    assert!(old.contains("notice-stale"), "{old}");
    assert!(old.contains("v1.0"), "the notice names the release");
}

#[test]
fn text_report_groups_by_owner_and_says_what_to_do() {
    let (site, _git) = repo_with_release();
    site.write("CODEOWNERS", "content/*.md @docs-team\ncontent/old.md @alice\n");
    let run = site.run(&["check", "--now", NOW]);
    run.code(1);
    assert!(run.stdout.contains("@alice\n  release rule\n    error content/old.md: last updated 2026-01-10"), "{run}");
    assert!(run.stdout.contains("FAILED: 3 articles: 1 fresh, 2 stale, 0 unknown; 2 errors, 0 warnings"), "{run}");
}

#[test]
fn github_format_annotates_files_and_writes_the_step_summary() {
    let (site, _git) = repo_with_release();
    let summary = site.path().join("summary.md");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_freshdocs"))
        .args(["check", "--format", "github", "--now", NOW])
        .current_dir(site.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("FRESHDOCS_NO_CACHE", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("::error file=content/old.md,title=freshdocs release::last updated 2026-01-10"),
        "{stdout}"
    );
    let md = std::fs::read_to_string(summary).unwrap();
    assert!(md.contains("## Documentation freshness") && md.contains("`content/old.md`"), "{md}");
}

#[test]
fn junit_has_one_testcase_per_article_and_a_failure_per_stale_one() {
    let (site, _git) = repo_with_release();
    let run = site.run(&["check", "--format", "junit", "--now", NOW]);
    run.code(1);
    assert_eq!(run.stdout.matches("<testcase ").count(), 3, "{run}");
    assert_eq!(run.stdout.matches("<failure ").count(), 2, "{run}");
    assert!(run.stdout.contains("tests=\"3\" failures=\"2\""), "{run}");
}

#[test]
fn review_marks_an_article_and_check_then_passes() {
    let (site, git) = repo_with_release();
    let before = "---\n# kept comment\ntitle: 'Old: still'\n---\nWritten before the release.\n";
    site.write("content/old.md", before);
    site.write("content/extra.md", "# Extra\r\n\r\nWindows text.\r\n");
    git.commit_all("Comment", "2026-01-11T00:00:00Z");
    site.run(&["review", "content/old.md", "--now", "2026-05-01T00:00:00Z"]).success();
    assert_eq!(
        site.read("content/old.md"),
        indoc! {"
            ---
            # kept comment
            title: 'Old: still'
            reviewed: 2026-05-01
            ---
            Written before the release.
        "}
    );
    site.run(&["review", "content/extra.md", "--for", "v1.0"]).success();
    assert_eq!(site.read("content/extra.md"), "---\r\nreviewed_for: v1.0\r\n---\r\n# Extra\r\n\r\nWindows text.\r\n");
    let report = json(&site, 0);
    assert_eq!(report["summary"]["stale"], 0, "{report:#}");
}

#[test]
fn review_refuses_a_release_that_does_not_exist() {
    let (site, _git) = repo_with_release();
    let before = site.read("content/old.md");
    site.run(&["review", "content/old.md", "--for", "v1.1"])
        .code(2)
        .stderr_has("`v1.1` is not a release of this repository (`release_tags = \"v*\"`)")
        .stderr_has("name a release, e.g. v1.0, v0.9");
    assert_eq!(site.read("content/old.md"), before);
}

/// `review --for` and `check` agree on what a release is: a tag outside `release_tags` is not
/// one, even though it is a tag of the repository.
#[test]
fn review_for_takes_the_releases_of_release_tags_only() {
    let (site, git) = repo_with_release();
    let head = git.repo.head().unwrap().peel_to_commit().unwrap().id();
    git.tag("docs-snapshot", head);
    let before = site.read("content/old.md");
    site.run(&["review", "content/old.md", "--for", "docs-snapshot"])
        .code(2)
        .stderr_has("`docs-snapshot` is not a release of this repository");
    assert_eq!(site.read("content/old.md"), before);
    site.run(&["review", "content/old.md", "--for", "v1.0"]).success();
    let report = json(&site, 1);
    assert_eq!(article(&report, "old.md")["reviewed_for"], "v1.0");
    assert_eq!(article(&report, "old.md")["status"], "fresh", "{report:#}");
}

/// With `release_repo`, the releases are the product repository's tags: one of them is accepted
/// though the docs repository has no such tag, and a typo is refused though the docs repository
/// has no tags at all.
#[test]
fn review_for_takes_the_releases_of_release_repo() {
    let root = TestSite::new()
        .file("docs/freshdocs.toml", format!("{ALL_RELEASES}release_repo = \"../product\"\n"))
        .file("docs/content/api.md", "# API\n")
        .file("product/README", "product");
    crate::common::Git::init(&root.path().join("docs")).commit_all("Docs", "2026-01-05T10:00:00Z");
    let product = crate::common::Git::init(&root.path().join("product"));
    let release = product.commit_all("Product", "2026-01-01T10:00:00Z");
    product.tag_annotated("v2.0.0", release, "2026-02-02T10:00:00+03:30");
    root.run(&["review", "docs/content/api.md", "--root", "docs", "--for", "v2.0"])
        .code(2)
        .stderr_has("`v2.0` is not a release of this repository")
        .stderr_has("e.g. v2.0.0");
    root.run(&["review", "docs/content/api.md", "--root", "docs", "--for", "v2.0.0"]).success();
    assert_eq!(root.read("docs/content/api.md"), "---\nreviewed_for: v2.0.0\n---\n# API\n");
    let run = root.run(&["check", "--root", "docs", "--format", "json", "--now", NOW]);
    let report: Value = serde_json::from_str(&run.code(0).stdout).unwrap();
    assert_eq!(article(&report, "api.md")["status"], "fresh", "{report:#}");
}

#[test]
fn a_shallow_clone_stops_check_with_the_fix_and_build_shows_no_dates() {
    let (origin, _git) = repo_with_release();
    let clone = TestSite::new();
    let status = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", origin.path().display()))
        .arg(clone.path().join("docs"))
        .status()
        .expect("git is installed");
    assert!(status.success());
    let run = clone.run(&["check", "--root", "docs", "--now", NOW]);
    run.code(2)
        .stderr_has("shallow clone")
        .stderr_has("fetch-depth: 0")
        .stderr_has("GIT_DEPTH: 0")
        .stderr_has("git fetch --unshallow");
    let run = clone.run(&["build", "--root", "docs", "--out", "site"]);
    run.success().stderr_has("is a shallow clone, so the last change").stderr_has("until then no dates are shown");
    assert!(!clone.read("site/new/index.html").contains("<time"));
}

#[test]
fn the_writers_dashboard_lists_stale_articles_and_stays_out_of_sight() {
    let (site, _git) = repo_with_release();
    site.write(
        "freshdocs.toml",
        format!("title = \"Acme\"\nbase_url = \"https://help.acme.example/\"\n{ALL_RELEASES}"),
    );
    site.run(&["build", "--now", NOW]).success();
    let dashboard = site.read("public/_freshness/index.html");
    assert!(dashboard.contains("noindex"), "{dashboard}");
    assert!(dashboard.contains("<a href=\"/old/\">Old</a>"), "the stale list names old.md: {dashboard}");
    assert!(!dashboard.contains("<a href=\"/new/\">New</a>"), "new.md is fresh");
    assert!(dashboard.contains("<svg class=\"age-chart\""));
    assert!(!site.read("public/sitemap.xml").contains("_freshness"));
    assert!(site.read("public/robots.txt").contains("Disallow: /_freshness/"));
    for page in ["public/index.html", "public/old/index.html", "public/a-z/index.html"] {
        assert!(!site.read(page).contains("_freshness"), "{page} links the dashboard");
    }
}

#[test]
fn watched_paths_decide_whether_a_release_matters() {
    let site = TestSite::new()
        .file("freshdocs.toml", "")
        .file(
            "content/billing.md",
            indoc! {"
                ---
                watch: [\"src/billing/**\"]
                ---
                # Billing
            "},
        )
        .file(
            "content/search.md",
            indoc! {"
                ---
                watch: [\"src/search/**\"]
                ---
                # Search
            "},
        )
        .file("src/billing/invoice.rs", "v1")
        .file("src/search/index.rs", "v1");
    let git = site.git();
    git.commit_all("Docs and code", "2026-01-10T09:00:00+03:30");
    site.write("src/billing/invoice.rs", "v2");
    git.commit_all("Change billing before the release", "2026-02-01T09:00:00-08:00");
    let release = git.commit_all("Release", "2026-03-01T09:00:00Z");
    git.tag("v1.0.0", release);
    site.write("src/search/index.rs", "v2");
    git.commit_all("Change search after the release", "2026-04-01T09:00:00+05:30");
    let report = json(&site, 1);
    let billing = article(&report, "billing.md");
    assert_eq!(billing["status"], "stale", "a watched path changed between the article and the release: {billing:#}");
    let search = article(&report, "search.md");
    assert_eq!(search["status"], "fresh", "its watched path changed only after the release: {search:#}");
}

#[test]
fn releases_and_watched_paths_can_come_from_a_separate_product_repository() {
    let root = TestSite::new()
        .file("docs/freshdocs.toml", "[freshness]\nrelease_repo = \"../product\"\n")
        .file(
            "docs/content/api.md",
            indoc! {"
                ---
                watch: [\"api/**\"]
                ---
                # API
            "},
        )
        .file("docs/content/intro.md", "# Intro\n")
        .file("product/api/v1.txt", "v1")
        .file("product/README", "product");
    let docs = crate::common::Git::init(&root.path().join("docs"));
    docs.commit_all("Docs", "2026-01-05T10:00:00Z");
    let product = crate::common::Git::init(&root.path().join("product"));
    product.commit_all("Product", "2026-01-01T10:00:00Z");
    root.write("product/api/v1.txt", "v2");
    let release = product.commit_all("API change", "2026-02-01T10:00:00Z");
    product.tag_annotated("v2.0.0", release, "2026-02-02T10:00:00+03:30");
    let run = root.run(&["check", "--root", "docs", "--format", "json", "--now", NOW]);
    run.code(1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["latest_release"]["name"], "v2.0.0");
    assert_eq!(article(&report, "api.md")["status"], "stale");
    assert_eq!(article(&report, "intro.md")["status"], "fresh", "nothing ties it to the API change");
}

#[test]
fn junit_report_validates_against_the_junit_schema() {
    let (site, _git) = repo_with_release();
    // A finding whose message needs escaping in XML.
    site.write("content/links.md", "# Links\n\n[x](<missing & \"odd\".md>)\n");
    let run = site.run(&["check", "--format", "junit", "--now", NOW]);
    run.code(1);
    let report = site.path().join("report.xml");
    std::fs::write(&report, &run.stdout).unwrap();
    let schema = crate::common::manifest_dir().join("tests/fixtures/junit.xsd");
    let validated =
        std::process::Command::new("xmllint").arg("--noout").arg("--schema").arg(&schema).arg(&report).output();
    match validated {
        Ok(output) => assert!(
            output.status.success(),
            "the JUnit report does not validate:\n{}\n{}",
            String::from_utf8_lossy(&output.stderr),
            run.stdout
        ),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("xmllint (Debian's libxml2-utils) is needed to validate the JUnit report: {e}")
        }
        Err(_) => {
            eprintln!("!! xmllint not installed: the JUnit report was NOT validated (apt-get install libxml2-utils)")
        }
    }
}

/// GitHub shows 10 error and 10 warning annotations per step and drops the rest silently: the
/// `github` format writes errors first, at most 10 of each, says how many more there are, and the
/// step summary holds every finding, the ones past the first table grouped by owner.
#[test]
fn github_annotations_stay_within_what_github_shows_and_say_how_many_more() {
    let mut site = TestSite::new().file(
        "freshdocs.toml",
        format!("title = \"Acme\"\n{ALL_RELEASES}[freshness.severity]\nrelease = \"warning\"\n"),
    );
    for i in 0..13 {
        site = site.file(&format!("content/broken-{i:02}.md"), format!("# Broken {i}\n\nSee [gone](gone-{i}.md).\n"));
        site = site.file(
            &format!("content/old-{i:02}.md"),
            format!("---\ntitle: Old {i}\nowner: \"@team-{}\"\n---\nText.\n", i % 2),
        );
    }
    let git = site.git();
    let first = git.commit_all("Write articles", "2026-01-10T09:00:00Z");
    git.tag_annotated("v1.0", first, "2026-02-01T09:00:00Z");
    let summary = site.path().join("summary.md");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_freshdocs"))
        .args(["check", "--format", "github", "--now", "2026-06-01T12:00:00Z"])
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .env("FRESHDOCS_NO_CACHE", "1")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    let lines: Vec<&str> = out.lines().collect();
    let errors = lines.iter().filter(|l| l.starts_with("::error ")).count();
    let warnings = lines.iter().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!((errors, warnings), (10, 10), "{out}");
    let first_warning = lines.iter().position(|l| l.starts_with("::warning ")).unwrap();
    assert!(lines[..first_warning].iter().all(|l| l.starts_with("::error ")), "errors first: {out}");
    assert!(out.contains("3 errors and 16 warnings more not annotated"), "{out}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(md.matches("| `content/").count(), 13 + 26, "every finding is in the summary: {md}");
    assert!(md.contains("<details><summary>@team-1"), "the rest by owner, collapsed: {md}");
}

/// In a pull request's CI the pages it changes come first, so their annotations are among the
/// ones GitHub shows.
#[test]
fn github_annotations_put_the_pages_a_pull_request_changes_first() {
    let mut site = TestSite::new().file("freshdocs.toml", format!("title = \"Acme\"\n{ALL_RELEASES}"));
    for i in 0..12 {
        site = site.file(&format!("content/broken-{i:02}.md"), format!("# Broken {i}\n\nSee [gone](gone-{i}.md).\n"));
    }
    let git = site.git();
    let base = git.commit_all("Write articles", "2026-01-10T09:00:00Z");
    git.repo.reference("refs/remotes/origin/main", base, true, "the base branch").unwrap();
    site.write("content/broken-11.md", "# Broken 11\n\nStill see [gone](gone-11.md), now with more words.\n");
    git.commit_all("Edit one article", "2026-01-11T09:00:00Z");
    let first_error = |base_ref: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_freshdocs"));
        command
            .args(["check", "--format", "github", "--now", "2026-06-01T12:00:00Z"])
            .current_dir(site.path())
            .env("FRESHDOCS_NO_CACHE", "1")
            .env_remove("GITHUB_BASE_REF")
            .env_remove("CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
        if let Some(base_ref) = base_ref {
            command.env("GITHUB_BASE_REF", base_ref);
        }
        let out = String::from_utf8(command.output().unwrap().stdout).unwrap();
        out.lines().find(|l| l.starts_with("::error ")).unwrap_or_else(|| panic!("{out}")).to_string()
    };
    assert!(first_error(None).contains("file=content/broken-00.md"), "page order outside a pull request");
    assert!(first_error(Some("main")).contains("file=content/broken-11.md"), "the changed page first");
}

/// `check --version`: a maintained release line is judged as of its newest patch, with the
/// releases up to it. A fix on the v1.0 branch changes a file the export article watches, so that
/// line's export article is stale, while the current docs (v2.0, which rewrote it) are not; the
/// files are named as in the work tree; an unknown line is bad input that lists the lines
/// (issue 16, "freshness per version").
#[test]
fn check_version_judges_an_old_release_line_as_of_its_newest_patch() {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme Help\"\ncontent = \"docs\"\n")
        .file(
            "docs/export.md",
            indoc! {"
                ---
                title: Export
                watch: [\"src/export.rs\"]
                ---
                Export as CSV.
            "},
        )
        .file(
            "docs/other.md",
            indoc! {"
                ---
                title: Other
                ---
                Nothing to do with exports.

                ![](chart.png)
            "},
        )
        .file("docs/chart.png", crate::common::png(2, 2))
        .file("src/export.rs", "pub fn csv() {}\n");
    let git = site.git();
    let v100 = git.commit_all("Release 1.0", "2025-01-01T10:00:00Z");
    git.tag("v1.0.0", v100);
    site.write("src/export.rs", "pub fn csv() {}\npub fn json() {}\n");
    site.write(
        "docs/export.md",
        indoc! {"
            ---
            title: Export
            watch: [\"src/export.rs\"]
            ---
            Export as CSV or JSON.
        "},
    );
    git.tag("v2.0.0", git.commit_all("Release 2.0", "2025-03-01T10:00:00Z"));
    let fix = "pub fn csv() { /* quoted fields */ }\n";
    git.tag("v1.0.1", git.commit_on_side("release-1.0", v100, "src/export.rs", fix, "2025-04-01T10:00:00Z"));

    let current = site.run(&["check", "--now", "2025-06-01", "--format", "json"]);
    current.success();
    let report: Value = serde_json::from_str(&current.stdout).unwrap();
    assert_eq!(report["latest_release"]["name"], "v2.0.0", "{current}");

    let old = site.run(&["check", "--version", "v1.0", "--now", "2025-06-01", "--format", "json"]);
    old.code(1);
    let report: Value = serde_json::from_str(&old.stdout).unwrap();
    assert_eq!(report["latest_release"]["name"], "v1.0.1", "{old}");
    assert_eq!(report["releases"].as_array().map(Vec::len), Some(2), "v2.0.0 is not in the v1.0 line's past: {old}");
    let export = article(&report, "export.md");
    assert_eq!(export["status"], "stale", "{old}");
    assert_eq!(export["updated"], "2025-01-01T10:00:00+00:00", "dated as of v1.0.1: {old}");
    assert_eq!(article(&report, "other.md")["status"], "fresh", "{old}");

    // The same line named by its tag, as people read it: the work tree's path, and the fix.
    let text = site.run(&["check", "--version", "v1.0.1", "--now", "2025-06-01"]);
    text.code(1);
    assert!(text.stdout.contains("Latest release: v1.0.1 (2025-04-01)"), "{text}");
    assert!(text.stdout.contains("error docs/export.md:3: v1.0.1 changed `src/export.rs`"), "{text}");
    text.stderr_has("warning: docs/other.md:6: image `chart.png` has no alt text");
    assert!(!text.stdout.contains(".git") && !text.stderr.contains(".git"), "{text}");

    site.run(&["check", "--version", "v9"])
        .code(2)
        .stderr_has("no release is version `v9`: the release lines are `v2.0`, `v1.0`");
}
