//! The one fixture kit for real git repositories with fixed authors, dates and time zones, shared
//! by the integration tests (`tests/all/common.rs`) and the history engine's unit tests
//! (`src/history/tests/mod.rs`), which both include this file as a module.
//!
//! Two ways to commit: [`Git::commit_all`] stages the work tree, as a writer does; [`Git::commit`]
//! writes any tree on any parents without touching the work tree, as the history tests need.
// Each of the two test crates uses its own part of the kit.
#![allow(dead_code)]

use std::path::Path;

use git2::{FileMode, Oid, Repository, Signature, Time};

/// The author of commits that name none.
pub const AUTHOR: (&str, &str) = ("Test Writer", "writer@example.com");

/// A git repository whose commits carry fixed authors, dates and time zones.
pub struct Git {
    pub repo: Repository,
}

impl Git {
    pub fn init(path: &Path) -> Git {
        Git { repo: Repository::init(path).expect("git init") }
    }

    /// Stages everything in the work tree and commits it on HEAD at `at` (RFC 3339, with its
    /// offset), by [`AUTHOR`].
    pub fn commit_all(&self, message: &str, at: &str) -> Oid {
        let mut index = self.repo.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = rfc3339_signature(at);
        let parents: Vec<git2::Commit> = match self.repo.head() {
            Ok(head) => vec![head.peel_to_commit().unwrap()],
            Err(_) => vec![],
        };
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        self.repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents).unwrap()
    }

    /// Starts a commit written straight into the object database (no reference moves): a root
    /// unless given parents, by [`AUTHOR`] at time 0 UTC unless told otherwise.
    pub fn commit(&self, message: &str) -> CommitSpec<'_> {
        CommitSpec {
            repo: &self.repo,
            message: message.to_string(),
            parents: Vec::new(),
            base: None,
            changes: Vec::new(),
            time: 0,
            offset: 0,
            author: (AUTHOR.0.to_string(), AUTHOR.1.to_string()),
        }
    }

    /// A lightweight tag on `commit`.
    pub fn tag(&self, name: &str, commit: Oid) {
        let object = self.repo.find_object(commit, None).unwrap();
        self.repo.tag_lightweight(name, &object, false).unwrap();
    }

    /// An annotated tag on `commit`, tagged at `at` (RFC 3339).
    pub fn tag_annotated(&self, name: &str, commit: Oid, at: &str) {
        let object = self.repo.find_object(commit, None).unwrap();
        self.repo.tag(name, &object, &rfc3339_signature(at), &format!("Release {name}"), false).unwrap();
    }

    /// A commit on a new branch from `parent`, not moving HEAD: the tree of `parent` with one
    /// file changed (for release branches that main never merges).
    pub fn commit_on_side(&self, branch: &str, parent: Oid, path: &str, contents: &str, at: &str) -> Oid {
        let (time, offset) = rfc3339(at);
        let oid = self.commit("release fix").parents(&[parent]).put(path, contents).at(time, offset).make();
        self.repo.branch(branch, &self.repo.find_commit(oid).unwrap(), false).unwrap();
        oid
    }

    /// Points `main` at `commit`, makes it HEAD and checks it out (index and work tree).
    pub fn checkout(&self, commit: Oid) {
        self.repo.reference("refs/heads/main", commit, true, "test").unwrap();
        self.repo.set_head("refs/heads/main").unwrap();
        self.reset(commit);
    }

    /// Detaches HEAD at `commit` and checks it out.
    pub fn detach(&self, commit: Oid) {
        self.repo.set_head_detached(commit).unwrap();
        self.reset(commit);
    }

    fn reset(&self, commit: Oid) {
        let object = self.repo.find_object(commit, None).unwrap();
        let mut checkout = git2::build::CheckoutBuilder::new();
        checkout.force().remove_untracked(true);
        self.repo.reset(&object, git2::ResetType::Hard, Some(&mut checkout)).unwrap();
    }
}

/// One commit to make; see [`Git::commit`].
pub struct CommitSpec<'r> {
    repo: &'r Repository,
    message: String,
    parents: Vec<Oid>,
    base: Option<Oid>,
    changes: Vec<(String, Option<Vec<u8>>)>,
    time: i64,
    offset: i32,
    author: (String, String),
}

impl CommitSpec<'_> {
    /// The parents, in order. Without this the commit is a root.
    pub fn parents(mut self, parents: &[Oid]) -> Self {
        self.parents = parents.to_vec();
        self
    }

    /// Start from this commit's tree instead of the first parent's.
    pub fn tree_of(mut self, commit: Oid) -> Self {
        self.base = Some(commit);
        self
    }

    /// Write a file.
    pub fn put(mut self, path: &str, content: &str) -> Self {
        self.changes.push((path.to_string(), Some(content.as_bytes().to_vec())));
        self
    }

    /// Delete a file.
    pub fn del(mut self, path: &str) -> Self {
        self.changes.push((path.to_string(), None));
        self
    }

    /// Author and committer date: seconds since the epoch, and the offset in minutes.
    pub fn at(mut self, time: i64, offset: i32) -> Self {
        self.time = time;
        self.offset = offset;
        self
    }

    /// The author (and committer), with the address `<name in lower case>@example.com`.
    pub fn by(mut self, name: &str) -> Self {
        self.author = (name.to_string(), format!("{}@example.com", name.to_lowercase()));
        self
    }

    /// Writes the commit (no reference is updated) and returns its id.
    pub fn make(self) -> Oid {
        let repo = self.repo;
        let base = self.base.or(self.parents.first().copied());
        let base_tree = match base {
            Some(commit) => repo.find_commit(commit).unwrap().tree().unwrap(),
            None => {
                let empty = repo.treebuilder(None).unwrap().write().unwrap();
                repo.find_tree(empty).unwrap()
            }
        };
        // The last change of a path wins; deleting an absent path does nothing.
        let changes: std::collections::BTreeMap<&str, &Option<Vec<u8>>> =
            self.changes.iter().map(|(path, content)| (path.as_str(), content)).collect();
        let mut update = git2::build::TreeUpdateBuilder::new();
        for (path, content) in changes {
            match content {
                Some(bytes) => {
                    let blob = repo.blob(bytes).unwrap();
                    update.upsert(path, blob, FileMode::Blob);
                }
                None => {
                    if base_tree.get_path(Path::new(path)).is_ok() {
                        update.remove(path);
                    }
                }
            }
        }
        let tree = update.create_updated(repo, &base_tree).unwrap();
        let tree = repo.find_tree(tree).unwrap();
        let signature = signature(&self.author.0, &self.author.1, self.time, self.offset);
        let parents: Vec<git2::Commit<'_>> = self.parents.iter().map(|p| repo.find_commit(*p).unwrap()).collect();
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        repo.commit(None, &signature, &signature, &self.message, &tree, &parents).unwrap()
    }
}

/// `2026-03-01T10:00:00+03:30` as seconds since the epoch and the offset in minutes.
pub fn rfc3339(at: &str) -> (i64, i32) {
    let time = chrono::DateTime::parse_from_rfc3339(at).expect("RFC 3339 date");
    (time.timestamp(), time.offset().local_minus_utc() / 60)
}

fn rfc3339_signature(at: &str) -> Signature<'static> {
    let (time, offset) = rfc3339(at);
    signature(AUTHOR.0, AUTHOR.1, time, offset)
}

fn signature(name: &str, email: &str, time: i64, offset: i32) -> Signature<'static> {
    Signature::new(name, email, &Time::new(time, offset)).unwrap()
}
