//! The journal on disk. This module owns every byte: paths, permissions, locking, appends,
//! atomic replaces and parse errors with locations. Nothing else opens a journal file.
//!
//! This file: [`Journal`], a journal's place and settings and its reading (open, discover,
//! paths, load, map_all, map_readable, scan). Each other job is a type of its own, reached
//! from the journal and borrowing it:
//! - [`Writer`] (`writer()`, in `append`): records appended, new customers created;
//! - [`Editor`] (`editor()`): format-preserving edits proved before an atomic replace, of a
//!   header (`header`), of `coltiva.toml` (`settings_edit`), by hand (`hand_edit`: [`Edit`]);
//! - [`Upkeep`] (`upkeep()`): `repair` (repair, forget), `rename`, `leftovers` and `layout`
//!   (what does not belong under `customers/`), the lines of `.gitignore`/`.gitattributes`;
//! - the caches, each safe to delete: [`PromiseIndex`] (`promise_index()`, rebuilt by
//!   `files_containing`), [`OutlookCache`] (`outlook_cache()`), [`CheckCache`]
//!   (`check_cache()`), the summary cache (inside `map_all`) and [`UndoLog`] (`undo_log()`:
//!   the last write, which its `undo` takes back).
//!
//! Below them, imported by name: `disk` (safe opens, private files, atomic replace, fsync) and
//! `codec` (the TOML form of a customer file).
//!
//! Guarantees (see docs/DURABILITY.md):
//! - a record write appends one complete, serialized record at the end of one file, in one
//!   `write` call on a descriptor opened in append mode, under an exclusive lock, and is fsynced
//!   before success is reported; existing bytes are never touched;
//! - a file that does not parse is never appended to;
//! - new files are created 0600 and directories 0700, and every path is built from a validated
//!   customer id, so no user input can address a file outside the journal.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{self, DEFAULT_SETTINGS_TOML, SETTINGS_FILE, Settings, Source};
use crate::error::{Doing, Error, NotSettings, Refusal, Result};
use crate::ids::validate_id;
use crate::model::{Customer, CustomerFile, Header};

mod append;
mod check_cache;
mod codec;
mod disk;
mod hand_edit;
mod header;
mod layout;
mod leftovers;
mod outlook_cache;
mod promise_index;
mod rename;
mod repair;
mod settings_edit;
mod summary_cache;
#[cfg(test)]
mod testutil;
mod undo;

pub use self::append::NewCustomer;
pub use self::check_cache::{CheckCache, CleanFile};
use self::codec::header_end;
pub use self::codec::{PARTS_FROM, add_part, customer_text, parse_customer, record_parts};
use self::disk::{
    append_options, append_whole, check_inner_dirs, create_dir_private, decode, failed,
    is_not_found, kind_of, open_no_follow, read_text, sync_dir, write_new_file,
};
pub use self::disk::{flush_repository, read_bytes, say_waiting_with};
pub use self::hand_edit::{AddedProblems, EditCheck};
pub use self::header::HeaderChange;
pub use self::leftovers::{is_stale, leftover_pid};
pub use self::outlook_cache::{CachedModel, CachedOutlook};
pub use self::repair::{Repair, broken_tail};
pub use self::undo::{Refused, TakenBack, UndoEntry};

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

/// The writes that add: records appended to a customer file, new customer files (`append`).
/// Reached by [`Journal::writer`].
pub struct Writer<'j> {
    journal: &'j Journal,
}

/// The writes that change a file in place, format-preserving and proved before an atomic
/// replace: a customer's header (`header`), `coltiva.toml` (`settings_edit`), a hand edit
/// (`hand_edit`). Reached by [`Journal::editor`].
pub struct Editor<'j> {
    journal: &'j Journal,
}

/// The journal's upkeep, beside its records: repair and forget (`repair`), rename
/// (`rename`), leftovers (`leftovers`), the layout `check` inspects (`layout`) and the lines
/// kept in the root's own files (`.gitignore`, `.gitattributes`). Reached by
/// [`Journal::upkeep`].
pub struct Upkeep<'j> {
    journal: &'j Journal,
}

