//! The closed sets of words of a journal (kind, channel, direction, party, phase, resolution
//! status, phase setting), each parsed and written by one macro-made type.

use super::*;

/// A closed set of words (kind, channel, by, phase…): parsed by `FromStr`, listed by `words`
/// so the command line can type its arguments with the model's own types and tell shell
/// completions the choices.
pub trait Word: FromStr<Err = String> + Clone + Send + Sync + 'static {
    /// Every accepted word, in the order they are documented.
    fn words() -> Vec<&'static str>;
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        word_enum!($(#[$meta])* $name { $($variant = $word),+ } aliases {});
    };
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }
     aliases { $($alias:literal => $target:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The accepted words, for error messages: `a | b | c`.
            pub fn choices() -> String {
                [$($word),+].join(" | ")
            }

            /// The word exactly as a journal file stores it (no aliases).
            fn from_stored(s: &str) -> Option<Self> {
                match s {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Other words people type for the same thing (Italian ones, PRODUCT.md §8.4):
            /// understood on the command line and in imports, never written to a file.
            pub const ALIASES: &'static [(&'static str, $name)] = &[$(($alias, $name::$target)),*];
        }

        impl Word for $name {
            fn words() -> Vec<&'static str> {
                vec![$($word),+]
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            /// A word or one of its [aliases](Self::ALIASES), as written (lower case).
            fn from_str(s: &str) -> Result<Self, String> {
                $name::from_stored(s)
                    .or_else(|| {
                        $name::ALIASES.iter().find(|(a, _)| *a == s).map(|(_, v)| *v)
                    })
                    .ok_or_else(|| format!(
                        "unknown {} {:?} (expected {})",
                        stringify!($name).to_lowercase(), s, $name::choices()
                    ))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// A file holds the word itself: an alias or another case is refused there (the
            /// command line wrote the word, so anything else is a hand edit to correct).
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::from_stored(&s).ok_or_else(|| de::Error::custom(format!(
                    "unknown {} {:?} (expected {})",
                    stringify!($name).to_lowercase(), s, $name::choices()
                )))
            }
        }
    };
}

word_enum!(
    /// Whether a customer is outside the firm or one of its own people (agents, colleagues).
    Kind { External = "external", Internal = "internal" }
);

word_enum!(
    /// How an interaction happened. Every channel but `note` counts as a contact.
    Channel {
        Call = "call",
        Email = "email",
        Meeting = "meeting",
        Visit = "visit",
        Message = "message",
        Note = "note",
    }
    aliases {
        "telefonata" => Call,
        "telefono" => Call,
        "chiamata" => Call,
        "visita" => Visit,
        "riunione" => Meeting,
        "incontro" => Meeting,
        "messaggio" => Message,
        "whatsapp" => Message,
        "sms" => Message,
        "nota" => Note,
        "pec" => Email,
        "mail" => Email,
    }
);

word_enum!(
    /// Who started an interaction: we reached out (`out`) or they did (`in`).
    Direction { Out = "out", In = "in" }
);

word_enum!(
    /// Who made a promise.
    Party { Us = "us", Them = "them" }
);

word_enum!(
    /// Lifecycle phase of a relationship.
    Phase {
        Potential = "potential",
        New = "new",
        Acquired = "acquired",
        Partner = "partner",
        Lost = "lost",
    }
);

word_enum!(
    /// How a promise was resolved.
    ResolutionStatus {
        Kept = "kept",
        Broken = "broken",
        Renegotiated = "renegotiated",
        Cancelled = "cancelled",
    }
);

word_enum!(
    /// What a promise is about, when that matters to a figure: `payment` promises made by the
    /// customer feed its payment punctuality.
    About { Payment = "payment" }
);

/// The `set` of a `[[phase]]` record: a pinned phase, or `auto` to return to the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseSetting {
    Pin(Phase),
    Auto,
}

impl fmt::Display for PhaseSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhaseSetting::Pin(p) => p.fmt(f),
            PhaseSetting::Auto => f.write_str("auto"),
        }
    }
}

impl Word for PhaseSetting {
    fn words() -> Vec<&'static str> {
        let mut words: Vec<&'static str> = Phase::ALL.iter().map(|p| p.as_str()).collect();
        words.push("auto");
        words
    }
}

impl FromStr for PhaseSetting {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "auto" {
            return Ok(PhaseSetting::Auto);
        }
        s.parse::<Phase>()
            .map(PhaseSetting::Pin)
            .map_err(|_| format!("unknown phase {s:?} (expected {} | auto)", Phase::choices()))
    }
}

impl Serialize for PhaseSetting {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PhaseSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_understand_italian_words_but_files_hold_the_word() {
        let table = [
            ("telefonata", Channel::Call),
            ("telefono", Channel::Call),
            ("visita", Channel::Visit),
            ("riunione", Channel::Meeting),
            ("messaggio", Channel::Message),
            ("whatsapp", Channel::Message),
            ("nota", Channel::Note),
            ("pec", Channel::Email),
            ("call", Channel::Call),
        ];
        for (text, channel) in table {
            assert_eq!(text.parse::<Channel>(), Ok(channel), "{text}");
        }
        assert!("Telefonata".parse::<Channel>().is_err());
        assert!("CALL".parse::<Channel>().is_err());
        assert_eq!(
            "fax".parse::<Channel>(),
            Err("unknown channel \"fax\" (expected call | email | meeting | visit | message | note)".into())
        );
        #[derive(Debug, Deserialize)]
        struct Row {
            #[allow(dead_code)]
            channel: Channel,
        }
        assert!(toml::from_str::<Row>("channel = \"call\"").is_ok());
        let e = toml::from_str::<Row>("channel = \"telefonata\"").unwrap_err();
        assert!(
            e.to_string().contains("unknown channel \"telefonata\""),
            "{e}"
        );
        assert!(toml::from_str::<Row>("channel = \"Call\"").is_err());
    }

    #[test]
    fn a_phase_setting_is_a_phase_or_auto_both_ways() {
        assert_eq!(
            PhaseSetting::words(),
            ["potential", "new", "acquired", "partner", "lost", "auto"]
        );
        assert_eq!("auto".parse::<PhaseSetting>(), Ok(PhaseSetting::Auto));
        assert_eq!(
            "lost".parse::<PhaseSetting>(),
            Ok(PhaseSetting::Pin(Phase::Lost))
        );
        assert!("Auto".parse::<PhaseSetting>().is_err());
        for setting in [PhaseSetting::Auto, PhaseSetting::Pin(Phase::Partner)] {
            assert_eq!(setting.to_string().parse::<PhaseSetting>(), Ok(setting));
        }
        assert_eq!(PhaseSetting::Auto.to_string(), "auto");
    }
}
