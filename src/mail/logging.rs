//! `coltiva mail`: read the messages, decide each one ([`super::matching`]), append the new
//! ones to their customers' files (one write per customer, the Message-ID checked under the
//! file's lock), list every message with what became of it.

use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Read};

use super::matching::{Decision, Directory, Me, decide};
use crate::app::{Context, autocommit, emit_with, tell};
use crate::cli::MailArgs;
use crate::error::{Error, Result};
use crate::model::{Channel, Interaction, Record};
use crate::report::mail::{MailRow, Outcome};

pub fn run(ctx: &Context, args: MailArgs) -> Result<()> {
    let inputs = inputs(&args)?;
    let journal = ctx.journal()?;
    let me = Me::new(&journal.settings.mail.me);
    let mut directory = Directory::default();
    for part in journal.map_all(|c| {
        let mut d = Directory::default();
        d.add_customer(&c, ctx.today);
        d
    })? {
        directory.extend(part);
    }

    let mut rows = Vec::new();
    // Customer id → (row index, record) of the messages to append, in input order.
    let mut to_log: BTreeMap<String, Vec<(usize, Record)>> = BTreeMap::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    // Messages not logged because they are not e-mail (or could not be read), or have no
    // date: the advice about customers' attributes would not help them.
    let (mut not_mail, mut undated) = (0, 0);
    for (name, bytes) in inputs {
        let Some(mail) = bytes.as_deref().ok().and_then(super::read) else {
            not_mail += 1;
            rows.push(MailRow {
                message: name,
                day: None,
                from: String::new(),
                subject: String::new(),
                summary: String::new(),
                outcome: Outcome::NotLogged,
                customer: None,
                direction: None,
                with: None,
                source: String::new(),
                why: Some(match bytes {
                    Err(e) => format!("could not read it: {e}"),
                    Ok(_) => "not an e-mail message (neither a From nor a Date header)".into(),
                }),
            });
            continue;
        };
        let mut row = MailRow {
            message: name,
            day: mail.at.map(|a| a.day()),
            from: mail.from.join(", "),
            subject: mail.subject.clone(),
            summary: super::summary(&mail.subject),
            outcome: Outcome::NotLogged,
            customer: None,
            direction: None,
            with: None,
            source: mail.key.clone(),
            why: None,
        };
        match (decide(&mail, &directory, &me), mail.at) {
            (
                Decision::Log {
                    customer,
                    direction,
                    person,
                },
                Some(at),
            ) => {
                row.customer = Some(customer.clone());
                row.direction = Some(direction);
                row.with = person.clone();
                if !seen.insert((customer.clone(), mail.key.clone())) {
                    row.outcome = Outcome::AlreadyLogged;
                    row.why = Some("the same message is earlier in this run".into());
                } else {
                    let record = Record::Interaction(Interaction {
                        at,
                        channel: Channel::Email,
                        direction,
                        summary: row.summary.clone(),
                        source: Some(mail.key.clone()),
                        with: person.clone(),
                    });
                    to_log
                        .entry(customer)
                        .or_default()
                        .push((rows.len(), record));
                }
            }
            (Decision::Skip { why, listed }, _) => {
                row.outcome = if listed {
                    Outcome::NotLogged
                } else {
                    Outcome::Skipped
                };
                row.why = Some(why);
            }
            (Decision::Log { .. }, None) => {
                undated += 1;
                row.why = Some("no readable Date header".into());
            }
        }
        rows.push(row);
    }

    let mut written = Vec::new();
    for (id, records) in to_log {
        let fresh = |c: &crate::model::Customer| -> Vec<bool> {
            let known: HashSet<&str> = c
                .interactions
                .iter()
                .filter_map(|i| i.source.as_deref())
                .collect();
            records
                .iter()
                .map(|(_, r)| match r {
                    Record::Interaction(i) => {
                        !i.source.as_deref().is_some_and(|s| known.contains(s))
                    }
                    _ => true,
                })
                .collect()
        };
        let new: Vec<bool> = if args.dry_run {
            fresh(&journal.load_customer(&id)?)
        } else {
            let mut marks = Vec::new();
            let appended = journal.writer().append_records_with(&id, |c| {
                marks = fresh(c);
                Ok(records
                    .iter()
                    .zip(&marks)
                    .filter(|(_, new)| **new)
                    .map(|((_, r), _)| r.clone())
                    .collect())
            })?;
            if !appended.is_empty() {
                written.push(journal.customer_path(&id)?);
            }
            marks
        };
        for ((row, _), new) in records.iter().zip(new) {
            rows[*row].outcome = match (new, args.dry_run) {
                (false, _) => Outcome::AlreadyLogged,
                (true, false) => Outcome::Logged,
                (true, true) => Outcome::WouldLog,
            };
        }
    }

    let count = |o: Outcome| rows.iter().filter(|r| r.outcome == o).count();
    let (logged, already, not_logged) = (
        count(Outcome::Logged) + count(Outcome::WouldLog),
        count(Outcome::AlreadyLogged),
        count(Outcome::NotLogged),
    );
    if !written.is_empty() {
        autocommit(
            &journal,
            &written,
            &crate::app::commit_message(
                &format!(
                    "mail: {} logged",
                    crate::render::count(logged as i64, "e-mail")
                ),
                rows.iter()
                    .find(|r| r.outcome == Outcome::Logged)
                    .map(|r| r.summary.as_str()),
            ),
        );
    }
    let words = crate::app::words(&journal);
    tell(&words.mail_done(args.dry_run, logged, rows.len(), already, not_logged));
    emit_with(
        &journal.settings.locale,
        args.output.format,
        &rows,
        &[],
        false,
        |layout| crate::render::views::mail(&rows, layout),
    )?;
    if not_logged > 0 {
        return Err(Error::Problems(words.mail_not_logged(
            not_logged.saturating_sub(not_mail + undated),
            not_mail,
            undated,
        )));
    }
    Ok(())
}

/// The messages to read: standard input (refused on a terminal), or a Maildir's files.
fn inputs(args: &MailArgs) -> Result<Vec<(String, std::io::Result<Vec<u8>>)>> {
    match &args.maildir {
        None => {
            let mut stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(Error::Usage(
                    "coltiva mail reads one message on standard input (e.g. `coltiva mail < message.eml`, or piped by your mail client); for a folder of messages use --maildir DIR".into(),
                ));
            }
            let mut bytes = Vec::new();
            stdin
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("could not read the message on standard input", e))?;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Err(Error::Usage(
                    "standard input is empty: pipe one e-mail message to coltiva mail".into(),
                ));
            }
            Ok(vec![("-".into(), Ok(bytes))])
        }
        Some(dir) => {
            let files = super::maildir(dir).map_err(|e| {
                Error::io(format!("could not read the Maildir {}", dir.display()), e)
            })?;
            Ok(files
                .into_iter()
                .map(|path| {
                    let bytes = std::fs::read(&path);
                    (path.display().to_string(), bytes)
                })
                .collect())
        }
    }
}
