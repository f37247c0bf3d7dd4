//! `coltiva undo [--dry-run]`: takes back the last write made in this journal from this
//! machine (storage keeps the record and does the byte work; see storage/undo.rs). What it
//! takes back, and why it refuses, are said in the journal's language.

use crate::app::{Context, autocommit, print, tell};
use crate::cli::UndoArgs;
use crate::error::{Error, Result};
use crate::i18n::Style;
use crate::model::Language;
use crate::storage::{Refused, TakenBack, UndoEntry};

pub fn run(ctx: &Context, args: UndoArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let locale = &journal.settings.locale;
    let people = Style::new(locale.language, locale.money());
    let words = people.words();
    let done = journal
        .undo_log()
        .undo(args.dry_run)?
        .map_err(|r| refusal(&r, &people))?;
    let what = what(&done.entry, &people);
    if args.dry_run {
        tell(&words.undo_would(&what));
        return print(&done.entry.taken_back());
    }
    tell(&words.undo_done(&what));
    // The commit message stays English, as every commit coltiva makes.
    let english = self::what(&done.entry, &Style::MACHINE);
    autocommit(
        &journal,
        &[done.path],
        &format!("undo {}: {english}", done.entry.customer),
    );
    Ok(())
}

/// Why `undo` changed nothing, in `style`'s words.
pub fn refusal(refused: &Refused, style: &Style) -> Error {
    let words = style.words();
    let (entry, gone) = match refused {
        Refused::Nothing => return Error::Invalid(words.undo_nothing()),
        Refused::Gone(entry) => (entry, true),
        Refused::Changed(entry) => (entry, false),
    };
    Error::Invalid(words.undo_refused(&what(entry, style), gone, &entry.customer))
}

/// What `entry` takes back, in `style`'s words. English keeps the words it has always
/// shown (`show`'s records table as JSON has it: ISO moments, plain amounts); another
/// language words each record as its `show` does.
pub fn what(entry: &UndoEntry, style: &Style) -> String {
    let words = style.words();
    match entry.taken() {
        TakenBack::Appended {
            file,
            many,
            records,
        } => {
            let records: Vec<String> = records
                .iter()
                .map(|r| match style.language {
                    Language::En => crate::report::customer::line(r),
                    _ => style.record(r),
                })
                .collect();
            words.undo_appended(&file, many, &records)
        }
        TakenBack::HeaderEdit { file, changes } => words.undo_header_edit(&file, &changes),
        TakenBack::Creation { file, name } => words.undo_creation(&file, name.as_deref()),
    }
}
