//! Bytes on disk, safely: no-follow opens, private files and folders (0600/0700), locks,
//! atomic replace, appends and fsyncs. Every other storage file goes through these.

use std::fs;
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::UTF8_BOM;
use crate::error::{Advice, Doing, Error, FileKind, IoContext, Refusal, Result};

/// Replaces `path` atomically with `bytes`: a temp file in the same folder, fsync, rename,
/// fsync of the folder. The new file gets `permissions` (the old file's) or 0600.
pub(super) fn replace_file(
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> Result<()> {
    let tmp = temp_path(path);
    let _ = fs::remove_file(&tmp);
    write_new_file(&tmp, bytes)?;
    if let Some(permissions) = permissions {
        let _ = fs::set_permissions(&tmp, permissions);
    }
    if let Err(e) = rename_over(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        if is_busy(&e) || is_access_denied(&e) {
            return Err(Error::Refused(Refusal::ReplaceBusy {
                path: path.to_path_buf(),
                error: e.to_string(),
            }));
        }
        return Err(Error::io(
            format!("could not replace {}", path.display()),
            e,
        ));
    }
    match path.parent() {
        Some(dir) => sync_dir(dir),
        None => Ok(()),
    }
}

/// Replaces a cache file by rename, without fsync: a cache lost in a crash is rebuilt.
pub(super) fn write_cache_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_path(path);
    let _ = fs::remove_file(&tmp);
    create_private(&tmp, bytes)?;
    fs::rename(&tmp, path).ctx(|| format!("could not write {}", path.display()))
}

/// Appends to a private file (created 0600), fsynced.
pub(super) fn append_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = append_options();
    options.create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = open_no_follow(path, &mut options)?;
    let len = file
        .metadata()
        .map_err(|e| failed(Doing::Read, path, e))?
        .len();
    append_whole(&mut file, len, bytes, path, "coltiva check")
}

pub(super) fn read_text(path: &Path) -> Result<String> {
    decode(path, read_bytes(path)?)
}

/// Reads a journal file, refusing symbolic links (a link could point anywhere outside the
/// journal) and anything that is not a regular file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let mut file = open_no_follow(path, OpenOptions::new().read(true))?;
    let size = file.metadata().map_or(0, |m| m.len() as usize);
    let mut bytes = Vec::with_capacity(size + 1);
    file.read_to_end(&mut bytes)
        .map_err(|e| failed(Doing::Read, path, e))?;
    Ok(bytes)
}

/// Opens `path` without following a symbolic link in its last component, and checks that it
/// is a regular file.
pub(super) fn open_no_follow(path: &Path, options: &mut OpenOptions) -> Result<File> {
    // O_NONBLOCK: opening a FIFO (a named pipe planted as `customers/pipe.toml`) would wait
    // for a writer forever; non-blocking, it opens at once and the type check below refuses
    // it. On a regular file the flag changes nothing.
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32);
    }
    // Windows: open a reparse point (a symbolic link, a junction) itself, never what it points
    // to; the type check below refuses it.
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        options.custom_flags(windows_sys::Win32::Storage::FileSystem::FILE_FLAG_OPEN_REPARSE_POINT);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(_) if is_symlink(path) => return Err(symlink_refused(path)),
        Err(e) => {
            // Windows opens a folder as "Access denied": say what is there instead.
            if let Ok(meta) = fs::symlink_metadata(path)
                && !meta.is_file()
            {
                return Err(not_regular(path, &meta.file_type()));
            }
            if is_busy(&e) {
                return Err(Error::Refused(Refusal::OpenBusy {
                    path: path.to_path_buf(),
                    error: e.to_string(),
                }));
            }
            return Err(failed(Doing::Open, path, e));
        }
    };
    let meta = file.metadata().map_err(|e| failed(Doing::Read, path, e))?;
    if meta.file_type().is_symlink() {
        return Err(symlink_refused(path));
    }
    if !meta.is_file() {
        return Err(not_regular(path, &meta.file_type()));
    }
    Ok(file)
}

fn symlink_refused(path: &Path) -> Error {
    Error::Refused(Refusal::Symlink {
        path: path.to_path_buf(),
    })
}

fn not_regular(path: &Path, kind: &fs::FileType) -> Error {
    Error::Refused(Refusal::NotRegular {
        path: path.to_path_buf(),
        kind: kind_of(kind),
    })
}

/// True when an error means that another program holds the file (Windows: a sharing or lock
/// violation), or that the fault hook says so.
pub(super) fn is_busy(e: &std::io::Error) -> bool {
    if e.raw_os_error() == Some(BUSY_CODE) {
        return true;
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::{ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION};
        matches!(
            e.raw_os_error().map(|c| c as u32),
            Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
        )
    }
    #[cfg(not(windows))]
    false
}

