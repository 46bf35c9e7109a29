//! `freshdocs.toml`: the site settings, every key optional.
//!
//! This module owns reading and validating the file and deciding where the site, its content and
//! its output are. It does not know about articles.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Span};

pub(crate) const CONFIG_FILE: &str = "freshdocs.toml";

/// The settings of `freshdocs.toml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Config {
    /// The site's name, shown in the header and in page titles.
    pub(crate) title: String,
    /// Where the site is published, e.g. `https://help.example.com/docs/`; its path becomes the
    /// prefix of every URL. Needed for the sitemap and absolute links in feeds.
    pub(crate) base_url: Option<String>,
    /// The default language: articles outside a `content/<lang>/` tree are in it.
    pub(crate) language: String,
    /// The content folder, relative to the site root.
    pub(crate) content: PathBuf,
    /// The output folder, relative to the site root.
    pub(crate) output: PathBuf,
    /// A theme folder under `themes/` that overrides the default theme.
    pub(crate) theme: Option<String>,
    /// Other languages of the site, by code (`fa`, `hi`).
    pub(crate) languages: BTreeMap<String, LanguageConfig>,
    /// Ways to reach a person, shown in the "Still need help?" block.
    pub(crate) contact: Option<Contact>,
    /// Where "Was this article helpful?" leads (a URL or `mailto:`).
    pub(crate) feedback_url: Option<String>,
    /// The repository's address on its forge (`https://github.com/acme/app`), where links to its
    /// files outside the content folder lead; by default the `origin` remote's.
    pub(crate) repository: Option<String>,
    /// Freshness settings (used by `check` and by the notices on pages).
    pub(crate) freshness: FreshnessConfig,
    /// What the build writes for AI assistants (`llms.txt`).
    pub(crate) llms: LlmsConfig,
    /// `[markdown]`: how articles are rendered.
    pub(crate) markdown: MarkdownConfig,
    /// `[versions]`: the releases published besides the current docs.
    pub(crate) versions: Option<crate::versions::VersionsConfig>,
}

/// `[llms]`: `/llms.txt`, `/llms-full.txt` and a Markdown copy of every article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct LlmsConfig {
    /// Whether the build writes them at all.
    pub(crate) enabled: bool,
    /// What becomes of an article readers are told may be out of date: `mark` it with the reason,
    /// or `omit` it, so an assistant never repeats it.
    pub(crate) stale: LlmsStale,
}

impl Default for LlmsConfig {
    fn default() -> Self {
        LlmsConfig { enabled: true, stale: LlmsStale::Mark }
    }
}

/// `[markdown]`: how articles are rendered.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct MarkdownConfig {
    /// Syntax highlighting of fenced code at build time (no JavaScript); `false` writes every
    /// block as plain text.
    pub(crate) highlight: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig { highlight: true }
    }
}

/// `[llms] stale`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LlmsStale {
    #[default]
    Mark,
    Omit,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Help Center".to_string(),
            base_url: None,
            language: "en".to_string(),
            content: PathBuf::from("content"),
            output: PathBuf::from("public"),
            theme: None,
            languages: BTreeMap::new(),
            contact: None,
            feedback_url: None,
            repository: None,
            freshness: FreshnessConfig::default(),
            llms: LlmsConfig::default(),
            markdown: MarkdownConfig::default(),
            versions: None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct LanguageConfig {
    /// The language's own name for itself, shown in the language switcher ("فارسی").
    pub(crate) name: Option<String>,
    /// Overrides the site title for this language.
    pub(crate) title: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Contact {
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) chat: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) hours: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct FreshnessConfig {
    /// Glob of the tags that are releases.
    pub(crate) release_tags: String,
    /// The repository whose tags are the releases, relative to the site root.
    pub(crate) release_repo: PathBuf,
    /// Whether `-rc.1`, `-beta` tags count as releases.
    pub(crate) prereleases: bool,
    /// How long after a release articles may still predate it.
    pub(crate) grace: String,
    /// The age after which every article should be reviewed.
    pub(crate) max_age: String,
    /// File listing commits that do not count as changes.
    pub(crate) ignore_revs: PathBuf,
    /// Which articles a release makes stale: only those coupled to a product change of the
    /// release (`coupled`), or every article that predates it (`all`).
    pub(crate) release_rule: ReleaseRule,
    /// Globs (relative to the product repository's root) of the product's files; empty: every
    /// file outside the content folder.
    pub(crate) product: Vec<String>,
    /// Globs of files that are not the product, on top of the defaults (tests, lock files,
    /// generated files, CI settings, changelogs).
    pub(crate) product_ignore: Vec<String>,
    pub(crate) severity: Severities,
}

