//! The words views write themselves, in an Italian journal (PRODUCT.md §8.4): `show`'s facts
//! and records, the agenda, the outlook, promise tables and the HTML pages' charts and footer.
//! The bundled example journal reads Italian; the same journal switched to `language = "en"`
//! must read exactly as English did, and JSON and CSV must not change with the language.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, coltiva, copy_example};

/// Two copies of the example journal: as bundled (Italian) and with `language = "en"` (the
/// rest of its `[locale]` unchanged: decimal comma, euro).
struct Pair {
    _tmp: tempfile::TempDir,
    it: PathBuf,
    en: PathBuf,
}

fn pair() -> Pair {
    let tmp = tempfile::tempdir().unwrap();
    let it = tmp.path().join("it");
    let en = tmp.path().join("en");
    copy_example(&it);
    copy_example(&en);
    let settings = en.join("coltiva.toml");
    let text = fs::read_to_string(&settings).unwrap();
    assert!(text.contains("language = \"it\""));
    fs::write(
        &settings,
        text.replace("language = \"it\"", "language = \"en\""),
    )
    .unwrap();
    Pair { _tmp: tmp, it, en }
}

fn out(dir: &Path, args: &[&str]) -> String {
    // `common::coltiva` pins --today to common::TODAY.
    let run = Run::of(coltiva(dir).args(args));
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

#[track_caller]
fn has_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} missing from:\n{text}");
    }
}

#[track_caller]
fn has_none(text: &str, unwanted: &[&str]) {
    for w in unwanted {
        assert!(!text.contains(w), "{w:?} still in:\n{text}");
    }
}

#[test]
fn show_reads_italian_facts_and_records() {
    let p = pair();
    for format in ["table", "markdown"] {
        let it = out(&p.it, &["show", "caldaie-pedretti", "--format", format]);
        has_all(
            &it,
            &[
                "acquisito dal 21/09/2026",
                "il primo ordine, del 07/10/2024, è di più di 90 giorni fa e l'ultimo, del 09/11/2026, entro 365 giorni",
                "5 per un totale di 10.600,00 € (il primo 07/10/2024, l'ultimo 09/11/2026)",
                "18/11/2026 (5 giorni fa)",
                "ogni 30 giorni (predefinita); in tempo",
                "9 giorni con contatti; intervallo medio 99,1 giorni, il più lungo 455",
                "100% (1 mantenuta, 0 tardive, 0 mancate, 0 scadute; 0 aperte, 0 annullate)",
                "telefonata in entrata",
                "promessa loro",
                "riconquistato",
                "] nuova scadenza 30/11/2026: Davide chiede due settimane",
                "2.650,00 € (FT-2026-207): primo ordine dopo 18 mesi",
            ],
        );
        has_none(
            &it,
            &[
                " since 2026",
                "totalling",
                " ago)",
                "every 30",
                "on time",
                "with contact",
                " kept,",
                "call in",
                "promise by",
                "new due",
                // Phases, kinds and rules in Italian too; dates as Italians write them.
                "acquired",
                "external",
                "2026-11-18",
            ],
        );
    }
    // The same journal in English reads as English always did.
    let en = out(&p.en, &["show", "caldaie-pedretti"]);
    has_all(
        &en,
        &[
            "acquired since 2026-09-21",
            "first order 2024-10-07 is more than 90 days ago and the last, 2026-11-09, within 365 days",
            "5 totalling 10.600,00 € (first 2024-10-07, last 2026-11-09)",
            "2026-11-18 (5 days ago)",
            "every 30 days (default); on time",
            // The journal's decimal mark is still the comma.
            "9 days with contact; mean gap 99,1 days, longest 455",
            "100% (1 kept, 0 late, 0 broken, 0 overdue; 0 open, 0 cancelled)",
            "call in",
            "promise by them",
            "[k5kdzv] new due 2026-11-30: Davide",
        ],
    );
}

#[test]
fn the_agenda_reads_italian() {
    let p = pair();
    let it = out(&p.it, &["agenda"]);
    has_all(
        &it,
        &[
            // Short enough for a to-do list in 80 columns.
            "190 giorni fa",
            "contattare",
            "ultimo contatto 16/02/2026, ogni 90 giorni",
            "mantenere",
            "sollecitare",
            "tra 2 giorni",
        ],
    );
    has_none(
        &it,
        &[
            "days overdue",
            "in ritardo di",
            "in 2 days",
            "last contact",
            " keep ",
            " chase ",
        ],
    );
    let en = out(&p.en, &["agenda"]);
    has_all(
        &en,
        &[
            "190 days overdue",
            "last contact 2026-02-16, every 90 days",
            "in 2 days",
            " keep ",
            " chase ",
        ],
    );
}

