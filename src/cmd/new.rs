//! `freshdocs new "Title" [--section S] [--lang L]`: start an article with its front matter.

use std::path::PathBuf;
use std::process::ExitCode;

use freshdocs::create_article;
use freshdocs::term::Term;

use super::{EXIT_BAD_INPUT, EXIT_OK, print_errors};

pub fn run(root: PathBuf, title: String, section: Option<String>, lang: Option<String>) -> ExitCode {
    let term = Term::stderr();
    match create_article(&root, &title, section.as_deref(), lang.as_deref()) {
        Ok(path) => {
            eprintln!("{} {}", term.green("created"), path.display());
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            print_errors(&term, &e.into());
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}
