//! Writing the site: into a temporary folder beside the output, swapped in only when everything
//! succeeded, so a failed build leaves the previous site as it was.
//!
//! Every write goes through [`Staging::write`], which refuses any path that would leave the
//! output folder, whatever a slug, alias or file name says.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::error::Error;

/// A folder of this build that a file may be a hard link into (another version's), with the
/// git blob each of its content files was read from, where they were read from git.
#[derive(Clone)]
pub(crate) struct Twin {
    pub(crate) dir: PathBuf,
    /// Site path (`img/a.png`) → blob.
    pub(crate) blobs: Option<std::sync::Arc<std::collections::HashMap<String, git2::Oid>>>,
}

/// A site being written.
///
/// A build can start from an earlier site instead of an empty folder (`spare`): the site that
/// the last build replaced, kept in the cache (docs/ARCHITECTURE.md §7.5). A file that would be
/// written with the bytes it already holds there is left as it is, and at the swap every file
/// of that site that this build did not write is removed. Creating a file costs more than
/// comparing its bytes (bench/PROFILE-10K.md), so a build that changed one article writes a
/// handful of files, and the files it did not change keep their times (a deploy that syncs by
/// time and size sends only what changed).
pub(crate) struct Staging {
    dir: Owned,
    target: PathBuf,
    /// Where the site this build replaces is kept for the next build, or none.
    spare: Option<PathBuf>,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Files that are hard links to the same file of another version.
    linked: AtomicUsize,
    /// Files of the earlier site left as they were, holding what this build would write.
    kept: AtomicUsize,
    state: std::sync::Mutex<Files>,
}

/// What the staging folder holds.
#[derive(Default)]
struct Files {
    /// Folders made so far, or there from the earlier site: a page and its Markdown copy share
    /// one, and asking the file system to make a folder that exists costs as much as making it
    /// (bench/versions/README.md).
    made: HashSet<PathBuf>,
    /// Files of the earlier site that this build has not written (yet): removed at the swap.
    left: HashSet<PathBuf>,
    /// Files this build wrote or kept.
    written: HashSet<PathBuf>,
    /// Folders whose files a nested build wrote itself (an old version's): the swap leaves
    /// them alone.
    owned: Vec<PathBuf>,
}

/// A folder removed when dropped, unless kept.
struct Owned {
    path: PathBuf,
    keep: bool,
}

