//! The HTML pages in a real browser: headless Chromium (Debian's `chromium`, installed by
//! `.ci/run` when missing) renders the report and a customer page at 360, 390 and 1200 pixels
//! and on paper. Nothing may make the page scroll sideways, every chart must have a box to be
//! seen in; on a phone no table may scroll inside its box, chart text is at least 11 pixels
//! and no date breaks across lines. The screenshots land in `target/browser-screenshots/` for
//! a person to look at.
//!
//! Without a browser this test fails and says how to install one. `COLTIVA_SKIP_BROWSER=1`
//! skips it on purpose (for a machine that cannot have one); CI never sets it.

// Unix only: Chromium is driven over the DevTools pipe on descriptors 3 and 4 (fork, dup2).
#![cfg(unix)]

#[path = "browser/cdp.rs"]
mod cdp;
use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

use common::{Journal, Run, coltiva, example_dir};

/// Widths of two phones and of a desktop window.
const WIDTHS: [u32; 3] = [360, 390, 1200];
/// The printable width of an A4 page with 1 cm margins, in CSS pixels (96 per inch).
const A4_PRINT_WIDTH: u32 = 718;

fn browser_or_explain() -> Option<PathBuf> {
    if std::env::var_os("COLTIVA_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("COLTIVA_SKIP_BROWSER=1: the browser test is skipped on purpose");
        return None;
    }
    match cdp::find_browser() {
        Some(path) => Some(path),
        None => panic!(
            "no Chromium found for the browser test: install it (Debian: `apt-get install -y chromium`), \
             or point COLTIVA_CHROMIUM at one, or set COLTIVA_SKIP_BROWSER=1 to skip this test on purpose"
        ),
    }
}

/// Writes the report and a customer page of the bundled example journal to `dir`.
fn example_pages(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let journal = example_dir();
    let mut pages = Vec::new();
    for (name, args) in [
        ("report", vec!["report", "--format", "html"]),
        (
            "show",
            vec!["show", "idrotermica-rossi", "--format", "html"],
        ),
    ] {
        // `coltiva` runs as of common::TODAY, the day the example's README screenshot shows.
        let mut cmd = coltiva(&journal);
        cmd.args(&args);
        let run = Run::of(&mut cmd).ok();
        let path = dir.join(format!("{name}.html"));
        std::fs::write(&path, run.stdout).expect("writing the page");
        pages.push((name, path));
    }
    pages
}

/// Pages of a journal whose texts are long and unbroken (a name of 120 letters, a summary that
/// is one long link), the worst case for a phone's width; and markup that must stay text.
fn long_text_pages(j: &Journal, dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let name = format!("Costruzioni{}", "x".repeat(110));
    j.add(
        &name,
        &["--id", "long", "--since", "2026-01-01", "--cadence", "7d"],
    );
    let link = format!("https://example.com/{}", "a".repeat(150));
    j.ok(["log", "long", &link, "--at", "2026-10-01"]);
    j.ok([
        "log",
        "long",
        "<script>alert(1)</script><b>bold</b>",
        "--at",
        "2026-10-02",
    ]);
    j.ok(["order", "long", "123456789.99", "--at", "2026-10-03"]);
    j.promise("long", &link, "2026-11-01", &["--at", "2026-10-04"]);
    let mut pages = Vec::new();
    for (name, args) in [
        ("long-report", vec!["report", "--format", "html"]),
        (
            "long-show",
            vec!["show", "long", "--all", "--format", "html"],
        ),
    ] {
        let path = dir.join(format!("{name}.html"));
        std::fs::write(&path, j.ok(&args).stdout).expect("writing the page");
        pages.push((name, path));
    }
    pages
}

fn screenshots_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is target/tmp: the screenshots go beside it, under target/.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .join("browser-screenshots");
    std::fs::create_dir_all(&dir).expect("creating target/browser-screenshots");
    dir
}

