//! Walking the content folder: which file is an article, a section index or an asset, in which
//! language, at which URL.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::front_matter::{self, FrontMatter};
use super::slug::segment;
use super::{Article, ArticleId, Asset, Content, Section, SectionId, Source, humanize};
use crate::config::Site;
use crate::error::{Error, Errors, Span, Warning, WarningKind};

/// Markdown file endings, compared case-insensitively.
const MARKDOWN: &[&str] = &["md", "markdown"];
/// Folders that hold tooling, never content.
const SKIPPED_DIRS: &[&str] = &["node_modules"];

/// A file found in the content folder, classified but not yet read.
struct Found {
    path: PathBuf,
    rel_path: String,
    lang: String,
    /// Folder inside its language tree.
    dir_key: String,
    /// File name inside its folder, language suffix removed (`refunds.md`).
    name: String,
}

/// Reads the whole content folder. Every bad file is reported, not only the first.
pub(crate) fn load(site: &Site) -> Result<(Content, Vec<Warning>), Errors> {
    load_with(site, true)
}

/// Like [`load`], for commands that read the articles but build no page (`impact`): two pages
/// wanting one URL, or a page at a reserved URL, break the site, not what the articles say, so
/// they are warnings there.
pub(crate) fn load_articles(site: &Site) -> Result<(Content, Vec<Warning>), Errors> {
    load_with(site, false)
}

fn load_with(site: &Site, urls_are_errors: bool) -> Result<(Content, Vec<Warning>), Errors> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let (markdown, assets) = walk(site, &mut warnings, &mut errors);

    let mut builder = Builder { site, content: Content::default(), sections_by_key: HashMap::new(), warnings, errors };
    // Home sections first, default language first, so they come first in `content.sections`.
    for language in &site.languages {
        builder.section(&language.code, "");
    }

    let folders = folders_with_markdown(&markdown);
    let indexes = section_indexes(&markdown, &folders);
    // A page bundle (Hugo's leaf bundle, a Zola page with its assets): `foo/index.md` alone in
    // its folder, with no Markdown below, is the page `/foo/`, not a section.
    let bundles = leaf_bundles(&markdown, &folders);
    // Reading and parsing the files on all cores; what they found, in the walk's order.
    let roots = super::snippets::Roots::new(&site.root, &site.content_dir);
    let read = crate::parallel::map(&markdown, |found| {
        let mut warnings = Vec::new();
        let mut included = Vec::new();
        (read_source(site, found, &roots, &mut warnings, &mut included), warnings, included)
    });
    // A Markdown file spliced into others as a snippet (a shared note, MkDocs' `snippets/`) is
    // part of them, not a page of its own.
    let included: HashSet<PathBuf> = read.iter().flat_map(|(_, _, included)| included.iter().cloned()).collect();
    let is_snippet = |path: &Path| !included.is_empty() && path.canonicalize().is_ok_and(|p| included.contains(&p));
    for (found, (source, mut warnings, _)) in markdown.iter().zip(read) {
        builder.warnings.append(&mut warnings);
        let source = match source {
            Ok(source) => source,
            Err(mut e) => {
                builder.errors.append(&mut e);
                continue;
            }
        };
        if source.front.draft || (!indexes.contains_key(found.path.as_path()) && is_snippet(&found.path)) {
            continue;
        }
        let bundle = bundles.contains(&found.path);
        match indexes.get(found.path.as_path()).filter(|_| !bundle) {
            Some(key) => builder.section_index(found, key, source),
            None => builder.article(found, source, bundle),
        }
    }
    for asset in assets {
        builder.asset(asset);
    }

    let Builder { mut content, mut warnings, mut errors, .. } = builder;
    fill_section_titles(&mut content, &site.default_language().code);
    link_translations(site, &mut content, &mut errors);
    if urls_are_errors {
        check_unique_urls(site, &content, &mut errors);
    } else {
        let mut conflicts = Vec::new();
        check_unique_urls(site, &content, &mut conflicts);
        let config = |e: Error| Warning::new(WarningKind::Config, None, Span::default(), e.to_string());
        warnings.extend(conflicts.into_iter().map(config));
    }

    if errors.is_empty() { Ok((content, warnings)) } else { Err(Errors(errors)) }
}

