//! Snapshots of what people read: the rendered article page and the writer's build summary.

use crate::common::TestSite;
use indoc::indoc;

fn site() -> TestSite {
    TestSite::new()
        .file(
            "freshdocs.toml",
            indoc! {"
                title = \"Acme Help\"
                base_url = \"https://help.acme.example/\"

                [languages.fa]
                name = \"فارسی\"

                [contact]
                email = \"support@acme.example\"
                phone = \"+1 555 0100\"
                chat = \"https://chat.acme.example/\"
                hours = \"Mon–Fri 9–17 CET\"
            "},
        )
        .file(
            "content/billing/_index.md",
            indoc! {"
                ---
                title: Billing
                order: 1
                ---
            "},
        )
        .file(
            "content/billing/cards.md",
            indoc! {"
                ---
                title: Manage cards
                order: 1
                ---
                Add or remove a card.
            "},
        )
        .file(
            "content/billing/refunds.md",
            indoc! {"
                ---
                title: Get a refund
                description: How to ask for your money back.
                order: 2
                tags: [money, orders]
                ---

                Most orders can be refunded within 30 days.

                ## Ask for a refund

                1. Open **Orders**.
                2. Choose the order and press *Refund*.

                > [!NOTE]
                > Refunds reach your card in 5 working days.

                ## If the order is older

                See [cards](cards.md) or write to us.[^1]

                | Method | Days |
                |---|---|
                | Card | 5 |

                [^1]: We answer within a day.
            "},
        )
        .file(
            "content/fa/billing/refunds.md",
            indoc! {"
                ---
                title: بازپرداخت
                ---
                متن.
            "},
        )
}

#[test]
fn article_page() {
    let site = site();
    site.run(&["build"]).success();
    insta::assert_snapshot!(site.read("public/billing/refunds/index.html"));
}

/// Code blocks as the article's `<div class="content">` holds them, highlighted: languages, a title,
/// emphasised lines, a shell session, an unknown language and no language at all.
#[test]
fn code_blocks() {
    let article = indoc::indoc! {r#"
        # Code

        ```toml {2} title="freshdocs.toml"
        title = "Acme"
        base_url = "https://help.acme.example/"
        ```

        ```console
        $ freshdocs build
        Built 3 articles → public
        ```

        ```python {1,3-4}
        def refund(order):
            """Money back."""
            order.refund()
            return order.total < 10
        ```

        ```no-such-language
        <kept> & escaped
        ```

            indented code
    "#};
    let site = TestSite::new().file("freshdocs.toml", "title = \"Acme\"\n").file("content/code.md", article);
    site.run(&["build"]).success();
    let page = site.read("public/code/index.html");
    let start = page.find("<div class=\"content\">").expect("the article's content");
    let end = start + page[start..].find("\n</div>\n<").expect("the end of the content");
    insta::assert_snapshot!(&page[start..end]);
}

#[test]
fn build_summary() {
    let site = site().file("content/billing/broken.md", "# Broken\n\nSee [nothing](nothing.md).\n");
    let run = site.run(&["build"]);
    run.success();
    insta::with_settings!({filters => vec![(r"\d+(\.\d+)? (s|KB|MB|B)\b", "[N $2]")]}, {
        insta::assert_snapshot!(run.stderr);
    });
}

/// A repository with a release, a stale article, a stale translation and a broken link, owned
/// through CODEOWNERS: the reports as a writer and as GitHub show them.
fn checked_site() -> TestSite {
    let site = TestSite::new()
        // Every article older than the release is stale: the reports' layout, not coupling
        // (tests/all/drift.rs), is what these snapshots show.
        .file(
            "freshdocs.toml",
            "title = \"Acme\"\n[freshness]\nrelease_rule = \"all\"\n[languages.fa]\nname = \"فارسی\"\n",
        )
        .file("CODEOWNERS", "content/ @docs-team\ncontent/billing/ @billing\n")
        .file(
            "content/billing/refunds.md",
            indoc! {"
                ---
                title: Get a refund
                ---
                v1
            "},
        )
        .file(
            "content/fa/billing/refunds.md",
            indoc! {"
                ---
                title: بازپرداخت
                ---
                نسخه ۱
            "},
        )
        .file("content/start.md", "# Start\n\nSee [the old page](gone.md).\n");
    let git = site.git();
    git.commit_all("Write", "2026-01-10T09:00:00+03:30");
    site.write(
        "content/billing/refunds.md",
        indoc! {"
            ---
            title: Get a refund
            ---
            v2
        "},
    );
    site.write(
        "content/start.md",
        indoc! {"
            # Start

            See [the old page](gone.md).

            More.
        "},
    );
    let release = git.commit_all("Release notes", "2026-03-01T10:00:00-08:00");
    git.tag_annotated("v2.0.0", release, "2026-03-02T08:00:00+05:30");
    site.write(
        "content/start.md",
        indoc! {"
            # Start

            See [the old page](gone.md).

            Updated for 2.0.
        "},
    );
    git.commit_all("Update start", "2026-03-05T10:00:00Z");
    site
}

#[test]
fn check_text_report() {
    let run = checked_site().run(&["check", "--now", "2026-06-01T00:00:00Z"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_github_annotations() {
    let run = checked_site().run(&["check", "--format", "github", "--now", "2026-06-01T00:00:00Z"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_codequality_report() {
    let run = checked_site().run(&["check", "--format", "codequality", "--now", "2026-06-01T00:00:00Z"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout);
}

/// `[markdown] highlight = false`: the same blocks, every line plain text, the rest kept.
#[test]
fn code_blocks_without_highlighting() {
    let article = "```toml {2} title=\"freshdocs.toml\"\ntitle = \"Acme\"\nport = 8080\n```\n";
    let on = TestSite::new().file("freshdocs.toml", "title = \"Acme\"\n").file("content/code.md", article);
    on.run(&["build"]).success();
    let on = on.read("public/code/index.html");
    assert!(on.contains("<span class=\"s\">&quot;Acme&quot;</span>"), "highlighted by default:\n{on}");
    let off = TestSite::new()
        .file("freshdocs.toml", "title = \"Acme\"\n[markdown]\nhighlight = false\n")
        .file("content/code.md", article);
    off.run(&["build"]).success();
    let off = off.read("public/code/index.html");
    assert!(off.contains(
        "<div class=\"code\"><div class=\"code-title\" dir=\"ltr\">freshdocs.toml</div><pre tabindex=\"0\">\
         <code class=\"language-toml\">title = &quot;Acme&quot;\n<span class=\"hl\">port = 8080</span>\n</code></pre></div>"
    ), "{off}");
}
