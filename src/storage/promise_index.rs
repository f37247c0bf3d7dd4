//! The promise index: a cache under `.cache/promises` that finds a promise's customer
//! without reading every file. Deleting it is always safe.

use std::collections::BTreeMap;
use std::fs;
use std::fs::OpenOptions;
use std::path::Path;

use super::Journal;
use super::disk::{
    check_inner_dirs, create_dir_private, open_no_follow, read_bytes, write_all_to,
    write_cache_file,
};
use super::summary_cache;
use crate::error::Result;

/// The promise index of a journal (see [`PROMISE_INDEX_DIR`]): lookups by promise id, and
/// the entries `promise` adds. Rebuilt by [`PromiseIndex::files_containing`].
pub struct PromiseIndex<'j> {
    journal: &'j Journal,
}

impl Journal {
    pub fn promise_index(&self) -> PromiseIndex<'_> {
        PromiseIndex { journal: self }
    }

    /// What the customer files look like now, cheaply: the modification time of `customers/`
    /// (it changes when a file is created, deleted or renamed over) plus, for every customer
    /// file, its size, times, inode and device (appends change those, not the folder's). Equal
    /// stamps mean no file was added, removed, replaced or appended to; the index built with
    /// the stamp is then fresh. Costs one `stat` per file, no reads.
    pub(super) fn customers_stamp(&self) -> Option<String> {
        self.stamp_customers(false)
    }

    /// [`Journal::customers_stamp`]; `for_reading`: taken by a reading command right before it
    /// reads every file, so the summary cache may reuse the `stat`s (never by a command that
    /// writes afterwards: its later reads must not take the stamps of before the write).
    pub(super) fn stamp_customers(&self, for_reading: bool) -> Option<String> {
        let dir = self.customers_dir();
        let folder = fs::symlink_metadata(&dir)
            .ok()?
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let ids = self.customer_ids().ok()?;
        // One `stat` per file on all cores (size, times, inode: storage::summary_cache), which
        // the summary cache then reuses instead of a second one.
        let (clock, stats) = summary_cache::stamp_all(&dir, &ids);
        let stamp = || {
            let mut hasher = blake3::Hasher::new();
            for (id, stamp) in ids.iter().zip(&stats) {
                let stamp = stamp.as_ref()?;
                // A reading command's stamp keys a fit others reuse: as for the summary
                // cache's entries, a file changed within the racy margin of now could change
                // again within the same clock tick and keep its stamp, so such a journal gets
                // no stamp (nothing is cached, nothing stale is ever used).
                if for_reading && !stamp.settled_before(clock) {
                    return None;
                }
                // The id's length first: no two lists of ids hash the same bytes.
                hasher.update(&(id.len() as u64).to_le_bytes());
                hasher.update(id.as_bytes());
                stamp.hash_into(&mut hasher);
            }
            let hash = hasher.finalize();
            Some(format!("{folder} {} {}", ids.len(), &hash.to_hex()[..16]))
        };
        let stamp = stamp();
        if for_reading {
            summary_cache::remember(&dir, clock, ids, stats);
        }
        stamp
    }
}

