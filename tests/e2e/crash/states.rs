//! Which crash states a command's operations can leave, under each persistence model.
//! docs/DURABILITY.md ("Crash states, explored") describes the models in words.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::fs::{Fs, WriteMode};
use super::trace::Op;

/// A persistence model: which of the operations issued before a crash reached the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Model {
    /// Every operation issued before the crash, in order, and nothing after (a process kill,
    /// or a file system that persists in order).
    Prefix,
    /// The prefix, with the last operation (a write) cut short.
    Torn,
    /// Everything issued, but one write not yet made durable reached the disk as its new
    /// size without its data: the bytes it added read as zeros.
    ZeroTail,
    /// Only what fsync/sync made durable; everything else issued since is lost.
    LoseAll,
    /// Everything issued except one operation not yet made durable (that one reached the disk
    /// after the crash point: any reordering of unsynced operations).
    LoseOne,
}

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::Prefix => "prefix",
            Model::Torn => "torn",
            Model::ZeroTail => "zero-tail",
            Model::LoseAll => "lose-all",
            Model::LoseOne => "lose-one",
        }
    }
}

/// Where a torn write is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cuts {
    /// After the first byte, after each line, and one byte short of the end.
    Lines,
    /// At every byte of the files in `customers/` (the records); elsewhere as `Lines`, and
    /// every 512 bytes in `.git`, whose objects are binary.
    EveryByte,
}

/// One crash state: the model, the crash point (how many operations were issued), what was
/// done differently, and the file system it leaves.
pub struct State {
    pub model: Model,
    pub point: usize,
    pub what: String,
    pub fs: Fs,
}

/// The folders whose fsync makes a name operation durable.
fn parents(op: &Op) -> Vec<PathBuf> {
    let parent = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
    match op {
        Op::Mkdir(p) | Op::Rmdir(p) | Op::Unlink(p) => vec![parent(p)],
        Op::Create { path, .. } => vec![parent(path)],
        Op::Link { to, .. } => vec![parent(to)],
        Op::Rename { from, to } => {
            let mut v = vec![parent(from), parent(to)];
            v.dedup();
            v
        }
        _ => Vec::new(),
    }
}

/// For each operation, the index of the first later operation that makes it durable (a
/// strict POSIX reading: data by an fsync of the file, a name by an fsync of its folder, both
/// by sync), or None.
pub fn durable_from(ops: &[Op]) -> Vec<Option<usize>> {
    ops.iter()
        .enumerate()
        .map(|(i, op)| {
            let after = || ops.iter().enumerate().skip(i + 1);
            match op {
                Op::FsyncFile(_) | Op::FsyncDir(_) | Op::SyncAll => Some(i),
                Op::Write { ino, .. } | Op::Truncate { ino, .. } => after()
                    .find(|(_, o)| matches!(o, Op::SyncAll) || *o == &Op::FsyncFile(*ino))
                    .map(|(j, _)| j),
                _ => {
                    let mut last = Some(i);
                    for dir in parents(op) {
                        let j = after()
                            .find(|(_, o)| {
                                matches!(o, Op::SyncAll) || *o == &Op::FsyncDir(dir.clone())
                            })
                            .map(|(j, _)| j);
                        last = match (last, j) {
                            (Some(a), Some(b)) => Some(a.max(b)),
                            _ => None,
                        };
                    }
                    last
                }
            }
        })
        .collect()
}

fn is_barrier(op: &Op) -> bool {
    matches!(op, Op::FsyncFile(_) | Op::FsyncDir(_) | Op::SyncAll)
}

/// Cut points of a torn write of `data` into `path`.
fn cuts(data: &[u8], path: Option<&PathBuf>, how: Cuts) -> Vec<usize> {
    let len = data.len();
    let under = |dir: &str| path.is_some_and(|p| p.components().any(|c| c.as_os_str() == dir));
    let in_git = under(".git");
    let mut out = BTreeSet::new();
    match how {
        Cuts::EveryByte if under("customers") => out.extend(1..len),
        _ => {
            out.insert(1);
            out.insert(len.saturating_sub(1));
            if in_git {
                out.extend((512..len).step_by(512));
            } else {
                out.extend(
                    data.iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i + 1),
                );
            }
        }
    }
    out.into_iter().filter(|&c| c > 0 && c < len).collect()
}

/// Every crash state of `ops` applied to `before` under `models`, each built once per
/// (model, point, variation); states that look the same are left to the caller to merge.
pub fn enumerate(
    before: &Fs,
    ops: &[Op],
    names: &std::collections::BTreeMap<u64, PathBuf>,
    models: &[Model],
    how: Cuts,
    mut visit: impl FnMut(State),
) {
    let durable = durable_from(ops);
    let n = ops.len();
    let build = |k: usize,
                 skip: Option<usize>,
                 keep_durable_only: bool,
                 mode: Option<(usize, WriteMode)>| {
        let mut fs = before.clone();
        for (i, op) in ops[..k].iter().enumerate() {
            let is_durable = durable[i].is_some_and(|j| j < k);
            if Some(i) == skip || (keep_durable_only && !is_durable) {
                continue;
            }
            match mode {
                Some((m, wm)) if m == i => fs.apply_as(op, wm),
                _ => fs.apply(op),
            }
        }
        fs
    };
    for k in 0..=n {
        let unsynced: Vec<usize> = (0..k)
            .filter(|&i| !is_barrier(&ops[i]) && durable[i].is_none_or(|j| j >= k))
            .collect();
        for &model in models {
            match model {
                Model::Prefix => visit(State {
                    model,
                    point: k,
                    what: String::new(),
                    fs: build(k, None, false, None),
                }),
                Model::Torn => {
                    if k == 0 {
                        continue;
                    }
                    if let Op::Write { ino, data, .. } = &ops[k - 1] {
                        for c in cuts(data, names.get(ino), how) {
                            visit(State {
                                model,
                                point: k,
                                what: format!("cut after {c} of {} bytes", data.len()),
                                fs: build(k, None, false, Some((k - 1, WriteMode::Cut(c)))),
                            });
                        }
                    }
                }
                Model::ZeroTail => {
                    for &u in &unsynced {
                        if let Op::Write { data, .. } = &ops[u] {
                            visit(State {
                                model,
                                point: k,
                                what: format!(
                                    "operation {u} ({} bytes) reached the disk as zeros",
                                    data.len()
                                ),
                                fs: build(k, None, false, Some((u, WriteMode::Zeros))),
                            });
                        }
                    }
                }
                Model::LoseAll => {
                    if !unsynced.is_empty() {
                        visit(State {
                            model,
                            point: k,
                            what: format!("{} unsynced operations lost", unsynced.len()),
                            fs: build(k, None, true, None),
                        });
                    }
                }
                Model::LoseOne => {
                    for &u in &unsynced {
                        visit(State {
                            model,
                            point: k,
                            what: format!("operation {u} lost"),
                            fs: build(k, Some(u), false, None),
                        });
                    }
                }
            }
        }
    }
}
