//! Draws a [`Chart`] as inline SVG for the HTML pages.
//!
//! The markup is written with maud, the crate that writes the rest of the page: it escapes every
//! text and attribute value, and its `{}` bodies close every element explicitly, which inline SVG
//! in HTML needs (`<rect>` without a closing tag would swallow its siblings). What is ours is only
//! the geometry — scales, ticks, stacking, lanes — small and tested below. Plotting crates
//! (plotters, charts-rs) were weighed: they draw whole standalone SVG documents with their own
//! fonts and styles, not fragments with the data attributes, patterns and shapes this page needs,
//! and they cost far more to build.
//!
//! Colour is never the only code: every series also has its own fill pattern or line dash, every
//! status its own shape, and everything drawn has a text label or a `<title>`. Every mark carries
//! its figure in `data-*` attributes, which the tests compare with the JSON.

use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};

use super::chart::{Bar, Chart, ChartKind, Event, Lane, Mark, RateSeries, Series, Timeline};
use crate::i18n::{Label, Language, catalogue};
use crate::metrics::promises::PromiseStatus;

/// The drawing's width in SVG units; the picture scales down to narrow screens.
const WIDTH: f64 = 560.0;
/// The width of the drawing for a phone (a 360-pixel screen less the page's padding), where
/// it is shown about 1:1, so its 12-unit text reads at 12 pixels.
pub const PHONE_WIDTH: f64 = 336.0;

/// The width a chart is drawn for: a desktop's (scaled down as needed) or a phone's, whose
/// drawing gives its labels rows of their own and labels every other tick.
#[derive(Debug, Clone, Copy)]
struct Geom {
    w: f64,
    narrow: bool,
}
/// The widest a chart is shown, on a wide screen (a little larger than drawn).
const MAX_SHOWN: f64 = 720.0;
/// Okabe–Ito colours: told apart by people with the common colour-vision deficiencies.
const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#6B6B00",
];
const INK: &str = "#222222";
const GRID: &str = "#D0D0D0";
const FONT: &str = "font-family:Helvetica,Arial,sans-serif";

/// A coordinate with one decimal: enough for a screen, short in the file.
fn n(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// Shortens a label to `max` characters with "…" (the full text stays in the `<title>`).
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The bars' labels in at most `max` characters; labels that would read alike once shortened
/// ("Idraulica Bianchi S.n…" three times) keep their ends instead, "Idraulica…Andrea".
fn bar_labels(rows: &[Bar], max: usize) -> Vec<String> {
    let short: Vec<String> = rows.iter().map(|b| shorten(&b.label, max)).collect();
    rows.iter()
        .zip(&short)
        .map(|(bar, s)| {
            let alike = short.iter().filter(|o| *o == s).count() > 1;
            if !alike || bar.label.chars().count() <= max {
                return s.clone();
            }
            let head = max / 2;
            let tail = max - head - 1;
            let chars: Vec<char> = bar.label.chars().collect();
            let start: String = chars[..head].iter().collect();
            let end: String = chars[chars.len() - tail..].iter().collect();
            format!("{}…{}", start.trim_end(), end.trim_start())
        })
        .collect()
}

/// The smallest of 1, 2, 5 × 10^k at or above `max` (at least 1): the top of a value axis.
pub fn nice_ceiling(max: f64) -> f64 {
    if max <= 1.0 {
        return 1.0;
    }
    let mut step = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if m * step >= max {
                return m * step;
            }
        }
        step *= 10.0;
    }
}

/// The chart drawn for a desktop (`svg[data-chart]`, the one mail clients show).
pub fn draw(chart: &Chart) -> Markup {
    draw_in(
        chart,
        Geom {
            w: WIDTH,
            narrow: false,
        },
    )
}

