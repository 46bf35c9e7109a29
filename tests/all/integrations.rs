//! The CI integrations that live beside the binary, run as CI runs them: the GitHub Action
//! (`action.yml`, whose steps are `action/install.sh` and `action/run.sh`), the pre-commit hooks
//! (`.pre-commit-hooks.yaml`, `hooks/`), the GitLab CI template (`templates/`), and the Code
//! Quality report (`check --format codequality`) that the template and a hook read.
//!
//! The scripts run on real repositories made by the test kit, with the cargo-built `freshdocs`
//! first on PATH and every `GITHUB_*` variable pointing into a temporary folder; nothing reaches
//! the network. The manifests are checked with the real tools: `pre-commit` (its `try-repo`
//! runs the `language: system` and `script` hooks; the `language: rust` ones would build
//! freshdocs with cargo, so only their manifest is validated) and `check-jsonschema` with its
//! vendored GitHub Action and GitLab CI schemas. When one of those tools is missing the test fails
//! under CI (`CI` set) and is skipped with a notice elsewhere; `.ci/run` installs them.

use indoc::indoc;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::{TestSite, manifest_dir, path_with_freshdocs, pull_request_renaming_a_flag};

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The path of a tool on PATH, or `None` (after a notice) when it is missing outside CI.
fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file()));
    if found.is_none() {
        let install = "python3 -m pip install pre-commit check-jsonschema (pinned in .ci/run)";
        assert!(!under_ci(), "{name} is missing, and CI must not skip this test: {install}");
        eprintln!("\n*** SKIPPED: {name} is not installed, so this test did not run: {install} ***\n");
    }
    found
}

/// A command with a clean environment: PATH (freshdocs first), HOME, and no CI variables of the
/// machine running the tests.
fn command(program: impl AsRef<std::ffi::OsStr>, site: &TestSite) -> Command {
    let mut command = Command::new(program);
    command
        .env_clear()
        .env("PATH", path_with_freshdocs())
        .env("HOME", site.cache_path())
        .env("XDG_CACHE_HOME", site.cache_path())
        .env("NO_COLOR", "1")
        .env("FRESHDOCS_NO_CACHE", "1")
        .current_dir(site.path());
    command
}

/// What a finished command printed: its stdout, then its stderr.
fn log_of(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Runs a checker (`check-jsonschema`, `pre-commit validate-manifest`) on one of this
/// repository's files, and fails with its log unless it accepts the file.
#[track_caller]
fn assert_valid(checker: &Path, args: &[&str], file: &str) {
    let output = Command::new(checker).args(args).arg(manifest_dir().join(file)).output().unwrap();
    assert!(output.status.success(), "{}", log_of(&output));
}

/// `freshdocs.toml` with the blunt release rule: every page older than the release is stale.
const CONFIG: &str = "title = \"Acme\"\n[freshness]\nrelease_rule = \"all\"\n";
/// After the release's grace period.
const NOW: &str = "2026-06-01T00:00:00Z";

/// A repository released as v2.0.0 on 2026-03-02 whose `refunds.md` predates the release, so it
/// is stale at [`NOW`]; `start.md` was updated after it. With `fresh`, refunds.md was too.
fn released_site(fresh: bool) -> TestSite {
    let site = TestSite::new()
        .file("freshdocs.toml", CONFIG)
        .file("content/refunds.md", "# Refunds\n\nv1\n")
        .file("content/start.md", "# Start\n\nSee [refunds](refunds.md).\n");
    let git = site.git();
    git.commit_all("Write", "2026-01-10T09:00:00+03:30");
    let release = git.commit_all("Release", "2026-03-01T10:00:00Z");
    git.tag_annotated("v2.0.0", release, "2026-03-02T08:00:00Z");
    site.write("content/start.md", "# Start\n\nSee [refunds](refunds.md) for 2.0.\n");
    if fresh {
        site.write("content/refunds.md", "# Refunds\n\nv2\n");
    }
    git.commit_all("Update for 2.0", "2026-03-05T10:00:00Z");
    site
}

// ---------------------------------------------------------------------------------------------
// The GitHub Action
// ---------------------------------------------------------------------------------------------

/// What one run of `action/run.sh` left: its exit code and log, the outputs it set, the job
/// summary.
struct ActionStep {
    code: i32,
    log: String,
    outputs: BTreeMap<String, String>,
    summary: String,
    _temp: tempfile::TempDir,
}

impl std::fmt::Display for ActionStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit code {}\n--- log\n{}\n--- outputs\n{:?}\n--- summary\n{}",
            self.code, self.log, self.outputs, self.summary
        )
    }
}

