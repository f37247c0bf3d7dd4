//! `coltiva person list`: every person of the customers asked for, with their last contact.

use chrono::NaiveDate;
use serde::Serialize;

use crate::metrics::people::{PersonContacts, people_contacts};
use crate::model::Customer;

/// One person as `person list` shows them (JSON: the customer, then the person's fields).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRow {
    pub customer: String,
    pub customer_name: String,
    #[serde(flatten)]
    pub person: PersonContacts,
}

/// The people of `customer` as of `as_of`; those who left only when `all`.
pub fn rows(customer: &Customer, as_of: NaiveDate, all: bool) -> Vec<PersonRow> {
    if customer.people.is_empty() {
        return Vec::new();
    }
    people_contacts(customer, as_of)
        .into_iter()
        .filter(|p| all || p.person.is_current())
        .map(|person| PersonRow {
            customer: customer.id.clone(),
            customer_name: customer.header.name.clone(),
            person,
        })
        .collect()
}
