//! The rows of an import file, parsed and checked one by one into records (or customer
//! descriptions), with errors that name the line and the column.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use csv::StringRecord;

use super::columns::{Column, Extra, Layout};
use super::keys::parse_at;
use crate::dates::DateOrder;
use crate::i18n::RowProblem;
use crate::model::kinds::{check_person_id, email, person_name, phone, role};
use crate::model::{
    About, Amount, At, Cadence, Channel, DecimalMark, Direction, Interaction, Kind, Order, Party,
    Person, PersonEvent, PhaseRecord, PhaseSetting, Promise, RECORD_TABLES, Record, Resolution,
    ResolutionStatus, Table, customer,
};

/// What a row describes: a record of one kind, or a customer (its header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowType {
    Record(Table),
    Customer,
}

impl RowType {
    /// The types a row may have, for messages: `interaction | order | … | customer`.
    pub fn choices() -> String {
        format!("{} | customer", RECORD_TABLES.join(" | "))
    }

    pub fn parse(text: &str) -> Result<RowType, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "customer" => Ok(RowType::Customer),
            other => Table::parse(other)
                .map(RowType::Record)
                .ok_or_else(|| format!("unknown type {other:?} (expected {})", RowType::choices())),
        }
    }
}

/// A `customer` row: the header of a customer to create.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRow {
    pub name: Option<String>,
    pub kind: Kind,
    pub since: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub cadence: Option<Cadence>,
    pub attributes: BTreeMap<String, toml::Value>,
}

/// What a row holds once parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A record. A promise without a `promise` cell has an empty id, given when written.
    Record {
        record: Record,
        /// The row's `source` cell, if any.
        source: Option<String>,
    },
    Customer(CustomerRow),
}

/// One parsed row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Line of the file where the row starts (the header is line 1).
    pub line: u64,
    /// The `customer` cell: an id, or a name.
    pub customer: String,
    /// The `name` cell (the name of a customer to create).
    pub name: Option<String>,
    pub body: Body,
    /// Records a `customer` row carries in its history columns (`last_order`, `revenue.YYYY`;
    /// docs/IMPORT.md, "Your whole sheet"), imported as records of that customer.
    pub history: Vec<Record>,
}

/// A problem with one row, located by line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    /// How to name the column (see [`Layout::label`]), when one is at fault.
    pub column: Option<String>,
    /// What is wrong, as a fact the import command words in the journal's language (boxed:
    /// a row's `Result` stays small).
    pub problem: Box<RowProblem>,
}

impl RowError {
    /// The problem in English, for the unit tests.
    #[cfg(test)]
    pub fn english(&self) -> String {
        self.problem.english()
    }
}

/// Settings that shape how rows are read.
#[derive(Debug, Clone)]
pub struct RowOptions {
    /// `--date-format`.
    pub date_format: Option<String>,
    /// How dates with slashes read (the journal's `[locale] date_order`).
    pub date_order: DateOrder,
    /// The decimal mark of amounts: `--decimal`, else the journal's `[locale] decimal`.
    pub decimal: DecimalMark,
    /// True when `--decimal` gave it (else a refusal suggests the flag).
    pub decimal_given: bool,
    /// `--type`: the type of rows without a `type` cell.
    pub default_type: Option<RowType>,
    /// The channel of interactions without a `channel` cell (the journal's default).
    pub default_channel: Channel,
    /// The as-of day: records after it are refused, as on the command line.
    pub today: NaiveDate,
}

/// Parses one row of the file.
pub fn parse_row(
    layout: &Layout,
    row: &StringRecord,
    line: u64,
    options: &RowOptions,
) -> Result<Row, RowError> {
    let cell = Cells {
        layout,
        row,
        line,
        options,
    };
    let customer = cell.required(Column::Customer)?.to_string();
    // The cell names (or becomes) a customer name: the name rule refuses control characters
    // (ESC, NUL) here as it does in the `name` column and on the command line.
    customer::name(&customer).map_err(|m| cell.error(Column::Customer, m))?;
    let row_type = match cell.get(Column::Type) {
        Some(t) => RowType::parse(t).map_err(|m| cell.error(Column::Type, m))?,
        None => options.default_type.ok_or_else(|| {
            cell.error(
                Column::Type,
                RowProblem::TypeMissing {
                    choices: RowType::choices(),
                },
            )
        })?,
    };
    // A person row's `name` is the person's (read by `record`), never the customer's.
    let name = match row_type {
        RowType::Record(Table::Person) => None,
        _ => cell
            .text(Column::Name)
            .map(customer::name)
            .transpose()
            .map_err(|m| cell.error(Column::Name, m))?,
    };
    let mut history = Vec::new();
    let body = match row_type {
        RowType::Customer => {
            history = history_records(&cell)?;
            Body::Customer(customer_row(&cell, name.clone())?)
        }
        RowType::Record(kind) => {
            let record = record(&cell, kind)?;
            Body::Record {
                record,
                source: cell.text(Column::Source).map(|s| s.trim().to_string()),
            }
        }
    };
    Ok(Row {
        line,
        customer,
        name,
        body,
        history,
    })
}

