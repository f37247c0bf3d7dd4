//! The five record kinds and [`Record`], the one table of kinds that storage and check read.

use super::*;

/// `[[interaction]]`: a contact (or, with channel `note`, a note to self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub at: At,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    /// Stable key of the import row this record came from (makes imports idempotent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `[[order]]`: something the customer bought.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub at: At,
    pub amount: Amount,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `[[promise]]`: a commitment made by us or by them, due on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Promise {
    pub id: String,
    pub at: At,
    pub by: Party,
    pub what: String,
    #[serde(with = "date_field")]
    pub due: NaiveDate,
    /// `payment` for a promise to pay; absent (and not written) otherwise, so files without it
    /// stay byte-identical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<About>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `[[resolution]]`: what became of a promise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    pub promise: String,
    pub at: At,
    pub status: ResolutionStatus,
    /// The new due date; present exactly when `status = "renegotiated"`.
    #[serde(
        with = "date_field::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `[[phase]]`: a lifecycle phase pinned by decision, or `auto` to unpin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseRecord {
    pub at: At,
    pub set: PhaseSetting,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One record of any kind, as appended by a record command.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Interaction(Interaction),
    Order(Order),
    Promise(Promise),
    Resolution(Resolution),
    Phase(PhaseRecord),
}

impl Record {
    /// The TOML table-array name of this record kind.
    pub fn table(&self) -> &'static str {
        RECORD_TABLES[usize::from(self.table_index())]
    }

    /// The index of this record's kind in [`RECORD_TABLES`].
    pub fn table_index(&self) -> u8 {
        match self {
            Record::Interaction(_) => 0,
            Record::Order(_) => 1,
            Record::Promise(_) => 2,
            Record::Resolution(_) => 3,
            Record::Phase(_) => 4,
        }
    }

    pub fn at(&self) -> At {
        match self {
            Record::Interaction(r) => r.at,
            Record::Order(r) => r.at,
            Record::Promise(r) => r.at,
            Record::Resolution(r) => r.at,
            Record::Phase(r) => r.at,
        }
    }
}

/// Header keys with a meaning of their own: never free attributes.
pub const RESERVED_KEYS: &[&str] = &[
    "schema",
    "name",
    "kind",
    "since",
    "tags",
    "cadence",
    "uid",
    "interaction",
    "order",
    "promise",
    "resolution",
    "phase",
];

/// Names of the record tables, in the order their kinds are documented.
pub const RECORD_TABLES: &[&str] = &["interaction", "order", "promise", "resolution", "phase"];

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the record kinds are written three times (the match in `Record::table`,
    /// `RECORD_TABLES`, `RESERVED_KEYS`); this keeps the three one table.
    #[test]
    fn the_record_tables_agree() {
        let at = At::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let records = [
            Record::Interaction(Interaction {
                at,
                channel: Channel::Call,
                direction: Direction::Out,
                summary: String::new(),
                source: None,
            }),
            Record::Order(Order {
                at,
                amount: Amount::from_cents(0),
                reference: None,
                note: None,
                source: None,
            }),
            Record::Promise(Promise {
                id: String::new(),
                at,
                by: Party::Us,
                what: String::new(),
                due: at.day(),
                about: None,
                source: None,
            }),
            Record::Resolution(Resolution {
                promise: String::new(),
                at,
                status: ResolutionStatus::Kept,
                due: None,
                note: None,
            }),
            Record::Phase(PhaseRecord {
                at,
                set: PhaseSetting::Auto,
                reason: None,
            }),
        ];
        let tables: Vec<&str> = records.iter().map(Record::table).collect();
        assert_eq!(tables, RECORD_TABLES);
        for table in RECORD_TABLES {
            assert!(RESERVED_KEYS.contains(table), "{table}");
        }
    }
}
