//! Lifecycle phase, its timeline and its receipt (PRODUCT.md §4.3).

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::config::Settings;
use crate::model::{Customer, Kind, Phase, PhaseRecord, PhaseSetting};

/// Which of the five rules of PRODUCT.md §4.3 decided a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseRule {
    /// 1. The latest `[[phase]]` record on or before the day pins a phase.
    Pinned,
    /// 2. No order on or before the day: potential.
    NoOrder,
    /// 3. The last order is more than `lost_days` before the day: lost.
    Lost,
    /// 4. The first order is within `new_days` of the day: new.
    New,
    /// 5. Otherwise: acquired.
    Acquired,
    /// Not a lifecycle rule: an internal customer (a colleague, an agent) has no phase.
    Internal,
}

impl PhaseRule {
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseRule::Pinned => "pinned",
            PhaseRule::NoOrder => "no_order",
            PhaseRule::Lost => "lost",
            PhaseRule::New => "new",
            PhaseRule::Acquired => "acquired",
            PhaseRule::Internal => "internal",
        }
    }
}

impl fmt::Display for PhaseRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The phase a customer is shown in: its lifecycle phase, or `internal` for the firm's own
/// people (`kind = "internal"`), who have none (PRODUCT.md §8.3). Ordered as the lifecycle,
/// internal last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShownPhase {
    Lifecycle(Phase),
    Internal,
}

impl ShownPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            ShownPhase::Lifecycle(phase) => phase.as_str(),
            ShownPhase::Internal => "internal",
        }
    }

    /// The lifecycle phase; `None` for an internal customer.
    pub fn lifecycle(self) -> Option<Phase> {
        match self {
            ShownPhase::Lifecycle(phase) => Some(phase),
            ShownPhase::Internal => None,
        }
    }
}

impl fmt::Display for ShownPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A phase word, or `internal` (for `list --phase internal`).
impl std::str::FromStr for ShownPhase {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "internal" {
            return Ok(ShownPhase::Internal);
        }
        s.parse::<Phase>().map(ShownPhase::Lifecycle).map_err(|_| {
            format!(
                "unknown phase {s:?} (expected {} | internal)",
                Phase::choices()
            )
        })
    }
}

impl crate::model::Word for ShownPhase {
    fn words() -> Vec<&'static str> {
        let mut words: Vec<&'static str> = Phase::ALL.iter().map(|p| p.as_str()).collect();
        words.push("internal");
        words
    }
}

impl PartialEq<Phase> for ShownPhase {
    fn eq(&self, other: &Phase) -> bool {
        *self == ShownPhase::Lifecycle(*other)
    }
}

