//! The `freshdocs` command: parses arguments, calls the library, maps outcomes to exit codes.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use freshdocs::CheckFormat;

/// Build a help center from Markdown, and know which articles predate the latest release.
#[derive(Parser)]
#[command(name = "freshdocs", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the site is and what "now" is, for every command that reads a site.
#[derive(clap::Args)]
struct SiteArgs {
    /// The site folder holding freshdocs.toml, or any folder of Markdown files.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Treat this moment as now (RFC 3339, e.g. 2026-03-01T12:00:00Z, or a day such as
    /// 2026-03-01); default SOURCE_DATE_EPOCH, else the clock.
    #[arg(long, value_name = "DATE")]
    now: Option<String>,
}

impl SiteArgs {
    fn into_options(self) -> Result<cmd::SiteOptions, freshdocs::Error> {
        Ok(cmd::SiteOptions { now: freshdocs::now::from_env(self.now.as_deref())?, root: self.root })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The new site is written beside the output and swapped in only when the whole build
    /// succeeded: if anything is wrong, every problem is listed and the previous site stays.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: `output` in freshdocs.toml, else public/).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also print how long each stage took (discover, render, history, search index,
        /// pages, search export, …), to see where a slow build spends its time.
        #[arg(long)]
        timings: bool,
        /// Fail the build when an older version of `[versions]` cannot be built (by default it
        /// is left out with a warning).
        #[arg(long)]
        strict: bool,
    },
    /// Judge every article against the latest release and the age rules; fail CI when stale.
    ///
    /// Exit code 0: nothing at error severity; 1: stale articles or broken links at error
    /// severity; 2: bad input, no git repository, or a shallow clone.
    #[command(disable_version_flag = true)]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Report format: text for people, json for scripts, junit for GitLab and Jenkins,
        /// github for annotations (and the step summary), markdown for comments.
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Judge an older release line instead of the current docs: a line such as v1.16 (its
        /// newest patch) or a release tag such as v1.16.2, read from the tag as of its release.
        #[arg(long, value_name = "V")]
        version: Option<String>,
    },
    /// List the articles that a range of product changes probably made outdated, with the
    /// evidence: what changed, and the line of the article that describes it.
    ///
    /// Exit code 0 (with --fail: 1 when a listed article was not updated in the range); 2 on a
    /// bad range, no git repository or a shallow clone.
    Impact {
        /// A git range of the product repository: `A..B`, or `A...B` from their merge base as in
        /// a pull request (default: the latest release tag to HEAD).
        range: Option<String>,
        #[command(flatten)]
        site: SiteArgs,
        /// text for people, json for scripts, github for annotations and the step summary,
        /// markdown for a pull request comment.
        #[arg(long, value_enum, default_value = "text")]
        format: freshdocs::ImpactFormat,
        /// List at most this many articles (the list is cut by confidence first).
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// Exit with 1 when a listed article was not updated in the range.
        #[arg(long)]
        fail: bool,
    },
    /// Search the help center from the terminal, as customers search the site.
    Search {
        /// What to look for.
        query: String,
        #[command(flatten)]
        site: SiteArgs,
        /// The language to search (default: the site's default language).
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// How many results to show.
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// text for people, json for scripts.
        #[arg(long, value_enum, default_value = "text")]
        format: cmd::search::Format,
    },
    /// Set freshdocs up in an existing repository: find the docs folder, the languages, the
    /// release tags and the owners, and write a commented freshdocs.toml (never overwrites).
    Init {
        /// The folder to set up: where freshdocs.toml goes (default: here).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The folder of the articles, relative to --root, when the one found is not it.
        #[arg(long, value_name = "DIR")]
        content: Option<String>,
        /// Also write the pipeline file: .github/workflows/docs.yml or .gitlab-ci.yml.
        #[arg(long, value_enum, value_name = "CI")]
        ci: Option<freshdocs::init::Ci>,
    },
    /// Start a new article with its front matter (never overwrites a file).
    New {
        /// The article's title; the file name is made from it.
        title: String,
        /// The folder inside the content folder, e.g. `billing` or `billing/cards`.
        #[arg(long, value_name = "SECTION")]
        section: Option<String>,
        /// Write a translation into `content/<LANG>/…`.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// The site folder holding freshdocs.toml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// Print a shell completion script: `freshdocs completions bash > ~/.local/share/bash-completion/completions/freshdocs`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of freshdocs and every command: `freshdocs man >
    /// ~/.local/share/man/man1/freshdocs.1`, then `man freshdocs`.
    Man,
    /// Mark articles as checked against the product: sets `reviewed: <today>` in their front
    /// matter (or `reviewed_for: RELEASE` with --for), changing nothing else in the files.
    Review {
        /// The Markdown files to mark.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Record the release the articles were checked against instead of today's date: a tag
        /// matching `release_tags` of the site at --root (in `release_repo` when set).
        #[arg(long = "for", value_name = "RELEASE")]
        release: Option<String>,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Preview the site while writing: build it, serve it on 127.0.0.1, and rebuild and reload
    /// open pages on every save (a failed build keeps the last good site and shows the errors).
    ///
    /// The site is built into a temporary folder; the output folder (public/) is not touched.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on; when it is taken, the next free one is used (0: any free port).
        #[arg(long, value_name = "N", default_value_t = freshdocs::DEFAULT_PORT)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, out, timings, strict } => {
            with_site(site, |site| cmd::build::run(site, out, timings, strict))
        }
        Command::Check { site, format, version } => {
            with_site(site, |site| cmd::check::run(site, format, version.as_deref()))
        }
        Command::Impact { range, site, format, limit, fail } => {
            with_site(site, |site| cmd::impact::run(site, range, format, limit, fail))
        }
        Command::Search { query, site, lang, limit, format } => {
            with_site(site, |site| cmd::search::run(site, query, lang, limit, format))
        }
        Command::Init { root, content, ci } => cmd::init::run(root, content, ci),
        Command::New { title, section, lang, root } => cmd::new::run(root, title, section, lang),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "freshdocs",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Man => {
            let mut page = Vec::new();
            let command = <Cli as clap::CommandFactory>::command();
            let rendered = clap_mangen::Man::new(command.clone()).render(&mut page).and_then(|()| {
                // One page holds every command: each subcommand's own page follows as a section.
                for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
                    let title = format!("freshdocs-{}", sub.get_name());
                    clap_mangen::Man::new(sub.clone()).title(title).render(&mut page)?;
                }
                std::io::Write::write_all(&mut std::io::stdout(), &page)
            });
            if rendered.is_err() { ExitCode::from(2) } else { ExitCode::SUCCESS }
        }
        Command::Review { paths, release, site } => with_site(site, |site| cmd::review::run(site, paths, release)),
        // The preview reads the clock at each rebuild unless --now fixes it.
        Command::Serve { site: SiteArgs { root, now }, port, open } => {
            match now.as_deref().map(|flag| freshdocs::now::from_env(Some(flag))).transpose() {
                Ok(now) => cmd::serve::run(root, now, port, open),
                Err(error) => {
                    cmd::print_errors(&freshdocs::term::Term::stderr(), &error.into());
                    ExitCode::from(cmd::EXIT_BAD_INPUT)
                }
            }
        }
    }
}

/// Runs a command on a site, once `--now` (or SOURCE_DATE_EPOCH) has been read.
fn with_site(args: SiteArgs, run: impl FnOnce(cmd::SiteOptions) -> ExitCode) -> ExitCode {
    match args.into_options() {
        Ok(site) => run(site),
        Err(error) => {
            cmd::print_errors(&freshdocs::term::Term::stderr(), &error.into());
            ExitCode::from(cmd::EXIT_BAD_INPUT)
        }
    }
}
