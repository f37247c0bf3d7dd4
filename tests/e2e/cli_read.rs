//! End-to-end tests of the reading commands (show, list, promises, report, and plain `coltiva`)
//! in every format, on the fixture journal of `common::fixture`, as of 2026-11-23.

use crate::common;

use serde_json::{Value, json};

use common::{Fixture, Journal, Run, fixture};

const FORMATS: [&str; 4] = ["table", "markdown", "json", "csv"];

/// Parses CSV output; every record must have as many fields as the header.
#[track_caller]
fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a CSV header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("bad CSV ({e}):\n{text}"))
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (header, rows)
}

fn ids(rows: &Value) -> Vec<String> {
    rows.as_array()
        .expect("an array")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}

/// The customer ids of `list` with extra arguments, from its JSON.
fn listed(f: &Fixture, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(extra);
    ids(&f.journal.json(&args))
}

/// The placeholders of the promises `promises` lists with extra arguments, in order.
fn promised(f: &Fixture, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["promises", "--format", "json"];
    args.extend_from_slice(extra);
    let rows = f.journal.json(&args);
    ids(&rows).iter().map(|id| f.stable(id)).collect()
}

#[test]
fn every_reading_command_succeeds_in_every_format() {
    let f = fixture();
    let j = &f.journal;
    let commands: [&[&str]; 6] = [
        &["show", "acme"],
        &["show", "acme", "--all"],
        &["list"],
        &["promises"],
        &["report"],
        &["report", "--since", "2026-01-01", "--until", "2026-12-31"],
    ];
    for command in commands {
        let default = j.ok(command);
        for format in FORMATS {
            let mut args = command.to_vec();
            args.extend(["--format", format]);
            let run = j.ok(&args);
            assert_eq!(run.stderr, "", "{args:?} writes nothing on stderr");
            assert!(!run.stdout.is_empty(), "{args:?}");
            assert!(
                !run.stdout.contains('\u{1b}'),
                "{args:?}: no escape sequences with NO_COLOR and no terminal"
            );
            match format {
                "json" => {
                    serde_json::from_str::<Value>(&run.stdout)
                        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e})"));
                }
                "csv" => {
                    let (header, rows) = csv_rows(&run.stdout);
                    assert!(!header.is_empty() && !rows.is_empty(), "{args:?}");
                }
                "table" => assert_eq!(run.stdout, default.stdout, "table is the default"),
                _ => assert!(run.stdout.starts_with("# "), "{args:?}: a markdown title"),
            }
        }
    }
    // `coltiva` alone is the report.
    let plain = j.ok(Vec::<&str>::new());
    assert_eq!(plain.stdout, j.ok(["report"]).stdout);
    assert!(
        plain
            .stdout
            .starts_with("Weekly review 2026-11-17 – 2026-11-23 (as of 2026-11-23)")
    );
}

