//! Every command-line definition, in one place. The code of each command lives in
//! `src/cmd/<name>.rs`.

use std::path::PathBuf;

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::metrics::phase::ShownPhase;
use crate::model::{Channel, Kind, Party, PhaseSetting, Word};
use crate::report::list::SortKey;

/// Types an argument with a word of the model (kind, channel, by, phase): the model's own
/// `FromStr` parses it, so the command line and the files accept the same words, and its words
/// are the possible values that help and shell completions show.
#[derive(Clone)]
pub struct WordParser<T>(PhantomData<T>);

/// A word argument clap refused, kept for [`refused_word_in`]: clap parses before the journal
/// (hence its language) is known, so its English message is worded again afterwards.
struct RefusedWord {
    flag: String,
    value: String,
    what: crate::i18n::WordKind,
    choices: fn(&dyn crate::i18n::Catalogue) -> Vec<&'static str>,
}

static REFUSED_WORD: std::sync::Mutex<Option<RefusedWord>> = std::sync::Mutex::new(None);

/// The refusal of the word argument clap just refused, in `language` (`None`: no word was
/// refused).
pub fn refused_word_in(language: crate::model::Language) -> Option<String> {
    let refused = REFUSED_WORD.lock().ok()?.take()?;
    let words = crate::i18n::catalogue(language);
    Some(format!(
        "{}{}",
        refused.flag,
        words.unknown_word(refused.what, &refused.value, &(refused.choices)(words))
    ))
}

/// The journal's folder as the command line gives it, even when the command line is otherwise
/// wrong (for the language of a refusal).
pub fn dir_anyway() -> Option<PathBuf> {
    use clap::CommandFactory;
    Cli::command()
        .ignore_errors(true)
        .try_get_matches()
        .ok()?
        .get_one::<PathBuf>("dir")
        .cloned()
}

/// The parser of a [`Word`] argument.
pub fn word<T: Spoken>() -> WordParser<T> {
    WordParser(PhantomData)
}

/// A word people may also type as coltiva shows it in their language (`list --phase nuovo`,
/// `add --kind esterno`, `promises --by loro`): the catalogues' own words for each value, so
/// what a table shows can be typed back, in any journal.
pub trait Spoken: Word + Copy {
    /// What the word names, for a refusal in the journal's language.
    const WHAT: crate::i18n::WordKind;
    fn values() -> Vec<Self>;
    fn shown(self, words: &dyn crate::i18n::Catalogue) -> &'static str;

    /// The value whose shown word in some language is `text` (case and surrounding spaces
    /// ignored).
    fn from_shown(text: &str) -> Option<Self> {
        let text = text.trim().to_lowercase();
        crate::model::Language::ALL.iter().find_map(|&language| {
            let words = crate::i18n::catalogue(language);
            Self::values()
                .into_iter()
                .find(|v| v.shown(words).to_lowercase() == text)
        })
    }
}

impl Spoken for Kind {
    const WHAT: crate::i18n::WordKind = crate::i18n::WordKind::Kind;
    fn values() -> Vec<Self> {
        Kind::ALL.to_vec()
    }
    fn shown(self, words: &dyn crate::i18n::Catalogue) -> &'static str {
        words.kind(self)
    }
}

impl Spoken for Channel {
    const WHAT: crate::i18n::WordKind = crate::i18n::WordKind::Channel;
    fn values() -> Vec<Self> {
        Channel::ALL.to_vec()
    }
    fn shown(self, words: &dyn crate::i18n::Catalogue) -> &'static str {
        words.channel(self)
    }
}

impl Spoken for Party {
    const WHAT: crate::i18n::WordKind = crate::i18n::WordKind::Party;
    fn values() -> Vec<Self> {
        Party::ALL.to_vec()
    }
    fn shown(self, words: &dyn crate::i18n::Catalogue) -> &'static str {
        words.party(self)
    }
}

impl Spoken for ShownPhase {
    const WHAT: crate::i18n::WordKind = crate::i18n::WordKind::Phase;
    fn values() -> Vec<Self> {
        let mut all: Vec<Self> = crate::model::Phase::ALL
            .iter()
            .map(|&p| ShownPhase::Lifecycle(p))
            .collect();
        all.push(ShownPhase::Internal);
        all
    }
    fn shown(self, words: &dyn crate::i18n::Catalogue) -> &'static str {
        words.phase(self)
    }
}

