//! Periods: the spans of days a report covers, and the words that name them ("this week",
//! "last month", "settimana scorsa"). They live with the other date words (`dates`); a period
//! word names a span, not a day, so `--since` takes its first day and `--until` its last.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

/// A span of days, both ends included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

/// The default period of a report: the seven days ending on `until` (PRODUCT.md §8.2), so
/// that a report run on a Monday covers the week that just ended, not the one starting.
pub fn default_period(until: NaiveDate) -> Period {
    Period {
        since: until - Days::new(6),
        until,
    }
}

/// The calendar week (its first day is `week_start`) holding `day`: `report --week`.
pub fn calendar_week(day: NaiveDate, week_start: Weekday) -> Period {
    let back = (7 + day.weekday().num_days_from_monday() - week_start.num_days_from_monday()) % 7;
    let since = day - Days::new(u64::from(back));
    Period {
        since,
        until: since + Days::new(6),
    }
}

/// The period a period word names, as of `as_of`: "this week", "last week", "this month",
/// "last month", "this year", "last year" (spaces, `-` or `_` between the words), and the same
/// in Italian, in either order and with or without the article: "questa settimana",
/// "settimana scorsa", "la settimana scorsa", "il mese scorso", "quest'anno", "l'anno scorso",
/// and in German: "diese Woche", "letzte Woche", "diesen Monat", "letztes Jahr".
/// Case and accents do not matter. `--since` takes the period's first day, `--until` its last.
/// Other words are the date parser's (`dates::parse_when_typed`); these name spans, not days.
pub fn period_word(text: &str, as_of: NaiveDate, week_start: Weekday) -> Option<Period> {
    let folded = deunicode::deunicode(text).to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '\'' | '’'))
        .filter(|w| !w.is_empty() && !matches!(*w, "la" | "il" | "l" | "lo"))
        .collect();
    let [a, b] = words.as_slice() else {
        return None;
    };
    let (back, span) = match (back_of(a), span_of(b)) {
        (Some(back), Some(span)) => (back, span),
        _ => (back_of(b)?, span_of(a)?),
    };
    match span {
        Span::Week => {
            let this = calendar_week(as_of, week_start);
            Some(calendar_week(this.since - Days::new(7 * back), week_start))
        }
        Span::Month => {
            let first = as_of.with_day(1)?;
            let since = if back == 0 {
                first
            } else {
                (first - Days::new(1)).with_day(1)?
            };
            let next = since.checked_add_months(chrono::Months::new(1))?;
            Some(Period {
                since,
                until: next - Days::new(1),
            })
        }
        Span::Year => {
            let year = as_of.year() - i32::from(back == 1);
            Some(Period {
                since: NaiveDate::from_ymd_opt(year, 1, 1)?,
                until: NaiveDate::from_ymd_opt(year, 12, 31)?,
            })
        }
    }
}

enum Span {
    Week,
    Month,
    Year,
}

/// How many periods back a word points: "this" 0, "last" 1 (English and Italian).
fn back_of(word: &str) -> Option<u64> {
    match word {
        "this" | "questa" | "questo" | "quest" | "diese" | "diesen" | "dieses" | "dieser" => {
            Some(0)
        }
        "last" | "previous" | "scorsa" | "scorso" | "passata" | "passato" | "letzte"
        | "letzten" | "letztes" | "letzter" | "vorige" | "vorigen" | "voriges" | "vergangene"
        | "vergangenen" | "vergangenes" => Some(1),
        _ => None,
    }
}

