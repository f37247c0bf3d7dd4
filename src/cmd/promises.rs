use crate::app::{Context, emit_with, hint_if_empty};
use crate::cli::PromisesArgs;
use crate::error::{Error, Result};
use crate::render::views;
use crate::report::filter::CustomerFilter;
use crate::report::promises::{PromiseFilter, rows, select};
use crate::resolve;

pub fn run(ctx: &Context, args: PromisesArgs) -> Result<()> {
    let filter = PromiseFilter {
        open_only: args.open,
        overdue_only: args.overdue,
        upcoming_only: args.upcoming,
        by: args.by,
        due_within: args.due_within,
    };
    let mut customers =
        CustomerFilter::parse(&args.filter.tags, &args.filter.wheres).map_err(Error::Usage)?;
    let journal = ctx.journal()?;
    for text in &args.customers {
        let id = resolve::customer(&journal, text)?;
        if !customers.ids.contains(&id) {
            customers.ids.push(id);
        }
    }
    let settings = &journal.settings;
    let (rows, unreadable) = journal.map_readable(|c| {
        if !customers.accepts(&c, settings, ctx.today) {
            return Vec::new();
        }
        rows(std::slice::from_ref(&c), ctx.today)
            .into_iter()
            .filter(|r| filter.accepts(r, ctx.today))
            .collect::<Vec<_>>()
    })?;
    let problems = crate::unreadable::describe(&journal, &unreadable);
    hint_if_empty(&journal, rows.len() + unreadable.len());
    let rows = select(rows.into_iter().flatten().collect(), ctx.today, &filter);
    emit_with(
        &journal.settings.locale,
        args.output.format,
        &rows,
        &problems,
        false,
        |layout| views::promises(&rows, ctx.today, layout),
    )
}
