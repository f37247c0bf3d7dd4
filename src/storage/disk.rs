//! Bytes on disk, safely: no-follow opens, private files and folders (0600/0700), locks,
//! atomic replace, appends and fsyncs. Every other storage file goes through these.

use super::*;

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
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
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
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = open_no_follow(path, &mut options)?;
    let len = file
        .metadata()
        .ctx(|| format!("could not read {}", path.display()))?
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
        .ctx(|| format!("could not read {}", path.display()))?;
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
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
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
            "{} is not a regular file (it is {}); move it out of the journal, then run the command again",
            path.display(),
            kind_of(&meta.file_type())
        )));
    }
    Ok(file)
}

/// What a file system entry is, in words, for messages.
pub fn kind_of(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_file() {
        "a regular file"
    } else {
        "not a regular file"
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
                return Err(Error::Invalid(format!(
                    "{} is a symbolic link; coltiva reads and writes only inside the journal, and a link (perhaps committed by someone else) could point anywhere: replace it with a real folder, then run the command again",
                    path.display()
                )));
            }
            Ok(m) if !m.is_dir() => {
                return Err(Error::Invalid(format!(
                    "{} should be a folder but is {}; move it out of the journal, then run the command again",
                    path.display(),
                    kind_of(&m.file_type())
                )));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Error::io(format!("could not read {}", path.display()), e)),
        }
    }
    Ok(())
}

/// True when an error from [`read_bytes`] or [`open_no_follow`] means "no such file".
pub fn is_not_found(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
}

pub(super) fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Opens a customer file for appending under an exclusive lock.
///
/// A header edit or a repair replaces the file by renaming a new one over it while holding the
/// lock on the old one; a writer that was waiting for that lock would then hold a lock on a
/// file that is no longer in the journal. So after locking, check that the path still names the
/// locked file, and start over when it does not.
pub(super) fn open_locked(path: &Path, id: &str) -> Result<File> {
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
        lock_saying_so(&file, path)?;
        if same_file(&file, path) {
            return Ok(file);
        }
    }
    Err(Error::Invalid(format!(
        "{} keeps being replaced while coltiva waits for it; try again",
        path.display()
    )))
}

/// Takes the exclusive lock of a customer file. When another process holds it for more than a
/// second (a long import, a stuck process), says on stderr what the command is waiting for,
/// then goes on waiting.
pub(crate) fn lock_saying_so(file: &File, path: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => return Ok(()),
        Err(fs::TryLockError::WouldBlock) => {}
        Err(fs::TryLockError::Error(e)) => {
            return Err(Error::io(format!("could not lock {}", path.display()), e));
        }
    }
    let (locked, waiting) = std::sync::mpsc::channel::<()>();
    let shown = path.display().to_string();
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            waiting.recv_timeout(std::time::Duration::from_secs(1))
        {
            crate::app::tell(&format!(
                "waiting for another coltiva process writing {shown}…"
            ));
        }
    });
    let result = file
        .lock()
        .ctx(|| format!("could not lock {}", path.display()));
    let _ = locked.send(());
    result
}

#[cfg(unix)]
pub(super) fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(super) fn same_file(_file: &File, path: &Path) -> bool {
    path.is_file()
}

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
        .ctx(|| format!("could not create {}", path.display()))?;
    if let Err(e) = write_all_to(&mut file, bytes) {
        // Never leave a partial file behind (a `.tmp-PID` on a full disk).
        drop(file);
        let _ = fs::remove_file(path);
        return Err(Error::Invalid(format!(
            "could not write {}: {e}; nothing was saved, the journal is as it was; {}, then run the command again",
            path.display(),
            advice_for(&e)
        )));
    }
    Ok(file)
}

/// Creates a file that must not exist yet, private to the user, with `bytes`, fsynced.
pub(super) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let file = create_private(path, bytes)?;
    if let Err(e) = sync_file(&file) {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(Error::Invalid(format!(
            "could not flush {} to disk: {e}; nothing was saved, the journal is as it was; {}, then run the command again",
            path.display(),
            advice_for(&e)
        )));
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
        .ctx(|| format!("could not create the folder {}", path.display()))
}

