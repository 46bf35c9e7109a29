//! What `init` finds before it writes anything: the docs folder (from a docs tool's settings or
//! a usual folder name), the articles and their front matter style, the language folders, and
//! from the repository the release tags, CODEOWNERS, the product's code and a free output folder.
//! It reads only; the files written from a [`Survey`] are `files.rs`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Survey;
use crate::error::Error;
use crate::history;

/// Folders where a docs tool's settings file is looked for, besides the root.
const TOOL_FOLDERS: [&str; 6] = ["docs", "website", "site", "book", "guide", "documentation"];
/// Docs folders tried, in order, when no docs tool's settings name one.
const PLAIN_FOLDERS: [&str; 6] = ["docs", "content", "site/content", "doc", "documentation", "guide"];
/// Files read to tell the front matter style: enough to see the habit of a large folder.
const SAMPLED_FILES: usize = 300;

/// Looks at `root` (and its repository); `content` overrides the docs folder found.
pub fn survey(root: &Path, content: Option<&str>) -> Result<Survey, Error> {
    if !root.is_dir() {
        return Err(Error::usage(
            format!("{} is not a folder", root.display()),
            "give the folder of the repository (or of the docs site) with --root",
        ));
    }
    let mut s = Survey { root: root.to_path_buf(), ..Survey::default() };
    let (tool, found) = match content {
        Some(dir) => (None, Some(dir.trim_end_matches('/').to_string())),
        None => match docs_tool(root) {
            Some((name, (settings, dir))) => (Some((name, settings)), Some(dir)),
            None => (None, plain_folder(root)),
        },
    };
    let Some(dir) = found.filter(|d| root.join(d).is_dir()) else {
        let looked: Vec<String> = PLAIN_FOLDERS.iter().map(|f| format!("{f}/")).collect();
        return Err(Error::usage(
            format!(
                "found no docs folder in {}: no docs tool's settings (book.toml, mkdocs.yml, hugo.toml, \
                 Zola's config.toml, docusaurus.config.js, astro.config.mjs) and none of {} holds Markdown",
                root.display(),
                looked.join(", ")
            ),
            "name the folder that holds the articles: freshdocs init --content <folder>",
        ));
    };
    s.content = dir;
    if let Some((name, settings)) = tool {
        s.tool = Some(name);
        s.title = settings.title;
        s.base_url = settings.base_url;
    }
    read_articles(&mut s);
    s.version_copies = crate::versions::copies(&root.join(&s.content));
    if let Ok(Some(repo)) = history::discover(root) {
        read_repository(&mut s, &repo);
    }
    Ok(s)
}

/// What a docs tool's settings say.
#[derive(Default)]
struct ToolSettings {
    title: Option<String>,
    base_url: Option<String>,
}

/// The first docs tool whose settings are at the root or in one of [`TOOL_FOLDERS`]: its name and
/// the docs folder relative to `root`.
fn docs_tool(root: &Path) -> Option<(&'static str, (ToolSettings, String))> {
    let folders = std::iter::once("").chain(TOOL_FOLDERS);
    folders.into_iter().find_map(|folder| {
        let dir = root.join(folder);
        let join = |rel: &str| if folder.is_empty() { rel.to_string() } else { format!("{folder}/{rel}") };
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
        if let Some(text) = read("book.toml") {
            let src = toml_value(&text, "book", "src").unwrap_or_else(|| "src".into());
            let title = toml_value(&text, "book", "title");
            return Some(("mdBook", (ToolSettings { title, base_url: None }, join(&src))));
        }
        if let Some(text) = read("mkdocs.yml").or_else(|| read("mkdocs.yaml")) {
            let docs = yaml_value(&text, "docs_dir").unwrap_or_else(|| "docs".into());
            let settings =
                ToolSettings { title: yaml_value(&text, "site_name"), base_url: yaml_value(&text, "site_url") };
            return Some(("MkDocs", (settings, join(&docs))));
        }
        // Hugo (hugo.* or config.*, keys in any case) and Zola (config.toml or zola.toml,
        // `base_url`).
        let hugo_files =
            ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.json"];
        for name in hugo_files {
            let Some(text) = read(name) else { continue };
            let value = |key: &str| settings_value(name, &text, key);
            if name.starts_with("hugo.") || value("baseurl").is_some() {
                let settings = ToolSettings { title: value("title"), base_url: value("baseurl") };
                return Some(("Hugo", (settings, join(&value("contentdir").unwrap_or_else(|| "content".into())))));
            }
        }
        for name in ["zola.toml", "config.toml"] {
            let Some(text) = read(name) else { continue };
            let value = |key: &str| settings_value(name, &text, key);
            if let Some(base) = value("base_url") {
                let settings = ToolSettings { title: value("title"), base_url: Some(base) };
                return Some(("Zola", (settings, join("content"))));
            }
        }
        for name in ["docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"] {
            if let Some(text) = read(name) {
                let settings = ToolSettings { title: js_value(&text, "title"), base_url: js_value(&text, "url") };
                return Some(("Docusaurus", (settings, join("docs"))));
            }
        }
        for name in ["astro.config.mjs", "astro.config.ts", "astro.config.js"] {
            if let Some(text) = read(name).filter(|t| t.contains("starlight")) {
                let settings = ToolSettings { title: js_value(&text, "title"), base_url: js_value(&text, "site") };
                return Some(("Starlight", (settings, join("src/content/docs"))));
            }
        }
        None
    })
}

