use super::*;
use crate::metrics::phase::PhaseRule;
use crate::metrics::testutil::d;
use crate::model::{
    At, DecimalMark, Interaction, Order, Phase, PhaseRecord, PhaseSetting, Promise, Resolution,
};

fn kept() -> KeptCounts {
    KeptCounts {
        kept: 1,
        late: 2,
        broken: 0,
        overdue: 1,
        open: 3,
        cancelled: 1,
    }
}

fn italian() -> Style {
    Style::new(
        Language::It,
        MoneyStyle {
            decimal: DecimalMark::Comma,
            currency: Some("EUR".into()),
        },
    )
}

/// Words that are the same in English and another language on purpose (a loan word, a
/// symbol, an id): anything else equal to its English is an entry left untranslated.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
    "id", "file", "email", "partner", "Agenda", "P(alive)", "model", "value", "tags",
];

/// Every entry of every catalogue: present (the compiler sees to that), not empty, and in a
/// language other than English not the English text (but for the words above).
#[test]
fn every_entry_of_every_catalogue_is_written() {
    let en = catalogue(Language::En);
    for &language in Language::ALL {
        let words = catalogue(language);
        for &label in Label::ALL {
            let text = words.label(label);
            assert!(!text.trim().is_empty(), "{language:?} {label:?} is empty");
            if language != Language::En && !SAME_IN_EVERY_LANGUAGE.contains(&en.label(label)) {
                assert_ne!(text, en.label(label), "{language:?} {label:?} is English");
            }
        }
        for &noun in Noun::ALL {
            for one in [true, false] {
                let text = words.noun(noun, one);
                assert!(!text.is_empty(), "{language:?} {noun:?}");
                if language != Language::En && !matches!(noun, Noun::CustomerFile) {
                    assert_ne!(text, en.noun(noun, one), "{language:?} {noun:?} is English");
                }
            }
        }
        for &s in PromiseStatus::ALL {
            for plural in [false, true] {
                assert!(!words.status(s, plural).is_empty());
            }
        }
        for month in 0..12 {
            assert!(!words.month(month).is_empty());
        }
        // Every sentence answers, and none in another language is the English one.
        let sentences = |w: &dyn Catalogue| {
            let mut sentences = vec![
                w.date(d("2026-11-23")),
                w.day_month(d("2026-11-23")),
                w.phase_since(w.phase(ShownPhase::Lifecycle(Phase::New)), d("2026-11-23")),
                w.orders(2, "10", Some(d("2026-01-02")), Some(d("2026-03-04"))),
                w.last_contact(Some(d("2026-11-18")), Some(5)),
                w.last_contact(None, Some(5)),
                w.last_contact(None, None),
                w.cadence(30, &w.cadence_source("default"), 2),
                w.contact_days(3, "1", "2"),
                w.late_on_average("3"),
                w.late_payments_on_average("3"),
                w.outlook_fact("40%", "0.42"),
                w.show_title("ACME", d("2026-11-23")),
                w.promise_due(d("2026-11-30")),
                w.new_due(d("2026-12-04")),
                w.pinned_phase(Phase::Partner),
                w.our_promise().to_string(),
                w.their_promise().to_string(),
                w.phase_auto().to_string(),
                w.records_title(15, 31),
                w.records_title(3, 3),
                w.rhythm(52),
                w.customers_as_of(d("2026-11-23")),
                w.customers_title(3),
                w.promises_title(3, d("2026-11-23")),
                w.due_in(-5),
                w.due_in(0),
                w.due_in(3),
                w.agenda_title(3, d("2026-11-23"), 7),
                w.due_by(Some(d("2026-11-30"))),
                w.due_by(None),
                w.when(-5),
                w.agenda_contact(Some(d("2026-02-16")), 90),
                w.agenda_contact(None, 30),
                w.weekly_review(d("2026-11-16"), d("2026-11-22"), d("2026-11-23")),
                w.customers_by_phase_internal(2),
                w.phase_changes(&PhaseMoves::default()),
                w.by_key("territory"),
                w.unreadable_files(2),
                w.outlook_as_of(d("2026-11-23")),
                w.outlook_model().to_string(),
                w.with_a_purchase(3),
                w.outlook_table_title(90),
                w.too_little_history(7, 1, 20, 5),
                w.no_model("r = 1"),
                w.added("ACME", "acme", "customers/acme.toml"),
                w.imported(&[(Table::Order, 2), (Table::Promise, 1)], 1, 1, "a.csv", 2),
                w.imported(&[], 2, 2, "a.csv", 0),
                w.not_committed(
                    "customers/a.toml",
                    crate::git::InProgress::Rebase,
                    "git commit",
                ),
                w.commit_failed("hook"),
                w.forget_needs_yes("ACME", "acme"),
                w.forget_asks("ACME", "acme"),
                w.forget_not_confirmed("ACME", "acme"),
                w.deleted("customers/acme.toml"),
                w.forgot("ACME", "acme"),
                w.forget_history("customers/acme.toml"),
                w.nothing_to_repair("acme"),
                w.repaired("acme", 16, 0, 3, "acme.toml.rej"),
                w.repaired("acme", 16, 2, 3, "acme.toml.rej"),
                w.rej_ignored().to_string(),
                w.renamed("ACME", "acme", "acme-spa", "a.toml", "b.toml"),
                w.same_id("acme"),
                w.undo_appended("customers/acme.toml", false, &["x".into()]),
                w.undo_appended("customers/acme.toml", true, &["x".into(), "y".into()]),
                w.undo_header_edit("customers/acme.toml", &["name: A → B".into()]),
                w.undo_creation("customers/acme.toml", Some("ACME")),
                w.undo_done("x"),
                w.undo_would("x"),
                w.undo_nothing(),
                w.resolved_before_promise(d("2026-11-19"), "7bvew6", d("2026-11-20")),
                w.already_resolved("acme/7bvew6", ResolutionStatus::Kept, d("2026-11-21")),
                w.already_resolved("acme/7bvew6", ResolutionStatus::Cancelled, d("2026-11-21")),
                w.due_before_renegotiation(d("2026-11-19"), d("2026-11-20")),
                w.undo_refused("x", true, "acme"),
                w.undo_refused("x", false, "acme"),
                w.journal_created("/j"),
                w.already_a_journal("/j", Some("it")),
                w.already_a_journal("/j", None),
                w.repository_created("/j", Some("/top")),
                w.repository_created("/j", None),
                w.git_set_up(true).to_string(),
                w.git_set_up(false).to_string(),
                w.autocommit_turned_on().to_string(),
                w.first_committed("coltiva.toml"),
                w.first_commit_failed("no user", "git commit"),
                w.edit_unchanged("a.toml"),
                w.edit_saved("a.toml"),
                w.edit_refused("bad", "a.toml"),
                w.edit_discarded("a.toml"),
                w.unreadable_left_out(1),
                w.unreadable_left_out(2),
                w.checked(2, 3, "/j"),
                w.check_found(1, 1, 2),
                w.check_found(3, 2, 9),
                w.repeated("ACME", "acme", Table::Promise, "x"),
                w.repeated("ACME", "acme", Table::Order, "x"),
                w.committed_detached().to_string(),
                w.logged(Channel::Call, "ACME", "acme", d("2026-11-23")),
                w.ordered("10", "ACME", "acme", d("2026-11-23")),
                w.promised("7bvew6", Party::Them, "ACME", "acme", d("2026-11-30")),
                w.resolved(
                    "acme/7bvew6",
                    "ACME",
                    ResolutionStatus::Renegotiated,
                    Some(d("2026-12-04")),
                    d("2026-11-23"),
                ),
                w.resolved(
                    "acme/7bvew6",
                    "ACME",
                    ResolutionStatus::Kept,
                    None,
                    d("2026-11-23"),
                ),
                w.phase_set("ACME", "acme", Some(Phase::Partner), d("2026-11-23")),
                w.phase_set("ACME", "acme", None, d("2026-11-23")),
                w.header_updated("ACME", "acme", "to=Milano"),
                w.header_unchanged("ACME", "acme"),
                w.no_customers_yet("/j"),
                w.invalid_date(
                    "x",
                    crate::dates::DateProblem::Unknown(crate::dates::DateOrder::Dmy),
                ),
                w.invalid_date("31/02", crate::dates::DateProblem::NotACalendarDate),
                w.invalid_date("3d", crate::dates::DateProblem::Unsigned),
                w.after_today("2026-11-30", d("2026-11-23")),
                w.invalid_amount(&Amount::parse_typed("1.250", DecimalMark::Comma).unwrap_err()),
                w.invalid_amount(&Amount::parse_typed("x", DecimalMark::Dot).unwrap_err()),
                w.contacts_caption(3, Some((d("2026-09-01"), d("2026-11-22")))),
                w.contacts_caption(0, None),
                w.kept_rates_caption().to_string(),
                w.phase_counts_caption(d("2026-11-23")),
                w.period_caption(d("2026-11-16"), d("2026-11-22")),
                w.past_cadence_note(4, 30),
                w.past_cadence_caption(15, 20),
                w.timeline_title(d("2025-11-24"), d("2026-11-23")),
                w.timeline_caption().to_string(),
                w.kept_of(1, 2),
                w.footer().to_string(),
            ];
            sentences.extend(import_sentences(w));
            sentences.extend(command_sentences(w));
            sentences
        };
        let english = sentences(en);
        for (i, sentence) in sentences(words).into_iter().enumerate() {
            assert!(!sentence.trim().is_empty(), "{language:?} sentence {i}");
            if language != Language::En && i > 1 {
                assert_ne!(sentence, english[i], "{language:?} sentence {i} is English");
            }
        }
    }
}

