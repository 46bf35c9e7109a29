//! Rendering a document once for every version of a site that has it (`[versions]`).
//!
//! An article that did not change between two releases is the same Markdown in both, but what
//! its links lead to may differ: each version has its own pages and files, under its own base
//! path (`/` and `/v1.2/`). [`RenderCache::render`] renders a document the first time it is seen
//! and keeps, beside the result, every question the renderer asked the link resolver, with the
//! answers written relative to the version's base path. Another version whose document has the
//! same bytes, first line, callout labels and highlighting setting asks its own resolver the same
//! questions: when every answer is the same, so is the rendered body, since [`render`] depends on
//! nothing but those inputs and those answers. The kept body is then reused with the version's
//! base path put in. When one answer differs (a link whose target moved or is gone, an image of
//! another size), the document is rendered again, and that rendering is kept too.
//!
//! In a kept body the base path is a stand-in: letters, digits and `-` (which no escaping
//! changes) with 64 random bits, new in every build, so that no document can hold it; one that
//! does anyway, or a label or answer that does, is rendered without the cache.
//!
//! This module knows nothing of versions or sites: the caller says which base path a resolver's
//! answers are under.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use super::saved::Key;
use super::{CalloutLabels, LinkResolver, OutgoingLink, Rendered, Resolved, images, render};
use crate::history::cache::{read_file, write_file};

/// How many documents a build rendered, and how many it took from another version's rendering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderCount {
    pub rendered: usize,
    pub reused: usize,
}

/// Renderings kept for the other versions of one build, and, when loaded from a file, for the
/// next build (see [`RenderCache::load`]).
pub(crate) struct RenderCache {
    /// What stands for the base path in kept renderings.
    stand_in: String,
    kept: Mutex<HashMap<Key, Vec<Arc<Kept>>>>,
    /// Documents being rendered now: another build (versions are built side by side) that
    /// needs one of them waits for that rendering rather than making its own, so what is
    /// rendered, and counted, does not depend on timing.
    rendering: Mutex<HashSet<Key>>,
    rendered_one: Condvar,
    rendered: AtomicUsize,
    reused: AtomicUsize,
    /// The file the renderings are saved in, and the binary that may read it.
    file: Option<(PathBuf, String)>,
    /// Whether the file was written by this binary.
    known: bool,
    /// Renderings read from the file.
    loaded: usize,
}

/// A rendering with the stand-in for the base path, and the questions that produced it.
struct Kept {
    rendered: Rendered,
    asked: Vec<Question>,
    /// Taken or made by this build: saved for the next.
    used: std::sync::atomic::AtomicBool,
}

/// Version of the saved file's layout.
const FORMAT: u32 = 1;

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    format: u32,
    binary: String,
    stand_in: String,
}

/// One question the renderer asked its [`LinkResolver`], with the answer.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) enum Question {
    /// `resolve(dest)`; the answer with the stand-in for the base path.
    Resolve(String, Resolved),
    /// `file(dest)`; the answer is what the renderer reads of that file, its image size (the
    /// file's path itself shows nowhere in the output).
    File(String, Option<Result<Option<(u64, u64)>, String>>),
}

impl Default for RenderCache {
    fn default() -> Self {
        use std::hash::{BuildHasher, Hasher};
        // A new random key every time: the standard library's seed for hash maps.
        let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
        RenderCache {
            stand_in: format!("freshdocs-base-{random:016x}-"),
            kept: Mutex::default(),
            rendering: Mutex::default(),
            rendered_one: Condvar::new(),
            rendered: AtomicUsize::default(),
            reused: AtomicUsize::default(),
            file: None,
            known: false,
            loaded: 0,
        }
    }
}

