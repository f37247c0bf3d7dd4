//! The blocks of `report --by KEY`, laid out as one table (one row per value).

use super::{Block, Cell, Layout, Table};
use crate::i18n::Label;
use crate::report::groups::GroupBlock;

/// The table of groups, to add to the report's document.
pub fn groups(key: &str, blocks: &[GroupBlock], layout: Layout) -> Block {
    Block::Table(Table {
        name: "groups",
        title: layout.words().by_key(key),
        columns: layout.columns(&[
            Label::Value,
            Label::Customers,
            Label::Orders,
            Label::OrderTotal,
            Label::Contacts,
            Label::KeptUsParen,
            Label::KeptThemParen,
            Label::KeptUs90,
            Label::KeptThem90,
            Label::PastCadence,
        ]),
        rows: blocks
            .iter()
            .map(|b| {
                vec![
                    Cell::text(&b.value),
                    Cell::int(b.customers),
                    Cell::int(b.orders),
                    Cell::Money(b.order_total),
                    Cell::int(b.contacts),
                    Cell::Rate(b.kept_rates.period_us.rate()),
                    Cell::Rate(b.kept_rates.period_them.rate()),
                    Cell::Rate(b.kept_rates.trailing_us.rate()),
                    Cell::Rate(b.kept_rates.trailing_them.rate()),
                    Cell::int(b.past_cadence),
                ]
            })
            .collect(),
        empty: layout.label(Label::NoCustomers),
    })
}
