//! `coltiva person list`, and the people table of `show`.

use super::opt_date;
use crate::metrics::people::PersonContacts;
use crate::render::{Block, Cell, Document, Layout, Table};
use crate::report::people::PersonRow;

/// `coltiva person list`.
pub fn people(rows: &[PersonRow], as_of: chrono::NaiveDate, layout: Layout) -> Document {
    let title = match layout.wide {
        true => "People".to_string(),
        false => format!(
            "coltiva — {} as of {as_of}",
            crate::render::count(rows.len() as i64, "person")
        ),
    };
    let mut table = people_table(rows.iter().map(|r| &r.person), "no people");
    table.columns.insert(0, "customer");
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
pub fn people_table<'a>(
    people: impl Iterator<Item = &'a PersonContacts>,
    empty: &'static str,
) -> Table {
    Table {
        name: "people",
        title: "People".into(),
        columns: vec![
            "person",
            "name",
            "role",
            "email",
            "phone",
            "last contact",
            "days since",
            "left",
        ],
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
        empty,
    }
}
