//! Tests of the history engine against synthetic repositories, with `git log` as the judge.
//!
//! [`Fixture`] builds repositories commit by commit with the shared kit, `tests/kit/git.rs` (fixed
//! authors, dates and time zones, any parents, any tree), so each test states its history exactly. Answers are compared
//! with `git log -1 --format=%H -- <path>` from the git CLI, run with literal pathspecs and no
//! user or system configuration.

mod engine;
mod random;
mod refinements;
mod releases;
mod units;

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Changes, HistoryQuery, Repo, last_changes};

#[path = "../../../tests/kit/git.rs"]
mod kit;
pub use kit::CommitSpec;

use git2::Oid;

/// A fixed instant (14 November 2023) that test dates count from.
pub const T0: i64 = 1_700_000_000;
pub const HOUR: i64 = 3600;
/// Time zones of the test authors, in minutes: Tehran, India, California.
pub const TEHRAN: i32 = 210;
pub const INDIA: i32 = 330;
pub const CALIFORNIA: i32 = -480;

/// A git repository in a temporary folder, built with the shared kit ([`kit::Git`], which it
/// dereferences to: `commit_on_side`, `tag`, `checkout`, `detach`, `repo`).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    git: kit::Git,
}

impl std::ops::Deref for Fixture {
    type Target = kit::Git;

    fn deref(&self) -> &kit::Git {
        &self.git
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let git = kit::Git::init(dir.path());
        let fixture = Fixture { dir, git };
        fixture.git(&["config", "user.name", "Tester"]);
        fixture.git(&["config", "user.email", "tester@example.com"]);
        fixture
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Starts a commit with message `message`, by Parisa at T0 in Tehran unless told otherwise.
    pub fn commit(&self, message: &str) -> CommitSpec<'_> {
        self.git.commit(message).by("Parisa").at(T0, TEHRAN)
    }

    /// Runs the git CLI in the repository with pathspecs taken literally and no user or system
    /// configuration (a `log.follow = true` in someone's config would change the answers).
    pub fn git(&self, args: &[&str]) -> String {
        let output = git_command(self.path()).args(args).output().unwrap();
        assert!(
            output.status.success(),
            "git {args:?} failed in {}: {}",
            self.path().display(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// The ground truth: `git log -1 --format=%H -- <path>`.
    pub fn git_last(&self, path: &str) -> String {
        self.git(&["log", "-1", "--format=%H", "--", path])
    }

    /// Every file in HEAD's tree.
    pub fn head_files(&self) -> Vec<String> {
        let out = self.git(&["ls-tree", "-r", "-z", "--name-only", "HEAD"]);
        out.split('\0').filter(|p| !p.is_empty()).map(str::to_string).collect()
    }

    pub fn open(&self) -> Repo {
        super::discover(self.path()).unwrap().unwrap()
    }

    /// Runs the engine on `paths` without the cache.
    pub fn run(&self, paths: &[String], follow_moves: bool, ignore_revs: Option<PathBuf>) -> Changes {
        let mut query = HistoryQuery::new(paths.to_vec(), now());
        query.follow_moves = follow_moves;
        query.use_cache = false;
        query.ignore_revs_file = ignore_revs;
        last_changes(&self.open(), &query).unwrap()
    }

    /// The engine's commit for one path.
    pub fn last(&self, path: &str, follow_moves: bool) -> Option<String> {
        let changes = self.run(&[path.to_string()], follow_moves, None);
        changes.by_path.get(path).and_then(|c| c.commit.clone())
    }

    /// Asserts that, with pure moves not followed, the engine agrees with `git log -1` on every
    /// file at HEAD, and prints a table of all disagreements if not.
    pub fn assert_agrees_with_git(&self) {
        let paths = self.head_files();
        assert!(!paths.is_empty(), "fixture has no files at HEAD");
        let changes = self.run(&paths, false, None);
        let mut wrong = Vec::new();
        for path in &paths {
            let ours = changes.by_path.get(path).and_then(|c| c.commit.clone());
            let truth = self.git_last(path);
            if ours.as_deref() != Some(truth.as_str()) {
                wrong.push(format!("  {path}: git {truth}, engine {ours:?}"));
            }
        }
        assert!(
            wrong.is_empty(),
            "engine disagrees with git log in {}:\n{}\nhistory:\n{}",
            self.path().display(),
            wrong.join("\n"),
            self.git(&["log", "--graph", "--format=%h %p %ct %s", "--name-status", "--all"])
        );
    }
}

/// `git` with literal pathspecs and no configuration but the repository's own.
pub fn git_command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_LITERAL_PATHSPECS", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    command
}

/// The `now` of every test: 1 March 2026, 09:00 in Tehran.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00+03:30").unwrap()
}

/// Paths as owned strings.
pub fn paths(list: &[&str]) -> Vec<String> {
    list.iter().map(|p| p.to_string()).collect()
}
