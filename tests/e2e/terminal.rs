//! Tables in a real pseudo-terminal (PRODUCT.md §8.2): every table command on the example
//! journal, in terminals of 60, 80 and 120 columns and in one that does not say its size
//! (0×0, as under `script`, fitted to 80). No line may be wider than the terminal, and every
//! number, date and id appears whole on its row's one line.
//!
//! The pseudo-terminal comes from `common::openpty` (rustix, already a dependency): no extra
//! crate and no `script` binary, whose options differ between systems.

#![cfg(unix)]

use crate::common;

use common::{Run, example_dir};

use std::path::Path;

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

/// Runs coltiva on the example journal with stdout on a pseudo-terminal of `cols` columns (0:
/// a terminal that does not say its size), stderr to a pipe.
fn in_terminal(cols: u16, args: &[&str], env: &[(&str, &str)]) -> Screen {
    in_terminal_at(&example_dir(), cols, args, env)
}

/// [`in_terminal`] on the journal in `dir`.
fn in_terminal_at(dir: &Path, cols: u16, args: &[&str], env: &[(&str, &str)]) -> Screen {
    let (master, slave) = common::openpty(Some((if cols == 0 { 0 } else { 50 }, cols)));
    let mut master = File::from(master);
    let mut cmd = Command::new(common::BIN);
    cmd.arg("--dir")
        .arg(dir)
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
    json_at(&example_dir(), args)
}