#[test]
fn labels_are_keys_once() {
    for (i, a) in Label::ALL.iter().enumerate() {
        for b in &Label::ALL[i + 1..] {
            // Two labels may read the same in English only when they are one column.
            if a.key() == b.key() {
                assert!(
                    matches!(
                        (a, b),
                        (Label::ContactCustomer, Label::ContactMark)
                            | (Label::WonBack, Label::WonBackBar)
                    ),
                    "{a:?} and {b:?} are both {:?}",
                    a.key()
                );
            }
        }
    }
}

#[test]
fn counts_agree_in_number_in_every_language() {
    let en = catalogue(Language::En);
    let it = catalogue(Language::It);
    assert_eq!(count(en, 1, Noun::Day), "1 day");
    assert_eq!(count(en, -1, Noun::Day), "-1 day");
    assert_eq!(count(en, 0, Noun::Day), "0 days");
    assert_eq!(count(en, 3, Noun::Week), "3 weeks");
    assert_eq!(count(it, 1, Noun::Day), "1 giorno");
    assert_eq!(count(it, 2, Noun::Day), "2 giorni");
    assert_eq!(count(it, 1, Noun::Promise), "1 promessa");
    assert_eq!(count(it, 5, Noun::Customer), "5 clienti");
}

#[test]
fn kept_summaries_in_english_are_as_before() {
    let en = Style::MACHINE;
    assert_eq!(
        en.counts_brief(&kept()),
        "1/4 kept, 2 late, 0 broken, 1 overdue"
    );
    assert_eq!(
        en.kept_summary(&kept()),
        "25% (1 kept, 2 late, 0 broken, 1 overdue; 3 open, 1 cancelled)"
    );
}

#[test]
fn italian_summaries_agree_in_number() {
    let it = italian();
    assert_eq!(
        it.counts_brief(&kept()),
        "1/4 mantenuta, 2 tardive, 0 mancate, 1 scaduta"
    );
    assert_eq!(
        it.kept_summary(&kept()),
        "25% (1 mantenuta, 2 tardive, 0 mancate, 1 scaduta; 3 aperte, 1 annullata)"
    );
}

/// "Cambi di fase nel periodo: 1 nuovi" was the defect: each count agrees with its adjective.
#[test]
fn phase_changes_agree_in_number_in_italian() {
    let it = catalogue(Language::It);
    let moves = PhaseMoves {
        new_customers: 1,
        acquisitions: 0,
        losses: 1,
        win_backs: 2,
        partners: 0,
        other: 1,
    };
    assert_eq!(
        it.phase_changes(&moves),
        "Cambi di fase nel periodo: 1 nuovo, 0 acquisiti, 1 perso, 2 riconquistati, 1 altro"
    );
    assert_eq!(
        catalogue(Language::En).phase_changes(&moves),
        "Phase changes in the period: 1 new, 0 acquired, 1 lost, 2 won back, 1 other"
    );
    assert_eq!(
        it.customers_by_phase_internal(1),
        "Clienti per fase (esterni; 1 cliente interno escluso)"
    );
}

/// "scade tra -5" was the defect: an overdue promise says how long ago it fell due.
#[test]
fn overdue_reads_as_people_say_it() {
    let it = catalogue(Language::It);
    assert_eq!(it.due_in(-5), "scaduta da 5 giorni");
    assert_eq!(it.due_in(-1), "scaduta da 1 giorno");
    assert_eq!(it.due_in(0), "oggi");
    assert_eq!(it.due_in(2), "tra 2 giorni");
    assert_eq!(it.when(-45), "45 giorni fa");
    let en = catalogue(Language::En);
    assert_eq!(en.due_in(-5), "5 days overdue");
    assert_eq!(en.due_in(1), "in 1 day");
}

#[test]
fn dates_read_as_the_language_writes_them() {
    let it = italian();
    assert_eq!(it.date(d("2026-11-23")), "23/11/2026");
    assert_eq!(it.words().day_month(d("2026-12-06")), "06/12");
    assert_eq!(Style::MACHINE.date(d("2026-11-23")), "2026-11-23");
    assert_eq!(
        it.words().customers_as_of(d("2026-12-21")),
        "Clienti al 21/12/2026"
    );
    assert_eq!(
        it.words().due_by(Some(d("2026-12-28"))),
        "Da fare entro il 28/12/2026"
    );
}

#[test]
fn numbers_and_amounts_follow_the_journal() {
    let it = italian();
    assert_eq!(it.money(Amount::from_cents(123_456)), "1.234,56 €");
    assert_eq!(it.fixed(0.4249, 2), "0,42");
    assert_eq!(Style::MACHINE.fixed(0.4249, 2), "0.42");
    assert_eq!(it.rate(None), "–");
}

