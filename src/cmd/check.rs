//! `freshdocs check`: verdicts for CI, an exit code, and a report in CI's format.

use std::io::Write as _;
use std::process::ExitCode;

use freshdocs::Errors;
use freshdocs::build::analyze;
use freshdocs::freshness::report::{Format, Report};
use freshdocs::term::Term;

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_STALE, SiteOptions, print_errors};

pub fn run(SiteOptions { root, now }: SiteOptions, format: Format) -> ExitCode {
    let term = Term::stderr();
    let analysis = match analyze(&root, None, now) {
        Ok(analysis) => analysis,
        Err(errors) => return fail(&term, errors),
    };
    if let Err(error) = analysis.history.require(&analysis.site.content_dir, "check") {
        return fail(&term, error.into());
    }
    for warning in analysis.warnings.iter().filter(|w| w.kind != freshdocs::error::WarningKind::BrokenLink) {
        eprintln!("{} {warning}", term.yellow("warning:"));
    }
    let report = Report {
        site: &analysis.site,
        content: &analysis.content,
        state: &analysis.history,
        verdicts: &analysis.verdicts,
        now,
    };
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