impl Spoken for PhaseSetting {
    const WHAT: crate::i18n::WordKind = crate::i18n::WordKind::Phase;
    fn values() -> Vec<Self> {
        crate::model::Phase::ALL
            .iter()
            .map(|&p| PhaseSetting::Pin(p))
            .collect()
    }
    fn shown(self, words: &dyn crate::i18n::Catalogue) -> &'static str {
        match self {
            PhaseSetting::Pin(p) => words.phase(ShownPhase::Lifecycle(p)),
            PhaseSetting::Auto => "auto",
        }
    }
}

impl<T: Spoken> TypedValueParser for WordParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let flag = arg.map_or_else(String::new, |a| match a.get_long() {
            Some(long) => format!("--{long}: "),
            None => format!("{}: ", a.get_id().as_str().to_uppercase()),
        });
        let text = value.to_string_lossy();
        if let Some(spoken) = text.parse::<T>().ok().or_else(|| T::from_shown(&text)) {
            return Ok(spoken);
        }
        if let Ok(mut slot) = REFUSED_WORD.lock() {
            *slot = Some(RefusedWord {
                flag: flag.clone(),
                value: text.to_string(),
                what: T::WHAT,
                choices: |words| T::values().into_iter().map(|v| v.shown(words)).collect(),
            });
        }
        text.parse::<T>().map_err(|message| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("{flag}{message}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::words().into_iter().map(PossibleValue::new)))
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "coltiva",
    version,
    about = "A relationship journal: contacts, orders and promises with each customer, in plain TOML.",
    long_about = "A relationship journal: contacts, orders and promises with each customer, in plain \
TOML files kept in git. coltiva computes promise-kept rates, contact gaps against each customer's \
cadence, and the lifecycle phase of every relationship, with the records that justify them.\n\n\
Run without a command inside a journal to see this week's report.",
    after_help = "Examples:\n  coltiva init ~/clienti && cd ~/clienti\n  coltiva add \"ACME S.r.l.\" --tag b2b\n  coltiva log acme \"Called Paola, they want the Q1 price list\"\n  coltiva promise acme \"Send the revised quote\" --due fri\n  coltiva report"
)]
pub struct Cli {
    /// The journal folder (default: $COLTIVA_DIR, else the nearest folder upwards holding
    /// coltiva.toml, else the platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Evaluate everything as of this day, which is also the default date of new records
    /// (default: the real today).
    #[arg(long, global = true, value_name = "DATE", allow_hyphen_values = true)]
    pub today: Option<String>,

