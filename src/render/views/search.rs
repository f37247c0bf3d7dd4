//! `coltiva search`.

use crate::i18n::{Label, Noun};
use crate::model::{Channel, ResolutionStatus, Table as Kind};
use crate::render::{Block, Cell, Document, Layout, Table, machine_columns};
use crate::report::search::Hit;

/// `coltiva search`: one row per text found, in the order of the hits (best, then newest).
pub fn search(hits: &[Hit], layout: Layout) -> Document {
    let table = if layout.wide {
        Table {
            name: "search",
            title: "Search".into(),
            columns: machine_columns(&[
                "customer",
                "customer_name",
                "day",
                "kind",
                "detail",
                "field",
                "text",
                "rank",
            ]),
            rows: hits
                .iter()
                .map(|h| {
                    vec![
                        Cell::text(&h.customer),
                        Cell::text(&h.customer_name),
                        Cell::Date(Some(h.day)),
                        Cell::text(h.kind.name()),
                        Cell::text(h.detail),
                        Cell::text(h.field),
                        Cell::text(&h.text),
                        Cell::int(h.rank as i64),
                    ]
                })
                .collect(),
            empty: layout.label(Label::NoMatches),
        }
    } else {
        Table {
            name: "search",
            title: layout.label(Label::SearchTitle).into(),
            columns: layout.columns(&[Label::Customer, Label::Day, Label::What, Label::Text]),
            rows: hits
                .iter()
                .map(|h| {
                    vec![
                        Cell::text(&h.customer),
                        Cell::Date(Some(h.day)),
                        Cell::text(what(h, &layout)),
                        Cell::text(&h.text),
                    ]
                })
                .collect(),
            empty: layout.label(Label::NoMatches),
        }
    };
    Document {
        title: format!(
            "coltiva — {}",
            layout.style.count(hits.len() as i64, Noun::Match)
        ),
        blocks: vec![Block::Table(table)],
    }
}

/// What a hit is, in the layout's words: the channel of an interaction, the status of a
/// resolution, the kind otherwise.
fn what(h: &Hit, layout: &Layout) -> &'static str {
    let words = layout.words();
    match h.kind {
        Kind::Interaction => h
            .detail
            .parse::<Channel>()
            .map_or(h.detail, |c| words.channel(c)),
        Kind::Resolution => h
            .detail
            .parse::<ResolutionStatus>()
            .map_or(h.detail, |s| words.resolution(s)),
        Kind::Order => layout.label(Label::Order),
        Kind::Promise => layout.label(Label::Promise),
        Kind::Phase => layout.label(Label::Phase),
        Kind::Person => layout.label(Label::Person),
    }
}
