//! `freshdocs search QUERY`: the site's own search, from the terminal.

use std::path::PathBuf;
use std::process::ExitCode;

use freshdocs::build::{analyze, article_meta};
use freshdocs::term::Term;
use freshdocs::{Error, Errors, indexing, now, search};
use serde_json::json;

use super::{EXIT_BAD_INPUT, EXIT_OK};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(root: PathBuf, query: String, lang: Option<String>, limit: usize, format: Format) -> ExitCode {
    let term = Term::stderr();
    match search_site(&root, &query, lang.as_deref(), limit) {
        Ok(hits) => {
            let out = match format {
                Format::Json => {
                    serde_json::to_string_pretty(&json!({"query": query, "results": hits})).unwrap_or_default() + "\n"
                }
                Format::Text => text(&Term::stdout(), &query, &hits),
            };
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
            ExitCode::from(EXIT_OK)
        }
        Err(errors) => {
            for error in &errors.0 {
                eprintln!("{} {error}", term.red("error:"));
            }
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn search_site(
    root: &std::path::Path,
    query: &str,
    lang: Option<&str>,
    limit: usize,
) -> Result<Vec<search::Hit>, Errors> {
    let now = now::resolve(None, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    let analysis = analyze(root, None, now)?;
    let lang = lang.unwrap_or(&analysis.site.default_language().code).to_string();
    if analysis.site.language(&lang).is_none() {
        let known: Vec<&str> = analysis.site.languages.iter().map(|l| l.code.as_str()).collect();
        return Err(Error::Usage {
            message: format!("the site has no language `{lang}` (it has {})", known.join(", ")),
            help: "pass one of those to --lang".into(),
        }
        .into());
    }
    // The same documents as `build` writes, so an unchanged site reuses the index as it is.
    let dates = article_meta(&analysis.history, &analysis.verdicts, analysis.content.articles.len());
    let docs = indexing::documents(&analysis.content, &analysis.articles, &dates, &lang);
    if docs.is_empty() {
        return Ok(Vec::new());
    }
    let dir = indexing::index_dir(&analysis.site, &lang);
    indexing::refresh_index(&dir, &docs)?;
    Ok(search::search(&dir, query, limit).map_err(indexing::search_error)?)
}

fn text(term: &Term, query: &str, hits: &[search::Hit]) -> String {
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
