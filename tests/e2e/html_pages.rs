//! `report --format html` and `show --format html`, read back with a real HTML parser
//! (html5ever, through scraper): every section and chart is there, every figure a chart draws
//! equals the JSON's, hostile text stays text, and the page loads nothing from outside.

use crate::common;

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use common::Journal;

/// Text that would run, format or break out of an attribute if it were not escaped.
const HOSTILE: &str = r#"<script>alert("x")</script> & "quotes" 'single' <b>bold</b> <img src=https://evil.example/x.png>"#;

fn sel(selector: &str) -> Selector {
    Selector::parse(selector).unwrap_or_else(|e| panic!("selector {selector}: {e:?}"))
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> &'a str {
    e.value()
        .attr(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}: {}", e.value().name(), e.html()))
}

fn num(e: &ElementRef<'_>, name: &str) -> i64 {
    attr(e, name)
        .parse()
        .unwrap_or_else(|_| panic!("{name} is not a number in {}", e.html()))
}

fn all<'a>(doc: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(selector)).collect()
}

/// A journal whose texts are hostile and whose year has something for every chart.
fn journal() -> Journal {
    let j = Journal::new();
    let name = format!("Hostile {HOSTILE}");
    j.add(
        &name,
        &[
            "--id",
            "hostile",
            "--since",
            "2025-06-01",
            "--cadence",
            "7d",
        ],
    );
    for (day, channel) in [
        ("2026-09-02", "call"),
        ("2026-09-15", "email"),
        ("2026-10-01", "visit"),
        ("2026-10-01", "visit"),
        ("2026-10-20", "message"),
        ("2026-11-02", "meeting"),
    ] {
        // Two visits on one day with the same words are meant (--again).
        j.ok([
            "log",
            "hostile",
            HOSTILE,
            "--channel",
            channel,
            "--at",
            day,
            "--again",
        ]);
    }
    j.ok(["order", "hostile", "1200.50", "--at", "2026-07-10"]);
    j.ok(["order", "hostile", "300", "--at", "2026-10-05"]);
    let kept = j.promise(
        "hostile",
        HOSTILE,
        "2026-08-10",
        &["--at", "2026-08-01", "--by", "us"],
    );
    j.ok(["keep", &kept, "--at", "2026-08-09"]);
    let late = j.promise(
        "hostile",
        "Pay the invoice",
        "2026-09-10",
        &["--at", "2026-09-01", "--by", "them"],
    );
    j.ok(["keep", &late, "--at", "2026-09-14"]);
    let broken = j.promise(
        "hostile",
        "Call back",
        "2026-10-10",
        &["--at", "2026-10-01", "--by", "us"],
    );
    j.ok(["break", &broken, "--at", "2026-10-12"]);
    // Overdue on the as-of day, so the report lists it.
    j.promise(
        "hostile",
        "Send *samples* _now_ | fast",
        "2026-11-20",
        &["--at", "2026-11-10", "--by", "us"],
    );
    j.promise(
        "hostile",
        "Confirm the visit",
        "2026-12-05",
        &["--at", "2026-11-20", "--by", "them"],
    );
    // An internal agent: its kept promise stays out of the monthly rates, like the main ones.
    j.add(
        "Agent Smith",
        &[
            "--id",
            "agent",
            "--kind",
            "internal",
            "--since",
            "2026-01-01",
            "--cadence",
            "400d",
        ],
    );
    let agent = j.promise(
        "agent",
        "Expense report",
        "2026-08-20",
        &["--at", "2026-08-01", "--by", "us"],
    );
    j.ok(["keep", &agent, "--at", "2026-08-19"]);
    // A second customer: lost long ago, so past its cadence and worth a call.
    j.add("Quiet & Co", &["--id", "quiet", "--since", "2024-01-01"]);
    j.ok(["order", "quiet", "5000", "--at", "2024-02-01"]);
    j.ok(["log", "quiet", "Last call", "--at", "2024-03-01"]);
    j
}

fn page(j: &Journal, args: &[&str]) -> (String, Html, Value) {
    let mut html_args = args.to_vec();
    html_args.extend(["--format", "html"]);
    let text = j.ok(&html_args).stdout;
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json = j.json(&json_args);
    let doc = Html::parse_document(&text);
    (text, doc, json)
}

