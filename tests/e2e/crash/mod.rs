//! The crash-state explorer (issue 25): records a write command's system calls with strace,
//! rebuilds every state a crash could leave on the disk under several persistence models, and
//! checks coltiva's promises on each (docs/DURABILITY.md, "Crash states, explored").

pub mod fs;
pub mod scenarios;
pub mod states;
pub mod trace;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{BIN, TODAY};
use fs::Fs;
use scenarios::{Place, ROOT, Scenario};
use states::{Cuts, Model};

/// A reading command that takes longer than this on a state of a few records hangs.
const TIMEOUT: Duration = Duration::from_secs(30);

/// One broken promise, in one crash state.
#[derive(Debug, Clone)]
pub struct Violation {
    pub command: String,
    pub model: Model,
    pub invariant: &'static str,
    /// The crash point: how many of the command's operations had been issued.
    pub point: usize,
    pub ops: usize,
    pub what: String,
    pub detail: String,
}

impl Violation {
    pub fn key(&self) -> (String, &'static str, &'static str) {
        (self.command.clone(), self.model.name(), self.invariant)
    }
}

/// What exploring one command gave.
pub struct Outcome {
    pub command: String,
    pub syscalls: usize,
    pub ops: usize,
    pub states: usize,
    /// States per model, e.g. "prefix 7, torn 120".
    pub per_model: String,
    pub violations: Vec<Violation>,
    pub seconds: f64,
    /// The operations, described, for printing a violation's context.
    pub op_lines: Vec<String>,
}

/// True when strace can be run.
pub fn strace_available() -> bool {
    Command::new("strace")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A command with the scenario's clean environment (see [`Place::coltiva`]).
fn command(place: &Place, program: &str) -> Command {
    let template = place.coltiva();
    let mut cmd = Command::new(program);
    if let Some(dir) = template.get_current_dir() {
        cmd.current_dir(dir);
    }
    for (k, v) in template.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.stdin(Stdio::null());
    cmd
}

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    hung: bool,
}

/// Runs a command with a time limit, its output in files (no pipe can fill up).
fn run_timed(cmd: &mut Command, dir: &Path) -> Ran {
    let out_path = dir.join("stdout");
    let err_path = dir.join("stderr");
    let out = std::fs::File::create(&out_path).expect("a file");
    let err = std::fs::File::create(&err_path).expect("a file");
    let mut child = cmd
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .expect("the command starts");
    let start = Instant::now();
    let (status, hung) = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break (Some(status), false);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    Ran {
        code: status.and_then(|s| s.code()),
        stdout: read(&out_path),
        stderr: read(&err_path),
        hung,
    }
}

/// A customer file's parts as text: the header, then each record (a `[[kind]]` line and what
/// follows), trailing blank space trimmed. Any line starting with `[` starts a part (so a
/// torn `[` after a record is a part of its own, not a change to that record), and so does a
/// run of NUL bytes, so that a zero-filled tail never hides the record before it.
pub fn chunks(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut raw: Vec<String> = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.starts_with('[') {
            raw.push(String::new());
        }
        raw.last_mut().expect("a part").push_str(line);
    }
    let mut out = Vec::new();
    for (i, part) in raw.into_iter().enumerate() {
        let (head, junk) = match part.find('\0') {
            Some(at) => (part[..at].to_string(), Some(part[at..].to_string())),
            None => (part, None),
        };
        let head = head.trim_end().trim_start_matches(['\n', '\r']).to_string();
        if i == 0 || !head.is_empty() {
            out.push(head);
        }
        if let Some(junk) = junk {
            out.push(junk);
        }
    }
    out
}

/// A part that is a whole record (or header): it parses alone, without NULs or bytes that
/// are not UTF-8.
fn complete(chunk: &str) -> bool {
    !chunk.contains('\0') && !chunk.contains('\u{FFFD}') && chunk.parse::<toml::Table>().is_ok()
}

fn customers_dir() -> PathBuf {
    Path::new(ROOT).join("customers")
}

