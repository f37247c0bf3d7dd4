//! Import never guesses an identity (PRODUCT.md §9.1, docs/IMPORT.md "Which customer a row
//! belongs to"): rows of one file that would become one customer are named and refused, or
//! given distinct ids with `--id-from`; a cell that could mean several customers is an error
//! naming them with what tells them apart; a refused import changes no file.

use crate::common;

use common::Journal;

/// An Excel export: BOM, CRLF, semicolons, comma decimals, dd/mm/yyyy.
fn excel(lines: &[&str]) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    for l in lines {
        bytes.extend_from_slice(l.as_bytes());
        bytes.extend_from_slice(b"\r\n");
    }
    bytes
}

const CLIENTI: &[&str] = &[
    "Ragione sociale;Città;Telefono",
    "Idraulica Bianchi S.n.c.;Brescia;030 111",
    "Rossi Impianti S.r.l.;Brescia;030 222",
    "Idraulica Bianchi S.n.c.;Verona;045 333",
    "Idraulica Bianchi S.n.c.;Bergamo;035 444",
    "Rossi Impianti S.r.l.;Cremona;0372 555",
    "Tubi & Raccordi Cò S.r.l.;Milano;02 666",
];

fn write(j: &Journal, name: &str, bytes: &[u8]) -> String {
    let path = j.tmp().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn same_named_customers_of_one_file_are_named_and_refused() {
    let j = Journal::new();
    let file = write(&j, "clienti.csv", &excel(CLIENTI));
    for dry in [true, false] {
        let mut args = vec![
            "import",
            file.as_str(),
            "--type",
            "customer",
            "--map",
            "customer=Ragione sociale",
        ];
        if dry {
            args.push("--dry-run");
        }
        let run = j.fails(&args, 1, "2 bad rows; nothing was imported");
        let e = &run.stderr;
        assert!(
            e.contains("line 2: the customer rows on lines 2, 4, 5 would all be the one new customer idraulica-bianchi (\"Idraulica Bianchi S.n.c.\") but differ in \"Città\" (\"Brescia\", \"Verona\", \"Bergamo\"), \"Telefono\" (\"030 111\", \"045 333\", \"035 444\"); different customers? give --id-from \"Ragione sociale,Città\"; one customer? keep one row\n"),
            "{e}"
        );
        assert!(
            e.contains(
                "the customer rows on lines 3, 6 would all be the one new customer rossi-impianti"
            ),
            "{e}"
        );
    }
    assert_eq!(
        std::fs::read_dir(j.root().join("customers"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn id_from_gives_each_row_its_own_id_and_the_orders_follow() {
    let j = Journal::new();
    let file = write(&j, "clienti.csv", &excel(CLIENTI));
    let run = j.ok([
        "import",
        &file,
        "--type",
        "customer",
        "--map",
        "customer=Ragione sociale",
        "--id-from",
        "Ragione sociale,Città",
    ]);
    assert!(
        run.stderr.contains("ignoring the column Telefono"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Città"), "{}", run.stderr);
    for id in [
        "idraulica-bianchi-brescia",
        "idraulica-bianchi-verona",
        "idraulica-bianchi-bergamo",
        "rossi-impianti-brescia",
        "rossi-impianti-cremona",
    ] {
        assert_eq!(
            j.toml(id)["name"].as_str(),
            Some(if id.starts_with("rossi") {
                "Rossi Impianti S.r.l."
            } else {
                "Idraulica Bianchi S.n.c."
            }),
            "{id}"
        );
    }
    // The orders file names the same columns: every order on its own firm.
    let ordini = write(
        &j,
        "ordini.csv",
        &excel(&[
            "Ragione sociale;Città;Data;Importo",
            "Idraulica Bianchi S.n.c.;Verona;03/11/2026;2.345,60",
            "Idraulica Bianchi S.n.c.;Brescia;04/11/2026;100,00",
            "Idraulica Bianchi S.n.c.;Bergamo;05/11/2026;7,50",
        ]),
    );
    j.ok([
        "import",
        &ordini,
        "--type",
        "order",
        "--decimal",
        ",",
        "--date-format",
        "%d/%m/%Y",
        "--map",
        "customer=Ragione sociale",
        "--map",
        "at=Data",
        "--map",
        "amount=Importo",
        "--id-from",
        "Ragione sociale,Città",
    ]);
    assert_eq!(
        j.last("idraulica-bianchi-verona", "order")["amount"].as_str(),
        Some("2345.60")
    );
    assert_eq!(
        j.last("idraulica-bianchi-brescia", "order")["amount"].as_str(),
        Some("100.00")
    );
    assert_eq!(
        j.last("idraulica-bianchi-bergamo", "order")["amount"].as_str(),
        Some("7.50")
    );
    // A --id-from cell left empty is named; nothing is written.
    let bad = write(
        &j,
        "bad.csv",
        &excel(&[
            "Ragione sociale;Città;Data;Importo",
            "Idraulica Bianchi S.n.c.;;03/11/2026;1",
        ]),
    );
    j.fails(
        [
            "import",
            &bad,
            "--type",
            "order",
            "--date-format",
            "%d/%m/%Y",
            "--map",
            "customer=Ragione sociale",
            "--map",
            "at=Data",
            "--map",
            "amount=Importo",
            "--id-from",
            "Ragione sociale,Città",
        ],
        1,
        "line 2, column \"Città\": this cell is empty, and --id-from makes the customer id from it",
    );
    j.fails(
        [
            "import",
            &bad,
            "--type",
            "order",
            "--map",
            "customer=Ragione sociale",
            "--id-from",
            "Provincia",
        ],
        2,
        "--id-from: the file has no column \"Provincia\"; its columns are: Ragione sociale, Città, Data, Importo",
    );
}

#[test]
fn a_cell_that_could_mean_several_customers_names_them_with_their_attributes() {
    let j = Journal::new();
    j.add("Idraulica Bianchi S.n.c.", &["--set", "citta=Brescia"]);
    j.add(
        "Idraulica Bianchi S.n.c.",
        &["--id", "idraulica-bianchi-vr", "--set", "citta=Verona"],
    );
    j.add(
        "Idraulica Bianchi S.n.c.",
        &["--id", "idraulica-bianchi-bg", "--set", "citta=Bergamo"],
    );
    // A name that is also another customer's id.
    j.add("Bar Centrale", &["--id", "verdi"]);
    j.add("Verdi", &["--id", "verdi-luca"]);
    let ordini = write(
        &j,
        "ordini.csv",
        &excel(&[
            "Ragione sociale;Data;Importo",
            "Idraulica Bianchi S.n.c.;03/11/2026;2.345,60",
            "idraulica-bianchi-vr;03/11/2026;10",
            "Verdi;04/11/2026;5",
        ]),
    );
    let run = j.fails(
        [
            "import",
            &ordini,
            "--type",
            "order",
            "--decimal",
            ",",
            "--date-format",
            "%d/%m/%Y",
            "--map",
            "customer=Ragione sociale",
            "--map",
            "at=Data",
            "--map",
            "amount=Importo",
        ],
        1,
        "2 bad rows; nothing was imported",
    );
    assert!(
        run.stderr.contains(
            "line 2, column \"Ragione sociale\" (customer): \"Idraulica Bianchi S.n.c.\" could be any of 3 customers: idraulica-bianchi (Idraulica Bianchi S.n.c.; citta = Brescia), idraulica-bianchi-bg (Idraulica Bianchi S.n.c.; citta = Bergamo), idraulica-bianchi-vr (Idraulica Bianchi S.n.c.; citta = Verona); write the id instead, or give --id-from"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "line 4, column \"Ragione sociale\" (customer): \"Verdi\" could be any of 2 customers: verdi (Bar Centrale), verdi-luca (Verdi)"
        ),
        "{}",
        run.stderr
    );
    // The command line says the same with the same labels.
    j.fails(
        ["order", "Idraulica Bianchi S.n.c.", "10"],
        2,
        "customer \"Idraulica Bianchi S.n.c.\" is ambiguous; it matches: idraulica-bianchi (Idraulica Bianchi S.n.c.; citta = Brescia), idraulica-bianchi-bg (Idraulica Bianchi S.n.c.; citta = Bergamo), idraulica-bianchi-vr (Idraulica Bianchi S.n.c.; citta = Verona)",
    );
    j.fails(
        ["order", "Verdi", "10"],
        2,
        "customer \"Verdi\" is ambiguous; it matches: verdi (Bar Centrale), verdi-luca (Verdi)",
    );
    // The id typed as it is names one customer, on the command line and in a file.
    j.ok(["order", "verdi", "10"]);
    let by_id = write(
        &j,
        "by_id.csv",
        b"customer,at,amount\nverdi,2026-11-05,7\nidraulica-bianchi-vr,2026-11-05,8\n",
    );
    j.ok(["import", &by_id, "--type", "order"]);
    // (amounts are written in quotes: docs/FORMAT.md, "A torn record")
    assert_eq!(j.last("verdi", "order")["amount"].as_str(), Some("7.00"));
    assert_eq!(
        j.last("idraulica-bianchi-vr", "order")["amount"].as_str(),
        Some("8.00")
    );
    assert_eq!(j.count("verdi-luca", "order"), 0);
}

#[test]
fn different_texts_making_one_new_id_are_named() {
    let j = Journal::new();
    let file = write(
        &j,
        "ordini.csv",
        b"customer,at,amount\nRossi Impianti S.r.l.,2026-11-02,10\nRossi Impianti S.n.c.,2026-11-03,20\nrossi impianti s.r.l.,2026-11-04,30\n",
    );
    j.fails(
        ["import", &file, "--type", "order"],
        1,
        "line 3: line 2 \"Rossi Impianti S.r.l.\", line 3 \"Rossi Impianti S.n.c.\" would all become the one new customer rossi-impianti",
    );
}

#[test]
fn attribute_keys_with_accents_are_folded_and_family_names_stay_in_ids() {
    let j = Journal::new();
    let id = j.add("Tubi & Raccordi Cò S.r.l.", &["--set", "città=Verona"]);
    assert_eq!(id, "tubi-raccordi-co");
    assert_eq!(j.toml(&id)["citta"].as_str(), Some("Verona"));
    j.ok(["set", &id, "Città=Brescia"]);
    assert_eq!(j.toml(&id)["Citta"].as_str(), Some("Brescia"));
    // --where folds the same way: città finds citta.
    let list = j.json(["list", "--where", "città=Verona", "--format", "json"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    j.fails(
        ["set", &id, "cit tà=x"],
        2,
        "an attribute key is letters, digits, _ and - (letters with accents are written without them: città is citta)",
    );
}

#[test]
fn a_customers_only_import_is_committed_saying_what_it_imported() {
    let j = Journal::new();
    let config = common::gitconfig(j.tmp());
    common::git(j.root(), &config, &["init", "--quiet"]);
    common::enable_autocommit(j.root());
    let file = write(
        &j,
        "clienti.csv",
        b"customer,name\nacme,ACME S.r.l.\nbeta,Beta\n",
    );
    let mut cmd = j.cmd();
    common::with_git(&mut cmd, &config);
    cmd.args(["import", &file, "--type", "customer"]);
    let run = common::Run::of(&mut cmd).ok();
    assert!(
        run.stderr
            .contains("imported 2 customers (2 new), no records from"),
        "{}",
        run.stderr
    );
    let subject = common::git(j.root(), &config, &["log", "-1", "--format=%s"]);
    assert_eq!(
        subject,
        "import clienti.csv: 2 customers (2 new), no records\n"
    );
}

#[test]
fn id_from_does_not_create_a_second_customer_of_a_name_already_there() {
    let j = Journal::new();
    j.add("Idraulica Bianchi S.n.c.", &["--set", "citta=Brescia"]);
    let ordini = write(
        &j,
        "ordini.csv",
        &excel(&[
            "Ragione sociale;Città;Data;Importo",
            "Idraulica Bianchi S.n.c.;Brescia;03/11/2026;100",
            "Idraulica Bianchi S.n.c.;Verona;04/11/2026;200",
        ]),
    );
    let args = [
        "import",
        ordini.as_str(),
        "--type",
        "order",
        "--date-format",
        "%d/%m/%Y",
        "--map",
        "customer=Ragione sociale",
        "--map",
        "at=Data",
        "--map",
        "amount=Importo",
        "--id-from",
        "Ragione sociale,Città",
    ];
    let run = j.fails(args, 1, "2 bad rows; nothing was imported");
    assert!(
        run.stderr.contains(
            "line 2, column \"Ragione sociale\" (customer): --id-from makes the new id idraulica-bianchi-brescia, but \"Idraulica Bianchi S.n.c.\" is already the name of idraulica-bianchi (Idraulica Bianchi S.n.c.); if the row is one of them, give it that id (rename it), e.g. `coltiva rename idraulica-bianchi idraulica-bianchi-brescia`"
        ),
        "{}",
        run.stderr
    );
    // Renamed as the message says, the Brescia row finds it, and Verona, whose city no
    // customer of that name has, is a new firm.
    j.ok(["rename", "idraulica-bianchi", "idraulica-bianchi-brescia"]);
    j.ok(args);
    assert_eq!(j.count("idraulica-bianchi-brescia", "order"), 1);
    assert_eq!(j.count("idraulica-bianchi-verona", "order"), 1);
    // A firm added by hand under another id, whose attribute says the row's city: refused too.
    j.add(
        "Idraulica Bianchi S.n.c.",
        &["--id", "idraulica-bianchi-bg", "--set", "citta=Bergamo"],
    );
    let bergamo = write(
        &j,
        "bergamo.csv",
        &excel(&[
            "Ragione sociale;Città;Data;Importo",
            "Idraulica Bianchi S.n.c.;Bergamo;05/11/2026;300",
        ]),
    );
    let mut args = args.to_vec();
    args[1] = bergamo.as_str();
    j.fails(
        &args,
        1,
        "--id-from makes the new id idraulica-bianchi-bergamo, but \"Idraulica Bianchi S.n.c.\" is already the name of idraulica-bianchi-bg (Idraulica Bianchi S.n.c.); if the row is one of them, give it that id (rename it), e.g. `coltiva rename idraulica-bianchi-bg idraulica-bianchi-bergamo`",
    );
}
