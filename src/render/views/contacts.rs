//! `coltiva import FILE.vcf`: what became of each contact.

use crate::i18n::{Label, Noun};
use crate::render::{Block, Cell, Document, Layout, Table, machine_columns};
use crate::report::contacts::{ContactRow, Outcome};

pub fn contacts(rows: &[ContactRow], layout: Layout) -> Document {
    let opt = |s: &Option<String>| Cell::text(s.clone().unwrap_or_default());
    let columns = if layout.wide {
        machine_columns(&["name", "org", "outcome", "customer", "person", "why"])
    } else {
        layout.columns(&[
            Label::Name,
            Label::Org,
            Label::Outcome,
            Label::Customer,
            Label::Person,
            Label::Why,
        ])
    };
    let table = Table {
        name: "contacts_imported",
        title: layout.label(Label::ContactsTitle).into(),
        columns,
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.name),
                    opt(&r.org),
                    Cell::text(if layout.wide {
                        r.outcome.as_str()
                    } else {
                        layout.label(match r.outcome {
                            Outcome::Added => Label::Added,
                            Outcome::WouldAdd => Label::WouldAdd,
                            Outcome::Already => Label::AlreadyThere,
                            Outcome::NotAdded => Label::NotAdded,
                        })
                    }),
                    opt(&r.customer),
                    opt(&r.person),
                    opt(&r.why),
                ]
            })
            .collect(),
        empty: layout.label(Label::NoContacts),
    };
    Document {
        title: format!(
            "coltiva — {}",
            layout.style.count(rows.len() as i64, Noun::Contact)
        ),
        blocks: vec![Block::Table(table)],
    }
}