/// The page loads nothing: no element that fetches, no URL in an attribute that loads, no
/// style that imports; and the markup parses without errors.
fn assert_self_contained(text: &str, doc: &Html) {
    assert!(
        doc.errors.is_empty(),
        "the page does not parse cleanly: {:?}",
        doc.errors
    );
    for forbidden in [
        "script",
        "link",
        "iframe",
        "frame",
        "object",
        "embed",
        "img",
        "image",
        "base",
        "form",
        "video",
        "audio",
        "source",
        "use",
        "foreignObject",
    ] {
        assert!(
            all(doc, forbidden).is_empty(),
            "the page has a <{forbidden}> element"
        );
    }
    let loading = [
        "src",
        "href",
        "xlink:href",
        "srcset",
        "poster",
        "background",
        "action",
        "formaction",
        "ping",
    ];
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (name, value) in e.value().attrs() {
            assert!(
                !loading.contains(&name) && !name.starts_with("on"),
                "<{}> has a {name} attribute: {value}",
                e.value().name()
            );
            let lower = value.to_ascii_lowercase();
            let mut rest = lower.as_str();
            while let Some(at) = rest.find("url(") {
                rest = &rest[at + 4..];
                assert!(
                    rest.starts_with('#'),
                    "<{}> {name} refers to something outside the page: {value}",
                    e.value().name()
                );
            }
        }
    }
    for style in all(doc, "style") {
        let css: String = style.text().collect();
        assert!(
            !css.contains("@import") && !css.contains("url("),
            "the style sheet loads something: {css}"
        );
    }
    // Ids are unique, so every `url(#…)` and `aria-labelledby` points at one thing.
    let mut ids = std::collections::BTreeSet::new();
    for e in all(doc, "[id]") {
        let id = attr(&e, "id");
        assert!(ids.insert(id.to_string()), "the id {id} is used twice");
    }
    let meta_refresh = all(doc, "meta[http-equiv]");
    assert!(meta_refresh.is_empty(), "the page has a meta http-equiv");
    assert!(!text.contains("<script"), "raw <script in the page");
}

