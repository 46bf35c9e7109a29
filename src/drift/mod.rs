//! Drift: which articles a product change probably made outdated, and why (docs/ARCHITECTURE.md §5,
//! "coupling").
//!
//! An article is coupled to the product by six kinds of evidence:
//!
//! - **watch**: its `watch` globs name the changed file (explicit, the strongest);
//! - **co-change**: past commits changed it together with the file (`cochange`);
//! - **mention**: it names an identifier found on the changed lines (read by `changed` with the
//!   tokenizer of `mentions`), rare ones weighing more;
//! - **path**: it names the changed file's path;
//! - **ui**: it quotes a UI label that a changed string (above all in a locale file) holds;
//! - **topic**: its path in the content folder shares a rare word with the changed file's path or
//!   the commit's subject (`topic`), a weak signal that orders what the others tie.
//!
//! Each piece of evidence has a weight in 0..1. Within one kind each further signal counts half as
//! much as the one before; the kinds combine as independent signals (`1 - Π(1 - score)`, see
//! [`combine`]). `impact` lists the articles above [`FLOOR`] and a share of the best (a larger
//! share past the first few, [`FIRST_LISTED`]), and the release rule flags those above
//! [`RELEASE_THRESHOLD`]. This module decides; it reads git only through `history`.

pub(crate) mod cache;
mod changed;
mod cochange;
pub(crate) mod impact;
mod kept;
pub(crate) mod load;
pub(crate) mod mentions;
mod product;
mod topic;

use rustc_hash::FxHashMap as HashMap;

use globset::{GlobSet, GlobSetBuilder};

pub(crate) use cochange::CoChange;
pub(crate) use mentions::Mentions;
pub(crate) use product::Product;

use crate::content::{JudgedId, Table};
use crate::history::CommitChange;
use changed::{FileKeys, is_locale_file, keys_of, labels_of};

/// `impact` lists an article when its score is at least this and at least [`RELATIVE`] of the
/// best article's; past the [`FIRST_LISTED`] best, at least [`RELATIVE_PAST_FIRST`] of it.
/// Scores are comparable within one range, not across ranges (a big release gives every coupled
/// article more evidence than a one-line fix), and the first few are where the edited articles
/// are: the stricter cut trims the long tail without touching them. Tuned on the backtests of
/// bench/drift/ (its README, "The cut of `impact`'s list").
pub(crate) const FLOOR: f64 = 0.02;
pub(crate) const RELATIVE: f64 = 0.1;
pub(crate) const FIRST_LISTED: usize = 5;
pub(crate) const RELATIVE_PAST_FIRST: f64 = 0.2;
/// The coupled release rule flags an article whose score for the cycle is at least this.
pub(crate) const RELEASE_THRESHOLD: f64 = 0.35;

/// A cut from the environment, for the backtests of bench/drift/ that measure the cut itself
/// (`FRESHDOCS_FLOOR`, `FRESHDOCS_RELATIVE`, `FRESHDOCS_FIRST_LISTED`,
/// `FRESHDOCS_RELATIVE_PAST_FIRST`, `FRESHDOCS_RELEASE_THRESHOLD`).
fn tuned(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The release rule's threshold (see [`RELEASE_THRESHOLD`]).
pub(crate) fn release_threshold() -> f64 {
    tuned("FRESHDOCS_RELEASE_THRESHOLD", RELEASE_THRESHOLD)
}
/// Changed files in which a key stands unchanged beside the change before its mentions count
/// for less (see `Coupling::evidence`).
const UBIQUITY: f64 = 4.0;
/// Weighted commits that changed a file without an article before the article naming its path
/// counts for less.
const HOT_FILE: f64 = 5.0;
/// Changed lines beyond which a file's identifiers are not read.
const REWRITTEN_LINES: usize = 1500;
/// Evidence kept per article in reports.
const EVIDENCE_SHOWN: usize = 5;

/// The kind of a piece of evidence (a stable name in the JSON contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum EvidenceKind {
    Watch,
    CoChange,
    Mention,
    Path,
    Ui,
    Topic,
}

