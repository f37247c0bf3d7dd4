//! What storage, the settings and the id rules refuse, in the journal's language (issue 26):
//! each refusal triggered in an Italian and a German journal, with its exact text on stderr,
//! its exit code, and no file changed. English stays as it was (the other test files pin it).

use crate::common;

use std::fs;

use common::*;

/// A journal whose coltiva.toml is the one `init --locale LANGUAGE` writes.
fn journal(language: &str) -> Journal {
    let j = Journal::in_language(language);
    j.add("ACME", &["--id", "acme"]);
    j.add("Bolt", &["--id", "bolt"]);
    j.ok(["log", "acme", "first"]);
    j
}

/// Runs `args` (with `COLTIVA_FAULT=fault` when given) and asserts exit `code`, nothing on
/// stdout, exactly `said` on stderr (after "coltiva: "), and every byte of the journal as it was.
#[track_caller]
fn refused(j: &Journal, fault: Option<&str>, args: &[&str], code: i32, said: &str) {
    let before = j.files();
    let mut cmd = j.cmd();
    if let Some(fault) = fault {
        cmd.env("COLTIVA_FAULT", fault);
    }
    let run = Run::of(cmd.args(args));
    assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
    assert_eq!(run.stdout, "", "{args:?}");
    assert_eq!(run.stderr, format!("coltiva: {said}\n"), "{args:?}");
    assert_unchanged(&before, &j.files(), &format!("{args:?}"));
}

fn path(j: &Journal, rel: &str) -> String {
    j.root().join(rel).display().to_string()
}

#[test]
fn a_bad_id_is_refused_in_the_journals_language() {
    let cases: [(&str, [&str; 5]); 2] = [
        (
            "it",
            [
                "l'id cliente \"Acme\" non è valido: usa da 1 a 64 lettere minuscole, cifre e trattini, cominciando con una lettera o una cifra; scegline un altro con --id",
                "l'id \"con\" è un nome di dispositivo riservato di Windows, dove una copia del giornale non potrebbe contenere il file; scegline un altro con --id",
                "impossibile ricavare un id dal nome \"!!\": non ha né lettere né cifre; indicane uno con --id",
                "l'id cliente \"-x\" non è valido: usa da 1 a 64 lettere minuscole, cifre e trattini, cominciando con una lettera o una cifra; scegli un altro nuovo id",
                "esiste già un cliente bolt ({bolt}); scegli un altro id",
            ],
        ),
        (
            "de",
            [
                "ungültige Kunden-ID \"Acme\": verwenden Sie 1 bis 64 Kleinbuchstaben, Ziffern und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer; wählen Sie mit --id eine andere",
                "die ID \"con\" ist unter Windows ein reservierter Gerätename; ein Klon des Journals könnte die Datei dort nicht anlegen; wählen Sie mit --id eine andere",
                "aus dem Namen \"!!\" lässt sich keine ID bilden: er enthält weder Buchstaben noch Ziffern; geben Sie eine mit --id an",
                "ungültige Kunden-ID \"-x\": verwenden Sie 1 bis 64 Kleinbuchstaben, Ziffern und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer; wählen Sie eine andere neue ID",
                "es gibt bereits einen Kunden bolt ({bolt}); wählen Sie eine andere ID",
            ],
        ),
    ];
    for (language, [malformed, reserved, no_id, rename_bad, taken]) in cases {
        let j = journal(language);
        let bolt = path(&j, "customers/bolt.toml");
        refused(&j, None, &["add", "Acme", "--id", "Acme"], 2, malformed);
        refused(&j, None, &["add", "Con", "--id", "con"], 2, reserved);
        refused(&j, None, &["add", "!!"], 2, no_id);
        refused(&j, None, &["rename", "acme", "--", "-x"], 2, rename_bad);
        refused(
            &j,
            None,
            &["rename", "acme", "bolt"],
            1,
            &taken.replace("{bolt}", &bolt),
        );
    }
    // English as before.
    let j = Journal::new();
    refused(
        &j,
        None,
        &["add", "Acme", "--id", "Acme"],
        2,
        "invalid customer id \"Acme\": use 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit; choose another with --id",
    );
}

