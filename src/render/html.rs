//! HTML: one self-contained page per document, for a browser, a mail client and paper.
//!
//! Written with maud, which escapes every spliced text and attribute. The page loads nothing:
//! no script, no external style sheet, no font, no image; charts are inline SVG (`svg.rs`).
//! Styles are inline `style` attributes because mail clients drop `<style>` blocks; the one
//! `<style>` element only adds what inline styles cannot say (print page breaks), and the page
//! reads the same without it. Wide tables scroll inside their own box, so the page itself never
//! scrolls sideways on a phone.
//!
//! On a phone (below 600 CSS pixels) the `<style>` element's media query turns every table into
//! stacked cards, one "column: value" line per cell (each cell says its column in
//! `data-label`; a cell that says nothing, "–", is left out), the facts into "label value"
//! lines, and shows each chart's phone drawing (`svg::draw_phone`, text at 12 pixels,
//! labels on their own lines) instead of the desktop one. A mail client that drops `<style>`
//! shows the desktop page, as before. Dates never break across lines.

use maud::{DOCTYPE, Markup, html};

use super::chart::{Chart, ChartKind};
use super::{Block, Cell, Document, Table, svg};

const BODY: &str = "margin:0;padding:12px;background:#FFFFFF;color:#222222;\
font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.4";
const PAGE: &str = "max-width:1100px;margin:0 auto";
const H1: &str = "font-size:22px;margin:0 0 12px 0;overflow-wrap:anywhere";
const H2: &str = "font-size:17px;margin:24px 0 8px 0;padding-bottom:2px;\
border-bottom:2px solid #0072B2;overflow-wrap:anywhere";
const SECTION: &str = "margin:0 0 8px 0;break-inside:avoid;page-break-inside:avoid";
const SCROLL: &str = "overflow-x:auto;max-width:100%";
const TABLE: &str = "border-collapse:collapse;font-size:14px;min-width:50%";
const TH: &str = "text-align:left;padding:4px 8px;border-bottom:1px solid #888888;\
background:#F2F2F2;white-space:nowrap";
const TD: &str = "padding:4px 8px;border-bottom:1px solid #DDDDDD;vertical-align:top";
const TD_NUM: &str = "padding:4px 8px;border-bottom:1px solid #DDDDDD;vertical-align:top;\
text-align:right;white-space:nowrap";
const TD_DATE: &str = "padding:4px 8px;border-bottom:1px solid #DDDDDD;vertical-align:top;\
white-space:nowrap";
const TD_TEXT: &str = "padding:4px 8px;border-bottom:1px solid #DDDDDD;vertical-align:top;\
min-width:8em;max-width:28em;overflow-wrap:anywhere";
const FACT_LABEL: &str =
    "text-align:left;padding:2px 12px 2px 0;vertical-align:top;font-weight:bold;white-space:nowrap";
