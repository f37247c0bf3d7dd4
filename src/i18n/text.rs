//! Words of the text views in the journal's language: the facts of `show`, the lines of the
//! agenda and the outlook's facts. Each function gives today's English unchanged (JSON and
//! CSV never come here) and the Italian a small firm would write.

use chrono::NaiveDate;

use super::{Language, count, pick};
use crate::config::Settings;
use crate::metrics::phase::{PhaseAssessment, PhaseRule};

/// "acquired since 2026-09-21" / "acquired dal 2026-09-21" (the phase as stored).
pub fn phase_since(language: Language, phase: &str, since: NaiveDate) -> String {
    pick(
        language,
        format!("{phase} since {since}"),
        format!("{phase} dal {since}"),
    )
}

/// The sentence saying which rule decided the phase ([`PhaseAssessment::describe`] in
/// English, which JSON carries).
pub fn phase_receipt(language: Language, a: &PhaseAssessment, settings: &Settings) -> String {
    if language == Language::En {
        return a.describe(settings);
    }
    let as_of = a.as_of;
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "?".to_string(), |d| d.to_string());
    match a.rule {
        PhaseRule::Pinned => {
            let mut s = format!("fissata il {}", day(a.pin_day));
            if let Some(reason) = a.pin_reason.as_deref().filter(|r| !r.trim().is_empty()) {
                s.push_str(": ");
                s.push_str(reason.trim());
            }
            s
        }
        PhaseRule::NoOrder => format!("nessun ordine fino al {as_of}"),
        PhaseRule::Internal => {
            "cliente interno: colleghi e agenti non hanno una fase del ciclo di vita".to_string()
        }
        PhaseRule::Lost => format!(
            "l'ultimo ordine, del {}, è di più di {} giorni prima del {as_of}",
            day(a.last_order),
            settings.lost_days
        ),
        PhaseRule::New => format!(
            "il primo ordine, del {}, è entro {} giorni dal {as_of}",
            day(a.first_order),
            settings.new_days
        ),
        PhaseRule::Acquired => format!(
            "il primo ordine, del {}, è di più di {} giorni fa e l'ultimo, del {}, entro {} giorni",
            day(a.first_order),
            settings.new_days,
            day(a.last_order),
            settings.lost_days
        ),
    }
}

/// "5 totalling 10,600.00 (first 2024-10-07, last 2026-11-09)"; `total` as people read it.
pub fn orders(language: Language, n: u32, total: &str, first: &str, last: &str) -> String {
    pick(
        language,
        format!("{n} totalling {total} (first {first}, last {last})"),
        format!("{n} per un totale di {total} (il primo {first}, l'ultimo {last})"),
    )
}

/// The last contact: "2026-11-18 (5 days ago)", "2026-11-23 (today)", "never (40 days since
/// the start)", "never".
pub fn last_contact(language: Language, day: Option<NaiveDate>, days: Option<i64>) -> String {
    match (day, days) {
        (Some(day), Some(0)) => pick(language, format!("{day} (today)"), format!("{day} (oggi)")),
        (Some(day), Some(days)) => {
            let n = count(language, days, "day");
            pick(
                language,
                format!("{day} ({n} ago)"),
                format!("{day} ({n} fa)"),
            )
        }
        (None, Some(days)) => {
            let n = count(language, days, "day");
            pick(
                language,
                format!("never ({n} since the start)"),
                format!("mai ({n} dall'inizio)"),
            )
        }
        _ => pick(language, "never".into(), "mai".into()),
    }
}

/// Where a cadence comes from (`default`, `customer`, `tag:vip`, `phase:new`), for people.
pub fn cadence_source(language: Language, source: &str) -> String {
    if language == Language::En {
        return source.to_string();
    }
    match source.split_once(':') {
        Some(("tag", tag)) => format!("etichetta {tag}"),
        Some(("phase", phase)) => format!("fase {phase}"),
        _ => match source {
            "default" => "predefinita",
            "customer" => "del cliente",
            other => other,
        }
        .to_string(),
    }
}

/// "every 30 days (default); on time" / "…; 4 days overdue".
pub fn cadence(language: Language, days: u32, source: &str, overdue_days: i64) -> String {
    let every = count(language, days, "day");
    let source = cadence_source(language, source);
    let state = if overdue_days > 0 {
        let late = count(language, overdue_days, "day");
        pick(
            language,
            format!("{late} overdue"),
            format!("in ritardo di {late}"),
        )
    } else {
        pick(language, "on time".into(), "in tempo".into())
    };
    pick(
        language,
        format!("every {every} ({source}); {state}"),
        format!("ogni {every} ({source}); {state}"),
    )
}

