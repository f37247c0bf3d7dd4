//! People to and from an address book: `coltiva import contacts.vcf` and `coltiva export
//! --format vcard` (docs/IMPORT.md, "People from an address book"). The vCard format is
//! `interop::vcard`'s; this module decides which customer a contact belongs to and writes the
//! `[[person]]` records.
//!
//! Which customer: the one whose name is the contact's `ORG` (compared as ids are made, legal
//! forms aside: "ACME S.r.l." is `acme`), and the one its e-mail addresses belong to (a
//! customer's `email`/`domain` attributes or its people, as `coltiva mail` matches them).
//! Exactly one: the person is added there. None, or more than one: the contact is listed with
//! why and not added — never guessed (exit 1). A contact whose name, or one of whose
//! addresses, is already a current person of that customer is `already` there.

use std::collections::{BTreeMap, BTreeSet};

use crate::app::{Context, autocommit, emit_with, tell};
use crate::error::{Error, Result};
use crate::ids::{fold, fresh_person_id};
use crate::interop::vcard::{self, Contact, Phone, Version};
use crate::mail::matching::Directory;
use crate::model::kinds::{email, people, person_name, phone, role};
use crate::model::{Customer, Person, PersonEvent, Record};
use crate::report::contacts::{ContactRow, Outcome};
use crate::storage::Journal;

/// A contact placed on its customer: an existing person's id (already there), `None` (added
/// now), or why it cannot be added.
type Placed = std::result::Result<Option<String>, String>;
/// A contact's row, how it was placed, and the record to append.
type Decided = (usize, Placed, Option<Record>);

/// What the import knows of a customer.
struct Known {
    id: String,
    slug: Option<String>,
    /// Current people: (id, folded name, lower-case addresses).
    people: Vec<(String, String, Vec<String>)>,
}

/// `coltiva import FILE.vcf`.
pub fn import(
    ctx: &Context,
    journal: &Journal,
    label: &str,
    bytes: &[u8],
    dry_run: bool,
) -> Result<()> {
    let (contacts, problems) = vcard::read(bytes);
    if !problems.is_empty() {
        return Err(Error::Invalid(format!(
            "{label}: {}; nothing was imported",
            problems.join("; ")
        )));
    }
    let today = ctx.today;
    let mut directory = Directory::default();
    let mut known = Vec::new();
    for (part, k) in journal.map_all(|c| {
        let mut d = Directory::default();
        d.add_customer(&c, today);
        (d, known_of(&c, today))
    })? {
        directory.extend(part);
        known.push(k);
    }
    let at = ctx.record_at("--at", None)?;

    let mut rows = Vec::new();
    let mut to_add: BTreeMap<String, Vec<(usize, Contact)>> = BTreeMap::new();
    for contact in contacts {
        let mut row = ContactRow {
            name: contact.name.clone(),
            org: contact.org.clone(),
            emails: contact.emails.clone(),
            outcome: Outcome::NotAdded,
            customer: None,
            person: None,
            why: None,
        };
        match place(&contact, &known, &directory) {
            Err(why) => row.why = Some(why),
            Ok(customer) => {
                row.customer = Some(customer.clone());
                to_add
                    .entry(customer)
                    .or_default()
                    .push((rows.len(), contact));
            }
        }
        rows.push(row);
    }

    let mut written = Vec::new();
    for (id, contacts) in to_add {
        let mut decided: Vec<(usize, Placed)> = Vec::new();
        let build = |c: &Customer| -> Vec<Decided> {
            let mut here = known_of(c, today);
            let mut out = Vec::new();
            for (row, contact) in &contacts {
                if let Some(existing) = already(&here, contact) {
                    out.push((*row, Ok(Some(existing)), None));
                    continue;
                }
                match person(contact, at, |x| {
                    c.people.iter().any(|p| p.id == x) || here.people.iter().any(|p| p.0 == x)
                }) {
                    Ok(p) => {
                        here.people.push((
                            p.id.clone(),
                            fold(&contact.name),
                            lower(&contact.emails),
                        ));
                        out.push((*row, Ok(None), Some(Record::from(p))));
                    }
                    Err(why) => out.push((*row, Err(why), None)),
                }
            }
            out
        };
        let mut ids = Vec::new();
        if dry_run {
            for (row, result, record) in build(&journal.load_customer(&id)?) {
                ids.push(record_id(&record));
                decided.push((row, result));
            }
        } else {
            let appended = journal.writer().append_records_with(&id, |c| {
                let mut records = Vec::new();
                for (row, result, record) in build(c) {
                    ids.push(record_id(&record));
                    decided.push((row, result));
                    records.extend(record);
                }
                Ok(records)
            })?;
            if !appended.is_empty() {
                written.push(journal.customer_path(&id)?);
            }
        }
        for ((row, result), new_id) in decided.into_iter().zip(ids) {
            let r = &mut rows[row];
            match result {
                Ok(Some(existing)) => {
                    r.outcome = Outcome::Already;
                    r.person = Some(existing);
                }
                Ok(None) => {
                    r.outcome = if dry_run {
                        Outcome::WouldAdd
                    } else {
                        Outcome::Added
                    };
                    r.person = new_id;
                }
                Err(why) => {
                    r.customer = None;
                    r.why = Some(why);
                }
            }
        }
    }

    let count = |o: Outcome| rows.iter().filter(|r| r.outcome == o).count();
    let (added, already, not_added) = (
        count(Outcome::Added) + count(Outcome::WouldAdd),
        count(Outcome::Already),
        count(Outcome::NotAdded),
    );
    if !written.is_empty() {
        autocommit(
            journal,
            &written,
            &format!(
                "import {}: {} added",
                label,
                crate::render::count(added as i64, "person")
            ),
        );
    }
    let words = crate::app::words(journal);
    tell(&words.contacts_done(dry_run, added, rows.len(), label, already, not_added));
    emit_with(
        &journal.settings.locale,
        None,
        &rows,
        &[],
        false,
        |layout| crate::render::views::contacts(&rows, layout),
    )?;
    if not_added > 0 {
        return Err(Error::Problems(words.contacts_not_added(not_added)));
    }
    Ok(())
}

