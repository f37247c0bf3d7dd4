//! One file per subcommand, each exposing `run(&Context, args) -> Result<()>`; this module is
//! the dispatch. The shared run context lives in `crate::app`.

mod add;
mod agenda;
mod r#break;
mod cancel;
mod check;
mod completions;
mod edit;
mod export;
mod fitted;
mod forget;
mod import;
mod init;
mod keep;
mod list;
mod log;
mod mail;
mod man;
mod merge_driver;
mod order;
mod outlook;
mod person;
mod phase;
mod promise;
mod promises;
mod rename;
mod renegotiate;
mod repair;
mod report;
mod resolution;
mod search;
mod set;
mod show;
pub mod undo;

use crate::app::Context;
use crate::cli::{Cli, Command, FilterArgs, ReportArgs};
use crate::error::{Error, Result};
use crate::report::filter::CustomerFilter;
use crate::storage::Journal;

pub use completions::complete_if_asked;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    crate::app::set_color(cli.color);
    let ctx = Context::new(cli.dir, cli.today.as_deref())?;
    if let Some(command) = &cli.command {
        refuse_during_a_rebase(&ctx, command)?;
    }
    match cli.command {
        None => report::run(&ctx, ReportArgs::default()),
        Some(Command::Init(args)) => init::run(&ctx, args),
        Some(Command::Add(args)) => add::run(&ctx, args),
        Some(Command::Log(args)) => log::run(&ctx, args),
        Some(Command::Order(args)) => order::run(&ctx, args),
        Some(Command::Promise(args)) => promise::run(&ctx, args),
        Some(Command::Keep(args)) => keep::run(&ctx, args),
        Some(Command::Break(args)) => r#break::run(&ctx, args),
        Some(Command::Cancel(args)) => cancel::run(&ctx, args),
        Some(Command::Renegotiate(args)) => renegotiate::run(&ctx, args),
        Some(Command::Phase(args)) => phase::run(&ctx, args),
        Some(Command::Set(args)) => set::run(&ctx, args),
        Some(Command::Rename(args)) => rename::run(&ctx, args),
        Some(Command::Check) => check::run(&ctx),
        Some(Command::Repair(args)) => repair::run(&ctx, args),
        Some(Command::Forget(args)) => forget::run(&ctx, args),
        Some(Command::Show(args)) => show::run(&ctx, args),
        Some(Command::List(args)) => list::run(&ctx, args),
        Some(Command::Person(command)) => person::run(&ctx, command),
        Some(Command::Promises(args)) => promises::run(&ctx, args),
        Some(Command::Report(args)) => report::run(&ctx, args),
        Some(Command::Search(args)) => search::run(&ctx, args),
        Some(Command::Agenda(args)) => agenda::run(&ctx, args),
        Some(Command::Undo(args)) => undo::run(&ctx, args),
        Some(Command::Outlook(args)) => outlook::run(&ctx, args),
        Some(Command::Import(args)) => import::run(&ctx, args),
        Some(Command::Mail(args)) => mail::run(&ctx, args),
        Some(Command::Export(args)) => export::run(&ctx, args),
        Some(Command::Edit(args)) => edit::run(&ctx, args),
        Some(Command::Completions(args)) => completions::run(args),
        Some(Command::Man(args)) => man::run(args),
        Some(Command::MergeDriver(args)) => merge_driver::run(&ctx, args),
    }
}

/// A write in the middle of a stopped rebase is refused before it is made: `git rebase --abort`
/// would throw it away, and it would be in the way of `git rebase --continue`. `edit` stays
/// allowed (it is how a person settles a conflicted file), and is not committed then.
fn refuse_during_a_rebase(ctx: &Context, command: &Command) -> Result<()> {
    let writes = matches!(
        command,
        Command::Add(_)
            | Command::Log(_)
            | Command::Order(_)
            | Command::Promise(_)
            | Command::Keep(_)
            | Command::Break(_)
            | Command::Cancel(_)
            | Command::Renegotiate(_)
            | Command::Phase(_)
            | Command::Set(_)
            | Command::Repair(_)
            | Command::Forget(_)
            | Command::Undo(_)
            | Command::Import(_)
            | Command::Mail(_)
    ) || matches!(command, Command::Person(c) if !matches!(c, crate::cli::PersonCommand::List(_)));
    if !writes {
        return Ok(());
    }
    let Ok(journal) = crate::storage::Journal::discover(ctx.dir_flag()) else {
        return Ok(());
    };
    if journal.is_missing() {
        return Ok(());
    }
    if crate::git::in_progress(journal.root()) == Some(crate::git::InProgress::Rebase) {
        return Err(crate::error::Error::Invalid(
            crate::app::words(&journal).refused(&crate::i18n::CommandRefusal::RebaseStopped {
                root: journal.root().display().to_string(),
            }),
        ));
    }
    Ok(())
}

/// The customers a reading command looks at, from its `--tag` and `--where`.
fn customer_filter(filter: &FilterArgs) -> Result<CustomerFilter> {
    CustomerFilter::parse(&filter.tags, &filter.wheres).map_err(Error::Usage)
}

/// Narrows `customers` to those named on the command line, each resolved as typed (none
/// named: every customer stays).
fn name_customers(
    customers: &mut CustomerFilter,
    journal: &Journal,
    named: &[String],
) -> Result<()> {
    for text in named {
        let id = crate::resolve::customer(journal, text)?;
        if !customers.ids.contains(&id) {
            customers.ids.push(id);
        }
    }
    Ok(())
}
