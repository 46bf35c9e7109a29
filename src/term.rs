//! Colour and terminal detection in one place: colour only on a terminal, never with `NO_COLOR`
//! or in CI logs that did not ask for it.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy)]
pub struct Term {
    pub color: bool,
    /// Whether a person is watching (a terminal, not CI): progress and the full summary.
    pub interactive: bool,
}

impl Term {
    pub fn stderr() -> Term {
        let tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        Term { color: tty && !no_color, interactive: tty && !ci }
    }

    /// For reports written to standard output.
    pub fn stdout() -> Term {
        let tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Term { color: tty && !no_color, interactive: tty }
    }

    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    pub fn red(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn yellow(&self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub fn green(&self, text: &str) -> String {
        self.paint("1;32", text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// "1 article", "3 articles".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