/// Every rule's receipt in Italian (dates as Italians write them).
#[test]
fn phase_receipts_in_italian() {
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
        catalogue(Language::It).phase_receipt(&a, 90, 365)
    };
    assert_eq!(
        receipt(PhaseRule::Pinned, Some(" cliente strategico ")),
        "fissata il 04/03/2026: cliente strategico"
    );
    assert_eq!(
        receipt(PhaseRule::Pinned, Some("  ")),
        "fissata il 04/03/2026"
    );
    assert_eq!(
        receipt(PhaseRule::NoOrder, None),
        "nessun ordine fino al 23/11/2026"
    );
    assert_eq!(
        receipt(PhaseRule::Lost, None),
        "l'ultimo ordine, del 09/11/2026, è di più di 365 giorni prima del 23/11/2026"
    );
    assert_eq!(
        receipt(PhaseRule::New, None),
        "il primo ordine, del 07/10/2024, è entro 90 giorni dal 23/11/2026"
    );
    assert_eq!(
        receipt(PhaseRule::Acquired, None),
        "il primo ordine, del 07/10/2024, è di più di 90 giorni fa e l'ultimo, del 09/11/2026, entro 365 giorni"
    );
}

/// Each kind of record as a line of `show`'s records table in Italian.
#[test]
fn records_read_italian() {
    let it = catalogue(Language::It);
    let at = At::Date(d("2026-11-18"));
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
    let line = |r: Record| it.record_line(&r, "1.250,40 €");
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
    let order = Record::Order(Order {
        with: None,
        at,
        amount: Amount::from_cents(125_040),
        reference: Some("FT-7".into()),
        note: Some("acconto".into()),
        source: None,
    });
    assert_eq!(
        line(order),
        ("ordine".into(), "1.250,40 € (FT-7): acconto".into())
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
            "[k5kdzv] Pagare (scadenza 30/11/2026)".into()
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
            "[k5kdzv] nuova scadenza 04/12/2026: ok".into()
        )
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
}

/// The outlook's reason for having no model reads in one language, not half and half.
#[test]
fn the_reason_for_no_model_reads_in_the_language() {
    assert_eq!(
        catalogue(Language::It).too_little_history(7, 7, 20, 5),
        "storia di acquisti troppo breve per stimare il modello: 7 clienti con un acquisto e 7 che hanno comprato in due o più giorni; ne servono almeno 20 e 5"
    );
    assert_eq!(
        catalogue(Language::En).too_little_history(1, 0, 20, 5),
        "too little purchase history to fit the model: 1 customer with a purchase and 0 who bought on two or more days; it needs at least 20 and 5"
    );
}

#[test]
fn italian_facts_read_italian() {
    let it = catalogue(Language::It);
    assert_eq!(
        it.last_contact(Some(d("2026-11-18")), Some(1)),
        "18/11/2026 (1 giorno fa)"
    );
    assert_eq!(
        it.last_contact(None, Some(40)),
        "mai (40 giorni dall'inizio)"
    );
    assert_eq!(
        it.cadence(30, &it.cadence_source("default"), 0),
        "ogni 30 giorni (predefinita); in tempo"
    );
    assert_eq!(
        it.cadence(14, &it.cadence_source("phase:new"), 3),
        "ogni 14 giorni (fase nuovo); in ritardo di 3 giorni"
    );
    assert_eq!(it.cadence_source("tag:vip"), "etichetta vip");
    assert_eq!(it.cadence_source("customer"), "del cliente");
    assert_eq!(
        it.orders(
            5,
            "10.600,00 €",
            Some(d("2024-10-07")),
            Some(d("2026-11-09"))
        ),
        "5 per un totale di 10.600,00 € (il primo 07/10/2024, l'ultimo 09/11/2026)"
    );
    assert_eq!(
        it.phase(ShownPhase::Lifecycle(Phase::Potential)),
        "potenziale"
    );
    assert_eq!(it.kind(Kind::External), "esterno");
    assert_eq!(it.rule(PhaseRule::NoOrder), "nessun ordine");
    assert_eq!(it.kept_of(1, 2), "(1 mantenuta su 2)");
    assert_eq!(it.kept_of(0, 1), "(0 mantenute su 1)");
    assert_eq!(it.month(0), "gen");
    assert_eq!(it.month(11), "dic");
}

