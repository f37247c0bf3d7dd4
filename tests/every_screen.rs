//! Issue 28: every screen — amounts typed the journal's way, the README's install lines on a
//! fresh account, bounded output and helpful usage errors.

mod common;

use common::{Journal, Run, bare};

/// An Italian journal (`init --locale it`: 1.250,40 €) with one customer.
fn italian() -> Journal {
    let j = Journal::new();
    std::fs::remove_dir_all(j.root()).unwrap();
    Run::of(bare(j.tmp()).args(["init", "--locale", "it"]).arg(j.root())).ok();
    assert_eq!(j.add("Tubi e Raccordi", &["--id", "tubi"]), "tubi");
    j
}

#[test]
fn a_credit_note_is_typed_in_the_journals_decimal_style() {
    let j = italian();
    for (typed, cents) in [
        ("-120,00", -12_000),
        ("-35,20", -3_520),
        ("-1.200,00", -120_000),
        ("-120", -12_000),
    ] {
        j.ok(["order", "tubi", typed, "--ref", "NC-1"]);
        let order = j.last("tubi", "order");
        let amount = order["amount"].clone();
        let read = match amount {
            toml::Value::Integer(n) => n * 100,
            toml::Value::Float(f) => (f * 100.0).round() as i64,
            other => panic!("{other:?}"),
        };
        assert_eq!(read, cents, "{typed}");
    }
    // Options before or after the amount.
    j.ok(["order", "tubi", "--ref", "NC-2", "-5,00"]);
    assert_eq!(j.last("tubi", "order")["ref"].as_str(), Some("NC-2"));
    // A wrong one is refused by the amount's own rule (not clap's "use '-- -1'" tip), and
    // nothing is written.
    let run = j.fails(
        ["order", "tubi", "-1.200.00"],
        2,
        "invalid amount \"-1.200.00\"",
    );
    assert!(!run.stderr.contains("tip"), "{}", run.stderr);
    assert!(run.stderr.contains("1250,40"), "{}", run.stderr);
    let run = j.fails(["order", "tubi", "-x"], 2, "invalid amount \"-x\"");
    assert!(!run.stderr.contains("-- -x"), "{}", run.stderr);
    // Help still works where the amount would be.
    for help in ["--help", "-h"] {
        let run = Run::of(j.cmd().args(["order", "tubi", help]));
        assert_eq!(run.code, 0, "{help}: {}", run.stderr);
        assert!(
            run.stdout.contains("Usage: coltiva order"),
            "{}",
            run.stdout
        );
    }
}
