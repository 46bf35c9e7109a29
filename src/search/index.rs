//! Writing one language's tantivy index, and reading it back as documents, terms and postings.
//!
//! [`write_index`] is the build's entry point. `IndexView` is the read side shared by queries
//! ([`super::query`]) and the browser export ([`super::export`](mod@super::export)), so that both see the same
//! statistics: document order, field lengths (tantivy's fieldnorms), average lengths, postings.

use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value as _};
use tantivy::{DocAddress, DocSet, Index, IndexReader, Searcher, TERMINATED, TantivyDocument};

use super::analyzer::{self, ANALYZER};
use super::{FIELDS, SearchDoc, SearchError};

/// Writer heap; tantivy's minimum per thread is 15 MB, and one thread keeps document order.
const WRITER_HEAP_BYTES: usize = 32 << 20;

/// What [`write_index`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IndexStats {
    /// Documents in the index.
    pub(crate) docs: usize,
    /// Size of the index folder in bytes.
    pub(crate) bytes: u64,
}

/// Handles on the schema's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) path: Field,
    pub(crate) url: Field,
    pub(crate) lang: Field,
    pub(crate) updated: Field,
    /// The scored text fields, in the order of [`FIELDS`].
    pub(crate) text: [Field; FIELDS.len()],
}

impl Fields {
    /// The body, the last of [`FIELDS`]: what snippets are cut from.
    pub(crate) fn body(&self) -> Field {
        self.text[FIELDS.len() - 1]
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text_options = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let path = builder.add_text_field("path", STRING | STORED);
    let url = builder.add_text_field("url", STORED);
    let lang = builder.add_text_field("lang", STRING | STORED);
    let updated = builder.add_text_field("updated", STORED);
    let text = FIELDS.map(|name| builder.add_text_field(name, text_options.clone()));
    (builder.build(), Fields { path, url, lang, updated, text })
}

/// How long a build waits for another process's writer of the same index (a `freshdocs serve`
/// rebuilding, a second build) to finish before it gives up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The index's one writer, waiting while another process holds it: two builds of one site at
/// once write the same index folder, one after the other.
fn writer(index: &Index) -> tantivy::Result<tantivy::IndexWriter> {
    let started = std::time::Instant::now();
    loop {
        match index.writer_with_num_threads(1, WRITER_HEAP_BYTES) {
            Err(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _))
                if started.elapsed() < LOCK_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Writes `docs`, all of one language, as the tantivy index in `dir`, replacing what it held.
///
/// `dir` is created if needed. Documents keep their order, which is also the tie-break order of
/// equal scores. Fails with [`SearchError::MixedLanguages`] if the documents' `lang` differ.
pub(crate) fn write_index<D: Borrow<SearchDoc>>(dir: &Path, docs: &[D]) -> Result<IndexStats, SearchError> {
    let docs: Vec<&SearchDoc> = docs.iter().map(Borrow::borrow).collect();
    if let Some(first) = docs.first()
        && let Some(other) = docs.iter().find(|doc| doc.lang != first.lang)
    {
        return Err(SearchError::MixedLanguages {
            dir: dir.to_path_buf(),
            path: other.path.clone(),
            lang: other.lang.clone(),
            expected: first.lang.clone(),
        });
    }
    std::fs::create_dir_all(dir).map_err(SearchError::io(dir))?;
    let (schema, fields) = schema();
    let directory = MmapDirectory::open(dir).map_err(|e| SearchError::Index { dir: dir.into(), source: e.into() })?;
    let index = Index::open_or_create(directory, schema).map_err(|source| match source {
        tantivy::TantivyError::SchemaError(_) => SearchError::Outdated { dir: dir.to_path_buf() },
        source => SearchError::Index { dir: dir.to_path_buf(), source },
    })?;
    analyzer::register(&index);

    let mut writer = writer(&index).map_err(SearchError::index(dir))?;
    writer.delete_all_documents().map_err(SearchError::index(dir))?;
    for doc in &docs {
        let mut document = TantivyDocument::default();
        document.add_text(fields.path, &doc.path);
        document.add_text(fields.url, &doc.url);
        document.add_text(fields.lang, &doc.lang);
        if let Some(updated) = &doc.updated {
            document.add_text(fields.updated, updated);
        }
        let [title, description, headings, tags, section, body] = fields.text;
        document.add_text(title, &doc.title);
        document.add_text(description, &doc.description);
        document.add_text(headings, &doc.headings);
        for tag in &doc.tags {
            document.add_text(tags, tag);
        }
        document.add_text(section, &doc.section);
        document.add_text(body, &doc.body);
        writer.add_document(document).map_err(SearchError::index(dir))?;
    }
    writer.commit().map_err(SearchError::index(dir))?;
    writer.wait_merging_threads().map_err(SearchError::index(dir))?;
    Ok(IndexStats { docs: docs.len(), bytes: folder_size(dir)? })
}

/// Total size of the files directly in `dir` (a tantivy index is flat).
pub(crate) fn folder_size(dir: &Path) -> Result<u64, SearchError> {
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir).map_err(SearchError::io(dir))? {
        let entry = entry.map_err(SearchError::io(dir))?;
        let metadata = entry.metadata().map_err(SearchError::io(&entry.path()))?;
        if metadata.is_file() {
            bytes += metadata.len();
        }
    }
    Ok(bytes)
}

/// One indexed document, in index order (its position in [`IndexView::docs`] is its id).
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexedDoc {
    pub(crate) address: DocAddress,
    /// Length of each of [`FIELDS`] in tokens, as tantivy's fieldnorm records it (what BM25 uses).
    pub(crate) lengths: [u32; FIELDS.len()],
}

/// The stored fields of a document, read on demand (only for the hits shown, or for the export).
#[derive(Debug, Clone)]
pub(crate) struct StoredDoc {
    pub(crate) path: String,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) section: String,
    pub(crate) updated: Option<String>,
    pub(crate) body: String,
}

/// Term frequencies of one term in one document, per field of [`FIELDS`].
pub(crate) type Posting = (u32, [u32; FIELDS.len()]);

/// An opened index: its documents and statistics, and term and postings lookups.
pub(crate) struct IndexView {
    pub(crate) dir: PathBuf,
    pub(crate) fields: Fields,
    pub(crate) searcher: Searcher,
    pub(crate) docs: Vec<IndexedDoc>,
    /// Average length of each field: total tokens / documents, as tantivy's BM25 computes it.
    pub(crate) avg_lengths: [f64; FIELDS.len()],
    /// The document count BM25's idf uses (tantivy's: including deleted documents).
    pub(crate) total_docs: u64,
    /// For each segment, the id of its first document and the id of each of its documents.
    segment_ids: Vec<Vec<Option<u32>>>,
    _reader: IndexReader,
}

impl IndexView {
    /// Opens the index in `dir` and loads its document table.
    pub(crate) fn open(dir: &Path) -> Result<IndexView, SearchError> {
        let directory = match MmapDirectory::open(dir) {
            Ok(directory) => directory,
            Err(_) => return Err(SearchError::NoIndex { dir: dir.to_path_buf() }),
        };
        if !Index::exists(&directory).map_err(|e| SearchError::Index { dir: dir.into(), source: e.into() })? {
            return Err(SearchError::NoIndex { dir: dir.to_path_buf() });
        }
        let index = Index::open(directory).map_err(SearchError::index(dir))?;
        analyzer::register(&index);
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(SearchError::Outdated { dir: dir.to_path_buf() });
        }
        let reader = index.reader().map_err(SearchError::index(dir))?;
        let searcher = reader.searcher();

