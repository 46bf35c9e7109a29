//! The on-disk cache of walk results, so a second run on the same HEAD is near-instant.
//!
//! It lives in the git directory (`<gitdir>/freshdocs/history/<commit>.json`), never among
//! tracked files. Each file holds the last change of every committed path any query asked about
//! for one commit walked from: HEAD, or the tag of an older version that `[versions]` publishes.
//! A tag never moves, so its answers stay good while HEAD moves on; the [`KEEP`] most recently
//! used files are kept.
//! The key is everything that changes those answers: HEAD, the resolved ignore list and the
//! pure-move setting (skip trailers are part of the commits, hence of HEAD). Work-tree state is
//! never cached; it is read fresh on every run.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{BufReader, BufWriter, Write as _};
use std::path::{Path, PathBuf};

use git2::Oid;
use serde::Serialize;
use serde::de::DeserializeOwned;

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
        let hash = sorted.iter().fold(FNV_START, |hash, oid| fnv1a(hash, oid.as_bytes()));
        Key { format: FORMAT, head: head.to_string(), ignored: format!("{hash:016x}"), follow_moves }
    }
}

/// The starting value of [`fnv1a`].
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes`, continuing from `hash` ([`FNV_START`] to begin): stable across Rust
/// versions and platforms, unlike `std::hash`, so it can name what a cache file was made from.
pub(crate) fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
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

/// How many commits' answers are kept: HEAD's and those of the older versions a site
/// publishes (`[versions] keep` is rarely more than a handful), with room for a few HEADs.
pub(crate) const KEEP: usize = 16;

fn folder(git_dir: &Path) -> PathBuf {
    git_dir.join("freshdocs").join("history")
}

fn path(git_dir: &Path, key: &Key) -> PathBuf {
    folder(git_dir).join(format!("{}.json", key.head))
}

/// The cached answers for `key`, if the cache exists, is readable and matches the key. A hit
/// counts as a use: the file is kept over ones used less recently.
pub(crate) fn load(git_dir: &Path, key: &Key) -> Option<HashMap<String, LastChange>> {
    let file: File = read_kept(&path(git_dir, key))?;
    (file.key == *key).then_some(file.entries)
}

/// Replaces the cached answers for `key`, atomically (write to a temporary file, rename), and
/// drops all but the [`KEEP`] most recently used files.
pub(crate) fn store(git_dir: &Path, key: &Key, entries: &HashMap<String, LastChange>) -> std::io::Result<()> {
    write_kept(&path(git_dir, key), &FileRef { key, entries })?;
    // The single file of earlier versions of freshdocs, if it is still there.
    let _ = std::fs::remove_file(git_dir.join("freshdocs").join("history-cache.json"));
    Ok(())
}

/// Reads the JSON file `path` of a cache folder, and counts it as used.
pub(crate) fn read_kept<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let value = serde_json::from_slice(&bytes).ok()?;
    if let Ok(opened) = std::fs::File::options().append(true).open(path) {
        let _ = opened.set_modified(std::time::SystemTime::now());
    }
    Some(value)
}

/// Writes `value` as the JSON file `path` of a cache folder, atomically (a temporary file,
/// renamed), and drops all but the [`KEEP`] most recently used files of the folder.
pub(crate) fn write_kept<T: serde::Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let dir = path.parent().expect("cache path has a parent");
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer(std::io::BufWriter::new(&mut temp), value)?;
    temp.flush()?;
    temp.persist(path).map_err(|e| e.error)?;
    prune(dir);
    Ok(())
}

/// Removes all but the [`KEEP`] most recently used cache files of `dir`.
fn prune(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = read
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() <= KEEP {
        return;
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, path) in files.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(path);
    }
}

/// Borrowed twin of [`File`], to write without cloning the entries.
#[derive(serde::Serialize)]
struct FileRef<'a> {
    key: &'a Key,
    entries: &'a HashMap<String, LastChange>,
}

/// A kept file in bincode (the renderings of `markdown::SavedRenders` and `RenderCache`, what
/// articles name in `drift::kept`, the co-change diffs): a header, then entries to its end. `Some` when the header reads and
/// `accept` takes it; its entries are none when one of them cannot be read (a damaged file
/// starts over).
pub(crate) fn read_file<H: DeserializeOwned, E: DeserializeOwned>(
    file: &Path,
    accept: impl FnOnce(&H) -> bool,
) -> Option<(H, Vec<E>)> {
    let f = std::fs::File::open(file).ok()?;
    let total = f.metadata().map(|m| m.len()).unwrap_or_default();
    let mut r = CountingReader { inner: BufReader::with_capacity(1 << 20, f), read: 0 };
    let header: H = bincode::deserialize_from(&mut r).ok().filter(|header| accept(header))?;
    let mut entries = Vec::new();
    while r.read < total {
        match bincode::deserialize_from(&mut r) {
            Ok(entry) => entries.push(entry),
            Err(_) => return Some((header, Vec::new())),
        }
    }
    Some((header, entries))
}

/// Writes the file anew: `header`, then `entries` (beside it, then renamed over it).
pub(crate) fn write_file<H: Serialize, E: Serialize>(
    file: &Path,
    header: &H,
    entries: impl Iterator<Item = E>,
) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let partial = file.with_extension("partial");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&partial)?);
    bincode::serialize_into(&mut w, header).map_err(std::io::Error::other)?;
    for entry in entries {
        bincode::serialize_into(&mut w, &entry).map_err(std::io::Error::other)?;
    }
    w.flush()?;
    drop(w);
    std::fs::rename(&partial, file)
}

/// A reader that counts the bytes it gave.
struct CountingReader<R> {
    inner: R,
    read: u64,
}

impl<R: std::io::Read> std::io::Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_recently_used_commits() {
        let git_dir = tempfile::tempdir().unwrap();
        let key = |i: u8| Key::new(Oid::from_bytes(&[i; 20]).unwrap(), &HashSet::new(), true);
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for i in 0..KEEP as u8 {
            store(git_dir.path(), &key(i), &HashMap::new()).unwrap();
            // Used long ago, the first ones longest ago.
            let file = std::fs::File::options().append(true).open(path(git_dir.path(), &key(i))).unwrap();
            file.set_modified(old + std::time::Duration::from_secs(u64::from(i))).unwrap();
        }
        // Reading the oldest makes it the most recently used, so the second oldest goes.
        assert!(load(git_dir.path(), &key(0)).is_some());
        store(git_dir.path(), &key(200), &HashMap::new()).unwrap();
        let kept = std::fs::read_dir(folder(git_dir.path())).unwrap().count();
        assert_eq!(kept, KEEP);
        assert!(load(git_dir.path(), &key(0)).is_some());
        assert!(load(git_dir.path(), &key(1)).is_none());
        assert!(load(git_dir.path(), &key(200)).is_some());
    }
}
