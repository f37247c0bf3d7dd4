//! Charts as part of a [`Document`](super::Document): what to draw, not how. The views fill them
//! from report data unchanged; the HTML renderer draws them as inline SVG (`svg.rs`), and the
//! text renderers leave them out (their tables already carry the figures).

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// A machine name: the HTML section's id is `chart-<name>`.
    pub name: &'static str,
    pub title: String,
    /// One sentence for people who cannot see the picture (and for mail clients that drop it).
    pub caption: String,
    pub kind: ChartKind,
    /// The language of the words drawn around the data (legends, lanes, months, tooltips).
    pub language: crate::i18n::Language,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    /// One column per category, stacked from one segment per series.
    Columns {
        categories: Vec<String>,
        series: Vec<Series>,
    },
    /// Rates in 0..=1 per category, one line per series; `None` is undefined (no point).
    Rates {
        categories: Vec<String>,
        series: Vec<RateSeries>,
    },
    /// Horizontal bars, one per row.
    Bars { rows: Vec<Bar> },
    /// Marks on a calendar: phase bands and events in lanes.
    Timeline(Timeline),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RateSeries {
    pub name: String,
    /// Per category: kept and the denominator (kept + late + broken + overdue).
    pub points: Vec<(u32, u32)>,
}

impl RateSeries {
    pub fn rate(&self, i: usize) -> Option<f64> {
        match self.points.get(i) {
            Some(&(kept, total)) if total > 0 => Some(f64::from(kept) / f64::from(total)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    /// A second figure drawn as a tick on the bar (a cadence), if any.
    pub mark: Option<i64>,
    /// The text printed after the bar.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub bands: Vec<Band>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub label: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lane {
    Contacts,
    Orders,
    PromisesUs,
    PromisesThem,
}

impl Lane {
    pub const ALL: [Lane; 4] = [
        Lane::Contacts,
        Lane::Orders,
        Lane::PromisesUs,
        Lane::PromisesThem,
    ];

    /// The lane's English name (its `data-lane`; `render::svg` draws it in the page's language).
    pub fn label(self) -> &'static str {
        match self {
            Lane::Contacts => "contacts",
            Lane::Orders => "orders",
            Lane::PromisesUs => "our promises",
            Lane::PromisesThem => "their promises",
        }
    }
}

/// The shape of an event: every status has its own, so colour is never the only code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Contact,
    Order,
    Kept,
    Late,
    Broken,
    Open,
    Overdue,
    Cancelled,
}

impl Mark {
    pub const ALL: [Mark; 8] = [
        Mark::Contact,
        Mark::Order,
        Mark::Kept,
        Mark::Late,
        Mark::Broken,
        Mark::Open,
        Mark::Overdue,
        Mark::Cancelled,
    ];

    /// The mark's English name (its `data-mark`; `render::svg` draws it in the page's language).
    pub fn label(self) -> &'static str {
        match self {
            Mark::Contact => "contact",
            Mark::Order => "order",
            Mark::Kept => "kept",
            Mark::Late => "late",
            Mark::Broken => "broken",
            Mark::Open => "open",
            Mark::Overdue => "overdue",
            Mark::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub lane: Lane,
    pub mark: Mark,
    pub day: NaiveDate,
    /// Where a span starts (a promise: the day it was made); `None` for a point.
    pub from: Option<NaiveDate>,
    /// What the event is in its data attribute, for machines (a channel, an amount, an id).
    pub label: String,
    /// What it says on hover, in the page's language (a channel's word, an amount as people
    /// read it).
    pub shown: String,
    /// How many events of the same day the mark stands for.
    pub count: u32,
}
