//! End-to-end tests of the record commands (init, add, log, order, promise, keep, break,
//! cancel, renegotiate, phase) through the real binary: what they print, what they append, and
//! that every refusal has the right exit code, a message, and changes no file.

use crate::common;

use std::fs;

use common::{Journal, Run, assert_unchanged, at, bare, files, native, parse_toml, str_field};

/// A journal with ACME (id `acme`) and Caffè Nerò (id `caffe-nero`).
fn journal() -> Journal {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    j.add("Caffè Nerò", &[]);
    j
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_creates_settings_and_customers_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("clienti");
    let run = Run::of(bare(tmp.path()).arg("init").arg(&root)).ok();
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("created a journal in"),
        "{}",
        run.stderr
    );
    assert!(root.join("customers").is_dir());
    let settings = parse_toml(&fs::read_to_string(root.join("coltiva.toml")).unwrap());
    assert_eq!(settings["schema"].as_integer(), Some(1));
    assert_eq!(settings["week_start"].as_str(), Some("monday"));
}

#[test]
fn init_without_a_path_uses_the_current_folder() {
    let tmp = tempfile::tempdir().unwrap();
    Run::of(bare(tmp.path()).arg("init")).ok();
    assert!(tmp.path().join("coltiva.toml").is_file());
    assert!(tmp.path().join("customers").is_dir());
}

#[test]
fn init_on_an_existing_journal_changes_nothing() {
    let j = journal();
    // A hand-edited setting must survive a second init.
    let settings = j.root().join("coltiva.toml");
    let edited = fs::read_to_string(&settings)
        .unwrap()
        .replace("new_days = 90", "new_days = 60");
    fs::write(&settings, edited).unwrap();
    let before = j.files();
    let run = Run::of(bare(j.tmp()).arg("init").arg(j.root())).ok();
    assert!(
        run.stderr
            .contains("is already a journal; its settings were not changed")
    );
    assert_unchanged(&before, &j.files(), "second init");
}

#[test]
fn init_inside_a_regular_file_fails() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("plain"), "x").unwrap();
    let before = files(tmp.path());
    let run = Run::of(bare(tmp.path()).arg("init").arg(tmp.path().join("plain/j")));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("could not create the folder"),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &files(tmp.path()), "init in a file");
}

// ---------------------------------------------------------------------------------------------
// add

#[test]
fn add_prints_the_slug_id_alone_and_writes_the_header() {
    let j = Journal::new();
    let run = j.ok(["add", "Caffè Nerò"]);
    assert_eq!(run.stdout, "caffe-nero\n");
    assert!(
        run.stderr.contains("added Caffè Nerò as caffe-nero"),
        "{}",
        run.stderr
    );
    let file = j.toml("caffe-nero");
    assert_eq!(file["schema"].as_integer(), Some(1));
    assert_eq!(file["name"].as_str(), Some("Caffè Nerò"));
    assert_eq!(file["kind"].as_str(), Some("external"));
    // Without --since, the relationship starts on the (--today) day.
    assert_eq!(file["since"].to_string(), "2026-11-23");
    assert!(file.get("tags").is_none());
}

#[test]
fn add_slugs_names() {
    let j = Journal::new();
    for (name, id) in [
        ("ACME S.r.l.", "acme"),
        ("  Rossi -- Impianti  ", "rossi-impianti"),
        ("Ünal & Söhne GmbH", "unal-sohne"),
        ("Ελληνικά 2", "ellenika-2"),
    ] {
        assert_eq!(j.add(name, &[]), id, "{name}");
    }
}

