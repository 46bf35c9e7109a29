//! Search end to end: the build writes a static index per language; `freshdocs search` answers
//! from the tantivy index, with the analyzers of each script.

use crate::common::{PASSWORD_MD, REFUNDS_MD, TestSite};
use indoc::indoc;
use serde_json::Value;

fn site() -> TestSite {
    TestSite::new()
        .file(
            "freshdocs.toml",
            "title = \"Acme\"\n[languages.fa]\nname = \"فارسی\"\n[languages.hi]\nname = \"हिन्दी\"\n",
        )
        .file("content/billing/refunds.md", REFUNDS_MD)
        .file("content/account/password.md", PASSWORD_MD)
        .file(
            "content/fa/billing/refunds.md",
            "---\ntitle: بازپرداخت\n---\nاین کتاب را بخوانید. پول شما برگردانده می‌شود.\n",
        )
        .file(
            "content/hi/billing/refunds.md",
            indoc! {"
                ---
                title: रिफ़ंड
                ---
                ग्राहक सेवा से फ़ाइल भेजें।
            "},
        )
}

/// What `freshdocs search ARGS --format json` prints on `site`, as it prints it (the preview's
/// search API must print the same).
pub fn json_stdout(site: &TestSite, args: &[&str]) -> String {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = site.run(&all);
    run.success();
    run.stdout.clone()
}

fn search(site: &TestSite, args: &[&str]) -> Value {
    let stdout = json_stdout(site, args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}"))
}

/// The stamp file of `site`'s English index, which outside a repository is in the cache folder.
fn english_index_stamp(site: &TestSite) -> std::path::PathBuf {
    walkdir::WalkDir::new(site.cache_path())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.ends_with("en/freshdocs-stamp"))
        .expect("an index stamp in the cache folder")
}

fn urls(report: &Value) -> Vec<String> {
    report["results"].as_array().unwrap().iter().map(|r| r["url"].as_str().unwrap().to_string()).collect()
}

#[test]
fn build_exports_a_static_index_per_language_and_pages_load_the_client() {
    let site = site();
    site.run(&["build"]).success();
    let files = site.output_files("public");
    for lang in ["en", "fa", "hi"] {
        assert!(files.iter().any(|f| f == &format!("search/{lang}/meta.fdz")), "{files:?}");
    }
    let page = site.read("public/billing/refunds/index.html");
    assert!(page.contains("<script src=\"/search.js\" defer></script>"));
    assert!(page.contains("data-search-index=\"/search/en/\""));
    assert!(site.read("public/fa/billing/refunds/index.html").contains("data-search-index=\"/search/fa/\""));
    assert!(!site.exists("public/.freshdocs"), "the tantivy index stays out of the site");
}

#[test]
fn english_queries_are_stemmed_and_ranked_by_title_first() {
    let site = site();
    let report = search(&site, &["refunds"]);
    assert_eq!(report["query"], "refunds");
    assert_eq!(urls(&report)[0], "/billing/refunds/");
    let report = search(&site, &["cancel order"]);
    assert_eq!(urls(&report)[0], "/billing/refunds/", "headings are indexed");
    let first = &report["results"][0];
    assert!(first["snippet"].as_str().unwrap().contains("<mark>"), "{first}");
    assert!(first["path"] == "billing/refunds.md" && first["title"] == "Get a refund");
}

#[test]
fn persian_and_hindi_variants_match() {
    let site = site();
    // Arabic kaf and yeh, as typed on an Arabic keyboard.
    assert_eq!(urls(&search(&site, &["كتاب", "--lang", "fa"])), ["/fa/billing/refunds/"]);
    // Without the ZWNJ.
    assert_eq!(urls(&search(&site, &["میشود", "--lang", "fa"])), ["/fa/billing/refunds/"]);
    // Without the nukta, and the conjunct kept whole.
    assert_eq!(urls(&search(&site, &["फाइल", "--lang", "hi"])), ["/hi/billing/refunds/"]);
    assert_eq!(urls(&search(&site, &["ग्राहक", "--lang", "hi"])), ["/hi/billing/refunds/"]);
}

#[test]
fn typos_and_prefixes_as_the_customer_types() {
    let site = site();
    assert_eq!(urls(&search(&site, &["pasword"]))[0], "/account/password/");
    assert_eq!(urls(&search(&site, &["pass"]))[0], "/account/password/");
}

