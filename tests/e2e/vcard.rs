//! People from and to an address book (PRODUCT.md §9.2): `coltiva import contacts.vcf` adds
//! each contact as a person of the customer its ORG or its addresses name — never a guess —
//! and `coltiva export --format vcard|vcard3` writes the people back; a round trip through
//! another journal keeps them. Fixtures: tests/fixtures/vcard/ (see its README).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Journal, Run, assert_unchanged};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vcard")
        .join(name)
}

fn journal() -> Journal {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme", "--set", "domain=acme.it"]);
    j.add(
        "Rossi Impianti",
        &["--id", "rossi", "--set", "domain=rossi-impianti.it"],
    );
    j.add("Verdi Arredo", &["--id", "verdi"]);
    j.add("Caffè Nerò S.n.c.", &["--id", "caffe-nero"]);
    j
}

fn import(j: &Journal, name: &str, extra: &[&str]) -> Run {
    Run::of(j.cmd().args(["import"]).arg(fixture(name)).args(extra))
}

fn people(j: &Journal, id: &str) -> Vec<toml::Table> {
    j.toml(id)
        .get("person")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|v| v.as_table().expect("a table").clone())
                .collect()
        })
        .unwrap_or_default()
}

fn list(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().expect("text").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn import_vcf_adds_each_contact_to_the_customer_its_org_or_address_names() {
    let j = journal();
    let run = import(&j, "ios.vcf", &[]);
    // The company card names no customer of this journal: listed, exit 1.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("Idrotermica Rossi S.r.l."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("not added"), "{}", run.stdout);
    assert!(
        run.stderr.contains("added 1 of 2 contacts") && run.stderr.contains("1 not added"),
        "{}",
        run.stderr
    );
    let paola = &people(&j, "acme")[0];
    assert_eq!(common::str_field(paola, "id"), "paola-rossi");
    assert_eq!(common::str_field(paola, "name"), "Paola Rossi");
    assert_eq!(common::str_field(paola, "role"), "Responsabile acquisti");
    assert_eq!(common::str_field(paola, "event"), "added");
    assert_eq!(
        list(paola, "email"),
        ["paola.rossi@acme.it", "paola.rossi@gmail.com"]
    );
    assert_eq!(list(paola, "phone"), ["+39 333 123 4567", "+39 02 1234567"]);

    // By ORG alone (legal forms aside), from Google, an old Android (2.1, quoted-printable)
    // and Thunderbird (4.0, tel: URIs).
    import(&j, "google.vcf", &[]).ok();
    assert_eq!(
        common::str_field(&people(&j, "verdi")[0], "name"),
        "Niccolò Verdi"
    );
    let run = import(&j, "android-2.1.vcf", &[]);
    assert_eq!(run.code, 1, "Marta Gialli has no ORG and no address");
    let nicolo = &people(&j, "rossi")[0];
    assert_eq!(common::str_field(nicolo, "name"), "Nicolò Bianchi");
    assert_eq!(
        common::str_field(nicolo, "role"),
        "Tecnico manutenzione caldaie e impianti termoidraulici"
    );
    import(&j, "thunderbird-4.0.vcf", &[]).ok();
    let giulia = &people(&j, "caffe-nero")[0];
    assert_eq!(
        list(giulia, "phone"),
        ["+39 030 55 55 55", "+39-333-555-5555"]
    );

    // Again: every contact is already there, and nothing changes.
    let before = j.files();
    for name in [
        "ios.vcf",
        "google.vcf",
        "android-2.1.vcf",
        "thunderbird-4.0.vcf",
    ] {
        let run = import(&j, name, &[]);
        assert!(!run.stderr.contains("added 1"), "{name}: {}", run.stderr);
        assert!(
            run.stdout.contains("already there"),
            "{name}: {}",
            run.stdout
        );
    }
    assert_unchanged(&before, &j.files(), "importing the same cards again");
}

#[test]
fn import_vcf_never_guesses_and_a_dry_run_writes_nothing() {
    let j = journal();
    let before = j.files();
    let run = import(&j, "ios.vcf", &["--dry-run"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("would add"), "{}", run.stdout);
    assert!(
        run.stderr.contains("dry run: nothing written"),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &j.files(), "import --dry-run");

    // ORG names one customer, the address another: listed with both, nothing written.
    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Doppia\r\nORG:ACME S.r.l.\r\nEMAIL:anna@rossi-impianti.it\r\nEND:VCARD\r\n";
    let file = j.tmp().join("anna.vcf");
    fs::write(&file, card).expect("write");
    let run = Run::of(j.cmd().arg("import").arg(&file));
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("more than one customer (acme, rossi)"),
        "{}",
        run.stdout
    );
    assert_unchanged(&before, &j.files(), "an ambiguous contact");

    // A value the person rules refuse is named.
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bruno\r\nORG:ACME S.r.l.\r\nEMAIL:bruno.acme.it\r\nEND:VCARD\r\n";
    fs::write(&file, card).expect("write");
    let run = Run::of(j.cmd().arg("import").arg(&file));
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("invalid e-mail address"),
        "{}",
        run.stdout
    );
    assert_unchanged(&before, &j.files(), "a contact with a bad address");

    // A file cut short is refused whole; CSV flags are refused for a vCard.
    let cut = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Paola Rossi\r\nORG:ACME S.r.l.\r\n";
    fs::write(&file, cut).expect("write");
    j.fails(["import", file.to_str().expect("UTF-8")], 1, "no END:VCARD");
    j.fails(
        [
            "import",
            fixture("ios.vcf").to_str().expect("UTF-8"),
            "--map",
            "customer=ORG",
        ],
        2,
        "--map is for CSV files",
    );
}

#[test]
fn export_vcard_round_trips_people_through_another_journal() {
    let j = journal();
    for name in [
        "ios.vcf",
        "google.vcf",
        "android-2.1.vcf",
        "thunderbird-4.0.vcf",
    ] {
        import(&j, name, &[]);
    }
    // A person who left is no longer exported.
    j.ok([
        "person",
        "add",
        "acme",
        "Marco Neri",
        "--email",
        "marco@acme.it",
    ]);
    j.ok(["person", "left", "acme", "marco-neri"]);
    for (format, version) in [("vcard", "VERSION:4.0"), ("vcard3", "VERSION:3.0")] {
        let out = j.ok(["export", "--format", format]).stdout;
        assert_eq!(out.matches("BEGIN:VCARD").count(), 4, "{out}");
        assert!(out.contains(version), "{out}");
        assert!(out.contains("ORG:ACME S.r.l.\r\n"), "{out}");
        assert!(
            !out.contains("Marco Neri"),
            "a person who left is not exported"
        );
        // Only CRLF line ends, folded at 75 octets.
        assert!(
            out.split("\r\n")
                .all(|l| !l.contains('\n') && l.len() <= 75)
        );

        let other = journal();
        let file = other.tmp().join("people.vcf");
        fs::write(&file, &out).expect("write");
        Run::of(other.cmd().arg("import").arg(&file)).ok();
        for id in ["acme", "rossi", "verdi", "caffe-nero"] {
            let strip = |t: &toml::Table| {
                let mut t = t.clone();
                t.remove("at");
                t
            };
            let ours: Vec<_> = people(&j, id)
                .iter()
                .filter(|p| common::str_field(p, "id") != "marco-neri")
                .map(strip)
                .collect();
            let theirs: Vec<_> = people(&other, id).iter().map(strip).collect();
            assert_eq!(ours, theirs, "{format}: the people of {id}");
        }
    }
}
