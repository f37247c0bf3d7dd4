//! An Italian journal end to end (PRODUCT.md §8.4): `init --locale it`, records typed the
//! Italian way (amounts with a decimal comma, dates with slashes, Italian weekdays and
//! channel words), a CSV file separated by semicolons, and the report in Italian.

use crate::common;

use std::fs;
use std::path::PathBuf;

use common::{Run, assert_unchanged, bare, coltiva, files};

/// A journal made by `coltiva init --locale it` in a temporary folder.
struct Italian {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Italian {
    fn new() -> Italian {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("diario");
        Run::of(bare(tmp.path()).args(["init", "--locale", "it"]).arg(&root)).ok();
        Italian { _tmp: tmp, root }
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(coltiva(&self.root).args(args))
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}\n{}", run.stderr);
        run
    }

    /// Asserts the exit code, the message, an empty stdout and that no byte changed.
    #[track_caller]
    fn fails(&self, args: &[&str], code: i32, message: &str) {
        let before = files(&self.root);
        let run = self.run(args);
        assert_eq!(run.code, code, "{args:?}\n{}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
        assert_unchanged(&before, &files(&self.root), &format!("{args:?}"));
    }

    fn customer(&self, id: &str) -> String {
        fs::read_to_string(self.root.join("customers").join(format!("{id}.toml"))).unwrap()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.root.parent().unwrap().join(name);
        fs::write(&path, text).unwrap();
        path
    }
}

/// `text` with each random promise id replaced by `PID_n` (same length), so snapshots are
/// stable: the ids come from `promises --format json`.
fn stable(j: &Italian, text: &str) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&j.ok(&["promises", "--format", "json"]).stdout).unwrap();
    let mut out = text.to_string();
    for (n, row) in json.as_array().unwrap().iter().enumerate() {
        let id = row["id"].as_str().unwrap();
        out = out.replace(id, &format!("PID_{n:02}"));
    }
    out
}

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn init_locale_it_writes_the_locale_table() {
    let j = Italian::new();
    let settings = fs::read_to_string(j.root.join("coltiva.toml")).unwrap();
    assert!(
        settings.contains(
            "[locale]\ndecimal = \",\"\ndate_order = \"dmy\"\ncurrency = \"EUR\"\nlanguage = \"it\"\n"
        ),
        "{settings}"
    );
    j.ok(&["check"]);
}

#[test]
fn init_locale_leaves_an_existing_journal_as_it_is() {
    let j = Italian::new();
    let before = files(&j.root);
    let run = Run::of(bare(&j.root).args(["init", "--locale", "en"]).arg(&j.root)).ok();
    assert!(
        run.stderr.contains("is already a journal; its settings were not changed (for --locale en, add a [locale] table"),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &files(&j.root), "init --locale on a journal");
}

#[test]
fn init_refuses_an_unknown_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let run = Run::of(bare(tmp.path()).args(["init", "--locale", "fr"]).arg("x"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("fr"), "{}", run.stderr);
    assert!(!tmp.path().join("x").exists());
}

/// The Italian journal of the issue, typed as an Italian firm would.
fn italian_journal() -> Italian {
    let j = Italian::new();
    let id = j.ok(&[
        "add",
        "Termoidraulica Bergamasca S.a.s. di Colombo Gianni & C.",
    ]);
    assert_eq!(id.stdout, "termoidraulica-bergamasca\n");
    let id = j.ok(&["add", "Caffè Nerò S.n.c. di Bianchi & C."]);
    assert_eq!(id.stdout, "caffe-nero\n");
    j.ok(&["add", "Rossi Impianti S.r.l."]);
    let order = j.ok(&[
        "order",
        "rossi",
        "1.250,40",
        "--at",
        "20/11/2026",
        "--ref",
        "F-101",
    ]);
    assert!(
        order.stderr.contains(
            "registrato un ordine di 1.250,40 € da Rossi Impianti S.r.l. (rossi-impianti) il 20/11/2026"
        ),
        "{}",
        order.stderr
    );
    j.ok(&["order", "caffe-nero", "980", "--at", "18/11"]);
    j.ok(&[
        "log",
        "rossi",
        "Sentito Marco per il listino",
        "--channel",
        "telefonata",
        "--at",
        "ieri",
    ]);
    j.ok(&[
        "log",
        "termoidraulica",
        "Visita in cantiere",
        "--channel",
        "visita",
        "--at",
        "venerdì",
    ]);
    j.ok(&[
        "log",
        "caffe-nero",
        "Mandato il preventivo",
        "--channel",
        "pec",
        "--at",
        "3 giorni fa",
    ]);
    j.ok(&[
        "promise",
        "rossi",
        "Inviare il listino 2027",
        "--due",
        "venerdì",
    ]);
    j.ok(&[
        "promise",
        "caffe-nero",
        "Pagare la fattura",
        "--due",
        "fine mese",
        "--by",
        "them",
    ]);
    j
}

