//! `[[person]]`: a person at the customer, told as events — added (with a name), changed
//! (the fields it gives), left (on its day). [`people`] folds them into who is there now.

use super::*;
use crate::error::RuleBroken;

/// What a `[[person]]` record says happened to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonEvent {
    /// The person is known from its day: the record gives the name.
    Added,
    /// The fields the record gives replace the person's (an e-mail or phone list as a whole).
    Changed,
    /// The person left the customer on the record's day.
    Left,
}

impl PersonEvent {
    pub const ALL: &[PersonEvent] = &[PersonEvent::Added, PersonEvent::Changed, PersonEvent::Left];
}

impl fmt::Display for PersonEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PersonEvent::Added => "added",
            PersonEvent::Changed => "changed",
            PersonEvent::Left => "left",
        })
    }
}

impl FromStr for PersonEvent {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "added" => Ok(PersonEvent::Added),
            "changed" => Ok(PersonEvent::Changed),
            "left" => Ok(PersonEvent::Left),
            other => Err(format!(
                "unknown person event {other:?} (expected added | changed | left)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The person's id within the customer: a slug of the name, unique in the file
    /// (`crate::ids::person_id`); what `--with` stores.
    pub id: String,
    pub at: At,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An empty role clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// E-mail addresses, the whole list (an empty list clears it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Vec<String>>,
    /// Phone numbers as typed, the whole list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub event: PersonEvent,
}

binary!(Person: id, at, name, role, email, phone, source, event);

impl RecordKind for Person {
    const TABLE: &'static str = "person";
    const FIELDS: &'static [&'static str] = &[
        "id", "at", "name", "role", "email", "phone", "source", "event",
    ];
    const CLOSING: &'static str = "event";
    const NOUN: &'static str = "person record";
    /// Who works at a customer is not part of the relationship's story (a person added
    /// before the first call does not start the phase timeline).
    const STORY: bool = false;

    fn said(&self) -> Vec<(&'static str, &str)> {
        let mut said: Vec<(&'static str, &str)> = Vec::new();
        said.extend(self.name.as_deref().map(|n| ("name", n)));
        said.extend(self.role.as_deref().map(|r| ("role", r)));
        said.extend(self.email.iter().flatten().map(|e| ("email", e.as_str())));
        said
    }

    fn at(&self) -> At {
        self.at
    }

    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("id", &self.id)?;
        s.serialize_field("at", &self.at)?;
        optional(s, "name", &self.name)?;
        optional(s, "role", &self.role)?;
        optional(s, "email", &self.email)?;
        optional(s, "phone", &self.phone)?;
        optional(s, "source", &self.source)?;
        s.serialize_field("event", &self.event)
    }

    fn key_parts(&self) -> Vec<String> {
        let list = |l: &Option<Vec<String>>| l.as_ref().map(|l| l.join(";")).unwrap_or_default();
        vec![
            self.id.clone(),
            self.event.to_string(),
            self.name.clone().unwrap_or_default(),
            self.role.clone().unwrap_or_default(),
            list(&self.email),
            list(&self.phone),
        ]
    }

    fn source_mut(&mut self) -> Option<&mut Option<String>> {
        Some(&mut self.source)
    }

    fn export(&self) -> Vec<Exported> {
        let list = |l: &Option<Vec<String>>| l.as_ref().map(|l| l.join("; "));
        vec![
            Exported::text("id", "person", &self.id),
            Exported::at(self.at),
            Exported::text("event", "event", self.event),
            Exported::opt("name", "name", self.name.as_ref()),
            Exported::opt("role", "role", self.role.as_ref()),
            Exported::opt("email", "email", list(&self.email)),
            Exported::opt("phone", "phone", list(&self.phone)),
            Exported::opt("source", "source", self.source.as_ref()),
        ]
    }

    #[cfg(test)]
    fn samples(at: At, text: &str, full: bool) -> Vec<Self> {
        [PersonEvent::Added, PersonEvent::Changed, PersonEvent::Left]
            .into_iter()
            .map(|event| Person {
                id: "paola-rossi".into(),
                at,
                name: Some(text.into()),
                role: full.then(|| text.into()),
                email: Some(vec!["paola@acme.it".into(), text.into()]),
                phone: full.then(|| vec!["+39 030 1".into()]),
                source: full.then(|| "row-10".into()),
                event,
            })
            .collect()
    }

    fn problems(&self) -> Vec<(Option<&'static str>, RecordProblem)> {
        let mut found = Vec::new();
        if let Err(m) = check_person_id(&self.id) {
            found.push((Some("id"), RecordProblem::Rule(m)));
        }
        match (&self.name, self.event) {
            (None, PersonEvent::Added) => {
                found.push((None, RecordProblem::AddedWithoutName(self.id.clone())));
            }
            (Some(n), _) => {
                if let Err(m) = person_name(n) {
                    found.push((Some("name"), RecordProblem::Rule(m)));
                }
            }
            _ => {}
        }
        for e in self.email.iter().flatten() {
            if let Err(m) = email(e) {
                found.push((Some("email"), RecordProblem::Rule(m)));
            }
        }
        for p in self.phone.iter().flatten() {
            if let Err(m) = phone(p) {
                found.push((Some("phone"), RecordProblem::Rule(m)));
            }
        }
        found
    }
}

impl Person {
    /// What a `[[person]]` record gives, in one line: `[paola-rossi] Paola Rossi, acquisti,
    /// paola@acme.it, +39 030 1234567`; a role cleared reads `cleared` (the words of a
    /// language: "role cleared").
    pub fn summary(&self, cleared: &str) -> String {
        let p = self;
        let mut parts = vec![format!("[{}]", p.id)];
        parts.extend(p.name.clone());
        match p.role.as_deref() {
            Some("") => parts.push(cleared.to_string()),
            Some(role) => parts.push(role.to_string()),
            None => {}
        }
        parts.extend(p.email.iter().flatten().cloned());
        parts.extend(p.phone.iter().flatten().cloned());
        let (first, rest) = parts.split_at(1);
        match rest.is_empty() {
            true => first[0].clone(),
            false => format!("{} {}", first[0], rest.join(", ")),
        }
    }
}

/// Why `id` cannot be a person id: the characters of a customer id (`a-z`, `0-9`, `-`), 1 to
/// 64 of them. Read by `check`, import and [`crate::ids::person_id`].
pub fn check_person_id(id: &str) -> Result<(), RuleBroken> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    match ok {
        true => Ok(()),
        false => Err(RuleBroken::PersonId { id: id.into() }),
    }
}