/// The chart drawn for a phone (`svg[data-chart-phone]`), shown instead of the desktop one
/// by the page's media query below a width.
pub fn draw_phone(chart: &Chart) -> Markup {
    draw_in(
        chart,
        Geom {
            w: PHONE_WIDTH,
            narrow: true,
        },
    )
}

fn draw_in(chart: &Chart, g: Geom) -> Markup {
    match &chart.kind {
        ChartKind::Columns { categories, series } => columns(chart, g, categories, series),
        ChartKind::Rates { categories, series } => rates(chart, g, categories, series),
        ChartKind::Bars { rows } => bars(chart, g, rows),
        ChartKind::Timeline(t) => timeline(chart, g, t),
    }
}

/// Whether category `i` of `len` gets its label: all on a desktop; on a phone every other,
/// counted from the last (the latest week or month is always labelled).
fn labelled(g: Geom, i: usize, len: usize) -> bool {
    !g.narrow || (len - 1 - i).is_multiple_of(2)
}

/// The `<svg>` element around a drawing of height `height`.
fn frame(chart: &Chart, g: Geom, height: f64, body: Markup) -> Markup {
    let title_id = format!(
        "{}{}-title",
        chart.name,
        if g.narrow { "-phone" } else { "" }
    );
    html! {
        svg viewBox={ "0 0 " (n(g.w)) " " (n(height)) } width="100%" role="img"
            aria-labelledby=(title_id) data-chart=[(!g.narrow).then_some(chart.name)]
            data-chart-phone=[g.narrow.then_some(chart.name)]
            style={ "display:block;width:100%;max-width:" (n(if g.narrow { g.w * 1.25 } else { MAX_SHOWN })) "px;height:auto;" (FONT) } {
            title id=(title_id) { (chart.title) ": " (chart.caption) }
            (body)
        }
    }
}

/// A fill pattern per series: the colour plus a texture, so no two series differ by colour only.
fn pattern(id: &str, index: usize) -> Markup {
    let colour = PALETTE[index % PALETTE.len()];
    let texture = match index % 6 {
        0 => None,
        1 => Some("M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5"),
        2 => Some("M0,3 H6"),
        3 => Some("M3,0 V6"),
        4 => Some("M0,0 L6,6 M6,0 L0,6"),
        _ => Some("M0,0 L6,6 M-1,5 L1,7 M5,-1 L7,1"),
    };
    html! {
        pattern id=(id) patternUnits="userSpaceOnUse" width="6" height="6" {
            rect width="6" height="6" fill=(colour) {}
            @if let Some(d) = texture {
                path d=(d) stroke="#FFFFFF" stroke-width="1.5" {}
            }
        }
    }
}

fn pattern_id(chart: &Chart, g: Geom, index: usize) -> String {
    let phone = if g.narrow { "-phone" } else { "" };
    format!("{}{phone}-p{index}", chart.name)
}

/// Legend items laid out in rows from `top`; returns the markup and the height used.
fn legend(items: &[(Markup, String)], g: Geom, top: f64) -> (Markup, f64) {
    const ITEM: f64 = 150.0;
    let per_row = ((g.w - 16.0) / ITEM).floor().max(1.0) as usize;
    let rows = items.len().div_ceil(per_row);
    let markup = html! {
        g class="legend" {
            @for (i, (swatch, label)) in items.iter().enumerate() {
                @let x = 8.0 + (i % per_row) as f64 * ITEM;
                @let y = top + (i / per_row) as f64 * 20.0;
                g transform={ "translate(" (n(x)) "," (n(y)) ")" } {
                    (swatch)
                    text x="22" y="11" font-size="12" fill=(INK) { (label) }
                }
            }
        }
    };
    (markup, rows as f64 * 20.0)
}

