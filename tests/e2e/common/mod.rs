//! Helpers shared by the end-to-end tests: every test drives the real `coltiva` binary on a
//! journal in a temporary folder, with a fixed `--today` so that results never depend on the
//! day the tests run.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The as-of day of every test (a Monday).
pub const TODAY: &str = "2026-11-23";

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_coltiva");

/// Puts the binary at `to`, ready to run at once: a hard link where the file system allows.
/// A fresh copy can refuse to start for a moment ("text file busy") while another test's
/// child, between its fork and its exec, still holds the copy's write descriptor.
pub fn install_binary(to: &Path) {
    if fs::hard_link(BIN, to).is_err() {
        fs::copy(BIN, to).expect("a copy of the binary");
    }
}

/// A path relative to the journal (`customers/acme.toml`) as coltiva prints it on this system
/// (`customers\\acme.toml` on Windows).
pub fn native(rel: &str) -> String {
    rel.replace('/', std::path::MAIN_SEPARATOR_STR)
}

/// A new pseudo-terminal (POSIX `posix_openpt`, through rustix): its controlling side and the
/// terminal side a child gets as stdin or stdout; with `Some((rows, cols))` the terminal says
/// that size.
#[cfg(unix)]
pub fn openpty(size: Option<(u16, u16)>) -> (std::os::fd::OwnedFd, std::os::fd::OwnedFd) {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("a pseudo-terminal");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let slave = rustix::fs::open(
        name.as_c_str(),
        rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NOCTTY,
        rustix::fs::Mode::empty(),
    )
    .expect("the terminal side of the pseudo-terminal");
    if let Some((rows, cols)) = size {
        let size = rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&slave, size).expect("the terminal's size");
    }
    (master, slave)
}

/// The bundled example journal (`examples/journal`): read it, never write it (copy it first
/// with [`copy_example`]).
pub fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/journal")
}

/// A copy of the example journal (its settings and customer files, not its cache) in `into`.
pub fn copy_example(into: &Path) {
    fs::create_dir_all(into.join("customers")).unwrap();
    fs::copy(
        example_dir().join("coltiva.toml"),
        into.join("coltiva.toml"),
    )
    .unwrap();
    for entry in fs::read_dir(example_dir().join("customers")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), into.join("customers").join(entry.file_name())).unwrap();
    }
}

/// A `coltiva` command with a clean environment and no journal flags: no colour, no
/// `$COLTIVA_DIR`, no editor, no terminal width, run from `cwd`. For tests of journal discovery.
pub fn bare(cwd: &Path) -> Command {
    Command::from_std(std_bare(cwd))
}

/// [`bare`] as a `std::process::Command`, for tests that spawn the binary and wait for it or
/// kill it (assert_cmd's command only runs to completion).
pub fn std_bare(cwd: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("COLTIVA_DIR")
        .env_remove("COLUMNS")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .stdin(std::process::Stdio::null());
    cmd
}

/// A `coltiva --dir DIR --today 2026-11-23` command, with `NO_COLOR=1`, run from `dir` (from
/// its parent while `dir` does not exist yet, e.g. for `init`).
pub fn coltiva(dir: &Path) -> Command {
    Command::from_std(std_coltiva(dir))
}

/// [`coltiva`] as a `std::process::Command` (see [`std_bare`]).
pub fn std_coltiva(dir: &Path) -> std::process::Command {
    let cwd = if dir.is_dir() {
        dir
    } else {
        dir.parent().filter(|p| p.is_dir()).unwrap_or(dir)
    };
    let mut cmd = std_bare(cwd);
    cmd.arg("--dir").arg(dir).args(["--today", TODAY]);
    cmd
}