/// What the page measures: its width, the elements that stick out past the right edge (inside a
/// scroll box that is allowed), every chart's box, and anything the page fetched.
const MEASURE: &str = r#"JSON.stringify({
  scrollWidth: document.documentElement.scrollWidth,
  bodyScrollWidth: document.body.scrollWidth,
  innerWidth: window.innerWidth,
  charts: Array.from(document.querySelectorAll('svg')).filter(s => s.getClientRects().length > 0).map(s => {
    const r = s.getBoundingClientRect();
    // The smallest text as shown: its font size times the drawing's scale.
    const scale = r.width / s.viewBox.baseVal.width;
    const sizes = Array.from(s.querySelectorAll('text'))
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {chart: s.getAttribute('data-chart') || s.getAttribute('data-chart-phone'),
      width: r.width, height: r.height, smallest_text: sizes.length ? Math.min(...sizes) : 99};
  }),
  // Tables whose content is wider than their box (scrolling inside it).
  tables_overflowing: Array.from(document.querySelectorAll('table'))
    .filter(t => t.getClientRects().length > 0)
    .filter(t => t.scrollWidth > t.clientWidth + 1
      || (t.parentElement.hasAttribute('data-scroll')
          && t.parentElement.scrollWidth > t.parentElement.clientWidth + 1))
    .map(t => (t.closest('section') || t).id + ' ' + t.scrollWidth + '>' + t.clientWidth),
  // Dates (YYYY-MM-DD) shown on more than one line.
  broken_dates: (() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\d{4}-\d{2}-\d{2}/g;
      let m;
      while ((m = re.exec(node.textContent)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + 10);
        const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0] + ' in ' + node.textContent.slice(0, 60));
      }
    }
    return out.slice(0, 5);
  })(),
  sticking_out: Array.from(document.querySelectorAll('body *'))
    .filter(e => {
      const w = document.documentElement.clientWidth + 0.5;
      // The outermost elements past the right edge: the culprits, not their contents.
      return e.getBoundingClientRect().right > w && e.parentElement.getBoundingClientRect().right <= w;
    })
    .slice(0, 5)
    .map(e => e.tagName + ' ' + (e.id || '') + ' ' + (e.textContent || '').slice(0, 60)),
  resources: performance.getEntriesByType('resource').map(e => e.name)
})"#;

struct Measure {
    scroll_width: f64,
    /// Each chart shown: its name, width, height and smallest text in pixels.
    charts: Vec<(String, f64, f64, f64)>,
    raw: Value,
}

fn measure(browser: &mut cdp::Browser, session: &str) -> Measure {
    let text = browser.evaluate(session, MEASURE);
    let raw: Value = serde_json::from_str(text.as_str().expect("a JSON string")).expect("JSON");
    let scroll_width = raw["scrollWidth"]
        .as_f64()
        .expect("scrollWidth")
        .max(raw["bodyScrollWidth"].as_f64().expect("body scrollWidth"));
    let charts = raw["charts"]
        .as_array()
        .expect("charts")
        .iter()
        .map(|c| {
            (
                c["chart"].as_str().unwrap_or("?").to_string(),
                c["width"].as_f64().unwrap_or(0.0),
                c["height"].as_f64().unwrap_or(0.0),
                c["smallest_text"].as_f64().unwrap_or(0.0),
            )
        })
        .collect();
    Measure {
        scroll_width,
        charts,
        raw,
    }
}

/// Loads `url` in `session` at `width` CSS pixels (a phone below 600) and waits for the load.
fn load(browser: &mut cdp::Browser, session: &str, url: &str, width: u32) {
    browser.call(
        Some(session),
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
    );
    browser.call(Some(session), "Page.enable", json!({}));
    browser.call(Some(session), "Page.navigate", json!({"url": url}));
    browser.wait_event(session, "Page.loadEventFired");
}

/// A picture of the page from its top, `max_height` pixels at most (`None`: all of it).
fn screenshot(
    browser: &mut cdp::Browser,
    session: &str,
    width: u32,
    max_height: Option<f64>,
    path: &Path,
) {
    let metrics = browser.call(Some(session), "Page.getLayoutMetrics", json!({}));
    let height = metrics["cssContentSize"]["height"]
        .as_f64()
        .expect("content height")
        .min(max_height.unwrap_or(f64::MAX));
    let shot = browser.call(
        Some(session),
        "Page.captureScreenshot",
        json!({
            "format": "png",
            "captureBeyondViewport": true,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        }),
    );
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().expect("screenshot data"))
        .expect("base64");
    assert!(
        png.starts_with(b"\x89PNG"),
        "the screenshot is not a PNG image"
    );
    std::fs::write(path, png).expect("writing the screenshot");
}

