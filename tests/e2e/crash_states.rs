//! Crash states of every write command (issue 25; docs/DURABILITY.md, "Crash states,
//! explored"). Each command runs under strace on a small journal; every state a crash could
//! leave is rebuilt from its system calls and checked:
//!
//! - every record acknowledged before the command (and kept by it) is present and unchanged;
//! - once the command has returned, everything it wrote is present (and git's HEAD resolves);
//! - `check` exits 1 on every state holding an incomplete record;
//! - `repair` fixes every file `check` names without moving an acknowledged record;
//! - `check`, `list`, `report` and `show` never panic or hang.
//!
//! The short run (`cargo test --test crash_states`) explores a few commands under the prefix,
//! torn (cuts at line boundaries), zero-tail and lose-all models; `bench/crash-explore.sh`
//! runs every command under every model, cutting at every byte.

use crate::common;
use crate::crash;

use crash::scenarios;
use crash::states::{Cuts, Model};

/// Violations known today, keyed by (command, model, invariant): none. Both runs assert 0
/// violations. Before the fixes of issue 25 the full run found 84 of 25 kinds: a zero-filled
/// tail made `repair` move the acknowledged record before it; a torn append read as a valid,
/// different record; a torn renegotiation stayed after `repair`; `repair` and `init` did not
/// fsync their folders; git (even with `core.fsync`) never fsyncs the folders it renames
/// objects and refs into, so HEAD could stop resolving after a commit returned
/// (`storage::flush_repository` now flushes them after every commit). docs/DURABILITY.md has
/// the table.
const EXPECTED: &[(&str, &str, &str)] = &[
    // One kind is git's own, and only under the strict POSIX model: *during* a commit, git
    // renames refs/heads/main.lock into place after fsyncing the new objects' data but never
    // their folders, so if a new object's name is lost while the ref's rename reached the disk,
    // HEAD names a missing object until the next commit. ext4, xfs and btrfs journal folder
    // operations in order, so there it cannot happen; coltiva would need git's plumbing
    // (commit-tree, a flush, then update-ref) to order it itself: not done (docs/DURABILITY.md).
    ("log (git autocommit)", "lose-one", "git-head-broken"),
];

fn run(scenarios: Vec<scenarios::Scenario>, models: &[Model], cuts: Cuts, strict_stale: bool) {
    if !crash::strace_available() {
        common::skip_unless_required("strace is not installed (apt-get install strace)");
        return;
    }
    let outcomes: Vec<crash::Outcome> = scenarios
        .iter()
        .map(|s| {
            let o = crash::explore(s, models, cuts);
            eprintln!(
                "crash states: {}: {} system calls, {} operations, {} states ({}), {} violations, {:.1} s",
                o.command,
                o.syscalls,
                o.ops,
                o.states,
                o.per_model,
                o.violations.len(),
                o.seconds
            );
            let keys: std::collections::BTreeSet<_> = o.violations.iter().map(|v| v.key()).collect();
            for (c, m, i) in keys {
                eprintln!("  violation: ({c:?}, {m:?}, {i:?})");
            }
            o
        })
        .collect();
    let report = crash::report(&outcomes, EXPECTED);
    eprintln!("{report}");
    let seen: std::collections::BTreeSet<(String, &str, &str)> = outcomes
        .iter()
        .flat_map(|o| o.violations.iter().map(|v| v.key()))
        .collect();
    let new: Vec<_> = seen
        .iter()
        .filter(|(c, m, i)| !EXPECTED.contains(&(c.as_str(), *m, *i)))
        .collect();
    let explored: Vec<&str> = scenarios.iter().map(|s| s.name).collect();
    let model_names: Vec<&str> = models.iter().map(|m| m.name()).collect();
    let stale: Vec<_> = EXPECTED
        .iter()
        .filter(|(c, m, _)| explored.contains(c) && model_names.contains(m))
        .filter(|(c, m, i)| !seen.contains(&(c.to_string(), *m, *i)))
        .collect();
    if !stale.is_empty() {
        eprintln!(
            "expected violations that no longer happen (delete them from EXPECTED): {stale:?}"
        );
    }
    assert!(
        new.is_empty(),
        "crash states break coltiva's promises: {new:?}\n{report}"
    );
    assert!(
        !strict_stale || stale.is_empty(),
        "these expected violations no longer happen; delete them from EXPECTED: {stale:?}"
    );
}

