//! Snippets: `--8<-- "path"` lines replaced by the file they name, as MkDocs' `pymdownx.snippets`
//! writes them, so that docs written for MkDocs Material (or Zensical) build as their writers
//! see them: a shared warning, an example file inside a code block, a section of another file.
//!
//! What is read, as there:
//!
//! - a line `--8<-- "file"` (or `'file'`), indented or not: the file, each line indented as the
//!   include was; `file:name` is the part between `--8<-- [start:name]` and `--8<-- [end:name]`,
//!   `file:3:8` lines 3 to 8 (`file:3`, `file::8` and `file:1:3,7:9` too);
//! - a block of file names, one per line, between two lines `--8<--`;
//! - a `;` before `--8<--` keeps the line as written, without the `;`;
//! - section markers are left out of what is spliced in, and spliced files are read for snippets
//!   of their own.
//!
//! A path is looked for from the repository's root (where `mkdocs.yml` usually is, and what the
//! snippets' default `base_path` means), then the site's root, the content folder and the
//! article's folder, and never outside the first three. A file that is not found is a warning
//! with the line, and the line is left out.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How deep snippets may include snippets.
const MAX_DEPTH: usize = 8;

/// A body with its snippets spliced in.
#[derive(Debug, Default)]
pub(crate) struct Spliced {
    pub(crate) body: String,
    /// For each line of `body`, the line of the original body it comes from (0-based); empty
    /// when nothing was spliced in.
    pub(crate) line_map: Vec<usize>,
    /// The files spliced in, canonical.
    pub(crate) included: Vec<PathBuf>,
    /// Snippets not found or not allowed: (0-based line of the original body, message).
    pub(crate) problems: Vec<(usize, String)>,
}

/// Where snippet paths are looked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Roots {
    /// Canonical folders a snippet must be inside, in the order paths are tried.
    roots: Vec<PathBuf>,
    /// The site's MkDocs (or Zensical) settings turn snippets on without `check_paths`: a
    /// missing snippet is left out quietly there, so it is here too.
    quiet_when_missing: bool,
}

impl Roots {
    /// The repository around the content folder (if any), the site's root and the content folder.
    pub(crate) fn new(site_root: &Path, content_dir: &Path) -> Roots {
        let content = content_dir.canonicalize().ok();
        let repository =
            content.as_deref().and_then(|c| c.ancestors().find(|dir| dir.join(".git").exists())).map(Path::to_path_buf);
        let mut roots: Vec<PathBuf> = Vec::new();
        for root in [repository, site_root.canonicalize().ok(), content] {
            if let Some(root) = root.filter(|r| !roots.contains(r)) {
                roots.push(root);
            }
        }
        let quiet_when_missing = roots.iter().take(2).any(|root| mkdocs_snippets_unchecked(root));
        Roots { roots, quiet_when_missing }
    }

    /// The file `name` means, written in the file at `from`.
    fn find(&self, name: &str, from: &Path) -> Option<PathBuf> {
        let name = Path::new(name);
        let folders = self.roots.iter().map(PathBuf::as_path).chain(from.parent());
        folders
            .map(|dir| dir.join(name))
            .filter_map(|path| path.canonicalize().ok())
            .find(|path| path.is_file() && self.roots.iter().any(|root| path.starts_with(root)))
    }
}

/// Whether an MkDocs or Zensical settings file in `folder` turns `pymdownx.snippets` on without
/// `check_paths` (so that a missing snippet is no error there).
fn mkdocs_snippets_unchecked(folder: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(folder) else { return false };
    let settings: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name == "zensical.toml"
                || (name.starts_with("mkdocs") && (name.ends_with(".yml") || name.ends_with(".yaml")))
        })
        .filter_map(|name| std::fs::read_to_string(folder.join(name)).ok())
        .collect();
    let on = settings.iter().any(|text| text.contains("pymdownx.snippets"));
    let checked = settings.iter().any(|text| {
        text.lines().any(|line| line.contains("check_paths") && line.to_ascii_lowercase().contains("true"))
    });
    on && !checked
}

