//! The words people read (PRODUCT.md §8.4, §9.3): one typed catalogue per language.
//!
//! [`Catalogue`] has one method per entry — a fixed label ([`Label`]), a counted noun
//! ([`Noun`]), a value word (a phase, a channel, a promise's status) or a sentence with its
//! typed arguments. Its only default methods assemble a language's own entries (the shared
//! structure, written once: which facts a sentence gets); every word is a required method, so
//! a language that misses an entry does not compile. Each language is one file: [`en`], [`it`],
//! [`de`]; its plain sentences (a text and its arguments, no logic) are one line each in a
//! `sentences!` table, its fixed words in a `words!` table. Views ask [`Style::words`] while
//! they lay a document out; nothing is translated after the fact. [`Style`] is the one owner of how
//! numbers, amounts and dates read for people, made from the journal's `[locale]` and passed
//! explicitly. JSON, CSV and ICS never come here: their keys and values stay English.
//!
//! To add a language: docs/ARCHITECTURE.md, "Adding a language".

/// A catalogue's plain sentences, one a line: `name(arg: Type, …) => "text with {arg}";` is
/// the entry `name` saying that text with its arguments put in; `name(arg: Type) => "text {}",
/// self.date(arg);` fills the text's `{}` with the words after it. The table begins with
/// `self;`, the catalogue those words may ask.
macro_rules! sentences {
    ($s:ident; $($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) => $text:literal $(, $e:expr)*;)*) => {
        $($(#[$doc])* fn $name(&$s, $($arg: $ty),*) -> String {
            format!($text $(, $e)*)
        })*
    };
}

