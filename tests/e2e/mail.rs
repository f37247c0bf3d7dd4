//! `coltiva mail` (PRODUCT.md §9.2) on real-shaped messages (tests/fixtures/mail/, described
//! in its README): matched by domain or address, direction from the sender, the subject as
//! the summary (encoded words decoded, reply marks left out), the Date's moment, logged once
//! by Message-ID however often it is fed, one message on stdin or a whole Maildir; what
//! matches no one or more than one customer is listed, never guessed, with exit 1.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Journal, Run, assert_unchanged};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mail")
        .join(name)
}

/// The journal of the fixtures: three customers and our own domain.
fn journal() -> Journal {
    let j = Journal::new();
    j.edit_settings(&[("[git]", "[mail]\nme = [\"@mia-ditta.it\"]\n\n[git]")]);
    j.add("ACME S.r.l.", &["--id", "acme", "--set", "domain=acme.it"]);
    j.add(
        "Rossi Impianti",
        &["--id", "rossi", "--set", "domain=rossi-impianti.it"],
    );
    j.add(
        "Verdi Arredo",
        &["--id", "verdi", "--set", "email=info@verdi-arredo.com"],
    );
    j
}

/// `coltiva mail --format json` with the fixture on stdin.
fn feed(j: &Journal, name: &str, extra: &[&str]) -> Run {
    let bytes = fs::read(fixture(name)).expect("a fixture");
    Run::of(
        j.cmd()
            .args(["mail", "--format", "json"])
            .args(extra)
            .write_stdin(bytes),
    )
}

fn rows(run: &Run) -> Vec<Value> {
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    value.as_array().expect("an array").clone()
}

