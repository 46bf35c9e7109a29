//! `freshdocs check`: verdicts for CI, an exit code, and a report in CI's format.

use std::io::Write as _;
use std::process::ExitCode;

use freshdocs::CheckFormat as Format;
use freshdocs::Errors;
use freshdocs::term::Term;
use freshdocs::{analyze, analyze_version};

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_STALE, SiteOptions, print_errors};

/// `version`: an older release line to judge instead of the current docs (`--version`).
pub fn run(SiteOptions { root, now }: SiteOptions, format: Format, version: Option<&str>) -> ExitCode {
    let term = Term::stderr();
    let analyzed = match version {
        Some(version) => analyze_version(&root, now, version),
        None => analyze(&root, None, now),
    };
    let analysis = match analyzed {
        Ok(analysis) => analysis,
        Err(errors) => return fail(&term, errors),
    };
    let report = match analysis.report("check", now) {
        Ok(report) => report,
        Err(error) => return fail(&term, error.into()),
    };
    for warning in analysis.warnings.iter().filter(|w| w.kind != freshdocs::WarningKind::BrokenLink) {
        eprintln!("{} {warning}", term.yellow("warning:"));
    }
    let stdout_term = Term::stdout();
    let text = report.render(format, &stdout_term);
    let mut out = std::io::stdout().lock();
    // A closed pipe (`check | head`) is not a failure of the check.
    let _ = out.write_all(text.as_bytes());
    if format == Format::Github {
        super::append_step_summary(&term, &report.markdown());
    }
    if report.summary().errors > 0 { ExitCode::from(EXIT_STALE) } else { ExitCode::from(EXIT_OK) }
}

fn fail(term: &Term, errors: Errors) -> ExitCode {
    print_errors(term, &errors);
    eprintln!("{}: freshdocs could not judge the articles.", term.red("Check failed"));
    ExitCode::from(EXIT_BAD_INPUT)
}