#[test]
fn list_json_carries_the_contract_fields() {
    let f = fixture();
    let list = f.journal.json(["list", "--format", "json"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let fields = [
        "id",
        "name",
        "kind",
        "phase",
        "tags",
        "since",
        "orders",
        "order_total",
        "first_order",
        "last_order",
        "first_contact",
        "last_contact",
        "contact_days",
        "days_since_contact",
        "mean_gap_days",
        "max_gap_days",
        "cadence_days",
        "overdue_days",
        "promises_us",
        "promises_them",
    ];
    let counts = [
        "kept",
        "late",
        "broken",
        "overdue",
        "open",
        "cancelled",
        "rate",
    ];
    for row in rows {
        for field in fields {
            assert!(row.get(field).is_some(), "{field} missing in {row}");
        }
        for side in ["promises_us", "promises_them"] {
            for count in counts {
                assert!(
                    row[side].get(count).is_some(),
                    "{side}.{count} missing in {row}"
                );
            }
        }
    }
    let acme = &rows[0];
    assert_eq!(acme["id"], "acme");
    assert_eq!(acme["name"], "ACME S.r.l.");
    assert_eq!(acme["kind"], "external");
    assert_eq!(acme["phase"], "acquired");
    assert_eq!(acme["tags"], json!(["b2b", "vip"]));
    assert_eq!(acme["since"], "2024-03-01");
    assert_eq!(acme["orders"], 3);
    assert_eq!(acme["order_total"], json!(5850.9));
    assert_eq!(acme["first_order"], "2024-04-10");
    assert_eq!(acme["last_order"], "2026-09-30");
    // Orders are contacts; the note of 2026-11-20 is not.
    assert_eq!(acme["first_contact"], "2024-04-10");
    assert_eq!(acme["last_contact"], "2026-11-18");
    assert_eq!(acme["contact_days"], 6);
    assert_eq!(acme["days_since_contact"], 5);
    // (2026-11-18 − 2024-04-10) / (6 − 1) = 952 / 5; longest silence 2025-02-14 → 2026-09-30.
    assert_eq!(acme["mean_gap_days"], json!(190.4));
    assert_eq!(acme["max_gap_days"], 593);
    assert_eq!(acme["cadence_days"], 14);
    assert_eq!(acme["overdue_days"], 0);
    assert_eq!(
        acme["promises_us"],
        json!({"kept": 1, "late": 1, "broken": 0, "overdue": 1, "open": 1, "cancelled": 0,
               "rate": 1.0 / 3.0})
    );
    assert_eq!(
        acme["promises_them"],
        json!({"kept": 1, "late": 0, "broken": 0, "overdue": 0, "open": 0, "cancelled": 0,
               "rate": 1.0})
    );

    let by_id = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    let caffe = by_id("caffe-nero");
    assert_eq!(caffe["phase"], "potential");
    assert_eq!(caffe["orders"], 0);
    // Whole amounts are JSON integers.
    assert_eq!(caffe["order_total"], json!(0));
    assert_eq!(caffe["first_order"], Value::Null);
    // Two contact days: the gaps are defined. Their promise was cancelled after its due date:
    // broken, not cancelled (PRODUCT.md §8.3).
    assert_eq!(caffe["contact_days"], 2);
    assert_eq!(caffe["promises_them"]["cancelled"], 0);
    assert_eq!(caffe["promises_them"]["broken"], 1);
    assert_eq!(caffe["promises_them"]["rate"], json!(0.0));
    assert_eq!(caffe["promises_us"]["rate"], Value::Null);
    let rossi = by_id("rossi-impianti");
    assert_eq!(rossi["phase"], "lost");
    assert_eq!(rossi["days_since_contact"], 448);
    assert_eq!(rossi["overdue_days"], 418);
    assert_eq!(rossi["promises_them"]["rate"], json!(0.0));
    let bellini = by_id("bellini");
    assert_eq!(bellini["kind"], "internal");
    assert_eq!(bellini["phase"], "internal"); // internal customers have no lifecycle phase
    assert_eq!(bellini["contact_days"], 1);
    assert_eq!(bellini["mean_gap_days"], Value::Null);
    assert_eq!(bellini["max_gap_days"], Value::Null);
    assert_eq!(bellini["promises_them"]["late"], 1);
    let unal = by_id("unal-sohne");
    assert_eq!(unal["name"], "Ünal & Söhne GmbH");
    assert_eq!(unal["phase"], "new");
    assert_eq!(unal["order_total"], json!(1079.99));
    assert_eq!(unal["promises_us"]["broken"], 1);
}

#[test]
fn list_filters_and_sorts() {
    let f = fixture();
    let all = [
        "acme",
        "caffe-nero",
        "bellini",
        "rossi-impianti",
        "unal-sohne",
    ];
    assert_eq!(
        listed(&f, &[]),
        all,
        "by name (accent-insensitive) by default"
    );
    assert_eq!(listed(&f, &["--sort", "name"]), all);
    for (extra, expected) in [
        (&["--phase", "lost"][..], &["rossi-impianti"][..]),
        (&["--phase", "potential"], &["caffe-nero"]),
        (&["--phase", "new"], &["unal-sohne"]),
        (&["--phase", "acquired"], &["acme"]),
        (&["--phase", "partner"], &[]), // bellini, pinned partner, is internal
        (&["--tag", "b2b"], &["acme"]),
        (&["--tag", "agent"], &["bellini"]),
        (&["--tag", "nobody-has-it"], &[]),
        (&["--kind", "internal"], &["bellini"]),
        (
            &["--kind", "external"],
            &["acme", "caffe-nero", "rossi-impianti", "unal-sohne"],
        ),
        (&["--overdue"], &["bellini", "rossi-impianti"]),
        (&["--overdue", "--kind", "external"], &["rossi-impianti"]),
        (
            &["--sort", "id"],
            &[
                "acme",
                "bellini",
                "caffe-nero",
                "rossi-impianti",
                "unal-sohne",
            ],
        ),
        (
            &["--sort", "overdue"],
            &[
                "rossi-impianti",
                "bellini",
                "acme",
                "caffe-nero",
                "unal-sohne",
            ],
        ),
        (
            &["--sort", "gap"],
            &[
                "rossi-impianti",
                "bellini",
                "acme",
                "caffe-nero",
                "unal-sohne",
            ],
        ),
        // Our kept rate, lowest first, undefined last.
        (
            &["--sort", "rate"],
            &[
                "unal-sohne",
                "acme",
                "bellini",
                "caffe-nero",
                "rossi-impianti",
            ],
        ),
        (
            &["--sort", "total"],
            &[
                "acme",
                "rossi-impianti",
                "unal-sohne",
                "bellini",
                "caffe-nero",
            ],
        ),
        (
            &["--sort", "phase"],
            &[
                "caffe-nero",
                "unal-sohne",
                "acme",
                "rossi-impianti",
                "bellini",
            ],
        ),
        (
            &["--overdue", "--sort", "gap"],
            &["rossi-impianti", "bellini"],
        ),
    ] {
        assert_eq!(listed(&f, extra), expected, "list {extra:?}");
    }
    // The same rows in CSV, with the JSON fields flattened.
    let run = f.journal.ok(["list", "--format", "csv", "--sort", "id"]);
    let (header, rows) = csv_rows(&run.stdout);
    assert_eq!(&header[..4], ["id", "name", "kind", "phase"]);
    assert!(header.contains(&"us_rate".to_string()));
    let rows: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        rows,
        [
            "acme",
            "bellini",
            "caffe-nero",
            "rossi-impianti",
            "unal-sohne"
        ]
    );
    // Markdown and table say so when nothing matches.
    let run = f
        .journal
        .ok(["list", "--tag", "nobody-has-it", "--format", "markdown"]);
    assert!(
        run.stdout.contains("_no customers match_"),
        "{}",
        run.stdout
    );
}

#[test]
fn promises_filters() {
    let f = fixture();
    // Sorted by current due date, ours first on the same day.
    assert_eq!(
        promised(&f, &[]),
        [
            "PID_06", "PID_08", "PID_11", "PID_05", "PID_01", "PID_03", "PID_02", "PID_10",
            "PID_09", "PID_04", "PID_07"
        ]
    );
    for (extra, expected) in [
        // --open is every unresolved promise, overdue included (PRODUCT.md §8.2).
        (
            &["--open"][..],
            &["PID_03", "PID_09", "PID_04", "PID_07"][..],
        ),
        (&["--overdue"], &["PID_03"]),
        (&["--upcoming"], &["PID_09", "PID_04", "PID_07"]),
        (&["--open", "--overdue"], &["PID_03"]),
        (
            &["--by", "us"],
            &[
                "PID_11", "PID_01", "PID_03", "PID_02", "PID_09", "PID_04", "PID_07",
            ],
        ),
        (&["--by", "them"], &["PID_06", "PID_08", "PID_05", "PID_10"]),
        (&["--due-within", "7"], &["PID_03", "PID_09", "PID_04"]),
        (&["--due-within", "0"], &["PID_03", "PID_09"]),
        (
            &["--due-within", "30", "--upcoming"],
            &["PID_09", "PID_04", "PID_07"],
        ),
        (&["--overdue", "--by", "them"], &[]),
        // A window beyond the calendar's end holds every unresolved promise (no panic).
        (
            &["--due-within", "4294967295"],
            &["PID_03", "PID_09", "PID_04", "PID_07"],
        ),
    ] {
        assert_eq!(promised(&f, extra), expected, "promises {extra:?}");
    }
    let rows = f.journal.json(["promises", "--format", "json"]);
    let row = |label: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == f.id(label))
            .unwrap()
            .clone()
    };
    let p2 = row("PID_02");
    assert_eq!(p2["customer"], "acme");
    assert_eq!(p2["due"], "2026-11-13");
    assert_eq!(p2["current_due"], "2026-11-20");
    assert_eq!(p2["renegotiations"], 1);
    assert_eq!(p2["status"], "late");
    assert_eq!(p2["resolved_on"], "2026-11-21");
    let p3 = row("PID_03");
    assert_eq!(p3["status"], "overdue");
    assert_eq!(p3["days_overdue"], 6);
    assert_eq!(p3["days_left"], Value::Null);
    let p4 = row("PID_04");
    assert_eq!(p4["status"], "open");
    assert_eq!(p4["days_left"], 4);
    assert_eq!(row("PID_06")["status"], "broken");
    assert_eq!(row("PID_08")["status"], "broken"); // cancelled after its due date
    assert_eq!(row("PID_09")["days_left"], 0);
    assert_eq!(row("PID_10")["status"], "late");
    assert_eq!(row("PID_11")["status"], "broken");
    // CSV: one row per promise.
    let run = f.journal.ok(["promises", "--format", "csv", "--overdue"]);
    let (header, rows) = csv_rows(&run.stdout);
    assert_eq!(&header[..3], ["customer", "customer_name", "id"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][..3], ["acme", "ACME S.r.l.", f.id("PID_03")]);
}

