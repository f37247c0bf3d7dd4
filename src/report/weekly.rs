//! The weekly review (PRODUCT.md §6): one structure that every format renders.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::list::{CustomerSummary, summarize_with};
use super::promises::{PromiseRow, sort_for_attention};
use crate::config::Settings;
pub use crate::dates::period::Period;
use crate::metrics::contacts;
use crate::metrics::phase::{self, PhaseRule, ShownPhase};
use crate::metrics::promises::{self, KeptCounts, PaymentPunctuality, PromiseState, PromiseStatus};
use crate::model::{Amount, Customer, Kind, Party, Phase};

/// How far ahead "due soon" looks from the as-of day.
pub const DUE_SOON_DAYS: u64 = 7;
/// The trailing window of the second pair of kept rates.
pub const TRAILING_DAYS: u64 = 90;
/// How many lost customers the reactivation list proposes.
pub const REACTIVATION_LIMIT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyReport {
    pub as_of: NaiveDate,
    pub period: Period,
    pub customers: u32,
    /// Of those, internal customers (colleagues, agents): they have promises and cadences but
    /// no place in the sales life cycle, so the phase figures leave them out.
    pub internal_customers: u32,
    /// Unresolved promises due from the as-of day to DUE_SOON_DAYS after it; ours first.
    pub due_soon: Vec<PromiseRow>,
    /// Unresolved promises past their due date; ours first, most overdue first.
    pub overdue: Vec<PromiseRow>,
    /// Promises kept, late, broken or cancelled within the period.
    pub resolved: Vec<PromiseRow>,
    pub kept_rates: KeptRates,
    /// Customers past their cadence, most overdue first.
    pub past_cadence: Vec<CadenceRow>,
    /// How many customers are in each phase as of the as-of day.
    pub phase_counts: BTreeMap<Phase, u32>,
    /// Phase changes whose day falls in the period.
    pub phase_changes: Vec<PhaseChangeRow>,
    pub phase_change_counts: PhaseChangeCounts,
    /// Lost customers most worth a call: highest order total first.
    pub reactivation: Vec<ReactivationRow>,
    /// External customers whose relationship is at risk (docs/METRICS.md, "People and
    /// accounts at risk"), by customer id; absent when none is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub at_risk: Vec<RiskRow>,
    /// Customers not yet lost whose P(alive) fell below 0.5, by value at stake
    /// (docs/OUTLOOK.md); `null` when the journal has no outlook model.
    pub slipping_away: Option<Vec<crate::outlook::SlippingRow>>,
    /// Contacts in the period by channel (orders under "order").
    pub contacts_by_channel: BTreeMap<String, u32>,
    pub contacts_total: u32,
    /// The series of the HTML page's charts (contacts per week, kept rates per month).
    pub charts: super::charts::ReportCharts,
}

/// Kept rates for promises whose current due date falls in a window: of external customers,
/// and apart, of internal ones (whether the company keeps its word to its own people).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeptRates {
    pub period_us: KeptCounts,
    pub period_them: KeptCounts,
    pub trailing_days: u64,
    pub trailing_us: KeptCounts,
    pub trailing_them: KeptCounts,
    /// The same four counts over internal customers' promises only.
    pub internal: InternalKeptRates,
    /// External customers' payment promises (by them, `about = "payment"`) due in the period,
    /// and in the trailing window.
    pub payment_period: PaymentPunctuality,
    pub payment_trailing: PaymentPunctuality,
}