/// The file that describes each folder, by path, with the folder's key. Section indexes:
/// `_index.md`, else `index.md` / `README.md`, else a file named like the folder beside it
/// (`setup.md` next to `setup/`, common in MkDocs sites).
fn section_indexes<'a>(markdown: &'a [Found], folders: &HashSet<(String, String)>) -> HashMap<&'a Path, String> {
    let mut chosen: HashMap<(String, String), (u8, &Path)> = HashMap::new();
    for found in markdown {
        if let Some((key, rank)) = index_target(found, folders) {
            let slot = (found.lang.clone(), key);
            if chosen.get(&slot).is_none_or(|(existing, _)| rank < *existing) {
                chosen.insert(slot, (rank, &found.path));
            }
        }
    }
    chosen.into_iter().map(|((_, key), (_, path))| (path, key)).collect()
}

/// Walks the folder, sorting files into Markdown and assets. Symlinks are followed only when they
/// stay inside the content folder.
fn walk(site: &Site, warnings: &mut Vec<Warning>, errors: &mut Vec<Error>) -> (Vec<Found>, Vec<Found>) {
    let root = &site.content_dir;
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    let output = site.output_dir.canonicalize().ok();
    let mut markdown = Vec::new();
    let mut assets = Vec::new();

    let walker = WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter();
    let walker = walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        let hidden = e.depth() > 0 && (name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref()));
        // Only a folder can be the output (and resolving every file's path costs a call per
        // part of it).
        let is_output =
            e.file_type().is_dir() && output.as_ref().is_some_and(|o| e.path().canonicalize().ok().as_ref() == Some(o));
        !hidden && !is_output
    });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                let io = e.into_io_error().unwrap_or_else(|| std::io::Error::other("cannot walk the folder"));
                errors.push(Error::io(path, "cannot read", io));
                continue;
            }
        };
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(path);
        let rel_path = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");

        if entry.path_is_symlink() {
            let target = path.canonicalize();
            match target {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                Ok(target) if target.is_dir() => {
                    warnings.push(Warning::new(
                        WarningKind::Skipped,
                        Some(site.display_path(&rel_path)),
                        Span::default(),
                        "is a link to a folder; linked folders are not followed (copy or move the folder instead)",
                    ));
                    continue;
                }
                _ => {
                    warnings.push(Warning::new(
                        WarningKind::Skipped,
                        Some(site.display_path(&rel_path)),
                        Span::default(),
                        "is a link to a file outside the content folder (or to nothing); it is not published",
                    ));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }

        let found = classify(site, path, &rel_path);
        let is_markdown =
            Path::new(&found.name).extension().is_some_and(|e| MARKDOWN.iter().any(|m| e.eq_ignore_ascii_case(m)));
        if is_markdown { markdown.push(found) } else { assets.push(found) }
    }
    (markdown, assets)
}

/// Works out a file's language and its place inside that language's tree.
fn classify(site: &Site, path: &Path, rel_path: &str) -> Found {
    let default = &site.default_language().code;
    let mut parts: Vec<&str> = rel_path.split('/').collect();
    let mut lang = default.clone();
    if parts.len() > 1 && parts[0] != default.as_str() && site.language(parts[0]).is_some() {
        lang = parts.remove(0).to_string();
    }
    let file = parts.pop().unwrap_or_default();
    let dir_key = parts.join("/");
    let mut name = file.to_string();
    // `refunds.fa.md` is the Persian translation of `refunds.md`.
    if let Some((stem, ext)) = file.rsplit_once('.')
        && MARKDOWN.iter().any(|m| ext.eq_ignore_ascii_case(m))
        && let Some((base, code)) = stem.rsplit_once('.')
        && !base.is_empty()
        && site.language(code).is_some()
    {
        lang = code.to_string();
        name = format!("{base}.{ext}");
    }
    Found { path: path.to_path_buf(), rel_path: rel_path.to_string(), lang, dir_key, name }
}

