//! Journal settings (`coltiva.toml`) and where the journal is: the single place where
//! environment variables, flags and defaults are resolved.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Weekday;
use serde::{Deserialize, Deserializer};

use crate::dates::DateOrder;
use crate::error::{Error, Refusal, Result};
use crate::model::{Cadence, Channel, DecimalMark, Language, MoneyStyle, Phase};

/// Name of the settings file that marks a journal's root.
pub const SETTINGS_FILE: &str = "coltiva.toml";
/// Environment variable naming the journal directory.
pub const DIR_ENV: &str = "COLTIVA_DIR";

/// The settings of a journal, with every default filled in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub schema: u32,
    /// First day of the week for `report` (default: monday).
    #[serde(deserialize_with = "weekday")]
    pub week_start: Weekday,
    /// A customer whose first order is at most this many days old is `new`.
    pub new_days: u32,
    /// A customer whose last order is older than this many days is `lost`.
    pub lost_days: u32,
    pub cadence: CadenceSettings,
    pub defaults: Defaults,
    pub git: GitSettings,
    /// How amounts and dates are read and shown, and the language of headings (§8.4).
    pub locale: Locale,
    /// `[mail]`: whose addresses are ours, for `coltiva mail` (docs/MAIL.md).
    pub mail: MailSettings,
}

/// The `[mail]` table: `me = ["paola@mia-ditta.it", "@mia-ditta.it"]`, the addresses (or, with
/// a leading `@`, whole domains) that are the journal owner's. A message from one of them is
/// one we sent (direction `out`); a message from someone who is neither us nor a customer is
/// not logged.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    pub me: Vec<String>,
}

/// The `[locale]` table: how people write and read amounts and dates in this journal.
/// JSON and CSV output never depend on it (keys in English, plain numbers).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Locale {
    /// `"."` (default) or `","`: the decimal mark; the other mark groups thousands.
    pub decimal: DecimalMark,
    /// How a date written with slashes reads: `"dmy"` (20/11/2026), `"mdy"` (11/20/2026),
    /// or `"ymd"` (default: ISO dates only).
    pub date_order: DateOrder,
    /// An ISO 4217 code (`"EUR"`) shown with amounts for people; none by default.
    pub currency: Option<String>,
    /// `"en"` (default), `"it"` or `"de"`: the language of everything people read.
    pub language: Language,
}

impl Locale {
    /// How amounts are shown to people in this journal.
    pub fn money(&self) -> MoneyStyle {
        MoneyStyle {
            decimal: self.decimal,
            currency: self.currency.clone(),
        }
    }

    /// The `[locale]` that `coltiva init --locale NAME` writes, or why there is none.
    pub fn preset(name: &str) -> std::result::Result<Locale, String> {
        match name {
            // 1.234,56 € and 20/11/2026 (in German 20.11.2026: dates with dots read as dates
            // with slashes).
            "it" | "de" => Ok(Locale {
                decimal: DecimalMark::Comma,
                date_order: DateOrder::Dmy,
                currency: Some("EUR".into()),
                language: if name == "it" {
                    Language::It
                } else {
                    Language::De
                },
            }),
            "en" => Ok(Locale::default()),
            _ => Err(format!("unknown locale {name:?} (expected it | de | en)")),
        }
    }

    /// The `[locale]` table as TOML text, made by the toml crate.
    pub fn to_toml(&self) -> Result<String> {
        #[derive(serde::Serialize)]
        struct Table<'a> {
            decimal: String,
            date_order: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            currency: Option<&'a str>,
            language: &'a str,
        }
        #[derive(serde::Serialize)]
        struct File<'a> {
            locale: Table<'a>,
        }
        let file = File {
            locale: Table {
                decimal: self.decimal.char().to_string(),
                date_order: self.date_order.as_str(),
                currency: self.currency.as_deref(),
                language: self.language.as_str(),
            },
        };
        toml::to_string(&file)
            .map_err(|e| Error::Invalid(format!("could not write the [locale] table: {e}")))
    }
}

