//! Slugs: the URL-safe form of file names and headings.
//!
//! Letters and digits of every script are kept (a Persian or Hindi file name gives a Persian or
//! Hindi URL, which browsers show as typed); combining marks are kept too, since a Devanagari
//! word without its vowel signs and viramas is a different word. Everything else becomes `-`.

use unicode_normalization::UnicodeNormalization;

/// `"Refunds & Returns (2024)"` → `"refunds-returns-2024"`; `"راهنمای شروع"` → `"راهنمای-شروع"`.
/// Returns an empty string when nothing usable is left (the caller picks a fallback).
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfc() {
        // `clang++` and `clang` are different pages: spell the plus rather than drop it.
        if c == '+' {
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str("plus");
            pending_dash = true;
            continue;
        }
        // ZWNJ is part of how a Persian word is spelled, but invisible in a URL bar and easy to
        // mistype in a link: drop it rather than turn it into a dash. Dropped before the dash
        // logic, so that after a space it neither leaves a trailing `-` nor doubles one.
        if c == '\u{200C}' {
            continue;
        }
        if c.is_alphanumeric() || is_mark(c) || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    // Lower-casing can undo NFC (`İ` becomes `i` and a combining dot, which must then sort
    // after a virama): normalise again, so that a slug is its own slug.
    if slug.is_ascii() { slug } else { slug.nfc().collect() }
}

/// Combining marks that are not alphabetic themselves (viramas, nuktas, Arabic vowel marks,
/// Latin diacritics in decomposed text). `char` has no general-category API in std, and
/// `is_alphanumeric` already covers the marks Unicode calls alphabetic (most vowel signs).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F          // combining diacritical marks
        | 0x0483..=0x0489        // Cyrillic
        | 0x0591..=0x05C7        // Hebrew points
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED // Arabic
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963 // Devanagari
        | 0x0981..=0x0983 | 0x09BC..=0x09D7 // Bengali
        | 0x0A01..=0x0A03 | 0x0A3C..=0x0A51 // Gurmukhi
        | 0x0A81..=0x0A83 | 0x0ABC..=0x0ACD // Gujarati
        | 0x0B01..=0x0B03 | 0x0B3C..=0x0B57 // Oriya
        | 0x0B82 | 0x0BBE..=0x0BD7          // Tamil
        | 0x0C00..=0x0C04 | 0x0C3C..=0x0C56 // Telugu
        | 0x0C81..=0x0C83 | 0x0CBC..=0x0CD6 // Kannada
        | 0x0D00..=0x0D03 | 0x0D3B..=0x0D57 // Malayalam
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E // Thai
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

/// A file or folder name as a URL segment: slugified; a name of punctuation alone (tldr has
/// `!.md`, `$.md`, `((.md`) is spelled by its code points (`u21`, `u24`, `u28-u28`) so that each
/// gets its own URL; `fallback` only for an empty name.
pub(crate) fn segment(name: &str, fallback: &str) -> String {
    let slug = slugify(name);
    if !slug.is_empty() {
        return slug;
    }
    let spelled: Vec<String> = name.trim().chars().map(|c| format!("u{:x}", c as u32)).collect();
    if spelled.is_empty() { fallback.to_string() } else { spelled.join("-") }
}

/// Percent-encodes what may not appear raw in an `href` (spaces, quotes, `%`, `#`, `?` in file
/// names); non-ASCII letters stay readable, as browsers accept them.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Decodes `%XX` escapes of a link target; leaves malformed escapes as they are.
pub(crate) fn decode_percent(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("Refunds & Returns (2024)", "refunds-returns-2024"),
            ("  Getting   Started  ", "getting-started"),
            ("what's new?", "what-s-new"),
            ("C++ [beta] + more", "c-plus-plus-beta-plus-more"),
            ("clang++", "clang-plus-plus"),
            ("snake_case_name", "snake_case_name"),
            ("راهنمای شروع", "راهنمای-شروع"),
            ("می‌شود", "میشود"),
            ("ग्राहक सेवा", "ग्राहक-सेवा"),
            ("फ़ाइल", "फ़ाइल"),
            ("ÉTÉ Ünïcode", "été-ünïcode"),
            ("!!!", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    /// Found by `proptests::slugs`: a ZWNJ after a space gave `refunds-` and `a--b`.
    #[test]
    fn zwnj_after_a_space_leaves_no_stray_dash() {
        assert_eq!(slugify("Refunds \u{200C}"), "refunds");
        assert_eq!(slugify("a \u{200C} b"), "a-b");
        assert_eq!(slugify("a \u{200C}b"), "a-b");
        assert_eq!(slugify("می\u{200C}شود"), "میشود");
    }

    /// Found by `proptests::slugs`: `İ` lower-cases to two code points that were left out of
    /// canonical order, so the slug of a slug differed from it.
    #[test]
    fn lower_casing_keeps_slugs_normalized() {
        let slug = slugify("İ\u{94d}");
        assert_eq!(slug, "i\u{94d}\u{307}");
        assert_eq!(slugify(&slug), slug);
    }

    #[test]
    fn hindi_vowel_signs_and_virama_are_kept() {
        // क + ् + ष: dropping the virama would give a different word.
        assert_eq!(slugify("क्षमा"), "क्षमा");
        assert_eq!(slugify("सेवाएं"), "सेवाएं");
    }

    #[test]
    fn punctuation_names_get_distinct_segments() {
        assert_eq!(segment("!", "page"), "u21");
        assert_eq!(segment("((", "page"), "u28-u28");
        assert_ne!(segment("$", "page"), segment("%", "page"));
        assert_eq!(segment("Refunds", "page"), "refunds");
        assert_eq!(segment("", "page"), "page");
    }

    #[test]
    fn percent_round_trip() {
        assert_eq!(encode_path("/a b/c#d.png"), "/a%20b/c%23d.png");
        assert_eq!(decode_percent("/a%20b/c%23d.png"), "/a b/c#d.png");
        assert_eq!(decode_percent("100%"), "100%");
        assert_eq!(decode_percent("%E0%A4%97"), "ग");
    }
}
