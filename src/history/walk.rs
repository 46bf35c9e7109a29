//! The single history walk that finds the last change of many paths at once
//! (docs/ARCHITECTURE.md §3.5).
//!
//! Every path of interest is an *item* with an index, so a set of items is a bitset. Each commit in
//! the walk carries the items it is still responsible for; processing a commit hands every item
//! that is unchanged in a parent to that parent (the first such parent, git's history
//! simplification) and keeps the rest: it changed them. Only commits that receive items are ever
//! read, so the walk stops as deep as the oldest answer and no deeper.
//!
//! Commits are processed newest first (by committer time, as git walks). Clock skew can make a
//! parent come out of the queue before one of its children; the child then hands its items to a
//! parent that was already processed, and the parent is simply queued again for those items.
//! That is exact, not a heuristic: an item's way through history depends only on the trees it
//! meets, never on which other items travel with it or when, so processing a commit's items in
//! two batches gives the answers of one batch. (A full topological pre-pass would need every
//! commit of the repository read before the first answer; this costs one extra comparison on the
//! rare skewed commit instead.)
//!
//! Trees are compared top-down by id against a trie of the items' current names, descending only
//! where subtree ids differ and only into folders that hold an active item; no full diff and no
//! rename detection happen except for the pure-move check below, which diffs (again pruned by id)
//! only at commits that add a tracked path.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use git2::Oid;

use super::HistoryError;
use super::objects::{Entry, ObjectReader, OidMap, Tree, changed_region, differing_entries, oid_from, tree_order};

/// What the walk needs to know besides the repository.
pub(crate) struct WalkInput<'a> {
    pub head: Oid,
    /// Normalised repo-relative paths (`a/b.md`), all present in HEAD's tree.
    pub paths: &'a [String],
    /// Commits that change nothing (the ignore-revs list).
    pub ignored: &'a HashSet<Oid>,
    /// Follow pure moves (docs/ARCHITECTURE.md §3.2).
    pub follow_moves: bool,
    /// Called now and then with the number of commits processed and the number of paths left.
    pub progress: Option<&'a dyn Fn(usize, usize)>,
}

/// The commit that last changed each item, in the order of `WalkInput::paths`.
pub(crate) struct WalkOutput {
    pub commits: Vec<Oid>,
    /// Commits read while loading the graph.
    pub commits_loaded: usize,
    /// Commits that carried at least one path when processed.
    pub commits_compared: usize,
    pub trees_read: u64,
}

/// The commits the walk has met, loaded lazily: a commit is read when an item is first handed to
/// it (or when it is a parent of a commit being compared), never before.
struct Graph {
    index: OidMap<u32>,
    oids: Vec<Oid>,
    trees: Vec<Oid>,
    times: Vec<i64>,
    skip: Vec<bool>,
    /// Parent oids, in order; resolved to indices on demand.
    parents: Vec<Vec<Oid>>,
}

impl Graph {
    fn new() -> Graph {
        Graph {
            index: OidMap::default(),
            oids: Vec::new(),
            trees: Vec::new(),
            times: Vec::new(),
            skip: Vec::new(),
            parents: Vec::new(),
        }
    }

    /// The index of a commit, reading it on first sight.
    fn load(&mut self, reader: &mut ObjectReader<'_>, oid: Oid) -> Result<usize, HistoryError> {
        if let Some(&i) = self.index.get(&oid) {
            return Ok(i as usize);
        }
        let commit = reader.commit(oid)?;
        let i = self.oids.len();
        self.index.insert(oid, i as u32);
        self.oids.push(oid);
        self.trees.push(commit.tree);
        self.times.push(commit.time);
        self.skip.push(commit.skip);
        self.parents.push(commit.parents);
        Ok(i)
    }
}

