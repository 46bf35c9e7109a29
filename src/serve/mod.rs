//! `freshdocs serve`: a preview of the site for writers, rebuilt and reloaded on every save.
//!
//! The site is built with [`crate::build::build`] into a private folder under the system's
//! temporary folder (never the site's own output folder), one sub-folder per build, and served
//! from the last build that succeeded. A failed build keeps the last good site on screen and
//! shows its errors over every page until a build succeeds again.
//!
//! The parts: [`files`] turns request paths into files without ever leaving the site, [`http`]
//! answers requests, [`api`] answers the search API from the build being served, [`inject`] adds
//! the live-reload script and the error overlay to served pages, [`watch`] turns file-system
//! events into debounced rebuilds. This module holds them together: the first build, the port,
//! and the state the request threads read.
//! It prints nothing: the caller gets an [`Event`] for everything a writer should see.

mod api;
pub(crate) mod files;
mod http;
mod inject;
mod watch;

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use crate::build::{BuildOptions, BuildReport, Kept, SearchMode, build_keeping};
use crate::config::Site;
use crate::error::{Error, Errors};
use crate::indexing::SiteSearch;
use crate::now;

use chrono::{DateTime, FixedOffset};

/// The port tried first when none is given (the one Zola's `serve` uses, familiar to writers).
pub const DEFAULT_PORT: u16 = 1111;

/// How many ports after the requested one are tried when it is taken.
const PORTS_TRIED: u16 = 20;

/// The prefix of the folders, under the system's temporary folder, that hold served builds.
const WORKSPACE_PREFIX: &str = "freshdocs-serve-";

/// Validated settings of `freshdocs serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holding `freshdocs.toml`) or a bare content folder.
    pub root: PathBuf,
    /// The port to try first; 0 lets the system choose.
    pub port: u16,
    /// A fixed "now" for every rebuild (`--now`); `None`: `SOURCE_DATE_EPOCH`, else the clock
    /// at each rebuild, so a long preview session does not freeze the articles' ages.
    pub now: Option<DateTime<FixedOffset>>,
}

/// What happened, for the terminal.
pub enum Event<'a> {
    /// A build succeeded and is now served. `changed` is the file whose change started it (none
    /// for the first build); `elapsed` runs from the last change of the burst (so it includes the
    /// debounce wait) to the moment the new build is served.
    Built { report: &'a BuildReport, changed: Option<&'a Path>, elapsed: Duration },
    /// A build failed; the last good site is still served, with the errors over every page.
    Failed { errors: &'a Errors, changed: Option<&'a Path> },
    /// The file watcher reported a problem; changes may be missed until it is fixed.
    WatchTrouble(String),
}

/// A running preview: the site is built and requests are being answered.
pub struct Preview {
    url: String,
    builder: Builder,
    watch: watch::Watch,
}

/// Builds the site into the workspace and publishes each result to the request threads.
struct Builder {
    root: PathBuf,
    now: Option<DateTime<FixedOffset>>,
    shared: Arc<Shared>,
    workspace: Workspace,
    /// The last good build, kept so that saving an article's text redoes only its page.
    kept: Option<Kept>,
}

impl Preview {
    /// Binds the port, builds the site once and starts answering requests. A failed first build
    /// is reported but does not stop the preview: its page shows the errors until they are fixed.
    pub fn start(options: &ServeOptions, on_event: &mut dyn FnMut(Event)) -> Result<Preview, Errors> {
        if !options.root.is_dir() {
            return Err(Error::root_not_a_folder(&options.root).into());
        }
        let listener = bind(options.port)?;
        let address = listener.local_addr().map_err(|e| Error::io("127.0.0.1", "cannot read the bound address", e))?;
        let base_path = Site::load(&options.root, None).map(|s| s.base_path).unwrap_or_else(|_| "/".into());
        // Watching starts before the first build, so a file saved during it is not missed.
        let watch = watch::Watch::start(&options.root, &mut |change| {
            if let watch::Change::Trouble(message) = change {
                on_event(Event::WatchTrouble(message));
            }
        })?;
        let mut builder = Builder {
            root: options.root.clone(),
            now: options.now,
            shared: Arc::new(Shared::new()),
            workspace: Workspace::new()?,
            kept: None,
        };
        builder.rebuild(None, Instant::now(), on_event);
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| Error::usage(format!("cannot serve on {address}: {e}"), "try another port with --port"))?;
        http::spawn(server, Arc::clone(&builder.shared));
        Ok(Preview { url: format!("http://{address}{base_path}"), builder, watch })
    }

    /// The address of the site's home page, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Rebuilds after every burst of changes to the content, the theme or `freshdocs.toml`.
    /// Returns only if the file watcher stops.
    pub fn watch(self, on_event: &mut dyn FnMut(Event)) {
        let Preview { mut builder, watch, .. } = self;
        watch.run(|change| match change {
            watch::Change::Rebuild { path, quiet_since } => builder.rebuild(Some(&path), quiet_since, on_event),
            watch::Change::Trouble(message) => on_event(Event::WatchTrouble(message)),
        })
    }
}

