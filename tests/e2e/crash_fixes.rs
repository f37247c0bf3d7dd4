//! What the crash-state exploration of issue 25 found besides torn records, each fixed and
//! asserted end to end: folder fsyncs and their errors, `init` over a settings file that is not
//! one, journal discovery that never falls back, closed output, a writer waiting on a lock,
//! read-only dry runs (docs/DURABILITY.md).

use crate::common;

use std::fs;
use std::path::Path;

use common::{Journal, Run, assert_unchanged, bare, coltiva, files};

// ---------------------------------------------------------------------------------------------
// init over a coltiva.toml that is not settings

#[test]
fn init_over_a_settings_file_that_is_not_one_names_it_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "nuls",
            &[0u8; 700],
            "exists but holds only NUL bytes (it was being created when the machine stopped?)",
        ),
        (
            "some-nuls",
            b"schema = 1\n\0\0\0\0",
            "exists but holds 4 NUL bytes (damaged by a crash?)",
        ),
        (
            "syntax",
            b"schema = [\n",
            "exists but is not a journal's settings:",
        ),
    ];
    for (name, bytes, message) in cases {
        let root = tmp.path().join(name);
        fs::create_dir(&root).unwrap();
        fs::write(root.join("coltiva.toml"), bytes).unwrap();
        let before = files(&root);
        for args in [vec!["init"], vec!["init", "--git"]] {
            let run = Run::of(bare(&root).args(&args));
            assert_eq!(run.code, 1, "{name} {args:?}: {run:?}");
            assert!(run.stderr.contains(message), "{name}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!(
                    "nothing was changed; fix it by hand, or move it aside (`mv {0} {0}.bad`) and run `coltiva init` again",
                    root.join("coltiva.toml").display()
                )),
                "{name}: {}",
                run.stderr
            );
            assert!(!run.stderr.contains("already a journal"), "{}", run.stderr);
            assert_eq!(run.stdout, "");
            assert_unchanged(&before, &files(&root), &format!("init over {name}"));
            assert!(!root.join(".git").exists(), "{name}: no repository");
        }
    }
    // A settings file that reads is a journal, as before.
    let root = tmp.path().join("fine");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("coltiva.toml"), "# mine\nschema = 1\n").unwrap();
    let run = Run::of(bare(&root).arg("init")).ok();
    assert!(
        run.stderr.contains("is already a journal"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Folder fsyncs: their errors are reported, never ignored (COLTIVA_FAULT=dirsync-fail)

#[test]
fn a_failing_folder_fsync_is_reported_by_init_add_and_repair() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("journal");
    let run = Run::of(
        bare(tmp.path())
            .env("COLTIVA_FAULT", "dirsync-fail")
            .arg("init")
            .arg(&root),
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("could not flush the folder")
            && run
                .stderr
                .contains("what was just written there may not survive a crash or power loss")
            && run.stderr.contains("then run `coltiva check`"),
        "{}",
        run.stderr
    );
    let j = Journal::new();
    let add = Run::of(
        j.cmd()
            .env("COLTIVA_FAULT", "dirsync-fail")
            .args(["add", "ACME", "--id", "acme"]),
    );
    assert_eq!(add.code, 1, "{add:?}");
    assert!(
        add.stderr.contains(&format!(
            "could not flush the folder {} to disk",
            j.root().join("customers").display()
        )),
        "{}",
        add.stderr
    );
    // repair: the .rej file holds a copy of the tail, the customer file is as it was.
    let path = j.file("acme");
    let good = fs::read(&path).unwrap();
    let torn = [&good[..], b"\n[[order]]\nat = 2026-11-20\n"].concat();
    fs::write(&path, &torn).unwrap();
    let repair = Run::of(
        j.cmd()
            .env("COLTIVA_FAULT", "dirsync-fail")
            .args(["repair", "acme"]),
    );
    assert_eq!(repair.code, 1, "{repair:?}");
    assert!(
        repair.stderr.contains("could not flush the folder")
            && repair.stderr.contains(&format!(
                "nothing was moved: {} is as it was, and {} holds a copy of its broken tail",
                path.display(),
                path.with_extension("toml.rej").display()
            )),
        "{}",
        repair.stderr
    );
    assert_eq!(fs::read(&path).unwrap(), torn);
    // Without the fault, repair finishes the job.
    j.ok(["repair", "acme"]);
    assert_eq!(fs::read(&path).unwrap(), good);
}

// ---------------------------------------------------------------------------------------------
// Journal discovery never falls back because a path could not be read

#[test]
fn a_current_folder_too_long_to_look_into_is_an_error_never_another_journal() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // A folder whose path fits the system's limit (4096 bytes) but not with "/coltiva.toml".
    let mut deep = tmp.path().to_path_buf();
    while deep.as_os_str().len() < 4096 - 200 - 8 {
        deep.push("d".repeat(200));
    }
    let pad = 4090 - deep.as_os_str().len() - 1;
    deep.push("e".repeat(pad));
    fs::create_dir_all(&deep).unwrap();
    assert!(deep.join("coltiva.toml").as_os_str().len() > 4095);
    // The journal is there, written through a relative path.
    let made = std::process::Command::new("sh")
        .args([
            "-c",
            "printf 'schema = 1\\n' > coltiva.toml && mkdir customers",
        ])
        .current_dir(&deep)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [&["add", "ACME", "--id", "acme"][..], &["list"]] {
        let run = Run::of(
            bare(&deep)
                .env("XDG_DATA_HOME", &data)
                .env("HOME", tmp.path())
                .args(["--today", "2026-11-23"])
                .args(args),
        );
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert!(
            run.stderr.contains("could not look for coltiva.toml in")
                && run.stderr.contains("File name too long")
                && run
                    .stderr
                    .contains("coltiva does not go on to another journal")
                && run.stderr.contains("`--dir .`"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            !data.exists(),
            "{args:?}: nothing written to the data folder"
        );
    }
    // The fix the message gives works.
    let run = Run::of(bare(&deep).args([
        "--dir",
        ".",
        "--today",
        "2026-11-23",
        "add",
        "ACME",
        "--id",
        "acme",
    ]));
    assert_eq!(run.code, 0, "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// Output and locks

#[test]
fn a_closed_stdout_is_an_error_not_a_silent_success() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$0\" --dir \"$1\" --today 2026-11-23 list >&-")
        .arg(env!("CARGO_BIN_EXE_coltiva"))
        .arg(j.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not write the output: standard output is closed"),
        "{stderr}"
    );
    // Output thrown away on purpose, or a pipe closed by its reader (`| true`), stays a quiet
    // success, as before.
    for shell in [
        "\"$0\" --dir \"$1\" --today 2026-11-23 list >/dev/null",
        "\"$0\" --dir \"$1\" --today 2026-11-23 list | true",
    ] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(shell)
            .arg(env!("CARGO_BIN_EXE_coltiva"))
            .arg(j.root())
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {out:?}");
        assert_eq!(out.stderr, b"", "{shell}");
    }
    // A write command printing nothing on stdout is unaffected.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$0\" --dir \"$1\" --today 2026-11-23 log acme called >&-")
        .arg(env!("CARGO_BIN_EXE_coltiva"))
        .arg(j.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(j.text("acme").contains("summary = \"called\""));
}

#[test]
fn a_writer_waiting_on_another_says_so_after_a_second() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    let stderr = j.log_while_locked("acme", "waited");
    assert!(
        stderr.contains(&format!(
            "waiting for another coltiva process writing {}…",
            j.file("acme").display()
        )),
        "{stderr}"
    );
    assert!(j.text("acme").contains("summary = \"waited\""));
    // Without a wait, not a word about it.
    let run = j.ok(["log", "acme", "no wait"]);
    assert!(!run.stderr.contains("waiting"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// Read-only journals

struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Makes `dir` read-only: a read-only tmpfs copy when root (root writes through permissions),
/// else the permissions.
fn read_only(dir: &Path, mount: &Path) -> Option<(std::path::PathBuf, Option<Mounted>)> {
    let root = std::process::Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        let status = std::process::Command::new("chmod")
            .args(["-R", "a-w"])
            .arg(dir)
            .status()
            .ok()?;
        return status.success().then(|| (dir.to_path_buf(), None));
    }
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(mount)
        .status()
        .ok()?;
    if !mounted.success() {
        return None;
    }
    let guard = Mounted(mount.to_path_buf());
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(dir)
        .arg(mount)
        .status()
        .ok()?;
    let remounted = std::process::Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(mount)
        .status()
        .ok()?;
    (copied.success() && remounted.success())
        .then(|| (mount.join(dir.file_name().unwrap()), Some(guard)))
}

#[test]
fn undo_dry_run_works_on_a_read_only_journal() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    j.ok(["log", "acme", "to take back"]);
    let mount = tempfile::tempdir().unwrap();
    let Some((root, _guard)) = read_only(j.root(), mount.path()) else {
        common::skip_unless_required("no way to make a read-only journal here");
        return;
    };
    let before = files(&root);
    let run = Run::of(coltiva(&root).args(["undo", "--dry-run"]));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("would take back") && run.stdout.contains("to take back"),
        "{run:?}"
    );
    assert_unchanged(&before, &files(&root), "undo --dry-run");
    // The real undo needs to write: refused, naming the file, nothing changed.
    let run = Run::of(coltiva(&root).args(["undo"]));
    assert_eq!(run.code, 1, "{run:?}");
    assert_unchanged(&before, &files(&root), "undo on a read-only journal");
}

