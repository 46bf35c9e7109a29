//! Blocks that other tools' Markdown adds, turned into the site's own before the body is
//! rendered:
//! - MkDocs Material's (as MkDocs Material, Zensical and Python-Markdown write them): admonitions
//!   (`!!! note "Title"`, collapsible `??? tip` and `???+ tip`) into callouts, and content tabs
//!   (`=== "macOS"`, `===+` for the one shown first) into tabs that work without JavaScript;
//! - Docusaurus's admonitions and VitePress's containers, fenced by colons (`:::tip[Title]`,
//!   `::: warning Title`, `::: details`, `::: code-group`), into the same callouts and tabs.
//!
//! ```text
//! !!! warning "Before you delete"          <div class="callout callout-warning" role="note">…
//!     Deleting can't be undone.       →    Deleting can't be undone.
//!
//! :::warning[Before you delete]
//! Deleting can't be undone.           →    (the same)
//! :::
//! ```
//!
//! An admonition's body is the lines after it indented four spaces more (blank lines between
//! them included); a container's, the lines up to the line of colons that closes it (at least as
//! many as opened it; one that opens inside it takes the first such line). Either may hold
//! anything Markdown does, blocks too. One of the five kinds of GitHub's alerts without a title
//! becomes that alert (`> [!WARNING]`), so it is labelled in the page's language; any other kind
//! (`example`, `bug`, `info`, `danger`…) and any title are written out as the callout's own
//! HTML, and `details` is a collapsible one. Consecutive tabs at one indentation are one set:
//! radio buttons and their labels with a panel each, which the theme's CSS shows one at a time
//! (all of them, each under its label, where CSS is off); a code group is such a set, a tab for
//! each fenced block, named by the `[label]` of its info string. Lines inside fenced code are left
//! alone, and so is a line of colons that nothing closes.

/// The body's lines with the admonitions turned into callouts, each with the line of the body it
/// comes from (0-based); `None` when the body has none.
pub(crate) fn convert(body: &str) -> Option<Vec<(String, usize)>> {
    if !body.contains("!!!")
        && !body.contains("???")
        && !body.contains("===")
        && !body.contains(":::")
        && !body.contains("<Tabs")
        && !body.contains("</")
    {
        return None;
    }
    let lines: Vec<(&str, usize)> = body.lines().enumerate().map(|(i, l)| (l, i)).collect();
    let mut out = Vec::with_capacity(lines.len() + 8);
    let found = convert_lines(&lines, &mut out, &mut 0);
    found.then_some(out)
}

/// `body` with its admonitions converted, and its line map (see [`super::Source::line_map`])
/// carried through: each new line names the line of the file's body it comes from.
pub(crate) fn apply(body: String, line_map: Vec<usize>) -> (String, Vec<usize>) {
    let Some(lines) = convert(&body) else { return (body, line_map) };
    let map = lines.iter().map(|&(_, origin)| line_map.get(origin).copied().unwrap_or(origin)).collect();
    let mut text = lines.into_iter().map(|(line, _)| line).collect::<Vec<_>>().join("\n");
    if body.ends_with('\n') {
        text.push('\n');
    }
    (text, map)
}

/// The end (exclusive) of the body of the block opened at `start` with indentation `indent`: the
/// following lines indented four more, with the blank lines among them.
fn body_end(lines: &[(&str, usize)], start: usize, indent: usize) -> usize {
    let mut end = start + 1;
    let mut j = start + 1;
    while j < lines.len() {
        let text = lines[j].0;
        if text.trim().is_empty() {
            j += 1;
        } else if width(leading(text)) >= indent + 4 {
            j += 1;
            end = j;
        } else {
            break;
        }
    }
    end
}

