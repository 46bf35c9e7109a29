//! Every error and warning a build can report, with all of their wording in one place.
//!
//! Stages never print: they return an [`Error`] (the build cannot go on, or the input is bad) or
//! push a [`Warning`] (the site can still be written). A build collects every error it can find
//! before giving up, so a writer fixes all of them in one round.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::history::HistoryError;
use crate::search::SearchError;

/// A place in a source file: 1-based line and column, either of which may be unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Span {
    pub fn at(line: usize, column: usize) -> Self {
        Span { line: Some(line), column: Some(column) }
    }

    pub fn line(line: usize) -> Self {
        Span { line: Some(line), column: None }
    }
}

/// Formats `path:line:column`, leaving out what is unknown.
pub struct Location<'a>(pub &'a std::path::Path, pub Span);

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.display())?;
        if let Some(line) = self.1.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.1.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Input that stops a build or a check. Paths are shown as the user typed them (relative to the
/// site root where possible).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read the configuration: {message}\n  help: {help}", Location(path, *span))]
    Config { path: PathBuf, span: Span, message: String, help: String },

    #[error("{}: {message}\n  help: {help}", Location(path, *span))]
    FrontMatter { path: PathBuf, span: Span, message: String, help: String },

    #[error(
        "{}: unknown front matter key `{key}`; did you mean `{suggestion}`?\n  help: rename it to `{suggestion}`, or if `{key}` is meant for your templates, keep it and rename nothing else: only keys one typo away from a freshdocs key are rejected",
        Location(path, *span)
    )]
    MisspelledKey { path: PathBuf, span: Span, key: String, suggestion: String },

    #[error(
        "{}: the file is not valid UTF-8 (first bad byte at offset {offset})\n  help: save the file as UTF-8 in your editor",
        Location(path, *span)
    )]
    InvalidUtf8 { path: PathBuf, span: Span, offset: usize },

    #[error(
        "two files want the URL {url}:\n  - {}\n  - {}\n  help: rename one of them, or give one a different `slug` in its front matter",
        first.display(), second.display()
    )]
    DuplicateUrl { url: String, first: PathBuf, second: PathBuf },

    #[error(
        "{}: its URL {url} belongs to {what}, which the build writes there\n  help: rename the file or its folder, or give it a different `slug` in its front matter",
        path.display()
    )]
    ReservedUrl { url: String, path: PathBuf, what: &'static str },

    #[error(
        "{}: {what} `{value}` would lead outside the site\n  help: use a path inside the site, without `..` or a scheme, e.g. `/old/page/`",
        Location(path, *span)
    )]
    EscapesSite { path: PathBuf, span: Span, what: &'static str, value: String },

    #[error("template `{name}`: {message}\n  help: {help}")]
    Template { name: String, message: String, help: String },

    #[error("{}: {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },

    #[error("{message}\n  help: {help}")]
    Usage { message: String, help: String },

    /// The history engine stopped; its message already says what to do.
    #[error(transparent)]
    History(#[from] HistoryError),

    /// The search index could not be written or read; its message already says what to do.
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// The named errors: every wording that more than one place reports, and every usage error, is
/// written once here.
impl Error {
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), action, source }
    }

    /// Bad input that is no file's fault: a flag, a setting, the state of the machine.
    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), help: help.into() }
    }

    /// `build --strict`: an old version of `[versions]` failed to build.
    pub(crate) fn version_not_built(label: &str, source: &str, cause: &Error) -> Self {
        Error::usage(
            Error::version_not_built_message(label, source, cause),
            "fix the file at that tag (a new patch release), leave the version out of [versions], or build without --strict",
        )
    }

    /// What is said of an old version that failed to build: the error of `--strict`, and the
    /// warning without it. `source` says where the version comes from: `tag v1.2.0`, `folder
    /// versioned_docs/version-1.2`.
    pub(crate) fn version_not_built_message(label: &str, source: &str, cause: &Error) -> String {
        format!("version {label} ({source}) was not built: {cause}")
    }

    /// `--root` (or the preview's folder) is not a folder.
    pub fn root_not_a_folder(root: &Path) -> Self {
        Error::usage(
            format!("`{}` is not a folder", root.display()),
            "pass --root the folder that holds freshdocs.toml, or a folder of Markdown files",
        )
    }

    /// A command that needs the history was run where there is none.
    pub fn no_repository(content_dir: &Path, command: &str) -> Self {
        Error::usage(
            format!(
                "{} is not in a git repository, so `freshdocs {command}` cannot read when articles and the product changed",
                content_dir.display()
            ),
            format!(
                "run `{command}` in a clone of the docs repository, with its history (`freshdocs build` works without one)"
            ),
        )
    }

    /// A shallow clone: every date and every range would be wrong.
    pub fn shallow(workdir: &Path) -> Self {
        Error::History(HistoryError::Shallow { workdir: workdir.to_path_buf() })
    }

    /// `release_repo` (the product repository) is not a git repository.
    pub fn release_repo_missing(path: &Path) -> Self {
        Error::usage(
            format!("`release_repo` names {}, which is not a git repository", path.display()),
            "check out the product repository there (with its history and tags), or remove `release_repo` to use the docs repository",
        )
    }

    /// A release tag that points to a tree or a blob.
    pub fn release_not_a_commit(name: &str, target: &str) -> Self {
        Error::usage(
            format!("the release tag {name} points to `{target}`, which is not a commit"),
            "tag a commit, or leave the tag out of `release_tags`",
        )
    }

    /// `impact` without a range, in a repository with no release to start from.
    pub fn no_release_for_range(release_tags: &str) -> Self {
        Error::usage(
            format!("no release tag matches `{release_tags}`, so there is no default range"),
            "give the range of product changes, e.g. `freshdocs impact origin/main...HEAD` in a pull request",
        )
    }

    /// `review --for NAME` where NAME is not one of the releases `check` judges against.
    pub fn unknown_release(name: &str, release_tags: &str, recent: &[&str]) -> Self {
        let help = if recent.is_empty() {
            format!(
                "no tag matches `release_tags = \"{release_tags}\"` yet; tag the release first, or review without --for"
            )
        } else {
            format!("name a release, e.g. {}", recent.join(", "))
        };
        Error::usage(
            format!("`{name}` is not a release of this repository (`release_tags = \"{release_tags}\"`)"),
            help,
        )
    }

    /// A glob of `[freshness] product` or `product_ignore` that does not parse.
    pub fn bad_product_glob(glob: &str, error: &globset::Error) -> Self {
        Error::usage(
            format!("`{glob}` in `[freshness] product` or `product_ignore` is not a glob: {error}"),
            "write globs relative to the product repository's root, such as `src/**` or `**/*.rs`",
        )
    }

    /// `--lang` (or `lang=` of the preview's search) names no language of the site.
    pub fn unknown_language(code: &str, known: &[&str], help: &str) -> Self {
        Error::usage(no_such_language(code, known), help)
    }

    /// The theme named in freshdocs.toml has no folder.
    pub fn theme_not_found(name: &str, dir: &Path) -> Self {
        Error::usage(
            format!("the theme `{name}` was not found at {}", dir.display()),
            "create that folder, or remove `theme` from freshdocs.toml to use the default theme",
        )
    }
}

