//! `freshdocs review PATH… [--for RELEASE]`: record that articles were checked against the
//! product, without touching anything else in them.

use std::path::PathBuf;
use std::process::ExitCode;

use freshdocs::content::front_matter;
use freshdocs::review::{Mark, apply};
use freshdocs::term::Term;
use freshdocs::{Error, history, now};

use super::{EXIT_BAD_INPUT, EXIT_OK};

pub fn run(paths: Vec<PathBuf>, release: Option<String>, now_flag: Option<&str>) -> ExitCode {
    let term = Term::stderr();
    let result = now::resolve(now_flag, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()).and_then(|now| {
        let mark = match release {
            Some(name) => {
                check_release(&paths, &name)?;
                Mark::ReviewedFor(name)
            }
            None => Mark::Reviewed(now.date_naive()),
        };
        let mut errors = Vec::new();
        for path in &paths {
            match review_one(path, &mark) {
                Ok(()) => eprintln!("{} {}", term.green("reviewed"), path.display()),
                Err(e) => errors.push(e),
            }
        }
        Ok(errors)
    });
    let errors = match result {
        Ok(errors) => errors,
        Err(e) => vec![e],
    };
    for error in &errors {
        eprintln!("{} {error}\n", term.red("error:"));
    }
    if errors.is_empty() { ExitCode::from(EXIT_OK) } else { ExitCode::from(EXIT_BAD_INPUT) }
}

/// Edits one file; the new text must still read as front matter, or nothing is written.
fn review_one(path: &PathBuf, mark: &Mark) -> Result<(), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let updated = apply(path, &text, mark)?;
    let normalized = updated.strip_prefix('\u{feff}').unwrap_or(&updated).replace("\r\n", "\n");
    if let Err(mut errors) = front_matter::parse(path, &normalized) {
        return Err(errors.remove(0));
    }
    freshdocs::output::replace_file(path, updated.as_bytes())?;
    Ok(())
}

/// `--for` must name a release tag, when the repository has any: a typo would mark the article
/// reviewed for a release that does not exist.
fn check_release(paths: &[PathBuf], name: &str) -> Result<(), Error> {
    let start = paths
        .first()
        .and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let Ok(Some(repo)) = history::discover(start) else { return Ok(()) };
    let Ok(releases) = history::releases(&repo, "*", true) else { return Ok(()) };
    if releases.is_empty() || releases.iter().any(|r| r.name == name) {
        return Ok(());
    }
    let recent: Vec<&str> = releases.iter().rev().take(5).map(|r| r.name.as_str()).collect();
    Err(Error::Usage {
        message: format!("`{name}` is not a tag of this repository"),
        help: format!("name a release tag, e.g. {}", recent.join(", ")),
    })
}
