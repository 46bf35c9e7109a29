//! Feeding search from the site, and asking it: one document per article and per section page
//! with text (its `_index.md`, `index.md` or `README.md`; not the home page), one tantivy index per
//! language kept out of the source tree (under the git directory, else in the user's cache
//! folder: [`index_root`]), its static export into the site (`search/<lang>/`) for the browser, and
//! [`SiteSearch`], the one way a query is answered for a site: `freshdocs search` and the preview
//! server's search API both call [`SiteSearch::search`], so they cannot disagree.
//!
//! The index is rewritten only when its documents changed (a stamp file holds their hash), so a
//! rebuild with unchanged text, and `freshdocs search`, cost almost nothing. Its export is kept
//! beside it (`export.pack`, one file) and unpacked into the site while the index and the binary
//! stay the same: the old versions of a site with `[versions]` never change.
//!
//! Every use of an index folder in this process takes one lock (`lock`): the preview server
//! answers searches on its request threads, refreshing an index whose text changed, while its
//! build thread reads the same folders for related articles and the export. (Two processes on
//! one site, say `serve` and `freshdocs search`, are not kept apart; tantivy's own writer lock
//! refuses the second writer.)

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use crate::config::Site;
use crate::content::{ArticleId, Content, JudgedId, PageRef, SectionId, Source, Table};
use crate::error::Error;
use crate::markdown::Rendered;
use crate::output::Staging;
use crate::pages::ArticleMeta;
use crate::search::{self, Hit, SearchDoc};

const STAMP: &str = "freshdocs-stamp";

/// How many results a search gives when not told (`freshdocs search --limit`, the preview's
/// `limit=`).
pub(crate) const DEFAULT_LIMIT: usize = 10;

/// Where the index of a language lives: never in the source tree (docs/ARCHITECTURE.md §6). In
/// a git repository, under its git directory, beside the history cache:
/// `<gitdir>/freshdocs/search/<site>/<lang>/`, where `<site>` names the site's folder in the work
/// tree (`docs+content`, or `root`), so two sites of one repository keep apart. Elsewhere, in the
/// user's cache folder, under a name made from the site's absolute path. Each language's index is
/// the folder named by its code below it. An old version's index has its label after an `@`
/// (`docs+content@v1.2`): a version kept as a folder of copies (Docusaurus's) shares its site
/// folder with the current docs. Finding the repository costs a discovery: compute this once per
/// use, not once per language.
pub(crate) fn index_root(site: &Site) -> PathBuf {
    let absolute = site.root.canonicalize().unwrap_or_else(|_| site.root.clone());
    let version = site.version.as_deref().filter(|nav| nav.this != 0).map(|nav| format!("@{}", nav.here().label));
    let version = version.unwrap_or_default();
    if let Ok(Some(repo)) = crate::history::discover(&absolute)
        && let Ok(inside) =
            absolute.strip_prefix(repo.workdir().canonicalize().unwrap_or_else(|_| repo.workdir().into()))
    {
        let name: Vec<String> = inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let name = if name.is_empty() { "root".to_string() } else { name.join("+") };
        return repo.git_dir().join("freshdocs").join("search").join(name + &version);
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    absolute.hash(&mut hasher);
    let leaf = absolute.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let name = format!("{leaf}-{:016x}{version}", hasher.finish());
    user_cache_dir().join("freshdocs").join("search").join(name)
}

/// Where the site a build replaced is kept, for the next build to start from (see
/// [`Staging`]): beside the search index, in `<…>/freshdocs/site/<site>-<output>`, where
/// `<output>` is a hash of the output folder's absolute path (two outputs of one site, `public/`
/// and a `--out` elsewhere, keep apart). None with `FRESHDOCS_NO_CACHE`, which builds from
/// nothing.
pub(crate) fn spare_site(site: &Site) -> Option<PathBuf> {
    let dir = beside_index(site, "site")?;
    let output = site.output_dir.canonicalize().unwrap_or_else(|_| site.output_dir.clone());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    output.hash(&mut hasher);
    let name = format!("{}-{:016x}", dir.file_name()?.to_string_lossy(), hasher.finish());
    Some(dir.with_file_name(name))
}

/// Where the renderings of the last build are kept (`markdown::SavedRenders`), beside the search
/// index: `<…>/freshdocs/render/<site>`. None with `FRESHDOCS_NO_CACHE`.
pub(crate) fn saved_renders(site: &Site) -> Option<PathBuf> {
    beside_index(site, "render")
}

/// Where a site with versions keeps the renderings of its last build (`markdown::RenderCache`):
/// beside [`saved_renders`]' file, named `<site>.versions` (the two files differ in layout).
pub(crate) fn saved_version_renders(site: &Site) -> Option<PathBuf> {
    let file = saved_renders(site)?;
    Some(file.with_file_name(format!("{}.versions", file.file_name()?.to_string_lossy())))
}

/// Where a site keeps what each of its articles names (`drift::kept`), beside [`saved_renders`]'
/// file.
pub(crate) fn saved_mentions(site: &Site) -> Option<PathBuf> {
    beside_index(site, "mentions")
}

/// `<…>/freshdocs/<kind>/<site>`, for the [`index_root`] `<…>/freshdocs/search/<site>`.
fn beside_index(site: &Site, kind: &str) -> Option<PathBuf> {
    if crate::history::cache::disabled_by_env() {
        return None;
    }
    let index = index_root(site);
    Some(index.parent()?.parent()?.join(kind).join(index.file_name()?))
}

/// The running binary, named by its size and modification time: what a cache of its own output
/// is only valid for, so that a rebuilt binary starts over even where no version number changed.
pub(crate) fn binary_identity() -> Option<String> {
    let binary = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    let built = binary.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("binary {} {}", binary.len(), built.as_nanos()))
}

