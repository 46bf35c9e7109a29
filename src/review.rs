//! `freshdocs review`: marking an article as checked against the product, by setting `reviewed`
//! (or `reviewed_for`) in its front matter and changing nothing else.
//!
//! The edit is done on the text, not by re-serialising the front matter: key order, comments,
//! quoting, line endings, a BOM and the body stay byte for byte.

use std::path::Path;

use crate::config::Site;
use crate::content::{front_matter, normalize_text};
use crate::error::{Error, Span};

/// What to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// `reviewed: 2026-03-01`.
    Reviewed(chrono::NaiveDate),
    /// `reviewed_for: v3.2`.
    ReviewedFor(String),
}

impl Mark {
    fn key(&self) -> &'static str {
        match self {
            Mark::Reviewed(_) => "reviewed",
            Mark::ReviewedFor(_) => "reviewed_for",
        }
    }

    fn value(&self, toml: bool) -> String {
        match self {
            Mark::Reviewed(date) => date.format("%Y-%m-%d").to_string(),
            Mark::ReviewedFor(release) if toml => quoted(release),
            Mark::ReviewedFor(release) => yaml_scalar(release),
        }
    }
}

/// Marks one file on disk. The new text must still read as front matter, or nothing is written;
/// the file is replaced whole, never left half-written.
pub fn mark_file(path: &Path, mark: &Mark) -> Result<(), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let updated = apply(path, &text, mark)?;
    if let Err(mut errors) = front_matter::parse(path, &normalize_text(&updated)) {
        return Err(errors.remove(0));
    }
    crate::output::replace_file(path, updated.as_bytes())
}

/// `--for NAME` must name one of the releases `check` judges against (the tags matching
/// `release_tags`, in `release_repo` when set): a typo would mark the article reviewed for a
/// release that does not exist. Without a repository there is nothing to check against.
pub fn check_release(root: &Path, name: &str) -> Result<(), Error> {
    let site = Site::load(root, None)?;
    let Some(releases) = crate::freshness::site_releases(&site)? else { return Ok(()) };
    if releases.iter().any(|r| r.name == name) {
        return Ok(());
    }
    let recent: Vec<&str> = releases.iter().rev().take(5).map(|r| r.name.as_str()).collect();
    Err(Error::unknown_release(name, &site.config.freshness.release_tags, &recent))
}

