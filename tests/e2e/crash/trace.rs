//! From strace's output to the logical file-system operations a command made inside the
//! journal (ALICE's "logical operations", Pillai et al., OSDI 2014).
//!
//! strace runs with `-f -y -xx -s 65535`: every child process is followed, every file
//! descriptor is printed with the path it names (`3<\x2f...>`), and every string (paths, the
//! bytes written) is printed as `\xHH` escapes, so no byte of data can be confused with the
//! syntax around it. Relative paths are resolved against the descriptor they are relative to,
//! or against the process's working folder, followed through `chdir`, `getcwd` and `clone`.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::fs::{Fs, Ino};

/// The system calls strace records (`-e trace=`): every call that can change a file or a
/// folder, make something durable, or tell where a relative path points.
pub const TRACED: &str = "open,openat,creat,write,pwrite64,writev,pwritev,pwritev2,lseek,\
ftruncate,truncate,fsync,fdatasync,syncfs,sync,sync_file_range,rename,renameat,renameat2,\
unlink,unlinkat,rmdir,mkdir,mkdirat,link,linkat,symlink,symlinkat,chdir,fchdir,getcwd,\
clone,clone3,fork,vfork,fallocate,copy_file_range,sendfile,splice,mmap,close";

/// One logical operation on the journal. Paths are relative to the folder holding the journal
/// folder (so `journal/customers/acme.toml`; `journal` itself can be created, by `init`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Mkdir(PathBuf),
    Rmdir(PathBuf),
    /// A new, empty file named `path`, inode `ino` (open with O_CREAT of a missing name).
    Create {
        path: PathBuf,
        ino: Ino,
    },
    Link {
        from: PathBuf,
        to: PathBuf,
    },
    Unlink(PathBuf),
    Rename {
        from: PathBuf,
        to: PathBuf,
    },
    Write {
        ino: Ino,
        off: u64,
        data: Vec<u8>,
    },
    Truncate {
        ino: Ino,
        len: u64,
    },
    /// fsync/fdatasync of a file: its data and size are on the disk.
    FsyncFile(Ino),
    /// fsync of a folder: its entries are on the disk.
    FsyncDir(PathBuf),
    /// sync/syncfs: everything issued before is on the disk.
    SyncAll,
}

impl Op {
    /// A short description for reports: `write journal/customers/acme.toml @87+103`.
    pub fn describe(&self, names: &BTreeMap<Ino, PathBuf>) -> String {
        let name = |ino: &Ino| {
            names
                .get(ino)
                .map_or_else(|| format!("inode {ino}"), |p| p.display().to_string())
        };
        match self {
            Op::Mkdir(p) => format!("mkdir {}", p.display()),
            Op::Rmdir(p) => format!("rmdir {}", p.display()),
            Op::Create { path, .. } => format!("create {}", path.display()),
            Op::Link { from, to } => format!("link {} -> {}", from.display(), to.display()),
            Op::Unlink(p) => format!("unlink {}", p.display()),
            Op::Rename { from, to } => format!("rename {} -> {}", from.display(), to.display()),
            Op::Write { ino, off, data } => format!("write {} @{off}+{}", name(ino), data.len()),
            Op::Truncate { ino, len } => format!("truncate {} to {len}", name(ino)),
            Op::FsyncFile(ino) => format!("fsync {}", name(ino)),
            Op::FsyncDir(p) => format!("fsync folder {}", p.display()),
            Op::SyncAll => "sync".to_string(),
        }
    }
}

/// What a trace gave: the operations, and how many system calls strace recorded in all.
pub struct Parsed {
    pub ops: Vec<Op>,
    pub syscalls: usize,
    /// The last known name of every inode the operations touch (for reports).
    pub names: BTreeMap<Ino, PathBuf>,
}