impl EvidenceKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            EvidenceKind::Watch => "watch",
            EvidenceKind::CoChange => "co-change",
            EvidenceKind::Mention => "mention",
            EvidenceKind::Path => "path",
            EvidenceKind::Ui => "ui",
            EvidenceKind::Topic => "topic",
        }
    }
}

/// Why an article is thought to describe a changed product file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct Evidence {
    pub(crate) kind: EvidenceKind,
    /// The changed product file, relative to the product repository's root.
    pub(crate) product_path: String,
    /// Full sha of the commit that changed it.
    pub(crate) commit: String,
    /// The identifier, label, glob or co-change count, in words.
    pub(crate) detail: String,
    /// The article's line that names it, where there is one.
    pub(crate) line: Option<usize>,
    /// How strongly this alone couples the article to the change, 0..1.
    #[serde(skip)]
    pub(crate) weight: f64,
    /// Author date of the commit (seconds since the epoch).
    #[serde(skip)]
    pub(crate) time: i64,
}

/// An article that the changes probably made outdated.
#[derive(Debug, Clone)]
pub(crate) struct Impact {
    pub(crate) article: JudgedId,
    pub(crate) score: f64,
    /// The best evidence first, at most a few.
    pub(crate) evidence: Vec<Evidence>,
}

/// What the coupling model knows of one article.
pub(crate) struct ArticleFacts {
    /// Its path in the content folder.
    pub(crate) path: String,
    pub(crate) mentions: Mentions,
    /// `watch` globs, with the front matter line of the key.
    pub(crate) watch: Vec<String>,
    pub(crate) watch_line: Option<usize>,
}

/// Everything needed to couple product changes to articles.
pub(crate) struct Coupling {
    product: Product,
    /// Per article, what its `watch` globs match.
    watch: Vec<Watch>,
    /// Identifier key → articles naming it (with the line).
    identifiers: HashMap<String, Vec<(usize, usize)>>,
    paths: HashMap<String, Vec<(usize, usize)>>,
    labels: HashMap<String, Vec<(usize, usize)>>,
    cochange: Option<CoChange>,
    topics: topic::Topics,
    /// Per article, how much a mention counts: an article full of code (a developer guide)
    /// names many identifiers, so each of its mentions says less about it.
    mention_scale: Vec<f64>,
}

/// An article's `watch` globs.
struct Watch {
    /// None without a glob that parses.
    set: Option<GlobSet>,
    /// The evidence's wording: the globs as written.
    detail: String,
    /// The front matter line of the key.
    line: Option<usize>,
}

impl Coupling {
    pub(crate) fn new(product: Product, facts: Vec<ArticleFacts>, cochange: Option<CoChange>) -> Coupling {
        let sizes: Vec<usize> = facts.iter().map(|f| f.mentions.identifiers.len()).collect();
        let typical = {
            let mut sorted = sizes.clone();
            sorted.sort_unstable();
            sorted.get(sorted.len() / 2).copied().unwrap_or(1).max(20) as f64
        };
        let mention_scale = sizes.iter().map(|&size| (typical / size.max(1) as f64).sqrt().min(1.0)).collect();
        let topics = {
            let article_paths: Vec<&str> = facts.iter().map(|f| f.path.as_str()).collect();
            let product_files = cochange.iter().flat_map(|co| co.files()).filter(|f| product.contains(f));
            topic::Topics::new(&article_paths, product_files)
        };
        // The articles' names move into the indexes (a long reference names thousands).
        let mut identifiers: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        let mut paths: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        let mut labels: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        let mut watch = Vec::with_capacity(facts.len());
        for (a, ArticleFacts { mentions, watch: globs, watch_line, .. }) in facts.into_iter().enumerate() {
            for (k, line) in mentions.identifiers {
                identifiers.entry(k).or_default().push((a, line));
            }
            for (k, line) in mentions.paths {
                paths.entry(k).or_default().push((a, line));
            }
            for (k, line) in mentions.labels {
                labels.entry(k).or_default().push((a, line));
            }
            let mut builder = GlobSetBuilder::new();
            let mut any = false;
            for glob in &globs {
                if let Ok(g) = product::glob_of(glob) {
                    builder.add(g);
                    any = true;
                }
            }
            let set = any.then(|| builder.build().ok()).flatten();
            watch.push(Watch { set, detail: format!("watches {}", globs.join(", ")), line: watch_line });
        }
        Coupling { product, watch, identifiers, paths, labels, cochange, topics, mention_scale }
    }

