//! Freshness: from the history of each article and the releases of the product, a verdict per
//! article (fresh, stale or unknown) with the findings of each rule (docs/ARCHITECTURE.md §4).
//!
//! This module owns the rules and their wording. It reads git only through `history`, and it
//! does not print: `report` turns verdicts into text, JSON, JUnit, GitHub annotations or Markdown.

pub(crate) mod report;
mod watch;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};

use crate::config::{ReleaseRule, Severity, Site};
use crate::content::{Content, JudgedId, JudgedPage, Table};
use crate::drift::{self, Evidence};
use crate::error::{Error, Span, Warning, WarningKind};
use crate::history::{self, CodeOwners, HistoryQuery, LastChange, Release};
use crate::links::BrokenLink;

/// Why an article is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Rule {
    Release,
    Age,
    Translation,
    Links,
}

impl Rule {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Rule::Release => "release",
            Rule::Age => "age",
            Rule::Translation => "translation",
            Rule::Links => "links",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Fresh,
    Stale,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct Finding {
    pub(crate) rule: Rule,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    /// Line in the article, where the finding is about one place (a broken link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<usize>,
    /// Why a coupled release finding was made: the product changes and what ties them to the
    /// article, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) evidence: Vec<Evidence>,
    /// How strongly the evidence ties the article to the release's changes (0..1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) score: Option<f64>,
}

impl Finding {
    fn new(rule: Rule, severity: Severity, message: String) -> Self {
        Finding { rule, severity, message, line: None, evidence: Vec::new(), score: None }
    }

    fn at(self, line: Option<usize>) -> Self {
        Finding { line, ..self }
    }
}

/// The judgement of one article.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    pub(crate) status: Status,
    /// `max(last real change, reviewed, date of reviewed_for)`.
    pub(crate) fresh_as_of: Option<DateTime<FixedOffset>>,
    /// The release the article predates, when the release rule flags it.
    pub(crate) predates: Option<Release>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) owner: Option<String>,
}

/// What git told us, or why it could not.
pub(crate) enum HistoryState {
    Known(Box<History>),
    /// No repository holds the content folder: dates are unknown.
    NoRepository,
    /// A shallow clone: every date would be wrong.
    Shallow {
        workdir: PathBuf,
    },
}

pub(crate) struct History {
    pub(crate) head: Option<String>,
    /// Releases, oldest first.
    pub(crate) releases: Vec<Release>,
    /// Last real change of each judged page.
    pub(crate) changes: Table<JudgedId, Option<LastChange>>,
    pub(crate) owners: Option<CodeOwners>,
    /// The content folder relative to the repository root (`""` or `docs/content/`).
    pub(crate) repo_prefix: String,
    /// The work tree of the docs repository (the one holding the content folder).
    pub(crate) workdir: PathBuf,
    /// The work tree of the repository whose tags are the releases (and whose paths `watch`
    /// globs name).
    pub(crate) release_workdir: PathBuf,
    /// With the coupled release rule: the evidence of the latest release's cycle, by article
    /// page (empty lists when there is no release).
    pub(crate) cycle: Option<drift::load::CycleEvidence>,
}

impl HistoryState {
    /// The history, or the error that stops a `command` needing it (`check`, `impact`): no
    /// repository holds `content_dir`, or the clone is shallow.
    pub(crate) fn require(&self, content_dir: &Path, command: &str) -> Result<&History, Error> {
        match self {
            HistoryState::Known(history) => Ok(history),
            HistoryState::NoRepository => Err(Error::no_repository(content_dir, command)),
            HistoryState::Shallow { workdir } => Err(Error::shallow(workdir)),
        }
    }
}

impl History {
    pub(crate) fn latest_release(&self) -> Option<&Release> {
        self.releases.last()
    }
}

/// An old version's docs, read from its release tag rather than the work tree: their history
/// is read as of that commit, and the releases after it do not exist for them.
#[derive(Debug, Clone)]
pub(crate) struct AsOf {
    /// The repository's work tree.
    pub(crate) workdir: PathBuf,
    /// The release the version is judged as of: the releases after it did not exist for it.
    /// A name that is no release (`""`, for a folder version no release line matches) leaves it
    /// no release at all.
    pub(crate) tag: String,
    /// The commit the history is read from: the tag's; none for a version kept as a folder of
    /// the work tree (Docusaurus's `versioned_docs/`), read as the current docs are.
    pub(crate) commit: Option<git2::Oid>,
    /// The site folder (`docs/`, or empty at the root) and the content folder (`docs/content/`)
    /// in the repository at that commit.
    pub(crate) site_prefix: String,
    pub(crate) content_prefix: String,
}