/// A catalogue's fixed words, one a line: `name => "text";`.
macro_rules! words {
    ($($(#[$doc:meta])* $name:ident => $text:literal;)*) => {
        $($(#[$doc])* fn $name(&self) -> &'static str {
            $text
        })*
    };
}

pub mod de;
pub mod en;
pub mod facts;
pub mod findings;
pub mod it;

use chrono::NaiveDate;

use crate::dates::DateProblem;
use crate::error::{ReferenceError, Refusal, Sentence};
use crate::git::InProgress;
use crate::metrics::Mean;
use crate::metrics::phase::{PhaseAssessment, PhaseRule, ShownPhase};
use crate::metrics::promises::{KeptCounts, PaymentPunctuality, PromiseStatus};
pub use crate::model::Language;
use crate::model::{
    Amount, AmountError, At, Channel, DecimalMark, Direction, Kind, MoneyStyle, Party, Phase,
    PhaseSetting, Record, ResolutionStatus, Table,
};
pub use facts::{
    CommandRefusal, FileDamage, ImportNote, ImportRefusal, MapProblem, MergeNote, MergeSaid,
    MergeSide, PersonRefusal, RowProblem, WordKind,
};

/// The catalogue of `language`.
pub fn catalogue(language: Language) -> &'static dyn Catalogue {
    match language {
        Language::En => &en::English,
        Language::It => &it::Italian,
        Language::De => &de::German,
    }
}

/// An error as `words` says it: a refusal or a reference in that language, anything else as
/// its Display (an I/O, parse or git error carries the system's own words).
pub fn said(words: &(impl Catalogue + ?Sized), e: &crate::error::Error) -> String {
    use crate::error::Error;
    match e {
        Error::Refused(r) => words.refusal(r),
        Error::Reference(r) => words.bad_reference(r),
        e => e.to_string(),
    }
}

/// What one language says. One method per entry, required (a language that misses one does not
/// compile); a default method only puts facts into the language's own sentences. Dates inside sentences are written with [`Catalogue::date`]; amounts
/// and decimals, which follow the journal's decimal mark rather than its language, come in
/// already written by [`Style`].
pub trait Catalogue: Sync {
    /// A day as this language writes it for people: `2026-11-23`, `23/11/2026`.
    fn date(&self, day: NaiveDate) -> String;
    /// A day without its year, for a chart's week labels: `11-23`, `23/11`.
    fn day_month(&self, day: NaiveDate) -> String;
    /// A month's short name, January as 0: `Jan`, `gen`.
    fn month(&self, month0: u32) -> &'static str;

    /// A rate as a whole percentage: "75%"; German puts a no-break space before the sign
    /// ("75 %", DIN 5008).
    fn percent(&self, rate: f64) -> String;

    /// A fixed heading, column name, label or empty-table text.
    fn label(&self, label: Label) -> &'static str;
    /// A noun that is counted, singular (`one`: n is 1 or -1) or plural.
    fn noun(&self, noun: Noun, one: bool) -> &'static str {
        let (singular, plural) = self.nouns(noun);
        if one { singular } else { plural }
    }
    /// A counted noun's singular and plural: ("day", "days").
    fn nouns(&self, noun: Noun) -> (&'static str, &'static str);

    // Value words.
    fn phase(&self, phase: ShownPhase) -> &'static str;
    fn kind(&self, kind: Kind) -> &'static str;
    fn channel(&self, channel: Channel) -> &'static str;
    fn direction(&self, direction: Direction) -> &'static str;
    fn party(&self, party: Party) -> &'static str;
    /// A promise's status, singular or plural ("mantenuta", "mantenute").
    fn status(&self, status: PromiseStatus, plural: bool) -> &'static str;
    fn resolution(&self, status: ResolutionStatus) -> &'static str;
    fn rule(&self, rule: PhaseRule) -> &'static str;
    /// Where a cadence comes from, as `report::list` writes it: `default`, `customer`,
    /// `tag:vip`, `phase:new`.
    fn cadence_source(&self, source: &str) -> String;

    // The facts of `show`.
    /// "acquired since 2026-09-21"; `phase` already in this language.
    fn phase_since(&self, phase: &str, since: NaiveDate) -> String;
    /// The sentence saying which rule decided the phase.
    fn phase_receipt(&self, a: &PhaseAssessment, new_days: u32, lost_days: u32) -> String;
    /// "5 totalling 10,600.00 (first 2024-10-07, last 2026-11-09)".
    fn orders(
        &self,
        n: u32,
        total: &str,
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    ) -> String;
    /// "2026-11-18 (5 days ago)", "2026-11-23 (today)", "never (40 days since the start)".
    fn last_contact(&self, day: Option<NaiveDate>, days: Option<i64>) -> String;
    /// "every 30 days (default); on time"; `source` already in this language.
    fn cadence(&self, days: u32, source: &str, overdue_days: i64) -> String;
    /// "9 days with contact; mean gap 99.1 days, longest 455".
    fn contact_days(&self, days: u32, mean_gap: &str, longest: &str) -> String;
    /// ", 3.5 days late on average" after the kept counts of payments in a table.
    fn late_on_average(&self, days: &str) -> String;
    /// "; late payments 3.5 days late on average" after a customer's payment summary.
    fn late_payments_on_average(&self, days: &str) -> String;
    /// One customer's outlook: "P(alive) 42%; 0.42 purchases expected in the next 90 days".
    fn outlook_fact(&self, p_alive: &str, expected: &str) -> String;
    /// A record as a line of `show`'s records table: a label and a text; `amount` is an
    /// order's amount as people read it.
    fn record_line(&self, record: &Record, amount: &str) -> (String, String) {
        let tail = |mut text: String, note: &Option<String>| {
            if let Some(n) = note {
                text.push_str(": ");
                text.push_str(n);
            }
            text
        };
        let (label, text) = match record {
            Record::Interaction(i) if i.channel == Channel::Note => {
                (self.label(Label::Note).into(), i.summary.clone())
            }
            Record::Interaction(i) => (
                format!(
                    "{} {}",
                    self.channel(i.channel),
                    self.direction(i.direction)
                ),
                i.summary.clone(),
            ),
            Record::Order(o) => {
                let reference = o.reference.as_ref().map(|r| format!(" ({r})"));
                let text = format!("{amount}{}", reference.unwrap_or_default());
                (self.label(Label::Order).into(), tail(text, &o.note))
            }
            Record::Promise(p) => (
                match p.by {
                    Party::Us => self.our_promise().into(),
                    Party::Them => self.their_promise().into(),
                },
                format!("[{}] {} {}", p.id, p.what, self.promise_due(p.due)),
            ),
            Record::Resolution(r) => {
                let due = r.due.map(|due| self.new_due(due)).unwrap_or_default();
                let text = tail(format!("[{}]{due}", r.promise), &r.note);
                (self.resolution(r.status).into(), text)
            }
            Record::Phase(p) => (
                match p.set {
                    PhaseSetting::Pin(phase) => self.pinned_phase(phase),
                    PhaseSetting::Auto => self.phase_auto().into(),
                },
                p.reason.clone().unwrap_or_default(),
            ),
            Record::Person(p) => self.person_line(p),
        };
        match record.with() {
            Some(with) => (label, format!("{text}{}", self.with_person(with))),
            None => (label, text),
        }
    }
    /// A promise's label in a record's line, ours or theirs: "promise by us".
    fn our_promise(&self) -> &'static str;
    fn their_promise(&self) -> &'static str;
    /// A promise's due day in a record's line: "(due 2026-11-30)".
    fn promise_due(&self, due: NaiveDate) -> String;
    /// A renegotiation's new due day in a record's line: " new due 2026-12-04".
    fn new_due(&self, due: NaiveDate) -> String;
    /// A phase record's label: "phase partner", and the one back to the computed phase.
    fn pinned_phase(&self, phase: Phase) -> String;
    fn phase_auto(&self) -> &'static str;
    /// `show`'s title: "ACME — as of 2026-11-23".
    fn show_title(&self, name: &str, as_of: NaiveDate) -> String;
    /// "Last 15 of 31 records (--all for every one)" / "Records (12)".
    fn records_title(&self, shown: usize, total: usize) -> String;
    /// "rhythm (52 weeks)".
    fn rhythm(&self, weeks: usize) -> String;

    // Titles of the lists.
    /// "Customers as of 2026-11-23".
    fn customers_as_of(&self, as_of: NaiveDate) -> String;
    /// "coltiva — 3 customers".
    fn customers_title(&self, n: usize) -> String;
    /// "coltiva — 2 promises as of 2026-11-23".
    fn promises_title(&self, n: usize, as_of: NaiveDate) -> String;
    /// How far from the as-of day a promise is due: "today", "in 3 days", "5 days overdue".
    fn due_in(&self, days: i64) -> String;

    // The agenda.
    /// "coltiva agenda — 3 items as of 2026-11-23, 7 days ahead".
    fn agenda_title(&self, items: usize, as_of: NaiveDate, days: u32) -> String;
    /// "Due by 2026-11-30" (`None`: beyond the last day chrono knows).
    fn due_by(&self, day: Option<NaiveDate>) -> String;
    /// When an agenda line is due, short enough for 80 columns: "today", "in 2 days", "45
    /// days overdue".
    fn when(&self, days: i64) -> String;
    /// "last contact 2026-02-16, every 90 days" / "no contact yet, every 30 days".
    fn agenda_contact(&self, last: Option<NaiveDate>, cadence_days: u32) -> String;

    // The weekly review.
    /// "Weekly review 2026-11-16 – 2026-11-22 (as of 2026-11-23)".
    fn weekly_review(&self, since: NaiveDate, until: NaiveDate, as_of: NaiveDate) -> String;
    /// "Customers by phase (external; 2 internal customers not counted)".
    fn customers_by_phase_internal(&self, internal: u32) -> String;
    /// "Phase changes in the period: 1 new, 0 acquired, 1 lost, 0 won back" (and partners,
    /// others when there are any).
    fn phase_changes(&self, moves: &PhaseMoves) -> String;
    /// "By territory" (`report --by territory`; the key is the user's own, never translated).
    fn by_key(&self, key: &str) -> String;
    /// "Unreadable files: 2 (left out below; exit status 1)".
    fn unreadable_files(&self, n: usize) -> String;

    // The outlook.
    /// "Outlook as of 2026-11-23".
    fn outlook_as_of(&self, as_of: NaiveDate) -> String;
    /// How the model was fitted.
    fn outlook_model(&self) -> &'static str;
    /// "23570 customers with a purchase".
    fn with_a_purchase(&self, customers: usize) -> String;
    /// "Customers with a purchase: the next 90 days".
    fn outlook_table_title(&self, horizon_days: u32) -> String;
    /// Why there is no model: too few customers with a purchase, or too few who bought twice.
    fn too_little_history(
        &self,
        customers: usize,
        repeat: usize,
        min: usize,
        min_repeat: usize,
    ) -> String;
    /// Why there is no model when the fit itself failed (`detail`: the numbers, as computed).
    fn no_model(&self, detail: &str) -> String;

    // Confirmations on stderr after a write (the journal's language; dates as it writes them).
    /// "added ACME as acme (customers/acme.toml)".
    fn added(&self, name: &str, id: &str, path: &str) -> String;
    /// "logged call with ACME (acme) on 2026-11-23".
    fn logged(&self, channel: Channel, name: &str, id: &str, day: NaiveDate) -> String;
    /// "recorded an order of 1,250.40 from ACME (acme) on 2026-11-23".
    fn ordered(&self, amount: &str, name: &str, id: &str, day: NaiveDate) -> String;
    /// "promise 7bvew6 by them to ACME (acme), due 2026-11-30".
    fn promised(&self, promise: &str, by: Party, name: &str, id: &str, due: NaiveDate) -> String;
    /// "promise acme/7bvew6 (ACME) kept on 2026-11-23", "… renegotiated to 2026-12-04 on …";
    /// `promise` is `customer/id`.
    fn resolved(
        &self,
        promise: &str,
        name: &str,
        status: ResolutionStatus,
        new_due: Option<NaiveDate>,
        day: NaiveDate,
    ) -> String;
    /// "ACME (acme) pinned as partner from 2026-11-23" (`None`: back to the computed phase).
    fn phase_set(&self, name: &str, id: &str, pin: Option<Phase>, day: NaiveDate) -> String;
    /// "updated the header of ACME (acme): territory=Milano".
    fn header_updated(&self, name: &str, id: &str, edits: &str) -> String;
    /// "ACME (acme) already says that; nothing changed".
    fn header_unchanged(&self, name: &str, id: &str) -> String;
    /// What a newcomer is told by a reading command on a journal without customers.
    fn no_customers_yet(&self, root: &str) -> String;

    // Refusals on stderr.
    /// A date the journal cannot read, with the forms it can (in this language).
    fn invalid_date(&self, text: &str, problem: DateProblem) -> String;
    /// An amount the journal cannot read, and how to write it with the journal's marks.
    fn invalid_amount(&self, e: &AmountError) -> String;
    /// A record dated after today: "2026-11-30 is after today (2026-11-23); records describe
    /// what already happened".
    fn after_today(&self, at: &str, today: NaiveDate) -> String;
    /// A reference that names nothing, or more than one thing: `unknown customer "acmf"; did
    /// you mean: acme (ACME)`, `promise "abc" is ambiguous; it matches: …`. `r.what` is
    /// "customer", "promise" or "person" (another word is shown as written).
    fn bad_reference(&self, r: &ReferenceError) -> String;

    // What autocommit says when it could not commit (the change is saved either way).
    /// A git operation stopped half-way: the change is left unstaged in `files`; `commit` is
    /// the command that commits it.
    fn not_committed(&self, files: &str, op: InProgress, commit: &str) -> String;
    /// "warning: the change is saved, but the commit did not complete: …".
    fn commit_failed(&self, why: &str) -> String;
    /// The note after a commit on a detached HEAD.
    fn committed_detached(&self) -> &'static str;

    // `forget` and `repair`.
    /// `forget` without --yes and without a terminal to confirm on.
    fn forget_needs_yes(&self, name: &str, id: &str) -> String;
    /// The question `forget` asks on a terminal (no newline at the end).
    fn forget_asks(&self, name: &str, id: &str) -> String;
    /// The answer was not the id.
    fn forget_not_confirmed(&self, name: &str, id: &str) -> String;
    /// "deleted customers/acme.toml".
    fn deleted(&self, path: &str) -> String;
    /// "forgot ACME (acme)".
    fn forgot(&self, name: &str, id: &str) -> String;
    /// What to do about the copy of `file` git's history still holds.
    fn forget_history(&self, file: &str) -> String;
    /// "acme: the file parses; nothing to repair".
    fn nothing_to_repair(&self, id: &str) -> String;
    /// What `repair` moved aside: `records` whole records from `from_line` on (0: NUL bytes),
    /// `bytes` bytes in all, into `rej`.
    fn repaired(
        &self,
        id: &str,
        bytes: usize,
        records: usize,
        from_line: usize,
        rej: &str,
    ) -> String;
    /// The note when `repair` git-ignores the .rej files.
    fn rej_ignored(&self) -> &'static str;

    /// A record that would repeat `earlier` (its line, as [`Style::record`] writes it),
    /// refused: "ACME (acme) already has the same order on that day (…); nothing was
    /// recorded. …".
    fn repeated(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String;

    /// After the other output: "2 customer files could not be read and are left out of the
    /// output" (each was named with its fix before).
    fn unreadable_left_out(&self, n: usize) -> String;
    /// `check` found nothing: "checked 2 customers and 3 records in DIR: no problems".
    fn checked(&self, customers: usize, records: usize, root: &str) -> String;
    /// `check` found problems: "1 problem in 1 file (of 2 customers)".
    fn check_found(&self, problems: usize, files: usize, customers: usize) -> String;

    // `edit`.
    /// The editor left the file as it was.
    fn edit_unchanged(&self, file: &str) -> String;
    /// "saved customers/acme.toml".
    fn edit_saved(&self, file: &str) -> String;
    /// The edited copy has a problem (`problem`, already worded) and there is no terminal to
    /// ask whether to edit again: nothing was saved.
    fn edit_refused(&self, problem: &str, file: &str) -> String;
    /// The user chose the previous version over editing again.
    fn edit_discarded(&self, file: &str) -> String;

    // `init` (in the language of `--locale`, else English).
    fn journal_created(&self, root: &str) -> String;
    /// `init` on a journal: nothing changed (`locale`: the --locale it was given).
    fn already_a_journal(&self, root: &str, locale: Option<&str>) -> String;
    /// `init --git`: a repository made (`inside`: the repository the folder is inside of).
    fn repository_created(&self, root: &str, inside: Option<&str>) -> String;
    /// The merge driver and ignore lines were written (`written`), or only registered.
    fn git_set_up(&self, written: bool) -> &'static str;
    fn autocommit_turned_on(&self) -> &'static str;
    /// "committed coltiva.toml, .gitattributes, .gitignore".
    fn first_committed(&self, files: &str) -> String;
    /// The first commit failed (`why`); `commands` finish it by hand.
    fn first_commit_failed(&self, why: &str, commands: &str) -> String;

    // `rename`.
    /// "renamed ACME: acme is now acme-spa (customers/acme.toml → customers/acme-spa.toml); …".
    fn renamed(&self, name: &str, old: &str, new: &str, from: &str, to: &str) -> String;
    /// `rename` to the id the customer already has.
    fn same_id(&self, id: &str) -> String;

    // keep, break, cancel, renegotiate: what they refuse.
    /// `--at` before the day the promise was made.
    fn resolved_before_promise(&self, at: NaiveDate, promise: &str, made: NaiveDate) -> String;
    /// The promise was already resolved (`status`, not renegotiated) on `on`.
    fn already_resolved(&self, promise: &str, status: ResolutionStatus, on: NaiveDate) -> String;
    /// renegotiate's new `--due` before the renegotiation's own day.
    fn due_before_renegotiation(&self, due: NaiveDate, at: NaiveDate) -> String;

    // `undo`: what it takes back (the records worded by the caller), and its answers.
    /// "the record appended to customers/acme.toml (2026-11-20 call out: first)".
    fn undo_appended(&self, file: &str, many: bool, records: &[String]) -> String;
    /// "the header edit of customers/acme.toml (name: Old → New)".
    fn undo_header_edit(&self, file: &str, changes: &[String]) -> String;
    /// "the creation of customers/acme.toml (Acme)".
    fn undo_creation(&self, file: &str, name: Option<&str>) -> String;
    /// `undo` done: "took back …".
    fn undo_done(&self, what: &str) -> String;
    /// `undo --dry-run`, before the bytes it would remove.
    fn undo_would(&self, what: &str) -> String;
    /// Nothing recorded to undo.
    fn undo_nothing(&self) -> String;
    /// The file of the last write is gone (`gone`) or changed since: nothing changed.
    fn undo_refused(&self, what: &str, gone: bool, id: &str) -> String;

    // What `import` says when it is done.
    /// A record kind, counted: "order", "orders" (`one`: exactly one).
    fn record_kind(&self, kind: Table, one: bool) -> &'static str {
        let (singular, plural) = self.record_kinds(kind);
        if one { singular } else { plural }
    }
    /// A record kind's singular and plural: ("order", "orders").
    fn record_kinds(&self, kind: Table) -> (&'static str, &'static str);
    /// "imported 6 records (2 interactions, 3 orders, 1 promise) for 2 customers (2 new) from
    /// orders.csv; 3 rows were already in the journal"; `kinds` counts the records by kind, in
    /// the order first met (none: only customers were imported).
    fn imported(
        &self,
        kinds: &[(Table, usize)],
        customers: usize,
        new: usize,
        from: &str,
        already: usize,
    ) -> String;

    // The HTML pages: chart captions, notes and the footer.
    /// The contacts-per-week chart's caption (`None`: no weeks).
    fn contacts_caption(&self, total: u32, span: Option<(NaiveDate, NaiveDate)>) -> String;
    fn kept_rates_caption(&self) -> &'static str;
    fn phase_counts_caption(&self, as_of: NaiveDate) -> String;
    /// "From 2026-11-16 to 2026-11-22."
    fn period_caption(&self, since: NaiveDate, until: NaiveDate) -> String;
    /// What a past-cadence bar says after it: "4 days over, cadence 30".
    fn past_cadence_note(&self, overdue_days: i64, cadence_days: u32) -> String;
    /// The past-cadence chart's caption; `drawn` of `all` customers are drawn.
    fn past_cadence_caption(&self, drawn: usize, all: usize) -> String;
    /// "The last year: 2025-11-24 to 2026-11-23".
    fn timeline_title(&self, since: NaiveDate, until: NaiveDate) -> String;
    fn timeline_caption(&self) -> &'static str;
    /// "(3 of 4 kept)": the counts behind a point of a kept-rate line.
    fn kept_of(&self, kept: u32, total: u32) -> String;
    /// The line under every page.
    fn footer(&self) -> &'static str;

    // People (issue 29).
    /// "coltiva — 3 people as of 2026-11-23" (`person list`).
    fn people_title(&self, n: usize, as_of: NaiveDate) -> String;
    /// Why an account is at risk: "everyone left", "rests on Paola Rossi".
    fn at_risk(&self, risk: &crate::metrics::people::Risk) -> String;
    /// A `[[person]]` record as a line of `show`: "person added", "[paola-rossi] Paola
    /// Rossi, acquisti, paola@acme.it".
    fn person_line(&self, person: &crate::model::Person) -> (String, String);
    /// What follows a record made with a person (`--with`): " (with paola-rossi)".
    fn with_person(&self, id: &str) -> String;
    /// What `person add`, `person set` and `person left` say they did: "added Paola Rossi
    /// (paola-rossi) to ACME (acme) on 2026-11-23".
    fn person_done(
        &self,
        event: crate::model::PersonEvent,
        person: (&str, &str),
        name: &str,
        id: &str,
        day: NaiveDate,
    ) -> String;

    // `import`: what it says while it works and why it refuses (issue 26; the facts in
    // `i18n::facts`).
    /// The label of `import -`: "standard input".
    fn standard_input(&self) -> &'static str;
    /// A note on stderr: ignored columns, a dry run's summary, nothing to import.
    fn import_note(&self, note: &ImportNote) -> String;
    /// Why the file is refused as a whole.
    fn import_refused(&self, refusal: &ImportRefusal) -> String;
    /// What is wrong with a row (amounts in it written in `money`'s marks).
    fn row_problem(&self, problem: &RowProblem, money: &MoneyStyle) -> String {
        use crate::dates::CellDate;
        use RowProblem::*;
        let date = |day: &NaiveDate| self.date(*day);
        match problem {
            Said(text) => text.clone(),
            Rule(rule) => self.rule_broken(rule),
            AfterToday { day, today } => self.after_today(&date(day), *today),
            Amount { error, given: true } => self.invalid_amount(error),
            Amount {
                error,
                given: false,
            } => self.row_amount_mark(&self.invalid_amount(error), error.mark.other().char()),
            RevenueBelowLastOrder { year, total, last } => {
                self.row_revenue_below_last_order(*year, *total, *last, money)
            }
            BadId { bad } => self.row_bad_id(bad),
            AnyOf { value, candidates } => {
                self.row_any_of(value, candidates.len(), &candidates.join(", "))
            }
            NameTaken {
                id,
                value,
                named,
                first,
            } => self.row_name_taken(id, value, &named.join(", "), named.len() == 1, first),
            BadDate { text, problem } => match problem {
                CellDate::Reason(reason) => self.invalid_date(text, *reason),
                CellDate::NoYear => self.row_date_no_year(text),
                CellDate::Unknown => self.row_date_unknown(text),
            },
            TextsMakeOneId { texts, id } => {
                let texts: Vec<String> = texts
                    .iter()
                    .map(|(line, text)| self.row_line_text(*line, text))
                    .collect();
                self.row_texts_make_one_id(&texts.join(", "), id)
            }
            RowsDiffer {
                lines,
                new,
                id,
                named,
                differences,
                id_from,
            } => {
                let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
                let advice = match id_from {
                    Some(with) => self.row_differ_advice(with),
                    None => self.row_keep_one_row().into(),
                };
                let differences = differences.join(", ");
                self.row_rows_differ(&lines.join(", "), *new, id, named, &differences, &advice)
            }
            TypeMissing { choices } => self.row_type_missing(choices),
            DueBeforeMade { due, made } => self.row_due_before_made(&date(due), &date(made)),
            ResolutionNeedsStatus { choices } => self.row_resolution_needs_status(choices),
            DueBeforeRenegotiation { due, at } => {
                self.row_due_before_renegotiation(&date(due), &date(at))
            }
            RevenueAfterToday { year, today } => self.row_revenue_after_today(*year, &date(today)),
            AttributeTwice { key } => self.row_attribute_twice(key),
            AttributesNotToml { detail } => self.row_attributes_not_toml(detail),
            NoLettersOrDigits { value } => self.row_no_letters_or_digits(value),
            DescribedTwice { id, line } => self.row_described_twice(id, *line),
            SourceTwice { source, id, line } => self.row_source_twice(source, id, *line),
            PromiseIdTaken { id, promise } => self.row_promise_id_taken(id, promise),
            PromiseIdTwice {
                promise,
                line,
                other,
            } => self.row_promise_id_twice(promise, *line, other),
            NoSuchPromise { id, promise } => self.row_no_such_promise(id, promise),
            ResolvedBeforeMade { at, promise, made } => {
                self.row_resolved_before_made(&date(at), promise, &date(made))
            }
            PersonThere { id, person } => self.row_person_there(id, person),
            NoSuchPerson { id, person } => self.row_no_such_person(id, person),
            UnequalFields { expected, found } => self.row_unequal_fields(*expected, *found),
            NotUtf8 { field } => self.row_not_utf8(*field),
            IdFromNoLetters { cell } => self.row_id_from_no_letters(cell),
            EmptyCell => self.row_empty_cell().into(),
            NoSuchColumn => self.row_no_such_column().into(),
            PromiseNeedsDue => self.row_promise_needs_due().into(),
            RenegotiationNeedsDue => self.row_renegotiation_needs_due().into(),
            OnlyRenegotiatedHasDue => self.row_only_renegotiated_has_due().into(),
            PhaseNeedsSet => self.row_phase_needs_set().into(),
            PersonNeedsIdOrName => self.row_person_needs_id_or_name().into(),
            AddedPersonNeedsName => self.row_added_person_needs_name().into(),
            LastOrderAmountMissing => self.row_last_order_amount_missing().into(),
            LastOrderDayMissing => self.row_last_order_day_missing().into(),
            LastOrderNeedsBoth => self.row_last_order_needs_both().into(),
            IdFromEmpty => self.row_id_from_empty().into(),
        }
    }
    // What `row_problem` says: one entry a kind of [`RowProblem`] (dates already written).
    fn row_type_missing(&self, choices: &str) -> String;
    fn row_due_before_made(&self, due: &str, made: &str) -> String;
    fn row_resolution_needs_status(&self, choices: &str) -> String;
    fn row_due_before_renegotiation(&self, due: &str, at: &str) -> String;
    fn row_revenue_after_today(&self, year: i32, today: &str) -> String;
    fn row_attribute_twice(&self, key: &str) -> String;
    fn row_attributes_not_toml(&self, detail: &str) -> String;
    fn row_no_letters_or_digits(&self, value: &str) -> String;
    fn row_described_twice(&self, id: &str, line: u64) -> String;
    fn row_source_twice(&self, source: &str, id: &str, line: u64) -> String;
    fn row_promise_id_taken(&self, id: &str, promise: &str) -> String;
    fn row_promise_id_twice(&self, promise: &str, line: u64, other: &str) -> String;
    fn row_no_such_promise(&self, id: &str, promise: &str) -> String;
    fn row_resolved_before_made(&self, at: &str, promise: &str, made: &str) -> String;
    fn row_person_there(&self, id: &str, person: &str) -> String;
    fn row_no_such_person(&self, id: &str, person: &str) -> String;
    fn row_unequal_fields(&self, expected: u64, found: u64) -> String;
    fn row_not_utf8(&self, field: usize) -> String;
    fn row_id_from_no_letters(&self, cell: &str) -> String;
    fn row_empty_cell(&self) -> &'static str;
    fn row_no_such_column(&self) -> &'static str;
    fn row_promise_needs_due(&self) -> &'static str;
    fn row_renegotiation_needs_due(&self) -> &'static str;
    fn row_only_renegotiated_has_due(&self) -> &'static str;
    fn row_phase_needs_set(&self) -> &'static str;
    fn row_person_needs_id_or_name(&self) -> &'static str;
    fn row_added_person_needs_name(&self) -> &'static str;
    fn row_last_order_amount_missing(&self) -> &'static str;
    fn row_last_order_day_missing(&self) -> &'static str;
    fn row_last_order_needs_both(&self) -> &'static str;
    fn row_id_from_empty(&self) -> &'static str;
    fn row_amount_mark(&self, error: &str, other: char) -> String;
    fn row_revenue_below_last_order(
        &self,
        year: i32,
        total: Amount,
        last: Amount,
        money: &MoneyStyle,
    ) -> String;
    fn row_bad_id(&self, bad: &crate::error::BadId) -> String;
    /// `value` could be any of `n` customers (`candidates`, joined).
    fn row_any_of(&self, value: &str, n: usize, candidates: &str) -> String;
    /// `--id-from` makes `id`, the name of `named` (joined; `one`: of one customer).
    fn row_name_taken(&self, id: &str, value: &str, named: &str, one: bool, first: &str) -> String;
    fn row_date_no_year(&self, text: &str) -> String;
    fn row_date_unknown(&self, text: &str) -> String;
    /// Texts (each [`Catalogue::row_line_text`], joined) that would make one new customer.
    fn row_texts_make_one_id(&self, texts: &str, id: &str) -> String;
    fn row_line_text(&self, line: u64, text: &str) -> String;
    /// Rows on `lines` that would be one customer (`new`: to create) but differ; `advice`: one
    /// of the two below.
    fn row_rows_differ(
        &self,
        lines: &str,
        new: bool,
        id: &str,
        named: &str,
        differences: &str,
        advice: &str,
    ) -> String;
    fn row_differ_advice(&self, with: &str) -> String;
    fn row_keep_one_row(&self) -> &'static str;
    /// A bad row located: "line 3, column \"date\" (at): …" (`column` as `Layout::label`
    /// names it), "line 3: …".
    fn row_error(&self, line: u64, column: Option<&str>, problem: &str) -> String;

    // `person` and `--with`: what they refuse.
    fn person_refused(&self, refusal: &PersonRefusal) -> String {
        use PersonRefusal::*;
        let date = |day| self.date(day);
        match *refusal {
            AlreadyThere {
                person,
                pid,
                customer,
                id,
            } => self.person_there(person, pid, customer, id),
            IdTaken { pid, id } => self.person_id_taken(pid, id),
            SameName {
                person,
                pid,
                customer,
            } => self.person_same_name(person, pid, customer),
            NothingToChange => self.person_nothing_to_change().into(),
            AlreadyLeft {
                person,
                pid,
                customer,
                day,
            } => self.person_left(person, pid, customer, &date(day)),
            LeftBeforeAdded {
                at,
                person,
                pid,
                since,
            } => self.person_left_before_added(&date(at), person, pid, &date(since)),
            WithLeft {
                typed,
                person,
                pid,
                customer,
                day,
                id,
            } => self.person_with_left(typed, person, pid, customer, &date(day), id),
        }
    }
    /// `person add --id ID`: a current person of `customer` has that id.
    fn person_there(&self, person: &str, pid: &str, customer: &str, id: &str) -> String;
    /// `person add --id ID`: only records dated after today hold the id.
    fn person_id_taken(&self, pid: &str, id: &str) -> String;
    /// `person add` without `--id`: a current person has the same name.
    fn person_same_name(&self, person: &str, pid: &str, customer: &str) -> String;
    /// `person set` without anything to change.
    fn person_nothing_to_change(&self) -> &'static str;
    /// `person left`: the person already left on `day`.
    fn person_left(&self, person: &str, pid: &str, customer: &str, day: &str) -> String;
    /// `person left --at` before the day the person was added (`since`).
    fn person_left_before_added(&self, at: &str, person: &str, pid: &str, since: &str) -> String;
    /// `--with` a person who left on `day`, for a record on or after it (`id`: the customer's).
    fn person_with_left(
        &self,
        typed: &str,
        person: &str,
        pid: &str,
        customer: &str,
        day: &str,
        id: &str,
    ) -> String;

    // The questions asked on a terminal, and the answers they accept (any language's answer
    // is accepted; see `answers`).
    /// The repeat check's question (no newline at the end): "ACME (acme) already has the
    /// same order on that day (…).\nRecord it again? [y/N] ".
    fn repeat_asks(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String;
    /// The answer to the repeat check was not yes.
    fn repeat_declined(&self, name: &str, id: &str, earlier: &str) -> String;
    /// The answers that mean yes: "y", "yes".
    fn yes(&self) -> &'static [&'static str];
    /// `edit`'s question when the edited copy has a problem (no newline at the end).
    fn edit_asks(&self, file: &str) -> String;
    /// The answers to `edit_asks` that mean edit again, and those that mean restore.
    fn edit_answers(&self) -> (&'static [&'static str], &'static [&'static str]);

    /// An unreadable customer file: what is wrong and what to do about it.
    fn file_problem(&self, damage: &FileDamage) -> (String, String);

    // `mail`.
    /// "logged 2 of 3 messages, 0 already logged, 1 not logged" (`dry_run`: "would log …").
    fn mail_done(
        &self,
        dry_run: bool,
        logged: usize,
        total: usize,
        already: usize,
        not_logged: usize,
    ) -> String;
    /// Why messages were not logged, with what to do: `unmatched` matched no customer (or
    /// more than one), `not_mail` are not e-mail messages (or could not be read), `undated`
    /// have no readable Date header.
    fn mail_not_logged(&self, unmatched: usize, not_mail: usize, undated: usize) -> String;

    /// A command's small refusals (an empty reference or text, dates out of order).
    fn refused(&self, refusal: &CommandRefusal) -> String {
        use CommandRefusal::*;
        let date = |day: &NaiveDate| self.date(*day);
        match refusal {
            EmptyCustomerReference => self.empty_customer_reference().into(),
            EmptyPersonReference => self.empty_person_reference().into(),
            NoPeople { name, id } => self.no_people(name, id),
            PromiseRefNoCustomer { text } => self.promise_ref_no_customer(text),
            BadPromiseId {
                text,
                len,
                alphabet,
            } => self.bad_promise_id(text, *len, alphabet),
            EmptySummary => self.empty_summary().into(),
            EmptyPromise => self.empty_promise().into(),
            DueBeforeMade { due, made } => self.due_before_made(&date(due), &date(made)),
            UntilBeforeSince { until, since } => {
                self.until_before_since(&date(until), &date(since))
            }
            IdIsNotAnAttribute { new, customer } => self.id_is_not_an_attribute(new, customer),
            NotAPeriod { problem } => self.not_a_period(problem),
            EditorUnreadable {
                variable,
                value,
                detail,
            } => self.editor_unreadable(variable, value, detail),
            EditorEmpty { variable } => self.editor_empty(variable),
            EditorNotStarted { program, error } => self.editor_not_started(program, error),
            EditorFailed { program, status } => self.editor_failed(program, status),
            RebaseStopped { root } => self.rebase_stopped(root),
            OutlookLeftOut { detail } => self.outlook_left_out(detail),
        }
    }
    // What `refused` says, one sentence a kind of [`CommandRefusal`] (dates already written).
    fn empty_customer_reference(&self) -> &'static str;
    fn empty_person_reference(&self) -> &'static str;
    fn no_people(&self, name: &str, id: &str) -> String;
    fn promise_ref_no_customer(&self, text: &str) -> String;
    fn bad_promise_id(&self, text: &str, len: usize, alphabet: &str) -> String;
    fn empty_summary(&self) -> &'static str;
    fn empty_promise(&self) -> &'static str;
    fn due_before_made(&self, due: &str, made: &str) -> String;
    fn until_before_since(&self, until: &str, since: &str) -> String;
    fn id_is_not_an_attribute(&self, new: &str, customer: &str) -> String;
    fn not_a_period(&self, problem: &str) -> String;
    fn editor_unreadable(&self, variable: &str, value: &str, detail: &str) -> String;
    fn editor_empty(&self, variable: &str) -> String;
    fn editor_not_started(&self, program: &str, error: &str) -> String;
    fn editor_failed(&self, program: &str, status: &str) -> String;
    fn rebase_stopped(&self, root: &str) -> String;
    fn outlook_left_out(&self, detail: &str) -> String;

    // `import FILE.vcf`.
    /// "added 2 of 3 contacts from a.vcf, 0 already there, 1 not added" (`dry_run`: "would
    /// add …").
    fn contacts_done(
        &self,
        dry_run: bool,
        added: usize,
        total: usize,
        from: &str,
        already: usize,
        not_added: usize,
    ) -> String;
    /// Contacts not added, and what to do.
    fn contacts_not_added(&self, n: usize) -> String;

    /// An import file's columns or a `--map` that cannot be laid out.
    fn map_problem(&self, problem: &MapProblem) -> String {
        use MapProblem::*;
        match problem {
            ColumnMappedTwice { column } => self.column_mapped_twice(column),
            ExtraMappedTwice { name } => self.extra_mapped_twice(name),
            NoSuchColumn {
                name,
                theirs,
                columns,
            } => self.no_such_column(name, theirs, columns),
            IdFromNoColumn { name, columns } => self.id_from_no_column(name, columns),
            TwoColumns {
                column,
                first,
                second,
            } => self.two_columns(column, first, second),
        }
    }
    // What `map_problem` says, one sentence a kind of [`MapProblem`].
    fn column_mapped_twice(&self, column: &str) -> String;
    fn extra_mapped_twice(&self, name: &str) -> String;
    fn no_such_column(&self, name: &str, theirs: &str, columns: &str) -> String;
    fn id_from_no_column(&self, name: &str, columns: &str) -> String;
    fn two_columns(&self, column: &str, first: &str, second: &str) -> String;
    /// The template of import's progress bar on a terminal (indicatif's: `{bar:30}`, `{pos}`,
    /// `{len}`, `{eta}`).
    fn import_progress(&self) -> &'static str;
    /// What the merge driver says of a file it merged, or left for a person.
    fn merge_said(&self, said: &MergeSaid) -> String;
    /// Why the merge driver stops on a file, or what it did that a person should know:
    /// "customers/acme.toml: " and one sentence a kind of [`MergeNote`].
    fn merge_note(&self, note: &MergeNote) -> String {
        use MergeNote::*;
        let line = |line: &Option<String>| {
            line.clone()
                .unwrap_or_else(|| self.merge_removed_value().into())
        };
        let side = |side: &MergeSide| self.merge_side(*side);
        let (label, said) = match note {
            NotUtf8 { label, side: s } => (label, self.merge_not_utf8(side(s))),
            DoesNotParse {
                label,
                side: s,
                error,
            } => (label, self.merge_does_not_parse(side(s), error)),
            AnotherCustomer {
                label,
                side: s,
                uids,
                base_uids,
            } => (label, self.merge_another_customer(side(s), uids, base_uids)),
            HeaderUnmergeable { label, error } => (label, error.clone()),
            HeaderConflict {
                label,
                key,
                ours,
                theirs,
            } => (
                label,
                self.merge_header_conflict(key, &line(ours), &line(theirs)),
            ),
            Removed { label, records } => (
                label,
                self.merge_removed(records.len(), &records.join("; ")),
            ),
            ResolvedAlike {
                label,
                promise,
                status,
            } => (label, self.merge_resolved_alike(promise, status)),
            WouldNotPass { label, problem } => {
                (label, self.merge_would_not_pass(&self.finding(problem)))
            }
            AlreadyOnASide { label, problem } => {
                (label, self.merge_already_on_a_side(&self.finding(problem)))
            }
        };
        format!("{label}: {said}")
    }
    /// Which version of a file a merge note names: "ours", "nostra".
    fn merge_side(&self, side: MergeSide) -> &'static str;
    /// A header line one side removed, in a conflict: "removed".
    fn merge_removed_value(&self) -> &'static str;
    // One sentence a kind of [`MergeNote`], after its file's name.
    fn merge_not_utf8(&self, side: &str) -> String;
    fn merge_does_not_parse(&self, side: &str, error: &str) -> String;
    fn merge_another_customer(&self, side: &str, uids: &str, base_uids: &str) -> String;
    fn merge_header_conflict(&self, key: &str, ours: &str, theirs: &str) -> String;
    /// `n` records one side removed and the other did not change (`records`: each in a few
    /// words).
    fn merge_removed(&self, n: usize, records: &str) -> String;
    /// Both sides resolved `promise` alike (`status`: as the file writes it).
    fn merge_resolved_alike(&self, promise: &str, status: &str) -> String;
    fn merge_would_not_pass(&self, problem: &str) -> String;
    fn merge_already_on_a_side(&self, problem: &str) -> String;
    /// A write waits for another coltiva process's lock on `path` (said after a second).
    fn waiting_for_lock(&self, path: &str) -> String;
    /// A word of the command line that is none of `choices` (the words this language shows;
    /// the English ones are understood too).
    fn unknown_word(&self, what: WordKind, value: &str, choices: &[&str]) -> String;

    // What storage, settings and ids refuse (issue 26): the facts of [`Refusal`], worded.
    /// What a lower layer refuses, one arm a sentence ([`Refusal::worded`] gives the facts).
    fn refusal_sentence(&self, s: Sentence<'_>) -> String;
    /// A refusal of a lower layer; an OS error's own text inside it is kept as the system
    /// gave it.
    fn refusal(&self, r: &Refusal) -> String {
        r.worded(&|e| said(self, e), &|r| self.rule_broken(r), &|s| {
            self.refusal_sentence(s)
        })
    }
    /// A value the model refuses (a name, a tag, an attribute, an e-mail…), on the command
    /// line and in an import row alike.
    fn rule_broken(&self, r: &crate::error::RuleBroken) -> String;
    /// What is wrong with this clone's merge driver (a warning every command gives once).
    fn driver_problem(&self, p: &crate::git::DriverProblem) -> String;

    // What `coltiva check` names (issue 26): the facts of [`findings::Finding`], worded.
    /// One problem of a file (without its place); the parser's own words inside it are kept.
    fn finding(&self, f: &findings::Finding) -> String {
        use findings::{Finding::*, table, tables};
        let value =
            |line: &Option<String>| line.clone().unwrap_or_else(|| self.found_no_value().into());
        match f {
            NotUtf8 => self.found_not_utf8().into(),
            Syntax(m) => self.found_syntax(m),
            DuplicateKey(m) => self.found_duplicate_key(m),
            MissingSchema => self.found_missing_schema(),
            SchemaNewer(n) => self.found_schema_newer(*n),
            SchemaBad => self.found_schema_bad(),
            MissingName => self.found_missing_name().into(),
            EmptyName => self.found_empty_name().into(),
            BadKind => self.found_bad_kind(),
            BadSince => self.found_bad_since().into(),
            BadTags => self.found_bad_tags().into(),
            BadCadence => self.found_bad_cadence().into(),
            Marker { shown, merged } => {
                format!(
                    "{}: {}",
                    self.found_marker(shown),
                    self.found_merged(*merged)
                )
            }
            HeaderConflict { key, ours, theirs } => {
                self.found_header_conflict(key, &value(ours), &value(theirs))
            }
            PersonAgain { id, line } => self.found_person_again(id, *line),
            PersonNotAdded { event, id } => self.found_person_not_added(&event.to_string(), id),
            WithNobody { id } => self.found_with_nobody(id),
            UnknownKind { key, hint } => {
                let hint = hint.map(|k| self.found_did_you_mean(&table(k)));
                let kind = self.found_unknown_kind(&table(key), &tables());
                format!("{kind}{}", hint.unwrap_or_default())
            }
            UnknownField { field, key, fields } => {
                self.found_unknown_field(field, &table(key), &fields.join(", "))
            }
            NotLoaded { key, why } => format!("{}: {}", table(key), self.unloadable(why)),
            Record(problem) => self.record_problem(problem),
            DuplicatePromise { id, line } => self.found_duplicate_promise(id, *line),
            NoSuchPromise { id } => self.found_no_such_promise(id),
            ResolvedTwice { id, first, line } => {
                self.found_resolved_twice(id, self.resolution(*first), *line)
            }
            SharedPromise { id, others } => self.found_shared_promise(id, &others.join(", ")),
            NulTail { nuls, id } => self.found_nul_tail(*nuls, id),
            CutShort { finding, id } => self.found_cut_short(&self.finding(finding), id),
            BadFileName => self.found_bad_file_name().into(),
            GitDamage(damage) => self.found_git_damage(&self.head_damage(damage)),
            Said(m) => m.clone(),
        }
    }
    // What `finding` says: one entry a kind of [`findings::Finding`] (a record table already
    // written as `[[promise]]`), and the words of what a kind carries.
    fn found_not_utf8(&self) -> &'static str;
    fn found_syntax(&self, m: &str) -> String;
    fn found_duplicate_key(&self, m: &str) -> String;
    fn found_missing_schema(&self) -> String;
    fn found_schema_newer(&self, n: i64) -> String;
    fn found_schema_bad(&self) -> String;
    fn found_missing_name(&self) -> &'static str;
    fn found_empty_name(&self) -> &'static str;
    fn found_bad_kind(&self) -> String;
    fn found_bad_since(&self) -> &'static str;
    fn found_bad_tags(&self) -> &'static str;
    fn found_bad_cadence(&self) -> &'static str;
    /// A conflict marker line, before how the merge left it ([`Catalogue::found_merged`]).
    fn found_marker(&self, shown: &str) -> String;
    fn found_merged(&self, merged: findings::Merged) -> &'static str;
    /// A header key both sides changed: each side's line, or [`Catalogue::found_no_value`].
    fn found_header_conflict(&self, key: &str, ours: &str, theirs: &str) -> String;
    fn found_no_value(&self) -> &'static str;
    fn found_person_again(&self, id: &str, line: usize) -> String;
    fn found_person_not_added(&self, event: &str, id: &str) -> String;
    fn found_with_nobody(&self, id: &str) -> String;
    fn found_unknown_kind(&self, kind: &str, tables: &str) -> String;
    fn found_did_you_mean(&self, kind: &str) -> String;
    fn found_unknown_field(&self, field: &str, kind: &str, fields: &str) -> String;
    /// Why a record does not load (after its table).
    fn unloadable(&self, why: &findings::Unloadable) -> String;
    /// A problem of one record alone.
    fn record_problem(&self, problem: &crate::model::RecordProblem) -> String;
    fn found_duplicate_promise(&self, id: &str, line: usize) -> String;
    fn found_no_such_promise(&self, id: &str) -> String;
    fn found_resolved_twice(&self, id: &str, first: &str, line: usize) -> String;
    fn found_shared_promise(&self, id: &str, others: &str) -> String;
    fn found_nul_tail(&self, nuls: usize, id: &str) -> String;
    /// `finding` (already worded) of a last record that is incomplete.
    fn found_cut_short(&self, finding: &str, id: &str) -> String;
    fn found_bad_file_name(&self) -> &'static str;
    /// What is damaged in git's history (git's words inside), and what to do.
    fn head_damage(&self, damage: &crate::git::HeadDamage) -> String;
    fn found_git_damage(&self, damage: &str) -> String;
    /// A file under customers/ worth a word, with its `note:` prefix.
    fn check_note(&self, n: &findings::Note) -> String {
        use findings::Note::*;
        match n {
            Rejected(path) => self.note_rejected(&path.display().to_string()),
            Writing { path, pid } => self.note_writing(&path.display().to_string(), *pid),
            Leftover(path) => self.note_leftover(&path.display().to_string()),
            NotCustomer(path) => self.note_not_customer(&path.display().to_string()),
        }
    }
    // One sentence a kind of [`findings::Note`], with its `note:` prefix.
    fn note_rejected(&self, path: &str) -> String;
    fn note_writing(&self, path: &str, pid: u32) -> String;
    fn note_leftover(&self, path: &str) -> String;
    fn note_not_customer(&self, path: &str) -> String;
}

