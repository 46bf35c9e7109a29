//! Index, query and export tests, on the sample help center and on real Persian and Hindi text.
//!
//! `testdata/` holds the seed articles (customer-service articles found on the web, three in
//! Persian and one in Hindi, that nobody on the team wrote). They are split into sentences, one
//! document each, so that a query has to find one sentence among many.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::export::META_FILE;
use super::query::{edits_within, max_edits, related_all};
use super::*;

const SEEDS: [(&str, &str); 4] = [
    ("fa-000", include_str!("testdata/fa-000.txt")),
    ("fa-001", include_str!("testdata/fa-001.txt")),
    ("fa-002", include_str!("testdata/fa-002.txt")),
    ("hi-003", include_str!("testdata/hi-003.txt")),
];

/// The seed sentences of `lang` (of 60+ characters, deduplicated) as documents, titled with the
/// heading above them.
fn seed_docs(lang: &str) -> Vec<SearchDoc> {
    let mut seen = std::collections::HashSet::new();
    let mut docs = Vec::new();
    for (name, text) in SEEDS.iter().filter(|(name, _)| name.starts_with(lang)) {
        let mut heading = String::new();
        for line in text.lines().map(str::trim) {
            if line.chars().count() < 80 {
                if !line.is_empty() {
                    heading = line.to_string();
                }
                continue;
            }
            for sentence in line.split_inclusive(['.', '।', '؟', '?', '!']).map(str::trim) {
                if sentence.chars().count() < 60 || !seen.insert(sentence) {
                    continue;
                }
                let n = docs.len();
                docs.push(SearchDoc {
                    path: format!("{name}/s{n:03}.md"),
                    url: format!("/{lang}/{name}/s{n:03}/"),
                    title: heading.clone(),
                    body: sentence.into(),
                    section: name.to_string(),
                    lang: lang.to_string(),
                    ..SearchDoc::default()
                });
            }
        }
    }
    docs
}

/// The sample help center in `content/` (front matter title and tags, `#` headings, body).
fn content_docs(lang: &str) -> Vec<SearchDoc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut docs = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let doc_lang =
            ["fa", "hi", "ja", "zh", "th"].into_iter().find(|l| rel.starts_with(&format!("{l}/"))).unwrap_or("en");
        if doc_lang != lang {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let (front, body) = match text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")) {
            Some((front, body)) => (front, body),
            None => ("", text.as_str()),
        };
        let field =
            |key: &str| front.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim().trim_matches('"').to_string());
        let headings: Vec<&str> =
            body.lines().filter_map(|l| l.strip_prefix('#')).map(|l| l.trim_matches('#').trim()).collect();
        docs.push(SearchDoc {
            path: rel.clone(),
            url: format!("/{}", rel.trim_end_matches(".md")),
            title: field("title:").unwrap_or_default(),
            description: field("description:").unwrap_or_default(),
            headings: headings.join("\n"),
            body: body.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n").into(),
            tags: field("tags:")
                .map(|t| t.trim_matches(['[', ']']).split(',').map(|s| s.trim().to_string()).collect())
                .unwrap_or_default(),
            section: rel.split('/').next().unwrap_or_default().to_string(),
            lang: lang.to_string(),
            updated: Some("2026-03-03T10:00:00Z".to_string()),
        });
    }
    docs
}

fn doc(path: &str, title: &str, headings: &str, body: &str) -> SearchDoc {
    SearchDoc {
        path: path.into(),
        url: format!("/{}/", path.trim_end_matches(".md")),
        title: title.into(),
        headings: headings.into(),
        body: body.into(),
        section: "Billing".into(),
        lang: "en".into(),
        ..SearchDoc::default()
    }
}

fn small_index() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("en");
    let docs = [
        doc("body.md", "Payments", "Cards", "How refunds reach your card after a return."),
        doc("heading.md", "Payments FAQ", "Refunds", "Money goes back to the original card."),
        doc("title.md", "Refunds", "Timing", "Money goes back within five days."),
        doc("other.md", "Shipping", "Couriers", "Parcels travel by courier and arrive in days."),
    ];
    assert_eq!(write_index(&dir, &docs).unwrap().docs, 4);
    (tmp, dir)
}

fn paths(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|hit| hit.path.as_str()).collect()
}

