//! The CI articles of the help center show commands to paste into a pipeline. This test runs
//! every `freshdocs …` command from their examples in a real repository, through a shell as CI
//! would, so the help center cannot drift from the tool.

use std::path::Path;
use std::process::Command;

use crate::common::{manifest_dir, path_with_freshdocs, pull_request_renaming_a_flag};

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

/// GitHub Actions replaces the `${{ … }}` expressions of a `run:` step before the shell sees it;
/// these are the values a pull request into `main` gives them. (GitLab passes its variables in
/// the environment instead; see below.)
const GITHUB_EXPRESSIONS: &[(&str, &str)] = &[("${{ github.base_ref }}", "main")];

fn as_github_runs_it(command: &str) -> String {
    let mut command = command.to_string();
    for (expression, value) in GITHUB_EXPRESSIONS {
        command = command.replace(expression, value);
    }
    assert!(!command.contains("${{"), "`{command}`: add its GitHub expression to GITHUB_EXPRESSIONS");
    command
}

#[test]
fn every_command_in_the_ci_articles_runs() {
    // A pull request renaming the `--base-url` flag that `a.md` describes, so `impact` has a
    // range with something in it.
    let (site, _git) = pull_request_renaming_a_flag();
    let path = path_with_freshdocs();
    let summary = site.path().join("step-summary.md");
    let mut ran = 0;
    let mut impacts = 0;
    for article in [
        "content/ci/github-actions.md",
        "content/ci/gitlab-ci.md",
        "content/ci/report-formats.md",
        "content/ci/impact-in-pull-requests.md",
    ] {
        for command in commands(&manifest_dir().join(article)) {
            let output = Command::new("sh")
                .arg("-c")
                .arg(as_github_runs_it(&command))
                .current_dir(site.path())
                .env("PATH", &path)
                .env("GITHUB_STEP_SUMMARY", &summary)
                .env("GITHUB_BASE_REF", "main")
                .env("CI_PIPELINE_SOURCE", "merge_request_event")
                .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
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
            impacts += usize::from(command.starts_with("freshdocs impact"));
        }
    }
    assert!(ran >= 4, "the CI articles show at least four freshdocs commands; found {ran}");
    assert!(impacts >= 3, "the pull request article shows its impact commands; found {impacts}");
    // The documented pull request ranges found the change: the article that names the flag is in
    // the GitHub step summary and in GitLab's report.
    let lists_a =
        |report: &str| report.split("## Docs this change touches").skip(1).any(|impact| impact.contains("| `a.md` |"));
    let summary = std::fs::read_to_string(&summary).unwrap_or_default();
    assert!(lists_a(&summary), "the step summary lists a.md:\n{summary}");
    let gitlab = std::fs::read_to_string(site.path().join("docs-impact.md")).unwrap_or_default();
    assert!(lists_a(&gitlab), "the GitLab report lists a.md:\n{gitlab}");
}
