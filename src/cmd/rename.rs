//! `coltiva rename CUSTOMER NEW-ID`: changes a customer's id, that is the name of its file.

use crate::app::{Context, autocommit, tell, words};
use crate::cli::RenameArgs;
use crate::error::{Error, IdFix, Refusal, Result};
use crate::ids::check_id;
use crate::resolve;

pub fn run(ctx: &Context, args: RenameArgs) -> Result<()> {
    let new = args.new_id.trim();
    check_id(new).map_err(|bad| {
        Error::Refused(Refusal::BadId {
            bad,
            fix: IdFix::NewId,
        })
    })?;
    let journal = ctx.journal()?;
    let old = resolve::customer(&journal, &args.customer)?;
    if old == new {
        return Err(Error::Usage(words(&journal).same_id(&old)));
    }
    let name = journal
        .load_header(&old)
        .map(|h| h.name)
        .unwrap_or_else(|_| old.clone());
    // Staged as a deletion only when git knows the old file (else `git add` refuses it).
    let tracked = journal.settings.git.autocommit
        && crate::git::is_repo(journal.root())
        && crate::git::is_tracked(journal.root(), &journal.customer_path(&old)?);
    let (from, to) = journal.upkeep().rename_customer(&old, new)?;
    tell(&words(&journal).renamed(
        &name,
        &old,
        new,
        &relative(journal.root(), &from),
        &relative(journal.root(), &to),
    ));
    let paths = if tracked { vec![from, to] } else { vec![to] };
    autocommit(&journal, &paths, &format!("rename {old} → {new}"));
    Ok(())
}

fn relative(root: &std::path::Path, path: &std::path::Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
