//! `coltiva repair CUSTOMER`: move an unparseable tail aside so the file can be written again.

use crate::app::{Context, autocommit, tell, words};
use crate::cli::RepairArgs;
use crate::error::Result;
use crate::resolve;
use crate::storage::Repair;

pub fn run(ctx: &Context, args: RepairArgs) -> Result<()> {
    let journal = ctx.journal()?;
    // The file may not parse, so match the reference by file name only when it is exact.
    let id = if journal.has_customer(&args.customer) {
        args.customer.clone()
    } else {
        resolve::customer(&journal, &args.customer)?
    };
    match journal.upkeep().repair(&id, args.force)? {
        Repair::Clean => tell(&words(&journal).nothing_to_repair(&id)),
        Repair::Moved {
            error,
            from_line,
            bytes,
            records,
            rej,
        } => {
            tell(&format!(
                "{error}\n{}",
                words(&journal).repaired(
                    &id,
                    bytes,
                    records,
                    from_line,
                    &rej.display().to_string()
                )
            ));
            journal.undo_log().forget();
            // The .rej file is not committed: it is for the user to review, not to share. So
            // it is git-ignored (`init` writes the line; a journal set up before it had it
            // gets it here), never left untracked for a `git add .` to share.
            let mut paths = vec![journal.customer_path(&id)?];
            if journal.settings.git.autocommit
                && crate::git::is_repo(journal.root())
                && journal.upkeep().ensure_root_lines(
                    ".gitignore",
                    crate::git::IGNORE_HEADER,
                    crate::git::IGNORE,
                )?
            {
                tell(words(&journal).rej_ignored());
                paths.push(journal.root().join(".gitignore"));
            }
            autocommit(
                &journal,
                &paths,
                &format!("repair {id}: moved a broken tail aside"),
            );
        }
    }
    Ok(())
}
