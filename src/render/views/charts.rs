//! The charts of the report and of a customer's page, filled from report data unchanged.

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
pub fn contacts_per_week(charts: &ReportCharts) -> Chart {
    let categories: Vec<String> = charts
        .contacts_per_week
        .iter()
        .map(|w| w.until.format("%m-%d").to_string())
        .collect();
    let series: Vec<Series> = charts
        .channels()
        .into_iter()
        .map(|channel| Series {
            name: channel.to_string(),
            values: charts
                .contacts_per_week
                .iter()
                .map(|w| w.by_channel.get(channel).copied().unwrap_or(0))
                .collect(),
        })
        .collect();
    let total: u32 = charts.contacts_per_week.iter().map(|w| w.total).sum();
    let caption = match (
        charts.contacts_per_week.first(),
        charts.contacts_per_week.last(),
    ) {
        (Some(first), Some(last)) => format!(
            "{} from {} to {}, in seven-day weeks labelled by their last day; each channel has its own pattern.",
            crate::render::count(i64::from(total), "contact"),
            first.since,
            last.until
        ),
        _ => "No weeks to show.".to_string(),
    };
    Chart {
        name: "contacts_per_week",
        title: "Contacts per week, last 12 weeks, by channel".into(),
        caption,
        kind: ChartKind::Columns { categories, series },
    }
}

/// Kept rates per month over a year: ours and theirs.
pub fn kept_rates_per_month(charts: &ReportCharts) -> Chart {
    let months = &charts.kept_rates_per_month;
    let categories = months
        .iter()
        .map(|m| m.since.format("%b %y").to_string())
        .collect();
    let series = [("us", Party::Us), ("them", Party::Them)]
        .into_iter()
        .map(|(name, party)| RateSeries {
            name: name.to_string(),
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
        title: "Promises kept per month, last 12 months".into(),
        caption: "Kept ÷ (kept + late + broken + overdue) of the external customers' promises \
                  due in each month; \
                  ours as dots on a solid line, theirs as squares on a dashed line; a month \
                  without such promises has no point."
            .into(),
        kind: ChartKind::Rates { categories, series },
    }
}

/// How many external customers are in each phase.
pub fn phase_counts(r: &WeeklyReport) -> Chart {
    let rows = r
        .phase_counts
        .iter()
        .map(|(phase, n)| Bar {
            label: phase.as_str().to_string(),
            value: i64::from(*n),
            mark: None,
            note: crate::render::count(i64::from(*n), "customer"),
        })
        .collect();
    Chart {
        name: "phase_counts",
        title: "Customers by phase".into(),
        caption: format!("As of {}; internal customers are not counted.", r.as_of),
        kind: ChartKind::Bars { rows },
    }
}

/// The phase moves of the period, by kind.
pub fn phase_moves(r: &WeeklyReport) -> Chart {
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
        label: label.to_string(),
        value: i64::from(n),
        mark: None,
        note: n.to_string(),
    })
    .collect();
    Chart {
        name: "phase_moves",
        title: "Phase moves in the period".into(),
        caption: format!("From {} to {}.", r.period.since, r.period.until),
        kind: ChartKind::Bars { rows },
    }
}

/// The customers past their cadence: days since the last contact against the cadence.
pub fn past_cadence(r: &WeeklyReport) -> Chart {
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
            note: format!(
                "{} over, cadence {}",
                crate::render::count(c.overdue_days, "day"),
                c.cadence_days
            ),
        })
        .collect();
    let mut caption = "Days since the last contact; the dashed tick is the cadence, the hatched part the days past it.".to_string();
    if r.past_cadence.len() > CADENCE_BARS {
        caption.push_str(&format!(
            " The {CADENCE_BARS} most overdue of {}; the table lists them all.",
            r.past_cadence.len()
        ));
    }
    Chart {
        name: "past_cadence",
        title: "Past their cadence".into(),
        caption,
        kind: ChartKind::Bars { rows },
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
pub fn customer_timeline(c: &CustomerChart) -> Chart {
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
        title: format!("The last year: {} to {}", c.since, c.until),
        caption: "Phase bands on top; below, contacts (dots, larger for several a day), orders \
                  (diamonds) and promises from the day made to the day decided or due: kept \
                  (dot), late (triangle), broken (cross), open (ring), overdue (square), \
                  cancelled (dash)."
            .into(),
        kind: ChartKind::Timeline(Timeline {
            since: c.since,
            until: c.until,
            bands,
            events,
        }),
    }
}
