//! What an article names, in the words a product change would show: identifiers (from inline
//! code, code blocks, flags, environment variables), file paths, and the UI labels it quotes
//! (`**Export data**`, "Save changes", *Settings › Billing*).
//!
//! The same tokenizer reads the changed lines of product files, so an identifier matches however
//! it is written on either side: `--base-url`, `base_url` and `BASE_URL` are one key.

use rustc_hash::FxHashMap as HashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What one article names, each with the first file line that names it.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Mentions {
    /// Identifier keys (see [`key`]).
    pub(crate) identifiers: HashMap<String, usize>,
    /// Path-like names (`src/config.rs`, `book.toml`), as written without a leading `./`.
    pub(crate) paths: HashMap<String, usize>,
    /// Quoted UI labels, normalised with [`label`].
    pub(crate) labels: HashMap<String, usize>,
}

impl Mentions {
    /// Gives every name the file line `map` says (see [`crate::content::Source::file_line`]).
    pub(crate) fn map_lines(&mut self, map: impl Fn(usize) -> usize) {
        for line in self.identifiers.values_mut().chain(self.paths.values_mut()).chain(self.labels.values_mut()) {
            *line = map(*line);
        }
    }
}

/// Reads an article's body. `body_line` is the file line where the body starts.
pub(crate) fn of_article(body: &str, body_line: usize) -> Mentions {
    // Byte by byte rather than by a searcher: the lines of prose are short.
    let newlines = body.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1);
    let line_starts: Vec<usize> = std::iter::once(0).chain(newlines).collect();
    let line_of = |offset: usize| body_line + line_starts.partition_point(|&s| s <= offset) - 1;
    let mut mentions = Mentions::default();
    let mut emphasis = 0usize;
    let mut label_text = String::new();
    let mut label_line = 0;
    let mut in_code_block = false;
    // Only a token's first use counts (its line is the one kept), so repeats are skipped before
    // they are split into keys: long reference pages repeat the same names hundreds of times.
    let (mut seen_code, mut seen_prose) = (Seen::default(), Seen::default());
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis) => {
                if emphasis == 0 {
                    label_text.clear();
                    label_line = line_of(range.start);
                }
                emphasis += 1;
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                emphasis = emphasis.saturating_sub(1);
                if emphasis == 0 {
                    add_labels(&mut mentions, &label_text, label_line);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Code(code) => {
                let line = line_of(range.start);
                add_code(&mut mentions, &mut seen_code, &code, line);
                if emphasis > 0 {
                    label_text.push_str(&code);
                }
            }
            Event::Text(text) if in_code_block => {
                // One event per block: keep each line's own number.
                let first = line_of(range.start);
                for (k, code_line) in text.lines().enumerate() {
                    add_code(&mut mentions, &mut seen_code, code_line, first + k);
                }
            }
            Event::Text(text) => {
                let line = line_of(range.start);
                if emphasis > 0 {
                    label_text.push_str(&text);
                }
                add_prose(&mut mentions, &mut seen_prose, &text, line);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(path) = repository_path(&dest_url) {
                    mentions.paths.entry(path).or_insert(line_of(range.start));
                }
            }
            _ => {}
        }
    }
    mentions
}

/// Raw tokens already read in one kind of text (code or prose).
type Seen = rustc_hash::FxHashSet<String>;

/// Whether `raw` is new to `seen` (and remembers it).
fn first_use(seen: &mut Seen, raw: &str) -> bool {
    !seen.contains(raw) && seen.insert(raw.to_string())
}

/// Code: every token is an identifier; path-like ones are paths too.
fn add_code(mentions: &mut Mentions, seen: &mut Seen, code: &str, line: usize) {
    for raw in raw_tokens(code).filter(|raw| !pins_a_dependency(code, raw) && first_use(seen, raw)) {
        if let Some(path) = path_like(raw) {
            mentions.paths.entry(path.to_string()).or_insert(line);
        }
        for key in keys(raw) {
            mentions.identifiers.entry(key).or_insert(line);
        }
    }
}

/// Prose: only what is unmistakably an identifier (flags, environment variables, snake_case
/// and camelCase words, paths), and quoted labels.
fn add_prose(mentions: &mut Mentions, seen: &mut Seen, text: &str, line: usize) {
    // Most of running text is plain words, which name nothing below: they are passed over
    // before they are remembered.
    for raw in raw_tokens(text).filter(|raw| !plain_word(raw) && !pins_a_dependency(text, raw) && first_use(seen, raw))
    {
        if let Some(path) = path_like(raw) {
            mentions.paths.entry(path.to_string()).or_insert(line);
        }
        if let Some(v) = version(raw) {
            mentions.identifiers.entry(v.to_string()).or_insert(line);
            continue;
        }
        let flag = raw.starts_with("--") && raw.len() > 3;
        // In running text a word joined only by hyphens is English (`read-only`, `up-to-date`,
        // `well-known`); an identifier there has `_`, a hump, or code formatting.
        if flag || (compound(raw) && !english_compound(raw)) {
            for key in keys(raw) {
                if flag || specificity(&key, raw) >= 1.0 {
                    mentions.identifiers.entry(key).or_insert(line);
                }
            }
        }
    }
    for quoted in quoted_strings(text) {
        add_labels(mentions, quoted, line);
    }
}