/// The customer files of a state: id → bytes.
fn customers(fs: &Fs) -> BTreeMap<String, Vec<u8>> {
    fs.files_in(&customers_dir())
        .into_iter()
        .filter_map(|(name, data)| {
            let id = name.strip_suffix(".toml")?;
            let valid = !id.is_empty()
                && !id.starts_with('-')
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            valid.then(|| (id.to_string(), data.to_vec()))
        })
        .collect()
}

fn settings(fs: &Fs) -> Option<Vec<u8>> {
    fs.read_file(&Path::new(ROOT).join("coltiva.toml"))
        .map(<[u8]>::to_vec)
}

fn clip(s: &str) -> String {
    let s = s.escape_debug().to_string();
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(90).collect::<String>())
    } else {
        s
    }
}

/// What the states are checked against, from the journal before and after the command.
struct Expect {
    /// Per customer: the records (and header) the command left as they were: every state
    /// must hold them.
    must: BTreeMap<String, BTreeSet<String>>,
    /// Per customer: every whole record before or after; anything else is torn.
    known: BTreeMap<String, BTreeSet<String>>,
    /// Per customer: the file after the command, as parts.
    after: BTreeMap<String, BTreeSet<String>>,
    settings_before: Option<Vec<u8>>,
    settings_after: Option<Vec<u8>>,
    head_before: bool,
    head_after: bool,
    moved_tail: Option<Vec<u8>>,
}

impl Expect {
    fn new(
        before: &Fs,
        after: &Fs,
        head_before: bool,
        head_after: bool,
        tail: Option<Vec<u8>>,
    ) -> Expect {
        let b = customers(before);
        let a = customers(after);
        let ids: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
        let whole = |bytes: Option<&Vec<u8>>| -> BTreeSet<String> {
            bytes
                .map(|d| chunks(d).into_iter().filter(|c| complete(c)).collect())
                .unwrap_or_default()
        };
        let mut e = Expect {
            must: BTreeMap::new(),
            known: BTreeMap::new(),
            after: BTreeMap::new(),
            settings_before: settings(before),
            settings_after: settings(after),
            head_before,
            head_after,
            moved_tail: tail,
        };
        for id in ids {
            let bw = whole(b.get(id));
            let aw = whole(a.get(id));
            e.must
                .insert(id.clone(), bw.intersection(&aw).cloned().collect());
            e.known.insert(id.clone(), bw.union(&aw).cloned().collect());
            if a.contains_key(id) {
                e.after.insert(id.clone(), aw);
            }
        }
        e
    }
}

/// Runs `git rev-parse HEAD^{commit}` in a journal: does HEAD name a readable commit?
fn head_resolves(place: &Place, root: &Path, scratch: &Path) -> bool {
    if !root.join(".git").is_dir() {
        return false;
    }
    let mut cmd = command(place, "git");
    cmd.arg("-C")
        .arg(root)
        .args(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    run_timed(&mut cmd, scratch).code == Some(0)
}

fn coltiva_in(place: &Place, root: &Path, args: &[&str]) -> Command {
    let mut cmd = command(place, BIN);
    cmd.current_dir(root.parent().expect("a parent"))
        .arg("--dir")
        .arg(root)
        .args(["--today", TODAY])
        .args(args);
    cmd
}

/// Checks one crash state; returns the invariants it breaks, with what shows it.
/// Results of the checks that run programs, by what they depend on: the reading commands and
/// repair by every folder and every file outside `.cache/` and `.git/` (none of them reads
/// the promise index or the undo record, the only files the traced commands write in
/// `.cache/`), with `.git/config`, `.git/index` and `.git/HEAD` (what `git config` and
/// `git ls-files -u`, which they run, read); git's HEAD by the whole `.git` folder.
#[derive(Default)]
struct Memo {
    readers: HashMap<u64, Vec<(&'static str, String)>>,
    head: HashMap<u64, bool>,
}

/// The state materialized on the disk, once, when a check needs it.
struct OnDisk<'a> {
    fs: &'a Fs,
    base: PathBuf,
    written: bool,
}

impl OnDisk<'_> {
    fn root(&mut self) -> PathBuf {
        if !self.written {
            let _ = std::fs::remove_dir_all(&self.base);
            std::fs::create_dir_all(&self.base).expect("a folder");
            self.fs.materialize(&self.base);
            self.written = true;
        }
        self.base.join(ROOT)
    }
}

