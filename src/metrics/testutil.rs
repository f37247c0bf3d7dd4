//! Small builders for customers and records, shared by the metrics unit tests.

use chrono::NaiveDate;

use crate::model::{
    Amount, At, Cadence, Channel, Customer, Direction, Header, Interaction, Kind, Order, Party,
    PhaseRecord, PhaseSetting, Promise, Record, Resolution, ResolutionStatus,
};

/// A day from `YYYY-MM-DD`.
pub fn d(text: &str) -> NaiveDate {
    text.parse().expect("test date")
}

/// An external customer `acme` with the given `since` and no records.
pub fn customer(since: Option<&str>) -> Customer {
    let header = Header {
        since: since.map(d),
        ..Header::named("Acme")
    };
    Customer::new("acme", header)
}

pub fn with_cadence(mut c: Customer, days: Option<u32>, tags: &[&str]) -> Customer {
    c.header.cadence = days.map(|days| Cadence { days });
    c.header.tags = tags.iter().map(|t| t.to_string()).collect();
    c
}

pub fn interaction(day: &str, channel: Channel) -> Record {
    Record::from(Interaction {
        with: None,
        at: At::Date(d(day)),
        channel,
        direction: Direction::Out,
        summary: "talked".into(),
        source: None,
    })
}

/// An order of 100.00.
pub fn order(day: &str) -> Record {
    order_of(day, 10_000)
}

pub fn promise(id: &str, by: Party, made: &str, due: &str) -> Record {
    Record::from(Promise {
        with: None,
        id: id.into(),
        at: At::Date(d(made)),
        by,
        what: format!("promise {id}"),
        due: d(due),
        about: None,
        source: None,
    })
}

pub fn resolution(id: &str, day: &str, status: ResolutionStatus, due: Option<&str>) -> Record {
    Record::from(Resolution {
        promise: id.into(),
        at: At::Date(d(day)),
        status,
        due: due.map(d),
        note: None,
    })
}

pub fn phase_record(day: &str, set: PhaseSetting, reason: Option<&str>) -> Record {
    Record::from(PhaseRecord {
        at: At::Date(d(day)),
        set,
        reason: reason.map(str::to_string),
    })
}

/// `customer(since)` with the given records pushed in order.
pub fn build(since: Option<&str>, records: impl IntoIterator<Item = Record>) -> Customer {
    let mut c = customer(since);
    for r in records {
        c.push(r);
    }
    c
}

/// An order of `cents` (negative for a credit note, 0 for a free delivery).
pub fn order_of(day: &str, cents: i64) -> Record {
    Record::from(Order {
        with: None,
        at: At::Date(d(day)),
        amount: Amount::from_cents(cents),
        reference: None,
        note: None,
        source: None,
    })
}

/// A promise by them about a payment.
pub fn payment(id: &str, made: &str, due: &str) -> Record {
    let Record::Promise(mut p) = promise(id, Party::Them, made, due) else {
        unreachable!("promise() builds a promise")
    };
    p.about = Some(crate::model::About::Payment);
    Record::Promise(p)
}

/// `c` made internal (`kind = "internal"`).
pub fn internal(mut c: Customer) -> Customer {
    c.header.kind = Kind::Internal;
    c
}