#[test]
fn crash_states_short() {
    run(
        scenarios::short(),
        &[Model::Prefix, Model::Torn, Model::ZeroTail, Model::LoseAll],
        Cuts::Lines,
        false,
    );
}

/// The full run: every write command, every model, cuts at every byte
/// (`bench/crash-explore.sh`).
#[test]
#[ignore = "minutes long: run by bench/crash-explore.sh"]
fn crash_states_full() {
    // COLTIVA_CRASH_ONLY=keep,set explores only those commands.
    let only = std::env::var("COLTIVA_CRASH_ONLY").unwrap_or_default();
    let chosen: Vec<scenarios::Scenario> = scenarios::all()
        .into_iter()
        .filter(|s| only.is_empty() || only.split(',').any(|o| o.trim() == s.name))
        .collect();
    run(
        chosen,
        &[
            Model::Prefix,
            Model::Torn,
            Model::ZeroTail,
            Model::LoseAll,
            Model::LoseOne,
        ],
        Cuts::EveryByte,
        true,
    );
}

// The explorer's own parts, on made-up input (no strace needed).

mod explorer {
    use std::path::{Path, PathBuf};

    use super::crash::fs::Fs;
    use super::crash::states::{self, Cuts, Model};
    use super::crash::trace::{self, Op};
    use super::crash::{chunks, scenarios::ROOT};

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    /// The states `models` give at the last crash point, as the visible files' names.
    fn at_end(ops: &[Op], models: &[Model]) -> Vec<(Model, Vec<String>)> {
        let mut out = Vec::new();
        let names = Default::default();
        states::enumerate(&Fs::default(), ops, &names, models, Cuts::Lines, |s| {
            if s.point == ops.len() {
                let (_, files) = s.fs.visible();
                out.push((
                    s.model,
                    files.keys().map(|f| f.display().to_string()).collect(),
                ));
            }
        });
        out
    }

    fn create_and_fsync(dir_fsyncs: &[&str]) -> Vec<Op> {
        let mut ops = vec![
            Op::Mkdir(p(ROOT)),
            Op::Create {
                path: p("journal/coltiva.toml"),
                ino: 1,
            },
            Op::Write {
                ino: 1,
                off: 0,
                data: b"schema = 1\n".to_vec(),
            },
            Op::FsyncFile(1),
        ];
        ops.extend(dir_fsyncs.iter().map(|d| Op::FsyncDir(p(d))));
        ops
    }

    #[test]
    fn a_name_is_durable_only_after_its_folder_is_fsynced() {
        // Without folder fsyncs, losing what was not synced loses the file's name.
        let states = at_end(&create_and_fsync(&[]), &[Model::LoseAll]);
        assert_eq!(states, vec![(Model::LoseAll, vec![])]);
        // With the journal folder and the folder above it fsynced, nothing is unsynced.
        let states = at_end(
            &create_and_fsync(&[ROOT, ""]),
            &[Model::LoseAll, Model::Prefix],
        );
        assert_eq!(
            states,
            vec![(Model::Prefix, vec!["journal/coltiva.toml".to_string()])]
        );
    }

