//! The renderings of the last build, kept on disk for the next (issue 14: an unchanged article
//! is not rendered again).
//!
//! [`render`] depends on nothing but the document's bytes, its first line, the callout labels,
//! the highlighting setting and what the link resolver answers (see [`super::reuse`]). The
//! renderings of one build are saved with those inputs (the bytes as a 128-bit hash) and with
//! every question the renderer asked, answered as it was; the next build takes a saved rendering
//! when the inputs are the same and its own resolver answers every question the same way, and
//! renders the document otherwise. So a rendering is taken only where rendering again would give
//! the same result, and nothing that changed (a link's target gone, an image resized, a new
//! binary) is missed.
//!
//! The file holds the binary that wrote it (its size and time, as the search export's stamp
//! does) and the site's base path; any other binary or base path reads nothing. A binary's first
//! build writes only the header, the second its renderings; later builds append what they
//! rendered anew, and write the file whole again once it holds too many renderings no build took
//! ([`SavedRenders::save`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::reuse::Question;
use super::{CalloutLabels, LinkResolver, Rendered, Resolved, images, render};
use crate::history::cache::{read_file, write_file};

/// Version of the file's layout.
const FORMAT: u32 = 1;

/// Everything [`render`] reads besides the link resolver, the body as a 128-bit hash: the key of
/// a kept rendering, here and in [`super::RenderCache`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(super) struct Key {
    body: u128,
    first_line: usize,
    labels: CalloutLabels,
    highlight: bool,
}

impl Key {
    pub(super) fn new(body: &str, first_line: usize, labels: &CalloutLabels, highlight: bool) -> Key {
        Key { body: hash128(body), first_line, labels: labels.clone(), highlight }
    }
}

/// What a rendering was made from: its inputs and the questions it asked, with their answers.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Origin {
    key: Key,
    asked: Vec<Question>,
    /// Rendered by this build, not taken from the file.
    #[serde(skip)]
    fresh: bool,
}

/// Saved renderings by their inputs, each with the questions it asked.
type Saved = HashMap<Key, Vec<(Rendered, Vec<Question>)>>;

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    format: u32,
    binary: String,
    base: String,
}

/// The last build's renderings, taken one by one by this build.
pub(crate) struct SavedRenders {
    file: PathBuf,
    binary: String,
    base: String,
    saved: Mutex<Saved>,
    /// Whether the file was written by this binary for this base path: only then is it worth
    /// filling (see [`SavedRenders::save`]).
    known: bool,
    loaded: usize,
    rendered: AtomicUsize,
    reused: AtomicUsize,
}

impl SavedRenders {
    /// Reads the renderings saved in `file` by the binary named `binary` for a site whose base
    /// path is `base`; none when the file is missing, damaged or another's.
    pub(crate) fn load(file: PathBuf, binary: String, base: &str) -> SavedRenders {
        let mut saved = Saved::new();
        let read = read_file::<Header, (Origin, Rendered)>(&file, |header| {
            header.format == FORMAT && header.binary == binary && header.base == base
        });
        let known = read.is_some();
        let loaded = read.as_ref().map_or(0, |(_, entries)| entries.len());
        for (origin, rendered) in read.into_iter().flat_map(|(_, entries)| entries) {
            saved.entry(origin.key).or_default().push((rendered, origin.asked));
        }
        SavedRenders {
            file,
            binary,
            base: base.to_string(),
            saved: Mutex::new(saved),
            known,
            loaded,
            rendered: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }

    /// [`render`], or the saved rendering of the same document whose questions `resolver`
    /// answers as before (taken: each is used once; the newest first).
    pub(crate) fn render(
        &self,
        body: &str,
        first_line: usize,
        resolver: &dyn LinkResolver,
        labels: &CalloutLabels,
        highlight: bool,
    ) -> Rendered {
        let key = Key::new(body, first_line, labels, highlight);
        let taken = {
            let mut saved = self.lock();
            let candidates = saved.get_mut(&key);
            let found =
                candidates.as_ref().and_then(|c| c.iter().rposition(|(_, asked)| answers_as_before(asked, resolver)));
            found.and_then(|i| candidates.map(|c| c.swap_remove(i)))
        };
        let (mut rendered, asked, fresh) = match taken {
            Some((rendered, asked)) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                (rendered, asked, false)
            }
            None => {
                self.rendered.fetch_add(1, Ordering::Relaxed);
                let asking = Asking { resolver, asked: RefCell::new(Vec::new()) };
                let rendered = render(body, first_line, &asking, labels, highlight);
                (rendered, asking.asked.into_inner(), true)
            }
        };
        rendered.saved_as = Some(Box::new(Origin { key, asked, fresh }));
        rendered
    }