struct Cells<'a> {
    layout: &'a Layout,
    row: &'a StringRecord,
    line: u64,
    options: &'a RowOptions,
}

impl Cells<'_> {
    fn error(&self, column: Column, problem: impl Into<RowProblem>) -> RowError {
        RowError {
            line: self.line,
            column: Some(self.layout.label(column)),
            problem: Box::new(problem.into()),
        }
    }

    /// A trimmed, non-empty cell.
    fn get(&self, column: Column) -> Option<&str> {
        self.layout.get(self.row, column)
    }

    /// Free text: kept as written, absent when blank.
    fn text(&self, column: Column) -> Option<&str> {
        self.layout
            .raw(self.row, column)
            .filter(|t| !t.trim().is_empty())
    }

    /// An error at a column of the file named by its header (an [`Extra`] column).
    fn error_at(&self, index: usize, problem: impl Into<RowProblem>) -> RowError {
        let theirs = self.layout.header().get(index).cloned().unwrap_or_default();
        RowError {
            line: self.line,
            column: Some(format!("{theirs:?}")),
            problem: Box::new(problem.into()),
        }
    }

    /// The trimmed, non-empty cell of the file's column `index`.
    fn at_index(&self, index: usize) -> Option<&str> {
        self.row.get(index).map(str::trim).filter(|t| !t.is_empty())
    }

    /// An amount as the `amount` column reads it; `error` locates a problem.
    fn amount(
        &self,
        text: &str,
        error: impl Fn(RowProblem) -> RowError,
    ) -> Result<Amount, RowError> {
        Amount::parse_typed(text, self.options.decimal).map_err(|e| {
            error(RowProblem::Amount {
                error: Box::new(e),
                given: self.options.decimal_given,
            })
        })
    }

    fn required(&self, column: Column) -> Result<&str, RowError> {
        self.get(column).ok_or_else(|| {
            if self.layout.has(column) {
                self.error(column, RowProblem::EmptyCell)
            } else {
                self.error(column, RowProblem::NoSuchColumn)
            }
        })
    }

    fn required_text(&self, column: Column) -> Result<String, RowError> {
        self.required(column)?;
        Ok(self.text(column).unwrap_or_default().to_string())
    }

    fn at(&self, column: Column) -> Result<At, RowError> {
        self.moment(self.required(column)?, |p| self.error(column, p))
    }

    /// The moment `text` says, refused after the as-of day; `error` locates a problem.
    fn moment(&self, text: &str, error: impl Fn(RowProblem) -> RowError) -> Result<At, RowError> {
        let options = self.options;
        let at =
            parse_at(text, options.date_format.as_deref(), options.date_order).map_err(&error)?;
        if at.day() > options.today {
            return Err(error(RowProblem::AfterToday {
                day: at.day(),
                today: options.today,
            }));
        }
        Ok(at)
    }

    fn day(&self, column: Column) -> Result<Option<NaiveDate>, RowError> {
        self.get(column)
            .map(|t| {
                parse_at(
                    t,
                    self.options.date_format.as_deref(),
                    self.options.date_order,
                )
                .map(|at| at.day())
                .map_err(|m| self.error(column, m))
            })
            .transpose()
    }

    fn word<T: std::str::FromStr<Err = String>>(
        &self,
        column: Column,
    ) -> Result<Option<T>, RowError> {
        self.get(column)
            .map(|t| {
                t.to_lowercase()
                    .parse::<T>()
                    .map_err(|m| self.error(column, m))
            })
            .transpose()
    }
}

