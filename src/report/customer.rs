//! Everything `coltiva show` says about one customer.

use chrono::NaiveDate;
use serde::Serialize;

use super::list::{CustomerSummary, summarize};
use super::promises::PromiseRow;
use crate::config::Settings;
use crate::metrics::contacts;
use crate::metrics::phase::{self, PhaseChange};
use crate::metrics::promises;
use crate::model::{Channel, Customer, Record};

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
    pub phase_timeline: Vec<PhaseChange>,
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
    let timeline: Vec<TimelineEntry> = customer
        .timeline()
        .iter()
        .filter(|r| r.at().day() <= as_of)
        .map(entry)
        .collect();
    let records_total = timeline.len();
    let keep = if all_records {
        records_total
    } else {
        RECENT_RECORDS.min(records_total)
    };
    let records = timeline[records_total - keep..].to_vec();
    CustomerDetail {
        as_of,
        summary,
        attributes: customer
            .header
            .attributes
            .iter()
            .map(|(k, v)| (k.clone(), attribute_text(v)))
            .collect(),
        phase_receipt: assessment.describe(settings),
        phase_timeline: phase::phase_timeline(customer, settings, as_of),
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

fn entry(record: &Record) -> TimelineEntry {
    let at = record.at();
    let (label, text) = match record {
        // A note to self has no direction worth showing.
        Record::Interaction(i) if i.channel == Channel::Note => {
            ("note".to_string(), i.summary.clone())
        }
        Record::Interaction(i) => (format!("{} {}", i.channel, i.direction), i.summary.clone()),
        Record::Order(o) => {
            let mut text = o.amount.to_string();
            if let Some(r) = &o.reference {
                text.push_str(&format!(" ({r})"));
            }
            if let Some(n) = &o.note {
                text.push_str(&format!(": {n}"));
            }
            ("order".to_string(), text)
        }
        Record::Promise(p) => (
            format!("promise by {}", p.by),
            format!("[{}] {} (due {})", p.id, p.what, p.due),
        ),
        Record::Resolution(r) => {
            let mut text = format!("[{}]", r.promise);
            if let Some(due) = r.due {
                text.push_str(&format!(" new due {due}"));
            }
            if let Some(n) = &r.note {
                text.push_str(&format!(": {n}"));
            }
            (r.status.to_string(), text)
        }
        Record::Phase(p) => (
            format!("phase {}", p.set),
            p.reason.clone().unwrap_or_default(),
        ),
    };
    TimelineEntry {
        day: at.day(),
        at: at.to_string(),
        kind: record.table(),
        label,
        text,
    }
}
