//! Identifiers: customer ids made from names, and random promise ids.

pub use crate::error::MAX_ID_LEN;
use crate::error::{BadId, Error, IdFix, Refusal, Result};

/// Folds text for matching and for slugs: accents transliterated, lower-case ASCII.
/// "Caffè Nerò" → "caffe nero".
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// [`fold`] with every run of whitespace one space, so "rossi  impianti" matches "Rossi
/// Impianti": how names are compared.
pub fn fold_words(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest id [`slug`] makes: short enough to type, cut at a word boundary.
pub const SLUG_MAX_LEN: usize = 32;

/// The id of a customer named `name`: lower-case ASCII letters and digits, runs of anything
/// else collapsed to one dash, legal forms and what follows them left out ("Caffè Nerò
/// S.n.c. di Bianchi & C." → `caffe-nero`), at most 32 characters cut at a word boundary.
pub fn slug(name: &str) -> Result<String> {
    let folded = fold(name);
    // Words written with an accent are names, never legal forms: "Cò" stays, "Co." goes.
    let accented: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_ascii())
        .map(fold)
        .collect();
    let plain = |word: &str| !accented.iter().any(|a| a == word);
    // Words of letters and digits, each with whether an `&` stood before it.
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut amp = false;
    let mut word = String::new();
    for c in folded.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            if !word.is_empty() {
                words.push((std::mem::take(&mut word), amp));
                amp = false;
            }
            amp |= c == '&';
        }
    }
    let tokens: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    // A legal form anywhere but first ends the name: "S.n.c. di Bianchi & C." goes with it.
    let mut keep = (1..tokens.len())
        .find(|&i| {
            LEGAL_FORMS_ANYWHERE
                .iter()
                .any(|form| tokens[i..].starts_with(form))
                || (words[i].1
                    && matches!(tokens[i], "c" | "co")
                    && plain(tokens[i])
                    && i + 1 == tokens.len())
        })
        .unwrap_or(tokens.len());
    // "Rossi & C." / "Rossi e C.": the partners, not the name.
    if keep >= 2 && tokens[keep - 1] == "c" && (words[keep - 1].1 || tokens[keep - 2] == "e") {
        keep -= if words[keep - 1].1 { 1 } else { 2 };
    }
    let mut id = tokens[..keep].join("-");
    strip_legal_form(&mut id, &plain);
    if id.len() > SLUG_MAX_LEN {
        id = fitted(id.split('-'));
    }
    if id.is_empty() {
        return Err(Error::Refused(Refusal::NoIdFromName {
            name: name.to_string(),
        }));
    }
    Ok(id)
}

/// Legal forms that are never part of a name, as words: wherever they stand (but first) they
/// end the name, with whatever follows them ("di Bianchi & C.").
const LEGAL_FORMS_ANYWHERE: &[&[&str]] = &[
    &["s", "c", "a", "r", "l"],
    &["s", "c", "r", "l"],
    &["s", "c", "p", "a"],
    &["s", "a", "p", "a"],
    &["s", "r", "l", "s"],
    &["s", "r", "l"],
    &["s", "p", "a"],
    &["s", "n", "c"],
    &["s", "a", "s"],
    &["s", "s"],
    &["soc", "coop"],
    &["societa", "cooperativa"],
    &["soc", "cons"],
    &["societa", "a", "responsabilita", "limitata"],
    &["societa", "per", "azioni"],
    &["scarl"],
    &["scrl"],
    &["srls"],
    &["srl"],
    &["snc"],
    &["sas"],
    &["sapa"],
    &["gmbh"],
    &["ltd"],
    &["llc"],
];

/// Legal forms of companies, as they end a slug ("ACME S.r.l." → `acme-s-r-l`): left out of
/// ids, so "ACME S.r.l." is `acme` and "Müller GmbH & Co. KG" is `muller`. Longest first.
const LEGAL_FORMS: &[&str] = &[
    "s-c-a-r-l",
    "gmbh-co-kg",
    "s-a-p-a",
    "s-r-l-s",
    "s-a-r-l",
    "s-c-r-l",
    "s-r-l",
    "s-p-a",
    "s-n-c",
    "s-a-s",
    "s-a",
    "s-l",
    "b-v",
    "n-v",
    "a-s",
    "srls",
    "sapa",
    "sarl",
    "srl",
    "spa",
    "snc",
    "sas",
    "scarl",
    "scrl",
    "gmbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "ltd",
    "limited",
    "llc",
    "llp",
    "inc",
    "corp",
    "plc",
    "bv",
    "nv",
    "sa",
    "sl",
    "aps",
    "ab",
    "oy",
    "co",
];

