//! The records of a journal, exactly as they are stored in a customer file.
//!
//! Everything here is plain data with serde impls; the storage module decides where the bytes
//! go, the metrics module decides what they mean.
//!
//! One type per file: `words` (Kind, Channel, Direction, Party, Phase, ResolutionStatus,
//! PhaseSetting), `at` (At), `money` (Amount), `cadence` (Cadence), `kinds` (the record
//! kinds, one file each, and the one list of them: Record, Records), `customer` (Customer,
//! Header and the header rules), `file` (the TOML form of a customer file), `binary` (the
//! summary cache's form of them).

mod at;
pub mod binary;
mod cadence;
pub mod customer;
mod file;
pub mod kinds;
mod language;
mod money;
mod words;

pub use self::at::*;
pub use self::cadence::*;
pub use self::customer::{Customer, Header};
pub use self::file::*;
pub use self::kinds::{
    ExportValue, Interaction, Order, Person, PersonEvent, PersonNow, PhaseRecord, Promise,
    RECORD_TABLES, Record, RecordKind, RecordProblem, Records, Resolution, Table,
};
pub use self::language::Language;
pub use self::money::*;
pub use self::words::*;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The newest file schema this binary understands.
pub const SCHEMA: u32 = 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_parses_exact_cents() {
        assert_eq!(Amount::parse("1200").unwrap().cents, 120_000);
        assert_eq!(Amount::parse("1200.5").unwrap().cents, 120_050);
        assert_eq!(Amount::parse("0.10").unwrap().cents, 10);
        assert_eq!(Amount::parse("-35.20").unwrap().cents, -3520);
        // A free order is a purchase (PRODUCT.md §8.3): zero is an amount, and -0 is zero.
        for zero in ["0", "-0", "0.00", "+0.0", "-0.00"] {
            assert_eq!(Amount::parse(zero).unwrap().cents, 0, "{zero}");
        }
        for bad in [
            "1e309",
            "NaN",
            "1,5",
            "12.345.678",
            "1.234",
            "",
            ".5",
            "5.",
            "x",
        ] {
            assert!(Amount::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn amount_sum_is_exact() {
        let total: Amount = (0..1000).map(|_| Amount::parse("0.10").unwrap()).sum();
        assert_eq!(total.to_string(), "100.00");
    }

    #[test]
    fn cadence_parses_days_and_weeks() {
        assert_eq!(Cadence::parse("30d").unwrap().days, 30);
        assert_eq!(Cadence::parse("2w").unwrap().days, 14);
        assert_eq!(Cadence::parse("14").unwrap().days, 14);
        assert!(Cadence::parse("0d").is_err());
        assert!(Cadence::parse("3m").is_err());
    }
}