fn record(cell: &Cells<'_>, kind: Table) -> Result<Record, RowError> {
    let at = cell.at(Column::At)?;
    let note = |primary: Column| {
        cell.text(primary)
            .or_else(|| cell.text(Column::Summary))
            .map(str::to_string)
    };
    Ok(match kind {
        Table::Interaction => Record::from(Interaction {
            with: with(cell)?,
            at,
            channel: cell
                .word::<Channel>(Column::Channel)?
                .unwrap_or(cell.options.default_channel),
            direction: cell
                .word::<Direction>(Column::Direction)?
                .unwrap_or(Direction::Out),
            summary: cell.required_text(Column::Summary)?,
            source: None,
        }),
        Table::Order => {
            let amount = cell.amount(cell.required(Column::Amount)?, |p| {
                cell.error(Column::Amount, p)
            })?;
            Record::from(Order {
                with: with(cell)?,
                at,
                amount,
                reference: cell.text(Column::Ref).map(str::to_string),
                note: note(Column::Note),
                source: None,
            })
        }
        Table::Promise => {
            let due = cell
                .day(Column::Due)?
                .ok_or_else(|| cell.error(Column::Due, RowProblem::PromiseNeedsDue))?;
            if due < at.day() {
                return Err(cell.error(
                    Column::Due,
                    RowProblem::DueBeforeMade {
                        due,
                        made: at.day(),
                    },
                ));
            }
            let id = match cell.get(Column::Promise) {
                Some(id) => promise_id(cell, id)?,
                None => String::new(),
            };
            Record::from(Promise {
                with: with(cell)?,
                id,
                at,
                by: cell.word::<Party>(Column::By)?.unwrap_or(Party::Us),
                what: cell.required_text(Column::Summary)?,
                due,
                about: cell.word::<About>(Column::About)?,
                source: None,
            })
        }
        Table::Resolution => {
            let promise = promise_id(cell, cell.required(Column::Promise)?)?;
            let status = cell
                .word::<ResolutionStatus>(Column::Status)?
                .ok_or_else(|| {
                    cell.error(
                        Column::Status,
                        RowProblem::ResolutionNeedsStatus {
                            choices: ResolutionStatus::choices(),
                        },
                    )
                })?;
            let due = cell.day(Column::Due)?;
            match (status, due) {
                (ResolutionStatus::Renegotiated, None) => {
                    return Err(cell.error(Column::Due, RowProblem::RenegotiationNeedsDue));
                }
                (ResolutionStatus::Renegotiated, Some(d)) if d < at.day() => {
                    return Err(cell.error(
                        Column::Due,
                        RowProblem::DueBeforeRenegotiation {
                            due: d,
                            at: at.day(),
                        },
                    ));
                }
                (ResolutionStatus::Renegotiated, _) => {}
                (_, Some(_)) => {
                    return Err(cell.error(Column::Due, RowProblem::OnlyRenegotiatedHasDue));
                }
                (_, None) => {}
            }
            Record::from(Resolution {
                promise,
                at,
                status,
                due,
                note: note(Column::Note),
            })
        }
        Table::Phase => {
            let set = cell
                .word::<PhaseSetting>(Column::Set)?
                .ok_or_else(|| cell.error(Column::Set, RowProblem::PhaseNeedsSet))?;
            Record::from(PhaseRecord {
                at,
                set,
                reason: note(Column::Reason),
            })
        }
        Table::Person => person(cell, at)?,
    })
}

/// The `with` cell: the id of the customer's person a record was with.
fn with(cell: &Cells<'_>) -> Result<Option<String>, RowError> {
    cell.text(Column::With)
        .map(|id| {
            let id = id.trim().to_string();
            check_person_id(&id)
                .map(|()| id)
                .map_err(|m| cell.error(Column::With, m))
        })
        .transpose()
}

