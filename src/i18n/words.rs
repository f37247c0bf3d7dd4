//! Words the views write into values, in the journal's language: a promise's status and who
//! made it, and the kept counts built from them ("4/8 kept, 2 late" / "4/8 mantenute,
//! 2 tardive"). Fixed headings and labels are in [`super::LABELS`]; these are values, so
//! `localize` never sees them: the views ask here while they lay a document out.

use super::Language;
use crate::metrics::promises::{KeptCounts, PaymentPunctuality, PromiseStatus};
use crate::model::Party;
use crate::render::Cell;

/// A promise's status as a word: English (as in JSON and CSV) or Italian (a promise is
/// feminine: "mantenuta", "scaduta").
pub fn status(language: Language, status: PromiseStatus) -> &'static str {
    status_words(status, language, false)
}

/// The status that `word` names in either language, for renderers that colour rows by status.
pub fn status_of_word(word: &str) -> Option<PromiseStatus> {
    PromiseStatus::ALL.iter().copied().find(|&s| {
        [Language::En, Language::It]
            .iter()
            .any(|&l| status_words(s, l, false) == word)
    })
}

/// "3 kept", "1 mantenuta", "2 mantenute": a count of promises in a status.
fn status_count(language: Language, n: u32, s: PromiseStatus) -> String {
    let mut text = n.to_string();
    text.push(' ');
    text.push_str(status_words(s, language, n != 1));
    text
}

fn status_words(s: PromiseStatus, language: Language, plural: bool) -> &'static str {
    use PromiseStatus::*;
    match (language, s, plural) {
        (Language::En, _, _) => s.as_str(),
        (Language::It, Kept, false) => "mantenuta",
        (Language::It, Kept, true) => "mantenute",
        (Language::It, Late, false) => "tardiva",
        (Language::It, Late, true) => "tardive",
        (Language::It, Broken, false) => "mancata",
        (Language::It, Broken, true) => "mancate",
        (Language::It, Overdue, false) => "scaduta",
        (Language::It, Overdue, true) => "scadute",
        (Language::It, Open, false) => "aperta",
        (Language::It, Open, true) => "aperte",
        (Language::It, Cancelled, false) => "annullata",
        (Language::It, Cancelled, true) => "annullate",
    }
}

/// Who made a promise: "us"/"them", "noi"/"loro".
pub fn party(language: Language, party: Party) -> &'static str {
    match (language, party) {
        (Language::En, p) => p.as_str(),
        (Language::It, Party::Us) => "noi",
        (Language::It, Party::Them) => "loro",
    }
}

/// "3/4 kept, 1 late, 0 broken, 0 overdue": the decided promises of a window, for tables.
pub fn counts_brief(language: Language, c: &KeptCounts) -> String {
    use PromiseStatus::*;
    let due = c.kept + c.late + c.broken + c.overdue;
    let mut text = format!(
        "{}/{due} {}",
        c.kept,
        status_words(Kept, language, c.kept != 1)
    );
    for (n, s) in [(c.late, Late), (c.broken, Broken), (c.overdue, Overdue)] {
        text.push_str(", ");
        text.push_str(&status_count(language, n, s));
    }
    text
}

/// [`counts_brief`] of payments, with how late the late ones were on average.
pub fn payment_brief(language: Language, p: &PaymentPunctuality) -> String {
    let mut text = counts_brief(language, &p.counts);
    if let Some(mean) = p.mean_days_late {
        let days = Cell::Mean(Some(mean)).human();
        text.push_str(&match language {
            Language::En => format!(", {days} days late on average"),
            Language::It => format!(", in media {days} giorni di ritardo"),
        });
    }
    text
}

/// "75% (3 kept, 1 late, 0 broken, 0 overdue; 2 open, 0 cancelled)": every status of a
/// customer's promises, for facts.
pub fn kept_summary(language: Language, c: &KeptCounts) -> String {
    use PromiseStatus::*;
    let counts = |list: &[(u32, PromiseStatus)]| {
        list.iter()
            .map(|&(n, s)| status_count(language, n, s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "{} ({}; {})",
        Cell::Rate(c.rate()).human(),
        counts(&[
            (c.kept, Kept),
            (c.late, Late),
            (c.broken, Broken),
            (c.overdue, Overdue)
        ]),
        counts(&[(c.open, Open), (c.cancelled, Cancelled)]),
    )
}

/// [`kept_summary`] of payments, with how late the late ones were on average.
pub fn payment_summary(language: Language, p: &PaymentPunctuality) -> String {
    let mut text = kept_summary(language, &p.counts);
    if let Some(mean) = p.mean_days_late {
        let days = Cell::Mean(Some(mean)).human();
        text.push_str(&match language {
            Language::En => format!("; late payments {days} days late on average"),
            Language::It => format!("; pagamenti in ritardo di {days} giorni in media"),
        });
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> KeptCounts {
        KeptCounts {
            kept: 1,
            late: 2,
            broken: 0,
            overdue: 1,
            open: 3,
            cancelled: 1,
        }
    }

    #[test]
    fn english_summaries_are_as_before() {
        assert_eq!(
            counts_brief(Language::En, &counts()),
            "1/4 kept, 2 late, 0 broken, 1 overdue"
        );
        assert_eq!(
            kept_summary(Language::En, &counts()),
            "25% (1 kept, 2 late, 0 broken, 1 overdue; 3 open, 1 cancelled)"
        );
    }

    #[test]
    fn italian_summaries_agree_in_number() {
        assert_eq!(
            counts_brief(Language::It, &counts()),
            "1/4 mantenuta, 2 tardive, 0 mancate, 1 scaduta"
        );
        assert_eq!(
            kept_summary(Language::It, &counts()),
            "25% (1 mantenuta, 2 tardive, 0 mancate, 1 scaduta; 3 aperte, 1 annullata)"
        );
    }

    #[test]
    fn every_status_word_reads_back_in_both_languages() {
        for &s in PromiseStatus::ALL {
            for language in [Language::En, Language::It] {
                assert_eq!(status_of_word(status(language, s)), Some(s));
            }
        }
        assert_eq!(status_of_word("scaduta"), Some(PromiseStatus::Overdue));
        assert_eq!(status_of_word("noi"), None);
        assert_eq!(party(Language::It, Party::Them), "loro");
        assert_eq!(party(Language::En, Party::Us), "us");
    }
}