/// Checks one crash state; returns the invariants it breaks, with what shows it.
fn check_state(
    place: &Place,
    e: &Expect,
    fs: &Fs,
    last: bool,
    dir: &Path,
    memo: &mut Memo,
) -> Vec<(&'static str, String)> {
    let mut v: Vec<(&'static str, String)> = Vec::new();
    let mut disk = OnDisk {
        fs,
        base: dir.join("state"),
        written: false,
    };
    let git = Path::new(ROOT).join(".git");
    let cache = Path::new(ROOT).join(".cache");
    let mut head = |disk: &mut OnDisk| -> bool {
        let key = fs.digest_where(|p| p.starts_with(&git));
        *memo
            .head
            .entry(key)
            .or_insert_with(|| head_resolves(place, &disk.root(), dir))
    };
    let files = customers(fs);
    let parts: BTreeMap<&String, Vec<String>> =
        files.iter().map(|(id, d)| (id, chunks(d))).collect();

    // 1. Every record acknowledged before the command (and kept by it) is there, unchanged.
    for (id, must) in &e.must {
        let have: BTreeSet<&String> = parts
            .get(id)
            .map(|p| p.iter().collect())
            .unwrap_or_default();
        if let Some(lost) = must.iter().find(|c| !have.contains(c)) {
            let what = if files.contains_key(id) {
                "is not in the file as it was"
            } else {
                "is gone with its file"
            };
            v.push((
                "acknowledged-record-lost",
                format!("customers/{id}.toml: {:?} {what}", clip(lost)),
            ));
        }
    }
    if e.settings_before.is_some()
        && e.settings_before == e.settings_after
        && settings(fs) != e.settings_before
    {
        v.push((
            "acknowledged-record-lost",
            "coltiva.toml changed or vanished".to_string(),
        ));
    }

    // 2. Once the command has returned, everything it wrote is there.
    if last {
        for (id, after) in &e.after {
            let have: BTreeSet<&String> = parts
                .get(id)
                .map(|p| p.iter().collect())
                .unwrap_or_default();
            if let Some(lost) = after.iter().find(|c| !have.contains(c)) {
                v.push((
                    "returned-write-lost",
                    format!("customers/{id}.toml lacks {:?}", clip(lost)),
                ));
            }
        }
        for id in files.keys() {
            if !e.after.contains_key(id) {
                v.push((
                    "returned-write-lost",
                    format!("customers/{id}.toml is back though the command removed it"),
                ));
            }
        }
        if e.settings_after.is_some() && settings(fs) != e.settings_after {
            let what = if settings(fs).is_none() {
                "is missing"
            } else {
                "differs"
            };
            v.push(("returned-write-lost", format!("coltiva.toml {what}")));
        }
        if e.settings_after.is_some() && !fs.is_dir(&customers_dir()) {
            v.push(("returned-write-lost", "customers/ is missing".to_string()));
        }
        if e.head_after && !head(&mut disk) {
            v.push((
                "git-head-broken",
                "HEAD does not resolve after the command returned".to_string(),
            ));
        }
    }
    if e.head_before && !last && !head(&mut disk) {
        v.push(("git-head-broken", "HEAD does not resolve".to_string()));
    }
    if let Some(tail) = &e.moved_tail {
        let file = files.get("acme").cloned().unwrap_or_default();
        let rej = fs
            .read_file(&customers_dir().join("acme.toml.rej"))
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        let holds = |hay: &[u8]| hay.windows(tail.len()).any(|w| w == tail.as_slice());
        if !holds(&file) && !holds(&rej) {
            v.push((
                "repair-lost-bytes",
                "the moved tail is neither in acme.toml nor in acme.toml.rej".to_string(),
            ));
        }
    }

    let git_read = ["config", "index", "HEAD"].map(|f| git.join(f));
    let key = fs.digest_where(|p| {
        !p.starts_with(&cache)
            && (!p.starts_with(&git) || fs.is_dir(p) || git_read.iter().any(|g| g == p))
    });
    if let Some(found) = memo.readers.get(&key) {
        v.extend(found.iter().cloned());
        return v;
    }
    let root = disk.root();
    let found = run_readers(place, e, &files, &parts, fs, &root, dir);
    memo.readers.insert(key, found.clone());
    v.extend(found);
    let _ = std::fs::remove_dir_all(&disk.base);
    v
}

/// The checks that run coltiva on a state: reading commands, check, repair.
fn run_readers(
    place: &Place,
    e: &Expect,
    files: &BTreeMap<String, Vec<u8>>,
    parts: &BTreeMap<&String, Vec<String>>,
    fs: &Fs,
    root: &Path,
    dir: &Path,
) -> Vec<(&'static str, String)> {
    let mut v: Vec<(&'static str, String)> = Vec::new();
    let root = root.to_path_buf();
    // 3. No reading command panics or hangs.
    let mut readers: Vec<Vec<&str>> = vec![vec!["check"], vec!["list"], vec!["report"]];
    for id in files.keys() {
        readers.push(vec!["show", id]);
    }
    let mut check_out = None;
    for args in &readers {
        let ran = run_timed(&mut coltiva_in(place, &root, args), dir);
        if ran.hung {
            v.push((
                "reader-hung",
                format!("`coltiva {}` did not finish", args.join(" ")),
            ));
        } else if ran.code.is_none_or(|c| c == 101) {
            v.push((
                "reader-panicked",
                format!("`coltiva {}`: {}", args.join(" "), clip(&ran.stderr)),
            ));
        }
        if args[0] == "check" {
            check_out = Some(ran);
        }
    }
    let check = check_out.expect("check ran");

    // 4. check flags every incomplete record (exit 1).
    let mut torn: Vec<String> = Vec::new();
    for (id, p) in parts {
        let known = e.known.get(*id).cloned().unwrap_or_default();
        if let Some(bad) = p.iter().find(|c| !known.contains(*c) && !(c.is_empty())) {
            torn.push(format!("customers/{id}.toml: {:?}", clip(bad)));
        }
    }
    if let Some(s) = settings(fs)
        && Some(&s) != e.settings_before.as_ref()
        && Some(&s) != e.settings_after.as_ref()
        && !complete(&String::from_utf8_lossy(&s))
    {
        torn.push(format!(
            "coltiva.toml: {:?}",
            clip(&String::from_utf8_lossy(&s))
        ));
    }
    if !torn.is_empty() && check.code != Some(1) {
        v.push((
            "torn-record-unflagged",
            format!(
                "check exits {:?} with {} and says {:?}",
                check.code,
                torn.join("; "),
                clip(check.stdout.trim())
            ),
        ));
    }

    // 5. repair fixes every file check names, keeping every acknowledged record.
    let named: Vec<&String> = files
        .keys()
        .filter(|id| check.stdout.contains(&format!("customers/{id}.toml:")))
        .collect();
    for id in named {
        let mut ran = run_timed(&mut coltiva_in(place, &root, &["repair", id]), dir);
        if ran.code != Some(0) {
            ran = run_timed(
                &mut coltiva_in(place, &root, &["repair", id, "--force"]),
                dir,
            );
        }
        if ran.code != Some(0) {
            v.push((
                "repair-failed",
                format!(
                    "`repair {id} --force` exits {:?}: {}",
                    ran.code,
                    clip(ran.stderr.trim())
                ),
            ));
            continue;
        }
        let now =
            std::fs::read(root.join("customers").join(format!("{id}.toml"))).unwrap_or_default();
        let have: BTreeSet<String> = chunks(&now).into_iter().collect();
        if let Some(lost) = e
            .must
            .get(id)
            .and_then(|m| m.iter().find(|c| !have.contains(*c)))
        {
            v.push((
                "repair-moved-acknowledged-record",
                format!(
                    "repair {id} moved {:?} out ({})",
                    clip(lost),
                    clip(ran.stderr.trim())
                ),
            ));
        }
        let again = run_timed(&mut coltiva_in(place, &root, &["check"]), dir);
        if again.stdout.contains(&format!("customers/{id}.toml:")) {
            v.push((
                "repair-did-not-fix",
                format!(
                    "after repair, check still says {:?}",
                    clip(again.stdout.trim())
                ),
            ));
        }
    }
    v
}

/// Traces one command and explores its crash states.
///
/// The trace is checked by replaying it (see docs/DURABILITY.md); a trace whose replay does
/// not give the journal after the command is taken again, up to three times: the promise
/// index, written by several threads at once, rarely gives strace's output in an order the
/// parser cannot follow.
pub fn explore(scenario: &Scenario, models: &[Model], cuts: Cuts) -> Outcome {
    let mut failures = Vec::new();
    for _ in 0..3 {
        match explore_once(scenario, models, cuts) {
            Ok(outcome) => {
                for f in &failures {
                    eprintln!("crash states: trace taken again after: {f}");
                }
                return outcome;
            }
            Err(e) => failures.push(e),
        }
    }
    panic!("{}", failures.join("\n"));
}

fn explore_once(scenario: &Scenario, models: &[Model], cuts: Cuts) -> Result<Outcome, String> {
    let start = Instant::now();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let base = std::fs::canonicalize(tmp.path()).expect("a real path");
    std::fs::create_dir_all(base.join("tmp")).expect("a folder");
    let gitconfig = crate::common::gitconfig(&base);
    // git's automatic maintenance runs detached, after the command has returned: its writes
    // are not the command's, and would race with the snapshot taken after it.
    let mut config = std::fs::read_to_string(&gitconfig).expect("the git configuration");
    config.push_str("[maintenance]\n\tauto = false\n[gc]\n\tauto = 0\n");
    std::fs::write(&gitconfig, config).expect("the git configuration");
    let place = Place {
        gitconfig,
        base: base.clone(),
    };
    let traced = (scenario.prepare)(&place);
    let scratch = base.join("scratch");
    std::fs::create_dir_all(&scratch).expect("a folder");
    let before = Fs::read(&base, ROOT);
    let head_before = head_resolves(&place, &place.root(), &scratch);

    let trace_file = base.join("trace.txt");
    let mut cmd = command(&place, "strace");
    cmd.args(["-f", "-qq", "-y", "-xx", "-s", "65535", "-e"])
        .arg(format!("trace={}", trace::TRACED))
        .arg("-o")
        .arg(&trace_file)
        .arg("--")
        .arg(BIN);
    if traced.args[0] != "init" {
        cmd.arg("--dir").arg(place.root());
    }
    cmd.args(["--today", TODAY]).args(&traced.args);
    for (k, v) in &traced.env {
        cmd.env(k, v);
    }
    let ran = run_timed(&mut cmd, &scratch);
    assert_eq!(
        ran.code,
        Some(0),
        "{}: the traced command failed: {}",
        scenario.name,
        ran.stderr
    );
    let after = Fs::read(&base, ROOT);
    let head_after = head_resolves(&place, &place.root(), &scratch);
    let text = std::fs::read_to_string(&trace_file).expect("the trace");
    let cwd = command(&place, BIN)
        .get_current_dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| base.clone());
    let parsed = trace::parse(&text, &base, &cwd, &before);

    // The parser is right only if replaying every operation gives the journal as it is.
    let mut replay = before.clone();
    for op in &parsed.ops {
        replay.apply(op);
    }
    let (rd, rf) = replay.visible();
    let (ad, af) = after.visible();
    let rd: Vec<_> = rd.into_iter().collect();
    let ad: Vec<_> = ad.into_iter().collect();
    let diff: Vec<String> = rf
        .keys()
        .chain(af.keys())
        .filter(|p| rf.get(*p) != af.get(*p))
        .map(|p| {
            let text = |d: Option<&&Vec<u8>>| {
                d.map_or("(none)".to_string(), |d| clip(&String::from_utf8_lossy(d)))
            };
            format!(
                "{}: {} (replayed) vs {}",
                p.display(),
                text(rf.get(p)),
                text(af.get(p))
            )
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if rd != ad || !diff.is_empty() {
        let kept = std::env::temp_dir().join(format!("crash-trace-{}.txt", std::process::id()));
        let _ = std::fs::copy(&trace_file, &kept);
        return Err(format!(
            "{}: replaying the trace does not give the journal after the command: files {diff:?}, folders {rd:?} vs {ad:?}; the trace is kept in {}",
            scenario.name,
            kept.display()
        ));
    }

    let expect = Expect::new(
        &before,
        &after,
        head_before,
        head_after,
        traced.moved_tail.clone(),
    );
    let n = parsed.ops.len();
    let mut seen: HashSet<(u64, bool)> = HashSet::new();
    let mut states = 0;
    let mut per_model: BTreeMap<Model, usize> = BTreeMap::new();
    let mut violations = Vec::new();
    let mut memo = Memo::default();
    states::enumerate(&before, &parsed.ops, &parsed.names, models, cuts, |state| {
        let last = state.point == n;
        if !seen.insert((state.fs.digest(), last)) {
            return;
        }
        states += 1;
        *per_model.entry(state.model).or_default() += 1;
        for (invariant, detail) in
            check_state(&place, &expect, &state.fs, last, &scratch, &mut memo)
        {
            violations.push(Violation {
                command: scenario.name.to_string(),
                model: state.model,
                invariant,
                point: state.point,
                ops: n,
                what: state.what.clone(),
                detail,
            });
        }
    });
    Ok(Outcome {
        command: scenario.name.to_string(),
        syscalls: parsed.syscalls,
        ops: n,
        states,
        per_model: per_model
            .iter()
            .map(|(m, n)| format!("{} {n}", m.name()))
            .collect::<Vec<_>>()
            .join(", "),
        violations,
        seconds: start.elapsed().as_secs_f64(),
        op_lines: parsed
            .ops
            .iter()
            .map(|o| o.describe(&parsed.names))
            .collect(),
    })
}

/// The table of a run, and each kind of violation with the first state that shows it.
pub fn report(outcomes: &[Outcome], expected: &[(&str, &str, &str)]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| command | system calls traced | journal operations | states explored | violations (known) | seconds |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|");
    for o in outcomes {
        let known = o
            .violations
            .iter()
            .filter(|v| {
                let (c, m, i) = v.key();
                expected.contains(&(c.as_str(), m, i))
            })
            .count();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} ({known}) | {:.1} |",
            o.command,
            o.syscalls,
            o.ops,
            o.states,
            o.violations.len(),
            o.seconds
        );
    }
    let total_states: usize = outcomes.iter().map(|o| o.states).sum();
    let total_v: usize = outcomes.iter().map(|o| o.violations.len()).sum();
    let _ = writeln!(s, "| all | | | {total_states} | {total_v} | |");
    let mut first: BTreeMap<(String, &str, &str), (&Violation, usize, &Outcome)> = BTreeMap::new();
    for o in outcomes {
        for v in &o.violations {
            first
                .entry(v.key())
                .and_modify(|e| e.1 += 1)
                .or_insert((v, 1, o));
        }
    }
    for ((c, m, i), (v, count, o)) in &first {
        let known = if expected.contains(&(c.as_str(), *m, *i)) {
            "known"
        } else {
            "NEW"
        };
        let _ = writeln!(
            s,
            "\n[{known}] {c} / {m} / {i}: {count} state(s); first after operation {} of {}{}\n  {}",
            v.point,
            v.ops,
            if v.what.is_empty() {
                String::new()
            } else {
                format!(" ({})", v.what)
            },
            v.detail
        );
        let from = v.point.saturating_sub(3);
        for (j, line) in o.op_lines.iter().enumerate().take(v.point).skip(from) {
            let _ = writeln!(s, "    op {j}: {line}");
        }
    }
    s
}
