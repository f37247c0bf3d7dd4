//! The whole sheet (docs/IMPORT.md, "Your whole sheet"): the recipe of docs/IMPORT.md run as
//! it stands on examples/clienti.csv and examples/ordini.csv, then every row checked on its
//! customer; and the refusals of the same files without `--id-from`, which change no file.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, TODAY};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The commands of the recipe block of docs/IMPORT.md: lines joined at a trailing `\`, each
/// split into words as a shell would (double quotes, no variables).
fn recipe() -> Vec<Vec<String>> {
    let doc = fs::read_to_string(repo().join("docs/IMPORT.md")).unwrap();
    let start = doc
        .find("<!-- recipe: the whole sheet -->")
        .expect("the recipe marker in docs/IMPORT.md");
    let block = &doc[start..];
    let block = &block[block.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let joined = block.replace("\\\n", " ");
    joined
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(words)
        .collect()
}

fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    assert!(!quoted, "unbalanced quotes in {line:?}");
    if any {
        out.push(word);
    }
    out
}

/// A folder holding the two example files, as the user's folder would.
fn folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for f in ["clienti.csv", "ordini.csv"] {
        fs::copy(repo().join("examples").join(f), tmp.path().join(f)).unwrap();
    }
    tmp
}

fn run_recipe(cwd: &Path) -> PathBuf {
    let commands = recipe();
    assert_eq!(commands.len(), 4, "{commands:?}");
    let mut journal = None;
    for command in commands {
        match command[0].as_str() {
            "export" => {
                // export COLTIVA_DIR=$PWD/clienti
                let (_, value) = command[1].split_once('=').unwrap();
                journal = Some(cwd.join(value.trim_start_matches("$PWD/")));
            }
            "coltiva" if command[1] == "init" => {
                Run::of(common::bare(cwd).args(&command[1..])).ok();
            }
            "coltiva" => {
                let dir = journal.as_ref().expect("COLTIVA_DIR set before");
                let mut cmd = common::bare(cwd);
                cmd.env("COLTIVA_DIR", dir).args(["--today", TODAY]);
                let run = Run::of(cmd.args(&command[1..])).ok();
                assert!(
                    run.stderr.contains("importat"),
                    "{command:?}: {}",
                    run.stderr
                );
            }
            other => panic!("the recipe runs {other:?}, which this test does not know"),
        }
    }
    journal.unwrap()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let run = Run::of(common::coltiva(dir).args(args)).ok();
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_recipe_of_import_md_puts_every_row_on_its_customer() {
    let tmp = folder();
    let dir = run_recipe(tmp.path());
    let list = json(&dir, &["list", "--format", "json"]);
    let by_id = |id: &str| -> Value {
        list.as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {list}"))
            .clone()
    };
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "idraulica-bianchi-bergamo",
            "idraulica-bianchi-brescia",
            "idraulica-bianchi-verona",
            "rossi-impianti-brescia",
            "rossi-impianti-cremona",
            "termoidraulica-gardesana-desenzano-del-garda",
            "tubi-raccordi-co-milano",
            "verdi-clima-mantova",
        ]
    );
    // (customer, phase, orders, total, last contact): by hand from the two files.
    for (id, phase, orders, total, last) in [
        // 2025: 48.120,00; last order 14/10/2026 2.345,60; ordini: 18/11 640,50.
        (
            "idraulica-bianchi-brescia",
            "acquired",
            3,
            "51106.10",
            "2026-11-18",
        ),
        // 2025: 9.450,00; last 22/09/2026 780,00; ordini: 17/11 1.120,00.
        (
            "idraulica-bianchi-verona",
            "acquired",
            3,
            "11350.00",
            "2026-11-17",
        ),
        // 2025: 6.200,00 (no last order); ordini: 20/11 310,00.
        (
            "idraulica-bianchi-bergamo",
            "acquired",
            2,
            "6510.00",
            "2026-11-20",
        ),
        // 2025: 31.870,50; last 03/11/2026 1.250,40.
        (
            "rossi-impianti-brescia",
            "acquired",
            2,
            "33120.90",
            "2026-11-03",
        ),
        // last 07/11/2026 560,00; ordini 19/11 2.345,60.
        ("rossi-impianti-cremona", "new", 2, "2905.60", "2026-11-19"),
        // 2025: 12.300,00 including its last order of 30/06/2025 (4.100,00).
        (
            "tubi-raccordi-co-milano",
            "lost",
            2,
            "12300.00",
            "2025-06-30",
        ),
        ("verdi-clima-mantova", "potential", 0, "0.00", ""),
    ] {
        let c = by_id(id);
        assert_eq!(c["phase"], phase, "{id}: {c}");
        assert_eq!(c["orders"], orders, "{id}: {c}");
        assert_eq!(
            format!("{:.2}", c["order_total"].as_f64().unwrap()),
            total,
            "{id}: {c}"
        );
        assert_eq!(c["last_contact"].as_str().unwrap_or(""), last, "{id}: {c}");
    }
    // Attributes tell the firms apart; since comes from its column.
    let verona = fs::read_to_string(dir.join("customers/idraulica-bianchi-verona.toml")).unwrap();
    let header = common::parse_toml(&verona);
    assert_eq!(header["name"].as_str(), Some("Idraulica Bianchi S.n.c."));
    assert_eq!(header["citta"].as_str(), Some("Verona"));
    assert_eq!(header["referente"].as_str(), Some("Luca Bianchi"));
    assert_eq!(header["telefono"].as_str(), Some("045 801 2266"));
    assert_eq!(header["since"].to_string(), "2021-06-05");
    assert!(verona.contains("note = \"Fatturato 2025\""), "{verona}");
    assert!(verona.contains("note = \"Ultimo ordine\""), "{verona}");
    let tubi = fs::read_to_string(dir.join("customers/tubi-raccordi-co-milano.toml")).unwrap();
    assert!(
        tubi.contains("note = \"Fatturato 2025, less the last order\"\nsource")
            && tubi.contains("amount = \"8200.00\""),
        "{tubi}"
    );
    // The same sheet again adds nothing.
    let mut again = common::coltiva(&dir);
    again.current_dir(tmp.path()).args([
        "import",
        "clienti.csv",
        "--type",
        "customer",
        "--map",
        "customer=Ragione sociale",
        "--id-from",
        "Ragione sociale,Città",
        "--map",
        "last_order=Ultimo ordine",
        "--map",
        "last_order_amount=Importo ultimo ordine",
        "--map",
        "revenue.2025=Fatturato 2025",
    ]);
    let before = common::files(&dir);
    let run = Run::of(&mut again).ok();
    assert!(
        run.stderr
            .contains("niente da importare: tutte le 8 righe di clienti.csv sono già nel giornale"),
        "{}",
        run.stderr
    );
    common::assert_unchanged(&before, &common::files(&dir), "the sheet again");
}