/// What a run of the binary produced.
#[derive(Debug, Clone)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(cmd: &mut Command) -> Run {
        let out = cmd.output().expect("the coltiva binary runs");
        let run = Run {
            // A signal (no code) counts as a crash.
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        };
        assert_ne!(run.code, 101, "coltiva panicked:\n{}", run.stderr);
        assert_ne!(
            run.code, -1,
            "coltiva was killed by a signal:\n{}",
            run.stderr
        );
        run
    }

    /// Asserts success and returns self.
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Every entry under a folder, by path relative to it: a file with its bytes, anything else
/// with a marker saying what it is (so a folder, link or FIFO appearing or vanishing counts as a
/// change, and a link is never followed out of the journal).
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// THE snapshot rule of every test, in one place: everything under `root`, recursively,
/// except
///
/// - `.cache/`: the promise index, a cache any command may build or rebuild and delete at will;
///   it holds nothing of the journal's own (deleting it is always safe, see
///   `promise_index.rs`), so "no file changed" is about the journal, not about the cache;
/// - `.git/`: git's own store (a read of `git status` may refresh its index); what a commit
///   did is asserted through `git log`, never through these bytes.
///
/// Folders, symbolic links (not followed), FIFOs and unreadable files are recorded with a
/// marker instead of bytes.
pub fn files(root: &Path) -> Files {
    fn walk(root: &Path, dir: &Path, out: &mut Files) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path
                .file_name()
                .is_some_and(|n| n == ".cache" || n == ".git")
            {
                continue;
            }
            let rel = path.strip_prefix(root).expect("under root").to_path_buf();
            let meta = fs::symlink_metadata(&path).expect("the entry's metadata");
            let kind = meta.file_type();
            if kind.is_symlink() {
                let target = fs::read_link(&path).unwrap_or_default();
                out.insert(rel, format!("<link to {}>", target.display()).into_bytes());
            } else if kind.is_dir() {
                out.insert(rel, b"<folder>".to_vec());
                walk(root, &path, out);
            } else if kind.is_file() {
                let bytes = fs::read(&path).unwrap_or_else(|_| b"<unreadable>".to_vec());
                out.insert(rel, bytes);
            } else {
                out.insert(rel, b"<special file>".to_vec());
            }
        }
    }
    let mut out = Files::new();
    walk(root, root, &mut out);
    out
}

/// A journal created with `coltiva init` in a fresh temporary folder.
pub struct Journal {
    tmp: TempDir,
    root: PathBuf,
}

impl Journal {
    pub fn new() -> Journal {
        Journal::init(&[])
    }

    /// A journal made by `coltiva init --locale LOCALE`: its settings, words and dates are
    /// that language's.
    pub fn in_language(locale: &str) -> Journal {
        Journal::init(&["--locale", locale])
    }

    fn init(flags: &[&str]) -> Journal {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let root = tmp.path().join("journal");
        Run::of(bare(tmp.path()).arg("init").args(flags).arg(&root)).ok();
        Journal { tmp, root }
    }

    /// The journal folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder holding the journal (and nothing else of the tests').
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// `coltiva --dir <journal> --today 2026-11-23`.
    pub fn cmd(&self) -> Command {
        coltiva(&self.root)
    }

    /// `coltiva --dir <journal> --today DAY`, for tests of another as-of day.
    pub fn cmd_on(&self, day: &str) -> Command {
        let mut cmd = bare(&self.root);
        cmd.arg("--dir").arg(&self.root).args(["--today", day]);
        cmd
    }

    /// Rewrites the journal's coltiva.toml with `edits` (old text, new text) applied; each old
    /// text must be there.
    #[track_caller]
    pub fn edit_settings(&self, edits: &[(&str, &str)]) {
        let path = self.root.join("coltiva.toml");
        let mut text = fs::read_to_string(&path).expect("coltiva.toml");
        for (old, new) in edits {
            assert!(text.contains(old), "{old:?} not in coltiva.toml:\n{text}");
            text = text.replace(old, new);
        }
        fs::write(path, text).expect("coltiva.toml is writable");
    }

