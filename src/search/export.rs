//! The static export: a tantivy index turned into small gzip-compressed JSON files a browser
//! fetches on demand.
//!
//! Every file is JSON compressed with gzip and named `*.fdz`: stored compressed, the export is
//! smaller on disk than the text it holds and a host sends the same bytes whether or not it
//! compresses. The extension is one no host knows, so none labels the files `Content-Encoding:
//! gzip`; `search.js` decompresses them (`DecompressionStream`) and also accepts plain JSON, in
//! case a host decompressed them on the way. Layout of the export folder (the build passes
//! `public/search/<lang>/`):
//!
//! - `meta.fdz`: format and analyzer versions, the ranking constants, `doc_count`, `total_docs`,
//!   `avg_lengths` (per field, as tantivy's BM25 uses them), `lengths` (flat, field by field: the
//!   length of field `f` of document `d`, as tantivy's fieldnorm records it, is at
//!   `f * doc_count + d`; a field's lengths side by side compress 8–15% better than each
//!   document's five) and `shards` (`[first term, last term]` of each term shard, in order).
//!   Nothing else per document, so that it stays small.
//! - `t-<n>.fdz`: term shard `n`, `[[term, [doc, tf per field…, doc, tf per field…]], …]`, terms
//!   in UTF-8 byte order (which is code-point order), split into ranges of about [`SHARD_BYTES`]
//!   of JSON.
//! - `i-<n>.fdz`: every term starting with one of the characters of group `n`, in order, without
//!   postings: typo tolerance compares a query word with these, then fetches only the shards of
//!   the terms within reach, and unspaced text (Chinese, Japanese, Thai) is cut by them.
//!   `initials` in meta lists the groups, each as the string of its characters: the lists of
//!   neighbouring ideographs, kana and Hangul share a file up to [`INITIAL_GROUP_BYTES`] of
//!   JSON; every other character, and a longer list, has its own.
//! - `d-<n>.fdp`: a pack of the documents `n * DOCS_PER_PACK ..` (fewer in the last), each
//!   `{path, url, title, section, updated, body}` (the body cut to [`BODY_CHARS`], for snippets)
//!   as JSON compressed on its own with raw deflate (gzip without its 18 bytes of header and
//!   trailer). The pack opens with `DOCS_PER_PACK` little-endian `u16` sizes; document `i` of the
//!   pack follows the header and the documents before it (a missing document at the end of the
//!   last pack has size 0). `search.js` reads the sizes, then each document shown, with HTTP
//!   range requests; a host that ignores `Range` sends the whole pack, which is still read right.
//!   One file per document made most of a large site's files (issue 14).
//!
//! A query fetches `meta.fdz` (once), the shards its terms, prefixes and first letters fall in,
//! and the documents of the results it shows.

use std::path::Path;

use serde::Serialize;

use super::analyzer::ANALYZER_VERSION;
use super::index::IndexView;
use super::query::{MAX_EXPANSIONS, MIN_PREFIX_CHARS};
use super::{B, FIELD_WEIGHTS, FIELDS, FUZZY_WEIGHTS, K1, PART_WEIGHT, PREFIX_WEIGHT, SearchError};

/// Version of the export format; `search.js` refuses an export it does not know.
pub(crate) const FORMAT_VERSION: u32 = 6;

/// The file every search fetches first.
pub(crate) const META_FILE: &str = "meta.fdz";

/// Target size of one term shard, in bytes of JSON.
pub(crate) const SHARD_BYTES: usize = 16 * 1024;

/// Bytes of JSON up to which the term lists of neighbouring ideographs (and kana and Hangul
/// syllables) share one file. A text in Chinese or Japanese has hundreds of first characters
/// with a few terms each, and one file each made most of a small site's export files: zola's
/// docs, with a few pages in Chinese, had 608 files in `search/en/`, 477 of them term lists; with
/// this they have 108, and 18 Chinese queries typed joined fetch 5 % more bytes (median 14.4
/// KiB, was 13.7) in 189 requests (was 192). An alphabet has a few dozen letters, so its lists
/// keep a file each and a query in it fetches exactly what it did.
pub(crate) const INITIAL_GROUP_BYTES: usize = 512;

