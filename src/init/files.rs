//! The files `init` writes from a [`Survey`]: the commented `freshdocs.toml`, the `.gitignore`
//! entry for the output folder and the CI pipeline, and the commands it suggests next. None is
//! ever overwritten: an existing `freshdocs.toml` or pipeline file is kept as it was.

use std::fmt::Write as _;
use std::path::Path;

use super::survey::endonym;
use super::{Ci, Survey, Written};
use crate::config::CONFIG_FILE;
use crate::error::Error;

/// The commented `freshdocs.toml` for what was found.
pub fn settings(s: &Survey) -> String {
    let mut t = String::new();
    let found = match s.tool {
        Some(tool) => format!("the {tool} site's docs folder"),
        None => "the docs folder".into(),
    };
    let _ = writeln!(t, "# freshdocs.toml, written by `freshdocs init`. Every key is optional; the");
    let _ = writeln!(t, "# help center's \"Configure your site\" article lists them all.\n");
    let _ = writeln!(t, "title = {}", quoted(s.title.as_deref().unwrap_or("Help Center")));
    match &s.base_url {
        Some(url) => {
            let _ = writeln!(t, "base_url = {}", quoted(url));
        }
        None => {
            let _ = writeln!(t, "# base_url = \"https://docs.example.com/\"   # where the site is published");
        }
    }
    let _ = writeln!(t, "content = {}   # {found}: {} articles", quoted(&s.content), s.articles);
    let _ = writeln!(
        t,
        "output = {}   # where `freshdocs build` writes the site (ignored in .gitignore)",
        quoted(&s.output)
    );
    if s.mdx > 0 {
        let _ = writeln!(t, "# {} .mdx files are not read: freshdocs reads Markdown (.md) only.", s.mdx);
    }
    for code in &s.languages {
        let _ = writeln!(t, "\n# Translations in {}/{code}/, mirroring the default language's paths.", s.content);
        let _ = writeln!(t, "[languages.{}]\nname = {}", toml_key(code), quoted(endonym(code)));
    }
    let _ = writeln!(t, "\n[freshness]");
    match &s.release_tags {
        Some((glob, tags)) => {
            let _ = writeln!(t, "release_tags = {}   # matches {}", quoted(glob), tags.join(", "));
        }
        None if s.tags > 0 => {
            let _ = writeln!(t, "# release_tags = \"v*\"   # none of the {} tags looks like a version", s.tags);
        }
        None => {
            let _ = writeln!(
                t,
                "# release_tags = \"v*\"   # no tags yet: articles are judged by age until the first release"
            );
        }
    }
    if s.product_files > 0 {
        let _ = writeln!(
            t,
            "release_rule = \"coupled\"   # the product's code is beside the docs ({} files): a release makes stale\n\
             \x20                          # only the articles its changes concern; \"all\": every older article",
            s.product_files
        );
    } else {
        let _ = writeln!(
            t,
            "# No product code beside the docs. If the releases are tagged in the product's own repository,\n\
             # clone it beside this one and point at it:\n# release_repo = \"../product\""
        );
    }
    let _ = writeln!(t, "# grace = \"14d\"        # time after a release before older articles turn stale");
    let _ = writeln!(t, "# max_age = \"365d\"     # the age rule warns about articles older than this");
    if let Some((file, owners)) = &s.codeowners {
        let who = if owners.is_empty() { "no owner of the docs folder".into() } else { owners.join(" ") };
        let _ = writeln!(t, "# Owners come from {file} ({who}), or from `owner:` in an article's front matter.");
    }
    match &s.version_copies {
        Some(copies) => {
            let _ = writeln!(
                t,
                "\n# {copies} are published as versions, each at /<name>/,\n                 # with no setting. A [versions] table would build the versions from the release tags instead."
            );
        }
        None if s.release_tags.is_some() => {
            let _ = writeln!(
                t,
                "\n# Publish the help for older releases too, each built from its release tag:\n                 # [versions]\n# keep = 3   # the newest 3 release lines, the current docs included"
            );
        }
        None => {}
    }
    t
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn toml_key(code: &str) -> String {
    if code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        code.to_string()
    } else {
        quoted(code)
    }
}

/// The `--root` argument of the commands printed and written, from the repository's top.
fn root_arg(s: &Survey) -> String {
    let rel = s.repository.as_ref().and_then(|w| {
        let root = s.root.canonicalize().ok()?;
        root.strip_prefix(w).ok().map(|p| p.to_string_lossy().replace('\\', "/"))
    });
    match rel.as_deref() {
        None | Some("") => String::new(),
        Some(rel) => format!(" --root {rel}"),
    }
}

