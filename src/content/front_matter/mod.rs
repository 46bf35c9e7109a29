//! Front matter: splitting it from the body and parsing it (here), then reading it into typed
//! fields (`typed`).
//!
//! YAML between `---` lines, TOML between `+++` lines, or none. A UTF-8 BOM, CRLF line endings
//! (normalised by the caller) and blank lines before the opening fence are tolerated. Keys
//! freshdocs does not know are kept for templates in `extra`, so content written for Hugo, Jekyll
//! or MkDocs builds as it is; a key one typo away from a known key is an error.

mod typed;

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::config::span_of_offset;
use crate::error::{Error, Span};
use typed::typed;

/// The front-matter fields freshdocs understands, all optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    /// The article's title; defaults to its first `# heading`, then to its file name.
    pub(crate) title: Option<String>,
    /// One sentence shown under the title in lists and used as the page description.
    pub(crate) description: Option<String>,
    /// Position among its siblings (lower first); ties and absent values sort by title.
    pub(crate) order: Option<i64>,
    /// Free-form labels.
    pub(crate) tags: Vec<String>,
    /// A draft is neither published nor checked.
    pub(crate) draft: bool,
    /// Who keeps the article true (`@docs-team`, an email); overrides CODEOWNERS.
    pub(crate) owner: Option<String>,
    /// Old URLs of the article that must keep working (a redirect page is written at each).
    pub(crate) aliases: Vec<String>,
    /// The day the article was last checked against the product, though its text did not change.
    pub(crate) reviewed: Option<NaiveDate>,
    /// The release the article was last checked against (`v3.2`).
    pub(crate) reviewed_for: Option<String>,
    /// How often the article must be reviewed (`90d`, `6w`, `1y`), overriding `max_age`.
    pub(crate) review_every: Option<String>,
    /// Exempts the article from the release rule (it describes nothing that releases change).
    pub(crate) evergreen: bool,
    /// Globs of product paths this article describes, relative to the product repository root.
    pub(crate) watch: Vec<String>,
    /// The source article of a translation, when the file layout does not imply it.
    pub(crate) translation_of: Option<String>,
    /// Replaces the last segment of the URL.
    pub(crate) slug: Option<String>,
    /// Keys freshdocs does not know, for templates (`page.extra`).
    pub(crate) extra: Map<String, Value>,
    /// Line of each key in the file, for messages about its value.
    pub(crate) key_lines: Vec<(String, usize)>,
}

impl FrontMatter {
    /// The line a key was written on, when known.
    pub(crate) fn span_of(&self, key: &str) -> Span {
        self.key_lines.iter().find(|(k, _)| k == key).map(|(_, line)| Span::at(*line, 1)).unwrap_or_default()
    }

    /// An ordering hint from other tools' keys, when `order` is absent (Hugo `weight`,
    /// Just-the-Docs `nav_order`, Docusaurus `sidebar_position`).
    pub(crate) fn effective_order(&self) -> Option<i64> {
        self.order.or_else(|| {
            ["weight", "nav_order", "sidebar_position"].iter().find_map(|k| self.extra.get(*k).and_then(Value::as_i64))
        })
    }
}

pub(crate) const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "order",
    "tags",
    "draft",
    "owner",
    "aliases",
    "reviewed",
    "reviewed_for",
    "review_every",
    "evergreen",
    "watch",
    "translation_of",
    "slug",
];

