//! Code and images as readers meet them (issue 13): image sizes, lazy loading, alt-text warnings,
//! a translation's screenshots.

use crate::common::{TestSite, png};
use indoc::indoc;

const CONFIG: &str = "title = \"Acme Help\"\n\n[languages.fa]\nname = \"فارسی\"\n";

fn site_with_screenshots() -> TestSite {
    TestSite::new()
        .file("freshdocs.toml", CONFIG)
        .file(
            "content/billing/refunds.md",
            indoc! {r#"
            # Refunds

            ![The Billing page with the Refund button](billing.png)

            Then confirm:

            ![The confirmation dialog](shots/confirm.png "Confirm")

            ![The timeline](timeline.svg)
        "#},
        )
        .file("content/billing/billing.png", png(1280, 800))
        .file("content/billing/shots/confirm.png", png(390, 844))
        .file(
            "content/billing/timeline.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 220\"><title>t</title></svg>",
        )
        // The Persian translation has its own screenshot of the dialog, none of the page.
        .file(
            "content/fa/billing/refunds.md",
            indoc! {r#"
            # بازپرداخت

            ![صفحهٔ صورت‌حساب با دکمهٔ بازپرداخت](billing.png)

            ![پنجرهٔ تأیید](shots/confirm.png)
        "#},
        )
        .file("content/fa/billing/shots/confirm.png", png(400, 860))
}

#[test]
fn images_carry_their_intrinsic_size_and_all_but_the_first_load_lazily() {
    let site = site_with_screenshots();
    let run = site.run(&["build"]);
    run.success().stderr_has(" · 0 warnings");
    let html = site.read("public/billing/refunds/index.html");
    assert!(
        html.contains(
            r#"<img src="/billing/billing.png" alt="The Billing page with the Refund button" width="1280" height="800" decoding="async">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<img src="/billing/shots/confirm.png" alt="The confirmation dialog" title="Confirm" width="390" height="844" loading="lazy" decoding="async">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<img src="/billing/timeline.svg" alt="The timeline" width="640" height="220" loading="lazy""#),
        "an SVG's size comes from its viewBox: {html}"
    );
}

#[test]
fn a_translation_without_its_own_screenshot_shows_the_originals() {
    let site = site_with_screenshots();
    let run = site.run(&["build"]);
    run.success();
    assert!(!run.stderr.contains("broken link"), "{run}");
    let html = site.read("public/fa/billing/refunds/index.html");
    assert!(
        html.contains(
            r#"<img src="/billing/billing.png" alt="صفحهٔ صورت‌حساب با دکمهٔ بازپرداخت" width="1280" height="800""#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<img src="/fa/billing/shots/confirm.png" alt="پنجرهٔ تأیید" width="400" height="860""#),
        "its own screenshot wins: {html}"
    );
}

#[test]
fn an_image_file_only_another_article_has_is_still_a_broken_link() {
    // Only a translation falls back, and only to the article it translates.
    let site = TestSite::new()
        .file("freshdocs.toml", CONFIG)
        .file("content/a/one.md", "# One\n\n![Chart](chart.png)\n")
        .file("content/a/chart.png", png(10, 10))
        .file("content/b/two.md", "# Two\n\n![Chart](chart.png)\n")
        .file("content/fa/b/two.md", "# دو\n\n![نمودار](chart.png)\n");
    let run = site.run(&["build"]);
    run.success()
        .stderr_has("content/b/two.md:3: broken link `chart.png`")
        .stderr_has("content/fa/b/two.md:3: broken link `chart.png`");
}

#[test]
fn an_image_without_alt_text_or_an_unreadable_one_is_a_warning_naming_file_and_line() {
    let site = TestSite::new()
        .file("freshdocs.toml", CONFIG)
        .file(
            "content/a.md",
            indoc! {"
                ---
                title: A
                ---
                Intro.

                ![](shot.png)

                ![A chart](chart.png)
            "},
        )
        .file("content/shot.png", png(20, 10))
        .file("content/chart.png", "this file was saved as text by mistake");
    let run = site.run(&["build"]);
    run.success()
        .stderr_has(
            "content/a.md:6: image `shot.png` has no alt text: write what it shows between the brackets, \
             `![What the image shows](shot.png)`, for readers who cannot see it",
        )
        .stderr_has(
            "content/a.md:8: cannot read the size of image `chart.png` (it is not a PNG image this build can read); \
             it is shown without one",
        )
        .stderr_has("2 warnings");
    let html = site.read("public/a/index.html");
    assert!(html.contains(r#"<img src="/chart.png" alt="A chart" loading="lazy" decoding="async">"#), "{html}");
}
