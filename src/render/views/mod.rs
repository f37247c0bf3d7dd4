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
use crate::metrics::promises::{KeptCounts, PaymentPunctuality};
use crate::report::promises::PromiseRow;

pub(super) fn opt_date(d: Option<chrono::NaiveDate>) -> Cell {
    Cell::Date(d)
}

/// "2 kept, 1 late (4.5 days late on average), …" for payment punctuality.
pub(super) fn payment_summary(p: &PaymentPunctuality) -> String {
    let mut text = kept_summary(&p.counts);
    if let Some(mean) = p.mean_days_late {
        text.push_str(&format!(
            "; late payments {} days late on average",
            Cell::Mean(Some(mean)).human()
        ));
    }
    text
}

pub(super) fn payment_brief(p: &PaymentPunctuality) -> String {
    let mut text = counts_brief(&p.counts);
    if let Some(mean) = p.mean_days_late {
        text.push_str(&format!(
            ", {} days late on average",
            Cell::Mean(Some(mean)).human()
        ));
    }
    text
}

/// "3/4 kept (1 late, 0 broken, 0 overdue)" style summary of a KeptCounts, for facts.
pub(super) fn kept_summary(c: &KeptCounts) -> String {
    let rate = Cell::Rate(c.rate()).human();
    format!(
        "{rate} ({} kept, {} late, {} broken, {} overdue; {} open, {} cancelled)",
        c.kept, c.late, c.broken, c.overdue, c.open, c.cancelled
    )
}

pub(super) fn promise_table(
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
                    Cell::text(r.by.as_str()),
                    Cell::text(&r.what),
                    Cell::Date(Some(r.made)),
                    Cell::Date(Some(r.current_due)),
                    Cell::text(r.status.as_str()),
                    opt_date(r.resolved_on),
                    Cell::Int(days),
                ]
            })
            .collect(),
        empty,
    }
}

pub(super) fn counts_brief(c: &KeptCounts) -> String {
    format!(
        "{}/{} kept, {} late, {} broken, {} overdue",
        c.kept,
        c.kept + c.late + c.broken + c.overdue,
        c.late,
        c.broken,
        c.overdue
    )
}
