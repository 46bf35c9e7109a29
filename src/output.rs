//! Writing the site: into a temporary folder beside the output, swapped in only when everything
//! succeeded, so a failed build leaves the previous site as it was.
//!
//! Every write goes through [`Staging::write`], which refuses any path that would leave the
//! output folder, whatever a slug, alias or file name says.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::error::Error;

/// A site being written.
pub(crate) struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Files that are hard links to the same file of another version.
    linked: AtomicUsize,
    /// Folders made so far: a page and its Markdown copy share one, and asking the file system
    /// to make a folder that exists costs as much as making it (bench/versions/README.md).
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    /// Creates the temporary folder beside `target` (same file system, so the swap is a rename).
    pub(crate) fn new(target: &Path) -> Result<Staging, Error> {
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
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            linked: AtomicUsize::new(0),
            made: std::sync::Mutex::default(),
        })
    }

    /// Writes `bytes` at `rel` (a `/`-separated path under the site root, as in a URL path).
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.write_or_link(rel, bytes, &[])
    }

    /// [`Staging::write`], or a hard link to the file at `rel` in the first of `same_as` (folders
    /// of this build: another version's) that holds the same bytes. Static hosting still gets a
    /// real file; the disk holds it once. Where the file system cannot link, a copy.
    pub(crate) fn write_or_link(&self, rel: &str, bytes: &[u8], same_as: &[PathBuf]) -> Result<(), Error> {
        let path = self.prepare(rel)?;
        if !self.link_twin(rel, &path, same_as, |twin| same_bytes(bytes, twin)) {
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, "cannot write", e))?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies a file from the content folder to `rel`, or makes a hard link as
    /// [`Staging::write_or_link`] does.
    pub(crate) fn copy_or_link(&self, from: &Path, rel: &str, same_as: &[PathBuf]) -> Result<(), Error> {
        let path = self.prepare(rel)?;
        let n = if self.link_twin(rel, &path, same_as, |twin| same_file(from, twin)) {
            std::fs::metadata(&path).map(|m| m.len()).unwrap_or_default()
        } else {
            std::fs::copy(from, &path).map_err(|e| Error::io(from, "cannot copy", e))?
        };
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(n, Ordering::Relaxed);
        Ok(())
    }

    /// The file for `rel`, its folder created and any file already written there removed: that
    /// one may be a hard link to another version's file, which writing through it would change.
    fn prepare(&self, rel: &str) -> Result<PathBuf, Error> {
        let path = self.resolve(rel)?;
        if let Some(parent) = path.parent() {
            let made = self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(parent);
            if !made {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io(parent, "cannot create a folder in the output", e))?;
                self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(parent.to_path_buf());
            }
        }
        if path.symlink_metadata().is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, "cannot replace", e))?;
        }
        Ok(path)
    }

    /// Links `path` to the first file at `rel` under `same_as` for which `same` holds; whether
    /// it did.
    fn link_twin(&self, rel: &str, path: &Path, same_as: &[PathBuf], same: impl Fn(&Path) -> bool) -> bool {
        let twin = same_as.iter().filter_map(|dir| inside(dir, rel).ok()).find(|twin| same(twin));
        let linked = twin.is_some_and(|twin| std::fs::hard_link(twin, path).is_ok());
        if linked {
            self.linked.fetch_add(1, Ordering::Relaxed);
        }
        linked
    }

    /// A folder inside the site for a stage that writes files itself (the search export).
    pub(crate) fn subdir(&self, rel: &str) -> Result<PathBuf, Error> {
        let path = self.resolve(rel)?;
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, "cannot create a folder in the output", e))?;
        Ok(path)
    }

    /// Counts files another stage wrote into a [`Staging::subdir`].
    pub(crate) fn record(&self, files: usize, bytes: u64) {
        self.files.fetch_add(files, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Whether a file was already written at `rel`.
    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.resolve(rel).is_ok_and(|p| p.exists())
    }

    /// The folder being filled (nested builds, such as a site's old versions, write into it).
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
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

    /// Maps a site path to a file inside the staging folder, refusing anything that is not a
    /// plain relative path.
    fn resolve(&self, rel: &str) -> Result<PathBuf, Error> {
        inside(self.dir.path(), rel)
    }

    /// Puts the new site in place of the old one.
    pub(crate) fn commit(self) -> Result<(), Error> {
        let staged = self.dir.keep();
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
            std::fs::rename(target, &old).map_err(|e| Error::io(target, "cannot move the previous site aside", e))?;
            if let Err(e) = std::fs::rename(&staged, target) {
                // Put the previous site back: a failed build must not lose it.
                let _ = std::fs::rename(&old, target);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::io(target, "cannot put the new site in place", e));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&staged, target).map_err(|e| Error::io(target, "cannot put the new site in place", e))?;
        }
        Ok(())
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

/// Whether the file at `path` holds exactly `bytes`.
fn same_bytes(bytes: &[u8], path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|held| held == bytes)
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

        let staging = Staging::new(&target).unwrap();
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

        let staging = Staging::new(&tmp.path().join("v1")).unwrap();
        staging.write_or_link("style.css", b"theme", std::slice::from_ref(&current)).unwrap();
        assert_eq!(staging.linked(), 1);
        staging.copy_or_link(&own, "style.css", std::slice::from_ref(&current)).unwrap();
        staging.write_or_link("style.css", b"written", std::slice::from_ref(&current)).unwrap();
        assert_eq!(std::fs::read_to_string(current.join("style.css")).unwrap(), "theme");
        assert_eq!(std::fs::read_to_string(staging.path().join("style.css")).unwrap(), "written");
    }

    #[test]
    fn dropped_staging_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        {
            let staging = Staging::new(&target).unwrap();
            staging.write("index.html", b"x").unwrap();
        }
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }
}
