//! One summary per customer: the row of `coltiva list` and the core of every other report.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Settings;
use crate::metrics::contacts::{self, CadenceSource};
use crate::metrics::phase::{self, PhaseRule};
use crate::metrics::promises::{self, KeptCounts};
use crate::model::{Amount, Customer, Kind, Party, Phase};

/// Everything `list --format json` says about one customer (names are part of the contract:
/// PRODUCT.md §5 and docs/METRICS.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSummary {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub phase: Phase,
    /// Which rule decided the phase: pinned, no_order, lost, new, acquired.
    pub phase_rule: PhaseRule,
    /// The day the customer entered its current phase.
    pub phase_since: NaiveDate,
    pub tags: Vec<String>,
    pub since: Option<NaiveDate>,
    pub orders: u32,
    #[serde(serialize_with = "super::amount_number")]
    pub order_total: Amount,
    pub first_order: Option<NaiveDate>,
    pub last_order: Option<NaiveDate>,
    pub first_contact: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    pub contact_days: u32,
    pub days_since_contact: Option<i64>,
    #[serde(serialize_with = "super::round2_opt")]
    pub mean_gap_days: Option<f64>,
    pub max_gap_days: Option<i64>,
    pub cadence_days: u32,
    /// Where the cadence came from: customer, tag:<name>, phase:<phase>, default.
    pub cadence_source: String,
    pub overdue_days: i64,
    pub promises_us: KeptCounts,
    pub promises_them: KeptCounts,
    /// The outlook (docs/OUTLOOK.md): P(alive) and the purchases expected in the next 90 days;
    /// `null` without a purchase, for internal customers, or without a model. Filled in by the
    /// commands, which see the whole journal the model is fitted to.
    #[serde(serialize_with = "crate::outlook::round6_opt")]
    pub p_alive: Option<f64>,
    #[serde(serialize_with = "crate::outlook::round6_opt")]
    pub expected_purchases_90d: Option<f64>,
}

impl CustomerSummary {
    /// Takes this customer's figures from the outlook of the journal.
    pub fn set_outlook(&mut self, outlook: &crate::outlook::Outlook) {
        let figures = outlook.customer(&self.id);
        self.p_alive = figures.and_then(|c| c.p_alive);
        self.expected_purchases_90d = figures.and_then(|c| c.expected_purchases);
    }
}

/// Computes the summary of one customer as of `as_of`.
pub fn summarize(customer: &Customer, settings: &Settings, as_of: NaiveDate) -> CustomerSummary {
    let assessment = phase::assess(customer, settings, as_of);
    let contact = contacts::contact_stats(customer, as_of);
    let cadence = contacts::cadence(customer, assessment.phase, settings);
    let states = promises::promise_states(customer, as_of);
    let (orders, order_total) = customer
        .orders
        .iter()
        .filter(|o| o.at.day() <= as_of)
        .fold((0u32, Amount::default()), |(n, total), o| {
            (n + 1, total + o.amount)
        });
    CustomerSummary {
        id: customer.id.clone(),
        name: customer.header.name.clone(),
        kind: customer.header.kind,
        phase: assessment.phase,
        phase_rule: assessment.rule,
        phase_since: assessment.since,
        tags: customer.header.tags.clone(),
        since: customer.header.since,
        orders,
        order_total,
        first_order: assessment.first_order,
        last_order: assessment.last_order,
        first_contact: contact.first_contact,
        last_contact: contact.last_contact,
        contact_days: contact.contact_days,
        days_since_contact: contact.days_since_contact,
        mean_gap_days: contact.mean_gap_days,
        max_gap_days: contact.max_gap_days,
        cadence_days: cadence.days,
        cadence_source: cadence_label(&cadence.source),
        overdue_days: contacts::overdue_days(contact.days_since_contact, cadence.days),
        promises_us: promises::kept_counts(&states, Party::Us, None),
        promises_them: promises::kept_counts(&states, Party::Them, None),
        p_alive: None,
        expected_purchases_90d: None,
    }
}

pub fn cadence_label(source: &CadenceSource) -> String {
    match source {
        CadenceSource::Customer => "customer".into(),
        CadenceSource::Tag(tag) => format!("tag:{tag}"),
        CadenceSource::Phase(phase) => format!("phase:{phase}"),
        CadenceSource::Default => "default".into(),
    }
}

/// Filters of `coltiva list`.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub phase: Option<Phase>,
    pub tag: Option<String>,
    pub kind: Option<Kind>,
    pub overdue_only: bool,
}

impl ListFilter {
    pub fn accepts(&self, s: &CustomerSummary) -> bool {
        self.phase.is_none_or(|p| s.phase == p)
            && self.kind.is_none_or(|k| s.kind == k)
            && self.tag.as_ref().is_none_or(|t| s.tags.contains(t))
            && (!self.overdue_only || s.overdue_days > 0)
    }
}

/// Orders of `coltiva list --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Id,
    Overdue,
    Gap,
    Rate,
    Total,
    Phase,
}

/// Sorts summaries; ties always fall back to the id so output is stable.
pub fn sort(rows: &mut [CustomerSummary], key: SortKey) {
    use std::cmp::Reverse;
    match key {
        SortKey::Id => rows.sort_by(|a, b| a.id.cmp(&b.id)),
        SortKey::Name => rows.sort_by_cached_key(|s| (crate::ids::fold(&s.name), s.id.clone())),
        SortKey::Overdue => rows.sort_by_key(|s| {
            (
                Reverse(s.overdue_days),
                Reverse(s.days_since_contact),
                s.id.clone(),
            )
        }),
        SortKey::Gap => rows.sort_by_key(|s| (Reverse(s.days_since_contact), s.id.clone())),
        // Lowest kept rate first (the relationships where our word is weakest); no rate last.
        SortKey::Rate => rows.sort_by(|a, b| {
            let ra = a.promises_us.rate();
            let rb = b.promises_us.rate();
            match (ra, rb) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.id.cmp(&b.id))
        }),
        SortKey::Total => rows.sort_by_key(|s| (Reverse(s.order_total), s.id.clone())),
        SortKey::Phase => rows.sort_by_key(|s| (phase_rank(s.phase), s.id.clone())),
    }
}

/// Lifecycle order: potential, new, acquired, partner, lost.
pub fn phase_rank(phase: Phase) -> usize {
    Phase::ALL
        .iter()
        .position(|p| *p == phase)
        .unwrap_or(usize::MAX)
}

/// The list: every customer summarized, filtered and sorted.
pub fn list(
    customers: &[Customer],
    settings: &Settings,
    as_of: NaiveDate,
    filter: &ListFilter,
    key: SortKey,
) -> Vec<CustomerSummary> {
    let summaries = customers
        .iter()
        .map(|c| summarize(c, settings, as_of))
        .collect();
    select(summaries, filter, key)
}

/// The summaries the filter accepts, sorted.
pub fn select(
    summaries: Vec<CustomerSummary>,
    filter: &ListFilter,
    key: SortKey,
) -> Vec<CustomerSummary> {
    let mut rows: Vec<CustomerSummary> = summaries
        .into_iter()
        .filter(|s| filter.accepts(s))
        .collect();
    sort(&mut rows, key);
    rows
}