/// The pipeline file for `ci`, relative to the repository's top, and its text.
pub fn pipeline(s: &Survey, ci: Ci) -> (&'static str, String) {
    let root = root_arg(s);
    match ci {
        Ci::Github => (
            ".github/workflows/docs.yml",
            format!(
                "# Written by `freshdocs init --ci github`. It fails when an article is stale or a link is\n\
                 # broken, and writes annotations and the job summary. Set the repository variable\n\
                 # FRESHDOCS_SOURCE (Settings > Secrets and variables > Actions > Variables) to the git\n\
                 # address freshdocs is installed from.\n\
                 name: docs\n\n\
                 on:\n  push:\n    branches: [main]\n  pull_request:\n  schedule:\n    - cron: \"0 6 * * 1\"   # weekly: articles turn stale on time without pushes\n\n\
                 jobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0   # full history and tags: freshdocs needs them\n\
                 \x20     - name: Install freshdocs\n        env:\n          FRESHDOCS_SOURCE: ${{{{ vars.FRESHDOCS_SOURCE }}}}\n        run: |\n\
                 \x20         if [ -z \"$FRESHDOCS_SOURCE\" ]; then\n            echo \"::error::set the repository variable FRESHDOCS_SOURCE to the git address of freshdocs\"\n            exit 1\n          fi\n\
                 \x20         cargo install --locked --git \"$FRESHDOCS_SOURCE\" freshdocs\n\
                 \x20     - name: Check freshness and links\n        run: freshdocs check{root} --format github\n\
                 \x20     - name: Build the site\n        run: freshdocs build{root}\n"
            ),
        ),
        Ci::Gitlab => (
            ".gitlab-ci.yml",
            format!(
                "# Written by `freshdocs init --ci gitlab`. Set the CI/CD variable FRESHDOCS_SOURCE\n\
                 # (Settings > CI/CD > Variables) to the git address freshdocs is installed from.\n\
                 docs:\n  image: rust:latest\n  variables:\n    GIT_DEPTH: 0   # full history: freshdocs needs it\n\
                 \x20 before_script:\n    - cargo install --locked --git \"$FRESHDOCS_SOURCE\" freshdocs\n\
                 \x20 script:\n    - freshdocs check{root} --format junit > freshdocs-report.xml\n    - freshdocs build{root}\n\
                 \x20 artifacts:\n    when: always\n    reports:\n      junit: freshdocs-report.xml\n"
            ),
        ),
    }
}

/// The two commands to run next.
pub fn next_commands(s: &Survey) -> [String; 2] {
    let root = root_arg_here(s);
    [format!("freshdocs check{root}"), format!("freshdocs serve{root}")]
}

/// `--root` as typed from the current folder.
fn root_arg_here(s: &Survey) -> String {
    if s.root == Path::new(".") { String::new() } else { format!(" --root {}", s.root.display()) }
}

/// Writes the settings, the ignore entry and, with `ci`, the pipeline file. An existing
/// `freshdocs.toml` is kept: then only the pipeline file is written, and without `ci` nothing is,
/// which is an error.
pub fn write(s: Survey, ci: Option<Ci>) -> Result<Written, Error> {
    let config = s.root.join(CONFIG_FILE);
    let configured = config.exists();
    if configured && ci.is_none() {
        return Err(Error::usage(
            format!("{} already exists; nothing was changed", config.display()),
            "edit that file, or remove it and run `freshdocs init` again (`--ci github|gitlab` adds only the pipeline)",
        ));
    }
    let pipeline = ci.map(|ci| {
        let (rel, text) = pipeline(&s, ci);
        (s.repository.clone().unwrap_or_else(|| s.root.clone()).join(rel), text)
    });
    let mut files = Vec::new();
    if !configured {
        std::fs::write(&config, settings(&s)).map_err(|e| Error::io(&config, "cannot write the settings", e))?;
        files.push(config);
        let gitignore = s.root.join(".gitignore");
        let existing = std::fs::read_to_string(&gitignore).unwrap_or_default();
        let entry = format!("/{}/", s.output);
        let listed = [entry.clone(), format!("{}/", s.output), s.output.clone()];
        if !existing.lines().any(|l| listed.iter().any(|e| l.trim() == e)) {
            let sep = if existing.is_empty() || existing.ends_with('\n') { "" } else { "\n" };
            let text = format!("{existing}{sep}# the site `freshdocs build` writes\n{entry}\n");
            std::fs::write(&gitignore, text).map_err(|e| Error::io(&gitignore, "cannot add the output folder", e))?;
            files.push(gitignore);
        }
    }
    let mut pipeline_kept = None;
    if let Some((path, text)) = pipeline {
        if path.exists() {
            pipeline_kept = Some((path, text));
        } else {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create the folder", e))?;
            }
            std::fs::write(&path, text).map_err(|e| Error::io(&path, "cannot write the pipeline", e))?;
            files.push(path);
        }
    }
    Ok(Written { survey: s, files, pipeline_kept, settings_kept: configured })
}