const FACT_VALUE: &str = "padding:2px 0;vertical-align:top;overflow-wrap:anywhere";
const SPARK: &str = "overflow:hidden;white-space:nowrap;direction:rtl;text-align:left";
const SPARK_LINE: &str = "direction:ltr;unicode-bidi:isolate;display:inline-block";
const NOWRAP: &str = "white-space:nowrap";
const EMPTY: &str = "font-style:italic;color:#555555;margin:4px 0";
const CAPTION: &str = "font-size:13px;color:#444444;margin:4px 0";
const FIGURES: &str = "border-collapse:collapse;font-size:12px";
const FOOT: &str = "margin-top:28px;font-size:12px;color:#555555";
/// Written raw into `<style>` (a constant of ours: no `<` in it), where HTML escapes would
/// be read as CSS.
/// Print: paper does not scroll, so tables are shown whole and narrowed to fit instead (smaller
/// type, headers and text wrapping); charts and short sections stay on one page.
const PRINT_CSS: &str = "@media print{body{padding:0!important;font-size:10pt!important}\
section{break-inside:avoid}div[data-scroll]{overflow:visible!important}\
table{font-size:8pt!important;min-width:0!important}\
th,td{padding:2px 3px!important;white-space:normal!important;min-width:0!important}}\
@media screen and (max-width:599px){div[data-wide]{display:none!important}\
div[data-phone]{display:block!important}\
table[data-cards],table[data-cards]>tbody,table[data-cards]>tbody>tr,\
table[data-cards]>tbody>tr>td,table[data-cards]>tbody>tr>th{display:block!important;\
width:auto!important;min-width:0!important;max-width:none!important}\
table[data-cards]>thead{display:none!important}\
table[data-cards]>tbody>tr{border-bottom:1px solid #888888;padding:6px 0}\
table[data-cards]>tbody>tr>td,table[data-cards]>tbody>tr>th{border:0!important;\
padding:1px 0!important;text-align:left!important}\
table[data-cards]>tbody>tr>td::before{content:attr(data-label) \": \";font-weight:bold;\
color:#444444}table[data-cards]>tbody>tr>td[data-label=\"\"]::before{content:none}\
table[data-figures]>tbody>tr>td{display:inline-block!important;margin-right:10px}\
table[data-cards]>tbody>tr>td[data-empty]{display:none!important}\
table[data-facts],table[data-facts]>tbody{display:block!important}\
table[data-facts]>tbody>tr{display:block!important;padding:2px 0}\
table[data-facts]>tbody>tr>th,table[data-facts]>tbody>tr>td{display:inline!important;\
padding:0 6px 0 0!important;white-space:normal!important}}";

/// The page of `doc` in `language` (its `lang` attribute serves screen readers, hyphenation and
/// spell checkers).
pub fn render(doc: &Document, people: &crate::i18n::Style) -> String {
    let language = people.language;
    let page = html! {
        (DOCTYPE)
        html lang=(language.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="coltiva";
                title { (doc.title) }
                style { (maud::PreEscaped(PRINT_CSS)) }
            }
            body style=(BODY) {
                div style=(PAGE) {
                    h1 style=(H1) { (whole_dates(&doc.title)) }
                    @for (i, block) in doc.blocks.iter().enumerate() { (block_html(i, block, people)) }
                    p style=(FOOT) { (people.words().footer()) }
                }
            }
        }
    };
    let mut text = page.into_string();
    text.push('\n');
    text
}

fn block_html(index: usize, block: &Block, people: &crate::i18n::Style) -> Markup {
    match block {
        Block::Facts(facts) => html! {
            section id=(if index == 0 { "facts".to_string() } else { format!("facts-{index}") }) style=(SECTION) {
                table style="border-collapse:collapse" data-facts="" {
                    @for (label, cell) in facts {
                        tr {
                            th scope="row" style=(FACT_LABEL) { (label) }
                            td style=(FACT_VALUE) data-label="" {
                                @if let Cell::Spark(_) = cell {
                                    // Too long for a phone: the latest weeks (the right end) stay.
                                    div style=(SPARK) { span style=(SPARK_LINE) { (cell.human(people)) } }
                                } @else {
                                    (whole_dates(&cell.human(people)))
                                }
                            }
                        }
                    }
                }
            }
        },
        Block::Text(text) => html! { p { (text) } },
        Block::Table(table) => table_html(table, people),
        Block::Chart(chart) => chart_html(chart),
    }
}

fn cell_style(cell: &Cell) -> &'static str {
    match cell {
        Cell::Text(_) | Cell::Status(_) | Cell::DueIn(_) => TD_TEXT,
        Cell::Int(_) | Cell::Decimal(_) | Cell::Mean(_) | Cell::Money(_) | Cell::Rate(_) => TD_NUM,
        Cell::Date(_) => TD_DATE,
        Cell::Spark(_) => TD,
    }
}