#[test]
fn title_outranks_headings_outranks_body() {
    let (_tmp, dir) = small_index();
    let hits = search(&dir, "refund", 10).unwrap();
    assert_eq!(paths(&hits), ["title.md", "heading.md", "body.md"]);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn the_description_is_searched() {
    let tmp = tempfile::tempdir().unwrap();
    let described =
        SearchDoc { description: "Reverse a posted invoice.".into(), ..doc("a.md", "Invoices", "", "Open it.") };
    let docs = [described, doc("b.md", "Invoices", "", "Send one."), doc("c.md", "Shipping", "", "Parcels.")];
    write_index(tmp.path(), &docs).unwrap();
    assert_eq!(paths(&search(tmp.path(), "reverse", 10).unwrap()), ["a.md"]);
}

/// Two articles say "invoice", one in its title; only the other also says "reversal". Without
/// the rule that more of the query's words come first, the title's weight put the first on top.
#[test]
fn an_article_with_more_of_the_query_words_comes_first_in_rust_and_in_the_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let long_body = format!(
        "{} An invoice reversal undoes the posting.",
        "The journal lists every posting of the day. ".repeat(20)
    );
    let docs = [
        doc("title.md", "Invoice", "Invoice", "Send the invoice."),
        doc("both.md", "Journal", "", &long_body),
        doc("c.md", "Shipping", "", "Parcels travel by courier."),
        doc("d.md", "Returns", "", "Send the parcel back."),
    ];
    write_index(&dir, &docs).unwrap();
    let rust = search(&dir, "invoice reversal", 10).unwrap();
    assert_eq!(paths(&rust), ["both.md", "title.md"]);
    assert!(rust[1].score > rust[0].score, "the order is not the scores': {rust:?}");
    export(&dir, &tmp.path().join("public")).unwrap();
    let script = format!(
        "const fs = require('fs'); const path = require('path');\n\
         const index = fd.SearchIndex.fromFiles(name => fs.readFileSync(path.join({:?}, name)));\n\
         index.search('invoice reversal', 10).then(hits => console.log(JSON.stringify(hits.map(h => h.path))));",
        tmp.path().join("public").display().to_string()
    );
    let Some(out) = node(&script) else { return };
    assert_eq!(serde_json::from_str::<Vec<String>>(&out).unwrap(), ["both.md", "title.md"]);
}

#[test]
fn last_word_matches_as_prefix() {
    let (_tmp, dir) = small_index();
    assert_eq!(paths(&search(&dir, "couri", 10).unwrap()), ["other.md"]);
    // …but only the last word.
    assert!(search(&dir, "couri parcels", 10).unwrap()[0].snippet.contains("<mark>Parcels</mark>"));
}

#[test]
fn typos_are_tolerated_by_word_length() {
    let (_tmp, dir) = small_index();
    assert_eq!(paths(&search(&dir, "shiping", 10).unwrap()), ["other.md"]);
    assert_eq!(paths(&search(&dir, "parcles", 10).unwrap()), ["other.md"], "transposition is one edit");
    assert_eq!((max_edits(3), max_edits(4), max_edits(7), max_edits(8)), (0, 1, 1, 2));
    assert_eq!(edits_within("ग्राहक", "ग्राहख", 1), Some(1));
    assert_eq!(edits_within("customer", "custmoer", 1), Some(1));
    assert_eq!(edits_within("abc", "xyz", 2), None);
}

#[test]
fn snippets_mark_matches_and_escape_html() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = [doc("a.md", "Tags", "", "Use <b>bold</b> & refunds <script>")];
    write_index(tmp.path(), &docs).unwrap();
    let hits = search(tmp.path(), "refunds", 10).unwrap();
    assert!(hits[0].snippet.starts_with("Use &lt;b&gt;bold&lt;/b&gt; &amp; <mark>refunds</mark> &lt;script"));
}

/// search.js looks for the first match a piece of the body at a time: a match far in, or where
/// a piece ends, is found and marked the same as the Rust side marks it.
#[test]
fn browser_snippets_find_matches_anywhere_in_the_body() {
    let filler = "filler text ".repeat(40); // 480 characters: past the first piece
    let bodies = [
        format!("{filler}then the refunds section & more"),
        format!("{}refunds and more", "x ".repeat(199)), // the word right where a piece is cut
        "no match here".to_string(),
    ];
    let script = format!(
        "const bodies = {};\n\
         console.log(JSON.stringify(bodies.map(b => fd.snippetHtml(b, new Set(['refund']), 60))));",
        serde_json::to_string(&bodies).unwrap()
    );
    let Some(out) = node(&script) else { return };
    let snippets: Vec<String> = serde_json::from_str(&out).unwrap();
    // The window opens about a quarter of its length before the match, at the start of a word.
    assert_eq!(snippets[0], "…text then the <mark>refunds</mark> section &amp; more");
    assert_eq!(snippets[1], "…x x x x x x x <mark>refunds</mark> and more");
    assert_eq!(snippets[2], "no match here");
}

