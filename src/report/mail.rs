//! The rows `coltiva mail` lists (the pipeline is `crate::mail::logging`): every message read,
//! with what became of it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Direction;

/// What became of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Appended now.
    Logged,
    /// Its Message-ID was already in the customer's file (or earlier in this run).
    AlreadyLogged,
    /// `--dry-run`: it would be appended.
    WouldLog,
    /// Matched no customer, or several, or could not be read: listed, not logged.
    NotLogged,
    /// Deliberately not logged (a mailing list).
    Skipped,
}

impl Outcome {
    /// The word of JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Logged => "logged",
            Outcome::AlreadyLogged => "already_logged",
            Outcome::WouldLog => "would_log",
            Outcome::NotLogged => "not_logged",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One message, as `coltiva mail` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MailRow {
    /// The message's file, or `-` for standard input.
    pub message: String,
    pub day: Option<NaiveDate>,
    pub from: String,
    pub subject: String,
    /// The summary logged: the subject without "Re:", "R:", "Fwd:"… marks.
    pub summary: String,
    pub outcome: Outcome,
    pub customer: Option<String>,
    pub direction: Option<Direction>,
    /// The customer's person the message was with (the interaction's `with`).
    pub with: Option<String>,
    /// The `source` key the interaction carries (`mail:<Message-ID>`).
    pub source: String,
    /// Why it was not logged.
    pub why: Option<String>,
}
