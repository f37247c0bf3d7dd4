//! The export of a whole journal: JSON (every customer with its header and records) and CSV
//! (the import columns, so that `export --format csv` can be imported again).

use serde::Serialize;

use super::columns::Column;
use super::keys::at_text;
use crate::error::{Error, Result};
use crate::model::{Customer, ExportValue, Record};

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

/// One record: its kind in `type`, then its kind's export fields (`RecordKind::export`), moments
/// as text (`YYYY-MM-DD` or RFC 3339), amounts as numbers with at most two decimals.
pub type ExportRecord = serde_json::Map<String, serde_json::Value>;

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
    let mut out = ExportRecord::new();
    out.insert("type".into(), r.table().into());
    for field in r.export() {
        let value = match field.value {
            None => continue,
            Some(ExportValue::Text(text)) => text.into(),
            Some(ExportValue::At(at)) => at_text(at).into(),
            Some(ExportValue::Amount(amount)) => amount.to_f64().into(),
        };
        out.insert(field.key.into(), value);
    }
    out
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
    // The people columns (after it) likewise, only when some customer has a person or some
    // record names one.
    let with_people = customers.iter().any(|c| {
        !c.people.is_empty()
            || c.interactions.iter().any(|i| i.with.is_some())
            || c.orders.iter().any(|o| o.with.is_some())
            || c.promises.iter().any(|p| p.with.is_some())
    });
    let width = if with_people {
        Column::ALL.len()
    } else if with_about {
        Column::About as usize + 1
    } else {
        Column::About as usize
    };
    writer
        .write_record(&Column::ALL.map(Column::name)[..width])
        .map_err(fail)?;
    for c in customers {
        let mut row = Row::new(&c.id, "customer");
        row.set(Column::Name, c.header.name.clone());
        row.set(Column::Kind, c.header.kind.to_string());
        row.opt(Column::Since, c.header.since.map(|d| d.to_string()));
        // Tags are separated by ';', or by line breaks when a tag holds a ';'.
        if c.header.tags.iter().any(|t| t.contains(';')) {
            let mut text = c.header.tags.join("\n");
            text.push('\n');
            row.set(Column::Tags, text);
        } else {
            row.set(Column::Tags, c.header.tags.join(";"));
        }
        row.opt(Column::Cadence, c.header.cadence.map(|x| x.to_string()));
        if !c.header.attributes.is_empty() {
            let text = toml::to_string(&c.header.attributes).map_err(|e| {
                Error::Invalid(format!("could not write the attributes of {}: {e}", c.id))
            })?;
            row.set(Column::Attributes, text);
        }
        writer.write_record(&row.cells[..width]).map_err(fail)?;
        for r in c.timeline() {
            let mut row = Row::new(&c.id, r.table());
            for field in r.export() {
                let column = Column::parse(field.column).ok_or_else(|| {
                    Error::Invalid(format!(
                        "internal error: no CSV column {} for [[{}]]",
                        field.column,
                        r.table()
                    ))
                })?;
                row.opt(
                    column,
                    field.value.map(|value| match value {
                        ExportValue::Text(text) => text,
                        ExportValue::At(at) => at_text(at),
                        ExportValue::Amount(amount) => amount.to_string(),
                    }),
                );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{At, Record};

    /// Every kind (`RecordKind::samples`, so a kind added later too) exports to columns that
    /// `import` reads, one row per record after the customer's.
    #[test]
    fn every_record_kind_exports_to_import_columns() {
        let mut c = crate::metrics::testutil::customer(Some("2026-01-01"));
        let day = At::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        let records = Record::samples(day, "x", true);
        for record in records.clone() {
            c.push(record);
        }
        let mut out = Vec::new();
        csv(&mut out, &[c]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rows.records().count(), 1 + records.len(), "{text}");
    }
}
