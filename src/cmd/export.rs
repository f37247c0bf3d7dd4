use crate::app::{Context, fail_on_problems, print, with_problems};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Result;
use crate::interop::export;
use crate::render;

/// A customer file that cannot be read does not stop the export of the others: they are
/// exported, the file is named (JSON: a `problems` array; CSV, the columns `import` reads,
/// cannot hold it: stderr only) and the exit status is 1.
pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let (customers, unreadable) = journal.map_readable(|c| c)?;
    let problems = crate::unreadable::describe(&journal, &unreadable);
    let text = match args.format {
        ExportFormat::Json if problems.is_empty() => {
            render::json::render(&export::document(&customers))?
        }
        ExportFormat::Json => {
            render::json::render(&with_problems(&export::document(&customers), &problems)?)?
        }
        ExportFormat::Csv => export::csv(&customers)?,
    };
    print(&text)?;
    fail_on_problems(&problems)
}
