use crate::app::{Context, emit_with, hint_if_empty};
use crate::cli::SearchArgs;
use crate::error::{Error, Result};
use crate::render::views;
use crate::report::search::{Days, Query, hits, rank};

pub fn run(ctx: &Context, args: SearchArgs) -> Result<()> {
    let query = Query::parse(&args.words).map_err(Error::Usage)?;
    let mut customers = super::customer_filter(&args.filter)?;
    let journal = ctx.journal()?;
    let week_start = journal.settings.week_start;
    let (since, until) = super::report::bounds(
        ctx,
        args.since.as_deref(),
        args.until.as_deref(),
        week_start,
    )?;
    let days = Days { since, until };
    super::name_customers(&mut customers, &journal, &args.customers)?;
    let settings = &journal.settings;
    let (found, unreadable) = journal.map_readable(|c| {
        if customers.accepts(&c, settings, ctx.today) {
            hits(&c, &query, days)
        } else {
            Vec::new()
        }
    })?;
    hint_if_empty(&journal, found.len() + unreadable.len());
    let problems = crate::unreadable::describe(&journal, &unreadable);
    let found = rank(found.into_iter().flatten().collect());
    emit_with(
        &journal.settings.locale,
        args.output.format,
        &found,
        &problems,
        false,
        |layout| views::search(&found, layout),
    )
}
