//! The check cache: `.cache/checked`, what `check` needs from each customer file it found
//! clean (its record count and promise ids), keyed by the BLAKE3 hash of the file's bytes and
//! by the coltiva binary that checked it.
//!
//! `check` still reads every byte of every file (a file that cannot be read, or whose bytes
//! changed in any way, is seen as before); it only skips parsing and validating bytes that
//! this same binary already found clean. So the cache needs no stamp and no racy margin: the
//! key is the content. A file with problems is never remembered (it is checked, and its
//! problems named, every time), a new binary starts from an empty cache (its rules may
//! differ), and a missing, damaged, foreign or linked cache file is ignored and rewritten.
//! Deleting it is always safe. `COLTIVA_CHECK_CACHE=off` neither reads nor writes it.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::Journal;
use super::disk::{check_inner_dirs, create_dir_private, read_bytes, write_cache_file};

/// Where the cache lives (JSON; see the module documentation).
pub const CHECK_CACHE_FILE: &str = ".cache/checked";
/// `off`: check every file in full, without reading or writing the cache.
pub const CHECK_CACHE_SWITCH: &str = "COLTIVA_CHECK_CACHE";
const VERSION: u32 = 1;

/// What the whole-journal checks need from a clean customer file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleanFile {
    pub records: usize,
    /// Its promise ids, each with its line and column.
    pub promises: Vec<(String, usize, usize)>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    /// [`binary`]: the verdicts of another binary are not reused.
    binary: String,
    /// Hex BLAKE3 hash of the bytes → what they hold.
    clean: HashMap<String, CleanFile>,
}

/// The cache as `check` uses it: [`CheckCache::known`] for every file (on all cores), then
/// [`CheckCache::save`] once with the verdicts of this run.
pub struct CheckCache {
    binary: Option<String>,
    old: HashMap<String, CleanFile>,
    new: Mutex<HashMap<String, CleanFile>>,
}

/// The key of a file's bytes.
pub struct ContentKey(String);

impl Journal {
    /// Opens the check cache (never fails: a missing, unreadable, damaged or foreign cache is
    /// an empty one; without a binary to name, or switched off, nothing is kept).
    pub fn check_cache(&self) -> CheckCache {
        let off = std::env::var_os(CHECK_CACHE_SWITCH).is_some_and(|v| v == "off");
        let binary = (!off).then(binary).flatten();
        let old = binary
            .as_deref()
            .and_then(|binary| {
                check_inner_dirs(&self.root, ".cache").ok()?;
                let bytes = read_bytes(&self.root.join(CHECK_CACHE_FILE)).ok()?;
                let stored: Stored = serde_json::from_slice(&bytes).ok()?;
                (stored.version == VERSION && stored.binary == binary).then_some(stored.clean)
            })
            .unwrap_or_default();
        CheckCache {
            binary,
            old,
            new: Mutex::new(HashMap::new()),
        }
    }
}

impl CheckCache {
    /// The key of `bytes`, and what they hold when this binary found them clean before.
    pub fn known(&self, bytes: &[u8]) -> (ContentKey, Option<CleanFile>) {
        let key = ContentKey(blake3::hash(bytes).to_hex().to_string());
        if self.binary.is_none() {
            return (key, None);
        }
        let clean = self.old.get(&key.0).cloned();
        if let (Some(clean), Ok(mut new)) = (&clean, self.new.lock()) {
            new.insert(key.0.clone(), clean.clone());
        }
        (key, clean)
    }

    /// Remembers that the bytes of `key` were found clean and hold `clean`.
    pub fn remember(&self, key: ContentKey, clean: CleanFile) {
        if self.binary.is_some()
            && let Ok(mut new) = self.new.lock()
        {
            new.insert(key.0, clean);
        }
    }

    /// Writes the verdicts of this run (only the files seen now: a file since changed or gone
    /// leaves no entry), unless they are the ones already stored. Best effort: a cache that
    /// cannot be written only costs the next `check` its parsing.
    pub fn save(self, journal: &Journal) {
        let (Some(binary), Ok(clean)) = (self.binary, self.new.into_inner()) else {
            return;
        };
        if clean == self.old {
            return;
        }
        let stored = Stored {
            version: VERSION,
            binary,
            clean,
        };
        let root = journal.root();
        if check_inner_dirs(root, ".cache").is_err()
            || create_dir_private(&root.join(".cache")).is_err()
        {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(&stored) {
            let _ = write_cache_file(&root.join(CHECK_CACHE_FILE), &bytes);
        }
    }
}

/// This coltiva binary: its version, and the size and modification time of its file (a
/// rebuilt binary may check by other rules). `None` when the binary cannot be found.
fn binary() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_nanos()
    ))
}
