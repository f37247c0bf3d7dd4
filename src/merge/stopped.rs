//! A merge that stopped: the unmerged customer files git lists, what coltiva's driver made
//! (or could not make) of each, and how to finish it either way (`coltiva check`).

use std::path::{Path, PathBuf};

use crate::check::Problem;
use crate::git;

/// A path git lists as unmerged (a merge or rebase stopped on it), relative to the folder
/// asked about, with the sides it has: a side without a version deleted the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmerged {
    pub path: PathBuf,
    pub ours: bool,
    pub theirs: bool,
    /// A side's uids share none with the common version's: two different customers. Then the
    /// stage (2 ours, 3 theirs) holding the version of the customer the common version was,
    /// which the driver did not leave in the work tree.
    pub different_customers: Option<u8>,
    /// The work-tree file is not a record-level merge of the two sides (None: it may be).
    pub not_merged: Option<NotMerged>,
}

/// How the work-tree file of an unmerged path shows that coltiva's driver did not merge it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotMerged {
    /// git merged it line by line (its markers carry git's labels or sit among the records):
    /// the driver was not registered, or a side did not parse.
    LineMerge,
    /// The file is one side's version as it was (the driver could not run, or `git checkout
    /// --ours/--theirs`), and the record-level merge gives another file: `missing` records of
    /// the merge are not in it, `removed` records the other side removed still are (both 0:
    /// only the other side's header changes are missing). `kept` is "ours" or "theirs".
    OneSide {
        kept: &'static str,
        missing: usize,
        removed: usize,
    },
}

/// The unmerged paths under `dir` (`git ls-files -u`); empty when `dir` is not in a
/// repository or git cannot run.
pub fn unmerged(dir: &Path) -> Vec<Unmerged> {
    let mut found: Vec<Unmerged> = git::unmerged_paths(dir)
        .into_iter()
        .map(|(path, ours, theirs)| Unmerged {
            path,
            ours,
            theirs,
            different_customers: None,
            not_merged: None,
        })
        .collect();
    for u in &mut found {
        if u.ours && u.theirs {
            let uids = |stage: u8| {
                git::stage_bytes(dir, stage, &u.path)
                    .and_then(|bytes| String::from_utf8(bytes).ok())
                    .map(|text| {
                        let head = super::split(&text).map(|s| s.header).unwrap_or_default();
                        super::uids(&head)
                    })
                    .unwrap_or_default()
            };
            // As the driver decides (one rule: merge::another_customer).
            let (base, ours, theirs) = (uids(1), uids(2), uids(3));
            if super::another_customer(&base, &ours) {
                u.different_customers = Some(3);
            } else if super::another_customer(&base, &theirs) {
                u.different_customers = Some(2);
            }
            // (For two customers the driver leaves one side's version on purpose: that is what
            // `not_merged` compares the file with, so only a driver that did not run counts.)
            u.not_merged = not_merged(dir, &u.path);
        }
    }
    found
}

/// Whether the work-tree file of an unmerged customer file was left unmerged by coltiva's
/// driver (see [`NotMerged`]): git's line-merge markers, or one side's version as it was while
/// the record-level merge of the three versions gives something else.
fn not_merged(dir: &Path, path: &Path) -> Option<NotMerged> {
    let work = std::fs::read(dir.join(path)).ok()?;
    let text = String::from_utf8_lossy(&work);
    if crate::check::line_merge_markers(&text) {
        return Some(NotMerged::LineMerge);
    }
    let (ours, theirs) = (
        git::stage_bytes(dir, 2, path)?,
        git::stage_bytes(dir, 3, path)?,
    );
    let kept = if work == ours {
        "ours"
    } else if work == theirs {
        "theirs"
    } else {
        return None;
    };
    let base = git::stage_bytes(dir, 1, path).unwrap_or_default();
    let merged = match super::merge(path, &base, &ours, &theirs) {
        super::Outcome::Clean(bytes) => bytes,
        super::Outcome::Conflict { text, .. } => text,
        super::Outcome::Unmergeable(_) => return None,
    };
    if merged == work {
        return None;
    }
    let records = |bytes: &[u8]| -> std::collections::HashMap<String, usize> {
        let mut n = std::collections::HashMap::new();
        let split = std::str::from_utf8(bytes)
            .ok()
            .and_then(|t| super::split(t).ok());
        for c in split.map(|s| s.records).unwrap_or_default() {
            *n.entry(c.identity).or_insert(0) += 1;
        }
        n
    };
    let (m, w) = (records(&merged), records(&work));
    let beyond = |a: &std::collections::HashMap<String, usize>,
                  b: &std::collections::HashMap<String, usize>| {
        a.iter()
            .map(|(id, n)| n.saturating_sub(b.get(id).copied().unwrap_or(0)))
            .sum::<usize>()
    };
    Some(NotMerged::OneSide {
        kept,
        missing: beyond(&m, &w),
        removed: beyond(&w, &m),
    })
}

