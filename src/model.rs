//! The records of a journal, exactly as they are stored in a customer file.
//!
//! Everything here is plain data with serde impls; the storage module decides where the bytes
//! go, the metrics module decides what they mean. Field order in the structs is the order in
//! which fields are written, so a record reads naturally in `git diff`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The newest file schema this binary understands.
pub const SCHEMA: u32 = 1;

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The accepted words, for error messages: `a | b | c`.
            pub fn choices() -> String {
                [$($word),+].join(" | ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($word => Ok($name::$variant),)+
                    _ => Err(format!(
                        "unknown {} {:?} (expected {})",
                        stringify!($name).to_lowercase(), s, $name::choices()
                    )),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(de::Error::custom)
            }
        }
    };
}

word_enum!(
    /// Whether a customer is outside the firm or one of its own people (agents, colleagues).
    Kind { External = "external", Internal = "internal" }
);

word_enum!(
    /// How an interaction happened. Every channel but `note` counts as a contact.
    Channel {
        Call = "call",
        Email = "email",
        Meeting = "meeting",
        Visit = "visit",
        Message = "message",
        Note = "note",
    }
);

word_enum!(
    /// Who started an interaction: we reached out (`out`) or they did (`in`).
    Direction { Out = "out", In = "in" }
);

word_enum!(
    /// Who made a promise.
    Party { Us = "us", Them = "them" }
);

word_enum!(
    /// Lifecycle phase of a relationship.
    Phase {
        Potential = "potential",
        New = "new",
        Acquired = "acquired",
        Partner = "partner",
        Lost = "lost",
    }
);

word_enum!(
    /// How a promise was resolved.
    ResolutionStatus {
        Kept = "kept",
        Broken = "broken",
        Renegotiated = "renegotiated",
        Cancelled = "cancelled",
    }
);

/// The `set` of a `[[phase]]` record: a pinned phase, or `auto` to return to the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseSetting {
    Pin(Phase),
    Auto,
}

impl fmt::Display for PhaseSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhaseSetting::Pin(p) => p.fmt(f),
            PhaseSetting::Auto => f.write_str("auto"),
        }
    }
}

impl FromStr for PhaseSetting {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "auto" {
            return Ok(PhaseSetting::Auto);
        }
        s.parse::<Phase>()
            .map(PhaseSetting::Pin)
            .map_err(|_| format!("unknown phase {s:?} (expected {} | auto)", Phase::choices()))
    }
}

impl Serialize for PhaseSetting {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PhaseSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// When something happened: a calendar date, or a date-time with its UTC offset.
///
/// A local date-time without offset is accepted when reading hand-written files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
    Local(NaiveDateTime),
}

impl At {
    /// The calendar day of this moment in its own offset (PRODUCT.md §4).
    pub fn day(&self) -> NaiveDate {
        match self {
            At::Date(d) => *d,
            At::DateTime(dt) => dt.date_naive(),
            At::Local(dt) => dt.date(),
        }
    }

    /// Time of day, if any; used only to order records within a day.
    pub fn time(&self) -> Option<NaiveTime> {
        match self {
            At::Date(_) => None,
            At::DateTime(dt) => Some(dt.time()),
            At::Local(dt) => Some(dt.time()),
        }
    }

    /// A key that orders moments by day, then time (date-only records first in their day).
    pub fn sort_key(&self) -> (NaiveDate, Option<NaiveTime>) {
        (self.day(), self.time())
    }

