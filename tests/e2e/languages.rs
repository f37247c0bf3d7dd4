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

/// A refusal in the journal's language: `args` exits with `code`, says `want` on stderr and
/// leaves every file of the example journal as it was.
#[track_caller]
fn refused_in(language: &str, args: &[&str], code: i32, want: &str) {
    let (_tmp, root) = journal_in(language);
    let before = common::files(&root);
    let out = run(&root, args);
    assert_eq!(out.code, code, "{language} {args:?}:\n{}", out.stderr);
    assert!(
        out.stderr.contains(want),
        "{language} {args:?}: {want:?} missing from:\n{}",
        out.stderr
    );
    assert_eq!(
        common::files(&root),
        before,
        "{language} {args:?} changed a file"
    );
}

#[test]
fn a_reference_that_names_nothing_or_too_much_is_refused_in_the_journals_language() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "it",
            &["log", "nessuno", "x"],
            "coltiva: il cliente \"nessuno\" è sconosciuto\n",
        ),
        (
            "it",
            &["show", "caldaie-pedreti"],
            "il cliente \"caldaie-pedreti\" è sconosciuto; forse cercavi: caldaie-pedretti (Caldaie Pedretti S.a.s.)",
        ),
        (
            "it",
            &["log", "i", "x"],
            "il cliente \"i\" è ambiguo; può essere: idrotermica-rossi",
        ),
        (
            "it",
            &["keep", "zzzzzz"],
            "la promessa \"zzzzzz\" è sconosciuta",
        ),
        (
            "de",
            &["log", "niemand", "x"],
            "coltiva: unbekannter Kunde \"niemand\"\n",
        ),
        (
            "de",
            &["show", "caldaie-pedreti"],
            "unbekannter Kunde \"caldaie-pedreti\"; meinten Sie: caldaie-pedretti (Caldaie Pedretti S.a.s.)",
        ),
        (
            "de",
            &["log", "i", "x"],
            "Kunde \"i\" ist nicht eindeutig; passt auf: idrotermica-rossi",
        ),
        ("de", &["keep", "zzzzzz"], "unbekannte Zusage \"zzzzzz\""),
    ];
    for (language, args, want) in cases {
        refused_in(language, args, 2, want);
    }
}

#[test]
fn import_says_what_it_imported_in_the_journals_language() {
    let rows = "customer,type,at,amount\n\
                caldaie-pedretti,order,2026-11-20,100\n\
                caldaie-pedretti,order,2026-11-21,200\n";
    let more = format!("{rows}caldaie-pedretti,order,2026-11-22,300\n");
    let cases = [
        (
            "it",
            "importate 2 registrazioni (2 ordini) per 1 cliente (0 nuovi) da ",
            "importata 1 registrazione (1 ordine) per 1 cliente (0 nuovi) da ",
            "; 2 righe erano già nel giornale\n",
        ),
        (
            "de",
            "2 Einträge (2 Aufträge) für 1 Kunde (0 neu) aus ",
            "1 Eintrag (1 Auftrag) für 1 Kunde (0 neu) aus ",
            " importiert; 2 Zeilen waren schon im Journal\n",
        ),
    ];
    for (language, first, second, already) in cases {
        let (tmp, root) = journal_in(language);
        let file = tmp.path().join("ordini.csv");
        std::fs::write(&file, rows).unwrap();
        let out = run(&root, &["import", file.to_str().unwrap()]).ok();
        assert!(out.stderr.contains(first), "{language}: {}", out.stderr);
        std::fs::write(&file, &more).unwrap();
        let out = run(&root, &["import", file.to_str().unwrap()]).ok();
        assert!(out.stderr.contains(second), "{language}: {}", out.stderr);
        assert!(out.stderr.contains(already), "{language}: {}", out.stderr);
        let left = english_left_in(&out.stderr);
        assert!(left.is_empty(), "{language}: {left:?}");
    }
}