#[test]
fn show_explains_one_customer() {
    let f = fixture();
    let j = &f.journal;
    let show = j.json(["show", "acme", "--format", "json"]);
    assert_eq!(show["as_of"], "2026-11-23");
    assert_eq!(show["id"], "acme");
    assert_eq!(show["phase"], "acquired");
    assert_eq!(show["phase_since"], "2026-09-30");
    assert_eq!(show["attributes"], json!({"territory": "Milano"}));
    let timeline = show["phase_timeline"].as_array().unwrap();
    let moves: Vec<(String, bool)> = timeline
        .iter()
        .map(|c| (c["to"].as_str().unwrap().to_string(), c["won_back"] == true))
        .collect();
    assert_eq!(
        moves,
        [
            ("potential".to_string(), false),
            ("new".to_string(), false),
            ("acquired".to_string(), false),
            ("lost".to_string(), false),
            ("acquired".to_string(), true),
        ]
    );
    assert_eq!(show["promises"].as_array().unwrap().len(), 5);
    assert_eq!(show["weekly_contacts"].as_array().unwrap().len(), 52);
    // 3 orders, 4 interactions, 5 promises, 4 resolutions: the 15 most recent by default.
    assert_eq!(show["records_total"], 16);
    let records = show["records"].as_array().unwrap();
    assert_eq!(records.len(), 15);
    assert_eq!(records[0]["day"], "2025-02-14");
    assert_eq!(records[14]["day"], "2026-11-21");
    let all = j.json(["show", "acme", "--all", "--format", "json"]);
    let records = all["records"].as_array().unwrap();
    assert_eq!(records.len(), 16);
    assert_eq!(records[0]["day"], "2024-04-10");
    assert_eq!(records[0]["kind"], "order");
    let email = records
        .iter()
        .find(|r| r["label"] == "email in")
        .expect("the email");
    assert_eq!(email["at"], "2026-11-10 09:15+01:00");
    // By name, and as of another day: records after it are ignored.
    let earlier = Run::of(
        j.cmd_on("2026-11-01")
            .args(["show", "Söhne", "--format", "json"]),
    )
    .ok();
    let earlier: Value = serde_json::from_str(&earlier.stdout).unwrap();
    assert_eq!(earlier["id"], "unal-sohne");
    assert_eq!(earlier["orders"], 1);
    assert_eq!(earlier["records_total"], 3);
    // Table and markdown carry the phase receipt.
    let table = j.ok(["show", "acme"]).stdout;
    assert!(
        table.starts_with("ACME S.r.l. — as of 2026-11-23\n"),
        "{table}"
    );
    assert!(table.contains(&format!(
        "[{}] Call back about the discount",
        f.id("PID_03")
    )));
    let markdown = j.ok(["show", "acme", "--format", "markdown"]).stdout;
    assert!(
        markdown.starts_with("# ACME S.r.l. — as of 2026-11-23\n"),
        "{markdown}"
    );
}