fn check_layout(m: &Measure, page: &str, width: u32, medium: &str) {
    assert!(
        m.scroll_width <= f64::from(width),
        "{page} at {width}px ({medium}) scrolls sideways: the page is {}px wide; sticking out: {}",
        m.scroll_width,
        m.raw["sticking_out"]
    );
    assert!(
        !m.charts.is_empty(),
        "{page} at {width}px ({medium}) shows no chart"
    );
    for (chart, w, h, _) in &m.charts {
        assert!(
            *w >= 100.0 && *h >= 20.0,
            "{page} at {width}px ({medium}): chart {chart} has a box of {w}×{h}px, too small to see"
        );
        assert!(
            *w <= f64::from(width),
            "{page} at {width}px ({medium}): chart {chart} is {w}px wide, wider than the page"
        );
    }
    assert_eq!(
        m.raw["resources"],
        json!([]),
        "{page} loaded something from outside"
    );
}

/// On a phone: no table wider than its box (they are stacked cards), chart text at least
/// 11 pixels, no date broken across lines.
fn check_phone(m: &Measure, page: &str, width: u32) {
    assert_eq!(
        m.raw["tables_overflowing"],
        json!([]),
        "{page} at {width}px: tables scroll sideways inside their box"
    );
    for (chart, _, _, smallest) in &m.charts {
        assert!(
            *smallest >= 11.0,
            "{page} at {width}px: chart {chart} has text of {smallest:.1}px (at least 11 wanted)"
        );
    }
    assert_eq!(
        m.raw["broken_dates"],
        json!([]),
        "{page} at {width}px: a date is broken across lines"
    );
}

#[test]
fn example_pages_fit_phone_desktop_and_paper_in_chromium() {
    let Some(executable) = browser_or_explain() else {
        return;
    };
    let work = tempfile::tempdir().expect("a temporary folder");
    let long = Journal::new();
    let mut pages = example_pages(work.path());
    pages.extend(long_text_pages(&long, work.path()));
    let shots = screenshots_dir();
    let mut browser = cdp::Browser::launch(&executable, Duration::from_secs(120));
    for (page, path) in &pages {
        let url = format!("file://{}", path.display());
        // The long journal has no phase change in the period: no phase-moves chart.
        let expected_charts = match *page {
            "report" => 5,
            "long-report" => 4,
            _ => 1,
        };
        for width in WIDTHS {
            let (target, session) = browser.new_page();
            load(&mut browser, &session, &url, width);
            let m = measure(&mut browser, &session);
            check_layout(&m, page, width, "screen");
            assert_eq!(
                m.charts.len(),
                expected_charts,
                "{page}: charts {:?}",
                m.charts
            );
            if width < 600 {
                check_phone(&m, page, width);
            }
            let shot = shots.join(format!("{page}-{width}.png"));
            screenshot(&mut browser, &session, width, None, &shot);
            if width == 390 {
                // The first screen of a phone (an iPhone's 390×844), for docs/HTML.md.
                let first = shots.join(format!("{page}-phone.png"));
                screenshot(&mut browser, &session, width, Some(844.0), &first);
            }
            browser.call(None, "Target.closeTarget", json!({"targetId": target}));
        }
        // On paper: print media at the width of an A4 page, and a PDF that is not empty.
        let (target, session) = browser.new_page();
        load(&mut browser, &session, &url, A4_PRINT_WIDTH);
        browser.call(
            Some(&session),
            "Emulation.setEmulatedMedia",
            json!({"media": "print"}),
        );
        let m = measure(&mut browser, &session);
        check_layout(&m, page, A4_PRINT_WIDTH, "print");
        let pdf = browser.call(
            Some(&session),
            "Page.printToPDF",
            json!({"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": true}),
        );
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(pdf["data"].as_str().expect("PDF data"))
            .expect("base64");
        assert!(
            pdf.starts_with(b"%PDF") && pdf.len() > 10_000,
            "{page}: the printed PDF is empty or not a PDF ({} bytes)",
            pdf.len()
        );
        std::fs::write(shots.join(format!("{page}.pdf")), pdf).expect("writing the PDF");
        browser.call(None, "Target.closeTarget", json!({"targetId": target}));
    }
}