#[test]
fn add_with_every_option() {
    let j = Journal::new();
    let id = j.add(
        "Marco Bellini",
        &[
            "--id",
            "bellini",
            "--kind",
            "internal",
            "--tag",
            "agent",
            "--tag",
            "veneto",
            "--tag",
            "agent",
            "--cadence",
            "2w",
            "--since",
            "2024-03-01",
            "--set",
            "territory=Veneto",
            "--set",
            "phone=+39 041 000=1",
        ],
    );
    assert_eq!(id, "bellini");
    let file = j.toml("bellini");
    assert_eq!(file["name"].as_str(), Some("Marco Bellini"));
    assert_eq!(file["kind"].as_str(), Some("internal"));
    assert_eq!(file["since"].to_string(), "2024-03-01");
    let tags: Vec<&str> = file["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(tags, ["agent", "veneto"], "tags are kept once, in order");
    assert_eq!(file["cadence"].as_str(), Some("14d"));
    assert_eq!(file["territory"].as_str(), Some("Veneto"));
    // Only the first '=' separates key and value.
    assert_eq!(file["phone"].as_str(), Some("+39 041 000=1"));
}

#[test]
fn add_since_accepts_words() {
    let j = Journal::new();
    j.add("A", &["--since", "yesterday"]);
    assert_eq!(j.toml("a")["since"].to_string(), "2026-11-22");
    j.add("B", &["--since", "-2w"]);
    assert_eq!(j.toml("b")["since"].to_string(), "2026-11-09");
}

#[test]
fn add_never_overwrites_an_existing_id() {
    let j = journal();
    // Give ACME a record: an overwrite would lose it.
    j.ok(["log", "acme", "first call"]);
    j.fails(["add", "Other", "--id", "acme"], 2, "already exists");
    j.fails(
        ["add", "Caffè Nerò"],
        2,
        "a customer with id \"caffe-nero\" already exists",
    );
    j.fails(["add", "caffe nero"], 2, "choose another with --id");
    // A different id for the same name is fine.
    assert_eq!(
        j.add("Caffè Nerò", &["--id", "caffe-nero-2"]),
        "caffe-nero-2"
    );
}

#[test]
fn add_refuses_bad_input() {
    let j = journal();
    j.fails(["add", "X", "--id", "Bad Id"], 2, "invalid customer id");
    j.fails(["add", "X", "--id", "../escape"], 2, "invalid customer id");
    j.fails(["add", "X", "--id=-x"], 2, "invalid customer id");
    j.fails(
        ["add", "X", "--id", "a".repeat(65).as_str()],
        2,
        "invalid customer id",
    );
    j.fails(["add", "!!!"], 2, "cannot make an id from the name");
    j.fails(
        ["add", ""],
        2,
        "a customer name must have visible characters",
    );
    j.fails(
        ["add", "   "],
        2,
        "a customer name must have visible characters",
    );
    j.fails(["add", "Two\nlines"], 2, "no control characters");
    j.fails(["add", "X", "--kind", "alien"], 2, "unknown kind \"alien\"");
    j.fails(["add", "X", "--cadence", "0d"], 2, "invalid cadence");
    j.fails(["add", "X", "--cadence", "3m"], 2, "invalid cadence");
    j.fails(["add", "X", "--tag", " "], 2, "invalid tag");
    j.fails(["add", "X", "--set", "novalue"], 2, "expected KEY=VALUE");
    j.fails(
        ["add", "X", "--set", "bad key=1"],
        2,
        "an attribute key is letters, digits, _ and -",
    );
    j.fails(["add", "X", "--set", "name=Y"], 2, "has its own option");
    j.fails(["add", "X", "--set", "order=1"], 2, "has its own option");
    j.fails(
        ["add", "X", "--since", "someday"],
        2,
        "--since: invalid date \"someday\"",
    );
    j.fails(["add"], 2, "required");
}

// ---------------------------------------------------------------------------------------------
// log

#[test]
fn log_appends_an_interaction_and_confirms_on_stderr() {
    let j = journal();
    let run = j.ok(["log", "acme", "Called Paola, they want the Q1 price list"]);
    assert_eq!(run.stdout, "", "log prints nothing on stdout");
    assert!(
        run.stderr
            .contains("logged call with ACME S.r.l. (acme) on 2026-11-23"),
        "{}",
        run.stderr
    );
    let r = j.last("acme", "interaction");
    // With --today, a record without --at is dated that day.
    assert_eq!(at(&r), "2026-11-23");
    assert_eq!(str_field(&r, "channel"), "call");
    assert_eq!(str_field(&r, "direction"), "out");
    assert_eq!(
        str_field(&r, "summary"),
        "Called Paola, they want the Q1 price list"
    );
}

#[test]
fn log_with_channel_direction_and_date_time() {
    let j = journal();
    j.ok([
        "log",
        "acme",
        "Asked for the catalogue",
        "--channel",
        "email",
        "--in",
        "--at",
        "2026-11-20T10:30:00+01:00",
    ]);
    let r = j.last("acme", "interaction");
    assert_eq!(at(&r), "2026-11-20T10:30:00+01:00");
    assert_eq!(str_field(&r, "channel"), "email");
    assert_eq!(str_field(&r, "direction"), "in");
    for channel in ["call", "email", "meeting", "visit", "message", "note"] {
        j.ok(["log", "acme", "x", "-c", channel]);
        assert_eq!(
            str_field(&j.last("acme", "interaction"), "channel"),
            channel
        );
    }
}

#[test]
fn log_summary_may_start_with_a_dash_after_double_dash() {
    let j = journal();
    j.ok(["log", "acme", "--", "-20% asked"]);
    assert_eq!(
        str_field(&j.last("acme", "interaction"), "summary"),
        "-20% asked"
    );
}

#[test]
fn when_words_are_relative_to_today() {
    // 2026-11-23 is a Monday; --at leans to the past.
    let j = journal();
    for (when, expected) in [
        ("today", "2026-11-23"),
        ("yesterday", "2026-11-22"),
        ("friday", "2026-11-20"),
        ("Fri", "2026-11-20"),
        ("monday", "2026-11-23"),
        ("last monday", "2026-11-16"),
        ("-3d", "2026-11-20"),
        ("-2w", "2026-11-09"),
        ("-1m", "2026-10-23"),
        ("3 days ago", "2026-11-20"),
        ("2026-11-01", "2026-11-01"),
        ("2026-11-20T10:30Z", "2026-11-20T10:30:00Z"),
        ("2026-11-20 10:30:15-05:00", "2026-11-20T10:30:15-05:00"),
        // Late on the 23rd far west is still the 23rd in its own offset.
        ("2026-11-23T23:30:00-05:00", "2026-11-23T23:30:00-05:00"),
    ] {
        // The same text on one day again and again: meant (--again).
        j.ok(["log", "acme", "x", "--at", when, "--again"]);
        assert_eq!(at(&j.last("acme", "interaction")), expected, "--at {when}");
    }
    // Without an offset the local one is used; the local time is kept as typed.
    j.ok(["log", "acme", "x", "--at", "2026-11-20 10:30", "--again"]);
    assert!(at(&j.last("acme", "interaction")).starts_with("2026-11-20T10:30:00"));
}

#[test]
fn a_future_at_is_refused() {
    let j = journal();
    for when in [
        "tomorrow",
        "+3d",
        "in 2 days",
        "2026-11-24",
        "2026-11-24T00:30:00+01:00",
        "next monday",
    ] {
        j.fails(
            ["log", "acme", "x", "--at", when],
            2,
            "is after today (2026-11-23)",
        );
    }
}

#[test]
fn today_flag_sets_the_default_date_of_new_records() {
    let j = Journal::new();
    let day = "2026-11-01";
    let run = Run::of(j.cmd_on(day).args(["add", "ACME", "--id", "acme"])).ok();
    assert_eq!(run.stdout, "acme\n");
    assert_eq!(j.toml("acme")["since"].to_string(), "2026-11-01");
    Run::of(j.cmd_on(day).args(["log", "acme", "x"])).ok();
    assert_eq!(at(&j.last("acme", "interaction")), "2026-11-01");
    Run::of(j.cmd_on(day).args(["order", "acme", "10"])).ok();
    assert_eq!(at(&j.last("acme", "order")), "2026-11-01");
    let run = Run::of(j.cmd_on(day).args(["promise", "acme", "p", "--due", "+3d"])).ok();
    let p = j.last("acme", "promise");
    assert_eq!(str_field(&p, "id"), run.stdout.trim());
    assert_eq!(at(&p), "2026-11-01");
    assert_eq!(p["due"].to_string(), "2026-11-04");
    // --today 2026-11-01 makes the 2nd of November the future.
    let before = j.files();
    let run = Run::of(
        j.cmd_on(day)
            .args(["log", "acme", "x", "--at", "2026-11-02"]),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is after today (2026-11-01)"));
    assert_unchanged(&before, &j.files(), "future --at");
}

#[test]
fn without_today_a_record_is_stamped_now_in_whole_seconds() {
    let j = journal();
    let run = Run::of(
        bare(j.tmp())
            .arg("--dir")
            .arg(j.root())
            .args(["log", "acme", "x"]),
    )
    .ok();
    assert!(run.stderr.contains("logged call"));
    let stamp = at(&j.last("acme", "interaction"));
    // YYYY-MM-DDTHH:MM:SS plus an offset, no fraction of a second.
    assert_eq!(&stamp[10..11], "T", "{stamp}");
    assert!(!stamp.contains('.'), "{stamp}");
    assert!(stamp.len() >= 20, "{stamp}");
}

#[test]
fn today_flag_refuses_garbage() {
    let j = journal();
    let before = j.files();
    let run = Run::of(j.cmd_on("soon").args(["log", "acme", "x"]));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--today: invalid date \"soon\""),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &j.files(), "--today soon");
}

