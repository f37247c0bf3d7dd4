//! Tables in a real pseudo-terminal (PRODUCT.md §8.2): every table command on the example
//! journal, in terminals of 60, 80 and 120 columns and in one that does not say its size
//! (0×0, as under `script`, fitted to 80). No line may be wider than the terminal, and every
//! number, date and id appears whole on its row's one line.
//!
//! The pseudo-terminal comes from `common::openpty` (rustix, already a dependency): no extra
//! crate and no `script` binary, whose options differ between systems.

#![cfg(unix)]

mod common;

use common::example_dir;

use std::fs::File;
use std::io::Read;
use std::process::{Command, Stdio};

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// What a run in a pseudo-terminal printed on its stdout (the terminal), with the exit code.
struct Screen {
    code: i32,
    text: String,
}

/// Runs coltiva with stdout on a pseudo-terminal of `cols` columns (0: a terminal that does
/// not say its size), stderr to a pipe.
fn in_terminal(cols: u16, args: &[&str], env: &[(&str, &str)]) -> Screen {
    let (master, slave) = common::openpty(Some((if cols == 0 { 0 } else { 50 }, cols)));
    let mut master = File::from(master);
    let mut cmd = Command::new(common::BIN);
    cmd.arg("--dir")
        .arg(example_dir())
        .args(["--today", common::TODAY])
        .args(args)
        .env_remove("COLTIVA_DIR")
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave))
        .stderr(Stdio::piped());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut child = cmd.spawn().expect("coltiva starts");
    // The child holds the only copy of the terminal's other end now: reading ends (EIO on
    // Linux, 0 elsewhere) when it exits.
    drop(cmd);
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    let status = child.wait().expect("coltiva ends");
    let code = status.code().unwrap_or(-1);
    assert!(code == 0 || code == 1, "exit {code}");
    Screen {
        code,
        // The terminal turns "\n" into "\r\n".
        text: String::from_utf8(bytes)
            .expect("UTF-8 output")
            .replace("\r\n", "\n"),
    }
}

fn json(args: &[&str]) -> Value {
    let out = Command::new(common::BIN)
        .arg("--dir")
        .arg(example_dir())
        .args(["--today", common::TODAY])
        .args(args)
        .args(["--format", "json"])
        .env_remove("COLTIVA_DIR")
        .output()
        .expect("coltiva runs");
    assert!(out.status.success(), "{args:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// The widths a test runs at; 0 is a terminal that does not say its size (fitted to 80).
const WIDTHS: [u16; 4] = [60, 80, 120, 0];

/// No line is wider than the terminal, and no date is cut: a token that starts like a date
/// (four digits and a dash) is a whole date.
fn assert_fits(screen: &Screen, cols: u16, what: &str) {
    let width = if cols == 0 { 80 } else { usize::from(cols) };
    assert!(!screen.text.trim().is_empty(), "{what}: nothing printed");
    for line in screen.text.lines() {
        assert!(
            UnicodeWidthStr::width(line) <= width,
            "{what} at {cols} columns: a line of {} columns:\n{line}\n\n{}",
            UnicodeWidthStr::width(line),
            screen.text
        );
        for token in line.split(|c: char| c.is_whitespace() || "(),;/".contains(c)) {
            let b = token.as_bytes();
            if b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
                assert!(
                    b.len() >= 10
                        && chrono::NaiveDate::parse_from_str(&token[..10], "%Y-%m-%d").is_ok(),
                    "{what} at {cols} columns: a date cut to {token:?} in:\n{line}"
                );
            }
        }
    }
}

/// The one line holding `key` (as a whole word); it must exist and be alone.
fn row<'a>(screen: &'a Screen, key: &str, what: &str) -> &'a str {
    let lines: Vec<&str> = screen
        .text
        .lines()
        .filter(|l| l.split_whitespace().any(|w| w == key))
        .collect();
    assert!(
        !lines.is_empty(),
        "{what}: {key} is not whole on any line:\n{}",
        screen.text
    );
    lines[0]
}

fn header_has(screen: &Screen, title: &str) -> bool {
    screen.text.contains(title)
}

#[test]
fn list_fits_every_terminal() {
    let customers = json(&["list"]);
    for cols in WIDTHS {
        let screen = in_terminal(cols, &["list"], &[]);
        assert_eq!(screen.code, 0);
        assert_fits(&screen, cols, "list");
        for c in customers.as_array().unwrap() {
            let id = str_of(c, "id");
            let line = row(&screen, id, "list");
            assert_eq!(
                screen.text.lines().filter(|l| l.contains(id)).count(),
                1,
                "{id} on one line only"
            );
            if let Some(day) = c["last_contact"]
                .as_str()
                .filter(|_| header_has(&screen, "last contact"))
            {
                assert!(line.contains(day), "{cols}: {day} in {line}");
            }
            let overdue = c["overdue_days"].to_string();
            assert!(
                line.split_whitespace().any(|w| w == overdue),
                "{cols}: overdue {overdue} whole in {line}"
            );
        }
    }
}