/// A Markdown file split into its front matter and body.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    pub(crate) front: FrontMatter,
    pub(crate) body: &'a str,
    /// 1-based line of the file where `body` starts, so Markdown positions map to file lines.
    pub(crate) body_line: usize,
    /// Whether the text opens with a front matter block (`review` adds one where there is none).
    pub(crate) has_front_matter: bool,
    /// Keys one typo away from a known key (`reviewd`), kept in `extra`. The caller decides:
    /// an error for a configured site, a warning for a zero-config build of another tool's
    /// content, where such keys may be that tool's own.
    pub(crate) near_misses: Vec<NearMiss>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NearMiss {
    pub(crate) key: String,
    pub(crate) suggestion: &'static str,
    pub(crate) span: Span,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

/// Splits and parses. `text` must already be free of a BOM and of `\r\n`.
pub(crate) fn parse<'a>(path: &Path, text: &'a str) -> Result<Document<'a>, Vec<Error>> {
    // Skip blank lines before an opening fence, but only if a fence follows.
    let mut offset = 0;
    let mut line_no = 1;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            offset += line.len();
            line_no += 1;
        } else {
            break;
        }
    }
    let rest = &text[offset..];
    let first_line = rest.lines().next().unwrap_or("").trim_end();
    let format = match first_line {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => {
            return Ok(no_front_matter(text));
        }
    };
    let fence = first_line;
    let open_line = line_no;
    let inner_start = offset + rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());

    // Find the closing fence (YAML also allows `...`).
    let mut cursor = inner_start;
    let mut closing = None;
    for line in text[inner_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (format == Format::Yaml && trimmed == "...") {
            closing = Some((cursor, cursor + line.len()));
            break;
        }
        cursor += line.len();
    }
    let Some((inner_end, body_start)) = closing else {
        // `---` then prose that never meets another `---`: a thematic break opening the article
        // (a snippet, an admonition after a rule), as a Markdown renderer reads it. Only what
        // looks like the keys of a front matter is a front matter left open.
        if !opens_keys(&text[inner_start..], format) {
            return Ok(no_front_matter(text));
        }
        return Err(vec![Error::FrontMatter {
            path: path.to_path_buf(),
            span: Span::at(open_line, 1),
            message: format!("the front matter opened with `{fence}` on line {open_line} is never closed"),
            help: format!("add a line with just `{fence}` after the last front matter key"),
        }]);
    };

    let inner = &text[inner_start..inner_end];
    let inner_first_line = open_line + 1;
    let map = match format {
        Format::Yaml => match parse_yaml(path, inner, inner_first_line)? {
            Some(map) => map,
            // `---` then prose: a thematic break opening the article, not front matter.
            None => return Ok(no_front_matter(text)),
        },
        Format::Toml => parse_toml(path, inner, inner_first_line)?,
    };
    let (front, near_misses) = typed(path, map, inner, inner_first_line, format)?;
    let body_line = inner_first_line + inner.matches('\n').count() + 1;
    Ok(Document { front, body: &text[body_start..], body_line, has_front_matter: true, near_misses })
}

/// Whether the first non-blank line after an opening fence is a `key:` (YAML) or `key =`
/// (TOML) line, or a TOML table header.
fn opens_keys(after_fence: &str, format: Format) -> bool {
    let Some(line) = after_fence.lines().map(str::trim).find(|l| !l.is_empty()) else { return true };
    let key = |k: &str| {
        let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
        !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    match format {
        Format::Yaml => line.starts_with('#') || line.split_once(':').is_some_and(|(k, _)| key(k)),
        Format::Toml => line.starts_with(['#', '[']) || line.split_once('=').is_some_and(|(k, _)| key(k)),
    }
}

fn no_front_matter(text: &str) -> Document<'_> {
    Document {
        front: FrontMatter::default(),
        body: text,
        body_line: 1,
        has_front_matter: false,
        near_misses: Vec::new(),
    }
}

