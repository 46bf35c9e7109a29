//! The smaller commands: `init`, `new`, `completions`, `--help`.

use crate::common::TestSite;
use indoc::indoc;

#[test]
fn new_writes_an_article_that_builds_and_never_overwrites() {
    let site =
        TestSite::new().file("freshdocs.toml", "[languages.hi]\nname = \"हिन्दी\"\n").file("content/_index.md", "");
    site.run(&["new", "Reset your password", "--section", "account"])
        .success()
        .stderr_has("created content/account/reset-your-password.md");
    let text = site.read("content/account/reset-your-password.md");
    assert!(text.starts_with("---\ntitle: \"Reset your password\"\n"), "{text}");
    site.write("content/account/reset-your-password.md", "---\ntitle: Mine\n---\nwritten by hand");
    site.run(&["new", "Reset your password", "--section", "account"])
        .code(2)
        .stderr_has("already exists; nothing was changed");
    assert!(site.read("content/account/reset-your-password.md").contains("written by hand"));

    site.run(&["new", "पासवर्ड बदलें", "--section", "account", "--lang", "hi"]).success();
    assert!(site.exists("content/hi/account/पासवर्ड-बदलें.md"));
    site.run(&["new", "x", "--lang", "de"]).code(2).stderr_has("the site has no language `de`");
    site.run(&["new", "x", "--section", "../../outside"]).code(2);
    assert!(!site.path().parent().unwrap().join("outside").exists());
    site.run(&["build"]).success().stderr_has("Built 2 articles");
}

#[test]
fn completions_for_each_shell() {
    let site = TestSite::new();
    for shell in ["bash", "zsh", "fish"] {
        let run = site.run(&["completions", shell]);
        run.success();
        assert!(run.stdout.contains("freshdocs") && run.stdout.contains("check"), "{run}");
    }
}

/// `man -l` reads it: one page for freshdocs, then one per command with its options.
#[test]
fn man_prints_a_manual_page_for_every_command() {
    let run = TestSite::new().run(&["man"]);
    run.success();
    assert!(run.stdout.contains(".TH freshdocs 1"), "{run}");
    for command in ["build", "check", "impact", "search", "new", "review", "serve"] {
        assert!(run.stdout.contains(&format!(".TH freshdocs-{command} 1")), "no page for {command}: {run}");
    }
    assert!(run.stdout.contains("\\-\\-format"), "the options are there: {run}");
}

#[test]
fn help_lists_the_commands_in_plain_words() {
    let run = TestSite::new().run(&["--help"]);
    run.success();
    for command in ["build", "check", "new", "review", "completions"] {
        assert!(run.stdout.contains(command), "{run}");
    }
}