/// True when `answer` (trimmed, any case) is one of the answers `pick` takes from some
/// language's catalogue: a question is answered in the user's words, whichever language the
/// journal reads in.
pub fn answers(answer: &str, pick: impl Fn(&dyn Catalogue) -> &'static [&'static str]) -> bool {
    let answer = answer.trim().to_lowercase();
    Language::ALL
        .iter()
        .any(|&l| pick(catalogue(l)).contains(&answer.as_str()))
}

/// The moves of a period's phase changes, as counted by the weekly review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhaseMoves {
    pub new_customers: u32,
    pub acquisitions: u32,
    pub losses: u32,
    pub win_backs: u32,
    pub partners: u32,
    pub other: u32,
}

macro_rules! entries {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every entry, for the test that walks every catalogue.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
        }
    };
}

entries!(
    /// Every fixed heading, column name, label and empty-table text people read. A view names
    /// a label; each catalogue says it. Its English ([`Label::key`]) is also the key under which
    /// `render::views::fit` and the table colours know a column.
    Label {
        // Columns and facts.
        Id, Name, Kind, Phase, Orders, Total, LastContact, LastOrder, Days, DueIn, DaysSince,
        File, Line, Problem, Fix, Cadence, Overdue, KeptUs, KeptThem, Promise, Customer, By,
        What, Made, Due, Status, Resolved, Since, Tags, Because, Contacts, OurPromises,
        TheirPromises, TheirPayments, Day, From, To, Rule, Note, At, Details, ThisPeriod,
        Counts, Last90Days, Counts90Days, Channel, Customers, OverduePromises, DueNext7Days,
        PastTheirCadence, Outlook, When, Do, Value,
        // Titles.
        CustomersTitle, PromisesTitle, AgendaTitle, PhaseTimeline, OpenPromises, KeptRates,
        PastCadenceTitle, CustomersByPhase, LostWorthACall, ContactsInPeriod,
        OverdueOursFirst, DueSoonOursFirst, ResolvedInPeriod,
        // The outlook in the report and on its own page.
        SlippingAway, SlippingNoModel, LastPurchase, PAlive, AtStake, NoneSlipping, Model,
        FittedTo, AlphaDays, LogLikelihood, HorizonDays, Repeat, FirstToLast, FirstToToday,
        Expected, DaysBetween, Average, NoCustomerWithAPurchase,
        // report --by KEY.
        OrderTotal, KeptUsParen, KeptThemParen, KeptUs90, KeptThem90, PastCadence,
        // Chart titles.
        ContactsPerWeek, KeptPerMonth, PhaseMovesTitle, PastCadenceChart,
        // What an empty table says.
        NoCustomers, NoCustomersMatch, NoPromises, NoPromisesMatch, NoPhaseYet,
        InternalNoPhase, NoRecordsYet, NoOpenPromises, EveryoneHeard, NoPhaseChanges,
        NoLostCustomers, NoOverduePromises, NothingDueIn7Days, NoneResolved, NothingToDo,
        NothingDue,
        // Words in the report's small tables and the charts.
        Us, Them, UsInternal, ThemInternal, WonBack, Keep, Chase, ContactCustomer, ContactMark, Order,
        NewCustomers, Acquired, Lost, WonBackBar, Partner, Other,
        // People (issue 29).
        People, Person, Role, Email, Phone, Left, NoPeople, AtRisk, AccountsAtRisk,
        NoAccountAtRisk, Why, Whom,
        // search, mail, import of a vCard (issue 29).
        SearchTitle, Text, NoMatches, MailTitle, Subject, Outcome, Logged, AlreadyLogged, WouldLog, NotLogged, Skipped, NoMessages, ContactsTitle, Org, Added, WouldAdd, AlreadyThere, NotAdded, NoContacts,

    }
);