    /// When to colour tables: auto (on a terminal, unless NO_COLOR is set; CLICOLOR=0 turns
    /// it off, CLICOLOR_FORCE=1 on), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, following NO_COLOR, CLICOLOR and CLICOLOR_FORCE.
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a journal: coltiva.toml (commented defaults) and customers/.
    #[command(
        after_help = "Examples:\n  coltiva init\n  coltiva init ~/clienti\n  coltiva init ~/clienti --git"
    )]
    Init(InitArgs),

    /// Add a customer; prints the new id alone on stdout.
    #[command(
        after_help = "Examples:\n  coltiva add \"Caffè Nerò\"                # id: caffe-nero\n  coltiva add \"ACME S.r.l.\" --id acme --tag b2b --tag vip --cadence 14d\n  coltiva add \"Marco Bellini\" --kind internal --set territory=Veneto"
    )]
    Add(AddArgs),

    /// Record a contact (or a note) with a customer.
    #[command(
        after_help = "Examples:\n  coltiva log acme \"Called Paola, they want the Q1 price list\"\n  coltiva log acme \"Asked for the catalogue\" --channel email --in\n  coltiva log acme \"Visited the plant\" --channel visit --at yesterday"
    )]
    Log(LogArgs),

    /// Record an order.
    #[command(
        after_help = "Examples:\n  coltiva order acme 1240.50 --ref INV-2026-114\n  coltiva order acme -35.20 --note \"credit note for a damaged valve\""
    )]
    Order(OrderArgs),

    /// Record a promise, by us (default) or by them; prints the promise id alone on stdout.
    #[command(
        after_help = "Examples:\n  coltiva promise acme \"Send the revised quote\" --due fri\n  coltiva promise acme \"Pay invoice INV-2026-114\" --by them --due 2026-12-15"
    )]
    Promise(PromiseArgs),

    /// Mark a promise as kept.
    #[command(
        after_help = "Examples:\n  coltiva keep 7k3m9x\n  coltiva keep acme/7k3m --at yesterday"
    )]
    Keep(ResolveArgs),

    /// Mark a promise as broken.
    #[command(after_help = "Examples:\n  coltiva break 7k3m9x --note \"quote never sent\"")]
    Break(ResolveArgs),

    /// Cancel a promise by agreement (it leaves the kept rates).
    #[command(
        after_help = "Examples:\n  coltiva cancel 7k3m9x --note \"they dropped the project\""
    )]
    Cancel(ResolveArgs),

    /// Move a promise's due date (in time: no penalty; after the due date: at best late).
    #[command(
        after_help = "Examples:\n  coltiva renegotiate 7k3m9x --due \"next friday\" --note \"waiting for prices\""
    )]
    Renegotiate(RenegotiateArgs),

    /// Pin a customer's lifecycle phase (e.g. partner), or return to the computed one with auto.
    #[command(
        after_help = "Examples:\n  coltiva phase acme partner --reason \"Joint product line agreed with their CEO\"\n  coltiva phase acme auto"
    )]
    Phase(PhaseArgs),

    /// Edit header attributes: name, kind, since, tags, cadence, free attributes.
    #[command(
        after_help = "KEY=VALUE sets, KEY= removes (cadence and free attributes), tags+=T adds a tag, tags-=T removes one, tags=a,b replaces them.\n\nThe header is rewritten atomically; comments, formatting and every record byte are kept.\n\nExamples:\n  coltiva set acme tags+=vip cadence=14d\n  coltiva set acme name=\"ACME Italia S.p.A.\" territory=Bergamo\n  coltiva set acme referente= tags-=prospect"
    )]
    Set(SetArgs),

    /// Change a customer's id: its file moves (with git under autocommit); its records,
    /// promises and uid follow.
    #[command(
        after_help = "The header, every record and every promise id stay as they are; only the file's name changes. In a team, the clones that still write to the old id merge into the new file (git pairs the two files as a rename; the merge driver merges them).\n\nExamples:\n  coltiva rename idraulica-bianchi idraulica-bianchi-bs"
    )]
    Rename(RenameArgs),

    /// Validate the whole journal and report every problem with file:line:column.
    #[command(
        after_help = "Exit status: 0 when the journal is clean, 1 when problems were found.\n\nExamples:\n  coltiva check\n  coltiva check && git push"
    )]
    Check,

    /// Move the unparseable tail of a customer file into customers/<id>.toml.rej.
    #[command(
        after_help = "Nothing is deleted: the moved bytes are appended to the .rej file, the parseable prefix stays in place.\n\nExamples:\n  coltiva repair acme\n  coltiva repair acme --force    # also when more than the last record must move"
    )]
    Repair(RepairArgs),

    /// Delete a customer's file for good (right to erasure), after confirmation.
    #[command(
        after_help = "Examples:\n  coltiva forget acme\n  coltiva forget acme --yes     # no question asked, for scripts"
    )]
    Forget(ForgetArgs),

    /// Show one customer: metrics, phase with its receipts, open promises, recent records.
    #[command(
        after_help = "Examples:\n  coltiva show acme\n  coltiva show \"caffe nero\" --format json"
    )]
    Show(ShowArgs),

    /// One row per customer, with the numbers that matter.
    #[command(
        after_help = "Examples:\n  coltiva list\n  coltiva list --overdue --sort overdue\n  coltiva list --phase lost --format csv"
    )]
    List(ListArgs),

    /// A customer's people: add them, list them, change them, say who left.
    #[command(
        subcommand,
        after_help = "Examples:\n  coltiva person add acme \"Paola Rossi\" --role acquisti --email paola@acme.it --phone \"+39 030 1234567\"\n  coltiva person list acme\n  coltiva person set acme paola --role \"direttrice acquisti\"\n  coltiva person left acme paola --at 2026-11-30\n  coltiva log acme \"Called about the Q1 prices\" --with paola"
    )]
    Person(PersonCommand),

    /// Promises across the journal.
    #[command(
        after_help = "Examples:\n  coltiva promises --open\n  coltiva promises --overdue --by us\n  coltiva promises --due-within 7 --format markdown"
    )]
    Promises(PromisesArgs),

    /// Find what was said: every summary, note, ref, promise and reason holding these words
    /// (accents and case ignored, every word must match), best matches first, then newest.
    #[command(
        after_help = "A word matches the start of a word in a record: \"perche\" finds \"perché\", \"gess\" finds \"Gessi\". Records where the words matched whole come first; then the newest.\n\nExamples:\n  coltiva search gessi\n  coltiva search perche rubinetti --since 2026-03-01\n  coltiva search preventivo --customer acme --format json"
    )]
    Search(SearchArgs),

    /// The weekly review: promises, kept rates, neglected customers, phases, contacts.
    #[command(
        after_help = "Examples:\n  coltiva report\n  coltiva report --format markdown | mail -s \"Weekly review\" me@example.com\n  coltiva report --format html > week.html\n  coltiva report --since 2026-11-01 --until 2026-11-30 --format json"
    )]
    Report(ReportArgs),

    /// What to do now: promises to keep or chase, customers due for a contact.
    #[command(
        after_help = "Examples:\n  coltiva agenda\n  coltiva agenda --days 14 --tag vip\n  coltiva agenda --format ics > ~/Calendars/coltiva.ics"
    )]
    Agenda(AgendaArgs),

    /// Take back the last write made in this journal from this machine.
    #[command(
        after_help = "Only while the file still ends with exactly what that write left.\n\nExamples:\n  coltiva undo --dry-run\n  coltiva undo"
    )]
    Undo(UndoArgs),

    /// Who is slipping away: a BG/NBD model of the purchase histories, with each customer's
    /// probability of still being active and the purchases to expect.
    #[command(
        after_help = "Examples:\n  coltiva outlook\n  coltiva outlook --horizon 30 --format json\n  coltiva --today 1997-09-30 outlook --format csv\n\nThe model and its figures are explained in docs/OUTLOOK.md."
    )]
    Outlook(OutlookArgs),

    /// Import records (and customers) from a CSV file; importing the same rows again adds nothing.
    #[command(
        after_help = "Examples:\n  coltiva import contacts.csv --dry-run\n  coltiva import orders.csv --type order --map customer=client_id --map at=date --date-format %Y%m%d\n  coltiva export --format csv | coltiva --dir ../copy import -\n\nColumns: customer,type,at,summary,channel,direction,amount,ref,due,by,name and the extra\nnote,promise,status,set,reason,source,kind,since,tags,cadence,attributes (see docs/IMPORT.md)."
    )]
    Import(ImportArgs),

    /// Log an e-mail as a contact: one message on stdin (as a mail client or a procmail/sieve
    /// rule pipes it) or every message of a Maildir, matched to customers by address or domain.
    #[command(
        after_help = "A message is logged once however often it is fed (its Message-ID is kept). Messages that match no customer, or more than one, are listed and not logged (exit 1).\n\nExamples:\n  coltiva mail < message.eml\n  coltiva mail --maildir ~/Mail/clienti --dry-run\n  coltiva set acme domain=acme.it        # how a message finds its customer\n\nSee docs/MAIL.md for mutt, aerc, procmail, sieve and cron."
    )]
    Mail(MailArgs),

    /// Export the whole journal (every customer, header and records) as JSON or CSV.
    #[command(
        after_help = "Examples:\n  coltiva export > journal.json\n  coltiva export --format csv > journal.csv\n  coltiva export --format csv | coltiva --dir ../copy import -"
    )]
    Export(ExportArgs),

    /// Edit a customer file in $VISUAL or $EDITOR; the file is checked before it is saved.
    #[command(
        after_help = "Examples:\n  coltiva edit acme\n  EDITOR=\"code --wait\" coltiva edit \"caffe nero\""
    )]
    Edit(EditArgs),

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  coltiva completions bash > ~/.local/share/bash-completion/completions/coltiva\n  coltiva completions zsh > \"${fpath[1]}/_coltiva\"\n  coltiva completions fish > ~/.config/fish/completions/coltiva.fish"
    )]
    Completions(CompletionsArgs),

    /// Print the manual page (roff) of coltiva or of one of its commands.
    #[command(
        after_help = "Examples:\n  coltiva man | man -l -\n  coltiva man import > coltiva-import.1"
    )]
    Man(ManArgs),

    /// git merge driver for customer files (registered by `coltiva init` in a git repository).
    #[command(
        hide = true,
        after_help = "Examples:\n  coltiva merge-driver %O %A %B %P   # as git runs it; see docs/TEAMS.md"
    )]
    MergeDriver(MergeDriverArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the journal (default: the current folder).
    pub path: Option<PathBuf>,
    /// Also make the journal a git repository (`git init` if needed) set up for teams:
    /// .gitattributes (customer files merge record by record) and .gitignore. Inside an existing
    /// repository this happens without --git.
    #[arg(long)]
    pub git: bool,
    /// Write a [locale] table for how amounts and dates are typed and shown: `it` (1.250,40 €,
    /// 20/11/2026, in Italian), `de` (1.250,40 €, 20.11.2026, in German) or `en` (the
    /// defaults, written out).
    #[arg(long, value_name = "it|de|en", value_parser = ["it", "de", "en"])]
    pub locale: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The customer's name, as you want to read it.
    pub name: String,
    /// The id (file name) to use instead of one made from the name.
    #[arg(long)]
    pub id: Option<String>,
    /// external (default) or internal (colleagues, agents, collaborators).
    #[arg(long, short, value_parser = word::<Kind>())]
    pub kind: Option<Kind>,
    /// A tag; repeat for more.
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// How often this customer should hear from you, e.g. 14d or 2w.
    #[arg(long)]
    pub cadence: Option<String>,
    /// When the relationship started (default: today).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// A free attribute, e.g. territory=Brescia; repeat for more.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// What happened, in your words.
    pub summary: String,
    /// call | email | meeting | visit | message | note (default from coltiva.toml: call).
    #[arg(long, short, value_parser = word::<Channel>())]
    pub channel: Option<Channel>,
    /// They contacted us (default: we contacted them).
    #[arg(long = "in")]
    pub inbound: bool,
    /// When it happened: a date, a date-time or a word such as yesterday (default: now).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// The customer's person it was with: their id or a unique part of the name (see
    /// `coltiva person list`).
    #[arg(long, value_name = "PERSON")]
    pub with: Option<String>,
    /// Record it even when the same record is already there for that day (no question).
    #[arg(long)]
    pub again: bool,
}

