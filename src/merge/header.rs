//! Three-way merge of a customer file's header, key by key (PRODUCT.md §8.1).
//!
//! A key changed on one side takes that side's value; changed on both sides to the same value
//! takes it; changed on both sides to different values is a conflict, left in the text between
//! git-style markers so that `coltiva check` can name the key and both values. `uid` is the one
//! exception: it is the set of identities of the customer and merges as a union (the same
//! customer added in two clones keeps both clones' uids).
//!
//! When only one side changed the header its bytes are taken as they are. When both did, the
//! result is written on the common version's text (or, for a customer new on both sides, on
//! the smaller of the two texts), each changed key carried over with its own formatting, new
//! keys at the end in key order: nothing depends on which side is "ours", so merging A into B
//! and B into A give the same bytes.

use std::collections::BTreeSet;

use toml_edit::DocumentMut;

use super::split::canonical;

/// The header key holding the customer's identities.
pub const UID_KEY: &str = "uid";

/// A key both sides changed to different values: each side's `key = value` text (None: the
/// side removed the key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyConflict {
    pub key: String,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

#[derive(Debug)]
pub struct HeaderMerge {
    /// The merged header; conflicting keys are left out of it (see `conflicts`).
    pub text: String,
    pub conflicts: Vec<KeyConflict>,
}

struct Side {
    doc: DocumentMut,
    values: toml::Table,
}

impl Side {
    fn parse(text: &str, which: &str) -> Result<Side, String> {
        let doc = text
            .parse::<DocumentMut>()
            .map_err(|e| format!("the header of the {which} version does not parse: {e}"))?;
        let values = toml::from_str::<toml::Table>(text)
            .map_err(|e| format!("the header of the {which} version does not parse: {e}"))?;
        Ok(Side { doc, values })
    }

    fn canon(&self, key: &str) -> Option<String> {
        let value = self.values.get(key)?;
        let mut out = String::new();
        canonical(value, &mut out);
        Some(out)
    }

    /// The `key = value` line as this side wrote it (comments above it included).
    fn line(&self, key: &str) -> Option<String> {
        let (k, item) = self.doc.as_table().get_key_value(key)?;
        let mut one = DocumentMut::new();
        one.as_table_mut().insert_formatted(k, item.clone());
        Some(one.to_string())
    }
}