impl RenderCache {
    /// [`render`], or another version's rendering of the same document when its resolver,
    /// whose answers are under `base`, answers every question as that version's did.
    pub(crate) fn render(
        &self,
        body: &str,
        first_line: usize,
        resolver: &dyn LinkResolver,
        base: &str,
        labels: &CalloutLabels,
        highlight: bool,
    ) -> Rendered {
        let stand_in = self.stand_in.as_str();
        if body.contains(stand_in) || labels.contain(stand_in) {
            self.rendered.fetch_add(1, Ordering::Relaxed);
            return render(body, first_line, resolver, labels, highlight);
        }
        let key = Key::new(body, first_line, labels, highlight);
        let _claim = self.claim(&key);
        let candidates = self.lock().get(&key).cloned().unwrap_or_default();
        if let Some(kept) = candidates.iter().find(|kept| answers_as_before(&kept.asked, resolver, base, stand_in)) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            kept.used.store(true, Ordering::Relaxed);
            return with_base(&kept.rendered, base, stand_in);
        }
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let asking = Asking { resolver, base, stand_in, asked: RefCell::new(Vec::new()), unkeepable: Cell::new(false) };
        let rendered = render(body, first_line, &asking, labels, highlight);
        if asking.unkeepable.get() {
            return render(body, first_line, resolver, labels, highlight);
        }
        let kept = Arc::new(Kept { rendered, asked: asking.asked.into_inner(), used: true.into() });
        let result = with_base(&kept.rendered, base, stand_in);
        self.lock().entry(key).or_default().push(kept);
        result
    }

    /// The renderings a build of a site with versions saved in `file`, when the binary named
    /// `binary` wrote it (else none), kept for the next build as [`RenderCache::save`] says.
    /// Like `SavedRenders` for a site without versions: a binary's first build writes only the
    /// header, the second the renderings.
    pub(crate) fn load(file: PathBuf, binary: String) -> RenderCache {
        let mut cache = RenderCache::default();
        let mut kept: HashMap<Key, Vec<Arc<Kept>>> = HashMap::new();
        let read = read_file::<Header, (Key, Rendered, Vec<Question>)>(&file, |header| {
            header.format == FORMAT && header.binary == binary
        });
        if let Some((header, entries)) = read {
            cache.stand_in = header.stand_in;
            cache.known = true;
            cache.loaded = entries.len();
            for (key, rendered, asked) in entries {
                kept.entry(key).or_default().push(Arc::new(Kept { rendered, asked, used: false.into() }));
            }
        }
        cache.kept = Mutex::new(kept);
        cache.file = Some((file, binary));
        cache
    }

    /// Writes the renderings this build rendered or reused into the file it was loaded from, in
    /// place of what it held; nothing when nothing was rendered anew and every saved one was
    /// taken.
    pub(crate) fn save(&self) -> std::io::Result<()> {
        let Some((file, binary)) = &self.file else { return Ok(()) };
        let kept = self.lock();
        let used: Vec<(&Key, &Kept)> = kept
            .iter()
            .flat_map(|(key, all)| all.iter().map(move |k| (key, &**k)))
            .filter(|(_, k)| k.used.load(Ordering::Relaxed))
            .collect();
        let unused = kept.values().map(Vec::len).sum::<usize>() - used.len();
        if self.known && self.count().rendered == 0 && unused == 0 {
            return Ok(());
        }
        let header = Header { format: FORMAT, binary: binary.clone(), stand_in: self.stand_in.clone() };
        // A binary's first build: the header only.
        let entries = used.into_iter().filter(|_| self.known).map(|(key, k)| (key, &k.rendered, &k.asked));
        write_file(file, &header, entries)
    }

    /// The documents rendered and reused so far.
    pub(crate) fn count(&self) -> RenderCount {
        RenderCount { rendered: self.rendered.load(Ordering::Relaxed), reused: self.reused.load(Ordering::Relaxed) }
    }

    /// Waits until no one else renders the document of `key`, then claims it until the guard
    /// is dropped.
    fn claim(&self, key: &Key) -> Claim<'_> {
        let mut rendering = self.rendering.lock().unwrap_or_else(PoisonError::into_inner);
        while rendering.contains(key) {
            rendering = self.rendered_one.wait(rendering).unwrap_or_else(PoisonError::into_inner);
        }
        rendering.insert(key.clone());
        Claim { cache: self, key: key.clone() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Vec<Arc<Kept>>>> {
        // A panic while holding the lock leaves the map whole (each change is one insert).
        self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A document being rendered (see [`RenderCache::claim`]).
struct Claim<'a> {
    cache: &'a RenderCache,
    key: Key,
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        self.cache.rendering.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.key);
        self.cache.rendered_one.notify_all();
    }
}

