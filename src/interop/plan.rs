//! The import plan: which rows are already in the journal, which customers to create, which
//! records to append, and the checks that need the whole file and the journal (duplicate
//! sources and promise ids, resolutions of unknown promises).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::keys::{KeyMaker, existing_keys, set_source};
use super::rows::{Body, CustomerRow, Row, RowError};
use crate::model::{Customer, Header, Kind, Record, SCHEMA};

/// What importing does to one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerPlan {
    pub id: String,
    /// The header of a customer to create; `None` for an existing customer.
    pub create: Option<Header>,
    /// The records to add, in file order, each with its `source` set (a promise read without
    /// an id still has an empty id).
    pub records: Vec<Record>,
    /// The key of each record (its `source`, or for resolutions and phase changes the key
    /// computed from their content), to recognise it again when appending.
    pub keys: Vec<String>,
}

/// The whole import.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Customers with something to do, in order of first appearance in the file.
    pub customers: Vec<CustomerPlan>,
    /// Record rows that are already in the journal.
    pub already: usize,
    /// Customer rows naming customers that already exist.
    pub customers_present: usize,
    /// Record rows read.
    pub record_rows: usize,
}

impl Plan {
    pub fn record_count(&self) -> usize {
        self.customers.iter().map(|c| c.records.len()).sum()
    }

    pub fn created(&self) -> usize {
        self.customers.iter().filter(|c| c.create.is_some()).count()
    }
}

