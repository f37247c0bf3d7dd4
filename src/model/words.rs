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
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($word => Ok($name::$variant),)+
                    _ => Err(format!(
                        "unknown {} {:?} (expected {})",
                        stringify!($name).to_lowercase(), s, $name::choices()
                    )),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(de::Error::custom)
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
