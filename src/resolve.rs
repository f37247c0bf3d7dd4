//! Turning what the user typed into a customer id or a promise.
//!
//! A customer reference is tried in tiers, each only if the previous found nothing:
//! an exact id (no other file is read), a unique id prefix, a unique part of a name
//! (case- and accent-insensitive). More than one match in a tier is ambiguous.

use crate::error::{Error, ReferenceError, Result};
use std::collections::HashMap;

use crate::i18n::{Catalogue, CommandRefusal, RowProblem};
use crate::ids::{check_id, fold, fold_words, slug};
use crate::model::{Customer, Promise};
use crate::storage::Journal;

/// Resolves a customer reference to an existing customer id.
pub fn customer(journal: &Journal, query: &str) -> Result<String> {
    if journal.has_customer(query) {
        return Ok(query.to_string());
    }
    let ids = journal.customer_ids()?;
    let folded = fold(query.trim());
    if folded.is_empty() {
        let words = crate::i18n::catalogue(journal.settings.locale.language);
        return Err(Error::Usage(
            words.refused(&CommandRefusal::EmptyCustomerReference),
        ));
    }
    // `Rossi` names `rossi` even when `rossi-impianti` also starts with it: an id matched
    // exactly (case- and accent-insensitively) beats the prefixes it is one of.
    if let Some(exact) = ids.iter().find(|id| **id == folded) {
        // Typed otherwise than the id ("Rossi" for `rossi`), the text may as well be the whole
        // name of another customer: then it names both, and neither is guessed.
        let words = fold_words(query.trim());
        let also_named: Vec<&String> = ids
            .iter()
            .filter(|id| *id != exact)
            .filter(|id| {
                journal
                    .load_header(id)
                    .is_ok_and(|h| fold_words(&h.name) == words)
            })
            .collect();
        if also_named.is_empty() {
            return Ok(exact.clone());
        }
        let mut all = vec![exact.as_str()];
        all.extend(also_named.iter().map(|s| s.as_str()));
        return Err(ambiguous("customer", query, telling_apart(journal, &all)));
    }
    let by_prefix: Vec<&String> = ids.iter().filter(|id| id.starts_with(&folded)).collect();
    match by_prefix.as_slice() {
        [one] => return Ok((*one).clone()),
        [] => {}
        many => {
            let ids: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
            return Err(ambiguous("customer", query, telling_apart(journal, &ids)));
        }
    }
    let mut named = Vec::with_capacity(ids.len());
    for id in &ids {
        // A file that does not parse cannot be matched by name; it stays matchable by id.
        if let Ok(header) = journal.load_header(id) {
            named.push((id.as_str(), header.name));
        }
    }
    let query_words = fold_words(query.trim());
    let by_name: Vec<&(&str, String)> = named
        .iter()
        .filter(|(_, name)| fold_words(name).contains(&query_words))
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one.0.to_string()),
        [] => Err(not_found("customer", query, suggestions(&folded, &named))),
        many => Err(ambiguous(
            "customer",
            query,
            telling_apart(journal, &many.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
        )),
    }
}

/// The person of `customer` that `typed` names (`--with`, `person set/left`), among the
/// people its records make up to `as_of`: an id, else a unique id prefix, else a unique part
/// of the name, case- and accent-insensitive ("pao", "Rossi", "rossi paola" does not). None
/// or several: a usage error naming the people it could be (exit 2), nothing written.
pub fn person(
    customer: &Customer,
    typed: &str,
    as_of: chrono::NaiveDate,
    words: &dyn Catalogue,
) -> Result<crate::model::PersonNow> {
    let people = crate::model::kinds::people(&customer.records, as_of);
    let folded = fold_words(typed.trim());
    if folded.is_empty() {
        return Err(Error::Usage(
            words.refused(&CommandRefusal::EmptyPersonReference),
        ));
    }
    if people.is_empty() {
        return Err(Error::Usage(words.refused(&CommandRefusal::NoPeople {
            name: customer.header.name.clone(),
            id: customer.id.clone(),
        })));
    }
    let describe = |p: &crate::model::PersonNow| match (&p.role, p.left) {
        (_, Some(day)) => format!("{} ({}, left {day})", p.id, p.name),
        (Some(role), None) => format!("{} ({}, {role})", p.id, p.name),
        (None, None) => format!("{} ({})", p.id, p.name),
    };
    let tiers: [&dyn Fn(&crate::model::PersonNow) -> bool; 3] =
        [&|p| p.id == folded, &|p| p.id.starts_with(&folded), &|p| {
            fold_words(&p.name).contains(&folded)
        }];
    for tier in tiers {
        let found: Vec<&crate::model::PersonNow> = people.iter().filter(|p| tier(p)).collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok((*one).clone()),
            many => {
                return Err(ambiguous(
                    "person",
                    typed,
                    many.iter().map(|p| describe(p)).collect(),
                ));
            }
        }
    }
    Err(not_found(
        "person",
        typed,
        people.iter().map(describe).collect(),
    ))
}

