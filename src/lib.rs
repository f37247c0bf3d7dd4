//! coltiva: a command-line relationship journal.
//!
//! The library is organised as the product is: `model` (the records, one type per file),
//! `storage` (every byte on disk), `config` (settings, journal discovery, the environment),
//! `ids` and `dates` (the id and date rules every path shares), `metrics` (pure functions of
//! records and the as-of day), `report` (report data built from metrics), `render` (table,
//! markdown, json, csv), `import` (the CSV pipeline), `app` (the run context) and `cmd` (one
//! file per subcommand, clap definitions in `cli`). docs/ARCHITECTURE.md draws the arrows.

pub mod app;
#[cfg(test)]
mod architecture;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod contacts;
pub mod dates;
pub mod error;
pub mod git;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod interop;
pub mod mail;
pub mod merge;
pub mod metrics;
pub mod model;
pub mod outlook;
pub mod render;
pub mod repeat;
pub mod report;
pub mod resolve;
pub mod storage;
pub mod text;
pub mod unreadable;

pub use error::{Error, Result};

/// Runs coltiva with the process arguments and returns the exit code (0, 1 or 2).
pub fn main() -> i32 {
    use clap::Parser;
    cmd::complete_if_asked();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let args: Vec<String> = std::env::args().collect();
            if let Some(message) = cli::unknown_flag_message(&e, &args) {
                eprint!("{}", text::message(&message));
                return 2;
            }
            // A word argument refused by clap (which parses before the journal is known) is
            // refused again in the journal's language; English as clap said it.
            let language = storage::Journal::discover(cli::dir_anyway().as_deref())
                .map_or(model::Language::En, |j| j.settings.locale.language);
            if language != model::Language::En
                && let Some(message) = cli::refused_word_in(language)
            {
                eprintln!("error: {}", text::message(&message));
                return 2;
            }
            // Help and version are successes; anything else is a usage error (exit 2).
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let dir = cli.dir.clone();
    // `init` has no journal to ask: what it refuses is in the language of its --locale, else
    // English (never in the language of another journal found from here).
    let init_language = match &cli.command {
        Some(cli::Command::Init(args)) => Some(
            args.locale
                .as_deref()
                .and_then(|name| config::Locale::preset(name).ok())
                .map_or(model::Language::En, |locale| locale.language),
        ),
        _ => None,
    };
    match cmd::run(cli) {
        Ok(()) => 0,
        Err(e) => {
            // References and refusals in the journal's language; when the journal cannot be
            // opened (its settings are what is refused, or there is none) in the language its
            // settings text names, else in English.
            let said = match &e {
                Error::Reference(_) | Error::Refused(_) => {
                    let language = init_language.unwrap_or_else(|| language(dir.as_deref()));
                    i18n::said(i18n::catalogue(language), &e)
                }
                e => e.to_string(),
            };
            eprintln!("coltiva: {}", text::message(&said));
            e.exit_code()
        }
    }
}

/// The language of the journal `--dir` (or the environment) points at, for a refusal: its
/// settings' language; if they do not validate, the language their text names; else English
/// (no journal, or a settings file that cannot be read or parsed).
fn language(dir: Option<&std::path::Path>) -> model::Language {
    if let Ok(journal) = storage::Journal::discover(dir) {
        return journal.settings.locale.language;
    }
    config::discover(dir)
        .ok()
        .and_then(|(root, _)| storage::read_bytes(&root.join(config::SETTINGS_FILE)).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| config::language_written(&text))
        .unwrap_or_default()
}