/// The first of [`PLAIN_FOLDERS`] that holds Markdown.
fn plain_folder(root: &Path) -> Option<String> {
    PLAIN_FOLDERS.iter().find(|f| markdown_files(&root.join(f)).next().is_some()).map(|f| f.to_string())
}

fn markdown_files(dir: &Path) -> impl Iterator<Item = PathBuf> {
    WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "markdown" || x == "mdx"))
}

/// Counts the articles and their front matter styles, and finds the language folders.
fn read_articles(s: &mut Survey) {
    let dir = s.root.join(&s.content);
    let mut paths: Vec<String> = Vec::new();
    for path in markdown_files(&dir) {
        if path.extension().is_some_and(|x| x == "mdx") {
            s.mdx += 1;
            continue;
        }
        s.articles += 1;
        if s.yaml + s.toml + s.plain < SAMPLED_FILES {
            let head = std::fs::read_to_string(&path).unwrap_or_default();
            let head = head.trim_start_matches('\u{feff}').trim_start();
            match () {
                () if head.starts_with("---") => s.yaml += 1,
                () if head.starts_with("+++") => s.toml += 1,
                () => s.plain += 1,
            }
        }
        if let Ok(rel) = path.strip_prefix(&dir) {
            paths.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    // A language folder mirrors the default language: some of its files have the same path
    // outside it (`fa/billing/refunds.md` beside `billing/refunds.md`).
    let mut by_folder: BTreeMap<&str, usize> = BTreeMap::new();
    for path in &paths {
        if let Some((first, rest)) = path.split_once('/')
            && is_language_code(first)
            && paths.iter().any(|p| p == rest)
        {
            *by_folder.entry(first).or_default() += 1;
        }
    }
    s.languages = by_folder.into_keys().map(str::to_string).collect();
}

/// `fa`, `pt-br`, `zh_CN`: an ISO 639-1 code, with a region.
fn is_language_code(name: &str) -> bool {
    let (lang, region_ok) = match name.split_once(['-', '_']) {
        Some((lang, region)) => {
            (lang, (2..=4).contains(&region.len()) && region.chars().all(|c| c.is_ascii_alphanumeric()))
        }
        None => (name, true),
    };
    lang.len() == 2 && region_ok && ISO_639_1.split(' ').any(|code| code == lang.to_ascii_lowercase())
}

/// The two-letter language codes (ISO 639-1).
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io \
    is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na \
    nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss \
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// A language's own name for itself, for the language switcher; the code when not known here.
pub(super) fn endonym(code: &str) -> &str {
    let lang = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    let names = [
        ("ar", "العربية"),
        ("bn", "বাংলা"),
        ("de", "Deutsch"),
        ("en", "English"),
        ("es", "Español"),
        ("fa", "فارسی"),
        ("fr", "Français"),
        ("he", "עברית"),
        ("hi", "हिन्दी"),
        ("id", "Bahasa Indonesia"),
        ("it", "Italiano"),
        ("ja", "日本語"),
        ("ko", "한국어"),
        ("nl", "Nederlands"),
        ("pl", "Polski"),
        ("pt", "Português"),
        ("ru", "Русский"),
        ("ta", "தமிழ்"),
        ("th", "ไทย"),
        ("tr", "Türkçe"),
        ("uk", "Українська"),
        ("ur", "اردو"),
        ("vi", "Tiếng Việt"),
        ("zh", "中文"),
    ];
    names.iter().find(|(c, _)| *c == lang).map_or(code, |(_, name)| name)
}

/// The tags, CODEOWNERS, the product beside the docs and a free output folder.
fn read_repository(s: &mut Survey, repo: &history::Repo) {
    let workdir = repo.workdir().to_path_buf();
    let root = s.root.canonicalize().unwrap_or_else(|_| s.root.clone());
    let in_repo = |rel: &str| -> Option<String> {
        let abs = root.join(rel);
        let abs = abs.canonicalize().unwrap_or(abs);
        abs.strip_prefix(&workdir).ok().map(|p| p.to_string_lossy().replace('\\', "/"))
    };
    let content_prefix = in_repo(&s.content).map(|p| if p.is_empty() { p } else { format!("{p}/") });
    let names: Vec<String> = repo
        .git2()
        .tag_names(None)
        .map(|t| t.iter().flatten().flatten().map(str::to_string).collect())
        .unwrap_or_default();
    s.tags = names.len();
    s.release_tags = release_glob(&names);
    if let (Some(owners), Some(prefix)) = (history::codeowners(&workdir), &content_prefix) {
        let rel = owners.path.strip_prefix(&workdir).unwrap_or(&owners.path).to_string_lossy().replace('\\', "/");
        s.codeowners = Some((rel, owners.owners_of(&format!("{prefix}index.md"))));
    }
    // The docs tool's own folder (`website/` of a Docusaurus site) is docs too, not product.
    let tool_folder = s.content.split('/').next().filter(|f| TOOL_FOLDERS.contains(f)).and_then(&in_repo);
    let mut output_taken = false;
    if let Ok(index) = repo.git2().index() {
        let output_prefix = in_repo("public").map(|p| format!("{p}/"));
        for entry in index.iter() {
            let path = String::from_utf8_lossy(&entry.path);
            output_taken |= output_prefix.as_deref().is_some_and(|o| path.starts_with(o));
            let docs = content_prefix.as_deref().is_some_and(|c| path.starts_with(c))
                || tool_folder.as_deref().is_some_and(|f| path.starts_with(&format!("{f}/")));
            if !docs && is_code(&path) {
                s.product_files += 1;
            }
        }
    }
    s.repository = Some(workdir);
    s.output = if output_taken { "freshdocs-site".into() } else { "public".into() };
}

/// Whether a tracked file looks like product code (not docs, CI settings or lock files).
fn is_code(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    !path.starts_with('.')
        && matches!(
            ext,
            "rs" | "go"
                | "py"
                | "js"
                | "ts"
                | "tsx"
                | "jsx"
                | "java"
                | "kt"
                | "swift"
                | "c"
                | "h"
                | "cc"
                | "cpp"
                | "cs"
                | "rb"
                | "php"
                | "scala"
                | "ex"
                | "dart"
                | "vue"
                | "svelte"
                | "lua"
                | "zig"
        )
}

/// The glob for the most common family of version tags (`v1.2.3` → `v*`, `1.2.3` → `[0-9]*`,
/// `app@1.2.3` → `app@*`), with the newest few tags it matches. `None` without version tags.
fn release_glob(names: &[String]) -> Option<(String, Vec<String>)> {
    let mut families: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for name in names {
        let Some(at) = name.find(|c: char| c.is_ascii_digit()) else { continue };
        let version = &name[at..];
        let numbers = version.split(['.', '-', '+']).take_while(|p| p.bytes().all(|b| b.is_ascii_digit())).count();
        if numbers >= 2 {
            families.entry(&name[..at]).or_default().push(name);
        }
    }
    let (prefix, mut tags) =
        families.into_iter().max_by_key(|(prefix, tags)| (tags.len(), std::cmp::Reverse(*prefix)))?;
    tags.sort_by_key(|t| std::cmp::Reverse(version_key(t)));
    let glob = if prefix.is_empty() { "[0-9]*".to_string() } else { format!("{prefix}*") };
    Some((glob, tags.into_iter().take(3).cloned().collect()))
}

fn version_key(tag: &str) -> Vec<u64> {
    tag.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).map(|p| p.parse().unwrap_or(0)).collect()
}

/// A string of a TOML settings file: `key` in `[table]` (top-level keys: [`settings_value`]).
fn toml_value(text: &str, table: &str, key: &str) -> Option<String> {
    let value: toml::Table = text.parse().ok()?;
    value.get(table)?.as_table()?.get(key)?.as_str().map(str::to_string).filter(|v| !v.is_empty())
}

/// A top-level string of a settings file in TOML, JSON or YAML (by its extension), the key
/// compared without case (Hugo's `baseURL` is `baseurl` too).
fn settings_value(name: &str, text: &str, key: &str) -> Option<String> {
    fn found<'a>(mut pairs: impl Iterator<Item = (&'a String, Option<&'a str>)>, key: &str) -> Option<String> {
        pairs.find(|(k, _)| k.eq_ignore_ascii_case(key)).and_then(|(_, v)| v.map(str::to_string))
    }
    let value = if name.ends_with(".toml") {
        let table: toml::Table = text.parse().ok()?;
        found(table.iter().map(|(k, v)| (k, v.as_str())), key)
    } else if name.ends_with(".json") {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).ok()?;
        found(map.iter().map(|(k, v)| (k, v.as_str())), key)
    } else {
        let lower = key.to_ascii_lowercase();
        text.lines().find_map(|line| {
            let (k, _) = line.split_once(':')?;
            (k.to_ascii_lowercase() == lower).then(|| yaml_value(line, k))?
        })
    };
    value.filter(|v| !v.is_empty())
}