#[test]
fn promises_fit_every_terminal() {
    for args in [&["promises"][..], &["promises", "--open"]] {
        let rows = json(args);
        for cols in WIDTHS {
            let screen = in_terminal(cols, args, &[]);
            assert_eq!(screen.code, 0);
            assert_fits(&screen, cols, "promises");
            for r in rows.as_array().unwrap() {
                let key = format!("{}/{}", str_of(r, "customer"), str_of(r, "id"));
                let line = row(&screen, &key, "promises");
                let due = str_of(r, "current_due");
                assert!(line.contains(due), "{cols}: due {due} in {line}");
            }
        }
    }
}

#[test]
fn report_fits_every_terminal() {
    for args in [
        &["report"][..],
        &["report", "--week"],
        &["report", "--since", "2026-01-01"],
    ] {
        let report = json(args);
        for cols in WIDTHS {
            let screen = in_terminal(cols, args, &[]);
            assert_eq!(screen.code, 0);
            assert_fits(&screen, cols, "report");
            for section in ["overdue", "due_soon"] {
                for r in report[section].as_array().unwrap() {
                    let key = format!("{}/{}", str_of(r, "customer"), str_of(r, "id"));
                    let line = row(&screen, &key, "report");
                    assert!(line.contains(str_of(r, "current_due")), "{cols}: {line}");
                }
            }
            for c in report["past_cadence"].as_array().unwrap() {
                let line = row(&screen, str_of(c, "customer"), "report past cadence");
                let overdue = c["overdue_days"].to_string();
                assert!(
                    line.split_whitespace().any(|w| w == overdue),
                    "{cols}: {line}"
                );
            }
        }
    }
}

#[test]
fn show_fits_every_terminal() {
    for customer in ["keller-armaturen", "termoidraulica-veneta", "marco-bellini"] {
        let detail = json(&["show", customer, "--all"]);
        for cols in WIDTHS {
            let screen = in_terminal(cols, &["show", customer, "--all"], &[]);
            assert_eq!(screen.code, 0);
            assert_fits(&screen, cols, customer);
            row(&screen, customer, "show id");
            for r in detail["records"].as_array().unwrap() {
                let at = str_of(r, "at");
                assert!(
                    screen.text.lines().any(|l| l.contains(at)),
                    "{customer} at {cols}: record time {at} whole:\n{}",
                    screen.text
                );
            }
        }
    }
}

#[test]
fn a_pipe_is_not_fitted_and_colour_follows_the_terminal() {
    // Piped: never fitted, never wrapped, no colour.
    let piped = Command::new(common::BIN)
        .arg("--dir")
        .arg(example_dir())
        .args(["--today", common::TODAY, "promises"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "40")
        .output()
        .unwrap();
    let text = String::from_utf8(piped.stdout).unwrap();
    assert!(text.lines().any(|l| l.chars().count() > 120), "{text}");
    assert!(!text.contains('\u{1b}'));
    // A terminal without NO_COLOR: overdue rows stand out; --color never and NO_COLOR
    // turn colour off; escapes do not count towards the width.
    let coloured = in_terminal(80, &["promises", "--open"], &[("NO_COLOR", "")]);
    assert!(coloured.text.contains("\u{1b}[31m") || coloured.text.contains("\u{1b}[1m\u{1b}[31m"));
    let overdue_line = coloured
        .text
        .lines()
        // The example journal reads Italian: an overdue promise is "scaduta".
        .find(|l| l.contains("scaduta"))
        .expect("an overdue promise");
    assert!(overdue_line.contains('\u{1b}'), "{overdue_line}");
    let never = in_terminal(80, &["--color", "never", "promises"], &[("NO_COLOR", "")]);
    assert!(!never.text.contains('\u{1b}'));
    let no_color = in_terminal(80, &["promises"], &[]);
    assert!(!no_color.text.contains('\u{1b}'));
    let clicolor = in_terminal(80, &["promises"], &[("NO_COLOR", ""), ("CLICOLOR", "0")]);
    assert!(!clicolor.text.contains('\u{1b}'));
    // CLICOLOR_FORCE colours even a pipe.
    let forced = Command::new(common::BIN)
        .arg("--dir")
        .arg(example_dir())
        .args(["--today", common::TODAY, "promises", "--overdue"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains('\u{1b}'));
}