impl Journal {
    pub fn writer(&self) -> Writer<'_> {
        Writer { journal: self }
    }

    pub fn editor(&self) -> Editor<'_> {
        Editor { journal: self }
    }

    pub fn upkeep(&self) -> Upkeep<'_> {
        Upkeep { journal: self }
    }
}

impl Journal {
    /// Opens the journal at `root`. A folder without `coltiva.toml` is an error, except for the
    /// platform data directory, which is created on first write.
    pub fn open(root: PathBuf, source: Source) -> Result<Journal> {
        let settings_path = root.join(SETTINGS_FILE);
        // No-follow and non-blocking: a link or a FIFO named coltiva.toml is refused, never
        // followed or waited on.
        match read_bytes(&settings_path) {
            Ok(bytes) => {
                let text = decode(&settings_path, bytes)?;
                let settings = Settings::parse(&text, &settings_path)?;
                Ok(Journal {
                    root,
                    settings,
                    create_on_write: false,
                })
            }
            Err(e) if is_not_found(&e) && source == Source::DataDir => Ok(Journal {
                root,
                settings: Settings::default(),
                create_on_write: true,
            }),
            // English: there is no journal, so no language to say it in.
            Err(e) if is_not_found(&e) => Err(Error::Invalid(format!(
                "{} is not a coltiva journal (no {SETTINGS_FILE}; the folder comes from {}); \
                 point --dir or COLTIVA_DIR at your journal, or create one there with `coltiva init {}`",
                root.display(),
                match source {
                    Source::Flag => "--dir".to_string(),
                    Source::Env => config::var("COLTIVA_DIR"),
                    _ => "the current folder".to_string(),
                },
                root.display()
            ))),
            Err(e) => Err(e),
        }
    }

    /// Locates and opens the journal from the `--dir` flag and the environment.
    pub fn discover(flag: Option<&Path>) -> Result<Journal> {
        let (root, source) = config::discover(flag)?;
        Journal::open(root, source)
    }

    /// Creates a journal at `root`: `coltiva.toml` (commented defaults) and `customers/`.
    /// Refuses to overwrite an existing `coltiva.toml`. Returns true when it was created.
    pub fn init(root: &Path) -> Result<bool> {
        Journal::init_with(root, DEFAULT_SETTINGS_TOML)
    }

    /// [`Journal::init`] with the text of the new `coltiva.toml` (`init --locale`).
    ///
    /// Every folder it creates and `coltiva.toml` are on the disk when it returns: the new
    /// folders' parents, the journal folder and `customers/` are fsynced. An existing
    /// `coltiva.toml` that does not read as settings (NUL bytes after a crash, a syntax error,
    /// an unreadable file) is an error naming it, never taken for a journal.
    pub fn init_with(root: &Path, settings_toml: &str) -> Result<bool> {
        // The folders that do not exist yet, outermost first: each is made durable by an
        // fsync of its parent once created.
        let missing: Vec<&Path> = root
            .ancestors()
            .take_while(|dir| !dir.as_os_str().is_empty() && fs::symlink_metadata(dir).is_err())
            .collect();
        // What is there is judged before anything is created: a refusal changes nothing.
        let settings_path = root.join(SETTINGS_FILE);
        let exists = match fs::symlink_metadata(&settings_path) {
            Ok(meta) if !meta.is_file() => {
                return Err(Error::Refused(Refusal::SettingsNotAFile {
                    path: settings_path,
                    kind: kind_of(&meta.file_type()),
                }));
            }
            Ok(_) => {
                existing_settings(&settings_path)?;
                true
            }
            Err(_) => false,
        };
        create_dir_private(root)?;
        check_inner_dirs(root, CUSTOMERS_DIR)?;
        create_dir_private(&root.join(CUSTOMERS_DIR))?;
        if !exists {
            write_new_file(&settings_path, settings_toml.as_bytes())?;
        }
        let created = !exists;
        sync_dir(&root.join(CUSTOMERS_DIR))?;
        sync_dir(root)?;
        for dir in missing.iter().rev() {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                sync_dir(parent)?;
            }
        }
        Ok(created)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// True when no journal was found and this is the platform data folder, which does not
    /// exist yet: reading it is an error (`app::Context::journal`), the first write creates it.
    pub fn is_missing(&self) -> bool {
        self.create_on_write
    }