/// A `person` row: `person` (the id; made from `name` when empty), `name`, `role`, `email`
/// and `phone` (several separated by `;`), `event` (default: `added` when the row has a name,
/// `changed` otherwise), checked by the rules the `person` commands use.
fn person(cell: &Cells<'_>, at: At) -> Result<Record, RowError> {
    let name = cell
        .text(Column::Name)
        .map(person_name)
        .transpose()
        .map_err(|m| cell.error(Column::Name, m))?;
    let id = match (cell.text(Column::Person), &name) {
        (Some(id), _) => {
            let id = id.trim().to_string();
            check_person_id(&id).map_err(|m| cell.error(Column::Person, m))?;
            id
        }
        (None, Some(name)) => crate::ids::person_slug(name),
        (None, None) => {
            return Err(cell.error(Column::Person, RowProblem::PersonNeedsIdOrName));
        }
    };
    let event = match cell.word::<PersonEvent>(Column::Event)? {
        Some(e) => e,
        None if name.is_some() => PersonEvent::Added,
        None => PersonEvent::Changed,
    };
    if event == PersonEvent::Added && name.is_none() {
        return Err(cell.error(Column::Name, RowProblem::AddedPersonNeedsName));
    }
    let list = |column: Column, rule: fn(&str) -> Result<String, crate::error::RuleBroken>| {
        cell.get(column)
            .map(|text| {
                text.split([';', '\n'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| rule(t).map_err(|m| cell.error(column, m)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
    };
    Ok(Record::from(Person {
        id,
        at,
        name,
        role: cell
            .text(Column::Role)
            .map(role)
            .transpose()
            .map_err(|m| cell.error(Column::Role, m))?,
        email: list(Column::Email, email)?,
        phone: list(Column::Phone, phone)?,
        source: None,
        event,
    }))
}

/// The records of a `customer` row's history columns: the last order (`last_order` and
/// `last_order_amount`, both or neither) and each year's revenue (`revenue.YYYY`) as one order
/// on the year's last day (today, for the current year); when the last order falls in that
/// year it is part of the year's total, so the rest is recorded on the last order's day.
/// Each order's note is the file's column name, so `show` says where it came from.
fn history_records(cell: &Cells<'_>) -> Result<Vec<Record>, RowError> {
    let extras = cell.layout.extras();
    let find = |wanted: &Extra| extras.iter().find(|(e, _)| e == wanted).map(|(_, i)| *i);
    let header = |i: usize| cell.layout.header().get(i).cloned().unwrap_or_default();
    let mut records = Vec::new();
    let mut last: Option<(NaiveDate, Amount)> = None;
    match (find(&Extra::LastOrder), find(&Extra::LastOrderAmount)) {
        (Some(day_at), Some(amount_at)) => {
            match (cell.at_index(day_at), cell.at_index(amount_at)) {
                (None, None) => {}
                (Some(_), None) => {
                    return Err(cell.error_at(amount_at, RowProblem::LastOrderAmountMissing));
                }
                (None, Some(_)) => {
                    return Err(cell.error_at(day_at, RowProblem::LastOrderDayMissing));
                }
                (Some(day), Some(amount)) => {
                    let at = cell.moment(day, |p| cell.error_at(day_at, p))?;
                    let amount = cell.amount(amount, |p| cell.error_at(amount_at, p))?;
                    last = Some((at.day(), amount));
                    records.push(Record::from(Order {
                        with: None,
                        at,
                        amount,
                        reference: None,
                        note: Some(header(day_at)),
                        source: None,
                    }));
                }
            }
        }
        (Some(i), None) | (None, Some(i)) => {
            return Err(cell.error_at(i, RowProblem::LastOrderNeedsBoth));
        }
        (None, None) => {}
    }
    for (extra, i) in extras {
        let Extra::Revenue(year) = extra else {
            continue;
        };
        let Some(text) = cell.at_index(*i) else {
            continue;
        };
        let total = cell.amount(text, |p| cell.error_at(*i, p))?;
        let today = cell.options.today;
        let end = NaiveDate::from_ymd_opt(*year, 12, 31)
            .filter(|_| *year <= chrono::Datelike::year(&today))
            .ok_or_else(|| {
                cell.error_at(*i, RowProblem::RevenueAfterToday { year: *year, today })
            })?;
        let (day, amount, note) = match last {
            Some((day, amount)) if chrono::Datelike::year(&day) == *year => {
                let rest = total.cents - amount.cents;
                if rest < 0 {
                    return Err(cell.error_at(
                        *i,
                        RowProblem::RevenueBelowLastOrder {
                            year: *year,
                            total,
                            last: amount,
                        },
                    ));
                }
                (
                    day,
                    Amount { cents: rest },
                    format!("{}, less the last order", header(*i)),
                )
            }
            _ => (end.min(today), total, header(*i)),
        };
        if amount.cents == 0 && last.is_some_and(|(d, _)| d == day) {
            continue;
        }
        // Written before the last order: on the same day, the last order stays the last.
        records.insert(
            0,
            Record::from(Order {
                with: None,
                at: At::Date(day),
                amount,
                reference: None,
                note: Some(note),
                source: None,
            }),
        );
    }
    Ok(records)
}

fn promise_id(cell: &Cells<'_>, id: &str) -> Result<String, RowError> {
    crate::ids::check_imported_promise_id(id)
        .map(|()| id.to_string())
        .map_err(|m| cell.error(Column::Promise, m))
}

fn customer_row(cell: &Cells<'_>, name: Option<String>) -> Result<CustomerRow, RowError> {
    let mut tags: Vec<String> = Vec::new();
    if let Some(text) = cell.text(Column::Tags) {
        // Tags are separated by ';' (or by line breaks, which no tag can hold).
        let parts: Vec<&str> = if text.contains('\n') {
            text.split('\n').collect()
        } else {
            text.split(';').collect()
        };
        for tag in parts {
            let tag = tag.trim_end_matches('\r').trim();
            if tag.is_empty() {
                continue;
            }
            let tag = customer::tag(tag).map_err(|m| cell.error(Column::Tags, m))?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    let attributes = match cell.text(Column::Attributes) {
        None => BTreeMap::new(),
        Some(text) => {
            let table: toml::Table = toml::from_str(text).map_err(|e| {
                cell.error(
                    Column::Attributes,
                    RowProblem::AttributesNotToml {
                        detail: e.message().trim().to_string(),
                    },
                )
            })?;
            let mut attributes = BTreeMap::new();
            for (key, value) in table {
                let key = customer::attribute_key(&key, &format!("{key:?}"))
                    .map_err(|m| cell.error(Column::Attributes, m))?;
                if let toml::Value::String(text) = &value {
                    customer::attribute_value(text, &format!("{key:?}"))
                        .map_err(|m| cell.error(Column::Attributes, m))?;
                }
                attributes.insert(key, value);
            }
            attributes
        }
    };
    let mut attributes = attributes;
    for (extra, i) in cell.layout.extras() {
        let Extra::Attribute(key) = extra else {
            continue;
        };
        let Some(text) = cell.at_index(*i) else {
            continue;
        };
        let value = customer::attribute_value(text, &format!("{key:?}"))
            .map_err(|m| cell.error_at(*i, m))?;
        if attributes.contains_key(key) {
            return Err(cell.error_at(*i, RowProblem::AttributeTwice { key: key.clone() }));
        }
        attributes.insert(key.clone(), toml::Value::String(value));
    }
    Ok(CustomerRow {
        name,
        kind: cell.word::<Kind>(Column::Kind)?.unwrap_or(Kind::External),
        since: cell.day(Column::Since)?,
        tags,
        cadence: cell
            .get(Column::Cadence)
            .map(Cadence::parse)
            .transpose()
            .map_err(|m| cell.error(Column::Cadence, m))?,
        attributes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> RowOptions {
        RowOptions {
            date_format: None,
            date_order: DateOrder::Ymd,
            decimal: DecimalMark::Dot,
            decimal_given: false,
            default_type: None,
            default_channel: Channel::Call,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        }
    }

    fn parse(header: &[&str], fields: &[&str]) -> Result<Row, RowError> {
        let layout = Layout::new(&StringRecord::from(header.to_vec()), &[]).unwrap();
        parse_row(&layout, &StringRecord::from(fields.to_vec()), 2, &options())
    }

    #[test]
    fn an_order_row() {
        let row = parse(
            &["customer", "type", "at", "amount", "ref"],
            &["acme", "order", "2026-11-20", "1200.50", "INV-1"],
        )
        .unwrap();
        let Body::Record {
            record: Record::Order(o),
            ..
        } = row.body
        else {
            panic!("{row:?}")
        };
        assert_eq!(o.amount.cents, 120_050);
        assert_eq!(o.reference.as_deref(), Some("INV-1"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse(
            &["customer", "type", "at", "amount"],
            &["acme", "order", "2026-11-20", "12,5"],
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.column.as_deref(), Some("\"amount\""));
        let e = parse(&["customer", "type", "at"], &["acme", "sale", "2026-11-20"]).unwrap_err();
        assert!(e.english().contains("unknown type \"sale\""), "{e:?}");
        let e = parse(
            &["customer", "type", "at", "summary"],
            &["acme", "interaction", "2027-01-01", "x"],
        )
        .unwrap_err();
        assert!(e.english().contains("after today"), "{e:?}");
    }
}