    fn to_toml(self) -> toml::value::Datetime {
        use chrono::{Datelike, Timelike};
        let date = |d: NaiveDate| toml::value::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        };
        let time = |t: NaiveTime| toml::value::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second() as u8,
            nanosecond: t.nanosecond(),
        };
        match self {
            At::Date(d) => toml::value::Datetime {
                date: Some(date(d)),
                time: None,
                offset: None,
            },
            At::Local(dt) => toml::value::Datetime {
                date: Some(date(dt.date())),
                time: Some(time(dt.time())),
                offset: None,
            },
            At::DateTime(dt) => {
                let minutes = (dt.offset().local_minus_utc() / 60) as i16;
                toml::value::Datetime {
                    date: Some(date(dt.date_naive())),
                    time: Some(time(dt.time())),
                    offset: Some(if minutes == 0 {
                        toml::value::Offset::Z
                    } else {
                        toml::value::Offset::Custom { minutes }
                    }),
                }
            }
        }
    }

    fn from_toml(v: &toml::value::Datetime) -> Result<At, String> {
        let Some(d) = v.date else {
            return Err(format!("{v} has no date"));
        };
        let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            .ok_or_else(|| format!("{v} is not a calendar date"))?;
        let Some(t) = v.time else {
            return Ok(At::Date(date));
        };
        let time = NaiveTime::from_hms_nano_opt(
            t.hour.into(),
            t.minute.into(),
            t.second.into(),
            t.nanosecond,
        )
        .ok_or_else(|| format!("{v} has an impossible time"))?;
        let local = date.and_time(time);
        let seconds = match v.offset {
            None => return Ok(At::Local(local)),
            Some(toml::value::Offset::Z) => 0,
            Some(toml::value::Offset::Custom { minutes }) => i32::from(minutes) * 60,
        };
        let offset = FixedOffset::east_opt(seconds)
            .ok_or_else(|| format!("{v} has an impossible offset"))?;
        local
            .and_local_timezone(offset)
            .single()
            .map(At::DateTime)
            .ok_or_else(|| format!("{v} is not a valid moment"))
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Date(d) => write!(f, "{d}"),
            At::DateTime(dt) => write!(f, "{}", dt.format("%Y-%m-%d %H:%M%:z")),
            At::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%d %H:%M")),
        }
    }
}

impl Serialize for At {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_toml().serialize(s)
    }
}

impl<'de> Deserialize<'de> for At {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = toml::value::Datetime::deserialize(d)?;
        At::from_toml(&v).map_err(de::Error::custom)
    }
}

/// Serde helpers for fields that hold a plain calendar date (`since`, `due`).
pub mod date_field {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        At::Date(*d).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        match At::deserialize(d)? {
            At::Date(day) => Ok(day),
            other => Err(de::Error::custom(format!(
                "expected a date like 2026-11-25, found the date-time {other}"
            ))),
        }
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            super::deserialize(d).map(Some)
        }
    }
}

/// A sum of money, held exactly in cents (hundredths of the currency unit).
///
/// Stored in TOML as a number (`amount = 1200.5`); parsed from text by [`Amount::parse`], which
/// accepts at most two decimals so that totals are exact to the cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount {
    pub cents: i64,
}

/// Largest amount accepted: well inside the range where every cent is an exact f64.
const MAX_CENTS: i64 = 1_000_000_000_000_000; // 10^13 units

impl Amount {
    pub fn from_cents(cents: i64) -> Amount {
        Amount { cents }
    }

    /// Parses a decimal amount as a person types it: `1200`, `1200.5`, `-35.20`.
    /// Refuses thousands separators, exponents, decimal commas, NaN, zero and more than two
    /// decimals, because each of them is a likely typo when recording an order.
    pub fn parse(text: &str) -> Result<Amount, String> {
        let t = text.trim();
        let bad = |why: &str| Err(format!("invalid amount {text:?}: {why}"));
        let (negative, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        if digits.is_empty() {
            return bad("expected a number like 1200 or 1200.50");
        }
        if digits.contains(',') {
            return bad("use a dot for decimals and no thousands separators, e.g. 1234.50");
        }
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (digits.contains('.') && frac.is_empty())
        {
            return bad("expected a number like 1200 or 1200.50");
        }
        if frac.len() > 2 {
            return bad("at most two decimals (cents)");
        }
        let whole_value: i64 = match whole.parse::<i64>() {
            Ok(v) if v < MAX_CENTS / 100 => v,
            _ => return bad("too large"),
        };
        let frac_value: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        let cents = whole_value * 100 + frac_value;
        if cents == 0 {
            return bad("an order amount cannot be zero");
        }
        Ok(Amount {
            cents: if negative { -cents } else { cents },
        })
    }

    pub fn to_f64(self) -> f64 {
        self.cents as f64 / 100.0
    }

    fn from_f64(v: f64) -> Result<Amount, String> {
        if !v.is_finite() {
            return Err(format!("amount {v} is not a finite number"));
        }
        let scaled = v * 100.0;
        let cents = scaled.round();
        if cents.abs() >= MAX_CENTS as f64 {
            return Err(format!("amount {v} is too large"));
        }
        if (scaled - cents).abs() > 1e-6 * scaled.abs().max(1.0) {
            return Err(format!("amount {v} has more than two decimals"));
        }
        Ok(Amount {
            cents: cents as i64,
        })
    }
}

impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, other: Amount) -> Amount {
        Amount {
            cents: self.cents.saturating_add(other.cents),
        }
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::default(), |a, b| a + b)
    }
}

