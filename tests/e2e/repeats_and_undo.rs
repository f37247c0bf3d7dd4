//! Repeats are caught, and undo says what it takes back (PRODUCT.md §9.1): the same order,
//! promise or log for a customer on the same day asks on a terminal, is refused in a script
//! and is recorded with `--again`; `undo` names the record in `show`'s words and takes back
//! only the last successful write, never a failed command.

use crate::common;

use std::fs;

use common::{Journal, Run};

/// Runs coltiva with a pseudo-terminal as its standard input, typing `answer`; stdout and
/// stderr are pipes (as in tests/every_flag.rs).
#[cfg(unix)]
fn on_a_terminal(j: &Journal, args: &[&str], answer: &str) -> Run {
    use std::io::Write;
    let (master, slave) = common::openpty(None);
    let mut cmd = j.spawnable();
    cmd.args(args)
        .stdin(std::process::Stdio::from(slave))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    drop(cmd);
    let mut master = fs::File::from(master);
    master.write_all(answer.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn journal() -> Journal {
    let j = Journal::new();
    j.add("Idrotermica Rossi", &["--id", "idrotermica"]);
    j
}

#[test]
fn the_same_order_twice_on_a_day_is_refused_in_a_script_unless_again() {
    let j = journal();
    let order = [
        "order",
        "idrotermica",
        "2345.60",
        "--ref",
        "FT 2026/120",
        "--at",
        "2026-11-20",
    ];
    j.ok(order);
    j.fails(
        order,
        2,
        "Idrotermica Rossi (idrotermica) already has the same order on that day (2026-11-20 order: 2345.60 (FT 2026/120)); nothing was recorded. Recording it again would count it twice: if it is meant, add --again",
    );
    assert_eq!(j.count("idrotermica", "order"), 1);
    // Not a repeat: another ref, amount, note or day.
    for other in [
        [
            "order",
            "idrotermica",
            "2345.60",
            "--ref",
            "FT 2026/121",
            "--at",
            "2026-11-20",
        ],
        [
            "order",
            "idrotermica",
            "2345.61",
            "--ref",
            "FT 2026/120",
            "--at",
            "2026-11-20",
        ],
        [
            "order",
            "idrotermica",
            "2345.60",
            "--ref",
            "FT 2026/120",
            "--at",
            "2026-11-21",
        ],
    ] {
        j.ok(other);
    }
    j.ok([
        "order",
        "idrotermica",
        "2345.60",
        "--ref",
        "FT 2026/120",
        "--at",
        "2026-11-20",
        "--note",
        "valves",
    ]);
    assert_eq!(j.count("idrotermica", "order"), 5);
    // Meant: --again records it.
    let mut again = order.to_vec();
    again.push("--again");
    j.ok(&again);
    assert_eq!(j.count("idrotermica", "order"), 6);
}

#[test]
fn the_same_log_or_promise_twice_on_a_day_is_refused_unless_again() {
    let j = journal();
    j.ok([
        "log",
        "idrotermica",
        "Called Paola about prices",
        "--at",
        "2026-11-20",
    ]);
    // Case and runs of spaces aside: the same text.
    j.fails(
        [
            "log",
            "idrotermica",
            "called  paola about prices",
            "--at",
            "2026-11-20",
        ],
        2,
        "already has the same contact on that day (2026-11-20 call out: Called Paola about prices)",
    );
    // On another channel, or another day: another contact.
    j.ok([
        "log",
        "idrotermica",
        "Called Paola about prices",
        "--at",
        "2026-11-20",
        "--channel",
        "email",
    ]);
    j.ok([
        "log",
        "idrotermica",
        "Called Paola about prices",
        "--at",
        "2026-11-21",
    ]);
    j.ok([
        "log",
        "idrotermica",
        "Called Paola about prices",
        "--at",
        "2026-11-20",
        "--again",
    ]);
    assert_eq!(j.count("idrotermica", "interaction"), 4);

    let first = j.promise(
        "idrotermica",
        "Send the quote",
        "2026-11-30",
        &["--at", "2026-11-20"],
    );
    let run = j.fails(
        ["promise", "idrotermica", "send the quote", "--due", "2026-11-30", "--at", "2026-11-20"],
        2,
        &format!("already has the same promise on that day (2026-11-20 promise by us: [{first}] Send the quote (due 2026-11-30))"),
    );
    assert!(run.stderr.contains("add --again"), "{}", run.stderr);
    // Their promise with the same words, or ours due another day, is another promise.
    j.promise(
        "idrotermica",
        "Send the quote",
        "2026-11-30",
        &["--at", "2026-11-20", "--by", "them"],
    );
    j.promise(
        "idrotermica",
        "Send the quote",
        "2026-12-04",
        &["--at", "2026-11-20"],
    );
    j.promise(
        "idrotermica",
        "Send the quote",
        "2026-11-30",
        &["--at", "2026-11-20", "--again"],
    );
    assert_eq!(j.count("idrotermica", "promise"), 4);
}

#[cfg(unix)]
#[test]
fn on_a_terminal_a_repeat_asks_and_the_answer_decides() {
    let j = journal();
    let order = [
        "order",
        "idrotermica",
        "2345.60",
        "--ref",
        "FT 2026/120",
        "--at",
        "2026-11-20",
    ];
    j.ok(order);
    let question = "Idrotermica Rossi (idrotermica) already has the same order on that day (2026-11-20 order: 2345.60 (FT 2026/120)).\nRecord it again? [y/N] ";
    for answer in ["\n", "n\n", "no\n"] {
        let before = j.files();
        let run = on_a_terminal(&j, &order, answer);
        assert_eq!(run.code, 2, "{answer:?}: {run:?}");
        assert!(run.stderr.contains(question), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("not recorded: Idrotermica Rossi (idrotermica) keeps the one it has"),
            "{}",
            run.stderr
        );
        common::assert_unchanged(&before, &j.files(), answer);
    }
    let run = on_a_terminal(&j, &order, "y\n");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains(question), "{}", run.stderr);
    assert!(run.stderr.contains("recorded an order"), "{}", run.stderr);
    assert_eq!(j.count("idrotermica", "order"), 2);
    // Not a repeat: no question on a terminal either.
    let run = on_a_terminal(
        &j,
        &["log", "idrotermica", "Called", "--at", "2026-11-20"],
        "",
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stderr.contains("Record it again"), "{}", run.stderr);
}

#[test]
fn undo_names_the_record_and_a_failed_command_is_never_what_it_takes_back() {
    let j = journal();
    let promise = j.promise(
        "idrotermica",
        "Send the quote",
        "2026-11-30",
        &["--at", "2026-11-20"],
    );
    j.ok(["keep", &promise, "--at", "2026-11-21"]);
    let kept = j.text("idrotermica");
    // A command that fails writes nothing and is not what undo takes back.
    j.fails(
        ["keep", &promise, "--at", "2026-11-22"],
        2,
        "was already kept",
    );
    j.fails(["order", "idrotermica", "12,3,4"], 2, "");
    assert_eq!(j.text("idrotermica"), kept);
    let dry = j.ok(["undo", "--dry-run"]);
    assert!(
        dry.stderr.contains(&format!(
            "would take back the record appended to customers/idrotermica.toml (2026-11-21 kept: [{promise}])"
        )),
        "{}",
        dry.stderr
    );
    let run = j.ok(["undo"]);
    assert_eq!(
        run.stderr,
        format!(
            "took back the record appended to customers/idrotermica.toml (2026-11-21 kept: [{promise}])\n"
        )
    );
    assert_eq!(j.count("idrotermica", "resolution"), 0);
    assert_eq!(j.count("idrotermica", "promise"), 1);
    // An order in the words of show.
    j.ok([
        "order",
        "idrotermica",
        "2345.60",
        "--ref",
        "FT 2026/120",
        "--at",
        "2026-11-20",
    ]);
    let run = j.ok(["undo"]);
    assert!(
        run.stderr.contains("took back the record appended to customers/idrotermica.toml (2026-11-20 order: 2345.60 (FT 2026/120))"),
        "{}",
        run.stderr
    );
}

#[test]
fn undo_names_a_header_edit_and_a_new_customer() {
    let j = journal();
    j.ok(["set", "idrotermica", "cadence=14d", "città=Brescia"]);
    let run = j.ok(["undo"]);
    assert_eq!(
        run.stderr,
        "took back the header edit of customers/idrotermica.toml (cadence: none → 14d, citta: none → Brescia)\n"
    );
    j.add("Caffè Nerò", &[]);
    let run = j.ok(["undo"]);
    assert_eq!(
        run.stderr,
        "took back the creation of customers/caffe-nero.toml (Caffè Nerò)\n"
    );
    assert!(!j.file("caffe-nero").exists());
}
