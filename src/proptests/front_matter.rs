//! Front matter (`content::front_matter::parse`, after `content::normalize_text`): no panic on any
//! file, positions that point into the file, and a round trip of typed fields through YAML and
//! TOML with a BOM, CRLF line ends and blank lines before the fence.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

use super::{config, text_of, with_line_ends};
use crate::content::front_matter::{Document, parse};
use crate::content::normalize_text;
use crate::error::Error;

const PIECES: &[&str] = &[
    "---",
    "+++",
    "...",
    "\n",
    "\r\n",
    "\r",
    ":",
    ": ",
    " = ",
    "=",
    "title",
    "Title",
    "tags",
    "order",
    "reviewed",
    "review_every",
    "reviewd",
    "slug",
    "draft",
    "owner",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "- ",
    " ",
    "\t",
    "#",
    "\u{feff}",
    "ک",
    "ग्",
    "2026-13-45",
    "2026-03-01",
    "1.5",
    "1e400",
    "99999999999999999999d",
    "90d",
    "true",
    "null",
    "~",
    "&a",
    "*a",
    "!!",
    "|",
    ">",
    "\"\"\"",
    "'''",
    "[[x]]",
    "[x]",
    "\\",
    "\\u{0}",
    "\0",
];

/// A file as a writer may save it: an optional BOM, pieces and arbitrary text, LF or CRLF.
fn any_file() -> impl Strategy<Value = String> {
    (any::<bool>(), text_of(PIECES, 40)).prop_map(|(bom, text)| if bom { format!("\u{feff}{text}") } else { text })
}

fn lines_in(text: &str) -> usize {
    text.matches('\n').count() + 1
}

/// The fields the round trip writes; every one is optional.
#[derive(Debug, Clone)]
struct Fields {
    title: Option<String>,
    description: Option<String>,
    order: Option<i64>,
    tags: Option<Vec<String>>,
    draft: Option<bool>,
    evergreen: Option<bool>,
    reviewed: Option<NaiveDate>,
    reviewed_for: Option<String>,
    /// Keys freshdocs does not know, kept in `extra`.
    extra: Vec<(String, String)>,
}

/// Text values: arbitrary Unicode and the strings YAML and TOML read as something else.
fn value_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::sample::select(
            &[
                "12",
                "1.5",
                "true",
                "null",
                "~",
                "2026-03-01",
                "- a",
                "a: b",
                "#x",
                "'q'",
                "\"q\"",
                "---",
                "+++",
                "",
                " ",
                "Refunds & Returns",
                "راهنمای شروع",
                "ग्राहक सेवा",
            ][..]
        )
        .prop_map(str::to_string),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=366).prop_filter_map("a day of that year", |(y, d)| NaiveDate::from_yo_opt(y, d))
}

fn fields() -> impl Strategy<Value = Fields> {
    let extra_key = "[a-z][a-z0-9_]{0,10}".prop_filter("not a freshdocs key", |k| {
        crate::content::front_matter::KNOWN_KEYS.iter().all(|known| !k.eq_ignore_ascii_case(known))
    });
    (
        (
            proptest::option::of(value_text()),
            proptest::option::of(value_text()),
            proptest::option::of(any::<i64>()),
            proptest::option::of(proptest::collection::vec(value_text(), 0..4)),
        ),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(date()),
            proptest::option::of(value_text()),
            proptest::collection::btree_map(extra_key, value_text(), 0..3),
        ),
    )
        .prop_map(|((title, description, order, tags), (draft, evergreen, reviewed, reviewed_for, extra))| {
            Fields {
                title,
                description,
                order,
                tags,
                draft,
                evergreen,
                reviewed,
                reviewed_for,
                extra: extra.into_iter().collect(),
            }
        })
}

/// A value as the round trip writes it, before it is YAML or TOML.
enum Plain {
    Text(String),
    Number(i64),
    Bool(bool),
    Date(NaiveDate),
    List(Vec<String>),
}

impl Plain {
    fn yaml(self) -> serde_yaml_ng::Value {
        use serde_yaml_ng::Value as Yaml;
        match self {
            Plain::Text(s) => Yaml::from(s),
            Plain::Number(n) => Yaml::from(n),
            Plain::Bool(b) => Yaml::from(b),
            Plain::Date(d) => Yaml::from(d.format("%Y-%m-%d").to_string()),
            Plain::List(items) => Yaml::Sequence(items.into_iter().map(Yaml::from).collect()),
        }
    }

    fn toml(self) -> toml::Value {
        use toml::Value as Toml;
        match self {
            Plain::Text(s) => Toml::String(s),
            Plain::Number(n) => Toml::Integer(n),
            Plain::Bool(b) => Toml::Boolean(b),
            Plain::Date(d) => Toml::Datetime(d.format("%Y-%m-%d").to_string().parse().expect("a TOML date")),
            Plain::List(items) => Toml::Array(items.into_iter().map(Toml::String).collect()),
        }
    }
}