fn interactions(j: &Journal, id: &str) -> Vec<toml::Table> {
    j.toml(id)
        .get("interaction")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|v| v.as_table().expect("a table").clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn mail_logs_real_shaped_messages_with_their_subject_day_and_direction() {
    let j = journal();
    // (fixture, customer, direction, summary, at)
    let cases = [
        (
            "multipart-alternative.eml",
            "acme",
            "in",
            "Offerta rubinetti Gessi – perché il ritardo?",
            "2026-11-20T10:30:00+01:00",
        ),
        (
            "italian-latin1.eml",
            "rossi",
            "out",
            "Conferma ordine n° 114: la merce è partita",
            "2026-11-23T09:05:41+01:00",
        ),
        (
            "reply.eml",
            "verdi",
            "out",
            "listino 2026 – novità",
            "2026-11-24T16:45:10Z",
        ),
        (
            "forwarded.eml",
            "verdi",
            "out",
            "Preventivo lavabi",
            "2026-11-26T11:20:00+01:00",
        ),
        (
            "no-message-id.eml",
            "acme",
            "in",
            "Conferma appuntamento",
            "2026-11-28T08:15:00+01:00",
        ),
    ];
    for (name, customer, direction, summary, at) in cases {
        let run = feed(&j, name, &[]);
        assert_eq!(run.code, 0, "{name}: {}\n{}", run.stdout, run.stderr);
        let row = &rows(&run)[0];
        assert_eq!(row["outcome"], "logged", "{name}: {row:#}");
        assert_eq!(row["customer"], customer, "{name}");
        assert_eq!(row["direction"], direction, "{name}");
        assert_eq!(row["summary"], summary, "{name}");
        assert!(
            run.stderr.contains("logged 1 of 1 message"),
            "{name}: {}",
            run.stderr
        );
        let last = j.last(customer, "interaction");
        assert_eq!(common::str_field(&last, "channel"), "email", "{name}");
        assert_eq!(common::str_field(&last, "direction"), direction, "{name}");
        assert_eq!(common::str_field(&last, "summary"), summary, "{name}");
        assert_eq!(common::at(&last), at, "{name}");
        assert!(
            common::str_field(&last, "source").starts_with("mail:"),
            "{name}: {last:?}"
        );
    }
    let acme = interactions(&j, "acme");
    assert_eq!(
        common::str_field(&acme[0], "source"),
        "mail:CAF3x9Q1-offerta-20261120@mail.acme.it"
    );
    // The mixed-case From is matched, and shown lower-cased.
    let again = feed(&j, "multipart-alternative.eml", &[]);
    assert_eq!(rows(&again)[0]["from"], "paola.rossi@acme.it");
    // What was mailed is searched like what was typed.
    let found = j.json(["search", "perche", "ritardo", "--format", "json"]);
    assert_eq!(found[0]["customer"], "acme", "{found:#}");
    assert_eq!(found[0]["detail"], "email");
}

#[test]
fn mail_logs_a_message_once_however_often_it_is_fed() {
    let j = journal();
    for name in ["multipart-alternative.eml", "no-message-id.eml"] {
        feed(&j, name, &[]).ok();
        let before = j.files();
        for _ in 0..2 {
            let run = feed(&j, name, &[]).ok();
            assert_eq!(rows(&run)[0]["outcome"], "already_logged", "{name}");
            assert!(run.stderr.contains("1 already logged"), "{}", run.stderr);
        }
        assert_unchanged(&before, &j.files(), name);
    }
    assert_eq!(j.count("acme", "interaction"), 2);
}

#[test]
fn mail_lists_what_matches_no_one_or_several_and_writes_nothing() {
    let j = journal();
    for (name, why) in [
        (
            "unknown-sender.eml",
            "from someone@unknown.example, who is neither one of your addresses ([mail] me in coltiva.toml) nor a customer's",
        ),
        (
            "two-customers.eml",
            "match more than one customer (acme, rossi)",
        ),
    ] {
        let before = j.files();
        let run = feed(&j, name, &[]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let row = &rows(&run)[0];
        assert_eq!(row["outcome"], "not_logged", "{name}");
        assert!(
            row["why"].as_str().is_some_and(|w| w.contains(why)),
            "{name}: {row:#}"
        );
        assert!(row["from"].as_str().is_some_and(|f| !f.is_empty()));
        assert!(row["subject"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(
            run.stderr
                .contains("1 message not logged: each is listed with why"),
            "{}",
            run.stderr
        );
        assert_unchanged(&before, &j.files(), name);
    }
    // The table for people says the same, with From and Subject.
    let bytes = fs::read(fixture("two-customers.eml")).expect("a fixture");
    let run = Run::of(
        j.cmd()
            .args(["mail", "--format", "table"])
            .write_stdin(bytes),
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("Riunione congiunta"), "{}", run.stdout);
    assert!(run.stdout.contains("marco@mia-ditta.it"), "{}", run.stdout);
    assert!(run.stdout.contains("not logged"), "{}", run.stdout);

    // A mailing list is skipped, not a failure: it is no conversation.
    let before = j.files();
    let run = feed(&j, "mailing-list.eml", &[]).ok();
    assert_eq!(rows(&run)[0]["outcome"], "skipped");
    assert!(
        rows(&run)[0]["why"]
            .as_str()
            .is_some_and(|w| w.contains("mailing list (clienti.lists.acme.it)"))
    );
    assert_unchanged(&before, &j.files(), "a mailing list");
}

#[test]
fn mail_without_me_takes_a_sender_who_is_no_customer_for_us() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme", "--set", "domain=acme.it"]);
    let run = feed(&j, "two-customers.eml", &[]).ok();
    // Only ACME is a customer here: the message went out to it.
    assert_eq!(rows(&run)[0]["customer"], "acme");
    assert_eq!(rows(&run)[0]["direction"], "out");
    // A webmail domain never matches by domain.
    j.add(
        "Gmail lover",
        &["--id", "webby", "--set", "domain=gmail.com"],
    );
    let mut message = fs::read_to_string(fixture("unknown-sender.eml")).expect("fixture");
    message = message.replace("someone@unknown.example", "someone@gmail.com");
    let run = Run::of(
        j.cmd()
            .args(["mail", "--format", "json"])
            .write_stdin(message),
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(rows(&run)[0]["outcome"], "not_logged");
}

#[test]
fn mail_reads_a_maildir_once_and_a_dry_run_writes_nothing() {
    let j = journal();
    let maildir = j.tmp().join("Mail/clienti");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(maildir.join(sub)).expect("a folder");
    }
    let files = [
        (
            "cur",
            "1764000001.M1P1.host:2,S",
            "multipart-alternative.eml",
        ),
        ("cur", "1764000002.M2P1.host:2,RS", "italian-latin1.eml"),
        ("new", "1764000003.M3P1.host", "reply.eml"),
        ("new", "1764000004.M4P1.host", "mailing-list.eml"),
        ("new", "1764000005.M5P1.host", "unknown-sender.eml"),
        // The same message delivered twice (a copy in new/ as well).
        ("new", "1764000006.M6P1.host", "multipart-alternative.eml"),
        // Still being delivered: never read.
        ("tmp", "1764000007.M7P1.host", "no-message-id.eml"),
    ];
    for (sub, file, fixture_name) in files {
        fs::copy(fixture(fixture_name), maildir.join(sub).join(file)).expect("copy");
    }
    let dir = maildir.to_str().expect("UTF-8");

    let before = j.files();
    let dry = Run::of(
        j.cmd()
            .args(["mail", "--maildir", dir, "--dry-run", "--format", "json"]),
    );
    assert_eq!(dry.code, 1, "{}", dry.stderr);
    let outcomes: Vec<String> = rows(&dry)
        .iter()
        .map(|r| r["outcome"].as_str().expect("outcome").to_string())
        .collect();
    assert_eq!(
        outcomes,
        [
            "would_log",
            "would_log",
            "would_log",
            "skipped",
            "not_logged",
            "already_logged"
        ]
    );
    assert!(
        dry.stderr.contains("dry run: nothing written"),
        "{}",
        dry.stderr
    );
    assert_unchanged(&before, &j.files(), "mail --dry-run");

    let run = Run::of(j.cmd().args(["mail", "--maildir", dir, "--format", "csv"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "message,day,from,subject,summary,outcome,customer,direction,with,source,why\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("logged 3 of 6 messages"),
        "{}",
        run.stderr
    );
    assert_eq!(j.count("acme", "interaction"), 1);
    assert_eq!(j.count("rossi", "interaction"), 1);
    assert_eq!(j.count("verdi", "interaction"), 1);

    let before = j.files();
    let again = Run::of(j.cmd().args(["mail", "--maildir", dir, "--format", "json"]));
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("logged 0 of 6 messages, 4 already logged"),
        "{}",
        again.stderr
    );
    assert_unchanged(&before, &j.files(), "a second run over the Maildir");
    let short = Run::of(j.cmd().args(["mail", "--maildir", dir, "-f", "json"]));
    assert_eq!(short.stdout, again.stdout, "-f is --format");
}

#[test]
fn mail_refuses_what_it_cannot_read_and_changes_nothing() {
    let j = journal();
    let before = j.files();
    let run = Run::of(j.cmd().arg("mail").write_stdin(""));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("standard input is empty"),
        "{}",
        run.stderr
    );
    let run = Run::of(
        j.cmd()
            .arg("mail")
            .write_stdin("just some words, no header at all"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("not an e-mail message"),
        "{}",
        run.stdout
    );
    let nowhere = j.tmp().join("no-such-maildir");
    j.fails(
        ["mail", "--maildir", nowhere.to_str().expect("UTF-8")],
        1,
        "could not read the Maildir",
    );
    let plain = j.tmp().join("plain");
    fs::create_dir_all(&plain).expect("a folder");
    j.fails(
        ["mail", "--maildir", plain.to_str().expect("UTF-8")],
        1,
        "not a Maildir: it has neither a new/ nor a cur/ folder",
    );
    assert_unchanged(&before, &j.files(), "refused mail");
    // A [mail] table that is not a list of addresses is named, with its line and column.
    j.edit_settings(&[("me = [\"@mia-ditta.it\"]", "me = \"@mia-ditta.it\"")]);
    let run = feed(&j, "reply.eml", &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("coltiva.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("expected a sequence"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

/// The cron line of docs/MAIL.md, run as written by `sh` with a bare environment: the
/// Maildir's messages are logged, the listing is in the file, and cron has nothing to mail;
/// without a journal, the error is what cron mails.
#[cfg(unix)]
#[test]
fn the_cron_line_of_mail_md_works_as_written() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/MAIL.md"))
        .expect("docs/MAIL.md");
    let block = doc
        .split("```cron\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a cron block in docs/MAIL.md");
    let line = block.trim();
    let command = line
        .splitn(6, ' ')
        .nth(5)
        .expect("five time fields, then the command");

    let tmp = tempfile::tempdir().expect("a temporary folder");
    let home = tmp.path().join("home");
    let bin = tmp.path().join("bin");
    fs::create_dir_all(&bin).expect("a folder");
    std::os::unix::fs::symlink(common::BIN, bin.join("coltiva")).expect("a link");
    let journal = home.join("clienti");
    Run::of(common::bare(tmp.path()).arg("init").arg(&journal)).ok();
    Run::of(common::coltiva(&journal).args([
        "add",
        "ACME",
        "--id",
        "acme",
        "--set",
        "domain=acme.it",
    ]))
    .ok();
    let maildir = home.join("Mail/clienti");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(maildir.join(sub)).expect("a folder");
    }
    fs::copy(
        fixture("multipart-alternative.eml"),
        maildir.join("new/1.M1.host"),
    )
    .expect("copy");
    fs::copy(fixture("unknown-sender.eml"), maildir.join("new/2.M2.host")).expect("copy");
    let cron = || {
        let out = std::process::Command::new("env")
            .arg("-i")
            .arg(format!("HOME={}", home.display()))
            .arg(format!("PATH={}:/usr/bin:/bin", bin.display()))
            .args(["/bin/sh", "-c", command])
            .output()
            .expect("sh runs");
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    for _ in 0..2 {
        assert_eq!(cron(), "", "cron would mail this");
        let csv = fs::read_to_string(home.join(".coltiva-mail.csv")).expect("the listing");
        assert!(csv.contains("not_logged"), "{csv}");
        assert!(csv.contains("Collaborazione?"), "{csv}");
    }
    let acme = fs::read_to_string(journal.join("customers/acme.toml")).expect("acme");
    assert_eq!(acme.matches("[[interaction]]").count(), 1, "{acme}");
    fs::remove_dir_all(&journal).expect("remove the journal");
    let mailed = cron();
    assert!(
        mailed.contains("coltiva:"),
        "cron mails the error: {mailed:?}"
    );
}

#[test]
fn mail_names_the_person_whose_address_it_is_and_a_persons_webmail_finds_the_customer() {
    let j = journal();
    let paola = j
        .ok([
            "person",
            "add",
            "acme",
            "Paola Rossi",
            "--role",
            "acquisti",
            "--email",
            "paola.rossi@acme.it",
        ])
        .stdout
        .trim()
        .to_string();
    // A person of Verdi writes from Gmail: her address, not Gmail, is Verdi's.
    let giulia = j
        .ok([
            "person",
            "add",
            "verdi",
            "Giulia Verdi",
            "--email",
            "giulia.verdi@gmail.com",
        ])
        .stdout
        .trim()
        .to_string();
    let run = feed(&j, "multipart-alternative.eml", &[]).ok();
    assert_eq!(rows(&run)[0]["with"], paola.as_str(), "{}", run.stdout);
    assert_eq!(
        common::str_field(&j.last("acme", "interaction"), "with"),
        paola
    );

    // Out to a person: the first of the customer's people among To and Cc.
    let message = fs::read_to_string(fixture("two-customers.eml"))
        .expect("fixture")
        .replace(
            "To: paola.rossi@acme.it, ufficio.acquisti@rossi-impianti.it",
            "To: ufficio@acme.it, Paola.Rossi@acme.it",
        );
    let run = Run::of(
        j.cmd()
            .args(["mail", "--format", "json"])
            .write_stdin(message),
    )
    .ok();
    assert_eq!(rows(&run)[0]["customer"], "acme");
    assert_eq!(rows(&run)[0]["with"], paola.as_str());

    let message = fs::read_to_string(fixture("unknown-sender.eml"))
        .expect("fixture")
        .replace("someone@unknown.example", "Giulia.Verdi@gmail.com");
    let run = Run::of(
        j.cmd()
            .args(["mail", "--format", "json"])
            .write_stdin(message),
    )
    .ok();
    assert_eq!(rows(&run)[0]["customer"], "verdi", "{}", run.stdout);
    assert_eq!(rows(&run)[0]["direction"], "in");
    assert_eq!(rows(&run)[0]["with"], giulia.as_str());

    // Once she has left, her Gmail address is no one's.
    j.ok(["person", "left", "verdi", &giulia]);
    let message = fs::read_to_string(fixture("unknown-sender.eml"))
        .expect("fixture")
        .replace("someone@unknown.example", "giulia.verdi@gmail.com")
        .replace("<hello-1@unknown.example>", "<hello-2@gmail.com>");
    let run = Run::of(
        j.cmd()
            .args(["mail", "--format", "json"])
            .write_stdin(message),
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(rows(&run)[0]["outcome"], "not_logged");
}