/// Removes legal forms from the end of a slug, as long as something else remains.
/// A form made of words written with an accent (`plain` false) is a name and stays.
fn strip_legal_form(id: &mut String, plain: &dyn Fn(&str) -> bool) {
    loop {
        let Some(form) = LEGAL_FORMS.iter().find(|form| {
            id.len() > form.len() + 1
                && id.ends_with(*form)
                && id.as_bytes()[id.len() - form.len() - 1] == b'-'
                && form.split('-').all(plain)
        }) else {
            return;
        };
        id.truncate(id.len() - form.len() - 1);
    }
}

/// The id of a person named `name` within a customer's file: the name folded, every run of
/// other characters one dash, whole words up to [`SLUG_MAX_LEN`] ("Paola Rossi" →
/// `paola-rossi`, "Élodie D'Amico" → `elodie-d-amico`); `person` when nothing is left. No
/// legal forms are left out: a person's name has none.
pub fn person_slug(name: &str) -> String {
    let folded = fold(name);
    let words = folded.split(|c: char| !c.is_ascii_alphanumeric());
    let id = fitted(words.filter(|w| !w.is_empty()));
    if id.is_empty() { "person".into() } else { id }
}

/// ASCII words joined by dashes while they fit in [`SLUG_MAX_LEN`]; a first word longer than
/// that is cut.
fn fitted<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut id = String::new();
    for word in words {
        let extra = word.len() + usize::from(!id.is_empty());
        if id.len() + extra > SLUG_MAX_LEN {
            if id.is_empty() {
                id.push_str(&word[..SLUG_MAX_LEN]);
            }
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    id
}

/// A person id for `name` that `taken` does not hold: its slug, else the slug with `-2`,
/// `-3`… (two Paola Rossi at one customer: `paola-rossi`, `paola-rossi-2`).
pub fn fresh_person_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let slug = person_slug(name);
    if !taken(&slug) {
        return slug;
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(slug)
}

/// Checks that a customer id is a safe file stem: 1–64 characters of `a-z`, `0-9` and `-`,
/// starting with a letter or digit. This is what keeps every path inside the journal.
pub fn validate_id(id: &str) -> Result<()> {
    check_id(id).map_err(|bad| {
        Error::Refused(Refusal::BadId {
            bad,
            fix: IdFix::WithId,
        })
    })
}

/// Why `id` cannot be a customer id, shared by `add`, `rename` and `import` (each adds its own
/// advice on what to do); its Display is the English reason.
pub fn check_id(id: &str) -> std::result::Result<(), BadId> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if !ok {
        return Err(BadId::Malformed(id.to_string()));
    }
    if is_reserved_name(id) {
        return Err(BadId::Reserved(id.to_string()));
    }
    Ok(())
}

/// Device names Windows refuses as file names, with or without an extension.
fn is_reserved_name(id: &str) -> bool {
    matches!(id, "con" | "prn" | "aux" | "nul")
        || ((id.starts_with("com") || id.starts_with("lpt"))
            && id.len() == 4
            && id.as_bytes()[3].is_ascii_digit()
            && id.as_bytes()[3] != b'0')
}

/// Alphabet of promise ids: digits and lower-case letters without i, l, o, u (easy to read
/// aloud and to type, never confused with 1 and 0).
pub const PROMISE_ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
pub const PROMISE_ID_LEN: usize = 6;

/// A new random promise id: 6 characters, 30 random bits, so ids made in separate clones
/// practically never collide (and `coltiva check` reports it if they ever do).
pub fn new_promise_id() -> Result<String> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Invalid(format!("could not get random bytes for an id: {e}")))?;
    let mut bits = u32::from_le_bytes(bytes);
    let mut id = String::with_capacity(PROMISE_ID_LEN);
    for _ in 0..PROMISE_ID_LEN {
        id.push(PROMISE_ID_ALPHABET[(bits & 31) as usize] as char);
        bits >>= 5;
    }
    Ok(id)
}

