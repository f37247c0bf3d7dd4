//! The check cache (`.cache/checked`): `check` skips parsing bytes this binary found clean
//! before, keyed by their hash, and finds every problem it would find without the cache — a
//! change that keeps a file's size and modification time included.

use crate::common;
use common::{Journal, Run};

fn cache_path(j: &Journal) -> std::path::PathBuf {
    j.root().join(".cache").join("checked")
}

fn cache(j: &Journal) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(cache_path(j)).unwrap()).expect("cache JSON")
}

fn check(j: &Journal, cache: Option<&str>) -> Run {
    let mut cmd = j.cmd();
    cmd.arg("check");
    if let Some(value) = cache {
        cmd.env("COLTIVA_CHECK_CACHE", value);
    }
    Run::of(&mut cmd)
}

/// What `check` said, on stdout (problems) and stderr (its summary).
fn said(run: &Run) -> String {
    format!("{}{}", run.stdout, run.stderr)
}

fn journal() -> Journal {
    let j = Journal::new();
    j.add("Acme", &[]);
    j.add("Bianchi", &[]);
    j.promise("acme", "send the quote", "2026-12-10", &[]);
    j.ok(["log", "bianchi", "called"]);
    j
}

fn promise_id(j: &Journal) -> String {
    j.last("acme", "promise")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_clean_file_is_remembered_by_the_hash_of_its_bytes_and_used() {
    let j = journal();
    let first = check(&j, None);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let stored = cache(&j);
    let clean = stored["clean"].as_object().unwrap();
    assert_eq!(clean.len(), 2, "{stored}");
    let hash = blake3::hash(&std::fs::read(j.file("acme")).unwrap())
        .to_hex()
        .to_string();
    assert_eq!(clean[&hash]["records"], 1);
    assert_eq!(clean[&hash]["promises"][0][0], promise_id(&j).as_str());
    // Same output with the cache, without it, and after deleting it.
    assert_eq!(said(&check(&j, None)), said(&first));
    assert_eq!(said(&check(&j, Some("off"))), said(&first));
    std::fs::remove_dir_all(j.root().join(".cache")).unwrap();
    assert_eq!(said(&check(&j, None)), said(&first));
    // The cache is read: a tampered record count shows (what proves it is used at all) ...
    let mut tampered = cache(&j);
    tampered["clean"][&hash]["records"] = serde_json::json!(41);
    std::fs::write(cache_path(&j), serde_json::to_vec(&tampered).unwrap()).unwrap();
    let used = check(&j, None);
    assert!(said(&used).contains("42 records"), "{}", said(&used));
    // ... and only by the binary that wrote it.
    tampered["binary"] = serde_json::json!("another coltiva");
    std::fs::write(cache_path(&j), serde_json::to_vec(&tampered).unwrap()).unwrap();
    assert_eq!(said(&check(&j, None)), said(&first));
    assert_eq!(cache(&j)["clean"][&hash]["records"], 1, "rewritten");
}

#[test]
fn a_change_keeping_size_and_time_is_still_found() {
    let j = journal();
    assert_eq!(check(&j, None).code, 0);
    // Same length, same modification time, one byte different: a bad channel.
    let path = j.file("bianchi");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = j.text("bianchi");
    let changed = text.replace("channel = \"call\"", "channel = \"cell\"");
    assert_ne!(changed, text);
    assert_eq!(changed.len(), text.len());
    std::fs::write(&path, &changed).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let run = check(&j, None);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("bianchi.toml"), "{}", run.stdout);
    assert!(run.stdout.contains("cell"), "{}", run.stdout);
    // A file with problems is never remembered: it is checked and named every time.
    let hash = blake3::hash(changed.as_bytes()).to_hex().to_string();
    assert!(cache(&j)["clean"].get(&hash).is_none());
    assert_eq!(said(&check(&j, None)), said(&run));
}

#[test]
fn a_damaged_or_linked_cache_is_ignored_and_never_written_through() {
    let j = journal();
    let first = check(&j, None);
    for bad in [&b"not json {"[..], b"", b"{\"version\":1}", b"\xff\xfe"] {
        std::fs::write(cache_path(&j), bad).unwrap();
        let run = check(&j, None);
        assert_eq!(said(&run), said(&first));
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(cache(&j)["clean"].as_object().unwrap().len(), 2);
    }
    #[cfg(unix)]
    {
        let outside = j.tmp().join("outside.json");
        std::fs::write(&outside, b"planted").unwrap();
        std::fs::remove_file(cache_path(&j)).unwrap();
        std::os::unix::fs::symlink(&outside, cache_path(&j)).unwrap();
        let run = check(&j, None);
        assert_eq!(said(&run), said(&first));
        assert_eq!(std::fs::read(&outside).unwrap(), b"planted");
        let meta = std::fs::symlink_metadata(cache_path(&j)).unwrap();
        assert!(meta.file_type().is_file(), "replaced by a real file");
    }
}

#[test]
fn switched_off_it_is_neither_read_nor_written() {
    let j = journal();
    let run = check(&j, Some("off"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!cache_path(&j).exists());
}