/// The user's cache folder: `$XDG_CACHE_HOME`, else `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows, `~/.cache` elsewhere; the temporary folder as a last resort.
fn user_cache_dir() -> PathBuf {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return dir;
    }
    if cfg!(windows)
        && let Some(dir) = var("LOCALAPPDATA")
    {
        return dir;
    }
    match var("HOME") {
        Some(home) if cfg!(target_os = "macos") => home.join("Library").join("Caches"),
        Some(home) => home.join(".cache"),
        None => std::env::temp_dir(),
    }
}

/// Whether every language with articles has an index (to reuse rather than refresh).
pub(crate) fn indexed(site: &Site, content: &Content) -> bool {
    let root = index_root(site);
    site.languages
        .iter()
        .filter(|l| content.articles.iter().any(|a| a.lang == l.code))
        .all(|l| root.join(&l.code).join(STAMP).is_file())
}

/// What search knows of one build: every language of the site, with its documents and the
/// folder of its index. Cheap to clone (documents are shared), so the preview server hands one
/// to its request threads with every build it serves.
#[derive(Debug, Clone)]
pub(crate) struct SiteSearch {
    /// The language searched when none is named (the site's default).
    default_language: String,
    /// In the order of the configuration.
    languages: Vec<Arc<LanguageSearch>>,
}

/// One language: its documents as the build rendered them, and where their index lives.
#[derive(Debug)]
struct LanguageSearch {
    code: String,
    dir: PathBuf,
    docs: Vec<Arc<SearchDoc>>,
    /// The hash [`refresh_index`] compares with the index's stamp file; computed on first use,
    /// since a rebuild that reuses the index never needs it.
    stamp: OnceLock<String>,
}

impl LanguageSearch {
    fn new(code: String, dir: PathBuf, docs: Vec<Arc<SearchDoc>>) -> LanguageSearch {
        LanguageSearch { code, dir, docs, stamp: OnceLock::new() }
    }

    fn stamp(&self) -> &str {
        self.stamp.get_or_init(|| stamp(&self.docs))
    }
}

/// The results of one query, as `freshdocs search --format json` prints them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// The query as it was asked.
    pub query: String,
    /// Best first.
    pub results: Vec<Hit>,
}

impl SearchResults {
    /// The JSON of `freshdocs search --format json` (and of the preview's search API), pretty
    /// printed, with a final newline.
    ///
    /// It goes through a [`serde_json::Value`], as the CLI always has: that is what sorts the keys
    /// and widens scores to `f64` in the output scripts already read.
    pub fn to_json(&self) -> String {
        serde_json::to_value(self).and_then(|v| serde_json::to_string_pretty(&v)).unwrap_or_default() + "\n"
    }
}

/// Why [`SiteSearch::search`] could not answer.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The site has no such language; `known` lists the codes it has, default first.
    #[error("{}", crate::error::no_such_language(lang, known))]
    UnknownLanguage { lang: String, known: Vec<String> },
    /// The index could not be written or read.
    #[error(transparent)]
    Index(#[from] Error),
}