/// A person's name: visible text on one line.
pub fn person_name(text: &str) -> Result<String, RuleBroken> {
    let name = text.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(RuleBroken::PersonName);
    }
    Ok(name.to_string())
}

/// A role: one line of text; empty clears it.
pub fn role(text: &str) -> Result<String, RuleBroken> {
    if text.chars().any(char::is_control) {
        return Err(RuleBroken::Role { text: text.into() });
    }
    Ok(text.trim().to_string())
}

/// An e-mail address as people type it: `local@domain.tld`, no spaces, one `@`, a domain of
/// dot-separated labels. Hand-written rather than a crate's full RFC 5322 grammar, which
/// accepts quoted locals and comments no address book writes: what matters here is catching
/// typos (`paola.acme.it`, `paola@acme`), and `coltiva mail` matches addresses case-folded.
pub fn email(text: &str) -> Result<String, RuleBroken> {
    let e = text.trim();
    let bad = || Err(RuleBroken::Email { text: text.into() });
    let Some((local, domain)) = e.split_once('@') else {
        return bad();
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    if !local_ok || labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
        return bad();
    }
    Ok(e.to_string())
}

/// A phone number as typed (kept as typed): digits with `+ ( ) - . /` and spaces, at least
/// three digits, a `+` only first.
pub fn phone(text: &str) -> Result<String, RuleBroken> {
    let p = text.trim();
    let digits = p.chars().filter(char::is_ascii_digit).count();
    let ok = digits >= 3
        && p.chars()
            .all(|c| c.is_ascii_digit() || " ()-./".contains(c) || c == '+')
        && !p[1.min(p.len())..].contains('+');
    match ok {
        true => Ok(p.to_string()),
        false => Err(RuleBroken::Phone { text: text.into() }),
    }
}

/// A person as the records up to a day make them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonNow {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub email: Vec<String>,
    pub phone: Vec<String>,
    /// The day of the first record of the person.
    pub since: NaiveDate,
    /// The day the person left, if they did (a later `added` brings them back).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<NaiveDate>,
}

impl PersonNow {
    pub fn is_current(&self) -> bool {
        self.left.is_none()
    }
}

