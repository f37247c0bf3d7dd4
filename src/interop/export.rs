//! The export of a whole journal: JSON (every customer with its header and records) and CSV
//! (the import columns, so that `export --format csv` can be imported again).

use serde::Serialize;

use super::columns::Column;
use super::keys::at_text;
use crate::error::{Error, Result};
use crate::model::{Customer, Record};

/// `export --format json`: the whole journal.
#[derive(Debug, Serialize)]
pub struct ExportDoc {
    /// The version of this layout (the journal's file schema).
    pub schema: u32,
    pub customers: Vec<ExportCustomer>,
}

#[derive(Debug, Serialize)]
pub struct ExportCustomer {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub since: Option<String>,
    pub tags: Vec<String>,
    pub cadence: Option<String>,
    /// Free header attributes; TOML dates and times become text.
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// Every record, ordered by moment (file order within a moment).
    pub records: Vec<ExportRecord>,
}

/// One record, with its kind in `type` and moments as text (`YYYY-MM-DD` or RFC 3339).
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ExportRecord {
    Interaction {
        at: String,
        channel: String,
        direction: String,
        summary: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    Order {
        at: String,
        /// The amount as a number with at most two decimals.
        amount: f64,
        #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    Promise {
        id: String,
        at: String,
        by: String,
        what: String,
        due: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        about: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    Resolution {
        promise: String,
        at: String,
        status: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        due: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Phase {
        at: String,
        set: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

/// Builds the JSON export of `customers`.
pub fn document(customers: &[Customer]) -> ExportDoc {
    ExportDoc {
        schema: crate::model::SCHEMA,
        customers: customers.iter().map(customer).collect(),
    }
}

fn customer(c: &Customer) -> ExportCustomer {
    ExportCustomer {
        id: c.id.clone(),
        name: c.header.name.clone(),
        kind: c.header.kind.to_string(),
        since: c.header.since.map(|d| d.to_string()),
        tags: c.header.tags.clone(),
        cadence: c.header.cadence.map(|x| x.to_string()),
        attributes: c
            .header
            .attributes
            .iter()
            .map(|(k, v)| (k.clone(), json_of(v)))
            .collect(),
        records: c.timeline().iter().map(record).collect(),
    }
}

fn record(r: &Record) -> ExportRecord {
    match r {
        Record::Interaction(r) => ExportRecord::Interaction {
            at: at_text(r.at),
            channel: r.channel.to_string(),
            direction: r.direction.to_string(),
            summary: r.summary.clone(),
            source: r.source.clone(),
        },
        Record::Order(r) => ExportRecord::Order {
            at: at_text(r.at),
            amount: r.amount.to_f64(),
            reference: r.reference.clone(),
            note: r.note.clone(),
            source: r.source.clone(),
        },
        Record::Promise(r) => ExportRecord::Promise {
            id: r.id.clone(),
            at: at_text(r.at),
            by: r.by.to_string(),
            what: r.what.clone(),
            due: r.due.to_string(),
            about: r.about.map(|a| a.to_string()),
            source: r.source.clone(),
        },
        Record::Resolution(r) => ExportRecord::Resolution {
            promise: r.promise.clone(),
            at: at_text(r.at),
            status: r.status.to_string(),
            due: r.due.map(|d| d.to_string()),
            note: r.note.clone(),
        },
        Record::Phase(r) => ExportRecord::Phase {
            at: at_text(r.at),
            set: r.set.to_string(),
            reason: r.reason.clone(),
        },
    }
}

/// A TOML value as JSON; dates and times become their TOML text.
fn json_of(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(J::Number)
            .unwrap_or(J::Null),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.iter().map(json_of).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (k.clone(), json_of(v))).collect())
        }
    }
}

/// `export --format csv`: a `customer` row per customer (its header), then one row per record,
/// in the columns `coltiva import` reads.
pub fn csv(out: &mut dyn std::io::Write, customers: &[Customer]) -> Result<()> {
    let fail = |e: csv::Error| Error::Invalid(format!("could not write CSV: {e}"));
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    // The `about` column (the last) is written only when some promise has one, so the export
    // of a journal without payment promises keeps the columns it always had.
    let with_about = customers
        .iter()
        .any(|c| c.promises.iter().any(|p| p.about.is_some()));
    let width = if with_about {
        Column::ALL.len()
    } else {
        Column::ALL.len() - 1
    };
    writer
        .write_record(&Column::ALL.map(Column::name)[..width])
        .map_err(fail)?;
    for c in customers {
        let mut row = Row::new(&c.id, "customer");
        row.set(Column::Name, c.header.name.clone());
        row.set(Column::Kind, c.header.kind.to_string());
        if let Some(since) = c.header.since {
            row.set(Column::Since, since.to_string());
        }
        // Tags are separated by ';', or by line breaks when a tag holds a ';'.
        if c.header.tags.iter().any(|t| t.contains(';')) {
            let mut text = c.header.tags.join("\n");
            text.push('\n');
            row.set(Column::Tags, text);
        } else {
            row.set(Column::Tags, c.header.tags.join(";"));
        }
        if let Some(cadence) = c.header.cadence {
            row.set(Column::Cadence, cadence.to_string());
        }
        if !c.header.attributes.is_empty() {
            let text = toml::to_string(&c.header.attributes).map_err(|e| {
                Error::Invalid(format!("could not write the attributes of {}: {e}", c.id))
            })?;
            row.set(Column::Attributes, text);
        }
        writer.write_record(&row.cells[..width]).map_err(fail)?;
        for r in c.timeline() {
            let mut row = Row::new(&c.id, r.table());
            row.set(Column::At, at_text(r.at()));
            match r {
                Record::Interaction(r) => {
                    row.set(Column::Summary, r.summary);
                    row.set(Column::Channel, r.channel.to_string());
                    row.set(Column::Direction, r.direction.to_string());
                    row.opt(Column::Source, r.source);
                }
                Record::Order(r) => {
                    row.set(Column::Amount, r.amount.to_string());
                    row.opt(Column::Ref, r.reference);
                    row.opt(Column::Note, r.note);
                    row.opt(Column::Source, r.source);
                }
                Record::Promise(r) => {
                    row.set(Column::Promise, r.id);
                    row.set(Column::Summary, r.what);
                    row.set(Column::By, r.by.to_string());
                    row.set(Column::Due, r.due.to_string());
                    row.opt(Column::About, r.about.map(|a| a.to_string()));
                    row.opt(Column::Source, r.source);
                }
                Record::Resolution(r) => {
                    row.set(Column::Promise, r.promise);
                    row.set(Column::Status, r.status.to_string());
                    row.opt(Column::Due, r.due.map(|d| d.to_string()));
                    row.opt(Column::Note, r.note);
                }
                Record::Phase(r) => {
                    row.set(Column::Set, r.set.to_string());
                    row.opt(Column::Reason, r.reason);
                }
            }
            writer.write_record(&row.cells[..width]).map_err(fail)?;
        }
    }
    writer
        .flush()
        .map_err(|e| Error::io("could not write the output", e))
}

struct Row {
    cells: Vec<String>,
}

impl Row {
    fn new(customer: &str, kind: &str) -> Row {
        let mut row = Row {
            cells: vec![String::new(); Column::ALL.len()],
        };
        row.set(Column::Customer, customer.to_string());
        row.set(Column::Type, kind.to_string());
        row
    }

    fn set(&mut self, column: Column, value: String) {
        self.cells[column as usize] = value;
    }

    fn opt(&mut self, column: Column, value: Option<String>) {
        if let Some(v) = value {
            self.set(column, v);
        }
    }
}