impl Builder {
    /// The moment this rebuild treats as now.
    fn now(&self) -> Result<DateTime<FixedOffset>, Error> {
        self.now.map_or_else(|| now::from_env(None), Ok)
    }

    /// Builds into a new folder and, if the build succeeds, serves it. A save that changed only
    /// an article's text rewrites that one page of the served site instead.
    fn rebuild(&mut self, changed: Option<&Path>, since: Instant, on_event: &mut dyn FnMut(Event)) {
        // After a failed build, rebuild in full: a page patched in place would be served with the
        // old error over it until the publish that follows.
        let failing = self.shared.has_error();
        let now = self.now();
        if let (Some(path), Some(kept), false) = (changed, self.kept.as_mut(), failing) {
            let updated = now.as_ref().ok().and_then(|now| kept.update_article(path, *now));
            match updated {
                Some(Ok(report)) => {
                    if let Some(site) = self.shared.current() {
                        self.shared.publish(Ok(Served {
                            dir: site.dir.clone(),
                            base_path: site.base_path.clone(),
                            search: kept.search().clone(),
                        }));
                        on_event(Event::Built { report: &report, changed, elapsed: since.elapsed() });
                        return;
                    }
                }
                Some(Err(errors)) => {
                    self.shared.publish(Err(errors.to_string()));
                    on_event(Event::Failed { errors: &errors, changed });
                    return;
                }
                None => {}
            }
        }
        let out = self.workspace.next_output();
        // The first build indexes for search; rebuilds after a save reuse that index, so a
        // reload takes about the time of a build without search. (The search API re-indexes a
        // language whose text changed when it is asked about it: see `api`.)
        let search = if changed.is_none() { SearchMode::Refresh } else { SearchMode::Reuse };
        let result = now
            .map_err(Errors::from)
            .and_then(|now| {
                build_keeping(&BuildOptions {
                    root: self.root.clone(),
                    out: Some(out.clone()),
                    now,
                    search,
                    progress: None,
                    strict: false,
                })
            })
            .and_then(|(report, kept)| {
                let dir = out.canonicalize().map_err(|e| Error::io(&out, "cannot open the built site", e))?;
                Ok((report, kept, dir))
            });
        match result {
            Ok((report, kept, dir)) => {
                // `base_url` may have changed with this build; the config was just read successfully.
                let base_path = Site::load(&self.root, None).map(|s| s.base_path).unwrap_or_else(|_| "/".into());
                self.shared.publish(Ok(Served { dir, base_path, search: kept.search().clone() }));
                self.kept = Some(kept);
                self.workspace.served(out);
                on_event(Event::Built { report: &report, changed, elapsed: since.elapsed() });
            }
            Err(errors) => {
                // Until a full build succeeds again, a save must not patch the old site over the
                // error (the template or configuration may still be broken).
                self.kept = None;
                self.shared.publish(Err(errors.to_string()));
                on_event(Event::Failed { errors: &errors, changed });
            }
        }
    }
}

/// Binds 127.0.0.1 on `port`, or the next free port after it.
fn bind(port: u16) -> Result<TcpListener, Error> {
    let last = if port == 0 { 0 } else { port.saturating_add(PORTS_TRIED - 1) };
    let mut last_error = None;
    for port in port..=last {
        match TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => return Err(Error::io(format!("127.0.0.1:{port}"), "cannot listen", e)),
        }
    }
    let detail = last_error.map(|e| e.to_string()).unwrap_or_default();
    Err(Error::usage(
        format!("no free port from {port} to {last} on 127.0.0.1 ({detail})"),
        "choose another with --port N, or --port 0 to let the system pick one",
    ))
}

