//! Property tests: any text a user can pass on a command line (quotes, newlines, `"""`, `'''`,
//! `[[x]]`, emoji, right-to-left text, control characters) is either stored exactly — read back
//! by the toml crate and through `show --format json|csv` — or refused with exit 1 or 2, a
//! message and no file changed. Never a panic, never a mangled text.
//!
//! Each case runs the binary a few times, so the case count is kept small.

use crate::common;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

use common::{Journal, assert_unchanged, str_field};

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Texts built from the pieces that break naive serializers, plus any character but NUL
/// (which no command line can carry).
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z0-9 ]{1,8}",
        1 => Just("\"".to_string()),
        1 => Just("\"\"\"".to_string()),
        1 => Just("'".to_string()),
        1 => Just("'''".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("\\".to_string()),
        1 => Just("\\n".to_string()),
        1 => Just("\\u0041".to_string()),
        1 => Just("[[x]]".to_string()),
        1 => Just("[[interaction]]\nsummary = 1".to_string()),
        1 => Just("# not a comment".to_string()),
        1 => Just(" ".to_string()),
        1 => Just("-".to_string()),
        1 => Just("🌱".to_string()),
        1 => Just("👩‍👩‍👧".to_string()),
        1 => Just("مرحبا بالعالم".to_string()),
        1 => Just("\u{202e}evil\u{202c}".to_string()),
        1 => Just("\u{feff}".to_string()),
        1 => Just("\u{1b}[31m".to_string()),
        1 => Just("\u{7f}".to_string()),
        1 => Just("\u{85}\u{2028}".to_string()),
        2 => proptest::char::range('\u{1}', '\u{1f}').prop_map(String::from),
        2 => any::<char>()
            .prop_filter("no NUL", |c| *c != '\0')
            .prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// True when human output (table, markdown) is free of control characters but newlines.
fn no_controls(text: &str) -> bool {
    text.chars().all(|c| c == '\n' || !c.is_control())
}

/// The CSV value of `column` in the last row of `section` of a long-form CSV.
fn csv_last(text: &str, section: &str, column: &str) -> Option<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut found = None;
    for record in reader.records() {
        let record = record.expect("valid CSV");
        if &record[0] == section && &record[2] == column {
            found = Some(record[3].to_string());
        }
    }
    found
}

fn last<'a>(rows: &'a Value, what: &str) -> &'a Value {
    rows.as_array()
        .and_then(|r| r.last())
        .unwrap_or_else(|| panic!("no {what}"))
}

