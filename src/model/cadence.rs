//! [`Cadence`]: how often a customer should hear from us (`30d`, `2w`).

use super::*;

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

#[cfg(test)]
mod mutant_tests {
    use super::*;

    #[test]
    fn cadences_run_from_one_day_to_ten_years_and_are_written_in_days() {
        assert_eq!(Cadence::parse("3660d").unwrap().to_string(), "3660d");
        assert_eq!(Cadence::parse("2w").unwrap().to_string(), "14d");
        for bad in ["3661d", "523w", "0d"] {
            let err = Cadence::parse(bad).unwrap_err();
            assert!(
                err.contains("must be between 1 day and 10 years"),
                "{bad}: {err}"
            );
        }
        #[derive(serde::Deserialize, Debug)]
        struct S {
            #[allow(dead_code)]
            cadence: Cadence,
        }
        let err = toml::from_str::<S>("cadence = true")
            .unwrap_err()
            .to_string();
        assert!(err.contains("a cadence like \"30d\" or \"2w\""), "{err}");
        let s: S = toml::from_str("cadence = 30").unwrap();
        assert_eq!(s.cadence.to_string(), "30d");
    }
}
