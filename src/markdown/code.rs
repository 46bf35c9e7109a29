//! Code blocks: the fence's info string (language, highlighted lines, a title), shell sessions
//! whose prompts are not copied, and the HTML of the block.
//!
//! A block is `<div class="code">`, with an optional `<div class="code-title">`, around
//! `<pre tabindex="0"><code>`. The theme's `copy.js` adds a copy button to each; it copies the
//! text of the `<code>`, or for a session only its `.cmd` lines without their `.prompt`.

use std::ops::RangeInclusive;

use super::escape;

/// What a fence's info string says: ```` ```toml {2,4-6} title="config.toml" ````.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FenceInfo {
    /// The first word, as written (`rust` of `rust,ignore`); empty when there is none.
    pub(super) lang: String,
    /// Lines to emphasise, numbered from 1: `{2,4-6}` or `hl_lines="2 4-6"`.
    pub(super) hl_lines: Vec<RangeInclusive<usize>>,
    /// A caption, usually the file the code belongs in: `title="config.toml"`.
    pub(super) title: Option<String>,
}

impl FenceInfo {
    /// Reads an info string. Anything it does not understand (`ignore`, `linenos`) is left
    /// alone: other tools' options must not break the block.
    pub(super) fn parse(info: &str) -> FenceInfo {
        let info = info.trim();
        let end = info.find(|c: char| c.is_whitespace() || c == ',' || c == '{').unwrap_or(info.len());
        let (lang, mut rest) = info.split_at(end);
        let mut fence = FenceInfo { lang: lang.to_string(), ..FenceInfo::default() };
        while let Some(c) = rest.chars().next() {
            if c.is_whitespace() || c == ',' {
                rest = &rest[c.len_utf8()..];
            } else if c == '{' {
                let close = rest.find('}').unwrap_or(rest.len());
                let inside = &rest[1..close];
                // `{2,4-6}` lists lines; `{title="x"}` (Pandoc style) holds options.
                if inside.contains('=') {
                    fence.options(inside);
                } else {
                    fence.hl_lines.extend(line_ranges(inside));
                }
                rest = rest.get(close + 1..).unwrap_or("");
            } else {
                let (option, after) = split_option(rest);
                fence.options(option);
                rest = after;
            }
        }
        fence
    }

    /// `key=value` options, values quoted or bare.
    fn options(&mut self, mut text: &str) {
        while !text.trim_start().is_empty() {
            let (option, after) = split_option(text.trim_start_matches(|c: char| c.is_whitespace() || c == ','));
            text = after;
            let Some((key, value)) = option.split_once('=') else { continue };
            let value = value.trim_matches(|c| c == '"' || c == '\'');
            match key.trim() {
                "title" if !value.is_empty() => self.title = Some(value.to_string()),
                "hl_lines" | "hl-lines" | "highlight" => self.hl_lines.extend(line_ranges(value)),
                _ => {}
            }
        }
    }

    pub(super) fn is_highlighted(&self, line: usize) -> bool {
        self.hl_lines.iter().any(|range| range.contains(&line))
    }

    /// A shell session (```` ```console ````): commands after a `$ ` prompt, and their output.
    pub(super) fn is_session(&self) -> bool {
        matches!(self.lang.to_ascii_lowercase().as_str(), "console" | "shell-session" | "sh-session" | "terminal")
    }
}

/// One option up to the next space or comma outside quotes, and what follows it.
fn split_option(text: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() || c == ',' => return (&text[..i], &text[i..]),
            _ => {}
        }
    }
    (text, "")
}

/// `2,4-6` or `2 4-6`; what is not a line number is skipped.
fn line_ranges(text: &str) -> Vec<RangeInclusive<usize>> {
    text.split([',', ' '])
        .filter_map(|part| {
            let part = part.trim();
            let (start, end) = part.split_once('-').unwrap_or((part, part));
            let (start, end) = (start.trim().parse::<usize>().ok()?, end.trim().parse::<usize>().ok()?);
            (start >= 1 && start <= end).then_some(start..=end)
        })
        .collect()
}

/// The lines of a shell session: for each, `Some(prompt)` when it is a command (`$ ` then the
/// command, or a line that goes on after one ending in `\`, whose prompt is empty), `None` for
/// what the terminal printed.
pub(super) fn session_lines(code: &str) -> Vec<Option<&str>> {
    // A command ending in `\` goes on over the next line.
    let mut continued = false;
    code.lines()
        .map(|line| {
            let prompt = match line.strip_prefix("$ ").or_else(|| (line == "$").then_some("")) {
                Some(rest) => Some(&line[..line.len() - rest.len()]),
                None => continued.then_some(""),
            };
            continued = prompt.is_some() && line.ends_with('\\');
            prompt
        })
        .collect()
}