/// Converts `lines` (text, origin) into `out`; whether any block was found. `sets` counts the
/// page's tab sets, whose number names their radio buttons.
fn convert_lines(lines: &[(&str, usize)], out: &mut Vec<(String, usize)>, sets: &mut usize) -> bool {
    let mut found = false;
    let mut fence = Fence::default();
    let mut i = 0;
    while i < lines.len() {
        let (line, origin) = lines[i];
        if fence.code(line.trim_start()) {
            out.push((line.to_string(), origin));
            i += 1;
            continue;
        }
        if let Some(first) = Tab::parse(line) {
            found = true;
            let set = *sets;
            *sets += 1;
            let mut tabs = Vec::new();
            let mut at = i;
            loop {
                let tab = Tab::parse(lines[at].0).unwrap_or_else(|| first.clone());
                let end = body_end(lines, at, width(first.indent));
                let body = inner_of(&lines[at + 1..end], width(first.indent) + 4, sets);
                tabs.push(Panel { tab, body, first: lines[at].1, last: lines[end - 1].1 });
                let next = (end..lines.len()).find(|&n| !lines[n].0.trim().is_empty());
                match next.filter(|&n| Tab::parse(lines[n].0).is_some_and(|t| t.indent == first.indent)) {
                    Some(n) => at = n,
                    None => {
                        i = end;
                        break;
                    }
                }
            }
            write_tabs(first.indent, set, tabs, out);
            continue;
        }
        if let Some((container, end)) = Container::parse(line).and_then(|c| c.close(lines, i).map(|end| (c, end))) {
            found = true;
            let body: Vec<(&str, usize)> =
                lines[i + 1..end].iter().map(|&(l, o)| (dedent(l, width(container.indent)), o)).collect();
            container.write(&body, origin, lines[end].1, out, sets);
            i = end + 1;
            continue;
        }
        if let Some((tabs, end)) = jsx_tabs(lines, i) {
            found = true;
            let set = *sets;
            *sets += 1;
            let indent = leading(line);
            let panels = tabs
                .into_iter()
                .map(|(tab, body, first, last)| Panel { tab, body: inner_of(&body, width(indent), sets), first, last })
                .collect();
            write_tabs(indent, set, panels, out);
            out.push((String::new(), lines[end].1));
            i = end + 1;
            continue;
        }
        if let Some((admonition, end)) = jsx_callout(lines, i) {
            found = true;
            let body = inner_of(&lines[i + 1..end], width(admonition.indent), sets);
            admonition.write(body, origin, lines[end].1, out);
            out.push((String::new(), lines[end].1));
            i = end + 1;
            continue;
        }
        let Some(admonition) = Admonition::parse(line) else {
            out.push((line.to_string(), origin));
            i += 1;
            continue;
        };
        found = true;
        let end = body_end(lines, i, width(admonition.indent));
        let body = inner_of(&lines[i + 1..end], width(admonition.indent) + 4, sets);
        admonition.write(body, origin, lines[end - 1].1, out);
        i = end;
    }
    found
}

struct Admonition<'a> {
    indent: &'a str,
    /// One of the theme's callout classes.
    class: &'static str,
    /// As written; `Some("")` for an explicitly empty title.
    title: Option<String>,
    /// The kind as written (`example`), the title when none is given and the kind is not one of
    /// GitHub's five.
    kind: &'a str,
    /// `???` (closed) or `???+` (open).
    collapsible: Option<bool>,
}

impl<'a> Admonition<'a> {
    /// `!!! note "Title"`, `??? tip`, `???+ danger inline end ""`.
    fn parse(line: &'a str) -> Option<Admonition<'a>> {
        let indent = leading(line);
        let rest = &line[indent.len()..];
        let (collapsible, rest) = if let Some(rest) = rest.strip_prefix("!!!") {
            (None, rest)
        } else if let Some(rest) = rest.strip_prefix("???+") {
            (Some(true), rest)
        } else {
            (Some(false), rest.strip_prefix("???")?)
        };
        let rest = rest.strip_prefix([' ', '\t'])?.trim();
        let (words, title) = match rest.find(['"', '\'']) {
            Some(q) => {
                let quote = rest[q..].chars().next()?;
                let title = rest[q + 1..].strip_suffix(quote)?;
                (&rest[..q], Some(title.to_string()))
            }
            None => (rest, None),
        };
        let kind = words.split_whitespace().next()?;
        if !kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return None;
        }
        let class = class_of(&kind.to_ascii_lowercase());
        Some(Admonition { indent, class, title, kind, collapsible })
    }

    /// GitHub's alert of the same kind, when this one is nothing more.
    fn alert(&self) -> Option<&'static str> {
        if self.title.is_some() || self.collapsible.is_some() {
            return None;
        }
        match self.kind.to_ascii_lowercase().as_str() {
            "note" => Some("NOTE"),
            "tip" => Some("TIP"),
            "important" => Some("IMPORTANT"),
            "warning" => Some("WARNING"),
            "caution" => Some("CAUTION"),
            _ => None,
        }
    }

    fn write(&self, inner: Vec<(String, usize)>, first: usize, last: usize, out: &mut Vec<(String, usize)>) {
        let indent = self.indent;
        if let Some(alert) = self.alert() {
            out.push((format!("{indent}> [!{alert}]"), first));
            out.extend(
                inner
                    .into_iter()
                    .map(|(l, o)| (if l.is_empty() { format!("{indent}>") } else { format!("{indent}> {l}") }, o)),
            );
            return;
        }
        let title = match &self.title {
            Some(title) => title.clone(),
            None => {
                let mut chars = self.kind.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
            }
        };
        let title = escape(&title);
        let class = self.class;
        let open = match self.collapsible {
            None if title.is_empty() => format!("<div class=\"callout callout-{class}\" role=\"note\">"),
            None => {
                format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>")
            }
            Some(open) => format!(
                "<details class=\"callout callout-{class}\"{}><summary class=\"callout-title\">{title}</summary>",
                if open { " open" } else { "" }
            ),
        };
        let close = if self.collapsible.is_some() { "</details>" } else { "</div>" };
        out.push((format!("{indent}{open}"), first));
        out.push((String::new(), first));
        out.extend(inner.into_iter().map(|(l, o)| (if l.is_empty() { l } else { format!("{indent}{l}") }, o)));
        out.push((String::new(), last));
        out.push((format!("{indent}{close}"), last));
    }
}

