//! End-to-end tests of import, export, git for teams, edit, completions and man, through the
//! real binary.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

use common::files as snapshot;
#[cfg(unix)]
use common::{enable_autocommit, git, gitconfig, with_git};

/// A command running coltiva on the journal `dir`, as of 2026-11-23, in a clean environment, from
/// the folder holding the journal.
fn coltiva(dir: &Path) -> Command {
    let mut cmd = common::coltiva(dir);
    cmd.current_dir(dir.parent().unwrap_or(dir));
    cmd
}

fn new_journal() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("journal");
    coltiva(&dir).arg("init").arg(&dir).assert().success();
    (tmp, dir)
}

fn write(path: &Path, text: &str) -> PathBuf {
    fs::write(path, text).unwrap();
    path.to_path_buf()
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn list_json(dir: &Path) -> serde_json::Value {
    let text = stdout_of(coltiva(dir).args(["list", "--format", "json"]));
    serde_json::from_str(&text).unwrap()
}

fn customer_file(dir: &Path, id: &str) -> String {
    fs::read_to_string(dir.join("customers").join(format!("{id}.toml"))).unwrap()
}

const CONTACTS: &str = "\
customer,type,at,summary,channel,direction,amount,ref,due,by,name
acme,interaction,2026-11-02,\"Called Paola, \"\"Q1\"\" prices\",call,out,,,,,ACME S.r.l.
acme,order,2026-11-03,,,,1200.50,INV-1,,,
acme,order,2026-11-03,,,,99.00,,,,
acme,order,2026-11-03,,,,99.00,,,,
acme,promise,2026-11-04,Send the revised quote,,,,,2026-11-30,us,
Caffè Nerò,interaction,2026-10-01T09:30:00+02:00,Visited the bar 🍵,visit,in,,,,,
";

#[test]
fn import_creates_customers_and_importing_again_adds_nothing() {
    let (tmp, dir) = new_journal();
    let csv = write(&tmp.path().join("contacts.csv"), CONTACTS);
    coltiva(&dir)
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "imported 6 records (2 interactions, 3 orders, 1 promise)",
        ))
        .stderr(predicate::str::contains("for 2 customers (2 new)"));
    let acme = customer_file(&dir, "acme");
    assert!(acme.contains("name = \"ACME S.r.l.\""), "{acme}");
    assert!(acme.contains("since = 2026-11-02"), "{acme}");
    assert_eq!(acme.matches("[[order]]").count(), 3, "{acme}");
    assert!(acme.contains("source = \"row:"), "{acme}");
    let nero = customer_file(&dir, "caffe-nero");
    assert!(nero.contains("name = \"Caffè Nerò\""), "{nero}");
    assert!(nero.contains("Visited the bar 🍵"), "{nero}");

    let list = list_json(&dir);
    let acme = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "acme")
        .unwrap();
    assert_eq!(acme["orders"], 3);
    assert_eq!(acme["order_total"], 1398.5);
    assert_eq!(acme["promises_us"]["open"], 1);
    let show = stdout_of(coltiva(&dir).args(["show", "acme", "--all"]));
    assert!(show.contains("Called Paola, \"Q1\" prices"), "{show}");

    // The same file again: nothing is added.
    let before = snapshot(&dir);
    coltiva(&dir)
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to import: all 6 rows of"));
    assert_eq!(snapshot(&dir), before);

    // A longer version: only the new rows are added, including a third identical order.
    let longer = format!(
        "{CONTACTS}acme,order,2026-11-03,,,,99.00,,,,\nacme,interaction,2026-11-20,Sent the quote,email,out,,,,,\n"
    );
    let csv2 = write(&tmp.path().join("contacts-2.csv"), &longer);
    coltiva(&dir)
        .arg("import")
        .arg(&csv2)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "imported 2 records (1 order, 1 interaction) for 1 customer (0 new)",
        ))
        .stderr(predicate::str::contains(
            "6 rows were already in the journal",
        ));
    let acme = customer_file(&dir, "acme");
    assert_eq!(acme.matches("[[order]]").count(), 4, "{acme}");
    // Appended at the end: the earlier bytes are untouched.
    let old = String::from_utf8(before[Path::new("customers/acme.toml")].clone()).unwrap();
    assert!(acme.starts_with(&old));
    coltiva(&dir)
        .arg("import")
        .arg(&csv2)
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to import"));
}

#[test]
fn import_matches_existing_customers_by_id_and_by_name() {
    let (tmp, dir) = new_journal();
    coltiva(&dir)
        .args(["add", "ACME S.r.l.", "--id", "acme"])
        .assert()
        .success();
    let csv = write(
        &tmp.path().join("x.csv"),
        "customer,type,at,summary\nacme s.r.l.,interaction,2026-11-02,by name\nacme,interaction,2026-11-03,by id\n",
    );
    coltiva(&dir)
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stderr(predicate::str::contains("for 1 customer (0 new)"));
    let ids: Vec<_> = fs::read_dir(dir.join("customers")).unwrap().collect();
    assert_eq!(ids.len(), 1);
    let acme = customer_file(&dir, "acme");
    assert!(acme.contains("by name") && acme.contains("by id"), "{acme}");
}

