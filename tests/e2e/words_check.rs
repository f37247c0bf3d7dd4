//! What `coltiva check` names, in the journal's language (issue 26): a file damaged by hand in
//! an Italian and a German journal, the exact lines on stdout and stderr, exit 1, and no file
//! changed. English stays as it was (the other test files pin it).

use crate::common;

use std::fs;

use common::*;

/// A journal whose coltiva.toml is the one `init --locale LANGUAGE` writes, with two customers.
fn journal(language: &str) -> Journal {
    let j = Journal::in_language(language);
    j.add("ACME", &["--id", "acme"]);
    j.add("Bolt", &["--id", "bolt"]);
    j
}

/// Runs `check` and asserts exit 1, exactly `stdout` (each line's path relative to the
/// journal; ROOT: the journal's folder) and exactly `stderr`, and every byte as it was.
#[track_caller]
fn checked(j: &Journal, stdout: &[&str], stderr: &str) {
    let before = j.files();
    let run = Run::of(j.cmd().arg("check"));
    let customers = format!(
        "{}{}",
        j.root().join("customers").display(),
        std::path::MAIN_SEPARATOR
    );
    let placed: String = stdout
        .iter()
        .map(|l| match l.split_once(':') {
            Some((rel, rest)) => format!("{}:{rest}\n", j.root().join(native(rel)).display())
                .replace("ROOT/customers/", &customers),
            None => format!("{l}\n"),
        })
        .collect();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, placed);
    let customers = format!(
        "{}{}",
        j.root().join("customers").display(),
        std::path::MAIN_SEPARATOR
    );
    assert_eq!(run.stderr, stderr.replace("ROOT/customers/", &customers));
    assert_unchanged(&before, &j.files(), "check");
}

/// Records with the problems people make most: a word outside its set, a date in quotes, a
/// missing field, an unknown field, a promise id twice, a resolution of no promise, a table
/// name mistyped, and a header value.
const DAMAGED: &str = r#"schema = 1
name = "ACME"
kind = "external"
since = 2026-11-23
cadence = "monthly"

[[interaction]]
at = 2026-11-20
channel = "cell"
direction = "out"
summary = "called"

[[interaction]]
at = "ieri"
channel = "call"
direction = "out"
summary = "called"

[[interaction]]
at = 2026-11-21
channel = "call"
direction = "out"

[[promise]]
id = "7k3m"
at = 2026-11-21
by = "us"
what = "offer"
due = 2026-11-30
colour = "red"

[[promise]]
id = "7k3m"
at = 2026-11-22
by = "us"
what = "again"
due = 2026-11-30

[[resolution]]
promise = "zzzz"
at = 2026-11-22
status = "kept"

[[resolution]]
promise = "7k3m"
at = 2026-11-22
status = "done"

[[interactoin]]
at = 2026-11-22
"#;

