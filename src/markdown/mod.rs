//! Markdown to HTML with pulldown-cmark: heading ids, table of contents, callouts, and links
//! rewritten from `.md` files to page URLs.
//!
//! This module renders one document at a time. It does not know the site: link targets are
//! looked up through a [`LinkResolver`] and every internal link is returned so the caller can
//! check anchors once all pages are rendered.
//!
//! [`render`] lists the events pulldown-cmark reports and hands each kind to its handler in
//! `renderer`; this file holds what callers see.

use std::collections::HashSet;
use std::path::PathBuf;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use renderer::{Heading, Image, Renderer};

mod code;
mod highlight;
mod images;
mod renderer;
mod reuse;
mod saved;

pub(crate) use reuse::RenderCache;
pub use reuse::RenderCount;
pub(crate) use saved::SavedRenders;
pub(crate) use saved::hash128;

/// What a link destination turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Resolved {
    /// Another site, a `mailto:` or `tel:` link: left as written.
    External,
    /// A page or file of this site. `page` is the URL of the page whose headings the fragment
    /// must name (None for files), `href` the rewritten destination.
    Internal { href: String, page: Option<String>, fragment: Option<String> },
    /// A file of the repository outside the content folder, at `href` on its forge.
    Repository { href: String },
    /// Nothing at that destination; the reason is shown to the writer.
    Broken(String),
}

/// Turns link destinations written in an article into URLs of the site.
pub(crate) trait LinkResolver {
    fn resolve(&self, dest: &str) -> Resolved;

    /// The file on disk that `dest` names, when it is a file of the site (an image, to read its
    /// size); None for pages, other sites and missing files.
    fn file(&self, _dest: &str) -> Option<PathBuf> {
        None
    }
}

/// Words the renderer writes itself, in the page's language: callout titles, and the
/// accessible names of task-list boxes and scrollable tables.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct CalloutLabels {
    pub(crate) note: String,
    pub(crate) tip: String,
    pub(crate) important: String,
    pub(crate) warning: String,
    pub(crate) caution: String,
    pub(crate) task_done: String,
    pub(crate) task_todo: String,
    pub(crate) table: String,
}

impl Default for CalloutLabels {
    fn default() -> Self {
        CalloutLabels {
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
            task_done: "Done".into(),
            task_todo: "To do".into(),
            table: "Table".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct TocEntry {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) title: String,
}

/// An internal link found in a document, for validation once every page is known.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct OutgoingLink {
    /// Line in the source file.
    pub(crate) line: usize,
    pub(crate) dest: String,
    pub(crate) resolved: Resolved,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Rendered {
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    /// The text of a `# heading` that opened the document; it is the page title, so it is left
    /// out of `html`.
    pub(crate) h1: Option<String>,
    /// Every heading id of the page, for anchor checks.
    pub(crate) ids: HashSet<String>,
    pub(crate) links: Vec<OutgoingLink>,
    /// The document as plain text (for descriptions and search), shared with the search
    /// document rather than copied: on a large site it is tens of megabytes.
    pub(crate) text: std::sync::Arc<str>,
    /// Problems a reader would meet (an image without alt text), for the build's warnings.
    pub(crate) warnings: Vec<RenderWarning>,
    /// What it was rendered from, for [`SavedRenders::save`]: none unless it came through one.
    #[serde(skip)]
    pub(crate) saved_as: Option<Box<saved::Origin>>,
}

impl Rendered {
    /// Gives the links and warnings the file lines `map` says (a body with snippets spliced in
    /// counts its lines through them).
    pub(crate) fn map_lines(&mut self, map: impl Fn(usize) -> usize) {
        for link in &mut self.links {
            link.line = map(link.line);
        }
        for warning in &mut self.warnings {
            warning.line = map(warning.line);
        }
    }
}

/// A problem in a document that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct RenderWarning {
    /// Line in the source file.
    pub(crate) line: usize,
    pub(crate) message: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// Renders `body`, whose first line is line `first_line` of its file; `highlight` colours fenced
/// code (`[markdown] highlight`).
pub(crate) fn render(
    body: &str,
    first_line: usize,
    resolver: &dyn LinkResolver,
    labels: &CalloutLabels,
    highlight: bool,
) -> Rendered {
    let mut renderer = Renderer::new(body, first_line, resolver, labels, highlight);
    let mut parser = Parser::new_ext(body, options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                // Gather the heading's inner events to know its text before writing its tag.
                let inner = parser
                    .by_ref()
                    .map(|(event, _)| event)
                    .take_while(|event| !matches!(event, Event::End(TagEnd::Heading(_))))
                    .collect();
                renderer.heading(Heading { level, id, classes, attrs }, inner, range.start);
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                // The alt text is the image's inner events; gather them to write one `<img>`.
                let mut depth = 0;
                let inner = parser
                    .by_ref()
                    .map(|(event, _)| event)
                    .take_while(|event| match event {
                        Event::Start(Tag::Image { .. }) => {
                            depth += 1;
                            true
                        }
                        Event::End(TagEnd::Image) if depth > 0 => {
                            depth -= 1;
                            true
                        }
                        Event::End(TagEnd::Image) => false,
                        _ => true,
                    })
                    .collect();
                renderer.image(Image { dest_url, title }, inner, range.start);
            }
            Event::Start(tag) => renderer.start(tag, range.start),
            Event::End(tag) => renderer.end(tag),
            Event::Text(text) => renderer.text(text),
            Event::Code(code) => renderer.code(code),
            Event::Html(_) | Event::InlineHtml(_) => renderer.raw_html(event),
            Event::SoftBreak | Event::HardBreak => renderer.line_break(event),
            Event::FootnoteReference(name) => renderer.footnote_reference(&name),
            Event::TaskListMarker(done) => renderer.task_list_marker(done),
            Event::Rule | Event::InlineMath(_) | Event::DisplayMath(_) => renderer.keep(event),
        }
    }
    renderer.finish()
}

