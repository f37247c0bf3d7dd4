//! The customer filter shared by `list`, `promises`, `report`, `agenda` and `export`
//! (PRODUCT.md §8.2): repeatable `--tag` (every tag must be present) and repeatable
//! `--where KEY=VALUE` (a header attribute such as `territory`, or `kind`/`phase`), plus the
//! customers named as arguments. One owner: every command calls [`CustomerFilter`].

use chrono::NaiveDate;

use crate::config::Settings;
use crate::ids::fold;
use crate::metrics::phase;
use crate::metrics::phase::ShownPhase;
use crate::model::customer as rules;
use crate::model::{Customer, Kind};

/// One `--where` condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Kind(Kind),
    Phase(ShownPhase),
    /// A free header attribute and the value it must have (compared accent- and
    /// case-insensitively; numbers and booleans by their TOML text).
    Attribute(String, String),
}

impl Condition {
    /// Parses `KEY=VALUE` with the model's own rules (words, attribute keys); the message
    /// names the problem and the expected form.
    pub fn parse(text: &str) -> Result<Condition, String> {
        let Some((key, value)) = text.split_once('=') else {
            return Err(format!(
                "--where {text:?}: expected KEY=VALUE, e.g. territory=Milano, kind=internal or phase=lost"
            ));
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            return Err(format!(
                "--where {text:?}: the value is empty; write KEY=VALUE"
            ));
        }
        Ok(match key {
            "kind" => Condition::Kind(
                value
                    .parse()
                    .map_err(|e| format!("--where {text:?}: {e}"))?,
            ),
            "phase" => Condition::Phase(
                value
                    .parse()
                    .map_err(|e| format!("--where {text:?}: {e}"))?,
            ),
            "tag" | "tags" => {
                return Err(format!(
                    "--where {text:?}: tags are filtered with --tag {value}"
                ));
            }
            _ => Condition::Attribute(
                rules::attribute_key(key, &format!("--where {text:?}"))?,
                value.to_string(),
            ),
        })
    }
}

/// The text of a header attribute as the filter and `report --by` compare it.
pub fn attribute_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Which customers a reading command looks at.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Every one of these tags must be present.
    pub tags: Vec<String>,
    /// Every condition must hold.
    pub conditions: Vec<Condition>,
    /// When not empty, only these customer ids (already resolved).
    pub ids: Vec<String>,
}

impl CustomerFilter {
    /// Builds the filter from the raw `--tag` and `--where` values.
    pub fn parse(tags: &[String], wheres: &[String]) -> Result<CustomerFilter, String> {
        let tags = tags
            .iter()
            .map(|t| rules::tag(t))
            .collect::<Result<Vec<_>, _>>()?;
        let conditions = wheres
            .iter()
            .map(|w| Condition::parse(w))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CustomerFilter {
            tags,
            conditions,
            ids: Vec::new(),
        })
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.conditions.is_empty() && self.ids.is_empty()
    }

    /// Whether `customer` passes, as of `as_of` (the phase is the computed one on that day).
    pub fn accepts(&self, customer: &Customer, settings: &Settings, as_of: NaiveDate) -> bool {
        if !self.ids.is_empty() && !self.ids.contains(&customer.id) {
            return false;
        }
        if !self.tags.iter().all(|t| customer.header.tags.contains(t)) {
            return false;
        }
        self.conditions.iter().all(|condition| match condition {
            Condition::Kind(kind) => customer.header.kind == *kind,
            Condition::Phase(wanted) => phase::assess(customer, settings, as_of).phase == *wanted,
            Condition::Attribute(key, value) => customer
                .header
                .attributes
                .get(key)
                .is_some_and(|v| fold(&attribute_text(v)) == fold(value)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Header;

    fn customer(id: &str, tags: &[&str], territory: Option<&str>, kind: Kind) -> Customer {
        let mut header = Header {
            kind,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Header::named(id)
        };
        if let Some(t) = territory {
            header
                .attributes
                .insert("territory".into(), toml::Value::String(t.into()));
        }
        Customer::new(id.to_string(), header)
    }

    #[test]
    fn every_tag_and_every_condition_must_hold() {
        let settings = Settings::default();
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let a = customer("a", &["bar", "idraulica"], Some("Milano"), Kind::External);
        let b = customer("b", &["bar"], Some("Brescia"), Kind::External);
        let c = customer("c", &["bar", "idraulica"], None, Kind::Internal);
        let f = CustomerFilter::parse(&["bar".into(), "idraulica".into()], &[]).unwrap();
        assert!(f.accepts(&a, &settings, day));
        assert!(!f.accepts(&b, &settings, day));
        assert!(f.accepts(&c, &settings, day));
        let f = CustomerFilter::parse(&[], &["territory=milano".into()]).unwrap();
        assert!(f.accepts(&a, &settings, day) && !f.accepts(&b, &settings, day));
        assert!(!f.accepts(&c, &settings, day));
        let f = CustomerFilter::parse(&["bar".into()], &["kind=internal".into()]).unwrap();
        assert!(!f.accepts(&a, &settings, day) && f.accepts(&c, &settings, day));
    }

    #[test]
    fn bad_conditions_say_what_is_expected() {
        let e = Condition::parse("territory").unwrap_err();
        assert!(e.contains("expected KEY=VALUE"), "{e}");
        let e = Condition::parse("phase=gone").unwrap_err();
        assert!(e.contains("gone"), "{e}");
        let e = Condition::parse("tags=vip").unwrap_err();
        assert!(e.contains("--tag vip"), "{e}");
        assert!(Condition::parse("bad key=1").is_err());
        assert!(Condition::parse("territory=").is_err());
    }
}