/// The settings file `coltiva init` writes: [`DEFAULT_SETTINGS_TOML`], and the `[locale]`
/// table of `--locale` when given.
pub fn settings_toml(locale: Option<&Locale>) -> Result<String> {
    let mut text = DEFAULT_SETTINGS_TOML.to_string();
    if let Some(locale) = locale {
        text.push_str(LOCALE_COMMENT);
        text.push_str(&locale.to_toml()?);
    }
    Ok(text)
}

const LOCALE_COMMENT: &str = "
# How amounts and dates are typed and shown (see docs/FORMAT.md): decimal \".\" or \",\";
# date_order \"dmy\" (20/11/2026), \"mdy\" (11/20/2026) or \"ymd\" (ISO only);
# currency as an ISO code (EUR); language \"en\", \"it\" or \"de\" for what people read.
";

/// Expected contact rhythm: a customer's own `cadence` wins, then its tags (shortest), then its
/// phase, then `default`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CadenceSettings {
    pub default: Cadence,
    pub phase: BTreeMap<Phase, Cadence>,
    pub tag: BTreeMap<String, Cadence>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Defaults {
    /// Channel of `coltiva log` when `--channel` is not given.
    pub channel: Channel,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GitSettings {
    /// Commit each write when the journal is a git repository.
    pub autocommit: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            schema: 1,
            week_start: Weekday::Mon,
            new_days: 90,
            lost_days: 365,
            cadence: CadenceSettings::default(),
            defaults: Defaults::default(),
            git: GitSettings::default(),
            locale: Locale::default(),
            mail: MailSettings::default(),
        }
    }
}

impl Default for CadenceSettings {
    fn default() -> CadenceSettings {
        CadenceSettings {
            default: Cadence { days: 30 },
            phase: BTreeMap::new(),
            tag: BTreeMap::new(),
        }
    }
}

impl Default for Defaults {
    fn default() -> Defaults {
        Defaults {
            channel: Channel::Call,
        }
    }
}

fn weekday<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Weekday, D::Error> {
    let s = String::deserialize(d)?;
    s.parse::<Weekday>().map_err(|_| {
        serde::de::Error::custom(format!(
            "unknown weekday {s:?} (expected monday, tuesday, ... sunday)"
        ))
    })
}

impl Settings {
    /// Parses the text of a `coltiva.toml`; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        let settings: Settings = toml::from_str(text).map_err(|e| Error::parse(path, text, &e))?;
        if settings.schema > crate::model::SCHEMA {
            return Err(Error::Refused(Refusal::NewerSchema {
                path: path.to_path_buf(),
                schema: settings.schema,
                understood: crate::model::SCHEMA,
            }));
        }
        if settings.new_days == 0 || settings.lost_days == 0 {
            return Err(Error::Refused(Refusal::ZeroDays {
                path: path.to_path_buf(),
            }));
        }
        Ok(settings)
    }
}

/// The `[locale] language` a settings text names, read on its own: settings refused for another
/// value (a newer schema, `new_days = 0`) are still refused in their journal's language. None
/// when the text is not TOML or names no known language.
pub fn language_written(text: &str) -> Option<Language> {
    let table: toml::Table = text.parse().ok()?;
    table.get("locale")?.get("language")?.as_str()?.parse().ok()
}

/// The commented settings file written by `coltiva init`; every value is the default.
pub const DEFAULT_SETTINGS_TOML: &str = r#"# coltiva journal settings. Every value below is the default; change what you need.
schema = 1

# First day of the week for `coltiva report`.
week_start = "monday"

# Lifecycle thresholds, in days (see docs/METRICS.md):
# a customer whose first order is at most `new_days` old is "new";
# one whose last order is older than `lost_days` is "lost".
new_days = 90
lost_days = 365

[cadence]
# How often each customer should hear from you. A customer's own `cadence` wins,
# then the shortest cadence of its tags, then the cadence of its phase, then this default.
default = "30d"

[cadence.phase]
# potential = "60d"
# new = "14d"
# acquired = "30d"
# partner = "14d"
# lost = "90d"

[cadence.tag]
# vip = "14d"

