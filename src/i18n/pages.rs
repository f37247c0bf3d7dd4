//! Words of the HTML pages in the journal's language: chart captions, legends, lanes, marks,
//! month names, tooltips and the footer. The views choose a chart's words here while they lay
//! it out (a caption is a sentence, not a label: word-by-word replacement garbles it), and the
//! SVG renderer asks here for the words it draws around the data.

use chrono::{Datelike, NaiveDate};

use super::{Language, count, pick};
use crate::render::chart::{Lane, Mark};

/// The caption of the contacts-per-week chart.
pub fn contacts_caption(
    language: Language,
    total: u32,
    span: Option<(NaiveDate, NaiveDate)>,
) -> String {
    let contacts = count(language, total, "contact");
    match span {
        Some((since, until)) => pick(
            language,
            format!(
                "{contacts} from {since} to {until}, in seven-day weeks labelled by their last day; each channel has its own pattern."
            ),
            format!(
                "{contacts} dal {since} al {until}, in settimane di sette giorni indicate dal loro ultimo giorno; ogni canale ha la sua trama."
            ),
        ),
        None => pick(
            language,
            "No weeks to show.".into(),
            "Nessuna settimana da mostrare.".into(),
        ),
    }
}

/// The caption of the kept-rates-per-month chart.
pub fn kept_rates_caption(language: Language) -> String {
    pick(
        language,
        "Kept ÷ (kept + late + broken + overdue) of the external customers' promises due in each \
         month; ours as dots on a solid line, theirs as squares on a dashed line; a month without \
         such promises has no point."
            .into(),
        "Mantenute ÷ (mantenute + tardive + mancate + scadute) tra le promesse dei clienti esterni \
         in scadenza in ogni mese; le nostre come punti su una linea continua, le loro come \
         quadrati su una linea tratteggiata; un mese senza promesse di questo tipo non ha punto."
            .into(),
    )
}

/// The caption of the customers-by-phase chart.
pub fn phase_counts_caption(language: Language, as_of: NaiveDate) -> String {
    pick(
        language,
        format!("As of {as_of}; internal customers are not counted."),
        format!("Al {as_of}; i clienti interni non sono contati."),
    )
}

/// The bars of the phase-moves chart, in their order: English key, Italian.
const MOVES: &[(&str, &str)] = &[
    ("new customers", "nuovi clienti"),
    ("acquired", "acquisiti"),
    ("lost", "persi"),
    ("won back", "riconquistati"),
    ("partner", "partner"),
    ("other", "altri"),
];

/// A bar of the phase-moves chart ("won back" / "riconquistati").
pub fn phase_move(language: Language, english: &'static str) -> &'static str {
    match language {
        Language::En => english,
        Language::It => MOVES
            .iter()
            .find(|(en, _)| *en == english)
            .map_or(english, |(_, it)| it),
    }
}

/// "From 2026-11-16 to 2026-11-22." / "Dal … al …."
pub fn period_caption(language: Language, since: NaiveDate, until: NaiveDate) -> String {
    pick(
        language,
        format!("From {since} to {until}."),
        format!("Dal {since} al {until}."),
    )
}

/// What a past-cadence bar says after it: "4 days over, cadence 30".
pub fn past_cadence_note(language: Language, overdue_days: i64, cadence_days: u32) -> String {
    let days = count(language, overdue_days, "day");
    pick(
        language,
        format!("{days} over, cadence {cadence_days}"),
        format!("{days} oltre, cadenza {cadence_days}"),
    )
}

/// The caption of the past-cadence chart; `drawn` of `all` customers are drawn.
pub fn past_cadence_caption(language: Language, drawn: usize, all: usize) -> String {
    let mut text = pick(
        language,
        "Days since the last contact; the dashed tick is the cadence, the hatched part the days past it.".into(),
        "Giorni dall'ultimo contatto; la tacca tratteggiata è la cadenza, la parte a righe i giorni oltre la cadenza.".into(),
    );
    if all > drawn {
        text.push_str(&pick(
            language,
            format!(" The {drawn} most overdue of {all}; the table lists them all."),
            format!(" I {drawn} più in ritardo su {all}; la tabella li elenca tutti."),
        ));
    }
    text
}

/// The title of a customer's timeline.
pub fn timeline_title(language: Language, since: NaiveDate, until: NaiveDate) -> String {
    pick(
        language,
        format!("The last year: {since} to {until}"),
        format!("L'ultimo anno: dal {since} al {until}"),
    )
}

/// The caption of a customer's timeline.
pub fn timeline_caption(language: Language) -> String {
    pick(
        language,
        "Phase bands on top; below, contacts (dots, larger for several a day), orders (diamonds) \
         and promises from the day made to the day decided or due: kept (dot), late (triangle), \
         broken (cross), open (ring), overdue (square), cancelled (dash)."
            .into(),
        "Le fasi in alto; sotto, i contatti (punti, più grandi se più d'uno al giorno), gli ordini \
         (rombi) e le promesse dal giorno in cui sono fatte a quello in cui sono decise o \
         scadono: mantenuta (punto), tardiva (triangolo), mancata (croce), aperta (anello), \
         scaduta (quadrato), annullata (trattino)."
            .into(),
    )
}

/// A lane of the timeline, as drawn.
pub fn lane(language: Language, lane: Lane) -> &'static str {
    match (language, lane) {
        (Language::En, lane) => lane.label(),
        (Language::It, Lane::Contacts) => "contatti",
        (Language::It, Lane::Orders) => "ordini",
        (Language::It, Lane::PromisesUs) => "promesse nostre",
        (Language::It, Lane::PromisesThem) => "promesse loro",
    }
}