#[test]
fn bad_settings_are_refused_in_the_language_they_name() {
    let cases = [
        (
            "it",
            "{settings}: lo schema 9 è più recente di quello che questo coltiva conosce (schema 1); aggiorna coltiva",
            "{settings}: new_days e lost_days devono valere almeno 1",
        ),
        (
            "de",
            "{settings}: Schema 9 ist neuer, als diese coltiva-Version versteht (Schema 1); aktualisieren Sie coltiva",
            "{settings}: new_days und lost_days müssen mindestens 1 sein",
        ),
    ];
    for (language, newer, zero) in cases {
        let j = journal(language);
        let settings = path(&j, "coltiva.toml");
        j.edit_settings(&[("schema = 1", "schema = 9")]);
        refused(
            &j,
            None,
            &["list"],
            1,
            &newer.replace("{settings}", &settings),
        );
        j.edit_settings(&[
            ("schema = 9", "schema = 1"),
            ("new_days = 90", "new_days = 0"),
        ]);
        refused(
            &j,
            None,
            &["log", "acme", "x"],
            1,
            &zero.replace("{settings}", &settings),
        );
    }
}

// Unix: symbolic links and FIFOs (Windows needs a privilege for links, has no FIFOs).
#[cfg(unix)]
#[test]
fn hostile_files_are_refused_in_the_journals_language() {
    let cases = [
        (
            "it",
            "{p} è un collegamento simbolico; coltiva legge e scrive solo file normali dentro il giornale (sostituisci il collegamento con il file stesso)",
            "{p} non è un file normale (è una cartella); spostalo fuori dal giornale, poi esegui di nuovo il comando",
            "{p} non è un file normale (è una pipe con nome (FIFO)); spostalo fuori dal giornale, poi esegui di nuovo il comando",
            "{p} è un collegamento simbolico; coltiva legge e scrive solo dentro il giornale, e un collegamento (magari messo in un commit da qualcun altro) potrebbe puntare ovunque: sostituiscilo con una cartella vera, poi esegui di nuovo il comando",
        ),
        (
            "de",
            "{p} ist ein symbolischer Link; coltiva liest und schreibt nur reguläre Dateien innerhalb des Journals (ersetzen Sie den Link durch die Datei selbst)",
            "{p} ist keine reguläre Datei (sondern ein Ordner); verschieben Sie es aus dem Journal und führen Sie den Befehl dann erneut aus",
            "{p} ist keine reguläre Datei (sondern eine benannte Pipe (FIFO)); verschieben Sie es aus dem Journal und führen Sie den Befehl dann erneut aus",
            "{p} ist ein symbolischer Link; coltiva liest und schreibt nur innerhalb des Journals, und ein Link (vielleicht von jemand anderem committet) könnte überallhin zeigen: ersetzen Sie ihn durch einen echten Ordner und führen Sie den Befehl dann erneut aus",
        ),
    ];
    for (language, link, folder, fifo, linked_folder) in cases {
        let j = journal(language);
        let outside = j.tmp().join("outside.toml");
        fs::write(&outside, "schema = 1\nname = \"Outside\"\n").unwrap();
        std::os::unix::fs::symlink(&outside, j.root().join("customers/outside.toml")).unwrap();
        let p = path(&j, "customers/outside.toml");
        refused(
            &j,
            None,
            &["log", "outside", "x"],
            1,
            &link.replace("{p}", &p),
        );
        fs::remove_file(j.root().join("customers/outside.toml")).unwrap();
        assert_eq!(
            fs::read_to_string(&outside).unwrap(),
            "schema = 1\nname = \"Outside\"\n"
        );

        fs::create_dir(j.root().join("customers/zeta.toml")).unwrap();
        let p = path(&j, "customers/zeta.toml");
        refused(
            &j,
            None,
            &["log", "zeta", "x"],
            1,
            &folder.replace("{p}", &p),
        );
        fs::remove_dir(j.root().join("customers/zeta.toml")).unwrap();

        let pipe = j.root().join("customers/pipe.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(status.success());
        let p = path(&j, "customers/pipe.toml");
        refused(&j, None, &["show", "pipe"], 1, &fifo.replace("{p}", &p));
        fs::remove_file(&pipe).unwrap();

        let real = j.tmp().join("moved-customers");
        fs::rename(j.root().join("customers"), &real).unwrap();
        std::os::unix::fs::symlink(&real, j.root().join("customers")).unwrap();
        let p = path(&j, "customers");
        refused(&j, None, &["list"], 1, &linked_folder.replace("{p}", &p));
    }
}

// Unix: the system's own error text ("No space left on device (os error 28)") is in the
// message as the system gives it, and Windows words it differently.
#[cfg(unix)]
#[test]
fn failed_writes_are_reported_in_the_journals_language() {
    let cases = [
        (
            "it",
            "impossibile scrivere in {p}: No space left on device (os error 28); non è stato salvato nulla, il file è esattamente com'era; libera spazio sul disco, poi esegui di nuovo il comando",
            "impossibile completare sul disco la scrittura di {tmp}: Input/output error (os error 5); non è stato salvato nulla, il giornale è com'era; controlla il disco (è pieno, in sola lettura o guasto?), poi esegui di nuovo il comando",
            "impossibile sostituire {p}: ",
            "; è aperto in un altro programma (un editor, un foglio di calcolo, un programma di sincronizzazione o un antivirus)? chiudilo, poi esegui di nuovo il comando; nulla è cambiato",
        ),
        (
            "de",
            "in {p} konnte nicht geschrieben werden: No space left on device (os error 28); nichts wurde gespeichert, die Datei ist genau wie vorher; schaffen Sie Platz auf dem Datenträger und führen Sie den Befehl dann erneut aus",
            "{tmp} konnte nicht dauerhaft auf den Datenträger geschrieben werden: Input/output error (os error 5); nichts wurde gespeichert, das Journal ist unverändert; prüfen Sie den Datenträger (ist er voll, schreibgeschützt oder defekt?) und führen Sie den Befehl dann erneut aus",
            "{p} konnte nicht ersetzt werden: ",
            "; ist die Datei in einem anderen Programm geöffnet (einem Editor, einer Tabellenkalkulation, einem Synchronisations- oder Virenschutzprogramm)? Schließen Sie sie und führen Sie den Befehl dann erneut aus; nichts wurde geändert",
        ),
    ];
    for (language, full, flush, busy_start, busy_end) in cases {
        let j = journal(language);
        let p = path(&j, "customers/acme.toml");
        refused(
            &j,
            Some("enospc-after:0"),
            &["order", "acme", "500"],
            1,
            &full.replace("{p}", &p),
        );
        // The temporary file of an atomic replace is named after the process: the message
        // names it, so only its folder and what follows it are pinned.
        let before = j.files();
        let run = Run::of(j.cmd().env("COLTIVA_FAULT", "fsync-fail").args([
            "set",
            "acme",
            "territory=Milano",
        ]));
        assert_eq!(run.code, 1, "{}", run.stderr);
        let (start, end) = flush.split_once("{tmp}").unwrap();
        let said = run.stderr.strip_prefix("coltiva: ").unwrap();
        assert!(said.starts_with(start), "{said}");
        assert!(said.ends_with(&format!("{end}\n")), "{said}");
        assert!(said.contains(&path(&j, "customers/")), "{said}");
        assert_unchanged(&before, &j.files(), "set under fsync-fail");

        let run = Run::of(j.cmd().env("COLTIVA_FAULT", "replace-busy").args([
            "set",
            "acme",
            "territory=Milano",
        ]));
        assert_eq!(run.code, 1, "{}", run.stderr);
        let said = run.stderr.strip_prefix("coltiva: ").unwrap();
        assert!(said.starts_with(&busy_start.replace("{p}", &p)), "{said}");
        assert!(said.ends_with(&format!("{busy_end}\n")), "{said}");
        assert_unchanged(&before, &j.files(), "set of a held file");
    }
}

/// A customer file whose line 12 is broken, with two whole records after it.
const BROKEN_IN_THE_MIDDLE: &str = "at = = 1\n\n[[interaction]]\nat = 2026-11-20\nchannel = \"call\"\nsummary = \"a\"\ndirection = \"out\"\n\n[[interaction]]\nat = 2026-11-21\nchannel = \"call\"\nsummary = \"b\"\ndirection = \"out\"\n";

#[test]
fn repair_and_undo_refuse_in_the_journals_language() {
    let cases = [
        (
            "it",
            "\nrepair sposterebbe 3 registrazioni (dalla riga 6) in {p}.rej; il problema non è solo un'ultima registrazione rotta.\ncorreggilo a mano con `coltiva edit acme`, o esegui `coltiva repair acme --force` per metterle da parte\n",
            "\nnessuna parte del file si legge, nemmeno l'intestazione; correggilo a mano con `coltiva edit acme`\n",
            "{u} è danneggiato (expected value at line 1 column 1); cancellalo (undo allora non avrà nulla da annullare)",
        ),
        (
            "de",
            "\nrepair würde 3 Einträge (ab Zeile 6) nach {p}.rej verschieben; das Problem ist nicht nur ein kaputter letzter Eintrag.\nKorrigieren Sie die Datei von Hand mit `coltiva edit acme`, oder legen Sie die Einträge mit `coltiva repair acme --force` beiseite\n",
            "\nkein Teil der Datei lässt sich lesen, nicht einmal der Kopf; korrigieren Sie sie von Hand mit `coltiva edit acme`\n",
            "{u} ist beschädigt (expected value at line 1 column 1); löschen Sie die Datei (undo hat dann nichts rückgängig zu machen)",
        ),
    ];
    for (language, too_many, nothing, damaged) in cases {
        let j = journal(language);
        let p = path(&j, "customers/acme.toml");
        // The first line of each is the parser's own (English) location and message.
        let repair_refused = |text: &str, end: &str| {
            fs::write(j.file("acme"), text).unwrap();
            let before = j.files();
            let run = j.run(["repair", "acme"]);
            assert_eq!(run.code, 1, "{}", run.stderr);
            assert!(
                run.stderr.starts_with(&format!("coltiva: {p}:")),
                "{}",
                run.stderr
            );
            assert!(run.stderr.ends_with(end), "{language}: {}", run.stderr);
            assert_eq!(
                run.stderr.lines().count(),
                end.lines().count(),
                "{}",
                run.stderr
            );
            assert_unchanged(&before, &j.files(), "repair");
        };
        let whole = j.text("acme");
        repair_refused(
            &format!("{whole}{BROKEN_IN_THE_MIDDLE}"),
            &too_many.replace("{p}", &p),
        );
        repair_refused("x = = =\n", nothing);
        fs::write(j.file("acme"), &whole).unwrap();

        fs::write(j.root().join(".cache/undo.json"), "garbage").unwrap();
        let u = path(&j, ".cache/undo.json");
        refused(&j, None, &["undo"], 1, &damaged.replace("{u}", &u));
    }
}

// Unix: the editor is a shell script.
#[cfg(unix)]
#[test]
fn an_edit_check_would_refuse_is_named_in_the_journals_language() {
    use std::os::unix::fs::PermissionsExt;
    let cases = [
        (
            "it",
            "coltiva: il file modificato non supererebbe `coltiva check`:\n  {p}:12:1: tipo di registrazione sconosciuto [[Promise]]",
        ),
        (
            "de",
            "coltiva: die bearbeitete Datei würde `coltiva check` nicht bestehen:\n  {p}:12:1: ",
        ),
    ];
    for (language, said) in cases {
        let j = journal(language);
        let script = j.tmp().join("promise.sh");
        fs::write(
            &script,
            "#!/bin/sh\nprintf '[[Promise]]\\nwhat = \"x\"\\n' >> \"$1\"\n",
        )
        .unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        let before = j.files();
        let run = Run::of(j.cmd().args(["edit", "acme"]).env("VISUAL", &script));
        assert_eq!(run.code, 1, "{}", run.stderr);
        let p = path(&j, "customers/acme.toml");
        assert!(
            run.stderr.starts_with(&said.replace("{p}", &p)),
            "{language}: {}",
            run.stderr
        );
        // The problem itself is check's, worded in the journal's language too.
        assert!(
            !run.stderr.contains("unknown"),
            "{language}: {}",
            run.stderr
        );
        assert_unchanged(&before, &j.files(), "edit");
    }
}

/// `init` has no journal to ask: what it refuses is in the language of its `--locale`.
#[test]
fn init_refuses_in_the_language_of_its_locale() {
    let cases = [
        (
            "it",
            "{p} esiste ma contiene solo byte NUL (era in creazione quando il computer si è fermato?): non sono le impostazioni di un giornale; nulla è cambiato; correggilo a mano, o mettilo da parte (`mv {p} {p}.bad`) ed esegui di nuovo `coltiva init`",
            "{p} è una cartella, non un file di impostazioni; spostalo fuori dal giornale, poi esegui di nuovo `coltiva init`",
        ),
        (
            "de",
            "{p} ist vorhanden, enthält aber nur NUL-Bytes (wurde die Datei gerade angelegt, als der Rechner ausfiel?): das sind nicht die Einstellungen eines Journals; nichts wurde geändert; korrigieren Sie die Datei von Hand oder legen Sie sie beiseite (`mv {p} {p}.bad`) und führen Sie `coltiva init` erneut aus",
            "{p} ist ein Ordner, keine Einstellungsdatei; verschieben Sie es aus dem Journal und führen Sie dann `coltiva init` erneut aus",
        ),
        (
            "en",
            "{p} exists but holds only NUL bytes (it was being created when the machine stopped?): it is not a journal's settings; nothing was changed; fix it by hand, or move it aside (`mv {p} {p}.bad`) and run `coltiva init` again",
            "{p} is a folder, not a settings file; move it out of the journal, then run `coltiva init` again",
        ),
    ];
    for (language, nul, folder) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        fs::create_dir(&root).unwrap();
        let settings = root.join("coltiva.toml");
        let p = settings.display().to_string();
        let init = || {
            let before = files(&root);
            let run = Run::of(
                bare(tmp.path())
                    .args(["init", "--locale", language])
                    .arg(&root),
            );
            assert_unchanged(&before, &files(&root), "init");
            run
        };
        fs::write(&settings, [0u8; 40]).unwrap();
        let run = init();
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(run.stderr, format!("coltiva: {}\n", nul.replace("{p}", &p)));
        fs::remove_file(&settings).unwrap();
        fs::create_dir(&settings).unwrap();
        let run = init();
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!("coltiva: {}\n", folder.replace("{p}", &p))
        );
    }
}