    pub(crate) fn product(&self) -> &Product {
        &self.product
    }

    /// Every piece of evidence the commits give, per judged page (the facts are in that order).
    pub(crate) fn evidence(&self, commits: &[CommitChange]) -> Table<JudgedId, Vec<Evidence>> {
        let mut out: Vec<Vec<Evidence>> = vec![Vec::new(); self.watch.len()];
        let n = self.watch.len().max(1) as f64;
        // An identifier named by a tenth of the articles tells nothing about any one of them.
        let common = ((n / 10.0).ceil() as usize).max(3);
        // The version a release stops saying is named wherever the docs pin it (the install page,
        // the Docker and CI guides): common, and still each one's news.
        let common_version = common.max(self.watch.len() / 4);
        let commits: Vec<&CommitChange> = commits.iter().filter(|c| !c.ignored && !c.merge).collect();
        // The identifier keys of every product file's changed lines, read once.
        let file_keys: Vec<Vec<Option<FileKeys>>> = commits
            .iter()
            .map(|c| {
                c.files
                    .iter()
                    .map(|f| {
                        // A file rewritten wholesale (a vendored grammar, a generated manual)
                        // names everything and tells nothing: its lines are not read.
                        let rewritten = f.added.len() + f.removed.len() > REWRITTEN_LINES;
                        self.product.contains(&f.path).then(|| {
                            let keys = |lines: &[String]| if rewritten { HashMap::default() } else { keys_of(lines) };
                            FileKeys { plus: keys(&f.added), minus: keys(&f.removed), near: keys(&f.context) }
                        })
                    })
                    .collect()
            })
            .collect();
        // In how many changed files a key stands unchanged beside the change (in the context, or
        // on both sides of a changed line): `HashMap`, `map_err`, `config` are everywhere, and a
        // change beside them is not about them.
        let mut beside: HashMap<&str, u32> = HashMap::default();
        for keys in file_keys.iter().flatten().flatten() {
            let unchanged = keys.near.keys().chain(keys.plus.keys().filter(|k| keys.minus.contains_key(*k)));
            let mut seen: Vec<&str> = unchanged.map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for k in seen {
                *beside.entry(k).or_default() += 1;
            }
        }
        for (commit, file_keys) in commits.into_iter().zip(&file_keys) {
            let sha = commit.oid.to_string();
            // The first product file that really changed stands for the commit in its subject's evidence.
            let mut changed_product: Option<&str> = None;
            let mut push = |a: usize, kind, path: &str, detail: String, line, weight: f64| {
                out[a].push(Evidence {
                    kind,
                    product_path: path.to_string(),
                    commit: sha.clone(),
                    detail,
                    line,
                    weight,
                    time: commit.time,
                });
            };
            for (file, keys) in commit.files.iter().zip(file_keys).filter(|(f, _)| !self.product.is_docs(&f.path)) {
                let path = file.path.as_str();
                // A watched file counts whether or not the defaults call it product: the writer
                // named it.
                for (a, watch) in self.watch.iter().enumerate() {
                    if watch.set.as_ref().is_some_and(|w| w.is_match(path)) {
                        push(a, EvidenceKind::Watch, path, watch.detail.clone(), watch.line, 0.9);
                    }
                }
                let Some(FileKeys { plus, minus, near }) = keys else { continue };
                // A change that only replaces version numbers (a release's version bump, a
                // dependency update) changes nothing an article describes, except the articles
                // that name the old version: those the version keys below still find.
                let changed = |k: &String| !(plus.contains_key(k) && minus.contains_key(k));
                let bump = plus.keys().chain(minus.keys()).any(|k| changed(k) && mentions::version(k).is_some())
                    && plus.keys().chain(minus.keys()).all(|k| !changed(k) || mentions::version(k).is_some());
                if let Some(co) = self.cochange.as_ref().filter(|_| !bump) {
                    let names = std::iter::once(path).chain(file.old_path.as_deref());
                    for name in names {
                        for (conf, pair) in co.coupled(name) {
                            let detail = format!(
                                "changed with this article {} before, last in {}",
                                times(pair.count),
                                &pair.last.to_string()[..7]
                            );
                            push(pair.article, EvidenceKind::CoChange, path, detail, None, conf.min(0.85));
                        }
                        if let Some(folder) = cochange::folder_of(name) {
                            for (conf, pair) in co.coupled(folder) {
                                let detail =
                                    format!("files in {folder} changed with this article {} before", times(pair.count));
                                push(pair.article, EvidenceKind::CoChange, path, detail, None, 0.5 * conf.min(0.85));
                            }
                        }
                    }
                }
                // Paths the articles name: the whole path or a tail of it.
                let mut next = Some(path).filter(|_| !bump);
                while let Some(tail) = next {
                    if let Some(named) = self.paths.get(tail) {
                        // A bare file name (`Cargo.toml`) may be any project's file; a path is this one.
                        let full = tail.contains('/');
                        let weight = if full { 0.7 } else { 0.25 } / named.len() as f64;
                        for &(a, line) in named {
                            // A file that changed often without the article is named as a pointer
                            // ("the trait lives in `src/store.rs`"), not as what it describes.
                            let unshared = self.cochange.as_ref().map_or(0.0, |co| co.changed_without(path, a));
                            let weight = weight / (1.0 + unshared / HOT_FILE).sqrt();
                            push(a, EvidenceKind::Path, path, format!("names `{tail}`"), Some(line), weight);
                        }
                    }
                    next = tail.split_once('/').map(|(_, rest)| rest);
                }
                let locale = is_locale_file(path);
                // A key only on added or only on removed lines is what changed; one on both sides
                // of a changed line was touched (a version bump beside a name); one in the
                // context only is a neighbour of the change.
                let mut keys: Vec<(&String, &String, f64)> = Vec::new();
                for (key, shown) in plus.iter().chain(minus.iter()) {
                    let class = match (plus.contains_key(key), minus.contains_key(key)) {
                        (true, true) => 0.5,
                        _ => 1.0,
                    };
                    keys.push((key, shown, class));
                }
                keys.extend(
                    near.iter()
                        .filter(|(k, _)| !plus.contains_key(*k) && !minus.contains_key(*k))
                        .map(|(k, s)| (k, s, 0.3)),
                );
                keys.sort_by(|a, b| a.0.cmp(b.0).then(b.2.total_cmp(&a.2)));
                keys.dedup_by(|a, b| a.0 == b.0);
                for (key, shown, class) in keys {
                    let is_version = mentions::version(key).is_some();
                    if bump && !is_version {
                        continue;
                    }
                    // A version an article names goes out of date when the product stops saying
                    // it; one that appears (an example, a new dependency) changes nothing written.
                    if is_version && (plus.contains_key(key) || !minus.contains_key(key)) {
                        continue;
                    }
                    let Some(named) = self.identifiers.get(key) else { continue };
                    if named.len() > if is_version { common_version } else { common } {
                        continue;
                    }
                    let ubiquity =
                        1.0 / (1.0 + f64::from(beside.get(key.as_str()).copied().unwrap_or(0)) / UBIQUITY).sqrt();
                    let weight =
                        0.55 * class * ubiquity * mentions::specificity(key, shown) / (named.len() as f64).sqrt();
                    for &(a, at) in named {
                        let weight = weight * self.mention_scale[a];
                        push(a, EvidenceKind::Mention, path, format!("`{shown}`"), Some(at), weight);
                    }
                }
                if !bump {
                    changed_product.get_or_insert(path);
                    for (a, word, weight) in self.topics.matching(&topic::words_of_path(path)) {
                        push(
                            a,
                            EvidenceKind::Topic,
                            path,
                            format!("`{word}` in the changed file's path and in this article's"),
                            None,
                            weight,
                        );
                    }
                }
                let (plus, minus) = (labels_of(&file.added, locale), labels_of(&file.removed, locale));
                for (label, text) in minus.iter().chain(&plus) {
                    let Some(named) = self.labels.get(label) else { continue };
                    // A label that is gone (renamed, removed) is what makes an article wrong.
                    let class = match (minus.contains_key(label), plus.contains_key(label)) {
                        (true, false) => 1.0,
                        (false, true) => 0.6,
                        _ => 0.3,
                    };
                    let base = if locale { 0.85 } else { 0.45 };
                    for &(a, at) in named {
                        push(
                            a,
                            EvidenceKind::Ui,
                            path,
                            format!("\"{text}\""),
                            Some(at),
                            base * class / named.len() as f64,
                        );
                    }
                }
            }
            if let Some(path) = changed_product {
                for (a, word, weight) in self.topics.matching(&topic::words(&commit.subject)) {
                    push(
                        a,
                        EvidenceKind::Topic,
                        path,
                        format!("`{word}` in the commit's subject and in this article's path"),
                        None,
                        weight,
                    );
                }
            }
        }
        out.into()
    }

