//! Serializes calendar days as `YYYY-MM-DD` strings (the same text chrono's own `serde`
//! feature writes), without requiring that feature.

use chrono::NaiveDate;
use serde::Serializer;

pub fn serialize<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(day)
}

pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
}