// ---------------------------------------------------------------------------------------------
// git autocommit durability

/// A journal made by `init --git` with a private git configuration, and that configuration.
fn git_journal(tmp: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let config = common::gitconfig(tmp);
    let root = tmp.join("journal");
    let mut init = bare(tmp);
    common::with_git(&mut init, &config);
    Run::of(init.arg("init").arg(&root).arg("--git")).ok();
    (root, config)
}

fn coltiva_git(root: &Path, config: &Path, args: &[&str]) -> Run {
    let mut cmd = coltiva(root);
    common::with_git(&mut cmd, config);
    Run::of(cmd.args(args))
}

#[test]
fn autocommit_asks_git_to_flush_what_it_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, config) = git_journal(tmp.path());
    coltiva_git(&root, &config, &["add", "ACME", "--id", "acme"]).ok();
    // A `git` first in PATH that notes its arguments, then runs the real one.
    let bin = tmp.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let real = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let log = tmp.path().join("git-args");
    let wrapper = bin.join("git");
    fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real.trim()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&wrapper)
        .status()
        .unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let mut cmd = coltiva(&root);
    common::with_git(&mut cmd, &config);
    Run::of(cmd.env("PATH", &path).args(["log", "acme", "called"])).ok();
    let calls = fs::read_to_string(&log).unwrap();
    let commit = calls
        .lines()
        .find(|l| l.contains(" commit "))
        .unwrap_or_else(|| panic!("no commit in {calls}"));
    assert!(
        commit.starts_with("-c core.fsync=committed,index -c core.fsyncMethod=fsync "),
        "{commit}"
    );
    assert!(
        calls
            .lines()
            .all(|l| l.starts_with("-c core.fsync=committed,index")),
        "{calls}"
    );
    assert!(common::git(&root, &config, &["log", "--format=%s"]).contains("log acme"));
}

