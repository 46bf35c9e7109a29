//! Random histories: branches, merges (clean, conflicting, evil), deletions, re-additions,
//! reverts to old content, several roots and skewed clocks, judged file by file against
//! `git log -1`. Deterministic: each seed always builds the same repository.

use std::process::Stdio;

use super::*;

/// xorshift64*: small, deterministic, good enough to shuffle histories.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const FILES: [&str; 9] = [
    "docs/a.md",
    "docs/b.md",
    "docs/guide/c.md",
    "docs/guide/d.md",
    "docs/guide/deep/e.md",
    "f.md",
    "src/g.rs",
    "docs/h [1].md",
    "docs/guide/i.md",
];
/// Few distinct contents, so that reverts and identical edits on two branches happen often.
const CONTENTS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];
const ZONES: [i32; 4] = [TEHRAN, INDIA, CALIFORNIA, 0];

fn build(seed: u64, commits: usize) -> Fixture {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let fx = Fixture::new();
    let mut tips: Vec<(Oid, i64)> = Vec::new();
    let mut made = 0;
    let mut time = T0;
    let new_root = |fx: &Fixture, rng: &mut Rng, time: i64| {
        let mut spec = fx.commit("root").at(time, ZONES[rng.below(4)]);
        for file in FILES {
            if rng.chance(60) {
                spec = spec.put(file, CONTENTS[rng.below(4)]);
            }
        }
        spec.put("README", "r").make()
    };
    tips.push((new_root(&fx, &mut rng, time), time));
    while made < commits {
        made += 1;
        // Mostly forward in time, sometimes hours backwards (a skewed clock), sometimes equal.
        time += match rng.below(10) {
            0 => -(rng.below(20) as i64) * HOUR,
            1 => 0,
            _ => rng.below(5) as i64 * HOUR,
        };
        let zone = ZONES[rng.below(4)];
        match rng.below(100) {
            0..=4 => tips.push((new_root(&fx, &mut rng, time), time)),
            5..=14 => {
                // Branch off an existing tip.
                let (tip, _) = tips[rng.below(tips.len())];
                tips.push((tip, time));
            }
            15..=39 if tips.len() > 1 => {
                // Merge two (rarely three) tips; the result takes each file from a random side,
                // sometimes with a fresh resolution.
                let a = rng.below(tips.len());
                let mut b = rng.below(tips.len());
                if a == b {
                    b = (b + 1) % tips.len();
                }
                let mut parents = vec![tips[a].0, tips[b].0];
                if tips.len() > 2 && rng.chance(15) {
                    let c = (0..tips.len()).find(|&i| i != a && i != b).unwrap();
                    if tips[c].0 != parents[0] && tips[c].0 != parents[1] {
                        parents.push(tips[c].0);
                    }
                }
                if parents[0] == parents[1] {
                    continue;
                }
                let mut spec = fx.commit("merge").parents(&parents).at(time, zone);
                for file in FILES {
                    let side = parents[rng.below(parents.len())];
                    let tree = fx.repo.find_commit(side).unwrap().tree().unwrap();
                    let entry = tree.get_path(Path::new(file)).ok();
                    if rng.chance(8) {
                        spec = spec.put(file, CONTENTS[rng.below(4)]);
                    } else if let Some(entry) = entry {
                        let blob = fx.repo.find_blob(entry.id()).unwrap();
                        spec = spec.put(file, std::str::from_utf8(blob.content()).unwrap());
                    } else {
                        spec = spec.del(file);
                    }
                }
                let merge = spec.make();
                tips[a] = (merge, time);
                tips.retain(|(t, _)| !parents[1..].contains(t));
            }
            _ => {
                let i = rng.below(tips.len());
                let mut spec = fx.commit("edit").parents(&[tips[i].0]).at(time, zone);
                for _ in 0..=rng.below(3) {
                    let file = FILES[rng.below(FILES.len())];
                    spec = if rng.chance(12) {
                        spec.del(file)
                    } else if rng.chance(20) {
                        // A move: the content of `file` (if any) goes to another name.
                        let tree = fx.repo.find_commit(tips[i].0).unwrap().tree().unwrap();
                        match tree.get_path(Path::new(file)) {
                            Ok(entry) => {
                                let blob = fx.repo.find_blob(entry.id()).unwrap();
                                let text = std::str::from_utf8(blob.content()).unwrap().to_string();
                                spec.del(file).put(FILES[rng.below(FILES.len())], &text)
                            }
                            Err(_) => spec,
                        }
                    } else {
                        spec.put(file, CONTENTS[rng.below(4)])
                    };
                }
                tips[i] = (spec.make(), time);
            }
        }
    }
    // Join every tip so HEAD sees the whole history; the result keeps the first tip's tree.
    let head = if tips.len() == 1 {
        tips[0].0
    } else {
        let mut unique: Vec<Oid> = Vec::new();
        for (tip, _) in &tips {
            if !unique.contains(tip) {
                unique.push(*tip);
            }
        }
        fx.commit("final merge").parents(&unique).tree_of(unique[0]).at(time + HOUR, TEHRAN).make()
    };
    fx.checkout(head);
    fx
}

