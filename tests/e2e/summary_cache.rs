//! The summary cache (`.cache/customers`, docs/DURABILITY.md "The summary cache") never changes
//! an answer: after random interleavings of coltiva writes, hand edits of the same size (with
//! and without the old modification time put back), git checkouts, commits and pulls, copies
//! restored with old times, changes in the same second as the last read, waits past the racy
//! margin and a damaged or deleted cache, every reading command prints the same JSON with the
//! cache as with `COLTIVA_SUMMARY_CACHE=off`.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use proptest::prelude::*;

const CUSTOMERS: &[&str] = &["acme", "bianchi", "rossi"];

/// Every reading command that reads the customer files, in JSON (or the export's own form).
const READS: &[&[&str]] = &[
    &["list", "--format", "json"],
    &["report", "--format", "json"],
    &["promises", "--format", "json"],
    &["agenda", "--format", "json"],
    &["outlook", "--format", "json"],
    &["show", "acme", "--format", "json"],
    &["export"],
];

#[derive(Debug, Clone)]
enum Step {
    /// `coltiva log CUSTOMER …` (an append by coltiva).
    Log(usize),
    /// A byte of a summary changed in place: same size, same inode.
    HandEdit(usize),
    /// The same, then the file's old modification time put back (`touch -d`, `cp -p`).
    HandEditOldTime(usize),
    /// [`Step::HandEditOldTime`], then a wait past the racy margin and the cache file's time set
    /// to now (as a copy of the journal with fresh times would): only the status-change time
    /// tells the change.
    HandEditOldTimeThenWait(usize),
    /// The file as it was at the start, its old modification time put back (a restore).
    Restore(usize),
    /// `git commit -a`, then `git checkout HEAD~1 -- customers/X` or of HEAD.
    Checkout(usize),
    /// A record written in a clone, committed, and `git pull` here.
    Pull(usize),
    /// A new customer file by coltiva, or one removed by hand.
    AddOrRemove(usize),
    /// Past the racy margin: what was read is now kept, and used.
    Wait,
    /// The cache file damaged (a byte flipped, cut short) or deleted.
    DamageCache(u8),
}

fn step() -> impl Strategy<Value = Step> {
    let i = 0..CUSTOMERS.len();
    prop_oneof![
        1 => i.clone().prop_map(Step::Log),
        1 => i.clone().prop_map(Step::HandEdit),
        1 => i.clone().prop_map(Step::HandEditOldTime),
        2 => i.clone().prop_map(Step::HandEditOldTimeThenWait),
        1 => i.clone().prop_map(Step::Restore),
        1 => i.clone().prop_map(Step::Checkout),
        1 => i.clone().prop_map(Step::Pull),
        1 => i.prop_map(Step::AddOrRemove),
        3 => Just(Step::Wait),
        1 => (0u8..3).prop_map(Step::DamageCache),
    ]
}

struct World {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    clone: PathBuf,
    config: PathBuf,
    /// Each customer file as it was at the start, with its modification time.
    originals: Vec<(Vec<u8>, SystemTime)>,
    logs: usize,
    hits: usize,
}

impl World {
    fn new() -> World {
        let tmp = tempfile::tempdir().unwrap();
        let config = common::gitconfig(tmp.path());
        let dir = tmp.path().join("j");
        ok(&dir, &["init", dir.to_str().unwrap()], None);
        for (n, id) in CUSTOMERS.iter().enumerate() {
            ok(&dir, &["add", &id.to_uppercase(), "--id", id], None);
            // A person and a contact with them: the cache carries people and `with` too.
            ok(
                &dir,
                &["person", "add", id, "Paola Rossi", "--at", "2026-09-01"],
                None,
            );
            ok(
                &dir,
                &[
                    "log",
                    id,
                    "first call",
                    "--at",
                    "2026-10-01",
                    "--with",
                    "paola",
                ],
                None,
            );
            ok(&dir, &["order", id, &format!("{}0.50", n + 1)], None);
            ok(
                &dir,
                &["promise", id, "send the quote", "--due", "2026-11-30"],
                None,
            );
        }
        common::git(&dir, &config, &["init", "-q"]);
        common::git(&dir, &config, &["add", "-A"]);
        common::git(&dir, &config, &["commit", "-qm", "start"]);
        let clone = tmp.path().join("clone");
        common::git(
            tmp.path(),
            &config,
            &[
                "clone",
                "-q",
                dir.to_str().unwrap(),
                clone.to_str().unwrap(),
            ],
        );
        let originals = CUSTOMERS
            .iter()
            .map(|id| {
                let path = dir.join(format!("customers/{id}.toml"));
                (
                    fs::read(&path).unwrap(),
                    fs::metadata(&path).unwrap().modified().unwrap(),
                )
            })
            .collect();
        World {
            _tmp: tmp,
            dir,
            clone,
            config,
            originals,
            logs: 0,
            hits: 0,
        }
    }