/// A container fenced by colons, as Docusaurus (`:::tip[Title]`, `:::tip Title`) and VitePress
/// (`::: tip Title`, `::: details Title {open}`, `::: code-group`) write them.
struct Container<'a> {
    indent: &'a str,
    /// How many colons opened it: a line of at least as many closes it.
    colons: usize,
    kind: &'a str,
    title: Option<String>,
    /// `{open}` after the title (a VitePress `details` shown open).
    open: bool,
}

impl<'a> Container<'a> {
    fn parse(line: &'a str) -> Option<Container<'a>> {
        let indent = leading(line);
        let rest = &line[indent.len()..];
        let colons = rest.bytes().take_while(|&b| b == b':').count();
        if colons < 3 {
            return None;
        }
        let rest = rest[colons..].trim_start_matches([' ', '\t']);
        let kind_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        let (kind, mut rest) = rest.split_at(kind_len);
        if !kind.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut open = false;
        if let Some(start) = rest.rfind('{').filter(|_| rest.trim_end().ends_with('}')) {
            open = rest[start..].contains("open");
            rest = &rest[..start];
        }
        let title = if let Some(bracketed) = rest.strip_prefix('[') {
            Some(bracketed.trim_end().strip_suffix(']')?.trim().to_string())
        } else if rest.is_empty() || rest.starts_with([' ', '\t']) {
            Some(rest.trim()).filter(|t| !t.is_empty()).map(str::to_string)
        } else {
            return None;
        };
        Some(Container { indent, colons, kind, title, open })
    }

    /// The index of the line that closes the container opened at `start`, if any: the first line
    /// of at least as many colons, outside fenced code, that no container opened since takes.
    fn close(&self, lines: &[(&str, usize)], start: usize) -> Option<usize> {
        let mut fence = Fence::default();
        let mut inner = 0usize;
        for (j, &(line, _)) in lines.iter().enumerate().skip(start + 1) {
            let trimmed = line.trim_start();
            if fence.code(trimmed) {
                continue;
            }
            let colons = trimmed.bytes().take_while(|&b| b == b':').count();
            if colons >= 3 && trimmed.trim_end().len() == colons {
                if inner == 0 && colons >= self.colons {
                    return Some(j);
                }
                inner = inner.saturating_sub(1);
            } else if Container::parse(line).is_some() {
                inner += 1;
            }
        }
        None
    }

    /// Writes the container from its `body` (dedented, not yet converted) that spans the file's
    /// lines `first` (the opening line) to `last` (the closing one).
    fn write(
        &self,
        body: &[(&str, usize)],
        first: usize,
        last: usize,
        out: &mut Vec<(String, usize)>,
        sets: &mut usize,
    ) {
        let kind = self.kind.to_ascii_lowercase();
        if kind == "code-group"
            && let Some(tabs) = code_group(self.indent, body)
        {
            let set = *sets;
            *sets += 1;
            write_tabs(self.indent, set, tabs, out);
            // The line after the closing colons starts a block of its own, as it did.
            out.push((String::new(), last));
            return;
        }
        let inner = inner_of(body, 0, sets);
        // VitePress's rendering hints, and a code group with more than code in it: the text as it is.
        if matches!(kind.as_str(), "raw" | "v-pre" | "code-group") {
            out.extend(
                inner.into_iter().map(|(l, o)| (if l.is_empty() { l } else { format!("{}{l}", self.indent) }, o)),
            );
            return;
        }
        let admonition = Admonition {
            indent: self.indent,
            class: class_of(&kind),
            title: self.title.clone(),
            kind: self.kind,
            collapsible: (kind == "details").then_some(self.open),
        };
        admonition.write(inner, first, last, out);
        out.push((String::new(), last));
    }
}

/// A VitePress code group's fenced blocks as tabs, each named by the `[label]` of its info
/// string (`` ```sh [npm] ``), else by its language; `None` when the group holds anything else.
fn code_group<'a>(indent: &'a str, body: &[(&str, usize)]) -> Option<Vec<Panel<'a>>> {
    let mut tabs = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let (line, origin) = body[i];
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        let open = fence_of(trimmed)?;
        let end = (i + 1..body.len()).find(|&j| closes_fence(body[j].0.trim_start(), open))?;
        let fence = &trimmed[..open.1];
        let info = trimmed[open.1..].trim();
        let (info, label) = match info.find('[').filter(|_| info.ends_with(']')) {
            Some(at) => (info[..at].trim_end(), info[at + 1..info.len() - 1].trim()),
            None => (info, info.split_whitespace().next().unwrap_or_default()),
        };
        let title = if label.is_empty() { format!("{}", tabs.len() + 1) } else { label.to_string() };
        let lead = leading(line);
        let mut code = vec![(format!("{lead}{fence}{info}"), origin)];
        code.extend(body[i + 1..=end].iter().map(|&(l, o)| (l.to_string(), o)));
        tabs.push(Panel { tab: Tab { indent, title, selected: false }, body: code, first: origin, last: body[end].1 });
        i = end + 1;
    }
    (!tabs.is_empty()).then_some(tabs)
}

