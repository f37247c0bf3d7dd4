//! The model's own rules (a customer or person name, a tag, an attribute, an e-mail address,
//! a phone number) refuse in the journal's language: on the command line (exit 2, no file
//! changed) and in an import row, Italian and German worded from one fact
//! (`error::RuleBroken`), English byte for byte as before.

use crate::common;

use std::path::PathBuf;

use common::{Run, assert_unchanged, bare, files};

fn journal(locale: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("journal");
    Run::of(
        bare(tmp.path())
            .args(["init", "--locale", locale])
            .arg(&root),
    )
    .ok();
    Run::of(common::coltiva(&root).args(["add", "Acme"])).ok();
    (tmp, root)
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
    let csv = tmp.path().join("persone.csv");
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