/// Repositories shaped like the five docs tools' projects: `init` finds each one's docs folder
/// from its own settings, and the settings it writes work for `check` and `build` as they are.
#[test]
fn init_finds_the_docs_folder_of_each_docs_tool() {
    let article = "---\ntitle: Refunds\n---\nAsk for a refund with `--refund`.\n";
    // The tool, its files, the docs folder `init` must find and the title it must read.
    type Shape<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, &'a str);
    let shapes: [Shape; 5] = [
        (
            "Hugo",
            &[
                ("hugo.toml", "baseURL = 'https://acme.example/'\ntitle = 'Acme Help'\n"),
                ("content/refunds.md", article),
            ],
            "content",
            "Acme Help",
        ),
        (
            "Zola",
            &[
                ("docs/config.toml", "base_url = \"https://zola.example\"\ntitle = \"Zola Docs\"\n"),
                ("docs/content/refunds.md", article),
            ],
            "docs/content",
            "Zola Docs",
        ),
        (
            "MkDocs",
            &[
                (
                    "mkdocs.yml",
                    "site_name: Acme Docs\ndocs_dir: pages\nmarkdown_extensions:\n  - x: !!python/name:y.z\n",
                ),
                ("pages/refunds.md", article),
            ],
            "pages",
            "Acme Docs",
        ),
        (
            "mdBook",
            &[("guide/book.toml", "[book]\ntitle = \"The Guide\"\n"), ("guide/src/refunds.md", article)],
            "guide/src",
            "The Guide",
        ),
        (
            "Docusaurus",
            &[
                (
                    "website/docusaurus.config.js",
                    "module.exports = {\n  title: 'Acme',\n  url: 'https://acme.example',\n};\n",
                ),
                ("website/docs/refunds.md", article),
            ],
            "website/docs",
            "Acme",
        ),
    ];
    for (tool, files, content, title) in shapes {
        let site = TestSite::new().file("src/main.rs", "fn main() { let refund = true; }\n");
        for (path, text) in files {
            site.write(path, text);
        }
        let git = site.git();
        let first = git.commit_all("Docs and code", "2026-01-05T10:00:00+01:00");
        git.tag("v1.0.0", first);
        let run = site.run(&["init"]);
        run.success().stderr_has(&format!("docs folder {content}/: 1 articles (from the {tool} settings)"));
        run.stderr_has("releases v* (of 1 tags; newest v1.0.0)").stderr_has("Next:\n  freshdocs check");
        let settings = site.read("freshdocs.toml");
        assert!(settings.contains(&format!("content = \"{content}\"")), "{tool}: {settings}");
        assert!(settings.contains(&format!("title = \"{title}\"")), "{tool}: {settings}");
        assert!(
            settings.contains("release_rule = \"coupled\"   # the product's code is beside the docs (1 files)"),
            "{tool}: {settings}"
        );
        assert!(settings.contains("# [versions]\n# keep = 3"), "a release tag: versions are offered: {settings}");
        assert_eq!(site.read(".gitignore"), "# the site `freshdocs build` writes\n/public/\n", "{tool}");
        site.run(&["check", "--now", "2026-01-06"]).success();
        site.run(&["build"]).success().stderr_has("Built 1 article");
        assert!(site.exists("public/refunds/index.html"), "{tool}: {}", site.listing());
    }
}

#[test]
fn init_never_overwrites_and_says_what_to_add_instead() {
    let site = TestSite::new()
        .file("docs/index.md", "# Welcome\n")
        .file("docs/refunds.md", "# Refunds\n")
        .file("docs/fa/refunds.md", "# بازپرداخت\n")
        .file("docs/ci/index.md", "# CI\n")
        .file(".gitignore", "target/")
        .file(".gitlab-ci.yml", "test:\n  script: [make]\n");
    let git = site.git();
    let commit = git.commit_all("Docs", "2026-01-05T10:00:00Z");
    git.tag("1.2.0", commit);
    git.tag("1.3.0", commit);
    let run = site.run(&["init", "--ci", "gitlab"]);
    run.success().stderr_has("translations fa").stderr_has("releases [0-9]* (of 2 tags; newest 1.3.0, 1.2.0)");
    run.stderr_has(".gitlab-ci.yml exists already and was left alone; add this job to it:");
    run.stderr_has("freshdocs check --format junit > freshdocs-report.xml");
    assert_eq!(site.read(".gitlab-ci.yml"), "test:\n  script: [make]\n");
    assert_eq!(site.read(".gitignore"), "target/\n# the site `freshdocs build` writes\n/public/\n");
    let settings = site.read("freshdocs.toml");
    assert!(settings.contains("[languages.fa]\nname = \"فارسی\""), "{settings}");
    assert!(!settings.contains("[languages.ci]"), "ci/ is a section: {settings}");
    assert!(settings.contains("release_tags = \"[0-9]*\""), "{settings}");
    assert!(settings.contains("# No product code beside the docs."), "{settings}");
    site.run(&["build"]).success().stderr_has("articles in 2 languages");

    site.write("freshdocs.toml", "title = \"Mine\"\n");
    site.run(&["init"]).code(2).stderr_has("freshdocs.toml already exists; nothing was changed");
    assert_eq!(site.read("freshdocs.toml"), "title = \"Mine\"\n");
    assert!(!site.exists(".github/workflows/docs.yml"), "a refused run writes nothing");
    // With --ci, only the pipeline is added; the settings stay as the writer left them.
    site.run(&["init", "--ci", "github"]).success().stderr_has("freshdocs.toml exists already and was left as it is");
    assert_eq!(site.read("freshdocs.toml"), "title = \"Mine\"\n");
    assert!(site.read(".github/workflows/docs.yml").contains("freshdocs check --format github"));
    assert_eq!(site.read(".gitignore"), "target/\n# the site `freshdocs build` writes\n/public/\n");
}

