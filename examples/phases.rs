//! Times history passes without the cache (development aid for profiling):
//! `phases <repo> <folder> [runs]` dates every tracked `*.md` under `<folder>` `runs` times.

use std::time::Instant;

use freshdocs::history::{HistoryQuery, discover, last_changes};

fn main() {
    let mut args = std::env::args().skip(1);
    let repo_path = args.next().expect("usage: phases <repo> <folder> [runs]");
    let folder = args.next().unwrap_or_default();
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2);
    let repo = discover(std::path::Path::new(&repo_path)).expect("open").expect("a repository");
    let out = std::process::Command::new("git")
        .current_dir(&repo_path)
        .args(["ls-files", "-z", "--", &folder])
        .output()
        .expect("git ls-files");
    let paths: Vec<String> =
        String::from_utf8_lossy(&out.stdout).split('\0').filter(|p| p.ends_with(".md")).map(str::to_string).collect();
    let mut query = HistoryQuery::new(paths, chrono::Utc::now().fixed_offset());
    query.use_cache = false;
    for _ in 0..runs {
        let started = Instant::now();
        let changes = last_changes(&repo, &query).expect("history");
        println!("{} paths {:?} {:?}", changes.by_path.len(), started.elapsed(), changes.stats);
    }
}
