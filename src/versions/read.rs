//! Reading an old version out of its tag: its site folder written into
//! `<git dir>/freshdocs/versions/<label>/` (never the work tree), its settings, its content and
//! where its history is read from.

use std::path::{Path, PathBuf};

use super::*;

/// One old version as read out of its tag.
pub(crate) struct Version {
    /// Where its site folder was written.
    pub(crate) root: PathBuf,
    /// Its settings: its own `freshdocs.toml`, else the current one, with its base path.
    pub(crate) site: Site,
    /// Its content, listed with that base path, and the warnings of reading it.
    pub(crate) loaded: (Content, Vec<Warning>),
    /// Files git could not give (a partial clone), left out.
    pub(crate) unread: Vec<String>,
    /// Where its history is read from.
    pub(crate) as_of: crate::freshness::AsOf,
}

/// Reads the version `label` of `site` out of `release`'s tree into
/// `<git dir>/freshdocs/versions/<label>/` (`site_prefix`: the site folder's place in the
/// repository), and lists its content with the base path `base`.
pub(crate) fn version(
    repo: &history::Repo,
    site: &Site,
    site_prefix: &str,
    label: &str,
    release: &history::Release,
    base: &str,
) -> Result<Version, Error> {
    let root = repo.git_dir().join("freshdocs").join("versions").join(label);
    let (unread, own_config) = extract_once(repo, &release.commit, site_prefix, &root)?;
    if site.configured && !own_config {
        let config_path = site.root.join(CONFIG_FILE);
        let text = std::fs::read(&config_path).map_err(|e| Error::io(&config_path, "cannot read", e))?;
        std::fs::write(root.join(CONFIG_FILE), text).map_err(|e| Error::io(&root, "cannot write", e))?;
    }
    let version_site = Site::load(&root, None)?;
    let content_prefix = match version_site.content_dir.strip_prefix(&root) {
        Ok(rel) if rel.as_os_str().is_empty() => site_prefix.to_string(),
        Ok(rel) if rel.components().all(|c| matches!(c, std::path::Component::Normal(_))) => {
            format!("{site_prefix}{}/", rel.to_string_lossy().replace('\\', "/"))
        }
        _ => {
            return Err(Error::usage(
                format!(
                    "in version {label} (tag {}), the content folder {} is outside the site folder",
                    release.name,
                    version_site.content_dir.display()
                ),
                "keep `content` inside the folder of freshdocs.toml",
            ));
        }
    };
    let site = Site { base_path: base.to_string(), ..version_site };
    let loaded = crate::content::load(&site).map_err(|Errors(mut e)| e.remove(0))?;
    let as_of = crate::freshness::AsOf {
        workdir: repo.workdir().to_path_buf(),
        tag: release.name.clone(),
        commit: Some(
            git2::Oid::from_str(&release.commit)
                .map_err(|_| Error::release_not_a_commit(&release.name, &release.commit))?,
        ),
        site_prefix: site_prefix.to_string(),
        content_prefix,
    };
    Ok(Version { root, site, loaded, unread, as_of })
}

/// The warning that files of the version `label` (tag `tag`) could not be read, if any.
pub(crate) fn unread_warning(label: &str, tag: &str, unread: &[String]) -> Option<Warning> {
    if unread.is_empty() {
        return None;
    }
    let message = format!(
        "in version {label} (tag {tag}): {} could not be read from git and {} left out: {} \
         (a partial clone lacks them: clone with the full history, without --filter)",
        crate::term::plural(unread.len(), "file", "files"),
        if unread.len() == 1 { "is" } else { "are" },
        unread.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
    );
    Some(Warning::new(WarningKind::History, None, Span::default(), message))
}

/// The old line `version` names, read out of its tag for `check --version`: a release line
/// (`v1.16`, whose newest patch is judged) or a release tag (`v1.16.2`), among the releases
/// `check` knows (`release_tags`, `prereleases`). The tags must be the docs repository's own:
/// with `release_repo` elsewhere there are no docs at them. The version is read as `[versions]`
/// reads it, listed at its published base path (`/<line>/`).
pub(crate) fn for_check(site: &Site, version: &str) -> Result<Version, Error> {
    let f = &site.config.freshness;
    if f.release_repo != Path::new(".") {
        return Err(Error::usage(
            format!(
                "`check --version {version}` judges the docs at a release tag of this repository, but `release_repo` names another one"
            ),
            "tag the docs repository's releases too",
        ));
    }
    let repo = history::discover(&site.content_dir)?.ok_or_else(|| Error::no_repository(&site.content_dir, "check"))?;
    if repo.is_shallow() {
        return Err(Error::shallow(repo.workdir()));
    }
    let releases = history::releases(&repo, &f.release_tags, f.prereleases)?;
    let release = releases
        .iter()
        .rev()
        .find(|r| r.name == version)
        .or_else(|| releases.iter().rev().find(|r| line_label(&r.name) == version))
        .ok_or_else(|| {
            let mut lines: Vec<String> = Vec::new();
            for release in releases.iter().rev() {
                let line = line_label(&release.name);
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
            let known = match lines.len() {
                0 => format!("no tag matches release_tags (`{}`) yet", f.release_tags),
                n => format!(
                    "the release lines are {}{}",
                    lines.iter().take(8).map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", "),
                    if n > 8 { ", …" } else { "" }
                ),
            };
            Error::usage(
                format!("no release is version `{version}`: {known}"),
                "name a release line (`v1.16`) or a release tag (`v1.16.2`)",
            )
        })?;
    let site_prefix = crate::freshness::repo_prefix(repo.workdir(), &site.root).unwrap_or_default();
    let label = line_label(&release.name);
    let base = format!("{}{label}/", site.base_path);
    self::version(&repo, site, &site_prefix, &label, release, &base)
}