/// Windows answers "Access denied" when renaming over a file that is open elsewhere (without
/// POSIX rename semantics) or still being deleted.
fn is_access_denied(e: &std::io::Error) -> bool {
    cfg!(windows) && e.kind() == std::io::ErrorKind::PermissionDenied
}

/// The options of a handle that appends and can cut a failed append back off. Unix: append
/// mode (every write lands at the end). Windows: read and write, writing at the end known
/// under the lock ([`append_whole`] seeks there), since a Windows append-only handle may
/// neither shorten nor (on some file systems) flush the file.
pub(super) fn append_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    options.read(true).append(true);
    #[cfg(not(unix))]
    options.read(true).write(true);
    options
}

/// What a file system entry is, in words, for messages.
pub fn kind_of(kind: &fs::FileType) -> FileKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return FileKind::Fifo;
        }
        if kind.is_socket() {
            return FileKind::Socket;
        }
        if kind.is_block_device() || kind.is_char_device() {
            return FileKind::Device;
        }
    }
    if kind.is_symlink() {
        FileKind::Symlink
    } else if kind.is_dir() {
        FileKind::Folder
    } else if kind.is_file() {
        FileKind::File
    } else {
        FileKind::Other
    }
}

/// Checks that each folder below `root` along `rel` (such as `.cache/promises`) is a real
/// folder and not a symbolic link. The journal root itself may be a link the user chose;
/// nothing under it may be one, since git carries links and a teammate's commit could plant
/// one pointing anywhere. A folder that does not exist yet is fine (it is created later,
/// private). Every path coltiva opens under the journal is checked this way, and the last
/// component is opened with `O_NOFOLLOW`.
pub fn check_inner_dirs(root: &Path, rel: &str) -> Result<()> {
    let mut path = root.to_path_buf();
    for part in rel.split('/') {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::Refused(Refusal::SymlinkFolder { path }));
            }
            Ok(m) if !m.is_dir() => {
                return Err(Error::Refused(Refusal::NotAFolder {
                    path,
                    kind: kind_of(&m.file_type()),
                }));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(failed(Doing::Read, &path, e)),
        }
    }
    Ok(())
}

/// An I/O failure while `doing` something to `path`: "no such file" stays an I/O error (the
/// callers ask [`is_not_found`]); anything else (permission denied, above all) is a refusal,
/// worded in the journal's language around the system's own words.
pub(super) fn failed(doing: Doing, path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::io(format!("could not {doing} {}", path.display()), e)
        }
        _ => Error::Refused(Refusal::Failed {
            doing,
            path: path.to_path_buf(),
            error: e.to_string(),
        }),
    }
}

/// True when an error from [`read_bytes`] or [`open_no_follow`] means "no such file".
pub fn is_not_found(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
}

pub(super) fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A customer file opened for appending under the customer's exclusive write lock. Readers
/// never take it: they read while a writer appends (PRODUCT.md §9.3; docs/DURABILITY.md).
#[derive(Debug)]
pub(super) struct Locked {
    file: File,
    /// Windows: the lock is held on `.cache/lock`, not on the customer file (see
    /// [`open_locked`]).
    #[cfg(windows)]
    _lock: win::RangeLock,
}

impl std::ops::Deref for Locked {
    type Target = File;
    fn deref(&self) -> &File {
        &self.file
    }
}

impl std::ops::DerefMut for Locked {
    fn deref_mut(&mut self) -> &mut File {
        &mut self.file
    }
}

impl Locked {
    /// Replaces the locked file with `bytes` (see [`replace_file`]), the lock held until the
    /// new file is in place. Windows first closes this process's own handle on the old file:
    /// FAT, exFAT, network shares and Windows before 10 (1709) cannot rename over an open file.
    pub(super) fn replace(
        self,
        path: &Path,
        bytes: &[u8],
        permissions: Option<fs::Permissions>,
    ) -> Result<()> {
        #[cfg(windows)]
        let held = {
            let Locked { file, _lock } = self;
            drop(file);
            _lock
        };
        #[cfg(not(windows))]
        let held = self;
        let replaced = replace_file(path, bytes, permissions);
        drop(held);
        replaced
    }
}

