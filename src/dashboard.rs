//! The freshness dashboard for writers: counts per section and owner, the stale list and a chart
//! of article ages. It is written to `/_freshness/` and linked from nowhere a customer goes; it
//! is left out of the sitemap and marked `noindex`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::content::{Content, JudgedId, Table};
use crate::freshness::{HistoryState, Status, Verdict, day};
use crate::markdown::escape;

/// Where the dashboard is written, under the base path.
pub(crate) const PATH: &str = "_freshness/";

/// Age buckets of the chart: upper bound in days and label.
const BUCKETS: [(i64, &str); 6] = [
    (30, "< 1 month"),
    (90, "1–3 months"),
    (180, "3–6 months"),
    (365, "6–12 months"),
    (730, "1–2 years"),
    (i64::MAX, "> 2 years"),
];

/// The template context of `dashboard.html` (`dashboard`), documented in
/// `themes/default/README.md`.
#[derive(Debug, Serialize)]
pub(crate) struct Dashboard {
    /// The chart of [`age_chart`], as SVG.
    age_chart: String,
    /// Whether there was a git history to judge by.
    known: bool,
    latest_release: Option<ReleaseDay>,
    /// The day of the build.
    now: String,
    /// Counts per owner (`(no owner)` for pages nobody owns), by name.
    owners: Vec<Counts>,
    /// Counts per section (`(home)`, or `title · lang`), by name.
    sections: Vec<Counts>,
    /// Every stale page, what to fix first first.
    stale: Vec<StalePage>,
    /// The same pages by owner, the owners with the most to do first.
    stale_by_owner: Vec<OwnerGroup>,
    totals: Counts,
}

#[derive(Debug, Serialize)]
struct ReleaseDay {
    date: String,
    name: String,
}

/// Pages by verdict, in a group called `name`.
#[derive(Debug, Default, Serialize)]
struct Counts {
    fresh: usize,
    name: String,
    stale: usize,
    total: usize,
    unknown: usize,
}