/// A result that matched only in its title or headings shows the opening of its body, marked
/// nowhere, and a result that matched in its body shows the match.
#[test]
fn browser_snippets_of_title_and_body_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let (_index_tmp, dir) = small_index();
    export(&dir, tmp.path()).unwrap();
    let script = format!(
        "const fs = require('fs'); const path = require('path');\n\
         const idx = fd.SearchIndex.fromFiles(name => fs.readFileSync(path.join({:?}, name)));\n\
         idx.search('refunds', 10).then(hits => console.log(JSON.stringify(\n\
           Object.fromEntries(hits.map(h => [h.path, idx.snippet(h)])))));",
        tmp.path().display().to_string()
    );
    let Some(out) = node(&script) else { return };
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(out["title.md"], "Money goes back within five days.", "{out}");
    assert_eq!(out["heading.md"], "Money goes back to the original card.", "{out}");
    assert_eq!(out["body.md"], "How <mark>refunds</mark> reach your card after a return.", "{out}");
}

/// A file that failed to load (a phone losing its connection for a moment) is fetched again by
/// the next query instead of leaving search broken until the page is reloaded.
#[test]
fn browser_retries_a_file_that_failed_to_load() {
    let tmp = tempfile::tempdir().unwrap();
    let (_index_tmp, dir) = small_index();
    export(&dir, tmp.path()).unwrap();
    let script = format!(
        "const fs = require('fs'); const path = require('path');\n\
         let failures = 0; const failed = new Set();\n\
         const idx = fd.SearchIndex.fromFiles(name => {{\n\
           if (name.startsWith('d-') && !failed.has(name)) {{ failed.add(name); failures++; return Promise.reject(new Error('offline')); }}\n\
           return fs.readFileSync(path.join({:?}, name));\n\
         }});\n\
         (async () => {{\n\
           let first;\n\
           try {{ await idx.search('refunds', 10); first = 'answered'; }} catch (e) {{ first = e.message; }}\n\
           const again = await idx.search('refunds', 10);\n\
           console.log(JSON.stringify({{first, failures, again: again.map(h => h.path)}}));\n\
         }})();",
        tmp.path().display().to_string()
    );
    let Some(out) = node(&script) else { return };
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(out["first"], "offline", "{out}");
    assert!(out["failures"].as_u64().unwrap() >= 1, "{out}");
    let expected: Vec<String> = search(&dir, "refunds", 10).unwrap().into_iter().map(|h| h.path).collect();
    assert_eq!(out["again"], serde_json::json!(expected), "{out}");
}

