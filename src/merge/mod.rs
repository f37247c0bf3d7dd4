//! The record-level three-way merge of a customer file (PRODUCT.md §8.1, docs/TEAMS.md): a
//! pure function of the bytes of the common version (base), ours and theirs.
//!
//! - The header merges key by key ([`header`]).
//! - Records merge as a multiset: for each distinct record (same kind and content, whatever
//!   its layout), the result holds ours + theirs − base copies (PRODUCT.md §9.1: a record one
//!   side removed and the other did not change stays removed; an edited record replaces its
//!   old form). The base's records keep their place and bytes; the records new on either side
//!   follow, each side's in its own order, the two interleaved by moment and then by their
//!   bytes, so merging A into B and B into A give the same bytes. A promise resolved the same
//!   way on both sides keeps one resolution.
//! - A side whose uids share none with the base's is another customer (a forgotten customer
//!   and a new one that git took for a rename of it): nothing is mixed, it is a conflict.
//! - The result must pass the same checks as `coltiva check`, else it is a conflict; only the
//!   problems the merge created count (one already on a side is named, and stops nothing).

mod header;
mod split;
pub mod stopped;

use std::path::Path;

pub use header::{another_customer, uids};
pub use split::{Chunk, Split, split};

use crate::error::{Error, Result};
use crate::i18n::{MergeNote, MergeSide};

/// What merging one file gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The merged file.
    Clean(Vec<u8>),
    /// A conflict: the text to leave in the work tree (markers around conflicting header
    /// keys), and what a person has to decide.
    Conflict {
        text: Vec<u8>,
        reasons: Vec<MergeNote>,
    },
    /// The file cannot be merged record by record (a side is not UTF-8 or does not parse):
    /// why. The caller falls back to git's line merge and reports a conflict.
    Unmergeable(MergeNote),
}

/// The marker lines around header keys changed differently on both sides (git's markers, so
/// editors and `git mergetool` recognise them).
pub const OURS_MARKER: &str = "<<<<<<< ours";
pub const SEPARATOR_MARKER: &str = "=======";
pub const THEIRS_MARKER: &str = ">>>>>>> theirs";

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Merges the three versions of the customer file `path` (for messages).
pub fn merge(path: &Path, base: &[u8], ours: &[u8], theirs: &[u8]) -> Outcome {
    merge_with_notes(path, base, ours, theirs).0
}

/// [`merge`], with what the person should hear about a merge that went through: the records
/// it removed, the resolutions both sides took alike, the problems already on a side.
pub fn merge_with_notes(
    path: &Path,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
) -> (Outcome, Vec<MergeNote>) {
    let label = path.display().to_string();
    let parse = |bytes: &[u8], side: MergeSide| -> std::result::Result<Split, MergeNote> {
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|_| MergeNote::NotUtf8 {
            label: label.clone(),
            side,
        })?;
        split(text).map_err(|error| MergeNote::DoesNotParse {
            label: label.clone(),
            side,
            error,
        })
    };
    let (b, o, t) = match (
        parse(base, MergeSide::Common),
        parse(ours, MergeSide::Ours),
        parse(theirs, MergeSide::Theirs),
    ) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            return (Outcome::Unmergeable(e), Vec::new());
        }
    };
    let base_uids = uids(&b.header);
    if !base_uids.is_empty() {
        for (side, which, bytes) in [(&o, MergeSide::Ours, ours), (&t, MergeSide::Theirs, theirs)] {
            let side_uids = uids(&side.header);
            if another_customer(&base_uids, &side_uids) {
                // The other customer is the one git took for a rename (or re-added under the
                // same id): the file at this path is its file.
                let conflict = Outcome::Conflict {
                    text: bytes.to_vec(),
                    reasons: vec![MergeNote::AnotherCustomer {
                        label: label.clone(),
                        side: which,
                        uids: side_uids.into_iter().collect::<Vec<_>>().join(" "),
                        base_uids: base_uids.iter().cloned().collect::<Vec<_>>().join(" "),
                    }],
                };
                return (conflict, Vec::new());
            }
        }
    }
    let header = match header::merge(&b.header, &o.header, &t.header) {
        Ok(h) => h,
        Err(error) => {
            let note = MergeNote::HeaderUnmergeable {
                label: label.clone(),
                error,
            };
            return (Outcome::Unmergeable(note), Vec::new());
        }
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
            reasons.push(MergeNote::HeaderConflict {
                label: label.clone(),
                key: c.key.clone(),
                ours: describe(c.ours.as_deref()),
                theirs: describe(c.theirs.as_deref()),
            });
        }
    }
    let records = merge_records(&b.records, &o.records, &t.records);
    for chunk in &records.records {
        text.push_str(&chunk.text);
    }
    let mut notes = Vec::new();
    if !records.removed.is_empty() {
        notes.push(MergeNote::Removed {
            label: label.clone(),
            records: records.removed.iter().map(|c| describe_record(c)).collect(),
        });
    }
    for c in &records.agreed {
        if let Some((promise, status)) = &c.resolution {
            notes.push(MergeNote::ResolvedAlike {
                label: label.clone(),
                promise: promise.clone(),
                status: status.to_string(),
            });
        }
    }
    if reasons.is_empty() {
        // Only what the merge created stops it: a problem already on a side (a double
        // resolution settled by keeping both) is named, and stops nothing.
        let (new, old) = crate::check::new_problems(path, &[ours, theirs], text.as_bytes());
        reasons.extend(new.iter().map(|p| MergeNote::WouldNotPass {
            label: label.clone(),
            problem: Box::new(p.finding.clone()),
        }));
        notes.extend(old.iter().map(|p| MergeNote::AlreadyOnASide {
            label: label.clone(),
            problem: Box::new(p.finding.clone()),
        }));
    }
    let outcome = if reasons.is_empty() {
        Outcome::Clean(text.into_bytes())
    } else {
        Outcome::Conflict {
            text: text.into_bytes(),
            reasons,
        }
    };
    (outcome, notes)
}

