//! Contacts, the last-contact gap and the expected cadence (PRODUCT.md §4.2).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::mean::Mean;
use crate::config::Settings;
use crate::model::{Channel, Customer, Phase};

/// The key of orders in [`contacts_by_channel`].
pub const ORDER_KEY: &str = "order";

/// Every contact of a customer as `(day, channel key)`: interactions of any channel but
/// `note`, and orders (keyed [`ORDER_KEY`]). Unfiltered and unsorted.
pub fn contacts(customer: &Customer) -> impl Iterator<Item = (NaiveDate, &'static str)> + '_ {
    let interactions = customer
        .interactions
        .iter()
        .filter(|i| i.channel != Channel::Note)
        .map(|i| (i.at.day(), i.channel.as_str()));
    let orders = customer.orders.iter().map(|o| (o.at.day(), ORDER_KEY));
    interactions.chain(orders)
}

/// The days of a customer's contacts on or before `as_of`, sorted and distinct.
pub fn contact_days(customer: &Customer, as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = contacts(customer)
        .map(|(day, _)| day)
        .filter(|&day| day <= as_of)
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The last-contact figures of one customer as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactStats {
    #[serde(with = "super::serde_day::option")]
    pub first_contact: Option<NaiveDate>,
    #[serde(with = "super::serde_day::option")]
    pub last_contact: Option<NaiveDate>,
    /// Distinct days with at least one contact.
    pub contact_days: u32,
    /// as-of − last contact; for a customer never contacted, as-of − `since` (None without a
    /// `since`, or when `since` is after the as-of day).
    pub days_since_contact: Option<i64>,
    /// (last − first) / (contact_days − 1), kept exact; None below two contact days.
    pub mean_gap_days: Option<Mean>,
    /// Longest gap between consecutive contact days; None below two contact days.
    pub max_gap_days: Option<i64>,
}

/// Contact statistics as of `as_of`. O(n log n) in the number of records.
pub fn contact_stats(customer: &Customer, as_of: NaiveDate) -> ContactStats {
    let days = contact_days(customer, as_of);
    let first_contact = days.first().copied();
    let last_contact = days.last().copied();
    let days_since_contact = match last_contact {
        Some(last) => Some((as_of - last).num_days()),
        None => customer
            .header
            .since
            .filter(|&since| since <= as_of)
            .map(|since| (as_of - since).num_days()),
    };
    let (mean_gap_days, max_gap_days) = match (first_contact, last_contact) {
        (Some(first), Some(last)) if days.len() >= 2 => {
            let gaps = i64::try_from(days.len() - 1).unwrap_or(i64::MAX);
            let mean = Mean::new((last - first).num_days(), gaps);
            let max = days
                .windows(2)
                .map(|w| (w[1] - w[0]).num_days())
                .max()
                .unwrap_or(0);
            (mean, Some(max))
        }
        _ => (None, None),
    };
    ContactStats {
        first_contact,
        last_contact,
        contact_days: u32::try_from(days.len()).unwrap_or(u32::MAX),
        days_since_contact,
        mean_gap_days,
        max_gap_days,
    }
}

/// Where a customer's cadence came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CadenceSource {
    /// The customer's own `cadence`.
    Customer,
    /// The shortest `[cadence.tag]` entry among the customer's tags (this tag).
    Tag(String),
    /// The `[cadence.phase]` entry for the customer's phase.
    Phase(Phase),
    /// The journal's `cadence.default`.
    Default,
}

impl CadenceSource {
    /// `customer`, `tag`, `phase` or `default`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CadenceSource::Customer => "customer",
            CadenceSource::Tag(_) => "tag",
            CadenceSource::Phase(_) => "phase",
            CadenceSource::Default => "default",
        }
    }

    /// The tag or phase name, for `Tag` and `Phase`.
    pub fn name(&self) -> Option<&str> {
        match self {
            CadenceSource::Tag(tag) => Some(tag),
            CadenceSource::Phase(phase) => Some(phase.as_str()),
            CadenceSource::Customer | CadenceSource::Default => None,
        }
    }

    /// A short receipt: `customer`, `tag vip`, `phase new`, `default`.
    pub fn describe(&self) -> String {
        match self.name() {
            Some(name) => format!("{} {name}", self.as_str()),
            None => self.as_str().to_string(),
        }
    }
}

