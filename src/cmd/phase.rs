use crate::app::{Context, autocommit, commit_message, non_empty, tell};
use crate::cli::PhaseArgs;
use crate::error::Result;
use crate::model::{PhaseRecord, PhaseSetting, Record};
use crate::resolve;

pub fn run(ctx: &Context, args: PhaseArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let set = args.phase;
    let at = ctx.record_at("--at", args.at.as_deref())?;
    let id = resolve::customer(&journal, &args.customer)?;
    let record = Record::from(PhaseRecord {
        at,
        set,
        reason: non_empty(args.reason),
    });
    let (record, name) = journal
        .writer()
        .append_with(&id, |c| Ok((record, c.header.name.clone())))?;
    let reason = match record {
        Record::Phase(p) => p.reason,
        _ => None,
    };
    match set {
        PhaseSetting::Auto => {
            tell(&crate::app::words(&journal).phase_set(&name, &id, None, at.day()))
        }
        PhaseSetting::Pin(p) => {
            tell(&crate::app::words(&journal).phase_set(&name, &id, Some(p), at.day()))
        }
    }
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &commit_message(&format!("phase {id}: {set}"), reason.as_deref()),
    );
    Ok(())
}
