//! The pages at fixed addresses, one per site: the page for missing pages and the writers'
//! freshness dashboard. Both are in the default language.

use super::{Page, Pages, page_file};

impl Pages<'_> {
    pub(super) fn not_found_page(&self) -> Page {
        let lang = &self.site.default_language().code;
        let mut ctx = self.base_context(lang, &format!("{}404.html", self.site.base_path), None);
        ctx.insert(
            "page_title",
            &self.title_with_site(lang, self.theme.string(lang, "not_found_title").unwrap_or("Page not found")),
        );
        ctx.insert("page_description", "");
        Page { template: "404.html", file: "404.html".to_string(), context: ctx }
    }

    /// The dashboard (see `crate::dashboard`), for writers rather than readers.
    pub(super) fn dashboard_page(&self) -> Page {
        let lang = &self.site.default_language().code;
        let dashboard_url = format!("{}{}", self.site.base_path, crate::dashboard::PATH);
        let mut ctx = self.base_context(lang, &dashboard_url, None);
        ctx.insert("dashboard", self.dashboard);
        ctx.insert("page_title", &self.title_with_site(lang, "Documentation freshness"));
        ctx.insert("page_description", "");
        Page { template: "dashboard.html", file: page_file(&dashboard_url, &self.site.base_path), context: ctx }
    }
}
