//! Link resolution for the whole site: which page, section or file a destination written in an
//! article means, and whether the anchor it names exists.
//!
//! Writers link the way their editor and GitHub understand: to `.md` files, relatively or from
//! the content root, with `#anchors`. Content from other tools links to site URLs (`/billing/`,
//! `../refunds/`). Both are accepted; every destination becomes a site-absolute URL.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::content::slug::{decode_percent, encode_path};
use crate::content::{Asset, Content, PageRef, SectionId};
use crate::markdown::{LinkResolver, Resolved};

/// A link to a missing page, file or anchor, on the page it was written in.
#[derive(Debug, Clone)]
pub(crate) struct BrokenLink {
    pub(crate) page: PageRef,
    pub(crate) line: usize,
    /// "broken link `dest`: why".
    pub(crate) message: String,
}

/// What the resolver knows of the site.
pub(crate) struct SiteIndex<'a> {
    content: &'a Content,
    base_path: &'a str,
    /// Content-relative paths of articles and section index files.
    sources: HashMap<&'a str, PageRef>,
    /// Other names a page answers to: its path lower-cased (`configuration` for
    /// `Configuration.md`) and a Docusaurus `id:` (`watch-plugins` for `WatchPlugins.md`).
    other_names: HashMap<String, PageRef>,
    /// Content-relative folder paths of sections.
    folders: HashMap<String, SectionId>,
    /// Files that are not Markdown, by content-relative path.
    assets: HashMap<&'a str, &'a Asset>,
    /// The same by site URL, where it is not their path (VitePress's `public/` files are at the
    /// site's root).
    asset_urls: HashMap<&'a str, &'a Asset>,
    /// Every page URL, lower-cased.
    urls: HashSet<String>,
    /// Alias URL (lower-cased, with the base path) → the article's URL.
    aliases: HashMap<String, &'a str>,
    /// The content folder's place in its git repository (`docs/`), when it is in one.
    repo_prefix: Option<String>,
    /// The repository around the content folder, for links to its other files.
    repository: Option<Repository>,
}

/// The git work tree the content folder is in, and where its files are shown.
struct Repository {
    root: PathBuf,
    /// The content folder's place in it (`docs/`, or `""`).
    prefix: String,
    /// None when neither `repository` nor the `origin` remote says.
    forge: Option<crate::forge::Forge>,
}

impl<'a> SiteIndex<'a> {
    pub(crate) fn new(content: &'a Content, base_path: &'a str, default_lang: &str) -> Self {
        let mut sources = HashMap::new();
        let mut other_names = HashMap::new();
        for (i, article) in content.articles.enumerate() {
            sources.insert(article.source.rel_path.as_str(), PageRef::Article(i));
            other_names.entry(article.source.rel_path.to_lowercase()).or_insert(PageRef::Article(i));
            if let Some(id) = article.source.front.extra.get("id").and_then(|v| v.as_str()) {
                let dir = article.source.rel_path.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
                other_names.entry(format!("{dir}{id}").to_lowercase()).or_insert(PageRef::Article(i));
            }
        }
        let mut folders = HashMap::new();
        for (i, section) in content.sections.enumerate() {
            if let Some(index) = &section.index {
                sources.insert(index.rel_path.as_str(), PageRef::Section(i));
            }
            let folder = if section.lang == default_lang {
                section.key.clone()
            } else if section.key.is_empty() {
                section.lang.clone()
            } else {
                format!("{}/{}", section.lang, section.key)
            };
            folders.entry(folder).or_insert(i);
        }
        let assets = content.assets.iter().map(|a| (a.rel_path.as_str(), a)).collect();
        let asset_urls = content
            .assets
            .iter()
            .filter(|a| a.site_path(base_path) != a.rel_path)
            .map(|a| (a.url.as_str(), a))
            .collect();
        let urls = content
            .articles
            .iter()
            .map(|a| a.url.to_lowercase())
            .chain(content.sections.iter().map(|s| s.url.to_lowercase()))
            .collect();
        let mut aliases = HashMap::new();
        for article in &content.articles {
            for alias in &article.source.front.aliases {
                if let Some(file) = crate::output::alias_path(alias, base_path) {
                    let url = format!("{base_path}{}", file.trim_end_matches("index.html")).to_lowercase();
                    aliases.insert(url, article.url.as_str());
                }
            }
        }
        SiteIndex {
            content,
            base_path,
            sources,
            other_names,
            folders,
            assets,
            asset_urls,
            urls,
            aliases,
            repo_prefix: None,
            repository: None,
        }
    }

