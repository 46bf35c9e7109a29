//! `freshdocs search QUERY`: the site's own search, from the terminal.

use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use freshdocs::analyze_for_search;
use freshdocs::term::Term;
use freshdocs::{Error, Errors, Hit};
use freshdocs::{QueryError, SearchResults};

use super::{EXIT_BAD_INPUT, EXIT_OK, SiteOptions, print_errors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(
    SiteOptions { root, now }: SiteOptions,
    query: String,
    lang: Option<String>,
    limit: usize,
    format: Format,
) -> ExitCode {
    let term = Term::stderr();
    match search_site(&root, &query, lang.as_deref(), limit, now) {
        Ok(results) => {
            let out = match format {
                Format::Json => results.to_json(),
                Format::Text => text(&Term::stdout(), &query, &results.results),
            };
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
            ExitCode::from(EXIT_OK)
        }
        Err(errors) => {
            print_errors(&term, &errors);
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn search_site(
    root: &Path,
    query: &str,
    lang: Option<&str>,
    limit: usize,
    now: DateTime<FixedOffset>,
) -> Result<SearchResults, Errors> {
    let analysis = analyze_for_search(root, now)?;
    analysis.search(lang, query, limit).map_err(|e| match e {
        QueryError::UnknownLanguage { lang, known } => {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            Error::unknown_language(&lang, &known, "pass one of those to --lang").into()
        }
        QueryError::Index(e) => e.into(),
    })
}

fn text(term: &Term, query: &str, hits: &[Hit]) -> String {
    if hits.is_empty() {
        return format!("No article matches \"{query}\".\n");
    }
    let mut out = String::new();
    for (n, hit) in hits.iter().enumerate() {
        out.push_str(&format!("{:>2}. {}  {}\n", n + 1, term.paint("1", &hit.title), term.dim(&hit.url)));
        let snippet = plain_snippet(term, &hit.snippet);
        if !snippet.is_empty() {
            out.push_str(&format!("    {snippet}\n"));
        }
    }
    out
}

/// The snippet's `<mark>` as bold on a terminal, its HTML escapes undone.
fn plain_snippet(term: &Term, html: &str) -> String {
    let (open, close) = if term.color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
