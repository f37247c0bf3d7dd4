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
             riga 2, colonna \"amount\": importo non valido \"1250.40\": in questo giornale i decimali vanno con la virgola, es. 1250,40; le migliaia con il punto, tre cifre per gruppo (il file scrive i decimali con '.'? dai --decimal .)\n",
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
             prova: importerebbe 2 registrazioni per 2 clienti (2 nuovi) da {csv}; nessuna riga è già nel giornale; non è stato scritto niente\n"
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
             niente da importare: tutte le 2 righe di {csv} sono già nel giornale\n"
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

/// An Italian (or German) journal with one customer and one person.
fn with_a_person(locale: &str) -> Localized {
    let j = Localized::new(locale);
    j.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
    j.ok(&[
        "person",
        "add",
        "idrotermica",
        "Paola Rossi",
        "--at",
        "2026-11-02",
    ]);
    j
}

#[test]
fn person_refusals_in_italian() {
    let j = with_a_person("it");
    j.refuses(
        &["person", "add", "idrotermica", "Paola Rossi"],
        2,
        "coltiva: Paola Rossi (paola-rossi) è già una persona di Idrotermica Rossi; per aggiungere un'altra persona con lo stesso nome dai --id (es. --id paola-rossi-2)\n",
    );
    j.refuses(
        &["person", "add", "idrotermica", "Paola R.", "--id", "paola-rossi"],
        2,
        "coltiva: Paola Rossi (paola-rossi) è già una persona di Idrotermica Rossi; per cambiarne i dati: coltiva person set idrotermica paola-rossi …\n",
    );
    j.refuses(
        &["person", "set", "idrotermica", "paola-rossi"],
        2,
        "coltiva: niente da cambiare: dai --name, --role, --email, --phone, --no-email o --no-phone\n",
    );
    j.refuses(
        &["person", "left", "idrotermica", "paola-rossi", "--at", "01/11/2026"],
        2,
        "coltiva: --at 01/11/2026: Paola Rossi (paola-rossi) è tra le persone dal 02/11/2026, quindi l'uscita non può essere prima; dai --at 02/11/2026 o dopo\n",
    );
    j.ok(&[
        "person",
        "left",
        "idrotermica",
        "paola-rossi",
        "--at",
        "20/11/2026",
    ]);
    j.refuses(
        &["person", "left", "idrotermica", "paola-rossi"],
        2,
        "coltiva: Paola Rossi (paola-rossi) ha già lasciato Idrotermica Rossi il 20/11/2026\n",
    );
    j.refuses(
        &["log", "idrotermica", "richiamata", "--with", "paola-rossi"],
        2,
        "coltiva: --with paola-rossi: Paola Rossi (paola-rossi) ha lasciato Idrotermica Rossi il 20/11/2026, e un contatto dopo quel giorno non è con Idrotermica Rossi; per una registrazione di prima dai --at, e in caso di ritorno: coltiva person add idrotermica \"Paola Rossi\" --id paola-rossi\n",
    );
}

#[test]
fn person_refusals_in_german() {
    let j = with_a_person("de");
    j.refuses(
        &["person", "add", "idrotermica", "Paola Rossi"],
        2,
        "coltiva: Paola Rossi (paola-rossi) ist schon eine Person von Idrotermica Rossi; um eine weitere Person dieses Namens hinzuzufügen, geben Sie --id an (z. B. --id paola-rossi-2)\n",
    );
    j.refuses(
        &["person", "set", "idrotermica", "paola-rossi"],
        2,
        "coltiva: nichts zu ändern: geben Sie --name, --role, --email, --phone, --no-email oder --no-phone an\n",
    );
    j.ok(&[
        "person",
        "left",
        "idrotermica",
        "paola-rossi",
        "--at",
        "20.11.2026",
    ]);
    j.refuses(
        &["person", "left", "idrotermica", "paola-rossi"],
        2,
        "coltiva: Paola Rossi (paola-rossi) hat Idrotermica Rossi schon am 20.11.2026 verlassen\n",
    );
}

