//! The journal on disk. This module owns every byte: paths, permissions, locking, appends,
//! atomic replaces and parse errors with locations. Nothing else opens a journal file.
//!
//! Guarantees (see docs/DURABILITY.md):
//! - a record write appends one complete, serialized record at the end of one file, in one
//!   `write` call on a descriptor opened in append mode, under an exclusive lock, and is fsynced
//!   before success is reported; existing bytes are never touched;
//! - a file that does not parse is never appended to;
//! - new files are created 0600 and directories 0700, and every path is built from a validated
//!   customer id, so no user input can address a file outside the journal.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{self, DEFAULT_SETTINGS_TOML, SETTINGS_FILE, Settings, Source};
use crate::error::{Error, IoContext, Result};
pub use crate::ids::{MAX_ID_LEN, validate_id};
use crate::model::{Customer, CustomerFile, Header, HeaderOut, Record};

/// Folder of the customer files inside a journal.
pub const CUSTOMERS_DIR: &str = "customers";
const EXTENSION: &str = "toml";
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// An opened journal: its root folder and settings.
#[derive(Debug, Clone)]
pub struct Journal {
    root: PathBuf,
    pub settings: Settings,
    /// True when the journal does not exist yet and is created by the first write
    /// (the platform data directory case).
    create_on_write: bool,
}

