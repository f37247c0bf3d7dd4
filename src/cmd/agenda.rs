//! `coltiva agenda [--days N]`: what to do now, in every format and as an iCalendar feed.

use crate::app::{Context, emit_with, fail_on_problems, hint_if_empty, print};
use crate::cli::{AgendaArgs, AgendaFormat, Format};
use crate::error::Result;
use crate::render;
use crate::report::agenda::{items, sort};

pub fn run(ctx: &Context, args: AgendaArgs) -> Result<()> {
    let filter = super::customer_filter(&args.filter)?;
    let journal = ctx.journal()?;
    let settings = &journal.settings;
    // A customer file that cannot be read does not hide the others (PRODUCT.md §8.2).
    let (parts, unreadable) = journal.map_readable(|c| {
        if filter.accepts(&c, settings, ctx.today) {
            items(&c, settings, ctx.today, args.days)
        } else {
            Vec::new()
        }
    })?;
    let problems = crate::unreadable::describe(&journal, &unreadable);
    hint_if_empty(&journal, parts.len() + unreadable.len());
    let mut lines: Vec<_> = parts.into_iter().flatten().collect();
    sort(&mut lines);
    let format = match args.format {
        Some(AgendaFormat::Ics) => {
            let stamp = ctx.now.with_timezone(&chrono::Utc);
            // A calendar cannot hold the problem: stderr and the exit status name it.
            print(&render::agenda::ics(&lines, ctx.today, stamp, "coltiva"))?;
            return fail_on_problems(journal.settings.locale.language, &problems);
        }
        Some(AgendaFormat::Table) | None => None,
        Some(AgendaFormat::Markdown) => Some(Format::Markdown),
        Some(AgendaFormat::Json) => Some(Format::Json),
        Some(AgendaFormat::Csv) => Some(Format::Csv),
    };
    emit_with(
        &journal.settings.locale,
        format,
        &lines,
        &problems,
        // A to-do list people open in spreadsheets: formulas defused, as list and report.
        true,
        |layout| render::agenda::agenda(&lines, ctx.today, args.days, layout),
    )
}