#[test]
fn init_writes_a_github_workflow_and_explains_a_folder_without_docs() {
    let site = TestSite::new().file("content/_index.md", "# Help\n").file(
        "content/a.md",
        indoc! {"
                ---
                title: A
                ---
                Text.
            "},
    );
    site.git().commit_all("Docs", "2026-01-05T10:00:00Z");
    site.run(&["init", "--ci", "github"]).success().stderr_has("wrote");
    let workflow = site.read(".github/workflows/docs.yml");
    assert!(workflow.contains("fetch-depth: 0"), "{workflow}");
    assert!(workflow.contains("run: freshdocs check --format github"), "{workflow}");
    assert!(workflow.contains("cargo install --locked --git \"$FRESHDOCS_SOURCE\" freshdocs"), "{workflow}");

    let empty = TestSite::new().file("README.txt", "no docs here");
    let run = empty.run(&["init"]);
    run.code(2).stderr_has("found no docs folder in .").stderr_has("freshdocs init --content <folder>");
    assert!(!empty.exists("freshdocs.toml"));
    empty.write("notes/a.md", "# A\n");
    empty.run(&["init", "--content", "notes"]).success().stderr_has("docs folder notes/: 1 articles");
}

/// `build --timings`: every stage a build runs, in order, with its time, then the total; without
/// the flag, none of it.
#[test]
fn build_timings_name_each_stage_in_order() {
    let site =
        TestSite::new().file("freshdocs.toml", "title = \"Acme\"\n").file("content/start.md", "# Start\n\nHello.\n");
    let plain = site.run(&["build"]);
    plain.success();
    assert!(!plain.stderr.contains("Timings:"), "{}", plain.stderr);
    let run = site.run(&["build", "--timings"]);
    run.success();
    let table = &run.stderr[run.stderr.find("Timings:\n").expect("a timings table")..];
    let stages: Vec<&str> = table
        .lines()
        .skip(1)
        .map(|line| {
            let (name, time) = line.trim().rsplit_once("  ").expect("a name and a time");
            let seconds: f64 = time.trim().trim_end_matches(" s").parse().expect("seconds");
            assert!(seconds >= 0.0, "{line}");
            name.trim()
        })
        .collect();
    assert_eq!(
        stages,
        [
            "settings and theme",
            "discover",
            "render",
            "links",
            "history",
            "judge",
            "search index",
            "related articles",
            "pages",
            "sitemap, feeds, llms.txt",
            "search export",
            "copy files",
            "swap",
            "total"
        ]
    );
}

/// `init` on a Docusaurus site that keeps a copy per version says the build takes those for
/// versions, instead of offering `[versions]` (issue 16, migration).
#[test]
fn init_tells_that_docusaurus_copies_are_built_as_versions() {
    let site = TestSite::new()
        .file("website/docusaurus.config.js", "module.exports = { title: 'Acme' };\n")
        .file("website/docs/refunds.md", "# Refunds\n\nAsk within 90 days.\n")
        .file("website/versions.json", "[\"2.0\", \"1.0\"]\n")
        .file("website/versioned_docs/version-2.0/refunds.md", "# Refunds\n\nAsk within 60 days.\n")
        .file("website/versioned_docs/version-1.0/refunds.md", "# Refunds\n\nAsk within 30 days.\n");
    let git = site.git();
    git.tag("v2.0.0", git.commit_all("Docs", "2026-01-05T10:00:00+01:00"));
    site.run(&["init"]).success();
    let settings = site.read("freshdocs.toml");
    assert!(
        settings.contains("# Docusaurus's versioned_docs/ (2.0, 1.0) are published as versions, each at /<name>/,"),
        "{settings}"
    );
    assert!(!settings.contains("# [versions]"), "{settings}");
    site.run(&["build"]).success().stderr_has("and 2 older versions: 2.0, 1.0");
}
