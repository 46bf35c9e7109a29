//! The one error type of the history engine; all of its wording lives here.

use std::path::PathBuf;

/// Everything that can stop the history engine. Each message says what went wrong, where, and what
/// to do about it. Problems that do not stop the engine (an ignore-revs entry that names no commit,
/// a tag pointing to a tree) are returned as warnings instead.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The repository exists but could not be opened.
    #[error("cannot open the git repository at `{}`: {source}", path.display())]
    Open {
        /// Where the search for a repository started.
        path: PathBuf,
        /// What libgit2 said.
        source: git2::Error,
    },

    /// git refuses a repository owned by another user (CVE-2022-24765 protection).
    #[error(
        "git refuses to open `{}` because it is owned by another user; if you trust it, run \
         `git config --global --add safe.directory {}`",
        path.display(),
        path.display()
    )]
    UnsafeOwner {
        /// The repository folder.
        path: PathBuf,
    },

    /// A bare repository has no work tree, so there are no articles to date.
    #[error(
        "`{}` is a bare git repository (no work tree); run freshdocs in a checkout instead",
        path.display()
    )]
    Bare {
        /// The git directory.
        path: PathBuf,
    },

    /// A shallow clone lacks the history needed to date articles: answers would be wrong.
    #[error(
        "`{}` is a shallow clone, so the last change of most files cannot be found; fetch the \
         whole history: `git fetch --unshallow`, `fetch-depth: 0` in GitHub Actions \
         (actions/checkout), `GIT_DEPTH: 0` in GitLab CI",
        workdir.display()
    )]
    Shallow {
        /// The work tree of the shallow repository.
        workdir: PathBuf,
    },

    /// An object the walk needs is not in the object database.
    #[error(
        "git object {oid} ({kind}) is missing from the repository; this happens in partial \
         clones (`--filter=...`) and damaged repositories: run `git fetch --refetch`, or clone \
         again without `--filter`"
    )]
    MissingObject {
        /// Full id of the missing object.
        oid: String,
        /// What the object was expected to be: `commit` or `tree`.
        kind: &'static str,
    },

    /// An object exists but cannot be parsed.
    #[error("git object {oid} is corrupt ({detail}); run `git fsck` to inspect the repository")]
    Corrupt {
        /// Full id of the object.
        oid: String,
        /// What is wrong with it.
        detail: String,
    },

    /// Any other libgit2 failure, with what the engine was doing at the time.
    #[error("git failed while {action}: {source}")]
    Git {
        /// What the engine was doing, e.g. `reading the status of the work tree`.
        action: String,
        /// What libgit2 said.
        source: git2::Error,
    },

    /// The release tag glob from the configuration is not a valid glob.
    #[error("invalid release tag pattern `{glob}`: {source}; use a glob such as `v*`")]
    TagGlob {
        /// The pattern as written.
        glob: String,
        /// Why globset rejected it.
        source: globset::Error,
    },

    /// A revision of a range (`impact A..B`) names no commit.
    #[error(
        "`{revision}` names no commit in the product repository ({}); give a branch, tag or commit \
         that exists there, e.g. `v1.2..HEAD` or `origin/main...HEAD` (in CI, fetch the full history \
         and the base branch first)",
        source.message()
    )]
    BadRevision {
        /// The revision or range as given.
        revision: String,
        /// What libgit2 said.
        source: git2::Error,
    },

    /// The ignore-revs file exists but cannot be read.
    #[error("cannot read the ignore-revs file `{}`: {source}", path.display())]
    IgnoreRevs {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl HistoryError {
    /// Wraps a libgit2 error with what the engine was doing.
    pub(crate) fn git(action: impl Into<String>, source: git2::Error) -> Self {
        HistoryError::Git { action: action.into(), source }
    }

    /// Maps a failed object read: "not found" becomes [`HistoryError::MissingObject`].
    pub(crate) fn read(oid: git2::Oid, kind: &'static str, source: git2::Error) -> Self {
        if source.code() == git2::ErrorCode::NotFound {
            HistoryError::MissingObject { oid: oid.to_string(), kind }
        } else {
            HistoryError::git(format!("reading {kind} {oid}"), source)
        }
    }
}
