//! `review`'s edit (`review::apply`): the file stays byte for byte except one front-matter line
//! (or a new front matter of three), and reads back with the mark set and nothing else changed.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{config, text_of, with_line_ends};
use crate::content::front_matter::{FrontMatter, parse};
use crate::content::normalize_text;
use crate::review::{Mark, apply};

const PIECES: &[&str] = &[
    "---\n",
    "+++\n",
    "...\n",
    "\n",
    "\r\n",
    "title: A\n",
    "title = \"A\"\n",
    "reviewed: 2025-01-01\n",
    "reviewed = 2025-01-01\n",
    "reviewed: 2025-01-01 # by Sara\n",
    "reviewed_for: v1\n",
    "reviewed_for = \"v1\"\n",
    "  reviewed: nested\n",
    "extra:\n",
    "# comment\n",
    "Intro after a rule.\n",
    "tags: [a, b]\n",
    "reviewed:\n",
    "\u{feff}",
    " ",
    "#",
    ":",
    "=",
    "\"",
    "'",
    "Body",
    "ग्राहक",
    "\t",
];

/// Front matter lines `review` may meet, each a valid line of YAML (`yaml`) or TOML.
fn front_lines(yaml: bool) -> impl Strategy<Value = Vec<String>> {
    let lines: &'static [&'static str] = if yaml {
        &[
            "title: 'Quoted: yes'",
            "# a comment",
            "tags: [b, a]",
            "order: 2",
            "reviewed: 2025-01-01",
            "reviewed: 2025-01-01   # by Sara",
            "reviewed_for: v1",
            "reviewed_for: \"v 1\" # quoted",
            "extra:\n  reviewed: old",
            "description: >\n  Folded\n  text",
            "reviewed_for_x: 3",
            "\"reviewed\": 2025-01-01",
            "Reviewed: 2025-01-01",
            "reviewed : 2025-01-01",
            "",
        ]
    } else {
        &[
            "title = \"A\"",
            "# a comment",
            "tags = [\"b\", \"a\"]",
            "reviewed = 2025-01-01",
            "reviewed = 2025-01-01 # by Sara",
            "reviewed_for = \"v1\"",
            "\"reviewed\" = 2025-01-01",
            "reviewed_for_x = 3",
            "",
        ]
    };
    proptest::collection::vec(proptest::sample::select(lines).prop_map(str::to_string), 0..6)
}

fn mark() -> impl Strategy<Value = Mark> {
    let release = prop_oneof![
        proptest::sample::select(
            &["v3.2", "3.2", "2024", "1.0.0", "true", "null", "0x10", "0o7", "yes", "~", "-1", ".5"][..]
        )
        .prop_map(str::to_string),
        "[ -~]{1,12}",
        any::<String>(),
        // A name given to `--for` outside a repository is not checked against tags.
        "[a-z\\\\\"'#:\t\n\r\u{0}\u{7f}\u{85}\u{2028}]{1,6}",
    ];
    prop_oneof![
        (1i32..=9999, 1u32..=366)
            .prop_filter_map("a day", |(y, d)| NaiveDate::from_yo_opt(y, d))
            .prop_map(Mark::Reviewed),
        release.prop_map(Mark::ReviewedFor),
    ]
}

/// A file with front matter (YAML or TOML, maybe with a repeated key), a BOM, CRLF, any body.
fn file() -> impl Strategy<Value = String> {
    (any::<bool>(), any::<bool>(), any::<bool>(), text_of(PIECES, 16)).prop_flat_map(|(yaml, bom, crlf, body)| {
        front_lines(yaml).prop_map(move |lines| {
            let fence = if yaml { "---" } else { "+++" };
            let front: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let text = format!("{fence}\n{front}{fence}\n{body}");
            format!("{}{}", if bom { "\u{feff}" } else { "" }, with_line_ends(&text, crlf))
        })
    })
}

/// Any text, with or without something like front matter.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![file(), text_of(PIECES, 30)]
}

/// The front matter less what `review` sets, and less positions.
fn unmarked(front: &FrontMatter) -> FrontMatter {
    FrontMatter { reviewed: None, reviewed_for: None, key_lines: Vec::new(), ..front.clone() }
}

