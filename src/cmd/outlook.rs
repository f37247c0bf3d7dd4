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
    let data = outlook::build(
        histories.into_iter().flatten().collect(),
        ctx.today,
        args.horizon,
    );
    super::fitted::remember(&journal, stamp, &data);
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