/// One refusal of each kind, with every shape a kind words differently (a flush and a write,
/// an undone append and one that could not be cut back).
fn every_refusal() -> Vec<Refusal> {
    use crate::error::{Advice, BadId, Doing, FileKind, GitStep, IdFix, NotSettings};
    use std::path::PathBuf;
    let path = || PathBuf::from("/j/customers/acme.toml");
    let error = || "Input/output error (os error 5)".to_string();
    let mut all = vec![
        Refusal::NoIdFromName { name: "!!".into() },
        Refusal::IdTaken {
            id: "acme".into(),
            path: path(),
        },
        Refusal::NewerSchema {
            path: PathBuf::from("/j/coltiva.toml"),
            schema: 9,
            understood: 1,
        },
        Refusal::ZeroDays {
            path: PathBuf::from("/j/coltiva.toml"),
        },
        Refusal::Symlink { path: path() },
        Refusal::SymlinkFolder {
            path: PathBuf::from("/j/customers"),
        },
        Refusal::ReplaceBusy {
            path: path(),
            error: error(),
        },
        Refusal::OpenBusy {
            path: path(),
            error: error(),
        },
        Refusal::Gone {
            id: "acme".into(),
            path: path(),
        },
        Refusal::KeepsBeingReplaced { path: path() },
        Refusal::EditWouldNotPass {
            problems: vec!["line 9: a [[Promise]] table is not a record".into()],
        },
        Refusal::EditedMeanwhile {
            path: path(),
            kept: PathBuf::from("/j/.cache/acme.edit.toml"),
        },
        Refusal::RepairNothingParses {
            error: "acme.toml:1:1: invalid key".into(),
            id: "acme".into(),
        },
        Refusal::RepairTooMany {
            error: "acme.toml:9:1: invalid key".into(),
            records: 3,
            line: 9,
            path: path(),
            id: "acme".into(),
        },
        Refusal::RepairNotMoved {
            // An inner refusal is worded in the same language.
            error: Box::new(crate::error::Error::Refused(Refusal::FolderNotFlushed {
                path: PathBuf::from("/j/customers"),
                error: error(),
                advice: Advice::CheckDisk,
            })),
            path: path(),
            rej: PathBuf::from("/j/customers/acme.toml.rej"),
        },
        Refusal::RepairCopyLeft {
            error: Box::new(crate::error::Error::Refused(Refusal::ReplaceBusy {
                path: path(),
                error: error(),
            })),
            rej: PathBuf::from("/j/customers/acme.toml.rej"),
            path: path(),
            undo: error(),
            id: "acme".into(),
        },
        Refusal::SettingsNotParsed {
            path: PathBuf::from("/j/coltiva.toml"),
            error: "TOML parse error at line 1".into(),
            autocommit: true,
        },
        Refusal::GitNotATable {
            path: PathBuf::from("/j/coltiva.toml"),
            autocommit: false,
        },
        Refusal::UndoLogDamaged {
            path: PathBuf::from("/j/.cache/undo.json"),
            error: "EOF while parsing".into(),
        },
        Refusal::CommitNotFlushed { error: error() },
        Refusal::CustomerExists {
            id: "acme".into(),
            path: path(),
            batch: false,
        },
        Refusal::CustomerExists {
            id: "acme".into(),
            path: path(),
            batch: true,
        },
        Refusal::FileAppeared { path: path() },
        Refusal::NotMoved {
            from: path(),
            to: PathBuf::from("/j/customers/acme-spa.toml"),
            error: "Permission denied (os error 13)".into(),
        },
        Refusal::SomeCreated {
            error: Box::new(crate::error::Error::Refused(Refusal::FileAppeared {
                path: path(),
            })),
            created: vec![path(), PathBuf::from("/j/customers/beta.toml")],
            of: 5,
        },
        Refusal::AppendToBroken {
            path: path(),
            line: 12,
            column: 6,
            message: "extra `=`, expected nothing".into(),
            id: "acme".into(),
        },
        Refusal::AppendWouldBreak {
            path: path(),
            line: 14,
            column: 1,
            message: "duplicate key".into(),
        },
        Refusal::HeaderNotEditable {
            path: path(),
            id: "acme".into(),
        },
        Refusal::NoSuchTag {
            tag: "vip".into(),
            name: "ACME".into(),
            tags: vec!["b2b".into(), "export".into()],
        },
        Refusal::NoSuchAttribute {
            key: "territory".into(),
            name: "ACME".into(),
        },
        Refusal::SettingsNotAFile {
            path: PathBuf::from("/j/coltiva.toml"),
            kind: FileKind::Folder,
        },
    ];
    for why in [
        NotSettings::Unreadable(error()),
        NotSettings::OnlyNul,
        NotSettings::Nul(3),
        NotSettings::Invalid(Box::new(crate::error::Error::Refused(Refusal::ZeroDays {
            path: PathBuf::from("/j/coltiva.toml"),
        }))),
    ] {
        all.push(Refusal::NotSettings {
            path: PathBuf::from("/j/coltiva.toml"),
            why,
        });
    }
    for doing in [
        Doing::Open,
        Doing::Read,
        Doing::Create,
        Doing::CreateFolder,
        Doing::Lock,
        Doing::List,
        Doing::Delete,
        Doing::Remove,
    ] {
        all.push(Refusal::Failed {
            doing,
            path: path(),
            error: "Permission denied (os error 13)".into(),
        });
    }
    for step in [
        GitStep::CreateRepository,
        GitStep::ReadIgnoreRules,
        GitStep::Stage,
        GitStep::Commit,
        GitStep::ReadStatus,
        GitStep::RegisterDriver,
        GitStep::SetPullRebase,
    ] {
        all.push(Refusal::GitNotRun {
            step,
            error: "No such file or directory (os error 2)".into(),
        });
        all.push(Refusal::GitFailed {
            step,
            status: "exit status: 128".into(),
            detail: "fatal: not a git repository".into(),
        });
    }
    {
        use crate::error::RuleBroken::*;
        let context = || "--set \"zona x=1\"".to_string();
        for rule in [
            CustomerName,
            Tag { text: "\t".into() },
            AttributeKey { context: context() },
            OwnKey {
                context: context(),
                key: "tags".into(),
            },
            AttributePair {
                pair: "zona".into(),
            },
            AttributeIsId {
                pair: "id=acme".into(),
            },
            AttributeValue { context: context() },
            PersonId { id: "Paola".into() },
            PersonName,
            Role {
                text: "a\nb".into(),
            },
            Email {
                text: "nope".into(),
            },
            Phone { text: "abc".into() },
        ] {
            all.push(Refusal::Rule(rule));
        }
    }
    for bad in [
        BadId::Malformed("Acme".into()),
        BadId::Reserved("con".into()),
    ] {
        for fix in [IdFix::WithId, IdFix::NewId] {
            all.push(Refusal::BadId {
                bad: bad.clone(),
                fix,
            });
        }
    }
    for kind in [
        FileKind::Fifo,
        FileKind::Socket,
        FileKind::Device,
        FileKind::Symlink,
        FileKind::Folder,
        FileKind::File,
        FileKind::Other,
    ] {
        all.push(Refusal::NotRegular { path: path(), kind });
        all.push(Refusal::NotAFolder {
            path: PathBuf::from("/j/customers"),
            kind,
        });
    }
    for advice in [Advice::FreeSpace, Advice::CheckDisk] {
        for flush in [false, true] {
            all.push(Refusal::NotWritten {
                path: path(),
                error: error(),
                flush,
                advice,
            });
        }
        all.push(Refusal::FolderNotFlushed {
            path: PathBuf::from("/j/customers"),
            error: error(),
            advice,
        });
        for undo in [
            None,
            Some("Read-only file system (os error 30)".to_string()),
        ] {
            all.push(Refusal::NotAppended {
                path: path(),
                error: error(),
                advice,
                undo,
                repair: "coltiva repair acme".into(),
            });
        }
    }
    all
}

/// Which kind a refusal is: the compiler asks for a new kind here, and the walk below then
/// fails until [`every_refusal`] holds one.
fn refusal_kind(r: &Refusal) -> usize {
    use Refusal::*;
    match r {
        NoIdFromName { .. } => 0,
        BadId { .. } => 1,
        IdTaken { .. } => 2,
        NewerSchema { .. } => 3,
        ZeroDays { .. } => 4,
        Symlink { .. } => 5,
        NotRegular { .. } => 6,
        SymlinkFolder { .. } => 7,
        NotAFolder { .. } => 8,
        ReplaceBusy { .. } => 9,
        OpenBusy { .. } => 10,
        Gone { .. } => 11,
        KeepsBeingReplaced { .. } => 12,
        NotWritten { .. } => 13,
        FolderNotFlushed { .. } => 14,
        NotAppended { .. } => 15,
        EditWouldNotPass { .. } => 16,
        EditedMeanwhile { .. } => 17,
        RepairNothingParses { .. } => 18,
        RepairTooMany { .. } => 19,
        RepairNotMoved { .. } => 20,
        RepairCopyLeft { .. } => 21,
        SettingsNotParsed { .. } => 22,
        GitNotATable { .. } => 23,
        UndoLogDamaged { .. } => 24,
        CommitNotFlushed { .. } => 25,
        GitFailed { .. } => 26,
        SettingsNotAFile { .. } => 27,
        NotSettings { .. } => 28,
        CustomerExists { .. } => 29,
        FileAppeared { .. } => 30,
        SomeCreated { .. } => 31,
        AppendToBroken { .. } => 32,
        AppendWouldBreak { .. } => 33,
        HeaderNotEditable { .. } => 34,
        NoSuchTag { .. } => 35,
        NoSuchAttribute { .. } => 36,
        Failed { .. } => 37,
        GitNotRun { .. } => 38,
        NotMoved { .. } => 39,
        Rule(_) => 40,
    }
}
const REFUSAL_KINDS: usize = 41;

/// Words an English refusal shares with its Italian and German on purpose: the program, the
/// settings' own keys, commands and system names.
const REFUSAL_SHARED: &[&str] = &[
    "coltiva",
    "pull",
    "init",
    "clone",
    "PATH",
    "TOML",
    "merge",
    "driver",
    "autocommit",
    "repository",
    "rebase",
    "force",
    "edit",
    "undo",
    "rej",
    "toml",
    "check",
    "forget",
    "repair",
    "new_days",
    "lost_days",
    "FIFO",
    "Windows",
    "socket",
    "editor",
    "commit",
    "file",
    "schema",
    "antivirus",
    "pipe",
    // The examples a rule gives: an attribute key folded, an address, a phone number.
    "città",
    "citta",
    "Brescia",
    "mail",
    "1234567",
    "paola",
    "acme",
];