    pub fn customers_dir(&self) -> PathBuf {
        self.root.join(CUSTOMERS_DIR)
    }

    /// The path of a customer's file. The id must already be valid (see [`validate_id`]).
    pub fn customer_path(&self, id: &str) -> Result<PathBuf> {
        validate_id(id)?;
        check_inner_dirs(&self.root, CUSTOMERS_DIR)?;
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
        check_inner_dirs(&self.root, CUSTOMERS_DIR)?;
        // Its own pass, not `scan`'s: no path, name or sort by name for each of 23,570 files
        // on every reading command (list on CDNOW: 8 % more CPU through `scan`).
        let mut ids = Vec::new();
        for entry in self.customer_entries()? {
            let name = entry?.file_name();
            let stem = name.to_str().and_then(|n| n.strip_suffix(".toml"));
            if let Some(stem) = stem.filter(|stem| validate_id(stem).is_ok()) {
                ids.push(stem.to_string());
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// The entries of `customers/` as the system lists them; none when it is missing.
    fn customer_entries(&self) -> Result<impl Iterator<Item = Result<fs::DirEntry>>> {
        let dir = self.customers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => Some(entries),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(failed(Doing::List, &dir, e)),
        };
        Ok(entries
            .into_iter()
            .flatten()
            .map(move |entry| entry.map_err(|e| failed(Doing::List, &dir, e))))
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

    /// Reads, parses and maps every customer file on all cores, in id order, keeping only what
    /// `f` returns: a journal of millions of records never sits in memory whole. The first
    /// file that cannot be read or parsed (in id order) is the error.
    pub fn map_all<T: Send>(&self, f: impl Fn(Customer) -> T + Sync) -> Result<Vec<T>> {
        let (items, unreadable) = self.map_readable(f)?;
        match unreadable.into_iter().next() {
            Some(first) => Err(first.error),
            None => Ok(items),
        }
    }

    /// Like [`Journal::map_all`], but a customer file that cannot be read or parsed does not
    /// hide the others: the readable ones are mapped (in id order) and the others returned
    /// beside them with their error, for the command to name (PRODUCT.md §8.2).
    pub fn map_readable<T: Send>(
        &self,
        f: impl Fn(Customer) -> T + Sync,
    ) -> Result<(Vec<T>, Vec<Unreadable>)> {
        use rayon::prelude::*;
        let (cache, listed) = self.summary_cache();
        let ids = match listed {
            Some(ids) => ids,
            None => self.customer_ids()?,
        };
        let mapped: Vec<Result<T>> = ids
            .par_iter()
            .enumerate()
            .map(|(index, id)| cache.load(self, index, id).map(&f))
            .collect();
        cache.save(self);
        let (mut items, mut unreadable) = (Vec::with_capacity(ids.len()), Vec::new());
        for (id, result) in ids.into_iter().zip(mapped) {
            match result {
                Ok(item) => items.push(item),
                Err(error) => unreadable.push(Unreadable {
                    path: self.customers_dir().join(format!("{id}.{EXTENSION}")),
                    id,
                    error,
                }),
            }
        }
        Ok((items, unreadable))
    }

    /// Every entry of `customers/`, for `check`: files with valid ids and anything else that
    /// sits there (bad names, folders, links, leftovers). Read customer files with
    /// [`read_bytes`].
    pub fn scan(&self) -> Result<Vec<Entry>> {
        if check_inner_dirs(&self.root, CUSTOMERS_DIR).is_err() {
            // Named by [`Upkeep::layout_problems`]; never listed through.
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for entry in self.customer_entries()? {
            let entry = entry?;
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

/// Proves that an existing `coltiva.toml` is a journal's settings before `init` says "already
/// a journal": it reads, it is text and it parses. Each failure names the file, what is wrong
/// and the way out.
fn existing_settings(path: &Path) -> Result<()> {
    let refused = |why| {
        Error::Refused(Refusal::NotSettings {
            path: path.to_path_buf(),
            why,
        })
    };
    let bytes = read_bytes(path).map_err(|e| refused(NotSettings::Unreadable(e.to_string())))?;
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if nuls > 0 {
        return Err(refused(match nuls == bytes.len() {
            true => NotSettings::OnlyNul,
            false => NotSettings::Nul(nuls),
        }));
    }
    let text = decode(path, bytes).and_then(|text| Settings::parse(&text, path).map(drop));
    text.map_err(|e| refused(NotSettings::Invalid(Box::new(e))))
}

/// A customer file that [`Journal::map_readable`] could not read or parse.
#[derive(Debug)]
pub struct Unreadable {
    pub id: String,
    pub path: PathBuf,
    pub error: Error,
}

/// One entry of `customers/` as found by [`Journal::scan`].
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub name: String,
    /// The customer id when the name is `<valid id>.toml`.
    pub id: Option<String>,
}

impl Upkeep<'_> {
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
        let path = self.journal.root.join(name);
        // No-follow: `.gitignore` linked elsewhere (git carries links) is refused.
        let existing = match read_bytes(&path) {
            Ok(bytes) => Some(decode(&path, bytes)?),
            Err(e) if is_not_found(&e) => None,
            Err(e) => return Err(e),
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
            create_dir_private(&self.journal.root)?;
            write_new_file(&path, text.as_bytes())?;
            sync_dir(&self.journal.root)?;
            return Ok(true);
        }
        let mut file = open_no_follow(&path, &mut append_options())?;
        let len = file
            .metadata()
            .map_err(|e| failed(Doing::Read, &path, e))?
            .len();
        append_whole(&mut file, len, text.as_bytes(), &path, "coltiva check")?;
        Ok(true)
    }
}

/// The journal's own rules, on temporary folders (mutation testing: docs/TESTING.md).
#[cfg(test)]
mod journal_tests {
    use super::*;
    use crate::storage::testutil::*;

    // Unix: plants a symbolic link (Windows needs a privilege to create one).
    #[cfg(unix)]
    #[test]
    fn a_folder_without_settings_is_a_journal_only_as_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        for (source, named) in [
            (Source::Flag, "--dir"),
            (Source::Env, "$COLTIVA_DIR"),
            (Source::Ancestor, "the current folder"),
        ] {
            let err = Journal::open(root.clone(), source).unwrap_err().to_string();
            assert!(err.contains("is not a coltiva journal"), "{err}");
            assert!(
                err.contains(&format!("the folder comes from {named}")),
                "{err}"
            );
        }
        // Any other failure to read the settings is itself, not "no journal".
        fs::create_dir_all(&root).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join(SETTINGS_FILE)).unwrap();
        for source in [Source::Flag, Source::DataDir] {
            let err = Journal::open(root.clone(), source).unwrap_err().to_string();
            assert!(err.contains("is a symbolic link"), "{err}");
        }
        fs::remove_dir_all(&root).unwrap();
        let j = Journal::open(root.clone(), Source::DataDir).unwrap();
        assert!(j.is_missing());
        assert!(!root.exists(), "opening creates nothing");
        // The first write creates it.
        j.writer().create_customer("acme", &header("Acme")).unwrap();
        assert!(root.join(SETTINGS_FILE).is_file());
        assert!(root.join("customers/acme.toml").is_file());
        let j = Journal::open(root, Source::Flag).unwrap();
        assert!(!j.is_missing());
    }

    #[test]
    fn init_never_overwrites_settings_and_refuses_what_is_not_a_file() {
        let (dir, _j) = journal();
        let settings = dir.path().join(SETTINGS_FILE);
        fs::write(&settings, "# mine\n").unwrap();
        assert!(!Journal::init(dir.path()).unwrap(), "already there");
        assert_eq!(fs::read_to_string(&settings).unwrap(), "# mine\n");
        let other = tempfile::tempdir().unwrap();
        fs::create_dir(other.path().join(SETTINGS_FILE)).unwrap();
        let err = Journal::init(other.path()).unwrap_err().to_string();
        assert!(err.contains("not a settings file"), "{err}");
    }

    #[test]
    fn customer_ids_and_scan_list_what_customers_holds() {
        let (dir, j) = journal();
        assert_eq!(j.customer_ids().unwrap(), Vec::<String>::new());
        j.writer().create_customer("zeta", &header("Zeta")).unwrap();
        j.writer().create_customer("acme", &header("Acme")).unwrap();
        let customers = dir.path().join("customers");
        fs::write(customers.join("Bad Name.toml"), "x").unwrap();
        fs::write(customers.join("notes.txt"), "x").unwrap();
        assert_eq!(j.customer_ids().unwrap(), ["acme", "zeta"]);
        assert!(j.has_customer("acme"));
        assert!(!j.has_customer("nobody"));
        assert!(!j.has_customer("Bad Name"));
        let scanned: Vec<(String, Option<String>)> = j
            .scan()
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.id))
            .collect();
        assert_eq!(
            scanned,
            [
                ("Bad Name.toml".to_string(), None),
                ("acme.toml".to_string(), Some("acme".to_string())),
                ("notes.txt".to_string(), None),
                ("zeta.toml".to_string(), Some("zeta".to_string())),
            ]
        );
        assert_eq!(j.map_all(|c| c.id).unwrap(), ["acme", "zeta"]);
        assert_eq!(j.map_all(|c| c.header.name).unwrap(), ["Acme", "Zeta"]);
        // No customers folder: no customers, not an error.
        fs::remove_dir_all(&customers).unwrap();
        assert_eq!(j.customer_ids().unwrap(), Vec::<String>::new());
        assert!(j.scan().unwrap().is_empty());
    }