fn label(id: &str, name: &str) -> String {
    format!("{id} ({name})")
}

/// Most attributes shown per candidate of an ambiguity.
const TELLING_ATTRIBUTES: usize = 2;

/// The candidates of an ambiguity, each as `id (name; key = value, ...)` with the free
/// attributes whose values differ among them (those that tell them apart); candidates that
/// share the name and no attribute tells apart get their `since`. A file that does not parse
/// is named by its id.
pub fn telling_apart(journal: &Journal, ids: &[&str]) -> Vec<String> {
    let headers: Vec<Option<crate::model::Header>> =
        ids.iter().map(|id| journal.load_header(id).ok()).collect();
    let value = |h: &crate::model::Header, key: &str| -> Option<String> {
        h.attributes.get(key).map(|v| match v {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    let mut keys: Vec<&String> = headers
        .iter()
        .flatten()
        .flat_map(|h| h.attributes.keys())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    // The attribute that tells most candidates apart with the shortest values, then (if it
    // leaves some alike) the next, up to TELLING_ATTRIBUTES.
    let mut ranked: Vec<(usize, usize, &String)> = keys
        .into_iter()
        .filter_map(|k| {
            let values: Vec<Option<String>> = headers
                .iter()
                .flatten()
                .map(|h| value(h, k.as_str()))
                .collect();
            let mut distinct = values.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let length: usize = values.iter().flatten().map(String::len).sum();
            (distinct.len() > 1).then_some((values.len() - distinct.len(), length, k))
        })
        .collect();
    ranked.sort();
    let telling: Vec<&String> = match ranked.first() {
        Some((0, _, k)) => vec![*k],
        _ => ranked
            .iter()
            .take(TELLING_ATTRIBUTES)
            .map(|(_, _, k)| *k)
            .collect(),
    };
    let same_names = {
        let mut names: Vec<String> = headers
            .iter()
            .flatten()
            .map(|h| fold_words(&h.name))
            .collect();
        names.sort_unstable();
        names.dedup();
        names.len() < headers.iter().flatten().count()
    };
    ids.iter()
        .zip(&headers)
        .map(|(id, header)| {
            let Some(h) = header else {
                return id.to_string();
            };
            let mut parts: Vec<String> = telling
                .iter()
                .filter_map(|k| value(h, k).map(|v| format!("{k} = {v}")))
                .collect();
            if parts.is_empty()
                && same_names
                && let Some(since) = h.since
            {
                parts.push(format!("since {since}"));
            }
            if parts.is_empty() {
                label(id, &h.name)
            } else {
                format!("{id} ({}; {})", h.name, parts.join(", "))
            }
        })
        .collect()
}

fn ambiguous(what: &'static str, query: &str, candidates: Vec<String>) -> Error {
    reference(what, query, true, candidates)
}

fn not_found(what: &'static str, query: &str, candidates: Vec<String>) -> Error {
    reference(what, query, false, candidates)
}

fn reference(what: &'static str, query: &str, ambiguous: bool, candidates: Vec<String>) -> Error {
    Error::Reference(ReferenceError {
        what,
        query: query.to_string(),
        ambiguous,
        candidates,
    })
}

/// The candidate most similar to `word` (Jaro-Winkler ≥ 0.85), for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Up to five customers whose id or name looks like the query, most alike first.
fn suggestions(folded_query: &str, named: &[(&str, String)]) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = named
        .iter()
        .filter_map(|(id, name)| {
            let score = strsim::jaro_winkler(folded_query, id)
                .max(strsim::jaro_winkler(folded_query, &fold(name)));
            (score >= 0.75).then(|| (score, label(id, name)))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(5).map(|(_, l)| l).collect()
}

/// A promise reference as typed: `ID` or `CUSTOMER/ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseRef {
    pub customer: Option<String>,
    pub id: String,
}

impl PromiseRef {
    /// Reads a promise reference; refused as a fact for the command to word.
    pub fn parse(text: &str) -> std::result::Result<PromiseRef, CommandRefusal> {
        let text = text.trim();
        let (customer, id) = match text.rsplit_once('/') {
            Some((c, _)) if c.trim().is_empty() => {
                return Err(CommandRefusal::PromiseRefNoCustomer {
                    text: text.to_string(),
                });
            }
            Some((c, id)) => (Some(c.trim().to_string()), id),
            None => (None, text),
        };
        let id = id.to_lowercase();
        if !crate::ids::looks_like_promise_id(&id) {
            return Err(CommandRefusal::BadPromiseId {
                text: text.to_string(),
                len: crate::ids::PROMISE_ID_LEN,
                alphabet: std::str::from_utf8(crate::ids::PROMISE_ID_ALPHABET).unwrap_or_default(),
            });
        }
        Ok(PromiseRef { customer, id })
    }
}

/// Resolves a promise reference to the id of the customer holding it.
///
/// With `CUSTOMER/ID` only that customer's file is read. With a bare id, only the files that
/// contain the id's text are parsed.
pub fn promise_owner(journal: &Journal, reference: &PromiseRef) -> Result<String> {
    if let Some(c) = &reference.customer {
        return customer(journal, c);
    }
    if let Some(owner) = owner_from_index(journal, &reference.id) {
        return owner;
    }
    let mut found: Vec<(String, String)> = Vec::new();
    // A file that holds the id's text but does not parse: if nothing else matches, its parse
    // error says more than "unknown promise".
    let mut unreadable: Option<Error> = None;
    for id in journal.promise_index().files_containing(&reference.id)? {
        let c = match journal.load_customer(&id) {
            Ok(c) => c,
            Err(e) => {
                unreadable.get_or_insert(e);
                continue;
            }
        };
        for p in matching_promises(&c, &reference.id) {
            found.push((id.clone(), p.id.clone()));
        }
    }
    if found.is_empty()
        && let Some(err) = unreadable
    {
        return Err(err);
    }
    match found.as_slice() {
        [(owner, _)] => Ok(owner.clone()),
        [] => Err(not_found("promise", &reference.id, Vec::new())),
        many => Err(ambiguous(
            "promise",
            &reference.id,
            many.iter().map(|(c, p)| format!("{c}/{p}")).collect(),
        )),
    }
}

/// The owner of a promise by the promise index, when the index can be trusted for it: only a
/// fresh index (no customer file added, removed, replaced or appended to since it was built)
/// is used, and every hit is verified in its customer's file, where every match counts (two
/// promises with one id are ambiguous). None: scan the files instead, so a stale index never
/// hides a second match.
fn owner_from_index(journal: &Journal, query: &str) -> Option<Result<String>> {
    let hits = journal.promise_index().lookup(query)?;
    let mut found: Vec<(String, String)> = Vec::new();
    let mut customers: Vec<&str> = hits.entries.iter().map(|(_, c)| c.as_str()).collect();
    customers.sort_unstable();
    customers.dedup();
    for customer in customers {
        let c = journal.load_customer(customer).ok()?;
        let matching = matching_promises(&c, query);
        if matching.is_empty() {
            return None; // stale entry
        }
        found.extend(
            matching
                .iter()
                .map(|p| (customer.to_string(), p.id.clone())),
        );
    }
    match found.as_slice() {
        _ if !hits.fresh => None,
        [(owner, _)] => Some(Ok(owner.clone())),
        [_, _, ..] => Some(Err(ambiguous(
            "promise",
            query,
            found.iter().map(|(c, p)| format!("{c}/{p}")).collect(),
        ))),
        _ => None,
    }
}

/// Promises of a customer whose id is `id` or starts with it (an exact id wins). Two promises
/// with one id (a bad merge or hand edit) are both returned: the caller refuses as ambiguous
/// rather than decide both with one record.
pub fn matching_promises<'a>(customer: &'a Customer, id: &str) -> Vec<&'a Promise> {
    let exact: Vec<&Promise> = customer.promises.iter().filter(|p| p.id == id).collect();
    if !exact.is_empty() {
        return exact;
    }
    customer
        .promises
        .iter()
        .filter(|p| p.id.starts_with(id))
        .collect()
}

/// Finds the one promise `reference` names within its owner's records.
pub fn promise_in<'a>(customer: &'a Customer, reference: &PromiseRef) -> Result<&'a Promise> {
    match matching_promises(customer, &reference.id).as_slice() {
        [one] => Ok(one),
        [] => Err(not_found(
            "promise",
            &format!("{}/{}", customer.id, reference.id),
            customer.promises.iter().map(|p| p.id.clone()).collect(),
        )),
        many => Err(ambiguous(
            "promise",
            &reference.id,
            many.iter()
                .map(|p| format!("{}/{}", customer.id, p.id))
                .collect(),
        )),
    }
}

