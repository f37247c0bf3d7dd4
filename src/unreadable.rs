//! Customer files a reading command could not read: what is wrong with each and how to fix
//! it, for the output (every format) and for stderr. The report of the rest is still printed
//! and the exit code is 1 (PRODUCT.md §8.2): one broken file never silences a journal.

use serde::Serialize;

use crate::error::Error;
use crate::i18n::FileDamage;
use crate::model::Language;
use crate::storage::{Journal, Unreadable, read_bytes};

/// One customer file left out of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileProblem {
    /// The file, relative to the journal root (`customers/acme.toml`).
    pub file: String,
    pub customer: String,
    /// Where in the file, when known (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, in words ("git conflict markers at line 7 (an unfinished merge)").
    pub problem: String,
    /// What to do about it.
    pub fix: String,
    /// What is wrong, as a fact, for a view or stderr to word in the journal's language.
    #[serde(skip)]
    pub damage: FileDamage,
}

/// Describes the files [`Journal::map_readable`] could not read. Conflict markers are called
/// conflict markers (the rule is `check::is_conflict_marker`).
pub fn describe(journal: &Journal, unreadable: &[Unreadable]) -> Vec<FileProblem> {
    unreadable
        .iter()
        .map(|u| {
            let file = u
                .path
                .strip_prefix(journal.root())
                .unwrap_or(&u.path)
                .display()
                .to_string();
            let bytes = read_bytes(&u.path).ok();
            let marker_line = bytes.as_ref().and_then(|bytes| {
                String::from_utf8_lossy(bytes)
                    .lines()
                    .position(|l| crate::check::is_conflict_marker(l.trim_end_matches('\r')))
                    .map(|i| i + 1)
            });
            // Only the end of the file is damaged (a write cut short, NULs after a crash):
            // `repair` moves exactly that.
            let tail = bytes
                .as_ref()
                .and_then(|bytes| crate::storage::broken_tail(&u.path, bytes));
            let id = &u.id;
            let location = match &u.error {
                Error::Parse { line, column, .. } => Some((*line, *column)),
                _ => None,
            };
            let detail = match &u.error {
                Error::Parse { message, .. } => message.clone(),
                other => other.to_string(),
            };
            let damage = match (marker_line, tail) {
                (None, Some(tail)) if tail.nuls > 0 => FileDamage::Nuls {
                    nuls: tail.nuls,
                    id: id.clone(),
                },
                (None, Some(_)) => FileDamage::IncompleteTail {
                    detail,
                    id: id.clone(),
                },
                (Some(line), _) => FileDamage::ConflictMarkers {
                    line,
                    id: id.clone(),
                },
                // The location is in its own fields: the message alone.
                (None, None) => match &u.error {
                    Error::Parse { .. } => FileDamage::Parse {
                        detail,
                        id: id.clone(),
                    },
                    // Not broken: a folder or link in its place, a file another program
                    // holds, a disk error. Editing or repairing would not help; the
                    // problem itself says what would.
                    _ => FileDamage::Other { detail },
                },
            };
            // Conflict markers at their first line; anything else where reading stopped.
            let (line, column) = marker_line.map(|line| (line, 1)).or(location).unzip();
            // JSON carries the English words, as it always has; people read `damage` in
            // their language (`Catalogue::file_problem`).
            let (problem, fix) = crate::i18n::catalogue(Language::En).file_problem(&damage);
            FileProblem {
                file,
                customer: id.clone(),
                line,
                column,
                problem,
                fix,
                damage,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Source;

    #[test]
    fn conflict_markers_are_called_so_and_other_damage_says_check() {
        let dir = tempfile::tempdir().unwrap();
        Journal::init(dir.path()).unwrap();
        let journal = Journal::open(dir.path().to_path_buf(), Source::Flag).unwrap();
        let customers = dir.path().join("customers");
        std::fs::write(
            customers.join("acme.toml"),
            "name = \"ACME\"\n<<<<<<< HEAD\n[[interaction]]\n=======\n>>>>>>> theirs\n",
        )
        .unwrap();
        std::fs::write(customers.join("bad.toml"), "name = \n").unwrap();
        let (items, unreadable) = journal.map_readable(|c| c.id).unwrap();
        assert!(items.is_empty());
        let problems = describe(&journal, &unreadable);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].file, "customers/acme.toml");
        assert!(problems[0].problem.contains("conflict markers from line 2"));
        assert!(problems[0].fix.contains("coltiva edit acme"));
        assert_eq!(problems[1].customer, "bad");
        assert_eq!(problems[1].line, Some(1));
        assert!(
            !problems[1].problem.contains("bad.toml"),
            "{}",
            problems[1].problem
        );
        assert!(problems[1].fix.contains("coltiva repair bad"));
        // A folder in a customer file's place is not a broken file: no edit or repair advice.
        std::fs::remove_file(customers.join("bad.toml")).unwrap();
        std::fs::remove_file(customers.join("acme.toml")).unwrap();
        std::fs::create_dir(customers.join("dir.toml")).unwrap();
        let (_, unreadable) = journal.map_readable(|c| c.id).unwrap();
        let problems = describe(&journal, &unreadable);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .problem
                .contains("is not a regular file (it is a folder)"),
            "{}",
            problems[0].problem
        );
        assert_eq!(
            problems[0].fix,
            "do what the problem says, then run the command again; `coltiva check` lists every problem"
        );
    }
}