/// Returns the file's new text with the mark set.
pub(crate) fn apply(path: &Path, text: &str, mark: &Mark) -> Result<String, Error> {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let newline = if rest.contains("\r\n") { "\r\n" } else { "\n" };

    // Locate the opening fence after any blank lines, as the front matter reader does.
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim().is_empty() {
            offset += line.len();
        } else {
            break;
        }
    }
    let first = rest[offset..].lines().next().unwrap_or("").trim_end();
    // `---` then prose or comments alone is a thematic break opening the article, not front
    // matter, and a fence never closed before prose is no front matter either: the reader
    // decides, so the edit never turns the article's text into keys.
    let read_as_front_matter =
        || front_matter::parse(path, &normalize_text(rest)).map_or(true, |doc| doc.has_front_matter);
    let toml = match first {
        "---" if read_as_front_matter() => false,
        "+++" if read_as_front_matter() => true,
        _ => {
            // No front matter: add one holding only the mark.
            let key = mark.key();
            let value = mark.value(false);
            return Ok(format!("{bom}---{newline}{key}: {value}{newline}---{newline}{rest}"));
        }
    };
    let fence = first;
    let inner_start = offset + rest[offset..].find('\n').map(|i| i + 1).unwrap_or(rest.len());
    let mut cursor = inner_start;
    // The line to replace, and whether its key is spelled exactly (that one wins on reading:
    // keys are read in sorted order, and `reviewed` sorts after `Reviewed`).
    let mut key_line: Option<(usize, usize, bool)> = None;
    // Where the key's line (and the lines its value goes on over) ends.
    let mut continued_to = 0;
    let separator = if toml { '=' } else { ':' };
    // Top-level keys sit at the indentation of the first one: none, nearly always. YAML ends a
    // line at a lone `\r` too, so keys are looked for in the pieces between them.
    let indent = rest[inner_start..]
        .lines()
        .flat_map(|l| l.split('\r'))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map_or("", |l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()]);
    for line in rest[inner_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == fence || (!toml && content.trim_end() == "...") {
            // The closing fence: replace the key where it is, or insert it just before.
            let key = mark.key();
            let value = mark.value(toml);
            let assignment = if toml { format!("{key} = {value}") } else { format!("{key}: {value}") };
            let result = match key_line {
                Some((start, end, _)) => format!("{bom}{}{assignment}{}", &rest[..start], &rest[end..]),
                None => format!("{bom}{}{indent}{assignment}{newline}{}", &rest[..cursor], &rest[cursor..]),
            };
            return Ok(result);
        }
        // A value that goes on over more indented lines (a folded plain scalar, a nested table)
        // is replaced whole, or its rest would be read as part of the new value.
        if let Some((_, end, exact)) = key_line
            && end == continued_to
            && content.strip_prefix(indent).is_some_and(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty())
        {
            key_line = Some((key_line.map_or(0, |k| k.0), cursor + content.len(), exact));
            continued_to = cursor + content.len();
            cursor += line.len();
            continue;
        }
        continued_to = 0;
        let mut at = cursor;
        for piece in content.split('\r') {
            if let Some(top_level) = piece.strip_prefix(indent)
                && !top_level.starts_with([' ', '\t'])
                && let Some(exact) = sets_key(top_level, mark.key(), separator)
                && (exact || !key_line.is_some_and(|(_, _, exact)| exact))
            {
                // Replace the key and value, keeping the indentation and a trailing comment.
                let value_end = comment_start(piece).unwrap_or(piece.len());
                key_line = Some((at + indent.len(), at + value_end, exact));
                continued_to = at + piece.len();
            }
            at += piece.len() + 1;
        }
        cursor += line.len();
    }
    Err(Error::FrontMatter {
        path: path.to_path_buf(),
        span: Span::line(1),
        message: format!("the front matter opened with `{fence}` is never closed"),
        help: format!("add a line with just `{fence}` after the last front matter key, then review again"),
    })
}

/// Whether `line` sets the top-level `key`, written as the front matter reader accepts it:
/// plain or quoted (`"reviewed":`), `Some(true)`, or in another case (`Reviewed:`), `Some(false)`.
fn sets_key(line: &str, key: &str, separator: char) -> Option<bool> {
    let quote = line.chars().next().filter(|c| matches!(c, '"' | '\''));
    let rest = quote.map_or(line, |q| &line[q.len_utf8()..]);
    let name = rest.get(..key.len()).filter(|name| name.eq_ignore_ascii_case(key))?;
    let after = &rest[key.len()..];
    let after = match quote {
        Some(q) => after.strip_prefix(q)?,
        None => after,
    };
    after.trim_start().starts_with(separator).then_some(name == key)
}

/// Where a `# comment` starts on a `key: value` line (outside quotes), including the spaces
/// before it.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let bytes: Vec<(usize, char)> = line.char_indices().collect();
    for (n, &(i, c)) in bytes.iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if n > 0 && bytes[n - 1].1.is_whitespace() => {
                let start = line[..i].trim_end().len();
                return Some(start);
            }
            _ => {}
        }
    }
    None
}

/// A release name as a YAML scalar: plain when YAML reads it back as that text (not `true`,
/// `null` or the number `0x10`), else double-quoted.
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '+'))
        && !text.starts_with(['-', '.'])
        && text.parse::<f64>().is_err()
        && matches!(serde_yaml_ng::from_str(text), Ok(serde_yaml_ng::Value::String(read)) if read == text);
    if plain { text.to_string() } else { quoted(text) }
}

