//! A small in-memory file system: folders, names and inodes. Crash states are built by
//! applying a chosen subset of a command's operations to the journal as it was before.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use super::trace::Op;

pub type Ino = u64;

/// How a write reaches the disk in a crash state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// All its bytes.
    Whole,
    /// Its first `n` bytes only (a torn write).
    Cut(usize),
    /// The file's new size, but not the data: the bytes beyond the old end read as zeros (a
    /// size update journaled before the data blocks).
    Zeros,
}

#[derive(Debug, Clone, Default)]
pub struct Fs {
    dirs: BTreeSet<PathBuf>,
    names: BTreeMap<PathBuf, Ino>,
    data: BTreeMap<Ino, Vec<u8>>,
    next: Ino,
}

impl Fs {
    /// Everything under `base/root` (the journal folder), read from the disk.
    pub fn read(base: &Path, root: &str) -> Fs {
        fn walk(fs: &mut Fs, base: &Path, rel: &Path) {
            let Ok(entries) = fs::read_dir(base.join(rel)) else {
                return;
            };
            let mut entries: Vec<_> = entries.map(|e| e.expect("an entry").path()).collect();
            entries.sort();
            for path in entries {
                let rel = path.strip_prefix(base).expect("under base").to_path_buf();
                let meta = fs::symlink_metadata(&path).expect("metadata");
                if meta.is_dir() {
                    fs.dirs.insert(rel.clone());
                    walk(fs, base, &rel);
                } else if meta.is_file() {
                    let ino = fs.new_ino();
                    fs.data
                        .insert(ino, fs::read(&path).expect("a readable file"));
                    fs.names.insert(rel, ino);
                } else {
                    panic!("{} is neither a file nor a folder", path.display());
                }
            }
        }
        let mut fs = Fs::default();
        if base.join(root).is_dir() {
            fs.dirs.insert(PathBuf::from(root));
            walk(&mut fs, base, Path::new(root));
        }
        fs
    }

    pub fn new_ino(&mut self) -> Ino {
        self.next += 1;
        self.next
    }

    pub fn file(&self, path: &Path) -> Option<Ino> {
        self.names.get(path).copied()
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        self.dirs.contains(path)
    }

    pub fn size(&self, ino: Ino) -> u64 {
        self.data.get(&ino).map_or(0, |d| d.len() as u64)
    }

    /// Every inode's name (the first one, for a file with several).
    pub fn names(&self) -> BTreeMap<Ino, PathBuf> {
        let mut out = BTreeMap::new();
        for (p, ino) in &self.names {
            out.entry(*ino).or_insert_with(|| p.clone());
        }
        out
    }

    pub fn apply(&mut self, op: &Op) {
        self.apply_as(op, WriteMode::Whole);
    }

