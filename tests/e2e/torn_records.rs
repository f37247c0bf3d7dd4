//! A torn record is never a record (PRODUCT.md §9.1), end to end: every byte cut of an append
//! of each record kind, and files ending in NUL bytes, through `check`, `repair` and the
//! commands that read and write (docs/DURABILITY.md, docs/FORMAT.md).

use crate::common;

use std::fs;

use common::{Journal, Run};

/// The customer's records as `show` gives them to programs.
fn records(j: &Journal) -> serde_json::Value {
    j.json(["show", "acme", "--format", "json"])
}

#[test]
fn every_cut_of_an_append_of_each_kind_is_the_old_file_or_flagged_and_repaired() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    j.ok(["log", "acme", "first call", "--at", "2026-11-02"]);
    let promise = j.promise(
        "acme",
        "send the samples",
        "2026-11-30",
        &["--at", "2026-11-03"],
    );
    let writes: Vec<Vec<String>> = [
        vec![
            "log",
            "acme",
            "two\nlines, \"quoted\"",
            "--in",
            "--at",
            "2026-11-20T10:30",
        ],
        vec![
            "order",
            "acme",
            "1234.56",
            "--ref",
            "F-77",
            "--note",
            "big order",
        ],
        vec![
            "promise",
            "acme",
            "call back",
            "--due",
            "2026-11-27",
            "--by",
            "them",
        ],
        vec![
            "renegotiate",
            &promise,
            "--due",
            "2026-12-04",
            "--note",
            "after the fair",
        ],
        vec!["keep", &promise, "--note", "sent"],
        vec!["phase", "acme", "partner", "--reason", "framework contract"],
    ]
    .iter()
    .map(|w| w.iter().map(|s| s.to_string()).collect())
    .collect();
    let path = j.file("acme");
    let rej = path.with_extension("toml.rej");
    for write in writes {
        let before = fs::read(&path).unwrap();
        let before_records = records(&j);
        j.ok(&write);
        let after = fs::read(&path).unwrap();
        let after_records = records(&j);
        assert!(after.starts_with(&before), "{write:?} appends");
        let chunk = &after[before.len()..];
        for cut in 0..chunk.len() {
            let torn = [&before[..], &chunk[..cut]].concat();
            fs::write(&path, &torn).unwrap();
            let check = j.run(["check"]);
            if check.code == 0 {
                // Only the old file (and a blank line), or the whole record but its newline.
                let back = records(&j);
                assert!(
                    back == before_records || (back == after_records && cut == chunk.len() - 1),
                    "{write:?} cut at {cut} reads as another record:\n{}",
                    String::from_utf8_lossy(&chunk[..cut])
                );
                continue;
            }
            assert_eq!(check.code, 1, "{write:?} cut at {cut}: {check:?}");
            assert!(
                check.stdout.contains("customers/acme.toml:")
                    && check.stdout.contains(
                        "the file's last record is incomplete: a write cut short (a crash, a full disk) or a typo; `coltiva repair acme` moves this record alone to acme.toml.rej"
                    ),
                "{write:?} cut at {cut}:\n{}",
                check.stdout
            );
            // Every cut is checked; the other commands on every seventh (every cut of every
            // kind is repaired in process by storage::repair's tests).
            if cut % 7 != 3 {
                continue;
            }
            // Reading commands name it with the fix; writing commands refuse, changing nothing.
            let list = j.run(["list"]);
            assert_eq!(list.code, 1, "{list:?}");
            assert!(
                list.stderr.contains("the last record is incomplete")
                    && list
                        .stderr
                        .contains("`coltiva repair acme` moves that record alone"),
                "{}",
                list.stderr
            );
            j.fails(["log", "acme", "later"], 1, "nothing was appended");
            let repair = j.run(["repair", "acme"]);
            assert_eq!(repair.code, 0, "{write:?} cut at {cut}: {repair:?}");
            assert!(
                repair.stderr.contains("(1 record from line"),
                "{}",
                repair.stderr
            );
            assert_eq!(fs::read(&path).unwrap(), before, "{write:?} cut at {cut}");
            assert_eq!(fs::read(&rej).unwrap(), &torn[before.len()..]);
            fs::remove_file(&rej).unwrap();
        }
        fs::write(&path, &after).unwrap();
    }
    j.ok(["check"]);
}

/// A file ending in NULs: an append whose new size reached the disk and whose data did not.
#[test]
fn nuls_ending_a_file_are_flagged_and_moved_alone_after_0_1_2_and_50_records() {
    for n in [0, 1, 2, 50] {
        let j = Journal::new();
        j.add("ACME S.r.l.", &["--id", "acme"]);
        for i in 0..n {
            j.ok(["log", "acme", &format!("call {i}"), "--at", "2026-11-20"]);
        }
        let path = j.file("acme");
        let good = fs::read(&path).unwrap();
        let lines = good.iter().filter(|&&b| b == b'\n').count();
        fs::write(&path, [&good[..], &[0u8; 97][..]].concat()).unwrap();

        let check = j.run(["check"]);
        assert_eq!(check.code, 1, "{n}: {check:?}");
        assert_eq!(
            check.stdout,
            format!(
                "{}:{}:1: the file ends in 97 NUL bytes, no record: a write whose data never reached the disk (a crash or power loss); `coltiva repair acme` moves them to acme.toml.rej and keeps every record before them\n",
                path.display(),
                lines + 1
            ),
            "{n}"
        );
        assert!(
            check.stderr.contains("1 problem in 1 file"),
            "{}",
            check.stderr
        );
        let list = j.run(["list"]);
        assert_eq!(list.code, 1);
        assert!(
            list.stderr
                .contains("the file ends in 97 NUL bytes, no record")
                && list
                    .stderr
                    .contains("`coltiva repair acme` moves them aside"),
            "{}",
            list.stderr
        );
        j.fails(["log", "acme", "later"], 1, "nothing was appended");
        let repair = j.run(["repair", "acme"]);
        assert_eq!(repair.code, 0, "{n}: {repair:?}");
        assert!(
            repair.stderr.contains(&format!(
                "repaired acme: moved 97 bytes (NUL bytes from line {} on, no record: a write whose data never reached the disk)",
                lines + 1
            )),
            "{n}: {}",
            repair.stderr
        );
        assert_eq!(fs::read(&path).unwrap(), good, "{n}: every record stays");
        assert_eq!(
            fs::read(path.with_extension("toml.rej")).unwrap(),
            [0u8; 97]
        );
        let check = Run::of(j.cmd().arg("check")).ok();
        assert!(
            check.stderr.contains(&format!("{n} record")),
            "{}",
            check.stderr
        );
    }
}