/// Every text node of the page, concatenated per element.
fn texts(doc: &Html, selector: &str) -> Vec<String> {
    all(doc, selector)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn report_page_has_every_section_and_chart_with_the_json_figures() {
    let j = journal();
    let (text, doc, json) = page(&j, &["report"]);
    assert_self_contained(&text, &doc);

    for id in [
        "facts",
        "overdue",
        "due_soon",
        "resolved",
        "chart-kept_rates_per_month",
        "kept_rates",
        "chart-past_cadence",
        "past_cadence",
        "chart-phase_counts",
        "phase_counts",
        "phase_changes",
        "reactivation",
        "chart-contacts_per_week",
        "contacts",
    ] {
        let found = all(&doc, &format!("section#{id}"));
        assert_eq!(found.len(), 1, "section {id}");
        let heading = found[0].select(&sel("h2")).count();
        assert!(id == "facts" || heading == 1, "section {id} has no heading");
    }
    for chart in [
        "kept_rates_per_month",
        "past_cadence",
        "phase_counts",
        "contacts_per_week",
    ] {
        let svg = all(
            &doc,
            &format!("section#chart-{chart} svg[data-chart={chart}]"),
        );
        assert_eq!(svg.len(), 1, "chart {chart}");
        assert!(attr(&svg[0], "viewBox").starts_with("0 0 "), "{chart}");
        let title = svg[0].select(&sel("title")).next();
        assert!(
            title.is_some(),
            "chart {chart} has no title for screen readers"
        );
    }

    // Contacts per week: one column per week, one segment per channel, totals on top.
    let weeks = json["charts"]["contacts_per_week"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    let columns = all(&doc, "svg[data-chart=contacts_per_week] g[data-index]");
    assert_eq!(columns.len(), 12);
    let mut drawn_total = 0;
    for (i, (column, week)) in columns.iter().zip(weeks).enumerate() {
        assert_eq!(num(column, "data-index"), i as i64);
        assert_eq!(num(column, "data-total"), week["total"].as_i64().unwrap());
        let until = week["until"].as_str().unwrap();
        assert_eq!(attr(column, "data-category"), &until[5..], "week {i}");
        let segments: BTreeMap<String, i64> = column
            .select(&sel("rect[data-series]"))
            .map(|r| (attr(&r, "data-series").to_string(), num(&r, "data-value")))
            .collect();
        let expected: BTreeMap<String, i64> = week["by_channel"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_i64().unwrap()))
            .filter(|(_, v)| *v > 0)
            .collect();
        assert_eq!(segments, expected, "week {i}");
        drawn_total += segments.values().sum::<i64>();
    }
    // Every contact of the last 12 weeks (2026-09-01 to 2026-11-23) is drawn: six
    // interactions and the October order.
    assert_eq!(drawn_total, 7, "contacts drawn");

    // Kept rates per month: a marker per month with a defined rate, with its counts.
    let months = json["charts"]["kept_rates_per_month"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let mut markers = 0;
    for (side, key) in [("us", "us"), ("them", "them")] {
        for (i, month) in months.iter().enumerate() {
            let counts = &month[key];
            let denominator = ["kept", "late", "broken", "overdue"]
                .iter()
                .map(|k| counts[k].as_i64().unwrap())
                .sum::<i64>();
            let found = all(
                &doc,
                &format!(
                    "svg[data-chart=kept_rates_per_month] g[data-series={side}][data-index=\"{i}\"]"
                ),
            );
            if counts["rate"].is_null() {
                assert!(found.is_empty(), "{side} {i}: a point without a rate");
                continue;
            }
            markers += 1;
            assert_eq!(found.len(), 1, "{side} month {i}");
            assert_eq!(
                num(&found[0], "data-kept"),
                counts["kept"].as_i64().unwrap()
            );
            assert_eq!(num(&found[0], "data-total"), denominator);
            let rate = counts["rate"].as_f64().unwrap();
            let title: String = found[0]
                .select(&sel("title"))
                .next()
                .unwrap()
                .text()
                .collect();
            assert!(
                title.contains(&format!("{:.0}%", rate * 100.0)),
                "{side} {i}: {title}"
            );
        }
    }
    assert_eq!(
        (
            months[8]["month"].as_str(),
            months[8]["us"]["kept"].as_i64()
        ),
        (Some("2026-08"), Some(1)),
        "August: the external promise kept, not the internal agent's"
    );
    assert_eq!(
        markers, 4,
        "months with kept rates (Aug us, Sep them, Oct us, Nov us overdue)"
    );

    // Phase counts and moves.
    for (phase, n) in json["phase_counts"].as_object().unwrap() {
        let bar = all(
            &doc,
            &format!("svg[data-chart=phase_counts] g[data-label={phase}]"),
        );
        assert_eq!(bar.len(), 1, "phase {phase}");
        assert_eq!(num(&bar[0], "data-value"), n.as_i64().unwrap(), "{phase}");
    }
    // The phase-moves chart only for a period with phase changes (the table says "no phase
    // changes" otherwise): this week has none, the whole history has some.
    assert_eq!(
        all(&doc, "section#chart-phase_moves").len(),
        usize::from(!json["phase_changes"].as_array().unwrap().is_empty())
    );
    let (_, doc, json) = page(&j, &["report", "--since", "2020-01-01"]);
    assert!(!json["phase_changes"].as_array().unwrap().is_empty());
    assert_eq!(all(&doc, "section#chart-phase_moves").len(), 1);
    let moves = &json["phase_change_counts"];
    for (label, key) in [
        ("new customers", "new_customers"),
        ("acquired", "acquisitions"),
        ("lost", "losses"),
        ("won back", "win_backs"),
        ("partner", "partners"),
        ("other", "other"),
    ] {
        let bar = all(
            &doc,
            &format!("svg[data-chart=phase_moves] g[data-label=\"{label}\"]"),
        );
        assert_eq!(bar.len(), 1, "move {label}");
        assert_eq!(num(&bar[0], "data-value"), moves[key].as_i64().unwrap());
    }

    // Past their cadence: one bar per customer, most overdue first, with the cadence mark.
    let past = json["past_cadence"].as_array().unwrap();
    assert_eq!(past.len(), 2, "both customers are past their cadence");
    let bars = all(&doc, "svg[data-chart=past_cadence] g[data-label]");
    assert_eq!(bars.len(), past.len());
    for (bar, row) in bars.iter().zip(past) {
        assert_eq!(attr(bar, "data-label"), row["name"].as_str().unwrap());
        assert_eq!(
            num(bar, "data-value"),
            row["days_since_contact"].as_i64().unwrap()
        );
        assert_eq!(num(bar, "data-mark"), row["cadence_days"].as_i64().unwrap());
    }

    // The facts and the contacts table say what the JSON says.
    let facts = texts(&doc, "section#facts td");
    assert_eq!(facts[0], json["customers"].as_i64().unwrap().to_string());
    let contacts: BTreeMap<String, String> = all(&doc, "section#contacts tbody tr")
        .iter()
        .map(|tr| {
            let cells: Vec<String> = tr.select(&sel("td")).map(|c| c.text().collect()).collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect();
    for (channel, n) in json["contacts_by_channel"].as_object().unwrap() {
        assert_eq!(contacts[channel], n.to_string(), "{channel}");
    }
    assert_eq!(contacts["total"], json["contacts_total"].to_string());

    // Hostile text is text: the name and the promise read as written, and nothing ran.
    let name = format!("Hostile {HOSTILE}");
    assert!(
        texts(&doc, "td").iter().any(|t| t == &name),
        "the customer's name is not shown as written"
    );
    assert!(
        texts(&doc, "td")
            .iter()
            .any(|t| t == "Send *samples* _now_ | fast")
    );
    assert!(
        all(&doc, "b").is_empty(),
        "a <b> from a summary became markup"
    );
}

#[test]
fn customer_page_timeline_matches_the_json() {
    let j = journal();
    let (text, doc, json) = page(&j, &["show", "hostile", "--all"]);
    assert_self_contained(&text, &doc);
    let chart = &json["chart"];
    for id in [
        "facts",
        "chart-timeline",
        "phase_timeline",
        "open_promises",
        "records",
    ] {
        assert_eq!(all(&doc, &format!("section#{id}")).len(), 1, "section {id}");
    }
    assert_eq!(all(&doc, "svg[data-chart=timeline]").len(), 1);

    let contacts: Vec<(String, String, i64)> = all(&doc, "svg[data-chart] g[data-lane=contacts]")
        .iter()
        .map(|g| {
            (
                attr(g, "data-day").to_string(),
                attr(g, "data-label").to_string(),
                num(g, "data-count"),
            )
        })
        .collect();
    let expected: Vec<(String, String, i64)> = chart["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["day"].as_str().unwrap().to_string(),
                c["channel"].as_str().unwrap().to_string(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(contacts, expected);
    assert!(expected.iter().any(|c| c.2 == 2), "two visits on one day");

    let orders: Vec<(String, f64)> = all(&doc, "svg[data-chart] g[data-lane=orders]")
        .iter()
        .map(|g| {
            (
                attr(g, "data-day").to_string(),
                attr(g, "data-label").parse().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, f64)> = chart["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["day"].as_str().unwrap().to_string(),
                o["amount"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(orders, expected);

    let promises: Vec<(String, String, String, String)> =
        all(&doc, "svg[data-chart] g[data-lane$=promises]")
            .iter()
            .map(|g| {
                (
                    attr(g, "data-label").to_string(),
                    attr(g, "data-lane").to_string(),
                    attr(g, "data-mark").to_string(),
                    attr(g, "data-day").to_string(),
                )
            })
            .collect();
    let expected: Vec<(String, String, String, String)> = chart["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let day = p["resolved_on"]
                .as_str()
                .unwrap_or_else(|| p["current_due"].as_str().unwrap());
            let lane = if p["by"] == "us" {
                "our promises"
            } else {
                "their promises"
            };
            (
                p["id"].as_str().unwrap().to_string(),
                lane.to_string(),
                p["status"].as_str().unwrap().to_string(),
                day.to_string(),
            )
        })
        .collect();
    assert_eq!(promises, expected);
    let marks: Vec<&str> = expected.iter().map(|p| p.2.as_str()).collect();
    for status in ["kept", "late", "broken", "overdue", "open"] {
        assert!(
            marks.contains(&status),
            "a {status} promise is drawn: {marks:?}"
        );
    }

    let bands: Vec<(String, String, String)> = all(&doc, "svg[data-chart] g[data-band]")
        .iter()
        .map(|g| {
            (
                attr(g, "data-band").to_string(),
                attr(g, "data-since").to_string(),
                attr(g, "data-until").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = chart["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["phase"].as_str().unwrap().to_string(),
                b["since"].as_str().unwrap().to_string(),
                b["until"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(bands, expected);
    assert!(!bands.is_empty());
    assert_eq!(bands[0].1, chart["since"].as_str().unwrap());
    assert_eq!(bands[bands.len() - 1].2, chart["until"].as_str().unwrap());

    // The summaries are shown as written, never as markup.
    let details = texts(&doc, "section#records td");
    assert!(
        details.iter().filter(|t| *t == HOSTILE).count() >= 6,
        "every hostile summary is shown as written"
    );
    for tag in ["b", "img", "script"] {
        assert!(all(&doc, tag).is_empty(), "<{tag}> from a summary");
    }
    let title: String = all(&doc, "title")[0].text().collect();
    assert!(title.starts_with(&format!("Hostile {HOSTILE}")), "{title}");
}

#[test]
fn other_reading_commands_write_their_tables_as_a_page() {
    let j = journal();
    for command in ["list", "promises"] {
        let (text, doc, _) = page(&j, &[command]);
        assert_self_contained(&text, &doc);
        let rows = all(&doc, "section tbody tr").len();
        assert!(rows >= 2, "{command}: {rows} rows");
    }
}

#[test]
fn markdown_escapes_summaries_and_keeps_lines_readable() {
    let j = journal();
    let long = "Discussed the whole catalogue again, item by item, with prices, delivery \
                times, payment terms, the warranty and the spare parts, for the third time";
    j.ok(["log", "hostile", long, "--at", "2026-11-20"]);
    j.promise(
        "quiet",
        "Prepare a complete written proposal covering every product line, with samples \
         and a visit to the factory",
        "2026-11-30",
        &["--at", "2026-11-20"],
    );
    for args in [
        vec!["report", "--format", "markdown"],
        vec!["show", "hostile", "--all", "--format", "markdown"],
        vec!["promises", "--format", "markdown"],
        vec!["list", "--format", "markdown"],
    ] {
        let out = j.ok(&args).stdout;
        for line in out.lines() {
            assert!(
                line.chars().count() < 200,
                "{args:?}: a line of {} characters: {line}",
                line.chars().count()
            );
            // Every markup character of a text is escaped.
            for raw in ["<script>", "<b>", "*samples*", "_now_", " | fast"] {
                assert!(!line.contains(raw), "{args:?}: unescaped {raw}: {line}");
            }
        }
        if args[0] == "show" {
            assert!(
                out.contains(r#"\<script\>alert("x")\</script\> & "quotes""#),
                "{out}"
            );
            assert!(out.contains(r"Send \*samples\* \_now\_ \| fast"), "{out}");
        }
    }
}

#[test]
fn an_empty_journal_gives_a_whole_page_that_says_so() {
    let j = Journal::new();
    let (text, doc, json) = page(&j, &["report"]);
    assert_self_contained(&text, &doc);
    assert_eq!(json["customers"], 0);
    // Nobody is past their cadence: the table says so, and no empty chart stands above it.
    assert!(all(&doc, "section#chart-past_cadence").is_empty());
    let past: String = all(&doc, "section#past_cadence p")[0].text().collect();
    assert_eq!(past, "everyone heard from you in time");
    // Nor a phase-moves chart of no moves.
    assert!(all(&doc, "section#chart-phase_moves").is_empty());
    for chart in ["kept_rates_per_month", "phase_counts", "contacts_per_week"] {
        assert_eq!(
            all(&doc, &format!("svg[data-chart={chart}]")).len(),
            1,
            "{chart}"
        );
    }
    assert!(all(&doc, "svg[data-chart=kept_rates_per_month] g[data-series]").is_empty());
    for column in all(&doc, "svg[data-chart=contacts_per_week] g[data-index]") {
        assert_eq!(num(&column, "data-total"), 0);
    }
}