#[test]
fn log_refuses_bad_input() {
    let j = journal();
    j.fails(["log", "nobody", "x"], 2, "unknown customer \"nobody\"");
    j.fails(
        ["log", "acme", "x", "--channel", "fax"],
        2,
        "unknown channel \"fax\"",
    );
    j.fails(["log", "acme", ""], 2, "the summary cannot be empty");
    j.fails(["log", "acme", " \t\n "], 2, "the summary cannot be empty");
    j.fails(
        ["log", "acme", "x", "--at", "someday"],
        2,
        "--at: invalid date \"someday\"",
    );
    j.fails(
        ["log", "acme", "x", "--at", "2026-02-30"],
        2,
        "not a calendar date",
    );
    j.fails(
        ["log", "acme", "x", "--at", "2026-11-20T25:00"],
        2,
        "not a valid time",
    );
    j.fails(
        ["log", "acme", "x", "--at", "3d"],
        2,
        "write +N to count ahead",
    );
    j.fails(["log", "acme"], 2, "required");
    j.fails(["log", "acme", "x", "--bogus"], 2, "unexpected argument");
}

// ---------------------------------------------------------------------------------------------
// customer references

#[test]
fn customer_references_by_id_prefix_and_name() {
    let j = journal();
    j.add("Rossi Impianti", &[]);
    // (reference, customer it must reach)
    for (reference, id) in [
        ("acme", "acme"),
        ("ac", "acme"),
        ("caffe", "caffe-nero"),
        ("nerò", "caffe-nero"),
        ("NERO", "caffe-nero"),
        ("Caffè  NERÒ", "caffe-nero"),
        ("s.r.l", "acme"),
        ("impianti", "rossi-impianti"),
        ("ROSSI impianti", "rossi-impianti"),
    ] {
        let before = j.count(id, "interaction");
        j.ok(["log", reference, reference]);
        assert_eq!(j.count(id, "interaction"), before + 1, "{reference} → {id}");
        assert_eq!(str_field(&j.last(id, "interaction"), "summary"), reference);
    }
}

#[test]
fn an_exact_id_wins_over_a_longer_id_it_prefixes() {
    let j = journal();
    j.add("ACME Bis", &["--id", "acme-bis"]);
    j.ok(["log", "acme", "x"]);
    assert_eq!(j.count("acme", "interaction"), 1);
    assert_eq!(j.count("acme-bis", "interaction"), 0);
}

#[test]
fn ambiguous_and_unknown_customers_list_candidates() {
    let j = journal();
    j.add("Rossi Impianti", &[]);
    j.add("Rossi Mario", &[]);
    j.fails(
        ["log", "rossi", "x"],
        2,
        "customer \"rossi\" is ambiguous; it matches: rossi-impianti (Rossi Impianti), rossi-mario (Rossi Mario)",
    );
    j.add("Alpha Srl", &["--id", "a1"]);
    j.add("Beta Srl", &["--id", "b1"]);
    j.fails(
        ["order", "SRL", "10"],
        2,
        "customer \"SRL\" is ambiguous; it matches: a1 (Alpha Srl), b1 (Beta Srl)",
    );
    j.fails(
        ["log", "acmf", "x"],
        2,
        "unknown customer \"acmf\"; did you mean: acme (ACME S.r.l.)",
    );
    j.fails(["phase", "zzzz", "partner"], 2, "unknown customer \"zzzz\"");
    j.fails(
        ["log", "  ", "x"],
        2,
        "a customer reference cannot be empty",
    );
}

// ---------------------------------------------------------------------------------------------
// order

#[test]
fn order_appends_amount_ref_and_note() {
    let j = journal();
    let run = j.ok([
        "order",
        "acme",
        "1250.40",
        "--ref",
        "INV-2026-114",
        "--note",
        "first order",
        "--at",
        "2026-11-20",
    ]);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("recorded an order of 1,250.40 from ACME S.r.l. (acme) on 2026-11-20"),
        "{}",
        run.stderr
    );
    let r = j.last("acme", "order");
    assert_eq!(at(&r), "2026-11-20");
    // In quotes with two decimals: no cut of the file reads as a shorter amount.
    assert_eq!(str_field(&r, "amount"), "1250.40");
    assert_eq!(str_field(&r, "ref"), "INV-2026-114");
    assert_eq!(str_field(&r, "note"), "first order");
}

#[test]
fn order_amounts() {
    let j = journal();
    // Written exactly, with two decimals, in quotes; refunds are negative.
    j.ok(["order", "acme", "1200"]);
    let r = j.last("acme", "order");
    assert_eq!(str_field(&r, "amount"), "1200.00");
    assert!(r.get("ref").is_none() && r.get("note").is_none());
    j.ok(["order", "acme", "-35.20", "--note", "credit note"]);
    assert_eq!(str_field(&j.last("acme", "order"), "amount"), "-35.20");
    j.ok(["order", "acme", "0.10"]);
    assert_eq!(str_field(&j.last("acme", "order"), "amount"), "0.10");
    j.ok(["order", "acme", "+7.5"]);
    assert_eq!(str_field(&j.last("acme", "order"), "amount"), "7.50");
    let total = j.json(["list", "--format", "json"])[0]["order_total"].clone();
    assert_eq!(total, serde_json::json!(1172.4));
}

#[test]
fn order_refuses_bad_amounts_and_input() {
    let j = journal();
    for (amount, message) in [
        ("1e309", "invalid amount \"1e309\""),
        ("NaN", "invalid amount \"NaN\""),
        ("inf", "invalid amount \"inf\""),
        ("1,5", "use a dot for decimals"),
        ("1.234,50", "use a dot for decimals"),
        ("1.234", "at most two decimals"),
        ("", "expected a number"),
        ("12 EUR", "expected a number"),
        (".5", "expected a number"),
        ("99999999999999", "too large"),
    ] {
        j.fails(["order", "acme", amount], 2, message);
    }
    j.fails(["order", "nobody", "10"], 2, "unknown customer");
    j.fails(
        ["order", "acme", "10", "--at", "tomorrow"],
        2,
        "is after today",
    );
}

// ---------------------------------------------------------------------------------------------
// promise

#[test]
fn promise_prints_its_id_alone_and_appends_the_promise() {
    let j = journal();
    let run = j.ok(["promise", "acme", "Send the revised quote", "--due", "fri"]);
    let id = run.stdout.trim_end().to_string();
    assert_eq!(run.stdout, format!("{id}\n"));
    assert_eq!(id.len(), 6);
    assert!(
        id.bytes()
            .all(|b| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&b)),
        "{id}"
    );
    assert!(
        run.stderr.contains(&format!(
            "promise {id} by us to ACME S.r.l. (acme), due 2026-11-27"
        )),
        "{}",
        run.stderr
    );
    let p = j.last("acme", "promise");
    assert_eq!(str_field(&p, "id"), id);
    assert_eq!(at(&p), "2026-11-23");
    assert_eq!(str_field(&p, "by"), "us");
    assert_eq!(str_field(&p, "what"), "Send the revised quote");
    assert_eq!(p["due"].to_string(), "2026-11-27");
}

