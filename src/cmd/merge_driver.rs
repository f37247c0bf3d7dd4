//! `coltiva merge-driver BASE OURS THEIRS [PATH]`: the git merge driver of customer files
//! (docs/TEAMS.md), used by `git merge`, `git pull` and `git pull --rebase` alike. The merge
//! itself is [`crate::merge::merge`], a pure function of the three versions; this command reads
//! them, writes the result over OURS (where git expects it) and tells git, by its exit code,
//! whether the merge is clean (0) or has to stop for a person (1).

use std::fs;
use std::path::Path;

use crate::app::{Context, tell};
use crate::cli::MergeDriverArgs;
use crate::error::{Error, IoContext, Result};
use crate::i18n::MergeSaid;
use crate::merge::{Outcome, merge_with_notes};

/// What the driver says is in the language of the journal it finds (`--dir`, the working
/// folder git runs it in); the merge's own notes are the merge's.
pub fn run(ctx: &Context, args: MergeDriverArgs) -> Result<()> {
    let words = ctx.words();
    let label = args.path.clone().unwrap_or_else(|| "customer file".into());
    let read = |p: &Path| fs::read(p).ctx(|| format!("could not read {}", p.display()));
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let write = |bytes: &[u8]| {
        fs::write(&args.ours, bytes).ctx(|| format!("could not write {}", args.ours.display()))
    };
    let (outcome, notes) = merge_with_notes(Path::new(&label), &base, &ours, &theirs);
    for note in &notes {
        tell(&format!("coltiva: {note}"));
    }
    match outcome {
        Outcome::Clean(merged) => {
            write(&merged)?;
            tell(&format!(
                "coltiva: {}",
                words.merge_said(&MergeSaid::Merged { label: &label })
            ));
            Ok(())
        }
        Outcome::Conflict { text, reasons } => {
            write(&text)?;
            for reason in &reasons {
                tell(&format!("coltiva: {reason}"));
            }
            Err(Error::Problems(
                words.merge_said(&MergeSaid::NeedsPerson { label: &label }),
            ))
        }
        Outcome::Unmergeable(why) => {
            tell(&format!("coltiva: {why}"));
            // A side that is not UTF-8 is left as it is; otherwise git's line merge shows
            // both sides between markers for a person to sort out.
            let text = [&base, &ours, &theirs]
                .iter()
                .all(|b| std::str::from_utf8(b).is_ok());
            if text {
                crate::git::merge_file(&args.ours, &args.base, &args.theirs, &label)?;
            }
            Err(Error::Problems(
                words.merge_said(&MergeSaid::ByHand { label: &label }),
            ))
        }
    }
}
