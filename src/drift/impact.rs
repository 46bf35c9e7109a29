//! `freshdocs impact`: the articles a range of product changes probably made outdated, ranked,
//! with their evidence, in the formats people and CI read.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use super::{Evidence, EvidenceKind};
use crate::config::Site;
use crate::content::{self, JudgedId, Table};
use crate::error::{Error, Errors, Warning};
use crate::freshness;
use crate::freshness::report::{GITHUB_ANNOTATIONS, github_data, github_property, md_cell};
use crate::history;
use crate::term::{Term, plural};

/// Output formats of `impact`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Github,
    Markdown,
}

/// One listed article.
#[derive(Debug, Clone)]
pub(crate) struct Impacted {
    /// Relative to the content folder.
    pub(crate) path: String,
    /// Relative to the docs repository's root (for annotations).
    pub(crate) repo_path: String,
    pub(crate) url: String,
    pub(crate) score: f64,
    pub(crate) updated_in_range: bool,
    pub(crate) evidence: Vec<Evidence>,
}

/// What `impact` found.
#[derive(Debug, Clone)]
pub struct ImpactReport {
    pub(crate) range: String,
    pub(crate) base: Option<String>,
    pub(crate) head: String,
    /// Commits in the range, and product files they changed.
    pub(crate) commits: usize,
    pub(crate) product_files: usize,
    pub(crate) articles: Vec<Impacted>,
    /// Listed articles that the range did not update.
    pub not_updated: usize,
}

/// Runs `impact` on the site at `root` for `range` (default: the latest release to HEAD of the
/// product repository); lists at most `limit` articles.
pub fn impact(
    root: &Path,
    range: Option<&str>,
    now: DateTime<FixedOffset>,
    limit: usize,
) -> Result<(ImpactReport, Vec<Warning>), Errors> {
    let site = Site::load(root, None)?;
    let (content, mut warnings) = content::load_articles(&site)?;
    let state = freshness::load_history(&site, &content, now, &mut warnings, false, None)?;
    let history = state.require(&site.content_dir, "impact")?;
    let model = super::load::model(&site, &content, &history.workdir, &history.release_workdir, &history.repo_prefix)?;
    let range = match range {
        Some(r) => r.to_string(),
        None => match history.latest_release() {
            Some(latest) => format!("{}..HEAD", latest.name),
            None => return Err(Error::no_release_for_range(&site.config.freshness.release_tags).into()),
        },
    };
    let (base, head) = history::resolve_range(model.product_repo.git2(), &range)?;
    let commits = model.range(base, head)?;
    let product_files = {
        let mut files: Vec<&str> = commits
            .iter()
            .flat_map(|c| c.files.iter().map(|f| f.path.as_str()))
            .filter(|p| model.coupling.product().contains(p))
            .collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    };
    let pages = content.judged();
    let repo_paths: Table<JudgedId, String> = pages.map(|a| format!("{}{}", history.repo_prefix, a.source.rel_path));
    let updated = model.updated_in(&commits, &repo_paths);
    let articles: Vec<Impacted> = model
        .impact(&commits)
        .into_iter()
        .take(limit)
        .map(|i| {
            let article = &pages[i.article];
            Impacted {
                path: article.source.rel_path.clone(),
                repo_path: repo_paths[i.article].clone(),
                url: article.url.to_string(),
                // Titles are set by rendering, which impact does not do: the front matter's.
                score: i.score,
                updated_in_range: updated[i.article],
                evidence: i.evidence,
            }
        })
        .collect();
    for message in model.warnings {
        warnings.push(Warning::new(crate::error::WarningKind::History, None, crate::error::Span::default(), message));
    }
    let not_updated = articles.iter().filter(|a| !a.updated_in_range).count();
    Ok((
        ImpactReport {
            range,
            base: base.map(|b| b.to_string()),
            head: head.to_string(),
            commits: commits.len(),
            product_files,
            articles,
            not_updated,
        },
        warnings,
    ))
}

impl ImpactReport {
    pub fn render(&self, format: Format, term: &Term) -> String {
        match format {
            Format::Text => self.text(term),
            Format::Json => serde_json::to_string_pretty(&self.json()).unwrap_or_default() + "\n",
            Format::Github => self.github(),
            Format::Markdown => self.markdown(),
        }
    }

