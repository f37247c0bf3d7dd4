//! `report --by KEY` (PRODUCT.md §8.2): one block per value of a tag (`--by tag`) or of a
//! header attribute (`--by territory`), or of `kind`/`phase`. Each block's figures come from
//! the weekly review's own [`assemble`] over the customers of that value, so a block and the
//! whole report never count differently.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::filter::attribute_text;
use super::weekly::{Contribution, KeptRates, Period, assemble};
use crate::config::Settings;
use crate::metrics::phase;
use crate::model::{Amount, Customer};

/// The value of customers that have none (no such tag or attribute).
pub const NONE: &str = "(none)";

/// One block of `report --by`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupBlock {
    pub value: String,
    pub customers: u32,
    /// Orders (purchases and credit notes) dated in the period, and their total.
    pub orders: u32,
    #[serde(serialize_with = "super::amount_number")]
    pub order_total: Amount,
    pub contacts: u32,
    pub kept_rates: KeptRates,
    /// Customers past their cadence on the as-of day.
    pub past_cadence: u32,
}

/// The values of `key` for one customer: each of its tags for `tag`, else one value.
pub fn values_of(
    customer: &Customer,
    key: &str,
    settings: &Settings,
    as_of: NaiveDate,
) -> Vec<String> {
    let values = match key {
        "tag" | "tags" => customer.header.tags.clone(),
        "kind" => vec![customer.header.kind.to_string()],
        "phase" => vec![phase::assess(customer, settings, as_of).phase.to_string()],
        _ => customer
            .header
            .attributes
            .get(key)
            .map(attribute_text)
            .into_iter()
            .collect(),
    };
    if values.is_empty() {
        vec![NONE.to_string()]
    } else {
        values
    }
}

/// One customer's part in the groups: its values, its contribution, its orders in the period.
#[derive(Debug, Clone)]
pub struct Member {
    pub values: Vec<String>,
    /// Boxed: a report of 100,000 customers moves its members between vectors, and ~1 KB
    /// each moved is ~100 MB of fresh memory every time (BENCHMARKS.md, issue 30's fifth
    /// pass).
    pub part: Box<Contribution>,
    pub orders: u32,
    pub order_total: Amount,
}

/// Computes one customer's [`Member`]; without a key (a report not grouped) it belongs to no
/// group.
pub fn member(
    customer: &Customer,
    key: Option<&str>,
    settings: &Settings,
    as_of: NaiveDate,
    period: &Period,
) -> Member {
    let (orders, order_total) = customer
        .orders
        .iter()
        .filter(|o| (period.since..=period.until).contains(&o.at.day()) && o.at.day() <= as_of)
        .fold((0, Amount::default()), |(n, total), o| {
            (n + 1, total + o.amount)
        });
    Member {
        values: key.map_or_else(Vec::new, |key| values_of(customer, key, settings, as_of)),
        part: Box::new(super::weekly::contribution(
            customer, settings, as_of, period,
        )),
        orders,
        order_total,
    }
}

/// The blocks, one per value in value order (the "(none)" block last).
pub fn blocks(members: Vec<Member>, as_of: NaiveDate, period: Period) -> Vec<GroupBlock> {
    let mut by_value: BTreeMap<String, (Vec<Box<Contribution>>, u32, Amount)> = BTreeMap::new();
    for m in members {
        for value in m.values {
            let entry = by_value.entry(value).or_default();
            entry.0.push(m.part.clone());
            entry.1 += m.orders;
            entry.2 = entry.2 + m.order_total;
        }
    }
    let mut out: Vec<GroupBlock> = by_value
        .into_iter()
        .map(|(value, (parts, orders, order_total))| {
            let report = assemble(parts, as_of, period.clone());
            GroupBlock {
                value,
                customers: report.customers,
                orders,
                order_total,
                contacts: report.contacts_total,
                kept_rates: report.kept_rates,
                past_cadence: report.past_cadence.len() as u32,
            }
        })
        .collect();
    out.sort_by_key(|b| b.value == NONE);
    out
}