#[test]
fn check_names_a_damaged_last_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, config) = git_journal(tmp.path());
    // A repository without a commit yet is not damaged.
    let fresh = tmp.path().join("fresh");
    fs::create_dir(&fresh).unwrap();
    common::git(&fresh, &config, &["init", "-q"]);
    Run::of(bare(&fresh).arg("init")).ok();
    let mut check = coltiva(&fresh);
    common::with_git(&mut check, &config);
    Run::of(check.arg("check")).ok();

    coltiva_git(&root, &config, &["add", "ACME", "--id", "acme"]).ok();
    coltiva_git(&root, &config, &["log", "acme", "called"]).ok();
    coltiva_git(&root, &config, &["check"]).ok();
    let head = common::git(&root, &config, &["rev-parse", "HEAD"]);
    let head = head.trim();
    let branch = common::git(&root, &config, &["symbolic-ref", "HEAD"]);
    let object = root.join(".git/objects").join(&head[..2]).join(&head[2..]);
    let saved = fs::read(&object).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&object, fs::Permissions::from_mode(0o644)).unwrap();
    }
    // What git's default (no fsync) can leave after a crash: the commit's object file empty.
    fs::write(&object, b"").unwrap();
    let before = files(&root);
    let run = coltiva_git(&root, &config, &["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(&format!(
            "git: the last commit (HEAD, {head}) cannot be read (error: object file .git/objects/{}/{} is empty): the repository's history is damaged",
            &head[..2],
            &head[2..]
        )) && run.stdout.contains("the customer files are not affected. `git fsck --full`"),
        "{}",
        run.stdout
    );
    assert_unchanged(&before, &files(&root), "check");
    fs::write(&object, saved).unwrap();
    // The branch ref full of NULs.
    let reference = root.join(".git").join(branch.trim());
    fs::write(&reference, [0u8; 41]).unwrap();
    let run = coltiva_git(&root, &config, &["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(&format!(
            "git: the current branch cannot be read (warning: ignoring broken ref {})",
            branch.trim()
        )),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// Money stays exact beyond 64-bit totals