/// The uids named by a header text (a space-separated set), empty when it has none.
pub fn uids(header: &str) -> BTreeSet<String> {
    toml::from_str::<toml::Table>(header)
        .ok()
        .and_then(|t| t.get(UID_KEY).and_then(|v| v.as_str().map(str::to_string)))
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The other-customer rule, read by the driver and by `merge::stopped::unmerged` alike: a side whose
/// uids share none with the common version's is another customer (git paired two customers'
/// files). A version without a uid (older files, a customer new on both sides) is never
/// another customer.
pub fn another_customer(base: &BTreeSet<String>, side: &BTreeSet<String>) -> bool {
    !base.is_empty() && !side.is_empty() && side.is_disjoint(base)
}

/// The header key whose value is a set of words: tags added or removed on both sides merge
/// as sets.
pub const TAGS_KEY: &str = "tags";

/// The three-way merge of `tags` as sets: a tag is in the result when it is on both sides, or
/// new on one (added), and not removed by either. The side whose set it equals is taken as it
/// is; otherwise the base's order, then the added tags in order. None: a side's tags are not
/// a list of words (then the key merges as any other).
fn tag_sets(b: &Side, o: &Side, t: &Side) -> Option<Pick> {
    let words = |side: &Side| -> Option<Vec<String>> {
        match side.values.get(TAGS_KEY) {
            None => Some(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(_) => None,
        }
    };
    let (bw, ow, tw) = (words(b)?, words(o)?, words(t)?);
    let keep = |tag: &String| {
        let (inb, ino, int) = (bw.contains(tag), ow.contains(tag), tw.contains(tag));
        if inb { ino && int } else { ino || int }
    };
    let mut result: Vec<String> = Vec::new();
    let mut added: BTreeSet<String> = BTreeSet::new();
    for tag in bw.iter().chain(&ow).chain(&tw) {
        if keep(tag) && !result.contains(tag) {
            if bw.contains(tag) {
                result.push(tag.clone());
            } else {
                added.insert(tag.clone());
            }
        }
    }
    result.extend(added);
    let same =
        |side: &[String]| side.len() == result.len() && side.iter().all(|tag| result.contains(tag));
    let (so, st) = (
        same(&ow) && o.values.contains_key(TAGS_KEY),
        same(&tw) && t.values.contains_key(TAGS_KEY),
    );
    Some(if so && st {
        // The same tags in another order: the smaller line, whichever side is ours.
        if t.line(TAGS_KEY) < o.line(TAGS_KEY) {
            Pick::Theirs
        } else {
            Pick::Ours
        }
    } else if so {
        Pick::Ours
    } else if st {
        Pick::Theirs
    } else {
        Pick::Tags(result)
    })
}

enum Pick {
    Tags(Vec<String>),
    Ours,
    Theirs,
    Value(String),
    Remove,
    Conflict,
}

pub fn merge(base: &str, ours: &str, theirs: &str) -> Result<HeaderMerge, String> {
    let clean = |text: &str| HeaderMerge {
        text: text.to_string(),
        conflicts: Vec::new(),
    };
    if ours == theirs || base == theirs {
        return Ok(clean(ours));
    }
    if base == ours {
        return Ok(clean(theirs));
    }
    let b = Side::parse(base, "common")?;
    let o = Side::parse(ours, "ours")?;
    let t = Side::parse(theirs, "theirs")?;
    // The text the result is written on: the common version, else the smaller side.
    let skeleton = if !b.values.is_empty() {
        &b
    } else if ours <= theirs {
        &o
    } else {
        &t
    };
    let mut result = skeleton.doc.clone();
    let mut keys: Vec<String> = result
        .as_table()
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    let mut new: BTreeSet<String> = BTreeSet::new();
    for side in [&o, &t] {
        for (key, _) in side.values.iter() {
            if !keys.contains(key) {
                new.insert(key.clone());
            }
        }
    }
    keys.extend(new);
    let mut conflicts = Vec::new();
    for key in keys {
        let (bv, ov, tv) = (b.canon(&key), o.canon(&key), t.canon(&key));
        let pick = if key == UID_KEY {
            let mut all: BTreeSet<&str> = BTreeSet::new();
            for side in [&o, &t] {
                if let Some(uid) = side.values.get(UID_KEY).and_then(|v| v.as_str()) {
                    all.extend(uid.split_whitespace());
                }
            }
            if all.is_empty() {
                Pick::Remove
            } else {
                Pick::Value(all.into_iter().collect::<Vec<_>>().join(" "))
            }
        } else if key == TAGS_KEY
            && ov != tv
            && let Some(tags) = tag_sets(&b, &o, &t)
        {
            tags
        } else if ov == tv {
            match (o.line(&key), t.line(&key)) {
                (Some(a), Some(b)) if b < a => Pick::Theirs,
                (Some(_), _) => Pick::Ours,
                _ => Pick::Remove,
            }
        } else if bv == ov {
            if tv.is_some() {
                Pick::Theirs
            } else {
                Pick::Remove
            }
        } else if bv == tv {
            if ov.is_some() {
                Pick::Ours
            } else {
                Pick::Remove
            }
        } else {
            Pick::Conflict
        };
        let table = result.as_table_mut();
        // Each key is decided once, so the result still holds the skeleton's value of it.
        let current = skeleton.canon(&key);
        match pick {
            Pick::Remove => {
                table.remove(&key);
            }
            Pick::Ours | Pick::Theirs => {
                let (side, value) = match pick {
                    Pick::Ours => (&o, ov),
                    _ => (&t, tv),
                };
                if current != value
                    && let Some((k, item)) = side.doc.as_table().get_key_value(&key)
                {
                    table.insert_formatted(k, item.clone());
                }
            }
            Pick::Tags(tags) => {
                let mut array = toml_edit::Array::new();
                for tag in tags {
                    array.push(tag);
                }
                table.insert(&key, toml_edit::value(array));
            }
            Pick::Value(uid) => {
                let mut out = String::new();
                canonical(&toml::Value::String(uid.clone()), &mut out);
                if current.as_deref() != Some(out.as_str()) {
                    table.insert(&key, toml_edit::value(uid));
                }
            }
            Pick::Conflict => {
                table.remove(&key);
                conflicts.push(KeyConflict {
                    ours: o.line(&key),
                    theirs: t.line(&key),
                    key,
                });
            }
        }
    }
    Ok(HeaderMerge {
        text: result.to_string(),
        conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "schema = 1\nname = \"ACME\"\n# how often\ncadence = \"30d\"\n";

    #[test]
    fn one_side_changed_takes_that_side_byte_for_byte() {
        let ours =
            "schema = 1\nname = \"ACME\"\n# how often\ncadence = \"30d\"\ntags = [ \"vip\" ]\n";
        assert_eq!(merge(BASE, ours, BASE).unwrap().text, ours);
        assert_eq!(merge(BASE, BASE, ours).unwrap().text, ours);
    }

    #[test]
    fn different_keys_changed_on_each_side_both_survive_in_either_direction() {
        let anna = BASE.replace("30d", "14d");
        let bruno = format!("{BASE}tags = [\"vip\"]\n");
        let ab = merge(BASE, &anna, &bruno).unwrap();
        let ba = merge(BASE, &bruno, &anna).unwrap();
        assert!(ab.conflicts.is_empty());
        assert_eq!(ab.text, ba.text);
        assert_eq!(
            ab.text,
            "schema = 1\nname = \"ACME\"\n# how often\ncadence = \"14d\"\ntags = [\"vip\"]\n"
        );
    }

    #[test]
    fn same_change_on_both_sides_is_taken_once() {
        let both = BASE.replace("ACME", "ACME S.p.A.");
        let anna = format!("{both}territory = \"Milano\"\n");
        let bruno = format!("{both}kind = \"internal\"\n");
        let merged = merge(BASE, &anna, &bruno).unwrap();
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.text,
            "schema = 1\nname = \"ACME S.p.A.\"\n# how often\ncadence = \"30d\"\nkind = \"internal\"\nterritory = \"Milano\"\n"
        );
    }

    #[test]
    fn the_same_key_changed_differently_is_a_conflict_with_both_values() {
        let anna = BASE.replace("30d", "14d");
        let bruno = BASE.replace("30d", "7d");
        let merged = merge(BASE, &anna, &bruno).unwrap();
        assert_eq!(
            merged.conflicts,
            vec![KeyConflict {
                key: "cadence".into(),
                ours: Some("# how often\ncadence = \"14d\"\n".into()),
                theirs: Some("# how often\ncadence = \"7d\"\n".into()),
            }]
        );
        assert_eq!(merged.text, "schema = 1\nname = \"ACME\"\n");
        // Removed on one side, changed on the other: also a conflict.
        let removed = "schema = 1\nname = \"ACME\"\n";
        let merged = merge(BASE, removed, &bruno).unwrap();
        assert_eq!(merged.conflicts[0].ours, None);
    }

    #[test]
    fn tags_added_and_removed_on_both_sides_merge_as_sets_in_either_direction() {
        let base = format!("{BASE}tags = [\"vip\", \"old\"]\n");
        let anna = format!("{BASE}tags = [\"vip\", \"old\", \"export\"]\n");
        let bruno = format!("{BASE}tags = [\"vip\", \"b2b\"]\n");
        let ab = merge(&base, &anna, &bruno).unwrap();
        assert!(ab.conflicts.is_empty(), "{:?}", ab.conflicts);
        assert_eq!(merge(&base, &bruno, &anna).unwrap().text, ab.text);
        assert!(
            ab.text.ends_with("tags = [\"vip\", \"b2b\", \"export\"]\n"),
            "{}",
            ab.text
        );
        // From no tags at all, on both sides; and the same set in two orders.
        let anna = format!("{BASE}tags = [\"export\"]\n");
        let bruno = format!("{BASE}tags = [\"b2b\"]\n");
        let merged = merge(BASE, &anna, &bruno).unwrap();
        assert!(
            merged.text.ends_with("tags = [\"b2b\", \"export\"]\n"),
            "{}",
            merged.text
        );
        let one = format!("{BASE}tags = [\"a\", \"b\"]\n");
        let other = format!("{BASE}tags = [\"b\", \"a\"]\n");
        assert_eq!(
            merge(BASE, &one, &other).unwrap().text,
            merge(BASE, &other, &one).unwrap().text
        );
        // Every tag removed on one side, one added on the other: only the added one.
        let none = format!("{BASE}tags = []\n");
        let more = format!("{BASE}tags = [\"vip\", \"old\", \"new\"]\n");
        let merged = merge(&base, &none, &more).unwrap();
        assert!(
            merged.text.ends_with("tags = [\"new\"]\n"),
            "{}",
            merged.text
        );
    }

    #[test]
    fn uids_merge_as_a_union_and_a_new_customer_on_both_sides_is_symmetric() {
        let anna = "schema = 1\nname = \"ACME\"\nuid = \"aaaa\"\n";
        let bruno = "schema = 1\nname = \"ACME\"\nuid = \"bbbb\"\n";
        let ab = merge("", anna, bruno).unwrap();
        assert_eq!(
            ab.text,
            "schema = 1\nname = \"ACME\"\nuid = \"aaaa bbbb\"\n"
        );
        assert_eq!(merge("", bruno, anna).unwrap().text, ab.text);
        assert_eq!(uids(&ab.text).len(), 2);
    }
}
