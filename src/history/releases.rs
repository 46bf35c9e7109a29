//! Releases: the tags that mark product versions (docs/ARCHITECTURE.md §3.7).
//!
//! A release is a tag whose name matches a glob. Its date is the tagger date of an annotated tag
//! and the committer date of a lightweight tag's commit (the moment the commit entered the
//! repository, the closest a lightweight tag has to "when it was released"). Tags anywhere in the
//! repository count, reachable from HEAD or not: releases are often tagged on release branches.

use chrono::{DateTime, FixedOffset};
use git2::{ObjectType, Oid};
use globset::GlobBuilder;

use super::{HistoryError, Repo, git_time};

/// One release tag.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Release {
    /// The tag name, without `refs/tags/`.
    pub name: String,
    /// Tagger date (annotated tag) or committer date of the tagged commit (lightweight tag).
    pub date: DateTime<FixedOffset>,
    /// Full sha of the tagged commit.
    pub commit: String,
    /// The version the name spells, if it parses (`v1.2.3`, `1.2`, `release-2.0.0-rc.1`...).
    #[serde(serialize_with = "version_string")]
    pub version: Option<semver::Version>,
}

/// Releases, oldest first, and what was skipped on the way.
#[derive(Debug, Clone, Default)]
pub struct Releases {
    /// Releases, oldest first.
    pub releases: Vec<Release>,
    /// Tags that match but cannot be releases (they point to a tree or a blob, or are broken).
    pub warnings: Vec<String>,
}

/// Release tags matching `tag_glob`, oldest first; see [`releases_with_warnings`].
/// Warnings are dropped: prefer [`releases_with_warnings`] where they can be shown.
pub fn releases(repo: &Repo, tag_glob: &str, prereleases: bool) -> Result<Vec<Release>, HistoryError> {
    releases_with_warnings(repo, tag_glob, prereleases).map(|r| r.releases)
}

/// Release tags matching `tag_glob` (a glob over the tag name, `*` matching `/` too, as in
/// `git tag --list`), oldest first.
///
/// Ordered by version when every matching tag spells one, else by date. Pre-releases (a version
/// with a pre-release part, `-rc.1`, `-beta`) are skipped unless `prereleases`; when they are
/// kept, a pre-release tagging the same commit as a final release is dropped in favour of the
/// final. A tag pointing to a tree or a blob is skipped with a warning.
pub fn releases_with_warnings(repo: &Repo, tag_glob: &str, prereleases: bool) -> Result<Releases, HistoryError> {
    let matcher = GlobBuilder::new(tag_glob)
        .build()
        .map_err(|source| HistoryError::TagGlob { glob: tag_glob.to_string(), source })?
        .compile_matcher();
    let prefix = literal_prefix(tag_glob);
    let git = repo.git2();
    let mut out = Releases::default();

    let mut names = Vec::new();
    git.tag_foreach(|_, name| {
        if let Some(name) = std::str::from_utf8(name).ok().and_then(|n| n.strip_prefix("refs/tags/")) {
            names.push(name.to_string());
        }
        true
    })
    .map_err(|e| HistoryError::git("listing tags", e))?;

    for name in names.into_iter().filter(|n| matcher.is_match(n)) {
        match resolve(git, &name) {
            Ok(Some((commit, date))) => out.releases.push(Release {
                version: parse_version(&name, prefix),
                name,
                date,
                commit: commit.to_string(),
            }),
            Ok(None) => {
                out.warnings.push(format!("tag `{name}` points to a tree or a blob, not a commit; it is not a release"))
            }
            Err(e) => out.warnings.push(format!("tag `{name}` cannot be read ({e}); it is not a release")),
        }
    }

    // A pre-release tagging the same commit as its own final (`v2.0.0-rc.2` and `v2.0.0`) is the
    // same release under an older name.
    let core = |r: &Release| r.version.as_ref().map(|v| (r.commit.clone(), v.major, v.minor, v.patch));
    let finals: std::collections::HashSet<_> =
        out.releases.iter().filter(|r| !is_prerelease(r)).filter_map(core).collect();
    out.releases.retain(|r| !is_prerelease(r) || (prereleases && !core(r).is_some_and(|k| finals.contains(&k))));

    if out.releases.iter().all(|r| r.version.is_some()) {
        out.releases.sort_by(|a, b| a.version.cmp(&b.version).then(a.date.cmp(&b.date)).then(a.name.cmp(&b.name)));
    } else {
        out.releases.sort_by(|a, b| a.date.cmp(&b.date).then(a.name.cmp(&b.name)));
    }
    Ok(out)
}

