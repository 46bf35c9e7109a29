//! Property tests for the parsers of user input: front matter, slugs and URLs, link rewriting,
//! other tools' Markdown (Hugo shortcodes, colon containers, admonitions),
//! CODEOWNERS, `review`'s one-line edit and `serve`'s request paths.
//!
//! Each property runs [`CASES`] cases inside `cargo test`, so the suite stays fast; `PROPTEST_CASES`
//! raises that for the long runs of `bench/fuzz/run.sh`. Inputs are built from the pieces each
//! parser cares about (fences, `..`, `%2e`, BOMs, CRLF, scripts with combining marks) mixed with
//! arbitrary Unicode, because fully random bytes almost never reach the interesting branches.
//! Failures proptest shrinks are recorded under `proptest-regressions/` and replayed first.

mod blocks;
mod front_matter;
mod links;
mod owners;
mod review;
mod serve_files;
mod slugs;

use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property in `cargo test` when `PROPTEST_CASES` is not set.
const CASES: u32 = 128;

/// The runner's settings: [`CASES`] cases, or `PROPTEST_CASES`; `divisor` lowers the count for
/// properties that touch the file system per case.
fn config(divisor: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES);
    Config { cases: (cases / divisor).max(1), ..Config::default() }
}

/// Text made of `pieces` and arbitrary Unicode, up to `max` parts.
fn text_of(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => any::<String>(),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(part, 0..max).prop_map(|parts| parts.concat())
}

/// Either LF or CRLF line ends for text written with `\n`.
fn with_line_ends(text: &str, crlf: bool) -> String {
    if crlf { text.replace('\n', "\r\n") } else { text.to_string() }
}