/// Opens a customer file for appending under an exclusive lock.
///
/// Unix: a `flock` on the file itself. A header edit or a repair replaces the file by renaming
/// a new one over it while holding the lock on the old one; a writer that was waiting for that
/// lock would then hold a lock on a file that is no longer in the journal. So after locking,
/// check that the path still names the locked file (same device and inode), and start over
/// when it does not.
///
/// Windows: a lock on the whole file would stop readers too (Windows locks are mandatory), so
/// the lock is a byte-range lock, at an offset given by the id, on `.cache/lock`, a file that
/// nothing ever reads or replaces; the customer file is opened after the lock is taken. Since
/// the locked file is never replaced, there is nothing to re-check.
pub(super) fn open_locked(path: &Path, id: &str) -> Result<Locked> {
    let locked = lock_and_open(path, id)?;
    if let Some(release) = &fault_state().hold_lock_until {
        eprintln!("holding the lock");
        for _ in 0..3000 {
            if release.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    Ok(locked)
}

/// [`open_locked`], then the whole file: what a write reads under its lock.
pub(super) fn read_locked(path: &Path, id: &str) -> Result<(Locked, Vec<u8>)> {
    let mut file = open_locked(path, id)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| failed(Doing::Read, path, e))?;
    Ok((file, bytes))
}

fn lock_and_open(path: &Path, id: &str) -> Result<Locked> {
    let gone = || {
        Error::Refused(Refusal::Gone {
            id: id.to_string(),
            path: path.to_path_buf(),
        })
    };
    #[cfg(windows)]
    {
        let lock = win::RangeLock::acquire(path, id)?;
        let file = match open_no_follow(path, &mut append_options()) {
            Err(e) if is_not_found(&e) => return Err(gone()),
            other => other?,
        };
        Ok(Locked { file, _lock: lock })
    }
    #[cfg(not(windows))]
    {
        for _ in 0..1000 {
            let file = match open_no_follow(path, &mut append_options()) {
                Err(e) if is_not_found(&e) => return Err(gone()),
                other => other?,
            };
            lock_saying_so(&file, path)?;
            if same_file(&file, path) {
                return Ok(Locked { file });
            }
        }
        Err(Error::Refused(Refusal::KeepsBeingReplaced {
            path: path.to_path_buf(),
        }))
    }
}

/// Takes the exclusive lock of a customer file. When another process holds it for more than a
/// second (a long import, a stuck process), says on stderr what the command is waiting for,
/// then goes on waiting.
#[cfg(not(windows))]
fn lock_saying_so(file: &File, path: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => return Ok(()),
        Err(fs::TryLockError::WouldBlock) => {}
        Err(fs::TryLockError::Error(e)) => {
            return Err(failed(Doing::Lock, path, e));
        }
    }
    let _notice = WaitNotice::start(path);
    file.lock().map_err(|e| failed(Doing::Lock, path, e))
}

/// How the wait for another process's lock is said, given the customer file: set once by the
/// edge in the journal's language ([`say_waiting_with`]); English until then.
static WAITING: std::sync::OnceLock<Box<WaitWords>> = std::sync::OnceLock::new();
type WaitWords = dyn Fn(&str) -> String + Send + Sync;

/// Sets how the wait for another process's lock is said (storage cannot word it: the words
/// are the catalogue's, above it). The first call wins.
pub fn say_waiting_with(words: impl Fn(&str) -> String + Send + Sync + 'static) {
    let _ = WAITING.set(Box::new(words));
}

/// While it lives, a wait for a customer's write lock: past a second, one line on stderr says
/// what the command is waiting for (on every platform; Windows waits in `LockFileEx`).
struct WaitNotice(std::sync::mpsc::Sender<()>);

impl WaitNotice {
    fn start(path: &Path) -> WaitNotice {
        let (locked, waiting) = std::sync::mpsc::channel::<()>();
        let shown = path.display().to_string();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                waiting.recv_timeout(std::time::Duration::from_secs(1))
            {
                crate::text::tell(&match WAITING.get() {
                    Some(words) => words(&shown),
                    None => format!("waiting for another coltiva process writing {shown}…"),
                });
            }
        });
        WaitNotice(locked)
    }
}

impl Drop for WaitNotice {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

#[cfg(unix)]
pub(super) fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Other systems without `flock` semantics we know: the path must still be a regular file
/// (weaker than an identity check; see docs/DURABILITY.md).
#[cfg(not(any(unix, windows)))]
pub(super) fn same_file(_file: &File, path: &Path) -> bool {
    path.is_file()
}

/// The byte of `.cache/lock` that stands for a customer: FNV-1a of the id, below 2^62 (far
/// beyond any data; Samba maps Windows lock ranges to signed 64-bit POSIX ones). Two ids on
/// the same byte only wait for each other.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn lock_offset(id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash & ((1 << 62) - 1)
}

/// The lock file of the journal holding `customer_path` (`<root>/.cache/lock`).
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn lock_file_of(customer_path: &Path) -> Option<PathBuf> {
    let root = customer_path.parent()?.parent()?;
    Some(root.join(".cache").join("lock"))
}