impl Journal {
    /// Opens the journal at `root`. A folder without `coltiva.toml` is an error, except for the
    /// platform data directory, which is created on first write.
    pub fn open(root: PathBuf, source: Source) -> Result<Journal> {
        let settings_path = root.join(SETTINGS_FILE);
        match fs::read(&settings_path) {
            Ok(bytes) => {
                let text = decode(&settings_path, bytes)?;
                let settings = Settings::parse(&text, &settings_path)?;
                Ok(Journal {
                    root,
                    settings,
                    create_on_write: false,
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && source == Source::DataDir => {
                Ok(Journal {
                    root,
                    settings: Settings::default(),
                    create_on_write: true,
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Invalid(format!(
                "{} is not a coltiva journal (no {SETTINGS_FILE}); create one with `coltiva init {}`",
                root.display(),
                root.display()
            ))),
            Err(e) => Err(Error::io(
                format!("could not read {}", settings_path.display()),
                e,
            )),
        }
    }

    /// Locates and opens the journal from the `--dir` flag and the environment.
    pub fn discover(flag: Option<&Path>) -> Result<Journal> {
        let env = std::env::var(config::DIR_ENV).ok();
        let cwd = std::env::current_dir().ctx(|| "could not read the current directory")?;
        let (root, source) = config::locate(flag, env.as_deref(), &cwd)?;
        Journal::open(root, source)
    }

    /// Creates a journal at `root`: `coltiva.toml` (commented defaults) and `customers/`.
    /// Refuses to overwrite an existing `coltiva.toml`. Returns true when it was created.
    pub fn init(root: &Path) -> Result<bool> {
        create_dir_private(root)?;
        create_dir_private(&root.join(CUSTOMERS_DIR))?;
        let settings_path = root.join(SETTINGS_FILE);
        if settings_path.exists() {
            return Ok(false);
        }
        write_new_file(&settings_path, DEFAULT_SETTINGS_TOML.as_bytes())?;
        Ok(true)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn customers_dir(&self) -> PathBuf {
        self.root.join(CUSTOMERS_DIR)
    }

    /// The path of a customer's file. The id must already be valid (see [`validate_id`]).
    pub fn customer_path(&self, id: &str) -> Result<PathBuf> {
        validate_id(id)?;
        Ok(self.customers_dir().join(format!("{id}.{EXTENSION}")))
    }

    /// True when a customer file with this id exists.
    pub fn has_customer(&self, id: &str) -> bool {
        validate_id(id).is_ok()
            && fs::symlink_metadata(self.customers_dir().join(format!("{id}.{EXTENSION}")))
                .is_ok_and(|m| m.file_type().is_file())
    }

    /// The ids of every customer, sorted. A missing `customers/` folder means no customers.
    pub fn customer_ids(&self) -> Result<Vec<String>> {
        let dir = self.customers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(format!("could not list {}", dir.display()), e)),
        };
        let mut ids = Vec::new();
        for entry in entries {
            let entry = entry.ctx(|| format!("could not list {}", dir.display()))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some(stem) = name.strip_suffix(".toml") else {
                continue;
            };
            if validate_id(stem).is_ok() {
                ids.push(stem.to_string());
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// Reads and parses one customer file.
    pub fn load_customer(&self, id: &str) -> Result<Customer> {
        let path = self.customer_path(id)?;
        let text = read_text(&path)?;
        parse_customer(&path, &text).map(|file| file.into_customer(id.to_string()))
    }

    /// Reads only the header of a customer file (what reference matching needs), without
    /// parsing its records.
    pub fn load_header(&self, id: &str) -> Result<Header> {
        let path = self.customer_path(id)?;
        let text = read_text(&path)?;
        // The header ends where the first table starts; parse just that part when possible.
        let end = header_end(&text);
        match toml::from_str::<CustomerFile>(&text[..end]) {
            Ok(file) => Ok(file.header),
            Err(_) => parse_customer(&path, &text).map(|file| file.header),
        }
    }

    /// True when the raw bytes of a customer file contain `needle` (a cheap pre-filter that
    /// spares parsing files that cannot hold what is looked for).
    pub fn file_contains(&self, id: &str, needle: &str) -> Result<bool> {
        let path = self.customer_path(id)?;
        let bytes = read_bytes(&path)?;
        Ok(memchr::memmem::find(&bytes, needle.as_bytes()).is_some())
    }

    /// Reads, parses and maps every customer file on all cores, in id order, keeping only what
    /// `f` returns: a journal of millions of records never sits in memory whole. The first
    /// file that cannot be read or parsed (in id order) is the error.
    pub fn map_all<T: Send>(&self, f: impl Fn(Customer) -> T + Sync) -> Result<Vec<T>> {
        use rayon::prelude::*;
        let mapped: Vec<Result<T>> = self
            .customer_ids()?
            .par_iter()
            .map(|id| self.load_customer(id).map(&f))
            .collect();
        mapped.into_iter().collect()
    }

    /// Reads and parses every customer file, sorted by id, on all cores. The first file that
    /// cannot be read or parsed (in id order) is the error.
    pub fn load_all(&self) -> Result<Vec<Customer>> {
        self.map_all(|c| c)
    }

    /// Creates a new customer file holding only its header. Never overwrites: an existing id is
    /// an error. The file appears complete or not at all (temp file, fsync, hard link).
    pub fn create_customer(&self, id: &str, header: &Header) -> Result<PathBuf> {
        let path = self.customer_path(id)?;
        self.ensure_exists()?;
        if path.exists() {
            return Err(Error::Usage(format!(
                "a customer with id {id:?} already exists ({}); choose another with --id",
                path.display()
            )));
        }
        let text = toml::to_string(&HeaderOut::from(header))
            .map_err(|e| Error::Invalid(format!("could not serialize the header: {e}")))?;
        // Proof before writing: the header must read back as written.
        let back = parse_customer(&path, &text)?;
        if &back.header != header {
            return Err(Error::Invalid(format!(
                "internal error: the header of {id:?} would not read back as written; nothing was written"
            )));
        }
        let tmp = temp_path(&path);
        write_new_file(&tmp, text.as_bytes())?;
        let linked = fs::hard_link(&tmp, &path);
        let _ = fs::remove_file(&tmp);
        match linked {
            Ok(()) => {
                sync_dir(&self.customers_dir());
                Ok(path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Usage(format!(
                "a customer with id {id:?} already exists ({}); choose another with --id",
                path.display()
            ))),
            Err(e) => Err(Error::io(format!("could not create {}", path.display()), e)),
        }
    }

    /// Appends one record to a customer's file.
    ///
    /// Under an exclusive lock on the file, reads and parses it (a file that does not parse is
    /// refused with the parse error), lets `build` make the record from the current content
    /// (so checks such as "is this promise still open?" see exactly what is on disk), proves
    /// that the serialized record reads back identical, and appends it in one write, fsynced.
    pub fn append_with<T>(
        &self,
        id: &str,
        build: impl FnOnce(&Customer) -> Result<(Record, T)>,
    ) -> Result<(Record, T)> {
        let mut extra = None;
        let mut records = self.append_records_with(id, |customer| {
            let (record, x) = build(customer)?;
            extra = Some(x);
            Ok(vec![record])
        })?;
        match (records.pop(), extra) {
            (Some(record), Some(extra)) => Ok((record, extra)),
            _ => Err(Error::Invalid(format!(
                "internal error: nothing was appended to customer {id:?}"
            ))),
        }
    }

    /// Rewrites the header of a customer file, keeping every record byte.
    ///
    /// Under the file's exclusive lock: reads and parses the file (a file that does not parse is
    /// refused), lets `edit` change the header as a format-preserving TOML document (comments
    /// and layout survive), proves that the new file parses with the same records and the
    /// header `edit` meant, then replaces the file atomically: temp file in the same folder with
    /// the same permissions, fsync, rename, fsync of the folder.
    pub fn edit_header(
        &self,
        id: &str,
        edit: impl FnOnce(&mut toml_edit::DocumentMut, &Customer) -> Result<Header>,
    ) -> Result<HeaderEdit> {
        let path = self.customer_path(id)?;
        let mut file = open_locked(&path, id)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .ctx(|| format!("could not read {}", path.display()))?;
        let bom = bytes.starts_with(UTF8_BOM);
        let text = decode(&path, bytes)?;
        let before = parse_customer(&path, &text)
            .map_err(|e| refuse_append(e, id))?
            .into_customer(id.to_string());
        let (head, records) = text.split_at(header_end(&text));
        let mut doc: toml_edit::DocumentMut = head.parse().map_err(|_| {
            Error::Invalid(format!(
                "the header of {} cannot be edited safely (a multi-line value that looks like a table?); edit it by hand with `coltiva edit {id}`",
                path.display()
            ))
        })?;
        let intended = edit(&mut doc, &before)?;
        if intended == before.header {
            return Ok(HeaderEdit {
                header: before.header,
                changed: false,
            });
        }
        let mut new_head = doc.to_string();
        // Keep the blank line that separates the header from the first record.
        if !records.is_empty() {
            while !new_head.ends_with("\n\n") {
                new_head.push('\n');
            }
        }
        let mut new_text = String::with_capacity(new_head.len() + records.len() + 3);
        if bom {
            new_text.push('\u{feff}');
        }
        new_text.push_str(&new_head);
        new_text.push_str(records);
        let after = parse_customer(&path, new_text.trim_start_matches('\u{feff}'))
            .map_err(|e| {
                Error::Invalid(format!(
                    "internal error: the edited file would not parse ({e}); nothing was changed"
                ))
            })?
            .into_customer(id.to_string());
        // Proof before writing: same records, and exactly the header that was meant.
        if after.timeline() != before.timeline() || after.header != intended {
            return Err(Error::Invalid(format!(
                "internal error: the header edit of {id:?} would not read back as meant; nothing was changed"
            )));
        }
        let permissions = file.metadata().map(|m| m.permissions()).ok();
        replace_file(&path, new_text.as_bytes(), permissions)?;
        drop(file);
        Ok(HeaderEdit {
            header: after.header,
            changed: true,
        })
    }

    /// Moves the unparseable tail of a customer file to `<id>.toml.rej` (appended to, never
    /// overwritten), leaving the longest prefix that parses and ends at a record boundary.
    ///
    /// The rejected bytes are written and fsynced first, then the file is replaced atomically,
    /// so a crash in between can duplicate bytes but never lose them.
    pub fn repair(&self, id: &str, allow_many: bool) -> Result<Repair> {
        let path = self.customer_path(id)?;
        let mut file = open_locked(&path, id)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .ctx(|| format!("could not read {}", path.display()))?;
        let error = match decode(&path, bytes.clone()).and_then(|t| parse_customer(&path, &t)) {
            Ok(_) => return Ok(Repair::Clean),
            Err(e) => e,
        };
        let Some(cut) = longest_parseable_prefix(&path, &bytes) else {
            return Err(Error::Invalid(format!(
                "{error}\nno part of the file parses, not even its header; fix it by hand with `coltiva edit {id}`"
            )));
        };
        let tail = &bytes[cut..];
        let records_moved = count_record_starts(tail);
        if records_moved > 1 && !allow_many {
            return Err(Error::Invalid(format!(
                "{error}\nrepair would move {records_moved} records (from line {}) to {}.rej; the problem is not just a broken last record.\nfix it by hand with `coltiva edit {id}`, or run `coltiva repair {id} --force` to move them aside",
                line_of(&bytes, cut),
                path.display()
            )));
        }
        let rej = path.with_extension("toml.rej");
        append_private(&rej, tail)?;
        let permissions = file.metadata().map(|m| m.permissions()).ok();
        replace_file(&path, &bytes[..cut], permissions)?;
        drop(file);
        Ok(Repair::Moved {
            error: error.to_string(),
            from_line: line_of(&bytes, cut),
            bytes: tail.len(),
            records: records_moved,
            rej,
        })
    }

    /// Deletes a customer's file (and its `.rej` file, which holds the same person's data).
    /// Returns the paths removed.
    pub fn forget(&self, id: &str) -> Result<Vec<PathBuf>> {
        let path = self.customer_path(id)?;
        let file = open_locked(&path, id)?;
        let mut removed = Vec::new();
        fs::remove_file(&path).ctx(|| format!("could not delete {}", path.display()))?;
        removed.push(path.clone());
        drop(file);
        let rej = path.with_extension("toml.rej");
        if fs::symlink_metadata(&rej).is_ok() {
            fs::remove_file(&rej).ctx(|| format!("could not delete {}", rej.display()))?;
            removed.push(rej);
        }
        sync_dir(&self.customers_dir());
        Ok(removed)
    }

    /// The customers whose file contains `needle`, found by reading every file (on all cores).
    /// The same pass rebuilds the promise index (best effort), so the next lookup by promise
    /// id reads one small index file instead of the whole journal.
    pub fn files_containing(&self, needle: &str) -> Result<Vec<String>> {
        use rayon::prelude::*;
        let stamp = self.customers_stamp();
        let scanned: Vec<Result<(String, bool, Vec<String>)>> = self
            .customer_ids()?
            .par_iter()
            .map(|id| {
                let bytes = read_bytes(&self.customer_path(id)?)?;
                let hit = memchr::memmem::find(&bytes, needle.as_bytes()).is_some();
                Ok((id.clone(), hit, promise_ids_in(&bytes)))
            })
            .collect();
        let scanned: Vec<(String, bool, Vec<String>)> =
            scanned.into_iter().collect::<Result<_>>()?;
        if let Some(stamp) = stamp {
            let _ = self.write_promise_index(&scanned, &stamp);
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
    pub fn promise_index_lookup(&self, prefix: &str) -> Option<IndexHits> {
        let dir = self.root.join(PROMISE_INDEX_DIR);
        let built = fs::read_to_string(dir.join("stamp")).ok()?;
        let shard = prefix.chars().next()?;
        let text = fs::read_to_string(dir.join(shard.to_string())).ok()?;
        let entries = text
            .lines()
            .filter_map(|line| line.split_once(' '))
            .filter(|(promise, _)| promise.starts_with(prefix))
            .map(|(promise, customer)| (promise.to_string(), customer.to_string()))
            .collect();
        Some(IndexHits {
            entries,
            fresh: self.customers_stamp().as_deref() == Some(built.as_str()),
        })
    }

    /// Adds a new promise to the index, when there is one (best effort: a missing entry only
    /// costs the next lookup a full scan).
    pub fn index_promise(&self, promise: &str, customer: &str) {
        let dir = self.root.join(PROMISE_INDEX_DIR);
        let Some(shard) = promise.chars().next() else {
            return;
        };
        let path = dir.join(shard.to_string());
        if dir.join("stamp").is_file() && path.is_file() {
            let mut line = String::with_capacity(promise.len() + customer.len() + 2);
            line.push_str(promise);
            line.push(' ');
            line.push_str(customer);
            line.push('\n');
            let _ = OpenOptions::new()
                .append(true)
                .open(&path)
                .and_then(|mut f| f.write_all(line.as_bytes()));
        }
    }

    fn write_promise_index(
        &self,
        scanned: &[(String, bool, Vec<String>)],
        stamp: &str,
    ) -> Result<()> {
        let dir = self.root.join(PROMISE_INDEX_DIR);
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

    /// When the set of customer files last changed: the modification time of `customers/`
    /// (it changes when a file is created, deleted or renamed over, not on appends).
    fn customers_stamp(&self) -> Option<String> {
        let modified = fs::metadata(self.customers_dir()).ok()?.modified().ok()?;
        let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(since.as_nanos().to_string())
    }

    /// Every entry of `customers/`, for `check`: files with valid ids and anything else that
    /// sits there (bad names, folders, links, leftovers). Read customer files with
    /// [`read_bytes`].
    pub fn scan(&self) -> Result<Vec<Entry>> {
        let dir = self.customers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(format!("could not list {}", dir.display()), e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.ctx(|| format!("could not list {}", dir.display()))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let id = name
                .strip_suffix(".toml")
                .filter(|stem| validate_id(stem).is_ok())
                .map(str::to_string);
            out.push(Entry { path, name, id });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Creates the journal folders on first write to the platform data directory.
    fn ensure_exists(&self) -> Result<()> {
        if self.create_on_write {
            Journal::init(&self.root)?;
        } else {
            create_dir_private(&self.customers_dir())?;
        }
        Ok(())
    }
}

/// Where the promise index lives: one small file per first character of the promise id,
/// lines of `PROMISE CUSTOMER`, and a `stamp`. A cache: deleting it is always safe.
pub const PROMISE_INDEX_DIR: &str = ".cache/promises";

/// See [`Journal::promise_index_lookup`].
#[derive(Debug)]
pub struct IndexHits {
    pub entries: Vec<(String, String)>,
    pub fresh: bool,
}

/// The values of `id = "..."` lines: the promise ids of a customer file, found without parsing
/// it (a header attribute named `id` may slip in; lookups verify every hit).
fn promise_ids_in(bytes: &[u8]) -> Vec<String> {
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

/// The outcome of [`Journal::edit_header`].
#[derive(Debug)]
pub struct HeaderEdit {
    pub header: Header,
    /// False when the edit asked for what the header already said (nothing was written).
    pub changed: bool,
}

/// What `repair` did.
#[derive(Debug)]
pub enum Repair {
    /// The file parses; nothing was moved.
    Clean,
    Moved {
        /// The parse error that made the repair necessary.
        error: String,
        /// First line of the file that was moved.
        from_line: usize,
        bytes: usize,
        /// Record tables (`[[...]]` lines) in the moved part.
        records: usize,
        rej: PathBuf,
    },
}

/// One entry of `customers/` as found by [`Journal::scan`].
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub name: String,
    /// The customer id when the name is `<valid id>.toml`.
    pub id: Option<String>,
}

/// The end of the longest prefix of `bytes` that is valid UTF-8, parses as a customer file and
/// ends at the start of a line that opens a table (a record boundary) or at the end.
fn longest_parseable_prefix(path: &Path, bytes: &[u8]) -> Option<usize> {
    let mut cuts: Vec<usize> = vec![];
    let mut offset = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if line.first() == Some(&b'[') {
            cuts.push(offset);
        }
        offset += line.len();
    }
    let cut = cuts.into_iter().rev().find(|&cut| {
        std::str::from_utf8(&bytes[..cut])
            .ok()
            .is_some_and(|text| parse_customer(path, text.trim_start_matches('\u{feff}')).is_ok())
    })?;
    // Leave the blank lines before the moved record with it, so the next append looks normal.
    let mut cut = cut;
    while cut >= 2 && bytes[cut - 1] == b'\n' && bytes[cut - 2] == b'\n' {
        cut -= 1;
    }
    Some(cut)
}

fn count_record_starts(bytes: &[u8]) -> usize {
    bytes
        .split(|&b| b == b'\n')
        .filter(|line| line.starts_with(b"[["))
        .count()
        .max(1)
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Replaces `path` atomically with `bytes`: a temp file in the same folder, fsync, rename,
/// fsync of the folder. The new file gets `permissions` (the old file's) or 0600.
fn replace_file(path: &Path, bytes: &[u8], permissions: Option<fs::Permissions>) -> Result<()> {
    let tmp = temp_path(path);
    let _ = fs::remove_file(&tmp);
    write_new_file(&tmp, bytes)?;
    if let Some(permissions) = permissions {
        let _ = fs::set_permissions(&tmp, permissions);
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(
            format!("could not replace {}", path.display()),
            e,
        ));
    }
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// Replaces a cache file by rename, without fsync: a cache lost in a crash is rebuilt.
fn write_cache_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_path(path);
    let _ = fs::remove_file(&tmp);
    create_private(&tmp, bytes)?;
    fs::rename(&tmp, path).ctx(|| format!("could not write {}", path.display()))
}

/// Appends to a private file (created 0600), fsynced.
fn append_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = open_no_follow(path, &mut options)?;
    file.write_all(bytes)
        .ctx(|| format!("could not write {}", path.display()))?;
    file.sync_all()
        .ctx(|| format!("could not flush {} to disk", path.display()))
}

fn refuse_append(err: Error, id: &str) -> Error {
    match err {
        Error::Parse {
            path,
            line,
            column,
            message,
        } => Error::Parse {
            path,
            line,
            column,
            message: format!(
                "{message}\nnothing was appended: fix the file by hand (`coltiva edit {id}`) or move a broken tail aside with `coltiva repair {id}`"
            ),
        },
        other => other,
    }
}

/// The text of a whole customer file: the header, then each record as `append_with` writes it.
/// Serialized by the toml crate; used to write journals in bulk (benchmarks, tests).
pub fn customer_text(header: &Header, records: &[Record]) -> Result<String> {
    let mut text = toml::to_string(&HeaderOut::from(header))
        .map_err(|e| Error::Invalid(format!("could not serialize the header: {e}")))?;
    for record in records {
        text.push_str(&record_chunk(record, text.ends_with('\n'))?);
    }
    Ok(text)
}

/// The bytes appended for one record: a blank line, then `[[kind]]` and its fields.
fn record_chunk(record: &Record, ends_with_newline: bool) -> Result<String> {
    let mut table = BTreeMap::new();
    table.insert(record.table(), [RecordOut(record)]);
    let body = toml::to_string(&table)
        .map_err(|e| Error::Invalid(format!("could not serialize the record: {e}")))?;
    let mut chunk = String::with_capacity(body.len() + 2);
    if !ends_with_newline {
        chunk.push('\n');
    }
    chunk.push('\n');
    chunk.push_str(&body);
    Ok(chunk)
}

/// True when `text` may define the root key `table` other than as `[[table]]` (an inline
/// array, a `[table]` table, a dotted key): only then can appending `[[table]]` break the
/// file, so only then is the whole result parsed again. Errs on the side of true.
fn defines_otherwise(text: &str, table: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        if line
            .strip_prefix("[[")
            .and_then(|l| l.strip_prefix(table))
            .is_some_and(|l| l.starts_with("]]"))
        {
            return false;
        }
        let rest = line.trim_start_matches(['[', ' ', '\t', '"', '\'']);
        rest.strip_prefix(table).is_some_and(|after| {
            after
                .trim_start_matches([' ', '\t', '"', '\''])
                .starts_with(['=', '.', ']'])
        })
    })
}

fn verify_whole(path: &Path, text: &str, chunk: &str, records_after: usize) -> Result<()> {
    let whole = format!("{text}{chunk}");
    match parse_customer(path, &whole).map(|file| file.into_customer(String::new())) {
        Ok(back) if back.record_count() == records_after => Ok(()),
        Ok(_) => Err(Error::Invalid(format!(
            "internal error: the record would not read back from {}; nothing was appended",
            path.display()
        ))),
        Err(Error::Parse {
            line,
            column,
            message,
            ..
        }) => Err(Error::Invalid(format!(
            "{}: the record cannot be appended: the file would no longer parse ({message} at {line}:{column} of the result; is a record kind written in another TOML form?); nothing was appended",
            path.display()
        ))),
        Err(other) => Err(other),
    }
}

struct RecordOut<'a>(&'a Record);

impl Serialize for RecordOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Record::Interaction(r) => r.serialize(s),
            Record::Order(r) => r.serialize(s),
            Record::Promise(r) => r.serialize(s),
            Record::Resolution(r) => r.serialize(s),
            Record::Phase(r) => r.serialize(s),
        }
    }
}

/// Parses the text of a customer file, mapping errors to file:line:column.
pub fn parse_customer(path: &Path, text: &str) -> Result<CustomerFile> {
    toml::from_str::<CustomerFile>(text).map_err(|e| Error::parse(path, text, &e))
}

/// Byte offset where the header of a customer file ends: the first line that opens a table.
fn header_end(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

fn read_text(path: &Path) -> Result<String> {
    decode(path, read_bytes(path)?)
}

/// Reads a journal file, refusing symbolic links (a link could point anywhere outside the
/// journal) and anything that is not a regular file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let mut file = open_no_follow(path, OpenOptions::new().read(true))?;
    let size = file.metadata().map_or(0, |m| m.len() as usize);
    let mut bytes = Vec::with_capacity(size + 1);
    file.read_to_end(&mut bytes)
        .ctx(|| format!("could not read {}", path.display()))?;
    Ok(bytes)
}

/// Opens `path` without following a symbolic link in its last component, and checks that it
/// is a regular file.
fn open_no_follow(path: &Path, options: &mut OpenOptions) -> Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if is_symlink(path) => {
            let _ = e;
            return Err(Error::Invalid(format!(
                "{} is a symbolic link; coltiva reads and writes only regular files inside the journal (replace the link with the file itself)",
                path.display()
            )));
        }
        Err(e) => return Err(Error::io(format!("could not open {}", path.display()), e)),
    };
    let meta = file
        .metadata()
        .ctx(|| format!("could not read {}", path.display()))?;
    if !meta.is_file() {
        return Err(Error::Invalid(format!(
            "{} is not a regular file (a folder or a device?); move it out of the journal",
            path.display()
        )));
    }
    Ok(file)
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Opens a customer file for appending under an exclusive lock.
///
/// A header edit or a repair replaces the file by renaming a new one over it while holding the
/// lock on the old one; a writer that was waiting for that lock would then hold a lock on a
/// file that is no longer in the journal. So after locking, check that the path still names the
/// locked file, and start over when it does not.
fn open_locked(path: &Path, id: &str) -> Result<File> {
    for _ in 0..1000 {
        let file = match open_no_follow(path, OpenOptions::new().read(true).append(true)) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Invalid(format!(
                    "the file of customer {id:?} ({}) is gone; was it forgotten or moved?",
                    path.display()
                )));
            }
            other => other?,
        };
        file.lock()
            .ctx(|| format!("could not lock {}", path.display()))?;
        if same_file(&file, path) {
            return Ok(file);
        }
    }
    Err(Error::Invalid(format!(
        "{} keeps being replaced while coltiva waits for it; try again",
        path.display()
    )))
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.is_file()
}

/// Files are UTF-8 (TOML requires it); say where the first invalid byte is.
/// A byte-order mark (some Windows editors write one) is accepted and ignored.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        let (line, column) = crate::error::line_column(&prefix, valid);
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8".into(),
        }
    })
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

