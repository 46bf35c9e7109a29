//! freshdocs: a help center built from Markdown that knows, from git, which articles predate the
//! latest release.
//!
//! The pipeline (see `DESIGN.md`): `config` → `content` (discover, front matter) → `markdown`
//! (HTML, TOC, links) → `pages` (theme) → `output` (atomic swap). `main.rs` only parses
//! arguments and calls [`build::build`].

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

#[cfg(test)]
mod proptests;