/// Finds the customer of an import's `customer` cell: an existing id, the id its text makes (as
/// `add` makes ids), the one customer with exactly that name (case- and accent-insensitive),
/// else a new customer whose id is made from the text and checked as `add` checks it. Stricter
/// than [`customer`] (no prefixes, no parts of names): an import creates the customers it does
/// not find, so a loose match would file rows under the wrong customer.
pub struct ImportCustomers<'a> {
    journal: &'a Journal,
    cache: HashMap<String, std::result::Result<String, RowProblem>>,
    names: Option<HashMap<String, Vec<String>>>,
}

impl<'a> ImportCustomers<'a> {
    pub fn new(journal: &'a Journal) -> ImportCustomers<'a> {
        ImportCustomers {
            journal,
            cache: HashMap::new(),
            names: None,
        }
    }

    /// The id of the customer a cell names, or why there is none (a message for the cell).
    pub fn id(&mut self, value: &str) -> std::result::Result<String, RowProblem> {
        if let Some(found) = self.cache.get(value) {
            return found.clone();
        }
        let found = self.find(value);
        self.cache.insert(value.to_string(), found.clone());
        found
    }

    /// The customer whose id `--id-from` made (from the cells `parts`): that existing
    /// customer; else a new one, unless a customer of the same whole name is there that the
    /// row may be: one whose id is the plain id of the name (added by hand or imported without
    /// `--id-from`: nothing tells it apart), or one with an attribute equal to a cell of the
    /// row's `--id-from` columns (its city, say). Creating one more would guess it is not them.
    pub fn made_id(
        &mut self,
        id: &str,
        value: &str,
        parts: &[String],
    ) -> std::result::Result<String, RowProblem> {
        check_id(id).map_err(|bad| RowProblem::BadId { bad })?;
        if self.journal.has_customer(id) {
            return Ok(id.to_string());
        }
        let plain = slug(value).ok();
        let said: Vec<String> = parts.iter().map(|p| fold_words(p)).collect();
        let journal = self.journal;
        let named: Vec<String> = self
            .names()
            .get(&fold_words(value))
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|other| {
                plain.as_deref() == Some(other.as_str())
                    || journal.load_header(other).is_ok_and(|h| {
                        h.attributes
                            .values()
                            .any(|v| v.as_str().is_some_and(|t| said.contains(&fold_words(t))))
                    })
            })
            .collect();
        if named.is_empty() {
            return Ok(id.to_string());
        }
        let mut ids: Vec<&str> = named.iter().map(String::as_str).collect();
        ids.sort_unstable();
        Err(RowProblem::NameTaken {
            id: id.to_string(),
            value: value.to_string(),
            named: telling_apart(self.journal, &ids),
            first: ids[0].to_string(),
        })
    }

