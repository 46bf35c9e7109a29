//! Syntax highlighting at build time: the code of a fenced block, one HTML string per line, its
//! tokens wrapped in `<span class="…">` of a dozen classes the theme colours (`style.css`,
//! "Syntax highlighting").
//!
//! The grammars are syntect's format with the wider set that `two-face` ships (TOML, TypeScript,
//! Dockerfile, PowerShell, INI besides syntect's own), loaded once, on the first block that names
//! a language. A TextMate scope such as `keyword.control.rust` is reduced to one class by
//! [`class_of`], so the page carries a short class per token instead of every scope: each line is
//! complete HTML (spans are closed at its end and reopened on the next), which lets
//! [`super::code::block_html`] wrap lines and cut a session's prompt.
//!
//! A language no grammar knows (`mermaid`, `text`, a typo) is written as plain text, silently: a
//! warning for every unknown fence name would drown the ones that matter.

use std::collections::HashMap;
use std::sync::OnceLock;

use syntect::parsing::{Scope, ScopeStack, SyntaxReference, SyntaxSet};

use super::code::FenceInfo;
use super::escape;

/// The token classes and the scopes (prefixes) that give them, most specific first: the first
/// rule whose scope prefixes one of a token's scopes, searched from the innermost scope out,
/// decides. `k` keyword, `s` string, `e` escape, `c` comment, `n` number or constant, `f`
/// function, `t` type or section, `a` key, tag or attribute, `v` variable or parameter, `h`
/// heading, `i`/`d` inserted/deleted lines; `""` is plain (operators).
const RULES: &[(&str, &str)] = &[
    ("constant.character.escape", "e"),
    ("constant.other.placeholder", "e"),
    ("constant.numeric", "n"),
    ("constant.language", "n"),
    ("support.constant", "n"),
    ("constant", "n"),
    ("keyword.operator.word", "k"),
    ("keyword.operator", ""),
    ("keyword", "k"),
    ("storage", "k"),
    ("variable.language", "k"),
    ("entity.name.function", "f"),
    ("support.function", "f"),
    ("variable.function", "f"),
    ("entity.other.attribute-name", "a"),
    ("entity.name", "t"),
    ("support.type", "t"),
    ("support.class", "t"),
    ("entity.other.inherited-class", "t"),
    ("variable.parameter", "v"),
    ("variable.other.readwrite.shell", "v"),
    ("variable.other.normal.shell", "v"),
    ("variable.other.special.shell", "v"),
    ("markup.heading", "h"),
    ("markup.inserted", "i"),
    ("markup.deleted", "d"),
    ("meta.diff.range", "h"),
    ("meta.diff.header", "h"),
];

/// Scopes that colour everything inside them, whatever the inner scope says, in this order: the
/// `//` of a comment is a comment, not punctuation, and a YAML or JSON key is a key, although
/// the grammar also calls it a string.
const CONTEXTS: &[(&str, &str)] =
    &[("comment", "c"), ("entity.name.tag", "a"), ("meta.mapping.key", "a"), ("string", "s")];

/// Fence names people write that the grammars know under another token.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("console", "bash"),
    ("shell-session", "bash"),
    ("sh-session", "bash"),
    ("terminal", "bash"),
    ("zsh", "bash"),
    ("pwsh", "ps1"),
    ("powershell", "ps1"),
    ("csharp", "cs"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("jsx", "js"),
    ("dotenv", "sh"),
    ("env", "sh"),
    ("conf", "ini"),
    ("cfg", "ini"),
    ("golang", "go"),
    ("py3", "py"),
];

