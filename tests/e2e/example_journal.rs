//! End-to-end checks of the bundled example journal (examples/journal), as of 2026-11-23.
//!
//! The numbers asserted here are the ones derived by hand, from the records, in the worked
//! example of docs/METRICS.md: if one changes, the documentation is wrong too.

use crate::common;

use common::example_dir;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `coltiva --dir DIR --today 2026-11-23 ARGS...`
fn coltiva(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = common::coltiva(dir);
    cmd.args(args);
    cmd
}

/// Runs a command that must succeed and returns its stdout.
fn stdout(dir: &Path, args: &[&str]) -> String {
    let output = coltiva(dir, args).assert().success().get_output().clone();
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Runs a reading command in `--format json` and parses its output.
fn json_in(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(dir, &all)).expect("the output is JSON")
}

/// A reading command's JSON on the example journal.
fn json(args: &[&str]) -> Value {
    json_in(&example_dir(), args)
}

fn customer<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .expect("list --format json is an array")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} is in the list"))
}

fn counts(c: &Value, by: &str) -> [u64; 6] {
    let k = &c[format!("promises_{by}")];
    ["kept", "late", "broken", "overdue", "open", "cancelled"]
        .map(|s| k[s].as_u64().expect("a count"))
}

#[test]
fn every_customer_file_parses_and_is_listed() {
    let files = std::fs::read_dir(example_dir().join("customers"))
        .expect("examples/journal/customers")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    let list = json(&["list"]);
    let rows = list.as_array().expect("an array");
    assert_eq!(files, 9);
    assert_eq!(rows.len(), files);
}

#[test]
fn every_phase_is_represented() {
    let list = json(&["list"]);
    let phases = [
        ("caldaie-pedretti", "acquired", "acquired"),
        ("edilclima-gardesana", "lost", "lost"),
        ("ferramenta-bortolotti", "new", "new"),
        ("idrotermica-rossi", "acquired", "acquired"),
        ("impianti-zanardelli", "acquired", "acquired"),
        ("keller-armaturen", "lost", "lost"),
        ("marco-bellini", "internal", "internal"), // no lifecycle phase
        ("studio-tecnico-ferrari", "potential", "no_order"),
        ("termoidraulica-veneta", "partner", "pinned"),
    ];
    for (id, phase, rule) in phases {
        let c = customer(&list, id);
        assert_eq!(
            (c["phase"].as_str(), c["phase_rule"].as_str()),
            (Some(phase), Some(rule)),
            "{id}"
        );
    }
}

/// Worked example 1 of docs/METRICS.md: lost in March 2026, won back in September.
#[test]
fn worked_example_caldaie_pedretti() {
    let list = json(&["list"]);
    let c = customer(&list, "caldaie-pedretti");
    assert_eq!(c["phase_since"], "2026-09-21");
    assert_eq!(c["orders"], 5);
    assert_eq!(c["order_total"], 10600);
    assert_eq!(c["first_order"], "2024-10-07");
    assert_eq!(c["last_order"], "2026-11-09");
    assert_eq!(c["first_contact"], "2024-09-16");
    assert_eq!(c["last_contact"], "2026-11-18");
    assert_eq!(c["contact_days"], 9);
    assert_eq!(c["days_since_contact"], 5);
    assert_eq!(c["mean_gap_days"], 99.13); // 793 / 8 = 99.125, rounded half away from zero
    assert_eq!(c["max_gap_days"], 455);
    assert_eq!(
        (c["cadence_days"].as_u64(), c["cadence_source"].as_str()),
        (Some(30), Some("default"))
    );
    assert_eq!(c["overdue_days"], 0);
    assert_eq!(counts(c, "us"), [1, 0, 0, 0, 0, 0]);
    assert_eq!(c["promises_us"]["rate"], 1.0);
    assert_eq!(counts(c, "them"), [0, 1, 0, 0, 1, 0]);
    assert_eq!(c["promises_them"]["rate"], 0.0);

    let show = json(&["show", "caldaie-pedretti"]);
    let timeline: Vec<(&str, &str, bool)> = show["phase_timeline"]
        .as_array()
        .expect("a timeline")
        .iter()
        .map(|t| {
            (
                t["day"].as_str().expect("day"),
                t["to"].as_str().expect("to"),
                t["won_back"].as_bool().expect("won_back"),
            )
        })
        .collect();
    assert_eq!(
        timeline,
        [
            ("2024-09-16", "potential", false),
            ("2024-10-07", "new", false),
            ("2025-01-06", "acquired", false),
            ("2026-03-11", "lost", false),
            ("2026-09-21", "acquired", true),
        ]
    );
    // The payment promise renegotiated after its due date: open, at best late.
    let pay = show["promises"]
        .as_array()
        .expect("promises")
        .iter()
        .find(|p| p["what"] == "Pagare fattura FT-2026-279")
        .expect("the FT-2026-279 promise");
    assert_eq!(
        (
            &pay["due"],
            &pay["current_due"],
            &pay["status"],
            &pay["days_left"]
        ),
        (
            &Value::from("2026-11-15"),
            &Value::from("2026-11-30"),
            &Value::from("open"),
            &Value::from(7)
        )
    );
}

