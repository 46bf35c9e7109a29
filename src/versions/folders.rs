//! Versions kept as folders of copies, built as versions with no setting (see [`layout`]):
//! Docusaurus's `versioned_docs/version-<name>/`, listed newest first in `versions.json`, or
//! `v2.3/`-style folders beside a `latest/` one. The content folder itself (Docusaurus's "next",
//! the docs of what is not released yet, or `latest/`) stays at the root, as the current docs of
//! every versioned site do.
//!
//! Each copy is read from the work tree as the current docs are (its history is its folder's),
//! and judged against the releases up to the newest one of its line (`2.0` is the `v2.0.x`
//! tags); a copy whose line has no release tag is judged by the age rule alone.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Old, Plan, Published, Shared, line_label, not_built};
use crate::config::Site;
use crate::content::Content;
use crate::error::{Error, Errors, Span};
use crate::history;

/// How a site keeps its copies.
pub(crate) enum Layout {
    /// Docusaurus: `versions.json` lists the versions, newest first, and
    /// `versioned_docs/version-<name>/` holds each.
    Docusaurus { versions_json: PathBuf, versioned_docs: PathBuf },
    /// Copies side by side: the content folder is `latest/`, `main/` or `current/`, and each
    /// `v<number>…/` folder beside it (`v2.3/`, `v1/`) is a version, newest first.
    Siblings { current: String, versions: Vec<(String, PathBuf)> },
}

/// The copies of `site`'s content folder, if it keeps any:
/// - Docusaurus's, when both `versions.json` and `versioned_docs/` are beside the content folder
///   (`website/docs/`), or in the Docusaurus site folder beside it (`docs/` with
///   `website/versions.json`, as when the config says `path: '../docs'`);
/// - else `v…/` folders beside a content folder named `latest`, `main` or `current`.
pub(crate) fn layout(site: &Site) -> Option<Layout> {
    layout_of(&site.content_dir)
}

/// [`layout`] of the content folder `dir`.
pub(crate) fn layout_of(dir: &Path) -> Option<Layout> {
    let beside = match (dir.parent(), dir.file_name()) {
        (Some(parent), Some(_)) if parent.as_os_str().is_empty() => PathBuf::from("."),
        (Some(parent), Some(_)) => parent.to_path_buf(),
        _ => dir.join(".."),
    };
    let docusaurus = [beside.clone(), beside.join("website")].into_iter().find_map(|folder| {
        let (versions_json, versioned_docs) = (folder.join("versions.json"), folder.join("versioned_docs"));
        (versions_json.is_file() && versioned_docs.is_dir())
            .then_some(Layout::Docusaurus { versions_json, versioned_docs })
    });
    docusaurus.or_else(|| siblings(dir, &beside))
}

impl Layout {
    /// In words, for `init`: `Docusaurus's versioned_docs/ (2.0, 1.5)`, `the folders v2.3/, v2.2/`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Layout::Docusaurus { versions_json, .. } => {
                let names = read_names(versions_json).unwrap_or_default();
                format!("Docusaurus's versioned_docs/ ({})", names.join(", "))
            }
            Layout::Siblings { versions, .. } => {
                let names: Vec<String> = versions.iter().map(|(name, _)| format!("{name}/")).collect();
                format!("the folders {}", names.join(", "))
            }
        }
    }
}

/// `v…/` folders beside a content folder named `latest`, `main` or `current`, newest first.
fn siblings(dir: &Path, beside: &Path) -> Option<Layout> {
    let current = dir.file_name()?.to_str()?;
    if !matches!(current, "latest" | "main" | "current") {
        return None;
    }
    let mut versions: Vec<(Vec<u64>, String, PathBuf)> = std::fs::read_dir(beside)
        .ok()?
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            Some((version_number(&name)?, name, entry.path()))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let versions: Vec<(String, PathBuf)> = versions.into_iter().map(|(_, name, path)| (name, path)).collect();
    (!versions.is_empty()).then(|| Layout::Siblings { current: current.to_string(), versions })
}

/// `v2.3` → [2, 3]; `v1.x` → [1]; `None` unless the name is `v` and a version number.
fn version_number(name: &str) -> Option<Vec<u64>> {
    let rest = name.strip_prefix('v').filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))?;
    let mut parts = Vec::new();
    for part in rest.split('.') {
        match part.parse() {
            Ok(n) => parts.push(n),
            Err(_) if part == "x" => {}
            Err(_) => return None,
        }
    }
    Some(parts)
}