/// Reads the history of every article in one walk, the releases and CODEOWNERS; with
/// `coupling` and the coupled release rule, also the evidence of the latest release's cycle.
/// `as_of` reads an old version's as of its tag.
pub(crate) fn load_history(
    site: &Site,
    content: &Content,
    now: DateTime<FixedOffset>,
    warnings: &mut Vec<Warning>,
    coupling: bool,
    as_of: Option<&AsOf>,
) -> Result<HistoryState, Error> {
    let found = match as_of {
        Some(at) => history::discover(&at.workdir)?,
        None => history::discover(&site.content_dir)?,
    };
    let Some(repo) = found else {
        return Ok(HistoryState::NoRepository);
    };
    if repo.is_shallow() {
        return Ok(HistoryState::Shallow { workdir: repo.workdir().to_path_buf() });
    }
    let prefix = match as_of {
        Some(at) => Some(at.content_prefix.clone()),
        None => repo_prefix(repo.workdir(), &site.content_dir),
    };
    let Some(repo_prefix) = prefix else {
        return Ok(HistoryState::NoRepository);
    };
    let paths: Vec<String> = content.judged().iter().map(|a| format!("{repo_prefix}{}", a.source.rel_path)).collect();
    let mut query = HistoryQuery::new(paths.clone(), now);
    query.ignore_revs_file = Some(ignore_revs_file(site, repo.workdir()));
    query.at = as_of.and_then(|at| at.commit);
    let release_repo = release_repo(site)?;
    let mut tags = releases_of(site, release_repo.as_ref().unwrap_or(&repo))?;
    if let Some(at) = as_of {
        // The releases up to this version's own: the later ones had not happened.
        let own = tags.releases.iter().position(|r| r.name == at.tag);
        tags.releases.truncate(own.map_or(0, |i| i + 1));
    }
    for message in tags.warnings {
        warnings.push(Warning::new(WarningKind::History, None, Span::default(), message));
    }
    let release_workdir = release_repo.as_ref().unwrap_or(&repo).workdir().to_path_buf();
    let f = &site.config.freshness;
    let coupled = coupling
        && f.release_rule == ReleaseRule::Coupled
        && f.severity.release != Severity::Off
        && !tags.releases.is_empty();
    // The coupling model reads other commits than the walk does (docs/ARCHITECTURE.md §5): the
    // two run side by side.
    let docs_workdir = repo.workdir().to_path_buf();
    // An older version's cycle is fixed by its tag: kept in the git folder (drift::cache).
    let kept = as_of.and_then(|at| at.commit).filter(|_| coupled && !history::cache::disabled_by_env());
    let key = kept.map(|tag| {
        let ignore_revs = ignore_revs_file(site, &release_workdir);
        drift::cache::Key::new(site, content, tag, &tags.releases, &ignore_revs, &repo_prefix)
    });
    let git_dir = repo.git_dir().to_path_buf();
    // The co-change commits are the newest first-parent history, which the walk reads too: its
    // reader reads them first, and the walk then finds them already read. (Not for a cycle
    // that may come from the cache, which needs no co-change.)
    let (first_parent, walked) =
        match coupled && key.is_none() && drift::load::same_repo(&docs_workdir, &release_workdir) {
            true => {
                let (query, walked) = drift::load::first_parent_from_walk(&repo_prefix);
                (Some(query), Some(walked))
            }
            false => (None, None),
        };
    let (changes, coupled) = std::thread::scope(|scope| {
        let (docs_workdir, release_workdir, releases, key, git_dir, prefix) =
            (&docs_workdir, &release_workdir, &tags.releases, &key, &git_dir, &repo_prefix);
        let model = coupled.then(|| {
            scope.spawn(move || {
                let pages = content.judged().len();
                if let Some(hit) = key.as_ref().and_then(|key| drift::cache::load(git_dir, key, pages)) {
                    return Ok::<_, Error>(hit);
                }
                let (model, cycle) = drift::load::model_and_cycle(
                    site,
                    content,
                    docs_workdir,
                    release_workdir,
                    prefix,
                    drift::load::Cycle { releases: Some(releases), as_of, walked },
                )?;
                if let Some(key) = key {
                    drift::cache::store(git_dir, key, &model.warnings, cycle.as_ref());
                }
                Ok((model.warnings, cycle))
            })
        });
        let changes = history::last_changes_with(&repo, &query, first_parent);
        (changes, model.map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))))
    });
    let changes = changes?;
    for message in &changes.warnings {
        warnings.push(Warning::new(WarningKind::History, None, Span::default(), message.clone()));
    }
    let by_article = paths.iter().map(|p| changes.by_path.get(p).cloned()).collect();
    let cycle = match coupled.transpose()? {
        Some((model_warnings, cycle)) => {
            for message in &model_warnings {
                warnings.push(Warning::new(WarningKind::History, None, Span::default(), message.clone()));
            }
            cycle
        }
        None => None,
    };
    Ok(HistoryState::Known(Box::new(History {
        head: changes.head,
        releases: tags.releases,
        changes: by_article,
        owners: history::codeowners(repo.workdir()),
        repo_prefix,
        workdir: repo.workdir().to_path_buf(),
        release_workdir,
        cycle,
    })))
}