/// A double-quoted string that YAML and TOML read alike: `\` and `"` escaped, and control
/// characters, line separators and BOMs as `\uXXXX`, so that the mark stays on its one line.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Mark {
        Mark::Reviewed(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
    }

    fn apply_str(text: &str, mark: &Mark) -> String {
        apply(Path::new("a.md"), text, mark).unwrap()
    }

    #[test]
    fn inserts_before_the_closing_fence_and_keeps_everything_else() {
        let text = "---\n# a comment\ntitle: 'Quoted: yes'\ntags: [b, a]\n---\n\nBody  with  spaces\n";
        assert_eq!(
            apply_str(text, &date()),
            "---\n# a comment\ntitle: 'Quoted: yes'\ntags: [b, a]\nreviewed: 2026-03-01\n---\n\nBody  with  spaces\n"
        );
    }

    #[test]
    fn replaces_an_existing_value_in_place_keeping_its_comment() {
        let text = "---\ntitle: A\nreviewed: 2025-01-01   # by Sara\norder: 2\n---\nBody";
        assert_eq!(apply_str(text, &date()), "---\ntitle: A\nreviewed: 2026-03-01   # by Sara\norder: 2\n---\nBody");
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"A\"\n+++\nBody";
        assert_eq!(
            apply_str(text, &Mark::ReviewedFor("v3.2".into())),
            "+++\ntitle = \"A\"\nreviewed_for = \"v3.2\"\n+++\nBody"
        );
        let text = "+++\nreviewed = 2025-01-01\n+++\n";
        assert_eq!(apply_str(text, &date()), "+++\nreviewed = 2026-03-01\n+++\n");
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(apply_str(text, &date()), "\u{feff}---\r\ntitle: A\r\nreviewed: 2026-03-01\r\n---\r\nBody\r\n");
    }

    #[test]
    fn no_front_matter_gets_one() {
        assert_eq!(apply_str("# Title\n", &date()), "---\nreviewed: 2026-03-01\n---\n# Title\n");
    }

    #[test]
    fn nested_keys_are_not_mistaken_for_the_top_level_one() {
        let text = "---\nextra:\n  reviewed: old\n---\n";
        assert_eq!(apply_str(text, &date()), "---\nextra:\n  reviewed: old\nreviewed: 2026-03-01\n---\n");
    }

    /// Found by `proptests::review`: a quoted or capitalised key was not seen, so a second
    /// `reviewed` was added and the front matter no longer parsed (TOML: duplicate key).
    #[test]
    fn quoted_and_capitalised_keys_are_replaced() {
        assert_eq!(apply_str("+++\n\"reviewed\" = 2025-01-01\n+++\n", &date()), "+++\nreviewed = 2026-03-01\n+++\n");
        assert_eq!(apply_str("---\n'reviewed': 2025-01-01\n---\n", &date()), "---\nreviewed: 2026-03-01\n---\n");
        assert_eq!(apply_str("---\nReviewed: 2025-01-01\n---\n", &date()), "---\nreviewed: 2026-03-01\n---\n");
        assert_eq!(
            apply_str("---\nreviewed: 2025-01-01\nReviewed: 2024-01-01\n---\n", &date()),
            "---\nreviewed: 2026-03-01\nReviewed: 2024-01-01\n---\n"
        );
        assert_eq!(
            apply_str("---\nreviewed_for_x: 1\n---\n", &Mark::ReviewedFor("v1".into())),
            "---\nreviewed_for_x: 1\nreviewed_for: v1\n---\n"
        );
    }

    /// Found by `proptests::review`: in front matter indented as a whole, the mark went to
    /// column 0, which YAML reads as the start of another document.
    #[test]
    fn indented_front_matter_keeps_its_indentation() {
        assert_eq!(apply_str("---\n title: A\n...\n", &date()), "---\n title: A\n reviewed: 2026-03-01\n...\n");
        assert_eq!(
            apply_str("---\n# c\n  reviewed: 2025-01-01\n  title: A\n---\n", &date()),
            "---\n# c\n  reviewed: 2026-03-01\n  title: A\n---\n"
        );
    }

    /// Found by the long runs of `proptests::review`: a stray `\r` before the first key was
    /// taken for indentation, or hid the key, so a second one was added (YAML reads a lone
    /// `\r` as a line break: duplicate key).
    #[test]
    fn a_stray_carriage_return_is_not_indentation() {
        let text = "---\n\rareviewed: 2025-01-01\nreviewed: 2025-01-01\n...\n";
        assert_eq!(apply_str(text, &date()), "---\n\rareviewed: 2025-01-01\nreviewed: 2026-03-01\n...\n");
        // And a key after a lone `\r` is a key of its own line, as YAML reads it.
        let text = "---\ntitle: A\rreviewed: 2025-01-01 # c\r\n...\n";
        assert_eq!(apply_str(text, &date()), "---\ntitle: A\rreviewed: 2026-03-01 # c\r\n...\n");
        assert_eq!(apply_str("---\n\rreviewed: 2025-01-01\n...\n", &date()), "---\n\rreviewed: 2026-03-01\n...\n");
    }

    /// Found by the long run of `proptests::review`: a value going on over an indented line
    /// (`reviewed_for: v1\n ---`, read as `v1 ---`) kept its rest after the new value.
    #[test]
    fn a_value_over_several_lines_is_replaced_whole() {
        let mark = Mark::ReviewedFor("v3.2".into());
        assert_eq!(apply_str("---\nreviewed_for: v1\n ---\n...\n", &mark), "---\nreviewed_for: v3.2\n...\n");
        assert_eq!(
            apply_str("---\nreviewed_for: v1\n  more\n  still\ntitle: A\n---\n", &mark),
            "---\nreviewed_for: v3.2\ntitle: A\n---\n"
        );
    }

    /// Found by `proptests::review`: a file opening with a thematic break (`---`, then prose or
    /// a heading, then `---`) had the mark put between the rules, turning its text into broken
    /// front matter or swallowing its first heading.
    #[test]
    fn a_thematic_break_is_not_taken_for_front_matter() {
        for text in ["---\n# a comment\n---\n", "---\n\nIntro after a rule.\n\n---\n\nMore.\n"] {
            assert_eq!(apply_str(text, &date()), format!("---\nreviewed: 2026-03-01\n---\n{text}"));
        }
    }

    /// Found by `proptests::review`: a release name holding a newline or a control character
    /// was written raw inside quotes, splitting the line or breaking the TOML string.
    #[test]
    fn control_characters_in_release_names_are_escaped() {
        let mark = Mark::ReviewedFor("v1\nx\u{0}\u{2028}".into());
        let expected = r#"reviewed_for = "v1\u000Ax\u0000\u2028""#;
        assert_eq!(apply_str("+++\n+++\n", &mark), format!("+++\n{expected}\n+++\n"));
        assert_eq!(apply_str("---\n---\n", &mark), format!("---\n{}\n---\n", expected.replace(" =", ":")));
    }

    #[test]
    fn release_names_are_quoted_when_yaml_needs_it() {
        assert_eq!(yaml_scalar("v3.2"), "v3.2");
        assert_eq!(yaml_scalar("3.2"), "\"3.2\"");
        assert_eq!(yaml_scalar("release: one"), "\"release: one\"");
    }

    /// Found by `proptests::review`: `review --for true` wrote `reviewed_for: true`, which YAML
    /// reads as a boolean, so the article no longer built; `0x10` read back as `16`.
    #[test]
    fn release_names_yaml_reads_otherwise_are_quoted() {
        for name in ["true", "False", "null", "0x10", "0o7"] {
            assert_eq!(yaml_scalar(name), format!("\"{name}\""));
        }
    }

    #[test]
    fn an_unclosed_front_matter_is_an_error() {
        assert!(apply(Path::new("a.md"), "---\ntitle: A\n", &date()).is_err());
    }
}