/// Documents per pack. The ten results of a query are usually in ten packs, so each costs one
/// header of `2 * DOCS_PER_PACK` bytes; a document costs 18 bytes less than a gzip file of its
/// own did, so a query's bytes do not grow. 16 keeps a site of 10,000 articles at 625 packs.
pub(crate) const DOCS_PER_PACK: usize = 16;

/// Bytes of a pack's header of sizes.
pub(crate) const PACK_HEADER_BYTES: usize = 2 * DOCS_PER_PACK;

/// Longest body kept for browser snippets, in characters.
pub(crate) const BODY_CHARS: usize = 4000;

/// Characters of a title or section name kept when a document would not fit a pack's `u16`
/// size otherwise (only a title of thousands of characters does that).
const SHORT_CHARS: usize = 200;

/// What [`export`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ExportStats {
    /// Documents exported.
    pub(crate) docs: usize,
    /// Distinct terms exported.
    pub(crate) terms: usize,
    /// Term shards written.
    pub(crate) shards: usize,
    /// Files written in all (meta, term shards, term lists, document files).
    pub(crate) files: usize,
    /// Bytes written in all files (compressed, as they are on disk and sent).
    pub(crate) bytes: u64,
    /// Bytes of JSON in all files before compression.
    pub(crate) json_bytes: u64,
    /// Bytes of `meta.fdz`, which every search fetches first.
    pub(crate) meta_bytes: u64,
}

#[derive(Serialize)]
struct Meta {
    version: u32,
    analyzer: u32,
    fields: [&'static str; FIELDS.len()],
    weights: [f64; FIELDS.len()],
    k1: f64,
    b: f64,
    prefix_weight: f64,
    part_weight: f64,
    fuzzy_weights: [f64; 2],
    max_expansions: usize,
    min_prefix_chars: usize,
    docs_per_pack: usize,
    doc_count: usize,
    total_docs: u64,
    avg_lengths: [f64; FIELDS.len()],
    lengths: Vec<u32>,
    shards: Vec<[String; 2]>,
    initials: Vec<String>,
}

/// The term lists by first character, grouped: each group's characters (in order, as one
/// string) and their terms, in order. Among the scripts of thousands of characters
/// ([`of_many_letters`]) a group takes the next character's list while it stays within
/// [`INITIAL_GROUP_BYTES`] of JSON; any other character, and a longer list, is a group of its own.
fn group_initials<'a>(by_initial: &std::collections::BTreeMap<char, Vec<&'a str>>) -> Vec<(String, Vec<&'a str>)> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    let mut bytes = 0;
    let mut open = false;
    for (c, list) in by_initial {
        // Each term costs its characters, two quotes and a comma (escapes aside).
        let size: usize = list.iter().map(|t| t.len() + 3).sum();
        let joins = open && of_many_letters(*c) && bytes + size <= INITIAL_GROUP_BYTES;
        open = of_many_letters(*c);
        match groups.last_mut() {
            Some((chars, terms)) if joins => {
                chars.push(*c);
                terms.extend(list);
                bytes += size;
            }
            _ => {
                groups.push((c.to_string(), list.clone()));
                bytes = size;
            }
        }
    }
    groups
}

/// Whether `c` is of a script with thousands of characters: CJK ideographs, kana, Hangul. Not
/// `analyzer::is_unspaced_char`: Thai and its neighbours are unspaced but have a few dozen
/// letters each, and Hangul is spaced but has thousands of syllables.
fn of_many_letters(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF // Hangul jamo
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x3130..=0x318F // Hangul compatibility jamo
        | 0x31F0..=0x31FF // katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x3FFFF) // CJK extensions B and later
}

#[derive(Serialize)]
struct ExportDoc<'a> {
    path: &'a str,
    url: &'a str,
    title: &'a str,
    section: &'a str,
    updated: Option<&'a str>,
    body: String,
}

