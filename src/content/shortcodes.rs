//! Hugo's shortcodes, `{{< name args >}}` and `{{% name args %}}`, turned into Markdown before the
//! body is rendered, so that docs written for Hugo build as their readers saw them there. Every
//! line stays where it was: a block shortcode alone on its line becomes the line of a block that
//! [`super::blocks`] reads next (a colon container or a tab), one inside a line is replaced where
//! it stands.
//!
//! - `ref` and `relref` give the path they name (`[Install]({{< ref "install.md" >}})`), which
//!   the link check then resolves like any link;
//! - `figure` becomes an image with its caption, `youtube`, `vimeo`, `gist`, `x`, `tweet` and
//!   `instagram` a link to what they embed, and `highlight` fenced code;
//! - the callouts of Hugo's docs themes, paired with their closing tag (`hint`, `alert`, `notice`,
//!   `callout`, `admonition`, and `note`, `tip`, `warning`, `caution`, `important`, `info`,
//!   `danger` themselves), become callouts of their kind (from the name, `type=`, `color=` or
//!   the first argument) with their `title`; `details` and `expand` collapsible ones;
//! - `tabs`/`tabpane` with their `tab`s become a set of tabs, each named by its `title`,
//!   `header`, `name`, first argument, or the set's `items` in order;
//! - any other shortcode is a template of the site's theme or layouts, which freshdocs cannot run:
//!   a paired one keeps its text without its tags, and a lone one is shown as written, with a
//!   warning once per name and file;
//! - `{{</* name */>}}`, Hugo's way to show a shortcode as written, shows it as written, in
//!   code too; nothing else in fenced code or code spans changes.

use super::blocks::Fence;

/// `body` with its shortcodes turned into Markdown, and the problems met (0-based body line,
/// message); `None` when it holds none.
pub(crate) fn apply(body: &str) -> Option<(String, Vec<(usize, String)>)> {
    if !body.contains("{{<") && !body.contains("{{%") {
        return None;
    }
    let lines: Vec<&str> = body.split('\n').collect();
    let tags: Vec<Vec<Tag>> = scan(&lines);
    if tags.iter().all(Vec::is_empty) {
        return None;
    }
    let closes = pair(&tags);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut problems = Vec::new();
    let mut warned: Vec<String> = Vec::new();
    // Open tab sets (their `items`, and how many tabs they had) and the indentation their tabs add.
    let mut sets: Vec<(Vec<String>, usize)> = Vec::new();
    let mut tab_depth = 0usize;
    for (n, (&line, line_tags)) in lines.iter().zip(&tags).enumerate() {
        let indent = "    ".repeat(tab_depth);
        let alone = line_tags.len() == 1
            && !line_tags[0].literal
            && line[..line_tags[0].start].trim().is_empty()
            && line[line_tags[0].end..].trim().is_empty();
        if alone {
            let tag = &line_tags[0];
            let lead = &line[..tag.start];
            if let Some(block) = block_line(tag, closes.contains(&(n, 0)), &mut sets, &mut tab_depth) {
                let depth = outer_depth(tag, tab_depth);
                out.push(if block.is_empty() {
                    String::new()
                } else {
                    format!("{}{lead}{block}", "    ".repeat(depth))
                });
                continue;
            }
        }
        let mut text = String::with_capacity(line.len());
        let mut at = 0;
        for (k, tag) in line_tags.iter().enumerate() {
            text.push_str(&line[at..tag.start]);
            at = tag.end;
            if tag.literal {
                text.push_str(&tag.raw.replacen("/*", "", 1).replacen("*/", "", 1));
                continue;
            }
            match inline(tag) {
                Some(replacement) => text.push_str(&replacement),
                None if tag.closing || closes.contains(&(n, k)) || is_block(&tag.name) => {}
                None => {
                    // Its arguments are often what the page shows (a provider's name and
                    // address), so they stay in sight, and in what drift reads.
                    text.push_str(&tag.raw);
                    if !warned.contains(&tag.name) {
                        warned.push(tag.name.clone());
                        problems.push((
                            n,
                            format!(
                                "`{}` is a shortcode of the site's Hugo theme or layouts, which freshdocs cannot run: it is shown as written; write what it shows in Markdown instead",
                                tag.shown()
                            ),
                        ));
                    }
                }
            }
        }
        text.push_str(&line[at..]);
        out.push(if text.trim().is_empty() { String::new() } else { format!("{indent}{text}") });
    }
    Some((out.join("\n"), problems))
}

/// How many tab levels a block line sits in: a tab's own line sits outside the tab it opens.
fn outer_depth(tag: &Tag, depth_after: usize) -> usize {
    if tag.name == "tab" && !tag.closing { depth_after.saturating_sub(1) } else { depth_after }
}

