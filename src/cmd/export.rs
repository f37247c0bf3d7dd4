use crate::app::{Context, fail_on_problems, print, with_problems};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::interop::export;
use crate::render;
use crate::report::filter::CustomerFilter;

/// A customer file that cannot be read does not stop the export of the others: they are
/// exported, the file is named (JSON: a `problems` array; CSV, the columns `import` reads,
/// cannot hold it: stderr only) and the exit status is 1.
pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let filter =
        CustomerFilter::parse(&args.filter.tags, &args.filter.wheres).map_err(Error::Usage)?;
    let journal = ctx.journal()?;
    let (mut customers, unreadable) = journal.map_readable(|c| c)?;
    let problems = crate::unreadable::describe(&journal, &unreadable);
    if !filter.is_empty() {
        customers.retain(|c| filter.accepts(c, &journal.settings, ctx.today));
    }
    let text = match args.format {
        ExportFormat::Json if problems.is_empty() => {
            render::json::render(&export::document(&customers))?
        }
        ExportFormat::Json => {
            render::json::render(&with_problems(&export::document(&customers), &problems)?)?
        }
        ExportFormat::Csv => export::csv(&customers)?,
        ExportFormat::Vcard => {
            crate::contacts::export(&customers, ctx.today, crate::interop::vcard::Version::V4)
        }
        ExportFormat::Vcard3 => {
            crate::contacts::export(&customers, ctx.today, crate::interop::vcard::Version::V3)
        }
    };
    print(&text)?;
    fail_on_problems(&problems)
}
