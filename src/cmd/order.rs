use crate::app::{Context, autocommit, commit_message, non_empty, tell};
use crate::cli::OrderArgs;
use crate::error::Result;
use crate::model::{Order, Record};
use crate::resolve;

pub fn run(ctx: &Context, args: OrderArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let amount = ctx.amount(&args.amount)?;
    let at = ctx.record_at("--at", args.at.as_deref())?;
    let id = resolve::customer(&journal, &args.customer)?;
    let with = super::person::with(ctx, &journal, &id, args.with.as_deref(), at)?;
    let record = Record::from(Order {
        with,
        at,
        amount,
        reference: non_empty(args.reference),
        note: non_empty(args.note),
        source: None,
    });
    crate::repeat::check(&journal, &id, &record, args.again)?;
    let (record, name) = journal
        .writer()
        .append_with(&id, |c| Ok((record, c.header.name.clone())))?;
    let said = match &record {
        Record::Order(o) => o.note.clone().or_else(|| o.reference.clone()),
        _ => None,
    };
    let shown = amount.human(&journal.settings.locale.money());
    tell(&crate::app::words(&journal).ordered(&shown, &name, &id, at.day()));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &commit_message(&format!("order {id}: {amount}"), said.as_deref()),
    );
    Ok(())
}
