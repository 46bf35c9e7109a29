//! Raw object access for the walk: commit headers and tree entries parsed straight from the
//! object database.
//!
//! The walk reads every commit once and the same trees over and over (a parent's trees are the
//! next commit's trees), so it skips libgit2's `git_commit`/`git_tree` objects, which allocate per
//! entry, and parses the canonical binary formats itself, with a small cache of raw trees.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use git2::{ObjectType, Oid};

use super::HistoryError;

/// Length of a SHA-1 object id in a tree entry. SHA-256 repositories are not supported by
/// libgit2's default build, so they never reach this code.
const OID_LEN: usize = 20;

/// Tree bytes kept in the cache before it is emptied. Big enough for the trees of a few hundred
/// consecutive commits of a large documentation folder; the walk moves back in time, so a larger
/// cache only holds trees that do not return (a coupled check of uv peaked at 51 MB of heap at
/// 64 MiB, 33 MB at 8 MiB, 30 MB at 4 MiB; jj at 41, 31 and 26 MB; the same output and time).
const TREE_CACHE_BYTES: usize = 4 << 20;

/// Object ids are already uniformly random: hash them by their first 8 bytes.
#[derive(Default)]
pub(crate) struct OidHasher(u64);

impl Hasher for OidHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // `Oid` hashes as its 20 raw bytes (plus, for slices, a length prefix we fold in).
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(word);
        }
    }
}

/// A `HashMap` keyed by object id.
pub(crate) type OidMap<V> = HashMap<Oid, V, BuildHasherDefault<OidHasher>>;

/// The parts of a commit the walk needs.
#[derive(Clone)]
pub(crate) struct RawCommit {
    pub tree: Oid,
    pub parents: Vec<Oid>,
    /// Committer time in seconds: the order git's own walk uses.
    pub time: i64,
    /// The message carries a `Freshness: skip` trailer.
    pub skip: bool,
}

/// One entry of a tree, borrowed from the raw tree bytes.
#[derive(Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub name: &'a [u8],
    /// Canonical mode, as git normalises it before comparing (`100664` reads as `100644`).
    pub mode: u32,
    pub oid: &'a [u8],
}

impl Entry<'_> {
    pub fn is_tree(&self) -> bool {
        self.mode == 0o040000
    }
    /// Same kind, same content: what git's tree diff calls unchanged.
    pub fn same(&self, other: &Entry<'_>) -> bool {
        self.mode == other.mode && self.oid == other.oid
    }
}

/// Orders two entries the way git sorts a tree: by name, a tree's name followed by `/`.
pub(crate) fn tree_order(a: &Entry<'_>, b: &Entry<'_>) -> std::cmp::Ordering {
    let n = a.name.len().min(b.name.len());
    match a.name[..n].cmp(&b.name[..n]) {
        std::cmp::Ordering::Equal => {}
        other => return other,
    }
    let next = |e: &Entry<'_>| -> u8 {
        match e.name.get(n) {
            Some(&c) => c,
            None if e.is_tree() => b'/',
            None => 0,
        }
    };
    next(a).cmp(&next(b))
}

/// Iterates the entries of a tree that [`ObjectReader::tree`] has validated.
pub(crate) struct Entries<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;
    fn next(&mut self) -> Option<Entry<'a>> {
        // Validation happened on load, so a malformed entry here only ends the iteration.
        let (entry, rest) = parse_entry(self.rest)?;
        self.rest = rest;
        Some(entry)
    }
}

/// Entries of raw tree bytes.
pub(crate) fn entries(data: &[u8]) -> Entries<'_> {
    Entries { rest: data }
}

fn parse_entry(data: &[u8]) -> Option<(Entry<'_>, &[u8])> {
    // The mode: up to 7 octal digits, then a space.
    let mut mode = 0u32;
    let mut space = 0;
    loop {
        match *data.get(space)? {
            b' ' if space > 0 => break,
            c @ b'0'..=b'7' if space < 7 => mode = mode * 8 + u32::from(c - b'0'),
            _ => return None,
        }
        space += 1;
    }
    let after = &data[space + 1..];
    let nul = find_nul(after)?;
    let name = &after[..nul];
    let oid = after.get(nul + 1..nul + 1 + OID_LEN)?;
    let rest = &after[nul + 1 + OID_LEN..];
    Some((Entry { name, mode: canonical_mode(mode), oid }, rest))
}