/// A host that ignores `Range` sends the whole pack of documents: the client reads the same
/// documents out of it, and asks that host for each pack once.
#[test]
fn browser_reads_documents_from_a_host_that_ignores_range() {
    let tmp = tempfile::tempdir().unwrap();
    let (_index_tmp, dir) = small_index();
    export(&dir, tmp.path()).unwrap();
    let script = format!(
        "const fs = require('fs'); const path = require('path');\n\
         const read = name => fs.readFileSync(path.join({:?}, name));\n\
         const asked = [];\n\
         const whole = new fd.SearchIndex('', async name => fd.decode(read(name)),\n\
           async (name, start, end) => {{ asked.push(name); return {{bytes: read(name), whole: true}}; }});\n\
         const ranged = fd.SearchIndex.fromFiles(read);\n\
         (async () => {{\n\
           const a = await whole.search('refunds', 10); const b = await ranged.search('refunds', 10);\n\
           console.log(JSON.stringify({{whole: a.map(h => [h.path, h.title, h.body]), ranged: b.map(h => [h.path, h.title, h.body]), asked}}));\n\
         }})();",
        tmp.path().display().to_string()
    );
    let Some(out) = node(&script) else { return };
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(out["whole"], out["ranged"], "{out}");
    let expected: Vec<String> = search(&dir, "refunds", 10).unwrap().into_iter().map(|h| h.path).collect();
    let paths: Vec<&str> = out["whole"].as_array().unwrap().iter().map(|h| h[0].as_str().unwrap()).collect();
    assert_eq!(paths, expected, "{out}");
    let asked: Vec<&str> = out["asked"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    let once: std::collections::BTreeSet<&str> = asked.iter().copied().collect();
    assert_eq!(asked.len(), once.len(), "each pack is fetched once: {out}");
    assert!(!asked.is_empty());
}

#[test]
fn related_articles_come_from_more_like_this() {
    let (_tmp, dir) = small_index();
    let all = related_all(&dir, 2).unwrap();
    let hits = &all["title.md"];
    assert!(!paths(hits).contains(&"title.md"));
    assert_eq!(hits[0].path, "heading.md", "shares `money goes back`");
}

#[test]
fn related_articles_are_the_same_on_every_build() {
    // The hub names twenty words once each, and each word is in one other article too: twenty
    // terms of equal weight, of which the query keeps the first in term order.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("en");
    let words: Vec<String> = (0..20u8).map(|i| format!("z{}q", (b'a' + i) as char)).collect();
    let mut docs = vec![doc("hub.md", "Hub", "", &words.iter().rev().cloned().collect::<Vec<_>>().join(" "))];
    // The articles of the later words come first in the index, where equal scores would put them.
    for word in words.iter().rev() {
        docs.push(doc(&format!("{word}.md"), "Article", "", &format!("{word} common")));
    }
    write_index(&dir, &docs).unwrap();
    let first = related_all(&dir, 5).unwrap();
    let kept: Vec<String> = words[..12].iter().map(|w| format!("{w}.md")).collect();
    let hub = paths(&first["hub.md"]).into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(hub.len(), 5, "{hub:?}");
    assert!(hub.iter().all(|p| kept.contains(p)), "only the first twelve words count: {hub:?}");
    for _ in 0..3 {
        assert_eq!(related_all(&dir, 5).unwrap()["hub.md"], first["hub.md"]);
    }
}

#[test]
fn rewriting_an_index_replaces_its_documents() {
    let (_tmp, dir) = small_index();
    write_index(&dir, &[doc("only.md", "Only", "", "refunds")]).unwrap();
    assert_eq!(paths(&search(&dir, "refund", 10).unwrap()), ["only.md"]);
}

#[test]
fn errors_name_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let err = search(&tmp.path().join("missing"), "x", 10).unwrap_err();
    assert!(err.to_string().contains("missing") && err.to_string().contains("freshdocs build"), "{err}");
    let mut fa = doc("fa.md", "", "", "");
    fa.lang = "fa".into();
    let err = write_index(tmp.path(), &[doc("en.md", "", "", ""), fa]).unwrap_err();
    assert!(err.to_string().contains("`fa.md` is in `fa`"), "{err}");
}

#[test]
fn empty_and_punctuation_queries_find_nothing() {
    let (_tmp, dir) = small_index();
    for query in ["", "  ", "?!", "—"] {
        assert!(search(&dir, query, 10).unwrap().is_empty(), "{query:?}");
    }
    assert!(search(&dir, "refund", 0).unwrap().is_empty());
}

#[test]
fn an_index_of_another_version_is_reported_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("something_else", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(tmp.path(), schema.build()).unwrap();
    let err = write_index(tmp.path(), &[doc("a.md", "A", "", "")]).unwrap_err();
    assert!(matches!(err, SearchError::Outdated { .. }), "{err}");
    assert!(matches!(search(tmp.path(), "a", 1), Err(SearchError::Outdated { .. })));
}

/// Regression: tantivy's default tokenizer splits ग्राहक into ग + राहक and misses كتاب for کتاب.
#[test]
fn persian_and_hindi_match_across_spellings() {
    let tmp = tempfile::tempdir().unwrap();
    let mut fa = doc("fa.md", "کتاب مشتری", "", "این مطلب می\u{200C}شود خواند");
    fa.lang = "fa".into();
    let fa_dir = tmp.path().join("fa");
    write_index(&fa_dir, &[fa]).unwrap();
    for query in ["كتاب", "مشتري", "میشود", "می شود", "می\u{200C}شود", "کتاب"] {
        assert_eq!(paths(&search(&fa_dir, query, 5).unwrap()), ["fa.md"], "{query}");
    }
    let mut hi = doc("hi.md", "ग्राहक सेवाएं", "", "फ़ाइल भेजें");
    hi.lang = "hi".into();
    let hi_dir = tmp.path().join("hi");
    write_index(&hi_dir, &[hi]).unwrap();
    for query in ["ग्राहक", "सेवा", "फाइल", "\u{095E}ाइल", "सेवाएँ", "ग्राहकों"]
    {
        assert_eq!(paths(&search(&hi_dir, query, 5).unwrap()), ["hi.md"], "{query}");
    }
    assert!(search(&hi_dir, "राहक", 5).unwrap().is_empty(), "no match inside a conjunct");
}

