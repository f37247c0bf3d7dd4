//! Every language on every page: the example journal read in Italian and in German, every
//! command's table, markdown and HTML, and the confirmations of every record command on
//! stderr, hold no word of the English catalogue (PRODUCT.md §9.3); and snapshots of the
//! example journal in both (tests/e2e/snapshots/lang_*.snap).
//!
//! To update the snapshots after an intended change:
//! `INSTA_UPDATE=always cargo test --test e2e languages::`, then review them.

use crate::common;

use std::path::{Path, PathBuf};

use coltiva::i18n::{Label, Language, Noun, catalogue};
use coltiva::metrics::phase::{PhaseRule, ShownPhase};
use coltiva::metrics::promises::PromiseStatus;
use coltiva::model::{Channel, Kind, Phase};
use common::Run;

/// The example journal, copied, read in `language`.
fn journal_in(language: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("journal");
    common::copy_example(&root);
    let settings = root.join("coltiva.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    assert!(text.contains("language = \"it\""), "{text}");
    std::fs::write(
        &settings,
        text.replace("language = \"it\"", &format!("language = \"{language}\"")),
    )
    .unwrap();
    (tmp, root)
}

fn run(root: &Path, args: &[&str]) -> Run {
    Run::of(common::coltiva(root).args(args))
}

/// The reading commands, each on the example journal.
const PAGES: &[&[&str]] = &[
    &["list"],
    &["promises"],
    &["promises", "--open"],
    &["report"],
    &["report", "--since", "2026-01-01"],
    &["report", "--by", "tag"],
    &["report", "--by", "territory"],
    &["show", "caldaie-pedretti"],
    &["show", "keller-armaturen", "--all"],
    &["show", "marco-bellini"],
    &["agenda"],
    &["outlook"],
];

/// Words of the English catalogue that are also words of Italian or German, or the same in
/// every language on purpose (ids, loan words, symbols): a page may hold them.
/// ("due" is Italian for two: "chiede due settimane".)
const SHARED: &[&str] = &[
    "id", "email", "partner", "Agenda", "P(alive)", "file", "due",
];

/// Every entry of the English catalogue a page could show, as text: labels, counted nouns,
/// and the words of phases, kinds, channels, statuses and rules.
fn english_entries() -> Vec<&'static str> {
    let en = catalogue(Language::En);
    let mut words: Vec<&'static str> = Label::ALL.iter().map(|&l| en.label(l)).collect();
    for &noun in Noun::ALL {
        words.push(en.noun(noun, true));
        words.push(en.noun(noun, false));
    }
    for &p in Phase::ALL {
        words.push(en.phase(ShownPhase::Lifecycle(p)));
    }
    for &k in Kind::ALL {
        words.push(en.kind(k));
    }
    for &c in Channel::ALL {
        words.push(en.channel(c));
    }
    for &s in PromiseStatus::ALL {
        words.push(en.status(s, false));
    }
    for rule in [
        PhaseRule::Pinned,
        PhaseRule::NoOrder,
        PhaseRule::Lost,
        PhaseRule::New,
        PhaseRule::Acquired,
        PhaseRule::Internal,
    ] {
        words.push(en.rule(rule));
    }
    words.retain(|w| !SHARED.contains(w));
    words.sort_unstable();
    words.dedup();
    words
}

/// Phrases of the English sentences (titles, facts, captions) that no Italian or German page
/// may hold.
const ENGLISH_PHRASES: &[&str] = &[
    " as of ",
    "Weekly review",
    " totalling ",
    " days ago",
    " day ago",
    "every ",
    "on time",
    "with contact",
    "promise by",
    "new due",
    " overdue",
    "Due by",
    "last contact",
    "no contact yet",
    "Records (",
    "Last ",
    "rhythm (",
    "The last year",
    "Written by coltiva",
    "too little purchase history",
    "no model",
    "late on average",
    " kept",
    " in the period",
    " won back",
    "Unreadable files",
    "By tag",
    "By territory",
];