struct Grammars {
    syntaxes: SyntaxSet,
    /// CONTEXTS and RULES with their scopes parsed, `(scope prefix, class)`.
    contexts: Vec<(Scope, &'static str)>,
    rules: Vec<(Scope, &'static str)>,
}

fn grammars() -> &'static Grammars {
    static GRAMMARS: OnceLock<Grammars> = OnceLock::new();
    GRAMMARS.get_or_init(|| {
        let scopes =
            |list: &[(&str, &'static str)]| list.iter().filter_map(|&(s, c)| Some((Scope::new(s).ok()?, c))).collect();
        Grammars { syntaxes: two_face::syntax::extra_newlines(), contexts: scopes(CONTEXTS), rules: scopes(RULES) }
    })
}

/// The grammar for a fence's language, if one knows it.
fn syntax_for(lang: &str) -> Option<&'static SyntaxReference> {
    let lang = lang.to_ascii_lowercase();
    if lang.is_empty() || matches!(lang.as_str(), "text" | "txt" | "plain" | "plaintext" | "output") {
        return None;
    }
    let token = ALIASES.iter().find(|(alias, _)| *alias == lang).map_or(lang.as_str(), |(_, token)| token);
    grammars().syntaxes.find_syntax_by_token(token)
}

/// The block's lines as highlighted HTML, or None when its language is unknown (or a grammar
/// fails on it): the caller writes it escaped. A shell session highlights its commands only;
/// what they printed stays plain.
pub(super) fn lines(fence: &FenceInfo, code: &str) -> Option<Vec<String>> {
    let syntax = syntax_for(&fence.lang)?;
    let grammars = grammars();
    let mut line_html = LineWriter::new(syntax, grammars);
    let mut out = Vec::new();
    if fence.is_session() {
        for (line, prompt) in code.lines().zip(super::code::session_lines(code)) {
            match prompt {
                Some(prompt) => out.push(format!("{}{}", escape(prompt), line_html.line(&line[prompt.len()..])?)),
                None => out.push(escape(line)),
            }
        }
    } else {
        for line in code.lines() {
            out.push(line_html.line(line)?);
        }
    }
    Some(out)
}

/// Highlights a block line by line, keeping the grammar's state between lines.
struct LineWriter<'g> {
    grammars: &'g Grammars,
    state: syntect::parsing::ParseState,
    stack: ScopeStack,
    /// The rule each scope met so far matched (see [`class_of`]).
    classes: HashMap<Scope, Option<&'static str>>,
}

impl<'g> LineWriter<'g> {
    fn new(syntax: &SyntaxReference, grammars: &'g Grammars) -> Self {
        LineWriter {
            grammars,
            state: syntect::parsing::ParseState::new(syntax),
            stack: ScopeStack::new(),
            classes: HashMap::new(),
        }
    }

    /// One line (without its newline) as HTML.
    fn line(&mut self, line: &str) -> Option<String> {
        // The grammars are the "newlines" set: each line is parsed with its end.
        let with_end = format!("{line}\n");
        let ops = self.state.parse_line(&with_end, &self.grammars.syntaxes).ok()?;
        let mut html = String::with_capacity(line.len() * 2);
        let mut start = 0;
        let mut open: Option<&'static str> = None;
        let mut emit = |html: &mut String, text: &str, class: Option<&'static str>| {
            if text.is_empty() {
                return;
            }
            if open != class {
                if open.is_some() {
                    html.push_str("</span>");
                }
                if let Some(class) = class {
                    html.push_str("<span class=\"");
                    html.push_str(class);
                    html.push_str("\">");
                }
                open = class;
            }
            html.push_str(&escape(text));
        };
        for (at, op) in ops {
            let at = at.min(line.len());
            if at > start {
                let class = class_of(self.stack.as_slice(), self.grammars, &mut self.classes);
                emit(&mut html, &line[start..at], class);
                start = at;
            }
            self.stack.apply(&op).ok()?;
        }
        if start < line.len() {
            let class = class_of(self.stack.as_slice(), self.grammars, &mut self.classes);
            emit(&mut html, &line[start..], class);
        }
        if open.is_some() {
            html.push_str("</span>");
        }
        Some(html)
    }
}