#[derive(Debug, Clone, Serialize)]
struct StalePage {
    fresh_as_of: Option<String>,
    findings: Vec<StaleFinding>,
    lang: String,
    owner: String,
    path: String,
    /// The section's title (`(home)` at the content root).
    section: String,
    title: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct StaleFinding {
    /// The first three pieces of evidence, a line each.
    evidence: Vec<String>,
    message: String,
    rule: &'static str,
}

#[derive(Debug, Serialize)]
struct OwnerGroup {
    articles: Vec<StalePage>,
    count: usize,
    owner: String,
}

/// The dashboard of the judged pages' `verdicts` as of `now`.
pub(crate) fn data(
    content: &Content,
    history: &HistoryState,
    verdicts: &Table<JudgedId, Verdict>,
    now: DateTime<FixedOffset>,
) -> Dashboard {
    let latest = match history {
        HistoryState::Known(h) => h.latest_release().map(|r| ReleaseDay { date: day(r.date), name: r.name.clone() }),
        _ => None,
    };
    let mut totals = Counts::named("all");
    let mut by_section: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_owner: BTreeMap<String, Counts> = BTreeMap::new();
    let mut ages = [0usize; BUCKETS.len()];
    let mut stale = Vec::new();
    let pages = content.judged();
    for (i, verdict) in verdicts.enumerate() {
        let article = &pages[i];
        let section = &content.sections[article.section];
        let section_name = if section.key.is_empty() {
            "(home)".to_string()
        } else {
            format!("{} · {}", section.title, section.lang)
        };
        let owner = verdict.owner.clone().unwrap_or_else(|| "(no owner)".to_string());
        let by_section = by_section.entry(section_name.clone()).or_insert_with(|| Counts::named(&section_name));
        let by_owner = by_owner.entry(owner.clone()).or_insert_with(|| Counts::named(&owner));
        for counts in [&mut totals, by_section, by_owner] {
            counts.add(verdict.status);
        }
        if let Some(as_of) = verdict.fresh_as_of {
            let days = (now - as_of).num_days().max(0);
            let bucket = BUCKETS.iter().position(|(limit, _)| days < *limit).unwrap_or(BUCKETS.len() - 1);
            ages[bucket] += 1;
        }
        if verdict.status == Status::Stale {
            // Errors before warnings, then the strongest evidence: what to fix first.
            let errors = verdict.findings.iter().any(|f| f.severity == crate::config::Severity::Error);
            let score = verdict.findings.iter().filter_map(|f| f.score).fold(0.0, f64::max);
            let findings = verdict
                .findings
                .iter()
                .map(|f| StaleFinding {
                    evidence: f.evidence.iter().take(3).map(crate::drift::impact::evidence_line).collect(),
                    message: f.message.clone(),
                    rule: f.rule.name(),
                })
                .collect();
            let page = StalePage {
                fresh_as_of: verdict.fresh_as_of.map(day),
                findings,
                lang: article.lang.to_string(),
                owner,
                path: article.source.rel_path.clone(),
                section: if section.key.is_empty() { "(home)".to_string() } else { section.title.clone() },
                title: article.title.to_string(),
                url: article.url.to_string(),
            };
            stale.push(((!errors, -(score * 1000.0) as i64, article.source.rel_path.clone()), page));
        }
    }
    stale.sort_by(|a, b| a.0.cmp(&b.0));
    let stale: Vec<StalePage> = stale.into_iter().map(|(_, page)| page).collect();
    // Grouped by owner, the owners with the most to do first; each group keeps the priority order.
    let mut groups: BTreeMap<&str, Vec<StalePage>> = BTreeMap::new();
    for page in &stale {
        groups.entry(&page.owner).or_default().push(page.clone());
    }
    let mut stale_by_owner: Vec<OwnerGroup> = groups
        .into_iter()
        .map(|(owner, articles)| OwnerGroup { count: articles.len(), owner: owner.to_string(), articles })
        .collect();
    stale_by_owner.sort_by(|a, b| b.count.cmp(&a.count).then(a.owner.cmp(&b.owner)));
    Dashboard {
        age_chart: age_chart(&ages),
        known: matches!(history, HistoryState::Known(_)),
        latest_release: latest,
        now: day(now),
        owners: by_owner.into_values().collect(),
        sections: by_section.into_values().collect(),
        stale,
        stale_by_owner,
        totals,
    }
}

impl Counts {
    fn named(name: &str) -> Counts {
        Counts { name: name.to_string(), ..Counts::default() }
    }

    fn add(&mut self, status: Status) {
        self.total += 1;
        match status {
            Status::Fresh => self.fresh += 1,
            Status::Stale => self.stale += 1,
            Status::Unknown => self.unknown += 1,
        }
    }
}

/// A bar chart of article ages as inline SVG (no script, no external request), with a text
/// alternative.
fn age_chart(ages: &[usize; BUCKETS.len()]) -> String {
    let max = ages.iter().copied().max().unwrap_or(0).max(1);
    let (width, bar_height, gap, label_width) = (560, 28, 10, 120);
    let height = BUCKETS.len() * (bar_height + gap);
    let summary: Vec<String> = BUCKETS.iter().zip(ages).map(|((_, label), n)| format!("{label}: {n}")).collect();
    let mut svg = format!(
        "<svg class=\"age-chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" aria-label=\"{}\">",
        escape(&format!("Articles by age since their last update. {}", summary.join("; ")))
    );
    for (row, ((_, label), &count)) in BUCKETS.iter().zip(ages).enumerate() {
        let y = row * (bar_height + gap);
        let bar = (width - label_width - 60) * count / max;
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"14\" fill=\"currentColor\">{}</text><rect x=\"{label_width}\" y=\"{y}\" width=\"{bar}\" height=\"{bar_height}\" rx=\"3\" fill=\"currentColor\" opacity=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"currentColor\">{count}</text>",
            y + bar_height * 2 / 3,
            escape(label),
            if row >= 4 { "0.9" } else { "0.5" },
            label_width + bar + 8,
            y + bar_height * 2 / 3,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_a_bar_and_a_text_alternative_per_bucket() {
        let svg = age_chart(&[3, 0, 1, 0, 0, 2]);
        assert_eq!(svg.matches("<rect").count(), 6);
        assert!(svg.contains("aria-label=\"Articles by age since their last update. &lt; 1 month: 3;"), "{svg}");
        assert!(svg.contains(">2</text>"));
    }
}
