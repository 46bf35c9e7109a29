//! Snapshots of what people read: the rendered article page and the writer's build summary.

mod common;

use common::TestSite;

fn site() -> TestSite {
    TestSite::new()
        .file(
            "freshdocs.toml",
            "title = \"Acme Help\"\nbase_url = \"https://help.acme.example/\"\n\n[languages.fa]\nname = \"فارسی\"\n\n[contact]\nemail = \"support@acme.example\"\nphone = \"+1 555 0100\"\nchat = \"https://chat.acme.example/\"\nhours = \"Mon–Fri 9–17 CET\"\n",
        )
        .file("content/billing/_index.md", "---\ntitle: Billing\norder: 1\n---\n")
        .file("content/billing/cards.md", "---\ntitle: Manage cards\norder: 1\n---\nAdd or remove a card.\n")
        .file(
            "content/billing/refunds.md",
            "---\ntitle: Get a refund\ndescription: How to ask for your money back.\norder: 2\ntags: [money, orders]\n---\n\nMost orders can be refunded within 30 days.\n\n## Ask for a refund\n\n1. Open **Orders**.\n2. Choose the order and press *Refund*.\n\n> [!NOTE]\n> Refunds reach your card in 5 working days.\n\n## If the order is older\n\nSee [cards](cards.md) or write to us.[^1]\n\n| Method | Days |\n|---|---|\n| Card | 5 |\n\n[^1]: We answer within a day.\n",
        )
        .file("content/fa/billing/refunds.md", "---\ntitle: بازپرداخت\n---\nمتن.\n")
}

#[test]
fn article_page() {
    let site = site();
    site.run(&["build"]).success();
    insta::assert_snapshot!(site.read("public/billing/refunds/index.html"));
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