impl SiteSearch {
    /// The documents of every language, from what the build read and rendered (`dates` gives
    /// each page's last change): its articles, then its section pages with text.
    pub(crate) fn new(
        site: &Site,
        content: &Content,
        rendered: &Table<ArticleId, Rendered>,
        sections: &Table<SectionId, Option<Rendered>>,
        dates: &Table<JudgedId, ArticleMeta>,
    ) -> SiteSearch {
        let root = index_root(site);
        let languages = site
            .languages
            .iter()
            .map(|language| {
                let articles = content
                    .articles
                    .enumerate()
                    .filter(|(_, a)| a.lang == language.code)
                    .map(|(i, _)| Arc::new(document(content, rendered, dates, i)));
                let sections = content
                    .sections
                    .enumerate()
                    .filter(|(_, s)| s.lang == language.code)
                    .filter_map(|(i, _)| section_document(content, sections, dates, i).map(Arc::new));
                let docs = articles.chain(sections).collect();
                Arc::new(LanguageSearch::new(language.code.clone(), root.join(&language.code), docs))
            })
            .collect();
        SiteSearch { default_language: site.default_language().code.clone(), languages }
    }

    /// The language codes of the site, default first.
    pub(crate) fn languages(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.code.clone()).collect()
    }

    /// The languages that have articles, with the folder of each one's index.
    pub(crate) fn indexed_languages(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.languages.iter().filter(|l| !l.docs.is_empty()).map(|l| (l.code.as_str(), l.dir.as_path()))
    }

    /// Rewrites the index of every language whose documents changed, the languages side by side:
    /// each is its own folder and writer, and on a cold build of a large site indexing is most
    /// of the time (`build --timings`).
    pub(crate) fn refresh(&self) -> Result<(), Error> {
        let _lock = lock();
        let languages: Vec<&LanguageSearch> =
            self.languages.iter().filter(|l| !l.docs.is_empty()).map(|l| &**l).collect();
        crate::parallel::each(&languages, |language| refresh_index(language)).into_iter().collect()
    }

    /// Searches `lang` (the default language if `None`) for `query`: the best `limit` hits,
    /// best first. The language's index is rewritten first if its text changed since it was
    /// written, so the answer is always about the text of this build.
    pub fn search(&self, lang: Option<&str>, query: &str, limit: usize) -> Result<SearchResults, QueryError> {
        let lang = lang.unwrap_or(&self.default_language);
        let Some(language) = self.languages.iter().find(|l| l.code == lang) else {
            return Err(QueryError::UnknownLanguage { lang: lang.to_string(), known: self.languages() });
        };
        let results = if language.docs.is_empty() {
            Vec::new()
        } else {
            let _lock = lock();
            refresh_index(language)?;
            search::search(&language.dir, query, limit).map_err(Error::from)?
        };
        Ok(SearchResults { query: query.to_string(), results })
    }

    /// Takes in the new text of article `i` (its body and headings; its title and language are
    /// as before), so that the next search sees it.
    pub(crate) fn update_article(
        &mut self,
        content: &Content,
        rendered: &Table<ArticleId, Rendered>,
        dates: &Table<JudgedId, ArticleMeta>,
        i: ArticleId,
    ) {
        let lang = &content.articles[i].lang;
        let at = content.articles.iter().take(i.0).filter(|a| &a.lang == lang).count();
        let Some(language) = self.languages.iter_mut().find(|l| &l.code == lang) else { return };
        let mut docs = language.docs.clone();
        if let Some(doc) = docs.get_mut(at) {
            *doc = Arc::new(document(content, rendered, dates, i));
        }
        *language = Arc::new(LanguageSearch::new(language.code.clone(), language.dir.clone(), docs));
    }
}

/// Holds every other user of the index folders off until dropped (see the module docs).
fn lock() -> MutexGuard<'static, ()> {
    static INDEXES: Mutex<()> = Mutex::new(());
    INDEXES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The search document of article `i`.
fn document(
    content: &Content,
    rendered: &Table<ArticleId, Rendered>,
    dates: &Table<JudgedId, ArticleMeta>,
    i: ArticleId,
) -> SearchDoc {
    let article = &content.articles[i];
    let updated = dates.get(JudgedId::article(i));
    page_document(content, PageRef::Article(i), &article.source, &rendered[i], Some(article.section), updated)
}

