//! JSON and CSV are written to stdout as they are produced (app::print_streamed), and are the
//! same bytes as when they were built in one string first: the files in `tests/e2e/streaming/`
//! were printed by coltiva before the change (at ca36186) on the example journal (`list_csv.out`
//! since with the `at_risk` column of issue 29 added at the end, empty there). A closed pipe
//! (`coltiva export | head -c 100`) ends the output quietly: exit 0, nothing on stderr.
//! When an output changes on purpose, `COLTIVA_UPDATE_STREAMING=1 cargo test --test e2e
//! streaming::` rewrites the files; review their diff.

use crate::common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

/// Each expected file, and the arguments that printed it (after `--dir J --today TODAY`).
const CASES: &[(&str, &[&str])] = &[
    ("list_json", &["list", "--format", "json"]),
    ("list_csv", &["list", "--format", "csv"]),
    ("report_json", &["report", "--format", "json"]),
    ("report_csv", &["report", "--format", "csv"]),
    (
        "report_by_tag_csv",
        &["report", "--by", "tag", "--format", "csv"],
    ),
    ("promises_json", &["promises", "--format", "json"]),
    ("promises_csv", &["promises", "--format", "csv"]),
    ("agenda_json", &["agenda", "--format", "json"]),
    ("agenda_csv", &["agenda", "--format", "csv"]),
    ("outlook_json", &["outlook", "--format", "json"]),
    ("outlook_csv", &["outlook", "--format", "csv"]),
    (
        "show_json",
        &["show", "caldaie-pedretti", "--format", "json"],
    ),
    ("show_csv", &["show", "caldaie-pedretti", "--format", "csv"]),
    ("export_json", &["export", "--format", "json"]),
    ("export_csv", &["export", "--format", "csv"]),
];

fn expected(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/e2e/streaming")
        .join(format!("{name}.out"));
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn json_and_csv_are_the_same_bytes_as_before_streaming() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_example(tmp.path());
    for (name, args) in CASES {
        // Twice: the second run takes the customers from the summary cache.
        for run in ["first", "second"] {
            let out = common::std_coltiva(tmp.path())
                .args(*args)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{name} ({run} run)");
            // An output changed on purpose (a new field): rewrite the files, then review the diff.
            if std::env::var_os("COLTIVA_UPDATE_STREAMING").is_some() {
                let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/streaming");
                fs::write(dir.join(format!("{name}.out")), &out.stdout).unwrap();
            }
            assert!(
                out.stdout == expected(name),
                "{name} ({run} run) differs from tests/e2e/streaming/{name}.out:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}

#[test]
fn json_with_an_unreadable_file_is_the_same_bytes_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_example(tmp.path());
    fs::write(
        tmp.path().join("customers/broken.toml"),
        "schema = 1\nname = [\n",
    )
    .unwrap();
    for name in ["list", "export"] {
        let out = common::std_coltiva(tmp.path())
            .args([name, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(
            out.stdout,
            expected(&format!("{name}_problems_json")),
            "{name}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("broken.toml:2:9"), "{name}: {stderr}");
    }
}

/// A journal whose output is much larger than a pipe's buffer (64 KiB): the reader stops after
/// 100 bytes and closes the pipe; coltiva must end quietly (exit 0, no panic, no message).
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    let init = common::std_coltiva(&dir)
        .args(["init", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(init.status.success());
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["customer", "at", "amount"]).unwrap();
    for i in 0..1500 {
        for day in 1..4 {
            let customer = format!("c{i:04}");
            let at = format!("2026-10-{day:02}");
            let amount = format!("{}.{:02}", i + day, day);
            csv.write_record([customer.as_str(), &at, &amount]).unwrap();
        }
    }
    let rows = tmp.path().join("orders.csv");
    fs::write(&rows, csv.into_inner().unwrap()).unwrap();
    let import = common::std_coltiva(&dir)
        .args(["import", rows.to_str().unwrap(), "--type", "order"])
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    for args in [
        &["export", "--format", "json"][..],
        &["export", "--format", "csv"],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["promises", "--format", "json"],
    ] {
        let mut child = common::std_coltiva(&dir)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 100];
        stdout.read_exact(&mut first).unwrap_or(());
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
