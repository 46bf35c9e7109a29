//! The smaller commands: `new`, `completions`, `--help`.

use crate::common::TestSite;

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