/// Runs the action's step script as the runner does: `GITHUB_ACTION_PATH` is this repository,
/// the inputs are `INPUT_*` variables, and the files GitHub reads back are temporary files.
fn run_action(site: &TestSite, inputs: &[(&str, &str)], env: &[(&str, &str)]) -> ActionStep {
    let temp = tempfile::tempdir().unwrap();
    let output_file = temp.path().join("github-output");
    let summary_file = temp.path().join("step-summary.md");
    let mut step = command("bash", site);
    step.arg(manifest_dir().join("action/run.sh"))
        .env("GITHUB_ACTION_PATH", manifest_dir())
        .env("GITHUB_WORKSPACE", site.path())
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_STEP_SUMMARY", &summary_file)
        .env("RUNNER_TEMP", temp.path())
        .env("GITHUB_ACTIONS", "true");
    for (name, value) in inputs {
        step.env(format!("INPUT_{}", name.to_uppercase()), value);
    }
    for (name, value) in env {
        step.env(name, value);
    }
    let output = step.output().expect("run bash action/run.sh");
    let outputs = std::fs::read_to_string(&output_file)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    ActionStep {
        code: output.status.code().unwrap_or(-1),
        log: log_of(&output),
        outputs,
        summary: std::fs::read_to_string(&summary_file).unwrap_or_default(),
        _temp: temp,
    }
}

#[test]
fn the_action_fails_on_a_stale_article_with_annotations_summary_and_outputs() {
    let site = released_site(false);
    let step = run_action(&site, &[("args", &format!("--now {NOW}"))], &[]);
    assert_eq!(step.code, 1, "{step}");
    assert_eq!(step.outputs.get("stale-count").map(String::as_str), Some("1"), "{step}");
    assert_eq!(step.outputs.get("error-count").map(String::as_str), Some("1"), "{step}");
    // The annotation is in the log, on the stale file.
    assert!(step.log.contains("::error file=content/refunds.md,title=freshdocs release::"), "{step}");
    assert!(step.summary.contains("## Documentation freshness"), "{step}");
    assert!(step.summary.contains("| `content/refunds.md` |"), "{step}");
    // The report output is the annotations as printed; the JSON report has the same counts.
    let report = std::fs::read_to_string(&step.outputs["report"]).unwrap();
    assert!(report.contains("::error file=content/refunds.md"), "{report}");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&step.outputs["json-report"]).unwrap()).unwrap();
    assert_eq!(json["summary"]["stale"], 1);
}

#[test]
fn the_action_passes_on_a_fresh_site_and_says_so() {
    let site = released_site(true);
    let step = run_action(&site, &[("args", &format!("--now {NOW}"))], &[]);
    assert_eq!(step.code, 0, "{step}");
    assert_eq!(step.outputs.get("stale-count").map(String::as_str), Some("0"), "{step}");
    assert_eq!(step.outputs.get("error-count").map(String::as_str), Some("0"), "{step}");
    assert!(step.summary.contains("Every article is up to date."), "{step}");
}

