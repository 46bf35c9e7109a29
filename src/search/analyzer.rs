//! The freshdocs analyzer: text in, index terms out, chosen by script rather than by declared language.
//!
//! One pipeline serves English, Persian and Hindi (and mislabelled or mixed content), because each
//! rule below only touches the characters of its own script:
//!
//! 1. UAX #29 word segmentation ([`unicode_segmentation`]); only segments with a letter or digit count.
//!    A run of words in a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) is
//!    cut again by ICU's dictionaries ([`word_ranges`]); a query's such runs are cut by the index's
//!    own terms instead ([`analyze_query`]).
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
//! The browser client (`themes/default/static/search.js`) implements the very same steps, except
//! the ICU cut of unspaced text, which only the index needs; the shared vectors in
//! `tests/fixtures/analyzer-vectors.json` pin both. Change one side, change the other and
//! the vectors. The stemmers are deliberately light (a dozen lines each side) so that the two
//! implementations can stay identical; tantivy's Snowball stemmer could not be reproduced in the
//! browser without shipping a second, much larger, implementation.
//!
//! This module owns analysis only: it knows nothing of fields, indexes or scoring.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Name under which the analyzer is registered with tantivy, used by the schema and every reader.
pub(crate) const ANALYZER: &str = "freshdocs";

/// Bumped whenever analysis changes, so an exported index and a stale browser client can tell.
pub(crate) const ANALYZER_VERSION: u32 = 4;

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// Analyzes `text` into the terms the index stores (and a query looks up), in order:
/// `Refunds for ग्राहक` gives `refund`, `for`, `ग्राहक`.
#[cfg(test)]
pub(crate) fn analyze(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_term(text, &mut segment_unspaced, |_, term| terms.push(term));
    terms
}

/// The terms of the query `text` grouped by the word they come from, in order: a word written
/// with a ZWNJ gives its joined form and its parts, a Persian plural its stem too. A query counts
/// each group as one word whose terms are alternatives: `ری‌اکت docs` gives `[ریاکت, ری, اکت]`,
/// `[doc]`.
///
/// A run of words in a script written without spaces is cut by the index's own terms, not by
/// the segmenter: `terms_with_initial(c)` lists the index terms that start with `c`, for every
/// `c` of [`unspaced_initials`] (see [`cut_by_terms`]). ICU4X (here) and the browser's ICU4C cut the same text differently (a
/// tenth of Japanese words), and a query cut otherwise than the index would find nothing; cut by
/// the index, it finds what the index holds, the same way in Rust and in `search.js`.
pub(crate) fn analyze_query<'t>(text: &str, terms_with_initial: impl Fn(char) -> &'t [String]) -> Vec<Vec<String>> {
    let mut words: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    let mut cut = |run: &str, last: bool| cut_by_terms(run, last, &terms_with_initial);
    for_each_term(text, &mut cut, |range, term| match words.last_mut() {
        Some((previous, terms)) if *previous == range => terms.push(term),
        _ => words.push((range, vec![term])),
    });
    words.into_iter().map(|(_, terms)| terms).collect()
}

/// The characters whose index terms [`analyze_query`] reads for `text`: the first character, in
/// NFKC, of every character of its unspaced runs (`search.js` fetches their term lists first,
/// `unspacedInitials`).
pub(crate) fn unspaced_initials(text: &str) -> BTreeSet<char> {
    let mut initials = BTreeSet::new();
    word_ranges(text, &mut |run, _| {
        initials.extend(run.chars().filter_map(|c| c.nfkc().next()));
        Vec::new()
    });
    initials
}

/// How a run of unspaced words is cut into words: `(run, whether it ends the text)` → the
/// words' byte ranges in the run.
type Cut<'a> = dyn FnMut(&str, bool) -> Vec<Range<usize>> + 'a;

