//! The blocks of `report --by KEY`, laid out as one table (one row per value).

use super::{Block, Cell, Table};
use crate::report::groups::GroupBlock;

/// The table of groups, to add to the report's document.
pub fn groups(key: &str, blocks: &[GroupBlock]) -> Block {
    Block::Table(Table {
        name: "groups",
        title: format!("By {key}"),
        columns: vec![
            "value",
            "customers",
            "orders",
            "order total",
            "contacts",
            "kept (us)",
            "kept (them)",
            "kept (us, 90 days)",
            "kept (them, 90 days)",
            "past cadence",
        ],
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
        empty: "no customers",
    })
}