#[test]
fn promise_by_them_and_due_words() {
    let j = journal();
    j.promise(
        "acme",
        "Pay invoice 114",
        "2026-12-15",
        &["--by", "them", "--at", "2026-11-20"],
    );
    let p = j.last("acme", "promise");
    assert_eq!(str_field(&p, "by"), "them");
    assert_eq!(at(&p), "2026-11-20");
    assert_eq!(p["due"].to_string(), "2026-12-15");
    // --due leans to the future.
    for (due, expected) in [
        ("today", "2026-11-23"),
        ("tomorrow", "2026-11-24"),
        ("+3d", "2026-11-26"),
        ("friday", "2026-11-27"),
        ("monday", "2026-11-23"),
        ("next monday", "2026-11-30"),
        ("next friday", "2026-11-27"),
        ("in 2 weeks", "2026-12-07"),
        ("+1m", "2026-12-23"),
    ] {
        j.promise("caffe", "x", due, &["--again"]);
        assert_eq!(
            j.last("caffe-nero", "promise")["due"].to_string(),
            expected,
            "--due {due}"
        );
    }
    let ids: Vec<String> = j.toml("caffe-nero")["promise"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "promise ids are unique: {ids:?}");
}

#[test]
fn promise_refuses_bad_input() {
    let j = journal();
    j.fails(
        ["promise", "acme", "x", "--due", "fri", "--by", "nobody"],
        2,
        "unknown party \"nobody\"",
    );
    j.fails(
        ["promise", "acme", "", "--due", "fri"],
        2,
        "what was promised cannot be empty",
    );
    j.fails(
        ["promise", "acme", "  ", "--due", "fri"],
        2,
        "what was promised cannot be empty",
    );
    j.fails(["promise", "acme", "x"], 2, "--due");
    j.fails(
        ["promise", "acme", "x", "--due", "someday"],
        2,
        "--due: invalid date",
    );
    j.fails(
        [
            "promise",
            "acme",
            "x",
            "--due",
            "2026-11-10",
            "--at",
            "2026-11-20",
        ],
        2,
        "--due 2026-11-10 is before the promise was made (2026-11-20)",
    );
    j.fails(
        ["promise", "acme", "x", "--due", "-1d"],
        2,
        "is before the promise was made",
    );
    j.fails(
        ["promise", "acme", "x", "--due", "fri", "--at", "tomorrow"],
        2,
        "is after today",
    );
    j.fails(
        ["promise", "nobody", "x", "--due", "fri"],
        2,
        "unknown customer",
    );
}

// ---------------------------------------------------------------------------------------------
// keep, break, cancel, renegotiate

#[test]
fn keep_appends_a_resolution() {
    let j = journal();
    let id = j.promise("acme", "Send the quote", "fri", &["--at", "2026-11-20"]);
    let run = j.ok(["keep", &id, "--note", "sent by mail"]);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains(&format!(
            "promise acme/{id} (ACME S.r.l.) kept on 2026-11-23"
        )),
        "{}",
        run.stderr
    );
    let r = j.last("acme", "resolution");
    assert_eq!(str_field(&r, "promise"), id);
    assert_eq!(at(&r), "2026-11-23");
    assert_eq!(str_field(&r, "status"), "kept");
    assert_eq!(str_field(&r, "note"), "sent by mail");
    assert!(r.get("due").is_none());
}

#[test]
fn break_and_cancel_append_resolutions() {
    let j = journal();
    let a = j.promise("acme", "a", "fri", &["--at", "2026-11-16"]);
    let b = j.promise("acme", "b", "fri", &["--at", "2026-11-16"]);
    let run = j.ok(["break", &a, "--note", "quote never sent"]);
    assert!(
        run.stderr.contains("broken on 2026-11-23"),
        "{}",
        run.stderr
    );
    let r = j.last("acme", "resolution");
    assert_eq!(
        (str_field(&r, "promise"), str_field(&r, "status")),
        (a.as_str(), "broken")
    );
    assert_eq!(str_field(&r, "note"), "quote never sent");
    let run = j.ok(["cancel", &b, "--at", "yesterday"]);
    assert!(
        run.stderr.contains("cancelled on 2026-11-22"),
        "{}",
        run.stderr
    );
    let r = j.last("acme", "resolution");
    assert_eq!(
        (str_field(&r, "promise"), str_field(&r, "status")),
        (b.as_str(), "cancelled")
    );
    assert_eq!(at(&r), "2026-11-22");
    assert!(r.get("note").is_none());
}

#[test]
fn renegotiate_moves_the_due_date_and_the_promise_stays_open() {
    let j = journal();
    let id = j.promise(
        "acme",
        "Send the quote",
        "2026-11-25",
        &["--at", "2026-11-20"],
    );
    let run = j.ok([
        "renegotiate",
        &id,
        "--due",
        "next friday",
        "--note",
        "waiting for prices",
    ]);
    assert!(
        run.stderr.contains(&format!(
            "promise acme/{id} (ACME S.r.l.) renegotiated to 2026-11-27 on 2026-11-23"
        )),
        "{}",
        run.stderr
    );
    let r = j.last("acme", "resolution");
    assert_eq!(str_field(&r, "status"), "renegotiated");
    assert_eq!(r["due"].to_string(), "2026-11-27");
    assert_eq!(str_field(&r, "note"), "waiting for prices");
    // Renegotiated is not final: it can be moved again and then kept.
    j.ok(["renegotiate", &id, "--due", "2026-12-04"]);
    let rows = j.json(["promises", "--format", "json"]);
    assert_eq!(rows[0]["current_due"], "2026-12-04");
    assert_eq!(rows[0]["renegotiations"], 2);
    assert_eq!(rows[0]["status"], "open");
    j.ok(["keep", &id]);
    assert_eq!(
        j.json(["promises", "--format", "json"])[0]["status"],
        "kept"
    );
}

#[test]
fn promise_references_id_prefix_case_and_customer_slash_id() {
    let j = journal();
    let a = j.promise("acme", "a", "fri", &[]);
    let b = j.promise("caffe-nero", "b", "fri", &[]);
    let c = j.promise("caffe-nero", "c", "fri", &[]);
    let d = j.promise("acme", "d", "fri", &[]);
    // Upper case is folded.
    j.ok(["keep", &a.to_uppercase()]);
    assert_eq!(str_field(&j.last("acme", "resolution"), "promise"), a);
    // CUSTOMER/ID, the customer being any customer reference.
    j.ok(["break", &format!("nerò/{b}")]);
    assert_eq!(str_field(&j.last("caffe-nero", "resolution"), "promise"), b);
    j.ok(["cancel", &format!("caffe-nero/{c}")]);
    assert_eq!(str_field(&j.last("caffe-nero", "resolution"), "promise"), c);
    // A prefix of an id, unique in the journal (four random characters of 6).
    j.ok(["renegotiate", &d[..4], "--due", "+1w"]);
    assert_eq!(str_field(&j.last("acme", "resolution"), "promise"), d);
    // The promise is not in that customer's file.
    j.fails(
        ["keep", &format!("acme/{b}")],
        2,
        &format!("unknown promise \"acme/{b}\""),
    );
}

