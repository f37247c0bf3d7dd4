//! People (issue 29, PRODUCT.md §9.2): `person add | list | set | left`, `--with` on `log`,
//! `order` and `promise`, people in `show`, `list`, `report` and the agenda, accounts at risk,
//! import/export, `check`, `undo`, and a team merge. Every test pins its day (`--today
//! 2026-11-23` through `common::Journal`).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Journal, Run, coltiva};
use tempfile::TempDir;

/// A journal with ACME and its buyer Paola Rossi (added on 2026-10-01).
fn acme() -> Journal {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme", "--since", "2026-01-10"]);
    let run = j.ok([
        "person",
        "add",
        "acme",
        "Paola Rossi",
        "--role",
        "acquisti",
        "--email",
        "paola@acme.it",
        "--email",
        "p.rossi@acme-group.com",
        "--phone",
        "+39 030 1234567",
        "--at",
        "2026-10-01",
    ]);
    assert_eq!(
        run.stdout, "paola-rossi\n",
        "add prints the person's id alone"
    );
    assert!(
        run.stderr
            .contains("added Paola Rossi (paola-rossi) to ACME S.r.l. (acme) on 2026-10-01"),
        "{}",
        run.stderr
    );
    j
}

#[test]
fn a_person_is_added_changed_and_leaves_as_appended_records() {
    let j = acme();
    let before = j.text("acme");
    let p = j.last("acme", "person");
    assert_eq!(common::str_field(&p, "id"), "paola-rossi");
    assert_eq!(common::str_field(&p, "name"), "Paola Rossi");
    assert_eq!(common::str_field(&p, "role"), "acquisti");
    assert_eq!(common::str_field(&p, "event"), "added");
    // The closing field is last (docs/FORMAT.md: a torn append is no record).
    assert!(before.trim_end().ends_with("event = \"added\""), "{before}");
    let listed = j.json(["person", "list", "--format", "json"]);
    let paola = &listed[0];
    assert_eq!(paola["customer"], "acme");
    assert_eq!(paola["id"], "paola-rossi");
    assert_eq!(
        paola["email"],
        serde_json::json!(["paola@acme.it", "p.rossi@acme-group.com"])
    );
    assert_eq!(paola["phone"], serde_json::json!(["+39 030 1234567"]));
    assert_eq!(paola["last_contact"], serde_json::Value::Null);

    // A second person with an accented name; the id is its slug.
    let run = j.ok([
        "person",
        "add",
        "acme",
        "Niccolò Bàrberi",
        "--role",
        "titolare",
        "--at",
        "2026-10-01",
    ]);
    assert_eq!(run.stdout, "niccolo-barberi\n");

    // set: the fields given, the e-mail list as a whole; the file only grows.
    j.ok([
        "person",
        "set",
        "acme",
        "paola",
        "--role",
        "direttrice acquisti",
        "--email",
        "paola.rossi@acme.it",
        "--at",
        "2026-11-02",
    ]);
    let after = j.text("acme");
    assert!(
        after.starts_with(&before),
        "records are appended, never rewritten"
    );
    let changed = j.last("acme", "person");
    assert_eq!(common::str_field(&changed, "event"), "changed");
    assert!(
        !changed.contains_key("name"),
        "only what changed: {changed:?}"
    );
    let listed = j.json(["person", "list", "acme", "--format", "json"]);
    assert_eq!(listed[0]["role"], "direttrice acquisti");
    assert_eq!(
        listed[0]["email"],
        serde_json::json!(["paola.rossi@acme.it"])
    );
    assert_eq!(listed[0]["phone"], serde_json::json!(["+39 030 1234567"]));
    j.ok(["person", "set", "acme", "paola", "--no-phone"]);
    let listed = j.json(["person", "list", "acme", "--format", "json"]);
    assert_eq!(listed[0]["phone"], serde_json::json!([]));

    // left: gone from the list, still in --all with the day.
    let run = j.ok(["person", "left", "acme", "barberi", "--at", "2026-11-20"]);
    assert!(
        run.stderr
            .contains("Niccolò Bàrberi (niccolo-barberi) left ACME S.r.l. (acme) on 2026-11-20"),
        "{}",
        run.stderr
    );
    let listed = j.json(["person", "list", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    let all = j.json(["person", "list", "--all", "--format", "json"]);
    assert_eq!(all[1]["left"], "2026-11-20");
    // The customer filter of the other reading commands.
    j.add("Bianchi", &["--tag", "privato"]);
    j.ok(["person", "add", "bianchi", "Gino Bianchi"]);
    let tagged = j.json(["person", "list", "--tag", "privato", "--format", "json"]);
    assert_eq!(tagged.as_array().unwrap().len(), 1, "{tagged}");
    assert_eq!(tagged[0]["customer"], "bianchi");
    let table = j.ok(["person", "list", "--all", "acme"]).stdout;
    assert!(
        table.contains("paola-rossi") && table.contains("2026-11-20"),
        "{table}"
    );
    // Back: `person add --id` with the id of one who left.
    j.ok([
        "person",
        "add",
        "acme",
        "Niccolò Bàrberi",
        "--id",
        "niccolo-barberi",
    ]);
    assert_eq!(
        j.json(["person", "list", "acme", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    j.ok(["check"]);
}

#[test]
fn with_names_the_person_on_log_order_and_promise() {
    let j = acme();
    j.ok(["person", "add", "acme", "Niccolò Bàrberi"]);
    j.ok([
        "log",
        "acme",
        "Called about the Q1 prices",
        "--with",
        "PAOLA",
        "--at",
        "2026-11-10",
    ]);
    let call = j.last("acme", "interaction");
    assert_eq!(common::str_field(&call, "with"), "paola-rossi");
    let text = j.text("acme");
    assert!(
        text.contains("with = \"paola-rossi\"\ndirection = \"out\"\n"),
        "with comes before the closing field:\n{text}"
    );
    // Accent- and case-insensitive, a part of the name.
    j.ok([
        "order",
        "acme",
        "1200",
        "--with",
        "barberi",
        "--at",
        "2026-11-12",
    ]);
    assert_eq!(
        common::str_field(&j.last("acme", "order"), "with"),
        "niccolo-barberi"
    );
    j.ok([
        "order",
        "acme",
        "1",
        "--with",
        "Niccolo",
        "--at",
        "2026-11-13",
    ]);
    j.promise(
        "acme",
        "Send the new price list",
        "2026-11-30",
        &["--with", "paola-rossi"],
    );
    assert_eq!(
        common::str_field(&j.last("acme", "promise"), "with"),
        "paola-rossi"
    );
    // show: the people with their last contact and the days since; the records say with whom.
    let show = j.json(["show", "acme", "--format", "json"]);
    let people = show["people"].as_array().unwrap();
    assert_eq!(people[0]["id"], "paola-rossi");
    assert_eq!(people[0]["last_contact"], "2026-11-10");
    assert_eq!(people[0]["days_since_contact"], 13);
    assert_eq!(people[1]["last_contact"], "2026-11-13");
    let table = j.ok(["show", "acme"]).stdout;
    assert!(table.contains("People"), "{table}");
    assert!(
        table.contains("Called about the Q1 prices (with paola-rossi)"),
        "{table}"
    );
    // The agenda says whom: the promise's person for the promise, the last spoken with else.
    let agenda = j.json(["agenda", "--days", "40", "--format", "json"]);
    let lines = agenda.as_array().unwrap();
    let keep = lines.iter().find(|l| l["kind"] == "keep").unwrap();
    assert_eq!(keep["whom"], "Paola Rossi (acquisti, +39 030 1234567)");
    let contact = lines.iter().find(|l| l["kind"] == "contact").unwrap();
    assert_eq!(contact["whom"], "Niccolò Bàrberi");
    let table = j.ok(["agenda", "--days", "40"]).stdout;
    assert!(table.contains("whom"), "{table}");
    j.ok(["check"]);
}

#[test]
fn bad_people_inputs_are_refused_and_change_nothing() {
    let j = acme();
    j.ok(["person", "add", "acme", "Paola Verdi"]);
    j.ok(["person", "add", "acme", "Marco Neri", "--at", "2026-10-01"]);
    j.ok(["person", "left", "acme", "marco", "--at", "2026-11-01"]);
    fn add<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["person", "add", "acme", "Ugo Bassi"];
        args.extend_from_slice(extra);
        args
    }
    j.fails(
        add(&["--email", "ugo.acme.it"]),
        2,
        "invalid e-mail address \"ugo.acme.it\": expected name@domain.tld",
    );
    j.fails(add(&["--email", "ugo@acme"]), 2, "invalid e-mail address");
    j.fails(
        add(&["--phone", "call me"]),
        2,
        "invalid phone number \"call me\"",
    );
    j.fails(add(&["--role", "a\nb"]), 2, "invalid role");
    j.fails(
        add(&["--id", "Ugo!"]),
        2,
        "--id: invalid person id \"Ugo!\"",
    );
    j.fails(
        add(&["--at", "2026-12-01"]),
        2,
        "records describe what already happened",
    );
    j.fails(
        ["person", "add", "acme", " "],
        2,
        "a person's name must have visible characters",
    );
    j.fails(
        ["person", "add", "acme", "paola rossi"],
        2,
        "Paola Rossi (paola-rossi) is already a person of ACME S.r.l.; to add another person of that name give --id",
    );
    j.fails(
        ["person", "add", "acme", "Paola", "--id", "paola-rossi"],
        2,
        "Paola Rossi (paola-rossi) is already a person of ACME S.r.l.",
    );
    j.fails(
        ["person", "add", "nobody", "Ugo Bassi"],
        2,
        "unknown customer \"nobody\"",
    );
    j.fails(
        ["person", "set", "acme", "paola-rossi"],
        2,
        "nothing to change: give --name, --role, --email, --phone, --no-email or --no-phone",
    );
    j.fails(
        ["person", "set", "acme", "paola", "--role", "x"],
        2,
        "person \"paola\" is ambiguous; it matches: paola-rossi (Paola Rossi, acquisti), paola-verdi (Paola Verdi)",
    );
    j.fails(
        ["person", "left", "acme", "marco"],
        2,
        "Marco Neri (marco-neri) already left ACME S.r.l. on 2026-11-01",
    );
    j.fails(
        ["person", "left", "acme", "verdi", "--at", "2026-01-01"],
        2,
        "Paola Verdi (paola-verdi) was added on 2026-11-23, so cannot have left before; give --at 2026-11-23 or later",
    );
    // --with: unknown, ambiguous, left: exit 2 naming the candidates, nothing written.
    j.fails(
        ["log", "acme", "x", "--with", "gianni"],
        2,
        "unknown person \"gianni\"; did you mean: paola-rossi (Paola Rossi, acquisti), marco-neri (Marco Neri, left 2026-11-01), paola-verdi (Paola Verdi)",
    );
    j.fails(
        ["order", "acme", "10", "--with", "paola"],
        2,
        "person \"paola\" is ambiguous; it matches: paola-rossi (Paola Rossi, acquisti), paola-verdi (Paola Verdi)",
    );
    j.fails(
        ["promise", "acme", "x", "--due", "2026-12-01", "--with", "neri"],
        2,
        "--with neri: Marco Neri (marco-neri) left ACME S.r.l. on 2026-11-01, and a contact after that is not one with ACME S.r.l.; for a record of before that day give --at",
    );
    // Before the day they left, a contact with them is fine.
    j.ok([
        "log",
        "acme",
        "Old call",
        "--with",
        "neri",
        "--at",
        "2026-10-20",
    ]);
    let bare = j.add("Bianchi", &[]);
    j.fails(
        ["log", &bare, "x", "--with", "paola"],
        2,
        "Bianchi (bianchi) has no people yet; add one with: coltiva person add bianchi \"NAME\"",
    );
}

#[test]
fn a_person_who_leaves_puts_the_account_at_risk() {
    let j = acme();
    j.ok([
        "person",
        "add",
        "acme",
        "Marco Neri",
        "--role",
        "titolare",
        "--at",
        "2026-10-01",
    ]);
    j.ok([
        "log",
        "acme",
        "Prices",
        "--with",
        "paola",
        "--at",
        "2026-10-05",
    ]);
    j.ok([
        "log",
        "acme",
        "Visit",
        "--with",
        "marco",
        "--at",
        "2026-10-20",
    ]);
    j.ok([
        "log",
        "acme",
        "Follow-up",
        "--with",
        "paola",
        "--at",
        "2026-11-02",
    ]);
    let report = j.json(["report", "--format", "json"]);
    assert!(report.get("at_risk").is_none(), "{}", report["at_risk"]);
    let table = j.ok(["report"]).stdout;
    assert!(!table.contains("Accounts at risk"), "{table}");

    // Marco leaves: of the people still there, only Paola was spoken with this year.
    j.ok(["person", "left", "acme", "marco", "--at", "2026-11-15"]);
    let report = j.json(["report", "--format", "json"]);
    assert_eq!(
        report["at_risk"],
        serde_json::json!([{
            "customer": "acme",
            "name": "ACME S.r.l.",
            "reason": "rests_on_one",
            "person": "paola-rossi",
            "person_name": "Paola Rossi",
            "last_contact": "2026-11-02"
        }]),
    );
    let table = j.ok(["report"]).stdout;
    assert!(
        table.contains("Accounts at risk") && table.contains("rests on Paola Rossi"),
        "{table}"
    );
    let list = j.json(["list", "--format", "json"]);
    assert_eq!(list[0]["at_risk"]["reason"], "rests_on_one");
    let table = j.ok(["list"]).stdout;
    assert!(table.contains("at risk"), "{table}");
    let show = j.ok(["show", "acme"]).stdout;
    assert!(show.contains("rests on Paola Rossi"), "{show}");

    // Paola leaves too: everyone left.
    j.ok(["person", "left", "acme", "paola", "--at", "2026-11-20"]);
    let report = j.json(["report", "--format", "json"]);
    assert_eq!(report["at_risk"][0]["reason"], "everyone_left");
    let csv = j.ok(["list", "--format", "csv"]).stdout;
    assert!(csv.lines().next().unwrap().ends_with(",at_risk"), "{csv}");
    assert!(csv.contains(",everyone left"), "{csv}");
    // In Italian.
    let settings = j.root().join("coltiva.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, format!("{text}\n[locale]\nlanguage = \"it\"\n")).unwrap();
    let table = j.ok(["report"]).stdout;
    assert!(
        table.contains("Clienti a rischio") && table.contains("sono uscite tutte le persone"),
        "{table}"
    );
}

#[test]
fn people_go_through_export_import_undo_and_check() {
    let j = acme();
    j.ok([
        "log",
        "acme",
        "Prices",
        "--with",
        "paola",
        "--at",
        "2026-11-05",
    ]);
    j.ok(["person", "left", "acme", "paola", "--at", "2026-11-20"]);
    let export = j.json(["export"]);
    let records = export["customers"][0]["records"].as_array().unwrap();
    let person = records.iter().find(|r| r["type"] == "person").unwrap();
    assert_eq!(person["id"], "paola-rossi");
    assert_eq!(person["email"], "paola@acme.it; p.rossi@acme-group.com");
    let call = records.iter().find(|r| r["type"] == "interaction").unwrap();
    assert_eq!(call["with"], "paola-rossi");
    // CSV: exported, imported into an empty journal, the same records.
    let csv = j.ok(["export", "--format", "csv"]).stdout;
    let other = Journal::new();
    let file = other.tmp().join("acme.csv");
    fs::write(&file, &csv).unwrap();
    other.ok(["import", file.to_str().unwrap()]);
    let mut again = other.json(["export"]);
    // The same records, each with the key of the row it came from (`source`).
    for r in again["customers"][0]["records"].as_array_mut().unwrap() {
        assert!(r["source"].as_str().unwrap().starts_with("row:"), "{r}");
        r.as_object_mut().unwrap().remove("source");
    }
    assert_eq!(
        again["customers"][0]["records"], export["customers"][0]["records"],
        "{csv}"
    );
    // Imported twice, nothing new (the keys of person rows are stable).
    let before = other.files();
    other.ok(["import", file.to_str().unwrap()]);
    common::assert_unchanged(&before, &other.files(), "the same import again");
    other.ok(["check"]);
    // An import row with a bad e-mail is refused at its line and column; nothing written.
    let bad = other.tmp().join("bad.csv");
    fs::write(
        &bad,
        "customer,type,at,name,email\nacme,person,2026-11-21,Ugo Bassi,ugo.acme.it\n",
    )
    .unwrap();
    let run = other.fails(
        ["import", bad.to_str().unwrap()],
        1,
        "invalid e-mail address \"ugo.acme.it\"",
    );
    assert!(
        run.stderr.contains("line 2, column \"email\""),
        "{}",
        run.stderr
    );
    // A with or a change naming no person of the customer (in its file or in the import).
    let unknown = other.tmp().join("unknown.csv");
    fs::write(
        &unknown,
        "customer,type,at,summary,with,person,role,event\n\
         acme,interaction,2026-11-21,Call,gianni,,,\n\
         acme,person,2026-11-21,,,gianni,boss,changed\n\
         acme,person,2026-11-21,,,paola-rossi,boss,changed\n",
    )
    .unwrap();
    let run = other.fails(
        ["import", unknown.to_str().unwrap()],
        1,
        "line 2, column \"with\": customer acme has no person gianni (neither in its file nor in this import)",
    );
    assert!(
        run.stderr
            .contains("line 3, column \"person\": customer acme has no person gianni"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("line 4"), "{}", run.stderr);
    // A person row without an id takes the slug of the name.
    let good = other.tmp().join("good.csv");
    fs::write(
        &good,
        "customer,type,at,name,role,email\nacme,person,2026-11-21,Ugo Bassi,tecnico,ugo@acme.it;u.bassi@acme.it\n",
    )
    .unwrap();
    other.ok(["import", good.to_str().unwrap()]);
    let ugo = other.last("acme", "person");
    assert_eq!(common::str_field(&ugo, "id"), "ugo-bassi");
    assert_eq!(common::str_field(&ugo, "event"), "added");

    // undo takes the last person record back.
    let before = j.files();
    j.ok(["person", "add", "acme", "Ugo Bassi"]);
    let run = j.ok(["undo"]);
    assert!(run.stderr.contains("person added"), "{}", run.stderr);
    common::assert_unchanged(&before, &j.files(), "person add then undo");

    // check: what a hand edit can get wrong.
    let mut text = j.text("acme");
    text.push_str(
        "\n[[person]]\nid = \"paola-rossi\"\nat = 2026-11-21\nrole = \"x\"\nevent = \"changed\"\n",
    );
    text.push_str(
        "\n[[person]]\nid = \"ghost\"\nat = 2026-11-21\nrole = \"x\"\nevent = \"left\"\n",
    );
    text.push_str("\n[[person]]\nid = \"ugo\"\nat = 2026-11-21\nname = \"Ugo\"\nemail = [\"ugo-at-acme.it\"]\nevent = \"added\"\n");
    text.push_str(
        "\n[[person]]\nid = \"ugo\"\nat = 2026-11-22\nname = \"Ugo B.\"\nevent = \"added\"\n",
    );
    text.push_str("\n[[interaction]]\nat = 2026-11-22\nchannel = \"call\"\nsummary = \"x\"\nwith = \"nobody\"\ndirection = \"out\"\n");
    // The same findings in a file of 1 MiB or more, which check reads record by record.
    let mut big = text.clone();
    while big.len() <= 1 << 20 {
        big.push_str("\n[[interaction]]\nat = 2026-11-01\nchannel = \"call\"\nsummary = \"padding\"\ndirection = \"out\"\n");
    }
    for text in [text, big] {
        fs::write(j.file("acme"), &text).unwrap();
        let run = j.run(["check"]);
        assert_eq!(run.code, 1, "{}", run.stdout);
        let out = format!("{}{}", run.stdout, run.stderr);
        for said in [
            "person record (left) of \"ghost\", but no earlier record of this file adds that person",
            "invalid e-mail address \"ugo-at-acme.it\"",
            "person \"ugo\" is already added on line",
            "with = \"nobody\" names no person of this file",
        ] {
            assert!(out.contains(said), "{} bytes: {said}:\n{out}", text.len());
        }
        assert!(
            !out.contains("paola-rossi"),
            "a change of one who left is fine:\n{out}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A team: one bare origin and two clones with `coltiva init` run and autocommit on (as in
// tests/e2e/team_merge.rs and rename.rs).

struct Team {
    _tmp: TempDir,
    config: PathBuf,
    anna: PathBuf,
    bruno: PathBuf,
}

impl Team {
    fn new() -> Team {
        let tmp = TempDir::new().unwrap();
        let root = tmp.path().to_path_buf();
        let config = common::gitconfig(&root);
        let origin = root.join("origin.git");
        let origin = origin.to_str().unwrap().to_string();
        common::git(&root, &config, &["init", "--quiet", "--bare", &origin]);
        let anna = root.join("anna");
        let bruno = root.join("bruno");
        let init = |args: &[&str]| {
            let mut cmd = common::bare(&root);
            common::with_git(&mut cmd, &config);
            Run::of(cmd.arg("init").args(args)).ok();
        };
        init(&["--git", anna.to_str().unwrap()]);
        common::enable_autocommit(&anna);
        common::git(&anna, &config, &["add", "."]);
        let _ = common::git_output(&anna, &config, &["commit", "--quiet", "-m", "journal"]);
        let team = Team {
            _tmp: tmp,
            config: config.clone(),
            anna,
            bruno,
        };
        team.ok(&team.anna, &["add", "ACME S.r.l.", "--id", "acme"]);
        team.ok(
            &team.anna,
            &["person", "add", "acme", "Paola Rossi", "--at", "2026-10-01"],
        );
        team.git(&team.anna, &["remote", "add", "origin", &origin]);
        team.git(&team.anna, &["push", "--quiet", "-u", "origin", "main"]);
        team.git(
            &root,
            &["clone", "--quiet", &origin, team.bruno.to_str().unwrap()],
        );
        init(&[team.bruno.to_str().unwrap()]);
        team
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        common::git(dir, &self.config, args)
    }

    #[track_caller]
    fn ok(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = coltiva(dir);
        common::with_git(&mut cmd, &self.config);
        Run::of(cmd.args(args)).ok()
    }
}

#[test]
fn a_person_added_in_one_clone_and_a_contact_with_them_in_the_other_merge() {
    for how in ["--no-rebase", "--rebase"] {
        let team = Team::new();
        let (anna, bruno) = (&team.anna, &team.bruno);
        // Anna adds Marco; Bruno, not knowing, logs a call with Paola.
        team.ok(
            anna,
            &["person", "add", "acme", "Marco Neri", "--role", "titolare"],
        );
        team.git(anna, &["push", "--quiet"]);
        team.ok(
            bruno,
            &[
                "log",
                "acme",
                "Called Paola",
                "--with",
                "paola",
                "--at",
                "2026-11-20",
            ],
        );
        team.git(
            bruno,
            &["pull", "--quiet", "--no-edit", how, "origin", "main"],
        );
        // Then Bruno logs with Marco, whom he now knows, and Anna pulls it all.
        team.ok(bruno, &["order", "acme", "500", "--with", "marco"]);
        team.git(bruno, &["push", "--quiet"]);
        team.git(
            anna,
            &["pull", "--quiet", "--no-edit", how, "origin", "main"],
        );
        for clone in [anna, bruno] {
            let text = fs::read_to_string(clone.join("customers/acme.toml")).unwrap();
            assert!(!text.contains("<<<<<<<"), "{text}");
            team.ok(clone, &["check"]);
            let run = team.ok(clone, &["person", "list", "--format", "json"]);
            let people: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            assert_eq!(people[0]["id"], "paola-rossi", "{how}");
            assert_eq!(people[0]["last_contact"], "2026-11-20", "{how}");
            assert_eq!(people[1]["id"], "marco-neri", "{how}");
            assert_eq!(people[1]["last_contact"], "2026-11-23", "{how}");
        }
    }
}

#[test]
fn the_same_person_added_in_two_clones_is_named_by_check() {
    let team = Team::new();
    let (anna, bruno) = (&team.anna, &team.bruno);
    team.ok(anna, &["person", "add", "acme", "Ugo Bassi"]);
    team.git(anna, &["push", "--quiet"]);
    team.ok(
        bruno,
        &["person", "add", "acme", "Ugo Bassi", "--role", "tecnico"],
    );
    // The merge driver refuses a merged file `check` would not pass, and says why.
    let pull = [
        "pull",
        "--quiet",
        "--no-edit",
        "--no-rebase",
        "origin",
        "main",
    ];
    let out = common::git_output(bruno, &team.config, &pull);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("person \"ugo-bassi\" is already added on line")
            && said.contains("make this record event = \"changed\"")
            && said.contains("the merge needs a person"),
        "{said}"
    );
    let mut cmd = coltiva(bruno);
    common::with_git(&mut cmd, &team.config);
    let run = Run::of(cmd.arg("check"));
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
}
