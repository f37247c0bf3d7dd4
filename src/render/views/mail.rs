//! `coltiva mail`.

use crate::i18n::{Label, Noun};
use crate::render::{Block, Cell, Document, Layout, Table, machine_columns};
use crate::report::mail::{MailRow, Outcome};

/// `coltiva mail`: every message read, with what became of it and why.
pub fn mail(rows: &[MailRow], layout: Layout) -> Document {
    let opt = |s: &Option<String>| Cell::text(s.clone().unwrap_or_default());
    let table = if layout.wide {
        Table {
            name: "mail",
            title: "Mail".into(),
            columns: machine_columns(&[
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
            ]),
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
            empty: layout.label(Label::NoMessages),
        }
    } else {
        Table {
            name: "mail",
            title: layout.label(Label::MailTitle).into(),
            columns: layout.columns(&[
                Label::Day,
                Label::From,
                Label::Subject,
                Label::Outcome,
                Label::Customer,
                Label::Why,
            ]),
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::Date(r.day),
                        Cell::text(&r.from),
                        Cell::text(&r.subject),
                        Cell::text(layout.label(match r.outcome {
                            Outcome::Logged => Label::Logged,
                            Outcome::AlreadyLogged => Label::AlreadyLogged,
                            Outcome::WouldLog => Label::WouldLog,
                            Outcome::NotLogged => Label::NotLogged,
                            Outcome::Skipped => Label::Skipped,
                        })),
                        opt(&r.customer),
                        opt(&r.why),
                    ]
                })
                .collect(),
            empty: layout.label(Label::NoMessages),
        }
    };
    Document {
        title: format!(
            "coltiva — {}",
            layout.style.count(rows.len() as i64, Noun::Message)
        ),
        blocks: vec![Block::Table(table)],
    }
}