/// Exports the tantivy index in `dir` into the folder `out` (created if needed) for `search.js`.
#[cfg(test)]
pub(crate) fn export(dir: &Path, out: &Path) -> Result<ExportStats, SearchError> {
    std::fs::create_dir_all(out).map_err(SearchError::io(out))?;
    export_to(dir, &|name: &str, bytes: &[u8]| {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(SearchError::io(&path))
    })
}

/// Takes one file of an export: its name and bytes.
pub(crate) type WriteFile<'a, E> = &'a (dyn Fn(&str, &[u8]) -> Result<(), E> + Sync);

/// [`export`], handing each file's name and bytes to `write` (from several threads at once)
/// instead of writing them into a folder.
pub(crate) fn export_to<E: From<SearchError> + Send>(dir: &Path, write: WriteFile<'_, E>) -> Result<ExportStats, E> {
    let view = IndexView::open(dir)?;
    let mut sizes = Sizes::default();

    // Term shards: entries in term order, cut when a shard passes SHARD_BYTES.
    let terms = view.terms(b"", None)?;
    let mut shards: Vec<[String; 2]> = Vec::new();
    let mut shard = String::from("[");
    let mut first_term: Option<String> = None;
    let mut last_term = String::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut flush = |shard: &mut String, first: &mut Option<String>, last: &str| {
        if let Some(first) = first.take() {
            shard.push(']');
            files.push((format!("t-{}.fdz", shards.len()), std::mem::take(shard)));
            shards.push([first, last.to_string()]);
        }
        *shard = String::from("[");
    };
    for term in &terms {
        let mut postings = Vec::new();
        for (id, tf) in view.postings(term)? {
            postings.push(id);
            postings.extend(tf);
        }
        let entry = serde_json::to_string(&(term, postings)).expect("terms and numbers serialize");
        if first_term.is_some() && shard.len() + entry.len() > SHARD_BYTES {
            flush(&mut shard, &mut first_term, &last_term);
        }
        if first_term.is_none() {
            first_term = Some(term.clone());
        } else {
            shard.push(',');
        }
        shard.push_str(&entry);
        last_term.clone_from(term);
    }
    flush(&mut shard, &mut first_term, &last_term);

    // Terms by first character, for typo tolerance and for cutting unspaced text, without the
    // postings; the small lists of neighbouring characters share a file.
    let mut initials: Vec<String> = Vec::new();
    let mut by_initial: std::collections::BTreeMap<char, Vec<&str>> = std::collections::BTreeMap::new();
    for term in &terms {
        if let Some(c) = term.chars().next() {
            by_initial.entry(c).or_default().push(term);
        }
    }
    for (chars, list) in group_initials(&by_initial) {
        let json = serde_json::to_string(&list).expect("terms serialize");
        files.push((format!("i-{}.fdz", initials.len()), json));
        initials.push(chars);
    }
    for written in crate::parallel::map(&files, |(name, json)| write_compressed(name, json, write)) {
        sizes.add(written?);
    }

    // Each file's documents are read from the index as it is written, so that the stored text
    // of every document is never in memory at once (the peak of a large build was here).
    let ids: Vec<u32> = (0..view.docs.len() as u32).collect();
    let chunks: Vec<(usize, &[u32])> = ids.chunks(DOCS_PER_PACK).enumerate().collect();
    let written = crate::parallel::map(&chunks, |(n, chunk)| {
        let mut members = Vec::with_capacity(chunk.len());
        let mut json_bytes = 0;
        for &id in *chunk {
            let (json, member) = packed_doc(&view.stored(id)?);
            json_bytes += json as u64;
            members.push(member);
        }
        let name = format!("d-{n}.fdp");
        let too_large = || std::io::Error::new(std::io::ErrorKind::InvalidData, "a document's address passes 64 KiB");
        let pack = pack(&members).ok_or_else(too_large).map_err(SearchError::io(Path::new(&name)))?;
        write(&name, &pack)?;
        Ok::<_, E>((json_bytes, pack.len() as u64))
    });
    for written in written {
        sizes.add(written?);
    }

    let meta = Meta {
        version: FORMAT_VERSION,
        analyzer: ANALYZER_VERSION,
        fields: FIELDS,
        weights: FIELD_WEIGHTS,
        k1: K1,
        b: B,
        prefix_weight: PREFIX_WEIGHT,
        part_weight: PART_WEIGHT,
        fuzzy_weights: FUZZY_WEIGHTS,
        max_expansions: MAX_EXPANSIONS,
        min_prefix_chars: MIN_PREFIX_CHARS,
        docs_per_pack: DOCS_PER_PACK,
        doc_count: view.docs.len(),
        total_docs: view.total_docs,
        avg_lengths: view.avg_lengths,
        lengths: (0..FIELDS.len()).flat_map(|f| view.docs.iter().map(move |doc| doc.lengths[f])).collect(),
        shards,
        initials,
    };
    let shard_count = meta.shards.len();
    let json = serde_json::to_string(&meta).expect("meta serializes");
    let (meta_json, meta_bytes) = write_compressed(META_FILE, &json, write)?;
    sizes.add((meta_json, meta_bytes));
    Ok(ExportStats {
        docs: view.docs.len(),
        terms: terms.len(),
        shards: shard_count,
        files: sizes.files,
        bytes: sizes.compressed,
        json_bytes: sizes.json,
        meta_bytes,
    })
}