/// Runs coltiva with a pseudo-terminal as its standard input, typing `answer`; stdout and
/// stderr are pipes (as in repeats_and_undo.rs). `env`: more variables.
#[cfg(unix)]
fn on_a_terminal(j: &Localized, args: &[&str], answer: &str, env: &[(&str, &Path)]) -> Run {
    use std::io::Write;
    let (master, slave) = common::openpty(None);
    let mut cmd = common::std_coltiva(j.root());
    cmd.current_dir(j.tmp.path())
        .args(args)
        .stdin(std::process::Stdio::from(slave))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let child = cmd.spawn().unwrap();
    drop(cmd);
    let mut master = std::fs::File::from(master);
    master.write_all(answer.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[cfg(unix)]
#[test]
fn the_repeat_check_asks_in_the_journals_language() {
    let j = Localized::new("it");
    j.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
    let order = [
        "order",
        "idrotermica",
        "2345,60",
        "--ref",
        "FT 2026/120",
        "--at",
        "20/11/2026",
    ];
    j.ok(&order);
    let question = "Idrotermica Rossi (idrotermica) ha già lo stesso ordine in quel giorno (20/11/2026 ordine: 2.345,60 € (FT 2026/120)).\nRegistrarlo di nuovo? [s/N] ";
    // Any answer but yes records nothing.
    let before = files(j.root());
    let run = on_a_terminal(&j, &order, "n\n", &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "{question}coltiva: non registrato: Idrotermica Rossi (idrotermica) tiene quello che ha (20/11/2026 ordine: 2.345,60 € (FT 2026/120))\n"
        )
    );
    assert_unchanged(&before, &files(j.root()), "answered n");
    // "sì" records it again.
    let run = on_a_terminal(&j, &order, "sì\n", &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.starts_with(question), "{}", run.stderr);
    assert_ne!(files(j.root()), before);

    // German asks with [j/N], and "j" is yes.
    let de = Localized::new("de");
    de.ok(&["add", "Keller Armaturen", "--id", "keller"]);
    let promise = [
        "promise",
        "keller",
        "Angebot schicken",
        "--due",
        "30.11.2026",
    ];
    de.ok(&promise);
    let before = files(de.root());
    let run = on_a_terminal(&de, &promise, "nein\n", &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .starts_with("Keller Armaturen (keller) hat an diesem Tag schon dieselbe Zusage ("),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(").\nNochmals eintragen? [j/N] coltiva: nicht eingetragen: Keller Armaturen (keller) behält den vorhandenen Eintrag ("),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &files(de.root()), "answered nein");
    let run = on_a_terminal(&de, &promise, "j\n", &[]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[cfg(unix)]
#[test]
fn edit_asks_in_the_journals_language_and_takes_its_answers() {
    use std::os::unix::fs::PermissionsExt;
    let j = Localized::new("it");
    j.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
    // An editor that breaks the file every time.
    let editor = j.file("rompi.sh", "#!/bin/sh\nprintf 'x = [\\n' >> \"$1\"\n");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let file = j.root().join("customers").join("idrotermica.toml");
    let file = file.display();
    let question =
        format!("(m)odifica di nuovo o (r)ipristina la versione di prima di {file}? [m/r] ");
    let before = files(j.root());
    // "m" edits again (the question comes back), "r" restores: nothing saved.
    let run = on_a_terminal(
        &j,
        &["edit", "idrotermica"],
        "m\nr\n",
        &[("EDITOR", &editor)],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr.matches(&question).count(), 2, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "{question}coltiva: {file} resta alla versione di prima; la modifica è stata scartata\n"
        )),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &files(j.root()), "edit restored");
    // The English answers still work in an Italian journal.
    let run = on_a_terminal(
        &j,
        &["edit", "idrotermica"],
        "e\nr\n",
        &[("EDITOR", &editor)],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr.matches(&question).count(), 2, "{}", run.stderr);
    assert_unchanged(&before, &files(j.root()), "edit restored (English answers)");

    // German asks with (b)earbeiten and (w)iederherstellen.
    let de = Localized::new("de");
    de.ok(&["add", "Keller Armaturen", "--id", "keller"]);
    let file = de.root().join("customers").join("keller.toml");
    let question = format!(
        "(b)earbeiten oder die vorige Fassung von {} (w)iederherstellen? [b/w] ",
        file.display()
    );
    let before = files(de.root());
    let run = on_a_terminal(&de, &["edit", "keller"], "b\nw\n", &[("EDITOR", &editor)]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stderr.matches(&question).count(), 2, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "{question}coltiva: {} behält die vorige Fassung; die Bearbeitung wurde verworfen\n",
            file.display()
        )),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &files(de.root()), "edit restored in German");
}