    /// The JSON contract (documented in the help center).
    pub(crate) fn json(&self) -> Value {
        json!({
            "range": self.range,
            "base": self.base,
            "head": self.head,
            "commits": self.commits,
            "product_files": self.product_files,
            "articles": self.articles.iter().map(|a| json!({
                "path": a.path,
                "url": a.url,
                "score": (a.score * 1000.0).round() / 1000.0,
                "updated_in_range": a.updated_in_range,
                "evidence": a.evidence.iter().map(|e| json!({
                    "kind": e.kind.name(),
                    "product_path": e.product_path,
                    "commit": e.commit,
                    "detail": e.detail,
                    "line": e.line,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }

    fn headline(&self) -> String {
        format!(
            "{} changed {} in {}",
            self.range,
            plural(self.product_files, "product file", "product files"),
            plural(self.commits, "commit", "commits")
        )
    }

    /// For people: one line per article, its best evidence below it.
    fn text(&self, term: &Term) -> String {
        let mut out = format!("{}\n\n", self.headline());
        if self.articles.is_empty() {
            out.push_str("No article describes what changed.\n");
            return out;
        }
        for a in &self.articles {
            let state = if a.updated_in_range { term.green("updated in range") } else { term.yellow("not updated") };
            let _ = writeln!(out, "{:.2} {:<8}  {}  ({state})", a.score, confidence(a.score), term.paint("1", &a.path));
            for e in a.evidence.iter().take(3) {
                let _ = writeln!(out, "      {}", evidence_line(e));
            }
        }
        let _ = writeln!(
            out,
            "\n{} probably outdated by this change, {} not updated in it.",
            plural(self.articles.len(), "article", "articles"),
            self.not_updated
        );
        out
    }

    /// GitHub Actions: a notice on each listed article that the range did not update.
    fn github(&self) -> String {
        let mut out = String::new();
        let not_updated: Vec<&Impacted> = self.articles.iter().filter(|a| !a.updated_in_range).collect();
        // GitHub shows ten warnings per step and drops the rest without a word.
        let (shown, more) = not_updated.split_at(not_updated.len().min(GITHUB_ANNOTATIONS));
        for a in shown {
            let line = a.evidence.iter().find_map(|e| e.line).map(|l| format!(",line={l}")).unwrap_or_default();
            let why: Vec<String> = a.evidence.iter().take(3).map(evidence_line).collect();
            let _ = writeln!(
                out,
                "::warning file={}{line},title=freshdocs impact::{}",
                github_property(&a.repo_path),
                github_data(&format!(
                    "This change probably makes this article outdated (score {:.2}): {}",
                    a.score,
                    why.join("; ")
                ))
            );
        }
        if !more.is_empty() {
            let _ = writeln!(
                out,
                "freshdocs: {} more not annotated (GitHub shows {GITHUB_ANNOTATIONS} per step); the step summary lists them",
                plural(more.len(), "article", "articles")
            );
        }
        let _ = writeln!(
            out,
            "freshdocs: {}; {} listed, {} not updated",
            self.headline(),
            self.articles.len(),
            self.not_updated
        );
        out
    }

    /// Markdown for a step summary or a pull request comment.
    pub fn markdown(&self) -> String {
        let mut md = String::from("## Docs this change touches\n\n");
        let _ = writeln!(
            md,
            "`{}` changed {}.\n",
            md_cell(&self.range),
            plural(self.product_files, "product file", "product files")
        );
        if self.articles.is_empty() {
            md.push_str("No article describes what changed.\n");
            return md;
        }
        md.push_str("These articles describe it:\n\n| Article | Score | Updated here | Why |\n|---|---:|---|---|\n");
        for a in &self.articles {
            let why: Vec<String> = a.evidence.iter().take(3).map(evidence_line).collect();
            let _ = writeln!(
                md,
                "| `{}` | {:.2} {} | {} | {} |",
                md_cell(&a.path),
                a.score,
                confidence(a.score),
                if a.updated_in_range { "yes" } else { "**no**" },
                md_cell(&why.join("; "))
            );
        }
        md
    }
}

/// A score in words, for people: scores compare within one range, so the words are rough.
pub(crate) fn confidence(score: f64) -> &'static str {
    if score >= 0.4 {
        "likely"
    } else if score >= 0.15 {
        "possible"
    } else {
        "weak"
    }
}

/// `mention `--base-url` at line 12 (src/cmd/build.rs, 1a2b3c4)`.
pub(crate) fn evidence_line(e: &Evidence) -> String {
    let at = e.line.map(|l| format!(" at line {l}")).unwrap_or_default();
    let commit = e.commit.get(..7).unwrap_or(&e.commit);
    match e.kind {
        EvidenceKind::CoChange => format!("co-change: {} ({commit}): {}", e.product_path, e.detail),
        kind => format!("{}: {}{at} ({}, {commit})", kind.name(), e.detail, e.product_path),
    }
}
