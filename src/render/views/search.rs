//! `coltiva search`.

use crate::i18n::label_of;
use crate::i18n::words::{status, status_of_word};
use crate::render::{Block, Cell, Document, Layout, Table};
use crate::report::search::Hit;

/// `coltiva search`: one row per text found, in the order of the hits (best, then newest).
pub fn search(hits: &[Hit], layout: Layout) -> Document {
    let table = if layout.wide {
        Table {
            name: "search",
            title: "Search".into(),
            columns: vec![
                "customer",
                "customer_name",
                "day",
                "kind",
                "detail",
                "field",
                "text",
                "rank",
            ],
            rows: hits
                .iter()
                .map(|h| {
                    vec![
                        Cell::text(&h.customer),
                        Cell::text(&h.customer_name),
                        Cell::Date(Some(h.day)),
                        Cell::text(h.kind),
                        Cell::text(h.detail),
                        Cell::text(h.field),
                        Cell::text(&h.text),
                        Cell::int(h.rank as i64),
                    ]
                })
                .collect(),
            empty: "no matches",
        }
    } else {
        Table {
            name: "search",
            title: "Search".into(),
            columns: vec!["customer", "day", "what", "text"],
            rows: hits
                .iter()
                .map(|h| {
                    vec![
                        Cell::text(&h.customer),
                        Cell::Date(Some(h.day)),
                        Cell::text(match status_of_word(h.detail) {
                            Some(s) => status(layout.language, s),
                            None => label_of(layout.language, h.detail),
                        }),
                        Cell::text(&h.text),
                    ]
                })
                .collect(),
            empty: "no matches",
        }
    };
    Document {
        title: format!(
            "coltiva — {}",
            crate::i18n::count(layout.language, hits.len() as i64, "match")
        ),
        blocks: vec![Block::Table(table)],
    }
}
