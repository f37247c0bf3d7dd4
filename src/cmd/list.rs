use crate::app::{Context, emit_rows, hint_if_empty};
use crate::cli::ListArgs;
use crate::error::Result;
use crate::outlook::PurchaseHistory;
use crate::render::views;
use crate::report::list::{ListFilter, select, summarize};

pub fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    let filter = ListFilter {
        phase: args.phase,
        kind: args.kind,
        tag: None,
        overdue_only: args.overdue,
    };
    let key = args.sort;
    let customers = super::customer_filter(&args.filter)?;
    let journal = ctx.journal()?;
    let settings = &journal.settings;
    let stamp = journal.outlook_stamp();
    // The outlook is fitted over every customer, whatever the filter keeps: the filter chooses
    // the rows, not the population the model learns from.
    let (parts, unreadable) = journal.map_readable(|c| {
        (
            customers
                .accepts(&c, settings, ctx.today)
                .then(|| summarize(&c, settings, ctx.today)),
            PurchaseHistory::of(&c, ctx.today),
        )
    })?;
    let (summaries, histories): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
    let problems = crate::unreadable::describe(&journal, &unreadable);
    hint_if_empty(&journal, summaries.len() + unreadable.len());
    // A fit over the readable files only is not remembered: `show` must not take it for the
    // whole journal's.
    let stamp = stamp.filter(|_| unreadable.is_empty());
    let outlook = super::fitted::of_journal(&journal, stamp, histories, ctx.today);
    let mut summaries: Vec<_> = summaries.into_iter().flatten().collect();
    for s in &mut summaries {
        s.set_outlook(&outlook);
    }
    let rows = select(summaries, &filter, key);
    emit_rows(
        &journal.settings.locale,
        args.output.format,
        &rows,
        &problems,
        true,
        |layout| views::list(&rows, ctx.today, layout),
    )
}