fn columns(chart: &Chart, g: Geom, categories: &[String], series: &[Series]) -> Markup {
    let (left, top, plot_h) = (if g.narrow { 28.0 } else { 40.0 }, 16.0, 170.0);
    let plot_w = g.w - left - 8.0;
    let totals: Vec<u32> = (0..categories.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = nice_ceiling(f64::from(totals.iter().copied().max().unwrap_or(0)));
    let slot = plot_w / categories.len().max(1) as f64;
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let items: Vec<(Markup, String)> = series
        .iter()
        .enumerate()
        .map(|(s, ser)| {
            let swatch = html! {
                rect width="14" height="14" fill={ "url(#" (pattern_id(chart, g, s)) ")" }
                    stroke=(INK) stroke-width="0.5" {}
            };
            (swatch, ser.name.clone())
        })
        .collect();
    let axis_bottom = top + plot_h;
    let (legend_markup, legend_h) = legend(&items, g, axis_bottom + 30.0);
    let height = axis_bottom + 30.0 + legend_h.max(20.0);
    let ticks = axis_ticks(max);
    frame(
        chart,
        g,
        height,
        html! {
            defs { @for s in 0..series.len() { (pattern(&pattern_id(chart, g, s), s)) } }
            @for t in &ticks {
                line x1=(n(left)) x2=(n(g.w - 8.0)) y1=(n(y(*t))) y2=(n(y(*t))) stroke=(GRID) {}
                text x=(n(left - 4.0)) y=(n(y(*t) + 4.0)) font-size="12" text-anchor="end" fill=(INK) { (t) }
            }
            @for (i, category) in categories.iter().enumerate() {
                @let x = left + i as f64 * slot + slot * 0.15;
                @let w = slot * 0.7;
                g data-index=(i) data-category=(category) data-total=(totals[i]) {
                    @for (s, name, v, below) in stack(series, i) {
                        @let y_top = y(below + f64::from(v));
                        rect x=(n(x)) y=(n(y_top)) width=(n(w)) height=(n(y(below) - y_top))
                            fill={ "url(#" (pattern_id(chart, g, s)) ")" } stroke="#FFFFFF" stroke-width="0.5"
                            data-series=(name) data-value=(v) {
                            title { (category) ": " (name) " " (v) }
                        }
                    }
                    text x=(n(x + w / 2.0)) y=(n(y(f64::from(totals[i])) - 4.0)) font-size="12" text-anchor="middle" fill=(INK) { (totals[i]) }
                    @if labelled(g, i, categories.len()) {
                        text x=(n(x + w / 2.0)) y=(n(axis_bottom + 16.0)) font-size="12" text-anchor="middle" fill=(INK) { (category) }
                    }
                }
            }
            line x1=(n(left)) x2=(n(g.w - 8.0)) y1=(n(axis_bottom)) y2=(n(axis_bottom)) stroke=(INK) {}
            (legend_markup)
        },
    )
}

/// The non-zero segments of column `i`, bottom up: (series index, name, value, sum below it).
fn stack(series: &[Series], i: usize) -> Vec<(usize, &str, u32, f64)> {
    let mut below = 0.0;
    let mut out = Vec::new();
    for (s, ser) in series.iter().enumerate() {
        let v = ser.values.get(i).copied().unwrap_or(0);
        if v > 0 {
            out.push((s, ser.name.as_str(), v, below));
            below += f64::from(v);
        }
    }
    out
}

/// Value ticks: 0, the middle when it is a whole number, the top.
fn axis_ticks(max: f64) -> Vec<f64> {
    let mid = max / 2.0;
    if mid == mid.trunc() && mid > 0.0 {
        vec![0.0, mid, max]
    } else {
        vec![0.0, max]
    }
}

/// The marker of rate series `s`: a filled circle for the first, a hollow square for the second.
fn rate_marker(s: usize, x: f64, y: f64) -> Markup {
    let colour = PALETTE[s % PALETTE.len()];
    html! {
        @if s.is_multiple_of(2) {
            circle cx=(n(x)) cy=(n(y)) r="4.5" fill=(colour) stroke=(colour) {}
        } @else {
            rect x=(n(x - 4.5)) y=(n(y - 4.5)) width="9" height="9" fill="#FFFFFF" stroke=(colour) stroke-width="2" {}
        }
    }
}

fn rates(chart: &Chart, g: Geom, categories: &[String], series: &[RateSeries]) -> Markup {
    let (left, top, plot_h) = (44.0, 12.0, 150.0);
    let plot_w = g.w - left - 8.0;
    let slot = plot_w / categories.len().max(1) as f64;
    let x = |i: usize| left + (i as f64 + 0.5) * slot;
    let y = |rate: f64| top + plot_h - rate * plot_h;
    let axis_bottom = top + plot_h;
    let items: Vec<(Markup, String)> = series
        .iter()
        .enumerate()
        .map(|(s, ser)| {
            let colour = PALETTE[s % PALETTE.len()];
            let swatch = html! {
                line x1="0" x2="18" y1="7" y2="7" stroke=(colour) stroke-width="2"
                    stroke-dasharray=(if s.is_multiple_of(2) { "none" } else { "5 3" }) {}
                (rate_marker(s, 9.0, 7.0))
            };
            (swatch, ser.name.clone())
        })
        .collect();
    let (legend_markup, legend_h) = legend(&items, g, axis_bottom + 30.0);
    let height = axis_bottom + 30.0 + legend_h.max(20.0);
    frame(
        chart,
        g,
        height,
        html! {
            @for (rate, label) in [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")] {
                line x1=(n(left)) x2=(n(g.w - 8.0)) y1=(n(y(rate))) y2=(n(y(rate))) stroke=(GRID) {}
                text x=(n(left - 4.0)) y=(n(y(rate) + 4.0)) font-size="12" text-anchor="end" fill=(INK) { (label) }
            }
            @for (i, category) in categories.iter().enumerate() {
                @if labelled(g, i, categories.len()) {
                    text x=(n(x(i))) y=(n(axis_bottom + 16.0)) font-size="12" text-anchor="middle" fill=(INK) { (category) }
                }
            }
            @for (s, ser) in series.iter().enumerate() {
                @let colour = PALETTE[s % PALETTE.len()];
                @for run in defined_runs(ser) {
                    @if run.len() > 1 {
                        polyline fill="none" stroke=(colour) stroke-width="2"
                            stroke-dasharray=(if s.is_multiple_of(2) { "none" } else { "5 3" })
                            points=(run.iter().map(|&(i, r)| format!("{},{}", n(x(i)), n(y(r)))).collect::<Vec<_>>().join(" ")) {}
                    }
                }
                @for (i, &(kept, total)) in ser.points.iter().enumerate() {
                    @if let Some(rate) = ser.rate(i) {
                        g data-series=(ser.name) data-index=(i) data-kept=(kept) data-total=(total) {
                            title { (ser.name) " " (categories.get(i).map_or("", String::as_str)) ": " (percent(rate)) " " (catalogue(chart.language).kept_of(kept, total)) }
                            (rate_marker(s, x(i), y(rate)))
                        }
                    }
                }
            }
            line x1=(n(left)) x2=(n(g.w - 8.0)) y1=(n(axis_bottom)) y2=(n(axis_bottom)) stroke=(INK) {}
            (legend_markup)
        },
    )
}

/// A rate as people read it: "75%".
pub fn percent(rate: f64) -> String {
    format!("{:.0}%", rate * 100.0)
}

/// The runs of consecutive categories where a rate series is defined, as (index, rate).
fn defined_runs(series: &RateSeries) -> Vec<Vec<(usize, f64)>> {
    let mut runs: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for i in 0..series.points.len() {
        match series.rate(i) {
            Some(rate) => current.push((i, rate)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

fn bars(chart: &Chart, g: Geom, rows: &[Bar]) -> Markup {
    // On a phone each label has a line of its own above its bar, the width of the drawing.
    let (label_w, row_h, note_w) = if g.narrow {
        (0.0, 54.0, 8.0)
    } else {
        (150.0, 24.0, 180.0)
    };
    let left = if g.narrow { 4.0 } else { label_w + 6.0 };
    // The bar's own band within its row (below the label on a phone).
    let bar_top = if g.narrow { 16.0 } else { 0.0 };
    let plot_w = g.w - left - note_w;
    let max = rows
        .iter()
        .flat_map(|b| [b.value, b.mark.unwrap_or(0)])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = |v: i64| v.max(0) as f64 / max * plot_w;
    let labels = bar_labels(rows, if g.narrow { 46 } else { 22 });
    let axis_y = (rows.len().max(1) as f64) * row_h + 6.0;
    let height = axis_y + 18.0;
    let base_fill = PALETTE[0];
    let over_id = pattern_id(chart, g, 5);
    frame(
        chart,
        g,
        height,
        html! {
            defs { (pattern(&over_id, 5)) }
            @for (i, bar) in rows.iter().enumerate() {
                @let y = 4.0 + i as f64 * row_h;
                @let within = bar.mark.map_or(bar.value, |m| bar.value.min(m));
                g data-label=(bar.label) data-value=(bar.value) data-mark=[bar.mark] {
                    title { (bar.label) ": " (bar.note) }
                    @if g.narrow {
                        text x=(n(left)) y=(n(y + 12.0)) font-size="12" fill=(INK) { (labels[i]) }
                    } @else {
                        text x=(n(label_w)) y=(n(y + 15.0)) font-size="12" text-anchor="end" fill=(INK) { (labels[i]) }
                    }
                    @let (y, bar_h) = (y + bar_top, if g.narrow { 16.0 } else { row_h - 8.0 });
                    rect x=(n(left)) y=(n(y + 3.0)) width=(n(scale(within))) height=(n(bar_h)) fill=(base_fill) {}
                    @if bar.value > within {
                        // The part past the mark (days past the cadence): hatched, not only red.
                        rect x=(n(left + scale(within))) y=(n(y + 3.0)) width=(n(scale(bar.value) - scale(within)))
                            height=(n(bar_h)) fill={ "url(#" (over_id) ")" } {}
                    }
                    @if let Some(m) = bar.mark {
                        line x1=(n(left + scale(m))) x2=(n(left + scale(m))) y1=(n(y)) y2=(n(y + bar_h + 6.0))
                            stroke=(INK) stroke-width="2" stroke-dasharray="3 2" {}
                    }
                    @if g.narrow {
                        // Under the bar: a long bar leaves no room beside it.
                        text x=(n(left)) y=(n(y + bar_h + 17.0)) font-size="12" fill=(INK) { (bar.note) }
                    } @else {
                        text x=(n(left + scale(bar.value) + 4.0)) y=(n(y + 15.0)) font-size="12" fill=(INK) { (bar.note) }
                    }
                }
            }
            line x1=(n(left)) x2=(n(left + plot_w)) y1=(n(axis_y)) y2=(n(axis_y)) stroke=(INK) {}
            @for v in [0, max as i64] {
                // On a phone the top figure ends at the axis's end (no margin to spill into).
                @let anchor = if g.narrow && v > 0 { "end" } else { "middle" };
                text x=(n(left + scale(v))) y=(n(axis_y + 14.0)) font-size="12" text-anchor=(anchor) fill=(INK) { (v) }
            }
        },
    )
}

/// The shape of a timeline mark at (x, y).
fn mark_shape(mark: Mark, x: f64, y: f64, count: u32) -> Markup {
    let r = 4.0 + f64::from(count.saturating_sub(1).min(3));
    match mark {
        Mark::Contact => {
            html! { circle cx=(n(x)) cy=(n(y)) r=(n(r)) fill=(PALETTE[0]) fill-opacity="0.8" {} }
        }
        Mark::Order => html! {
            path d={ "M" (n(x)) "," (n(y - 6.0)) " L" (n(x + 6.0)) "," (n(y)) " L" (n(x)) "," (n(y + 6.0)) " L" (n(x - 6.0)) "," (n(y)) " Z" }
                fill=(PALETTE[1]) stroke=(INK) stroke-width="0.5" {}
        },
        Mark::Kept => {
            html! { circle cx=(n(x)) cy=(n(y)) r="5" fill=(PALETTE[2]) stroke=(INK) stroke-width="0.5" {} }
        }
        Mark::Late => html! {
            path d={ "M" (n(x)) "," (n(y - 6.0)) " L" (n(x + 6.0)) "," (n(y + 5.0)) " L" (n(x - 6.0)) "," (n(y + 5.0)) " Z" }
                fill=(PALETTE[1]) stroke=(INK) stroke-width="0.5" {}
        },
        Mark::Broken => html! {
            path d={ "M" (n(x - 5.0)) "," (n(y - 5.0)) " L" (n(x + 5.0)) "," (n(y + 5.0)) " M" (n(x + 5.0)) "," (n(y - 5.0)) " L" (n(x - 5.0)) "," (n(y + 5.0)) }
                stroke=(PALETTE[5]) stroke-width="3" {}
        },
        Mark::Open => {
            html! { circle cx=(n(x)) cy=(n(y)) r="5" fill="#FFFFFF" stroke=(INK) stroke-width="1.5" {} }
        }
        Mark::Overdue => {
            html! { rect x=(n(x - 5.0)) y=(n(y - 5.0)) width="10" height="10" fill="#FFFFFF" stroke=(PALETTE[5]) stroke-width="2" {} }
        }
        Mark::Cancelled => {
            html! { line x1=(n(x - 5.0)) x2=(n(x + 5.0)) y1=(n(y)) y2=(n(y)) stroke="#777777" stroke-width="3" {} }
        }
    }
}

fn timeline(chart: &Chart, g: Geom, t: &Timeline) -> Markup {
    let (left, right, band_h, lane_h) = (104.0, 12.0, 24.0, 28.0);
    let plot_w = g.w - left - right;
    let span = (t.until - t.since).num_days().max(1) as f64;
    let x = |day: NaiveDate| {
        left + ((day - t.since).num_days() as f64).clamp(0.0, span) / span * plot_w
    };
    let top = 4.0;
    let lanes_top = top + band_h + 6.0;
    let lane_y = |lane: Lane| {
        let i = Lane::ALL.iter().position(|l| *l == lane).unwrap_or(0);
        lanes_top + i as f64 * lane_h + lane_h / 2.0
    };
    let axis_y = lanes_top + Lane::ALL.len() as f64 * lane_h;
    let mut band_labels: Vec<&str> = Vec::new();
    for band in &t.bands {
        if !band_labels.contains(&band.label.as_str()) {
            band_labels.push(&band.label);
        }
    }
    let band_pattern = |label: &str| {
        let i = band_labels.iter().position(|l| *l == label).unwrap_or(0);
        pattern_id(chart, g, i)
    };
    let months = month_starts(t.since, t.until, chart.language);
    let marks_used: Vec<Mark> = Mark::ALL
        .into_iter()
        .filter(|m| t.events.iter().any(|e| e.mark == *m))
        .collect();
    let items: Vec<(Markup, String)> = marks_used
        .iter()
        .map(|m| {
            (
                mark_shape(*m, 7.0, 7.0, 1),
                mark_word(chart.language, *m).to_string(),
            )
        })
        .collect();
    let (legend_markup, legend_h) = legend(&items, g, axis_y + 34.0);
    let height = axis_y + 34.0 + legend_h.max(4.0);
    frame(
        chart,
        g,
        height,
        html! {
            defs { @for i in 0..band_labels.len() { (pattern(&pattern_id(chart, g, i), i)) } }
            @for band in &t.bands {
                @let (x0, x1) = (x(band.since), x(band.until) + plot_w / span);
                @let w = (x1.min(left + plot_w) - x0).max(1.0);
                g data-band=(band.label) data-since=(band.since.to_string()) data-until=(band.until.to_string()) {
                    title { (band.label) ": " (catalogue(chart.language).date(band.since)) " – " (catalogue(chart.language).date(band.until)) }
                    rect x=(n(x0)) y=(n(top)) width=(n(w)) height=(n(band_h)) fill={ "url(#" (band_pattern(&band.label)) ")" }
                        fill-opacity="0.55" stroke="#FFFFFF" stroke-width="1" {}
                    @if w > band.label.chars().count() as f64 * 7.0 + 8.0 {
                        text x=(n(x0 + 4.0)) y=(n(top + 16.0)) font-size="12" font-weight="bold" fill=(INK) { (band.label) }
                    }
                }
            }
            text x=(n(left - 6.0)) y=(n(top + 16.0)) font-size="12" text-anchor="end" fill=(INK) { (catalogue(chart.language).label(Label::Phase)) }
            @for (i, (date, label)) in months.iter().enumerate() {
                line x1=(n(x(*date))) x2=(n(x(*date))) y1=(n(lanes_top)) y2=(n(axis_y)) stroke=(GRID) {}
                // "Jan 2026": the month on the axis line, the year under it (no room beside).
                @let (month, year) = label.split_once(' ').unwrap_or((label.as_str(), ""));
                @if labelled(g, i, months.len()) {
                    text x=(n(x(*date) + 2.0)) y=(n(axis_y + 14.0)) font-size="12" fill=(INK) { (month) }
                }
                @if !year.is_empty() {
                    text x=(n(x(*date) + 2.0)) y=(n(axis_y + 26.0)) font-size="12" font-weight="bold" fill=(INK) { (year) }
                }
            }
            @for lane in Lane::ALL {
                line x1=(n(left)) x2=(n(g.w - right)) y1=(n(lane_y(lane))) y2=(n(lane_y(lane))) stroke=(GRID) stroke-dasharray="2 3" {}
                text x=(n(left - 6.0)) y=(n(lane_y(lane) + 4.0)) font-size="12" text-anchor="end" fill=(INK) { (lane_word(chart.language, lane)) }
            }
            line x1=(n(left)) x2=(n(g.w - right)) y1=(n(axis_y)) y2=(n(axis_y)) stroke=(INK) {}
            @for e in &t.events { (event(e, x(e.day), e.from.map(x), lane_y(e.lane), chart.language)) }
            (legend_markup)
        },
    )
}

fn event(e: &Event, x: f64, from: Option<f64>, y: f64, language: Language) -> Markup {
    html! {
        g data-lane=(e.lane.label()) data-mark=(e.mark.label()) data-day=(e.day.to_string())
            data-label=(e.label) data-count=(e.count) {
            title { (catalogue(language).date(e.day)) " " (mark_word(language, e.mark)) ": " (e.shown) @if e.count > 1 { " (×" (e.count) ")" } }
            @if let Some(x0) = from {
                line x1=(n(x0)) x2=(n(x)) y1=(n(y)) y2=(n(y)) stroke="#777777" stroke-width="1.5" {}
            }
            (mark_shape(e.mark, x, y, e.count))
        }
    }
}

/// A lane of the timeline in `language`.
fn lane_word(language: Language, lane: Lane) -> &'static str {
    catalogue(language).label(match lane {
        Lane::Contacts => Label::Contacts,
        Lane::Orders => Label::Orders,
        Lane::PromisesUs => Label::OurPromises,
        Lane::PromisesThem => Label::TheirPromises,
    })
}

/// A mark of the timeline in `language`, as its legend and tooltips say it.
fn mark_word(language: Language, mark: Mark) -> &'static str {
    let words = catalogue(language);
    let status = |s| words.status(s, false);
    match mark {
        Mark::Contact => words.label(Label::ContactMark),
        Mark::Order => words.label(Label::Order),
        Mark::Kept => status(PromiseStatus::Kept),
        Mark::Late => status(PromiseStatus::Late),
        Mark::Broken => status(PromiseStatus::Broken),
        Mark::Open => status(PromiseStatus::Open),
        Mark::Overdue => status(PromiseStatus::Overdue),
        Mark::Cancelled => status(PromiseStatus::Cancelled),
    }
}

/// The first day of each month after `since` up to `until`, labelled "Mar" (and "Jan 2026"),
/// or "mar" (and "gen 2026") in Italian.
fn month_starts(
    since: NaiveDate,
    until: NaiveDate,
    language: Language,
) -> Vec<(NaiveDate, String)> {
    let mut out = Vec::new();
    let mut day = since
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
    while let Some(d) = day {
        if d > until {
            break;
        }
        let mut label = catalogue(language).month(d.month0()).to_string();
        if d.month() == 1 {
            label.push(' ');
            label.push_str(&d.year().to_string());
        }
        out.push((d, label));
        day = d.checked_add_months(chrono::Months::new(1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(3.0), 5.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
        assert_eq!(nice_ceiling(11.0), 20.0);
        assert_eq!(nice_ceiling(201.0), 500.0);
        assert_eq!(axis_ticks(10.0), [0.0, 5.0, 10.0]);
        assert_eq!(axis_ticks(5.0), [0.0, 5.0]);
    }

    #[test]
    fn undefined_rates_break_the_line() {
        let s = RateSeries {
            name: "us".into(),
            points: vec![(1, 2), (0, 0), (1, 1), (2, 2), (0, 0)],
        };
        assert_eq!(defined_runs(&s), [vec![(0, 0.5)], vec![(2, 1.0), (3, 1.0)]]);
    }

    #[test]
    fn months_are_labelled_with_the_year_in_january() {
        let months = month_starts(d("2025-11-24"), d("2026-02-01"), Language::En);
        let labels: Vec<&str> = months.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["Dec", "Jan 2026", "Feb"]);
        let months = month_starts(d("2025-11-24"), d("2026-02-01"), Language::It);
        let labels: Vec<&str> = months.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["dic", "gen 2026", "feb"]);
    }

    #[test]
    fn alike_bar_labels_keep_their_ends() {
        let bar = |label: &str| Bar {
            label: label.into(),
            value: 1,
            mark: None,
            note: String::new(),
        };
        let rows = [
            bar("Idraulica Bianchi S.n.c. di Bianchi Andrea"),
            bar("Idraulica Bianchi S.n.c. di Bianchi Paolo"),
            bar("Rossi"),
        ];
        let labels = bar_labels(&rows, 22);
        assert_eq!(labels[0], "Idraulica B…chi Andrea");
        assert_ne!(labels[0], labels[1]);
        assert_eq!(labels[2], "Rossi");
        assert!(labels.iter().all(|l| l.chars().count() <= 22), "{labels:?}");
    }

    #[test]
    fn labels_are_shortened_and_numbers_short() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
    }

    #[test]
    fn text_in_charts_is_escaped() {
        let chart = Chart {
            name: "bars",
            title: "<b>t</b>".into(),
            caption: "a & b".into(),
            kind: ChartKind::Bars {
                rows: vec![Bar {
                    label: "<script>x</script>".into(),
                    value: 3,
                    mark: Some(2),
                    note: "\"q\"".into(),
                }],
            },
            language: Language::En,
        };
        let svg = draw(&chart).into_string();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;x&lt;/script&gt;"), "{svg}");
        assert!(svg.contains("a &amp; b"), "{svg}");
        assert!(
            svg.contains("data-label=\"&lt;script&gt;x&lt;/script&gt;\""),
            "{svg}"
        );
    }
}
