//! `freshdocs review`: marking an article as checked against the product, by setting `reviewed`
//! (or `reviewed_for`) in its front matter and changing nothing else.
//!
//! The edit is done on the text, not by re-serialising the front matter: key order, comments,
//! quoting, line endings, a BOM and the body stay byte for byte.

use std::path::Path;

use crate::config::Site;
use crate::content::front_matter;
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
            Mark::ReviewedFor(release) if toml => format!("\"{}\"", release.replace('\\', "\\\\").replace('"', "\\\"")),
            Mark::ReviewedFor(release) => yaml_scalar(release),
        }
    }
}

/// Marks one file on disk. The new text must still read as front matter, or nothing is written;
/// the file is replaced whole, never left half-written.
pub fn mark_file(path: &Path, mark: &Mark) -> Result<(), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let updated = apply(path, &text, mark)?;
    let normalized = updated.strip_prefix('\u{feff}').unwrap_or(&updated).replace("\r\n", "\n");
    if let Err(mut errors) = front_matter::parse(path, &normalized) {
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
    let toml = match first {
        "---" => false,
        "+++" => true,
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
    let mut key_line: Option<(usize, usize)> = None;
    let separator = if toml { '=' } else { ':' };
    for line in rest[inner_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == fence || (!toml && content.trim_end() == "...") {
            // The closing fence: replace the key where it is, or insert it just before.
            let key = mark.key();
            let value = mark.value(toml);
            let assignment = if toml { format!("{key} = {value}") } else { format!("{key}: {value}") };
            let result = match key_line {
                Some((start, end)) => format!("{bom}{}{assignment}{}", &rest[..start], &rest[end..]),
                None => format!("{bom}{}{assignment}{newline}{}", &rest[..cursor], &rest[cursor..]),
            };
            return Ok(result);
        }
        if !line.starts_with([' ', '\t'])
            && let Some(after) = content.strip_prefix(mark.key())
            && after.trim_start().starts_with(separator)
        {
            // Replace the value, keeping a trailing comment on that line.
            let value_end = comment_start(content).unwrap_or(content.len());
            key_line = Some((cursor, cursor + value_end));
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

/// A release name as a YAML scalar: plain when safe, else double-quoted.
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '+'))
        && !text.starts_with(['-', '.'])
        && text.parse::<f64>().is_err();
    if plain { text.to_string() } else { format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")) }
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

    #[test]
    fn release_names_are_quoted_when_yaml_needs_it() {
        assert_eq!(yaml_scalar("v3.2"), "v3.2");
        assert_eq!(yaml_scalar("3.2"), "\"3.2\"");
        assert_eq!(yaml_scalar("release: one"), "\"release: one\"");
    }

    #[test]
    fn an_unclosed_front_matter_is_an_error() {
        assert!(apply(Path::new("a.md"), "---\ntitle: A\n", &date()).is_err());
    }
}