impl PromiseIndex<'_> {
    /// The customers whose file contains `needle`, found by reading every file (on all cores).
    /// The same pass rebuilds the promise index (best effort), so the next lookup by promise
    /// id reads one small index file instead of the whole journal.
    pub fn files_containing(&self, needle: &str) -> Result<Vec<String>> {
        use rayon::prelude::*;
        let stamp = self.journal.customers_stamp();
        let scanned: Vec<Result<(String, bool, Vec<String>)>> = self
            .journal
            .customer_ids()?
            .par_iter()
            .map(|id| {
                let bytes = read_bytes(&self.journal.customer_path(id)?)?;
                let hit = memchr::memmem::find(&bytes, needle.as_bytes()).is_some();
                Ok((id.clone(), hit, promise_ids_in(&bytes)))
            })
            .collect();
        let scanned: Vec<(String, bool, Vec<String>)> =
            scanned.into_iter().collect::<Result<_>>()?;
        if let Some(stamp) = stamp {
            let _ = self.write(&scanned, &stamp);
        }
        Ok(scanned
            .into_iter()
            .filter(|(_, hit, _)| *hit)
            .map(|(id, _, _)| id)
            .collect())
    }

    /// What the promise index says about promise ids starting with `prefix`: pairs of
    /// (promise id, customer id), and whether the index is fresh (no customer file was added,
    /// removed or replaced since it was built). None when there is no index.
    pub fn lookup(&self, prefix: &str) -> Option<IndexHits> {
        // A planted link anywhere under `.cache` disables the index (lookups scan the files).
        check_inner_dirs(&self.journal.root, PROMISE_INDEX_DIR).ok()?;
        let dir = self.journal.root.join(PROMISE_INDEX_DIR);
        let built = String::from_utf8(read_bytes(&dir.join("stamp")).ok()?).ok()?;
        let shard = prefix.chars().next()?;
        let text = String::from_utf8(read_bytes(&dir.join(shard.to_string())).ok()?).ok()?;
        let entries = text
            .lines()
            .filter_map(|line| line.split_once(' '))
            .filter(|(promise, _)| promise.starts_with(prefix))
            .map(|(promise, customer)| (promise.to_string(), customer.to_string()))
            .collect();
        Some(IndexHits {
            entries,
            fresh: self.journal.customers_stamp().as_deref() == Some(built.as_str()),
        })
    }

    /// Adds a new promise to the index, when there is one (best effort: a missing entry only
    /// costs the next lookup a full scan).
    pub fn add(&self, promise: &str, customer: &str) {
        let dir = self.journal.root.join(PROMISE_INDEX_DIR);
        let Some(shard) = promise.chars().next() else {
            return;
        };
        let path = dir.join(shard.to_string());
        if check_inner_dirs(&self.journal.root, PROMISE_INDEX_DIR).is_err() {
            return;
        }
        let regular = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file());
        if regular(&dir.join("stamp")) && regular(&path) {
            let mut line = String::with_capacity(promise.len() + customer.len() + 2);
            line.push_str(promise);
            line.push(' ');
            line.push_str(customer);
            line.push('\n');
            if let Ok(mut file) = open_no_follow(&path, OpenOptions::new().append(true)) {
                // A cache: no fsync (a crash only costs a rebuild), but never a torn line.
                let len = file.metadata().map_or(0, |m| m.len());
                if write_all_to(&mut file, line.as_bytes()).is_err() {
                    let _ = file.set_len(len);
                }
            }
        }
    }

    pub(super) fn write(&self, scanned: &[(String, bool, Vec<String>)], stamp: &str) -> Result<()> {
        check_inner_dirs(&self.journal.root, PROMISE_INDEX_DIR)?;
        let dir = self.journal.root.join(PROMISE_INDEX_DIR);
        create_dir_private(&dir)?;
        let mut shards: BTreeMap<u8, String> = crate::ids::PROMISE_ID_ALPHABET
            .iter()
            .map(|&c| (c, String::new()))
            .collect();
        for (customer, _, promises) in scanned {
            for promise in promises {
                if let Some(shard) = shards.get_mut(&promise.as_bytes()[0]) {
                    shard.push_str(promise);
                    shard.push(' ');
                    shard.push_str(customer);
                    shard.push('\n');
                }
            }
        }
        let _ = fs::remove_file(dir.join("stamp"));
        for (c, text) in shards {
            write_cache_file(&dir.join((c as char).to_string()), text.as_bytes())?;
        }
        write_cache_file(&dir.join("stamp"), stamp.as_bytes())
    }
}

/// Where the promise index lives: one small file per first character of the promise id,
/// lines of `PROMISE CUSTOMER`, and a `stamp`. A cache: deleting it is always safe.
pub const PROMISE_INDEX_DIR: &str = ".cache/promises";

/// See [`PromiseIndex::lookup`].
#[derive(Debug)]
pub struct IndexHits {
    pub entries: Vec<(String, String)>,
    pub fresh: bool,
}

/// The values of `id = "..."` lines: the promise ids of a customer file, found without parsing
/// it (a header attribute named `id` may slip in; lookups verify every hit).
pub(super) fn promise_ids_in(bytes: &[u8]) -> Vec<String> {
    let mut ids = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.trim_ascii();
        let Some(rest) = line.strip_prefix(b"id") else {
            continue;
        };
        let Some(rest) = rest.trim_ascii_start().strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let Some((&quote, rest)) = rest.split_first() else {
            continue;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        if let Some(end) = rest.iter().position(|&b| b == quote) {
            let id = &rest[..end];
            if !id.is_empty()
                && id
                    .iter()
                    .all(|b| crate::ids::PROMISE_ID_ALPHABET.contains(b))
            {
                ids.push(String::from_utf8_lossy(id).into_owned());
            }
        }
    }
    ids
}

