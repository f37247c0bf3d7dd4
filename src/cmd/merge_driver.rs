//! `coltiva merge-driver BASE OURS THEIRS [PATH]`: the git merge driver of customer files
//! (docs/TEAMS.md). Both sides appended records: keep the base, then our records, then theirs.
//! Anything else (a header edited on a side): git's ordinary three-way merge. The result must
//! parse as a customer file, else git is told there is a conflict (exit 1).

use std::fs;
use std::path::Path;

use crate::app::tell;
use crate::cli::MergeDriverArgs;
use crate::error::{IoContext, Result};
use crate::{git, storage};

pub fn run(args: MergeDriverArgs) -> Result<()> {
    let label = args.path.clone().unwrap_or_else(|| "customer file".into());
    let read = |p: &Path| fs::read(p).ctx(|| format!("could not read {}", p.display()));
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let clean = match git::merge_appends(&base, &ours, &theirs) {
        Some(merged) => {
            fs::write(&args.ours, &merged)
                .ctx(|| format!("could not write {}", args.ours.display()))?;
            true
        }
        None => git::merge_file(&args.ours, &args.base, &args.theirs, &label)?,
    };
    if !clean {
        return Err(crate::Error::Problems(format!(
            "{label}: both sides changed the same lines; resolve the conflict, then run `coltiva list` to check the file"
        )));
    }
    let text = String::from_utf8_lossy(&read(&args.ours)?).into_owned();
    if let Err(e) = storage::parse_customer(Path::new(&label), &text) {
        return Err(crate::Error::Problems(format!(
            "the merged {label} does not parse ({e}); fix it by hand"
        )));
    }
    tell(&format!(
        "coltiva: merged the records of both sides in {label}"
    ));
    Ok(())
}
