//! The freshdocs analyzer: text in, index terms out, chosen by script rather than by declared language.
//!
//! One pipeline serves English, Persian and Hindi (and mislabelled or mixed content), because each
//! rule below only touches the characters of its own script:
//!
//! 1. UAX #29 word segmentation ([`unicode_segmentation`]); only segments with a letter or digit count.
//! 2. Per word: NFKC, lower-case, then character folding:
//!    - Arabic script: ي ى → ی, ك → ک, ة ۀ → ه, the hamza forms أ إ → ا, ؤ → و, ئ → ی and ء
//!      removed (شیء = شئ), tatweel and harakat removed;
//!    - Devanagari: nukta removed (फ़ = फ), chandrabindu → anusvara (एँ = एं), ZWJ removed;
//!    - digits of every script we serve (۰-۹, ٠-٩, ०-९) → ASCII.
//! 3. Per word, by script: an Arabic-script word written with a ZWNJ is indexed joined (میشود) and
//!    as its parts (می, شود), and one written joined that ends in a plural suffix also as its
//!    stem (تابعهای → تابعهای, تابع); a Latin word gets a light English plural stemmer (refunds → refund);
//!    a Devanagari word gets Lucene's light Hindi stemmer (सेवाएं and सेवा both → सेव); anything else
//!    is kept as folded.
//! 4. Across words: a Persian prefix or suffix written with a space (می شود, شرکت ها) is also
//!    indexed joined (میشود, شرکتها), so that the three ways of writing such words all meet.
//!
//! UAX #29 keeps a ZWNJ inside the word (it is `Extend`), and keeps virama, nukta and vowel signs
//! inside Devanagari words, which is why ग्राहक stays one token here.
//!
//! The browser client (`themes/default/static/search.js`) implements the very same steps; the shared
//! vectors in `tests/fixtures/analyzer-vectors.json` pin both. Change one side, change the other and
//! the vectors. The stemmers are deliberately light (a dozen lines each side) so that the two
//! implementations can stay identical; tantivy's Snowball stemmer could not be reproduced in the
//! browser without shipping a second, much larger, implementation.
//!
//! This module owns analysis only: it knows nothing of fields, indexes or scoring.

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Name under which the analyzer is registered with tantivy, used by the schema and every reader.
pub(crate) const ANALYZER: &str = "freshdocs";

/// Bumped whenever analysis changes, so an exported index and a stale browser client can tell.
pub(crate) const ANALYZER_VERSION: u32 = 2;

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// Analyzes `text` into the terms the index stores (and a query looks up), in order:
/// `Refunds for ग्राहक` gives `refund`, `for`, `ग्राहक`.
#[cfg(test)]
pub(crate) fn analyze(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_term(text, |_, term| terms.push(term));
    terms
}

/// The terms of `text` grouped by the word they come from, in order: a word written with a ZWNJ
/// gives its joined form and its parts, a Persian plural its stem too. A query counts each group
/// as one word whose terms are alternatives: `ری‌اکت docs` gives `[ریاکت, ری, اکت]`, `[doc]`.
pub(crate) fn analyze_words(text: &str) -> Vec<Vec<String>> {
    let mut words: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    for_each_term(text, |range, term| match words.last_mut() {
        Some((last, terms)) if *last == range => terms.push(term),
        _ => words.push((range, vec![term])),
    });
    words.into_iter().map(|(_, terms)| terms).collect()
}