#[test]
fn unreadable_files_are_named_in_the_journals_language_and_json_stays_english() {
    for (locale, lines) in [
        (
            "it",
            "coltiva: customers/rotto.toml:2:1: marcatori di conflitto di git dalla riga 2 (un merge non finito)\n  \
             rimedio: finisci il merge: `coltiva edit rotto`, tieni le registrazioni di entrambe le parti e cancella le righe dei marcatori (<<<<<<<, =======, >>>>>>>); `coltiva check` elenca ogni problema\n",
        ),
        (
            "de",
            "coltiva: customers/rotto.toml:2:1: git-Konfliktmarkierungen ab Zeile 2 (ein unfertiger Merge)\n  \
             Abhilfe: schließen Sie den Merge ab: `coltiva edit rotto`, behalten Sie die Einträge beider Seiten und löschen Sie die Markierungszeilen (<<<<<<<, =======, >>>>>>>); `coltiva check` listet jedes Problem auf\n",
        ),
    ] {
        let j = Localized::new(locale);
        j.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
        std::fs::write(
            j.root().join("customers").join("rotto.toml"),
            "name = \"Rotto\"\n<<<<<<< HEAD\n[[interaction]]\n=======\n>>>>>>> theirs\n",
        )
        .unwrap();
        let before = files(j.root());
        let run = j.run(&["list"]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(run.stderr.starts_with(lines), "{locale}: {}", run.stderr);
        assert!(run.stdout.contains("Idrotermica Rossi"), "{}", run.stdout);
        // The table of left-out files reads in the language too.
        let markdown = j.run(&["list", "--format", "markdown"]);
        let problem = lines
            .split_once("2:1: ")
            .unwrap()
            .1
            .split_once('\n')
            .unwrap()
            .0;
        assert!(
            markdown.stdout.contains(&format!("| 2 | {problem} |")),
            "{locale}: {}",
            markdown.stdout
        );
        // JSON keeps its English words, byte for byte as before.
        let json = j.run(&["list", "--format", "json"]);
        assert!(
            json.stdout.contains(
                "\"problem\": \"git conflict markers from line 2 (an unfinished merge)\""
            ),
            "{}",
            json.stdout
        );
        assert_unchanged(&before, &files(j.root()), "list");
    }
}

#[test]
fn mail_says_what_is_not_an_e_mail_instead_of_advising_attributes() {
    let it = Localized::new("it");
    let before = files(it.root());
    let run = Run::of(
        common::coltiva(it.root())
            .arg("mail")
            .write_stdin("solo qualche parola, nessuna intestazione"),
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        "0 di 1 messaggio registrati, 0 già registrati, 1 non registrato\n\
         coltiva: 1 messaggio non registrato: ognuno è elencato con il motivo (1 non è un messaggio e-mail)\n"
    );
    assert_unchanged(&before, &files(it.root()), "mail of words");
    let de = Localized::new("de");
    let run = Run::of(
        common::coltiva(de.root())
            .arg("mail")
            .write_stdin("nur ein paar Worte"),
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        "0 von 1 Nachricht eingetragen, 0 schon eingetragen, 1 nicht eingetragen\n\
         coltiva: 1 Nachricht nicht eingetragen: jede ist mit dem Grund aufgeführt (1 ist keine E-Mail-Nachricht)\n"
    );
    // English says it too, and gives no advice about attributes.
    let en = Localized::new("en");
    let run = Run::of(
        common::coltiva(en.root())
            .arg("mail")
            .write_stdin("just some words"),
    );
    assert_eq!(
        run.stderr,
        "logged 0 of 1 message, 0 already logged, 1 not logged\n\
         coltiva: 1 message not logged: each is listed with why (1 is not an e-mail message)\n"
    );
}

#[test]
fn small_refusals_in_italian_and_german() {
    let it = Localized::new("it");
    it.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
    it.refuses(
        &["log", "idrotermica", " "],
        2,
        "coltiva: il riassunto non può essere vuoto\n",
    );
    it.refuses(
        &[
            "promise",
            "idrotermica",
            "listino",
            "--due",
            "20/11/2026",
            "--at",
            "21/11/2026",
        ],
        2,
        "coltiva: --due 20/11/2026 è prima del giorno della promessa (21/11/2026)\n",
    );
    it.refuses(
        &["log", "idrotermica", "chiamata", "--with", "paola"],
        2,
        "coltiva: Idrotermica Rossi (idrotermica) non ha ancora persone; aggiungine una con: coltiva person add idrotermica \"NOME\"\n",
    );
    it.refuses(
        &["keep", "/7bvew6"],
        2,
        "coltiva: riferimento a una promessa non valido \"/7bvew6\": manca il cliente prima di '/'\n",
    );
    it.refuses(
        &["set", "idrotermica", "id=idrotermica-spa"],
        2,
        "coltiva: \"id=idrotermica-spa\": l'id di un cliente è il nome del suo file, non un attributo; rinomina il cliente con `coltiva rename idrotermica idrotermica-spa` (le sue registrazioni, promesse e uid lo seguono)\n",
    );
    it.refuses(
        &["report", "--since", "20/11/2026", "--until", "10/11/2026"],
        2,
        "coltiva: --until 10/11/2026 è prima di --since 20/11/2026\n",
    );
    let de = Localized::new("de");
    de.ok(&["add", "Keller Armaturen", "--id", "keller"]);
    de.refuses(
        &["promise", "keller", " ", "--due", "30.11.2026"],
        2,
        "coltiva: was zugesagt wurde, darf nicht leer sein\n",
    );
    de.refuses(
        &[
            "search",
            "Angebot",
            "--since",
            "20.11.2026",
            "--until",
            "10.11.2026",
        ],
        2,
        "coltiva: --until 10.11.2026 liegt vor --since 20.11.2026\n",
    );
}

#[test]
fn a_vcard_import_reports_in_italian() {
    let it = Localized::new("it");
    it.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
    let cards = it.file(
        "rubrica.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Paola Rossi\r\nORG:Idrotermica Rossi\r\nEMAIL:paola@idrotermica.it\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Luca Neri\r\nORG:Sconosciuta S.r.l.\r\nEND:VCARD\r\n",
    );
    let cards = cards.to_str().unwrap();
    let not_added = "coltiva: 1 contatto non aggiunto: ognuno è elencato con il motivo (scrivi il nome del cliente come ORG della scheda, o imposta il domain del cliente, poi importa di nuovo)\n";
    let before = files(it.root());
    let run = it.run(&["import", cards, "--dry-run"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "1 di 2 contatti da {cards} sarebbe aggiunto (prova: non è stato scritto niente), 0 già presenti, 1 non aggiunto\n{not_added}"
        )
    );
    assert_unchanged(&before, &files(it.root()), "import --dry-run of a vCard");
    let run = it.run(&["import", cards]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        format!("1 di 2 contatti da {cards} aggiunto, 0 già presenti, 1 non aggiunto\n{not_added}")
    );
}

#[test]
fn a_map_to_a_column_the_file_lacks_is_refused_in_italian() {
    let it = Localized::new("it");
    let csv = it.file(
        "ordini.csv",
        "Cliente;Data;Importo\nrossi;20/11/2026;12,50\n",
    );
    let csv = csv.to_str().unwrap();
    it.refuses(
        &["import", csv, "--type", "order", "--map", "customer=Ragione sociale"],
        2,
        "coltiva: --map customer=Ragione sociale: il file non ha la colonna \"Ragione sociale\"; le sue colonne sono: Cliente, Data, Importo\n",
    );
    it.refuses(
        &["import", csv, "--type", "order", "--map", "customer=Cliente", "--id-from", "Cliente,Città"],
        2,
        "coltiva: --id-from: il file non ha la colonna \"Città\"; le sue colonne sono: Cliente, Data, Importo\n",
    );
    let twice = it.file(
        "doppio.csv",
        "customer;type;amount;Amount\nrossi;order;1;2\n",
    );
    it.refuses(
        &["import", twice.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: l'intestazione ha due colonne amount (\"amount\" e \"Amount\"); non è stato importato niente\n",
            twice.display()
        ),
    );
}

#[test]
fn rows_that_do_not_fit_the_journal_are_named_in_german() {
    let de = Localized::new("de");
    let csv = de.file(
        "erledigt.csv",
        "customer;type;at;promise;status\nkeller;resolution;20.11.2026;7bvew6;kept\n",
    );
    de.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: 1 fehlerhafte Zeile; nichts wurde importiert\n  \
             Zeile 2, Spalte \"promise\": der Kunde keller hat keine Zusage 7bvew6 (weder in seiner Datei noch in diesem Import)\n",
            csv.display()
        ),
    );
    let csv = de.file(
        "kontakte.csv",
        "customer;type;at\nkeller;interaction;20.11.2026\n",
    );
    de.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: 1 fehlerhafte Zeile; nichts wurde importiert\n  \
             Zeile 2, Spalte \"summary\": die Datei hat keine solche Spalte\n",
            csv.display()
        ),
    );
}