fn record_id(record: &Option<Record>) -> Option<String> {
    match record {
        Some(Record::Person(p)) => Some(p.id.clone()),
        _ => None,
    }
}

fn lower(list: &[String]) -> Vec<String> {
    list.iter().map(|e| e.trim().to_lowercase()).collect()
}

fn known_of(c: &Customer, today: chrono::NaiveDate) -> Known {
    Known {
        id: c.id.clone(),
        slug: crate::ids::slug(&c.header.name).ok(),
        people: people(&c.records, today)
            .into_iter()
            .filter(|p| p.is_current())
            .map(|p| (p.id, fold(&p.name), lower(&p.email)))
            .collect(),
    }
}

/// The customer a contact belongs to, or why none can be chosen.
fn place(
    contact: &Contact,
    known: &[Known],
    directory: &Directory,
) -> std::result::Result<String, String> {
    let mut found: BTreeSet<String> = BTreeSet::new();
    let org = contact
        .org
        .as_deref()
        .and_then(|o| crate::ids::slug(o).ok());
    if let Some(org) = &org {
        found.extend(
            known
                .iter()
                .filter(|k| &k.id == org || k.slug.as_ref() == Some(org))
                .map(|k| k.id.clone()),
        );
    }
    for address in lower(&contact.emails) {
        found.extend(directory.customers_of(&address));
    }
    let mut found = found.into_iter();
    match (found.next(), found.next()) {
        (Some(one), None) => Ok(one),
        (None, _) => Err(format!(
            "no customer is {} nor has {}",
            contact
                .org
                .as_deref()
                .map_or("named by the card (no ORG)".to_string(), |o| format!(
                    "named {o:?}"
                )),
            if contact.emails.is_empty() {
                "an address of the card (it has none)".to_string()
            } else {
                format!("its addresses ({})", contact.emails.join(", "))
            }
        )),
        (Some(a), Some(b)) => {
            let mut all = vec![a, b];
            all.extend(found);
            Err(format!(
                "its ORG and addresses point at more than one customer ({}): add the person with `coltiva person add CUSTOMER NAME`",
                all.join(", ")
            ))
        }
    }
}

/// The current person of `k` the contact already is: the same name, or a shared address.
fn already(k: &Known, contact: &Contact) -> Option<String> {
    let name = fold(&contact.name);
    let emails = lower(&contact.emails);
    k.people
        .iter()
        .find(|(_, n, e)| *n == name || e.iter().any(|a| emails.contains(a)))
        .map(|(id, _, _)| id.clone())
}

/// The `[[person]]` record of a contact, its values checked by the rules `person add` uses.
fn person(
    contact: &Contact,
    at: crate::model::At,
    taken: impl Fn(&str) -> bool,
) -> std::result::Result<Person, String> {
    let name = person_name(&contact.name)?;
    let role = contact.role.as_deref().map(role).transpose()?;
    let emails = contact
        .emails
        .iter()
        .map(|e| email(e))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let phones = contact
        .phones
        .iter()
        .map(|p| phone(&p.number))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(Person {
        id: fresh_person_id(&name, taken),
        at,
        name: Some(name),
        role: role.filter(|r| !r.is_empty()),
        email: (!emails.is_empty()).then_some(emails),
        phone: (!phones.is_empty()).then_some(phones),
        source: None,
        event: PersonEvent::Added,
    })
}

/// `coltiva export --format vcard`: the current people of `customers` as vCards, each with its
/// customer's name as ORG.
pub fn export(customers: &[Customer], today: chrono::NaiveDate, version: Version) -> String {
    let contacts: Vec<Contact> = customers
        .iter()
        .flat_map(|c| {
            people(&c.records, today)
                .into_iter()
                .filter(|p| p.is_current())
                .map(|p| Contact {
                    name: p.name,
                    org: Some(c.header.name.clone()),
                    role: p.role,
                    emails: p.email,
                    phones: p
                        .phone
                        .into_iter()
                        .map(|number| Phone {
                            number,
                            label: None,
                        })
                        .collect(),
                })
        })
        .collect();
    vcard::write(&contacts, version)
}