/// Calls `emit(word byte range in text, term)` for every term of `text`.
fn for_each_term(text: &str, mut emit: impl FnMut(Range<usize>, String)) {
    // NFKC can turn one ligature into several words (U+FDFA); treat each as a word of its own.
    let words: Vec<(Range<usize>, String)> = text
        .unicode_word_indices()
        .flat_map(|(start, word)| {
            let normalized: String = word.nfkc().collect::<String>().to_lowercase();
            let range = start..start + word.len();
            normalized
                .split(' ')
                .filter(|piece| !piece.is_empty())
                .map(|piece| (range.clone(), piece.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    for (i, (range, word)) in words.iter().enumerate() {
        analyze_word(word, |term| emit(range.clone(), term));
        if let Some((next_range, next)) = words.get(i + 1)
            && range.end < next_range.start
            && text[range.end..next_range.start].bytes().all(|b| b == b' ')
            && let Some(joined) = join_persian(word, next)
        {
            emit(range.start..next_range.end, joined);
        }
    }
}

/// Persian verb prefixes that writers separate from the verb with a space, a ZWNJ or nothing.
const PERSIAN_PREFIXES: [&str; 2] = ["می", "نمی"];

/// Persian suffixes (plural, comparative) that writers separate with a space, a ZWNJ or nothing.
const PERSIAN_SUFFIXES: [&str; 5] = ["ها", "های", "هایی", "تر", "ترین"];

/// `می شود` and `شرکت ها`, written with a space, are also indexed joined (`میشود`, `شرکتها`),
/// as if written with a ZWNJ, so that all three ways of writing them meet.
fn join_persian(word: &str, next: &str) -> Option<String> {
    let (word, next) = (fold(word), fold(next));
    let simple = |w: &str| Script::of(w) == Script::Arabic && !w.contains(ZWNJ);
    (simple(&word)
        && simple(&next)
        && (PERSIAN_PREFIXES.contains(&word.as_str()) || PERSIAN_SUFFIXES.contains(&next.as_str())))
    .then(|| word + &next)
}

/// The per-word half of the pipeline: folding, ZWNJ handling and stemming.
fn analyze_word(word: &str, mut emit: impl FnMut(String)) {
    let folded = fold(word);
    let script = Script::of(&folded);
    let parts: Vec<&str> = folded.split(ZWNJ).filter(|part| !part.is_empty()).collect();
    if script == Script::Arabic && parts.len() > 1 {
        emit(parts.concat());
        for part in parts {
            emit(part.to_string());
        }
        return;
    }
    let folded = parts.concat();
    if folded.is_empty() {
        return;
    }
    if script == Script::Arabic
        && let Some(stem) = strip_persian_plural(&folded)
    {
        emit(folded.clone());
        emit(stem.to_string());
        return;
    }
    emit(match script {
        Script::Latin => stem_english(&folded),
        Script::Devanagari => stem_hindi(&folded),
        Script::Arabic | Script::Other => folded,
    });
}

/// The stem of a Persian plural written without a ZWNJ (تابعهای → تابع), keeping two letters at
/// least. Comparatives (تر, ترین) are left alone: too many words end in them (دختر, بستر).
fn strip_persian_plural(word: &str) -> Option<&str> {
    ["هایی", "های", "ها"].iter().find_map(|suffix| word.strip_suffix(suffix)).filter(|stem| stem.chars().count() >= 2)
}

/// Character-level folding, safe to apply to any script.
fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            // Arabic letter variants typed on Arabic keyboards → Persian letters.
            'ي' | 'ى' => out.push('ی'),
            'ك' => out.push('ک'),
            'ة' | 'ۀ' | 'ە' => out.push('ه'),
            // hamza forms, written or not by habit: شیء = شئ (→ شی), مسئول → مسیول
            'أ' | 'إ' => out.push('ا'),
            'ؤ' => out.push('و'),
            'ئ' => out.push('ی'),
            'ء' => {}
            // hamza above, left over by NFKC on ۀ written as ه + ٔ
            '\u{0654}' if out.ends_with('ه') => {}
            // tatweel, harakat (fathatan … sukun, maddah, hamza marks), superscript alef
            '\u{0640}' | '\u{064B}'..='\u{0652}' | '\u{0670}' => {}
            // Devanagari nukta (NFKC already decomposed क़ … य़), chandrabindu → anusvara
            '\u{093C}' => {}
            'ऩ' => out.push('न'),
            'ऱ' => out.push('र'),
            'ऴ' => out.push('ळ'),
            '\u{0901}' => out.push('\u{0902}'),
            ZWJ => {}
            '۰'..='۹' => out.push(ascii_digit(c, '۰')),
            '٠'..='٩' => out.push(ascii_digit(c, '٠')),
            '०'..='९' => out.push(ascii_digit(c, '०')),
            _ => out.push(c),
        }
    }
    out
}

fn ascii_digit(c: char, zero: char) -> char {
    char::from(b'0' + (c as u32 - zero as u32) as u8)
}

/// The script that decides which per-word rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Only ASCII letters, digits and apostrophes, with at least one letter.
    Latin,
    /// Contains an Arabic-script letter.
    Arabic,
    /// Contains a Devanagari letter and nothing from Arabic script.
    Devanagari,
    Other,
}

