//! `freshdocs build`.

use std::path::PathBuf;
use std::process::ExitCode;

use freshdocs::SearchMode;
use freshdocs::term::{Term, plural};
use freshdocs::{BuildOptions, BuildReport, Errors, build};

use super::{EXIT_BAD_INPUT, EXIT_OK, SiteOptions, print_errors};

pub fn run(SiteOptions { root, now }: SiteOptions, out: Option<PathBuf>, timings: bool, strict: bool) -> ExitCode {
    let term = Term::stderr();
    let output_hint = out.clone();
    // A line that says what is happening, on a terminal only (not in CI logs or pipes).
    let progress: Option<fn(&str)> = if term.interactive { Some(|stage| eprint!("\r\x1b[2K{stage}…")) } else { None };
    let result = build(&BuildOptions { root, out, now, search: SearchMode::Refresh, progress, strict });
    if term.interactive {
        eprint!("\r\x1b[2K");
    }
    match result {
        Ok(report) => {
            eprint!("{}", summary(&term, &report));
            if timings {
                eprint!("{}", stage_times(&report));
            }
            ExitCode::from(EXIT_OK)
        }
        Err(errors) => fail(&term, errors, output_hint),
    }
}

fn fail(term: &Term, errors: Errors, out: Option<PathBuf>) -> ExitCode {
    print_errors(term, &errors);
    let n = errors.0.len();
    let what = if n == 1 { "1 error".to_string() } else { format!("{n} errors") };
    let kept = match out {
        Some(out) => format!("the previous site in {} was left as it was", out.display()),
        None => "the previous site was left as it was".to_string(),
    };
    eprintln!("{}: {what}; nothing was written and {kept}.", term.red("Build failed"));
    ExitCode::from(EXIT_BAD_INPUT)
}

/// What a writer reads after a build: warnings grouped by file, then one line of totals.
pub fn summary(term: &Term, report: &BuildReport) -> String {
    let mut text = String::new();
    for warning in &report.warnings {
        text.push_str(&format!("{} {warning}\n", term.yellow("warning:")));
    }
    if !report.warnings.is_empty() {
        text.push('\n');
    }
    text.push_str(&format!(
        "{} {} in {} → {} ({}, {}, {} copied)\n",
        term.green("Built"),
        plural(report.articles, "article", "articles"),
        plural(report.languages, "language", "languages"),
        report.output_dir.display(),
        plural(report.pages, "page", "pages"),
        plural(report.redirects, "redirect", "redirects"),
        plural(report.assets, "content file", "content files"),
    ));
    if !report.versions.is_empty() {
        text.push_str(&format!(
            "  and {}: {}\n",
            plural(report.versions.len(), "older version", "older versions"),
            report.versions.join(", ")
        ));
        text.push_str(&format!(
            "  {} from Markdown, {} reused from other versions or the last build\n",
            plural(report.renders.rendered, "page rendered", "pages rendered"),
            report.renders.reused
        ));
        if report.linked > 0 {
            text.push_str(&format!(
                "  {} the same as in another version: hard links, stored once\n",
                plural(report.linked, "file is", "files are")
            ));
        }
    } else if report.renders.reused > 0 {
        text.push_str(&format!(
            "  {} from Markdown, {} as the last build rendered them\n",
            plural(report.renders.rendered, "page rendered", "pages rendered"),
            report.renders.reused
        ));
    }
    if report.kept > 0 {
        text.push_str(&format!(
            "  {} written, {} as the last build left them\n",
            plural(report.files - report.kept, "file", "files"),
            plural(report.kept, "file unchanged", "files unchanged"),
        ));
    }
    let warnings = plural(report.warnings.len(), "warning", "warnings");
    let warnings = if report.warnings.is_empty() { warnings } else { term.yellow(&warnings) };
    text.push_str(&format!(
        "  {} · {} · {}\n",
        format_bytes(report.bytes),
        term.dim(&format!("{:.2} s", report.elapsed.as_secs_f64())),
        warnings
    ));
    text
}

/// `--timings`: one line per stage, in order, then the whole build.
pub fn stage_times(report: &BuildReport) -> String {
    let width = report.timings.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0).max(5);
    let mut text = String::from("Timings:\n");
    for (name, took) in &report.timings {
        text.push_str(&format!("  {name:<width$}  {:>7.3} s\n", took.as_secs_f64()));
    }
    text.push_str(&format!("  {:<width$}  {:>7.3} s\n", "total", report.elapsed.as_secs_f64()));
    text
}

fn format_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}