/// Plans an import. `rows` are the parsed rows with the id of the customer each belongs to;
/// `existing` holds every customer among them that already exists; `today` is the `since` of
/// a new customer without records.
pub fn plan(
    rows: Vec<(String, Row)>,
    existing: &HashMap<String, Customer>,
    today: NaiveDate,
) -> Result<Plan, Vec<RowError>> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<Row>> = HashMap::new();
    for (id, row) in rows {
        groups
            .entry(id.clone())
            .or_insert_with(|| {
                order.push(id);
                Vec::new()
            })
            .push(row);
    }
    let mut errors = Vec::new();
    let mut result = Plan::default();
    // Explicit promise ids of new promises across the whole file: id → (customer, line).
    let mut new_promise_ids: HashMap<String, (String, u64)> = HashMap::new();
    for id in order {
        let rows = groups.remove(&id).unwrap_or_default();
        let current = existing.get(&id);
        let known = current.map(existing_keys).unwrap_or_default();
        let mut maker = KeyMaker::default();
        let mut sources: HashMap<String, u64> = HashMap::new();
        let mut customer_row: Option<(u64, CustomerRow)> = None;
        let mut first_name: Option<String> = None;
        let mut first_value: Option<String> = None;
        let mut promises_here: HashMap<String, chrono::NaiveDate> = current
            .map(|c| {
                c.promises
                    .iter()
                    .map(|p| (p.id.clone(), p.at.day()))
                    .collect()
            })
            .unwrap_or_default();
        let existing_promises: HashSet<String> = promises_here.keys().cloned().collect();
        let mut plan = CustomerPlan {
            id: id.clone(),
            create: None,
            records: Vec::new(),
            keys: Vec::new(),
        };
        let mut lines: Vec<u64> = Vec::new();
        for row in rows {
            first_value.get_or_insert_with(|| row.customer.clone());
            if first_name.is_none() {
                first_name = row.name.clone();
            }
            match row.body {
                Body::Customer(described) => {
                    if current.is_some() {
                        result.customers_present += 1;
                        continue;
                    }
                    match &customer_row {
                        Some((line, first)) if *first != described => errors.push(RowError {
                            line: row.line,
                            column: None,
                            problem: Box::new(crate::i18n::RowProblem::DescribedTwice {
                                id: id.clone(),
                                line: *line,
                            }),
                        }),
                        Some(_) => {}
                        None => customer_row = Some((row.line, described)),
                    }
                }
                Body::Record { mut record, source } => {
                    result.record_rows += 1;
                    let explicit = source.filter(|_| record.source_mut().is_some());
                    let key = match explicit {
                        Some(s) => {
                            if let Some(line) = sources.insert(s.clone(), row.line) {
                                errors.push(RowError {
                                    line: row.line,
                                    column: Some("\"source\"".into()),
                                    problem: Box::new(crate::i18n::RowProblem::SourceTwice {
                                        source: s.clone(),
                                        id: id.clone(),
                                        line,
                                    }),
                                });
                                continue;
                            }
                            s
                        }
                        None => maker.key(&record),
                    };
                    if let Record::Promise(p) = &record
                        && !p.id.is_empty()
                    {
                        promises_here.entry(p.id.clone()).or_insert(p.at.day());
                    }
                    if known.contains(&key) {
                        result.already += 1;
                        continue;
                    }
                    if let Record::Promise(p) = &record
                        && !p.id.is_empty()
                    {
                        if existing_promises.contains(&p.id) {
                            errors.push(RowError {
                                line: row.line,
                                column: Some("\"promise\"".into()),
                                problem: Box::new(crate::i18n::RowProblem::PromiseIdTaken {
                                    id: id.clone(),
                                    promise: p.id.clone(),
                                }),
                            });
                        } else if let Some((other, line)) =
                            new_promise_ids.insert(p.id.clone(), (id.clone(), row.line))
                        {
                            errors.push(RowError {
                                line: row.line,
                                column: Some("\"promise\"".into()),
                                problem: Box::new(crate::i18n::RowProblem::PromiseIdTwice {
                                    promise: p.id.clone(),
                                    line,
                                    other,
                                }),
                            });
                        }
                    }
                    set_source(&mut record, key.clone());
                    lines.push(row.line);
                    plan.records.push(record);
                    plan.keys.push(key);
                }
            }
        }
        // Resolutions must name a promise of the same customer: in its file or in this import.
        for (record, line) in plan.records.iter().zip(&lines) {
            if let Record::Resolution(r) = record {
                match promises_here.get(&r.promise) {
                    None => errors.push(RowError {
                        line: *line,
                        column: Some("\"promise\"".into()),
                        problem: Box::new(crate::i18n::RowProblem::NoSuchPromise {
                            id: id.clone(),
                            promise: r.promise.clone(),
                        }),
                    }),
                    Some(made) if r.at.day() < *made => errors.push(RowError {
                        line: *line,
                        column: Some("\"at\"".into()),
                        problem: Box::new(crate::i18n::RowProblem::ResolvedBeforeMade {
                            at: r.at.day(),
                            promise: r.promise.clone(),
                            made: *made,
                        }),
                    }),
                    Some(_) => {}
                }
            }
        }
        // People: a `with` and a change or departure name a person of the same customer (in
        // its file or added by this import); an added person is not one the file already has
        // (the rules `check` applies to the file, here placed at the row).
        let mut people_here: HashSet<String> = current
            .map(|c| c.people.iter().map(|p| p.id.clone()).collect())
            .unwrap_or_default();
        let current_people: HashSet<String> = current
            .map(|c| {
                crate::model::kinds::people(&c.records, NaiveDate::MAX)
                    .into_iter()
                    .filter(|p| p.is_current())
                    .map(|p| p.id)
                    .collect()
            })
            .unwrap_or_default();
        for (record, line) in plan.records.iter().zip(&lines) {
            if let Record::Person(p) = record
                && p.event == crate::model::PersonEvent::Added
            {
                if current_people.contains(&p.id) {
                    errors.push(RowError {
                        line: *line,
                        column: Some("\"person\"".into()),
                        problem: Box::new(crate::i18n::RowProblem::PersonThere {
                            id: id.clone(),
                            person: p.id.clone(),
                        }),
                    });
                }
                people_here.insert(p.id.clone());
            }
        }
        for (record, line) in plan.records.iter().zip(&lines) {
            let (named, column) = match record {
                Record::Person(p) if p.event != crate::model::PersonEvent::Added => {
                    (Some(p.id.as_str()), "\"person\"")
                }
                _ => (record.with(), "\"with\""),
            };
            if let Some(person) = named
                && !people_here.contains(person)
            {
                errors.push(RowError {
                    line: *line,
                    column: Some(column.into()),
                    problem: Box::new(crate::i18n::RowProblem::NoSuchPerson {
                        id: id.clone(),
                        person: person.to_string(),
                    }),
                });
            }
        }
        if current.is_none() {
            let described = customer_row.map(|(_, c)| c);
            let earliest = plan.records.iter().map(|r| r.at().day()).min();
            let name = described
                .as_ref()
                .and_then(|c| c.name.clone())
                .or(first_name)
                .or(first_value)
                .unwrap_or_else(|| id.clone());
            let (kind, since, tags, cadence, attributes) = match described {
                Some(c) => (c.kind, c.since, c.tags, c.cadence, c.attributes),
                None => (Kind::External, None, Vec::new(), None, Default::default()),
            };
            plan.create = Some(Header {
                schema: SCHEMA,
                name,
                kind,
                since: Some(since.or(earliest).unwrap_or(today)),
                tags,
                cadence,
                // Best effort: without a uid only the rename guard of merges is lost.
                uid: crate::merge::new_uid().ok(),
                attributes,
            });
        }
        if plan.create.is_some() || !plan.records.is_empty() {
            result.customers.push(plan);
        }
    }
    if errors.is_empty() {
        Ok(result)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Keeps the planned records that a customer's current content does not hold yet (used under
/// the file's lock, in case the file changed since the plan was made).
pub fn still_missing(customer: &Customer, plan: &CustomerPlan) -> Vec<Record> {
    let known = existing_keys(customer);
    plan.records
        .iter()
        .zip(&plan.keys)
        .filter(|(_, key)| !known.contains(*key))
        .map(|(r, _)| r.clone())
        .collect()
}

/// A one-line account of records by kind: `2 interactions, 1 order`.
pub fn describe(records: &[Record]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for r in records {
        let noun = r.noun();
        match counts.iter_mut().find(|(t, _)| *t == noun) {
            Some((_, n)) => *n += 1,
            None => counts.push((noun, 1)),
        }
    }
    if counts.is_empty() {
        return "no records".into();
    }
    counts
        .iter()
        .map(|(noun, n)| {
            let plural = if *n == 1 { "" } else { "s" };
            format!("{n} {noun}{plural}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