/// JSON: `"customer"`, `"tag"`, `"phase"` or `"default"`; the name is in
/// [`CadenceDecision`]'s `source_name`.
impl Serialize for CadenceSource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The expected contact rhythm of a customer, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CadenceDecision {
    pub days: u32,
    pub source: CadenceSource,
}

/// JSON shape: `{days, source, source_name}`, e.g. `{"days":14,"source":"tag","source_name":"vip"}`
/// (`source_name` null for `customer` and `default`).
impl Serialize for CadenceDecision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CadenceDecision", 3)?;
        st.serialize_field("days", &self.days)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("source_name", &self.source.name())?;
        st.end()
    }
}

/// The customer's own cadence, else the shortest cadence among its tags listed in
/// `[cadence.tag]` (the first such tag on a tie), else `[cadence.phase]` for `phase`, else the
/// journal default. An internal customer has no phase (`None`): its own, tag or default
/// cadence applies.
pub fn cadence(
    customer: &Customer,
    phase: impl Into<Option<Phase>>,
    settings: &Settings,
) -> CadenceDecision {
    let phase: Option<Phase> = phase.into();
    if let Some(own) = customer.header.cadence {
        return CadenceDecision {
            days: own.days,
            source: CadenceSource::Customer,
        };
    }
    let shortest_tag = customer
        .header
        .tags
        .iter()
        .filter_map(|tag| settings.cadence.tag.get(tag).map(|c| (c.days, tag)))
        .min_by_key(|&(days, _)| days);
    if let Some((days, tag)) = shortest_tag {
        return CadenceDecision {
            days,
            source: CadenceSource::Tag(tag.clone()),
        };
    }
    if let Some((phase, c)) = phase.and_then(|p| settings.cadence.phase.get(&p).map(|c| (p, c))) {
        return CadenceDecision {
            days: c.days,
            source: CadenceSource::Phase(phase),
        };
    }
    CadenceDecision {
        days: settings.cadence.default.days,
        source: CadenceSource::Default,
    }
}

/// max(0, days_since_contact − cadence_days); 0 when there is no days-since figure.
pub fn overdue_days(days_since_contact: Option<i64>, cadence_days: u32) -> i64 {
    days_since_contact.map_or(0, |since| (since - i64::from(cadence_days)).max(0))
}

/// Contacts (records, not distinct days) in each of the last `weeks` 7-day buckets ending at
/// `as_of`, oldest first: the last bucket is `as_of − 6 ..= as_of`, the one before it
/// `as_of − 13 ..= as_of − 7`, and so on.
pub fn contacts_per_week(customer: &Customer, as_of: NaiveDate, weeks: usize) -> Vec<u32> {
    let mut buckets = vec![0u32; weeks];
    for (day, _) in contacts(customer) {
        if day > as_of {
            continue;
        }
        let back = (as_of - day).num_days() / 7;
        if let Ok(back) = usize::try_from(back)
            && back < weeks
        {
            buckets[weeks - 1 - back] += 1;
        }
    }
    buckets
}

