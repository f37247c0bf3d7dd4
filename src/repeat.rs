//! Repeats are caught (PRODUCT.md §9.1; README, "Recording the same thing twice"): before
//! `log`, `order` or `promise` appends, the customer's records of that day are searched for
//! the same record, every field the command sets being equal but the time of day (and a
//! promise's id): an order of the same amount, ref and note; a promise by the same party with
//! the same text, due day and kind; a contact on the same channel, in the same direction, with
//! the same text (each kind's `RecordKind::repeats`). Texts compare as people read them (case
//! and runs of spaces aside). On a terminal coltiva asks; in a script it refuses; `--again`
//! records without asking. Called by the record commands before they append.

use std::io::{BufRead, IsTerminal, Write};

use crate::error::{Error, IoContext, Result};
use crate::model::{Customer, Record};
use crate::storage::Journal;

/// The record of `customer` that `record` would repeat, if any (the latest of that day).
pub fn earlier(customer: &Customer, record: &Record) -> Option<Record> {
    let day = record.at().day();
    customer
        .timeline()
        .into_iter()
        .rev()
        .filter(|r| r.at().day() == day)
        .find(|r| record.repeats(r))
}

/// Checks `record` against the customer's records of its day. Nothing found, or `again`:
/// Ok. Found: on a terminal, asks (yes: Ok); otherwise, or on any other answer, refuses with
/// the earlier record in `show`'s words and the way to record it anyway.
pub fn check(journal: &Journal, id: &str, record: &Record, again: bool) -> Result<()> {
    if again {
        return Ok(());
    }
    // A file that does not read: the append refuses it with its own advice (repair).
    let Ok(customer) = journal.load_customer(id) else {
        return Ok(());
    };
    let Some(before) = earlier(&customer, record) else {
        return Ok(());
    };
    let locale = &journal.settings.locale;
    let people = crate::i18n::Style::new(locale.language, locale.money());
    let words = people.words();
    // English keeps the words it has always shown here (ISO moments, plain amounts, as JSON
    // has them); another language words the record as its `show` does.
    let earlier = match locale.language {
        crate::model::Language::En => crate::report::customer::line(&before),
        _ => people.record(&before),
    };
    let name = &customer.header.name;
    if std::io::stdin().is_terminal() {
        eprint!("{}", words.repeat_asks(name, id, record.kind(), &earlier));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .ctx(|| "could not read the answer")?;
        if crate::i18n::answers(&answer, |w| w.yes()) {
            return Ok(());
        }
        return Err(Error::Usage(words.repeat_declined(name, id, &earlier)));
    }
    Err(Error::Usage(words.repeated(
        name,
        id,
        record.kind(),
        &earlier,
    )))
}
