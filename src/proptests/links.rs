//! Links (`links::PageLinks`, `markdown::render`, `output::alias_path`): a relative `.md` link
//! to an article becomes that article's URL, and nothing the site rewrites leaves it.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;

use super::{config, text_of};
use crate::config::Site;
use crate::content::Content;
use crate::content::slug::{decode_percent, encode_path};
use crate::links::SiteIndex;
use crate::markdown::{CalloutLabels, LinkResolver, Resolved, render};

const BASE: &str = "/docs/";

/// Articles with names that need encoding, a section index, a page bundle, an asset, an alias.
const FILES: &[(&str, &str)] = &[
    ("billing/_index.md", "# Billing\n"),
    ("billing/refunds.md", "---\naliases: [/old/refunds/]\n---\n# Refunds\n"),
    ("billing/cards/Visa & Mastercard.md", "Cards.\n"),
    ("a b/c d.md", "Spaces.\n"),
    ("x#y.md", "Hash.\n"),
    ("100%.md", "Percent.\n"),
    ("q?.md", "Question.\n"),
    ("+.md", "Plus.\n"),
    ("((.md", "Parens.\n"),
    ("é.md", "Accent.\n"),
    ("guide/index.md", "Bundle.\n"),
    ("راهنما/شروع.md", "Persian.\n"),
    ("Configuration.md", "Case.\n"),
    ("img/logo one.png", "png"),
];

struct Fixture {
    _tmp: tempfile::TempDir,
    content: Content,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("freshdocs.toml"), "base_url = \"https://help.example/docs/\"\n").unwrap();
        for (rel, text) in FILES {
            let path = tmp.path().join("content").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let site = Site::load(tmp.path(), Some(&tmp.path().join("out"))).unwrap();
        let (content, _) = crate::content::load(&site).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(site.base_path, BASE);
        Fixture { _tmp: tmp, content }
    })
}

/// The relative path from the folder of `from` to `to`, both content-relative.
fn relative(from: &str, to: &str) -> String {
    let dir: Vec<&str> = from.rsplit_once('/').map(|(d, _)| d.split('/').collect()).unwrap_or_default();
    let target: Vec<&str> = to.split('/').collect();
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..", dir.len() - common);
    ups.chain(target[common..].iter().copied()).collect::<Vec<_>>().join("/")
}

/// How a writer may spell a link to `to` from the file `from`.
#[derive(Debug, Clone, Copy)]
enum Spelling {
    Relative,
    DotRelative,
    FromRoot,
    Zola,
}

fn spelled(spelling: Spelling, from: &str, to: &str) -> String {
    match spelling {
        Spelling::Relative => encode_path(&relative(from, to)),
        Spelling::DotRelative => format!("./{}", encode_path(&relative(from, to))),
        Spelling::FromRoot => format!("/{}", encode_path(to)),
        Spelling::Zola => format!("@/{}", encode_path(to)),
    }
}

fn spelling() -> impl Strategy<Value = Spelling> {
    proptest::sample::select(&[Spelling::Relative, Spelling::DotRelative, Spelling::FromRoot, Spelling::Zola][..])
}

/// Is `href` a URL of this site that climbs nowhere?
fn stays_in_site(href: &str) -> Result<(), TestCaseError> {
    let path = href.split('#').next().unwrap_or_default();
    prop_assert!(path.starts_with(BASE) && !path.starts_with("//"), "{:?}", href);
    let decoded = decode_percent(path);
    prop_assert!(!decoded.contains('\\'), "{:?}", href);
    let inner = decoded.trim_end_matches('/');
    for segment in inner.split('/').skip(1) {
        prop_assert!(!matches!(segment, "" | "." | ".."), "{:?} has {:?}", href, segment);
    }
    Ok(())
}

const DEST_PIECES: &[&str] = &[
    "../",
    "./",
    "..",
    ".",
    "/",
    "//",
    "@/",
    "\\",
    "%2e%2e",
    "%2E",
    "%2F",
    "%2f",
    "%5C",
    "%00",
    "%",
    "#",
    "?",
    ":",
    "http:",
    "javascript:",
    "mailto:",
    "billing",
    "billing/",
    "refunds.md",
    "refunds",
    "_index.md",
    "index.html",
    "index.md",
    ".md",
    ".html",
    "docs",
    "/docs/",
    "a b",
    "%20",
    "é",
    "x%23y.md",
    "100%25.md",
    "Configuration",
    "configuration",
    "old/refunds/",
    "img/logo%20one.png",
    "guide",
    "cards/",
    "Visa%20&%20Mastercard.md",
    " ",
    "\t",
];