/// The words of `english` (four letters or more; only letters when `letters`) that `text`, its
/// translation, still has, but for the words of `facts` (what it carries: paths, ids, the
/// system's own text) and those `shared` on purpose: an entry left half in English.
fn english_left(
    english: &str,
    text: &str,
    facts: &str,
    shared: &[&str],
    letters: bool,
) -> Vec<String> {
    let words_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| w.chars().count() >= 4 && (!letters || w.chars().all(char::is_alphabetic)))
            .map(str::to_string)
            .collect()
    };
    let (facts, theirs) = (words_of(facts), words_of(text));
    words_of(english)
        .into_iter()
        .filter(|w| !facts.contains(w) && !shared.contains(&w.as_str()) && theirs.contains(w))
        .collect()
}

/// Every refusal in every language: worded, never empty, and in Italian and German with no
/// English word left in it (but for the facts it carries: paths, ids, the system's own error
/// text, and the words above).
#[test]
fn every_refusal_is_worded_in_every_language() {
    let all = every_refusal();
    let kinds: std::collections::BTreeSet<usize> = all.iter().map(refusal_kind).collect();
    assert_eq!(
        kinds.len(),
        REFUSAL_KINDS,
        "every kind of refusal is walked"
    );
    let en = catalogue(Language::En);
    for r in &all {
        let english = en.refusal(r);
        assert_eq!(english, r.to_string(), "English is the refusal's Display");
        for &language in &[Language::It, Language::De] {
            let text = catalogue(language).refusal(r);
            assert!(!text.trim().is_empty(), "{language:?} {r:?}");
            assert_ne!(text, english, "{language:?} {r:?} is English");
            let left = english_left(&english, &text, &format!("{r:?}"), REFUSAL_SHARED, false);
            assert!(left.is_empty(), "{language:?}: English {left:?} in {text}");
        }
    }
    // The merge driver's warning, likewise.
    use crate::git::DriverProblem;
    for p in [
        DriverProblem::NotRegistered,
        DriverProblem::Gone {
            program: "/old/coltiva".into(),
            fallback: true,
        },
        DriverProblem::Gone {
            program: "/old/coltiva".into(),
            fallback: false,
        },
    ] {
        let english = en.driver_problem(&p);
        assert_eq!(english, p.to_string());
        for &language in &[Language::It, Language::De] {
            let text = catalogue(language).driver_problem(&p);
            let left = english_left(&english, &text, "", REFUSAL_SHARED, false);
            assert!(left.is_empty(), "{language:?}: English {left:?} in {text}");
        }
    }
}

/// Every entry `import` words on stderr (issue 26), each variant once (but `Said`, a rule's
/// own English).
fn import_sentences(w: &dyn Catalogue) -> Vec<String> {
    let money = italian().money;
    let cols = ["Note".to_string(), "Agente".to_string()];
    let one = ["Note".to_string()];
    let maps = ["--map revenue.2025=Fatturato".to_string()];
    let amount = Box::new(Amount::parse_typed("1.250", DecimalMark::Comma).unwrap_err());
    // "standard input" is also the Italian term: not compared.
    assert!(!w.standard_input().is_empty());
    let mut out = vec![
        w.import_note(&ImportNote::Ignoring(&cols)),
        w.import_note(&ImportNote::Ignoring(&one)),
        w.import_note(&ImportNote::ExtrasUnused {
            maps: &maps,
            label: "a.csv",
        }),
        w.import_note(&ImportNote::NoRows { label: "a.csv" }),
        w.import_note(&ImportNote::AllThere {
            rows: 3,
            label: "a.csv",
        }),
        w.import_note(&ImportNote::AllThere {
            rows: 1,
            label: "a.csv",
        }),
        w.import_note(&ImportNote::DryRun {
            records: 3,
            customers: 2,
            new: 1,
            label: "a.csv",
            already: 4,
        }),
        w.row_error(3, Some("\"data\" (at)"), "x"),
        w.row_error(3, None, "x"),
    ];
    for refusal in [
        ImportRefusal::BadRows {
            label: "a.csv",
            rows: 1,
        },
        ImportRefusal::BadRows {
            label: "a.csv",
            rows: 2,
        },
        ImportRefusal::More(3),
        ImportRefusal::NoCustomerColumn {
            label: "a.csv",
            columns: "a, b".into(),
            delimiter: "';'".into(),
        },
        ImportRefusal::NoTypeColumn {
            label: "a.csv",
            choices: "order | customer".into(),
        },
        ImportRefusal::CsvFlagOnVcard {
            flag: "--map",
            label: "a.vcf",
        },
        ImportRefusal::RevenueAfterToday {
            year: 2027,
            theirs: "F",
            today: d("2026-11-23"),
        },
        ImportRefusal::Header {
            label: "a.csv",
            problem: "x",
        },
        ImportRefusal::CustomerUnreadable {
            label: "a.csv",
            problem: "x",
        },
        ImportRefusal::Interrupted {
            problem: "x",
            written: 1,
        },
        ImportRefusal::Interrupted {
            problem: "x",
            written: 2,
        },
    ] {
        out.push(w.import_refused(&refusal));
    }
    let day = d("2026-11-20");
    let today = d("2026-11-23");
    for problem in [
        RowProblem::EmptyCell,
        RowProblem::NoSuchColumn,
        RowProblem::TypeMissing {
            choices: "order | customer".into(),
        },
        RowProblem::AfterToday {
            day: d("2026-11-30"),
            today,
        },
        RowProblem::Amount {
            error: amount.clone(),
            given: true,
        },
        RowProblem::Amount {
            error: amount,
            given: false,
        },
        RowProblem::PromiseNeedsDue,
        RowProblem::DueBeforeMade {
            due: day,
            made: today,
        },
        RowProblem::ResolutionNeedsStatus {
            choices: "kept | broken".into(),
        },
        RowProblem::RenegotiationNeedsDue,
        RowProblem::DueBeforeRenegotiation {
            due: day,
            at: today,
        },
        RowProblem::OnlyRenegotiatedHasDue,
        RowProblem::PhaseNeedsSet,
        RowProblem::PersonNeedsIdOrName,
        RowProblem::AddedPersonNeedsName,
        RowProblem::LastOrderAmountMissing,
        RowProblem::LastOrderDayMissing,
        RowProblem::LastOrderNeedsBoth,
        RowProblem::RevenueAfterToday { year: 2027, today },
        RowProblem::RevenueBelowLastOrder {
            year: 2025,
            total: Amount { cents: 100 },
            last: Amount { cents: 200 },
        },
        RowProblem::AttributeTwice { key: "zona".into() },
        RowProblem::AttributesNotToml { detail: "x".into() },
        RowProblem::BadId {
            bad: crate::error::BadId::Reserved("con".into()),
        },
        RowProblem::NoLettersOrDigits { value: "--".into() },
        RowProblem::AnyOf {
            value: "Rossi".into(),
            candidates: vec!["rossi-bg (Rossi)".into(), "rossi-bs (Rossi)".into()],
        },
        RowProblem::NameTaken {
            id: "rossi-bg".into(),
            value: "Rossi".into(),
            named: vec!["rossi (Rossi)".into()],
            first: "rossi".into(),
        },
        RowProblem::NameTaken {
            id: "rossi-bg".into(),
            value: "Rossi".into(),
            named: vec!["rossi (Rossi)".into(), "rossi-2 (Rossi)".into()],
            first: "rossi".into(),
        },
        RowProblem::DescribedTwice {
            id: "rossi".into(),
            line: 3,
        },
        RowProblem::SourceTwice {
            source: "x".into(),
            id: "rossi".into(),
            line: 3,
        },
        RowProblem::PromiseIdTaken {
            id: "rossi".into(),
            promise: "7bvew6".into(),
        },
        RowProblem::PromiseIdTwice {
            promise: "7bvew6".into(),
            line: 3,
            other: "bianchi".into(),
        },
        RowProblem::NoSuchPromise {
            id: "rossi".into(),
            promise: "7bvew6".into(),
        },
        RowProblem::ResolvedBeforeMade {
            at: day,
            promise: "7bvew6".into(),
            made: today,
        },
        RowProblem::PersonThere {
            id: "rossi".into(),
            person: "paola".into(),
        },
        RowProblem::NoSuchPerson {
            id: "rossi".into(),
            person: "paola".into(),
        },
        RowProblem::BadDate {
            text: "20/11".into(),
            problem: crate::dates::CellDate::NoYear,
        },
        RowProblem::BadDate {
            text: "x".into(),
            problem: crate::dates::CellDate::Unknown,
        },
        RowProblem::BadDate {
            text: "31/02/2026".into(),
            problem: crate::dates::CellDate::Reason(crate::dates::DateProblem::NotACalendarDate),
        },
        RowProblem::UnequalFields {
            expected: 5,
            found: 4,
        },
        RowProblem::NotUtf8 { field: 2 },
        RowProblem::IdFromEmpty,
        RowProblem::IdFromNoLetters { cell: "--".into() },
        RowProblem::TextsMakeOneId {
            texts: vec![(2, "Rossi S.r.l.".into()), (7, "Rossi S.n.c.".into())],
            id: "rossi".into(),
        },
        RowProblem::RowsDiffer {
            lines: vec![2, 4],
            new: true,
            id: "rossi".into(),
            named: "Rossi".into(),
            differences: vec!["\"Città\" (\"Brescia\", \"Verona\")".into()],
            id_from: Some("Ragione sociale,Città".into()),
        },
        RowProblem::RowsDiffer {
            lines: vec![2, 4],
            new: false,
            id: "rossi".into(),
            named: "Rossi".into(),
            differences: vec![],
            id_from: None,
        },
    ] {
        out.push(w.row_problem(&problem, &money));
    }
    out
}