/// A customer file the user may not read, and a customers folder the user may not list: the
/// system's refusal, in the journal's language around the system's own words. Root ignores
/// permissions (CI runs as root): then the journal is handed to `nobody` and the binary runs as
/// `nobody` through `setpriv` (util-linux), as in hostile.rs; a test that cannot run fails.
#[cfg(unix)]
#[test]
fn a_file_the_user_may_not_read_is_refused_in_the_journals_language() {
    use std::os::unix::fs::PermissionsExt;
    const NOBODY: u32 = 65534;
    let cases = [
        (
            "it",
            "impossibile aprire {p}: Permission denied (os error 13)",
            "impossibile leggere il contenuto di {p}: Permission denied (os error 13)",
        ),
        (
            "de",
            "{p} konnte nicht geöffnet werden: Permission denied (os error 13)",
            "der Inhalt von {p} konnte nicht gelesen werden: Permission denied (os error 13)",
        ),
        (
            "en",
            "could not open {p}: Permission denied (os error 13)",
            "could not list {p}: Permission denied (os error 13)",
        ),
    ];
    for (language, unreadable, unlisted) in cases {
        let j = journal(language);
        let file = j.file("acme");
        let customers = j.root().join("customers");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
        let privileged = fs::read(&file).is_ok();
        if privileged {
            let mut entries = vec![j.tmp().to_path_buf(), j.root().to_path_buf()];
            entries.extend(j.files().keys().map(|rel| j.root().join(rel)));
            for entry in entries {
                std::os::unix::fs::lchown(&entry, Some(NOBODY), Some(NOBODY)).unwrap();
            }
        }
        let refused = |args: &[&str], said: &str, p: &std::path::Path| {
            let mut cmd = if privileged {
                let mut cmd = std::process::Command::new("setpriv");
                cmd.arg(format!("--reuid={NOBODY}"))
                    .arg(format!("--regid={NOBODY}"))
                    .arg("--clear-groups")
                    .arg(BIN)
                    .arg("--dir")
                    .arg(j.root())
                    .args(["--today", TODAY])
                    .current_dir(j.tmp())
                    .env("NO_COLOR", "1")
                    .env_remove("COLTIVA_DIR")
                    .stdin(std::process::Stdio::null());
                assert_cmd::Command::from_std(cmd)
            } else {
                j.cmd()
            };
            let before = j.files();
            let run = Run::of(cmd.args(args));
            assert_eq!(run.code, 1, "{}", run.stderr);
            assert_eq!(
                run.stderr,
                format!(
                    "coltiva: {}\n",
                    said.replace("{p}", &p.display().to_string())
                )
            );
            assert_unchanged(&before, &j.files(), &format!("{args:?}"));
        };
        refused(&["log", "acme", "x"], unreadable, &file);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
        fs::set_permissions(&customers, fs::Permissions::from_mode(0o000)).unwrap();
        refused(&["list"], unlisted, &customers);
        fs::set_permissions(&customers, fs::Permissions::from_mode(0o700)).unwrap();
    }
}

