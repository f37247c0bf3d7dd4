//! The summary cache: `.cache/customers`, every readable customer file as it parsed, in a
//! compact binary form, so that a reading command of a large journal decodes records instead
//! of parsing TOML. A cache: deleting it is always safe, a damaged or foreign one is ignored
//! and rebuilt, and an entry is used only when its file provably did not change since it was
//! read (the rule, in docs/DURABILITY.md "The summary cache"):
//!
//! - the file's `stat` now (one per file, no open) equals the one taken *before* it was read:
//!   size, modification time and status-change time to the nanosecond, inode and device
//!   (Windows: size, last-write and creation time); any write, rename, checkout or restore
//!   with old modification times changes at least the status-change time or the inode;
//! - and both times were at least [`MARGIN`] older than the clock when the entry was made and
//!   than the cache file's own modification time (git's "racily clean" entries: a change in the
//!   same clock tick as the read would keep every field equal, so such an entry is not kept).
//!
//! What is cached is the whole [`Customer`] (header and records), not a per-command summary:
//! every reading command keeps working on the same value it would have parsed, which is what
//! the property test (tests/e2e/summary_cache.rs) compares. Files that do not parse are never
//! cached: they are read (and named) every time.

use super::disk::{check_inner_dirs, create_dir_private, open_no_follow, write_cache_file};
use super::{EXTENSION, Journal};
use crate::error::Result;
use crate::model::Customer;
use crate::model::binary::{Binary, Reader, binary};
use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where the cache lives (binary; see the module documentation).
pub const SUMMARY_CACHE_FILE: &str = ".cache/customers";
/// For tests and debugging: `COLTIVA_SUMMARY_CACHE=off` reads every file and neither reads nor
/// writes the cache (the property test compares both ways); `=stats` uses it and says on stderr
/// how many customers came from it.
pub const SUMMARY_CACHE_SWITCH: &str = "COLTIVA_SUMMARY_CACHE";
const MAGIC: &[u8; 8] = b"coltiva\x01";
/// Bumped whenever the encoding below or the meaning of a [`Customer`] field changes: a cache
/// of another version is ignored (and replaced by the next reading command).
const VERSION: u32 = 3;
/// Files larger than this are not cached: one huge customer would double the memory of every
/// reading command (its entry is read and written whole); it is parsed in parts instead.
const MAX_FILE: u64 = 16 << 20;
/// How much older than the clock a file's times must be for its entry to be kept.
const MARGIN_NS: i128 = 2_000_000_000;

/// What one `stat` says about a customer file: equal stamps mean an unchanged file (within the
/// rule of the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    /// Modification and status-change times, nanoseconds since 1970 (Windows: last write and
    /// creation time).
    mtime: i128,
    ctime: i128,
}

const STAMP_LEN: usize = 8 * 3 + 16 * 2;
binary!(Stamp: dev, ino, size, mtime, ctime);

impl Stamp {
    /// Both times at least [`MARGIN_NS`] before `clock` (nanoseconds since 1970).
    pub(super) fn settled_before(&self, clock: i128) -> bool {
        self.mtime.max(self.ctime) < clock - MARGIN_NS
    }

    /// Feeds the stamp to a hash of many (the customers' stamp, `Journal::customers_stamp`).
    pub(super) fn hash_into(&self, hasher: &mut blake3::Hasher) {
        for n in [self.dev, self.ino, self.size] {
            hasher.update(&n.to_le_bytes());
        }
        hasher.update(&self.mtime.to_le_bytes());
        hasher.update(&self.ctime.to_le_bytes());
    }
}

pub(super) fn now_ns() -> i128 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// Stats the customer files of one folder: relative to an open folder on Unix (no walk of the
/// whole path), by path elsewhere. Never follows a link: a link is not a regular file, so it
/// has no stamp and is read (and refused) as always.
struct Stats {
    dir: PathBuf,
    #[cfg(unix)]
    fd: Option<rustix::fd::OwnedFd>,
}