    /// Existing customers by their whole name (folded), read once.
    fn names(&mut self) -> &HashMap<String, Vec<String>> {
        let journal = self.journal;
        self.names.get_or_insert_with(|| {
            let mut names: HashMap<String, Vec<String>> = HashMap::new();
            for existing in journal.customer_ids().unwrap_or_default() {
                if let Ok(header) = journal.load_header(&existing) {
                    names
                        .entry(fold_words(&header.name))
                        .or_default()
                        .push(existing);
                }
            }
            names
        })
    }

    /// The customer a cell names: the cell written exactly as an existing id is that customer;
    /// otherwise every existing customer it can mean, by every rule: the id `add` would make
    /// from it, the whole name (case-, accent- and space-insensitive). One:
    /// that customer. Several: an error naming each with what tells them apart, whatever rule
    /// found it (no rule wins over another). None: a new customer, whose id is made from the
    /// text and checked as `add` checks it.
    fn find(&mut self, value: &str) -> std::result::Result<String, RowProblem> {
        let id = slug(value).map_err(|_| RowProblem::NoLettersOrDigits {
            value: value.to_string(),
        });
        // Written exactly as an existing id: that customer, as on the command line (an id is
        // what the user writes to say which one; an export writes ids).
        if self.journal.has_customer(value) {
            return Ok(value.to_string());
        }
        let mut found: Vec<String> = Vec::new();
        if let Ok(id) = &id
            && self.journal.has_customer(id)
        {
            found.push(id.clone());
        }
        let journal = self.journal;
        let names = self.names();
        for named in names.get(&fold_words(value)).into_iter().flatten() {
            if !found.contains(named) {
                found.push(named.clone());
            }
        }
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => {
                let id = id?;
                check_id(&id)
                    .map(|()| id)
                    .map_err(|bad| RowProblem::BadId { bad })
            }
            many => {
                let mut ids: Vec<&str> = many.iter().map(String::as_str).collect();
                ids.sort_unstable();
                Err(RowProblem::AnyOf {
                    value: value.to_string(),
                    candidates: telling_apart(journal, &ids),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promise_refs_parse_both_forms() {
        assert_eq!(
            PromiseRef::parse("acme/7k3m9x").unwrap(),
            PromiseRef {
                customer: Some("acme".into()),
                id: "7k3m9x".into()
            }
        );
        assert_eq!(PromiseRef::parse("7K3M").unwrap().id, "7k3m");
        assert!(PromiseRef::parse("/7k3m").is_err());
        assert!(PromiseRef::parse("acme/").is_err());
        assert!(PromiseRef::parse("toolongid").is_err());
        assert!(PromiseRef::parse("").is_err());
    }
}

/// Tests written to kill the mutants `bench/mutants.sh` found (docs/TESTING.md): the tiers of
/// a customer reference, promise references and import cells, on a journal in a temporary
/// folder.
#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::config::Source;

    /// A journal with these customers: (id, name, promise ids).
    fn journal(customers: &[(&str, &str, &[&str])]) -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        Journal::init(dir.path()).unwrap();
        for (id, name, promises) in customers {
            let mut doc = toml_edit::DocumentMut::new();
            doc["schema"] = toml_edit::value(1);
            doc["name"] = toml_edit::value(*name);
            doc["kind"] = toml_edit::value("external");
            let mut text = doc.to_string();
            for p in *promises {
                let mut promise = toml_edit::DocumentMut::new();
                promise["id"] = toml_edit::value(*p);
                promise["by"] = toml_edit::value("us");
                promise["what"] = toml_edit::value("call back");
                text.push_str(&format!(
                    "\n[[promise]]\n{}at = 2026-11-02\ndue = 2026-11-30\n",
                    promise
                ));
            }
            std::fs::write(
                dir.path().join("customers").join(format!("{id}.toml")),
                text,
            )
            .unwrap();
        }
        let journal = Journal::open(dir.path().to_path_buf(), Source::Flag).unwrap();
        (dir, journal)
    }

    fn reference(err: Error) -> ReferenceError {
        match err {
            Error::Reference(r) => r,
            other => panic!("not a reference error: {other}"),
        }
    }

    const SHOP: &[(&str, &str, &[&str])] = &[
        ("rossi-impianti", "Rossi Impianti S.r.l.", &["7k2m9q"]),
        ("rossini", "Pasticceria Rossini", &["7k2maa", "b3c4d5"]),
        ("caffe-nero", "Caffè  Nerò", &[]),
        ("verdi", "Verdi Nerò", &[]),
        ("bianchi", "Bianchi Mario", &[]),
    ];

    #[test]
    fn a_customer_by_id_by_prefix_and_by_part_of_its_name() {
        let (_dir, j) = journal(SHOP);
        assert_eq!(customer(&j, "rossini").unwrap(), "rossini");
        assert_eq!(customer(&j, "rossi-").unwrap(), "rossi-impianti");
        assert_eq!(customer(&j, " Caffe ").unwrap(), "caffe-nero");
        // A part of a name, any case, accents and spaces folded.
        assert_eq!(customer(&j, "MARIO").unwrap(), "bianchi");
        assert_eq!(customer(&j, "caffè nerò").unwrap(), "caffe-nero");
        assert_eq!(customer(&j, "pasticceria").unwrap(), "rossini");
    }

    #[test]
    fn an_ambiguous_or_unknown_customer_names_the_candidates() {
        let (_dir, j) = journal(SHOP);
        let r = reference(customer(&j, "ross").unwrap_err());
        assert!(r.ambiguous);
        assert_eq!(r.what, "customer");
        assert_eq!(
            r.candidates,
            [
                "rossi-impianti (Rossi Impianti S.r.l.)",
                "rossini (Pasticceria Rossini)"
            ]
        );
        let r = reference(customer(&j, "nerò").unwrap_err());
        assert!(r.ambiguous);
        assert_eq!(
            r.candidates,
            ["caffe-nero (Caffè  Nerò)", "verdi (Verdi Nerò)"]
        );
        let r = reference(customer(&j, "bianki").unwrap_err());
        assert!(!r.ambiguous);
        assert_eq!(r.query, "bianki");
        assert_eq!(r.candidates, ["bianchi (Bianchi Mario)"]);
        assert!(matches!(customer(&j, "  "), Err(Error::Usage(_))));
    }

    #[test]
    fn suggestions_are_the_five_most_alike_first() {
        let named: Vec<(&str, String)> = [
            "abcdef", "abcdxx", "abcdex", "abcxxx", "abxxxx", "zzzzzz", "abcdeg", "abcdez",
        ]
        .iter()
        .map(|id| (*id, id.to_uppercase()))
        .collect();
        let found = suggestions("abcdef", &named);
        assert_eq!(found.len(), 5);
        assert_eq!(found[0], "abcdef (ABCDEF)");
        assert!(!found.iter().any(|l| l.starts_with("zzzzzz")));
        assert!(!found.iter().any(|l| l.starts_with("abxxxx")));
    }

    #[test]
    fn closest_needs_a_close_enough_word() {
        assert_eq!(
            closest("rosi", ["verdi", "rossi", "rossini"]),
            Some("rossi")
        );
        assert_eq!(closest("rossin", ["rossi", "rossini"]), Some("rossini"));
        assert_eq!(closest("xyz", ["rossi", "verdi"]), None);
    }

    #[test]
    fn a_promise_by_id_prefix_or_customer() {
        let (_dir, j) = journal(SHOP);
        let owner = |text: &str| promise_owner(&j, &PromiseRef::parse(text).unwrap());
        assert_eq!(owner("7k2m9q").unwrap(), "rossi-impianti");
        assert_eq!(owner("b3c4").unwrap(), "rossini");
        assert_eq!(owner("pasticceria/7k2maa").unwrap(), "rossini");
        let r = reference(owner("7k2m").unwrap_err());
        assert!(r.ambiguous);
        assert_eq!(r.candidates, ["rossi-impianti/7k2m9q", "rossini/7k2maa"]);
        let r = reference(owner("zzzz").unwrap_err());
        assert!(!r.ambiguous);
        assert_eq!((r.what, r.query.as_str()), ("promise", "zzzz"));
    }

    /// The index path itself: the scan of `promise_owner` gives the same answers, so only a
    /// direct call shows that a fresh index is used, and that a stale one is not.
    #[test]
    fn a_fresh_promise_index_answers_and_a_stale_one_does_not() {
        let (dir, j) = journal(SHOP);
        assert!(
            owner_from_index(&j, "7k2m9q").is_none(),
            "no index before a scan"
        );
        j.promise_index().files_containing("not-there").unwrap(); // builds the index
        assert_eq!(
            owner_from_index(&j, "7k2m9q").unwrap().unwrap(),
            "rossi-impianti"
        );
        assert_eq!(owner_from_index(&j, "b3c4").unwrap().unwrap(), "rossini");
        let r = reference(owner_from_index(&j, "7k2m").unwrap().unwrap_err());
        assert!(r.ambiguous);
        assert_eq!(r.candidates, ["rossi-impianti/7k2m9q", "rossini/7k2maa"]);
        // Not in the index: the scan decides.
        assert!(owner_from_index(&j, "zzzz").is_none());
        // An append makes the index stale: the scan decides, even where the index had a hit.
        let path = dir.path().join("customers/verdi.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("\n[[interaction]]\nat = 2026-11-03\nsummary = \"called\"\n");
        std::fs::write(&path, text).unwrap();
        assert!(owner_from_index(&j, "7k2m9q").is_none());
    }

    #[test]
    fn a_broken_file_holding_the_id_says_why() {
        let (dir, j) = journal(SHOP);
        std::fs::write(
            dir.path().join("customers/broken.toml"),
            "id = \"q9q9q9\"\nname = [",
        )
        .unwrap();
        let err = promise_owner(&j, &PromiseRef::parse("q9q9q9").unwrap()).unwrap_err();
        assert!(matches!(err, Error::Parse { .. }), "{err}");
        // Found elsewhere, the broken file does not matter.
        std::fs::write(
            dir.path().join("customers/broken2.toml"),
            "x = \"7k2m9q\"\n[",
        )
        .unwrap();
        assert_eq!(
            promise_owner(&j, &PromiseRef::parse("7k2m9q").unwrap()).unwrap(),
            "rossi-impianti"
        );
    }

    #[test]
    fn within_a_customer_an_exact_id_wins_over_a_prefix() {
        let (_dir, j) = journal(&[("acme", "Acme", &["ab", "abc", "abd"])]);
        let c = j.load_customer("acme").unwrap();
        let ids = |q: &str| -> Vec<String> {
            matching_promises(&c, q)
                .iter()
                .map(|p| p.id.clone())
                .collect()
        };
        assert_eq!(ids("ab"), ["ab"]);
        assert_eq!(ids("abc"), ["abc"]);
        assert_eq!(ids("a"), ["ab", "abc", "abd"]);
        let in_acme = |q: &str| promise_in(&c, &PromiseRef::parse(q).unwrap());
        assert_eq!(in_acme("abd").unwrap().id, "abd");
        let r = reference(in_acme("a").unwrap_err());
        assert!(r.ambiguous);
        assert_eq!(r.candidates, ["acme/ab", "acme/abc", "acme/abd"]);
        let r = reference(in_acme("zz").unwrap_err());
        assert!(!r.ambiguous);
        assert_eq!(r.query, "acme/zz");
        assert_eq!(r.candidates, ["ab", "abc", "abd"]);
    }

    #[test]
    fn an_import_cell_names_an_id_a_slug_a_whole_name_or_a_new_customer() {
        let (_dir, j) = journal(&[
            ("acme", "Acme S.r.l.", &[]),
            ("rossi", "Bar Centrale", &[]),
            ("rossi-2", "Bar Centrale", &[]),
            ("bianchi-x", "Bianchi Mario", &[]),
        ]);
        let mut cells = ImportCustomers::new(&j);
        assert_eq!(cells.id("acme").unwrap(), "acme");
        assert_eq!(cells.id("ACME S.r.l.").unwrap(), "acme");
        assert_eq!(cells.id("bianchi  MARIO").unwrap(), "bianchi-x");
        assert_eq!(cells.id("Verdi Luca").unwrap(), "verdi-luca");
        let err = cells.id("Bar Centrale").unwrap_err().english();
        assert!(
            err.contains(
                "could be any of 2 customers: rossi (Bar Centrale), rossi-2 (Bar Centrale)"
            ),
            "{err}"
        );
        assert!(
            cells
                .id("!!!")
                .unwrap_err()
                .english()
                .contains("no letters or digits")
        );
        let err = cells.id("Con").unwrap_err().english();
        assert!(err.contains("reserved device name"), "{err}");
        assert!(err.ends_with("use an existing id"), "{err}");
        // Not a part of a name, not a prefix.
        assert_eq!(cells.id("Bianchi").unwrap(), "bianchi");
    }
}
