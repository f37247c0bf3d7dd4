//! A customer ([`Customer`]: its [`Header`] and records) and the rules of the header: a
//! name, a tag, the key of a free attribute.
//!
//! One owner for each rule: `add`, `set` and `import` all call these functions, so a value one
//! of them accepts is never refused by another (and `set` can always undo what `import` wrote).
//! Errors are plain messages; the command line makes them usage errors, import places them at
//! a line and column of the file.

use super::*;
use crate::error::RuleBroken;

/// The attributes at the top of a customer file.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub schema: u32,
    pub name: String,
    pub kind: Kind,
    /// When the relationship started; `add` always writes it.
    pub since: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub cadence: Option<Cadence>,
    /// The customer's identity for team merges (docs/TEAMS.md): random, written by `add` and
    /// `import`; the same customer added in two clones and merged holds both, space-separated.
    /// None in files written before it existed.
    pub uid: Option<String>,
    /// Any other top-level key (territory, potential value, ...): free attributes.
    pub attributes: BTreeMap<String, toml::Value>,
}

impl Header {
    /// The header of an external customer named `name`, with nothing else set.
    pub fn named(name: impl Into<String>) -> Header {
        Header {
            schema: SCHEMA,
            name: name.into(),
            kind: Kind::External,
            since: None,
            tags: Vec::new(),
            cadence: None,
            uid: None,
            attributes: BTreeMap::new(),
        }
    }
}

/// A customer: the header and every record of its file, each kind in file order. It reads
/// as its [`Records`] (`customer.orders`), which it derefs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// The file stem, e.g. `acme` for `customers/acme.toml`.
    pub id: String,
    pub header: Header,
    pub records: Records,
}

impl std::ops::Deref for Customer {
    type Target = Records;
    fn deref(&self) -> &Records {
        &self.records
    }
}

impl std::ops::DerefMut for Customer {
    fn deref_mut(&mut self) -> &mut Records {
        &mut self.records
    }
}

impl Customer {
    /// An empty customer with the given header; used by `add` and by tests.
    pub fn new(id: impl Into<String>, header: Header) -> Customer {
        Customer {
            id: id.into(),
            header,
            records: Records::default(),
        }
    }
}

/// Header keys with a meaning of their own; they and the record tables are never free
/// attributes.
const HEADER_KEYS: &[&str] = &["schema", "name", "kind", "since", "tags", "cadence", "uid"];

/// A customer name: visible text on one line.
pub fn name(text: &str) -> Result<String, RuleBroken> {
    let name = text.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(RuleBroken::CustomerName);
    }
    Ok(name.to_string())
}

/// A tag: visible text on one line.
pub fn tag(text: &str) -> Result<String, RuleBroken> {
    let tag = text.trim();
    if tag.is_empty() || tag.chars().any(char::is_control) {
        return Err(RuleBroken::Tag { text: text.into() });
    }
    Ok(tag.to_string())
}

/// The key of a free attribute: a bare TOML key that has no meaning of its own. `context`
/// starts the message (what the user typed, where).
pub fn attribute_key(key: &str, context: &str) -> Result<String, RuleBroken> {
    let key = key.trim();
    // Letters with accents are folded to their plain letters (`città` → `citta`), so that keys
    // stay bare TOML keys that `--where` and `report --by` match however they are typed.
    let key = &fold_key(key);
    let valid = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid {
        return Err(RuleBroken::AttributeKey {
            context: context.into(),
        });
    }
    if HEADER_KEYS.contains(&key.as_str()) || RECORD_TABLES.contains(&key.as_str()) {
        return Err(RuleBroken::OwnKey {
            context: context.into(),
            key: key.clone(),
        });
    }
    Ok(key.to_string())
}

/// A key with each letter carrying an accent replaced by its plain letters (`città` →
/// `citta`, `größe` → `grosse`); ASCII characters (case included) and characters that are not
/// letters stay as they are (and are refused by the key rule).
fn fold_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        match deunicode::deunicode_char(c) {
            Some(plain)
                if !c.is_ascii()
                    && c.is_alphabetic()
                    && !plain.is_empty()
                    && plain.chars().all(|p| p.is_ascii_alphabetic()) =>
            {
                out.push_str(plain)
            }
            _ => out.push(c),
        }
    }
    out
}

/// `KEY=VALUE` of `add --set`: the key is a bare TOML key, the value is stored as text.
pub fn parse_attribute(pair: &str) -> Result<(String, toml::Value), RuleBroken> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(RuleBroken::AttributePair { pair: pair.into() });
    };
    let key = attribute_key(key, &format!("--set {pair:?}"))?;
    if key == "id" {
        return Err(RuleBroken::AttributeIsId { pair: pair.into() });
    }
    let value = attribute_value(value, &format!("--set {pair:?}"))?;
    Ok((key, toml::Value::String(value)))
}

/// The value of a free attribute: text on one line without control characters (a newline
/// could start a `[table]` line, and FORMAT.md forbids control characters in header text).
/// `context` starts the message.
pub fn attribute_value(value: &str, context: &str) -> Result<String, RuleBroken> {
    if value.chars().any(char::is_control) {
        return Err(RuleBroken::AttributeValue {
            context: context.into(),
        });
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_bare_and_free() {
        assert_eq!(attribute_key(" territory ", "x").unwrap(), "territory");
        assert!(
            attribute_key("bad key", "x")
                .unwrap_err()
                .to_string()
                .contains("letters, digits")
        );
        assert!(
            attribute_key("name", "x")
                .unwrap_err()
                .to_string()
                .contains("its own option")
        );
        assert_eq!(
            attribute_key("potential_value", "x").unwrap(),
            "potential_value"
        );
        assert_eq!(
            attribute_key("contact-person", "x").unwrap(),
            "contact-person"
        );
        assert!(attribute_key("a.b", "x").is_err());
        assert!(name("a\nb").is_err());
        assert!(name("  ").is_err());
        assert!(tag("a\tb").is_err());
    }

    #[test]
    fn record_count_adds_every_kind() {
        let text = "schema = 1\nname = \"x\"\n[[interaction]]\nat = 2026-01-01\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"\"\n[[order]]\nat = 2026-01-02\namount = \"5.00\"\n[[order]]\nat = 2026-01-03\namount = \"5.00\"\n[[promise]]\nid = \"p1\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"w\"\ndue = 2026-01-09\n[[promise]]\nid = \"p2\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"w\"\ndue = 2026-01-09\n[[promise]]\nid = \"p3\"\nat = 2026-01-01\nby = \"us\"\nwhat = \"w\"\ndue = 2026-01-09\n[[resolution]]\npromise = \"p1\"\nat = 2026-01-05\nstatus = \"kept\"\n[[phase]]\nat = 2026-01-01\nset = \"potential\"\n";
        let c = crate::storage::parse_customer(std::path::Path::new("x.toml"), text)
            .unwrap()
            .into_customer("x".into());
        assert_eq!(
            (
                c.interactions.len(),
                c.orders.len(),
                c.promises.len(),
                c.resolutions.len(),
                c.phases.len()
            ),
            (1, 2, 3, 1, 1)
        );
        assert_eq!(c.record_count(), 8);
    }
}