impl Stats {
    fn open(dir: PathBuf) -> Stats {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let fd = rustix::fs::open(
                &dir,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
                Mode::empty(),
            )
            .ok();
            Stats { dir, fd }
        }
        #[cfg(not(unix))]
        Stats { dir }
    }

    #[cfg(unix)]
    fn stamp(&self, id: &str) -> Option<Stamp> {
        use rustix::fs::{AtFlags, FileType};
        let name = format!("{id}.{EXTENSION}");
        let st = match &self.fd {
            Some(fd) => rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW).ok()?,
            None => rustix::fs::lstat(self.dir.join(name)).ok()?,
        };
        if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
            return None;
        }
        // The integer types of these fields differ between targets.
        #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
        let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        #[allow(clippy::unnecessary_cast)]
        Some(Stamp {
            dev: st.st_dev as u64,
            ino: st.st_ino as u64,
            size: st.st_size as u64,
            mtime: ns(st.st_mtime as i64, st.st_mtime_nsec as i64),
            ctime: ns(st.st_ctime as i64, st.st_ctime_nsec as i64),
        })
    }

    #[cfg(windows)]
    fn stamp(&self, id: &str) -> Option<Stamp> {
        use std::os::windows::fs::MetadataExt;
        let meta = std::fs::symlink_metadata(self.dir.join(format!("{id}.{EXTENSION}"))).ok()?;
        if !meta.file_type().is_file() {
            return None;
        }
        // 100 ns intervals since 1601; only equality and order matter, in nanoseconds.
        let ns = |t: u64| (i128::from(t) - 116_444_736_000_000_000) * 100;
        Some(Stamp {
            dev: 0,
            ino: 0,
            size: meta.file_size(),
            mtime: ns(meta.last_write_time()),
            ctime: ns(meta.creation_time()),
        })
    }

    #[cfg(not(any(unix, windows)))]
    fn stamp(&self, _id: &str) -> Option<Stamp> {
        None
    }
}

/// The stamps of every customer file, on all cores (the whole cost of a freshness check on a
/// large journal), in the order of `ids`, and the clock before the first `stat`.
pub(super) fn stamp_all(dir: &Path, ids: &[String]) -> (i128, Vec<Option<Stamp>>) {
    use rayon::prelude::*;
    let taken = now_ns();
    let stats = Stats::open(dir.to_path_buf());
    (taken, ids.par_iter().map(|id| stats.stamp(id)).collect())
}

/// Remembers the files of `dir` and their stamps ([`stamp_all`], taken at `clock`) for this
/// process's next [`Journal::summary_cache`], which reads the same list instead of listing the
/// folder again and uses these stamps instead of a second `stat` per file: the reading
/// commands take this stamp (the outlook cache's) just before they read the files, and a stamp
/// taken before a read is all the rule asks.
pub(super) fn remember(dir: &Path, clock: i128, ids: Vec<String>, stamps: Vec<Option<Stamp>>) {
    if let Ok(mut slot) = TAKEN.lock() {
        *slot = Some(Taken {
            dir: dir.to_path_buf(),
            clock,
            ids,
            stamps,
        });
    }
}

/// See [`remember`]: the folder, the clock before the first `stat`, the files listed and
/// their stamps (in the same order).
struct Taken {
    dir: PathBuf,
    clock: i128,
    ids: Vec<String>,
    stamps: Vec<Option<Stamp>>,
}
static TAKEN: Mutex<Option<Taken>> = Mutex::new(None);

/// What the run did with one customer: its entry of the next cache.
enum Kept {
    /// The old cache's bytes, still valid.
    Old(Range<usize>),
    /// Freshly encoded from the parsed file.
    New(Vec<u8>),
}

/// The cache as one reading command uses it: [`SummaryCache::load`] for every customer (on
/// all cores), then [`SummaryCache::save`] once.
pub(super) struct SummaryCache {
    enabled: bool,
    stats_line: bool,
    hits: std::sync::atomic::AtomicUsize,
    stats: Stats,
    /// Stamps taken earlier by this process ([`stamp_all`]) of the files that
    /// [`Journal::summary_cache`] returned, in that order, used instead of a new `stat`.
    taken: Vec<Option<Stamp>>,
    /// The old cache file, whole; entries point into it.
    bytes: Bytes,
    entries: HashMap<String, (Stamp, Range<usize>)>,
    /// The clock before the first `stat` of this run: entries made now must be older.
    started: i128,
    /// The old cache file's modification time: its entries must be older.
    written: i128,
    kept: Mutex<Vec<(String, Stamp, Kept)>>,
    /// Entries of the old cache not used (changed or gone): the file is rewritten without them.
    changed: std::sync::atomic::AtomicBool,
}

