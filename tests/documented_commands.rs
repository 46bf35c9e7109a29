//! The CI articles of the help center show commands to paste into a pipeline. This test runs
//! every `freshdocs …` command from their examples in a real repository, through a shell as CI
//! would, so the help center cannot drift from the tool.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestSite, manifest_dir};

/// `freshdocs …` commands in the fenced blocks of an article: YAML `run:` steps, GitLab
/// `script:` items and shell lines.
fn commands(article: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(article).unwrap();
    let mut in_block = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let line = line.trim();
        let command = line.strip_prefix("run: ").or_else(|| line.strip_prefix("- ")).unwrap_or(line);
        if command.starts_with("freshdocs ") {
            found.push(command.to_string());
        }
    }
    found
}

#[test]
fn every_command_in_the_ci_articles_runs() {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n")
        .file("content/a.md", "# A\n\nText.\n")
        .file("content/b.md", "# B\n\nSee [A](a.md).\n");
    let git = site.git();
    let first = git.commit_all("Docs", "2026-01-10T09:00:00+03:30");
    git.tag_annotated("v1.0.0", first, "2026-02-01T00:00:00Z");

    let bin_dir = Path::new(env!("CARGO_BIN_EXE_freshdocs")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let summary = site.path().join("step-summary.md");
    let mut ran = 0;
    for article in ["content/ci/github-actions.md", "content/ci/gitlab-ci.md", "content/ci/report-formats.md"] {
        for command in commands(&manifest_dir().join(article)) {
            let output = Command::new("sh")
                .arg("-c")
                .arg(&command)
                .current_dir(site.path())
                .env("PATH", &path)
                .env("GITHUB_STEP_SUMMARY", &summary)
                .env("FRESHDOCS_NO_CACHE", "1")
                .env_remove("CI")
                .output()
                .unwrap();
            let code = output.status.code().unwrap_or(-1);
            // 0 or 1 is a verdict; 2 would mean the documented command is wrong.
            assert!(
                code == 0 || code == 1,
                "{article}: `{command}` exited {code}\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 4, "the CI articles show at least four freshdocs commands; found {ran}");
}
