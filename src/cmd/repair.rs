//! `coltiva repair CUSTOMER`: move an unparseable tail aside so the file can be written again.

use crate::app::{Context, autocommit, tell};
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
    match journal.repair(&id, args.force)? {
        Repair::Clean => tell(&format!("{id}: the file parses; nothing to repair")),
        Repair::Moved {
            error,
            from_line,
            bytes,
            records,
            rej,
        } => {
            let what = match records {
                0 => format!(
                    "NUL bytes from line {from_line} on, no record: a write whose data never reached the disk"
                ),
                1 => format!("1 record from line {from_line} on"),
                n => format!("{n} records from line {from_line} on"),
            };
            tell(&format!(
                "{error}\nrepaired {id}: moved {bytes} bytes ({what}) to {}\nthe rest of the file is untouched and parses; copy back from the .rej file whatever you want to keep",
                rej.display()
            ));
            journal.undo_log().forget();
            // The .rej file is not committed: it is for the user to review, not to share. So
            // it is git-ignored (`init` writes the line; a journal set up before it had it
            // gets it here), never left untracked for a `git add .` to share.
            let mut paths = vec![journal.customer_path(&id)?];
            if journal.settings.git.autocommit
                && crate::git::is_repo(journal.root())
                && journal.ensure_root_lines(
                    ".gitignore",
                    crate::git::IGNORE_HEADER,
                    crate::git::IGNORE,
                )?
            {
                tell(
                    "added the .rej files of `coltiva repair` to .gitignore: they stay in this clone",
                );
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
