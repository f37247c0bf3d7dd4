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
use crate::model::{
    About, At, Cadence, Channel, Direction, Interaction, Kind, Order, Party, Person, PersonEvent,
    Phase, PhaseRecord, PhaseSetting, Promise, RECORD_TABLES, Resolution, ResolutionStatus,
};
use crate::model::{Customer, Header};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::collections::BTreeMap;
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
const VERSION: u32 = 2;
/// Files larger than this are not cached: one huge customer would double the memory of every
/// reading command (its entry is read and written whole); it is parsed in parts instead.
const MAX_FILE: u64 = 16 << 20;
/// How much older than the clock a file's times must be for its entry to be kept.
const MARGIN_NS: i128 = 2_000_000_000;

/// What one `stat` says about a customer file: equal stamps mean an unchanged file (within the
/// rule of the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl Stamp {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.dev.to_le_bytes());
        out.extend_from_slice(&self.ino.to_le_bytes());
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&self.mtime.to_le_bytes());
        out.extend_from_slice(&self.ctime.to_le_bytes());
    }

    fn get(r: &mut Reader) -> Option<Stamp> {
        Some(Stamp {
            dev: r.u64()?,
            ino: r.u64()?,
            size: r.u64()?,
            mtime: r.i128()?,
            ctime: r.i128()?,
        })
    }

    /// Both times at least [`MARGIN_NS`] before `clock` (nanoseconds since 1970).
    pub(super) fn settled_before(&self, clock: i128) -> bool {
        self.mtime.max(self.ctime) < clock - MARGIN_NS
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
/// large journal), in the order of `ids`. Remembered for this process's next
/// [`Journal::summary_cache`], which uses them instead of a second `stat` per file: the reading
/// commands take this stamp (the outlook cache's) just before they read the files, and a stamp
/// taken before a read is all the rule asks.
pub(super) fn stamp_all(dir: &Path, ids: &[String], remember: bool) -> Vec<Option<Stamp>> {
    use rayon::prelude::*;
    let taken = now_ns();
    let stats = Stats::open(dir.to_path_buf());
    let stamps: Vec<Option<Stamp>> = ids.par_iter().map(|id| stats.stamp(id)).collect();
    if !remember {
        return stamps;
    }
    // Sized once: grown step by step, the table of 23,570 entries was rebuilt a dozen times.
    let mut known = HashMap::with_capacity(ids.len());
    known.extend(
        ids.iter()
            .zip(&stamps)
            .filter_map(|(id, s)| s.map(|s| (id.clone(), s))),
    );
    if let Ok(mut slot) = TAKEN.lock() {
        *slot = Some((dir.to_path_buf(), taken, known));
    }
    stamps
}

/// See [`stamp_all`]: the folder, the clock before the first `stat`, and the stamps.
type Taken = (PathBuf, i128, HashMap<String, Stamp>);
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
    /// Stamps taken earlier by this process ([`stamp_all`]), used instead of a new `stat`.
    taken: HashMap<String, Stamp>,
    /// The old cache file, whole; entries point into it.
    bytes: Vec<u8>,
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
    /// foreign cache is an empty one).
    pub(super) fn summary_cache(&self) -> SummaryCache {
        let switch = std::env::var_os(SUMMARY_CACHE_SWITCH);
        let enabled = switch.as_ref().is_none_or(|v| v != "off");
        let mut started = now_ns();
        let mut taken = HashMap::new();
        if let Some((dir, clock, stamps)) = TAKEN.lock().ok().and_then(|mut slot| slot.take())
            && dir == self.customers_dir()
        {
            started = started.min(clock);
            taken = stamps;
        }
        let mut cache = SummaryCache {
            taken,
            enabled,
            stats_line: switch.is_some_and(|v| v == "stats"),
            hits: std::sync::atomic::AtomicUsize::new(0),
            stats: Stats::open(self.customers_dir()),
            bytes: Vec::new(),
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
        cache
    }

    fn read_summary_cache(&self) -> Option<(Vec<u8>, i128)> {
        check_inner_dirs(&self.root, ".cache").ok()?;
        let path = self.root.join(SUMMARY_CACHE_FILE);
        let mut file = open_no_follow(&path, OpenOptions::new().read(true)).ok()?;
        let meta = file.metadata().ok()?;
        let written = match meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(_) => return None,
        };
        let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
        file.read_to_end(&mut bytes).ok()?;
        Some((bytes, written))
    }
}

