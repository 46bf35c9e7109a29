//! The freshness dashboard for writers: counts per section and owner, the stale list and a chart
//! of article ages. It is written to `/_freshness/` and linked from nowhere a customer goes; it
//! is left out of the sitemap and marked `noindex`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use crate::content::Content;
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

/// The template context of `dashboard.html`.
pub(crate) fn data(
    content: &Content,
    history: &HistoryState,
    verdicts: &[Verdict],
    now: DateTime<FixedOffset>,
) -> Value {
    let known = matches!(history, HistoryState::Known(_));
    let latest = match history {
        HistoryState::Known(h) => h.latest_release().map(|r| json!({"name": r.name, "date": day(r.date)})),
        _ => None,
    };
    let mut totals = Counts::default();
    let mut by_section: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_owner: BTreeMap<String, Counts> = BTreeMap::new();
    let mut ages = [0usize; BUCKETS.len()];
    let mut stale = Vec::new();
    let pages = content.judged();
    for (i, verdict) in verdicts.iter().enumerate() {
        let article = &pages[i];
        let section = &content.sections[article.section];
        let section_name = if section.key.is_empty() {
            "(home)".to_string()
        } else {
            format!("{} · {}", section.title, section.lang)
        };
        let owner = verdict.owner.clone().unwrap_or_else(|| "(no owner)".to_string());
        for counts in
            [&mut totals, by_section.entry(section_name).or_default(), by_owner.entry(owner.clone()).or_default()]
        {
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
            let section_name = if section.key.is_empty() { "(home)".to_string() } else { section.title.clone() };
            stale.push((
                (!errors, -(score * 1000.0) as i64, article.source.rel_path.clone()),
                json!({
                    "title": article.title,
                    "url": article.url,
                    "path": article.source.rel_path,
                    "lang": article.lang,
                    "owner": owner,
                    "section": section_name,
                    "fresh_as_of": verdict.fresh_as_of.map(day),
                    "findings": verdict.findings.iter().map(|f| json!({
                        "rule": f.rule.name(),
                        "message": f.message,
                        "evidence": f.evidence.iter().take(3).map(crate::drift::impact::evidence_line).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                }),
            ));
        }
    }
    stale.sort_by(|a, b| a.0.cmp(&b.0));
    // Grouped by owner, the owners with the most to do first; each group keeps the priority order.
    let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (_, entry) in &stale {
        groups.entry(entry["owner"].as_str().unwrap_or_default().to_string()).or_default().push(entry.clone());
    }
    let mut groups: Vec<(String, Vec<Value>)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let stale: Vec<Value> = stale.into_iter().map(|(_, v)| v).collect();
    json!({
        "known": known,
        "stale_by_owner": groups.iter().map(|(owner, articles)| json!({"owner": owner, "count": articles.len(), "articles": articles})).collect::<Vec<_>>(),
        "now": day(now),
        "latest_release": latest,
        "totals": totals.value("all"),
        "sections": by_section.iter().map(|(name, c)| c.value(name)).collect::<Vec<_>>(),
        "owners": by_owner.iter().map(|(name, c)| c.value(name)).collect::<Vec<_>>(),
        "stale": stale,
        "age_chart": age_chart(&ages),
    })
}

#[derive(Default)]
struct Counts {
    fresh: usize,
    stale: usize,
    unknown: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        match status {
            Status::Fresh => self.fresh += 1,
            Status::Stale => self.stale += 1,
            Status::Unknown => self.unknown += 1,
        }
    }

    fn value(&self, name: &str) -> Value {
        json!({"name": name, "fresh": self.fresh, "stale": self.stale, "unknown": self.unknown,
               "total": self.fresh + self.stale + self.unknown})
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
