//! A customer's people as contacts see them: when each was last spoken with, and whether the
//! relationship rests on one person (docs/METRICS.md, "People and accounts at risk").

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Channel, Customer, PersonNow};

/// How far back named contacts count for [`at_risk`]: a year.
pub const RISK_WINDOW_DAYS: i64 = 365;

/// Named contacts a customer needs in the window before [`at_risk`] judges who they were with.
pub const RISK_MIN_CONTACTS: usize = 2;

/// One person of a customer with their contacts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonContacts {
    #[serde(flatten)]
    pub person: PersonNow,
    /// The day of the last contact with them (a `with` on a contact: an interaction other than
    /// a note, or an order).
    #[serde(with = "super::serde_day::option")]
    pub last_contact: Option<NaiveDate>,
    /// Days from the last contact to the as-of day.
    pub days_since_contact: Option<i64>,
    /// Their contacts in the last [`RISK_WINDOW_DAYS`] days.
    pub contacts_last_year: usize,
}

/// Why an account is at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Risk {
    /// Every person ever known at the customer has left.
    EveryoneLeft,
    /// The named contacts of the last year were, among the people still there, with this one
    /// person alone (`person` None: with no one still there).
    RestsOnOne {
        #[serde(skip_serializing_if = "Option::is_none")]
        person: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        person_name: Option<String>,
    },
}

impl Risk {
    /// In words, for tables and messages: "everyone left", "rests on Paola Rossi".
    pub fn describe(&self) -> String {
        match self {
            Risk::EveryoneLeft => "everyone left".into(),
            Risk::RestsOnOne {
                person_name: Some(name),
                ..
            } => format!("rests on {name}"),
            Risk::RestsOnOne {
                person_name: None, ..
            } => "no one left who was spoken with".into(),
        }
    }
}

/// The days of the contacts with each person id, up to `as_of`.
fn named_contacts(customer: &Customer, as_of: NaiveDate) -> Vec<(&str, NaiveDate)> {
    let interactions = customer
        .interactions
        .iter()
        .filter(|i| i.channel != Channel::Note)
        .filter_map(|i| Some((i.with.as_deref()?, i.at.day())));
    let orders = customer
        .orders
        .iter()
        .filter_map(|o| Some((o.with.as_deref()?, o.at.day())));
    interactions
        .chain(orders)
        .filter(|&(_, day)| day <= as_of)
        .collect()
}

/// Every person of the customer (as of `as_of`) with their contacts, in the order they were
/// first known.
pub fn people_contacts(customer: &Customer, as_of: NaiveDate) -> Vec<PersonContacts> {
    let contacts = named_contacts(customer, as_of);
    let window = as_of - chrono::Duration::days(RISK_WINDOW_DAYS);
    crate::model::kinds::people(&customer.records, as_of)
        .into_iter()
        .map(|person| {
            let theirs = contacts.iter().filter(|(id, _)| *id == person.id);
            let last_contact = theirs.clone().map(|&(_, day)| day).max();
            PersonContacts {
                last_contact,
                days_since_contact: last_contact.map(|d| (as_of - d).num_days()),
                contacts_last_year: theirs.filter(|&&(_, day)| day > window).count(),
                person,
            }
        })
        .collect()
}

/// Whether the relationship is at risk as of `as_of` (docs/METRICS.md): a customer with
/// people recorded whose people have all left; or whose named contacts of the last year
/// (at least [`RISK_MIN_CONTACTS`]) were, among the people still there, with one person
/// or none. A customer without people is never at risk: nothing is known of them.
pub fn at_risk(people: &[PersonContacts]) -> Option<Risk> {
    if people.is_empty() {
        return None;
    }
    let current: Vec<&PersonContacts> = people.iter().filter(|p| p.person.is_current()).collect();
    if current.is_empty() {
        return Some(Risk::EveryoneLeft);
    }
    let named: usize = people.iter().map(|p| p.contacts_last_year).sum();
    if named < RISK_MIN_CONTACTS {
        return None;
    }
    let spoken: Vec<&&PersonContacts> = current
        .iter()
        .filter(|p| p.contacts_last_year > 0)
        .collect();
    match spoken.as_slice() {
        [] => Some(Risk::RestsOnOne {
            person: None,
            person_name: None,
        }),
        [one] => Some(Risk::RestsOnOne {
            person: Some(one.person.id.clone()),
            person_name: Some(one.person.name.clone()),
        }),
        _ => None,
    }
}

/// Whom to call at a customer: the person still there spoken with last (else the first one
/// still there), with their role.
pub fn whom_to_call(people: &[PersonContacts]) -> Option<&PersonContacts> {
    let current = people.iter().filter(|p| p.person.is_current());
    current
        .clone()
        .filter(|p| p.last_contact.is_some())
        .max_by_key(|p| p.last_contact)
        .or_else(|| current.clone().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::d;
    use crate::model::CustomerFile;

    fn customer(records: &str) -> Customer {
        toml::from_str::<CustomerFile>(&format!("schema = 1\nname = \"ACME\"\n{records}"))
            .unwrap()
            .into_customer("acme".into())
    }

    fn person(id: &str, day: &str, event: &str) -> String {
        format!(
            "\n[[person]]\nid = \"{id}\"\nat = {day}\nname = \"{id} name\"\nevent = \"{event}\"\n"
        )
    }

    fn call(with: &str, day: &str) -> String {
        format!(
            "\n[[interaction]]\nat = {day}\nchannel = \"call\"\nsummary = \"x\"\nwith = \"{with}\"\ndirection = \"out\"\n"
        )
    }

    #[test]
    fn last_contacts_and_the_risk_of_one_person() {
        let both = [
            person("paola", "2025-01-01", "added"),
            person("marco", "2025-01-01", "added"),
            call("paola", "2026-03-01"),
            call("marco", "2026-05-01"),
            call("paola", "2026-06-01"),
            // A note is no contact.
            "\n[[interaction]]\nat = 2026-06-20\nchannel = \"note\"\nsummary = \"x\"\nwith = \"marco\"\ndirection = \"out\"\n".into(),
        ]
        .concat();
        let c = customer(&both);
        let people = people_contacts(&c, d("2026-07-01"));
        assert_eq!(people[0].last_contact, Some(d("2026-06-01")));
        assert_eq!(people[0].days_since_contact, Some(30));
        assert_eq!(people[0].contacts_last_year, 2);
        assert_eq!(people[1].last_contact, Some(d("2026-05-01")));
        assert_eq!(at_risk(&people), None);
        assert_eq!(whom_to_call(&people).unwrap().person.id, "paola");
        // Marco leaves: the contacts of the year rest on Paola.
        let c = customer(&format!("{both}{}", person("marco", "2026-06-15", "left")));
        let people = people_contacts(&c, d("2026-07-01"));
        assert_eq!(at_risk(&people).unwrap().describe(), "rests on paola name",);
        // Paola leaves too: everyone left.
        let c = customer(&format!(
            "{both}{}{}",
            person("marco", "2026-06-15", "left"),
            person("paola", "2026-06-20", "left")
        ));
        assert_eq!(
            at_risk(&people_contacts(&c, d("2026-07-01"))),
            Some(Risk::EveryoneLeft)
        );
        assert_eq!(whom_to_call(&people_contacts(&c, d("2026-07-01"))), None);
        // Before the year's window, the same calls say nothing.
        let later = people_contacts(&customer(&both), d("2027-07-01"));
        assert_eq!(at_risk(&later), None);
        // No people: never at risk.
        assert_eq!(
            at_risk(&people_contacts(&customer(""), d("2026-07-01"))),
            None
        );
    }
}
