//! From a request target to a file of the served site, refusing anything that could lead outside
//! it, and the `Content-Type` of what is found.
//!
//! The request path is decoded exactly once. Whatever then looks like a trick (`..` or `.`
//! segments, an absolute or empty segment, a backslash, a NUL, a colon, or a `%XX` left over from
//! double encoding) is refused before the file system is touched; what remains is joined to the
//! site folder and canonicalized, and must still lie inside it, so a symbolic link that points
//! elsewhere is refused too. This module does not know about HTTP responses or live reload.

use std::path::{Component, Path, PathBuf};

/// A request path, decoded and checked: the segments below the site's base path.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SitePath {
    pub(crate) segments: Vec<String>,
    /// Whether the path ended in `/` (a folder URL).
    pub(crate) trailing_slash: bool,
}

/// Why a request path was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Malformed, or an attempt to leave the site: answered with 400.
    BadPath(&'static str),
    /// Well formed but outside the base path of the site (`base_url`): answered with 404.
    OutsideBase,
}

/// Where a checked path leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// A file inside the site (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect so relative links work.
    AddSlash,
    Missing,
    /// The file exists but resolves outside the site (a symbolic link): answered with 403.
    Outside,
}

/// Decodes and checks the path of a request target (`/a/b/?q=1`), then strips `base_path`
/// (`/` or `/docs/`, as in [`crate::config::Site::base_path`]).
pub(crate) fn parse(target: &str, base_path: &str) -> Result<SitePath, Refusal> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Refusal::BadPath("the path must start with `/`"));
    };
    let decoded = percent_decode(rest).ok_or(Refusal::BadPath("bad percent-encoding"))?;
    let decoded = String::from_utf8(decoded).map_err(|_| Refusal::BadPath("not UTF-8"))?;
    if decoded.contains('\0') {
        return Err(Refusal::BadPath("a NUL byte"));
    }
    if decoded.contains('\\') {
        return Err(Refusal::BadPath("a backslash"));
    }
    if has_percent_escape(&decoded) {
        // Decoded once, the path still holds an escape: `%252e%252e` is `..` encoded twice.
        return Err(Refusal::BadPath("double percent-encoding"));
    }
    let trailing_slash = decoded.is_empty() || decoded.ends_with('/');
    let body = decoded.strip_suffix('/').unwrap_or(&decoded);
    let mut segments = Vec::new();
    if !body.is_empty() {
        for segment in body.split('/') {
            check_segment(segment)?;
            segments.push(segment.to_string());
        }
    }
    let base: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() < base.len() || segments.iter().zip(&base).any(|(s, b)| s != b) {
        return Err(Refusal::OutsideBase);
    }
    segments.drain(..base.len());
    Ok(SitePath { segments, trailing_slash })
}

fn check_segment(segment: &str) -> Result<(), Refusal> {
    match segment {
        "" => Err(Refusal::BadPath("an empty segment (`//`)")),
        "." | ".." => Err(Refusal::BadPath("a `.` or `..` segment")),
        s if s.contains(':') => Err(Refusal::BadPath("a colon")),
        // Whatever the platform calls special (a drive, a root) is not a plain name.
        s => match Path::new(s).components().collect::<Vec<_>>().as_slice() {
            [Component::Normal(_)] => Ok(()),
            _ => Err(Refusal::BadPath("not a plain file name")),
        },
    }
}

/// Finds the file for `path` in `root`, which must be canonical.
pub(crate) fn locate(root: &Path, path: &SitePath) -> Found {
    let mut file = root.to_path_buf();
    file.extend(&path.segments);
    let Ok(meta) = std::fs::metadata(&file) else {
        return Found::Missing;
    };
    if meta.is_dir() {
        if !path.trailing_slash {
            return Found::AddSlash;
        }
        file.push("index.html");
    } else if path.trailing_slash {
        // `page.html/` names a folder that does not exist, as on any static host.
        return Found::Missing;
    }
    match file.canonicalize() {
        Ok(real) if !real.starts_with(root) => Found::Outside,
        Ok(real) if real.is_file() => Found::File(real),
        _ => Found::Missing,
    }
}