/// Runs a command that may be refused: a refusal must be exit 1 or 2 with a message on stderr
/// and no file changed. Returns whether it succeeded.
fn accepted_or_cleanly_refused(j: &Journal, args: &[&str], refusal: &str) -> Option<String> {
    let before = j.files();
    let run = j.run(args);
    if run.code == 0 {
        return Some(run.stdout);
    }
    assert!(
        run.code == 1 || run.code == 2,
        "{args:?}: exit {}",
        run.code
    );
    assert!(run.stderr.contains(refusal), "{args:?}: {}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_unchanged(&before, &j.files(), &format!("{args:?}"));
    None
}

#[test]
fn log_summaries_round_trip() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    runner()
        .run(&tricky_text(), |summary| {
            // Random texts on one day may repeat one another: meant (--again).
            let args = ["log", "acme", "--again", "--", summary.as_str()];
            let accepted = accepted_or_cleanly_refused(&j, &args, "the summary cannot be empty");
            let Some(stdout) = accepted else {
                assert!(summary.trim().is_empty(), "refused {summary:?}");
                return Ok(());
            };
            assert!(
                !summary.trim().is_empty(),
                "accepted a blank summary {summary:?}"
            );
            assert_eq!(stdout, "");
            let record = j.last("acme", "interaction");
            assert_eq!(str_field(&record, "summary"), summary, "in the file");
            let show = j.json(["show", "acme", "--format", "json"]);
            let entry = last(&show["records"], "records");
            assert_eq!(entry["text"], summary.as_str(), "in show --format json");
            let csv = j.ok(["show", "acme", "--format", "csv"]).stdout;
            assert_eq!(
                csv_last(&csv, "records", "details").as_deref(),
                Some(summary.as_str()),
                "in show --format csv"
            );
            for format in ["table", "markdown"] {
                let out = j.ok(["show", "acme", "--format", format]).stdout;
                assert!(
                    no_controls(&out),
                    "{format} leaks control characters: {out:?}"
                );
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn promise_texts_round_trip() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    runner()
        .run(&tricky_text(), |what| {
            let args = [
                "promise",
                "acme",
                "--due",
                "fri",
                "--again",
                "--",
                what.as_str(),
            ];
            let accepted =
                accepted_or_cleanly_refused(&j, &args, "what was promised cannot be empty");
            let Some(stdout) = accepted else {
                assert!(what.trim().is_empty(), "refused {what:?}");
                return Ok(());
            };
            assert!(!what.trim().is_empty(), "accepted a blank promise {what:?}");
            let id = stdout.trim_end();
            let record = j.last("acme", "promise");
            assert_eq!(str_field(&record, "id"), id);
            assert_eq!(str_field(&record, "what"), what, "in the file");
            let show = j.json(["show", "acme", "--format", "json"]);
            let promise = last(&show["promises"], "promises");
            assert_eq!(promise["id"], id);
            assert_eq!(promise["what"], what.as_str(), "in show --format json");
            let csv = j.ok(["promises", "--format", "csv"]).stdout;
            let mut reader = csv::Reader::from_reader(csv.as_bytes());
            let row = reader
                .records()
                .map(|r| r.expect("valid CSV"))
                .find(|r| &r[2] == id)
                .expect("the promise in CSV");
            assert_eq!(&row[4], what, "in promises --format csv");
            Ok(())
        })
        .unwrap();
}

#[test]
fn customer_names_round_trip() {
    let j = Journal::new();
    let n = std::cell::Cell::new(0);
    runner()
        .run(&tricky_text(), |name| {
            n.set(n.get() + 1);
            let id = format!("c{}", n.get());
            let args = ["add", "--id", id.as_str(), "--", name.as_str()];
            let refusal = "a customer name must have visible characters and no control characters";
            let trimmed = name.trim();
            let Some(stdout) = accepted_or_cleanly_refused(&j, &args, refusal) else {
                assert!(
                    trimmed.is_empty() || trimmed.chars().any(char::is_control),
                    "refused {name:?}"
                );
                return Ok(());
            };
            assert_eq!(stdout, format!("{id}\n"));
            assert!(
                !trimmed.is_empty() && !trimmed.chars().any(char::is_control),
                "accepted {name:?}"
            );
            // Surrounding white space is dropped; the rest is kept exactly.
            assert_eq!(j.toml(&id)["name"].as_str(), Some(trimmed), "in the file");
            let show = j.json(["show", id.as_str(), "--format", "json"]);
            assert_eq!(show["name"], trimmed, "in show --format json");
            Ok(())
        })
        .unwrap();
}

#[test]
fn order_references_and_notes_round_trip() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    runner()
        .run(&(tricky_text(), tricky_text()), |(reference, note)| {
            // `--ref=TEXT`: a text may start with a dash.
            let args = [
                "order".to_string(),
                "acme".to_string(),
                "12.50".to_string(),
                "--again".to_string(),
                format!("--ref={reference}"),
                format!("--note={note}"),
            ];
            let run = j.ok(&args);
            assert_eq!(run.stdout, "");
            let record = j.last("acme", "order");
            // Empty texts are absent; anything else is kept exactly.
            let field = |key: &str| record.get(key).and_then(|v| v.as_str().map(String::from));
            let expect = |text: &str| (!text.is_empty()).then(|| text.to_string());
            assert_eq!(field("ref"), expect(&reference), "ref in the file");
            assert_eq!(field("note"), expect(&note), "note in the file");
            Ok(())
        })
        .unwrap();
}