/// Creates a file that must not exist yet, private to the user (0600), with `bytes`.
fn create_private(path: &Path, bytes: &[u8]) -> Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .ctx(|| format!("could not create {}", path.display()))?;
    file.write_all(bytes)
        .ctx(|| format!("could not write {}", path.display()))?;
    Ok(file)
}

/// Creates a file that must not exist yet, private to the user, with `bytes`, fsynced.
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    create_private(path, bytes)?
        .sync_all()
        .ctx(|| format!("could not flush {} to disk", path.display()))
}

/// Creates a folder (and its parents), private to the user; an existing folder is fine.
fn create_dir_private(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(path)
        .ctx(|| format!("could not create the folder {}", path.display()))
}

/// Makes a new directory entry durable (best effort: not every platform can fsync a folder).
fn sync_dir(path: &Path) {
    if let Ok(dir) = File::open(path) {
        let _ = dir.sync_all();
    }
}

// ---------------------------------------------------------------------------------------------
// Bulk writes (import) and whole-file edits (`coltiva edit`). Same guarantees as above: every
// record is serialized by the TOML library and proved to read back before anything is written;
// appends happen under the file's lock in one write, fsynced; new files appear complete or not
// at all.

/// A customer to create with its first records (see [`Journal::create_customers_with_records`]).
#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub id: String,
    pub header: Header,
    pub records: Vec<Record>,
}