/// Kept rates of internal customers' promises, on their own rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InternalKeptRates {
    pub period_us: KeptCounts,
    pub period_them: KeptCounts,
    pub trailing_us: KeptCounts,
    pub trailing_them: KeptCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadenceRow {
    pub customer: String,
    pub name: String,
    /// The lifecycle phase, or `internal`.
    pub phase: ShownPhase,
    pub last_contact: Option<NaiveDate>,
    pub days_since_contact: Option<i64>,
    pub cadence_days: u32,
    pub overdue_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseChangeRow {
    pub customer: String,
    pub name: String,
    pub day: NaiveDate,
    pub from: Option<Phase>,
    pub to: Phase,
    pub won_back: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PhaseChangeCounts {
    /// Customers who became `new` (first orders).
    pub new_customers: u32,
    /// Customers who became `acquired` (not counting win-backs).
    pub acquisitions: u32,
    /// Customers who became `lost`.
    pub losses: u32,
    /// Customers who came back from `lost` with a purchase.
    pub win_backs: u32,
    /// Customers pinned as `partner`.
    pub partners: u32,
    /// Other moves: back to `potential`, or out of `lost` to new or acquired without a purchase
    /// (a pin or `auto`).
    pub other: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReactivationRow {
    pub customer: String,
    pub name: String,
    pub last_order: Option<NaiveDate>,
    pub orders: u32,
    #[serde(serialize_with = "super::amount_number")]
    pub order_total: Amount,
    pub last_contact: Option<NaiveDate>,
    pub days_since_contact: Option<i64>,
}

/// A customer whose relationship is at risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskRow {
    pub customer: String,
    pub name: String,
    #[serde(flatten)]
    pub risk: crate::metrics::people::Risk,
    pub last_contact: Option<NaiveDate>,
}

/// What one customer brings to the weekly review. Computed per customer — in parallel, and
/// without keeping its records in memory — then merged by [`assemble`].
#[derive(Debug, Clone)]
pub struct Contribution {
    summary: CustomerSummary,
    due_soon: Vec<PromiseRow>,
    overdue: Vec<PromiseRow>,
    resolved: Vec<PromiseRow>,
    /// Kept counts: period us, period them, trailing us, trailing them.
    kept: [KeptCounts; 4],
    /// Payment punctuality: period, trailing.
    payment: [PaymentPunctuality; 2],
    phase_changes: Vec<PhaseChangeRow>,
    contacts_by_channel: Vec<(String, u32)>,
    charts: super::charts::ChartContribution,
}

impl Contribution {
    /// The customer's summary (its id, name and phase for the outlook's "slipping away").
    pub fn summary(&self) -> &CustomerSummary {
        &self.summary
    }
}

/// The contribution of one customer to the review of `period` as of `as_of`.
pub fn contribution(
    customer: &Customer,
    settings: &Settings,
    as_of: NaiveDate,
    period: &Period,
) -> Contribution {
    // The promises' states are worked out once, and a row made only for a promise listed.
    let states = promises::promise_states(customer, as_of);
    let summary = summarize_with(customer, settings, as_of, &states);
    let soon_end = as_of + Days::new(DUE_SOON_DAYS);
    let (mut due_soon, mut overdue, mut resolved) = (Vec::new(), Vec::new(), Vec::new());
    for s in &states {
        let list = match s.status {
            PromiseStatus::Open if s.current_due <= soon_end => &mut due_soon,
            PromiseStatus::Open => continue,
            PromiseStatus::Overdue => &mut overdue,
            _ if s
                .resolved_on
                .is_some_and(|d| d >= period.since && d <= period.until) =>
            {
                &mut resolved
            }
            _ => continue,
        };
        list.push(PromiseRow::new(customer, s, as_of));
    }
    let in_window = |since: NaiveDate, until: NaiveDate, by: Party| {
        let mut counts = KeptCounts::default();
        for s in states
            .iter()
            .filter(|s| s.promise.by == by && s.current_due >= since && s.current_due <= until)
        {
            counts.add(s.status);
        }
        counts
    };
    let trailing_since = as_of - Days::new(TRAILING_DAYS - 1);
    let kept = [
        in_window(period.since, period.until, Party::Us),
        in_window(period.since, period.until, Party::Them),
        in_window(trailing_since, as_of, Party::Us),
        in_window(trailing_since, as_of, Party::Them),
    ];
    let payment_in = |since: NaiveDate, until: NaiveDate| {
        promises::payment_punctuality(
            states
                .iter()
                .filter(|s| s.current_due >= since && s.current_due <= until),
        )
    };
    let payment = [
        payment_in(period.since, period.until),
        payment_in(trailing_since, as_of),
    ];
    let mut phase_changes = Vec::new();
    for change in phase::phase_timeline(customer, settings, as_of) {
        // A timeline opens with the phase the customer starts in, which is not a move (a
        // customer pinned lost on its first day is no loss) — except a first purchase on the
        // first day: that customer starts as a prospect and becomes new that very day.
        let starting_phase = change.from.is_none() && change.rule != PhaseRule::New;
        if change.day < period.since || change.day > period.until || starting_phase {
            continue;
        }
        phase_changes.push(PhaseChangeRow {
            customer: customer.id.clone(),
            name: customer.header.name.clone(),
            day: change.day,
            from: change.from,
            to: change.to,
            won_back: change.won_back,
        });
    }
    let contact_until = period.until.min(as_of);
    let contacts_by_channel = contacts::contacts_by_channel(customer, period.since, contact_until)
        .into_iter()
        .map(|(channel, n)| (channel.to_string(), n))
        .collect();
    // The monthly kept rates are the main rates' companions: external customers only.
    let rated: &[PromiseState] = match summary.kind {
        Kind::External => &states,
        Kind::Internal => &[],
    };
    let charts = super::charts::contribution(customer, rated, as_of);
    Contribution {
        charts,
        summary,
        due_soon,
        overdue,
        resolved,
        kept,
        payment,
        phase_changes,
        contacts_by_channel,
    }
}

/// Builds the weekly review of `customers` for `period`, as of `as_of`.
pub fn build(
    customers: &[Customer],
    settings: &Settings,
    as_of: NaiveDate,
    period: Period,
) -> WeeklyReport {
    let parts = customers
        .iter()
        .map(|c| Box::new(contribution(c, settings, as_of, &period)))
        .collect();
    assemble(parts, as_of, period)
}

/// Merges the customers' contributions into the review (sorted, counted, truncated).
pub fn assemble(parts: Vec<Box<Contribution>>, as_of: NaiveDate, period: Period) -> WeeklyReport {
    // The long lists are sorted on all cores, stable: the order of one core.
    use rayon::prelude::*;
    let customers = parts.len();
    let mut summaries = Vec::with_capacity(parts.len());
    // Sized once: grown step by step, 186,083 overdue promises were copied a dozen times.
    let total = |rows: fn(&Contribution) -> usize| parts.iter().map(|p| rows(p)).sum::<usize>();
    let mut due_soon = Vec::with_capacity(total(|p| p.due_soon.len()));
    let mut overdue = Vec::with_capacity(total(|p| p.overdue.len()));
    let mut resolved = Vec::with_capacity(total(|p| p.resolved.len()));
    let mut kept: [KeptCounts; 4] = Default::default();
    let mut internal_kept: [KeptCounts; 4] = Default::default();
    let mut payment: [PaymentPunctuality; 2] = Default::default();
    let mut phase_changes = Vec::new();
    let mut contacts_by_channel: BTreeMap<String, u32> = BTreeMap::new();
    let mut charts = Vec::with_capacity(parts.len());
    for part in parts {
        let part = *part;
        charts.push(part.charts);
        due_soon.extend(part.due_soon);
        overdue.extend(part.overdue);
        resolved.extend(part.resolved);
        let totals = match part.summary.kind {
            Kind::External => &mut kept,
            Kind::Internal => &mut internal_kept,
        };
        for (total, counts) in totals.iter_mut().zip(part.kept) {
            total.merge(counts);
        }
        if part.summary.kind == Kind::External {
            for (total, p) in payment.iter_mut().zip(part.payment) {
                total.merge(p);
            }
        }
        if part.summary.kind == Kind::External {
            phase_changes.extend(part.phase_changes);
        }
        summaries.push(part.summary);
        for (channel, n) in part.contacts_by_channel {
            *contacts_by_channel.entry(channel).or_default() += n;
        }
    }
    sort_for_attention(&mut due_soon);
    sort_for_attention(&mut overdue);
    resolved.par_sort_by(|a, b| {
        a.resolved_on
            .cmp(&b.resolved_on)
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.id.cmp(&b.id))
    });
    let [period_us, period_them, trailing_us, trailing_them] = kept;
    let [i_period_us, i_period_them, i_trailing_us, i_trailing_them] = internal_kept;
    let [payment_period, payment_trailing] = payment;
    let kept_rates = KeptRates {
        period_us,
        period_them,
        trailing_days: TRAILING_DAYS,
        trailing_us,
        trailing_them,
        internal: InternalKeptRates {
            period_us: i_period_us,
            period_them: i_period_them,
            trailing_us: i_trailing_us,
            trailing_them: i_trailing_them,
        },
        payment_period,
        payment_trailing,
    };

    let mut past_cadence: Vec<CadenceRow> = summaries
        .iter()
        .filter(|s| s.overdue_days > 0)
        .map(|s| CadenceRow {
            customer: s.id.clone(),
            name: s.name.clone(),
            phase: s.phase,
            last_contact: s.last_contact,
            days_since_contact: s.days_since_contact,
            cadence_days: s.cadence_days,
            overdue_days: s.overdue_days,
        })
        .collect();
    past_cadence.par_sort_by(|a, b| {
        b.overdue_days
            .cmp(&a.overdue_days)
            .then_with(|| a.customer.cmp(&b.customer))
    });

    let mut phase_counts: BTreeMap<Phase, u32> = Phase::ALL.iter().map(|p| (*p, 0)).collect();
    let external = |s: &&CustomerSummary| s.kind == Kind::External;
    for phase in summaries.iter().filter_map(|s| s.phase.lifecycle()) {
        *phase_counts.entry(phase).or_default() += 1;
    }
    let internal_customers = summaries
        .iter()
        .filter(|s| s.kind == Kind::Internal)
        .count() as u32;

    let mut phase_change_counts = PhaseChangeCounts::default();
    for change in &phase_changes {
        count_change(&mut phase_change_counts, change);
    }
    phase_changes.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| a.customer.cmp(&b.customer)));

    let mut reactivation: Vec<ReactivationRow> = summaries
        .iter()
        .filter(external)
        // Only customers who bought: a prospect pinned lost has nothing to win back.
        .filter(|s| s.phase == Phase::Lost && s.orders > 0)
        .map(|s| ReactivationRow {
            customer: s.id.clone(),
            name: s.name.clone(),
            last_order: s.last_order,
            orders: s.orders,
            order_total: s.order_total,
            last_contact: s.last_contact,
            days_since_contact: s.days_since_contact,
        })
        .collect();
    reactivation.sort_by(|a, b| {
        b.order_total
            .cmp(&a.order_total)
            .then_with(|| a.customer.cmp(&b.customer))
    });
    reactivation.truncate(REACTIVATION_LIMIT);

    let at_risk: Vec<RiskRow> = summaries
        .iter()
        .filter(external)
        .filter_map(|s| {
            Some(RiskRow {
                customer: s.id.clone(),
                name: s.name.clone(),
                risk: s.at_risk.clone()?,
                last_contact: s.last_contact,
            })
        })
        .collect();

    let contacts_total = contacts_by_channel.values().sum();

    WeeklyReport {
        as_of,
        period,
        customers: customers as u32,
        internal_customers,
        due_soon,
        overdue,
        resolved,
        kept_rates,
        past_cadence,
        phase_counts,
        phase_changes,
        phase_change_counts,
        reactivation,
        at_risk,
        // Needs the model of the whole journal: set by the command (`cmd/report.rs`).
        slipping_away: None,
        contacts_by_channel,
        contacts_total,
        charts: super::charts::ReportCharts::assemble(charts, as_of),
    }
}

