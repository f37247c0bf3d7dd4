//! `coltiva person add | list | set | left`, and the `--with` of `log`, `order` and `promise`.
//! The rules (a name, an e-mail, a phone, a person id) are the kind's own
//! (`model::kinds::person`), the same `import` and `check` apply.

use crate::app::{Context, autocommit, commit_message, emit_with, hint_if_empty, print, tell};
use crate::cli::{PersonCommand, PersonFields, PersonLeftArgs, PersonListArgs, PersonSetArgs};
use crate::error::{Error, Result, RuleBroken};
use crate::i18n::PersonRefusal;
use crate::ids::fresh_person_id;
use crate::model::kinds::{check_person_id, email, person_name, phone, role};
use crate::model::{At, Person, PersonEvent, Record};
use crate::render::views;
use crate::resolve;
use crate::storage::Journal;

pub fn run(ctx: &Context, command: PersonCommand) -> Result<()> {
    match command {
        PersonCommand::Add(args) => add(ctx, args),
        PersonCommand::List(args) => list(ctx, args),
        PersonCommand::Set(args) => set(ctx, args),
        PersonCommand::Left(args) => left(ctx, args),
    }
}

/// The checked fields of `add` and `set`: role, e-mail addresses, phones (None: not given).
type Fields = (Option<String>, Option<Vec<String>>, Option<Vec<String>>);

fn fields(f: &PersonFields) -> Result<Fields> {
    let list = |items: &[String], rule: fn(&str) -> std::result::Result<String, RuleBroken>| {
        items
            .iter()
            .map(|i| rule(i))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(|l| (!l.is_empty()).then_some(l))
            .map_err(Error::from)
    };
    let role = f
        .role
        .as_deref()
        .map(role)
        .transpose()
        .map_err(Error::from)?;
    Ok((role, list(&f.email, email)?, list(&f.phone, phone)?))
}

fn add(ctx: &Context, args: crate::cli::PersonAddArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let name = person_name(&args.name)?;
    let (role, email, phone) = fields(&args.fields)?;
    let at = ctx.record_at("--at", args.fields.at.as_deref())?;
    if let Some(id) = &args.id {
        check_person_id(id).map_err(|m| Error::Usage(format!("--id: {m}")))?;
    }
    let id = resolve::customer(&journal, &args.customer)?;
    let today = ctx.today;
    let words = crate::app::words(&journal);
    let (_, (customer_name, person)) = journal.writer().append_with(&id, |c| {
        let people = crate::model::kinds::people(&c.records, today);
        let person = match &args.id {
            Some(wanted) => {
                if let Some(p) = people.iter().find(|p| &p.id == wanted && p.is_current()) {
                    return Err(Error::Usage(words.person_refused(
                        &PersonRefusal::AlreadyThere {
                            person: &p.name,
                            pid: wanted,
                            customer: &c.header.name,
                            id: &c.id,
                        },
                    )));
                }
                if c.people.iter().any(|p| &p.id == wanted)
                    && !people.iter().any(|p| &p.id == wanted)
                {
                    // Only records dated after today hold it: refused as any clash would be.
                    return Err(Error::Usage(words.person_refused(
                        &PersonRefusal::IdTaken {
                            pid: wanted,
                            id: &c.id,
                        },
                    )));
                }
                wanted.clone()
            }
            None => {
                let same = crate::ids::fold(&name);
                if let Some(p) = people
                    .iter()
                    .find(|p| p.is_current() && crate::ids::fold(&p.name) == same)
                {
                    return Err(Error::Usage(words.person_refused(
                        &PersonRefusal::SameName {
                            person: &p.name,
                            pid: &p.id,
                            customer: &c.header.name,
                        },
                    )));
                }
                fresh_person_id(&name, |x| c.people.iter().any(|p| p.id == x))
            }
        };
        let record = Record::from(Person {
            id: person.clone(),
            at,
            name: Some(name.clone()),
            role: role.filter(|r| !r.is_empty()),
            email,
            phone,
            source: None,
            event: PersonEvent::Added,
        });
        Ok((record, (c.header.name.clone(), person)))
    })?;
    print(&format!("{person}\n"))?;
    tell(&crate::app::words(&journal).person_done(
        PersonEvent::Added,
        (&name, &person),
        &customer_name,
        &id,
        at.day(),
    ));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &commit_message(&format!("person add {id}: {person}"), Some(&name)),
    );
    Ok(())
}