    fn path(&self, i: usize) -> PathBuf {
        self.dir.join(format!("customers/{}.toml", CUSTOMERS[i]))
    }

    fn apply(&mut self, step: &Step) {
        match *step {
            Step::Log(i) => {
                self.logs += 1;
                let summary = format!("call {}", self.logs);
                ok(&self.dir, &["log", CUSTOMERS[i], &summary, "--again"], None);
            }
            Step::HandEdit(i) => {
                if let Some(path) = self.existing(i) {
                    flip_summary_byte(&path);
                }
            }
            Step::HandEditOldTime(i) => {
                if let Some(path) = self.existing(i) {
                    let old = fs::metadata(&path).unwrap().modified().unwrap();
                    flip_summary_byte(&path);
                    set_modified(&path, old);
                }
            }
            Step::HandEditOldTimeThenWait(i) => {
                self.apply(&Step::HandEditOldTime(i));
                self.apply(&Step::Wait);
                let cache = self.dir.join(".cache/customers");
                if cache.exists() {
                    set_modified(&cache, SystemTime::now());
                }
            }
            Step::Restore(i) => {
                let (bytes, time) = &self.originals[i];
                let path = self.path(i);
                fs::write(&path, bytes).unwrap();
                set_modified(&path, *time);
            }
            Step::Checkout(i) => {
                let git = |args: &[&str]| common::git_output(&self.dir, &self.config, args);
                git(&["add", "-A", "customers"]);
                git(&["commit", "-qm", "step"]);
                let rel = format!("customers/{}.toml", CUSTOMERS[i]);
                if !git(&["checkout", "HEAD~1", "--", &rel]).status.success() {
                    git(&["checkout", "HEAD", "--", &rel]);
                }
            }
            Step::Pull(i) => {
                let git = |dir: &Path, args: &[&str]| common::git(dir, &self.config, args);
                let _ = common::git_output(&self.dir, &self.config, &["add", "-A", "customers"]);
                let _ = common::git_output(&self.dir, &self.config, &["commit", "-qm", "here"]);
                git(
                    &self.clone,
                    &[
                        "pull",
                        "-q",
                        "--no-edit",
                        self.dir.to_str().unwrap(),
                        "HEAD",
                    ],
                );
                self.logs += 1;
                let summary = format!("from the clone {}", self.logs);
                if self
                    .clone
                    .join(format!("customers/{}.toml", CUSTOMERS[i]))
                    .exists()
                {
                    ok(
                        &self.clone,
                        &["log", CUSTOMERS[i], &summary, "--again"],
                        None,
                    );
                }
                let _ = common::git_output(&self.clone, &self.config, &["add", "-A", "customers"]);
                let _ = common::git_output(&self.clone, &self.config, &["commit", "-qm", "there"]);
                git(
                    &self.dir,
                    &[
                        "pull",
                        "-q",
                        "--no-edit",
                        self.clone.to_str().unwrap(),
                        "HEAD",
                    ],
                );
            }
            Step::AddOrRemove(i) => {
                let id = format!("new{i}");
                let path = self.dir.join(format!("customers/{id}.toml"));
                if path.exists() {
                    fs::remove_file(&path).unwrap();
                } else {
                    ok(&self.dir, &["add", "New", "--id", &id], None);
                    ok(&self.dir, &["order", &id, "7"], None);
                }
            }
            Step::Wait => std::thread::sleep(Duration::from_millis(2100)),
            Step::DamageCache(how) => {
                let path = self.dir.join(".cache/customers");
                if let Ok(mut bytes) = fs::read(&path) {
                    match how {
                        0 => {
                            let middle = bytes.len() / 2;
                            bytes[middle] ^= 0x20;
                        }
                        1 => bytes.truncate(bytes.len() / 3),
                        _ => bytes.clear(),
                    }
                    if how == 2 {
                        fs::remove_file(&path).unwrap();
                    } else {
                        fs::write(&path, bytes).unwrap();
                    }
                }
            }
        }
    }