#[test]
fn the_action_writes_the_summary_for_other_formats_and_keeps_their_report() {
    let site = released_site(false);
    let step = run_action(&site, &[("format", "junit"), ("args", &format!("--now {NOW}"))], &[]);
    assert_eq!(step.code, 1, "{step}");
    let report = &step.outputs["report"];
    assert!(report.ends_with(".xml"), "{step}");
    assert!(std::fs::read_to_string(report).unwrap().contains("<failure"), "{step}");
    assert!(step.summary.contains("| `content/refunds.md` |"), "{step}");
    assert_eq!(step.outputs.get("stale-count").map(String::as_str), Some("1"), "{step}");
}

#[test]
fn the_action_refuses_a_shallow_clone_with_the_fix() {
    let origin = released_site(false);
    let site = TestSite::new();
    let clone = Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", origin.path().display()))
        .arg(site.path())
        .output()
        .expect("git clone");
    assert!(clone.status.success(), "{}", String::from_utf8_lossy(&clone.stderr));
    let step = run_action(&site, &[], &[]);
    assert_eq!(step.code, 2, "{step}");
    assert!(step.log.contains("::error title=freshdocs::this is a shallow clone"), "{step}");
    assert!(step.log.contains("fetch-depth: 0"), "{step}");
    assert!(!step.outputs.contains_key("stale-count"), "{step}");
}

#[test]
fn the_action_compares_a_pull_request_with_its_base_branch() {
    // The product beside its docs, pushed as origin/main; the pull request (HEAD) renames the
    // flag that a.md describes.
    let (site, git) = pull_request_renaming_a_flag();

    let pull_request = [("GITHUB_EVENT_NAME", "pull_request"), ("GITHUB_BASE_REF", "main")];
    let step = run_action(&site, &[("command", "impact")], &pull_request);
    assert_eq!(step.code, 0, "{step}");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&step.outputs["json-report"]).unwrap()).unwrap();
    assert_eq!(json["range"], "origin/main...HEAD", "{step}");
    assert!(step.summary.contains("## Docs this change touches"), "{step}");
    assert!(step.summary.contains("| `a.md` |"), "{step}");
    assert_eq!(step.outputs.get("stale-count").map(String::as_str), Some("1"), "{step}");
    assert_eq!(step.outputs.get("error-count").map(String::as_str), Some("0"), "{step}");
    assert!(step.log.contains("::warning file=content/a.md"), "{step}");

    // With --fail the listed article that the pull request did not update is an error.
    let step = run_action(&site, &[("command", "impact"), ("args", "--fail")], &pull_request);
    assert_eq!(step.code, 1, "{step}");
    assert_eq!(step.outputs.get("error-count").map(String::as_str), Some("1"), "{step}");

    // Without the base branch in the clone, the step says how to fetch it.
    git.repo.find_reference("refs/remotes/origin/main").unwrap().delete().unwrap();
    let step = run_action(&site, &[("command", "impact")], &pull_request);
    assert_eq!(step.code, 2, "{step}");
    assert!(step.log.contains("origin/main is not in the clone"), "{step}");
}

#[test]
fn the_action_rejects_an_unknown_command() {
    let site = released_site(true);
    let step = run_action(&site, &[("command", "publish")], &[]);
    assert_eq!(step.code, 2, "{step}");
    assert!(step.log.contains("command must be check, impact or build, not 'publish'"), "{step}");
}

/// Runs `action/install.sh` with a tool cache in `cache` and the runner `Linux/X64`.
fn install(site: &TestSite, cache: &Path, step: &str, env: &[(&str, &str)]) -> (i32, String, String, String) {
    let output_file = cache.join("github-output");
    let path_file = cache.join("github-path");
    let mut install = command("bash", site);
    install
        .arg(manifest_dir().join("action/install.sh"))
        .arg(step)
        .env("GITHUB_ACTION_PATH", manifest_dir())
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_PATH", &path_file)
        .env("RUNNER_TOOL_CACHE", cache)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64");
    for (name, value) in env {
        install.env(name, value);
    }
    let output = install.output().expect("run bash action/install.sh");
    (
        output.status.code().unwrap_or(-1),
        log_of(&output),
        std::fs::read_to_string(&output_file).unwrap_or_default(),
        std::fs::read_to_string(&path_file).unwrap_or_default(),
    )
}

