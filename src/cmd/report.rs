use std::collections::HashMap;

use chrono::{Days, NaiveDate, Weekday};

use crate::app::{Context, emit_with, hint_if_empty};
use crate::cli::ReportArgs;
use crate::dates::Bias;
use crate::dates::period::{Period, calendar_week, default_period, period_word};
use crate::error::{Error, Result};
use crate::i18n::CommandRefusal;
use crate::model::Phase;
use crate::outlook::PurchaseHistory;
use crate::render::views;
use crate::report::groups;
use crate::report::weekly::assemble;

pub fn run(ctx: &Context, args: ReportArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let period = period(ctx, &args, journal.settings.week_start)?;
    // A period that ended in the past is reported as it stood at its end.
    let as_of = ctx.today.min(period.until);
    let settings = &journal.settings;
    let filter = super::customer_filter(&args.filter)?;
    // Taken before the files are read, for the outlook cache (see `fitted`); a fit over the
    // readable files only is not remembered, lest `show` take it for the whole journal's.
    let stamp = journal.outlook_stamp();
    let key = args.by.as_deref().map(by_key).transpose()?;
    // One pipeline, grouped or not: each accepted customer's part (and, with --by, its groups).
    let (members, unreadable) = journal.map_readable(|c| {
        (
            filter
                .accepts(&c, settings, as_of)
                .then(|| groups::member(&c, key.as_deref(), settings, as_of, &period)),
            PurchaseHistory::of(&c, as_of),
        )
    })?;
    let (members, histories): (Vec<_>, Vec<_>) = members.into_iter().unzip();
    let problems = crate::unreadable::describe(&journal, &unreadable);
    hint_if_empty(&journal, members.len() + unreadable.len());
    let members: Vec<_> = members.into_iter().flatten().collect();
    let (parts, blocks) = match key {
        None => (members.into_iter().map(|m| m.part).collect(), None),
        Some(_) => {
            let parts: Vec<_> = members.iter().map(|m| m.part.clone()).collect();
            (parts, Some(groups::blocks(members, as_of, period.clone())))
        }
    };
    let slipping = slipping_away(
        &journal,
        stamp.filter(|_| unreadable.is_empty()),
        &parts,
        histories,
        as_of,
    );
    let mut report = assemble(parts, as_of, period);
    report.slipping_away = slipping;
    let data = Grouped {
        report: &report,
        by: key.as_deref(),
        groups: blocks.as_deref(),
    };
    emit_with(
        &journal.settings.locale,
        args.output.format,
        &data,
        &problems,
        true,
        |layout| {
            let mut document = views::report(&report, layout);
            if let (Some(key), Some(blocks)) = (&key, &blocks) {
                document
                    .blocks
                    .push(crate::render::groups::groups(key, blocks, layout));
            }
            document
        },
    )
}

/// The report, with its `--by` blocks when grouped (JSON: the report's fields, plus `by` and
/// `groups`).
#[derive(serde::Serialize)]
struct Grouped<'a> {
    #[serde(flatten)]
    report: &'a crate::report::weekly::WeeklyReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<&'a [groups::GroupBlock]>,
}

/// The key of `--by`: `tag`, `kind`, `phase` or an attribute key (the header rule).
fn by_key(text: &str) -> Result<String> {
    match text.trim() {
        "tag" | "tags" => Ok("tag".into()),
        "kind" | "phase" => Ok(text.trim().to_string()),
        other => Ok(crate::model::customer::attribute_key(
            other,
            &format!("--by {text:?}"),
        )?),
    }
}

/// "Slipping away" (PRODUCT.md §8.7): the model is fitted over every customer's purchases, and
/// the list holds the reported (filtered) external customers only.
fn slipping_away(
    journal: &crate::storage::Journal,
    stamp: Option<String>,
    parts: &[Box<crate::report::weekly::Contribution>],
    histories: Vec<Option<PurchaseHistory>>,
    as_of: chrono::NaiveDate,
) -> Option<Vec<crate::outlook::SlippingRow>> {
    // Borrowed: only the few rows listed take a copy of their name.
    let who: HashMap<&str, (&str, Phase)> = parts
        .iter()
        .filter_map(|p| {
            let s = p.summary();
            // Internal customers have no lifecycle phase (and no outlook).
            let phase = s.phase.lifecycle()?;
            Some((s.id.as_str(), (s.name.as_str(), phase)))
        })
        .collect();
    let outlook = super::fitted::of_journal(journal, stamp, histories, as_of);
    crate::outlook::slipping_away(&outlook, |id| {
        who.get(id).map(|(name, phase)| (name.to_string(), *phase))
    })
}

/// The `--since` and `--until` days, each a WHEN or a period word (`--since` its first day,
/// `--until` its last); `--until` before `--since` is refused. `report` and `search` read
/// their bounds through it.
pub(super) fn bounds(
    ctx: &Context,
    since: Option<&str>,
    until: Option<&str>,
    week_start: Weekday,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let bound = |flag: &str, text: Option<&str>, bias: Bias, first: bool| {
        text.map(|text| match period_word(text, ctx.today, week_start) {
            Some(p) if first => Ok(p.since),
            Some(p) => Ok(p.until),
            None => ctx.day(flag, text, bias).map_err(|e| match e {
                Error::Usage(problem) => {
                    Error::Usage(ctx.words().refused(&CommandRefusal::NotAPeriod { problem }))
                }
                other => other,
            }),
        })
        .transpose()
    };
    let since = bound("--since", since, Bias::Past, true)?;
    let until = bound("--until", until, Bias::Future, false)?;
    if let (Some(since), Some(until)) = (since, until)
        && until < since
    {
        return Err(Error::Usage(
            ctx.words()
                .refused(&CommandRefusal::UntilBeforeSince { until, since }),
        ));
    }
    Ok((since, until))
}

/// The period of `report` (PRODUCT.md §8.2): the seven days ending on the as-of day; `--week`
/// the calendar week holding it, `--last-week` the one before; `--since` alone runs to the
/// as-of day, `--until` alone covers the seven days ending on it.
fn period(ctx: &Context, args: &ReportArgs, week_start: Weekday) -> Result<Period> {
    if args.week {
        return Ok(calendar_week(ctx.today, week_start));
    }
    if args.last_week {
        return Ok(calendar_week(ctx.today - Days::new(7), week_start));
    }
    let (since, until) = bounds(
        ctx,
        args.since.as_deref(),
        args.until.as_deref(),
        week_start,
    )?;
    Ok(match (since, until) {
        (None, None) => default_period(ctx.today),
        (Some(since), None) => Period {
            since,
            until: ctx.today.max(since),
        },
        (None, Some(until)) => default_period(until),
        (Some(since), Some(until)) => Period { since, until },
    })
}