    /// Documents rendered and taken from the last build so far.
    pub(crate) fn count(&self) -> super::RenderCount {
        super::RenderCount {
            rendered: self.rendered.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }

    /// Saves `renderings` (this build's, each made by [`SavedRenders::render`]) for the next
    /// build. The file grows by the renderings made anew, written after the last build's; it is
    /// written whole again, with this build's renderings only, when it held none or when the
    /// renderings no build took outnumber a quarter of those taken (an edited article leaves its
    /// old rendering behind). Nothing is written when nothing was rendered anew.
    ///
    /// The first build of a site by a binary writes only the file's header: a build on a fresh
    /// machine (CI) is often the only one, and writing every rendering of a large site costs it
    /// about 4 % (bench/PROFILE-10K.md). The second fills the file.
    pub(crate) fn save<'a>(&self, renderings: impl Iterator<Item = &'a Rendered>) -> std::io::Result<()> {
        let header = Header { format: FORMAT, binary: self.binary.clone(), base: self.base.clone() };
        if !self.known {
            return write_file(&self.file, &header, std::iter::empty::<()>());
        }
        let count = self.count();
        let unused = self.loaded - count.reused;
        let too_many_unused = unused > 64.max(count.reused / 4);
        if count.rendered == 0 && !too_many_unused {
            return Ok(());
        }
        let whole = self.loaded == 0 || too_many_unused;
        let entries =
            renderings.filter_map(|r| Some((r.saved_as.as_deref()?, r))).filter(|(origin, _)| whole || origin.fresh);
        if whole { write_file(&self.file, &header, entries) } else { append_file(&self.file, entries) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Saved> {
        // Each change is one insert or removal: a panic leaves the map whole.
        self.saved.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The document's bytes as 128 bits: two SipHash-1-3 hashes (the standard library's, with fixed
/// keys), the second of the bytes after a marker. The file is only read by the binary that wrote
/// it, so the hash cannot change under it.
pub(crate) fn hash128(body: &str) -> u128 {
    let mut a = std::hash::DefaultHasher::new();
    body.hash(&mut a);
    let mut b = std::hash::DefaultHasher::new();
    0xfd_u8.hash(&mut b);
    body.hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// Adds `entries` at the end of the file [`write_file`] wrote.
fn append_file<E: Serialize>(file: &Path, entries: impl Iterator<Item = E>) -> std::io::Result<()> {
    let mut w = BufWriter::new(std::fs::OpenOptions::new().append(true).open(file)?);
    for entry in entries {
        bincode::serialize_into(&mut w, &entry).map_err(std::io::Error::other)?;
    }
    w.flush()
}

/// Whether `resolver` gives every answer of `asked`.
fn answers_as_before(asked: &[Question], resolver: &dyn LinkResolver) -> bool {
    asked.iter().all(|question| match question {
        Question::Resolve(dest, answer) => resolver.resolve(dest) == *answer,
        Question::File(dest, answer) => resolver.file(dest).map(|path| images::dimensions(&path)) == *answer,
    })
}

/// A resolver that writes down what it is asked, with its answers.
struct Asking<'a> {
    resolver: &'a dyn LinkResolver,
    asked: RefCell<Vec<Question>>,
}

impl LinkResolver for Asking<'_> {
    fn resolve(&self, dest: &str) -> Resolved {
        let answer = self.resolver.resolve(dest);
        self.asked.borrow_mut().push(Question::Resolve(dest.to_string(), answer.clone()));
        answer
    }

    fn file(&self, dest: &str) -> Option<PathBuf> {
        super::reuse::ask_file(self.resolver, dest, &self.asked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::RenderCount;
    use std::path::Path;

    /// Resolves `x.md` to `/x/` when `x` is one of the pages, else as broken.
    struct Pages(&'static [&'static str]);

    impl LinkResolver for Pages {
        fn resolve(&self, dest: &str) -> Resolved {
            match dest.strip_suffix(".md").filter(|stem| self.0.contains(stem)) {
                Some(stem) => {
                    Resolved::Internal { href: format!("/{stem}/"), page: Some(format!("/{stem}/")), fragment: None }
                }
                None => Resolved::Broken(format!("no page `{dest}`")),
            }
        }
    }

    /// One build: the renderings of `docs`, taken from `file` where they can be, then saved.
    fn build(file: &Path, binary: &str, docs: &[String], pages: &Pages) -> (RenderCount, Vec<Rendered>) {
        let saved = SavedRenders::load(file.to_path_buf(), binary.into(), "/");
        let rendered: Vec<Rendered> =
            docs.iter().map(|md| saved.render(md, 1, pages, &CalloutLabels::default(), true)).collect();
        saved.save(rendered.iter()).unwrap();
        (saved.count(), rendered)
    }

    fn docs(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn an_unchanged_document_is_taken_from_the_last_build() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("render/site");
        let pages = Pages(&["refunds"]);
        let first_docs = docs(&["See [refunds](refunds.md).\n", "# Cards\n\nText.\n"]);
        // The first build leaves the file's header only, the second its renderings.
        let (count, first) = build(&file, "b1", &first_docs, &pages);
        assert_eq!(count, RenderCount { rendered: 2, reused: 0 });
        assert_eq!(build(&file, "b1", &first_docs, &pages).0, RenderCount { rendered: 2, reused: 0 });
        let (count, again) = build(&file, "b1", &first_docs, &pages);
        assert_eq!(count, RenderCount { rendered: 0, reused: 2 });
        for (a, b) in first.iter().zip(&again) {
            assert_eq!((&a.html, &a.h1, &a.text, &a.ids), (&b.html, &b.h1, &b.text, &b.ids));
        }
        assert_eq!(
            again[0].links[0].resolved,
            Resolved::Internal { href: "/refunds/".into(), page: Some("/refunds/".into()), fragment: None }
        );

        // An edited document is rendered again, and its rendering added to the file.
        let size = std::fs::metadata(&file).unwrap().len();
        let edited = docs(&["See [refunds](refunds.md).\n", "# Cards\n\nNew text.\n"]);
        assert_eq!(build(&file, "b1", &edited, &pages).0, RenderCount { rendered: 1, reused: 1 });
        assert!(std::fs::metadata(&file).unwrap().len() > size, "appended");
        // Its earlier text comes back: that rendering is still there.
        assert_eq!(build(&file, "b1", &first_docs, &pages).0, RenderCount { rendered: 0, reused: 2 });

        // A link whose page is gone: the same bytes, another answer, rendered again.
        let (count, gone) = build(&file, "b1", &first_docs, &Pages(&[]));
        assert_eq!(count, RenderCount { rendered: 1, reused: 1 });
        assert!(matches!(gone[0].links[0].resolved, Resolved::Broken(_)), "{:?}", gone[0].links);

        // Another binary, or a file cut short, reads nothing.
        assert_eq!(build(&file, "b2", &first_docs, &pages).0, RenderCount { rendered: 2, reused: 0 });
        assert_eq!(build(&file, "b2", &first_docs, &pages).0, RenderCount { rendered: 2, reused: 0 });
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 3]).unwrap();
        assert_eq!(build(&file, "b2", &first_docs, &pages).0, RenderCount { rendered: 2, reused: 0 });
        assert_eq!(build(&file, "b2", &first_docs, &pages).0, RenderCount { rendered: 0, reused: 2 });
    }

    #[test]
    fn renderings_no_build_takes_are_dropped_once_they_are_many() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("site");
        let pages = Pages(&[]);
        let a: Vec<String> = (0..70).map(|i| format!("Article {i}.\n")).collect();
        let b: Vec<String> = (0..70).map(|i| format!("Another article {i}.\n")).collect();
        build(&file, "b", &a, &pages);
        build(&file, "b", &a, &pages);
        let size = std::fs::metadata(&file).unwrap().len();
        // 70 unused (more than 64): the file is written whole, with b's renderings only.
        assert_eq!(build(&file, "b", &b, &pages).0, RenderCount { rendered: 70, reused: 0 });
        let whole = std::fs::metadata(&file).unwrap().len();
        assert!(whole < size * 3 / 2, "{whole} against {size}: not appended");
        assert_eq!(build(&file, "b", &a, &pages).0, RenderCount { rendered: 70, reused: 0 });
    }
}
