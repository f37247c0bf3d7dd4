//! Promise status and the promise-kept rate (PRODUCT.md §4.1).

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::mean::Mean;
use crate::model::{About, Customer, Party, Promise, Resolution, ResolutionStatus};

/// What became of a promise, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PromiseStatus {
    /// Resolved `kept` on or before its current due date (and never renegotiated late).
    Kept,
    /// Resolved `kept` after its current due date, or after a late renegotiation.
    Late,
    /// Resolved `broken`, or `cancelled` after its current due date (its word was already not
    /// kept).
    Broken,
    /// Unresolved, and its current due date is before the as-of day.
    Overdue,
    /// Unresolved and not overdue.
    Open,
    /// Resolved `cancelled` (withdrawn by agreement) on or before its current due date:
    /// excluded from rates.
    Cancelled,
}

impl PromiseStatus {
    pub const ALL: &'static [PromiseStatus] = &[
        PromiseStatus::Kept,
        PromiseStatus::Late,
        PromiseStatus::Broken,
        PromiseStatus::Overdue,
        PromiseStatus::Open,
        PromiseStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PromiseStatus::Kept => "kept",
            PromiseStatus::Late => "late",
            PromiseStatus::Broken => "broken",
            PromiseStatus::Overdue => "overdue",
            PromiseStatus::Open => "open",
            PromiseStatus::Cancelled => "cancelled",
        }
    }

    /// Whether this status is in the denominator of the kept rate.
    pub fn counts_in_rate(self) -> bool {
        !matches!(self, PromiseStatus::Open | PromiseStatus::Cancelled)
    }
}

impl fmt::Display for PromiseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A promise and its status as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseState<'a> {
    pub promise: &'a Promise,
    /// The promise's `due`, moved by each renegotiation on or before the as-of day.
    pub current_due: NaiveDate,
    pub status: PromiseStatus,
    /// Day of the deciding resolution (kept, broken or cancelled); `None` while unresolved.
    pub resolved_on: Option<NaiveDate>,
    /// Number of renegotiations (with a new due date) counted before the promise was decided.
    pub renegotiations: u32,
    /// Whether some renegotiation was recorded after the then-current due date had passed.
    pub renegotiated_late: bool,
    /// For a `late` promise: the days from the due date it first missed (the one in force when
    /// it was kept late or renegotiated late) to the day it was kept. `None` otherwise.
    pub days_late: Option<i64>,
}

/// JSON shape: `{id, by, what, made, due, current_due, status, resolved_on, renegotiations,
/// renegotiated_late}` (`due` is the promise's original due date).
impl Serialize for PromiseState<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("PromiseState", 10)?;
        st.serialize_field("id", &self.promise.id)?;
        st.serialize_field("by", &self.promise.by)?;
        st.serialize_field("what", &self.promise.what)?;
        st.serialize_field("made", &self.promise.at.day().to_string())?;
        st.serialize_field("due", &self.promise.due.to_string())?;
        st.serialize_field("current_due", &self.current_due.to_string())?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("resolved_on", &self.resolved_on.map(|d| d.to_string()))?;
        st.serialize_field("renegotiations", &self.renegotiations)?;
        st.serialize_field("renegotiated_late", &self.renegotiated_late)?;
        st.end()
    }
}

/// The status of every promise made on or before `as_of`, in file order.
///
/// A promise's resolutions are those naming its id and dated on or before `as_of`, taken in
/// order of moment (day, then time of day), then file order. A renegotiation with a new due date moves the current due
/// date (and marks the promise `renegotiated_late` when recorded after the then-current due
/// date); one without a due date is ignored. The first kept, broken or cancelled resolution
/// decides the status; later resolutions are ignored. A cancellation after the current due
/// date decides `broken`: the word was already not kept (PRODUCT.md §8.3).
pub fn promise_states(customer: &Customer, as_of: NaiveDate) -> Vec<PromiseState<'_>> {
    // Group resolutions by promise id once: O(records), not O(promises × resolutions).
    let mut by_promise: HashMap<&str, Vec<&Resolution>> = HashMap::new();
    for r in &customer.resolutions {
        if r.at.day() <= as_of {
            by_promise.entry(r.promise.as_str()).or_default().push(r);
        }
    }
    for list in by_promise.values_mut() {
        // By moment: of two resolutions of one day the earlier in the day comes first
        // (PRODUCT.md §9.1); stable, so file order only between equal moments.
        list.sort_by_key(|r| r.at.sort_key());
    }
    customer
        .promises
        .iter()
        .filter(|p| p.at.day() <= as_of)
        .map(|p| {
            let resolutions = by_promise.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
            state_of(p, resolutions, as_of)
        })
        .collect()
}