    /// Runs `coltiva log ID SUMMARY` while this test holds the lock of `ID`'s file, asserts
    /// that it still waits after 1.8 s, lets go, and gives its stderr once it succeeded.
    #[track_caller]
    pub fn log_while_locked(&self, id: &str, summary: &str) -> String {
        use std::io::Read;
        let holder = fs::OpenOptions::new()
            .read(true)
            .append(true)
            .open(self.file(id))
            .expect("the customer file");
        holder.lock().expect("the file's lock");
        let mut child = self
            .spawnable()
            .args(["log", id, summary])
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("coltiva starts");
        std::thread::sleep(std::time::Duration::from_millis(1800));
        assert!(child.try_wait().unwrap().is_none(), "it waits for the lock");
        drop(holder);
        let status = child.wait().expect("coltiva ends");
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("its stderr")
            .read_to_string(&mut stderr)
            .expect("readable stderr");
        assert!(status.success(), "{stderr}");
        stderr
    }

    /// [`Journal::cmd`] as a `std::process::Command`, to spawn and wait for or kill.
    pub fn spawnable(&self) -> std::process::Command {
        std_coltiva(&self.root)
    }

    /// Runs coltiva with these arguments (never a panic).
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Run::of(self.cmd().args(args))
    }

    /// Runs coltiva with these arguments and asserts success.
    #[track_caller]
    pub fn ok<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<std::ffi::OsString> =
            args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let run = Run::of(self.cmd().args(&args));
        assert_eq!(
            run.code, 0,
            "coltiva {args:?} failed\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        run
    }

    /// Runs coltiva and asserts that it fails with `code`, that stderr holds `message`, that
    /// stdout is empty and that no file of the journal changed.
    #[track_caller]
    pub fn fails<I, S>(&self, args: I, code: i32, message: &str) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<std::ffi::OsString> =
            args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let before = self.files();
        let run = Run::of(self.cmd().args(&args));
        assert_eq!(
            run.code, code,
            "coltiva {args:?}: expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        assert!(
            run.stderr.contains(message),
            "coltiva {args:?}: expected {message:?} in stderr:\n{}",
            run.stderr
        );
        assert_eq!(
            run.stdout, "",
            "coltiva {args:?}: a failure prints nothing on stdout"
        );
        assert_unchanged(&before, &self.files(), &format!("coltiva {args:?}"));
        run
    }

    /// Adds a customer and returns the id printed on stdout.
    #[track_caller]
    pub fn add(&self, name: &str, extra: &[&str]) -> String {
        let mut args = vec!["add", name];
        args.extend_from_slice(extra);
        let run = self.ok(&args);
        let id = run.stdout.trim_end_matches('\n').to_string();
        assert_eq!(run.stdout, format!("{id}\n"), "add prints the id alone");
        id
    }

    /// Records a promise and returns the promise id printed on stdout.
    #[track_caller]
    pub fn promise(&self, customer: &str, what: &str, due: &str, extra: &[&str]) -> String {
        let mut args = vec!["promise", customer, what, "--due", due];
        args.extend_from_slice(extra);
        let run = self.ok(&args);
        let id = run.stdout.trim_end_matches('\n').to_string();
        assert_eq!(run.stdout, format!("{id}\n"), "promise prints the id alone");
        assert_eq!(id.len(), 6, "a promise id has 6 characters: {id:?}");
        id
    }

    pub fn file(&self, id: &str) -> PathBuf {
        self.root.join("customers").join(format!("{id}.toml"))
    }

    pub fn text(&self, id: &str) -> String {
        fs::read_to_string(self.file(id)).expect("a customer file")
    }

    /// A customer file parsed by the toml crate.
    #[track_caller]
    pub fn toml(&self, id: &str) -> toml::Table {
        parse_toml(&self.text(id))
    }

    /// The last record of table `kind` (interaction, order, ...) in a customer file.
    #[track_caller]
    pub fn last(&self, id: &str, kind: &str) -> toml::Table {
        let file = self.toml(id);
        let records = file
            .get(kind)
            .and_then(|v| v.as_array())
            .unwrap_or_else(|| panic!("{id} has no [[{kind}]]"));
        records
            .last()
            .and_then(|v| v.as_table())
            .expect("a table")
            .clone()
    }

    /// How many records of table `kind` a customer file holds.
    pub fn count(&self, id: &str, kind: &str) -> usize {
        self.toml(id)
            .get(kind)
            .and_then(|v| v.as_array())
            .map_or(0, Vec::len)
    }

    pub fn files(&self) -> Files {
        files(&self.root)
    }

    /// Output of a reading command as JSON.
    #[track_caller]
    pub fn json<I, S>(&self, args: I) -> serde_json::Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let run = self.ok(args);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
    }
}

