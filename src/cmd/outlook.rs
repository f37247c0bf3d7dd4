use crate::app::{Context, emit_in, format_of, hint_if_empty, tell};
use crate::cli::{Format, OutlookArgs};
use crate::error::Result;
use crate::outlook::{self, PurchaseHistory};
use crate::render;

pub fn run(ctx: &Context, args: OutlookArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let stamp = journal.outlook_stamp();
    let histories = journal.map_all(|c| PurchaseHistory::of(&c, ctx.today))?;
    hint_if_empty(&journal, histories.len());
    let histories = histories.into_iter().flatten().collect();
    // The fit does not depend on the horizon: a fresh cached model serves any (a cached
    // refusal only the default horizon, since figures that cannot be computed at one horizon
    // may be at another). For the same reason only the default horizon's outlook is
    // remembered.
    let horizon_free = |c: &crate::storage::CachedOutlook| {
        c.model.is_some() || args.horizon == outlook::DEFAULT_HORIZON_DAYS
    };
    let cached = super::fitted::cached(&journal, stamp.as_deref(), ctx.today).filter(horizon_free);
    let data = match cached {
        Some(cached) => super::fitted::with_cached(cached, histories, ctx.today, args.horizon),
        None => {
            let data = outlook::build(histories, ctx.today, args.horizon);
            if args.horizon == outlook::DEFAULT_HORIZON_DAYS {
                super::fitted::remember(&journal, stamp, &data);
            }
            data
        }
    };
    // Tables and markdown say why there is no model in the output itself; JSON says `null`
    // and CSV a `text` row, so the reason also goes to stderr where a script's log sees it.
    if matches!(format_of(args.output.format), Format::Json | Format::Csv) {
        let people = crate::i18n::Style::new(
            journal.settings.locale.language,
            journal.settings.locale.money(),
        );
        if let Some(reason) = render::outlook::no_model(&data, render::Layout::people(&people)) {
            tell(&format!("coltiva: {reason}"));
        }
    }
    emit_in(
        &journal.settings.locale,
        args.output.format,
        &data,
        |layout| render::outlook::outlook(&data, layout),
    )
}
