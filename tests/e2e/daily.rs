//! Daily habits (PRODUCT.md §8.5, §8.2 filters): the agenda and its calendar feed, filters and
//! `report --by`, completion through a real shell, undo after every write, `init --git`.

use crate::common;

use std::io::BufReader;
use std::process::Command as Std;

use common::{Journal, Run, assert_unchanged};
use serde_json::Value;

/// A journal with every kind of agenda line (as of 2026-11-23, the tests' day):
/// - rossi (cadence 10d): last contact 2026-11-15 → next contact 2026-11-25;
///   ours: p_late due 11-20, p_soon due 11-28, p_far due 12-10, p_kept due 11-22 (kept);
///   theirs: t_late due 11-21, t_soon due 11-26;
/// - bianchi (cadence 30d): last contact 2026-10-01 → next contact 2026-10-31 (overdue);
/// - romano (cadence 60d, since 2026-11-01, no contact) → next contact 2026-12-31.
struct Agenda {
    j: Journal,
    p_late: String,
    p_soon: String,
    p_far: String,
    p_kept: String,
    t_late: String,
    t_soon: String,
}

fn agenda_journal() -> Agenda {
    let j = Journal::new();
    j.add(
        "Rossi Impianti",
        &["--id", "rossi", "--cadence", "10d", "--since", "2026-10-01"],
    );
    j.add(
        "Bianchi",
        &[
            "--id",
            "bianchi",
            "--cadence",
            "30d",
            "--since",
            "2026-09-01",
        ],
    );
    j.add(
        "Romano Bar",
        &[
            "--id",
            "romano",
            "--cadence",
            "60d",
            "--since",
            "2026-11-01",
        ],
    );
    j.ok(["log", "rossi", "Called", "--at", "2026-11-15"]);
    j.ok(["log", "bianchi", "Visited", "--at", "2026-10-01"]);
    let at = ["--at", "2026-11-10"];
    let p_late = j.promise("rossi", "Send the quote", "2026-11-20", &at);
    let p_soon = j.promise(
        "rossi",
        "Call back, with prices; and terms",
        "2026-11-28",
        &at,
    );
    let p_far = j.promise("rossi", "Visit the plant", "2026-12-10", &at);
    let p_kept = j.promise("rossi", "Send the catalogue", "2026-11-22", &at);
    j.ok(["keep", &p_kept, "--at", "2026-11-21"]);
    let them = ["--by", "them", "--at", "2026-11-10"];
    let t_late = j.promise("rossi", "Pay invoice 114", "2026-11-21", &them);
    let t_soon = j.promise("rossi", "Send the drawings", "2026-11-26", &them);
    Agenda {
        j,
        p_late,
        p_soon,
        p_far,
        p_kept,
        t_late,
        t_soon,
    }
}

