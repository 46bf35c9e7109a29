//! `freshdocs serve`: start the preview, print where it is, report every rebuild.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use chrono::{DateTime, FixedOffset};
use freshdocs::term::{Term, plural};
use freshdocs::{Event, Preview, ServeOptions};

use super::EXIT_BAD_INPUT;

pub fn run(root: PathBuf, now: Option<DateTime<FixedOffset>>, port: u16, open: bool) -> ExitCode {
    let term = Term::stderr();
    let mut report = |event: Event| print_event(&term, event);
    let preview = match Preview::start(&ServeOptions { root, port, now }, &mut report) {
        Ok(preview) => preview,
        Err(errors) => {
            super::print_errors(&term, &errors);
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    eprintln!("{} {}  {}", term.green("Serving"), preview.url(), term.dim("(live reload on; Ctrl+C to stop)"));
    if open {
        open_browser(preview.url());
    }
    preview.watch(&mut report);
    ExitCode::SUCCESS
}

fn print_event(term: &Term, event: Event) {
    match event {
        Event::Built { report, changed, elapsed } => {
            for warning in &report.warnings {
                eprintln!("{} {warning}", term.yellow("warning:"));
            }
            let warnings = match report.warnings.len() {
                0 => String::new(),
                1 => format!(" · {}", term.yellow("1 warning")),
                n => format!(" · {}", term.yellow(&format!("{n} warnings"))),
            };
            // An edit of an article's text rewrites only its page; anything else rebuilds.
            let verb = match changed {
                None => "Built",
                Some(_) if report.pages == 1 => "Updated",
                Some(_) => "Rebuilt",
            };
            eprintln!(
                "{} {}, {}{}{} {}",
                term.green(verb),
                plural(report.articles, "article", "articles"),
                plural(report.pages, "page", "pages"),
                warnings,
                cause(changed),
                term.dim(&format!("in {} ms (build {} ms)", elapsed.as_millis(), report.elapsed.as_millis())),
            );
        }
        Event::Failed { errors, changed } => {
            super::print_errors(term, errors);
            eprintln!(
                "{}{}: still serving the last good site; the errors show on every page until fixed.",
                term.red("Build failed"),
                cause(changed)
            );
        }
        Event::WatchTrouble(message) => {
            eprintln!("{} watching for changes: {message}", term.yellow("warning:"));
        }
    }
}

fn cause(changed: Option<&Path>) -> String {
    match changed {
        Some(path) => {
            let shown = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok()).unwrap_or(path);
            format!(" after a change to {}", shown.display())
        }
        None => String::new(),
    }
}

/// Opens the page in the default browser, if the system has a way to; never fails.
fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    let spawned = Command::new(opener[0])
        .args(&opener[1..])
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        // Reaped in the background: the opener may outlive nothing but itself.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(_) => eprintln!("(could not open a browser: open {url} yourself)"),
    }
}
