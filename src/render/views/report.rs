//! The weekly review.

use super::{charts, opt_date, promise_table};
use crate::i18n::{Label, PhaseMoves};
use crate::metrics::phase::ShownPhase;
use crate::metrics::promises::KeptCounts;
use crate::render::{Block, Cell, Document, Layout, Table};
use crate::report::weekly::WeeklyReport;

/// The weekly review.
pub fn report(r: &WeeklyReport, layout: Layout) -> Document {
    let style = layout.style;
    let words = layout.words();
    let payment_brief = |p| style.payment_brief(p);
    let word = |l: Label| Cell::text(layout.label(l));
    let rates = &r.kept_rates;
    let kept_row = |label, period: &KeptCounts, trailing: &KeptCounts| {
        vec![
            word(label),
            Cell::Rate(period.rate()),
            Cell::text(style.counts_brief(period)),
            Cell::Rate(trailing.rate()),
            Cell::text(style.counts_brief(trailing)),
        ]
    };
    let mut kept_rows = vec![
        kept_row(Label::Us, &rates.period_us, &rates.trailing_us),
        kept_row(Label::Them, &rates.period_them, &rates.trailing_them),
        vec![
            word(Label::TheirPayments),
            Cell::Rate(rates.payment_period.counts.rate()),
            Cell::text(payment_brief(&rates.payment_period)),
            Cell::Rate(rates.payment_trailing.counts.rate()),
            Cell::text(payment_brief(&rates.payment_trailing)),
        ],
    ];
    // Internal customers' rows only in a journal that has some (else two rows of zeros).
    if r.internal_customers > 0 {
        let internal = &rates.internal;
        kept_rows.extend([
            kept_row(
                Label::UsInternal,
                &internal.period_us,
                &internal.trailing_us,
            ),
            kept_row(
                Label::ThemInternal,
                &internal.period_them,
                &internal.trailing_them,
            ),
        ]);
    }
    let kept = Table {
        name: "kept_rates",
        title: layout.label(Label::KeptRates).into(),
        columns: layout.columns(&[
            Label::By,
            Label::ThisPeriod,
            Label::Counts,
            Label::Last90Days,
            Label::Counts90Days,
        ]),
        rows: kept_rows,
        empty: "",
    };
    let cadence = Table {
        name: "past_cadence",
        title: layout.label(Label::PastCadenceTitle).into(),
        columns: layout.columns(&[
            Label::Customer,
            Label::Name,
            Label::Phase,
            Label::LastContact,
            Label::DaysSince,
            Label::Cadence,
            Label::Overdue,
        ]),
        rows: r
            .past_cadence
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.customer),
                    Cell::text(&c.name),
                    Cell::text(words.phase(c.phase)),
                    opt_date(c.last_contact),
                    Cell::Int(c.days_since_contact),
                    Cell::int(c.cadence_days),
                    Cell::int(c.overdue_days),
                ]
            })
            .collect(),
        empty: layout.label(Label::EveryoneHeard),
    };
    let phases = Table {
        name: "phase_counts",
        title: match r.internal_customers {
            0 => layout.label(Label::CustomersByPhase).to_string(),
            n => words.customers_by_phase_internal(n),
        },
        columns: r
            .phase_counts
            .keys()
            .map(|p| crate::render::Column {
                key: p.as_str(),
                heading: words.phase(ShownPhase::Lifecycle(*p)),
            })
            .collect(),
        rows: vec![r.phase_counts.values().map(|n| Cell::int(*n)).collect()],
        empty: "",
    };
    let changes = Table {
        name: "phase_changes",
        title: {
            let c = &r.phase_change_counts;
            words.phase_changes(&PhaseMoves {
                new_customers: c.new_customers,
                acquisitions: c.acquisitions,
                losses: c.losses,
                win_backs: c.win_backs,
                partners: c.partners,
                other: c.other,
            })
        },
        columns: layout.columns(&[
            Label::Day,
            Label::Customer,
            Label::Name,
            Label::From,
            Label::To,
            Label::Note,
        ]),
        rows: r
            .phase_changes
            .iter()
            .map(|c| {
                vec![
                    Cell::Date(Some(c.day)),
                    Cell::text(&c.customer),
                    Cell::text(&c.name),
                    Cell::text(c.from.map_or("", |p| words.phase(ShownPhase::Lifecycle(p)))),
                    Cell::text(words.phase(ShownPhase::Lifecycle(c.to))),
                    Cell::text(if c.won_back {
                        layout.label(Label::WonBack)
                    } else {
                        ""
                    }),
                ]
            })
            .collect(),
        empty: layout.label(Label::NoPhaseChanges),
    };
    let reactivation = Table {
        name: "reactivation",
        title: layout.label(Label::LostWorthACall).into(),
        columns: layout.columns(&[
            Label::Customer,
            Label::Name,
            Label::LastOrder,
            Label::Orders,
            Label::Total,
            Label::LastContact,
        ]),
        rows: r
            .reactivation
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.customer),
                    Cell::text(&c.name),
                    opt_date(c.last_order),
                    Cell::int(c.orders),
                    Cell::Money(c.order_total),
                    opt_date(c.last_contact),
                ]
            })
            .collect(),
        empty: layout.label(Label::NoLostCustomers),
    };
    let mut channel_rows: Vec<Vec<Cell>> = r
        .contacts_by_channel
        .iter()
        .map(|(channel, n)| {
            vec![
                Cell::text(super::contact_key(layout, channel)),
                Cell::int(*n),
            ]
        })
        .collect();
    channel_rows.push(vec![word(Label::Total), Cell::int(r.contacts_total)]);
    let contacts = Table {
        name: "contacts",
        title: layout.label(Label::ContactsInPeriod).into(),
        columns: layout.columns(&[Label::Channel, Label::Contacts]),
        rows: channel_rows,
        empty: "",
    };
    let fact = |l: Label, n: i64| (layout.label(l).into(), Cell::int(n));
    let mut doc = Document {
        title: words.weekly_review(r.period.since, r.period.until, r.as_of),
        blocks: vec![
            Block::Facts(vec![
                fact(Label::Customers, i64::from(r.customers)),
                fact(Label::OverduePromises, r.overdue.len() as i64),
                fact(Label::DueNext7Days, r.due_soon.len() as i64),
                fact(Label::PastTheirCadence, r.past_cadence.len() as i64),
            ]),
            Block::Table(promise_table(
                layout,
                "overdue",
                layout.label(Label::OverdueOursFirst),
                &r.overdue,
                Label::NoOverduePromises,
            )),
            Block::Table(promise_table(
                layout,
                "due_soon",
                layout.label(Label::DueSoonOursFirst),
                &r.due_soon,
                Label::NothingDueIn7Days,
            )),
            Block::Table(promise_table(
                layout,
                "resolved",
                layout.label(Label::ResolvedInPeriod),
                &r.resolved,
                Label::NoneResolved,
            )),
            Block::Chart(charts::kept_rates_per_month(&r.charts, style)),
            Block::Table(kept),
            Block::Table(cadence),
            Block::Chart(charts::phase_counts(r, style)),
            Block::Table(phases),
            Block::Table(changes),
            Block::Table(reactivation),
            crate::render::outlook::slipping_away(r.slipping_away.as_deref(), layout),
            Block::Chart(charts::contacts_per_week(&r.charts, layout)),
            Block::Table(contacts),
        ],
    };
    // Accounts at risk only when some are: a journal without people reads as before.
    if !r.at_risk.is_empty() {
        let table = Table {
            name: "at_risk",
            title: layout.label(Label::AccountsAtRisk).into(),
            columns: layout.columns(&[
                Label::Customer,
                Label::Name,
                Label::Why,
                Label::LastContact,
            ]),
            rows: r
                .at_risk
                .iter()
                .map(|a| {
                    vec![
                        Cell::text(&a.customer),
                        Cell::text(&a.name),
                        Cell::text(words.at_risk(&a.risk)),
                        opt_date(a.last_contact),
                    ]
                })
                .collect(),
            empty: layout.label(Label::NoAccountAtRisk),
        };
        let at = table_at(&doc, "past_cadence").map_or(doc.blocks.len(), |i| i + 1);
        doc.blocks.insert(at, Block::Table(table));
    }
    // A chart of no moves says nothing the table's "no phase changes" does not.
    if !r.phase_changes.is_empty() {
        let at = table_at(&doc, "phase_changes").unwrap_or(doc.blocks.len());
        doc.blocks
            .insert(at, Block::Chart(charts::phase_moves(r, style)));
    }
    // A chart of nobody says nothing the table's "everyone heard from you in time" does not.
    if !r.past_cadence.is_empty() {
        let at = table_at(&doc, "past_cadence").unwrap_or(doc.blocks.len());
        doc.blocks
            .insert(at, Block::Chart(charts::past_cadence(r, style)));
    }
    doc
}

/// Where the table `name` stands in `doc`.
fn table_at(doc: &Document, name: &str) -> Option<usize> {
    let is_it = |b: &Block| matches!(b, Block::Table(t) if t.name == name);
    doc.blocks.iter().position(is_it)
}