#[test]
fn import_cdnow_excerpt_with_map_date_format_and_type() {
    let (_tmp, dir) = new_journal();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cdnow-excerpt.csv");
    coltiva(&dir)
        .arg("import")
        .arg(&fixture)
        .args(["--type", "order", "--date-format", "%Y%m%d"])
        .args(["--map", "customer=customer_id", "--map", "at=date"])
        .args(["--map", "amount=dollar_value"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ignoring the column number_of_cds",
        ))
        .stderr(predicate::str::contains(
            "imported 40 records (40 orders) for 10 customers (10 new)",
        ));
    let list = list_json(&dir);
    let c2 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "00002")
        .unwrap();
    assert_eq!(c2["orders"], 2);
    assert_eq!(c2["order_total"], 89.0);
    assert_eq!(c2["first_order"], "1997-01-12");
    assert_eq!(c2["phase"], "lost");
    assert_eq!(c2["since"], "1997-01-12");
}

#[test]
fn dry_run_shows_the_plan_and_writes_nothing() {
    let (tmp, dir) = new_journal();
    let csv = write(&tmp.path().join("contacts.csv"), CONTACTS);
    let before = snapshot(&dir);
    coltiva(&dir)
        .arg("import")
        .arg(&csv)
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "create acme (ACME S.r.l.): 1 interaction, 3 orders, 1 promise",
        ))
        .stdout(predicate::str::contains(
            "create caffe-nero (Caffè Nerò): 1 interaction",
        ))
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(snapshot(&dir), before);
}

/// Runs an import that must fail: checks the exit code, that stderr holds every `expected`
/// text, and that no file of the journal changed.
fn refused(dir: &Path, args: &[&str], code: i32, expected: &[&str]) {
    let before = snapshot(dir);
    let assert = coltiva(dir).arg("import").args(args).assert().code(code);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for text in expected {
        assert!(stderr.contains(text), "expected {text:?} in:\n{stderr}");
    }
    assert_eq!(snapshot(dir), before, "the journal changed: {args:?}");
}

#[test]
fn bad_rows_are_located_and_nothing_is_written() {
    let (tmp, dir) = new_journal();
    coltiva(&dir)
        .args(["add", "ACME S.r.l.", "--id", "acme"])
        .assert()
        .success();
    let f = |name: &str, text: &str| {
        write(&tmp.path().join(name), text)
            .to_string_lossy()
            .into_owned()
    };
    let header = "customer,type,at,summary,amount\n";
    let good = "acme,interaction,2026-11-02,fine,\nbeta,order,2026-11-02,,10\n";

    let bad_amount = f(
        "a.csv",
        &format!("{header}{good}acme,order,2026-11-03,,12,50\n"),
    );
    refused(
        &dir,
        &[&bad_amount],
        1,
        &[
            "line 4: expected 5 fields like the header, found 6",
            "nothing was imported",
        ],
    );
    let bad_amount = f(
        "b.csv",
        &format!("{header}{good}acme,order,2026-11-03,,\"12,50\"\n"),
    );
    refused(
        &dir,
        &[&bad_amount],
        1,
        &[
            "line 4, column \"amount\": invalid amount \"12,50\"",
            "1 bad row; nothing was imported",
        ],
    );
    let bad_type = f("c.csv", &format!("{header}{good}acme,sale,2026-11-03,x,\n"));
    refused(
        &dir,
        &[&bad_type],
        1,
        &["line 4, column \"type\": unknown type \"sale\""],
    );
    let bad_date = f(
        "d.csv",
        &format!("{header}{good}acme,interaction,2026-13-03,x,\n"),
    );
    refused(
        &dir,
        &[&bad_date],
        1,
        &["line 4, column \"at\": invalid date \"2026-13-03\""],
    );
    let future = f(
        "e.csv",
        &format!("{header}{good}acme,interaction,2027-01-01,x,\n"),
    );
    refused(
        &dir,
        &[&future],
        1,
        &["line 4, column \"at\": 2027-01-01 is after today"],
    );
    let empty_summary = f(
        "g.csv",
        &format!("{header}{good}acme,interaction,2026-11-03, ,\n"),
    );
    refused(
        &dir,
        &[&empty_summary],
        1,
        &["line 4, column \"summary\": this cell is empty"],
    );
    let no_id = f("h.csv", &format!("{header}!!!,interaction,2026-11-03,x,\n"));
    refused(
        &dir,
        &[&no_id],
        1,
        &["line 2, column \"customer\": cannot make a customer id from \"!!!\""],
    );
    let unknown_promise = f(
        "i.csv",
        "customer,type,at,promise,status\nacme,resolution,2026-11-03,zzzzzz,kept\n",
    );
    refused(
        &dir,
        &[&unknown_promise],
        1,
        &["line 2, column \"promise\": customer acme has no promise zzzzzz"],
    );
    let renegotiated = f(
        "j.csv",
        "customer,type,at,summary,due,promise,status\nacme,promise,2026-11-01,x,2026-11-10,p1,\nacme,resolution,2026-11-03,,,p1,renegotiated\n",
    );
    refused(
        &dir,
        &[&renegotiated],
        1,
        &["line 3, column \"due\": a renegotiation needs the new due date"],
    );
    let dup_source = f(
        "k.csv",
        "customer,type,at,amount,source\nacme,order,2026-11-01,5,A-1\nacme,order,2026-11-02,6,A-1\n",
    );
    refused(
        &dir,
        &[&dup_source],
        1,
        &["line 3, column \"source\": source \"A-1\" of customer acme is already on line 2"],
    );
    let no_customer = f(
        "l.csv",
        "client,type,at,summary\nacme,interaction,2026-11-03,x\n",
    );
    refused(
        &dir,
        &[&no_customer],
        1,
        &["no customer column (the file's columns are: client, type, at, summary)"],
    );
    let no_type = f("m.csv", "customer,at,summary\nacme,2026-11-03,x\n");
    refused(
        &dir,
        &[&no_type],
        1,
        &["no type column; add one or give --type"],
    );
    let mut latin1 = b"customer,type,at,summary\nacme,interaction,2026-11-03,caff".to_vec();
    latin1.extend_from_slice(&[0xe8, b'\n']);
    let latin1_path = tmp.path().join("n.csv");
    fs::write(&latin1_path, latin1).unwrap();
    refused(
        &dir,
        &[latin1_path.to_str().unwrap()],
        1,
        &["line 2: field 4 is not valid UTF-8"],
    );
    let missing = tmp.path().join("missing.csv");
    refused(&dir, &[missing.to_str().unwrap()], 1, &["could not read"]);
    // Many bad rows: the first twenty are listed, then a count.
    let many: String = (0..25)
        .map(|i| format!("acme,interaction,2026-11-{:02},,\n", i + 1))
        .collect();
    let many = f("o.csv", &format!("{header}{many}"));
    refused(
        &dir,
        &[&many],
        1,
        &["25 bad rows", "line 21, column", "... and 5 more"],
    );

    // The command line itself is wrong: exit 2.
    let ok = f("ok.csv", &format!("{header}{good}"));
    refused(
        &dir,
        &[&ok, "--map", "customer"],
        2,
        &["expected CANONICAL=THEIRS"],
    );
    refused(
        &dir,
        &[&ok, "--map", "client=customer"],
        2,
        &["\"client\" is not a coltiva column"],
    );
    refused(
        &dir,
        &[&ok, "--map", "at=date"],
        2,
        &["--map at=date: the file has no column \"date\""],
    );
    refused(
        &dir,
        &[&ok, "--date-format", "%Q"],
        2,
        &["not a valid strftime pattern"],
    );
    refused(
        &dir,
        &[&ok, "--type", "sale"],
        2,
        &["--type: unknown type \"sale\""],
    );
    refused(&dir, &[], 2, &["required"]);

    // A mapped column is named by both names in errors.
    let mapped = f(
        "p.csv",
        "client,kind,when,text\nacme,interaction,03/11/2026,x\nacme,interaction,31/02/2026,y\n",
    );
    refused(
        &dir,
        &[
            &mapped,
            "--map",
            "customer=client",
            "--map",
            "type=kind",
            "--map",
            "at=when",
            "--map",
            "summary=text",
            "--date-format",
            "%d/%m/%Y",
        ],
        1,
        &[
            "line 3, column \"when\" (at): invalid date \"31/02/2026\" for --date-format \"%d/%m/%Y\"",
        ],
    );
}

