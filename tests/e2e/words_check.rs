//! What `coltiva check` names, in the journal's language (issue 26): a file damaged by hand in
//! an Italian and a German journal, the exact lines on stdout and stderr, exit 1, and no file
//! changed. English stays as it was (the other test files pin it).

use crate::common;

use std::fs;

use common::*;

/// A journal whose coltiva.toml is the one `init --locale LANGUAGE` writes, with two customers.
fn journal(language: &str) -> Journal {
    let j = Journal::new();
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("journal");
    Run::of(
        bare(tmp.path())
            .args(["init", "--locale", language])
            .arg(&other),
    )
    .ok();
    fs::copy(other.join("coltiva.toml"), j.root().join("coltiva.toml")).unwrap();
    j.add("ACME", &["--id", "acme"]);
    j.add("Bolt", &["--id", "bolt"]);
    j
}

/// Runs `check` and asserts exit 1, exactly `stdout` (each line's path relative to the
/// journal) and exactly `stderr` (ROOT: the journal's folder), and every byte as it was.
#[track_caller]
fn checked(j: &Journal, stdout: &[&str], stderr: &str) {
    let before = j.files();
    let run = Run::of(j.cmd().arg("check"));
    let lines = |prefix: &str, lines: &[&str]| -> String {
        lines.iter().map(|l| format!("{prefix}{l}\n")).collect()
    };
    let placed: Vec<String> = stdout
        .iter()
        .map(|l| match l.split_once(':') {
            Some((rel, rest)) => format!("{}:{rest}", j.root().join(native(rel)).display()),
            None => l.to_string(),
        })
        .collect();
    let placed: Vec<&str> = placed.iter().map(String::as_str).collect();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, lines("", &placed));
    let customers = format!(
        "{}{}",
        j.root().join("customers").display(),
        std::path::MAIN_SEPARATOR
    );
    assert_eq!(run.stderr, stderr.replace("ROOT/customers/", &customers));
    assert_unchanged(&before, &j.files(), "check");
}

/// Records with the problems people make most: a word outside its set, a date in quotes, a
/// missing field, an unknown field, a promise id twice, a resolution of no promise, a table
/// name mistyped, and a header value.
const DAMAGED: &str = r#"schema = 1
name = "ACME"
kind = "external"
since = 2026-11-23
cadence = "monthly"

[[interaction]]
at = 2026-11-20
channel = "cell"
direction = "out"
summary = "called"

[[interaction]]
at = "ieri"
channel = "call"
direction = "out"
summary = "called"

[[interaction]]
at = 2026-11-21
channel = "call"
direction = "out"

[[promise]]
id = "7k3m"
at = 2026-11-21
by = "us"
what = "offer"
due = 2026-11-30
colour = "red"

[[promise]]
id = "7k3m"
at = 2026-11-22
by = "us"
what = "again"
due = 2026-11-30

[[resolution]]
promise = "zzzz"
at = 2026-11-22
status = "kept"

[[resolution]]
promise = "7k3m"
at = 2026-11-22
status = "done"

[[interactoin]]
at = 2026-11-22
"#;

#[test]
fn the_problems_of_records_are_named_in_the_journals_language() {
    let cases: [(&str, [&str; 9], &str); 2] = [
        (
            "it",
            [
                "customers/acme.toml:5:11: cadence deve essere un numero di giorni o di settimane, come \"30d\" o \"2w\"",
                "customers/acme.toml:7:1: [[interaction]]: \"cell\" non è un canale valido (valori ammessi: call | email | meeting | visit | message | note)",
                "customers/acme.toml:13:1: [[interaction]]: \"ieri\" è un testo, non una data: scrivi la data senza virgolette, come 2026-11-20",
                "customers/acme.toml:19:1: [[interaction]]: manca il campo `summary`",
                "customers/acme.toml:30:1: campo sconosciuto `colour` in [[promise]] (i suoi campi: id, at, by, what, due, about, with, source)",
                "customers/acme.toml:33:6: id di promessa \"7k3m\" ripetuto (già usato alla riga 25); dai a una delle due un nuovo id",
                "customers/acme.toml:39:1: esito della promessa \"zzzz\", ma questo file non ha nessuna promessa con quell'id",
                "customers/acme.toml:44:1: [[resolution]]: \"done\" non è un esito valido (valori ammessi: kept | broken | renegotiated | cancelled)",
                "customers/acme.toml:49:1: tipo di registrazione sconosciuto [[interactoin]] (le registrazioni sono [[interaction]], [[order]], [[promise]], [[resolution]], [[phase]], [[person]]); forse intendevi [[interaction]]?",
            ],
            "coltiva: 9 problemi in 1 file (su 2 clienti)\n",
        ),
        (
            "de",
            [
                "customers/acme.toml:5:11: cadence muss eine Anzahl Tage oder Wochen sein, etwa \"30d\" oder \"2w\"",
                "customers/acme.toml:7:1: [[interaction]]: \"cell\" ist kein gültiger Kanal (erlaubt: call | email | meeting | visit | message | note)",
                "customers/acme.toml:13:1: [[interaction]]: \"ieri\" ist ein Text, kein Datum: schreiben Sie das Datum ohne Anführungszeichen, etwa 2026-11-20",
                "customers/acme.toml:19:1: [[interaction]]: das Feld `summary` fehlt",
                "customers/acme.toml:30:1: unbekanntes Feld `colour` in [[promise]] (seine Felder: id, at, by, what, due, about, with, source)",
                "customers/acme.toml:33:6: doppelte Zusagen-ID \"7k3m\" (zuerst in Zeile 25 verwendet); geben Sie einer der beiden eine neue ID",
                "customers/acme.toml:39:1: Abschluss der Zusage \"zzzz\", aber diese Datei hat keine Zusage mit dieser ID",
                "customers/acme.toml:44:1: [[resolution]]: \"done\" ist kein gültiges Ergebnis (erlaubt: kept | broken | renegotiated | cancelled)",
                "customers/acme.toml:49:1: unbekannte Eintragsart [[interactoin]] (Einträge sind [[interaction]], [[order]], [[promise]], [[resolution]], [[phase]], [[person]]); meinten Sie [[interaction]]?",
            ],
            "coltiva: 9 Probleme in 1 Datei (von 2 Kunden)\n",
        ),
    ];
    for (language, stdout, stderr) in cases {
        let j = journal(language);
        fs::write(j.file("acme"), DAMAGED).unwrap();
        checked(&j, &stdout, stderr);
    }
}