fn json_at(dir: &Path, args: &[&str]) -> Value {
    let out = Command::new(common::BIN)
        .arg("--dir")
        .arg(dir)
        .args(["--today", common::TODAY])
        .args(args)
        .args(["--format", "json"])
        .env_remove("COLTIVA_DIR")
        .output()
        .expect("coltiva runs");
    assert!(out.status.success(), "{args:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A JSON day (ISO) as the Italian journals of these tests show it: 23/11/2026.
fn it_day(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    format!("{}/{}/{}", parts[2], parts[1], parts[0])
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
                let line = row(&screen, str_of(r, "id"), "promises");
                let due = it_day(str_of(r, "current_due"));
                assert!(line.contains(&due), "{cols}: due {due} in {line}");
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
                    let line = row(&screen, str_of(r, "id"), "report");
                    assert!(
                        line.contains(&it_day(str_of(r, "current_due"))),
                        "{cols}: {line}"
                    );
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
                // As the Italian journal shows a moment: its day, and the time of day.
                let json_at = str_of(r, "at");
                let at = match json_at.split_once(' ') {
                    Some((day, time)) => format!("{} {}", it_day(day), &time[..5]),
                    None => it_day(json_at),
                };
                assert!(
                    screen.text.lines().any(|l| l.contains(&at)),
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

/// A journal of long Italian names (ids as long as a slug gets), long promise texts, promises
/// both ways, contacts past their cadence, orders and a lost customer; Italian settings (the
/// example's coltiva.toml).
fn long_names() -> common::Journal {
    let j = common::Journal::new();
    std::fs::copy(
        example_dir().join("coltiva.toml"),
        j.root().join("coltiva.toml"),
    )
    .expect("the example's settings");
    let names = [
        "Termoidraulica Fratelli Bortolamiolli di Giovanni Bortolamiolli e Figli S.n.c.",
        "Impianti Tecnologici Sant'Ambrogio di Valpolicella S.r.l.",
        "Edilclima Gardesana Servizi Integrati per l'Edilizia Sostenibile S.p.A.",
        "Idraulica Bianchi S.n.c. di Bianchi Pierluigi, Bianchi Massimo e Bianchi Andrea",
    ];
    for (i, name) in names.iter().enumerate() {
        let mut extra = vec![
            "--tag",
            "idraulica",
            "--since",
            "2024-01-10",
            "--set",
            "territorio=Lombardia orientale e basso Garda",
        ];
        // An id as long as one may be (chosen, not made from the name).
        if i == 3 {
            extra.extend([
                "--id",
                "idraulica-bianchi-pierluigi-massimo-e-andrea-di-bianchi",
            ]);
        }
        let id = j.add(name, &extra);
        assert!(id.len() >= 17, "{id}");
        let on = |day: &str, args: &[&str]| {
            let run = Run::of(j.cmd_on(day).args(args));
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            run.stdout.trim().to_string()
        };
        on(
            "2024-02-01",
            &["order", &id, "12.345,67", "--ref", "FT-2024-0001234"],
        );
        if i != 2 {
            on(
                "2026-06-01",
                &["order", &id, "1.240,50", "--ref", "FT-2026-0000567"],
            );
        }
        on(
            "2026-10-01",
            &[
                "log",
                &id,
                "Telefonata lunghissima con il titolare sulla fornitura di collettori per il cantiere dell'ospedale",
            ],
        );
        on(
            "2026-10-02",
            &[
                "promise",
                &id,
                "Mandare l'offerta aggiornata con il listino 2027 e le condizioni di pagamento concordate al telefono",
                "--due",
                "2026-11-10",
            ],
        );
        on(
            "2026-11-20",
            &[
                "promise",
                &id,
                "Pagare la fattura FT-2026-0000567 con bonifico bancario a trenta giorni data fattura fine mese",
                "--due",
                "2026-11-27",
                "--by",
                "them",
                "--payment",
            ],
        );
    }
    j
}

/// The column titles of the table under `title` (the line two below it), split where two
/// spaces part them.
fn header_of(screen: &Screen, title: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == title)
        .unwrap_or_else(|| panic!("no table {title:?} in:\n{}", screen.text));
    lines[at + 2]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

#[track_caller]
fn has_columns(screen: &Screen, title: &str, essential: &[&str], what: &str) {
    let header = header_of(screen, title);
    // A table too wide even for its essential columns is stacked: "column: value" lines.
    let stacked = |column: &str| {
        screen
            .text
            .lines()
            .any(|l| l.starts_with(&format!(" {column}: ")))
    };
    for column in essential {
        assert!(
            header.iter().any(|h| h == column) || stacked(column),
            "{what}: the essential column {column:?} of {title:?} is missing ({header:?}):\n{}",
            screen.text
        );
    }
}

/// Every table command, on the example journal and on one of long Italian names, at 60, 80 and
/// 120 columns: no line too wide, no date cut, every id whole, and the columns that say what to
/// do there.
#[test]
fn every_table_keeps_its_essential_columns() {
    let long = long_names();
    for dir in [example_dir(), long.root().to_path_buf()] {
        let customers = json_at(&dir, &["list"]);
        let ids: Vec<&str> = customers
            .as_array()
            .unwrap()
            .iter()
            .map(|c| str_of(c, "id"))
            .collect();
        let agenda = json_at(&dir, &["agenda"]);
        let promises = json_at(&dir, &["promises", "--open"]);
        let outlook = json_at(&dir, &["outlook"]);
        for cols in [60, 80, 120] {
            let what = format!("{} at {cols}", dir.display());
            let run = |args: &[&str]| {
                let screen = in_terminal_at(&dir, cols, args, &[]);
                assert_eq!(screen.code, 0, "{args:?}");
                assert_fits(&screen, cols, &format!("{args:?} {what}"));
                screen
            };
            // The agenda, a to-do list: when, do what, whom, what.
            let screen = run(&["agenda"]);
            let title = screen
                .text
                .lines()
                .find(|l| l.starts_with("Da fare entro"))
                .unwrap();
            has_columns(
                &screen,
                title,
                &["quando", "da fare", "cliente", "cosa"],
                &what,
            );
            for item in agenda.as_array().unwrap() {
                if let Some(p) = item["promise"].as_str().filter(|_| cols >= 80) {
                    let line = row(&screen, p, &what);
                    let verb = if str_of(item, "kind") == "keep" {
                        "mantenere"
                    } else {
                        "sollecitare"
                    };
                    assert!(line.contains(verb), "{what}: {line}");
                }
            }
            let contacts = agenda
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["kind"] == "contact")
                .count();
            assert_eq!(
                screen
                    .text
                    .lines()
                    .filter(|l| l.contains(" contattare "))
                    .count(),
                contacts,
                "{what}:\n{}",
                screen.text
            );
            // Promises: which, whose, what, when.
            let screen = run(&["promises", "--open"]);
            has_columns(
                &screen,
                "Promesse",
                &["promessa", "cliente", "cosa", "scadenza"],
                &what,
            );
            for p in promises.as_array().unwrap() {
                let line = row(&screen, str_of(p, "id"), &what);
                assert!(
                    line.contains(&it_day(str_of(p, "current_due"))),
                    "{what}: {line}"
                );
            }
            // The list: the id to copy, whole.
            let screen = run(&["list"]);
            for id in &ids {
                row(&screen, id, &what);
            }
            // The weekly review and its groups.
            let screen = run(&["report", "--by", "phase"]);
            has_columns(
                &screen,
                "Promesse scadute (prima le nostre)",
                &["promessa", "cliente", "cosa", "scadenza"],
                &what,
            );
            has_columns(&screen, "Per phase", &["valore", "clienti"], &what);
            // One customer: its records say when and what.
            let screen = run(&["show", ids[0], "--all"]);
            let records = screen
                .text
                .lines()
                .find(|l| l.starts_with("Registrazioni"))
                .unwrap();
            has_columns(&screen, records, &["quando", "cosa", "dettagli"], &what);
            // The outlook: whom.
            let screen = run(&["outlook"]);
            for c in outlook["customers"].as_array().unwrap() {
                row(&screen, str_of(c, "id"), &what);
            }
        }
    }
}

/// `check` names every unreadable file with what is wrong and what to do, at every width.
#[test]
fn check_keeps_the_problem_and_the_fix() {
    let j = long_names();
    // The longest id a name makes (a slug of 32 characters).
    let list = json_at(j.root(), &["list"]);
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| str_of(c, "id"))
        .find(|id| id.starts_with("termoidraulica"))
        .unwrap()
        .to_string();
    let file = j.root().join("customers").join(format!("{id}.toml"));
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n[[record]\nbroken = \n");
    std::fs::write(&file, text).unwrap();
    for cols in [60, 80, 120] {
        let screen = in_terminal_at(j.root(), cols, &["report"], &[]);
        assert_eq!(screen.code, 1);
        assert_fits(&screen, cols, "report with a broken file");
        let title = screen
            .text
            .lines()
            .find(|l| l.contains("File illeggibili") || l.contains("Unreadable"))
            .unwrap_or_else(|| panic!("{}", screen.text));
        has_columns(
            &screen,
            title,
            &["file", "problema", "rimedio"],
            "report's problems",
        );
        row(
            &screen,
            &format!("customers/{id}.toml"),
            "the broken file whole",
        );
        // `check` names the place as an editor reads it: path:line:column, on one line.
        let screen = in_terminal_at(j.root(), cols, &["check"], &[]);
        assert_eq!(screen.code, 1);
        let place = format!("customers/{id}.toml:");
        assert!(
            screen
                .text
                .lines()
                .any(|l| l.contains(&place) && l.contains("TOML")),
            "{}",
            screen.text
        );
    }
}

#[test]
fn search_fits_every_terminal() {
    let hits = json(&["search", "listino"]);
    assert!(hits.as_array().is_some_and(|h| h.len() > 2), "{hits}");
    for cols in WIDTHS {
        let screen = in_terminal(cols, &["search", "listino"], &[]);
        assert_eq!(screen.code, 0);
        assert_fits(&screen, cols, "search");
        for h in hits.as_array().unwrap() {
            // whose and when stay whole on the hit's line
            let line = row(&screen, &it_day(str_of(h, "day")), "search");
            assert!(line.contains(str_of(h, "customer")), "{cols}: {line}");
        }
    }
}