#[test]
fn import_refuses_to_touch_a_journal_with_a_broken_customer_file() {
    let (tmp, dir) = new_journal();
    coltiva(&dir)
        .args(["add", "ACME S.r.l.", "--id", "acme"])
        .assert()
        .success();
    let path = dir.join("customers/acme.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n[[interaction]\nat = 2026-11-01\n");
    fs::write(&path, text).unwrap();
    let csv = write(
        &tmp.path().join("x.csv"),
        "customer,type,at,summary\nbeta,interaction,2026-11-02,new one\nacme,interaction,2026-11-02,x\n",
    );
    refused(
        &dir,
        &[csv.to_str().unwrap()],
        1,
        &["acme.toml:", "nothing was imported from"],
    );
}

#[test]
fn no_progress_bar_on_a_pipe() {
    let (tmp, dir) = new_journal();
    let mut text = String::from("customer,type,at,amount\n");
    for i in 0..1500 {
        text.push_str(&format!(
            "c{},order,2026-01-{:02},{}.50\n",
            i % 300,
            i % 28 + 1,
            i + 1
        ));
    }
    let csv = write(&tmp.path().join("big.csv"), &text);
    let assert = coltiva(&dir).arg("import").arg(&csv).assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr,
        format!(
            "imported 1500 records (1500 orders) for 300 customers (300 new) from {}\n",
            csv.display()
        )
    );
    assert!(assert.get_output().stdout.is_empty());
}

