//! `[[interaction]]`: a contact (or, with channel `note`, a note to self).

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub at: At,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    /// The customer's person it was with (`--with`): the `id` of a `[[person]]` of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    /// Stable key of the import row this record came from (makes imports idempotent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

binary!(Interaction: at, channel, direction, summary, with, source);

impl RecordKind for Interaction {
    const TABLE: &'static str = "interaction";
    const FIELDS: &'static [&'static str] =
        &["at", "channel", "direction", "summary", "with", "source"];
    const CLOSING: &'static str = "direction";

    fn said(&self) -> Vec<(&'static str, &str)> {
        vec![("summary", &self.summary)]
    }

    fn detail(&self) -> &'static str {
        self.channel.as_str()
    }

    fn with(&self) -> Option<&str> {
        self.with.as_deref()
    }

    fn at(&self) -> At {
        self.at
    }

    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("at", &self.at)?;
        s.serialize_field("channel", &self.channel)?;
        s.serialize_field("summary", &self.summary)?;
        optional(s, "source", &self.source)?;
        optional(s, "with", &self.with)?;
        s.serialize_field("direction", &self.direction)
    }

    fn key_parts(&self) -> Vec<String> {
        let mut parts = vec![
            self.channel.to_string(),
            self.direction.to_string(),
            self.summary.clone(),
        ];
        // Only when present: the keys of records without it stay what they always were.
        parts.extend(self.with.clone());
        parts
    }

    fn source_mut(&mut self) -> Option<&mut Option<String>> {
        Some(&mut self.source)
    }

    fn repeats(&self, earlier: &Self) -> bool {
        self.channel == earlier.channel
            && self.direction == earlier.direction
            && same_text(&self.summary, &earlier.summary)
            && self.with == earlier.with
    }

    fn export(&self) -> Vec<Exported> {
        vec![
            Exported::at(self.at),
            Exported::text("channel", "channel", self.channel),
            Exported::text("direction", "direction", self.direction),
            Exported::text("summary", "summary", &self.summary),
            Exported::opt("with", "with", self.with.as_ref()),
            Exported::opt("source", "source", self.source.as_ref()),
        ]
    }

    #[cfg(test)]
    fn samples(at: At, text: &str, full: bool) -> Vec<Self> {
        vec![Interaction {
            at,
            channel: Channel::Call,
            direction: Direction::In,
            summary: text.into(),
            with: full.then(|| "paola-rossi".into()),
            source: full.then(|| "row-7".into()),
        }]
    }
}
