//! Turning what the user typed into a customer id or a promise.
//!
//! A customer reference is tried in tiers, each only if the previous found nothing:
//! an exact id (no other file is read), a unique id prefix, a unique part of a name
//! (case- and accent-insensitive). More than one match in a tier is ambiguous.

use crate::error::{Error, ReferenceError, Result};
use std::collections::HashMap;

use crate::ids::{check_id, fold, slug};
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
        return Err(Error::Usage("a customer reference cannot be empty".into()));
    }
    // `Rossi` names `rossi` even when `rossi-impianti` also starts with it: an id matched
    // exactly (case- and accent-insensitively) beats the prefixes it is one of.
    if let Some(exact) = ids.iter().find(|id| **id == folded) {
        return Ok(exact.clone());
    }
    let by_prefix: Vec<&String> = ids.iter().filter(|id| id.starts_with(&folded)).collect();
    match by_prefix.as_slice() {
        [one] => return Ok((*one).clone()),
        [] => {}
        many => {
            let names = names_of(journal, many.iter().map(|s| s.as_str()));
            return Err(ambiguous("customer", query, names));
        }
    }
    let mut named = Vec::with_capacity(ids.len());
    for id in &ids {
        // A file that does not parse cannot be matched by name; it stays matchable by id.
        if let Ok(header) = journal.load_header(id) {
            named.push((id.as_str(), header.name));
        }
    }
    let query_words = squash(&folded);
    let by_name: Vec<&(&str, String)> = named
        .iter()
        .filter(|(_, name)| squash(&fold(name)).contains(&query_words))
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one.0.to_string()),
        [] => Err(Error::Reference(ReferenceError {
            what: "customer",
            query: query.to_string(),
            ambiguous: false,
            candidates: suggestions(&folded, &named),
        })),
        many => Err(ambiguous(
            "customer",
            query,
            many.iter().map(|(id, name)| label(id, name)).collect(),
        )),
    }
}

/// Collapses whitespace so "rossi  impianti" matches "Rossi Impianti".
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn label(id: &str, name: &str) -> String {
    format!("{id} ({name})")
}

fn names_of<'a>(journal: &Journal, ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    ids.map(|id| match journal.load_header(id) {
        Ok(h) => label(id, &h.name),
        Err(_) => id.to_string(),
    })
    .collect()
}

fn ambiguous(what: &'static str, query: &str, candidates: Vec<String>) -> Error {
    Error::Reference(ReferenceError {
        what,
        query: query.to_string(),
        ambiguous: true,
        candidates,
    })
}

/// Up to five customers whose id or name looks like the query, most alike first.
/// The candidate most similar to `word` (Jaro-Winkler ≥ 0.85), for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

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
    pub fn parse(text: &str) -> Result<PromiseRef> {
        let text = text.trim();
        let (customer, id) = match text.rsplit_once('/') {
            Some((c, _)) if c.trim().is_empty() => {
                return Err(Error::Usage(format!(
                    "invalid promise reference {text:?}: the customer before '/' is empty"
                )));
            }
            Some((c, id)) => (Some(c.trim().to_string()), id),
            None => (None, text),
        };
        let id = id.to_lowercase();
        if !crate::ids::looks_like_promise_id(&id) {
            return Err(Error::Usage(format!(
                "invalid promise id {text:?}: a promise id is up to {} characters of {}, optionally as CUSTOMER/ID",
                crate::ids::PROMISE_ID_LEN,
                std::str::from_utf8(crate::ids::PROMISE_ID_ALPHABET).unwrap_or_default()
            )));
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
    for id in journal.files_containing(&reference.id)? {
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
        [] => Err(Error::Reference(ReferenceError {
            what: "promise",
            query: reference.id.clone(),
            ambiguous: false,
            candidates: Vec::new(),
        })),
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
    let hits = journal.promise_index_lookup(query)?;
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
        [] => Err(Error::Reference(ReferenceError {
            what: "promise",
            query: format!("{}/{}", customer.id, reference.id),
            ambiguous: false,
            candidates: customer.promises.iter().map(|p| p.id.clone()).collect(),
        })),
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
    cache: HashMap<String, std::result::Result<String, String>>,
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
    pub fn id(&mut self, value: &str) -> std::result::Result<String, String> {
        if let Some(found) = self.cache.get(value) {
            return found.clone();
        }
        let found = self.find(value);
        self.cache.insert(value.to_string(), found.clone());
        found
    }

    fn find(&mut self, value: &str) -> std::result::Result<String, String> {
        if self.journal.has_customer(value) {
            return Ok(value.to_string());
        }
        let id = slug(value).map_err(|_| {
            format!("cannot make a customer id from {value:?}: it has no letters or digits")
        })?;
        if self.journal.has_customer(&id) {
            return Ok(id);
        }
        let journal = self.journal;
        let names = self.names.get_or_insert_with(|| {
            let mut names: HashMap<String, Vec<String>> = HashMap::new();
            for existing in journal.customer_ids().unwrap_or_default() {
                if let Ok(header) = journal.load_header(&existing) {
                    names
                        .entry(squash(&fold(&header.name)))
                        .or_default()
                        .push(existing);
                }
            }
            names
        });
        match names.get(&squash(&fold(value))).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if many.len() > 1 => Err(format!(
                "{value:?} is the name of several customers ({}); use the id instead",
                many.join(", ")
            )),
            _ => check_id(&id).map(|()| id).map_err(|reason| {
                format!("{reason}; write the customer differently or use an existing id")
            }),
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