#[test]
fn random_histories_agree_with_git_log() {
    for seed in 1..=24 {
        let fx = build(seed, 60);
        fx.assert_agrees_with_git();
    }
}

/// The co-change commits read first with the walk's reader, whose commits and trees the walk
/// then reuses: the walk's answers are those of a walk alone, and the commits those of
/// `first_parent_changes` with its own reader (two copies of one history, so that neither reads
/// the other's remembered diffs).
#[test]
fn the_walk_after_the_co_change_commits_answers_as_it_does_alone() {
    for seed in 1..=12 {
        let (shared, alone) = (build(seed, 60), build(seed, 60));
        let paths = shared.head_files();
        let mut query = HistoryQuery::new(paths.clone(), now());
        query.use_cache = false;
        let read = std::cell::RefCell::new(None);
        let first_parent = crate::history::FirstParentQuery {
            max: 40,
            renames_under: "docs/",
            read: Box::new(|commits| *read.borrow_mut() = Some(commits.unwrap())),
        };
        let with = crate::history::last_changes_with(&shared.open(), &query, Some(first_parent)).unwrap();
        assert_eq!(with.by_path, alone.run(&paths, true, None).by_path, "seed {seed}");
        let summary = |commits: &[crate::history::CommitChange]| -> Vec<_> {
            commits.iter().map(|c| (c.oid, c.time, c.merge, c.root, c.ignored, c.files.clone())).collect()
        };
        let repo = alone.open();
        let head = repo.git2().head().unwrap().peel_to_commit().unwrap().id();
        let own = crate::history::first_parent_changes(repo.git2(), head, &Default::default(), 40, "docs/").unwrap();
        assert_eq!(summary(&read.take().expect("the commits were handed over")), summary(&own), "seed {seed}");
    }
}

/// The pure-move refinement spelled out with the git CLI, one path at a time: take the commit
/// `git log -1` names; if there the path was added (absent in the first parent) with a blob the
/// commit deleted at another path, continue from the first parent under that path.
fn git_with_moves(fx: &Fixture, path: &str) -> String {
    let mut start = "HEAD".to_string();
    let mut path = path.to_string();
    loop {
        let commit = fx.git(&["log", "-1", "--format=%H", &start, "--", &path]);
        let parent = format!("{commit}^1");
        let has_parent = git_command(fx.path())
            .args(["rev-parse", "-q", "--verify", &parent])
            .stderr(Stdio::null())
            .output()
            .unwrap()
            .status
            .success();
        let in_parent = git_command(fx.path())
            .args(["cat-file", "-e", &format!("{parent}:{path}")])
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success();
        if !has_parent || in_parent {
            return commit;
        }
        let blob = fx.git(&["rev-parse", &format!("{commit}:{path}")]);
        let diff = fx.git(&["diff-tree", "-r", "-z", "--no-renames", &parent, &commit]);
        // `-z` output: ":<modes> <old> <new> <status>\0<path>\0" repeated.
        let fields: Vec<&str> = diff.split('\0').collect();
        let old_path = fields.chunks(2).find_map(|pair| {
            let [meta, old_path] = pair else { return None };
            let parts: Vec<&str> = meta.split(' ').collect();
            (parts.len() == 5 && parts[4] == "D" && parts[2] == blob).then(|| old_path.to_string())
        });
        match old_path {
            Some(old) => {
                start = parent;
                path = old;
            }
            None => return commit,
        }
    }
}

#[test]
fn random_histories_with_moves_agree_with_git_log_plus_the_move_rule() {
    for seed in 100..=115 {
        let fx = build(seed, 50);
        let files = fx.head_files();
        let changes = fx.run(&files, true, None);
        for file in &files {
            let ours = changes.by_path[file].commit.clone();
            let expected = git_with_moves(&fx, file);
            assert_eq!(
                ours.as_deref(),
                Some(expected.as_str()),
                "seed {seed}: {file}\n{}",
                fx.git(&["log", "--graph", "--format=%h %p %s", "--raw", "--no-renames", "--all"])
            );
        }
    }
}
