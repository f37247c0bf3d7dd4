//! The record kinds: what each one is ([`RecordKind`], one file per kind) and the one list
//! naming them all ([`record_kinds!`] below), from which [`Record`], [`Records`], [`Table`]
//! and every dispatch over the kinds are generated.
//!
//! A kind is described once, in its file: its TOML table name, its fields, its closing field
//! (the torn-record rule, docs/FORMAT.md), its file form, how it is keyed for import, its export fields, its repeat rule and the problems `check` reports on
//! one record of it. The parser, `check`, import, export, undo and the repeat check read the
//! description; the merge needs nothing per kind (it merges records as text) and the metrics
//! read the `Records` field of the kinds they count.

use super::binary::{Binary, Reader, binary};
use super::*;
use serde::ser::SerializeStruct;

mod interaction;
mod order;
mod person;
mod phase;
mod promise;
mod resolution;

pub use self::interaction::Interaction;
pub use self::order::Order;
pub use self::person::{
    Person, PersonEvent, PersonNow, check_person_id, email, people, person_name, phone, role,
};
pub use self::phase::PhaseRecord;
pub use self::promise::Promise;
pub use self::resolution::Resolution;

/// What every record kind says about itself.
/// Its summary cache form ([`Binary`]) is one [`binary!`] line in its file.
pub trait RecordKind:
    Clone + PartialEq + Serialize + de::DeserializeOwned + Into<Record> + Binary
{
    /// The TOML table-array name: `[[interaction]]`; also the `type` of its export and import
    /// rows.
    const TABLE: &'static str;
    /// Every field a record of this kind may carry (what `check` accepts), in the order of
    /// the docs and the JSON form. Which are required is said by the struct (the fields that
    /// are not `Option`).
    const FIELDS: &'static [&'static str];
    /// The closing field, written last ([`RecordKind::write`]): required, and written so that
    /// no cut can shorten it into another valid value (a word or an amount in quotes, a plain
    /// date). A record cut anywhere lacks it or ends inside it and does not parse, so a torn
    /// append never reads as another record (docs/FORMAT.md "A record is whole or it is not a
    /// record"; a test in storage/codec.rs holds every kind to it).
    const CLOSING: &'static str;
    /// What a record is called in sentences ("2 phase changes").
    const NOUN: &'static str = Self::TABLE;
    /// Whether its records tell the relationship's story, whose first record starts the
    /// phase timeline: every kind but the people who work there.
    const STORY: bool = true;

    fn at(&self) -> At;

    /// Writes the fields in the file's order (absent optional fields left out), the closing
    /// field last. Reading takes fields in any order.
    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error>;

    /// The fields that identify the record for import, after its table and moment (its
    /// `source` left out): records with the same content get the same computed key.
    fn key_parts(&self) -> Vec<String>;

    /// The import key field, for kinds that store one (`source`).
    fn source_mut(&mut self) -> Option<&mut Option<String>> {
        None
    }

    /// The fields of `export`, in the order of its JSON form (`at` included).
    fn export(&self) -> Vec<Exported>;

    /// True when `self`, about to be recorded, repeats `earlier` of the same day: every field
    /// its command sets is equal but the time of day (and a promise's id), texts compared as
    /// people read them ([`same_text`]). Kinds without a repeat check say false.
    fn repeats(&self, _earlier: &Self) -> bool {
        false
    }

    /// The texts people wrote in this record, with their field (`summary`, `note`…): what
    /// `coltiva search` reads (report/search.rs). Kinds without free text say none.
    fn said(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }

    /// The person the record was with (`--with`, a person id), for kinds that carry one.
    fn with(&self) -> Option<&str> {
        None
    }

    /// The word that says what this record is, for people: an interaction's channel, a
    /// resolution's status; the kind's table name otherwise.
    fn detail(&self) -> &'static str {
        Self::TABLE
    }

    /// Records of this kind for the tests, `text` in every free text; with `full`, every
    /// optional field set. The torn-record test (`storage::codec`) cuts each at every byte.
    #[cfg(test)]
    fn samples(at: At, text: &str, full: bool) -> Vec<Self>;

    /// Problems of this record alone that its type does not rule out (checked by `check`):
    /// the field to point at (None: the record) and the problem.
    fn problems(&self) -> Vec<(Option<&'static str>, RecordProblem)> {
        Vec::new()
    }
}

