//! Where a repository's files are shown on its forge (GitHub, GitLab, Bitbucket), so that an
//! article's link to a file of the repository outside the content folder (`../../src/main.rs`,
//! as GitHub reads it) can lead there on the published site.
//!
//! The forge comes from `repository` in `freshdocs.toml`, else from the `origin` remote when it
//! is on one of the forges whose URL layout is known. Files are linked at `HEAD`, which every
//! one of them resolves to the default branch, so the links follow the repository as it is now.

use std::path::Path;

/// URL templates of a repository's files, `{path}` standing for the repository-relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Forge {
    /// The page that shows a file (or a folder).
    page: String,
    /// The file's bytes, for images.
    raw: String,
}

impl Forge {
    /// The forge of a repository URL as written in `freshdocs.toml`: a GitHub, GitLab or
    /// Bitbucket repository (`https://github.com/acme/app`), or a template with `{path}` for any
    /// other (`https://git.acme.example/app/src/branch/main/{path}`).
    pub(crate) fn from_setting(url: &str) -> Option<Forge> {
        let url = url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return None;
        }
        if url.contains("{path}") {
            return Some(Forge { page: url.to_string(), raw: url.to_string() });
        }
        let base = url.trim_end_matches('/');
        let base = base.strip_suffix(".git").unwrap_or(base);
        let host = base.split('/').nth(2).unwrap_or("").to_ascii_lowercase();
        let (page, raw) = if host.contains("gitlab") {
            ("/-/blob/HEAD/", "/-/raw/HEAD/")
        } else if host == "bitbucket.org" {
            ("/src/HEAD/", "/raw/HEAD/")
        } else {
            ("/blob/HEAD/", "/raw/HEAD/")
        };
        Some(Forge { page: format!("{base}{page}{{path}}"), raw: format!("{base}{raw}{{path}}") })
    }

    /// The forge of a remote URL (`git@github.com:acme/app.git`, `https://github.com/acme/app`),
    /// when it is on github.com, gitlab.com or bitbucket.org; a self-hosted forge's layout is not
    /// guessed.
    pub(crate) fn from_remote(remote: &str) -> Option<Forge> {
        let remote = remote.trim();
        let rest = remote
            .strip_prefix("https://")
            .or_else(|| remote.strip_prefix("http://"))
            .or_else(|| remote.strip_prefix("ssh://"))
            .or_else(|| remote.strip_prefix("git://"))
            .unwrap_or(remote);
        // `git@host:owner/name` (scp-like) or `git@host/owner/name`.
        let rest = match rest.split_once('@') {
            Some((user, after)) if !user.contains('/') => after,
            _ => rest,
        };
        let (host, path) = rest.split_once([':', '/'])?;
        let host = host.to_ascii_lowercase();
        if !matches!(host.as_str(), "github.com" | "gitlab.com" | "bitbucket.org") {
            return None;
        }
        let path = path.trim_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        if path.split('/').filter(|p| !p.is_empty()).count() < 2 {
            return None;
        }
        Forge::from_setting(&format!("https://{host}/{path}"))
    }

    /// The forge of the repository at `root`: `setting` when given, else its `origin` remote.
    pub(crate) fn of_repository(setting: Option<&str>, root: &Path) -> Option<Forge> {
        if let Some(setting) = setting {
            return Forge::from_setting(setting);
        }
        let repo = git2::Repository::open(root).ok()?;
        let remote = repo.find_remote("origin").ok()?;
        Forge::from_remote(remote.url().ok()?)
    }

    /// The URL of the repository file at `path` (repository-relative, `/`-separated): its raw
    /// bytes for an image, its page otherwise.
    pub(crate) fn url_of(&self, path: &str) -> String {
        let encoded = crate::content::slug::encode_path(path);
        let template = if is_image(path) { &self.raw } else { &self.page };
        template.replace("{path}", &encoded)
    }
}

fn is_image(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "avif" | "ico")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_github_repository_shows_files_at_head() {
        let forge = Forge::from_setting("https://github.com/acme/app/").unwrap();
        assert_eq!(forge.url_of("src/main.rs"), "https://github.com/acme/app/blob/HEAD/src/main.rs");
        assert_eq!(forge.url_of("docs/shot.png"), "https://github.com/acme/app/raw/HEAD/docs/shot.png");
    }

    #[test]
    fn gitlab_bitbucket_and_templates_have_their_own_layouts() {
        let gitlab = Forge::from_setting("https://gitlab.example.com/group/app.git").unwrap();
        assert_eq!(gitlab.url_of("README.md"), "https://gitlab.example.com/group/app/-/blob/HEAD/README.md");
        let bitbucket = Forge::from_setting("https://bitbucket.org/acme/app").unwrap();
        assert_eq!(bitbucket.url_of("a b.txt"), "https://bitbucket.org/acme/app/src/HEAD/a%20b.txt");
        let gitea = Forge::from_setting("https://git.acme.example/app/src/branch/main/{path}").unwrap();
        assert_eq!(gitea.url_of("go.mod"), "https://git.acme.example/app/src/branch/main/go.mod");
        assert_eq!(Forge::from_setting("github.com/acme/app"), None, "not a URL");
    }

    #[test]
    fn remotes_on_known_forges_give_their_web_address() {
        for remote in [
            "git@github.com:acme/app.git",
            "https://github.com/acme/app.git",
            "ssh://git@github.com/acme/app",
            "https://token@github.com/acme/app",
        ] {
            let forge = Forge::from_remote(remote).unwrap_or_else(|| panic!("{remote}"));
            assert_eq!(
                forge.url_of("CODE_STYLE.md"),
                "https://github.com/acme/app/blob/HEAD/CODE_STYLE.md",
                "{remote}"
            );
        }
        assert_eq!(Forge::from_remote("/srv/mirrors/app.git"), None);
        assert_eq!(Forge::from_remote("git@git.acme.example:app.git"), None, "a self-hosted layout is not guessed");
        assert_eq!(Forge::from_remote("https://github.com/acme"), None, "no repository");
    }
}
