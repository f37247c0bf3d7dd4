//! `coltiva person list`, and the people table of `show`.

use super::opt_date;
use crate::i18n::Label;
use crate::metrics::people::PersonContacts;
use crate::render::{Block, Cell, Document, Layout, Table};
use crate::report::people::PersonRow;

/// `coltiva person list`.
pub fn people(rows: &[PersonRow], as_of: chrono::NaiveDate, layout: Layout) -> Document {
    let title = match layout.wide {
        true => "People".to_string(),
        false => layout.words().people_title(rows.len(), as_of),
    };
    let mut table = people_table(rows.iter().map(|r| &r.person), layout);
    table.columns.insert(0, layout.column(Label::Customer));
    for (row, r) in table.rows.iter_mut().zip(rows) {
        row.insert(0, Cell::text(&r.customer));
    }
    Document {
        title,
        blocks: vec![Block::Table(table)],
    }
}

/// The people of one customer: id (what `--with` takes), name, role, how to reach them, last
/// contact and the days since, and the day they left.
pub fn people_table<'a>(people: impl Iterator<Item = &'a PersonContacts>, layout: Layout) -> Table {
    Table {
        name: "people",
        title: layout.label(Label::People).into(),
        columns: layout.columns(&[
            Label::Person,
            Label::Name,
            Label::Role,
            Label::Email,
            Label::Phone,
            Label::LastContact,
            Label::DaysSince,
            Label::Left,
        ]),
        rows: people
            .map(|p| {
                vec![
                    Cell::text(&p.person.id),
                    Cell::text(&p.person.name),
                    Cell::text(p.person.role.clone().unwrap_or_default()),
                    Cell::text(p.person.email.join(", ")),
                    Cell::text(p.person.phone.join(", ")),
                    opt_date(p.last_contact),
                    Cell::Int(p.days_since_contact),
                    opt_date(p.person.left),
                ]
            })
            .collect(),
        empty: layout.label(Label::NoPeople),
    }
}
