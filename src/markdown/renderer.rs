//! The renderer behind [`super::render`]: one handler per kind of event, writing pulldown-cmark
//! events (ours as raw HTML) and collecting the table of contents, heading ids, links and plain
//! text on the way.

use std::collections::HashSet;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd, html};

use super::code::{self, FenceInfo};
use super::highlight;
use super::{
    CalloutLabels, LinkResolver, OutgoingLink, RenderWarning, Rendered, Resolved, TocEntry, escape, heading_id, images,
};

/// Ids the default theme uses for its own elements; headings never take them. The theme's ids
/// carry an `fd-` prefix so that ordinary headings ("Search", "Contact") keep their natural id;
/// `search-results` is the stable contract of docs/ARCHITECTURE.md §6.8.
const RESERVED_IDS: &[&str] = &["search-results", "fd-main", "fd-search", "fd-contact", "fd-toc", "top"];

/// The parts of a `Tag::Heading`, taken apart so the heading's inner events can be gathered
/// before its tag is written.
pub(super) struct Heading<'a> {
    pub(super) level: HeadingLevel,
    pub(super) id: Option<CowStr<'a>>,
    pub(super) classes: Vec<CowStr<'a>>,
    pub(super) attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
}

/// The parts of a `Tag::Image` that its `<img>` needs; the alt text is its inner events.
pub(super) struct Image<'a> {
    pub(super) dest_url: CowStr<'a>,
    pub(super) title: CowStr<'a>,
}