fn count_change(counts: &mut PhaseChangeCounts, change: &PhaseChangeRow) {
    if change.won_back {
        counts.win_backs += 1;
        return;
    }
    if change.from == Some(Phase::Lost) && change.to != Phase::Partner {
        // Out of lost without a purchase: a pin or `auto`, not a win-back.
        counts.other += 1;
        return;
    }
    match change.to {
        Phase::New => counts.new_customers += 1,
        Phase::Acquired => counts.acquisitions += 1,
        Phase::Lost => counts.losses += 1,
        Phase::Partner => counts.partners += 1,
        Phase::Potential => counts.other += 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::period::calendar_week;
    use crate::metrics::testutil::{customer, d, order};
    use chrono::Weekday;

    #[test]
    fn first_order_on_the_first_day_is_a_new_customer() {
        // Added on Monday and ordered the same day: its timeline starts at `new`.
        let mut walk_in = named("walk-in", customer(Some("2026-11-23")));
        walk_in.push(order("2026-11-23"));
        // Added on Monday, no order yet: entering as a prospect is not a phase change.
        let prospect = named("prospect", customer(Some("2026-11-23")));
        let report = review(&[walk_in, prospect]);
        assert_eq!(report.phase_change_counts.new_customers, 1);
        assert_eq!(report.phase_changes.len(), 1);
        let change = &report.phase_changes[0];
        assert_eq!(
            (change.customer.as_str(), change.from, change.to),
            ("walk-in", None, Phase::New)
        );
    }

    use crate::metrics::testutil::{
        build as with_records, internal, order_of, payment, phase_record, promise, resolution,
    };
    use crate::model::{PhaseSetting, ResolutionStatus};

    fn named(id: &str, mut c: Customer) -> Customer {
        c.id = id.into();
        c
    }

    /// Customer `id`, added on `since` and pinned `phase` on `day`.
    fn pinned(id: &str, since: &str, day: &str, phase: Phase) -> Customer {
        let pin = phase_record(day, PhaseSetting::Pin(phase), None);
        named(id, with_records(Some(since), vec![pin]))
    }

    /// The review of the week 2026-11-23 … 2026-11-29, as of Wednesday 2026-11-25.
    fn review(customers: &[Customer]) -> WeeklyReport {
        let week = calendar_week(d("2026-11-23"), Weekday::Mon);
        build(customers, &Settings::default(), d("2026-11-25"), week)
    }

    #[test]
    fn the_phase_a_customer_starts_in_is_not_a_move() {
        // Added on Monday and pinned lost that day (an old customer entered late): no loss.
        let pinned_lost = pinned("pinned-lost", "2026-11-23", "2026-11-23", Phase::Lost);
        // Added and pinned partner on Monday: no partner move either.
        let pinned_partner = pinned("pinned-partner", "2026-11-23", "2026-11-23", Phase::Partner);
        // Added on Sunday (before the period) and pinned lost on Monday: a real move.
        let moved = pinned("moved", "2026-11-22", "2026-11-23", Phase::Lost);
        let r = review(&[pinned_lost, pinned_partner, moved]);
        let who: Vec<&str> = r
            .phase_changes
            .iter()
            .map(|c| c.customer.as_str())
            .collect();
        assert_eq!(who, ["moved"]);
        assert_eq!(
            (r.phase_change_counts.losses, r.phase_change_counts.partners),
            (1, 0)
        );
        // "moved" never bought: nothing to win back, so it is not on the reactivation list.
        assert!(r.reactivation.is_empty());
    }

    #[test]
    fn win_backs_need_a_purchase_and_other_moves_out_of_lost_are_other() {
        // Lost since 2025-11-01 + 366, buys again on Tuesday 2026-11-24: won back.
        let bought = named(
            "bought",
            with_records(
                Some("2025-01-01"),
                vec![order_of("2025-01-02", 100), order_of("2026-11-24", 0)],
            ),
        );
        // Pinned lost in October with a recent purchase, back to auto on Monday without a
        // purchase since: leaves lost (for acquired), but is no win-back.
        let auto = named(
            "auto",
            with_records(
                Some("2025-01-01"),
                vec![
                    order_of("2026-09-01", 100),
                    order_of("2025-01-02", 100),
                    phase_record("2026-10-01", PhaseSetting::Pin(Phase::Lost), None),
                    phase_record("2026-11-23", PhaseSetting::Auto, None),
                ],
            ),
        );
        // Lost by the rules, pinned partner on Monday: a partner.
        let partner = named(
            "partner",
            with_records(
                Some("2024-01-01"),
                vec![
                    order_of("2024-01-02", 100),
                    phase_record("2026-11-23", PhaseSetting::Pin(Phase::Partner), None),
                ],
            ),
        );
        let r = review(&[bought, auto, partner]);
        let c = &r.phase_change_counts;
        assert_eq!(
            (c.win_backs, c.other, c.partners, c.acquisitions),
            (1, 1, 1, 0)
        );
        let won: Vec<(&str, bool)> = r
            .phase_changes
            .iter()
            .map(|c| (c.customer.as_str(), c.won_back))
            .collect();
        assert_eq!(won, [("auto", false), ("partner", false), ("bought", true)]);
    }

    #[test]
    fn reactivation_lists_lost_customers_with_a_purchase_only() {
        let lost_buyer = named(
            "lost-buyer",
            with_records(Some("2024-01-01"), vec![order_of("2024-06-01", 500)]),
        );
        // Lost by a pin, never bought (two credit notes are no purchase).
        let never_bought = named(
            "never-bought",
            with_records(
                Some("2024-01-01"),
                vec![
                    order_of("2024-06-01", -100),
                    order_of("2024-06-02", -100),
                    phase_record("2025-01-01", PhaseSetting::Pin(Phase::Lost), None),
                ],
            ),
        );
        // Internal and long silent: no phase, so never on the list.
        let colleague = named(
            "colleague",
            internal(with_records(
                Some("2024-01-01"),
                vec![order_of("2024-06-01", 900)],
            )),
        );
        let r = review(&[lost_buyer, never_bought, colleague]);
        let listed: Vec<&str> = r.reactivation.iter().map(|c| c.customer.as_str()).collect();
        assert_eq!(listed, ["lost-buyer"]);
        assert_eq!(r.phase_counts[&Phase::Lost], 2);
        assert_eq!(r.internal_customers, 1);
        // The colleague keeps its cadence warning, with phase "internal".
        let late: Vec<(&str, &str)> = r
            .past_cadence
            .iter()
            .map(|c| (c.customer.as_str(), c.phase.as_str()))
            .collect();
        assert!(late.contains(&("colleague", "internal")), "{late:?}");
    }

    #[test]
    fn internal_kept_rates_are_on_their_own_rows_and_payments_on_theirs() {
        use ResolutionStatus::Kept;
        let client = named(
            "client",
            with_records(
                Some("2026-01-01"),
                vec![
                    promise("u1", Party::Us, "2026-11-01", "2026-11-23"),
                    resolution("u1", "2026-11-23", Kept, None),
                    payment("pay", "2026-11-01", "2026-11-20"),
                    resolution("pay", "2026-11-24", Kept, None),
                ],
            ),
        );
        let agent = named(
            "agent",
            internal(with_records(
                Some("2026-01-01"),
                vec![
                    promise("a1", Party::Us, "2026-11-01", "2026-11-24"),
                    promise("a2", Party::Them, "2026-11-01", "2026-11-22"),
                    payment("apay", "2026-11-01", "2026-11-21"),
                ],
            )),
        );
        let r = review(&[client, agent]);
        let k = &r.kept_rates;
        assert_eq!((k.period_us.kept, k.period_us.total()), (1, 1));
        // The client's payment is a promise by them, due 11-20 (before the period).
        assert_eq!((k.period_them.total(), k.trailing_them.late), (0, 1));
        assert_eq!(k.internal.period_us.total(), 1);
        assert_eq!(k.internal.trailing_them.overdue, 2);
        assert_eq!(k.internal.trailing_us.overdue, 1); // a1, due 11-24
        // Payments: the client's only (kept 4 days late); the agent's is an internal promise.
        assert_eq!(k.payment_trailing.counts.late, 1);
        assert_eq!(k.payment_trailing.counts.total(), 1);
        assert_eq!(
            k.payment_trailing.mean_days_late,
            crate::metrics::Mean::new(4, 1)
        );
        assert_eq!(k.payment_period.counts.total(), 0);
    }
}