#[cfg(test)]
mod mutant_tests {
    use super::*;
    use crate::storage::testutil::*;
    use std::io::Write;

    /// Two customer files (the index reads bytes, never parses): acme holds promises abc123
    /// and zz9999, beta holds ab7777.
    fn two_customers(j: &Journal) {
        let file = |promises: &[&str]| {
            let mut text = "schema = 1\nname = \"X\"\nkind = \"external\"\n".to_string();
            for p in promises {
                text.push_str(&format!("\n[[promise]]\nid = \"{p}\"\n"));
            }
            text
        };
        fs::write(
            j.customers_dir().join("acme.toml"),
            file(&["abc123", "zz9999"]),
        )
        .unwrap();
        fs::write(j.customers_dir().join("beta.toml"), file(&["ab7777"])).unwrap();
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect()
    }

    fn append_by_hand(j: &Journal, id: &str, text: &str) {
        let mut file = OpenOptions::new()
            .append(true)
            .open(j.customer_path(id).unwrap())
            .unwrap();
        file.write_all(text.as_bytes()).unwrap();
    }

    #[test]
    fn there_is_no_index_until_a_scan_builds_it() {
        let (_dir, j) = journal();
        two_customers(&j);
        assert!(j.promise_index().lookup("ab").is_none());
    }

    #[test]
    fn a_scan_builds_an_index_that_finds_promises_by_prefix_while_fresh() {
        let (dir, j) = journal();
        two_customers(&j);
        assert_eq!(
            j.promise_index().files_containing("ab7777").unwrap(),
            ["beta"]
        );
        let index = dir.path().join(PROMISE_INDEX_DIR);
        assert_eq!(
            fs::read_to_string(index.join("stamp")).unwrap(),
            j.customers_stamp().unwrap()
        );
        assert_eq!(
            fs::read_to_string(index.join("a")).unwrap(),
            "abc123 acme\nab7777 beta\n"
        );

        let hits = j.promise_index().lookup("ab").unwrap();
        assert_eq!(
            hits.entries,
            pairs(&[("abc123", "acme"), ("ab7777", "beta")])
        );
        assert!(hits.fresh);
        let hits = j.promise_index().lookup("abc").unwrap();
        assert_eq!(hits.entries, pairs(&[("abc123", "acme")]));
        assert!(j.promise_index().lookup("q").unwrap().entries.is_empty());

        // An append changes the stamp: the index is no longer fresh.
        append_by_hand(&j, "beta", "# note\n");
        let hits = j.promise_index().lookup("ab").unwrap();
        assert!(!hits.fresh);
    }

    #[test]
    fn write_promise_index_shards_promises_by_first_character_and_writes_the_stamp() {
        let (dir, j) = journal();
        let scanned = vec![
            (
                "acme".to_string(),
                true,
                vec!["abc123".to_string(), "7k7k7k".to_string()],
            ),
            ("beta".to_string(), false, vec!["a00000".to_string()]),
        ];
        j.promise_index().write(&scanned, "the stamp").unwrap();
        let index = dir.path().join(PROMISE_INDEX_DIR);
        let read = |name: &str| fs::read_to_string(index.join(name)).unwrap();
        assert_eq!(read("stamp"), "the stamp");
        assert_eq!(read("a"), "abc123 acme\na00000 beta\n");
        assert_eq!(read("7"), "7k7k7k acme\n");
        assert_eq!(read("z"), "");
    }

    #[test]
    fn a_new_promise_is_added_to_the_index_only_when_the_index_is_whole() {
        let (dir, j) = journal();
        two_customers(&j);
        // No index: nothing is created.
        j.promise_index().add("abd999", "beta");
        assert!(!dir.path().join(PROMISE_INDEX_DIR).exists());

        j.promise_index().files_containing("x").unwrap();
        j.promise_index().add("abd999", "beta");
        let hits = j.promise_index().lookup("abd").unwrap();
        assert_eq!(hits.entries, pairs(&[("abd999", "beta")]));

        // Without its stamp the index is not touched.
        let shard = dir.path().join(PROMISE_INDEX_DIR).join("a");
        let before = fs::read(&shard).unwrap();
        fs::remove_file(dir.path().join(PROMISE_INDEX_DIR).join("stamp")).unwrap();
        j.promise_index().add("abe111", "beta");
        assert_eq!(fs::read(&shard).unwrap(), before);
    }