impl Drop for Owned {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

impl Staging {
    /// Creates the temporary folder beside `target` (same file system, so the swap is a rename).
    /// With `spare`, a folder holding an earlier site, the build starts from that site, moved
    /// into place (when it cannot be moved, from an empty folder), and the site it replaces is
    /// moved there at the swap. `spare` may be `target` itself when that is not a live site (an
    /// old version's folder inside the site being built).
    pub(crate) fn new(target: &Path, spare: Option<&Path>) -> Result<Staging, Error> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| Error::io(&parent, "cannot create the output's parent folder", e))?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.freshdocs-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, "cannot create a temporary folder for the build", e))?;
        let mut state = Files::default();
        let path = dir.keep();
        if let Some(spare) = spare.filter(|s| s.is_dir()) {
            // The empty folder goes, and the earlier site takes its name.
            let _ = std::fs::remove_dir(&path);
            match std::fs::rename(spare, &path) {
                Ok(()) => state = Files::of(&path),
                Err(_) => {
                    // Another file system (`--out` elsewhere): not worth keeping.
                    if spare != target {
                        let _ = std::fs::remove_dir_all(spare);
                    }
                    std::fs::create_dir(&path)
                        .map_err(|e| Error::io(&parent, "cannot create a temporary folder for the build", e))?;
                }
            }
        }
        let spare = spare.filter(|s| *s != target).map(Path::to_path_buf);
        Ok(Staging {
            dir: Owned { path, keep: false },
            target: target.to_path_buf(),
            spare,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            linked: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            state: std::sync::Mutex::new(state),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Files> {
        // Each change to the sets is one insert or remove: a panic leaves them whole.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Writes `bytes` at `rel` (a `/`-separated path under the site root, as in a URL path).
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.write_or_link(rel, bytes, &[])
    }

    /// The hard link that [`Staging::copy_or_link`] makes, or none.
    fn twin_of(&self, rel: &str, from: &Path, blob: Option<git2::Oid>, same_as: &[Twin]) -> Option<PathBuf> {
        let known = |twin: &Twin| twin.blobs.as_ref().map(|blobs| blobs.get(rel).copied());
        // The same blob in a folder whose file there was read from git: the same bytes, unread.
        if let Some(id) = blob
            && let Some(twin) = same_as.iter().find(|twin| known(twin) == Some(Some(id)))
        {
            return inside(&twin.dir, rel).ok().filter(|path| path.is_file());
        }
        same_as
            .iter()
            // A known other blob is other bytes.
            .filter(|twin| blob.is_none() || known(twin).is_none())
            .filter_map(|twin| inside(&twin.dir, rel).ok())
            .find(|twin| same_file(from, twin))
    }

    /// [`Staging::write`], or a hard link to the file at `rel` in the first of `same_as` (folders
    /// of this build: another version's) that holds the same bytes. Static hosting still gets a
    /// real file; the disk holds it once. Where the file system cannot link, a copy.
    pub(crate) fn write_or_link(&self, rel: &str, bytes: &[u8], same_as: &[Twin]) -> Result<(), Error> {
        let path = self.resolve(rel)?;
        self.count(bytes.len() as u64);
        if self.keep_if(&path, |old| same_bytes(bytes, old)) {
            return Ok(());
        }
        self.prepare(&path)?;
        if !self.link_twin(rel, &path, same_as, |twin| same_bytes(bytes, twin)) {
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, "cannot write", e))?;
        }
        Ok(())
    }

    /// Copies a file from the content folder to `rel`, or makes a hard link as
    /// [`Staging::write_or_link`] does. `blob`: the git blob `from` holds, when it was read out
    /// of git (an old version's), so that a folder whose file was read from the same blob is
    /// linked without comparing bytes.
    pub(crate) fn copy_or_link(
        &self,
        from: &Path,
        rel: &str,
        blob: Option<git2::Oid>,
        same_as: &[Twin],
    ) -> Result<(), Error> {
        let path = self.resolve(rel)?;
        let n = if self.keep_if(&path, |old| same_file(from, old)) {
            std::fs::metadata(&path).map(|m| m.len()).unwrap_or_default()
        } else {
            self.prepare(&path)?;
            let twin = self.twin_of(rel, from, blob, same_as);
            if twin.is_some_and(|twin| self.link(&twin, &path)) {
                std::fs::metadata(&path).map(|m| m.len()).unwrap_or_default()
            } else {
                std::fs::copy(from, &path).map_err(|e| Error::io(from, "cannot copy", e))?
            }
        };
        self.count(n);
        Ok(())
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Whether the earlier site's file at `path`, not yet written by this build, already holds
    /// what `same` looks for; it is then kept as it is.
    fn keep_if(&self, path: &Path, same: impl FnOnce(&Path) -> bool) -> bool {
        if !self.lock().left.contains(path) || !same(path) {
            return false;
        }
        let mut state = self.lock();
        state.left.remove(path);
        state.written.insert(path.to_path_buf());
        drop(state);
        self.kept.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// Makes `path`'s folder and removes any file already there: that one may be a hard link to
    /// another version's file, which writing through it would change.
    fn prepare(&self, path: &Path) -> Result<(), Error> {
        let (made, there, folder_there, files_in_the_way) = {
            let mut state = self.lock();
            let made = path.parent().is_none_or(|parent| state.made.contains(parent));
            let there = state.left.remove(path) | !state.written.insert(path.to_path_buf());
            // The earlier site may hold a folder where this build writes a file, or a file where
            // it needs a folder (a page's address that was a file's).
            let folder_there = state.made.remove(path);
            if folder_there {
                state.made.retain(|dir| !dir.starts_with(path));
            }
            let in_the_way: Vec<PathBuf> = match made {
                true => Vec::new(),
                false => path.ancestors().skip(1).filter(|a| state.left.remove(*a)).map(Path::to_path_buf).collect(),
            };
            (made, there, folder_there, in_the_way)
        };
        if folder_there {
            std::fs::remove_dir_all(path).map_err(|e| Error::io(path, "cannot replace", e))?;
        }
        for file in &files_in_the_way {
            std::fs::remove_file(file).map_err(|e| Error::io(file, "cannot replace", e))?;
        }
        if !made && let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(parent, "cannot create a folder in the output", e))?;
            self.lock().made.insert(parent.to_path_buf());
        }
        if there && path.symlink_metadata().is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(path).map_err(|e| Error::io(path, "cannot replace", e))?;
        }
        Ok(())
    }

    /// Links `path` to the first file at `rel` under `same_as` for which `same` holds; whether
    /// it did.
    fn link_twin(&self, rel: &str, path: &Path, same_as: &[Twin], same: impl Fn(&Path) -> bool) -> bool {
        let twin = same_as.iter().filter_map(|twin| inside(&twin.dir, rel).ok()).find(|twin| same(twin));
        twin.is_some_and(|twin| self.link(&twin, path))
    }

    /// Makes `path` a hard link to `twin`; whether it could.
    fn link(&self, twin: &Path, path: &Path) -> bool {
        let linked = std::fs::hard_link(twin, path).is_ok();
        if linked {
            self.linked.fetch_add(1, Ordering::Relaxed);
        }
        linked
    }

    /// Leaves the folder at `rel` to whoever fills it (a nested build, such as an old version's
    /// into its own folder): the swap does not remove what the earlier site had there.
    pub(crate) fn adopt(&self, rel: &str) -> Result<(), Error> {
        let path = self.resolve(rel)?;
        self.own(&path);
        Ok(())
    }

    fn own(&self, path: &Path) {
        let mut state = self.lock();
        state.left.retain(|file| !file.starts_with(path));
        state.owned.push(path.to_path_buf());
    }

    /// Whether this build already wrote a file at `rel`.
    pub(crate) fn exists(&self, rel: &str) -> bool {
        let Ok(path) = self.resolve(rel) else { return false };
        let state = self.lock();
        state.written.contains(&path) || (!state.left.contains(&path) && path.exists())
    }

    /// The folder being filled (nested builds, such as a site's old versions, write into it).
    pub(crate) fn path(&self) -> &Path {
        &self.dir.path
    }

    pub(crate) fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    pub(crate) fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    pub(crate) fn linked(&self) -> usize {
        self.linked.load(Ordering::Relaxed)
    }

    /// Files of the earlier site that were left as they were.
    pub(crate) fn kept(&self) -> usize {
        self.kept.load(Ordering::Relaxed)
    }

    /// Maps a site path to a file inside the staging folder, refusing anything that is not a
    /// plain relative path.
    fn resolve(&self, rel: &str) -> Result<PathBuf, Error> {
        inside(&self.dir.path, rel)
    }

    /// Removes the earlier site's files that this build did not write, and the folders left
    /// empty by that.
    fn sweep(&self) {
        let left = std::mem::take(&mut self.lock().left);
        let mut emptied: Vec<PathBuf> = Vec::new();
        for file in &left {
            if std::fs::remove_file(file).is_ok()
                && let Some(parent) = file.parent()
            {
                emptied.push(parent.to_path_buf());
            }
        }
        // Deepest first; a folder that still holds something stays.
        emptied.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
        emptied.dedup();
        for dir in emptied {
            for folder in dir.ancestors().take_while(|d| d.starts_with(&self.dir.path) && *d != self.dir.path) {
                if std::fs::remove_dir(folder).is_err() {
                    break;
                }
            }
        }
    }

    /// Puts the new site in place of the old one.
    pub(crate) fn commit(mut self) -> Result<(), Error> {
        self.sweep();
        self.dir.keep = true;
        let staged = self.dir.path.clone();
        let target = &self.target;
        if target.exists() {
            if !target.is_dir() {
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::io(
                    target,
                    "cannot replace the output",
                    std::io::Error::other("it exists and is not a folder"),
                ));
            }
            let old = staged.with_file_name(format!(
                ".{}.freshdocs-old-{}",
                target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                std::process::id()
            ));
            if let Err(e) = std::fs::rename(target, &old) {
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::io(target, "cannot move the previous site aside", e));
            }
            if let Err(e) = std::fs::rename(&staged, target) {
                // Put the previous site back: a failed build must not lose it.
                let _ = std::fs::rename(&old, target);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::io(target, "cannot put the new site in place", e));
            }
            // The replaced site is where the next build starts from; failing that, it goes.
            let kept = self.spare.as_deref().is_some_and(|spare| {
                spare.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok())
                    && std::fs::rename(&old, spare).is_ok()
            });
            if !kept {
                let _ = std::fs::remove_dir_all(&old);
            }
        } else {
            std::fs::rename(&staged, target).map_err(|e| Error::io(target, "cannot put the new site in place", e))?;
        }
        Ok(())
    }
}

