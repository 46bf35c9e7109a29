//! Reports of `freshdocs check` in the formats CI systems read: text for people, JSON for
//! scripts (a stable contract, docs/ARCHITECTURE.md §9.1), JUnit XML, GitHub annotations, Markdown,
//! and GitLab's Code Quality report (Code Climate JSON).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use super::{Finding, HistoryState, Rule, Status, Verdict};
use crate::config::{Severity, Site};
use crate::content::{Content, JudgedId, Table};
use crate::markdown::escape;
use crate::term::{Term, plural};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Junit,
    Github,
    Markdown,
    /// GitLab's Code Quality report: a Code Climate JSON array of issues.
    Codequality,
}

/// Everything a report shows.
pub struct Report<'a> {
    pub(crate) site: &'a Site,
    pub(crate) content: &'a Content,
    pub(crate) state: &'a HistoryState,
    pub(crate) verdicts: &'a Table<JudgedId, Verdict>,
    pub(crate) now: DateTime<FixedOffset>,
    /// Per judged page, whether the pull request this runs in changes it: read from git once,
    /// for the annotations and the step summary alike.
    pub(crate) touched: std::cell::OnceCell<Table<JudgedId, bool>>,
}

/// Counts of the summary line and the exit code.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub fresh: usize,
    pub stale: usize,
    pub unknown: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    /// "3 articles: 1 fresh, 2 stale, 0 unknown; 3 errors, 1 warning".
    pub(crate) fn line(&self) -> String {
        format!(
            "{}: {} fresh, {} stale, {} unknown; {}, {}",
            plural(self.articles, "article", "articles"),
            self.fresh,
            self.stale,
            self.unknown,
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings")
        )
    }
}

