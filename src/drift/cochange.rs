//! Co-change: which product files changed together with which articles in past commits.
//!
//! Read from the first-parent history of the docs repository (a merge there is one pull
//! request's whole change, which is the unit in which code and docs are changed together).
//! Every commit weighs `0.5^(age / HALF_LIFE)`; a merge weighs [`MERGE_WEIGHT`] of that, a commit
//! touching many files less, one touching more than [`BULK_ARTICLES`] articles or listed as
//! ignored nothing at all. The confidence that a change to file `f` concerns article `a` is the
//! weight of the commits that changed both over the weight of the commits that changed `f`.

use std::collections::HashMap;

use git2::Oid;

use super::product::Product;
use crate::history::CommitChange;

/// Commits that change more articles than this are bulk edits (a reformat, a rename of a
/// section), not evidence.
pub(crate) const BULK_ARTICLES: usize = 10;
/// Product files beyond which a commit's weight is spread thinner.
const BULK_FILES: usize = 40;
const HALF_LIFE_DAYS: f64 = 730.0;
const MERGE_WEIGHT: f64 = 0.7;
/// Added to a file's weight before dividing: one shared commit is a hint, not a certainty.
const PRIOR: f64 = 0.5;

/// How often an article changed together with one product file (or folder).
#[derive(Debug, Clone)]
pub(crate) struct Pair {
    pub(crate) article: usize,
    pub(crate) weight: f64,
    pub(crate) count: u32,
    /// The newest commit that changed both.
    pub(crate) last: Oid,
}

/// The co-change statistics of one repository.
#[derive(Debug, Default)]
pub(crate) struct CoChange {
    /// Product file or folder (`src/cmd/`) → its id.
    ids: HashMap<String, u32>,
    weight: Vec<f64>,
    pairs: Vec<Vec<Pair>>,
    /// Commits read.
    pub(crate) commits: usize,
}

impl CoChange {
    /// Builds the statistics from commits given newest first. `article_of` maps a
    /// repository path to an article; it learns the older names of renamed articles.
    pub(crate) fn build(
        commits: &[CommitChange],
        product: &Product,
        mut article_of: HashMap<String, usize>,
        head_time: i64,
    ) -> CoChange {
        let mut co = CoChange::default();
        for commit in commits {
            co.commits += 1;
            for file in &commit.files {
                if let (Some(old), Some(&a)) = (&file.old_path, article_of.get(&file.path)) {
                    article_of.insert(old.clone(), a);
                }
            }
            if commit.ignored || commit.root {
                continue;
            }
            let mut articles: Vec<usize> =
                commit.files.iter().filter_map(|f| article_of.get(&f.path).copied()).collect();
            articles.sort_unstable();
            articles.dedup();
            let files: Vec<&str> =
                commit.files.iter().map(|f| f.path.as_str()).filter(|p| product.contains(p)).collect();
            if files.is_empty() {
                continue;
            }
            let age_days = (head_time - commit.time).max(0) as f64 / 86_400.0;
            let mut w = 0.5f64.powf(age_days / HALF_LIFE_DAYS);
            if commit.merge {
                w *= MERGE_WEIGHT;
            }
            if files.len() > BULK_FILES {
                w *= BULK_FILES as f64 / files.len() as f64;
            }
            let pair_w = if articles.len() > BULK_ARTICLES { 0.0 } else { w / (articles.len().max(1) as f64).sqrt() };
            let mut keys: Vec<&str> = Vec::new();
            for path in files {
                keys.push(path);
                if let Some(folder) = folder_of(path) {
                    keys.push(folder);
                }
            }
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                let id = co.id(key);
                co.weight[id] += w;
                if pair_w > 0.0 {
                    for &article in &articles {
                        let pairs = &mut co.pairs[id];
                        match pairs.iter_mut().find(|p| p.article == article) {
                            Some(pair) => {
                                pair.weight += pair_w;
                                pair.count += 1;
                            }
                            None => pairs.push(Pair { article, weight: pair_w, count: 1, last: commit.oid }),
                        }
                    }
                }
            }
        }
        co
    }

    /// The id of `key`, a new one on first sight (the key is copied only then: thousands of
    /// commits name the same files again and again).
    fn id(&mut self, key: &str) -> usize {
        if let Some(&id) = self.ids.get(key) {
            return id as usize;
        }
        let id = self.ids.len();
        self.ids.insert(key.to_string(), id as u32);
        self.weight.push(0.0);
        self.pairs.push(Vec::new());
        id
    }

    /// The articles that changed with `key` (a file, or a folder ending in `/`), each with the
    /// confidence that a change to it concerns them.
    pub(crate) fn coupled(&self, key: &str) -> impl Iterator<Item = (f64, &Pair)> {
        let id = self.ids.get(key).map(|&id| id as usize);
        let total = id.map_or(0.0, |id| self.weight[id]);
        id.into_iter().flat_map(move |id| self.pairs[id].iter().map(move |p| (p.weight / (total + PRIOR), p)))
    }

    /// The product files (not folders) that the commits read changed.
    pub(crate) fn files(&self) -> impl Iterator<Item = &str> {
        self.ids.keys().map(String::as_str).filter(|k| !k.ends_with('/'))
    }

    /// The weight of the commits that changed `key` without changing `article`.
    pub(crate) fn changed_without(&self, key: &str, article: usize) -> f64 {
        let Some(&id) = self.ids.get(key) else { return 0.0 };
        let shared = self.pairs[id as usize].iter().find(|p| p.article == article).map_or(0.0, |p| p.weight);
        (self.weight[id as usize] - shared).max(0.0)
    }
}

/// `src/cmd/build.rs` → `src/cmd/`; a file at the root has no folder worth a statistic.
pub(crate) fn folder_of(path: &str) -> Option<&str> {
    path.rfind('/').map(|i| &path[..=i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::FileChange;

    fn commit(n: u8, time: i64, paths: &[&str]) -> CommitChange {
        CommitChange {
            oid: Oid::from_bytes(&[n; 20]).unwrap(),
            time,
            merge: false,
            root: false,
            ignored: false,
            subject: String::new(),
            files: paths
                .iter()
                .map(|p| FileChange {
                    path: p.to_string(),
                    old_path: None,
                    added: vec![],
                    removed: vec![],
                    context: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn confidence_is_shared_commits_over_the_files_commits() {
        let product = Product::new(vec!["docs/".into()], &[], &[]).unwrap();
        let articles = HashMap::from([("docs/a.md".to_string(), 0)]);
        let commits = vec![
            commit(1, 100, &["src/x.rs", "docs/a.md"]),
            commit(2, 100, &["src/x.rs"]),
            commit(3, 100, &["src/x.rs"]),
            commit(4, 100, &["src/y.rs", "docs/a.md"]),
        ];
        let co = CoChange::build(&commits, &product, articles, 100);
        let (x, pair) = co.coupled("src/x.rs").next().unwrap();
        assert!((x - 1.0 / 3.5).abs() < 1e-9, "{x}");
        assert_eq!(pair.count, 1);
        let (y, _) = co.coupled("src/y.rs").next().unwrap();
        assert!(y > x, "y always changed with a.md");
        assert!(co.coupled("src/z.rs").next().is_none());
        assert_eq!(co.coupled("src/").count(), 1, "folders collect their files");
    }
}
