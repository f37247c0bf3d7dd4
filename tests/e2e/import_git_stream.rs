//! An import of many customers into a git journal with autocommit: git stages each batch of
//! files while coltiva writes the next (`git::Stager`), and the outcome is the one commit the
//! import always made. Where the fast route does not apply (something staged by the user, an
//! ignored path) the import commits as before.
//!
//! Both routes end in the same commit, so each test runs coltiva with a `git` of its own first
//! on the PATH: a script that notes, whenever `git update-index` starts, how many customer
//! files exist, then runs the real git. Staged while written, `update-index` starts before the
//! first file (0); staged after the writing, it starts with every file there.

// Unix: drives git through a shell script, which a Windows program under wine cannot start
// (CI runs these on Linux).
#![cfg(unix)]

use crate::common;

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use common::*;
use tempfile::TempDir;

/// The `git` the tests put first on the PATH (see the module's comment).
const GIT_WRAPPER: &str = "#!/bin/sh
case \" $* \" in
  *' update-index '*)
    ls \"$COLTIVA_TEST_JOURNAL/customers\" | grep -c '\\.toml$' >>\"$COLTIVA_TEST_LOG\" ;;
esac
exec \"$COLTIVA_TEST_REAL_GIT\" \"$@\"
";

/// An `init --git` journal (autocommit on) and the git that watches `update-index`.
struct GitJournal {
    tmp: TempDir,
    dir: PathBuf,
    config: PathBuf,
    bin: PathBuf,
    real_git: PathBuf,
}

impl GitJournal {
    fn new() -> GitJournal {
        let tmp = TempDir::new().unwrap();
        let config = gitconfig(tmp.path());
        let dir = tmp.path().join("journal");
        let real_git = std::env::split_paths(&std::env::var_os("PATH").unwrap())
            .map(|d| d.join("git"))
            .find(|p| p.is_file())
            .expect("git on the PATH");
        // Written first, long before anything runs it: a script still open for writing in a
        // child another test forked cannot be run ("text file busy").
        let bin = tmp.path().join("bin");
        fs::create_dir(&bin).unwrap();
        let wrapper = bin.join("git");
        fs::write(&wrapper, GIT_WRAPPER).unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).unwrap();
        let j = GitJournal {
            tmp,
            dir,
            config,
            bin,
            real_git,
        };
        Run::of(j.cmd().args(["init", "--git"]).arg(&j.dir)).ok();
        let settings = fs::read_to_string(j.dir.join("coltiva.toml")).unwrap();
        assert!(settings.contains("autocommit = true"), "{settings}");
        j
    }

    /// `coltiva --dir <journal> --today …` with the test's git configuration and watching git.
    fn cmd(&self) -> Command {
        let mut cmd = coltiva(&self.dir);
        with_git(&mut cmd, &self.config);
        let path = std::env::join_paths(
            std::iter::once(self.bin.clone())
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        cmd.env("PATH", path)
            .env("COLTIVA_TEST_JOURNAL", &self.dir)
            .env("COLTIVA_TEST_LOG", self.log())
            .env("COLTIVA_TEST_REAL_GIT", &self.real_git);
        cmd
    }

    fn log(&self) -> PathBuf {
        self.tmp.path().join("update-index.log")
    }

    /// How many customer files existed at each start of `git update-index` since the last
    /// call (and forgets them).
    fn update_index_starts(&self) -> Vec<usize> {
        let text = fs::read_to_string(self.log()).unwrap_or_default();
        let _ = fs::remove_file(self.log());
        text.lines().map(|l| l.trim().parse().unwrap()).collect()
    }

    fn git(&self, args: &[&str]) -> String {
        git(&self.dir, &self.config, args)
    }

    fn commits(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    /// The customer files on the disk, as git names them, sorted.
    fn customer_files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir.join("customers"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| format!("customers/{n}"))
            .collect();
        names.sort();
        names
    }

    /// The last commit's subject, and the files it changed (sorted).
    fn last_commit(&self) -> (String, Vec<String>) {
        let subject = self.git(&["log", "-1", "--format=%s"]).trim().to_string();
        let mut names: Vec<String> = self
            .git(&["show", "--name-only", "--format=", "HEAD"])
            .lines()
            .map(str::to_string)
            .collect();
        names.sort();
        (subject, names)
    }

    /// `git status --porcelain` is empty and `git fsck --strict` finds nothing.
    #[track_caller]
    fn clean(&self) {
        assert_eq!(self.git(&["status", "--porcelain"]), "");
        let fsck = git_output(&self.dir, &self.config, &["fsck", "--strict"]);
        assert!(
            fsck.status.success() && fsck.stdout.is_empty(),
            "git fsck: {}{}",
            String::from_utf8_lossy(&fsck.stdout),
            String::from_utf8_lossy(&fsck.stderr)
        );
    }
}