/// JSON: the phase word, or `"internal"`.
impl Serialize for ShownPhase {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The phase-relevant records of a customer up to a day, sorted once so that the phase on any
/// day is two binary searches.
struct PhaseIndex<'c> {
    /// Order days, ascending.
    orders: Vec<NaiveDate>,
    /// `[[phase]]` records by moment, file order only between equal moments.
    pins: Vec<(NaiveDate, &'c PhaseRecord)>,
}

/// The phase on one day, with what decided it.
struct Evaluation<'c> {
    phase: Phase,
    rule: PhaseRule,
    pin: Option<(NaiveDate, &'c PhaseRecord)>,
    first_order: Option<NaiveDate>,
    last_order: Option<NaiveDate>,
    orders: usize,
}

fn minus_days(day: NaiveDate, n: u32) -> Option<NaiveDate> {
    day.checked_sub_days(Days::new(u64::from(n)))
}

fn plus_days(day: NaiveDate, n: u64) -> Option<NaiveDate> {
    day.checked_add_days(Days::new(n))
}

impl<'c> PhaseIndex<'c> {
    /// Indexes the purchases and phase records dated on or before `upto`. A negative order (a
    /// credit note, a refund) is not a purchase: it cannot make a customer new, keep one from
    /// being lost, or win one back.
    fn new(customer: &'c Customer, upto: NaiveDate) -> PhaseIndex<'c> {
        let mut orders: Vec<NaiveDate> = customer
            .orders
            .iter()
            .filter(|o| o.amount.cents >= 0)
            .map(|o| o.at.day())
            .filter(|&day| day <= upto)
            .collect();
        orders.sort_unstable();
        let mut pins: Vec<(NaiveDate, &PhaseRecord)> = customer
            .phases
            .iter()
            .map(|p| (p.at.day(), p))
            .filter(|&(day, _)| day <= upto)
            .collect();
        // By moment (PRODUCT.md §9.1: the latest pin of a day is the one latest in the day);
        // stable, so file order only between equal moments.
        pins.sort_by_key(|&(_, p)| p.at.sort_key());
        PhaseIndex { orders, pins }
    }

    /// Whether there is a purchase after `after` and on or before `upto`.
    fn purchased_between(&self, after: NaiveDate, upto: NaiveDate) -> bool {
        let first_after = self.orders.partition_point(|&d| d <= after);
        self.orders.get(first_after).is_some_and(|&d| d <= upto)
    }

    /// The five rules, on `day` (which must not be after the index's `upto`).
    fn evaluate(&self, settings: &Settings, day: NaiveDate) -> Evaluation<'c> {
        let n = self.orders.partition_point(|&d| d <= day);
        let first_order = self.orders[..n].first().copied();
        let last_order = self.orders[..n].last().copied();
        let mut eval = Evaluation {
            phase: Phase::Potential,
            rule: PhaseRule::NoOrder,
            pin: None,
            first_order,
            last_order,
            orders: n,
        };
        // 1. The latest phase record on or before the day, unless `auto`, pins.
        let p = self.pins.partition_point(|&(d, _)| d <= day);
        if let Some(&(pin_day, record)) = p.checked_sub(1).map(|i| &self.pins[i])
            && let PhaseSetting::Pin(phase) = record.set
        {
            eval.phase = phase;
            eval.rule = PhaseRule::Pinned;
            eval.pin = Some((pin_day, record));
            return eval;
        }
        // 2. No order on or before the day.
        let (Some(first), Some(last)) = (first_order, last_order) else {
            return eval;
        };
        // 3. Last order before day − lost_days.
        if minus_days(day, settings.lost_days).is_some_and(|t| last < t) {
            eval.phase = Phase::Lost;
            eval.rule = PhaseRule::Lost;
        // 4. First order on or after day − new_days.
        } else if minus_days(day, settings.new_days).is_none_or(|t| first >= t) {
            eval.phase = Phase::New;
            eval.rule = PhaseRule::New;
        // 5. Otherwise.
        } else {
            eval.phase = Phase::Acquired;
            eval.rule = PhaseRule::Acquired;
        }
        eval
    }
}

/// The phase of a customer on `day`, and the rule that decided it (PRODUCT.md §4.3):
/// 1. the latest `[[phase]]` record on or before `day` (by moment, then file order), unless it
///    says `auto`, pins the phase;
/// 2. otherwise no order on or before `day` → potential;
/// 3. otherwise last order before `day − lost_days` → lost;
/// 4. otherwise first order on or after `day − new_days` → new;
/// 5. otherwise → acquired.
pub fn phase_on(customer: &Customer, settings: &Settings, day: NaiveDate) -> (Phase, PhaseRule) {
    let eval = PhaseIndex::new(customer, day).evaluate(settings, day);
    (eval.phase, eval.rule)
}

/// A day on which a customer moved from one phase to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PhaseChange {
    #[serde(with = "super::serde_day")]
    pub day: NaiveDate,
    /// The phase before; `None` for the first entry of a timeline.
    pub from: Option<Phase>,
    pub to: Phase,
    pub rule: PhaseRule,
    /// A move out of `lost` caused by a purchase: to `new` or `acquired`, with a purchase
    /// after the day the customer became lost and on or before the day of the move. A pin or
    /// `auto` without such a purchase is not a win-back, and neither is a pin to partner.
    pub won_back: bool,
}

/// The first day of a customer's story up to `as_of`: the earlier of `since` and its first
/// record on or before `as_of`.
fn start_day(customer: &Customer, as_of: NaiveDate) -> Option<NaiveDate> {
    customer
        .first_story_day(as_of)
        .into_iter()
        .chain(customer.header.since)
        .min()
}

fn timeline_with(
    customer: &Customer,
    settings: &Settings,
    index: &PhaseIndex<'_>,
    as_of: NaiveDate,
) -> Vec<PhaseChange> {
    let Some(start) = start_day(customer, as_of).filter(|&s| s <= as_of) else {
        return Vec::new();
    };
    // The phase can only change on these days: the start, each order day, the day after each
    // order leaves the new window, the day after each order leaves the lost window, and each
    // phase record day.
    let new_step = u64::from(settings.new_days) + 1;
    let lost_step = u64::from(settings.lost_days) + 1;
    let mut candidates: Vec<NaiveDate> =
        Vec::with_capacity(1 + 3 * index.orders.len() + index.pins.len());
    candidates.push(start);
    for &day in &index.orders {
        candidates.push(day);
        candidates.extend(plus_days(day, new_step));
        candidates.extend(plus_days(day, lost_step));
    }
    candidates.extend(index.pins.iter().map(|&(day, _)| day));
    candidates.retain(|&day| start <= day && day <= as_of);
    candidates.sort_unstable();
    candidates.dedup();

    let mut changes: Vec<PhaseChange> = Vec::new();
    for day in candidates {
        let eval = index.evaluate(settings, day);
        let from = changes.last();
        if from.map(|c| c.to) == Some(eval.phase) {
            continue;
        }
        let won_back = from.is_some_and(|lost| {
            lost.to == Phase::Lost
                && matches!(eval.phase, Phase::New | Phase::Acquired)
                && index.purchased_between(lost.day, day)
        });
        changes.push(PhaseChange {
            day,
            from: from.map(|c| c.to),
            to: eval.phase,
            rule: eval.rule,
            won_back,
        });
    }
    changes
}

