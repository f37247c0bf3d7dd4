//! Promises across the journal: the rows of `coltiva promises` and of the report's promise
//! sections.

use chrono::NaiveDate;
use serde::Serialize;

use crate::metrics::promises::{self, PromiseState, PromiseStatus};
use crate::model::{Customer, Party};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromiseRow {
    pub customer: String,
    pub customer_name: String,
    pub id: String,
    pub by: Party,
    pub what: String,
    /// The day the promise was made.
    pub made: NaiveDate,
    /// The due date it was first given.
    pub due: NaiveDate,
    /// The due date after renegotiations.
    pub current_due: NaiveDate,
    pub status: PromiseStatus,
    pub resolved_on: Option<NaiveDate>,
    pub renegotiations: u32,
    /// Days past the current due date, for overdue promises.
    pub days_overdue: Option<i64>,
    /// Days until the current due date, for open promises.
    pub days_left: Option<i64>,
}

impl PromiseRow {
    pub fn new(customer: &Customer, state: &PromiseState<'_>, as_of: NaiveDate) -> PromiseRow {
        let p = state.promise;
        PromiseRow {
            customer: customer.id.clone(),
            customer_name: customer.header.name.clone(),
            id: p.id.clone(),
            by: p.by,
            what: p.what.clone(),
            made: p.at.day(),
            due: p.due,
            current_due: state.current_due,
            status: state.status,
            resolved_on: state.resolved_on,
            renegotiations: state.renegotiations,
            days_overdue: (state.status == PromiseStatus::Overdue)
                .then(|| (as_of - state.current_due).num_days()),
            days_left: (state.status == PromiseStatus::Open)
                .then(|| (state.current_due - as_of).num_days()),
        }
    }

    pub fn is_unresolved(&self) -> bool {
        matches!(self.status, PromiseStatus::Open | PromiseStatus::Overdue)
    }
}

/// Every promise made on or before `as_of`, as rows.
pub fn rows(customers: &[Customer], as_of: NaiveDate) -> Vec<PromiseRow> {
    customers
        .iter()
        .flat_map(|c| {
            promises::promise_states(c, as_of)
                .iter()
                .map(|s| PromiseRow::new(c, s, as_of))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Filters of `coltiva promises`.
#[derive(Debug, Clone, Default)]
pub struct PromiseFilter {
    pub open_only: bool,
    pub overdue_only: bool,
    pub by: Option<Party>,
    pub due_within: Option<u32>,
}

impl PromiseFilter {
    pub fn accepts(&self, row: &PromiseRow, as_of: NaiveDate) -> bool {
        let status_ok = match (self.open_only, self.overdue_only) {
            (true, true) => row.is_unresolved(),
            (true, false) => row.status == PromiseStatus::Open,
            (false, true) => row.status == PromiseStatus::Overdue,
            (false, false) => true,
        };
        let within_ok = self.due_within.is_none_or(|days| {
            // A window reaching past the last representable day holds every due date.
            row.is_unresolved()
                && as_of
                    .checked_add_days(chrono::Days::new(u64::from(days)))
                    .is_none_or(|end| row.current_due <= end)
        });
        status_ok && within_ok && self.by.is_none_or(|b| row.by == b)
    }
}

/// Sort order for promise lists: ours first (an unannounced delay of ours hurts most), then by
/// current due date, then customer and id.
pub fn sort_for_attention(rows: &mut [PromiseRow]) {
    rows.sort_by(|a, b| {
        (a.by != Party::Us)
            .cmp(&(b.by != Party::Us))
            .then(a.current_due.cmp(&b.current_due))
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The rows the filter accepts, sorted by due date (then ours first).
pub fn select(rows: Vec<PromiseRow>, as_of: NaiveDate, filter: &PromiseFilter) -> Vec<PromiseRow> {
    let mut rows: Vec<PromiseRow> = rows
        .into_iter()
        .filter(|r| filter.accepts(r, as_of))
        .collect();
    rows.sort_by(|a, b| {
        a.current_due
            .cmp(&b.current_due)
            .then((a.by != Party::Us).cmp(&(b.by != Party::Us)))
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.id.cmp(&b.id))
    });
    rows
}
