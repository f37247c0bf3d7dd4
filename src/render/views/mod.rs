//! The layout of each report as a [`Document`]: which columns, in which order, under which
//! titles. Values come from the report data unchanged.

pub mod charts;
mod contacts;
mod fit;
mod list;
mod mail;
mod people;
mod promises;
mod report;
mod search;
mod show;

pub use contacts::contacts;
pub use fit::{ESSENTIAL, EXTRA, Fit, fit};
pub use list::list;
pub use mail::mail;
pub use people::{people, people_table};
pub use promises::promises;
pub use report::report;
pub use search::search;
pub use show::show;

use super::Layout;
use super::{Cell, Table};
use crate::i18n::Label;
use crate::report::promises::PromiseRow;

/// A key of the contacts-by-channel figures (a channel's stored word, or "order" for orders)
/// in the layout's language.
pub(super) fn contact_key(layout: Layout, key: &str) -> String {
    if key == crate::metrics::contacts::ORDER_KEY {
        return layout.label(Label::Order).to_string();
    }
    match key.parse::<crate::model::Channel>() {
        Ok(c) => layout.words().channel(c).to_string(),
        Err(_) => key.to_string(),
    }
}

pub(super) fn opt_date(d: Option<chrono::NaiveDate>) -> Cell {
    Cell::Date(d)
}

/// A table of promises; the status and who made each read in the layout's language. For
/// people the promise is its id alone (unique in the journal, PRODUCT.md §5), so a narrow
/// terminal keeps the customer's name and what was promised beside it.
pub(super) fn promise_table(
    layout: Layout,
    name: &'static str,
    title: impl Into<String>,
    rows: &[PromiseRow],
    empty: Label,
) -> Table {
    use Label::*;
    use rayon::prelude::*;
    Table {
        name,
        title: title.into(),
        columns: layout.columns(&[
            Promise, Customer, By, What, Made, Due, Status, Resolved, DueIn,
        ]),
        // On all cores, in order: a report's overdue list can hold 186,000 promises.
        rows: rows
            .par_iter()
            .map(|r| {
                let days = r.days_overdue.map(|d| -d).or(r.days_left);
                let promise = if layout.wide {
                    format!("{}/{}", r.customer, r.id)
                } else {
                    r.id.clone()
                };
                vec![
                    // For people the bare id, enough to act on (`coltiva kept ID`), the name
                    // saying whose; for machines (CSV) with the customer's id.
                    Cell::text(promise),
                    Cell::text(&r.customer_name),
                    Cell::text(layout.words().party(r.by)),
                    Cell::text(&r.what),
                    Cell::Date(Some(r.made)),
                    Cell::Date(Some(r.current_due)),
                    Cell::Status(r.status),
                    opt_date(r.resolved_on),
                    Cell::DueIn(days),
                ]
            })
            .collect(),
        empty: layout.label(empty),
    }
}
