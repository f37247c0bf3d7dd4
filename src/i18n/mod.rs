//! The language of what people read (PRODUCT.md §8.4): headings, column names and labels of
//! `report`, `list`, `show`, `promises` (and any view that asks [`label`]) in English or
//! Italian. The views lay documents out in English; [`localize`] turns a laid-out
//! [`Document`] into the journal's language, for tables, markdown and HTML. JSON and CSV never
//! pass through here: their keys stay English. Messages on stderr stay English.

pub mod pages;
pub mod text;
pub mod words;

use serde::{Deserialize, Deserializer};

use crate::render::{Block, Cell, Document};

/// The `[locale] language` of a journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    En,
    It,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::It => "it",
        }
    }
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "en" => Ok(Language::En),
            "it" => Ok(Language::It),
            _ => Err(format!("unknown language {s:?} (expected en | it)")),
        }
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Every fixed heading, column name and label, English → Italian. A view (the agenda too)
/// names its labels in English and asks [`label`] for the journal's language.
const LABELS: &[(&str, &str)] = &[
    // Columns and facts.
    ("id", "id"),
    ("name", "nome"),
    ("kind", "tipo"),
    ("phase", "fase"),
    ("orders", "ordini"),
    ("total", "totale"),
    ("last contact", "ultimo contatto"),
    // People (issue 29).
    ("People", "Persone"),
    ("person", "persona"),
    ("role", "ruolo"),
    ("phone", "telefono"),
    ("left", "uscita"),
    ("no people", "nessuna persona"),
    ("at risk", "a rischio"),
    ("Accounts at risk", "Clienti a rischio"),
    ("no account at risk", "nessun cliente a rischio"),
    ("whom", "chi"),
    ("why", "perché"),
    ("last order", "ultimo ordine"),
    ("days", "giorni"),
    ("due in", "scade tra"),
    ("days since", "giorni senza contatto"),
    ("file", "file"),
    ("line", "riga"),
    ("problem", "problema"),
    ("fix", "rimedio"),
    ("cadence", "cadenza"),
    ("overdue", "in ritardo"),
    ("kept us", "mantenute noi"),
    ("kept them", "mantenute loro"),
    ("promise", "promessa"),
    ("customer", "cliente"),
    ("by", "chi"),
    ("what", "cosa"),
    ("made", "fatta il"),
    ("due", "scadenza"),
    ("status", "stato"),
    ("resolved", "risolta il"),
    ("since", "cliente dal"),
    ("tags", "etichette"),
    ("because", "perché"),
    ("contacts", "contatti"),
    ("our promises", "promesse nostre"),
    ("their promises", "promesse loro"),
    ("day", "giorno"),
    ("from", "da"),
    ("to", "a"),
    ("rule", "regola"),
    ("note", "nota"),
    ("at", "quando"),
    ("details", "dettagli"),
    ("this period", "questo periodo"),
    ("counts", "conteggi"),
    ("last 90 days", "ultimi 90 giorni"),
    ("counts (90 days)", "conteggi (90 giorni)"),
    ("channel", "canale"),
    ("customers", "clienti"),
    ("overdue promises", "promesse scadute"),
    (
        "due in the next 7 days",
        "in scadenza nei prossimi 7 giorni",
    ),
    ("past their cadence", "oltre la cadenza"),
    ("to chase", "da sollecitare"),
    ("next contact", "prossimo contatto"),
    // Titles.
    ("Customers", "Clienti"),
    ("Promises", "Promesse"),
    ("Agenda", "Agenda"),
    ("Phase timeline", "Storia delle fasi"),
    ("Open promises", "Promesse aperte"),
    (
        "Promise-kept rates (promises due in the window)",
        "Promesse mantenute (promesse in scadenza nel periodo)",
    ),
    (
        "Past their cadence (most overdue first)",
        "Oltre la cadenza (prima i più in ritardo)",
    ),
    ("Customers by phase", "Clienti per fase"),
    (
        "Lost customers worth a call (highest order total first)",
        "Clienti persi da richiamare (prima chi ha ordinato di più)",
    ),
    ("Contacts in the period", "Contatti nel periodo"),
    // The outlook (docs/OUTLOOK.md) in the report and in show.
    (
        "Slipping away: not lost yet, P(alive) below 50% (most at stake first)",
        "Clienti che si allontanano: non ancora persi, P(attivo) sotto il 50% (prima chi vale di più)",
    ),
    (
        "Slipping away: no outlook model for this journal yet (see `coltiva outlook`)",
        "Clienti che si allontanano: ancora nessun modello per questo diario (vedi `coltiva outlook`)",
    ),
    ("last purchase", "ultimo acquisto"),
    ("P(alive)", "P(attivo)"),
    ("at stake (90 days)", "in gioco (90 giorni)"),
    (
        "no customer slipping away",
        "nessun cliente si sta allontanando",
    ),
    ("outlook", "previsione"),
    // The outlook's own page (coltiva outlook).
    ("model", "modello"),
    ("fitted to", "stimato su"),
    ("alpha (days)", "alpha (giorni)"),
    ("log-likelihood", "log-verosimiglianza"),
    ("horizon (days)", "orizzonte (giorni)"),
    ("repeat", "riacquisti"),
    ("first→last", "primo→ultimo"),
    ("first→today", "primo→oggi"),
    ("expected", "attesi"),
    ("days between", "giorni tra acquisti"),
    ("average", "media"),
    ("value", "valore"),
    // report --by KEY (render::groups).
    ("order total", "totale ordini"),
    ("kept (us)", "mantenute (noi)"),
    ("kept (them)", "mantenute (loro)"),
    ("kept (us, 90 days)", "mantenute (noi, 90 giorni)"),
    ("kept (them, 90 days)", "mantenute (loro, 90 giorni)"),
    ("past cadence", "fuori cadenza"),
    (
        "no customer with a purchase",
        "nessun cliente con un acquisto",
    ),
    (
        "Overdue promises (ours first)",
        "Promesse scadute (prima le nostre)",
    ),
    (
        "Due in the next 7 days (ours first)",
        "In scadenza nei prossimi 7 giorni (prima le nostre)",
    ),
    ("Resolved in the period", "Risolte nel periodo"),
    // Chart titles of the HTML page (the views ask for them; captions are in i18n::pages).
    (
        "Contacts per week, last 12 weeks, by channel",
        "Contatti per settimana, ultime 12 settimane, per canale",
    ),
    (
        "Promises kept per month, last 12 months",
        "Promesse mantenute per mese, ultimi 12 mesi",
    ),
    ("Phase moves in the period", "Cambi di fase nel periodo"),
    ("Past their cadence", "Oltre la cadenza"),
    // What an empty table says.
    ("no customers", "nessun cliente"),
    ("no customers match", "nessun cliente corrisponde"),
    ("no promises", "nessuna promessa"),
    ("no promises match", "nessuna promessa corrisponde"),
    ("no phase yet", "ancora nessuna fase"),
    (
        "an internal customer has no lifecycle phase",
        "un cliente interno non ha una fase del ciclo di vita",
    ),
    ("no records yet", "ancora nessuna registrazione"),
    ("no open promises", "nessuna promessa aperta"),
    (
        "everyone heard from you in time",
        "tutti hanno avuto tue notizie in tempo",
    ),
    ("no phase changes", "nessun cambio di fase"),
    ("no lost customers", "nessun cliente perso"),
    ("no overdue promises", "nessuna promessa scaduta"),
    (
        "nothing due in the next 7 days",
        "niente in scadenza nei prossimi 7 giorni",
    ),
    (
        "no promises resolved in the period",
        "nessuna promessa risolta nel periodo",
    ),
    ("nothing to do", "niente da fare"),
    (
        "nothing due: no promise to keep or chase, no customer due for a contact",
        "niente da fare: nessuna promessa da mantenere o sollecitare, nessun cliente da contattare",
    ),
    // The agenda.
    ("when", "quando"),
    ("do", "da fare"),
    // Words shown as values in the report's small tables.
    ("us", "noi"),
    ("them", "loro"),
    ("their payments", "loro pagamenti"),
    ("us (internal)", "noi (interni)"),
    ("them (internal)", "loro (interni)"),
    ("call", "telefonata"),
    ("email", "email"),
    ("meeting", "riunione"),
    ("visit", "visita"),
    ("message", "messaggio"),
    ("order", "ordine"),
    // coltiva search.
    ("Search", "Ricerca"),
    ("text", "testo"),
    ("no matches", "nessun risultato"),
    // coltiva mail.
    ("Mail", "Posta"),
    ("subject", "oggetto"),
    ("outcome", "esito"),
    ("why", "perché"),
    ("logged", "registrato"),
    ("already logged", "già registrato"),
    ("would log", "da registrare"),
    ("not logged", "non registrato"),
    ("skipped", "saltato"),
    ("no messages", "nessun messaggio"),
    // coltiva import FILE.vcf.
    ("Contacts", "Contatti"),
    ("org", "azienda"),
    ("added", "aggiunto"),
    ("would add", "da aggiungere"),
    ("already there", "già presente"),
    ("not added", "non aggiunto"),
    ("no contacts", "nessun contatto"),
];