impl CalloutLabels {
    fn contain(&self, text: &str) -> bool {
        [
            &self.note,
            &self.tip,
            &self.important,
            &self.warning,
            &self.caution,
            &self.task_done,
            &self.task_todo,
            &self.table,
        ]
        .iter()
        .any(|label| label.contains(text))
    }
}

/// Whether `resolver` gives every answer of `asked`, in order.
fn answers_as_before(asked: &[Question], resolver: &dyn LinkResolver, base: &str, stand_in: &str) -> bool {
    asked.iter().all(|question| match question {
        Question::Resolve(dest, answer) => relative(resolver.resolve(dest), base, stand_in).as_ref() == Some(answer),
        Question::File(dest, answer) => resolver.file(dest).map(|path| images::dimensions(&path)) == *answer,
    })
}

/// A resolver that writes down what it is asked, with its answers made relative to `base`.
struct Asking<'a> {
    resolver: &'a dyn LinkResolver,
    base: &'a str,
    stand_in: &'a str,
    asked: RefCell<Vec<Question>>,
    /// An answer held the stand-in itself: the rendering cannot be kept.
    unkeepable: Cell<bool>,
}

impl LinkResolver for Asking<'_> {
    fn resolve(&self, dest: &str) -> Resolved {
        let answer = self.resolver.resolve(dest);
        match relative(answer.clone(), self.base, self.stand_in) {
            Some(relative) => {
                self.asked.borrow_mut().push(Question::Resolve(dest.to_string(), relative.clone()));
                relative
            }
            None => {
                self.unkeepable.set(true);
                answer
            }
        }
    }

    fn file(&self, dest: &str) -> Option<PathBuf> {
        ask_file(self.resolver, dest, &self.asked)
    }
}

/// `resolver.file(dest)`, written down in `asked` with what the renderer reads of the file.
pub(super) fn ask_file(resolver: &dyn LinkResolver, dest: &str, asked: &RefCell<Vec<Question>>) -> Option<PathBuf> {
    let file = resolver.file(dest);
    let size = file.as_deref().map(images::dimensions);
    asked.borrow_mut().push(Question::File(dest.to_string(), size));
    file
}

/// `resolved` with `stand_in` for a leading `base` in its URLs; `None` when it already holds
/// `stand_in`.
fn relative(resolved: Resolved, base: &str, stand_in: &str) -> Option<Resolved> {
    let strip = |url: String| {
        if url.contains(stand_in) {
            return None;
        }
        Some(match url.strip_prefix(base) {
            Some(rest) => format!("{stand_in}{rest}"),
            None => url,
        })
    };
    match resolved {
        Resolved::Internal { href, page, fragment } => {
            let page = match page {
                Some(page) => Some(strip(page)?),
                None => None,
            };
            Some(Resolved::Internal { href: strip(href)?, page, fragment })
        }
        Resolved::Broken(reason) if reason.contains(stand_in) => None,
        other => Some(other),
    }
}