/// The text people read on a page: for HTML, what is between the tags (attributes such as
/// `data-lane="contacts"` are for machines), without the style sheet.
fn readable(format: &str, page: &str) -> String {
    if format != "html" {
        return page.to_string();
    }
    let body = page.split("</style>").nth(1).unwrap_or(page);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&").replace("&#39;", "'")
}

/// `entry` as a whole word (or phrase) of `text`: not inside a longer word.
fn holds(text: &str, entry: &str) -> bool {
    text.match_indices(entry).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + entry.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })
}

fn english_left_in(text: &str) -> Vec<String> {
    // A command's name is typed as it is in every language.
    let text = &text.replace("coltiva outlook", "coltiva");
    let mut found: Vec<String> = english_entries()
        .into_iter()
        .filter(|e| holds(text, e))
        .map(str::to_string)
        .collect();
    found.extend(
        ENGLISH_PHRASES
            .iter()
            .filter(|p| text.contains(**p))
            .map(|p| p.to_string()),
    );
    found
}

#[test]
fn no_english_is_left_on_an_italian_or_german_page() {
    // The check itself finds English: the English journal's pages are full of it.
    let (_en_tmp, en) = journal_in("en");
    let english = run(&en, &["report", "--format", "markdown"]).ok();
    assert!(
        english_left_in(&english.stdout).len() > 10,
        "{:?}",
        english_left_in(&english.stdout)
    );
    for language in ["it", "de"] {
        let (_tmp, root) = journal_in(language);
        for page in PAGES {
            for format in ["table", "markdown", "html"] {
                // The agenda's other format is a calendar (ICS), which stays as it is.
                if page[0] == "agenda" && format == "html" {
                    continue;
                }
                let mut args = page.to_vec();
                args.extend(["--format", format]);
                let out = run(&root, &args).ok();
                let text = readable(format, &out.stdout);
                let left = english_left_in(&text);
                assert!(
                    left.is_empty(),
                    "{language} {args:?}: English left: {left:?}\n{text}"
                );
                let left = english_left_in(&out.stderr);
                assert!(
                    left.is_empty(),
                    "{language} {args:?} stderr: {left:?}\n{}",
                    out.stderr
                );
            }
        }
    }
}

