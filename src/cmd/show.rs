use crate::app::{Context, emit_in, tell};
use crate::cli::ShowArgs;
use crate::error::Result;
use crate::outlook::PurchaseHistory;
use crate::render::views;
use crate::report::customer::detail;
use crate::resolve;

pub fn run(ctx: &Context, args: ShowArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let id = resolve::customer(&journal, &args.customer)?;
    let customer = journal.load_customer(&id)?;
    let mut detail = detail(&customer, &journal.settings, ctx.today, args.all);
    // The model is fitted to the whole journal, so showing its figures reads every file.
    // Another customer's unreadable file must not hide this one: the figures are left out.
    match journal.map_all(|c| PurchaseHistory::of(&c, ctx.today)) {
        Ok(histories) => {
            let outlook = crate::outlook::of_journal(histories, ctx.today);
            detail.summary.set_outlook(&outlook);
        }
        Err(e) => tell(&format!(
            "coltiva: warning: the outlook figures (p_alive, expected_purchases_90d) are left out: {e}"
        )),
    }
    emit_in(
        &journal.settings.locale,
        args.output.format,
        &detail,
        |_| views::show(&detail),
    )
}