        let mut docs = Vec::new();
        let mut segment_ids = Vec::new();
        let mut total_tokens = [0u64; FIELDS.len()];
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let norms = fields
                .text
                .iter()
                .map(|&field| segment.get_fieldnorms_reader(field))
                .collect::<Result<Vec<_>, _>>()
                .map_err(SearchError::index(dir))?;
            for (i, &field) in fields.text.iter().enumerate() {
                total_tokens[i] += segment.inverted_index(field).map_err(SearchError::index(dir))?.total_num_tokens();
            }
            let mut ids = Vec::with_capacity(segment.max_doc() as usize);
            for doc_id in 0..segment.max_doc() {
                if segment.is_deleted(doc_id) {
                    ids.push(None);
                    continue;
                }
                ids.push(Some(docs.len() as u32));
                let address = DocAddress::new(segment_ord as u32, doc_id);
                docs.push(IndexedDoc { address, lengths: std::array::from_fn(|i| norms[i].fieldnorm(doc_id)) });
            }
            segment_ids.push(ids);
        }
        // tantivy counts deleted documents in the token totals too; so do we, to score alike.
        let total_docs = searcher.segment_readers().iter().map(|s| s.max_doc() as u64).sum::<u64>();
        let avg_lengths = total_tokens.map(|total| total as f64 / total_docs.max(1) as f64);
        Ok(IndexView {
            dir: dir.to_path_buf(),

            fields,
            searcher,
            docs,
            avg_lengths,
            total_docs,
            segment_ids,
            _reader: reader,
        })
    }

    /// Every distinct term of the scored fields whose UTF-8 bytes lie in `[from, to)` (`to: None`:
    /// to the end), sorted.
    pub(crate) fn terms(&self, from: &[u8], to: Option<&[u8]>) -> Result<BTreeSet<String>, SearchError> {
        let mut terms = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            for &field in &self.fields.text {
                let inverted = segment.inverted_index(field).map_err(SearchError::index(&self.dir))?;
                let mut range = inverted.terms().range().ge(from);
                if let Some(to) = to {
                    range = range.lt(to);
                }
                let mut stream = range.into_stream().map_err(SearchError::io(&self.dir))?;
                while stream.advance() {
                    if let Ok(term) = std::str::from_utf8(stream.key()) {
                        terms.insert(term.to_string());
                    }
                }
            }
        }
        Ok(terms)
    }

    /// The documents containing `term` in any scored field, by document id, with per-field counts.
    pub(crate) fn postings(&self, term: &str) -> Result<Vec<Posting>, SearchError> {
        let mut postings: Vec<Posting> = Vec::new();
        for (segment, ids) in self.searcher.segment_readers().iter().zip(&self.segment_ids) {
            let mut per_doc: std::collections::BTreeMap<u32, [u32; FIELDS.len()]> = Default::default();
            for (i, &field) in self.fields.text.iter().enumerate() {
                let inverted = segment.inverted_index(field).map_err(SearchError::index(&self.dir))?;
                let key = tantivy::Term::from_field_text(field, term);
                let Some(mut segment_postings) =
                    inverted.read_postings(&key, IndexRecordOption::WithFreqs).map_err(SearchError::io(&self.dir))?
                else {
                    continue;
                };
                let mut doc_id = segment_postings.doc();
                while doc_id != TERMINATED {
                    if let Some(id) = ids[doc_id as usize] {
                        per_doc.entry(id).or_default()[i] = segment_postings.term_freq();
                    }
                    doc_id = segment_postings.advance();
                }
            }
            postings.extend(per_doc);
        }
        postings.sort_unstable_by_key(|&(id, _)| id);
        Ok(postings)
    }

    /// The stored fields of document `id`.
    pub(crate) fn stored(&self, id: u32) -> Result<StoredDoc, SearchError> {
        Ok(self.fields_of(&self.stored_document(id)?))
    }

    /// Document `id` as tantivy stores it.
    pub(crate) fn stored_document(&self, id: u32) -> Result<TantivyDocument, SearchError> {
        self.searcher.doc(self.docs[id as usize].address).map_err(SearchError::index(&self.dir))
    }

    /// The fields of a stored document.
    pub(crate) fn fields_of(&self, stored: &TantivyDocument) -> StoredDoc {
        let text = |field: Field| stored.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let [title, _description, _headings, _tags, section, body] = self.fields.text;
        StoredDoc {
            path: text(self.fields.path).unwrap_or_default(),
            url: text(self.fields.url).unwrap_or_default(),
            title: text(title).unwrap_or_default(),
            section: text(section).unwrap_or_default(),
            updated: text(self.fields.updated),
            body: text(body).unwrap_or_default(),
        }
    }
}