/// A new promise id that `taken` does not know: the one allocation rule of `promise` and
/// `import`.
pub fn fresh_promise_id(taken: impl Fn(&str) -> bool) -> Result<String> {
    loop {
        let id = new_promise_id()?;
        if !taken(&id) {
            return Ok(id);
        }
    }
}

/// A promise id that came from another system (an import's `promise` cell): coltiva's own ids
/// are [`new_promise_id`]s, but another system's ids are kept as they are when they are safe
/// in a TOML string and on a command line: letters, digits, `-` and `_`, at most 64.
pub fn check_imported_promise_id(id: &str) -> std::result::Result<(), String> {
    let ok = id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid promise id {id:?}: letters, digits, - and _ only"
        ))
    }
}

/// True when `text` has the shape of a promise id (or of a prefix of one).
pub fn looks_like_promise_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= PROMISE_ID_LEN
        && text.bytes().all(|b| PROMISE_ID_ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_ids_are_slugs_of_the_name_made_unique() {
        assert_eq!(person_slug("Paola Rossi"), "paola-rossi");
        assert_eq!(person_slug("  Élodie D'Amico "), "elodie-d-amico");
        assert_eq!(person_slug("Rossi S.r.l."), "rossi-s-r-l");
        assert_eq!(person_slug("!!!"), "person");
        assert_eq!(person_slug(&"a".repeat(40)), "a".repeat(SLUG_MAX_LEN));
        let taken = ["paola-rossi", "paola-rossi-2"];
        assert_eq!(
            fresh_person_id("Paola Rossi", |id| taken.contains(&id)),
            "paola-rossi-3"
        );
        assert_eq!(fresh_person_id("Marco", |id| taken.contains(&id)), "marco");
    }

    #[test]
    fn ids_that_could_escape_are_refused() {
        for bad in [
            "",
            "../x",
            "a/b",
            "a\\b",
            "-x",
            "A",
            "a.b",
            "a\0b",
            &"a".repeat(65),
            "con",
            "nul",
            "com1",
            "lpt9",
        ] {
            assert!(validate_id(bad).is_err(), "{bad:?}");
        }
        for good in [
            "acme",
            "rossi-impianti",
            "a1",
            "9",
            "com0",
            "console",
            "nulla",
        ] {
            assert!(validate_id(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn slugs_transliterate_and_collapse() {
        assert_eq!(slug("Caffè Nerò").unwrap(), "caffe-nero");
        assert_eq!(slug("  Rossi -- Impianti  ").unwrap(), "rossi-impianti");
        assert!(slug("!!!").is_err());
        assert!(slug("").is_err());
        assert_eq!(slug(&"x".repeat(200)).unwrap().len(), SLUG_MAX_LEN);
    }

    #[test]
    fn slugs_leave_out_legal_forms_wherever_they_stand() {
        let table = [
            ("Caffè Nerò S.n.c. di Bianchi & C.", "caffe-nero"),
            (
                "Termoidraulica Bergamasca S.a.s. di Colombo Gianni & C.",
                "termoidraulica-bergamasca",
            ),
            ("Bianchi snc di Bianchi Mario & C.", "bianchi"),
            ("Cantina Sociale Soc. Coop.", "cantina-sociale"),
            ("Cantina Sociale Soc. Coop. Agricola", "cantina-sociale"),
            ("Consorzio Latte S.c.a.r.l.", "consorzio-latte"),
            (
                "Consorzio Latte s.c.r.l. in liquidazione",
                "consorzio-latte",
            ),
            ("Fonderia Rossi S.p.A. Unipersonale", "fonderia-rossi"),
            ("Verdi Impianti S.r.l.s.", "verdi-impianti"),
            ("Verdi Impianti SRL a socio unico", "verdi-impianti"),
            ("Rossi & C. S.n.c.", "rossi"),
            ("Rossi e C. snc", "rossi"),
            ("Rossi & C.", "rossi"),
            ("Rossi & Figli", "rossi-figli"),
            ("Società Agricola Bio S.s.", "societa-agricola-bio"),
            ("Latteria Sociale Società Cooperativa", "latteria-sociale"),
            (
                "Officine Meccaniche di Precisione Lombarde Riunite S.p.A.",
                "officine-meccaniche-di",
            ),
            ("Snc Bianchi", "snc-bianchi"),
            ("ACME S.r.l.", "acme"),
            ("Idrotermica Rossi S.r.l.", "idrotermica-rossi"),
            ("Ünal & Söhne GmbH", "unal-sohne"),
            ("Müller GmbH & Co. KG", "muller"),
            ("Keller Armaturen AG", "keller-armaturen"),
            ("Rossi & Figli S.p.A.", "rossi-figli"),
            // Only whole words at the end, and never the whole name.
            ("Spa Terme Merano", "spa-terme-merano"),
            ("Gas Nord", "gas-nord"),
            ("S.r.l.", "s-r-l"),
            ("AG", "ag"),
            // "& C." ends the name only as its last word.
            ("Rossi & C. Impianti", "rossi-c-impianti"),
            // "e C." after a name of three words: the two words go, not one more or one less.
            ("Bianchi Rossi Verdi e C.", "bianchi-rossi-verdi"),
            // "& Co." last, after "e C.": all the partners go.
            ("Rossi e C. & Co.", "rossi"),
            // Family names that only look like legal forms once their accent is gone.
            ("Tubi & Raccordi Cò S.r.l.", "tubi-raccordi-co"),
            ("Fratelli Sà", "fratelli-sa"),
            ("Tubi & Cò", "tubi-co"),
            ("Tubi & Co.", "tubi"),
            ("Tubi Co", "tubi"),
        ];
        for (name, id) in table {
            assert_eq!(slug(name).unwrap(), id, "{name}");
            assert!(id.len() <= SLUG_MAX_LEN);
        }
    }

    #[test]
    fn promise_ids_use_the_alphabet() {
        for _ in 0..100 {
            let id = new_promise_id().unwrap();
            assert_eq!(id.len(), PROMISE_ID_LEN);
            assert!(looks_like_promise_id(&id), "{id}");
        }
    }
}

/// Tests written to kill the mutants `bench/mutants.sh` found (docs/TESTING.md).
#[cfg(test)]
mod mutant_tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_long_slug_keeps_the_words_that_fill_exactly_32() {
        let id = slug("Abcdefghij Klmnopqrst Uvwxyzabcd Efg").unwrap();
        assert_eq!(id, "abcdefghij-klmnopqrst-uvwxyzabcd");
        assert_eq!(id.len(), SLUG_MAX_LEN);
    }

    #[test]
    fn imported_promise_ids_keep_safe_characters_up_to_64() {
        assert!(check_imported_promise_id("INV-2026_07").is_ok());
        assert!(check_imported_promise_id(&"a".repeat(64)).is_ok());
        assert!(check_imported_promise_id(&"a".repeat(65)).is_err());
        for bad in ["a.b", "a b", "a/b", "è"] {
            let err = check_imported_promise_id(bad).unwrap_err();
            assert!(err.contains("invalid promise id"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn the_shape_of_a_promise_id() {
        assert!(looks_like_promise_id("7k2m9q"));
        assert!(looks_like_promise_id("7k"));
        assert!(!looks_like_promise_id(""));
        assert!(!looks_like_promise_id("7k2m9qa"));
        assert!(!looks_like_promise_id("7k2m9i"));
        assert!(!looks_like_promise_id("7K2M9Q"));
    }

    #[test]
    fn only_windows_device_names_are_reserved() {
        for reserved in ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"] {
            assert!(is_reserved_name(reserved), "{reserved}");
        }
        for free in [
            "com0", "lpt0", "com10", "coma", "lpta", "com", "cons", "xcom1", "auxx",
        ] {
            assert!(!is_reserved_name(free), "{free}");
        }
    }

    #[test]
    fn promise_ids_are_random_in_every_position() {
        let ids: Vec<String> = (0..200).map(|_| new_promise_id().unwrap()).collect();
        let distinct: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert!(distinct.len() > 190, "{} distinct of 200", distinct.len());
        for position in 0..PROMISE_ID_LEN {
            let chars: std::collections::BTreeSet<u8> =
                ids.iter().map(|id| id.as_bytes()[position]).collect();
            assert!(chars.len() > 8, "position {position}: {chars:?}");
        }
    }

    #[test]
    fn a_fresh_promise_id_is_one_not_taken() {
        let asked = Cell::new(0);
        let id = fresh_promise_id(|_| {
            asked.set(asked.get() + 1);
            asked.get() < 3
        })
        .unwrap();
        assert_eq!(asked.get(), 3);
        assert!(
            looks_like_promise_id(&id) && id.len() == PROMISE_ID_LEN,
            "{id}"
        );
    }
}
