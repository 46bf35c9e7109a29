//! Compares the history engine with `git log -1 -- <path>` on a real repository.
//!
//! ```text
//! cargo run --release --example history_vs_git -- <repo> <folder> [--follow-moves] [--jobs N]
//!     [--sample N]
//! ```
//!
//! Every `*.md` file under `<folder>` (in the work tree) is dated twice: once by one pass of the
//! engine, once by `git log -1 --format=%H -- <path>` per file (the ground truth of
//! docs/ARCHITECTURE.md §3.1). By default the engine runs with pure-move following *off*, so both must agree
//! exactly. With `--follow-moves` the refinement is applied to the comparison too: where the two
//! differ, the pure-move rule is replayed with git's own commands (`log -1`, `cat-file -e`,
//! `diff-tree --no-renames`), and that must lead to the engine's answer. Timings compare the engine's cold pass, a warm (cached) pass and
//! `git log --format='%H %ct' --name-only -- <folder>`, the single git command a peer would use.
//! `--sample N` checks only N files spread evenly over the list (the per-file ground truth is slow
//! on big folders); the engine still dates them all.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use freshdocs::history::{self, HistoryQuery};

fn main() {
    // --- Arguments ------------------------------------------------------------------------------
    let mut args = std::env::args().skip(1);
    let (Some(repo_arg), Some(folder_arg)) = (args.next(), args.next()) else {
        eprintln!("usage: history_vs_git <repo> <folder> [--follow-moves] [--jobs N]");
        std::process::exit(2);
    };
    let mut follow_moves = false;
    let mut jobs = 2usize;
    let mut sample = usize::MAX;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--follow-moves" => follow_moves = true,
            "--jobs" => jobs = args.next().and_then(|n| n.parse().ok()).unwrap_or(2),
            "--sample" => sample = args.next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX),
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }

    // --- The repository and the files -----------------------------------------------------------
    let repo = history::discover(Path::new(&repo_arg)).expect("open repository").expect("no git repository there");
    let workdir = repo.workdir().to_path_buf();
    let folder = workdir.join(&folder_arg);
    let mut paths = Vec::new();
    collect_markdown(&folder, &workdir, &mut paths);
    paths.sort();
    println!("repository {}  folder {folder_arg}  {} Markdown files", workdir.display(), paths.len());

    // --- The engine: cold (no cache), then cached twice (fill, warm) ----------------------------
    let now = chrono::Utc::now().fixed_offset();
    let mut query = HistoryQuery::new(paths.clone(), now);
    query.follow_moves = follow_moves;
    query.use_cache = false;
    let started = Instant::now();
    let cold = history::last_changes(&repo, &query).expect("engine failed");
    let cold_time = started.elapsed();
    println!(
        "engine cold: {:>8.3} s  ({} commits loaded, {} compared, {} trees read)",
        cold_time.as_secs_f64(),
        cold.stats.commits_loaded,
        cold.stats.commits_compared,
        cold.stats.trees_read
    );
    let _ = std::fs::remove_file(repo.git_dir().join("freshdocs/history-cache.json"));
    query.use_cache = true;
    let started = Instant::now();
    history::last_changes(&repo, &query).expect("engine failed");
    let fill_time = started.elapsed();
    let started = Instant::now();
    let warm = history::last_changes(&repo, &query).expect("engine failed");
    let warm_time = started.elapsed();
    println!("engine fill: {:>8.3} s", fill_time.as_secs_f64());
    println!("engine warm: {:>8.3} s  ({} paths from cache)", warm_time.as_secs_f64(), warm.stats.cached_paths);
    for warning in &cold.warnings {
        println!("warning: {warning}");
    }

    // --- The single git command a peer would run ------------------------------------------------
    let started = Instant::now();
    let out = git(&workdir)
        .args(["log", "--format=%H %ct", "--name-only", "--"])
        .arg(&folder_arg)
        .output()
        .expect("run git log");
    let git_time = started.elapsed();
    println!(
        "git log --name-only: {:>8.3} s  ({} bytes)   engine cold / git = {:.2}x",
        git_time.as_secs_f64(),
        out.stdout.len(),
        cold_time.as_secs_f64() / git_time.as_secs_f64()
    );

    // --- Ground truth: git log -1 per file ------------------------------------------------------
    let step = paths.len().div_ceil(sample.max(1)).max(1);
    let paths: Vec<String> = paths.iter().step_by(step).cloned().collect();
    println!("checking {} files against git log -1", paths.len());
    let started = Instant::now();
    let truth = ground_truth(&workdir, &paths, jobs);
    let truth_time = started.elapsed();
    println!("git log -1 per file ({jobs} jobs): {:.1} s", truth_time.as_secs_f64());

    let mut agree = 0;
    let mut moves = 0;
    let mut mismatches = Vec::new();
    for (path, expected) in paths.iter().zip(&truth) {
        let ours = cold.by_path.get(path).and_then(|c| c.commit.clone());
        let state = cold.by_path.get(path).map(|c| c.state);
        // Uncommitted files have no commit on our side; git reports the last commit.
        let comparable = state == Some(history::ChangeState::Committed);
        if !comparable || ours.as_deref() == Some(expected.as_str()) {
            agree += 1;
        } else if follow_moves && ours.as_deref() == Some(git_with_moves(&workdir, path).as_str()) {
            // git named a pure move; following it with git's own commands leads to our answer.
            agree += 1;
            moves += 1;
        } else {
            mismatches.push((path, expected, ours));
        }
    }
    if follow_moves {
        println!("pure moves followed (checked with git, per docs/ARCHITECTURE.md §3.2): {moves}");
    }
    println!("agreement: {agree}/{} = {:.2}%", paths.len(), 100.0 * agree as f64 / paths.len().max(1) as f64);
    for (path, expected, ours) in mismatches.iter().take(30) {
        println!("  mismatch {path}: git {expected}, engine {ours:?}");
    }
    print_summary(cold_time, warm_time, git_time);
}

