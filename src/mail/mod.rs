//! `coltiva mail`: an e-mail message read into the facts an interaction needs (docs/MAIL.md).
//!
//! Parsing is the `mail-parser` crate's (RFC 5322 headers, MIME, RFC 2047 encoded words in
//! any of the usual charsets); this module only picks the facts: the addresses, the subject
//! as a summary, the day, the Message-ID as the record's idempotence key, and whether the
//! message came through a mailing list. Which customer it belongs to is [`matching`]'s.

pub mod logging;
pub mod matching;

use std::path::{Path, PathBuf};

use chrono::{FixedOffset, NaiveDate, TimeZone};
use mail_parser::{Address, HeaderValue, MessageParser};

use crate::model::At;

/// The `source` prefix of an interaction logged from a message: `mail:<Message-ID>`. The
/// import's idempotence (`interop::keys`) reads `source` as the record's key, so a message
/// logged once is recognised by the same rule, and an export/import keeps it.
pub const SOURCE_PREFIX: &str = "mail:";

/// What `coltiva mail` reads of one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Mail {
    /// `From` addresses, lower-cased (usually one).
    pub from: Vec<String>,
    /// `To` and `Cc` addresses, lower-cased.
    pub to: Vec<String>,
    /// The subject as written (encoded words decoded); empty when there is none.
    pub subject: String,
    /// The `Date` header, in the sender's offset; `None` when missing or unreadable.
    pub at: Option<At>,
    /// The record's key: `mail:<Message-ID>`, or, for a message without one, `mail:` and a hash
    /// of its Date, From and Subject (the same message fed twice has the same three).
    pub key: String,
    /// The mailing list it came through (`List-Id`, else "a mailing list" when only
    /// `List-Unsubscribe` or `Precedence: list/bulk` says so).
    pub list: Option<String>,
}

/// Reads one message. `None` when the bytes are not an e-mail message at all (neither a From
/// nor a Date header).
pub fn read(bytes: &[u8]) -> Option<Mail> {
    let message = MessageParser::default().parse(bytes)?;
    // The parser reads anything as a message; text with neither a From nor a Date header is
    // not one (a note pasted by mistake, an empty file).
    if message.from().is_none() && message.date().is_none() {
        return None;
    }
    let addresses = |a: Option<&Address>| -> Vec<String> {
        a.into_iter()
            .flat_map(|a| a.iter())
            .filter_map(|addr| addr.address())
            .map(|s| s.trim().to_lowercase())
            .filter(|s| s.contains('@'))
            .collect()
    };
    let from = addresses(message.from());
    let mut to = addresses(message.to());
    to.extend(addresses(message.cc()));
    let subject = message.subject().unwrap_or("").trim().to_string();
    let at = message.date().and_then(|d| {
        let seconds = i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60;
        let offset = FixedOffset::east_opt(if d.tz_before_gmt { -seconds } else { seconds })?;
        let day = NaiveDate::from_ymd_opt(i32::from(d.year), d.month.into(), d.day.into())?;
        let time = day.and_hms_opt(d.hour.into(), d.minute.into(), d.second.into())?;
        let at = At::DateTime(offset.from_local_datetime(&time).single()?);
        crate::dates::check_storable(at).ok()
    });
    let key = match message.message_id() {
        Some(id) if !id.trim().is_empty() => format!("{SOURCE_PREFIX}{}", id.trim()),
        _ => {
            let date = message.header_raw("Date").unwrap_or("").trim();
            let text = [date, &from.join(","), &subject].join("\u{1f}");
            format!(
                "{SOURCE_PREFIX}{:016x}",
                crate::interop::keys::fnv1a64(text.as_bytes())
            )
        }
    };
    let list = match message.list_id() {
        HeaderValue::Text(id) => Some(id.trim().to_string()),
        HeaderValue::Address(a) => a
            .first()
            .and_then(|a| a.address().or(a.name()))
            .map(str::to_string),
        _ => {
            let precedence = message
                .header_raw("Precedence")
                .map(|p| p.trim().to_lowercase());
            let bulk = matches!(precedence.as_deref(), Some("list" | "bulk"));
            let unsubscribe = !matches!(message.list_unsubscribe(), HeaderValue::Empty);
            (bulk || unsubscribe).then(|| "a mailing list".to_string())
        }
    };
    Some(Mail {
        from,
        to,
        subject,
        at,
        key,
        list,
    })
}

