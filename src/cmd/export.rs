use crate::app::{Context, fail_on_problems, print_streamed, with_problems};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::interop::export;
use crate::interop::vcard::Version;
use crate::render;

/// A customer file that cannot be read does not stop the export of the others: they are
/// exported, the file is named (JSON: a `problems` array; CSV, the columns `import` reads,
/// cannot hold it: stderr only) and the exit status is 1.
pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let filter = super::customer_filter(&args.filter)?;
    let journal = ctx.journal()?;
    let (mut customers, unreadable) = journal.map_readable(|c| c)?;
    let problems = crate::unreadable::describe(&journal, &unreadable);
    if !filter.is_empty() {
        customers.retain(|c| filter.accepts(c, &journal.settings, ctx.today));
    }
    print_streamed(|out| match args.format {
        ExportFormat::Json if problems.is_empty() => {
            render::json::write(out, &export::document(&customers))
        }
        ExportFormat::Json => render::json::write(
            out,
            &with_problems(&export::document(&customers), &problems)?,
        ),
        ExportFormat::Csv => export::csv(out, &customers),
        ExportFormat::Vcard => vcard(out, &customers, ctx.today, Version::V4),
        ExportFormat::Vcard3 => vcard(out, &customers, ctx.today, Version::V3),
    })?;
    fail_on_problems(journal.settings.locale.language, &problems)
}

/// The current people of `customers` as vCards (`crate::contacts::export`).
fn vcard(
    out: &mut dyn std::io::Write,
    customers: &[crate::model::Customer],
    today: chrono::NaiveDate,
    version: Version,
) -> Result<()> {
    out.write_all(crate::contacts::export(customers, today, version).as_bytes())
        .map_err(|e| Error::io("could not write the vCards", e))
}