/// A journal with every kind of record and header attribute, made through the CLI.
fn rich_journal() -> (TempDir, PathBuf) {
    let (tmp, dir) = new_journal();
    let run = |args: &[&str]| stdout_of(coltiva(&dir).args(args)).trim().to_string();
    run(&[
        "add",
        "ACME S.r.l.",
        "--id",
        "acme",
        "--tag",
        "b2b",
        "--tag",
        "vip;gold",
        "--cadence",
        "14d",
        "--since",
        "2025-01-10",
        "--set",
        "territory=Milano",
    ]);
    run(&[
        "add",
        "Marco Bellini",
        "--kind",
        "internal",
        "--since",
        "2026-02-01",
    ]);
    run(&["add", "Nobody Yet", "--since", "2026-06-01"]);
    run(&[
        "log",
        "acme",
        "Called Paola, \"Q1\" prices [[order]] \"\"\" 🍵",
        "--at",
        "2026-11-02T10:30",
    ]);
    run(&[
        "log",
        "acme",
        "Note to self\nsecond line",
        "--channel",
        "note",
        "--at",
        "2026-11-03",
    ]);
    run(&[
        "log",
        "acme",
        "They asked for the catalogue",
        "--channel",
        "email",
        "--in",
        "--at",
        "2025-03-01",
    ]);
    run(&[
        "order",
        "acme",
        "1240.50",
        "--ref",
        "INV-114",
        "--at",
        "2025-02-01",
    ]);
    run(&[
        "order",
        "acme",
        "-35.20",
        "--note",
        "credit note",
        "--at",
        "2026-10-01",
    ]);
    let p1 = run(&[
        "promise",
        "acme",
        "Send the revised quote",
        "--due",
        "2026-11-10",
        "--at",
        "2026-11-01",
    ]);
    run(&[
        "renegotiate",
        &p1,
        "--due",
        "2026-11-20",
        "--at",
        "2026-11-09",
        "--note",
        "told them",
    ]);
    run(&["keep", &p1, "--at", "2026-11-21"]);
    let p2 = run(&[
        "promise",
        "acme",
        "Pay invoice 114",
        "--by",
        "them",
        "--due",
        "2026-11-15",
        "--at",
        "2026-11-01",
    ]);
    run(&["break", &p2, "--at", "2026-11-18"]);
    run(&[
        "promise",
        "bellini",
        "Share the price list",
        "--due",
        "2026-11-01",
        "--at",
        "2026-10-20",
    ]);
    run(&[
        "phase",
        "acme",
        "partner",
        "--at",
        "2026-06-01",
        "--reason",
        "Joint product line",
    ]);
    run(&[
        "log",
        "bellini",
        "Weekly meeting",
        "--channel",
        "meeting",
        "--at",
        "2026-11-20",
    ]);
    (tmp, dir)
}

fn without_sources(mut v: serde_json::Value) -> serde_json::Value {
    for c in v["customers"].as_array_mut().unwrap() {
        for r in c["records"].as_array_mut().unwrap() {
            r.as_object_mut().unwrap().remove("source");
        }
    }
    v
}

#[test]
fn csv_export_imported_into_an_empty_journal_gives_the_same_metrics() {
    let (tmp, dir) = rich_journal();
    let csv = stdout_of(coltiva(&dir).args(["export", "--format", "csv"]));
    assert!(csv.starts_with(
        "customer,type,at,summary,channel,direction,amount,ref,due,by,name,note,promise,status,set,reason,source,kind,since,tags,cadence,attributes\n"
    ));
    let csv_path = write(&tmp.path().join("export.csv"), &csv);

    let copy = tmp.path().join("copy");
    coltiva(&copy).arg("init").arg(&copy).assert().success();
    coltiva(&copy)
        .arg("import")
        .arg(&csv_path)
        .assert()
        .success()
        .stderr(predicate::str::contains("for 3 customers (3 new)"));
    assert_eq!(list_json(&copy), list_json(&dir));
    let original: serde_json::Value =
        serde_json::from_str(&stdout_of(coltiva(&dir).arg("export"))).unwrap();
    let copied: serde_json::Value =
        serde_json::from_str(&stdout_of(coltiva(&copy).arg("export"))).unwrap();
    assert_eq!(without_sources(copied), without_sources(original));
    // The tag holding a ';' and the free attribute made the trip.
    let acme = customer_file(&copy, "acme");
    assert!(acme.contains("tags = [\"b2b\", \"vip;gold\"]"), "{acme}");
    assert!(acme.contains("territory = \"Milano\""), "{acme}");

    // From standard input too, and importing the export into the journal it came from, or
    // into the copy again, adds nothing.
    for target in [&dir, &copy] {
        let before = snapshot(target);
        coltiva(target)
            .args(["import", "-"])
            .write_stdin(csv.clone())
            .assert()
            .success()
            .stderr(predicate::str::contains("nothing to import"));
        assert_eq!(snapshot(target), before);
    }
}

#[test]
fn json_export_has_every_customer_and_record() {
    let (_tmp, dir) = rich_journal();
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        coltiva(&dir).args(["export", "--format", "json"]),
    ))
    .unwrap();
    assert_eq!(v["schema"], 1);
    let customers = v["customers"].as_array().unwrap();
    let ids: Vec<&str> = customers
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acme", "marco-bellini", "nobody-yet"]);
    let acme = &customers[0];
    assert_eq!(acme["name"], "ACME S.r.l.");
    assert_eq!(acme["cadence"], "14d");
    assert_eq!(acme["since"], "2025-01-10");
    assert_eq!(acme["attributes"]["territory"], "Milano");
    let records = acme["records"].as_array().unwrap();
    assert_eq!(records.len(), 11);
    assert_eq!(records[0]["type"], "order");
    assert_eq!(records[0]["at"], "2025-02-01");
    assert_eq!(records[0]["amount"], 1240.5);
    assert_eq!(records[0]["ref"], "INV-114");
    let renegotiation = records
        .iter()
        .find(|r| r["status"] == "renegotiated")
        .unwrap();
    assert_eq!(renegotiation["due"], "2026-11-20");
    assert!(customers[2]["records"].as_array().unwrap().is_empty());
    coltiva(&dir)
        .args(["export", "--format", "table"])
        .assert()
        .code(2);
}

