//! The on-disk cache of walk results, so a second run on the same HEAD is near-instant.
//!
//! It lives in the git directory (`<gitdir>/freshdocs/history-cache.json`), never among tracked
//! files, and holds the last change of every committed path any query asked about for one HEAD.
//! The key is everything that changes those answers: HEAD, the resolved ignore list and the
//! pure-move setting (skip trailers are part of the commits, hence of HEAD). Work-tree state is
//! never cached; it is read fresh on every run.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use git2::Oid;

use super::LastChange;

/// Bump when the meaning or the layout of the cache changes.
const FORMAT: u32 = 1;

/// What the cached answers depend on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Key {
    format: u32,
    head: String,
    /// FNV-1a of the sorted ignored commit ids: stable across Rust versions, unlike `Hash`.
    ignored: String,
    follow_moves: bool,
}

impl Key {
    pub fn new(head: Oid, ignored: &HashSet<Oid>, follow_moves: bool) -> Key {
        let sorted: BTreeSet<Oid> = ignored.iter().copied().collect();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for oid in sorted {
            for &byte in oid.as_bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        Key { format: FORMAT, head: head.to_string(), ignored: format!("{hash:016x}"), follow_moves }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct File {
    key: Key,
    /// Normalised repo-relative path → its last committed change.
    entries: HashMap<String, LastChange>,
}

/// `FRESHDOCS_NO_CACHE=1` (any value but empty or `0`) turns the cache off.
pub(crate) fn disabled_by_env() -> bool {
    std::env::var_os("FRESHDOCS_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0")
}

fn path(git_dir: &Path) -> PathBuf {
    git_dir.join("freshdocs").join("history-cache.json")
}

/// The cached answers for `key`, if the cache exists, is readable and matches the key.
pub(crate) fn load(git_dir: &Path, key: &Key) -> Option<HashMap<String, LastChange>> {
    let bytes = std::fs::read(path(git_dir)).ok()?;
    let file: File = serde_json::from_slice(&bytes).ok()?;
    (file.key == *key).then_some(file.entries)
}

/// Replaces the cache with `entries` for `key`, atomically (write to a temporary file, rename).
pub(crate) fn store(git_dir: &Path, key: &Key, entries: &HashMap<String, LastChange>) -> std::io::Result<()> {
    let target = path(git_dir);
    let dir = target.parent().expect("cache path has a parent");
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    let file = FileRef { key, entries };
    serde_json::to_writer(std::io::BufWriter::new(&mut temp), &file)?;
    temp.flush()?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Borrowed twin of [`File`], to write without cloning the entries.
#[derive(serde::Serialize)]
struct FileRef<'a> {
    key: &'a Key,
    entries: &'a HashMap<String, LastChange>,
}