[defaults]
# Channel used by `coltiva log` without --channel: call | email | meeting | visit | message | note
channel = "call"

[git]
# When the journal is a git repository, commit every write (like `pass`).
autocommit = false
"#;

/// How the journal directory was chosen, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Ancestor,
    DataDir,
}

/// Finds the journal directory of this process: [`locate`] with `$COLTIVA_DIR` and the
/// working directory.
pub fn discover(flag: Option<&Path>) -> Result<(PathBuf, Source)> {
    let env = std::env::var(DIR_ENV).ok();
    locate(flag, env.as_deref(), &working_dir()?)
}

/// Where `coltiva init` creates a journal when no path is given: `--dir`, else
/// `$COLTIVA_DIR`, else the working directory (the same order as [`locate`], without the
/// search upwards: init creates, it does not look for an existing journal).
pub fn init_dir(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    match std::env::var(DIR_ENV) {
        Ok(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => working_dir(),
    }
}

/// The working directory (where `coltiva init` without a path creates the journal).
pub fn working_dir() -> Result<PathBuf> {
    // This and the two refusals of `locate` stay English: no journal is found yet, so no
    // language is known.
    std::env::current_dir().map_err(|e| {
        Error::Invalid(format!(
            "could not read the current folder's path: {e} (is it longer than the system allows, or deleted?); coltiva does not go on to another journal.\nFix: pass --dir DIR or set COLTIVA_DIR=DIR"
        ))
    })
}

/// The editor command of `coltiva edit`: `$VISUAL`, else `$EDITOR`, else the system's
/// editor ([`default_editor`]), with the name of the variable it came from (for messages).
pub fn editor_command() -> (&'static str, String) {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|v| {
            std::env::var(v)
                .ok()
                .filter(|x| !x.trim().is_empty())
                .map(|x| (v, x))
        })
        .unwrap_or(("default", default_editor(cfg!(windows)).to_string()))
}

/// The editor when neither VISUAL nor EDITOR is set: `notepad` on Windows (always there),
/// `vi` elsewhere (POSIX requires it).
pub fn default_editor(windows: bool) -> &'static str {
    if windows { "notepad" } else { "vi" }
}

/// An environment variable as this system's shell writes it in a message: `$COLTIVA_DIR`,
/// `%COLTIVA_DIR%` on Windows.
pub fn var(name: &str) -> String {
    var_for(name, cfg!(windows))
}

/// [`var`] for the given system (a pure function, tested on every system).
pub fn var_for(name: &str, windows: bool) -> String {
    if windows {
        format!("%{name}%")
    } else {
        format!("${name}")
    }
}

/// A path relative to the journal, stored with `/`, as the system writes paths in messages:
/// `customers\\acme.toml` on Windows.
pub fn native_path(rel: &str, windows: bool) -> String {
    if windows {
        rel.replace('/', "\\")
    } else {
        rel.to_string()
    }
}

/// Splits an editor command into words. Unix: as a POSIX shell splits words (quotes,
/// backslash escapes), without running one. Windows: as Windows programs split their command
/// line (`CommandLineToArgvW`): the program is everything up to the first blank, or the text
/// between its quotes, and a backslash is a backslash except before a quote, so
/// `C:\tools\ed.bat` and `"C:\Program Files\x\y.exe" -w` stay whole.
pub fn split_command(value: &str, windows: bool) -> std::result::Result<Vec<String>, String> {
    if windows {
        Ok(split_windows(value))
    } else {
        shell_words::split(value).map_err(|e| e.to_string())
    }
}

