//! vCard (RFC 2426 3.0, RFC 6350 4.0, and the 2.1 of old phones) to and from plain contact
//! values: a name, an organisation, a role, e-mail addresses and phones.
//!
//! The `calcard` crate reads and writes the format (line folding, escaping, groups,
//! `QUOTED-PRINTABLE` with `CHARSET`, parameters in every exporter's spelling); this module
//! only maps its properties to [`Contact`] and back. `calcard` was chosen because it reads all
//! three versions and writes 3.0 and 4.0 (`vcard4` reads 4.0 only; `ical` reads vCards as
//! untyped lines, without quoted-printable, and writes none).
//!
//! What is read, from the shapes real exporters write (tests/fixtures/vcard/README.md):
//! - **name**: `FN`; without it, `N`'s given and family names; a company card without either
//!   is named by its `ORG`;
//! - **org**: `ORG`'s first component (the second, a department, is left out);
//! - **role**: `TITLE`, else `ROLE`;
//! - **emails**: every `EMAIL`, in file order (a `mailto:` prefix left out);
//! - **phones**: every `TEL` (a `tel:` URI's prefix left out), with a label: the first of its
//!   `TYPE`s among cell, work, home, fax, pager, else the iPhone's `X-ABLabel` of its group
//!   (`_$!<Mobile>!$_` reads "mobile", a custom label as written).

use calcard::common::IanaString;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardType, VCardValue, VCardVersion,
};
use calcard::{Entry, Parser};

/// A contact as coltiva keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    pub name: String,
    pub org: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<Phone>,
}

/// A phone number and what it is (cell, work, home, fax, pager, or a label of the user's).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phone {
    pub number: String,
    pub label: Option<String>,
}

/// The version [`write`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3,
    V4,
}

/// The standard phone types, in the order a label is chosen among a phone's types.
const PHONE_TYPES: &[(VCardType, &str)] = &[
    (VCardType::Cell, "cell"),
    (VCardType::Fax, "fax"),
    (VCardType::Pager, "pager"),
    (VCardType::Work, "work"),
    (VCardType::Home, "home"),
];

/// Reads every card of a `.vcf` file. The contacts read, and a message for each card or line
/// that could not be (numbered from 1 in file order), so a caller can refuse the file whole.
pub fn read(bytes: &[u8]) -> (Vec<Contact>, Vec<String>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return (
            Vec::new(),
            vec![
                "the file is not UTF-8 text: export it again as UTF-8 (vCard 3.0 and 4.0 are UTF-8; a 2.1 card may say CHARSET=UTF-8 or use QUOTED-PRINTABLE)".into(),
            ],
        );
    };
    let mut parser = Parser::new(text);
    let (mut contacts, mut problems) = (Vec::new(), Vec::new());
    let mut card = 0;
    loop {
        match parser.entry() {
            Entry::VCard(vcard) => {
                card += 1;
                match contact(&vcard) {
                    Some(c) => contacts.push(c),
                    None => problems.push(format!(
                        "card {card} has no name: neither FN, N nor ORG says who it is"
                    )),
                }
            }
            Entry::Eof => break,
            Entry::InvalidLine(line) => {
                problems.push(format!("after card {card}: not a vCard line: {line:?}"))
            }
            Entry::UnterminatedComponent(what) => {
                problems.push(format!("card {}: {what} without its END", card + 1));
                break;
            }
            Entry::TooManyComponents => {
                problems.push("too many cards in one file".into());
                break;
            }
            _ => problems.push(format!(
                "after card {card}: something that is not a vCard (an iCalendar component?)"
            )),
        }
    }
    // calcard takes a card cut short (a truncated download) as whole; its last line says.
    let last = text.trim_end().lines().last().unwrap_or("").trim();
    if card > 0 && !last.eq_ignore_ascii_case("END:VCARD") {
        problems.push(format!(
            "card {card}: the file ends inside it (no END:VCARD): was it cut short?"
        ));
    }
    if contacts.is_empty() && problems.is_empty() {
        problems.push("no vCard in the file (no BEGIN:VCARD)".into());
    }
    (contacts, problems)
}

