//! `freshdocs init`: set freshdocs up in an existing repository.
//!
//! It looks around first ([`survey`], in `survey.rs`): the docs folder (from the settings of the
//! docs tool in use, mdBook, Zola, Hugo, MkDocs, Docusaurus or Starlight, else a folder such as
//! `docs/`), the front matter style, language folders, the release tags, CODEOWNERS and whether
//! the product's code lives beside the docs. Then [`write`] (in `files.rs`) writes a commented
//! `freshdocs.toml` that says what was found, ignores the output folder in `.gitignore`, and with
//! `--ci` writes the pipeline file. It never overwrites a file: every target is checked before
//! anything is written, so a refused run leaves the folder exactly as it was.

mod files;
mod survey;

use std::path::PathBuf;

pub use files::{next_commands, pipeline, settings, write};
pub use survey::survey;

/// The pipeline file `--ci` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// `.github/workflows/docs.yml`
    Github,
    /// `.gitlab-ci.yml`
    Gitlab,
}

/// What `init` found in the folder.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// The folder the settings are for (`--root`).
    pub root: PathBuf,
    /// The docs tool whose settings named the docs folder (`"mdBook"`), if one did.
    pub tool: Option<&'static str>,
    /// The docs folder, relative to `root`, `/`-separated.
    pub content: String,
    /// Markdown files in it.
    pub articles: usize,
    /// Of the sampled Markdown files: YAML (`---`), TOML (`+++`) and no front matter.
    pub yaml: usize,
    pub toml: usize,
    pub plain: usize,
    /// MDX files, which freshdocs does not read.
    pub mdx: usize,
    /// Language folders (`fa`, `pt-br`): translations mirroring the default language's paths.
    pub languages: Vec<String>,
    /// From the docs tool's settings.
    pub title: Option<String>,
    pub base_url: Option<String>,
    /// The repository's work tree, when `root` is in one.
    pub repository: Option<PathBuf>,
    /// Tags in the repository, and the glob suggested for releases with the tags it matches.
    pub tags: usize,
    pub release_tags: Option<(String, Vec<String>)>,
    /// The CODEOWNERS file, relative to the repository, and its owners of the docs folder.
    pub codeowners: Option<(String, Vec<String>)>,
    /// Tracked files outside the docs (and the docs tool's folder): the product beside the docs.
    pub product_files: usize,
    /// The output folder chosen (`public`, unless the repository tracks files there).
    pub output: String,
    /// Copies of the docs kept per version that the build takes for versions
    /// (`Docusaurus's versioned_docs/ (2.0, 1.5)`), if any.
    pub version_copies: Option<String>,
}

/// What `init` wrote.
#[derive(Debug)]
pub struct Written {
    pub survey: Survey,
    /// Files created or appended to, in order.
    pub files: Vec<PathBuf>,
    /// A pipeline file that existed already: left alone, with the job to add printed instead.
    pub pipeline_kept: Option<(PathBuf, String)>,
    /// `freshdocs.toml` existed and was left as it was.
    pub settings_kept: bool,
}