/// The search document of section `i`'s page: none for the home page (where the search box
/// already is) or a section without text of its own.
fn section_document(
    content: &Content,
    rendered: &Table<SectionId, Option<Rendered>>,
    dates: &Table<JudgedId, ArticleMeta>,
    i: SectionId,
) -> Option<SearchDoc> {
    let section = &content.sections[i];
    let judged = content.judged_id(PageRef::Section(i))?;
    let (index, rendered) = (section.index.as_ref()?, rendered[i].as_ref()?);
    if section.key.is_empty() {
        return None;
    }
    Some(page_document(content, PageRef::Section(i), index, rendered, section.parent, dates.get(judged)))
}

/// The search document of `page`, read from `source` and rendered as `rendered`, in the section
/// `in_section` (none, or the home section, gives no section title), with its dates `meta`.
fn page_document(
    content: &Content,
    page: PageRef,
    source: &Source,
    rendered: &Rendered,
    in_section: Option<SectionId>,
    meta: Option<&ArticleMeta>,
) -> SearchDoc {
    let (title, lang) = match page {
        PageRef::Article(i) => (&content.articles[i].title, &content.articles[i].lang),
        PageRef::Section(i) => (&content.sections[i].title, &content.sections[i].lang),
    };
    let section = in_section.map(|s| &content.sections[s]).filter(|s| !s.key.is_empty());
    SearchDoc {
        path: source.rel_path.clone(),
        url: content.url_of(page).to_string(),
        title: title.clone(),
        description: source.front.description.clone().unwrap_or_default(),
        headings: rendered.toc.iter().map(|t| t.title.as_str()).collect::<Vec<_>>().join("\n"),
        body: rendered.text.clone(),
        tags: source.front.tags.clone(),
        section: section.map(|s| s.title.clone()).unwrap_or_default(),
        lang: lang.clone(),
        updated: meta.and_then(|d| d.updated).map(|d| d.to_rfc3339()),
    }
}

/// Writes the index of a language unless it already holds exactly its documents. The caller
/// holds [`lock`].
fn refresh_index(language: &LanguageSearch) -> Result<(), Error> {
    let stamp = language.stamp();
    let stamp_path = language.dir.join(STAMP);
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s.trim() == stamp) {
        return Ok(());
    }
    match search::write_index(&language.dir, &language.docs) {
        // The folder is this cache's own (never the source tree): an index that an older
        // freshdocs wrote with other fields is written anew, not left for the writer to delete.
        Err(search::SearchError::Outdated { dir }) => {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot remove the outdated search index", e))?;
            search::write_index(&language.dir, &language.docs)?;
        }
        other => {
            other?;
        }
    }
    std::fs::write(&stamp_path, stamp).map_err(|e| Error::io(&stamp_path, "cannot write", e))?;
    Ok(())
}

/// Related articles of every article of a language (path → title and URL), from the index;
/// cached beside it until its documents change.
pub(crate) fn related(dir: &Path, limit: usize) -> Result<HashMap<String, Vec<(String, String)>>, Error> {
    let _lock = lock();
    let stamp = std::fs::read_to_string(dir.join(STAMP)).unwrap_or_default();
    let cache = dir.join(format!("related-{limit}.json"));
    if let Ok(text) = std::fs::read_to_string(&cache)
        && let Ok((cached_stamp, related)) =
            serde_json::from_str::<(String, HashMap<String, Vec<(String, String)>>)>(&text)
        && cached_stamp == stamp.trim()
    {
        return Ok(related);
    }
    let hits = search::query::related_all(dir, limit)?;
    let related: HashMap<String, Vec<(String, String)>> =
        hits.into_iter().map(|(path, hits)| (path, hits.into_iter().map(|h| (h.title, h.url)).collect())).collect();
    let text = serde_json::to_string(&(stamp.trim(), &related)).unwrap_or_default();
    std::fs::write(&cache, text).map_err(|e| Error::io(&cache, "cannot write", e))?;
    Ok(related)
}

/// The export of an index kept beside it, as one file (a large site's export is thousands of
/// small files, and creating a file costs more than writing its bytes), and the stamp file that
/// says what it was made from.
const KEPT_EXPORT: &str = "export.pack";
const EXPORT_STAMP: &str = "export.stamp";