#[test]
fn report_default_week_and_explicit_periods() {
    let f = fixture();
    let j = &f.journal;
    let week = j.json(["report", "--week", "--format", "json"]);
    assert_eq!(week["as_of"], "2026-11-23");
    assert_eq!(
        week["period"],
        json!({"since": "2026-11-23", "until": "2026-11-29"})
    );
    assert_eq!(week["customers"], 5);
    let labels =
        |rows: &Value| -> Vec<String> { ids(rows).iter().map(|id| f.stable(id)).collect() };
    // Ours first.
    assert_eq!(labels(&week["due_soon"]), ["PID_09", "PID_04"]);
    assert_eq!(labels(&week["overdue"]), ["PID_03"]);
    assert_eq!(labels(&week["resolved"]), ["PID_10"]);
    let customers = |rows: &Value| -> Vec<String> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["customer"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        customers(&week["past_cadence"]),
        ["rossi-impianti", "bellini"]
    );
    assert_eq!(customers(&week["reactivation"]), ["rossi-impianti"]);
    // bellini is internal: a colleague has promises and a cadence, but no place in the sales
    // life cycle, so the phase figures leave him out (his pin as partner included).
    assert_eq!(week["internal_customers"], 1);
    assert_eq!(
        week["phase_counts"],
        json!({"potential": 1, "new": 1, "acquired": 1, "partner": 0, "lost": 1})
    );
    assert_eq!(customers(&week["phase_changes"]), Vec::<String>::new());
    assert_eq!(week["contacts_by_channel"], json!({"order": 1}));
    assert_eq!(week["contacts_total"], 1);

    // October, reported as it stood on its last day.
    let october = j.json([
        "report",
        "--since",
        "2026-10-01",
        "--until",
        "2026-10-31",
        "--format",
        "json",
    ]);
    assert_eq!(october["as_of"], "2026-10-31");
    assert_eq!(labels(&october["resolved"]), ["PID_08", "PID_05", "PID_11"]);
    assert_eq!(
        october["contacts_by_channel"],
        json!({"meeting": 1, "order": 1})
    );
    assert_eq!(october["phase_change_counts"]["new_customers"], 1);
    assert_eq!(customers(&october["phase_changes"]), ["unal-sohne"]);
    assert_eq!(october["kept_rates"]["period_them"]["kept"], 1);

    // --since alone runs to today; words work.
    let since = j.json(["report", "--since", "-3w", "--format", "json"]);
    assert_eq!(
        since["period"],
        json!({"since": "2026-11-02", "until": "2026-11-23"})
    );
    assert_eq!(labels(&since["resolved"]), ["PID_01", "PID_02", "PID_10"]);

    // The long-form CSV of the report parses and names its sections.
    let run = j.ok(["report", "--format", "csv"]);
    let (header, rows) = csv_rows(&run.stdout);
    assert_eq!(header, ["section", "row", "column", "value"]);
    for section in ["facts", "due_soon", "overdue", "kept_rates", "phase_counts"] {
        assert!(rows.iter().any(|r| r[0] == section), "no {section} in CSV");
    }
}