/// Decodes strace's `\xHH` (and, defensively, C-style) escapes.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 4);
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'x' if i + 3 < b.len() => {
                    let hex = std::str::from_utf8(&b[i + 2..i + 4]).expect("hex escape");
                    out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
                    i += 4;
                }
                b'n' => {
                    out.push(b'\n');
                    i += 2;
                }
                b't' => {
                    out.push(b'\t');
                    i += 2;
                }
                b'r' => {
                    out.push(b'\r');
                    i += 2;
                }
                c => {
                    out.push(c);
                    i += 2;
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// A quoted string argument: its bytes. Panics on a string strace cut short (`"..."...`):
/// `-s 65535` must be enough for what the tests write.
fn string_arg(arg: &str) -> Vec<u8> {
    let arg = arg.trim();
    assert!(
        arg.starts_with('"'),
        "expected a string argument, got {arg:?}"
    );
    let end = arg.rfind('"').expect("a closing quote");
    assert!(
        !arg[end + 1..].starts_with("..."),
        "strace cut a string short: raise -s"
    );
    unescape(&arg[1..end])
}

/// `3<\x2f...>` or `AT_FDCWD<\x2f...>`: the descriptor's text and its path (without a
/// `(deleted)` mark, which is reported as `deleted = true`).
fn annotated(arg: &str) -> (&str, Option<(PathBuf, bool)>) {
    let arg = arg.trim();
    let Some(open) = arg.find('<') else {
        return (arg, None);
    };
    let close = arg.rfind('>').expect("a closing >");
    let inner = &arg[open + 1..close];
    let bytes = unescape(inner);
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    let deleted = text.ends_with(" (deleted)");
    if deleted {
        text.truncate(text.len() - " (deleted)".len());
    }
    // A descriptor that is not a path (a pipe, a socket) has no leading /.
    if !text.starts_with('/') {
        return (&arg[..open], None);
    }
    (&arg[..open], Some((PathBuf::from(text), deleted)))
}

/// Splits an argument list at its top-level commas.
fn split_args(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut in_str = false;
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'(' | b'[' | b'{' | b'<' => depth += 1,
                b')' | b']' | b'}' | b'>' => depth -= 1,
                b',' if depth == 0 => {
                    out.push(s[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            }
        }
        i += 1;
    }
    if start < s.len() {
        out.push(s[start..].trim());
    }
    out
}

/// `a/./b/../c` → `a/c` (no link is followed: the journal holds none).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

struct FdState {
    append: bool,
    pos: u64,
}

/// The parser's view while it walks the trace: the file system as the trace has left it so
/// far (to turn paths into inodes), each process's working folder and descriptors.
struct Walker<'a> {
    base: &'a Path,
    fs: Fs,
    cwd: BTreeMap<u32, PathBuf>,
    parent: BTreeMap<u32, u32>,
    /// Threads (clone with CLONE_FILES) share their creator's descriptor table.
    fd_group: BTreeMap<u32, u32>,
    initial_cwd: PathBuf,
    fds: BTreeMap<(u32, i64), FdState>,
    ops: Vec<Op>,
    names: BTreeMap<Ino, PathBuf>,
}