/// Position of the first zero byte, eight bytes at a time: every tree read parses every entry
/// name, so this loop is the hottest of the walk.
fn find_nul(data: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    while let Some(chunk) = data.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let zeros = word.wrapping_sub(ONES) & !word & HIGHS;
        if zeros != 0 {
            return Some(at + (zeros.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    data[at..].iter().position(|&c| c == 0).map(|i| at + i)
}

/// git's `canon_mode`: only the file type and the executable bit matter.
fn canonical_mode(mode: u32) -> u32 {
    match mode & 0o170000 {
        0o040000 => 0o040000,
        0o120000 => 0o120000,
        0o160000 => 0o160000,
        _ if mode & 0o100 != 0 => 0o100755,
        _ => 0o100644,
    }
}

/// A tree's raw bytes and where each entry starts.
pub(crate) struct Tree<'r> {
    /// The object as libgit2 returned it: its buffer is used in place, not copied. `None` is the
    /// empty tree.
    object: Option<git2::OdbObject<'r>>,
    /// Offset of each entry, then the length: entry `i` is `data()[starts[i]..starts[i + 1]]`.
    pub starts: Vec<u32>,
}

impl Tree<'_> {
    /// The empty tree.
    pub fn empty() -> Self {
        Tree { object: None, starts: vec![0] }
    }

    /// The raw bytes.
    pub fn data(&self) -> &[u8] {
        self.object.as_ref().map_or(&[], |o| o.data())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Entries `range` of the tree.
    pub fn entries(&self, range: std::ops::Range<usize>) -> Entries<'_> {
        entries(&self.data()[self.starts[range.start] as usize..self.starts[range.end] as usize])
    }

    /// All entries.
    pub fn all(&self) -> Entries<'_> {
        entries(self.data())
    }

    /// Entry `i`.
    fn entry(&self, i: usize) -> Entry<'_> {
        self.entries(i..i + 1).next().expect("validated entry")
    }

    /// The entry named `name`, by binary search (trees are sorted), as a file or as a folder.
    pub fn find(&self, name: &[u8]) -> Option<Entry<'_>> {
        const ID: &[u8] = &[0; OID_LEN];
        [0o100644, 0o040000].into_iter().find_map(|mode| {
            let probe = Entry { name, mode, oid: ID };
            let (mut i, mut end) = (0, self.len());
            while i < end {
                let mid = (i + end) / 2;
                if tree_order(&self.entry(mid), &probe) == std::cmp::Ordering::Less {
                    i = mid + 1;
                } else {
                    end = mid;
                }
            }
            (i < self.len()).then(|| self.entry(i)).filter(|e| e.name == name)
        })
    }
}

/// The entries in which two trees differ: `(range in a, range in b)`; everything before and
/// after is byte-for-byte identical in both.
///
/// A commit usually changes a few entries of a big folder. Comparing the raw bytes from both ends
/// (memcmp speed) skips the identical head and tail, so only the changed middle is parsed and
/// merged, instead of thousands of entries per commit.
pub(crate) fn changed_region(a: &Tree<'_>, b: &Tree<'_>) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let (x, y) = (a.data(), b.data());
    let n = x.len().min(y.len());
    // Identical head, in 64-byte steps then bytes.
    let mut head = 0;
    while head + 64 <= n && x[head..head + 64] == y[head..head + 64] {
        head += 64;
    }
    while head < n && x[head] == y[head] {
        head += 1;
    }
    // Entries fully inside the head are the same entries in both (same bytes from offset 0).
    let first = a.starts.partition_point(|&s| s as usize <= head).saturating_sub(1).min(a.len());
    let first_b = b.starts.partition_point(|&s| s as usize <= head).saturating_sub(1).min(b.len());
    debug_assert_eq!(a.starts[first], b.starts[first_b]);
    // Identical tail, not overlapping the head's entries.
    let limit = n - a.starts[first] as usize;
    let mut tail = 0;
    while tail + 64 <= limit && x[x.len() - tail - 64..x.len() - tail] == y[y.len() - tail - 64..y.len() - tail] {
        tail += 64;
    }
    while tail < limit && x[x.len() - tail - 1] == y[y.len() - tail - 1] {
        tail += 1;
    }
    // The tail's first entry must start an entry in both trees: only then do both parse it the
    // same way (an object id may contain any byte, so alignment is checked, not assumed).
    let mut end_a = a.starts.partition_point(|&s| (s as usize) < x.len() - tail).max(first);
    let end_b = loop {
        let offset = a.starts[end_a] as usize + y.len() - x.len();
        if let Ok(i) = b.starts.binary_search(&(offset as u32))
            && i >= first_b
        {
            break i;
        }
        end_a += 1;
    };
    (first..end_a, first_b..end_b)
}