#[test]
fn ambiguous_promise_ids_list_candidates() {
    let j = journal();
    // Hand-written promises (files are hand-editable), as a merge of two clones could leave.
    let extra = "\n[[promise]]\nid = \"abc123\"\nat = 2026-11-20\nby = \"us\"\nwhat = \"x\"\ndue = 2026-11-30\n\n\
                 [[promise]]\nid = \"abc456\"\nat = 2026-11-20\nby = \"us\"\nwhat = \"y\"\ndue = 2026-11-30\n";
    let mut text = j.text("acme");
    text.push_str(extra);
    fs::write(j.file("acme"), &text).unwrap();
    let mut text = j.text("caffe-nero");
    text.push_str(&extra[..extra.find("\n\n[[promise]]").unwrap() + 1]);
    fs::write(j.file("caffe-nero"), &text).unwrap();

    j.fails(
        ["keep", "abc"],
        2,
        "promise \"abc\" is ambiguous; it matches: acme/abc123, acme/abc456, caffe-nero/abc123",
    );
    j.fails(
        ["keep", "abc123"],
        2,
        "promise \"abc123\" is ambiguous; it matches: acme/abc123, caffe-nero/abc123",
    );
    j.fails(
        ["keep", "acme/abc"],
        2,
        "promise \"abc\" is ambiguous; it matches: acme/abc123, acme/abc456",
    );
    // CUSTOMER/ID settles it.
    j.ok(["keep", "caffe/abc123"]);
    assert_eq!(
        str_field(&j.last("caffe-nero", "resolution"), "promise"),
        "abc123"
    );
    j.ok(["keep", "acme/abc4"]);
    assert_eq!(
        str_field(&j.last("acme", "resolution"), "promise"),
        "abc456"
    );
}

#[test]
fn resolving_an_already_resolved_promise_is_refused() {
    let j = journal();
    let id = j.promise("acme", "a", "fri", &["--at", "2026-11-20"]);
    j.ok(["keep", &id, "--at", "2026-11-21"]);
    let message = format!("promise acme/{id} was already kept on 2026-11-21; nothing was recorded");
    j.fails(["keep", &id], 2, &message);
    j.fails(["break", &id], 2, &message);
    j.fails(["cancel", &id], 2, &message);
    j.fails(["renegotiate", &id, "--due", "+1w"], 2, &message);
    let id = j.promise("acme", "b", "fri", &[]);
    j.ok(["cancel", &id]);
    j.fails(["keep", &id], 2, "was already cancelled on 2026-11-23");
}

#[test]
fn resolutions_refuse_bad_input() {
    let j = journal();
    let id = j.promise("acme", "a", "fri", &["--at", "2026-11-20"]);
    j.fails(["keep", "zzzzzz"], 2, "unknown promise \"zzzzzz\"");
    j.fails(["keep", "toolong1"], 2, "invalid promise id \"toolong1\"");
    j.fails(["keep", "no-way"], 2, "invalid promise id");
    j.fails(["keep", "/abc"], 2, "the customer before '/' is empty");
    j.fails(["keep", "acme/"], 2, "invalid promise id");
    j.fails(
        ["keep", &format!("nobody/{id}")],
        2,
        "unknown customer \"nobody\"",
    );
    j.fails(
        ["keep", &id, "--at", "2026-11-19"],
        2,
        &format!("--at 2026-11-19 is before promise {id} was made (2026-11-20)"),
    );
    j.fails(["break", &id, "--at", "tomorrow"], 2, "is after today");
    j.fails(["cancel", &id, "--at", "whenever"], 2, "--at: invalid date");
    j.fails(["renegotiate", &id], 2, "--due");
    j.fails(
        ["renegotiate", &id, "--due", "2026-11-22"],
        2,
        "--due 2026-11-22 is before the renegotiation itself (2026-11-23)",
    );
    j.fails(
        ["renegotiate", &id, "--due", "soon"],
        2,
        "--due: invalid date \"soon\"",
    );
    // Still open after all of that.
    assert_eq!(
        j.json(["promises", "--format", "json"])[0]["status"],
        "open"
    );
}

// ---------------------------------------------------------------------------------------------
// phase

#[test]
fn phase_pins_and_unpins() {
    let j = journal();
    let run = j.ok([
        "phase",
        "acme",
        "partner",
        "--reason",
        "Joint product line agreed with their CEO",
        "--at",
        "2026-11-01",
    ]);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("ACME S.r.l. (acme) pinned as partner from 2026-11-01"),
        "{}",
        run.stderr
    );
    let r = j.last("acme", "phase");
    assert_eq!(at(&r), "2026-11-01");
    assert_eq!(str_field(&r, "set"), "partner");
    assert_eq!(
        str_field(&r, "reason"),
        "Joint product line agreed with their CEO"
    );
    let list = j.json(["list", "--format", "json"]);
    assert_eq!(list[0]["id"], "acme");
    assert_eq!(list[0]["phase"], "partner");

    let run = j.ok(["phase", "acme", "auto"]);
    assert!(
        run.stderr
            .contains("ACME S.r.l. (acme) returns to its computed phase from 2026-11-23")
    );
    let r = j.last("acme", "phase");
    assert_eq!(str_field(&r, "set"), "auto");
    assert!(r.get("reason").is_none());
    assert_eq!(
        j.json(["list", "--format", "json"])[0]["phase"],
        "potential"
    );
    for phase in ["potential", "new", "acquired", "lost"] {
        j.ok(["phase", "caffe", phase]);
        assert_eq!(str_field(&j.last("caffe-nero", "phase"), "set"), phase);
    }
}

#[test]
fn phase_refuses_bad_input() {
    let j = journal();
    j.fails(["phase", "acme", "vip"], 2, "unknown phase \"vip\"");
    // Not a word of any language (a shown word in capitals is one: "Partner" is German's).
    j.fails(["phase", "acme", "partners"], 2, "unknown phase");
    j.fails(
        ["phase", "acme", "partner", "--at", "+1d"],
        2,
        "is after today",
    );
    j.fails(["phase", "nobody", "partner"], 2, "unknown customer");
    j.fails(["phase", "acme"], 2, "required");
}