/// A problem of one record alone that its type does not rule out, as a fact: `check` names
/// it, each language's catalogue words it; the English is its `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    /// A renegotiated resolution without its new due date.
    RenegotiatedWithoutDue,
    /// A due date on a resolution of this other status.
    DueNotRenegotiated(ResolutionStatus),
    /// A promise id that cannot be typed to refer to it.
    UnusablePromiseId(String),
    /// A person added without a name (the person's id).
    AddedWithoutName(String),
    /// A person's `id`, `name`, `email` or `phone` refused by the rule the command line and
    /// import share.
    Rule(crate::error::RuleBroken),
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordProblem::RenegotiatedWithoutDue => {
                f.write_str("a renegotiated resolution needs the new due date (due = YYYY-MM-DD)")
            }
            RecordProblem::DueNotRenegotiated(status) => write!(
                f,
                "due belongs only to renegotiated resolutions, not to {status}"
            ),
            RecordProblem::UnusablePromiseId(id) => write!(
                f,
                "promise id {id:?} cannot be referred to: use up to {} of the characters {}",
                crate::ids::PROMISE_ID_LEN,
                String::from_utf8_lossy(crate::ids::PROMISE_ID_ALPHABET)
            ),
            RecordProblem::AddedWithoutName(id) => {
                write!(f, "person {id:?} is added without a name (name = \"…\")")
            }
            RecordProblem::Rule(rule) => write!(f, "{rule}"),
        }
    }
}

/// One field of a record as `export` writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The key in the JSON form.
    pub key: &'static str,
    /// The CSV column (the import's name for it; see `interop::columns::Column`).
    pub column: &'static str,
    /// None: the field is absent (left out of the JSON, an empty cell).
    pub value: Option<ExportValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExportValue {
    Text(String),
    At(At),
    /// A number in JSON, with its two decimals in CSV.
    Amount(Amount),
}

impl Exported {
    pub fn text(key: &'static str, column: &'static str, value: impl ToString) -> Exported {
        let value = Some(ExportValue::Text(value.to_string()));
        Exported { key, column, value }
    }

    pub fn opt(key: &'static str, column: &'static str, value: Option<impl ToString>) -> Exported {
        let value = value.map(|v| ExportValue::Text(v.to_string()));
        Exported { key, column, value }
    }

    pub fn at(at: At) -> Exported {
        let value = Some(ExportValue::At(at));
        Exported {
            key: "at",
            column: "at",
            value,
        }
    }
}

/// Text compared as people read it: case and runs of whitespace aside.
pub fn same_text(a: &str, b: &str) -> bool {
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// [`same_text`] of two optional texts, absent being empty.
pub fn same_optional(a: &Option<String>, b: &Option<String>) -> bool {
    same_text(a.as_deref().unwrap_or(""), b.as_deref().unwrap_or(""))
}

/// Writes `value` under `key` when it is present.
pub(crate) fn optional<S: SerializeStruct, T: Serialize>(
    s: &mut S,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => s.serialize_field(key, value),
        None => Ok(()),
    }
}