/// One document as a pack holds it: its bytes of JSON, and the JSON compressed with raw
/// deflate, at most `u16::MAX` bytes. A document that would be larger (a title of thousands of
/// characters) keeps less of its body, then of its title and section name, until it fits.
fn packed_doc(doc: &super::index::StoredDoc) -> (usize, Vec<u8>) {
    let mut body_chars = BODY_CHARS;
    // Titles and section names: whole, then cut to SHORT_CHARS, then left out.
    let mut keep = usize::MAX;
    loop {
        let cut = |text: &str| -> String { text.chars().take(keep).collect() };
        let export = ExportDoc {
            path: &doc.path,
            url: &doc.url,
            title: &cut(&doc.title),
            section: &cut(&doc.section),
            updated: doc.updated.as_deref(),
            body: doc.body.chars().take(body_chars).collect(),
        };
        let json = serde_json::to_string(&export).expect("documents serialize");
        let member = deflate(json.as_bytes());
        if member.len() <= usize::from(u16::MAX) || (keep == 0 && body_chars == 0) {
            return (json.len(), member);
        }
        if body_chars > 0 {
            body_chars /= 2;
        } else {
            keep = if keep == usize::MAX { SHORT_CHARS } else { 0 };
        }
    }
}

/// A pack of documents, each already compressed: the header of sizes, then the documents.
/// `None` if a document passes `u16::MAX` bytes even without its text ([`packed_doc`]): only
/// a path and address of tens of kilobytes do.
fn pack(members: &[Vec<u8>]) -> Option<Vec<u8>> {
    let total: usize = members.iter().map(Vec::len).sum();
    let mut pack = Vec::with_capacity(PACK_HEADER_BYTES + total);
    for i in 0..DOCS_PER_PACK {
        let size = members.get(i).map_or(0, Vec::len);
        pack.extend_from_slice(&u16::try_from(size).ok()?.to_le_bytes());
    }
    for member in members {
        pack.extend_from_slice(member);
    }
    Some(pack)
}

/// Raw deflate at the default level (what gzip holds, without its header and trailer).
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

/// The JSON text of document `i` of a pack (tests and tools read the export with it).
#[cfg(test)]
pub(crate) fn unpack(pack: &[u8], i: usize) -> std::io::Result<String> {
    use std::io::Read as _;
    let size = |k: usize| usize::from(u16::from_le_bytes([pack[2 * k], pack[2 * k + 1]]));
    let start = PACK_HEADER_BYTES + (0..i).map(size).sum::<usize>();
    let mut text = String::new();
    if size(i) > 0 {
        flate2::read::DeflateDecoder::new(&pack[start..start + size(i)]).read_to_string(&mut text)?;
    }
    Ok(text)
}