/// Fixed-size bitsets over the items.
mod bits {
    pub fn any(a: &[u64]) -> bool {
        a.iter().any(|&w| w != 0)
    }
    pub fn intersects(a: &[u64], b: &[u64]) -> bool {
        a.iter().zip(b).any(|(x, y)| x & y != 0)
    }
    pub fn get(a: &[u64], i: usize) -> bool {
        a[i / 64] & (1 << (i % 64)) != 0
    }
    pub fn set(a: &mut [u64], i: usize) {
        a[i / 64] |= 1 << (i % 64);
    }
    pub fn clear(a: &mut [u64], i: usize) {
        a[i / 64] &= !(1 << (i % 64));
    }
    pub fn ones(a: &[u64]) -> impl Iterator<Item = usize> + '_ {
        a.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    w * 64 + bit
                })
            })
        })
    }
}

/// A folder (or file) name in the trie of the items' current names.
struct Node {
    children: HashMap<Box<[u8]>, u32>,
    /// Items whose current name ends at this node.
    here: Vec<u32>,
    /// Items at or below this node.
    under: Vec<u64>,
}

/// The items' current names as a trie, so a tree comparison can find the items behind a differing
/// entry and skip folders with no active item. Names change when a pure move is followed.
struct Trie {
    nodes: Vec<Node>,
    words: usize,
}

impl Trie {
    fn new(words: usize) -> Trie {
        let mut trie = Trie { nodes: Vec::new(), words };
        trie.node();
        trie
    }

    fn node(&mut self) -> u32 {
        self.nodes.push(Node { children: HashMap::new(), here: Vec::new(), under: vec![0; self.words] });
        (self.nodes.len() - 1) as u32
    }

    fn insert(&mut self, item: usize, path: &[u8]) {
        let mut at = 0u32;
        bits::set(&mut self.nodes[0].under, item);
        for name in path.split(|&c| c == b'/').filter(|c| !c.is_empty()) {
            at = match self.nodes[at as usize].children.get(name) {
                Some(&child) => child,
                None => {
                    let child = self.node();
                    self.nodes[at as usize].children.insert(name.into(), child);
                    child
                }
            };
            bits::set(&mut self.nodes[at as usize].under, item);
        }
        self.nodes[at as usize].here.push(item as u32);
    }

    fn remove(&mut self, item: usize, path: &[u8]) {
        let mut at = 0u32;
        for name in path.split(|&c| c == b'/').filter(|c| !c.is_empty()) {
            let Some(&child) = self.nodes[at as usize].children.get(name) else {
                return;
            };
            at = child;
            bits::clear(&mut self.nodes[at as usize].under, item);
        }
        self.nodes[at as usize].here.retain(|&i| i as usize != item);
    }
}

/// Scratch state of one tree comparison: the items that differ, and among them those the parent
/// does not have at all (candidates for a pure move).
struct DiffResult {
    changed: Vec<u64>,
    added: Vec<u64>,
}

