//! The evidence of an older version's release cycle, cached by its tag.
//!
//! An older version that `[versions]` publishes is judged as of its tag (docs/ARCHITECTURE.md
//! §7): the co-change history read from the tag, the diff of the release that ends at it, and
//! what the version's articles name. All of that is fixed once the tag is: the tag's commit, the
//! release before it and the version's articles decide it. So the answer is kept in
//! `<git dir>/freshdocs/drift/<tag commit>.json` and a later build reads it instead of the
//! history. The current docs are never cached: HEAD and the work tree move. The key holds the
//! settings and a hash of every judged page's path, front matter and body; a file whose key
//! differs is rebuilt.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::load::CycleEvidence;
use super::{Evidence, EvidenceKind};
use crate::config::Site;
use crate::content::Content;
use crate::history::Release;
use crate::history::cache::{FNV_START, fnv1a, read_kept, write_kept};

/// Bump when the meaning or the layout of the cached evidence changes.
const FORMAT: u32 = 1;

/// What the cached evidence depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Key {
    format: u32,
    /// The binary: a new release of freshdocs may weigh evidence differently.
    freshdocs: String,
    tag_commit: String,
    /// The commits of the release before the tag's and of the tag's own: the cycle.
    releases: Vec<String>,
    /// FNV-1a of the freshness settings, the version's place in the repository, the ignore-revs
    /// file, and every judged page (path, front matter, body).
    inputs: String,
}

impl Key {
    /// The key of an older version at `tag_commit`, judged against `releases` (those up to
    /// its own), with the ignore-revs file `ignore_revs` and the content prefix `prefix`.
    pub(crate) fn new(
        site: &Site,
        content: &Content,
        tag_commit: git2::Oid,
        releases: &[Release],
        ignore_revs: &Path,
        prefix: &str,
    ) -> Key {
        let mut hash = fnv1a(FNV_START, format!("{:?}", site.config.freshness).as_bytes());
        hash = fnv1a(hash, prefix.as_bytes());
        hash = fnv1a(hash, &std::fs::read(ignore_revs).unwrap_or_default());
        for page in content.judged().iter() {
            hash = fnv1a(hash, page.source.rel_path.as_bytes());
            hash = fnv1a(hash, format!("{:?}", page.source.front).as_bytes());
            hash = fnv1a(hash, page.source.body.as_bytes());
        }
        let cycle = &releases[releases.len().saturating_sub(2)..];
        Key {
            format: FORMAT,
            freshdocs: env!("CARGO_PKG_VERSION").to_string(),
            tag_commit: tag_commit.to_string(),
            releases: cycle.iter().map(|r| r.commit.clone()).collect(),
            inputs: format!("{hash:016x}"),
        }
    }
}

/// One piece of evidence as stored: [`Evidence`] with its weight and time, which the JSON
/// reports leave out. The weight is kept as its bits, so that it reads back exactly and a
/// cached verdict is the verdict.
#[derive(Serialize, Deserialize)]
struct Stored {
    kind: EvidenceKind,
    product_path: String,
    commit: String,
    detail: String,
    line: Option<usize>,
    weight: u64,
    time: i64,
}

impl From<&Evidence> for Stored {
    fn from(e: &Evidence) -> Stored {
        Stored {
            kind: e.kind,
            product_path: e.product_path.clone(),
            commit: e.commit.clone(),
            detail: e.detail.clone(),
            line: e.line,
            weight: e.weight.to_bits(),
            time: e.time,
        }
    }
}

impl From<Stored> for Evidence {
    fn from(e: Stored) -> Evidence {
        let Stored { kind, product_path, commit, detail, line, weight, time } = e;
        Evidence { kind, product_path, commit, detail, line, weight: f64::from_bits(weight), time }
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    key: Key,
    warnings: Vec<String>,
    cycle: Option<Vec<Vec<Stored>>>,
}

fn path(git_dir: &Path, key: &Key) -> PathBuf {
    git_dir.join("freshdocs").join("drift").join(format!("{}.json", key.tag_commit))
}

/// The model's warnings and the cycle's evidence for `key`, if they were kept for `pages`
/// judged pages.
pub(crate) fn load(git_dir: &Path, key: &Key, pages: usize) -> Option<(Vec<String>, Option<CycleEvidence>)> {
    let file: File = read_kept(&path(git_dir, key))?;
    if file.key != *key || file.cycle.as_ref().is_some_and(|c| c.len() != pages) {
        return None;
    }
    let cycle =
        file.cycle.map(|pages| pages.into_iter().map(|e| e.into_iter().map(Evidence::from).collect()).collect());
    Some((file.warnings, cycle))
}

/// Keeps the warnings and the cycle's evidence for `key`. A cache that cannot be written only
/// costs time on the next build.
pub(crate) fn store(git_dir: &Path, key: &Key, warnings: &[String], cycle: Option<&CycleEvidence>) {
    let cycle = cycle.map(|pages| pages.iter().map(|e| e.iter().map(Stored::from).collect()).collect());
    let file = File { key: key.clone(), warnings: warnings.to_vec(), cycle };
    let _ = write_kept(&path(git_dir, key), &file);
}
