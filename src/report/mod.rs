//! Report data: pure functions from customers, settings and the as-of day to the structures
//! every renderer reads. Nothing here reads the clock or the disk, or formats for a medium.

pub mod agenda;
pub mod charts;
pub mod contacts;
pub mod customer;
pub mod filter;
pub mod groups;
pub mod list;
pub mod mail;
pub mod people;
pub mod promises;
pub mod search;
pub mod weekly;

use serde::{Serialize, Serializer};

use crate::model::Amount;

/// Serializes an amount as a JSON number (`1240.5`); the sum behind it is exact in cents
/// (the one rule: `Amount`'s own number form).
pub fn amount_number<S: Serializer>(amount: &Amount, s: S) -> Result<S::Ok, S::Error> {
    amount.serialize(s)
}

/// Rounds a derived figure (a mean gap) to two decimals for stable output.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
