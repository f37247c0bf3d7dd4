//! One rule, one owner: the command line and `import` call the same function for every rule
//! they share, so they give the same answer on the same input. Each test feeds one bad value to
//! both paths and asserts that both refuse it with the same words, that import names the line
//! and column, and that nothing on disk changed; and each accepted value is accepted by both.

use crate::common;

use std::path::PathBuf;

use common::Journal;

/// Writes a CSV file (by the csv crate, never by hand) next to the journal.
fn csv_file(j: &Journal, name: &str, rows: &[&[&str]]) -> PathBuf {
    let path = j.tmp().join(name);
    let mut writer = csv::Writer::from_path(&path).expect("a CSV file");
    for row in rows {
        writer.write_record(*row).expect("a CSV row");
    }
    writer.flush().expect("the CSV file written");
    path
}

fn journal_with_acme() -> Journal {
    let j = Journal::new();
    j.add("Acme", &[]);
    j
}

/// Import of `rows` fails with exit 1, names `place` and says `message`; nothing changes.
#[track_caller]
fn import_refuses(j: &Journal, rows: &[&[&str]], place: &str, message: &str) {
    let path = csv_file(j, "bad.csv", rows);
    let run = j.fails(
        [std::ffi::OsStr::new("import"), path.as_os_str()],
        1,
        message,
    );
    assert!(
        run.stderr.contains(place),
        "expected {place:?} in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
}

#[test]
fn dates_one_strict_parser_for_both_paths() {
    let j = journal_with_acme();
    for (bad, why) in [
        ("26-11-25", "invalid date \"26-11-25\""),
        ("2026-13-01", "not a calendar date"),
        ("2026-02-30", "not a calendar date"),
        ("2026-11-20T25:00", "not a valid time of day"),
        ("20261120", "invalid date \"20261120\""),
    ] {
        j.fails(["log", "acme", "x", "--at", bad], 2, why);
        import_refuses(
            &j,
            &[
                &["customer", "type", "at", "summary"],
                &["acme", "interaction", bad, "x"],
            ],
            "line 2, column \"at\"",
            why,
        );
    }
    // Every date cell is read by the same parser: `due` as `--due`, `since` as `add --since`.
    j.fails(
        ["promise", "acme", "Quote", "--due", "26-12-01"],
        2,
        "invalid date \"26-12-01\"",
    );
    import_refuses(
        &j,
        &[
            &["customer", "type", "at", "summary", "due"],
            &["acme", "promise", "2026-11-20", "Quote", "26-12-01"],
        ],
        "line 2, column \"due\"",
        "invalid date \"26-12-01\"",
    );
    j.fails(
        ["add", "Beta", "--since", "24-03-01"],
        2,
        "invalid date \"24-03-01\"",
    );
    import_refuses(
        &j,
        &[
            &["customer", "type", "name", "since"],
            &["beta", "customer", "Beta", "24-03-01"],
        ],
        "line 2, column \"since\"",
        "invalid date \"24-03-01\"",
    );
    // What the command line accepts, import accepts and stores alike.
    let path = csv_file(
        &j,
        "good.csv",
        &[
            &["customer", "type", "at", "summary"],
            &["acme", "interaction", "2026-11-20", "a"],
            &["acme", "interaction", "2026-11-20T10:30+01:00", "b"],
        ],
    );
    j.ok([std::ffi::OsStr::new("import"), path.as_os_str()]);
    let text = j.text("acme");
    assert!(text.contains("at = 2026-11-20\n"), "{text}");
    assert!(text.contains("at = 2026-11-20T10:30:00+01:00\n"), "{text}");
    assert!(!text.contains("0026"), "{text}");
}

#[test]
fn attribute_keys_one_rule_so_set_can_undo_what_import_wrote() {
    let j = journal_with_acme();
    let message = "an attribute key is letters, digits, _ and -";
    j.fails(["set", "acme", "bad key=x"], 2, message);
    j.fails(["add", "Beta", "--set", "bad key=x"], 2, message);
    import_refuses(
        &j,
        &[
            &["customer", "type", "name", "attributes"],
            &["beta", "customer", "Beta", "\"bad key\" = \"x\""],
        ],
        "line 2, column \"attributes\"",
        message,
    );
    // A reserved key is refused by both with the same words.
    let reserved = "has its own option or cannot be set this way";
    j.fails(["set", "acme", "interaction=x"], 2, reserved);
    j.fails(["add", "Beta", "--set", "interaction=x"], 2, reserved);
    import_refuses(
        &j,
        &[
            &["customer", "type", "name", "attributes"],
            &["beta", "customer", "Beta", "interaction = \"x\""],
        ],
        "line 2, column \"attributes\"",
        reserved,
    );
    // A key both accept, and `set` removes what import wrote.
    let path = csv_file(
        &j,
        "good.csv",
        &[
            &["customer", "type", "name", "attributes"],
            &["beta", "customer", "Beta", "territory = \"Brescia\""],
        ],
    );
    j.ok([std::ffi::OsStr::new("import"), path.as_os_str()]);
    assert!(j.text("beta").contains("territory = \"Brescia\""));
    j.ok(["set", "beta", "territory="]);
    assert!(!j.text("beta").contains("territory"), "{}", j.text("beta"));
}

#[test]
fn names_with_control_characters_one_rule() {
    let j = journal_with_acme();
    let message = "a customer name must have visible characters and no control characters";
    for bad in ["Line\nbreak", "Tab\there", "Bell\u{7}"] {
        j.fails(["add", bad], 2, message);
        j.fails(["set", "acme", &format!("name={bad}")], 2, message);
        import_refuses(
            &j,
            &[&["customer", "type", "name"], &["newco", "customer", bad]],
            "line 2, column \"name\"",
            message,
        );
    }
    // Tags follow one rule too.
    let tag = "a tag needs visible characters and no control characters";
    j.fails(["add", "Beta", "--tag", "a\u{7}b"], 2, tag);
    import_refuses(
        &j,
        &[
            &["customer", "type", "name", "tags"],
            &["beta", "customer", "Beta", "a\u{7}b"],
        ],
        "line 2, column \"tags\"",
        tag,
    );
}

#[test]
fn reserved_ids_one_rule() {
    let j = journal_with_acme();
    let message = "is a reserved device name on Windows";
    for bad in ["CON", "nul", "Com1"] {
        j.fails(["add", bad], 2, message);
        import_refuses(
            &j,
            &[
                &["customer", "type", "at", "summary"],
                &[bad, "interaction", "2026-11-20", "x"],
            ],
            "line 2, column \"customer\"",
            message,
        );
    }
    j.fails(["add", "X", "--id", "lpt1"], 2, message);
}

#[test]
fn an_order_of_zero_is_a_purchase_on_both_paths() {
    let j = journal_with_acme();
    j.ok(["order", "acme", "0"]);
    assert_eq!(j.last("acme", "order")["amount"].as_str(), Some("0.00"));
    j.ok(["order", "acme", "-0.00", "--ref", "minus-zero"]);
    assert_eq!(j.last("acme", "order")["amount"].as_str(), Some("0.00"));
    // A credit note stays allowed on both paths.
    j.ok(["order", "acme", "-12.50", "--ref", "credit"]);
    let path = csv_file(
        &j,
        "orders.csv",
        &[
            &["customer", "type", "at", "amount", "ref"],
            &["acme", "order", "2026-11-20", "0.00", "free"],
            &["acme", "order", "2026-11-20", "-3", "credit-2"],
        ],
    );
    j.ok([std::ffi::OsStr::new("import"), path.as_os_str()]);
    assert_eq!(j.count("acme", "order"), 5);
    // The same bad amount is refused by both with the same words.
    let message = "use a dot for decimals";
    j.fails(["order", "acme", "1,5"], 2, message);
    import_refuses(
        &j,
        &[
            &["customer", "type", "at", "amount"],
            &["acme", "order", "2026-11-20", "1,5"],
        ],
        "line 2, column \"amount\"",
        message,
    );
}

#[test]
fn a_zero_value_order_counts_as_a_purchase() {
    // PRODUCT.md §8.3: an order of zero is a purchase, counted in `orders`.
    let j = journal_with_acme();
    j.ok(["order", "acme", "0", "--at", "2026-11-20"]);
    let list = j.json(["list", "--format", "json"]);
    assert_eq!(list[0]["orders"], serde_json::json!(1), "{list}");
    assert_eq!(
        list[0]["first_order"],
        serde_json::json!("2026-11-20"),
        "{list}"
    );
}