/// Calls `emit(word byte range in text, term)` for every term of `text`.
fn for_each_term(text: &str, cut: &mut Cut<'_>, mut emit: impl FnMut(Range<usize>, String)) {
    // NFKC can turn one ligature into several words (U+FDFA); treat each as a word of its own.
    let words: Vec<(Range<usize>, String)> = word_ranges(text, cut)
        .into_iter()
        .flat_map(|range| {
            let normalized: String = text[range.clone()].nfkc().collect::<String>().to_lowercase();
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

/// ICU's word segmenter with its dictionaries for Japanese, Chinese, Thai, Lao, Khmer and
/// Burmese. Its LSTM models for the last four were measured too: on real Thai help articles they
/// found the article in the top 5 for 66 % of the queries, the dictionary for 79 %
/// (bench/search/RELEVANCE.md), though the dictionary cuts some phrases with ำ mid-syllable
/// (ทำตาม → ทำตา, ม).
static UNSPACED_SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// The words of `text` as byte ranges: UAX #29's, except in scripts written without spaces
/// between words. There UAX #29 gives every Han character and kana on its own, and a whole Thai
/// phrase as one word; a run of such words is cut by `cut` instead ([`segment_unspaced`] for
/// the index: `日本語の文書` gives `日本語`, `の`, `文書`).
fn word_ranges(text: &str, cut: &mut Cut<'_>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut words = text.unicode_word_indices().peekable();
    while let Some((start, word)) = words.next() {
        let mut end = start + word.len();
        if !is_unspaced(word) {
            out.push(start..end);
            continue;
        }
        while let Some(&(next, word)) = words.peek()
            && next == end
            && is_unspaced(word)
        {
            end += word.len();
            words.next();
        }
        let last = words.peek().is_none();
        out.extend(cut(&text[start..end], last).into_iter().map(|word| start + word.start..start + word.end));
    }
    out
}

/// The words of a run of unspaced text, as ICU cuts them.
fn segment_unspaced(run: &str, _last: bool) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut from = 0;
    for to in UNSPACED_SEGMENTER.segment_str(run) {
        if to > from && run[from..to].chars().any(char::is_alphanumeric) {
            words.push(from..to);
        }
        from = to;
    }
    words
}

/// A query's run of unspaced text cut by the index's terms: from the left, the longest index
/// term the rest of the run starts with; characters where no term starts stay together. In the
/// run that ends the query (the word being typed), a rest that begins an index term is kept
/// whole, to be matched as a prefix. The terms are in normal form, so the run is compared in NFKC, character by character
/// (Thai ำ is ํา there); a cut falls only between characters of the run as written. A run whose
/// NFKC is not that of its characters one by one (kana with a combining voicing mark) is cut by
/// ICU instead. `search.js` (`cutByTerms`) does the same.
fn cut_by_terms<'t>(run: &str, last: bool, terms_with_initial: &impl Fn(char) -> &'t [String]) -> Vec<Range<usize>> {
    // Each character of the run: (its byte offset in the run, its offset in `normal`).
    let mut normal = String::new();
    let mut offsets = Vec::new();
    for (at, c) in run.char_indices() {
        offsets.push((at, normal.len()));
        normal.extend(c.nfkc());
    }
    if normal != run.nfkc().collect::<String>() {
        return segment_unspaced(run, last);
    }
    offsets.push((run.len(), normal.len()));
    let end = offsets.len() - 1;
    // Where the word starting at character `i` ends (an index into `offsets`): after the longest
    // term the rest starts with, or, in the last run, at the end when the rest begins a term.
    let word_end = |i: usize| -> Option<usize> {
        let at = offsets[i].1;
        let rest = &normal[at..];
        let terms = terms_with_initial(rest.chars().next()?);
        if last && terms.iter().any(|term| term.len() > rest.len() && term.starts_with(rest)) {
            return Some(end);
        }
        let ends_at = |len: usize| offsets[i + 1..].iter().position(|&(_, n)| n == at + len).map(|k| i + 1 + k);
        terms.iter().filter(|term| rest.starts_with(term.as_str())).filter_map(|term| ends_at(term.len())).max()
    };
    let mut words = Vec::new();
    let mut i = 0;
    while i < end {
        let next = match word_end(i) {
            Some(next) => next,
            // No term starts here: the characters up to where one does make one word (typed
            // wrong, or not in the index), for typo tolerance to match.
            None => (i + 1..=end).find(|&j| j == end || word_end(j).is_some()).unwrap_or(end),
        };
        words.push(offsets[i].0..offsets[next].0);
        i = next;
    }
    words
}

/// Whether `word` is written in a script that does not put spaces between words.
fn is_unspaced(word: &str) -> bool {
    word.chars().all(is_unspaced_char)
}

pub(crate) fn is_unspaced_char(c: char) -> bool {
    matches!(c,
        // Han (with 々 〆 〇), hiragana, katakana (with ー and the half-width forms)
        '\u{3005}'..='\u{3007}' | '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}' | '\u{20000}'..='\u{323AF}'
        // Thai, Lao, Myanmar, Khmer
        | '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{A9E0}'..='\u{A9FF}'
        | '\u{AA60}'..='\u{AA7F}' | '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}'
        // variation selectors
        | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
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
    let persian_plural = || strip_ending(&folded, &PERSIAN_PLURALS).filter(|_| script == Script::Arabic);
    if let Some(stem) = persian_plural().or_else(|| strip_ending(&folded, &KOREAN_PARTICLES)) {
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

/// The endings of a Persian plural written without a ZWNJ (تابعهای → تابع), longest first.
/// Comparatives (تر, ترین) are left alone: too many words end in them (دختر, بستر).
const PERSIAN_PLURALS: [&str; 3] = ["هایی", "های", "ها"];

/// Korean particles that writers attach to the word before them (데이터를, 컴포넌트의) and readers
/// often leave off; longest first.
const KOREAN_PARTICLES: [&str; 14] =
    ["에서", "으로", "을", "를", "은", "는", "이", "가", "의", "에", "로", "와", "과", "도"];

/// The word without the first of `endings` it ends in, if two characters are left: so 결과, 정도
/// and 회의, whose last syllable only looks like a particle, keep theirs. The word is also
/// indexed whole, so nothing is lost where the guess is wrong.
fn strip_ending<'w>(word: &'w str, endings: &[&str]) -> Option<&'w str> {
    endings.iter().find_map(|ending| word.strip_suffix(ending)).filter(|stem| stem.chars().count() >= 2)
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
        for_each_term(text, &mut segment_unspaced, |range, term| {
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
        assert_eq!(analyze_query("ری\u{200c}اکت docs", |_| &[]), [vec!["ریاکت", "ری", "اکت"], vec!["doc"]]);
    }

    #[derive(serde::Deserialize)]
    struct Vector {
        input: String,
        /// With terms, the input is a query analysed against an index holding these terms.
        terms: Option<Vec<String>>,
        tokens: Vec<String>,
    }

    impl Vector {
        fn analyzed(&self) -> Vec<String> {
            match &self.terms {
                None => analyze(&self.input),
                Some(terms) => {
                    let by_initial = by_initial(terms);
                    analyze_query(&self.input, |c| by_initial.get(&c).map_or(&[], Vec::as_slice)).concat()
                }
            }
        }
    }

    /// An index's terms by first character, as `terms_with_initial` lists them.
    fn by_initial(terms: &[String]) -> std::collections::HashMap<char, Vec<String>> {
        let mut by_initial = std::collections::HashMap::<char, Vec<String>>::new();
        for term in terms {
            by_initial.entry(term.chars().next().expect("a term")).or_default().push(term.clone());
        }
        by_initial
    }

    /// The vectors shared with the browser client's tests.
    const VECTORS: &str = include_str!("../../tests/fixtures/analyzer-vectors.json");

    #[test]
    fn shared_vectors() {
        let vectors: Vec<Vector> = serde_json::from_str(VECTORS).expect("analyzer-vectors.json is valid");
        assert!(vectors.len() >= 20);
        let failures: Vec<String> = vectors
            .iter()
            .filter(|v| v.analyzed() != v.tokens)
            .map(|v| format!("{:?}: expected {:?}, got {:?}", v.input, v.tokens, v.analyzed()))
            .collect();
        assert!(failures.is_empty(), "{} vector(s) failed:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn unspaced_scripts_are_cut_into_words_by_icu() {
        assert_eq!(analyze("日本語の文書"), ["日本語", "の", "文書"]);
        assert_eq!(analyze("请选择付款方式"), ["请", "选择", "付款", "方式"]);
        assert_eq!(analyze("เมื่อต้องการยกเลิก"), ["เมื่อ", "ต้องการ", "ยกเลิก"]);
        // UAX #29 alone gave every character (ja, zh) or the whole phrase (th) as one word.
        assert_eq!(analyze("ボタンをクリック Refunds"), ["ボタン", "を", "クリック", "refund"]);
    }

    #[test]
    fn a_query_finds_what_the_index_cut_even_when_icu_cuts_it_otherwise() {
        // ICU4X cuts 从不同的中心 as 从不 同 的中 心 (longest words first); a reader's 不同 is a term
        // of other articles, and cut by the index's terms the query meets it.
        let index = by_initial(&["不同", "中心", "从", "的"].map(String::from));
        let query = analyze_query("从不同的中心", |c| index.get(&c).map_or(&[], Vec::as_slice));
        assert_eq!(query, [["从"], ["不同"], ["的"], ["中心"]]);
        assert_eq!(unspaced_initials("从不同 refunds ทำ"), BTreeSet::from(['从', '不', '同', 'ท', '\u{e4d}']));
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
