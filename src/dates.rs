//! Parsing of `WHEN` arguments (PRODUCT.md §5, §8.4): ISO dates and date-times, dates with
//! slashes in the journal's order (`20/11/2026`, `20/11`), and everyday words in English and
//! Italian whatever the locale, such as `today`/`oggi`, `fri`/`venerdì`, `next monday`/`lunedì
//! prossimo`, `+3d`, `in 2 weeks`/`tra 2 settimane`, `3 days ago`/`3 giorni fa`, `end of
//! month`/`fine mese`, `next week`/`settimana prossima`, `next month`/`mese prossimo`.
//!
//! Everything here is a pure function of the typed text, the current day and the current
//! moment, so the whole module is testable with fixed clocks. Arithmetic is checked: no input
//! can make these functions panic.

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Weekday,
};

use crate::model::At;

pub mod period;

/// Which way a bare weekday name points: `--at monday` means the most recent Monday (Past),
/// `--due friday` means the coming Friday (Future).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bias {
    Past,
    Future,
}

/// What every refusal lists as the accepted forms.
const ACCEPTED: &str = "use YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, yesterday, tomorrow, \
                        a weekday (fri, next monday), +3d or -2w; in Italian oggi, domani, \
                        dopodomani, venerdì, 15 gennaio, tra due giorni, entro venerdì, fine mese; \
                        in German heute, morgen, übermorgen, Freitag, 15. Januar, in zwei Tagen, \
                        bis Freitag, Monatsende";

/// [`ACCEPTED`] where dates with slashes read day first (`[locale] date_order = "dmy"`).
const ACCEPTED_DMY: &str = "use 20/11/2026, YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, yesterday, \
                        tomorrow, a weekday (fri, next monday), +3d or -2w; in Italian oggi, \
                        domani, dopodomani, venerdì, 15 gennaio, tra due giorni, entro venerdì, \
                        fine mese; in German 20.11.2026, heute, morgen, übermorgen, Freitag, \
                        15. Januar, in zwei Tagen, bis Freitag, Monatsende";

/// [`ACCEPTED`] where dates with slashes read month first.
const ACCEPTED_MDY: &str = "use 11/20/2026, YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, yesterday, \
                        tomorrow, a weekday (fri, next monday), +3d or -2w; in Italian oggi, \
                        domani, dopodomani, venerdì, 15 gennaio, tra due giorni, entro venerdì, \
                        fine mese; in German heute, morgen, übermorgen, Freitag, 15. Januar, \
                        in zwei Tagen, bis Freitag, Monatsende";

/// How a date written with slashes reads (`[locale] date_order`): day first (`20/11/2026`),
/// month first (`11/20/2026`), or not at all (`ymd`, the default: ISO dates only, since
/// `03/04/2026` means two different days to two different people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    Ymd,
    Dmy,
    Mdy,
}

impl DateOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Ymd => "ymd",
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

impl std::str::FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ymd" => Ok(DateOrder::Ymd),
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            _ => Err(format!(
                "unknown date order {s:?} (expected dmy | mdy | ymd)"
            )),
        }
    }
}

impl<'de> serde::Deserialize<'de> for DateOrder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// [`parse_when`] in a journal whose dates with slashes read in `order`, with the refusal
/// typed, for the command line to word it in the journal's language
/// (`i18n::Catalogue::invalid_date`).
pub fn parse_when_typed(
    text: &str,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
    bias: Bias,
    order: DateOrder,
) -> Result<At, DateError> {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    let parsed = match slashed(&lower) {
        Some(numbers) => numbers.and_then(|n| slash_date(n, order, today, bias)),
        None => parse_lower(&lower, today, now, bias),
    };
    parsed.and_then(storable).map_err(|fail| DateError {
        text: trimmed.to_string(),
        problem: match fail {
            Fail::Unknown => DateProblem::Unknown(order),
            Fail::Reason(problem) => problem,
        },
    })
}

/// A date a CSV cell holds: ISO (only the ISO forms of [`parse_when`], by the same code, so
/// a text the command line refuses is refused here too: `26-11-25` is not the year 26; a
/// date-time without an offset stays local, [`At::Local`]), or with slashes and a four-digit year in the
/// journal's `order` (`20/11/2026`). An import has no "today" to complete `20/11` with.
pub fn parse_cell(text: &str, order: DateOrder) -> Result<At, String> {
    parse_cell_typed(text, order)
        .map_err(|(text, problem)| format!("invalid date {text:?}: {}", problem.english()))
}

/// Why a date in a file was refused ([`parse_cell_typed`]), for each language to word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellDate {
    /// A date with slashes and no year (`20/11`).
    NoYear,
    /// Neither ISO nor a date with slashes.
    Unknown,
    /// A recognised form with a flaw.
    Reason(DateProblem),
}

impl CellDate {
    /// The English of the refusal, after "invalid date \"…\": ".
    pub fn english(self) -> &'static str {
        match self {
            CellDate::NoYear => "a date in a file needs its year (20/11/2026)",
            CellDate::Unknown => "use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+HH:MM]",
            CellDate::Reason(reason) => reason.english(),
        }
    }
}

/// [`parse_cell`] with the refusal typed: the trimmed text and why.
pub fn parse_cell_typed(text: &str, order: DateOrder) -> Result<At, (String, CellDate)> {
    let trimmed = text.trim();
    let typed = |fail: Fail| {
        let why = match fail {
            Fail::Unknown => CellDate::Unknown,
            Fail::Reason(reason) => CellDate::Reason(reason),
        };
        (trimmed.to_string(), why)
    };
    match slashed(trimmed) {
        Some(Ok(numbers)) if numbers.2.is_none() => Err((trimmed.to_string(), CellDate::NoYear)),
        // `today` only completes a missing year, and the year is there.
        Some(numbers) => numbers
            .and_then(|n| slash_date(n, order, NaiveDate::MIN, Bias::Past))
            .and_then(storable)
            .map_err(typed),
        None => iso_numbers(&trimmed.to_lowercase())
            .unwrap_or(Err(Fail::Unknown))
            .and_then(|iso| iso.resolve(None))
            .and_then(storable)
            .map_err(typed),
    }
}