#[test]
fn resolutions_and_phases_import_with_their_promises() {
    let (tmp, dir) = new_journal();
    let csv = write(
        &tmp.path().join("x.csv"),
        "customer,type,at,summary,due,by,promise,status,set,reason,note\n\
         acme,promise,2026-11-01,Send the quote,2026-11-10,us,q1,,,,\n\
         acme,resolution,2026-11-05,,2026-11-20,,q1,renegotiated,,,asked in time\n\
         acme,resolution,2026-11-19,,,,q1,kept,,,\n\
         acme,phase,2026-11-02,,,,,,partner,CEO agreement,\n\
         acme,promise,2026-11-01,Call back,2026-11-03,them,,,,,\n",
    );
    coltiva(&dir).arg("import").arg(&csv).assert().success();
    let list = list_json(&dir);
    let acme = &list[0];
    assert_eq!(acme["phase"], "partner");
    assert_eq!(acme["promises_us"]["kept"], 1);
    assert_eq!(acme["promises_them"]["overdue"], 1);
    let file = customer_file(&dir, "acme");
    assert!(file.contains("id = \"q1\""), "{file}");
    coltiva(&dir)
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to import: all 5 rows"));
    // The promise imported without an id got a fresh one, usable on the command line.
    let promises = stdout_of(coltiva(&dir).args(["promises", "--format", "json"]));
    assert!(promises.contains("Call back"), "{promises}");
}

// ---------------------------------------------------------------------------------------------
// git for teams

// Unix: drives git, which a Windows program under wine cannot start (CI runs it on Linux).
#[cfg(unix)]
#[test]
fn init_git_sets_up_a_repository_for_teams() {
    let tmp = TempDir::new().unwrap();
    let config = gitconfig(tmp.path());
    let dir = tmp.path().join("journal");
    let mut cmd = coltiva(&dir);
    with_git(&mut cmd, &config);
    cmd.args(["init", "--git"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains("created a git repository"));
    assert!(dir.join(".git").is_dir());
    let attributes = fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert!(
        attributes.contains("customers/*.toml merge=coltiva\n"),
        "{attributes}"
    );
    let driver = git(&dir, &config, &["config", "merge.coltiva.driver"]);
    assert!(
        driver.trim_end().ends_with(" merge-driver %O %A %B %P"),
        "{driver}"
    );
    let ignore = fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignore.contains(".cache/\n"), "{ignore}");
    // Running it again changes nothing.
    let before = snapshot(&dir);
    let mut cmd = coltiva(&dir);
    with_git(&mut cmd, &config);
    cmd.args(["init", "--git"]).arg(&dir).assert().success();
    assert_eq!(snapshot(&dir), before);

    // Inside an existing repository, plain init sets up the same files, keeping what is there.
    let repo = tmp.path().join("repo");
    fs::create_dir(&repo).unwrap();
    git(&repo, &config, &["init", "--quiet"]);
    write(&repo.join(".gitattributes"), "*.png binary");
    let inner = repo.join("clienti");
    let mut cmd = coltiva(&inner);
    with_git(&mut cmd, &config);
    cmd.arg("init").arg(&repo).assert().success();
    let attributes = fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert!(
        attributes.starts_with("*.png binary\ncustomers/*.toml merge=coltiva\n"),
        "{attributes}"
    );

    // Outside a repository, plain init leaves git alone.
    let plain = tmp.path().join("plain");
    coltiva(&plain).arg("init").arg(&plain).assert().success();
    assert!(!plain.join(".gitattributes").exists());
    assert!(!plain.join(".git").exists());
}

// Unix: drives git, which a Windows program under wine cannot start (CI runs it on Linux).
#[cfg(unix)]
#[test]
fn autocommit_commits_just_the_file_written() {
    let tmp = TempDir::new().unwrap();
    let config = gitconfig(tmp.path());
    let dir = tmp.path().join("journal");
    let mut cmd = coltiva(&dir);
    with_git(&mut cmd, &config);
    cmd.args(["init", "--git"]).arg(&dir).assert().success();
    enable_autocommit(&dir);
    git(&dir, &config, &["add", "."]);
    // init --git made the first commit already; this one records nothing new.
    git(
        &dir,
        &config,
        &["commit", "--quiet", "--allow-empty", "-m", "journal"],
    );
    write(&dir.join("scratch.txt"), "not mine");
    let run = |args: &[&str]| {
        let mut cmd = coltiva(&dir);
        with_git(&mut cmd, &config);
        stdout_of(cmd.args(args)).trim().to_string()
    };
    run(&["add", "ACME S.r.l.", "--id", "acme"]);
    run(&["log", "acme", "Called Paola"]);
    run(&["order", "acme", "120.50"]);
    let p = run(&["promise", "acme", "Send the quote", "--due", "2026-11-30"]);
    run(&["keep", &p]);
    run(&["phase", "acme", "partner"]);
    let log = git(&dir, &config, &["log", "--format=%s"]);
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "phase acme: partner".to_string(),
            format!("keep acme/{p} — Send the quote"),
            format!("promise acme/{p} — Send the quote"),
            "order acme: 120.50".to_string(),
            "log acme: call — Called Paola".to_string(),
            "add acme — ACME S.r.l.".to_string(),
            "journal".to_string(),
            "coltiva init: settings and git set-up".to_string(),
        ]
    );
    let status = git(&dir, &config, &["status", "--porcelain"]);
    assert_eq!(status, "?? scratch.txt\n");
    let files = git(
        &dir,
        &config,
        &["show", "--name-only", "--format=", "HEAD~1"],
    );
    assert_eq!(files, "customers/acme.toml\n");

    // An import commits every file it wrote, in one commit.
    let csv = write(
        &tmp.path().join("x.csv"),
        "customer,type,at,summary\nacme,interaction,2026-11-02,x\nbeta,interaction,2026-11-02,y\n",
    );
    let mut cmd = coltiva(&dir);
    with_git(&mut cmd, &config);
    cmd.arg("import").arg(&csv).assert().success();
    let last = git(&dir, &config, &["log", "-1", "--format=%s", "--name-only"]);
    assert_eq!(
        last,
        "import x.csv: 2 records (2 interactions) for 2 customers (1 new)\n\ncustomers/acme.toml\ncustomers/beta.toml\n"
    );

    // Header edits and erasure commit too; erasure commits the deletion.
    run(&["set", "acme", "tags+=vip"]);
    let last = git(&dir, &config, &["log", "-1", "--format=%s", "--name-only"]);
    assert_eq!(last, "set acme: tags+=vip\n\ncustomers/acme.toml\n");
    run(&["forget", "beta", "--yes"]);
    let last = git(
        &dir,
        &config,
        &["log", "-1", "--format=%s", "--name-status"],
    );
    assert_eq!(last, "forget beta\n\nD\tcustomers/beta.toml\n");
    let status = git(&dir, &config, &["status", "--porcelain"]);
    assert_eq!(status, "?? scratch.txt\n");
}

