//! Bad input: `build` exits 2, names file:line and the fix, lists every error of the build in one
//! run, and leaves the previous output folder exactly as it was.


use crate::common::TestSite;

/// A site that builds, built once so that `public/` holds a previous site.
fn built_site() -> TestSite {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n")
        .file("content/good.md", "---\ntitle: Good\n---\nFine.\n");
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
    site.write("content/yaml.md", "---\ntitle: ok\ntags: [a, b\n---\nbody\n");
    site.write("content/toml.md", "+++\ntitle = \"ok\"\norder = = 2\n+++\nbody\n");
    site.write("content/typo.md", "---\ntitle: x\nreviewd: 2026-01-01\n---\nbody\n");
    site.write("content/type.md", "---\ntitle: x\ndraft: perhaps\n---\nbody\n");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(stderr.contains("yaml.md:") && stderr.contains("YAML front matter is malformed"), "{stderr}");
    assert!(stderr.contains("toml.md:3:") && stderr.contains("TOML front matter is malformed"), "{stderr}");
    assert!(stderr.contains("typo.md:3:1: unknown front matter key `reviewd`; did you mean `reviewed`?"), "{stderr}");
    assert!(stderr.contains("type.md:3:1: `draft` should be true or false"), "{stderr}");
    assert!(stderr.contains("4 errors"), "{stderr}");
    assert!(stderr.contains("help:"), "every error says what to do: {stderr}");
}

#[test]
fn invalid_utf8_names_the_file_and_line() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("content/latin1.md", b"# Title\n\ncaf\xe9\n".as_slice());
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(stderr.contains("latin1.md:3:4: the file is not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("save the file as UTF-8"), "{stderr}");
}

#[test]
fn two_files_with_one_url_are_both_named() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("content/refund policy.md", "# A");
    site.write("content/refund-policy.md", "# B");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(stderr.contains("two files want the URL /refund-policy/"), "{stderr}");
    assert!(stderr.contains("refund policy.md") && stderr.contains("refund-policy.md"), "{stderr}");
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
    assert!(stderr.contains("search/en.md: its URL /search/en/ belongs to the search index"), "{stderr}");
    assert!(stderr.contains("a-z.md: its URL /a-z/ belongs to the A–Z page"), "{stderr}");
    assert!(!stderr.contains("tips.md"), "{stderr}");
    assert!(stderr.contains("2 errors") && stderr.contains("give it a different `slug`"), "{stderr}");
}

#[test]
fn aliases_and_slugs_that_leave_the_site_are_rejected() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("content/a.md", "---\ntitle: A\naliases: [\"../../x\"]\n---\nbody");
    site.write("content/b.md", "---\ntitle: B\nslug: ../../etc\n---\nbody");
    site.write("content/c.md", "---\ntitle: C\naliases: [\"https://evil.example/\"]\n---\nbody");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(stderr.contains("a.md:3:1: the alias `../../x` would lead outside the site"), "{stderr}");
    assert!(stderr.contains("b.md:3:1: the slug `../../etc` would lead outside the site"), "{stderr}");
    assert!(stderr.contains("c.md:3:1: the alias `https://evil.example/`"), "{stderr}");
    assert!(!site.path().join("x").exists() && !site.path().parent().unwrap().join("x").exists());
}

#[test]
fn an_alias_never_replaces_a_page() {
    let site = built_site();
    site.write("content/other.md", "---\ntitle: Other\naliases: [/good/, /Other/]\n---\nbody");
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
    assert!(stderr.contains("template"), "{stderr}");
    assert!(stderr.contains("article.html"), "{stderr}");
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
}

#[test]
fn a_missing_theme_is_named() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("freshdocs.toml", "title = \"Acme\"\ntheme = \"nope\"\n");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(stderr.contains("the theme `nope` was not found"), "{stderr}");
}

#[test]
fn a_bad_config_points_at_the_line() {
    let site = built_site();
    let before = site.output_files("public");
    site.write("freshdocs.toml", "title = \"Acme\"\n\n[contact]\nemial = \"x@y.z\"\n");
    let stderr = assert_failed_and_untouched(&site, &before);
    assert!(stderr.contains("freshdocs.toml:4:1"), "{stderr}");
    assert!(stderr.contains("emial"), "{stderr}");
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let site = built_site();
    site.run(&["build", "--now", "yesterday"]).code(2).stderr_has("`--now yesterday` is not a date");
}
