use crate::app::{Context, autocommit, commit_message, tell};
use crate::cli::LogArgs;
use crate::error::{Error, Result};
use crate::model::{Direction, Interaction, Record};
use crate::resolve;

pub fn run(ctx: &Context, args: LogArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let channel = match args.channel {
        Some(c) => c,
        None => journal.settings.defaults.channel,
    };
    if args.summary.trim().is_empty() {
        return Err(Error::Usage(
            crate::app::words(&journal).refused(&crate::i18n::CommandRefusal::EmptySummary),
        ));
    }
    let at = ctx.record_at("--at", args.at.as_deref())?;
    let id = resolve::customer(&journal, &args.customer)?;
    let with = super::person::with(ctx, &journal, &id, args.with.as_deref(), at)?;
    let record = Record::from(Interaction {
        with: with.clone(),
        at,
        channel,
        direction: if args.inbound {
            Direction::In
        } else {
            Direction::Out
        },
        summary: args.summary.clone(),
        source: None,
    });
    crate::repeat::check(&journal, &id, &record, args.again)?;
    let summary = args.summary;
    let (_, name) = journal
        .writer()
        .append_with(&id, |c| Ok((record, c.header.name.clone())))?;
    let words = crate::app::words(&journal);
    let with = with.map(|w| words.with_person(&w)).unwrap_or_default();
    tell(&format!(
        "{}{with}",
        words.logged(channel, &name, &id, at.day())
    ));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &commit_message(&format!("log {id}: {channel}"), Some(&summary)),
    );
    Ok(())
}
