//! freshdocs: a help center built from Markdown that knows, from git, which articles predate the
//! latest release.
//!
//! The pipeline (docs/ARCHITECTURE.md §1): `config` → `content` (discover, front matter) →
//! `markdown` (HTML, TOC, links) → `history` (the last real change of every article, releases,
//! owners) → `freshness` (verdicts; `drift` for the coupled release rule and `impact`) →
//! `indexing`/`search` (the index and its static export) → `pages` (theme) → `output` (atomic
//! swap). `main.rs` and `cmd/` only parse arguments, call the library and print.

mod build;
mod calendar;
mod config;
mod content;
mod dashboard;
mod drift;
mod duration;
pub mod error;
mod forge;
mod freshness;
/// The history engine: the last real change of every path in one walk (also used by
/// `examples/`).
pub mod history;
mod indexing;
/// `freshdocs init`: the survey of an existing repository and the files it writes.
pub mod init;
mod links;
mod markdown;
pub mod now;
mod output;
mod pages;
mod parallel;
mod review;
mod search;
mod serve;
mod sitemap;
pub mod term;
mod theme;
mod versions;

// The library's interface: what the `freshdocs` command calls. Everything else is crate-private,
// so the compiler can tell dead code.
pub use build::{Analysis, BuildOptions, BuildReport, SearchMode, analyze, analyze_for_search, analyze_version, build};
pub use content::new::create_article;
pub use drift::impact::{Format as ImpactFormat, ImpactReport, impact};
pub use error::{Error, Errors, Warning, WarningKind};
pub use freshness::report::{Format as CheckFormat, Report, Summary};
pub use indexing::{QueryError, SearchResults};
pub use markdown::RenderCount;
pub use review::{Mark, check_release, mark_file};
pub use search::{Hit, SearchError};
pub use serve::{DEFAULT_PORT, Event, Preview, ServeOptions};

#[cfg(test)]
mod proptests;