/// The entries in which two trees differ, merged by name in git's order: `(entry in a, entry in
/// b)`, either absent when only one tree has the name. Identical entries are skipped, and the
/// identical head and tail of the trees are not parsed at all ([`changed_region`]).
pub(crate) fn differing_entries<'t>(
    a: &'t Tree<'_>,
    b: &'t Tree<'_>,
) -> impl Iterator<Item = (Option<Entry<'t>>, Option<Entry<'t>>)> {
    let (a_range, b_range) = changed_region(a, b);
    let mut a_iter = a.entries(a_range).peekable();
    let mut b_iter = b.entries(b_range).peekable();
    std::iter::from_fn(move || {
        loop {
            return match (a_iter.peek(), b_iter.peek()) {
                (None, None) => None,
                (Some(_), None) => Some((a_iter.next(), None)),
                (None, Some(_)) => Some((None, b_iter.next())),
                (Some(x), Some(y)) => match tree_order(x, y) {
                    std::cmp::Ordering::Less => Some((a_iter.next(), None)),
                    std::cmp::Ordering::Greater => Some((None, b_iter.next())),
                    std::cmp::Ordering::Equal => {
                        let (x, y) = (a_iter.next(), b_iter.next());
                        if x.zip(y).is_some_and(|(x, y)| x.same(&y)) {
                            continue;
                        }
                        Some((x, y))
                    }
                },
            };
        }
    })
}

/// Opens the object database of `repo` for an [`ObjectReader`].
pub(crate) fn open_odb(repo: &git2::Repository) -> Result<git2::Odb<'_>, HistoryError> {
    // libgit2 re-hashes every object it reads to verify its id; git itself does not, and on a
    // walk over thousands of trees that is an eighth of the time. The setting is global to
    // libgit2, and this module is freshdocs' only user of it.
    git2::opts::strict_hash_verification(false);
    // libgit2 would also keep every object read in its own cache; the reader keeps the trees it
    // needs, and the rest is read once, so that cache only costs memory and time to free.
    git2::opts::enable_caching(false);
    repo.odb().map_err(|e| HistoryError::git("opening the object database", e))
}

/// Reads commits and trees from the object database, caching raw trees (and, once asked to,
/// the commits read).
pub(crate) struct ObjectReader<'r> {
    odb: &'r git2::Odb<'r>,
    trees: OidMap<Rc<Tree<'r>>>,
    cached_bytes: usize,
    /// Commits read while [`ObjectReader::keep_commits`] was on: a second pass over the same
    /// history (the walk after the co-change commits) finds them here.
    commits: OidMap<RawCommit>,
    keeping: bool,
    /// Trees read from the object database (cache misses), for statistics.
    pub trees_read: u64,
}

impl<'r> ObjectReader<'r> {
    /// A reader over `odb` (from [`open_odb`]).
    pub fn new(odb: &'r git2::Odb<'r>) -> Self {
        ObjectReader {
            odb,
            trees: OidMap::default(),
            cached_bytes: 0,
            commits: OidMap::default(),
            keeping: false,
            trees_read: 0,
        }
    }

    /// Whether to keep the commits read from now on (a few thousand headers, a few hundred
    /// kilobytes), for a pass that reads them again. Those kept stay kept.
    pub fn keep_commits(&mut self, keep: bool) {
        self.keeping = keep;
    }

    fn read(&self, oid: Oid, kind: &'static str, want: ObjectType) -> Result<git2::OdbObject<'r>, HistoryError> {
        let object = self.odb.read(oid).map_err(|e| HistoryError::read(oid, kind, e))?;
        if object.kind() != want {
            return Err(HistoryError::Corrupt {
                oid: oid.to_string(),
                detail: format!("expected a {kind}, found a {}", object.kind().str()),
            });
        }
        Ok(object)
    }

    /// A tree, validated so that its entries can be iterated without checks.
    pub fn tree(&mut self, oid: Oid) -> Result<Rc<Tree<'r>>, HistoryError> {
        if let Some(tree) = self.trees.get(&oid) {
            return Ok(Rc::clone(tree));
        }
        let object = self.read(oid, "tree", ObjectType::Tree)?;
        let data = object.data();
        let mut starts = Vec::with_capacity(data.len() / 40 + 1);
        let mut rest = data;
        while !rest.is_empty() {
            starts.push((data.len() - rest.len()) as u32);
            match parse_entry(rest) {
                Some((_, next)) => rest = next,
                None => {
                    return Err(HistoryError::Corrupt { oid: oid.to_string(), detail: "malformed tree entry".into() });
                }
            }
        }
        starts.push(data.len() as u32);
        self.trees_read += 1;
        if self.cached_bytes + data.len() > TREE_CACHE_BYTES {
            // A crude bound; the walk moves steadily back in time, so old trees rarely return.
            self.trees.clear();
            self.cached_bytes = 0;
        }
        self.cached_bytes += data.len() + 4 * starts.len();
        let tree = Rc::new(Tree { object: Some(object), starts });
        self.trees.insert(oid, Rc::clone(&tree));
        Ok(tree)
    }

