//! Home and section pages: a section's own text (its `_index.md`), its sub-sections and its
//! articles. The home page of a language is its root section.

use std::collections::HashMap;

use super::context::{ArticleLink, HomeContext, Link, SectionArticle, SectionContext, SectionSummary};
use super::{Page, Pages, page_file};
use crate::content::{Article, ArticleId, Content, JudgedId, SectionId};

impl Pages<'_> {
    /// The home page of a language: its root section, with the site title as the page title.
    pub(super) fn home_page(&self, lang: &str) -> Option<Page> {
        let home = self.content.home(lang)?;
        let section = &self.content.sections[home];
        let index = section.index.as_ref();
        let description = index.and_then(|i| i.front.description.as_deref()).unwrap_or("");
        let mut ctx = self.base_context(lang, &section.url, None);
        ctx.insert(
            "home",
            &HomeContext {
                content: self.sections[home].as_ref().map(|r| r.html.as_str()).unwrap_or(""),
                description,
                title: index.and_then(|i| i.front.title.as_deref()).unwrap_or(""),
            },
        );
        ctx.insert("page_title", self.site.title(lang));
        ctx.insert("page_description", description);
        Some(Page { template: "index.html", file: page_file(&section.url, &self.site.base_path), context: ctx })
    }

    /// The page of every section but the home pages, in the order of `Content::sections`.
    pub(super) fn section_pages(&self) -> impl Iterator<Item = Page> + '_ {
        // Section pages with text are judged after the articles (`Content::judged`).
        let judged: HashMap<SectionId, JudgedId> = self
            .content
            .judged()
            .enumerate()
            .skip(self.content.articles.len())
            .map(|(j, page)| (page.section, j))
            .collect();
        self.content
            .sections
            .ids()
            .filter(|&i| !self.content.sections[i].key.is_empty())
            .map(move |i| self.section_page(i, judged.get(&i).copied()))
    }

    /// `judged` is the section's place among the judged pages, if it is judged.
    fn section_page(&self, i: SectionId, judged: Option<JudgedId>) -> Page {
        let section = &self.content.sections[i];
        let freshness = judged.and_then(|j| self.freshness_of(j, &section.lang, None));
        let mut ctx = self.base_context(&section.lang, &section.url, None);
        let index = section.index.as_ref();
        let description = index.and_then(|i| i.front.description.as_deref()).unwrap_or("");
        let context = SectionContext {
            title: &section.title,
            description,
            url: &section.url,
            content: self.sections[i].as_ref().map(|r| r.html.as_str()).unwrap_or(""),
            breadcrumbs: self.breadcrumbs(i, false),
            subsections: section.subsections.iter().map(|&s| self.section_summary(s)).collect(),
            articles: section.articles.iter().map(|&a| self.section_article(a)).collect(),
            freshness,
        };
        ctx.insert("section", &context);
        ctx.insert("page_title", &self.title_with_site(&section.lang, &section.title));
        ctx.insert("page_description", description);
        Page { template: "section.html", file: page_file(&section.url, &self.site.base_path), context: ctx }
    }

    pub(super) fn breadcrumbs(&self, section: SectionId, include_self: bool) -> Vec<Link<'_>> {
        let mut chain = self.content.ancestry(section);
        if !include_self {
            chain.pop();
        }
        chain
            .into_iter()
            .map(|s| {
                let section = &self.content.sections[s];
                let title = if section.key.is_empty() {
                    self.theme.string(&section.lang, "home").unwrap_or("Home")
                } else {
                    &section.title
                };
                Link { title, url: &section.url }
            })
            .collect()
    }

    pub(super) fn section_summary(&self, s: SectionId) -> SectionSummary<'_> {
        let section = &self.content.sections[s];
        SectionSummary {
            article_count: count_articles(self.content, s),
            articles: section.articles.iter().map(|&a| self.article_link(a)).collect(),
            description: section.index.as_ref().and_then(|i| i.front.description.as_deref()).unwrap_or(""),
            title: &section.title,
            url: &section.url,
        }
    }

    fn article_link(&self, a: ArticleId) -> ArticleLink<'_> {
        let article: &Article = &self.content.articles[a];
        ArticleLink {
            description: article.source.front.description.as_deref().unwrap_or(""),
            title: &article.title,
            url: &article.url,
        }
    }

    fn section_article(&self, a: ArticleId) -> SectionArticle<'_> {
        let ArticleLink { description, title, url } = self.article_link(a);
        let article = &self.content.articles[a];
        let updated =
            self.meta.get(JudgedId::article(a)).and_then(|d| d.updated).map(|d| self.date_value(&article.lang, d));
        SectionArticle { description, title, updated, url }
    }
}

fn count_articles(content: &Content, s: SectionId) -> usize {
    let section = &content.sections[s];
    section.articles.len() + section.subsections.iter().map(|&c| count_articles(content, c)).sum::<usize>()
}