#[test]
fn a_word_counts_once_however_it_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let docs: Vec<SearchDoc> = [
        ("zwnj.md", "راهنمای ری\u{200C}اکت"),
        ("joined.md", "راهنمای ریاکت"),
        ("other.md", "راهنمای نصب"),
        ("plural.md", "تابعهای جزئی"),
    ]
    .into_iter()
    .map(|(path, title)| SearchDoc { lang: "fa".into(), ..doc(path, title, "", "متن") })
    .collect();
    let dir = tmp.path().join("fa");
    write_index(&dir, &docs).unwrap();
    let scores = |query: &str| -> Vec<(String, f32)> {
        let mut hits: Vec<_> = search(&dir, query, 10).unwrap().into_iter().map(|h| (h.path, h.score)).collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0));
        hits
    };
    // With a ZWNJ the word yields three terms (joined and parts); they are one word's
    // alternatives, not three words, so both spellings score both documents alike.
    let with_zwnj = scores("ری\u{200C}اکت");
    assert_eq!(with_zwnj, scores("ریاکت"));
    assert_eq!(with_zwnj.iter().map(|(path, _)| path.as_str()).collect::<Vec<_>>(), ["joined.md", "zwnj.md"]);
    // A plural written without a ZWNJ is found by its singular, and the other way round.
    assert_eq!(paths(&search(&dir, "تابع", 5).unwrap()), ["plural.md"]);
    assert_eq!(paths(&search(&dir, "تابع\u{200C}ها", 5).unwrap()), ["plural.md"]);
}

/// How people type, applied to the words of a query.
fn variant(kind: usize, lang: &str, words: &[String]) -> String {
    let q = words.join(" ");
    match (lang, kind % 5) {
        (_, 0) => q,
        ("fa", 1) => q.replace('ی', "ي").replace('ک', "ك"), // Arabic keyboard
        ("fa", 2) => q.replace("می ", "می\u{200C}").replace(" ها", "\u{200C}ها"), // ZWNJ where the text has a space
        ("fa", 3) => q
            .split(' ')
            .map(|w| w.strip_suffix('ه').map_or(w.to_string(), |s| format!("{s}ة")))
            .collect::<Vec<_>>()
            .join(" "), // Arabic teh marbuta
        ("hi", 1) => q.replace('\u{093C}', ""),             // no nukta
        ("hi", 2) => q.replace('\u{0901}', "\u{0902}").replace('ं', "ँ"), // chandrabindu ↔ anusvara
        ("hi", 3) => q
            .chars()
            .map(|c| char::from_u32(c as u32 + 0x0966 - 0x30).filter(|_| c.is_ascii_digit()).unwrap_or(c))
            .collect(),
        // typo: swap two letters in the middle of the longest word
        (_, _) => {
            let mut words = words.to_vec();
            if let Some(w) = words.iter_mut().max_by_key(|w| w.chars().count()) {
                let mut chars: Vec<char> = w.chars().collect();
                if chars.len() >= 6 {
                    let i = chars.len() / 2;
                    chars.swap(i, i + 1);
                    *w = chars.into_iter().collect();
                }
            }
            words.join(" ")
        }
    }
}

/// Queries built from the seed paragraphs: for each paragraph, its two (and, in a second query,
/// three) rarest words as written, in text order, typed one of the ways of [`variant`].
fn relevance_queries(docs: &[SearchDoc], lang: &str) -> Vec<(String, String)> {
    let mut df: std::collections::HashMap<String, usize> = Default::default();
    for doc in docs {
        let unique: std::collections::HashSet<String> = analyze(&doc.body).into_iter().collect();
        for term in unique {
            *df.entry(term).or_default() += 1;
        }
    }
    let mut queries = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        let words: Vec<&str> =
            doc.body.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
        let mut scored: Vec<(usize, usize, &str)> = words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.chars().count() >= 3)
            .filter_map(|(i, w)| analyze(w).first().and_then(|t| df.get(t)).map(|&df| (df, i, *w)))
            .collect();
        scored.sort();
        scored.dedup_by_key(|(_, _, w)| analyze(w));
        // Persian: a `می …` verb or `… ها` plural of the paragraph (written there with a space),
        // typed with a ZWNJ or joined, plus the paragraph's rarest word.
        if lang == "fa"
            && let Some(phrase) = words.windows(2).find(|w| w[0] == "می" || w[1] == "ها").map(|w| w.join(" "))
            && let Some(&(_, _, rare)) = scored.first()
        {
            let typed = if n % 2 == 0 { phrase.replace(' ', "\u{200C}") } else { phrase.replace(' ', "") };
            queries.push((format!("{typed} {rare}"), doc.path.clone()));
        }
        for (k, size) in [2, 3].into_iter().enumerate() {
            let mut pick: Vec<(usize, usize, &str)> = scored.iter().take(size).copied().collect();
            pick.sort_by_key(|&(_, i, _)| i);
            let words: Vec<String> = pick.iter().map(|(_, _, w)| w.to_string()).collect();
            queries.push((variant(n * 2 + k, lang, &words), doc.path.clone()));
        }
    }
    queries
}

