//! The series behind the charts of the HTML pages (PRODUCT.md §8.6). Like every report, they are
//! pure functions of the records and the as-of day, and they travel in the JSON too, so every
//! figure a chart draws can be checked against the JSON.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::config::Settings;
use crate::metrics::contacts;
use crate::metrics::phase;
use crate::metrics::promises::{KeptCounts, PromiseState, PromiseStatus, promise_states};
use crate::model::{Amount, Customer, Party, Phase};

/// Weeks of contacts in the report's chart.
pub const CONTACT_WEEKS: usize = 12;
/// Calendar months of kept rates in the report's chart.
pub const RATE_MONTHS: usize = 12;
/// Days of a customer's timeline chart, ending on the as-of day.
pub const TIMELINE_DAYS: u64 = 365;

/// The report's chart series.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReportCharts {
    /// Contacts in each of the last [`CONTACT_WEEKS`] seven-day weeks ending on the as-of day,
    /// oldest first, by channel (orders under "order").
    pub contacts_per_week: Vec<WeekContacts>,
    /// Kept counts and rates of external customers' promises whose current due date falls in
    /// each of the last [`RATE_MONTHS`] calendar months (the as-of month last, as of the as-of
    /// day), like the report's main kept rates.
    pub kept_rates_per_month: Vec<MonthRates>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekContacts {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub by_channel: BTreeMap<String, u32>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRates {
    /// `YYYY-MM`.
    pub month: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub us: KeptCounts,
    pub them: KeptCounts,
}

/// The seven-day weeks of the contacts chart, oldest first: the last ends on `as_of`.
pub fn contact_weeks(as_of: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    (0..CONTACT_WEEKS as u64)
        .rev()
        .map(|back| {
            let until = as_of - Days::new(7 * back);
            (until - Days::new(6), until)
        })
        .collect()
}

/// The calendar months of the rates chart, oldest first: the last holds `as_of`.
pub fn rate_months(as_of: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let this_month = as_of.with_day(1).unwrap_or(as_of);
    (0..RATE_MONTHS as u32)
        .rev()
        .filter_map(|back| {
            let since = this_month.checked_sub_months(Months::new(back))?;
            let until = since.checked_add_months(Months::new(1))? - Days::new(1);
            Some((since, until))
        })
        .collect()
}

/// What one customer adds to the report's charts; summed by [`ReportCharts::assemble`].
#[derive(Debug, Clone, Default)]
pub struct ChartContribution {
    /// Week (an index of [`contact_weeks`]), channel and count; only weeks with contacts (a
    /// report of 100,000 customers keeps one of these each).
    weeks: Vec<(usize, &'static str, u32)>,
    /// Month (an index of [`rate_months`]), side (0 ours, 1 theirs) and counts; only months
    /// with promises due.
    months: Vec<(usize, usize, KeptCounts)>,
}

/// The contribution of one customer, whose promises as of `as_of` are `promises` (the states
/// the weekly review has already worked out, so they are not worked out twice).
pub fn contribution(
    customer: &Customer,
    promises: &[PromiseState],
    as_of: NaiveDate,
) -> ChartContribution {
    let weeks = contact_weeks(as_of);
    let mut per_week: Vec<BTreeMap<&'static str, u32>> = vec![BTreeMap::new(); weeks.len()];
    if let (Some(&(first, _)), Some(&(_, last))) = (weeks.first(), weeks.last()) {
        for (day, channel) in contacts::contacts(customer) {
            if day < first || day > last {
                continue;
            }
            let back = ((last - day).num_days() / 7) as usize;
            let slot = weeks.len() - 1 - back;
            *per_week[slot].entry(channel).or_default() += 1;
        }
    }
    let months = rate_months(as_of);
    let mut per_month: BTreeMap<(usize, usize), KeptCounts> = BTreeMap::new();
    for state in promises {
        let due = state.current_due;
        if let Some(slot) = months
            .iter()
            .position(|&(since, until)| since <= due && due <= until)
        {
            let side = usize::from(state.promise.by == Party::Them);
            per_month.entry((slot, side)).or_default().add(state.status);
        }
    }
    ChartContribution {
        weeks: per_week
            .into_iter()
            .enumerate()
            .flat_map(|(slot, counts)| counts.into_iter().map(move |(c, n)| (slot, c, n)))
            .collect(),
        months: per_month
            .into_iter()
            .map(|((slot, side), counts)| (slot, side, counts))
            .collect(),
    }
}

impl ReportCharts {
    /// Sums the customers' contributions.
    pub fn assemble(parts: impl IntoIterator<Item = ChartContribution>, as_of: NaiveDate) -> Self {
        let mut contacts_per_week: Vec<WeekContacts> = contact_weeks(as_of)
            .into_iter()
            .map(|(since, until)| WeekContacts {
                since,
                until,
                by_channel: BTreeMap::new(),
                total: 0,
            })
            .collect();
        let mut kept_rates_per_month: Vec<MonthRates> = rate_months(as_of)
            .into_iter()
            .map(|(since, until)| MonthRates {
                month: since.format("%Y-%m").to_string(),
                since,
                until,
                us: KeptCounts::default(),
                them: KeptCounts::default(),
            })
            .collect();
        for part in parts {
            for (slot, channel, n) in part.weeks {
                if let Some(week) = contacts_per_week.get_mut(slot) {
                    *week.by_channel.entry(channel.to_string()).or_default() += n;
                    week.total += n;
                }
            }
            for (slot, side, counts) in part.months {
                if let Some(month) = kept_rates_per_month.get_mut(slot) {
                    if side == 0 {
                        &mut month.us
                    } else {
                        &mut month.them
                    }
                    .merge(counts);
                }
            }
        }
        ReportCharts {
            contacts_per_week,
            kept_rates_per_month,
        }
    }

    /// Every channel with a contact in some week, in name order.
    pub fn channels(&self) -> Vec<&str> {
        let mut channels: Vec<&str> = self
            .contacts_per_week
            .iter()
            .flat_map(|w| w.by_channel.keys().map(String::as_str))
            .collect();
        channels.sort_unstable();
        channels.dedup();
        channels
    }
}

/// A customer's timeline chart: what happened in the last [`TIMELINE_DAYS`] days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerChart {
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Contacts per day and channel (orders are in `orders`, not here), oldest first.
    pub contacts: Vec<DayContacts>,
    pub orders: Vec<OrderPoint>,
    /// Promises made in the window or still running in it, in file order.
    pub promises: Vec<PromisePoint>,
    /// The phase on each day of the window, as consecutive bands.
    pub phases: Vec<PhaseBand>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayContacts {
    pub day: NaiveDate,
    pub channel: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderPoint {
    pub day: NaiveDate,
    #[serde(serialize_with = "super::amount_number")]
    pub amount: Amount,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromisePoint {
    pub id: String,
    pub by: Party,
    pub made: NaiveDate,
    pub current_due: NaiveDate,
    pub status: PromiseStatus,
    pub resolved_on: Option<NaiveDate>,
}

impl PromisePoint {
    /// The day the promise is drawn at: when it was decided, else its due date.
    pub fn day(&self) -> NaiveDate {
        self.resolved_on.unwrap_or(self.current_due)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseBand {
    pub phase: Phase,
    pub since: NaiveDate,
    pub until: NaiveDate,
}

pub fn customer_chart(customer: &Customer, settings: &Settings, as_of: NaiveDate) -> CustomerChart {
    let until = as_of;
    let since = as_of - Days::new(TIMELINE_DAYS - 1);
    let inside = |day: NaiveDate| since <= day && day <= until;

    let mut per_day: BTreeMap<(NaiveDate, &'static str), u32> = BTreeMap::new();
    for (day, channel) in contacts::contacts(customer) {
        if channel != contacts::ORDER_KEY && inside(day) {
            *per_day.entry((day, channel)).or_default() += 1;
        }
    }
    let contacts = per_day
        .into_iter()
        .map(|((day, channel), count)| DayContacts {
            day,
            channel: channel.to_string(),
            count,
        })
        .collect();

    let mut orders: Vec<OrderPoint> = customer
        .orders
        .iter()
        .filter(|o| inside(o.at.day()))
        .map(|o| OrderPoint {
            day: o.at.day(),
            amount: o.amount,
        })
        .collect();
    orders.sort_by_key(|o| o.day);

    let promises = promise_states(customer, as_of)
        .into_iter()
        .map(|s| PromisePoint {
            id: s.promise.id.clone(),
            by: s.promise.by,
            made: s.promise.at.day(),
            current_due: s.current_due,
            status: s.status,
            resolved_on: s.resolved_on,
        })
        // Shown when the promise was running at some point of the window.
        .filter(|p| p.made <= until && p.day().max(p.made) >= since)
        .collect();

    let timeline = phase::phase_timeline(customer, settings, as_of);
    let mut phases = Vec::new();
    for (i, change) in timeline.iter().enumerate() {
        let end = timeline
            .get(i + 1)
            .map_or(until, |next| next.day.pred_opt().unwrap_or(next.day));
        let (from, to) = (change.day.max(since), end.min(until));
        if from <= to {
            phases.push(PhaseBand {
                phase: change.to,
                since: from,
                until: to,
            });
        }
    }
    CustomerChart {
        since,
        until,
        contacts,
        orders,
        promises,
        phases,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::*;
    use crate::model::{Channel, ResolutionStatus};

    #[test]
    fn twelve_weeks_end_on_the_as_of_day() {
        let weeks = contact_weeks(d("2026-11-23"));
        assert_eq!(weeks.len(), 12);
        assert_eq!(weeks[11], (d("2026-11-17"), d("2026-11-23")));
        assert_eq!(weeks[0], (d("2026-09-01"), d("2026-09-07")));
    }

    #[test]
    fn twelve_months_end_with_the_as_of_month() {
        let months = rate_months(d("2026-03-31"));
        assert_eq!(months.len(), 12);
        assert_eq!(months[11], (d("2026-03-01"), d("2026-03-31")));
        assert_eq!(months[10], (d("2026-02-01"), d("2026-02-28")));
        assert_eq!(months[0], (d("2025-04-01"), d("2025-04-30")));
    }

    #[test]
    fn contacts_fall_in_their_week_and_channel() {
        let c = build(
            Some("2026-01-01"),
            vec![
                interaction("2026-11-23", Channel::Call),
                interaction("2026-11-17", Channel::Call),
                interaction("2026-11-16", Channel::Email),
                interaction("2026-11-16", Channel::Note),
                order("2026-09-01"),
                // Before the first week and after the as-of day: not counted.
                interaction("2026-08-31", Channel::Call),
                interaction("2026-11-24", Channel::Call),
            ],
        );
        let promises = promise_states(&c, d("2026-11-23"));
        let part = contribution(&c, &promises, d("2026-11-23"));
        let charts = ReportCharts::assemble([part.clone(), part], d("2026-11-23"));
        let weeks = &charts.contacts_per_week;
        assert_eq!(weeks[11].by_channel.get("call"), Some(&4));
        assert_eq!(weeks[11].total, 4);
        assert_eq!(weeks[10].by_channel.get("email"), Some(&2));
        assert_eq!(weeks[10].by_channel.get("note"), None);
        assert_eq!(weeks[0].by_channel.get("order"), Some(&2));
        let total: u32 = weeks.iter().map(|w| w.total).sum();
        assert_eq!(total, 8);
        assert_eq!(charts.channels(), ["call", "email", "order"]);
    }

    #[test]
    fn promises_count_in_the_month_of_their_current_due_date() {
        let c = build(
            Some("2026-01-01"),
            vec![
                promise("p1", Party::Us, "2026-10-01", "2026-10-10"),
                resolution("p1", "2026-10-09", ResolutionStatus::Kept, None),
                promise("p2", Party::Us, "2026-10-01", "2026-10-20"),
                // Moved into November, then broken.
                resolution(
                    "p2",
                    "2026-10-15",
                    ResolutionStatus::Renegotiated,
                    Some("2026-11-05"),
                ),
                resolution("p2", "2026-11-10", ResolutionStatus::Broken, None),
                promise("p3", Party::Them, "2026-11-01", "2026-11-02"),
            ],
        );
        let promises = promise_states(&c, d("2026-11-23"));
        let charts = ReportCharts::assemble(
            [contribution(&c, &promises, d("2026-11-23"))],
            d("2026-11-23"),
        );
        let months = &charts.kept_rates_per_month;
        let (oct, nov) = (&months[10], &months[11]);
        assert_eq!(
            (oct.month.as_str(), oct.us.kept, oct.us.rate()),
            ("2026-10", 1, Some(1.0))
        );
        assert_eq!((nov.us.broken, nov.us.rate()), (1, Some(0.0)));
        assert_eq!((nov.them.overdue, nov.them.rate()), (1, Some(0.0)));
        assert_eq!(months[0].us.rate(), None);
    }

    #[test]
    fn customer_chart_has_bands_covering_the_window() {
        let c = build(
            Some("2025-01-01"),
            vec![
                order("2025-03-01"),
                interaction("2026-06-01", Channel::Visit),
                interaction("2026-06-01", Channel::Visit),
                order("2026-06-02"),
                promise("p1", Party::Them, "2026-06-02", "2026-06-30"),
                resolution("p1", "2026-07-03", ResolutionStatus::Kept, None),
            ],
        );
        let chart = customer_chart(&c, &Settings::default(), d("2026-11-23"));
        assert_eq!(chart.since, d("2025-11-24"));
        assert_eq!(chart.contacts.len(), 1);
        assert_eq!(chart.contacts[0].count, 2);
        assert_eq!(chart.orders.len(), 1);
        assert_eq!(chart.promises[0].status, PromiseStatus::Late);
        assert_eq!(chart.phases.first().map(|b| b.since), Some(chart.since));
        assert_eq!(chart.phases.last().map(|b| b.until), Some(chart.until));
        for pair in chart.phases.windows(2) {
            assert_eq!(pair[0].until.succ_opt(), Some(pair[1].since));
        }
        // Lost a year after the 2025 order, won back by the June order.
        let phases: Vec<Phase> = chart.phases.iter().map(|b| b.phase).collect();
        assert!(phases.contains(&Phase::Lost), "{phases:?}");
        assert_eq!(phases.last(), Some(&Phase::Acquired));
    }
}
