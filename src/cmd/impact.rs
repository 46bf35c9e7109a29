//! `freshdocs impact`: which articles a range of product changes probably made outdated.

use std::io::Write as _;
use std::process::ExitCode;

use freshdocs::term::Term;
use freshdocs::{ImpactFormat as Format, WarningKind, impact};

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_STALE, SiteOptions, print_errors};

pub fn run(
    SiteOptions { root, now }: SiteOptions,
    range: Option<String>,
    format: Format,
    limit: usize,
    fail: bool,
) -> ExitCode {
    let term = Term::stderr();
    let (report, warnings) = match impact(&root, range.as_deref(), now, limit) {
        Ok(ok) => ok,
        Err(errors) => {
            print_errors(&term, &errors);
            eprintln!("{}: freshdocs could not read the changes.", term.red("Impact failed"));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    // What bears on the verdict: the history, and a site that would not build (a URL conflict).
    for warning in warnings.iter().filter(|w| matches!(w.kind, WarningKind::History | WarningKind::Config)) {
        eprintln!("{} {warning}", term.yellow("warning:"));
    }
    let text = report.render(format, &Term::stdout());
    // A closed pipe (`impact | head`) is not a failure.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if format == Format::Github {
        super::append_step_summary(&term, &report.markdown());
    }
    if fail && report.not_updated > 0 { ExitCode::from(EXIT_STALE) } else { ExitCode::from(EXIT_OK) }
}