#[test]
fn twelve_thousand_orders_of_the_largest_amount_total_exactly() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    let csv = j.tmp().join("orders.csv");
    let mut rows = String::from("customer,type,at,amount,ref\n");
    for i in 0..12_000 {
        rows.push_str(&format!("acme,order,2026-11-20,9999999999999.99,F-{i}\n"));
    }
    fs::write(&csv, rows).unwrap();
    j.ok(["import", csv.to_str().unwrap()]);
    // 12,000 × 9,999,999,999,999.99 = 119,999,999,999,999,880.00: 11,999,999,999,999,988,000
    // cents, past the largest 64-bit count (9,223,372,036,854,775,807).
    let list = j.ok(["list", "--format", "csv"]);
    assert!(
        list.stdout.contains(",119999999999999880.00,"),
        "{}",
        list.stdout
    );
    let json = j.json(["list", "--format", "json"]);
    assert_eq!(
        json[0]["order_total"].to_string(),
        "119999999999999880",
        "{json}"
    );
    let table = j.ok(["show", "acme"]);
    assert!(
        table.stdout.contains("119,999,999,999,999,880.00"),
        "{}",
        table.stdout
    );
    let check = j.ok(["check"]);
    assert!(
        check.stderr.contains("1 customer and 12000 records"),
        "{}",
        check.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Leftovers of interrupted commands

#[test]
fn temp_files_of_an_interrupted_write_are_named_by_check_and_removed_by_the_next_add() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    let customers = j.root().join("customers");
    // PID 4194305 is above Linux's largest: a process that is gone. This test's own is alive.
    let gone = customers.join("bolt.toml.tmp-4194305");
    let alive = customers.join(format!("cargo.toml.tmp-{}", std::process::id()));
    fs::write(&gone, "schema = 1\nname = \"Bolt\"\n").unwrap();
    fs::write(&alive, "schema = 1\n").unwrap();
    let check = j.ok(["check"]);
    assert!(
        check.stderr.contains(&format!(
            "note: {0} is left over from an interrupted write (its process is gone); it holds nothing the journal needs: delete it (`rm {0}`), or let the next `coltiva add` or `import` remove it",
            gone.display()
        )) && check.stderr.contains(&format!(
            "note: {} is being written by process {} (a coltiva running now)",
            alive.display(),
            std::process::id()
        )),
        "{}",
        check.stderr
    );
    j.add("Cargo S.p.A.", &["--id", "cargo-spa"]);
    assert!(!gone.exists(), "the gone process's file is removed");
    assert!(alive.exists(), "a running process's file is kept");
}

#[cfg(target_os = "linux")]
#[test]
fn an_edit_killed_by_ctrl_c_leaves_nothing_in_tmpdir_and_the_next_edit_cleans_up() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    let tmpdir = j.tmp().join("tmpdir");
    fs::create_dir(&tmpdir).unwrap();
    let editor = j.tmp().join("slow-editor");
    fs::write(&editor, "#!/bin/sh\nsleep 20\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let mut child = j
        .spawnable()
        .args(["edit", "acme"])
        .env("EDITOR", &editor)
        .env("TMPDIR", &tmpdir)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let edit_dir = j.root().join(".cache/edit");
    let copy = || {
        fs::read_dir(&edit_dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path().join("acme.toml"))
                    .find(|p| p.is_file())
            })
            .ok()
            .flatten()
    };
    for _ in 0..100 {
        if copy().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let leftover = copy().expect("the copy being edited is in .cache/edit");
    assert!(
        leftover
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(&format!("{}-", child.id())),
        "{}",
        leftover.display()
    );
    // Ctrl-C; but a suite started in the background by a shell without job control has
    // SIGINT ignored, which coltiva inherits (and then rightly keeps waiting for its editor):
    // there, SIGTERM ends it the same way.
    let ignored = fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (2 - 1)) != 0);
    let signal = if ignored { "-TERM" } else { "-INT" };
    std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert_eq!(
        fs::read_dir(&tmpdir).unwrap().count(),
        0,
        "nothing in $TMPDIR"
    );
    assert!(
        leftover.exists(),
        "the copy stays inside the journal, out of git"
    );
    // The next edit removes it.
    let run = Run::of(j.cmd().args(["edit", "acme"]).env("EDITOR", "true"));
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        !leftover.parent().unwrap().exists(),
        "removed by the next edit"
    );
}
