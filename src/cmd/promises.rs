use crate::app::{Context, emit_with, hint_if_empty};
use crate::cli::PromisesArgs;
use crate::error::Result;
use crate::render::views;
use crate::report::promises::{PromiseFilter, rows, select};

pub fn run(ctx: &Context, args: PromisesArgs) -> Result<()> {
    let filter = PromiseFilter {
        open_only: args.open,
        overdue_only: args.overdue,
        upcoming_only: args.upcoming,
        by: args.by,
        due_within: args.due_within,
    };
    let mut customers = super::customer_filter(&args.filter)?;
    let journal = ctx.journal()?;
    super::name_customers(&mut customers, &journal, &args.customers)?;
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
