//! The agenda's layout (table, markdown, CSV) and its iCalendar form (RFC 5545).
//!
//! The calendar is built with the `icalendar` crate, which writes CRLF line ends, folds content
//! lines at 75 octets on character boundaries, and escapes `\ , ;` and newlines in TEXT values.
//! Two things it does not do are done here: a bare carriage return is not a TEXT character it
//! escapes, so line ends are normalised to `\n` first; and its `all_day` helper writes DTEND
//! equal to DTSTART (an empty span, since DTEND is exclusive), so DTEND is set to the next day.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::i18n::Catalogue;

use super::{Block, Cell, Document, Layout, Table, machine_columns};
use crate::i18n::Label;
use crate::report::agenda::{AgendaItem, AgendaKind};

/// The agenda laid out for people (and, wide, for CSV).
pub fn agenda(items: &[AgendaItem], as_of: NaiveDate, days: u32, layout: Layout) -> Document {
    let wide = layout.wide;
    let words = layout.words();
    let table = if wide {
        Table {
            name: "agenda",
            title: "Agenda".into(),
            columns: machine_columns(&[
                "due",
                "days",
                "overdue",
                "kind",
                "customer",
                "customer_name",
                "promise",
                "what",
            ]),
            rows: items
                .iter()
                .map(|i| {
                    vec![
                        Cell::Date(Some(i.due)),
                        Cell::int(i.days),
                        Cell::text(if i.overdue { "true" } else { "false" }),
                        Cell::text(i.kind.as_str()),
                        Cell::text(&i.customer),
                        Cell::text(&i.customer_name),
                        Cell::text(i.promise.as_deref().unwrap_or("")),
                        Cell::text(&i.what),
                    ]
                })
                .collect(),
            empty: layout.label(Label::NothingToDo),
        }
    } else {
        Table {
            name: "agenda",
            title: words.due_by(as_of.checked_add_days(chrono::Days::new(u64::from(days)))),
            columns: layout.columns(&[
                Label::Due,
                Label::When,
                Label::Do,
                Label::Customer,
                Label::Promise,
                Label::What,
            ]),
            rows: items
                .iter()
                .map(|i| {
                    vec![
                        Cell::Date(Some(i.due)),
                        Cell::text(words.when(i.days)),
                        Cell::text(layout.label(match i.kind {
                            AgendaKind::Keep => Label::Keep,
                            AgendaKind::Chase => Label::Chase,
                            AgendaKind::Contact => Label::ContactCustomer,
                        })),
                        // The name says whom; it also finds the customer on the command line.
                        Cell::text(&i.customer_name),
                        Cell::text(i.promise.as_deref().unwrap_or("")),
                        Cell::text(match i.contact {
                            Some((last, cadence)) => words.agenda_contact(last, cadence),
                            None => i.what.clone(),
                        }),
                    ]
                })
                .collect(),
            empty: layout.label(Label::NothingDue),
        }
    };
    // Whom to speak to, only where some customer has people: other agendas read as before.
    let mut table = table;
    if items.iter().any(|i| i.whom.is_some()) {
        table.columns.push(match layout.wide {
            true => super::Column::machine("whom"),
            false => layout.column(Label::Whom),
        });
        for (row, i) in table.rows.iter_mut().zip(items) {
            row.push(Cell::text(i.whom.clone().unwrap_or_default()));
        }
    }
    Document {
        title: words.agenda_title(items.len(), as_of, days),
        blocks: vec![Block::Table(table)],
    }
}

/// The agenda as an iCalendar (RFC 5545) text: one all-day event per line. An overdue line is
/// placed on the as-of day (a calendar shows what to do today), with its due date in the
/// summary and the description. UIDs come from the customer and promise ids
/// ([`AgendaItem::stable_key`]), so a re-export updates the same events instead of adding
/// copies; a contact line keeps its UID when its day moves.
pub fn ics(items: &[AgendaItem], as_of: NaiveDate, stamp: DateTime<Utc>, host: &str) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", "-//coltiva//agenda//EN"));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    calendar.name("coltiva agenda");
    for item in items {
        let day = item.due.max(as_of);
        let next = day.succ_opt().unwrap_or(day);
        let action = match item.kind {
            AgendaKind::Keep => "Keep",
            AgendaKind::Chase => "Chase",
            AgendaKind::Contact => "Contact",
        };
        let mut summary = match item.kind {
            AgendaKind::Contact => format!("{action} {}", item.customer_name),
            _ => format!("{action}: {} — {}", item.what, item.customer_name),
        };
        if item.overdue {
            summary.push_str(&format!(
                " (due {}, {})",
                item.due,
                crate::i18n::en::English.due_in(item.days)
            ));
        }
        let mut description = format!("{}\ncustomer: {}", item.what, item.customer);
        if let Some(p) = &item.promise {
            description.push_str(&format!("\npromise: {}/{p}", item.customer));
        }
        description.push_str(&format!("\ndue: {}", item.due));
        if let Some(whom) = &item.whom {
            description.push_str(&format!("\nwhom: {whom}"));
        }
        let event = Event::new()
            .uid(&format!("{}@{host}", item.stable_key()))
            .timestamp(stamp)
            .summary(&text(&summary))
            .description(&text(&description))
            .starts(day)
            .ends(next)
            // A reminder, not a meeting: it does not make the day look busy.
            .add_property("TRANSP", "TRANSPARENT")
            .done();
        calendar.push(event);
    }
    calendar.to_string()
}

/// TEXT for iCalendar: line ends as `\n` (escaped by the crate), no other control character.
fn text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\n' || !c.is_control() { c } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(what: &str) -> AgendaItem {
        AgendaItem {
            due: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            days: -2,
            overdue: true,
            kind: AgendaKind::Keep,
            customer: "acme".into(),
            customer_name: "ACME, S.r.l.; Milano".into(),
            promise: Some("7k3m9x".into()),
            what: what.into(),
            contact: None,
            whom: None,
        }
    }

    #[test]
    fn lines_are_crlf_folded_and_escaped() {
        let long = "Send the revised quote, the price list; and a very long note \\ with éèà accents that goes well past seventy-five octets\r\nsecond line";
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let stamp = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let text = ics(&[item(long)], day, stamp, "coltiva");
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
            assert!(!line.contains('\r') && !line.contains('\n'));
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(r"Send the revised quote\, the price list\; and"));
        assert!(unfolded.contains(r"note \\ with"));
        assert!(unfolded.contains(r"octets\nsecond line"));
        assert!(unfolded.contains("UID:promise-acme-7k3m9x@coltiva\r\n"));
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20261122\r\n"));
        assert!(unfolded.contains("DTEND;VALUE=DATE:20261123\r\n"));
        assert!(unfolded.contains("DTSTAMP:20270115T080000Z\r\n"));
        assert!(unfolded.contains("TRANSP:TRANSPARENT\r\n"));
    }
}