impl Fields {
    /// The keys to write, in order.
    fn entries(&self) -> Vec<(String, Plain)> {
        let text = |key: &str, v: &Option<String>| v.clone().map(|s| (key.to_string(), Plain::Text(s)));
        let bool = |key: &str, v: Option<bool>| v.map(|b| (key.to_string(), Plain::Bool(b)));
        let fields = [
            text("title", &self.title),
            text("description", &self.description),
            self.order.map(|n| ("order".to_string(), Plain::Number(n))),
            self.tags.clone().map(|t| ("tags".to_string(), Plain::List(t))),
            bool("draft", self.draft),
            bool("evergreen", self.evergreen),
            self.reviewed.map(|d| ("reviewed".to_string(), Plain::Date(d))),
            text("reviewed_for", &self.reviewed_for),
        ];
        let extra = self.extra.iter().map(|(k, v)| (k.clone(), Plain::Text(v.clone())));
        fields.into_iter().flatten().chain(extra).collect()
    }

    fn yaml(&self) -> String {
        let map: serde_yaml_ng::Mapping = self.entries().into_iter().map(|(k, v)| (k.into(), v.yaml())).collect();
        if map.is_empty() { String::new() } else { serde_yaml_ng::to_string(&map).expect("YAML for plain values") }
    }

    fn toml(&self) -> String {
        let table: toml::Table = self.entries().into_iter().map(|(k, v)| (k, v.toml())).collect();
        toml::to_string(&table).expect("TOML for plain values")
    }

    /// What `parse` should read back.
    fn check(&self, doc: &Document) -> Result<(), TestCaseError> {
        let front = &doc.front;
        let present = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        prop_assert_eq!(&front.title, &present(&self.title));
        prop_assert_eq!(&front.description, &present(&self.description));
        prop_assert_eq!(front.order, self.order);
        prop_assert_eq!(&front.tags, &self.tags.clone().unwrap_or_default());
        prop_assert_eq!(front.draft, self.draft.unwrap_or(false));
        prop_assert_eq!(front.evergreen, self.evergreen.unwrap_or(false));
        prop_assert_eq!(front.reviewed, self.reviewed);
        prop_assert_eq!(&front.reviewed_for, &self.reviewed_for);
        for (k, v) in &self.extra {
            prop_assert_eq!(front.extra.get(k), Some(&Value::from(v.as_str())), "extra key {}", k);
        }
        Ok(())
    }
}

/// The line a fence could close on by mistake: a value written across lines may hold one.
fn has_fence_line(inner: &str) -> bool {
    inner.lines().any(|l| matches!(l.trim_end(), "---" | "+++" | "..."))
}

proptest! {
    #![proptest_config(config(1))]

    /// Any file: an error or a document, never a panic; the body is the end of the file and
    /// `body_line` is its line; every error's line is a line of the file.
    #[test]
    fn any_file_parses_or_fails_with_a_line_of_the_file(file in any_file()) {
        let text = normalize_text(&file);
        match parse(Path::new("a.md"), &text) {
            Ok(doc) if doc.has_front_matter => {
                prop_assert!(text.ends_with(doc.body));
                let before = &text[..text.len() - doc.body.len()];
                if !doc.body.is_empty() {
                    prop_assert_eq!(doc.body_line, before.matches('\n').count() + 1);
                }
                for (key, line) in &doc.front.key_lines {
                    prop_assert!(*line >= 2 && *line <= lines_in(before), "key {:?} on line {}", key, line);
                }
            }
            Ok(doc) => {
                prop_assert_eq!(doc.body, text.as_str());
                prop_assert_eq!(doc.body_line, 1);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for error in errors {
                    let Error::FrontMatter { span, .. } = &error else {
                        return Err(TestCaseError::fail(format!("not a front matter error: {error:?}")));
                    };
                    if let Some(line) = span.line {
                        prop_assert!(line >= 1 && line <= lines_in(&text), "line {} of {}: {}", line, lines_in(&text), error);
                    }
                }
            }
        }
    }

    /// Typed fields written as YAML or TOML by their own serialisers, with a BOM, CRLF and blank
    /// lines before the fence, read back as written, with the body unchanged.
    #[test]
    fn written_fields_read_back(
        fields in fields(),
        toml in any::<bool>(),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        blank_lines in 0usize..3,
        body in text_of(PIECES, 12),
    ) {
        let (fence, inner) = if toml { ("+++", fields.toml()) } else { ("---", fields.yaml()) };
        // A line that is just a fence ends the front matter, as in Hugo: a known limit.
        prop_assume!(!has_fence_line(&inner));
        let head = format!("{}{fence}\n{inner}{fence}\n", "\n".repeat(blank_lines));
        let file = format!(
            "{}{}{}",
            if bom { "\u{feff}" } else { "" },
            with_line_ends(&head, crlf),
            with_line_ends(&body, crlf),
        );
        let text = normalize_text(&file);
        let doc = parse(Path::new("a.md"), &text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        prop_assert!(doc.has_front_matter);
        fields.check(&doc)?;
        let expected_body = with_line_ends(&body, crlf).replace("\r\n", "\n");
        prop_assert_eq!(doc.body, expected_body.as_str());
        // Each key's line, for messages, is the line it is written on.
        let lines: Vec<&str> = text.lines().collect();
        for (key, line) in &doc.front.key_lines {
            let written = lines[line - 1].trim_start_matches(['"', '\'']);
            prop_assert!(written.starts_with(key.as_str()), "{:?} is not on line {}: {:?}", key, line, written);
        }
    }
}