#[test]
fn the_problems_of_records_are_named_in_the_journals_language() {
    let cases: [(&str, [&str; 9], &str); 2] = [
        (
            "it",
            [
                "customers/acme.toml:5:11: cadence deve essere un numero di giorni o di settimane, come \"30d\" o \"2w\"",
                "customers/acme.toml:7:1: [[interaction]]: \"cell\" non è un canale valido (valori ammessi: call | email | meeting | visit | message | note)",
                "customers/acme.toml:13:1: [[interaction]]: \"ieri\" è un testo, non una data: scrivi la data senza virgolette, come 2026-11-20",
                "customers/acme.toml:19:1: [[interaction]]: manca il campo `summary`",
                "customers/acme.toml:30:1: campo sconosciuto `colour` in [[promise]] (i suoi campi: id, at, by, what, due, about, with, source)",
                "customers/acme.toml:33:6: id di promessa \"7k3m\" ripetuto (già usato alla riga 25); dai a una delle due un nuovo id",
                "customers/acme.toml:39:1: esito della promessa \"zzzz\", ma questo file non ha nessuna promessa con quell'id",
                "customers/acme.toml:44:1: [[resolution]]: \"done\" non è un esito valido (valori ammessi: kept | broken | renegotiated | cancelled)",
                "customers/acme.toml:49:1: tipo di registrazione sconosciuto [[interactoin]] (le registrazioni sono [[interaction]], [[order]], [[promise]], [[resolution]], [[phase]], [[person]]); forse intendevi [[interaction]]?",
            ],
            "coltiva: 9 problemi in 1 file (su 2 clienti)\n",
        ),
        (
            "de",
            [
                "customers/acme.toml:5:11: cadence muss eine Anzahl Tage oder Wochen sein, etwa \"30d\" oder \"2w\"",
                "customers/acme.toml:7:1: [[interaction]]: \"cell\" ist kein gültiger Kanal (erlaubt: call | email | meeting | visit | message | note)",
                "customers/acme.toml:13:1: [[interaction]]: \"ieri\" ist ein Text, kein Datum: schreiben Sie das Datum ohne Anführungszeichen, etwa 2026-11-20",
                "customers/acme.toml:19:1: [[interaction]]: das Feld `summary` fehlt",
                "customers/acme.toml:30:1: unbekanntes Feld `colour` in [[promise]] (seine Felder: id, at, by, what, due, about, with, source)",
                "customers/acme.toml:33:6: doppelte Zusagen-ID \"7k3m\" (zuerst in Zeile 25 verwendet); geben Sie einer der beiden eine neue ID",
                "customers/acme.toml:39:1: Abschluss der Zusage \"zzzz\", aber diese Datei hat keine Zusage mit dieser ID",
                "customers/acme.toml:44:1: [[resolution]]: \"done\" ist kein gültiges Ergebnis (erlaubt: kept | broken | renegotiated | cancelled)",
                "customers/acme.toml:49:1: unbekannte Eintragsart [[interactoin]] (Einträge sind [[interaction]], [[order]], [[promise]], [[resolution]], [[phase]], [[person]]); meinten Sie [[interaction]]?",
            ],
            "coltiva: 9 Probleme in 1 Datei (von 2 Kunden)\n",
        ),
    ];
    for (language, stdout, stderr) in cases {
        let j = journal(language);
        fs::write(j.file("acme"), DAMAGED).unwrap();
        checked(&j, &stdout, stderr);
    }
}

