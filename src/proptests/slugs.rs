//! Slugs and URLs (`content::slug`, `content::load`): slugs are URL-safe and stable, names of
//! punctuation keep distinct addresses, percent-encoding round-trips, and a content folder of
//! colliding names either loads with one URL per page or is refused.

use std::collections::{BTreeMap, HashSet};

use proptest::prelude::*;

use super::{config, text_of};
use crate::config::Site;
use crate::content::slug::{decode_percent, encode_path, is_mark, segment, slugify};

const PIECES: &[&str] = &[
    " ",
    "-",
    "_",
    "+",
    "++",
    ".",
    "/",
    "\\",
    "%",
    "%20",
    "#",
    "?",
    "&",
    "'",
    "\"",
    "(",
    ")",
    "\u{200C}",
    "\u{200D}",
    "\u{feff}",
    "\u{0}",
    "\t",
    "\n",
    "A",
    "Z",
    "İ",
    "ß",
    "Σ",
    "ǅ",
    "K",
    "e\u{301}",
    "é",
    "راهنمای",
    "می‌شود",
    "ग्राहक",
    "क्ष",
    "फ़ाइल",
    "ÉTÉ",
    "Ünïcode",
    "2024",
    "clang",
    "😀",
    "\u{301}",
    "\u{94d}",
];

/// A character a slug may hold.
fn slug_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c) || c == '_' || c == '-'
}

/// Names `slugify` leaves nothing of: punctuation, symbols and spaces.
fn punctuation_name() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => proptest::sample::select(&['!', '$', '%', '(', ')', '.', '~', '*', '@', ' ', '-', '\u{200C}', '€'][..]),
        1 => any::<char>(),
    ];
    proptest::collection::vec(c, 1..5)
        .prop_map(|cs| cs.into_iter().collect::<String>())
        .prop_filter("nothing a slug keeps", |s| slugify(s).is_empty())
}

proptest! {
    #![proptest_config(config(1))]

    /// Only letters, digits and marks of any script, `_` and single inner `-`; already lower-case.
    #[test]
    fn slugs_are_url_safe(text in text_of(PIECES, 16)) {
        let slug = slugify(&text);
        prop_assert!(slug.chars().all(slug_char), "{:?} → {:?}", text, slug);
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{:?} → {:?}", text, slug);
        prop_assert!(!slug.contains("--"), "{:?} → {:?}", text, slug);
        prop_assert_eq!(slug.to_lowercase(), slug.clone());
    }

    /// A slug is its own slug, so a `slug:` written from a URL keeps that URL.
    #[test]
    fn slugify_is_idempotent(text in text_of(PIECES, 16)) {
        let slug = slugify(&text);
        prop_assert_eq!(slugify(&slug), slug.clone(), "from {:?}", text);
    }

    /// `clang++` and `clang` are different pages: a trailing `+` is never lost.
    #[test]
    fn a_plus_is_spelled(text in text_of(PIECES, 8)) {
        prop_assert_ne!(slugify(&format!("{text}+")), slugify(&text));
    }

    /// A file or folder name always gives a URL segment that is not `.`/`..` and has no `/`, and
    /// two names of punctuation alone (`!.md`, `$.md`) get different segments.
    #[test]
    fn punctuation_names_keep_distinct_segments(a in punctuation_name(), b in punctuation_name()) {
        for name in [&a, &b] {
            let s = segment(name, "page");
            prop_assert!(!s.is_empty() && s != "." && s != ".." && s.chars().all(slug_char), "{:?} → {:?}", name, s);
        }
        if a.trim() != b.trim() {
            prop_assert_ne!(segment(&a, "page"), segment(&b, "page"));
        }
    }

    /// What `encode_path` writes into an `href`, `decode_percent` reads back; nothing in it ends
    /// the attribute or starts a query or fragment.
    #[test]
    fn percent_encoding_round_trips(path in text_of(PIECES, 16)) {
        let encoded = encode_path(&path);
        prop_assert!(!encoded.contains([' ', '"', '#', '?', '<', '>', '\\']) && !encoded.chars().any(char::is_control));
        prop_assert_eq!(decode_percent(&encoded), path);
    }
}

/// Names that collide once slugified, or reach a reserved address.
const NAMES: &[&str] = &[
    "a",
    "A",
    "a b",
    "a-b",
    "a_b",
    "+",
    "plus",
    "!",
    "u21",
    "é",
    "e\u{301}",
    "clang++",
    "clang-plus-plus",
    "index",
    "_index",
    "README",
    "setup",
    "a-z",
    "search",
    "sitemap",
    "feed",
    "x.y",
    "((",
    "u28-u28",
    "ग्राहक",
    "می‌شود",
    "میشود",
    "%41",
    "404",
];
const FOLDERS: &[&str] = &["", "setup", "a", "A", "é", "e\u{301}", "b/c", "a b", "search", "a-z"];
const EXTENSIONS: &[&str] = &["md", "MD", "markdown", "png", "html", "xml"];
const SLUGS: &[&str] = &["x", "/a", "/setup", "../up", "a/b", "/", "A", "plus", "/b/c", "/a-z", " ", "./x"];

#[derive(Debug, Clone)]
struct File {
    folder: &'static str,
    name: &'static str,
    extension: &'static str,
    slug: Option<&'static str>,
}

fn file() -> impl Strategy<Value = File> {
    (
        proptest::sample::select(FOLDERS),
        proptest::sample::select(NAMES),
        proptest::sample::select(EXTENSIONS),
        proptest::option::weighted(0.2, proptest::sample::select(SLUGS)),
    )
        .prop_map(|(folder, name, extension, slug)| File { folder, name, extension, slug })
}

proptest! {
    // Each case writes a content folder.
    #![proptest_config(config(4))]

    /// Whatever the names, a content folder loads with every page, section and file at its own
    /// URL (compared without case, as on a case-insensitive host), or is refused; page URLs are
    /// folder-shaped paths of slug segments.
    #[test]
    fn every_page_gets_its_own_url_or_the_folder_is_refused(files in proptest::collection::vec(file(), 1..8)) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        let mut written = BTreeMap::new();
        for f in &files {
            let rel = if f.folder.is_empty() {
                format!("{}.{}", f.name, f.extension)
            } else {
                format!("{}/{}.{}", f.folder, f.name, f.extension)
            };
            let text = match f.slug {
                Some(slug) => format!("---\nslug: \"{slug}\"\n---\nText.\n"),
                None => "Text.\n".to_string(),
            };
            written.insert(rel, text);
        }
        for (rel, text) in &written {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        let site = Site::load(&root, Some(&tmp.path().join("out"))).unwrap();
        let Ok((content, _)) = crate::content::load(&site) else {
            return Ok(());
        };
        let mut seen = HashSet::new();
        let pages = content.articles.iter().map(|a| &a.url).chain(content.sections.iter().map(|s| &s.url));
        for url in pages.clone().chain(content.assets.iter().map(|a| &a.url)) {
            prop_assert!(seen.insert(url.to_lowercase()), "two at {:?} in {:?}", url, written.keys());
        }
        for url in pages {
            prop_assert!(url.starts_with('/') && url.ends_with('/'), "{:?}", url);
            for part in url.trim_matches('/').split('/').filter(|p| !p.is_empty()) {
                prop_assert!(part.chars().all(slug_char), "{:?} in {:?}", part, url);
            }
        }
    }
}
