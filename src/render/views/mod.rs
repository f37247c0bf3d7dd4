//! The layout of each report as a [`Document`]: which columns, in which order, under which
//! titles. Values come from the report data unchanged.

pub mod charts;
mod fit;
mod list;
mod promises;
mod report;
mod show;

pub use fit::{Fit, fit};
pub use list::list;
pub use promises::promises;
pub use report::report;
pub use show::show;

use super::{Cell, Table};
use crate::i18n::{Language, words};
use crate::report::promises::PromiseRow;

pub(super) fn opt_date(d: Option<chrono::NaiveDate>) -> Cell {
    Cell::Date(d)
}

/// A table of promises; the status and who made each read in `language`.
pub(super) fn promise_table(
    language: Language,
    name: &'static str,
    title: impl Into<String>,
    rows: &[PromiseRow],
    empty: &'static str,
) -> Table {
    Table {
        name,
        title: title.into(),
        columns: vec![
            "promise", "customer", "by", "what", "made", "due", "status", "resolved", "due in",
        ],
        rows: rows
            .iter()
            .map(|r| {
                let days = r.days_overdue.map(|d| -d).or(r.days_left);
                vec![
                    Cell::text(format!("{}/{}", r.customer, r.id)),
                    Cell::text(&r.customer_name),
                    Cell::text(words::party(language, r.by)),
                    Cell::text(&r.what),
                    Cell::Date(Some(r.made)),
                    Cell::Date(Some(r.current_due)),
                    Cell::text(words::status(language, r.status)),
                    opt_date(r.resolved_on),
                    Cell::Int(days),
                ]
            })
            .collect(),
        empty,
    }
}
