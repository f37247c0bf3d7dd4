//! `coltiva man [COMMAND]` prints a manual page (roff); `coltiva man --all DIR` writes every
//! page. The main page's COMMANDS and SEE ALSO list exactly the pages this command makes.

use std::path::Path;

use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};

use crate::app::{print, tell};
use crate::cli::{Cli, ManArgs};
use crate::error::{Error, IoContext, Result};

const SECTION: &str = "1";

pub fn run(args: ManArgs) -> Result<()> {
    let mut main = Cli::command();
    main.build();
    if let Some(dir) = &args.all {
        return write_all(&main, dir);
    }
    let page = match args.command.as_deref() {
        None => page(&main, None)?,
        Some(name) => {
            let Some(sub) = subcommands(&main).find(|c| c.get_name() == name) else {
                let names: Vec<&str> = subcommands(&main).map(|c| c.get_name()).collect();
                return Err(Error::Usage(format!(
                    "no command {name:?}; the commands are: {}",
                    names.join(", ")
                )));
            };
            page(&main, Some(sub))?
        }
    };
    print(&page)
}

/// The commands that have a page: every visible subcommand but clap's `help`.
fn subcommands(main: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    main.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

/// The file name of a page: `coltiva.1`, `coltiva-log.1`.
fn file_name(sub: Option<&clap::Command>) -> String {
    match sub {
        None => format!("coltiva.{SECTION}"),
        Some(c) => format!("coltiva-{}.{SECTION}", c.get_name()),
    }
}

fn write_all(main: &clap::Command, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).ctx(|| format!("could not create {}", dir.display()))?;
    let mut pages = vec![(file_name(None), page(main, None)?)];
    for sub in subcommands(main) {
        pages.push((file_name(Some(sub)), page(main, Some(sub))?));
    }
    for (name, text) in &pages {
        let path = dir.join(name);
        std::fs::write(&path, text).ctx(|| format!("could not write {}", path.display()))?;
    }
    tell(&format!(
        "wrote {} manual pages into {}",
        pages.len(),
        dir.display()
    ));
    Ok(())
}

/// One page: clap_mangen's title, name, synopsis, description and options, then coltiva's
/// own sections (clap_mangen would list `help` and call the examples "EXTRA").
fn page(main: &clap::Command, sub: Option<&clap::Command>) -> Result<String> {
    let cmd = sub.unwrap_or(main).clone();
    let man = clap_mangen::Man::new(cmd.clone()).section(SECTION);
    let mut out = Vec::new();
    let failed =
        |e: std::io::Error| Error::Invalid(format!("could not write the manual page: {e}"));
    man.render_title(&mut out).map_err(failed)?;
    man.render_name_section(&mut out).map_err(failed)?;
    man.render_synopsis_section(&mut out).map_err(failed)?;
    man.render_description_section(&mut out).map_err(failed)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).map_err(failed)?;
    }
    let mut roff = Roff::default();
    if sub.is_none() {
        roff.control("SH", ["COMMANDS"]);
        for c in subcommands(main) {
            roff.control("TP", []);
            roff.text([bold(format!("coltiva {}", c.get_name()))]);
            if let Some(about) = c.get_about() {
                roff.text([roman(about.to_string())]);
            }
            roff.text([roman(format!(" See coltiva-{}({SECTION}).", c.get_name()))]);
        }
    }
    if let Some(after) = cmd.get_after_help() {
        roff.control("SH", ["EXAMPLES"]);
        for line in after.to_string().lines() {
            if line.is_empty() {
                roff.control("PP", []);
            } else {
                roff.text([roman(line)]);
                roff.control("br", []);
            }
        }
    }
    if sub.is_none() {
        section(&mut roff, "DATES", DATES);
        section(&mut roff, "ENVIRONMENT", ENVIRONMENT);
        section(&mut roff, "FILES", FILES);
    }
    section(&mut roff, "EXIT STATUS", EXIT_STATUS);
    roff.control("SH", ["SEE ALSO"]);
    let mut see: Vec<String> = match sub {
        // Only pages `coltiva man COMMAND` makes.
        None => subcommands(main)
            .map(|c| format!("coltiva-{}({SECTION})", c.get_name()))
            .collect(),
        Some(_) => vec![format!("coltiva({SECTION})")],
    };
    see.push("git(1)".into());
    roff.text([roman(see.join(", "))]);
    roff.to_writer(&mut out).map_err(failed)?;
    String::from_utf8(out).map_err(|e| Error::Invalid(format!("the manual page is not UTF-8: {e}")))
}

/// A section of paragraphs (separated by blank lines); a line starting with "  " is a tagged
/// item: its first word is the tag.
fn section(roff: &mut Roff, title: &str, body: &str) {
    roff.control("SH", [title]);
    for para in body.split("\n\n") {
        if let Some(item) = para.strip_prefix("  ") {
            let (tag, text) = item.split_once(' ').unwrap_or((item, ""));
            roff.control("TP", []);
            roff.text([bold(tag)]);
            roff.text([roman(text.trim())]);
        } else {
            roff.control("PP", []);
            roff.text([roman(para.replace('\n', " "))]);
        }
    }
}

const DATES: &str = "Every WHEN (--at, --due, --since, --until, --today) accepts an ISO date (2026-11-20), an ISO date-time (2026-11-20T10:30:00+01:00) or an everyday word: today, yesterday, tomorrow, weekday names (fri, \"next friday\"), +3d, -2w.

report --since and --until also take period words: \"this week\", \"last week\", \"this month\", \"last month\": --since starts the period it names, --until ends it. A report period ending before the as-of day is evaluated as of its last day.";

const ENVIRONMENT: &str = "  COLTIVA_DIR The journal folder when --dir is not given. Cron does not read your shell profile: set it in the crontab line or pass --dir.

  NO_COLOR When set and not empty, tables are not coloured (https://no-color.org).

  CLICOLOR CLICOLOR=0 turns colour off.

  CLICOLOR_FORCE CLICOLOR_FORCE=1 colours even when the output is not a terminal.

  COLUMNS The width of tables when the terminal does not say it (else 80).

  VISUAL The editor of coltiva edit; else EDITOR, else vi (notepad on Windows).";

const FILES: &str = "  coltiva.toml The settings at the journal's root; it marks the folder as a journal. coltiva looks for it in --dir, COLTIVA_DIR, the current folder and the folders above it, else uses the default data folder (~/.local/share/coltiva on Linux), which only add and import create.

  customers/ID.toml One file per customer: a header and its records, append-only.

  customers/ID.toml.rej What coltiva repair moved out of a customer file.

  .cache/ Caches, always safe to delete.";

const EXIT_STATUS: &str = "  0 Success.

  1 An error while working: no journal found, a file that cannot be read or parsed (the rest is still reported), check found problems.

  2 The command line is wrong: usage, an unknown or ambiguous customer or promise.";
