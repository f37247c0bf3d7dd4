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
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
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
    file.write_all(bytes)
        .ctx(|| format!("could not write {}", path.display()))?;
    file.sync_all()
        .ctx(|| format!("could not flush {} to disk", path.display()))
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
    file.write_all(bytes)
        .ctx(|| format!("could not write {}", path.display()))?;
    Ok(file)
}

/// Creates a file that must not exist yet, private to the user, with `bytes`, fsynced.
pub(super) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    create_private(path, bytes)?
        .sync_all()
        .ctx(|| format!("could not flush {} to disk", path.display()))
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

/// Makes a new directory entry durable (best effort: not every platform can fsync a folder).
pub(super) fn sync_dir(path: &Path) {
    if let Ok(dir) = File::open(path) {
        let _ = dir.sync_all();
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
