//! `coltiva mail`.

use crate::i18n::label_of;
use crate::mail::logging::MailRow;
use crate::render::{Block, Cell, Document, Layout, Table};

/// `coltiva mail`: every message read, with what became of it and why.
pub fn mail(rows: &[MailRow], layout: Layout) -> Document {
    let opt = |s: &Option<String>| Cell::text(s.clone().unwrap_or_default());
    let table = if layout.wide {
        Table {
            name: "mail",
            title: "Mail".into(),
            columns: vec![
                "message",
                "day",
                "from",
                "subject",
                "summary",
                "outcome",
                "customer",
                "direction",
                "with",
                "source",
                "why",
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.message),
                        Cell::Date(r.day),
                        Cell::text(&r.from),
                        Cell::text(&r.subject),
                        Cell::text(&r.summary),
                        Cell::text(r.outcome.as_str()),
                        opt(&r.customer),
                        Cell::text(r.direction.map_or("", |d| d.as_str())),
                        opt(&r.with),
                        Cell::text(&r.source),
                        opt(&r.why),
                    ]
                })
                .collect(),
            empty: "no messages",
        }
    } else {
        Table {
            name: "mail",
            title: "Mail".into(),
            columns: vec!["day", "from", "subject", "outcome", "customer", "why"],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::Date(r.day),
                        Cell::text(&r.from),
                        Cell::text(&r.subject),
                        Cell::text(label_of(layout.language, r.outcome.human())),
                        opt(&r.customer),
                        opt(&r.why),
                    ]
                })
                .collect(),
            empty: "no messages",
        }
    };
    Document {
        title: format!(
            "coltiva — {}",
            crate::i18n::count(layout.language, rows.len() as i64, "message")
        ),
        blocks: vec![Block::Table(table)],
    }
}