/// [`extract`], unless the folder already holds that commit's files (a marker beside it says
/// which commit it holds); also says whether the tag has its own `freshdocs.toml`.
fn extract_once(repo: &history::Repo, commit: &str, prefix: &str, dest: &Path) -> Result<(Vec<String>, bool), Error> {
    // `v1.2` + `.commit` (not `with_extension`, which would replace the `.2`).
    let mut marker_name = dest.file_name().unwrap_or_default().to_os_string();
    marker_name.push(".commit");
    let marker = dest.with_file_name(marker_name);
    let held = std::fs::read_to_string(&marker).unwrap_or_default();
    let mut lines = held.lines();
    if dest.is_dir() && lines.next() == Some(commit) {
        let own_config = lines.next() == Some("own config");
        return Ok((lines.map(str::to_string).collect(), own_config));
    }
    let _ = std::fs::remove_file(&marker);
    let unread = extract(repo, commit, prefix, dest)?;
    let own_config = dest.join(CONFIG_FILE).exists();
    let mut text = format!("{commit}\n{}\n", if own_config { "own config" } else { "current config" });
    for path in &unread {
        text.push_str(path);
        text.push('\n');
    }
    std::fs::write(&marker, text).map_err(|e| Error::io(&marker, "cannot write", e))?;
    Ok((unread, own_config))
}

/// Writes the files of `prefix` (a folder of the repository, `""` for all) at `commit` into
/// `dest`, replacing what a previous build left there. Returns the files whose content is not in
/// the repository (a partial clone), which are left out.
fn extract(repo: &history::Repo, commit: &str, prefix: &str, dest: &Path) -> Result<Vec<String>, Error> {
    let git = repo.git2();
    let reading = |e: git2::Error| Error::usage(format!("cannot read {commit} from git: {e}"), "run `git fsck`");
    let oid = git2::Oid::from_str(commit).map_err(reading)?;
    let tree = git.find_commit(oid).and_then(|c| c.tree()).map_err(reading)?;
    let tree = match prefix.trim_end_matches('/') {
        "" => tree,
        folder => {
            let entry = tree.get_path(Path::new(folder)).map_err(|_| {
                Error::usage(
                    format!("the docs folder `{folder}/` is not in this tag's tree"),
                    "publish only tags that have the docs: set [versions] tags or keep",
                )
            })?;
            git.find_tree(entry.id()).map_err(reading)?
        }
    };
    if dest.exists() {
        std::fs::remove_dir_all(dest).map_err(|e| Error::io(dest, "cannot clear the old copy", e))?;
    }
    std::fs::create_dir_all(dest).map_err(|e| Error::io(dest, "cannot create", e))?;
    let mut failed = None;
    let mut unread = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |folder, entry| {
        let Some(name) = entry.name().ok().filter(|n| !n.is_empty() && *n != "." && *n != ".." && !n.contains('\\'))
        else {
            return git2::TreeWalkResult::Skip;
        };
        let path = dest.join(folder).join(name);
        let written = match entry.kind() {
            Some(git2::ObjectType::Tree) => {
                std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, "cannot create", e))
            }
            Some(git2::ObjectType::Blob) if entry.filemode() != 0o120000 => match git.find_blob(entry.id()) {
                Ok(blob) => std::fs::write(&path, blob.content()).map_err(|e| Error::io(&path, "cannot write", e)),
                Err(_) => {
                    unread.push(format!("{folder}{name}"));
                    Ok(())
                }
            },
            _ => Ok(()),
        };
        match written {
            Ok(()) => git2::TreeWalkResult::Ok,
            Err(e) => {
                failed = Some(e);
                git2::TreeWalkResult::Abort
            }
        }
    })
    .ok();
    failed.map_or(Ok(unread), Err)
}