/// Walks one promise's resolutions (already filtered to `as_of` and sorted).
fn state_of<'a>(
    promise: &'a Promise,
    resolutions: &[&Resolution],
    as_of: NaiveDate,
) -> PromiseState<'a> {
    let mut state = PromiseState {
        promise,
        current_due: promise.due,
        status: PromiseStatus::Open,
        resolved_on: None,
        renegotiations: 0,
        renegotiated_late: false,
        days_late: None,
    };
    // The due date the promise first missed, once it has missed one.
    let mut missed: Option<NaiveDate> = None;
    for r in resolutions {
        let day = r.at.day();
        let decided = match r.status {
            ResolutionStatus::Renegotiated => {
                if let Some(new_due) = r.due {
                    if day > state.current_due {
                        state.renegotiated_late = true;
                        missed.get_or_insert(state.current_due);
                    }
                    state.current_due = new_due;
                    state.renegotiations += 1;
                }
                None
            }
            ResolutionStatus::Kept => {
                if day > state.current_due {
                    missed.get_or_insert(state.current_due);
                }
                Some(match missed {
                    Some(missed) => {
                        state.days_late = Some((day - missed).num_days());
                        PromiseStatus::Late
                    }
                    None => PromiseStatus::Kept,
                })
            }
            ResolutionStatus::Broken => Some(PromiseStatus::Broken),
            // Cancelled on the due date itself is still in time.
            ResolutionStatus::Cancelled if day > state.current_due => Some(PromiseStatus::Broken),
            ResolutionStatus::Cancelled => Some(PromiseStatus::Cancelled),
        };
        if let Some(status) = decided {
            state.status = status;
            state.resolved_on = Some(day);
            return state;
        }
    }
    state.status = if state.current_due < as_of {
        PromiseStatus::Overdue
    } else {
        PromiseStatus::Open
    };
    state
}

/// How many promises are in each status; the kept rate derives from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeptCounts {
    pub kept: u32,
    pub late: u32,
    pub broken: u32,
    pub overdue: u32,
    pub open: u32,
    pub cancelled: u32,
}

impl KeptCounts {
    /// kept + late + broken + overdue: the promises the rate is about.
    pub fn denominator(&self) -> u32 {
        self.kept + self.late + self.broken + self.overdue
    }

    /// kept / (kept + late + broken + overdue); `None` when that is 0/0 (never 0 or 100%).
    pub fn rate(&self) -> Option<f64> {
        match self.denominator() {
            0 => None,
            n => Some(f64::from(self.kept) / f64::from(n)),
        }
    }

    /// Every promise counted, whatever its status.
    pub fn total(&self) -> u32 {
        self.denominator() + self.open + self.cancelled
    }

    pub fn get(&self, status: PromiseStatus) -> u32 {
        match status {
            PromiseStatus::Kept => self.kept,
            PromiseStatus::Late => self.late,
            PromiseStatus::Broken => self.broken,
            PromiseStatus::Overdue => self.overdue,
            PromiseStatus::Open => self.open,
            PromiseStatus::Cancelled => self.cancelled,
        }
    }

    pub fn add(&mut self, status: PromiseStatus) {
        let slot = match status {
            PromiseStatus::Kept => &mut self.kept,
            PromiseStatus::Late => &mut self.late,
            PromiseStatus::Broken => &mut self.broken,
            PromiseStatus::Overdue => &mut self.overdue,
            PromiseStatus::Open => &mut self.open,
            PromiseStatus::Cancelled => &mut self.cancelled,
        };
        *slot += 1;
    }