/// The HTML of a block of `code` (as written, `\n`-separated) whose lines are already turned
/// into HTML by `line_html` (escaped, or highlighted).
pub(super) fn block_html(fence: &FenceInfo, code: &str, line_html: &[String]) -> String {
    let mut html = String::from("<div class=\"code\">");
    if let Some(title) = &fence.title {
        html.push_str(&format!("<div class=\"code-title\" dir=\"ltr\">{}</div>", escape(title)));
    }
    html.push_str("<pre tabindex=\"0\"><code");
    if !fence.lang.is_empty() {
        html.push_str(&format!(" class=\"language-{}\"", escape(&fence.lang)));
    }
    html.push('>');
    let prompts = if fence.is_session() { session_lines(code) } else { Vec::new() };
    for (i, inner) in line_html.iter().enumerate() {
        let mut classes = Vec::new();
        let prompt = prompts.get(i).copied().flatten();
        if prompt.is_some() {
            classes.push("cmd");
        }
        let prompt = prompt.unwrap_or("");
        if fence.is_highlighted(i + 1) {
            classes.push("hl");
        }
        if classes.is_empty() {
            html.push_str(inner);
        } else {
            html.push_str(&format!("<span class=\"{}\">", classes.join(" ")));
            if !prompt.is_empty() {
                // The prompt is the first characters of the line's HTML, escaped or in a span
                // of the highlighter; it is written apart so that it cannot be selected.
                html.push_str(&format!("<span class=\"prompt\">{}</span>", escape(prompt)));
                html.push_str(&strip_text_prefix(inner, prompt.len()));
            } else {
                html.push_str(inner);
            }
            html.push_str("</span>");
        }
        html.push('\n');
    }
    html.push_str("</code></pre></div>\n");
    html
}

/// `html` without its first `n` characters of text (not of markup), which are ASCII.
fn strip_text_prefix(html: &str, mut n: usize) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while n > 0 && !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let len = if rest.starts_with('&') { rest.find(';').map_or(1, |i| i + 1) } else { 1 };
            rest = &rest[len..];
            n -= 1;
        }
    }
    out.push_str(rest);
    drop_empty_spans(&out)
}

/// `html` without the `<span class="…"></span>` that cutting a prompt emptied.
fn drop_empty_spans(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<span class=\"") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match tail.find("\">").map(|end| end + 2) {
            Some(open) if tail[open..].starts_with("</span>") => rest = &tail[open + "</span>".len()..],
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_info() {
        let cases = [
            ("", FenceInfo::default()),
            ("rust", FenceInfo { lang: "rust".into(), ..Default::default() }),
            ("rust,ignore", FenceInfo { lang: "rust".into(), ..Default::default() }),
            ("toml {2,4-6}", FenceInfo { lang: "toml".into(), hl_lines: vec![2..=2, 4..=6], title: None }),
            ("toml{3}", FenceInfo { lang: "toml".into(), hl_lines: vec![3..=3], title: None }),
            (
                r#"toml title="config.toml" hl_lines="1 3-4""#,
                FenceInfo { lang: "toml".into(), hl_lines: vec![1..=1, 3..=4], title: Some("config.toml".into()) },
            ),
            (
                r#"yaml {title="a b.yml", hl_lines=2}"#,
                FenceInfo { lang: "yaml".into(), hl_lines: vec![2..=2], title: Some("a b.yml".into()) },
            ),
            ("sh linenos {x-1,0,5-2}", FenceInfo { lang: "sh".into(), ..Default::default() }),
            ("py {", FenceInfo { lang: "py".into(), ..Default::default() }),
            ("js title=", FenceInfo { lang: "js".into(), ..Default::default() }),
            (
                r#"js title="unclosed"#,
                FenceInfo { lang: "js".into(), title: Some("unclosed".into()), ..Default::default() },
            ),
        ];
        for (info, expected) in cases {
            assert_eq!(FenceInfo::parse(info), expected, "{info:?}");
        }
    }

    fn escaped(code: &str) -> Vec<String> {
        code.lines().map(escape).collect()
    }

    #[test]
    fn a_session_marks_commands_and_keeps_the_prompt_apart() {
        let code = "$ cargo install \\\n    freshdocs\nInstalled <1>\n$ freshdocs --version\nfreshdocs 0.1.0\n";
        let html = block_html(&FenceInfo::parse("console"), code, &escaped(code));
        assert_eq!(
            html,
            "<div class=\"code\"><pre tabindex=\"0\"><code class=\"language-console\">\
             <span class=\"cmd\"><span class=\"prompt\">$ </span>cargo install \\</span>\n\
             <span class=\"cmd\">    freshdocs</span>\n\
             Installed &lt;1&gt;\n\
             <span class=\"cmd\"><span class=\"prompt\">$ </span>freshdocs --version</span>\n\
             freshdocs 0.1.0\n\
             </code></pre></div>\n"
        );
    }

    #[test]
    fn highlighted_lines_and_a_title() {
        let code = "a = 1\nb = \"<2>\"\nc = 3\n";
        let html = block_html(&FenceInfo::parse("toml {2} title=\"config.toml\""), code, &escaped(code));
        assert_eq!(
            html,
            "<div class=\"code\"><div class=\"code-title\" dir=\"ltr\">config.toml</div>\
             <pre tabindex=\"0\"><code class=\"language-toml\">a = 1\n\
             <span class=\"hl\">b = &quot;&lt;2&gt;&quot;</span>\nc = 3\n</code></pre></div>\n"
        );
    }

    #[test]
    fn the_prompt_is_cut_from_highlighted_markup() {
        assert_eq!(strip_text_prefix("<span class=\"gp\">$ </span><span>ls</span>", 2), "<span>ls</span>");
        assert_eq!(
            strip_text_prefix("<span class=\"v\">$ </span><span class=\"k\">ls</span>", 2),
            "<span class=\"k\">ls</span>"
        );
        assert_eq!(strip_text_prefix("$ &lt;x", 2), "&lt;x");
        assert_eq!(strip_text_prefix("<b>$</b> ls", 2), "<b></b>ls");
    }
}
