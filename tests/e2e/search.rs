//! `coltiva search WORDS` (PRODUCT.md §9.2): every text of every record kind, accent- and
//! case-insensitive, every word matching, whole words before prefixes, newest first; the
//! filters of the other reading commands; every format; refusals that change nothing.

use crate::common;

use std::fs;

use common::{Journal, Run, bare};
use serde_json::Value;

/// A journal with words in every kind of record, on known days.
fn journal() -> Journal {
    let j = Journal::new();
    j.add(
        "ACME S.r.l.",
        &["--id", "acme", "--tag", "b2b", "--set", "territory=Milano"],
    );
    j.add(
        "Rossi Impianti",
        &["--id", "rossi", "--set", "territory=Brescia"],
    );
    j.ok([
        "log",
        "acme",
        "Paola chiede perché i Gessi costano tanto",
        "--at",
        "2026-03-10",
    ]);
    j.ok([
        "log",
        "rossi",
        "GESSI: preventivo rubinetti",
        "--at",
        "2026-11-02",
        "--channel",
        "email",
    ]);
    j.ok([
        "order",
        "acme",
        "1200",
        "--at",
        "2026-04-01",
        "--ref",
        "GES-114",
        "--note",
        "rubinetti Gessiana, consegna a maggio",
    ]);
    let id = j.promise(
        "acme",
        "Mandare il listino Gessi",
        "2026-11-30",
        &["--at", "2026-11-20"],
    );
    j.ok([
        "break",
        &id,
        "--at",
        "2026-11-21",
        "--note",
        "listino gessi non ancora pronto",
    ]);
    j.ok([
        "phase",
        "rossi",
        "partner",
        "--at",
        "2026-06-01",
        "--reason",
        "Progetto comune sui rubinetti",
    ]);
    j
}

fn texts(found: &Value) -> Vec<String> {
    found
        .as_array()
        .expect("an array of hits")
        .iter()
        .map(|h| h["text"].as_str().expect("a text").to_string())
        .collect()
}

#[test]
fn search_finds_every_kind_accents_and_case_ignored_whole_words_first_then_newest() {
    let j = journal();
    let found = j.json(["search", "gessi", "--format", "json"]);
    assert_eq!(
        texts(&found),
        [
            // whole word "gessi", newest first
            "listino gessi non ancora pronto",
            "Mandare il listino Gessi",
            "GESSI: preventivo rubinetti",
            "Paola chiede perché i Gessi costano tanto",
            // only a prefix ("Gessiana")
            "rubinetti Gessiana, consegna a maggio",
        ],
        "{found:#}"
    );
    let first = &found[0];
    assert_eq!(first["customer"], "acme");
    assert_eq!(first["customer_name"], "ACME S.r.l.");
    assert_eq!(first["day"], "2026-11-21");
    assert_eq!(first["kind"], "resolution");
    assert_eq!(first["detail"], "broken");
    assert_eq!(first["field"], "note");
    assert_eq!(first["rank"], 1);
    assert_eq!(found[4]["kind"], "order");
    assert_eq!(found[4]["field"], "note");
    assert_eq!(found[4]["rank"], 0);

    // Italian without the accent finds the accented word; every word must match.
    let found = j.json(["search", "PERCHE", "gessi", "--format", "json"]);
    assert_eq!(texts(&found), ["Paola chiede perché i Gessi costano tanto"]);
    let found = j.json(["search", "perché lavabo", "--format", "json"]);
    assert_eq!(found, Value::Array(Vec::new()));
    // A ref, and a phase's reason.
    let found = j.json(["search", "ges-114", "--format", "json"]);
    assert_eq!(found[0]["field"], "ref", "{found:#}");
    let found = j.json(["search", "progetto", "--format", "json"]);
    assert_eq!(found[0]["kind"], "phase", "{found:#}");
    assert_eq!(found[0]["text"], "Progetto comune sui rubinetti");
    // Inside a word is not a match.
    let found = j.json(["search", "inetti", "--format", "json"]);
    assert_eq!(found, Value::Array(Vec::new()));
}

#[test]
fn search_takes_the_filters_of_the_reading_commands() {
    let j = journal();
    let ids = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["search", "rubinetti", "--format", "json"];
        all.extend_from_slice(args);
        j.json(all)
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| {
                (
                    h["customer"].as_str().expect("id").to_string(),
                    h["day"].as_str().expect("day").to_string(),
                )
            })
            .collect()
    };
    let pair = |c: &str, d: &str| (c.to_string(), d.to_string());
    assert_eq!(
        ids(&[]),
        [
            pair("rossi", "2026-11-02"),
            pair("rossi", "2026-06-01"),
            pair("acme", "2026-04-01")
        ]
    );
    assert_eq!(ids(&["--tag", "b2b"]), [pair("acme", "2026-04-01")]);
    assert_eq!(ids(&["-t", "b2b"]), [pair("acme", "2026-04-01")]);
    assert_eq!(
        ids(&["--where", "territory=brescia"]),
        [pair("rossi", "2026-11-02"), pair("rossi", "2026-06-01")]
    );
    assert_eq!(ids(&["--customer", "acme"]), [pair("acme", "2026-04-01")]);
    assert_eq!(
        ids(&["-c", "Rossi"]),
        [pair("rossi", "2026-11-02"), pair("rossi", "2026-06-01")]
    );
    assert_eq!(
        ids(&["--since", "2026-05-01", "--until", "2026-10-31"]),
        [pair("rossi", "2026-06-01")]
    );
    assert_eq!(
        ids(&["--until", "2026-04-01"]),
        [pair("acme", "2026-04-01")]
    );
    // A period word, as report takes it (as of 2026-11-23, "this month" is November).
    assert_eq!(
        ids(&["--since", "this month"]),
        [pair("rossi", "2026-11-02")]
    );
}