/// "9 days with contact; mean gap 99.1 days, longest 455".
pub fn contact_days(language: Language, days: u32, mean_gap: &str, longest: &str) -> String {
    let n = count(language, days, "day");
    pick(
        language,
        format!("{n} with contact; mean gap {mean_gap} days, longest {longest}"),
        format!("{n} con contatti; intervallo medio {mean_gap} giorni, il più lungo {longest}"),
    )
}

/// The outlook of one customer as a fact of `show`; `p_alive` as people read a rate.
pub fn outlook_fact(language: Language, p_alive: &str, expected_purchases_90d: f64) -> String {
    pick(
        language,
        format!(
            "P(alive) {p_alive}; {expected_purchases_90d:.2} purchases expected in the next 90 days (coltiva outlook)"
        ),
        format!(
            "P(attivo) {p_alive}; {expected_purchases_90d:.2} acquisti attesi nei prossimi 90 giorni (coltiva outlook)"
        ),
    )
}

/// A record as a line of `show`'s records table in Italian: a label ("telefonata in entrata",
/// "promessa nostra", "rinegoziata") and a text with the amount in the journal's money style
/// (read while the document renders). English lines are [`crate::report::customer`]'s, which
/// JSON carries.
pub fn record_line_it(record: &crate::model::Record) -> (String, String) {
    use crate::model::{Channel, Direction, Party, Record, ResolutionStatus};
    let tail = |text: &mut String, note: &Option<String>| {
        if let Some(n) = note {
            text.push_str(": ");
            text.push_str(n);
        }
    };
    let (label, text) = match record {
        Record::Interaction(i) if i.channel == Channel::Note => ("nota".into(), i.summary.clone()),
        Record::Interaction(i) => {
            let channel = super::label(Language::It, i.channel.as_str());
            let direction = match i.direction {
                Direction::In => "in entrata",
                Direction::Out => "in uscita",
            };
            (format!("{channel} {direction}"), i.summary.clone())
        }
        Record::Order(o) => {
            let mut text = crate::render::Cell::Money(o.amount).human();
            if let Some(r) = &o.reference {
                text.push_str(" (");
                text.push_str(r);
                text.push(')');
            }
            tail(&mut text, &o.note);
            ("ordine".into(), text)
        }
        Record::Promise(p) => (
            match p.by {
                Party::Us => "promessa nostra".into(),
                Party::Them => "promessa loro".into(),
            },
            format!("[{}] {} (scadenza {})", p.id, p.what, p.due),
        ),
        Record::Resolution(r) => {
            let mut text = format!("[{}]", r.promise);
            if let Some(due) = r.due {
                text.push_str(&format!(" nuova scadenza {due}"));
            }
            tail(&mut text, &r.note);
            let status = match r.status {
                ResolutionStatus::Kept => "mantenuta",
                ResolutionStatus::Broken => "mancata",
                ResolutionStatus::Renegotiated => "rinegoziata",
                ResolutionStatus::Cancelled => "annullata",
            };
            (status.into(), text)
        }
        Record::Phase(p) => (
            format!("fase {}", p.set),
            p.reason.clone().unwrap_or_default(),
        ),
        Record::Person(p) => {
            let event = match p.event {
                crate::model::PersonEvent::Added => "persona aggiunta",
                crate::model::PersonEvent::Changed => "persona modificata",
                crate::model::PersonEvent::Left => "persona uscita",
            };
            (event.into(), p.summary())
        }
    };
    match crate::model::kinds::with_of(record) {
        Some(with) => (label, format!("{text} (con {with})")),
        None => (label, text),
    }
}

/// Why an account is at risk (docs/METRICS.md), in the journal's language.
pub fn risk(language: Language, risk: &crate::metrics::people::Risk) -> String {
    use crate::metrics::people::Risk;
    match (language, risk) {
        (Language::En, risk) => risk.describe(),
        (Language::It, Risk::EveryoneLeft) => "sono uscite tutte le persone".into(),
        (
            Language::It,
            Risk::RestsOnOne {
                person_name: Some(name),
                ..
            },
        ) => {
            format!("il rapporto poggia solo su {name}")
        }
        (
            Language::It,
            Risk::RestsOnOne {
                person_name: None, ..
            },
        ) => "nessuna persona sentita è ancora presente".into(),
    }
}

