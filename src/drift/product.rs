//! Which files of the product repository are "the product": what a help article can describe.
//!
//! The product is every file of the release repository outside the content folder (and outside
//! the docs site around it), narrowed by `[freshness] product` and `product_ignore`. Tests, lock
//! files, generated files, CI settings and changelogs are not the product by default: a change to
//! them never makes an article outdated.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::error::Error;

/// Files that are never the product unless `product` names them explicitly.
const DEFAULT_IGNORE: &[&str] = &[
    // Tests and their data.
    "**/test/**",
    "**/tests/**",
    "**/testing/**",
    "**/__tests__/**",
    "**/testdata/**",
    "**/test_data/**",
    "**/fixtures/**",
    "**/test_*/**",
    // Test-support packages: a workspace's `uv-test/`, `test-utils/`, `testutils/`.
    "**/*-test/**",
    "**/*_test/**",
    "**/*-tests/**",
    "**/{test-utils,test_utils,testutils,test-support,test_support}/**",
    "**/snapshots/**",
    "**/*.snap",
    "**/*_test.*",
    "**/*_tests.*",
    "**/*.test.*",
    "**/*.spec.*",
    "**/test_*.py",
    "**/conftest.py",
    "**/benches/**",
    "**/bench/**",
    // Lock files and dependency manifests' locks.
    "**/*.lock",
    "**/package-lock.json",
    "**/pnpm-lock.yaml",
    "**/go.sum",
    "**/npm-shrinkwrap.json",
    // Generated and vendored files.
    "**/vendor/**",
    "**/node_modules/**",
    "**/dist/**",
    "**/*.min.js",
    "**/*.min.css",
    "**/*.map",
    "**/*.generated.*",
    "**/*.pb.go",
    "**/*_pb2.py",
    // Bundled data: syntax grammars and colour themes.
    "**/*.{tmTheme,tmLanguage,sublime-syntax,sublime-settings}",
    // Binary assets: no identifier to match, no line to read.
    "**/*.{png,jpg,jpeg,gif,ico,svg,webp,woff,woff2,ttf,otf,eot,pdf,zip,gz,wasm}",
    // Prose is docs, wherever it lives (a README, a design note), not the product.
    "**/*.{md,mdx,markdown,rst,adoc}",
    // The settings, navigation and build scripts of a docs site beside the product: they name
    // the articles themselves, not what the articles describe.
    "**/mkdocs*.{yml,yaml}",
    "**/zensical.toml",
    "**/docusaurus.config.*",
    "**/sidebars.{js,ts,json}",
    "**/.readthedocs.{yml,yaml}",
    "**/antora*.yml",
    "**/*docs_hooks.py",
    "**/*{stage_docs,build_docs,gen_docs,generate_docs,generate_llmstxt}*",
    // Repository housekeeping.
    ".github/**",
    ".gitlab/**",
    ".circleci/**",
    ".gitlab-ci.yml",
    ".travis.yml",
    "appveyor.yml",
    "azure-pipelines.yml",
    ".cirrus.yml",
    "Jenkinsfile",
    "**/snapcraft.yaml",
    "flake.nix",
    "flake.lock",
    ".git-blame-ignore-revs",
    "**/.gitignore",
    "**/.gitattributes",
    "**/.editorconfig",
    "**/.pre-commit-config.yaml",
    "**/CODEOWNERS",
    "**/{CHANGELOG,CHANGES,HISTORY,NEWS,RELEASES,RELEASE_NOTES}*",
    "**/{LICENSE,LICENCE,COPYING,AUTHORS,CONTRIBUTORS,CODE_OF_CONDUCT,SECURITY,CONTRIBUTING}*",
];

/// The product's files, as a filter on repository-relative paths.
#[derive(Debug, Clone)]
pub(crate) struct Product {
    /// Folders (`docs/`) that are the docs, not the product.
    docs: Vec<String>,
    include: Option<GlobSet>,
    ignore: GlobSet,
}

impl Product {
    /// `docs` are repository-relative folders ending in `/` (the content folder, and the docs
    /// site around it); `include` and `ignore` are the `product` and `product_ignore` globs.
    pub(crate) fn new(docs: Vec<String>, include: &[String], ignore: &[String]) -> Result<Product, Error> {
        let set = |globs: &mut dyn Iterator<Item = &str>| -> Result<GlobSet, Error> {
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                builder.add(glob_of(glob)?);
            }
            builder.build().map_err(|e| Error::bad_product_glob("", &e))
        };
        let include = if include.is_empty() { None } else { Some(set(&mut include.iter().map(String::as_str))?) };
        let ignore = set(&mut DEFAULT_IGNORE.iter().copied().chain(ignore.iter().map(String::as_str)))?;
        Ok(Product { docs, include, ignore })
    }

    /// Whether a change to `path` (repository-relative, `/`-separated) is a product change.
    pub(crate) fn contains(&self, path: &str) -> bool {
        if self.is_docs(path) {
            return false;
        }
        match &self.include {
            // Named explicitly: the defaults do not apply, only `product_ignore` would, and it is
            // part of `ignore`; an explicit `product` glob wins over a default ignore.
            Some(include) => include.is_match(path) && !self.ignored_explicitly(path),
            None => !self.ignore.is_match(path),
        }
    }

    /// Whether `path` is in the docs folders (never product, never watched).
    pub(crate) fn is_docs(&self, path: &str) -> bool {
        self.docs.iter().any(|d| path.starts_with(d.as_str()))
    }

    fn ignored_explicitly(&self, path: &str) -> bool {
        self.ignore.matches(path).into_iter().any(|i| i >= DEFAULT_IGNORE.len())
    }
}

/// A glob as `product` and `watch` take it: relative to the repository root, `*` staying within
/// one folder.
pub(crate) fn glob_of(glob: &str) -> Result<Glob, Error> {
    GlobBuilder::new(glob.trim_start_matches("./"))
        .literal_separator(true)
        .build()
        .map_err(|e| Error::bad_product_glob(glob, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_leave_out_docs_tests_locks_and_housekeeping() {
        let product = Product::new(vec!["docs/".into()], &[], &[]).unwrap();
        for path in ["src/config.rs", "components/site/src/lib.rs", "locales/en.json", "Cargo.toml", "Makefile"] {
            assert!(product.contains(path), "{path} is product");
        }
        for path in [
            "docs/content/a.md",
            "tests/build.rs",
            "src/foo/tests/x.rs",
            "app/button.test.tsx",
            "Cargo.lock",
            "web/yarn.lock",
            ".github/workflows/ci.yml",
            "CHANGELOG.md",
            "README.md",
            "assets/logo.svg",
            "crates/uv-test/src/lib.rs",
            "lib/testutils/src/lib.rs",
            "mkdocs.yml",
            "mkdocs.insiders.yml",
            "website/docusaurus.config.ts",
            "scripts/generate_docs.py",
        ] {
            assert!(!product.contains(path), "{path} is not product");
        }
    }

    #[test]
    fn product_globs_narrow_and_product_ignore_widens() {
        let product = Product::new(vec![], &["src/**".into(), "tests/**".into()], &["src/gen/**".into()]).unwrap();
        assert!(product.contains("src/a.rs"));
        assert!(!product.contains("lib/a.rs"));
        assert!(product.contains("tests/a.rs"), "named explicitly, so the default ignore gives way");
        assert!(!product.contains("src/gen/a.rs"));
    }
}
