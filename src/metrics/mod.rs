//! The numbers coltiva computes (PRODUCT.md §4): pure functions of a customer's records, the
//! journal settings and the as-of day.
//!
//! Nothing here reads the clock or the disk. Every function takes the as-of day explicitly and
//! ignores records whose day (`at.day()`) is after it, so any figure can be reproduced for any
//! past day. Output structs implement `serde::Serialize` (snake_case fields, lowercase enum
//! words, dates as `YYYY-MM-DD`) for the JSON renderer.

pub mod contacts;
pub mod mean;
pub mod people;
pub mod phase;
pub mod promises;

mod serde_day;
#[cfg(test)]
pub(crate) mod testutil;

pub use mean::Mean;