    /// The entry at `path` (components separated by `/`) below the tree `root`.
    pub fn lookup(&mut self, root: Oid, path: &[u8]) -> Result<Option<(u32, Oid)>, HistoryError> {
        let mut tree = root;
        let mut components = path.split(|&c| c == b'/').filter(|c| !c.is_empty()).peekable();
        while let Some(name) = components.next() {
            let data = self.tree(tree)?;
            let Some(entry) = data.find(name) else {
                return Ok(None);
            };
            let oid = oid_from(entry.oid);
            if components.peek().is_none() {
                return Ok(Some((entry.mode, oid)));
            }
            if !entry.is_tree() {
                return Ok(None);
            }
            tree = oid;
        }
        Ok(Some((0o040000, root)))
    }

    /// Which of `paths` exist in the tree `root`. Each folder is listed once, so this stays
    /// linear in the number of paths even for folders with thousands of files.
    pub fn present(&mut self, root: Oid, paths: &[String]) -> Result<Vec<bool>, HistoryError> {
        let mut by_dir: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, path) in paths.iter().enumerate() {
            let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
            by_dir.entry(dir).or_default().push(i);
        }
        let mut present = vec![false; paths.len()];
        for (dir, members) in by_dir {
            let tree = match self.lookup(root, dir.as_bytes())? {
                Some((0o040000, oid)) => oid,
                _ => continue,
            };
            let data = self.tree(tree)?;
            let names: std::collections::HashSet<&[u8]> = data.all().map(|e| e.name).collect();
            for i in members {
                let name = paths[i].rsplit('/').next().unwrap_or_default();
                present[i] = !name.is_empty() && names.contains(name.as_bytes());
            }
        }
        Ok(present)
    }

    /// Parses the header of a commit (and scans its message for the skip trailer).
    pub fn commit(&mut self, oid: Oid) -> Result<RawCommit, HistoryError> {
        if let Some(commit) = self.commits.get(&oid) {
            return Ok(commit.clone());
        }
        let object = self.read(oid, "commit", ObjectType::Commit)?;
        let commit = parse_commit(object.data())
            .ok_or_else(|| HistoryError::Corrupt { oid: oid.to_string(), detail: "malformed commit header".into() })?;
        if self.keeping {
            self.commits.insert(oid, commit.clone());
        }
        Ok(commit)
    }
}

pub(crate) fn oid_from(bytes: &[u8]) -> Oid {
    // Entries were validated to hold OID_LEN bytes, which is what `from_bytes` requires.
    Oid::from_bytes(bytes).expect("tree entries hold 20-byte object ids")
}

fn parse_hex_oid(hex: &[u8]) -> Option<Oid> {
    Oid::from_str(std::str::from_utf8(hex).ok()?).ok()
}

fn parse_commit(data: &[u8]) -> Option<RawCommit> {
    let mut tree = None;
    let mut parents = Vec::new();
    let mut time = 0;
    let mut rest = data;
    loop {
        let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or(&[]);
        if line.is_empty() {
            break;
        }
        if let Some(hex) = line.strip_prefix(b"tree ") {
            tree = Some(parse_hex_oid(hex)?);
        } else if let Some(hex) = line.strip_prefix(b"parent ") {
            parents.push(parse_hex_oid(hex)?);
        } else if let Some(who) = line.strip_prefix(b"committer ") {
            // `Name <email> 1700000000 +0330`: the time is the second field from the end.
            let mut fields = who.rsplit(|&c| c == b' ');
            fields.next();
            time = std::str::from_utf8(fields.next()?).ok()?.parse().unwrap_or(0);
        }
        if rest.is_empty() {
            break;
        }
    }
    Some(RawCommit { tree: tree?, parents, time, skip: has_skip_trailer(rest) })
}

/// Whether a commit message ends with a trailer block holding `Freshness: skip`.
///
/// Trailers are the `Key: value` lines of the last paragraph, as `git interpret-trailers` reads
/// them; the key and the value are matched case-insensitively.
pub(crate) fn has_skip_trailer(message: &[u8]) -> bool {
    // Cheap rejection first: this runs for every commit in the history.
    const KEY: &[u8] = b"freshness";
    if !message.windows(KEY.len()).any(|w| w.eq_ignore_ascii_case(KEY)) {
        return false;
    }
    let text = String::from_utf8_lossy(message);
    let last_paragraph = text.trim_end().rsplit("\n\n").next().unwrap_or_default();
    last_paragraph.lines().any(|line| {
        line.split_once(':').is_some_and(|(key, value)| {
            key.trim().eq_ignore_ascii_case("freshness") && value.trim().eq_ignore_ascii_case("skip")
        })
    })
}