#[test]
fn the_action_installs_the_release_binary_or_uses_the_cached_one() {
    let site = TestSite::new();
    let cache = tempfile::tempdir().unwrap();
    let version = [("FRESHDOCS_VERSION", "v9.9.9")];
    let (code, log, outputs, _) = install(&site, cache.path(), "key", &version);
    assert_eq!(code, 0, "{log}");
    let dir = outputs.lines().find_map(|l| l.strip_prefix("dir=")).expect("dir= output").to_string();
    let key = outputs.lines().find_map(|l| l.strip_prefix("key=")).expect("key= output").to_string();
    assert!(key.starts_with("freshdocs-Linux-X64-v9.9.9-"), "{key}");
    assert!(dir.starts_with(&cache.path().display().to_string()), "{dir}");

    // A release of the runner's target, served from a folder as the download site would.
    let releases = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(releases.path().join("v9.9.9")).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_freshdocs"));
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(releases.path().join("v9.9.9/freshdocs-x86_64-unknown-linux-gnu.tar.gz"))
        .arg("-C")
        .arg(bin.parent().unwrap())
        .arg("freshdocs")
        .status()
        .unwrap();
    assert!(tar.success());
    let from = format!("file://{}", releases.path().display());
    let env = [version[0], ("FRESHDOCS_RELEASES", from.as_str())];
    let (code, log, _, github_path) = install(&site, cache.path(), "install", &env);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("trying the release binary"), "{log}");
    assert!(log.contains(concat!("freshdocs ", env!("CARGO_PKG_VERSION"))), "the installed binary runs:\n{log}");
    assert_eq!(github_path.trim(), dir);
    assert!(Path::new(&dir).join("freshdocs").is_file());

    // The next run finds it in the (restored) cache and downloads nothing.
    std::fs::remove_dir_all(releases.path()).unwrap();
    let (code, log, _, _) = install(&site, cache.path(), "install", &env);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("using the cached"), "{log}");
    assert!(!log.contains("trying the release binary"), "{log}");
}

#[test]
fn action_yml_validates_against_the_github_action_schema() {
    let Some(check_jsonschema) = tool("check-jsonschema") else { return };
    assert_valid(&check_jsonschema, &["--builtin-schema", "vendor.github-actions"], "action.yml");
}

#[test]
fn the_release_workflow_validates_against_the_github_workflow_schema() {
    let Some(check_jsonschema) = tool("check-jsonschema") else { return };
    assert_valid(&check_jsonschema, &["--builtin-schema", "vendor.github-workflows"], ".github/workflows/release.yml");
}