/// The summary of an interaction logged from a message: its subject without the reply and
/// forward marks mail clients put before it, in English, Italian and German ("Re:", "R:",
/// "Fwd:", "I:", "Rif:", "AW:", "WG:", also "Re[2]:" and repeated), and without a mailing
/// list's "[tag]"; "(no subject)" when nothing is left.
pub fn summary(subject: &str) -> String {
    const MARKS: &[&str] = &[
        "re", "r", "fw", "fwd", "i", "inoltro", "rif", "aw", "wg", "tr", "sv", "vs",
    ];
    let mut rest = subject.trim();
    loop {
        let before = rest;
        if let Some(tail) = rest.strip_prefix('[')
            && let Some(end) = tail.find(']')
            && !tail[end + 1..].trim().is_empty()
        {
            rest = tail[end + 1..].trim_start();
        }
        if let Some(colon) = rest.find(':') {
            let head = rest[..colon].trim_end();
            // "Re[2]" and "Re(2)" count replies.
            let word = head.split(['[', '(']).next().unwrap_or(head).to_lowercase();
            if MARKS.contains(&word.as_str()) {
                rest = rest[colon + 1..].trim_start();
            }
        }
        if rest == before {
            break;
        }
    }
    if rest.is_empty() {
        "(no subject)".to_string()
    } else {
        // One line: a folded subject that kept a newline would read as two.
        rest.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The messages of a Maildir: every file of its `new/` and `cur/` folders, in name order
/// (`tmp/` holds deliveries still being written, and is left alone). The path of each
/// message names it in the listing.
pub fn maildir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut any = false;
    for sub in ["new", "cur"] {
        let folder = dir.join(sub);
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        any = true;
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_file() && !entry.file_name().to_string_lossy().starts_with('.')
            {
                found.push(entry.path());
            }
        }
    }
    if !any {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "not a Maildir: it has neither a new/ nor a cur/ folder",
        ));
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_and_forward_marks_are_left_out() {
        assert_eq!(summary("Re: R: offerta rubinetti"), "offerta rubinetti");
        assert_eq!(summary("RE: Fwd: I: listino 2026"), "listino 2026");
        assert_eq!(summary("Re[2]: AW: Termin"), "Termin");
        assert_eq!(summary("[gessi-news] Re: novità"), "novità");
        assert_eq!(summary("Rif: ordine 114"), "ordine 114");
        // A colon that is not a mark stays.
        assert_eq!(summary("Ordine: 3 lavabi"), "Ordine: 3 lavabi");
        assert_eq!(summary("Re:   "), "(no subject)");
        assert_eq!(summary(""), "(no subject)");
        assert_eq!(summary("[solo tag]"), "[solo tag]");
    }

    #[test]
    fn a_message_without_a_message_id_gets_a_key_from_date_from_and_subject() {
        let one = b"From: a@acme.it\r\nDate: Fri, 20 Nov 2026 10:30:00 +0100\r\nSubject: x\r\n\r\nbody\r\n";
        let other = b"From: a@acme.it\r\nDate: Fri, 20 Nov 2026 10:30:00 +0100\r\nSubject: y\r\n\r\nbody\r\n";
        let a = read(one).unwrap();
        assert!(a.key.starts_with("mail:"), "{}", a.key);
        assert_eq!(a.key, read(one).unwrap().key);
        assert_ne!(a.key, read(other).unwrap().key);
        assert_eq!(
            crate::interop::keys::at_text(a.at.unwrap()),
            "2026-11-20T10:30:00+01:00"
        );
    }
}