#[test]
fn reading_commands_refuse_bad_input() {
    let f = fixture();
    let j = &f.journal;
    j.fails(["show", "nobody"], 2, "unknown customer \"nobody\"");
    j.fails(["show", "acmf"], 2, "did you mean: acme (ACME S.r.l.)");
    j.fails(
        ["show", "e"],
        2,
        "customer \"e\" is ambiguous; it matches: ",
    );
    j.fails(["show"], 2, "required");
    j.fails(
        ["list", "--sort", "bogus"],
        2,
        "invalid value 'bogus' for '--sort <SORT>'",
    );
    j.fails(["list", "--phase", "vip"], 2, "unknown phase \"vip\"");
    j.fails(["list", "--kind", "alien"], 2, "unknown kind \"alien\"");
    j.fails(
        ["list", "--format", "xml"],
        2,
        "invalid value 'xml' for '--format <FORMAT>'",
    );
    j.fails(
        ["promises", "--by", "nobody"],
        2,
        "unknown party \"nobody\"",
    );
    j.fails(
        ["promises", "--due-within", "-1"],
        2,
        "unexpected argument '-1'",
    );
    j.fails(
        ["promises", "--due-within", "soon"],
        2,
        "invalid value 'soon'",
    );
    j.fails(
        ["report", "--since", "bogus"],
        2,
        "--since: invalid date \"bogus\"",
    );
    j.fails(
        ["report", "--until", "2026-13-01"],
        2,
        "--until: invalid date",
    );
    j.fails(
        ["report", "--since", "2026-11-20", "--until", "2026-11-10"],
        2,
        "--until 2026-11-10 is before --since 2026-11-20",
    );
    j.fails(["frobnicate"], 2, "unrecognized subcommand");
}