/// One shortcode tag in a line.
#[derive(Debug, Clone)]
struct Tag {
    /// Byte range in its line.
    start: usize,
    end: usize,
    /// As written, `{{<` to `>}}`.
    raw: String,
    /// Lower case.
    name: String,
    closing: bool,
    /// `{{</* … */>}}`: shown as written.
    literal: bool,
    positional: Vec<String>,
    named: Vec<(String, String)>,
}

impl Tag {
    /// The tag as a warning names it: `{{< provider … >}}`.
    fn shown(&self) -> String {
        let (open, close) = if self.raw.starts_with("{{%") { ("{{%", "%}}") } else { ("{{<", ">}}") };
        let more = if self.positional.is_empty() && self.named.is_empty() { "" } else { " …" };
        format!("{open} {}{more} {close}", self.name)
    }

    fn arg(&self, key: &str) -> Option<&str> {
        self.named.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Every line's tags: in fenced code and code spans only the ones shown as written
/// (`{{</* … */>}}`), which is how Hugo's docs show a shortcode there.
fn scan(lines: &[&str]) -> Vec<Vec<Tag>> {
    let mut fence = Fence::default();
    lines
        .iter()
        .map(|line| {
            let inside = fence.is_open();
            match fence.code(line.trim_start()) {
                // The opening fence's line is its info string; the lines after it are code.
                true if inside => tags_of(line, true),
                true => Vec::new(),
                false => tags_of(line, false),
            }
        })
        .collect()
}

/// The tags of one line (only those shown as written in its code spans, or everywhere when
/// `code`).
fn tags_of(line: &str, code: bool) -> Vec<Tag> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    // The end of the code span `i` is in.
    let mut span_end = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' && i >= span_end {
            // A code span: up to the run of as many backticks that closes it.
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            let ticks = &line[i..i + run];
            if let Some(close) = line[i + run..].find(ticks) {
                span_end = i + run + close + run;
            }
            i += run;
            continue;
        }
        if (bytes[i..].starts_with(b"{{<") || bytes[i..].starts_with(b"{{%"))
            && let Some(tag) = parse_tag(line, i).filter(|t| t.literal || !(code || i < span_end))
        {
            i = tag.end;
            out.push(tag);
            continue;
        }
        i += 1;
    }
    out
}

/// The tag that starts at byte `start` of `line` (at `{{<` or `{{%`).
fn parse_tag(line: &str, start: usize) -> Option<Tag> {
    let delim = &line[start + 2..start + 3];
    let close = if delim == "<" { ">}}" } else { "%}}" };
    let inner_start = start + 3;
    // The end: the closing delimiter outside quotes.
    let rest = &line[inner_start..];
    let mut quote: Option<char> = None;
    let mut end = None;
    for (k, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '`') => quote = Some(c),
            (None, _) if rest[k..].starts_with(close) => {
                end = Some(k);
                break;
            }
            _ => {}
        }
    }
    let end = end?;
    let mut inner = rest[..end].trim();
    let literal = inner.len() >= 4 && inner.starts_with("/*") && inner.ends_with("*/");
    if literal {
        inner = inner[2..inner.len() - 2].trim();
    }
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let inner = inner.strip_suffix('/').unwrap_or(inner).trim_end();
    let name_len = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.')) {
        return None;
    }
    let (positional, named) = args(&inner[name_len..]);
    Some(Tag {
        start,
        end: inner_start + end + close.len(),
        raw: line[start..inner_start + end + close.len()].to_string(),
        name: name.to_ascii_lowercase(),
        closing,
        literal,
        positional,
        named,
    })
}

/// A shortcode's arguments: positional ones (`"Title"`, `info`) and named ones (`title="Title"`).
fn args(text: &str) -> (Vec<String>, Vec<(String, String)>) {
    let (mut positional, mut named) = (Vec::new(), Vec::new());
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let key_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        let key = (key_len > 0 && rest[key_len..].starts_with('=')).then(|| rest[..key_len].to_ascii_lowercase());
        if key.is_some() {
            rest = &rest[key_len + 1..];
        }
        let (value, after) = match rest.chars().next() {
            Some(q @ ('"' | '`')) => match rest[1..].find(q) {
                Some(close) => (&rest[1..1 + close], &rest[close + 2..]),
                None => (&rest[1..], ""),
            },
            _ => {
                let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..len], &rest[len..])
            }
        };
        match key {
            Some(key) => named.push((key, value.to_string())),
            None => positional.push(value.to_string()),
        }
        rest = after.trim_start();
    }
    (positional, named)
}