/// Whether `raw`, a token of `text` (a slice of it, as [`raw_tokens`] gives), is a version that a
/// requirement pins for a named package: `ruff==0.3.0`, `ruff>=0.3.0`, `ruff@0.3.0`,
/// `ruff>0.2.0,<0.3.0`. That is an example's dependency, not the version of the product the
/// article installs (`https://example.com/tool/0.3.0/install.sh`, `rev: 0.3.0`).
fn pins_a_dependency(text: &str, raw: &str) -> bool {
    if version(raw).is_none() {
        return false;
    }
    let offset = raw.as_ptr() as usize - text.as_ptr() as usize;
    let before = &text[..offset];
    let Some(name) =
        ["==", ">=", "<=", "~=", "!=", "@", ">", "<", "^", "~"].iter().find_map(|op| before.strip_suffix(op))
    else {
        return false;
    };
    // After a package's name, or after the previous clause of its requirement (`ruff>0.2,<0.3.0`).
    name.ends_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ']' | ','))
}

/// A quoted or emphasised phrase; `Settings › Billing` and `Settings > Billing` are two labels.
fn add_labels(mentions: &mut Mentions, text: &str, line: usize) {
    for part in text.split(['›', '>', '→', '»', '|']) {
        if let Some(label) = label(part) {
            mentions.labels.entry(label).or_insert(line);
        }
    }
}

/// A UI label as compared: lower case, single spaces, no surrounding punctuation. `None` for
/// what is too short or too long to be a label.
pub(crate) fn label(text: &str) -> Option<String> {
    // Lower-cased once, after the words are joined: a space ends a word for the one
    // context-dependent mapping (a final sigma) as the end of the text does.
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    let joined = joined.to_lowercase();
    let trimmed = joined.trim_matches(|c: char| c.is_ascii_punctuation() && c != '&' || c == '…');
    let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
    let words = trimmed.split(' ').count();
    (letters >= 4 && words <= 6 && trimmed.chars().count() <= 60).then(|| trimmed.to_string())
}

