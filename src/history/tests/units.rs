//! Table-driven tests of the small parsers: CODEOWNERS, trailers, tag versions, tree order.

use std::cmp::Ordering;

use crate::history::objects::{Entry, has_skip_trailer, tree_order};
use crate::history::owners::CodeOwners;
use crate::history::releases::parse_version;

const CODEOWNERS: &str = r"
# Everything defaults to the docs team.
*                       @acme/docs
*.rs                    @acme/rust
/content/billing/       @billing-team   # inline comment
content/legal/*         legal@example.com
apps/                   @apps
/content/billing/vat.md @tax @billing-team
/content/billing/old/
docs/with\ space.md     @spacey
**/faq.md               @support
[Docs]
/content/api/           @api
[Billing] @section-default
/content/payments/
[abc].md                @brackets
";

#[test]
fn codeowners_last_matching_rule_wins() {
    let owners = CodeOwners::parse("CODEOWNERS".into(), CODEOWNERS);
    let table: &[(&str, &[&str])] = &[
        ("README.md", &["@acme/docs"]),
        ("src/lib.rs", &["@acme/rust"]),
        ("content/billing/refunds.md", &["@billing-team"]),
        ("content/billing/deep/x.md", &["@billing-team"]),
        ("content/billing/vat.md", &["@tax", "@billing-team"]),
        // A rule with no owners: nobody owns it.
        ("content/billing/old/x.md", &[]),
        // `content/legal/*` matches files directly inside only (GitHub's documented behaviour).
        ("content/legal/terms.md", &["legal@example.com"]),
        ("content/legal/archive/2020.md", &["@acme/docs"]),
        // An unanchored folder matches at any depth.
        ("apps/x.md", &["@apps"]),
        ("web/apps/y.md", &["@apps"]),
        ("docs/with space.md", &["@spacey"]),
        ("content/billing/faq.md", &["@support"]),
        ("content/api/auth.md", &["@api"]),
        // A rule without owners in a GitLab section takes the section's default owners.
        ("content/payments/cards.md", &["@section-default"]),
        // Anchored `/content/billing/` does not match elsewhere.
        ("other/content/billing/x.md", &["@acme/docs"]),
        // `[abc].md` is a rule (a character class), not a section header.
        ("a.md", &["@brackets"]),
    ];
    for (path, expected) in table {
        assert_eq!(owners.owners_of(path), *expected, "owners of {path}");
    }
}

#[test]
fn codeowners_is_found_where_github_looks_first() {
    let dir = tempfile::tempdir().unwrap();
    assert!(crate::history::codeowners(dir.path()).is_none());
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/CODEOWNERS"), "* @from-docs\n").unwrap();
    let found = crate::history::codeowners(dir.path()).unwrap();
    assert_eq!(found.owners_of("x.md"), ["@from-docs"]);
    std::fs::create_dir_all(dir.path().join(".github")).unwrap();
    std::fs::write(dir.path().join(".github/CODEOWNERS"), "* @from-github\n").unwrap();
    let found = crate::history::codeowners(dir.path()).unwrap();
    assert_eq!(found.owners_of("x.md"), ["@from-github"]);
    assert!(found.path.ends_with(".github/CODEOWNERS"));
}

#[test]
fn skip_trailer_is_read_from_the_trailer_block_only() {
    let table = [
        ("Fix typo\n\nFreshness: skip\n", true),
        ("Fix typo\n\nfreshness:   SKIP\nSigned-off-by: A <a@x>\n", true),
        ("Fix typo\n\nSome text.\n\nCo-authored-by: B <b@x>\nFreshness: skip", true),
        ("Fix typo\n\nFreshness: skip\n\nReal body after it.\n", false),
        ("Fix typo\n\nFreshness: review\n", false),
        ("Freshness of docs improved\n\nLong text.\n", false),
        ("", false),
    ];
    for (message, expected) in table {
        assert_eq!(has_skip_trailer(message.as_bytes()), expected, "{message:?}");
    }
}

#[test]
fn tag_versions_parse_leniently() {
    let table: &[(&str, &str, Option<&str>)] = &[
        ("v1.2.3", "v", Some("1.2.3")),
        ("1.2.3", "", Some("1.2.3")),
        ("v1.2.3", "", Some("1.2.3")),
        ("v1.2", "v", Some("1.2.0")),
        ("v2", "v", Some("2.0.0")),
        ("v2.0.0-rc.1", "v", Some("2.0.0-rc.1")),
        ("v2.0-beta", "v", Some("2.0.0-beta")),
        ("release-3.1", "release-", Some("3.1.0")),
        ("docs-v1.0.0+build.5", "docs-v", Some("1.0.0+build.5")),
        ("v2.14.0b1", "v", Some("2.14.0-b.1")),
        ("v2.12.0a1", "v", Some("2.12.0-a.1")),
        ("1.0rc2", "", Some("1.0.0-rc.2")),
        ("3.1.0.dev4", "", Some("3.1.0-dev.4")),
        ("v1.2.post1", "v", Some("1.2.0+post.1")),
        ("v1.2.3x1", "v", None),
        ("vNext", "v", None),
        ("v1..2", "v", None),
        ("spring", "", None),
    ];
    for (name, prefix, expected) in table {
        let parsed = parse_version(name, prefix).map(|v| v.to_string());
        assert_eq!(parsed.as_deref(), *expected, "{name} with prefix {prefix:?}");
    }
}

#[test]
fn tree_order_puts_a_folder_after_its_file_namesakes() {
    const ID: &[u8] = &[0; 20];
    let file = |name: &'static str| Entry { name: name.as_bytes(), mode: 0o100644, oid: ID };
    let dir = |name: &'static str| Entry { name: name.as_bytes(), mode: 0o040000, oid: ID };
    // git sorts `a.md` < `a/` (the folder, as "a/") < `a0`, and `a` (file) < `a.md`.
    assert_eq!(tree_order(&file("a"), &file("a.md")), Ordering::Less);
    assert_eq!(tree_order(&file("a.md"), &dir("a")), Ordering::Less);
    assert_eq!(tree_order(&dir("a"), &file("a0")), Ordering::Less);
    assert_eq!(tree_order(&file("a"), &dir("a")), Ordering::Less);
    assert_eq!(tree_order(&dir("a"), &dir("a")), Ordering::Equal);
}

#[test]
fn query_paths_are_normalised() {
    assert_eq!(crate::history::normalize("./docs//a.md"), "docs/a.md");
    assert_eq!(crate::history::normalize("docs\\win\\b.md"), "docs/win/b.md");
    assert_eq!(crate::history::normalize("/abs.md"), "abs.md");
}

#[test]
fn errors_say_what_to_do() {
    let missing = crate::history::HistoryError::MissingObject { oid: "abc".into(), kind: "tree" };
    assert!(missing.to_string().contains("git fetch --refetch"));
    let bare = crate::history::HistoryError::Bare { path: "/srv/site.git".into() };
    assert_eq!(
        bare.to_string(),
        "`/srv/site.git` is a bare git repository (no work tree); run freshdocs in a checkout instead"
    );
}
