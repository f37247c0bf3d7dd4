use crate::app::{Context, autocommit, commit_message, print, tell};
use crate::cli::PromiseArgs;
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::ids::fresh_promise_id;
use crate::model::{About, Promise, Record};
use crate::resolve;

pub fn run(ctx: &Context, args: PromiseArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let by = args.by;
    if args.what.trim().is_empty() {
        return Err(Error::Usage(
            crate::app::words(&journal).refused(&crate::i18n::CommandRefusal::EmptyPromise),
        ));
    }
    let at = ctx.record_at("--at", args.at.as_deref())?;
    let due = ctx.day("--due", &args.due, Bias::Future)?;
    if due < at.day() {
        return Err(Error::Usage(crate::app::words(&journal).refused(
            &crate::i18n::CommandRefusal::DueBeforeMade {
                due,
                made: at.day(),
            },
        )));
    }
    let id = resolve::customer(&journal, &args.customer)?;
    let payment = args.payment.then_some(About::Payment);
    let with = super::person::with(ctx, &journal, &id, args.with.as_deref(), at)?;
    // The promise as it will be, but for its id (given under the lock).
    let probe = Record::Promise(Promise {
        with: with.clone(),
        id: String::new(),
        at,
        by,
        what: args.what.clone(),
        due,
        about: payment,
        source: None,
    });
    crate::repeat::check(&journal, &id, &probe, args.again)?;
    let (record, name) = journal.writer().append_with(&id, |c| {
        // Unique within the file for sure, and within the journal as far as the promise index
        // knows (one small file read). 30 random bits keep ids made in other clones apart in
        // all but rare cases, which `coltiva check` reports and `CUSTOMER/ID` resolves; in a
        // journal of 500,000 promises without the index, about a hundred ids would be shared.
        let taken = |candidate: &str| {
            c.promises.iter().any(|p| p.id == candidate)
                || journal
                    .promise_index()
                    .lookup(candidate)
                    .is_some_and(|hits| hits.entries.iter().any(|(p, _)| p == candidate))
        };
        let promise_id = fresh_promise_id(taken)?;
        let record = Record::Promise(Promise {
            with,
            id: promise_id,
            at,
            by,
            what: args.what,
            due,
            about: payment,
            source: None,
        });
        Ok((record, c.header.name.clone()))
    })?;
    let Record::Promise(p) = record else {
        unreachable!("promise::run appends a promise")
    };
    journal.promise_index().add(&p.id, &id);
    tell(&crate::app::words(&journal).promised(&p.id, by, &name, &id, due));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &commit_message(&format!("promise {id}/{}", p.id), Some(&p.what)),
    );
    print(&format!("{}\n", p.id))
}
