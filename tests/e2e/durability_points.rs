//! The smaller points of issue #12, each with its message, exit code, and proof that no
//! acknowledged record was lost and nothing else changed.

use crate::common;

use std::fs;

use common::*;

#[test]
fn repair_moves_one_torn_record_whose_text_holds_table_lines() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    j.ok(["log", "acme", "first"]);
    let kept = j.text("acme");
    // A power cut in the middle of a record whose summary quotes `[[...]]` lines.
    let torn = format!(
        "{kept}\n[[interaction]]\nat = 2026-11-20\nchannel = \"note\"\ndirection = \"out\"\nsummary = \"\"\"\nsee\n[[wiki]]\n[[other page]]\nand the"
    );
    fs::write(j.file("acme"), &torn).unwrap();
    j.fails(["log", "acme", "x"], 1, "coltiva repair acme");
    let run = j.ok(["repair", "acme"]);
    assert!(run.stderr.contains("moved"), "{}", run.stderr);
    assert_eq!(j.text("acme"), kept, "the acknowledged record is kept");
    let rej = fs::read_to_string(j.file("acme").with_extension("toml.rej")).unwrap();
    assert_eq!(
        format!("{kept}{rej}"),
        torn,
        "moved plus kept is the file before"
    );
    assert_eq!(j.count("acme", "interaction"), 1);
}

#[test]
fn set_and_add_refuse_values_with_newlines_or_control_characters() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    for value in [
        "note=two\n[lines]",
        "note=esc\u{1b}[2J",
        "note=tab\there",
        "note=bell\u{7}and c1\u{9b}",
    ] {
        j.fails(
            ["set", "acme", value],
            2,
            "an attribute value is one line of text",
        );
        j.fails(
            ["add", "Bolt", "--id", "bolt", "--set", value],
            2,
            "an attribute value is one line of text",
        );
    }
    assert!(!j.file("bolt").exists());
    // The header stays editable.
    j.ok(["set", "acme", "note=one line"]);
    j.ok(["set", "acme", "note=another"]);
    assert_eq!(j.toml("acme")["note"].as_str(), Some("another"));
}

#[test]
fn init_honours_dir_and_coltiva_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path().join("cwd");
    fs::create_dir(&cwd).unwrap();
    let by_flag = tmp.path().join("by-flag");
    Run::of(bare(&cwd).arg("--dir").arg(&by_flag).arg("init")).ok();
    assert!(by_flag.join("coltiva.toml").is_file());
    let by_env = tmp.path().join("by-env");
    Run::of(bare(&cwd).env("COLTIVA_DIR", &by_env).arg("init")).ok();
    assert!(by_env.join("coltiva.toml").is_file());
    // Nothing landed in the working directory.
    assert_eq!(fs::read_dir(&cwd).unwrap().count(), 0);
    // A path given to init still wins.
    let by_path = tmp.path().join("by-path");
    Run::of(
        bare(&cwd)
            .env("COLTIVA_DIR", &by_env)
            .arg("init")
            .arg(&by_path),
    )
    .ok();
    assert!(by_path.join("coltiva.toml").is_file());
}

#[test]
fn an_exact_id_beats_the_prefixes_it_is_one_of() {
    let j = Journal::new();
    j.add("Mario Rossi", &["--id", "rossi"]);
    j.add("Rossi Impianti", &["--id", "rossi-impianti"]);
    let run = j.ok(["log", "Rossi", "called"]);
    assert!(run.stderr.contains("(rossi)"), "{}", run.stderr);
    assert_eq!(j.count("rossi", "interaction"), 1);
    assert_eq!(j.count("rossi-impianti", "interaction"), 0);
    // A real prefix of both is still ambiguous.
    j.fails(["log", "ross", "called"], 2, "is ambiguous");
}

#[test]
fn csv_import_with_crlf_reports_the_right_line() {
    let j = Journal::new();
    let csv = j.tmp().join("crlf.csv");
    fs::write(
        &csv,
        "customer,type,at,amount\r\nacme,order,2026-11-02,10.00\r\n\"acme\",order,2026-11-02,1\r\nacme,order,2026-11-02,abc\r\n",
    )
    .unwrap();
    j.fails(
        ["import", csv.to_str().unwrap()],
        1,
        "line 4, column \"amount\": invalid amount \"abc\"",
    );
}

#[test]
fn a_reserved_id_in_an_import_names_its_line_without_advising_id() {
    let j = Journal::new();
    let csv = j.tmp().join("res.csv");
    fs::write(
        &csv,
        "customer,type,at,amount\nacme,order,2026-11-02,10.00\ncon,order,2026-11-02,5\n",
    )
    .unwrap();
    let run = j.fails(
        ["import", csv.to_str().unwrap()],
        1,
        "line 3, column \"customer\": the id \"con\" is a reserved device name",
    );
    assert!(!run.stderr.contains("--id"), "{}", run.stderr);
}

#[test]
fn a_huge_garbage_header_gives_a_short_error() {
    let j = Journal::new();
    let csv = j.tmp().join("garbage.csv");
    let garbage: String = (0..5_000_000)
        .map(|i| ["a", "b", ";", ":", "x"][i % 5])
        .collect();
    fs::write(&csv, format!("{garbage}\n1,2\n")).unwrap();
    let run = j.fails(["import", csv.to_str().unwrap()], 1, "no customer column");
    assert!(run.stderr.len() < 1000, "{} bytes", run.stderr.len());
    assert!(run.stderr.contains("more characters)"), "{}", run.stderr);
}

#[test]
fn spreadsheet_csv_defuses_formulas_and_export_stays_exact() {
    let j = Journal::new();
    let name = "=HYPERLINK(\"http://evil\",\"x\")";
    j.add(name, &["--id", "evil"]);
    j.ok(["log", "evil", "@SUM(1+1)"]);
    j.ok(["order", "evil", "-5"]);
    let list = j.ok(["list", "--format", "csv"]).stdout;
    assert!(list.contains("\"'=HYPERLINK("), "{list}");
    assert!(!list.contains(",\"=HYPERLINK("), "{list}");
    let export = j.ok(["export", "--format", "csv"]).stdout;
    assert!(export.contains("\"=HYPERLINK("), "{export}");
    assert!(!export.contains("'="), "{export}");
    assert!(
        export.contains("@SUM(1+1)") && !export.contains("'@"),
        "{export}"
    );
    // The export imports back exactly: same name, same records.
    let other = Journal::new();
    let csv = other.tmp().join("export.csv");
    fs::write(&csv, &export).unwrap();
    other.ok(["import", csv.to_str().unwrap()]);
    assert_eq!(other.toml("evil")["name"].as_str(), Some(name));
    assert_eq!(other.count("evil", "order"), 1);
    assert_eq!(
        other.last("evil", "interaction")["summary"].as_str(),
        Some("@SUM(1+1)")
    );
}
