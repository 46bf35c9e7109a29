//! `freshdocs check`: verdicts for CI, an exit code, and a report in CI's format.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use freshdocs::build::analyze;
use freshdocs::freshness::HistoryState;
use freshdocs::freshness::report::{Format, Report};
use freshdocs::term::Term;
use freshdocs::{Error, Errors, now};

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_STALE};

pub fn run(root: PathBuf, now_flag: Option<&str>, format: Format) -> ExitCode {
    let term = Term::stderr();
    let result = now::resolve(now_flag, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
        .map_err(Errors::from)
        .and_then(|now| Ok((analyze(&root, None, now)?, now)));
    let (analysis, now) = match result {
        Ok(ok) => ok,
        Err(errors) => return fail(&term, errors),
    };
    match &analysis.history {
        HistoryState::NoRepository => {
            return fail(
                &term,
                Errors(vec![Error::Usage {
                    message: format!(
                        "{} is not in a git repository, so freshdocs cannot tell when articles last changed",
                        analysis.site.content_dir.display()
                    ),
                    help: "run `check` in a clone of the docs repository (`freshdocs build` works without one)".into(),
                }]),
            );
        }
        HistoryState::Shallow { workdir } => {
            return fail(
                &term,
                Errors(vec![Error::Usage {
                    message: format!("{} is a shallow clone: every article would look changed by the last commit", workdir.display()),
                    help: "fetch the whole history: `fetch-depth: 0` in GitHub Actions (actions/checkout), `GIT_DEPTH: 0` in GitLab CI, or `git fetch --unshallow`".into(),
                }]),
            );
        }
        HistoryState::Known(_) => {}
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
    for error in &errors.0 {
        eprintln!("{} {error}\n", term.red("error:"));
    }
    eprintln!("{}: freshdocs could not judge the articles.", term.red("Check failed"));
    ExitCode::from(EXIT_BAD_INPUT)
}
