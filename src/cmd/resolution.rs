//! What keep, break, cancel and renegotiate share: find the promise, check that it can still
//! be resolved, append the resolution.

use chrono::NaiveDate;

use crate::app::{Context, autocommit, commit_message, non_empty, tell};
use crate::error::{Error, Result};
use crate::model::{Record, Resolution, ResolutionStatus};
use crate::resolve::{self, PromiseRef};

pub fn resolve_promise(
    ctx: &Context,
    reference: &str,
    status: ResolutionStatus,
    at: Option<&str>,
    new_due: Option<NaiveDate>,
    note: Option<String>,
) -> Result<()> {
    let reference =
        PromiseRef::parse(reference).map_err(|r| Error::Usage(ctx.words().refused(&r)))?;
    let at = ctx.record_at("--at", at)?;
    let journal = ctx.journal()?;
    let owner = resolve::promise_owner(&journal, &reference)?;
    let words = crate::app::words(&journal);
    let (record, (promise_id, name, promised)) = journal.writer().append_with(&owner, |c| {
        let promise = resolve::promise_in(c, &reference)?;
        if at.day() < promise.at.day() {
            return Err(Error::Usage(words.resolved_before_promise(
                at.day(),
                &promise.id,
                promise.at.day(),
            )));
        }
        if let Some(done) = c
            .resolutions
            .iter()
            .find(|r| r.promise == promise.id && r.status != ResolutionStatus::Renegotiated)
        {
            return Err(Error::Usage(words.already_resolved(
                &format!("{}/{}", c.id, promise.id),
                done.status,
                done.at.day(),
            )));
        }
        if let Some(due) = new_due
            && due < at.day()
        {
            return Err(Error::Usage(words.due_before_renegotiation(due, at.day())));
        }
        let record = Record::from(Resolution {
            promise: promise.id.clone(),
            at,
            status,
            due: new_due,
            note: non_empty(note),
        });
        Ok((
            record,
            (
                promise.id.clone(),
                c.header.name.clone(),
                promise.what.clone(),
            ),
        ))
    })?;
    tell(&words.resolved(
        &format!("{owner}/{promise_id}"),
        &name,
        status,
        new_due,
        at.day(),
    ));
    let verb = match status {
        ResolutionStatus::Kept => "keep",
        ResolutionStatus::Broken => "break",
        ResolutionStatus::Cancelled => "cancel",
        ResolutionStatus::Renegotiated => "renegotiate",
    };
    autocommit(
        &journal,
        &[journal.customer_path(&owner)?],
        &commit_message(
            &format!("{verb} {owner}/{promise_id}"),
            Some(match &record {
                Record::Resolution(Resolution {
                    note: Some(note), ..
                }) => note,
                _ => &promised,
            }),
        ),
    );
    Ok(())
}
