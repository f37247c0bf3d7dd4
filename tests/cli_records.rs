//! End-to-end tests of the record commands (init, add, log, order, promise, keep, break,
//! cancel, renegotiate, phase) through the real binary: what they print, what they append, and
//! that every refusal has the right exit code, a message, and changes no file.

mod common;

use common::{Journal, Run, at};

/// A journal with ACME (id `acme`) and Caffè Nerò (id `caffe-nero`).
fn journal() -> Journal {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    j.add("Caffè Nerò", &[]);
    j
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
    let run = Run::of(j.cmd_on("-1d").args(["list", "--format", "json"])).ok();
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        list[0]["days_since_contact"], 2,
        "as of 2026-11-22, last contact 2026-11-20"
    );
    j.fails(
        ["promise", "acme", "x", "--due", "-1d"],
        2,
        "is before the promise was made",
    );
}
