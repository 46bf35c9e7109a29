//! Answering requests: the site's files, its 404 page, the live-reload event stream, and the
//! place where the search API will go.
//!
//! Only `GET` and `HEAD` are answered (405 otherwise). A few worker threads take requests from
//! the server; each event stream gets a thread of its own, since it stays open for as long as
//! its page does.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::files::{self, Found, Refusal};
use super::inject::{self, EVENTS_PATH};
use super::{Shared, Snapshot};

/// Threads answering ordinary requests.
const WORKERS: usize = 4;

/// How often an idle event stream sends a comment, so a closed page is noticed and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Where the search API will answer (`?q=…`); see [`search`].
pub const SEARCH_PATH: &str = "/__freshdocs/search";

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
        let response = text(405, "only GET and HEAD are answered\n").with_header(header("Allow", "GET, HEAD"));
        return respond(request, response);
    }
    let target = request.url().to_string();
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || events(request, &shared));
        return;
    }
    if path == SEARCH_PATH {
        let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
        return respond(request, search(query));
    }
    if path.starts_with(OWN_PREFIX) {
        return respond(request, text(404, "no such preview endpoint\n"));
    }
    let response = site_file(&target, &shared.snapshot());
    respond(request, response);
}

/// The search API: `GET /__freshdocs/search?q=…`, for the search box while previewing.
///
/// Extension point: once the search index (`crate::search`) can be queried, answer here with
/// the JSON of `freshdocs search --format json`, from the index of the build being served.
fn search(_query: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    text(501, "search is not available in the preview yet\n")
}

/// A file of the served site, its 404 page, or why not.
fn site_file(target: &str, snapshot: &Snapshot) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(site) = &snapshot.site else {
        // The first build failed: nothing to show but the errors.
        let page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>";
        return html(503, page, snapshot);
    };
    let path = match files::parse(target, &site.base_path) {
        Ok(path) => path,
        Err(Refusal::BadPath(why)) => return text(400, &format!("bad request path: {why}\n")),
        Err(Refusal::OutsideBase) if target.split('?').next() == Some("/") => {
            return redirect(&site.base_path);
        }
        Err(Refusal::OutsideBase) => return not_found(&site.dir, snapshot),
    };
    match files::locate(&site.dir, &path) {
        Found::File(file) => match std::fs::read(&file) {
            Ok(bytes) if files::is_html(&file) => html(200, &bytes, snapshot),
            Ok(bytes) => Response::from_data(bytes)
                .with_header(header("Content-Type", files::content_type(&file)))
                .with_header(header("Cache-Control", "no-store"))
                .with_header(header("X-Content-Type-Options", "nosniff")),
            Err(_) => not_found(&site.dir, snapshot),
        },
        Found::AddSlash => {
            let (path, query) = target.split_once('?').map(|(p, q)| (p, Some(q))).unwrap_or((target, None));
            redirect(&match query {
                Some(query) => format!("{path}/?{query}"),
                None => format!("{path}/"),
            })
        }
        Found::Missing => not_found(&site.dir, snapshot),
        Found::Outside => text(403, "this file is outside the site\n"),
    }
}

/// The site's own 404 page, with status 404.
fn not_found(dir: &Path, snapshot: &Snapshot) -> Response<std::io::Cursor<Vec<u8>>> {
    match std::fs::read(dir.join("404.html")) {
        Ok(page) => html(404, &page, snapshot),
        Err(_) => text(404, "not found\n"),
    }
}

/// An HTML page with the reload script, and the errors of the last build if it failed.
fn html(status: u16, page: &[u8], snapshot: &Snapshot) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = inject::inject(page, &snapshot.version, snapshot.error.as_deref());
    Response::from_data(page)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn redirect(location: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    text(301, "moved\n").with_header(header("Location", location))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header names and values are ASCII")
}

/// Sends a response; a client that went away is not the server's problem.
fn respond(request: Request, response: Response<std::io::Cursor<Vec<u8>>>) {
    let _ = request.respond(response);
}

/// The live-reload stream (Server-Sent Events): the current build's version at once, then the
/// version of every build that finishes. Pages reload when it differs from their own.
fn events(request: Request, shared: &Shared) {
    if request.method() == &Method::Head {
        let response = text(200, "").with_header(header("Content-Type", "text/event-stream"));
        return respond(request, response);
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
