//! The charts of the report and of a customer's page, filled from report data unchanged.

use crate::i18n::{Language, label, pages};
use crate::metrics::promises::PromiseStatus;
use crate::model::Party;
use crate::render::chart::{
    Band, Bar, Chart, ChartKind, Event, Lane, Mark, RateSeries, Series, Timeline,
};
use crate::report::charts::{CustomerChart, ReportCharts};
use crate::report::weekly::WeeklyReport;

/// Customers drawn in the past-cadence chart; the table below it lists them all.
pub const CADENCE_BARS: usize = 15;

/// Contacts per week over the last 12 weeks, one stacked column per week by channel.
pub fn contacts_per_week(charts: &ReportCharts, language: Language) -> Chart {
    let categories: Vec<String> = charts
        .contacts_per_week
        .iter()
        .map(|w| w.until.format("%m-%d").to_string())
        .collect();
    let series: Vec<Series> = charts
        .channels()
        .into_iter()
        .map(|channel| Series {
            name: pages::series_name(language, channel),
            values: charts
                .contacts_per_week
                .iter()
                .map(|w| w.by_channel.get(channel).copied().unwrap_or(0))
                .collect(),
        })
        .collect();
    let total: u32 = charts.contacts_per_week.iter().map(|w| w.total).sum();
    let span = charts
        .contacts_per_week
        .first()
        .zip(charts.contacts_per_week.last())
        .map(|(first, last)| (first.since, last.until));
    Chart {
        name: "contacts_per_week",
        title: label(language, "Contacts per week, last 12 weeks, by channel").into(),
        caption: pages::contacts_caption(language, total, span),
        kind: ChartKind::Columns { categories, series },
        language,
    }
}

/// Kept rates per month over a year: ours and theirs.
pub fn kept_rates_per_month(charts: &ReportCharts, language: Language) -> Chart {
    let months = &charts.kept_rates_per_month;
    let categories = months
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                pages::month(language, m.since),
                m.since.format("%y")
            )
        })
        .collect();
    let series = [("us", Party::Us), ("them", Party::Them)]
        .into_iter()
        .map(|(name, party)| RateSeries {
            name: pages::series_name(language, name),
            points: months
                .iter()
                .map(|m| {
                    let c = if party == Party::Us { &m.us } else { &m.them };
                    (c.kept, c.denominator())
                })
                .collect(),
        })
        .collect();
    Chart {
        name: "kept_rates_per_month",
        title: label(language, "Promises kept per month, last 12 months").into(),
        caption: pages::kept_rates_caption(language),
        kind: ChartKind::Rates { categories, series },
        language,
    }
}

/// How many external customers are in each phase.
pub fn phase_counts(r: &WeeklyReport, language: Language) -> Chart {
    let rows = r
        .phase_counts
        .iter()
        .map(|(phase, n)| Bar {
            label: phase.as_str().to_string(),
            value: i64::from(*n),
            mark: None,
            note: crate::i18n::count(language, i64::from(*n), "customer"),
        })
        .collect();
    Chart {
        name: "phase_counts",
        title: label(language, "Customers by phase").into(),
        caption: pages::phase_counts_caption(language, r.as_of),
        kind: ChartKind::Bars { rows },
        language,
    }
}

/// The phase moves of the period, by kind.
pub fn phase_moves(r: &WeeklyReport, language: Language) -> Chart {
    let c = &r.phase_change_counts;
    let rows = [
        ("new customers", c.new_customers),
        ("acquired", c.acquisitions),
        ("lost", c.losses),
        ("won back", c.win_backs),
        ("partner", c.partners),
        ("other", c.other),
    ]
    .into_iter()
    .map(|(label, n)| Bar {
        label: pages::phase_move(language, label).to_string(),
        value: i64::from(n),
        mark: None,
        note: n.to_string(),
    })
    .collect();
    Chart {
        name: "phase_moves",
        title: label(language, "Phase moves in the period").into(),
        caption: pages::period_caption(language, r.period.since, r.period.until),
        kind: ChartKind::Bars { rows },
        language,
    }
}

/// The customers past their cadence: days since the last contact against the cadence.
pub fn past_cadence(r: &WeeklyReport, language: Language) -> Chart {
    let rows = r
        .past_cadence
        .iter()
        .take(CADENCE_BARS)
        .map(|c| Bar {
            label: c.name.clone(),
            value: c
                .days_since_contact
                .unwrap_or(i64::from(c.cadence_days) + c.overdue_days),
            mark: Some(i64::from(c.cadence_days)),
            note: pages::past_cadence_note(language, c.overdue_days, c.cadence_days),
        })
        .collect();
    let drawn = r.past_cadence.len().min(CADENCE_BARS);
    Chart {
        name: "past_cadence",
        title: label(language, "Past their cadence").into(),
        caption: pages::past_cadence_caption(language, drawn, r.past_cadence.len()),
        kind: ChartKind::Bars { rows },
        language,
    }
}

fn promise_mark(status: PromiseStatus) -> Mark {
    match status {
        PromiseStatus::Kept => Mark::Kept,
        PromiseStatus::Late => Mark::Late,
        PromiseStatus::Broken => Mark::Broken,
        PromiseStatus::Open => Mark::Open,
        PromiseStatus::Overdue => Mark::Overdue,
        PromiseStatus::Cancelled => Mark::Cancelled,
    }
}

/// A customer's last year: phase bands, contacts, orders and promises.
pub fn customer_timeline(c: &CustomerChart, language: Language) -> Chart {
    let mut events: Vec<Event> = c
        .contacts
        .iter()
        .map(|x| Event {
            lane: Lane::Contacts,
            mark: Mark::Contact,
            day: x.day,
            from: None,
            label: x.channel.clone(),
            count: x.count,
        })
        .collect();
    events.extend(c.orders.iter().map(|o| Event {
        lane: Lane::Orders,
        mark: Mark::Order,
        day: o.day,
        from: None,
        label: o.amount.to_string(),
        count: 1,
    }));
    events.extend(c.promises.iter().map(|p| Event {
        lane: if p.by == Party::Us {
            Lane::PromisesUs
        } else {
            Lane::PromisesThem
        },
        mark: promise_mark(p.status),
        day: p.day(),
        from: Some(p.made),
        label: p.id.clone(),
        count: 1,
    }));
    let bands = c
        .phases
        .iter()
        .map(|b| Band {
            label: b.phase.as_str().to_string(),
            since: b.since,
            until: b.until,
        })
        .collect();
    Chart {
        name: "timeline",
        title: pages::timeline_title(language, c.since, c.until),
        caption: pages::timeline_caption(language),
        kind: ChartKind::Timeline(Timeline {
            since: c.since,
            until: c.until,
            bands,
            events,
        }),
        language,
    }
}