/// `init --git` where git cannot be started: the journal is made, and what git could not do is
/// said in the language of `--locale`, around the system's own words.
#[cfg(unix)]
#[test]
fn git_that_cannot_run_is_named_in_the_language_of_the_journal() {
    let cases = [
        (
            "it",
            "coltiva: impossibile avviare git per creare un repository: No such file or directory (os error 2)\n",
        ),
        (
            "de",
            "coltiva: git konnte zum Anlegen eines Repositorys nicht gestartet werden: No such file or directory (os error 2)\n",
        ),
        (
            "en",
            "coltiva: could not run git to create a repository: No such file or directory (os error 2)\n",
        ),
    ];
    for (language, said) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let empty = tmp.path().join("no-programs");
        fs::create_dir(&empty).unwrap();
        let root = tmp.path().join("journal");
        let run = Run::of(
            bare(tmp.path())
                .env("PATH", &empty)
                .args(["init", "--git", "--locale", language])
                .arg(&root),
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.ends_with(said), "{language}: {}", run.stderr);
        assert!(root.join("coltiva.toml").is_file());
    }
}

/// The warning about this clone's merge driver, which every command gives once, is in the
/// journal's language: not registered, and registered but gone.
#[test]
fn the_merge_driver_warning_is_in_the_journals_language() {
    let cases = [
        (
            "it",
            "coltiva: questo clone non ha registrato il driver di merge di coltiva, quindi `git pull` unirebbe i file dei clienti riga per riga e si fermerebbe su ogni cliente in comune; esegui qui `coltiva init` una volta per registrarlo\n",
            "coltiva: il driver di merge registrato in questo clone non può essere eseguito (/nonexistent/coltiva non c'è più (spostato o aggiornato?)): `git pull` si fermerebbe su ogni cliente cambiato da entrambe le parti, lasciando fuori dal file le registrazioni dell'altra parte; esegui di nuovo qui `coltiva init` per registrare questo coltiva\n",
        ),
        (
            "de",
            "coltiva: dieser Klon hat den Merge-Treiber von coltiva nicht registriert, daher würde `git pull` Kundendateien Zeile für Zeile zusammenführen und bei jedem gemeinsamen Kunden anhalten; führen Sie hier einmal `coltiva init` aus, um ihn zu registrieren\n",
            "coltiva: der in diesem Klon registrierte Merge-Treiber kann nicht laufen (/nonexistent/coltiva ist nicht mehr da (verschoben oder aktualisiert?)): `git pull` würde bei jedem Kunden anhalten, der auf beiden Seiten geändert wurde, und die Einträge der anderen Seite aus der Datei lassen; führen Sie hier erneut `coltiva init` aus, um diese coltiva-Version zu registrieren\n",
        ),
    ];
    for (language, unregistered, gone) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        let config = gitconfig(tmp.path());
        let mut init = bare(tmp.path());
        with_git(&mut init, &config);
        Run::of(
            init.args(["init", "--git", "--locale", language])
                .arg(&root),
        )
        .ok();
        let list = || {
            let mut cmd = coltiva(&root);
            with_git(&mut cmd, &config);
            Run::of(cmd.arg("list")).ok()
        };
        git(
            &root,
            &config,
            &["config", "--local", "--unset", "merge.coltiva.driver"],
        );
        assert!(list().stderr.starts_with(unregistered), "{language}");
        git(
            &root,
            &config,
            &[
                "config",
                "--local",
                "merge.coltiva.driver",
                "'/nonexistent/coltiva' merge-driver %O %A %B %P",
            ],
        );
        assert!(list().stderr.starts_with(gone), "{language}");
    }
}