/// A CSV of one interaction for each of the new customers `c0001`… `c{n}` (all files the
/// same size), in a folder of its own.
fn rows(n: usize) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("rows.csv");
    let mut wtr = csv::Writer::from_path(&path).unwrap();
    wtr.write_record(["customer", "type", "at", "summary"])
        .unwrap();
    for i in 1..=n {
        wtr.write_record([&format!("c{i:04}"), "interaction", "2026-11-02", "Called"])
            .unwrap();
    }
    wtr.flush().unwrap();
    (dir, path)
}

/// git 2.37 on streams the staged blobs into one pack (see `git::packs_in_one_go`).
fn packs_in_one_go() -> bool {
    let out = std::process::Command::new("git")
        .arg("--version")
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    let mut parts = line
        .trim()
        .trim_start_matches("git version ")
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (2, 37)
}

/// An import that stopped on an error: exit 1, nothing on stdout, each of `says` on stderr,
/// and no warning (the commit of what was written went through).
#[track_caller]
fn stopped(run: &Run, says: &[&str]) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    for text in says {
        assert!(run.stderr.contains(text), "{text:?} in {}", run.stderr);
    }
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// A number of `git count-objects -v`.
fn objects(j: &GitJournal, key: &str) -> usize {
    let counts = j.git(&["count-objects", "-v"]);
    let line = counts
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("{key} in {counts}"));
    line[key.len()..].trim().parse().unwrap()
}