    fn existing(&self, i: usize) -> Option<PathBuf> {
        Some(self.path(i)).filter(|p| p.exists())
    }

    /// Every reading command, with the cache and without: the same output and exit code.
    fn compare(&mut self, after: &Step) {
        for args in READS {
            let with = run(&self.dir, args, Some("stats"));
            let without = run(&self.dir, args, Some("off"));
            assert_eq!(
                (with.status.code(), &with.stdout),
                (without.status.code(), &without.stdout),
                "{args:?} after {after:?}: the cache changed the answer"
            );
            let stderr = String::from_utf8_lossy(&with.stderr);
            for line in stderr.lines() {
                if let Some(rest) = line.strip_prefix("summary cache: ")
                    && let Some(n) = rest.split(' ').next()
                {
                    self.hits += n.parse::<usize>().unwrap();
                }
            }
        }
    }
}

fn run(dir: &Path, args: &[&str], cache: Option<&str>) -> std::process::Output {
    let mut cmd = common::std_coltiva(dir);
    cmd.args(args);
    if let Some(value) = cache {
        cmd.env("COLTIVA_SUMMARY_CACHE", value);
    }
    cmd.output().unwrap()
}

fn ok(dir: &Path, args: &[&str], cache: Option<&str>) -> String {
    let out = run(dir, args, cache);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Changes one letter of the first summary in place (same size, same file): `a` ↔ `b`.
fn flip_summary_byte(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let bytes = fs::read(path).unwrap();
    let key = b"summary = \"";
    let Some(at) = bytes.windows(key.len()).position(|w| w == key) else {
        return;
    };
    let at = at + key.len();
    let new = if bytes[at] == b'a' { b'b' } else { b'a' };
    let mut file = fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(at as u64)).unwrap();
    file.write_all(&[new]).unwrap();
}

fn set_modified(path: &Path, time: SystemTime) {
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, max_shrink_iters: 0, ..ProptestConfig::default() })]

    #[test]
    fn every_reading_command_answers_the_same_with_the_cache(
        steps in proptest::collection::vec(step(), 6..14)
    ) {
        let mut world = World::new();
        // A first read and a wait: the cache is built and trusted before the steps.
        world.compare(&Step::Wait);
        world.apply(&Step::Wait);
        world.compare(&Step::Wait);
        for step in &steps {
            world.apply(step);
            world.compare(step);
        }
        prop_assert!(world.hits > 0, "the cache was never used: the test would prove nothing");
    }
}

/// The cases the random test might draw rarely, one after the other: a same-size edit in the
/// second the cache was written (racy), and an old modification time put back after an edit.
#[test]
fn a_change_the_stamp_could_miss_is_read_again() {
    let mut world = World::new();
    for step in [
        Step::Wait,
        Step::HandEdit(0),
        Step::HandEditOldTime(0),
        Step::Wait,
        Step::HandEditOldTime(1),
        Step::Wait,
        Step::HandEditOldTimeThenWait(2),
        Step::Restore(1),
        Step::Checkout(2),
        Step::Pull(2),
        Step::Wait,
        Step::DamageCache(0),
        Step::Wait,
        Step::DamageCache(1),
        Step::Log(0),
    ] {
        world.apply(&step);
        world.compare(&step);
    }
    assert!(world.hits > 0, "the cache was never used");
    assert!(world.dir.join(".cache/customers").is_file());
}
