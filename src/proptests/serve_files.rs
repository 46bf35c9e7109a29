//! `serve`'s request paths (`serve::files::parse` and `locate`): whatever the target, the path
//! is decoded once, and what is served lies inside the site folder.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;

use super::{config, text_of};
use crate::serve::files::{Found, Refusal, SitePath, locate, parse};

const PIECES: &[&str] = &[
    "/",
    "//",
    "..",
    ".",
    "../",
    "%2e",
    "%2E",
    "%2e%2e",
    "%2f",
    "%2F",
    "%5c",
    "%5C",
    "\\",
    "%00",
    "\0",
    "%25",
    "%252e",
    "%",
    "%e",
    "%zz",
    "%ff",
    ":",
    "%3a",
    "C:",
    "?",
    "#",
    "a",
    "a.html",
    "index.html",
    "docs",
    "secret.txt",
    "up",
    "link.txt",
    "inside.html",
    "%D8%B1",
    "راه",
    "ग्",
    "%E0%A4",
    " ",
    "%20",
    "~",
    "\u{2215}",
    "\u{ff0e}",
    "\u{2024}",
];

/// A request target: usually starting with `/`, as browsers send them.
fn target() -> impl Strategy<Value = String> {
    (any::<bool>(), text_of(PIECES, 16)).prop_map(|(slash, t)| if slash { format!("/{t}") } else { t })
}

/// A site folder with a file outside it and symbolic links that lead out, made once.
struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for dir in ["a", "docs/a", "راه"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
            std::fs::write(root.join(dir).join("index.html"), "page").unwrap();
        }
        std::fs::write(root.join("a.html"), "page").unwrap();
        std::fs::write(root.join("index.html"), "page").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(tmp.path(), root.join("up")).unwrap();
            std::os::unix::fs::symlink(root.join("a/index.html"), root.join("inside.html")).unwrap();
        }
        let root = root.canonicalize().unwrap();
        Site { _tmp: tmp, root }
    })
}

/// Every byte as `%XX`, or the character as it is.
fn encoded(segment: &str, encode: &[bool]) -> String {
    segment
        .chars()
        .zip(encode.iter().cycle())
        .map(|(c, &e)| {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).bytes();
            if e || !c.is_ascii_alphanumeric() { bytes.map(|b| format!("%{b:02X}")).collect() } else { c.to_string() }
        })
        .collect()
}

/// A file name a site may hold: no `/`, `\`, `:`, NUL or `%XX`, and not `.` or `..`.
fn plain_name() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), text_of(&["a", ".", "%", "%z", " ", "é", "راه", "ग्", "~", "-"], 6)].prop_filter(
        "a plain file name",
        |s| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && !s.contains(['/', '\\', ':', '\0'])
                && !s
                    .as_bytes()
                    .windows(3)
                    .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
        },
    )
}

proptest! {
    #![proptest_config(config(1))]

    /// What `parse` accepts is a list of plain names, joined to the root below it; never `..`.
    #[test]
    fn accepted_paths_stay_below_the_root(target in target(), base in proptest::sample::select(&["/", "/docs/"][..])) {
        let Ok(SitePath { segments, .. }) = parse(&target, base) else {
            return Ok(());
        };
        let root = Path::new("/srv/site");
        let mut file = root.to_path_buf();
        file.extend(&segments);
        prop_assert!(file.starts_with(root));
        prop_assert!(file.strip_prefix(root).unwrap().components().all(|c| matches!(c, Component::Normal(_))), "{:?}", segments);
        for s in &segments {
            prop_assert!(!s.is_empty() && s != "." && s != ".." && !s.contains(['/', '\\', '\0', ':']), "{:?} from {:?}", s, target);
        }
    }

    /// A real folder with links that lead out: a file is served only from inside it.
    #[test]
    fn only_files_inside_the_site_are_served(target in target()) {
        let site = site();
        let Ok(path) = parse(&target, "/") else {
            return Ok(());
        };
        match locate(&site.root, &path) {
            Found::File(file) => {
                prop_assert!(file.starts_with(&site.root), "{:?} served {:?}", target, file);
                prop_assert_eq!(std::fs::read_to_string(&file).unwrap(), "page");
            }
            Found::AddSlash | Found::Missing | Found::Outside => {}
        }
    }

    /// Names encoded once (any bytes as `%XX`) are decoded once, under the base path.
    #[test]
    fn encoded_names_decode_once(
        names in proptest::collection::vec(plain_name(), 0..4),
        encode in proptest::collection::vec(any::<bool>(), 1..8),
        slash in any::<bool>(),
        query in proptest::option::of("[?#][ -~]{0,8}"),
    ) {
        let path: Vec<String> = names.iter().map(|n| encoded(n, &encode)).collect();
        let slash = slash || names.is_empty();
        let target = format!("/docs/{}{}{}", path.join("/"), if slash && !names.is_empty() { "/" } else { "" }, query.unwrap_or_default());
        let parsed = parse(&target, "/docs/");
        prop_assert_eq!(parsed, Ok(SitePath { segments: names, trailing_slash: slash }), "{}", target);
        prop_assert_eq!(parse("/other/x", "/docs/"), Err(Refusal::OutsideBase));
    }
}
