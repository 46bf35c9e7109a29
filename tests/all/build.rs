//! `freshdocs build` end to end: real folders, the real binary, the files it writes.

use crate::common::{Git, Run, TestSite, png};
use indoc::indoc;

const CONFIG: &str = r#"
title = "Acme Help"
base_url = "https://help.acme.example/"
language = "en"

[languages.fa]
name = "فارسی"

[languages.hi]
name = "हिन्दी"

[contact]
email = "support@acme.example"
phone = "+1 555 0100"
hours = "Mon–Fri 9–17"
"#;

fn site() -> TestSite {
    TestSite::new()
        .file("freshdocs.toml", CONFIG)
        .file(
            "content/_index.md",
            indoc! {"
                ---
                title: Acme Help
                description: Answers.
                ---
            "},
        )
        .file(
            "content/billing/_index.md",
            indoc! {"
                ---
                title: Billing
                description: Money matters.
                order: 1
                ---
            "},
        )
        .file(
            "content/billing/refunds.md",
            indoc! {"
                ---
                title: Get a refund
                order: 2
                tags: [money]
                aliases: [/old/refunds/]
                ---

                Intro.

                ## How to ask

                See [cards](cards.md#add-a-card) and the [invoice](invoice.pdf).

                > [!WARNING]
                > Refunds take 5 days.
            "},
        )
        .file(
            "content/billing/cards.md",
            indoc! {"
            ---
            title: Manage cards
            order: 1
            ---
            ## Add a card

            Back to [refunds](refunds.md).
        "},
        )
        .file("content/billing/invoice.pdf", "%PDF-1.4 fake")
        .file(
            "content/fa/billing/refunds.md",
            indoc! {"
            ---
            title: دریافت بازپرداخت
            ---
            ## چطور درخواست کنیم

            متن.
        "},
        )
        .file(
            "content/billing/cards.hi.md",
            indoc! {"
            ---
            title: कार्ड प्रबंधित करें
            ---
            ## ग्राहक सेवा

            पाठ।
        "},
        )
}

#[test]
fn builds_pages_for_every_article_section_and_language() {
    let site = site();
    site.run(&["build"]).success();
    let files = site.output_files("public");
    for expected in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "style.css",
        "a-z/index.html",
        "billing/index.html",
        "billing/refunds/index.html",
        "billing/cards/index.html",
        "billing/invoice.pdf",
        "fa/index.html",
        "fa/billing/refunds/index.html",
        "hi/billing/cards/index.html",
        "old/refunds/index.html",
    ] {
        assert!(files.iter().any(|f| f == expected), "missing {expected}; wrote:\n{}", files.join("\n"));
    }
}

#[test]
fn the_content_folders_own_robots_txt_replaces_the_generated_one() {
    let site = site();
    site.run(&["build"]).success();
    assert!(site.read("public/robots.txt").contains("Disallow: /_freshness/"));
    site.write("content/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    site.run(&["build"]).success();
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\nDisallow: /drafts/\n");
}

#[test]
fn every_page_declares_language_and_direction() {
    let site = site();
    site.run(&["build"]).success();
    let en = site.read("public/billing/refunds/index.html");
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\""), "{en}");
    let fa = site.read("public/fa/billing/refunds/index.html");
    assert!(fa.contains("<html lang=\"fa\" dir=\"rtl\""));
    let hi = site.read("public/hi/billing/cards/index.html");
    assert!(hi.contains("<html lang=\"hi\" dir=\"ltr\""));
    for page in ["public/index.html", "public/fa/index.html", "public/404.html", "public/a-z/index.html"] {
        assert!(site.read(page).contains(" dir=\""), "{page} has no dir");
    }
}

#[test]
fn article_page_has_breadcrumbs_toc_contact_and_rewritten_links() {
    let site = site();
    site.run(&["build"]).success();
    let html = site.read("public/billing/refunds/index.html");
    // Links to .md files become page URLs, with the anchor kept; files keep their place.
    assert!(html.contains("href=\"/billing/cards/#add-a-card\""), "{html}");
    assert!(html.contains("href=\"/billing/invoice.pdf\""), "{html}");
    // Breadcrumbs lead home and to the section.
    assert!(html.contains("href=\"/billing/\""));
    // Callout.
    assert!(html.contains("callout callout-warning"));
    // Heading id and TOC entry.
    assert!(html.contains("id=\"how-to-ask\""));
    // Contact block from [contact].
    assert!(html.contains("mailto:support@acme.example"), "{html}");
    assert!(html.contains("tel:"), "phone link missing");
    // prev/next in section order: cards (order 1) comes before refunds (order 2).
    assert!(html.contains("rel=\"prev\""));
    assert!(
        html.contains("/billing/cards/\" rel=\"prev\"") || html.contains("rel=\"prev\" href=\"/billing/cards/\""),
        "{html}"
    );
}

#[test]
fn translations_are_linked_both_ways() {
    let site = site();
    site.run(&["build"]).success();
    let en = site.read("public/billing/refunds/index.html");
    assert!(en.contains("/fa/billing/refunds/"), "English page does not link its Persian translation");
    let fa = site.read("public/fa/billing/refunds/index.html");
    assert!(fa.contains("href=\"/billing/refunds/\""), "Persian page does not link the English original");
    let en_cards = site.read("public/billing/cards/index.html");
    assert!(en_cards.contains("/hi/billing/cards/"), "name.hi.md is not linked as a translation");
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("hreflang=\"fa\" href=\"https://help.acme.example/fa/billing/refunds/\""), "{sitemap}");
    assert!(sitemap.contains("hreflang=\"x-default\""));
}

#[test]
fn persian_and_hindi_headings_get_readable_ids() {
    let site = site();
    site.run(&["build"]).success();
    let fa = site.read("public/fa/billing/refunds/index.html");
    assert!(fa.contains("id=\"چطور-درخواست-کنیم\""), "{fa}");
    let hi = site.read("public/hi/billing/cards/index.html");
    assert!(hi.contains("id=\"ग्राहक-सेवा\""), "{hi}");
}

#[test]
fn aliases_redirect_to_the_article() {
    let site = site();
    site.run(&["build"]).success();
    let redirect = site.read("public/old/refunds/index.html");
    assert!(redirect.contains("/billing/refunds/"), "{redirect}");
    assert!(redirect.contains("http-equiv=\"refresh\""), "{redirect}");
}

#[test]
fn drafts_hidden_files_and_node_modules_are_not_published() {
    let site = site()
        .file(
            "content/billing/secret.md",
            indoc! {"
                ---
                title: Secret
                draft: true
                ---
                hidden"},
        )
        .file("content/.hidden.md", "# Hidden")
        .file("content/.git-like/x.md", "# X")
        .file("content/node_modules/pkg/README.md", "# Package");
    site.run(&["build"]).success();
    let files = site.output_files("public");
    assert!(
        !files
            .iter()
            .any(|f| f.contains("secret") || f.contains("hidden") || f.contains("node_modules") || f.contains("pkg")),
        "{files:?}"
    );
}

#[test]
fn odd_file_names_get_valid_unique_urls() {
    let site = TestSite::new()
        .file("Q&A [beta] (draft)+notes.md", "# Q and A")
        .file("راهنمای شروع.md", "# شروع")
        .file("ग्राहक सेवा.md", "# सेवा")
        .file("C++ tips.md", "# C++")
        // tldr-pages has these: a plus and punctuation alone must not collide.
        .file("clang.md", "# clang")
        .file("clang++.md", "# clang++")
        .file("!.md", "# !")
        .file("$.md", "# $");
    site.run(&["build"]).success();
    let files = site.output_files("public");
    for expected in [
        "q-a-beta-draft-plus-notes/index.html",
        "راهنمای-شروع/index.html",
        "ग्राहक-सेवा/index.html",
        "c-plus-plus-tips/index.html",
        "clang/index.html",
        "clang-plus-plus/index.html",
        "u21/index.html",
        "u24/index.html",
    ] {
        assert!(files.iter().any(|f| f == expected), "missing {expected}: {files:?}");
    }
}

#[test]
fn zero_config_builds_a_bare_folder_of_markdown() {
    // Hugo-style TOML front matter, Jekyll-style YAML with unknown keys, and none at all.
    let site = TestSite::new()
        .file("docs/_index.md", "+++\ntitle = \"Docs\"\n+++\n")
        .file(
            "docs/guide/install.md",
            indoc! {"
                +++
                title = \"Install\"
                weight = 2
                date = 2024-01-02T10:00:00Z
                [params]
                icon = \"x\"
                +++
                Steps.
            "},
        )
        .file(
            "docs/guide/usage.md",
            indoc! {"
                ---
                layout: page
                permalink: /usage/
                nav_order: 1
                ---
                # Usage

                See [install](install.md).
            "},
        )
        .file("docs/faq.md", "\u{feff}# FAQ\r\n\r\nWindows line endings and a BOM.\r\n");
    site.run(&["build", "--root", "docs", "--out", "site"]).success();
    let files = site.output_files("site");
    for expected in ["guide/install/index.html", "guide/usage/index.html", "faq/index.html", "index.html"] {
        assert!(files.iter().any(|f| f == expected), "missing {expected}: {files:?}");
    }
    let faq = site.read("site/faq/index.html");
    assert!(faq.contains("<title>FAQ"), "title from the first heading: {faq}");
    // nav_order puts Usage before Install in the section.
    let section = site.read("site/guide/index.html");
    let usage = section.find("/guide/usage/").unwrap();
    let install = section.find("/guide/install/").unwrap();
    assert!(usage < install, "nav_order/weight ignored");
}

#[test]
fn unknown_front_matter_keys_reach_templates_as_extra() {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"X\"\n")
        .file("content/a.md", indoc! {"
                ---
                title: A
                hero_color: teal
                ---
                Body"})
        .file(
            "templates/article.html",
            "{% extends \"base.html\" %}{% block main %}<p id=\"extra\">{{ article.extra.hero_color }}</p>{% endblock main %}",
        );
    site.run(&["build"]).success();
    assert!(site.read("public/a/index.html").contains("<p id=\"extra\">teal</p>"));
}

#[test]
fn broken_links_and_anchors_are_listed_together_as_warnings() {
    let site = TestSite::new()
        .file(
            "a.md",
            indoc! {"
            # A

            [gone](gone.md)

            [bad anchor](b.md#nope)

            [ok](b.md#real)

            ![img](missing.png)
        "},
        )
        .file("b.md", "# B\n\n## Real\n");
    let run = site.run(&["build"]);
    run.success();
    run.stderr_has("a.md:3: broken link `gone.md`")
        .stderr_has("a.md:5: broken link `b.md#nope`")
        .stderr_has("a.md:9: broken link `missing.png`")
        .stderr_has("3 warnings");
    assert!(!run.stderr.contains("b.md#real"), "{run}");
}

/// MDX comments and imports, as Docusaurus and react.dev write them in `.md` files, are not shown
/// to readers, and a comment that ends a heading is its id (react.dev's translations keep the
/// English ids), while code keeps its comments. Lines after them keep their numbers.
#[test]
fn mdx_comments_and_imports_are_hidden_and_a_heading_comment_is_its_id() {
    let site = TestSite::new()
        .file(
            "editor.md",
            indoc! {"
            # 에디터 설정

            import Tabs from '@theme/Tabs';
            {/* TODO: translate
            the rest */}

            ## 추천 에디터 {/*your-editor*/}

            Text {/* unseen-words */} here.

            ```jsx
            <div>{/* shown */}</div>
            ```

            [missing](gone.md)
        "},
        )
        .file("setup.md", "# Setup\n\nSee [the editor](editor.md#your-editor).\n");
    let run = site.run(&["build"]);
    run.success();
    run.stderr_has("editor.md:15: broken link `gone.md`").stderr_has("1 warning");
    let page = site.read("public/editor/index.html");
    assert!(page.contains("<h2 id=\"your-editor\""), "{page}");
    assert!(!page.contains("TODO") && !page.contains("unseen-words") && page.contains("Text here."), "{page}");
    assert!(!page.contains("@theme/Tabs"), "{page}");
    assert!(page.contains("{/* shown */}"), "{page}");
}

/// In a repository, `/docs/setup.md` is read from the repository's root (as GitHub does), and
/// `/docs/setup` is Docusaurus's address of that page: both mean the article of the content folder
/// `docs/`. A path of the repository outside it stays a broken link.
#[test]
fn rooted_links_through_the_content_folders_place_in_the_repository_find_the_page() {
    let site = TestSite::new()
        .file("freshdocs.toml", "content = \"docs\"\n")
        .file("docs/setup.md", "# Setup\n\n## Install\n")
        .file(
            "docs/guide.md",
            "# Guide\n\nSee [setup](/docs/setup.md), [install](/docs/setup#install) and [code](/src/main.rs).\n",
        );
    let outside = site.run(&["build"]);
    outside.stderr_has("broken link `/docs/setup.md`");
    site.git();
    let run = site.run(&["build"]);
    run.success();
    run.stderr_has("broken link `/src/main.rs`").stderr_has("1 warning");
    let page = site.read("public/guide/index.html");
    assert!(page.contains("href=\"/setup/\"") && page.contains("href=\"/setup/#install\""), "{page}");
}

#[test]
fn empty_articles_build_with_a_warning_but_empty_section_indexes_do_not_warn() {
    let site = TestSite::new()
        .file("empty.md", "")
        .file("only-front-matter.md", "---\ntitle: Only front matter\n---\n")
        .file("guide/_index.md", "---\ntitle: Guide\n---\n")
        .file("guide/x.md", "# X\n\ntext");
    let run = site.run(&["build"]);
    run.success()
        .stderr_has("empty.md: the article has no text yet")
        .stderr_has("only-front-matter.md: the article has no text yet");
    assert!(!run.stderr.contains("_index.md"), "{run}");
    assert!(site.exists("public/empty/index.html") && site.exists("public/only-front-matter/index.html"));
}

#[cfg(unix)]
#[test]
fn symlinks_outside_the_content_folder_are_skipped_with_a_warning() {
    let site = TestSite::new().file("outside/secret.md", "# Secret\n\npassword").file("content/a.md", "# A");
    std::os::unix::fs::symlink(site.path().join("outside/secret.md"), site.path().join("content/leak.md")).unwrap();
    std::os::unix::fs::symlink(site.path().join("outside"), site.path().join("content/linked-dir")).unwrap();
    std::os::unix::fs::symlink(site.path().join("content/a.md"), site.path().join("content/inside-link.md")).unwrap();
    let run = site.run(&["build", "--root", "content", "--out", "public"]);
    run.success()
        .stderr_has("leak.md: is a link to a file outside the content folder")
        .stderr_has("linked-dir: is a link to a folder");
    let files = site.output_files("public");
    assert!(!files.iter().any(|f| f.contains("leak") || f.contains("secret") || f.contains("linked-dir")), "{files:?}");
    assert!(files.iter().any(|f| f == "inside-link/index.html"), "a link inside the folder is followed: {files:?}");
}

#[test]
fn a_site_overrides_theme_assets() {
    let site = TestSite::new()
        .file("freshdocs.toml", "")
        .file("content/a.md", "# A")
        .file("static/style.css", "body { color: hotpink }");
    site.run(&["build"]).success();
    assert_eq!(site.read("public/style.css"), "body { color: hotpink }");
}

#[test]
fn a_named_theme_overrides_templates() {
    let site = TestSite::new().file("freshdocs.toml", "theme = \"brand\"\n").file("content/a.md", "# A").file(
        "themes/brand/templates/404.html",
        "<!doctype html><html lang=\"{{ lang }}\" dir=\"{{ dir }}\"><p>brand 404</p></html>",
    );
    site.run(&["build"]).success();
    assert!(site.read("public/404.html").contains("brand 404"));
    // Templates it does not override come from the default theme.
    assert!(site.read("public/a/index.html").contains("<h1"));
}

#[test]
fn base_url_path_prefixes_every_url() {
    let site = TestSite::new()
        .file("freshdocs.toml", "base_url = \"https://example.com/docs/\"\n")
        .file("content/guide/a.md", "# A\n\n[b](b.md)")
        .file("content/guide/b.md", "# B");
    site.run(&["build"]).success();
    let html = site.read("public/guide/a/index.html");
    assert!(html.contains("href=\"/docs/guide/b/\""), "{html}");
    assert!(html.contains("href=\"/docs/style.css\""), "{html}");
    assert!(site.read("public/sitemap.xml").contains("<loc>https://example.com/docs/guide/a/</loc>"));
}

#[test]
fn front_matter_and_config_text_is_escaped() {
    let site = TestSite::new().file("freshdocs.toml", "title = \"<script>alert(1)</script>\"\n").file(
        "content/a.md",
        "---\ntitle: \"<img src=x onerror=alert(1)>\"\ndescription: \"\\\"><script>x</script>\"\n---\nBody",
    );
    site.run(&["build"]).success();
    let html = site.read("public/a/index.html");
    assert!(!html.contains("<script>alert(1)</script>") && !html.contains("<img src=x"), "{html}");
    assert!(!html.contains("\"><script>x"), "{html}");
}

#[test]
fn zero_config_understands_other_tools_links_and_front_matter() {
    let site = TestSite::new()
        // Zola: `@/` links from the content root.
        .file(
            "docs/zola.md",
            indoc! {"
                +++
                title = \"Zola\"
                +++
                See [Docusaurus](@/guide/Configuration.md).
            "},
        )
        // Docusaurus: extension-less sibling links, absolute slugs, tag objects.
        .file(
            "docs/guide/Configuration.md",
            indoc! {"
            ---
            slug: /config/options
            tags: [{label: setup, permalink: /tags/setup}]
            ---
            # Configuration

            ## Bail
        "},
        )
        .file(
            "docs/guide/Other.md",
            "---\ntitle: Other\n---\n[a](Configuration) and [b](configuration#bail) and [c](watch-plugins).\n",
        )
        .file(
            "docs/guide/WatchPlugins.md",
            indoc! {"
                ---
                id: watch-plugins
                ---
                # Watch plugins
            "},
        )
        // mdBook: links to the built `.html` pages and `index.html`.
        .file("docs/book/README.md", "# Book\n\n[chapter](ch01.html) and [home](index.html)\n")
        .file(
            "docs/book/ch01.md",
            indoc! {"
            # Chapter 1

            <a id=\"legacy-anchor\"></a>

            Text.

            [self](#legacy-anchor)
        "},
        )
        // Jekyll: a permalink other pages link to; a key one typo from a freshdocs key.
        .file(
            "docs/usage.md",
            indoc! {"
            ---
            title: Usage
            permalink: /docs/how-to-use/
            alias: true
            reviewd: 2026-01-01
            ---
            Body
        "},
        )
        .file("docs/links-to-permalink.md", "# Links\n\n[usage](/docs/how-to-use/)\n");
    let run = site.run(&["build", "--root", "docs", "--out", "site"]);
    run.success();
    assert!(!run.stderr.contains("broken link"), "{run}");
    // Without freshdocs.toml a typo-like key may be another tool's: a warning, not an error.
    run.stderr_has("front matter key `reviewd` is not a freshdocs key; if you meant `reviewed`");
    assert!(!run.stderr.contains("`alias`"), "Hugo's `alias` is not a typo of `aliases`: {run}");
    assert!(site.exists("site/config/options/index.html"), "absolute slug: {:?}", site.output_files("site"));
    let other = site.read("site/guide/other/index.html");
    assert!(other.contains("href=\"/config/options/\"") && other.contains("href=\"/config/options/#bail\""), "{other}");
    assert!(other.contains("href=\"/guide/watchplugins/\""), "a Docusaurus id names the page: {other}");
    assert!(site.read("site/zola/index.html").contains("href=\"/config/options/\""));
    let book = site.read("site/book/index.html");
    assert!(book.contains("href=\"/book/ch01/\"") && book.contains("href=\"/book/\""), "{book}");
    assert!(site.read("site/links-to-permalink/index.html").contains("href=\"/usage/\""));
    assert!(site.read("site/docs/how-to-use/index.html").contains("/usage/"), "the permalink redirects");
}

/// `[versions]`: old releases built from their tags into `/<version>/`, with the switcher, the
/// banner, canonical links and `noindex`, and a tag that cannot be built reported, not fatal.
#[test]
fn versions_are_built_from_the_release_tags() {
    let config = |title: &str, extra: &str| {
        format!("title = \"{title}\"\nbase_url = \"https://help.acme.example/\"\n{extra}\n[versions]\nkeep = 4\n")
    };
    let site = TestSite::new()
        .file("content/_index.md", "---\ntitle: Help\n---\n")
        .file(
            "content/refunds.md",
            indoc! {"
                ---
                title: Refunds
                ---
                Ask within 30 days.
            "},
        )
        .file(
            "content/old-only.md",
            indoc! {"
                ---
                title: Fax us
                ---
                Send a fax.
            "},
        )
        .file(
            "content/broken.md",
            indoc! {"
                ---
                title: [unclosed
                ---
                Body.
            "},
        );
    let git = site.git();
    // v0.9: an article whose front matter does not parse; no freshdocs.toml yet.
    let v09 = git.commit_all("Docs 0.9", "2025-01-01T10:00:00Z");
    git.tag("v0.9.0", v09);
    std::fs::remove_file(site.path().join("content/broken.md")).unwrap();
    let v10 = git.commit_all("Docs 1.0", "2025-02-01T10:00:00Z");
    git.tag("v1.0.0", v10);
    // v1.1: refunds renamed (with its old address kept), fax gone, a new article, Persian.
    std::fs::remove_file(site.path().join("content/refunds.md")).unwrap();
    std::fs::remove_file(site.path().join("content/old-only.md")).unwrap();
    site.write(
        "content/money-back.md",
        indoc! {"
            ---
            title: Money back
            aliases: [/refunds/]
            ---
            Ask within 60 days.
        "},
    );
    site.write(
        "content/new-in-1-1.md",
        indoc! {"
            ---
            title: Exports
            ---
            Export your data.
        "},
    );
    site.write(
        "content/fa/money-back.md",
        indoc! {"
            ---
            title: بازپرداخت
            ---
            تا ۶۰ روز درخواست دهید.
        "},
    );
    site.write("freshdocs.toml", config("Acme Help 1.1", "[languages.fa]\nname = \"فارسی\"\n"));
    let v110 = git.commit_all("Docs 1.1", "2025-03-01T10:00:00Z");
    git.tag("v1.1.0", v110);
    site.write(
        "content/money-back.md",
        indoc! {"
            ---
            title: Money back
            aliases: [/refunds/]
            ---
            Ask within 90 days.
        "},
    );
    let v111 = git.commit_all("Docs 1.1.1", "2025-03-15T10:00:00Z");
    git.tag("v1.1.1", v111);
    site.write("freshdocs.toml", config("Acme Help", "[languages.fa]\nname = \"فارسی\"\n"));
    let v12 = git.commit_all("Docs 1.2", "2025-04-01T10:00:00Z");
    git.tag("v1.2.0", v12);

    let run = site.run(&["build", "--now", "2025-04-02"]);
    run.success();
    run.stderr_has("version v0.9 (tag v0.9.0) was not built").stderr_has("broken.md");
    run.stderr_has("and 2 older versions: v1.1, v1.0");
    // A second build reads nothing again from git: each version's folder is kept by commit.
    site.run(&["build", "--now", "2025-04-02"]).success().stderr_has("and 2 older versions: v1.1, v1.0");
    // --strict: the version that cannot be built fails the build, and the site stays as it was.
    let before = site.listing();
    let strict = site.run(&["build", "--now", "2025-04-02", "--strict"]);
    strict
        .code(2)
        .stderr_has("version v0.9 (tag v0.9.0) was not built")
        .stderr_has("broken.md")
        .stderr_has("without --strict");
    assert_eq!(site.listing(), before, "a failed build leaves the previous site as it was");
    // The current docs are v1.2 at the root; v1.1 is built at its newest patch, v1.0 as it was.
    assert!(site.read("public/money-back/index.html").contains("Ask within 90 days."));
    assert!(site.read("public/v1.1/money-back/index.html").contains("Ask within 90 days."));
    assert!(site.read("public/v1.1/fa/money-back/index.html").contains("۶۰"));
    assert!(site.read("public/v1.0/refunds/index.html").contains("Ask within 30 days."));
    assert!(site.exists("public/v1.0/old-only/index.html"));
    assert!(!site.exists("public/v1.0/money-back") && !site.exists("public/v1.0/fa/money-back"), "{}", site.listing());
    assert!(!site.exists("public/v0.9"));
    assert!(site.exists("public/v1.0/search/en"), "each version has its own search index");
    // A tag with its own freshdocs.toml uses it; one without uses today's.
    assert!(site.read("public/v1.1/index.html").contains("Acme Help 1.1"));

    // The switcher on a current page reaches the same article in each version, following aliases.
    let current = site.read("public/money-back/index.html");
    assert!(current.contains("<a href=\"/money-back/\" aria-current=\"true\"><bdi>v1.2</bdi></a>"), "{current}");
    assert!(current.contains("<a href=\"/v1.1/money-back/\"><bdi>v1.1</bdi></a>"), "{current}");
    assert!(current.contains("<a href=\"/v1.0/refunds/\"><bdi>v1.0</bdi></a>"), "the old name: {current}");
    assert!(!current.contains("noindex") && !current.contains("version-banner"), "{current}");
    // An old page: the banner names the current version and links to the same article there.
    let old = site.read("public/v1.0/refunds/index.html");
    assert!(old.contains("You are reading the help for v1.0. The current version is v1.2."), "{old}");
    assert!(old.contains("<a href=\"/money-back/\">Read this article for the current version</a>"), "{old}");
    assert!(old.contains("<link rel=\"canonical\" href=\"https://help.acme.example/money-back/\">"), "{old}");
    assert!(old.contains("<meta name=\"robots\" content=\"noindex\">"), "{old}");
    // A page the current docs no longer have: the banner leads to the current home.
    let gone = site.read("public/v1.0/old-only/index.html");
    assert!(gone.contains("<a href=\"/\">Go to the current help center</a>"), "{gone}");
    assert!(gone.contains("<link rel=\"canonical\" href=\"https://help.acme.example/v1.0/old-only/\">"), "{gone}");
    assert!(site.exists("public/sitemap.xml") && !site.exists("public/v1.0/sitemap.xml"));
    // Persian pages of an old version get the banner in Persian.
    let fa = site.read("public/v1.1/fa/money-back/index.html");
    assert!(fa.contains("شما راهنمای نسخهٔ v1.1 را می‌خوانید"), "{fa}");

    // Each version's pages are dated as of its tag: v1.0's refunds by its own commit, v1.1's
    // money-back by v1.1.1's edit, and neither by anything later.
    let updated = |page: &str| {
        let html = site.read(page);
        let at = html.find("<time datetime=\"").unwrap_or_else(|| panic!("{page} has no date:\n{html}"));
        html[at + 16..at + 26].to_string()
    };
    assert_eq!(updated("public/v1.0/refunds/index.html"), "2025-01-01");
    assert_eq!(updated("public/v1.0/old-only/index.html"), "2025-01-01");
    assert_eq!(updated("public/v1.1/money-back/index.html"), "2025-03-15");
    assert_eq!(updated("public/v1.1/new-in-1-1/index.html"), "2025-03-01");
    assert_eq!(updated("public/money-back/index.html"), "2025-03-15");
}

/// `[versions]`: each version is judged against its own release. A product change in v1.1 that
/// an article watches marks v1.1's page as maybe out of date; fixing the article in v1.2 clears
/// the current page, and v1.1's keeps the notice its readers need (issue 16, dates per version).
#[test]
fn an_old_version_keeps_the_notice_of_its_own_release() {
    let site = TestSite::new()
        .file(
            "freshdocs.toml",
            indoc! {"
                title = \"Acme Help\"
                content = \"docs\"

                [versions]
                keep = 3
            "},
        )
        .file(
            "docs/export.md",
            indoc! {"
                ---
                title: Export
                watch: [\"src/export.rs\"]
                ---
                Export as CSV.
            "},
        )
        .file(
            "docs/other.md",
            indoc! {"
                ---
                title: Other
                ---
                Nothing to do with exports.
            "},
        )
        .file("src/export.rs", "pub fn csv() {}\n");
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Release 1.0", "2025-01-01T10:00:00Z"));
    site.write("src/export.rs", "pub fn csv() {}\npub fn json() {}\n");
    git.tag("v1.1.0", git.commit_all("Export JSON too", "2025-02-01T10:00:00Z"));
    site.write(
        "docs/export.md",
        indoc! {"
            ---
            title: Export
            watch: [\"src/export.rs\"]
            ---
            Export as CSV or JSON.
        "},
    );
    git.tag("v1.2.0", git.commit_all("Docs: JSON export", "2025-03-01T10:00:00Z"));
    site.run(&["build", "--now", "2025-06-01"]).success().stderr_has("and 2 older versions: v1.1, v1.0");

    let notice = "This article may be out of date";
    let v11 = site.read("public/v1.1/export/index.html");
    assert!(v11.contains(notice), "{v11}");
    assert!(v11.contains("<time datetime=\"2025-01-01"), "dated by its last change before v1.1.0: {v11}");
    // The coupled rule, not the blunt one: v1.1's other article predates v1.1.0 too.
    for page in ["public/export/index.html", "public/v1.0/export/index.html", "public/v1.1/other/index.html"] {
        let html = site.read(page);
        assert!(!html.contains(notice), "{page}: {html}");
    }
}

/// `[versions]`: an older version's release evidence is kept in `.git/freshdocs/drift/` by its
/// tag, and the next build reads it there instead of the history; a change to what the evidence
/// depends on is another key, and the history is read again.
#[test]
fn an_old_versions_evidence_is_read_from_the_cache_its_tag_keys() {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme Help\"\ncontent = \"docs\"\n\n[versions]\nkeep = 2\n")
        .file("docs/export.md", "---\ntitle: Export\nwatch: [\"src/export.rs\"]\n---\nExport as CSV.\n")
        .file("src/export.rs", "pub fn csv() {}\n");
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Release 1.0", "2025-01-01T10:00:00Z"));
    site.write("src/export.rs", "pub fn csv() {}\npub fn json() {}\n");
    let v11 = git.commit_all("Export JSON too", "2025-02-01T10:00:00Z");
    git.tag("v1.1.0", v11);
    site.write("docs/export.md", "---\ntitle: Export\nwatch: [\"src/export.rs\"]\n---\nExport as CSV or JSON.\n");
    let v12 = git.commit_all("Docs: JSON export", "2025-03-01T10:00:00Z");
    git.tag("v1.2.0", v12);
    let notice = "This article may be out of date";

    site.run_cached(&["build", "--now", "2025-06-01"]).success();
    let first = site.read("public/v1.1/export/index.html");
    assert!(first.contains(notice), "{first}");
    let kept = format!(".git/freshdocs/drift/{v11}.json");
    let mut file: serde_json::Value = serde_json::from_str(&site.read(&kept)).unwrap();
    assert!(file["cycle"][0].as_array().is_some_and(|e| !e.is_empty()), "{file}");

    // The same build again is the same site.
    site.run_cached(&["build", "--now", "2025-06-01"]).success();
    assert_eq!(site.read("public/v1.1/export/index.html"), first);
    // What the next build believes is what the cache says: with the evidence taken out of it,
    // v1.1's page loses its notice.
    file["cycle"][0] = serde_json::json!([]);
    site.write(&kept, file.to_string());
    site.run_cached(&["build", "--now", "2025-06-01"]).success();
    let emptied = site.read("public/v1.1/export/index.html");
    assert!(!emptied.contains(notice), "{emptied}");
    // v1.1 has its own freshdocs.toml at its tag, so the work tree's settings do not change its
    // key; the ignore-revs file, read from the work tree, does: the history is read again.
    site.write(".git-blame-ignore-revs", format!("{v12}\n"));
    site.run_cached(&["build", "--now", "2025-06-01"]).success();
    let again = site.read("public/v1.1/export/index.html");
    assert!(again.contains(notice), "{again}");
    site.run(&["build", "--now", "2025-06-01"]).success();
    assert_eq!(site.read("public/v1.1/export/index.html"), again, "with the cache off");
}

/// `[versions]`: an article that is the same in several versions, with links that lead to the same
/// places in each, is rendered once, and each version's page still links within that version; a
/// changed article, a link whose target is missing in one version and an image of another size
/// are rendered again (issue 16, "the same blob rendered once").
#[test]
fn an_article_the_versions_share_is_rendered_once() {
    let site = TestSite::new()
        .file(
            "freshdocs.toml",
            indoc! {"
                title = \"Acme Help\"

                [versions]
                keep = 3
            "},
        )
        .file("content/same.md", "# Same\n\nUnchanged since 1.0. See [the changes](changed.md#details).\n")
        .file(
            "content/changed.md",
            indoc! {"
                # Changed

                ## Details

                As in 1.0.
            "},
        )
        .file("content/exports.md", "# Exports\n\nSee [the export formats](formats.md).\n")
        .file("content/chart.md", "# Chart\n\n![A chart of refunds](chart.png)\n")
        .file("content/chart.png", png(10, 10));
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Docs 1.0", "2025-01-01T10:00:00Z"));
    site.write(
        "content/changed.md",
        indoc! {"
            # Changed

            ## Details

            New in 1.1.
        "},
    );
    site.write("content/formats.md", "# Formats\n\nCSV and JSON.\n");
    site.write("content/chart.png", png(20, 10));
    let run = tag_1_1_and_1_2_then_build(&site, &git, "Docs 1.1");
    // The current docs render 5; v1.1 has the same 5 with the same outcomes; v1.0 reuses only
    // same.md: changed.md differs, formats.md is not there (a broken link in exports.md), and
    // chart.png is 10 pixels wide.
    run.stderr_has("  8 pages rendered from Markdown, 6 reused from other versions or the last build\n");
    for (version, base) in [("", "/"), ("v1.1/", "/v1.1/"), ("v1.0/", "/v1.0/")] {
        let same = site.read(&format!("public/{version}same/index.html"));
        assert!(same.contains(&format!("href=\"{base}changed/#details\"")), "{version}: {same}");
    }
    assert!(site.read("public/v1.1/changed/index.html").contains("New in 1.1."));
    assert!(site.read("public/v1.0/changed/index.html").contains("As in 1.0."));
    assert!(site.read("public/v1.1/exports/index.html").contains("href=\"/v1.1/formats/\""));
    run.stderr_has("in version v1.0 (tag v1.0.0): broken link `formats.md`");
    let chart = |version: &str| site.read(&format!("public/{version}chart/index.html"));
    assert!(
        chart("v1.1/").contains("src=\"/v1.1/chart.png\" alt=\"A chart of refunds\" width=\"20\""),
        "{}",
        chart("v1.1/")
    );
    assert!(
        chart("v1.0/").contains("src=\"/v1.0/chart.png\" alt=\"A chart of refunds\" width=\"10\""),
        "{}",
        chart("v1.0/")
    );
}

/// `[versions]`: an old version whose theme files are the current docs' links those instead of
/// writing its own copies (under the site's base path), while search stays in its own folder; a
/// version with a theme file of its own gets its own copies; a content file or theme file that
/// is the same as in another version is a hard link to it (issue 16, "versions share the
/// theme's static files").
#[test]
fn versions_share_the_theme_files_and_identical_content_files() {
    let site = TestSite::new()
        .file(
            "freshdocs.toml",
            indoc! {"
                title = \"Acme\"
                base_url = \"https://acme.example/docs/\"

                [versions]
                keep = 3
            "},
        )
        .file(
            "content/setup.md",
            indoc! {"
                # Setup

                ![The setup screen](screen.png)

                ![Our logo](logo.png)
            "},
        )
        .file("content/screen.png", png(30, 20))
        .file("content/logo.png", png(10, 10))
        .file("static/style.css", "body { color: navy }\n");
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Docs 1.0, with a style of its own", "2025-01-01T10:00:00Z"));
    std::fs::remove_dir_all(site.path().join("static")).unwrap();
    site.write("content/logo.png", png(12, 12));
    let run = tag_1_1_and_1_2_then_build(&site, &git, "Docs 1.1: the built-in theme, a new logo");
    // v1.1: screen.png and logo.png; v1.0: screen.png and the theme files but its style.css.
    run.stderr_has("  6 files are the same as in another version: hard links, stored once\n");

    let v11 = site.read("public/v1.1/setup/index.html");
    assert!(v11.contains("<link rel=\"stylesheet\" href=\"/docs/style.css\">"), "{v11}");
    assert!(v11.contains("<script src=\"/docs/search.js\" defer></script>"), "{v11}");
    assert!(v11.contains("data-search-index=\"/docs/v1.1/search/en/\""), "its own search: {v11}");
    assert!(v11.contains("src=\"/docs/v1.1/screen.png\""), "{v11}");
    for file in ["style.css", "search.js", "copy.js", "favicon.svg"] {
        assert!(site.exists(&format!("public/{file}")) && !site.exists(&format!("public/v1.1/{file}")), "{file}");
    }
    let v10 = site.read("public/v1.0/setup/index.html");
    assert!(v10.contains("<link rel=\"stylesheet\" href=\"/docs/v1.0/style.css\">"), "{v10}");
    assert_eq!(site.read("public/v1.0/style.css"), "body { color: navy }\n");
    assert_eq!(site.read("public/v1.0/search.js"), site.read("public/search.js"));

    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = |rel: &str| std::fs::metadata(site.path().join(rel)).unwrap().ino();
        assert_eq!(inode("public/v1.1/screen.png"), inode("public/screen.png"));
        assert_eq!(inode("public/v1.0/screen.png"), inode("public/screen.png"));
        assert_eq!(inode("public/v1.1/logo.png"), inode("public/logo.png"));
        assert_ne!(inode("public/v1.0/logo.png"), inode("public/logo.png"), "another logo back then");
        assert_eq!(inode("public/v1.0/search.js"), inode("public/search.js"));
        assert_ne!(inode("public/v1.0/style.css"), inode("public/style.css"));
    }
    assert_eq!(std::fs::read(site.path().join("public/v1.0/logo.png")).unwrap(), png(10, 10));
    assert!(site.read("public/v1.0/setup/index.html").contains("width=\"10\" height=\"10\""));
}

/// Commits the work tree as `v1.1.0` (with `message`), then `v1.2.0` unchanged a month later (the
/// current docs), and builds with `[versions] keep = 3`: v1.1 and v1.0 beside the current docs.
fn tag_1_1_and_1_2_then_build(site: &TestSite, git: &Git, message: &str) -> Run {
    git.tag("v1.1.0", git.commit_all(message, "2025-02-01T10:00:00Z"));
    git.tag("v1.2.0", git.commit_all("Docs 1.2: no change to the articles", "2025-03-01T10:00:00Z"));
    let run = site.run(&["build", "--now", "2025-03-02"]);
    run.success().stderr_has("and 2 older versions: v1.1, v1.0");
    run
}

/// Docusaurus's copies build as versions with no setting: every version `versions.json` lists,
/// from `versioned_docs/version-<name>/`, at `/<name>/`, beside the docs folder at the root
/// ("next"); each dated by its own folder's history. A version listed without its folder is
/// left out with a warning, and a `versions.json` that is not a list is bad input naming it
/// (issue 16, "migration").
#[test]
fn docusaurus_versioned_docs_build_as_versions() {
    let site = TestSite::new()
        .file("website/docusaurus.config.js", "export default {};\n")
        .file("website/versions.json", "[\"1.0\"]\n")
        .file("website/docs/intro.md", "# Intro\n\nInstall with npm 1.\n")
        .file("website/docs/old.md", "# Old\n\nA page 2.0 dropped.\n")
        .file("website/versioned_docs/version-1.0/intro.md", "# Intro\n\nInstall with npm 1.\n")
        .file("website/versioned_docs/version-1.0/old.md", "# Old\n\nA page 2.0 dropped.\n\n![](chart.png)\n")
        .file("website/versioned_docs/version-1.0/chart.png", png(2, 2));
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Docs 1.0", "2025-01-01T10:00:00Z"));
    site.write("website/docs/intro.md", "# Intro\n\nInstall with npm 2.\n");
    std::fs::remove_file(site.path().join("website/docs/old.md")).unwrap();
    site.write("website/versioned_docs/version-2.0/intro.md", site.read("website/docs/intro.md"));
    site.write("website/versions.json", "[\"2.0\", \"1.0\", \"0.9\"]\n");
    git.tag("v2.0.0", git.commit_all("Docs 2.0", "2025-02-01T10:00:00Z"));
    site.write("website/docs/intro.md", "# Intro\n\nInstall with npm 3.\n");
    git.commit_all("Docs: next", "2025-03-01T10:00:00Z");

    let run = site.run(&["build", "--root", "website/docs", "--out", "out", "--now", "2025-04-01"]);
    run.success().stderr_has("and 2 older versions: 2.0, 1.0");
    run.stderr_has("version 0.9 (folder website/versioned_docs/version-0.9) was not built");
    assert!(site.read("out/intro/index.html").contains("npm 3"));
    assert!(site.read("out/2.0/intro/index.html").contains("npm 2"));
    assert!(site.read("out/1.0/intro/index.html").contains("npm 1"));
    // A copy's warning names its file, which says the version's folder already.
    run.stderr_has(
        "warning: website/versioned_docs/version-1.0/old.md:5: in version 1.0: image `chart.png` has no alt text",
    );
    assert!(site.exists("out/1.0/old/index.html") && !site.exists("out/2.0/old"), "{}", site.listing());
    let current = site.read("out/intro/index.html");
    assert!(current.contains("<a href=\"/intro/\" aria-current=\"true\"><bdi>next</bdi></a>"), "{current}");
    assert!(current.contains("<a href=\"/1.0/intro/\"><bdi>1.0</bdi></a>"), "{current}");
    // The docs folder is not released: its readers are pointed at the newest release, 2.0, which
    // is where an old version's readers are sent too, and what search engines are told to index.
    assert!(current.contains("which is not released yet. The newest release is 2.0."), "{current}");
    assert!(current.contains("<a href=\"/2.0/intro/\">Read this article for the newest release</a>"), "{current}");
    assert!(current.contains("<link rel=\"canonical\" href=\"/2.0/intro/\">"), "{current}");
    let newest = site.read("out/2.0/intro/index.html");
    assert!(!newest.contains("version-banner") && !newest.contains("noindex"), "{newest}");
    let old = site.read("out/1.0/old/index.html");
    assert!(old.contains("You are reading the help for 1.0. The current version is 2.0."), "{old}");
    assert!(old.contains("<a href=\"/2.0/\">Go to the current help center</a>"), "{old}");
    assert!(old.contains("<meta name=\"robots\" content=\"noindex\">"), "{old}");
    // Each copy is dated by its own folder: 1.0's by the first commit, 2.0's by the second.
    assert!(old.contains("<time datetime=\"2025-01-01"), "{old}");
    assert!(site.read("out/2.0/intro/index.html").contains("<time datetime=\"2025-02-01"));
    assert!(!site.exists("website/docs/.freshdocs") && !site.exists("website/.freshdocs"));
    // Each version keeps a search index of its own, though the copies share the site folder.
    for index in ["website+docs", "website+docs@2.0", "website+docs@1.0"] {
        assert!(site.exists(&format!(".git/freshdocs/search/{index}/en")), "{index}: {}", site.listing());
    }

    site.write("website/versions.json", "{\"2.0\": true}\n");
    site.run(&["build", "--root", "website/docs", "--out", "out"])
        .code(2)
        .stderr_has("`versions.json` is not a list of version names");
}

/// Copies side by side build as versions with no setting too: each `v…/` folder beside a
/// content folder named `latest` is a version, newest first by number (v1.10 before v1.9), and
/// other folders there are not (issue 16, "migration").
#[test]
fn version_folders_beside_latest_build_as_versions() {
    let site = TestSite::new()
        .file("docs/latest/intro.md", "# Intro\n\nVersion 2.\n")
        .file("docs/v1.10/intro.md", "# Intro\n\nVersion 1.10.\n")
        .file("docs/v1.9/intro.md", "# Intro\n\nVersion 1.9.\n")
        .file("docs/drafts/intro.md", "# Intro\n\nNot a version.\n");
    site.git().commit_all("Docs", "2025-01-01T10:00:00Z");
    let run = site.run(&["build", "--root", "docs/latest", "--out", "out", "--now", "2025-04-01"]);
    run.success().stderr_has("and 2 older versions: v1.10, v1.9");
    assert!(site.read("out/v1.9/intro/index.html").contains("Version 1.9."));
    assert!(!site.exists("out/drafts"), "{}", site.listing());
    let current = site.read("out/intro/index.html");
    assert!(current.contains("<a href=\"/intro/\" aria-current=\"true\"><bdi>latest</bdi></a>"), "{current}");
    assert!(current.contains("<a href=\"/v1.10/intro/\"><bdi>v1.10</bdi></a>"), "{current}");
}

/// Dates in the page's language: Japanese orders them year, month, day; Thai counts years in the
/// Buddhist era; languages without their own strings keep English's.
#[test]
fn dates_are_written_as_each_language_writes_them() {
    let site = TestSite::new();
    site.write(
        "freshdocs.toml",
        "title = \"Acme\"\n[languages.ja]\nname = \"日本語\"\n[languages.th]\nname = \"ไทย\"\n[languages.de]\nname = \"Deutsch\"\n",
    );
    for (lang, title) in [("ja", "返金"), ("th", "การคืนเงิน"), ("de", "Erstattung")] {
        site.write(
            &format!("content/{lang}/refunds.md"),
            format!("---\ntitle: {title}\nreviewed: 2026-03-03\n---\n\n{title}.\n"),
        );
    }
    site.run(&["build"]).success();
    assert!(site.read("public/ja/refunds/index.html").contains("2026年3月3日"));
    assert!(site.read("public/th/refunds/index.html").contains("3 มีนาคม 2569"));
    assert!(site.read("public/de/refunds/index.html").contains("3 March 2026"));
}

/// A rebuild starts from the site the build before it replaced (kept in the cache, outside the
/// site folder): it writes the files whose bytes changed, leaves the others as they were, and
/// removes the pages of articles that are gone. What it leaves in `public/` is what a build from
/// nothing writes.
#[test]
fn a_rebuild_writes_only_the_files_that_changed() {
    let site = site().file("content/billing/old-plans.md", "# Old plans\n\nGone soon.\n");
    let build = || site.run_cached(&["build", "--now", "2025-04-01"]);
    build().success();
    // The first site is live: this build starts from nothing, and keeps the first as the spare.
    build().success();
    let unchanged = site.path().join("public/billing/refunds/index.html");
    #[cfg(unix)]
    let inode = |path: &std::path::Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap());
    site.write("content/billing/cards.md", "---\ntitle: Manage cards\norder: 1\n---\n## Add a card\n\nNew text.\n");
    let run = build();
    run.success();
    let out = &run.stderr;
    assert!(out.contains("1 page rendered from Markdown, 6 as the last build rendered them"), "{run}");
    let line = out.lines().find(|l| l.contains("as the last build left them")).unwrap_or_else(|| panic!("{run}"));
    let numbers: Vec<usize> =
        line.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).map(|n| n.parse().unwrap()).collect();
    let [written, unchanged_files] = numbers[..] else { panic!("{line}") };
    // The page, its Markdown copy, llms-full.txt and the search export (its index changed).
    assert!(written < unchanged_files, "{line}");
    assert!(site.read("public/billing/cards/index.html").contains("New text."));
    #[cfg(unix)]
    {
        let before = inode(&unchanged);
        build().success();
        build().success();
        assert_eq!(inode(&unchanged), before, "an unchanged page is the file an earlier build wrote");
    }
    std::fs::remove_file(site.path().join("content/billing/old-plans.md")).unwrap();
    build().success();
    assert!(!site.exists("public/billing/old-plans"), "{}", site.listing());
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "nothing beside the output: {leftovers:?}");

    assert_public_is_a_build_from_nothing(&site, "2025-04-01");
}

/// A versioned site rebuilt from the site the build before replaced: each old version starts
/// from its own folder, a version no longer published is removed, and what is left is what a
/// build from nothing writes.
#[test]
fn a_versioned_rebuild_drops_the_versions_it_no_longer_publishes() {
    let site = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme Help\"\ncontent = \"docs\"\n\n[versions]\nkeep = 3\n")
        .file("docs/export.md", "# Export\n\nExport as CSV.\n");
    let git = site.git();
    git.tag("v1.0.0", git.commit_all("Release 1.0", "2025-01-01T10:00:00Z"));
    site.write("docs/export.md", "# Export\n\nExport as CSV or JSON.\n");
    git.tag("v1.1.0", git.commit_all("Release 1.1", "2025-02-01T10:00:00Z"));
    site.write("docs/import.md", "# Import\n\nImport a CSV file.\n");
    git.tag("v1.2.0", git.commit_all("Release 1.2", "2025-03-01T10:00:00Z"));
    let build = || site.run_cached(&["build", "--now", "2025-04-01"]);
    for _ in 0..3 {
        build().success().stderr_has("and 2 older versions: v1.1, v1.0");
    }
    assert!(site.read("public/v1.0/export/index.html").contains("Export as CSV."));
    site.write("freshdocs.toml", "title = \"Acme Help\"\ncontent = \"docs\"\n\n[versions]\nkeep = 2\n");
    let run = build();
    run.success().stderr_has("and 1 older version: v1.1");
    assert!(run.stderr.contains("files unchanged as the last build left them"), "{run}");
    assert!(!site.exists("public/v1.0"), "a version no longer published is removed: {}", site.listing());
    assert!(site.read("public/v1.1/export/index.html").contains("Export as CSV or JSON."));

    assert_public_is_a_build_from_nothing(&site, "2025-04-01");
}

/// Builds the site from nothing (no caches) into `fresh/`, as of `now`, and asserts that `public/`
/// holds the same files with the same bytes.
#[track_caller]
fn assert_public_is_a_build_from_nothing(site: &TestSite, now: &str) {
    site.run(&["build", "--now", now, "--out", "fresh"]).success();
    let files = site.output_files("public");
    assert_eq!(files, site.output_files("fresh"));
    for file in &files {
        let (a, b) = (site.path().join("public").join(file), site.path().join("fresh").join(file));
        assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "{file} differs from a build from nothing");
    }
}

#[test]
fn links_to_repository_files_outside_the_content_folder_lead_to_the_forge() {
    let site = TestSite::new()
        .file("freshdocs.toml", "content = \"docs\"\n")
        .file("CODE_STYLE.md", "# Code style\n")
        .file("src/app.rs", "fn main() {}\n")
        .file("assets/shot.png", "not really a png")
        .file(
            "docs/internals/style.md",
            "# Style\n\nRead [the style guide](../../CODE_STYLE.md), [again](/CODE_STYLE.md), \
             [the code](../../src/app.rs#L1), ![a shot](../../assets/shot.png) and [gone](../../src/gone.rs).\n",
        );
    site.git();
    let unknown = site.run(&["build"]);
    unknown.success().stderr_has(
        "`CODE_STYLE.md` is a file of the repository outside the content folder, so it is not published; \
         set `repository = \"https://github.com/…\"`",
    );

    git2::Repository::open(site.path()).unwrap().remote("origin", "git@github.com:acme/app.git").unwrap();
    let run = site.run(&["build"]);
    run.success().stderr_has("broken link `../../src/gone.rs`").stderr_has("1 warning");
    let page = site.read("public/internals/style/index.html");
    for href in [
        "https://github.com/acme/app/blob/HEAD/CODE_STYLE.md\"",
        "https://github.com/acme/app/blob/HEAD/src/app.rs#L1\"",
        "https://github.com/acme/app/raw/HEAD/assets/shot.png\"",
    ] {
        assert!(page.contains(href), "{href} in {page}");
    }
    assert_eq!(page.matches("blob/HEAD/CODE_STYLE.md").count(), 2, "{page}");

    let site = site.file("freshdocs.toml", "content = \"docs\"\nrepository = \"https://gitlab.com/acme/app\"\n");
    site.run(&["build"]).success();
    assert!(
        site.read("public/internals/style/index.html")
            .contains("https://gitlab.com/acme/app/-/blob/HEAD/CODE_STYLE.md")
    );
    let site = site.file("freshdocs.toml", "content = \"docs\"\nrepository = \"gitlab.com/acme/app\"\n");
    site.run(&["build"]).code(2).stderr_has("`repository = \"gitlab.com/acme/app\"` is not a web address");
}

#[test]
fn mkdocs_snippets_are_spliced_in_and_their_files_are_not_pages() {
    let site = TestSite::new()
        .file("freshdocs.toml", "content = \"docs\"\n")
        .file("docs/snippets/refund-note.md", "!!! note\n    Refunds take [five days](../nowhere.md).\n")
        .file("example.toml", "# --8<-- [start:server]\n[server]\nport = 8080\n# --8<-- [end:server]\n")
        .file(
            "docs/refunds.md",
            "# Refunds\n\n--8<-- \"docs/snippets/refund-note.md\"\n\n```toml\n--8<-- \"example.toml:server\"\n```\n\n\
             See [the missing page](missing.md).\n",
        );
    let run = site.run(&["build"]);
    // Each broken link is reported on the line of the article that holds it: a spliced one on
    // its `--8<--` line, a later one on its own line despite the lines spliced in above it.
    run.success()
        .stderr_has("docs/refunds.md:3: broken link `../nowhere.md`")
        .stderr_has("docs/refunds.md:9: broken link `missing.md`");
    let page = site.read("public/refunds/index.html");
    assert!(page.contains("Refunds take") && page.contains("port") && page.contains("8080"), "{page}");
    assert!(!page.contains("8&lt;") && !page.contains("start:server"), "{page}");
    assert!(!site.exists("public/snippets/refund-note/index.html"), "a spliced file is not a page of its own");
}

#[test]
fn mkdocs_admonitions_become_callouts() {
    let site = TestSite::new().file(
        "payments.md",
        "# Payments\n\n!!! warning\n    Refunds can't be undone.\n\n!!! example \"Refund a card\"\n    Open **Payments**.\n\n    \
         See [the missing page](missing.md).\n\n??? question \"Why five days?\"\n    Banks take that long.\n\nThe end.\n",
    );
    let run = site.run(&["build", "--out", "public"]);
    // The link keeps its line in the file, though the callout's HTML took lines of its own.
    run.success().stderr_has("payments.md:9: broken link `missing.md`");
    let page = site.read("public/payments/index.html");
    for html in [
        "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p>",
        "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Refund a card</p>",
        "<strong>Payments</strong>",
        "<details class=\"callout callout-warning\"><summary class=\"callout-title\">Why five days?</summary>",
        "<p>Banks take that long.</p>",
    ] {
        assert!(page.contains(html), "{html} in {page}");
    }
    assert!(!page.contains("!!!") && !page.contains("???"), "{page}");
    let description = page.split("<meta name=\"description\" content=\"").nth(1).unwrap_or("");
    assert!(
        description.starts_with("Refunds can&#39;t be undone.") || description.starts_with("Refunds can't be undone."),
        "{description}"
    );
}

#[test]
fn docusaurus_admonitions_and_vitepress_containers_become_callouts_and_tabs() {
    let site = TestSite::new().file(
        "refunds.md",
        "# Refunds\n\n:::tip\n\nRefund within **30 days**.\n\n:::\nAfter the tip.\n\n:::danger[Before you refund]\nSee \
         [the missing page](missing.md).\n:::\n\n::: details Why five days?\nBanks take that long.\n:::\n\n::: code-group\n\n\
         ```sh [npm]\nnpm run refund\n```\n\n```sh [pnpm]\npnpm refund\n```\n\n:::\n\n```md\n:::note\nshown as code\n:::\n```\n\n\
         <Tabs>\n<TabItem value=\"web\" label=\"On the web\">\n\nOpen **Billing**.\n\n</TabItem>\n<TabItem value=\"app\" label=\"In the app\" default>\n\n\
         <RenderIf condition={platform == 'ios'}>\n\nTap **Refund**.\n\n</RenderIf>\n</TabItem>\n</Tabs>\n",
    );
    let run = site.run(&["build", "--out", "public"]);
    // The link keeps its line in the file, though the callout's HTML took lines of its own.
    run.success().stderr_has("refunds.md:11: broken link `missing.md`");
    let page = site.read("public/refunds/index.html");
    for html in [
        "<strong>30 days</strong>",
        "<p>After the tip.</p>",
        "<div class=\"callout callout-caution\" role=\"note\"><p class=\"callout-title\">Before you refund</p>",
        "<details class=\"callout callout-note\"><summary class=\"callout-title\">Why five days?</summary>",
        "<p>Banks take that long.</p>",
        "<label for=\"__tabbed_1_1\">npm</label>",
        "<label for=\"__tabbed_1_2\">pnpm</label>",
        ":::note\nshown as code\n:::",
        "<label for=\"__tabbed_2_1\">On the web</label>",
        "id=\"__tabbed_2_2\" checked><label for=\"__tabbed_2_2\">In the app</label>",
        "<p>Tap <strong>Refund</strong>.</p>",
    ] {
        assert!(page.contains(html), "{html} in {page}");
    }
    assert!(page.contains("class=\"callout callout-tip\""), "the tip is a callout: {page}");
    assert!(!page.contains("<p>:::") && !page.contains("[npm]"), "{page}");
    assert!(!page.contains("TabItem") && !page.contains("condition="), "{page}");
}

#[test]
fn hugo_shortcodes_become_links_callouts_and_tabs_and_unknown_ones_are_named() {
    let site = TestSite::new().file("install.md", "# Install\n\nRun it.\n").file(
        "refunds.md",
        "---\ntitle: Refunds\n---\n\nFirst [install it]({{< ref \"install.md\" >}}).\n\n{{< hint warning >}}\nRefunds **can't** be undone.\n{{< /hint >}}\n\n\
         {{< tabs >}}\n{{< tab \"macOS\" >}}\nOpen **Finder**.\n{{< /tab >}}\n{{< tab \"Windows\" >}}\nOpen [the missing page](missing.md).\n{{< /tab >}}\n{{< /tabs >}}\n\n\
         {{< provider name=\"Bank\" >}}\n\nShown as written: `{{< hint >}}`.\n",
    );
    let run = site.run(&["build", "--out", "public"]);
    // Lines are the file's own: the link in the second tab, and the shortcode nobody can run.
    let run = run.success().stderr_has("refunds.md:16: broken link `missing.md`");
    run.stderr_has("refunds.md:20:1: `{{< provider … >}}` is a shortcode of the site's Hugo theme or layouts");
    let page = site.read("public/refunds/index.html");
    for html in [
        "<a href=\"/install/\">install it</a>",
        "class=\"callout callout-warning\"",
        "<strong>can't</strong>",
        "<label for=\"__tabbed_1_1\">macOS</label>",
        "<label for=\"__tabbed_1_2\">Windows</label>",
        "<code>{{&lt; hint &gt;}}</code>",
    ] {
        assert!(page.contains(html), "{html} in {page}");
    }
    assert!(page.contains("{{&lt; provider name=\"Bank\" &gt;}}"), "shown as written: {page}");
    assert!(!page.contains("{{&lt; tab") && !page.contains("{{&lt; hint warning"), "{page}");
}

#[test]
fn a_vitepress_public_folder_is_served_at_the_site_root() {
    let site = TestSite::new()
        .file(".vitepress/config.ts", "export default {}\n")
        .file("public/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("guide/start.md", "# Start\n\n![The logo](/logo.svg)\n\n[Get the logo](/logo.svg).\n");
    let run = site.run(&["build", "--out", "public-site"]);
    run.success().stderr_lacks("broken link");
    assert!(site.exists("public-site/logo.svg"), "at the root, as VitePress serves it");
    assert!(!site.exists("public-site/public/logo.svg"));
    let page = site.read("public-site/guide/start/index.html");
    assert!(page.contains("src=\"/logo.svg\"") && page.contains("href=\"/logo.svg\""), "{page}");
}

#[test]
fn outside_a_vitepress_site_a_public_folder_is_a_folder() {
    let site = TestSite::new()
        .file("public/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("start.md", "# Start\n\n![The logo](public/logo.svg)\n");
    site.run(&["build", "--out", "out"]).success().stderr_lacks("broken link");
    assert!(site.exists("out/public/logo.svg"));
}

#[test]
fn mkdocs_content_tabs_become_tabs_that_work_without_javascript() {
    let site = TestSite::new().file(
        "install.md",
        "# Install\n\n=== \"macOS\"\n\n    Run `brew install app`.\n\n=== \"Windows\"\n\n    Run [the installer](missing.md).\n\nDone.\n",
    );
    let run = site.run(&["build", "--out", "public"]);
    run.success().stderr_has("install.md:9: broken link `missing.md`");
    let page = site.read("public/install/index.html");
    for html in [
        "<div class=\"tabbed-set\">",
        "<input type=\"radio\" name=\"__tabbed_1\" id=\"__tabbed_1_1\" checked><label for=\"__tabbed_1_1\">macOS</label>",
        "<label for=\"__tabbed_1_2\">Windows</label>",
        "<code>brew install app</code>",
    ] {
        assert!(page.contains(html), "{html} in {page}");
    }
    assert!(!page.contains("==="), "{page}");
    assert!(!page.contains("<p><input"), "the buttons are not wrapped in a paragraph: {page}");
}