/// Worked example 2: the internal agent, promises both ways, cadence from a tag.
#[test]
fn worked_example_marco_bellini() {
    let list = json(&["list"]);
    let c = customer(&list, "marco-bellini");
    assert_eq!(c["kind"], "internal");
    assert_eq!(c["phase_since"], "2024-09-02");
    assert_eq!(c["orders"], 0);
    assert_eq!(c["first_order"], Value::Null);
    assert_eq!(c["contact_days"], 7);
    assert_eq!(c["days_since_contact"], 0);
    assert_eq!(c["mean_gap_days"], 135.33); // 812 / 6
    assert_eq!(c["max_gap_days"], 294);
    assert_eq!(
        (c["cadence_days"].as_u64(), c["cadence_source"].as_str()),
        (Some(7), Some("tag:agenti"))
    );
    assert_eq!(counts(c, "us"), [1, 1, 0, 0, 1, 0]);
    assert_eq!(c["promises_us"]["rate"], 0.5);
    assert_eq!(counts(c, "them"), [2, 0, 0, 1, 0, 0]);
    assert_eq!(c["promises_them"]["rate"], 2.0 / 3.0);
}

/// Worked example 3: lost on the very day of the report; a broken and an overdue promise.
#[test]
fn worked_example_keller_armaturen() {
    let list = json(&["list"]);
    let c = customer(&list, "keller-armaturen");
    assert_eq!(c["phase_since"], "2026-11-23");
    assert_eq!(c["last_order"], "2025-11-22");
    assert_eq!(c["order_total"], 23750);
    assert_eq!(c["contact_days"], 6);
    assert_eq!(c["days_since_contact"], 56);
    assert_eq!(c["mean_gap_days"], 134.4); // 672 / 5
    assert_eq!(c["max_gap_days"], 192);
    assert_eq!(
        (c["cadence_days"].as_u64(), c["cadence_source"].as_str()),
        (Some(45), Some("tag:export"))
    );
    assert_eq!(c["overdue_days"], 11);
    assert_eq!(counts(c, "us"), [0, 0, 1, 1, 0, 0]);
    assert_eq!(c["promises_us"]["rate"], 0.0);
    assert_eq!(counts(c, "them"), [1, 0, 0, 0, 0, 0]);
}

/// Worked example 4: the partner, pinned, with its own cadence and a cancelled promise.
#[test]
fn worked_example_termoidraulica_veneta() {
    let list = json(&["list"]);
    let c = customer(&list, "termoidraulica-veneta");
    assert_eq!(c["phase_since"], "2026-03-09");
    assert_eq!(c["orders"], 8);
    assert_eq!(c["order_total"], 73000);
    assert_eq!(c["contact_days"], 14);
    assert_eq!(c["days_since_contact"], 18);
    assert_eq!(c["mean_gap_days"], 53.54); // 696 / 13
    assert_eq!(c["max_gap_days"], 98);
    assert_eq!(
        (c["cadence_days"].as_u64(), c["cadence_source"].as_str()),
        (Some(14), Some("customer"))
    );
    assert_eq!(c["overdue_days"], 4);
    assert_eq!(counts(c, "us"), [1, 1, 0, 0, 1, 0]);
    assert_eq!(counts(c, "them"), [1, 0, 0, 1, 0, 1]);
    assert_eq!(c["promises_them"]["rate"], 0.5);
}

#[test]
fn weekly_report_of_2026_11_23() {
    let r = json(&["report", "--week"]);
    assert_eq!(r["period"]["since"], "2026-11-23");
    assert_eq!(r["period"]["until"], "2026-11-29");
    assert_eq!(r["customers"], 9);
    let len = |key: &str| r[key].as_array().expect(key).len();
    assert_eq!(len("overdue"), 4);
    assert_eq!(len("due_soon"), 6);
    assert_eq!(len("resolved"), 3);
    assert_eq!(len("past_cadence"), 3);
    assert_eq!(r["overdue"][0]["customer"], "keller-armaturen"); // ours first, most overdue first
    assert_eq!(r["past_cadence"][0]["customer"], "edilclima-gardesana");
    let changes = &r["phase_change_counts"];
    assert_eq!(
        [
            &changes["new_customers"],
            &changes["acquisitions"],
            &changes["losses"],
            &changes["win_backs"]
        ],
        [0, 1, 1, 0]
    );
    let rates = &r["kept_rates"];
    // External customers only; Bellini's promises are on the internal rows (PRODUCT.md §8.3).
    assert_eq!(rates["trailing_us"]["rate"], 4.0 / 8.0);
    assert_eq!(rates["trailing_them"]["rate"], 4.0 / 5.0);
    assert_eq!(rates["period_us"]["open"], 4);
    assert_eq!(rates["internal"]["trailing_us"]["rate"], 1.0);
    assert_eq!(rates["internal"]["trailing_them"]["rate"], 0.5);
    assert_eq!(r["contacts_total"], 3);
    let phases = &r["phase_counts"];
    assert_eq!(
        ["potential", "new", "acquired", "partner", "lost"].map(|p| phases[p].as_u64()),
        [Some(1), Some(1), Some(3), Some(1), Some(2)]
    );
    // The internal agent (Bellini) is counted apart, not as a potential customer.
    assert_eq!(r["internal_customers"], 1);
}