/// A callout written as an MDX component, its tags alone on their lines: `<Note>` … `</Note>`
/// (react.dev, Mintlify), `<Pitfall>`, `<Admonition type="tip" title="…">` (Docusaurus),
/// `<Callout type="warning">` (Nextra), `<Aside type="caution">` (Starlight). The admonition
/// and the index of its closing line.
fn jsx_callout<'l>(lines: &[(&'l str, usize)], start: usize) -> Option<(Admonition<'l>, usize)> {
    let line = lines[start].0;
    let open = line.trim();
    let name_len = open.strip_prefix('<')?.find([' ', '>', '\t'])?;
    let name = &open[1..1 + name_len];
    if !open.ends_with('>') || open.ends_with("/>") {
        return None;
    }
    let kind = match name {
        "Note" | "Tip" | "Warning" | "Caution" | "Important" | "Info" | "Danger" => name,
        "Pitfall" => "Warning",
        "Admonition" | "Callout" | "Aside" => {
            let given = attribute(open, "type");
            match given.as_deref() {
                Some(k) if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    // The kind is the type's; its text is borrowed from the line for the title.
                    let at = open.find(k)?;
                    &open[at..at + k.len()]
                }
                _ => "Note",
            }
        }
        _ => return None,
    };
    let title = attribute(open, "title");
    let (opening, close) = (format!("<{name}"), format!("</{name}>"));
    let mut fence = Fence::default();
    let mut depth = 0usize;
    for (j, &(text, _)) in lines.iter().enumerate().skip(start + 1) {
        if fence.code(text.trim_start()) {
            continue;
        }
        let t = text.trim();
        if t == close && depth == 0 {
            let class = class_of(&kind.to_ascii_lowercase());
            return Some((Admonition { indent: leading(line), class, title, kind, collapsible: None }, j));
        } else if t == close {
            depth -= 1;
        } else if t.starts_with(&opening) && t.ends_with('>') && !t.ends_with("/>") {
            depth += 1;
        }
    }
    None
}

/// `lines` (dedented by `columns`), converted.
fn inner_of(lines: &[(&str, usize)], columns: usize, sets: &mut usize) -> Vec<(String, usize)> {
    let body: Vec<(&str, usize)> = lines.iter().map(|&(l, o)| (dedent(l, columns), o)).collect();
    let mut out = Vec::new();
    convert_lines(&body, &mut out, sets);
    out
}

