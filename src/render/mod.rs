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

use chrono::NaiveDate;

use crate::model::{Amount, MoneyStyle};

thread_local! {
    /// How [`Cell::Money`] reads for people while a document renders: the journal's
    /// `[locale]` (set by `app::emit_in` through [`with_money_style`]). A scoped setting
    /// rather than a field of every document, so the views and the renderers keep their
    /// shapes; machines (CSV) never read it.
    static MONEY_STYLE: std::cell::RefCell<MoneyStyle> =
        std::cell::RefCell::new(MoneyStyle::default());
}

/// Runs `render` with amounts shown to people in `style`, then restores the previous style.
pub fn with_money_style<R>(style: &MoneyStyle, render: impl FnOnce() -> R) -> R {
    let previous = MONEY_STYLE.with(|s| s.replace(style.clone()));
    let result = render();
    MONEY_STYLE.with(|s| s.replace(previous));
    result
}

/// A figure written with a decimal point, in the decimal mark of the amounts people read (a
/// comma in an Italian journal: `99,1`), so that one page never mixes two marks.
fn with_decimal_mark(figure: String) -> String {
    MONEY_STYLE.with(|style| match style.borrow().decimal {
        crate::model::DecimalMark::Dot => figure,
        crate::model::DecimalMark::Comma => figure.replace('.', ","),
    })
}

/// How a view lays a document out: `wide` for CSV (every field, one column each, for
/// machines), else for people; and the language of the words the view writes itself (values
/// such as "3 days ago" or a chart's caption). Fixed headings and labels are translated after
/// the layout by [`crate::i18n::localize`]; CSV is always laid out in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub wide: bool,
    pub language: crate::i18n::Language,
}

impl Layout {
    /// The layout for machines: wide, in English.
    pub const MACHINE: Layout = Layout {
        wide: true,
        language: crate::i18n::Language::En,
    };

    /// The layout for people reading `language`.
    pub fn people(language: crate::i18n::Language) -> Layout {
        Layout {
            wide: false,
            language,
        }
    }
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
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Int(Some(n.into()))
    }

    /// The cell for people (tables, markdown): undefined values are "–".
    pub fn human(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(Some(n)) => n.to_string(),
            Cell::Decimal(Some(x)) => with_decimal_mark(format!("{x:.1}")),
            Cell::Mean(Some(m)) => with_decimal_mark(m.fixed(1)),
            Cell::Date(Some(d)) => d.to_string(),
            Cell::Money(a) => MONEY_STYLE.with(|style| a.human(&style.borrow())),
            Cell::Rate(Some(r)) => format!("{:.0}%", r * 100.0),
            Cell::Spark(counts) => sparkline(counts),
            Cell::Int(None)
            | Cell::Decimal(None)
            | Cell::Mean(None)
            | Cell::Date(None)
            | Cell::Rate(None) => "–".to_string(),
        }
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
            Cell::Int(None)
            | Cell::Decimal(None)
            | Cell::Mean(None)
            | Cell::Date(None)
            | Cell::Rate(None) => String::new(),
        }
    }
}

/// "1 customer", "3 customers": a count with its noun, in English (messages on stderr and
/// titles translated later by [`crate::i18n::localize`]); see [`crate::i18n::count`].
pub fn count(n: impl Into<i64>, noun: &str) -> String {
    crate::i18n::count(crate::i18n::Language::En, n, noun)
}

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
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// What to say when there are no rows.
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
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "customer"), "1 customer");
        assert_eq!(count(0, "customer"), "0 customers");
        assert_eq!(count(2_i64, "day"), "2 days");
    }

    #[test]
    fn sparkline_scales_to_the_largest_week() {
        assert_eq!(sparkline(&[0, 1, 2, 8]), "·▁▂█");
        assert_eq!(sparkline(&[0, 1, 0]), "·█·");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn undefined_rates_are_never_zero() {
        assert_eq!(Cell::Rate(None).human(), "–");
        assert_eq!(Cell::Rate(None).machine(), "");
        assert_eq!(Cell::Rate(Some(0.0)).human(), "0%");
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