/// The confirmations of the record commands, on stderr, in the journal's language.
#[test]
fn confirmations_read_in_the_journals_language() {
    // A language, the commands run in it, and what each says on stderr.
    type Case<'a> = (&'a str, &'a [&'a [&'a str]], &'a [&'a str]);
    let cases: &[Case] = &[
        (
            "it",
            &[
                &[
                    "log",
                    "caldaie-pedretti",
                    "Sentito Davide",
                    "--channel",
                    "visita",
                ],
                &[
                    "order",
                    "caldaie-pedretti",
                    "1.250,40",
                    "--at",
                    "20/11/2026",
                ],
                &[
                    "promise",
                    "caldaie-pedretti",
                    "Mandare il listino",
                    "--due",
                    "dopodomani",
                ],
                &["keep", "k5kdzv"],
                &["phase", "caldaie-pedretti", "partner"],
                &["set", "caldaie-pedretti", "territory=Brescia"],
                &["set", "caldaie-pedretti", "territory=Brescia"],
            ],
            &[
                "registrata visita con Caldaie Pedretti S.a.s. (caldaie-pedretti) il 23/11/2026",
                "registrato un ordine di 1.250,40 € da Caldaie Pedretti S.a.s. (caldaie-pedretti) il 20/11/2026",
                "(nostra) con Caldaie Pedretti S.a.s. (caldaie-pedretti), scadenza 25/11/2026",
                "promessa caldaie-pedretti/k5kdzv (Caldaie Pedretti S.a.s.) mantenuta il 23/11/2026",
                "Caldaie Pedretti S.a.s. (caldaie-pedretti) fissato come partner dal 23/11/2026",
                "aggiornata l'intestazione di Caldaie Pedretti S.a.s. (caldaie-pedretti): territory=Brescia",
                "Caldaie Pedretti S.a.s. (caldaie-pedretti) dice già così; niente è cambiato",
            ],
        ),
        (
            "de",
            &[
                &["log", "caldaie-pedretti", "Davide angerufen"],
                &[
                    "order",
                    "caldaie-pedretti",
                    "1.250,40",
                    "--at",
                    "20.11.2026",
                ],
                &[
                    "promise",
                    "caldaie-pedretti",
                    "Preisliste senden",
                    "--due",
                    "übermorgen",
                    "--by",
                    "them",
                ],
                &["break", "k5kdzv"],
                &["phase", "caldaie-pedretti", "auto"],
                &["set", "caldaie-pedretti", "territory=Bozen"],
            ],
            &[
                "Anruf mit Caldaie Pedretti S.a.s. (caldaie-pedretti) am 23.11.2026 eingetragen",
                "Auftrag über 1.250,40 € von Caldaie Pedretti S.a.s. (caldaie-pedretti) am 20.11.2026 eingetragen",
                "(ihre) mit Caldaie Pedretti S.a.s. (caldaie-pedretti), fällig 25.11.2026",
                "Zusage caldaie-pedretti/k5kdzv (Caldaie Pedretti S.a.s.) am 23.11.2026 gebrochen",
                "Caldaie Pedretti S.a.s. (caldaie-pedretti) kehrt ab 23.11.2026 zur berechneten Phase zurück",
                "Kopf von Caldaie Pedretti S.a.s. (caldaie-pedretti) geändert: territory=Bozen",
            ],
        ),
    ];
    for (language, commands, said) in cases {
        let (_tmp, root) = journal_in(language);
        for (args, want) in commands.iter().zip(*said) {
            let out = run(&root, args).ok();
            assert!(
                out.stderr.contains(want),
                "{language} {args:?}: {want:?} missing from:\n{}",
                out.stderr
            );
            let left = english_left_in(&out.stderr);
            assert!(left.is_empty(), "{language} {args:?}: {left:?}");
        }
    }
}

/// `init --locale de`: amounts as 1.234,56 €, dates written and read as 20.11.2026.
#[test]
fn init_locale_de_reads_and_writes_german() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("j");
    run(&root, &["init", root.to_str().unwrap(), "--locale", "de"]).ok();
    let settings = std::fs::read_to_string(root.join("coltiva.toml")).unwrap();
    assert!(
        settings.contains(
            "decimal = \",\"\ndate_order = \"dmy\"\ncurrency = \"EUR\"\nlanguage = \"de\"\n"
        ),
        "{settings}"
    );
    run(&root, &["add", "Müller Haustechnik GmbH"]).ok();
    let order = run(
        &root,
        &["order", "muller", "1.234,56", "--at", "20.11.2026"],
    )
    .ok();
    assert!(
        order
            .stderr
            .contains("Auftrag über 1.234,56 € von Müller Haustechnik GmbH"),
        "{}",
        order.stderr
    );
    assert!(
        order.stderr.contains("am 20.11.2026 eingetragen"),
        "{}",
        order.stderr
    );
    let list = run(&root, &["list"]).ok();
    assert!(list.stdout.contains("1.234,56 €"), "{}", list.stdout);
    assert!(
        list.stdout.contains("Kunden, Stand 23.11.2026"),
        "{}",
        list.stdout
    );
    // JSON stays as it was: plain numbers, ISO dates, English keys.
    let json = run(&root, &["list", "--format", "json"]).ok();
    assert!(
        json.stdout.contains("\"order_total\": 1234.56,"),
        "{}",
        json.stdout
    );
    assert!(
        json.stdout.contains("\"last_order\": \"2026-11-20\""),
        "{}",
        json.stdout
    );
    // A date the journal cannot read is refused in German, naming the German forms.
    let refused = run(&root, &["order", "muller", "5", "--at", "irgendwann"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains(
            "--at: ungültiges Datum \"irgendwann\": verwenden Sie 20.11.2026, 20/11/2026, JJJJ-MM-TT"
        ),
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stderr
            .contains("heute, gestern, morgen, übermorgen"),
        "{}",
        refused.stderr
    );
}

/// Snapshots of the example journal in Italian and German.
#[test]
fn the_example_journal_in_italian_and_german() {
    for language in ["it", "de"] {
        let (_tmp, root) = journal_in(language);
        for (name, args) in [
            ("report_markdown", &["report", "--format", "markdown"][..]),
            ("list_table", &["list"]),
            ("promises_markdown", &["promises", "--format", "markdown"]),
            ("show_table", &["show", "caldaie-pedretti"]),
            ("agenda_table", &["agenda"]),
            ("outlook_table", &["outlook"]),
            (
                "groups_markdown",
                &["report", "--by", "tag", "--format", "markdown"],
            ),
        ] {
            let out = run(&root, args).ok();
            let mut settings = insta::Settings::clone_current();
            settings.set_prepend_module_to_snapshot(false);
            settings.set_omit_expression(true);
            settings.set_description(format!(
                "example journal in {language}: coltiva --today 2026-11-23 {}",
                args.join(" ")
            ));
            settings.bind(|| {
                insta::assert_snapshot!(format!("lang_{language}_{name}"), out.stdout);
            });
        }
    }
}

/// The defects an Italian agent met, each as it reads now: a user's own attribute keys and a
/// customer's name are never translated; `report --by tag` reads Italian; the weekly chart's
/// weeks read as Italians write days; the outlook says in Italian why it has no model.
#[test]
fn what_an_italian_agent_met_reads_right() {
    let (_tmp, root) = journal_in("it");
    run(&root, &["add", "Rossi — Last of customers as of May"]).ok();
    run(&root, &["set", "rossi", "to=Milano", "status=gold"]).ok();
    let show = run(&root, &["show", "rossi"]).ok();
    for want in [
        "Rossi — Last of customers as of May — al 23/11/2026",
        "to:",
        "Milano",
        "status:",
        "gold",
    ] {
        assert!(
            show.stdout.contains(want),
            "{want:?} missing:\n{}",
            show.stdout
        );
    }
    for unwanted in ["Ultime di clienti", "stato:", "a: Milano", "al May"] {
        assert!(
            !show.stdout.contains(unwanted),
            "{unwanted:?} in:\n{}",
            show.stdout
        );
    }

    let by_tag = run(&root, &["report", "--by", "tag", "--format", "markdown"]).ok();
    for want in [
        "## Per etichetta",
        "totale ordini",
        "mantenute (noi)",
        "fuori cadenza",
    ] {
        assert!(
            by_tag.stdout.contains(want),
            "{want:?} missing:\n{}",
            by_tag.stdout
        );
    }

    // Week labels (each week by its last day): 23 November as 23/11, never month first as
    // 11-23 (an Italian reads 12-06 as 12 June).
    let html = run(&root, &["report", "--format", "html"]).ok();
    assert!(html.stdout.contains(">23/11</text>"), "{}", html.stdout);
    assert!(!html.stdout.contains(">11-23<"), "{}", html.stdout);

    let outlook = run(&root, &["outlook"]).ok();
    assert!(
        outlook
            .stdout
            .contains("storia di acquisti troppo breve per stimare il modello"),
        "{}",
        outlook.stdout
    );
    // JSON and CSV say it for machines, and stderr in the journal's language.
    let csv = run(&root, &["outlook", "--format", "csv"]).ok();
    assert!(
        csv.stderr.contains("storia di acquisti troppo breve"),
        "{}",
        csv.stderr
    );
    assert!(
        csv.stdout.contains("too little purchase history"),
        "{}",
        csv.stdout
    );
}