/// Every day up to `as_of` on which the customer's phase changed, oldest first; the first entry
/// (from `None`) is the phase on the customer's start day (the earlier of `since` and its first
/// record). Empty when the customer has neither a `since` nor records on or before `as_of`,
/// and for an internal customer, who has no lifecycle. O(n log n) in the number of records.
pub fn phase_timeline(
    customer: &Customer,
    settings: &Settings,
    as_of: NaiveDate,
) -> Vec<PhaseChange> {
    if customer.header.kind == Kind::Internal {
        return Vec::new();
    }
    let index = PhaseIndex::new(customer, as_of);
    timeline_with(customer, settings, &index, as_of)
}

/// The phase as of a day, with its receipt: the rule, the records it rests on and since when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseAssessment {
    pub phase: ShownPhase,
    pub rule: PhaseRule,
    /// The first day of the current phase (the last timeline change); `as_of` when the customer
    /// has no timeline (no `since` and no records on or before `as_of`). For an internal
    /// customer, its start day (the earlier of `since` and its first record), else `as_of`.
    #[serde(with = "super::serde_day")]
    pub since: NaiveDate,
    /// The day and reason of the deciding `[[phase]]` record, for rule `pinned`.
    #[serde(with = "super::serde_day::option")]
    pub pin_day: Option<NaiveDate>,
    pub pin_reason: Option<String>,
    /// Purchases (orders of zero or more) on or before `as_of`.
    #[serde(with = "super::serde_day::option")]
    pub first_order: Option<NaiveDate>,
    #[serde(with = "super::serde_day::option")]
    pub last_order: Option<NaiveDate>,
    pub orders: u32,
    /// `as_of − new_days` for rules new and acquired, `as_of − lost_days` for rule lost.
    #[serde(with = "super::serde_day::option")]
    pub threshold: Option<NaiveDate>,
    /// The day assessed.
    #[serde(with = "super::serde_day")]
    pub as_of: NaiveDate,
}

