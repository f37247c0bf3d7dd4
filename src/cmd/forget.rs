//! `coltiva forget CUSTOMER`: erase a customer's file (GDPR right to erasure).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::app::{Context, autocommit, tell, words};
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
    let words = words(&journal);
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Usage(words.forget_needs_yes(&name, &id)));
        }
        eprint!("{}", words.forget_asks(&name, &id));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .ctx(|| "could not read the confirmation")?;
        if answer.trim() != id {
            return Err(Error::Usage(words.forget_not_confirmed(&name, &id)));
        }
    }
    let removed = journal.upkeep().forget(&id)?;
    journal.undo_log().forget();
    for path in &removed {
        tell(&words.deleted(&path.display().to_string()));
    }
    tell(&words.forgot(&name, &id));
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
        tell(&words.forget_history(&file));
    }
    Ok(())
}

/// The top folder of the git repository holding `dir`, if any, and `dir` made absolute.
fn git_root(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let dir = dir.canonicalize().ok()?;
    let repo = dir.ancestors().find(|d| d.join(".git").exists())?;
    Some((repo.to_path_buf(), dir.clone()))
}