/// Whether `body` may hold snippets (a cheap test before [`splice`]).
pub(crate) fn has_snippets(body: &str) -> bool {
    body.contains("8<-")
}

/// `body` (of the file at `path`) with its snippets spliced in.
pub(crate) fn splice(body: &str, path: &Path, roots: &Roots) -> Spliced {
    let mut lines: Vec<String> = Vec::new();
    let mut line_map = Vec::new();
    let mut ctx = Context {
        roots,
        stack: path.canonicalize().into_iter().collect(),
        included: HashSet::new(),
        problems: Vec::new(),
        touched: false,
    };
    ctx.expand(body, path, "", None, &mut |line, origin| {
        lines.push(line);
        line_map.push(origin);
    });
    if !ctx.touched {
        return Spliced { body: body.to_string(), ..Spliced::default() };
    }
    let mut body_out = lines.join("\n");
    if body.ends_with('\n') {
        body_out.push('\n');
    }
    let mut included: Vec<PathBuf> = ctx.included.into_iter().collect();
    included.sort();
    Spliced { body: body_out, line_map, included, problems: ctx.problems }
}

struct Context<'a> {
    roots: &'a Roots,
    /// The files being spliced, outermost first (a file including itself is refused).
    stack: Vec<PathBuf>,
    included: HashSet<PathBuf>,
    problems: Vec<(usize, String)>,
    /// Whether any `--8<--` line was met.
    touched: bool,
}

impl Context<'_> {
    /// Emits the lines of `text` (of the file at `path`), indented by `indent`, each with the
    /// line of the article it comes from: its own in the article itself, `origin` (the include's
    /// line) in a spliced file.
    fn expand(
        &mut self,
        text: &str,
        path: &Path,
        indent: &str,
        origin: Option<usize>,
        emit: &mut dyn FnMut(String, usize),
    ) {
        let mut in_block = false;
        for (i, line) in text.lines().enumerate() {
            let at = origin.unwrap_or(i);
            // Section markers are left out of what is spliced in (an article's own are its text).
            if origin.is_some() && section_marker(line).is_some() {
                continue;
            }
            let found = marker(line);
            self.touched |= found.is_some();
            if in_block {
                if found.as_ref().is_some_and(|m| m.name.is_none() && !m.escaped) {
                    in_block = false;
                } else if !line.trim().is_empty() && !line.trim().starts_with(';') {
                    self.include(line.trim(), path, &format!("{indent}{}", leading_space(line)), at, emit);
                }
                continue;
            }
            match found {
                Some(Marker { escaped: true, space, .. }) => {
                    emit(format!("{indent}{space}{}", &line[space.len() + 1..]), at);
                }
                Some(Marker { name: Some(name), space, .. }) => {
                    self.include(&name, path, &format!("{indent}{space}"), at, emit);
                }
                Some(Marker { name: None, .. }) => in_block = true,
                None if line.is_empty() => emit(String::new(), at),
                None => emit(format!("{indent}{line}"), at),
            }
        }
    }

    fn include(&mut self, spec: &str, from: &Path, indent: &str, at: usize, emit: &mut dyn FnMut(String, usize)) {
        let (name, part) = split_spec(spec);
        let Some(file) = self.roots.find(name, from) else {
            if !self.roots.quiet_when_missing {
                self.problems.push((at, format!("snippet `{name}` not found; the line is left out")));
            }
            return;
        };
        if self.stack.contains(&file) || self.stack.len() > MAX_DEPTH {
            self.problems.push((at, format!("snippet `{name}` includes itself; the line is left out")));
            return;
        }
        let text = match std::fs::read(&file) {
            Ok(bytes) => super::normalize_text(&String::from_utf8_lossy(&bytes)),
            Err(e) => {
                self.problems.push((at, format!("snippet `{name}` cannot be read ({e}); the line is left out")));
                return;
            }
        };
        let text = match part.map(|part| select(&text, part)) {
            None => text,
            Some(Ok(selected)) => selected,
            Some(Err(_)) if self.roots.quiet_when_missing => return,
            Some(Err(why)) => {
                self.problems.push((at, format!("snippet `{spec}`: {why}; the line is left out")));
                return;
            }
        };
        self.included.insert(file.clone());
        self.stack.push(file.clone());
        self.expand(&text, &file, indent, Some(at), emit);
        self.stack.pop();
    }
}