/// Every person of a customer as its `[[person]]` records of days up to `as_of` make them,
/// in the order they were first known. Records are read in timeline order: the first one of
/// an id must give the name (a nameless change of an unknown id is skipped, as `check` says);
/// `added` or `changed` replace the fields they give, `added` also brings back one who had
/// left; `left` sets the day.
pub fn people(records: &Records, as_of: NaiveDate) -> Vec<PersonNow> {
    let mut out: Vec<PersonNow> = Vec::new();
    let mut events: Vec<&Person> = records
        .people
        .iter()
        .filter(|p| p.at.day() <= as_of)
        .collect();
    events.sort_by_key(|p| p.at.sort_key()); // stable: file order within a moment
    for p in events {
        let known = out.iter_mut().find(|n| n.id == p.id);
        let now = match known {
            Some(now) => now,
            None => match &p.name {
                Some(name) => {
                    out.push(PersonNow {
                        id: p.id.clone(),
                        name: name.clone(),
                        role: None,
                        email: Vec::new(),
                        phone: Vec::new(),
                        since: p.at.day(),
                        left: None,
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
                None => continue,
            },
        };
        if let Some(name) = &p.name {
            now.name = name.clone();
        }
        if let Some(role) = &p.role {
            now.role = (!role.trim().is_empty()).then(|| role.clone());
        }
        if let Some(email) = &p.email {
            now.email = email.clone();
        }
        if let Some(phone) = &p.phone {
            now.phone = phone.clone();
        }
        match p.event {
            PersonEvent::Left => now.left = Some(p.at.day()),
            PersonEvent::Added => now.left = None,
            PersonEvent::Changed => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn event(id: &str, d: u32, name: Option<&str>, event: PersonEvent) -> Record {
        Record::from(Person {
            id: id.into(),
            at: At::Date(day(d)),
            name: name.map(str::to_string),
            role: None,
            email: None,
            phone: None,
            source: None,
            event,
        })
    }

    #[test]
    fn people_fold_their_events_in_time_order() {
        let mut records = Records::default();
        // Written out of order: the change (day 5) before the add (day 2).
        records.push(Record::from(Person {
            role: Some("acquisti".into()),
            email: Some(vec!["paola@acme.it".into()]),
            ..match event("paola", 5, None, PersonEvent::Changed) {
                Record::Person(p) => p,
                _ => unreachable!(),
            }
        }));
        records.push(event("paola", 2, Some("Paola Rossi"), PersonEvent::Added));
        records.push(event("ghost", 3, None, PersonEvent::Changed));
        records.push(event("marco", 4, Some("Marco"), PersonEvent::Added));
        records.push(event("marco", 9, None, PersonEvent::Left));
        let now = people(&records, day(20));
        assert_eq!(now.len(), 2, "{now:?}");
        assert_eq!(now[0].name, "Paola Rossi");
        assert_eq!(now[0].role.as_deref(), Some("acquisti"));
        assert_eq!(now[0].email, vec!["paola@acme.it".to_string()]);
        assert_eq!(now[0].since, day(2));
        assert!(now[0].is_current());
        assert_eq!(now[1].left, Some(day(9)));
        // As of day 4, Marco is there and Paola's role not yet given.
        let before = people(&records, day(4));
        assert!(before[1].is_current());
        assert_eq!(before[0].role, None);
        // Back after leaving: an `added` again.
        records.push(event("marco", 12, Some("Marco"), PersonEvent::Added));
        assert!(people(&records, day(20))[1].is_current());
    }

    #[test]
    fn emails_and_phones_are_checked() {
        for good in [
            "paola@acme.it",
            "p.rossi+crm@mail.acme-group.com",
            "ö@città.it",
        ] {
            assert!(email(good).is_ok(), "{good}");
        }
        for bad in [
            "paola.acme.it",
            "paola@acme",
            "pa ola@acme.it",
            "@acme.it",
            "a@@b.it",
            "a@b..it",
            ".a@b.it",
            "a@-b.it",
        ] {
            assert!(
                email(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("invalid e-mail"),
                "{bad}"
            );
        }
        for good in ["+39 030 1234567", "(030) 12.34.56", "030/123456"] {
            assert!(phone(good).is_ok(), "{good}");
        }
        for bad in ["12", "call me", "39+030", "+39 030 12x"] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_added_person_needs_a_name_and_a_good_id() {
        let Record::Person(p) = event("Paola!", 1, None, PersonEvent::Added) else {
            unreachable!()
        };
        let found: Vec<String> = p
            .problems()
            .into_iter()
            .map(|(_, m)| m.to_string())
            .collect();
        assert!(found[0].contains("invalid person id"), "{found:?}");
        assert!(found[1].contains("without a name"), "{found:?}");
    }
}
