//! One summary per customer: the row of `coltiva list` and the core of every other report.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Settings;
use crate::metrics::contacts::{self, CadenceSource};
use crate::metrics::mean::Mean;
use crate::metrics::phase::{self, PhaseRule, ShownPhase};
use crate::metrics::promises::{self, KeptCounts, PaymentPunctuality};
use crate::model::{Amount, Customer, Kind, Party};

/// Everything `list --format json` says about one customer (names are part of the contract:
/// PRODUCT.md §5 and docs/METRICS.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSummary {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// The lifecycle phase, or `internal` for an internal customer.
    pub phase: ShownPhase,
    /// Which rule decided the phase: pinned, no_order, lost, new, acquired (or internal).
    pub phase_rule: PhaseRule,
    /// The day the customer entered its current phase.
    pub phase_since: NaiveDate,
    pub tags: Vec<String>,
    pub since: Option<NaiveDate>,
    /// Purchases: orders of zero or more (a credit note is not one).
    pub orders: u32,
    /// The sum of every order, credit notes included.
    #[serde(serialize_with = "super::amount_number")]
    pub order_total: Amount,
    pub first_order: Option<NaiveDate>,
    pub last_order: Option<NaiveDate>,
    pub first_contact: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    pub contact_days: u32,
    pub days_since_contact: Option<i64>,
    /// Exact; serialized with two decimals rounded half away from zero.
    pub mean_gap_days: Option<Mean>,
    pub max_gap_days: Option<i64>,
    pub cadence_days: u32,
    /// Where the cadence came from: customer, tag:<name>, phase:<phase>, default.
    pub cadence_source: String,
    pub overdue_days: i64,
    pub promises_us: KeptCounts,
    pub promises_them: KeptCounts,
    /// Their payment promises (`about = "payment"`).
    pub payment_punctuality: PaymentPunctuality,
    /// The outlook (docs/OUTLOOK.md): P(alive) and the purchases expected in the next 90 days;
    /// `null` without a purchase, for internal customers, or without a model. Filled in by the
    /// commands, which see the whole journal the model is fitted to.
    #[serde(serialize_with = "crate::outlook::round6_opt")]
    pub p_alive: Option<f64>,
    #[serde(serialize_with = "crate::outlook::round6_opt")]
    pub expected_purchases_90d: Option<f64>,
    /// Why the relationship is at risk (docs/METRICS.md, "People and accounts at risk");
    /// absent when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_risk: Option<crate::metrics::people::Risk>,
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
    summarize_with(
        customer,
        settings,
        as_of,
        &promises::promise_states(customer, as_of),
    )
}

