//! The rows `coltiva import FILE.vcf` lists (the pipeline is `crate::contacts`): every
//! contact of the file, with what became of it.

use serde::Serialize;

/// What became of one contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Added,
    WouldAdd,
    Already,
    NotAdded,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::WouldAdd => "would_add",
            Outcome::Already => "already",
            Outcome::NotAdded => "not_added",
        }
    }
}

/// One contact of the file, as the import lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactRow {
    pub name: String,
    pub org: Option<String>,
    pub emails: Vec<String>,
    pub outcome: Outcome,
    pub customer: Option<String>,
    pub person: Option<String>,
    pub why: Option<String>,
}
