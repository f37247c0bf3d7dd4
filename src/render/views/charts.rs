//! The charts of the report and of a customer's page, filled from report data unchanged.

use crate::i18n::{Label, Noun, Style};
use crate::metrics::promises::PromiseStatus;
use chrono::Datelike;

use crate::model::Party;
use crate::render::chart::{
    Band, Bar, Chart, ChartKind, Event, Lane, Mark, RateSeries, Series, Timeline,
};
use crate::report::charts::{CustomerChart, ReportCharts};
use crate::report::weekly::WeeklyReport;

/// Customers drawn in the past-cadence chart; the table below it lists them all.
pub const CADENCE_BARS: usize = 15;

/// Contacts per week over the last 12 weeks, one stacked column per week by channel.
pub fn contacts_per_week(charts: &ReportCharts, layout: crate::render::Layout) -> Chart {
    let style = layout.style;
    let words = style.words();
    let categories: Vec<String> = charts
        .contacts_per_week
        .iter()
        .map(|w| words.day_month(w.until))
        .collect();
    let series: Vec<Series> = charts
        .channels()
        .into_iter()
        .map(|channel| Series {
            name: super::contact_key(layout, channel),
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
        title: style.label(Label::ContactsPerWeek).into(),
        caption: words.contacts_caption(total, span),
        kind: ChartKind::Columns { categories, series },
        language: style.language,
    }
}

/// Kept rates per month over a year: ours and theirs.
pub fn kept_rates_per_month(charts: &ReportCharts, style: &Style) -> Chart {
    let words = style.words();
    let months = &charts.kept_rates_per_month;
    let categories = months
        .iter()
        .map(|m| format!("{} {}", words.month(m.since.month0()), m.since.format("%y")))
        .collect();
    let series = [Party::Us, Party::Them]
        .into_iter()
        .map(|party| RateSeries {
            name: words.party(party).to_string(),
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
        title: style.label(Label::KeptPerMonth).into(),
        caption: words.kept_rates_caption().into(),
        kind: ChartKind::Rates { categories, series },
        language: style.language,
    }
}

/// How many external customers are in each phase.
pub fn phase_counts(r: &WeeklyReport, style: &Style) -> Chart {
    let rows = r
        .phase_counts
        .iter()
        .map(|(phase, n)| Bar {
            label: style
                .words()
                .phase(crate::metrics::phase::ShownPhase::Lifecycle(*phase))
                .to_string(),
            value: i64::from(*n),
            mark: None,
            note: style.count(*n, Noun::Customer),
        })
        .collect();
    Chart {
        name: "phase_counts",
        title: style.label(Label::CustomersByPhase).into(),
        caption: style.words().phase_counts_caption(r.as_of),
        kind: ChartKind::Bars { rows },
        language: style.language,
    }
}

/// The phase moves of the period, by kind.
pub fn phase_moves(r: &WeeklyReport, style: &Style) -> Chart {
    let c = &r.phase_change_counts;
    let rows = [
        (Label::NewCustomers, c.new_customers),
        (Label::Acquired, c.acquisitions),
        (Label::Lost, c.losses),
        (Label::WonBackBar, c.win_backs),
        (Label::Partner, c.partners),
        (Label::Other, c.other),
    ]
    .into_iter()
    .map(|(label, n)| Bar {
        label: style.label(label).to_string(),
        value: i64::from(n),
        mark: None,
        note: n.to_string(),
    })
    .collect();
    Chart {
        name: "phase_moves",
        title: style.label(Label::PhaseMovesTitle).into(),
        caption: style.words().period_caption(r.period.since, r.period.until),
        kind: ChartKind::Bars { rows },
        language: style.language,
    }
}

/// The customers past their cadence: days since the last contact against the cadence.
pub fn past_cadence(r: &WeeklyReport, style: &Style) -> Chart {
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
            note: style
                .words()
                .past_cadence_note(c.overdue_days, c.cadence_days),
        })
        .collect();
    let drawn = r.past_cadence.len().min(CADENCE_BARS);
    Chart {
        name: "past_cadence",
        title: style.label(Label::PastCadenceChart).into(),
        caption: style
            .words()
            .past_cadence_caption(drawn, r.past_cadence.len()),
        kind: ChartKind::Bars { rows },
        language: style.language,
    }
}

/// A channel as the report data names it (its stored word), in the style's language.
fn channel_word<'a>(style: &Style, channel: &'a str) -> &'a str {
    match channel.parse::<crate::model::Channel>() {
        Ok(c) => style.words().channel(c),
        Err(_) => channel,
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
pub fn customer_timeline(c: &CustomerChart, style: &Style) -> Chart {
    let mut events: Vec<Event> = c
        .contacts
        .iter()
        .map(|x| Event {
            lane: Lane::Contacts,
            mark: Mark::Contact,
            day: x.day,
            from: None,
            label: x.channel.clone(),
            shown: channel_word(style, &x.channel).to_string(),
            count: x.count,
        })
        .collect();
    events.extend(c.orders.iter().map(|o| Event {
        lane: Lane::Orders,
        mark: Mark::Order,
        day: o.day,
        from: None,
        label: o.amount.to_string(),
        shown: style.money(o.amount),
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
        shown: p.id.clone(),
        count: 1,
    }));
    let bands = c
        .phases
        .iter()
        .map(|b| Band {
            label: style
                .words()
                .phase(crate::metrics::phase::ShownPhase::Lifecycle(b.phase))
                .to_string(),
            since: b.since,
            until: b.until,
        })
        .collect();
    Chart {
        name: "timeline",
        title: style.words().timeline_title(c.since, c.until),
        caption: style.words().timeline_caption().into(),
        kind: ChartKind::Timeline(Timeline {
            since: c.since,
            until: c.until,
            bands,
            events,
        }),
        language: style.language,
    }
}