fn table_html(table: &Table, people: &crate::i18n::Style) -> Markup {
    html! {
        section id=(table.name) style=(SECTION) {
            h2 style=(H2) { (whole_dates(&table.title)) }
            @if table.rows.is_empty() {
                p style=(EMPTY) { (table.empty) }
            } @else {
                div style=(SCROLL) data-scroll="" {
                    table style=(TABLE) data-cards="" {
                        thead { tr { @for c in &table.columns { th scope="col" style=(TH) { (c.heading) } } } }
                        tbody {
                            @for row in &table.rows {
                                tr {
                                    @for (cell, column) in row.iter().zip(&table.columns) {
                                        @let shown = cell.human(people);
                                        // A card leaves out what says nothing ("–", nothing).
                                        @let empty = matches!(shown.as_ref(), "" | "–");
                                        td style=(cell_style(cell)) data-label=(column.heading) data-empty=[empty.then_some("")] { (whole_dates(&shown)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `text` with every date (`2026-12-28`, `28/12/2026`, `28.12.2026`) in a span that does not break: a browser may
/// otherwise break a line after a date's hyphen.
fn whole_dates(text: &str) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i + 10 <= bytes.len() {
        let d = &bytes[i..i + 10];
        // ISO (2026-12-28), or as a language writes it (28/12/2026, 28.12.2026).
        let shaped = |marks: [usize; 2], mark: u8| {
            d.iter().enumerate().all(|(k, b)| {
                if marks.contains(&k) {
                    *b == mark
                } else {
                    b.is_ascii_digit()
                }
            })
        };
        let is_date = shaped([4, 7], b'-') || shaped([2, 5], b'/') || shaped([2, 5], b'.');
        if is_date {
            parts.push((false, &text[start..i]));
            parts.push((true, &text[i..i + 10]));
            i += 10;
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push((false, &text[start..]));
    html! {
        @for (date, part) in parts {
            @if date { span style=(NOWRAP) { (part) } } @else { (part) }
        }
    }
}

fn chart_html(chart: &Chart) -> Markup {
    html! {
        section id={ "chart-" (chart.name) } style=(SECTION) {
            h2 style=(H2) { (whole_dates(&chart.title)) }
            div data-wide="" style="display:block" { (svg::draw(chart)) }
            div data-phone="" style="display:none" { (svg::draw_phone(chart)) }
            p style=(CAPTION) { (whole_dates(&chart.caption)) }
            (figures(chart))
        }
    }
}

/// The figures of a chart as a small table, for readers whose mail client drops the picture.
/// Bars and timelines need none: the document's tables next to them carry the same figures.
fn figures(chart: &Chart) -> Markup {
    let th = "text-align:right;padding:2px 6px;border-bottom:1px solid #888888;white-space:nowrap";
    let td = "text-align:right;padding:2px 6px;border-bottom:1px solid #DDDDDD;white-space:nowrap";
    match &chart.kind {
        ChartKind::Columns { categories, series } => html! {
            div style=(SCROLL) data-scroll="" {
                table style=(FIGURES) data-figures=(chart.name) data-cards="" {
                    thead { tr { th style=(th) { "" } @for c in categories { th scope="col" style=(th) { (c) } } } }
                    tbody {
                        @for s in series {
                            tr {
                                th scope="row" style=(th) { (s.name) }
                                @for (v, c) in s.values.iter().zip(categories) { td style=(td) data-label=(c) { (v) } }
                            }
                        }
                    }
                }
            }
        },
        ChartKind::Rates { categories, series } => html! {
            div style=(SCROLL) data-scroll="" {
                table style=(FIGURES) data-figures=(chart.name) data-cards="" {
                    thead { tr { th style=(th) { "" } @for c in categories { th scope="col" style=(th) { (c) } } } }
                    tbody {
                        @for s in series {
                            tr {
                                th scope="row" style=(th) { (s.name) }
                                @for (i, (kept, total)) in s.points.iter().enumerate() {
                                    td style=(td) data-label=(categories.get(i).map_or("", String::as_str)) {
                                        @match s.rate(i) {
                                            Some(rate) => { (crate::i18n::catalogue(chart.language).percent(rate)) " (" (kept) "/" (total) ")" }
                                            None => "–",
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
        ChartKind::Bars { .. } | ChartKind::Timeline(_) => html! {},
    }
}
