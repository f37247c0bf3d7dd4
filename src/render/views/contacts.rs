//! `coltiva import FILE.vcf`: what became of each contact.

use crate::contacts::ContactRow;
use crate::i18n::label_of;
use crate::render::{Block, Cell, Document, Layout, Table};

pub fn contacts(rows: &[ContactRow], layout: Layout) -> Document {
    let opt = |s: &Option<String>| Cell::text(s.clone().unwrap_or_default());
    let table = Table {
        name: "contacts_imported",
        title: "Contacts".into(),
        columns: vec!["name", "org", "outcome", "customer", "person", "why"],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.name),
                    opt(&r.org),
                    Cell::text(if layout.wide {
                        r.outcome.as_str()
                    } else {
                        label_of(layout.language, r.outcome.human())
                    }),
                    opt(&r.customer),
                    opt(&r.person),
                    opt(&r.why),
                ]
            })
            .collect(),
        empty: "no contacts",
    };
    Document {
        title: format!(
            "coltiva — {}",
            crate::i18n::count(layout.language, rows.len() as i64, "contact")
        ),
        blocks: vec![Block::Table(table)],
    }
}