/// A kept rendering for the version whose base path is `base`.
fn with_base(kept: &Rendered, base: &str, stand_in: &str) -> Rendered {
    let put = |text: &str| text.replace(stand_in, base);
    let links = kept
        .links
        .iter()
        .map(|link| {
            let resolved = match &link.resolved {
                Resolved::Internal { href, page, fragment } => {
                    Resolved::Internal { href: put(href), page: page.as_deref().map(put), fragment: fragment.clone() }
                }
                other => other.clone(),
            };
            OutgoingLink { line: link.line, dest: link.dest.clone(), resolved }
        })
        .collect();
    Rendered {
        html: put(&kept.html),
        toc: kept.toc.clone(),
        h1: kept.h1.clone(),
        ids: kept.ids.clone(),
        links,
        // Plain text rarely holds a URL: then it is shared, not copied.
        text: if kept.text.contains(stand_in) { put(&kept.text).into() } else { kept.text.clone() },
        warnings: kept.warnings.clone(),
        saved_as: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::png;

    /// Resolves `x.md` to `<base>x/` when `x` is one of `pages`, else as broken; files are
    /// looked up in `dir`.
    struct Site {
        base: &'static str,
        pages: &'static [&'static str],
        dir: Option<PathBuf>,
    }

    impl LinkResolver for Site {
        fn resolve(&self, dest: &str) -> Resolved {
            let (path, fragment) = match dest.split_once('#') {
                Some((p, f)) => (p, Some(f.to_string())),
                None => (dest, None),
            };
            match path.strip_suffix(".md").filter(|stem| self.pages.contains(stem)) {
                Some(stem) => {
                    let url = format!("{}{stem}/", self.base);
                    let href = fragment.as_ref().map_or_else(|| url.clone(), |f| format!("{url}#{f}"));
                    Resolved::Internal { href, page: Some(url), fragment }
                }
                None if path.ends_with(".png") && self.dir.is_some() => {
                    Resolved::Internal { href: format!("{}{path}", self.base), page: None, fragment: None }
                }
                None => Resolved::Broken(format!("no page `{path}`")),
            }
        }

        fn file(&self, dest: &str) -> Option<PathBuf> {
            Some(self.dir.as_ref()?.join(dest)).filter(|p| p.exists())
        }
    }

    fn cached(cache: &RenderCache, md: &str, site: &Site) -> Rendered {
        cache.render(md, 1, site, site.base, &CalloutLabels::default(), true)
    }

    #[test]
    fn the_same_document_with_the_same_answers_is_rendered_once_under_each_base_path() {
        let cache = RenderCache::default();
        let md = "See [refunds](refunds.md#how).\n";
        let current = cached(&cache, md, &Site { base: "/", pages: &["refunds"], dir: None });
        let old = cached(&cache, md, &Site { base: "/v1.2/", pages: &["refunds"], dir: None });
        assert_eq!(cache.count(), RenderCount { rendered: 1, reused: 1 });
        assert!(current.html.contains("href=\"/refunds/#how\""), "{}", current.html);
        assert!(old.html.contains("href=\"/v1.2/refunds/#how\""), "{}", old.html);
        let page = |r: &Rendered| match &r.links[0].resolved {
            Resolved::Internal { page, .. } => page.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(page(&old).as_deref(), Some("/v1.2/refunds/"), "anchor checks look in the version's own page");
        // The reused rendering is the one a direct rendering gives.
        let direct = render(md, 1, &Site { base: "/v1.2/", pages: &["refunds"], dir: None }, &Default::default(), true);
        assert_eq!(old.html, direct.html);
    }

    #[test]
    fn a_different_answer_or_setting_renders_again() {
        let cache = RenderCache::default();
        let md = "See [refunds](refunds.md).\n";
        cached(&cache, md, &Site { base: "/", pages: &["refunds"], dir: None });
        let gone = cached(&cache, md, &Site { base: "/v1.0/", pages: &[], dir: None });
        assert!(matches!(gone.links[0].resolved, Resolved::Broken(_)), "{:?}", gone.links);
        cache.render(md, 2, &Site { base: "/", pages: &["refunds"], dir: None }, "/", &Default::default(), true);
        let plain = CalloutLabels { note: "Nota".into(), ..Default::default() };
        cache.render(md, 1, &Site { base: "/", pages: &["refunds"], dir: None }, "/", &plain, true);
        cache.render(md, 1, &Site { base: "/", pages: &["refunds"], dir: None }, "/", &Default::default(), false);
        assert_eq!(cache.count(), RenderCount { rendered: 5, reused: 0 });
        // Both answers are kept: each later version finds its own.
        cached(&cache, md, &Site { base: "/v0.9/", pages: &[], dir: None });
        cached(&cache, md, &Site { base: "/v1.1/", pages: &["refunds"], dir: None });
        assert_eq!(cache.count(), RenderCount { rendered: 5, reused: 2 });
    }

    #[test]
    fn an_image_of_another_size_renders_again() {
        let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(a.path().join("chart.png"), png(20, 10)).unwrap();
        std::fs::write(b.path().join("chart.png"), png(20, 10)).unwrap();
        std::fs::write(c.path().join("chart.png"), png(40, 10)).unwrap();
        let cache = RenderCache::default();
        let md = "![A chart](chart.png)\n";
        cached(&cache, md, &Site { base: "/", pages: &[], dir: Some(a.path().into()) });
        let same = cached(&cache, md, &Site { base: "/v2/", pages: &[], dir: Some(b.path().into()) });
        let other = cached(&cache, md, &Site { base: "/v1/", pages: &[], dir: Some(c.path().into()) });
        assert_eq!(cache.count(), RenderCount { rendered: 2, reused: 1 });
        assert!(same.html.contains("src=\"/v2/chart.png\"") && same.html.contains("width=\"20\""), "{}", same.html);
        assert!(other.html.contains("src=\"/v1/chart.png\"") && other.html.contains("width=\"40\""), "{}", other.html);
    }

    #[test]
    fn a_document_holding_the_stand_in_is_rendered_as_written() {
        let cache = RenderCache::default();
        let md = format!("A {} in the text, and [refunds](refunds.md).\n", cache.stand_in);
        let r = cached(&cache, &md, &Site { base: "/v1/", pages: &["refunds"], dir: None });
        assert!(r.html.contains(&cache.stand_in) && r.html.contains("href=\"/v1/refunds/\""), "{}", r.html);
        cached(&cache, &md, &Site { base: "/v1/", pages: &["refunds"], dir: None });
        assert_eq!(cache.count(), RenderCount { rendered: 2, reused: 0 });
    }
}

#[cfg(test)]
mod saved_tests {
    use super::*;

    /// Resolves `refunds.md` under `base`.
    struct Refunds(&'static str);

    impl LinkResolver for Refunds {
        fn resolve(&self, _dest: &str) -> Resolved {
            let url = format!("{}refunds/", self.0);
            Resolved::Internal { href: url.clone(), page: Some(url), fragment: None }
        }
    }

    /// One build of two versions (`/` and `/v1/`) of one document, saved at the end.
    fn build(file: &std::path::Path, binary: &str, md: &str) -> (RenderCount, String) {
        let cache = RenderCache::load(file.to_path_buf(), binary.into());
        let current = cache.render(md, 1, &Refunds("/"), "/", &CalloutLabels::default(), true);
        let old = cache.render(md, 1, &Refunds("/v1/"), "/v1/", &CalloutLabels::default(), true);
        assert_eq!(old.html.contains("href=\"/v1/refunds/\""), md.contains("refunds"), "{}", old.html);
        cache.save().unwrap();
        (cache.count(), current.html)
    }

    #[test]
    fn a_versioned_sites_renderings_are_kept_for_the_next_build() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("render/site.versions");
        let md = "See [refunds](refunds.md).\n";
        // The first build leaves the header, the second its renderings, the third takes them.
        assert_eq!(build(&file, "b", md).0, RenderCount { rendered: 1, reused: 1 });
        assert_eq!(build(&file, "b", md).0, RenderCount { rendered: 1, reused: 1 });
        let (count, html) = build(&file, "b", md);
        assert_eq!(count, RenderCount { rendered: 0, reused: 2 });
        assert!(html.contains("href=\"/refunds/\""), "{html}");
        assert_eq!(build(&file, "b", "Other text.\n").0, RenderCount { rendered: 1, reused: 1 });
        assert_eq!(build(&file, "b", md).0, RenderCount { rendered: 1, reused: 1 }, "the unused one was dropped");
        assert_eq!(build(&file, "other binary", md).0, RenderCount { rendered: 1, reused: 1 });
    }
}