/// The releases of the site, as `check` judges against them: the tags matching `release_tags`
/// in `release_repo`, else in the repository holding the content. `None` without a repository.
pub(crate) fn site_releases(site: &Site) -> Result<Option<Vec<Release>>, Error> {
    let Some(docs) = history::discover(&site.content_dir)? else { return Ok(None) };
    let release_repo = release_repo(site)?;
    Ok(Some(releases_of(site, release_repo.as_ref().unwrap_or(&docs))?.releases))
}

/// The product repository that `release_repo` names, when it is not the docs repository.
fn release_repo(site: &Site) -> Result<Option<history::Repo>, Error> {
    if site.config.freshness.release_repo == Path::new(".") {
        return Ok(None);
    }
    let path = site.root.join(&site.config.freshness.release_repo);
    history::discover(&path)?.map(Some).ok_or_else(|| Error::release_repo_missing(&path))
}

fn releases_of(site: &Site, repo: &history::Repo) -> Result<history::Releases, Error> {
    let f = &site.config.freshness;
    Ok(history::releases_with_warnings(repo, &f.release_tags, f.prereleases)?)
}

/// The ignore-revs file: named relative to the site root, else at the root of the repository
/// `workdir`, where git's own convention keeps it.
pub(crate) fn ignore_revs_file(site: &Site, workdir: &Path) -> PathBuf {
    let at_site = site.root.join(&site.config.freshness.ignore_revs);
    if at_site.exists() { at_site } else { workdir.join(&site.config.freshness.ignore_revs) }
}

/// `docs/content/` for a content folder at `<workdir>/docs/content` (any folder inside the work
/// tree, in fact; `""` for the root itself).
pub(crate) fn repo_prefix(workdir: &Path, content_dir: &Path) -> Option<String> {
    let workdir = workdir.canonicalize().ok()?;
    let content = content_dir.canonicalize().ok()?;
    let rel = content.strip_prefix(&workdir).ok()?;
    let mut prefix = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    if !prefix.is_empty() {
        prefix.push('/');
    }
    Some(prefix)
}

/// Settings of the rules, validated.
pub(crate) struct Policy {
    pub(crate) now: DateTime<FixedOffset>,
    pub(crate) grace: TimeDelta,
    pub(crate) max_age: TimeDelta,
    pub(crate) release: Severity,
    pub(crate) age: Severity,
    pub(crate) translation: Severity,
    pub(crate) links: Severity,
}

impl Policy {
    pub(crate) fn from_site(site: &Site, now: DateTime<FixedOffset>) -> Result<Policy, Error> {
        let f = &site.config.freshness;
        let period = |key: &str, value: &str| {
            crate::duration::parse(value).ok_or_else(|| Error::Config {
                path: site.root.join(crate::config::CONFIG_FILE),
                span: Span::default(),
                message: format!("`freshness.{key} = \"{value}\"` is not a period"),
                help: "write a number and a unit: 14d, 6w, 3mo or 1y".into(),
            })
        };
        Ok(Policy {
            now,
            grace: period("grace", &f.grace)?,
            max_age: period("max_age", &f.max_age)?,
            release: f.severity.release,
            age: f.severity.age,
            translation: f.severity.translation,
            links: f.severity.links,
        })
    }
}

/// Judges every page of [`Content::judged`] (articles first). `broken_links` are the build's
/// broken links, by the page they are on.
pub(crate) fn judge_all(
    content: &Content,
    state: &HistoryState,
    policy: &Policy,
    broken_links: &[BrokenLink],
) -> Table<JudgedId, Verdict> {
    let history = match state {
        HistoryState::Known(history) => Some(history.as_ref()),
        _ => None,
    };
    let pages = content.judged();
    let mut links: Table<JudgedId, Vec<&BrokenLink>> = pages.map(|_| Vec::new());
    for link in broken_links {
        if let Some(id) = content.judged_id(link.page) {
            links[id].push(link);
        }
    }
    // Opened once, only when the blunt rule needs it for an article that watches product paths.
    let release_repo = history
        .filter(|h| h.cycle.is_none() && pages.iter().any(|a| !a.source.front.watch.is_empty()))
        .and_then(|h| git2::Repository::open(&h.release_workdir).ok());
    let judge = Judge { pages: &pages, history, policy, release_repo };
    links.enumerate().map(|(id, links)| judge.verdict(id, links)).collect()
}

