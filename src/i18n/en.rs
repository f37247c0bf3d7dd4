//! English: the catalogue every other language is read against (its labels are the keys of
//! columns). Dates in ISO form, as the JSON writes them.

use chrono::NaiveDate;

use super::{Catalogue, Label, Noun, PhaseMoves, count, in_parens};
use crate::dates::CellDate;
use crate::dates::DateProblem;
use crate::error::BadId;
use crate::error::ReferenceError;
use crate::git::InProgress;
use crate::metrics::phase::{PhaseAssessment, PhaseRule, ShownPhase};
use crate::metrics::promises::PromiseStatus;
use crate::model::SCHEMA;
use crate::model::{Amount, MoneyStyle};
use crate::model::{AmountError, Channel, Direction, Kind, Party, Phase, ResolutionStatus, Table};

pub struct English;

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "?".to_string(), |d| d.to_string())
}

impl Catalogue for English {
    fn date(&self, day: NaiveDate) -> String {
        day.to_string()
    }

    fn day_month(&self, day: NaiveDate) -> String {
        day.format("%m-%d").to_string()
    }

    fn month(&self, month0: u32) -> &'static str {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        MONTHS[month0 as usize % 12]
    }

    fn label(&self, label: Label) -> &'static str {
        use Label::*;
        match label {
            Id => "id",
            Name => "name",
            Kind => "kind",
            Phase => "phase",
            Orders => "orders",
            Total => "total",
            LastContact => "last contact",
            LastOrder => "last order",
            Days => "days",
            DueIn => "due in",
            DaysSince => "days since",
            File => "file",
            Line => "line",
            Problem => "problem",
            Fix => "fix",
            Cadence => "cadence",
            Overdue => "overdue",
            KeptUs => "kept us",
            KeptThem => "kept them",
            Promise => "promise",
            Customer => "customer",
            By => "by",
            What => "what",
            Made => "made",
            Due => "due",
            Status => "status",
            Resolved => "resolved",
            Since => "since",
            Tags => "tags",
            Because => "because",
            Contacts => "contacts",
            OurPromises => "our promises",
            TheirPromises => "their promises",
            TheirPayments => "their payments",
            Day => "day",
            From => "from",
            To => "to",
            Rule => "rule",
            Note => "note",
            At => "at",
            Details => "details",
            ThisPeriod => "this period",
            Counts => "counts",
            Last90Days => "last 90 days",
            Counts90Days => "counts (90 days)",
            Channel => "channel",
            Customers => "customers",
            OverduePromises => "overdue promises",
            DueNext7Days => "due in the next 7 days",
            PastTheirCadence => "past their cadence",
            Outlook => "outlook",
            When => "when",
            Do => "do",
            Value => "value",
            CustomersTitle => "Customers",
            PromisesTitle => "Promises",
            AgendaTitle => "Agenda",
            PhaseTimeline => "Phase timeline",
            OpenPromises => "Open promises",
            KeptRates => "Promise-kept rates (promises due in the window)",
            PastCadenceTitle => "Past their cadence (most overdue first)",
            CustomersByPhase => "Customers by phase",
            LostWorthACall => "Lost customers worth a call (highest order total first)",
            ContactsInPeriod => "Contacts in the period",
            OverdueOursFirst => "Overdue promises (ours first)",
            DueSoonOursFirst => "Due in the next 7 days (ours first)",
            ResolvedInPeriod => "Resolved in the period",
            SlippingAway => "Slipping away: not lost yet, P(alive) below 50% (most at stake first)",
            SlippingNoModel => {
                "Slipping away: no outlook model for this journal yet (see `coltiva outlook`)"
            }
            LastPurchase => "last purchase",
            PAlive => "P(alive)",
            AtStake => "at stake (90 days)",
            NoneSlipping => "no customer slipping away",
            Model => "model",
            FittedTo => "fitted to",
            AlphaDays => "alpha (days)",
            LogLikelihood => "log-likelihood",
            HorizonDays => "horizon (days)",
            Repeat => "repeat",
            FirstToLast => "first→last",
            FirstToToday => "first→today",
            Expected => "expected",
            DaysBetween => "days between",
            Average => "average",
            NoCustomerWithAPurchase => "no customer with a purchase",
            OrderTotal => "order total",
            KeptUsParen => "kept (us)",
            KeptThemParen => "kept (them)",
            KeptUs90 => "kept (us, 90 days)",
            KeptThem90 => "kept (them, 90 days)",
            PastCadence => "past cadence",
            ContactsPerWeek => "Contacts per week, last 12 weeks, by channel",
            KeptPerMonth => "Promises kept per month, last 12 months",
            PhaseMovesTitle => "Phase moves in the period",
            PastCadenceChart => "Past their cadence",
            NoCustomers => "no customers",
            NoCustomersMatch => "no customers match",
            NoPromises => "no promises",
            NoPromisesMatch => "no promises match",
            NoPhaseYet => "no phase yet",
            InternalNoPhase => "an internal customer has no lifecycle phase",
            NoRecordsYet => "no records yet",
            NoOpenPromises => "no open promises",
            EveryoneHeard => "everyone heard from you in time",
            NoPhaseChanges => "no phase changes",
            NoLostCustomers => "no lost customers",
            NoOverduePromises => "no overdue promises",
            NothingDueIn7Days => "nothing due in the next 7 days",
            NoneResolved => "no promises resolved in the period",
            NothingToDo => "nothing to do",
            NothingDue => "nothing due: no promise to keep or chase, no customer due for a contact",
            Us => "us",
            Them => "them",
            UsInternal => "us (internal)",
            ThemInternal => "them (internal)",
            WonBack => "won back",
            Keep => "keep",
            Chase => "chase",
            ContactCustomer => "contact",
            ContactMark => "contact",
            Order => "order",
            NewCustomers => "new customers",
            Acquired => "acquired",
            Lost => "lost",
            WonBackBar => "won back",
            Partner => "partner",
            Other => "other",
            People => "People",
            Person => "person",
            Role => "role",
            Email => "email",
            Phone => "phone",
            Left => "left",
            NoPeople => "no people",
            AtRisk => "at risk",
            AccountsAtRisk => "Accounts at risk",
            NoAccountAtRisk => "no account at risk",
            Why => "why",
            Whom => "whom",
            SearchTitle => "Search",
            Text => "text",
            NoMatches => "no matches",
            MailTitle => "Messages",
            Subject => "subject",
            Outcome => "outcome",
            Logged => "logged",
            AlreadyLogged => "already logged",
            WouldLog => "would log",
            NotLogged => "not logged",
            Skipped => "skipped",
            NoMessages => "no messages",
            ContactsTitle => "Contacts",
            Org => "org",
            Added => "added",
            WouldAdd => "would add",
            AlreadyThere => "already there",
            NotAdded => "not added",
            NoContacts => "no contacts",
        }
    }

    fn nouns(&self, noun: Noun) -> (&'static str, &'static str) {
        use Noun::*;
        match noun {
            Day => ("day", "days"),
            Week => ("week", "weeks"),
            Customer => ("customer", "customers"),
            InternalCustomer => ("internal customer", "internal customers"),
            Promise => ("promise", "promises"),
            Record => ("record", "records"),
            Contact => ("contact", "contacts"),
            Item => ("item", "items"),
            CustomerFile => ("customer file", "customer files"),
            Person => ("person", "people"),
            Match => ("match", "matches"),
            Message => ("message", "messages"),
        }
    }

    fn phase(&self, phase: ShownPhase) -> &'static str {
        phase.as_str()
    }

    fn kind(&self, kind: Kind) -> &'static str {
        kind.as_str()
    }

    fn channel(&self, channel: Channel) -> &'static str {
        channel.as_str()
    }

    fn direction(&self, direction: Direction) -> &'static str {
        direction.as_str()
    }

    fn party(&self, party: Party) -> &'static str {
        party.as_str()
    }

    fn status(&self, status: PromiseStatus, _plural: bool) -> &'static str {
        status.as_str()
    }

    fn resolution(&self, status: ResolutionStatus) -> &'static str {
        status.as_str()
    }

    fn rule(&self, rule: PhaseRule) -> &'static str {
        rule.as_str()
    }

    fn cadence_source(&self, source: &str) -> String {
        source.to_string()
    }

    fn phase_receipt(&self, a: &PhaseAssessment, new_days: u32, lost_days: u32) -> String {
        let as_of = a.as_of;
        match a.rule {
            PhaseRule::Pinned => {
                let mut s = format!("pinned on {}", day(a.pin_day));
                if let Some(reason) = a.pin_reason.as_deref().filter(|r| !r.trim().is_empty()) {
                    s.push_str(": ");
                    s.push_str(reason.trim());
                }
                s
            }
            PhaseRule::NoOrder => format!("no order on or before {as_of}"),
            PhaseRule::Internal => {
                "internal customer: colleagues and agents have no lifecycle phase".to_string()
            }
            PhaseRule::Lost => format!(
                "last order {} is more than {lost_days} days before {as_of}",
                day(a.last_order),
            ),
            PhaseRule::New => format!(
                "first order {} is within {new_days} days of {as_of}",
                day(a.first_order),
            ),
            PhaseRule::Acquired => format!(
                "first order {} is more than {new_days} days ago and the last, {}, within {lost_days} days",
                day(a.first_order),
                day(a.last_order),
            ),
        }
    }

    fn orders(
        &self,
        n: u32,
        total: &str,
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    ) -> String {
        let day = |d: Option<NaiveDate>| d.map_or_else(|| "–".to_string(), |d| d.to_string());
        format!(
            "{n} totalling {total} (first {}, last {})",
            day(first),
            day(last)
        )
    }

    fn last_contact(&self, day: Option<NaiveDate>, days: Option<i64>) -> String {
        match (day, days) {
            (Some(day), Some(0)) => format!("{day} (today)"),
            (Some(day), Some(days)) => format!("{day} ({} ago)", count(self, days, Noun::Day)),
            (None, Some(days)) => {
                format!("never ({} since the start)", count(self, days, Noun::Day))
            }
            _ => "never".into(),
        }
    }

    fn cadence(&self, days: u32, source: &str, overdue_days: i64) -> String {
        let state = if overdue_days > 0 {
            format!("{} overdue", count(self, overdue_days, Noun::Day))
        } else {
            "on time".into()
        };
        format!("every {} ({source}); {state}", count(self, days, Noun::Day))
    }

    fn contact_days(&self, days: u32, mean_gap: &str, longest: &str) -> String {
        format!(
            "{} with contact; mean gap {mean_gap} days, longest {longest}",
            count(self, days, Noun::Day)
        )
    }

    fn records_title(&self, shown: usize, total: usize) -> String {
        if shown < total {
            format!("Last {shown} of {total} records (--all for every one)")
        } else {
            format!("Records ({total})")
        }
    }

    fn due_in(&self, days: i64) -> String {
        match days.cmp(&0) {
            std::cmp::Ordering::Equal => "today".into(),
            std::cmp::Ordering::Greater => format!("in {}", count(self, days, Noun::Day)),
            std::cmp::Ordering::Less => format!("{} overdue", count(self, -days, Noun::Day)),
        }
    }

    fn due_by(&self, day: Option<NaiveDate>) -> String {
        match day {
            Some(day) => format!("Due by {day}"),
            None => "Due by the end of time".into(),
        }
    }

    fn when(&self, days: i64) -> String {
        self.due_in(days)
    }

    fn agenda_contact(&self, last: Option<NaiveDate>, cadence_days: u32) -> String {
        let every = count(self, cadence_days, Noun::Day);
        match last {
            Some(day) => format!("last contact {day}, every {every}"),
            None => format!("no contact yet, every {every}"),
        }
    }

    fn customers_by_phase_internal(&self, internal: u32) -> String {
        format!(
            "Customers by phase (external; {} not counted)",
            count(self, internal, Noun::InternalCustomer)
        )
    }

    fn phase_changes(&self, m: &PhaseMoves) -> String {
        let mut title = format!(
            "Phase changes in the period: {} new, {} acquired, {} lost, {} won back",
            m.new_customers, m.acquisitions, m.losses, m.win_backs
        );
        if m.partners > 0 {
            title.push_str(&format!(", {} partner", m.partners));
        }
        if m.other > 0 {
            title.push_str(&format!(", {} other", m.other));
        }
        title
    }

    fn too_little_history(
        &self,
        customers: usize,
        repeat: usize,
        min: usize,
        min_repeat: usize,
    ) -> String {
        format!(
            "too little purchase history to fit the model: {} with a purchase and {repeat} who bought on two or more days; it needs at least {min} and {min_repeat}",
            count(self, customers as i64, Noun::Customer)
        )
    }

    fn resolved(
        &self,
        promise: &str,
        name: &str,
        status: ResolutionStatus,
        new_due: Option<NaiveDate>,
        day: NaiveDate,
    ) -> String {
        let what = match (status, new_due) {
            (ResolutionStatus::Renegotiated, Some(due)) => format!("renegotiated to {due}"),
            _ => status.to_string(),
        };
        format!("promise {promise} ({name}) {what} on {day}")
    }

    fn phase_set(&self, name: &str, id: &str, pin: Option<Phase>, day: NaiveDate) -> String {
        match pin {
            Some(p) => format!("{name} ({id}) pinned as {p} from {day}"),
            None => format!("{name} ({id}) returns to its computed phase from {day}"),
        }
    }

    fn invalid_amount(&self, e: &AmountError) -> String {
        e.to_string()
    }

    fn bad_reference(&self, r: &ReferenceError) -> String {
        r.to_string()
    }

    fn not_committed(&self, files: &str, op: InProgress, commit: &str) -> String {
        let (finish, abort) = op.commands();
        let rebase = op == InProgress::Rebase;
        let op = match op {
            InProgress::Merge => "a merge (`git merge` or `git pull`)",
            InProgress::Rebase => "a rebase (`git rebase` or `git pull --rebase`)",
            InProgress::CherryPick => "a cherry-pick",
            InProgress::Revert => "a revert",
        };
        let abort = if rebase {
            format!("careful: {abort} would throw it away")
        } else {
            format!("{abort} keeps it")
        };
        format!(
            "coltiva: the change is saved in {files} but not committed: {op} is in progress in this repository. It stays in the work tree, unstaged ({abort}); if it settles a conflicted file, `git add {files}` and `{finish}`; otherwise, once that is done, commit it: {commit}"
        )
    }

    fn forget_history(&self, file: &str) -> String {
        format!(
            "note: the journal is a git repository, so its history (and every clone) still holds {file}.\n\
             Commit the deletion (git rm {file}; git commit), then rewrite history to erase it:\n  \
             git filter-repo --invert-paths --path {file}\n\
             and force-push; ask everyone with a clone to clone again."
        )
    }

    fn repaired(
        &self,
        id: &str,
        bytes: usize,
        records: usize,
        from_line: usize,
        rej: &str,
    ) -> String {
        let what = match records {
            0 => format!(
                "NUL bytes from line {from_line} on, no record: a write whose data never reached the disk"
            ),
            1 => format!("1 record from line {from_line} on"),
            n => format!("{n} records from line {from_line} on"),
        };
        format!(
            "repaired {id}: moved {bytes} bytes ({what}) to {rej}\nthe rest of the file is untouched and parses; copy back from the .rej file whatever you want to keep"
        )
    }

    fn undo_appended(&self, file: &str, many: bool, records: &[String]) -> String {
        let noun = if many { "records" } else { "record" };
        format!("the {noun} appended to {file}{}", in_parens(records, "; "))
    }

    fn undo_refused(&self, what: &str, gone: bool, id: &str) -> String {
        let why = match gone {
            true => "the file is gone",
            false => "the file was changed after that write (another write or an edit)",
        };
        format!(
            "cannot undo {what}: {why}; nothing was changed (look at it with `coltiva show {id}`, fix it with `coltiva edit {id}`)"
        )
    }

    fn repeated(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String {
        let what = match kind {
            Table::Order => "the same order",
            Table::Promise => "the same promise",
            _ => "the same contact",
        };
        format!(
            "{name} ({id}) already has {what} on that day ({earlier}); nothing was recorded. Recording it again would count it twice: if it is meant, add --again"
        )
    }

    fn already_a_journal(&self, root: &str, locale: Option<&str>) -> String {
        match locale {
            Some(name) => format!(
                "{root} is already a journal; its settings were not changed (for --locale {name}, add a [locale] table to its coltiva.toml: see docs/FORMAT.md)"
            ),
            None => format!("{root} is already a journal; its settings were not changed"),
        }
    }

    fn repository_created(&self, root: &str, inside: Option<&str>) -> String {
        match inside {
            Some(top) => format!(
                "created a git repository of its own in {root} (the folder is inside the repository at {top}, which coltiva leaves alone)"
            ),
            None => format!("created a git repository in {root}"),
        }
    }

    fn git_set_up(&self, written: bool) -> &'static str {
        if written {
            "set up for git: customer files merge record by record with coltiva's merge driver (.gitattributes), local files are ignored (.gitignore)"
        } else {
            "registered coltiva's merge driver for customer files in this clone"
        }
    }

    fn record_kinds(&self, kind: Table) -> (&'static str, &'static str) {
        match kind {
            Table::Interaction => ("interaction", "interactions"),
            Table::Order => ("order", "orders"),
            Table::Promise => ("promise", "promises"),
            Table::Resolution => ("resolution", "resolutions"),
            Table::Phase => ("phase change", "phase changes"),
            Table::Person => ("person record", "person records"),
        }
    }

    fn imported(
        &self,
        kinds: &[(Table, usize)],
        customers: usize,
        new: usize,
        from: &str,
        already: usize,
    ) -> String {
        let customers = count(self, customers as i64, Noun::Customer);
        let what = if kinds.is_empty() {
            format!("{customers} ({new} new), no records")
        } else {
            let records: usize = kinds.iter().map(|(_, n)| n).sum();
            format!(
                "{} ({}) for {customers} ({new} new)",
                count(self, records as i64, Noun::Record),
                kinds
                    .iter()
                    .map(|&(k, n)| format!("{n} {}", self.record_kind(k, n == 1)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let already = match already {
            0 => String::new(),
            n => format!("; {n} rows were already in the journal"),
        };
        format!("imported {what} from {from}{already}")
    }

    fn contacts_caption(&self, total: u32, span: Option<(NaiveDate, NaiveDate)>) -> String {
        match span {
            Some((since, until)) => format!(
                "{} from {since} to {until}, in seven-day weeks labelled by their last day; each channel has its own pattern.",
                count(self, total, Noun::Contact)
            ),
            None => "No weeks to show.".into(),
        }
    }

    fn kept_rates_caption(&self) -> &'static str {
        "Kept ÷ (kept + late + broken + overdue) of the external customers' promises due in each \
         month; ours as dots on a solid line, theirs as squares on a dashed line; a month without \
         such promises has no point."
    }

    fn past_cadence_caption(&self, drawn: usize, all: usize) -> String {
        let mut text = "Days since the last contact; the dashed tick is the cadence, the hatched part the days past it.".to_string();
        if all > drawn {
            text.push_str(&format!(
                " The {drawn} most overdue of {all}; the table lists them all."
            ));
        }
        text
    }

    fn timeline_caption(&self) -> &'static str {
        "Phase bands on top; below, contacts (dots, larger for several a day), orders (diamonds) \
         and promises from the day made to the day decided or due: kept (dot), late (triangle), \
         broken (cross), open (ring), overdue (square), cancelled (dash)."
    }

    fn at_risk(&self, risk: &crate::metrics::people::Risk) -> String {
        risk.describe()
    }

    fn person_line(&self, p: &crate::model::Person) -> (String, String) {
        (format!("person {}", p.event), p.summary("role cleared"))
    }

    fn person_done(
        &self,
        event: crate::model::PersonEvent,
        (person, pid): (&str, &str),
        name: &str,
        id: &str,
        day: NaiveDate,
    ) -> String {
        use crate::model::PersonEvent::*;
        match event {
            Added => format!(
                "added {person} ({pid}) to {name} ({id}) on {}",
                self.date(day)
            ),
            Changed => format!(
                "changed {person} ({pid}) of {name} ({id}) on {}",
                self.date(day)
            ),
            Left => format!("{person} ({pid}) left {name} ({id}) on {}", self.date(day)),
        }
    }

    fn refusal_sentence(&self, s: crate::error::Sentence<'_>) -> String {
        crate::error::english(s)
    }

    fn rule_broken(&self, r: &crate::error::RuleBroken) -> String {
        r.to_string()
    }

    fn driver_problem(&self, p: &crate::git::DriverProblem) -> String {
        p.to_string()
    }

    fn import_note(&self, note: &super::ImportNote) -> String {
        use super::ImportNote::*;
        match note {
            Ignoring(columns) => format!(
                "ignoring {} {} (not a coltiva column; use --map to read one)",
                if columns.len() == 1 {
                    "the column"
                } else {
                    "the columns"
                },
                columns.join(", ")
            ),
            ExtrasUnused { maps, label } => format!(
                "warning: {} {} read on customer rows only, and {label} has none (give --type customer for a list of customers)",
                maps.join(", "),
                if maps.len() == 1 { "is" } else { "are" }
            ),
            NoRows { label } => format!("nothing to import: {label} has no rows"),
            AllThere { rows, label } => {
                format!("nothing to import: all {rows} rows of {label} are already in the journal")
            }
            DryRun {
                records,
                customers,
                new,
                label,
                already,
            } => format!(
                "dry run: would import {} for {} ({new} new) from {label}; {already} rows are already in the journal; nothing was written",
                count(self, *records as i64, Noun::Record),
                count(self, *customers as i64, Noun::Customer),
            ),
        }
    }

    fn import_refused(&self, refusal: &super::ImportRefusal) -> String {
        use super::ImportRefusal::*;
        match refusal {
            BadRows { label, rows } => format!(
                "{label}: {rows} bad {}; nothing was imported",
                if *rows == 1 { "row" } else { "rows" }
            ),
            More(n) => format!("... and {n} more"),
            NoCustomerColumn {
                label,
                columns,
                delimiter,
            } => format!(
                "{label}: no customer column (the file's columns are: {columns}); name yours with --map customer=COLUMN (the columns were split at {delimiter}: give --delimiter if that is wrong); nothing was imported"
            ),
            NoTypeColumn { label, choices } => format!(
                "{label}: no type column; add one or give --type ({choices}); nothing was imported"
            ),
            CsvFlagOnVcard { flag, label } => format!(
                "{flag} is for CSV files; {label} is a vCard file (contacts become people): import it without {flag}"
            ),
            RevenueAfterToday {
                year,
                theirs,
                today,
            } => format!("--map revenue.{year}={theirs}: {year} is after today ({today})"),
            Header { label, problem } => format!("{label}: {problem}; nothing was imported"),
            CustomerUnreadable { label, problem } => {
                format!("{problem}\nnothing was imported from {label}")
            }
            Interrupted {
                problem,
                written: 1,
            } => format!(
                "{problem}\n1 customer file was written before the error; importing again adds only what is missing"
            ),
            Interrupted { problem, written } => format!(
                "{problem}\n{written} customer files were written before the error; importing again adds only what is missing"
            ),
        }
    }

    fn row_error(&self, line: u64, column: Option<&str>, problem: &str) -> String {
        match column {
            Some(c) => format!("line {line}, column {c}: {problem}"),
            None => format!("line {line}: {problem}"),
        }
    }

    fn repeat_asks(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String {
        let what = match kind {
            Table::Order => "the same order",
            Table::Promise => "the same promise",
            _ => "the same contact",
        };
        format!(
            "{name} ({id}) already has {what} on that day ({earlier}).\nRecord it again? [y/N] "
        )
    }

    fn yes(&self) -> &'static [&'static str] {
        &["y", "yes"]
    }

    fn edit_answers(&self) -> (&'static [&'static str], &'static [&'static str]) {
        (&["", "e", "edit"], &["r", "restore", "q"])
    }

    fn file_problem(&self, damage: &super::FileDamage) -> (String, String) {
        use super::FileDamage::*;
        match damage {
            Nuls { nuls, id } => (
                format!(
                    "the file ends in {nuls} NUL bytes, no record: a write whose data never reached the disk (a crash or power loss)"
                ),
                format!("`coltiva repair {id}` moves them aside and keeps every record before them"),
            ),
            IncompleteTail { detail, id } => (
                format!(
                    "the last record is incomplete ({detail}): a write cut short (a crash, a full disk) or a typo"
                ),
                format!(
                    "`coltiva repair {id}` moves that record alone to customers/{id}.toml.rej; or fix it by hand with `coltiva edit {id}`"
                ),
            ),
            ConflictMarkers { line, id } => (
                format!("git conflict markers from line {line} (an unfinished merge)"),
                format!(
                    "finish the merge: `coltiva edit {id}`, keep the records of both sides and delete the marker lines (<<<<<<<, =======, >>>>>>>); `coltiva check` lists every problem"
                ),
            ),
            Parse { detail, id } => (
                detail.clone(),
                format!(
                    "`coltiva check` lists every problem; fix the file with `coltiva edit {id}`, or move a broken tail aside with `coltiva repair {id}`"
                ),
            ),
            Other { detail } => (
                detail.clone(),
                "do what the problem says, then run the command again; `coltiva check` lists every problem".into(),
            ),
        }
    }

    fn mail_done(
        &self,
        dry_run: bool,
        logged: usize,
        total: usize,
        already: usize,
        not_logged: usize,
    ) -> String {
        format!(
            "{} {logged} of {}{}, {already} already logged, {not_logged} not logged",
            if dry_run { "would log" } else { "logged" },
            count(self, total as i64, Noun::Message),
            if dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            },
        )
    }

    fn mail_not_logged(&self, unmatched: usize, not_mail: usize, undated: usize) -> String {
        let messages = count(self, (unmatched + not_mail + undated) as i64, Noun::Message);
        if not_mail == 0 && undated == 0 {
            return format!(
                "{messages} not logged: each is listed with why (give the customer an `email` or `domain` attribute, or log it by hand)"
            );
        }
        let mut why = Vec::new();
        match not_mail {
            0 => {}
            1 => why.push("1 is not an e-mail message".to_string()),
            n => why.push(format!("{n} are not e-mail messages")),
        }
        if unmatched > 0 {
            why.push(format!(
                "{unmatched} matched no customer: give the customer an `email` or `domain` attribute, or log it by hand"
            ));
        }
        match undated {
            0 => {}
            1 => why.push("1 has no readable Date header: log it by hand with --at".to_string()),
            n => why.push(format!(
                "{n} have no readable Date header: log them by hand with --at"
            )),
        }
        format!(
            "{messages} not logged: each is listed with why ({})",
            why.join("; ")
        )
    }

    fn contacts_done(
        &self,
        dry_run: bool,
        added: usize,
        total: usize,
        from: &str,
        already: usize,
        not_added: usize,
    ) -> String {
        format!(
            "{} {added} of {} from {from}{}, {already} already there, {not_added} not added",
            if dry_run { "would add" } else { "added" },
            count(self, total as i64, Noun::Contact),
            if dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            },
        )
    }

    fn unknown_word(&self, what: super::WordKind, value: &str, choices: &[&str]) -> String {
        let what = match what {
            super::WordKind::Kind => "kind",
            super::WordKind::Channel => "channel",
            super::WordKind::Party => "party",
            super::WordKind::Phase => "phase",
        };
        format!(
            "unknown {what} {value:?} (expected {})",
            choices.join(" | ")
        )
    }

    fn merge_said(&self, said: &super::MergeSaid) -> String {
        use super::MergeSaid::*;
        let finish = "then `git add` it and finish the merge (`git commit`, or `git rebase --continue`); `coltiva check` lists what is left";
        match said {
            Merged { label } => format!("merged the records of both sides in {label}"),
            NeedsPerson { label } => {
                format!("{label}: the merge needs a person; fix the file, {finish}")
            }
            ByHand { label } => format!(
                "{label}: could not merge it record by record; both sides are in the file between conflict markers: fix it by hand, {finish}"
            ),
        }
    }

    fn merge_side(&self, side: super::MergeSide) -> &'static str {
        match side {
            super::MergeSide::Common => "common",
            super::MergeSide::Ours => "ours",
            super::MergeSide::Theirs => "theirs",
        }
    }

    fn found_merged(&self, merged: super::findings::Merged) -> &'static str {
        use super::findings::Merged;
        match merged {
            Merged::Fallback => {
                "coltiva could not merge this file record by record (a side did not parse), so git merged it line by line, which cuts records apart; put each side's records back whole (every `[[kind]]` line with all its keys), delete the marker lines, then `git add` the file and finish the merge"
            }
            Merged::LineByLine => {
                "git merged this file line by line here (coltiva's merge driver did not run), which cuts records apart; while the merge is going on, merge the file again record by record: `coltiva init`, then `git checkout -m FILE`; otherwise put each side's records back whole (every `[[kind]]` line with all its keys) and delete the marker lines"
            }
            Merged::Stopped => {
                "the merge of this file stopped here; keep what each side should keep (for records: both), delete the marker lines, then `git add` the file and finish the merge"
            }
        }
    }

    fn unloadable(&self, why: &super::findings::Unloadable) -> String {
        why.to_string()
    }

    fn record_problem(&self, problem: &crate::model::RecordProblem) -> String {
        problem.to_string()
    }

    fn head_damage(&self, damage: &crate::git::HeadDamage) -> String {
        damage.to_string()
    }

    sentences! {
        self;
        row_type_missing(choices: &str) => "the type is missing (expected {choices}; or give --type)";
        row_due_before_made(due: &str, made: &str) => "{due} is before the promise was made ({made})";
        row_resolution_needs_status(choices: &str) => "a resolution needs a status ({choices})";
        row_due_before_renegotiation(due: &str, at: &str) => "{due} is before the renegotiation itself ({at})";
        row_revenue_after_today(year: i32, today: &str) => "the revenue of {year} is after today ({today})";
        row_attribute_twice(key: &str) => "the attribute {key} is also in the attributes column";
        row_attributes_not_toml(detail: &str) => "expected TOML such as territory = \"Brescia\": {detail}";
        row_no_letters_or_digits(value: &str) => "cannot make a customer id from {value:?}: it has no letters or digits";
        row_described_twice(id: &str, line: u64) => "customer {id} is described differently on line {line}";
        row_source_twice(source: &str, id: &str, line: u64) => "source {source:?} of customer {id} is already on line {line}";
        row_promise_id_taken(id: &str, promise: &str) => "customer {id} already has a different promise with id {promise}";
        row_promise_id_twice(promise: &str, line: u64, other: &str) => "promise id {promise} is also used on line {line} (customer {other})";
        row_no_such_promise(id: &str, promise: &str) => "customer {id} has no promise {promise} (neither in its file nor in this import)";
        row_resolved_before_made(at: &str, promise: &str, made: &str) => "{at} is before promise {promise} was made ({made})";
        row_person_there(id: &str, person: &str) => "customer {id} already has a person {person}; give this row event changed, or another id";
        row_no_such_person(id: &str, person: &str) => "customer {id} has no person {person} (neither in its file nor in this import); add them with a person row, or correct the id";
        row_unequal_fields(expected: u64, found: u64) => "expected {expected} fields like the header, found {found}";
        row_not_utf8(field: usize) => "field {field} is not valid UTF-8 (save the file as UTF-8)";
        row_id_from_no_letters(cell: &str) => "{cell:?} has no letters or digits, and --id-from makes the customer id from it";
        row_amount_mark(error: &str, other: char) => "{error} (the file writes decimals with {other:?}? give --decimal {other})";
        row_revenue_below_last_order(year: i32, total: Amount, last: Amount, _money: &MoneyStyle) => "the revenue of {year} ({total}) is less than the last order of that year ({last})";
        row_bad_id(bad: &BadId) => "{bad}; write the customer differently or use an existing id";
        row_any_of(value: &str, n: usize, candidates: &str) => "{value:?} could be any of {n} customers: {candidates}; write the id instead, or give --id-from with the columns that tell them apart";
        row_name_taken(id: &str, value: &str, named: &str, one: bool, first: &str) => "--id-from makes the new id {id}, but {value:?} is already the name of {named}; if the row is one of them, give it that id ({}), e.g. `coltiva rename {first} {id}`", if one { "rename it" } else { "rename the one it is" };
        row_date_no_year(text: &str) => "invalid date {text:?}: {}", CellDate::NoYear.english();
        row_date_unknown(text: &str) => "invalid date {text:?}: {}", CellDate::Unknown.english();
        row_texts_make_one_id(texts: &str, id: &str) => "{texts} would all become the one new customer {id}; if they are different customers, give each its own id (an id column, or --id-from with the columns that tell them apart); if one, write it the same way on every row";
        row_line_text(line: u64, text: &str) => "line {line} {text:?}";
        row_differ_advice(with: &str) => "different customers? give --id-from {with:?}; one customer? keep one row";
        row_rows_differ(lines: &str, new: bool, id: &str, named: &str, differences: &str, advice: &str) => "the customer rows on lines {lines} would all be the {} customer {id} ({named:?}) but differ in {differences}; {advice}", if new { "one new" } else { "existing" };
        found_syntax(m: &str) => "TOML syntax: {m}";
        found_duplicate_key(m: &str) => "{m}: the key appears twice (after a merge, both sides' edits of the header?); keep one";
        found_missing_schema() => "missing `schema = {SCHEMA}` at the top of the file";
        found_schema_newer(n: i64) => "schema {n} is newer than this coltiva understands (schema {SCHEMA}); upgrade coltiva";
        found_schema_bad() => "schema must be a whole number from 1 to {SCHEMA}";
        found_bad_kind() => "kind must be one of {}", Kind::choices();
        found_marker(shown: &str) => "git conflict marker {shown:?}";
        found_header_conflict(key: &str, ours: &str, theirs: &str) => "the header key `{key}` was changed on both sides: ours has {ours}, theirs has {theirs}; keep one line between the markers, delete the other and the marker lines";
        found_person_again(id: &str, line: usize) => "person {id:?} is already added on line {line}: if it is the same person make this record event = \"changed\", otherwise give it another id (and its `with` fields)";
        found_person_not_added(event: &str, id: &str) => "person record ({event}) of {id:?}, but no earlier record of this file adds that person (event = \"added\" with a name); correct the id or add the person first";
        found_with_nobody(id: &str) => "with = {id:?} names no person of this file; add them (coltiva person add CUSTOMER \"NAME\") or correct the id";
        found_unknown_kind(kind: &str, tables: &str) => "unknown record kind {kind} (records are {tables})";
        found_did_you_mean(kind: &str) => "; did you mean {kind}?";
        found_unknown_field(field: &str, kind: &str, fields: &str) => "unknown field `{field}` in {kind} (its fields: {fields})";
        found_duplicate_promise(id: &str, line: usize) => "duplicate promise id {id:?} (first used on line {line}); give one of them a new id";
        found_no_such_promise(id: &str) => "resolution of promise {id:?}, but this file has no promise with that id";
        found_resolved_twice(id: &str, first: &str, line: usize) => "promise {id:?} was already resolved as {first} on line {line}; this later resolution is ignored (two people resolved it?)";
        found_shared_promise(id: &str, others: &str) => "promise id {id:?} is also used in {others}; refer to it as CUSTOMER/{id}";
        found_cut_short(finding: &str, id: &str) => "{finding}; the file's last record is incomplete: a write cut short (a crash, a full disk) or a typo; `coltiva repair {id}` moves this record alone to {id}.toml.rej, or fix it by hand with `coltiva edit {id}`";
        found_git_damage(damage: &str) => "git: {damage}: the repository's history is damaged (a crash before git's files reached the disk?); the customer files are not affected. `git fsck --full` lists what is missing; with a remote, clone it again, copy customers/ and coltiva.toml into the clone and commit there";
        found_nul_tail(nuls: usize, id: &str) => "the file ends in {nuls} NUL byte{}, no record: a write whose data never reached the disk (a crash or power loss); `coltiva repair {id}` moves them to {id}.toml.rej and keeps every record before them", if nuls == 1 { "" } else { "s" };
        note_rejected(path: &str) => "note: {path} holds bytes moved aside by `coltiva repair`; review them, copy back what you need, then delete it";
        note_writing(path: &str, pid: u32) => "note: {path} is being written by process {pid} (a coltiva running now)";
        note_leftover(path: &str) => "note: {path} is left over from an interrupted write (its process is gone); it holds nothing the journal needs: delete it (`rm {path}`), or let the next `coltiva add` or `import` remove it";
        note_not_customer(path: &str) => "note: {path} is not a customer file; coltiva ignores it";
        merge_not_utf8(side: &str) => "the {side} version is not valid UTF-8, so its records cannot be told apart";
        merge_does_not_parse(side: &str, error: &str) => "the {side} version does not parse as a customer file ({error})";
        merge_another_customer(side: &str, uids: &str, base_uids: &str) => "the {side} version is another customer than the common version (uid {uids} is not {base_uids}): git paired two different customers' files (one forgotten, one new with a similar file?), so their records were not mixed; the file holds the {side} version";
        merge_header_conflict(key: &str, ours: &str, theirs: &str) => "both sides changed the same lines: the header key `{key}` ({ours} on our side, {theirs} on theirs); keep one between the markers";
        merge_removed(n: usize, records: &str) => "removed {} that one side removed (undo, edit, revert) and the other did not change: {records}", crate::text::count(n as i64, "record");
        merge_resolved_alike(promise: &str, status: &str) => "promise {promise:?} was resolved as {status} on both sides; the merged file keeps the earlier resolution";
        merge_would_not_pass(problem: &str) => "the merged file would not pass `coltiva check`: {problem}";
        merge_already_on_a_side(problem: &str) => "already on a side before this merge (it does not stop the merge; `coltiva check` lists it): {problem}";
        column_mapped_twice(column: &str) => "--map {column}=...: {column} is mapped twice";
        extra_mapped_twice(name: &str) => "--map {name}=...: mapped twice";
        no_such_column(name: &str, theirs: &str, columns: &str) => "--map {name}={theirs}: the file has no column {theirs:?}; its columns are: {columns}";
        id_from_no_column(name: &str, columns: &str) => "--id-from: the file has no column {name:?}; its columns are: {columns}";
        two_columns(column: &str, first: &str, second: &str) => "the header has two {column} columns ({first:?} and {second:?})";
        no_people(name: &str, id: &str) => "{name} ({id}) has no people yet; add one with: coltiva person add {id} \"NAME\"";
        promise_ref_no_customer(text: &str) => "invalid promise reference {text:?}: the customer before '/' is empty";
        bad_promise_id(text: &str, len: usize, alphabet: &str) => "invalid promise id {text:?}: a promise id is up to {len} characters of {alphabet}, optionally as CUSTOMER/ID";
        due_before_made(due: &str, made: &str) => "--due {due} is before the promise was made ({made})";
        until_before_since(until: &str, since: &str) => "--until {until} is before --since {since}";
        id_is_not_an_attribute(new: &str, customer: &str) => "\"id={new}\": a customer's id is the name of its file, not an attribute; rename the customer with `coltiva rename {customer} {new}` (its records, promises and uid follow)";
        not_a_period(problem: &str) => "{problem}; a period word also works: \"this week\", \"last week\", \"this month\", \"last month\", \"settimana scorsa\", \"mese scorso\"";
        editor_unreadable(variable: &str, value: &str, detail: &str) => "{variable} ({value:?}) cannot be read: {detail}";
        editor_empty(variable: &str) => "{variable} is empty";
        editor_not_started(program: &str, error: &str) => "could not start the editor {program:?}: {error}";
        editor_failed(program: &str, status: &str) => "the editor {program:?} failed ({status}); nothing was changed";
        rebase_stopped(root: &str) => "a rebase is stopped half-way in {root} (`git pull --rebase` or `git rebase`): a change written now would be thrown away by `git rebase --abort` and would be in the way of `git rebase --continue`, so nothing was written. Finish the rebase first (`coltiva check` says what is left, then `git rebase --continue`), or abandon it (`git rebase --abort`), then run this again";
        outlook_left_out(detail: &str) => "warning: the outlook figures (p_alive, expected_purchases_90d) are left out: {detail}";
        person_there(person: &str, pid: &str, customer: &str, id: &str) => "{person} ({pid}) is already a person of {customer}; change them with: coltiva person set {id} {pid} …";
        person_id_taken(pid: &str, id: &str) => "--id {pid} is taken in {id}";
        person_same_name(person: &str, pid: &str, customer: &str) => "{person} ({pid}) is already a person of {customer}; to add another person of that name give --id (e.g. --id {pid}-2)";
        person_left(person: &str, pid: &str, customer: &str, day: &str) => "{person} ({pid}) already left {customer} on {day}";
        person_left_before_added(at: &str, person: &str, pid: &str, since: &str) => "--at {at}: {person} ({pid}) was added on {since}, so cannot have left before; give --at {since} or later";
        person_with_left(typed: &str, person: &str, pid: &str, customer: &str, day: &str, id: &str) => "--with {typed}: {person} ({pid}) left {customer} on {day}, and a contact after that is not one with {customer}; for a record of before that day give --at, and if they are back: coltiva person add {id} \"{person}\" --id {pid}";
        promise_due(due: NaiveDate) => "(due {})", self.date(due);
        new_due(due: NaiveDate) => " new due {}", self.date(due);
        pinned_phase(phase: Phase) => "phase {}", self.phase(ShownPhase::Lifecycle(phase));
        phase_since(phase: &str, since: NaiveDate) => "{phase} since {since}";
        late_on_average(days: &str) => ", {days} days late on average";
        late_payments_on_average(days: &str) => "; late payments {days} days late on average";
        outlook_fact(p_alive: &str, expected: &str) => "P(alive) {p_alive}; {expected} purchases expected in the next 90 days (coltiva outlook)";
        show_title(name: &str, as_of: NaiveDate) => "{name} — as of {as_of}";
        rhythm(weeks: usize) => "rhythm ({weeks} weeks)";
        customers_as_of(as_of: NaiveDate) => "Customers as of {as_of}";
        weekly_review(since: NaiveDate, until: NaiveDate, as_of: NaiveDate) => "Weekly review {since} – {until} (as of {as_of})";
        by_key(key: &str) => "By {key}";
        unreadable_files(n: usize) => "Unreadable files: {n} (left out below; exit status 1)";
        outlook_as_of(as_of: NaiveDate) => "Outlook as of {as_of}";
        no_model(detail: &str) => "no model: {detail}";
        added(name: &str, id: &str, path: &str) => "added {name} as {id} ({path})";
        logged(channel: Channel, name: &str, id: &str, day: NaiveDate) => "logged {channel} with {name} ({id}) on {day}";
        ordered(amount: &str, name: &str, id: &str, day: NaiveDate) => "recorded an order of {amount} from {name} ({id}) on {day}";
        promised(promise: &str, by: Party, name: &str, id: &str, due: NaiveDate) => "promise {promise} by {by} to {name} ({id}), due {due}";
        header_updated(name: &str, id: &str, edits: &str) => "updated the header of {name} ({id}): {edits}";
        header_unchanged(name: &str, id: &str) => "{name} ({id}) already says that; nothing changed";
        no_customers_yet(root: &str) => "the journal in {root} has no customers yet: add one with `coltiva add NAME` (or import a CSV file with `coltiva import`)";
        after_today(at: &str, today: NaiveDate) => "{at} is after today ({today}); records describe what already happened";
        commit_failed(why: &str) => "coltiva: warning: the change is saved, but the commit did not complete: {why}";
        forget_needs_yes(name: &str, id: &str) => "forget deletes {name} ({id}) for good; without a terminal to confirm on, add --yes";
        forget_asks(name: &str, id: &str) => "This deletes {name} ({id}) and every record of the relationship, for good.\nType the id ({id}) to confirm: ";
        forget_not_confirmed(name: &str, id: &str) => "not confirmed; {name} ({id}) was kept";
        deleted(path: &str) => "deleted {path}";
        forgot(name: &str, id: &str) => "forgot {name} ({id})";
        nothing_to_repair(id: &str) => "{id}: the file parses; nothing to repair";
        renamed(name: &str, old: &str, new: &str, from: &str, to: &str) => "renamed {name}: {old} is now {new} ({from} → {to}); its records, promises and uid stay as they were";
        same_id(id: &str) => "{id} is already the id of that customer; nothing changed";
        resolved_before_promise(at: NaiveDate, promise: &str, made: NaiveDate) => "--at {at} is before promise {promise} was made ({made})";
        already_resolved(promise: &str, status: ResolutionStatus, on: NaiveDate) => "promise {promise} was already {status} on {on}; nothing was recorded";
        due_before_renegotiation(due: NaiveDate, at: NaiveDate) => "--due {due} is before the renegotiation itself ({at})";
        undo_done(what: &str) => "took back {what}";
        undo_would(what: &str) => "would take back {what}; nothing was changed (run `coltiva undo` to do it):";
        edit_unchanged(file: &str) => "no changes; {file} was left as it was";
        edit_saved(file: &str) => "saved {file}";
        edit_refused(problem: &str, file: &str) => "{problem}\nthe edited file was not saved; {file} keeps its previous version (no terminal to ask whether to edit again)";
        edit_discarded(file: &str) => "{file} keeps its previous version; your edit was discarded";
        journal_created(root: &str) => "created a journal in {root}";
        first_committed(files: &str) => "committed {files}";
        first_commit_failed(why: &str, commands: &str) => "coltiva: warning: the journal is set up, but the first commit failed: {why}\ncommit it yourself: {commands}";
        phase_counts_caption(as_of: NaiveDate) => "As of {as_of}; internal customers are not counted.";
        period_caption(since: NaiveDate, until: NaiveDate) => "From {since} to {until}.";
        timeline_title(since: NaiveDate, until: NaiveDate) => "The last year: {since} to {until}";
        kept_of(kept: u32, total: u32) => "({kept} of {total} kept)";
        with_person(id: &str) => " (with {id})";
        repeat_declined(name: &str, id: &str, earlier: &str) => "not recorded: {name} ({id}) keeps the one it has ({earlier})";
        edit_asks(file: &str) => "(e)dit again, or (r)estore the previous version of {file}? [e/r] ";
        waiting_for_lock(path: &str) => "waiting for another coltiva process writing {path}…";
        percent(rate: f64) => "{:.0}%", rate * 100.0;
        customers_title(n: usize) => "coltiva — {}", count(self, n as i64, Noun::Customer);
        promises_title(n: usize, as_of: NaiveDate) => "coltiva — {} as of {as_of}", count(self, n as i64, Noun::Promise);
        agenda_title(items: usize, as_of: NaiveDate, days: u32) => "coltiva agenda — {} as of {as_of}, {} ahead", count(self, items as i64, Noun::Item), count(self, days, Noun::Day);
        with_a_purchase(customers: usize) => "{} with a purchase", count(self, customers as i64, Noun::Customer);
        outlook_table_title(horizon_days: u32) => "Customers with a purchase: the next {}", count(self, horizon_days, Noun::Day);
        invalid_date(text: &str, problem: DateProblem) => "invalid date {text:?}: {}", problem.english();
        undo_header_edit(file: &str, changes: &[String]) => "the header edit of {file}{}", in_parens(changes, ", ");
        undo_creation(file: &str, name: Option<&str>) => "the creation of {file}{}", in_parens(name.as_slice(), "");
        undo_nothing() => "there is nothing to undo: no write from this machine is recorded since the last undo, import, repair or edit";
        unreadable_left_out(n: usize) => "{} could not be read and {} left out of the output", count(self, n as i64, Noun::CustomerFile), if n == 1 { "is" } else { "are" };
        checked(customers: usize, records: usize, root: &str) => "checked {} and {} in {root}: no problems", count(self, customers as i64, Noun::Customer), count(self, records as i64, Noun::Record);
        check_found(problems: usize, files: usize, customers: usize) => "{problems} {} in {files} {} (of {})", if problems == 1 { "problem" } else { "problems" }, if files == 1 { "file" } else { "files" }, count(self, customers as i64, Noun::Customer);
        past_cadence_note(overdue_days: i64, cadence_days: u32) => "{} over, cadence {cadence_days}", count(self, overdue_days, Noun::Day);
        people_title(n: usize, as_of: NaiveDate) => "coltiva — {} as of {as_of}", count(self, n as i64, Noun::Person);
        contacts_not_added(n: usize) => "{} not added: each is listed with why (give the customer's name as the card's ORG, or set the customer's domain, then import again)", count(self, n as i64, Noun::Contact);
    }

    words! {
        row_empty_cell => "this cell is empty";
        row_no_such_column => "the file has no such column";
        row_promise_needs_due => "a promise needs a due date";
        row_renegotiation_needs_due => "a renegotiation needs the new due date";
        row_only_renegotiated_has_due => "only a renegotiated promise has a new due date";
        row_phase_needs_set => "a phase change needs the phase (potential | new | acquired | partner | lost | auto)";
        row_person_needs_id_or_name => "a person row needs the person's id or name";
        row_added_person_needs_name => "an added person needs a name";
        row_last_order_amount_missing => "the last order's amount is missing";
        row_last_order_day_missing => "the last order's day is missing";
        row_last_order_needs_both => "the last order needs both --map last_order=DAY-COLUMN and --map last_order_amount=AMOUNT-COLUMN";
        row_id_from_empty => "this cell is empty, and --id-from makes the customer id from it";
        row_keep_one_row => "keep one row";
        found_not_utf8 => "the file is not valid UTF-8 (saved in another encoding?); re-save it as UTF-8";
        found_missing_name => "missing `name`: the customer's name";
        found_empty_name => "name must be a non-empty text";
        found_bad_since => "since must be a date like 2024-03-01";
        found_bad_tags => "tags must be a list of texts, like [\"b2b\", \"lombardia\"]";
        found_bad_cadence => "cadence must be a number of days or weeks, like \"30d\" or \"2w\"";
        found_bad_file_name => "not a valid customer id, so coltiva ignores this file; rename it to lower-case letters, digits and dashes (e.g. acme-spa.toml)";
        found_no_value => "no value (removed)";
        merge_removed_value => "removed";
        empty_customer_reference => "a customer reference cannot be empty";
        empty_person_reference => "a person reference cannot be empty";
        empty_summary => "the summary cannot be empty";
        empty_promise => "what was promised cannot be empty";
        person_nothing_to_change => "nothing to change: give --name, --role, --email, --phone, --no-email or --no-phone";
        our_promise => "promise by us";
        their_promise => "promise by them";
        phase_auto => "phase auto";
        outlook_model => "BG/NBD (Fader, Hardie & Lee 2005), maximum likelihood";
        committed_detached => "coltiva: note: committed on a detached HEAD (no branch is checked out): the commit is on no branch, and `git switch` to a branch leaves it behind; keep it with `git switch -c NEW-BRANCH`, or `git switch main` and `git cherry-pick` it";
        rej_ignored => "added the .rej files of `coltiva repair` to .gitignore: they stay in this clone";
        autocommit_turned_on => "turned autocommit on in coltiva.toml: every write is committed";
        footer => "Written by coltiva. Every figure is also in the JSON of the same command (--format json).";
        standard_input => "standard input";
        import_progress => "importing {bar:30} {pos}/{len} customers ({eta} left)";
    }
}