#[cfg(windows)]
mod win {
    use super::*;
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{
        LOCKFILE_EXCLUSIVE_LOCK, LockFileEx, UnlockFileEx,
    };
    use windows_sys::Win32::System::IO::OVERLAPPED;

    /// An exclusive lock on one byte of `.cache/lock`, released on drop.
    #[derive(Debug)]
    pub(in crate::storage) struct RangeLock {
        file: File,
        offset: u64,
    }

    fn overlapped(offset: u64) -> OVERLAPPED {
        let mut o = OVERLAPPED::default();
        o.Anonymous.Anonymous.Offset = offset as u32;
        o.Anonymous.Anonymous.OffsetHigh = (offset >> 32) as u32;
        o
    }

    impl RangeLock {
        /// Waits for the write lock of customer `id` of the journal holding `path`.
        pub(in crate::storage) fn acquire(path: &Path, id: &str) -> Result<RangeLock> {
            let lock_path = lock_file_of(path).ok_or_else(|| {
                Error::Invalid(format!("internal error: {} has no journal", path.display()))
            })?;
            if let Some(cache) = lock_path.parent() {
                if let Some(root) = cache.parent() {
                    check_inner_dirs(root, ".cache")?;
                }
                create_dir_private(cache)?;
            }
            let file = open_no_follow(
                &lock_path,
                OpenOptions::new().read(true).write(true).create(true),
            )?;
            let offset = lock_offset(id);
            let mut o = overlapped(offset);
            let _notice = super::WaitNotice::start(path);
            // SAFETY: a valid handle owned by `file`, a live OVERLAPPED; without
            // LOCKFILE_FAIL_IMMEDIATELY on a synchronous handle the call waits for the lock.
            let ok = unsafe {
                LockFileEx(
                    file.as_raw_handle(),
                    LOCKFILE_EXCLUSIVE_LOCK,
                    0,
                    1,
                    0,
                    &mut o,
                )
            };
            if ok == 0 {
                return Err(Error::io(
                    format!("could not lock {}", lock_path.display()),
                    std::io::Error::last_os_error(),
                ));
            }
            Ok(RangeLock { file, offset })
        }
    }

    impl Drop for RangeLock {
        fn drop(&mut self) {
            let mut o = overlapped(self.offset);
            // SAFETY: the handle is still open; unlocking a range this handle locked. Closing
            // the handle would release it too, but Windows may do that later.
            unsafe {
                UnlockFileEx(self.file.as_raw_handle(), 0, 1, 0, &mut o);
            }
        }
    }
}

/// Puts a freshly written temporary file at `path`, never over an existing file: a hard link
/// (then the temporary name is removed by the caller). Windows file systems without hard
/// links (FAT, exFAT) get a rename that refuses an existing target instead.
pub(super) fn link_new(tmp: &Path, path: &Path) -> std::io::Result<()> {
    let linked = fs::hard_link(tmp, path);
    #[cfg(windows)]
    if let Err(e) = &linked
        && e.kind() != std::io::ErrorKind::AlreadyExists
    {
        return move_no_replace(tmp, path);
    }
    linked
}

#[cfg(windows)]
fn move_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Storage::FileSystem::{MOVEFILE_WRITE_THROUGH, MoveFileExW};
    let wide = |p: &Path| -> Vec<u16> { p.as_os_str().encode_wide().chain([0]).collect() };
    let (from, to) = (wide(from), wide(to));
    // SAFETY: two NUL-terminated UTF-16 strings that live across the call. Without
    // MOVEFILE_REPLACE_EXISTING an existing target is refused (ERROR_ALREADY_EXISTS).
    if unsafe { MoveFileExW(from.as_ptr(), to.as_ptr(), MOVEFILE_WRITE_THROUGH) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Renames `tmp` over `path`. Windows: a file that another program holds open cannot be
/// replaced on some file systems (FAT, exFAT, network shares, Windows before 10 1709), and
/// virus scanners and sync clients hold files for a moment: retry for about two seconds.
fn rename_over(tmp: &Path, path: &Path) -> std::io::Result<()> {
    let mut wait = std::time::Duration::from_millis(20);
    let mut waited = std::time::Duration::ZERO;
    loop {
        let result = if fault_state().replace_busy {
            Err(std::io::Error::from_raw_os_error(BUSY_CODE))
        } else {
            fs::rename(tmp, path)
        };
        match result {
            Err(e)
                if cfg!(windows)
                    && (is_busy(&e) || is_access_denied(&e))
                    && waited < REPLACE_PATIENCE =>
            {
                std::thread::sleep(wait);
                waited += wait;
                wait = (wait * 2).min(std::time::Duration::from_millis(500));
            }
            other => return other,
        }
    }
}

const REPLACE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

/// Files are UTF-8 (TOML requires it); say where the first invalid byte is.
/// A byte-order mark (some Windows editors write one) is accepted and ignored.
pub(super) fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
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

pub(super) fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

/// Creates a file that must not exist yet, private to the user (0600), with `bytes`.
pub(super) fn create_private(path: &Path, bytes: &[u8]) -> Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| failed(Doing::Create, path, e))?;
    if let Err(e) = write_all_to(&mut file, bytes) {
        return Err(unwritten(file, path, &e, false));
    }
    Ok(file)
}