/// The folder a file may describe, with a rank (lower wins): `_index.md` describes its folder;
/// `index.md` and `README.md` do when it is absent (MkDocs, mdBook, GitHub); `setup.md` describes
/// a sibling folder `setup/` that has no index of its own.
fn index_target(found: &Found, folders: &HashSet<(String, String)>) -> Option<(String, u8)> {
    let lower = found.name.to_ascii_lowercase();
    let stem = lower.rsplit_once('.').map(|(s, _)| s).unwrap_or(&lower);
    let rank = match stem {
        "_index" => 0,
        "index" => 1,
        "readme" => 2,
        _ => {
            let own_stem = found.name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&found.name);
            let folder = join_key(&found.dir_key, own_stem);
            return folders.contains(&(found.lang.clone(), folder.clone())).then_some((folder, 3));
        }
    };
    Some((found.dir_key.clone(), rank))
}

/// The `index.md` / `README.md` files that are alone in their folder (no other Markdown there or
/// below, no `_index.md`): pages of their own, as Hugo and Zola read them.
fn leaf_bundles(markdown: &[Found], folders: &HashSet<(String, String)>) -> HashSet<PathBuf> {
    let mut per_folder: HashMap<(&str, &str), usize> = HashMap::new();
    for found in markdown {
        *per_folder.entry((found.lang.as_str(), found.dir_key.as_str())).or_default() += 1;
    }
    let has_subfolder: HashSet<(&str, &str)> = folders
        .iter()
        .filter_map(|(lang, key)| key.rsplit_once('/').map(|(parent, _)| (lang.as_str(), parent)))
        .chain(folders.iter().filter(|(_, key)| !key.contains('/')).map(|(lang, _)| (lang.as_str(), "")))
        .collect();
    markdown
        .iter()
        .filter(|f| {
            let lower = f.name.to_ascii_lowercase();
            let folder = (f.lang.as_str(), f.dir_key.as_str());
            matches!(lower.as_str(), "index.md" | "readme.md" | "index.markdown")
                && !f.dir_key.is_empty()
                && per_folder.get(&folder) == Some(&1)
                && !has_subfolder.contains(&folder)
        })
        .map(|f| f.path.clone())
        .collect()
}

/// Every folder (and its parents) that holds Markdown, per language.
fn folders_with_markdown(markdown: &[Found]) -> HashSet<(String, String)> {
    let mut folders = HashSet::new();
    for found in markdown {
        let mut key = found.dir_key.as_str();
        while !key.is_empty() && folders.insert((found.lang.clone(), key.to_string())) {
            key = key.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
        }
    }
    folders
}