/// Pieces of titles that carry numbers and dates ("Weekly review 2026-11-16 – …"), English →
/// Italian, applied in this order to a title that is not a whole [`LABELS`] entry.
const FRAGMENTS: &[(&str, &str)] = &[
    ("Due by ", "Da fare entro il "),
    // report --by KEY: "By territory".
    ("By ", "Per "),
    // The outlook's reason for having no model (outlook::fit_model), before the words below.
    (
        "too little purchase history to fit the model: ",
        "storia di acquisti troppo breve per stimare il modello: ",
    ),
    (
        " customers with a purchase and ",
        " clienti con un acquisto e ",
    ),
    (
        " customer with a purchase and ",
        " cliente con un acquisto e ",
    ),
    (
        " who bought on two or more days; it needs at least 20 and 5",
        " che hanno comprato in due o più giorni; ne servono almeno 20 e 5",
    ),
    (" items ", " voci "),
    (" item ", " voce "),
    (" days ahead", " giorni avanti"),
    (" day ahead", " giorno avanti"),
    ("Weekly review ", "Revisione settimanale "),
    // The table of unreadable files (render::problems).
    ("Unreadable files: ", "File illeggibili: "),
    (
        " (left out below; exit status 1)",
        " (esclusi qui sotto; stato di uscita 1)",
    ),
    (
        "Customers by phase (external; ",
        "Clienti per fase (esterni; ",
    ),
    (
        " internal customers not counted)",
        " clienti interni esclusi)",
    ),
    (
        " internal customer not counted)",
        " cliente interno escluso)",
    ),
    (
        "Phase changes in the period: ",
        "Cambi di fase nel periodo: ",
    ),
    (" new, ", " nuovi, "),
    (" acquired, ", " acquisiti, "),
    (" lost, ", " persi, "),
    (" won back", " riconquistati"),
    (" partner", " partner"),
    (" other", " altri"),
    ("Customers as of ", "Clienti al "),
    ("Outlook as of ", "Previsione al "),
    ("as of ", "al "),
    (" (--all for every one)", " (--all per vederle tutte)"),
    (" records", " registrazioni"),
    ("Records (", "Registrazioni ("),
    ("Last ", "Ultime "),
    (" of ", " di "),
    ("rhythm (", "ritmo ("),
    (" weeks)", " settimane)"),
    (" customers", " clienti"),
    (" customer", " cliente"),
    (" promises", " promesse"),
    (" promise", " promessa"),
];