/// [`summarize`], given the customer's promise states as of `as_of` (the weekly review works
/// them out once for all its parts).
pub fn summarize_with(
    customer: &Customer,
    settings: &Settings,
    as_of: NaiveDate,
    states: &[promises::PromiseState<'_>],
) -> CustomerSummary {
    let assessment = phase::assess(customer, settings, as_of);
    let contact = contacts::contact_stats(customer, as_of);
    let cadence = contacts::cadence(customer, assessment.phase.lifecycle(), settings);
    let order_total = customer
        .orders
        .iter()
        .filter(|o| o.at.day() <= as_of)
        .map(|o| o.amount)
        .sum();
    CustomerSummary {
        id: customer.id.clone(),
        name: customer.header.name.clone(),
        kind: customer.header.kind,
        phase: assessment.phase,
        phase_rule: assessment.rule,
        phase_since: assessment.since,
        tags: customer.header.tags.clone(),
        since: customer.header.since,
        orders: assessment.orders,
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
        promises_us: promises::kept_counts(states, Party::Us, None),
        promises_them: promises::kept_counts(states, Party::Them, None),
        payment_punctuality: promises::payment_punctuality(states),
        p_alive: None,
        expected_purchases_90d: None,
        at_risk: match customer.people.is_empty() {
            true => None,
            false => crate::metrics::people::at_risk(&crate::metrics::people::people_contacts(
                customer, as_of,
            )),
        },
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
    /// A lifecycle phase, or `internal`.
    pub phase: Option<ShownPhase>,
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

/// Orders of `coltiva list --sort`: the one list of choices, read by the command line (its help is
/// these comments) and by [`sort`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortKey {
    /// Most days past cadence first.
    Overdue,
    /// Longest silence first.
    Gap,
    /// By name, A to Z.
    Name,
    /// By id, A to Z.
    Id,
    /// Our kept rate, lowest first.
    Rate,
    /// Largest order total first.
    Total,
    /// By lifecycle phase (internal customers last), then id.
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
        // Lifecycle order, internal customers last.
        SortKey::Phase => rows.sort_by_key(|s| (s.phase, s.id.clone())),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::*;
    use crate::model::{Channel, Phase};

    #[test]
    fn orders_count_purchases_and_the_total_counts_credit_notes() {
        let c = build(
            Some("2026-01-01"),
            vec![
                order_of("2026-03-01", -3_520),
                order_of("2026-04-01", 0),
                order_of("2026-05-01", 120_000),
                order_of("2026-05-02", -10_000),
                order_of("2026-06-16", 50_000), // after the as-of day
            ],
        );
        let s = summarize(&c, &Settings::default(), d("2026-06-15"));
        assert_eq!(s.orders, 2); // the free one and the 1200.00 one
        assert_eq!(s.order_total, Amount::from_cents(-3_520 + 120_000 - 10_000));
        assert_eq!(
            (s.first_order, s.last_order),
            (Some(d("2026-04-01")), Some(d("2026-05-01")))
        );
        // Every order is a contact, credit notes included.
        assert_eq!(s.contact_days, 4);
        assert_eq!(s.last_contact, Some(d("2026-05-02")));
    }

    #[test]
    fn two_credit_notes_and_no_purchase_is_a_prospect_without_orders() {
        let c = build(
            Some("2026-01-01"),
            vec![order_of("2026-03-01", -100), order_of("2026-03-02", -200)],
        );
        let s = summarize(&c, &Settings::default(), d("2026-06-15"));
        assert_eq!((s.orders, s.first_order, s.last_order), (0, None, None));
        assert_eq!(s.phase, ShownPhase::Lifecycle(Phase::Potential));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["orders"], 0);
        assert_eq!(json["order_total"], -3);
    }

    #[test]
    fn an_internal_customer_reads_internal_and_keeps_its_cadence() {
        let c = internal(build(
            Some("2026-01-01"),
            vec![
                interaction("2026-01-10", Channel::Meeting),
                payment("p", "2026-01-10", "2026-01-20"),
                resolution(
                    "p",
                    "2026-01-23",
                    crate::model::ResolutionStatus::Kept,
                    None,
                ),
            ],
        ));
        let s = summarize(&c, &Settings::default(), d("2026-03-01"));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["phase"], "internal");
        assert_eq!(json["phase_rule"], "internal");
        assert_eq!(json["phase_since"], "2026-01-01");
        assert_eq!(json["cadence_source"], "default");
        // 2026-03-01 − 2026-01-10 = 50 days, 20 past the default 30.
        assert_eq!(json["overdue_days"], 20);
        assert_eq!(json["payment_punctuality"]["late"], 1);
        assert_eq!(json["payment_punctuality"]["mean_days_late"], 3.0);
        // `--phase potential` does not list it; sorting by phase puts it last.
        let filter = |phase: &str| ListFilter {
            phase: Some(phase.parse().unwrap()),
            ..ListFilter::default()
        };
        assert!(!filter("potential").accepts(&s));
        assert!(filter("internal").accepts(&s));
        assert_eq!(
            "partners".parse::<ShownPhase>(),
            Err(
                "unknown phase \"partners\" (expected potential | new | acquired | partner | lost | internal)"
                    .to_string()
            )
        );
        let mut prospect = build(Some("2026-01-01"), vec![]);
        prospect.id = "zeta".into();
        let mut rows = vec![
            s,
            summarize(&prospect, &Settings::default(), d("2026-03-01")),
        ];
        sort(&mut rows, SortKey::Phase);
        assert_eq!(rows[0].id, "zeta");
    }
}