    pub fn apply_as(&mut self, op: &Op, mode: WriteMode) {
        match op {
            Op::Mkdir(p) => {
                self.dirs.insert(p.clone());
            }
            Op::Rmdir(p) => {
                self.dirs.remove(p);
            }
            Op::Create { path, ino } => {
                self.data.entry(*ino).or_default();
                self.next = self.next.max(*ino);
                self.names.insert(path.clone(), *ino);
            }
            Op::Link { from, to } => {
                if let Some(ino) = self.file(from) {
                    self.names.insert(to.clone(), ino);
                }
            }
            Op::Unlink(p) => {
                self.names.remove(p);
            }
            Op::Rename { from, to } => {
                if let Some(ino) = self.names.remove(from) {
                    self.names.insert(to.clone(), ino);
                } else if self.dirs.contains(from) {
                    let moved: Vec<PathBuf> = self
                        .dirs
                        .iter()
                        .filter(|d| d.starts_with(from))
                        .cloned()
                        .collect();
                    for d in moved {
                        self.dirs.remove(&d);
                        self.dirs
                            .insert(to.join(d.strip_prefix(from).expect("under from")));
                    }
                    let files: Vec<(PathBuf, Ino)> = self
                        .names
                        .iter()
                        .filter(|(p, _)| p.starts_with(from))
                        .map(|(p, i)| (p.clone(), *i))
                        .collect();
                    for (p, ino) in files {
                        self.names.remove(&p);
                        self.names
                            .insert(to.join(p.strip_prefix(from).expect("under from")), ino);
                    }
                }
            }
            Op::Write { ino, off, data } => {
                let file = self.data.entry(*ino).or_default();
                let old_len = file.len();
                let off = *off as usize;
                let bytes: &[u8] = match mode {
                    WriteMode::Cut(n) => &data[..n.min(data.len())],
                    _ => data,
                };
                let end = off + bytes.len();
                if file.len() < end {
                    file.resize(end, 0);
                }
                for (i, b) in bytes.iter().enumerate() {
                    let at = off + i;
                    if mode == WriteMode::Zeros && at >= old_len {
                        file[at] = 0;
                    } else {
                        file[at] = *b;
                    }
                }
            }
            Op::Truncate { ino, len } => {
                self.data.entry(*ino).or_default().resize(*len as usize, 0);
            }
            Op::FsyncFile(_) | Op::FsyncDir(_) | Op::SyncAll => {}
        }
    }

    fn reachable(&self, path: &Path) -> bool {
        let mut p = path.parent();
        while let Some(d) = p {
            if d.as_os_str().is_empty() {
                return true;
            }
            if !self.dirs.contains(d) {
                return false;
            }
            p = d.parent();
        }
        true
    }

    /// The folders and files a crash would leave visible: those whose every folder exists.
    pub fn visible(&self) -> (Vec<&PathBuf>, BTreeMap<&PathBuf, &Vec<u8>>) {
        let dirs = self.dirs.iter().filter(|d| self.reachable(d)).collect();
        let files = self
            .names
            .iter()
            .filter(|(p, _)| self.reachable(p))
            .map(|(p, ino)| (p, self.data.get(ino).expect("an inode's data")))
            .collect();
        (dirs, files)
    }

    /// The file at `path`, if visible.
    pub fn read_file(&self, path: &Path) -> Option<&[u8]> {
        let ino = self.names.get(path)?;
        self.reachable(path)
            .then(|| self.data.get(ino).map(Vec::as_slice))
            .flatten()
    }

    /// Files visible under a folder (one level), by name.
    pub fn files_in(&self, dir: &Path) -> BTreeMap<String, &[u8]> {
        let (_, files) = self.visible();
        files
            .into_iter()
            .filter(|(p, _)| p.parent() == Some(dir))
            .map(|(p, d)| {
                (
                    p.file_name()
                        .expect("a name")
                        .to_string_lossy()
                        .into_owned(),
                    d.as_slice(),
                )
            })
            .collect()
    }

    /// A fingerprint of what a crash would leave visible, to explore each state once.
    pub fn digest(&self) -> u64 {
        let (dirs, files) = self.visible();
        let mut h = DefaultHasher::new();
        dirs.hash(&mut h);
        files.hash(&mut h);
        h.finish()
    }

    /// [`Fs::digest`] of the visible folders and files whose path passes `keep`.
    pub fn digest_where(&self, keep: impl Fn(&Path) -> bool) -> u64 {
        let (dirs, files) = self.visible();
        let mut h = DefaultHasher::new();
        for d in dirs.into_iter().filter(|d| keep(d)) {
            d.hash(&mut h);
        }
        for (p, data) in files.into_iter().filter(|(p, _)| keep(p)) {
            p.hash(&mut h);
            data.hash(&mut h);
        }
        h.finish()
    }

    /// Writes the visible folders and files under `base` (which must be empty).
    pub fn materialize(&self, base: &Path) {
        let (dirs, files) = self.visible();
        for d in dirs {
            fs::create_dir_all(base.join(d)).expect("a folder");
        }
        for (p, data) in files {
            fs::write(base.join(p), data).expect("a file");
        }
    }
}
