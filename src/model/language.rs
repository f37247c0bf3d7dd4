//! The language people read a journal in (`[locale] language`, PRODUCT.md §8.4, §9.3). Plain
//! data: what each language says is `crate::i18n`'s (one catalogue per language).

use super::*;

/// The `[locale] language` of a journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    En,
    It,
    De,
}

impl Language {
    /// Every language, in the order `init --locale` lists them.
    pub const ALL: &'static [Language] = &[Language::En, Language::It, Language::De];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::It => "it",
            Language::De => "de",
        }
    }

    /// The accepted codes, for error messages: `en | it | de`.
    pub fn choices() -> String {
        Language::ALL
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Language::ALL
            .iter()
            .copied()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| format!("unknown language {s:?} (expected {})", Language::choices()))
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}
