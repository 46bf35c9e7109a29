//! Watching what a build reads (the content folder, `themes/`, `templates/`, `static/`, `i18n/`
//! and `freshdocs.toml`) and turning each burst of changes into one rebuild.
//!
//! Editors save in several steps (a temporary file, a rename, a metadata change), so a rebuild
//! starts only once no relevant event has come for [`DEBOUNCE`]. Events the build itself causes
//! (files opened and read) and files the build ignores (hidden files, editor swap and backup
//! files, `.git`) never start one. The watched folders are checked again after every build, so
//! a new `templates/` folder or a changed `content = "…"` is picked up.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::config::{CONFIG_FILE, Site};
use crate::error::Error;

/// Quiet time after the last change before rebuilding.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(100);

/// The folders beside `freshdocs.toml` that hold a site's theme.
const THEME_DIRS: &[&str] = &["themes", "templates", "static", "i18n"];

/// What the watcher asks of the preview.
pub(crate) enum Change {
    /// Files changed: `path` is the first of them; `quiet_since` is when the burst ended.
    Rebuild { path: PathBuf, quiet_since: Instant },
    /// The watcher reported an error.
    Trouble(String),
}

/// The watches on a site's inputs, and the events not yet handled.
pub(crate) struct Watch {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    sources: Sources,
    watched: BTreeSet<(PathBuf, bool)>,
}

impl Watch {
    /// Starts watching `root`'s inputs; from now on no change is missed, even during a build.
    /// Folders that cannot be watched are reported through `on_change`.
    pub(crate) fn start(root: &Path, on_change: &mut impl FnMut(Change)) -> Result<Watch, Error> {
        let root = std::path::absolute(root).map_err(|e| Error::io(root, "cannot resolve the folder", e))?;
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(|e| Error::io(&root, "cannot watch for changes", std::io::Error::other(e)))?;
        let sources = Sources::of(&root, None);
        let mut watch = Watch { root, watcher, events, sources, watched: BTreeSet::new() };
        watch.sync(on_change);
        Ok(watch)
    }

    /// Calls `on_change` after every burst of changes, until the watcher stops.
    pub(crate) fn run(mut self, mut on_change: impl FnMut(Change)) {
        loop {
            let Ok(event) = self.events.recv() else { return };
            let Some(path) = relevant(event, &self.sources, &mut on_change) else { continue };
            let mut quiet_since = Instant::now();
            loop {
                let left = DEBOUNCE.saturating_sub(quiet_since.elapsed());
                match self.events.recv_timeout(left) {
                    Ok(event) => {
                        if relevant(event, &self.sources, &mut on_change).is_some() {
                            quiet_since = Instant::now();
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            on_change(Change::Rebuild { path, quiet_since });
            self.sources = Sources::of(&self.root, Some(&self.sources));
            self.sync(&mut on_change);
        }
    }

    /// Brings the watches in line with the sources.
    fn sync(&mut self, on_change: &mut impl FnMut(Change)) {
        let wanted = self.sources.watch_list();
        for gone in self.watched.difference(&wanted) {
            let _ = self.watcher.unwatch(&gone.0);
        }
        self.watched.retain(|w| wanted.contains(w));
        for (dir, recursive) in wanted {
            if self.watched.contains(&(dir.clone(), recursive)) {
                continue;
            }
            let mode = if recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
            match self.watcher.watch(&dir, mode) {
                Ok(()) => {
                    self.watched.insert((dir, recursive));
                }
                Err(e) => on_change(Change::Trouble(format!("cannot watch {}: {e}", dir.display()))),
            }
        }
    }
}

/// Where a site's inputs are.
#[derive(Debug, Clone, PartialEq)]
struct Sources {
    root: PathBuf,
    content_dir: PathBuf,
}

impl Sources {
    /// From `freshdocs.toml`; while it cannot be read, the previous answer (or `content/`) holds.
    fn of(root: &Path, previous: Option<&Sources>) -> Sources {
        let content_dir = match Site::load(root, None) {
            Ok(site) => std::path::absolute(&site.content_dir).unwrap_or(site.content_dir),
            Err(_) => match previous {
                Some(previous) => previous.content_dir.clone(),
                None if root.join(CONFIG_FILE).is_file() => root.join("content"),
                None => root.to_path_buf(),
            },
        };
        Sources { root: root.to_path_buf(), content_dir }
    }

    /// The folders to watch: the root itself (for `freshdocs.toml` and new theme folders), the
    /// content folder and the theme folders that exist.
    fn watch_list(&self) -> BTreeSet<(PathBuf, bool)> {
        let mut list = BTreeSet::new();
        if self.content_dir == self.root {
            list.insert((self.root.clone(), true));
            return list;
        }
        list.insert((self.root.clone(), false));
        if self.content_dir.is_dir() {
            list.insert((self.content_dir.clone(), true));
        }
        for dir in THEME_DIRS.iter().map(|d| self.root.join(d)).filter(|d| d.is_dir()) {
            list.insert((dir, true));
        }
        list
    }

    /// Whether a change to `path` can change the site.
    fn matters(&self, path: &Path) -> bool {
        let ignored_name = path.file_name().and_then(|n| n.to_str()).is_some_and(|name| {
            name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913"
        });
        if ignored_name {
            return false;
        }
        let inside = |dir: &Path| {
            path.strip_prefix(dir).ok().is_some_and(|rel| {
                rel.components().all(|c| {
                    let name = c.as_os_str().to_string_lossy();
                    !name.starts_with('.') && name != "node_modules"
                })
            })
        };
        if inside(&self.content_dir) {
            return true;
        }
        if THEME_DIRS.iter().any(|d| inside(&self.root.join(d))) {
            return true;
        }
        path == self.root.join(CONFIG_FILE)
    }
}

/// The first path of `event` that matters, if the event is a change (not a file being read).
fn relevant(
    event: notify::Result<notify::Event>,
    sources: &Sources,
    on_change: &mut impl FnMut(Change),
) -> Option<PathBuf> {
    let event = match event {
        Ok(event) => event,
        Err(error) => {
            on_change(Change::Trouble(error.to_string()));
            return None;
        }
    };
    let is_change = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    if !is_change {
        return None;
    }
    event.paths.into_iter().find(|path| sources.matters(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_of_the_build_matter() {
        let sources = Sources { root: PathBuf::from("/site"), content_dir: PathBuf::from("/site/content") };
        for path in [
            "/site/content/a.md",
            "/site/content/billing/b.fa.md",
            "/site/content/img/x.png",
            "/site/templates/base.html",
            "/site/themes/mine/static/style.css",
            "/site/i18n/en.toml",
            "/site/static/logo.svg",
            "/site/freshdocs.toml",
        ] {
            assert!(sources.matters(Path::new(path)), "{path}");
        }
        for path in [
            "/site/public/index.html",
            "/site/.git/index",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/.hidden/a.md",
            "/site/content/node_modules/x.md",
            "/site/README.md",
            "/site/target/debug/freshdocs",
            "/elsewhere/content/a.md",
        ] {
            assert!(!sources.matters(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_bare_content_folder_is_watched_whole() {
        let sources = Sources { root: PathBuf::from("/docs"), content_dir: PathBuf::from("/docs") };
        assert!(sources.matters(Path::new("/docs/a.md")));
        assert!(!sources.matters(Path::new("/docs/.git/HEAD")));
        assert_eq!(sources.watch_list().into_iter().collect::<Vec<_>>(), vec![(PathBuf::from("/docs"), true)]);
    }
}