/// Generates, from the one list of kinds below, the types and dispatch over them.
macro_rules! record_kinds {
    ($($variant:ident($ty:ident) in $vec:ident,)*) => {
        /// One record of any kind.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Record {
            $($variant($ty),)*
        }

        /// A record kind by name: the `type` of an import row, an index into the kinds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Table {
            $($variant,)*
        }

        $(impl From<$ty> for Record {
            fn from(r: $ty) -> Record {
                Record::$variant(r)
            }
        })*

        /// Names of the record tables, in the order of the kinds.
        pub const RECORD_TABLES: &[&str] = &[$(<$ty as RecordKind>::TABLE,)*];

        impl Table {
            pub const ALL: &[Table] = &[$(Table::$variant,)*];

            pub fn parse(name: &str) -> Option<Table> {
                Table::ALL.iter().copied().find(|t| t.name() == name)
            }

            pub fn name(self) -> &'static str {
                RECORD_TABLES[self as usize]
            }

            /// The fields its kind may carry ([`RecordKind::FIELDS`]).
            pub fn fields(self) -> &'static [&'static str] {
                match self {
                    $(Table::$variant => <$ty>::FIELDS,)*
                }
            }

            /// Its closing field ([`RecordKind::CLOSING`]).
            pub fn closing(self) -> &'static str {
                match self {
                    $(Table::$variant => <$ty>::CLOSING,)*
                }
            }

            /// Parses the text of one record table of this kind.
            pub fn parse_record(self, text: &str) -> Result<Record, toml::de::Error> {
                match self {
                    $(Table::$variant => toml::from_str::<$ty>(text).map(Record::$variant),)*
                }
            }
        }

        impl Record {
            pub fn kind(&self) -> Table {
                match self {
                    $(Record::$variant(_) => Table::$variant,)*
                }
            }

            pub fn at(&self) -> At {
                match self {
                    $(Record::$variant(r) => r.at(),)*
                }
            }

            /// The person the record was with ([`RecordKind::with`]).
            pub fn with(&self) -> Option<&str> {
                match self {
                    $(Record::$variant(r) => r.with(),)*
                }
            }

            pub fn noun(&self) -> &'static str {
                match self {
                    $(Record::$variant(_) => <$ty>::NOUN,)*
                }
            }

            pub fn key_parts(&self) -> Vec<String> {
                match self {
                    $(Record::$variant(r) => r.key_parts(),)*
                }
            }

            pub fn source_mut(&mut self) -> Option<&mut Option<String>> {
                match self {
                    $(Record::$variant(r) => r.source_mut(),)*
                }
            }

            pub fn export(&self) -> Vec<Exported> {
                match self {
                    $(Record::$variant(r) => r.export(),)*
                }
            }

            /// Records of every kind for the tests ([`RecordKind::samples`]).
            #[cfg(test)]
            pub fn samples(at: At, text: &str, full: bool) -> Vec<Record> {
                let mut all = Vec::new();
                $(all.extend(<$ty>::samples(at, text, full).into_iter().map(Record::$variant));)*
                all
            }

            /// True when this record repeats `earlier` ([`RecordKind::repeats`]).
            pub fn repeats(&self, earlier: &Record) -> bool {
                match (self, earlier) {
                    $((Record::$variant(a), Record::$variant(b)) => a.repeats(b),)*
                    _ => false,
                }
            }

            pub fn problems(&self) -> Vec<(Option<&'static str>, RecordProblem)> {
                match self {
                    $(Record::$variant(r) => r.problems(),)*
                }
            }

            /// Serializes the record in its file form (see [`RecordKind::write`]).
            pub fn write_file_form<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Record::$variant(r) => {
                        let mut s = s.serialize_struct(<$ty>::TABLE, <$ty>::FIELDS.len())?;
                        r.write(&mut s)?;
                        s.end()
                    })*
                }
            }
        }

        /// The records of a customer file, each kind in file order, and the order of the kinds.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct Records {
            $(pub $vec: Vec<$ty>,)*
            /// The kind of every record in file order (an index into [`RECORD_TABLES`]), so
            /// that records of the same moment can be listed as they were written, whatever
            /// their kind.
            pub file_order: Vec<u8>,
        }

        impl Records {
            pub fn push(&mut self, record: Record) {
                self.file_order.push(record.kind() as u8);
                match record {
                    $(Record::$variant(r) => self.$vec.push(r),)*
                }
            }

            /// The `i`-th record of kind `kind` (an index into [`RECORD_TABLES`]), cloned.
            pub fn get(&self, kind: u8, i: usize) -> Option<Record> {
                $(if kind == Table::$variant as u8 {
                    return self.$vec.get(i).cloned().map(Record::$variant);
                })*
                None
            }

            /// The day of the first record on or before `until` of the kinds that tell the
            /// relationship's story ([`RecordKind::STORY`]).
            pub fn first_story_day(&self, until: NaiveDate) -> Option<NaiveDate> {
                let mut first = None;
                $(if <$ty>::STORY {
                    let days = self.$vec.iter().map(|r| r.at().day()).filter(|&d| d <= until);
                    first = first.into_iter().chain(days).min();
                })*
                first
            }

            pub fn record_count(&self) -> usize {
                0 $(+ self.$vec.len())*
            }

            /// Every text of every record ([`RecordKind::said`]), kind by kind, each kind in
            /// file order: its kind, [`RecordKind::detail`], moment, field and text.
            pub fn said<'a>(&'a self, mut each: impl FnMut(Table, &'static str, At, &'static str, &'a str)) {
                $(for r in &self.$vec {
                    for (field, text) in r.said() {
                        each(Table::$variant, r.detail(), r.at(), field, text);
                    }
                })*
            }

            /// Appends the records of `other` after these.
            pub fn extend(&mut self, other: Records) {
                $(self.$vec.extend(other.$vec);)*
                self.file_order.extend(other.file_order);
            }

            /// Reads the record table `key` from `map`, noting where each record starts;
            /// false when `key` names no record kind (its value is then not read).
            pub(crate) fn read_table<'de, A: MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
                starts: &mut Vec<(usize, u8)>,
            ) -> Result<bool, A::Error> {
                $(if key == <$ty>::TABLE {
                    self.$vec = spanned_records(map, Table::$variant as u8, starts)?;
                    return Ok(true);
                })*
                Ok(false)
            }
        }
        /// The file order, then each kind's records: the summary cache's form.
        impl Binary for Records {
            fn put(&self, out: &mut Vec<u8>) {
                self.file_order.put(out);
                $(self.$vec.put(out);)*
            }

            fn get(r: &mut Reader) -> Option<Records> {
                Some(Records { file_order: r.get()?, $($vec: r.get()?,)* })
            }
        }
    };
}