#[derive(Debug, Args)]
pub struct OrderArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// The amount in the journal's decimal style, e.g. 1240.50 or 1.240,50 (negative for a
    /// credit note: -120.00, -120,00).
    // Hyphen values, not only clap's negative numbers (`-1.5`): a credit note is typed in the
    // journal's decimal style, `-120,00` or `-1.200,00` in an Italian journal.
    #[arg(allow_hyphen_values = true)]
    pub amount: String,
    /// When the order was placed: a date, a date-time or a word such as yesterday (default: now).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Invoice or order number.
    #[arg(long = "ref", value_name = "REF")]
    pub reference: Option<String>,
    /// A note kept with the order.
    #[arg(long, short)]
    pub note: Option<String>,
    /// The customer's person it was with: their id or a unique part of the name (see
    /// `coltiva person list`).
    #[arg(long, value_name = "PERSON")]
    pub with: Option<String>,
    /// Record it even when the same record is already there for that day (no question).
    #[arg(long)]
    pub again: bool,
}

#[derive(Debug, Args)]
pub struct PromiseArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// What was promised.
    pub what: String,
    /// When it is due: a date or a word such as fri, "next friday", +3d.
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub due: String,
    /// Who promised: us (default) or them.
    #[arg(long, short, default_value = "us", value_parser = word::<Party>())]
    pub by: Party,
    /// When the promise was made (default: now).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A promise to pay (stored `about = "payment"`): their payment promises make their
    /// payment punctuality.
    #[arg(long)]
    pub payment: bool,
    /// The customer's person it was with: their id or a unique part of the name (see
    /// `coltiva person list`).
    #[arg(long, value_name = "PERSON")]
    pub with: Option<String>,
    /// Record it even when the same record is already there for that day (no question).
    #[arg(long)]
    pub again: bool,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The promise id (or a unique prefix), or CUSTOMER/ID.
    pub promise: String,
    /// When it was resolved: a date, a date-time or a word such as yesterday (default: now).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Why, in your words; kept with the resolution.
    #[arg(long, short)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct RenegotiateArgs {
    /// The promise id (or a unique prefix), or CUSTOMER/ID.
    pub promise: String,
    /// The new due date: a date or a word such as "next friday".
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub due: String,
    /// When it was renegotiated (default: now).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Why the date moved, in your words.
    #[arg(long, short)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct PhaseArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// The phase to pin: potential | new | acquired | partner | lost; auto returns to the
    /// computed phase.
    #[arg(value_parser = word::<PhaseSetting>())]
    pub phase: PhaseSetting,
    /// When the phase changed (default: now).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Why, in your words: shown as the phase's receipt.
    #[arg(long, short)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// The edits: KEY=VALUE sets, KEY= removes, tags+=T adds a tag, tags-=T removes one.
    #[arg(required = true, value_name = "EDIT", allow_hyphen_values = true)]
    pub edits: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The customer to rename: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// The new id: lower-case letters, digits and dashes.
    pub new_id: String,
}