/// Reads and splits one file. Typos of freshdocs keys are errors for a configured site and
/// warnings for a zero-config build (they may be another tool's keys).
fn read_source(
    site: &Site,
    found: &Found,
    roots: &super::snippets::Roots,
    warnings: &mut Vec<Warning>,
    included: &mut Vec<PathBuf>,
) -> Result<Source, Vec<Error>> {
    let display = site.display_path(&found.rel_path);
    let text = super::read_text(&found.path, &display).map_err(|e| vec![e])?;
    let doc = front_matter::parse(&display, &text)?;
    let mut errors = Vec::new();
    for miss in &doc.near_misses {
        if site.configured {
            errors.push(Error::MisspelledKey {
                path: display.clone(),
                span: miss.span,
                key: miss.key.clone(),
                suggestion: miss.suggestion.to_string(),
            });
        } else {
            warnings.push(Warning::new(
                WarningKind::Config,
                Some(display.clone()),
                miss.span,
                format!("front matter key `{}` is not a freshdocs key; if you meant `{}`, rename it (kept for templates as it is)", miss.key, miss.suggestion),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (body, line_map) = if super::snippets::has_snippets(doc.body) {
        let spliced = super::snippets::splice(doc.body, &found.path, roots);
        for (line, message) in spliced.problems {
            warnings.push(Warning::new(
                WarningKind::Markdown,
                Some(display.clone()),
                Span::at(doc.body_line + line, 1),
                message,
            ));
        }
        *included = spliced.included;
        (spliced.body, spliced.line_map)
    } else {
        (doc.body.to_string(), Vec::new())
    };
    // Hugo's shortcodes keep every line in place, so the line map holds for what they leave.
    let body = match super::shortcodes::apply(&body) {
        Some((converted, problems)) => {
            for (line, message) in problems {
                let line = line_map.get(line).copied().unwrap_or(line);
                warnings.push(Warning::new(
                    WarningKind::Markdown,
                    Some(display.clone()),
                    Span::at(doc.body_line + line, 1),
                    message,
                ));
            }
            converted
        }
        None => body,
    };
    // MDX first, line for line: a heading's `{/*id*/}` must be read before a callout quotes it.
    let body = super::mdx::apply(body);
    let (body, line_map) = super::blocks::apply(body, line_map);
    Ok(Source {
        rel_path: found.rel_path.clone(),
        path: found.path.clone(),
        body,
        body_line: doc.body_line,
        line_map,
        front: doc.front,
    })
}

enum SlugPath {
    /// `slug: refunds` replaces the file name.
    Segment(String),
    /// `slug: /billing/refunds` is the whole path from the language's root, each segment
    /// slugified (empty for `/`).
    FromRoot(String),
}

/// Reads a `slug`; `Err` when it would climb out of the site (`..`, a scheme, a backslash).
fn slug_path(slug: &str) -> Result<SlugPath, ()> {
    let slug = slug.trim();
    if slug.contains("://") || slug.contains('\\') {
        return Err(());
    }
    let parts: Vec<&str> = slug.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.contains(&"..") {
        return Err(());
    }
    if !slug.starts_with('/') && parts.len() == 1 {
        return Ok(SlugPath::Segment(segment(parts[0], "page")));
    }
    if !slug.starts_with('/') && parts.len() != 1 {
        return Err(());
    }
    Ok(SlugPath::FromRoot(parts.iter().map(|p| segment(p, "page")).collect::<Vec<_>>().join("/")))
}

fn join_key(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

/// Where a page goes: the folder whose section it joins and the name its address is made of.
fn page_place(found: &Found, bundle: bool) -> (&str, &str) {
    if bundle {
        // The folder is the page: its parent is the section, its name the address.
        found.dir_key.rsplit_once('/').unwrap_or(("", &found.dir_key))
    } else {
        (found.dir_key.as_str(), found.name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&found.name))
    }
}

/// Jekyll's `permalink` and Hugo's `url` give the page another address: keep it working.
fn keep_old_addresses(front: &mut FrontMatter) {
    for key in ["permalink", "url"] {
        if let Some(old) = front.extra.get(key).and_then(|v| v.as_str())
            && old.starts_with('/')
            && !old.contains(':')
            && !front.aliases.iter().any(|a| a == old)
        {
            let old = old.to_string();
            front.aliases.push(old);
        }
    }
}

/// The content model as it is put together, with every warning and error met so far.
struct Builder<'a> {
    site: &'a Site,
    content: Content,
    sections_by_key: HashMap<(String, String), SectionId>,
    warnings: Vec<Warning>,
    errors: Vec<Error>,
}

impl Builder<'_> {
    /// A file that describes its folder (see [`section_indexes`]): the section's text, and its
    /// title when the file has one.
    fn section_index(&mut self, found: &Found, key: &str, source: Source) {
        let section = self.section(&found.lang, key);
        if let Some(title) = &source.front.title {
            self.content.sections[section].title = title.clone();
        }
        self.content.sections[section].index = Some(source);
    }

    /// An article, in the section of its folder; left out when its slug would leave the site.
    fn article(&mut self, found: &Found, mut source: Source, bundle: bool) {
        if source.body.trim().is_empty() {
            self.warnings.push(Warning::new(
                WarningKind::EmptyArticle,
                Some(self.site.display_path(&found.rel_path)),
                Span::default(),
                "the article has no text yet; it is published with its title only",
            ));
        }
        let (dir_key, stem) = page_place(found, bundle);
        let section = self.section(&found.lang, dir_key);
        let Some(url) = self.article_url(found, &source, section, stem) else { return };
        keep_old_addresses(&mut source.front);
        self.check_aliases(found, &source);
        let key = join_key(&found.dir_key, &found.name);
        let title = source.front.title.clone().unwrap_or_default();
        let id = self.content.articles.push(Article {
            source,
            lang: found.lang.clone(),
            key,
            url,
            section,
            title,
            translation_of: None,
            translations: Vec::new(),
        });
        self.content.sections[section].articles.push(id);
    }

    /// The page's address: its folder's URL and its file name, or its `slug` — one segment
    /// replacing the file name, or (Docusaurus) a path from the language's root. `None` (and an
    /// error) when the slug would leave the site.
    fn article_url(&mut self, found: &Found, source: &Source, section: SectionId, stem: &str) -> Option<String> {
        let site = self.site;
        let section_url = self.content.sections[section].url.clone();
        let url = match source.front.slug.as_deref().map(slug_path) {
            None => format!("{section_url}{}/", segment(stem, "page")),
            Some(Ok(SlugPath::Segment(last))) => format!("{section_url}{last}/"),
            Some(Ok(SlugPath::FromRoot(path))) if !path.is_empty() => {
                format!("{}{path}/", self.dir_url(&found.lang, ""))
            }
            Some(Ok(SlugPath::FromRoot(_))) => {
                self.warnings.push(Warning::new(
                    WarningKind::Config,
                    Some(site.display_path(&found.rel_path)),
                    source.front.span_of("slug"),
                    "`slug: /` would put the article on the home page's address; its file name is used instead",
                ));
                format!("{section_url}{}/", segment(stem, "page"))
            }
            Some(Err(())) => {
                self.errors.push(Error::EscapesSite {
                    path: site.display_path(&found.rel_path),
                    span: source.front.span_of("slug"),
                    what: "the slug",
                    value: source.front.slug.clone().unwrap_or_default(),
                });
                return None;
            }
        };
        Some(url)
    }

    fn check_aliases(&mut self, found: &Found, source: &Source) {
        for alias in &source.front.aliases {
            if crate::output::alias_path(alias, &self.site.base_path).is_none() {
                self.errors.push(Error::EscapesSite {
                    path: self.site.display_path(&found.rel_path),
                    span: source.front.span_of("aliases"),
                    what: "the alias",
                    value: alias.clone(),
                });
            }
        }
    }

    fn asset(&mut self, asset: Found) {
        // VitePress serves the files of `<docs>/public/` at the site's root (`public/logo.svg` is
        // `/logo.svg`), and its pages link them there.
        let vitepress_public =
            asset.rel_path.strip_prefix("public/").filter(|_| self.site.content_dir.join(".vitepress").is_dir());
        let url = match vitepress_public {
            Some(rest) => format!("{}{rest}", self.site.base_path),
            None => format!("{}{}", self.dir_url(&asset.lang, &asset.dir_key), asset.name),
        };
        self.content.assets.push(Asset { path: asset.path, rel_path: asset.rel_path, url });
    }

    /// The section for a folder, creating it and its parents as needed.
    fn section(&mut self, lang: &str, key: &str) -> SectionId {
        if let Some(&index) = self.sections_by_key.get(&(lang.to_string(), key.to_string())) {
            return index;
        }
        let parent = (!key.is_empty()).then(|| {
            let parent_key = key.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
            self.section(lang, parent_key)
        });
        let url = self.dir_url(lang, key);
        let folder = key.rsplit('/').next().unwrap_or(key);
        let id = self.content.sections.push(Section {
            lang: lang.to_string(),
            key: key.to_string(),
            url,
            index: None,
            title: if key.is_empty() { String::new() } else { humanize(folder) },
            parent,
            subsections: Vec::new(),
            articles: Vec::new(),
        });
        if let Some(parent) = parent {
            self.content.sections[parent].subsections.push(id);
        }
        self.sections_by_key.insert((lang.to_string(), key.to_string()), id);
        id
    }

    /// URL of a folder of a language tree: `/fa/getting-started/`.
    fn dir_url(&self, lang: &str, key: &str) -> String {
        let mut url = self.site.home_url(lang);
        for part in key.split('/').filter(|p| !p.is_empty()) {
            url.push_str(&segment(part, "section"));
            url.push('/');
        }
        url
    }
}

/// A translated section without its own `_index.md` title borrows the default language's; the
/// home section's title is the site title until an `_index.md` says otherwise.
fn fill_section_titles(content: &mut Content, default_lang: &str) {
    let titled: HashMap<String, String> = content
        .sections
        .iter()
        .filter(|s| s.lang == default_lang && s.index.as_ref().is_some_and(|i| i.front.title.is_some()))
        .map(|s| (s.key.clone(), s.title.clone()))
        .collect();
    for section in &mut content.sections {
        let own_title = section.index.as_ref().is_some_and(|i| i.front.title.is_some());
        if !own_title && let Some(title) = titled.get(&section.key) {
            section.title = title.clone();
        }
    }
}

/// Links each translation to the article it translates: same key in the default language, or
/// the path named by `translation_of`.
fn link_translations(site: &Site, content: &mut Content, errors: &mut Vec<Error>) {
    let default = &site.default_language().code;
    let by_key: HashMap<&str, ArticleId> =
        content.articles.enumerate().filter(|(_, a)| &a.lang == default).map(|(i, a)| (a.key.as_str(), i)).collect();
    let mut links = Vec::new();
    for (i, article) in content.articles.enumerate() {
        if let Some(target) = &article.source.front.translation_of {
            let wanted = target.trim_start_matches("./").trim_start_matches('/');
            match content
                .articles
                .enumerate()
                .find(|(_, a)| a.source.rel_path == wanted || a.key == wanted)
                .map(|(id, _)| id)
            {
                Some(source) if source != i => links.push((i, source)),
                _ => errors.push(Error::FrontMatter {
                    path: site.display_path(&article.source.rel_path),
                    span: article.source.front.span_of("translation_of"),
                    message: format!("`translation_of` names `{target}`, which is not an article"),
                    help: "give the source article's path relative to the content folder, e.g. `billing/refunds.md`"
                        .into(),
                }),
            }
        } else if &article.lang != default
            && let Some(&source) = by_key.get(article.key.as_str())
        {
            links.push((i, source));
        }
    }
    for (translation, source) in links {
        content.articles[translation].translation_of = Some(source);
        content.articles[source].translations.push(translation);
    }
}

/// Two pages (or a page and a file) at one URL would overwrite each other, and a page at a URL
/// the build writes itself (the A–Z page, the search index, the sitemap…) would be overwritten.
fn check_unique_urls(site: &Site, content: &Content, errors: &mut Vec<Error>) {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let pages = content
        .articles
        .iter()
        .map(|a| (a.url.to_lowercase(), PathBuf::from(&a.source.rel_path)))
        .chain(content.sections.iter().map(|s| {
            let source = match &s.index {
                Some(index) => PathBuf::from(&index.rel_path),
                None => PathBuf::from(format!("{}/", s.key)),
            };
            (s.url.to_lowercase(), source)
        }))
        .chain(content.assets.iter().map(|a| (a.url.to_lowercase(), PathBuf::from(&a.rel_path))));
    let reserved = reserved_urls(site);
    for (url, path) in pages {
        if let Some((_, what)) = reserved.iter().find(|(r, _)| url == *r || (r.ends_with('/') && url.starts_with(r))) {
            errors.push(Error::ReservedUrl { url, path, what });
            continue;
        }
        match seen.get(&url) {
            Some(first) => errors.push(Error::DuplicateUrl { url, first: first.clone(), second: path }),
            None => {
                seen.insert(url, path);
            }
        }
    }
}

/// What the build writes besides pages, as lower-case URLs: a URL ending in `/` reserves
/// everything under it, one ending in a file name only itself. The theme's files are not here: a
/// file of the content folder at the same address replaces one on purpose (`copy_files`), and
/// so does the content folder's own `robots.txt` (a site's crawling rules are its writers' call).
fn reserved_urls(site: &Site) -> Vec<(String, &'static str)> {
    let base = &site.base_path;
    let mut reserved = vec![
        (format!("{base}{}", crate::dashboard::PATH), "the writers' freshness dashboard"),
        (format!("{base}sitemap.xml"), "the sitemap"),
        (format!("{base}llms.txt"), "the index for AI assistants"),
        (format!("{base}llms-full.txt"), "the articles for AI assistants"),
        (format!("{base}404.html"), "the page for missing pages"),
    ];
    for language in &site.languages {
        let home = site.home_url(&language.code);
        reserved.push((format!("{base}search/{}/", language.code), "the search index"));
        reserved.push((format!("{home}a-z/"), "the A–Z page"));
        reserved.push((format!("{home}feed.xml"), "the news feed"));
    }
    reserved.into_iter().map(|(url, what)| (url.to_lowercase(), what)).collect()
}
