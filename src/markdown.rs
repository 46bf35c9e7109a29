//! Markdown to HTML with pulldown-cmark: heading ids, table of contents, callouts, and links
//! rewritten from `.md` files to page URLs.
//!
//! This module renders one document at a time. It does not know the site: link targets are
//! looked up through a [`LinkResolver`] and every internal link is returned so the caller can
//! check anchors once all pages are rendered.

use std::collections::HashSet;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Ids the default theme uses for its own elements; headings never take them. The theme's ids
/// carry an `fd-` prefix so that ordinary headings ("Search", "Contact") keep their natural id;
/// `search-results` is the stable contract of docs/ARCHITECTURE.md §6.8.
const RESERVED_IDS: &[&str] = &["search-results", "fd-main", "fd-search", "fd-contact", "fd-toc", "top"];

/// What a link destination turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// Another site, a `mailto:` or `tel:` link: left as written.
    External,
    /// A page or file of this site. `page` is the URL of the page whose headings the fragment
    /// must name (None for files), `href` the rewritten destination.
    Internal { href: String, page: Option<String>, fragment: Option<String> },
    /// Nothing at that destination; the reason is shown to the writer.
    Broken(String),
}

/// Turns link destinations written in an article into URLs of the site.
pub(crate) trait LinkResolver {
    fn resolve(&self, dest: &str) -> Resolved;
}

/// Words the renderer writes itself, in the page's language: callout titles, and the
/// accessible names of task-list boxes and scrollable tables.
#[derive(Debug, Clone)]
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

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct TocEntry {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) title: String,
}

/// An internal link found in a document, for validation once every page is known.
#[derive(Debug, Clone)]
pub(crate) struct OutgoingLink {
    /// Line in the source file.
    pub(crate) line: usize,
    pub(crate) dest: String,
    pub(crate) resolved: Resolved,
}

#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    /// The text of a `# heading` that opened the document; it is the page title, so it is left
    /// out of `html`.
    pub(crate) h1: Option<String>,
    /// Every heading id of the page, for anchor checks.
    pub(crate) ids: HashSet<String>,
    pub(crate) links: Vec<OutgoingLink>,
    /// The document as plain text (for descriptions and search).
    pub(crate) text: String,
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

/// Renders `body`, whose first line is line `first_line` of its file.
pub(crate) fn render(body: &str, first_line: usize, resolver: &dyn LinkResolver, labels: &CalloutLabels) -> Rendered {
    let mut renderer = Renderer::new(body, first_line, resolver, labels);
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

/// The parts of a `Tag::Heading`, taken apart so the heading's inner events can be gathered
/// before its tag is written.
struct Heading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
}

/// One document on its way to HTML: the events for pulldown-cmark's writer (the document's own,
/// links rewritten, and our own tags as raw HTML), and what is learnt on the way.
struct Renderer<'a> {
    resolver: &'a dyn LinkResolver,
    labels: &'a CalloutLabels,
    /// Where each line of the body starts, to give links their line in the file.
    line_starts: Vec<usize>,
    first_line: usize,
    events: Vec<Event<'a>>,
    out: Rendered,
    used_ids: HashSet<String>,
    /// Nothing but a leading `# heading` may become the title: true until the first block opens.
    first_block: bool,
    /// Footnotes are numbered in order of first mention; their ids are prefixed so that `[^1]`
    /// cannot collide with a heading.
    footnotes: Vec<String>,
}

impl<'a> Renderer<'a> {
    fn new(body: &str, first_line: usize, resolver: &'a dyn LinkResolver, labels: &'a CalloutLabels) -> Self {
        Renderer {
            resolver,
            labels,
            line_starts: std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect(),
            first_line,
            events: Vec::new(),
            out: Rendered::default(),
            used_ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            first_block: true,
            footnotes: Vec::new(),
        }
    }

    fn finish(mut self) -> Rendered {
        html::push_html(&mut self.out.html, self.events.into_iter());
        self.out
    }

    fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Writes markup of our own.
    fn push_html(&mut self, html: impl Into<CowStr<'a>>) {
        self.events.push(Event::Html(html.into()));
    }

    /// Writes an event of the document, with its link or image destination rewritten.
    fn push_rewritten(&mut self, event: Event<'a>, offset: usize) {
        let event = rewrite(event, self.line_of(offset), self.resolver, &mut self.out.links);
        self.events.push(event);
    }

    /// A heading takes an id (its own `{#id}`, else GitHub's) and an anchor link, and enters the
    /// table of contents; a `# heading` opening the document is the title instead.
    fn heading(&mut self, heading: Heading<'a>, inner: Vec<Event<'a>>, offset: usize) {
        let Heading { level, id, classes, attrs } = heading;
        let text: String = inner
            .iter()
            .filter_map(|event| match event {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let text = text.trim().to_string();
        let is_title = self.first_block && level == HeadingLevel::H1;
        self.first_block = false;
        if is_title {
            self.out.h1 = Some(text);
            return;
        }
        let id = unique_id(id.as_deref().map(str::to_string).unwrap_or_else(|| heading_id(&text)), &mut self.used_ids);
        self.out.ids.insert(id.clone());
        if level != HeadingLevel::H1 {
            self.out.toc.push(TocEntry { level: level as u8, id: id.clone(), title: text.clone() });
        }
        self.out.text.push_str(&text);
        self.out.text.push('\n');
        let mut open = format!("<{level} id=\"{}\"", escape(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        for (name, value) in &attrs {
            open.push_str(&format!(" {}=\"{}\"", escape(name), escape(value.as_deref().unwrap_or(""))));
        }
        open.push('>');
        self.push_html(open);
        for event in inner {
            self.push_rewritten(event, offset);
        }
        self.push_html(format!(
            "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></{level}>\n",
            escape(&id)
        ));
    }

    /// Every block but a heading (see [`Renderer::heading`]) ends the chance of a title.
    fn start(&mut self, tag: Tag<'a>, offset: usize) {
        self.first_block = false;
        match tag {
            Tag::BlockQuote(Some(kind)) => self.open_callout(kind),
            Tag::Table(_) => self.open_table(tag),
            Tag::CodeBlock(kind) => self.open_code_block(&kind),
            Tag::FootnoteDefinition(name) => self.open_footnote_definition(&name),
            tag => self.push_rewritten(Event::Start(tag), offset),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(Some(_)) | TagEnd::FootnoteDefinition => self.push_html("</div>\n"),
            TagEnd::CodeBlock => self.push_html("</code></pre>\n"),
            TagEnd::Table => {
                self.events.push(Event::End(tag));
                self.push_html("</div>\n");
            }
            // Keep words of neighbouring blocks apart in the plain text (search, summaries).
            TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::BlockQuote(None)
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                self.out.text.push('\n');
                self.events.push(Event::End(tag));
            }
            _ => self.events.push(Event::End(tag)),
        }
    }

    /// `> [!WARNING]`: a titled box in place of the quote.
    fn open_callout(&mut self, kind: BlockQuoteKind) {
        let (class, label) = callout(kind, self.labels);
        let html = format!(
            "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{}</p>\n",
            escape(label)
        );
        self.push_html(html);
    }

    /// A wide table scrolls inside its own box on a phone; the box must be reachable by keyboard
    /// to scroll it.
    fn open_table(&mut self, tag: Tag<'a>) {
        self.push_html(format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
            escape(&self.labels.table)
        ));
        self.events.push(Event::Start(tag));
    }

    /// Code scrolls sideways, so it too is reachable by keyboard; a fence's first word names the
    /// language for highlighters.
    fn open_code_block(&mut self, kind: &CodeBlockKind) {
        let class = match kind {
            CodeBlockKind::Fenced(info) => {
                let lang = info.split([' ', ',', '{']).next().unwrap_or("");
                if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(lang)) }
            }
            CodeBlockKind::Indented => String::new(),
        };
        self.push_html(format!("<pre tabindex=\"0\"><code{class}>"));
    }

