use crate::app::{Context, print};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Result;
use crate::interop::export;
use crate::render;

pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let customers = journal.load_all()?;
    let text = match args.format {
        ExportFormat::Json => render::json::render(&export::document(&customers))?,
        ExportFormat::Csv => export::csv(&customers)?,
    };
    print(&text)
}
