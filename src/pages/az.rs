//! The A–Z page of each language: every article under the letter its title starts with, in
//! the language's own alphabetical order.

use std::collections::BTreeMap;

use super::context::{AzArticle, AzLetter};
use super::{Page, Pages, page_file};

impl Pages<'_> {
    pub(super) fn az_page(&self, lang: &str) -> Page {
        let az_url = self.az_url(lang);
        let mut ctx = self.base_context(lang, &az_url, None);
        ctx.insert("letters", &self.az_letters(lang));
        ctx.insert("page_title", &self.title_with_site(lang, self.theme.string(lang, "az_title").unwrap_or("A–Z")));
        ctx.insert("page_description", "");
        Page { template: "az.html", file: page_file(&az_url, &self.site.base_path), context: ctx }
    }

    fn az_letters(&self, lang: &str) -> Vec<AzLetter<'_>> {
        // Keyed by collation order; each letter holds its articles with their own sort keys.
        type Letter<'p> = (String, Vec<(Vec<u32>, AzArticle<'p>)>);
        let mut letters: BTreeMap<Vec<u32>, Letter> = BTreeMap::new();
        for article in self.content.articles.iter().filter(|a| a.lang == lang) {
            let letter = article
                .title
                .chars()
                .find(|c| c.is_alphanumeric())
                .map(|c| fold_letter(c).to_uppercase().collect::<String>());
            let letter = letter.unwrap_or_else(|| "#".to_string());
            let section = &self.content.sections[article.section];
            letters.entry(collation_key(&letter)).or_insert_with(|| (letter.clone(), Vec::new())).1.push((
                collation_key(&article.title.to_lowercase()),
                AzArticle {
                    section: if section.key.is_empty() { "" } else { &section.title },
                    title: &article.title,
                    url: &article.url,
                },
            ));
        }
        letters
            .into_values()
            .map(|(letter, mut articles)| {
                articles.sort_by(|a, b| a.0.cmp(&b.0));
                AzLetter { articles: articles.into_iter().map(|(_, a)| a).collect(), letter }
            })
            .collect()
    }
}

/// The Persian alphabet in dictionary order; code-point order puts پ چ ژ گ after ی.
const PERSIAN_ORDER: &str = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";

/// Arabic letter variants are filed under their Persian letter (ك → ک, ي → ی, آ → ا).
fn fold_letter(c: char) -> char {
    match c {
        'ك' => 'ک',
        'ي' | 'ى' => 'ی',
        'آ' | 'أ' | 'إ' => 'ا',
        'ة' | 'ۀ' => 'ه',
        other => other,
    }
}

/// A sort key that orders Persian letters as a Persian dictionary does and everything else by
/// code point (right for Latin and Devanagari).
fn collation_key(text: &str) -> Vec<u32> {
    text.chars()
        .map(|c| {
            let c = fold_letter(c);
            match PERSIAN_ORDER.chars().position(|p| p == c) {
                Some(i) => 0x0600 + i as u32,
                None if ('\u{0600}'..='\u{06FF}').contains(&c) => 0x0600 + 0x40 + c as u32 - 0x0600,
                None => c as u32,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_titles_sort_in_dictionary_order() {
        let mut words = vec!["ژاله", "گام", "پرداخت", "یادداشت", "بازگشت", "چطور", "كتاب", "آغاز"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(words, ["آغاز", "بازگشت", "پرداخت", "چطور", "ژاله", "كتاب", "گام", "یادداشت"]);
    }
}
