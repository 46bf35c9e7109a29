//! `freshdocs new`: a new article with its front matter, in the right folder, never overwriting.

use std::path::{Component, Path, PathBuf};

use crate::config::Site;
use crate::content::slug::slugify;
use crate::error::Error;

/// Writes a new article for `title` into the site at `root` (in `section`, for `lang`) and
/// returns its path. Refuses a title without letters or digits, an unknown language, a section
/// outside the content folder, and an existing file.
pub fn create_article(root: &Path, title: &str, section: Option<&str>, lang: Option<&str>) -> Result<PathBuf, Error> {
    let site = Site::load(root, None)?;
    let usage = Error::usage;
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(usage(
            format!("the title {title:?} has no letters or digits to name the file"),
            "give the article a title in words",
        ));
    }
    let mut dir = site.content_dir.clone();
    if let Some(code) = lang.filter(|l| *l != site.default_language().code) {
        if site.language(code).is_none() {
            let known: Vec<&str> = site.languages.iter().map(|l| l.code.as_str()).collect();
            return Err(Error::unknown_language(
                code,
                &known,
                "add it to freshdocs.toml as [languages.<code>], or pick one of those",
            ));
        }
        dir.push(code);
    }
    if let Some(section) = section {
        let section_path = Path::new(section);
        if !section_path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(usage(
                format!("the section `{section}` is not a folder inside the content folder"),
                "name a folder such as `billing` or `billing/cards`",
            ));
        }
        dir.push(section_path);
    }
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(usage(
            format!("{} already exists; nothing was changed", path.display()),
            "choose another title, or edit that article",
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot create the folder", e))?;
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    let text = format!(
        "---\ntitle: {quoted}\n# description: One sentence, shown in lists and search results.\n# tags: []\n# owner: \"@team\"\n---\n\nStart with the answer in one or two sentences, then the steps.\n\n## Steps\n\n1. \n"
    );
    // `create_new` refuses to overwrite a file that appeared since the check above.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::io(&path, "cannot create", e))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(&path, "cannot write", e))?;
    Ok(path)
}