#[test]
fn import_refusals_read_in_the_journals_language() {
    let it = catalogue(Language::It);
    let de = catalogue(Language::De);
    let money = italian().money;
    let below = RowProblem::RevenueBelowLastOrder {
        year: 2025,
        total: Amount { cents: 123_450 },
        last: Amount { cents: 200_000 },
    };
    assert_eq!(
        it.row_problem(&below, &money),
        "il fatturato del 2025 (1.234,50 €) è minore dell'ultimo ordine di quell'anno (2.000,00 €)"
    );
    let late = RowProblem::AfterToday {
        day: d("2026-11-30"),
        today: d("2026-11-23"),
    };
    assert_eq!(
        de.row_problem(&late, &money),
        "30.11.2026 liegt nach heute (23.11.2026); Einträge beschreiben, was schon geschehen ist"
    );
    assert_eq!(
        it.import_refused(&ImportRefusal::BadRows {
            label: "a.csv",
            rows: 1
        }),
        "a.csv: 1 riga non valida; non è stato importato niente"
    );
}

/// Every entry the commands' refusals and questions use (issue 26), each variant once.
fn command_sentences(w: &dyn Catalogue) -> Vec<String> {
    let day = d("2026-11-20");
    let mut out: Vec<String> = [
        PersonRefusal::AlreadyThere {
            person: "Paola Rossi",
            pid: "paola-rossi",
            customer: "ACME",
            id: "acme",
        },
        PersonRefusal::IdTaken {
            pid: "paola-rossi",
            id: "acme",
        },
        PersonRefusal::SameName {
            person: "Paola Rossi",
            pid: "paola-rossi",
            customer: "ACME",
        },
        PersonRefusal::NothingToChange,
        PersonRefusal::AlreadyLeft {
            person: "Paola Rossi",
            pid: "paola-rossi",
            customer: "ACME",
            day,
        },
        PersonRefusal::LeftBeforeAdded {
            at: day,
            person: "Paola Rossi",
            pid: "paola-rossi",
            since: d("2026-11-21"),
        },
        PersonRefusal::WithLeft {
            typed: "paola",
            person: "Paola Rossi",
            pid: "paola-rossi",
            customer: "ACME",
            day,
            id: "acme",
        },
    ]
    .iter()
    .map(|r| w.person_refused(r))
    .collect();
    for kind in [Table::Order, Table::Promise, Table::Interaction] {
        out.push(w.repeat_asks("ACME", "acme", kind, "x"));
    }
    out.push(w.repeat_declined("ACME", "acme", "x"));
    out.push(w.edit_asks("customers/acme.toml"));
    for refusal in [
        CommandRefusal::EmptyCustomerReference,
        CommandRefusal::EmptyPersonReference,
        CommandRefusal::NoPeople {
            name: "ACME".into(),
            id: "acme".into(),
        },
        CommandRefusal::PromiseRefNoCustomer { text: "/x".into() },
        CommandRefusal::BadPromiseId {
            text: "x".into(),
            len: 6,
            alphabet: "abc",
        },
        CommandRefusal::EmptySummary,
        CommandRefusal::EmptyPromise,
        CommandRefusal::DueBeforeMade {
            due: day,
            made: d("2026-11-21"),
        },
        CommandRefusal::UntilBeforeSince {
            until: day,
            since: d("2026-11-21"),
        },
        CommandRefusal::IdIsNotAnAttribute {
            new: "acme-spa".into(),
            customer: "acme".into(),
        },
        CommandRefusal::NotAPeriod {
            problem: "x".into(),
        },
        CommandRefusal::EditorUnreadable {
            variable: "$EDITOR".into(),
            value: "vi '".into(),
            detail: "x".into(),
        },
        CommandRefusal::EditorEmpty {
            variable: "$EDITOR".into(),
        },
        CommandRefusal::EditorNotStarted {
            program: "vi".into(),
            error: "No such file or directory (os error 2)".into(),
        },
        CommandRefusal::EditorFailed {
            program: "vi".into(),
            status: "exit status: 1".into(),
        },
        CommandRefusal::RebaseStopped { root: "/j".into() },
        CommandRefusal::OutlookLeftOut { detail: "x".into() },
    ] {
        out.push(w.refused(&refusal));
    }
    for problem in [
        MapProblem::ColumnMappedTwice {
            column: "amount".into(),
        },
        MapProblem::ExtraMappedTwice {
            name: "revenue.2025".into(),
        },
        MapProblem::NoSuchColumn {
            name: "customer".into(),
            theirs: "Cliente".into(),
            columns: "a, b".into(),
        },
        MapProblem::IdFromNoColumn {
            name: "Città".into(),
            columns: "a, b".into(),
        },
        MapProblem::TwoColumns {
            column: "amount".into(),
            first: "amount".into(),
            second: "Amount".into(),
        },
    ] {
        out.push(w.map_problem(&problem));
    }
    out.push(w.import_progress().to_string());
    // Every template is one indicatif reads.
    assert!(indicatif::ProgressStyle::with_template(w.import_progress()).is_ok());
    for said in [
        MergeSaid::Merged { label: "a.toml" },
        MergeSaid::NeedsPerson { label: "a.toml" },
        MergeSaid::ByHand { label: "a.toml" },
    ] {
        out.push(w.merge_said(&said));
    }
    out.push(w.mail_done(false, 2, 3, 0, 1));
    out.push(w.contacts_done(false, 2, 3, "a.vcf", 0, 1));
    out.push(w.contacts_done(true, 1, 1, "a.vcf", 1, 0));
    out.push(w.contacts_not_added(1));
    out.push(w.contacts_not_added(2));
    out.push(w.mail_done(true, 1, 1, 0, 0));
    out.push(w.mail_not_logged(1, 0, 0));
    out.push(w.mail_not_logged(0, 1, 0));
    out.push(w.mail_not_logged(2, 2, 2));
    out.push(w.mail_not_logged(1, 0, 1));
    let id = || "acme".to_string();
    for damage in [
        FileDamage::Nuls { nuls: 16, id: id() },
        FileDamage::IncompleteTail {
            detail: "x".into(),
            id: id(),
        },
        FileDamage::ConflictMarkers { line: 7, id: id() },
        FileDamage::Parse {
            detail: "x".into(),
            id: id(),
        },
        FileDamage::Other { detail: "x".into() },
    ] {
        let (problem, fix) = w.file_problem(&damage);
        // A parser's or the system's own words are passed on as they are.
        if !matches!(damage, FileDamage::Parse { .. } | FileDamage::Other { .. }) {
            out.push(problem);
        }
        out.push(fix);
    }
    out
}

