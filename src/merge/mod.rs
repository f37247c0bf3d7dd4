//! The record-level three-way merge of a customer file (PRODUCT.md §8.1, docs/TEAMS.md): a
//! pure function of the bytes of the common version (base), ours and theirs.
//!
//! - The header merges key by key ([`header`]).
//! - Records merge as a multiset: for each distinct record (same kind and content, whatever
//!   its layout), the result holds ours + theirs − base copies, never fewer than either side
//!   holds. The base's records keep their place and bytes; the records new on either side
//!   follow, each side's in its own order, the two interleaved by day and then by their bytes,
//!   so merging A into B and B into A give the same bytes.
//! - A side whose uids share none with the base's is another customer (a forgotten customer
//!   and a new one that git took for a rename of it): nothing is mixed, it is a conflict.
//! - The result must pass the same checks as `coltiva check`, else it is a conflict.

mod header;
mod split;

use std::path::Path;

pub use header::{KeyConflict, UID_KEY, uids};
pub use split::{Chunk, Split, split};

use crate::error::{Error, Result};

/// What merging one file gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The merged file.
    Clean(Vec<u8>),
    /// A conflict: the text to leave in the work tree (markers around conflicting header
    /// keys), and what a person has to decide.
    Conflict { text: Vec<u8>, reasons: Vec<String> },
    /// The file cannot be merged record by record (a side is not UTF-8 or does not parse):
    /// why. The caller falls back to git's line merge and reports a conflict.
    Unmergeable(String),
}

/// The marker lines around header keys changed differently on both sides (git's markers, so
/// editors and `git mergetool` recognise them).
pub const OURS_MARKER: &str = "<<<<<<< ours";
pub const SEPARATOR_MARKER: &str = "=======";
pub const THEIRS_MARKER: &str = ">>>>>>> theirs";

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Merges the three versions of the customer file `path` (for messages).
pub fn merge(path: &Path, base: &[u8], ours: &[u8], theirs: &[u8]) -> Outcome {
    let label = path.display();
    let parse = |bytes: &[u8], which: &str| -> std::result::Result<Split, String> {
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|_| {
            format!(
                "{label}: the {which} version is not valid UTF-8, so its records cannot be told apart"
            )
        })?;
        split(text).map_err(|e| {
            format!("{label}: the {which} version does not parse as a customer file ({e})")
        })
    };
    let (b, o, t) = match (
        parse(base, "common"),
        parse(ours, "ours"),
        parse(theirs, "theirs"),
    ) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return Outcome::Unmergeable(e),
    };
    let base_uids = uids(&b.header);
    if !base_uids.is_empty() {
        for (side, which, bytes) in [(&o, "ours", ours), (&t, "theirs", theirs)] {
            let side_uids = uids(&side.header);
            if !side_uids.is_empty() && side_uids.is_disjoint(&base_uids) {
                // The other customer is the one git took for a rename (or re-added under the
                // same id): the file at this path is its file.
                return Outcome::Conflict {
                    text: bytes.to_vec(),
                    reasons: vec![format!(
                        "{label}: the {which} version is another customer than the common version (uid {} is not {}): git paired two different customers' files (one forgotten, one new with a similar file?), so their records were not mixed; the file holds the {which} version",
                        side_uids.into_iter().collect::<Vec<_>>().join(" "),
                        base_uids.iter().cloned().collect::<Vec<_>>().join(" "),
                    )],
                };
            }
        }
    }
    let header = match header::merge(&b.header, &o.header, &t.header) {
        Ok(h) => h,
        Err(e) => return Outcome::Unmergeable(format!("{label}: {e}")),
    };
    let mut text = String::with_capacity(ours.len() + theirs.len());
    if ours.starts_with(BOM) {
        text.push('\u{feff}');
    }
    text.push_str(&header.text);
    let mut reasons = Vec::new();
    if !header.conflicts.is_empty() {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(OURS_MARKER);
        text.push('\n');
        for c in &header.conflicts {
            text.push_str(c.ours.as_deref().unwrap_or(""));
        }
        text.push_str(SEPARATOR_MARKER);
        text.push('\n');
        for c in &header.conflicts {
            text.push_str(c.theirs.as_deref().unwrap_or(""));
        }
        text.push_str(THEIRS_MARKER);
        text.push('\n');
        for c in &header.conflicts {
            reasons.push(format!(
                "{label}: both sides changed the same lines: the header key `{}` ({} on our side, {} on theirs); keep one between the markers",
                c.key,
                describe(c.ours.as_deref()),
                describe(c.theirs.as_deref())
            ));
        }
    }
    for chunk in merge_records(&b.records, &o.records, &t.records) {
        text.push_str(&chunk.text);
    }
    if reasons.is_empty() {
        let report = crate::check::check_file(path, text.as_bytes());
        reasons.extend(report.problems.iter().map(|p| {
            format!(
                "{}: the merged file would not pass `coltiva check`: {}",
                label, p.message
            )
        }));
    }
    if reasons.is_empty() {
        Outcome::Clean(text.into_bytes())
    } else {
        Outcome::Conflict {
            text: text.into_bytes(),
            reasons,
        }
    }
}