#[test]
fn without_id_from_both_files_are_refused_and_nothing_changes() {
    let tmp = folder();
    let dir = run_recipe(tmp.path());
    let before = common::files(&dir);
    let mut cmd = common::coltiva(&dir);
    cmd.current_dir(tmp.path()).args([
        "import",
        "ordini.csv",
        "--type",
        "order",
        "--map",
        "customer=Ragione sociale",
        "--map",
        "at=Data",
        "--map",
        "amount=Importo",
        "--map",
        "ref=Numero",
    ]);
    let run = Run::of(&mut cmd);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("ordini.csv: 4 righe non valide; non è stato importato niente\n  riga 2, colonna \"Ragione sociale\" (customer): \"Idraulica Bianchi S.n.c.\" può essere uno qualsiasi di 3 clienti: idraulica-bianchi-bergamo (Idraulica Bianchi S.n.c.; citta = Bergamo), idraulica-bianchi-brescia (Idraulica Bianchi S.n.c.; citta = Brescia), idraulica-bianchi-verona (Idraulica Bianchi S.n.c.; citta = Verona); scrivi l'id, o dai --id-from con le colonne che li distinguono\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("riga 4, colonna \"Ragione sociale\" (customer): \"Rossi Impianti S.r.l.\" può essere uno qualsiasi di 2 clienti: rossi-impianti-brescia (Rossi Impianti S.r.l.; citta = Brescia), rossi-impianti-cremona (Rossi Impianti S.r.l.; citta = Cremona)"),
        "{}",
        run.stderr
    );
    common::assert_unchanged(&before, &common::files(&dir), "refused orders");

    // Into an empty journal, the customers file without --id-from: refused, nothing written.
    let empty = tmp.path().join("vuoto");
    Run::of(common::bare(tmp.path()).args(["init", "vuoto", "--locale", "it"])).ok();
    let before = common::files(&empty);
    let mut cmd = common::coltiva(&empty);
    cmd.current_dir(tmp.path()).args([
        "import",
        "clienti.csv",
        "--type",
        "customer",
        "--map",
        "customer=Ragione sociale",
    ]);
    let run = Run::of(&mut cmd);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("riga 2: le righe di cliente 2, 4, 6 diventerebbero tutte l'unico nuovo cliente idraulica-bianchi (\"Idraulica Bianchi S.n.c.\") ma differiscono in \"Città\" (\"Brescia\", \"Verona\", \"Bergamo\"), \"Provincia\" (\"BS\", \"VR\", \"BG\"); clienti diversi? dai --id-from \"Ragione sociale,Città\"; un solo cliente? tieni una riga sola\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("riga 3: le righe di cliente 3, 7 diventerebbero tutte l'unico nuovo cliente rossi-impianti"),
        "{}",
        run.stderr
    );
    common::assert_unchanged(&before, &common::files(&empty), "refused customers");
}

