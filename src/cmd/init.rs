//! `freshdocs init [--root DIR] [--content DIR] [--ci github|gitlab]`: look around, write the
//! settings, say what was found and what to run next.

use std::path::PathBuf;
use std::process::ExitCode;

use freshdocs::init::{self, Ci, Survey};
use freshdocs::term::Term;

use super::{EXIT_BAD_INPUT, EXIT_OK, print_errors};

pub fn run(root: PathBuf, content: Option<String>, ci: Option<Ci>) -> ExitCode {
    let term = Term::stderr();
    let written = init::survey(&root, content.as_deref()).and_then(|survey| {
        print_found(&term, &survey);
        init::write(survey, ci)
    });
    match written {
        Ok(written) => {
            if written.settings_kept {
                eprintln!("{} freshdocs.toml exists already and was left as it is", term.yellow("note:"));
            }
            for file in &written.files {
                eprintln!("{} {}", term.green("wrote"), file.display());
            }
            if let Some((path, text)) = &written.pipeline_kept {
                eprintln!(
                    "{} {} exists already and was left alone; add this job to it:\n\n{text}",
                    term.yellow("note:"),
                    path.display()
                );
            }
            let [check, serve] = init::next_commands(&written.survey);
            eprintln!(
                "\nNext:\n  {check}    # judge every article; exit code 1 when one is stale\n  {serve}    # preview the help center at http://127.0.0.1:{}/",
                freshdocs::DEFAULT_PORT
            );
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            print_errors(&term, &e.into());
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// One line per finding, in the order a writer checks them.
fn print_found(term: &Term, s: &Survey) {
    let tool = s.tool.map(|t| format!(" (from the {t} settings)")).unwrap_or_default();
    eprintln!("{} {}/: {} articles{tool}", term.bold("docs folder"), s.content, s.articles);
    let styles: Vec<String> = [("YAML (---)", s.yaml), ("TOML (+++)", s.toml), ("none", s.plain)]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(style, n)| format!("{style} in {n}"))
        .collect();
    if !styles.is_empty() {
        eprintln!("{} {}; freshdocs reads both styles", term.bold("front matter"), styles.join(", "));
    }
    if s.mdx > 0 {
        eprintln!("{} {} .mdx files are not read (Markdown only)", term.yellow("note:"), s.mdx);
    }
    if !s.languages.is_empty() {
        eprintln!("{} {}", term.bold("translations"), s.languages.join(", "));
    }
    match (&s.repository, &s.release_tags) {
        (None, _) => eprintln!(
            "{} not in a git repository: freshdocs needs the history to date articles (git init, then commit)",
            term.yellow("note:")
        ),
        (Some(_), Some((glob, newest))) => {
            eprintln!("{} {glob} (of {} tags; newest {})", term.bold("releases"), s.tags, newest.join(", "))
        }
        (Some(_), None) => eprintln!("{} no version tags among {} tags", term.bold("releases"), s.tags),
    }
    if let Some((file, owners)) = &s.codeowners {
        let who = if owners.is_empty() { "nobody for the docs folder".to_string() } else { owners.join(" ") };
        eprintln!("{} {file}: {who}", term.bold("owners"));
    }
    if s.repository.is_some() {
        if s.product_files > 0 {
            eprintln!(
                "{} {} code files beside the docs: releases are matched to the articles they concern",
                term.bold("product"),
                s.product_files
            );
        } else {
            eprintln!(
                "{} no code beside the docs: set release_repo when the releases live elsewhere",
                term.bold("product")
            );
        }
    }
    eprintln!();
}