/// Markdown around the links. Not arbitrary text: `<?` or `<!--` opens a raw HTML block that
/// runs to the end of the document, where a link is rightly not a link.
fn prose() -> impl Strategy<Value = String> {
    let pieces = ["text ", "*em* ", "`code` ", "# Heading\n", "> quote\n", "- item\n", "\n\n", "ग्राहक ", "[x] "];
    proptest::collection::vec(proptest::sample::select(pieces.to_vec()), 0..6).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config(1))]

    /// A link to any article, relative, `./`, from the content root or Zola's `@/`, with or
    /// without a fragment, resolves to that article's URL.
    #[test]
    fn links_to_articles_become_their_urls(
        from in any::<proptest::sample::Index>(),
        to in any::<proptest::sample::Index>(),
        spelling in spelling(),
        fragment in proptest::option::of("[a-z0-9-]{0,8}"),
    ) {
        let content = &fixture().content;
        let index = SiteIndex::new(content, BASE, "en");
        let from = from.get(content.articles.as_slice());
        let to = to.get(content.articles.as_slice());
        let links = index.for_page(&from.source.rel_path, &from.url);
        let mut dest = spelled(spelling, &from.source.rel_path, &to.source.rel_path);
        let mut href = encode_path(&to.url);
        if let Some(f) = &fragment {
            dest = format!("{dest}#{f}");
            href = format!("{href}#{f}");
        }
        let expected = Resolved::Internal { href, page: Some(to.url.clone()), fragment: fragment.clone() };
        prop_assert_eq!(links.resolve(&dest), expected, "{:?} from {:?}", dest, from.source.rel_path);
    }

    /// Whatever is written, a rewritten link is a URL under the base path with no `.` or `..`
    /// segment, or a `#fragment` / `?query` of the page itself.
    #[test]
    fn rewritten_links_stay_in_the_site(from in any::<proptest::sample::Index>(), dest in text_of(DEST_PIECES, 8)) {
        let content = &fixture().content;
        let index = SiteIndex::new(content, BASE, "en");
        let from = from.get(content.articles.as_slice());
        let links = index.for_page(&from.source.rel_path, &from.url);
        if let Resolved::Internal { href, .. } = links.resolve(&dest) {
            let written = dest.trim();
            if written.starts_with(['#', '?']) {
                prop_assert_eq!(href.as_str(), written);
            } else {
                stays_in_site(&href)?;
            }
        }
    }

    /// In rendered Markdown, links to articles written as `.md` files are rewritten to their
    /// URLs, in order, and every one is recorded for the anchor check.
    #[test]
    fn rendered_links_are_rewritten(
        from in any::<proptest::sample::Index>(),
        targets in proptest::collection::vec((any::<proptest::sample::Index>(), spelling()), 1..5),
        prose in prose(),
    ) {
        let content = &fixture().content;
        let index = SiteIndex::new(content, BASE, "en");
        let from = from.get(content.articles.as_slice());
        let links = index.for_page(&from.source.rel_path, &from.url);
        let mut body = String::new();
        let mut expected = Vec::new();
        for (to, spelling) in &targets {
            let to = to.get(content.articles.as_slice());
            // In Markdown `&amp;` in a destination is `&`: a writer escapes the `&` itself.
            let dest = spelled(*spelling, &from.source.rel_path, &to.source.rel_path).replace('&', "%26");
            body.push_str(&format!("{prose}\n\nSee [the article](<{dest}>).\n\n"));
            expected.push(encode_path(&to.url));
        }
        let rendered = render(&body, 1, &links, &CalloutLabels::default(), true);
        let hrefs: Vec<String> = rendered
            .links
            .iter()
            .map(|l| match &l.resolved {
                Resolved::Internal { href, .. } => href.clone(),
                other => format!("{other:?} for {}", l.dest),
            })
            .collect();
        prop_assert_eq!(hrefs, expected, "{}", body);
        prop_assert_eq!(rendered.html.matches("href=\"/docs/").count(), targets.len(), "{}", rendered.html);
    }

    /// An alias (an old URL kept working) is written inside the output folder, whatever it says.
    #[test]
    fn aliases_stay_in_the_output(alias in text_of(DEST_PIECES, 8), base in proptest::sample::select(&["/", BASE][..])) {
        if let Some(file) = crate::output::alias_path(&alias, base) {
            let path = Path::new(&file);
            prop_assert!(path.is_relative() && !file.contains('\\'), "{:?} → {:?}", alias, file);
            for segment in file.split('/') {
                prop_assert!(!matches!(segment, "" | "." | ".."), "{:?} → {:?}", alias, file);
            }
            prop_assert!(file.ends_with(".html") || file.ends_with(".htm"), "{:?} → {:?}", alias, file);
        }
    }
}