fn strip_bom(text: &str) -> (bool, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest),
        None => (false, text),
    }
}

proptest! {
    #![proptest_config(config(1))]

    /// The new text is the old one with one line replaced, one line inserted, or (without front
    /// matter) three lines put before it; the new line is the mark.
    #[test]
    fn only_one_line_changes(text in any_text(), mark in mark()) {
        let Ok(new) = apply(Path::new("a.md"), &text, &mark) else {
            return Ok(());
        };
        // A BOM stays first, before whatever is added.
        let (old_bom, old_text) = strip_bom(&text);
        let (new_bom, new_text) = strip_bom(&new);
        prop_assert_eq!(old_bom, new_bom);
        let old: Vec<&str> = old_text.split_inclusive('\n').collect();
        let new_lines: Vec<&str> = new_text.split_inclusive('\n').collect();
        let head = old.iter().zip(&new_lines).take_while(|(a, b)| a == b).count();
        let tail = old[head..].iter().rev().zip(new_lines[head..].iter().rev()).take_while(|(a, b)| a == b).count();
        let removed = old.len() - head - tail;
        let added = &new_lines[head..new_lines.len() - tail];
        let key = match mark { Mark::Reviewed(_) => "reviewed", Mark::ReviewedFor(_) => "reviewed_for" };
        match (removed, added.len()) {
            // The mark was already there, as it would be written.
            (0, 0) => {}
            // A lone `\r` ends a YAML line too: the mark may follow one on the changed line.
            (_, 1) => {
                let marked = added[0].split('\r').any(|piece| piece.trim_start().starts_with(key));
                prop_assert!(marked, "changed {:?}", added);
                // Beyond the key's line, only the indented lines its old value went on over.
                let continued = &old[head..head + removed];
                prop_assert!(continued.iter().skip(1).all(|l| l.starts_with([' ', '\t'])), "removed {:?}", continued);
            }
            (0, 3) => {
                // A new front matter; the diff may see it anywhere against a `---` of the text.
                let fences = added.iter().filter(|l| l.trim_end() == "---").count();
                let marks = added.iter().filter(|l| l.starts_with(key)).count();
                prop_assert!(fences == 2 && marks == 1, "added {:?}", added);
            }
            _ => prop_assert!(false, "{} lines removed, {:?} added", removed, added),
        }
    }

    /// Whatever `parse` read before, it reads after, with the mark set and the body unchanged.
    #[test]
    fn the_mark_reads_back_and_nothing_else_changes(text in any_text(), mark in mark()) {
        // serde_yaml_ng reads a U+FEFF inside YAML as the start of another document once a
        // second key follows it (`\u{feff}a: 1\nb: 2` fails): a limit of the YAML reader, not
        // of the edit. Only a BOM at the start of the file is kept.
        let (bom, rest) = strip_bom(&text);
        let text = format!("{}{}", if bom { "\u{feff}" } else { "" }, rest.replace('\u{feff}', ""));
        let before = normalize_text(&text);
        let Ok(old) = parse(Path::new("a.md"), &before) else {
            return Ok(());
        };
        let new = apply(Path::new("a.md"), &text, &mark).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let after = normalize_text(&new);
        let doc = parse(Path::new("a.md"), &after)
            .map_err(|e| TestCaseError::fail(format!("{e:?} after review of {text:?}:\n{new}")))?;
        prop_assert_eq!(doc.body, old.body);
        prop_assert_eq!(unmarked(&doc.front), unmarked(&old.front));
        match &mark {
            Mark::Reviewed(date) => prop_assert_eq!(doc.front.reviewed, Some(*date)),
            Mark::ReviewedFor(release) => prop_assert_eq!(doc.front.reviewed_for.as_deref(), Some(release.as_str())),
        }
        if !old.has_front_matter {
            let unchanged = text.strip_prefix('\u{feff}').unwrap_or(&text);
            prop_assert!(new.ends_with(unchanged), "{:?} is not kept at the end", unchanged);
        }
    }
}