    // Unix: plants a symbolic link (Windows needs a privilege to create one).
    #[cfg(unix)]
    #[test]
    fn ensure_root_lines_adds_only_the_missing_lines_and_keeps_every_byte() {
        let (dir, j) = journal();
        let path = dir.path().join(".gitignore");
        assert!(
            j.upkeep()
                .ensure_root_lines(".gitignore", "# head\n", &["a/", "b"])
                .unwrap()
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "# head\na/\nb\n");
        assert!(
            !j.upkeep()
                .ensure_root_lines(".gitignore", "# head\n", &["a/", " b "])
                .unwrap()
        );
        // A file without a last newline: the new line starts a line of its own.
        for (before, after) in [("mine", "mine\na/\n"), ("", "a/\n")] {
            fs::write(&path, before).unwrap();
            assert!(
                j.upkeep()
                    .ensure_root_lines(".gitignore", "# head\n", &["a/"])
                    .unwrap()
            );
            assert_eq!(fs::read_to_string(&path).unwrap(), after);
        }
        // A linked .gitignore is refused, never taken for a missing one and written through.
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", &path).unwrap();
        let err = j
            .upkeep()
            .ensure_root_lines(".gitignore", "", &["a/"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
        for bad in ["", "a/b", "a\\b", ".", ".."] {
            let err = j
                .upkeep()
                .ensure_root_lines(bad, "", &["x"])
                .unwrap_err()
                .to_string();
            assert!(err.contains("is not a file name"), "{bad:?}: {err}");
        }
    }
}