impl Walker<'_> {
    fn cwd_of(&self, pid: u32) -> PathBuf {
        let mut p = pid;
        for _ in 0..64 {
            if let Some(c) = self.cwd.get(&p) {
                return c.clone();
            }
            match self.parent.get(&p) {
                Some(&q) => p = q,
                None => break,
            }
        }
        self.initial_cwd.clone()
    }

    /// The process whose descriptor table `pid` uses.
    fn group(&self, pid: u32) -> u32 {
        self.fd_group.get(&pid).copied().unwrap_or(pid)
    }

    /// An absolute path inside the base folder → the path relative to it, else None.
    fn scoped(&self, abs: &Path) -> Option<PathBuf> {
        let abs = normalize(abs);
        let rel = abs.strip_prefix(self.base).ok()?;
        if rel.as_os_str().is_empty() {
            // The base folder itself: only its fsync matters (init's journal folder entry).
            return Some(PathBuf::new());
        }
        Some(rel.to_path_buf())
    }

    /// A path argument, relative to `dirfd` (an annotated descriptor) or to the cwd.
    fn path_arg(&self, pid: u32, dirfd: Option<&str>, arg: &str) -> Option<PathBuf> {
        let raw = PathBuf::from(String::from_utf8_lossy(&string_arg(arg)).into_owned());
        let abs = if raw.is_absolute() {
            raw
        } else {
            let dir = match dirfd {
                Some(d) => annotated(d).1.map(|(p, _)| p)?,
                None => self.cwd_of(pid),
            };
            dir.join(raw)
        };
        self.scoped(&abs)
    }

    fn push(&mut self, op: Op) {
        self.fs.apply(&op);
        if let Op::Create { path, ino } = &op {
            self.names.insert(*ino, path.clone());
        }
        if let Op::Rename { to, .. } = &op
            && let Some(ino) = self.fs.file(to)
        {
            self.names.insert(ino, to.clone());
        }
        self.ops.push(op);
    }

    /// The inode behind an annotated descriptor argument inside the journal.
    fn fd_ino(&self, arg: &str) -> Option<(i64, Ino, PathBuf)> {
        let (num, path) = annotated(arg);
        let (path, deleted) = path?;
        if deleted {
            return None;
        }
        let rel = self.scoped(&path)?;
        let ino = self.fs.file(&rel)?;
        Some((num.parse().ok()?, ino, rel))
    }

    fn fd_dir(&self, arg: &str) -> Option<PathBuf> {
        let (_, path) = annotated(arg);
        let (path, deleted) = path?;
        if deleted {
            return None;
        }
        let rel = self.scoped(&path)?;
        (rel.as_os_str().is_empty() || self.fs.is_dir(&rel)).then_some(rel)
    }

    fn write(&mut self, pid: u32, fd_arg: &str, data: Vec<u8>, at: Option<u64>) {
        let Some((fd, ino, _)) = self.fd_ino(fd_arg) else {
            return;
        };
        let size = self.fs.size(ino);
        let pid = self.group(pid);
        let off = match at {
            Some(off) => off,
            None => {
                match self.fds.get(&(pid, fd)) {
                    Some(st) if st.append => size,
                    Some(st) => st.pos,
                    // A descriptor inherited from elsewhere: assume it writes at the end.
                    None => size,
                }
            }
        };
        if at.is_none() {
            let end = off + data.len() as u64;
            self.fds
                .entry((pid, fd))
                .and_modify(|s| s.pos = end)
                .or_insert(FdState {
                    append: false,
                    pos: end,
                });
        }
        if !data.is_empty() {
            self.push(Op::Write { ino, off, data });
        }
    }

    fn line(&mut self, pid: u32, name: &str, args: &str, ret: &str) {
        let ret_num: Option<i64> = ret.split_whitespace().next().and_then(|r| {
            let r = r.split('<').next().unwrap_or(r);
            r.parse().ok()
        });
        let failed = ret_num.is_some_and(|r| r < 0) || ret.trim() == "?";
        let a = split_args(args);
        match name {
            "getcwd" if !failed => {
                let p = PathBuf::from(String::from_utf8_lossy(&string_arg(a[0])).into_owned());
                self.cwd.insert(pid, p);
            }
            "chdir" if !failed => {
                let raw = PathBuf::from(String::from_utf8_lossy(&string_arg(a[0])).into_owned());
                let p = if raw.is_absolute() {
                    raw
                } else {
                    self.cwd_of(pid).join(raw)
                };
                self.cwd.insert(pid, normalize(&p));
            }
            "fchdir" if !failed => {
                if let Some((p, _)) = annotated(a[0]).1 {
                    self.cwd.insert(pid, p);
                }
            }
            "clone" | "clone3" | "fork" | "vfork" => {
                if let Some(child) = ret_num.filter(|&c| c > 0) {
                    self.parent.insert(child as u32, pid);
                    if args.contains("CLONE_FILES") {
                        self.fd_group.insert(child as u32, self.group(pid));
                    }
                    let cwd = self.cwd_of(pid);
                    self.cwd.entry(child as u32).or_insert(cwd);
                }
            }
            "open" | "openat" | "creat" if !failed => {
                let (flags, rest) = match name {
                    "openat" => (a.get(2).copied().unwrap_or(""), ret),
                    "open" => (a.get(1).copied().unwrap_or(""), ret),
                    _ => ("O_CREAT|O_WRONLY|O_TRUNC", ret),
                };
                let (fdtext, path) = annotated(rest);
                let Some((abs, _)) = path else { return };
                let Some(rel) = self.scoped(&abs) else { return };
                let fd: i64 = fdtext.trim().parse().unwrap_or(-1);
                if flags.contains("O_DIRECTORY") || self.fs.is_dir(&rel) {
                    return;
                }
                match self.fs.file(&rel) {
                    None if flags.contains("O_CREAT") => {
                        let ino = self.fs.new_ino();
                        self.push(Op::Create { path: rel, ino });
                    }
                    Some(ino) if flags.contains("O_TRUNC") && self.fs.size(ino) > 0 => {
                        self.push(Op::Truncate { ino, len: 0 });
                    }
                    _ => {}
                }
                self.fds.insert(
                    (self.group(pid), fd),
                    FdState {
                        append: flags.contains("O_APPEND"),
                        pos: 0,
                    },
                );
            }
            "close" => {
                if let Ok(fd) = annotated(a[0]).0.trim().parse::<i64>() {
                    let g = self.group(pid);
                    self.fds.remove(&(g, fd));
                }
            }
            "lseek" if !failed => {
                let g = self.group(pid);
                if let (Ok(fd), Some(pos)) = (annotated(a[0]).0.trim().parse::<i64>(), ret_num)
                    && let Some(st) = self.fds.get_mut(&(g, fd))
                {
                    st.pos = pos as u64;
                }
            }
            "write" if !failed => {
                let n = ret_num.unwrap_or(0) as usize;
                let mut data = string_arg(a[1]);
                data.truncate(n);
                self.write(pid, a[0], data, None);
            }
            "pwrite64" if !failed => {
                let n = ret_num.unwrap_or(0) as usize;
                let mut data = string_arg(a[1]);
                data.truncate(n);
                let off: u64 = a[3].parse().expect("a pwrite offset");
                self.write(pid, a[0], data, Some(off));
            }
            "writev" | "pwritev" | "pwritev2" if !failed => {
                let n = ret_num.unwrap_or(0) as usize;
                let mut data = Vec::new();
                let iov = a[1];
                let mut rest = iov;
                while let Some(q) = rest.find('"') {
                    let tail = &rest[q + 1..];
                    let end = tail.find('"').expect("a closing quote");
                    data.extend(unescape(&tail[..end]));
                    rest = &tail[end + 1..];
                }
                data.truncate(n);
                let at = (name != "writev").then(|| a[3].parse().expect("an offset"));
                self.write(pid, a[0], data, at);
            }
            "ftruncate" if !failed => {
                if let Some((_, ino, _)) = self.fd_ino(a[0]) {
                    let len = a[1].parse().expect("a length");
                    self.push(Op::Truncate { ino, len });
                }
            }
            "truncate" if !failed => {
                if let Some(rel) = self.path_arg(pid, None, a[0])
                    && let Some(ino) = self.fs.file(&rel)
                {
                    let len = a[1].parse().expect("a length");
                    self.push(Op::Truncate { ino, len });
                }
            }
            "fsync" | "fdatasync" if !failed => {
                if let Some(dir) = self.fd_dir(a[0]) {
                    self.push(Op::FsyncDir(dir));
                } else if let Some((_, ino, _)) = self.fd_ino(a[0]) {
                    self.push(Op::FsyncFile(ino));
                }
            }
            "sync" | "syncfs" if !failed => self.push(Op::SyncAll),
            "mkdir" | "mkdirat" if !failed => {
                let p = if name == "mkdir" {
                    self.path_arg(pid, None, a[0])
                } else {
                    self.path_arg(pid, Some(a[0]), a[1])
                };
                if let Some(p) = p.filter(|p| !p.as_os_str().is_empty()) {
                    self.push(Op::Mkdir(p));
                }
            }
            "rmdir" if !failed => {
                if let Some(p) = self.path_arg(pid, None, a[0]) {
                    self.push(Op::Rmdir(p));
                }
            }
            "unlink" | "unlinkat" if !failed => {
                let (p, dir) = if name == "unlink" {
                    (self.path_arg(pid, None, a[0]), false)
                } else {
                    (
                        self.path_arg(pid, Some(a[0]), a[1]),
                        a.get(2).is_some_and(|f| f.contains("AT_REMOVEDIR")),
                    )
                };
                if let Some(p) = p {
                    self.push(if dir { Op::Rmdir(p) } else { Op::Unlink(p) });
                }
            }
            "rename" | "renameat" | "renameat2" if !failed => {
                let (from, to) = if name == "rename" {
                    (
                        self.path_arg(pid, None, a[0]),
                        self.path_arg(pid, None, a[1]),
                    )
                } else {
                    assert!(
                        !a.get(4).is_some_and(|f| f.contains("RENAME_EXCHANGE")),
                        "RENAME_EXCHANGE is not modelled"
                    );
                    (
                        self.path_arg(pid, Some(a[0]), a[1]),
                        self.path_arg(pid, Some(a[2]), a[3]),
                    )
                };
                match (from, to) {
                    (Some(from), Some(to)) => self.push(Op::Rename { from, to }),
                    (None, None) => {}
                    (from, to) => panic!("a rename across the journal's edge: {from:?} -> {to:?}"),
                }
            }
            "link" | "linkat" if !failed => {
                let (from, to) = if name == "link" {
                    (
                        self.path_arg(pid, None, a[0]),
                        self.path_arg(pid, None, a[1]),
                    )
                } else {
                    (
                        self.path_arg(pid, Some(a[0]), a[1]),
                        self.path_arg(pid, Some(a[2]), a[3]),
                    )
                };
                if let (Some(from), Some(to)) = (from, to) {
                    self.push(Op::Link { from, to });
                }
            }
            // git init probes for symbolic links with one it removes at once: a link is
            // modelled as a small file holding its target.
            "symlink" | "symlinkat" if !failed => {
                let target = string_arg(a[0]);
                let p = if name == "symlink" {
                    self.path_arg(pid, None, a[1])
                } else {
                    self.path_arg(pid, Some(a[1]), a[2])
                };
                if let Some(path) = p {
                    let ino = self.fs.new_ino();
                    self.push(Op::Create { path, ino });
                    self.push(Op::Write {
                        ino,
                        off: 0,
                        data: target,
                    });
                }
            }
            "fallocate" | "copy_file_range" | "sendfile" | "splice" if !failed => {
                assert!(
                    !args.contains(&hex_of(self.base)),
                    "{name} inside the journal is not modelled: {args}"
                );
            }
            "mmap" if !failed => {
                assert!(
                    !(args.contains("MAP_SHARED")
                        && args.contains("PROT_WRITE")
                        && args.contains(&hex_of(self.base))),
                    "a shared writable mapping of a journal file is not modelled: {args}"
                );
            }
            _ => {}
        }
    }
}