/// `Content-Type` for a file name, by its extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

pub(crate) fn is_html(path: &Path) -> bool {
    content_type(path).starts_with("text/html")
}

/// `%XX` → byte; `None` on a `%` not followed by two hex digits.
pub(super) fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn has_percent_escape(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(target: &str, base: &str) -> (Vec<String>, bool) {
        let path = parse(target, base).unwrap_or_else(|e| panic!("{target:?} refused: {e:?}"));
        (path.segments, path.trailing_slash)
    }

    #[test]
    fn plain_paths_are_decoded_once_and_split() {
        assert_eq!(ok("/", "/"), (vec![], true));
        assert_eq!(ok("/billing/refunds/?x=1#top", "/"), (vec!["billing".into(), "refunds".into()], true));
        assert_eq!(ok("/style.css", "/"), (vec!["style.css".into()], false));
        assert_eq!(ok("/fa/%D8%B1%D8%A7%D9%87/", "/"), (vec!["fa".into(), "راه".into()], true));
        assert_eq!(ok("/a%20b.pdf", "/"), (vec!["a b.pdf".into()], false));
        assert_eq!(ok("/docs/a/", "/docs/"), (vec!["a".into()], true));
        assert_eq!(ok("/docs/", "/docs/"), (vec![], true));
        assert_eq!(ok("/docs", "/docs/"), (vec![], false));
    }

    #[test]
    fn tricks_are_refused() {
        for target in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/a/./b",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/a/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/%252e%252e/etc/passwd",
            "/%25252e%25252e/x",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a//b",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "/a%00.html",
            "/C:/Windows/win.ini",
            "/c%3a/x",
            "/%zz",
            "/%e",
            "/%ff%fe",
            "etc/passwd",
            "http://evil.example/etc/passwd",
            "*",
        ] {
            assert!(matches!(parse(target, "/"), Err(Refusal::BadPath(_))), "{target:?} was accepted");
        }
    }

    #[test]
    fn paths_outside_the_base_path_are_not_found() {
        assert_eq!(parse("/other/", "/docs/"), Err(Refusal::OutsideBase));
        assert_eq!(parse("/", "/docs/"), Err(Refusal::OutsideBase));
        assert_eq!(parse("/docsx/", "/docs/"), Err(Refusal::OutsideBase));
    }

    #[test]
    fn locate_serves_index_files_and_refuses_links_out() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "a").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        let at = |t: &str| locate(&root, &parse(t, "/").unwrap());
        assert_eq!(at("/a/"), Found::File(root.join("a/index.html")));
        assert_eq!(at("/a"), Found::AddSlash);
        assert_eq!(at("/b/"), Found::Missing);
        assert_eq!(at("/a/index.html/"), Found::Missing);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(tmp.path(), root.join("up")).unwrap();
            std::os::unix::fs::symlink(root.join("a/index.html"), root.join("inside.html")).unwrap();
            assert_eq!(at("/link.txt"), Found::Outside);
            assert_eq!(at("/up/secret.txt"), Found::Outside);
            assert_eq!(at("/inside.html"), Found::File(root.join("a/index.html")));
        }
    }

    #[test]
    fn content_types() {
        for (name, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("A.HTM", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("favicon.svg", "image/svg+xml"),
            ("p.png", "image/png"),
            ("p.jpg", "image/jpeg"),
            ("p.jpeg", "image/jpeg"),
            ("p.gif", "image/gif"),
            ("p.webp", "image/webp"),
            ("favicon.ico", "image/x-icon"),
            ("index.json", "application/json"),
            ("sitemap.xml", "application/xml"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("guide.pdf", "application/pdf"),
            ("font.woff2", "font/woff2"),
            ("archive.tar.gz", "application/octet-stream"),
            ("README", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }
}