    /// The index of a site's content, which also reads rooted links through the content folder's
    /// place in its repository.
    pub(crate) fn of_site(content: &'a Content, site: &'a crate::config::Site) -> Self {
        let mut index = SiteIndex::new(content, &site.base_path, &site.default_language().code);
        if let Some((root, prefix)) = repository_of(&site.content_dir) {
            let forge = crate::forge::Forge::of_repository(site.config.repository.as_deref(), &root);
            index.repo_prefix = Some(prefix.clone()).filter(|p| !p.is_empty());
            index.repository = Some(Repository { root, prefix, forge });
        }
        index
    }

    /// A resolver for links written in the file at `rel_path` (content-relative), whose page is
    /// at `page_url`.
    pub(crate) fn for_page(&'a self, rel_path: &'a str, page_url: &'a str) -> PageLinks<'a> {
        let folder = |path: &'a str| path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let original_dir = match self.sources.get(rel_path) {
            Some(&PageRef::Article(i)) => self.content.articles[i]
                .translation_of
                .map(|original| folder(self.content.articles[original].source.rel_path.as_str())),
            _ => None,
        };
        PageLinks { index: self, dir: folder(rel_path), original_dir, page_url }
    }

    fn page_url(&self, page: PageRef) -> &str {
        self.content.url_of(page)
    }

    /// A site URL path (already including the base path) that exists, in its canonical case.
    fn known_url(&self, url: &str) -> bool {
        let mut url = url.to_lowercase();
        if !url.ends_with('/') && !url.rsplit('/').next().unwrap_or("").contains('.') {
            url.push('/');
        }
        self.urls.contains(&url)
    }
}

/// Resolves destinations written in one file.
pub(crate) struct PageLinks<'a> {
    index: &'a SiteIndex<'a>,
    /// Content-relative folder of the file.
    dir: &'a str,
    /// For a translation, the folder of the article it translates: a file (a screenshot) that
    /// the translation does not have of its own is the original's.
    original_dir: Option<&'a str>,
    page_url: &'a str,
}

impl<'a> PageLinks<'a> {
    /// The file of the content folder at `path` (decoded, without `#` or `?`): relative to this
    /// file, else to the original's when this is a translation, or from the content root.
    fn asset_at(&self, path: &str) -> Option<&'a Asset> {
        let rooted = path.strip_prefix("@/").or_else(|| path.strip_prefix('/'));
        let sources = match rooted {
            Some(rooted) => vec![normalize("", rooted)],
            None => [Some(self.dir), self.original_dir].into_iter().flatten().map(|d| normalize(d, path)).collect(),
        };
        sources.into_iter().flatten().find_map(|source| self.index.assets.get(source.as_str()).copied())
    }
}

impl PageLinks<'_> {
    /// A file of the repository outside the content folder that `path` names as GitHub reads it
    /// (relative to this file, or from the repository's root when rooted): its page on the
    /// forge, or why it cannot be linked when no forge is known. `None` when there is no such file.
    fn repository_file(&self, path: &str, rooted: Option<&str>) -> Option<Resolved> {
        let repository = self.index.repository.as_ref()?;
        let at = match rooted {
            Some(rooted) => normalize("", rooted)?,
            None => normalize(&format!("{}{}", repository.prefix, self.dir), path)?,
        };
        let at = at.trim_end_matches('/');
        let inside_content = repository.prefix.is_empty() || format!("{at}/").starts_with(&repository.prefix);
        if at.is_empty() || inside_content || !repository.root.join(at).exists() {
            return None;
        }
        Some(match &repository.forge {
            Some(forge) => Resolved::Repository { href: forge.url_of(at) },
            None => Resolved::Broken(format!(
                "`{at}` is a file of the repository outside the content folder, so it is not published; set \
                 `repository = \"https://github.com/…\"` in freshdocs.toml to link to it on your forge, or \
                 link to its full address"
            )),
        })
    }
}