/// How many threads write new files when creating many customers: one per core. Creating files
/// in one folder is serialized by the file system; more writers than cores only spin on its
/// lock (measured: 8 writers spent more system time and were no faster than 2 on 2 cores).
fn bulk_writers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

impl Journal {
    /// Appends several records to a customer's file in one write.
    ///
    /// Same guarantees as [`Journal::append_with`]: under an exclusive lock, the file is read and
    /// parsed (a file that does not parse is refused), `build` chooses the records from the
    /// current content, the serialized chunk is proved to read back identical, and it is
    /// appended with a single `write_all`, then fsynced. When `build` returns no record, nothing
    /// is written. Returns the records appended.
    pub fn append_records_with(
        &self,
        id: &str,
        build: impl FnOnce(&Customer) -> Result<Vec<Record>>,
    ) -> Result<Vec<Record>> {
        let path = self.customer_path(id)?;
        let mut file = open_locked(&path, id)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .ctx(|| format!("could not read {}", path.display()))?;
        let text = decode(&path, bytes)?;
        let customer = parse_customer(&path, &text)
            .map_err(|e| refuse_append(e, id))?
            .into_customer(id.to_string());
        let records_before = customer.record_count();
        let records = build(&customer)?;
        if records.is_empty() {
            return Ok(records);
        }
        let chunk = records_chunk(&records, text.ends_with('\n') || text.is_empty())?;
        // Proof before writing: the chunk alone reads back as exactly these records...
        verify_records_chunk(&path, &chunk, &records)?;
        // ...and the file with it still parses, with that many more records. A hand-written
        // file may hold a record kind in another TOML form (`interaction = []`), which
        // `[[interaction]]` would redefine.
        if records.iter().any(|r| defines_otherwise(&text, r.table())) {
            verify_whole(&path, &text, &chunk, records_before + records.len())?;
        }
        file.write_all(chunk.as_bytes())
            .ctx(|| format!("could not append to {}", path.display()))?;
        file.sync_data()
            .ctx(|| format!("could not flush {} to disk", path.display()))?;
        Ok(records)
    }