/// The note of a phase change that won a lost customer back.
pub fn won_back(language: Language) -> &'static str {
    match language {
        Language::En => "won back",
        Language::It => "riconquistato",
    }
}

/// How the outlook's model was fitted.
pub fn outlook_model(language: Language) -> String {
    pick(
        language,
        "BG/NBD (Fader, Hardie & Lee 2005), maximum likelihood".into(),
        "BG/NBD (Fader, Hardie & Lee 2005), massima verosimiglianza".into(),
    )
}

/// "23570 customers with a purchase" / "23570 clienti con un acquisto".
pub fn with_a_purchase(language: Language, customers: usize) -> String {
    let n = count(language, customers as i64, "customer");
    pick(
        language,
        format!("{n} with a purchase"),
        format!("{n} con un acquisto"),
    )
}

/// The title of the outlook's table for people.
pub fn outlook_table_title(language: Language, horizon_days: u32) -> String {
    let days = count(language, horizon_days, "day");
    pick(
        language,
        format!("Customers with a purchase: the next {days}"),
        format!("Clienti con un acquisto: i prossimi {days}"),
    )
}

/// When an agenda line is due, from the as-of day: "today", "in 2 days", "3 days overdue".
pub fn due_in(language: Language, days: i64) -> String {
    match days.cmp(&0) {
        std::cmp::Ordering::Equal => pick(language, "today".into(), "oggi".into()),
        std::cmp::Ordering::Greater => {
            let n = count(language, days, "day");
            pick(language, format!("in {n}"), format!("tra {n}"))
        }
        std::cmp::Ordering::Less => {
            let n = count(language, -days, "day");
            pick(
                language,
                format!("{n} overdue"),
                format!("in ritardo di {n}"),
            )
        }
    }
}

/// When an agenda line is due, short enough for a to-do list in 80 columns: as
/// [`due_in`] in English ("3 days overdue"), "45 giorni fa" rather than "in ritardo di 45
/// giorni" in Italian.
pub fn when(language: Language, days: i64) -> String {
    match days.cmp(&0) {
        std::cmp::Ordering::Equal => pick(language, "today".into(), "oggi".into()),
        std::cmp::Ordering::Greater => {
            let n = count(language, days, "day");
            pick(language, format!("in {n}"), format!("tra {n}"))
        }
        std::cmp::Ordering::Less => {
            let n = count(language, -days, "day");
            pick(language, format!("{n} overdue"), format!("{n} fa"))
        }
    }
}