/// The plan of a site whose versions are copies: each at `/<name>/`, newest first.
pub(crate) fn plan(site: &Site, content: &Content, shared: Arc<Shared>, layout: &Layout) -> Result<Plan, Error> {
    let (current, listed, listed_in) = match layout {
        // The docs folder is Docusaurus's "next".
        Layout::Docusaurus { versions_json, versioned_docs } => {
            let listed = read_names(versions_json)?
                .into_iter()
                .map(|name| {
                    let dir = versioned_docs.join(format!("version-{name}"));
                    (name, dir)
                })
                .collect();
            ("next".to_string(), listed, Some(versions_json))
        }
        Layout::Siblings { current, versions } => (current.clone(), versions.clone(), None),
    };
    // Docusaurus's docs folder and a `main/` folder are the docs of what is not released yet.
    let next = matches!(current.as_str(), "next" | "main");
    let repo = history::discover(&site.content_dir)?;
    let releases = crate::freshness::site_releases(site)?.unwrap_or_default();
    let workdir = repo.as_ref().map_or_else(|| site.root.clone(), |r| r.workdir().to_path_buf());
    let prefix = |dir: &Path| crate::freshness::repo_prefix(&workdir, dir).unwrap_or_default();
    let mut nav = vec![Published::of(current, site.base_path.clone(), content)];
    let (mut old, mut warnings, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for (name, dir) in listed {
        let source = format!("folder {}", dir.display());
        let read = folder_label(&name).and_then(|label| {
            if let Some(list) = listed_in.filter(|_| !dir.is_dir()) {
                return Err(Error::usage(
                    format!("{} lists version {name}, and {} is not there", list.display(), dir.display()),
                    "restore the folder, or remove the version from versions.json",
                ));
            }
            let base = format!("{}{label}/", site.base_path);
            let version_site = Site { content_dir: dir.clone(), base_path: base.clone(), ..site.clone() };
            let loaded = crate::content::load(&version_site).map_err(|Errors(mut e)| e.remove(0))?;
            Ok((Published::of(label.to_string(), base, &loaded.0), loaded))
        });
        match read {
            Ok((published, loaded)) => {
                // The newest release of the copy's line: `2.0` is `v2.0.3`, `2.0.1` is `v2.0.1`.
                let bare = |n: &str| n.trim_start_matches('v').trim_end_matches(".x").to_string();
                let own = releases
                    .iter()
                    .rev()
                    .find(|r| bare(&r.name) == bare(&name) || bare(&line_label(&r.name)) == bare(&name));
                let as_of = crate::freshness::AsOf {
                    workdir: workdir.clone(),
                    tag: own.map(|r| r.name.clone()).unwrap_or_default(),
                    commit: None,
                    site_prefix: prefix(&site.root),
                    content_prefix: prefix(&dir),
                };
                nav.push(published);
                let content = std::sync::Mutex::new(Some(loaded));
                old.push(Old { root: site.root.clone(), content_dir: Some(dir), source, as_of, content });
            }
            Err(e) => {
                warnings.push(not_built(&name, &source, &e));
                failed.push(Error::version_not_built(&name, &source, &e));
            }
        }
    }
    Ok(Plan { nav, old, noindex: true, next, shared, warnings, failed })
}

/// The names in `versions.json`: a JSON list of strings.
fn read_names(path: &Path) -> Result<Vec<String>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", e))?;
    serde_json::from_str(&text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        span: Span::line(e.line()),
        message: format!("`versions.json` is not a list of version names: {e}"),
        help: "write the versions newest first, as Docusaurus does: [\"2.0\", \"1.5\"]".into(),
    })
}

/// A version name as the folder of its pages (`/2.0/`): one URL segment.
fn folder_label(name: &str) -> Result<&str, Error> {
    let safe = !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '?', '#', '%']);
    if safe {
        Ok(name)
    } else {
        Err(Error::usage(
            format!("the version name `{name}` cannot be a folder of the site"),
            "name versions with letters, digits, dots and dashes, such as 2.0",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::version_number;

    #[test]
    fn version_folder_names() {
        assert_eq!(version_number("v2.3"), Some(vec![2, 3]));
        assert_eq!(version_number("v1.x"), Some(vec![1]));
        assert!(version_number("v1.10") > version_number("v1.9"));
        for name in ["drafts", "v", "va", "2.3", "v1.2-beta"] {
            assert_eq!(version_number(name), None, "{name}");
        }
    }
}