#[cfg(unix)]
#[test]
fn a_failing_editor_is_named_in_italian_and_nothing_changes() {
    let it = Localized::new("it");
    it.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
    let before = files(it.root());
    let run = Run::of(
        common::coltiva(it.root())
            .args(["edit", "idrotermica"])
            .env_remove("VISUAL")
            .env("EDITOR", "false")
            .write_stdin(""),
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        "coltiva: l'editor \"false\" non è riuscito (exit status: 1); non è cambiato niente\n"
    );
    assert_unchanged(&before, &files(it.root()), "edit with a failing editor");
}

#[test]
fn a_date_cell_that_is_no_date_is_refused_in_italian() {
    let it = Localized::new("it");
    let csv = it.file(
        "ordini.csv",
        "customer,type,at,amount\nrossi,order,31/02/2026,\"1,00\"\nrossi,order,20/11,\"1,00\"\nrossi,order,ieri,\"1,00\"\n",
    );
    it.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: 3 righe non valide; non è stato importato niente\n  \
             riga 2, colonna \"at\": data non valida \"31/02/2026\": non è una data del calendario\n  \
             riga 3, colonna \"at\": data non valida \"20/11\": in un file la data vuole l'anno (20/11/2026)\n  \
             riga 4, colonna \"at\": data non valida \"ieri\": usa AAAA-MM-GG o AAAA-MM-GGTHH:MM[:SS][+HH:MM], o GG/MM/AAAA se il giornale legge così le date con le barre\n",
            csv.display()
        ),
    );
}