/// What an append or a header edit refuses, in the journal's language: an id taken, a file
/// that does not parse (never appended to), a record that would break the file, a header that
/// cannot be edited in place, a tag or attribute the customer does not have.
#[test]
fn appends_and_header_edits_refuse_in_the_journals_language() {
    let cases = [
        (
            "it",
            [
                "esiste già un cliente con id \"acme\" ({p}); scegline un altro con --id",
                "\nnon è stato aggiunto nulla: correggi il file a mano (`coltiva edit acme`) o metti da parte una coda rotta con `coltiva repair acme`\n",
                "{p}: impossibile aggiungere la registrazione: il file non si leggerebbe più (duplicate key a {at} del risultato; un tipo di registrazione è scritto in un'altra forma TOML?); non è stato aggiunto nulla",
                "l'intestazione di {p} non si può modificare in sicurezza (un valore su più righe che sembra una tabella?); modificala a mano con `coltiva edit acme`",
                "tags-=vip: ACME non ha il tag \"vip\" (i suoi tag: b2b)",
                "zone=: ACME non ha un attributo \"zone\" da togliere",
            ],
        ),
        (
            "de",
            [
                "es gibt bereits einen Kunden mit der ID \"acme\" ({p}); wählen Sie mit --id eine andere",
                "\nnichts wurde angefügt: korrigieren Sie die Datei von Hand (`coltiva edit acme`) oder legen Sie ein kaputtes Ende mit `coltiva repair acme` beiseite\n",
                "{p}: der Eintrag kann nicht angefügt werden: die Datei ließe sich dann nicht mehr lesen (duplicate key bei {at} des Ergebnisses; ist eine Eintragsart in einer anderen TOML-Form geschrieben?); nichts wurde angefügt",
                "der Kopf von {p} lässt sich nicht sicher bearbeiten (ein mehrzeiliger Wert, der wie eine Tabelle aussieht?); bearbeiten Sie ihn von Hand mit `coltiva edit acme`",
                "tags-=vip: ACME hat kein Tag \"vip\" (vorhandene Tags: b2b)",
                "zone=: ACME hat kein Attribut \"zone\", das entfernt werden könnte",
            ],
        ),
    ];
    for (language, [exists, broken, would_break, header, tag, attribute]) in cases {
        let j = journal(language);
        let p = path(&j, "customers/acme.toml");
        let at = |text: &str| text.replace("{p}", &p);
        refused(&j, None, &["add", "ACME", "--id", "acme"], 2, &at(exists));
        j.ok(["set", "acme", "tags+=b2b"]);
        refused(&j, None, &["set", "acme", "tags-=vip"], 2, &at(tag));
        refused(&j, None, &["set", "acme", "zone="], 2, &at(attribute));

        let whole = j.text("acme");
        // A multi-line value whose line looks like a table: the header is not edited.
        fs::write(
            j.file("acme"),
            whole.replacen("\n[[", "notes = \"\"\"\n[[order]]\n\"\"\"\n\n[[", 1),
        )
        .unwrap();
        refused(
            &j,
            None,
            &["set", "acme", "territory=Milano"],
            1,
            &at(header),
        );

        // A file that does not parse is never appended to; the first line is the parser's.
        fs::write(j.file("acme"), format!("{whole}oops = = 1\n")).unwrap();
        let before = j.files();
        let run = j.run(["log", "acme", "x"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("coltiva: {p}:")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.ends_with(broken), "{language}: {}", run.stderr);
        assert_unchanged(&before, &j.files(), "log on a broken file");

        // Records written in another TOML form: one more would not parse.
        let plain = whole.split("\n[[").next().unwrap().to_string();
        fs::write(j.file("acme"), format!("{plain}\ninteraction = []\n")).unwrap();
        let before = j.files();
        let run = j.run(["log", "acme", "x"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!("coltiva: {}\n", at(would_break).replace("{at}", "10:3"))
        );
        assert_unchanged(&before, &j.files(), "log on records of another form");
    }
}
