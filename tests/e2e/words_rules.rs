//! The model's own rules (a customer or person name, a tag, an attribute, an e-mail address,
//! a phone number) refuse in the journal's language: on the command line (exit 2, no file
//! changed) and in an import row, Italian and German worded from one fact
//! (`error::RuleBroken`), English byte for byte as before; and the merge driver's notes
//! (`i18n::MergeNote`) and the notice of a write waiting for another process.

use crate::common;

use std::path::PathBuf;

use common::{Journal, Run, assert_unchanged, files};

fn journal(locale: &str) -> (Journal, PathBuf) {
    let j = Journal::in_language(locale);
    j.add("Acme", &[]);
    let root = j.root().to_path_buf();
    (j, root)
}

#[track_caller]
fn refuses(root: &std::path::Path, args: &[&str], stderr: &str) {
    let before = files(root);
    let run = Run::of(common::coltiva(root).args(args));
    assert_eq!(run.code, 2, "{args:?}\n{}", run.stderr);
    assert_eq!(run.stderr, stderr, "{args:?}");
    assert_unchanged(&before, &files(root), &format!("{args:?}"));
}

#[test]
fn the_models_rules_refuse_in_italian() {
    let (_tmp, root) = journal("it");
    refuses(
        &root,
        &["add", "   "],
        "coltiva: il nome di un cliente deve avere caratteri visibili e nessun carattere di controllo (a capo, tabulazioni)\n",
    );
    refuses(
        &root,
        &["add", "Bianchi", "--set", "zona"],
        "coltiva: --set \"zona\": atteso CHIAVE=VALORE, es. zona=Brescia\n",
    );
    refuses(
        &root,
        &["set", "acme", "bad key=x"],
        "coltiva: \"bad key=x\": la chiave di un attributo è fatta di lettere, cifre, _ e - (le lettere accentate si scrivono senza accento: città è citta)\n",
    );
    refuses(
        &root,
        &["set", "acme", "tags+=\t"],
        "coltiva: etichetta non valida \"\\t\": un'etichetta vuole caratteri visibili e nessun carattere di controllo\n",
    );
    refuses(
        &root,
        &["person", "add", "acme", "Paola", "--email", "paola.acme.it"],
        "coltiva: indirizzo e-mail non valido \"paola.acme.it\": atteso nome@dominio.it, es. paola@acme.it\n",
    );
    refuses(
        &root,
        &["person", "add", "acme", "Paola", "--phone", "tel. 030"],
        "coltiva: numero di telefono non valido \"tel. 030\": solo cifre, spazi e + ( ) - . /, es. \"+39 030 1234567\"\n",
    );
}

#[test]
fn the_models_rules_refuse_in_german_and_english_as_before() {
    let (_tmp, root) = journal("de");
    refuses(
        &root,
        &["set", "acme", "tags=neu", "name=\n"],
        "coltiva: ein Kundenname braucht sichtbare Zeichen und keine Steuerzeichen (Zeilenumbrüche, Tabulatoren)\n",
    );
    refuses(
        &root,
        &["person", "add", "acme", "Paola", "--email", "paola@acme"],
        "coltiva: ungültige E-Mail-Adresse \"paola@acme\": erwartet vorname@firma.de, z. B. paola@acme.it\n",
    );
    let (_tmp, root) = journal("en");
    refuses(
        &root,
        &["person", "add", "acme", "Paola", "--email", "paola@acme"],
        "coltiva: invalid e-mail address \"paola@acme\": expected name@domain.tld, e.g. paola@acme.it\n",
    );
}

#[test]
fn an_import_row_breaking_a_rule_is_named_in_the_journals_language() {
    let (tmp, root) = journal("it");
    let csv = tmp.tmp().join("persone.csv");
    std::fs::write(
        &csv,
        "customer,type,at,person,name,email\nacme,person,2026-11-01,paola,Paola,paola.acme.it\n",
    )
    .unwrap();
    let before = files(&root);
    let run = Run::of(common::coltiva(&root).arg("import").arg(&csv));
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "indirizzo e-mail non valido \"paola.acme.it\": atteso nome@dominio.it, es. paola@acme.it"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("invalid e-mail"), "{}", run.stderr);
    assert_unchanged(&before, &files(&root), "import");
}

