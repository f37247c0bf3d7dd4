//! Every short flag does exactly what its long flag does (issue 13): the same output for a
//! reading command, the same record for a writing one — and the flag changes something.

use crate::common;

use std::path::Path;

use common::{Run, TODAY, copy_example};

fn run(root: &Path, args: &[&str]) -> Run {
    let mut cmd = common::bare(root);
    cmd.arg("--dir")
        .arg(root)
        .args(["--today", TODAY])
        .args(args);
    Run::of(&mut cmd).ok()
}

#[test]
fn short_reading_flags_match_their_long_flags() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("j");
    copy_example(&root);
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (&["list"], &["-k", "internal"], &["--kind", "internal"]),
        (&["list"], &["-o"], &["--overdue"]),
        (&["list"], &["-p", "lost"], &["--phase", "lost"]),
        (&["list"], &["-s", "overdue"], &["--sort", "overdue"]),
        (&["list"], &["-t", "export"], &["--tag", "export"]),
        (&["promises"], &["-b", "them"], &["--by", "them"]),
        (&["promises"], &["-o"], &["--overdue"]),
        (&["promises"], &["-u"], &["--upcoming"]),
        (&["promises"], &["-t", "export"], &["--tag", "export"]),
        (&["report"], &["-l"], &["--last-week"]),
        (&["report"], &["-w"], &["--week"]),
        (&["report"], &["-b", "tag"], &["--by", "tag"]),
        (&["report"], &["-t", "export"], &["--tag", "export"]),
        (&["export"], &["-t", "export"], &["--tag", "export"]),
        (&["agenda"], &["-t", "export"], &["--tag", "export"]),
        (&["agenda"], &["-f", "json"], &["--format", "json"]),
    ];
    for (command, short, long) in cases {
        let with = |flags: &[&str]| {
            let mut args = command.to_vec();
            args.extend(flags);
            run(&root, &args).stdout
        };
        let plain = with(&[]);
        let by_short = with(short);
        assert_eq!(by_short, with(long), "{command:?} {short:?} vs {long:?}");
        assert_ne!(by_short, plain, "{command:?} {short:?} changes nothing");
    }
}

#[test]
fn short_writing_flags_match_their_long_flags() {
    // Each pair of runs goes to a journal of its own; the files must end up identical.
    let write = |flags: &[&[&str]]| {
        let j = common::Journal::new();
        j.add("ACME", &[]);
        let id = j.promise(
            "acme",
            "Send the quote",
            "2026-11-30",
            &["--at", "2026-11-10"],
        );
        for args in flags {
            let args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "ID" { id.as_str() } else { a })
                .collect();
            j.ok(args);
        }
        // Promise ids are random: compare the files with the id replaced.
        // The header's uid is random too.
        j.text("acme")
            .replace(&id, "ID")
            .lines()
            .filter(|l| !l.starts_with("uid = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["log", "acme", "Called", "-a", "2026-11-20"],
            &["log", "acme", "Called", "--at", "2026-11-20"],
        ),
        (
            &["order", "acme", "10", "-a", "2026-11-20", "-n", "rush"],
            &[
                "order",
                "acme",
                "10",
                "--at",
                "2026-11-20",
                "--note",
                "rush",
            ],
        ),
        (
            &[
                "phase",
                "acme",
                "partner",
                "-a",
                "2026-11-21",
                "-r",
                "joint line",
            ],
            &[
                "phase",
                "acme",
                "partner",
                "--at",
                "2026-11-21",
                "--reason",
                "joint line",
            ],
        ),
        (
            &[
                "renegotiate",
                "ID",
                "-d",
                "2026-12-10",
                "-a",
                "2026-11-22",
                "-n",
                "late prices",
            ],
            &[
                "renegotiate",
                "ID",
                "--due",
                "2026-12-10",
                "--at",
                "2026-11-22",
                "--note",
                "late prices",
            ],
        ),
        (
            &["break", "ID", "-a", "2026-11-22", "-n", "never sent"],
            &["break", "ID", "--at", "2026-11-22", "--note", "never sent"],
        ),
        (
            &["cancel", "ID", "-a", "2026-11-22", "-n", "dropped"],
            &["cancel", "ID", "--at", "2026-11-22", "--note", "dropped"],
        ),
    ];
    let plain = write(&[]);
    for (short, long) in cases {
        let by_short = write(&[short]);
        assert_eq!(by_short, write(&[long]), "{short:?} vs {long:?}");
        assert_ne!(by_short, plain, "{short:?} wrote nothing");
        let last = by_short
            .lines()
            .rev()
            .find(|l| l.contains("2026-11-2"))
            .unwrap_or("");
        assert!(!last.is_empty(), "{short:?}: {by_short}");
    }
    // add -k internal
    let j = common::Journal::new();
    j.ok(["add", "Marco", "-k", "internal"]);
    assert_eq!(common::str_field(&j.toml("marco"), "kind"), "internal");
}