impl Label {
    /// The English of a label: the key of a column (its CSV header when wide, the name
    /// `render::views::fit` and the colours know it by).
    pub fn key(self) -> &'static str {
        en::English.label(self)
    }
}

entries!(
    /// Nouns that are counted ("3 days", "1 giorno").
    Noun {
        Day, Week, Customer, InternalCustomer, Promise, Record, Contact, Item, CustomerFile,
        Person, Match, Message,

    }
);

/// `n` and its noun in `words`: "1 day", "3 giorni", "-1 day".
pub fn count(words: &(impl Catalogue + ?Sized), n: impl Into<i64>, noun: Noun) -> String {
    let n = n.into();
    format!("{n} {}", words.noun(noun, n == 1 || n == -1))
}

/// How numbers, amounts and dates read for people in one journal, and in which words: made
/// once from the journal's `[locale]` and passed to every view and renderer for people (never
/// read from a global). Machines (CSV) get [`Style::MACHINE`].
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub language: Language,
    pub money: MoneyStyle,
}

impl Style {
    /// English, a decimal point, no currency, ISO dates: what CSV is laid out in.
    pub const MACHINE: Style = Style {
        language: Language::En,
        money: MoneyStyle {
            decimal: DecimalMark::Dot,
            currency: None,
        },
    };