/// `None` unless `s` is digits and slashes only, with a slash; else its two or three numbers
/// (day or month first, as typed), or why they cannot be a date.
#[allow(clippy::type_complexity)]
fn slashed(s: &str) -> Option<Result<(u32, u32, Option<i32>), Fail>> {
    // German writes 20.11.2026 (and 20.11. without the year): dots read as slashes.
    let mark = if s.contains('/') { '/' } else { '.' };
    let s = if mark == '.' {
        s.strip_suffix('.').unwrap_or(s)
    } else {
        s
    };
    if !s.contains(mark) || !s.chars().all(|c| c.is_ascii_digit() || c == mark) {
        return None;
    }
    let parts: Vec<&str> = s.split(mark).collect();
    let small = |p: &str| {
        (1..=2)
            .contains(&p.len())
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    Some(match parts.as_slice() {
        [a, b] => match (small(a), small(b)) {
            (Some(a), Some(b)) => Ok((a, b, None)),
            _ => Err(Fail::Reason(DateProblem::SlashShape)),
        },
        [a, b, y] => match (small(a), small(b), y.len()) {
            (Some(a), Some(b), 4) => Ok((a, b, y.parse().ok())),
            (Some(_), Some(_), 2) => Err(Fail::Reason(DateProblem::TwoDigitYear)),
            _ => Err(Fail::Reason(DateProblem::SlashShape)),
        },
        _ => Err(Fail::Reason(DateProblem::SlashShape)),
    })
}

/// The day of a date with slashes, read in `order` ([`on_day`]: `--at 28/12` typed in January
/// is last December; `--due 10/01` typed in December is next January).
fn slash_date(
    (first, second, year): (u32, u32, Option<i32>),
    order: DateOrder,
    today: NaiveDate,
    bias: Bias,
) -> Result<At, Fail> {
    let (day, month) = match order {
        DateOrder::Dmy => (first, second),
        DateOrder::Mdy => (second, first),
        DateOrder::Ymd => {
            return Err(Fail::Reason(DateProblem::NoSlashOrder));
        }
    };
    on_day(day, month, year, today, bias).map(At::Date)
}

/// `day` of `month` in `year`; without a year, the nearest such date on the bias's side of
/// today: the next one for a due date (`--due 15 gennaio` in December is next January), the
/// last one for a date in the past. 29 February looks for the nearest year that has one.
fn on_day(
    day: u32,
    month: u32,
    year: Option<i32>,
    today: NaiveDate,
    bias: Bias,
) -> Result<NaiveDate, Fail> {
    let on = |year: i32| NaiveDate::from_ymd_opt(year, month, day);
    let found = match year {
        Some(year) => on(year),
        None => {
            let this = today.year();
            let years: Vec<i32> = match bias {
                Bias::Future => (this..=this + 8).collect(),
                Bias::Past => (this - 8..=this).rev().collect(),
            };
            years.into_iter().filter_map(on).find(|d| match bias {
                Bias::Future => *d >= today,
                Bias::Past => *d <= today,
            })
        }
    };
    found.ok_or(Fail::Reason(DateProblem::NotACalendarDate))
}

/// Parses a WHEN. `today` is the (possibly --today-fixed) current day; `now` is the current
/// moment with its local offset, used only for the word "now" and to give an offset to
/// date-times typed without one.
///
/// Accepted, case-insensitively and with surrounding whitespace ignored:
/// - `YYYY-MM-DD` gives [`At::Date`];
/// - `YYYY-MM-DDTHH:MM[:SS[.fff]]` (or a space instead of `T`), optionally followed by `Z`,
///   `+HH:MM`, `+HHMM` or `+HH`, gives [`At::DateTime`]; without an offset the offset of `now`
///   is used (a simplification: the user's current local offset, not the one in force on that
///   day);
/// - `now` gives [`At::DateTime`] of `now`;
/// - `today`, `yesterday`, `tomorrow`;
/// - a weekday, full or three-letter (`friday`, `fri`): the next such day on or after today
///   with [`Bias::Future`], the most recent on or before today with [`Bias::Past`];
///   `next friday` is strictly after today, `last friday` strictly before;
/// - `+3d`, `-2w`, `+1m` (days, weeks, calendar months clamped to the month's end), and
///   `in 3 days`, `2 weeks ago`, `in 1 month` and the like.
///
/// Every form but the date-times and `now` gives [`At::Date`]. Errors are one line that
/// quotes the input.
pub fn parse_when(
    text: &str,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
    bias: Bias,
) -> Result<At, String> {
    parse_when_typed(text, today, now, bias, DateOrder::Ymd).map_err(|e| e.to_string())
}

/// TOML dates have four-digit years, so a day outside 0000–9999 could not be written to a
/// journal: refuse it here, as a wrong command line, rather than fail while writing.
fn storable(at: At) -> Result<At, Fail> {
    if (0..=9999).contains(&at.day().year()) {
        Ok(at)
    } else {
        Err(Fail::Reason(DateProblem::OutOfRange))
    }
}

/// Same as [`parse_when`], but returns only the calendar day (for --due, --since, --until).
/// A date-time gives its day in its own offset.
pub fn parse_day(
    text: &str,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
    bias: Bias,
) -> Result<NaiveDate, String> {
    parse_when(text, today, now, bias).map(|at| at.day())
}

/// Refuses a moment a journal cannot store (a year outside 0000–9999), whoever parsed it.
pub fn check_storable(at: At) -> Result<At, String> {
    storable(at).map_err(|_| format!("invalid date {}: {OUT_OF_RANGE}", at.day()))
}

/// Why a text was refused: not any accepted form, or a recognised form with a specific flaw.
enum Fail {
    Unknown,
    Reason(DateProblem),
}

/// Why a typed date was refused, for each language to word ([`DateProblem::english`] is the
/// English, which imports and scripts read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// No form matched: the message lists the accepted ones (dates with slashes per the order).
    Unknown(DateOrder),
    OutOfRange,
    NotACalendarDate,
    NotATimeOfDay,
    NotAnOffset,
    NotRepresentable,
    SlashShape,
    TwoDigitYear,
    /// Slashes in a journal that reads them in no order (`date_order = "ymd"`).
    NoSlashOrder,
    /// `3d` without its sign.
    Unsigned,
}

impl DateProblem {
    /// The problem in English.
    pub fn english(self) -> &'static str {
        match self {
            DateProblem::Unknown(DateOrder::Dmy) => ACCEPTED_DMY,
            DateProblem::Unknown(DateOrder::Mdy) => ACCEPTED_MDY,
            DateProblem::Unknown(DateOrder::Ymd) => ACCEPTED,
            DateProblem::OutOfRange => OUT_OF_RANGE,
            DateProblem::NotACalendarDate => "not a calendar date",
            DateProblem::NotATimeOfDay => "not a valid time of day",
            DateProblem::NotAnOffset => "not a valid UTC offset",
            DateProblem::NotRepresentable => "not a representable date-time",
            DateProblem::SlashShape => "write a date with slashes as 20/11/2026 or 20/11",
            DateProblem::TwoDigitYear => "write the year with four digits (20/11/2026)",
            DateProblem::NoSlashOrder => {
                "this journal reads dates with slashes in no order; write YYYY-MM-DD, or set \
                 date_order = \"dmy\" (or \"mdy\") under [locale] in coltiva.toml"
            }
            DateProblem::Unsigned => "write +N to count ahead or -N to count back (e.g. +3d, -3d)",
        }
    }
}

/// A refused date: the text as typed and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub text: String,
    pub problem: DateProblem,
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid date {:?}: {}",
            self.text,
            self.problem.english()
        )
    }
}