/// What every verdict is judged against: one rule per method.
struct Judge<'a> {
    pages: &'a Table<JudgedId, JudgedPage<'a>>,
    history: Option<&'a History>,
    policy: &'a Policy,
    release_repo: Option<git2::Repository>,
}

impl Judge<'_> {
    fn verdict(&self, i: JudgedId, links: &[&BrokenLink]) -> Verdict {
        let mut findings = self.links(links);
        let owner = self.owner(i);
        let (Some(history), Some(as_of)) = (self.history, self.history.and_then(|h| fresh_as_of(self.pages, h, i)))
        else {
            return Verdict { status: Status::Unknown, fresh_as_of: None, predates: None, findings, owner };
        };
        findings.extend(self.reviewed_for(history, i));
        let release = self.release(history, i, as_of);
        let predates = release.as_ref().and_then(|_| history.latest_release().cloned());
        findings.extend(release);
        findings.extend(self.age(i, as_of));
        findings.extend(self.translation(history, i, as_of));
        let stale = findings.iter().any(|f| f.rule != Rule::Links);
        Verdict {
            status: if stale { Status::Stale } else { Status::Fresh },
            fresh_as_of: Some(as_of),
            predates,
            findings,
            owner,
        }
    }

    /// `owner` from the front matter, else from CODEOWNERS.
    fn owner(&self, i: JudgedId) -> Option<String> {
        let source = self.pages[i].source;
        source.front.owner.clone().or_else(|| {
            let history = self.history?;
            let owners = history.owners.as_ref()?.owners_of(&format!("{}{}", history.repo_prefix, source.rel_path));
            (!owners.is_empty()).then(|| owners.join(" "))
        })
    }

    /// The links rule: every broken link on the page.
    fn links(&self, links: &[&BrokenLink]) -> Vec<Finding> {
        if self.policy.links == Severity::Off {
            return Vec::new();
        }
        links.iter().map(|l| Finding::new(Rule::Links, self.policy.links, l.message.clone()).at(Some(l.line))).collect()
    }

    /// `reviewed_for` must name a release.
    fn reviewed_for(&self, history: &History, i: JudgedId) -> Option<Finding> {
        let front = &self.pages[i].source.front;
        let name = front.reviewed_for.as_ref()?;
        if history.releases.iter().any(|r| &r.name == name) || self.policy.release == Severity::Off {
            return None;
        }
        let message =
            format!("`reviewed_for: {name}` names no release tag; use one of the tags matching the release pattern");
        Some(Finding::new(Rule::Release, Severity::Warning, message).at(front.span_of("reviewed_for").line))
    }

    /// The release rule: coupled (the default) or blunt (`release_rule = "all"`).
    fn release(&self, history: &History, i: JudgedId, as_of: DateTime<FixedOffset>) -> Option<Finding> {
        let front = &self.pages[i].source.front;
        let latest = history.latest_release()?;
        if self.policy.release == Severity::Off
            || front.evergreen
            || as_of >= latest.date
            || self.policy.now < latest.date + self.policy.grace
        {
            return None;
        }
        match &history.cycle {
            Some(cycle) => coupled_release_finding(history, &cycle[i], as_of, self.policy),
            None => blunt_release_finding(history, front, as_of, self.policy, self.release_repo.as_ref()),
        }
    }

    /// The age rule: `review_every`, else `max_age`.
    fn age(&self, i: JudgedId, as_of: DateTime<FixedOffset>) -> Option<Finding> {
        if self.policy.age == Severity::Off {
            return None;
        }
        let front = &self.pages[i].source.front;
        let period = front.review_every.as_deref().and_then(crate::duration::parse).unwrap_or(self.policy.max_age);
        let age = self.policy.now - as_of;
        (age > period).then(|| {
            let limit = front
                .review_every
                .as_deref()
                .map(|p| format!("`review_every: {p}`"))
                .unwrap_or_else(|| "`max_age`".to_string());
            let message = format!(
                "last updated {} ({} days ago), longer ago than {limit}; check it is still true, then update or review it",
                day(as_of),
                age.num_days(),
            );
            Finding::new(Rule::Age, self.policy.age, message)
        })
    }

    /// The translation rule: the original changed after the translation.
    fn translation(&self, history: &History, i: JudgedId, as_of: DateTime<FixedOffset>) -> Option<Finding> {
        let source = self.pages[i].translation_of?;
        let source = JudgedId::article(source);
        let source_change = history.changes[source].as_ref()?;
        if self.policy.translation == Severity::Off || source_change.time <= as_of {
            return None;
        }
        let message = format!(
            "the original `{}` changed on {}, after this translation ({}); bring the translation up to date",
            self.pages[source].source.rel_path,
            day(source_change.time),
            day(as_of)
        );
        Some(Finding::new(Rule::Translation, self.policy.translation, message))
    }
}