#[test]
fn many_new_customers_are_staged_while_written_and_committed_once() {
    let j = GitJournal::new();
    let before = j.commits();
    let _ = j.update_index_starts();
    let (_csv_dir, csv) = rows(1500);
    let run = Run::of(j.cmd().arg("import").arg(&csv)).ok();
    assert!(
        run.stderr.contains("1500 customers"),
        "the summary: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // git started staging before the first file was written, once.
    assert_eq!(j.update_index_starts(), [0]);
    assert_eq!(j.commits(), before + 1);
    let (subject, names) = j.last_commit();
    assert_eq!(
        subject,
        "import rows.csv: 1500 records (1500 interactions) for 1500 customers (1500 new)"
    );
    let expected: Vec<String> = (1..=1500)
        .map(|i| format!("customers/c{i:04}.toml"))
        .collect();
    assert_eq!(names, expected);
    assert_eq!(j.customer_files(), expected);
    j.clean();
    if packs_in_one_go() {
        assert_eq!(objects(&j, "packs:"), 1);
        assert_eq!(objects(&j, "in-pack:"), 1500, "every file's blob, one pack");
    }
    // What was committed is what is on the disk.
    assert_eq!(
        j.git(&["show", "HEAD:customers/c0777.toml"]).into_bytes(),
        fs::read(j.dir.join("customers/c0777.toml")).unwrap()
    );
}

#[test]
fn an_import_stopped_midway_commits_the_files_it_wrote() {
    // The size of one customer's file: every file of `rows` has it.
    let plain = Journal::new();
    let (_one_dir, one) = rows(1);
    plain.ok(["import", one.to_str().unwrap()]);
    let size = fs::metadata(plain.root().join("customers/c0001.toml"))
        .unwrap()
        .len();
    let j = GitJournal::new();
    let before = j.commits();
    let _ = j.update_index_starts();
    let (_csv_dir, csv) = rows(1500);
    // Room for the first batch (1,000 new customers) and half a file: the second batch stops
    // on a full disk.
    let run = Run::of(
        j.cmd()
            .env(
                "COLTIVA_FAULT",
                format!("enospc-after:{}", 1000 * size + size / 2),
            )
            .arg("import")
            .arg(&csv),
    );
    stopped(
        &run,
        &[
            "No space left on device",
            "1000 customer files were written before the error; importing again adds only what is missing",
        ],
    );
    assert_eq!(j.update_index_starts(), [0]);
    // The files written are committed, all of them and nothing else.
    assert_eq!(j.commits(), before + 1);
    let (subject, names) = j.last_commit();
    assert_eq!(subject, "import rows.csv (interrupted)");
    assert_eq!(names.len(), 1000);
    assert_eq!(names, j.customer_files());
    j.clean();
    // Importing again adds and commits the rest, staged while written (git starts with the
    // 1,000 files there before).
    Run::of(j.cmd().arg("import").arg(&csv)).ok();
    assert_eq!(j.update_index_starts(), [1000]);
    assert_eq!(j.commits(), before + 2);
    let (_, names) = j.last_commit();
    assert_eq!(names.len(), 500);
    assert_eq!(j.customer_files().len(), 1500);
    j.clean();
}

#[test]
fn something_the_user_staged_takes_the_old_route_and_stays_staged() {
    let j = GitJournal::new();
    let before = j.commits();
    fs::write(j.dir.join("notes.txt"), "mine\n").unwrap();
    j.git(&["add", "notes.txt"]);
    let _ = j.update_index_starts();
    let (_csv_dir, csv) = rows(100);
    Run::of(j.cmd().arg("import").arg(&csv)).ok();
    // Staged by pathspecs after the writing: no update-index at all.
    assert_eq!(j.update_index_starts(), Vec::<usize>::new());
    assert_eq!(j.commits(), before + 1);
    let (subject, names) = j.last_commit();
    assert!(
        subject.starts_with("import rows.csv: 100 records"),
        "{subject}"
    );
    assert_eq!(names, j.customer_files());
    assert_eq!(names.len(), 100);
    assert_eq!(j.git(&["diff", "--cached", "--name-only"]), "notes.txt\n");
    assert_eq!(j.git(&["status", "--porcelain"]), "A  notes.txt\n");
}

#[test]
fn an_ignored_customer_path_is_refused_by_git_as_before() {
    let j = GitJournal::new();
    let before = j.commits();
    let ignore = j.dir.join(".gitignore");
    let mut text = fs::read_to_string(&ignore).unwrap();
    text.push_str("customers/c0050.toml\n");
    fs::write(&ignore, text).unwrap();
    j.git(&["commit", "-qam", "ignore c0050"]);
    let _ = j.update_index_starts();
    let (_csv_dir, csv) = rows(100);
    let run = Run::of(j.cmd().arg("import").arg(&csv)).ok();
    assert!(
        run.stderr.contains(
            "coltiva: warning: the change is saved, but the commit did not complete: git could not stage the changed files"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("customers/c0050.toml"),
        "git names the ignored file: {}",
        run.stderr
    );
    assert_eq!(j.update_index_starts(), Vec::<usize>::new());
    // Every file written, nothing committed; `git add` staged the others (as before).
    assert_eq!(j.commits(), before + 1);
    assert_eq!(j.last_commit().0, "ignore c0050");
    let files = j.customer_files();
    assert_eq!(files.len(), 100);
    let staged: Vec<String> = j
        .git(&["diff", "--cached", "--name-only"])
        .lines()
        .map(str::to_string)
        .collect();
    let others: Vec<String> = files
        .into_iter()
        .filter(|f| f != "customers/c0050.toml")
        .collect();
    assert_eq!(staged, others);
}

/// A batch that stops while its files are being linked into place (a name taken meanwhile:
/// here a dangling link, which a check for an existing file does not see) leaves the files
/// linked before it on the disk, whole: the message counts them and the commit holds them.
/// They were left out of both once, with "0 customer files were written".
#[test]
fn files_linked_before_a_batch_stopped_are_counted_and_committed() {
    let j = GitJournal::new();
    let before = j.commits();
    let (_csv_dir, csv) = rows(3);
    std::os::unix::fs::symlink("/nonexistent", j.dir.join("customers/c0002.toml")).unwrap();
    let run = Run::of(j.cmd().arg("import").arg(&csv));
    stopped(
        &run,
        &[
            "customers/c0002.toml; it was left untouched; 1 of 3 new customer files were created, each complete",
            "\n1 customer file was written before the error; importing again adds only what is missing",
        ],
    );
    assert_eq!(j.commits(), before + 1);
    let (subject, names) = j.last_commit();
    assert_eq!(subject, "import rows.csv (interrupted)");
    assert_eq!(names, ["customers/c0001.toml"]);
    assert!(
        fs::symlink_metadata(j.dir.join("customers/c0002.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!j.dir.join("customers/c0003.toml").exists());
}