// Unix: drives git, which a Windows program under wine cannot start (CI runs it on Linux).
#[cfg(unix)]
#[test]
fn a_failing_commit_keeps_the_record_and_only_warns() {
    let tmp = TempDir::new().unwrap();
    let config = gitconfig(tmp.path());
    let dir = tmp.path().join("journal");
    let mut cmd = coltiva(&dir);
    with_git(&mut cmd, &config);
    cmd.args(["init", "--git"]).arg(&dir).assert().success();
    enable_autocommit(&dir);
    let mut cmd = coltiva(&dir);
    with_git(&mut cmd, &config);
    cmd.args(["add", "ACME", "--id", "acme"]).assert().success();
    let hook = dir.join(".git/hooks/pre-commit");
    write(&hook, "#!/bin/sh\necho 'refused by hook' >&2\nexit 1\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut cmd = coltiva(&dir);
    with_git(&mut cmd, &config);
    cmd.args(["log", "acme", "Kept despite git"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the change is saved, but the commit did not complete",
        ))
        .stderr(predicate::str::contains("refused by hook"));
    assert!(customer_file(&dir, "acme").contains("Kept despite git"));
}

// Unix: drives git, which a Windows program under wine cannot start (CI runs it on Linux).
#[cfg(unix)]
#[test]
fn two_clones_append_to_the_same_customer_and_merge_cleanly() {
    let tmp = TempDir::new().unwrap();
    let config = gitconfig(tmp.path());
    let origin = tmp.path().join("origin.git");
    git(
        tmp.path(),
        &config,
        &["init", "--quiet", "--bare", origin.to_str().unwrap()],
    );

    // Anna creates the journal and shares it.
    let anna = tmp.path().join("anna");
    let coltiva_as = |dir: &Path, args: &[&str]| {
        let mut cmd = coltiva(dir);
        with_git(&mut cmd, &config);
        cmd.args(args).assert().success();
    };
    coltiva_as(&anna, &["init", "--git", anna.to_str().unwrap()]);
    enable_autocommit(&anna);
    git(&anna, &config, &["add", "."]);
    git(
        &anna,
        &config,
        &["commit", "--quiet", "--allow-empty", "-m", "journal"],
    );
    coltiva_as(&anna, &["add", "ACME S.r.l.", "--id", "acme"]);
    git(
        &anna,
        &config,
        &["remote", "add", "origin", origin.to_str().unwrap()],
    );
    git(&anna, &config, &["push", "--quiet", "-u", "origin", "main"]);

    // Bruno clones it and runs `coltiva init` once, which registers the merge driver in his
    // clone. Then both record a contact and an order of the same amount with ACME: records
    // that share lines (`[[interaction]]`, `amount = 500`), which git's union merge would
    // interleave into broken tables.
    let bruno = tmp.path().join("bruno");
    git(
        tmp.path(),
        &config,
        &[
            "clone",
            "--quiet",
            origin.to_str().unwrap(),
            bruno.to_str().unwrap(),
        ],
    );
    coltiva_as(&bruno, &["init", bruno.to_str().unwrap()]);
    coltiva_as(
        &anna,
        &["log", "acme", "Anna called Paola", "--at", "2026-11-20"],
    );
    coltiva_as(&anna, &["order", "acme", "500", "--at", "2026-11-20"]);
    coltiva_as(
        &bruno,
        &[
            "log",
            "acme",
            "Bruno visited the plant",
            "--channel",
            "visit",
            "--at",
            "2026-11-21",
        ],
    );
    coltiva_as(&bruno, &["order", "acme", "500", "--at", "2026-11-21"]);
    git(&anna, &config, &["push", "--quiet"]);
    git(&bruno, &config, &["pull", "--quiet", "--no-edit"]);
    git(&bruno, &config, &["push", "--quiet"]);
    git(&anna, &config, &["pull", "--quiet", "--no-edit"]);

    for dir in [&anna, &bruno] {
        let file = customer_file(dir, "acme");
        assert!(file.contains("Anna called Paola"), "{file}");
        assert!(file.contains("Bruno visited the plant"), "{file}");
        assert!(!file.contains("<<<<<<<"), "{file}");
        let list = list_json(dir);
        assert_eq!(list[0]["orders"], 2);
        assert_eq!(list[0]["order_total"], 1000.0);
        assert_eq!(list[0]["contact_days"], 2);
        assert_eq!(list[0]["last_contact"], "2026-11-21");
        coltiva(dir).arg("check").assert().success();
    }
    assert_eq!(customer_file(&anna, "acme"), customer_file(&bruno, "acme"));
    let history = git(&anna, &config, &["log", "--format=%s"]);
    assert!(
        history.contains("log acme: visit") && history.contains("log acme: call"),
        "{history}"
    );

    // A clone that never ran `coltiva init` has no merge driver: git falls back to its
    // ordinary merge and reports a conflict; it never silently breaks the file.
    let carla = tmp.path().join("carla");
    git(
        tmp.path(),
        &config,
        &[
            "clone",
            "--quiet",
            origin.to_str().unwrap(),
            carla.to_str().unwrap(),
        ],
    );
    coltiva_as(
        &carla,
        &["log", "acme", "Carla wrote", "--at", "2026-11-22"],
    );
    coltiva_as(&anna, &["log", "acme", "Anna again", "--at", "2026-11-22"]);
    git(&anna, &config, &["push", "--quiet"]);
    let pull = std::process::Command::new("git")
        .arg("-C")
        .arg(&carla)
        .args(["pull", "--quiet", "--no-edit"])
        .env("GIT_CONFIG_GLOBAL", &config)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(!pull.status.success());
    assert!(customer_file(&carla, "acme").contains("<<<<<<<"));
    // ...and `check` points at the markers.
    coltiva(&carla).arg("check").assert().code(1).stdout(
        predicate::str::contains("acme.toml:").and(predicate::str::contains("git conflict marker")),
    );
}

// ---------------------------------------------------------------------------------------------
// edit

#[cfg(unix)]
fn editor_script(tmp: &Path, name: &str, sed: &str) -> PathBuf {
    let path = tmp.join(name);
    write(&path, &format!("#!/bin/sh\nsed -i '{sed}' \"$1\"\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

// Unix: the editor is a shell script (a Windows program cannot run it).
#[cfg(unix)]
#[test]
fn edit_saves_a_valid_edit() {
    let (tmp, dir) = new_journal();
    coltiva(&dir)
        .args(["add", "ACME S.r.l.", "--id", "acme"])
        .assert()
        .success();
    let scratch = tmp.path().join("scratch");
    fs::create_dir(&scratch).unwrap();
    let script = editor_script(tmp.path(), "rename.sh", "s/ACME S.r.l./ACME S.p.A./");
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("EDITOR", &script)
        .env("TMPDIR", &scratch)
        .write_stdin("")
        .assert()
        .success()
        .stderr(predicate::str::contains("saved"));
    assert!(customer_file(&dir, "acme").contains("name = \"ACME S.p.A.\""));
    // The private copy is gone.
    assert_eq!(fs::read_dir(&scratch).unwrap().count(), 0);

    // $VISUAL wins over $EDITOR and is split into words without a shell.
    let visual = format!(
        "sh {}",
        editor_script(tmp.path(), "v.sh", "s/S.p.A./Holding/").display()
    );
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("VISUAL", &visual)
        .env("EDITOR", "false")
        .write_stdin("")
        .assert()
        .success();
    assert!(customer_file(&dir, "acme").contains("name = \"ACME Holding\""));

    // An editor that changes nothing.
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("EDITOR", "true")
        .write_stdin("")
        .assert()
        .success()
        .stderr(predicate::str::contains("no changes"));
}

// Unix: the editor is a shell script (a Windows program cannot run it).
#[cfg(unix)]
#[test]
fn edit_refuses_an_invalid_edit_without_a_terminal() {
    let (tmp, dir) = new_journal();
    coltiva(&dir)
        .args(["add", "ACME S.r.l.", "--id", "acme"])
        .assert()
        .success();
    coltiva(&dir)
        .args(["log", "acme", "Called"])
        .assert()
        .success();
    let before = snapshot(&dir);
    let scratch = tmp.path().join("scratch");
    fs::create_dir(&scratch).unwrap();
    let script = editor_script(
        tmp.path(),
        "break.sh",
        "s/^\\[\\[interaction\\]\\]$/[[interaction]/",
    );
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("EDITOR", &script)
        .env("TMPDIR", &scratch)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("customers/acme.toml:7:"))
        .stderr(predicate::str::contains("keeps its previous version"));
    assert_eq!(snapshot(&dir), before);
    assert_eq!(fs::read_dir(&scratch).unwrap().count(), 0);

    // A failing editor, an editor that cannot start, an unknown customer.
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("EDITOR", "false")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing was changed"));
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("EDITOR", "/nonexistent/editor")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("could not start the editor"));
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("EDITOR", "vi 'unclosed")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("$EDITOR"));
    coltiva(&dir)
        .args(["edit", "zzz"])
        .env("EDITOR", "true")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown customer"));
    assert_eq!(snapshot(&dir), before);
}

// ---------------------------------------------------------------------------------------------
// completions, man, help

#[test]
fn completions_and_man_pages() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("none");
    for shell in ["bash", "zsh", "fish"] {
        let out = stdout_of(coltiva(&dir).args(["completions", shell]));
        // The script registers coltiva's dynamic completer (tests/e2e/daily.rs drives it in bash).
        assert!(
            out.contains("coltiva") && out.contains("COMPLETE"),
            "{shell}"
        );
    }
    coltiva(&dir).args(["completions", "tcsh"]).assert().code(2);
    let man = stdout_of(coltiva(&dir).arg("man"));
    assert!(man.contains(".TH coltiva"), "{man}");
    let man = stdout_of(coltiva(&dir).args(["man", "import"]));
    assert!(man.contains("coltiva\\-import"), "{man}");
    assert!(man.contains("\\-\\-date\\-format"), "{man}");
    coltiva(&dir)
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no command \"nope\""));
}