/// The answers to the terminal's questions: every language has its own, and no answer means
/// yes-or-edit in one language and restore in another.
#[test]
fn answers_are_understood_in_every_language() {
    for &language in Language::ALL {
        let w = catalogue(language);
        assert!(!w.yes().is_empty());
        let (again, restore) = w.edit_answers();
        assert!(!again.is_empty() && !restore.is_empty());
        for &other in Language::ALL {
            for a in again {
                assert!(!catalogue(other).edit_answers().1.contains(a), "{a:?}");
            }
        }
    }
    assert!(answers(" Sì\n", |w| w.yes()));
    assert!(answers("JA", |w| w.yes()));
    assert!(answers("y", |w| w.yes()));
    assert!(!answers("no", |w| w.yes()));
    assert!(answers("m", |w| w.edit_answers().0));
    assert!(answers("e", |w| w.edit_answers().0));
    assert!(answers("w", |w| w.edit_answers().1));
    assert!(answers("r", |w| w.edit_answers().1));
}

/// Every note of the merge driver in every language: English is its Display; Italian and
/// German are worded, with none of the English sentence's own words left.
#[test]
fn every_merge_note_is_worded_in_every_language() {
    use crate::i18n::{MergeNote::*, MergeSide};
    let label = || "customers/acme.toml".to_string();
    let mut all = Vec::new();
    for side in [MergeSide::Common, MergeSide::Ours, MergeSide::Theirs] {
        all.push(NotUtf8 {
            label: label(),
            side,
        });
        all.push(DoesNotParse {
            label: label(),
            side,
            error: "line 3: expected `=`".into(),
        });
        all.push(AnotherCustomer {
            label: label(),
            side,
            uids: "k2k2k2k2k2k2k2k2".into(),
            base_uids: "a1a1a1a1a1a1a1a1".into(),
        });
    }
    for (ours, theirs) in [
        (Some("cadence = \"14d\"".to_string()), None),
        (None, Some("cadence = \"7d\"".to_string())),
    ] {
        all.push(HeaderConflict {
            label: label(),
            key: "cadence".into(),
            ours,
            theirs,
        });
    }
    for n in [1, 2] {
        all.push(Removed {
            label: label(),
            records: vec!["interaction of 2026-11-20 \"Caled\"".into(); n],
        });
    }
    all.push(ResolvedAlike {
        label: label(),
        promise: "7k3m9x".into(),
        status: "kept".into(),
    });
    all.push(WouldNotPass {
        label: label(),
        problem: Box::new(crate::i18n::findings::Finding::MissingName),
    });
    all.push(AlreadyOnASide {
        label: label(),
        problem: Box::new(crate::i18n::findings::Finding::MissingName),
    });
    let english_words = [
        "version", "sides", "removed", "header", "merged", "resolved", "customer", "records",
        "valid", "parse", "would", "already",
    ];
    for note in &all {
        let english = catalogue(Language::En).merge_note(note);
        assert_eq!(english, note.to_string());
        for language in [Language::It, Language::De] {
            let text = catalogue(language).merge_note(note);
            assert_ne!(text, english, "{language:?} {note:?}");
            for word in english_words {
                let left = text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word);
                assert!(!left, "{language:?}: English {word:?} in {text}");
            }
        }
    }
}

/// One finding of each kind `check` names, with every shape a kind words differently.
fn every_finding() -> Vec<super::findings::Finding> {
    use super::findings::{Finding::*, Merged, Unloadable};
    use crate::model::RecordProblem;
    let not_loaded = |why| NotLoaded {
        key: "interaction".into(),
        why,
    };
    let mut all = vec![
        NotUtf8,
        Syntax("invalid string".into()),
        DuplicateKey("duplicate key `cadence`".into()),
        MissingSchema,
        SchemaNewer(9),
        SchemaBad,
        MissingName,
        EmptyName,
        BadKind,
        BadSince,
        BadTags,
        BadCadence,
        UnknownKind {
            key: "interactoin".into(),
            hint: Some("interaction"),
        },
        UnknownKind {
            key: "zzz".into(),
            hint: None,
        },
        UnknownField {
            field: "sumary".into(),
            key: "interaction".into(),
            fields: crate::model::Table::Interaction.fields(),
        },
        not_loaded(Unloadable::MissingField("summary".into())),
        not_loaded(Unloadable::TextForDate("\"ieri\"".into())),
        not_loaded(Unloadable::Parser("invalid amount \"x\"".into())),
        DuplicatePromise {
            id: "7k3m".into(),
            line: 5,
        },
        NoSuchPromise { id: "zzzz".into() },
        ResolvedTwice {
            id: "7k3m".into(),
            first: ResolutionStatus::Kept,
            line: 9,
        },
        SharedPromise {
            id: "7k3m".into(),
            others: vec!["customers/bolt.toml".into()],
        },
        NulTail {
            nuls: 1,
            id: "acme".into(),
        },
        NulTail {
            nuls: 300,
            id: "acme".into(),
        },
        CutShort {
            finding: Box::new(not_loaded(Unloadable::MissingField("summary".into()))),
            id: "acme".into(),
        },
        BadFileName,
        GitDamage(crate::git::HeadDamage::Commit {
            hash: "f3597bc".into(),
            why: Some("error: inflate: data stream error".into()),
        }),
        GitDamage(crate::git::HeadDamage::Branch(
            "error: refs/heads/main: broken ref".into(),
        )),
        HeaderConflict {
            key: "cadence".into(),
            ours: Some("cadence = \"14d\"".into()),
            theirs: None,
        },
        PersonAgain {
            id: "paola".into(),
            line: 7,
        },
        PersonNotAdded {
            event: crate::model::PersonEvent::Left,
            id: "paola".into(),
        },
        WithNobody { id: "paola".into() },
        Record(RecordProblem::RenegotiatedWithoutDue),
        Record(RecordProblem::DueNotRenegotiated(ResolutionStatus::Kept)),
        Record(RecordProblem::UnusablePromiseId("Promise 1".into())),
        Record(RecordProblem::AddedWithoutName("paola".into())),
        not_loaded(Unloadable::Amount(
            crate::model::Amount::parse_typed("abc", crate::model::DecimalMark::Dot).unwrap_err(),
        )),
    ];
    // A person's values, each refused by the rule the command line and import share.
    use crate::model::kinds::{check_person_id, email, person_name, phone};
    all.extend(
        [
            check_person_id("Paola!").unwrap_err(),
            person_name("\t").unwrap_err(),
            email("paola.acme.it").unwrap_err(),
            phone("call me").unwrap_err(),
        ]
        .into_iter()
        .map(|rule| Record(RecordProblem::Rule(rule))),
    );
    for merged in [Merged::Fallback, Merged::LineByLine, Merged::Stopped] {
        all.push(Marker {
            shown: "<<<<<<< HEAD".into(),
            merged,
        });
    }
    // Every word set whose parse error the check recognises.
    for what in [
        "channel",
        "direction",
        "party",
        "kind",
        "phase",
        "resolutionstatus",
        "person event",
    ] {
        all.push(not_loaded(Unloadable::UnknownWord {
            what: what.into(),
            value: "zzz".into(),
            choices: "aaa | bbb".into(),
        }));
    }
    all
}

