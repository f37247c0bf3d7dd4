//! Snapshots of every reading command in every format, on the fixture journal of
//! `common::fixture` as of 2026-11-23. Random promise ids are replaced by `PID_nn`
//! placeholders of the same length, so table columns keep their widths.
//!
//! To update after an intended change: `INSTA_UPDATE=always cargo test --test e2e snapshots::`,
//! then review every changed file under tests/e2e/snapshots/ before committing it.

use crate::common;

use common::{Fixture, fixture};

const FORMATS: [&str; 4] = ["table", "markdown", "json", "csv"];

fn snapshot_all(f: &Fixture, name: &str, command: &[&str]) {
    for format in FORMATS {
        let mut args = command.to_vec();
        args.extend(["--format", format]);
        let run = f.journal.ok(&args);
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_description(format!("coltiva --today 2026-11-23 {}", args.join(" ")));
        settings.bind(|| {
            insta::assert_snapshot!(format!("{name}_{format}"), f.stable(&run.stdout));
        });
    }
}

#[test]
fn show() {
    snapshot_all(&fixture(), "show", &["show", "acme"]);
}

#[test]
fn list() {
    snapshot_all(&fixture(), "list", &["list"]);
}

#[test]
fn promises() {
    snapshot_all(&fixture(), "promises", &["promises"]);
}

#[test]
fn report() {
    snapshot_all(&fixture(), "report", &["report", "--week"]);
}