/// "the site has no language `xx` (it has en, fa)", for the CLI and the preview's search API.
pub fn no_such_language(code: &str, known: &[impl AsRef<str>]) -> String {
    let known: Vec<&str> = known.iter().map(AsRef::as_ref).collect();
    format!("the site has no language `{code}` (it has {})", known.join(", "))
}

/// Every error of one run, reported together.
#[derive(Debug)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

impl From<HistoryError> for Errors {
    fn from(error: HistoryError) -> Self {
        Errors(vec![error.into()])
    }
}

impl From<SearchError> for Errors {
    fn from(error: SearchError) -> Self {
        Errors(vec![error.into()])
    }
}

/// What a warning is about, so callers (and `check`) can tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    BrokenLink,
    EmptyArticle,
    Skipped,
    History,
    Config,
    /// A page readers would struggle with: an image without alt text, an unreadable image.
    Markdown,
}

/// Something worth a writer's attention that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    pub path: Option<PathBuf>,
    pub span: Span,
    pub message: String,
}

impl Warning {
    pub fn new(kind: WarningKind, path: Option<PathBuf>, span: Span, message: impl Into<String>) -> Self {
        Warning { kind, path, span, message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}", Location(path, self.span), self.message),
            None => f.write_str(&self.message),
        }
    }
}