impl fmt::Display for Amount {
    /// Always two decimals, no grouping: `1200.00`, `-35.20`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.cents % 100 == 0 {
            // Whole amounts are written as integers: `amount = 1200`.
            s.serialize_i64(self.cents / 100)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount like 1200 or 1200.50")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                v.checked_mul(100)
                    .filter(|c| c.abs() < MAX_CENTS)
                    .map(Amount::from_cents)
                    .ok_or_else(|| E::custom(format!("amount {v} is too large")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                let v = i64::try_from(v).map_err(|_| E::custom("amount is too large"))?;
                self.visit_i64(v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                Amount::from_f64(v).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(AmountVisitor)
    }
}

/// How often a customer should hear from us, in days. Written as `"30d"` or `"2w"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cadence {
    pub days: u32,
}

impl Cadence {
    pub fn parse(text: &str) -> Result<Cadence, String> {
        let t = text.trim();
        let bad = || {
            format!("invalid cadence {text:?}: expected a number of days or weeks like 30d or 2w")
        };
        let (number, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            Some((i, _)) => t.split_at(i),
            None => (t, "d"),
        };
        let n: u32 = number.parse().map_err(|_| bad())?;
        let days = match unit {
            "d" => n,
            "w" => n.checked_mul(7).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        if days == 0 || days > 3660 {
            return Err(format!(
                "invalid cadence {text:?}: must be between 1 day and 10 years"
            ));
        }
        Ok(Cadence { days })
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}d", self.days)
    }
}

impl Serialize for Cadence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cadence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CadenceVisitor;
        impl Visitor<'_> for CadenceVisitor {
            type Value = Cadence;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a cadence like \"30d\" or \"2w\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cadence, E> {
                Cadence::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cadence, E> {
                Cadence::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(CadenceVisitor)
    }
}

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
        match self {
            Record::Interaction(_) => "interaction",
            Record::Order(_) => "order",
            Record::Promise(_) => "promise",
            Record::Resolution(_) => "resolution",
            Record::Phase(_) => "phase",
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

/// The attributes at the top of a customer file.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub schema: u32,
    pub name: String,
    pub kind: Kind,
    /// When the relationship started; `add` always writes it.
    pub since: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub cadence: Option<Cadence>,
    /// The customer's identity for team merges (docs/TEAMS.md): random, written by `add` and
    /// `import`; the same customer added in two clones and merged holds both, space-separated.
    /// None in files written before it existed.
    pub uid: Option<String>,
    /// Any other top-level key (territory, potential value, ...): free attributes.
    pub attributes: BTreeMap<String, toml::Value>,
}

/// A customer: the header and every record of its file, each kind in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// The file stem, e.g. `acme` for `customers/acme.toml`.
    pub id: String,
    pub header: Header,
    pub interactions: Vec<Interaction>,
    pub orders: Vec<Order>,
    pub promises: Vec<Promise>,
    pub resolutions: Vec<Resolution>,
    pub phases: Vec<PhaseRecord>,
}

impl Customer {
    /// An empty customer with the given header; used by `add` and by tests.
    pub fn new(id: impl Into<String>, header: Header) -> Customer {
        Customer {
            id: id.into(),
            header,
            interactions: Vec::new(),
            orders: Vec::new(),
            promises: Vec::new(),
            resolutions: Vec::new(),
            phases: Vec::new(),
        }
    }

    pub fn push(&mut self, record: Record) {
        match record {
            Record::Interaction(r) => self.interactions.push(r),
            Record::Order(r) => self.orders.push(r),
            Record::Promise(r) => self.promises.push(r),
            Record::Resolution(r) => self.resolutions.push(r),
            Record::Phase(r) => self.phases.push(r),
        }
    }

    /// Every record, cloned into one list ordered by moment (stable within a moment).
    pub fn timeline(&self) -> Vec<Record> {
        let mut all: Vec<Record> = self
            .interactions
            .iter()
            .cloned()
            .map(Record::Interaction)
            .chain(self.orders.iter().cloned().map(Record::Order))
            .chain(self.promises.iter().cloned().map(Record::Promise))
            .chain(self.resolutions.iter().cloned().map(Record::Resolution))
            .chain(self.phases.iter().cloned().map(Record::Phase))
            .collect();
        all.sort_by_key(|r| r.at().sort_key());
        all
    }

    pub fn record_count(&self) -> usize {
        self.interactions.len()
            + self.orders.len()
            + self.promises.len()
            + self.resolutions.len()
            + self.phases.len()
    }
}