/// `CommandLineToArgvW`'s rules (those of the Microsoft C runtime since 2008).
fn split_windows(line: &str) -> Vec<String> {
    let blank = |c: char| c == ' ' || c == '\t';
    let mut words = Vec::new();
    let mut chars = line.trim_start_matches(blank).chars().peekable();
    // The program: no escapes; quotes only group.
    let mut program = String::new();
    let mut quoted = false;
    while let Some(&c) = chars.peek() {
        if c == '"' {
            quoted = !quoted;
        } else if blank(c) && !quoted {
            break;
        } else {
            program.push(c);
        }
        chars.next();
    }
    if program.is_empty() && line.trim_matches(blank).is_empty() {
        return words;
    }
    words.push(program);
    loop {
        while chars.peek().is_some_and(|&c| blank(c)) {
            chars.next();
        }
        if chars.peek().is_none() {
            return words;
        }
        let mut word = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            match c {
                '\\' => {
                    let mut backslashes = 0;
                    while chars.peek() == Some(&'\\') {
                        backslashes += 1;
                        chars.next();
                    }
                    if chars.peek() == Some(&'"') {
                        // 2n backslashes and a quote: n backslashes, and the quote opens or
                        // closes; 2n+1: n backslashes and a literal quote.
                        word.extend(std::iter::repeat_n('\\', backslashes / 2));
                        if backslashes % 2 == 1 {
                            word.push('"');
                            chars.next();
                        }
                    } else {
                        word.extend(std::iter::repeat_n('\\', backslashes));
                    }
                }
                '"' => {
                    chars.next();
                    if quoted && chars.peek() == Some(&'"') {
                        // `""` inside quotes: a literal quote.
                        word.push('"');
                        chars.next();
                    } else {
                        quoted = !quoted;
                    }
                }
                c if blank(c) && !quoted => break,
                c => {
                    word.push(c);
                    chars.next();
                }
            }
        }
        words.push(word);
    }
}