/// The merge driver, run by git in an Italian team's clone, says why it stops in Italian: the
/// header key both sides changed, then what the person has to do.
#[test]
fn the_merge_drivers_notes_are_in_the_journals_language() {
    let (tmp, root) = journal("it");
    let base = "schema = 1\nname = \"ACME\"\nkind = \"external\"\n\n[[order]]\nat = 2026-11-01\namount = 5\n";
    let write = |name: &str, text: &str| {
        let path = tmp.tmp().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let b = write("base", base);
    let o = write("ours", &base.replace("ACME", "ACME A"));
    let t = write("theirs", &base.replace("ACME", "ACME B"));
    let run = Run::of(
        common::coltiva(&root)
            .arg("merge-driver")
            .args([&b, &o, &t])
            .arg("customers/acme.toml"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "coltiva: customers/acme.toml: entrambe le parti hanno cambiato le stesse righe: la chiave d'intestazione `name` (name = \"ACME A\" da noi, name = \"ACME B\" da loro); tienine una tra i marcatori\n\
         coltiva: customers/acme.toml: il merge ha bisogno di una persona; correggi il file, poi fanne `git add` e finisci il merge (`git commit`, o `git rebase --continue`); `coltiva check` elenca cosa resta\n"
    );
    assert!(
        std::fs::read_to_string(&o)
            .unwrap()
            .contains("<<<<<<< ours")
    );
}

/// A write that waits for another process's lock says so after a second, in the journal's
/// language (storage is given the words by the edge).
#[test]
fn a_writer_waiting_on_another_says_so_in_the_journals_language() {
    let (j, root) = journal("it");
    let file = root.join("customers").join("acme.toml");
    let stderr = j.log_while_locked("acme", "aspettato");
    assert!(
        stderr.contains(&format!(
            "aspetto un altro processo coltiva che sta scrivendo {}…",
            file.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("waiting"), "{stderr}");
}

/// What a table shows can be typed back: the phase, kind and party words of every language
/// coltiva speaks are accepted where the English ones are, and stored as the English word.
#[test]
fn the_words_a_table_shows_are_accepted_on_the_command_line() {
    let (_tmp, root) = journal("it");
    let ids = |args: &[&str]| -> Vec<String> {
        let run = Run::of(common::coltiva(&root).args(args)).ok();
        let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    Run::of(common::coltiva(&root).args(["add", "Ufficio", "--kind", "interno"])).ok();
    let office = std::fs::read_to_string(root.join("customers").join("ufficio.toml")).unwrap();
    assert!(office.contains("kind = \"internal\""), "{office}");
    assert_eq!(
        ids(&["list", "--phase", "potenziale", "--format", "json"]),
        ["acme"]
    );
    assert_eq!(
        ids(&["list", "--kind", "esterno", "--format", "json"]),
        ["acme"]
    );
    // German words in an Italian journal too, and in capitals.
    assert_eq!(
        ids(&["list", "--phase", "Potenziell", "--format", "json"]),
        ["acme"]
    );
    Run::of(common::coltiva(&root).args(["phase", "acme", "perso"])).ok();
    let acme = std::fs::read_to_string(root.join("customers").join("acme.toml")).unwrap();
    assert!(acme.contains("set = \"lost\""), "{acme}");
    assert_eq!(
        ids(&["list", "--phase", "perso", "--format", "json"]),
        ["acme"]
    );
    // A word of no language is refused (in the journal's language), nothing written.
    let before = files(&root);
    let run = Run::of(common::coltiva(&root).args(["list", "--phase", "boh"]));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("fase sconosciuta \"boh\""),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &files(&root), "list --phase boh");
}

/// An editor that cannot be started is named in the journal's language, the system's own
/// words kept, and the file is left as it was.
#[test]
fn an_editor_that_cannot_start_is_named_in_the_journals_language() {
    let (_tmp, root) = journal("it");
    let before = files(&root);
    let run = Run::of(
        common::coltiva(&root)
            .args(["edit", "acme"])
            .env("EDITOR", "/nonexistent/editor")
            .env_remove("VISUAL"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("coltiva: impossibile avviare l'editor \"/nonexistent/editor\": "),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &files(&root), "edit");
}

/// A word clap refuses (it parses before the journal is known) is refused again in the
/// journal's language, with that language's words; English as clap says it.
#[test]
fn a_refused_word_lists_the_journals_words() {
    let (_tmp, root) = journal("it");
    refuses(
        &root,
        &["log", "acme", "x", "--channel", "fax"],
        "error: --channel: canale sconosciuto \"fax\" (atteso: telefonata | email | riunione | visita | messaggio | nota; valgono anche le parole inglesi)\n",
    );
    refuses(
        &root,
        &["list", "--phase", "boh"],
        "error: --phase: fase sconosciuta \"boh\" (atteso: potenziale | nuovo | acquisito | partner | perso | interno; valgono anche le parole inglesi)\n",
    );
    let (_tmp, root) = journal("de");
    refuses(
        &root,
        &["add", "X", "--kind", "boh"],
        "error: --kind: unbekannte Art \"boh\" (erwartet: extern | intern; die englischen Wörter gelten auch)\n",
    );
    let (_tmp, root) = journal("en");
    refuses(
        &root,
        &["list", "--phase", "boh"],
        "error: --phase: unknown phase \"boh\" (expected potential | new | acquired | partner | lost | internal)\n",
    );
}
