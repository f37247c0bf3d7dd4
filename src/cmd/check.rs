//! `coltiva check`: validate the whole journal; exit 1 when anything is wrong.

use rayon::prelude::*;

use crate::app::{Context, print, tell};
use crate::check::{FileReport, Problem, check_file, duplicate_promises};
use crate::error::{Error, Result};
use crate::render::count;
use crate::storage::read_bytes;

pub fn run(ctx: &Context) -> Result<()> {
    let journal = match ctx.journal() {
        Ok(journal) => journal,
        Err(e @ Error::Parse { .. }) => {
            print(&format!("{e}\n"))?;
            return Err(Error::Problems(
                "the journal's settings do not parse; fix coltiva.toml first".into(),
            ));
        }
        Err(e) => return Err(e),
    };
    let entries = journal.scan()?;
    // Folders and files under the journal that are not what they should be (a link, a FIFO):
    // named, never followed or read.
    let mut problems: Vec<Problem> = journal
        .layout_problems()
        .into_iter()
        .map(|(path, message)| Problem {
            path,
            line: 0,
            column: 0,
            message,
        })
        .collect();
    // Customer files are read and checked on all cores, one at a time each: only the reports
    // are kept, never the whole journal.
    let reports: Vec<std::result::Result<FileReport, Error>> = entries
        .par_iter()
        .filter(|entry| entry.id.is_some())
        .map(|entry| read_bytes(&entry.path).map(|bytes| check_file(&entry.path, &bytes)))
        .collect();
    let mut sites = Vec::new();
    let (mut customers, mut records) = (0, 0);
    let mut reports = reports.into_iter();
    for entry in &entries {
        let whole = |message: String| Problem {
            path: entry.path.clone(),
            line: 0,
            column: 0,
            message,
        };
        if entry.id.is_some() {
            match reports.next() {
                Some(Ok(FileReport {
                    problems: found,
                    promises,
                    records: n,
                })) => {
                    customers += 1;
                    records += n;
                    problems.extend(found);
                    sites.push((entry.path.clone(), promises));
                }
                Some(Err(e)) => problems.push(whole(e.to_string())),
                None => {}
            }
            continue;
        }
        match entry.name.as_str() {
            name if name.starts_with('.') => {}
            name if name.ends_with(".toml.rej") => tell(&format!(
                "note: {} holds bytes moved aside by `coltiva repair`; review them, copy back what you need, then delete it",
                entry.path.display()
            )),
            name if name.contains(".tmp-") => match crate::storage::leftover_pid(name) {
                Some(pid) if !crate::storage::is_stale(&entry.path, pid) => tell(&format!(
                    "note: {} is being written by process {pid} (a coltiva running now)",
                    entry.path.display()
                )),
                _ => tell(&format!(
                    "note: {} is left over from an interrupted write (its process is gone); it holds nothing the journal needs: delete it (`rm {}`), or let the next `coltiva add` or `import` remove it",
                    entry.path.display(),
                    entry.path.display()
                )),
            },
            name if name.ends_with(".toml") => problems.push(whole(
                "not a valid customer id, so coltiva ignores this file; rename it to lower-case letters, digits and dashes (e.g. acme-spa.toml)".into(),
            )),
            _ => tell(&format!(
                "note: {} is not a customer file; coltiva ignores it",
                entry.path.display()
            )),
        }
    }
    problems.extend(duplicate_promises(&sites));
    problems.extend(crate::merge::stopped::problems(
        journal.root(),
        &crate::merge::stopped::unmerged(journal.root()),
    ));
    if crate::git::is_repo(journal.root())
        && let Some(damage) = crate::git::head_damage(journal.root())
    {
        problems.push(Problem {
            path: journal.root().to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "git: {damage}: the repository's history is damaged (a crash before git's files reached the disk?); the customer files are not affected. `git fsck --full` lists what is missing; with a remote, clone it again, copy customers/ and coltiva.toml into the clone and commit there"
            ),
        });
    }
    problems.sort();
    let mut out = String::new();
    for problem in &problems {
        out.push_str(&crate::text::message(&problem.to_string()));
        out.push('\n');
    }
    print(&out)?;
    if problems.is_empty() {
        tell(&format!(
            "checked {} and {} in {}: no problems",
            count(customers as i64, "customer"),
            count(records as i64, "record"),
            journal.root().display()
        ));
        Ok(())
    } else {
        let files = {
            let mut paths: Vec<_> = problems.iter().map(|p| &p.path).collect();
            paths.dedup();
            paths.len()
        };
        Err(Error::Problems(format!(
            "{} in {} (of {})",
            count(problems.len() as i64, "problem"),
            count(files as i64, "file"),
            count(customers as i64, "customer"),
        )))
    }
}