    fn open_footnote_definition(&mut self, name: &str) {
        let n = self.footnote_number(name);
        let id = heading_id(name);
        self.out.ids.insert(format!("fn-{id}"));
        self.push_html(format!("<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-{id}\">{n}</a></sup>"));
    }

    fn footnote_reference(&mut self, name: &str) {
        let n = self.footnote_number(name);
        let id = heading_id(name);
        self.push_html(format!(
            "<sup class=\"footnote-reference\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{n}</a></sup>"
        ));
    }

    fn footnote_number(&mut self, name: &str) -> usize {
        match self.footnotes.iter().position(|n| n == name) {
            Some(i) => i + 1,
            None => {
                self.footnotes.push(name.to_string());
                self.footnotes.len()
            }
        }
    }

    fn task_list_marker(&mut self, done: bool) {
        let (checked, label) = if done { (" checked", &self.labels.task_done) } else { ("", &self.labels.task_todo) };
        let html = format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{}\"> ", escape(label));
        self.push_html(html);
    }

    fn text(&mut self, text: CowStr<'a>) {
        self.out.text.push_str(&text);
        self.events.push(Event::Text(text));
    }

    fn code(&mut self, code: CowStr<'a>) {
        self.out.text.push_str(&code);
        self.events.push(Event::Code(code));
    }

    /// `<a id="old-name"></a>` is a common way to keep old anchors working.
    fn raw_html(&mut self, event: Event<'a>) {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            self.out.ids.extend(html_ids(html));
        }
        self.events.push(event);
    }

    fn line_break(&mut self, event: Event<'a>) {
        self.out.text.push(' ');
        self.events.push(event);
    }

    /// What the renderer leaves as pulldown-cmark writes it (a rule; math, which is not enabled).
    fn keep(&mut self, event: Event<'a>) {
        self.events.push(event);
    }
}

/// Rewrites the destination of links and images; records internal ones.
fn rewrite<'a>(event: Event<'a>, line: usize, resolver: &dyn LinkResolver, links: &mut Vec<OutgoingLink>) -> Event<'a> {
    let rewrite_dest = |dest: CowStr<'a>, links: &mut Vec<OutgoingLink>| -> CowStr<'a> {
        let resolved = resolver.resolve(&dest);
        let href = match &resolved {
            Resolved::Internal { href, .. } => Some(href.clone()),
            _ => None,
        };
        if !matches!(resolved, Resolved::External) {
            links.push(OutgoingLink { line, dest: dest.to_string(), resolved });
        }
        match href {
            Some(href) => href.into(),
            None => dest,
        }
    };
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = rewrite_dest(dest_url, links);
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = rewrite_dest(dest_url, links);
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        other => other,
    }
}

fn callout(kind: BlockQuoteKind, labels: &CalloutLabels) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &labels.note),
        BlockQuoteKind::Tip => ("tip", &labels.tip),
        BlockQuoteKind::Important => ("important", &labels.important),
        BlockQuoteKind::Warning => ("warning", &labels.warning),
        BlockQuoteKind::Caution => ("caution", &labels.caution),
    }
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

/// Values of `id` and `name` attributes in a piece of raw HTML.
fn html_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for attribute in [" id=", " name="] {
        let mut rest = html;
        while let Some(i) = rest.find(attribute) {
            rest = &rest[i + attribute.len()..];
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
            let value = match quote {
                Some(q) => rest[1..].split(q).next().unwrap_or(""),
                None => rest.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
            };
            if !value.is_empty() {
                ids.push(value.to_string());
            }
        }
    }
    ids
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "section".to_string() } else { base };
    if used.insert(base.clone()) {
        return base;
    }
    (1..).map(|n| format!("{base}-{n}")).find(|candidate| used.insert(candidate.clone())).expect("an unused id exists")
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
        render(md, 1, &Fake, &CalloutLabels::default())
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
            r.html.contains("<pre tabindex=\"0\"><code class=\"language-rust\">let a = \"&lt;b&gt;\";\n</code></pre>"),
            "{}",
            r.html
        );
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