impl Files {
    /// The files and folders of the site in `dir`.
    fn of(dir: &Path) -> Files {
        let mut files = Files::default();
        for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
            if entry.file_type().is_dir() {
                files.made.insert(entry.into_path());
            } else {
                files.left.insert(entry.into_path());
            }
        }
        files
    }
}

/// Replaces one file atomically (written beside it, then renamed over it, keeping its
/// permissions): a reader never sees half a page, and an interrupted write cannot truncate an
/// article.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, "cannot write beside", e))?;
    std::io::Write::write_all(&mut temp, bytes).map_err(|e| Error::io(path, "cannot write", e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(path).map_err(|e| Error::io(path, "cannot replace", e.error))?;
    Ok(())
}

/// `rel` (a site path) under `dir`, refusing anything that is not a plain relative path.
fn inside(dir: &Path, rel: &str) -> Result<PathBuf, Error> {
    let mut path = dir.to_path_buf();
    let trimmed = rel.trim_start_matches('/');
    if trimmed.is_empty() {
        return Err(escape_error(rel));
    }
    for component in Path::new(trimmed).components() {
        match component {
            Component::Normal(part) => path.push(part),
            _ => return Err(escape_error(rel)),
        }
    }
    Ok(path)
}

/// Whether the file at `path` holds exactly `bytes`; read a piece at a time, since one file
/// (`llms-full.txt`) holds every article of a large site.
fn same_bytes(bytes: &[u8], path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    if !file.metadata().is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) {
        return false;
    }
    let mut chunk = vec![0u8; bytes.len().clamp(1, 64 * 1024)];
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = chunk.len().min(rest.len());
        if file.read_exact(&mut chunk[..n]).is_err() || chunk[..n] != rest[..n] {
            return false;
        }
        rest = &rest[n..];
    }
    file.read(&mut chunk[..1]).is_ok_and(|n| n == 0)
}