/// The coupled release rule: stale only when a product change of the latest release's cycle,
/// made after the article was last fresh, is coupled to it. An article edited after the previous
/// release was written for this one.
fn coupled_release_finding(
    history: &History,
    evidence: &[Evidence],
    as_of: DateTime<FixedOffset>,
    policy: &Policy,
) -> Option<Finding> {
    let latest = history.latest_release()?;
    let previous = history.releases.len().checked_sub(2).map(|i| &history.releases[i]);
    if previous.is_some_and(|p| as_of > p.date) {
        return None;
    }
    // Topic evidence orders `impact`'s list; it does not flag. Counted here, on the release cycles
    // of bench/drift/ it added 141 flags of which 21 were edited: no more precise than flagging
    // every article.
    let after: Vec<Evidence> = evidence
        .iter()
        .filter(|e| e.time > as_of.timestamp() && e.kind != drift::EvidenceKind::Topic)
        .cloned()
        .collect();
    let (score, evidence) = drift::combine(after);
    if score < drift::release_threshold() {
        return None;
    }
    let best = &evidence[0];
    Some(Finding {
        rule: Rule::Release,
        severity: policy.release,
        message: format!(
            "{} changed `{}` ({}{}) after this article was last updated ({}); check it against {} and update it, or mark it reviewed with `freshdocs review`",
            latest.name,
            best.product_path,
            best.detail,
            best.line.map(|l| format!(", line {l}")).unwrap_or_default(),
            day(as_of),
            latest.name
        ),
        line: best.line,
        evidence,
        score: Some((score * 1000.0).round() / 1000.0),
    })
}

/// The release rule with `release_rule = "all"`: every article older than the release, except
/// those whose `watch` globs saw no change.
fn blunt_release_finding(
    history: &History,
    front: &crate::content::FrontMatter,
    as_of: DateTime<FixedOffset>,
    policy: &Policy,
    release_repo: Option<&git2::Repository>,
) -> Option<Finding> {
    let latest = history.latest_release()?;
    // With `watch`, only a change to a watched path makes the release matter; an unreadable
    // history counts as a change (better a false alarm than silence).
    let watched_change = front.watch.is_empty()
        || release_repo
            .and_then(|repo| watch::changed_between(repo, &front.watch, as_of, &latest.commit))
            .unwrap_or(true);
    watched_change.then(|| {
        let message = format!(
            "last updated {}, before {} was released on {}; check it against {} and update it, or mark it reviewed with `freshdocs review`",
            day(as_of),
            latest.name,
            day(latest.date),
            latest.name
        );
        Finding::new(Rule::Release, policy.release, message)
    })
}

/// `max(last real change, reviewed, date of reviewed_for)`. A `reviewed` day counts to its end:
/// reviewing on the day of a release covers that release.
fn fresh_as_of(
    pages: &Table<JudgedId, JudgedPage<'_>>,
    history: &History,
    i: JudgedId,
) -> Option<DateTime<FixedOffset>> {
    let article = &pages[i];
    let changed = history.changes[i].as_ref()?.time;
    let front = &article.source.front;
    let reviewed = front.reviewed.and_then(end_of_day);
    let reviewed_for =
        front.reviewed_for.as_ref().and_then(|name| history.releases.iter().find(|r| &r.name == name)).map(|r| r.date);
    [Some(changed), reviewed, reviewed_for].into_iter().flatten().max()
}

fn end_of_day(date: NaiveDate) -> Option<DateTime<FixedOffset>> {
    Utc.from_utc_datetime(&date.and_hms_opt(23, 59, 59)?).fixed_offset().into()
}

/// `2026-03-01`.
pub(crate) fn day(time: DateTime<FixedOffset>) -> String {
    time.format("%Y-%m-%d").to_string()
}