/// `[freshness] release_rule`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ReleaseRule {
    /// Stale for a release only when a product change coupled to the article landed in it.
    #[default]
    Coupled,
    /// Stale whenever the article predates the release.
    All,
}

impl Default for FreshnessConfig {
    fn default() -> Self {
        FreshnessConfig {
            release_tags: "v*".to_string(),
            release_repo: PathBuf::from("."),
            prereleases: false,
            grace: "14d".to_string(),
            max_age: "365d".to_string(),
            ignore_revs: PathBuf::from(".git-blame-ignore-revs"),
            release_rule: ReleaseRule::default(),
            product: Vec::new(),
            product_ignore: Vec::new(),
            severity: Severities::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
    Off,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Severities {
    pub(crate) release: Severity,
    pub(crate) age: Severity,
    pub(crate) translation: Severity,
    pub(crate) links: Severity,
}

impl Default for Severities {
    fn default() -> Self {
        Severities {
            release: Severity::Error,
            age: Severity::Warning,
            translation: Severity::Warning,
            links: Severity::Error,
        }
    }
}

/// A language of the site, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Language {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) rtl: bool,
}

impl Language {
    pub(crate) fn new(code: &str, name: Option<&str>) -> Self {
        Language {
            code: code.to_string(),
            name: name.map(str::to_string).unwrap_or_else(|| native_name(code).to_string()),
            rtl: is_rtl(code),
        }
    }

    pub(crate) fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }
}

/// Languages written right to left (by primary subtag).
pub(crate) fn is_rtl(code: &str) -> bool {
    let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    matches!(primary.as_str(), "ar" | "fa" | "he" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" | "ku")
}

fn native_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "fa" => "فارسی",
        "hi" => "हिन्दी",
        "ar" => "العربية",
        "he" => "עברית",
        "ur" => "اردو",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        other => other,
    }
}

/// Where everything is, once `--root`, `--out` and `freshdocs.toml` have been weighed.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    /// The folder holding `freshdocs.toml` (or the content folder itself in zero-config mode).
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    /// Whether a `freshdocs.toml` was found.
    pub(crate) configured: bool,
    pub(crate) content_dir: PathBuf,
    pub(crate) output_dir: PathBuf,
    /// The default language first, then the others in code order.
    pub(crate) languages: Vec<Language>,
    /// URL path prefix from `base_url`, always starting and ending with `/`; under it, an old
    /// version's folder (`/v1.2/`).
    pub(crate) base_path: String,
    /// Where the pages find the theme's static files: `base_path`, or for an old version whose
    /// theme files are the same as the current docs', the current docs' base path (§7.6).
    pub(crate) static_base: String,
    /// Where this build sits among the published versions, when the site has `[versions]`.
    pub(crate) version: Option<std::sync::Arc<crate::versions::Nav>>,
}

impl Site {
    /// Reads `<root>/freshdocs.toml` if there is one; otherwise `root` is a bare content folder.
    /// `out` overrides the output folder (relative to the current directory, as typed).
    pub(crate) fn load(root: &Path, out: Option<&Path>) -> Result<Site, Error> {
        if !root.is_dir() {
            return Err(Error::root_not_a_folder(root));
        }
        let config_path = root.join(CONFIG_FILE);
        let (config, configured) =
            if config_path.is_file() { (read_config(&config_path)?, true) } else { (Config::default(), false) };

        let content_dir = if configured { root.join(&config.content) } else { root.to_path_buf() };
        if !content_dir.is_dir() {
            return Err(Error::Config {
                path: config_path,
                span: Span::default(),
                message: format!("the content folder `{}` does not exist", content_dir.display()),
                help: "create it, or set `content = \"...\"` to the folder holding your Markdown".into(),
            });
        }
        // In zero-config mode the root is the content folder itself: writing `public/` into it
        // would mix output with sources, so the output goes to the current directory instead.
        let output_dir = match out {
            Some(out) => out.to_path_buf(),
            None if configured => root.join(&config.output),
            None => config.output.clone(),
        };

        let mut languages = vec![Language::new(
            &config.language,
            config.languages.get(&config.language).and_then(|l| l.name.as_deref()),
        )];
        for (code, settings) in &config.languages {
            if code != &config.language {
                languages.push(Language::new(code, settings.name.as_deref()));
            }
        }
        if let Some(url) = config.repository.as_deref().filter(|url| crate::forge::Forge::from_setting(url).is_none()) {
            return Err(Error::Config {
                path: config_path,
                span: Span::default(),
                message: format!("`repository = \"{url}\"` is not a web address"),
                help: "write the repository's address as it is shown in a browser, e.g. \
                       `repository = \"https://github.com/acme/app\"`"
                    .into(),
            });
        }
        let base_path = base_path(config.base_url.as_deref());

        let (content_dir, output_dir) = (tidy(&content_dir), tidy(&output_dir));
        Ok(Site {
            root: root.to_path_buf(),
            config,
            configured,
            content_dir,
            output_dir,
            languages,
            static_base: base_path.clone(),
            base_path,
            version: None,
        })
    }

