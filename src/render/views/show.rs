//! `coltiva show`.

use super::{charts, opt_date, promise_table};
use crate::i18n::Language;
use crate::i18n::words::{kept_summary, payment_summary};
use crate::render::{Block, Cell, Document, Table};
use crate::report::customer::CustomerDetail;
use crate::report::promises::PromiseRow;

/// `coltiva show`.
pub fn show(d: &CustomerDetail, language: Language) -> Document {
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
            Cell::text(format!("{} since {}", s.phase, s.phase_since)),
        ),
        ("because".to_string(), Cell::text(&d.phase_receipt)),
        (
            "orders".to_string(),
            Cell::text(format!(
                "{} totalling {} (first {}, last {})",
                s.orders,
                s.order_total,
                opt_date(s.first_order).human(),
                opt_date(s.last_order).human()
            )),
        ),
        (
            "last contact".to_string(),
            Cell::text(match (s.last_contact, s.days_since_contact) {
                (Some(day), Some(days)) => {
                    format!("{day} ({} ago)", crate::i18n::count(language, days, "day"))
                }
                (None, Some(days)) => {
                    format!(
                        "never ({} since the start)",
                        crate::i18n::count(language, days, "day")
                    )
                }
                _ => "never".to_string(),
            }),
        ),
        (
            "cadence".to_string(),
            Cell::text(format!(
                "every {} ({}); {}",
                crate::i18n::count(language, s.cadence_days, "day"),
                s.cadence_source,
                if s.overdue_days > 0 {
                    format!(
                        "{} overdue",
                        crate::i18n::count(language, s.overdue_days, "day")
                    )
                } else {
                    "on time".to_string()
                }
            )),
        ),
        (
            "contacts".to_string(),
            Cell::text(format!(
                "{} with contact; mean gap {} days, longest {}",
                crate::i18n::count(language, s.contact_days, "day"),
                Cell::Mean(s.mean_gap_days).human(),
                Cell::Int(s.max_gap_days).human()
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
            Cell::text(crate::render::outlook::outlook_fact(p_alive, expected)),
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
                    Cell::text(if c.won_back { "won back" } else { "" }),
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
            .map(|r| vec![Cell::text(&r.at), Cell::text(&r.label), Cell::text(&r.text)])
            .collect(),
        empty: "no records yet",
    };
    Document {
        title: format!("{} — as of {}", s.name, d.as_of),
        blocks: vec![
            Block::Facts(facts),
            Block::Chart(charts::customer_timeline(&d.chart, language)),
            Block::Table(timeline),
            Block::Table(promise_table(
                language,
                "open_promises",
                "Open promises",
                &open,
                "no open promises",
            )),
            Block::Table(records),
        ],
    }
}
