use crate::app::{Context, emit_in};
use crate::cli::ShowArgs;
use crate::error::Result;
use crate::render::views;
use crate::report::customer::detail;
use crate::resolve;

pub fn run(ctx: &Context, args: ShowArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let id = resolve::customer(&journal, &args.customer)?;
    let customer = journal.load_customer(&id)?;
    let detail = detail(&customer, &journal.settings, ctx.today, args.all);
    emit_in(
        &journal.settings.locale,
        args.output.format,
        &detail,
        |_| views::show(&detail),
    )
}
