//! MDX that readers must not see, removed before the body is rendered. Docusaurus reads `.md`
//! files as MDX, and react.dev writes MDX in them:
//! - comments, `{/* … */}`. Fenced code and code spans keep theirs: a JSX example needs them;
//! - `import` and `export` blocks (`import Tabs from '@theme/Tabs';`): at the start of a block,
//!   not indented, up to the next blank line, as MDX reads them;
//! - a component's tag with an expression in it, alone on its line (`<RenderIf
//!   condition={version == 'current'}>`), which is not HTML, so Markdown would show it as text.
//!   What it wraps stays.
//!
//! Every line stays where it was (a removed line leaves its line end), so lines in warnings and
//! evidence still name the file's own.
//!
//! A heading that ends in one, `## Your editor {/*your-editor*/}`, is react.dev's way to give
//! the heading an id. It becomes `{#your-editor}`, so that a link to `#your-editor` still works in
//! a translation whose heading is in another language.

use super::blocks::Fence;

const OPEN: &str = "{/*";
const CLOSE: &str = "*/}";

/// `body` without its MDX comments and `import`/`export` blocks (see the module docs).
pub(crate) fn apply(body: String) -> String {
    if !body.contains(OPEN) && !body.contains("import ") && !body.contains("export ") && !body.contains("={") {
        return body;
    }
    let mut out = String::with_capacity(body.len());
    let mut fence = Fence::default();
    let mut in_comment = false;
    let (mut block_start, mut in_esm) = (true, false);
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        at += line.len();
        let trimmed = line.trim_start_matches([' ', '\t']);
        let blank = line.trim().is_empty();
        if !in_comment && !fence.is_open() && expression_tag(line) {
            // Markdown would show it as text: it is not HTML.
            block_start = true;
            if line.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        if !in_comment && !fence.is_open() {
            in_esm = !blank && (in_esm || (block_start && is_esm(line, &body[at..])));
            block_start = blank;
            if in_esm {
                if line.ends_with('\n') {
                    out.push('\n');
                }
                continue;
            }
        }
        if !in_comment && fence.code(trimmed) {
            out.push_str(line);
            continue;
        }
        let later = if blank { "" } else { &body[at..] };
        match heading_id(line) {
            Some(line) => strip(&line, later, &mut in_comment, &mut out),
            None => strip(line, later, &mut in_comment, &mut out),
        }
    }
    out
}

/// Whether `line` is one JSX tag of a component with an expression in its attributes, alone on
/// its line and indented less than code: `<RenderIf condition={version == 'current'}>`,
/// `</RenderIf>` is plain HTML and Markdown hides it already, `<Sandpack files={files} />`.
fn expression_tag(line: &str) -> bool {
    let text = line.trim_end();
    let tag = text.trim_start_matches(' ');
    text.len() - tag.len() <= 3
        && tag.strip_prefix('<').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        && tag.ends_with('>')
        && tag.contains("={")
}

/// The rest of the paragraph in `later`, the text after a line: up to the next blank line.
fn paragraph_after(later: &str) -> &str {
    let mut end = 0;
    for line in later.split_inclusive('\n') {
        if line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    &later[..end]
}

/// Whether `line`, at the start of a block, with `later` the text after it, opens an MDX `import`
/// or `export` block. An import names its module in quotes (`from '@theme/Tabs'`) in its block,
/// which a sentence that starts with "import" does not.
fn is_esm(line: &str, later: &str) -> bool {
    if let Some(rest) = line.strip_prefix("import").filter(|r| r.starts_with([' ', '{'])) {
        let rest = rest.trim_start();
        let names_module = |text: &str| text.contains("from '") || text.contains("from \"");
        return rest.starts_with(['\'', '"']) || names_module(rest) || names_module(paragraph_after(later));
    }
    line.strip_prefix("export ").is_some_and(|rest| {
        ["const ", "let ", "var ", "function ", "async ", "class ", "default ", "{"].iter().any(|k| rest.starts_with(k))
    })
}

/// A heading line ending in `{/*id*/}` with that written `{#id}`; `None` for any other line.
fn heading_id(line: &str) -> Option<String> {
    let text = line.trim_end();
    let hashes = text.trim_start_matches(' ');
    let level = hashes.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) || !hashes[level..].starts_with([' ', '\t']) || text.len() - hashes.len() > 3 {
        return None;
    }
    let inner = text.strip_suffix(CLOSE)?;
    let start = inner.rfind(OPEN)?;
    let id = inner[start + OPEN.len()..].trim();
    if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    Some(format!("{}{{#{id}}}{}", &inner[..start], &line[text.len()..]))
}

