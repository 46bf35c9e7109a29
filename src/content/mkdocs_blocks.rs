//! MkDocs Material's blocks, as MkDocs Material, Zensical and Python-Markdown write them, turned
//! into the site's own before the body is rendered: admonitions (`!!! note "Title"`, collapsible
//! `??? tip` and `???+ tip`) into callouts, and content tabs (`=== "macOS"`, `===+` for the one
//! shown first) into tabs that work without JavaScript.
//!
//! ```text
//! !!! warning "Before you delete"          <div class="callout callout-warning" role="note">…
//!     Deleting can't be undone.       →    Deleting can't be undone.
//! ```
//!
//! An admonition's body is the lines after it indented four spaces more (blank lines between
//! them included); it may hold anything Markdown does, admonitions too. One of the five kinds of
//! GitHub's alerts without a title becomes that alert (`> [!WARNING]`), so it is labelled in the
//! page's language; any other kind (`example`, `bug`, `question`…) and any title are written out
//! as the callout's own HTML. Consecutive tabs at one indentation are one set: radio buttons and
//! their labels with a panel each, which the theme's CSS shows one at a time (all of them, each
//! under its label, where CSS is off). Lines inside fenced code are left alone.

/// The body's lines with the admonitions turned into callouts, each with the line of the body it
/// comes from (0-based); `None` when the body has none.
pub(crate) fn convert(body: &str) -> Option<Vec<(String, usize)>> {
    if !body.contains("!!!") && !body.contains("???") && !body.contains("===") {
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

/// The block body of `lines[start + 1..end]`, dedented and converted.
fn inner(lines: &[(&str, usize)], start: usize, end: usize, indent: usize, sets: &mut usize) -> Vec<(String, usize)> {
    let body: Vec<(&str, usize)> = lines[start + 1..end].iter().map(|&(l, o)| (dedent(l, indent + 4), o)).collect();
    let mut inner = Vec::new();
    convert_lines(&body, &mut inner, sets);
    inner
}

/// Converts `lines` (text, origin) into `out`; whether any block was found. `sets` counts the
/// page's tab sets, whose number names their radio buttons.
fn convert_lines(lines: &[(&str, usize)], out: &mut Vec<(String, usize)>, sets: &mut usize) -> bool {
    let mut found = false;
    let mut fence: Option<(char, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let (line, origin) = lines[i];
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if closes_fence(trimmed, open) {
                fence = None;
            }
            out.push((line.to_string(), origin));
            i += 1;
            continue;
        }
        if let Some(open) = fence_of(trimmed) {
            fence = Some(open);
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
                let body = inner(lines, at, end, width(first.indent), sets);
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
        let Some(admonition) = Admonition::parse(line) else {
            out.push((line.to_string(), origin));
            i += 1;
            continue;
        };
        found = true;
        let end = body_end(lines, i, width(admonition.indent));
        let body = inner(lines, i, end, width(admonition.indent), sets);
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
        let class = match kind.to_ascii_lowercase().as_str() {
            "tip" | "hint" | "success" | "check" | "done" => "tip",
            "important" => "important",
            "warning" | "attention" | "question" | "help" | "faq" => "warning",
            "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
            _ => "note",
        };
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

/// Whether `trimmed` (a line without its indentation) closes the fenced code that `open` opened.
pub(super) fn closes_fence(trimmed: &str, (c, len): (char, usize)) -> bool {
    trimmed.starts_with(&c.to_string().repeat(len)) && trimmed.trim_start_matches(c).trim().is_empty()
}

/// A fence that opens fenced code: its character and length.
pub(super) fn fence_of(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = trimmed.chars().take_while(|&x| x == c).count();
    (len >= 3).then_some((c, len))
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
    fn text_that_only_looks_like_one_is_left_alone() {
        assert_eq!(convert("Wow!!! Great\n\n!!!\n!!!note\n=== not a tab\n=====\n"), None);
        assert_eq!(convert("```\n!!! note\n    x\n```\n"), None);
    }
}