#[test]
fn history_columns_that_cannot_be_records_are_named() {
    let tmp = folder();
    let sheet = "Cliente;Ultimo ordine;Importo;Fatturato 2025\r\nAcme;03/11/2026;;\r\nBeta;30/06/2025;5.000,00;4.000,00\r\nGamma;;;1,2,3\r\n";
    fs::write(tmp.path().join("s.csv"), sheet).unwrap();
    Run::of(common::bare(tmp.path()).args(["init", "j", "--locale", "it"])).ok();
    let dir = tmp.path().join("j");
    let before = common::files(&dir);
    let mut cmd = common::coltiva(&dir);
    cmd.current_dir(tmp.path()).args([
        "import",
        "s.csv",
        "--type",
        "customer",
        "--map",
        "customer=Cliente",
        "--map",
        "last_order=Ultimo ordine",
        "--map",
        "last_order_amount=Importo",
        "--map",
        "revenue.2025=Fatturato 2025",
        "--map",
        "revenue.2027=Fatturato 2025",
    ]);
    let run = Run::of(&mut cmd);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("--map revenue.2027=Fatturato 2025: il 2027 è dopo oggi (23/11/2026)"),
        "{}",
        run.stderr
    );
    let mut cmd = common::coltiva(&dir);
    cmd.current_dir(tmp.path()).args([
        "import",
        "s.csv",
        "--type",
        "customer",
        "--map",
        "customer=Cliente",
        "--map",
        "last_order=Ultimo ordine",
        "--map",
        "last_order_amount=Importo",
        "--map",
        "revenue.2025=Fatturato 2025",
    ]);
    let run = Run::of(&mut cmd);
    assert_eq!(run.code, 1, "{run:?}");
    for line in [
        "riga 2, colonna \"Importo\": manca l'importo dell'ultimo ordine",
        "riga 3, colonna \"Fatturato 2025\": il fatturato del 2025 (4.000,00 €) è minore dell'ultimo ordine di quell'anno (5.000,00 €)",
        "riga 4, colonna \"Fatturato 2025\": importo non valido \"1,2,3\"",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    common::assert_unchanged(&before, &common::files(&dir), "refused history");
}

#[test]
fn sheet_columns_on_an_orders_file_are_said_to_be_unused() {
    let tmp = folder();
    Run::of(common::bare(tmp.path()).args(["init", "j", "--locale", "it"])).ok();
    let dir = tmp.path().join("j");
    let mut cmd = common::coltiva(&dir);
    cmd.current_dir(tmp.path()).args([
        "import",
        "ordini.csv",
        "--type",
        "order",
        "--map",
        "customer=Ragione sociale",
        "--id-from",
        "Ragione sociale,Città",
        "--map",
        "at=Data",
        "--map",
        "amount=Importo",
        "--map",
        "attr.citta=Città",
    ]);
    let run = Run::of(&mut cmd).ok();
    assert!(
        run.stderr.contains("coltiva: attenzione: --map attr.citta=Città si legge solo sulle righe dei clienti, e ordini.csv non ne ha (dai --type customer per un elenco di clienti)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("importate 4 registrazioni (4 ordini) per 4 clienti (4 nuovi) da ordini.csv"),
        "{}",
        run.stderr
    );
}
