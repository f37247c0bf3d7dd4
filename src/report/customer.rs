//! Everything `coltiva show` says about one customer.

use chrono::NaiveDate;
use serde::Serialize;

use super::list::{CustomerSummary, summarize};
use super::promises::PromiseRow;
use crate::config::Settings;
use crate::i18n::Catalogue;
use crate::metrics::contacts;
use crate::metrics::phase::{self, PhaseChange};
use crate::metrics::promises;
use crate::model::{Customer, Record};

/// Weeks of contact rhythm shown by `show`.
pub const RHYTHM_WEEKS: usize = 52;
/// Records shown by `show` unless `--all`.
pub const RECENT_RECORDS: usize = 15;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerDetail {
    pub as_of: NaiveDate,
    #[serde(flatten)]
    pub summary: CustomerSummary,
    /// Free header attributes (territory, potential value, ...), as text, by key.
    pub attributes: std::collections::BTreeMap<String, String>,
    /// The sentence saying which rule decided the phase, on which records.
    pub phase_receipt: String,
    /// The facts behind the receipt, which a view words in the journal's language.
    #[serde(skip)]
    pub assessment: phase::PhaseAssessment,
    #[serde(skip)]
    pub new_days: u32,
    #[serde(skip)]
    pub lost_days: u32,
    pub phase_timeline: Vec<PhaseChange>,
    /// The customer's people (those who left too) with their last contact; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<crate::metrics::people::PersonContacts>,
    /// Every promise made on or before the as-of day, in file order.
    pub promises: Vec<PromiseRow>,
    /// Contacts per week over the last 52 weeks, oldest first (the last week ends on as_of).
    pub weekly_contacts: Vec<u32>,
    /// Records shown, oldest first (the most recent ones unless all were asked for).
    pub records: Vec<TimelineEntry>,
    /// Records on or before the as-of day in all; more than `records` when some were left out.
    pub records_total: usize,
    /// The series of the HTML page's timeline chart (the last 365 days).
    pub chart: super::charts::CustomerChart,
}

/// One record as a line of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub day: NaiveDate,
    /// The moment as written (a date, or a date-time with offset).
    pub at: String,
    /// interaction, order, promise, resolution or phase.
    pub kind: &'static str,
    /// A short label: the channel and direction, the resolution status, ...
    pub label: String,
    pub text: String,
    /// The record itself, from which a view words the line in the journal's language.
    #[serde(skip)]
    pub record: Record,
}

pub fn detail(
    customer: &Customer,
    settings: &Settings,
    as_of: NaiveDate,
    all_records: bool,
) -> CustomerDetail {
    let summary = summarize(customer, settings, as_of);
    let assessment = phase::assess(customer, settings, as_of);
    let promises = promises::promise_states(customer, as_of)
        .iter()
        .map(|s| PromiseRow::new(customer, s, as_of))
        .collect();
    // Only the records shown are worded: a customer of millions of records keeps 20 entries,
    // not one per record.
    let timeline = customer.timeline();
    let until_today = || timeline.iter().filter(|r| r.at().day() <= as_of);
    let records_total = until_today().count();
    let keep = if all_records {
        records_total
    } else {
        RECENT_RECORDS.min(records_total)
    };
    let records: Vec<TimelineEntry> = until_today()
        .skip(records_total - keep)
        .map(entry)
        .collect();
    drop(timeline);
    CustomerDetail {
        as_of,
        summary,
        attributes: customer
            .header
            .attributes
            .iter()
            .map(|(k, v)| (k.clone(), attribute_text(v)))
            .collect(),
        // JSON's sentence is the English catalogue's: the receipt is worded once per language.
        phase_receipt: crate::i18n::en::English.phase_receipt(
            &assessment,
            settings.new_days,
            settings.lost_days,
        ),
        assessment,
        new_days: settings.new_days,
        lost_days: settings.lost_days,
        phase_timeline: phase::phase_timeline(customer, settings, as_of),
        people: crate::metrics::people::people_contacts(customer, as_of),
        promises,
        weekly_contacts: contacts::contacts_per_week(customer, as_of, RHYTHM_WEEKS),
        records,
        records_total,
        chart: super::charts::customer_chart(customer, settings, as_of),
    }
}