/// Appends `line` to `out` without its comments and outside its code spans. `in_comment` says
/// whether a comment is open at the start of the line, and is left saying it at its end. A `{/*`
/// that nothing closes, on this line or in the rest of its paragraph (in `later`, the text after
/// the line), is text: it hides nothing.
fn strip(line: &str, later: &str, in_comment: &mut bool, out: &mut String) {
    let mut rest = line;
    while !rest.is_empty() {
        if *in_comment {
            match rest.find(CLOSE) {
                Some(end) => {
                    rest = &rest[end + CLOSE.len()..];
                    *in_comment = false;
                }
                None => {
                    if rest.ends_with('\n') {
                        out.push('\n');
                    }
                    return;
                }
            }
            continue;
        }
        let comment = rest.find(OPEN);
        let code = rest.find('`');
        match (comment, code) {
            (Some(c), Some(b)) if b < c => {
                // A code span: the run of backticks, up to the next run of as many.
                let ticks = rest[b..].chars().take_while(|&c| c == '`').count();
                let after = b + ticks;
                let close = find_run(&rest[after..], ticks).map_or(rest.len(), |at| after + at + ticks);
                out.push_str(&rest[..close]);
                rest = &rest[close..];
            }
            (Some(c), _) if !rest[c..].contains(CLOSE) && !paragraph_after(later).contains(CLOSE) => {
                out.push_str(&rest[..c + OPEN.len()]);
                rest = &rest[c + OPEN.len()..];
            }
            (Some(c), _) => {
                out.push_str(rest[..c].trim_end_matches([' ', '\t']));
                rest = &rest[c + OPEN.len()..];
                *in_comment = true;
                // Keep one space between the words on either side.
                if !out.is_empty()
                    && !out.ends_with([' ', '\n'])
                    && rest.find(CLOSE).is_some_and(|e| {
                        rest[e + CLOSE.len()..]
                            .starts_with(|ch: char| !ch.is_whitespace() && !ch.is_ascii_punctuation())
                    })
                {
                    out.push(' ');
                }
            }
            (None, _) => {
                out.push_str(rest);
                return;
            }
        }
    }
}

/// Where a run of exactly `ticks` backticks starts in `text`.
fn find_run(text: &str, ticks: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == ticks {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn comments_go_and_code_keeps_them() {
        let body = "Text {/* a comment */} here.\n\n{/* a block\ncomment */}\n\nUse `{/* this */}` in JSX.\n\n```jsx\n<div>{/* kept */}</div>\n```\n";
        assert_eq!(
            apply(body.to_string()),
            "Text here.\n\n\n\n\nUse `{/* this */}` in JSX.\n\n```jsx\n<div>{/* kept */}</div>\n```\n"
        );
    }

    #[test]
    fn a_component_tag_with_an_expression_goes_and_its_text_stays() {
        let body = "<RenderIf condition={useDocsVersion().version == 'current'}>\n\nVersion: nightly\n\n</RenderIf>\n<Sandpack files={files} />\n\n```jsx\n<App user={user} />\n```\nA sentence with <Tag a={b}> in it.\n";
        assert_eq!(
            apply(body.to_string()),
            "\n\nVersion: nightly\n\n</RenderIf>\n\n\n```jsx\n<App user={user} />\n```\nA sentence with <Tag a={b}> in it.\n"
        );
    }

    #[test]
    fn a_heading_comment_becomes_its_id() {
        assert_eq!(apply("## Your editor {/*your-editor*/}\n".into()), "## Your editor {#your-editor}\n");
        assert_eq!(apply("### 에디터 {/*your-editor*/}\n".into()), "### 에디터 {#your-editor}\n");
        // Not an id: removed like any comment.
        assert_eq!(apply("## Title {/* note to self */}\n".into()), "## Title\n");
    }

    #[test]
    fn lines_stay_where_they_were() {
        let body = "a\n{/* one\ntwo\nthree */}\nb {/* c */}\n";
        let out = apply(body.to_string());
        assert_eq!(out.lines().count(), body.lines().count());
        assert_eq!(out.lines().nth(4), Some("b"));
    }

    #[test]
    fn a_comment_that_nothing_closes_hides_nothing() {
        let body = "Type {/* to start a comment.\n\nThe rest stays.\n\n```jsx\n{/* x */}\n```\n";
        assert_eq!(apply(body.to_string()), body);
    }

    #[test]
    fn import_and_export_blocks_go_and_prose_stays() {
        let body = "import Tabs from '@theme/Tabs';\nimport {\n  TabItem,\n} from '@theme/TabItem';\n\nHello.\n\nexport const meta = {\n  a: 1,\n};\n\nimport your data with the button.\n\n    import x from 'y';\n\n```js\nimport x from 'y';\n```\n";
        assert_eq!(
            apply(body.to_string()),
            "\n\n\n\n\nHello.\n\n\n\n\n\nimport your data with the button.\n\n    import x from 'y';\n\n```js\nimport x from 'y';\n```\n"
        );
        // Not at the start of a block: a paragraph's second line.
        assert_eq!(apply("Then\nimport x from 'y';\n".into()), "Then\nimport x from 'y';\n");
        // A sentence, not an import: it names no module.
        let prose = "import data from a CSV file, then check it.\n";
        assert_eq!(apply(prose.into()), prose);
    }

    #[test]
    fn a_body_without_comments_is_left_as_it_is() {
        let body = "Text with {braces} and /* not a comment */.\n";
        assert_eq!(apply(body.to_string()), body);
    }
}