impl Journal {
    /// Opens the summary cache of this journal (never fails: a missing, unreadable, damaged or
    /// foreign cache is an empty one), with the customer files this process listed and
    /// `stat`ed just before ([`stamp_all`]), if it did: read them, not a new listing
    /// ([`SummaryCache::load`] knows their stamps by position).
    pub(super) fn summary_cache(&self) -> (SummaryCache, Option<Vec<String>>) {
        let switch = std::env::var_os(SUMMARY_CACHE_SWITCH);
        let enabled = switch.as_ref().is_none_or(|v| v != "off");
        let mut started = now_ns();
        let (mut listed, mut taken) = (None, Vec::new());
        if let Some(earlier) = TAKEN.lock().ok().and_then(|mut slot| slot.take())
            && earlier.dir == self.customers_dir()
        {
            started = started.min(earlier.clock);
            listed = Some(earlier.ids);
            taken = earlier.stamps;
        }
        let mut cache = SummaryCache {
            taken,
            enabled,
            stats_line: switch.is_some_and(|v| v == "stats"),
            hits: std::sync::atomic::AtomicUsize::new(0),
            stats: Stats::open(self.customers_dir()),
            bytes: Bytes::Read(Vec::new()),
            entries: HashMap::new(),
            started,
            written: i128::MIN,
            kept: Mutex::new(Vec::new()),
            changed: std::sync::atomic::AtomicBool::new(false),
        };
        if enabled && let Some((bytes, written)) = self.read_summary_cache() {
            cache.written = written;
            if let Some(entries) = index(&bytes) {
                cache.entries = entries;
                cache.bytes = bytes;
            }
        }
        (cache, listed)
    }

    fn read_summary_cache(&self) -> Option<(Bytes, i128)> {
        check_inner_dirs(&self.root, ".cache").ok()?;
        let path = self.root.join(SUMMARY_CACHE_FILE);
        let mut file = open_no_follow(&path, OpenOptions::new().read(true)).ok()?;
        let meta = file.metadata().ok()?;
        let written = match meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(_) => return None,
        };
        #[cfg(unix)]
        if meta.is_file() {
            // SAFETY: the mapping is read-only and private to this process, and coltiva never
            // changes a cache file in place: it writes a new one and renames it over the old
            // (`write_cache_file`), which leaves this mapping on the old file, whole. Only a
            // hand truncation of `.cache/customers` while a command reads it could fault
            // (SIGBUS: the reading command stops; it has written nothing yet). Mapped, not
            // read: 2M records' 122 MB are neither copied nor given fresh zeroed memory
            // (BENCHMARKS.md, issue 30's fifth pass).
            // A file system that cannot map files reads it instead.
            if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
                return Some((Bytes::Mapped(map), written));
            }
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
        file.read_to_end(&mut bytes).ok()?;
        Some((Bytes::Read(bytes), written))
    }
}