impl LinkResolver for PageLinks<'_> {
    fn file(&self, dest: &str) -> Option<PathBuf> {
        let dest = dest.trim();
        if has_scheme(dest) || dest.starts_with("//") {
            return None;
        }
        let path = dest.split(['#', '?']).next().unwrap_or("");
        if path.is_empty() {
            return None;
        }
        self.asset_at(&decode_percent(path)).map(|asset| asset.path.clone())
    }

    fn resolve(&self, dest: &str) -> Resolved {
        let dest = dest.trim();
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
            return Resolved::External;
        }
        let (before_fragment, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(decode_percent(f))),
            None => (dest, None),
        };
        let path = before_fragment.split('?').next().unwrap_or("");
        if path.is_empty() {
            // `#anchor` on this page.
            return Resolved::Internal { href: dest.to_string(), page: Some(self.page_url.to_string()), fragment };
        }
        let path = decode_percent(path);
        let on_forge = |found: Resolved| match (found, dest.split_once('#')) {
            (Resolved::Repository { href }, Some((_, fragment))) => {
                Resolved::Repository { href: format!("{href}#{fragment}") }
            }
            (found, _) => found,
        };
        let with_fragment = |url: &str| match &fragment {
            Some(f) => format!("{}#{}", encode_path(url), f),
            None => encode_path(url),
        };

        // A source path: relative to this file, or to the content root when it starts with `/`
        // (or with Zola's `@/`).
        if let Some(asset) = self.asset_at(&path) {
            return Resolved::Internal { href: with_fragment(&asset.url), page: None, fragment: None };
        }
        let rooted = path.strip_prefix("@/").or_else(|| path.strip_prefix('/'));
        let source = match rooted {
            Some(rooted) => normalize("", rooted),
            None => normalize(self.dir, &path),
        };
        // GitHub reads `/docs/setup.md` in a repository's Markdown from the repository's root, and
        // Docusaurus serves its `docs` folder at `/docs/`: a rooted link through the content
        // folder's own place in the repository means the page there.
        let in_repository = rooted
            .zip(self.index.repo_prefix.as_deref())
            .and_then(|(rooted, prefix)| rooted.strip_prefix(prefix))
            .and_then(|rest| normalize("", rest));
        if let Some(source) = &source {
            let source = source.trim_end_matches('/');
            let sources = std::iter::once(source).chain(in_repository.as_deref().map(|s| s.trim_end_matches('/')));
            for candidate in sources.flat_map(source_candidates) {
                let page = self
                    .index
                    .sources
                    .get(candidate.as_str())
                    .or_else(|| self.index.other_names.get(&candidate.to_lowercase()));
                if let Some(&page) = page {
                    let url = self.index.page_url(page);
                    return Resolved::Internal { href: with_fragment(url), page: Some(url.to_string()), fragment };
                }
                if let Some(&section) = self.index.folders.get(candidate.as_str()) {
                    let url = &self.index.content.sections[section].url;
                    return Resolved::Internal { href: with_fragment(url), page: Some(url.clone()), fragment };
                }
            }
            // A rooted path that is no Markdown file may still be a site URL (below).
            if let Some(found) = self.repository_file(&path, rooted).filter(|_| rooted.is_none() || is_markdown(source))
            {
                return on_forge(found);
            }
            if is_markdown(source) {
                return Resolved::Broken(format!("there is no article `{source}` in the content folder"));
            }
        } else if let Some(found) = self.repository_file(&path, rooted) {
            return on_forge(found);
        } else if is_markdown(&path) {
            return Resolved::Broken("the link leads outside the content folder".to_string());
        }

        // A site URL, as Hugo or Jekyll content writes them: `/billing/refunds/`, `../refunds/`.
        let url = if let Some(rooted) = path.strip_prefix('/') {
            if path.starts_with(self.index.base_path) {
                path.clone()
            } else {
                format!("{}{rooted}", self.index.base_path)
            }
        } else {
            match normalize(self.page_url.trim_start_matches('/').trim_end_matches('/'), &path) {
                Some(p) => format!("/{p}"),
                None => return Resolved::Broken("the link leads outside the site".to_string()),
            }
        };
        if let Some(asset) = self.index.asset_urls.get(url.as_str()) {
            return Resolved::Internal { href: with_fragment(&asset.url), page: None, fragment: None };
        }
        let mut with_slash = url.to_lowercase();
        if !with_slash.ends_with('/') {
            with_slash.push('/');
        }
        if let Some(target) = self.index.aliases.get(&with_slash) {
            return Resolved::Internal { href: with_fragment(target), page: Some(target.to_string()), fragment };
        }
        if self.index.known_url(&url) {
            let mut canonical = url.clone();
            if !canonical.ends_with('/') {
                canonical.push('/');
            }
            return Resolved::Internal {
                href: with_fragment(&canonical),
                page: Some(canonical.to_lowercase()),
                fragment,
            };
        }
        if let Some(found) = self.repository_file(&path, rooted) {
            return on_forge(found);
        }
        Resolved::Broken("no article, section or file is at that address".to_string())
    }
}