    #[test]
    fn the_customers_stamp_counts_the_files_and_changes_with_an_append() {
        let (_dir, j) = journal();
        let empty = j.customers_stamp().unwrap();
        let parts: Vec<&str> = empty.split(' ').collect();
        assert_eq!(parts.len(), 3, "{empty}");
        assert_eq!(parts[1], "0", "{empty}");

        two_customers(&j);
        let stamp = j.customers_stamp().unwrap();
        let parts: Vec<&str> = stamp.split(' ').collect();
        assert_eq!(parts.len(), 3, "{stamp}");
        assert!(parts[0].parse::<u128>().is_ok(), "{stamp}");
        assert_eq!(parts[1], "2", "{stamp}");
        assert_eq!(parts[2].len(), 16, "{stamp}");
        assert!(parts[2].bytes().all(|b| b.is_ascii_hexdigit()), "{stamp}");
        assert_eq!(
            j.customers_stamp().unwrap(),
            stamp,
            "same files, same stamp"
        );

        append_by_hand(&j, "acme", "# note\n");
        assert_ne!(j.customers_stamp().unwrap(), stamp);
    }

    /// The stamp is the hash of (id, device, inode, size, modification and status-change
    /// times in nanoseconds) of every file (storage::summary_cache's stamp), as the portable
    /// standard library reads them: the Linux stats relative to the folder must give the very
    /// same figures, and a rewrite of the same size within one second must still change the
    /// stamp (the nanoseconds count).
    #[cfg(unix)]
    #[test]
    fn the_stamp_is_size_and_nanosecond_modification_time_of_every_file() {
        use std::os::unix::fs::MetadataExt;
        let (_dir, j) = journal();
        two_customers(&j);
        let dir = j.customers_dir();
        // BLAKE3 of each id (its length first) and its stat's device, inode, size and both
        // times in nanoseconds, little-endian, in id order.
        let expected = |j: &Journal| {
            let mut hasher = blake3::Hasher::new();
            let ids = j.customer_ids().unwrap();
            for id in &ids {
                let meta = fs::symlink_metadata(dir.join(format!("{id}.toml"))).unwrap();
                let ns =
                    |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
                hasher.update(&(id.len() as u64).to_le_bytes());
                hasher.update(id.as_bytes());
                hasher.update(&meta.dev().to_le_bytes());
                hasher.update(&meta.ino().to_le_bytes());
                hasher.update(&meta.len().to_le_bytes());
                hasher.update(&ns(meta.mtime(), meta.mtime_nsec()).to_le_bytes());
                hasher.update(&ns(meta.ctime(), meta.ctime_nsec()).to_le_bytes());
            }
            format!(" {} {}", ids.len(), &hasher.finalize().to_hex()[..16])
        };
        let stamp = j.customers_stamp().unwrap();
        assert!(stamp.ends_with(&expected(&j)), "{stamp}");
        // Same size, same second, another nanosecond: another stamp.
        let path = dir.join("acme.toml");
        let file = fs::File::options().write(true).open(&path).unwrap();
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        file.set_modified(modified + std::time::Duration::from_nanos(1))
            .unwrap();
        let touched = j.customers_stamp().unwrap();
        assert_ne!(touched, stamp);
        assert!(touched.ends_with(&expected(&j)), "{touched}");
    }

    #[test]
    fn promise_ids_in_reads_quoted_ids_of_the_promise_alphabet_only() {
        let text = b"schema = 1\n\
            id = \"abc123\"\n\
            \t  id=\"7kx\"   \r\n\
            id = 'q9q9q9'\n\
            id = 7abc7\n\
            id = \"\"\n\
            id = \"Not-Valid\"\n\
            id = \"abc\n\
            id \"abc\"\n\
            name = \"abc\"\n";
        assert_eq!(promise_ids_in(text), ["abc123", "7kx", "q9q9q9"]);
        assert!(promise_ids_in(b"").is_empty());
    }
}