/// A tab set of Docusaurus's MDX components that opens at `start`: `<Tabs>` up to `</Tabs>`,
/// each `<TabItem value="…" label="…">` up to its `</TabItem>` on lines of their own. Each tab
/// is named by its `label`, else by the label `<Tabs values={[…]}>` gives its value, else by the
/// value, and shown first when it says `default` (or the set's `defaultValue` names it). Its
/// panels (title, lines, first and last line) and the index of the closing line; `None` when
/// anything but tabs and blank lines stands between the tags.
#[allow(clippy::type_complexity)]
fn jsx_tabs<'a, 'l>(
    lines: &[(&'l str, usize)],
    start: usize,
) -> Option<(Vec<(Tab<'a>, Vec<(&'l str, usize)>, usize, usize)>, usize)> {
    let open = lines[start].0.trim();
    if !(open.starts_with("<Tabs")
        && open.ends_with('>')
        && matches!(open.as_bytes().get(5), Some(b' ' | b'>' | b'\t')))
    {
        return None;
    }
    let values = attribute(open, "values").unwrap_or_default();
    let default = attribute(open, "defaultValue");
    let mut tabs = Vec::new();
    let mut i = start + 1;
    while i < lines.len() {
        let trimmed = lines[i].0.trim();
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        if trimmed == "</Tabs>" {
            return (!tabs.is_empty()).then_some((tabs, i));
        }
        if !(trimmed.starts_with("<TabItem") && trimmed.ends_with('>')) {
            return None;
        }
        let value = attribute(trimmed, "value");
        let title = attribute(trimmed, "label")
            .or_else(|| value.as_deref().and_then(|v| label_in_values(&values, v)))
            .or_else(|| value.clone())
            .unwrap_or_else(|| format!("{}", tabs.len() + 1));
        let selected = trimmed.trim_end_matches(['>', '/']).split_whitespace().any(|w| w == "default")
            || (default.is_some() && default == value);
        // The body: up to the `</TabItem>` outside fenced code.
        let mut fence = Fence::default();
        let end = (i + 1..lines.len()).find(|&j| {
            let t = lines[j].0.trim_start();
            !fence.code(t) && t.trim_end() == "</TabItem>"
        })?;
        tabs.push((Tab { indent: "", title, selected }, lines[i + 1..end].to_vec(), lines[i].1, lines[end].1));
        i = end + 1;
    }
    None
}

/// The value of `name="…"`, `name='…'` or `name={…}` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag
        .match_indices(name)
        .find(|&(k, _)| tag[..k].ends_with([' ', '\t']) && tag[k + name.len()..].starts_with('='))?;
    let rest = &tag[at.0 + name.len() + 1..];
    let (open, close) = match rest.chars().next()? {
        '"' => ('"', '"'),
        '\'' => ('\'', '\''),
        '{' => ('{', '}'),
        _ => return None,
    };
    let inner = &rest[open.len_utf8()..];
    let end = if open == '{' {
        // Braces nest (`values={[{label: 'A', value: 'a'}]}`).
        let mut depth = 1usize;
        inner
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })?
            .0
    } else {
        inner.find(close)?
    };
    Some(inner[..end].to_string())
}

/// The label that `values={[{label: 'macOS', value: 'mac'}, …]}` gives `value`.
fn label_in_values(values: &str, value: &str) -> Option<String> {
    values.split('}').find_map(|entry| {
        let field = |name: &str| {
            let at = entry.find(&format!("{name}:"))? + name.len() + 1;
            let rest = entry[at..].trim_start();
            let quote = rest.chars().next().filter(|c| matches!(c, '\'' | '"' | '`'))?;
            let end = rest[1..].find(quote)?;
            Some(rest[1..1 + end].to_string())
        };
        (field("value").as_deref() == Some(value)).then(|| field("label")).flatten()
    })
}

/// The callout class of an admonition's or a container's kind (lower case).
fn class_of(kind: &str) -> &'static str {
    match kind {
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "attention" | "question" | "help" | "faq" => "warning",
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
        _ => "note",
    }
}

/// `=== "Title"`, or `===+ "Title"` for the tab shown first.
#[derive(Clone)]
struct Tab<'a> {
    indent: &'a str,
    title: String,
    selected: bool,
}

impl<'a> Tab<'a> {
    fn parse(line: &'a str) -> Option<Tab<'a>> {
        let indent = leading(line);
        let rest = line[indent.len()..].strip_prefix("===")?;
        let (selected, rest) = match rest.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let rest = rest.strip_prefix([' ', '\t'])?.trim();
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let title = rest[1..].strip_suffix(quote)?;
        Some(Tab { indent, title: title.to_string(), selected })
    }
}

/// One tab of a set, converted: its body and the body lines it spans.
struct Panel<'a> {
    tab: Tab<'a>,
    body: Vec<(String, usize)>,
    first: usize,
    last: usize,
}