#[derive(Debug, Args)]
pub struct RepairArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// Move the tail aside even when it holds more than the last record.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// Do not ask for confirmation.
    #[arg(long, short)]
    pub yes: bool,
}

/// The customer filter of reading commands (PRODUCT.md §8.2).
#[derive(Debug, Default, Clone, Args)]
pub struct FilterArgs {
    /// Only customers with this tag; repeat for more (all must match).
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only customers whose header says KEY=VALUE (an attribute such as territory, or
    /// kind/phase); repeat for more (all must match).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgendaFormat {
    Table,
    Markdown,
    Json,
    Csv,
    /// An RFC 5545 calendar (all-day events) for a calendar app.
    Ics,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// How many days ahead to look (overdue items always show).
    #[arg(long, default_value_t = 7, value_name = "N")]
    pub days: u32,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format (default: table).
    #[arg(long, short, value_enum)]
    pub format: Option<AgendaFormat>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Show what would be taken back, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people, fitted to the terminal.
    Table,
    /// Markdown, for a mail or a wiki.
    Markdown,
    /// JSON with stable field names (docs/METRICS.md).
    Json,
    /// CSV, every field, for spreadsheets.
    Csv,
    /// One self-contained page with charts (report, show; other commands: their tables).
    Html,
}

#[derive(Debug, Default, Args)]
pub struct FormatArg {
    /// Output format (default: table).
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// Show every record, not only the most recent ones.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only customers in this phase (`internal` for colleagues and agents).
    #[arg(long, short, value_parser = word::<ShownPhase>())]
    pub phase: Option<ShownPhase>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only external customers or only internal ones (colleagues, agents).
    #[arg(long, short, value_parser = word::<Kind>())]
    pub kind: Option<Kind>,
    /// Only customers past their cadence.
    #[arg(long, short)]
    pub overdue: bool,
    /// The order of the rows.
    #[arg(long, short, value_enum, default_value = "name")]
    pub sort: SortKey,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct PromisesArgs {
    /// Only the promises of these customers (id, prefix or part of a name).
    pub customers: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only unresolved promises: every one not kept, broken or cancelled, overdue included.
    #[arg(long)]
    pub open: bool,
    /// Only unresolved promises past their due date.
    #[arg(long, short, conflicts_with = "upcoming")]
    pub overdue: bool,
    /// Only unresolved promises not yet due.
    #[arg(long, short)]
    pub upcoming: bool,
    /// Only promises by us or by them.
    #[arg(long, short, value_parser = word::<Party>())]
    pub by: Option<Party>,
    /// Only unresolved promises due within this many days (overdue ones included).
    #[arg(long, value_name = "DAYS")]
    pub due_within: Option<u32>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct MailArgs {
    /// Read every message of this Maildir (its new/ and cur/ folders) instead of stdin.
    #[arg(long, value_name = "DIR")]
    pub maildir: Option<PathBuf>,
    /// Say what would be logged; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to find (every one must match).
    #[arg(required = true, value_name = "WORDS")]
    pub words: Vec<String>,
    /// Only in this customer's records (id, prefix or part of a name); repeat for more.
    #[arg(long = "customer", short = 'c', value_name = "CUSTOMER")]
    pub customers: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only records on or after this day (a date or a word such as "last month").
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only records on or before this day (a date or a word such as "last month").
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args, Default)]
pub struct ReportArgs {
    /// First day of the period: a date or a word such as monday, "last week", "this month"
    /// (a period word starts the period it names). Default: six days before --until.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Last day of the period: a date or a word such as yesterday, "last week", "last month"
    /// (a period word ends the period it names). Default: the as-of day, or six days after
    /// --since. A period ending before the as-of day is evaluated as of its last day.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// The calendar week holding the as-of day (its first day is week_start in coltiva.toml).
    #[arg(long, short, conflicts_with_all = ["since", "until", "last_week"])]
    pub week: bool,
    /// The calendar week before the one holding the as-of day, evaluated as of its last day.
    #[arg(long, short, conflicts_with_all = ["since", "until"])]
    pub last_week: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Add one block per value of this tag-or-attribute key (`tag` for tags, or e.g.
    /// territory).
    #[arg(long, short, value_name = "KEY")]
    pub by: Option<String>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct OutlookArgs {
    /// Days ahead over which purchases are expected.
    #[arg(long, value_name = "DAYS", default_value_t = crate::outlook::DEFAULT_HORIZON_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub horizon: u32,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file to import, or - for standard input; a .vcf file (vCard: a phone's or mail
    /// client's contacts) adds people to the customers they belong to.
    pub file: PathBuf,
    /// Read your column THEIRS as coltiva's column CANONICAL, e.g. customer=client_id;
    /// repeat for more.
    #[arg(long = "map", value_name = "CANONICAL=THEIRS")]
    pub maps: Vec<String>,
    /// How the file writes dates, as a strftime pattern such as %Y%m%d or "%d/%m/%Y %H:%M"
    /// (default: ISO 8601, e.g. 2026-11-20 or 2026-11-20T10:30:00+01:00).
    #[arg(long, value_name = "PATTERN")]
    pub date_format: Option<String>,
    /// The field separator: , ; tab or | (default: read from the header line).
    #[arg(long, value_name = "SEP")]
    pub delimiter: Option<String>,
    /// The decimal mark of the file's amounts, . or , (default: the journal's [locale]).
    #[arg(long, value_name = "MARK")]
    pub decimal: Option<String>,
    /// The type of rows without a type column or cell: interaction | order | promise |
    /// resolution | phase | customer.
    #[arg(long = "type", value_name = "TYPE")]
    pub default_type: Option<String>,
    /// Make each customer's id from these columns of the file, comma-separated (e.g.
    /// "Ragione sociale,Città" gives idraulica-bianchi-verona), for rows that share a name.
    #[arg(long, value_name = "COLUMNS")]
    pub id_from: Option<String>,
    /// Show what would be imported, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    /// vCard 4.0 of the customers' current people (ORG: the customer's name).
    Vcard,
    /// vCard 3.0, for address books that read no 4.0.
    Vcard3,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// json (every field, for programs), csv (the columns `coltiva import` reads), or
    /// vcard / vcard3 (the customers' people, for a phone or a mail client).
    #[arg(long, short, value_enum, default_value = "json")]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The customer whose file to edit: an id, a unique prefix of one, or a unique part of
    /// the name.
    pub customer: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command to print the page of, e.g. log (default: the page of coltiva itself).
    pub command: Option<String>,
    /// Write every page (coltiva.1 and coltiva-COMMAND.1) into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub all: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (%O).
    pub base: PathBuf,
    /// Our version (%A); the merge result is written here.
    pub ours: PathBuf,
    /// Their version (%B).
    pub theirs: PathBuf,
    /// The path of the file in the repository (%P), for messages.
    pub path: Option<String>,
}

/// Flags people reach for that coltiva spells otherwise (many are the import's column names),
/// with what to type instead: (flag, commands it is meant for (empty: any), the advice).
const NEAR_MISSES: &[(&str, &[&str], &str)] = &[
    (
        "--direction",
        &["log"],
        "an incoming contact is `--in`; outgoing is the default (`direction` is the import's column)",
    ),
    ("--incoming", &["log"], "an incoming contact is `--in`"),
    ("--inbound", &["log"], "an incoming contact is `--in`"),
    (
        "--out",
        &["log"],
        "outgoing is the default: leave `--in` out",
    ),
    (
        "--outgoing",
        &["log"],
        "outgoing is the default: leave `--in` out",
    ),
    (
        "--amount",
        &["order"],
        "the amount is the second argument: `coltiva order CUSTOMER AMOUNT`",
    ),
    ("--reference", &[], "the invoice or order number is `--ref`"),
    ("--invoice", &[], "the invoice or order number is `--ref`"),
    ("--due-date", &[], "the due date is `--due`"),
    ("--deadline", &[], "the due date is `--due`"),
    (
        "--date",
        &["promise"],
        "when it is due is `--due`, when it was made `--at`",
    ),
    ("--date", &[], "the day or time is `--at`"),
    ("--when", &[], "the day or time is `--at`"),
    (
        "--customer",
        &[],
        "the customer is the first argument, without a flag",
    ),
    (
        "--client",
        &[],
        "the customer is the first argument, without a flag",
    ),
    (
        "--summary",
        &["log"],
        "the summary is the second argument: `coltiva log CUSTOMER \"what happened\"`",
    ),
    ("--tags", &[], "a tag is `--tag`; repeat it for more"),
];

/// clap's message for an unknown flag, said better: the advice for a near miss
/// ([`NEAR_MISSES`]) or clap's similar flag, and the command's own usage line (clap's would show
/// the flag it suggests as if it were required). `None` for every other error.
pub fn unknown_flag_message(err: &clap::Error, args: &[String]) -> Option<String> {
    use clap::CommandFactory;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let flag = match err.get(ContextKind::InvalidArg)? {
        ContextValue::String(s) => s.clone(),
        _ => return None,
    };
    let mut root = Cli::command();
    let sub = args
        .iter()
        .skip(1)
        .find(|a| root.find_subcommand(a.as_str()).is_some())
        .cloned();
    // A near miss in front of a value that takes hyphens (`order acme --amount 5`: the amount
    // became "--amount", and "5" is the unexpected one) is the one to explain.
    let before = args
        .iter()
        .position(|a| *a == flag)
        .and_then(|i| i.checked_sub(1))
        .map(|i| args[i].as_str())
        .filter(|b| !flag.starts_with('-') && NEAR_MISSES.iter().any(|(f, _, _)| f == b));
    let name = before.unwrap_or_else(|| flag.split('=').next().unwrap_or(&flag));
    let advice = NEAR_MISSES
        .iter()
        .find(|(f, commands, _)| {
            *f == name
                && (commands.is_empty() || sub.as_deref().is_some_and(|s| commands.contains(&s)))
        })
        .map(|(_, _, advice)| (*advice).to_string())
        .or_else(|| match err.get(ContextKind::SuggestedArg) {
            Some(ContextValue::String(s)) => Some(format!("a similar flag exists: '{s}'")),
            Some(ContextValue::Strings(s)) if !s.is_empty() => {
                Some(format!("similar flags exist: '{}'", s.join("', '")))
            }
            _ => None,
        });
    let (usage, help) = match &sub {
        Some(s) => {
            let cmd = root.find_subcommand_mut(s.as_str())?;
            let mut cmd = cmd.clone().bin_name(format!("coltiva {s}"));
            (
                cmd.render_usage().to_string(),
                format!("coltiva {s} --help"),
            )
        }
        None => (
            root.render_usage().to_string(),
            "coltiva --help".to_string(),
        ),
    };
    let mut out = format!(
        "error: unexpected argument '{}' found\n",
        before.unwrap_or(&flag)
    );
    if let Some(advice) = advice {
        out.push_str(&format!("\n  tip: {advice}\n"));
    }
    out.push_str(&format!(
        "\n{usage}\n\nFor more information, try '{help}'.\n"
    ));
    Some(out)
}

/// `coltiva person …`.
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person to a customer; prints the person's id alone on stdout.
    Add(PersonAddArgs),
    /// The people of one customer, or of every customer, with their last contact.
    List(PersonListArgs),
    /// Change a person's name, role, e-mail addresses or phones.
    Set(PersonSetArgs),
    /// Record that a person left the customer.
    Left(PersonLeftArgs),
}

/// What `person add` and `person set` may give.
#[derive(Debug, Args)]
pub struct PersonFields {
    /// Their role at the customer (buyer, owner, technician…); `--role ""` clears it.
    #[arg(long, short)]
    pub role: Option<String>,
    /// An e-mail address (repeat for several). With `set`: the addresses become exactly these.
    #[arg(long, short, value_name = "ADDRESS")]
    pub email: Vec<String>,
    /// A phone number (repeat for several). With `set`: the numbers become exactly these.
    #[arg(long, short, value_name = "NUMBER", allow_hyphen_values = true)]
    pub phone: Vec<String>,
    /// When it happened: a date or a word such as yesterday (default: now).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct PersonAddArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// The person's name.
    pub name: String,
    /// The person's id in the customer's file (default: made from the name, e.g.
    /// paola-rossi); the id of a person who left brings them back.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: PersonFields,
}

#[derive(Debug, Args)]
pub struct PersonListArgs {
    /// Only the people of these customers (id, prefix or part of a name).
    pub customers: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Also the people who left.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct PersonSetArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// The person: an id or a unique part of the name.
    pub person: String,
    /// Their new name.
    #[arg(long, short)]
    pub name: Option<String>,
    /// Clear their e-mail addresses.
    #[arg(long, conflicts_with = "email")]
    pub no_email: bool,
    /// Clear their phone numbers.
    #[arg(long, conflicts_with = "phone")]
    pub no_phone: bool,
    #[command(flatten)]
    pub fields: PersonFields,
}

#[derive(Debug, Args)]
pub struct PersonLeftArgs {
    /// The customer: an id, a unique prefix of one, or a unique part of the name.
    pub customer: String,
    /// The person: an id or a unique part of the name.
    pub person: String,
    /// The day they left: a date or a word such as yesterday (default: today).
    #[arg(long, short, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
}

#[cfg(test)]
mod spoken_tests {
    use super::*;
    use crate::model::Language;

    /// Every word a catalogue shows for a value is typed back to that value, in every
    /// language: no two values share a shown word, and no shown word is refused.
    fn typed_back<T: Spoken + PartialEq + std::fmt::Debug>() {
        for &language in Language::ALL {
            let words = crate::i18n::catalogue(language);
            for v in T::values() {
                let shown = v.shown(words);
                assert_eq!(T::from_shown(shown), Some(v), "{language:?} {shown:?}");
                assert_eq!(
                    T::from_shown(&shown.to_uppercase()),
                    Some(v),
                    "{language:?} {shown:?} in capitals"
                );
            }
        }
    }

    #[test]
    fn every_shown_word_is_typed_back() {
        typed_back::<Kind>();
        typed_back::<Channel>();
        typed_back::<Party>();
        typed_back::<ShownPhase>();
        typed_back::<PhaseSetting>();
    }
}