    /// Combines evidence into scores and keeps the confident articles (see [`FLOOR`]), best
    /// first.
    pub(crate) fn rank(&self, evidence: Table<JudgedId, Vec<Evidence>>) -> Vec<Impact> {
        let floor = tuned("FRESHDOCS_FLOOR", FLOOR);
        let mut out: Vec<Impact> = evidence
            .into_enumerate()
            .filter_map(|(article, ev)| {
                let (score, evidence) = combine(ev);
                (score >= floor && score > 0.0).then_some(Impact { article, score, evidence })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
        let best = out.first().map_or(0.0, |i| i.score);
        let relative = tuned("FRESHDOCS_RELATIVE", RELATIVE);
        let first = tuned("FRESHDOCS_FIRST_LISTED", FIRST_LISTED as f64) as usize;
        let past_first = tuned("FRESHDOCS_RELATIVE_PAST_FIRST", RELATIVE_PAST_FIRST);
        let mut rank = 0;
        out.retain(|i| {
            rank += 1;
            i.score >= if rank <= first { relative } else { past_first } * best
        });
        out
    }
}

/// One score from many pieces of evidence: the same signal (one identifier, one file's
/// co-change) counts once, at its strongest and newest. Within a kind, each further signal
/// counts half as much as the one before (ten weak mentions are not a certainty); the kinds
/// then combine as independent signals, `1 - Π(1 - score)`.
pub(crate) fn combine(mut evidence: Vec<Evidence>) -> (f64, Vec<Evidence>) {
    // Equal pieces are ordered by what they say, so a report is the same on every run (they come
    // from hash maps in no fixed order).
    evidence.sort_by(|a, b| {
        b.weight.total_cmp(&a.weight).then(b.time.cmp(&a.time)).then_with(|| {
            (a.kind, &a.product_path, &a.detail, a.line).cmp(&(b.kind, &b.product_path, &b.detail, b.line))
        })
    });
    let mut seen = std::collections::HashSet::new();
    evidence.retain(|e| {
        // A mention, a label or a named path is one signal however many files change it (a
        // version bump touches every `Cargo.toml`); co-change and watch are one per file.
        let signal = match e.kind {
            EvidenceKind::Mention | EvidenceKind::Ui | EvidenceKind::Path => {
                (e.kind, String::new(), e.detail.to_lowercase())
            }
            // One word is one topic, whether the file's path or the subject says it.
            EvidenceKind::Topic => (e.kind, String::new(), e.detail.split('`').nth(1).unwrap_or_default().to_string()),
            _ => (e.kind, e.product_path.clone(), String::new()),
        };
        seen.insert(signal)
    });
    let mut missing: HashMap<EvidenceKind, (f64, f64)> = HashMap::default(); // kind → (Π(1 - w), factor)
    for e in &evidence {
        let (product, factor) = missing.entry(e.kind).or_insert((1.0, 1.0));
        *product *= 1.0 - (e.weight * *factor).clamp(0.0, 1.0);
        *factor /= 2.0;
    }
    let score = 1.0 - missing.values().map(|(p, _)| p).product::<f64>();
    evidence.truncate(EVIDENCE_SHOWN);
    (score, evidence)
}

fn times(n: u32) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one article of these tests' models.
    const FIRST: JudgedId = JudgedId(0);

    fn commit(n: u8, files: Vec<crate::history::FileChange>) -> CommitChange {
        CommitChange {
            oid: git2::Oid::from_bytes(&[n; 20]).unwrap(),
            time: 0,
            merge: false,
            root: false,
            ignored: false,
            subject: String::new(),
            files,
        }
    }

    fn file(path: &str, added: &[&str], context: &[&str]) -> crate::history::FileChange {
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        crate::history::FileChange {
            path: path.into(),
            old_path: None,
            added: lines(added),
            removed: vec![],
            context: lines(context),
        }
    }

    fn one_article(body: &str, cochange: Option<CoChange>) -> Coupling {
        let facts = vec![ArticleFacts {
            path: "a.md".into(),
            mentions: mentions::of_article(body, 1),
            watch: vec![],
            watch_line: None,
        }];
        Coupling::new(Product::new(vec!["docs/".into()], &[], &[]).unwrap(), facts, cochange)
    }

    fn weight_of(evidence: &[Evidence], detail: &str) -> f64 {
        evidence.iter().find(|e| e.detail == detail).unwrap_or_else(|| panic!("no {detail} in {evidence:?}")).weight
    }

    #[test]
    fn an_identifier_standing_beside_changes_everywhere_counts_less() {
        let coupling = one_article("Use `export_format` and `map_err`.\n", None);
        let changed = || file("src/a.rs", &["x.map_err(f).export_format()"], &[]);
        let alone = coupling.evidence(&[commit(1, vec![changed()])]);
        let mut files = vec![changed()];
        files.extend((0..8).map(|i| file(&format!("src/f{i}.rs"), &["y()"], &["z.map_err(g)"])));
        let crowded = coupling.evidence(&[commit(1, files)]);
        let ratio = weight_of(&crowded[FIRST], "`map_err`") / weight_of(&alone[FIRST], "`map_err`");
        assert!((ratio - 1.0 / (1.0 + 8.0 / UBIQUITY).sqrt()).abs() < 1e-9, "{ratio}");
        assert_eq!(weight_of(&crowded[FIRST], "`export_format`"), weight_of(&alone[FIRST], "`export_format`"));
    }

    #[test]
    fn a_named_path_counts_less_when_the_file_often_changed_without_the_article() {
        let body = "The store lives in `src/store.rs`.\n";
        let change = [commit(1, vec![file("src/store.rs", &["fn get() {}"], &[])])];
        let quiet = weight_of(&one_article(body, None).evidence(&change)[FIRST], "names `src/store.rs`");
        assert!((quiet - 0.7).abs() < 1e-9, "{quiet}");
        let product = Product::new(vec!["docs/".into()], &[], &[]).unwrap();
        let history: Vec<CommitChange> = (2..12).map(|n| commit(n, vec![file("src/store.rs", &[], &[])])).collect();
        let articles = std::collections::HashMap::from([("docs/a.md".to_string(), 0)]);
        let hot = CoChange::build(&history, &product, articles, 0);
        let busy = weight_of(&one_article(body, Some(hot)).evidence(&change)[FIRST], "names `src/store.rs`");
        assert!((busy - 0.7 / (1.0 + 10.0 / HOT_FILE).sqrt()).abs() < 1e-9, "{busy}");
    }

    #[test]
    fn a_version_counts_when_the_product_stops_saying_it() {
        let coupling = one_article("Install `tool 1.4.2` with the script.\n", None);
        let added =
            coupling.evidence(&[commit(1, vec![file("schema/example.json", &["\"version\": \"1.4.2\""], &[])])]);
        assert!(added[FIRST].iter().all(|e| e.detail != "`1.4.2`"), "an example that appears: {added:?}");
        let mut bump = file("Cargo.toml", &["version = \"1.5.0\""], &[]);
        bump.removed = vec!["version = \"1.4.2\"".into()];
        let gone = coupling.evidence(&[commit(2, vec![bump])]);
        assert!(gone[FIRST].iter().any(|e| e.detail == "`1.4.2`"), "{gone:?}");
    }

    #[test]
    fn the_version_a_release_stops_saying_counts_on_every_page_that_pins_it() {
        // 20 articles; 5 pin the version and name `cache_dir`: more than a tenth of them.
        let facts = (0..20)
            .map(|i| ArticleFacts {
                path: format!("page{i}.md"),
                mentions: mentions::of_article(
                    if i < 5 {
                        "Run `curl https://example.com/tool/1.4.2/install.sh` and set `cache_dir`.\n"
                    } else {
                        "Prose.\n"
                    },
                    1,
                ),
                watch: vec![],
                watch_line: None,
            })
            .collect();
        let coupling = Coupling::new(Product::new(vec!["docs/".into()], &[], &[]).unwrap(), facts, None);
        let mut bump = file("Cargo.toml", &["version = \"1.5.0\"", "cache_dir = 2"], &[]);
        bump.removed = vec!["version = \"1.4.2\"".into(), "cache_dir = 1".into()];
        let evidence = coupling.evidence(&[commit(1, vec![bump])]);
        for i in 0..5 {
            let details: Vec<&str> = evidence[JudgedId(i)].iter().map(|e| e.detail.as_str()).collect();
            assert_eq!(details, ["`1.4.2`"], "page{i}: the version counts, the common identifier does not");
        }
        assert!((5..20).all(|i| evidence[JudgedId(i)].is_empty()));
    }

    /// Scores as `rank` lists them, each article given one watch signal of that weight.
    fn listed(weights: &[f64]) -> Vec<f64> {
        let facts = weights.iter().enumerate().map(|(i, _)| ArticleFacts {
            path: format!("page{i}.md"),
            mentions: Mentions::default(),
            watch: vec![],
            watch_line: None,
        });
        let coupling = Coupling::new(Product::new(vec!["docs/".into()], &[], &[]).unwrap(), facts.collect(), None);
        let evidence = weights
            .iter()
            .map(|&weight| {
                let detail = String::new();
                vec![Evidence {
                    kind: EvidenceKind::Watch,
                    product_path: "src/a.rs".into(),
                    commit: String::new(),
                    detail,
                    line: None,
                    weight,
                    time: 0,
                }]
            })
            .collect();
        coupling.rank(evidence).iter().map(|i| (i.score * 1000.0).round() / 1000.0).collect()
    }

    #[test]
    fn the_list_past_the_first_few_keeps_only_what_is_nearer_the_best() {
        // Among the first five, RELATIVE (0.1) of the best is enough: 0.1 of 0.9 stays, and 0.05
        // goes, as 0.01 goes below the floor.
        assert_eq!(listed(&[0.05, 0.9, 0.01, 0.1]), [0.9, 0.1]);
        // Past them, an article needs RELATIVE_PAST_FIRST (0.15) of the best: 0.2 stays, 0.1 goes.
        assert_eq!(listed(&[0.1, 0.9, 0.8, 0.2, 0.7, 0.6, 0.5]), [0.9, 0.8, 0.7, 0.6, 0.5, 0.2]);
    }

    #[test]
    fn one_signal_counts_once_and_scores_combine_as_independent() {
        let ev = |kind, path: &str, detail: &str, weight| Evidence {
            kind,
            product_path: path.into(),
            commit: String::new(),
            detail: detail.into(),
            line: None,
            weight,
            time: 0,
        };
        let (score, kept) = combine(vec![
            ev(EvidenceKind::Mention, "a.rs", "`base_url`", 0.5),
            ev(EvidenceKind::Mention, "b.rs", "`base_url`", 0.3),
            ev(EvidenceKind::CoChange, "a.rs", "x", 0.5),
        ]);
        assert_eq!(kept.len(), 2);
        assert!((score - 0.75).abs() < 1e-9, "{score}");
        let (two, _) =
            combine(vec![ev(EvidenceKind::CoChange, "a.rs", "x", 0.5), ev(EvidenceKind::CoChange, "b.rs", "x", 0.5)]);
        assert!((two - 0.625).abs() < 1e-9, "a second signal of one kind counts half: {two}");
        let tied =
            [ev(EvidenceKind::Ui, "en.json", "\"Tier 3\"", 0.4), ev(EvidenceKind::Ui, "en.json", "\"Tier 2\"", 0.4)];
        let (_, one) = combine(tied.to_vec());
        let (_, other) = combine(tied.iter().rev().cloned().collect());
        assert_eq!(one, other, "equal evidence comes in one order whatever order it arrives in");
        assert_eq!(one[0].detail, "\"Tier 2\"");
    }
}
