//! `[[resolution]]`: what became of a promise.

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    pub promise: String,
    pub at: At,
    pub status: ResolutionStatus,
    /// The new due date; present exactly when `status = "renegotiated"`.
    #[serde(
        with = "date_field::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

binary!(Resolution: promise, at, status, due, note);

impl RecordKind for Resolution {
    const TABLE: &'static str = "resolution";
    const FIELDS: &'static [&'static str] = &["promise", "at", "status", "due", "note"];
    const CLOSING: &'static str = "status";

    fn said(&self) -> Vec<(&'static str, &str)> {
        self.note.iter().map(|n| ("note", n.as_str())).collect()
    }

    fn detail(&self) -> &'static str {
        self.status.as_str()
    }

    fn at(&self) -> At {
        self.at
    }

    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("promise", &self.promise)?;
        s.serialize_field("at", &self.at)?;
        optional(s, "due", &self.due.map(At::Date))?;
        optional(s, "note", &self.note)?;
        s.serialize_field("status", &self.status)
    }

    fn key_parts(&self) -> Vec<String> {
        vec![
            self.promise.clone(),
            self.status.to_string(),
            self.due.map(|d| d.to_string()).unwrap_or_default(),
            self.note.clone().unwrap_or_default(),
        ]
    }

    fn export(&self) -> Vec<Exported> {
        vec![
            Exported::text("promise", "promise", &self.promise),
            Exported::at(self.at),
            Exported::text("status", "status", self.status),
            Exported::opt("due", "due", self.due),
            Exported::opt("note", "note", self.note.as_ref()),
        ]
    }

    fn problems(&self) -> Vec<(Option<&'static str>, RecordProblem)> {
        match (self.status, self.due) {
            (ResolutionStatus::Renegotiated, None) => {
                vec![(None, RecordProblem::RenegotiatedWithoutDue)]
            }
            (status, Some(_)) if status != ResolutionStatus::Renegotiated => {
                vec![(Some("due"), RecordProblem::DueNotRenegotiated(status))]
            }
            _ => Vec::new(),
        }
    }

    #[cfg(test)]
    fn samples(at: At, text: &str, _full: bool) -> Vec<Self> {
        let renegotiated = (
            ResolutionStatus::Renegotiated,
            NaiveDate::from_ymd_opt(2026, 11, 30),
        );
        [(ResolutionStatus::Kept, None), renegotiated]
            .into_iter()
            .map(|(status, due)| Resolution {
                promise: "7k3m".into(),
                at,
                status,
                due,
                note: Some(text.into()),
            })
            .collect()
    }
}
