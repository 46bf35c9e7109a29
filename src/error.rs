//! Every error and warning a build can report, with all of their wording in one place.
//!
//! Stages never print: they return an [`Error`] (the build cannot go on, or the input is bad) or
//! push a [`Warning`] (the site can still be written). A build collects every error it can find
//! before giving up, so a writer fixes all of them in one round.

use std::fmt;
use std::path::PathBuf;

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
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), action, source }
    }
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

/// What a warning is about, so callers (and `check`) can tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    BrokenLink,
    EmptyArticle,
    Skipped,
    History,
    Config,
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
