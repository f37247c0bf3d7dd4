use crate::app::{Context, emit_in, hint_if_empty};
use crate::cli::{ListArgs, ListSort};
use crate::error::Result;
use crate::outlook::PurchaseHistory;
use crate::render::views;
use crate::report::list::{ListFilter, SortKey, select, summarize};

pub fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    let filter = ListFilter {
        phase: args.phase,
        kind: args.kind,
        tag: args.tag,
        overdue_only: args.overdue,
    };
    let key = match args.sort {
        ListSort::Name => SortKey::Name,
        ListSort::Id => SortKey::Id,
        ListSort::Overdue => SortKey::Overdue,
        ListSort::Gap => SortKey::Gap,
        ListSort::Rate => SortKey::Rate,
        ListSort::Total => SortKey::Total,
        ListSort::Phase => SortKey::Phase,
    };
    let journal = ctx.journal()?;
    let settings = &journal.settings;
    let (mut summaries, histories): (Vec<_>, Vec<_>) = journal
        .map_all(|c| {
            (
                summarize(&c, settings, ctx.today),
                PurchaseHistory::of(&c, ctx.today),
            )
        })?
        .into_iter()
        .unzip();
    hint_if_empty(&journal, summaries.len());
    let outlook = crate::outlook::of_journal(histories, ctx.today);
    for s in &mut summaries {
        s.set_outlook(&outlook);
    }
    let rows = select(summaries, &filter, key);
    emit_in(
        &journal.settings.locale,
        args.output.format,
        &rows,
        |wide| views::list(&rows, ctx.today, wide),
    )
}