/// Removes the file begun at `path` (never a partial file left behind, a `.tmp-PID` on a full
/// disk) and says what failed: writing it, or with `flush` its fsync.
fn unwritten(file: File, path: &Path, e: &std::io::Error, flush: bool) -> Error {
    drop(file);
    let _ = fs::remove_file(path);
    Error::Refused(Refusal::NotWritten {
        path: path.to_path_buf(),
        error: e.to_string(),
        flush,
        advice: advice_for(e),
    })
}

/// Creates a file that must not exist yet, private to the user, with `bytes`, fsynced.
pub(super) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let file = create_private(path, bytes)?;
    if let Err(e) = sync_file(&file) {
        return Err(unwritten(file, path, &e, true));
    }
    Ok(())
}

/// Creates a folder (and its parents), private to the user; an existing folder is fine.
pub(super) fn create_dir_private(path: &Path) -> Result<()> {
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
        .map_err(|e| failed(Doing::CreateFolder, path, e))
}

/// Makes a folder's entries durable: a file created, renamed or removed in it survives a
/// crash only once the folder is fsynced. A failure is an error for the command to report,
/// never ignored. Where a folder cannot be fsynced at all (Windows; a file system answering
/// EINVAL, "does not support synchronization") there is nothing to wait for.
pub(super) fn sync_dir(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let synced = if fault_state().dir_sync_fails {
            Err(std::io::Error::from_raw_os_error(
                rustix::io::Errno::IO.raw_os_error(),
            ))
        } else {
            File::open(path).and_then(|dir| dir.sync_all())
        };
        match synced {
            Err(e) if e.raw_os_error() != Some(rustix::io::Errno::INVAL.raw_os_error()) => {
                Err(Error::Refused(Refusal::FolderNotFlushed {
                    path: path.to_path_buf(),
                    error: e.to_string(),
                    advice: advice_for(&e),
                }))
            }
            _ => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Creates a file that must not exist yet, private to the user, with `bytes`, not yet flushed
/// to disk (see [`sync_new_files`]).
pub(super) fn write_new_file_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    create_private(path, bytes).map(drop)
}

/// Makes what git just wrote in the journal's repository durable. git, told to
/// (`core.fsync=committed,index`, see `git.rs`), fsyncs the files it writes but never the
/// folders it renames them into (a new object in `.git/objects/xx/`, `refs/heads/main`), so
/// under the strict POSIX rule a crash after a commit returned could leave HEAD naming an
/// object whose name never reached the disk (the crash-state explorer shows it). On Linux one
/// `syncfs` of the journal's file system flushes every name and byte at once; elsewhere the
/// folders of HEAD, the refs and their logs are fsynced (an object's own folder is left to the
/// file system: fsyncing all 256 would cost seconds with macOS's F_FULLFSYNC).
pub fn flush_repository(root: &Path) -> Result<()> {
    let git = root.join(".git");
    #[cfg(target_os = "linux")]
    {
        sync_new_files(&git, std::iter::empty())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for dir in ["", "refs/heads", "logs", "logs/refs/heads"] {
            let dir = git.join(dir);
            if dir.is_dir() {
                sync_dir(&dir)?;
            }
        }
        Ok(())
    }
}

/// Flushes freshly written files in `dir` to disk. On Linux one `syncfs` of the file system
/// does it for all of them at once (thousands of fsyncs would each wait for the disk);
/// elsewhere each file is fsynced.
pub(super) fn sync_new_files<'a>(dir: &Path, files: impl Iterator<Item = &'a Path>) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        let handle = File::open(dir).ctx(|| format!("could not open {}", dir.display()))?;
        if fault_state().fault == Fault::FsyncFail {
            return Err(Error::io(
                format!("could not flush {} to disk", dir.display()),
                std::io::Error::from_raw_os_error(IO_ERROR_CODE),
            ));
        }
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
            // Through a writable handle: Windows flushes nothing through a read-only one
            // ("Access denied").
            OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|f| sync_file(&f))
                .ctx(|| format!("could not flush {} to disk", path.display()))?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Fault injection (a test hook). `COLTIVA_FAULT` makes the storage layer fail the way a full or
