use crate::app::{Context, emit_with, hint_if_empty};
use crate::cli::SearchArgs;
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::render::views;
use crate::report::search::{Days, Query, hits, rank};

pub fn run(ctx: &Context, args: SearchArgs) -> Result<()> {
    let query = Query::parse(&args.words).map_err(Error::Usage)?;
    let mut customers = super::customer_filter(&args.filter)?;
    let journal = ctx.journal()?;
    let week_start = journal.settings.week_start;
    let bound = |flag, text: &Option<String>, bias, first| {
        text.as_deref()
            .map(|t| super::report::period_bound(ctx, flag, t, bias, first, week_start))
            .transpose()
    };
    let days = Days {
        since: bound("--since", &args.since, Bias::Past, true)?,
        until: bound("--until", &args.until, Bias::Future, false)?,
    };
    if let Days {
        since: Some(since),
        until: Some(until),
    } = days
        && until < since
    {
        return Err(Error::Usage(ctx.words().refused(
            &crate::i18n::CommandRefusal::UntilBeforeSince { until, since },
        )));
    }
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
