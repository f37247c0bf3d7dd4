//! Builders shared by the storage unit tests: a fresh journal in a temporary folder, a header,
//! a call. Compiled only for tests.

use super::*;
use crate::model::Record;
use crate::model::{At, Channel, Direction, Interaction};

/// A journal made by [`Journal::init`] in a new temporary folder (kept alive by the guard).
pub fn journal() -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().unwrap();
    assert!(Journal::init(dir.path()).unwrap(), "created");
    let journal = Journal::open(dir.path().to_path_buf(), Source::Flag).unwrap();
    (dir, journal)
}

/// [`journal`] with `customers/acme.toml` holding `text` as it is (hand-written bytes).
pub fn journal_with(text: &str) -> (tempfile::TempDir, Journal, PathBuf) {
    let (dir, journal) = journal();
    let path = dir.path().join("customers/acme.toml");
    fs::write(&path, text).unwrap();
    (dir, journal, path)
}

/// The text of customer `id`'s file.
pub fn text(j: &Journal, id: &str) -> String {
    fs::read_to_string(j.customer_path(id).unwrap()).unwrap()
}

/// An external customer's header named `name`, since 2026-11-02, no tags.
pub fn header(name: &str) -> Header {
    Header {
        since: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        ..Header::named(name)
    }
}

/// An outgoing call on 2026-11-20 with `summary`.
pub fn call(summary: &str) -> Record {
    Record::from(Interaction {
        with: None,
        at: At::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        channel: Channel::Call,
        direction: Direction::Out,
        summary: summary.into(),
        source: None,
    })
}

/// Asserts that `dir` holds no temporary file (`NAME.tmp-PID`) left by a write.
#[track_caller]
#[cfg_attr(not(unix), allow(dead_code))]
pub fn assert_no_temp_files(dir: &Path) {
    let leftovers: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
