//! The sample help center in `content/` builds from the README's command with every article
//! published and no broken link.

use crate::common::{TestSite, manifest_dir};

#[test]
fn sample_help_center_builds_without_warnings() {
    let out = TestSite::new();
    let out_dir = out.path().join("site");
    let run = out.run(&["build", "--root", manifest_dir().to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    run.success().stderr_has(" · 0 warnings");

    let articles = walkdir::WalkDir::new(manifest_dir().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "_index.md")
        .count();
    assert!(articles >= 15, "the sample help center has {articles} articles");
    run.stderr_has(&format!("Built {articles} articles in 6 languages"));

    for page in [
        "index.html",
        "fa/index.html",
        "hi/index.html",
        "ja/index.html",
        "zh/index.html",
        "th/index.html",
        "a-z/index.html",
        "404.html",
        "sitemap.xml",
    ] {
        assert!(out_dir.join(page).is_file(), "missing {page}\n{run}");
    }
}
