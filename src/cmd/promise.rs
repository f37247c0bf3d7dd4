use crate::cli::PromiseArgs;
use crate::cmd::{Context, autocommit, print, tell};
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::ids::new_promise_id;
use crate::model::{Party, Promise, Record};
use crate::resolve;

pub fn run(ctx: &Context, args: PromiseArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let by = args.by.parse::<Party>().map_err(Error::Usage)?;
    if args.what.trim().is_empty() {
        return Err(Error::Usage("what was promised cannot be empty".into()));
    }
    let at = ctx.record_at("--at", args.at.as_deref())?;
    let due = ctx.day("--due", &args.due, Bias::Future)?;
    if due < at.day() {
        return Err(Error::Usage(format!(
            "--due {due} is before the promise was made ({})",
            at.day()
        )));
    }
    let id = resolve::customer(&journal, &args.customer)?;
    let (record, name) = journal.append_with(&id, |c| {
        // Unique within the file for sure; across the journal the 30 random bits make a
        // collision negligible, and `coltiva check` reports one if it ever happens.
        let mut promise_id = new_promise_id()?;
        while c.promises.iter().any(|p| p.id == promise_id) {
            promise_id = new_promise_id()?;
        }
        let record = Record::Promise(Promise {
            id: promise_id,
            at,
            by,
            what: args.what,
            due,
            source: None,
        });
        Ok((record, c.header.name.clone()))
    })?;
    let Record::Promise(p) = record else {
        unreachable!("promise::run appends a promise")
    };
    journal.index_promise(&p.id, &id);
    tell(&format!(
        "promise {} by {by} to {name} ({id}), due {due}",
        p.id
    ));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &format!("promise {id}: {}", p.id),
    );
    print(&format!("{}\n", p.id))
}