// ---------------------------------------------------------------------------------------------
// files that do not parse, newer schemas

/// Appends a broken table header to ACME's file; returns the line and column of the error.
fn break_acme(j: &Journal) -> (usize, usize) {
    let mut text = j.text("acme");
    let line = text.lines().count() + 2;
    text.push_str("\n[[interaction]\nat = 2026-11-01\n");
    fs::write(j.file("acme"), text).unwrap();
    (line, "[[interaction]".len() + 1)
}

#[test]
fn appending_to_a_file_that_does_not_parse_is_refused_with_its_location() {
    let j = journal();
    let id = j.promise("acme", "a", "fri", &[]);
    j.ok(["log", "acme", "before"]);
    let (line, column) = break_acme(&j);
    let location = format!("{}:{line}:{column}:", native("customers/acme.toml"));
    for args in [
        vec!["log", "acme", "x"],
        vec!["log", "s.r.l", "x"],
        vec!["order", "acme", "10"],
        vec!["promise", "acme", "x", "--due", "fri"],
        vec!["phase", "acme", "partner"],
    ] {
        let run = j.fails(&args, 1, &location);
        assert!(
            run.stderr.contains("nothing was appended"),
            "{}",
            run.stderr
        );
    }
    let by_customer = format!("acme/{id}");
    j.fails(["keep", &by_customer], 1, &location);
    j.fails(["renegotiate", &by_customer, "--due", "+1w"], 1, &location);
    // Reading commands name it with the same location, and report the others (§8.2).
    let run = j.run(["list"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(&location), "{}", run.stderr);
    assert!(
        run.stdout.contains(&native("customers/acme.toml")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("caffe-nero"), "{}", run.stdout);
    j.fails(["show", "acme"], 1, &location);
    // Other customers are unaffected.
    j.ok(["log", "caffe", "x"]);
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_location() {
    let j = journal();
    let mut bytes = fs::read(j.file("acme")).unwrap();
    let line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    bytes.extend_from_slice(b"# caf\xe8\n");
    fs::write(j.file("acme"), bytes).unwrap();
    j.fails(
        ["log", "acme", "x"],
        1,
        &format!(
            "{}:{line}:6: the file is not valid UTF-8",
            native("customers/acme.toml")
        ),
    );
}

#[test]
fn a_newer_schema_is_a_clear_error() {
    let j = journal();
    let text = j.text("acme").replace("schema = 1", "schema = 2");
    fs::write(j.file("acme"), text).unwrap();
    j.fails(
        ["log", "acme", "x"],
        1,
        "schema 2 is newer than this coltiva understands",
    );
    let settings = j.root().join("coltiva.toml");
    let text = fs::read_to_string(&settings)
        .unwrap()
        .replace("schema = 1", "schema = 9");
    fs::write(&settings, text).unwrap();
    j.fails(
        ["log", "caffe", "x"],
        1,
        "schema 9 is newer than this coltiva understands",
    );
}

#[test]
fn a_record_after_a_file_without_final_newline_is_still_a_separate_record() {
    let j = journal();
    let text = j.text("acme");
    fs::write(
        j.file("acme"),
        format!("{}# hand-written, no newline", text),
    )
    .unwrap();
    let before = fs::read(j.file("acme")).unwrap();
    j.ok(["log", "acme", "x"]);
    let after = fs::read(j.file("acme")).unwrap();
    assert!(after.starts_with(&before));
    assert_eq!(str_field(&j.last("acme", "interaction"), "summary"), "x");
}

// ---------------------------------------------------------------------------------------------
// journal discovery

// Unix: the default data folder comes from HOME and XDG_DATA_HOME (Windows: %APPDATA%).
#[cfg(unix)]
#[test]
fn journal_discovery_order() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path();
    for name in ["flag", "env", "outer", "outer/inner"] {
        Run::of(bare(base).arg("init").arg(base.join(name))).ok();
    }
    let cwd = base.join("outer/inner/customers");
    let home = base.join("home");
    let xdg = base.join("xdg");
    fs::create_dir_all(&home).unwrap();
    let add = |cmd: &mut assert_cmd::Command, name: &str| {
        let run = Run::of(cmd.env("HOME", &home).env("XDG_DATA_HOME", &xdg).args([
            "--today",
            common::TODAY,
            "add",
            name,
        ]))
        .ok();
        assert_eq!(run.stdout.trim(), name);
    };
    // --dir first.
    add(
        bare(&cwd)
            .env("COLTIVA_DIR", base.join("env"))
            .arg("--dir")
            .arg(base.join("flag")),
        "one",
    );
    assert!(base.join("flag/customers/one.toml").is_file());
    // Then $COLTIVA_DIR.
    add(bare(&cwd).env("COLTIVA_DIR", base.join("env")), "two");
    assert!(base.join("env/customers/two.toml").is_file());
    // Then the nearest ancestor holding coltiva.toml.
    add(&mut bare(&cwd), "three");
    assert!(base.join("outer/inner/customers/three.toml").is_file());
    add(&mut bare(&base.join("outer")), "four");
    assert!(base.join("outer/customers/four.toml").is_file());
    // Else the platform data directory, which reading does not create: reading a journal
    // that is not there is an error (PRODUCT.md §8.2), never an empty list...
    let data = xdg.join("coltiva");
    let run = Run::of(
        bare(base)
            .env("HOME", &home)
            .env("XDG_DATA_HOME", &xdg)
            .args(["--today", common::TODAY, "list"]),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no journal found"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(!data.exists(), "reading created {}", data.display());
    // ...and the first write does.
    add(&mut bare(base), "five");
    assert!(data.join("coltiva.toml").is_file());
    assert!(data.join("customers/five.toml").is_file());
    let run = Run::of(
        bare(base)
            .env("HOME", &home)
            .env("XDG_DATA_HOME", &xdg)
            .args(["--today", common::TODAY, "log", "five", "hello"]),
    )
    .ok();
    assert!(run.stderr.contains("logged call"));
    // Nothing landed anywhere else.
    for (journal, ids) in [
        ("flag", vec!["one"]),
        ("env", vec!["two"]),
        ("outer/inner", vec!["three"]),
        ("outer", vec!["four"]),
    ] {
        let names: Vec<String> = fs::read_dir(base.join(journal).join("customers"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        let expected: Vec<String> = ids.iter().map(|i| format!("{i}.toml")).collect();
        assert_eq!(names, expected, "{journal}");
    }
}

#[test]
fn a_dir_without_a_journal_is_an_error_and_is_not_created() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nothing-here");
    for args in [vec!["add", "X"], vec!["list"]] {
        let run = Run::of(
            bare(tmp.path())
                .arg("--dir")
                .arg(&missing)
                .args(["--today", common::TODAY])
                .args(&args),
        );
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("is not a coltiva journal"),
            "{}",
            run.stderr
        );
        assert!(!missing.exists());
    }
    // Same through $COLTIVA_DIR.
    let run = Run::of(bare(tmp.path()).env("COLTIVA_DIR", &missing).args([
        "--today",
        common::TODAY,
        "add",
        "X",
    ]));
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("coltiva init"), "{}", run.stderr);
    assert!(!missing.exists());
}

// ---------------------------------------------------------------------------------------------
// append-only

/// A small deterministic pseudo-random sequence (no dependency on the test order or time).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn every_record_write_is_a_pure_append_to_one_file() {
    let j = Journal::new();
    let customers = ["acme", "caffe-nero", "rossi"];
    j.add(
        "ACME S.r.l.",
        &["--id", "acme", "--tag", "b2b", "--since", "2025-01-01"],
    );
    j.add(
        "Caffè Nerò",
        &[
            "--since",
            "2025-06-01",
            "--set",
            "note=multi \"quoted\" line",
        ],
    );
    j.add("Rossi", &["--since", "2024-01-01"]);
    // A hand-written comment and blank lines must survive.
    let mut text = j.text("rossi");
    text.push_str("# called about the boiler, see mail\n\n");
    fs::write(j.file("rossi"), text).unwrap();

    let mut rng = Lcg(7);
    let mut open: Vec<(String, String)> = Vec::new(); // (customer, promise id)
    let mut resolved: Vec<String> = Vec::new();
    let texts = [
        "plain",
        "quote \" and 'single'",
        "multi\nline\n\"\"\"\n'''",
        "[[order]]\namount = 1",
        "emoji 🌱 and مرحبا",
        "tab\there \\ backslash",
    ];
    let mut writes = 0;
    for step in 0..70 {
        let c = customers[rng.next(customers.len())];
        let day = format!("2026-{:02}-{:02}", 1 + rng.next(10), 1 + rng.next(28));
        let text = texts[rng.next(texts.len())];
        let args: Vec<String> = match rng.next(9) {
            0 | 1 => vec![
                "log",
                c,
                text,
                "--at",
                &day,
                "-c",
                ["call", "email", "visit", "note"][rng.next(4)],
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            2 => vec![
                "order",
                c,
                ["1250.40", "-35.20", "99", "0.01"][rng.next(4)],
                "--at",
                &day,
                "--ref",
                text,
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            3 | 4 => {
                let by = if rng.next(2) == 0 { "us" } else { "them" };
                vec![
                    "promise",
                    c,
                    text,
                    "--due",
                    "2026-12-31",
                    "--at",
                    &day,
                    "--by",
                    by,
                ]
                .into_iter()
                .map(String::from)
                .collect()
            }
            5 if !open.is_empty() => {
                let (owner, id) = open[rng.next(open.len())].clone();
                let verb = ["keep", "break", "cancel"][rng.next(3)];
                vec![
                    verb.to_string(),
                    format!("{owner}/{id}"),
                    "--note".into(),
                    text.into(),
                ]
            }
            6 if !open.is_empty() => {
                let (_, id) = open[rng.next(open.len())].clone();
                vec![
                    "renegotiate".into(),
                    id,
                    "--due".into(),
                    "2027-01-15".into(),
                ]
            }
            7 if !resolved.is_empty() => {
                // A refusal in the middle of the sequence: resolving twice.
                vec!["keep".into(), resolved[rng.next(resolved.len())].clone()]
            }
            _ => {
                let phase = ["partner", "auto", "lost", "acquired"][rng.next(4)];
                vec!["phase", c, phase, "--reason", text]
                    .into_iter()
                    .map(String::from)
                    .collect()
            }
        };
        let before = j.files();
        let run = j.run(&args);
        let after = j.files();
        if args[0] == "keep" && args.len() == 2 {
            assert_eq!(run.code, 2, "step {step}: {args:?}: {}", run.stderr);
            assert_unchanged(&before, &after, &format!("step {step}: {args:?}"));
            continue;
        }
        assert_eq!(run.code, 0, "step {step}: {args:?}: {}", run.stderr);
        writes += 1;
        if args[0] == "promise" {
            open.push((c.to_string(), run.stdout.trim().to_string()));
        }
        if ["keep", "break", "cancel"].contains(&args[0].as_str()) {
            let pos = open
                .iter()
                .position(|(o, id)| format!("{o}/{id}") == args[1])
                .unwrap();
            let (_, id) = open.remove(pos);
            resolved.push(id);
        }
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "step {step}: {args:?}: files appeared or vanished"
        );
        let mut grown = 0;
        for (path, old) in &before {
            let new = &after[path];
            assert!(
                new.starts_with(old),
                "step {step}: {args:?}: {} was not only appended to",
                path.display()
            );
            if new.len() > old.len() {
                grown += 1;
            }
            if path.extension().is_some_and(|e| e == "toml") {
                parse_toml(std::str::from_utf8(new).expect("UTF-8"));
            }
        }
        assert_eq!(grown, 1, "step {step}: {args:?}: exactly one file grows");
    }
    assert!(writes > 50, "only {writes} writes");
    assert!(
        j.text("rossi")
            .contains("# called about the boiler, see mail\n")
    );
    // And the journal still reads.
    j.ok(["list", "--format", "json"]);
    j.ok(["report", "--since", "2026-01-01"]);
}

#[test]
fn when_arguments_may_start_with_a_dash() {
    // `-2w` is a documented WHEN; it must not be taken for an unknown flag.
    let j = journal();
    j.ok(["log", "acme", "x", "--at", "-2w"]);
    assert_eq!(at(&j.last("acme", "interaction")), "2026-11-09");
    j.ok(["order", "acme", "10", "--at", "-3d"]);
    assert_eq!(at(&j.last("acme", "order")), "2026-11-20");
    let id = j.promise("acme", "x", "+1w", &["--at", "-1w"]);
    assert_eq!(at(&j.last("acme", "promise")), "2026-11-16");
    j.ok(["renegotiate", &id, "--due", "+2w", "--at", "-1d"]);
    assert_eq!(at(&j.last("acme", "resolution")), "2026-11-22");
    j.ok(["keep", &id, "--at", "-0d"]);
    j.ok(["phase", "acme", "partner", "--at", "-1m"]);
    assert_eq!(at(&j.last("acme", "phase")), "2026-10-23");
    j.add("Bellini", &["--since", "-2w"]);
    assert_eq!(j.toml("bellini")["since"].to_string(), "2026-11-09");
    let report = j.json(["report", "--since", "-2w", "--format", "json"]);
    assert_eq!(report["period"]["since"], "2026-11-09");
    // `--today -1d` counts from the real clock (there is no other today to count from), so the
    // expected gap is worked out from the clock too; read before and after the run, so a run
    // that straddles midnight accepts either day.
    let real_day = || chrono::Local::now().date_naive();
    let before_run = real_day();
    let run = Run::of(j.cmd_on("-1d").args(["list", "--format", "json"])).ok();
    let after_run = real_day();
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let last_contact = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let gap = |real: chrono::NaiveDate| (real - chrono::Days::new(1) - last_contact).num_days();
    let shown = list[0]["days_since_contact"]
        .as_i64()
        .expect("a number of days");
    assert!(
        shown == gap(before_run) || shown == gap(after_run),
        "as of the day before {before_run}, last contact 2026-11-20: {shown} days"
    );
    j.fails(
        ["promise", "acme", "x", "--due", "-1d"],
        2,
        "is before the promise was made",
    );
}

#[test]
fn a_bare_promise_id_in_a_file_that_does_not_parse_points_at_the_file() {
    let j = journal();
    let id = j.promise("acme", "a", "fri", &[]);
    let (line, column) = break_acme(&j);
    let location = format!("{}:{line}:{column}:", native("customers/acme.toml"));
    for verb in ["keep", "break", "cancel"] {
        j.fails([verb, id.as_str()], 1, &location);
    }
    j.fails(["renegotiate", id.as_str(), "--due", "+1w"], 1, &location);
    // An id that is nowhere is still unknown.
    j.fails(["keep", "zzzzzz"], 2, "unknown promise \"zzzzzz\"");
}

#[test]
fn dates_a_toml_file_cannot_hold_are_refused_as_usage_errors() {
    // TOML years have four digits: such days are a wrong command line (exit 2), not a
    // failure while writing.
    let j = journal();
    j.fails(
        ["log", "acme", "x", "--at", "-106000w"],
        2,
        "--at: invalid date \"-106000w\": offset out of range",
    );
    j.fails(
        ["promise", "acme", "x", "--due", "+2800000w"],
        2,
        "--due: invalid date \"+2800000w\": offset out of range",
    );
    let id = j.promise("acme", "x", "fri", &[]);
    j.fails(
        ["renegotiate", &id, "--due", "+2800000w"],
        2,
        "offset out of range",
    );
    j.fails(
        ["add", "X", "--since", "-106000w"],
        2,
        "--since: invalid date",
    );
    // The edges of the four-digit years are fine.
    j.ok(["log", "acme", "x", "--at", "0001-01-01"]);
    j.ok(["promise", "acme", "x", "--due", "9999-12-31"]);
}

#[test]
fn an_append_that_would_break_a_hand_written_file_is_refused() {
    // Valid TOML that coltiva reads: records written as inline arrays instead of [[tables]].
    let j = journal();
    let text = j.text("acme").replace(
        "kind = \"external\"\n",
        "kind = \"external\"\ninteraction = []\norder = [{at = 2026-11-01, amount = 5}]\n",
    );
    fs::write(j.file("acme"), text).unwrap();
    assert_eq!(j.json(["list", "--format", "json"])[0]["order_total"], 5);
    for args in [vec!["log", "acme", "x"], vec!["order", "acme", "7"]] {
        j.fails(
            &args,
            1,
            "the record cannot be appended: the file would no longer parse",
        );
    }
    // Other record kinds still append, and the file still reads.
    j.promise("acme", "x", "fri", &[]);
    j.ok(["phase", "acme", "partner"]);
    assert_eq!(j.json(["list", "--format", "json"])[0]["phase"], "partner");
}

#[test]
fn concurrent_writers_never_lose_or_mix_records() {
    let j = journal();
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut cmd = j.spawnable();
            if i % 2 == 0 {
                cmd.args(["log", "acme", &format!("writer {i}\n{}", "x".repeat(5000))]);
            } else {
                cmd.args(["promise", "acme", &format!("writer {i}"), "--due", "fri"]);
            }
            cmd.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let file = j.toml("acme");
    let mut seen: Vec<String> = Vec::new();
    for kind in ["interaction", "promise"] {
        let key = if kind == "interaction" {
            "summary"
        } else {
            "what"
        };
        for record in file[kind].as_array().unwrap() {
            let text = record[key].as_str().unwrap();
            seen.push(text.lines().next().unwrap().to_string());
        }
    }
    seen.sort();
    let expected: Vec<String> = (0..8).map(|i| format!("writer {i}")).collect();
    assert_eq!(seen, expected);
}

#[test]
fn an_empty_coltiva_dir_is_ignored() {
    let j = journal();
    let cwd = j.root().join("customers");
    let run = Run::of(bare(&cwd).env("COLTIVA_DIR", "").args([
        "--today",
        common::TODAY,
        "log",
        "acme",
        "from the ancestor",
    ]))
    .ok();
    assert!(
        run.stderr.contains("logged call with ACME S.r.l."),
        "{}",
        run.stderr
    );
    assert_eq!(
        str_field(&j.last("acme", "interaction"), "summary"),
        "from the ancestor"
    );
}

#[test]
fn renegotiating_in_time_has_no_penalty_and_late_renegotiation_ends_late() {
    let j = journal();
    let promise = |what: &str| j.promise("acme", what, "2026-11-10", &["--at", "2026-11-01"]);
    let in_time = promise("in time");
    j.ok([
        "renegotiate",
        &in_time,
        "--due",
        "2026-11-30",
        "--at",
        "2026-11-10",
    ]);
    j.ok(["keep", &in_time, "--at", "2026-11-20"]);
    let after_due = promise("after due");
    j.ok([
        "renegotiate",
        &after_due,
        "--due",
        "2026-11-30",
        "--at",
        "2026-11-15",
    ]);
    j.ok(["keep", &after_due, "--at", "2026-11-20"]);
    let on_due = promise("on due");
    j.ok(["keep", &on_due, "--at", "2026-11-10"]);
    let day_after = promise("day after");
    j.ok(["keep", &day_after, "--at", "2026-11-11"]);
    let silent = promise("silent");
    let rows = j.json(["promises", "--format", "json"]);
    let status = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(status(&in_time), "kept");
    assert_eq!(status(&after_due), "late");
    assert_eq!(status(&on_due), "kept");
    assert_eq!(status(&day_after), "late");
    assert_eq!(status(&silent), "overdue");
    // 2 kept of 2 kept + 2 late + 1 overdue.
    let us = &j.json(["list", "--format", "json"])[0]["promises_us"];
    assert_eq!(us["rate"], serde_json::json!(0.4));
}

#[test]
fn help_and_version_succeed_on_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [vec!["--help"], vec!["log", "--help"], vec!["--version"]] {
        let run = Run::of(bare(tmp.path()).args(&args)).ok();
        assert!(!run.stdout.is_empty(), "{args:?}");
    }
    assert!(
        Run::of(bare(tmp.path()).arg("--help"))
            .stdout
            .contains("Usage: coltiva")
    );
}