/// `english` in `language`: the Italian of a known label, else the text unchanged.
pub fn label(language: Language, english: &'static str) -> &'static str {
    label_of(language, english)
}

/// [`label`] of any text (a channel or party word from data, say): borrowed from `english`
/// when it has no translation.
pub fn label_of(language: Language, english: &str) -> &str {
    match language {
        Language::En => english,
        Language::It => LABELS
            .iter()
            .find(|(en, _)| *en == english)
            .map_or(english, |(_, it)| it),
    }
}

/// The sentence of `language` among an English and an Italian one (for the submodules'
/// sentences with figures, which no table can hold).
fn pick(language: Language, en: String, it: String) -> String {
    match language {
        Language::En => en,
        Language::It => it,
    }
}

/// The English label of a label in any language (itself when it is English or unknown): the
/// key under which `render::views::fit` and the table colours know a column.
pub fn english(label: &str) -> &str {
    LABELS
        .iter()
        .find(|(en, it)| *en == label || *it == label)
        .map_or(label, |(en, _)| en)
}

/// A title or label that may carry numbers and dates, in `language`.
pub fn phrase(language: Language, english: &str) -> String {
    if language == Language::En {
        return english.to_string();
    }
    if let Some((_, it)) = LABELS.iter().find(|(en, _)| *en == english) {
        return (*it).to_string();
    }
    FRAGMENTS
        .iter()
        .fold(english.to_string(), |text, (en, it)| text.replace(en, it))
}

/// Nouns that views count ("3 days", "1 giorno"): English singular and plural, Italian
/// singular and plural.
const NOUNS: &[(&str, &str, &str, &str)] = &[
    ("day", "days", "giorno", "giorni"),
    ("week", "weeks", "settimana", "settimane"),
    ("month", "months", "mese", "mesi"),
    ("customer", "customers", "cliente", "clienti"),
    ("promise", "promises", "promessa", "promesse"),
    ("record", "records", "registrazione", "registrazioni"),
    ("order", "orders", "ordine", "ordini"),
    ("contact", "contacts", "contatto", "contatti"),
    ("purchase", "purchases", "acquisto", "acquisti"),
    ("item", "items", "voce", "voci"),
    ("match", "matches", "risultato", "risultati"),
    ("message", "messages", "messaggio", "messaggi"),
    ("person", "people", "persona", "persone"),
];

/// `n` of the English noun `noun` (singular) in `language`: "1 day", "3 days", "1 giorno",
/// "3 giorni", "-1 day". A noun missing from the table reads in English, with an "s" (the
/// tests list every noun the views count).
pub fn count(language: Language, n: impl Into<i64>, noun: &str) -> String {
    let n = n.into();
    let one = n == 1 || n == -1;
    let word = match NOUNS.iter().find(|(en, ..)| *en == noun) {
        Some((en, ens, it, its)) => match (language, one) {
            (Language::En, true) => en,
            (Language::En, false) => ens,
            (Language::It, true) => it,
            (Language::It, false) => its,
        },
        None if one => noun,
        None => return format!("{n} {noun}s"),
    };
    format!("{n} {word}")
}

/// The tables whose first column holds fixed words (who, channel) rather than data.
const WORD_TABLES: &[&str] = &["kept_rates", "contacts"];

/// Turns a document laid out in English into `language`: its title, the titles, columns and
/// empty texts of its tables, the labels of its facts, and the fixed words of the report's
/// small tables. Values (names, ids, notes, phases as typed) are left as they are.
pub fn localize(doc: &mut Document, language: Language) {
    if language == Language::En {
        return;
    }
    // The customer's own name heads `show`: translate only what follows it.
    doc.title = match doc.title.split_once(" — ") {
        Some((head, tail)) => format!("{head} — {}", phrase(language, tail)),
        None => phrase(language, &doc.title),
    };
    for block in &mut doc.blocks {
        match block {
            Block::Facts(facts) => {
                for (name, _) in facts.iter_mut() {
                    *name = phrase(language, name);
                }
            }
            Block::Table(table) => {
                table.title = phrase(language, &table.title);
                table.empty = label(language, table.empty);
                for column in &mut table.columns {
                    *column = label(language, column);
                }
                if WORD_TABLES.contains(&table.name) {
                    for row in &mut table.rows {
                        if let Some(Cell::Text(word)) = row.first_mut() {
                            *word = phrase(language, word);
                        }
                    }
                }
            }
            Block::Text(text) => *text = phrase(language, text),
            // A chart is laid out in the language by its view (i18n::pages): a caption is a
            // sentence, which fragment replacement would garble.
            Block::Chart(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Table;

    #[test]
    fn every_label_is_listed_once() {
        for (i, (en, _)) in LABELS.iter().enumerate() {
            assert!(
                LABELS[i + 1..].iter().all(|(other, _)| other != en),
                "{en} twice"
            );
        }
    }

    #[test]
    fn counts_agree_in_number_in_both_languages() {
        assert_eq!(count(Language::En, 1, "day"), "1 day");
        assert_eq!(count(Language::En, -1, "day"), "-1 day");
        assert_eq!(count(Language::En, 0, "day"), "0 days");
        assert_eq!(count(Language::En, 3, "week"), "3 weeks");
        assert_eq!(count(Language::It, 1, "day"), "1 giorno");
        assert_eq!(count(Language::It, 2, "day"), "2 giorni");
        assert_eq!(count(Language::It, 1, "promise"), "1 promessa");
        assert_eq!(count(Language::It, 5, "customer"), "5 clienti");
        assert_eq!(count(Language::It, 0, "purchase"), "0 acquisti");
        // Unlisted: English, with an "s".
        assert_eq!(count(Language::It, 2, "widget"), "2 widgets");
        assert_eq!(count(Language::It, 1, "widget"), "1 widget");
    }

    #[test]
    fn labels_and_phrases() {
        assert_eq!(label(Language::It, "last contact"), "ultimo contatto");
        assert_eq!(label(Language::En, "last contact"), "last contact");
        assert_eq!(label(Language::It, "unheard of"), "unheard of");
        assert_eq!(
            phrase(
                Language::It,
                "Weekly review 2026-11-16 – 2026-11-22 (as of 2026-11-23)"
            ),
            "Revisione settimanale 2026-11-16 – 2026-11-22 (al 2026-11-23)"
        );
        assert_eq!(
            phrase(Language::It, "coltiva — 3 customers"),
            "coltiva — 3 clienti"
        );
        assert_eq!(
            phrase(Language::It, "Last 20 of 31 records (--all for every one)"),
            "Ultime 20 di 31 registrazioni (--all per vederle tutte)"
        );
    }

    #[test]
    fn localize_translates_headings_not_values() {
        let mut doc = Document {
            title: "Customers — as of 2026-11-23".into(),
            blocks: vec![
                Block::Facts(vec![("overdue promises".into(), Cell::int(2))]),
                Block::Table(Table {
                    name: "contacts",
                    title: "Contacts in the period".into(),
                    columns: vec!["channel", "contacts"],
                    rows: vec![vec![Cell::text("call"), Cell::int(3)]],
                    empty: "",
                }),
                Block::Table(Table {
                    name: "customers",
                    title: "Customers".into(),
                    columns: vec!["name", "phase"],
                    rows: vec![vec![Cell::text("call"), Cell::text("new")]],
                    empty: "no customers",
                }),
            ],
        };
        let english = doc.clone();
        localize(&mut doc, Language::En);
        assert_eq!(doc, english);
        localize(&mut doc, Language::It);
        assert_eq!(doc.title, "Customers — al 2026-11-23");
        let Block::Facts(facts) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(facts[0].0, "promesse scadute");
        let Block::Table(contacts) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(contacts.columns, vec!["canale", "contatti"]);
        assert_eq!(contacts.rows[0][0], Cell::text("telefonata"));
        let Block::Table(customers) = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!(customers.title, "Clienti");
        assert_eq!(customers.empty, "nessun cliente");
        // A customer named "call" stays "call".
        assert_eq!(customers.rows[0][0], Cell::text("call"));
    }
}

#[cfg(test)]
mod outlook_reason_tests {
    use super::*;

    /// The outlook's plain message reads in one language, not half and half.
    #[test]
    fn the_reason_for_no_model_reads_in_italian() {
        assert_eq!(
            phrase(
                Language::It,
                "too little purchase history to fit the model: 7 customers with a purchase and 7 who bought on two or more days; it needs at least 20 and 5"
            ),
            "storia di acquisti troppo breve per stimare il modello: 7 clienti con un acquisto e 7 che hanno comprato in due o più giorni; ne servono almeno 20 e 5"
        );
    }
}
