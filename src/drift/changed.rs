//! What the changed lines of a product file say: their identifier keys (read with the same
//! tokenizer as the articles, see `mentions`) and the UI strings they hold, with locale and
//! message files, where a product keeps the words of its screens, told apart. How much each
//! counts is `Coupling::evidence`'s to decide.

use rustc_hash::FxHashMap as HashMap;

use super::mentions;

/// The identifier keys of a changed file's added, removed and context lines.
pub(super) struct FileKeys {
    pub(super) plus: HashMap<String, String>,
    pub(super) minus: HashMap<String, String>,
    pub(super) near: HashMap<String, String>,
}

/// The identifier keys of some lines, each with the spelling first seen.
pub(super) fn keys_of(lines: &[String]) -> HashMap<String, String> {
    let mut out = HashMap::default();
    // A token seen before added its keys then, with their spellings: a changed file repeats the
    // same names on line after line.
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for line in lines {
        for raw in mentions::raw_tokens(line).filter(|raw| seen.insert(raw)) {
            for key in mentions::keys(raw) {
                if let std::collections::hash_map::Entry::Vacant(slot) = out.entry(key) {
                    let shown = raw.split(['.', '/']).find(|p| mentions::key(p) == *slot.key()).unwrap_or(raw);
                    slot.insert(shown.to_string());
                }
            }
        }
    }
    out
}

/// The UI labels some lines hold, normalised, each with its text. Outside locale files only
/// strings of two words or more count: a one-word literal in code is rarely on a screen.
pub(super) fn labels_of(lines: &[String], locale: bool) -> HashMap<String, String> {
    let mut out = HashMap::default();
    // A string seen before gave its label then (a generated manual quotes the same ones often).
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for line in lines {
        for text in ui_strings(line, locale).into_iter().filter(|text| seen.insert(text)) {
            if let Some(label) = mentions::label(text)
                && (locale || label.contains(' '))
            {
                out.entry(label).or_insert_with(|| text.to_string());
            }
        }
    }
    out
}

/// Message and locale files, where a product keeps the words of its screens.
pub(super) fn is_locale_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    if matches!(ext, "po" | "pot" | "strings" | "stringsdict" | "arb" | "ftl" | "properties" | "resx" | "xliff" | "xlf")
    {
        return true;
    }
    if name == "strings.xml" {
        return true;
    }
    let in_locale_folder = path
        .split('/')
        .any(|c| matches!(c, "locales" | "locale" | "i18n" | "l10n" | "lang" | "langs" | "translations" | "messages"));
    let locale_stem = {
        let s = stem.as_bytes();
        (s.len() == 2 && s.iter().all(u8::is_ascii_lowercase))
            || (s.len() == 5 && s[..2].iter().all(u8::is_ascii_lowercase) && matches!(s[2], b'-' | b'_'))
    };
    matches!(ext, "json" | "yml" | "yaml" | "toml") && (in_locale_folder || locale_stem)
}

/// The strings of a changed line that a screen may show: quoted strings, and in a locale file
/// the value after `=` or `:` (`save = Save changes`, `msgstr "…"`, `<string …>Save</string>`).
fn ui_strings(line: &str, locale: bool) -> Vec<&str> {
    let mut out = mentions::quoted_strings(line);
    if locale {
        if let Some(start) = line.find('>')
            && let Some(end) = line[start..].find("</")
        {
            out.push(&line[start + 1..start + end]);
        }
        if out.is_empty()
            && let Some((_, value)) = line.split_once(['=', ':'])
        {
            out.push(value.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_files_are_known_by_their_names_and_folders() {
        for path in [
            "app/locales/en.json",
            "src/i18n/messages.yml",
            "po/de.po",
            "res/values/strings.xml",
            "l10n/app.ftl",
            "web/en-US.json",
        ] {
            assert!(is_locale_file(path), "{path}");
        }
        for path in ["src/config.json", "package.json", "src/lang.rs"] {
            assert!(!is_locale_file(path), "{path}");
        }
    }

    #[test]
    fn ui_strings_read_the_common_message_formats() {
        assert_eq!(ui_strings(r#"  "export": "Export data","#, true), ["export", "Export data"]);
        assert_eq!(ui_strings("save = Save changes", true), ["Save changes"]);
        assert_eq!(ui_strings(r#"<string name="save">Save changes</string>"#, true), ["save", "Save changes"]);
        assert_eq!(ui_strings("let x = 3;", false), Vec::<&str>::new());
    }
}
