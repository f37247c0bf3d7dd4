//! `[[order]]`: something the customer bought.

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub at: At,
    pub amount: Amount,
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The customer's person it was with (`--with`): the `id` of a `[[person]]` of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

binary!(Order: at, amount, reference, note, with, source);

impl RecordKind for Order {
    const TABLE: &'static str = "order";
    const FIELDS: &'static [&'static str] = &["at", "amount", "ref", "note", "with", "source"];
    const CLOSING: &'static str = "amount";

    fn said(&self) -> Vec<(&'static str, &str)> {
        let mut said = Vec::new();
        if let Some(reference) = &self.reference {
            said.push(("ref", reference.as_str()));
        }
        if let Some(note) = &self.note {
            said.push(("note", note.as_str()));
        }
        said
    }

    fn with(&self) -> Option<&str> {
        self.with.as_deref()
    }

    fn at(&self) -> At {
        self.at
    }

    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("at", &self.at)?;
        optional(s, "ref", &self.reference)?;
        optional(s, "note", &self.note)?;
        optional(s, "source", &self.source)?;
        optional(s, "with", &self.with)?;
        // In quotes, with its two decimals: `amount = "1234.56"`, never `1234.5`.
        s.serialize_field("amount", &self.amount.to_string())
    }

    fn key_parts(&self) -> Vec<String> {
        let mut parts = vec![
            self.amount.cents.to_string(),
            self.reference.clone().unwrap_or_default(),
            self.note.clone().unwrap_or_default(),
        ];
        // Only when present: the keys of records without it stay what they always were.
        parts.extend(self.with.clone());
        parts
    }

    fn source_mut(&mut self) -> Option<&mut Option<String>> {
        Some(&mut self.source)
    }

    fn repeats(&self, earlier: &Self) -> bool {
        self.amount == earlier.amount
            && same_optional(&self.reference, &earlier.reference)
            && same_optional(&self.note, &earlier.note)
            && self.with == earlier.with
    }

    fn export(&self) -> Vec<Exported> {
        vec![
            Exported::at(self.at),
            Exported {
                key: "amount",
                column: "amount",
                value: Some(ExportValue::Amount(self.amount)),
            },
            Exported::opt("ref", "ref", self.reference.as_ref()),
            Exported::opt("note", "note", self.note.as_ref()),
            Exported::opt("with", "with", self.with.as_ref()),
            Exported::opt("source", "source", self.source.as_ref()),
        ]
    }

    #[cfg(test)]
    fn samples(at: At, text: &str, full: bool) -> Vec<Self> {
        let cents = [123_456, -3_520, 120_000, 5, 999_999_999_999_999];
        cents
            .into_iter()
            .map(|cents| Order {
                at,
                amount: Amount::from_cents(cents),
                reference: full.then(|| "F-77".into()),
                note: Some(text.into()),
                with: full.then(|| "paola-rossi".into()),
                source: full.then(|| "row-8".into()),
            })
            .collect()
    }
}