#[track_caller]
pub fn parse_toml(text: &str) -> toml::Table {
    text.parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("not TOML ({e}):\n{text}"))
}

/// Asserts that two snapshots of a journal hold the same files with the same bytes.
#[track_caller]
pub fn assert_unchanged(before: &Files, after: &Files, what: &str) {
    let names = |f: &Files| f.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(before),
        names(after),
        "{what}: files appeared or vanished"
    );
    for (path, bytes) in before {
        assert!(
            after[path] == *bytes,
            "{what}: {} changed:\n--- before\n{}\n--- after\n{}",
            path.display(),
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&after[path])
        );
    }
}

/// A TOML datetime value as text (`2026-11-20`, `2026-11-20T10:30:00+01:00`).
#[track_caller]
pub fn at(record: &toml::Table) -> String {
    match record.get("at") {
        Some(toml::Value::Datetime(d)) => d.to_string(),
        other => panic!("expected a datetime at, found {other:?}"),
    }
}

#[track_caller]
pub fn str_field<'a>(record: &'a toml::Table, key: &str) -> &'a str {
    record
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("expected a string {key} in {record:?}"))
}

/// The journal of the reading tests, built through the binary with explicit dates, as of
/// Monday 2026-11-23 (the default report period is 2026-11-23 – 2026-11-29).
///
/// - `acme` (ACME S.r.l.): tags b2b and vip, cadence 14d; orders in 2024, 2025 and 2026, so it
///   was lost from 2026-02 and won back on 2026-09-30 (acquired). Our promises: one kept, one
///   renegotiated in time then kept late, one overdue, one open due this week; theirs: kept.
/// - `rossi-impianti`: lost (last order 2025-06-30), silent since 2025-09-01; their promise
///   broken.
/// - `caffe-nero` (Caffè Nerò): potential, never ordered; our promise open, due in 11 days;
///   theirs cancelled.
/// - `bellini` (Marco Bellini): internal, pinned partner today; silent since 2026-08-01; our
///   promise due today; theirs kept late today.
/// - `unal-sohne` (Ünal & Söhne GmbH): new (first order 2026-10-20); ordered again today;
///   our promise broken.
pub struct Fixture {
    pub journal: Journal,
    /// Each promise id with its stable placeholder (6 characters, like an id).
    pub promises: Vec<(String, String)>,
}

impl Fixture {
    /// `text` with every random promise id replaced by its placeholder.
    pub fn stable(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (id, label) in &self.promises {
            out = out.replace(id.as_str(), label);
        }
        out
    }

    /// The id of the promise whose placeholder is `label`.
    pub fn id(&self, label: &str) -> &str {
        &self
            .promises
            .iter()
            .find(|(_, l)| l == label)
            .expect("a fixture promise")
            .0
    }
}

