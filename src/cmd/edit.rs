//! `coltiva edit CUSTOMER`: edit a customer file by hand, safely (like `crontab -e` or
//! `visudo`). The editor works on a private copy; the copy is checked when the editor exits;
//! a copy that does not parse, or that `coltiva check` would flag for something the edit
//! introduced (a `[[Promise]]`, a second resolution of a promise), is never saved: the user may
//! edit it again, or keep the previous version. Without a terminal to ask, the previous version is kept and the exit code is 1.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::Command;

use crate::app::{Context, autocommit, tell, words};
use crate::cli::EditArgs;
use crate::error::{Error, Result};
use crate::i18n::CommandRefusal;
use crate::resolve;
use crate::storage::EditCheck;

pub fn run(ctx: &Context, args: EditArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let id = resolve::customer(&journal, &args.customer)?;
    let words = words(&journal);
    let (program, editor_args) = editor(words)?;
    let edit = journal.editor().begin_edit(
        &id,
        crate::check::added_problems_in(journal.settings.locale.language),
    )?;
    let shown = edit.path().display().to_string();
    loop {
        run_editor(words, &program, &editor_args, edit.copy())?;
        match edit.check()? {
            EditCheck::Unchanged => {
                tell(&words.edit_unchanged(&shown));
                return Ok(());
            }
            EditCheck::Valid => {
                let path = edit.path().to_path_buf();
                edit.save()?;
                journal.undo_log().forget();
                tell(&words.edit_saved(&shown));
                autocommit(&journal, &[path], &format!("edit {id}"));
                return Ok(());
            }
            EditCheck::Invalid(e) => {
                let said = crate::i18n::said(words, &e);
                if !std::io::stdin().is_terminal() {
                    return Err(Error::Invalid(words.edit_refused(&said, &shown)));
                }
                tell(&format!("coltiva: {said}"));
                if !ask_edit_again(words, &shown)? {
                    return Err(Error::Invalid(words.edit_discarded(&shown)));
                }
            }
        }
    }
}

/// The editor command: $VISUAL, else $EDITOR, else vi (notepad on Windows); split into a
/// program and its arguments the way the system's shell would (`config::split_command`),
/// without running one.
fn editor(said: &dyn crate::i18n::Catalogue) -> Result<(String, Vec<String>)> {
    let (variable, value) = crate::config::editor_command();
    let variable = crate::config::var(variable);
    let mut words = crate::config::split_command(&value, cfg!(windows)).map_err(|e| {
        Error::Invalid(said.refused(&CommandRefusal::EditorUnreadable {
            variable: variable.clone(),
            value: value.clone(),
            detail: e.to_string(),
        }))
    })?;
    if words.is_empty() {
        return Err(Error::Invalid(
            said.refused(&CommandRefusal::EditorEmpty { variable }),
        ));
    }
    let program = words.remove(0);
    Ok((program, words))
}

fn run_editor(
    said: &dyn crate::i18n::Catalogue,
    program: &str,
    args: &[String],
    file: &Path,
) -> Result<()> {
    let status = Command::new(program)
        .args(args)
        .arg(file)
        .status()
        .map_err(|e| {
            Error::Invalid(said.refused(&CommandRefusal::EditorNotStarted {
                program: program.to_string(),
                error: e.to_string(),
            }))
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Invalid(said.refused(
            &CommandRefusal::EditorFailed {
                program: program.to_string(),
                status: status.to_string(),
            },
        )))
    }
}

/// Asks on the terminal whether to edit again (true) or keep the previous version (false),
/// in the journal's words; the answers of every language are understood (e/r, m/r, b/w).
fn ask_edit_again(words: &dyn crate::i18n::Catalogue, shown: &str) -> Result<bool> {
    let stdin = std::io::stdin();
    loop {
        eprint!("{}", words.edit_asks(shown));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let read = stdin
            .lock()
            .read_line(&mut answer)
            .map_err(|e| Error::io("could not read the answer", e))?;
        if read == 0 {
            return Ok(false);
        }
        if crate::i18n::answers(&answer, |w| w.edit_answers().0) {
            return Ok(true);
        }
        if crate::i18n::answers(&answer, |w| w.edit_answers().1) {
            return Ok(false);
        }
    }
}
