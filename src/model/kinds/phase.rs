//! `[[phase]]`: a lifecycle phase pinned by decision, or `auto` to unpin.

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseRecord {
    pub at: At,
    pub set: PhaseSetting,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

binary!(PhaseRecord: at, set, reason);

impl RecordKind for PhaseRecord {
    const TABLE: &'static str = "phase";
    const FIELDS: &'static [&'static str] = &["at", "set", "reason"];
    const CLOSING: &'static str = "set";

    fn said(&self) -> Vec<(&'static str, &str)> {
        self.reason.iter().map(|r| ("reason", r.as_str())).collect()
    }
    const NOUN: &'static str = "phase change";

    fn at(&self) -> At {
        self.at
    }

    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("at", &self.at)?;
        optional(s, "reason", &self.reason)?;
        s.serialize_field("set", &self.set)
    }

    fn key_parts(&self) -> Vec<String> {
        vec![
            self.set.to_string(),
            self.reason.clone().unwrap_or_default(),
        ]
    }

    fn export(&self) -> Vec<Exported> {
        vec![
            Exported::at(self.at),
            Exported::text("set", "set", self.set),
            Exported::opt("reason", "reason", self.reason.as_ref()),
        ]
    }

    #[cfg(test)]
    fn samples(at: At, text: &str, full: bool) -> Vec<Self> {
        vec![
            PhaseRecord {
                at,
                set: PhaseSetting::Pin(Phase::Partner),
                reason: full.then(|| text.into()),
            },
            PhaseRecord {
                at,
                set: PhaseSetting::Auto,
                reason: None,
            },
        ]
    }
}