    pub fn new(language: Language, money: MoneyStyle) -> Style {
        Style { language, money }
    }

    /// The catalogue of this style's language.
    pub fn words(&self) -> &'static dyn Catalogue {
        catalogue(self.language)
    }

    pub fn label(&self, label: Label) -> &'static str {
        self.words().label(label)
    }

    /// "3 giorni": [`count`] in this style's words.
    pub fn count(&self, n: impl Into<i64>, noun: Noun) -> String {
        count(self.words(), n, noun)
    }

    /// A record on one line as people read it, as the repeat check names it: `20/11/2026
    /// ordine: 2.345,60 € (FT 2026/120)`.
    pub fn record(&self, record: &Record) -> String {
        let amount = match record {
            Record::Order(o) => self.money(o.amount),
            _ => String::new(),
        };
        let (label, text) = self.words().record_line(record, &amount);
        let at = self.moment(&record.at());
        match text.is_empty() {
            true => format!("{at} {label}"),
            false => format!("{at} {label}: {text}"),
        }
    }

    /// A day as the language writes it.
    pub fn date(&self, day: NaiveDate) -> String {
        self.words().date(day)
    }

    /// A record's moment for people: its day as the language writes it, and the time of day
    /// when it has one (`23/11/2026 14:05`).
    pub fn moment(&self, at: &At) -> String {
        match at {
            At::Date(d) => self.date(*d),
            At::DateTime(dt) => format!("{} {}", self.date(dt.date_naive()), dt.format("%H:%M")),
            At::Local(dt) => format!("{} {}", self.date(dt.date()), dt.format("%H:%M")),
        }
    }

    /// An amount in the journal's decimal mark and currency: `1.234,56 €`.
    pub fn money(&self, amount: Amount) -> String {
        amount.human(&self.money)
    }

    /// A figure written with a decimal point, in the journal's decimal mark (`99,1`), so that
    /// one page never mixes two marks.
    pub fn decimal_mark(&self, figure: String) -> String {
        match self.money.decimal {
            DecimalMark::Dot => figure,
            DecimalMark::Comma => figure.replace('.', ","),
        }
    }

    /// A figure with `places` decimals in the journal's mark.
    pub fn fixed(&self, x: f64, places: usize) -> String {
        self.decimal_mark(format!("{x:.places$}"))
    }

    /// An exact mean with one decimal (or "–").
    pub fn mean(&self, mean: Option<Mean>) -> String {
        mean.map_or_else(|| "–".into(), |m| self.decimal_mark(m.fixed(1)))
    }

    /// A rate as a percentage (or "–": undefined is never 0%).
    pub fn rate(&self, rate: Option<f64>) -> String {
        rate.map_or_else(|| "–".into(), |r| self.words().percent(r))
    }

    /// "3 kept", "1 mantenuta", "2 mantenute": a count of promises in a status.
    fn status_count(&self, n: u32, status: PromiseStatus) -> String {
        format!("{n} {}", self.words().status(status, n != 1))
    }

    /// "3/4 kept, 1 late, 0 broken, 0 overdue": the decided promises of a window, for tables.
    pub fn counts_brief(&self, c: &KeptCounts) -> String {
        use PromiseStatus::*;
        let due = c.kept + c.late + c.broken + c.overdue;
        let mut text = format!(
            "{}/{due} {}",
            c.kept,
            self.words().status(Kept, c.kept != 1)
        );
        for (n, s) in [(c.late, Late), (c.broken, Broken), (c.overdue, Overdue)] {
            text.push_str(", ");
            text.push_str(&self.status_count(n, s));
        }
        text
    }

    /// [`Style::counts_brief`] of payments, with how late the late ones were on average.
    pub fn payment_brief(&self, p: &PaymentPunctuality) -> String {
        let mut text = self.counts_brief(&p.counts);
        if let Some(mean) = p.mean_days_late {
            text.push_str(&self.words().late_on_average(&self.mean(Some(mean))));
        }
        text
    }

    /// "75% (3 kept, 1 late, 0 broken, 0 overdue; 2 open, 0 cancelled)": every status of a
    /// customer's promises, for facts.
    pub fn kept_summary(&self, c: &KeptCounts) -> String {
        use PromiseStatus::*;
        let counts = |list: &[(u32, PromiseStatus)]| {
            list.iter()
                .map(|&(n, s)| self.status_count(n, s))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{} ({}; {})",
            self.rate(c.rate()),
            counts(&[
                (c.kept, Kept),
                (c.late, Late),
                (c.broken, Broken),
                (c.overdue, Overdue)
            ]),
            counts(&[(c.open, Open), (c.cancelled, Cancelled)]),
        )
    }

    /// [`Style::kept_summary`] of payments, with how late the late ones were on average.
    pub fn payment_summary(&self, p: &PaymentPunctuality) -> String {
        let mut text = self.kept_summary(&p.counts);
        if let Some(mean) = p.mean_days_late {
            text.push_str(
                &self
                    .words()
                    .late_payments_on_average(&self.mean(Some(mean))),
            );
        }
        text
    }
}

#[cfg(test)]
mod tests;

/// " (a; b)": `items` joined by `sep` in parentheses after a space; nothing when there are none.
pub(crate) fn in_parens(items: &[impl AsRef<str>], sep: &str) -> String {
    match items.is_empty() {
        true => String::new(),
        false => {
            let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
            format!(" ({})", items.join(sep))
        }
    }
}
