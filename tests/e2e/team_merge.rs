//! Team merges through real git and the real binary (PRODUCT.md §8.1, docs/TEAMS.md): the
//! stories of issue 11 as scenarios, then seeded random histories of three clones.
//!
//! The random histories run a few seeds by default; `COLTIVA_TEAM_HISTORIES=300` (and
//! optionally `COLTIVA_TEAM_SEED=N` to start elsewhere) runs the long version, as
//! `bench/team-histories.sh` does.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Run, TODAY, coltiva};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// A team: one bare origin and clones, each with `coltiva init` run and autocommit on.

struct Team {
    _tmp: TempDir,
    root: PathBuf,
    config: PathBuf,
    origin: PathBuf,
    clones: Vec<PathBuf>,
}

/// How the last clone of a team is set up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LastClone {
    /// `coltiva init` run, as every clone should.
    Init,
    /// Cloned in a hurry: no `coltiva init`, so no driver.
    NoInit,
    /// Registered with a copy of the binary that an "upgrade" later removes.
    Stale,
}

impl Team {
    /// A journal with customers `acme` and `bianchi` on the origin, and `n` clones of it.
    fn new(n: usize) -> Team {
        Team::with_last(n, LastClone::Init)
    }

    /// [`Team::new`], with the last clone set up as `last` says.
    fn with_last(n: usize, last: LastClone) -> Team {
        // git and coltiva fsync every write: on a RAM disk, when there is one, the histories
        // run several times faster (durability is tested elsewhere).
        let shm = Path::new("/dev/shm");
        let tmp = if std::env::var_os("TMPDIR").is_none() && shm.is_dir() {
            tempfile::Builder::new().tempdir_in(shm)
        } else {
            TempDir::new()
        }
        .unwrap();
        let root = tmp.path().to_path_buf();
        let config = root.join("gitconfig");
        fs::write(
            &config,
            "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n",
        )
        .unwrap();
        let origin = root.join("origin.git");
        let mut team = Team {
            _tmp: tmp,
            root,
            config,
            origin,
            clones: Vec::new(),
        };
        let origin = team.origin.to_str().unwrap().to_string();
        team.git_ok(&team.root.clone(), &["init", "--quiet", "--bare", &origin]);
        let first = team.root.join("c0");
        team.init(&["--git", first.to_str().unwrap()]);
        let settings = first.join("coltiva.toml");
        let text = fs::read_to_string(&settings).unwrap();
        fs::write(
            &settings,
            text.replace("autocommit = false", "autocommit = true"),
        )
        .unwrap();
        // `init --git` commits its set-up itself; this commits the settings where it did not.
        team.git_ok(&first, &["add", "."]);
        let _ = team.git(&first, &["commit", "--quiet", "-m", "journal"]);
        team.coltiva(&first, &["add", "ACME S.r.l.", "--id", "acme"])
            .ok();
        team.coltiva(&first, &["add", "Bianchi", "--id", "bianchi"])
            .ok();
        team.git_ok(&first, &["remote", "add", "origin", &origin]);
        team.git_ok(&first, &["push", "--quiet", "-u", "origin", "main"]);
        team.clones.push(first);
        for i in 1..n {
            let dir = team.root.join(format!("c{i}"));
            team.git_ok(
                &team.root.clone(),
                &["clone", "--quiet", &origin, dir.to_str().unwrap()],
            );
            match last {
                LastClone::NoInit if i == n - 1 => {}
                LastClone::Stale if i == n - 1 => {
                    team.init_with_copy(&dir);
                }
                _ => team.init(&[dir.to_str().unwrap()]),
            }
            team.clones.push(dir);
        }
        team
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        common::git_output(dir, &self.config, args)
    }

    #[track_caller]
    fn git_ok(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git(dir, args);
        assert!(
            out.status.success(),
            "git {args:?} in {} failed:\n{}{}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `coltiva init ARGS`, run from the team's folder (the journal may not exist yet).
    fn init(&self, args: &[&str]) {
        let mut cmd = common::bare(&self.root);
        cmd.env("GIT_CONFIG_GLOBAL", &self.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .arg("init")
            .args(args);
        Run::of(&mut cmd).ok();
    }

    fn coltiva(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = coltiva(dir);
        cmd.env("GIT_CONFIG_GLOBAL", &self.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(args);
        let run = Run::of(&mut cmd);
        if std::env::var_os("COLTIVA_TEAM_DEBUG").is_some() {
            eprintln!(
                "{}: coltiva {args:?} → {}\n{}",
                dir.display(),
                run.code,
                run.stderr
            );
        }
        run
    }

    /// `git pull` by merge or by rebase: true when it reported success.
    fn pull(&self, dir: &Path, rebase: bool) -> (bool, String) {
        let how = if rebase { "--rebase" } else { "--no-rebase" };
        let out = self.git(dir, &["pull", "--no-edit", how, "origin", "main"]);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    fn file(&self, dir: &Path, id: &str) -> String {
        fs::read_to_string(dir.join("customers").join(format!("{id}.toml"))).unwrap_or_default()
    }

    /// Finishes a stopped merge or rebase step after the files were fixed.
    fn finish(&self, dir: &Path) -> (bool, String) {
        let rebasing =
            dir.join(".git/rebase-merge").exists() || dir.join(".git/rebase-apply").exists();
        let out = if rebasing {
            self.git(dir, &["rebase", "--continue"])
        } else {
            self.git(dir, &["commit", "--quiet", "--no-edit"])
        };
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }
}

fn log(team: &Team, dir: &Path, customer: &str, summary: &str, day: &str) {
    team.coltiva(dir, &["log", customer, summary, "--at", day])
        .ok();
}

fn list_json(team: &Team, dir: &Path) -> serde_json::Value {
    serde_json::from_str(&team.coltiva(dir, &["list", "--format", "json"]).ok().stdout).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The stories of issue 11, with merge and with rebase.

#[test]
fn a_header_edit_and_a_log_in_two_clones_both_survive() {
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        team.coltiva(anna, &["set", "acme", "territory=Milano"])
            .ok();
        team.git_ok(anna, &["push", "--quiet"]);
        log(&team, bruno, "acme", "Visited the plant", "2026-11-20");
        let (ok, out) = team.pull(bruno, rebase);
        assert!(ok, "{out}");
        let file = team.file(bruno, "acme");
        let header = &file[..file.find("[[").unwrap()];
        assert!(header.contains("territory = \"Milano\""), "{file}");
        team.coltiva(bruno, &["check"]).ok();
        let show = team.coltiva(bruno, &["show", "acme"]).ok().stdout;
        assert!(
            show.contains("Milano") && show.contains("Visited the plant"),
            "{show}"
        );
    }
}

#[test]
fn the_same_customer_added_in_two_clones_merges_into_one() {
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        for dir in [anna, bruno] {
            team.coltiva(dir, &["add", "Nova S.p.A.", "--id", "nova"])
                .ok();
        }
        log(&team, anna, "nova", "First call", "2026-11-20");
        team.coltiva(bruno, &["order", "nova", "500", "--at", "2026-11-21"])
            .ok();
        team.git_ok(anna, &["push", "--quiet"]);
        let (ok, out) = team.pull(bruno, rebase);
        assert!(ok, "{out}");
        let file = team.file(bruno, "nova");
        assert_eq!(file.matches("name = ").count(), 1, "{file}");
        let uid = file.lines().find(|l| l.starts_with("uid = ")).unwrap();
        assert_eq!(uid.split_whitespace().count(), 4, "both uids kept: {uid}");
        team.coltiva(bruno, &["check"]).ok();
        let list = list_json(&team, bruno);
        let nova = list
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "nova")
            .unwrap();
        assert_eq!(nova["orders"], 1, "{nova}");
        assert_eq!(nova["last_contact"], "2026-11-21", "{nova}");
        // And the merged file keeps merging with the clone that still has one uid.
        team.git_ok(bruno, &["push", "--quiet"]);
        log(&team, anna, "nova", "Second call", "2026-11-22");
        let (ok, out) = team.pull(anna, rebase);
        assert!(ok, "{out}");
        assert_eq!(team.file(anna, "nova").matches("[[").count(), 3);
    }
}

#[test]
fn two_orders_of_the_same_amount_are_both_kept() {
    let team = Team::new(2);
    let (anna, bruno) = (&team.clones[0], &team.clones[1]);
    team.coltiva(
        anna,
        &[
            "order",
            "acme",
            "500",
            "--ref",
            "FT-1",
            "--at",
            "2026-11-20",
        ],
    )
    .ok();
    team.coltiva(bruno, &["order", "acme", "500", "--at", "2026-11-20"])
        .ok();
    team.git_ok(anna, &["push", "--quiet"]);
    let (ok, out) = team.pull(bruno, false);
    assert!(ok, "{out}");
    assert_eq!(list_json(&team, bruno)[0]["orders"], 2);
}

#[test]
fn appends_across_two_pulls_need_no_person_with_merge_or_rebase() {
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        log(&team, anna, "acme", "A1", "2026-11-20");
        team.git_ok(anna, &["push", "--quiet"]);
        log(&team, bruno, "acme", "B1", "2026-11-20");
        assert!(team.pull(bruno, rebase).0);
        log(&team, bruno, "acme", "B2", "2026-11-21");
        team.git_ok(bruno, &["push", "--quiet"]);
        log(&team, anna, "acme", "A2", "2026-11-21");
        let (ok, out) = team.pull(anna, rebase);
        assert!(ok, "{out}");
        let file = team.file(anna, "acme");
        for summary in ["A1", "A2", "B1", "B2"] {
            assert_eq!(file.matches(&format!("\"{summary}\"")).count(), 1, "{file}");
        }
        team.coltiva(anna, &["check"]).ok();
    }
}

#[test]
fn a_header_key_changed_differently_stops_and_check_names_both_values() {
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        team.coltiva(anna, &["set", "acme", "territory=Milano"])
            .ok();
        team.git_ok(anna, &["push", "--quiet"]);
        team.coltiva(bruno, &["set", "acme", "territory=Brescia"])
            .ok();
        log(&team, bruno, "acme", "Bruno", "2026-11-21");
        let (ok, out) = team.pull(bruno, rebase);
        assert!(!ok, "{out}");
        assert!(out.contains("`territory`"), "{out}");
        let check = team.coltiva(bruno, &["check"]);
        assert_eq!(check.code, 1);
        assert!(
            check.stdout.contains("acme.toml")
                && check.stdout.contains("`territory`")
                && check.stdout.contains("\"Milano\"")
                && check.stdout.contains("\"Brescia\""),
            "{}",
            check.stdout
        );
        assert!(check.stdout.contains("git add"), "{}", check.stdout);
        // Finish it as check says: keep one line, delete the others, git add, continue.
        let path = bruno.join("customers/acme.toml");
        let text = fs::read_to_string(&path).unwrap();
        let kept: String = text
            .split_inclusive('\n')
            .filter(|l| {
                !l.starts_with("<<<<<<<")
                    && !l.starts_with("=======")
                    && !l.starts_with(">>>>>>>")
                    && !l.contains("Milano")
            })
            .collect();
        fs::write(&path, kept).unwrap();
        team.git_ok(bruno, &["add", "customers/acme.toml"]);
        let (ok, out) = team.finish(bruno);
        assert!(ok, "{out}");
        team.coltiva(bruno, &["check"]).ok();
        assert!(team.file(bruno, "acme").contains("\"Bruno\""));
    }
}

#[test]
fn forget_in_one_clone_and_a_log_in_the_other_stops_and_check_says_how_to_finish() {
    for (rebase, keep) in [(false, true), (true, false), (false, false), (true, true)] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        team.coltiva(anna, &["forget", "bianchi", "--yes"]).ok();
        team.git_ok(anna, &["push", "--quiet"]);
        log(&team, bruno, "bianchi", "Bruno called", "2026-11-21");
        let (ok, out) = team.pull(bruno, rebase);
        assert!(!ok, "{out}");
        let check = team.coltiva(bruno, &["check"]);
        assert_eq!(check.code, 1, "{check:?}");
        assert!(
            check.stdout.contains("bianchi.toml")
                && check.stdout.contains("deleted on")
                && check.stdout.contains("git add customers/bianchi.toml")
                && check.stdout.contains("git rm customers/bianchi.toml"),
            "{}",
            check.stdout
        );
        let verb = if keep { "add" } else { "rm" };
        team.git_ok(bruno, &[verb, "customers/bianchi.toml"]);
        let (ok, out) = team.finish(bruno);
        assert!(ok, "{out}");
        team.coltiva(bruno, &["check"]).ok();
        assert_eq!(team.file(bruno, "bianchi").contains("Bruno called"), keep);
    }
}

