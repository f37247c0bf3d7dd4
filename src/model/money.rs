//! [`Amount`]: an order amount, exact to the cent. One parser for the command line and import.

use super::*;

/// A sum of money, held exactly in cents (hundredths of the currency unit).
///
/// Stored in TOML as a text with two decimals (`amount = "1200.50"`; a number is read too);
/// parsed from text by [`Amount::parse`], which accepts at most two decimals so that totals
/// are exact to the cent. One amount is below 10^13 units ([`MAX_CENTS`]); a total is held in
/// 128 bits, exact for more records than any journal holds (12,000 orders of the largest
/// amount total 119,999,999,999,999,880.00, where 64 bits of cents stopped at
/// 92,233,720,368,547,758.07).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount {
    pub cents: i128,
}

/// Largest amount accepted: well inside the range where every cent is an exact f64.
pub(super) const MAX_CENTS: i64 = 1_000_000_000_000_000; // 10^13 units

impl Amount {
    pub fn from_cents(cents: i64) -> Amount {
        Amount {
            cents: i128::from(cents),
        }
    }

    /// Parses an amount written the plain way (a dot for decimals): [`Amount::parse_in`] with
    /// [`DecimalMark::Dot`].
    pub fn parse(text: &str) -> Result<Amount, String> {
        Amount::parse_in(text, DecimalMark::Dot)
    }

    /// Parses a decimal amount as a person types it in a journal whose decimal mark is `mark`:
    /// `1200`, `-35.20`, `1,250.40` (dot), or `1250,40`, `1.250,40` (comma). Groups of
    /// thousands take the other mark and must be groups of three. The one rule for the command
    /// line and for import (PRODUCT.md §8.4).
    ///
    /// Refused, each with a message saying what to write: an input that could be read two ways
    /// (`1.250` with a comma mark is 1250 or 1.25; `1,250` with a dot mark is 1250 or 1.25) —
    /// never guessed; a decimal written with the other mark (`1250.40` in a comma journal);
    /// exponents, NaN, more than two decimals (amounts are exact to the cent). Zero is an
    /// amount: a free order is a purchase (§8.3), and `-0` is zero.
    pub fn parse_in(text: &str, mark: DecimalMark) -> Result<Amount, String> {
        Amount::parse_typed(text, mark).map_err(|e| e.to_string())
    }

