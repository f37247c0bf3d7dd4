//! `coltiva agenda`: what to do now (PRODUCT.md §8.5). Pure: customers, settings, the as-of
//! day and a horizon in, one line per thing to do out, soonest first.
//!
//! - our promises (`by = "us"`) not resolved and due on or before the horizon (overdue included);
//! - their promises past due and not resolved (to chase);
//! - customers whose next contact (last contact, else `since`, plus the cadence) is overdue or
//!   falls on or before the horizon.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Settings;
use crate::metrics::{contacts, phase, promises};
use crate::model::{Customer, Party};

/// What an agenda line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    /// A promise of ours to keep.
    Keep,
    /// A promise of theirs that is past due: chase it.
    Chase,
    /// A customer to contact (cadence).
    Contact,
}

impl AgendaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgendaKind::Keep => "keep",
            AgendaKind::Chase => "chase",
            AgendaKind::Contact => "contact",
        }
    }
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    /// The day it is due (a promise's current due date; a customer's next contact day).
    pub due: NaiveDate,
    /// `due − as-of day` in days: negative when overdue, 0 today.
    pub days: i64,
    pub overdue: bool,
    pub kind: AgendaKind,
    pub customer: String,
    pub customer_name: String,
    /// The promise id, for keep and chase lines.
    pub promise: Option<String>,
    /// What was promised, or for a contact line the last contact day and the cadence.
    pub what: String,
    /// For a contact line, the last contact day and the cadence in days, from which a view
    /// words `what` in the journal's language (JSON carries `what`).
    #[serde(skip)]
    pub contact: Option<(Option<NaiveDate>, u32)>,
    /// Whom to speak to: the person the promise was made with, else the person still there
    /// spoken with last (else the first one known), with role and first phone; absent when
    /// the customer has no one (docs/METRICS.md, "People and accounts at risk").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whom: Option<String>,
}

/// A person as the agenda names them: "Paola Rossi (acquisti, +39 030 1234567)".
fn person_line(p: &crate::model::PersonNow) -> String {
    let details: Vec<&str> = p
        .role
        .as_deref()
        .into_iter()
        .chain(p.phone.first().map(String::as_str))
        .collect();
    match details.is_empty() {
        true => p.name.clone(),
        false => format!("{} ({})", p.name, details.join(", ")),
    }
}

impl AgendaItem {
    /// A key that stays the same while the line is about the same thing, whatever its date:
    /// the calendar UID (a re-export updates the event instead of adding one).
    pub fn stable_key(&self) -> String {
        match &self.promise {
            Some(p) => format!("promise-{}-{p}", self.customer),
            None => format!("contact-{}", self.customer),
        }
    }
}

/// The agenda of one customer as of `as_of`, `days` ahead.
pub fn items(
    customer: &Customer,
    settings: &Settings,
    as_of: NaiveDate,
    days: u32,
) -> Vec<AgendaItem> {
    // A horizon past the last representable day holds every date.
    let horizon = as_of
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    let people = match customer.people.is_empty() {
        true => Vec::new(),
        false => crate::metrics::people::people_contacts(customer, as_of),
    };
    let usual = crate::metrics::people::whom_to_call(&people).map(|p| person_line(&p.person));
    let whom = |with: Option<&str>| {
        with.and_then(|id| {
            people
                .iter()
                .find(|p| p.person.id == id && p.person.is_current())
        })
        .map(|p| person_line(&p.person))
        .or_else(|| usual.clone())
    };
    let line = |due: NaiveDate, kind, promise: Option<String>, what: String| AgendaItem {
        whom: whom(None),
        due,
        days: (due - as_of).num_days(),
        overdue: due < as_of,
        kind,
        customer: customer.id.clone(),
        customer_name: customer.header.name.clone(),
        promise,
        what,
        contact: None,
    };
    for state in promises::promise_states(customer, as_of) {
        let unresolved = matches!(
            state.status,
            promises::PromiseStatus::Open | promises::PromiseStatus::Overdue
        );
        let p = state.promise;
        match p.by {
            Party::Us if unresolved && state.current_due <= horizon => out.push(AgendaItem {
                whom: whom(p.with.as_deref()),
                ..line(
                    state.current_due,
                    AgendaKind::Keep,
                    Some(p.id.clone()),
                    p.what.clone(),
                )
            }),
            Party::Them if state.status == promises::PromiseStatus::Overdue => {
                out.push(AgendaItem {
                    whom: whom(p.with.as_deref()),
                    ..line(
                        state.current_due,
                        AgendaKind::Chase,
                        Some(p.id.clone()),
                        p.what.clone(),
                    )
                })
            }
            _ => {}
        }
    }
    let stats = contacts::contact_stats(customer, as_of);
    let assessment = phase::assess(customer, settings, as_of);
    let cadence = contacts::cadence(customer, assessment.phase.lifecycle(), settings);
    if let Some(since) = stats.days_since_contact {
        let reference = as_of - chrono::Days::new(since.max(0) as u64);
        let next = reference
            .checked_add_days(chrono::Days::new(u64::from(cadence.days)))
            .unwrap_or(NaiveDate::MAX);
        if next <= horizon {
            let what = match stats.last_contact {
                Some(last) => format!("last contact {last}, every {} days", cadence.days),
                None => format!("no contact yet, every {} days", cadence.days),
            };
            out.push(AgendaItem {
                contact: Some((stats.last_contact, cadence.days)),
                ..line(next, AgendaKind::Contact, None, what)
            });
        }
    }
    out
}

/// Sorts the lines soonest first; on the same day ours before theirs before contacts, then by
/// customer and promise id, so the output is stable.
pub fn sort(items: &mut [AgendaItem]) {
    items.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.promise.cmp(&b.promise))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::*;
    use crate::model::Channel;

    #[test]
    fn keeps_chases_and_contacts_within_the_horizon() {
        let c = build(
            Some("2026-10-01"),
            [
                interaction("2026-11-01", Channel::Call),
                promise("p1", Party::Us, "2026-11-01", "2026-11-05"),
                promise("p2", Party::Us, "2026-11-01", "2026-11-25"),
                promise("p3", Party::Them, "2026-11-01", "2026-11-05"),
                promise("p4", Party::Them, "2026-11-01", "2026-11-25"),
            ],
        );
        let c = with_cadence(c, Some(10), &[]);
        let as_of = d("2026-11-08");
        let mut got = items(&c, &Settings::default(), as_of, 7);
        sort(&mut got);
        let summary: Vec<_> = got
            .iter()
            .map(|i| (i.kind, i.promise.clone(), i.due, i.days))
            .collect();
        assert_eq!(
            summary,
            vec![
                (AgendaKind::Keep, Some("p1".into()), d("2026-11-05"), -3),
                (AgendaKind::Chase, Some("p3".into()), d("2026-11-05"), -3),
                (AgendaKind::Contact, None, d("2026-11-11"), 3),
            ]
        );
        // Further ahead the open promise of ours comes in; theirs never does before it is due.
        let got = items(&c, &Settings::default(), as_of, 30);
        assert!(got.iter().any(|i| i.promise.as_deref() == Some("p2")));
        assert!(!got.iter().any(|i| i.promise.as_deref() == Some("p4")));
    }
}