#[test]
fn every_reading_command_works_in_every_format() {
    for args in [
        &["report"][..],
        &["list"],
        &["list", "--sort", "overdue"],
        &["show", "pedretti"],
        &["show", "bellini", "--all"],
        &["promises"],
        &["promises", "--open", "--by", "them"],
    ] {
        for format in ["table", "markdown", "json", "csv"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            assert!(
                !stdout(&example_dir(), &all).is_empty(),
                "{all:?} printed nothing"
            );
        }
    }
    // CSV and JSON round mean_gap_days the same way (99.125 → 99.13).
    let csv = stdout(&example_dir(), &["list", "--format", "csv"]);
    let pedretti = csv
        .lines()
        .find(|l| l.starts_with("caldaie-pedretti,"))
        .expect("a Pedretti row");
    assert!(pedretti.contains(",99.13,"), "{pedretti}");
}

/// The example's hand-written comments survive a write, and the write is a pure addition.
#[test]
fn appending_to_a_commented_file_keeps_every_byte() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let journal = tmp.path().join("journal");
    std::fs::create_dir_all(journal.join("customers")).expect("mkdir");
    std::fs::copy(
        example_dir().join("coltiva.toml"),
        journal.join("coltiva.toml"),
    )
    .expect("copy settings");
    for entry in std::fs::read_dir(example_dir().join("customers")).expect("customers") {
        let path = entry.expect("an entry").path();
        std::fs::copy(
            &path,
            journal
                .join("customers")
                .join(path.file_name().expect("a name")),
        )
        .expect("copy a customer");
    }
    let file = journal.join("customers/keller-armaturen.toml");
    let before = std::fs::read_to_string(&file).expect("read");
    assert!(before.contains("# Il certificato SVGW"));

    coltiva(
        &journal,
        &[
            "log",
            "keller",
            "Urs richiama: «ordine di prova a gennaio?»",
            "--in",
            "--at",
            "2026-11-23T16:45+01:00",
        ],
    )
    .assert()
    .success();

    let after = std::fs::read_to_string(&file).expect("read");
    assert!(after.starts_with(&before), "existing bytes changed");
    assert!(after[before.len()..].contains("[[interaction]]"));
    let list = json_in(&journal, &["list"]);
    let keller = customer(&list, "keller-armaturen");
    assert_eq!(keller["days_since_contact"], 0);
    assert_eq!(keller["phase"], "lost"); // a call is not an order
}

/// The showcase a newcomer sees first shows every figure coltiva computes, where the README's
/// tour says: payment punctuality (the customers' invoice promises are payment promises), an
/// internal customer, a win-back; and the tour's commands run.
#[test]
fn the_example_shows_every_figure_the_readme_tour_points_at() {
    let report = json(&["report"]);
    let pay = &report["kept_rates"]["payment_trailing"];
    assert!(pay["kept"].as_i64().unwrap() >= 3, "{pay}");
    assert_eq!(report["internal_customers"], 1);
    let list = json(&["list"]);
    let pedretti = customer(&list, "caldaie-pedretti");
    assert_eq!(pedretti["payment_punctuality"]["late"], 1);
    assert_eq!(pedretti["payment_punctuality"]["mean_days_late"], 11.0);
    let rossi = customer(&list, "idrotermica-rossi");
    assert_eq!(rossi["payment_punctuality"]["kept"], 3);
    assert_eq!(customer(&list, "marco-bellini")["kind"], "internal");
    let show = json(&["show", "caldaie-pedretti"]);
    assert!(
        show["phase_timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["won_back"] == true),
        "{}",
        show["phase_timeline"]
    );
    // Every command of the README's tour runs on the example as written there.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let prefix = "coltiva --dir examples/journal --today 2026-11-23 ";
    let tour: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .collect();
    assert!(tour.len() >= 8, "{tour:?}");
    for line in tour {
        let args: Vec<&str> = line.split_whitespace().collect();
        let out = coltiva(&example_dir(), &args).output().unwrap();
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