#[test]
fn records_typed_in_italian_forms_are_stored_plainly() {
    let j = italian_journal();
    let rossi = j.customer("rossi-impianti");
    // The file keeps plain numbers, ISO dates and the channel's own word.
    assert!(rossi.contains("amount = \"1250.40\"\n"), "{rossi}");
    assert!(rossi.contains("at = 2026-11-20\n"), "{rossi}");
    assert!(rossi.contains("channel = \"call\""), "{rossi}");
    assert!(rossi.contains("due = 2026-11-27\n"), "{rossi}");
    let caffe = j.customer("caffe-nero");
    assert!(caffe.contains("at = 2026-11-18\n"), "{caffe}");
    assert!(caffe.contains("channel = \"email\""), "{caffe}");
    assert!(caffe.contains("at = 2026-11-20\n"), "{caffe}");
    assert!(caffe.contains("due = 2026-11-30\n"), "{caffe}");
    assert!(
        j.customer("termoidraulica-bergamasca")
            .contains("channel = \"visit\"")
    );
}

#[test]
fn italian_forms_that_could_be_read_two_ways_are_refused() {
    let j = italian_journal();
    j.fails(
        &["order", "rossi", "1.250"],
        2,
        "importo non valido \"1.250\": si può leggere in due modi, 1250 o 1,25; scrivi 1250 (o 1.250,00) o 1,25",
    );
    j.fails(
        &["order", "rossi", "1250.40"],
        2,
        "importo non valido \"1250.40\": in questo giornale i decimali vanno con la virgola, es. 1250,40",
    );
    j.fails(
        &["order", "rossi", "12", "--at", "31/11/2026"],
        2,
        "--at: data non valida \"31/11/2026\": non è una data del calendario",
    );
    j.fails(
        &["order", "rossi", "12", "--at", "20/11/26"],
        2,
        "scrivi l'anno con quattro cifre",
    );
    j.fails(
        &["log", "rossi", "x", "--channel", "fax"],
        2,
        "canale sconosciuto \"fax\"",
    );
}

#[test]
fn a_semicolon_csv_with_italian_amounts_imports() {
    let j = italian_journal();
    let csv = j.write(
        "fatture.csv",
        "Cliente;Data;Importo;Numero\n\
         rossi-impianti;02/11/2026;1.250,40;F-90\n\
         termoidraulica-bergamasca;15/11/2026;\"12.000\";F-95\n\
         caffe-nero;16/11/2026;-35,20;NC-3\n",
    );
    let csv = csv.to_str().unwrap();
    let map = [
        "--map",
        "customer=Cliente",
        "--map",
        "at=Data",
        "--map",
        "amount=Importo",
        "--map",
        "ref=Numero",
        "--type",
        "order",
    ];
    // `12.000` is twelve thousand or twelve: refused, nothing written.
    let mut args = vec!["import", csv];
    args.extend(map);
    j.fails(
        &args,
        1,
        "importo non valido \"12.000\": si può leggere in due modi, 12000 o 12",
    );
    fs::write(
        csv,
        "Cliente;Data;Importo;Numero\n\
         rossi-impianti;02/11/2026;1.250,40;F-90\n\
         termoidraulica-bergamasca;15/11/2026;12.000,00;F-95\n\
         caffe-nero;16/11/2026;-35,20;NC-3\n",
    )
    .unwrap();
    j.ok(&args);
    let t = j.customer("termoidraulica-bergamasca");
    assert!(t.contains("amount = \"12000.00\"\n"), "{t}");
    assert!(j.customer("caffe-nero").contains("amount = \"-35.20\"\n"));
    // Importing the same file again adds nothing.
    let before = files(&j.root);
    j.ok(&args);
    assert_unchanged(&before, &files(&j.root), "a second import");
}

