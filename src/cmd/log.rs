use crate::app::{Context, autocommit, tell};
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
        return Err(Error::Usage("the summary cannot be empty".into()));
    }
    let at = ctx.record_at("--at", args.at.as_deref())?;
    let id = resolve::customer(&journal, &args.customer)?;
    let record = Record::Interaction(Interaction {
        at,
        channel,
        direction: if args.inbound {
            Direction::In
        } else {
            Direction::Out
        },
        summary: args.summary,
        source: None,
    });
    let (_, name) = journal.append_with(&id, |c| Ok((record, c.header.name.clone())))?;
    tell(&format!(
        "logged {channel} with {name} ({id}) on {}",
        at.day()
    ));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &format!("log {id}: {channel}"),
    );
    Ok(())
}
