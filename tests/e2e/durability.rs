//! Never lose a record: concurrent writers, header edits racing appends, killed writers,
//! torn tails and `repair`, privacy of files and `forget`.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::files;

fn coltiva(dir: &Path) -> Command {
    common::std_coltiva(dir)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    coltiva(dir).args(args).output().expect("run coltiva")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "coltiva {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A journal with one customer, `acme`.
fn journal() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    ok(&tmp.path().join("x"), &["init", dir.to_str().unwrap()]);
    ok(
        &dir,
        &[
            "add",
            "ACME S.r.l.",
            "--id",
            "acme",
            "--since",
            "2025-01-01",
        ],
    );
    (tmp, dir)
}

fn acme(dir: &Path) -> PathBuf {
    dir.join("customers/acme.toml")
}

/// The summaries of acme's interactions, read with the toml crate (not with coltiva).
fn summaries(dir: &Path) -> Vec<String> {
    let text = fs::read_to_string(acme(dir)).unwrap();
    let doc: toml::Table = toml::from_str(&text).expect("the file parses as TOML");
    doc.get("interaction")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("summary")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_hundred_concurrent_writers_lose_nothing() {
    let (_tmp, dir) = journal();
    let children: Vec<(String, Child)> = (0..100)
        .map(|i| {
            let summary = format!("writer {i:03}");
            let child = coltiva(&dir)
                .args(["log", "acme", &summary])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (summary, child)
        })
        .collect();
    for (summary, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{summary}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut found = summaries(&dir);
    found.sort();
    let expected: Vec<String> = (0..100).map(|i| format!("writer {i:03}")).collect();
    assert_eq!(found, expected);
    let check = run(&dir, &["check"]);
    assert!(check.status.success(), "{:?}", check);
}

#[test]
fn header_edits_racing_appends_lose_no_record() {
    // `set` replaces the file by rename; an appender waiting on the old file's lock must notice
    // and append to the new file instead.
    let (_tmp, dir) = journal();
    let mut children: Vec<Child> = Vec::new();
    for i in 0..40 {
        children.push(
            coltiva(&dir)
                .args(["log", "acme", &format!("racer {i:02}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        children.push(
            coltiva(&dir)
                .args(["set", "acme", &format!("counter={i}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
    }
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let mut found = summaries(&dir);
    found.sort();
    assert_eq!(found.len(), 40, "{found:?}");
    let text = fs::read_to_string(acme(&dir)).unwrap();
    assert_eq!(text.matches("counter = ").count(), 1, "{text}");
    assert!(run(&dir, &["check"]).status.success());
}

/// Reads what a finished writer printed on stderr.
fn stderr_of(child: &mut Child) -> String {
    use std::io::Read;
    let mut text = String::new();
    if let Some(mut err) = child.stderr.take() {
        err.read_to_string(&mut text).unwrap();
    }
    text
}

#[test]
fn killed_writers_never_lose_a_confirmed_record() {
    // Rounds of concurrent writers racing for the file's lock. In each round, as soon as
    // MIN_CONFIRMED writers have confirmed their record (exit 0 after "logged ..." on stderr),
    // every writer still running is killed with SIGKILL, wherever it is. Every confirmed record
    // must be in the file; a killed writer may have written its record or not, never half of
    // one that `repair` cannot move aside.
    const ROUNDS: usize = 4;
    const WRITERS: usize = 12;
    const MIN_CONFIRMED: usize = 3;
    let (_tmp, dir) = journal();
    let mut confirmed: Vec<String> = Vec::new();
    let mut killed = 0;
    for round in 0..ROUNDS {
        let mut running: Vec<(String, Child)> = (0..WRITERS)
            .map(|i| {
                let summary = format!("crash test {round}-{i:02}");
                let child = coltiva(&dir)
                    .args(["log", "acme", &summary])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (summary, child)
            })
            .collect();
        let mut confirmed_now = 0;
        let deadline = Instant::now() + Duration::from_secs(120);
        while confirmed_now < MIN_CONFIRMED && !running.is_empty() {
            assert!(Instant::now() < deadline, "round {round}: writers hang");
            let mut i = 0;
            while i < running.len() {
                let Some(status) = running[i].1.try_wait().unwrap() else {
                    i += 1;
                    continue;
                };
                let (summary, mut child) = running.swap_remove(i);
                let stderr = stderr_of(&mut child);
                assert!(status.success(), "{summary} failed unkilled: {stderr}");
                assert!(
                    stderr.contains("logged call with ACME S.r.l. (acme)"),
                    "{summary}: no confirmation: {stderr}"
                );
                confirmed.push(summary);
                confirmed_now += 1;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        for (summary, mut child) in running {
            let _ = child.kill(); // SIGKILL on unix; an error means it already exited
            let status = child.wait().unwrap();
            let stderr = stderr_of(&mut child);
            if status.success() {
                // Finished between the last poll and the kill: a confirmed record too.
                assert!(stderr.contains("logged call with"), "{summary}: {stderr}");
                confirmed.push(summary);
            } else {
                // Unix: killed by a signal, no exit code. Windows: TerminateProcess makes the
                // exit code 1, and a killed writer had no time to say why it failed.
                if cfg!(windows) {
                    assert!(
                        status.code() == Some(1) && !stderr.contains("coltiva:"),
                        "{summary}: not killed, failed: {stderr}"
                    );
                } else {
                    assert_eq!(
                        status.code(),
                        None,
                        "{summary}: not killed, failed: {stderr}"
                    );
                }
                killed += 1;
            }
        }
    }
    assert!(
        confirmed.len() >= ROUNDS * MIN_CONFIRMED,
        "only {} confirmed records: the test checks nothing",
        confirmed.len()
    );
    eprintln!("{} writers confirmed, {killed} killed", confirmed.len());
    assert!(
        killed > 0,
        "no writer was killed while running: the test kills nothing"
    );

    // A kill may leave a torn tail (check fails) or none (the append is one write): whatever
    // happened, repair must leave a clean file holding every confirmed record.
    if run(&dir, &["check"]).status.code() != Some(0) {
        let repair = run(&dir, &["repair", "acme"]);
        assert!(repair.status.success(), "{repair:?}");
    }
    // Then a power cut in the middle of one more writer's append, which SIGKILL alone cannot
    // produce: half a record at the end. The repair branch always runs.
    let rej_path = dir.join("customers/acme.toml.rej");
    let rej_before = fs::read(&rej_path).unwrap_or_default();
    let before_cut = fs::read(acme(&dir)).unwrap();
    let torn = "\n[[interaction]]\nat = 2026-11-23T10:00:00+01:00\nchannel = \"ca";
    let mut bytes = before_cut.clone();
    bytes.extend_from_slice(torn.as_bytes());
    fs::write(acme(&dir), &bytes).unwrap();
    let check = run(&dir, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "a torn tail passes check: {check:?}"
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("acme.toml:"));
    let repair = run(&dir, &["repair", "acme"]);
    assert!(repair.status.success(), "{repair:?}");
    let rej = fs::read(&rej_path).unwrap()[rej_before.len()..].to_vec();
    let kept = fs::read(acme(&dir)).unwrap();
    assert_eq!(
        [kept.as_slice(), rej.as_slice()].concat(),
        bytes,
        "repair lost bytes"
    );
    assert!(
        String::from_utf8_lossy(&rej).contains("channel = \"ca"),
        "the torn record was not moved aside"
    );
    let check = run(&dir, &["check"]);
    assert!(check.status.success(), "{check:?}");

    let found = summaries(&dir);
    for summary in &confirmed {
        assert!(found.contains(summary), "confirmed record lost: {summary}");
    }
    let mut unique = found.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        found.len(),
        "a record was written twice: {found:?}"
    );
    assert!(
        found.iter().all(|s| s.starts_with("crash test ")),
        "a record nobody wrote: {found:?}"
    );
}

#[test]
fn a_torn_tail_is_refused_then_repaired_without_losing_earlier_records() {
    let (_tmp, dir) = journal();
    for i in 0..5 {
        let at = format!("2026-11-0{}", i + 1);
        ok(&dir, &["log", "acme", &format!("call {i}"), "--at", &at]);
    }
    let whole = fs::read(acme(&dir)).unwrap();
    let last = String::from_utf8_lossy(&whole)
        .rfind("[[interaction]]")
        .unwrap();
    // Cut the last record at every byte: a power loss in the middle of the final write.
    for cut in (last + 1)..whole.len() - 1 {
        fs::write(acme(&dir), &whole[..cut]).unwrap();
        let torn = fs::read(acme(&dir)).unwrap();
        if toml::from_str::<toml::Table>(std::str::from_utf8(&torn).unwrap_or("\u{0}")).is_ok()
            && summaries(&dir).len() == 5
        {
            continue; // cut after the last field: still the complete record
        }
        let refused = run(&dir, &["log", "acme", "after the crash"]);
        assert_eq!(refused.status.code(), Some(1), "cut at {cut}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains("acme.toml:") && stderr.contains("coltiva repair acme"),
            "{stderr}"
        );
        assert_eq!(
            fs::read(acme(&dir)).unwrap(),
            torn,
            "a refused append changed the file"
        );

        let repair = run(&dir, &["repair", "acme"]);
        assert!(repair.status.success(), "cut at {cut}: {repair:?}");
        assert_eq!(summaries(&dir), ["call 0", "call 1", "call 2", "call 3"]);
        let rej = dir.join("customers/acme.toml.rej");
        let kept = fs::read(acme(&dir)).unwrap();
        let moved = fs::read(&rej).unwrap();
        assert_eq!(
            [kept.as_slice(), moved.as_slice()].concat(),
            torn,
            "repair lost or invented bytes"
        );
        fs::remove_file(&rej).unwrap();
    }
    ok(&dir, &["log", "acme", "after the repair"]);
    assert!(run(&dir, &["check"]).status.success());
}

#[test]
fn repair_refuses_to_move_more_than_the_last_record_without_force() {
    let (_tmp, dir) = journal();
    ok(&dir, &["log", "acme", "one", "--at", "2026-11-01"]);
    ok(&dir, &["log", "acme", "two", "--at", "2026-11-02"]);
    ok(&dir, &["log", "acme", "three", "--at", "2026-11-03"]);
    let text = fs::read_to_string(acme(&dir)).unwrap();
    let broken = text.replacen("summary = \"two\"", "summary = \"two", 1);
    fs::write(acme(&dir), &broken).unwrap();
    let before = files(&dir);
    let out = run(&dir, &["repair", "acme"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("would move 2 records") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(files(&dir), before);
    ok(&dir, &["repair", "acme", "--force"]);
    assert_eq!(summaries(&dir), ["one"]);
    let moved = fs::read_to_string(dir.join("customers/acme.toml.rej")).unwrap();
    assert!(moved.contains("two") && moved.contains("three"));
}

#[test]
fn repair_of_a_clean_file_changes_nothing() {
    let (_tmp, dir) = journal();
    ok(&dir, &["log", "acme", "one"]);
    let before = files(&dir);
    let out = run(&dir, &["repair", "acme"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to repair"));
    assert_eq!(files(&dir), before);
}

#[test]
fn set_keeps_comments_formatting_and_every_record_byte() {
    let (_tmp, dir) = journal();
    ok(&dir, &["log", "acme", "one", "--at", "2026-11-01"]);
    ok(&dir, &["order", "acme", "1250.40", "--at", "2026-11-02"]);
    let text = fs::read_to_string(acme(&dir)).unwrap();
    let commented = text.replacen("name = ", "# Our oldest customer.\nname   =   ", 1);
    fs::write(acme(&dir), &commented).unwrap();
    let records = &commented[commented.find("[[interaction]]").unwrap()..];
    ok(
        &dir,
        &[
            "set",
            "acme",
            "tags+=vip",
            "cadence=14d",
            "territory=Milano",
        ],
    );
    let after = fs::read_to_string(acme(&dir)).unwrap();
    assert!(after.ends_with(records), "records changed:\n{after}");
    assert!(
        after.contains("# Our oldest customer.\nname   =   \"ACME S.r.l.\""),
        "{after}"
    );
    let doc: toml::Table = toml::from_str(&after).unwrap();
    assert_eq!(doc["tags"].as_array().unwrap()[0].as_str(), Some("vip"));
    assert_eq!(doc["cadence"].as_str(), Some("14d"));
    assert_eq!(doc["territory"].as_str(), Some("Milano"));
    ok(
        &dir,
        &["set", "acme", "tags-=vip", "cadence=", "territory="],
    );
    let doc: toml::Table = toml::from_str(&fs::read_to_string(acme(&dir)).unwrap()).unwrap();
    assert!(
        !doc.contains_key("tags") && !doc.contains_key("cadence") && !doc.contains_key("territory")
    );
    let json = ok(&dir, &["show", "acme", "--format", "json"]);
    assert!(json.contains("\"cadence_days\": 30"), "{json}");
}

#[test]
fn set_rejects_bad_edits_and_changes_nothing() {
    let (_tmp, dir) = journal();
    let before = files(&dir);
    for (args, message) in [
        (vec!["set", "acme", "cadence=often"], "cadence"),
        (vec!["set", "acme", "kind=friend"], "kind"),
        (vec!["set", "acme", "since=someday"], "since"),
        (vec!["set", "acme", "name="], "name"),
        (vec!["set", "acme", "schema=2"], "schema"),
        (vec!["set", "acme", "order=5"], "order"),
        (vec!["set", "acme", "tags-=nope"], "no tag"),
        (vec!["set", "acme", "territory"], "KEY=VALUE"),
        (vec!["set", "acme", "bad key=1"], "attribute key"),
        (vec!["set", "nobody", "cadence=7d"], "nobody"),
    ] {
        let out = run(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(files(&dir), before, "{args:?} changed a file");
    }
}

#[cfg(unix)]
#[test]
fn files_are_private_and_links_out_of_the_journal_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("private");
    ok(tmp.path(), &["init", dir.to_str().unwrap()]);
    ok(&dir, &["add", "ACME", "--id", "acme"]);
    ok(&dir, &["set", "acme", "territory=Milano"]);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("customers")), 0o700);
    assert_eq!(mode(&dir.join("coltiva.toml")), 0o600);
    assert_eq!(mode(&acme(&dir)), 0o600);

    // A customer file that is a link to a file outside the journal is neither read nor written.
    let outside = tmp.path().join("outside.toml");
    fs::write(&outside, "schema = 1\nname = \"Outside\"\n").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("customers/evil.toml")).unwrap();
    let out = run(&dir, &["log", "evil", "x"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(out.status.code() == Some(1) || out.status.code() == Some(2));
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "schema = 1\nname = \"Outside\"\n"
    );
    let check = run(&dir, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("symbolic link"));
}

#[test]
fn forget_needs_confirmation_and_deletes_the_file_and_its_rejects() {
    let (tmp, dir) = journal();
    ok(&dir, &["add", "Bianchi", "--id", "bianchi"]);
    fs::write(dir.join("customers/acme.toml.rej"), "[[interaction]]\n").unwrap();
    let before = files(&dir);
    let out = coltiva(&dir)
        .args(["forget", "acme"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    assert_eq!(files(&dir), before);

    let out = run(&dir, &["forget", "acme", "--yes"]);
    assert!(out.status.success());
    assert!(!acme(&dir).exists());
    assert!(!dir.join("customers/acme.toml.rej").exists());
    assert!(dir.join("customers/bianchi.toml").exists());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("forgot ACME S.r.l. (acme)"), "{stderr}");
    assert!(!stderr.contains("git"), "not a git repository: {stderr}");
    drop(tmp);
}

// Unix: drives git, which a Windows program under wine cannot start (CI runs it on Linux).
#[cfg(unix)]
#[test]
fn forget_in_a_git_repository_says_history_still_holds_the_file() {
    let (_tmp, dir) = journal();
    fs::create_dir(dir.join(".git")).unwrap();
    let out = run(&dir, &["forget", "acme", "--yes"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("history")
            && stderr.contains("git filter-repo --invert-paths --path customers/acme.toml"),
        "{stderr}"
    );
}