// The one list of the record kinds: variant, type, and the field of `Records` holding them.
// A new kind is one line here plus its file.
record_kinds! {
    Interaction(Interaction) in interactions,
    Order(Order) in orders,
    Promise(Promise) in promises,
    Resolution(Resolution) in resolutions,
    Phase(PhaseRecord) in phases,
    Person(Person) in people,
}

/// A kind is written as its table name (`coltiva search --format json`'s `kind`).
impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl Record {
    /// The TOML table-array name of this record kind.
    pub fn table(&self) -> &'static str {
        self.kind().name()
    }
}

impl Records {
    /// Every record, cloned, in file order; records not in `file_order` (lists filled by
    /// hand) follow, kind by kind.
    pub fn in_file_order(&self) -> Vec<Record> {
        let mut all: Vec<Record> = Vec::with_capacity(self.record_count());
        let mut next = vec![0usize; RECORD_TABLES.len()];
        let mut take = |kind: u8, all: &mut Vec<Record>| {
            let i = &mut next[usize::from(kind)];
            match self.get(kind, *i) {
                Some(record) => {
                    *i += 1;
                    all.push(record);
                    true
                }
                None => false,
            }
        };
        for &kind in &self.file_order {
            take(kind, &mut all);
        }
        for kind in 0..RECORD_TABLES.len() {
            // The kinds are few: the index fits a byte.
            while take(kind as u8, &mut all) {}
        }
        all
    }

    /// Every record, cloned into one list ordered by moment; records of the same moment stay
    /// in file order, whatever their kind (PRODUCT.md §8.3).
    pub fn timeline(&self) -> Vec<Record> {
        let mut all = self.in_file_order();
        all.sort_by_key(|r| r.at().sort_key()); // stable: file order within a moment
        all
    }
}

/// Reads one record table, noting where each record starts in the file.
fn spanned_records<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    kind: u8,
    starts: &mut Vec<(usize, u8)>,
) -> Result<Vec<T>, A::Error> {
    let records: Vec<toml::Spanned<T>> = map.next_value()?;
    Ok(records
        .into_iter()
        .map(|r| {
            starts.push((r.span().start, kind));
            r.into_inner()
        })
        .collect())
}

/// Records alone (a part of a file, an appended chunk): record tables only, any other key
/// refused.
impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RecordsVisitor;
        impl<'de> Visitor<'de> for RecordsVisitor {
            type Value = Records;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("record tables")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Records, A::Error> {
                let mut records = Records::default();
                let mut starts = Vec::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if !records.read_table(&key, &mut map, &mut starts)? {
                        return Err(de::Error::unknown_field(&key, RECORD_TABLES));
                    }
                }
                records.set_file_order(starts);
                Ok(records)
            }
        }
        d.deserialize_map(RecordsVisitor)
    }
}

impl Records {
    /// Sets the file order from where each record started.
    pub(crate) fn set_file_order(&mut self, mut starts: Vec<(usize, u8)>) {
        starts.sort_unstable();
        self.file_order = starts.into_iter().map(|(_, kind)| kind).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the kinds are one table: each found by its name, each a reserved header
    /// key, each closing field one of its fields.
    #[test]
    fn the_record_tables_agree() {
        assert_eq!(Table::ALL.len(), RECORD_TABLES.len());
        for &kind in Table::ALL {
            assert_eq!(Table::parse(kind.name()), Some(kind));
            assert!(kind.fields().contains(&kind.closing()), "{}", kind.name());
            let refused = crate::model::customer::attribute_key(kind.name(), "x")
                .unwrap_err()
                .to_string();
            assert!(refused.contains("its own option"), "{refused}");
        }
        assert_eq!(Table::parse("customer"), None);
    }
}