/// The file's last record broken (the advice to repair it), a file ending in NUL bytes, a
/// promise id two customers use, a file name that is no customer id, and the notes about a
/// `.rej` file, a leftover of an interrupted write and a file that is no customer's.
#[test]
fn a_broken_tail_shared_ids_and_stray_files_are_named_in_the_journals_language() {
    let cases: [(&str, [&str; 5], &str); 2] = [
        (
            "it",
            [
                "customers/Acme_Old.toml: non è un id cliente valido, quindi coltiva ignora questo file; rinominalo usando lettere minuscole, cifre e trattini (per esempio acme-spa.toml)",
                "customers/acme.toml:10:1: [[interaction]]: \"cell\" non è un canale valido (valori ammessi: call | email | meeting | visit | message | note); l'ultima registrazione del file è incompleta: una scrittura interrotta (un crash, un disco pieno) o un errore di battitura; `coltiva repair acme` sposta solo questa registrazione in acme.toml.rej, oppure correggila a mano con `coltiva edit acme`",
                "customers/bolt.toml:5:6: l'id di promessa \"9k3m\" è usato anche in ROOT/customers/dino.toml; indicala come CLIENTE/9k3m",
                "customers/cargo.toml:3:1: il file finisce con 3 byte NUL e nessuna registrazione: una scrittura i cui dati non sono mai arrivati sul disco (un crash o un calo di corrente); `coltiva repair cargo` li sposta in cargo.toml.rej e tiene tutte le registrazioni precedenti",
                "customers/dino.toml:5:6: l'id di promessa \"9k3m\" è usato anche in ROOT/customers/bolt.toml; indicala come CLIENTE/9k3m",
            ],
            "nota: ROOT/customers/acme.toml.rej contiene byte messi da parte da `coltiva repair`; controllali, ricopia ciò che ti serve, poi cancellalo
nota: ROOT/customers/bolt.toml.tmp-999999 è ciò che resta di una scrittura interrotta (il suo processo non c'è più); non contiene nulla che serva al giornale: cancellalo (`rm ROOT/customers/bolt.toml.tmp-999999`), oppure lascia che lo tolga il prossimo `coltiva add` o `import`
nota: ROOT/customers/notes.txt non è un file di un cliente; coltiva lo ignora
coltiva: 5 problemi in 5 file (su 4 clienti)
",
        ),
        (
            "de",
            [
                "customers/Acme_Old.toml: keine gültige Kunden-ID, daher ignoriert coltiva diese Datei; benennen Sie sie mit Kleinbuchstaben, Ziffern und Bindestrichen um (z. B. acme-spa.toml)",
                "customers/acme.toml:10:1: [[interaction]]: \"cell\" ist kein gültiger Kanal (erlaubt: call | email | meeting | visit | message | note); der letzte Eintrag der Datei ist unvollständig: ein abgebrochener Schreibvorgang (ein Absturz, eine volle Festplatte) oder ein Tippfehler; `coltiva repair acme` verschiebt nur diesen Eintrag nach acme.toml.rej, oder korrigieren Sie ihn von Hand mit `coltiva edit acme`",
                "customers/bolt.toml:5:6: die Zusagen-ID \"9k3m\" wird auch in ROOT/customers/dino.toml verwendet; nennen Sie sie KUNDE/9k3m",
                "customers/cargo.toml:3:1: die Datei endet mit 3 NUL-Bytes und keinem Eintrag: ein Schreibvorgang, dessen Daten nie auf der Festplatte ankamen (ein Absturz oder Stromausfall); `coltiva repair cargo` verschiebt sie nach cargo.toml.rej und behält jeden Eintrag davor",
                "customers/dino.toml:5:6: die Zusagen-ID \"9k3m\" wird auch in ROOT/customers/bolt.toml verwendet; nennen Sie sie KUNDE/9k3m",
            ],
            "Hinweis: ROOT/customers/acme.toml.rej enthält Bytes, die `coltiva repair` beiseitegelegt hat; prüfen Sie sie, übernehmen Sie, was Sie brauchen, und löschen Sie die Datei dann
Hinweis: ROOT/customers/bolt.toml.tmp-999999 ist von einem unterbrochenen Schreibvorgang übrig (der Prozess läuft nicht mehr); die Datei enthält nichts, was das Journal braucht: löschen Sie sie (`rm ROOT/customers/bolt.toml.tmp-999999`) oder lassen Sie sie vom nächsten `coltiva add` oder `import` entfernen
Hinweis: ROOT/customers/notes.txt ist keine Kundendatei; coltiva ignoriert sie
coltiva: 5 Probleme in 5 Dateien (von 4 Kunden)
",
        ),
    ];
    let promise = "\n[[promise]]\nid = \"9k3m\"\nat = 2026-11-21\nby = \"us\"\nwhat = \"offer\"\ndue = 2026-11-30\n";
    for (language, stdout, stderr) in cases {
        let j = journal(language);
        let customers = j.root().join("customers");
        fs::write(
            j.file("acme"),
            "schema = 1\nname = \"ACME\"\n\n[[interaction]]\nat = 2026-11-21\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"called\"\n\n[[interaction]]\nat = 2026-11-22\nchannel = \"cell\"\ndirection = \"out\"\nsummary = \"called\"\n",
        )
        .unwrap();
        fs::write(
            j.file("bolt"),
            format!("schema = 1\nname = \"Bolt\"\n{promise}"),
        )
        .unwrap();
        fs::write(
            customers.join("dino.toml"),
            format!("schema = 1\nname = \"Dino\"\n{promise}"),
        )
        .unwrap();
        fs::write(
            customers.join("cargo.toml"),
            b"schema = 1\nname = \"Cargo\"\n\0\0\0",
        )
        .unwrap();
        fs::write(customers.join("Acme_Old.toml"), "schema = 1\n").unwrap();
        fs::write(customers.join("acme.toml.rej"), "x\n").unwrap();
        fs::write(customers.join("notes.txt"), "x\n").unwrap();
        fs::write(customers.join("bolt.toml.tmp-999999"), "x\n").unwrap();
        checked(&j, &stdout, stderr);
    }
}

/// What a merge and the people of a file leave: conflict markers and a header key changed on
/// both sides, a person added twice, one gone before being added, a `with` naming nobody, and
/// an amount written with a comma.
#[test]
fn merge_markers_people_and_amounts_are_named_in_the_journals_language() {
    let it_marker = |line: &str, shown: &str| {
        format!(
            "customers/acme.toml:{line}: marcatore di conflitto di git {shown:?}: qui git ha unito questo file riga per riga (il driver di merge di coltiva non è partito), spezzando le registrazioni; finché il merge è in corso, unisci di nuovo il file registrazione per registrazione: `coltiva init`, poi `git checkout -m FILE`; altrimenti rimetti intere le registrazioni di ciascuna parte (ogni riga `[[tipo]]` con tutte le sue chiavi) e cancella le righe dei marcatori"
        )
    };
    let de_marker = |line: &str, shown: &str| {
        format!(
            "customers/acme.toml:{line}: git-Konfliktmarkierung {shown:?}: hier hat git diese Datei Zeile für Zeile zusammengeführt (der Merge-Treiber von coltiva lief nicht) und dabei Einträge zerschnitten; solange der Merge läuft, führen Sie die Datei erneut Eintrag für Eintrag zusammen: `coltiva init`, dann `git checkout -m FILE`; sonst setzen Sie die Einträge jeder Seite wieder vollständig zusammen (jede `[[art]]`-Zeile mit allen ihren Schlüsseln) und löschen die Markierungszeilen"
        )
    };
    let cases: [(&str, [String; 8], &str); 2] = [
        (
            "it",
            [
                it_marker("3:1", "<<<<<<< HEAD"),
                "customers/acme.toml:3:1: la chiave `cadence` dell'intestazione è stata cambiata da entrambe le parti: la nostra ha cadence = \"14d\", la loro ha cadence = \"7d\"; tieni una sola riga tra i marcatori, cancella l'altra e le righe dei marcatori".into(),
                it_marker("5:1", "======="),
                it_marker("7:1", ">>>>>>> theirs"),
                "customers/bolt.toml:10:1: la persona \"paola\" è già stata aggiunta alla riga 4: se è la stessa persona scrivi in questa registrazione event = \"changed\", altrimenti dalle un altro id (anche nei suoi campi `with`)".into(),
                "customers/bolt.toml:16:1: registrazione di persona (event = \"left\") per \"gino\", ma nessuna registrazione precedente di questo file aggiunge quella persona (event = \"added\" con un nome); correggi l'id o aggiungi prima la persona".into(),
                "customers/bolt.toml:26:8: with = \"marco\" non indica nessuna persona di questo file; aggiungila (coltiva person add CLIENTE \"NOME\") o correggi l'id".into(),
                "customers/bolt.toml:28:1: [[order]]: importo non valido \"12,5\": in questo giornale i decimali vanno con il punto, es. 1250.40; le migliaia con la virgola, tre cifre per gruppo".into(),
            ],
            "coltiva: 8 problemi in 2 file (su 2 clienti)\n",
        ),
        (
            "de",
            [
                de_marker("3:1", "<<<<<<< HEAD"),
                "customers/acme.toml:3:1: der Kopfschlüssel `cadence` wurde auf beiden Seiten geändert: unsere hat cadence = \"14d\", ihre hat cadence = \"7d\"; behalten Sie eine Zeile zwischen den Markierungen, löschen Sie die andere und die Markierungszeilen".into(),
                de_marker("5:1", "======="),
                de_marker("7:1", ">>>>>>> theirs"),
                "customers/bolt.toml:10:1: die Person \"paola\" wurde bereits in Zeile 4 hinzugefügt: ist es dieselbe Person, schreiben Sie in diesen Eintrag event = \"changed\", sonst geben Sie ihr eine andere ID (auch in ihren `with`-Feldern)".into(),
                "customers/bolt.toml:16:1: Personeneintrag (event = \"left\") für \"gino\", aber kein früherer Eintrag dieser Datei fügt diese Person hinzu (event = \"added\" mit einem Namen); korrigieren Sie die ID oder fügen Sie die Person zuerst hinzu".into(),
                "customers/bolt.toml:26:8: with = \"marco\" nennt keine Person dieser Datei; fügen Sie sie hinzu (coltiva person add KUNDE \"NAME\") oder korrigieren Sie die ID".into(),
                "customers/bolt.toml:28:1: [[order]]: ungültiger Betrag \"12,5\": in diesem Journal nehmen Dezimalstellen einen Punkt, z. B. 1250.40; Tausender nehmen ein Komma und je drei Ziffern".into(),
            ],
            "coltiva: 8 Probleme in 2 Dateien (von 2 Kunden)\n",
        ),
    ];
    for (language, stdout, stderr) in cases {
        let j = journal(language);
        fs::write(
            j.file("acme"),
            "schema = 1\nname = \"ACME\"\n<<<<<<< HEAD\ncadence = \"14d\"\n=======\ncadence = \"7d\"\n>>>>>>> theirs\n",
        )
        .unwrap();
        fs::write(
            j.file("bolt"),
            r#"schema = 1
name = "Bolt"

[[person]]
id = "paola"
at = 2026-11-20
event = "added"
name = "Paola Rossi"

[[person]]
id = "paola"
at = 2026-11-21
event = "added"
name = "Paola Bianchi"

[[person]]
id = "gino"
at = 2026-11-21
event = "left"

[[interaction]]
at = 2026-11-22
channel = "call"
direction = "out"
summary = "called"
with = "marco"

[[order]]
at = 2026-11-22
amount = "12,5"

[[order]]
at = 2026-11-22
amount = 5
"#,
        )
        .unwrap();
        let stdout: Vec<&str> = stdout.iter().map(String::as_str).collect();
        checked(&j, &stdout, stderr);
    }
}

/// The rules of one record alone: a promise id that cannot be typed, a renegotiation without
/// its new due date, a due date on a kept promise, a person added without a name and with an
/// e-mail address that is none.
#[test]
fn the_rules_of_one_record_are_named_in_the_journals_language() {
    let cases: [(&str, [&str; 5], &str); 2] = [
        (
            "it",
            [
                "customers/acme.toml:5:6: l'id di promessa \"Offer 1\" non si può usare per indicarla: usa al massimo 6 dei caratteri 0123456789abcdefghjkmnpqrstvwxyz",
                "customers/acme.toml:18:1: un esito con status = \"renegotiated\" richiede la nuova scadenza (due = AAAA-MM-GG)",
                "customers/acme.toml:27:7: due va solo negli esiti con status = \"renegotiated\", non in quelli con status = \"kept\" (mantenuta)",
                "customers/acme.toml:29:1: la persona \"paola\" viene aggiunta senza nome (name = \"…\")",
                "customers/acme.toml:33:9: indirizzo e-mail non valido \"paola.acme.it\": atteso nome@dominio.it, es. paola@acme.it",
            ],
            "coltiva: 5 problemi in 1 file (su 2 clienti)\n",
        ),
        (
            "de",
            [
                "customers/acme.toml:5:6: mit der Zusagen-ID \"Offer 1\" lässt sich die Zusage nicht angeben: verwenden Sie höchstens 6 der Zeichen 0123456789abcdefghjkmnpqrstvwxyz",
                "customers/acme.toml:18:1: ein Abschluss mit status = \"renegotiated\" braucht das neue Fälligkeitsdatum (due = JJJJ-MM-TT)",
                "customers/acme.toml:27:7: due gehört nur zu Abschlüssen mit status = \"renegotiated\", nicht zu status = \"kept\" (eingehalten)",
                "customers/acme.toml:29:1: die Person \"paola\" wird ohne Namen hinzugefügt (name = \"…\")",
                "customers/acme.toml:33:9: ungültige E-Mail-Adresse \"paola.acme.it\": erwartet vorname@firma.de, z. B. paola@acme.it",
            ],
            "coltiva: 5 Probleme in 1 Datei (von 2 Kunden)\n",
        ),
    ];
    for (language, stdout, stderr) in cases {
        let j = journal(language);
        fs::write(
            j.file("acme"),
            r#"schema = 1
name = "ACME"

[[promise]]
id = "Offer 1"
at = 2026-11-20
by = "us"
what = "offer"
due = 2026-11-30

[[promise]]
id = "7k3m"
at = 2026-11-20
by = "us"
what = "offer"
due = 2026-11-30

[[resolution]]
promise = "7k3m"
at = 2026-11-21
status = "renegotiated"

[[resolution]]
promise = "7k3m"
at = 2026-11-22
status = "kept"
due = 2026-12-05

[[person]]
id = "paola"
at = 2026-11-20
event = "added"
email = ["paola.acme.it"]
"#,
        )
        .unwrap();
        checked(&j, &stdout, stderr);
    }
}

/// A branch ref full of NULs (a crash before git's files reached the disk), named with git's
/// own words inside the journal's sentence.
#[test]
fn a_damaged_git_history_is_named_in_the_journals_language() {
    let cases = [
        (
            "it",
            "git: il branch attuale non si legge (warning: ignoring broken ref REF): la storia del repository è danneggiata (un crash prima che i file di git arrivassero sul disco?); i file dei clienti sono intatti. `git fsck --full` elenca ciò che manca; se c'è un remote, clonalo di nuovo, copia customers/ e coltiva.toml nel clone e fai lì il commit",
            "coltiva: 1 problema in 1 file (su 1 cliente)\n",
        ),
        (
            "de",
            "git: der aktuelle Branch ist nicht lesbar (warning: ignoring broken ref REF): die Geschichte des Repositorys ist beschädigt (ein Absturz, bevor die Dateien von git auf der Festplatte waren?); die Kundendateien sind nicht betroffen. `git fsck --full` listet auf, was fehlt; mit einem Remote klonen Sie es erneut, kopieren customers/ und coltiva.toml in den Klon und committen dort",
            "coltiva: 1 Problem in 1 Datei (von 1 Kunden)\n",
        ),
    ];
    for (language, said, stderr) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let config = common::gitconfig(tmp.path());
        let root = tmp.path().join("journal");
        let mut init = bare(tmp.path());
        common::with_git(&mut init, &config);
        Run::of(
            init.args(["init", "--git", "--locale", language])
                .arg(&root),
        )
        .ok();
        let git_coltiva = |args: &[&str]| {
            let mut cmd = coltiva(&root);
            common::with_git(&mut cmd, &config);
            Run::of(cmd.args(args))
        };
        git_coltiva(&["add", "ACME", "--id", "acme"]).ok();
        let branch = common::git(&root, &config, &["symbolic-ref", "HEAD"]);
        let branch = branch.trim();
        fs::write(root.join(".git").join(branch), [0u8; 41]).unwrap();
        let before = files(&root);
        let run = git_coltiva(&["check"]);
        assert_eq!(run.code, 1, "{run:?}");
        let said = said.replace("REF", branch);
        assert_eq!(run.stdout, format!("{}: {said}\n", root.display()));
        assert_eq!(run.stderr, stderr);
        assert_unchanged(&before, &files(&root), "check");
    }
}