    /// Creates many new customer files, each holding its header followed by its records.
    ///
    /// Every file is serialized and proved to read back as given before anything is written;
    /// an existing id is refused before anything is written. Each file is written to a private
    /// temporary file and fsynced (several at once), then linked into place, so a customer
    /// file appears complete or not at all, and is never overwritten; the folder is fsynced
    /// once at the end. If a write fails midway, the customers already linked stay (each
    /// complete) and the error says so. Returns the paths created, in the order given.
    pub fn create_customers_with_records(&self, batch: &[NewCustomer]) -> Result<Vec<PathBuf>> {
        let mut prepared: Vec<(PathBuf, PathBuf, String)> = Vec::with_capacity(batch.len());
        let mut seen = std::collections::HashSet::new();
        for new in batch {
            let path = self.customer_path(&new.id)?;
            if !seen.insert(new.id.as_str()) || path.exists() {
                return Err(Error::Usage(format!(
                    "a customer with id {:?} already exists ({}); nothing was written",
                    new.id,
                    path.display()
                )));
            }
            let mut text = toml::to_string(&HeaderOut::from(&new.header))
                .map_err(|e| Error::Invalid(format!("could not serialize the header: {e}")))?;
            let chunk = records_chunk(&new.records, text.ends_with('\n') || text.is_empty())?;
            text.push_str(&chunk);
            // Proof before writing: the whole file reads back as the header and the records.
            let back = parse_customer(&path, &text)?.into_customer(new.id.clone());
            let mut expected = Customer::new(new.id.clone(), new.header.clone());
            for record in &new.records {
                expected.push(record.clone());
            }
            if back != expected {
                return Err(Error::Invalid(format!(
                    "internal error: the file of {:?} would not read back as written; nothing was written",
                    new.id
                )));
            }
            let tmp = temp_path(&path);
            prepared.push((path, tmp, text));
        }
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        self.ensure_exists()?;
        // Write the temporary files, one writer per core, then make them all durable together.
        let customers_dir = self.customers_dir();
        let per_writer = prepared.len().div_ceil(bulk_writers());
        let written: Vec<Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = prepared
                .chunks(per_writer)
                .map(|part| {
                    scope.spawn(move || {
                        for (_, tmp, text) in part {
                            write_new_file_unsynced(tmp, text.as_bytes())?;
                        }
                        Ok(())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(Error::Invalid(
                            "internal error: a writer thread failed".into(),
                        ))
                    })
                })
                .collect()
        });
        let synced = match written.into_iter().find(Result::is_err) {
            Some(Err(e)) => Err(e),
            _ => sync_new_files(
                &customers_dir,
                prepared.iter().map(|(_, tmp, _)| tmp.as_path()),
            ),
        };
        if let Err(e) = synced {
            for (_, tmp, _) in &prepared {
                let _ = fs::remove_file(tmp);
            }
            return Err(e);
        }
        // Link into place (never over an existing file), then drop the temporary names.
        let mut created = Vec::with_capacity(prepared.len());
        let mut failure = None;
        for (path, tmp, _) in &prepared {
            if failure.is_none() {
                match fs::hard_link(tmp, path) {
                    Ok(()) => created.push(path.clone()),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        failure = Some(Error::Usage(format!(
                            "a customer file appeared meanwhile at {}; it was left untouched",
                            path.display()
                        )));
                    }
                    Err(e) => {
                        failure = Some(Error::io(format!("could not create {}", path.display()), e))
                    }
                }
            }
            let _ = fs::remove_file(tmp);
        }
        sync_dir(&self.customers_dir());
        match failure {
            None => Ok(created),
            Some(e) => Err(Error::Invalid(format!(
                "{e}; {} of {} new customer files were created, each complete",
                created.len(),
                prepared.len()
            ))),
        }
    }

    /// Ensures a text file at the journal root (such as `.gitattributes`) holds each of
    /// `lines`: creates it (0600) with them, or appends the missing ones at its end, leaving
    /// every existing byte as it was. Returns true when the file was created or changed.
    pub fn ensure_root_lines(&self, name: &str, header: &str, lines: &[&str]) -> Result<bool> {
        let ok_name = !name.is_empty()
            && !name.contains('/')
            && !name.contains('\\')
            && name != "."
            && name != "..";
        if !ok_name {
            return Err(Error::Invalid(format!(
                "internal error: {name:?} is not a file name"
            )));
        }
        let path = self.root.join(name);
        let existing = match fs::read(&path) {
            Ok(bytes) => Some(decode(&path, bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(format!("could not read {}", path.display()), e)),
        };
        let present: Vec<&str> = existing
            .as_deref()
            .map(|t| t.lines().map(str::trim).collect())
            .unwrap_or_default();
        let missing: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !present.contains(&l.trim()))
            .collect();
        if missing.is_empty() {
            return Ok(false);
        }
        let mut text = String::new();
        match &existing {
            None => text.push_str(header),
            Some(t) if !t.is_empty() && !t.ends_with('\n') => text.push('\n'),
            Some(_) => {}
        }
        for line in missing {
            text.push_str(line);
            text.push('\n');
        }
        if existing.is_none() {
            create_dir_private(&self.root)?;
            write_new_file(&path, text.as_bytes())?;
            return Ok(true);
        }
        let mut file = OpenOptions::new()
            .append(true)
            .open(&path)
            .ctx(|| format!("could not open {}", path.display()))?;
        file.write_all(text.as_bytes())
            .ctx(|| format!("could not append to {}", path.display()))?;
        file.sync_data()
            .ctx(|| format!("could not flush {} to disk", path.display()))?;
        Ok(true)
    }

    /// Starts editing a customer file by hand: copies it to a private temporary folder, where
    /// an editor may change it. The journal file is untouched until [`Edit::save`].
    pub fn begin_edit(&self, id: &str) -> Result<Edit> {
        let path = self.customer_path(id)?;
        let original = read_bytes(&path)?;
        let dir = private_temp_dir()?;
        let copy = dir.join(format!("{id}.{EXTENSION}"));
        write_new_file(&copy, &original)?;
        Ok(Edit {
            path,
            original,
            dir,
            copy,
        })
    }
}