#[test]
fn text_output_and_unknown_language() {
    let site = site();
    let run = site.run(&["search", "refund"]);
    run.success();
    assert!(run.stdout.starts_with(" 1. Get a refund  /billing/refunds/\n"), "{run}");
    site.run(&["search", "x", "--lang", "de"]).code(2).stderr_has("the site has no language `de`");
}

#[test]
fn the_index_is_rewritten_only_when_the_text_changed() {
    let site = site();
    search(&site, &["refund"]);
    // Outside a repository the index is in the user's cache folder, never in the site's.
    assert!(!site.exists(".freshdocs"), "{}", site.listing());
    let stamp = english_index_stamp(&site);
    let first = std::fs::metadata(&stamp).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    search(&site, &["refund"]);
    assert_eq!(std::fs::metadata(&stamp).unwrap().modified().unwrap(), first, "unchanged text reuses the index");
    site.write(
        "content/account/password.md",
        indoc! {"
            ---
            title: Reset your password
            ---
            A new word: zanzibar.
        "},
    );
    assert_eq!(urls(&search(&site, &["zanzibar"])), ["/account/password/"]);
}

/// An index that an older freshdocs wrote with other fields is the cache's own: it is written
/// anew, not reported for the writer to delete.
#[test]
fn an_index_written_by_an_older_freshdocs_is_written_anew() {
    let site = site();
    search(&site, &["refund"]);
    let dir = english_index_stamp(&site).parent().unwrap().to_path_buf();
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("title", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&dir, schema.build()).unwrap();
    assert_eq!(urls(&search(&site, &["refund"])), ["/billing/refunds/"]);
}

/// The whole JSON a script reads (keys sorted, scores widened to `f64`), pinned: the preview's
/// search API prints the same, so neither may drift.
#[test]
fn json_output_is_what_scripts_read() {
    let site = site();
    let run = site.run(&["search", "reset", "--format", "json"]);
    run.success();
    assert_eq!(
        run.stdout,
        r#"{
  "query": "reset",
  "results": [
    {
      "path": "account/password.md",
      "score": 2.8562119007110596,
      "snippet": "Use the <mark>reset</mark> link we email you",
      "title": "Reset your password",
      "url": "/account/password/"
    }
  ]
}
"#,
        "{run}"
    );
}

#[test]
fn a_section_page_with_text_is_found_and_is_not_listed_as_a_related_article() {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n")
        .file("content/_index.md", "# Welcome\n\nInvoices, receipts and invoice disputes.\n")
        .file(
            "content/billing/_index.md",
            "---\ntitle: Billing\n---\nStart here: how invoices, receipts and invoice disputes work.\n",
        )
        .file("content/billing/invoices.md", "# Invoices\n\nDownload an invoice or a receipt.\n")
        .file("content/billing/disputes.md", "# Disputes\n\nDispute an invoice or a receipt.\n")
        .file("content/account/_index.md", "---\ntitle: Account\n---\n")
        .file("content/account/password.md", "# Password\n\nChange your password.\n")
        .file("content/account/email.md", "# Email\n\nChange your email address.\n")
        .file("content/account/profile.md", "# Profile\n\nEdit your name and photo.\n")
        .file("content/account/close.md", "# Close your account\n\nWe keep nothing.\n");
    let report = search(&site, &["start here"]);
    assert_eq!(urls(&report), ["/billing/"], "{report:#}");
    assert_eq!(report["results"][0]["path"], "billing/_index.md");
    assert_eq!(report["results"][0]["title"], "Billing");
    // The home page, where the search box is, is never a result.
    assert!(!urls(&search(&site, &["invoice"])).contains(&"/".to_string()));
    assert!(urls(&search(&site, &["invoice"])).contains(&"/billing/".to_string()));

    site.run(&["build"]).success();
    let page = site.read("public/billing/invoices/index.html");
    let related = &page[page.find("class=\"related\"").expect("a related list")..];
    let related = &related[..related.find("</section>").unwrap()];
    assert!(related.contains("href=\"/billing/disputes/\""), "{related}");
    assert!(!related.contains("href=\"/billing/\""), "{related}");
}
