//! `[[promise]]`: a commitment made by us or by them, due on a day.

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Promise {
    pub id: String,
    pub at: At,
    pub by: Party,
    pub what: String,
    #[serde(with = "date_field")]
    pub due: NaiveDate,
    /// `payment` for a promise to pay; absent (and not written) otherwise, so files without it
    /// stay byte-identical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<About>,
    /// The customer's person it was with (`--with`): the `id` of a `[[person]]` of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

binary!(Promise: id, at, by, what, due, about, with, source);

impl RecordKind for Promise {
    const TABLE: &'static str = "promise";
    const FIELDS: &'static [&'static str] =
        &["id", "at", "by", "what", "due", "about", "with", "source"];
    const CLOSING: &'static str = "due";

    fn said(&self) -> Vec<(&'static str, &str)> {
        vec![("what", &self.what)]
    }

    fn with(&self) -> Option<&str> {
        self.with.as_deref()
    }

    fn at(&self) -> At {
        self.at
    }

    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("id", &self.id)?;
        s.serialize_field("at", &self.at)?;
        s.serialize_field("by", &self.by)?;
        s.serialize_field("what", &self.what)?;
        optional(s, "about", &self.about)?;
        optional(s, "source", &self.source)?;
        optional(s, "with", &self.with)?;
        s.serialize_field("due", &At::Date(self.due))
    }

    fn key_parts(&self) -> Vec<String> {
        let mut parts = vec![
            self.id.clone(),
            self.by.to_string(),
            self.what.clone(),
            self.due.to_string(),
        ];
        // Only when present: the keys of promises without it stay what they always were.
        if let Some(about) = self.about {
            parts.push(about.to_string());
        }
        parts.extend(self.with.clone());
        parts
    }

    fn source_mut(&mut self) -> Option<&mut Option<String>> {
        Some(&mut self.source)
    }

    fn repeats(&self, earlier: &Self) -> bool {
        self.by == earlier.by
            && self.due == earlier.due
            && self.about == earlier.about
            && same_text(&self.what, &earlier.what)
            && self.with == earlier.with
    }

    fn export(&self) -> Vec<Exported> {
        vec![
            Exported::text("id", "promise", &self.id),
            Exported::at(self.at),
            Exported::text("by", "by", self.by),
            Exported::text("what", "summary", &self.what),
            Exported::text("due", "due", self.due),
            Exported::opt("about", "about", self.about),
            Exported::opt("with", "with", self.with.as_ref()),
            Exported::opt("source", "source", self.source.as_ref()),
        ]
    }

    fn problems(&self) -> Vec<(Option<&'static str>, RecordProblem)> {
        if crate::ids::looks_like_promise_id(&self.id) {
            return Vec::new();
        }
        vec![(
            Some("id"),
            RecordProblem::UnusablePromiseId(self.id.clone()),
        )]
    }

    #[cfg(test)]
    fn samples(at: At, text: &str, full: bool) -> Vec<Self> {
        vec![Promise {
            id: "7k3m".into(),
            at,
            by: Party::Them,
            what: text.into(),
            due: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            about: full.then_some(About::Payment),
            with: full.then(|| "paola-rossi".into()),
            source: full.then(|| "row-9".into()),
        }]
    }
}