    pub fn merge(&mut self, other: KeptCounts) {
        self.kept += other.kept;
        self.late += other.late;
        self.broken += other.broken;
        self.overdue += other.overdue;
        self.open += other.open;
        self.cancelled += other.cancelled;
    }
}

/// JSON shape: `{kept, late, broken, overdue, open, cancelled, rate}`, `rate` null when undefined.
impl Serialize for KeptCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("KeptCounts", 7)?;
        st.serialize_field("kept", &self.kept)?;
        st.serialize_field("late", &self.late)?;
        st.serialize_field("broken", &self.broken)?;
        st.serialize_field("overdue", &self.overdue)?;
        st.serialize_field("open", &self.open)?;
        st.serialize_field("cancelled", &self.cancelled)?;
        st.serialize_field("rate", &self.rate())?;
        st.end()
    }
}

/// Counts the states of promises made `by` one party, optionally only those whose current due
/// date falls in the inclusive window `(from, to)`.
pub fn kept_counts<'s, 'a: 's>(
    states: impl IntoIterator<Item = &'s PromiseState<'a>>,
    by: Party,
    due_window: Option<(NaiveDate, NaiveDate)>,
) -> KeptCounts {
    let mut counts = KeptCounts::default();
    for state in states {
        if state.promise.by != by {
            continue;
        }
        if let Some((from, to)) = due_window
            && (state.current_due < from || state.current_due > to)
        {
            continue;
        }
        counts.add(state.status);
    }
    counts
}

/// Payment punctuality (PRODUCT.md §2, §8.3): the kept counts of the customer's own payment
/// promises (`by = "them"`, `about = "payment"`), and how late the late ones were on average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaymentPunctuality {
    pub counts: KeptCounts,
    /// Mean of `days_late` over the `late` payment promises; `None` without one.
    pub mean_days_late: Option<Mean>,
}

impl PaymentPunctuality {
    /// Adds the promises of `other` (of another customer): counts and the mean's terms.
    pub fn merge(&mut self, other: PaymentPunctuality) {
        self.counts.merge(other.counts);
        let (total, count) = [self.mean_days_late, other.mean_days_late]
            .into_iter()
            .flatten()
            .fold((0, 0), |(t, c), m| (t + m.total, c + m.count));
        self.mean_days_late = Mean::new(total, count);
    }
}

/// Payment punctuality over the given promise states (of one customer, or of many).
pub fn payment_punctuality<'s, 'a: 's>(
    states: impl IntoIterator<Item = &'s PromiseState<'a>>,
) -> PaymentPunctuality {
    let mut counts = KeptCounts::default();
    let (mut days_late, mut late) = (0i64, 0i64);
    for state in states {
        if state.promise.by != Party::Them || state.promise.about != Some(About::Payment) {
            continue;
        }
        counts.add(state.status);
        if let Some(days) = state.days_late {
            days_late += days;
            late += 1;
        }
    }
    PaymentPunctuality {
        counts,
        mean_days_late: Mean::new(days_late, late),
    }
}

/// JSON shape: `{kept, late, broken, overdue, open, cancelled, rate, mean_days_late}`;
/// `mean_days_late` has two decimals and is null without a late payment.
impl Serialize for PaymentPunctuality {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = &self.counts;
        let mut st = s.serialize_struct("PaymentPunctuality", 8)?;
        st.serialize_field("kept", &c.kept)?;
        st.serialize_field("late", &c.late)?;
        st.serialize_field("broken", &c.broken)?;
        st.serialize_field("overdue", &c.overdue)?;
        st.serialize_field("open", &c.open)?;
        st.serialize_field("cancelled", &c.cancelled)?;
        st.serialize_field("rate", &c.rate())?;
        st.serialize_field("mean_days_late", &self.mean_days_late)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::*;
    use crate::model::ResolutionStatus::{Broken, Cancelled, Kept, Renegotiated};