/// A path as strace -xx prints it.
fn hex_of(p: &Path) -> String {
    p.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|b| format!("\\x{b:02x}"))
        .collect()
}

/// Parses a trace written by `strace -f -y -xx -o FILE`; `base` is the folder holding the
/// journal folder, `initial` the file system before the command, `cwd` the folder the command
/// started in.
pub fn parse(text: &str, base: &Path, cwd: &Path, initial: &Fs) -> Parsed {
    let mut w = Walker {
        base,
        fs: initial.clone(),
        cwd: BTreeMap::new(),
        parent: BTreeMap::new(),
        fd_group: BTreeMap::new(),
        initial_cwd: cwd.to_path_buf(),
        fds: BTreeMap::new(),
        ops: Vec::new(),
        names: initial.names(),
    };
    let mut pending: BTreeMap<u32, String> = BTreeMap::new();
    let mut syscalls = 0;
    for raw in text.lines() {
        let Some((pid, rest)) = raw.split_once(' ') else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let rest = rest.trim_start();
        if rest.starts_with("---") || rest.starts_with("+++") {
            continue;
        }
        let full = if let Some(resumed) = rest.strip_prefix("<... ") {
            let Some((_, tail)) = resumed.split_once(" resumed>") else {
                continue;
            };
            let Some(head) = pending.remove(&pid) else {
                continue;
            };
            format!("{head}{tail}")
        } else if let Some(head) = rest.strip_suffix(" <unfinished ...>") {
            pending.insert(pid, head.to_string());
            continue;
        } else {
            rest.to_string()
        };
        let Some(open) = full.find('(') else { continue };
        let name = &full[..open];
        // strace pads short lines (a resumed call's tail) with spaces before ` = `.
        let Some(eq) = full.rfind(" = ") else {
            continue;
        };
        let Some(close) = full[..eq].trim_end().strip_suffix(')').map(str::len) else {
            continue;
        };
        if close <= open {
            continue;
        }
        syscalls += 1;
        let args = &full[open + 1..close];
        let ret = &full[eq + 3..];
        w.line(pid, name, args, ret);
    }
    Parsed {
        ops: w.ops,
        syscalls,
        names: w.names,
    }
}
