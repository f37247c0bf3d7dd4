//! Shell completion (PRODUCT.md §8.5): customer ids, open promise ids and every fixed value
//! (channel, phase, by, kind, sort, format), in bash, zsh and fish (and elvish, powershell).
//!
//! Built on clap_complete's dynamic completion (`CompleteEnv`, feature `unstable-dynamic`):
//! the script that `coltiva completions SHELL` prints calls `COMPLETE=SHELL coltiva -- WORDS`
//! at each TAB, and [`complete_if_asked`] answers from the clap definitions (so fixed values
//! are the model's own words and hidden commands such as `merge-driver` are not offered) plus
//! the journal's customer and promise ids. The journal is found as every command finds it
//! (`--dir` among the words typed, `$COLTIVA_DIR`, the working directory), and the promises
//! still to resolve are those of the as-of day typed (`--today`, else the real today); a
//! journal that cannot be read completes nothing rather than printing an error into the
//! prompt. A promise's text, shown beside its id, has its control and bidi characters escaped.

use std::ffi::OsString;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::{CompleteEnv, Shell};

use crate::app::print;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Result};
use crate::metrics::promises::{PromiseStatus, promise_states};
use crate::storage::Journal;

/// The environment variable the scripts set to ask for candidates.
const VAR: &str = "COMPLETE";

/// Subcommands whose `customer` argument names one customer.
const CUSTOMER_ARGS: &[(&str, &str)] = &[
    ("log", "customer"),
    ("order", "customer"),
    ("promise", "customer"),
    ("phase", "customer"),
    ("set", "customer"),
    ("repair", "customer"),
    ("forget", "customer"),
    ("show", "customer"),
    ("edit", "customer"),
    ("promises", "customers"),
];

/// Subcommands whose `promise` argument names a promise still to resolve.
const PROMISE_ARGS: &[&str] = &["keep", "break", "cancel", "renegotiate"];

/// The clap definitions with the journal's ids attached as candidates.
pub fn command() -> clap::Command {
    let mut command = Cli::command();
    for (sub, arg) in CUSTOMER_ARGS {
        command = command.mut_subcommand(*sub, |c| {
            with_candidates(c, arg, ArgValueCandidates::new(customer_candidates))
        });
    }
    for sub in PROMISE_ARGS {
        command = command.mut_subcommand(*sub, |c| {
            with_candidates(c, "promise", ArgValueCandidates::new(promise_candidates))
        });
    }
    command.mut_subcommand("log", |c| {
        c.mut_arg("channel", |a| {
            a.add(ArgValueCandidates::new(channel_candidates))
        })
    })
}

/// The channels, and in an Italian journal the Italian words `--channel` also accepts
/// (`telefonata`, `visita`…), each with the channel it stands for as help.
fn channel_candidates() -> Vec<CompletionCandidate> {
    use crate::model::{Channel, Language, Word};
    let words = Channel::words().into_iter().map(CompletionCandidate::new);
    if journal().is_none_or(|j| j.settings.locale.language != Language::It) {
        return words.collect();
    }
    let aliases = Channel::ALIASES
        .iter()
        .map(|(word, channel)| CompletionCandidate::new(*word).help(Some(channel.as_str().into())));
    words.chain(aliases).collect()
}

/// Attaches `candidates` to the argument `arg` of `command`. `mut_arg` moves the argument to
/// the end of the list, and positionals without an index are numbered in list order, so every
/// positional first gets its index pinned where it was declared.
fn with_candidates(
    mut command: clap::Command,
    arg: &str,
    candidates: ArgValueCandidates,
) -> clap::Command {
    let positionals: Vec<clap::Id> = command
        .get_positionals()
        .map(|a| a.get_id().clone())
        .collect();
    for (i, id) in positionals.iter().enumerate() {
        command = command.mut_arg(id, |a| a.index(i + 1));
    }
    command.mut_arg(arg, |a| a.add(candidates))
}

/// When the shell asks for candidates (`COMPLETE` set), prints them and exits; otherwise
/// returns and the command line runs as usual.
pub fn complete_if_asked() {
    CompleteEnv::with_factory(command).var(VAR).complete();
}

/// `coltiva completions SHELL`: the script that registers the completion.
pub fn run(args: CompletionsArgs) -> Result<()> {
    let shell: &dyn EnvCompleter = match args.shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Elvish => &Elvish,
        Shell::PowerShell => &Powershell,
        other => {
            return Err(Error::Usage(format!(
                "no completion for {other}; use bash, zsh, fish, elvish or powershell"
            )));
        }
    };
    let mut script = Vec::new();
    shell
        .write_registration(VAR, "coltiva", "coltiva", "coltiva", &mut script)
        .map_err(|e| Error::io("could not write the completion script", e))?;
    print(&String::from_utf8_lossy(&script))
}

/// The value of `--NAME VALUE` or `--NAME=VALUE` among the words being completed (the last
/// one typed), as the command itself would read it.
fn typed(name: &str) -> Option<String> {
    let words: Vec<OsString> = std::env::args_os().collect();
    let (flag, prefix) = (format!("--{name}"), format!("--{name}="));
    let mut found = None;
    let mut it = words.iter().skip_while(|w| *w != "--").skip(1);
    while let Some(word) = it.next() {
        let text = word.to_string_lossy();
        if text == flag {
            found = it.next().map(|v| v.to_string_lossy().into_owned());
        } else if let Some(value) = text.strip_prefix(&prefix) {
            found = Some(value.to_string());
        }
    }
    found
}

/// The journal the words being completed refer to (`--dir` among them).
fn journal() -> Option<Journal> {
    let dir = typed("dir").map(std::path::PathBuf::from);
    Journal::discover(dir.as_deref()).ok()
}

/// The as-of day of the words being completed: `--today` among them (as the command reads
/// it), else the real today; a `--today` not (yet) a day is the real today.
fn today() -> chrono::NaiveDate {
    let typed = typed("today");
    crate::app::Context::new(None, typed.as_deref())
        .or_else(|_| crate::app::Context::new(None, None))
        .map_or_else(|_| chrono::Local::now().date_naive(), |c| c.today)
}

fn customer_candidates() -> Vec<CompletionCandidate> {
    journal()
        .and_then(|j| j.customer_ids().ok())
        .unwrap_or_default()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// Promise ids not yet resolved (open or overdue), with their customer and text as help.
fn promise_candidates() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let today = today();
    let found = journal.map_all(|c| {
        promise_states(&c, today)
            .iter()
            .filter(|s| matches!(s.status, PromiseStatus::Open | PromiseStatus::Overdue))
            .map(|s| {
                (
                    s.promise.id.clone(),
                    // Shown by zsh and fish beside the id: control and bidi characters of the
                    // text escaped (`\u{202e}`), as everywhere a person reads it.
                    crate::text::shown(&format!("{}: {}", c.id, s.promise.what)).into_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let mut found: Vec<(String, String)> =
        found.unwrap_or_default().into_iter().flatten().collect();
    found.sort();
    found
        .into_iter()
        .map(|(id, help)| CompletionCandidate::new(id).help(Some(help.into())))
        .collect()
}
