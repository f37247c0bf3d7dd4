//! [`At`]: the moment of a record (a date, a date-time with offset, or a local date-time).

use super::*;

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
            second: Some(t.second() as u8),
            // no fraction when there is none (`10:30:00`, as files have always been written)
            nanosecond: (t.nanosecond() != 0).then_some(t.nanosecond()),
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
            // TOML 1.1 lets a time leave out its seconds (`10:30`)
            t.second.unwrap_or(0).into(),
            t.nanosecond.unwrap_or(0),
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

#[cfg(test)]
mod mutant_tests {
    use super::*;

    #[test]
    fn offsets_are_written_in_minutes_and_utc_as_z() {
        let at = |text: &str| At::DateTime(DateTime::parse_from_rfc3339(text).unwrap());
        let written = |a: At| a.to_toml().to_string();
        assert_eq!(
            written(at("2026-11-20T10:30:00+01:30")),
            "2026-11-20T10:30:00+01:30"
        );
        assert_eq!(
            written(at("2026-11-20T10:30:00-05:00")),
            "2026-11-20T10:30:00-05:00"
        );
        assert_eq!(
            written(at("2026-11-20T10:30:00+00:00")),
            "2026-11-20T10:30:00Z"
        );
    }

    #[test]
    fn an_optional_date_reads_back_as_written() {
        #[derive(serde::Deserialize)]
        struct S {
            #[serde(default, with = "date_field::option")]
            since: Option<NaiveDate>,
        }
        let s: S = toml::from_str("since = 2025-03-01").unwrap();
        assert_eq!(s.since, NaiveDate::from_ymd_opt(2025, 3, 1));
        let s: S = toml::from_str("").unwrap();
        assert_eq!(s.since, None);
    }
}
