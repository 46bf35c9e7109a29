//! Test helpers: a site in a temporary folder, optionally a real git repository with fixed
//! authors, dates and time zones, and the `freshdocs` binary run against it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

#[path = "../kit/git.rs"]
mod git;
pub use git::Git;

pub struct TestSite {
    dir: TempDir,
    /// The user's cache folder for the runs (`XDG_CACHE_HOME`), outside the site folder.
    cache: TempDir,
}

impl TestSite {
    /// An empty folder.
    pub fn new() -> Self {
        TestSite { dir: tempfile::tempdir().expect("temp dir"), cache: tempfile::tempdir().expect("temp dir") }
    }

    /// The user's cache folder the runs see.
    pub fn cache_path(&self) -> &Path {
        self.cache.path()
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders), relative to the site folder.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        self.write(rel, contents);
        self
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.dir.path().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}\n{}", path.display(), self.listing()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.dir.path().join(rel).exists()
    }

    /// Runs `freshdocs` in the site folder, as CI would (no colour, no terminal), with the
    /// caches in the git folder off.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[("FRESHDOCS_NO_CACHE", "1")])
    }

    /// Runs `freshdocs` like [`TestSite::run`], with the caches in the git folder on.
    pub fn run_cached(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_freshdocs"))
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env("CI", "true")
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("FRESHDOCS_NO_CACHE")
            .envs(env.iter().copied())
            .env("XDG_CACHE_HOME", self.cache.path())
            .output()
            .expect("run freshdocs");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            listing: self.listing(),
        }
    }

    /// Every file under the folder, for failure messages.
    pub fn listing(&self) -> String {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.dir.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && !e.path().components().any(|c| c.as_os_str() == ".git"))
            .map(|e| e.path().strip_prefix(self.dir.path()).unwrap().display().to_string())
            .collect();
        files.sort();
        files.join("\n  ")
    }

    /// Files written under an output folder, relative to it, sorted.
    pub fn output_files(&self, out: &str) -> Vec<String> {
        let root = self.dir.path().join(out);
        let mut files: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        files.sort();
        files
    }

    pub fn git(&self) -> Git {
        Git::init(self.dir.path())
    }
}

/// The outcome of one run, printed in full when an assertion fails.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub listing: String,
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success\n{self}");
        self
    }

    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "expected exit code {code}\n{self}");
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}\n{self}");
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(!self.stderr.contains(needle), "stderr has {needle:?}\n{self}");
        self
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "$ freshdocs {}", self.args.join(" "))?;
        writeln!(f, "exit code: {}", self.code)?;
        writeln!(f, "--- stdout\n{}", self.stdout)?;
        writeln!(f, "--- stderr\n{}", self.stderr)?;
        writeln!(f, "--- files\n  {}", self.listing)
    }
}

/// An English article with a section, shared by the search and preview tests (their results
/// must agree on it).
pub const REFUNDS_MD: &str = indoc::indoc! {"
    ---
    title: Get a refund
    tags: [money]
    ---
    Refunds reach your card in five days.

    ## Cancel an order

    Press cancel.
"};
pub const PASSWORD_MD: &str = "---\ntitle: Reset your password\n---\nUse the reset link we email you.\n";

/// A PNG's signature and IHDR chunk, all that the build reads of it.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&width.to_be_bytes());
    png.extend_from_slice(&height.to_be_bytes());
    png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// PATH with the cargo-built freshdocs first, for scripts that call `freshdocs` by name.
pub fn path_with_freshdocs() -> String {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_freshdocs")).parent().unwrap().to_path_buf();
    format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default())
}

/// A pull request against a product beside its docs: released as v1.0.0 and pushed as
/// `origin/main`, then HEAD renames the `--base-url` flag of `src/cli.rs`, which `content/a.md`
/// describes, so `impact` over `origin/main...HEAD` has something to list.
pub fn pull_request_renaming_a_flag() -> (TestSite, Git) {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n")
        .file("src/cli.rs", "fn args() {\n    flag(\"--base-url\", \"where the site lives\");\n}\n")
        .file("content/a.md", "# A\n\nRun `acme build --base-url https://x/` to set the address (`src/cli.rs`).\n")
        .file("content/b.md", "# B\n\nSee [A](a.md).\n");
    let git = site.git();
    let first = git.commit_all("Docs", "2026-01-10T09:00:00+03:30");
    git.tag_annotated("v1.0.0", first, "2026-02-01T00:00:00Z");
    git.repo.reference("refs/remotes/origin/main", first, false, "fetched").unwrap();
    site.write("src/cli.rs", "fn args() {\n    flag(\"--site-url\", \"where the site lives\");\n}\n");
    git.commit_all("Rename a flag", "2026-02-10T09:00:00Z");
    (site, git)
}