#[test]
fn every_reading_command_works_as_of_any_day() {
    // Before every record, on phase boundaries, and at the end of the four-digit years.
    let f = fixture();
    let commands: [&[&str]; 5] = [
        &["show", "acme"],
        &["show", "caffe"],
        &["list", "--sort", "rate"],
        &["promises", "--due-within", "7"],
        &["report"],
    ];
    for day in [
        "0000-01-01",
        "2024-04-10",
        "2026-02-15",
        "2026-11-23",
        "9999-12-31",
    ] {
        for command in commands {
            for format in FORMATS {
                let run = Run::of(
                    f.journal
                        .cmd_on(day)
                        .args(command)
                        .args(["--format", format]),
                );
                assert_eq!(
                    run.code, 0,
                    "--today {day} {command:?} {format}: {}",
                    run.stderr
                );
                if format == "json" {
                    let value: Value = serde_json::from_str(&run.stdout).unwrap();
                    if let Some(as_of) = value.get("as_of") {
                        assert_eq!(as_of, day);
                    }
                }
            }
        }
    }
    // Before ACME's first order it is potential; on 2026-02-15 it has just been lost.
    let phase = |day: &str| {
        let run = Run::of(
            f.journal
                .cmd_on(day)
                .args(["show", "acme", "--format", "json"]),
        )
        .ok();
        serde_json::from_str::<Value>(&run.stdout).unwrap()["phase"].clone()
    };
    assert_eq!(phase("2024-04-09"), "potential");
    assert_eq!(phase("2024-04-10"), "new");
    assert_eq!(phase("2024-07-09"), "new");
    assert_eq!(phase("2024-07-10"), "acquired");
    assert_eq!(phase("2026-02-14"), "acquired");
    assert_eq!(phase("2026-02-15"), "lost");
    assert_eq!(phase("2026-09-30"), "acquired");
}

#[test]
fn journal_settings_drive_cadence_phase_week_and_channel() {
    let j = common::Journal::new();
    j.edit_settings(&[
        ("week_start = \"monday\"", "week_start = \"sunday\""),
        ("new_days = 90", "new_days = 10"),
        ("# potential = \"60d\"", "potential = \"60d\""),
        ("# vip = \"14d\"", "vip = \"14d\"\nb2b = \"10d\""),
        ("channel = \"call\"", "channel = \"email\""),
    ]);
    j.add(
        "Tagged",
        &["--tag", "vip", "--tag", "b2b", "--since", "2026-01-01"],
    );
    j.add("Plain", &["--since", "2026-01-01"]);
    j.add(
        "Own",
        &["--tag", "vip", "--cadence", "40d", "--since", "2026-01-01"],
    );
    j.add("Buyer", &["--since", "2026-01-01"]);
    j.ok(["order", "buyer", "5", "--at", "2026-11-10"]);
    j.ok(["log", "tagged", "hi"]);
    assert_eq!(
        j.last("tagged", "interaction")["channel"].as_str(),
        Some("email")
    );
    let list = j.json(["list", "--format", "json", "--sort", "id"]);
    let cadence: Vec<(String, u64, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["cadence_days"].as_u64().unwrap(),
                r["cadence_source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("buyer", 30, "default"),
        ("own", 40, "customer"),
        ("plain", 60, "phase:potential"),
        ("tagged", 10, "tag:b2b"),
    ];
    assert_eq!(
        cadence,
        expected.map(|(i, d, s)| (i.to_string(), d, s.to_string()))
    );
    // new_days = 10: the first order of 2026-11-10 is already more than 10 days old.
    assert_eq!(list[0]["phase"], "acquired");
    // The week starts on Sunday.
    let report = j.json(["report", "--week", "--format", "json"]);
    assert_eq!(
        report["period"],
        json!({"since": "2026-11-22", "until": "2026-11-28"})
    );
}

#[test]
fn broken_settings_are_refused_with_their_location() {
    let j = common::Journal::new();
    j.add("ACME", &[]);
    j.edit_settings(&[("new_days = 90", "new_days = ninety")]);
    j.fails(["list"], 1, "coltiva.toml:10:12:");
    j.fails(["log", "acme", "x"], 1, "coltiva.toml:10:12:");
    j.edit_settings(&[("new_days = ninety", "new_days = 0")]);
    j.fails(["list"], 1, "new_days and lost_days must be at least 1");
    j.edit_settings(&[
        ("new_days = 0", "new_days = 90"),
        ("\"monday\"", "\"lunedi\""),
    ]);
    j.fails(["report"], 1, "unknown weekday \"lunedi\"");
}

#[test]
fn an_empty_journal_says_what_to_do_next() {
    let j = Journal::new();
    for command in [&["list"][..], &["report"], &["promises"], &[]] {
        let run = j.ok(command.iter().copied());
        assert!(
            run.stderr
                .contains("has no customers yet: add one with `coltiva add NAME`"),
            "{command:?}: {}",
            run.stderr
        );
    }
    j.ok(["add", "ACME"]);
    assert!(!j.ok(["list"]).stderr.contains("no customers yet"));
}
