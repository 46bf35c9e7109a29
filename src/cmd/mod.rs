//! One module per subcommand: turn arguments into options, run, print, choose the exit code.

pub mod build;
pub mod check;
pub mod impact;
pub mod init;
pub mod new;
pub mod review;
pub mod search;
pub mod serve;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use freshdocs::Errors;
use freshdocs::term::Term;

/// The site a command reads and the moment it treats as now (`--root`, `--now`).
pub struct SiteOptions {
    pub root: PathBuf,
    pub now: DateTime<FixedOffset>,
}

/// Prints every error of a run, each followed by a blank line, so a writer fixes them in one round.
pub fn print_errors(term: &Term, errors: &Errors) {
    for error in &errors.0 {
        eprintln!("{} {error}\n", term.red("error:"));
    }
}

/// Exit codes of docs/ARCHITECTURE.md §9.6.
pub const EXIT_OK: u8 = 0;
/// `check` found findings at error severity.
pub const EXIT_STALE: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;

/// Appends a report's Markdown to `$GITHUB_STEP_SUMMARY` when GitHub Actions names one; a
/// summary that cannot be written is a warning, not a failure of the command.
pub fn append_step_summary(term: &Term, markdown: &str) {
    use std::io::Write as _;
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let appended = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(markdown.as_bytes()));
    if let Err(e) = appended {
        eprintln!(
            "{} cannot write the step summary to {}: {e}",
            term.yellow("warning:"),
            std::path::PathBuf::from(path).display()
        );
    }
}
