//! The outlook cache: `.cache/outlook`, the BG/NBD model last fitted to the whole journal, so
//! that `show` can give one customer's figures without reading every file. A cache: it is used
//! only for the same as-of day and while no customer file was added, removed, replaced or
//! appended to since (the promise index's stamp); a missing, unreadable or stale file is
//! ignored, and deleting it is always safe.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::Serialize;

use super::Journal;
use super::disk::{check_inner_dirs, create_dir_private, read_bytes, write_cache_file};
use crate::error::{Error, Result};

/// Where the fitted model is kept (JSON, written by `list`, `report`, `outlook` and `show`).
pub const OUTLOOK_CACHE_FILE: &str = ".cache/outlook";
/// Bumped when the meaning of the cached fields changes: an older file is then ignored.
const OUTLOOK_CACHE_VERSION: u32 = 1;

/// The fitted parameters, as `outlook --format json` shows them (unrounded here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedModel {
    pub r: f64,
    pub alpha_days: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    pub customers: usize,
}

/// What a whole-journal fit concluded as of a day: a model, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedOutlook {
    pub version: u32,
    pub as_of: NaiveDate,
    /// [`Journal::outlook_stamp`] taken before the files were read.
    pub stamp: String,
    pub model: Option<CachedModel>,
    pub reason: Option<String>,
}

impl CachedOutlook {
    pub fn new(
        as_of: NaiveDate,
        stamp: String,
        model: Option<CachedModel>,
        reason: Option<String>,
    ) -> CachedOutlook {
        CachedOutlook {
            version: OUTLOOK_CACHE_VERSION,
            as_of,
            stamp,
            model,
            reason,
        }
    }
}

/// The outlook cache of a journal: [`OUTLOOK_CACHE_FILE`] under its root.
pub struct OutlookCache<'j> {
    root: &'j Path,
}

impl Journal {
    /// The freshness stamp of the customer files (one `stat` per file, no reads). Take it
    /// before reading the files, so that a file changed meanwhile makes the cache stale.
    pub fn outlook_stamp(&self) -> Option<String> {
        self.stamp_customers(true)
    }

    pub fn outlook_cache(&self) -> OutlookCache<'_> {
        OutlookCache { root: &self.root }
    }
}

impl OutlookCache<'_> {
    /// The cached fit for `as_of`, if there is one and the files are as they were (`stamp`:
    /// [`Journal::outlook_stamp`] now). Anything else — no file, a link, bad JSON, another
    /// day, another stamp — is `None`: the caller fits again.
    pub fn read(&self, as_of: NaiveDate, stamp: &str) -> Option<CachedOutlook> {
        check_inner_dirs(self.root, ".cache").ok()?;
        let bytes = read_bytes(&self.root.join(OUTLOOK_CACHE_FILE)).ok()?;
        let cached: CachedOutlook = serde_json::from_slice(&bytes).ok()?;
        (cached.version == OUTLOOK_CACHE_VERSION && cached.as_of == as_of && cached.stamp == stamp)
            .then_some(cached)
    }

    /// Replaces the cache (by rename, never through a link: a planted `.cache` link refuses
    /// the write). Best effort for callers: an error only costs the next `show` a full fit.
    pub fn write(&self, cached: &CachedOutlook) -> Result<()> {
        check_inner_dirs(self.root, ".cache")?;
        create_dir_private(&self.root.join(".cache"))?;
        let bytes = serde_json::to_vec(cached).map_err(|e| {
            Error::Invalid(format!(
                "could not write {OUTLOOK_CACHE_FILE}: {e}; delete the .cache folder (always safe), then run the command again"
            ))
        })?;
        write_cache_file(&self.root.join(OUTLOOK_CACHE_FILE), &bytes)
    }
}

#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::storage::testutil::*;
    use std::fs;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn fitted(as_of: NaiveDate, stamp: &str) -> CachedOutlook {
        let model = CachedModel {
            r: 0.25,
            alpha_days: 41.5,
            a: 0.75,
            b: 2.5,
            log_likelihood: -123.25,
            customers: 3,
        };
        CachedOutlook::new(as_of, stamp.into(), Some(model), None)
    }

    #[test]
    fn the_outlook_stamp_is_the_customer_files_stamp() {
        let (_dir, j) = journal();
        fs::write(j.customers_dir().join("acme.toml"), "schema = 1\n").unwrap();
        // Within the racy margin of a write there is no stamp to key a fit with (#30).
        assert_eq!(j.outlook_stamp(), None);
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let stamp = j.outlook_stamp();
        assert!(
            stamp.as_deref().is_some_and(|s| s.contains(" 1 ")),
            "{stamp:?}"
        );
        assert_eq!(stamp, j.customers_stamp());
    }

    #[test]
    fn a_written_outlook_reads_back_for_the_same_day_and_stamp() {
        let (dir, j) = journal();
        assert_eq!(j.outlook_cache().read(day(20), "s1"), None, "no cache yet");
        let cached = fitted(day(20), "s1");
        j.outlook_cache().write(&cached).unwrap();
        let bytes = fs::read(dir.path().join(OUTLOOK_CACHE_FILE)).unwrap();
        let on_disk: CachedOutlook = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(on_disk, cached);
        assert_eq!(j.outlook_cache().read(day(20), "s1"), Some(cached));
    }

    #[test]
    fn the_outlook_cache_is_ignored_for_another_day_stamp_or_version() {
        let (_dir, j) = journal();
        j.outlook_cache().write(&fitted(day(20), "s1")).unwrap();
        assert_eq!(j.outlook_cache().read(day(21), "s1"), None, "another day");
        assert_eq!(j.outlook_cache().read(day(20), "s2"), None, "another stamp");
        let mut other = fitted(day(20), "s1");
        other.version = OUTLOOK_CACHE_VERSION + 1;
        j.outlook_cache().write(&other).unwrap();
        assert_eq!(
            j.outlook_cache().read(day(20), "s1"),
            None,
            "another version"
        );
    }
}