/// Compares the trees `c_tree` (the commit) and `p_tree` (a parent) below trie node `node`,
/// for the items in `active` only.
fn diff(
    reader: &mut ObjectReader<'_>,
    trie: &Trie,
    c_tree: Oid,
    p_tree: Oid,
    node: u32,
    active: &[u64],
    out: &mut DiffResult,
) -> Result<(), HistoryError> {
    if c_tree == p_tree || !bits::intersects(&trie.nodes[node as usize].under, active) {
        return Ok(());
    }
    let c_data = reader.tree(c_tree)?;
    let p_data = reader.tree(p_tree)?;
    for (c, p) in differing_entries(&c_data, &p_data) {
        let name = c.or(p).map(|e| e.name).unwrap_or_default();
        let Some(&child) = trie.nodes[node as usize].children.get(name) else {
            continue;
        };
        let child_node = &trie.nodes[child as usize];
        match (c, p) {
            (Some(c), Some(p)) if c.is_tree() && p.is_tree() => {
                // A path naming this folder itself changed; the items below are decided deeper.
                for &item in &child_node.here {
                    if bits::get(active, item as usize) {
                        bits::set(&mut out.changed, item as usize);
                    }
                }
                diff(reader, trie, oid_from(c.oid), oid_from(p.oid), child, active, out)?;
            }
            _ => {
                // Everything at or below this name differs; the parent lacks it entirely unless it
                // holds an entry of the same kind there.
                let added = p.is_none() || p.map(|p| p.is_tree()) != c.map(|c| c.is_tree());
                for ((changed, added_bits), (&under, &act)) in
                    out.changed.iter_mut().zip(out.added.iter_mut()).zip(child_node.under.iter().zip(active))
                {
                    let hit = under & act;
                    *changed |= hit;
                    if added {
                        *added_bits |= hit;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Blobs present in `p_tree` and absent from `c_tree` (the paths the commit deleted), by blob id.
/// Pruned by subtree id like [`diff`], but over the whole repository: a moved article may come
/// from anywhere.
fn deleted_blobs(
    reader: &mut ObjectReader<'_>,
    c_tree: Option<Oid>,
    p_tree: Oid,
    prefix: &mut Vec<u8>,
    out: &mut HashMap<Vec<u8>, Vec<u8>>,
) -> Result<(), HistoryError> {
    if c_tree == Some(p_tree) {
        return Ok(());
    }
    let p_data = reader.tree(p_tree)?;
    let c_data = match c_tree {
        Some(c) => reader.tree(c)?,
        None => std::rc::Rc::new(Tree::empty()),
    };
    let (c_range, p_range) = changed_region(&c_data, &p_data);
    let mut c_iter = c_data.entries(c_range).peekable();
    for p in p_data.entries(p_range) {
        // Advance the commit's side to the first entry not before `p`.
        while c_iter.peek().is_some_and(|c| tree_order(c, &p) == std::cmp::Ordering::Less) {
            c_iter.next();
        }
        let c: Option<Entry<'_>> = c_iter.peek().copied().filter(|c| tree_order(c, &p) == std::cmp::Ordering::Equal);
        if c.is_some_and(|c| c.same(&p)) {
            continue;
        }
        let len = prefix.len();
        if !prefix.is_empty() {
            prefix.push(b'/');
        }
        prefix.extend_from_slice(p.name);
        if p.is_tree() {
            let c_sub = c.filter(|c| c.is_tree()).map(|c| oid_from(c.oid));
            deleted_blobs(reader, c_sub, oid_from(p.oid), prefix, out)?;
        } else if c.is_none() && p.mode != 0o160000 {
            out.entry(p.oid.to_vec()).or_insert_with(|| prefix.clone());
        }
        prefix.truncate(len);
    }
    Ok(())
}

/// Runs the walk with `reader` (whose cached trees and commits it reuses). See the module
/// documentation.
pub(crate) fn walk(reader: ObjectReader<'_>, input: &WalkInput<'_>) -> Result<WalkOutput, HistoryError> {
    let mut walk = Walk::start(input, reader)?;
    while let Some(c) = walk.next_commit() {
        walk.process(c)?;
    }
    walk.finish()
}

/// Item sets no commit holds any more, kept for reuse: a long walk hands sets along millions of
/// times.
struct Pool {
    free: Vec<Vec<u64>>,
    words: usize,
}

impl Pool {
    /// An empty set.
    fn take(&mut self) -> Vec<u64> {
        self.free.pop().map_or_else(
            || vec![0u64; self.words],
            |mut v| {
                v.fill(0);
                v
            },
        )
    }

    fn give(&mut self, set: Vec<u64>) {
        self.free.push(set);
    }
}

/// One walk under way.
struct Walk<'r, 'i> {
    input: &'i WalkInput<'i>,
    reader: ObjectReader<'r>,
    graph: Graph,
    /// Each item's current name (its name in HEAD until a pure move is followed), and the trie
    /// of those names.
    names: Vec<Vec<u8>>,
    trie: Trie,
    /// The answer of each item, `ZERO_SHA1` until it is known.
    assigned: Vec<Oid>,
    unresolved: usize,
    /// Per commit (graph index): the items it is responsible for, and whether it is queued.
    sets: Vec<Option<Vec<u64>>>,
    queued: Vec<bool>,
    pool: Pool,
    /// Newest first; among equal times the commit met first (a child) first.
    queue: BinaryHeap<(i64, Reverse<u32>)>,
    /// Scratch space of the commit being processed: its comparison with one parent, the items
    /// its first parent lacks, and its parents' graph indices.
    result: DiffResult,
    added_first: Vec<u64>,
    parents: Vec<usize>,
    compared: usize,
}

impl<'r, 'i> Walk<'r, 'i> {
    /// HEAD, responsible for every item, is the first commit in the queue.
    fn start(input: &'i WalkInput<'i>, mut reader: ObjectReader<'r>) -> Result<Self, HistoryError> {
        let items = input.paths.len();
        let words = items.div_ceil(64).max(1);
        let names: Vec<Vec<u8>> = input.paths.iter().map(|p| p.as_bytes().to_vec()).collect();
        let mut trie = Trie::new(words);
        for (item, name) in names.iter().enumerate() {
            trie.insert(item, name);
        }
        let mut graph = Graph::new();
        let head = graph.load(&mut reader, input.head)?;
        let mut pool = Pool { free: Vec::new(), words };
        let mut head_set = pool.take();
        for item in 0..items {
            bits::set(&mut head_set, item);
        }
        let mut queue = BinaryHeap::new();
        queue.push((graph.times[head], Reverse(head as u32)));
        Ok(Walk {
            input,
            reader,
            graph,
            names,
            trie,
            assigned: vec![Oid::ZERO_SHA1; items],
            unresolved: items,
            sets: vec![Some(head_set)],
            queued: vec![true],
            pool,
            queue,
            result: DiffResult { changed: vec![0; words], added: vec![0; words] },
            added_first: vec![0u64; words],
            parents: Vec::new(),
            compared: 0,
        })
    }

    /// The next commit to process, newest first; none once every item has its answer.
    fn next_commit(&mut self) -> Option<usize> {
        let (_, Reverse(c)) = self.queue.pop()?;
        if self.unresolved == 0 {
            return None;
        }
        let c = c as usize;
        self.queued[c] = false;
        Some(c)
    }

    /// Hands on the items of commit `c` that it did not change and keeps the rest as its answers.
    fn process(&mut self, c: usize) -> Result<(), HistoryError> {
        let Some(mut active) = self.sets[c].take() else {
            return Ok(());
        };
        self.compared += 1;
        if let Some(progress) = self.input.progress
            && self.compared.is_multiple_of(1024)
        {
            progress(self.compared, self.unresolved);
        }
        self.load_parents(c)?;
        self.hand_down(c, &mut active)?;
        if bits::any(&active) && !self.parents.is_empty() {
            let first = self.parents[0];
            self.follow_moves(c, first, &mut active)?;
            self.skip_if_ignored(c, first, &mut active)?;
        }
        self.assign(c, active);
        self.queue_parents();
        Ok(())
    }

    fn load_parents(&mut self, c: usize) -> Result<(), HistoryError> {
        self.parents.clear();
        for k in 0..self.graph.parents[c].len() {
            let p = self.graph.load(&mut self.reader, self.graph.parents[c][k])?;
            if p == self.sets.len() {
                self.sets.push(None);
                self.queued.push(false);
            }
            self.parents.push(p);
        }
        Ok(())
    }

    /// Hands every item unchanged in a parent to the first such parent.
    fn hand_down(&mut self, c: usize, active: &mut [u64]) -> Result<(), HistoryError> {
        for (k, &p) in self.parents.iter().enumerate() {
            self.result.changed.fill(0);
            self.result.added.fill(0);
            if self.graph.trees[p] != self.graph.trees[c] {
                diff(
                    &mut self.reader,
                    &self.trie,
                    self.graph.trees[c],
                    self.graph.trees[p],
                    0,
                    active,
                    &mut self.result,
                )?;
            }
            let target = self.sets[p].get_or_insert_with(|| self.pool.take());
            for ((a, t), &ch) in active.iter_mut().zip(target.iter_mut()).zip(&self.result.changed) {
                *t |= *a & !ch;
                *a &= ch;
            }
            if k == 0 {
                for ((f, &a), &ad) in self.added_first.iter_mut().zip(active.iter()).zip(&self.result.added) {
                    *f = a & ad;
                }
            }
            if !bits::any(active) {
                break;
            }
        }
        Ok(())
    }

    /// A pure move: the item was added here with a blob this commit deleted elsewhere. It goes
    /// on under its old name in the first parent.
    fn follow_moves(&mut self, c: usize, first: usize, active: &mut [u64]) -> Result<(), HistoryError> {
        // Items a later parent took are no longer candidates.
        for (f, &a) in self.added_first.iter_mut().zip(active.iter()) {
            *f &= a;
        }
        if !self.input.follow_moves || !bits::any(&self.added_first) {
            return Ok(());
        }
        let mut deleted = HashMap::new();
        let (c_tree, p_tree) = (self.graph.trees[c], self.graph.trees[first]);
        deleted_blobs(&mut self.reader, Some(c_tree), p_tree, &mut Vec::new(), &mut deleted)?;
        let candidates: Vec<usize> = bits::ones(&self.added_first).collect();
        for item in candidates {
            let Some((_, blob)) = self.reader.lookup(c_tree, &self.names[item])? else {
                continue;
            };
            if let Some(old) = deleted.get(blob.as_bytes()) {
                self.trie.remove(item, &self.names[item]);
                self.names[item].clone_from(old);
                self.trie.insert(item, &self.names[item]);
                self.move_to(first, item, active);
            }
        }
        Ok(())
    }

    /// An ignored commit changes nothing: its items continue in the first parent with whatever
    /// content they had there, if they existed there at all.
    fn skip_if_ignored(&mut self, c: usize, first: usize, active: &mut [u64]) -> Result<(), HistoryError> {
        if !(self.graph.skip[c] || self.input.ignored.contains(&self.graph.oids[c])) {
            return Ok(());
        }
        let remaining: Vec<usize> = bits::ones(active).collect();
        for item in remaining {
            let here = self.reader.lookup(self.graph.trees[c], &self.names[item])?;
            let there = self.reader.lookup(self.graph.trees[first], &self.names[item])?;
            let is_tree = |e: Option<(u32, Oid)>| e.map(|(mode, _)| mode == 0o040000);
            if there.is_some() && is_tree(there) == is_tree(here) {
                self.move_to(first, item, active);
            }
        }
        Ok(())
    }

    /// Hands one item of the commit being processed to parent `p`.
    fn move_to(&mut self, p: usize, item: usize, active: &mut [u64]) {
        bits::clear(active, item);
        bits::set(self.sets[p].get_or_insert_with(|| self.pool.take()), item);
    }

    /// The items commit `c` kept are the ones it changed: it is their answer.
    fn assign(&mut self, c: usize, active: Vec<u64>) {
        for item in bits::ones(&active) {
            debug_assert_eq!(self.assigned[item], Oid::ZERO_SHA1, "item {item} assigned twice");
            self.assigned[item] = self.graph.oids[c];
            self.unresolved -= 1;
        }
        self.pool.give(active);
    }

    fn queue_parents(&mut self) {
        for &p in &self.parents {
            match &self.sets[p] {
                // Nothing handed down: keep no set.
                Some(set) if !bits::any(set) => self.pool.give(self.sets[p].take().expect("matched")),
                // Queue the parent; if it was processed already (its child's clock ran behind),
                // it is simply processed again for the new items, which is exact because each
                // item's way through history depends on the trees alone.
                Some(_) if !self.queued[p] => {
                    self.queued[p] = true;
                    self.queue.push((self.graph.times[p], Reverse(p as u32)));
                }
                _ => {}
            }
        }
    }

    fn finish(self) -> Result<WalkOutput, HistoryError> {
        // Every item ends at a commit (at the latest at a root), so this only fires on a bug; an
        // error naming the cause beats a made-up answer.
        if self.unresolved > 0 {
            return Err(HistoryError::Corrupt {
                oid: self.input.head.to_string(),
                detail: format!("the history walk ended with {} paths unanswered", self.unresolved),
            });
        }
        Ok(WalkOutput {
            commits: self.assigned,
            commits_loaded: self.graph.oids.len(),
            commits_compared: self.compared,
            trees_read: self.reader.trees_read,
        })
    }
}
