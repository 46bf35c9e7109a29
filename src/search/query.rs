//! Queries: expanding the query words into index terms, BM25 ranking, snippets, related articles.
//!
//! The ranking arithmetic here is mirrored line for line by `themes/default/static/search.js`
//! (see the module docs of [`super`]); keep the two in step. `plan` (query words → index terms)
//! and `rank` (BM25) read the same statistics the export writes.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value as _};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::tokenizer::TokenStream as _;

use super::analyzer::{FreshdocsTokenizer, analyze_query, unspaced_initials};
use super::index::IndexView;
use super::{B, FIELD_WEIGHTS, FIELDS, FUZZY_WEIGHTS, K1, PART_WEIGHT, PREFIX_WEIGHT, SearchError};
use crate::markdown::escape;

/// Most index terms one query word may expand to (by weight, then term order).
pub(crate) const MAX_EXPANSIONS: usize = 64;

/// Shortest last word, in characters, that is also matched as a prefix.
pub(crate) const MIN_PREFIX_CHARS: usize = 2;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 160;

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Source path relative to the content folder.
    pub path: String,
    /// URL of the article.
    pub url: String,
    /// Article title.
    pub title: String,
    /// BM25 score, rounded to 1e-6 (higher is better).
    pub score: f32,
    /// HTML: an escaped excerpt of the body with the matched words in `<mark>`.
    pub snippet: String,
}

/// A query word and the index terms it matches, each with the weight of that kind of match.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub(crate) term: String,
    pub(crate) expansions: Vec<(String, f64)>,
}

/// Searches the index in `dir` for `query`; the best `limit` hits, best first.
///
/// Every word counts (documents matching more words rank higher, none is required), the last
/// word also matches as a prefix (for search-as-you-type), words of 4+ characters tolerate one
/// typo and of 8+ two, and a match in the title weighs more than in headings, than in the body.
pub(crate) fn search(dir: &Path, query: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
    let view = IndexView::open(dir)?;
    let words = plan(&view, query)?;
    let ranked = rank(&view, &words)?;
    let mut snippets = snippet_generator(&view, &words);
    ranked
        .into_iter()
        .take(limit)
        .map(|(id, score)| {
            let doc = view.stored(id)?;
            let snippet = snippet(&mut snippets, &doc.body);
            Ok(Hit { path: doc.path, url: doc.url, title: doc.title, score: score as f32, snippet })
        })
        .collect()
}

/// How much of an article's body more-like-this reads.
const RELATED_BODY_CHARS: usize = 800;
/// Terms of the query that finds an article's related articles: the best twelve and one more, as
/// tantivy's more-like-this builder counted them, so that the lists stay what they were.
const RELATED_TERMS: usize = 13;

/// Articles like each article of the index (a more-like-this query over title, headings, tags
/// and body, see [`more_like`]), best first, without the article itself; the index is opened
/// once: path → hits.
pub(crate) fn related_all(dir: &Path, limit: usize) -> Result<HashMap<String, Vec<Hit>>, SearchError> {
    let view = IndexView::open(dir)?;
    let ids: HashMap<_, _> = view.docs.iter().enumerate().map(|(id, doc)| (doc.address, id as u32)).collect();
    let all_ids: Vec<u32> = (0..view.docs.len() as u32).collect();
    // Each article is read from the store once: its more-like-this query, and the hit it is in
    // the lists of others (reading it for every list it is in was most of this stage).
    let prepared = crate::parallel::map(&all_ids, |&id| {
        let stored = view.stored_document(id)?;
        let query = more_like(&view, &stored).map_err(SearchError::index(dir))?;
        let doc = view.fields_of(&stored);
        let snippet = escape(&excerpt(&doc.body));
        Ok((Hit { path: doc.path, url: doc.url, title: doc.title, score: 0.0, snippet }, query))
    })
    .into_iter()
    .collect::<Result<Vec<(Hit, BooleanQuery)>, SearchError>>()?;
    // One more-like-this query per article: independent, so on every core.
    crate::parallel::map(&all_ids, |&id| {
        let (article, query) = &prepared[id as usize];
        Ok((article.path.clone(), related_in(&view, dir, &ids, &prepared, id, query, limit)?))
    })
    .into_iter()
    .collect()
}

fn related_in(
    view: &IndexView,
    dir: &Path,
    ids: &HashMap<tantivy::DocAddress, u32>,
    prepared: &[(Hit, BooleanQuery)],
    id: u32,
    query: &BooleanQuery,
    limit: usize,
) -> Result<Vec<Hit>, SearchError> {
    let found = view
        .searcher
        .search(query, &TopDocs::with_limit(limit + 1).order_by_score())
        .map_err(SearchError::index(dir))?;
    let mut hits = Vec::new();
    for (score, found) in found {
        let Some(&other) = ids.get(&found) else { continue };
        if other == id || hits.len() == limit {
            continue;
        }
        hits.push(Hit { score, ..prepared[other as usize].0.clone() });
    }
    Ok(hits)
}