/// A `--8<--` line.
struct Marker<'a> {
    space: &'a str,
    escaped: bool,
    /// The file named; None for a block's opening or closing line.
    name: Option<String>,
}

fn leading_space(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// The `--8<--` line `line` is, if any.
fn marker(line: &str) -> Option<Marker<'_>> {
    let space = leading_space(line);
    let rest = &line[space.len()..];
    let escaped = rest.starts_with(';');
    let rest = rest.trim_start_matches(';');
    let after_dashes = rest.trim_start_matches('-');
    if after_dashes.len() == rest.len() {
        return None;
    }
    let after = after_dashes.strip_prefix("8<")?;
    let tail = after.trim_start_matches('-');
    if tail.len() == after.len() {
        return None;
    }
    if escaped {
        return Some(Marker { space, escaped, name: None });
    }
    if tail.is_empty() {
        return Some(Marker { space, escaped, name: None });
    }
    let arg = tail.strip_prefix([' ', '\t'])?.trim_start();
    let quote = arg.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = arg.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.is_empty()).then(|| Marker { space, escaped, name: Some(inner.to_string()) })
}

/// A section's start or end, anywhere in a line (behind a comment sign in code):
/// `# --8<-- [start:name]` → (`true`, `name`).
fn section_marker(line: &str) -> Option<(bool, &str)> {
    let at = line.find("8<-")?;
    let rest = line[at + 2..].trim_start_matches('-');
    let rest = rest.strip_prefix([' ', '\t'])?.trim_start().strip_prefix('[')?;
    let (kind, rest) = rest.split_once(':')?;
    let name = rest.split_once(']')?.0.trim();
    match kind.trim() {
        "start" => Some((true, name)),
        "end" => Some((false, name)),
        _ => None,
    }
}

/// `file:part` → (`file`, `part`); a `:` that is part of a Windows drive or of the name stays.
fn split_spec(spec: &str) -> (&str, Option<&str>) {
    match spec.split_once(':') {
        Some((name, part)) if !name.is_empty() && !part.is_empty() => (name, Some(part)),
        Some((name, _)) if !name.is_empty() => (name, None),
        _ => (spec, None),
    }
}