#[test]
fn relevance_on_seed_text() {
    for lang in ["fa", "hi"] {
        let tmp = tempfile::tempdir().unwrap();
        let docs = seed_docs(lang);
        write_index(tmp.path(), &docs).unwrap();
        let queries = relevance_queries(&docs, lang);
        assert!(queries.len() >= 50, "{lang}: {} queries", queries.len());
        let misses: Vec<String> = queries
            .iter()
            .filter(|(query, expected)| !paths(&search(tmp.path(), query, 5).unwrap()).contains(&expected.as_str()))
            .map(|(query, expected)| format!("{query:?} → {expected}"))
            .collect();
        let found = queries.len() - misses.len();
        eprintln!(
            "{lang}: {} documents, {found}/{} queries find their sentence in the top 5; missed:\n  {}",
            docs.len(),
            queries.len(),
            misses.join("\n  ")
        );
        assert!(found * 100 >= queries.len() * 95, "{lang} misses:\n{}", misses.join("\n"));
    }
}

#[test]
fn export_is_sharded_and_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let out = tmp.path().join("public/search/hi");
    let docs = seed_docs("hi");
    write_index(&dir, &docs).unwrap();
    let stats = export(&dir, &out).unwrap();
    assert_eq!(stats.docs, docs.len());
    assert!(stats.shards > 1, "{stats:?}");
    // Every file and every packed document is gzip-compressed JSON, and the whole export is
    // smaller than its JSON.
    let read = |name: &str| -> serde_json::Value {
        let bytes = std::fs::read(out.join(name)).unwrap();
        assert_eq!(bytes[..2], [0x1f, 0x8b], "{name} is gzip");
        serde_json::from_str(&crate::search::export::decompress(&bytes).unwrap()).unwrap()
    };
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).collect();
    assert_eq!(files.len(), stats.files);
    assert_eq!(files.iter().sum::<u64>(), stats.bytes);
    assert!(stats.bytes * 2 < stats.json_bytes, "{stats:?}");
    let meta = read(META_FILE);
    assert_eq!(meta["doc_count"], docs.len());
    assert_eq!(meta["lengths"].as_array().unwrap().len(), docs.len() * FIELDS.len());
    // Documents are packed 16 to a file, each compressed on its own behind the pack's sizes.
    let per = meta["docs_per_pack"].as_u64().unwrap() as usize;
    let doc = |id: usize| -> serde_json::Value {
        let pack = std::fs::read(out.join(format!("d-{}.fdp", id / per))).unwrap();
        serde_json::from_str(&crate::search::export::unpack(&pack, id % per).unwrap()).unwrap()
    };
    assert_eq!(doc(0)["body"], *docs[0].body);
    for (id, expected) in docs.iter().enumerate() {
        assert_eq!(doc(id)["path"], expected.path, "document {id}");
    }
    assert_eq!(stats.files, 1 + stats.shards + meta["initials"].as_array().unwrap().len() + docs.len().div_ceil(per));
    let shards = meta["shards"].as_array().unwrap();
    assert_eq!(shards.len(), stats.shards);
    let mut previous = String::new();
    let mut terms = 0;
    for (n, range) in shards.iter().enumerate() {
        let entries: Vec<(String, Vec<u32>)> = serde_json::from_value(read(&format!("t-{n}.fdz"))).unwrap();
        assert_eq!(entries.first().unwrap().0, range[0].as_str().unwrap());
        assert_eq!(entries.last().unwrap().0, range[1].as_str().unwrap());
        for (term, postings) in entries {
            assert!(term > previous, "terms are sorted across shards");
            assert_eq!(postings.len() % (FIELDS.len() + 1), 0);
            previous = term;
            terms += 1;
        }
    }
    assert_eq!(terms, stats.terms);
    // The term lists by first character: every term once, in the file of its first
    // character's group; Hindi's letters have a file each.
    let mut listed = Vec::new();
    for (n, group) in meta["initials"].as_array().unwrap().iter().enumerate() {
        let group: Vec<char> = group.as_str().unwrap().chars().collect();
        let list: Vec<String> = serde_json::from_value(read(&format!("i-{n}.fdz"))).unwrap();
        assert!(list.iter().all(|t| group.contains(&t.chars().next().unwrap())), "group {n}: {group:?}");
        for c in &group {
            assert!(list.iter().any(|t| t.starts_with(*c)), "group {n} lists {c:?} without a term");
        }
        assert_eq!(group.len(), 1, "group {n}: {group:?}");
        listed.extend(list);
    }
    assert_eq!(listed.len(), stats.terms);
    assert!(listed.windows(2).all(|w| w[0] < w[1]), "terms in order across the lists");
}