/// A top-level `key: value` of a YAML settings file, read line by line: mkdocs.yml often holds
/// tags (`!!python/name:`) that a YAML reader refuses.
fn yaml_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?.trim();
        let value = value.split(" #").next().unwrap_or(value).trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The first `key: 'value'` of a JavaScript settings file.
fn js_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix(key)?.trim_start().strip_prefix(':')?.trim();
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let value = rest[1..].split(quote).next()?;
        (!value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_globs_follow_the_most_common_family() {
        let tags = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let (glob, newest) = release_glob(&tags(&["v0.9.0", "v0.10.1", "v0.10.0", "nightly", "docs-2"])).unwrap();
        assert_eq!(glob, "v*");
        assert_eq!(newest, ["v0.10.1", "v0.10.0", "v0.9.0"]);
        assert_eq!(release_glob(&tags(&["1.2.3", "1.3.0", "v1"])).unwrap().0, "[0-9]*");
        assert_eq!(release_glob(&tags(&["app@1.0.0", "app@1.1.0", "lib@2.0.0"])).unwrap().0, "app@*");
        assert_eq!(release_glob(&tags(&["nightly", "stable"])), None);
    }

    #[test]
    fn language_codes_are_iso_codes() {
        assert!(is_language_code("fa"));
        assert!(is_language_code("pt-br"));
        assert!(is_language_code("zh_CN"));
        assert!(!is_language_code("ci"));
        assert!(!is_language_code("api"));
        assert!(!is_language_code("en-"));
    }

    #[test]
    fn settings_values_are_read_without_a_full_parser() {
        let mkdocs = "site_name: My Docs  # the name\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\ndocs_dir: 'pages'\n";
        assert_eq!(yaml_value(mkdocs, "site_name").as_deref(), Some("My Docs"));
        assert_eq!(yaml_value(mkdocs, "docs_dir").as_deref(), Some("pages"));
        let js = "const config = {\n  title: 'Acme Docs',\n  url: \"https://acme.example\",\n";
        assert_eq!(js_value(js, "title").as_deref(), Some("Acme Docs"));
        assert_eq!(js_value(js, "url").as_deref(), Some("https://acme.example"));
        assert_eq!(toml_value("[book]\ntitle = \"Guide\"\n", "book", "title").as_deref(), Some("Guide"));
    }
}