/// The release binaries have one name in three places: the workflow that attaches them to a
/// release, the Action that downloads them and cargo-binstall's template in Cargo.toml. Each
/// target the Action knows is built by the workflow, and binstall's address for it is the
/// Action's.
#[test]
fn the_release_archives_are_named_alike_by_the_workflow_the_action_and_binstall() {
    let read = |file: &str| std::fs::read_to_string(manifest_dir().join(file)).unwrap();
    let workflow = read(".github/workflows/release.yml");
    let built: BTreeSet<&str> =
        workflow.lines().filter_map(|l| l.split("target: ").nth(1)?.split([',', ' ']).next()).collect();
    assert!(workflow.contains(r#"archive="freshdocs-${{ matrix.target }}.tar.gz""#), "{workflow}");

    let install = read("action/install.sh");
    let known: BTreeSet<&str> =
        install.lines().filter_map(|l| l.split(") echo ").nth(1)?.split(" ;;").next()).collect();
    assert!(!known.is_empty(), "no targets found in action/install.sh");
    assert_eq!(known, built, "the Action downloads what the release workflow builds");
    assert!(install.contains(r#"url="$base/$version/freshdocs-$target.tar.gz""#), "{install}");

    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let pkg_url = binstall["pkg-url"].as_str().unwrap();
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    assert_eq!(binstall["bin-dir"].as_str(), Some("{ bin }{ binary-ext }"), "the archive holds the binary alone");
    for target in &built {
        let url = pkg_url
            .replace("{ repo }", "https://example.com/freshdocs")
            .replace("{ version }", "1.2.3")
            .replace("{ name }", "freshdocs")
            .replace("{ target }", target);
        // action/install.sh: base = <repository>/releases/download, version = the tag.
        assert_eq!(url, format!("https://example.com/freshdocs/releases/download/v1.2.3/freshdocs-{target}.tar.gz"));
    }
}

// ---------------------------------------------------------------------------------------------
// pre-commit
// ---------------------------------------------------------------------------------------------

/// Runs `pre-commit try-repo <this repository> HOOK ARGS…` in the site's repository: the real
/// pre-commit, with a pre-commit home of its own.
fn try_hook(pre_commit: &Path, site: &TestSite, hook: &str, args: &[&str]) -> (i32, String) {
    let home = site.cache_path().join("pre-commit");
    let output = command(pre_commit, site)
        .arg("try-repo")
        .arg(manifest_dir())
        .arg(hook)
        .args(args)
        .env("PRE_COMMIT_HOME", &home)
        // try-repo commits this repository's uncommitted changes into a copy.
        .env("GIT_AUTHOR_NAME", "Test Writer")
        .env("GIT_AUTHOR_EMAIL", "writer@example.com")
        .env("GIT_COMMITTER_NAME", "Test Writer")
        .env("GIT_COMMITTER_EMAIL", "writer@example.com")
        .output()
        .expect("run pre-commit");
    let log = log_of(&output);
    (output.status.code().unwrap_or(-1), log)
}

#[test]
fn the_pre_commit_manifest_is_valid() {
    let Some(pre_commit) = tool("pre-commit") else { return };
    assert_valid(&pre_commit, &["validate-manifest"], ".pre-commit-hooks.yaml");
}

#[test]
fn the_links_hook_reports_broken_links_of_the_changed_files_only() {
    let Some(pre_commit) = tool("pre-commit") else { return };
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n")
        .file("content/start.md", "# Start\n\nSee [the old page](gone.md).\n")
        .file("content/other.md", "# Other\n\nSee [another old page](lost.md).\n")
        .file("content/ok.md", "# OK\n\nSee [start](start.md).\n");
    site.git().commit_all("Write", "2026-01-10T09:00:00Z");

    let (code, log) =
        try_hook(&pre_commit, &site, "freshdocs-links", &["--files", "content/start.md", "content/ok.md"]);
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("content/start.md:3: broken link `gone.md`: there is no article `gone.md` in the content folder"),
        "{log}"
    );
    assert!(!log.contains("lost.md"), "other.md was not given:\n{log}");

    let (code, log) = try_hook(&pre_commit, &site, "freshdocs-links", &["--files", "content/ok.md"]);
    assert_eq!(code, 0, "{log}");

    // A front matter error anywhere stops the site, whatever the files: with its file and line.
    site.write(
        "content/bad.md",
        indoc! {"
            ---
            title: Bad
            reviewd: 2026-01-01
            ---
            Text.
        "},
    );
    site.git().commit_all("Typo", "2026-01-11T09:00:00Z");
    let (code, log) = try_hook(&pre_commit, &site, "freshdocs-links", &["--files", "content/ok.md"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("- exit code: 2"), "freshdocs' bad-input code:\n{log}");
    assert!(log.contains("content/bad.md:3:1: unknown front matter key `reviewd`"), "{log}");
}

#[test]
fn the_build_hook_fails_on_front_matter_errors_not_on_broken_links() {
    let Some(pre_commit) = tool("pre-commit") else { return };
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n")
        .file("content/start.md", "# Start\n\nSee [the old page](gone.md).\n");
    site.git().commit_all("Write", "2026-01-10T09:00:00Z");
    let (code, log) = try_hook(&pre_commit, &site, "freshdocs-build-system", &["--all-files"]);
    assert_eq!(code, 0, "a broken link is a warning of the build:\n{log}");
    assert!(!site.exists("public"), "the hook builds into a temporary folder");

    site.write(
        "content/bad.md",
        indoc! {"
            ---
            title: [unclosed
            ---
            Text.
        "},
    );
    site.git().commit_all("Break", "2026-01-11T09:00:00Z");
    let (code, log) = try_hook(&pre_commit, &site, "freshdocs-build-system", &["--all-files"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("content/bad.md:3:1: the YAML front matter is malformed"), "{log}");
}

#[test]
fn the_check_hook_fails_on_a_stale_article() {
    let Some(pre_commit) = tool("pre-commit") else { return };
    let stale = released_site(false);
    // `check` has no --now here: against today's date the release is long past its grace.
    let (code, log) = try_hook(&pre_commit, &stale, "freshdocs-check-system", &["--all-files"]);
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("content/refunds.md"), "{log}");
    assert!(log.contains("FAILED"), "{log}");

    let fresh = released_site(true);
    let (code, log) = try_hook(&pre_commit, &fresh, "freshdocs-check-system", &["--all-files"]);
    assert_eq!(code, 0, "{log}");
}

// ---------------------------------------------------------------------------------------------
// GitLab CI and the Code Quality report
// ---------------------------------------------------------------------------------------------

#[test]
fn the_gitlab_template_validates_against_the_gitlab_ci_schema() {
    let Some(check_jsonschema) = tool("check-jsonschema") else { return };
    assert_valid(&check_jsonschema, &["--builtin-schema", "vendor.gitlab-ci"], "templates/freshdocs.gitlab-ci.yml");
}

/// The template's `freshdocs-check` job: its variables, and its script run as GitLab runs it
/// (one shell, stopping at the first failing line), with freshdocs already installed.
#[test]
fn the_gitlab_template_check_job_writes_both_reports_and_fails_on_stale() {
    let template: serde_yaml_ng::Value = serde_yaml_ng::from_str(
        &std::fs::read_to_string(manifest_dir().join("templates/freshdocs.gitlab-ci.yml")).unwrap(),
    )
    .unwrap();
    let job = &template["freshdocs-check"];
    let reports = &job["artifacts"]["reports"];
    assert_eq!(reports["junit"].as_str(), Some("freshdocs-junit.xml"));
    assert_eq!(reports["codequality"].as_str(), Some("gl-code-quality-report.json"));
    let script: Vec<&str> = job["script"].as_sequence().unwrap().iter().map(|l| l.as_str().unwrap()).collect();

    let site = released_site(false);
    let mut shell = command("sh", &site);
    shell.arg("-ec").arg(script.join("\n"));
    for (name, value) in template["variables"].as_mapping().unwrap() {
        shell.env(name.as_str().unwrap(), value.as_str().unwrap());
    }
    shell.env("FRESHDOCS_ARGS", format!("--now {NOW}"));
    let output = shell.output().unwrap();
    let log = log_of(&output);
    assert_eq!(output.status.code(), Some(1), "{log}");
    let issues: Value = serde_json::from_str(&site.read("gl-code-quality-report.json")).unwrap();
    assert_eq!(issues.as_array().map(Vec::len), Some(1), "{issues}");
    assert_eq!(issues[0]["location"]["path"], "content/refunds.md");
    assert!(site.read("freshdocs-junit.xml").contains("<failure"), "{log}");
    assert!(log.contains("FAILED: 2 articles: 1 fresh, 1 stale"), "the text report is in the log:\n{log}");
}

/// A repository whose site lives in `docs/` and whose content is in `docs/content/`, with a
/// release, a stale page and two broken links to the same page in one file.
fn nested_site(start: &str) -> TestSite {
    let site = TestSite::new()
        .file("docs/freshdocs.toml", CONFIG)
        .file("docs/content/refunds.md", "# Refunds\n\nv1\n")
        .file("docs/content/start.md", start);
    let git = site.git();
    let release = git.commit_all("Write", "2026-01-10T09:00:00Z");
    git.tag_annotated("v2.0.0", release, "2026-03-02T08:00:00Z");
    site
}

fn codequality(site: &TestSite, now: &str) -> Vec<Value> {
    let run = site.run(&["check", "--root", "docs", "--format", "codequality", "--now", now]);
    run.code(1);
    serde_json::from_str::<Value>(&run.stdout).unwrap().as_array().cloned().unwrap()
}

#[test]
fn the_codequality_report_has_gitlabs_shape_and_repository_paths() {
    let site = nested_site("# Start\n\nSee [one](gone.md).\n\nAnd [again](gone.md).\n");
    let issues = codequality(&site, NOW);
    assert!(issues.len() >= 4, "two stale pages and two broken links: {issues:#?}");
    let mut fingerprints = BTreeSet::new();
    for issue in &issues {
        let keys: BTreeSet<&str> = issue.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            BTreeSet::from(["check_name", "description", "fingerprint", "location", "severity"]),
            "{issue}"
        );
        assert!(issue["description"].as_str().is_some_and(|d| !d.is_empty()), "{issue}");
        assert!(issue["check_name"].as_str().is_some_and(|c| c.starts_with("freshdocs/")), "{issue}");
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()),
            "{issue}"
        );
        let fingerprint = issue["fingerprint"].as_str().unwrap();
        assert!(fingerprint.len() == 40 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit()), "{issue}");
        assert!(fingerprints.insert(fingerprint.to_string()), "fingerprints are unique: {issues:#?}");
        // From the repository root, as GitLab places issues in a merge request's diff.
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(path.starts_with("docs/content/") && site.exists(path), "{issue}");
        assert!(issue["location"]["lines"]["begin"].as_u64().is_some_and(|l| l >= 1), "{issue}");
    }
    let links: Vec<u64> = issues
        .iter()
        .filter(|i| i["check_name"] == "freshdocs/links")
        .map(|i| i["location"]["lines"]["begin"].as_u64().unwrap())
        .collect();
    assert_eq!(links, [3, 5]);
}

#[test]
fn a_codequality_fingerprint_survives_a_moved_line_and_a_new_day() {
    let site = nested_site("# Start\n\nSee [one](gone.md).\n");
    let links = |issues: &[Value]| -> Vec<(String, u64)> {
        issues
            .iter()
            .filter(|i| i["check_name"] == "freshdocs/links")
            .map(|i| {
                (i["fingerprint"].as_str().unwrap().to_string(), i["location"]["lines"]["begin"].as_u64().unwrap())
            })
            .collect()
    };
    let release = |issues: &[Value]| -> Vec<String> {
        issues
            .iter()
            .filter(|i| i["check_name"] == "freshdocs/release")
            .map(|i| i["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let before = codequality(&site, NOW);
    site.write(
        "docs/content/start.md",
        indoc! {"
            # Start

            A new first paragraph.

            See [one](gone.md).
        "},
    );
    site.git().commit_all("Edit", "2026-01-20T09:00:00Z");
    let after = codequality(&site, "2026-07-15T00:00:00Z");
    let (before_links, after_links) = (links(&before), links(&after));
    assert_eq!(before_links.len(), 1);
    assert_eq!(after_links.len(), 1);
    assert_eq!(before_links[0].0, after_links[0].0, "the same broken link keeps its fingerprint");
    assert_eq!((before_links[0].1, after_links[0].1), (3, 5));
    assert_eq!(release(&before), release(&after), "a day passing changes no release fingerprint");
    // Another broken link is another issue.
    site.write("docs/content/start.md", "# Start\n\nSee [one](elsewhere.md).\n");
    site.git().commit_all("Other link", "2026-01-21T09:00:00Z");
    let other = links(&codequality(&site, NOW));
    assert_ne!(other[0].0, before_links[0].0);
}
