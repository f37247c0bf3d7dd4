//! Nobody in, nothing hangs: links planted in the journal (git carries them), FIFOs where
//! files should be, terminal escapes in names, promise ids the index gets wrong.

use crate::common;

use std::fs;
#[cfg(unix)]
use std::path::Path;
#[cfg(unix)]
use std::time::Duration;

use common::*;

/// A folder outside the journal with one file, to prove nothing there changes.
#[cfg(unix)]
fn outside(j: &Journal) -> std::path::PathBuf {
    let dir = j.tmp().join("outside");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("precious.txt"), "do not touch\n").unwrap();
    dir
}

#[track_caller]
#[cfg(unix)]
fn untouched(dir: &Path) {
    let names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["precious.txt"], "something was written outside");
    assert_eq!(
        fs::read_to_string(dir.join("precious.txt")).unwrap(),
        "do not touch\n"
    );
}

/// Runs with a time limit: a command waiting on a FIFO fails the test instead of hanging it.
#[cfg(unix)]
fn timed(j: &Journal, args: &[&str]) -> Run {
    Run::of(
        j.cmd()
            .env("EDITOR", "true")
            .timeout(Duration::from_secs(20))
            .args(args),
    )
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn a_linked_promise_index_is_never_written_through() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    let out = outside(&j);
    fs::create_dir_all(j.root().join(".cache")).unwrap();
    std::os::unix::fs::symlink(&out, j.root().join(".cache/promises")).unwrap();
    let id = j.promise("acme", "send the quote", "2026-12-01", &[]);
    // A lookup by prefix would rebuild the index: it must not, through the link.
    j.ok(["keep", &id[..3]]);
    untouched(&out);
    let run = j.run(["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(".cache/promises") && run.stdout.contains("symbolic link"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("deleting it is safe"), "{}", run.stdout);
    untouched(&out);
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn a_linked_index_shard_is_never_appended_to() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    let first = j.promise("acme", "first", "2026-12-01", &[]);
    // Build the index (a prefix lookup scans and writes it).
    j.ok(["keep", &first[..4]]);
    let shards = j.root().join(".cache/promises");
    assert!(shards.join("stamp").is_file(), "the index was built");
    let out = outside(&j);
    // Plant a link in place of every shard, so whatever id comes next meets one.
    for entry in fs::read_dir(&shards).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "stamp" {
            fs::remove_file(&path).unwrap();
            std::os::unix::fs::symlink(out.join("precious.txt"), &path).unwrap();
        }
    }
    let second = j.promise("acme", "second", "2026-12-02", &[]);
    untouched(&out);
    let run = j.run(["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("should be a regular file but is a symbolic link"),
        "{}",
        run.stdout
    );
    // A rebuild of the index replaces the links themselves (rename), never writes through them.
    j.ok(["keep", &second[..4]]);
    untouched(&out);
    j.ok(["check"]);
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn init_never_appends_to_a_linked_gitignore() {
    let j = Journal::new();
    let out = outside(&j);
    std::os::unix::fs::symlink(out.join("precious.txt"), j.root().join(".gitignore")).unwrap();
    let run = Run::of(bare(j.tmp()).args(["init", "--git"]).arg(j.root()));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(".gitignore is a symbolic link"),
        "{}",
        run.stderr
    );
    untouched(&out);
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn a_linked_customers_folder_is_refused_and_named() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    j.ok(["log", "acme", "called"]);
    let out = outside(&j);
    // Someone's commit replaces customers/ with a link to a folder elsewhere.
    let real = j.tmp().join("moved-customers");
    fs::rename(j.root().join("customers"), &real).unwrap();
    std::os::unix::fs::symlink(&out, j.root().join("customers")).unwrap();
    for args in [
        &["list"][..],
        &["log", "acme", "again"],
        &["add", "Bolt", "--id", "bolt"],
        &["show", "acme"],
        &["export"],
    ] {
        j.fails(args, 1, "customers is a symbolic link");
    }
    untouched(&out);
    let run = j.run(["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("customers: "), "{}", run.stdout);
    assert!(run.stdout.contains("symbolic link"), "{}", run.stdout);
    untouched(&out);
    // The records are where they were.
    assert!(
        fs::read_to_string(real.join("acme.toml"))
            .unwrap()
            .contains("called")
    );
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn a_fifo_among_the_customers_never_hangs_anything() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    j.ok(["order", "acme", "100"]);
    mkfifo(&j.root().join("customers/pipe.toml"));
    let before = j.files_without_fifo();
    for args in [
        &["list"][..],
        &["report"],
        &["export"],
        &["show", "pipe"],
        &["log", "pipe", "hello"],
        &["forget", "pipe", "--yes"],
        &["edit", "pipe"],
    ] {
        let run = timed(&j, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("pipe.toml is not a regular file (it is a named pipe (FIFO))"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = timed(&j, &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("pipe.toml") && run.stdout.contains("named pipe"),
        "{}",
        run.stdout
    );
    assert_unchanged(&before, &j.files_without_fifo(), "FIFO commands");
    assert!(j.root().join("customers/pipe.toml").exists());
    assert_eq!(j.count("acme", "order"), 1);
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn a_fifo_named_coltiva_toml_never_hangs() {
    let j = Journal::new();
    fs::remove_file(j.root().join("coltiva.toml")).unwrap();
    mkfifo(&j.root().join("coltiva.toml"));
    for args in [&["list"][..], &["check"], &["add", "ACME"]] {
        let run = timed(&j, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("coltiva.toml is not a regular file (it is a named pipe (FIFO))"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[cfg(unix)]
trait NoFifo {
    fn files_without_fifo(&self) -> Files;
}

#[cfg(unix)]
impl NoFifo for Journal {
    /// Every regular file of the journal (the FIFO cannot be read without hanging the test).
    fn files_without_fifo(&self) -> Files {
        let mut out = Files::new();
        for entry in fs::read_dir(self.root().join("customers")).unwrap() {
            let path = entry.unwrap().path();
            if fs::symlink_metadata(&path).unwrap().is_file() {
                let rel = path.strip_prefix(self.root()).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
        out.insert(
            "coltiva.toml".into(),
            fs::read(self.root().join("coltiva.toml")).unwrap(),
        );
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Escapes: what is printed for a person never carries raw control characters.

#[test]
fn a_csv_customer_cell_with_escapes_is_refused_like_a_name() {
    let j = Journal::new();
    let csv = j.tmp().join("evil.csv");
    fs::write(
        &csv,
        "customer,type,at,amount\nEvil\u{1b}[2J\u{0}Corp,order,2026-11-02,10.00\n",
    )
    .unwrap();
    let run = j.fails(
        ["import", csv.to_str().unwrap()],
        1,
        "no control characters",
    );
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
    assert!(run.stderr.contains("customer"), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "raw ESC in {:?}",
        run.stderr
    );
}

#[test]
fn names_from_the_journal_are_shown_escaped_never_raw() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    // A teammate's commit writes escapes into the name (TOML allows \u001b).
    let text = j.text("acme").replace(
        "name = \"ACME\"",
        "name = \"ACME\\u001b]0;pwned\\u0007\\u202e\\u0000\"",
    );
    fs::write(j.file("acme"), text).unwrap();
    for args in [
        &["show", "acme"][..],
        &["list"],
        &["log", "acme", "called"],
        &["order", "acme", "5"],
    ] {
        let run = j.ok(args);
        for out in [&run.stdout, &run.stderr] {
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
                "{args:?} printed a raw control character: {out:?}"
            );
        }
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("ACME\\u{1b}]0;pwned"), "{args:?}: {all}");
    }
    // Programs get the exact text.
    let json = j.json(["show", "acme", "--format", "json"]);
    assert!(json.to_string().contains("\\u001b"), "{json}");
}

// ---------------------------------------------------------------------------------------------
// Promise lookups trust the files, not the index.

#[test]
fn two_promises_with_one_id_in_one_file_are_ambiguous() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    let id = j.promise("acme", "send the quote", "2026-12-01", &[]);
    // A bad merge duplicated the promise with another text.
    let text = j.text("acme");
    let start = text.find("[[promise]]").unwrap();
    let copy = text[start..].replace("send the quote", "send the samples");
    fs::write(j.file("acme"), format!("{text}\n{copy}")).unwrap();
    for args in [
        vec!["keep", id.as_str()],
        vec!["keep", &id[..3]],
        vec!["break", id.as_str()],
    ] {
        let run = j.fails(&args, 2, "is ambiguous");
        assert!(
            run.stderr.matches(&format!("acme/{id}")).count() == 2,
            "{args:?} should name both: {}",
            run.stderr
        );
    }
    let run = j.fails(["keep", &format!("acme/{id}")], 2, "is ambiguous");
    assert!(run.stderr.matches(&format!("acme/{id}")).count() == 2);
    assert_eq!(j.count("acme", "resolution"), 0);
}

#[test]
fn a_stale_index_after_an_import_never_picks_one_of_two_matches() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    j.add("Bolt", &["--id", "bolt"]);
    let csv = j.tmp().join("p.csv");
    fs::write(
        &csv,
        "customer,type,at,summary,due,promise\nacme,promise,2026-11-02,first,2026-12-01,kq1\n",
    )
    .unwrap();
    j.ok(["import", csv.to_str().unwrap()]);
    // Build the index: it now knows kq1 in acme.
    j.ok(["show", "acme"]);
    let run = j.run(["keep", "kq9"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(j.root().join(".cache/promises/stamp").is_file());
    // An import appends a promise with the same prefix to bolt: customers/ keeps its mtime.
    fs::write(
        &csv,
        "customer,type,at,summary,due,promise\nbolt,promise,2026-11-03,second,2026-12-02,kq2\n",
    )
    .unwrap();
    j.ok(["import", csv.to_str().unwrap()]);
    let run = j.fails(["keep", "kq"], 2, "is ambiguous");
    assert!(
        run.stderr.contains("acme/kq1") && run.stderr.contains("bolt/kq2"),
        "{}",
        run.stderr
    );
    assert_eq!(j.count("acme", "resolution"), 0);
    assert_eq!(j.count("bolt", "resolution"), 0);
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn a_linked_cache_folder_is_never_written_through_by_undo() {
    let j = Journal::new();
    j.add("ACME", &["--id", "acme"]);
    let out = outside(&j);
    let _ = fs::remove_dir_all(j.root().join(".cache"));
    std::os::unix::fs::symlink(&out, j.root().join(".cache")).unwrap();
    j.ok(["log", "acme", "called"]);
    j.ok(["set", "acme", "territory=Milano"]);
    untouched(&out);
    let run = j.run(["undo"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(".cache is a symbolic link"),
        "{}",
        run.stderr
    );
    untouched(&out);
    assert_eq!(j.count("acme", "interaction"), 1);
}
