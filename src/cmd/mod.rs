//! One module per subcommand: turn arguments into options, run, print, choose the exit code.

pub mod build;

/// Exit codes of DESIGN section 7.
pub const EXIT_OK: u8 = 0;
pub const EXIT_BAD_INPUT: u8 = 2;
