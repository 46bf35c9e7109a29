//! Versions kept as folders of copies, built as versions with no setting: Docusaurus's
//! `versioned_docs/version-<name>/`, listed newest first in `versions.json`, both beside the
//! docs folder. The docs folder itself is Docusaurus's "next" version, the docs of what is not
//! released yet; it stays at the root, as the current docs of every versioned site do.
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

/// Docusaurus's list of versions and its folder of copies, beside the docs folder.
pub(crate) struct Layout {
    versions_json: PathBuf,
    versioned_docs: PathBuf,
}

/// The Docusaurus layout of `site`'s content folder, when both `versions.json` and
/// `versioned_docs/` are beside it (`website/docs/`), or in the Docusaurus site folder beside it
/// (`docs/` with `website/versions.json`, as when the config says `path: '../docs'`).
pub(crate) fn layout(site: &Site) -> Option<Layout> {
    let dir = &site.content_dir;
    let beside = match (dir.parent(), dir.file_name()) {
        (Some(parent), Some(_)) if parent.as_os_str().is_empty() => PathBuf::from("."),
        (Some(parent), Some(_)) => parent.to_path_buf(),
        _ => dir.join(".."),
    };
    [beside.clone(), beside.join("website")].into_iter().find_map(|folder| {
        let layout =
            Layout { versions_json: folder.join("versions.json"), versioned_docs: folder.join("versioned_docs") };
        (layout.versions_json.is_file() && layout.versioned_docs.is_dir()).then_some(layout)
    })
}

/// The plan of a site whose versions are Docusaurus's copies: every version `versions.json`
/// lists, at `/<name>/`, newest first.
pub(crate) fn plan(site: &Site, content: &Content, shared: Arc<Shared>, layout: &Layout) -> Result<Plan, Error> {
    let names = read_names(&layout.versions_json)?;
    let repo = history::discover(&site.content_dir)?;
    let releases = crate::freshness::site_releases(site)?.unwrap_or_default();
    let workdir = repo.as_ref().map_or_else(|| site.root.clone(), |r| r.workdir().to_path_buf());
    let prefix = |dir: &Path| crate::freshness::repo_prefix(&workdir, dir).unwrap_or_default();
    let mut nav = vec![Published::of("next".to_string(), site.base_path.clone(), true, content)];
    let (mut old, mut warnings, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for name in names {
        let dir = layout.versioned_docs.join(format!("version-{name}"));
        let source = format!("folder {}", dir.display());
        let read = folder_label(&name).and_then(|label| {
            if !dir.is_dir() {
                return Err(Error::usage(
                    format!(
                        "{} lists version {name}, and {} is not there",
                        layout.versions_json.display(),
                        dir.display()
                    ),
                    "restore the folder, or remove the version from versions.json",
                ));
            }
            let base = format!("{}{label}/", site.base_path);
            let version_site = Site { content_dir: dir.clone(), base_path: base.clone(), ..site.clone() };
            let loaded = crate::content::load(&version_site).map_err(|Errors(mut e)| e.remove(0))?;
            Ok((Published::of(label.to_string(), base, false, &loaded.0), loaded))
        });
        match read {
            Ok((published, loaded)) => {
                // The newest release of the copy's line: `2.0` is `v2.0.3`, `2.0.1` is `v2.0.1`.
                let bare = |n: &str| n.trim_start_matches('v').to_string();
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
                let content = std::cell::Cell::new(Some(loaded));
                old.push(Old { root: site.root.clone(), content_dir: Some(dir), source, as_of, content });
            }
            Err(e) => {
                warnings.push(not_built(&name, &source, &e));
                failed.push(Error::version_not_built(&name, &source, &e));
            }
        }
    }
    Ok(Plan { nav, old, noindex: true, shared, warnings, failed })
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