pub fn fixture() -> Fixture {
    let j = Journal::new();
    let mut promises = Vec::new();
    let mut promise = |customer: &str, what: &str, at: &str, due: &str, by: &str| {
        let id = j.promise(customer, what, due, &["--at", at, "--by", by]);
        let label = format!("PID_{:02}", promises.len() + 1);
        promises.push((id.clone(), label));
        id
    };

    j.add(
        "ACME S.r.l.",
        &[
            "--id",
            "acme",
            "--tag",
            "b2b",
            "--tag",
            "vip",
            "--cadence",
            "14d",
            "--since",
            "2024-03-01",
            "--set",
            "territory=Milano",
        ],
    );
    j.ok([
        "order",
        "acme",
        "1200",
        "--at",
        "2024-04-10",
        "--ref",
        "INV-2024-031",
    ]);
    j.ok(["order", "acme", "3400.50", "--at", "2025-02-14"]);
    j.ok([
        "order",
        "acme",
        "1250.40",
        "--at",
        "2026-09-30",
        "--ref",
        "INV-2026-114",
        "--note",
        "back after a year",
    ]);
    j.ok([
        "log",
        "acme",
        "Called Paola: Q1 price list",
        "--at",
        "2026-11-02",
    ]);
    j.ok([
        "log",
        "acme",
        "Asked for the catalogue",
        "--channel",
        "email",
        "--in",
        "--at",
        "2026-11-10T09:15:00+01:00",
    ]);
    j.ok([
        "log",
        "acme",
        "Visited the plant",
        "-c",
        "visit",
        "--at",
        "2026-11-18",
    ]);
    j.ok([
        "log",
        "acme",
        "Paola moves to purchasing in January",
        "-c",
        "note",
        "--at",
        "2026-11-20",
    ]);
    let p1 = promise(
        "acme",
        "Send the revised quote",
        "2026-11-02",
        "2026-11-06",
        "us",
    );
    let p2 = promise("acme", "Deliver samples", "2026-11-02", "2026-11-13", "us");
    promise(
        "acme",
        "Call back about the discount",
        "2026-11-10",
        "2026-11-17",
        "us",
    );
    promise(
        "acme",
        "Send the Q1 price list",
        "2026-11-18",
        "2026-11-27",
        "us",
    );
    let p5 = promise(
        "acme",
        "Pay invoice INV-2026-114",
        "2026-09-30",
        "2026-10-30",
        "them",
    );
    j.ok(["keep", p1.as_str(), "--at", "2026-11-05"]);
    j.ok([
        "renegotiate",
        p2.as_str(),
        "--due",
        "2026-11-20",
        "--at",
        "2026-11-12",
        "--note",
        "courier strike",
    ]);
    j.ok(["keep", p2.as_str(), "--at", "2026-11-21"]);
    j.ok(["keep", p5.as_str(), "--at", "2026-10-28"]);

    j.add(
        "Rossi Impianti",
        &["--tag", "idraulica", "--since", "2023-01-10"],
    );
    j.ok(["order", "rossi", "800", "--at", "2023-02-01"]);
    j.ok(["order", "rossi", "2300", "--at", "2025-06-30"]);
    j.ok(["log", "rossi", "Last call, no news", "--at", "2025-09-01"]);
    let p6 = promise(
        "rossi",
        "Send the signed contract",
        "2025-06-01",
        "2025-06-15",
        "them",
    );
    j.ok([
        "break",
        p6.as_str(),
        "--at",
        "2025-07-01",
        "--note",
        "never arrived",
    ]);

    j.add("Caffè Nerò", &["--tag", "horeca", "--since", "2026-10-01"]);
    j.ok([
        "log",
        "nero",
        "First meeting at the bar",
        "-c",
        "meeting",
        "--at",
        "2026-10-05",
    ]);
    j.ok([
        "log",
        "nero",
        "Asked for a tasting",
        "-c",
        "message",
        "--in",
        "--at",
        "2026-11-22",
    ]);
    promise(
        "caffe",
        "Bring the tasting kit",
        "2026-11-22",
        "2026-12-04",
        "us",
    );
    let p8 = promise(
        "caffe",
        "Send their menu",
        "2026-10-05",
        "2026-10-20",
        "them",
    );
    j.ok(["cancel", p8.as_str(), "--at", "2026-10-25"]);

    j.add(
        "Marco Bellini",
        &[
            "--id",
            "bellini",
            "--kind",
            "internal",
            "--tag",
            "agent",
            "--since",
            "2025-01-01",
        ],
    );
    j.ok(["log", "bellini", "Quarterly review", "--at", "2026-08-01"]);
    j.ok([
        "phase",
        "bellini",
        "partner",
        "--reason",
        "Co-designs the 2027 catalogue",
    ]);
    promise(
        "bellini",
        "Approve the travel expenses",
        "2026-11-23",
        "2026-11-23",
        "us",
    );
    let p10 = promise(
        "bellini",
        "Send the visit report",
        "2026-11-16",
        "2026-11-20",
        "them",
    );
    j.ok(["keep", p10.as_str()]);

    j.add("Ünal & Söhne GmbH", &["--since", "2026-10-15"]);
    j.ok(["order", "unal", "980", "--at", "2026-10-20"]);
    j.ok(["order", "unal", "99.99", "--ref", "INV-2026-130"]);
    let p11 = promise(
        "unal",
        "Ship the first pallet",
        "2026-10-20",
        "2026-10-27",
        "us",
    );
    j.ok(["break", p11.as_str(), "--at", "2026-10-28"]);

    Fixture {
        journal: j,
        promises,
    }
}

