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
        let range = request.headers().iter().find(|h| h.field.equiv("Range")).map(|h| h.value.to_string());
        site_file(&target, range.as_deref(), &shared.snapshot())
    };
    send(request, reply);
}

/// A file of the served site, its 404 page, or why not. `range` is the request's `Range`
/// header: one range of bytes of a file that is not a page is answered with 206 and only those
/// bytes, as static hosts do (the search client reads its packs of documents that way).
fn site_file(target: &str, range: Option<&str>, snapshot: &Snapshot) -> Reply {
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
            Ok(bytes) => {
                let content_type = files::content_type(&file);
                let reply = match range.map_or(Wanted::Whole, |r| byte_range(r, bytes.len())) {
                    Wanted::Part(start, end) => Reply::new(206, content_type, bytes[start..end].to_vec())
                        .header("Content-Range", &format!("bytes {start}-{}/{}", end - 1, bytes.len())),
                    Wanted::Unsatisfiable => Reply::text(416, "the range is not within the file\n")
                        .header("Content-Range", &format!("bytes */{}", bytes.len())),
                    Wanted::Whole => Reply::new(200, content_type, bytes),
                };
                reply.header("Accept-Ranges", "bytes").header("X-Content-Type-Options", "nosniff")
            }
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

/// What a `Range` header asks of a file of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    /// All of it: no range of bytes the server reads (several ranges, another unit), which a
    /// server may answer with the whole file.
    Whole,
    /// The bytes `start..end` (`bytes=a-b`, `bytes=a-`, `bytes=-n`).
    Part(usize, usize),
    /// A range that holds none of its bytes: 416.
    Unsatisfiable,
}

fn byte_range(header: &str, len: usize) -> Wanted {
    let Some((first, last)) = header.trim().strip_prefix("bytes=").and_then(|spec| spec.split_once('-')) else {
        return Wanted::Whole;
    };
    let number = |s: &str| s.trim().parse::<usize>().ok();
    let (start, end) = match (first.trim().is_empty(), last.trim().is_empty()) {
        (true, false) => match number(last) {
            Some(suffix) => (len.saturating_sub(suffix), len),
            None => return Wanted::Whole,
        },
        (false, true) => match number(first) {
            Some(start) => (start, len),
            None => return Wanted::Whole,
        },
        (false, false) => match (number(first), number(last)) {
            (Some(start), Some(last)) if start <= last => (start, last.saturating_add(1).min(len)),
            _ => return Wanted::Whole,
        },
        (true, true) => return Wanted::Whole,
    };
    if start < end { Wanted::Part(start, end) } else { Wanted::Unsatisfiable }
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
        206 => "Partial Content",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
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

#[cfg(test)]
mod tests {
    use super::{Wanted, byte_range};

    #[test]
    fn byte_ranges_as_static_hosts_read_them() {
        assert_eq!(byte_range("bytes=0-67", 1000), Wanted::Part(0, 68));
        assert_eq!(byte_range("bytes=990-2000", 1000), Wanted::Part(990, 1000));
        assert_eq!(byte_range("bytes=10-", 1000), Wanted::Part(10, 1000));
        assert_eq!(byte_range("bytes=-100", 1000), Wanted::Part(900, 1000));
        assert_eq!(byte_range("bytes=1000-1010", 1000), Wanted::Unsatisfiable, "past the end");
        assert_eq!(byte_range("bytes=5-2", 1000), Wanted::Whole, "not a range: ignored");
        assert_eq!(byte_range("bytes=0-1,5-9", 1000), Wanted::Whole, "several ranges: the whole file");
        assert_eq!(byte_range("items=0-1", 1000), Wanted::Whole);
    }
}