/// `None` when the text between the fences is plain prose (a YAML scalar), not keys.
fn parse_yaml(path: &Path, inner: &str, first_line: usize) -> Result<Option<Map<String, Value>>, Vec<Error>> {
    if inner.trim().is_empty() {
        return Ok(Some(Map::new()));
    }
    let looks_like_keys = inner.lines().any(|l| {
        let l = l.trim_start();
        !l.starts_with('#')
            && l.split_once(':').is_some_and(|(k, _)| !k.is_empty() && !k.contains(' ') || k.starts_with('"'))
    });
    if !looks_like_keys {
        return Ok(None);
    }
    // The YAML reader rejects a blank line holding a tab ("a tab character that violates
    // indentation"), which editors leave behind, or other white space (a no-break or vertical
    // space, pasted in): read it as empty, as the fence search does, keeping the line numbers.
    let odd_blank = |l: &str| l.trim().is_empty() && l.trim_end_matches('\n').contains(|c| c != ' ');
    let cleaned: String;
    let inner = if inner.lines().any(odd_blank) {
        cleaned = inner
            .split_inclusive('\n')
            .map(|l| if odd_blank(l) { &l[l.trim_end_matches('\n').len()..] } else { l })
            .collect();
        &cleaned
    } else {
        inner
    };
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(inner).map_err(|e| {
        let span = e
            .location()
            .map(|l| Span::at(first_line + l.line() - 1, l.column()))
            .unwrap_or_else(|| Span::line(first_line));
        vec![Error::FrontMatter {
            path: path.to_path_buf(),
            span,
            message: format!("the YAML front matter is malformed: {}", strip_location(&e.to_string())),
            help: "write one `key: value` per line; quote values that contain `: ` or start with a special character"
                .into(),
        }]
    })?;
    match value {
        serde_yaml_ng::Value::Null => Ok(Some(Map::new())),
        serde_yaml_ng::Value::Mapping(_) => match serde_json::to_value(&value) {
            Ok(Value::Object(map)) => Ok(Some(map)),
            _ => Err(vec![not_a_table(path, first_line, "YAML")]),
        },
        serde_yaml_ng::Value::String(_) => Ok(None),
        _ => Err(vec![not_a_table(path, first_line, "YAML")]),
    }
}