    /// [`Amount::parse_in`] with the refusal typed, for the command line to word it in the
    /// journal's language (`i18n::Catalogue::invalid_amount`).
    pub fn parse_typed(text: &str, mark: DecimalMark) -> Result<Amount, AmountError> {
        let t = text.trim();
        let bad = |problem: AmountProblem| {
            Err(AmountError {
                text: text.to_string(),
                mark,
                problem,
            })
        };
        let (negative, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (dec, group) = (mark.char(), mark.other().char());
        if body.is_empty()
            || !body
                .chars()
                .all(|c| c.is_ascii_digit() || c == dec || c == group)
        {
            return bad(AmountProblem::NotANumber);
        }
        let (whole, frac) = match body.rsplit_once(dec) {
            Some((w, f)) => (w, Some(f)),
            None => (body, None),
        };
        if whole.contains(dec) {
            return bad(AmountProblem::TwoDecimalMarks);
        }
        if let Some(f) = frac {
            if f.contains(group) {
                return bad(AmountProblem::MarksSwapped);
            }
            if f.is_empty() || whole.is_empty() {
                return bad(AmountProblem::NotANumber);
            }
        }
        let digits: String = if whole.contains(group) {
            let groups: Vec<&str> = whole.split(group).collect();
            let grouped =
                (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
            if !grouped {
                // Not thousands: the other mark used for decimals (`1250.40` in a comma
                // journal, `1250,40` in a dot journal).
                return bad(AmountProblem::OtherMark);
            }
            if frac.is_none() && groups.len() == 2 {
                // `1.250` (comma) or `1,250` (dot): a thousands group or a decimal mark?
                let thousands = format!("{}{}", groups[0], groups[1]);
                let decimal = format!("{}{}{}", groups[0], dec, groups[1].trim_end_matches('0'))
                    .trim_end_matches(dec)
                    .to_string();
                return bad(AmountProblem::TwoWays {
                    grouped: format!("{}{}{}{}00", groups[0], group, groups[1], dec),
                    thousands,
                    decimal,
                });
            }
            groups.concat()
        } else {
            whole.to_string()
        };
        let frac = frac.unwrap_or("");
        if frac.len() > 2 {
            return bad(AmountProblem::TooManyDecimals);
        }
        let whole_value: i64 = match digits.parse::<i64>() {
            Ok(v) if v < MAX_CENTS / 100 => v,
            _ => return bad(AmountProblem::TooLarge),
        };
        // `frac` is at most two ASCII digits: padded to two, it always parses.
        let frac_value: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        let cents = whole_value * 100 + frac_value;
        Ok(Amount::from_cents(if negative { -cents } else { cents }))
    }

    /// The amount for people, in the journal's style: `1.250,40 €` (comma, EUR),
    /// `€1,250.40` (dot, EUR), `1,250.40` (no currency). JSON and CSV keep the plain
    /// [`Display`](fmt::Display) form (`1250.40`).
    pub fn human(self, style: &MoneyStyle) -> String {
        let abs = self.cents.unsigned_abs();
        let whole = (abs / 100).to_string();
        let group = style.decimal.other().char();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let number = format!("{grouped}{}{:02}", style.decimal.char(), abs % 100);
        let sign = if self.cents < 0 { "-" } else { "" };
        match style.currency.as_deref().map(currency_symbol) {
            None => format!("{sign}{number}"),
            // Italian (and most of continental Europe) put the symbol after, with a space.
            Some(symbol) if style.decimal == DecimalMark::Comma => {
                format!("{sign}{number} {symbol}")
            }
            Some(symbol) if symbol.chars().count() > 1 => format!("{sign}{symbol} {number}"),
            Some(symbol) => format!("{sign}{symbol}{number}"),
        }
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
        Ok(Amount::from_cents(cents as i64))
    }
}

/// The decimal mark of a journal (`[locale] decimal`); the other mark groups thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalMark {
    #[default]
    Dot,
    Comma,
}

impl DecimalMark {
    pub fn char(self) -> char {
        match self {
            DecimalMark::Dot => '.',
            DecimalMark::Comma => ',',
        }
    }

    pub fn other(self) -> DecimalMark {
        match self {
            DecimalMark::Dot => DecimalMark::Comma,
            DecimalMark::Comma => DecimalMark::Dot,
        }
    }

    /// The mark in words, for messages.
    pub fn name(self) -> &'static str {
        match self {
            DecimalMark::Dot => "a dot",
            DecimalMark::Comma => "a comma",
        }
    }

    /// An example amount with thousands, for messages.
    pub fn grouped_example(self) -> &'static str {
        match self {
            DecimalMark::Dot => "1,250.40",
            DecimalMark::Comma => "1.250,40",
        }
    }

    /// An example amount written with this mark, for messages.
    pub fn example(self) -> &'static str {
        match self {
            DecimalMark::Dot => "1250.40",
            DecimalMark::Comma => "1250,40",
        }
    }
}

