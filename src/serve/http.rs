//! Answering requests: the site's files, its 404 page, the live-reload event stream, and the
//! search API (its answers come from [`super::api`]).
//!
//! Only `GET` and `HEAD` are answered (405 otherwise). A few worker threads take requests from
//! the server; each event stream gets a thread of its own, since it stays open for as long as
//! its page does.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Method, Request};

use super::api;
use super::files::{self, Found, Refusal};
use super::inject::{self, EVENTS_PATH};
use super::{Shared, Snapshot};

/// Threads answering ordinary requests.
const WORKERS: usize = 4;

/// How often an idle event stream sends a comment, so a closed page is noticed and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Where the search API answers (`?q=…&lang=…&limit=…`); see [`super::api`].
pub(crate) const SEARCH_PATH: &str = "/__freshdocs/search";

/// Paths under this prefix belong to the preview server, never to the site.
const OWN_PREFIX: &str = "/__freshdocs/";

pub(super) fn spawn(server: tiny_http::Server, shared: Arc<Shared>) {
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &shared);
            }
        });
    }
}

fn handle(request: Request, shared: &Arc<Shared>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return send(request, Reply::text(405, "only GET and HEAD are answered\n").header("Allow", "GET, HEAD"));
    }
    let target = request.url().to_string();
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || events(request, &shared));
        return;
    }
    let reply = if path == SEARCH_PATH {
        let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let query = query.split('#').next().unwrap_or_default();
        let site = shared.current();
        let answer = api::search(query, site.as_ref().map(|s| &s.search));
        Reply::new(answer.status, "application/json", answer.body.into_bytes())
    } else if path.starts_with(OWN_PREFIX) {
        Reply::text(404, "no such preview endpoint\n")
    } else {
        site_file(&target, &shared.snapshot())
    };
    send(request, reply);
}

/// A file of the served site, its 404 page, or why not.
fn site_file(target: &str, snapshot: &Snapshot) -> Reply {
    let Some(site) = &snapshot.site else {
        // The first build failed: nothing to show but the errors.
        let page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>";
        return Reply::html(503, page, snapshot);
    };
    let path = match files::parse(target, &site.base_path) {
        Ok(path) => path,
        Err(Refusal::BadPath(why)) => return Reply::text(400, &format!("bad request path: {why}\n")),
        Err(Refusal::OutsideBase) if target.split('?').next() == Some("/") => {
            return Reply::redirect(&site.base_path);
        }
        Err(Refusal::OutsideBase) => return not_found(&site.dir, snapshot),
    };
    match files::locate(&site.dir, &path) {
        Found::File(file) => match std::fs::read(&file) {
            Ok(bytes) if files::is_html(&file) => Reply::html(200, &bytes, snapshot),
            Ok(bytes) => Reply::new(200, files::content_type(&file), bytes).header("X-Content-Type-Options", "nosniff"),
            Err(_) => not_found(&site.dir, snapshot),
        },
        Found::AddSlash => {
            let (path, query) = target.split_once('?').map(|(p, q)| (p, Some(q))).unwrap_or((target, None));
            Reply::redirect(&match query {
                Some(query) => format!("{path}/?{query}"),
                None => format!("{path}/"),
            })
        }
        Found::Missing => not_found(&site.dir, snapshot),
        Found::Outside => Reply::text(403, "this file is outside the site\n"),
    }
}

/// The site's own 404 page, with status 404.
fn not_found(dir: &Path, snapshot: &Snapshot) -> Reply {
    match std::fs::read(dir.join("404.html")) {
        Ok(page) => Reply::html(404, &page, snapshot),
        Err(_) => Reply::text(404, "not found\n"),
    }
}

/// A whole response, sent in one piece (see [`send`]).
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        // Previews must never come from a cache: every build may change every file.
        let headers = vec![("Content-Type", content_type.to_string()), ("Cache-Control", "no-store".to_string())];
        Reply { status, headers, body }
    }

    fn header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    /// An HTML page with the reload script, and the errors of the last build if it failed.
    fn html(status: u16, page: &[u8], snapshot: &Snapshot) -> Reply {
        let page = inject::inject(page, &snapshot.version, snapshot.error.as_deref());
        Reply::new(status, "text/html; charset=utf-8", page)
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body.as_bytes().to_vec())
    }

    fn redirect(location: &str) -> Reply {
        Reply::text(301, "moved\n").header("Location", location)
    }
}

/// Writes the status line, headers and body with one `write`. (`tiny_http`'s own `respond`
/// writes the headers and the body separately, and on a kept-alive connection the body then
/// waits for the client's delayed acknowledgement: about 40 ms per request.)
fn send(request: Request, reply: Reply) {
    let reason = match reply.status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\n", reply.status, reply.body.len());
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if request.method() != &Method::Head {
        bytes.extend_from_slice(&reply.body);
    }
    let mut writer = request.into_writer();
    // A client that went away is not the server's problem.
    let _ = writer.write_all(&bytes).and_then(|()| writer.flush());
}

/// The live-reload stream (Server-Sent Events): the current build's version at once, then the
/// version of every build that finishes. Pages reload when it differs from their own.
fn events(request: Request, shared: &Shared) {
    if request.method() == &Method::Head {
        return send(request, Reply::new(200, "text/event-stream", Vec::new()));
    }
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\nretry: 1000\n\n";
    let mut seen = shared.lock().generation;
    let mut message = format!("{head}data: {}\n\n", shared.version(seen));
    loop {
        if writer.write_all(message.as_bytes()).and_then(|()| writer.flush()).is_err() {
            return; // The page was closed.
        }
        let latest = shared.wait_for_build(seen, KEEP_ALIVE);
        message = if latest == seen {
            ": keep-alive\n\n".to_string()
        } else {
            format!("data: {}\n\n", shared.version(latest))
        };
        seen = latest;
    }
}