impl SummaryCache {
    /// One customer, from the cache when its entry is provably current, else read and parsed
    /// (and remembered for the next cache). `index`: its position in the list that
    /// [`Journal::summary_cache`] returned, if it returned one.
    pub(super) fn load(&self, journal: &Journal, index: usize, id: &str) -> Result<Customer> {
        if !self.enabled {
            return journal.load_customer(id);
        }
        // The stamp is taken before the file is read: a change after it makes it differ.
        let stamp = match self.taken.get(index) {
            Some(stamp) => *stamp,
            None => self.stats.stamp(id),
        };
        if let (Some(stamp), Some((old, range))) = (stamp, self.entries.get(id))
            && stamp == *old
            && stamp.settled_before(self.written)
            && let Some(customer) = decode(&self.bytes[range.clone()], id)
        {
            self.keep(id, stamp, Kept::Old(range.clone()));
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Ok(customer);
        }
        if self.entries.contains_key(id) {
            self.changed
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let customer = journal.load_customer(id)?;
        if let Some(stamp) = stamp.filter(|s| s.settled_before(self.started) && s.size <= MAX_FILE)
            && let Some(bytes) = encode(&customer)
        {
            self.keep(id, stamp, Kept::New(bytes));
        }
        Ok(customer)
    }

    fn keep(&self, id: &str, stamp: Stamp, kept: Kept) {
        if let Ok(mut all) = self.kept.lock() {
            all.push((id.to_string(), stamp, kept));
        }
    }

    /// Writes the next cache when anything changed: new entries, or old ones no longer valid.
    /// Best effort: a journal that cannot be written to (read-only, full disk) is read without
    /// a cache, never refused. No lock is taken: the file is replaced by rename, and two
    /// commands writing it at once each leave a whole, valid cache.
    pub(super) fn save(self, journal: &Journal) {
        if !self.enabled {
            return;
        }
        let Ok(mut kept) = self.kept.into_inner() else {
            return;
        };
        let fresh = kept.iter().any(|(_, _, k)| matches!(k, Kept::New(_)));
        let changed = self.changed.into_inner() || kept.len() != self.entries.len();
        if self.stats_line {
            // A debugging aid (SUMMARY_CACHE_SWITCH), not a message for people.
            eprintln!(
                "summary cache: {} from the cache, {} to keep, {}",
                self.hits.into_inner(),
                kept.len(),
                if fresh || changed {
                    "written"
                } else {
                    "unchanged"
                }
            );
        }
        if !fresh && !changed {
            return;
        }
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut out = Vec::with_capacity(self.bytes.len().max(64));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(kept.len() as u64).to_le_bytes());
        for (id, stamp, entry) in &kept {
            let payload = match entry {
                Kept::Old(range) => &self.bytes[range.clone()],
                Kept::New(bytes) => bytes.as_slice(),
            };
            id.put(&mut out);
            stamp.put(&mut out);
            (payload.len() as u64).put(&mut out);
            out.extend_from_slice(payload);
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        let root = journal.root();
        if check_inner_dirs(root, ".cache").is_err()
            || create_dir_private(&root.join(".cache")).is_err()
        {
            return;
        }
        let _ = write_cache_file(&root.join(SUMMARY_CACHE_FILE), &out);
    }
}

/// The old cache file's bytes: mapped where the platform lets a mapped file be replaced by
/// rename (Unix), read elsewhere (Windows refuses to replace a file mapped by another process).
enum Bytes {
    Read(Vec<u8>),
    #[cfg(unix)]
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            #[cfg(unix)]
            Bytes::Mapped(m) => m,
        }
    }
}

/// The entries of a cache file, or None when it is not a whole cache of this version.
fn index(bytes: &[u8]) -> Option<HashMap<String, (Stamp, Range<usize>)>> {
    let body = bytes.len().checked_sub(8)?;
    let sum = u64::from_le_bytes(bytes[body..].try_into().ok()?);
    if checksum(&bytes[..body]) != sum {
        return None;
    }
    let mut r = Reader::new(&bytes[..body]);
    if r.take(MAGIC.len())? != MAGIC || r.get::<u32>()? != VERSION {
        return None;
    }
    let count = usize::try_from(r.get::<u64>()?).ok()?;
    let mut entries = HashMap::with_capacity(count.min(body / (STAMP_LEN + 10)));
    for _ in 0..count {
        let id = r.get()?;
        let stamp = r.get()?;
        let len = usize::try_from(r.get::<u64>()?).ok()?;
        let start = r.pos();
        r.take(len)?;
        entries.insert(id, (stamp, start..start + len));
    }
    (r.pos() == body).then_some(entries)
}

/// A 64-bit checksum of the cache file, to tell a torn or damaged file (not an attack): each
/// 8-byte word mixed by multiplication. Written here because it is ten lines and the cache
/// needs nothing stronger; it reads several GB/s.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64 ^ K;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(31);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(31);
    }
    h ^ (h >> 29)
}