/// What the export has written so far, before and after compression.
#[derive(Default)]
struct Sizes {
    files: usize,
    json: u64,
    compressed: u64,
}

impl Sizes {
    /// Counts one file: its bytes of JSON and its bytes written.
    fn add(&mut self, (json, compressed): (u64, u64)) {
        self.files += 1;
        self.json += json;
        self.compressed += compressed;
    }
}

/// Writes `json` gzip-compressed as the file `name`; returns its bytes of JSON and the bytes
/// written.
fn write_compressed<E>(name: &str, json: &str, write: WriteFile<'_, E>) -> Result<(u64, u64), E> {
    let compressed = compress(json.as_bytes());
    write(name, &compressed)?;
    Ok((json.len() as u64, compressed.len() as u64))
}

/// gzip at the default level: the best level made warm builds of 10,000 articles take three times
/// the CPU for under 1% fewer bytes (bench/search/README.md). The header carries no name and no
/// time, so the same index gives the same bytes.
pub(crate) fn compress(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

/// The JSON text of an export file (tests and tools read the export with it).
#[cfg(test)]
pub(crate) fn decompress(bytes: &[u8]) -> std::io::Result<String> {
    use std::io::Read as _;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_share_term_list_files_and_letters_keep_their_own() {
        let long: Vec<String> = (0..300).map(|i| format!("设{i:04}")).collect();
        let mut by_initial: std::collections::BTreeMap<char, Vec<&str>> = std::collections::BTreeMap::new();
        by_initial.insert('a', vec!["apple"]);
        by_initial.insert('b', vec!["bill"]);
        by_initial.insert('从', vec!["从不"]);
        by_initial.insert('同', vec!["同步"]);
        by_initial.insert('设', long.iter().map(String::as_str).collect());
        by_initial.insert('退', vec!["退款"]);
        by_initial.insert('ㄱ', vec!["ㄱ"]);
        let groups = group_initials(&by_initial);
        let chars: Vec<&str> = groups.iter().map(|(chars, _)| chars.as_str()).collect();
        // In code-point order: two letters alone, Hangul jamo and two small ideograph lists
        // together, a long list alone, then the next small one.
        assert_eq!(chars, ["a", "b", "ㄱ从同", "设", "退"]);
        assert_eq!(groups[2].1, ["ㄱ", "从不", "同步"]);
        assert_eq!(groups[3].1.len(), 300);
    }

    /// A title of tens of thousands of characters that do not compress would not fit a pack's
    /// `u16` size: the document keeps less of its title, and the pack still reads back.
    #[test]
    fn a_document_too_large_for_its_pack_keeps_less_text() {
        // Characters that deflate cannot shrink much: a pseudo-random walk over CJK.
        let mut x: u32 = 1;
        let noise: String = (0..60_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from_u32(0x4e00 + (x >> 16) % 20_000).unwrap()
            })
            .collect();
        let doc = super::super::index::StoredDoc {
            path: "huge.md".into(),
            url: "/huge/".into(),
            title: noise.clone(),
            section: "Billing".into(),
            updated: None,
            body: noise,
        };
        let (_, member) = packed_doc(&doc);
        assert!(member.len() <= usize::from(u16::MAX), "{}", member.len());
        let small =
            super::super::index::StoredDoc { title: "Refunds".into(), body: "Money back.".into(), ..doc.clone() };
        let pack = pack(&[packed_doc(&small).1, member]).unwrap();
        let read: serde_json::Value = serde_json::from_str(&unpack(&pack, 1).unwrap()).unwrap();
        assert_eq!((read["path"].as_str(), read["url"].as_str()), (Some("huge.md"), Some("/huge/")));
        assert_eq!(read["title"].as_str().unwrap().chars().count(), SHORT_CHARS);
        let first: serde_json::Value = serde_json::from_str(&unpack(&pack, 0).unwrap()).unwrap();
        assert_eq!((first["title"].as_str(), first["body"].as_str()), (Some("Refunds"), Some("Money back.")));
        assert_eq!(unpack(&pack, 2).unwrap(), "", "a missing document is empty");
    }
}