    const AS_OF: &str = "2026-06-15";

    fn status_of(records: Vec<crate::model::Record>) -> PromiseState<'static> {
        let c: &'static Customer = Box::leak(Box::new(build(Some("2026-01-01"), records)));
        let mut states = promise_states(c, d(AS_OF));
        assert_eq!(states.len(), 1);
        states.pop().unwrap()
    }

    #[test]
    fn kept_on_the_due_day_is_kept() {
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-10", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Kept);
        assert_eq!(s.resolved_on, Some(d("2026-06-10")));
        assert_eq!(s.current_due, d("2026-06-10"));
    }

    #[test]
    fn kept_a_day_late_is_late() {
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-11", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Late);
        assert_eq!(s.resolved_on, Some(d("2026-06-11")));
    }

    #[test]
    fn renegotiated_in_time_then_kept_by_new_due_is_kept() {
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-09", Renegotiated, Some("2026-06-14")),
            resolution("p", "2026-06-14", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Kept);
        assert_eq!(s.current_due, d("2026-06-14"));
        assert_eq!(s.renegotiations, 1);
        assert!(!s.renegotiated_late);
    }

    #[test]
    fn renegotiated_on_the_due_day_is_in_time() {
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-10", Renegotiated, Some("2026-06-14")),
            resolution("p", "2026-06-12", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Kept);
        assert!(!s.renegotiated_late);
    }

    #[test]
    fn renegotiated_after_due_then_kept_by_new_due_is_late() {
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-11", Renegotiated, Some("2026-06-14")),
            resolution("p", "2026-06-13", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Late);
        assert_eq!(s.current_due, d("2026-06-14"));
        assert!(s.renegotiated_late);
    }

    #[test]
    fn renegotiated_late_unresolved_with_future_due_is_open() {
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-12", Renegotiated, Some("2026-06-20")),
        ]);
        assert_eq!(s.status, PromiseStatus::Open);
        assert_eq!(s.current_due, d("2026-06-20"));
        assert!(s.renegotiated_late);
        assert_eq!(s.resolved_on, None);
    }

    #[test]
    fn renegotiation_without_due_is_ignored() {
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-12", Renegotiated, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Overdue);
        assert_eq!(s.current_due, d("2026-06-10"));
        assert_eq!(s.renegotiations, 0);
        assert!(!s.renegotiated_late);
    }

    #[test]
    fn overdue_by_one_day_and_due_today_is_open() {
        let yesterday = status_of(vec![promise("p", Party::Us, "2026-06-01", "2026-06-14")]);
        assert_eq!(yesterday.status, PromiseStatus::Overdue);
        let today = status_of(vec![promise("p", Party::Us, "2026-06-01", "2026-06-15")]);
        assert_eq!(today.status, PromiseStatus::Open);
    }

    #[test]
    fn first_terminal_resolution_decides() {
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-08", Broken, None),
            resolution("p", "2026-06-09", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Broken);
        assert_eq!(s.resolved_on, Some(d("2026-06-08")));
    }

    #[test]
    fn resolutions_of_one_day_are_walked_by_their_time_then_file_order() {
        use crate::model::Record;
        // A resolution of p at a time of its day.
        let at = |status, moment: &str| {
            let Record::Resolution(mut r) = resolution("p", &moment[..10], status, None) else {
                unreachable!()
            };
            r.at = crate::model::At::Local(
                chrono::NaiveDateTime::parse_from_str(moment, "%Y-%m-%dT%H:%M").unwrap(),
            );
            Record::Resolution(r)
        };
        // Written first, but at 15:00: the kept of 09:00 decides (PRODUCT.md §9.1).
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            at(Broken, "2026-06-08T15:00"),
            at(Kept, "2026-06-08T09:00"),
        ]);
        assert_eq!(s.status, PromiseStatus::Kept);
        // Equal moments: file order.
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            at(Broken, "2026-06-08T09:00"),
            at(Kept, "2026-06-08T09:00"),
        ]);
        assert_eq!(s.status, PromiseStatus::Broken);
        // A date alone comes before every time of its day.
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            at(Broken, "2026-06-08T00:00"),
            resolution("p", "2026-06-08", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Kept);
    }

    #[test]
    fn resolutions_are_walked_by_day_not_file_order() {
        // Written out of order: the renegotiation (06-09) precedes the kept (06-13) by day.
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-13", Kept, None),
            resolution("p", "2026-06-09", Renegotiated, Some("2026-06-14")),
        ]);
        assert_eq!(s.status, PromiseStatus::Kept);
        assert_eq!(s.current_due, d("2026-06-14"));
    }

    #[test]
    fn records_after_as_of_are_ignored() {
        // The kept resolution is dated after as-of: the promise is still overdue / open.
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-16", Kept, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Overdue);
        assert_eq!(s.resolved_on, None);
        let s = status_of(vec![
            promise("p", Party::Us, "2026-06-01", "2026-06-20"),
            resolution("p", "2026-06-16", Kept, None),
            resolution("p", "2026-06-16", Renegotiated, Some("2026-07-01")),
        ]);
        assert_eq!(s.status, PromiseStatus::Open);
        assert_eq!(s.current_due, d("2026-06-20"));
        // A promise made after as-of does not exist yet.
        let c = build(
            None,
            vec![
                promise("a", Party::Us, "2026-06-15", "2026-06-20"),
                promise("b", Party::Us, "2026-06-16", "2026-06-20"),
            ],
        );
        let ids: Vec<&str> = promise_states(&c, d(AS_OF))
            .iter()
            .map(|s| s.promise.id.as_str())
            .collect();
        assert_eq!(ids, ["a"]);
    }

    fn mixed() -> Customer {
        build(
            Some("2026-01-01"),
            vec![
                promise("u1", Party::Us, "2026-05-01", "2026-05-10"),
                promise("t1", Party::Them, "2026-05-01", "2026-05-10"),
                promise("u2", Party::Us, "2026-05-01", "2026-05-20"),
                promise("u3", Party::Us, "2026-05-01", "2026-06-01"),
                promise("u4", Party::Us, "2026-05-01", "2026-06-30"),
                promise("u5", Party::Us, "2026-05-01", "2026-06-02"),
                promise("t2", Party::Them, "2026-05-01", "2026-05-10"),
                resolution("u1", "2026-05-10", Kept, None),
                resolution("t1", "2026-05-12", Kept, None),
                resolution("u2", "2026-05-21", Kept, None),
                resolution("u3", "2026-05-25", Broken, None),
                resolution("u5", "2026-05-25", Cancelled, None),
                resolution("t2", "2026-05-09", Kept, None),
            ],
        )
    }

    #[test]
    fn cancelled_excluded_and_rates_separate_by_party() {
        let c = mixed();
        let states = promise_states(&c, d(AS_OF));
        let us = kept_counts(&states, Party::Us, None);
        assert_eq!(
            us,
            KeptCounts {
                kept: 1,
                late: 1,
                broken: 1,
                overdue: 0,
                open: 1,
                cancelled: 1
            }
        );
        assert_eq!(us.denominator(), 3);
        assert_eq!(us.rate(), Some(1.0 / 3.0));
        let them = kept_counts(&states, Party::Them, None);
        assert_eq!((them.kept, them.late, them.total()), (1, 1, 2));
        assert_eq!(them.rate(), Some(0.5));
    }

    #[test]
    fn due_window_is_inclusive_on_current_due() {
        let c = mixed();
        let states = promise_states(&c, d(AS_OF));
        let w = kept_counts(
            states.iter(),
            Party::Us,
            Some((d("2026-05-10"), d("2026-05-20"))),
        );
        assert_eq!((w.kept, w.late, w.total()), (1, 1, 2));
        let w = kept_counts(&states, Party::Us, Some((d("2026-05-11"), d("2026-05-19"))));
        assert_eq!(w.total(), 0);
        assert_eq!(w.rate(), None);
    }

    #[test]
    fn rate_is_none_on_zero_denominator() {
        let mut k = KeptCounts::default();
        assert_eq!(k.rate(), None);
        k.add(PromiseStatus::Open);
        k.add(PromiseStatus::Cancelled);
        assert_eq!(k.rate(), None);
        k.add(PromiseStatus::Overdue);
        assert_eq!(k.rate(), Some(0.0));
        let mut other = KeptCounts::default();
        other.add(PromiseStatus::Kept);
        k.merge(other);
        assert_eq!(k.rate(), Some(0.5));
        assert_eq!(k.total(), 4);
        assert_eq!(k.get(PromiseStatus::Cancelled), 1);
    }

    #[test]
    fn serializes_counts_with_rate_and_states() {
        let mut k = KeptCounts::default();
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            r#"{"kept":0,"late":0,"broken":0,"overdue":0,"open":0,"cancelled":0,"rate":null}"#
        );
        k.add(PromiseStatus::Kept);
        k.add(PromiseStatus::Late);
        assert!(
            serde_json::to_string(&k)
                .unwrap()
                .ends_with(r#""rate":0.5}"#)
        );
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-12", Renegotiated, Some("2026-06-20")),
        ]);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"id":"p","by":"them","what":"promise p","made":"2026-06-01","due":"2026-06-10","current_due":"2026-06-20","status":"open","resolved_on":null,"renegotiations":1,"renegotiated_late":true}"#
        );
        assert_eq!(PromiseStatus::Overdue.to_string(), "overdue");
    }

    #[test]
    fn cancelled_on_the_due_day_is_cancelled_and_the_day_after_is_broken() {
        let on_due = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-10", Cancelled, None),
        ]);
        assert_eq!(on_due.status, PromiseStatus::Cancelled);
        assert!(!on_due.status.counts_in_rate());
        let day_after = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-11", Cancelled, None),
        ]);
        assert_eq!(day_after.status, PromiseStatus::Broken);
        assert_eq!(day_after.resolved_on, Some(d("2026-06-11")));
        assert!(day_after.status.counts_in_rate());
    }

    #[test]
    fn cancelled_is_judged_against_the_current_due_date() {
        // Missed, renegotiated late to 06-20, cancelled after the new due date: broken (the
        // case of the issue: the rate went from 0% to "–").
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-05"),
            resolution("p", "2026-06-07", Renegotiated, Some("2026-06-12")),
            resolution("p", "2026-06-13", Cancelled, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Broken);
        let c = build(
            Some("2026-01-01"),
            vec![
                promise("p", Party::Them, "2026-06-01", "2026-06-05"),
                resolution("p", "2026-06-07", Renegotiated, Some("2026-06-12")),
                resolution("p", "2026-06-13", Cancelled, None),
            ],
        );
        let states = promise_states(&c, d(AS_OF));
        assert_eq!(kept_counts(&states, Party::Them, None).rate(), Some(0.0));
        // Renegotiated in time to 06-12 and cancelled on 06-11, after the original due date
        // but before the current one: cancelled, out of the rates.
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-05"),
            resolution("p", "2026-06-04", Renegotiated, Some("2026-06-12")),
            resolution("p", "2026-06-11", Cancelled, None),
        ]);
        assert_eq!(s.status, PromiseStatus::Cancelled);
    }

    #[test]
    fn days_late_count_from_the_first_missed_due_date() {
        // Kept two days after its due date.
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-12", Kept, None),
        ]);
        assert_eq!((s.status, s.days_late), (PromiseStatus::Late, Some(2)));
        // Renegotiated late (06-12, due was 06-10) to 06-20, kept on 06-14: late, and 4 days
        // after the due date it missed.
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-12", Renegotiated, Some("2026-06-20")),
            resolution("p", "2026-06-14", Kept, None),
        ]);
        assert_eq!((s.status, s.days_late), (PromiseStatus::Late, Some(4)));
        // Renegotiated in time to 06-12 and kept on 06-13: one day late against 06-12.
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-09", Renegotiated, Some("2026-06-12")),
            resolution("p", "2026-06-13", Kept, None),
        ]);
        assert_eq!((s.status, s.days_late), (PromiseStatus::Late, Some(1)));
        // Kept on the due date: no days late.
        let s = status_of(vec![
            promise("p", Party::Them, "2026-06-01", "2026-06-10"),
            resolution("p", "2026-06-10", Kept, None),
        ]);
        assert_eq!((s.status, s.days_late), (PromiseStatus::Kept, None));
    }

    #[test]
    fn payment_punctuality_counts_their_payment_promises_only() {
        let c = build(
            Some("2026-01-01"),
            vec![
                // Theirs, about payment: kept on time, 3 days late, 4 days late, broken by a
                // late cancellation, overdue, open, cancelled in time.
                payment("k", "2026-05-01", "2026-05-10"),
                payment("l3", "2026-05-01", "2026-05-10"),
                payment("l4", "2026-05-01", "2026-05-10"),
                payment("b", "2026-05-01", "2026-05-10"),
                payment("o", "2026-05-01", "2026-06-14"),
                payment("n", "2026-05-01", "2026-06-15"),
                payment("c", "2026-05-01", "2026-05-10"),
                resolution("k", "2026-05-10", Kept, None),
                resolution("l3", "2026-05-13", Kept, None),
                resolution("l4", "2026-05-14", Kept, None),
                resolution("b", "2026-05-11", Cancelled, None),
                resolution("c", "2026-05-10", Cancelled, None),
                // Not payment promises: theirs about something else, and ours.
                promise("x", Party::Them, "2026-05-01", "2026-05-10"),
                promise("u", Party::Us, "2026-05-01", "2026-05-10"),
            ],
        );
        let states = promise_states(&c, d(AS_OF));
        let p = payment_punctuality(&states);
        assert_eq!(
            p.counts,
            KeptCounts {
                kept: 1,
                late: 2,
                broken: 1,
                overdue: 1,
                open: 1,
                cancelled: 1
            }
        );
        assert_eq!(p.counts.rate(), Some(1.0 / 5.0));
        // (3 + 4) / 2 = 3.5 days late on average.
        assert_eq!(p.mean_days_late, Mean::new(7, 2));
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"kept":1,"late":2,"broken":1,"overdue":1,"open":1,"cancelled":1,"rate":0.2,"mean_days_late":3.5}"#
        );
        // The "them" kept counts include the payment promises and the other one.
        assert_eq!(kept_counts(&states, Party::Them, None).overdue, 2);
        // Merging two customers sums counts and the terms of the mean.
        let mut total = p;
        total.merge(PaymentPunctuality {
            counts: KeptCounts {
                late: 1,
                ..KeptCounts::default()
            },
            mean_days_late: Mean::new(1, 1),
        });
        assert_eq!(total.counts.late, 3);
        assert_eq!(total.mean_days_late, Mean::new(8, 3));
        assert_eq!(
            serde_json::to_string(&PaymentPunctuality::default()).unwrap(),
            r#"{"kept":0,"late":0,"broken":0,"overdue":0,"open":0,"cancelled":0,"rate":null,"mean_days_late":null}"#
        );
    }

    #[test]
    fn counts_add_get_and_merge_status_by_status() {
        let mut a = KeptCounts::default();
        let mut b = KeptCounts::default();
        for (n, status) in PromiseStatus::ALL.iter().copied().enumerate() {
            for _ in 0..=n {
                a.add(status);
            }
            b.add(status);
        }
        for (n, status) in PromiseStatus::ALL.iter().copied().enumerate() {
            assert_eq!(a.get(status), n as u32 + 1, "{status}");
        }
        a.merge(b);
        for (n, status) in PromiseStatus::ALL.iter().copied().enumerate() {
            assert_eq!(a.get(status), n as u32 + 2, "{status}");
        }
        assert_eq!(a.total(), (2..=7).sum::<u32>());
    }
}