/// The phase of a customer as of `as_of`, with everything needed to explain it; `internal`
/// for an internal customer.
pub fn assess(customer: &Customer, settings: &Settings, as_of: NaiveDate) -> PhaseAssessment {
    let index = PhaseIndex::new(customer, as_of);
    let eval = index.evaluate(settings, as_of);
    if customer.header.kind == Kind::Internal {
        return PhaseAssessment {
            phase: ShownPhase::Internal,
            rule: PhaseRule::Internal,
            since: start_day(customer, as_of)
                .filter(|&s| s <= as_of)
                .unwrap_or(as_of),
            pin_day: None,
            pin_reason: None,
            first_order: eval.first_order,
            last_order: eval.last_order,
            orders: u32::try_from(eval.orders).unwrap_or(u32::MAX),
            threshold: None,
            as_of,
        };
    }
    let timeline = timeline_with(customer, settings, &index, as_of);
    let threshold = match eval.rule {
        PhaseRule::New | PhaseRule::Acquired => minus_days(as_of, settings.new_days),
        PhaseRule::Lost => minus_days(as_of, settings.lost_days),
        PhaseRule::Pinned | PhaseRule::NoOrder | PhaseRule::Internal => None,
    };
    PhaseAssessment {
        phase: ShownPhase::Lifecycle(eval.phase),
        rule: eval.rule,
        since: timeline.last().map_or(as_of, |c| c.day),
        pin_day: eval.pin.map(|(day, _)| day),
        pin_reason: eval.pin.and_then(|(_, record)| record.reason.clone()),
        first_order: eval.first_order,
        last_order: eval.last_order,
        orders: u32::try_from(eval.orders).unwrap_or(u32::MAX),
        threshold,
        as_of,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::*;
    use crate::model::{Channel, Record};
    // Short names, so that a phase change is written on one line.
    use Phase as P;
    use PhaseRule as R;

    const AS_OF: &str = "2026-06-15";

    fn settings() -> Settings {
        Settings::default() // new_days 90, lost_days 365
    }

    /// The timeline starts at the first record of every kind but a person's (the kinds'
    /// `STORY`), or at `since` when earlier; records after the as-of day do not count.
    #[test]
    fn the_story_starts_at_the_first_record_of_any_kind_but_a_person() {
        let at = |day: &str| crate::model::At::Date(d(day));
        for record in Record::samples(at("2026-03-02"), "x", false) {
            let story = !matches!(record, Record::Person(_));
            let mut c = customer(None);
            c.push(record);
            let later = Record::samples(at("2026-04-01"), "y", false);
            later.into_iter().for_each(|r| c.push(r));
            let want = if story { "2026-03-02" } else { "2026-04-01" };
            assert_eq!(start_day(&c, d(AS_OF)), Some(d(want)), "{story}");
            assert_eq!(
                start_day(&c, d("2026-03-31")),
                story.then(|| d("2026-03-02"))
            );
            c.header.since = Some(d("2026-01-05"));
            assert_eq!(start_day(&c, d(AS_OF)), Some(d("2026-01-05")));
        }
    }

    fn on(c: &Customer, day: &str) -> (Phase, PhaseRule) {
        phase_on(c, &settings(), d(day))
    }

    /// The English receipt of an assessment under the default settings.
    fn receipt(a: &PhaseAssessment) -> String {
        let s = settings();
        crate::i18n::Catalogue::phase_receipt(&crate::i18n::en::English, a, s.new_days, s.lost_days)
    }

    fn change(
        day: &str,
        from: Option<Phase>,
        to: Phase,
        rule: PhaseRule,
        won_back: bool,
    ) -> PhaseChange {
        PhaseChange {
            day: d(day),
            from,
            to,
            rule,
            won_back,
        }
    }

    #[test]
    fn no_order_is_potential() {
        let c = build(
            Some("2026-01-01"),
            vec![interaction("2026-02-01", Channel::Call)],
        );
        assert_eq!(on(&c, AS_OF), (Phase::Potential, PhaseRule::NoOrder));
        // An order after the day does not count.
        let c = build(Some("2026-01-01"), vec![order("2026-06-16")]);
        assert_eq!(on(&c, AS_OF), (Phase::Potential, PhaseRule::NoOrder));
        assert_eq!(on(&c, "2026-06-16"), (Phase::New, PhaseRule::New));
    }

    #[test]
    fn new_days_boundary() {
        assert_eq!(d(AS_OF) - Days::new(90), d("2026-03-17"));
        let c = build(Some("2026-01-01"), vec![order("2026-03-17")]);
        assert_eq!(on(&c, AS_OF), (Phase::New, PhaseRule::New));
        let c = build(Some("2026-01-01"), vec![order("2026-03-16")]);
        assert_eq!(on(&c, AS_OF), (Phase::Acquired, PhaseRule::Acquired));
        // The first order decides, not the last.
        let c = build(
            Some("2026-01-01"),
            vec![order("2026-06-01"), order("2026-03-16")],
        );
        assert_eq!(on(&c, AS_OF), (Phase::Acquired, PhaseRule::Acquired));
    }

    #[test]
    fn lost_days_boundary() {
        assert_eq!(d(AS_OF) - Days::new(365), d("2025-06-15"));
        let c = build(Some("2025-01-01"), vec![order("2025-06-15")]);
        assert_eq!(on(&c, AS_OF), (Phase::Acquired, PhaseRule::Acquired));
        let c = build(Some("2025-01-01"), vec![order("2025-06-14")]);
        assert_eq!(on(&c, AS_OF), (Phase::Lost, PhaseRule::Lost));
        // The last order decides.
        let c = build(
            Some("2025-01-01"),
            vec![order("2025-06-14"), order("2025-06-15")],
        );
        assert_eq!(on(&c, AS_OF), (Phase::Acquired, PhaseRule::Acquired));
    }

    #[test]
    fn pin_then_auto_returns_to_computed() {
        let c = build(
            Some("2025-01-01"),
            vec![
                order("2025-02-01"),
                phase_record(
                    "2025-09-01",
                    PhaseSetting::Pin(Phase::Partner),
                    Some("Joint line"),
                ),
                phase_record("2026-03-01", PhaseSetting::Auto, None),
            ],
        );
        assert_eq!(on(&c, "2025-08-31"), (Phase::Acquired, PhaseRule::Acquired));
        assert_eq!(on(&c, "2025-09-01"), (Phase::Partner, PhaseRule::Pinned));
        assert_eq!(on(&c, "2026-02-28"), (Phase::Partner, PhaseRule::Pinned));
        // After auto the computed phase is back: last order 2025-02-01 is now over a year old.
        assert_eq!(on(&c, "2026-03-01"), (Phase::Lost, PhaseRule::Lost));
        let timeline = phase_timeline(&c, &settings(), d(AS_OF));
        assert_eq!(
            timeline,
            vec![
                change("2025-01-01", None, P::Potential, R::NoOrder, false),
                change("2025-02-01", Some(P::Potential), P::New, R::New, false),
                change("2025-05-03", Some(P::New), P::Acquired, R::Acquired, false),
                change(
                    "2025-09-01",
                    Some(P::Acquired),
                    P::Partner,
                    R::Pinned,
                    false
                ),
                change("2026-03-01", Some(P::Partner), P::Lost, R::Lost, false),
            ]
        );
    }

    #[test]
    fn pins_order_by_day_then_file_order() {
        let c = build(
            Some("2026-01-01"),
            vec![
                phase_record("2026-03-01", PhaseSetting::Pin(Phase::Partner), None),
                phase_record("2026-02-01", PhaseSetting::Pin(Phase::Lost), None),
                phase_record("2026-03-01", PhaseSetting::Auto, None),
            ],
        );
        // Same day: the later record in the file wins (auto), so the computed phase applies.
        assert_eq!(on(&c, "2026-03-01"), (Phase::Potential, PhaseRule::NoOrder));
        // The earlier day's pin applies before.
        assert_eq!(on(&c, "2026-02-28"), (Phase::Lost, PhaseRule::Pinned));
        // A pin applies even without any order.
        assert_eq!(on(&c, "2026-02-01"), (Phase::Lost, PhaseRule::Pinned));
    }

    #[test]
    fn pins_of_one_day_order_by_their_time_then_file_order() {
        let at = |moment: &str, phase: Phase| {
            let Record::Phase(mut p) = phase_record(&moment[..10], PhaseSetting::Pin(phase), None)
            else {
                unreachable!()
            };
            p.at = crate::model::At::Local(
                chrono::NaiveDateTime::parse_from_str(moment, "%Y-%m-%dT%H:%M").unwrap(),
            );
            Record::Phase(p)
        };
        // `phase x lost --at …T18:00`, then `phase x partner --at …T09:00`: the 18:00 pin is
        // the latest of the day, though written first.
        let c = build(
            Some("2026-01-01"),
            vec![
                at("2026-03-01T18:00", Phase::Lost),
                at("2026-03-01T09:00", Phase::Partner),
            ],
        );
        assert_eq!(on(&c, "2026-03-01"), (Phase::Lost, PhaseRule::Pinned));
        // Equal moments: the later in the file.
        let c = build(
            Some("2026-01-01"),
            vec![
                at("2026-03-01T09:00", Phase::Lost),
                at("2026-03-01T09:00", Phase::Partner),
            ],
        );
        assert_eq!(on(&c, "2026-03-01"), (Phase::Partner, PhaseRule::Pinned));
    }

    #[test]
    fn a_credit_note_is_not_a_purchase() {
        let credit = |day: &str| {
            let Record::Order(mut o) = order(day) else {
                unreachable!()
            };
            o.amount = crate::model::Amount::from_cents(-3_520);
            Record::Order(o)
        };
        // Alone, it leaves a prospect a prospect.
        let c = build(Some("2026-01-01"), vec![credit("2026-05-01")]);
        assert_eq!(phase_on(&c, &settings(), d(AS_OF)).0, Phase::Potential);
        // After the last purchase, it neither keeps a customer from being lost nor wins it back.
        let c = build(
            Some("2024-01-01"),
            vec![order("2024-01-10"), credit("2025-09-01")],
        );
        assert_eq!(phase_on(&c, &settings(), d(AS_OF)).0, Phase::Lost);
        assert!(
            !phase_timeline(&c, &settings(), d(AS_OF))
                .iter()
                .any(|change| change.won_back)
        );
    }

    #[test]
    fn lost_then_won_back() {
        let c = build(
            Some("2024-01-01"),
            vec![order("2024-01-10"), order("2025-06-01")],
        );
        let timeline = phase_timeline(&c, &settings(), d(AS_OF));
        assert_eq!(
            timeline,
            vec![
                change("2024-01-01", None, P::Potential, R::NoOrder, false),
                change("2024-01-10", Some(P::Potential), P::New, R::New, false),
                change("2024-04-10", Some(P::New), P::Acquired, R::Acquired, false),
                change("2025-01-10", Some(P::Acquired), P::Lost, R::Lost, false),
                change("2025-06-01", Some(P::Lost), P::Acquired, R::Acquired, true),
                change("2026-06-02", Some(P::Acquired), P::Lost, R::Lost, false),
            ]
        );
    }

    /// Pinned lost on `pin`, a purchase on `bought` (if any), back to auto on 2026-06-01:
    /// the move out of lost on 2026-06-01, and whether it is a win-back.
    fn unpinned(bought: Option<&str>) -> PhaseChange {
        let mut records = vec![
            order("2026-05-01"),
            phase_record(
                "2026-05-10",
                PhaseSetting::Pin(Phase::Lost),
                Some("went silent"),
            ),
            phase_record("2026-06-01", PhaseSetting::Auto, None),
        ];
        records.extend(bought.map(order));
        let c = build(Some("2026-01-01"), records);
        let timeline = phase_timeline(&c, &settings(), d(AS_OF));
        *timeline.last().unwrap()
    }

    #[test]
    fn won_back_only_with_a_purchase_after_becoming_lost() {
        // `auto` alone is no win-back, although the customer leaves lost (for new).
        let move_out = |day| change(day, Some(P::Lost), P::New, R::New, false);
        assert_eq!(unpinned(None), move_out("2026-06-01"));
        // A purchase on the day it was pinned lost came before the loss: not a win-back.
        assert_eq!(unpinned(Some("2026-05-10")), move_out("2026-06-01"));
        // The day after, or on the day of the move itself, it is.
        for bought in ["2026-05-11", "2026-06-01"] {
            assert_eq!(
                unpinned(Some(bought)),
                change("2026-06-01", Some(P::Lost), P::New, R::New, true),
                "bought on {bought}"
            );
        }
        // A purchase after the move does not make it a win-back after the fact.
        assert_eq!(unpinned(Some("2026-06-02")), move_out("2026-06-01"));
    }

    #[test]
    fn a_pin_out_of_lost_is_no_win_back() {
        // Lost by the rules (last order 2024-01-10), then pinned partner, with or without a
        // purchase that day: a partner, not a win-back.
        for extra in [None, Some("2025-03-01")] {
            let mut records = vec![
                order("2024-01-10"),
                phase_record("2025-03-01", PhaseSetting::Pin(Phase::Partner), None),
            ];
            records.extend(extra.map(order));
            let c = build(Some("2024-01-01"), records);
            let last = *phase_timeline(&c, &settings(), d(AS_OF)).last().unwrap();
            assert_eq!(
                last,
                change("2025-03-01", Some(P::Lost), P::Partner, R::Pinned, false)
            );
        }
        // Never bought, pinned lost, then back to auto: potential again, not won back.
        let c = build(
            Some("2026-01-01"),
            vec![
                phase_record("2026-02-01", PhaseSetting::Pin(Phase::Lost), None),
                phase_record("2026-03-01", PhaseSetting::Auto, None),
            ],
        );
        assert_eq!(
            phase_timeline(&c, &settings(), d(AS_OF)),
            vec![
                change("2026-01-01", None, P::Potential, R::NoOrder, false),
                change("2026-02-01", Some(P::Potential), P::Lost, R::Pinned, false),
                change("2026-03-01", Some(P::Lost), P::Potential, R::NoOrder, false),
            ]
        );
    }

    #[test]
    fn timeline_ignores_records_after_as_of_and_starts_at_first_record() {
        let c = build(
            None,
            vec![
                interaction("2026-02-01", Channel::Call),
                order("2026-07-01"),
            ],
        );
        assert_eq!(
            phase_timeline(&c, &settings(), d(AS_OF)),
            vec![change("2026-02-01", None, P::Potential, R::NoOrder, false)]
        );
        // Nothing on or before as-of: no timeline.
        let c = build(Some("2026-07-01"), vec![order("2026-07-01")]);
        assert_eq!(phase_timeline(&c, &settings(), d(AS_OF)), vec![]);
        assert_eq!(
            phase_timeline(&customer(None), &settings(), d(AS_OF)),
            vec![]
        );
    }

    /// Deterministic pseudo-random customers: the timeline must match evaluating `phase_on` on
    /// every single day.
    #[test]
    fn timeline_matches_daily_evaluation() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let settings = Settings {
            new_days: 5,
            lost_days: 12,
            ..Settings::default()
        };
        let base = d("2026-01-01");
        let day = |offset: u64| (base + Days::new(offset)).to_string();
        for _ in 0..200 {
            let mut records: Vec<Record> = Vec::new();
            for _ in 0..next(6) {
                records.push(order(&day(next(60))));
            }
            for _ in 0..next(3) {
                let set = match next(4) {
                    0 => PhaseSetting::Auto,
                    1 => PhaseSetting::Pin(Phase::Partner),
                    2 => PhaseSetting::Pin(Phase::Lost),
                    _ => PhaseSetting::Pin(Phase::Acquired),
                };
                records.push(phase_record(&day(next(60)), set, None));
            }
            let since = day(next(30));
            let c = build(Some(&since), records);
            let as_of = base + Days::new(next(70));
            let timeline = phase_timeline(&c, &settings, as_of);

            // Walks every day; remembers whether a purchase came since the customer became lost.
            let purchase_days: Vec<NaiveDate> = c.orders.iter().map(|o| o.at.day()).collect();
            let mut expected: Vec<PhaseChange> = Vec::new();
            let mut bought_since_lost = false;
            let mut t = start_day(&c, as_of).unwrap();
            while t <= as_of {
                let (phase, rule) = phase_on(&c, &settings, t);
                let from = expected.last().map(|ch| ch.to);
                if from == Some(Phase::Lost) && purchase_days.contains(&t) {
                    bought_since_lost = true;
                }
                if from != Some(phase) {
                    expected.push(PhaseChange {
                        day: t,
                        from,
                        to: phase,
                        rule,
                        won_back: from == Some(Phase::Lost)
                            && matches!(phase, Phase::New | Phase::Acquired)
                            && bought_since_lost,
                    });
                    bought_since_lost = false;
                }
                t = t.succ_opt().unwrap();
            }
            assert_eq!(timeline, expected, "customer {c:?} as of {as_of}");
            let a = assess(&c, &settings, as_of);
            assert_eq!(
                (a.phase.lifecycle().unwrap(), a.rule),
                phase_on(&c, &settings, as_of)
            );
            assert_eq!(a.since, expected.last().map_or(as_of, |ch| ch.day));
        }
    }

    #[test]
    fn assess_and_describe_every_rule() {
        let s = settings();
        let as_of = "2026-11-23";

        let pinned = build(
            Some("2024-01-01"),
            vec![
                order("2024-02-10"),
                phase_record(
                    "2025-03-01",
                    PhaseSetting::Pin(Phase::Partner),
                    Some("Joint product line agreed with their CEO"),
                ),
            ],
        );
        let a = assess(&pinned, &s, d(as_of));
        assert_eq!(
            (a.phase.lifecycle().unwrap(), a.rule, a.since),
            (Phase::Partner, PhaseRule::Pinned, d("2025-03-01"))
        );
        assert_eq!(a.pin_day, Some(d("2025-03-01")));
        assert_eq!(a.threshold, None);
        assert_eq!(
            receipt(&a),
            "pinned on 2025-03-01: Joint product line agreed with their CEO"
        );

        let potential = build(Some("2026-01-05"), vec![]);
        let a = assess(&potential, &s, d(as_of));
        assert_eq!(
            (a.phase.lifecycle().unwrap(), a.since, a.orders),
            (Phase::Potential, d("2026-01-05"), 0)
        );
        assert_eq!(receipt(&a), "no order on or before 2026-11-23");

        let lost = build(
            Some("2025-01-01"),
            vec![order("2025-03-01"), order("2025-06-02")],
        );
        let a = assess(&lost, &s, d(as_of));
        assert_eq!(
            (a.phase.lifecycle().unwrap(), a.rule),
            (Phase::Lost, PhaseRule::Lost)
        );
        assert_eq!(a.since, d("2026-06-03"));
        assert_eq!(a.threshold, Some(d("2025-11-23")));
        assert_eq!(
            receipt(&a),
            "last order 2025-06-02 is more than 365 days before 2026-11-23"
        );

        let new = build(Some("2026-09-01"), vec![order("2026-10-01")]);
        let a = assess(&new, &s, d(as_of));
        assert_eq!(
            (a.phase.lifecycle().unwrap(), a.since),
            (Phase::New, d("2026-10-01"))
        );
        assert_eq!(a.threshold, Some(d("2026-08-25")));
        assert_eq!(
            receipt(&a),
            "first order 2026-10-01 is within 90 days of 2026-11-23"
        );

        let acquired = build(
            Some("2024-01-01"),
            vec![
                order("2024-02-10"),
                order("2026-11-02"),
                order("2026-12-01"),
            ],
        );
        let a = assess(&acquired, &s, d(as_of));
        assert_eq!(
            (a.phase.lifecycle().unwrap(), a.rule),
            (Phase::Acquired, PhaseRule::Acquired)
        );
        assert_eq!(
            (a.first_order, a.last_order, a.orders),
            (Some(d("2024-02-10")), Some(d("2026-11-02")), 2)
        );
        // Lost on 2025-02-10 (a year and a day after the only order), won back on 2026-11-02.
        assert_eq!(a.since, d("2026-11-02"));
        assert_eq!(
            receipt(&a),
            "first order 2024-02-10 is more than 90 days ago and the last, 2026-11-02, within 365 days"
        );
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"phase":"acquired","rule":"acquired","since":"2026-11-02","pin_day":null,"pin_reason":null,"first_order":"2024-02-10","last_order":"2026-11-02","orders":2,"threshold":"2026-08-25","as_of":"2026-11-23"}"#
        );
    }

    #[test]
    fn serializes_changes_and_rules() {
        let ch = change("2025-06-01", Some(P::Lost), P::Acquired, R::NoOrder, true);
        assert_eq!(
            serde_json::to_string(&ch).unwrap(),
            r#"{"day":"2025-06-01","from":"lost","to":"acquired","rule":"no_order","won_back":true}"#
        );
        assert_eq!(PhaseRule::NoOrder.to_string(), "no_order");
    }

    #[test]
    fn a_large_customer_has_a_consistent_timeline() {
        // Many phase changes (bursts of orders with long silences): every change must be a real
        // move, and land on the phase that evaluating that day alone gives.
        let base = d("2000-01-01");
        let mut c = customer(Some("2000-01-01"));
        for i in 0..20_000u64 {
            let offset = (i % 24) * 400 + (i / 24) % 10;
            c.push(order(&(base + Days::new(offset)).to_string()));
        }
        let as_of = d("2026-06-15");
        let settings = settings();
        let timeline = phase_timeline(&c, &settings, as_of);
        assert!(timeline.len() > 40, "{}", timeline.len());
        for change in &timeline {
            assert_ne!(change.from, Some(change.to));
            assert_eq!(
                phase_on(&c, &settings, change.day).0,
                change.to,
                "{change:?}"
            );
        }
    }

    #[test]
    fn an_order_of_zero_is_a_purchase() {
        // A free replacement on 2026-05-01 makes a prospect new, like any purchase.
        let c = build(Some("2026-01-01"), vec![order_of("2026-05-01", 0)]);
        assert_eq!(on(&c, "2026-04-30"), (Phase::Potential, PhaseRule::NoOrder));
        assert_eq!(on(&c, "2026-05-01"), (Phase::New, PhaseRule::New));
        let a = assess(&c, &settings(), d(AS_OF));
        assert_eq!((a.orders, a.first_order), (1, Some(d("2026-05-01"))));
        // A credit note the same day does not count among the purchases.
        let c = build(
            Some("2026-01-01"),
            vec![order_of("2026-05-01", 0), order_of("2026-05-02", -1)],
        );
        let a = assess(&c, &settings(), d(AS_OF));
        assert_eq!((a.orders, a.last_order), (1, Some(d("2026-05-01"))));
    }

    #[test]
    fn an_internal_customer_has_no_lifecycle_phase() {
        let c = internal(build(
            Some("2025-01-01"),
            vec![
                interaction("2024-12-01", Channel::Meeting),
                order("2025-02-01"),
                phase_record("2025-09-01", PhaseSetting::Pin(Phase::Partner), None),
            ],
        ));
        let a = assess(&c, &settings(), d(AS_OF));
        assert_eq!(
            (a.phase, a.rule),
            (ShownPhase::Internal, PhaseRule::Internal)
        );
        // Since its start day: the earlier of `since` and its first record.
        assert_eq!(a.since, d("2024-12-01"));
        assert_eq!((a.orders, a.pin_day, a.threshold), (1, None, None));
        assert_eq!(
            receipt(&a),
            "internal customer: colleagues and agents have no lifecycle phase"
        );
        assert_eq!(phase_timeline(&c, &settings(), d(AS_OF)), vec![]);
        assert_eq!(
            serde_json::to_value(a.phase).unwrap(),
            serde_json::json!("internal")
        );
        // Without a since or records: as of the day itself.
        let a = assess(&internal(customer(None)), &settings(), d(AS_OF));
        assert_eq!(a.since, d(AS_OF));
        // Shown phases sort in lifecycle order, internal last.
        let mut shown = [
            ShownPhase::Internal,
            ShownPhase::Lifecycle(Phase::Lost),
            ShownPhase::Lifecycle(Phase::Potential),
        ];
        shown.sort();
        assert_eq!(
            shown.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            ["potential", "lost", "internal"]
        );
        assert!(ShownPhase::Lifecycle(Phase::Lost) == Phase::Lost);
        assert!(ShownPhase::Internal != Phase::Potential);
    }

    #[test]
    fn a_shown_phase_is_a_phase_or_internal_both_ways() {
        use crate::model::Word;
        assert_eq!(
            ShownPhase::words(),
            [
                "potential",
                "new",
                "acquired",
                "partner",
                "lost",
                "internal"
            ]
        );
        for word in ShownPhase::words() {
            let shown: ShownPhase = word.parse().unwrap();
            assert_eq!(shown.to_string(), word);
        }
        assert_eq!(ShownPhase::Internal.lifecycle(), None);
        assert_eq!(
            ShownPhase::Lifecycle(Phase::Lost).lifecycle(),
            Some(Phase::Lost)
        );
    }
}