/// The id GitHub gives a heading, so links written for GitHub keep working: lower-case, spaces
/// become `-`, punctuation is dropped, letters and marks of every script are kept (a Hindi
/// heading keeps its vowel signs and viramas; a Persian one loses only its ZWNJ).
pub(crate) fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' {
            id.push('-');
        } else if c == '-' || c == '_' || c.is_alphanumeric() || crate::content::slug::is_mark(c) {
            id.extend(c.to_lowercase());
        }
    }
    id
}
/// Escapes text for an HTML attribute or text node.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves `x.md` to `/x/` and everything else as broken, for tests.
    struct Fake;
    impl LinkResolver for Fake {
        fn resolve(&self, dest: &str) -> Resolved {
            if dest.starts_with("http") {
                return Resolved::External;
            }
            let (path, fragment) = match dest.split_once('#') {
                Some((p, f)) => (p, Some(f.to_string())),
                None => (dest, None),
            };
            match path.strip_suffix(".md") {
                Some(stem) => {
                    let url = format!("/{stem}/");
                    let href = match &fragment {
                        Some(f) => format!("{url}#{f}"),
                        None => url.clone(),
                    };
                    Resolved::Internal { href, page: Some(url), fragment }
                }
                None => Resolved::Broken("no such file".into()),
            }
        }
    }

    fn render_str(md: &str) -> Rendered {
        render(md, 1, &Fake, &CalloutLabels::default(), true)
    }

    #[test]
    fn heading_ids_follow_github() {
        let cases = [
            ("Getting Started", "getting-started"),
            ("What's new?", "whats-new"),
            ("C++ & Rust", "c--rust"),
            ("راهنمای شروع", "راهنمای-شروع"),
            ("چطور می‌شود", "چطور-میشود"),
            ("ग्राहक सेवा", "ग्राहक-सेवा"),
            ("फ़ाइल भेजें", "फ़ाइल-भेजें"),
        ];
        for (text, id) in cases {
            assert_eq!(heading_id(text), id, "{text:?}");
        }
    }

    #[test]
    fn duplicate_and_reserved_headings_get_unique_ids() {
        let r = render_str("## Setup\n\n## Setup\n\n## Search results\n\n## Search\n");
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["setup", "setup-1", "search-results-1", "search"]);
        assert!(r.html.contains("<h2 id=\"setup-1\">"), "{}", r.html);
    }

    #[test]
    fn leading_h1_becomes_the_title() {
        let r = render_str("# Refunds\n\nText.\n\n# Another\n");
        assert_eq!(r.h1.as_deref(), Some("Refunds"));
        assert!(!r.html.contains(">Refunds<"), "{}", r.html);
        assert!(r.html.contains("<h1 id=\"another\">"), "{}", r.html);
    }

    #[test]
    fn callouts() {
        let r = render_str("> [!WARNING]\n> Back up first.\n");
        assert!(
            r.html.contains(
                "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("Back up first."));
        assert!(r.html.trim_end().ends_with("</div>"), "{}", r.html);
    }

    #[test]
    fn links_are_rewritten_and_recorded_with_lines() {
        let r =
            render_str("Intro\n\nSee [refunds](refunds.md#how) and [x](https://example.com) and ![i](missing.png).\n");
        assert!(r.html.contains("href=\"/refunds/#how\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://example.com\""));
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.links[0].line, 3);
        assert!(matches!(r.links[1].resolved, Resolved::Broken(_)));
    }

    #[test]
    fn ids_as_other_tools_spell_them_reach_the_heading() {
        let r = render_str("## --fast-list\n\n## get_image_metadata\n\n## Setup\n\n## fast-list\n");
        assert!(r.html.contains("<h2 id=\"--fast-list\"><span id=\"fast-list\"></span>--fast-list"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"get_image_metadata\"><span id=\"get-image-metadata\"></span>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"setup\">Setup"), "no alias when the id is the same: {}", r.html);
        assert!(r.html.contains("<h2 id=\"fast-list-1\">"), "a later heading never takes an alias: {}", r.html);
        let vitepress =
            render_str("## build.assetsInlineLimit\n\n## What's new?\n\n## 1. Install\n\n## Named {#own}\n");
        for html in [
            "<h2 id=\"buildassetsinlinelimit\"><span id=\"build-assetsinlinelimit\"></span>",
            "<h2 id=\"whats-new\"><span id=\"what-s-new\"></span>",
            "<h2 id=\"1-install\"><span id=\"_1-install\"></span>",
            "<h2 id=\"own\">Named",
        ] {
            assert!(vitepress.html.contains(html), "{html} in {}", vitepress.html);
        }
        for id in ["--fast-list", "fast-list", "get-image-metadata", "get_image_metadata", "fast-list-1"] {
            assert!(r.ids.contains(id), "{id}: {:?}", r.ids);
        }
    }

    #[test]
    fn an_email_autolink_is_an_address_not_a_file() {
        let r = render_str("Write to <help@example.com>.\n");
        assert!(r.html.contains("<a href=\"mailto:help@example.com\">help@example.com</a>"), "{}", r.html);
        assert!(r.links.is_empty(), "not checked as a file: {:?}", r.links);
    }

    #[test]
    fn tables_footnotes_tasks_strikethrough() {
        let r = render_str("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: note\n");
        assert!(
            r.html.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\"><table>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\">"), "{}", r.html);
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("<a href=\"#fn-1\" id=\"fnref-1\">1</a>"), "{}", r.html);
        assert!(r.html.contains("<div class=\"footnote-definition\" id=\"fn-1\">"), "{}", r.html);
    }

    #[test]
    fn code_blocks_are_escaped_and_keyboard_scrollable() {
        let r = render_str("```rust ignore\nlet a = \"<b>\";\n```\n");
        assert!(
            r.html.contains(
                "<div class=\"code\"><pre tabindex=\"0\"><code class=\"language-rust\">\
                 <span class=\"k\">let</span> a = <span class=\"s\">&quot;&lt;b&gt;&quot;</span>;\n</code></pre></div>"
            ),
            "{}",
            r.html
        );
    }

    /// Resolves every destination to `/files/<dest>`, read from a folder.
    struct Files(std::path::PathBuf);
    impl LinkResolver for Files {
        fn resolve(&self, dest: &str) -> Resolved {
            Resolved::Internal { href: format!("/files/{dest}"), page: None, fragment: None }
        }
        fn file(&self, dest: &str) -> Option<PathBuf> {
            Some(self.0.join(dest)).filter(|p| p.exists())
        }
    }

    pub(super) fn png(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        png
    }

    #[test]
    fn images_take_their_size_and_all_but_the_first_load_lazily() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), png(1280, 720)).unwrap();
        std::fs::write(dir.path().join("b.png"), png(390, 844)).unwrap();
        let md = "Intro\n\n![The *Billing* page](a.png \"Billing\")\n\n![Phone & \"menu\"](b.png)\n";
        let r = render(md, 1, &Files(dir.path().into()), &CalloutLabels::default(), true);
        assert!(
            r.html.contains(
                "<img src=\"/files/a.png\" alt=\"The Billing page\" title=\"Billing\" width=\"1280\" height=\"720\" decoding=\"async\">"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(
                "<img src=\"/files/b.png\" alt=\"Phone &amp; &quot;menu&quot;\" width=\"390\" height=\"844\" loading=\"lazy\" decoding=\"async\">"
            ),
            "{}",
            r.html
        );
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(r.text.contains("The Billing page"), "the alt text is searchable: {}", r.text);
    }

    #[test]
    fn an_image_without_alt_text_or_with_a_broken_file_is_a_warning_on_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), png(10, 10)).unwrap();
        std::fs::write(dir.path().join("bad.png"), b"<html>saved from a browser</html>").unwrap();
        let md = "Intro\n\nText ![](a.png) and\n\n![Chart](bad.png)\n";
        let r = render(md, 5, &Files(dir.path().into()), &CalloutLabels::default(), true);
        let found: Vec<(usize, &str)> = r.warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (
                    7,
                    "image `a.png` has no alt text: write what it shows between the brackets, \
                     `![What the image shows](a.png)`, for readers who cannot see it"
                ),
                (
                    9,
                    "cannot read the size of image `bad.png` (it is not a PNG image this build can read); it is shown without one"
                ),
            ]
        );
        assert!(r.html.contains("<img src=\"/files/a.png\" alt=\"\" width=\"10\" height=\"10\""), "{}", r.html);
        assert!(r.html.contains("<img src=\"/files/bad.png\" alt=\"Chart\" loading=\"lazy\""), "no size: {}", r.html);
    }

    #[test]
    fn a_missing_image_is_a_broken_link_not_a_size_problem() {
        let r = render_str("![A chart](missing.png)\n");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(matches!(r.links[0].resolved, Resolved::Broken(_)));
        assert!(r.html.contains("<img src=\"missing.png\" alt=\"A chart\" decoding=\"async\">"), "{}", r.html);
    }

    /// Pseudo-random Markdown from the pieces that trip renderers: never a panic.
    #[test]
    fn arbitrary_markdown_never_panics() {
        const PIECES: &[&str] = &[
            "# ",
            "## ",
            "\n",
            "\n\n",
            "> ",
            "[!NOTE]",
            "[!WARNING]",
            "[",
            "](",
            ")",
            "x.md",
            "#a",
            "../",
            "%2e%2e",
            "|",
            "---",
            "- [ ] ",
            "[^1]",
            "[^1]: ",
            "![",
            "![a](b.png)",
            "```",
            "`",
            "*",
            "<a id='x'>",
            "{#id}",
            "ग्राहक",
            "می‌شود",
            ": ",
            "\u{0}",
        ];
        let mut state: u64 = 42;
        for _ in 0..2000 {
            let mut doc = String::new();
            for _ in 0..(state % 60) {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                doc.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            let _ = render_str(&doc);
        }
    }

    #[test]
    fn plain_text_keeps_blocks_apart() {
        let r = render_str("- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n\nRun `check` now.\n");
        let words: Vec<&str> = r.text.split_whitespace().collect();
        assert_eq!(words, ["one", "two", "a", "b", "c", "d", "Run", "check", "now."]);
    }

    #[test]
    fn raw_html_anchors_count_as_ids() {
        let r = render_str("<a id=\"legacy-name\"></a>\n\nText with <span name='x'>inline</span>.\n");
        assert!(r.ids.contains("legacy-name") && r.ids.contains("x"), "{:?}", r.ids);
    }

    #[test]
    fn anchors_of_mkdocs_attribute_lists_and_of_html_in_headings_are_ids() {
        let r = render_str(
            "[](){#pattern-note}\n\nSome text.\n{#after-text}\n\n## Third <a name=\"old-third\"></a>\n\n`{#code}` stays.\n",
        );
        for id in ["pattern-note", "after-text", "old-third"] {
            assert!(r.ids.contains(id), "{id}: {:?}", r.ids);
        }
        assert!(r.html.contains("<span id=\"pattern-note\"></span>"), "{}", r.html);
        assert!(!r.html.contains("{#pattern-note}") && !r.html.contains("<a href=\"\"></a>"), "{}", r.html);
        assert!(!r.text.contains("{#after-text}"), "{}", r.text);
        assert!(r.html.contains("<code>{#code}</code>"), "code is left alone: {}", r.html);
        let prose = render_str("Write {#id} after a heading.\n");
        assert!(prose.html.contains("Write {#id} after"), "{}", prose.html);
    }

    #[test]
    fn definition_lists() {
        let r = render_str("Term\n: The definition.\n");
        assert!(r.html.contains("<dl>") && r.html.contains("<dt>Term</dt>"), "{}", r.html);
    }

    #[test]
    fn headings_are_escaped_and_explicit_ids_win() {
        let r = render_str("## A <b>bold</b> \"move\" {#custom-id}\n");
        assert_eq!(r.toc[0].id, "custom-id");
        assert!(r.html.contains("<h2 id=\"custom-id\">"), "{}", r.html);
    }
}