// failing disk does, so the tests can prove that a failed write leaves every file as it was,
// for every user (no root, no small file system needed). It is compiled in always and inert
// unless the variable is set; nobody should set it outside tests. Values:
//
// - `enospc-after:N`  the disk has N free bytes for this process: writes past them stop short
//                     and fail with "No space left on device" (N may be 0);
// - `fsync-fail`      every fsync of a written file fails (an I/O error from the disk);
// - `truncate-fail`   with either of the above, cutting a failed append back fails too;
// - `dirsync-fail`    every fsync of a folder fails (alone or with any of the above).
// - `hold-lock:FILE`  a writer that got a customer's lock says so on stderr ("holding the
//                     lock") and keeps it until FILE exists (at most a minute) before going on
//                     (the tests of readers and writers meeting);
// - `replace-busy`    every atomic replace finds the file held open by another program (what
//                     FAT, exFAT and network shares on Windows do while anyone has it open).

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fault {
    None,
    EnospcAfter(u64),
    FsyncFail,
}

struct FaultState {
    fault: Fault,
    truncate_fails: bool,
    // Windows has no folder fsync to fail.
    #[cfg_attr(windows, allow(dead_code))]
    dir_sync_fails: bool,
    replace_busy: bool,
    hold_lock_until: Option<PathBuf>,
    written: std::sync::atomic::AtomicU64,
}

fn fault_state() -> &'static FaultState {
    static STATE: std::sync::OnceLock<FaultState> = std::sync::OnceLock::new();
    STATE.get_or_init(|| {
        let spec = std::env::var("COLTIVA_FAULT").unwrap_or_default();
        let mut fault = Fault::None;
        let mut truncate_fails = false;
        let mut dir_sync_fails = false;
        let mut replace_busy = false;
        let mut hold_lock_until = None;
        for part in spec.split(',').map(str::trim) {
            if let Some(n) = part.strip_prefix("enospc-after:") {
                if let Ok(n) = n.parse() {
                    fault = Fault::EnospcAfter(n);
                }
            } else if part == "fsync-fail" {
                fault = Fault::FsyncFail;
            } else if part == "truncate-fail" {
                truncate_fails = true;
            } else if part == "dirsync-fail" {
                dir_sync_fails = true;
            } else if part == "replace-busy" {
                replace_busy = true;
            } else if let Some(file) = part.strip_prefix("hold-lock:") {
                hold_lock_until = Some(PathBuf::from(file));
            }
        }
        FaultState {
            fault,
            truncate_fails,
            dir_sync_fails,
            replace_busy,
            hold_lock_until,
            written: std::sync::atomic::AtomicU64::new(0),
        }
    })
}

// The operating system's own codes for the faults, so that their messages read as the real
// ones do ("No space left on device" / "There is not enough space on the disk").
#[cfg(unix)]
const DISK_FULL_CODE: i32 = rustix::io::Errno::NOSPC.raw_os_error();
#[cfg(unix)]
const IO_ERROR_CODE: i32 = rustix::io::Errno::IO.raw_os_error();
#[cfg(unix)]
const BUSY_CODE: i32 = rustix::io::Errno::BUSY.raw_os_error();
#[cfg(windows)]
const DISK_FULL_CODE: i32 = windows_sys::Win32::Foundation::ERROR_DISK_FULL as i32;
#[cfg(windows)]
const IO_ERROR_CODE: i32 = windows_sys::Win32::Foundation::ERROR_IO_DEVICE as i32;
#[cfg(windows)]
const BUSY_CODE: i32 = windows_sys::Win32::Foundation::ERROR_SHARING_VIOLATION as i32;

/// Writes all of `bytes` to `file` (every journal write goes through here: the fault hook).
pub(super) fn write_all_to(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    let state = fault_state();
    if let Fault::EnospcAfter(free) = state.fault {
        use std::sync::atomic::Ordering;
        let before = state
            .written
            .fetch_add(bytes.len() as u64, Ordering::SeqCst);
        let room = free.saturating_sub(before).min(bytes.len() as u64) as usize;
        if room < bytes.len() {
            file.write_all(&bytes[..room])?;
            return Err(std::io::Error::from_raw_os_error(DISK_FULL_CODE));
        }
    }
    file.write_all(bytes)
}

/// Flushes a written file to the disk (through the fault hook).
pub(super) fn sync_file(file: &File) -> std::io::Result<()> {
    if fault_state().fault == Fault::FsyncFail {
        return Err(std::io::Error::from_raw_os_error(IO_ERROR_CODE));
    }
    file.sync_all()
}

