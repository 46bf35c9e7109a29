//! CODEOWNERS: who owns a path, so a stale-article report reaches people who can fix it.
//!
//! The file is looked up where GitHub and GitLab look (`.github/`, the root, `docs/`, `.gitlab/`;
//! the first found wins). Patterns follow gitignore rules as both hosts document them, and the
//! last matching rule wins. GitLab sections (`[Docs] @team`) are read as headers whose default
//! owners apply to rules in the section that name none; a rule in a section is otherwise treated
//! like any other rule.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// Where CODEOWNERS files are looked for, in order.
const LOCATIONS: [&str; 4] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"];

/// A parsed CODEOWNERS file.
#[derive(Debug, Clone)]
pub struct CodeOwners {
    /// The file the rules came from.
    pub path: PathBuf,
    /// Owners of each rule, in file order.
    owners: Vec<Vec<String>>,
    /// One or two globs per rule; `rule_of[glob index]` is the rule.
    globs: GlobSet,
    rule_of: Vec<usize>,
    /// Lines that could not be read as a rule: `(line number, text)`.
    pub skipped: Vec<(usize, String)>,
}

/// Reads the CODEOWNERS file of the work tree `workdir`, if there is one.
pub fn codeowners(workdir: &Path) -> Option<CodeOwners> {
    LOCATIONS.iter().find_map(|location| {
        let path = workdir.join(location);
        let text = std::fs::read_to_string(&path).ok()?;
        Some(CodeOwners::parse(path, &text))
    })
}

impl CodeOwners {
    /// Parses CODEOWNERS text; `path` is only recorded for messages.
    pub fn parse(path: PathBuf, text: &str) -> CodeOwners {
        let mut owners = Vec::new();
        let mut builder = GlobSetBuilder::new();
        let mut rule_of = Vec::new();
        let mut skipped = Vec::new();
        let mut section_owners: Vec<String> = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(header) = section_header(line) {
                section_owners = header;
                continue;
            }
            let mut fields = split_fields(line).into_iter();
            let Some(pattern) = fields.next() else {
                continue;
            };
            let mut rule_owners: Vec<String> = fields.take_while(|f| !f.starts_with('#')).collect();
            if rule_owners.is_empty() {
                rule_owners.clone_from(&section_owners);
            }
            let globs = match pattern_globs(&pattern) {
                Some(globs) => globs,
                None => {
                    skipped.push((number + 1, line.to_string()));
                    continue;
                }
            };
            let rule = owners.len();
            for glob in globs {
                match GlobBuilder::new(&glob).literal_separator(true).build() {
                    Ok(glob) => {
                        builder.add(glob);
                        rule_of.push(rule);
                    }
                    Err(_) => skipped.push((number + 1, line.to_string())),
                }
            }
            owners.push(rule_owners);
        }
        let globs = builder.build().unwrap_or_else(|_| GlobSet::empty());
        CodeOwners { path, owners, globs, rule_of, skipped }
    }

    /// Owners of a repo-relative, `/`-separated path: those of the last matching rule (empty
    /// when no rule matches, or when the last matching rule names no owner).
    pub fn owners_of(&self, repo_relative_path: &str) -> Vec<String> {
        let path = repo_relative_path.trim_start_matches('/');
        self.globs
            .matches(path)
            .into_iter()
            .map(|glob| self.rule_of[glob])
            .max()
            .map(|rule| self.owners[rule].clone())
            .unwrap_or_default()
    }
}

/// A GitLab section header (`[Docs]`, `^[Docs][2] @owner`) and its default owners.
fn section_header(line: &str) -> Option<Vec<String>> {
    let rest = line.strip_prefix('^').unwrap_or(line);
    let rest = rest.strip_prefix('[')?;
    let close = rest.find(']')?;
    let mut after = &rest[close + 1..];
    // An optional `[n]` approval count.
    if let Some(count) = after.strip_prefix('[') {
        after = &count[count.find(']')? + 1..];
    }
    // `[abc].md @x` is a rule for a file, not a section: a header is followed by space or nothing.
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some(after.split_whitespace().map(str::to_string).collect())
}

/// Splits a rule on unescaped whitespace; `\ ` keeps a space in a pattern.
fn split_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    if next.is_whitespace() || next == '#' {
                        current.push(next);
                    } else {
                        current.push('\\');
                        current.push(next);
                    }
                }
            }
            c if c.is_whitespace() => {
                if !current.is_empty() {
                    fields.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        fields.push(current);
    }
    fields
}

/// The globs for one gitignore-style pattern: the path itself and everything below it.
///
/// A pattern with a `/` at the start or in the middle is anchored at the root; otherwise it
/// matches at any depth. A trailing `/` matches folders only.
fn pattern_globs(pattern: &str) -> Option<Vec<String>> {
    if pattern.starts_with('!') {
        // Negation is not supported by GitHub or GitLab CODEOWNERS.
        return None;
    }
    let dir_only = pattern.ends_with('/');
    let trimmed = pattern.trim_end_matches('/');
    let anchored = trimmed.contains('/');
    let body = trimmed.trim_start_matches('/');
    if body.is_empty() {
        // `/` alone: the whole repository.
        return Some(vec!["**".to_string()]);
    }
    let base = if anchored || body.starts_with("**") { body.to_string() } else { format!("**/{body}") };
    // GitHub documents `docs/*` as matching files directly in `docs/` only, unlike gitignore.
    let mut globs = Vec::new();
    if !base.ends_with("/*") {
        globs.push(format!("{base}/**"));
    }
    if !dir_only {
        globs.push(base);
    }
    Some(globs)
}
