//! The theme: Tera templates, static assets and UI strings.
//!
//! The default theme is compiled into the binary, so `freshdocs` works from any folder. A site
//! overrides any file of it, in this order (later wins): the default theme, `themes/<theme>/` of
//! the site, then `templates/`, `static/` and `i18n/` beside `freshdocs.toml`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde_json::{Map, Value};

use crate::config::Site;
use crate::error::{Error, Errors};
use crate::markdown::CalloutLabels;

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates every theme must provide.
pub(crate) const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "section.html",
    "article.html",
    "az.html",
    "404.html",
    "redirect.html",
    "dashboard.html",
];

/// A file of the theme, from the binary or from the site.
enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

pub(crate) struct Theme {
    tera: tera::Tera,
    /// Where each template came from, for error messages.
    origins: HashMap<String, String>,
    /// UI strings per language, already merged over English.
    strings: HashMap<String, Map<String, Value>>,
    /// Static files by their path under the site root.
    statics: BTreeMap<String, Asset>,
}

impl Theme {
    pub(crate) fn load(site: &Site) -> Result<Theme, Errors> {
        let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut strings_src: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut statics: BTreeMap<String, Asset> = BTreeMap::new();
        let mut errors = Vec::new();

        for file in embedded_files(&DEFAULT_THEME) {
            let rel = file.path().to_string_lossy().replace('\\', "/");
            let origin = format!("(built-in theme) {rel}");
            if let Some(name) = rel.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                templates.insert(name.to_string(), (origin, text));
            } else if let Some(name) = rel.strip_prefix("i18n/") {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                strings_src.insert(name.to_string(), (origin, text));
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_string(), Asset::Embedded(file.contents()));
            }
        }

        let mut override_dirs = Vec::new();
        if let Some(name) = &site.config.theme {
            let dir = site.root.join("themes").join(name);
            if !dir.is_dir() {
                return Err(Error::theme_not_found(name, &dir).into());
            }
            override_dirs.push(dir);
        }
        if site.configured {
            override_dirs.push(site.root.clone());
        }
        for dir in &override_dirs {
            read_dir_into(&dir.join("templates"), &mut templates, &mut errors);
            read_dir_into(&dir.join("i18n"), &mut strings_src, &mut errors);
            for (rel, path) in list_files(&dir.join("static")) {
                statics.insert(rel, Asset::File(path));
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }

        let mut tera = tera::Tera::new();
        let origins: HashMap<String, String> = templates.iter().map(|(n, (o, _))| (n.clone(), o.clone())).collect();
        for required in REQUIRED_TEMPLATES {
            if !templates.contains_key(*required) {
                errors.push(Error::Template {
                    name: required.to_string(),
                    message: "the theme has no such template".into(),
                    help: format!("add templates/{required}, or copy it from the default theme"),
                });
            }
        }
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(name, (_, text))| (name.as_str(), text.as_str())))
        {
            errors.push(template_error(&origins, None, &e));
        }
        let strings = merge_strings(strings_src, &mut errors);
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        Ok(Theme { tera, origins, strings, statics })
    }

    /// Renders a template with a context.
    pub(crate) fn render(&self, template: &str, context: &tera::Context) -> Result<String, Error> {
        self.tera.render(template, context).map_err(|e| template_error(&self.origins, Some(template), &e))
    }

    /// UI strings of a language (English for keys it lacks).
    pub(crate) fn strings(&self, lang: &str) -> &Map<String, Value> {
        self.strings.get(lang).or_else(|| self.strings.get("en")).unwrap_or(&EMPTY)
    }

    pub(crate) fn string(&self, lang: &str, key: &str) -> Option<&str> {
        self.strings(lang).get(key).and_then(Value::as_str)
    }

    pub(crate) fn callout_labels(&self, lang: &str) -> CalloutLabels {
        let default = CalloutLabels::default();
        let get = |key: &str, fallback: String| self.string(lang, key).map(str::to_string).unwrap_or(fallback);
        CalloutLabels {
            note: get("callout_note", default.note),
            tip: get("callout_tip", default.tip),
            important: get("callout_important", default.important),
            warning: get("callout_warning", default.warning),
            caution: get("callout_caution", default.caution),
            task_done: get("task_done", default.task_done),
            task_todo: get("task_todo", default.task_todo),
            table: get("table_label", default.table),
        }
    }

    /// Static files: path under the site root and contents.
    pub(crate) fn static_files(&self) -> impl Iterator<Item = (&str, Result<std::borrow::Cow<'static, [u8]>, Error>)> {
        self.statics.iter().map(|(rel, asset)| {
            let bytes = match asset {
                Asset::Embedded(bytes) => Ok(std::borrow::Cow::Borrowed(*bytes)),
                Asset::File(path) => {
                    std::fs::read(path).map(std::borrow::Cow::Owned).map_err(|e| Error::io(path, "cannot read", e))
                }
            };
            (rel.as_str(), bytes)
        })
    }
}

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

fn list_files(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

fn read_dir_into(dir: &Path, into: &mut BTreeMap<String, (String, String)>, errors: &mut Vec<Error>) {
    for (rel, path) in list_files(dir) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                into.insert(rel, (path.display().to_string(), text));
            }
            Err(e) => errors.push(Error::io(path, "cannot read the template", e)),
        }
    }
}

fn merge_strings(
    sources: BTreeMap<String, (String, String)>,
    errors: &mut Vec<Error>,
) -> HashMap<String, Map<String, Value>> {
    let mut parsed: HashMap<String, Map<String, Value>> = HashMap::new();
    for (name, (origin, text)) in sources {
        let Some(lang) = name.strip_suffix(".toml") else { continue };
        match toml::from_str::<toml::Table>(&text) {
            Ok(table) => {
                let map = table.into_iter().map(|(k, v)| (k, serde_json::to_value(v).unwrap_or(Value::Null))).collect();
                parsed.insert(lang.to_string(), map);
            }
            Err(e) => errors.push(Error::Config {
                path: PathBuf::from(origin),
                span: e.span().map(|r| crate::config::span_of_offset(&text, r.start)).unwrap_or_default(),
                message: e.message().trim().to_string(),
                help: "UI strings are one `key = \"text\"` per line".into(),
            }),
        }
    }
    let english = parsed.get("en").cloned().unwrap_or_default();
    for (lang, map) in parsed.iter_mut() {
        if lang != "en" {
            for (k, v) in &english {
                map.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    parsed
}

fn template_error(origins: &HashMap<String, String>, rendering: Option<&str>, error: &tera::Error) -> Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(&format!("\n  caused by: {inner}"));
        source = inner.source();
    }
    let name = rendering.map(str::to_string).unwrap_or_else(|| "theme".to_string());
    let origin = rendering.and_then(|n| origins.get(n)).cloned().unwrap_or_default();
    if !origin.is_empty() && !message.contains(&origin) {
        message = format!("(from {origin})\n{message}");
    }
    Error::Template {
        name,
        message,
        help: "fix the template at the place shown; the previous site was left as it was".into(),
    }
}