#[test]
fn a_record_after_today_names_both_days_as_the_journal_writes_them() {
    let it = Localized::new("it");
    it.ok(&["add", "Idrotermica Rossi", "--id", "idrotermica"]);
    it.refuses(
        &["log", "idrotermica", "chiamata", "--at", "30/11/2026"],
        2,
        "coltiva: --at: 30/11/2026 è dopo oggi (23/11/2026); le registrazioni dicono ciò che è già successo\n",
    );
    let de = Localized::new("de");
    de.ok(&["add", "Keller Armaturen", "--id", "keller"]);
    de.refuses(
        &["order", "keller", "12,50", "--at", "30.11.2026"],
        2,
        "coltiva: --at: 30.11.2026 liegt nach heute (23.11.2026); Einträge beschreiben, was schon geschehen ist\n",
    );
}

#[test]
fn a_row_with_too_few_fields_is_named_in_italian() {
    let it = Localized::new("it");
    let csv = it.file(
        "ordini.csv",
        "customer;type;at;amount\nrossi;order;20/11/2026\n",
    );
    it.refuses(
        &["import", csv.to_str().unwrap()],
        1,
        &format!(
            "coltiva: {}: 1 riga non valida; non è stato importato niente\n  \
             riga 2: attesi 4 campi come nell'intestazione, trovati 3\n",
            csv.display()
        ),
    );
}

#[test]
fn the_merge_driver_speaks_the_journals_language() {
    let it = Localized::new("it");
    let base = "schema = 1\nname = \"ACME\"\nkind = \"external\"\n";
    let ours = format!("{base}\n[[order]]\nat = 2026-11-20\namount = \"5\"\n");
    let theirs = format!("{base}\n[[order]]\nat = 2026-11-21\namount = \"7\"\n");
    let b = it.file("acme.base", base);
    let o = it.file("acme.ours", &ours);
    let t = it.file("acme.theirs", &theirs);
    let run = it.ok(&[
        "merge-driver",
        b.to_str().unwrap(),
        o.to_str().unwrap(),
        t.to_str().unwrap(),
        "customers/acme.toml",
    ]);
    assert_eq!(
        run.stderr,
        "coltiva: unite le registrazioni di entrambe le parti in customers/acme.toml\n"
    );
    // Not mergeable record by record (a side is no TOML): left for a person, exit 1.
    let o = it.file("bad.ours", "name = \n");
    let run = it.run(&[
        "merge-driver",
        b.to_str().unwrap(),
        o.to_str().unwrap(),
        t.to_str().unwrap(),
        "customers/acme.toml",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.ends_with("coltiva: customers/acme.toml: non si può unire registrazione per registrazione; entrambe le parti sono nel file tra i marcatori di conflitto: correggilo a mano, poi fanne `git add` e finisci il merge (`git commit`, o `git rebase --continue`); `coltiva check` elenca cosa resta\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn import_from_standard_input_and_csv_flags_on_a_vcard_in_italian() {
    let it = Localized::new("it");
    let before = files(it.root());
    let run = Run::of(
        common::coltiva(it.root())
            .args(["import", "-"])
            .write_stdin("customer,type,at\n"),
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "niente da importare: standard input non ha righe\n"
    );
    let cards = it.file(
        "rubrica.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Paola Rossi\r\nEND:VCARD\r\n",
    );
    it.refuses(
        &["import", cards.to_str().unwrap(), "--map", "customer=Azienda"],
        2,
        &format!(
            "coltiva: --map vale per i file CSV; {} è un file vCard (i contatti diventano persone): importalo senza --map\n",
            cards.display()
        ),
    );
    assert_unchanged(&before, &files(it.root()), "nothing imported");
}