/// The article's best terms as one query, as a more-like-this query picks them: each term of its
/// title, headings, tags and the opening of its body (at least two bytes long) weighs its count
/// times its idf, and is boosted by its weight over the best term's; terms in half the articles
/// or more are left out. Unlike tantivy's own `MoreLikeThisQuery`, which reads the terms from a
/// hash map and keeps whichever of equally weighted terms it meets first, equal weights are
/// ordered by the term, so a build gives the same related articles every time.
fn more_like(view: &IndexView, stored: &tantivy::TantivyDocument) -> tantivy::Result<BooleanQuery> {
    let [title, description, headings, tags, _section, body] = view.fields.text;
    let mut counts: BTreeMap<Term, u32> = BTreeMap::new();
    for field in [title, description, headings, tags, body] {
        let mut analyzer = view.searcher.index().tokenizer_for_field(field)?;
        for value in stored.get_all(field) {
            let Some(text) = value.as_str() else { continue };
            // The opening of the body says what an article is about; reading all of it for
            // every article made related articles cost more than the rest of a build.
            let text: std::borrow::Cow<str> =
                if field == body { text.chars().take(RELATED_BODY_CHARS).collect() } else { text.into() };
            let mut tokens = analyzer.token_stream(&text);
            while let Some(token) = tokens.next() {
                if token.text.len() >= 2 {
                    *counts.entry(Term::from_field_text(field, &token.text)).or_default() += 1;
                }
            }
        }
    }
    let docs: u64 = view.searcher.segment_readers().iter().map(|s| u64::from(s.num_docs())).sum();
    let most = (view.total_docs / 2).max(2);
    let mut weighted: Vec<(f32, Term)> = Vec::new();
    for (term, count) in counts {
        let df = view.searcher.doc_freq(&term)?;
        if df == 0 || df > most {
            continue;
        }
        let x = (docs.saturating_sub(df) as f32 + 0.5) / (df as f32 + 0.5);
        weighted.push((count as f32 * (1.0 + x).ln(), term));
    }
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    weighted.truncate(RELATED_TERMS);
    // Each term counts in proportion to its weight, the best one fully.
    let best = weighted.first().map_or(1.0, |(w, _)| *w);
    let clauses: Vec<(Occur, Box<dyn Query>)> = weighted
        .into_iter()
        .map(|(weight, term)| {
            let query = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, Box::new(BoostQuery::new(query, weight / best)) as Box<dyn Query>)
        })
        .collect();
    Ok(BooleanQuery::from(clauses))
}

/// Analyzes `query` and expands each distinct word into the index terms it matches: the terms of
/// the word itself (a ZWNJ word's joined form, then its parts or a plural's stem, weighted
/// [`PART_WEIGHT`]) are alternatives, so a word counts once however it was written; prefix and
/// typo matches start from its first term.
pub(crate) fn plan(view: &IndexView, query: &str) -> Result<Vec<Word>, SearchError> {
    // The index's terms by first character, for cutting unspaced text (Japanese, Chinese, Thai).
    let mut initials: HashMap<char, Vec<String>> = HashMap::new();
    for initial in unspaced_initials(query) {
        let mut first = [0; 4];
        let first = initial.encode_utf8(&mut first);
        initials.insert(initial, view.terms(first.as_bytes(), Some(&upper_bound(first)))?.into_iter().collect());
    }
    let mut words = analyze_query(query, |initial| initials.get(&initial).map_or(&[], Vec::as_slice));
    let mut seen = std::collections::HashSet::new();
    words.retain(|terms| seen.insert(terms[0].clone()));
    let last = words.len().saturating_sub(1);
    words
        .into_iter()
        .enumerate()
        .map(|(i, terms)| {
            let term = terms[0].clone();
            let mut weights: BTreeMap<String, f64> = terms.into_iter().map(|t| (t, PART_WEIGHT)).collect();
            weights.insert(term.clone(), 1.0);
            let chars = term.chars().count();
            if i == last && chars >= MIN_PREFIX_CHARS {
                for candidate in view.terms(term.as_bytes(), Some(&upper_bound(&term)))? {
                    let weight = weights.entry(candidate).or_insert(0.0);
                    *weight = weight.max(PREFIX_WEIGHT);
                }
            }
            let max_edits = max_edits(chars);
            if max_edits > 0 {
                let first = &term[..term.chars().next().map_or(0, char::len_utf8)];
                for candidate in view.terms(first.as_bytes(), Some(&upper_bound(first)))? {
                    if let Some(edits) = edits_within(&term, &candidate, max_edits)
                        && edits > 0
                    {
                        let weight = weights.entry(candidate).or_insert(0.0);
                        *weight = weight.max(FUZZY_WEIGHTS[edits - 1]);
                    }
                }
            }
            let mut expansions: Vec<(String, f64)> = weights.into_iter().collect();
            // Stable sort: ties stay in term (byte) order, as in the browser.
            expansions.sort_by(|a, b| b.1.total_cmp(&a.1));
            expansions.truncate(MAX_EXPANSIONS);
            Ok(Word { term, expansions })
        })
        .collect()
}

