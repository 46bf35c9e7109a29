//! Release tags: annotated and lightweight, version order, pre-releases, tags off HEAD's history,
//! and tags that are not releases.

use super::*;
use crate::history::{HistoryError, Release, releases, releases_with_warnings};
use git2::{Signature, Time};

fn tag_annotated(fx: &Fixture, name: &str, target: Oid, time: i64, offset: i32) {
    let object = fx.repo.find_object(target, None).unwrap();
    let tagger = Signature::new("Release Bot", "bot@example.com", &Time::new(time, offset)).unwrap();
    fx.repo.tag(name, &object, &tagger, "release", false).unwrap();
}

fn tag_light(fx: &Fixture, name: &str, target: Oid) {
    let object = fx.repo.find_object(target, None).unwrap();
    fx.repo.tag_lightweight(name, &object, false).unwrap();
}

fn names(list: &[Release]) -> Vec<&str> {
    list.iter().map(|r| r.name.as_str()).collect()
}

/// main: c1 - c2 - c3; release branch off c1: r1 (v1.1.0, not reachable from HEAD).
fn repository() -> (Fixture, [Oid; 4]) {
    let fx = Fixture::new();
    let c1 = fx.commit("one").put("a.md", "1").at(T0, TEHRAN).make();
    let c2 = fx.commit("two").parents(&[c1]).put("a.md", "2").at(T0 + 10 * HOUR, INDIA).make();
    let c3 = fx.commit("three").parents(&[c2]).put("a.md", "3").at(T0 + 20 * HOUR, CALIFORNIA).make();
    let r1 = fx.commit("backport").parents(&[c1]).put("b.md", "fix").at(T0 + 30 * HOUR, TEHRAN).make();
    fx.checkout(c3);
    (fx, [c1, c2, c3, r1])
}

#[test]
fn annotated_and_lightweight_tags_in_version_order() {
    let (fx, [c1, c2, c3, r1]) = repository();
    tag_light(&fx, "v1.0.0", c1);
    // Tagged a day after its commit: the tag's own date counts.
    tag_annotated(&fx, "v1.10.0", c3, T0 + 44 * HOUR, INDIA);
    tag_annotated(&fx, "v1.2.0", c2, T0 + 11 * HOUR, TEHRAN);
    tag_light(&fx, "v1.1.0", r1);
    tag_light(&fx, "other-tag", c3);
    let list = releases(&fx.open(), "v*", false).unwrap();
    // 1.10 after 1.2: versions, not strings; v1.1.0 is on a branch HEAD does not contain.
    assert_eq!(names(&list), ["v1.0.0", "v1.1.0", "v1.2.0", "v1.10.0"]);
    let v110 = &list[3];
    assert_eq!(v110.commit, c3.to_string());
    assert_eq!(v110.date.timestamp(), T0 + 44 * HOUR);
    assert_eq!(v110.date.offset().local_minus_utc(), INDIA * 60);
    assert_eq!(v110.version, Some(semver::Version::new(1, 10, 0)));
    // Lightweight: the commit's (committer) date and zone.
    let v100 = &list[0];
    assert_eq!(v100.date.timestamp(), T0);
    assert_eq!(v100.date.offset().local_minus_utc(), TEHRAN * 60);
}

#[test]
fn prereleases_are_skipped_unless_asked_and_lose_to_their_final() {
    let (fx, [c1, c2, c3, _]) = repository();
    tag_light(&fx, "v1.0.0", c1);
    tag_light(&fx, "v2.0.0-rc.1", c2);
    tag_light(&fx, "v2.0.0-rc.2", c3);
    tag_annotated(&fx, "v2.0.0", c3, T0 + 21 * HOUR, TEHRAN);
    tag_light(&fx, "v2.1.0-beta", c3);
    let repo = fx.open();
    assert_eq!(names(&releases(&repo, "v*", false).unwrap()), ["v1.0.0", "v2.0.0"]);
    // rc.2 tags the same commit as the final: the final wins. beta is kept: 2.1.0 has no final.
    assert_eq!(names(&releases(&repo, "v*", true).unwrap()), ["v1.0.0", "v2.0.0-rc.1", "v2.0.0", "v2.1.0-beta"]);
}

#[test]
fn tags_that_are_not_versions_are_ordered_by_date() {
    let (fx, [c1, c2, c3, _]) = repository();
    tag_light(&fx, "release-spring", c2);
    tag_light(&fx, "release-autumn", c3);
    tag_light(&fx, "release-2023", c1);
    let list = releases(&fx.open(), "release-*", false).unwrap();
    assert_eq!(names(&list), ["release-2023", "release-spring", "release-autumn"]);
    // `release-2023` reads as version 2023.0.0, but the others do not: date order it is.
    assert!(list[1].version.is_none());
}

#[test]
fn short_versions_and_prefixes_parse() {
    let (fx, [c1, c2, c3, _]) = repository();
    tag_light(&fx, "docs-v2", c1);
    tag_light(&fx, "docs-v10.1", c2);
    tag_light(&fx, "docs-v3.0.1", c3);
    let list = releases(&fx.open(), "docs-v*", false).unwrap();
    assert_eq!(names(&list), ["docs-v2", "docs-v3.0.1", "docs-v10.1"]);
}

#[test]
fn a_tag_pointing_to_a_tree_is_skipped_with_a_warning() {
    let (fx, [c1, _, c3, _]) = repository();
    let tree = fx.repo.find_commit(c3).unwrap().tree_id();
    tag_light(&fx, "v9.9.9", tree);
    tag_annotated(&fx, "v8.0.0", tree, T0, TEHRAN);
    tag_light(&fx, "v1.0.0", c1);
    let found = releases_with_warnings(&fx.open(), "v*", false).unwrap();
    assert_eq!(names(&found.releases), ["v1.0.0"]);
    assert_eq!(found.warnings.len(), 2, "{:?}", found.warnings);
    assert!(found.warnings.iter().all(|w| w.contains("tree or a blob")));
}

#[test]
fn a_tag_of_a_tag_takes_the_outer_date() {
    let (fx, [c1, ..]) = repository();
    tag_annotated(&fx, "inner", c1, T0 + HOUR, TEHRAN);
    let inner = fx.repo.refname_to_id("refs/tags/inner").unwrap();
    tag_annotated(&fx, "v1.0.0", inner, T0 + 5 * HOUR, INDIA);
    let list = releases(&fx.open(), "v*", false).unwrap();
    assert_eq!(list[0].commit, c1.to_string());
    assert_eq!(list[0].date.timestamp(), T0 + 5 * HOUR);
}

#[test]
fn a_bad_glob_is_a_clear_error() {
    let (fx, _) = repository();
    let error = releases(&fx.open(), "v[", false).unwrap_err();
    assert!(matches!(error, HistoryError::TagGlob { .. }));
    assert!(error.to_string().contains("`v[`"), "{error}");
}

#[test]
fn no_tags_no_releases() {
    let (fx, _) = repository();
    assert!(releases(&fx.open(), "v*", true).unwrap().is_empty());
}