/// A free attribute as text: strings as they are, anything else in TOML notation.
fn attribute_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One record on one line in `show`'s words, as `undo` and the repeat check name it:
/// `2026-11-20 call out: first`.
pub fn line(record: &Record) -> String {
    let e = entry(record);
    match e.text.is_empty() {
        true => format!("{} {}", e.at, e.label),
        false => format!("{} {}: {}", e.at, e.label, e.text),
    }
}

/// One record as `show`'s records table words it (in English); `undo` says what it takes
/// back in these words.
pub fn entry(record: &Record) -> TimelineEntry {
    let at = record.at();
    // The English catalogue words it (JSON and CSV carry it); amounts plain, as JSON writes
    // them.
    let amount = match record {
        Record::Order(o) => o.amount.to_string(),
        _ => String::new(),
    };
    let (label, text) = crate::i18n::en::English.record_line(record, &amount);
    TimelineEntry {
        day: at.day(),
        at: at.to_string(),
        kind: record.table(),
        label,
        text,
        record: record.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::d;
    use crate::model::CustomerFile;

    fn parse(text: &str) -> Customer {
        toml::from_str::<CustomerFile>(text)
            .unwrap()
            .into_customer("acme".into())
    }

    #[test]
    fn records_of_the_same_moment_are_listed_in_file_order_whatever_their_kind() {
        // Written: a promise, an order and a call on the same day, then a note on that day and
        // a resolution at a time of that day, then an older order written late.
        let c = parse(
            r#"schema = 1
name = "ACME"
since = 2026-01-01

[[promise]]
id = "p1"
at = 2026-03-02
by = "them"
what = "Pay the invoice"
due = 2026-03-10
about = "payment"

[[order]]
at = 2026-03-02
amount = 100

[[interaction]]
at = 2026-03-02
channel = "call"
direction = "in"
summary = "They ordered by phone"

[[interaction]]
at = 2026-03-02T09:00:00+01:00
channel = "note"
direction = "out"
summary = "Remember the discount"

[[resolution]]
promise = "p1"
at = 2026-03-02T08:00:00+01:00
status = "kept"

[[order]]
at = 2026-03-01
amount = -20
"#,
        );
        assert_eq!(c.file_order, [2, 1, 0, 0, 3, 1]);
        let shown = detail(&c, &Settings::default(), d("2026-03-31"), true);
        let kinds: Vec<(&str, &str)> = shown
            .records
            .iter()
            .map(|r| (r.kind, r.at.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("order", "2026-03-01"),
                // Same moment (the day 2026-03-02, no time): file order, not kind order.
                ("promise", "2026-03-02"),
                ("order", "2026-03-02"),
                ("interaction", "2026-03-02"),
                // Timed records of that day follow, by time.
                ("resolution", "2026-03-02 08:00+01:00"),
                ("interaction", "2026-03-02 09:00+01:00"),
            ]
        );
        // The same order when the customer is built record by record.
        let mut built = Customer::new("acme", c.header.clone());
        for r in c.timeline() {
            built.push(r);
        }
        assert_eq!(built.timeline(), c.timeline());
    }

    #[test]
    fn records_outside_the_file_order_still_appear() {
        let mut c = parse("schema = 1\nname = \"ACME\"\n");
        c.orders.push(crate::model::Order {
            with: None,
            at: crate::model::At::Date(d("2026-03-01")),
            amount: crate::model::Amount::from_cents(100),
            reference: None,
            note: None,
            source: None,
        });
        assert_eq!(c.timeline().len(), 1);
    }
}