/// Runs `search.js` under node (when installed) on an export and on the analyzer vectors.
fn node(script: &str) -> Option<String> {
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let output = std::process::Command::new("node")
        .arg("-e")
        .arg(format!("const fd = require({:?});\n{script}", js.display().to_string()))
        .output();
    let output = match output {
        Ok(output) => output,
        // In CI a missing node is a failure, never a silent pass (.ci/run installs it).
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") => {
            panic!("node is needed to test search.js against the Rust analyzer under CI: {e}")
        }
        Err(_) => {
            eprintln!("node not installed: skipped");
            return None;
        }
    };
    assert!(output.status.success(), "node failed:\n{}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn browser_analyzer_agrees_on_real_text() {
    let texts: Vec<String> = SEEDS
        .iter()
        .map(|(_, text)| text.to_string())
        .chain(
            content_docs("en")
                .into_iter()
                .chain(content_docs("fa"))
                .map(|d| format!("{} {} {}", d.title, d.headings, d.body)),
        )
        .collect();
    let input = serde_json::to_string(&texts).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("texts.json"), input).unwrap();
    let script = format!(
        "const texts = JSON.parse(require('fs').readFileSync({:?}, 'utf8'));\n\
         const v = JSON.parse(require('fs').readFileSync({:?}, 'utf8'));\n\
         const analyzed = (x) => x.terms ? fd.analyzeQuery(x.input, (c) => x.terms.filter((t) => t.startsWith(c))).flat() : fd.analyze(x.input);\n\
         console.log(JSON.stringify({{texts: texts.map(fd.analyze), vectors: v.map(analyzed)}}));",
        tmp.path().join("texts.json").display().to_string(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analyzer-vectors.json").display().to_string(),
    );
    let Some(out) = node(&script) else { return };
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    for (text, js) in texts.iter().zip(out["texts"].as_array().unwrap()) {
        // Unspaced text (the English article on Japanese, Chinese and Thai search quotes some) is
        // cut by ICU4X for the index, which search.js has no copy of: the browser cuts only
        // queries, by the index's terms (the vectors with `terms`). Its words are left out here.
        let spaced = |terms: Vec<String>| -> Vec<String> {
            terms.into_iter().filter(|t| !t.chars().any(super::analyzer::is_unspaced_char)).collect()
        };
        let js: Vec<String> = spaced(serde_json::from_value(js.clone()).unwrap());
        let rust = spaced(analyze(text));
        if let Some(i) = (0..rust.len().max(js.len())).find(|&i| rust.get(i) != js.get(i)) {
            panic!(
                "first difference at term {i}: rust {:?} js {:?}",
                &rust[i.saturating_sub(2)..(i + 3).min(rust.len())],
                &js[i.saturating_sub(2)..(i + 3).min(js.len())]
            );
        }
    }
    let vectors: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../../tests/fixtures/analyzer-vectors.json")).unwrap();
    let js = out["vectors"].as_array().unwrap();
    assert!(js.len() >= 20);
    for (vector, js) in vectors.iter().zip(js) {
        assert_eq!(js, &vector["tokens"], "search.js under node on the vector {:?}", vector["input"]);
    }
}