fn print_summary(cold: Duration, warm: Duration, git: Duration) {
    println!(
        "summary: cold {:.3}s warm {:.3}s git-name-only {:.3}s",
        cold.as_secs_f64(),
        warm.as_secs_f64(),
        git.as_secs_f64()
    );
}

/// `git` with pathspecs taken literally, so `[`, `*` and `(` in file names are not patterns.
fn git(workdir: &Path) -> Command {
    let mut command = Command::new("git");
    command.current_dir(workdir).env("GIT_LITERAL_PATHSPECS", "1");
    command
}

/// `git log -1` with the pure-move rule applied by hand: while the commit git names added the
/// path (absent in its first parent) with a blob it deleted at another path, continue from the
/// first parent under the old path.
fn git_with_moves(workdir: &Path, path: &str) -> String {
    let run = |args: &[&str]| -> Option<String> {
        let out = git(workdir).args(args).stderr(std::process::Stdio::null()).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let mut start = "HEAD".to_string();
    let mut path = path.to_string();
    loop {
        let commit = run(&["log", "-1", "--format=%H", &start, "--", &path]).unwrap_or_default();
        let parent = format!("{commit}^1");
        if run(&["rev-parse", "-q", "--verify", &parent]).is_none()
            || run(&["cat-file", "-e", &format!("{parent}:{path}")]).is_some()
        {
            return commit;
        }
        let Some(blob) = run(&["rev-parse", &format!("{commit}:{path}")]) else {
            return commit;
        };
        let diff = run(&["diff-tree", "-r", "-z", "--no-renames", &parent, &commit]).unwrap_or_default();
        let fields: Vec<&str> = diff.split('\0').collect();
        let old = fields.chunks(2).find_map(|pair| {
            let [meta, old] = pair else { return None };
            let parts: Vec<&str> = meta.split(' ').collect();
            (parts.len() == 5 && parts[4] == "D" && parts[2] == blob).then(|| old.to_string())
        });
        match old {
            Some(old) => {
                start = parent;
                path = old;
            }
            None => return commit,
        }
    }
}

fn ground_truth(workdir: &Path, paths: &[String], jobs: usize) -> Vec<String> {
    let chunk = paths.len().div_ceil(jobs.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|path| {
                            let out = git(workdir)
                                .args(["log", "-1", "--format=%H", "--", path])
                                .output()
                                .expect("run git log -1");
                            String::from_utf8_lossy(&out.stdout).trim().to_string()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("thread")).collect()
    })
}

fn collect_markdown(dir: &Path, workdir: &Path, out: &mut Vec<String>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.flatten() {
        let path: PathBuf = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if entry.file_name() != ".git" {
                collect_markdown(&path, workdir, out);
            }
        } else if path.extension().is_some_and(|e| e == "md")
            && let Ok(relative) = path.strip_prefix(workdir)
        {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}