/// Exports the index in `dir` for the browser into the folder `rel` of the site being written
/// (see [`search::export_to`]). The export is made once per index and binary, kept in
/// `<dir>/export.pack`, and unpacked from there while both stay the same: each file through
/// [`Staging::write`], so that a file the earlier site holds with the same bytes is kept.
pub(crate) fn export(dir: &Path, out: &Staging, rel: &str) -> Result<(), Error> {
    let _lock = lock();
    let (kept, stamp_path) = (dir.join(KEPT_EXPORT), dir.join(EXPORT_STAMP));
    let stamp = export_stamp(dir);
    if stamp.is_some() && std::fs::read_to_string(&stamp_path).ok() == stamp {
        // A pack that cannot be read is made again, below.
        if let Ok(files) = pack_contents(&kept) {
            return unpack(&kept, &files, |name, bytes| out.write(&format!("{rel}/{name}"), bytes));
        }
    }
    // The stamp goes first and comes back last: a pack is trusted only once it is whole.
    let _ = std::fs::remove_file(&stamp_path);
    let packer = match &stamp {
        Some(_) => Some(Mutex::new(Packer::create(&kept).map_err(|e| Error::io(&kept, "cannot write", e))?)),
        None => None,
    };
    search::export_to(dir, &|name: &str, bytes: &[u8]| {
        out.write(&format!("{rel}/{name}"), bytes)?;
        if let Some(packer) = &packer {
            let mut packer = packer.lock().unwrap_or_else(PoisonError::into_inner);
            packer.add(name, bytes).map_err(|e| Error::io(&kept, "cannot write", e))?;
        }
        Ok::<(), Error>(())
    })?;
    if let (Some(packer), Some(stamp)) = (packer, stamp) {
        let packer = packer.into_inner().unwrap_or_else(PoisonError::into_inner);
        packer.finish().map_err(|e| Error::io(&kept, "cannot write", e))?;
        std::fs::write(&stamp_path, stamp).map_err(|e| Error::io(&stamp_path, "cannot write", e))?;
    }
    Ok(())
}

/// A pack being written: for each file, its name's length (u16, little-endian), its name, its
/// length (u64) and its bytes, in any order. Written beside and renamed into place by
/// [`Packer::finish`].
struct Packer {
    w: std::io::BufWriter<std::fs::File>,
    partial: PathBuf,
    to: PathBuf,
}

impl Packer {
    fn create(to: &Path) -> std::io::Result<Packer> {
        let partial = to.with_extension("partial");
        let w = std::io::BufWriter::new(std::fs::File::create(&partial)?);
        Ok(Packer { w, partial, to: to.to_path_buf() })
    }

    fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write as _;
        self.w.write_all(&(name.len() as u16).to_le_bytes())?;
        self.w.write_all(name.as_bytes())?;
        self.w.write_all(&(bytes.len() as u64).to_le_bytes())?;
        self.w.write_all(bytes)
    }

    fn finish(mut self) -> std::io::Result<()> {
        use std::io::Write as _;
        self.w.flush()?;
        drop(self.w);
        std::fs::rename(&self.partial, &self.to)
    }
}

/// Writes the files of the folder `from` into one pack at `to` (see [`Packer`]).
#[cfg(test)]
fn pack(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut packer = Packer::create(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            packer.add(&entry.file_name().to_string_lossy(), &std::fs::read(entry.path())?)?;
        }
    }
    packer.finish()
}

/// The files of the pack at `from`, in order: each one's name, and where its bytes start and
/// how many there are. Fails unless the pack is whole: nothing is written from a damaged one.
fn pack_contents(from: &Path) -> std::io::Result<Vec<(String, u64, u64)>> {
    use std::io::Read as _;
    let total = std::fs::metadata(from)?.len();
    let mut r = std::io::BufReader::new(std::fs::File::open(from)?);
    let mut files = Vec::new();
    let mut at = 0u64;
    let mut len = [0u8; 8];
    // The pack ends between two files, or not at all.
    while at < total {
        r.read_exact(&mut len[..2])?;
        let mut name = vec![0u8; usize::from(u16::from_le_bytes([len[0], len[1]]))];
        r.read_exact(&mut name)?;
        let name = String::from_utf8(name).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        // Only plain file names: a damaged pack never writes outside the export's folder.
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "a name in the pack is not a file name"));
        }
        r.read_exact(&mut len)?;
        let size = u64::from_le_bytes(len);
        let start = at + 2 + name.len() as u64 + 8;
        if start + size > total {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the pack ends inside a file"));
        }
        r.seek_relative(size as i64)?;
        files.push((name, start, size));
        at = start + size;
    }
    Ok(files)
}