/// Whether two files hold the same bytes, read side by side.
fn same_file(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(meta_a), Ok(meta_b)) = (std::fs::metadata(a), std::fs::metadata(b)) else { return false };
    if !meta_b.is_file() || meta_a.len() != meta_b.len() {
        return false;
    }
    let (Ok(file_a), Ok(file_b)) = (std::fs::File::open(a), std::fs::File::open(b)) else { return false };
    let (mut a, mut b) = (file_a, file_b);
    let (mut chunk_a, mut chunk_b) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = match a.read(&mut chunk_a) {
            Ok(0) => return b.read(&mut chunk_b).is_ok_and(|n| n == 0),
            Ok(n) => n,
            Err(_) => return false,
        };
        if b.read_exact(&mut chunk_b[..n]).is_err() || chunk_a[..n] != chunk_b[..n] {
            return false;
        }
    }
}

fn escape_error(rel: &str) -> Error {
    Error::EscapesSite {
        path: PathBuf::from("(output)"),
        span: Default::default(),
        what: "the output path",
        value: rel.to_string(),
    }
}

/// An alias (old URL) as a site path inside the output, or `None` if it would leave the site.
pub(crate) fn alias_path(alias: &str, base_path: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.is_empty() || alias.contains("://") || alias.starts_with("//") || alias.contains('\\') {
        return None;
    }
    let path = alias.split(['#', '?']).next().unwrap_or("");
    let path = path.strip_prefix(base_path).or_else(|| path.strip_prefix('/')).unwrap_or(path);
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        return None;
    }
    let last = parts.last().copied().unwrap_or_default();
    let file = if last.ends_with(".html") || last.ends_with(".htm") {
        parts.join("/")
    } else {
        format!("{}/index.html", parts.join("/"))
    };
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_stay_inside_the_site() {
        assert_eq!(alias_path("/old/page/", "/").as_deref(), Some("old/page/index.html"));
        assert_eq!(alias_path("old/page.html", "/").as_deref(), Some("old/page.html"));
        assert_eq!(alias_path("/docs/old/", "/docs/").as_deref(), Some("old/index.html"));
        for bad in ["../../x", "/a/../../x", "https://evil.example/", "//evil", "/", "", "a\\..\\b"] {
            assert_eq!(alias_path(bad, "/"), None, "{bad:?}");
        }
    }

    #[test]
    fn staging_refuses_escapes_and_swaps_atomically() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let staging = Staging::new(&target, None).unwrap();
        assert!(staging.write("../escape.html", b"x").is_err());
        assert!(staging.write("/a/../../escape.html", b"x").is_err());
        assert!(!tmp.path().join("escape.html").exists());
        staging.write("a/index.html", b"new").unwrap();
        // Not committed yet: the previous site is intact.
        assert!(target.join("old.html").exists());
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(target.join("a/index.html")).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the output folder remains");
    }

    /// A file written over another that is a hard link (a site's own `style.css` over the
    /// theme's, linked to the current docs' copy) must not change the file it was linked to.
    #[test]
    fn writing_over_a_hard_link_leaves_the_other_version_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let current = tmp.path().join("current");
        std::fs::create_dir(&current).unwrap();
        std::fs::write(current.join("style.css"), "theme").unwrap();
        let own = tmp.path().join("own.css");
        std::fs::write(&own, "the version's own").unwrap();

        let staging = Staging::new(&tmp.path().join("v1"), None).unwrap();
        let current = [Twin { dir: current, blobs: None }];
        staging.write_or_link("style.css", b"theme", &current).unwrap();
        assert_eq!(staging.linked(), 1);
        staging.copy_or_link(&own, "style.css", None, &current).unwrap();
        staging.write_or_link("style.css", b"written", &current).unwrap();
        let current = &current[0].dir;
        assert_eq!(std::fs::read_to_string(current.join("style.css")).unwrap(), "theme");
        assert_eq!(std::fs::read_to_string(staging.path().join("style.css")).unwrap(), "written");
    }

    /// A content file read out of git is linked to a folder whose file there came from the same
    /// blob without its bytes being read, and never compared with one from another blob; a
    /// folder whose files were not read from git (the current docs') is compared byte for byte.
    #[test]
    fn content_files_are_matched_by_blob_where_both_came_from_git() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = |name: &str, bytes: &str, blob: Option<u8>| {
            let dir = tmp.path().join(name);
            std::fs::create_dir_all(dir.join("img")).unwrap();
            std::fs::write(dir.join("img/a.png"), bytes).unwrap();
            let blobs = blob.map(|b| {
                let id = git2::Oid::from_bytes(&[b; 20]).unwrap();
                std::sync::Arc::new(std::collections::HashMap::from([("img/a.png".to_string(), id)]))
            });
            Twin { dir, blobs }
        };
        let source = tmp.path().join("a.png");
        std::fs::write(&source, "pixels").unwrap();
        let blob = |b: u8| Some(git2::Oid::from_bytes(&[b; 20]).unwrap());
        let staging = Staging::new(&tmp.path().join("v3"), None).unwrap();
        let same_bytes_other_blob = [folder("v1", "pixels", Some(1))];
        staging.copy_or_link(&source, "img/a.png", blob(2), &same_bytes_other_blob).unwrap();
        assert_eq!(staging.linked(), 0, "another blob is other bytes: not even compared");
        // (Bytes that differ from the blob's could only be a damaged cache; they show that the
        // blob alone decided.)
        let same_blob = [folder("current", "other", None), folder("v2", "unread", Some(2))];
        staging.copy_or_link(&source, "img/a.png", blob(2), &same_blob).unwrap();
        assert_eq!(staging.linked(), 1);
        assert_eq!(std::fs::read_to_string(staging.path().join("img/a.png")).unwrap(), "unread");
        let unknown = [folder("current2", "pixels", None)];
        staging.copy_or_link(&source, "img/a.png", blob(3), &unknown).unwrap();
        assert_eq!(staging.linked(), 2, "the current docs' file is compared");
    }

    /// Every file under `dir`, relative, with its bytes.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                (rel, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
    }

    /// A build from an earlier site keeps the files it would write with the same bytes, rewrites
    /// the others, and removes what it did not write; the replaced site becomes the next spare.
    #[test]
    fn a_build_from_an_earlier_site_writes_only_what_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let (target, spare) = (tmp.path().join("public"), tmp.path().join("cache/site"));
        let build = |files: &[(&str, &str)]| {
            let staging = Staging::new(&target, Some(&spare)).unwrap();
            for (rel, text) in files {
                staging.write(rel, text.as_bytes()).unwrap();
            }
            let kept = staging.kept();
            staging.commit().unwrap();
            kept
        };
        let first = [("index.html", "home"), ("a/index.html", "a"), ("b/c/index.html", "c")];
        assert_eq!(build(&first), 0);
        assert!(!spare.exists(), "nothing replaced yet");
        assert_eq!(build(&first), 0, "the first site is live: the second build starts from nothing");
        assert!(spare.is_dir(), "the replaced site is kept");
        #[cfg(unix)]
        let home = inode(&spare.join("index.html"));

        let third = [("index.html", "home"), ("a/index.html", "a, changed"), ("d/index.html", "new")];
        assert_eq!(build(&third), 1, "only the home page holds what it held");
        assert_eq!(
            tree(&target),
            [("a/index.html", "a, changed"), ("d/index.html", "new"), ("index.html", "home")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert!(!target.join("b").exists(), "a folder left empty goes");
        #[cfg(unix)]
        assert_eq!(inode(&target.join("index.html")), home, "the unchanged file is the same file");
        assert_eq!(tree(&spare).len(), 3, "the second site is the next spare");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 2, "only the output and the cache: {leftovers:?}");
    }

    /// A build that fails after taking the spare loses it, never the live site; an alias is
    /// checked against what this build wrote, not against what the earlier site held.
    #[test]
    fn a_failed_build_from_an_earlier_site_leaves_the_live_one() {
        let tmp = tempfile::tempdir().unwrap();
        let (target, spare) = (tmp.path().join("public"), tmp.path().join("spare"));
        std::fs::create_dir_all(spare.join("old")).unwrap();
        std::fs::write(spare.join("old/index.html"), "earlier").unwrap();
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("index.html"), "live").unwrap();
        {
            let staging = Staging::new(&target, Some(&spare)).unwrap();
            assert!(!spare.exists(), "taken");
            assert!(!staging.exists("old/index.html"), "not written by this build");
            staging.write("old/index.html", b"written").unwrap();
            assert!(staging.exists("old/index.html"));
        }
        assert_eq!(tree(&target), [("index.html".to_string(), "live".to_string())]);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "no staging folder is left");
    }

    /// A page whose address was a folder of the earlier site, and a folder where it had a file.
    #[test]
    fn a_file_and_a_folder_of_the_earlier_site_make_way() {
        let tmp = tempfile::tempdir().unwrap();
        let spare = tmp.path().join("spare");
        std::fs::create_dir_all(spare.join("guide/old")).unwrap();
        std::fs::write(spare.join("guide/old/index.html"), "a folder").unwrap();
        std::fs::write(spare.join("faq"), "a file").unwrap();
        let staging = Staging::new(&tmp.path().join("public"), Some(&spare)).unwrap();
        staging.write("guide", b"now a file").unwrap();
        staging.write("faq/index.html", b"now a page").unwrap();
        staging.commit().unwrap();
        let public = tmp.path().join("public");
        assert_eq!(
            tree(&public),
            [("faq/index.html", "now a page"), ("guide", "now a file")].map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    /// A kept file that is a hard link to another version's stays shared; a rewritten one is
    /// a file of its own.
    #[test]
    fn rewriting_a_kept_hard_link_leaves_its_twin() {
        let tmp = tempfile::tempdir().unwrap();
        let spare = tmp.path().join("spare");
        std::fs::create_dir_all(spare.join("v1")).unwrap();
        std::fs::write(spare.join("style.css"), "theme").unwrap();
        std::fs::hard_link(spare.join("style.css"), spare.join("v1/style.css")).unwrap();
        let staging = Staging::new(&tmp.path().join("public"), Some(&spare)).unwrap();
        staging.write("v1/style.css", b"theme").unwrap();
        staging.write("style.css", b"changed").unwrap();
        assert_eq!(staging.kept(), 1);
        staging.commit().unwrap();
        let public = tmp.path().join("public");
        assert_eq!(std::fs::read_to_string(public.join("v1/style.css")).unwrap(), "theme");
        assert_eq!(std::fs::read_to_string(public.join("style.css")).unwrap(), "changed");
    }

    #[test]
    fn dropped_staging_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        {
            let staging = Staging::new(&target, None).unwrap();
            staging.write("index.html", b"x").unwrap();
        }
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }
}
