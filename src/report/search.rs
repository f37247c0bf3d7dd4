//! `coltiva search WORDS`: everything said to and by customers, found by its words
//! (PRODUCT.md §9.2).
//!
//! - **What is read**: every text a record carries, as its kind says
//!   ([`crate::model::RecordKind::said`]): an interaction's summary, an order's ref and note, a
//!   promise's text, a resolution's note, a phase's reason. A new record kind with words is
//!   searched as soon as its `said` names them.
//! - **How words match**: text and query are folded by [`crate::ids::fold`] — the rule that
//!   already matches customer names: accents transliterated (deunicode), lower case — and cut
//!   into words of letters and digits. A query word matches a text when one of the text's words
//!   starts with it: "perche" finds "perché", "gess" finds "Gessi". Every query word must match
//!   (AND).
//! - **Rank**: a hit whose words matched whole ("gessi" for "Gessi") comes before one matched
//!   only by a prefix ("gess"): the rank is how many query words matched a whole word. Within a
//!   rank, newest first; then by customer id and the record's place in the file.

use chrono::NaiveDate;
use serde::Serialize;

use crate::ids::fold;
use crate::model::{At, Customer, Table};

/// The words of a text as search compares them: folded, then cut at anything that is not an
/// ASCII letter or digit (folded text is ASCII).
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// What the user searches for: folded words, every one of which must match.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// The words of `terms` (each argument may hold several). A query without a letter or
    /// digit is refused with a message saying what to type.
    pub fn parse(terms: &[String]) -> Result<Query, String> {
        let mut list: Vec<String> = Vec::new();
        for term in terms {
            for word in words(&fold(term)) {
                if !list.iter().any(|w| w == word) {
                    list.push(word.to_string());
                }
            }
        }
        if list.is_empty() {
            return Err(format!(
                "nothing to search for in {:?}: give at least one word of letters or digits, e.g. coltiva search gessi",
                terms.join(" ")
            ));
        }
        Ok(Query { words: list })
    }

    /// `None` when some query word matches no word of `text`; otherwise the rank: how many
    /// query words matched a whole word of it.
    pub fn rank(&self, text: &str) -> Option<usize> {
        let folded = fold(text);
        // Cheap refusal first: a query word missing from the text as a substring cannot
        // start any of its words.
        if !self.words.iter().all(|w| folded.contains(w.as_str())) {
            return None;
        }
        let mut whole = 0;
        for query in &self.words {
            let mut best = None;
            for word in words(&folded) {
                if word == query {
                    best = Some(true);
                    break;
                }
                if word.starts_with(query.as_str()) {
                    best = Some(false);
                }
            }
            match best {
                None => return None,
                Some(true) => whole += 1,
                Some(false) => {}
            }
        }
        Some(whole)
    }
}

/// One text found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub customer: String,
    pub customer_name: String,
    /// The record's day (`YYYY-MM-DD`).
    pub day: NaiveDate,
    /// The record kind (its table name in JSON: interaction, order, promise…).
    pub kind: Table,
    /// The channel of an interaction, the status of a resolution, the kind otherwise.
    pub detail: &'static str,
    /// The field holding the text.
    pub field: &'static str,
    pub text: String,
    /// How many of the query's words matched a whole word (higher first).
    pub rank: usize,
    #[serde(skip)]
    at: At,
    /// The record's place among the customer's texts, for a stable order.
    #[serde(skip)]
    place: usize,
}

/// Which days a search looks at (`--since`, `--until`, both inclusive).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Days {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Days {
    fn holds(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// The hits in one customer's records, unordered.
pub fn hits(customer: &Customer, query: &Query, days: Days) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut place = 0;
    customer.said(|kind, detail, at, field, text| {
        place += 1;
        if !days.holds(at.day()) {
            return;
        }
        if let Some(rank) = query.rank(text) {
            out.push(Hit {
                customer: customer.id.clone(),
                customer_name: customer.header.name.clone(),
                day: at.day(),
                kind,
                detail,
                field,
                text: text.to_string(),
                rank,
                at,
                place,
            });
        }
    });
    out
}