/// For every opening tag that has a closing tag of its name later (outside code), its place
/// `(line, index in line)`.
fn pair(tags: &[Vec<Tag>]) -> rustc_hash::FxHashSet<(usize, usize)> {
    let mut open: Vec<(String, (usize, usize))> = Vec::new();
    let mut paired = rustc_hash::FxHashSet::default();
    for (n, line) in tags.iter().enumerate() {
        for (k, tag) in line.iter().enumerate() {
            if tag.literal {
                continue;
            }
            if tag.closing {
                if let Some(at) = open.iter().rposition(|(name, _)| *name == tag.name) {
                    paired.insert(open[at].1);
                    open.truncate(at);
                }
            } else if !tag.raw.trim_end_matches(['>', '%', '}']).ends_with('/') {
                open.push((tag.name.clone(), (n, k)));
            }
        }
    }
    paired
}

/// Names whose text is a callout.
const CALLOUTS: &[&str] = &[
    "hint",
    "alert",
    "notice",
    "callout",
    "admonition",
    "note",
    "tip",
    "warning",
    "caution",
    "important",
    "info",
    "danger",
];

fn is_block(name: &str) -> bool {
    CALLOUTS.contains(&name) || matches!(name, "details" | "expand" | "tabs" | "tabpane" | "tab" | "highlight")
}

/// The line a block tag alone on its line becomes, if it is one: `:::warning[Title]`, `:::`,
/// `=== "macOS"`, a fence, or an empty line (a tab set's own tags, a closed tab). `sets` and
/// `tab_depth` follow the tab sets open.
fn block_line(tag: &Tag, paired: bool, sets: &mut Vec<(Vec<String>, usize)>, tab_depth: &mut usize) -> Option<String> {
    let name = tag.name.as_str();
    if tag.closing {
        return match name {
            _ if CALLOUTS.contains(&name) || name == "details" || name == "expand" => Some(":::".to_string()),
            "highlight" => Some("```".to_string()),
            "tabs" | "tabpane" => {
                sets.pop();
                Some(String::new())
            }
            "tab" => {
                *tab_depth = tab_depth.saturating_sub(1);
                Some(String::new())
            }
            _ => None,
        };
    }
    if !paired {
        return None;
    }
    match name {
        _ if CALLOUTS.contains(&name) => {
            let kind = if matches!(name, "hint" | "alert" | "notice" | "callout" | "admonition") {
                tag.arg("type").or(tag.arg("color")).or(tag.arg("kind")).or(tag.positional.first().map(String::as_str))
            } else {
                Some(name)
            };
            let kind = match kind.unwrap_or("note").to_ascii_lowercase().as_str() {
                "primary" | "secondary" | "light" | "dark" | "default" => "note".to_string(),
                "success" => "tip".to_string(),
                "error" => "danger".to_string(),
                k if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !k.is_empty() => k.to_string(),
                _ => "note".to_string(),
            };
            let title = tag.arg("title").or(match name {
                "notice" | "admonition" => tag.positional.get(1).map(String::as_str),
                _ => None,
            });
            Some(match title.filter(|t| !t.trim().is_empty()) {
                Some(title) => format!(":::{kind}[{}]", title.replace(['[', ']'], "")),
                None => format!(":::{kind}"),
            })
        }
        "details" | "expand" => {
            let title = tag
                .arg("summary")
                .or(tag.arg("title"))
                .or(tag.positional.first().map(String::as_str))
                .unwrap_or("Details");
            let open = tag.arg("open").is_some_and(|v| v == "true");
            Some(format!("::: details {title}{}", if open { " {open}" } else { "" }))
        }
        "highlight" => Some(format!("```{}", tag.positional.first().map(String::as_str).unwrap_or_default())),
        "tabs" | "tabpane" => {
            let items =
                tag.arg("items").map(|i| i.split(',').map(|s| s.trim().to_string()).collect()).unwrap_or_default();
            sets.push((items, 0));
            Some(String::new())
        }
        "tab" => {
            let position = sets.last().map_or(0, |s| s.1);
            let title = tag
                .arg("title")
                .or(tag.arg("header"))
                .or(tag.arg("name"))
                .or(tag.positional.first().map(String::as_str))
                .map(str::to_string)
                .or_else(|| sets.last().and_then(|s| s.0.get(position).cloned()))
                .unwrap_or_else(|| format!("{}", position + 1));
            if let Some(set) = sets.last_mut() {
                set.1 += 1;
            }
            *tab_depth += 1;
            Some(format!("=== \"{}\"", title.replace('"', "'")))
        }
        _ => None,
    }
}