#[test]
fn promise_tables_and_the_outlook_read_italian() {
    let p = pair();
    let it = out(&p.it, &["promises"]);
    has_all(
        &it,
        &[" noi ", " loro ", " scaduta ", " mantenuta ", " tardiva "],
    );
    has_none(&it, &[" us ", " them ", " overdue ", " kept "]);
    let outlook = out(&p.it, &["outlook"]);
    has_all(
        &outlook,
        &[
            "Previsione al 23/11/2026",
            "Clienti con un acquisto: i prossimi 90 giorni",
            "riacquisti",
            "primo→ultimo",
            "giorni tra acquisti",
        ],
    );
    has_none(
        &outlook,
        &["Customers with a purchase", "days between", "Outlook as of"],
    );
    let en = out(&p.en, &["outlook"]);
    has_all(
        &en,
        &[
            "Outlook as of 2026-11-23",
            "Customers with a purchase: the next 90 days",
            "days between",
        ],
    );
}

#[test]
fn html_pages_have_italian_captions_legends_and_footer() {
    let p = pair();
    let report = out(&p.it, &["report", "--format", "html"]);
    has_all(
        &report,
        &[
            "<html lang=\"it\"",
            "Mantenute ÷ (mantenute + tardive + mancate + scadute) tra le promesse dei clienti esterni",
            "Giorni dall'ultimo contatto",
            "Scritto da coltiva.",
            "noi nov 26: 67% (2 mantenute su 3)",
            "riconquistati",
        ],
    );
    has_none(
        &report,
        &[
            "Kept ÷",
            " di the ",
            "of the external",
            "Written by coltiva",
            " of 3 kept",
            "won back",
        ],
    );
    let page = out(&p.it, &["show", "caldaie-pedretti", "--format", "html"]);
    has_all(
        &page,
        &[
            "L'ultimo anno: dal 24/11/2025 al 23/11/2026",
            "Le fasi in alto",
            "promesse nostre",
            "mantenuta",
            "Scritto da coltiva.",
            // The word over the phase bands.
            "\">fase</text>",
        ],
    );
    has_none(
        &page,
        &[
            "The last year",
            "Phase bands on top",
            "Written by coltiva",
            "\">phase</text>",
        ],
    );
    let en_page = out(&p.en, &["show", "caldaie-pedretti", "--format", "html"]);
    has_all(
        &en_page,
        &["The last year: 2025-11-24 to 2026-11-23", "\">phase</text>"],
    );
    // English pages read as before.
    let en = out(&p.en, &["report", "--format", "html"]);
    has_all(
        &en,
        &[
            "<html lang=\"en\"",
            "Kept ÷ (kept + late + broken + overdue) of the external customers' promises",
            "Written by coltiva.",
            "us Nov 26: 67% (2 of 3 kept)",
        ],
    );
}

#[test]
fn machines_see_no_language() {
    let p = pair();
    for args in [
        &["show", "caldaie-pedretti", "--format", "json"][..],
        &["show", "caldaie-pedretti", "--format", "csv"],
        &["report", "--format", "json"],
        &["report", "--format", "csv"],
        &["agenda", "--format", "json"],
        &["agenda", "--format", "csv"],
        &["agenda", "--format", "ics"],
        &["outlook", "--format", "json"],
        &["outlook", "--format", "csv"],
        &["promises", "--format", "json"],
        &["promises", "--format", "csv"],
        &["list", "--format", "csv"],
    ] {
        let it = out(&p.it, args);
        let en = out(&p.en, args);
        if args[0] == "agenda" && args[2] == "ics" {
            // The calendar stamps the moment it was written: compare without DTSTAMP.
            let strip = |t: &str| {
                t.lines()
                    .filter(|l| !l.starts_with("DTSTAMP"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(strip(&it), strip(&en), "{args:?}");
        } else {
            assert_eq!(it, en, "{args:?}");
        }
        assert!(!it.is_empty(), "{args:?}");
    }
}