/// Typos tolerated in a word of `chars` characters.
pub(crate) fn max_edits(chars: usize) -> usize {
    match chars {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

/// The smallest byte string above every string that starts with `prefix`.
fn upper_bound(prefix: &str) -> Vec<u8> {
    let mut bound = prefix.as_bytes().to_vec();
    bound.push(0xFF); // no UTF-8 byte is 0xFF
    bound
}

/// Optimal-string-alignment distance between `a` and `b` (insert, delete, substitute, swap two
/// neighbours; counted in characters) if it is at most `max`.
pub(crate) fn edits_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    let distance = rows[a.len()][b.len()];
    (distance <= max).then_some(distance)
}

/// BM25 of one term in one field of one document (tantivy's formula, in `f64`).
pub(crate) fn bm25(tf: u32, df: u32, len: u32, avg_len: f64, total_docs: u64) -> f64 {
    let (tf, df, n) = (f64::from(tf), f64::from(df), total_docs as f64);
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let norm = K1 * (1.0 - B + B * f64::from(len) / avg_len);
    idf * (1.0 + K1) * (tf / (tf + norm))
}

/// Scores every matching document; `(doc id, score)` best first, ties in document order.
///
/// A document that matches more of the query's distinctive words (each matched by at most half
/// the documents) comes before one that matches fewer, whatever their scores: of two articles
/// that both say "invoice", the one that also says "reversal" is the one asked for, even where
/// the other says "invoice" in its title. Scores order the documents that match as many.
pub(crate) fn rank(view: &IndexView, words: &[Word]) -> Result<Vec<(u32, f64)>, SearchError> {
    // Per document: the distinctive words it matches, and its score.
    let mut totals: BTreeMap<u32, (u32, f64)> = BTreeMap::new();
    for word in words {
        let mut best: BTreeMap<u32, f64> = BTreeMap::new();
        for (term, weight) in &word.expansions {
            let postings = view.postings(term)?;
            let df: [u32; FIELDS.len()] =
                std::array::from_fn(|f| postings.iter().filter(|(_, tf)| tf[f] > 0).count() as u32);
            for (id, tf) in &postings {
                let lengths = view.docs[*id as usize].lengths;
                let mut score = 0.0;
                for f in 0..FIELD_WEIGHTS.len() {
                    if tf[f] > 0 {
                        score +=
                            FIELD_WEIGHTS[f] * bm25(tf[f], df[f], lengths[f], view.avg_lengths[f], view.total_docs);
                    }
                }
                let score = score * weight;
                let entry = best.entry(*id).or_insert(0.0);
                if score > *entry {
                    *entry = score;
                }
            }
        }
        let distinctive = best.len() as u64 * 2 <= view.total_docs;
        for (id, score) in best {
            let (covered, total) = totals.entry(id).or_insert((0, 0.0));
            *covered += u32::from(distinctive);
            *total += score;
        }
    }
    let mut ranked: Vec<(u32, u32, f64)> =
        totals.into_iter().map(|(id, (covered, score))| (id, covered, round(score))).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
    Ok(ranked.into_iter().map(|(id, _, score)| (id, score)).collect())
}

/// Scores are compared at 1e-6 so that the last bit of a logarithm never reorders results
/// between the CLI and the browser.
fn round(score: f64) -> f64 {
    (score * 1e6).round() / 1e6
}

fn snippet_generator(view: &IndexView, words: &[Word]) -> SnippetGenerator {
    let terms: BTreeMap<String, f32> = words
        .iter()
        .flat_map(|word| word.expansions.iter().map(|(term, weight)| (term.clone(), *weight as f32)))
        .collect();
    let tokenizer = TextAnalyzer::from(FreshdocsTokenizer::default());
    let mut generator = SnippetGenerator::new(terms, tokenizer, view.fields.body(), SNIPPET_CHARS);
    generator.set_max_num_chars(SNIPPET_CHARS);
    generator
}

/// The best fragment of `body` with matches in `<mark>`, or its opening when nothing matched
/// there (the match was in the title or headings).
fn snippet(generator: &mut SnippetGenerator, body: &str) -> String {
    let mut snippet = generator.snippet(body);
    if snippet.highlighted().is_empty() {
        return escape(&excerpt(body));
    }
    snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
    snippet.to_html()
}

/// The first [`SNIPPET_CHARS`] characters of `text`, cut at a space, with an ellipsis if cut.
pub(crate) fn excerpt(text: &str) -> String {
    crate::pages::summary(text, SNIPPET_CHARS)
}