/// Parses an already trimmed and lowercased text.
fn parse_lower(
    s: &str,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
    bias: Bias,
) -> Result<At, Fail> {
    if let Some(iso) = iso_numbers(s) {
        return iso.and_then(|iso| iso.resolve(Some(*now.offset())));
    }
    // `l'altro ieri`, `15 gennaio, 2027`: apostrophes and commas separate words too.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '\'' | '’' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    if let ["entro" | "by" | "bis", rest @ ..] = words.as_slice() {
        // "by Friday", "entro venerdì", "bis Freitag": the day itself, looking ahead.
        if !rest.is_empty() {
            return parse_lower(&rest.join(" "), today, now, Bias::Future);
        }
    }
    if let Some(day) = day_and_month(&words, today, bias) {
        return day.map(At::Date);
    }
    let day = match words.as_slice() {
        ["now"] | ["ora"] | ["adesso"] | ["jetzt"] => return Ok(At::DateTime(now)),
        ["dopodomani"] | ["übermorgen"] | ["uebermorgen"] | ["day", "after", "tomorrow"] => {
            today.checked_add_days(Days::new(2))
        }
        ["vorgestern"]
        | ["altroieri"]
        | ["l", "altro", "ieri"]
        | ["ieri", "l", "altro"]
        | ["day", "before", "yesterday"] => today.checked_sub_days(Days::new(2)),
        // The end of the working week: the coming Friday (today on a Friday).
        ["fine", "settimana"]
        | ["a", "fine", "settimana"]
        | ["fine", "della", "settimana"]
        | ["end", "of", "week"]
        | ["end", "of", "the", "week"]
        | ["ende", "der", "woche"] => {
            today.checked_add_days(Days::new(days_from(today.weekday(), Weekday::Fri).into()))
        }
        ["today"] | ["oggi"] | ["heute"] => Some(today),
        ["yesterday"] | ["ieri"] | ["gestern"] => today.pred_opt(),
        ["tomorrow"] | ["domani"] | ["morgen"] => today.succ_opt(),
        ["end", "of", "month"]
        | ["end", "of", "the", "month"]
        | ["fine", "mese"]
        | ["a", "fine", "mese"]
        | ["fine", "del", "mese"]
        | ["monatsende"]
        | ["ende", "des", "monats"] => end_of_month(today),
        ["next", "week"]
        | ["settimana", "prossima"]
        | ["prossima", "settimana"]
        | ["nächste" | "naechste" | "kommende", "woche"] => {
            // The Monday of next week.
            let ahead = 7 - today.weekday().num_days_from_monday();
            today.checked_add_days(Days::new(ahead.into()))
        }
        ["next", "month"]
        | ["mese", "prossimo"]
        | ["prossimo", "mese"]
        | [
            "nächsten" | "naechsten" | "nächster" | "naechster" | "kommenden",
            "monat",
        ] => today
            .with_day(1)
            .and_then(|first| first.checked_add_months(Months::new(1))),
        // No later arm takes these words in another sense: a name that is not a weekday is
        // an unknown date here as everywhere.
        [name, "prossimo" | "prossima"]
        | [
            "next" | "prossimo" | "prossima" | "nächsten" | "naechsten" | "nächster" | "naechster"
            | "kommenden" | "kommender",
            name,
        ] => {
            let wd = weekday(name).ok_or(Fail::Unknown)?;
            // 1..=7 days ahead.
            let ahead = (days_from(today.weekday(), wd) + 6) % 7 + 1;
            today.checked_add_days(Days::new(ahead.into()))
        }
        [name, "scorso" | "scorsa"]
        | [
            "last" | "letzten" | "letzter" | "vergangenen" | "vergangener" | "vorigen" | "voriger",
            name,
        ] => {
            let wd = weekday(name).ok_or(Fail::Unknown)?;
            // 1..=7 days back.
            let back = (days_from(wd, today.weekday()) + 6) % 7 + 1;
            today.checked_sub_days(Days::new(back.into()))
        }
        ["tra" | "fra", count, unit] => shift(today, true, count_of(count)?, unit_of(unit)?),
        [count, unit, "fa"] | ["vor", count, unit] => {
            shift(today, false, count_of(count)?, unit_of(unit)?)
        }
        ["in", count, unit] => shift(today, true, count_of(count)?, unit_of(unit)?),
        [count, unit, "ago"] => shift(today, false, count_of(count)?, unit_of(unit)?),
        [word] => {
            if let Some(wd) = weekday(word) {
                match bias {
                    Bias::Future => {
                        today.checked_add_days(Days::new(days_from(today.weekday(), wd).into()))
                    }
                    Bias::Past => {
                        today.checked_sub_days(Days::new(days_from(wd, today.weekday()).into()))
                    }
                }
            } else if let Some(rest) = word.strip_prefix('+') {
                let (count, unit) = offset(rest).ok_or(Fail::Unknown)?;
                shift(today, true, count_of(count)?, unit)
            } else if let Some(rest) = word.strip_prefix('-') {
                let (count, unit) = offset(rest).ok_or(Fail::Unknown)?;
                shift(today, false, count_of(count)?, unit)
            } else if offset(word).is_some() {
                return Err(Fail::Reason(DateProblem::Unsigned));
            } else {
                return Err(Fail::Unknown);
            }
        }
        _ => return Err(Fail::Unknown),
    };
    day.map(At::Date)
        .ok_or(Fail::Reason(DateProblem::OutOfRange))
}

const OUT_OF_RANGE: &str = "offset out of range";