/// What git's list of unmerged paths (`git ls-files -u`) says about a merge that stopped:
/// one problem per path, saying how to finish it either way.
pub fn problems(root: &Path, paths: &[Unmerged]) -> Vec<Problem> {
    const FINISH: &str = "then `git commit` (or `git rebase --continue` during `git pull --rebase`, where \"ours\" is the side you pulled)";
    paths
        .iter()
        .map(|u| {
            let name = u.path.display();
            let message = match (u.ours, u.theirs) {
                (false, true) | (true, false) => {
                    let (gone, changed) = if u.ours {
                        ("on the other side", "on ours")
                    } else {
                        ("on our side", "on the other side")
                    };
                    format!(
                        "the merge stopped: this customer was deleted {gone} (`coltiva forget`?) and got new records or edits {changed}. To keep the customer with every record: `git add {name}`; to forget it: `git rm {name}`; {FINISH}"
                    )
                }
                (true, true) if u.not_merged.is_some() => {
                    let what = match &u.not_merged {
                        Some(NotMerged::OneSide {
                            kept,
                            missing,
                            removed,
                        }) => {
                            let mut lacks = Vec::new();
                            if *missing > 0 {
                                lacks.push(format!(
                                    "without {} of the other side",
                                    crate::text::count(*missing as i64, "record")
                                ));
                            }
                            if *removed > 0 {
                                lacks.push(format!(
                                    "with {} the other side removed",
                                    crate::text::count(*removed as i64, "record")
                                ));
                            }
                            if lacks.is_empty() {
                                lacks.push("without the other side's header changes".into());
                            }
                            format!(
                                "the file holds {kept} side only, {} (coltiva's merge driver could not run: not found after an upgrade or a move?). Do not `git add` it as it is: that drops the other side's changes",
                                lacks.join(" and ")
                            )
                        }
                        _ => "git merged it line by line (coltiva's merge driver was not registered, or could not run), which cuts records apart; do not fix the markers by hand".to_string(),
                    };
                    format!(
                        "the merge of this file stopped: {what}. To merge it record by record, keeping both sides: `coltiva init` (registers the driver of this coltiva), then `git checkout -m {name}` (merges the file again), then `coltiva check`; or start the pull again: `git merge --abort && coltiva init && git pull` (`git rebase --abort` during `git pull --rebase`)"
                    )
                }
                (true, true) if u.different_customers.is_some() => format!(
                    "the merge stopped: git paired two different customers' files (their uids differ: one forgotten, and a new one with a similar file or the same id?) and coltiva did not mix their records. The file holds the new customer; to keep the other customer too (not forget it), save its version under its own id: `git show :{}:./{name} > customers/OTHER-ID.toml` and `git add` it. Then `git add {name}`; {FINISH}",
                    u.different_customers.unwrap_or(3)
                ),
                _ => format!(
                    "the merge of this file stopped (git lists it as unmerged): fix what the other problems of this file say (or `coltiva edit`), then `git add {name}`; {FINISH}"
                ),
            };
            Problem {
                path: root.join(&u.path),
                line: 0,
                column: 0,
                finding: message.into(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmerged_paths_say_how_to_finish_either_way() {
        let u = |ours, theirs, different: bool| Unmerged {
            path: PathBuf::from("customers/acme.toml"),
            ours,
            theirs,
            different_customers: different.then_some(2),
            not_merged: None,
        };
        let found = problems(
            Path::new("/j"),
            &[
                u(false, true, false),
                u(true, false, false),
                u(true, true, true),
                u(true, true, false),
            ],
        );
        assert_eq!(found[0].path, PathBuf::from("/j/customers/acme.toml"));
        assert!(
            found[0].message().contains("deleted on our side"),
            "{found:#?}"
        );
        assert!(found[1].message().contains("deleted on the other side"));
        for p in &found[..2] {
            assert!(
                p.message().contains("git add customers/acme.toml")
                    && p.message().contains("git rm customers/acme.toml")
                    && p.message().contains("git rebase --continue"),
                "{p:?}"
            );
        }
        assert!(found[2].message().contains("two different customers"));
        assert!(
            found[2]
                .message()
                .contains("git show :2:./customers/acme.toml")
        );
        assert!(found[3].message().contains("unmerged"));
    }
}
