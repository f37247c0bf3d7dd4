//! `coltiva show`.

use super::{charts, opt_date, promise_table};
use crate::i18n::words::{kept_summary, payment_summary};
use crate::i18n::{Language, text};
use crate::render::{Block, Cell, Document, Layout, Table};
use crate::report::customer::CustomerDetail;
use crate::report::promises::PromiseRow;

/// `coltiva show`.
pub fn show(d: &CustomerDetail, layout: Layout) -> Document {
    let language = layout.language;
    let s = &d.summary;
    let mut facts = vec![
        ("id".to_string(), Cell::text(&s.id)),
        ("kind".to_string(), Cell::text(s.kind.as_str())),
        ("since".to_string(), opt_date(s.since)),
        ("tags".to_string(), Cell::text(s.tags.join(", "))),
    ];
    for (key, value) in &d.attributes {
        facts.push((key.clone(), Cell::text(value)));
    }
    facts.extend([
        (
            "phase".to_string(),
            Cell::text(text::phase_since(language, s.phase.as_str(), s.phase_since)),
        ),
        (
            "because".to_string(),
            Cell::text(match language {
                Language::En => &d.phase_receipt,
                Language::It => &d.phase_receipt_in,
            }),
        ),
        (
            "orders".to_string(),
            Cell::text(text::orders(
                language,
                s.orders,
                // Plain for machines (CSV), in the journal's money style for people.
                &if layout.wide {
                    Cell::Money(s.order_total).machine()
                } else {
                    Cell::Money(s.order_total).human()
                },
                &opt_date(s.first_order).human(),
                &opt_date(s.last_order).human(),
            )),
        ),
        (
            "last contact".to_string(),
            Cell::text(text::last_contact(
                language,
                s.last_contact,
                s.days_since_contact,
            )),
        ),
        (
            "cadence".to_string(),
            Cell::text(text::cadence(
                language,
                s.cadence_days,
                &s.cadence_source,
                s.overdue_days,
            )),
        ),
        (
            "contacts".to_string(),
            Cell::text(text::contact_days(
                language,
                s.contact_days,
                &Cell::Mean(s.mean_gap_days).human(),
                &Cell::Int(s.max_gap_days).human(),
            )),
        ),
        (
            "our promises".to_string(),
            Cell::text(kept_summary(language, &s.promises_us)),
        ),
        (
            "their promises".to_string(),
            Cell::text(kept_summary(language, &s.promises_them)),
        ),
        (
            "their payments".to_string(),
            Cell::text(payment_summary(language, &s.payment_punctuality)),
        ),
        (
            format!("rhythm ({} weeks)", d.weekly_contacts.len()),
            Cell::Spark(d.weekly_contacts.clone()),
        ),
    ]);
    if let (Some(p_alive), Some(expected)) = (s.p_alive, s.expected_purchases_90d) {
        facts.push((
            "outlook".to_string(),
            Cell::text(text::outlook_fact(
                language,
                &Cell::Rate(Some(p_alive)).human(),
                expected,
            )),
        ));
    }
    if let Some(risk) = &s.at_risk {
        facts.push((
            "at risk".to_string(),
            Cell::text(text::risk(language, risk)),
        ));
    }
    let open: Vec<PromiseRow> = d
        .promises
        .iter()
        .filter(|p| p.is_unresolved())
        .cloned()
        .collect();
    let timeline = Table {
        name: "phase_timeline",
        title: "Phase timeline".into(),
        columns: vec!["day", "from", "to", "rule", "note"],
        rows: d
            .phase_timeline
            .iter()
            .map(|c| {
                vec![
                    Cell::Date(Some(c.day)),
                    Cell::text(c.from.map(|p| p.as_str()).unwrap_or("")),
                    Cell::text(c.to.as_str()),
                    Cell::text(c.rule.as_str()),
                    Cell::text(if c.won_back {
                        text::won_back(language)
                    } else {
                        ""
                    }),
                ]
            })
            .collect(),
        empty: if s.phase == crate::metrics::phase::ShownPhase::Internal {
            "an internal customer has no lifecycle phase"
        } else {
            "no phase yet"
        },
    };
    let records_title = if d.records.len() < d.records_total {
        format!(
            "Last {} of {} records (--all for every one)",
            d.records.len(),
            d.records_total
        )
    } else {
        format!("Records ({})", d.records_total)
    };
    let records = Table {
        name: "records",
        title: records_title,
        columns: vec!["at", "what", "details"],
        rows: d
            .records
            .iter()
            .map(|r| {
                let (label, line) = match language {
                    Language::En => (r.label.clone(), r.text.clone()),
                    Language::It => text::record_line_it(&r.record),
                };
                vec![Cell::text(&r.at), Cell::text(label), Cell::text(line)]
            })
            .collect(),
        empty: "no records yet",
    };
    let mut doc = Document {
        title: format!("{} — as of {}", s.name, d.as_of),
        blocks: vec![
            Block::Facts(facts),
            Block::Chart(charts::customer_timeline(&d.chart, language)),
            Block::Table(timeline),
        ],
    };
    if !d.people.is_empty() {
        // Before the open promises: whom to speak with comes with what is owed.
        doc.blocks.push(Block::Table(super::people_table(
            d.people.iter(),
            "no people",
        )));
    }
    doc.blocks.extend([
        Block::Table(promise_table(
            layout,
            "open_promises",
            "Open promises",
            &open,
            "no open promises",
        )),
        Block::Table(records),
    ]);
    doc
}