impl Script {
    fn of(word: &str) -> Script {
        if word.chars().any(is_arabic) {
            Script::Arabic
        } else if word.chars().any(is_devanagari) {
            Script::Devanagari
        } else if word.chars().any(|c| c.is_ascii_alphabetic())
            && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '\'' || c == '’')
        {
            Script::Latin
        } else {
            Script::Other
        }
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

fn is_devanagari(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}')
}

/// A light English stemmer: possessive `'s`, then plurals (Lucene's `EnglishMinimalStemmer`).
///
/// refunds → refund, queries → query, articles → article; status, class, goes stay.
fn stem_english(word: &str) -> String {
    let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
    let b = word.as_bytes();
    let n = b.len();
    if !word.is_ascii() || n < 3 || b[n - 1] != b's' {
        return word.to_string();
    }
    match b[n - 2] {
        b'u' | b's' => word.to_string(),
        b'e' => {
            if n > 3 && b[n - 3] == b'i' && b[n - 4] != b'a' && b[n - 4] != b'e' {
                format!("{}y", &word[..n - 3])
            } else if matches!(b[n - 3], b'i' | b'a' | b'o' | b'e') {
                word.to_string()
            } else {
                word[..n - 1].to_string()
            }
        }
        _ => word[..n - 1].to_string(),
    }
}

/// Hindi suffixes by length, from Lucene's `HindiStemmer` (Ramanathan & Rao, "A Lightweight
/// Stemmer for Hindi"), already folded the way [`fold`] folds (ँ → ं).
const HINDI_SUFFIXES: [&[&str]; 5] = [
    &["ाएंगी", "ाएंगे", "ाऊंगी", "ाऊंगा", "ाइयां", "ाइयों"],
    &[
        "ाएगी",
        "ाएगा",
        "ाओगी",
        "ाओगे",
        "एंगी",
        "ेंगी",
        "एंगे",
        "ेंगे",
        "ूंगी",
        "ूंगा",
        "ातीं",
        "नाओं",
        "नाएं",
        "ताओं",
        "ताएं",
        "ियां",
        "ियों",
    ],
    &[
        "ाकर",
        "ाइए",
        "ाईं",
        "ाया",
        "ेगी",
        "ेगा",
        "ोगी",
        "ोगे",
        "ाने",
        "ाना",
        "ाते",
        "ाती",
        "ाता",
        "तीं",
        "ाओं",
        "ाएं",
        "ुओं",
        "ुएं",
        "ुआं",
    ],
    &["कर", "ाओ", "िए", "ाई", "ाए", "ने", "नी", "ना", "ते", "ीं", "ती", "ता", "ां", "ों", "ें"],
    &["ो", "े", "ू", "ु", "ी", "ि", "ा"],
];

/// Strips the longest listed Hindi suffix, keeping at least two characters of stem.
///
/// सेवाएं → सेव, सेवा → सेव, ग्राहकों → ग्राहक, ग्राहक → ग्राहक.
fn stem_hindi(word: &str) -> String {
    let len = word.chars().count();
    for (i, suffixes) in HINDI_SUFFIXES.iter().enumerate() {
        let suffix_len = 5 - i;
        if len > suffix_len + 1
            && let Some(stem) = suffixes.iter().find_map(|s| word.strip_suffix(s))
        {
            return stem.to_string();
        }
    }
    word.to_string()
}

/// The analyzer as a tantivy [`Tokenizer`]; register it with [`register`].
#[derive(Debug, Clone, Default)]
pub(crate) struct FreshdocsTokenizer {
    tokens: Vec<Token>,
}

