use super::fitted;
use crate::app::{Context, emit_in, tell};
use crate::cli::ShowArgs;
use crate::error::Result;
use crate::outlook::{DEFAULT_HORIZON_DAYS, PurchaseHistory};
use crate::render::views;
use crate::report::customer::detail;
use crate::resolve;

pub fn run(ctx: &Context, args: ShowArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let id = resolve::customer(&journal, &args.customer)?;
    let customer = journal.load_customer(&id)?;
    let mut detail = detail(&customer, &journal.settings, ctx.today, args.all);
    // The model is fitted to the whole journal. The fit remembered by the last `list`,
    // `report`, `outlook` or `show` is used when no customer file changed since and it was
    // fitted as of the same day: then only this customer's file is read.
    let stamp = journal.outlook_stamp();
    let own: Vec<PurchaseHistory> = PurchaseHistory::of(&customer, ctx.today)
        .into_iter()
        .collect();
    // A customer of millions of records is not kept while every file is read for the fit.
    drop(customer);
    if let Some(cached) = fitted::cached(&journal, stamp.as_deref(), ctx.today) {
        let outlook = fitted::with_cached(cached, own, ctx.today, DEFAULT_HORIZON_DAYS);
        detail.summary.set_outlook(&outlook);
    } else {
        // Another customer's unreadable file must not hide this one: the figures are left out.
        match journal.map_all(|c| PurchaseHistory::of(&c, ctx.today)) {
            Ok(histories) => {
                let outlook = fitted::of_journal(&journal, stamp, histories, ctx.today);
                detail.summary.set_outlook(&outlook);
            }
            Err(e) => tell(&format!(
                "coltiva: {}",
                crate::app::words(&journal).refused(&crate::i18n::CommandRefusal::OutlookLeftOut {
                    detail: e.to_string()
                })
            )),
        }
    }
    emit_in(
        &journal.settings.locale,
        args.output.format,
        &detail,
        |layout| views::show(&detail, layout),
    )
}
