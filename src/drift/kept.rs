//! What each article names ([`mentions::of_article`]), kept between runs in
//! `<…>/freshdocs/mentions/<site>` beside the search index: tokenizing every article again was
//! the largest part of a warm build's history stage once the co-change history was kept (zola's
//! docs: a tenth of the CPU). An entry is keyed by the article's body (a 128-bit hash) and the
//! line it starts on, which are all [`mentions::of_article`] reads. The file is valid for the
//! binary that wrote it, like the renderings beside it.

use std::path::PathBuf;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Mentions;
use super::mentions;

/// Bump when the layout or the meaning of the file changes.
const FORMAT: u32 = 1;

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    format: u32,
    binary: String,
}

/// What `(body, body line)` of each article names, in order: from `file` where it holds the same
/// body, else read again; `file` is then written anew when anything was read again or it held
/// entries no article took.
pub(crate) fn of_articles(file: Option<PathBuf>, articles: &[(&str, usize)]) -> Vec<Mentions> {
    let binary = crate::indexing::binary_identity();
    let kept: HashMap<(u128, usize), Mentions> = match (&file, &binary) {
        (Some(file), Some(binary)) => crate::history::cache::read_file::<Header, (u128, usize, Mentions)>(file, |h| {
            h.format == FORMAT && h.binary == *binary
        })
        .map(|(_, entries)| entries.into_iter().map(|(hash, line, m)| ((hash, line), m)).collect())
        .unwrap_or_default(),
        _ => return articles.iter().map(|&(body, line)| mentions::of_article(body, line)).collect(),
    };
    let mut fresh = 0;
    // Two articles may have the same body on the same line (stubs with only front matter).
    let mut used: HashSet<(u128, usize)> = HashSet::default();
    let keys: Vec<(u128, usize)> =
        articles.iter().map(|&(body, line)| (crate::markdown::hash128(body), line)).collect();
    let out: Vec<Mentions> = articles
        .iter()
        .zip(&keys)
        .map(|(&(body, line), key)| match kept.get(key) {
            Some(m) => {
                used.insert(*key);
                m.clone()
            }
            None => {
                fresh += 1;
                mentions::of_article(body, line)
            }
        })
        .collect();
    if (fresh > 0 || used.len() != kept.len())
        && let (Some(file), Some(binary)) = (file, binary)
    {
        let header = Header { format: FORMAT, binary };
        // A file that cannot be written only costs the next run the tokenizing.
        let _ = crate::history::cache::write_file(&file, &header, keys.iter().zip(&out).map(|(&(h, l), m)| (h, l, m)));
    }
    out
}
