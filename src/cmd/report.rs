use std::collections::HashMap;

use crate::app::{Context, emit_in, hint_if_empty};
use crate::cli::ReportArgs;
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::model::Phase;
use crate::outlook::PurchaseHistory;
use crate::render::views;
use crate::report::weekly::{Period, assemble, contribution, default_period};

pub fn run(ctx: &Context, args: ReportArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let week = default_period(ctx.today, journal.settings.week_start);
    let since = match args.since.as_deref() {
        Some(text) => ctx.day("--since", text, Bias::Past)?,
        None => week.since,
    };
    let until = match args.until.as_deref() {
        Some(text) => ctx.day("--until", text, Bias::Future)?,
        None if args.since.is_some() => ctx.today.max(since),
        None => week.until,
    };
    if until < since {
        return Err(Error::Usage(match args.since {
            Some(_) => format!("--until {until} is before --since {since}"),
            None => format!(
                "--until {until} is before the start of the current week ({since}); give --since too"
            ),
        }));
    }
    // A period that ended in the past is reported as it stood at its end.
    let as_of = ctx.today.min(until);
    let period = Period { since, until };
    let settings = &journal.settings;
    let (parts, histories): (Vec<_>, Vec<_>) = journal
        .map_all(|c| {
            (
                contribution(&c, settings, as_of, &period),
                PurchaseHistory::of(&c, as_of),
            )
        })?
        .into_iter()
        .unzip();
    hint_if_empty(&journal, parts.len());
    let who: HashMap<String, (String, Phase)> = parts
        .iter()
        .filter_map(|p| {
            let s = p.summary();
            // Internal customers have no lifecycle phase (and no outlook).
            let phase = s.phase.lifecycle()?;
            Some((s.id.clone(), (s.name.clone(), phase)))
        })
        .collect();
    let outlook = crate::outlook::of_journal(histories, as_of);
    let mut report = assemble(parts, as_of, period);
    report.slipping_away = crate::outlook::slipping_away(&outlook, |id| who.get(id).cloned());
    emit_in(
        &journal.settings.locale,
        args.output.format,
        &report,
        |_| views::report(&report),
    )
}