fn parse_toml(path: &Path, inner: &str, first_line: usize) -> Result<Map<String, Value>, Vec<Error>> {
    let table: toml::Table = toml::from_str(inner).map_err(|e| {
        let span = e
            .span()
            .map(|r| {
                let s = span_of_offset(inner, r.start);
                Span { line: s.line.map(|l| l + first_line - 1), column: s.column }
            })
            .unwrap_or_else(|| Span::line(first_line));
        vec![Error::FrontMatter {
            path: path.to_path_buf(),
            span,
            message: format!("the TOML front matter is malformed: {}", e.message().trim()),
            help: "write one `key = value` per line; strings need double quotes".into(),
        }]
    })?;
    Ok(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

fn not_a_table(path: &Path, line: usize, format: &str) -> Error {
    Error::FrontMatter {
        path: path.to_path_buf(),
        span: Span::line(line),
        message: format!("the {format} front matter is not a set of keys and values"),
        help: "front matter holds `key: value` lines, such as `title: Refunds`".into(),
    }
}

/// serde_yaml's messages end with "at line X column Y", which we report ourselves.
fn strip_location(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn ok(text: &str) -> Document<'_> {
        parse(&PathBuf::from("a.md"), text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn err(text: &str) -> String {
        let errors = parse(&PathBuf::from("a.md"), text).unwrap_err();
        errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn yaml_toml_and_none() {
        let d = ok("---\ntitle: Refunds\norder: 2\ntags: [billing, money]\n---\n# Body\n");
        assert_eq!(d.front.title.as_deref(), Some("Refunds"));
        assert_eq!(d.front.order, Some(2));
        assert_eq!(d.front.tags, ["billing", "money"]);
        assert_eq!(d.body, "# Body\n");
        assert_eq!(d.body_line, 6);

        let d = ok("+++\ntitle = \"Refunds\"\nreviewed = 2026-03-01\n+++\nBody\n");
        assert_eq!(d.front.title.as_deref(), Some("Refunds"));
        assert_eq!(d.front.reviewed, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(d.body, "Body\n");

        let d = ok("# Just a heading\n");
        assert_eq!((d.body, d.body_line), ("# Just a heading\n", 1), "no front matter");
    }

    #[test]
    fn leading_blank_lines_and_empty_front_matter() {
        let d = ok("\n\n---\ntitle: x\n---\nbody");
        assert_eq!(d.front.title.as_deref(), Some("x"));
        assert_eq!(d.body_line, 6);
        let d = ok("---\n---\n");
        assert_eq!((d.body, d.body_line), ("", 3), "an empty front matter block");
    }

    #[test]
    fn unknown_keys_are_kept_and_typos_rejected() {
        let d = ok("---\nlayout: docs\nweight: 5\n---\n");
        assert_eq!(d.front.extra.get("layout"), Some(&Value::from("docs")));
        assert_eq!(d.front.effective_order(), Some(5));

        let d = ok("---\ntitle: x\nreviewd: 2026-01-01\nalias: true\n---\n");
        assert_eq!(d.near_misses, [NearMiss { key: "reviewd".into(), suggestion: "reviewed", span: Span::at(3, 1) }]);
        assert!(d.front.extra.contains_key("alias"), "another tool's key is kept, not a typo");
    }

    #[test]
    fn other_tools_front_matter_builds() {
        let d = ok(
            "---\nTitle: Hugo style\nDescription:\norder: 1.6\ntags: [{label: x, permalink: /y}, 2024, true]\n---\n",
        );
        assert_eq!(d.front.title.as_deref(), Some("Hugo style"));
        assert_eq!(d.front.description, None);
        assert_eq!(d.front.order, Some(2));
        assert_eq!(d.front.tags, ["x", "2024", "true"]);
        let d = ok("---\n\nIntro after a rule.\n\n---\n\nMore.\n");
        assert_eq!(d.body_line, 1, "a thematic break, not front matter");
        assert!(d.body.starts_with("---"));
    }

    #[test]
    fn every_error_is_reported() {
        let message = err("---\ntitle: x\ndraft: maybe\norder: first\n---\n");
        assert!(message.contains("a.md:3:1") && message.contains("true or false"), "{message}");
        assert!(message.contains("a.md:4:1") && message.contains("a number"), "{message}");
    }

    #[test]
    fn malformed_yaml_names_the_file_line() {
        let message = err("---\ntitle: ok\ntags: [a, b\n---\n");
        assert!(message.contains("a.md:"), "{message}");
        assert!(message.contains("malformed"), "{message}");
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let message = err("+++\ntitle = \"ok\"\norder = = 3\n+++\n");
        assert!(message.contains("a.md:3:"), "{message}");
    }

    /// Found by `proptests::review`: a blank line holding a tab (or, in the long run, a vertical
    /// tab) made the YAML reader fail, so `review` turned `---\n\t\n---` into front matter
    /// that no longer parsed.
    #[test]
    fn a_blank_line_holding_a_tab_is_blank() {
        let d = ok("---\ntitle: x\n\t\ntags: [a]\n \t \n---\nBody\n");
        assert_eq!(d.front.title.as_deref(), Some("x"));
        assert_eq!(d.front.tags, ["a"]);
        assert_eq!(d.body_line, 7);
        // Found by the long run: a vertical tab or a no-break space alone on a line, likewise.
        let d = ok("---\ntitle: x\n\u{b}\ntags: [a]\n\u{a0}\n---\nBody\n");
        assert_eq!(d.front.title.as_deref(), Some("x"));
        assert_eq!(d.front.tags, ["a"]);
        assert_eq!(d.body_line, 7);
        let message = err("---\ntitle: x\n\t\ntags: [a\n---\n");
        assert!(message.contains("a.md:4:") || message.contains("a.md:5:"), "{message}");
    }

    #[test]
    fn unclosed_front_matter() {
        let message = err("---\ntitle: x\n");
        assert!(message.contains("never closed"), "{message}");
        let message = err("+++\n\ntitle = \"x\"\n");
        assert!(message.contains("never closed"), "{message}");
    }

    /// Found on a real docs folder: a snippet opening with a rule, then an admonition.
    #[test]
    fn a_rule_then_prose_that_never_closes_is_the_body() {
        let text = "---\n\n!!! question \"In production?\"\n\n    Talk to us: see [support](x.md).\n";
        let d = ok(text);
        assert!(!d.has_front_matter);
        assert_eq!(d.body, text);
    }
}