    /// A content file as the writer finds it from the current folder (`content/billing/a.md`),
    /// for messages an editor or terminal can open.
    pub(crate) fn display_path(&self, rel_path: &str) -> PathBuf {
        tidy(&self.content_dir.join(rel_path))
    }

    /// The home page of a language: the base path for the default language, `/fa/` under it
    /// for the others. Every URL of a language starts with it.
    pub(crate) fn home_url(&self, lang: &str) -> String {
        if lang == self.default_language().code { self.base_path.clone() } else { format!("{}{lang}/", self.base_path) }
    }

    pub(crate) fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    pub(crate) fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The site title in a language.
    pub(crate) fn title(&self, lang: &str) -> &str {
        self.config.languages.get(lang).and_then(|l| l.title.as_deref()).unwrap_or(&self.config.title)
    }

    /// `https://example.com/docs/` + `/docs/a/` → `https://example.com/docs/a/`; the path alone
    /// when no `base_url` is set.
    pub(crate) fn absolute_url(&self, url: &str) -> String {
        match &self.config.base_url {
            Some(base) => {
                let origin = origin_of(base);
                format!("{origin}{url}")
            }
            None => url.to_string(),
        }
    }
}

/// `./content/a.md` → `content/a.md`.
fn tidy(path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

fn read_config(path: &Path) -> Result<Config, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read the configuration", e))?;
    toml::from_str::<Config>(&text).map_err(|e| {
        let span = e.span().map(|range| span_of_offset(&text, range.start)).unwrap_or_default();
        Error::Config {
            path: path.to_path_buf(),
            span,
            message: e.message().trim().to_string(),
            help: "see the `freshdocs.toml` reference in the help center; every key is optional".into(),
        }
    })
}

/// Line and column (1-based, in characters) of a byte offset.
pub(crate) fn span_of_offset(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    Span::at(line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn base_path(base_url: Option<&str>) -> String {
    let Some(base) = base_url else { return "/".to_string() };
    let after_origin = match base.find("://") {
        Some(i) => base[i + 3..].find('/').map(|j| &base[i + 3 + j..]).unwrap_or("/"),
        None => base,
    };
    let trimmed = after_origin.trim_matches('/');
    if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") }
}

fn origin_of(base: &str) -> &str {
    match base.find("://") {
        Some(i) => match base[i + 3..].find('/') {
            Some(j) => &base[..i + 3 + j],
            None => base,
        },
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_taken_from_base_url() {
        for (base, expected) in [
            (None, "/"),
            (Some("https://help.example.com"), "/"),
            (Some("https://help.example.com/"), "/"),
            (Some("https://example.com/docs"), "/docs/"),
            (Some("https://example.com/docs/v2/"), "/docs/v2/"),
        ] {
            assert_eq!(base_path(base), expected, "{base:?}");
        }
    }

    #[test]
    fn rtl_languages() {
        assert!(is_rtl("fa") && is_rtl("ar") && is_rtl("he") && is_rtl("ur") && is_rtl("fa-IR"));
        assert!(!is_rtl("en") && !is_rtl("hi"));
    }

    #[test]
    fn config_errors_point_at_the_line() {
        let text = "title = \"x\"\nlanguage = 3\n";
        let err = toml::from_str::<Config>(text).unwrap_err();
        let span = span_of_offset(text, err.span().unwrap().start);
        assert_eq!(span.line, Some(2));
    }

    #[test]
    fn unknown_config_keys_are_rejected() {
        assert!(toml::from_str::<Config>("titel = \"x\"").is_err());
        assert!(toml::from_str::<Config>("[freshness]\ngrace = \"7d\"").is_ok());
    }
}
