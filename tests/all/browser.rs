//! The sample help center in a real browser: builds `content/` with the real binary, then runs the
//! Node suite in `tests/browser/` (`node tests/browser/run.mjs <site>`), which serves the site on
//! 127.0.0.1 and drives the system Chromium with playwright-core and axe-core. See
//! `tests/browser/run.mjs` for what it covers and the environment variables it reads. The search
//! parity spec runs this binary's `freshdocs search` on the same site to get the rankings the
//! browser must reproduce (`FRESHDOCS_BIN`, `FRESHDOCS_ROOT`).
//!
//! Needs `node` (20 or later), `tests/browser/node_modules` (`npm ci --prefix tests/browser`) and
//! `/usr/bin/chromium` (Debian's `chromium`; `FRESHDOCS_CHROMIUM` names another). When one is
//! missing the test fails under CI (`CI` set) and is skipped with a loud notice elsewhere.

use indoc::indoc;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestSite, manifest_dir};

/// The whole Node suite is allowed this long (it takes well under a minute on two cores).
const SUITE_TIMEOUT: Duration = Duration::from_secs(300);

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// What is missing to run the suite, each with how to install it.
fn missing_prerequisites(suite: &Path, chromium: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => {
            let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let major: u32 =
                version.trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
            if major < 20 {
                missing.push(format!("node 20 or later (found {version}): apt-get install -y nodejs npm"));
            }
        }
        _ => missing.push("node: apt-get install -y nodejs npm".to_string()),
    }
    for package in ["playwright-core", "axe-core"] {
        if !suite.join("node_modules").join(package).join("package.json").is_file() {
            missing.push(format!(
                "tests/browser/node_modules/{package}: npm ci --prefix tests/browser (from the repository root)"
            ));
        }
    }
    if !chromium.is_file() {
        missing.push(format!(
            "{}: apt-get install -y chromium (Debian's package; never a downloaded browser)",
            chromium.display()
        ));
    }
    missing
}

/// Reads a child's pipe to the end on a thread.
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

/// Kills the suite and everything it started (Chromium runs in its process group).
fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill").args(["-KILL", &format!("-{}", child.id())]).status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The suite's folder and the browser, or `None` (after a loud notice) when a prerequisite is
/// missing outside CI; under CI a missing prerequisite fails the test.
fn prerequisites() -> Option<(PathBuf, PathBuf)> {
    let suite = manifest_dir().join("tests").join("browser");
    let chromium =
        std::env::var_os("FRESHDOCS_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let missing = missing_prerequisites(&suite, &chromium);
    if missing.is_empty() {
        return Some((suite, chromium));
    }
    let list = missing.iter().map(|m| format!("  - {m}")).collect::<Vec<_>>().join("\n");
    if under_ci() {
        panic!("the browser tests cannot run under CI; install:\n{list}\n(.ci/run installs them)");
    }
    eprintln!(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !! BROWSER TESTS NOT RUN: missing\n{list}\n\
         !! They run under CI, where a missing prerequisite fails the build.\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
    );
    None
}

/// Runs the Node suite on the built `site` (with `env` added to its environment) and fails the
/// test with its output unless every spec passed.
fn run_suite(suite: &Path, chromium: &Path, site: &Path, env: &[(&str, &std::ffi::OsStr)]) {
    let mut command = Command::new("node");
    command
        .arg("--test-reporter=spec")
        .arg(suite.join("run.mjs"))
        .arg(site)
        .current_dir(suite)
        .env("FRESHDOCS_CHROMIUM", chromium)
        .env("NO_COLOR", "1")
        .env("FORCE_COLOR", "0")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let started = Instant::now();
    let mut child = command.spawn().expect("start node");
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if started.elapsed() > SUITE_TIMEOUT {
            kill_group(&mut child);
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = format!("{}{}", stdout.join().unwrap_or_default(), stderr.join().unwrap_or_default());
    let took = started.elapsed().as_secs_f32();
    match status {
        None => panic!("the browser suite did not finish in {SUITE_TIMEOUT:?}; its output:\n{output}"),
        Some(status) if !status.success() => {
            panic!("the browser suite failed ({status}, {took:.1} s):\n{output}")
        }
        Some(_) => println!("{output}\nbrowser suite passed in {took:.1} s"),
    }
}

#[test]
fn sample_help_center_in_a_real_browser() {
    let Some((suite, chromium)) = prerequisites() else { return };
    let repo = manifest_dir();
    // The sample help center, built by the real binary.
    let out = TestSite::new();
    let site = out.path().join("site");
    out.run(&["build", "--root", repo.to_str().unwrap(), "--out", site.to_str().unwrap()]).success();
    assert!(site.join("index.html").is_file(), "the build wrote no index.html");
    // specs/parity.spec.mjs: search.js must rank as `freshdocs search` does on the same site.
    let bin = std::ffi::OsStr::new(env!("CARGO_BIN_EXE_freshdocs"));
    run_suite(&suite, &chromium, &site, &[("FRESHDOCS_BIN", bin), ("FRESHDOCS_ROOT", repo.as_os_str())]);
}

/// `[versions]` in a real browser (specs/versions.spec.mjs, issue 16): a help center with two
/// older versions built from a real repository's tags, v1.0 in English and Persian.
#[test]
fn versioned_help_center_in_a_real_browser() {
    let Some((suite, chromium)) = prerequisites() else { return };
    let config = "title = \"Acme Help\"\nbase_url = \"https://help.acme.example/\"\n\n\
                  [languages.fa]\nname = \"فارسی\"\n\n[versions]\nkeep = 3\n";
    let site = TestSite::new()
        .file("freshdocs.toml", config)
        .file("content/refunds.md", "# Refunds\n\nAsk for a refund within 30 days: send us a fax.\n")
        .file("content/fa/refunds.md", "# بازپرداخت\n\nتا ۳۰ روز با فکس درخواست دهید.\n");
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Docs 1.0", "2025-01-01T10:00:00Z"));
    for (from, to) in
        [("content/refunds.md", "content/money-back.md"), ("content/fa/refunds.md", "content/fa/money-back.md")]
    {
        std::fs::rename(site.path().join(from), site.path().join(to)).unwrap();
    }
    site.write(
        "content/money-back.md",
        "---\naliases: [/refunds/]\n---\n# Money back\n\nAsk for your money back within 60 days by email.\n",
    );
    site.write(
        "content/fa/money-back.md",
        indoc! {"
            ---
            aliases: [/fa/refunds/]
            ---
            # بازپرداخت

            تا ۶۰ روز با ایمیل.
        "},
    );
    git.tag("v1.1.0", git.commit_all("Docs 1.1: refunds are money back", "2025-02-01T10:00:00Z"));
    site.write("content/exports.md", "# Exports\n\nExport your data as CSV.\n");
    git.tag("v1.2.0", git.commit_all("Docs 1.2", "2025-03-01T10:00:00Z"));
    site.run(&["build", "--now", "2025-03-02"]).success().stderr_has("and 2 older versions: v1.1, v1.0");
    run_suite(&suite, &chromium, &site.path().join("public"), &[("FRESHDOCS_ONLY", std::ffi::OsStr::new("versions"))]);
}