#[test]
fn a_dot_decimal_file_needs_decimal_and_a_wrong_separator_is_named() {
    let j = italian_journal();
    let csv = j.write(
        "plain.csv",
        "customer,type,at,amount\nrossi-impianti,order,2026-11-02,1250.40\n",
    );
    let csv = csv.to_str().unwrap();
    j.fails(
        &["import", csv],
        1,
        "(il file scrive i decimali con '.'? dai --decimal .)",
    );
    j.ok(&["import", csv, "--decimal", "."]);
    assert!(
        j.customer("rossi-impianti")
            .contains("amount = \"1250.40\"\n")
    );
    let tabs = j.write(
        "tabs.csv",
        "customer\ttype\tat\tamount\nrossi-impianti\torder\t2026-11-03\t7\n",
    );
    j.fails(
        &["import", tabs.to_str().unwrap(), "--delimiter", ";"],
        1,
        "(le colonne sono state divise a ';': se è sbagliato, dai --delimiter)",
    );
    j.fails(
        &["import", tabs.to_str().unwrap(), "--delimiter", "::"],
        2,
        "--delimiter: unknown separator \"::\"",
    );
    j.fails(
        &["import", tabs.to_str().unwrap(), "--decimal", ";"],
        2,
        "--decimal: unknown decimal mark \";\" (expected \".\" or \",\")",
    );
    j.ok(&["import", tabs.to_str().unwrap()]);
    assert!(j.customer("rossi-impianti").contains("at = 2026-11-03\n"));
}

#[test]
fn the_report_and_the_lists_read_in_italian() {
    let j = italian_journal();
    let report = j.ok(&["report", "--since", "01/11/2026", "--format", "markdown"]);
    snapshot("locale_it_report_markdown", &stable(&j, &report.stdout));
    let report = j.ok(&["report", "--since", "01/11/2026"]);
    assert!(
        report.stdout.contains("Revisione settimanale 01/11/2026"),
        "{}",
        report.stdout
    );
    let list = j.ok(&["list"]);
    snapshot("locale_it_list_table", &stable(&j, &list.stdout));
    assert!(list.stdout.contains("1.250,40 €"), "{}", list.stdout);
    let promises = j.ok(&["promises", "--format", "markdown"]);
    assert!(
        promises.stdout.contains("| promessa | cliente |"),
        "{}",
        promises.stdout
    );
    let show = j.ok(&["show", "rossi"]);
    assert!(show.stdout.contains("ultimo contatto"), "{}", show.stdout);
    let html = j.ok(&["report", "--since", "01/11/2026", "--format", "html"]);
    assert!(
        html.stdout
            .contains("Revisione settimanale <span style=\"white-space:nowrap\">01/11/2026</span>"),
        "{}",
        html.stdout
    );
    let page = j.ok(&["show", "rossi", "--format", "html"]);
    assert!(page.stdout.contains("ultimo contatto"), "{}", page.stdout);
    assert!(
        page.stdout.contains("<html lang=\"it\">"),
        "{}",
        page.stdout
    );
    let agenda = j.ok(&["agenda", "--days", "30", "--format", "markdown"]);
    assert!(
        agenda.stdout.contains("Da fare entro il "),
        "{}",
        agenda.stdout
    );
    assert!(
        agenda
            .stdout
            .contains("| scadenza | quando | da fare | cliente |"),
        "{}",
        agenda.stdout
    );
    let json = j.ok(&["agenda", "--days", "30", "--format", "json"]);
    assert!(json.stdout.contains("\"due\""), "{}", json.stdout);
    // Machines read English keys and plain numbers.
    let json = j.ok(&["list", "--format", "json"]);
    assert!(
        json.stdout.contains("\"order_total\": 1250.4"),
        "{}",
        json.stdout
    );
    let csv = j.ok(&["list", "--format", "csv"]);
    assert!(
        csv.stdout.starts_with("id,name,kind,phase"),
        "{}",
        csv.stdout
    );
    assert!(csv.stdout.contains(",1250.40,"), "{}", csv.stdout);
}