/// One tab set: radio buttons, labels and panels side by side, so that `input:checked + label +
/// .tabbed-block` shows the chosen panel. The HTML lines follow each other with no blank line, so
/// that Markdown reads them as one HTML block; each panel's text is Markdown between blank lines.
fn write_tabs(indent: &str, set: usize, tabs: Vec<Panel<'_>>, out: &mut Vec<(String, usize)>) {
    let chosen = tabs.iter().position(|panel| panel.tab.selected).unwrap_or(0);
    let first = tabs.first().map_or(0, |panel| panel.first);
    out.push((format!("{indent}<div class=\"tabbed-set\">"), first));
    let mut last = first;
    for (n, Panel { tab, body, first: start, last: end }) in tabs.into_iter().enumerate() {
        let checked = if n == chosen { " checked" } else { "" };
        let id = format!("__tabbed_{}_{}", set + 1, n + 1);
        out.push((
            format!(
                "{indent}<input type=\"radio\" name=\"__tabbed_{}\" id=\"{id}\"{checked}><label for=\"{id}\">{}</label>",
                set + 1,
                inline_title(&tab.title)
            ),
            start,
        ));
        out.push((format!("{indent}<div class=\"tabbed-block\">"), start));
        out.push((String::new(), start));
        out.extend(body.into_iter().map(|(l, o)| (if l.is_empty() { l } else { format!("{indent}{l}") }, o)));
        out.push((String::new(), end));
        out.push((format!("{indent}</div>"), end));
        last = end;
    }
    out.push((format!("{indent}</div>"), last));
}

/// A title as HTML: escaped, with `` `code` `` as code (as tab titles often name a file).
fn inline_title(title: &str) -> String {
    let mut html = String::new();
    for (n, part) in title.split('`').enumerate() {
        if n % 2 == 1 && title.matches('`').count() >= 2 * n.div_ceil(2) {
            html.push_str(&format!("<code>{}</code>", escape(part)));
        } else {
            html.push_str(&escape(part));
        }
    }
    html
}

/// Fenced code, followed from line to line.
#[derive(Default)]
pub(super) struct Fence(Option<(char, usize)>);

impl Fence {
    /// Whether the line whose text (without its indentation) is `trimmed` belongs to fenced code,
    /// the fences that open and close it included.
    pub(super) fn code(&mut self, trimmed: &str) -> bool {
        match self.0 {
            Some(open) => {
                if closes_fence(trimmed, open) {
                    self.0 = None;
                }
                true
            }
            None => {
                self.0 = fence_of(trimmed);
                self.0.is_some()
            }
        }
    }

    /// Whether fenced code is open after the lines read so far.
    pub(super) fn is_open(&self) -> bool {
        self.0.is_some()
    }
}

/// Whether `trimmed` (a line without its indentation) closes the fenced code that `open` opened.
fn closes_fence(trimmed: &str, (c, len): (char, usize)) -> bool {
    trimmed.starts_with(&c.to_string().repeat(len)) && trimmed.trim_start_matches(c).trim().is_empty()
}

/// A fence that opens fenced code: its character and length. As in CommonMark, a backtick
/// fence's info string has no backtick: ```` ```a code span``` ```` on one line is text.
fn fence_of(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = trimmed.chars().take_while(|&x| x == c).count();
    (len >= 3 && !(c == '`' && trimmed[len..].contains('`'))).then_some((c, len))
}

