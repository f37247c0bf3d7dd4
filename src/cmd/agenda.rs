//! `coltiva agenda [--days N]`: what to do now, in every format and as an iCalendar feed.

use crate::app::{Context, emit_in, hint_if_empty, print};
use crate::cli::{AgendaArgs, AgendaFormat, Format};
use crate::error::{Error, Result};
use crate::render;
use crate::report::agenda::{items, sort};
use crate::report::filter::CustomerFilter;

pub fn run(ctx: &Context, args: AgendaArgs) -> Result<()> {
    let filter =
        CustomerFilter::parse(&args.filter.tags, &args.filter.wheres).map_err(Error::Usage)?;
    let journal = ctx.journal()?;
    let settings = &journal.settings;
    let parts = journal.map_all(|c| {
        if filter.accepts(&c, settings, ctx.today) {
            items(&c, settings, ctx.today, args.days)
        } else {
            Vec::new()
        }
    })?;
    hint_if_empty(&journal, parts.len());
    let mut lines: Vec<_> = parts.into_iter().flatten().collect();
    sort(&mut lines);
    let format = match args.format {
        Some(AgendaFormat::Ics) => {
            let stamp = ctx.now.with_timezone(&chrono::Utc);
            return print(&render::agenda::ics(&lines, ctx.today, stamp, "coltiva"));
        }
        Some(AgendaFormat::Table) | None => None,
        Some(AgendaFormat::Markdown) => Some(Format::Markdown),
        Some(AgendaFormat::Json) => Some(Format::Json),
        Some(AgendaFormat::Csv) => Some(Format::Csv),
    };
    emit_in(&journal.settings.locale, format, &lines, |wide| {
        render::agenda::agenda(&lines, ctx.today, args.days, wide)
    })
}
