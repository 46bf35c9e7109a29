//! Bad input: every command exits 2 and names file:line and the fix; `build` lists every error of
//! the build in one run and leaves the previous output folder exactly as it was. What the writer
//! reads is pinned whole, as snapshots of stderr (the temporary folder shown as `[site]`).

use crate::common::{Git, TestSite};
use indoc::indoc;

/// Pins the whole of `stderr`, with the site's temporary folder written as `[site]`.
#[track_caller]
fn assert_stderr(name: &str, site: &TestSite, stderr: &str) {
    let dir = site.path().display().to_string();
    let canonical = site.path().canonicalize().unwrap().display().to_string();
    let stderr = stderr.replace(&canonical, "[site]").replace(&dir, "[site]");
    insta::assert_snapshot!(name, stderr);
}

/// A site that builds, built once so that `public/` holds a previous site.
fn built_site() -> TestSite {
    let site = TestSite::new().file("freshdocs.toml", "title = \"Acme\"\n").file(
        "content/good.md",
        indoc! {"
                ---
                title: Good
                ---
                Fine.
            "},
    );
    site.run(&["build"]).success();
    assert!(site.exists("public/good/index.html"));
    site
}

/// Asserts the build failed with exit code 2 and `public/` is the previous site.
#[track_caller]
fn assert_failed_and_untouched(site: &TestSite, before: &[String]) -> String {
    let run = site.run(&["build"]);
    run.code(2).stderr_has("Build failed");
    assert_eq!(&site.output_files("public"), before, "the previous site changed\n{run}");
    assert!(site.read("public/good/index.html").contains("Good"));
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("freshdocs-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left: {leftovers:?}");
    run.stderr.clone()
}

#[test]
fn every_front_matter_error_of_a_build_is_reported_in_one_run() {
    let site = built_site();
    let before = site.output_files("public");
    site.write(
        "content/yaml.md",
        indoc! {"
            ---
            title: ok
            tags: [a, b
            ---
            body
        "},
    );
    site.write(
        "content/toml.md",
        indoc! {"
            +++
            title = \"ok\"
            order = = 2
            +++
            body
        "},
    );
    site.write(
        "content/typo.md",
        indoc! {"
            ---
            title: x
            reviewd: 2026-01-01
            ---
            body
        "},
    );
    site.write(
        "content/type.md",
        indoc! {"
            ---
            title: x
            draft: perhaps
            ---
            body
        "},
    );
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(stderr.contains("4 errors"), "{stderr}");
    assert_stderr("front_matter_errors", &site, &stderr);
}

#[test]
fn invalid_utf8_names_the_file_and_line() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("content/latin1.md", b"# Title\n\ncaf\xe9\n".as_slice());
    let stderr = assert_failed_and_untouched(&site, &before);
    assert_stderr("invalid_utf8", &site, &stderr);
}

#[test]
fn two_files_with_one_url_are_both_named() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("content/refund policy.md", "# A");
    site.write("content/refund-policy.md", "# B");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert_stderr("duplicate_url", &site, &stderr);
}

#[test]
fn pages_at_urls_the_build_writes_are_rejected() {
    let site = built_site();
    let before = site.output_files("public");
    // A "Search" category is fine; only the index's own folder is taken.
    site.write("content/search/tips.md", "# Search tips");
    site.write("content/search/en.md", "# English search");
    site.write("content/a-z.md", "# Our A to Z");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(!stderr.contains("tips.md"), "{stderr}");
    assert_stderr("reserved_urls", &site, &stderr);
}

#[test]
fn aliases_and_slugs_that_leave_the_site_are_rejected() {
    let site = built_site();
    let before = site.output_files("public");
    site.write(
        "content/a.md",
        indoc! {"
            ---
            title: A
            aliases: [\"../../x\"]
            ---
            body"},
    );
    site.write(
        "content/b.md",
        indoc! {"
            ---
            title: B
            slug: ../../etc
            ---
            body"},
    );
    site.write(
        "content/c.md",
        indoc! {"
            ---
            title: C
            aliases: [\"https://evil.example/\"]
            ---
            body"},
    );
    let stderr = assert_failed_and_untouched(&site, &before);
    assert_stderr("escapes_site", &site, &stderr);
    assert!(!site.path().join("x").exists() && !site.path().parent().unwrap().join("x").exists());
}

#[test]
fn an_alias_never_replaces_a_page() {
    let site = built_site();
    site.write(
        "content/other.md",
        indoc! {"
            ---
            title: Other
            aliases: [/good/, /Other/]
            ---
            body"},
    );
    // Zero-config content (hugoDocs) lists a page's own URL or its section's among its aliases:
    // the page stays, with a warning; the alias naming the page itself is simply redundant.
    site.run(&["build"])
        .success()
        .stderr_has("alias `/good/` is the address of another page, which is kept")
        .stderr_has("1 warning");
    assert!(site.read("public/good/index.html").contains("Fine."));
}

#[test]
fn a_broken_template_fails_with_its_location() {
    let site = built_site();
    let before = site.output_files("public");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{{ article.title }{% endblock main %}",
    );
    let stderr = assert_failed_and_untouched(&site, &before);
    assert_stderr("broken_template", &site, &stderr);
}

#[test]
fn a_template_that_fails_while_rendering_is_reported_once() {
    let site = built_site();
    site.write("content/second.md", "# Second");
    let before = site.output_files("public");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{{ article.no_such_field.deeper }}{% endblock main %}",
    );
    let stderr = assert_failed_and_untouched(&site, &before);
    assert_eq!(stderr.matches("error: template").count(), 1, "one error per template, not per page: {stderr}");
    assert_stderr("template_render_error", &site, &stderr);
}

#[test]
fn a_missing_theme_is_named() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("freshdocs.toml", "title = \"Acme\"\ntheme = \"nope\"\n");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert_stderr("missing_theme", &site, &stderr);
}

#[test]
fn a_bad_config_points_at_the_line() {
    let site = built_site();
    let before = site.output_files("public");
    site.write(
        "freshdocs.toml",
        indoc! {"
            title = \"Acme\"

            [contact]
            emial = \"x@y.z\"
        "},
    );
    let stderr = assert_failed_and_untouched(&site, &before);
    assert_stderr("bad_config", &site, &stderr);
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let site = built_site();
    let run = site.run(&["build", "--now", "yesterday"]);
    assert_stderr("bad_now", &site, &run.code(2).stderr);
}

#[test]
fn a_root_that_is_not_a_folder_is_named() {
    let site = built_site();
    let run = site.run(&["build", "--root", "nowhere"]);
    assert_stderr("root_not_a_folder", &site, &run.code(2).stderr);
}

#[test]
fn check_and_impact_outside_a_repository_say_where_to_run() {
    let site = built_site();
    let run = site.run(&["check", "--now", "2026-06-01"]);
    assert_stderr("check_no_repository", &site, &run.code(2).stderr);
    let run = site.run(&["impact", "--now", "2026-06-01"]);
    assert_stderr("impact_no_repository", &site, &run.code(2).stderr);
}

#[test]
fn impact_with_a_bad_range_or_no_release_names_the_fix() {
    let site = TestSite::new().file("freshdocs.toml", "title = \"Acme\"\n").file("content/a.md", "# A\n");
    let git = Git::init(site.path());
    git.commit_all("Docs", "2026-01-05T10:00:00Z");
    let run = site.run(&["impact", "--now", "2026-06-01"]);
    assert_stderr("impact_no_release", &site, &run.code(2).stderr);
    let run = site.run(&["impact", "v9..HEAD", "--now", "2026-06-01"]);
    assert_stderr("impact_bad_range", &site, &run.code(2).stderr);
}

#[test]
fn review_for_a_release_that_does_not_exist_changes_nothing() {
    let site = TestSite::new().file("freshdocs.toml", "title = \"Acme\"\n").file("content/a.md", "# A\n");
    let git = Git::init(site.path());
    let first = git.commit_all("Docs", "2026-01-05T10:00:00Z");
    git.tag("v1.0", first);
    let run = site.run(&["review", "content/a.md", "--for", "v1.1"]);
    assert_stderr("review_unknown_release", &site, &run.code(2).stderr);
    assert_eq!(site.read("content/a.md"), "# A\n");
}

#[test]
fn search_in_a_language_the_site_lacks_lists_its_languages() {
    let site = built_site();
    let run = site.run(&["search", "refund", "--lang", "xx"]);
    assert_stderr("search_unknown_language", &site, &run.code(2).stderr);
}