    #[test]
    fn an_unsynced_append_can_be_torn_or_zero_filled() {
        let mut fs = Fs::default();
        let ops = vec![Op::Write {
            ino: 1,
            off: 3,
            data: b"ab\ncd\n".to_vec(),
        }];
        fs.apply(&Op::Mkdir(p(ROOT)));
        fs.apply(&Op::Create {
            path: p("journal/x"),
            ino: 1,
        });
        fs.apply(&Op::Write {
            ino: 1,
            off: 0,
            data: b"xy\n".to_vec(),
        });
        let mut seen = Vec::new();
        let names = Default::default();
        states::enumerate(
            &fs,
            &ops,
            &names,
            &[Model::Torn, Model::ZeroTail],
            Cuts::Lines,
            |s| {
                seen.push((
                    s.model,
                    s.fs.read_file(Path::new("journal/x")).unwrap().to_vec(),
                ))
            },
        );
        assert_eq!(
            seen,
            vec![
                (Model::Torn, b"xy\na".to_vec()),
                (Model::Torn, b"xy\nab\n".to_vec()),
                (Model::Torn, b"xy\nab\ncd".to_vec()),
                (Model::ZeroTail, b"xy\n\0\0\0\0\0\0".to_vec()),
            ]
        );
    }

    #[test]
    fn a_file_splits_into_header_records_and_nul_runs() {
        let parts = chunks(b"schema = 1\nname = \"A\"\n\n[[order]]\nat = 2026-11-02\n\n[[order]]\nat = 2026-11-03\n\0\0\0");
        assert_eq!(
            parts,
            vec![
                "schema = 1\nname = \"A\"".to_string(),
                "[[order]]\nat = 2026-11-02".to_string(),
                "[[order]]\nat = 2026-11-03".to_string(),
                "\0\0\0".to_string(),
            ]
        );
    }

    fn hex(s: &str) -> String {
        s.bytes().map(|b| format!("\\x{b:02x}")).collect()
    }

    #[test]
    fn the_trace_parser_follows_descriptors_renames_and_fsyncs() {
        let base = Path::new("/b");
        let mut before = Fs::default();
        before.apply(&Op::Mkdir(p(ROOT)));
        before.apply(&Op::Mkdir(p("journal/customers")));
        let ino = before.new_ino();
        before.apply(&Op::Create {
            path: p("journal/customers/a.toml"),
            ino,
        });
        let a = hex("/b/journal/customers/a.toml");
        let t = hex("/b/journal/customers/a.toml.tmp-1");
        let d = hex("/b/journal/customers");
        let cwd = hex("/b/journal");
        let text = format!(
            "7 openat(AT_FDCWD<{cwd}>, \"{a}\", O_RDWR|O_APPEND|O_CLOEXEC) = 3<{a}>\n\
             7 write(3<{a}>, \"{}\", 3) = 3\n\
             7 fsync(3<{a}> <unfinished ...>\n\
             8 write(1</dev/pts/0>, \"x\", 1) = 1\n\
             7 <... fsync resumed>)             = 0\n\
             7 openat(AT_FDCWD<{cwd}>, \"{}\", O_WRONLY|O_CREAT|O_EXCL, 0600) = 4<{t}>\n\
             7 pwrite64(4<{t}>, \"{}\", 2, 5) = 2\n\
             7 rename(\"{t}\", \"{}\") = 0\n\
             7 openat(AT_FDCWD<{cwd}>, \"{}\", O_RDONLY) = 5<{d}>\n\
             7 fsync(5<{d}>) = 0\n\
             7 unlink(\"{}\") = -1 ENOENT (No such file or directory)\n",
            hex("k\n\0"),
            hex("customers/a.toml.tmp-1"),
            hex("zz"),
            hex("customers/b.toml"),
            hex("customers"),
            hex("customers/nothing"),
        );
        let parsed = trace::parse(&text, base, Path::new("/b/journal"), &before);
        assert_eq!(
            parsed.ops,
            vec![
                Op::Write {
                    ino,
                    off: 0,
                    data: b"k\n\0".to_vec()
                },
                Op::FsyncFile(ino),
                Op::Create {
                    path: p("journal/customers/a.toml.tmp-1"),
                    ino: ino + 1
                },
                Op::Write {
                    ino: ino + 1,
                    off: 5,
                    data: b"zz".to_vec()
                },
                Op::Rename {
                    from: p("journal/customers/a.toml.tmp-1"),
                    to: p("journal/customers/b.toml")
                },
                Op::FsyncDir(p("journal/customers")),
            ]
        );
        assert_eq!(parsed.syscalls, 10);
    }
}