/// A built site being served.
struct Served {
    /// The canonical folder of the build.
    dir: PathBuf,
    /// The URL path prefix from `base_url`, starting and ending with `/`.
    base_path: String,
    /// What the search API searches: the documents of this build, with the text as last saved.
    search: SiteSearch,
}

/// What the request threads read and the build thread writes.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Differs between runs of the server, so a page left open across a restart reloads too.
    instance: String,
}

struct State {
    /// Counts finished builds, good or bad.
    generation: u64,
    site: Option<Arc<Served>>,
    /// The errors of the last build, if it failed.
    error: Option<Arc<str>>,
}

/// One consistent view of [`State`] for answering one request.
struct Snapshot {
    /// The build a page belongs to, as its reload script knows it.
    version: String,
    site: Option<Arc<Served>>,
    error: Option<Arc<str>>,
}

impl Shared {
    fn new() -> Shared {
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
        Shared {
            state: Mutex::new(State { generation: 0, site: None, error: None }),
            changed: Condvar::new(),
            instance: format!("{:x}{:x}", nanos, std::process::id()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn version(&self, generation: u64) -> String {
        format!("{}-{generation}", self.instance)
    }

    fn snapshot(&self) -> Snapshot {
        let state = self.lock();
        Snapshot { version: self.version(state.generation), site: state.site.clone(), error: state.error.clone() }
    }

    /// Whether the last build failed.
    fn has_error(&self) -> bool {
        self.lock().error.is_some()
    }

    /// The site being served, if a build succeeded.
    fn current(&self) -> Option<Arc<Served>> {
        self.lock().site.clone()
    }

    /// Records a finished build and wakes every page waiting for one.
    fn publish(&self, outcome: Result<Served, String>) {
        let mut state = self.lock();
        state.generation += 1;
        match outcome {
            Ok(site) => {
                state.site = Some(Arc::new(site));
                state.error = None;
            }
            Err(error) => state.error = Some(error.into()),
        }
        self.changed.notify_all();
    }

    /// Waits until a build newer than `seen` finishes, or `timeout` passes; returns the latest.
    fn wait_for_build(&self, seen: u64, timeout: Duration) -> u64 {
        let state = self.lock();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation == seen)
            .unwrap_or_else(PoisonError::into_inner);
        state.generation
    }
}

/// The private folder holding the builds: `site-1`, `site-2`, …; the one served and the one
/// before it (requests may still be reading it) are kept, older ones removed.
struct Workspace {
    dir: tempfile::TempDir,
    builds: u64,
    served: VecDeque<PathBuf>,
}

impl Workspace {
    fn new() -> Result<Workspace, Error> {
        // Deleting a large abandoned site takes seconds: not worth delaying the first build.
        std::thread::spawn(sweep_abandoned_workspaces);
        let temp = std::env::temp_dir();
        let dir = tempfile::Builder::new()
            .prefix(WORKSPACE_PREFIX)
            .tempdir_in(&temp)
            .map_err(|e| Error::io(&temp, "cannot create a folder for the preview", e))?;
        let marker = dir.path().join(OWNER_FILE);
        std::fs::write(&marker, std::process::id().to_string()).map_err(|e| Error::io(&marker, "cannot write", e))?;
        Ok(Workspace { dir, builds: 0, served: VecDeque::new() })
    }

    fn next_output(&mut self) -> PathBuf {
        self.builds += 1;
        self.dir.path().join(format!("site-{}", self.builds))
    }

    fn served(&mut self, out: PathBuf) {
        self.served.push_back(out);
        while self.served.len() > 2 {
            if let Some(old) = self.served.pop_front() {
                // A large site takes a while to delete; the next rebuild need not wait for it.
                std::thread::spawn(move || std::fs::remove_dir_all(old));
            }
        }
    }
}

/// Names the process that owns a workspace.
const OWNER_FILE: &str = "owner.pid";

/// Removes the workspaces of previous runs that ended without cleaning up (Ctrl+C ends the
/// process before destructors run). Only where `/proc` tells which processes are alive.
fn sweep_abandoned_workspaces() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(WORKSPACE_PREFIX) {
            continue;
        }
        let Ok(pid) = std::fs::read_to_string(entry.path().join(OWNER_FILE)) else { continue };
        let pid = pid.trim();
        if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
