//! `coltiva forget CUSTOMER`: erase a customer's file (GDPR right to erasure).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::app::{Context, autocommit, tell};
use crate::cli::ForgetArgs;
use crate::error::{Error, IoContext, Result};
use crate::resolve;

pub fn run(ctx: &Context, args: ForgetArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let id = resolve::customer(&journal, &args.customer)?;
    let name = journal
        .load_header(&id)
        .map(|h| h.name)
        .unwrap_or_else(|_| id.clone());
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Usage(format!(
                "forget deletes {name} ({id}) for good; without a terminal to confirm on, add --yes"
            )));
        }
        eprint!(
            "This deletes {name} ({id}) and every record of the relationship, for good.\nType the id ({id}) to confirm: "
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .ctx(|| "could not read the confirmation")?;
        if answer.trim() != id {
            return Err(Error::Usage(format!(
                "not confirmed; {name} ({id}) was kept"
            )));
        }
    }
    let removed = journal.forget(&id)?;
    journal.undo_log().forget();
    for path in &removed {
        tell(&format!("deleted {}", path.display()));
    }
    tell(&format!("forgot {name} ({id})"));
    autocommit(&journal, &removed[..1], &format!("forget {id}"));
    if let Some((repo, root)) = git_root(journal.root()) {
        let file = root
            .join(crate::storage::CUSTOMERS_DIR)
            .join(format!("{id}.toml"));
        let file = file
            .strip_prefix(&repo)
            .unwrap_or(&file)
            .display()
            .to_string();
        tell(&format!(
            "note: the journal is a git repository, so its history (and every clone) still holds {file}.\n\
             Commit the deletion (git rm {file}; git commit), then rewrite history to erase it:\n  \
             git filter-repo --invert-paths --path {file}\n\
             and force-push; ask everyone with a clone to clone again."
        ));
    }
    Ok(())
}

/// The top folder of the git repository holding `dir`, if any, and `dir` made absolute.
fn git_root(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let dir = dir.canonicalize().ok()?;
    let repo = dir.ancestors().find(|d| d.join(".git").exists())?;
    Some((repo.to_path_buf(), dir.clone()))
}