impl SummaryCache {
    /// One customer: from the cache when its entry is provably current, else read and parsed
    /// (and remembered for the next cache).
    pub(super) fn load(&self, journal: &Journal, id: &str) -> Result<Customer> {
        if !self.enabled {
            return journal.load_customer(id);
        }
        // The stamp is taken before the file is read: a change after it makes it differ.
        let stamp = match self.taken.get(id) {
            Some(stamp) => Some(*stamp),
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
            put_str(&mut out, id);
            stamp.put(&mut out);
            out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
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

/// The entries of a cache file, or None when it is not a whole cache of this version.
fn index(bytes: &[u8]) -> Option<HashMap<String, (Stamp, Range<usize>)>> {
    let body = bytes.len().checked_sub(8)?;
    let sum = u64::from_le_bytes(bytes[body..].try_into().ok()?);
    if checksum(&bytes[..body]) != sum {
        return None;
    }
    let mut r = Reader {
        bytes: &bytes[..body],
        at: 0,
    };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != VERSION {
        return None;
    }
    let count = usize::try_from(r.u64()?).ok()?;
    let mut entries = HashMap::with_capacity(count.min(body / (STAMP_LEN + 10)));
    for _ in 0..count {
        let id = r.str()?.to_string();
        let stamp = Stamp::get(&mut r)?;
        let len = usize::try_from(r.u64()?).ok()?;
        let start = r.at;
        r.take(len)?;
        entries.insert(id, (stamp, start..start + len));
    }
    (r.at == body).then_some(entries)
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

// --- the encoding of a customer ----------------------------------------------------------
//
// Hand-written rather than serde: the records' serde form is TOML's (dates as TOML datetimes,
// amounts as floats, skipped empty fields), which a compact binary serde format cannot carry
// exactly; this one is exact by construction and checked by a round-trip test.

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn put_date(out: &mut Vec<u8>, d: NaiveDate) {
    out.extend_from_slice(&d.num_days_from_ce().to_le_bytes());
}

fn put_opt_date(out: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        None => out.push(0),
        Some(d) => {
            out.push(1);
            put_date(out, d);
        }
    }
}

fn put_time(out: &mut Vec<u8>, t: NaiveTime) {
    out.extend_from_slice(&t.num_seconds_from_midnight().to_le_bytes());
    out.extend_from_slice(&t.nanosecond().to_le_bytes());
}

fn put_at(out: &mut Vec<u8>, at: At) {
    match at {
        At::Date(d) => {
            out.push(0);
            put_date(out, d);
        }
        At::DateTime(dt) => {
            out.push(1);
            put_date(out, dt.date_naive());
            put_time(out, dt.time());
            out.extend_from_slice(&dt.offset().local_minus_utc().to_le_bytes());
        }
        At::Local(dt) => {
            out.push(2);
            put_date(out, dt.date());
            put_time(out, dt.time());
        }
    }
}

/// A word as its place in the type's list of words.
fn put_word<T: PartialEq>(out: &mut Vec<u8>, all: &[T], word: &T) {
    out.push(all.iter().position(|w| w == word).unwrap_or(usize::MAX) as u8);
}

/// None when the customer holds a record of a kind this encoding does not know (a kind added
/// to `model::kinds` without a line here): it is then parsed every time, never cached short.
fn encode(c: &Customer) -> Option<Vec<u8>> {
    let known = c.interactions.len()
        + c.orders.len()
        + c.promises.len()
        + c.resolutions.len()
        + c.phases.len()
        + c.people.len();
    if known != c.file_order.len() {
        return None;
    }
    let mut out = Vec::with_capacity(64 + c.file_order.len() * 48);
    let h = &c.header;
    out.extend_from_slice(&h.schema.to_le_bytes());
    put_str(&mut out, &h.name);
    put_word(&mut out, Kind::ALL, &h.kind);
    put_opt_date(&mut out, h.since);
    out.extend_from_slice(&(h.tags.len() as u64).to_le_bytes());
    for tag in &h.tags {
        put_str(&mut out, tag);
    }
    put_opt_str(&mut out, h.cadence.map(|c| c.to_string()).as_deref());
    put_opt_str(&mut out, h.uid.as_deref());
    // Free attributes are rare and may nest: kept as the TOML table they are.
    let attributes = if h.attributes.is_empty() {
        None
    } else {
        toml::to_string(&h.attributes).ok()
    };
    put_opt_str(&mut out, attributes.as_deref());
    out.extend_from_slice(&(c.file_order.len() as u64).to_le_bytes());
    out.extend_from_slice(&c.file_order);
    out.extend_from_slice(&(c.interactions.len() as u64).to_le_bytes());
    for r in &c.interactions {
        put_at(&mut out, r.at);
        put_word(&mut out, Channel::ALL, &r.channel);
        put_word(&mut out, Direction::ALL, &r.direction);
        put_str(&mut out, &r.summary);
        put_opt_str(&mut out, r.with.as_deref());
        put_opt_str(&mut out, r.source.as_deref());
    }
    out.extend_from_slice(&(c.orders.len() as u64).to_le_bytes());
    for r in &c.orders {
        put_at(&mut out, r.at);
        out.extend_from_slice(&r.amount.cents.to_le_bytes());
        put_opt_str(&mut out, r.reference.as_deref());
        put_opt_str(&mut out, r.note.as_deref());
        put_opt_str(&mut out, r.with.as_deref());
        put_opt_str(&mut out, r.source.as_deref());
    }
    out.extend_from_slice(&(c.promises.len() as u64).to_le_bytes());
    for r in &c.promises {
        put_str(&mut out, &r.id);
        put_at(&mut out, r.at);
        put_word(&mut out, Party::ALL, &r.by);
        put_str(&mut out, &r.what);
        put_date(&mut out, r.due);
        match &r.about {
            None => out.push(0),
            Some(about) => {
                out.push(1);
                put_word(&mut out, About::ALL, about);
            }
        }
        put_opt_str(&mut out, r.with.as_deref());
        put_opt_str(&mut out, r.source.as_deref());
    }
    out.extend_from_slice(&(c.resolutions.len() as u64).to_le_bytes());
    for r in &c.resolutions {
        put_str(&mut out, &r.promise);
        put_at(&mut out, r.at);
        put_word(&mut out, ResolutionStatus::ALL, &r.status);
        put_opt_date(&mut out, r.due);
        put_opt_str(&mut out, r.note.as_deref());
    }
    out.extend_from_slice(&(c.phases.len() as u64).to_le_bytes());
    for r in &c.phases {
        put_at(&mut out, r.at);
        match r.set {
            PhaseSetting::Auto => out.push(0),
            PhaseSetting::Pin(phase) => {
                out.push(1);
                put_word(&mut out, Phase::ALL, &phase);
            }
        }
        put_opt_str(&mut out, r.reason.as_deref());
    }
    out.extend_from_slice(&(c.people.len() as u64).to_le_bytes());
    for r in &c.people {
        put_str(&mut out, &r.id);
        put_at(&mut out, r.at);
        put_opt_str(&mut out, r.name.as_deref());
        put_opt_str(&mut out, r.role.as_deref());
        for list in [&r.email, &r.phone] {
            match list {
                None => out.push(0),
                Some(items) => {
                    out.push(1);
                    out.extend_from_slice(&(items.len() as u64).to_le_bytes());
                    for item in items {
                        put_str(&mut out, item);
                    }
                }
            }
        }
        put_opt_str(&mut out, r.source.as_deref());
        put_word(&mut out, PersonEvent::ALL, &r.event);
    }
    Some(out)
}

/// Reads what [`encode`] wrote; None for anything else (the file is then parsed).
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Option<i32> {
        self.array().map(i32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
    fn i128(&mut self) -> Option<i128> {
        self.array().map(i128::from_le_bytes)
    }
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => f(self).map(Some),
            _ => None,
        }
    }
    fn opt_string(&mut self) -> Option<Option<String>> {
        self.opt(Reader::string)
    }
    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.i32()?)
    }
    fn time(&mut self) -> Option<NaiveTime> {
        NaiveTime::from_num_seconds_from_midnight_opt(self.u32()?, self.u32()?)
    }
    fn at(&mut self) -> Option<At> {
        match self.u8()? {
            0 => Some(At::Date(self.date()?)),
            1 => {
                let local = NaiveDateTime::new(self.date()?, self.time()?);
                let offset = FixedOffset::east_opt(self.i32()?)?;
                let dt: DateTime<FixedOffset> = local.and_local_timezone(offset).single()?;
                Some(At::DateTime(dt))
            }
            2 => Some(At::Local(NaiveDateTime::new(self.date()?, self.time()?))),
            _ => None,
        }
    }
    fn word<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(usize::from(self.u8()?)).copied()
    }
    fn count(&mut self) -> Option<usize> {
        // Never trust a length beyond what the bytes could hold.
        self.len().filter(|&n| n <= self.bytes.len() - self.at)
    }
}