fn describe(line: Option<&str>) -> String {
    match line {
        None => "removed".into(),
        Some(line) => line
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .trim()
            .to_string(),
    }
}

/// The multiset merge of records: the base's records kept (min(base, max(ours, theirs))
/// copies of each, in place), then each side's records beyond the base's copies, the two
/// sides' sequences interleaved by (day, bytes).
pub fn merge_records<'a>(
    base: &'a [Chunk],
    ours: &'a [Chunk],
    theirs: &'a [Chunk],
) -> Vec<&'a Chunk> {
    use std::collections::HashMap;
    let count = |chunks: &'a [Chunk]| {
        let mut n: HashMap<&'a str, usize> = HashMap::new();
        for c in chunks {
            *n.entry(c.identity.as_str()).or_default() += 1;
        }
        n
    };
    let (nb, no, nt) = (count(base), count(ours), count(theirs));
    // The copies of a side beyond the base's copies, in the side's order.
    let new_on = |side: &'a [Chunk]| -> Vec<&'a Chunk> {
        let mut budget = nb.clone();
        side.iter()
            .filter(|c| match budget.get_mut(c.identity.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    };
    let mut out: Vec<&Chunk> = Vec::with_capacity(ours.len().max(theirs.len()));
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for c in base {
        let id = c.identity.as_str();
        let keep = nb.get(id).copied().unwrap_or(0).min(
            no.get(id)
                .copied()
                .unwrap_or(0)
                .max(nt.get(id).copied().unwrap_or(0)),
        );
        let k = kept.entry(id).or_default();
        if *k < keep {
            *k += 1;
            out.push(c);
        }
    }
    let (a, b) = (new_on(ours), new_on(theirs));
    let (mut i, mut j) = (0, 0);
    let key = |c: &Chunk| (c.day, c.text.as_bytes().to_vec());
    loop {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match key(x).cmp(&key(y)) {
                std::cmp::Ordering::Less => {
                    out.push(x);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(y);
                    j += 1;
                }
                // Equal heads: both copies, so the result does not depend on which side is
                // which.
                std::cmp::Ordering::Equal => {
                    out.push(x);
                    out.push(y);
                    i += 1;
                    j += 1;
                }
            },
            (Some(x), None) => {
                out.push(x);
                i += 1;
            }
            (None, Some(y)) => {
                out.push(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// A new customer's uid: 16 characters of the promise-id alphabet (80 random bits), written
/// by `add` and `import` so that two different customers' files are never merged as one.
pub fn new_uid() -> Result<String> {
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Invalid(format!("could not get random bytes for a uid: {e}")))?;
    let alphabet = crate::ids::PROMISE_ID_ALPHABET;
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    let mut uid = String::with_capacity(16);
    for _ in 0..16 {
        uid.push(alphabet[(bits & 31) as usize] as char);
        bits >>= 5;
    }
    Ok(uid)
}

#[cfg(test)]
mod tests;
