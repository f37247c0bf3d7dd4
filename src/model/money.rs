//! [`Amount`]: an order amount, exact to the cent. One parser for the command line and import.

use super::*;

/// A sum of money, held exactly in cents (hundredths of the currency unit).
///
/// Stored in TOML as a number (`amount = 1200.5`); parsed from text by [`Amount::parse`], which
/// accepts at most two decimals so that totals are exact to the cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount {
    pub cents: i64,
}

/// Largest amount accepted: well inside the range where every cent is an exact f64.
pub(super) const MAX_CENTS: i64 = 1_000_000_000_000_000; // 10^13 units

impl Amount {
    pub fn from_cents(cents: i64) -> Amount {
        Amount { cents }
    }

    /// Parses a decimal amount as a person types it: `1200`, `1200.5`, `-35.20`.
    /// Refuses thousands separators, exponents, decimal commas, NaN and more than two decimals,
    /// because each of them is a likely typo when recording an order. Zero is an amount: a
    /// free order is a purchase (PRODUCT.md §8.3), and `-0` is zero. The one rule for the
    /// command line and for import.
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