/// Which kind a finding is: the compiler asks for a new kind here, and the walk below then
/// fails until [`every_finding`] holds one.
fn finding_kind(f: &super::findings::Finding) -> usize {
    use super::findings::Finding::*;
    match f {
        NotUtf8 => 0,
        Syntax(_) => 1,
        DuplicateKey(_) => 2,
        MissingSchema => 3,
        SchemaNewer(_) => 4,
        SchemaBad => 5,
        MissingName => 6,
        EmptyName => 7,
        BadKind => 8,
        BadSince => 9,
        BadTags => 10,
        BadCadence => 11,
        UnknownKind { .. } => 12,
        UnknownField { .. } => 13,
        NotLoaded { .. } => 14,
        DuplicatePromise { .. } => 15,
        NoSuchPromise { .. } => 16,
        ResolvedTwice { .. } => 17,
        SharedPromise { .. } => 18,
        NulTail { .. } => 19,
        CutShort { .. } => 20,
        BadFileName => 21,
        GitDamage(_) => 22,
        Said(_) => 23,
        Marker { .. } => 24,
        HeaderConflict { .. } => 25,
        PersonAgain { .. } => 26,
        PersonNotAdded { .. } => 27,
        WithNobody { .. } => 28,
        Record(_) => 29,
    }
}
/// Every kind but `Said`, which carries English words on purpose (tested apart).
const FINDING_KINDS: usize = 29;

/// Words an English finding shares with its Italian and German on purpose: the file's own
/// keys and record tables, commands, git's and the system's names.
const FINDING_SHARED: &[&str] = &[
    "coltiva",
    "TOML",
    "schema",
    "name",
    "kind",
    "since",
    "tags",
    "cadence",
    "lombardia",
    "external",
    "internal",
    "interaction",
    "order",
    "promise",
    "resolution",
    "phase",
    "person",
    "summary",
    "repair",
    "edit",
    "import",
    "toml",
    "customers",
    "fsck",
    "full",
    "remote",
    "repository",
    "commit",
    "merge",
    "crash",
    "file",
    "byte",
    "acme",
    "UTF",
    "YYYY",
    "clone",
    "init",
    "checkout",
    "FILE",
    "event",
    "changed",
    "added",
    "with",
    "NAME",
    "left",
    "driver",
    "mail",
    "HEAD",
    "branch",
    "renegotiated",
    "kept",
    "status",
    "paola",
];

/// Every problem and note `check` names, in every language: worded, never empty, and in
/// Italian and German with no English word left in it (but for the facts it carries and the
/// words above); what is said in English on purpose (`Said`) stays as it is everywhere.
#[test]
fn every_check_finding_is_worded_in_every_language() {
    use super::findings::{Finding, Note};
    let all = every_finding();
    let kinds: std::collections::BTreeSet<usize> = all.iter().map(finding_kind).collect();
    assert_eq!(
        kinds.len(),
        FINDING_KINDS,
        "every kind of finding is walked"
    );
    let en = catalogue(Language::En);
    let path = std::path::PathBuf::from("customers/acme.toml.tmp-42");
    let notes = [
        Note::Rejected(path.clone()),
        Note::Writing {
            path: path.clone(),
            pid: 42,
        },
        Note::Leftover(path.clone()),
        Note::NotCustomer(path),
    ];
    let said: Vec<(String, String, String)> = all
        .iter()
        .map(|f| (en.finding(f), f.to_string(), format!("{f:?}")))
        .chain(
            notes
                .iter()
                .map(|n| (en.check_note(n), n.to_string(), format!("{n:?}"))),
        )
        .collect();
    let theirs = |language: Language| -> Vec<String> {
        let words = catalogue(language);
        all.iter()
            .map(|f| words.finding(f))
            .chain(notes.iter().map(|n| words.check_note(n)))
            .collect()
    };
    for &language in &[Language::It, Language::De] {
        for ((english, display, facts), text) in said.iter().zip(theirs(language)) {
            assert_eq!(english, display, "English is the finding's Display");
            assert!(!text.trim().is_empty(), "{language:?} {facts}");
            assert_ne!(&text, english, "{language:?} {facts} is English");
            let left = english_left(english, &text, facts, FINDING_SHARED, true);
            assert!(left.is_empty(), "{language:?}: English {left:?} in {text}");
        }
        let kept = Finding::Said("a layout problem".into());
        assert_eq!(catalogue(language).finding(&kept), "a layout problem");
    }
}

/// A refused word of the command line in every language: what it names and the words of that
/// language, with no English word of the sentence left in Italian or German.
#[test]
fn an_unknown_word_is_worded_in_every_language() {
    use crate::i18n::WordKind;
    for what in [
        WordKind::Kind,
        WordKind::Channel,
        WordKind::Party,
        WordKind::Phase,
    ] {
        let english = catalogue(Language::En).unknown_word(what, "boh", &["a", "b"]);
        assert!(english.starts_with("unknown "), "{english}");
        assert!(english.ends_with("\"boh\" (expected a | b)"), "{english}");
        for language in [Language::It, Language::De] {
            let text = catalogue(language).unknown_word(what, "boh", &["a", "b"]);
            for word in ["unknown", "expected", "kind", "channel", "party", "phase"] {
                let left = text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word);
                assert!(!left, "{language:?}: English {word:?} in {text}");
            }
            assert!(text.contains("\"boh\"") && text.contains("a | b"), "{text}");
        }
    }
}