/// Orders hits: higher rank first, then newest first, then by customer and place.
pub fn rank(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.rank
            .cmp(&a.rank)
            .then_with(|| b.at.sort_key().cmp(&a.at.sort_key()))
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.place.cmp(&b.place))
    });
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Direction, Header, Interaction, Record};
    use proptest::prelude::*;

    fn query(text: &str) -> Query {
        Query::parse(&[text.to_string()]).unwrap()
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert_eq!(query("perche").rank("Perché no?"), Some(1));
        assert_eq!(query("PERCHÉ").rank("perche"), Some(1));
        assert_eq!(query("caffe nero").rank("Caffè NERÒ, Milano"), Some(2));
    }

    #[test]
    fn every_word_must_start_a_word_of_the_text() {
        assert_eq!(query("gess rubinetti").rank("Gessi: rubinetti"), Some(1));
        assert_eq!(query("gessi lavabo").rank("Gessi: rubinetti"), None);
        // Inside a word is not a match: "ordine" does not find "riordinerà".
        assert_eq!(query("ordine").rank("riordinerà"), None);
        assert_eq!(query("q1").rank("the Q1 price list"), Some(1));
    }

    #[test]
    fn a_query_without_words_is_refused() {
        let e = Query::parse(&["-- !".into()]).unwrap_err();
        assert!(e.contains("at least one word"), "{e}");
        assert!(Query::parse(&[]).is_err());
    }

    #[test]
    fn whole_words_rank_first_then_the_newest() {
        let day = |d| At::Date(NaiveDate::from_ymd_opt(2026, 11, d).unwrap());
        let mut c = Customer::new("acme", Header::named("ACME"));
        for (d, text) in [(1, "Gessi taps"), (5, "Gessiana order"), (3, "gessi again")] {
            c.push(interaction(day(d), text));
        }
        let found = rank(hits(&c, &query("gessi"), Days::default()));
        let texts: Vec<&str> = found.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["gessi again", "Gessi taps", "Gessiana order"]);
        let since = Days {
            since: NaiveDate::from_ymd_opt(2026, 11, 2),
            until: NaiveDate::from_ymd_opt(2026, 11, 4),
        };
        let found = hits(&c, &query("gessi"), since);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "gessi again");
    }

    fn interaction(at: At, summary: &str) -> Record {
        Record::Interaction(Interaction {
            at,
            channel: Channel::Call,
            direction: Direction::Out,
            summary: summary.into(),
            source: None,
            with: None,
        })
    }

    proptest! {
        /// Every record holding a word (any of its words, written with any accents and case)
        /// is found by that word, and by any prefix of it.
        #[test]
        fn every_record_holding_a_word_is_found(
            texts in proptest::collection::vec("[a-zA-Zàèéìòù0-9 ,.'!?-]{0,40}", 1..12),
            pick in any::<proptest::sample::Index>(),
            cut in any::<proptest::sample::Index>(),
        ) {
            let at = At::Date(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
            let mut c = Customer::new("c", Header::named("C"));
            for text in &texts {
                c.push(interaction(at, text));
            }
            let all: Vec<&str> = texts.iter().flat_map(|t| t.split(|ch: char| !ch.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
            prop_assume!(!all.is_empty());
            let word = all[pick.index(all.len())];
            let chars: Vec<char> = word.chars().collect();
            let prefix: String = chars[..1 + cut.index(chars.len())].iter().collect();
            for typed in [word.to_uppercase(), prefix] {
                let q = Query::parse(std::slice::from_ref(&typed)).unwrap();
                let found = hits(&c, &q, Days::default());
                for (place, text) in texts.iter().enumerate() {
                    let holds = text.split(|ch: char| !ch.is_alphanumeric()).any(|w| fold(w).starts_with(&fold(&typed)));
                    let hit = found.iter().any(|h| h.place == place + 1);
                    prop_assert_eq!(holds, hit, "{:?} in {:?}", typed, text);
                }
                prop_assert!(!found.is_empty());
            }
        }
    }
}
