use std::collections::HashMap;

use crate::app::{Context, emit_in_for_spreadsheets, hint_if_empty};
use crate::cli::ReportArgs;
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::model::Phase;
use crate::outlook::PurchaseHistory;
use crate::render::views;
use crate::report::filter::CustomerFilter;
use crate::report::groups;
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
    let filter =
        CustomerFilter::parse(&args.filter.tags, &args.filter.wheres).map_err(Error::Usage)?;
    // Taken before the files are read, for the outlook cache (see `fitted`).
    let stamp = journal.outlook_stamp();
    let Some(key) = args.by.as_deref() else {
        let (parts, histories): (Vec<_>, Vec<_>) = journal
            .map_all(|c| {
                (
                    filter
                        .accepts(&c, settings, as_of)
                        .then(|| contribution(&c, settings, as_of, &period)),
                    PurchaseHistory::of(&c, as_of),
                )
            })?
            .into_iter()
            .unzip();
        hint_if_empty(&journal, parts.len());
        let parts: Vec<_> = parts.into_iter().flatten().collect();
        let slipping = slipping_away(&journal, stamp, &parts, histories, as_of);
        let mut report = assemble(parts, as_of, period);
        report.slipping_away = slipping;
        return emit_in_for_spreadsheets(
            &journal.settings.locale,
            args.output.format,
            &report,
            |_| views::report(&report),
        );
    };
    let key = by_key(key)?;
    let (members, histories): (Vec<_>, Vec<_>) = journal
        .map_all(|c| {
            (
                filter
                    .accepts(&c, settings, as_of)
                    .then(|| groups::member(&c, &key, settings, as_of, &period)),
                PurchaseHistory::of(&c, as_of),
            )
        })?
        .into_iter()
        .unzip();
    hint_if_empty(&journal, members.len());
    let members: Vec<_> = members.into_iter().flatten().collect();
    let parts: Vec<_> = members.iter().map(|m| m.part.clone()).collect();
    let slipping = slipping_away(&journal, stamp, &parts, histories, as_of);
    let mut report = assemble(parts, as_of, period.clone());
    report.slipping_away = slipping;
    let blocks = groups::blocks(members, as_of, period);
    let data = Grouped {
        report: &report,
        by: &key,
        groups: &blocks,
    };
    emit_in_for_spreadsheets(&journal.settings.locale, args.output.format, &data, |_| {
        let mut document = views::report(&report);
        document
            .blocks
            .push(crate::render::groups::groups(&key, &blocks));
        document
    })
}

/// The report with its `--by` blocks (JSON: the report's fields, plus `by` and `groups`).
#[derive(serde::Serialize)]
struct Grouped<'a> {
    #[serde(flatten)]
    report: &'a crate::report::weekly::WeeklyReport,
    by: &'a str,
    groups: &'a [groups::GroupBlock],
}

/// The key of `--by`: `tag`, `kind`, `phase` or an attribute key (the header rule).
fn by_key(text: &str) -> Result<String> {
    match text.trim() {
        "tag" | "tags" => Ok("tag".into()),
        "kind" | "phase" => Ok(text.trim().to_string()),
        other => crate::model::customer::attribute_key(other, &format!("--by {text:?}"))
            .map_err(Error::Usage),
    }
}

/// "Slipping away" (PRODUCT.md §8.7): the model is fitted over every customer's purchases, and
/// the list holds the reported (filtered) external customers only.
fn slipping_away(
    journal: &crate::storage::Journal,
    stamp: Option<String>,
    parts: &[crate::report::weekly::Contribution],
    histories: Vec<Option<PurchaseHistory>>,
    as_of: chrono::NaiveDate,
) -> Option<Vec<crate::outlook::SlippingRow>> {
    let who: HashMap<String, (String, Phase)> = parts
        .iter()
        .filter_map(|p| {
            let s = p.summary();
            // Internal customers have no lifecycle phase (and no outlook).
            let phase = s.phase.lifecycle()?;
            Some((s.id.clone(), (s.name.clone(), phase)))
        })
        .collect();
    let outlook = super::fitted::of_journal(journal, stamp, histories, as_of);
    crate::outlook::slipping_away(&outlook, |id| who.get(id).cloned())
}