#[test]
fn browser_ranks_like_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let mut queries: Vec<String> = Vec::new();
    for lang in ["en", "fa", "hi"] {
        let docs = if lang == "hi" {
            seed_docs("hi")
        } else {
            content_docs(lang).into_iter().chain(seed_docs(lang).into_iter().filter(|_| lang == "fa")).collect()
        };
        let dir = tmp.path().join("index").join(lang);
        write_index(&dir, &docs).unwrap();
        export(&dir, &tmp.path().join("public").join(lang)).unwrap();
        let mut lang_queries: Vec<String> = relevance_queries(&docs, if lang == "en" { "en" } else { lang })
            .into_iter()
            .map(|(q, _)| q)
            .step_by(3)
            .collect();
        if lang == "en" {
            lang_queries.extend(
                [
                    "refund",
                    "stale article",
                    "releas",
                    "freshnes",
                    "githbu actions",
                    "search persian",
                    "json report format",
                    "how do I preview my site locally",
                    "c",
                    "ci",
                ]
                .map(String::from),
            );
        }
        queries.extend(lang_queries.into_iter().map(|q| format!("{lang}\t{q}")));
    }
    let queries_file = tmp.path().join("queries.json");
    std::fs::write(&queries_file, serde_json::to_string(&queries).unwrap()).unwrap();
    let script = format!(
        "const fs = require('fs'); const path = require('path');\n\
         const root = {:?};\n\
         const queries = JSON.parse(fs.readFileSync({:?}, 'utf8'));\n\
         const indexes = {{}};\n\
         (async () => {{\n\
           const out = [];\n\
           for (const line of queries) {{\n\
             const [lang, q] = line.split('\\t');\n\
             indexes[lang] ||= fd.SearchIndex.fromFiles(name => fs.readFileSync(path.join(root, lang, name)));\n\
             const t = process.hrtime.bigint();\n\
             const hits = await indexes[lang].search(q, 10);\n\
             out.push({{hits: hits.map(h => [h.path, h.score]), ms: Number(process.hrtime.bigint() - t) / 1e6}});\n\
           }}\n\
           console.log(JSON.stringify(out));\n\
         }})();",
        tmp.path().join("public").display().to_string(),
        queries_file.display().to_string()
    );
    let Some(out) = node(&script) else { return };
    let out: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let mut rust_ms = 0.0;
    let mut js_ms = 0.0;
    for (line, js) in queries.iter().zip(&out) {
        let (lang, query) = line.split_once('\t').unwrap();
        let started = Instant::now();
        let hits = search(&tmp.path().join("index").join(lang), query, 10).unwrap();
        rust_ms += started.elapsed().as_secs_f64() * 1e3;
        js_ms += js["ms"].as_f64().unwrap();
        let rust: Vec<(String, f64)> = hits.iter().map(|h| (h.path.clone(), f64::from(h.score))).collect();
        let js: Vec<(String, f64)> = serde_json::from_value(js["hits"].clone()).unwrap();
        let rust_paths: Vec<&String> = rust.iter().map(|(p, _)| p).collect();
        let js_paths: Vec<&String> = js.iter().map(|(p, _)| p).collect();
        assert_eq!(rust_paths, js_paths, "{lang} {query:?}\nrust {rust:?}\njs   {js:?}");
        for ((_, a), (_, b)) in rust.iter().zip(&js) {
            assert!((a - b).abs() <= 1e-5 * a.abs().max(1.0), "{lang} {query:?}: score {a} vs {b}");
        }
    }
    eprintln!(
        "{} queries: same top 10; mean {:.2} ms (CLI, opening the index each time), {:.2} ms (search.js, warm)",
        queries.len(),
        rust_ms / queries.len() as f64,
        js_ms / queries.len() as f64
    );
}

#[test]
fn a_build_waits_for_another_writer_of_the_same_index() {
    // Two builds of one site at once (a test suite, or `serve` beside `build`) write one index
    // folder: the second waits for the first's writer instead of failing on tantivy's lock.
    let tmp = tempfile::tempdir().unwrap();
    let docs = seed_docs("fa");
    write_index(tmp.path(), &docs).unwrap();
    let index = tantivy::Index::open_in_dir(tmp.path()).unwrap();
    let held = index.writer_with_num_threads::<tantivy::TantivyDocument>(1, 15_000_000).unwrap();
    let dir = tmp.path().to_path_buf();
    let second = std::thread::spawn(move || write_index(&dir, &seed_docs("fa")).map(|stats| stats.docs));
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!second.is_finished(), "the second writer did not wait for the first");
    drop(held);
    assert_eq!(second.join().unwrap().unwrap(), docs.len());
}