/// Versions serialise as strings (`"1.2.0"`); semver's own serde support is not enabled.
fn version_string<S: serde::Serializer>(version: &Option<semver::Version>, serializer: S) -> Result<S::Ok, S::Error> {
    match version {
        Some(v) => serializer.collect_str(v),
        None => serializer.serialize_none(),
    }
}

fn is_prerelease(release: &Release) -> bool {
    release.version.as_ref().is_some_and(|v| !v.pre.is_empty())
}

/// The tagged commit and the release date, or `None` when the tag does not lead to a commit.
fn resolve(git: &git2::Repository, name: &str) -> Result<Option<(Oid, DateTime<FixedOffset>)>, git2::Error> {
    let reference = git.find_reference(&format!("refs/tags/{name}"))?;
    // Not `peel`: that would skip the annotated tag whose tagger date we need.
    let target = reference
        .resolve()?
        .target()
        .ok_or_else(|| git2::Error::from_str("the tag is a symbolic reference to nothing"))?;
    let mut object = git.find_object(target, None)?;
    let mut tagger_date = None;
    // Follow tags of tags; the outermost tag's date is the release date.
    loop {
        match object.kind() {
            Some(ObjectType::Tag) => {
                let tag = object.as_tag().expect("kind is tag");
                if tagger_date.is_none() {
                    tagger_date = tag.tagger().map(|t| git_time(t.when()));
                }
                object = tag.target()?;
            }
            Some(ObjectType::Commit) => {
                let commit = object.as_commit().expect("kind is commit");
                let date = tagger_date.unwrap_or_else(|| git_time(commit.committer().when()));
                return Ok(Some((commit.id(), date)));
            }
            _ => return Ok(None),
        }
    }
}

/// A PEP 440 version as semver would spell it: `2.14.0b1` → `2.14.0-b.1`, `1.0.dev3` →
/// `1.0-dev.3`, `1.2.post1` → `1.2+post.1` (a post-release is the final one, rebuilt).
fn python_version(rest: &str) -> Option<String> {
    let numeric = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|&i| i > 0)?;
    let (core, tail) = rest.split_at(numeric);
    let core = core.strip_suffix('.').unwrap_or(core);
    let label_end = tail.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(tail.len());
    let (label, number) = tail.split_at(label_end);
    let number = number.strip_prefix('.').unwrap_or(number);
    if !number.bytes().all(|b| b.is_ascii_digit()) || core.is_empty() || core.ends_with('.') {
        return None;
    }
    let label = label.to_ascii_lowercase();
    let separator = match label.as_str() {
        "a" | "alpha" | "b" | "beta" | "c" | "rc" | "pre" | "preview" | "dev" => '-',
        "post" => '+',
        _ => return None,
    };
    Some(if number.is_empty() {
        format!("{core}{separator}{label}")
    } else {
        format!("{core}{separator}{label}.{number}")
    })
}

/// The part of a glob before its first special character: `v*` → `v`, `docs-v*` → `docs-v`.
fn literal_prefix(glob: &str) -> &str {
    let end = glob.find(['*', '?', '[', '{', '\\']).unwrap_or(glob.len());
    &glob[..end]
}

/// The version a tag name spells, leniently: the glob's literal prefix and a leading `v` are
/// dropped, and a missing minor or patch number counts as 0 (`v1.2` → 1.2.0).
pub(crate) fn parse_version(name: &str, prefix: &str) -> Option<semver::Version> {
    let rest = name.strip_prefix(prefix).unwrap_or(name);
    let rest = rest.strip_prefix('v').or_else(|| rest.strip_prefix('V')).unwrap_or(rest);
    // Python's spellings (PEP 440), `2.14.0b1`, `1.0rc2`, `3.1.0.dev4`, `1.2.post1`, as semver
    // spells them; no semver version reads as one of those.
    let spelled = python_version(rest);
    let rest = spelled.as_deref().unwrap_or(rest);
    if let Ok(version) = semver::Version::parse(rest) {
        return Some(version);
    }
    // Pad `1` or `1.2` (before any `-pre` or `+build`) to three numbers.
    let split = rest.find(['-', '+']).unwrap_or(rest.len());
    let (core, tail) = rest.split_at(split);
    let numbers = core.split('.').count();
    if core.is_empty()
        || numbers >= 3
        || !core.split('.').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let padded = format!("{core}{}{tail}", ".0".repeat(3 - numbers));
    semver::Version::parse(&padded).ok()
}
