//! The integration tests: one binary (one link), one module per area. Each runs the real
//! `freshdocs` binary against sites in temporary folders, most of them real git repositories made
//! by [`common::Git`] with fixed authors, dates and time zones. See `tests/README.md`.

mod common;

mod bad_input;
mod browser;
mod build;
mod check;
mod cli;
mod documented_commands;
mod drift;
mod integrations;
mod reading;
mod sample_site;
mod search;
mod serve;
mod snapshots;
mod work_tree;