/// The git work tree around the content folder (the nearest folder above it with a `.git`) and
/// the content folder's place in it (`docs/`); `None` outside a repository.
fn repository_of(content_dir: &Path) -> Option<(PathBuf, String)> {
    let content = content_dir.canonicalize().ok()?;
    let root = content.ancestors().find(|dir| dir.join(".git").exists())?;
    let prefix = crate::freshness::repo_prefix(root, &content)?;
    Some((root.to_path_buf(), prefix))
}

/// The files a written path may mean, most literal first: the path itself; `guide` (Docusaurus,
/// GitHub wikis) as `guide.md`; `guide.html` (mdBook) as `guide.md`; `dir/index.html` as `dir`.
fn source_candidates(source: &str) -> Vec<String> {
    let mut candidates = vec![source.to_string()];
    let name = source.rsplit('/').next().unwrap_or(source);
    if let Some(stem) = source.strip_suffix(".html").or_else(|| source.strip_suffix(".htm")) {
        if name.eq_ignore_ascii_case("index.html") || name.eq_ignore_ascii_case("index.htm") {
            candidates.push(stem.rsplit_once('/').map(|(dir, _)| dir.to_string()).unwrap_or_default());
        }
        candidates.push(format!("{stem}.md"));
    } else if !name.contains('.') && !source.is_empty() {
        candidates.push(format!("{source}.md"));
    }
    candidates
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Joins `rel` onto folder `dir` and removes `.` and `..`; `None` when it climbs above the root.
pub(crate) fn normalize(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Checks every recorded anchor against the headings of the page it names. Returns, per link,
/// why it is broken.
pub(crate) fn check_anchor(ids: &HashMap<String, HashSet<String>>, page: &str, fragment: &str) -> Option<String> {
    if fragment.is_empty() || fragment == "top" {
        return None;
    }
    match ids.get(&page.to_lowercase()) {
        Some(page_ids) if page_ids.contains(fragment) => None,
        Some(_) => Some(format!("the page has no heading with the id `{fragment}`")),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize("billing", "refunds.md").as_deref(), Some("billing/refunds.md"));
        assert_eq!(normalize("billing/cards", "../refunds.md").as_deref(), Some("billing/refunds.md"));
        assert_eq!(normalize("fa/billing", "../../getting-started/x.md").as_deref(), Some("getting-started/x.md"));
        assert_eq!(normalize("", "../x.md"), None);
        assert_eq!(normalize("a", "./b/./c.md").as_deref(), Some("a/b/c.md"));
    }

    #[test]
    fn source_candidates_cover_other_tools_conventions() {
        assert_eq!(source_candidates("a/b.md"), ["a/b.md"]);
        assert_eq!(source_candidates("a/Configuration"), ["a/Configuration", "a/Configuration.md"]);
        assert_eq!(source_candidates("ch01-02.html"), ["ch01-02.html", "ch01-02.md"]);
        assert_eq!(source_candidates("guide/index.html"), ["guide/index.html", "guide", "guide/index.md"]);
    }

    #[test]
    fn schemes() {
        for external in ["https://x.org", "mailto:a@b.c", "tel:+1555", "ftp://x"] {
            assert!(has_scheme(external), "{external}");
        }
        for internal in ["refunds.md", "../a:b.md", "/x/", "#a"] {
            assert!(!has_scheme(internal) || internal.contains("a:b"), "{internal}");
        }
    }
}