/// Contacts with day in `[from, to]`, counted by channel name (`call`, `email`, ...; orders
/// under `order`). Channels without contacts are absent.
pub fn contacts_by_channel(
    customer: &Customer,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<&'static str, u32> {
    let mut counts = BTreeMap::new();
    for (day, key) in contacts(customer) {
        if from <= day && day <= to {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::*;
    use crate::model::Cadence;

    #[test]
    fn same_day_double_contact_counts_one_day() {
        let c = build(
            Some("2026-01-01"),
            vec![
                interaction("2026-03-01", Channel::Call),
                interaction("2026-03-01", Channel::Email),
                interaction("2026-03-11", Channel::Visit),
            ],
        );
        let s = contact_stats(&c, d("2026-03-20"));
        assert_eq!(s.contact_days, 2);
        assert_eq!(s.first_contact, Some(d("2026-03-01")));
        assert_eq!(s.last_contact, Some(d("2026-03-11")));
        assert_eq!(s.days_since_contact, Some(9));
        assert_eq!(s.mean_gap_days, Mean::new(10, 1));
        assert_eq!(s.max_gap_days, Some(10));
    }

    #[test]
    fn gaps_mean_and_max() {
        let c = build(
            Some("2026-01-01"),
            vec![
                interaction("2026-01-21", Channel::Call),
                order("2026-01-01"),
                interaction("2026-01-04", Channel::Meeting),
                interaction("2026-02-01", Channel::Message),
            ],
        );
        let s = contact_stats(&c, d("2026-02-01"));
        assert_eq!(s.contact_days, 4);
        assert_eq!(s.days_since_contact, Some(0));
        assert_eq!(s.mean_gap_days, Mean::new(31, 3));
        assert_eq!(s.max_gap_days, Some(17));
    }

    #[test]
    fn never_contacted_counts_from_since() {
        let c = build(Some("2026-01-01"), vec![]);
        let s = contact_stats(&c, d("2026-01-31"));
        assert_eq!(
            s,
            ContactStats {
                first_contact: None,
                last_contact: None,
                contact_days: 0,
                days_since_contact: Some(30),
                mean_gap_days: None,
                max_gap_days: None,
            }
        );
        // No since, or since after as-of: undefined.
        assert_eq!(
            contact_stats(&customer(None), d("2026-01-31")).days_since_contact,
            None
        );
        assert_eq!(
            contact_stats(&customer(Some("2026-02-01")), d("2026-01-31")).days_since_contact,
            None
        );
    }

    #[test]
    fn one_contact_day_has_no_gaps() {
        let c = build(Some("2026-01-01"), vec![order("2026-01-10")]);
        let s = contact_stats(&c, d("2026-01-31"));
        assert_eq!(s.contact_days, 1);
        assert_eq!(s.days_since_contact, Some(21));
        assert_eq!((s.mean_gap_days, s.max_gap_days), (None, None));
    }

    #[test]
    fn notes_are_not_contacts_but_orders_are() {
        let c = build(
            Some("2026-01-01"),
            vec![
                interaction("2026-01-05", Channel::Call),
                order("2026-01-10"),
                interaction("2026-01-20", Channel::Note),
            ],
        );
        let s = contact_stats(&c, d("2026-01-31"));
        assert_eq!(s.contact_days, 2);
        assert_eq!(s.last_contact, Some(d("2026-01-10")));
        assert_eq!(s.days_since_contact, Some(21));
        let only_notes = build(
            Some("2026-01-01"),
            vec![interaction("2026-01-20", Channel::Note)],
        );
        let s = contact_stats(&only_notes, d("2026-01-31"));
        assert_eq!((s.contact_days, s.days_since_contact), (0, Some(30)));
    }

    #[test]
    fn contacts_after_as_of_are_ignored() {
        let c = build(
            Some("2026-01-01"),
            vec![
                interaction("2026-01-05", Channel::Call),
                interaction("2026-02-05", Channel::Call),
            ],
        );
        let s = contact_stats(&c, d("2026-01-31"));
        assert_eq!(s.contact_days, 1);
        assert_eq!(s.last_contact, Some(d("2026-01-05")));
        assert_eq!(s.days_since_contact, Some(26));
    }

    #[test]
    fn cadence_precedence() {
        let mut settings = Settings::default();
        settings.cadence.default = Cadence { days: 30 };
        settings
            .cadence
            .phase
            .insert(Phase::New, Cadence { days: 14 });
        for (tag, days) in [("vip", 21), ("key", 7), ("slow", 60)] {
            settings.cadence.tag.insert(tag.into(), Cadence { days });
        }

        // Each decision as (days, source).
        use CadenceSource as Src;
        let decided = |c: &Customer, phase| {
            let decision = cadence(c, phase, &settings);
            (decision.days, decision.source)
        };
        let own = with_cadence(customer(None), Some(45), &["vip", "key"]);
        assert_eq!(decided(&own, Phase::New), (45, Src::Customer));
        // Shortest tag wins, even over a shorter phase cadence, and whatever the tag order.
        let tagged = with_cadence(customer(None), None, &["slow", "vip", "other"]);
        assert_eq!(decided(&tagged, Phase::New), (21, Src::Tag("vip".into())));
        let tagged = with_cadence(customer(None), None, &["vip", "key"]);
        assert_eq!(cadence(&tagged, Phase::New, &settings).days, 7);
        // Unlisted tags fall through to the phase, then the default.
        let plain = with_cadence(customer(None), None, &["other"]);
        assert_eq!(decided(&plain, Phase::New), (14, Src::Phase(Phase::New)));
        assert_eq!(decided(&plain, Phase::Acquired), (30, Src::Default));
        assert_eq!(CadenceSource::Tag("vip".into()).describe(), "tag vip");
        assert_eq!(
            serde_json::to_string(&cadence(&tagged, Phase::New, &settings)).unwrap(),
            r#"{"days":7,"source":"tag","source_name":"key"}"#
        );
        assert_eq!(
            serde_json::to_string(&cadence(&plain, Phase::Lost, &settings)).unwrap(),
            r#"{"days":30,"source":"default","source_name":null}"#
        );
    }

    #[test]
    fn overdue_days_is_never_negative() {
        assert_eq!(overdue_days(Some(45), 30), 15);
        assert_eq!(overdue_days(Some(30), 30), 0);
        assert_eq!(overdue_days(Some(3), 30), 0);
        assert_eq!(overdue_days(None, 30), 0);
    }

    #[test]
    fn contacts_per_week_bucket_edges() {
        let as_of = "2026-03-31";
        let c = build(
            Some("2026-01-01"),
            vec![
                interaction("2026-03-31", Channel::Call), // as_of: last bucket
                interaction("2026-03-25", Channel::Email), // as_of − 6: last bucket
                interaction("2026-03-24", Channel::Email), // as_of − 7: previous bucket
                order("2026-03-24"),                      // same day, counted too
                interaction("2026-03-18", Channel::Visit), // as_of − 13: previous bucket
                interaction("2026-03-17", Channel::Visit), // as_of − 14: first of 3 buckets
                interaction("2026-03-11", Channel::Visit), // as_of − 20: first of 3 buckets
                interaction("2026-03-10", Channel::Call), // as_of − 21: outside 3 weeks
                interaction("2026-03-30", Channel::Note), // not a contact
                interaction("2026-04-01", Channel::Call), // after as_of
            ],
        );
        assert_eq!(contacts_per_week(&c, d(as_of), 3), vec![2, 3, 2]);
        assert_eq!(contacts_per_week(&c, d(as_of), 4), vec![1, 2, 3, 2]);
        assert_eq!(contacts_per_week(&c, d(as_of), 1), vec![2]);
        assert_eq!(contacts_per_week(&c, d(as_of), 0), Vec::<u32>::new());
        // Alone, so that skipping the one and counting the other cannot cancel out (a day
        // after as_of is less than 7 days away: only the `> as_of` test keeps it out).
        let on = build(
            Some("2026-01-01"),
            vec![interaction("2026-03-31", Channel::Call)],
        );
        assert_eq!(contacts_per_week(&on, d(as_of), 1), vec![1]);
        let after = build(
            Some("2026-01-01"),
            vec![interaction("2026-04-01", Channel::Call)],
        );
        assert_eq!(contacts_per_week(&after, d(as_of), 1), vec![0]);
    }

    #[test]
    fn contacts_by_channel_inclusive_range() {
        let c = build(
            Some("2026-01-01"),
            vec![
                interaction("2026-03-01", Channel::Call),
                interaction("2026-03-05", Channel::Call),
                interaction("2026-03-05", Channel::Email),
                interaction("2026-03-06", Channel::Note),
                order("2026-03-10"),
                order("2026-03-11"),
            ],
        );
        let by = contacts_by_channel(&c, d("2026-03-01"), d("2026-03-10"));
        let expected: BTreeMap<&str, u32> = [("call", 2), ("email", 1), ("order", 1)].into();
        assert_eq!(by, expected);
    }

    #[test]
    fn serializes_contact_stats() {
        let c = build(
            Some("2026-01-01"),
            vec![
                order("2026-01-10"),
                interaction("2026-01-20", Channel::Call),
            ],
        );
        assert_eq!(
            serde_json::to_string(&contact_stats(&c, d("2026-01-31"))).unwrap(),
            r#"{"first_contact":"2026-01-10","last_contact":"2026-01-20","contact_days":2,"days_since_contact":11,"mean_gap_days":10.0,"max_gap_days":10}"#
        );
    }

    #[test]
    fn mean_gap_is_rounded_from_exact_integers() {
        // 41 contact days: 2026-01-01 … 2026-02-09 (40 consecutive) and 2026-04-08, 97 days
        // after the first: 97 / 40 = 2.425 → 2.43 (a float says 2.42).
        let first = d("2026-01-01");
        let mut records: Vec<_> = (0..40u64)
            .map(|n| interaction(&(first + chrono::Days::new(n)).to_string(), Channel::Call))
            .collect();
        records.push(interaction("2026-04-08", Channel::Visit));
        let s = contact_stats(&build(Some("2026-01-01"), records), d("2026-04-08"));
        assert_eq!(s.contact_days, 41);
        assert_eq!(s.mean_gap_days, Mean::new(97, 40));
        assert_eq!(s.max_gap_days, Some(58));
        assert_eq!(serde_json::to_value(&s).unwrap()["mean_gap_days"], 2.43);
    }

    #[test]
    fn a_credit_note_is_a_contact_and_a_note_is_not() {
        let c = build(
            Some("2026-01-01"),
            vec![
                order_of("2026-03-01", -2_000),
                order_of("2026-03-05", 0),
                interaction("2026-03-09", Channel::Note),
            ],
        );
        let s = contact_stats(&c, d("2026-03-10"));
        assert_eq!(s.contact_days, 2);
        assert_eq!(s.last_contact, Some(d("2026-03-05")));
        assert_eq!(
            contacts_by_channel(&c, d("2026-03-01"), d("2026-03-10")).get(ORDER_KEY),
            Some(&2)
        );
    }

    #[test]
    fn an_internal_customer_without_a_phase_gets_its_tag_or_the_default_cadence() {
        let mut settings = Settings::default();
        settings
            .cadence
            .phase
            .insert(Phase::Potential, Cadence { days: 60 });
        let c = internal(build(Some("2026-01-01"), vec![]));
        let none: Option<Phase> = None;
        assert_eq!(cadence(&c, none, &settings).source, CadenceSource::Default);
        assert_eq!(
            cadence(&c, Phase::Potential, &settings).source,
            CadenceSource::Phase(Phase::Potential)
        );
        settings
            .cadence
            .tag
            .insert("agent".into(), Cadence { days: 7 });
        let c = with_cadence(c, None, &["agent"]);
        assert_eq!(cadence(&c, none, &settings).days, 7);
    }
}