/// Strings between double quotes (straight or curly) in a line.
pub(crate) fn quoted_strings(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in line.char_indices() {
        match (open, c) {
            (None, '"' | '“') => open = Some((i + c.len_utf8(), if c == '"' { '"' } else { '”' })),
            (Some((start, close)), c) if c == close => {
                out.push(&line[start..i]);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Runs of identifier characters: ASCII letters and digits, `_`, `-`, `.`, `/`, `$`. A string
/// escape (`\n`, `\t`, `\r`) separates too: `"Done.\nIf it fails"` holds `If`, not `nIf`.
pub(crate) fn raw_tokens(text: &str) -> impl Iterator<Item = &str> {
    Runs { text, at: 0 }
        .map(|t| t.trim_matches(|c| matches!(c, '.' | '/' | '$')).trim_end_matches('-'))
        .filter(|t| t.len() >= 3 && (t.chars().any(|c| c.is_ascii_alphabetic()) || version(t).is_some()))
}

/// The runs of identifier characters of `text` from byte `at` (see [`raw_tokens`]).
struct Runs<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Runs<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let ident = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b'$');
        let escape = |i: usize| bytes[i] == b'\\' && matches!(bytes.get(i + 1), Some(b'n' | b't' | b'r'));
        // Token boundaries fall on ASCII bytes only, so the slices are whole characters.
        while self.at < bytes.len() {
            if escape(self.at) {
                self.at += 2;
                continue;
            }
            if !ident(bytes[self.at]) {
                self.at += 1;
                continue;
            }
            let start = self.at;
            while self.at < bytes.len() && ident(bytes[self.at]) {
                self.at += 1;
            }
            return Some(&self.text[start..self.at]);
        }
        None
    }
}

/// `1.2.3` or `v1.2.3` (three numbers at least): a version, kept whole as a key of its own, so
/// an install article that names the release it installs is tied to the bump that replaces it.
pub(crate) fn version(raw: &str) -> Option<&str> {
    let v = raw.strip_prefix('v').unwrap_or(raw);
    // Asked of every token and key, most of them words: counted without collecting the parts.
    let mut parts = 0;
    for part in v.split('.') {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        parts += 1;
    }
    (parts >= 3).then_some(v)
}

/// The keys a raw token stands for: the whole token (when it is one identifier) and its parts
/// between `.` and `/`.
pub(crate) fn keys(raw: &str) -> Vec<String> {
    if let Some(v) = version(raw) {
        return vec![v.to_string()];
    }
    let mut out = Vec::new();
    // Versions inside a longer token: `releases/download/v0.4.21/mdbook-v0.4.21-x86_64.tar.gz`.
    if raw.contains(['/', '-']) {
        for piece in raw.split(['/', '-', '_']) {
            if let Some(v) = version(piece).or_else(|| version(piece.trim_end_matches(|c: char| !c.is_ascii_digit()))) {
                let v = v.to_string();
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    let mut push = |part: &str| {
        let k = key(part);
        if k.len() >= 3
            && k.chars().any(|c| c.is_ascii_alphabetic())
            && !STOP_SET.contains(k.as_str())
            && !out.contains(&k)
        {
            out.push(k);
        }
    };
    if !raw.contains('/') {
        push(raw);
    }
    if raw.contains(['.', '/']) {
        for part in raw.split(['.', '/']) {
            push(part);
        }
    }
    out
}

/// `--base-url`, `base_url`, `BASE_URL` → `base_url`.
pub(crate) fn key(part: &str) -> String {
    // One string per key, not one per step: every token of every article and changed line is
    // turned into keys.
    part.trim_start_matches('-').chars().map(|c| if c == '-' { '_' } else { c.to_ascii_lowercase() }).collect()
}

/// `read-only`, `top-level`: lower-case words joined by single hyphens, nothing else.
/// The first word may start a sentence (`Best-effort`).
fn english_compound(raw: &str) -> bool {
    raw.contains('-')
        && raw.split('-').enumerate().all(|(i, w)| {
            let rest = if i == 0 && w.starts_with(|c: char| c.is_ascii_uppercase()) { &w[1..] } else { w };
            !w.is_empty() && rest.bytes().all(|b| b.is_ascii_lowercase())
        })
}

/// Whether a raw token is clearly an identifier and not a word: it joins words with `_` or `-`,
/// or has a camelCase hump.
fn compound(raw: &str) -> bool {
    let word = raw.trim_start_matches('-');
    let joined = word.split(['_', '-']).filter(|p| !p.is_empty()).count() > 1;
    (joined || hump(word))
        && !word.contains("--")
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A lower case letter followed by a capital: `baseUrl`, `iOS`.
fn hump(word: &str) -> bool {
    word.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// Letters only, without a hump (`files`, `Remote`, `HTTP`): in prose such a word is neither a
/// flag, a path, a version nor a compound identifier.
fn plain_word(raw: &str) -> bool {
    raw.bytes().all(|b| b.is_ascii_alphabetic()) && !hump(raw)
}

/// How telling a key is, 0 to 1: compound identifiers are telling, plain words much less.
pub(crate) fn specificity(key: &str, raw: &str) -> f64 {
    if key.contains('_') || compound(raw) || version(key).is_some() {
        1.0
    } else if key.len() >= 8 {
        0.3
    } else if key.len() >= 5 {
        0.15
    } else {
        0.08
    }
}

/// A token that names a file: it has a folder or a known extension (`src/config.rs`,
/// `book.toml`), without a scheme.
fn path_like(raw: &str) -> Option<&str> {
    let raw = raw.trim_start_matches("./");
    let name = raw.rsplit('/').next()?;
    let (stem, ext) = name.rsplit_once('.')?;
    let known = matches!(
        ext,
        "rs" | "toml"
            | "json"
            | "yaml"
            | "yml"
            | "js"
            | "ts"
            | "tsx"
            | "jsx"
            | "py"
            | "go"
            | "rb"
            | "java"
            | "kt"
            | "swift"
            | "c"
            | "h"
            | "cpp"
            | "cs"
            | "php"
            | "sh"
            | "ini"
            | "cfg"
            | "conf"
            | "xml"
            | "html"
            | "css"
            | "scss"
            | "sass"
            | "lua"
            | "ex"
            | "exs"
            | "proto"
            | "sql"
            | "env"
    );
    (known && !stem.is_empty() && !raw.contains("//")).then_some(raw)
}

/// A link into the repository's own files (`../../src/config.rs`, or a GitHub `blob/<ref>/`
/// URL): the path it names.
fn repository_path(dest: &str) -> Option<String> {
    let path = match dest.split_once("/blob/").or_else(|| dest.split_once("/tree/")) {
        Some((_, rest)) => rest.split_once('/')?.1,
        None if dest.contains("://") || dest.starts_with('#') => return None,
        None => dest,
    };
    let path = path.split(['#', '?']).next()?.trim_start_matches("./");
    let path = path.trim_start_matches("../");
    path_like(path).map(str::to_string)
}

/// [`STOP`] as a set: every candidate key is looked up in it.
static STOP_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
    std::sync::LazyLock::new(|| STOP.iter().copied().collect());

/// Keys too common in code to tell anything.
const STOP: &[&str] = &[
    "the", "and", "for", "not", "let", "mut", "pub", "use", "self", "fn_", "str", "string", "true", "false", "none",
    "null", "some", "return", "impl", "struct", "enum", "const", "static", "match", "else", "elif", "def", "class",
    "import", "from", "export", "default", "function", "var", "new", "this", "with", "type", "into", "from_str",
    "clone", "unwrap", "expect", "iter", "map", "vec", "option", "result", "err", "error", "value", "name", "path",
    "file", "http", "https", "www", "com", "org", "html", "json", "yaml", "toml", "txt", "src", "lib", "bin", "test",
    "tests", "main", "mod", "crate", "super", "usize", "u32", "u64", "i32", "i64", "bool", "char", "len", "push",
    "get", "set", "data", "info", "debug", "warn", "async", "await", "echo", "sudo", "cargo", "npm", "run", "install",
    "cd", "git", "end", "then", "when", "you", "your", "can", "are", "will", "all", "any", "has", "have", "that",
    "can't", "dont", "its", "one", "two", "foo", "bar", "baz", "example", "todo",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_come_from_code_and_telling_prose_words_with_their_lines() {
        let body = "Intro line.\n\nRun `freshdocs build --base-url` now.\n\n```toml\n[output.html]\ngit-repository-url = \"x\"\n```\n\nSet MY_TOKEN or use getUserName, not build: a read-only, Best-effort copy.\n";
        let m = of_article(body, 5);
        assert_eq!(m.identifiers.get("base_url"), Some(&7));
        assert_eq!(m.identifiers.get("git_repository_url"), Some(&11));
        assert_eq!(m.identifiers.get("output"), Some(&10));
        assert_eq!(m.identifiers.get("my_token"), Some(&14));
        assert_eq!(m.identifiers.get("getusername"), Some(&14));
        assert!(!m.identifiers.contains_key("now"), "a prose word is not an identifier");
        assert!(!m.identifiers.contains_key("read_only"), "nor is an English compound");
        assert!(!m.identifiers.contains_key("best_effort"), "even at the start of a sentence");
        assert!(m.identifiers.contains_key("freshdocs"), "code words are");
    }

    #[test]
    fn string_escapes_end_a_token() {
        let tokens: Vec<&str> = raw_tokens(r#"Help: "Done.\nInvalid key,\tretry --max-wait""#).collect();
        assert_eq!(tokens, ["Help", "Done", "Invalid", "key", "retry", "--max-wait"], "{tokens:?}");
    }

    #[test]
    fn labels_are_quoted_or_emphasised_and_menu_paths_split() {
        let body = "Click **Export data**, then open *Settings › Billing* and press \"Save changes\".\n";
        let m = of_article(body, 1);
        let mut labels: Vec<&str> = m.labels.keys().map(String::as_str).collect();
        labels.sort();
        assert_eq!(labels, ["billing", "export data", "save changes", "settings"]);
    }

    #[test]
    fn paths_are_named_in_code_prose_and_links() {
        let body =
            "Edit `book.toml` or src/config.rs; see [the code](https://github.com/o/r/blob/main/src/cmd/build.rs).\n";
        let m = of_article(body, 1);
        let mut paths: Vec<&str> = m.paths.keys().map(String::as_str).collect();
        paths.sort();
        assert_eq!(paths, ["book.toml", "src/cmd/build.rs", "src/config.rs"]);
    }

    #[test]
    fn a_version_pinned_for_another_package_is_not_the_products() {
        let body = "Pin it: `curl https://example.com/tool/0.3.0/install.sh`, `rev: 0.4.1`.\n\n\
                    ```console\n$ uvx ruff@0.5.0 check\n$ echo \"ruff==0.6.0\" > requirements.txt\n```\n\n\
                    Needs ruff>=0.7.0 (not `ruff>0.1.0,<0.9.0`) or tool v0.8.0.\n";
        let m = of_article(body, 1);
        for version in ["0.3.0", "0.4.1", "0.8.0"] {
            assert!(m.identifiers.contains_key(version), "{version}: {:?}", m.identifiers);
        }
        for version in ["0.5.0", "0.6.0", "0.7.0", "0.1.0", "0.9.0"] {
            assert!(!m.identifiers.contains_key(version), "{version} is a dependency's");
        }
    }

    #[test]
    fn keys_join_the_spellings_of_one_identifier() {
        assert_eq!(keys("--base-url"), ["base_url"]);
        assert_eq!(keys("BASE_URL"), ["base_url"]);
        assert_eq!(
            keys("output.html.git-repository-url"),
            ["output.html.git_repository_url", "output", "git_repository_url"]
        );
    }
}