/// A hand edit in progress: the journal file, its bytes when the edit began, and the copy
/// being edited. Dropping it removes the copy.
#[derive(Debug)]
pub struct Edit {
    path: PathBuf,
    original: Vec<u8>,
    dir: PathBuf,
    copy: PathBuf,
}

/// What became of an edited copy.
#[derive(Debug)]
pub enum EditCheck {
    /// Same bytes as the journal file: nothing to save.
    Unchanged,
    /// A valid customer file, ready to save.
    Valid,
    /// Not a valid customer file; the error is located in the journal file's name.
    Invalid(Error),
}

impl Edit {
    /// The journal file being edited.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The copy an editor should open.
    pub fn copy(&self) -> &Path {
        &self.copy
    }

    /// Reads the copy back and checks that it parses as a customer file.
    pub fn check(&self) -> Result<EditCheck> {
        let bytes =
            fs::read(&self.copy).ctx(|| format!("could not read {}", self.copy.display()))?;
        if bytes == self.original {
            return Ok(EditCheck::Unchanged);
        }
        let text = match decode(&self.path, bytes) {
            Ok(text) => text,
            Err(e) => return Ok(EditCheck::Invalid(e)),
        };
        Ok(match parse_customer(&self.path, &text) {
            Ok(_) => EditCheck::Valid,
            Err(e) => EditCheck::Invalid(e),
        })
    }