/// The whole content of a customer file, as deserialized (the id comes from the file name).
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFile {
    pub header: Header,
    pub interactions: Vec<Interaction>,
    pub orders: Vec<Order>,
    pub promises: Vec<Promise>,
    pub resolutions: Vec<Resolution>,
    pub phases: Vec<PhaseRecord>,
}

impl CustomerFile {
    pub fn into_customer(self, id: String) -> Customer {
        Customer {
            id,
            header: self.header,
            interactions: self.interactions,
            orders: self.orders,
            promises: self.promises,
            resolutions: self.resolutions,
            phases: self.phases,
        }
    }
}

impl<'de> Deserialize<'de> for CustomerFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(CustomerFileVisitor)
    }
}

struct CustomerFileVisitor;

impl<'de> Visitor<'de> for CustomerFileVisitor {
    type Value = CustomerFile;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a customer file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CustomerFile, A::Error> {
        let mut schema = None;
        let mut name = None;
        let mut kind = None;
        let mut since = None;
        let mut tags = None;
        let mut cadence = None;
        let mut uid = None;
        let mut attributes = BTreeMap::new();
        let mut file = CustomerFile {
            header: Header {
                schema: SCHEMA,
                name: String::new(),
                kind: Kind::External,
                since: None,
                tags: Vec::new(),
                cadence: None,
                uid: None,
                attributes: BTreeMap::new(),
            },
            interactions: Vec::new(),
            orders: Vec::new(),
            promises: Vec::new(),
            resolutions: Vec::new(),
            phases: Vec::new(),
        };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "schema" => schema = Some(map.next_value::<u32>()?),
                "name" => name = Some(map.next_value::<String>()?),
                "kind" => kind = Some(map.next_value::<Kind>()?),
                "since" => since = Some(date_field::deserialize(MapValue(&mut map))?),
                "tags" => tags = Some(map.next_value::<Vec<String>>()?),
                "cadence" => cadence = Some(map.next_value::<Cadence>()?),
                "uid" => uid = Some(map.next_value::<String>()?),
                "interaction" => file.interactions = map.next_value()?,
                "order" => file.orders = map.next_value()?,
                "promise" => file.promises = map.next_value()?,
                "resolution" => file.resolutions = map.next_value()?,
                "phase" => file.phases = map.next_value()?,
                _ => {
                    let value = map.next_value::<toml::Value>()?;
                    attributes.insert(key.into_owned(), value);
                }
            }
        }
        let schema = schema.ok_or_else(|| de::Error::missing_field("schema"))?;
        if schema > SCHEMA {
            return Err(de::Error::custom(format!(
                "schema {schema} is newer than this coltiva understands (schema {SCHEMA}); upgrade coltiva"
            )));
        }
        file.header = Header {
            schema,
            name: name.ok_or_else(|| de::Error::missing_field("name"))?,
            kind: kind.unwrap_or(Kind::External),
            since,
            tags: tags.unwrap_or_default(),
            cadence,
            uid,
            attributes,
        };
        Ok(file)
    }
}

/// Adapts `MapAccess::next_value` to a `Deserializer`, so field helpers can be reused.
struct MapValue<'a, A>(&'a mut A);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for MapValue<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(AnySeed(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct AnySeed<V>(V);

impl<'de, V: Visitor<'de>> de::DeserializeSeed<'de> for AnySeed<V> {
    type Value = V::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// Serializes the header of a new customer file (schema first, free attributes last).
#[derive(Serialize)]
pub struct HeaderOut<'a> {
    pub schema: u32,
    pub name: &'a str,
    pub kind: Kind,
    #[serde(with = "date_field::option", skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<&'a str>,
    #[serde(flatten)]
    pub attributes: &'a BTreeMap<String, toml::Value>,
}

impl<'a> From<&'a Header> for HeaderOut<'a> {
    fn from(h: &'a Header) -> HeaderOut<'a> {
        HeaderOut {
            schema: h.schema,
            name: &h.name,
            kind: h.kind,
            since: h.since,
            tags: &h.tags,
            cadence: h.cadence,
            uid: h.uid.as_deref(),
            attributes: &h.attributes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_parses_exact_cents() {
        assert_eq!(Amount::parse("1200").unwrap().cents, 120_000);
        assert_eq!(Amount::parse("1200.5").unwrap().cents, 120_050);
        assert_eq!(Amount::parse("0.10").unwrap().cents, 10);
        assert_eq!(Amount::parse("-35.20").unwrap().cents, -3520);
        for bad in [
            "1e309",
            "NaN",
            "-0",
            "0",
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