#[test]
fn every_command_help_has_an_example() {
    use clap::CommandFactory;
    let command = coltiva::cli::Cli::command();
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("none");
    let root = stdout_of(coltiva(&dir).arg("--help"));
    assert!(root.contains("Examples:"));
    let mut seen = 0;
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        let help = stdout_of(coltiva(&dir).args([name, "--help"]));
        assert!(
            help.contains("Examples:\n  coltiva"),
            "{name} --help has no example:\n{help}"
        );
        seen += 1;
    }
    assert!(seen >= 19, "{seen}");
}

#[test]
fn merge_driver_appends_merges_edits_and_reports_conflicts() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("none");
    let base = "schema = 1\nname = \"ACME\"\nkind = \"external\"\n\n[[order]]\nat = 2026-11-01\namount = 5\n";
    let ours_add = "\n[[interaction]]\nat = 2026-11-20\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"Anna\"\n\n[[order]]\nat = 2026-11-20\namount = 500\n";
    let theirs_add = "\n[[interaction]]\nat = 2026-11-21\nchannel = \"visit\"\ndirection = \"out\"\nsummary = \"Bruno\"\n\n[[order]]\nat = 2026-11-21\namount = 500\n";
    let files = |name: &str, ours: &str, theirs: &str| {
        let b = write(&tmp.path().join(format!("{name}.base")), base);
        let o = write(&tmp.path().join(format!("{name}.ours")), ours);
        let t = write(&tmp.path().join(format!("{name}.theirs")), theirs);
        (b, o, t)
    };
    // Both sides appended: base, ours, theirs.
    let (b, o, t) = files(
        "append",
        &format!("{base}{ours_add}"),
        &format!("{base}{theirs_add}"),
    );
    coltiva(&dir)
        .arg("merge-driver")
        .args([&b, &o, &t])
        .arg("customers/acme.toml")
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&o).unwrap(),
        format!("{base}{ours_add}{theirs_add}")
    );
    // A header edit on one side and an append on the other: git's merge joins them.
    let renamed = base.replace("ACME", "ACME S.p.A.");
    let (b, o, t) = files("edit", &renamed, &format!("{base}{theirs_add}"));
    coltiva(&dir)
        .arg("merge-driver")
        .args([&b, &o, &t])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&o).unwrap(),
        format!("{renamed}{theirs_add}")
    );
    // The same header line edited differently on both sides: a conflict, exit 1.
    let (b, o, t) = files(
        "conflict",
        &base.replace("ACME", "ACME A"),
        &base.replace("ACME", "ACME B"),
    );
    coltiva(&dir)
        .arg("merge-driver")
        .args([&b, &o, &t])
        .arg("customers/acme.toml")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "customers/acme.toml: both sides changed the same lines",
        ));
    assert!(fs::read_to_string(&o).unwrap().contains("<<<<<<<"));
}

