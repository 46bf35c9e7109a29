//! Reading the keys of a parsed front matter into [`FrontMatter`]'s typed fields: each value
//! checked against its key's type (an error naming the key's line and showing an example in the
//! file's own format), `Title` read as `title`, unknown keys kept in `extra`, and keys one typo
//! from a known key noted as [`NearMiss`]es. Splitting the text and parsing YAML or TOML is the
//! parent module's.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::{Format, FrontMatter, KNOWN_KEYS, NearMiss};
use crate::error::{Error, Span};

/// Line (in the file) where `key` is written at the top level of the front matter.
fn key_line(inner: &str, first_line: usize, key: &str, format: Format) -> Option<usize> {
    inner.lines().enumerate().find_map(|(i, line)| {
        if line.starts_with([' ', '\t']) {
            return None;
        }
        let rest = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix('"').and_then(|l| l.strip_prefix(key)).and_then(|l| l.strip_prefix('"')))
            .or_else(|| line.strip_prefix('\'').and_then(|l| l.strip_prefix(key)).and_then(|l| l.strip_prefix('\'')))?;
        let sep = if format == Format::Yaml { ':' } else { '=' };
        rest.trim_start().starts_with(sep).then_some(first_line + i)
    })
}

/// Keys of other tools that are one edit from a freshdocs key but mean something else.
const OTHER_TOOLS_KEYS: &[&str] = &["alias", "tag", "owners", "reviewer", "reviewers", "match", "orders", "drafts"];

/// The known key `key` is probably a typo of, if any.
fn near_miss(key: &str) -> Option<&'static str> {
    let lower = key.to_lowercase();
    if OTHER_TOOLS_KEYS.contains(&lower.as_str()) {
        return None;
    }
    KNOWN_KEYS.iter().copied().find(|known| {
        let limit = if known.len() <= 5 { 1 } else { 2 };
        strsim::damerau_levenshtein(&lower, known) <= limit
    })
}

/// `Title:` is `title:` (Hugo keys ignore case): the known key in its canonical spelling.
fn canonical_key(key: &str) -> Option<&'static str> {
    KNOWN_KEYS.iter().copied().find(|known| key.eq_ignore_ascii_case(known))
}

pub(super) fn typed(
    path: &Path,
    map: Map<String, Value>,
    inner: &str,
    first_line: usize,
    format: Format,
) -> Result<(FrontMatter, Vec<NearMiss>), Vec<Error>> {
    let mut front = FrontMatter::default();
    let mut errors = Vec::new();
    let mut near_misses = Vec::new();
    for (key, value) in map {
        let line = key_line(inner, first_line, &key, format).unwrap_or(first_line);
        front.key_lines.push((key.clone(), line));
        let span = Span::at(line, 1);
        let mut wrong_type = |expected: &str| {
            errors.push(Error::FrontMatter {
                path: path.to_path_buf(),
                span,
                message: format!("`{key}` should be {expected}, not {}", describe(&value)),
                help: format!("write it as in `{}`", example(&key, format)),
            });
        };
        // An empty value (`title:`) is as if the key were absent.
        if value.is_null() {
            continue;
        }
        match canonical_key(&key).unwrap_or(key.as_str()) {
            "title" => match text(&value) {
                Some(s) => front.title = Some(s).filter(|s| !s.trim().is_empty()),
                None => wrong_type("text"),
            },
            "description" => match text(&value) {
                Some(s) => front.description = Some(s).filter(|s| !s.trim().is_empty()),
                None => wrong_type("text"),
            },
            "order" => match value.as_i64().or_else(|| value.as_f64().map(|f| f.round() as i64)) {
                Some(n) => front.order = Some(n),
                None => wrong_type("a number"),
            },
            "tags" => match strings(&value) {
                Some(v) => front.tags = v,
                None => wrong_type("a list of words"),
            },
            "draft" => match value.as_bool() {
                Some(b) => front.draft = b,
                None => wrong_type("true or false"),
            },
            "evergreen" => match value.as_bool() {
                Some(b) => front.evergreen = b,
                None => wrong_type("true or false"),
            },
            "owner" => match strings(&value) {
                Some(v) if !v.is_empty() => front.owner = Some(v.join(" ")),
                _ => wrong_type("a name, handle or email"),
            },
            "aliases" => match strings(&value) {
                Some(v) => front.aliases = v,
                None => wrong_type("a list of old URLs"),
            },
            "watch" => match strings(&value) {
                Some(v) => front.watch = v,
                None => wrong_type("a list of path globs"),
            },
            "reviewed" => match value.as_str().and_then(parse_date) {
                Some(d) => front.reviewed = Some(d),
                None => wrong_type("a date like 2026-03-01"),
            },
            "reviewed_for" => match text(&value) {
                Some(s) => front.reviewed_for = Some(s),
                None => wrong_type("a release name like v3.2"),
            },
            "review_every" => match value.as_str().filter(|s| crate::duration::parse(s).is_some()) {
                Some(s) => front.review_every = Some(s.to_string()),
                None => wrong_type("a period like 90d, 12w or 1y"),
            },
            "translation_of" => match value.as_str() {
                Some(s) => front.translation_of = Some(s.to_string()),
                None => wrong_type("the path of the source article"),
            },
            "slug" => match text(&value) {
                Some(s) => front.slug = Some(s),
                None => wrong_type("text"),
            },
            _ => {
                if let Some(suggestion) = near_miss(&key) {
                    near_misses.push(NearMiss { key: key.clone(), suggestion, span });
                }
                front.extra.insert(key, value);
            }
        }
    }
    if errors.is_empty() { Ok((front, near_misses)) } else { Err(errors) }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list of strings, or one string (`tags: billing`) taken as a list of one. Items may be
/// numbers or booleans (`tags: [2024, true]`) or Docusaurus tag objects (`{label: x, ...}`).
fn strings(value: &Value) -> Option<Vec<String>> {
    let item = |v: &Value| match v {
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(map) => map.get("label").or_else(|| map.get("name")).and_then(text),
        other => text(other),
    };
    match value {
        Value::Null => Some(Vec::new()),
        Value::Array(items) => items.iter().map(item).collect(),
        other => item(other).map(|s| vec![s]),
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .or_else(|| chrono::DateTime::parse_from_rfc3339(s).ok().map(|d| d.date_naive()))
        .or_else(|| s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a table".into(),
    }
}

fn example(key: &str, format: Format) -> String {
    let value = match key {
        "order" => "3",
        "tags" | "aliases" | "watch" => r#"["a", "b"]"#,
        "draft" | "evergreen" => "true",
        "reviewed" => "2026-03-01",
        "review_every" => "\"90d\"",
        "reviewed_for" => "\"v3.2\"",
        _ => "\"...\"",
    };
    match format {
        Format::Yaml => format!("{key}: {}", value.trim_matches('"')),
        Format::Toml => format!("{key} = {value}"),
    }
}
