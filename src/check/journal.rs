//! `coltiva check` of a whole journal: every customer file (on all cores), the files that do
//! not belong under `customers/`, promise ids shared by two files and the git history's
//! health. A merge git stopped on is `merge::stopped`'s (it reads the merge's three sides).

use std::path::PathBuf;

use rayon::prelude::*;

use super::{FileReport, Finding, Note, Problem, PromiseSite, check_file, duplicate_promises};
use crate::error::{Error, Result};
use crate::storage::{CheckCache, CleanFile, Journal, is_stale, leftover_pid, read_bytes};

/// What checking a journal found.
#[derive(Debug, Default)]
pub struct JournalReport {
    pub problems: Vec<Problem>,
    /// Files that are no problem but worth a word (a `.rej` file to review, a leftover).
    pub notes: Vec<Note>,
    pub customers: usize,
    pub records: usize,
}

/// Checks every file of `journal`.
pub fn check_journal(journal: &Journal) -> Result<JournalReport> {
    let entries = journal.scan()?;
    let whole = |path: PathBuf, finding: Finding| Problem {
        path,
        line: 0,
        column: 0,
        finding,
    };
    // Folders and files under the journal that are not what they should be (a link, a FIFO):
    // named, never followed or read.
    let mut report = JournalReport {
        problems: journal
            .upkeep()
            .layout_problems()
            .into_iter()
            .map(|(path, message)| whole(path, Finding::Said(message)))
            .collect(),
        ..JournalReport::default()
    };
    // Customer files are read and checked on all cores, one at a time each: only the reports
    // are kept, never the whole journal. Every byte is read; bytes found clean before by this
    // binary are not parsed again (storage's check cache).
    let cache = journal.check_cache();
    let reports: Vec<std::result::Result<FileReport, Error>> = entries
        .par_iter()
        .filter(|entry| entry.id.is_some())
        .map(|entry| read_bytes(&entry.path).map(|bytes| checked(&cache, &entry.path, &bytes)))
        .collect();
    cache.save(journal);
    let mut sites = Vec::new();
    let mut reports = reports.into_iter();
    for entry in &entries {
        let path = entry.path.clone();
        if entry.id.is_some() {
            match reports.next() {
                Some(Ok(FileReport {
                    problems,
                    promises,
                    records,
                })) => {
                    report.customers += 1;
                    report.records += records;
                    report.problems.extend(problems);
                    sites.push((entry.path.clone(), promises));
                }
                Some(Err(e)) => report
                    .problems
                    .push(whole(entry.path.clone(), Finding::Said(e.to_string()))),
                None => {}
            }
            continue;
        }
        let note = match entry.name.as_str() {
            name if name.starts_with('.') => continue,
            name if name.ends_with(".toml.rej") => Note::Rejected(path),
            name if name.contains(".tmp-") => match leftover_pid(name) {
                Some(pid) if !is_stale(&entry.path, pid) => Note::Writing { path, pid },
                _ => Note::Leftover(path),
            },
            name if name.ends_with(".toml") => {
                report.problems.push(whole(path, Finding::BadFileName));
                continue;
            }
            _ => Note::NotCustomer(path),
        };
        report.notes.push(note);
    }
    report.problems.extend(duplicate_promises(&sites));
    let root = journal.root();
    if crate::git::is_repo(root)
        && let Some(damage) = crate::git::head_damage(root)
    {
        report
            .problems
            .push(whole(root.to_path_buf(), Finding::GitDamage(damage)));
    }
    Ok(report)
}

/// [`check_file`] of one customer file's bytes, or what the cache remembers of the same bytes
/// found clean (no problems) by this binary before; a clean file is remembered.
fn checked(cache: &CheckCache, path: &std::path::Path, bytes: &[u8]) -> FileReport {
    let (key, known) = cache.known(bytes);
    if let Some(clean) = known {
        return FileReport {
            problems: Vec::new(),
            promises: clean
                .promises
                .into_iter()
                .map(|(id, line, column)| PromiseSite { id, line, column })
                .collect(),
            records: clean.records,
        };
    }
    let report = check_file(path, bytes);
    if report.problems.is_empty() {
        let promises = report
            .promises
            .iter()
            .map(|p| (p.id.clone(), p.line, p.column))
            .collect();
        cache.remember(
            key,
            CleanFile {
                records: report.records,
                promises,
            },
        );
    }
    report
}