// Unix: the editor is a shell script (a Windows program cannot run it).
#[cfg(unix)]
#[test]
fn edit_does_not_overwrite_records_appended_meanwhile() {
    let (tmp, dir) = new_journal();
    coltiva(&dir)
        .args(["add", "ACME S.r.l.", "--id", "acme"])
        .assert()
        .success();
    let scratch = tmp.path().join("scratch");
    fs::create_dir(&scratch).unwrap();
    // The "editor" renames the customer while someone else appends a record to the real file.
    let real = dir.join("customers/acme.toml");
    let script = tmp.path().join("busy.sh");
    write(
        &script,
        &format!(
            "#!/bin/sh\nsed -i 's/ACME S.r.l./ACME S.p.A./' \"$1\"\nprintf '\\n[[order]]\\nat = 2026-11-20\\namount = 5\\n' >> '{}'\n",
            real.display()
        ),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    }
    coltiva(&dir)
        .args(["edit", "acme"])
        .env("EDITOR", &script)
        .env("TMPDIR", &scratch)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "changed while you were editing it",
        ))
        .stderr(predicate::str::contains("Your edited version is kept in"));
    let file = fs::read_to_string(&real).unwrap();
    assert!(
        file.contains("ACME S.r.l.") && file.contains("amount = 5"),
        "{file}"
    );
    // The edited copy is still there for the user, in the journal's .cache/edit/kept-…
    // (never in $TMPDIR), and no later edit removes it.
    assert_eq!(fs::read_dir(&scratch).unwrap().count(), 0);
    let kept: Vec<_> = fs::read_dir(dir.join(".cache/edit"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        kept[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("kept-"),
        "{kept:?}"
    );
    assert!(
        fs::read_to_string(kept[0].join("acme.toml"))
            .unwrap()
            .contains("ACME S.p.A.")
    );
}