/// The lines of `text` that `part` selects: a section's name, or line ranges `3:8,10:12`.
fn select(text: &str, part: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let numeric = part.chars().all(|c| c.is_ascii_digit() || c == ':' || c == ',');
    if numeric {
        let mut out = Vec::new();
        for range in part.split(',') {
            let (start, end) = range.split_once(':').unwrap_or((range, ""));
            let start = if start.is_empty() { 1 } else { start.parse::<usize>().map_err(|_| "a bad line range")? };
            let end = if end.is_empty() {
                if range.contains(':') { lines.len() } else { start }
            } else {
                end.parse::<usize>().map_err(|_| "a bad line range")?
            };
            let (start, end) = (start.max(1), end.min(lines.len()));
            if start <= end {
                out.extend_from_slice(&lines[start - 1..end]);
            }
        }
        return Ok(out.join("\n"));
    }
    let is = |line: &str, start: bool| section_marker(line) == Some((start, part));
    let start = lines.iter().position(|l| is(l, true)).ok_or_else(|| format!("no section `{part}`"))?;
    let end = lines[start + 1..].iter().position(|l| is(l, false)).map_or(lines.len(), |e| start + 1 + e);
    Ok(lines[start + 1..end].join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Roots) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("docs/snippets")).unwrap();
        std::fs::write(dir.path().join("docs/snippets/note.md"), "!!! note\n    Refunds take 5 days.\n").unwrap();
        std::fs::write(
            dir.path().join("example.toml"),
            "# --8<-- [start:server]\n[server]\nport = 80\n# --8<-- [end:server]\n[log]\nlevel = 1\n",
        )
        .unwrap();
        let roots = Roots::new(dir.path(), &dir.path().join("docs"));
        (dir, roots)
    }

    #[test]
    fn a_snippet_line_is_replaced_by_the_file_indented_as_the_line() {
        let (dir, roots) = site();
        let article = dir.path().join("docs/a.md");
        let body = "# A\n\n--8<-- \"docs/snippets/note.md\"\n\n=== \"TOML\"\n\n    ```toml\n    --8<-- \"example.toml:server\"\n    ```\nend\n";
        let s = splice(body, &article, &roots);
        assert_eq!(
            s.body,
            "# A\n\n!!! note\n    Refunds take 5 days.\n\n=== \"TOML\"\n\n    ```toml\n    [server]\n    port = 80\n    ```\nend\n"
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        // Every line keeps the line of the article it comes from.
        assert_eq!(s.line_map, vec![0, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9]);
        assert_eq!(s.included.len(), 2);
    }

    #[test]
    fn ranges_blocks_escapes_and_missing_files() {
        let (dir, roots) = site();
        let article = dir.path().join("docs/a.md");
        let body = "--8<--\nexample.toml:5:6\n--8<--\n;--8<-- \"example.toml\"\n--8<-- \"nope.md\"\nlast\n";
        let s = splice(body, &article, &roots);
        assert_eq!(s.body, "[log]\nlevel = 1\n--8<-- \"example.toml\"\nlast\n");
        assert_eq!(s.problems, vec![(4, "snippet `nope.md` not found; the line is left out".to_string())]);
        assert_eq!(s.line_map, vec![1, 1, 3, 5]);
    }

    #[test]
    fn snippets_never_read_outside_the_roots_and_never_loop() {
        let (dir, roots) = site();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
        std::fs::write(dir.path().join("docs/self.md"), "--8<-- \"docs/self.md\"\n").unwrap();
        let article = dir.path().join("docs/a.md");
        let body = format!(
            "--8<-- \"{}\"\n--8<-- \"../{}/secret.md\"\n--8<-- \"docs/self.md\"\n",
            outside.path().join("secret.md").display(),
            outside.path().file_name().unwrap().to_string_lossy()
        );
        let s = splice(&body, &article, &roots);
        assert!(!s.body.contains("secret"), "{}", s.body);
        assert_eq!(s.problems.len(), 3, "{:?}", s.problems);
        assert!(s.problems[2].1.contains("includes itself"), "{:?}", s.problems);
    }

    #[test]
    fn missing_snippets_are_quiet_where_mkdocs_settings_do_not_check_paths() {
        let (dir, _) = site();
        std::fs::write(dir.path().join("mkdocs.yml"), "markdown_extensions:\n  - pymdownx.snippets\n").unwrap();
        let body = "--8<-- \"nope.md\"\n--8<-- \"example.toml:nosuch\"\nlast\n";
        let quiet = splice(body, &dir.path().join("docs/a.md"), &Roots::new(dir.path(), &dir.path().join("docs")));
        assert_eq!((quiet.body.as_str(), quiet.problems.len()), ("last\n", 0));
        std::fs::write(
            dir.path().join("mkdocs.yml"),
            "markdown_extensions:\n  - pymdownx.snippets:\n      check_paths: true\n",
        )
        .unwrap();
        let checked = splice(body, &dir.path().join("docs/a.md"), &Roots::new(dir.path(), &dir.path().join("docs")));
        assert_eq!(checked.problems.len(), 2, "{:?}", checked.problems);
    }

    #[test]
    fn a_body_without_snippets_is_left_alone() {
        let (dir, roots) = site();
        let body = "# A\n\n  indented -- 8< not a snippet\n\ttab\n";
        let s = splice(body, &dir.path().join("docs/a.md"), &roots);
        assert_eq!(s.body, body);
        assert!(s.line_map.is_empty() && s.included.is_empty());
    }
}
