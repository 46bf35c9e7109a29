//! CODEOWNERS (`history::CodeOwners`): any file is read without a panic, and for literal
//! patterns the owners are those of the last matching rule, by the gitignore-style rules GitHub
//! documents, checked against a model written from those rules.

use std::path::PathBuf;

use proptest::prelude::*;

use super::{config, text_of};
use crate::history::CodeOwners;

const PIECES: &[&str] = &[
    "*",
    "**",
    "/",
    "\\ ",
    "\\",
    "#",
    "!",
    "[",
    "]",
    "^[",
    "{",
    "}",
    "?",
    " ",
    "\t",
    "\n",
    "\r\n",
    "@team",
    "a@b.c",
    "docs",
    "docs/",
    "/docs",
    "docs/*",
    "*.md",
    "[Docs]",
    "[Docs][2]",
    "[abc].md",
    "a b",
    "é",
    "ग्",
    "\u{0}",
];

/// A name with no glob syntax, as a folder or file of a repository.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(&["docs", "a", "b", "README.md", "x.md", "a b", "é", "ग्राहक", ".github"][..])
            .prop_map(str::to_string),
        "[a-z0-9_][a-z0-9._-]{0,5}",
    ]
}

#[derive(Debug, Clone)]
enum Pattern {
    /// `*`: every file.
    Everything,
    /// `/`: the whole repository.
    Root,
    /// `name`: a file or folder of that name at any depth.
    Name(String),
    /// `name/`: a folder of that name at any depth.
    Folder(String),
    /// `/a` or `a/b`: that path from the root, and everything below it.
    Anchored(Vec<String>),
    /// `a/*`: the files directly in `a`.
    FilesIn(Vec<String>),
}

impl Pattern {
    fn written(&self) -> String {
        let escape = |n: &String| n.replace(' ', "\\ ");
        let path = |p: &[String]| p.iter().map(escape).collect::<Vec<_>>().join("/");
        match self {
            Pattern::Everything => "*".into(),
            Pattern::Root => "/".into(),
            Pattern::Name(n) => escape(n),
            Pattern::Folder(n) => format!("{}/", escape(n)),
            Pattern::Anchored(p) if p.len() == 1 => format!("/{}", path(p)),
            Pattern::Anchored(p) => path(p),
            Pattern::FilesIn(p) => format!("{}/*", path(p)),
        }
    }

    /// The model: whether the rule covers the file at `path`.
    fn covers(&self, path: &[String]) -> bool {
        let folders = &path[..path.len() - 1];
        match self {
            Pattern::Everything | Pattern::Root => true,
            Pattern::Name(n) => path.contains(n),
            Pattern::Folder(n) => folders.contains(n),
            Pattern::Anchored(p) => path.starts_with(p),
            Pattern::FilesIn(p) => folders == p.as_slice(),
        }
    }
}

fn pattern() -> impl Strategy<Value = Pattern> {
    let path = || proptest::collection::vec(name(), 1..3);
    prop_oneof![
        Just(Pattern::Everything),
        Just(Pattern::Root),
        name().prop_map(Pattern::Name),
        name().prop_map(Pattern::Folder),
        path().prop_map(Pattern::Anchored),
        path().prop_map(Pattern::FilesIn),
    ]
}

#[derive(Debug, Clone)]
enum Line {
    Rule(Pattern, Vec<String>),
    /// A GitLab section and its default owners.
    Section(Vec<String>),
    Comment,
    Blank,
}

fn owners() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("@[a-z]{1,3}(/[a-z]{1,3})?|[a-z]{1,3}@x\\.org", 0..3)
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        6 => (pattern(), owners()).prop_map(|(p, o)| Line::Rule(p, o)),
        1 => owners().prop_map(Line::Section),
        1 => Just(Line::Comment),
        1 => Just(Line::Blank),
    ]
}

/// The model's answer: the owners of the last rule that covers `path` (a rule without owners
/// takes its section's).
fn expected(lines: &[Line], path: &[String]) -> Vec<String> {
    let mut section = Vec::new();
    let mut found = Vec::new();
    for line in lines {
        match line {
            Line::Section(owners) => section.clone_from(owners),
            Line::Rule(pattern, owners) if pattern.covers(path) => {
                found = if owners.is_empty() { section.clone() } else { owners.clone() };
            }
            _ => {}
        }
    }
    found
}

fn written(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|line| match line {
            Line::Rule(pattern, owners) => format!("{} {}  # why\n", pattern.written(), owners.join(" ")),
            Line::Section(owners) => format!("[Section] {}\n", owners.join(" ")),
            Line::Comment => "# a comment\n".to_string(),
            Line::Blank => "\n".to_string(),
        })
        .collect()
}

proptest! {
    #![proptest_config(config(1))]

    /// Any text is a CODEOWNERS file with some rules and some skipped lines; any path asks.
    #[test]
    fn any_file_is_read(text in text_of(PIECES, 30), path in text_of(PIECES, 6)) {
        let owners = CodeOwners::parse(PathBuf::from("CODEOWNERS"), &text);
        let _ = owners.owners_of(&path);
        for (line, _) in &owners.skipped {
            prop_assert!(*line >= 1 && *line <= text.lines().count());
        }
    }

    /// Literal patterns (`*`, `/`, `name`, `name/`, `/a`, `a/b`, `a/*`), comments, sections:
    /// the owners of the last rule that covers the path.
    #[test]
    fn the_last_matching_rule_wins(
        lines in proptest::collection::vec(line(), 0..8),
        path in proptest::collection::vec(name(), 1..4),
        leading_slash in any::<bool>(),
    ) {
        let text = written(&lines);
        let owners = CodeOwners::parse(PathBuf::from("CODEOWNERS"), &text);
        prop_assert!(owners.skipped.is_empty(), "skipped {:?}", owners.skipped);
        let asked = format!("{}{}", if leading_slash { "/" } else { "" }, path.join("/"));
        prop_assert_eq!(owners.owners_of(&asked), expected(&lines, &path), "{}\n{}", asked, text);
    }
}