/// Hands each of `files` of the pack at `from` to `write`.
fn unpack(
    from: &Path,
    files: &[(String, u64, u64)],
    write: impl Fn(&str, &[u8]) -> Result<(), Error>,
) -> Result<(), Error> {
    use std::io::{Read as _, Seek as _};
    let mut r = std::fs::File::open(from).map_err(|e| Error::io(from, "cannot read", e))?;
    let mut bytes = Vec::new();
    for (name, start, size) in files {
        bytes.resize(*size as usize, 0);
        r.seek(std::io::SeekFrom::Start(*start))
            .and_then(|_| r.read_exact(&mut bytes))
            .map_err(|e| Error::io(from, "cannot read", e))?;
        write(name, &bytes)?;
    }
    Ok(())
}

/// What an export depends on: the index (its stamp: documents, analyzer, freshdocs version) and
/// the code that writes it, named by the running binary's size and time, so that a rebuilt
/// binary exports again even where no version number changed. `None` when either is unknown.
fn export_stamp(dir: &Path) -> Option<String> {
    let index = std::fs::read_to_string(dir.join(STAMP)).ok()?;
    Some(format!("{}\n{}\n", index.trim(), binary_identity()?))
}

/// The hash of the documents and of the analyzer that indexed them.
fn stamp(docs: &[Arc<SearchDoc>]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    search::analyzer::ANALYZER_VERSION.hash(&mut hasher);
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for doc in docs {
        (
            &doc.path,
            &doc.url,
            &doc.title,
            &doc.description,
            &doc.headings,
            &doc.body,
            &doc.tags,
            &doc.section,
            &doc.updated,
        )
            .hash(&mut hasher);
    }
    format!("{:016x}-{}", hasher.finish(), docs.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(dir: &Path, body: &str) {
        let doc = SearchDoc {
            path: "refunds.md".into(),
            url: "/refunds/".into(),
            title: "Refunds".into(),
            body: body.into(),
            lang: "en".into(),
            ..SearchDoc::default()
        };
        search::write_index(dir, &[doc]).unwrap();
        std::fs::write(dir.join(STAMP), body).unwrap();
    }

    #[test]
    fn an_unchanged_index_is_exported_once_and_unpacked_after() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("en");
        index(&dir, "Money back within 30 days.");
        // Exports into a new site `name`; its files and bytes, and the folder.
        let out = |name: &str| {
            let staging = Staging::new(&tmp.path().join(name), None).unwrap();
            export(&dir, &staging, "search/en").unwrap();
            let written = (staging.files(), staging.bytes());
            staging.commit().unwrap();
            (tmp.path().join(name).join("search/en"), written)
        };
        let (first, written) = out("first");
        let direct = tmp.path().join("direct");
        let stats = search::export(&dir, &direct).unwrap();
        assert_eq!(written, (stats.files, stats.bytes));
        assert_eq!(
            std::fs::read(first.join(search::META_FILE)).unwrap(),
            std::fs::read(direct.join(search::META_FILE)).unwrap()
        );
        assert!(!first.join(EXPORT_STAMP).exists(), "the stamp stays beside the index");

        assert!(dir.join(KEPT_EXPORT).is_file() && dir.join(EXPORT_STAMP).is_file());
        // Marked, to see where the next export comes from.
        let marked = tmp.path().join("marked");
        std::fs::create_dir(&marked).unwrap();
        std::fs::write(marked.join(search::META_FILE), "kept").unwrap();
        pack(&marked, &dir.join(KEPT_EXPORT)).unwrap();
        let (second, written) = out("second");
        assert_eq!(written, (1, 4));
        assert_eq!(std::fs::read_to_string(second.join(search::META_FILE)).unwrap(), "kept");

        // A pack cut short is made again, and the site gets the whole export.
        let whole = std::fs::read(dir.join(KEPT_EXPORT)).unwrap();
        std::fs::write(dir.join(KEPT_EXPORT), &whole[..whole.len() - 2]).unwrap();
        let (cut, written) = out("cut");
        assert_eq!(written, (stats.files, stats.bytes));
        assert_eq!(std::fs::read_dir(&cut).unwrap().count(), stats.files);

        index(&dir, "Money back within 60 days.");
        let (third, _) = out("third");
        assert_ne!(std::fs::read(third.join(search::META_FILE)).unwrap(), b"kept", "a changed index is exported again");
    }
}