#[test]
fn a_forgotten_customer_and_a_new_one_git_takes_for_a_rename_do_not_exchange_records() {
    let team = Team::new(2);
    let (anna, bruno) = (&team.clones[0], &team.clones[1]);
    // Records that make the old and the new file look alike to git.
    for dir_day in ["2026-11-02", "2026-11-03", "2026-11-04"] {
        log(
            &team,
            anna,
            "bianchi",
            "Weekly call about the usual order",
            dir_day,
        );
    }
    team.git_ok(anna, &["push", "--quiet"]);
    team.git_ok(bruno, &["pull", "--quiet", "--no-rebase"]);
    team.coltiva(anna, &["forget", "bianchi", "--yes"]).ok();
    team.coltiva(anna, &["add", "Bianchi Nuova", "--id", "bianchi-nuova"])
        .ok();
    for dir_day in ["2026-11-02", "2026-11-03", "2026-11-04"] {
        log(
            &team,
            anna,
            "bianchi-nuova",
            "Weekly call about the usual order",
            dir_day,
        );
    }
    team.git_ok(anna, &["push", "--quiet"]);
    log(
        &team,
        bruno,
        "bianchi",
        "Only for the old Bianchi",
        "2026-11-21",
    );
    // git pairs the two files (a rename of bianchi to bianchi-nuova); the uid stops it.
    let (ok, out) = team.pull(bruno, false);
    assert!(!ok, "{out}");
    assert!(out.contains("another customer"), "{out}");
    assert!(
        !team
            .file(bruno, "bianchi-nuova")
            .contains("Only for the old")
    );
    let check = team.coltiva(bruno, &["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains("bianchi-nuova.toml")
            && check.stdout.contains("two different customers"),
        "{}",
        check.stdout
    );
    // Finish it as check says, keeping the old customer too.
    let show = team.git_ok(bruno, &["show", ":2:./customers/bianchi-nuova.toml"]);
    fs::write(bruno.join("customers/bianchi.toml"), show).unwrap();
    team.git_ok(
        bruno,
        &[
            "add",
            "customers/bianchi.toml",
            "customers/bianchi-nuova.toml",
        ],
    );
    let (ok, out) = team.finish(bruno);
    assert!(ok, "{out}");
    team.coltiva(bruno, &["check"]).ok();
    assert!(team.file(bruno, "bianchi").contains("Only for the old"));
    assert!(
        !team
            .file(bruno, "bianchi-nuova")
            .contains("Only for the old")
    );
    assert_eq!(
        team.file(bruno, "bianchi-nuova")
            .matches("[[interaction]]")
            .count(),
        3
    );
}

#[test]
fn a_clone_without_the_driver_is_told_once_to_run_init() {
    let team = Team::new(1);
    let carla = team.root.join("carla");
    team.git_ok(
        &team.root,
        &[
            "clone",
            "--quiet",
            team.origin.to_str().unwrap(),
            carla.to_str().unwrap(),
        ],
    );
    let run = team.coltiva(&carla, &["list"]).ok();
    assert_eq!(
        run.stderr.matches("coltiva init").count(),
        1,
        "{}",
        run.stderr
    );
    team.coltiva(&carla, &["init", carla.to_str().unwrap()])
        .ok();
    let run = team.coltiva(&carla, &["list"]).ok();
    assert!(!run.stderr.contains("merge driver"), "{}", run.stderr);
}

#[test]
fn keep_by_id_after_a_pull_brought_the_same_id_to_another_customer_is_ambiguous() {
    let team = Team::new(2);
    let (anna, bruno) = (&team.clones[0], &team.clones[1]);
    let promise = "\n[[promise]]\nid = \"qq1234\"\nat = 2026-11-01\nby = \"us\"\nwhat = \"x\"\ndue = 2026-11-30\n";
    let append = |dir: &Path, id: &str| {
        let path = dir.join("customers").join(format!("{id}.toml"));
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(promise);
        fs::write(&path, text).unwrap();
        team.git_ok(dir, &["commit", "--quiet", "-am", "hand-written promise"]);
    };
    append(bruno, "bianchi");
    // Bruno's index learns qq1234 → bianchi.
    team.coltiva(bruno, &["renegotiate", "qq1234", "--due", "2026-12-10"])
        .ok();
    assert!(bruno.join(".cache/promises/stamp").exists());
    append(anna, "acme");
    team.git_ok(anna, &["push", "--quiet"]);
    let (ok, out) = team.pull(bruno, false);
    assert!(ok, "{out}");
    let keep = team.coltiva(bruno, &["keep", "qq1234"]);
    assert_eq!(keep.code, 2, "{keep:?}");
    assert!(keep.stderr.contains("ambiguous"), "{}", keep.stderr);
    assert!(!team.file(bruno, "bianchi").contains("\"kept\""));
}

// ---------------------------------------------------------------------------------------------
// Random histories.

/// splitmix64: a small seeded generator, so a failing history can be run again by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the harness expects, from the commands that were acknowledged (exit 0).
#[derive(Default)]
struct Expect {
    /// (customer, record token) → (acknowledged copies, exempt: the customer was forgotten or
    /// removed after they were written, so they may be gone).
    records: BTreeMap<(String, String), (usize, bool)>,
    /// (customer, clone's own key) → (last value set, exempt).
    own_keys: BTreeMap<(String, String), (String, bool)>,
    /// customer → values ever set for the key every clone edits.
    shared: BTreeMap<String, BTreeSet<String>>,
    /// (clone, customer, promise id, resolved for good)
    promises: Vec<(usize, String, String, bool)>,
    /// Customers forgotten at some point: never added again.
    forgotten: BTreeSet<String>,
    /// Per clone: its last write, while `undo` can take it back (customer, record token).
    last_write: BTreeMap<usize, (String, String)>,
    /// Promises resolved in more than one clone: resolutions that agree keep one copy.
    multi_resolved: BTreeSet<String>,
    /// Promises whose double resolution stopped a merge and was settled by keeping both.
    settled: BTreeSet<String>,
    /// The copy of the binary a clone registered as its driver, deleted at some step.
    stale_copy: Option<PathBuf>,
}

impl Expect {
    fn record(&mut self, customer: &str, token: String) {
        self.records
            .entry((customer.to_string(), token))
            .or_default()
            .0 += 1;
    }
    fn exempt(&mut self, customer: &str) {
        for ((c, _), (_, exempt)) in self.records.iter_mut() {
            if c == customer {
                *exempt = true;
            }
        }
        for ((c, _), (_, exempt)) in self.own_keys.iter_mut() {
            if c == customer {
                *exempt = true;
            }
        }
        // Its promises may be gone with it: nobody resolves them any more.
        for (_, c, _, done) in self.promises.iter_mut() {
            if c == customer {
                *done = true;
            }
        }
        self.forgotten.insert(customer.to_string());
    }
}

#[derive(Default, Debug)]
struct Tally {
    histories: usize,
    commands: usize,
    pulls_merge: usize,
    pulls_rebase: usize,
    clean_pulls: usize,
    stopped_header: usize,
    stopped_modify_delete: usize,
    stopped_rename: usize,
    records_checked: usize,
    header_values_checked: usize,
    undos: usize,
    edits: usize,
    reverts: usize,
    repairs: usize,
    second_resolutions: usize,
    stopped_resolutions: usize,
    stale_drivers: usize,
    stopped_driver_not_run: usize,
    stopped_line_merge: usize,
}

const NEW_CUSTOMERS: &[&str] = &["nova", "orsa", "pino"];

fn customers_in(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(dir.join("customers"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_suffix(".toml"))
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

/// The tokens of a customer file's records: what the harness wrote into each.
fn tokens_of(text: &str) -> BTreeMap<String, usize> {
    let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut tokens = BTreeMap::new();
    for (kind, value) in &table {
        let Some(records) = value.as_array() else {
            continue;
        };
        for r in records {
            let s = |k: &str| {
                r.get(k)
                    .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                    .unwrap_or_default()
            };
            let token = match kind.as_str() {
                "interaction" => format!("log:{}", s("summary")),
                "order" => format!("order:{}", s("ref")),
                "promise" => format!("promise:{}", s("what")),
                "resolution" => format!("res:{}:{}:{}", s("promise"), s("status"), s("due")),
                _ => continue,
            };
            *tokens.entry(token).or_default() += 1;
        }
    }
    tokens
}

/// One random step of clone `i`: a write command, acknowledged or not.
fn random_command(
    team: &Team,
    rng: &mut Rng,
    i: usize,
    n: usize,
    expect: &mut Expect,
    tally: &mut Tally,
) {
    let dir = &team.clones[i];
    let here = customers_in(dir);
    if here.is_empty() {
        return;
    }
    let customer = rng.pick(&here).clone();
    let day = format!("2026-11-{:02}", 1 + rng.below(23));
    let token = format!("c{i}-{n}");
    tally.commands += 1;
    let kind = rng.below(20);
    // Only a write right after a log or order can be undone by the harness.
    let last = expect.last_write.remove(&i);
    match kind {
        14 => {
            let Some((c, token)) = last else { return };
            let run = team.coltiva(dir, &["undo"]);
            assert_eq!(run.code, 0, "undo in c{i}: {}", run.stderr);
            if let Some(entry) = expect.records.get_mut(&(c, token)) {
                entry.0 -= 1;
            }
            tally.undos += 1;
            return;
        }
        15 | 16 => {
            // An own log, as first written: fixed with `edit`, or its commit reverted.
            let text = team.file(dir, &customer);
            let mine: Vec<String> = text
                .lines()
                .filter_map(|l| l.strip_prefix("summary = \""))
                .filter_map(|l| l.strip_suffix('"'))
                .filter(|t| {
                    t.strip_prefix(&format!("c{i}-"))
                        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
                })
                .map(str::to_string)
                .collect();
            if mine.is_empty() {
                return;
            }
            let summary = rng.pick(&mine).clone();
            if kind == 15 {
                let script = team.root.join(format!("edit-c{i}.sh"));
                fs::write(
                    &script,
                    format!(
                        "#!/bin/sh\nsed -i 's/^summary = \"{summary}\"$/summary = \"{summary}-fixed\"/' \"$1\"\n"
                    ),
                )
                .unwrap();
                let mut perms = fs::metadata(&script).unwrap().permissions();
                std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
                fs::set_permissions(&script, perms).unwrap();
                let mut edit = coltiva(dir);
                edit.env("GIT_CONFIG_GLOBAL", &team.config)
                    .env("GIT_CONFIG_NOSYSTEM", "1")
                    .env("VISUAL", &script)
                    .args(["edit", &customer]);
                Run::of(&mut edit).ok();
                if let Some(entry) = expect
                    .records
                    .get_mut(&(customer.clone(), format!("log:{summary}")))
                {
                    entry.0 -= 1;
                }
                expect.record(&customer, format!("log:{summary}-fixed"));
                tally.edits += 1;
            } else {
                let commits = team.git_ok(dir, &["log", "--format=%H %s", "-200"]);
                let ending = format!(" — {summary}");
                let Some(commit) = commits
                    .lines()
                    .find(|l| l.ends_with(&ending) && l.contains(" log "))
                    .and_then(|l| l.split_whitespace().next())
                else {
                    return;
                };
                if !team
                    .git(dir, &["revert", "--no-edit", commit])
                    .status
                    .success()
                {
                    let _ = team.git(dir, &["revert", "--abort"]);
                    return;
                }
                if let Some(entry) = expect
                    .records
                    .get_mut(&(customer.clone(), format!("log:{summary}")))
                {
                    entry.0 -= 1;
                }
                tally.reverts += 1;
            }
            return;
        }
        17 => {
            // A torn tail (a write cut short), moved aside by `repair`: nothing left untracked.
            let path = dir.join("customers").join(format!("{customer}.toml"));
            let mut text = fs::read_to_string(&path).unwrap();
            text.push_str("\n[[interaction]]\nat = 2026-11-2");
            fs::write(&path, text).unwrap();
            team.coltiva(dir, &["repair", &customer]).ok();
            let status = team.git_ok(dir, &["status", "--porcelain", "--untracked-files=all"]);
            assert_eq!(status, "", "repair left something in c{i}");
            tally.repairs += 1;
            return;
        }
        18 => {
            // A promise another clone made, resolved here too: alike or not.
            let text = team.file(dir, &customer);
            let Ok(table) = toml::from_str::<toml::Table>(&text) else {
                return;
            };
            let resolved: BTreeSet<String> = table
                .get("resolution")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter(|r| {
                    r.get("status")
                        .and_then(|s| s.as_str())
                        .is_some_and(|s| s != "renegotiated")
                })
                .filter_map(|r| {
                    r.get("promise")
                        .and_then(|p| p.as_str())
                        .map(str::to_string)
                })
                .collect();
            let open: Vec<usize> = (0..expect.promises.len())
                .filter(|&p| {
                    let (owner, c, id, _) = &expect.promises[p];
                    *owner != i
                        && *c == customer
                        && text.contains(&format!("id = \"{id}\""))
                        && !resolved.contains(id)
                })
                .collect();
            if open.is_empty() {
                return;
            }
            let p = *rng.pick(&open);
            let id = expect.promises[p].2.clone();
            let (verb, status) = if rng.below(2) == 0 {
                ("keep", "kept")
            } else {
                ("break", "broken")
            };
            team.coltiva(dir, &[verb, &id]).ok();
            expect.record(&customer, format!("res:{id}:{status}:"));
            expect.multi_resolved.insert(id);
            expect.promises[p].3 = true;
            tally.second_resolutions += 1;
            return;
        }
        19 => {
            if let Some(copy) = expect.stale_copy.take() {
                let _ = fs::remove_file(copy);
                tally.stale_drivers += 1;
            }
            return;
        }
        _ => {}
    }
    match kind {
        0..=2 => {
            // Now and then the very same record in two clones: two events.
            let summary = if rng.below(5) == 0 {
                format!("same-{}", rng.below(3))
            } else {
                token.clone()
            };
            let day = if summary.starts_with("same") {
                "2026-11-20".to_string()
            } else {
                day
            };
            // The same contact on purpose (two clones log one call): --again, not a repeat.
            team.coltiva(dir, &["log", &customer, &summary, "--at", &day, "--again"])
                .ok();
            expect.record(&customer, format!("log:{summary}"));
            expect
                .last_write
                .insert(i, (customer.clone(), format!("log:{summary}")));
        }
        3 | 4 => {
            let amount = format!("{}", 100 * (1 + rng.below(5)));
            team.coltiva(
                dir,
                &[
                    "order", &customer, &amount, "--ref", &token, "--at", &day, "--again",
                ],
            )
            .ok();
            expect.record(&customer, format!("order:{token}"));
            expect
                .last_write
                .insert(i, (customer.clone(), format!("order:{token}")));
        }
        5 => {
            let due = format!("2026-12-{:02}", 1 + rng.below(28));
            let out = team
                .coltiva(
                    dir,
                    &[
                        "promise", &customer, &token, "--due", &due, "--at", &day, "--again",
                    ],
                )
                .ok();
            let id = out.stdout.trim().to_string();
            expect.record(&customer, format!("promise:{token}"));
            expect.promises.push((i, customer, id, false));
        }
        6 | 7 => {
            // Only the clone that made a promise resolves it (two people resolving one promise
            // is a conflict of its own, covered by the unit tests).
            let open: Vec<usize> = (0..expect.promises.len())
                .filter(|&p| {
                    let (owner, c, _, done) = &expect.promises[p];
                    *owner == i && !done && here.contains(c)
                })
                .collect();
            if open.is_empty() {
                return;
            }
            let p = *rng.pick(&open);
            let (_, c, id, _) = expect.promises[p].clone();
            let (args, status, due): (Vec<String>, &str, String) = match rng.below(3) {
                0 => (vec!["keep".into(), id.clone()], "kept", String::new()),
                1 => (vec!["break".into(), id.clone()], "broken", String::new()),
                _ => {
                    let due = format!("2026-12-{:02}", 1 + rng.below(28));
                    (
                        vec![
                            "renegotiate".into(),
                            id.clone(),
                            "--due".into(),
                            due.clone(),
                        ],
                        "renegotiated",
                        due,
                    )
                }
            };
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = team.coltiva(dir, &args);
            assert_eq!(
                run.code,
                0,
                "{args:?} in c{i}: {}\n{}\n{}",
                run.stderr,
                team.file(dir, &c),
                team.git_ok(
                    dir,
                    &[
                        "log",
                        "-p",
                        "--format=%h %s",
                        "-15",
                        "--",
                        &format!("customers/{c}.toml")
                    ]
                )
            );
            expect.record(&c, format!("res:{id}:{status}:{due}"));
            if status != "renegotiated" {
                expect.promises[p].3 = true;
            }
        }
        8..=10 => {
            // A key of this clone's own, and now and then the key every clone edits.
            if rng.below(2) == 0 {
                let value = rng.pick(&["north", "south", "east"]).to_string();
                team.coltiva(dir, &["set", &customer, &format!("region={value}")])
                    .ok();
                expect.shared.entry(customer).or_default().insert(value);
            } else {
                team.coltiva(dir, &["set", &customer, &format!("k{i}={token}")])
                    .ok();
                expect
                    .own_keys
                    .insert((customer, format!("k{i}")), (token, false));
            }
        }
        11 | 12 => {
            let candidates: Vec<&&str> = NEW_CUSTOMERS
                .iter()
                .filter(|c| !expect.forgotten.contains(**c) && !here.contains(&c.to_string()))
                .collect();
            if candidates.is_empty() {
                return;
            }
            let id = **rng.pick(&candidates);
            // The same arguments in every clone: the same customer, added twice.
            team.coltiva(dir, &["add", &format!("Customer {id}"), "--id", id])
                .ok();
        }
        _ => {
            if customer == "acme" || rng.below(3) != 0 {
                return;
            }
            team.coltiva(dir, &["forget", &customer, "--yes"]).ok();
            expect.exempt(&customer);
        }
    }
}

/// Pulls clone `i` and, when git stops, checks that `check` names why, then finishes the merge
/// the way `check` says (a random side of a header conflict; keep or forget a customer deleted
/// on one side). Returns when the clone has merged origin.
fn pull_and_settle(
    team: &Team,
    rng: &mut Rng,
    i: usize,
    expect: &mut Expect,
    tally: &mut Tally,
    seed: u64,
) {
    let dir = &team.clones[i];
    let rebase = rng.below(2) == 0;
    if rebase {
        tally.pulls_rebase += 1;
    } else {
        tally.pulls_merge += 1;
    }
    expect.last_write.remove(&i);
    let (mut ok, mut out) = team.pull(dir, rebase);
    if std::env::var_os("COLTIVA_TEAM_DEBUG").is_some() {
        eprintln!("pull c{i} rebase={rebase} ok={ok}\n{out}");
    }
    // No stop repeats once settled: what the driver stops on is never a settled promise.
    for line in out
        .lines()
        .filter(|l| l.contains("would not pass `coltiva check`"))
    {
        for id in &expect.settled {
            assert!(
                !line.contains(&format!("promise \"{id}\"")),
                "seed {seed}: a settled stop stopped again: {line}\n{out}"
            );
        }
    }
    if ok {
        tally.clean_pulls += 1;
        assert_clean_but_settled(team, dir, expect, seed, &out);
        return;
    }
    for _round in 0..50 {
        if ok {
            return;
        }
        let check = team.coltiva(dir, &["check"]);
        assert_eq!(
            check.code, 1,
            "seed {seed}: git stopped but check finds nothing:\n{out}\n{}",
            check.stderr
        );
        let unmerged = team.git_ok(dir, &["diff", "--name-only", "--diff-filter=U"]);
        assert!(
            !unmerged.trim().is_empty(),
            "seed {seed}: stopped without unmerged paths: {out}"
        );
        // A merge the driver did not make (no driver, or one that could not run): as check
        // says, `coltiva init`, then `git checkout -m` the file, and look again.
        let redo: Vec<&str> = unmerged
            .lines()
            .filter(|path| {
                check.stdout.lines().any(|l| {
                    l.contains(&format!("{path}: the merge of this file stopped:"))
                        && (l.contains("side only") || l.contains("git merged it line by line"))
                })
            })
            .collect();
        if !redo.is_empty() {
            for path in &redo {
                let line = check
                    .stdout
                    .lines()
                    .find(|l| l.contains(&format!("{path}: the merge of this file stopped:")))
                    .unwrap_or_default();
                assert!(
                    line.contains("`coltiva init`")
                        && line.contains(&format!("`git checkout -m {path}`")),
                    "seed {seed}: {line}"
                );
                if line.contains("side only") {
                    tally.stopped_driver_not_run += 1;
                } else {
                    tally.stopped_line_merge += 1;
                }
            }
            team.coltiva(dir, &["init", dir.to_str().unwrap()]).ok();
            for path in &redo {
                team.git_ok(dir, &["checkout", "-m", path]);
            }
            continue;
        }
        for path in unmerged.lines() {
            let id = path
                .trim_start_matches("customers/")
                .trim_end_matches(".toml")
                .to_string();
            let full = dir.join(path);
            let text = fs::read_to_string(&full).unwrap_or_default();
            let stages = team.git_ok(dir, &["ls-files", "-u", "--", path]);
            if stages.trim().is_empty() {
                continue; // settled with another path
            }
            let has = |stage: &str| {
                stages
                    .lines()
                    .any(|l| l.split_whitespace().nth(2) == Some(stage))
            };
            if !(has("2") && has("3")) {
                tally.stopped_modify_delete += 1;
                assert!(
                    check.stdout.contains(&format!("{id}.toml"))
                        && check.stdout.contains("deleted on"),
                    "seed {seed}: check does not name the modify/delete of {path}:\n{}",
                    check.stdout
                );
                if rng.below(2) == 0 {
                    team.git_ok(dir, &["add", path]);
                } else {
                    team.git_ok(dir, &["rm", "--quiet", path]);
                    expect.exempt(&id);
                }
                continue;
            }
            if check
                .stdout
                .lines()
                .any(|l| l.contains(&format!("{path}:")) && l.contains("two different customers"))
            {
                // git took a forgotten customer and a new one for a rename: keep both, as
                // check says, the old one under its own id (found by its name).
                tally.stopped_rename += 1;
                let mut restored = false;
                for stage in [":2", ":3"] {
                    let version = team.git_ok(dir, &["show", &format!("{stage}:./{path}")]);
                    if version == text {
                        continue;
                    }
                    let table: toml::Table = toml::from_str(&version).unwrap();
                    let name = table["name"].as_str().unwrap();
                    let old = match name {
                        "ACME S.r.l." => "acme".to_string(),
                        "Bianchi" => "bianchi".to_string(),
                        other => other.trim_start_matches("Customer ").to_string(),
                    };
                    restored = true;
                    if old == id {
                        // Forgotten and added again under the same id: the new one stays.
                        expect.exempt(&id);
                        break;
                    }
                    fs::write(dir.join("customers").join(format!("{old}.toml")), version).unwrap();
                    team.git_ok(dir, &["add", &format!("customers/{old}.toml")]);
                    break;
                }
                assert!(restored, "seed {seed}: no other customer in {path}");
                team.git_ok(dir, &["add", path]);
                continue;
            }
            let lines: Vec<&str> = check
                .stdout
                .lines()
                .filter(|l| l.contains(&format!("{path}:")))
                .collect();
            if !text.lines().any(|l| l.starts_with("<<<<<<<")) {
                // No markers: a promise resolved differently in two clones (the driver's
                // proof), or a file the driver merged after `git checkout -m`. Kept as it is:
                // both resolutions stay, and that stop is settled for good.
                let mut ids = BTreeSet::new();
                for l in &lines {
                    if l.contains("git lists it as unmerged") {
                        continue;
                    }
                    let id = l
                        .split("promise \"")
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                        .filter(|_| l.contains("was already resolved as"))
                        .unwrap_or_else(|| panic!("seed {seed}: unexpected stop: {l}"));
                    ids.insert(id.to_string());
                }
                if ids.iter().any(|id| !expect.settled.contains(id)) {
                    tally.stopped_resolutions += 1;
                }
                expect.settled.extend(ids);
                team.git_ok(dir, &["add", path]);
                continue;
            }
            // The only other stop the harness can cause: a header key both sides changed.
            tally.stopped_header += 1;
            let between: Vec<&str> = text
                .lines()
                .skip_while(|l| !l.starts_with("<<<<<<<"))
                .take_while(|l| !l.starts_with(">>>>>>>"))
                .filter(|l| !l.starts_with("<<<<<<<") && !l.starts_with("======="))
                .collect();
            // (A side without the key removed it: a customer kept from a forgotten version.)
            assert!(
                text.contains("<<<<<<< ours\n")
                    && between.iter().all(|l| l.starts_with("region = ")),
                "seed {seed}: unexpected conflict in {path}:\n{text}\n{}\n{}\n{}",
                check.stdout,
                team.git_ok(
                    dir,
                    &["log", "--all", "--graph", "--format=%h %s", "--", path]
                ),
                team.git_ok(dir, &["log", "--all", "-p", "--format=%h %s", "--", path])
            );
            assert!(
                check
                    .stdout
                    .contains("the header key `region` was changed on both sides"),
                "seed {seed}: check does not name the key:\n{}",
                check.stdout
            );
            let keep_ours = rng.below(2) == 0;
            let mut side = 0;
            let resolved: String = text
                .split_inclusive('\n')
                .filter(|line| {
                    if line.starts_with("<<<<<<<") {
                        side = 1;
                        return false;
                    }
                    if line.starts_with("=======") {
                        side = 2;
                        return false;
                    }
                    if line.starts_with(">>>>>>>") {
                        side = 0;
                        return false;
                    }
                    side == 0 || (side == 1) == keep_ours
                })
                .collect();
            fs::write(&full, resolved).unwrap();
            team.git_ok(dir, &["add", path]);
        }
        assert_clean_but_settled(team, dir, expect, seed, &out);
        (ok, out) = team.finish(dir);
    }
    panic!("seed {seed}: the pull of c{i} never finished: {out}");
}

/// `check` finds nothing in clone `dir` but the double resolutions settled by keeping both.
fn assert_clean_but_settled(team: &Team, dir: &Path, expect: &Expect, seed: u64, out: &str) {
    let check = team.coltiva(dir, &["check"]);
    for line in check.stdout.lines() {
        assert!(
            line.contains("was already resolved as")
                && expect
                    .settled
                    .iter()
                    .any(|id| line.contains(&format!("promise \"{id}\""))),
            "seed {seed}: problems left:\n{}\n{}\n{}\n{out}",
            check.stdout,
            check.stderr,
            team.git_ok(dir, &["status", "--short"])
        );
    }
}

fn random_history(seed: u64, tally: &mut Tally) {
    let mut rng = Rng(seed);
    let last = match rng.below(4) {
        0 => LastClone::NoInit,
        1 => LastClone::Stale,
        _ => LastClone::Init,
    };
    let team = Team::with_last(3, last);
    let mut expect = Expect::default();
    if last == LastClone::Stale {
        expect.stale_copy = Some(team.root.join("old/coltiva"));
    }
    let steps = 12 + rng.below(10);
    let mut n = 0;
    for _ in 0..steps {
        let i = rng.below(3);
        for _ in 0..1 + rng.below(4) {
            n += 1;
            random_command(&team, &mut rng, i, n, &mut expect, tally);
        }
        if rng.below(3) != 0 {
            pull_and_settle(&team, &mut rng, i, &mut expect, tally, seed);
            let _ = team.git(&team.clones[i], &["push", "--quiet", "origin", "main"]);
        }
    }
    // Sync: everyone pulls and pushes until all sit on origin's commit.
    for _round in 0..4 {
        for i in 0..3 {
            pull_and_settle(&team, &mut rng, i, &mut expect, tally, seed);
            let _ = team.git(&team.clones[i], &["push", "--quiet", "origin", "main"]);
        }
    }
    let heads: BTreeSet<String> = team
        .clones
        .iter()
        .map(|d| team.git_ok(d, &["rev-parse", "HEAD"]))
        .collect();
    assert_eq!(heads.len(), 1, "seed {seed}: clones did not converge");
    let files: Vec<BTreeMap<String, String>> = team
        .clones
        .iter()
        .map(|d| {
            customers_in(d)
                .into_iter()
                .map(|c| (c.clone(), team.file(d, &c)))
                .collect()
        })
        .collect();
    assert!(
        files.windows(2).all(|w| w[0] == w[1]),
        "seed {seed}: clones differ"
    );
    let lists: Vec<serde_json::Value> = team.clones.iter().map(|d| list_json(&team, d)).collect();
    assert!(
        lists.windows(2).all(|w| w[0] == w[1]),
        "seed {seed}: list differs"
    );
    assert_clean_but_settled(&team, &team.clones[0], &expect, seed, "");
    // Every acknowledged record exactly once (at most once where its customer was forgotten),
    // and every deliberate removal (undo, edit, revert) stays removed: the harness removes
    // only a clone's own records, which no other clone changes. A promise resolved alike in
    // two clones keeps at least one of its resolutions.
    let final_files = &files[0];
    let mut found: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (customer, text) in final_files {
        for (token, count) in tokens_of(text) {
            found.insert((customer.clone(), token), count);
        }
    }
    for (key, &(count, exempt)) in &expect.records {
        let got = found.get(key).copied().unwrap_or(0);
        // (The same call logged in two clones is two events, but `git pull --rebase` drops a
        // local commit whose patch is already upstream: the very same record appended after the
        // very same lines counts once after a rebase. docs/TEAMS.md says so.)
        let agreed = (key.1.starts_with("res:")
            && expect
                .multi_resolved
                .iter()
                .any(|id| key.1.starts_with(&format!("res:{id}:"))))
            || key.1.starts_with("log:same-");
        if agreed && !exempt {
            assert!(
                got <= count && (got >= 1 || count == 0),
                "seed {seed}: {key:?}: {got} copies, {count} acknowledged"
            );
        } else if exempt {
            assert!(
                got <= count,
                "seed {seed}: {key:?} {got} copies, {count} acknowledged"
            );
        } else {
            assert_eq!(
                got,
                count,
                "seed {seed}: {key:?}: {got} copies, {count} acknowledged\n{}\n{}",
                final_files.get(&key.0).cloned().unwrap_or_default(),
                team.git_ok(
                    &team.clones[0],
                    &[
                        "log",
                        "--graph",
                        "-p",
                        "--format=%h %s",
                        "--",
                        &format!("customers/{}.toml", key.0)
                    ]
                )
            );
        }
        tally.records_checked += 1;
    }
    for key in found.keys() {
        assert!(
            expect.records.contains_key(key),
            "seed {seed}: {key:?} was never written"
        );
    }
    // Header edits survive: a clone's own key holds the last value it set; the shared key one
    // of the values set.
    for ((customer, key), (value, exempt)) in &expect.own_keys {
        let Some(text) = final_files.get(customer) else {
            assert!(*exempt, "seed {seed}: {customer} vanished");
            continue;
        };
        let table: toml::Table = toml::from_str(text).unwrap();
        let got = table.get(key).and_then(|v| v.as_str());
        if !*exempt {
            assert_eq!(
                got,
                Some(value.as_str()),
                "seed {seed}: {customer} {key} lost:\n{text}"
            );
        }
        tally.header_values_checked += 1;
    }
    for (customer, values) in &expect.shared {
        if let Some(text) = final_files.get(customer) {
            let table: toml::Table = toml::from_str(text).unwrap();
            if let Some(got) = table.get("region").and_then(|v| v.as_str()) {
                assert!(values.contains(got), "seed {seed}: region {got} never set");
            } else {
                assert!(
                    expect.forgotten.contains(customer),
                    "seed {seed}: region of {customer} lost"
                );
            }
        }
    }
    tally.histories += 1;
}

#[test]
fn random_team_histories_never_lose_or_glue_a_record() {
    let histories: u64 = std::env::var("COLTIVA_TEAM_HISTORIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let first: u64 = std::env::var("COLTIVA_TEAM_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut tally = Tally::default();
    for seed in first..first + histories {
        random_history(seed, &mut tally);
    }
    eprintln!("team histories: {tally:?}");
    assert_eq!(tally.histories as u64, histories);
    assert!(tally.records_checked > 0 && tally.clean_pulls > 0);
    let _ = TODAY;
}

// ---------------------------------------------------------------------------------------------
// Issue 24: a driver that cannot run, a clone without init, and the way out that `check` gives.

/// A PATH for git with the system's programs and no `coltiva` (`extra` first, when given).
fn system_path(extra: Option<&Path>) -> std::ffi::OsString {
    let mut dirs: Vec<PathBuf> = extra.into_iter().map(Path::to_path_buf).collect();
    dirs.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
    std::env::join_paths(dirs).unwrap()
}

impl Team {
    fn git_in(&self, dir: &Path, args: &[&str], path: &std::ffi::OsStr) -> (bool, String) {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("PATH", path)
            .env("GIT_CONFIG_GLOBAL", &self.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_EDITOR", "true")
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// Registers the driver in `dir` with a copy of the binary at `root/old/coltiva`, as an
    /// earlier install did; returns the copy's path.
    fn init_with_copy(&self, dir: &Path) -> PathBuf {
        let old = self.root.join("old");
        fs::create_dir_all(&old).unwrap();
        let copy = old.join("coltiva");
        common::install_binary(&copy);
        let out = std::process::Command::new(&copy)
            .arg("--dir")
            .arg(dir)
            .arg("init")
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", &self.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        copy
    }
}

/// The records (`summary = "..."` lines) of a customer file, sorted.
fn summaries(text: &str) -> Vec<String> {
    let mut all: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("summary = "))
        .map(str::to_string)
        .collect();
    all.sort();
    all
}

#[test]
fn a_driver_gone_after_an_upgrade_is_said_and_checks_way_out_keeps_both_sides() {
    if ["/usr/local/bin", "/usr/bin", "/bin"]
        .iter()
        .any(|d| Path::new(d).join("coltiva").exists())
    {
        eprintln!("skipped: a coltiva is installed on the system PATH");
        return;
    }
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        let copy = team.init_with_copy(bruno);
        log(&team, anna, "acme", "Anna", "2026-11-20");
        team.git_ok(anna, &["push", "--quiet"]);
        log(&team, bruno, "acme", "Bruno", "2026-11-21");
        // The upgrade removed the binary the clone registered.
        fs::remove_file(&copy).unwrap();
        let mut list = coltiva(bruno);
        list.env("GIT_CONFIG_GLOBAL", &team.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PATH", system_path(None))
            .arg("list");
        let run = Run::of(&mut list).ok();
        assert!(
            run.stderr.contains("cannot run")
                && run.stderr.contains(copy.to_str().unwrap())
                && run.stderr.contains("run `coltiva init` here again"),
            "{}",
            run.stderr
        );
        let how = if rebase { "--rebase" } else { "--no-rebase" };
        let (ok, out) = team.git_in(
            bruno,
            &["pull", "--no-edit", how, "origin", "main"],
            &system_path(None),
        );
        assert!(!ok, "{out}");
        let file = team.file(bruno, "acme");
        assert_eq!(summaries(&file).len(), 1, "one side only: {file}");
        let check = team.coltiva(bruno, &["check"]);
        assert_eq!(check.code, 1, "{check:?}");
        assert!(
            check.stdout.contains("side only, without 1 record of the other side")
                && check.stdout.contains("Do not `git add` it as it is")
                && check
                    .stdout
                    .contains("`coltiva init` (registers the driver of this coltiva), then `git checkout -m customers/acme.toml`"),
            "{}",
            check.stdout
        );
        // Following it keeps both sides.
        team.coltiva(bruno, &["init", bruno.to_str().unwrap()]).ok();
        let run = team.coltiva(bruno, &["list"]).ok();
        assert!(!run.stderr.contains("merge driver"), "{}", run.stderr);
        team.git_ok(bruno, &["checkout", "-m", "customers/acme.toml"]);
        let check = team.coltiva(bruno, &["check"]);
        assert!(
            check.stdout.contains("git lists it as unmerged")
                && !check.stdout.contains("side only"),
            "{}",
            check.stdout
        );
        team.git_ok(bruno, &["add", "customers/acme.toml"]);
        let (ok, out) = team.finish(bruno);
        assert!(ok, "{out}");
        team.coltiva(bruno, &["check"]).ok();
        assert_eq!(
            summaries(&team.file(bruno, "acme")),
            ["summary = \"Anna\"", "summary = \"Bruno\""]
        );
    }
}

#[test]
fn a_driver_moved_away_falls_back_to_coltiva_on_the_path() {
    let team = Team::new(2);
    let (anna, bruno) = (&team.clones[0], &team.clones[1]);
    let copy = team.init_with_copy(bruno);
    fs::remove_file(&copy).unwrap();
    // The new version is installed elsewhere, on the PATH.
    let bin = team.root.join("bin");
    fs::create_dir(&bin).unwrap();
    common::install_binary(&bin.join("coltiva"));
    log(&team, anna, "acme", "Anna", "2026-11-20");
    team.git_ok(anna, &["push", "--quiet"]);
    log(&team, bruno, "acme", "Bruno", "2026-11-21");
    let (ok, out) = team.git_in(
        bruno,
        &["pull", "--no-edit", "origin", "main"],
        &system_path(Some(&bin)),
    );
    assert!(ok, "{out}");
    assert!(out.contains("coltiva: merged the records"), "{out}");
    assert_eq!(summaries(&team.file(bruno, "acme")).len(), 2);
}

#[test]
fn a_clone_without_init_merges_line_by_line_and_check_gives_the_way_out_that_keeps_both() {
    for (rebase, abort) in [(false, false), (true, false), (false, true), (true, true)] {
        let team = Team::new(1);
        let anna = &team.clones[0];
        let carla = team.root.join("carla");
        team.git_ok(
            &team.root,
            &[
                "clone",
                "--quiet",
                team.origin.to_str().unwrap(),
                carla.to_str().unwrap(),
            ],
        );
        log(&team, anna, "acme", "Anna", "2026-11-20");
        team.git_ok(anna, &["push", "--quiet"]);
        // The shared coltiva.toml has autocommit on: Carla's log is committed.
        log(&team, &carla, "acme", "Carla", "2026-11-21");
        let (ok, out) = team.pull(&carla, rebase);
        assert!(!ok, "{out}");
        let check = team.coltiva(&carla, &["check"]);
        assert_eq!(check.code, 1, "{check:?}");
        assert!(
            check.stdout.contains("git merged it line by line")
                && check.stdout.contains("git checkout -m customers/acme.toml")
                && check
                    .stdout
                    .contains("git merge --abort && coltiva init && git pull"),
            "{}",
            check.stdout
        );
        for wrong in ["header key", "keep one line", "for records: both"] {
            assert!(!check.stdout.contains(wrong), "{wrong}: {}", check.stdout);
        }
        if abort {
            let verb = if rebase { "rebase" } else { "merge" };
            team.git_ok(&carla, &[verb, "--abort"]);
            team.coltiva(&carla, &["init", carla.to_str().unwrap()])
                .ok();
            let (ok, out) = team.pull(&carla, rebase);
            assert!(ok, "{out}");
        } else {
            team.coltiva(&carla, &["init", carla.to_str().unwrap()])
                .ok();
            team.git_ok(&carla, &["checkout", "-m", "customers/acme.toml"]);
            team.git_ok(&carla, &["add", "customers/acme.toml"]);
            let (ok, out) = team.finish(&carla);
            assert!(ok, "{out}");
        }
        team.coltiva(&carla, &["check"]).ok();
        assert_eq!(
            summaries(&team.file(&carla, "acme")),
            ["summary = \"Anna\"", "summary = \"Carla\""]
        );
    }
}

#[test]
fn a_fresh_clone_after_init_pulls_divergent_branches_with_a_plain_git_pull() {
    let team = Team::new(2);
    let (anna, bruno) = (&team.clones[0], &team.clones[1]);
    log(&team, anna, "acme", "Anna", "2026-11-20");
    team.git_ok(anna, &["push", "--quiet"]);
    log(&team, bruno, "acme", "Bruno", "2026-11-21");
    // No pull.rebase anywhere but what `coltiva init` set in the clone.
    assert_eq!(team.git_ok(bruno, &["config", "pull.rebase"]), "false\n");
    let out = team.git(bruno, &["pull", "--no-edit"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(summaries(&team.file(bruno, "acme")).len(), 2);
}

/// The id of the last promise in a customer file.
fn last_promise_id(text: &str) -> String {
    text.lines()
        .rev()
        .find_map(|l| l.strip_prefix("id = \""))
        .map(|rest| rest.trim_end_matches('"').to_string())
        .unwrap()
}

#[test]
fn tags_added_in_two_clones_merge_as_a_set() {
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        team.coltiva(anna, &["set", "acme", "tags+=export"]).ok();
        team.git_ok(anna, &["push", "--quiet"]);
        team.coltiva(bruno, &["set", "acme", "tags+=b2b"]).ok();
        let (ok, out) = team.pull(bruno, rebase);
        assert!(ok, "{out}");
        let file = team.file(bruno, "acme");
        assert!(file.contains("tags = [\"b2b\", \"export\"]"), "{file}");
        team.coltiva(bruno, &["check"]).ok();
    }
}

#[test]
fn one_promise_kept_in_two_clones_merges_and_kept_and_broken_stops_once() {
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        team.coltiva(
            anna,
            &[
                "promise",
                "acme",
                "Send the quote",
                "--due",
                "2026-11-30",
                "--at",
                "2026-11-10",
            ],
        )
        .ok();
        let id = last_promise_id(&team.file(anna, "acme"));
        team.git_ok(anna, &["push", "--quiet"]);
        team.git_ok(bruno, &["pull", "--quiet", "--no-rebase"]);
        // Both keep it: one decision, no stop.
        team.coltiva(anna, &["keep", &id, "--at", "2026-11-20"])
            .ok();
        team.git_ok(anna, &["push", "--quiet"]);
        team.coltiva(bruno, &["keep", &id, "--at", "2026-11-21"])
            .ok();
        let (ok, out) = team.pull(bruno, rebase);
        assert!(ok, "{out}");
        assert!(out.contains("resolved as kept on both sides"), "{out}");
        let file = team.file(bruno, "acme");
        assert_eq!(file.matches("[[resolution]]").count(), 1, "{file}");
        assert!(
            file.contains("at = 2026-11-20"),
            "the earlier stays: {file}"
        );
        team.coltiva(bruno, &["check"]).ok();
        team.git_ok(bruno, &["push", "--quiet"]);
        team.git_ok(anna, &["pull", "--quiet", "--no-rebase"]);
        // A second promise: kept in one clone, broken in the other — a stop.
        team.coltiva(
            anna,
            &[
                "promise",
                "acme",
                "Call back",
                "--due",
                "2026-12-01",
                "--at",
                "2026-11-10",
            ],
        )
        .ok();
        let id = last_promise_id(&team.file(anna, "acme"));
        team.git_ok(anna, &["push", "--quiet"]);
        team.git_ok(bruno, &["pull", "--quiet", "--no-rebase"]);
        team.coltiva(anna, &["keep", &id, "--at", "2026-11-22"])
            .ok();
        team.git_ok(anna, &["push", "--quiet"]);
        team.coltiva(bruno, &["break", &id, "--at", "2026-11-22"])
            .ok();
        let (ok, out) = team.pull(bruno, rebase);
        assert!(!ok, "{out}");
        let check = team.coltiva(bruno, &["check"]);
        assert!(
            check.stdout.contains("was already resolved as")
                && check.stdout.contains("git lists it as unmerged"),
            "{}",
            check.stdout
        );
        // With rebase, settled as TEAMS.md says first: delete the wrong one (here the
        // broken), `git add`, continue; with merge, by keeping both (TEAMS.md allows it).
        // Either way, later appends never stop again.
        let path = bruno.join("customers/acme.toml");
        if rebase {
            let text = fs::read_to_string(&path).unwrap();
            let (head, records) = text.split_at(text.find("\n[[").unwrap());
            let kept: String = records
                .split_inclusive('\n')
                .fold(Vec::<String>::new(), |mut chunks, line| {
                    if line.starts_with("[[") || chunks.is_empty() {
                        chunks.push(String::new());
                    }
                    if let Some(last) = chunks.last_mut() {
                        last.push_str(line);
                    }
                    chunks
                })
                .into_iter()
                .filter(|c| {
                    !(c.contains(&format!("promise = \"{id}\"")) && c.contains("\"broken\""))
                })
                .collect();
            fs::write(&path, format!("{head}{kept}")).unwrap();
            team.coltiva(bruno, &["check"]);
        }
        team.git_ok(bruno, &["add", "customers/acme.toml"]);
        let (ok, out) = team.finish(bruno);
        assert!(ok, "{out}");
        if rebase {
            team.coltiva(bruno, &["check"]).ok();
            let file = team.file(bruno, "acme");
            assert!(!file.contains("\"broken\""), "{file}");
            assert_eq!(
                file.matches(&format!("promise = \"{id}\"")).count(),
                1,
                "{file}"
            );
        }
        team.git_ok(bruno, &["push", "--quiet"]);
        log(&team, anna, "acme", "Anna later", "2026-11-23");
        log(&team, bruno, "acme", "Bruno later", "2026-11-23");
        team.git_ok(bruno, &["push", "--quiet"]);
        let (ok, out) = team.pull(anna, rebase);
        assert!(ok, "a settled stop stopped again: {out}");
        assert_eq!(
            out.contains("already on a side before this merge"),
            !rebase,
            "named only where both were kept: {out}"
        );
        team.git_ok(anna, &["push", "--quiet"]);
        log(&team, bruno, "acme", "Bruno again", "2026-11-23");
        log(&team, anna, "acme", "Anna again", "2026-11-23");
        team.git_ok(anna, &["push", "--quiet"]);
        let (ok, out) = team.pull(bruno, rebase);
        assert!(ok, "a settled stop stopped again: {out}");
        let file = team.file(bruno, "acme");
        for s in ["Anna later", "Bruno later", "Bruno again", "Anna again"] {
            assert_eq!(file.matches(s).count(), 1, "{s}: {file}");
        }
    }
}

#[test]
fn undo_edit_and_revert_in_one_clone_survive_an_append_in_the_other() {
    for rebase in [false, true] {
        let team = Team::new(2);
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        log(&team, anna, "acme", "Caled Paola", "2026-11-10");
        log(&team, anna, "bianchi", "Old visit", "2026-11-11");
        team.git_ok(anna, &["push", "--quiet"]);
        team.git_ok(bruno, &["pull", "--quiet", "--no-rebase"]);
        // Anna: an order she undoes, a typo she fixes with `edit`, a log she reverts.
        team.coltiva(anna, &["order", "acme", "900", "--at", "2026-11-12"])
            .ok();
        team.coltiva(anna, &["undo"]).ok();
        let mut edit = coltiva(anna);
        edit.env("GIT_CONFIG_GLOBAL", &team.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("VISUAL", "sed -i s/Caled/Called/")
            .args(["edit", "acme"]);
        Run::of(&mut edit).ok();
        let old = team.git_ok(anna, &["log", "--format=%h", "-1", "--grep=Old visit"]);
        team.git_ok(anna, &["revert", "--no-edit", old.trim()]);
        team.git_ok(anna, &["push", "--quiet"]);
        // Bruno appends to both customers meanwhile.
        log(&team, bruno, "acme", "Bruno", "2026-11-20");
        log(&team, bruno, "bianchi", "Bruno", "2026-11-20");
        let (ok, out) = team.pull(bruno, rebase);
        assert!(ok, "{out}");
        assert!(
            out.contains("removed 1 record that one side removed"),
            "{out}"
        );
        let acme = team.file(bruno, "acme");
        assert!(
            !acme.contains("Caled") && acme.contains("Called Paola") && !acme.contains("900"),
            "{acme}"
        );
        let bianchi = team.file(bruno, "bianchi");
        assert!(
            !bianchi.contains("Old visit") && bianchi.contains("Bruno"),
            "{bianchi}"
        );
        team.coltiva(bruno, &["check"]).ok();
        let list = list_json(&team, bruno);
        let acme = list
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "acme")
            .unwrap();
        assert_eq!(acme["orders"], 0, "{acme}");
    }
}

#[test]
fn same_day_pins_from_two_clones_are_decided_by_their_time_in_both_clones() {
    let team = Team::new(2);
    let (anna, bruno) = (&team.clones[0], &team.clones[1]);
    team.coltiva(anna, &["phase", "acme", "lost", "--at", "2026-11-20T18:00"])
        .ok();
    team.git_ok(anna, &["push", "--quiet"]);
    team.coltiva(
        bruno,
        &["phase", "acme", "partner", "--at", "2026-11-20T09:00"],
    )
    .ok();
    let (ok, out) = team.pull(bruno, false);
    assert!(ok, "{out}");
    team.git_ok(bruno, &["push", "--quiet"]);
    team.git_ok(anna, &["pull", "--quiet", "--no-rebase"]);
    for dir in [anna, bruno] {
        let acme = list_json(&team, dir)
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "acme")
            .unwrap()
            .clone();
        assert_eq!(acme["phase"], "lost", "{acme}");
    }
    // Written the other way round in one clone: the same decision.
    team.coltiva(
        anna,
        &["phase", "bianchi", "lost", "--at", "2026-11-21T18:00"],
    )
    .ok();
    team.coltiva(
        anna,
        &["phase", "bianchi", "partner", "--at", "2026-11-21T09:00"],
    )
    .ok();
    let show = team.coltiva(anna, &["show", "bianchi"]).ok().stdout;
    assert!(show.to_lowercase().contains("lost"), "{show}");
    let bianchi = list_json(&team, anna)
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "bianchi")
        .unwrap()
        .clone();
    assert_eq!(bianchi["phase"], "lost", "{bianchi}");
}

/// Every file of a clone's work tree under `customers/`, with its bytes.
fn customer_bytes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir.join("customers"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn edit_refuses_what_check_would_flag_and_leaves_every_byte_and_commit() {
    let team = Team::new(1);
    let anna = &team.clones[0];
    team.coltiva(
        anna,
        &[
            "promise",
            "acme",
            "Send the quote",
            "--due",
            "2026-11-30",
            "--at",
            "2026-11-10",
        ],
    )
    .ok();
    let id = last_promise_id(&team.file(anna, "acme"));
    team.coltiva(anna, &["keep", &id, "--at", "2026-11-20"])
        .ok();
    let head = team.git_ok(anna, &["rev-parse", "HEAD"]);
    let before = customer_bytes(anna);
    // The kind's capital letter (`[[Promise]]`), and a second resolution of the promise.
    let second = format!(
        "printf '\\n[[resolution]]\\npromise = \"{id}\"\\nat = 2026-11-21\\nstatus = \"broken\"\\n' >>"
    );
    for (editor, says) in [
        (
            "sed -i 's/^\\[\\[promise\\]\\]$/[[Promise]]/'",
            "unknown record kind [[Promise]]",
        ),
        (second.as_str(), "was already resolved as kept"),
    ] {
        let script = team.root.join("editor.sh");
        fs::write(&script, format!("#!/bin/sh\n{editor} \"$1\"\n")).unwrap();
        let mut perms = fs::metadata(&script).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        fs::set_permissions(&script, perms).unwrap();
        let mut edit = coltiva(anna);
        edit.env("GIT_CONFIG_GLOBAL", &team.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("VISUAL", &script)
            .args(["edit", "acme"]);
        let run = Run::of(&mut edit);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(
            run.stderr.contains("would not pass `coltiva check`")
                && run.stderr.contains(says)
                && run.stderr.contains("keeps its previous version"),
            "{}",
            run.stderr
        );
        assert_eq!(customer_bytes(anna), before);
        assert_eq!(team.git_ok(anna, &["rev-parse", "HEAD"]), head);
    }
}

/// A team whose second clone has a merge stopped on bianchi (a header key changed on both
/// sides); acme is not involved.
fn stopped_merge(rebase: bool) -> Team {
    let team = Team::new(2);
    let (anna, bruno) = (&team.clones[0], &team.clones[1]);
    team.coltiva(anna, &["set", "bianchi", "territory=Milano"])
        .ok();
    team.git_ok(anna, &["push", "--quiet"]);
    team.coltiva(bruno, &["set", "bianchi", "territory=Brescia"])
        .ok();
    let (ok, out) = team.pull(bruno, rebase);
    assert!(!ok, "{out}");
    team
}

#[test]
fn a_record_written_during_a_stopped_merge_is_left_unstaged_and_survives_the_abort() {
    let team = stopped_merge(false);
    let bruno = &team.clones[1];
    let run = team
        .coltiva(
            bruno,
            &["log", "acme", "During the merge", "--at", "2026-11-22"],
        )
        .ok();
    assert!(
        run.stderr.contains("not committed: a merge")
            && run.stderr.contains("git merge --abort keeps it"),
        "{}",
        run.stderr
    );
    let staged = team.git_ok(
        bruno,
        &[
            "diff",
            "--cached",
            "--name-only",
            "--",
            "customers/acme.toml",
        ],
    );
    assert_eq!(staged, "", "acme is not staged");
    team.git_ok(bruno, &["merge", "--abort"]);
    assert!(team.file(bruno, "acme").contains("During the merge"));
    // Committed afterwards as the message says.
    team.git_ok(
        bruno,
        &[
            "commit",
            "--quiet",
            "-m",
            "log acme",
            "--",
            "customers/acme.toml",
        ],
    );
    team.coltiva(bruno, &["check"]).ok();
}

#[test]
fn a_write_during_a_stopped_rebase_is_refused_and_edit_is_left_unstaged() {
    let team = stopped_merge(true);
    let bruno = &team.clones[1];
    let before = customer_bytes(bruno);
    let run = team.coltiva(
        bruno,
        &["log", "acme", "During the rebase", "--at", "2026-11-22"],
    );
    assert_ne!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("a rebase is stopped half-way")
            && run.stderr.contains("nothing was written")
            && run.stderr.contains("git rebase --continue"),
        "{}",
        run.stderr
    );
    assert_eq!(customer_bytes(bruno), before);
    // `edit` settles the conflicted file; it is not committed in the middle of the rebase.
    let script = team.root.join("settle.sh");
    fs::write(
        &script,
        "#!/bin/sh\nsed -i -e '/^<<<<<<< /d' -e '/^=======/d' -e '/^>>>>>>> /d' -e '/Milano/d' \"$1\"\n",
    )
    .unwrap();
    let mut perms = fs::metadata(&script).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions(&script, perms).unwrap();
    let mut edit = coltiva(bruno);
    edit.env("GIT_CONFIG_GLOBAL", &team.config)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("VISUAL", &script)
        .args(["edit", "bianchi"]);
    let run = Run::of(&mut edit).ok();
    assert!(
        run.stderr.contains("not committed: a rebase")
            && run.stderr.contains("git add customers/bianchi.toml"),
        "{}",
        run.stderr
    );
    team.git_ok(bruno, &["add", "customers/bianchi.toml"]);
    let (ok, out) = team.finish(bruno);
    assert!(ok, "{out}");
    assert!(team.file(bruno, "bianchi").contains("Brescia"));
    team.coltiva(bruno, &["check"]).ok();
}

/// On a detached HEAD, a write that leaves its file as committed (a repair cutting off a torn
/// tail the last commit never had) makes no commit, and says nothing of one.
#[test]
fn a_write_that_commits_nothing_on_a_detached_head_says_nothing_of_a_commit() {
    let team = Team::new(1);
    let anna = &team.clones[0];
    team.git_ok(anna, &["checkout", "--quiet", "--detach"]);
    let head = team.git_ok(anna, &["rev-parse", "HEAD"]);
    let path = anna.join("customers/acme.toml");
    let committed = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!("{committed}\n[[interaction]]\nat = 2026-11-2"),
    )
    .unwrap();
    let run = team.coltiva(anna, &["repair", "acme"]).ok();
    assert!(!run.stderr.contains("detached HEAD"), "{}", run.stderr);
    assert!(!run.stderr.contains("committed"), "{}", run.stderr);
    assert_eq!(team.git_ok(anna, &["rev-parse", "HEAD"]), head, "no commit");
    assert_eq!(fs::read_to_string(&path).unwrap(), committed);
}

#[test]
fn autocommit_on_a_detached_head_says_so_and_repair_leaves_nothing_untracked() {
    let team = Team::new(1);
    let anna = &team.clones[0];
    team.git_ok(anna, &["checkout", "--quiet", "--detach"]);
    let run = team
        .coltiva(anna, &["log", "acme", "Detached", "--at", "2026-11-22"])
        .ok();
    assert!(run.stderr.contains("detached HEAD"), "{}", run.stderr);
    team.git_ok(anna, &["checkout", "--quiet", "main"]);
    // A journal set up before the .rej line existed: init's .gitignore without it.
    let ignore = anna.join(".gitignore");
    let text = fs::read_to_string(&ignore).unwrap();
    fs::write(&ignore, text.replace("customers/*.toml.rej\n", "")).unwrap();
    team.git_ok(anna, &["commit", "--quiet", "-am", "an older set-up"]);
    let path = anna.join("customers/acme.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n[[interaction]]\nat = 2026-11-2");
    fs::write(&path, text).unwrap();
    let run = team.coltiva(anna, &["repair", "acme"]).ok();
    assert!(run.stderr.contains(".gitignore"), "{}", run.stderr);
    assert!(anna.join("customers/acme.toml.rej").exists());
    let status = team.git_ok(anna, &["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status, "", "nothing untracked or uncommitted");
    team.coltiva(anna, &["check"]).ok();
}