/// The token stream of [`FreshdocsTokenizer`]: tokens are computed up front, then replayed.
pub(crate) struct FreshdocsTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for FreshdocsTokenizer {
    type TokenStream<'a> = FreshdocsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FreshdocsTokenStream<'a> {
        self.tokens.clear();
        let mut position = 0;
        let mut last_range = None;
        for_each_term(text, |range, term| {
            // The parts of a ZWNJ word share the joined word's position and offsets.
            if last_range.as_ref().is_some_and(|last| *last != range) {
                position += 1;
            }
            self.tokens.push(Token {
                offset_from: range.start,
                offset_to: range.end,
                position,
                text: term,
                position_length: 1,
            });
            last_range = Some(range);
        });
        FreshdocsTokenStream { tokens: &mut self.tokens, next: 0 }
    }
}

impl TokenStream for FreshdocsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Registers the analyzer under [`ANALYZER`] on `index`; call before writing or reading.
pub(crate) fn register(index: &tantivy::Index) {
    index.tokenizers().register(ANALYZER, FreshdocsTokenizer::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_in_order_and_grouped_by_word() {
        assert_eq!(analyze("Refunds for ग्राहक"), ["refund", "for", "ग्राहक"]);
        assert_eq!(analyze_words("ری\u{200c}اکت docs"), [vec!["ریاکت", "ری", "اکت"], vec!["doc"]]);
    }

    #[derive(serde::Deserialize)]
    struct Vector {
        input: String,
        tokens: Vec<String>,
    }

    /// The vectors shared with the browser client's tests.
    const VECTORS: &str = include_str!("../../tests/fixtures/analyzer-vectors.json");

    #[test]
    fn shared_vectors() {
        let vectors: Vec<Vector> = serde_json::from_str(VECTORS).expect("analyzer-vectors.json is valid");
        assert!(vectors.len() >= 20);
        let failures: Vec<String> = vectors
            .iter()
            .filter(|v| analyze(&v.input) != v.tokens)
            .map(|v| format!("{:?}: expected {:?}, got {:?}", v.input, v.tokens, analyze(&v.input)))
            .collect();
        assert!(failures.is_empty(), "{} vector(s) failed:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn equivalent_spellings_meet() {
        let same = [
            ("ग्राहकों", "ग्राहक"),
            ("सेवाएं", "सेवा"),
            ("सेवाएँ", "सेवाएं"),
            ("\u{095E}ाइल", "फाइल"),
            ("फ\u{093C}ाइल", "फाइल"),
            ("كتاب", "کتاب"),
            ("ي", "ی"),
            ("مدرسة", "مدرسه"),
            ("خانۀ", "خانه"),
            ("كِتـــاب", "کتاب"),
            ("۱۲۳", "123"),
            ("١٢٣", "123"),
            ("१२३", "123"),
            ("Refunds", "refund"),
        ];
        for (a, b) in same {
            assert_eq!(analyze(a), analyze(b), "{a} vs {b}");
        }
    }

    #[test]
    fn zwnj_word_is_indexed_joined_and_split() {
        assert_eq!(analyze("می\u{200C}شود"), ["میشود", "می", "شود"]);
        assert_eq!(analyze("میشود"), ["میشود"]);
        assert_eq!(analyze("می شود"), ["می", "میشود", "شود"]);
        assert_eq!(analyze("شرکت ها"), ["شرکت", "شرکتها", "ها"]);
        assert_eq!(analyze("می. شود"), ["می", "شود"]);
    }

    #[test]
    fn tokenizer_offsets_point_at_the_original_word() {
        let text = "Pay می\u{200C}شود now";
        let mut tokenizer = FreshdocsTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((token.text.clone(), &text[token.offset_from..token.offset_to], token.position));
        }
        assert_eq!(
            seen,
            [
                ("pay".to_string(), "Pay", 0),
                ("میشود".to_string(), "می\u{200C}شود", 1),
                ("می".to_string(), "می\u{200C}شود", 1),
                ("شود".to_string(), "می\u{200C}شود", 1),
                ("now".to_string(), "now", 2),
            ]
        );
    }

    #[test]
    fn english_stemmer_is_conservative() {
        for (word, stem) in [("queries", "query"), ("articles", "article"), ("status", "status"), ("class", "class")] {
            assert_eq!(stem_english(word), stem);
        }
    }
}