impl FromStr for DecimalMark {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "." => Ok(DecimalMark::Dot),
            "," => Ok(DecimalMark::Comma),
            _ => Err(format!(
                "unknown decimal mark {s:?} (expected \".\" or \",\")"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for DecimalMark {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// How amounts are shown to people: the decimal mark and an optional currency (an ISO 4217
/// code such as `EUR`, or a symbol).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoneyStyle {
    pub decimal: DecimalMark,
    pub currency: Option<String>,
}

/// Why a typed amount was refused; [`AmountError`]'s `Display` is the English, which imports
/// read, and each language's catalogue words it for the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountProblem {
    NotANumber,
    TwoDecimalMarks,
    /// Thousands after the decimal mark (`1,250.40` in a comma journal).
    MarksSwapped,
    /// The other mark used for decimals (`1250.40` in a comma journal).
    OtherMark,
    /// `1.250` (comma) or `1,250` (dot): `thousands` or `decimal`; `grouped` is the first
    /// written unambiguously.
    TwoWays {
        thousands: String,
        decimal: String,
        grouped: String,
    },
    TooManyDecimals,
    TooLarge,
}

/// A refused amount: the text as typed, the journal's decimal mark and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub text: String,
    pub mark: DecimalMark,
    pub problem: AmountProblem,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = self.mark;
        let example = mark.example();
        write!(f, "invalid amount {:?}: ", self.text)?;
        match &self.problem {
            AmountProblem::NotANumber => write!(f, "expected a number like {example}"),
            AmountProblem::TwoDecimalMarks => write!(
                f,
                "more than one decimal mark {:?}; write a number like {example}",
                mark.char()
            ),
            AmountProblem::MarksSwapped => write!(
                f,
                "use {} for decimals and {} for thousands in this journal, e.g. {}",
                mark.name(),
                mark.other().name(),
                mark.grouped_example()
            ),
            AmountProblem::OtherMark => write!(
                f,
                "use {} for decimals in this journal, e.g. {example}; groups of thousands take \
                 {:?} and three digits each",
                mark.name(),
                mark.other().char()
            ),
            AmountProblem::TwoWays {
                thousands,
                decimal,
                grouped,
            } => write!(
                f,
                "it could be read two ways, {thousands} or {decimal}; write {thousands} (or \
                 {grouped}) or {decimal}"
            ),
            AmountProblem::TooManyDecimals => write!(f, "at most two decimals (cents)"),
            AmountProblem::TooLarge => write!(f, "too large"),
        }
    }
}