/// Takes back an append to `path`: cuts it back to `len_before`, or removes it when it did
/// not exist before (`None`).
pub(super) fn undo_append(path: &Path, len_before: Option<u64>) -> std::io::Result<()> {
    match len_before {
        None => fs::remove_file(path),
        Some(len) => truncate_to(&OpenOptions::new().write(true).open(path)?, len),
    }
}

fn truncate_to(file: &File, len: u64) -> std::io::Result<()> {
    if fault_state().truncate_fails {
        return Err(std::io::Error::from_raw_os_error(IO_ERROR_CODE));
    }
    file.set_len(len)?;
    file.sync_all()
}

/// Appends `bytes` to an open file whose length was `len_before`, fsynced, so that it lands
/// whole or not at all: on any failure the file is cut back to `len_before` (and fsynced), so
/// it holds exactly what it held before. `repair_hint` is the command that fixes the file when
/// even cutting back fails.
pub(super) fn append_whole(
    file: &mut File,
    len_before: u64,
    bytes: &[u8],
    path: &Path,
    repair_hint: &str,
) -> Result<()> {
    // At the end known under the lock (a Unix append-mode handle writes there anyway).
    use std::io::Seek;
    let failed = match file
        .seek(std::io::SeekFrom::Start(len_before))
        .and_then(|_| write_all_to(file, bytes))
    {
        Ok(()) => sync_file(file).err(),
        Err(e) => Some(e),
    };
    let Some(e) = failed else { return Ok(()) };
    let undo = truncate_to(file, len_before).err();
    Err(Error::Refused(Refusal::NotAppended {
        path: path.to_path_buf(),
        error: e.to_string(),
        advice: advice_for(&e),
        undo: undo.map(|undo| undo.to_string()),
        repair: repair_hint.to_string(),
    }))
}

/// What to do about a failed write, for the message.
pub(super) fn advice_for(e: &std::io::Error) -> Advice {
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => Advice::FreeSpace,
        _ => Advice::CheckDisk,
    }
}

#[cfg(test)]
#[cfg(unix)]
mod mutant_tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn links_fifos_and_folders_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        fs::write(&file, "x").unwrap();
        assert_eq!(read_bytes(&file).unwrap(), b"x");
        let link = dir.path().join("link.toml");
        symlink(&file, &link).unwrap();
        let err = read_bytes(&link).unwrap_err().to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
        // mknodat: Linux (rustix offers no FIFO call on macOS; tests/e2e/hostile_fs.rs uses mkfifo).
        #[cfg(target_os = "linux")]
        {
            let fifo = dir.path().join("pipe.toml");
            rustix::fs::mknodat(
                rustix::fs::CWD,
                &fifo,
                rustix::fs::FileType::Fifo,
                rustix::fs::Mode::from_raw_mode(0o600),
                0,
            )
            .unwrap();
            let err = read_bytes(&fifo).unwrap_err().to_string();
            assert!(
                err.contains("is not a regular file (it is a named pipe (FIFO))"),
                "{err}"
            );
        }
        let err = read_bytes(dir.path()).unwrap_err().to_string();
        assert!(err.contains("(it is a folder)"), "{err}");
        let missing = read_bytes(&dir.path().join("none.toml")).unwrap_err();
        assert!(is_not_found(&missing));
        assert!(!is_not_found(&read_bytes(&link).unwrap_err()));
        assert!(is_symlink(&link) && !is_symlink(&file));
        assert_eq!(
            kind_of(&fs::symlink_metadata(&link).unwrap().file_type()).to_string(),
            "a symbolic link"
        );
        assert_eq!(
            kind_of(&fs::symlink_metadata(&file).unwrap().file_type()).to_string(),
            "a regular file"
        );
        let null = fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert_eq!(kind_of(&null).to_string(), "a device");
    }

    #[test]
    fn inner_folders_must_be_real_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(
            check_inner_dirs(root, ".cache/promises").is_ok(),
            "missing is fine"
        );
        fs::create_dir_all(root.join(".cache/promises")).unwrap();
        assert!(check_inner_dirs(root, ".cache/promises").is_ok());
        fs::remove_dir_all(root.join(".cache")).unwrap();
        symlink("/tmp", root.join(".cache")).unwrap();
        let err = check_inner_dirs(root, ".cache/promises")
            .unwrap_err()
            .to_string();
        assert!(err.contains(".cache is a symbolic link"), "{err}");
        fs::remove_file(root.join(".cache")).unwrap();
        fs::create_dir(root.join(".cache")).unwrap();
        fs::write(root.join(".cache/promises"), "x").unwrap();
        let err = check_inner_dirs(root, ".cache/promises")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("should be a folder but is a regular file"),
            "{err}"
        );
    }

    #[test]
    fn private_writes_replace_and_append_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        append_private(&path, b"one\n").unwrap();
        append_private(&path, b"two\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one\ntwo\n");
        assert_eq!(mode(&path), 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let keep = fs::metadata(&path).unwrap().permissions();
        replace_file(&path, b"new\n", Some(keep)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new\n");
        assert_eq!(mode(&path), 0o640, "the old file's permissions");
        replace_file(&path, b"newer\n", None).unwrap();
        assert_eq!(mode(&path), 0o600);
        let cache = dir.path().join("cache");
        write_cache_file(&cache, b"c1").unwrap();
        write_cache_file(&cache, b"c2").unwrap();
        assert_eq!(fs::read(&cache).unwrap(), b"c2");
        crate::storage::testutil::assert_no_temp_files(dir.path());
        let err = create_private(&path, b"x").unwrap_err().to_string();
        assert!(err.contains("could not create"), "{err}");
    }

    #[test]
    fn a_locked_file_is_the_file_at_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "x").unwrap();
        let file = open_locked(&path, "a").unwrap();
        assert!(same_file(&file, &path));
        let other = dir.path().join("b.toml");
        fs::write(&other, "x").unwrap();
        assert!(!same_file(&file, &other));
        assert!(!same_file(&file, &dir.path().join("none")));
        drop(file);
        let err = open_locked(&dir.path().join("gone.toml"), "gone")
            .unwrap_err()
            .to_string();
        assert!(err.contains("the file of customer \"gone\""), "{err}");
    }

    #[test]
    fn a_full_disk_is_told_to_free_space() {
        let full = std::io::Error::from_raw_os_error(DISK_FULL_CODE);
        let quota = std::io::Error::from_raw_os_error(rustix::io::Errno::DQUOT.raw_os_error());
        let io = std::io::Error::from_raw_os_error(IO_ERROR_CODE);
        assert_eq!(advice_for(&full).to_string(), "free some space on the disk");
        assert_eq!(
            advice_for(&quota).to_string(),
            "free some space on the disk"
        );
        assert_eq!(
            advice_for(&io).to_string(),
            "check the disk (is it full, read-only or failing?)"
        );
    }
}

