//! `coltiva check` of a whole journal: every customer file (on all cores), the files that do
//! not belong under `customers/`, promise ids shared by two files and the git history's
//! health. A merge git stopped on is `merge::stopped`'s (it reads the merge's three sides).

use std::path::PathBuf;

use rayon::prelude::*;

use super::{FileReport, Problem, PromiseSite, check_file, duplicate_promises};
use crate::error::{Error, Result};
use crate::storage::{CheckCache, CleanFile, Journal, is_stale, leftover_pid, read_bytes};

/// What checking a journal found.
#[derive(Debug, Default)]
pub struct JournalReport {
    pub problems: Vec<Problem>,
    /// Files that are no problem but worth a word (a `.rej` file to review, a leftover).
    pub notes: Vec<String>,
    pub customers: usize,
    pub records: usize,
}

/// Checks every file of `journal`.
pub fn check_journal(journal: &Journal) -> Result<JournalReport> {
    let entries = journal.scan()?;
    let whole = |path: PathBuf, message: String| Problem {
        path,
        line: 0,
        column: 0,
        message,
    };
    // Folders and files under the journal that are not what they should be (a link, a FIFO):
    // named, never followed or read.
    let mut report = JournalReport {
        problems: journal
            .upkeep()
            .layout_problems()
            .into_iter()
            .map(|(path, message)| whole(path, message))
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
        let shown = entry.path.display();
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
                    .push(whole(entry.path.clone(), e.to_string())),
                None => {}
            }
            continue;
        }
        let note = match entry.name.as_str() {
            name if name.starts_with('.') => continue,
            name if name.ends_with(".toml.rej") => format!(
                "note: {shown} holds bytes moved aside by `coltiva repair`; review them, copy back what you need, then delete it"
            ),
            name if name.contains(".tmp-") => match leftover_pid(name) {
                Some(pid) if !is_stale(&entry.path, pid) => {
                    format!(
                        "note: {shown} is being written by process {pid} (a coltiva running now)"
                    )
                }
                _ => format!(
                    "note: {shown} is left over from an interrupted write (its process is gone); it holds nothing the journal needs: delete it (`rm {shown}`), or let the next `coltiva add` or `import` remove it"
                ),
            },
            name if name.ends_with(".toml") => {
                report.problems.push(whole(
                    entry.path.clone(),
                    "not a valid customer id, so coltiva ignores this file; rename it to lower-case letters, digits and dashes (e.g. acme-spa.toml)".into(),
                ));
                continue;
            }
            _ => format!("note: {shown} is not a customer file; coltiva ignores it"),
        };
        report.notes.push(note);
    }
    report.problems.extend(duplicate_promises(&sites));
    let root = journal.root();
    if crate::git::is_repo(root)
        && let Some(damage) = crate::git::head_damage(root)
    {
        report.problems.push(whole(
            root.to_path_buf(),
            format!(
                "git: {damage}: the repository's history is damaged (a crash before git's files reached the disk?); the customer files are not affected. `git fsck --full` lists what is missing; with a remote, clone it again, copy customers/ and coltiva.toml into the clone and commit there"
            ),
        ));
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