fn span_of(word: &str) -> Option<Span> {
    match word {
        "week" | "settimana" | "woche" => Some(Span::Week),
        "month" | "mese" | "monat" => Some(Span::Month),
        "year" | "anno" | "jahr" => Some(Span::Year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn span(text: &str) -> Option<(String, String)> {
        // 2026-11-23 is a Monday; weeks start on Monday.
        period_word(text, day("2026-11-25"), Weekday::Mon)
            .map(|p| (p.since.to_string(), p.until.to_string()))
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.into(), b.into()))
    }

    #[test]
    fn calendar_week_is_the_week_holding_the_day() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let p = calendar_week(monday, Weekday::Mon);
        assert_eq!((p.since, p.until), (monday, sunday));
        let p = calendar_week(sunday, Weekday::Mon);
        assert_eq!((p.since, p.until), (monday, sunday));
        let p = calendar_week(monday, Weekday::Sun);
        assert_eq!(p.since, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    }

    #[test]
    fn default_period_is_the_seven_days_ending_on_the_day() {
        let p = default_period(day("2026-11-23"));
        assert_eq!((p.since, p.until), (day("2026-11-17"), day("2026-11-23")));
    }

    #[test]
    fn german_period_words() {
        assert_eq!(span("diese Woche"), pair("2026-11-23", "2026-11-29"));
        assert_eq!(span("letzte Woche"), pair("2026-11-16", "2026-11-22"));
        assert_eq!(span("vergangene Woche"), pair("2026-11-16", "2026-11-22"));
        assert_eq!(span("diesen Monat"), pair("2026-11-01", "2026-11-30"));
        assert_eq!(span("letzten Monat"), pair("2026-10-01", "2026-10-31"));
        assert_eq!(span("dieses Jahr"), pair("2026-01-01", "2026-12-31"));
        assert_eq!(span("letztes Jahr"), pair("2025-01-01", "2025-12-31"));
        assert_eq!(span("Woche"), None);
    }

    #[test]
    fn english_period_words() {
        // As of a Monday (the week's first day) and of the Wednesday after it.
        for as_of in ["2026-11-23", "2026-11-25"] {
            for (text, since, until) in [
                ("this week", "2026-11-23", "2026-11-29"),
                ("Last  Week", "2026-11-16", "2026-11-22"),
                ("last-week", "2026-11-16", "2026-11-22"),
                ("Previous_Month", "2026-10-01", "2026-10-31"),
                ("this month", "2026-11-01", "2026-11-30"),
                ("last month", "2026-10-01", "2026-10-31"),
                ("last year", "2025-01-01", "2025-12-31"),
                ("this year", "2026-01-01", "2026-12-31"),
            ] {
                let p = period_word(text, day(as_of), Weekday::Mon);
                let got = p.map(|p| (p.since.to_string(), p.until.to_string()));
                assert_eq!(got, pair(since, until), "{text:?} as of {as_of}");
            }
        }
    }

    #[test]
    fn italian_period_words_in_either_order_with_or_without_the_article() {
        assert_eq!(span("questa settimana"), pair("2026-11-23", "2026-11-29"));
        assert_eq!(span("settimana scorsa"), pair("2026-11-16", "2026-11-22"));
        assert_eq!(
            span("la settimana scorsa"),
            pair("2026-11-16", "2026-11-22")
        );
        assert_eq!(span("scorsa settimana"), pair("2026-11-16", "2026-11-22"));
        assert_eq!(span("il mese scorso"), pair("2026-10-01", "2026-10-31"));
        assert_eq!(span("Questo Mese"), pair("2026-11-01", "2026-11-30"));
        assert_eq!(span("quest'anno"), pair("2026-01-01", "2026-12-31"));
        assert_eq!(span("l’anno scorso"), pair("2025-01-01", "2025-12-31"));
        assert_eq!(span("anno passato"), pair("2025-01-01", "2025-12-31"));
    }

    #[test]
    fn other_words_are_not_periods() {
        for text in [
            "week",
            "last",
            "last day",
            "this week now",
            "settimana",
            "scorsa scorsa",
            "mese mese",
            "next week",
            "2026-11-01",
            "",
        ] {
            assert_eq!(span(text), None, "{text:?}");
        }
    }

    #[test]
    fn january_looks_back_to_december_of_the_year_before() {
        let p = period_word("last month", day("2026-01-15"), Weekday::Mon).unwrap();
        assert_eq!((p.since, p.until), (day("2025-12-01"), day("2025-12-31")));
    }
}
