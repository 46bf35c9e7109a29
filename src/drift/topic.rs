//! Topic: the words of an article's place in the content folder, matched against the words of a
//! change. Docs are laid out like the product (`providers/docker.md` beside
//! `pkg/provider/docker/`, `lang/python.md` beside `src/plugins/core/python.rs`), and a commit
//! says what it changes ("Add least time load balancing strategy"). A new option is not yet named
//! by any article, so no mention can find it; the article about that part of the product is the
//! one to edit, and its path says which it is.
//!
//! A weak signal ([`WEIGHT`]) that orders `impact`'s list where other evidence ties; the release
//! rule leaves it out (`freshness::coupled_release_finding`). Only rare words count: one that many articles'
//! paths hold (`http`, `config`) or many product files' paths (`provider`, `util`) names no topic.

use rustc_hash::FxHashMap as HashMap;

/// The strength of a word that one article's path holds; `WEIGHT / √n` for one that `n` hold.
pub(crate) const WEIGHT: f64 = 0.2;
/// A word in more than this share of the articles' paths names no one topic.
const ARTICLE_SHARE: f64 = 0.05;
/// ... nor one in more than this share of the product files' paths.
const FILE_SHARE: f64 = 0.02;

/// The words of the articles' paths, and how common each is among the product's files.
pub(crate) struct Topics {
    /// Word → the articles whose path holds it (only the rare ones), each with the word as
    /// its path spells it (`kubernetes` for the key `kubernete`).
    articles: HashMap<String, Vec<(usize, String)>>,
    /// Word → product files whose path holds it, with their number.
    files: HashMap<String, u32>,
    file_count: usize,
}

impl Topics {
    /// `paths`: each article's path in the content folder; `product_files`: the product files
    /// known to the history (empty when the docs have a repository of their own).
    pub(crate) fn new<'a>(paths: &[&str], product_files: impl Iterator<Item = &'a str>) -> Topics {
        let mut articles: HashMap<String, Vec<(usize, String)>> = HashMap::default();
        // `spelled` gives each word of a path once.
        for (a, path) in paths.iter().enumerate() {
            for (word, shown) in spelled(stem_of(path)) {
                articles.entry(word).or_default().push((a, shown));
            }
        }
        // A word of one article's path is always rare enough, however small the site.
        let most = (ARTICLE_SHARE * paths.len() as f64).max(1.0);
        articles.retain(|_, list| list.len() as f64 <= most);
        let mut files: HashMap<String, u32> = HashMap::default();
        let mut file_count = 0;
        for path in product_files {
            file_count += 1;
            for word in words_of_path(path) {
                *files.entry(word).or_default() += 1;
            }
        }
        Topics { articles, files, file_count }
    }

    /// The articles whose path holds a rare word of `words`: (article, the word as its path
    /// spells it, weight).
    pub(crate) fn matching<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = (usize, &'a str, f64)> + 'a {
        words.iter().filter(|w| !self.common_in_product(w)).flat_map(move |word| {
            let named = self.articles.get(word).map(Vec::as_slice).unwrap_or_default();
            let weight = WEIGHT / (named.len().max(1) as f64).sqrt();
            named.iter().map(move |(a, shown)| (*a, shown.as_str(), weight))
        })
    }

    fn common_in_product(&self, word: &str) -> bool {
        let n = self.files.get(word).copied().unwrap_or(0) as f64;
        n > (FILE_SHARE * self.file_count as f64).max(2.0)
    }
}

/// The words that name a topic in a path: its folders and file name without the extension,
/// split at punctuation and camelCase, lower-cased, without a plural `s`; short, numeric and
/// structural words (`src`, `index`, `test`) are left out.
pub(crate) fn words_of_path(path: &str) -> Vec<String> {
    words(stem_of(path))
}

/// A path without its extension.
fn stem_of(path: &str) -> &str {
    match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && ext.chars().all(|c| c.is_ascii_alphanumeric()) => stem,
        _ => path,
    }
}

/// The words of a commit subject, as [`words_of_path`] cuts them.
pub(crate) fn words(text: &str) -> Vec<String> {
    spelled(text).into_iter().map(|(word, _)| word).collect()
}

/// Each word, as compared (lower-case, singular) and as written (lower-case).
fn spelled(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut word = String::new();
    let mut previous: Option<char> = None;
    let mut flush = |word: &mut String| {
        let w = std::mem::take(word);
        if w.chars().count() < 3 || w.chars().all(|c| c.is_ascii_digit()) || STOP.contains(&w.as_str()) {
            return;
        }
        let key = match w.strip_suffix('s') {
            Some(singular) if w.len() > 4 => singular.to_string(),
            _ => w.clone(),
        };
        if out.iter().all(|(k, _)| *k != key) {
            out.push((key, w));
        }
    };
    for c in text.chars() {
        if !c.is_alphanumeric() {
            flush(&mut word);
        } else {
            // `dashboardName` is two words; `HTTPRoute` stays one (no lower-case letter before).
            if c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
                flush(&mut word);
            }
            word.extend(c.to_lowercase());
        }
        previous = Some(c);
    }
    flush(&mut word);
    out
}

/// Words that name the structure of a repository or the act of changing it, not a topic.
const STOP: &[&str] = &[
    "index", "readme", "overview", "src", "pkg", "lib", "docs", "doc", "the", "and", "for", "with", "from", "not",
    "add", "fix", "use", "support", "new", "allow", "make", "update", "remove", "when", "main", "mod", "test", "tests",
    "internal", "cmd",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_punctuation_and_camel_case_without_plurals_or_structure() {
        assert_eq!(words_of_path("pkg/provider/docker/configLoader.go"), ["provider", "docker", "config", "loader"]);
        assert_eq!(words_of_path("middlewares/http/_index.md"), ["middleware", "http"]);
        assert_eq!(words("feat: Add TCP healthchecks (#1234)"), ["feat", "tcp", "healthcheck"]);
        assert_eq!(words("HTTPRoute v2"), ["httproute"]);
    }

    #[test]
    fn only_rare_words_match() {
        let mut paths: Vec<String> = (0..40).map(|i| format!("http/page{i}.md")).collect();
        paths.push("providers/docker.md".into());
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let files = ["pkg/provider/docker/config.go", "pkg/provider/file/file.go", "pkg/provider/kv/kv.go"];
        let topics = Topics::new(&paths, files.into_iter());
        let change = words_of_path("pkg/provider/docker/config.go");
        let matched: Vec<(usize, &str, f64)> = topics.matching(&change).collect();
        // `provider` is in three of three product files, `http` in 40 of 41 articles: neither counts.
        assert_eq!(matched, [(40, "docker", WEIGHT)]);
        let one_provider = words("one provider");
        assert_eq!(topics.matching(&one_provider).count(), 0, "`provider` is common in the product");
        let topics = Topics::new(&["guides/containers.md"], std::iter::empty());
        let subject = words("Run a container");
        let singular: Vec<(usize, &str, f64)> = topics.matching(&subject).collect();
        assert_eq!(singular, [(0, "containers", WEIGHT)], "shown as the article's path spells it");
        assert_eq!(topics.matching(&words("http: keep-alive")).count(), 0);
    }
}