fn set(ctx: &Context, args: PersonSetArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let name = args
        .name
        .as_deref()
        .map(person_name)
        .transpose()
        .map_err(Error::from)?;
    let (role, mut email, mut phone) = fields(&args.fields)?;
    if args.no_email {
        email = Some(Vec::new());
    }
    if args.no_phone {
        phone = Some(Vec::new());
    }
    if name.is_none() && role.is_none() && email.is_none() && phone.is_none() {
        return Err(Error::Usage(
            crate::app::words(&journal).person_refused(&PersonRefusal::NothingToChange),
        ));
    }
    let at = ctx.record_at("--at", args.fields.at.as_deref())?;
    let id = resolve::customer(&journal, &args.customer)?;
    let today = ctx.today;
    let (_, (customer_name, person)) = journal.writer().append_with(&id, |c| {
        let p = resolve::person(c, &args.person, today, crate::app::words(&journal))?;
        let record = Record::from(Person {
            id: p.id.clone(),
            at,
            name,
            role,
            email,
            phone,
            source: None,
            event: PersonEvent::Changed,
        });
        Ok((record, (c.header.name.clone(), p)))
    })?;
    tell(&crate::app::words(&journal).person_done(
        PersonEvent::Changed,
        (&person.name, &person.id),
        &customer_name,
        &id,
        at.day(),
    ));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &commit_message(&format!("person set {id}: {}", person.id), None),
    );
    Ok(())
}

fn left(ctx: &Context, args: PersonLeftArgs) -> Result<()> {
    let journal = ctx.journal()?;
    let at = ctx.record_at("--at", args.at.as_deref())?;
    let id = resolve::customer(&journal, &args.customer)?;
    let today = ctx.today;
    let words = crate::app::words(&journal);
    let (_, (customer_name, person)) = journal.writer().append_with(&id, |c| {
        let p = resolve::person(c, &args.person, today, words)?;
        if let Some(day) = p.left {
            return Err(Error::Usage(words.person_refused(
                &PersonRefusal::AlreadyLeft {
                    person: &p.name,
                    pid: &p.id,
                    customer: &c.header.name,
                    day,
                },
            )));
        }
        if at.day() < p.since {
            return Err(Error::Usage(words.person_refused(
                &PersonRefusal::LeftBeforeAdded {
                    at: at.day(),
                    person: &p.name,
                    pid: &p.id,
                    since: p.since,
                },
            )));
        }
        let record = Record::from(Person {
            id: p.id.clone(),
            at,
            name: None,
            role: None,
            email: None,
            phone: None,
            source: None,
            event: PersonEvent::Left,
        });
        Ok((record, (c.header.name.clone(), p)))
    })?;
    tell(&crate::app::words(&journal).person_done(
        PersonEvent::Left,
        (&person.name, &person.id),
        &customer_name,
        &id,
        at.day(),
    ));
    autocommit(
        &journal,
        &[journal.customer_path(&id)?],
        &commit_message(&format!("person left {id}: {}", person.id), None),
    );
    Ok(())
}

fn list(ctx: &Context, args: PersonListArgs) -> Result<()> {
    let mut customers = super::customer_filter(&args.filter)?;
    let journal = ctx.journal()?;
    super::name_customers(&mut customers, &journal, &args.customers)?;
    let (today, settings) = (ctx.today, &journal.settings);
    let (rows, unreadable) = journal.map_readable(|c| {
        if !customers.accepts(&c, settings, today) {
            return Vec::new();
        }
        crate::report::people::rows(&c, today, args.all)
    })?;
    let problems = crate::unreadable::describe(&journal, &unreadable);
    hint_if_empty(&journal, rows.len() + unreadable.len());
    let rows: Vec<_> = rows.into_iter().flatten().collect();
    emit_with(
        &journal.settings.locale,
        args.output.format,
        &rows,
        &problems,
        false,
        |layout| views::people(&rows, today, layout),
    )
}

/// The person a new contact, order or promise of customer `id` at `at` was with (`--with`):
/// resolved among its people ([`resolve::person`]); None when not given. A person who left
/// before `at` is refused: counted as a contact with the customer, it would hide that no one
/// there is spoken with any more (the account at risk, docs/METRICS.md); a record of before
/// the day they left is fine.
pub fn with(
    ctx: &Context,
    journal: &Journal,
    id: &str,
    typed: Option<&str>,
    at: At,
) -> Result<Option<String>> {
    let Some(typed) = typed else {
        return Ok(None);
    };
    let customer = journal.load_customer(id)?;
    let p = resolve::person(&customer, typed, ctx.today, crate::app::words(journal))?;
    if let Some(day) = p.left
        && at.day() >= day
    {
        return Err(Error::Usage(crate::app::words(journal).person_refused(
            &PersonRefusal::WithLeft {
                typed,
                person: &p.name,
                pid: &p.id,
                customer: &customer.header.name,
                day,
                id,
            },
        )));
    }
    Ok(Some(p.id))
}