/// The example journal in `language` as a git repository with autocommit on.
fn journal_in_git(language: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, root) = journal_in(language);
    let config = common::gitconfig(tmp.path());
    common::enable_autocommit(&root);
    common::git(&root, &config, &["init", "--quiet"]);
    common::git(&root, &config, &["add", "."]);
    common::git(&root, &config, &["commit", "--quiet", "-m", "start"]);
    (tmp, root, config)
}

#[test]
fn autocommit_warns_in_the_journals_language() {
    let cases = [
        (
            "it",
            "coltiva: attenzione: la modifica è salvata, ma il commit non è riuscito: ",
            "coltiva: nota: commit fatto su una HEAD staccata",
        ),
        (
            "de",
            "coltiva: Warnung: die Änderung ist gespeichert, aber der Commit ist nicht gelungen: ",
            "coltiva: Hinweis: auf einem losgelösten HEAD committet",
        ),
    ];
    for (language, failed, detached) in cases {
        let (_tmp, root, config) = journal_in_git(language);
        let logged = |text: &str| {
            let mut cmd = common::coltiva(&root);
            common::with_git(&mut cmd, &config);
            Run::of(cmd.args(["log", "caldaie-pedretti", text])).ok()
        };
        // A hook that refuses every commit: the record is saved, the commit is not.
        let hook = root.join(".git/hooks/pre-commit");
        std::fs::write(&hook, "#!/bin/sh\nexit 1\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let out = logged("Hook");
        assert!(out.stderr.contains(failed), "{language}: {}", out.stderr);
        std::fs::remove_file(&hook).unwrap();
        common::git(&root, &config, &["checkout", "--quiet", "--detach"]);
        let out = logged("Staccata");
        assert!(out.stderr.contains(detached), "{language}: {}", out.stderr);
        let left = english_left_in(&out.stderr);
        assert!(left.is_empty(), "{language}: {left:?}");
    }
}

#[test]
fn forget_and_repair_speak_the_journals_language() {
    refused_in(
        "it",
        &["forget", "caldaie-pedretti"],
        2,
        "coltiva: forget cancella Caldaie Pedretti S.a.s. (caldaie-pedretti) per sempre; senza un terminale su cui confermare, aggiungi --yes\n",
    );
    refused_in(
        "de",
        &["forget", "caldaie-pedretti"],
        2,
        "coltiva: forget löscht Caldaie Pedretti S.a.s. (caldaie-pedretti) endgültig; ohne Terminal zum Bestätigen --yes angeben\n",
    );
    let cases = [
        (
            "it",
            "eliminati Caldaie Pedretti S.a.s. (caldaie-pedretti) e tutte le sue registrazioni\n",
            "keller-armaturen: il file si legge; niente da riparare\n",
            "riparato marco-bellini: spostati 16 byte (1 registrazione dalla riga ",
            "\nil resto del file è intatto e si legge; ricopia dal file .rej quello che vuoi tenere\n",
        ),
        (
            "de",
            "Caldaie Pedretti S.a.s. (caldaie-pedretti) und alle Einträge gelöscht\n",
            "keller-armaturen: die Datei ist lesbar; nichts zu reparieren\n",
            "marco-bellini repariert: 16 Bytes (1 Eintrag ab Zeile ",
            "\nder Rest der Datei ist unberührt und lesbar; aus der .rej-Datei zurückkopieren, was bleiben soll\n",
        ),
    ];
    for (language, forgot, clean, moved, rest) in cases {
        let (_tmp, root) = journal_in(language);
        let out = run(&root, &["forget", "caldaie-pedretti", "--yes"]).ok();
        assert!(out.stderr.ends_with(forgot), "{language}: {}", out.stderr);
        assert!(!root.join("customers/caldaie-pedretti.toml").exists());
        let out = run(&root, &["repair", "keller-armaturen"]).ok();
        assert_eq!(out.stderr, clean, "{language}");
        // A torn tail: a record cut off in the middle.
        let file = root.join("customers/marco-bellini.toml");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("\n[[orders]]\nat =");
        std::fs::write(&file, text).unwrap();
        let out = run(&root, &["repair", "marco-bellini"]).ok();
        assert!(out.stderr.contains(moved), "{language}: {}", out.stderr);
        assert!(out.stderr.ends_with(rest), "{language}: {}", out.stderr);
    }
}

#[test]
fn rename_speaks_the_journals_language() {
    refused_in(
        "it",
        &["rename", "caldaie-pedretti", "caldaie-pedretti"],
        2,
        "coltiva: caldaie-pedretti è già l'id di quel cliente; niente è cambiato\n",
    );
    refused_in(
        "de",
        &["rename", "caldaie-pedretti", "caldaie-pedretti"],
        2,
        "coltiva: caldaie-pedretti ist schon die ID dieses Kunden; nichts geändert\n",
    );
    let cases = [
        (
            "it",
            "nuovo id per Caldaie Pedretti S.a.s.: caldaie-pedretti ora è pedretti (",
            "); registrazioni, promesse e uid restano come erano\n",
        ),
        (
            "de",
            "neue ID für Caldaie Pedretti S.a.s.: aus caldaie-pedretti wird pedretti (",
            "); Einträge, Zusagen und uid bleiben, wie sie waren\n",
        ),
    ];
    for (language, start, end) in cases {
        let (_tmp, root) = journal_in(language);
        let out = run(&root, &["rename", "caldaie-pedretti", "pedretti"]).ok();
        assert!(out.stderr.starts_with(start), "{language}: {}", out.stderr);
        assert!(out.stderr.ends_with(end), "{language}: {}", out.stderr);
        assert!(root.join("customers/pedretti.toml").exists());
    }
}

#[test]
fn a_repeat_is_refused_in_the_journals_language() {
    let cases = [
        (
            "it",
            &[
                "order",
                "caldaie-pedretti",
                "1.250,40",
                "--at",
                "20/11/2026",
            ][..],
            "coltiva: Caldaie Pedretti S.a.s. (caldaie-pedretti) ha già lo stesso ordine in quel giorno (20/11/2026 ",
            "1.250,40 €",
            "); non è stato registrato niente. Registrarlo di nuovo lo conterebbe due volte: se è voluto, aggiungi --again\n",
        ),
        (
            "it",
            &[
                "promise",
                "caldaie-pedretti",
                "Listino",
                "--due",
                "30/11/2026",
                "--at",
                "20/11/2026",
            ][..],
            "ha già la stessa promessa in quel giorno (20/11/2026 ",
            "Listino",
            "Registrarla di nuovo la conterebbe due volte: se è voluto, aggiungi --again\n",
        ),
        (
            "de",
            &[
                "order",
                "caldaie-pedretti",
                "1.250,40",
                "--at",
                "20.11.2026",
            ][..],
            "coltiva: Caldaie Pedretti S.a.s. (caldaie-pedretti) hat an diesem Tag schon denselben Auftrag (20.11.2026 ",
            "1.250,40 €",
            "); nichts eingetragen. Nochmals eingetragen würde ihn doppelt gezählt: wenn das gewollt ist, --again angeben\n",
        ),
        (
            "de",
            &["log", "caldaie-pedretti", "Angerufen", "--at", "20.11.2026"][..],
            "hat an diesem Tag schon denselben Kontakt (20.11.2026 ",
            "Angerufen",
            "Nochmals eingetragen würde ihn doppelt gezählt",
        ),
    ];
    for (language, args, start, amid, end) in cases {
        let (_tmp, root) = journal_in(language);
        run(&root, args).ok();
        let before = common::files(&root);
        let out = run(&root, args);
        assert_eq!(out.code, 2, "{language} {args:?}: {}", out.stderr);
        for want in [start, amid, end] {
            assert!(
                out.stderr.contains(want),
                "{language}: {want:?} in {}",
                out.stderr
            );
        }
        assert_eq!(common::files(&root), before, "{language} {args:?}");
        let left = english_left_in(&out.stderr);
        assert!(left.is_empty(), "{language}: {left:?}");
    }
}

#[test]
fn check_and_unreadable_files_are_summed_up_in_the_journals_language() {
    let cases = [
        (
            "it",
            "controllati 9 clienti e ",
            " registrazioni in ",
            ": nessun problema\n",
            "coltiva: 1 problema in 1 file (su ",
            "coltiva: 1 file cliente non si legge ed è escluso dal risultato\n",
        ),
        (
            "de",
            "9 Kunden und ",
            " Einträge in ",
            " geprüft: keine Probleme\n",
            "coltiva: 1 Problem in 1 Datei (von ",
            "coltiva: 1 Kundendatei ist nicht lesbar und fehlt in der Ausgabe\n",
        ),
    ];
    for (language, customers, records, fine, found, left_out) in cases {
        let (_tmp, root) = journal_in(language);
        let out = run(&root, &["check"]).ok();
        for want in [customers, records, fine] {
            assert!(
                out.stderr.contains(want),
                "{language}: {want:?} in {}",
                out.stderr
            );
        }
        let file = root.join("customers/marco-bellini.toml");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("\n[[orders]]\nat =");
        std::fs::write(&file, text).unwrap();
        let before = common::files(&root);
        let out = run(&root, &["check"]);
        assert_eq!(out.code, 1, "{language}: {}", out.stderr);
        assert!(out.stderr.contains(found), "{language}: {}", out.stderr);
        let out = run(&root, &["list"]);
        assert_eq!(out.code, 1, "{language}: {}", out.stderr);
        assert!(out.stderr.ends_with(left_out), "{language}: {}", out.stderr);
        assert_eq!(common::files(&root), before, "{language}");
    }
}

/// An editor that runs `body` on the file ($1), for `edit`.
#[cfg(unix)]
fn editor(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

// Unix: the editor is a shell script.
#[cfg(unix)]
#[test]
fn edit_speaks_the_journals_language() {
    let sep = std::path::MAIN_SEPARATOR;
    let file = format!("J{sep}customers{sep}keller-armaturen.toml");
    let cases = [
        (
            "it",
            format!("nessuna modifica; {file} è rimasto com'era\n"),
            format!("salvato {file}\n"),
            format!(
                "\nil file modificato non è stato salvato; {file} resta alla versione di prima (nessun terminale per chiedere se modificarlo di nuovo)\n"
            ),
        ),
        (
            "de",
            format!("keine Änderungen; {file} bleibt, wie sie war\n"),
            format!("{file} gespeichert\n"),
            format!(
                "\ndie bearbeitete Datei wurde nicht gespeichert; {file} behält die vorige Fassung (kein Terminal, um zu fragen, ob weiter bearbeitet werden soll)\n"
            ),
        ),
    ];
    for (language, unchanged, saved, refused) in cases {
        let (tmp, root) = journal_in(language);
        // The journal's own path as J.
        let edit = |script: &Path| {
            let mut out = Run::of(
                common::coltiva(&root)
                    .args(["edit", "keller-armaturen"])
                    .env("VISUAL", script)
                    .write_stdin(""),
            );
            out.stderr = out.stderr.replace(&root.display().to_string(), "J");
            out
        };
        let out = edit(&editor(tmp.path(), "same.sh", "true")).ok();
        assert!(
            out.stderr.ends_with(&unchanged),
            "{language}: {}",
            out.stderr
        );
        let out = edit(&editor(tmp.path(), "note.sh", "echo '# nota' >> \"$1\"")).ok();
        assert!(out.stderr.ends_with(&saved), "{language}: {}", out.stderr);
        let before = common::files(&root);
        let out = edit(&editor(
            tmp.path(),
            "torn.sh",
            "printf '[[orders]\\n' >> \"$1\"",
        ));
        assert_eq!(out.code, 1, "{language}: {}", out.stderr);
        assert!(out.stderr.ends_with(&refused), "{language}: {}", out.stderr);
        assert_eq!(common::files(&root), before, "{language}");
    }
}

#[test]
fn init_speaks_the_language_of_its_locale() {
    let cases = [
        (
            "it",
            "creato un giornale in ",
            "creato un repository git in ",
            "attivato autocommit in coltiva.toml: ogni scrittura viene registrata in git",
            " è già un giornale; le sue impostazioni non sono cambiate (per --locale it, aggiungi una tabella [locale] al suo coltiva.toml: vedi docs/FORMAT.md)\n",
        ),
        (
            "de",
            "Journal in ",
            "git-Repository in ",
            "autocommit in coltiva.toml eingeschaltet: jeder Schreibvorgang wird committet",
            " ist schon ein Journal; seine Einstellungen bleiben unverändert (für --locale de eine [locale]-Tabelle in seine coltiva.toml schreiben: siehe docs/FORMAT.md)\n",
        ),
    ];
    for (language, created, repository, autocommit, already) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let config = common::gitconfig(tmp.path());
        let dir = tmp.path().join("giornale");
        let init = || {
            let mut cmd = common::bare(tmp.path());
            common::with_git(&mut cmd, &config);
            cmd.args(["init", "--git", "--locale", language]).arg(&dir);
            Run::of(&mut cmd).ok()
        };
        let out = init();
        for want in [created, repository, autocommit] {
            assert!(
                out.stderr.contains(want),
                "{language}: {want:?} in {}",
                out.stderr
            );
        }
        let left = english_left_in(&out.stderr);
        assert!(left.is_empty(), "{language}: {left:?}");
        let before = common::files(&dir);
        let out = init();
        assert!(out.stderr.contains(already), "{language}: {}", out.stderr);
        assert_eq!(common::files(&dir), before, "{language}");
    }
}

/// German writes a no-break space before the percent sign ("50 %", DIN 5008); Italian and
/// English do not.
#[test]
fn german_percentages_have_a_space_before_the_sign() {
    for (language, want, not) in [("de", "50\u{a0}%", "50%"), ("it", "50%", "50\u{a0}%")] {
        let (_tmp, root) = journal_in(language);
        let out = run(&root, &["report", "--by", "tag"]).ok();
        assert!(out.stdout.contains(want), "{language}: {}", out.stdout);
        assert!(!out.stdout.contains(not), "{language}: {}", out.stdout);
    }
}

/// `log --channel <TAB>` in an Italian journal offers the Italian channel words beside the
/// stored ones, each with the channel it stands for.
#[test]
fn completion_offers_the_italian_channel_words() {
    let channels = |language: &str| {
        let (_tmp, root) = journal_in(language);
        let out = Run::of(
            common::bare(&root)
                .env("COMPLETE", "fish")
                .arg("--")
                .arg("coltiva")
                .arg("--dir")
                .arg(&root)
                .args(["log", "caldaie-pedretti", "x", "--channel", ""]),
        )
        .ok();
        out.stdout
    };
    let italian = channels("it");
    let lines: Vec<&str> = italian.lines().collect();
    for want in [
        "call",
        "visit",
        "telefonata\tcall",
        "visita\tvisit",
        "riunione\tmeeting",
        "nota\tnote",
    ] {
        assert!(lines.contains(&want), "{want:?} in {lines:?}");
    }
    // A German journal is offered the stored words only.
    let german = channels("de");
    assert!(german.lines().any(|l| l == "call"), "{german}");
    assert!(!german.contains("telefonata"), "{german}");
}

/// `undo` says what it takes back, and why it refuses, in the journal's language: the record
/// as its `show` words it; a refusal changes no file and exits 1.
#[test]
fn undo_speaks_the_journals_language() {
    let cases = [
        (
            "it",
            ["1.250,40", "--at", "20/11/2026"],
            "non c'è nulla da annullare: nessuna scrittura da questo computer",
            "annullerebbe l'ultima scrittura: la registrazione aggiunta a customers",
            "1.250,40 €",
            "annullata l'ultima scrittura: la registrazione aggiunta a customers",
            "coltiva: impossibile annullare la registrazione aggiunta a customers",
            "il file è cambiato dopo quella scrittura",
        ),
        (
            "de",
            ["1.250,40", "--at", "20.11.2026"],
            "nichts rückgängig zu machen: seit dem letzten undo",
            "würde rückgängig machen: der an customers",
            "1.250,40 €",
            "rückgängig gemacht: der an customers",
            "coltiva: kann nicht rückgängig machen: der an customers",
            "die Datei wurde nach diesem Schreibvorgang geändert",
        ),
    ];
    for (language, order, nothing, would, amount, done, refused, why) in cases {
        refused_in(language, &["undo"], 1, nothing);
        let (_tmp, root) = journal_in(language);
        let mut args = vec!["order", "caldaie-pedretti"];
        args.extend(order);
        run(&root, &args).ok();
        let dry = run(&root, &["undo", "--dry-run"]).ok();
        for want in [would, amount] {
            assert!(
                dry.stderr.contains(want),
                "{language}: {want:?} in {}",
                dry.stderr
            );
        }
        let undone = run(&root, &["undo"]).ok();
        for want in [done, amount] {
            assert!(
                undone.stderr.contains(want),
                "{language}: {want:?} in {}",
                undone.stderr
            );
        }
        // The file's path is a path, not a word.
        let left = english_left_in(&undone.stderr.replace("customers/caldaie-pedretti.toml", ""));
        assert!(left.is_empty(), "{language}: {left:?}");
        // Changed after the write: refused, every byte kept.
        run(&root, &args).ok();
        let file = root.join("customers").join("caldaie-pedretti.toml");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("# a note by hand\n");
        std::fs::write(&file, &text).unwrap();
        let before = common::files(&root);
        let out = run(&root, &["undo"]);
        assert_eq!(out.code, 1, "{language}: {}", out.stderr);
        for want in [refused, why, "coltiva show caldaie-pedretti"] {
            assert!(
                out.stderr.contains(want),
                "{language}: {want:?} in {}",
                out.stderr
            );
        }
        assert_eq!(
            common::files(&root),
            before,
            "{language}: a refused undo changed a file"
        );
    }
}

/// keep, break and renegotiate refuse in the journal's language, dates as it writes them,
/// exit 2, no file changed.
#[test]
fn keep_and_break_refuse_in_the_journals_language() {
    let cases = [
        (
            "it",
            ["20/11/2026", "21/11/2026", "19/11/2026", "18/11/2026"],
            "la promessa caldaie-pedretti/ID è già stata mantenuta il 21/11/2026; non è stato registrato niente",
            "--at 19/11/2026 è prima del giorno in cui è stata fatta la promessa ID (20/11/2026)",
            "--due 18/11/2026 è prima della rinegoziazione stessa (21/11/2026)",
        ),
        (
            "de",
            ["20.11.2026", "21.11.2026", "19.11.2026", "18.11.2026"],
            "die Zusage caldaie-pedretti/ID wurde schon am 21.11.2026 eingehalten; nichts eingetragen",
            "--at 19.11.2026 liegt vor dem Tag, an dem die Zusage ID gegeben wurde (20.11.2026)",
            "--due 18.11.2026 liegt vor der Neuvereinbarung selbst (21.11.2026)",
        ),
    ];
    for (language, [made, kept, before, due], already, too_early, due_early) in cases {
        let (_tmp, root) = journal_in(language);
        let promised = run(
            &root,
            &[
                "promise",
                "caldaie-pedretti",
                "Listino",
                "--due",
                kept,
                "--at",
                made,
            ],
        )
        .ok();
        let id = promised.stdout.trim().to_string();
        let other = run(
            &root,
            &[
                "promise",
                "caldaie-pedretti",
                "Campioni",
                "--due",
                kept,
                "--at",
                made,
            ],
        )
        .ok();
        let other = other.stdout.trim().to_string();
        run(&root, &["keep", &id, "--at", kept]).ok();
        for (args, want) in [
            (
                vec!["keep", id.as_str(), "--at", kept],
                already.replace("ID", &id),
            ),
            (
                vec!["break", other.as_str(), "--at", before],
                too_early.replace("ID", &other),
            ),
            (
                vec!["renegotiate", other.as_str(), "--due", due, "--at", kept],
                due_early.to_string(),
            ),
        ] {
            let files = common::files(&root);
            let out = run(&root, &args);
            assert_eq!(out.code, 2, "{language} {args:?}: {}", out.stderr);
            assert!(
                out.stderr.contains(&want),
                "{language}: {want:?} in {}",
                out.stderr
            );
            assert_eq!(
                common::files(&root),
                files,
                "{language} {args:?} changed a file"
            );
        }
    }
}
