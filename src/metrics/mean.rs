//! Means of whole numbers of days, kept exact (a sum and a count) and rounded only when shown.
//!
//! A mean gap of 97 days over 40 gaps is 2.425 exactly; as an `f64` it is 2.4249999…, which
//! rounds to 2.42. Rounding the exact fraction with integer arithmetic gives 2.43, the figure a
//! person working it out by hand gets (PRODUCT.md §8.3).

use serde::{Serialize, Serializer};

/// `total / count` for integers, `count` > 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mean {
    pub total: i64,
    pub count: i64,
}

impl Mean {
    /// The mean of `total` over `count`; `None` when `count` is 0 (or negative).
    pub fn new(total: i64, count: i64) -> Option<Mean> {
        (count > 0).then_some(Mean { total, count })
    }

    /// The mean in units of 10^-decimals, rounded half away from zero from the exact fraction.
    pub fn scaled(&self, decimals: u32) -> i128 {
        let scaled = i128::from(self.total) * 10i128.pow(decimals);
        let count = i128::from(self.count);
        let (quotient, remainder) = (scaled / count, scaled % count);
        if 2 * remainder.abs() >= count {
            quotient + scaled.signum()
        } else {
            quotient
        }
    }

    /// The mean with exactly `decimals` decimals, rounded half away from zero: `2.43`.
    pub fn fixed(&self, decimals: u32) -> String {
        let scaled = self.scaled(decimals);
        let unit = 10i128.pow(decimals);
        let sign = if scaled < 0 { "-" } else { "" };
        let (whole, fraction) = (scaled.abs() / unit, scaled.abs() % unit);
        if decimals == 0 {
            format!("{sign}{whole}")
        } else {
            format!(
                "{sign}{whole}.{fraction:0width$}",
                width = decimals as usize
            )
        }
    }

    /// The mean rounded to `decimals` decimals, as the nearest `f64` (which prints as exactly
    /// those decimals: the division of two exact integers is correctly rounded).
    pub fn rounded(&self, decimals: u32) -> f64 {
        self.scaled(decimals) as f64 / 10i128.pow(decimals) as f64
    }
}

/// JSON: a number with at most two decimals, rounded half away from zero (`2.43`).
impl Serialize for Mean {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.rounded(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean(total: i64, count: i64) -> Mean {
        Mean::new(total, count).unwrap()
    }

    #[test]
    fn halves_round_away_from_zero_from_the_exact_fraction() {
        // 97 / 40 = 2.425 exactly; the f64 is 2.42499999… and `{:.2}` says 2.42.
        assert_eq!(format!("{:.2}", 97.0f64 / 40.0), "2.42");
        assert_eq!(mean(97, 40).fixed(2), "2.43");
        assert_eq!(mean(97, 40).rounded(2), 2.43);
        assert_eq!(serde_json::to_string(&mean(97, 40)).unwrap(), "2.43");
        // Just below and just above the half.
        assert_eq!(mean(2424, 1000).fixed(2), "2.42");
        assert_eq!(mean(2426, 1000).fixed(2), "2.43");
        // 793 / 8 = 99.125 → 99.13; one decimal: 99.125 → 99.1.
        assert_eq!(mean(793, 8).fixed(2), "99.13");
        assert_eq!(mean(793, 8).fixed(1), "99.1");
        // 1 / 4 = 0.25: one decimal is 0.3 (an f64 `{:.1}` gives 0.2).
        assert_eq!(format!("{:.1}", 0.25f64), "0.2");
        assert_eq!(mean(1, 4).fixed(1), "0.3");
        // Negative means round away from zero too.
        assert_eq!(mean(-97, 40).fixed(2), "-2.43");
        assert_eq!(mean(-1, 400).fixed(2), "0.00");
        assert_eq!(mean(-2, 400).fixed(2), "-0.01");
    }

    #[test]
    fn whole_and_repeating_means() {
        assert_eq!(mean(672, 5).fixed(2), "134.40");
        assert_eq!(serde_json::to_string(&mean(672, 5)).unwrap(), "134.4");
        assert_eq!(serde_json::to_string(&mean(30, 3)).unwrap(), "10.0");
        assert_eq!(mean(812, 6).fixed(2), "135.33");
        assert_eq!(mean(696, 13).fixed(2), "53.54");
        assert_eq!(mean(5, 1).fixed(0), "5");
        assert_eq!(Mean::new(5, 0), None);
    }
}