/// What a tag inside a line (or a lone one that is no block) is replaced with; `None` when it is
/// not one freshdocs knows.
fn inline(tag: &Tag) -> Option<String> {
    if tag.closing {
        return None;
    }
    let first = tag.positional.first().map(String::as_str);
    let id = tag.arg("id").or(first);
    Some(match tag.name.as_str() {
        "ref" | "relref" => tag.arg("path").or(first)?.to_string(),
        "figure" => {
            let src = tag.arg("src")?;
            let caption = tag.arg("caption").or(tag.arg("title"));
            let alt = tag.arg("alt").or(caption).unwrap_or_default();
            let image = format!("![{}]({src})", alt.replace(['[', ']'], ""));
            match caption {
                Some(caption) => format!("{image}<br>*{caption}*"),
                None => image,
            }
        }
        "youtube" => format!("<https://www.youtube.com/watch?v={}>", id?),
        "vimeo" => format!("<https://vimeo.com/{}>", id?),
        "instagram" => format!("<https://www.instagram.com/p/{}/>", id?),
        "gist" => format!("<https://gist.github.com/{}/{}>", tag.arg("user").or(first)?, tag.positional.get(1)?),
        "x" | "tweet" => {
            let user = tag.arg("user").or(first)?;
            let status = tag.arg("id").or(tag.positional.get(1).map(String::as_str))?;
            format!("<https://x.com/{user}/status/{status}>")
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> String {
        apply(body).map(|(text, _)| text).unwrap_or_else(|| body.to_string())
    }

    #[test]
    fn refs_figures_and_embeds_become_links_and_images() {
        assert_eq!(
            text("See [Install]({{< ref \"install.md\" >}}) and [FAQ]({{< relref path=\"faq.md\" >}}).\n"),
            "See [Install](install.md) and [FAQ](faq.md).\n"
        );
        assert_eq!(
            text("{{< figure src=\"/img/a.png\" alt=\"The menu\" caption=\"Open it\" >}}"),
            "![The menu](/img/a.png)<br>*Open it*"
        );
        assert_eq!(text("{{< youtube 0RKpf3rK57I >}}"), "<https://www.youtube.com/watch?v=0RKpf3rK57I>");
        assert_eq!(
            text("Code: `{{< ref \"x\" >}}`, `{{</* ref \"y\" */>}}` and {{</* ref \"z\" */>}}"),
            "Code: `{{< ref \"x\" >}}`, `{{< ref \"y\" >}}` and {{< ref \"z\" >}}"
        );
        assert_eq!(text("```go\n{{</* note */>}}\n{{< note >}}\n```"), "```go\n{{< note >}}\n{{< note >}}\n```");
    }

    #[test]
    fn theme_callouts_become_colon_containers_on_the_same_lines() {
        let body = "{{< hint warning >}}\nCareful.\n{{< /hint >}}\n{{% alert title=\"Before you start\" color=\"info\" %}}\nRead.\n{{% /alert %}}\n{{< note >}}\nA note.\n{{< /note >}}\n{{% notice tip \"Pro tip\" %}}\nx\n{{% /notice %}}\n{{< details summary=\"More\" open=true >}}\ny\n{{< /details >}}";
        assert_eq!(
            text(body),
            ":::warning\nCareful.\n:::\n:::info[Before you start]\nRead.\n:::\n:::note\nA note.\n:::\n:::tip[Pro tip]\nx\n:::\n::: details More {open}\ny\n:::"
        );
    }

    #[test]
    fn tabs_become_mkdocs_tabs_with_their_text_indented() {
        let body = "{{< tabs items=\"JSON,YAML\" >}}\n{{< tab >}}\n```json\n{}\n```\n{{< /tab >}}\n{{< tab >}}\na: 1\n{{< /tab >}}\n{{< /tabs >}}\nAfter";
        assert_eq!(text(body), "\n=== \"JSON\"\n    ```json\n    {}\n    ```\n\n=== \"YAML\"\n    a: 1\n\n\nAfter");
        let named = "{{< tabpane >}}\n{{% tab header=\"macOS\" %}}\nbrew\n{{% /tab %}}\n{{< /tabpane >}}";
        assert_eq!(text(named), "\n=== \"macOS\"\n    brew\n\n");
    }

    #[test]
    fn other_shortcodes_keep_their_text_or_are_left_out_with_one_warning() {
        let (out, problems) = apply("{{< columns >}}\nLeft\n{{< /columns >}}\n{{< provider name=\"S3\" >}}\n{{< provider name=\"B2\" >}}\nEnd {{< param \"version\" >}}.").unwrap();
        assert_eq!(
            out,
            "\nLeft\n\n{{< provider name=\"S3\" >}}\n{{< provider name=\"B2\" >}}\nEnd {{< param \"version\" >}}."
        );
        let lines: Vec<usize> = problems.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 5], "{problems:?}");
        assert!(
            problems[0].1.starts_with("`{{< provider … >}}` is a shortcode of the site's Hugo theme"),
            "{problems:?}"
        );
    }

    #[test]
    fn code_is_left_alone() {
        assert_eq!(apply("```\n{{< note >}}\n```\n"), None);
        assert_eq!(apply("Use `{{< note >}}` to add one."), None);
    }
}
