//! `coltiva promises`.

use super::{opt_date, promise_table};
use crate::i18n::Label;
use crate::render::{Block, Cell, Document, Layout, Table, machine_columns};
use crate::report::promises::PromiseRow;

/// `coltiva promises`. "due in" is days left until the due date, negative when overdue.
pub fn promises(rows: &[PromiseRow], as_of: chrono::NaiveDate, layout: Layout) -> Document {
    let wide = layout.wide;
    if wide {
        let table = Table {
            name: "promises",
            title: "Promises".into(),
            columns: machine_columns(&[
                "customer",
                "customer_name",
                "id",
                "by",
                "what",
                "made",
                "due",
                "current_due",
                "status",
                "resolved_on",
                "renegotiations",
                "days_overdue",
                "days_left",
            ]),
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.customer),
                        Cell::text(&r.customer_name),
                        Cell::text(&r.id),
                        Cell::text(r.by.as_str()),
                        Cell::text(&r.what),
                        Cell::Date(Some(r.made)),
                        Cell::Date(Some(r.due)),
                        Cell::Date(Some(r.current_due)),
                        Cell::text(r.status.as_str()),
                        opt_date(r.resolved_on),
                        Cell::int(r.renegotiations),
                        Cell::Int(r.days_overdue),
                        Cell::Int(r.days_left),
                    ]
                })
                .collect(),
            empty: layout.label(Label::NoPromises),
        };
        return Document {
            title: "Promises".into(),
            blocks: vec![Block::Table(table)],
        };
    }
    Document {
        title: layout.words().promises_title(rows.len(), as_of),
        blocks: vec![Block::Table(promise_table(
            layout,
            "promises",
            layout.label(Label::PromisesTitle),
            rows,
            Label::NoPromisesMatch,
        ))],
    }
}