/// One document on its way to HTML: the events for pulldown-cmark's writer (the document's own,
/// links rewritten, and our own tags as raw HTML), and what is learnt on the way.
pub(super) struct Renderer<'a> {
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
    /// Images written so far: all but the first load lazily.
    images: usize,
    /// The code block being read: its fence and its text so far.
    code: Option<(FenceInfo, String)>,
    /// Whether fenced code is highlighted.
    highlight: bool,
    /// The plain text so far (`Rendered::text`).
    text: String,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(
        body: &str,
        first_line: usize,
        resolver: &'a dyn LinkResolver,
        labels: &'a CalloutLabels,
        highlight: bool,
    ) -> Self {
        Renderer {
            highlight,
            resolver,
            labels,
            line_starts: std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect(),
            first_line,
            events: Vec::new(),
            out: Rendered::default(),
            used_ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            first_block: true,
            footnotes: Vec::new(),
            images: 0,
            code: None,
            text: String::new(),
        }
    }

    pub(super) fn finish(mut self) -> Rendered {
        html::push_html(&mut self.out.html, self.events.into_iter());
        self.out.text = self.text.into();
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
    pub(super) fn heading(&mut self, heading: Heading<'a>, inner: Vec<Event<'a>>, offset: usize) {
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
        let explicit = id.is_some();
        let id = unique_id(id.as_deref().map(str::to_string).unwrap_or_else(|| heading_id(&text)), &mut self.used_ids);
        self.out.ids.insert(id.clone());
        if level != HeadingLevel::H1 {
            self.out.toc.push(TocEntry { level: level as u8, id: id.clone(), title: text.clone() });
        }
        self.text.push_str(&text);
        self.text.push('\n');
        let mut open = format!("<{level} id=\"{}\"", escape(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        for (name, value) in &attrs {
            open.push_str(&format!(" {}=\"{}\"", escape(name), escape(value.as_deref().unwrap_or(""))));
        }
        open.push('>');
        // Other tools spell some ids without the `_` and the outer or doubled `-` (Zola and Hugo
        // write `get-image-metadata` and `fast-list` for `get_image_metadata` and `--fast-list`),
        // and docs moved from them link that way: an empty anchor keeps those links working.
        let alias = id_alias(&id);
        if alias != id && !alias.is_empty() && self.used_ids.insert(alias.clone()) {
            open.push_str(&format!("<span id=\"{}\"></span>", escape(&alias)));
            self.out.ids.insert(alias);
        }
        // VitePress spells punctuation as `-` (`build.assetsInlineLimit` is
        // `build-assetsinlinelimit` there, `What's new?` is `what-s-new`): docs moved from it link so.
        let vitepress = vitepress_id(&text);
        if !explicit && !vitepress.is_empty() && self.used_ids.insert(vitepress.clone()) {
            open.push_str(&format!("<span id=\"{}\"></span>", escape(&vitepress)));
            self.out.ids.insert(vitepress);
        }
        self.push_html(open);
        for event in inner {
            // `## Setup <a name="install"></a>`: an old anchor kept in the heading.
            if let Event::InlineHtml(html) = &event {
                self.out.ids.extend(html_ids(html));
            }
            self.push_rewritten(event, offset);
        }
        self.push_html(format!(
            "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></{level}>\n",
            escape(&id)
        ));
    }

    /// An image: its alt text, the intrinsic size read from its file (so the page does not jump
    /// as it loads), and `loading="lazy"` for all but the first of the page, which is likely on
    /// the first screen. No alt text is a warning: the image says nothing to a screen reader.
    pub(super) fn image(&mut self, image: Image<'a>, inner: Vec<Event<'a>>, offset: usize) {
        self.first_block = false;
        let line = self.line_of(offset);
        let alt: String = inner
            .iter()
            .filter_map(|event| match event {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        let alt = alt.trim();
        let written = image.dest_url.to_string();
        let src = rewrite_dest(image.dest_url, line, self.resolver, &mut self.out.links);
        if alt.is_empty() {
            self.out.warnings.push(RenderWarning {
                line,
                message: format!(
                    "image `{written}` has no alt text: write what it shows between the brackets, \
                     `![What the image shows]({written})`, for readers who cannot see it"
                ),
            });
        }
        let mut html = format!("<img src=\"{}\" alt=\"{}\"", escape(&src), escape(alt));
        if !image.title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(&image.title)));
        }
        if let Some(file) = self.resolver.file(&written) {
            match images::dimensions(&file) {
                Ok(Some((width, height))) => html.push_str(&format!(" width=\"{width}\" height=\"{height}\"")),
                Ok(None) => {}
                Err(why) => self.out.warnings.push(RenderWarning {
                    line,
                    message: format!("cannot read the size of image `{written}` ({why}); it is shown without one"),
                }),
            }
        }
        if self.images > 0 {
            html.push_str(" loading=\"lazy\"");
        }
        html.push_str(" decoding=\"async\">");
        self.images += 1;
        if !alt.is_empty() {
            self.text.push_str(alt);
            self.text.push(' ');
        }
        self.push_html(html);
    }

    /// Every block but a heading (see [`Renderer::heading`]) ends the chance of a title.
    pub(super) fn start(&mut self, tag: Tag<'a>, offset: usize) {
        self.first_block = false;
        match tag {
            Tag::BlockQuote(Some(kind)) => self.open_callout(kind),
            Tag::Table(_) => self.open_table(tag),
            Tag::CodeBlock(kind) => self.open_code_block(&kind),
            Tag::FootnoteDefinition(name) => self.open_footnote_definition(&name),
            tag => self.push_rewritten(Event::Start(tag), offset),
        }
    }

    pub(super) fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(Some(_)) | TagEnd::FootnoteDefinition => self.push_html("</div>\n"),
            TagEnd::CodeBlock => self.close_code_block(),
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
                self.text.push('\n');
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

    /// A code block is written whole once its text is known (see [`code::block_html`]).
    fn open_code_block(&mut self, kind: &CodeBlockKind) {
        let fence = match kind {
            CodeBlockKind::Fenced(info) => FenceInfo::parse(info),
            CodeBlockKind::Indented => FenceInfo::default(),
        };
        self.code = Some((fence, String::new()));
    }

    fn close_code_block(&mut self) {
        let Some((fence, code)) = self.code.take() else { return };
        let highlighted = self.highlight.then(|| highlight::lines(&fence, &code)).flatten();
        let lines = highlighted.unwrap_or_else(|| code.lines().map(escape).collect());
        self.push_html(code::block_html(&fence, &code, &lines));
    }

    fn open_footnote_definition(&mut self, name: &str) {
        let n = self.footnote_number(name);
        let id = heading_id(name);
        self.out.ids.insert(format!("fn-{id}"));
        self.push_html(format!("<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-{id}\">{n}</a></sup>"));
    }

    pub(super) fn footnote_reference(&mut self, name: &str) {
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

    pub(super) fn task_list_marker(&mut self, done: bool) {
        let (checked, label) = if done { (" checked", &self.labels.task_done) } else { ("", &self.labels.task_todo) };
        let html = format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{}\"> ", escape(label));
        self.push_html(html);
    }

    pub(super) fn text(&mut self, text: CowStr<'a>) {
        if let Some((_, code)) = &mut self.code {
            self.text.push_str(&text);
            code.push_str(&text);
            return;
        }
        let text = match self.attr_list_anchor(&text) {
            Some(rest) => CowStr::from(rest.to_string()),
            None => text,
        };
        self.text.push_str(&text);
        if !text.is_empty() {
            self.events.push(Event::Text(text));
        }
    }

    /// MkDocs' attribute lists give a place an id: `[](){#name}` (an empty link and the list, as
    /// mkdocs-autorefs writes an anchor) or `{#name}` alone at the start of a line. Docs moved from
    /// MkDocs link to them, and the list itself must not show on the page. Such a list at the start
    /// of `text` becomes an empty anchor, with the empty link before it dropped; returns the text
    /// after it.
    fn attr_list_anchor<'t>(&mut self, text: &'t str) -> Option<&'t str> {
        let (id, rest) = attr_list_id(text)?;
        let n = self.events.len();
        let empty_link = n >= 2
            && matches!(&self.events[n - 2], Event::Start(Tag::Link { dest_url, .. }) if dest_url.is_empty())
            && matches!(self.events[n - 1], Event::End(TagEnd::Link));
        let line_start = matches!(self.events.last(), None | Some(Event::SoftBreak | Event::Start(Tag::Paragraph)));
        if !(empty_link || line_start) {
            return None;
        }
        if empty_link {
            self.events.truncate(n - 2);
        }
        self.out.ids.insert(id.to_string());
        self.push_html(format!("<span id=\"{}\"></span>", escape(id)));
        Some(rest.trim_start())
    }

    pub(super) fn code(&mut self, code: CowStr<'a>) {
        self.text.push_str(&code);
        self.events.push(Event::Code(code));
    }

    /// `<a id="old-name"></a>` is a common way to keep old anchors working.
    pub(super) fn raw_html(&mut self, event: Event<'a>) {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            self.out.ids.extend(html_ids(html));
        }
        self.events.push(event);
    }

    pub(super) fn line_break(&mut self, event: Event<'a>) {
        self.text.push(' ');
        self.events.push(event);
    }

    /// What the renderer leaves as pulldown-cmark writes it (a rule; math, which is not enabled).
    pub(super) fn keep(&mut self, event: Event<'a>) {
        self.events.push(event);
    }
}