/// The symbol of a currency code (`EUR` → `€`); an unknown code is shown as it is.
fn currency_symbol(code: &str) -> &str {
    match code {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        "CHF" => "CHF",
        other => other,
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
    /// A number: whole amounts as integers (`1200`), others as floats (`1200.5`). A whole
    /// total beyond 64 bits is a 128-bit integer, exact in JSON.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match i64::try_from(self.cents / 100) {
            Ok(units) if self.cents % 100 == 0 => s.serialize_i64(units),
            Err(_) if self.cents % 100 == 0 => s.serialize_i128(self.cents / 100),
            _ => s.serialize_f64(self.to_f64()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DOT: DecimalMark = DecimalMark::Dot;
    const COMMA: DecimalMark = DecimalMark::Comma;

    /// Every accepted form, in each journal, with the cents it means.
    #[test]
    fn accepted_amounts() {
        let table: &[(&str, DecimalMark, i64)] = &[
            ("1200", DOT, 120_000),
            ("1200", COMMA, 120_000),
            ("1200.5", DOT, 120_050),
            ("1200,5", COMMA, 120_050),
            ("1250.40", DOT, 125_040),
            ("1250,40", COMMA, 125_040),
            ("1,250.40", DOT, 125_040),
            ("1.250,40", COMMA, 125_040),
            ("1,250,000", DOT, 125_000_000),
            ("1.250.000", COMMA, 125_000_000),
            ("1.250.000,5", COMMA, 125_000_050),
            ("12,345,678.90", DOT, 1_234_567_890),
            ("0.10", DOT, 10),
            ("0,10", COMMA, 10),
            ("1,25", COMMA, 125),
            ("1.25", DOT, 125),
            ("-35.20", DOT, -3520),
            ("-35,20", COMMA, -3520),
            ("-1.250,40", COMMA, -125_040),
            ("+7", COMMA, 700),
            ("  42,00 ", COMMA, 4200),
            ("0", DOT, 0),
            ("-0", COMMA, 0),
            ("0,00", COMMA, 0),
            ("+0.0", DOT, 0),
        ];
        for &(text, mark, cents) in table {
            assert_eq!(
                Amount::parse_in(text, mark),
                Ok(Amount::from_cents(cents)),
                "{text:?} with {mark:?}"
            );
        }
    }

    /// Every refused form, in each journal, with its whole message.
    #[test]
    fn refused_amounts() {
        const LIKE_COMMA: &str = "expected a number like 1250,40";
        const LIKE_DOT: &str = "expected a number like 1250.40";
        let table: &[(&str, DecimalMark, &str)] = &[
            (
                "1.250",
                COMMA,
                "it could be read two ways, 1250 or 1,25; write 1250 (or 1.250,00) or 1,25",
            ),
            (
                "1,250",
                DOT,
                "it could be read two ways, 1250 or 1.25; write 1250 (or 1,250.00) or 1.25",
            ),
            (
                "2,500",
                DOT,
                "it could be read two ways, 2500 or 2.5; write 2500 (or 2,500.00) or 2.5",
            ),
            (
                "1.000",
                COMMA,
                "it could be read two ways, 1000 or 1; write 1000 (or 1.000,00) or 1",
            ),
            (
                "1250.40",
                COMMA,
                "use a comma for decimals in this journal, e.g. 1250,40; groups of thousands take '.' and three digits each",
            ),
            (
                "1,5",
                DOT,
                "use a dot for decimals in this journal, e.g. 1250.40; groups of thousands take ',' and three digits each",
            ),
            (
                "12.34.567",
                COMMA,
                "use a comma for decimals in this journal, e.g. 1250,40; groups of thousands take '.' and three digits each",
            ),
            (
                "1,250.40",
                COMMA,
                "use a comma for decimals and a dot for thousands in this journal, e.g. 1.250,40",
            ),
            (
                "1.250,40",
                DOT,
                "use a dot for decimals and a comma for thousands in this journal, e.g. 1,250.40",
            ),
            (
                "1,2,3",
                COMMA,
                "more than one decimal mark ','; write a number like 1250,40",
            ),
            (
                "12.345.678",
                DOT,
                "more than one decimal mark '.'; write a number like 1250.40",
            ),
            ("1.234", DOT, "at most two decimals (cents)"),
            ("1,234", COMMA, "at most two decimals (cents)"),
            ("", COMMA, LIKE_COMMA),
            ("-", DOT, LIKE_DOT),
            (",5", COMMA, LIKE_COMMA),
            ("5,", COMMA, LIKE_COMMA),
            (".5", DOT, LIKE_DOT),
            ("5.", DOT, LIKE_DOT),
            ("1e309", DOT, LIKE_DOT),
            ("NaN", COMMA, LIKE_COMMA),
            ("€ 12", COMMA, LIKE_COMMA),
            ("1 250,40", COMMA, LIKE_COMMA),
            ("--5", DOT, LIKE_DOT),
            ("99999999999999", DOT, "too large"),
        ];
        for &(text, mark, reason) in table {
            assert_eq!(
                Amount::parse_in(text, mark),
                Err(format!("invalid amount \"{text}\": {reason}")),
                "{text:?} with {mark:?}"
            );
        }
    }

    #[test]
    fn human_form_follows_the_locale() {
        let it = MoneyStyle {
            decimal: COMMA,
            currency: Some("EUR".into()),
        };
        let en = MoneyStyle {
            decimal: DOT,
            currency: Some("EUR".into()),
        };
        let plain = MoneyStyle::default();
        let a = Amount::from_cents(125_040);
        assert_eq!(a.human(&it), "1.250,40 €");
        assert_eq!(a.human(&en), "€1,250.40");
        assert_eq!(a.human(&plain), "1,250.40");
        assert_eq!(Amount::from_cents(10_795_020).human(&it), "107.950,20 €");
        assert_eq!(Amount::from_cents(-3520).human(&it), "-35,20 €");
        assert_eq!(Amount::from_cents(0).human(&plain), "0.00");
        assert_eq!(Amount::from_cents(99_900).human(&plain), "999.00");
        assert_eq!(Amount::from_cents(100_000).human(&plain), "1,000.00");
        let chf = MoneyStyle {
            decimal: DOT,
            currency: Some("CHF".into()),
        };
        assert_eq!(a.human(&chf), "CHF 1,250.40");
        // JSON and CSV keep the plain form.
        assert_eq!(a.to_string(), "1250.40");
    }

    proptest! {
        /// Formatting an amount for people, then reading it back in the same journal, gives
        /// the same amount, in each locale.
        #[test]
        fn human_form_reads_back(cents in -(MAX_CENTS - 1)..MAX_CENTS) {
            let amount = Amount::from_cents(cents);
            for decimal in [DOT, COMMA] {
                let style = MoneyStyle { decimal, currency: None };
                let shown = amount.human(&style);
                prop_assert_eq!(Amount::parse_in(&shown, decimal), Ok(amount), "{}", shown);
                prop_assert_eq!(Amount::parse_in(&amount.to_string(), DOT), Ok(amount));
            }
        }

        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = Amount::parse_in(&text, DOT);
            let _ = Amount::parse_in(&text, COMMA);
        }
    }

    #[test]
    fn amounts_written_as_toml_floats_read_to_the_cent() {
        #[derive(serde::Deserialize)]
        struct S {
            amount: Amount,
        }
        let cents = |text: &str| {
            toml::from_str::<S>(text)
                .map(|s| s.amount.cents)
                .map_err(|e| e.to_string())
        };
        assert_eq!(cents("amount = 12.34"), Ok(1234));
        assert_eq!(cents("amount = -0.5"), Ok(-50));
        assert!(
            cents("amount = 1.005")
                .unwrap_err()
                .contains("has more than two decimals")
        );
        assert!(
            cents("amount = inf")
                .unwrap_err()
                .contains("is not a finite number")
        );
        assert!(
            cents("amount = nan")
                .unwrap_err()
                .contains("is not a finite number")
        );
        assert_eq!(Amount::from_cents(1234).to_f64(), 12.34);
        assert_eq!(Amount::from_cents(-5).to_f64(), -0.05);
    }

    #[test]
    fn amounts_are_written_as_toml_integers_or_floats_and_read_back() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct S {
            amount: Amount,
        }
        let write = |cents| {
            toml::to_string(&S {
                amount: Amount::from_cents(cents),
            })
            .unwrap()
        };
        assert_eq!(write(120_000), "amount = 1200\n");
        assert_eq!(write(-3_520), "amount = -35.2\n");
        assert_eq!(write(5), "amount = 0.05\n");
        for cents in [120_000, -3_520, 5, 0, 99, -100] {
            let back: S = toml::from_str(&write(cents)).unwrap();
            assert_eq!(back.amount.cents, i128::from(cents));
        }
        let read = |text: &str| {
            toml::from_str::<S>(text)
                .map(|s| s.amount.cents)
                .map_err(|e| e.to_string())
        };
        assert_eq!(read("amount = \"1200.50\""), Ok(120_050));
        assert_eq!(read("amount = 7"), Ok(700));
        assert_eq!(read("amount = 2.10"), Ok(210));
        assert_eq!(read("amount = 0.01"), Ok(1));
        assert_eq!(read("amount = 1e3"), Ok(100_000));
        let too_big = (MAX_CENTS / 100).to_string();
        assert!(
            read(&format!("amount = {too_big}"))
                .unwrap_err()
                .contains("is too large")
        );
        let below = (MAX_CENTS / 100 - 1).to_string();
        assert!(read(&format!("amount = {below}")).is_ok());
        assert!(
            read(&format!("amount = {too_big}.0"))
                .unwrap_err()
                .contains("is too large")
        );
        assert!(
            read("amount = true")
                .unwrap_err()
                .contains("an amount like 1200 or 1200.50")
        );
        let top = (MAX_CENTS / 100).to_string();
        assert!(Amount::parse(&top).unwrap_err().contains("too large"));
        let below = format!("{}.99", MAX_CENTS / 100 - 1);
        assert_eq!(
            Amount::parse(&below).map(|a| a.cents),
            Ok(i128::from(MAX_CENTS - 1))
        );
        // JSON hands positive whole numbers as unsigned: the same amount.
        assert_eq!(
            serde_json::from_str::<Amount>("12").map(|a| a.cents).ok(),
            Some(1200)
        );
        assert_eq!(
            serde_json::from_str::<Amount>("-12").map(|a| a.cents).ok(),
            Some(-1200)
        );
        assert!(serde_json::from_str::<Amount>("18446744073709551615").is_err());
        assert_eq!(Amount::from_cents(-1).to_string(), "-0.01");
        assert_eq!(Amount::from_cents(0).to_string(), "0.00");
    }
}
