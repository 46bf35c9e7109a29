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
//!   `avg_lengths` (per field, as tantivy's BM25 uses them), `lengths` (flat: for each document,
//!   the length of each field as tantivy's fieldnorm records it) and `shards` (`[first term, last
//!   term]` of each term shard, in order). Nothing else per document, so that it stays small.
//! - `t-<n>.fdz`: term shard `n`, `[[term, [doc, tf per field…, doc, tf per field…]], …]`, terms
//!   in UTF-8 byte order (which is code-point order), split into ranges of about [`SHARD_BYTES`]
//!   of JSON.
//! - `i-<hex>.fdz`: every term starting with the character of code point `<hex>`, without
//!   postings: typo tolerance compares a query word with these, then fetches only the shards of
//!   the terms within reach (`initials` in meta lists the characters that have a file).
//! - `d-<n>.fdp`: a pack of the documents `n * DOCS_PER_PACK ..` (fewer in the last), each
//!   `{path, url, title, section, updated, body}` (the body cut to [`BODY_CHARS`], for snippets)
//!   as JSON compressed with gzip on its own. The pack opens with `DOCS_PER_PACK + 1`
//!   little-endian `u32` offsets from the start of the file: document `i` of the pack is the
//!   bytes `offsets[i] .. offsets[i + 1]` (a missing document at the end of the last pack is
//!   empty). `search.js` reads the offsets, then each document shown, with HTTP range requests,
//!   so a result costs what a file of its own did; a host that ignores `Range` sends the whole
//!   pack, which is still read right. One file per document made most of a large site's files
//!   (bench/SCALE.md, issue 14).
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
pub(crate) const FORMAT_VERSION: u32 = 4;

/// The file every search fetches first.
pub(crate) const META_FILE: &str = "meta.fdz";

/// Target size of one term shard, in bytes of JSON.
pub(crate) const SHARD_BYTES: usize = 16 * 1024;

/// Documents per pack. The ten results of a query are usually in ten packs, so each costs one
/// header of `4 * (DOCS_PER_PACK + 1)` bytes more than a file of its own did; 16 keeps that
/// under 70 bytes and a site of 10,000 articles at 625 pack files.
pub(crate) const DOCS_PER_PACK: usize = 16;

/// Bytes of a pack's header of offsets.
pub(crate) const PACK_HEADER_BYTES: usize = 4 * (DOCS_PER_PACK + 1);

/// Longest body kept for browser snippets, in characters.
pub(crate) const BODY_CHARS: usize = 4000;

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
    fields: [&'static str; 5],
    weights: [f64; 5],
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
    avg_lengths: [f64; 5],
    lengths: Vec<u32>,
    shards: Vec<[String; 2]>,
    initials: Vec<String>,
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
pub(crate) fn export(dir: &Path, out: &Path) -> Result<ExportStats, SearchError> {
    let view = IndexView::open(dir)?;
    std::fs::create_dir_all(out).map_err(SearchError::io(out))?;
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

    // Terms by first character, for typo tolerance without the postings.
    let mut initials: Vec<String> = Vec::new();
    let mut by_initial: std::collections::BTreeMap<char, Vec<&str>> = std::collections::BTreeMap::new();
    for term in &terms {
        if let Some(c) = term.chars().next() {
            by_initial.entry(c).or_default().push(term);
        }
    }
    for (c, list) in &by_initial {
        let json = serde_json::to_string(list).expect("terms serialize");
        files.push((format!("i-{:x}.fdz", *c as u32), json));
        initials.push(c.to_string());
    }
    for written in crate::parallel::map(&files, |(name, json)| write_compressed(&out.join(name), json)) {
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
            let doc = view.stored(id)?;
            let doc = ExportDoc {
                path: &doc.path,
                url: &doc.url,
                title: &doc.title,
                section: &doc.section,
                updated: doc.updated.as_deref(),
                body: doc.body.chars().take(BODY_CHARS).collect(),
            };
            let json = serde_json::to_string(&doc).expect("documents serialize");
            json_bytes += json.len() as u64;
            members.push(compress(json.as_bytes()));
        }
        let path = out.join(format!("d-{n}.fdp"));
        let too_large = || std::io::Error::new(std::io::ErrorKind::InvalidData, "16 documents of over 4 GiB");
        let pack = pack(&members).ok_or_else(too_large).map_err(SearchError::io(&path))?;
        std::fs::write(&path, &pack).map_err(SearchError::io(&path))?;
        Ok::<_, SearchError>((json_bytes, pack.len() as u64))
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
        lengths: view.docs.iter().flat_map(|doc| doc.lengths).collect(),
        shards,
        initials,
    };
    let shard_count = meta.shards.len();
    let json = serde_json::to_string(&meta).expect("meta serializes");
    let (meta_json, meta_bytes) = write_compressed(&out.join(META_FILE), &json)?;
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

/// A pack of documents, each already compressed: the header of offsets, then the documents.
/// `None` if it would pass 4 GiB, which `u32` offsets cannot address.
fn pack(members: &[Vec<u8>]) -> Option<Vec<u8>> {
    let total: usize = members.iter().map(Vec::len).sum();
    let mut pack = Vec::with_capacity(PACK_HEADER_BYTES + total);
    let mut offset = PACK_HEADER_BYTES;
    for i in 0..=DOCS_PER_PACK {
        pack.extend_from_slice(&u32::try_from(offset).ok()?.to_le_bytes());
        offset += members.get(i).map_or(0, Vec::len);
    }
    for member in members {
        pack.extend_from_slice(member);
    }
    Some(pack)
}

/// Document `i` of a pack (tests and tools read the export with it).
#[cfg(test)]
pub(crate) fn unpack(pack: &[u8], i: usize) -> &[u8] {
    let offset = |k: usize| u32::from_le_bytes(pack[4 * k..4 * k + 4].try_into().unwrap()) as usize;
    &pack[offset(i)..offset(i + 1)]
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

/// Writes `json` gzip-compressed to `path`; returns its bytes of JSON and the bytes written.
fn write_compressed(path: &Path, json: &str) -> Result<(u64, u64), SearchError> {
    let compressed = compress(json.as_bytes());
    std::fs::write(path, &compressed).map_err(SearchError::io(path))?;
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
