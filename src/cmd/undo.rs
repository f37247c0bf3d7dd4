//! `coltiva undo [--dry-run]`: takes back the last write made in this journal from this
//! machine (storage keeps the record and does the byte work; see storage/undo.rs).

use crate::app::{Context, autocommit, print, tell};
use crate::cli::UndoArgs;
use crate::error::Result;

pub fn run(ctx: &Context, args: UndoArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let line = crate::report::customer::line;
    let done = journal.undo(args.dry_run, line)?;
    let what = done.entry.describe(line);
    if args.dry_run {
        tell(&format!(
            "would take back {what}; nothing was changed (run `coltiva undo` to do it):"
        ));
        return print(&done.entry.taken_back());
    }
    tell(&format!("took back {what}"));
    autocommit(
        &journal,
        &[done.path],
        &format!("undo {}: {what}", done.entry.customer),
    );
    Ok(())
}