    /// Replaces the journal file with the edited copy, atomically, after checking again that
    /// the copy is valid and that nobody appended to the journal file meanwhile (if so,
    /// nothing is replaced and the edited copy is kept where it is for the user).
    pub fn save(self) -> Result<()> {
        let bytes =
            fs::read(&self.copy).ctx(|| format!("could not read {}", self.copy.display()))?;
        let text = decode(&self.path, bytes.clone())?;
        parse_customer(&self.path, &text)?;
        let id = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut file = open_locked(&self.path, &id)?;
        let mut current = Vec::new();
        file.read_to_end(&mut current)
            .ctx(|| format!("could not read {}", self.path.display()))?;
        if current != self.original {
            let shown = self.path.display().to_string();
            let kept = self.keep_copy();
            return Err(Error::Invalid(format!(
                "{shown} changed while you were editing it; it was not replaced. Your edited version is kept in {}",
                kept.display()
            )));
        }
        // The bytes as edited (a byte-order mark included), with the file's permissions.
        let permissions = file.metadata().map(|m| m.permissions()).ok();
        replace_file(&self.path, &bytes, permissions)?;
        drop(file);
        Ok(())
    }

    /// Leaves the edited copy on disk (for the user to recover) and returns where it is.
    fn keep_copy(mut self) -> PathBuf {
        let copy = std::mem::take(&mut self.copy);
        self.dir = PathBuf::new();
        copy
    }
}

