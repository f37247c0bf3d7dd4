//! The commands' own messages in the journal's language (issue 26, PRODUCT.md §9.3): what
//! `import`, `person`, `edit`, the repeat check and the reading commands say on stderr, in an
//! Italian journal (`init --locale it`) and a German one, asserted whole, with the exit code,
//! and with every byte of the journal unchanged on a refusal.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Run, assert_unchanged, bare, files};

/// A journal made by `init --locale LOCALE` in a fresh temporary folder.
struct Localized {
    tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Localized {
    fn new(locale: &str) -> Localized {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        Run::of(
            bare(tmp.path())
                .args(["init", "--locale", locale])
                .arg(&root),
        )
        .ok();
        Localized { tmp, root }
    }

    /// A file beside the journal (not in it), with `text`.
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(
            common::coltiva(&self.root)
                .current_dir(self.tmp.path())
                .args(args),
        )
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> Run {
        self.run(args).ok()
    }

    /// Runs coltiva, asserting the exit code, that stderr is exactly `stderr`, that stdout is
    /// empty and that no file of the journal changed.
    #[track_caller]
    fn refuses(&self, args: &[&str], code: i32, stderr: &str) {
        let before = files(&self.root);
        let run = self.run(args);
        assert_eq!(run.code, code, "{args:?}\nstderr:\n{}", run.stderr);
        assert_eq!(run.stderr, stderr, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert_unchanged(&before, &files(&self.root), &format!("{args:?}"));
    }

    fn root(&self) -> &Path {
        &self.root
    }
}

const SHEET: &str = "customer,type,at,amount,Agente\n\
                     rossi,order,20/11/2026,\"1.250,40\",Mario\n\
                     bianchi,order,30/11/2026,\"12,50\",Mario\n\
                     bianchi,order,10/11/2026,,Mario\n";

#[test]
fn import_refuses_bad_rows_in_italian_and_german() {
    let it = Localized::new("it");
    let csv = it.file("ordini.csv", SHEET);
    it.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: ignoro la colonna Agente (non è una colonna di coltiva; usa --map per leggerla)\n\
             coltiva: {}: 2 righe non valide; non è stato importato niente\n  \
             riga 3, colonna \"at\": 30/11/2026 è dopo oggi (23/11/2026); le registrazioni dicono ciò che è già successo\n  \
             riga 4, colonna \"amount\": la cella è vuota\n",
            csv.display()
        ),
    );
    let de = Localized::new("de");
    let csv = de.file("auftraege.csv", &SHEET.replace('/', "."));
    de.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: die Spalte Agente wird übergangen (keine Spalte von coltiva; mit --map können Sie sie lesen lassen)\n\
             coltiva: {}: 2 fehlerhafte Zeilen; nichts wurde importiert\n  \
             Zeile 3, Spalte \"at\": 30.11.2026 liegt nach heute (23.11.2026); Einträge beschreiben, was schon geschehen ist\n  \
             Zeile 4, Spalte \"amount\": die Zelle ist leer\n",
            csv.display()
        ),
    );
}

#[test]
fn an_amount_in_the_wrong_marks_is_refused_with_the_flag_that_reads_it() {
    let it = Localized::new("it");
    let csv = it.file(
        "ordini.csv",
        "customer,type,at,amount\nrossi,order,20/11/2026,1250.40\n",
    );
    it.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: 1 riga non valida; non è stato importato niente\n  \
             riga 2, colonna \"amount\": importo non valido \"1250.40\": in questo diario i decimali vanno con la virgola, es. 1250,40; le migliaia con il punto, tre cifre per gruppo (il file scrive i decimali con '.'? dai --decimal .)\n",
            csv.display()
        ),
    );
}

#[test]
fn import_dry_run_and_nothing_to_import_in_italian() {
    let it = Localized::new("it");
    let csv = it.file(
        "ordini.csv",
        "customer,type,at,amount,Agente,Zona\nrossi,order,20/11/2026,\"1.250,40\",Mario,Nord\nverdi,order,21/11/2026,\"80,00\",Mario,Sud\n",
    );
    let csv = csv.to_str().unwrap();
    let before = files(it.root());
    let run = it.ok(&["import", csv, "--dry-run"]);
    assert_eq!(
        run.stderr,
        format!(
            "coltiva: ignoro le colonne Agente, Zona (non sono colonne di coltiva; usa --map per leggerne una)\n\
             prova: importerebbe 2 registrazioni per 2 clienti (2 nuovi) da {csv}; nessuna riga è già nel diario; non è stato scritto niente\n"
        )
    );
    assert_unchanged(&before, &files(it.root()), "import --dry-run");
    it.ok(&["import", csv]);
    let before = files(it.root());
    let run = it.ok(&["import", csv]);
    assert_eq!(
        run.stderr,
        format!(
            "coltiva: ignoro le colonne Agente, Zona (non sono colonne di coltiva; usa --map per leggerne una)\n\
             niente da importare: tutte le 2 righe di {csv} sono già nel diario\n"
        )
    );
    assert_unchanged(&before, &files(it.root()), "import again");
    let empty = it.file("vuoto.csv", "customer,type,at\n");
    let run = it.ok(&["import", empty.to_str().unwrap()]);
    assert_eq!(
        run.stderr,
        format!("niente da importare: {} non ha righe\n", empty.display())
    );
    assert_unchanged(&before, &files(it.root()), "import of a header alone");
}

#[test]
fn import_refuses_a_file_without_type_or_customer_column_in_german() {
    let de = Localized::new("de");
    let csv = de.file("kunden.csv", "customer;at\nx;20.11.2026\n");
    de.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: keine Spalte type; fügen Sie eine hinzu oder geben Sie --type an (interaction | order | promise | resolution | phase | person | customer); nichts wurde importiert\n",
            csv.display()
        ),
    );
    let csv = de.file("firmen.csv", "Firma;Datum\nx;20.11.2026\n");
    de.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: keine Spalte customer (die Spalten der Datei sind: Firma, Datum); nennen Sie Ihre mit --map customer=SPALTE (die Spalten wurden bei ';' getrennt: falls das falsch ist, geben Sie --delimiter an); nichts wurde importiert\n",
            csv.display()
        ),
    );
}
