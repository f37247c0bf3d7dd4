//! The compact binary form of the model's values, for the summary cache
//! (storage/summary_cache.rs): [`Binary`] for each field type, so that a record kind's form is
//! one [`binary!`] line in its file and `record_kinds!` carries every kind.
//!
//! Hand-written rather than serde: the records' serde form is TOML's (dates as TOML
//! datetimes, amounts as floats, skipped empty fields), which a compact binary serde format
//! cannot carry exactly; this one is exact by construction and checked by round-trip tests.

use super::*;
use chrono::{Datelike, Timelike};

/// A value written as bytes and read back exactly; `get` says None for anything `put` could
/// not have written.
pub trait Binary: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn get(r: &mut Reader) -> Option<Self>;
}

/// Reads what [`Binary::put`] wrote.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }
    /// How many bytes were read.
    pub fn pos(&self) -> usize {
        self.pos
    }
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }
    pub fn get<T: Binary>(&mut self) -> Option<T> {
        T::get(self)
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.get::<u64>()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    /// A count of items, never one beyond what the bytes left could hold.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.get::<u64>()?).ok()?;
        (n <= self.bytes.len() - self.pos).then_some(n)
    }
}

/// A struct's form (each record kind's, in its file): its fields in order, every one of them
/// (the struct literal of `get` names them all, so a field left out does not compile).
macro_rules! binary {
    ($ty:ident: $($field:ident),* $(,)?) => {
        impl $crate::model::binary::Binary for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                $($crate::model::binary::Binary::put(&self.$field, out);)*
            }
            fn get(r: &mut $crate::model::binary::Reader) -> Option<Self> {
                Some($ty { $($field: r.get()?,)* })
            }
        }
    };
}
pub(crate) use binary;

macro_rules! little_endian {
    ($($ty:ty),*) => {$(
        impl Binary for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(r: &mut Reader) -> Option<Self> {
                r.take(size_of::<$ty>())?.try_into().ok().map(<$ty>::from_le_bytes)
            }
        }
    )*};
}
little_endian!(u8, u32, i32, u64, i128);

/// A word as its place in the type's list of words.
macro_rules! words {
    ($($ty:ty),*) => {$(
        impl Binary for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                let at = <$ty>::ALL.iter().position(|w| w == self);
                out.push(at.unwrap_or(usize::MAX) as u8);
            }
            fn get(r: &mut Reader) -> Option<Self> {
                <$ty>::ALL.get(usize::from(r.get::<u8>()?)).copied()
            }
        }
    )*};
}
words!(
    Kind,
    Channel,
    Direction,
    Party,
    Phase,
    ResolutionStatus,
    About,
    PersonEvent
);

impl Binary for String {
    fn put(&self, out: &mut Vec<u8>) {
        (self.len() as u64).put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader) -> Option<Self> {
        r.str().map(str::to_string)
    }
}

impl<T: Binary> Binary for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.put(out);
            }
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.get::<u8>()? {
            0 => Some(None),
            1 => T::get(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Binary> Binary for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        (self.len() as u64).put(out);
        for item in self {
            item.put(out);
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.count()?;
        let mut all = Vec::with_capacity(n);
        for _ in 0..n {
            all.push(T::get(r)?);
        }
        Some(all)
    }
}

impl Binary for NaiveDate {
    fn put(&self, out: &mut Vec<u8>) {
        self.num_days_from_ce().put(out);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        NaiveDate::from_num_days_from_ce_opt(r.get()?)
    }
}

impl Binary for NaiveDateTime {
    fn put(&self, out: &mut Vec<u8>) {
        self.date().put(out);
        self.num_seconds_from_midnight().put(out);
        self.nanosecond().put(out);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let date = r.get()?;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(r.get()?, r.get()?)?;
        Some(NaiveDateTime::new(date, time))
    }
}

impl Binary for At {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            At::Date(d) => {
                out.push(0);
                d.put(out);
            }
            At::DateTime(dt) => {
                out.push(1);
                dt.naive_local().put(out);
                dt.offset().local_minus_utc().put(out);
            }
            At::Local(dt) => {
                out.push(2);
                dt.put(out);
            }
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(match r.get::<u8>()? {
            0 => At::Date(r.get()?),
            1 => {
                let local: NaiveDateTime = r.get()?;
                let offset = FixedOffset::east_opt(r.get()?)?;
                At::DateTime(local.and_local_timezone(offset).single()?)
            }
            2 => At::Local(r.get()?),
            _ => return None,
        })
    }
}

impl Binary for Amount {
    fn put(&self, out: &mut Vec<u8>) {
        self.cents.put(out);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        r.get().map(|cents| Amount { cents })
    }
}

/// `auto` as no phase.
impl Binary for PhaseSetting {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            PhaseSetting::Auto => None,
            PhaseSetting::Pin(phase) => Some(*phase),
        }
        .put(out);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(
            r.get::<Option<Phase>>()?
                .map_or(PhaseSetting::Auto, PhaseSetting::Pin),
        )
    }
}

/// The cadence as its word and the free attributes (rare, and they may nest) as the TOML
/// table they are.
impl Binary for Header {
    fn put(&self, out: &mut Vec<u8>) {
        self.schema.put(out);
        self.name.put(out);
        self.kind.put(out);
        self.since.put(out);
        self.tags.put(out);
        self.cadence.map(|c| c.to_string()).put(out);
        self.uid.put(out);
        if self.attributes.is_empty() {
            out.push(0);
        } else if let Ok(text) = toml::to_string(&self.attributes) {
            Some(text).put(out);
        } else {
            out.push(2); // never read back without them: the file is parsed every time
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(Header {
            schema: r.get()?,
            name: r.get()?,
            kind: r.get()?,
            since: r.get()?,
            tags: r.get()?,
            cadence: match r.get::<Option<String>>()? {
                None => None,
                Some(text) => Some(Cadence::parse(&text).ok()?),
            },
            uid: r.get()?,
            attributes: match r.get::<Option<String>>()? {
                None => BTreeMap::new(),
                Some(text) => toml::from_str(&text).ok()?,
            },
        })
    }
}
