//! freshdocs: a help center built from Markdown that knows, from git, which articles predate the
//! latest release.
//!
//! The pipeline (docs/ARCHITECTURE.md §1): `config` → `content` (discover, front matter) →
//! `markdown` (HTML, TOC, links) → `history` (the last real change of every article, releases,
//! owners) → `freshness` (verdicts; `drift` for the coupled release rule and `impact`) →
//! `indexing`/`search` (the index and its static export) → `pages` (theme) → `output` (atomic
//! swap). `main.rs` and `cmd/` only parse arguments, call the library and print.

pub mod build;
pub mod calendar;
pub mod config;
pub mod content;
pub mod dashboard;
pub mod drift;
pub mod duration;
pub mod error;
pub mod freshness;
pub mod history;
pub mod indexing;
pub mod links;
pub mod markdown;
pub mod now;
pub mod output;
pub mod pages;
mod parallel;
pub mod review;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod term;
pub mod theme;

pub use build::{BuildOptions, BuildReport, build};
pub use error::{Error, Errors, Warning};
