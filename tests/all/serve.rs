//! `freshdocs serve` end to end: the real binary on a free loopback port, raw HTTP requests over
//! `TcpStream` (raw, so `..` and odd encodings reach the server exactly as written), and real
//! file changes picked up by the watcher. Every read has a timeout and every server is killed
//! when its test ends, pass or fail.

use indoc::indoc;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{PASSWORD_MD, REFUNDS_MD, TestSite};
use crate::search::json_stdout;

/// Long enough for a debug build on a busy two-core machine; polls end as soon as they succeed.
const PATIENCE: Duration = Duration::from_secs(30);

const RELOAD_MARKER: &str = "data-freshdocs-live-reload";
const OVERLAY_ID: &str = "freshdocs-build-error";

fn site() -> TestSite {
    TestSite::new()
        .file("freshdocs.toml", "title = \"Acme Help\"\nbase_url = \"https://help.acme.example/\"\n")
        .file(
            "content/_index.md",
            indoc! {"
                ---
                title: Acme Help
                ---
                Welcome.
            "},
        )
        .file("content/billing/_index.md", "---\ntitle: Billing\n---\n")
        .file(
            "content/billing/refunds.md",
            indoc! {"
                ---
                title: Get a refund
                ---
                Refunds take five days.
            "},
        )
        .file("content/billing/invoice.pdf", "%PDF-1.4 fake")
}

/// A running `freshdocs serve`, killed on drop.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// Everything the server printed on stderr so far.
    log: Arc<Mutex<String>>,
    /// The system temporary folder the server was given (where its builds go).
    temp: tempfile::TempDir,
}

impl Server {
    fn start(site: &TestSite, args: &[&str]) -> Server {
        let temp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_freshdocs"))
            .arg("serve")
            .args(args)
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .env("CI", "true")
            .env("TMPDIR", temp.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env("FRESHDOCS_NO_CACHE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start freshdocs serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = lines.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut server = Server { child, addr: SocketAddr::from(([127, 0, 0, 1], 0)), log, temp };
        let url = server.wait_for_log("Serving http://", |log| {
            let start = log.find("Serving http://")? + "Serving http://".len();
            log[start..].split(['/', ' ']).next().map(str::to_string)
        });
        server.addr = url.parse().unwrap_or_else(|_| panic!("no address in {url:?}"));
        server
    }

    /// Waits until `find` finds something in the log.
    #[track_caller]
    fn wait_for_log<T>(&mut self, what: &str, find: impl Fn(&str) -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(found) = find(&self.log.lock().unwrap()) {
                return found;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited ({status}) before printing {what:?}\n{}", self.log());
            }
            assert!(started.elapsed() < PATIENCE, "no {what:?} after {PATIENCE:?}\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Reply {
        self.request(&format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
    }

    /// Sends `raw` as it is and reads the whole reply.
    fn request(&self, raw: &str) -> Reply {
        let mut stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        if let Err(e) = stream.read_to_end(&mut bytes) {
            panic!("reading the reply to {raw:?}: {e}\n{}", self.log());
        }
        Reply::parse(&bytes)
            .unwrap_or_else(|| panic!("no HTTP reply to {raw:?}: {:?}", String::from_utf8_lossy(&bytes)))
    }

    /// Asks for `path` until `done` holds for the reply.
    #[track_caller]
    fn poll(&self, path: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(path);
            if done(&reply) {
                return reply;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{what}: not after {PATIENCE:?}\nlast reply: {reply}\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The folder of the build being served: the newest `site-N` of the server's workspace.
    fn served_folder(&self) -> PathBuf {
        let workspace = std::fs::read_dir(self.temp.path())
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with("freshdocs-serve-"))
            .expect("a workspace in TMPDIR")
            .path();
        std::fs::read_dir(&workspace)
            .unwrap()
            .flatten()
            .filter_map(|e| {
                Some((e.file_name().to_string_lossy().strip_prefix("site-")?.parse::<u64>().ok()?, e.path()))
            })
            .max()
            .expect("a build in the workspace")
            .1
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Option<Reply> {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n")?;
        let mut lines = head.lines();
        let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let chunked = headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked { dechunk(body)? } else { body.to_string() };
        Some(Reply { status, headers, body })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

impl std::fmt::Display for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?}\n{}", self.status, self.headers, self.body)
    }
}

fn dechunk(mut body: &str) -> Option<String> {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n")?;
        let size = usize::from_str_radix(size.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        out.push_str(rest.get(..size)?);
        body = rest.get(size + 2..)?;
    }
}

/// Reads the next `data:` line of an event stream.
fn next_event(stream: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        let n = stream.read_line(&mut line).expect("an event before the read timeout");
        assert!(n > 0, "the event stream ended");
        if let Some(data) = line.strip_prefix("data: ") {
            return data.trim().to_string();
        }
    }
}

#[test]
fn serves_pages_with_the_reload_script_and_files_with_their_types() {
    let site = site();
    let server = Server::start(&site, &["--port", "0"]);

    let home = server.get("/");
    assert_eq!(home.status, 200, "{home}");
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.body.contains("Acme Help") && home.body.contains(RELOAD_MARKER), "{home}");
    assert!(home.body.find(RELOAD_MARKER) < home.body.rfind("</body>"), "the script goes inside the body");
    assert!(!home.body.contains(OVERLAY_ID));

    let article = server.get("/billing/refunds/");
    assert!(article.status == 200 && article.body.contains("Refunds take five days."), "{article}");
    let moved = server.get("/billing/refunds?x=1");
    assert_eq!((moved.status, moved.header("location")), (301, Some("/billing/refunds/?x=1")), "{moved}");

    for (path, content_type) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/billing/invoice.pdf", "application/pdf"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!((reply.status, reply.header("content-type")), (200, Some(content_type)), "{path}: {reply}");
        assert!(!reply.body.contains(RELOAD_MARKER), "{path} is not HTML: nothing is injected");
    }

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404, "{missing}");
    assert!(missing.body.contains("<html") && missing.body.contains(RELOAD_MARKER), "the site's 404 page: {missing}");

    let head = server.request("HEAD /billing/refunds/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body: {head}");

    // The built site never carries the script, and serving wrote nothing into the site folder.
    assert!(!site.exists("public"), "serve must not write public/:\n{}", site.listing());
    site.run(&["build"]).success();
    assert!(!site.read("public/index.html").contains(RELOAD_MARKER));
    assert!(!site.read("public/404.html").contains(RELOAD_MARKER));
}

#[test]
fn saving_an_article_reloads_and_a_broken_build_shows_its_errors_over_the_last_good_site() {
    let site = site();
    let mut server = Server::start(&site, &["--port", "0"]);
    let mut events = BufReader::new(TcpStream::connect(server.addr).unwrap());
    events.get_ref().set_read_timeout(Some(PATIENCE)).unwrap();
    events.get_mut().write_all(b"GET /__freshdocs/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let first = next_event(&mut events);

    site.write(
        "content/billing/refunds.md",
        indoc! {"
            ---
            title: Get a refund
            ---
            Refunds take three days now.
        "},
    );
    // As a browser does: the announcement first, then the reload, which must show the new text
    // and know the build it belongs to.
    let second = next_event(&mut events);
    assert_ne!(first, second, "a new build is announced to open pages");
    let page = server.get("/billing/refunds/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("three days"), "the reloaded page has the new text: {page}");
    assert!(page.body.contains(&format!("\"{second}\"")), "the page knows its build: {page}");

    site.write(
        "content/billing/refunds.md",
        indoc! {"
            ---
            title: \"Get a refund
            reviewed: [
            ---
            Broken.
        "},
    );
    let broken = server.poll("/billing/refunds/", "the error overlay", |r| r.body.contains(OVERLAY_ID));
    assert_eq!(broken.status, 200, "{broken}");
    assert!(broken.body.contains("three days"), "the last good page is still served: {broken}");
    assert!(!broken.body.contains("Broken."));
    assert!(broken.body.contains("refunds.md"), "the overlay names the file: {broken}");
    assert!(server.get("/").body.contains(OVERLAY_ID), "every page shows the errors");
    assert_ne!(next_event(&mut events), second, "the failed build is announced too (pages reload to show it)");
    server.wait_for_log("Build failed", |log| log.contains("Build failed").then_some(()));
    assert!(server.log().contains("refunds.md"), "the terminal names the file:\n{}", server.log());

    site.write(
        "content/billing/refunds.md",
        indoc! {"
            ---
            title: Get a refund
            ---
            Fixed: two days.
        "},
    );
    let fixed = server.poll("/billing/refunds/", "the fix", |r| r.body.contains("two days"));
    assert!(!fixed.body.contains(OVERLAY_ID), "a good build clears the errors: {fixed}");
}

#[test]
fn requests_that_try_to_leave_the_site_are_refused_and_the_server_keeps_answering() {
    let site = site().file("secret.txt", "TOP-SECRET");
    #[cfg(unix)]
    {
        // The build skips symbolic links in the content folder: they never reach the site.
        std::os::unix::fs::symlink(site.path().join("secret.txt"), site.path().join("content/leak.txt")).unwrap();
        std::os::unix::fs::symlink(site.path(), site.path().join("content/up")).unwrap();
    }
    let server = Server::start(&site, &["--port", "0"]);
    #[cfg(unix)]
    {
        // Planted straight into the served folder, past the build.
        let served = server.served_folder();
        std::os::unix::fs::symlink(site.path().join("secret.txt"), served.join("planted.txt")).unwrap();
        std::os::unix::fs::symlink(site.path(), served.join("planted-dir")).unwrap();
        let reply = server.get("/planted.txt");
        assert_eq!(reply.status, 403, "{reply}");
        assert_eq!(server.get("/planted-dir/secret.txt").status, 403);
        assert_eq!(server.get("/leak.txt").status, 404);
        assert_eq!(server.get("/up/secret.txt").status, 404);
    }

    for target in [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/billing/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/billing/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252f%252e%252e%252fetc/passwd",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/..\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/secret.txt%00.html",
        "/C:/Windows/win.ini",
        "http://127.0.0.1/../secret.txt",
        "../secret.txt",
        "*",
    ] {
        let reply = server.request(&format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        assert!(matches!(reply.status, 400 | 403 | 404), "{target}: {reply}");
        assert!(!reply.body.contains("TOP-SECRET") && !reply.body.contains("root:"), "{target} leaked: {reply}");
    }
    // A request line that is not HTTP at all.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(b"\x00\xff garbage\r\n\r\n").unwrap();
    let _ = stream.read_to_end(&mut Vec::new());

    assert_eq!(server.get("/billing/refunds/").status, 200, "still serving after bad requests");
}

#[test]
fn only_get_and_head_are_answered() {
    let site = site();
    let server = Server::start(&site, &["--port", "0"]);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] {
        let reply = server.request(&format!(
            "{method} /billing/refunds/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        ));
        assert_eq!(reply.status, 405, "{method}: {reply}");
        assert_eq!(reply.header("allow"), Some("GET, HEAD"));
    }
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let site = site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    if port > u16::MAX - 30 {
        return; // No room above it to move to.
    }
    let server = Server::start(&site, &["--port", &port.to_string()]);
    assert!(server.addr.port() > port && server.addr.port() < port + 20, "{} after {port}", server.addr);
    assert!(server.addr.ip().is_loopback());
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_missing_root_is_bad_input() {
    let site = site();
    site.run(&["serve", "--root", "no-such-folder", "--port", "0"]).code(2).stderr_has("is not a folder");
}

#[test]
fn a_text_edit_rewrites_one_page_and_a_title_edit_rebuilds_the_pages_that_list_it() {
    let site = site();
    let mut server = Server::start(&site, &["--port", "0"]);
    site.write(
        "content/billing/refunds.md",
        indoc! {"
            ---
            title: Get a refund
            ---
            Refunds take one day.
        "},
    );
    server.poll("/billing/refunds/", "the edited text", |r| r.body.contains("one day"));
    server.wait_for_log("the one-page update", |log| log.contains("Updated 1 article, 1 page").then_some(()));

    site.write(
        "content/billing/refunds.md",
        indoc! {"
            ---
            title: Ask for your money back
            ---
            Refunds take one day.
        "},
    );
    let section =
        server.poll("/billing/", "the new title in the section's list", |r| r.body.contains("Ask for your money back"));
    assert_eq!(section.status, 200);
}

/// A site in English and Persian, for the search API.
fn bilingual_site() -> TestSite {
    TestSite::new()
        .file("freshdocs.toml", "title = \"Acme Help\"\n[languages.fa]\nname = \"فارسی\"\n")
        .file("content/billing/refunds.md", REFUNDS_MD)
        .file(
            "content/billing/cards.md",
            "---\ntitle: Pay by card\n---\nWe take every card. A refund goes back to the card you paid with.\n",
        )
        .file("content/account/password.md", PASSWORD_MD)
        .file(
            "content/fa/billing/payment.md",
            indoc! {"
                ---
                title: پرداخت با کارت
                ---
                پرداخت شما با هر کارتی انجام می‌شود.
            "},
        )
        .file(
            "content/fa/billing/refunds.md",
            indoc! {"
                ---
                title: بازپرداخت
                ---
                پول شما در پنج روز برگردانده می‌شود.
            "},
        )
}

impl Server {
    /// Asks the search API, expecting JSON back.
    #[track_caller]
    fn search(&self, query_string: &str) -> Reply {
        let reply = self.get(&format!("/__freshdocs/search?{query_string}"));
        assert_eq!(reply.header("content-type"), Some("application/json"), "{query_string}: {reply}");
        reply
    }
}

#[test]
fn the_search_api_answers_exactly_as_freshdocs_search_does() {
    let site = bilingual_site();
    let server = Server::start(&site, &["--port", "0"]);
    for (query_string, args) in [
        ("q=refund", &["refund"][..]),
        ("q=card", &["card"]),
        ("q=reset+password&limit=1", &["reset password", "--limit", "1"]),
        ("q=pasword", &["pasword"]),
        ("q=refund&lang=en&limit=0", &["refund", "--limit", "0"]),
        ("q=zanzibar", &["zanzibar"]),
        // پرداخت, "payment", as a browser encodes it.
        ("q=%D9%BE%D8%B1%D8%AF%D8%A7%D8%AE%D8%AA&lang=fa", &["پرداخت", "--lang", "fa"]),
        // Without the ZWNJ, as the CLI test of Persian variants asks.
        ("lang=fa&q=%D9%85%DB%8C%D8%B4%D9%88%D8%AF", &["میشود", "--lang", "fa"]),
    ] {
        // One at a time: the server answers first, then the CLI runs against the same index.
        let reply = server.search(query_string);
        assert_eq!(reply.status, 200, "{query_string}: {reply}");
        assert_eq!(reply.body, json_stdout(&site, args), "{query_string}: the API and the CLI differ");
    }
    let persian: Value =
        serde_json::from_str(&server.search("q=%D9%BE%D8%B1%D8%AF%D8%A7%D8%AE%D8%AA&lang=fa").body).unwrap();
    assert_eq!(persian["query"], "پرداخت");
    assert_eq!(persian["results"][0]["url"], "/fa/billing/payment/", "{persian}");
    let english: Value = serde_json::from_str(&server.search("q=refund").body).unwrap();
    assert_eq!(english["results"][0]["url"], "/billing/refunds/", "{english}");
}

#[test]
fn the_search_api_refuses_bad_requests_in_json_and_keeps_answering() {
    let site = bilingual_site();
    let server = Server::start(&site, &["--port", "0"]);
    let missing = json!({
        "error": "nothing to search for: `q` is missing or empty",
        "help": "ask for ?q=refund",
    });
    for (query_string, status, expected) in [
        ("", 400, missing.clone()),
        ("q=", 400, missing.clone()),
        ("q=+%20&lang=fa", 400, missing),
        (
            "q=refund&lang=de",
            404,
            json!({
                "error": "the site has no language `de` (it has en, fa)",
                "help": "pass one of those as `lang`",
                "languages": ["en", "fa"],
            }),
        ),
        (
            "q=refund&limit=many",
            400,
            json!({"error": "`limit=many` is not a whole number", "help": "ask for e.g. limit=10"}),
        ),
        ("q=refund&q=card", 400, json!({"error": "`q` is given twice", "help": "give each parameter once"})),
        (
            "q=%D9%BE%D8",
            400,
            json!({
                "error": "`%D9%BE%D8` is not percent-encoded UTF-8",
                "help": "encode parameters as a browser does (`encodeURIComponent`)",
            }),
        ),
    ] {
        let reply = server.search(query_string);
        assert_eq!(reply.status, status, "{query_string}: {reply}");
        let body: Value = serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{query_string}: {e}: {reply}"));
        assert_eq!(body, expected, "{query_string}");
    }

    // Odd input is answered or refused, never a crash: the workers are all still there after it.
    let long = "a".repeat(5000);
    for query_string in [
        "q=%00",
        "q=%E2%80%8C",
        "q=***%20%3F%3F",
        "q=%F0%9F%98%80",
        "q=a%CC%81%CC%81%CC%81",
        "q=%D8%A7",
        "q=x&limit=18446744073709551615",
        "q=x&limit=99999999999999999999999",
        "q&lang&limit",
        "=&&=x&%zz=1",
        &format!("q={long}"),
        &format!("q={}", "a+".repeat(400)),
    ] {
        let reply = server.search(query_string);
        assert!(matches!(reply.status, 200 | 400), "{query_string}: {reply}");
    }
    for _ in 0..8 {
        assert_eq!(server.search("q=refund").status, 200, "still answering after odd queries");
    }
    let post = server.request("POST /__freshdocs/search?q=refund HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(post.status, 405, "{post}");
}

#[test]
fn the_search_api_answers_about_the_text_as_last_saved() {
    let site = bilingual_site();
    let server = Server::start(&site, &["--port", "0"]);
    assert_eq!(server.search("q=zanzibar").body, json_stdout(&site, &["zanzibar"]));

    // A text edit updates one page; the API searches the new text all the same.
    site.write(
        "content/account/password.md",
        "---\ntitle: Reset your password\n---\nThe reset link goes to zanzibar.\n",
    );
    let edited =
        server.poll("/__freshdocs/search?q=zanzibar", "the saved word", |r| r.body.contains("/account/password/"));
    assert_eq!(edited.status, 200);
    assert_eq!(edited.body, json_stdout(&site, &["zanzibar"]));

    // A new article rebuilds the site (without re-indexing, to keep reloads quick): it is found too.
    site.write(
        "content/fa/account/password.md",
        indoc! {"
            ---
            title: گذرواژه
            ---
            گذرواژه را عوض کنید.
        "},
    );
    let added = server.poll(
        "/__freshdocs/search?q=%DA%AF%D8%B0%D8%B1%D9%88%D8%A7%DA%98%D9%87&lang=fa",
        "the new article",
        |r| r.body.contains("/fa/account/password/"),
    );
    assert_eq!(added.body, json_stdout(&site, &["گذرواژه", "--lang", "fa"]));
}

/// `[versions]` in the preview, under a base path: an old version's pages are served with the
/// current docs' theme files, which the version does not copy, and its own search index
/// (issue 16).
#[test]
fn the_preview_serves_old_versions_with_the_current_docs_theme_files() {
    let site = TestSite::new()
        .file(
            "freshdocs.toml",
            indoc! {"
                title = \"Acme\"
                base_url = \"https://acme.example/docs/\"

                [versions]
                keep = 2
            "},
        )
        .file("content/refunds.md", "# Refunds\n\nAsk within 30 days.\n");
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Docs 1.0", "2025-01-01T10:00:00Z"));
    site.write("content/refunds.md", "# Refunds\n\nAsk within 60 days.\n");
    git.tag("v1.1.0", git.commit_all("Docs 1.1", "2025-02-01T10:00:00Z"));
    let server = Server::start(&site, &["--port", "0"]);

    let old = server.get("/docs/v1.0/refunds/");
    assert!(old.status == 200 && old.body.contains("Ask within 30 days."), "{old}");
    assert!(old.body.contains("<link rel=\"stylesheet\" href=\"/docs/style.css\">"), "{old}");
    assert!(old.body.contains("data-search-index=\"/docs/v1.0/search/en/\""), "{old}");
    let style = server.get("/docs/style.css");
    assert_eq!((style.status, style.header("content-type")), (200, Some("text/css; charset=utf-8")), "{style}");
    assert_eq!(server.get("/docs/v1.0/style.css").status, 404, "the version has no copy of its own");
    assert_eq!(server.get("/docs/v1.0/search/en/meta.fdz").status, 200);
    assert!(server.get("/docs/refunds/").body.contains("Ask within 60 days."));
    // The search client reads its packs of documents with range requests, as from a static host.
    let pack = std::fs::read(server.served_folder().join("v1.0/search/en/d-0.fdp")).unwrap();
    let ask = |range: &str| {
        server.request(&format!(
            "GET /docs/v1.0/search/en/d-0.fdp HTTP/1.1\r\nHost: localhost\r\nRange: {range}\r\nConnection: close\r\n\r\n"
        ))
    };
    let header = ask("bytes=0-31");
    assert_eq!(header.status, 206, "{header}");
    assert_eq!(header.header("content-range"), Some(format!("bytes 0-31/{}", pack.len()).as_str()), "{header}");
    assert_eq!(header.header("content-length"), Some("32"), "{header}");
    assert_eq!(ask(&format!("bytes={}-", pack.len())).status, 416);
    let whole = server.get("/docs/v1.0/search/en/d-0.fdp");
    assert_eq!((whole.status, whole.header("accept-ranges")), (200, Some("bytes")), "{whole}");
    assert_eq!(whole.header("content-length"), Some(pack.len().to_string().as_str()), "{whole}");
}