/// The class of a scope stack: that of a comment, key or string around the token (CONTEXTS), else
/// the first rule that matches a scope, innermost first. `cache` remembers each scope's rule.
fn class_of(
    scopes: &[Scope],
    grammars: &Grammars,
    cache: &mut HashMap<Scope, Option<&'static str>>,
) -> Option<&'static str> {
    let mut rule_of = |scope: Scope| {
        *cache.entry(scope).or_insert_with(|| {
            grammars.rules.iter().find(|(prefix, _)| prefix.is_prefix_of(scope)).map(|&(_, class)| class)
        })
    };
    for &(prefix, class) in &grammars.contexts {
        if scopes.iter().any(|&scope| prefix.is_prefix_of(scope)) {
            // An escape inside a string still shows as one.
            let inner = scopes.last().and_then(|&s| rule_of(s));
            return Some(if class == "s" && inner == Some("e") { "e" } else { class });
        }
    }
    scopes.iter().rev().find_map(|&s| rule_of(s)).filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlight(info: &str, code: &str) -> Vec<String> {
        lines(&FenceInfo::parse(info), code).expect("a known language")
    }

    #[test]
    fn the_languages_of_real_docs_are_known() {
        for lang in [
            "bash",
            "sh",
            "shell",
            "console",
            "json",
            "yaml",
            "yml",
            "toml",
            "ini",
            "python",
            "py",
            "javascript",
            "js",
            "typescript",
            "ts",
            "go",
            "rust",
            "java",
            "c",
            "cpp",
            "cs",
            "csharp",
            "sql",
            "html",
            "css",
            "dockerfile",
            "Dockerfile",
            "diff",
            "powershell",
            "ps1",
            "markdown",
            "md",
            "xml",
            "ruby",
            "php",
            "kotlin",
            "swift",
        ] {
            assert!(syntax_for(lang).is_some(), "{lang}");
        }
        for lang in ["", "text", "mermaid", "no-such-language"] {
            assert!(syntax_for(lang).is_none(), "{lang}");
        }
    }

    #[test]
    fn rust_tokens_get_their_classes() {
        assert_eq!(
            highlight("rust", "fn main() {\n    let n = 42; // \"hi\"\n    println!(\"a\\n{n}\");\n}"),
            [
                "<span class=\"k\">fn</span> <span class=\"f\">main</span>() {",
                "    <span class=\"k\">let</span> n = <span class=\"n\">42</span>; <span class=\"c\">// &quot;hi&quot;</span>",
                // `\n` and the `{n}` placeholder both stand for something else than themselves.
                "    println!(<span class=\"s\">&quot;a</span><span class=\"e\">\\n{n}</span><span class=\"s\">&quot;</span>);",
                "}",
            ]
        );
    }

    #[test]
    fn a_comment_over_several_lines_is_closed_and_reopened_on_each() {
        let html = highlight("c", "/* one\n   two */ int x;");
        assert_eq!(html[0], "<span class=\"c\">/* one</span>");
        assert!(html[1].starts_with("<span class=\"c\">   two */</span> <span class=\"k\">int</span>"), "{}", html[1]);
    }

    #[test]
    fn config_files_show_keys_strings_and_numbers() {
        let toml = highlight("toml", "[site]\ntitle = \"Help\" # the name\nport = 8080");
        assert!(toml[0].contains("<span class=\"t\">site</span>"), "{toml:?}");
        assert!(toml[1].contains("<span class=\"s\">&quot;Help&quot;</span>"), "{toml:?}");
        assert!(toml[1].contains("<span class=\"c\"># the name</span>"), "{toml:?}");
        assert!(toml[2].contains("<span class=\"n\">8080</span>"), "{toml:?}");
        let yaml = highlight("yaml", "on:\n  push: true");
        assert!(yaml[1].contains("<span class=\"a\">push</span>"), "{yaml:?}");
    }

    #[test]
    fn a_session_highlights_its_commands_and_leaves_the_output_plain() {
        let html = highlight("console", "$ echo \"$HOME\" # home\n\"quoted\" output\n$ ls \\\n  -l");
        assert!(html[0].starts_with("$ "), "the prompt stays as text for block_html to cut: {html:?}");
        assert!(html[0].contains("<span class=\"c\"># home</span>"), "{html:?}");
        assert_eq!(html[1], "&quot;quoted&quot; output");
        assert!(html[3].contains("-l"), "{html:?}");
    }

    #[test]
    fn the_text_of_every_line_is_kept() {
        let code = "const x: Map<string, number> = new Map(); // <&>\nfunction f(a) { return `${a}`; }";
        for (line, html) in code.lines().zip(highlight("ts", code)) {
            let mut text = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            assert_eq!(text, escape(line));
        }
    }
}