/// What an agenda line asks: keep our promise, chase theirs, contact the customer.
pub fn agenda_do(language: Language, english: &'static str) -> &'static str {
    match (language, english) {
        (Language::It, "keep") => "mantenere",
        (Language::It, "chase") => "sollecitare",
        (Language::It, "contact") => "contattare",
        _ => english,
    }
}

/// "last contact 2026-02-16, every 90 days" / "no contact yet, every 30 days".
pub fn agenda_contact(language: Language, last: Option<NaiveDate>, cadence_days: u32) -> String {
    let every = count(language, cadence_days, "day");
    match last {
        Some(day) => pick(
            language,
            format!("last contact {day}, every {every}"),
            format!("ultimo contatto {day}, ogni {every}"),
        ),
        None => pick(
            language,
            format!("no contact yet, every {every}"),
            format!("ancora nessun contatto, ogni {every}"),
        ),
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
        let en = Language::En;
        assert_eq!(
            phase_since(en, "acquired", d("2026-09-21")),
            "acquired since 2026-09-21"
        );
        assert_eq!(
            last_contact(en, Some(d("2026-11-18")), Some(5)),
            "2026-11-18 (5 days ago)"
        );
        assert_eq!(
            last_contact(en, None, Some(1)),
            "never (1 day since the start)"
        );
        assert_eq!(last_contact(en, None, None), "never");
        assert_eq!(
            last_contact(en, Some(d("2026-11-23")), Some(0)),
            "2026-11-23 (today)"
        );
        assert_eq!(
            cadence(en, 30, "default", 0),
            "every 30 days (default); on time"
        );
        assert_eq!(
            cadence(en, 1, "tag:vip", 1),
            "every 1 day (tag:vip); 1 day overdue"
        );
        assert_eq!(
            contact_days(en, 9, "99.1", "455"),
            "9 days with contact; mean gap 99.1 days, longest 455"
        );
        assert_eq!(due_in(en, 0), "today");
        assert_eq!(due_in(en, 1), "in 1 day");
        assert_eq!(due_in(en, -45), "45 days overdue");
        assert_eq!(agenda_do(en, "chase"), "chase");
        assert_eq!(with_a_purchase(en, 2), "2 customers with a purchase");
        assert_eq!(
            outlook_table_title(en, 90),
            "Customers with a purchase: the next 90 days"
        );
        assert_eq!(
            agenda_contact(en, Some(d("2026-02-16")), 90),
            "last contact 2026-02-16, every 90 days"
        );
    }

    /// Every rule's receipt in Italian, and English exactly as `describe` (JSON's) gives it.
    #[test]
    fn phase_receipts_in_both_languages() {
        use crate::metrics::phase::ShownPhase;
        use crate::model::Phase;
        let settings = Settings::default();
        let receipt = |rule, pin_reason: Option<&str>| {
            let a = PhaseAssessment {
                phase: ShownPhase::Lifecycle(Phase::Acquired),
                rule,
                since: d("2026-01-01"),
                pin_day: Some(d("2026-03-04")),
                pin_reason: pin_reason.map(str::to_string),
                first_order: Some(d("2024-10-07")),
                last_order: Some(d("2026-11-09")),
                orders: 5,
                threshold: None,
                as_of: d("2026-11-23"),
            };
            assert_eq!(
                phase_receipt(Language::En, &a, &settings),
                a.describe(&settings)
            );
            phase_receipt(Language::It, &a, &settings)
        };
        assert_eq!(
            receipt(PhaseRule::Pinned, Some(" cliente strategico ")),
            "fissata il 2026-03-04: cliente strategico"
        );
        assert_eq!(
            receipt(PhaseRule::Pinned, Some("  ")),
            "fissata il 2026-03-04"
        );
        assert_eq!(receipt(PhaseRule::Pinned, None), "fissata il 2026-03-04");
        assert_eq!(
            receipt(PhaseRule::NoOrder, None),
            "nessun ordine fino al 2026-11-23"
        );
        assert_eq!(
            receipt(PhaseRule::Internal, None),
            "cliente interno: colleghi e agenti non hanno una fase del ciclo di vita"
        );
        assert_eq!(
            receipt(PhaseRule::Lost, None),
            "l'ultimo ordine, del 2026-11-09, è di più di 365 giorni prima del 2026-11-23"
        );
        assert_eq!(
            receipt(PhaseRule::New, None),
            "il primo ordine, del 2024-10-07, è entro 90 giorni dal 2026-11-23"
        );
        assert_eq!(
            receipt(PhaseRule::Acquired, None),
            "il primo ordine, del 2024-10-07, è di più di 90 giorni fa e l'ultimo, del 2026-11-09, entro 365 giorni"
        );
    }

    /// Each kind of record as a line of `show`'s records table in Italian (amounts in the
    /// money style of the document being rendered).
    #[test]
    fn records_read_italian() {
        use crate::model::*;
        let at = At::Date(d("2026-11-18"));
        let line = |r: Record| record_line_it(&r);
        let talk = |channel, direction| {
            Record::Interaction(Interaction {
                with: None,
                at,
                channel,
                direction,
                summary: "Paola".into(),
                source: None,
            })
        };
        assert_eq!(
            line(talk(Channel::Call, Direction::In)),
            ("telefonata in entrata".into(), "Paola".into())
        );
        assert_eq!(
            line(talk(Channel::Visit, Direction::Out)).0,
            "visita in uscita"
        );
        assert_eq!(
            line(talk(Channel::Note, Direction::Out)),
            ("nota".into(), "Paola".into())
        );
        let style = MoneyStyle {
            decimal: DecimalMark::Comma,
            currency: Some("EUR".into()),
        };
        let order = |reference: Option<&str>, note: Option<&str>| {
            crate::render::with_money_style(&style, || {
                line(Record::Order(Order {
                    with: None,
                    at,
                    amount: Amount::from_cents(125_040),
                    reference: reference.map(str::to_string),
                    note: note.map(str::to_string),
                    source: None,
                }))
            })
        };
        assert_eq!(order(None, None), ("ordine".into(), "1.250,40 €".into()));
        assert_eq!(
            order(Some("FT-7"), Some("acconto")).1,
            "1.250,40 € (FT-7): acconto"
        );
        let promise = |by| {
            line(Record::Promise(Promise {
                with: None,
                id: "k5kdzv".into(),
                at,
                by,
                what: "Pagare".into(),
                due: d("2026-11-30"),
                about: None,
                source: None,
            }))
        };
        assert_eq!(
            promise(Party::Us),
            (
                "promessa nostra".into(),
                "[k5kdzv] Pagare (scadenza 2026-11-30)".into()
            )
        );
        assert_eq!(promise(Party::Them).0, "promessa loro");
        let resolution = |status, due: Option<&str>, note: Option<&str>| {
            line(Record::Resolution(Resolution {
                promise: "k5kdzv".into(),
                at,
                status,
                due: due.map(d),
                note: note.map(str::to_string),
            }))
        };
        assert_eq!(
            resolution(
                ResolutionStatus::Renegotiated,
                Some("2026-12-04"),
                Some("ok")
            ),
            (
                "rinegoziata".into(),
                "[k5kdzv] nuova scadenza 2026-12-04: ok".into()
            )
        );
        assert_eq!(
            resolution(ResolutionStatus::Kept, None, None),
            ("mantenuta".into(), "[k5kdzv]".into())
        );
        assert_eq!(
            resolution(ResolutionStatus::Broken, None, None).0,
            "mancata"
        );
        assert_eq!(
            resolution(ResolutionStatus::Cancelled, None, None).0,
            "annullata"
        );
        assert_eq!(
            line(Record::Phase(PhaseRecord {
                at,
                set: PhaseSetting::Pin(Phase::Partner),
                reason: Some("accordo quadro".into()),
            })),
            ("fase partner".into(), "accordo quadro".into())
        );
        assert_eq!(won_back(Language::It), "riconquistato");
        assert_eq!(won_back(Language::En), "won back");
    }

    #[test]
    fn italian_reads_italian() {
        let it = Language::It;
        assert_eq!(
            phase_since(it, "acquired", d("2026-09-21")),
            "acquired dal 2026-09-21"
        );
        assert_eq!(
            last_contact(it, Some(d("2026-11-18")), Some(1)),
            "2026-11-18 (1 giorno fa)"
        );
        assert_eq!(
            last_contact(it, None, Some(40)),
            "mai (40 giorni dall'inizio)"
        );
        assert_eq!(last_contact(it, None, None), "mai");
        assert_eq!(
            last_contact(it, Some(d("2026-11-23")), Some(0)),
            "2026-11-23 (oggi)"
        );
        assert_eq!(
            cadence(it, 30, "default", 0),
            "ogni 30 giorni (predefinita); in tempo"
        );
        assert_eq!(
            cadence(it, 14, "phase:new", 3),
            "ogni 14 giorni (fase new); in ritardo di 3 giorni"
        );
        assert_eq!(cadence_source(it, "tag:vip"), "etichetta vip");
        assert_eq!(cadence_source(it, "customer"), "del cliente");
        assert_eq!(cadence_source(it, "default"), "predefinita");
        assert_eq!(cadence_source(Language::En, "tag:vip"), "tag:vip");
        assert_eq!(
            orders(it, 5, "10.600,00 €", "2024-10-07", "2026-11-09"),
            "5 per un totale di 10.600,00 € (il primo 2024-10-07, l'ultimo 2026-11-09)"
        );
        assert_eq!(
            contact_days(it, 1, "–", "0"),
            "1 giorno con contatti; intervallo medio – giorni, il più lungo 0"
        );
        assert_eq!(
            outlook_fact(it, "42%", 0.4249),
            "P(attivo) 42%; 0.42 acquisti attesi nei prossimi 90 giorni (coltiva outlook)"
        );
        assert_eq!(due_in(it, 0), "oggi");
        assert_eq!(due_in(it, 2), "tra 2 giorni");
        assert_eq!(due_in(it, -1), "in ritardo di 1 giorno");
        assert_eq!(agenda_do(it, "keep"), "mantenere");
        assert_eq!(with_a_purchase(it, 1), "1 cliente con un acquisto");
        assert_eq!(
            outlook_table_title(it, 90),
            "Clienti con un acquisto: i prossimi 90 giorni"
        );
        assert!(outlook_model(it).ends_with("massima verosimiglianza"));
        assert_eq!(agenda_do(it, "chase"), "sollecitare");
        assert_eq!(agenda_do(it, "contact"), "contattare");
        assert_eq!(
            agenda_contact(it, None, 7),
            "ancora nessun contatto, ogni 7 giorni"
        );
    }
}
