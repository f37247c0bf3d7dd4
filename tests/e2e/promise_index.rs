//! The promise index (`.cache/promises`) makes `keep ID` read one small file instead of the
//! whole journal; it must never give a different answer than a full scan.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::std_coltiva(dir).args(args).output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn journal() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    ok(tmp.path(), &["init", dir.to_str().unwrap()]);
    ok(&dir, &["add", "ACME", "--id", "acme"]);
    ok(&dir, &["add", "Bianchi", "--id", "bianchi"]);
    (tmp, dir)
}

const PROMISE: &str = "\n[[promise]]\nid = \"qq1234\"\nat = 2026-11-01\nby = \"us\"\nwhat = \"x\"\ndue = 2026-11-30\n";

#[test]
fn the_index_is_built_by_a_scan_and_extended_by_new_promises() {
    let (_tmp, dir) = journal();
    let first = ok(&dir, &["promise", "acme", "one", "--due", "fri"]);
    assert!(!dir.join(".cache/promises/stamp").exists());
    ok(&dir, &["keep", &first]); // no index yet: a scan, which builds it
    assert!(dir.join(".cache/promises/stamp").exists());
    let second = ok(&dir, &["promise", "bianchi", "two", "--due", "fri"]);
    let shard = fs::read_to_string(dir.join(".cache/promises").join(&second[..1])).unwrap();
    assert!(shard.contains(&format!("{second} bianchi")), "{shard}");
    ok(&dir, &["keep", &second]);
    let text = fs::read_to_string(dir.join("customers/bianchi.toml")).unwrap();
    assert!(text.contains("status = \"kept\""));
}

#[test]
fn a_wrong_or_stale_index_never_changes_the_answer() {
    let (_tmp, dir) = journal();
    let first = ok(&dir, &["promise", "acme", "one", "--due", "fri"]);
    ok(&dir, &["keep", &first]);
    // An index entry pointing at the wrong customer is verified away.
    let shard = dir.join(".cache/promises/q");
    fs::write(&shard, "qq1234 acme\n").unwrap();
    let mut text = fs::read_to_string(dir.join("customers/bianchi.toml")).unwrap();
    text.push_str(PROMISE);
    // Written in place, as an editor might: the index does not know about it.
    fs::write(dir.join("customers/bianchi.toml"), &text).unwrap();
    ok(&dir, &["keep", "qq1234"]);
    let text = fs::read_to_string(dir.join("customers/bianchi.toml")).unwrap();
    assert!(text.contains("promise = \"qq1234\""));
    // A second customer with a promise of the same prefix, added while the index is fresh
    // (a new file changes the folder, so the index is stale): the prefix is ambiguous.
    ok(&dir, &["add", "Conti", "--id", "conti"]);
    let mut conti = fs::read_to_string(dir.join("customers/conti.toml")).unwrap();
    conti.push_str(&PROMISE.replace("qq1234", "qq1299"));
    fs::write(dir.join("customers/conti.toml"), conti).unwrap();
    let out = run(&dir, &["cancel", "qq12"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("ambiguous") && stderr.contains("conti/qq1299"),
        "{stderr}"
    );
}

#[test]
fn deleting_the_cache_is_always_safe() {
    let (_tmp, dir) = journal();
    let id = ok(&dir, &["promise", "acme", "one", "--due", "fri"]);
    ok(&dir, &["renegotiate", &id, "--due", "2026-12-20"]);
    fs::remove_dir_all(dir.join(".cache")).unwrap();
    ok(&dir, &["keep", &id]);
    assert!(run(&dir, &["check"]).status.success());
}