fn text(entry: &VCardEntry, component: usize) -> Option<String> {
    entry
        .values
        .get(component)
        .and_then(VCardValue::as_text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn first(card: &VCard, property: VCardProperty) -> Option<&VCardEntry> {
    card.entries.iter().find(|e| e.name == property)
}

/// The types of an entry (`TYPE=cell,voice` and `TYPE=cell;TYPE=voice` alike).
fn types(entry: &VCardEntry) -> impl Iterator<Item = &VCardParameterValue> {
    entry
        .params
        .iter()
        .filter(|p| p.name == VCardParameterName::Type)
        .map(|p| &p.value)
}

fn contact(card: &VCard) -> Option<Contact> {
    let org = first(card, VCardProperty::Org).and_then(|e| text(e, 0));
    let from_n = first(card, VCardProperty::N).and_then(|n| {
        let parts: Vec<String> = [1, 0].iter().filter_map(|&i| text(n, i)).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    let name = first(card, VCardProperty::Fn)
        .and_then(|e| text(e, 0))
        .or(from_n)
        .or_else(|| org.clone())?;
    let role = first(card, VCardProperty::Title)
        .and_then(|e| text(e, 0))
        .or_else(|| first(card, VCardProperty::Role).and_then(|e| text(e, 0)));
    let emails = card
        .properties(&VCardProperty::Email)
        .filter_map(|e| text(e, 0))
        .map(|e| strip_scheme(&e, "mailto:"))
        .collect();
    let phones = card
        .properties(&VCardProperty::Tel)
        .filter_map(|e| {
            let number = strip_scheme(&text(e, 0)?, "tel:");
            Some(Phone {
                number,
                label: phone_label(card, e),
            })
        })
        .collect();
    Some(Contact {
        name,
        org,
        role,
        emails,
        phones,
    })
}

fn strip_scheme(value: &str, scheme: &str) -> String {
    match value.get(..scheme.len()) {
        Some(head) if head.eq_ignore_ascii_case(scheme) => value[scheme.len()..].to_string(),
        _ => value.to_string(),
    }
}

fn phone_label(card: &VCard, tel: &VCardEntry) -> Option<String> {
    let has = |wanted: &VCardType| {
        types(tel).any(|v| match v {
            VCardParameterValue::Type(t) => t == wanted,
            VCardParameterValue::Text(t) => t.eq_ignore_ascii_case(wanted.as_str()),
            _ => false,
        })
    };
    if let Some((_, label)) = PHONE_TYPES.iter().find(|(t, _)| has(t)) {
        return Some((*label).to_string());
    }
    let group = tel.group.as_deref()?;
    let label = card
        .entries
        .iter()
        .filter(|e| e.group.as_deref() == Some(group))
        .find(|e| matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-ABLabel")))
        .and_then(|e| text(e, 0))?;
    // The iPhone's own labels are written `_$!<Mobile>!$_`.
    Some(
        match label
            .strip_prefix("_$!<")
            .and_then(|l| l.strip_suffix(">!$_"))
        {
            Some(own) => own.to_lowercase(),
            None => label,
        },
    )
}

/// Writes `contacts` as vCards of `version`, one card each, CRLF line ends, folded.
pub fn write(contacts: &[Contact], version: Version) -> String {
    let mut out = String::new();
    for contact in contacts {
        let card = card(contact, version);
        // Writing to a String cannot fail.
        let _ = card.write_to(
            &mut out,
            match version {
                Version::V3 => VCardVersion::V3_0,
                Version::V4 => VCardVersion::V4_0,
            },
        );
    }
    out
}

fn entry(name: VCardProperty, values: Vec<String>) -> VCardEntry {
    VCardEntry::new(name).with_values(values.into_iter().map(VCardValue::Text).collect())
}

fn card(contact: &Contact, version: Version) -> VCard {
    let mut entries = vec![entry(VCardProperty::Fn, vec![contact.name.clone()])];
    // N is required in 3.0: the last word is taken for the family name (FN stays the name
    // coltiva reads back).
    let (given, family) = match contact.name.trim().rsplit_once(' ') {
        Some((given, family)) => (given.to_string(), family.to_string()),
        None => (String::new(), contact.name.trim().to_string()),
    };
    entries.push(entry(
        VCardProperty::N,
        vec![family, given, String::new(), String::new(), String::new()],
    ));
    if let Some(org) = &contact.org {
        entries.push(entry(VCardProperty::Org, vec![org.clone()]));
    }
    if let Some(role) = &contact.role {
        entries.push(entry(VCardProperty::Title, vec![role.clone()]));
    }
    for email in &contact.emails {
        let mut e = entry(VCardProperty::Email, vec![email.clone()]);
        if version == Version::V3 {
            e.add_param(VCardParameter::typ(VCardParameterValue::Text(
                "INTERNET".into(),
            )));
        }
        entries.push(e);
    }
    let mut group = 0;
    for phone in &contact.phones {
        let mut e = entry(VCardProperty::Tel, vec![phone.number.clone()]);
        let standard = phone
            .label
            .as_deref()
            .and_then(|l| PHONE_TYPES.iter().find(|(_, name)| *name == l));
        match (standard, &phone.label) {
            (Some((t, _)), _) => e.add_param(VCardParameter::typ(t.clone())),
            // A label of the user's: as the iPhone writes it, in a group with X-ABLabel.
            (None, Some(label)) => {
                group += 1;
                let name = format!("item{group}");
                e = e.with_group(Some(name.clone()));
                entries.push(e);
                e = entry(
                    VCardProperty::Other("X-ABLabel".into()),
                    vec![label.clone()],
                )
                .with_group(Some(name));
            }
            (None, None) => {}
        }
        entries.push(e);
    }
    VCard { entries }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/vcard")
            .join(name);
        std::fs::read(path).unwrap()
    }

    fn phone(number: &str, label: Option<&str>) -> Phone {
        Phone {
            number: number.into(),
            label: label.map(str::to_string),
        }
    }

    fn all(name: &str) -> Vec<Contact> {
        let (contacts, problems) = read(&fixture(name));
        assert!(problems.is_empty(), "{name}: {problems:?}");
        contacts
    }

    #[test]
    fn the_iphone_export() {
        let c = all("ios.vcf");
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0],
            Contact {
                name: "Paola Rossi".into(),
                org: Some("ACME S.r.l.".into()),
                role: Some("Responsabile acquisti".into()),
                emails: vec!["paola.rossi@acme.it".into(), "paola.rossi@gmail.com".into()],
                phones: vec![
                    phone("+39 333 123 4567", Some("cell")),
                    phone("+39 02 1234567", Some("Centralino")),
                ],
            }
        );
        // A company card: its name is the company's.
        assert_eq!(c[1].name, "Idrotermica Rossi S.r.l.");
        assert_eq!(c[1].org.as_deref(), Some("Idrotermica Rossi S.r.l."));
        assert_eq!(c[1].phones, [phone("030 2345678", Some("work"))]);
    }

    #[test]
    fn google_android_thunderbird_and_folded_lines() {
        let g = &all("google.vcf")[0];
        assert_eq!(g.name, "Niccolò Verdi");
        assert_eq!(
            g.emails,
            ["niccolo@verdi-arredo.com", "Niccolo.Verdi@Gmail.com"]
        );
        assert_eq!(g.role.as_deref(), Some("Titolare"));

        let a = all("android-2.1.vcf");
        assert_eq!(a[0].name, "Nicolò Bianchi");
        assert_eq!(
            a[0].role.as_deref(),
            Some("Tecnico manutenzione caldaie e impianti termoidraulici")
        );
        assert_eq!(
            a[0].phones,
            [
                phone("+393401234567", Some("cell")),
                phone("030 123456", Some("work"))
            ]
        );
        // No FN: the name from N, given name first.
        assert_eq!(a[1].name, "Marta Gialli");
        assert_eq!(a[1].phones, [phone("0302 999 888", Some("home"))]);

        let t = &all("thunderbird-4.0.vcf")[0];
        assert_eq!(t.org.as_deref(), Some("Caffè Nerò S.n.c."));
        assert_eq!(
            t.phones,
            [
                phone("+39 030 55 55 55", Some("work")),
                phone("+39-333-555-5555", Some("cell"))
            ]
        );

        let f = &all("folded-4.0.vcf")[0];
        assert_eq!(
            f.name,
            "Maria Antonietta Bellini-Castelfranchi della Torre di San Giovanni in Persiceto"
        );
        assert_eq!(
            f.role.as_deref(),
            Some("Direttrice tecnica dello stabilimento di produzione di rubinetteria di lusso")
        );
        assert_eq!(f.org.as_deref(), Some("Gessi S.p.A."));
        assert_eq!(f.phones, [phone("+39 0163 454111", Some("work"))]);
    }

    #[test]
    fn every_fixture_round_trips_through_4_0_and_3_0() {
        for name in [
            "ios.vcf",
            "google.vcf",
            "android-2.1.vcf",
            "thunderbird-4.0.vcf",
            "folded-4.0.vcf",
        ] {
            let contacts = all(name);
            for version in [Version::V4, Version::V3] {
                let text = write(&contacts, version);
                let (back, problems) = read(text.as_bytes());
                assert!(
                    problems.is_empty(),
                    "{name} {version:?}: {problems:?}\n{text}"
                );
                assert_eq!(back, contacts, "{name} {version:?}:\n{text}");
                let wanted = match version {
                    Version::V4 => "VERSION:4.0\r\n",
                    Version::V3 => "VERSION:3.0\r\n",
                };
                assert!(text.contains(wanted), "{text}");
                // Another parser (the `ical` crate) reads the same cards and names.
                let names: Vec<String> = ical::VcardParser::new(text.as_bytes())
                    .map(|card| {
                        let card = card.unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
                        card.properties
                            .iter()
                            .find(|p| p.name == "FN")
                            .and_then(|p| p.value.clone())
                            .unwrap_or_default()
                    })
                    .collect();
                let wanted: Vec<String> = contacts.iter().map(|c| c.name.clone()).collect();
                assert_eq!(names, wanted, "{name} {version:?}");
                // Folded at 75 octets, CRLF only.
                assert!(
                    text.split("\r\n")
                        .all(|l| l.len() <= 75 && !l.contains('\n')),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn text_that_needs_escaping_survives() {
        let contacts = vec![Contact {
            name: "Rossi, Paola; \"la buyer\" \\ ACME".into(),
            org: Some("Caffè Nerò S.n.c.; reparto, bar".into()),
            role: Some("Acquisti: caffè, tè\ne tisane".into()),
            emails: vec!["p@acme.it".into()],
            phones: vec![phone("+39 333", Some("Ufficio, 2° piano"))],
        }];
        for version in [Version::V4, Version::V3] {
            let (back, problems) = read(write(&contacts, version).as_bytes());
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(back, contacts, "{version:?}");
        }
    }

    #[test]
    fn what_is_not_a_contact_is_named() {
        let (c, p) = read(b"BEGIN:VCARD\r\nVERSION:4.0\r\nTEL:1\r\nEND:VCARD\r\n");
        assert!(c.is_empty());
        assert_eq!(
            p,
            ["card 1 has no name: neither FN, N nor ORG says who it is"]
        );
        let (_, p) = read(b"hello");
        assert!(!p.is_empty());
        let (_, p) = read(b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Paola\r\n");
        assert!(p.iter().any(|m| m.contains("no END:VCARD")), "{p:?}");
        let (_, p) = read(&[0xff, 0xfe, 0x00]);
        assert!(p[0].contains("not UTF-8"), "{p:?}");
    }
}