fn leading(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Columns of indentation (a tab counts four).
fn width(indent: &str) -> usize {
    indent.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// `line` without its first `columns` columns of indentation.
fn dedent(line: &str, columns: usize) -> &str {
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        if seen >= columns || !matches!(c, ' ' | '\t') {
            return &line[i..];
        }
        seen += if c == '\t' { 4 } else { 1 };
    }
    ""
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> String {
        convert(body).map(|lines| lines.into_iter().map(|(l, _)| l).collect::<Vec<_>>().join("\n")).unwrap_or_default()
    }

    #[test]
    fn a_plain_admonition_of_a_github_kind_becomes_that_alert() {
        assert_eq!(
            text("!!! warning\n    Deleting can't be undone.\n\n    Really.\nAfter"),
            "> [!WARNING]\n> Deleting can't be undone.\n>\n> Really.\nAfter"
        );
    }

    #[test]
    fn titles_other_kinds_and_collapsible_ones_are_written_as_callouts() {
        assert_eq!(
            text("!!! note \"Before <you> start\"\n    Read this.\n"),
            "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Before &lt;you&gt; start</p>\n\nRead this.\n\n</div>"
        );
        assert_eq!(
            text("??? example\n    ```py\n    !!! not an admonition\n    ```\n"),
            "<details class=\"callout callout-note\"><summary class=\"callout-title\">Example</summary>\n\n```py\n!!! not an admonition\n```\n\n</details>"
        );
        assert!(text("???+ danger \"\"\n    x").starts_with(
            "<details class=\"callout callout-caution\" open><summary class=\"callout-title\"></summary>"
        ));
    }

    #[test]
    fn nested_and_listed_admonitions_keep_their_place_and_lines() {
        let body = "1. Step\n\n    !!! tip\n        Outer\n\n        !!! bug \"Inner\"\n            Deep\n\n    Still the step\n";
        let lines = convert(body).unwrap();
        let joined: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            joined,
            vec![
                "1. Step",
                "",
                "    > [!TIP]",
                "    > Outer",
                "    >",
                "    > <div class=\"callout callout-caution\" role=\"note\"><p class=\"callout-title\">Inner</p>",
                "    >",
                "    > Deep",
                "    >",
                "    > </div>",
                "",
                "    Still the step",
            ]
        );
        // Each line keeps the body line it came from.
        let origins: Vec<usize> = lines.iter().map(|&(_, o)| o).collect();
        assert_eq!(origins, vec![0, 1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 8]);
    }

    #[test]
    fn consecutive_tabs_are_one_set_of_radio_buttons_and_panels() {
        let body = "=== \"macOS\"\n\n    Open **Finder**.\n\n===+ \"`config.toml`\"\n    ```toml\n    a = 1\n    ```\nAfter\n\n=== \"Alone\"\n    x\n";
        let lines = convert(body).unwrap();
        let joined: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            joined,
            vec![
                "<div class=\"tabbed-set\">",
                "<input type=\"radio\" name=\"__tabbed_1\" id=\"__tabbed_1_1\"><label for=\"__tabbed_1_1\">macOS</label>",
                "<div class=\"tabbed-block\">",
                "",
                "",
                "Open **Finder**.",
                "",
                "</div>",
                "<input type=\"radio\" name=\"__tabbed_1\" id=\"__tabbed_1_2\" checked><label for=\"__tabbed_1_2\"><code>config.toml</code></label>",
                "<div class=\"tabbed-block\">",
                "",
                "```toml",
                "a = 1",
                "```",
                "",
                "</div>",
                "</div>",
                "After",
                "",
                "<div class=\"tabbed-set\">",
                "<input type=\"radio\" name=\"__tabbed_2\" id=\"__tabbed_2_1\" checked><label for=\"__tabbed_2_1\">Alone</label>",
                "<div class=\"tabbed-block\">",
                "",
                "x",
                "",
                "</div>",
                "</div>",
            ]
        );
        let origins: Vec<usize> = lines.iter().map(|&(_, o)| o).collect();
        assert_eq!(&origins[..9], &[0, 0, 0, 0, 1, 2, 2, 2, 4]);
        assert_eq!(origins[17], 8, "the line after the set keeps its own");
    }

    #[test]
    fn docusaurus_admonitions_and_vitepress_containers_become_callouts() {
        assert_eq!(text(":::tip\n\nUse **tabs**.\n\n:::\nAfter"), "> [!TIP]\n>\n> Use **tabs**.\n>\n\nAfter");
        assert_eq!(
            text(":::warning[Before <you> delete]\nGone.\n:::\n"),
            "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Before &lt;you&gt; delete</p>\n\nGone.\n\n</div>\n"
        );
        assert_eq!(
            text("::: danger STOP\nNo.\n:::"),
            "<div class=\"callout callout-caution\" role=\"note\"><p class=\"callout-title\">STOP</p>\n\nNo.\n\n</div>\n"
        );
        assert_eq!(
            text("::: info\nx\n:::"),
            "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Info</p>\n\nx\n\n</div>\n"
        );
        assert!(text("::: details Show the code {open}\n```js\n:::\n```\n:::").starts_with(
            "<details class=\"callout callout-note\" open><summary class=\"callout-title\">Show the code</summary>\n\n```js\n:::\n```\n"
        ));
    }

    #[test]
    fn containers_nest_by_colons_and_keep_their_lines() {
        let body = "Intro\n::::note[Outer]\n:::tip\nInner\n:::\nStill outer\n::::\nAfter\n";
        let lines = convert(body).unwrap();
        let joined: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            joined,
            vec![
                "Intro",
                "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Outer</p>",
                "",
                "> [!TIP]",
                "> Inner",
                "",
                "Still outer",
                "",
                "</div>",
                "",
                "After",
            ]
        );
        let origins: Vec<usize> = lines.iter().map(|&(_, o)| o).collect();
        assert_eq!(origins, vec![0, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7]);
        // Two containers of three colons: the inner one takes the first closing line.
        let same = text(":::note\n:::tip\nInner\n:::\nOuter\n:::\n");
        assert!(same.starts_with("> [!NOTE]\n> > [!TIP]\n> > Inner\n>\n> Outer\n"), "{same}");
    }

    #[test]
    fn a_vitepress_code_group_is_a_tab_set_named_by_its_labels() {
        let body = "::: code-group\n\n```sh [npm]\nnpm i x\n```\n\n```sh [pnpm]\npnpm add x\n```\n:::\n";
        let lines = convert(body).unwrap();
        let joined = lines.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>().join("\n");
        assert!(joined.starts_with("<div class=\"tabbed-set\">\n<input type=\"radio\" name=\"__tabbed_1\" id=\"__tabbed_1_1\" checked><label for=\"__tabbed_1_1\">npm</label>\n<div class=\"tabbed-block\">\n\n```sh\nnpm i x\n```\n\n</div>\n"), "{joined}");
        assert!(
            joined.contains(
                "<label for=\"__tabbed_1_2\">pnpm</label>\n<div class=\"tabbed-block\">\n\n```sh\npnpm add x\n```"
            ),
            "{joined}"
        );
        // A group with more than code in it keeps its text, without the colons.
        assert_eq!(text("::: code-group\nSome text\n:::\n"), "Some text");
    }

    #[test]
    fn docusaurus_tabs_components_are_a_tab_set() {
        let body = "<Tabs>\n\n<TabItem value=\"ubuntu\" label=\"Ubuntu\">\n\n```bash\napt install x\n</TabItem>\n```\n\n</TabItem>\n\n<TabItem value=\"mac\" default>\n\nbrew install x\n\n</TabItem>\n\n</Tabs>\nAfter";
        let lines = convert(body).unwrap();
        let joined = lines.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>().join("\n");
        assert!(joined.starts_with("<div class=\"tabbed-set\">\n<input type=\"radio\" name=\"__tabbed_1\" id=\"__tabbed_1_1\"><label for=\"__tabbed_1_1\">Ubuntu</label>\n<div class=\"tabbed-block\">\n\n\n```bash\napt install x\n</TabItem>\n```\n\n\n</div>\n"), "{joined}");
        assert!(joined.contains("id=\"__tabbed_1_2\" checked><label for=\"__tabbed_1_2\">mac</label>"), "{joined}");
        assert!(joined.ends_with("</div>\n</div>\n\nAfter"), "{joined}");
        let origins: Vec<usize> = lines.iter().map(|&(_, o)| o).collect();
        assert_eq!(origins.last(), Some(&18));
        // Labels from the set's `values`, the first shown by `defaultValue`.
        let old = "<Tabs defaultValue=\"b\" values={[{label: 'Apple', value: 'a'}, {label: \"Berry\", value: \"b\"}]}>\n<TabItem value=\"a\">\nx\n</TabItem>\n<TabItem value=\"b\">\ny\n</TabItem>\n</Tabs>\n";
        let joined = text(old);
        assert!(
            joined.contains(">Apple</label>") && joined.contains("checked><label for=\"__tabbed_1_2\">Berry</label>"),
            "{joined}"
        );
        // Anything else between the tags: left as it is.
        assert_eq!(convert("<Tabs>\nSome text\n<TabItem value=\"a\">\nx\n</TabItem>\n</Tabs>\n"), None);
    }

    #[test]
    fn a_code_span_in_triple_backticks_opens_no_fence() {
        assert_eq!(text(":::note\n```Error: no partitions```\n:::\n"), "> [!NOTE]\n> ```Error: no partitions```\n");
    }

    #[test]
    fn callout_components_become_callouts() {
        assert_eq!(
            text("<Note>\n\nSaved **twice**.\n\n</Note>\nAfter"),
            "> [!NOTE]\n>\n> Saved **twice**.\n>\n\nAfter"
        );
        assert_eq!(text("<Pitfall>\nNo.\n</Pitfall>"), "> [!WARNING]\n> No.\n");
        assert_eq!(
            text("<Admonition type=\"danger\" title=\"Stop\">\n```js\n</Admonition>\n```\n</Admonition>"),
            "<div class=\"callout callout-caution\" role=\"note\"><p class=\"callout-title\">Stop</p>\n\n```js\n</Admonition>\n```\n\n</div>\n"
        );
        assert_eq!(convert("<Note>\nnever closed\n"), None);
        assert_eq!(convert("<DeepDive>\nx\n</DeepDive>\n<Note />\n"), None);
    }

    #[test]
    fn text_that_only_looks_like_one_is_left_alone() {
        assert_eq!(convert(":::tip\nnever closed\n\n::: textual.app\n::: 9lives\n"), None);
        assert_eq!(convert("Wow!!! Great\n\n!!!\n!!!note\n=== not a tab\n=====\n"), None);
        assert_eq!(convert("```\n!!! note\n    x\n```\n"), None);
    }
}