/// A mark of the timeline, as drawn in the legend and tooltips.
pub fn mark(language: Language, mark: Mark) -> &'static str {
    match (language, mark) {
        (Language::En, mark) => mark.label(),
        (Language::It, Mark::Contact) => "contatto",
        (Language::It, Mark::Order) => "ordine",
        (Language::It, Mark::Kept) => "mantenuta",
        (Language::It, Mark::Late) => "tardiva",
        (Language::It, Mark::Broken) => "mancata",
        (Language::It, Mark::Open) => "aperta",
        (Language::It, Mark::Overdue) => "scaduta",
        (Language::It, Mark::Cancelled) => "annullata",
    }
}

/// The word over the phase bands.
pub fn phase_word(language: Language) -> &'static str {
    match language {
        Language::En => "phase",
        Language::It => "fase",
    }
}

/// Italian month abbreviations, January first (English ones come from chrono's `%b`).
const MONTHS_IT: [&str; 12] = [
    "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
];

/// "Jan" / "gen": a month's short name.
pub fn month(language: Language, day: NaiveDate) -> String {
    match language {
        Language::En => day.format("%b").to_string(),
        Language::It => MONTHS_IT[day.month0() as usize].to_string(),
    }
}

/// "(3 of 4 kept)" / "(3 mantenute su 4)": the counts behind a point of a kept-rate line.
pub fn kept_of(language: Language, kept: u32, total: u32) -> String {
    pick(
        language,
        format!("({kept} of {total} kept)"),
        format!(
            "({kept} {} su {total})",
            if kept == 1 { "mantenuta" } else { "mantenute" }
        ),
    )
}

/// A series name that is a fixed word of the report (a channel, us/them), in `language`.
pub fn series_name(language: Language, english: &str) -> String {
    super::label_of(language, english).to_string()
}

/// The line under every page.
pub fn footer(language: Language) -> &'static str {
    match language {
        Language::En => {
            "Written by coltiva. Every figure is also in the JSON of the same command (--format json)."
        }
        Language::It => {
            "Scritto da coltiva. Ogni cifra è anche nel JSON dello stesso comando (--format json)."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn english_is_as_before() {
        assert_eq!(
            contacts_caption(Language::En, 1, Some((d("2026-09-01"), d("2026-11-22")))),
            "1 contact from 2026-09-01 to 2026-11-22, in seven-day weeks labelled by their last day; each channel has its own pattern."
        );
        assert_eq!(
            past_cadence_caption(Language::En, 15, 16),
            "Days since the last contact; the dashed tick is the cadence, the hatched part the days past it. The 15 most overdue of 16; the table lists them all."
        );
        assert_eq!(
            past_cadence_note(Language::En, 1, 30),
            "1 day over, cadence 30"
        );
        assert_eq!(kept_of(Language::En, 1, 2), "(1 of 2 kept)");
        assert_eq!(month(Language::En, d("2026-01-05")), "Jan");
        assert_eq!(lane(Language::En, Lane::PromisesThem), "their promises");
        assert_eq!(mark(Language::En, Mark::Overdue), "overdue");
        assert_eq!(phase_move(Language::En, "won back"), "won back");
        assert_eq!(series_name(Language::En, "call"), "call");
    }

    #[test]
    fn italian_reads_whole_sentences() {
        assert_eq!(
            contacts_caption(Language::It, 3, Some((d("2026-09-01"), d("2026-11-22")))),
            "3 contatti dal 2026-09-01 al 2026-11-22, in settimane di sette giorni indicate dal loro ultimo giorno; ogni canale ha la sua trama."
        );
        assert_eq!(
            contacts_caption(Language::It, 0, None),
            "Nessuna settimana da mostrare."
        );
        assert!(kept_rates_caption(Language::It).starts_with("Mantenute ÷ (mantenute + tardive"));
        assert_eq!(
            past_cadence_caption(Language::It, 15, 15),
            "Giorni dall'ultimo contatto; la tacca tratteggiata è la cadenza, la parte a righe i giorni oltre la cadenza."
        );
        assert!(
            past_cadence_caption(Language::It, 15, 20)
                .ends_with(" I 15 più in ritardo su 20; la tabella li elenca tutti.")
        );
        assert_eq!(
            past_cadence_note(Language::It, 1, 30),
            "1 giorno oltre, cadenza 30"
        );
        assert_eq!(
            past_cadence_note(Language::It, 4, 30),
            "4 giorni oltre, cadenza 30"
        );
        assert_eq!(kept_of(Language::It, 1, 2), "(1 mantenuta su 2)");
        assert_eq!(kept_of(Language::It, 0, 1), "(0 mantenute su 1)");
        assert_eq!(month(Language::It, d("2026-01-05")), "gen");
        assert_eq!(month(Language::It, d("2026-12-31")), "dic");
        assert_eq!(lane(Language::It, Lane::PromisesUs), "promesse nostre");
        assert_eq!(mark(Language::It, Mark::Cancelled), "annullata");
        assert_eq!(phase_move(Language::It, "won back"), "riconquistati");
        assert_eq!(series_name(Language::It, "call"), "telefonata");
        assert_eq!(series_name(Language::It, "them"), "loro");
        assert_eq!(series_name(Language::It, "fax"), "fax");
        assert_eq!(
            timeline_title(Language::It, d("2025-11-24"), d("2026-11-23")),
            "L'ultimo anno: dal 2025-11-24 al 2026-11-23"
        );
        assert!(footer(Language::It).starts_with("Scritto da coltiva."));
        assert_eq!(
            phase_counts_caption(Language::It, d("2026-11-23")),
            "Al 2026-11-23; i clienti interni non sono contati."
        );
        assert_eq!(
            period_caption(Language::It, d("2026-11-16"), d("2026-11-22")),
            "Dal 2026-11-16 al 2026-11-22."
        );
    }
}