/// Finds the journal directory: `--dir`, `$COLTIVA_DIR`, the nearest ancestor of `cwd` holding
/// `coltiva.toml`, else the platform data directory.
pub fn locate(flag: Option<&Path>, env: Option<&str>, cwd: &Path) -> Result<(PathBuf, Source)> {
    if let Some(dir) = flag {
        return Ok((dir.to_path_buf(), Source::Flag));
    }
    if let Some(dir) = env.filter(|d| !d.is_empty()) {
        return Ok((PathBuf::from(dir), Source::Env));
    }
    // A folder that cannot be looked into (a path longer than the system allows, no
    // permission) is an error, never a reason to go on to another journal.
    for dir in cwd.ancestors() {
        match std::fs::metadata(dir.join(SETTINGS_FILE)) {
            Ok(meta) if meta.is_file() => return Ok((dir.to_path_buf(), Source::Ancestor)),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) => {}
            Err(e) => {
                return Err(Error::Invalid(format!(
                    "could not look for {SETTINGS_FILE} in {}: {e}; coltiva does not go on to another journal.\nFix: pass --dir DIR or set COLTIVA_DIR=DIR (a relative path such as `--dir .` works where the full path is too long).",
                    dir.display()
                )));
            }
        }
    }
    let dirs = directories::ProjectDirs::from("", "", "coltiva").ok_or_else(|| {
        Error::Invalid(
            format!("no journal found: --dir and {} are not set, there is no coltiva.toml in the current folder or above, and there is no home folder for a default one.\nFix: pass --dir DIR, or set COLTIVA_DIR=DIR (cron does not read your shell profile: set it in the crontab line), or create a journal with `coltiva init DIR`.", var("COLTIVA_DIR")),
        )
    })?;
    Ok((dirs.data_dir().to_path_buf(), Source::DataDir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses_to_defaults() {
        let parsed = Settings::parse(DEFAULT_SETTINGS_TOML, Path::new("coltiva.toml")).unwrap();
        assert_eq!(parsed, Settings::default());
    }

    #[test]
    fn init_locale_it_writes_a_locale_table_that_reads_back() {
        let it = Locale::preset("it").unwrap();
        let text = settings_toml(Some(&it)).unwrap();
        assert!(text.contains("[locale]\ndecimal = \",\"\ndate_order = \"dmy\"\ncurrency = \"EUR\"\nlanguage = \"it\"\n"), "{text}");
        let parsed = Settings::parse(&text, Path::new("coltiva.toml")).unwrap();
        assert_eq!(parsed.locale, it);
        assert_eq!(parsed.locale.money().decimal, DecimalMark::Comma);
        let en = settings_toml(Some(&Locale::preset("en").unwrap())).unwrap();
        assert_eq!(
            Settings::parse(&en, Path::new("coltiva.toml")).unwrap(),
            Settings::default()
        );
        assert_eq!(
            Locale::preset("fr").unwrap_err(),
            "unknown locale \"fr\" (expected it | de | en)"
        );
    }

    #[test]
    fn a_bad_locale_value_is_named() {
        for (text, needle) in [
            ("[locale]\ndecimal = \";\"\n", "unknown decimal mark \";\""),
            (
                "[locale]\ndate_order = \"ydm\"\n",
                "unknown date order \"ydm\"",
            ),
            ("[locale]\nlanguage = \"fr\"\n", "unknown language \"fr\""),
            ("[locale]\ncolour = 1\n", "colour"),
        ] {
            let e = Settings::parse(text, Path::new("coltiva.toml"))
                .unwrap_err()
                .to_string();
            assert!(e.contains(needle), "{text}: {e}");
        }
    }

    #[test]
    fn flag_beats_env_beats_ancestor() {
        let tmp = std::env::temp_dir();
        let (d, s) = locate(Some(Path::new("/x")), Some("/y"), &tmp).unwrap();
        assert_eq!((d, s), (PathBuf::from("/x"), Source::Flag));
        let (d, s) = locate(None, Some("/y"), &tmp).unwrap();
        assert_eq!((d, s), (PathBuf::from("/y"), Source::Env));
    }
}

/// The Windows flavour of editor commands, variables and paths, tested on every system.
#[cfg(test)]
mod platform_tests {
    use super::*;

    fn win(line: &str) -> Vec<String> {
        split_command(line, true).unwrap()
    }

    #[test]
    fn windows_editor_commands_keep_backslashes_and_quoted_spaces() {
        assert_eq!(win(r"C:\tools\ed.bat"), [r"C:\tools\ed.bat"]);
        assert_eq!(
            win(r#""C:\Program Files\x\y.exe" -w"#),
            [r"C:\Program Files\x\y.exe", "-w"]
        );
        assert_eq!(
            win(r#"  notepad++.exe   -multiInst  -nosession "#),
            ["notepad++.exe", "-multiInst", "-nosession"]
        );
        // A program path ending in a backslash before its closing quote stays as typed.
        assert_eq!(win(r#""C:\my tools\"ed"#), [r"C:\my tools\ed"]);
        // Arguments follow the C runtime's rules: backslashes are literal except before a
        // quote; 2n+1 backslashes and a quote make a literal quote; `""` inside quotes too.
        assert_eq!(
            win(r#"code --wait "a b" c\d e\\"f g" h\"i "j""k""#),
            [
                "code", "--wait", "a b", r"c\d", r#"e\f g"#, r#"h"i"#, r#"j"k"#
            ]
        );
        assert_eq!(win(r#"x """#), ["x", ""]);
        assert!(win("   ").is_empty());
        assert!(win("").is_empty());
        // Unix splits as a shell does: the same text loses its backslashes there.
        assert_eq!(
            split_command(r"C:\tools\ed.bat", false).unwrap(),
            ["C:toolsed.bat"]
        );
        assert_eq!(
            split_command("code --wait 'a b'", false).unwrap(),
            ["code", "--wait", "a b"]
        );
        assert!(split_command("vi 'unclosed", false).is_err());
    }

    #[test]
    fn defaults_variables_and_paths_read_as_the_system_writes_them() {
        assert_eq!(default_editor(true), "notepad");
        assert_eq!(default_editor(false), "vi");
        assert_eq!(var_for("COLTIVA_DIR", true), "%COLTIVA_DIR%");
        assert_eq!(var_for("EDITOR", false), "$EDITOR");
        assert_eq!(var("VISUAL"), var_for("VISUAL", cfg!(windows)));
        assert_eq!(
            native_path("customers/acme.toml", true),
            r"customers\acme.toml"
        );
        assert_eq!(
            native_path("customers/acme.toml", false),
            "customers/acme.toml"
        );
    }
}