impl Drop for Edit {
    fn drop(&mut self) {
        if !self.copy.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.copy);
        }
        if !self.dir.as_os_str().is_empty() {
            let _ = fs::remove_dir(&self.dir);
        }
    }
}

/// A new folder under the system temporary folder, private to the user (0700).
fn private_temp_dir() -> Result<PathBuf> {
    let base = std::env::temp_dir();
    let mut last = None;
    for _ in 0..16 {
        let mut random = [0u8; 6];
        getrandom::fill(&mut random)
            .map_err(|e| Error::Invalid(format!("could not get random bytes: {e}")))?;
        let suffix: String = random
            .iter()
            .map(|b| crate::ids::PROMISE_ID_ALPHABET[usize::from(b & 31)] as char)
            .collect();
        let dir = base.join(format!("coltiva-edit-{}-{suffix}", std::process::id()));
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(Error::io(format!("could not create {}", dir.display()), e)),
        }
    }
    Err(Error::io(
        format!("could not create a temporary folder in {}", base.display()),
        last.unwrap_or_else(|| std::io::Error::other("name clash")),
    ))
}

/// Creates a file that must not exist yet, private to the user, with `bytes`, not yet flushed
/// to disk (see [`sync_new_files`]).
fn write_new_file_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    create_private(path, bytes).map(drop)
}

/// Flushes freshly written files in `dir` to disk. On Linux one `syncfs` of the file system
/// does it for all of them at once (thousands of fsyncs would each wait for the disk);
/// elsewhere each file is fsynced.
fn sync_new_files<'a>(dir: &Path, files: impl Iterator<Item = &'a Path>) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        let handle = File::open(dir).ctx(|| format!("could not open {}", dir.display()))?;
        rustix::fs::syncfs(&handle).map_err(|e| {
            Error::io(
                format!("could not flush {} to disk", dir.display()),
                e.into(),
            )
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        for path in files {
            File::open(path)
                .and_then(|f| f.sync_all())
                .ctx(|| format!("could not flush {} to disk", path.display()))?;
        }
        Ok(())
    }
}

/// The bytes appended for several records: each as [`record_chunk`] writes it.
fn records_chunk(records: &[Record], ends_with_newline: bool) -> Result<String> {
    let mut chunk = String::new();
    for (i, record) in records.iter().enumerate() {
        chunk.push_str(&record_chunk(record, i > 0 || ends_with_newline)?);
    }
    Ok(chunk)
}

/// Proves that a chunk of several records reads back as exactly those records, kind by kind
/// in order.
fn verify_records_chunk(path: &Path, chunk: &str, records: &[Record]) -> Result<()> {
    #[derive(serde::Deserialize, Default, PartialEq, Debug)]
    #[serde(default, deny_unknown_fields)]
    struct Chunk {
        interaction: Vec<crate::model::Interaction>,
        order: Vec<crate::model::Order>,
        promise: Vec<crate::model::Promise>,
        resolution: Vec<crate::model::Resolution>,
        phase: Vec<crate::model::PhaseRecord>,
    }
    let mut expected = Chunk::default();
    for record in records.iter().cloned() {
        match record {
            Record::Interaction(r) => expected.interaction.push(r),
            Record::Order(r) => expected.order.push(r),
            Record::Promise(r) => expected.promise.push(r),
            Record::Resolution(r) => expected.resolution.push(r),
            Record::Phase(r) => expected.phase.push(r),
        }
    }
    match toml::from_str::<Chunk>(chunk) {
        Ok(back) if back == expected => Ok(()),
        _ => Err(Error::Invalid(format!(
            "internal error: the records would not read back as written; nothing was appended to {}",
            path.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_forms_of_a_record_table_are_detected() {
        let aot = "schema = 1\n\n[[interaction]]\nsummary = \"order = 5\"\n";
        assert!(!defines_otherwise(aot, "interaction"));
        assert!(!defines_otherwise(aot, "promise"));
        for text in [
            "interaction = []\n",
            "  interaction=[]\n",
            "\"interaction\" = []\n",
            "[interaction]\n",
            "[ interaction ]\n",
            "interaction.at = 1\n",
            "[[ interaction ]]\n",
        ] {
            assert!(defines_otherwise(text, "interaction"), "{text:?}");
        }
    }

    #[test]
    fn header_end_stops_at_first_table() {
        let text = "schema = 1\nname = \"x\"\n\n[[order]]\nat = 2026-01-01\n";
        assert_eq!(&text[..header_end(text)], "schema = 1\nname = \"x\"\n\n");
    }
}
