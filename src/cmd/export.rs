use crate::app::{Context, print};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::interop::export;
use crate::render;
use crate::report::filter::CustomerFilter;

pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let filter =
        CustomerFilter::parse(&args.filter.tags, &args.filter.wheres).map_err(Error::Usage)?;
    let journal = ctx.journal()?;
    let mut customers = journal.load_all()?;
    if !filter.is_empty() {
        customers.retain(|c| filter.accepts(c, &journal.settings, ctx.today));
    }
    let text = match args.format {
        ExportFormat::Json => render::json::render(&export::document(&customers))?,
        ExportFormat::Csv => export::csv(&customers)?,
    };
    print(&text)
}