// ---------------------------------------------------------------------------------------------
// git

/// A private git configuration (user, default branch `main`, merge on pull) written into
/// `tmp`, so that tests never read the user's or the machine's configuration.
pub fn gitconfig(tmp: &Path) -> PathBuf {
    let path = tmp.join("gitconfig");
    fs::write(
        &path,
        "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n",
    )
    .expect("a writable temporary folder");
    path
}

/// Makes a command use only the git configuration `config` (see [`gitconfig`]).
pub fn with_git(cmd: &mut Command, config: &Path) {
    cmd.env("GIT_CONFIG_GLOBAL", config)
        .env("GIT_CONFIG_NOSYSTEM", "1");
}

/// Runs `git -C dir ARGS` with the configuration `config` only, never asking anything (no
/// editor, no terminal prompt); whatever its exit status.
pub fn git_output(dir: &Path, config: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", config)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_EDITOR", "true")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs")
}

/// [`git_output`], asserting success; returns stdout.
#[track_caller]
pub fn git(dir: &Path, config: &Path, args: &[&str]) -> String {
    let out = git_output(dir, config, args);
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("git prints UTF-8")
}

/// Turns `autocommit = false` into `autocommit = true` in a journal's coltiva.toml.
pub fn enable_autocommit(dir: &Path) {
    let path = dir.join("coltiva.toml");
    let text = fs::read_to_string(&path).expect("coltiva.toml");
    // `init --git` turns autocommit on itself (PRODUCT.md §8.5).
    if text.contains("autocommit = true") {
        return;
    }
    assert!(text.contains("autocommit = false"), "{text}");
    fs::write(
        &path,
        text.replace("autocommit = false", "autocommit = true"),
    )
    .expect("coltiva.toml is writable");
}

/// A test whose prerequisite (a program, root) is missing cannot check what its name says.
/// Where `.ci/run` runs the suite it sets `COLTIVA_REQUIRE_ALL=1` and installs every
/// prerequisite, so a missing one there fails the test instead of passing it unchecked;
/// elsewhere the test says on stderr that it was skipped and why (`cargo test -- --nocapture`
/// shows it). Returns so the caller can `return` at once.
#[allow(dead_code)] // not every test file has a prerequisite
pub fn skip_unless_required(why: &str) {
    if std::env::var_os("COLTIVA_REQUIRE_ALL").is_some_and(|v| v == "1") {
        panic!("COLTIVA_REQUIRE_ALL=1 and {why}: this test would check nothing");
    }
    eprintln!("skipped: {why}");
}