impl Report<'_> {
    pub fn summary(&self) -> Summary {
        let mut s = Summary { articles: self.verdicts.len(), ..Summary::default() };
        for verdict in self.verdicts {
            match verdict.status {
                Status::Fresh => s.fresh += 1,
                Status::Stale => s.stale += 1,
                Status::Unknown => s.unknown += 1,
            }
            for finding in &verdict.findings {
                match finding.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Off => {}
                }
            }
        }
        s
    }

    fn path_of(&self, i: JudgedId) -> String {
        let rel_path = self.content.judged_source(i).map_or("", |s| s.rel_path.as_str());
        self.site.display_path(rel_path).to_string_lossy().into_owned()
    }

    fn head(&self) -> Option<&str> {
        match self.state {
            HistoryState::Known(h) => h.head.as_deref(),
            _ => None,
        }
    }

    fn releases(&self) -> &[crate::history::Release] {
        match self.state {
            HistoryState::Known(h) => &h.releases,
            _ => &[],
        }
    }

    pub fn render(&self, format: Format, term: &Term) -> String {
        match format {
            Format::Text => self.text(term),
            Format::Json => serde_json::to_string_pretty(&self.json()).unwrap_or_default() + "\n",
            Format::Junit => self.junit(),
            Format::Github => self.github(),
            Format::Markdown => self.markdown(),
            Format::Codequality => serde_json::to_string_pretty(&self.codequality()).unwrap_or_default() + "\n",
        }
    }

    /// The page's path from the root of the docs repository, as GitLab needs it to place an issue
    /// in a merge request's diff (the current folder may be any folder of the work tree).
    fn repo_path_of(&self, i: JudgedId) -> String {
        let rel_path = self.content.judged_source(i).map_or("", |s| s.rel_path.as_str());
        match self.state {
            HistoryState::Known(h) => format!("{}{rel_path}", h.repo_prefix),
            _ => self.path_of(i),
        }
    }

    /// GitLab's Code Quality report (its subset of the Code Climate spec): one issue per finding,
    /// errors as `major` and warnings as `minor`. GitLab tells new issues from fixed ones by
    /// `fingerprint`, so it hashes what the finding is about (rule, repository path and, for a
    /// link, its target; for the release rule, the release), never its line or a date: moving a
    /// broken link down a page, or a day passing, does not make it a new issue.
    pub(crate) fn codequality(&self) -> Value {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut issues = Vec::new();
        for (i, verdict) in self.verdicts.enumerate() {
            let path = self.repo_path_of(i);
            for finding in &verdict.findings {
                let about = match finding.rule {
                    // The message names the link and what is wrong with it; the line is apart.
                    Rule::Links => finding.message.as_str(),
                    Rule::Release => verdict.predates.as_ref().map_or("", |r| r.name.as_str()),
                    Rule::Age | Rule::Translation => "",
                };
                let key = format!("freshdocs\0{}\0{path}\0{about}", finding.rule.name());
                // Two findings about the same thing on one page still need two fingerprints.
                let nth = seen.entry(key.clone()).or_default();
                *nth += 1;
                let key = if *nth == 1 { key } else { format!("{key}\0{nth}") };
                let fingerprint =
                    git2::Oid::hash_object(git2::ObjectType::Blob, key.as_bytes()).map(|oid| oid.to_string());
                issues.push(json!({
                    "description": finding.message,
                    "check_name": format!("freshdocs/{}", finding.rule.name()),
                    "fingerprint": fingerprint.unwrap_or(key),
                    "severity": if finding.severity == Severity::Error { "major" } else { "minor" },
                    "location": {"path": path, "lines": {"begin": finding.line.unwrap_or(1)}},
                }));
            }
        }
        Value::Array(issues)
    }

    /// The JSON contract of docs/ARCHITECTURE.md §9.1.
    pub(crate) fn json(&self) -> Value {
        let release =
            |r: &crate::history::Release| json!({"name": r.name, "date": r.date.to_rfc3339(), "commit": r.commit});
        let summary = self.summary();
        let history = match self.state {
            HistoryState::Known(h) => Some(h),
            _ => None,
        };
        json!({
            "head": self.head(),
            "now": self.now.to_rfc3339(),
            "releases": self.releases().iter().map(release).collect::<Vec<_>>(),
            "latest_release": self.releases().last().map(release),
            "articles": self.content.judged().enumerate().map(|(i, article)| {
                let verdict = &self.verdicts[i];
                let change = history.and_then(|h| h.changes[i].as_ref());
                json!({
                    "path": article.source.rel_path,
                    "url": article.url,
                    "lang": article.lang,
                    "commit": change.and_then(|c| c.commit.clone()),
                    "updated": change.map(|c| c.time.to_rfc3339()),
                    "state": change.map(|c| c.state),
                    "author": change.map(|c| c.author.clone()),
                    "reviewed": article.source.front.reviewed.map(|d| d.to_string()),
                    "reviewed_for": article.source.front.reviewed_for,
                    "fresh_as_of": verdict.fresh_as_of.map(|d| d.to_rfc3339()),
                    "owner": verdict.owner,
                    "status": verdict.status,
                    "findings": verdict.findings,
                })
            }).collect::<Vec<_>>(),
            "summary": {
                "articles": summary.articles,
                "fresh": summary.fresh,
                "stale": summary.stale,
                "unknown": summary.unknown,
                "errors": summary.errors,
                "warnings": summary.warnings,
            },
        })
    }

    /// For people: grouped by owner, then rule; one line per finding saying what to do; one
    /// summary line.
    fn text(&self, term: &Term) -> String {
        // Owner → rule → (article, finding).
        type ByRule<'f> = BTreeMap<Rule, Vec<(JudgedId, &'f Finding)>>;
        let mut groups: BTreeMap<String, ByRule> = BTreeMap::new();
        for (i, verdict) in self.verdicts.enumerate() {
            let owner = verdict.owner.clone().unwrap_or_else(|| "(no owner)".to_string());
            for finding in &verdict.findings {
                groups.entry(owner.clone()).or_default().entry(finding.rule).or_default().push((i, finding));
            }
        }
        let mut out = String::new();
        if let HistoryState::Known(h) = self.state {
            match h.latest_release() {
                Some(r) => {
                    let _ = writeln!(out, "Latest release: {} ({})\n", r.name, super::day(r.date));
                }
                None => out.push_str("No release tags found; only the age, translation and link rules apply.\n\n"),
            }
        }
        for (owner, rules) in &groups {
            let _ = writeln!(out, "{}", term.paint("1", owner));
            for (rule, findings) in rules {
                let _ = writeln!(out, "  {} rule", rule.name());
                for (i, finding) in findings {
                    let label = match finding.severity {
                        Severity::Error => term.red("error"),
                        _ => term.yellow("warning"),
                    };
                    let location = match finding.line {
                        Some(line) => format!("{}:{line}", self.path_of(*i)),
                        None => self.path_of(*i),
                    };
                    let _ = writeln!(out, "    {label} {location}: {}", finding.message);
                }
            }
            out.push('\n');
        }
        let s = self.summary();
        let verdict = if s.errors > 0 { term.red("FAILED") } else { term.green("OK") };
        let _ = writeln!(out, "{verdict}: {}", s.line());
        out
    }

    /// JUnit XML: one test case per article, a failure for each error, warnings as output.
    fn junit(&self) -> String {
        let s = self.summary();
        let failures =
            self.verdicts.iter().filter(|v| v.findings.iter().any(|f| f.severity == Severity::Error)).count();
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            xml,
            "<testsuites name=\"freshdocs\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            s.articles
        );
        let _ = writeln!(
            xml,
            "  <testsuite name=\"freshdocs check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" timestamp=\"{}\">",
            s.articles,
            self.now.format("%Y-%m-%dT%H:%M:%S")
        );
        for (i, verdict) in self.verdicts.enumerate() {
            let path = self.path_of(i);
            let _ = write!(
                xml,
                "    <testcase classname=\"freshdocs\" name=\"{}\" file=\"{}\"",
                escape(&path),
                escape(&path)
            );
            let errors: Vec<&Finding> = verdict.findings.iter().filter(|f| f.severity == Severity::Error).collect();
            let warnings: Vec<&Finding> = verdict.findings.iter().filter(|f| f.severity == Severity::Warning).collect();
            if errors.is_empty() && warnings.is_empty() {
                xml.push_str("/>\n");
                continue;
            }
            xml.push_str(">\n");
            if let Some(first) = errors.first() {
                let body: Vec<String> = errors.iter().map(|f| format!("{}: {}", f.rule.name(), f.message)).collect();
                let _ = writeln!(
                    xml,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    escape(&first.message),
                    first.rule.name(),
                    escape(&body.join("\n"))
                );
            }
            if !warnings.is_empty() {
                let body: Vec<String> =
                    warnings.iter().map(|f| format!("warning {}: {}", f.rule.name(), f.message)).collect();
                let _ = writeln!(xml, "      <system-out>{}</system-out>", escape(&body.join("\n")));
            }
            xml.push_str("    </testcase>\n");
        }
        xml.push_str("  </testsuite>\n</testsuites>\n");
        xml
    }

    /// Every finding with its page, the most important first: errors before warnings, then the
    /// pages the pull request changes (in a pull request's CI), then the strongest evidence, then
    /// the page order.
    fn findings_by_priority(&self) -> Vec<Flagged<'_>> {
        let touched = self.touched.get_or_init(|| self.touched_by_pull_request());
        let mut all: Vec<Flagged<'_>> =
            self.verdicts.enumerate().flat_map(|(i, v)| v.findings.iter().map(move |f| (i, v, f))).collect();
        all.sort_by(|a, b| {
            let error = |f: &Finding| f.severity != Severity::Error;
            let untouched = |i: JudgedId| !touched.get(i).copied().unwrap_or(false);
            error(a.2)
                .cmp(&error(b.2))
                .then(untouched(a.0).cmp(&untouched(b.0)))
                .then(b.2.score.unwrap_or(0.0).total_cmp(&a.2.score.unwrap_or(0.0)))
        });
        all
    }

    /// Per judged page, whether the pull request this runs in changes it (none outside one).
    fn touched_by_pull_request(&self) -> Table<JudgedId, bool> {
        let HistoryState::Known(history) = self.state else { return Table::new() };
        let Some(paths) = crate::history::discover(&history.workdir)
            .ok()
            .flatten()
            .and_then(|repo| crate::history::pull_request_paths(repo.git2()))
        else {
            return Table::new();
        };
        self.verdicts
            .ids()
            .map(|i| {
                self.content
                    .judged_source(i)
                    .is_some_and(|s| paths.contains(&format!("{}{}", history.repo_prefix, s.rel_path)))
            })
            .collect()
    }

    /// GitHub Actions workflow commands: an annotation on the file for each finding, the most
    /// important first. GitHub shows [`GITHUB_ANNOTATIONS`] errors and as many warnings per step
    /// and drops the rest without a word, so only those are written, and the log says how many
    /// more there are.
    fn github(&self) -> String {
        let mut out = String::new();
        let (mut shown, mut more) = ([0usize; 2], [0usize; 2]);
        for (i, _, finding) in self.findings_by_priority() {
            let kind = usize::from(finding.severity != Severity::Error);
            if shown[kind] == GITHUB_ANNOTATIONS {
                more[kind] += 1;
                continue;
            }
            shown[kind] += 1;
            let command = if kind == 0 { "error" } else { "warning" };
            let line = finding.line.map(|l| format!(",line={l}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "::{command} file={}{line},title=freshdocs {}::{}",
                github_property(&self.path_of(i)),
                finding.rule.name(),
                github_data(&finding.message)
            );
        }
        if more.iter().any(|&n| n > 0) {
            let _ = writeln!(
                out,
                "freshdocs: {} and {} more not annotated (GitHub shows {GITHUB_ANNOTATIONS} of each per step); the step summary lists them",
                plural(more[0], "error", "errors"),
                plural(more[1], "warning", "warnings"),
            );
        }
        let _ = writeln!(out, "freshdocs: {}", self.summary().line());
        out
    }

    /// A Markdown summary (also what `github` appends to `$GITHUB_STEP_SUMMARY`): the totals, the
    /// first findings by priority in a table, the rest by owner in collapsed groups, and never more
    /// than [`SUMMARY_BYTES`] (GitHub's cap is 1 MiB).
    pub fn markdown(&self) -> String {
        let s = self.summary();
        let mut md = String::from("## Documentation freshness\n\n");
        if let Some(r) = self.releases().last() {
            let _ = writeln!(md, "Latest release: **{}** ({})\n", md_cell(&r.name), super::day(r.date));
        }
        let _ = writeln!(
            md,
            "| Articles | Fresh | Stale | Unknown | Errors | Warnings |\n|---:|---:|---:|---:|---:|---:|\n| {} | {} | {} | {} | {} | {} |\n",
            s.articles, s.fresh, s.stale, s.unknown, s.errors, s.warnings
        );
        let findings = self.findings_by_priority();
        if findings.is_empty() {
            md.push_str("Every article is up to date.\n");
            return md;
        }
        const HEADER: &str = "| Article | Owner | Rule | Severity | What to do |\n|---|---|---|---|---|\n";
        let row = |i: JudgedId, verdict: &Verdict, finding: &Finding| {
            format!(
                "| `{}` | {} | {} | {} | {} |\n",
                md_cell(&self.path_of(i)),
                md_cell(verdict.owner.as_deref().unwrap_or("")),
                finding.rule.name(),
                if finding.severity == Severity::Error { "error" } else { "warning" },
                md_cell(&finding.message)
            )
        };
        md.push_str(HEADER);
        let (first, rest) = findings.split_at(findings.len().min(SUMMARY_FIRST));
        for &(i, verdict, finding) in first {
            md.push_str(&row(i, verdict, finding));
        }
        if rest.is_empty() {
            return md;
        }
        let mut by_owner: Vec<(&str, Vec<&Flagged<'_>>)> = Vec::new();
        for entry in rest {
            let owner = entry.1.owner.as_deref().unwrap_or("(no owner)");
            match by_owner.iter_mut().find(|(o, _)| *o == owner) {
                Some((_, list)) => list.push(entry),
                None => by_owner.push((owner, vec![entry])),
            }
        }
        let _ = writeln!(md, "\n{} more, by owner:\n", plural(rest.len(), "finding", "findings"));
        let mut left = rest.len();
        for (owner, entries) in by_owner {
            let mut group = format!("<details><summary>{} ({})</summary>\n\n{HEADER}", md_cell(owner), entries.len());
            for &&(i, verdict, finding) in &entries {
                group.push_str(&row(i, verdict, finding));
            }
            group.push_str("\n</details>\n");
            if md.len() + group.len() > SUMMARY_BYTES {
                let _ = writeln!(
                    md,
                    "\n{} not shown, to keep this summary within GitHub's limit: run `freshdocs check` for all of them.",
                    plural(left, "finding", "findings")
                );
                break;
            }
            md.push_str(&group);
            left -= entries.len();
        }
        md
    }
}

/// A finding with the index and verdict of its page.
type Flagged<'a> = (JudgedId, &'a Verdict, &'a Finding);

/// Annotations of each kind GitHub shows per step (actions/toolkit, problem matchers).
pub(crate) const GITHUB_ANNOTATIONS: usize = 10;
/// Findings in the step summary's first table; the rest are grouped by owner and collapsed.
const SUMMARY_FIRST: usize = 20;
/// The step summary stays below this many bytes (GitHub refuses more than 1 MiB).
const SUMMARY_BYTES: usize = 900 * 1024;

/// Escaping of a workflow command's message (`%`, CR, LF).
pub(crate) fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a workflow command's property (also `:` and `,`).
pub(crate) fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(crate) fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(github_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(github_property("a,b:c.md"), "a%2Cb%3Ac.md");
    }
}