/// Makes a folder's entries durable: a file created, renamed or removed in it survives a
/// crash only once the folder is fsynced. A failure is an error for the command to report,
/// never ignored. Where a folder cannot be fsynced at all (Windows; a file system answering
/// EINVAL, "does not support synchronization") there is nothing to wait for.
pub(super) fn sync_dir(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let synced = if fault_state().dir_sync_fails {
            Err(std::io::Error::from_raw_os_error(libc::EIO))
        } else {
            File::open(path).and_then(|dir| dir.sync_all())
        };
        match synced {
            Err(e) if e.raw_os_error() != Some(libc::EINVAL) => Err(Error::Invalid(format!(
                "could not flush the folder {} to disk: {e}; what was just written there may not survive a crash or power loss; {}, then run `coltiva check`",
                path.display(),
                advice_for(&e)
            ))),
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
                std::io::Error::from_raw_os_error(libc::EIO),
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
            File::open(path)
                .and_then(|f| f.sync_all())
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fault {
    None,
    EnospcAfter(u64),
    FsyncFail,
}

struct FaultState {
    fault: Fault,
    truncate_fails: bool,
    dir_sync_fails: bool,
    written: std::sync::atomic::AtomicU64,
}

fn fault_state() -> &'static FaultState {
    static STATE: std::sync::OnceLock<FaultState> = std::sync::OnceLock::new();
    STATE.get_or_init(|| {
        let spec = std::env::var("COLTIVA_FAULT").unwrap_or_default();
        let mut fault = Fault::None;
        let mut truncate_fails = false;
        let mut dir_sync_fails = false;
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
            }
        }
        FaultState {
            fault,
            truncate_fails,
            dir_sync_fails,
            written: std::sync::atomic::AtomicU64::new(0),
        }
    })
}

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
            return Err(std::io::Error::from_raw_os_error(libc::ENOSPC));
        }
    }
    file.write_all(bytes)
}

/// Flushes a written file to the disk (through the fault hook).
pub(super) fn sync_file(file: &File) -> std::io::Result<()> {
    if fault_state().fault == Fault::FsyncFail {
        return Err(std::io::Error::from_raw_os_error(libc::EIO));
    }
    file.sync_all()
}

fn truncate_to(file: &File, len: u64) -> std::io::Result<()> {
    if fault_state().truncate_fails {
        return Err(std::io::Error::from_raw_os_error(libc::EIO));
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
    let failed = match write_all_to(file, bytes) {
        Ok(()) => sync_file(file).err(),
        Err(e) => Some(e),
    };
    let Some(e) = failed else { return Ok(()) };
    match truncate_to(file, len_before) {
        Ok(()) => Err(Error::Invalid(format!(
            "could not write to {}: {e}; nothing was saved, the file is exactly as it was; {}, then run the command again",
            path.display(),
            advice_for(&e),
        ))),
        Err(undo) => Err(Error::Invalid(format!(
            "could not write to {}: {e}, and could not cut the incomplete write back off ({undo}): the file may end in an incomplete record; {}, then run `{repair_hint}` and run the command again",
            path.display(),
            advice_for(&e),
        ))),
    }
}

/// What to do about a failed write, for the message.
pub(super) fn advice_for(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(libc::ENOSPC) | Some(libc::EDQUOT) => "free some space on the disk",
        _ => "check the disk (is it full, read-only or failing?)",
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
        let err = read_bytes(dir.path()).unwrap_err().to_string();
        assert!(err.contains("(it is a folder)"), "{err}");
        let missing = read_bytes(&dir.path().join("none.toml")).unwrap_err();
        assert!(is_not_found(&missing));
        assert!(!is_not_found(&read_bytes(&link).unwrap_err()));
        assert!(is_symlink(&link) && !is_symlink(&file));
        assert_eq!(
            kind_of(&fs::symlink_metadata(&link).unwrap().file_type()),
            "a symbolic link"
        );
        assert_eq!(
            kind_of(&fs::symlink_metadata(&file).unwrap().file_type()),
            "a regular file"
        );
        let null = fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert_eq!(kind_of(&null), "a device");
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
        let full = std::io::Error::from_raw_os_error(libc::ENOSPC);
        let quota = std::io::Error::from_raw_os_error(libc::EDQUOT);
        let io = std::io::Error::from_raw_os_error(libc::EIO);
        assert_eq!(advice_for(&full), "free some space on the disk");
        assert_eq!(advice_for(&quota), "free some space on the disk");
        assert_eq!(
            advice_for(&io),
            "check the disk (is it full, read-only or failing?)"
        );
    }
}