/// A heading id as Zola and Hugo write it: `_` as `-`, no doubled, leading or trailing `-`.
fn id_alias(id: &str) -> String {
    let mut alias = String::with_capacity(id.len());
    for c in id.chars().map(|c| if c == '_' { '-' } else { c }) {
        if c != '-' || !(alias.is_empty() || alias.ends_with('-')) {
            alias.push(c);
        }
    }
    alias.trim_end_matches('-').to_string()
}

/// The id VitePress gives a heading: control characters dropped, each run of spaces and
/// punctuation one `-` (none at either end), lower case, and `_` before a leading digit.
fn vitepress_id(text: &str) -> String {
    let special = |c: char| c.is_whitespace() || "~`!@#$%^&*()-_+=[]{}|\\;:\"'“”‘’<>,.?/".contains(c);
    let mut id = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_control()) {
        if special(c) {
            if !id.is_empty() && !id.ends_with('-') {
                id.push('-');
            }
        } else {
            id.extend(c.to_lowercase());
        }
    }
    let id = id.trim_end_matches('-');
    if id.starts_with(|c: char| c.is_ascii_digit()) { format!("_{id}") } else { id.to_string() }
}

/// Rewrites the destination of links and images; records internal ones.
fn rewrite<'a>(event: Event<'a>, line: usize, resolver: &dyn LinkResolver, links: &mut Vec<OutgoingLink>) -> Event<'a> {
    match event {
        // `<name@example.com>`: an address, written out as `mailto:` by the HTML writer.
        Event::Start(Tag::Link { link_type: LinkType::Email, .. }) => event,
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = rewrite_dest(dest_url, line, resolver, links);
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = rewrite_dest(dest_url, line, resolver, links);
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        other => other,
    }
}

/// A destination as the site's URL; internal and broken ones are recorded for the checks.
fn rewrite_dest<'a>(
    dest: CowStr<'a>,
    line: usize,
    resolver: &dyn LinkResolver,
    links: &mut Vec<OutgoingLink>,
) -> CowStr<'a> {
    let resolved = resolver.resolve(&dest);
    let href = match &resolved {
        Resolved::Internal { href, .. } | Resolved::Repository { href } => Some(href.clone()),
        _ => None,
    };
    if !matches!(resolved, Resolved::External) {
        links.push(OutgoingLink { line, dest: dest.to_string(), resolved });
    }
    match href {
        Some(href) => href.into(),
        None => dest,
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

/// `{#name}`, `{ #name }` or `{: #name }` at the start of `text`: the id and the text after it.
fn attr_list_id(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('{')?;
    let (inner, rest) = inner.split_once('}')?;
    let id = inner.trim_start_matches(':').trim().strip_prefix('#')?;
    let valid = !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
    valid.then_some((id, rest))
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