fn decode(bytes: &[u8], id: &str) -> Option<Customer> {
    let mut r = Reader { bytes, at: 0 };
    let schema = r.u32()?;
    let name = r.string()?;
    let kind = r.word(Kind::ALL)?;
    let since = r.opt(Reader::date)?;
    let tags = (0..r.count()?)
        .map(|_| r.string())
        .collect::<Option<Vec<_>>>()?;
    let cadence = match r.opt_string()? {
        None => None,
        Some(text) => Some(Cadence::parse(&text).ok()?),
    };
    let uid = r.opt_string()?;
    let attributes = match r.opt_string()? {
        None => BTreeMap::new(),
        Some(text) => toml::from_str(&text).ok()?,
    };
    let header = Header {
        schema,
        name,
        kind,
        since,
        tags,
        cadence,
        uid,
        attributes,
    };
    let mut c = Customer::new(id, header);
    let n = r.count()?;
    c.file_order = r.take(n)?.to_vec();
    for _ in 0..r.count()? {
        c.interactions.push(Interaction {
            at: r.at()?,
            channel: r.word(Channel::ALL)?,
            direction: r.word(Direction::ALL)?,
            summary: r.string()?,
            with: r.opt_string()?,
            source: r.opt_string()?,
        });
    }
    for _ in 0..r.count()? {
        c.orders.push(Order {
            at: r.at()?,
            amount: crate::model::Amount { cents: r.i128()? },
            reference: r.opt_string()?,
            note: r.opt_string()?,
            with: r.opt_string()?,
            source: r.opt_string()?,
        });
    }
    for _ in 0..r.count()? {
        c.promises.push(Promise {
            id: r.string()?,
            at: r.at()?,
            by: r.word(Party::ALL)?,
            what: r.string()?,
            due: r.date()?,
            about: r.opt(|r| r.word(About::ALL))?,
            with: r.opt_string()?,
            source: r.opt_string()?,
        });
    }
    for _ in 0..r.count()? {
        c.resolutions.push(Resolution {
            promise: r.string()?,
            at: r.at()?,
            status: r.word(ResolutionStatus::ALL)?,
            due: r.opt(Reader::date)?,
            note: r.opt_string()?,
        });
    }
    for _ in 0..r.count()? {
        let at = r.at()?;
        let set = match r.u8()? {
            0 => PhaseSetting::Auto,
            1 => PhaseSetting::Pin(r.word(Phase::ALL)?),
            _ => return None,
        };
        c.phases.push(PhaseRecord {
            at,
            set,
            reason: r.opt_string()?,
        });
    }
    for _ in 0..r.count()? {
        let (id, at, name, role) = (r.string()?, r.at()?, r.opt_string()?, r.opt_string()?);
        let mut list = || -> Option<Option<Vec<String>>> {
            r.opt(|r| (0..r.count()?).map(|_| r.string()).collect())
        };
        let (email, phone) = (list()?, list()?);
        c.people.push(Person {
            id,
            at,
            name,
            role,
            email,
            phone,
            source: r.opt_string()?,
            event: r.word(PersonEvent::ALL)?,
        });
    }
    // Every record the file order names was decoded: a kind this encoding does not carry
    // (one added to `record_kinds!` and not here) makes the entry unusable, so the file is
    // parsed instead of read without its records.
    let whole = (0..RECORD_TABLES.len()).all(|kind| {
        let n = c
            .file_order
            .iter()
            .filter(|&&k| usize::from(k) == kind)
            .count();
        // The kinds are few: the index fits a byte.
        let kind = kind as u8;
        c.records.get(kind, n).is_none() && (n == 0 || c.records.get(kind, n - 1).is_some())
    });
    (whole && r.at == bytes.len()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::parse_customer;
    use std::fs;

    /// Every customer of the example journal, and moments of every form, read back exactly.
    /// Records of every kind (`RecordKind::samples`, so a kind added later is in them too),
    /// with and without their optional fields and with dates and moments: the cache's form
    /// of a customer holds them all, in file order. A kind the encoding forgets fails here.
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
        // Every kind, with and without its optional fields (each kind's own samples): a kind
        // this encoding does not carry is refused by `decode`, and this fails.
        let mut every = Customer::new("s", c.header.clone());
        let at = At::Date(NaiveDate::from_ymd_opt(2026, 1, 7).unwrap());
        for full in [true, false] {
            for record in crate::model::Record::samples(at, "t\n\"", full) {
                every.records.push(record);
            }
        }
        assert!(!every.people.is_empty());
        assert_eq!(decode(&encode(&every).unwrap(), "s"), Some(every.clone()));
        // Without its people while the file order names them (as a kind this encoding forgot
        // would be): never encoded, and never decoded without them.
        let people = encode(&Customer {
            records: crate::model::Records {
                people: Vec::new(),
                ..every.records.clone()
            },
            ..every.clone()
        });
        assert_eq!(people, None);
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
        put_str(&mut out, "acme");
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