/// (due, kind, customer, promise or "") of each agenda line.
fn lines(j: &Journal, day: &str, extra: &[&str]) -> Vec<(String, String, String, String)> {
    let mut cmd = j.cmd_on(day);
    cmd.args(["agenda", "--format", "json"]).args(extra);
    let run = Run::of(&mut cmd).ok();
    let v: Value = serde_json::from_str(&run.stdout).expect("agenda JSON");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|i| {
            (
                i["due"].as_str().unwrap().to_string(),
                i["kind"].as_str().unwrap().to_string(),
                i["customer"].as_str().unwrap().to_string(),
                i["promise"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn l(due: &str, kind: &str, customer: &str, promise: &str) -> (String, String, String, String) {
    (due.into(), kind.into(), customer.into(), promise.into())
}

#[test]
fn agenda_holds_every_kind_of_due_item_soonest_first() {
    let a = agenda_journal();
    let j = &a.j;
    // 2026-11-23, 7 days ahead (to 11-30).
    assert_eq!(
        lines(j, "2026-11-23", &[]),
        vec![
            l("2026-10-31", "contact", "bianchi", ""),
            l("2026-11-20", "keep", "rossi", &a.p_late),
            l("2026-11-21", "chase", "rossi", &a.t_late),
            l("2026-11-25", "contact", "rossi", ""),
            l("2026-11-28", "keep", "rossi", &a.p_soon),
        ]
    );
    // Earlier: t_late is not yet overdue, p_soon is beyond the week, p_kept is not kept yet
    // (it is on 11-21); rossi's contact is on the last day of the window.
    assert_eq!(
        lines(j, "2026-11-18", &[]),
        vec![
            l("2026-10-31", "contact", "bianchi", ""),
            l("2026-11-20", "keep", "rossi", &a.p_late),
            l("2026-11-22", "keep", "rossi", &a.p_kept),
            l("2026-11-25", "contact", "rossi", ""),
        ]
    );
    // Later: both their promises are overdue; a longer horizon brings p_far and romano in.
    assert_eq!(
        lines(j, "2026-11-27", &["--days", "14"]),
        vec![
            l("2026-10-31", "contact", "bianchi", ""),
            l("2026-11-20", "keep", "rossi", &a.p_late),
            l("2026-11-21", "chase", "rossi", &a.t_late),
            l("2026-11-25", "contact", "rossi", ""),
            l("2026-11-26", "chase", "rossi", &a.t_soon),
            l("2026-11-28", "keep", "rossi", &a.p_soon),
            l("2026-12-10", "keep", "rossi", &a.p_far),
        ]
    );
    assert_eq!(
        lines(j, "2026-11-27", &["--days", "40"]).last(),
        Some(&l("2026-12-31", "contact", "romano", ""))
    );
    // Keeping a promise and logging a contact take their lines away.
    j.ok(["keep", &a.p_late]);
    j.ok(["log", "bianchi", "Called"]);
    let now = lines(j, "2026-11-23", &[]);
    assert!(
        !now.iter().any(|x| x.3 == a.p_late || x.2 == "bianchi"),
        "{now:?}"
    );
    assert_eq!(now.len(), 3);
    // Filters apply: only bianchi is tagged.
    j.ok(["set", "bianchi", "tags+=bar"]);
    assert_eq!(
        lines(j, "2026-11-23", &["--tag", "bar", "--days", "60"]),
        vec![l("2026-12-23", "contact", "bianchi", "")]
    );
}

#[test]
fn agenda_prints_in_every_format() {
    let a = agenda_journal();
    let table = a.j.ok(["agenda"]).stdout;
    assert!(table.contains("23 days overdue"), "{table}");
    assert!(table.contains("in 2 days"), "{table}");
    assert!(table.contains(&a.p_late), "{table}");
    let md = a.j.ok(["agenda", "--format", "markdown"]).stdout;
    assert!(md.contains("| due"), "{md}");
    let csv = a.j.ok(["agenda", "--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "due",
            "days",
            "overdue",
            "kind",
            "customer",
            "customer_name",
            "promise",
            "what"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[0][0], "2026-10-31");
    assert_eq!(&rows[0][1], "-23");
    // An empty agenda says so (not silence).
    let empty = Journal::new();
    empty.add("Nuovo", &["--cadence", "30d"]);
    let out = empty.ok(["agenda"]).stdout;
    assert!(out.contains("nothing due"), "{out}");
    // A bad filter is a usage error and changes nothing.
    a.j.fails(["agenda", "--where", "territory"], 2, "expected KEY=VALUE");
}

/// Undoes RFC 5545 TEXT escaping (the `ical` parser keeps values as written).
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn events(ics: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = parser
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(parser.next().is_none(), "exactly one calendar");
    calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    let params = p
                        .params
                        .as_ref()
                        .map(|ps| {
                            ps.iter()
                                .map(|(k, v)| format!(";{k}={}", v.join(",")))
                                .collect::<String>()
                        })
                        .unwrap_or_default();
                    (
                        format!("{}{params}", p.name),
                        p.value.clone().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_calendar_feed_is_valid_rfc5545_with_stable_uids() {
    let a = agenda_journal();
    let ics = a.j.ok(["agenda", "--format", "ics"]).stdout;
    // CRLF everywhere, no line over 75 octets, folded lines start with a space.
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
    let first = events(&ics);
    assert_eq!(first.len(), 5);
    for e in &first {
        assert!(e.contains_key("DTSTAMP"), "{e:?}");
        let start = e.get("DTSTART;VALUE=DATE").expect("an all-day start");
        let end = e.get("DTEND;VALUE=DATE").expect("an all-day end");
        assert!(end > start, "{start} {end}");
    }
    let by_uid = |evs: &[std::collections::BTreeMap<String, String>], uid: &str| {
        evs.iter()
            .find(|e| e["UID"] == uid)
            .cloned()
            .unwrap_or_else(|| panic!("no event {uid} in {evs:?}"))
    };
    // Text with , ; survives the round trip; an overdue item sits on the as-of day.
    let soon = by_uid(&first, &format!("promise-rossi-{}@coltiva", a.p_soon));
    assert_eq!(
        unescape(&soon["SUMMARY"]),
        "Keep: Call back, with prices; and terms — Rossi Impianti"
    );
    assert!(unescape(&soon["DESCRIPTION"]).contains("\ncustomer: rossi\n"));
    assert_eq!(soon["DTSTART;VALUE=DATE"], "20261128");
    let late = by_uid(&first, &format!("promise-rossi-{}@coltiva", a.p_late));
    assert_eq!(late["DTSTART;VALUE=DATE"], "20261123");
    assert!(unescape(&late["SUMMARY"]).contains("(due 2026-11-20, 3 days overdue)"));
    let contact = by_uid(&first, "contact-rossi@coltiva");
    assert_eq!(contact["DTSTART;VALUE=DATE"], "20261125");
    // A re-export after a new contact moves the same event (same UID), adds none.
    a.j.ok(["log", "rossi", "Called again", "--at", "2026-11-22"]);
    let again = events(&a.j.ok(["agenda", "--format", "ics", "--days", "14"]).stdout);
    let contact = by_uid(&again, "contact-rossi@coltiva");
    assert_eq!(contact["DTSTART;VALUE=DATE"], "20261202");
    let uids: std::collections::BTreeSet<_> = again.iter().map(|e| e["UID"].clone()).collect();
    assert_eq!(uids.len(), again.len(), "UIDs are unique");
}

#[test]
fn filters_and_groups_match_hand_counts() {
    let j = Journal::new();
    // territory, tags:      a Milano [bar, idraulica]   b Milano [bar]   c Brescia [idraulica]
    //                       d (none) [bar, idraulica] internal
    j.add(
        "Alfa",
        &[
            "--id",
            "a",
            "--tag",
            "bar",
            "--tag",
            "idraulica",
            "--set",
            "territory=Milano",
            "--since",
            "2026-10-01",
        ],
    );
    j.add(
        "Beta",
        &[
            "--id",
            "b",
            "--tag",
            "bar",
            "--set",
            "territory=Milano",
            "--since",
            "2026-10-01",
        ],
    );
    j.add(
        "Gamma",
        &[
            "--id",
            "c",
            "--tag",
            "idraulica",
            "--set",
            "territory=Brescia",
            "--since",
            "2026-10-01",
        ],
    );
    j.add(
        "Delta",
        &[
            "--id",
            "d",
            "--tag",
            "bar",
            "--tag",
            "idraulica",
            "--kind",
            "internal",
            "--since",
            "2026-10-01",
        ],
    );
    j.ok(["order", "a", "100", "--at", "2026-11-20"]);
    j.ok(["order", "a", "50", "--at", "2026-11-01"]); // before the period
    j.ok(["order", "c", "30", "--at", "2026-11-22"]);
    j.ok(["log", "b", "Called", "--at", "2026-11-18"]);
    j.ok([
        "log",
        "b",
        "Mailed",
        "--at",
        "2026-11-19",
        "--channel",
        "email",
    ]);
    j.ok(["log", "c", "Called", "--at", "2026-11-21"]);
    let pa = j.promise("a", "Quote", "2026-11-20", &["--at", "2026-11-10"]);
    j.ok(["keep", &pa, "--at", "2026-11-19"]);
    let pb = j.promise("b", "Samples", "2026-11-19", &["--at", "2026-11-10"]);
    j.ok(["break", &pb, "--at", "2026-11-21"]);
    j.promise("c", "Price list", "2026-11-30", &["--at", "2026-11-10"]);
    j.promise(
        "d",
        "Pay",
        "2026-11-10",
        &["--at", "2026-11-01", "--by", "them"],
    );

    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json", "--sort", "id"];
        all.extend_from_slice(args);
        j.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--tag", "bar", "--tag", "idraulica"]), ["a", "d"]);
    assert_eq!(ids(&["--where", "territory=milano"]), ["a", "b"]);
    assert_eq!(
        ids(&["--where", "territory=Milano", "--tag", "idraulica"]),
        ["a"]
    );
    assert_eq!(ids(&["--where", "kind=internal"]), ["d"]);
    assert_eq!(
        ids(&["--tag", "bar", "--where", "kind=external"]),
        ["a", "b"]
    );
    assert!(ids(&["--where", "territory=Roma"]).is_empty());

    // promises: customers as arguments (prefix or name), and filters.
    let promise_customers = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["promises", "--format", "json"];
        all.extend_from_slice(args);
        let mut v: Vec<String> = j
            .json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["customer"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(promise_customers(&["a", "Gamma"]), ["a", "c"]);
    assert_eq!(promise_customers(&["--tag", "bar"]), ["a", "b", "d"]);
    assert_eq!(
        promise_customers(&["--where", "territory=Milano", "b"]),
        ["b"]
    );
    j.fails(["promises", "zzz"], 2, "zzz");

    // export and report take the filter too.
    let export = j.json(["export", "--where", "territory=Brescia"]);
    assert_eq!(export.to_string().matches("\"Gamma\"").count(), 1);
    assert!(!export.to_string().contains("\"Alfa\""));
    let report = j.json(["report", "--tag", "bar", "--format", "json"]);
    assert_eq!(report["customers"], 3);

    // report --by territory over 2026-11-17 ..= 2026-11-23.
    let period = ["--since", "2026-11-17", "--until", "2026-11-23"];
    let r = j.json(
        [
            &["report", "--by", "territory", "--format", "json"][..],
            &period,
        ]
        .concat(),
    );
    assert_eq!(r["by"], "territory");
    let groups = r["groups"].as_array().unwrap();
    let values: Vec<&str> = groups
        .iter()
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["Brescia", "Milano", "(none)"]);
    let g = |v: &str| groups.iter().find(|g| g["value"] == v).unwrap().clone();
    let milano = g("Milano");
    assert_eq!(milano["customers"], 2);
    assert_eq!(milano["orders"], 1);
    assert_eq!(milano["order_total"], 100);
    // Contacts in the period: b's call and mail, a's order.
    assert_eq!(milano["contacts"], 3);
    assert_eq!(milano["kept_rates"]["period_us"]["kept"], 1);
    assert_eq!(milano["kept_rates"]["period_us"]["broken"], 1);
    let brescia = g("Brescia");
    assert_eq!(
        (brescia["customers"].clone(), brescia["orders"].clone()),
        (1.into(), 1.into())
    );
    let none = g("(none)");
    assert_eq!(none["customers"], 1);
    // d is internal: its promises count on the internal rows (PRODUCT.md §8.3).
    assert_eq!(none["kept_rates"]["trailing_them"]["overdue"], 0);
    assert_eq!(
        none["kept_rates"]["internal"]["trailing_them"]["overdue"],
        1
    );
    // By tag: a customer counts in each of its tags.
    let r = j.json([&["report", "--by", "tag", "--format", "json"][..], &period].concat());
    let counts: Vec<(String, i64)> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["value"].as_str().unwrap().into(),
                g["customers"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [("bar".into(), 3), ("idraulica".into(), 3)]);
    let table = j.ok(["report", "--by", "territory"]).stdout;
    assert!(table.contains("By territory"), "{table}");
    j.fails(["report", "--by", "bad key"], 2, "attribute key");
    j.fails(["list", "--where", "phase=gone"], 2, "gone");
    j.fails(["list", "--where", "tags=bar"], 2, "--tag bar");
}

#[test]
fn bash_completes_customer_ids_promise_ids_and_words() {
    if Std::new("bash").arg("--version").output().is_err() {
        common::skip_unless_required("bash is not installed");
        return;
    }
    let j = Journal::new();
    j.add("Rossi Impianti", &["--id", "rossi"]);
    j.add("Romano Bar", &["--id", "romano"]);
    j.add("Bianchi", &["--id", "bianchi"]);
    let open = j.promise("rossi", "Quote", "2026-12-01", &[]);
    let kept = j.promise("romano", "Visit", "2026-12-01", &[]);
    j.ok(["keep", &kept]);
    let script = j.ok(["completions", "bash"]).stdout;
    let script_path = j.tmp().join("coltiva.bash");
    std::fs::write(&script_path, script).unwrap();
    let bin_dir = std::path::Path::new(common::BIN).parent().unwrap();
    let complete = |words: &[&str]| -> Vec<String> {
        let line = words.join(" ");
        let program = format!(
            "source {script}; COMP_WORDS=({line}); COMP_CWORD={cword}; COMP_LINE='{line}'; \
             COMP_POINT=${{#COMP_LINE}}; _clap_complete_coltiva coltiva '{cur}' '{prev}'; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script = script_path.display(),
            cword = words.len() - 1,
            cur = words[words.len() - 1],
            prev = words[words.len() - 2],
        );
        let out = Std::new("bash")
            .arg("-c")
            .arg(program)
            .env(
                "PATH",
                format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
            )
            .env("COLTIVA_DIR", j.root())
            .current_dir(j.tmp())
            .output()
            .expect("bash runs");
        let mut got: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        got.sort();
        got
    };
    assert_eq!(complete(&["coltiva", "show", "ro"]), ["romano", "rossi"]);
    assert_eq!(complete(&["coltiva", "log", "b"]), ["bianchi"]);
    // Only the open promise, not the kept one.
    let ids: Vec<String> = complete(&["coltiva", "keep", ""])
        .into_iter()
        .filter(|c| !c.starts_with('-'))
        .collect();
    assert_eq!(ids, vec![open.clone()]);
    assert_eq!(
        complete(&["coltiva", "break", &open[..2]]),
        vec![open.clone()]
    );
    assert_eq!(
        complete(&["coltiva", "phase", "rossi", "p"]),
        ["partner", "potential"]
    );
    assert_eq!(
        complete(&["coltiva", "log", "rossi", "x", "--channel", ""]),
        ["call", "email", "meeting", "message", "note", "visit"]
    );
    assert_eq!(complete(&["coltiva", "agenda", "--format", "i"]), ["ics"]);
    // The internal merge driver is not offered.
    let commands = complete(&["coltiva", "m"]);
    assert!(
        !commands.iter().any(|c| c.starts_with("merge")),
        "{commands:?}"
    );
    assert!(commands.contains(&"man".to_string()), "{commands:?}");
    // zsh and fish scripts exist too.
    for shell in ["zsh", "fish"] {
        let s = j.ok(["completions", shell]).stdout;
        assert!(s.contains("COMPLETE"), "{shell}: {s}");
    }
}

#[test]
fn undo_takes_back_each_write_command() {
    let j = Journal::new();
    j.add("Rossi Impianti", &["--id", "rossi"]);
    let p = j.promise("rossi", "Quote", "2026-12-01", &["--at", "2026-11-20"]);
    let writes: Vec<Vec<String>> = [
        vec!["log", "rossi", "Called"],
        vec!["order", "rossi", "120.50"],
        vec!["promise", "rossi", "Visit", "--due", "2026-12-05"],
        vec!["keep", &p],
        vec!["break", &p],
        vec!["cancel", &p],
        vec!["renegotiate", &p, "--due", "2026-12-20"],
        vec!["phase", "rossi", "partner", "--reason", "agreement"],
        vec!["set", "rossi", "tags+=vip", "territory=Milano"],
        vec!["add", "Bianchi S.r.l."],
    ]
    .iter()
    .map(|w| w.iter().map(|s| s.to_string()).collect())
    .collect();
    for write in &writes {
        let before = j.files();
        j.ok(write);
        assert_ne!(before, j.files(), "{write:?} wrote something");
        let dry = j.ok(["undo", "--dry-run"]);
        assert!(dry.stderr.contains("would take back"), "{}", dry.stderr);
        assert!(!dry.stdout.is_empty(), "--dry-run shows the bytes");
        assert_ne!(before, j.files(), "--dry-run changes nothing");
        let run = j.ok(["undo"]);
        assert!(run.stderr.contains("took back"), "{}", run.stderr);
        assert_unchanged(&before, &j.files(), &format!("undo after {write:?}"));
        // Once only.
        j.fails(["undo"], 1, "nothing to undo");
    }
}

#[test]
fn undo_refuses_after_another_write_or_an_edit() {
    let j = Journal::new();
    j.add("Rossi Impianti", &["--id", "rossi"]);
    // Bytes that arrive after our write (a pull, another program) at the end of the file.
    j.ok(["log", "rossi", "Called"]);
    let mut text = j.text("rossi");
    text.push_str("\n[[interaction]]\nat = 2026-11-22\nchannel = \"call\"\ndirection = \"in\"\nsummary = \"They called\"\n");
    std::fs::write(j.file("rossi"), &text).unwrap();
    let run = j.fails(["undo"], 1, "changed after that write");
    assert!(run.stderr.contains("nothing was changed"), "{}", run.stderr);
    j.fails(["undo", "--dry-run"], 1, "changed after that write");
    // An edit inside the bytes the write left.
    j.ok(["log", "rossi", "Mailed", "--channel", "email"]);
    let edited = j.text("rossi").replace("Mailed", "Mailed twice");
    std::fs::write(j.file("rossi"), edited).unwrap();
    j.fails(["undo"], 1, "changed after that write");
    // A header edit followed by an append: the header record no longer matches.
    j.ok(["set", "rossi", "territory=Milano"]);
    std::fs::write(j.file("rossi"), j.text("rossi") + "# a comment\n").unwrap();
    j.fails(["undo"], 1, "changed after that write");
    // An import is not undone, and undo does not reach past it to the write before.
    j.ok(["log", "rossi", "Called once more"]);
    let csv = j.tmp().join("rows.csv");
    std::fs::write(
        &csv,
        "customer,type,at,summary\nrossi,interaction,2026-11-20,Imported\n",
    )
    .unwrap();
    j.ok(["import", csv.to_str().unwrap()]);
    j.fails(["undo"], 1, "nothing to undo");
    // A customer file removed since: refused.
    j.add("Bianchi", &["--id", "bianchi"]);
    std::fs::remove_file(j.file("bianchi")).unwrap();
    j.fails(["undo"], 1, "the file is gone");
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Std::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn init_git_commits_its_set_up_and_turns_autocommit_on() {
    if Std::new("git").arg("--version").output().is_err() {
        common::skip_unless_required("git is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("j");
    let identity = [
        ("GIT_AUTHOR_NAME", "Test"),
        ("GIT_AUTHOR_EMAIL", "t@example.com"),
        ("GIT_COMMITTER_NAME", "Test"),
        ("GIT_COMMITTER_EMAIL", "t@example.com"),
    ];
    let cmd = || {
        let mut c = common::coltiva(&root);
        c.envs(identity);
        c
    };
    Run::of(
        common::bare(tmp.path())
            .envs(identity)
            .args(["init", "--git"])
            .arg(&root),
    )
    .ok();
    assert_eq!(
        git(&root, &["status", "--porcelain", "--untracked-files=all"]),
        ""
    );
    let tracked = git(&root, &["ls-files"]);
    for f in ["coltiva.toml", ".gitattributes", ".gitignore"] {
        assert!(
            tracked.lines().any(|l| l == f),
            "{f} is committed: {tracked}"
        );
    }
    let settings: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("coltiva.toml")).unwrap()).unwrap();
    assert_eq!(settings["git"]["autocommit"].as_bool(), Some(true));
    Run::of(cmd().args(["add", "ACME S.r.l.", "--id", "acme"])).ok();
    Run::of(cmd().args(["log", "acme", "Called Paola about the Q1 prices"])).ok();
    Run::of(cmd().args(["undo"])).ok();
    assert_eq!(
        git(&root, &["status", "--porcelain", "--untracked-files=all"]),
        ""
    );
    let log = git(&root, &["log", "--format=%s"]);
    let subjects: Vec<&str> = log.lines().collect();
    assert_eq!(
        subjects[1],
        "log acme: call — Called Paola about the Q1 prices"
    );
    assert!(subjects[0].starts_with("undo acme"), "{subjects:?}");
    assert_eq!(subjects[2], "add acme — ACME S.r.l.");
    assert_eq!(subjects.len(), 4, "{subjects:?}");
    // Running init --git again changes nothing and commits nothing.
    Run::of(
        common::bare(tmp.path())
            .envs(identity)
            .args(["init", "--git"])
            .arg(&root),
    )
    .ok();
    assert_eq!(git(&root, &["log", "--format=%s"]).lines().count(), 4);
}

/// Runs `program` in `shell` with the journal's binary on PATH; None when the shell is missing.
fn in_shell(shell: &str, args: &[&str], program: &str, j: &Journal) -> Option<Vec<String>> {
    if Std::new(shell).arg("--version").output().is_err() {
        common::skip_unless_required(&format!("{shell} is not installed"));
        return None;
    }
    let bin_dir = std::path::Path::new(common::BIN).parent().unwrap();
    let out = Std::new(shell)
        .args(args)
        .arg(program)
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        )
        .env("COLTIVA_DIR", j.root())
        .current_dir(j.tmp())
        .output()
        .expect("the shell runs");
    let mut got: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with('-'))
        .collect();
    got.sort();
    Some(got)
}

#[test]
fn fish_and_zsh_complete_customer_and_promise_ids() {
    let j = Journal::new();
    j.add("Rossi Impianti", &["--id", "rossi"]);
    j.add("Romano Bar", &["--id", "romano"]);
    j.add("Bianchi", &["--id", "bianchi"]);
    let open = j.promise("rossi", "Quote", "2026-12-01", &[]);
    for shell in ["fish", "zsh"] {
        let script = j.tmp().join(format!("coltiva.{shell}"));
        std::fs::write(&script, j.ok(["completions", shell]).stdout).unwrap();
    }
    // fish: `complete -C` asks the registered completion for a command line.
    let fish = |line: &str| {
        let program = format!(
            "source {}; complete -C '{line}'",
            j.tmp().join("coltiva.fish").display()
        );
        in_shell("fish", &["--no-config", "-c"], &program, &j)
    };
    if let Some(got) = fish("coltiva show ro") {
        assert_eq!(got, ["romano", "rossi"]);
        let ids = fish("coltiva keep ").unwrap();
        assert_eq!(ids, vec![format!("{open}\trossi: Quote")]);
    }
    // zsh: the generated function runs in a real zsh; the completion system's `_describe`
    // (which needs an interactive line editor) is replaced by one that prints the candidates.
    let zsh = |words: &str, current: usize| {
        let program = format!(
            "compdef() {{ :; }}; _describe() {{ print -l -- \"${{(@P)3}}\"; }}; source {}; \
             words=({words}); CURRENT={current}; _clap_dynamic_completer_coltiva",
            j.tmp().join("coltiva.zsh").display()
        );
        in_shell("zsh", &["-f", "-c"], &program, &j)
    };
    if let Some(got) = zsh("coltiva show ro", 3) {
        assert_eq!(got, ["romano", "rossi"]);
        let ids = zsh("coltiva keep ''", 3).unwrap();
        assert_eq!(ids, vec![format!("{open}:rossi: Quote")]);
    }
}

/// `init --git` in a folder inside another repository (here an ignored one, as a build folder
/// is) gives the journal a repository of its own: its writes commit there, the outer
/// repository is never written to, and no write warns.
#[test]
fn init_git_inside_another_repository_makes_the_journal_its_own() {
    if Std::new("git").arg("--version").output().is_err() {
        common::skip_unless_required("git is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let outer = tmp.path().join("project");
    let identity = [
        ("GIT_AUTHOR_NAME", "Test"),
        ("GIT_AUTHOR_EMAIL", "t@example.com"),
        ("GIT_COMMITTER_NAME", "Test"),
        ("GIT_COMMITTER_EMAIL", "t@example.com"),
    ];
    std::fs::create_dir(&outer).unwrap();
    git(&outer, &["init", "--quiet"]);
    std::fs::write(outer.join(".gitignore"), "/target\n").unwrap();
    let outer_git = |args: &[&str]| {
        let out = Std::new("git")
            .arg("-C")
            .arg(&outer)
            .args(args)
            .envs(identity)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    outer_git(&["add", ".gitignore"]);
    outer_git(&["commit", "--quiet", "-m", "the project"]);
    let root = outer.join("target").join("j");
    let init = Run::of(
        common::bare(tmp.path())
            .envs(identity)
            .args(["init", "--git"])
            .arg(&root),
    )
    .ok();
    assert!(
        init.stderr
            .contains("created a git repository of its own in")
            && init.stderr.contains("which coltiva leaves alone"),
        "{}",
        init.stderr
    );
    assert!(
        root.join(".git").is_dir(),
        "the journal has its own repository"
    );
    let cmd = || {
        let mut c = common::coltiva(&root);
        c.envs(identity);
        c
    };
    let add = Run::of(cmd().args(["add", "ACME S.r.l.", "--id", "acme"])).ok();
    let log = Run::of(cmd().args(["log", "acme", "Called Paola", "--today", "2026-12-06"])).ok();
    for run in [&add, &log] {
        assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    }
    let subjects = git(&root, &["log", "--format=%s"]);
    assert_eq!(subjects.lines().count(), 3, "{subjects}");
    assert_eq!(
        git(&outer, &["log", "--format=%s"]).trim(),
        "the project",
        "the outer repository is not written to"
    );
    assert_eq!(git(&outer, &["status", "--porcelain"]), "");
}
