//! `freshdocs review PATH… [--for RELEASE]`: record that articles were checked against the
//! product, without touching anything else in them.

use std::path::PathBuf;
use std::process::ExitCode;

use freshdocs::term::Term;
use freshdocs::{Error, Errors};
use freshdocs::{Mark, check_release, mark_file};

use super::{EXIT_BAD_INPUT, EXIT_OK, SiteOptions, print_errors};

pub fn run(SiteOptions { root, now }: SiteOptions, paths: Vec<PathBuf>, release: Option<String>) -> ExitCode {
    let term = Term::stderr();
    let mark = match release {
        Some(name) => match check_release(&root, &name) {
            Ok(()) => Mark::ReviewedFor(name),
            Err(error) => return fail(&term, vec![error]),
        },
        None => Mark::Reviewed(now.date_naive()),
    };
    let mut errors = Vec::new();
    for path in &paths {
        match mark_file(path, &mark) {
            Ok(()) => eprintln!("{} {}", term.green("reviewed"), path.display()),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { ExitCode::from(EXIT_OK) } else { fail(&term, errors) }
}

fn fail(term: &Term, errors: Vec<Error>) -> ExitCode {
    print_errors(term, &Errors(errors));
    ExitCode::from(EXIT_BAD_INPUT)
}