/// A header key's lines on one side without comments, `None` when that side removed it.
fn describe(line: Option<&str>) -> Option<String> {
    line.map(|line| {
        line.lines()
            .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .trim()
            .to_string()
    })
}

/// What the record merge gave: the records of the result in order, the base's records it
/// left out (removed on one side, untouched on the other), and the resolutions new on one side
/// that it left out because the other side resolved the same promise the same way.
#[derive(Debug, Default)]
pub struct Records<'a> {
    pub records: Vec<&'a Chunk>,
    pub removed: Vec<&'a Chunk>,
    pub agreed: Vec<&'a Chunk>,
}

/// The statuses that close a promise: two of them for one promise are a problem for `check`.
const FINAL: &[&str] = &["kept", "broken", "cancelled"];

/// The multiset merge of records (PRODUCT.md §9.1): ours + theirs − base copies of each
/// distinct record (where both sides removed copies of one record, the larger removal). The base's copies that stay keep their place; each side's copies beyond
/// the base's follow, in the side's order, the two sides interleaved by moment (day, then time
/// of day) and then by bytes. A final resolution new on both sides for one promise with the
/// same status is one decision taken twice: the earlier (by moment, then bytes) stays.
pub fn merge_records<'a>(base: &'a [Chunk], ours: &'a [Chunk], theirs: &'a [Chunk]) -> Records<'a> {
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
    let mut result = Records::default();
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for c in base {
        let id = c.identity.as_str();
        let get = |n: &HashMap<&str, usize>| n.get(id).copied().unwrap_or(0);
        let (b, o, t) = (get(&nb), get(&no), get(&nt));
        // ours + theirs − base in all, of which the copies beyond the base's are new: the
        // base's copies that stay are min(base, ours, theirs). Where both sides removed copies
        // of one record, the removals cannot be told apart and count as one: min(ours, theirs).
        let keep = b.min(o).min(t);
        let k = kept.entry(id).or_default();
        if *k < keep {
            *k += 1;
            result.records.push(c);
        } else {
            result.removed.push(c);
        }
    }
    let (mut a, mut b) = (new_on(ours), new_on(theirs));
    let key = |c: &Chunk| (c.day, c.time, c.text.as_bytes().to_vec());
    // The same promise resolved the same way on both sides: the later copy goes.
    let decision = |c: &Chunk| {
        c.resolution
            .as_ref()
            .filter(|(_, status)| FINAL.contains(&status.as_str()))
            .cloned()
    };
    let mut drop_a: Vec<usize> = Vec::new();
    let mut drop_b: Vec<usize> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        let Some(dx) = decision(x) else { continue };
        if let Some(j) = b
            .iter()
            .enumerate()
            .position(|(j, y)| !drop_b.contains(&j) && decision(y).as_ref() == Some(&dx))
        {
            if key(b[j]) < key(x) {
                drop_a.push(i);
            } else {
                drop_b.push(j);
            }
        }
    }
    for (side, drop) in [(&mut a, &drop_a), (&mut b, &drop_b)] {
        let mut i = 0;
        side.retain(|c| {
            let gone = drop.contains(&i);
            i += 1;
            if gone {
                result.agreed.push(c);
            }
            !gone
        });
    }
    let out = &mut result.records;
    let (mut i, mut j) = (0, 0);
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
    result
}

/// A record in a few words, for the driver's messages: `interaction of 2026-11-20 "Caled"`.
pub fn describe_record(chunk: &Chunk) -> String {
    let mut out = chunk.kind().to_string();
    if chunk.day != (0, 0, 0) {
        let (y, m, d) = chunk.day;
        out.push_str(&format!(" of {y:04}-{m:02}-{d:02}"));
    }
    let parsed: Option<toml::Table> = toml::from_str::<toml::Table>(&chunk.text)
        .ok()
        .and_then(|t| t.into_iter().next())
        .and_then(|(_, v)| match v {
            toml::Value::Array(mut items) if items.len() == 1 => items.pop(),
            _ => None,
        })
        .and_then(|v| match v {
            toml::Value::Table(t) => Some(t),
            _ => None,
        });
    if let Some(record) = parsed {
        for field in ["summary", "what", "status", "amount", "phase"] {
            if let Some(value) = record.get(field) {
                let text = match value {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let short: String = text.chars().take(40).collect();
                let ellipsis = if short.len() < text.len() { "…" } else { "" };
                out.push_str(&format!(" {:?}", format!("{short}{ellipsis}")));
                break;
            }
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