/// The parts of the Windows storage design that run everywhere (docs/DURABILITY.md).
#[cfg(test)]
mod portable_tests {
    use super::*;
    use crate::storage::CUSTOMERS_DIR;

    #[test]
    fn each_customer_locks_its_own_byte_far_beyond_any_data() {
        let a = lock_offset("acme");
        assert_eq!(a, lock_offset("acme"), "the same id, the same byte");
        assert_ne!(a, lock_offset("acme-bis"));
        assert_ne!(lock_offset(""), lock_offset("a"));
        for id in ["acme", "bar-roma", "gelateria-olmuhle", "z"] {
            assert!(lock_offset(id) < 1 << 62, "{id}");
        }
        // FNV-1a of "a", masked below 2^62: pins the function (a changed hash would let an
        // old and a new coltiva write the same customer at once).
        assert_eq!(lock_offset("a"), 0xaf63_dc4c_8601_ec8c & ((1 << 62) - 1));
        let root = Path::new("journal");
        assert_eq!(
            lock_file_of(&root.join(CUSTOMERS_DIR).join("acme.toml")),
            Some(root.join(".cache").join("lock"))
        );
        assert_eq!(lock_file_of(Path::new("acme.toml")), None);
    }

    #[test]
    fn an_append_is_taken_back_to_its_length_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml.rej");
        append_private(&path, b"one\n").unwrap();
        append_private(&path, b"two\n").unwrap();
        undo_append(&path, Some(4)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one\n");
        undo_append(&path, None).unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn a_held_file_is_told_apart_from_other_failures() {
        assert!(is_busy(&std::io::Error::from_raw_os_error(BUSY_CODE)));
        assert!(!is_busy(&std::io::Error::from_raw_os_error(IO_ERROR_CODE)));
        assert!(!is_busy(&std::io::Error::from(
            std::io::ErrorKind::NotFound
        )));
        // Only Windows says "access denied" for a file open elsewhere.
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(is_access_denied(&denied), cfg!(windows));
        assert_eq!(
            advice_for(&std::io::Error::from_raw_os_error(DISK_FULL_CODE)).to_string(),
            "free some space on the disk"
        );
    }

    #[test]
    fn a_folder_where_a_file_should_be_is_called_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        for options in [
            OpenOptions::new().read(true),
            &mut append_options(),
            OpenOptions::new().write(true),
        ] {
            let err = open_no_follow(dir.path(), options).unwrap_err().to_string();
            assert!(
                err.contains("is not a regular file (it is a folder)"),
                "{err}"
            );
        }
    }
}