/// Days to go forward from weekday `from` to reach weekday `to` (0..=6).
fn days_from(from: Weekday, to: Weekday) -> u32 {
    (to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7
}

/// The last day of `today`'s month.
fn end_of_month(today: NaiveDate) -> Option<NaiveDate> {
    today
        .with_day(1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// A weekday name, full or abbreviated, in English, Italian or German, with or without the accent
/// (`venerdì`, `venerdi`, `venerdi'`, `ven`).
fn weekday(word: &str) -> Option<Weekday> {
    let plain: String = word
        .chars()
        .filter(|c| *c != '\'')
        .map(|c| match c {
            'ì' | 'í' => 'i',
            other => other,
        })
        .collect();
    Some(match plain.as_str() {
        "monday" | "mon" | "lunedi" | "lun" | "montag" | "mo" => Weekday::Mon,
        "tuesday" | "tue" | "tues" | "martedi" | "mar" | "dienstag" | "di" => Weekday::Tue,
        "wednesday" | "wed" | "mercoledi" | "mer" | "mittwoch" | "mi" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" | "giovedi" | "gio" | "donnerstag" | "do" => {
            Weekday::Thu
        }
        "friday" | "fri" | "venerdi" | "ven" | "freitag" | "fr" => Weekday::Fri,
        "saturday" | "sat" | "sabato" | "sab" | "samstag" | "sonnabend" | "sa" => Weekday::Sat,
        "sunday" | "sun" | "domenica" | "dom" | "sonntag" | "so" => Weekday::Sun,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
}

/// Splits `3d` into its digits and unit; `None` unless it is digits followed by d, w or m.
fn offset(s: &str) -> Option<(&str, Unit)> {
    let (count, unit) = if let Some(c) = s.strip_suffix('d') {
        (c, Unit::Day)
    } else if let Some(c) = s.strip_suffix('w') {
        (c, Unit::Week)
    } else if let Some(c) = s.strip_suffix('m') {
        (c, Unit::Month)
    } else {
        return None;
    };
    is_digits(count).then_some((count, unit))
}

/// The unit word of `in 3 days` / `3 days ago`.
fn unit_of(word: &str) -> Result<Unit, Fail> {
    match word {
        "day" | "days" | "giorno" | "giorni" | "tag" | "tage" | "tagen" => Ok(Unit::Day),
        "week" | "weeks" | "settimana" | "settimane" | "woche" | "wochen" => Ok(Unit::Week),
        "month" | "months" | "mese" | "mesi" | "monat" | "monate" | "monaten" => Ok(Unit::Month),
        _ => Err(Fail::Unknown),
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A count of units: plain ASCII digits, or a number word up to ten in English or Italian
/// (`tra due giorni`, `fra una settimana`, `in two weeks`); too large a number is out of range.
fn count_of(s: &str) -> Result<u64, Fail> {
    const WORDS: [(&[&str], u64); 10] = [
        (
            &[
                "a", "an", "one", "un", "uno", "una", "ein", "eine", "einen", "einem", "einer",
            ],
            1,
        ),
        (&["two", "due", "zwei"], 2),
        (&["three", "tre", "drei"], 3),
        (&["four", "quattro", "vier"], 4),
        (&["five", "cinque", "fünf", "fuenf"], 5),
        (&["six", "sei", "sechs"], 6),
        (&["seven", "sette", "sieben"], 7),
        (&["eight", "otto", "acht"], 8),
        (&["nine", "nove", "neun"], 9),
        (&["ten", "dieci", "zehn"], 10),
    ];
    if let Some((_, n)) = WORDS.iter().find(|(words, _)| words.contains(&s)) {
        return Ok(*n);
    }
    if !is_digits(s) {
        return Err(Fail::Unknown);
    }
    s.parse().map_err(|_| Fail::Reason(DateProblem::OutOfRange))
}

/// A month name, full or abbreviated, in English, Italian or German (`gennaio`, `gen`, `januar`, `january`,
/// `jan`, `sept`).
fn month_of(word: &str) -> Option<u32> {
    Some(match word.trim_end_matches('.') {
        "january" | "jan" | "gennaio" | "gen" | "januar" | "jänner" | "jaenner" => 1,
        "february" | "feb" | "febbraio" | "februar" => 2,
        "march" | "mar" | "marzo" | "märz" | "maerz" | "mär" => 3,
        "april" | "apr" | "aprile" => 4,
        "may" | "maggio" | "mag" | "mai" => 5,
        "june" | "jun" | "giugno" | "giu" | "juni" => 6,
        "july" | "jul" | "luglio" | "lug" | "juli" => 7,
        "august" | "aug" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "settembre" | "set" => 9,
        "october" | "oct" | "ottobre" | "ott" | "oktober" | "okt" => 10,
        "november" | "nov" | "novembre" => 11,
        "december" | "dec" | "dicembre" | "dic" | "dezember" | "dez" => 12,
        _ => return None,
    })
}

/// `15 gennaio`, `15 gennaio 2027`, `january 15`, `jan 15 2027`: `None` when the words are not
/// a day and a month name; else the date ([`on_day`]), or why it cannot be one.
fn day_and_month(words: &[&str], today: NaiveDate, bias: Bias) -> Option<Result<NaiveDate, Fail>> {
    let day_of = |w: &str| {
        // `15. Januar`: German writes the day with a dot.
        let w = w.strip_suffix('.').unwrap_or(w);
        (is_digits(w) && w.len() <= 2)
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let (day, month, year) = match words {
        [d, m] | [m, d] if day_of(d).is_some() && month_of(m).is_some() => {
            (day_of(d)?, month_of(m)?, None)
        }
        [d, m, y] | [m, d, y]
            if day_of(d).is_some() && month_of(m).is_some() && is_digits(y) && y.len() == 4 =>
        {
            (day_of(d)?, month_of(m)?, y.parse::<i32>().ok())
        }
        _ => return None,
    };
    Some(on_day(day, month, year, today, bias))
}

/// `today` moved `count` units forward or back; `None` when the result is out of range.
fn shift(today: NaiveDate, forward: bool, count: u64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day | Unit::Week => {
            let days = if unit == Unit::Week {
                count.checked_mul(7)?
            } else {
                count
            };
            if forward {
                today.checked_add_days(Days::new(days))
            } else {
                today.checked_sub_days(Days::new(days))
            }
        }
        Unit::Month => {
            let months = Months::new(u32::try_from(count).ok()?);
            if forward {
                today.checked_add_months(months)
            } else {
                today.checked_sub_months(months)
            }
        }
    }
}

/// The numbers of an ISO date or date-time, before they are checked against the calendar.
struct Iso {
    date: (i32, u32, u32),
    /// Hour, minute, second, nanosecond.
    time: Option<(u32, u32, u32, u32)>,
    /// `None`: no offset typed; otherwise the sign (+1 or -1), hours and minutes.
    offset: Option<(i32, u32, u32)>,
}

impl Iso {
    /// `assumed`: the offset of a date-time typed without one; `None` keeps it local
    /// ([`At::Local`]).
    fn resolve(self, assumed: Option<FixedOffset>) -> Result<At, Fail> {
        let (y, m, d) = self.date;
        let date =
            NaiveDate::from_ymd_opt(y, m, d).ok_or(Fail::Reason(DateProblem::NotACalendarDate))?;
        let Some((hh, mm, ss, nano)) = self.time else {
            return Ok(At::Date(date));
        };
        let time = NaiveTime::from_hms_nano_opt(hh, mm, ss, nano)
            .filter(|_| nano < 1_000_000_000)
            .ok_or(Fail::Reason(DateProblem::NotATimeOfDay))?;
        let local = NaiveDateTime::new(date, time);
        let offset = match (self.offset, assumed) {
            (None, None) => return Ok(At::Local(local)),
            (None, Some(assumed)) => assumed,
            (Some((sign, oh, om)), _) => {
                let bad = Fail::Reason(DateProblem::NotAnOffset);
                if oh > 23 || om > 59 {
                    return Err(bad);
                }
                let secs = sign * (oh * 3600 + om * 60) as i32;
                FixedOffset::east_opt(secs).ok_or(bad)?
            }
        };
        offset
            .from_local_datetime(&local)
            .single()
            .map(At::DateTime)
            .ok_or(Fail::Reason(DateProblem::NotRepresentable))
    }
}

/// A cursor over the bytes of a lowercased text.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..n {
            let b = self.peek().filter(u8::is_ascii_digit)?;
            value = value * 10 + u32::from(b - b'0');
            self.pos += 1;
        }
        Some(value)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

/// `None` if `s` does not start like an ISO date (`YYYY-`); otherwise the parsed numbers, or
/// [`Fail::Unknown`] if the rest does not follow the ISO shape.
fn iso_numbers(s: &str) -> Option<Result<Iso, Fail>> {
    let mut c = Cursor {
        bytes: s.as_bytes(),
        pos: 0,
    };
    let year = c.digits(4)?;
    if !c.eat(b'-') {
        return None;
    }
    Some(iso_rest(&mut c, year).ok_or(Fail::Unknown))
}

fn iso_rest(c: &mut Cursor<'_>, year: u32) -> Option<Iso> {
    let month = c.digits(2)?;
    c.eat(b'-').then_some(())?;
    let day = c.digits(2)?;
    let date = (i32::try_from(year).ok()?, month, day);
    if c.at_end() {
        return Some(Iso {
            date,
            time: None,
            offset: None,
        });
    }
    if !c.eat(b't') {
        let before = c.pos;
        c.skip_spaces();
        if c.pos == before {
            return None;
        }
    }
    let hh = c.digits(2)?;
    c.eat(b':').then_some(())?;
    let mm = c.digits(2)?;
    let (mut ss, mut nano) = (0, 0);
    if c.eat(b':') {
        ss = c.digits(2)?;
        if c.eat(b'.') {
            let mut places = 0;
            while let Some(b) = c.peek().filter(u8::is_ascii_digit) {
                if places == 9 {
                    return None;
                }
                nano = nano * 10 + u32::from(b - b'0');
                places += 1;
                c.pos += 1;
            }
            if places == 0 {
                return None;
            }
            nano *= 10u32.pow(9 - places);
        }
    }
    c.skip_spaces();
    let offset = if c.at_end() {
        None
    } else if c.eat(b'z') {
        Some((1, 0, 0))
    } else {
        let sign = if c.eat(b'+') {
            1
        } else if c.eat(b'-') {
            -1
        } else {
            return None;
        };
        let oh = c.digits(2)?;
        let om = if c.at_end() {
            0
        } else {
            c.eat(b':');
            c.digits(2)?
        };
        Some((sign, oh, om))
    };
    c.at_end().then_some(Iso {
        date,
        time: Some((hh, mm, ss, nano)),
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Wednesday 2026-11-25.
    fn today() -> NaiveDate {
        d(2026, 11, 25)
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-25T14:05:00+01:00").unwrap()
    }

    fn when(text: &str, bias: Bias) -> Result<At, String> {
        parse_when(text, today(), now(), bias)
    }

    fn day_on(text: &str, today: NaiveDate, bias: Bias) -> NaiveDate {
        parse_day(text, today, now(), bias).unwrap()
    }

    fn day(text: &str, bias: Bias) -> NaiveDate {
        day_on(text, today(), bias)
    }

    fn dt(s: &str) -> At {
        At::DateTime(DateTime::parse_from_rfc3339(s).unwrap())
    }

    fn err(text: &str) -> String {
        let e = when(text, Bias::Past).unwrap_err();
        assert_eq!(e, when(text, Bias::Future).unwrap_err());
        assert!(!e.contains('\n'), "one line: {e}");
        e
    }

    #[test]
    fn today_is_a_wednesday() {
        assert_eq!(today().weekday(), Weekday::Wed);
    }

    #[test]
    fn iso_date() {
        for bias in [Bias::Past, Bias::Future] {
            assert_eq!(when("2026-11-25", bias), Ok(At::Date(d(2026, 11, 25))));
            assert_eq!(when("2024-02-29", bias), Ok(At::Date(d(2024, 2, 29))));
            assert_eq!(when("  1999-01-31\t", bias), Ok(At::Date(d(1999, 1, 31))));
        }
    }

    #[test]
    fn iso_date_time_with_offset() {
        for (text, want) in [
            ("2026-11-25T10:30+01:00", "2026-11-25T10:30:00+01:00"),
            ("2026-11-25T10:30:15Z", "2026-11-25T10:30:15+00:00"),
            ("2026-11-25 10:30 -05:30", "2026-11-25T10:30:00-05:30"),
            ("2026-11-25T10:30:00+0200", "2026-11-25T10:30:00+02:00"),
            ("2026-11-25T10:30-03", "2026-11-25T10:30:00-03:00"),
            ("2026-11-25T10:30:00.5+01:00", "2026-11-25T10:30:00.5+01:00"),
        ] {
            assert_eq!(when(text, Bias::Past), Ok(dt(want)), "{text}");
        }
    }

    #[test]
    fn iso_date_time_without_offset_takes_the_offset_of_now() {
        use Bias::{Future as F, Past as P};
        for (text, bias, want) in [
            ("2026-11-25T10:30", P, "2026-11-25T10:30:00+01:00"),
            ("2026-11-25 10:30", F, "2026-11-25T10:30:00+01:00"),
            ("2026-01-02T03:04:05", P, "2026-01-02T03:04:05+01:00"),
        ] {
            assert_eq!(when(text, bias), Ok(dt(want)), "{text}");
        }
    }

    #[test]
    fn parse_day_of_a_date_time_is_its_own_day() {
        assert_eq!(day("2026-11-20T23:30-08:00", Bias::Past), d(2026, 11, 20));
        assert_eq!(day("2026-11-20 00:10", Bias::Past), d(2026, 11, 20));
    }

    #[test]
    fn words() {
        for bias in [Bias::Past, Bias::Future] {
            assert_eq!(when("today", bias), Ok(At::Date(d(2026, 11, 25))));
            assert_eq!(when("yesterday", bias), Ok(At::Date(d(2026, 11, 24))));
            assert_eq!(when("tomorrow", bias), Ok(At::Date(d(2026, 11, 26))));
            assert_eq!(when("now", bias), Ok(At::DateTime(now())));
        }
        assert_eq!(day("now", Bias::Past), d(2026, 11, 25));
        assert_eq!(
            day_on("yesterday", d(2026, 3, 1), Bias::Past),
            d(2026, 2, 28)
        );
        assert_eq!(
            day_on("tomorrow", d(2026, 12, 31), Bias::Past),
            d(2027, 1, 1)
        );
    }

    #[test]
    fn today_follows_the_given_day_not_the_clock() {
        assert_eq!(day_on("today", d(2020, 5, 5), Bias::Past), d(2020, 5, 5));
    }

    #[test]
    fn weekdays_future() {
        // Today is Wednesday 2026-11-25.
        let f = Bias::Future;
        assert_eq!(day("thursday", f), d(2026, 11, 26));
        assert_eq!(day("fri", f), d(2026, 11, 27));
        assert_eq!(day("sat", f), d(2026, 11, 28));
        assert_eq!(day("sunday", f), d(2026, 11, 29));
        assert_eq!(day("mon", f), d(2026, 11, 30));
        assert_eq!(day("tue", f), d(2026, 12, 1));
        assert_eq!(day("wednesday", f), d(2026, 11, 25));
        assert_eq!(day("wed", f), d(2026, 11, 25));
        assert_eq!(when("fri", f), Ok(At::Date(d(2026, 11, 27))));
    }

    #[test]
    fn weekdays_past() {
        let p = Bias::Past;
        assert_eq!(day("tuesday", p), d(2026, 11, 24));
        assert_eq!(day("mon", p), d(2026, 11, 23));
        assert_eq!(day("sun", p), d(2026, 11, 22));
        assert_eq!(day("saturday", p), d(2026, 11, 21));
        assert_eq!(day("fri", p), d(2026, 11, 20));
        assert_eq!(day("thu", p), d(2026, 11, 19));
        assert_eq!(day("wednesday", p), d(2026, 11, 25));
        assert_eq!(day("wed", p), d(2026, 11, 25));
    }

    #[test]
    fn next_and_last_weekday_are_strict() {
        for bias in [Bias::Past, Bias::Future] {
            assert_eq!(day("next wednesday", bias), d(2026, 12, 2));
            assert_eq!(day("last wed", bias), d(2026, 11, 18));
            assert_eq!(day("next thursday", bias), d(2026, 11, 26));
            assert_eq!(day("next tue", bias), d(2026, 12, 1));
            assert_eq!(day("last thursday", bias), d(2026, 11, 19));
            assert_eq!(day("last tue", bias), d(2026, 11, 24));
            assert_eq!(day("next   friday", bias), d(2026, 11, 27));
        }
    }

    #[test]
    fn every_weekday_from_every_weekday() {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        // 2026-11-23 is a Monday.
        for offset in 0..7 {
            let t = d(2026, 11, 23 + offset);
            for name in names {
                let fut = day_on(name, t, Bias::Future);
                let past = day_on(name, t, Bias::Past);
                let next = day_on(&format!("next {name}"), t, Bias::Past);
                let last = day_on(&format!("last {name}"), t, Bias::Future);
                let ahead = (fut - t).num_days();
                let back = (t - past).num_days();
                assert!((0..7).contains(&ahead), "{name} from {t}");
                assert!((0..7).contains(&back), "{name} from {t}");
                assert!(
                    (1..=7).contains(&(next - t).num_days()),
                    "next {name} from {t}"
                );
                assert!(
                    (1..=7).contains(&(t - last).num_days()),
                    "last {name} from {t}"
                );
                for x in [fut, past, next, last] {
                    assert_eq!(x.weekday(), weekday(name).unwrap());
                }
            }
        }
    }

    #[test]
    fn signed_offsets() {
        for bias in [Bias::Past, Bias::Future] {
            assert_eq!(when("+3d", bias), Ok(At::Date(d(2026, 11, 28))));
            assert_eq!(when("-3d", bias), Ok(At::Date(d(2026, 11, 22))));
            assert_eq!(when("+0d", bias), Ok(At::Date(d(2026, 11, 25))));
            assert_eq!(day("+2w", bias), d(2026, 12, 9));
            assert_eq!(day("-2w", bias), d(2026, 11, 11));
            assert_eq!(day("+1m", bias), d(2026, 12, 25));
            assert_eq!(day("-1m", bias), d(2026, 10, 25));
            assert_eq!(day("+12m", bias), d(2027, 11, 25));
            assert_eq!(day("+40d", bias), d(2027, 1, 4));
        }
    }

    #[test]
    fn months_clamp_to_month_end() {
        let jan31 = d(2026, 1, 31);
        assert_eq!(day_on("+1m", jan31, Bias::Future), d(2026, 2, 28));
        assert_eq!(day_on("+1m", d(2024, 1, 31), Bias::Future), d(2024, 2, 29));
        assert_eq!(day_on("+3m", jan31, Bias::Future), d(2026, 4, 30));
        assert_eq!(day_on("-1m", d(2026, 3, 31), Bias::Past), d(2026, 2, 28));
        assert_eq!(day_on("in 1 month", jan31, Bias::Past), d(2026, 2, 28));
    }

    #[test]
    fn worded_offsets() {
        for bias in [Bias::Past, Bias::Future] {
            assert_eq!(when("in 3 days", bias), Ok(At::Date(d(2026, 11, 28))));
            assert_eq!(day("in 1 day", bias), d(2026, 11, 26));
            assert_eq!(day("in 2 weeks", bias), d(2026, 12, 9));
            assert_eq!(day("in 1 week", bias), d(2026, 12, 2));
            assert_eq!(day("in 2 months", bias), d(2027, 1, 25));
            assert_eq!(day("3 days ago", bias), d(2026, 11, 22));
            assert_eq!(day("1 day ago", bias), d(2026, 11, 24));
            assert_eq!(day("2 weeks ago", bias), d(2026, 11, 11));
            assert_eq!(day("1 week ago", bias), d(2026, 11, 18));
            assert_eq!(day("1 month ago", bias), d(2026, 10, 25));
            assert_eq!(day("  in   3   days ", bias), d(2026, 11, 28));
        }
    }

    #[test]
    fn case_insensitive() {
        assert_eq!(day("TODAY", Bias::Past), d(2026, 11, 25));
        assert_eq!(day("Yesterday", Bias::Past), d(2026, 11, 24));
        assert_eq!(day("FRIDAY", Bias::Future), d(2026, 11, 27));
        assert_eq!(day("Next Fri", Bias::Past), d(2026, 11, 27));
        assert_eq!(day("LAST Mon", Bias::Future), d(2026, 11, 23));
        assert_eq!(day("+3D", Bias::Past), d(2026, 11, 28));
        assert_eq!(day("-2W", Bias::Past), d(2026, 11, 11));
        assert_eq!(day("In 3 Days", Bias::Past), d(2026, 11, 28));
        assert_eq!(day("2 WEEKS AGO", Bias::Past), d(2026, 11, 11));
        assert_eq!(when("NOW", Bias::Past), Ok(At::DateTime(now())));
        assert_eq!(
            when("2026-11-25t10:30z", Bias::Past),
            Ok(dt("2026-11-25T10:30:00Z"))
        );
    }

    #[test]
    fn refuses_impossible_calendar_dates() {
        for (text, reason) in [
            ("2026-02-30", "not a calendar date"),
            ("2026-13-01", "not a calendar date"),
            ("2025-02-29", "not a calendar date"),
            ("2026-00-10", "not a calendar date"),
            ("2026-02-30T10:00", "not a calendar date"),
        ] {
            assert_eq!(err(text), format!("invalid date \"{text}\": {reason}"));
        }
    }

    #[test]
    fn refuses_impossible_times_and_offsets() {
        for (text, reason) in [
            ("2026-11-25T25:00", "not a valid time of day"),
            ("2026-11-25T10:60", "not a valid time of day"),
            ("2026-11-25T10:00:60", "not a valid time of day"),
            ("2026-11-25T10:00+24:00", "not a valid UTC offset"),
            ("2026-11-25T10:00+01:60", "not a valid UTC offset"),
        ] {
            assert_eq!(err(text), format!("invalid date \"{text}\": {reason}"));
        }
    }

    #[test]
    fn italian_and_english_everyday_dates() {
        use Bias::{Future as F, Past as P};
        // 2026-11-25 is a Wednesday.
        let on = |text: &str, bias: Bias| parse_day(text, d(2026, 11, 25), now(), bias);
        for (text, bias, want) in [
            ("dopodomani", F, d(2026, 11, 27)),
            ("day after tomorrow", F, d(2026, 11, 27)),
            ("l'altro ieri", P, d(2026, 11, 23)),
            ("ieri l'altro", P, d(2026, 11, 23)),
            ("altroieri", P, d(2026, 11, 23)),
            ("tra due giorni", F, d(2026, 11, 27)),
            ("fra una settimana", F, d(2026, 12, 2)),
            ("in two weeks", F, d(2026, 12, 9)),
            ("tre giorni fa", P, d(2026, 11, 22)),
            ("entro venerdì", F, d(2026, 11, 27)),
            ("entro venerdi", P, d(2026, 11, 27)),
            ("by friday", P, d(2026, 11, 27)),
            ("entro fine mese", F, d(2026, 11, 30)),
            ("entro 15 gennaio", P, d(2027, 1, 15)),
            ("fine settimana", F, d(2026, 11, 27)),
            ("entro fine settimana", F, d(2026, 11, 27)),
            ("end of the week", F, d(2026, 11, 27)),
            ("15 gennaio", F, d(2027, 1, 15)),
            ("15 gennaio", P, d(2026, 1, 15)),
            ("15 gen 2027", P, d(2027, 1, 15)),
            ("3 dicembre", F, d(2026, 12, 3)),
            ("25 novembre", F, d(2026, 11, 25)),
            ("25 novembre", P, d(2026, 11, 25)),
            ("january 15", F, d(2027, 1, 15)),
            ("Jan 15, 2025", F, d(2025, 1, 15)),
            ("29 febbraio", F, d(2028, 2, 29)),
            ("29 febbraio", P, d(2024, 2, 29)),
        ] {
            assert_eq!(on(text, bias), Ok(want), "{text:?} {bias:?}");
        }
        // On a Saturday, the end of the working week is the next Friday.
        assert_eq!(
            day_on("fine settimana", d(2026, 11, 28), Bias::Future),
            d(2026, 12, 4)
        );
        assert_eq!(
            parse_day("31 febbraio", d(2026, 11, 25), now(), Bias::Future),
            Err("invalid date \"31 febbraio\": not a calendar date".to_string())
        );
    }

    /// German, the third language: its everyday date words and dates with dots.
    #[test]
    fn german_everyday_dates() {
        use Bias::{Future as F, Past as P};
        // 2026-11-25 is a Wednesday.
        let on = |text: &str, bias: Bias| parse_day(text, d(2026, 11, 25), now(), bias);
        for (text, bias, want) in [
            ("heute", P, d(2026, 11, 25)),
            ("morgen", F, d(2026, 11, 26)),
            ("Übermorgen", F, d(2026, 11, 27)),
            ("uebermorgen", F, d(2026, 11, 27)),
            ("gestern", P, d(2026, 11, 24)),
            ("vorgestern", P, d(2026, 11, 23)),
            ("Montag", F, d(2026, 11, 30)),
            ("montag", P, d(2026, 11, 23)),
            ("Freitag", F, d(2026, 11, 27)),
            ("Sonntag", F, d(2026, 11, 29)),
            ("Fr", F, d(2026, 11, 27)),
            ("nächsten Montag", P, d(2026, 11, 30)),
            ("letzten Freitag", F, d(2026, 11, 20)),
            ("nächste Woche", F, d(2026, 11, 30)),
            ("nächsten Monat", F, d(2026, 12, 1)),
            ("in zwei Tagen", F, d(2026, 11, 27)),
            ("in einer Woche", F, d(2026, 12, 2)),
            ("in 3 Monaten", F, d(2027, 2, 25)),
            ("vor drei Tagen", P, d(2026, 11, 22)),
            ("bis Freitag", P, d(2026, 11, 27)),
            ("Monatsende", F, d(2026, 11, 30)),
            ("Ende der Woche", F, d(2026, 11, 27)),
            ("15. Januar", F, d(2027, 1, 15)),
            ("15. Januar 2027", P, d(2027, 1, 15)),
            ("3. März", F, d(2027, 3, 3)),
            ("1. Mai", P, d(2026, 5, 1)),
        ] {
            assert_eq!(on(text, bias), Ok(want), "{text:?} {bias:?}");
        }
        let dotted = |text: &str, bias| day_in(text, d(2026, 11, 25), bias, DateOrder::Dmy);
        assert_eq!(dotted("20.11.2026", Bias::Past), Ok(d(2026, 11, 20)));
        assert_eq!(dotted("3.12.", Bias::Future), Ok(d(2026, 12, 3)));
        assert_eq!(
            dotted("31.02.2026", Bias::Past),
            Err("invalid date \"31.02.2026\": not a calendar date".to_string())
        );
        assert!(
            dotted("irgendwann", Bias::Past)
                .unwrap_err()
                .contains("in German 20.11.2026, heute, morgen, übermorgen")
        );
    }

    #[test]
    fn refuses_unknown_text_with_the_accepted_forms() {
        assert_eq!(
            err("someday"),
            format!("invalid date \"someday\": {ACCEPTED}")
        );
        for text in [
            "",
            "   ",
            "+",
            "-",
            "+d",
            "+3",
            "3",
            "+3x",
            "+-3d",
            "++3d",
            "+3 d",
            "+ 3d",
            "+3dd",
            "next",
            "last someday",
            "in 3",
            "in eleven days",
            "in -3 days",
            "in 3 years",
            "3 days",
            "3 days from now",
            "fridays",
            "frid",
            "2026-11",
            "2026-1-5",
            "2026-11-25x",
            "2026-11-25T",
            "2026-11-25T10",
            "2026-11-25T10:3",
            "2026-11-25T10:30:",
            "2026-11-25T10:30:00.",
            "2026-11-25T10:30:00.1234567890",
            "2026-11-25T10:30+1",
            "2026-11-25T10:30+01:",
            "2026-11-25T10:30 utc",
            "2026-11-25Tx",
            "26-11-25",
            "+３d",
        ] {
            let e = err(text);
            assert!(
                e.starts_with(&format!("invalid date {:?}: use YYYY-MM-DD", text.trim())),
                "{text:?}: {e}"
            );
        }
    }

    #[test]
    fn refuses_a_bare_offset_with_a_hint() {
        assert_eq!(
            err("3d"),
            r#"invalid date "3d": write +N to count ahead or -N to count back (e.g. +3d, -3d)"#
        );
        assert!(err("2W").contains("+N"));
    }

    #[test]
    fn refuses_overflowing_offsets_without_panicking() {
        for text in [
            "+999999999999d",
            "+999999999d",
            "-999999999d",
            "+99999999999999999999999999d",
            "+999999999999w",
            "+3074457345618258603w",
            "+9999999999m",
            "-4294967295m",
            "in 999999999999 days",
            "999999999999 weeks ago",
            "in 99999999999999999999999 months",
        ] {
            assert_eq!(
                err(text),
                format!("invalid date {text:?}: offset out of range"),
            );
        }
        // Representable days, but not in a TOML date (four-digit years).
        for text in ["+2800000w", "-106000w"] {
            assert_eq!(
                err(text),
                format!("invalid date \"{text}\": offset out of range")
            );
        }
        let last = NaiveDate::MAX;
        assert!(parse_day("tomorrow", last, now(), Bias::Past).is_err());
        assert!(parse_day("next fri", last, now(), Bias::Past).is_err());
        assert!(parse_day("fri", last, now(), Bias::Future).is_err());
        let first = NaiveDate::MIN;
        assert!(parse_day("yesterday", first, now(), Bias::Past).is_err());
        assert!(parse_day("last fri", first, now(), Bias::Past).is_err());
    }

    #[test]
    fn error_quotes_trimmed_input() {
        assert!(err("  someday  ").starts_with(r#"invalid date "someday": "#));
        assert!(err("a\"b").starts_with(r#"invalid date "a\"b": "#));
    }

    fn day_in(
        text: &str,
        today: NaiveDate,
        bias: Bias,
        order: DateOrder,
    ) -> Result<NaiveDate, String> {
        parse_when_typed(text, today, now(), bias, order)
            .map(|at| at.day())
            .map_err(|e| e.to_string())
    }

    /// Every everyday form in English and Italian (understood whatever the locale), and every
    /// slash form per date order, with the day it means from Wednesday 2026-11-25.
    #[test]
    fn accepted_locale_forms() {
        use Bias::{Future as F, Past as P};
        use DateOrder::{Dmy, Mdy, Ymd};
        let table: &[(&str, Bias, DateOrder, NaiveDate)] = &[
            ("oggi", P, Ymd, d(2026, 11, 25)),
            ("ieri", P, Dmy, d(2026, 11, 24)),
            ("domani", F, Ymd, d(2026, 11, 26)),
            ("Ora", P, Ymd, d(2026, 11, 25)),
            ("adesso", P, Ymd, d(2026, 11, 25)),
            ("venerdì", F, Dmy, d(2026, 11, 27)),
            ("Venerdì", F, Ymd, d(2026, 11, 27)),
            ("venerdi", F, Ymd, d(2026, 11, 27)),
            ("venerdi'", F, Ymd, d(2026, 11, 27)),
            ("VENERDÌ", F, Ymd, d(2026, 11, 27)),
            ("ven", F, Ymd, d(2026, 11, 27)),
            ("venerdì", P, Ymd, d(2026, 11, 20)),
            ("lunedì", P, Ymd, d(2026, 11, 23)),
            ("martedi", F, Ymd, d(2026, 12, 1)),
            ("mercoledì", F, Ymd, d(2026, 11, 25)),
            ("giovedì", F, Ymd, d(2026, 11, 26)),
            ("sabato", F, Ymd, d(2026, 11, 28)),
            ("domenica", P, Ymd, d(2026, 11, 22)),
            ("lunedì prossimo", P, Ymd, d(2026, 11, 30)),
            ("prossimo lunedì", F, Ymd, d(2026, 11, 30)),
            ("mercoledì prossimo", F, Ymd, d(2026, 12, 2)),
            ("domenica prossima", F, Ymd, d(2026, 11, 29)),
            ("venerdì scorso", F, Ymd, d(2026, 11, 20)),
            ("mercoledì scorso", F, Ymd, d(2026, 11, 18)),
            ("tra 3 giorni", F, Ymd, d(2026, 11, 28)),
            ("fra 2 settimane", F, Ymd, d(2026, 12, 9)),
            ("tra 1 giorno", P, Ymd, d(2026, 11, 26)),
            ("tra 1 mese", F, Ymd, d(2026, 12, 25)),
            ("fra 2 mesi", F, Ymd, d(2027, 1, 25)),
            ("3 giorni fa", P, Ymd, d(2026, 11, 22)),
            ("1 settimana fa", P, Ymd, d(2026, 11, 18)),
            ("2 mesi fa", P, Ymd, d(2026, 9, 25)),
            ("end of month", F, Ymd, d(2026, 11, 30)),
            ("end of the month", F, Ymd, d(2026, 11, 30)),
            ("fine mese", F, Dmy, d(2026, 11, 30)),
            ("a fine mese", F, Ymd, d(2026, 11, 30)),
            ("Fine del mese", F, Ymd, d(2026, 11, 30)),
            ("next week", F, Ymd, d(2026, 11, 30)),
            ("settimana prossima", F, Ymd, d(2026, 11, 30)),
            ("prossima settimana", F, Ymd, d(2026, 11, 30)),
            ("next month", F, Ymd, d(2026, 12, 1)),
            ("mese prossimo", F, Ymd, d(2026, 12, 1)),
            ("prossimo mese", F, Ymd, d(2026, 12, 1)),
            ("20/11/2026", P, Dmy, d(2026, 11, 20)),
            ("1/2/2026", P, Dmy, d(2026, 2, 1)),
            ("01/02/2026", P, Dmy, d(2026, 2, 1)),
            ("11/20/2026", P, Mdy, d(2026, 11, 20)),
            ("29/02/2024", P, Dmy, d(2024, 2, 29)),
            ("20/11", P, Dmy, d(2026, 11, 20)),
            ("20/11", F, Dmy, d(2027, 11, 20)),
            ("28/12", P, Dmy, d(2025, 12, 28)),
            ("28/12", F, Dmy, d(2026, 12, 28)),
            ("25/11", P, Dmy, d(2026, 11, 25)),
            ("25/11", F, Dmy, d(2026, 11, 25)),
            ("11/20", P, Mdy, d(2026, 11, 20)),
            ("29/02", P, Dmy, d(2024, 2, 29)),
            ("29/02", F, Dmy, d(2028, 2, 29)),
            ("2026-11-20", P, Dmy, d(2026, 11, 20)),
        ];
        for &(text, bias, order, want) in table {
            assert_eq!(
                day_in(text, today(), bias, order),
                Ok(want),
                "{text:?} {bias:?} {order:?}"
            );
        }
        assert_eq!(
            day_on("fine mese", d(2024, 2, 3), Bias::Future),
            d(2024, 2, 29)
        );
        assert_eq!(
            day_on("next week", d(2026, 11, 29), Bias::Future),
            d(2026, 11, 30)
        );
        assert_eq!(
            day_on("mese prossimo", d(2026, 12, 31), Bias::Future),
            d(2027, 1, 1)
        );
    }

    /// Every refused locale form with its whole message.
    #[test]
    fn refused_locale_forms() {
        use DateOrder::{Dmy, Mdy, Ymd};
        const SLASHES: &str = "write a date with slashes as 20/11/2026 or 20/11";
        let table: &[(&str, DateOrder, &str)] = &[
            (
                "20/11/2026",
                Ymd,
                "this journal reads dates with slashes in no order; \
                 write YYYY-MM-DD, or set date_order = \"dmy\" (or \"mdy\") under [locale] in coltiva.toml",
            ),
            ("20/11/2026", Mdy, "not a calendar date"),
            ("31/11/2026", Dmy, "not a calendar date"),
            ("29/02/2025", Dmy, "not a calendar date"),
            ("32/01", Dmy, "not a calendar date"),
            ("00/01", Dmy, "not a calendar date"),
            (
                "20/11/26",
                Dmy,
                "write the year with four digits (20/11/2026)",
            ),
            ("20/11/02026", Dmy, SLASHES),
            ("2026/11/20", Dmy, SLASHES),
            ("20//2026", Dmy, SLASHES),
            ("1/2/3/4", Dmy, SLASHES),
            ("/11", Dmy, SLASHES),
            ("20/11/", Dmy, SLASHES),
        ];
        for &(text, order, reason) in table {
            for bias in [Bias::Past, Bias::Future] {
                assert_eq!(
                    day_in(text, today(), bias, order),
                    Err(format!("invalid date \"{text}\": {reason}")),
                    "{text:?} {order:?}"
                );
            }
        }
        let unknown = [
            "20-11-2026",
            "20/nov",
            "venerdìx",
            "prossimo",
            "lunedì prossimi",
            "fine",
            "fine anno",
            "tra undici giorni",
            "tra 3",
            "tra 3 anni",
            "3 giorni",
            "fa 3 giorni",
            "settimana",
            "next year",
            "end of year",
            "ieri l'altro ancora",
            "15 gennaio 27",
            "gennaio",
        ];
        for text in unknown {
            for (order, accepted) in [(Ymd, ACCEPTED), (Dmy, ACCEPTED_DMY), (Mdy, ACCEPTED_MDY)] {
                assert_eq!(
                    day_in(text, today(), Bias::Past, order),
                    Err(format!("invalid date {text:?}: {accepted}")),
                    "{text:?} {order:?}"
                );
            }
        }
    }

    #[test]
    fn import_cells_read_slashes_with_a_year_only() {
        assert_eq!(
            parse_cell("20/11/2026", DateOrder::Dmy),
            Ok(At::Date(d(2026, 11, 20)))
        );
        assert_eq!(
            parse_cell(" 2026-11-20 ", DateOrder::Dmy),
            Ok(At::Date(d(2026, 11, 20)))
        );
        assert_eq!(
            parse_cell("20/11", DateOrder::Dmy),
            Err("invalid date \"20/11\": a date in a file needs its year (20/11/2026)".into())
        );
        assert_eq!(
            parse_cell("20/11/2026", DateOrder::Ymd),
            Err("invalid date \"20/11/2026\": this journal reads dates with slashes in no order; \
                 write YYYY-MM-DD, or set date_order = \"dmy\" (or \"mdy\") under [locale] in coltiva.toml".into())
        );
        assert_eq!(
            parse_cell("ieri", DateOrder::Dmy),
            Err("invalid date \"ieri\": use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+HH:MM]".into())
        );
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in any::<String>()) {
            let _ = parse_cell(&text, DateOrder::Dmy);
            for bias in [Bias::Past, Bias::Future] {
                for order in [DateOrder::Dmy, DateOrder::Mdy] {
                    let _ = parse_when_typed(&text, today(), now(), bias, order);
                    let _ = day_in(&text, NaiveDate::MAX, bias, order);
                    let _ = day_in(&text, NaiveDate::MIN, bias, order);
                }
                let _ = parse_when(&text, today(), now(), bias);
                let _ = parse_day(&text, NaiveDate::MAX, now(), bias);
                let _ = parse_day(&text, NaiveDate::MIN, now(), bias);
            }
        }

        #[test]
        fn never_panics_on_date_like_text(
            text in r"[+-]?[0-9]{0,25}[dwm]?|(in )?[0-9]{1,25} (days?|weeks?|months?)( ago)?|[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{0,10})?)?( ?(Z|[+-][0-9]{2}(:?[0-9]{2})?))?)?"
        ) {
            for bias in [Bias::Past, Bias::Future] {
                let _ = parse_when(&text, today(), now(), bias);
                let _ = parse_day(&text, NaiveDate::MAX, now(), bias);
                let _ = parse_day(&text, NaiveDate::MIN, now(), bias);
            }
        }

        #[test]
        fn never_panics_on_slash_dates(text in r"[0-9]{0,6}(/[0-9]{0,6}){0,3}") {
            for bias in [Bias::Past, Bias::Future] {
                for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
                    let _ = day_in(&text, NaiveDate::MAX, bias, order);
                    let _ = day_in(&text, NaiveDate::MIN, bias, order);
                    let _ = parse_cell(&text, order);
                }
            }
        }

        #[test]
        fn parse_day_agrees_with_parse_when(
            text in r"(today|yesterday|tomorrow|now|[+-][0-9]{1,4}[dwm]|(next |last )?(mon|tue|wed|thu|fri|sat|sun))"
        ) {
            for bias in [Bias::Past, Bias::Future] {
                let at = parse_when(&text, today(), now(), bias).unwrap();
                prop_assert_eq!(parse_day(&text, today(), now(), bias).unwrap(), at.day());
            }
        }
    }
}

/// Tests written to kill the mutants `bench/mutants.sh` found (docs/TESTING.md).
#[cfg(test)]
mod mutant_tests {
    use super::*;

    fn offset_seconds(text: &str) -> Result<i32, String> {
        match parse_cell(text, DateOrder::Ymd)? {
            At::DateTime(dt) => Ok(dt.offset().local_minus_utc()),
            other => Err(format!("not a date-time: {other:?}")),
        }
    }

    #[test]
    fn utc_offsets_go_up_to_23_59() {
        assert_eq!(
            offset_seconds("2026-11-25T10:00+23:59"),
            Ok(23 * 3600 + 59 * 60)
        );
        assert_eq!(
            offset_seconds("2026-11-25T10:00-22:59"),
            Ok(-(22 * 3600 + 59 * 60))
        );
        assert_eq!(
            offset_seconds("2026-11-25T10:00+05:30"),
            Ok(5 * 3600 + 30 * 60)
        );
        for bad in ["2026-11-25T10:00+24:00", "2026-11-25T10:00+05:60"] {
            let err = offset_seconds(bad).unwrap_err();
            assert!(err.contains("not a valid UTC offset"), "{bad}: {err}");
        }
    }

    #[test]
    fn every_date_order_reads_back_from_its_name() {
        for order in [DateOrder::Ymd, DateOrder::Dmy, DateOrder::Mdy] {
            assert_eq!(order.as_str().parse::<DateOrder>(), Ok(order));
        }
        let err = "dym".parse::<DateOrder>().unwrap_err();
        assert!(err.contains("expected dmy | mdy | ymd"), "{err}");
    }
}
