//! Renderers. Report data is first laid out as a [`Document`] (titles, facts, tables of typed
//! cells, in `views`); each renderer then turns a document into text for one medium and does
//! nothing else. JSON skips the layout and serializes the report data itself. Charts are
//! blocks too, drawn by the HTML renderer only.

pub mod agenda;
pub mod chart;
pub mod csv;
pub mod groups;
pub mod html;
pub mod json;
pub mod markdown;
pub mod outlook;
pub mod problems;
pub mod svg;
pub mod table;
pub mod views;

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::i18n::{Label, Style};
use crate::metrics::promises::PromiseStatus;
use crate::model::Amount;

/// How a view lays a document out: `wide` for CSV (every field, one column each, for
/// machines), else for people; and the [`Style`] people read it in (the words of the
/// journal's language, its amounts and dates). Views ask `style.words()` for every word they
/// write; CSV is laid out with [`Style::MACHINE`] (English, plain).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout<'a> {
    pub wide: bool,
    pub style: &'a Style,
}

impl Layout<'_> {
    /// The layout for machines: wide, in English.
    pub const MACHINE: Layout<'static> = Layout {
        wide: true,
        style: &Style::MACHINE,
    };

    /// The words of the layout's language.
    pub fn words(&self) -> &'static dyn crate::i18n::Catalogue {
        self.style.words()
    }

    /// A column named by a label: its English is the key, its heading the layout's language.
    pub fn column(&self, label: Label) -> Column {
        Column {
            key: label.key(),
            heading: self.style.label(label),
        }
    }

    /// Columns named by labels.
    pub fn columns(&self, labels: &[Label]) -> Vec<Column> {
        labels.iter().map(|&l| self.column(l)).collect()
    }

    /// A label in the layout's language.
    pub fn label(&self, label: Label) -> &'static str {
        self.style.label(label)
    }
}

impl<'a> Layout<'a> {
    /// The layout for people reading in `style`.
    pub fn people(style: &'a Style) -> Layout<'a> {
        Layout { wide: false, style }
    }
}

/// A column of a table: `key` names it for machines (CSV's header, `views::fit`, the colours),
/// `heading` is what people read above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub heading: &'static str,
}

impl Column {
    /// A column for machines (or a symbol such as `r`): the same name for both.
    pub const fn machine(name: &'static str) -> Column {
        Column {
            key: name,
            heading: name,
        }
    }
}

/// Columns for machines.
pub fn machine_columns(names: &[&'static str]) -> Vec<Column> {
    names.iter().map(|&n| Column::machine(n)).collect()
}

/// A value in a table or a fact, typed so each medium can print it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(Option<i64>),
    /// A derived figure shown with one decimal.
    Decimal(Option<f64>),
    /// An exact mean (mean gaps, mean days late): one decimal for people, two for machines,
    /// rounded half away from zero from the exact fraction, as JSON rounds it.
    Mean(Option<crate::metrics::Mean>),
    Date(Option<NaiveDate>),
    Money(Amount),
    /// A kept rate in 0..=1; `None` is undefined (shown "–", never 0%).
    Rate(Option<f64>),
    /// Counts drawn as a sparkline.
    Spark(Vec<u32>),
    /// A promise's status: its word in the layout's language for people, English for machines.
    Status(PromiseStatus),
    /// Days until a promise is due, negative when overdue: "in 3 days", "5 days overdue" for
    /// people (in their language), the number for machines.
    DueIn(Option<i64>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Int(Some(n.into()))
    }

    /// The cell for people (tables, markdown, HTML) in `style`: undefined values are "–".
    /// Text is lent, not copied: a report's table has 1.7 million cells.
    pub fn human(&self, style: &Style) -> Cow<'_, str> {
        Cow::Owned(match self {
            Cell::Text(s) => return Cow::Borrowed(s),
            Cell::Int(Some(n)) => n.to_string(),
            Cell::Decimal(Some(x)) => style.fixed(*x, 1),
            Cell::Mean(m) => style.mean(*m),
            Cell::Date(Some(d)) => style.date(*d),
            Cell::Money(a) => style.money(*a),
            Cell::Rate(r) => style.rate(*r),
            Cell::Spark(counts) => sparkline(counts),
            Cell::Status(s) => style.words().status(*s, false).to_string(),
            Cell::DueIn(Some(days)) => style.words().due_in(*days),
            Cell::Int(None) | Cell::Decimal(None) | Cell::Date(None) | Cell::DueIn(None) => {
                return Cow::Borrowed("–");
            }
        })
    }

    /// The cell for machines (CSV): undefined values are empty, rates are fractions.
    pub fn machine(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(Some(n)) => n.to_string(),
            // Rounded as JSON rounds it (half away from zero), so both formats print the same
            // figure; `{:.2}` alone rounds an exact tie such as 99.125 to even (99.12).
            Cell::Decimal(Some(x)) => format!("{:.2}", crate::report::round2(*x)),
            Cell::Mean(Some(m)) => m.fixed(2),
            Cell::Date(Some(d)) => d.to_string(),
            Cell::Money(a) => a.to_string(),
            Cell::Rate(Some(r)) => format!("{r:.4}"),
            Cell::Spark(counts) => counts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            Cell::Status(s) => s.as_str().to_string(),
            Cell::DueIn(Some(n)) => n.to_string(),
            Cell::DueIn(None)
            | Cell::Int(None)
            | Cell::Decimal(None)
            | Cell::Mean(None)
            | Cell::Date(None)
            | Cell::Rate(None) => String::new(),
        }
    }
}

pub use crate::text::count;

/// One block character per count, scaled to the largest; a zero is the lowest bar's baseline.
pub fn sparkline(counts: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&n| {
            if n == 0 {
                '·'
            } else if max <= 1 {
                BARS[7]
            } else {
                BARS[((n as usize - 1) * 7) / (max as usize - 1)]
            }
        })
        .collect()
}

/// A table: a machine name (CSV section), a title for people, columns and typed rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// What to say when there are no rows, in the layout's language.
    pub empty: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Label and value pairs.
    Facts(Vec<(String, Cell)>),
    Table(Table),
    /// A sentence or paragraph.
    Text(String),
    /// A picture of figures (HTML only: the text formats' tables already carry them).
    Chart(chart::Chart),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// The blocks a text medium (table, markdown, CSV) shows: all but the charts.
    pub fn text_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| !matches!(b, Block::Chart(_)))
    }

    /// True when the document is one table and nothing else (rendered as plain CSV).
    pub fn single_table(&self) -> Option<&Table> {
        match self.blocks.as_slice() {
            [Block::Table(t)] => Some(t),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_largest_week() {
        assert_eq!(sparkline(&[0, 1, 2, 8]), "·▁▂█");
        assert_eq!(sparkline(&[0, 1, 0]), "·█·");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn undefined_rates_are_never_zero() {
        assert_eq!(Cell::Rate(None).human(&Style::MACHINE), "–");
        assert_eq!(Cell::Rate(None).machine(), "");
        assert_eq!(Cell::Rate(Some(0.0)).human(&Style::MACHINE), "0%");
        assert_eq!(Cell::Rate(Some(2.0 / 3.0)).machine(), "0.6667");
    }

    #[test]
    fn csv_decimals_match_json_rounding() {
        // 793 / 8 = 99.125 exactly: JSON (report::round2) says 99.13, so CSV must too.
        let mean = 793.0 / 8.0;
        assert_eq!(Cell::Decimal(Some(mean)).machine(), "99.13");
        assert_eq!(crate::report::round2(mean), 99.13);
        assert_eq!(Cell::Decimal(Some(-0.125)).machine(), "-0.13");
    }
}
