//! One module per subcommand: turn arguments into options, run, print, choose the exit code.

pub mod build;
pub mod check;
pub mod impact;
pub mod new;
pub mod review;
pub mod search;
pub mod serve;

/// Exit codes of DESIGN section 7.
pub const EXIT_OK: u8 = 0;
/// `check` found findings at error severity.
pub const EXIT_STALE: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;