// --- the encoding of a customer: its header and records, each in its model form ([`Binary`]).

/// None when the file order does not name every record (a customer not as a file parsed):
/// it is then parsed every time, never cached short.
fn encode(c: &Customer) -> Option<Vec<u8>> {
    if c.record_count() != c.file_order.len() {
        return None;
    }
    let mut out = Vec::with_capacity(64 + c.file_order.len() * 48);
    c.header.put(&mut out);
    c.records.put(&mut out);
    Some(out)
}

/// Reads what [`encode`] wrote; None for anything else (the file is then parsed).
fn decode(bytes: &[u8], id: &str) -> Option<Customer> {
    let mut r = Reader::new(bytes);
    let mut c = Customer::new(id, r.get()?);
    c.records = r.get()?;
    (c.record_count() == c.file_order.len() && r.pos() == bytes.len()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::At;
    use crate::storage::parse_customer;
    use chrono::NaiveDate;
    use std::fs;

    /// Every customer of the example journal, and moments of every form, read back exactly.
    /// Records of every kind (`RecordKind::samples`, so a kind added later is in them too),
    /// with and without their optional fields and with dates and moments: the cache's form
    /// of a customer holds them all, in file order (each kind's `binary!` form read back).
    #[test]
    fn every_record_kind_reads_back_from_the_cache() {
        use crate::model::Record;
        use chrono::TimeZone;
        let day = At::Date(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        let moment = At::DateTime(
            chrono::FixedOffset::east_opt(3600)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 20, 10, 30, 0)
                .unwrap(),
        );
        let mut c = Customer::new("acme", crate::storage::testutil::header("Acme"));
        for (at, full) in [(day, true), (moment, false)] {
            for record in Record::samples(at, "città \"x\"\n", full) {
                c.push(record);
            }
        }
        assert_eq!(decode(&encode(&c).unwrap(), "acme"), Some(c));
    }

    #[test]
    fn a_customer_reads_back_exactly_as_it_parsed() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/journal/customers");
        let mut seen = 0;
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            let id = path.file_stem().unwrap().to_str().unwrap().to_string();
            let c = parse_customer(&path, &text)
                .unwrap()
                .into_customer(id.clone());
            assert_eq!(decode(&encode(&c).unwrap(), &id).as_ref(), Some(&c), "{id}");
            seen += 1;
        }
        assert!(seen >= 9);
        let text = "schema = 1\nname = \"Ünï\"\nkind = \"internal\"\ncadence = \"2w\"\n\
            territory = { north = [1, 2.5], since = 2025-01-02T03:04:05+05:30 }\n\
            [[interaction]]\nat = 2026-01-02T03:04:05.25-03:30\nchannel = \"call\"\ndirection = \"in\"\nsummary = \"x\"\n\
            [[interaction]]\nat = 2026-01-02T03:04:05\nchannel = \"note\"\ndirection = \"out\"\nsummary = \"\"\n\
            [[order]]\nat = 2026-01-03\namount = -12.34\nref = \"r\"\nnote = \"n\"\n\
            [[promise]]\nid = \"p1\"\nat = 2026-01-03\nby = \"them\"\nwhat = \"pay\"\ndue = 2026-02-01\nabout = \"payment\"\n\
            [[resolution]]\npromise = \"p1\"\nat = 2026-01-04\nstatus = \"renegotiated\"\ndue = 2026-03-01\n\
            [[phase]]\nat = 2026-01-05\nset = \"partner\"\nreason = \"r\"\n\
            [[phase]]\nat = 2026-01-06\nset = \"auto\"\n";
        let path = Path::new("x.toml");
        let c = parse_customer(path, text)
            .unwrap()
            .into_customer("x".into());
        assert!(!c.header.attributes.is_empty());
        assert_eq!(decode(&encode(&c).unwrap(), "x"), Some(c.clone()));
        // Every kind, with and without its optional fields (each kind's own samples).
        let mut every = Customer::new("s", c.header.clone());
        let at = At::Date(NaiveDate::from_ymd_opt(2026, 1, 7).unwrap());
        for full in [true, false] {
            for record in crate::model::Record::samples(at, "t\n\"", full) {
                every.records.push(record);
            }
        }
        assert!(!every.people.is_empty());
        assert_eq!(decode(&encode(&every).unwrap(), "s"), Some(every.clone()));
        // Without its people while the file order names them: never encoded, and never
        // decoded without them.
        let short = crate::model::Records {
            people: Vec::new(),
            ..every.records.clone()
        };
        assert_eq!(
            encode(&Customer {
                records: short.clone(),
                ..every.clone()
            }),
            None
        );
        let mut bytes = Vec::new();
        every.header.put(&mut bytes);
        short.put(&mut bytes);
        assert_eq!(decode(&bytes, "s"), None);
        // Any cut or extra byte is refused, never decoded into something else.
        let bytes = encode(&c).unwrap();
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut], "x"), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer, "x"), None);
        // A record of a kind the encoding does not know is never cached without it.
        let mut unknown = c.clone();
        unknown.file_order.push(9);
        assert_eq!(encode(&unknown), None);
    }

    /// A command reading the cache keeps the bytes it opened while another command replaces
    /// the file (coltiva only ever replaces it by rename): mapped on Unix, they stay whole.
    #[test]
    fn a_cache_replaced_while_read_keeps_the_bytes_that_were_opened() {
        let (dir, j) = crate::storage::testutil::journal();
        fs::create_dir_all(dir.path().join(".cache")).unwrap();
        let path = dir.path().join(SUMMARY_CACHE_FILE);
        let old: Vec<u8> = (0..100_000u32).flat_map(|i| i.to_le_bytes()).collect();
        write_cache_file(&path, &old).unwrap();
        let (opened, _) = j.read_summary_cache().unwrap();
        #[cfg(unix)]
        assert!(matches!(opened, Bytes::Mapped(_)), "mapped on Unix");
        write_cache_file(&path, b"another cache, shorter").unwrap();
        assert_eq!(&opened[..], &old[..]);
        assert_eq!(fs::read(&path).unwrap(), b"another cache, shorter");
        // An empty file (a cache cut to nothing) opens as no bytes, never as an error.
        write_cache_file(&path, b"").unwrap();
        let (empty, _) = j.read_summary_cache().unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn a_damaged_or_foreign_cache_file_has_no_entries() {
        let stamp = Stamp {
            dev: 1,
            ino: 2,
            size: 3,
            mtime: 4,
            ctime: 5,
        };
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&1u64.to_le_bytes());
        String::from("acme").put(&mut out);
        stamp.put(&mut out);
        out.extend_from_slice(&2u64.to_le_bytes());
        out.extend_from_slice(b"ab");
        let whole = |body: &[u8]| {
            let mut b = body.to_vec();
            b.extend_from_slice(&checksum(body).to_le_bytes());
            b
        };
        let good = index(&whole(&out)).unwrap();
        assert_eq!(good["acme"].0, stamp);
        assert_eq!(good.len(), 1);
        let mut flipped = whole(&out);
        flipped[20] ^= 1;
        assert!(index(&flipped).is_none(), "a flipped bit");
        assert!(index(&whole(&out)[..out.len()]).is_none(), "torn");
        let mut other = out.clone();
        other[8] ^= 1;
        assert!(index(&whole(&other)).is_none(), "another version");
        assert!(index(b"").is_none());
    }

    #[test]
    fn an_entry_is_settled_only_well_before_the_clock() {
        let s = |m: i128, c: i128| Stamp {
            dev: 0,
            ino: 0,
            size: 0,
            mtime: m,
            ctime: c,
        };
        let clock = 10 * MARGIN_NS;
        assert!(s(0, 0).settled_before(clock));
        assert!(!s(clock - MARGIN_NS, 0).settled_before(clock), "racy mtime");
        assert!(!s(0, clock - MARGIN_NS).settled_before(clock), "racy ctime");
        assert!(s(clock - MARGIN_NS - 1, 0).settled_before(clock));
    }
}
