//! `coltiva show`.

use super::{charts, opt_date, promise_table};
use crate::i18n::Label;
use crate::metrics::phase::ShownPhase;
use crate::render::{Block, Cell, Document, Layout, Table};
use crate::report::customer::CustomerDetail;
use crate::report::promises::PromiseRow;

/// `coltiva show`. Every label and sentence is asked of the layout's words; the user's own
/// attribute keys and the customer's name are shown as written.
pub fn show(d: &CustomerDetail, layout: Layout) -> Document {
    let style = layout.style;
    let words = layout.words();
    let label = |l: Label| layout.label(l).to_string();
    let s = &d.summary;
    // Plain for machines (CSV), in the journal's money style for people.
    let money = |amount| {
        if layout.wide {
            Cell::Money(amount).machine()
        } else {
            Cell::Money(amount).human(style).into_owned()
        }
    };
    let mut facts = vec![
        (label(Label::Id), Cell::text(&s.id)),
        (label(Label::Kind), Cell::text(words.kind(s.kind))),
        (label(Label::Since), opt_date(s.since)),
        (label(Label::Tags), Cell::text(s.tags.join(", "))),
    ];
    for (key, value) in &d.attributes {
        facts.push((key.clone(), Cell::text(value)));
    }
    let cadence_source = words.cadence_source(&s.cadence_source);
    facts.extend([
        (
            label(Label::Phase),
            Cell::text(words.phase_since(words.phase(s.phase), s.phase_since)),
        ),
        (
            label(Label::Because),
            Cell::text(words.phase_receipt(&d.assessment, d.new_days, d.lost_days)),
        ),
        (
            label(Label::Orders),
            Cell::text(words.orders(s.orders, &money(s.order_total), s.first_order, s.last_order)),
        ),
        (
            label(Label::LastContact),
            Cell::text(words.last_contact(s.last_contact, s.days_since_contact)),
        ),
        (
            label(Label::Cadence),
            Cell::text(words.cadence(s.cadence_days, &cadence_source, s.overdue_days)),
        ),
        (
            label(Label::Contacts),
            Cell::text(words.contact_days(
                s.contact_days,
                &style.mean(s.mean_gap_days),
                &Cell::Int(s.max_gap_days).human(style),
            )),
        ),
        (
            label(Label::OurPromises),
            Cell::text(style.kept_summary(&s.promises_us)),
        ),
        (
            label(Label::TheirPromises),
            Cell::text(style.kept_summary(&s.promises_them)),
        ),
        (
            label(Label::TheirPayments),
            Cell::text(style.payment_summary(&s.payment_punctuality)),
        ),
        (
            words.rhythm(d.weekly_contacts.len()),
            Cell::Spark(d.weekly_contacts.clone()),
        ),
    ]);
    if let (Some(p_alive), Some(expected)) = (s.p_alive, s.expected_purchases_90d) {
        facts.push((
            label(Label::Outlook),
            Cell::text(words.outlook_fact(&style.rate(Some(p_alive)), &style.fixed(expected, 2))),
        ));
    }
    if let Some(risk) = &s.at_risk {
        facts.push((label(Label::AtRisk), Cell::text(words.at_risk(risk))));
    }
    let open: Vec<PromiseRow> = d
        .promises
        .iter()
        .filter(|p| p.is_unresolved())
        .cloned()
        .collect();
    let phase_word =
        |p: Option<crate::model::Phase>| p.map_or("", |p| words.phase(ShownPhase::Lifecycle(p)));
    let timeline = Table {
        name: "phase_timeline",
        title: label(Label::PhaseTimeline),
        columns: layout.columns(&[Label::Day, Label::From, Label::To, Label::Rule, Label::Note]),
        rows: d
            .phase_timeline
            .iter()
            .map(|c| {
                vec![
                    Cell::Date(Some(c.day)),
                    Cell::text(phase_word(c.from)),
                    Cell::text(phase_word(Some(c.to))),
                    Cell::text(words.rule(c.rule)),
                    Cell::text(if c.won_back {
                        layout.label(Label::WonBack)
                    } else {
                        ""
                    }),
                ]
            })
            .collect(),
        empty: layout.label(if s.phase == ShownPhase::Internal {
            Label::InternalNoPhase
        } else {
            Label::NoPhaseYet
        }),
    };
    let records = Table {
        name: "records",
        title: words.records_title(d.records.len(), d.records_total),
        columns: layout.columns(&[Label::At, Label::What, Label::Details]),
        rows: d
            .records
            .iter()
            .map(|r| {
                let amount = match &r.record {
                    crate::model::Record::Order(o) => money(o.amount),
                    _ => String::new(),
                };
                let (what, details) = if layout.wide {
                    (r.label.clone(), r.text.clone())
                } else {
                    words.record_line(&r.record, &amount)
                };
                let at = if layout.wide {
                    r.at.clone()
                } else {
                    style.moment(&r.record.at())
                };
                vec![Cell::text(at), Cell::text(what), Cell::text(details)]
            })
            .collect(),
        empty: layout.label(Label::NoRecordsYet),
    };
    let mut blocks = vec![
        Block::Facts(facts),
        Block::Chart(charts::customer_timeline(&d.chart, style)),
        Block::Table(timeline),
    ];
    if !d.people.is_empty() {
        // Before the open promises: whom to speak with comes with what is owed.
        blocks.push(Block::Table(super::people_table(d.people.iter(), layout)));
    }
    blocks.extend([
        Block::Table(promise_table(
            layout,
            "open_promises",
            label(Label::OpenPromises),
            &open,
            Label::NoOpenPromises,
        )),
        Block::Table(records),
    ]);
    Document {
        title: words.show_title(&s.name, d.as_of),
        blocks,
    }
}