#[test]
fn search_in_every_format_and_in_italian() {
    let j = journal();
    let table = j.ok(["search", "gessi", "--format", "table"]).stdout;
    assert!(table.contains("coltiva — 5 matches"), "{table}");
    assert!(
        table.contains("Paola chiede perché i Gessi costano tanto"),
        "{table}"
    );
    assert!(
        table.contains("broken") && table.contains("email"),
        "{table}"
    );
    let markdown = j.ok(["search", "gessi", "--format", "markdown"]).stdout;
    assert!(markdown.contains("| acme"), "{markdown}");
    let csv = j.ok(["search", "preventivo", "--format", "csv"]).stdout;
    assert_eq!(
        csv,
        "customer,customer_name,day,kind,detail,field,text,rank\n\
         rossi,Rossi Impianti,2026-11-02,interaction,email,summary,GESSI: preventivo rubinetti,1\n"
    );
    let none = j.ok(["search", "lavabo"]).stdout;
    assert!(
        none.contains("0 matches") && none.contains("no matches"),
        "{none}"
    );

    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path().join("giornale");
    Run::of(bare(tmp.path()).args(["init", "--locale", "it"]).arg(&root)).ok();
    let it = |args: &[&str]| Run::of(common::coltiva(&root).args(args)).ok().stdout;
    it(&["add", "Bianchi", "--id", "bianchi"]);
    it(&["log", "bianchi", "Perché il ritardo?", "--at", "2026-11-20"]);
    let out = it(&["search", "perche", "--format", "table"]);
    assert!(out.contains("1 risultato"), "{out}");
    assert!(
        out.contains("cliente") && out.contains("telefonata"),
        "{out}"
    );
    let none = it(&["search", "lavabo", "--format", "table"]);
    assert!(none.contains("nessun risultato"), "{none}");
}

#[test]
fn search_refuses_what_it_cannot_search_and_changes_nothing() {
    let j = journal();
    j.fails(["search", "--", "!!", "--"], 2, "nothing to search for");
    j.fails(["search"], 2, "WORDS");
    j.fails(["search", "gessi", "--customer", "nobody"], 2, "nobody");
    j.fails(
        [
            "search",
            "gessi",
            "--since",
            "2026-11-01",
            "--until",
            "2026-10-01",
        ],
        2,
        "--until 2026-10-01 is before --since 2026-11-01",
    );
    j.fails(["search", "gessi", "--since", "someday"], 2, "--since");
    j.fails(
        ["search", "gessi", "--where", "territory"],
        2,
        "expected KEY=VALUE",
    );
}

#[test]
fn search_names_an_unreadable_file_and_still_searches_the_others() {
    let j = journal();
    fs::write(j.file("broken"), "name = \"Broken\"\n[[interaction\n").expect("write");
    let run = j.run(["search", "gessi", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(out["items"].as_array().map(Vec::len), Some(5), "{out:#}");
    assert!(
        out["problems"][0]["file"]
            .as_str()
            .is_some_and(|f| f.contains("broken")),
        "{out:#}"
    );
    assert!(run.stderr.contains("broken.toml"), "{}", run.stderr);
}

#[test]
fn search_finds_people_by_name_role_and_address() {
    let j = journal();
    j.ok([
        "person",
        "add",
        "acme",
        "Niccolò Bianchi",
        "--role",
        "responsabile acquisti",
        "--email",
        "n.bianchi@acme.it",
    ]);
    let found = j.json(["search", "niccolo", "--format", "json"]);
    assert_eq!(texts(&found), ["Niccolò Bianchi"]);
    let found = j.json(["search", "bianchi", "--format", "json"]);
    assert_eq!(found.as_array().map(Vec::len), Some(2), "{found:#}");
    assert_eq!(found[0]["kind"], "person");
    assert_eq!(found[0]["field"], "name");
    assert_eq!(found[0]["text"], "Niccolò Bianchi");
    assert_eq!(found[1]["field"], "email");
    let found = j.json(["search", "acquisti", "--format", "json"]);
    assert_eq!(texts(&found), ["responsabile acquisti"]);
}
