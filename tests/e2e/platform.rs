//! The same guarantees on every system (PRODUCT.md §9.3, issue #31): readers read while a
//! writer holds a customer's lock, writers wait for each other, a file held open by another
//! program is named as such and never costs a byte or a second copy of a repaired tail, and a
//! folder where a file should be is called a folder.
//!
//! Everything here runs on Linux and, cross-built, under wine in CI (`.ci/run`). What wine
//! proves and what it cannot: it runs the Windows code paths (the byte-range lock on
//! `.cache/lock`, reparse-point-safe opens, writable flushes) and makes a second writer wait
//! for the lock; it does not enforce Windows' mandatory locks against reads, so "readers are
//! not blocked" holds under wine whatever the lock design, and is by design only on Windows
//! (docs/DURABILITY.md).

use crate::common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use common::*;

fn acme() -> Journal {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    j.ok(["log", "acme", "first call"]);
    j
}

/// Starts `log acme <summary>` that holds the customer's lock until `release` exists, and
/// returns once it holds it.
fn slow_writer(j: &Journal, summary: &str, release: &Path) -> Child {
    let mut child = j
        .spawnable()
        .env("COLTIVA_FAULT", format!("hold-lock:{}", release.display()))
        .args(["log", "acme", summary])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    err.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "holding the lock", "the writer said {line:?}");
    // Keep reading its stderr, so that it can never block on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
    child
}

#[test]
fn readers_read_while_a_writer_holds_the_lock_and_writers_wait() {
    let j = acme();
    let release = j.tmp().join("release");
    let mut writer = slow_writer(&j, "slow call", &release);
    // A second writer queues behind the first.
    let mut second = j
        .spawnable()
        .args(["log", "acme", "second call"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Every reading command reads the file as it is, while the lock is held.
    for args in [
        &["show", "acme"][..],
        &["list"],
        &["report"],
        &["check"],
        &["export", "--format", "json"],
        &["agenda"],
    ] {
        let run = j.ok(args);
        assert!(
            !run.stderr.contains("could not"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let show = j.ok(["show", "acme"]).stdout;
    assert!(show.contains("first call"), "{show}");
    assert!(!show.contains("slow call"), "not yet written: {show}");
    assert!(
        writer.try_wait().unwrap().is_none(),
        "the writer holds the lock until released"
    );
    assert!(
        second.try_wait().unwrap().is_none(),
        "the second writer waits for the lock"
    );
    fs::write(&release, "").unwrap();
    assert!(writer.wait().unwrap().success());
    assert!(second.wait().unwrap().success());
    // The second writer waited: its record comes after the slow one, both whole.
    let text = j.text("acme");
    let (slow, next) = (
        text.find("slow call").unwrap(),
        text.find("second call").unwrap(),
    );
    assert!(slow < next, "{text}");
    j.ok(["check"]);
}

/// A torn last record, as a crash mid-append leaves it.
fn torn(j: &Journal) -> String {
    let good = j.text("acme");
    let bad = format!("{good}\n[[order]]\nat = 2026-11-21\namount = \"5");
    fs::write(j.file("acme"), &bad).unwrap();
    bad
}

#[test]
fn a_repair_that_cannot_replace_a_held_file_changes_nothing_and_copies_the_tail_once() {
    let j = acme();
    let bad = torn(&j);
    let before = j.files();
    let run = Run::of(
        j.cmd()
            .env("COLTIVA_FAULT", "replace-busy")
            .args(["repair", "acme"]),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("is it open in another program")
            && run.stderr.contains("close it, then run the command again")
            && run.stderr.contains("nothing was changed"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    // No .rej file, no temporary file: every byte as it was.
    assert_unchanged(&before, &j.files(), "repair of a held file");
    assert_eq!(j.text("acme"), bad);
    // Again, now that the file is free: the tail moves to the .rej file once.
    j.ok(["repair", "acme"]);
    let rej = fs::read_to_string(j.root().join("customers").join("acme.toml.rej")).unwrap();
    assert_eq!(rej, "\n[[order]]\nat = 2026-11-21\namount = \"5");
}

#[test]
fn a_repair_whose_tail_cannot_be_taken_back_says_so() {
    let j = acme();
    torn(&j);
    let run = Run::of(
        j.cmd()
            .env("COLTIVA_FAULT", "replace-busy,truncate-fail")
            .args(["repair", "acme"]),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let rej = j.root().join("customers").join("acme.toml.rej");
    // The .rej file did not exist: taking the copy back removes it (no cut needed).
    assert!(!rej.exists(), "{}", run.stderr);
    // A .rej file from before: the copy is cut back off, which fails here, and is named.
    fs::write(&rej, "earlier\n").unwrap();
    let run = Run::of(
        j.cmd()
            .env("COLTIVA_FAULT", "replace-busy,truncate-fail")
            .args(["repair", "acme"]),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("now also holds a copy of the tail that is still in")
            && run.stderr.contains("coltiva repair acme"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_header_edit_of_a_held_file_says_so_and_changes_nothing() {
    let j = acme();
    let before = j.files();
    let run =
        Run::of(
            j.cmd()
                .env("COLTIVA_FAULT", "replace-busy")
                .args(["set", "acme", "phone=123"]),
        );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("is it open in another program"),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &j.files(), "set of a held file");
}

#[test]
fn a_folder_where_a_customer_file_should_be_is_called_a_folder() {
    let j = Journal::new();
    fs::create_dir(j.root().join("customers").join("acme.toml")).unwrap();
    j.fails(
        ["log", "acme", "call"],
        1,
        "is not a regular file (it is a folder)",
    );
    let run = j.run(["show", "acme"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("is not a regular file (it is a folder)"),
        "{}",
        run.stderr
    );
}

/// Windows: a file another program opened without sharing reads (a spreadsheet does this) is
/// named as such by readers and writers, and nothing changes. Wine enforces sharing modes, so
/// this runs for real under wine in CI.
#[cfg(windows)]
#[test]
fn a_file_another_program_holds_is_named_as_held_not_as_broken() {
    use std::os::windows::fs::OpenOptionsExt;
    let j = acme();
    let before = j.files();
    let held = fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(j.file("acme"))
        .unwrap();
    for args in [&["show", "acme"][..], &["log", "acme", "while held"]] {
        let run = j.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("another program has it open"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = j.run(["list", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("do what the problem says") && !run.stdout.contains("coltiva repair"),
        "{}",
        run.stdout
    );
    drop(held);
    assert_unchanged(&before, &j.files(), "commands on a held file");
    j.ok(["log", "acme", "after"]);
}

/// Windows: a header edit of a file another program holds open without sharing deletion
/// cannot rename over it; after retrying it says so and changes nothing.
#[cfg(windows)]
#[test]
fn a_header_edit_of_a_file_open_elsewhere_retries_then_says_so() {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    const FILE_SHARE_WRITE: u32 = 2;
    let j = acme();
    let before = j.files();
    let held = fs::OpenOptions::new()
        .read(true)
        .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE)
        .open(j.file("acme"))
        .unwrap();
    let run = j.run(["set", "acme", "phone=123"]);
    drop(held);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("is it open in another program"),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &j.files(), "set of a file open elsewhere");
    j.ok(["set", "acme", "phone=123"]);
}
