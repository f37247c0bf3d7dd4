//! German, as a firm in Südtirol, Austria, Switzerland or Germany writes it: dates as
//! 23.11.2026, "Zusage" for a promise (feminine: "eingehalten", "überfällig"), counts that
//! agree in number ("1 Tag", "3 Tage").

use chrono::NaiveDate;

use super::{Catalogue, Label, Noun, PhaseMoves, count, in_parens};
use crate::dates::{DateOrder, DateProblem};
use crate::error::{
    Advice, BadId, Doing, FileKind, GitStep, IdFix, MAX_ID_LEN, ReferenceError, Sentence,
};
use crate::git::InProgress;
use crate::metrics::phase::{PhaseAssessment, PhaseRule, ShownPhase};
use crate::metrics::promises::PromiseStatus;
use crate::model::SCHEMA;
use crate::model::{Amount, MoneyStyle};
use crate::model::{
    AmountError, AmountProblem, Channel, DecimalMark, Direction, Kind, Party, Phase,
    ResolutionStatus, Table,
};

pub struct German;

impl German {
    fn day(&self, d: Option<NaiveDate>) -> String {
        d.map_or_else(|| "?".to_string(), |d| self.date(d))
    }

    /// "in 3 Tagen", "vor 1 Tag": the dative plural of Tag after "in" and "vor".
    fn days_dative(n: i64) -> String {
        if n == 1 || n == -1 {
            format!("{n} Tag")
        } else {
            format!("{n} Tagen")
        }
    }
}

/// What git was asked to do, as a noun after "beim"/"zum": "Anlegen eines Repositorys".
fn git_step(step: GitStep) -> &'static str {
    match step {
        GitStep::CreateRepository => "Anlegen eines Repositorys",
        GitStep::ReadIgnoreRules => "Lesen der Regeln von .gitignore",
        GitStep::Stage => "Vormerken der geänderten Dateien",
        GitStep::Commit => "Committen",
        GitStep::ReadStatus => "Lesen des Status",
        GitStep::RegisterDriver => "Registrieren des Merge-Treibers",
        GitStep::SetPullRebase => "Setzen von pull.rebase",
    }
}

/// "ein Ordner", "eine Sonderdatei": what a path is instead, in the nominative.
fn file_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Fifo => "eine benannte Pipe (FIFO)",
        FileKind::Socket => "ein Socket",
        FileKind::Device => "ein Gerät",
        FileKind::Symlink => "ein symbolischer Link",
        FileKind::Folder => "ein Ordner",
        FileKind::File => "eine reguläre Datei",
        FileKind::Other => "eine Sonderdatei",
    }
}

/// What to do about a failed write: a clause the sentence goes on from.
fn what_to_do(advice: Advice) -> &'static str {
    match advice {
        Advice::FreeSpace => "schaffen Sie Platz auf dem Datenträger",
        Advice::CheckDisk => {
            "prüfen Sie den Datenträger (ist er voll, schreibgeschützt oder defekt?)"
        }
    }
}

/// Why a text is no customer id (a refused id, and an import row's).
fn bad_id(bad: &BadId) -> String {
    match bad {
        BadId::Malformed(id) => format!(
            "ungültige Kunden-ID {id:?}: verwenden Sie 1 bis {MAX_ID_LEN} Kleinbuchstaben, Ziffern und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer"
        ),
        BadId::Reserved(id) => format!(
            "die ID {id:?} ist unter Windows ein reservierter Gerätename; ein Klon des Journals könnte die Datei dort nicht anlegen"
        ),
    }
}

/// Where to give another id.
fn id_fix(fix: IdFix) -> &'static str {
    match fix {
        IdFix::WithId => "wählen Sie mit --id eine andere",
        IdFix::NewId => "wählen Sie eine andere neue ID",
    }
}

impl Catalogue for German {
    fn date(&self, day: NaiveDate) -> String {
        day.format("%d.%m.%Y").to_string()
    }

    fn day_month(&self, day: NaiveDate) -> String {
        day.format("%d.%m.").to_string()
    }

    fn month(&self, month0: u32) -> &'static str {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
        ];
        MONTHS[month0 as usize % 12]
    }

    fn label(&self, label: Label) -> &'static str {
        use Label::*;
        match label {
            Id => "id",
            Name => "Name",
            Kind => "Art",
            Phase => "Phase",
            Orders => "Aufträge",
            Total => "Summe",
            LastContact => "letzter Kontakt",
            LastOrder => "letzter Auftrag",
            Days => "Tage",
            DueIn => "wann",
            DaysSince => "Tage ohne Kontakt",
            File => "Datei",
            Line => "Zeile",
            Problem => "Problem",
            Fix => "Abhilfe",
            Cadence => "Turnus",
            Overdue => "überfällig",
            KeptUs => "eingehalten wir",
            KeptThem => "eingehalten sie",
            Promise => "Zusage",
            Customer => "Kunde",
            By => "wer",
            What => "was",
            Made => "gegeben am",
            Due => "fällig",
            Status => "Stand",
            Resolved => "erledigt am",
            Since => "Kunde seit",
            Tags => "Schlagwörter",
            Because => "weil",
            Contacts => "Kontakte",
            OurPromises => "unsere Zusagen",
            TheirPromises => "ihre Zusagen",
            TheirPayments => "ihre Zahlungen",
            Day => "Tag",
            From => "von",
            To => "nach",
            Rule => "Regel",
            Note => "Notiz",
            At => "wann",
            Details => "Einzelheiten",
            ThisPeriod => "dieser Zeitraum",
            Counts => "Anzahlen",
            Last90Days => "letzte 90 Tage",
            Counts90Days => "Anzahlen (90 Tage)",
            Channel => "Kanal",
            Customers => "Kunden",
            OverduePromises => "überfällige Zusagen",
            DueNext7Days => "fällig in den nächsten 7 Tagen",
            PastTheirCadence => "über ihrem Turnus",
            Outlook => "Ausblick",
            When => "wann",
            Do => "zu tun",
            Value => "Wert",
            CustomersTitle => "Kunden",
            PromisesTitle => "Zusagen",
            AgendaTitle => "Aufgaben",
            PhaseTimeline => "Verlauf der Phasen",
            OpenPromises => "Offene Zusagen",
            KeptRates => "Eingehaltene Zusagen (im Zeitraum fällige Zusagen)",
            PastCadenceTitle => "Über ihrem Turnus (die überfälligsten zuerst)",
            CustomersByPhase => "Kunden nach Phase",
            LostWorthACall => {
                "Verlorene Kunden, die einen Anruf wert sind (größte Auftragssumme zuerst)"
            }
            ContactsInPeriod => "Kontakte im Zeitraum",
            OverdueOursFirst => "Überfällige Zusagen (unsere zuerst)",
            DueSoonOursFirst => "Fällig in den nächsten 7 Tagen (unsere zuerst)",
            ResolvedInPeriod => "Im Zeitraum erledigt",
            SlippingAway => {
                "Kunden auf dem Absprung: noch nicht verloren, P(aktiv) unter 50 % (größter Einsatz zuerst)"
            }
            SlippingNoModel => {
                "Kunden auf dem Absprung: noch kein Prognosemodell für dieses Journal (siehe `coltiva outlook`)"
            }
            LastPurchase => "letzter Kauf",
            PAlive => "P(aktiv)",
            AtStake => "im Spiel (90 Tage)",
            NoneSlipping => "kein Kunde auf dem Absprung",
            Model => "Modell",
            FittedTo => "geschätzt auf",
            AlphaDays => "alpha (Tage)",
            LogLikelihood => "Log-Likelihood",
            HorizonDays => "Horizont (Tage)",
            Repeat => "Wiederkäufe",
            FirstToLast => "erster→letzter",
            FirstToToday => "erster→heute",
            Expected => "erwartet",
            DaysBetween => "Tage zwischen Käufen",
            Average => "Durchschnitt",
            NoCustomerWithAPurchase => "kein Kunde mit einem Kauf",
            OrderTotal => "Auftragssumme",
            KeptUsParen => "eingehalten (wir)",
            KeptThemParen => "eingehalten (sie)",
            KeptUs90 => "eingehalten (wir, 90 Tage)",
            KeptThem90 => "eingehalten (sie, 90 Tage)",
            PastCadence => "über Turnus",
            ContactsPerWeek => "Kontakte pro Woche, letzte 12 Wochen, nach Kanal",
            KeptPerMonth => "Eingehaltene Zusagen pro Monat, letzte 12 Monate",
            PhaseMovesTitle => "Phasenwechsel im Zeitraum",
            PastCadenceChart => "Über ihrem Turnus",
            NoCustomers => "keine Kunden",
            NoCustomersMatch => "kein Kunde passt",
            NoPromises => "keine Zusagen",
            NoPromisesMatch => "keine Zusage passt",
            NoPhaseYet => "noch keine Phase",
            InternalNoPhase => "ein interner Kunde hat keine Phase im Lebenszyklus",
            NoRecordsYet => "noch keine Einträge",
            NoOpenPromises => "keine offenen Zusagen",
            EveryoneHeard => "alle haben rechtzeitig von Ihnen gehört",
            NoPhaseChanges => "keine Phasenwechsel",
            NoLostCustomers => "keine verlorenen Kunden",
            NoOverduePromises => "keine überfälligen Zusagen",
            NothingDueIn7Days => "nichts fällig in den nächsten 7 Tagen",
            NoneResolved => "keine Zusage im Zeitraum erledigt",
            NothingToDo => "nichts zu tun",
            NothingDue => {
                "nichts fällig: keine Zusage einzuhalten oder nachzufassen, kein Kunde zu kontaktieren"
            }
            Us => "wir",
            Them => "sie",
            UsInternal => "wir (intern)",
            ThemInternal => "sie (intern)",
            WonBack => "zurückgewonnen",
            Keep => "einhalten",
            Chase => "nachfassen",
            ContactCustomer => "kontaktieren",
            ContactMark => "Kontakt",
            Order => "Auftrag",
            NewCustomers => "neue Kunden",
            Acquired => "gewonnen",
            Lost => "verloren",
            WonBackBar => "zurückgewonnen",
            Partner => "Partner",
            Other => "andere",
            People => "Personen",
            Person => "Person",
            Role => "Rolle",
            Email => "E-Mail",
            Phone => "Telefon",
            Left => "ausgeschieden",
            NoPeople => "keine Personen",
            AtRisk => "gefährdet",
            AccountsAtRisk => "Gefährdete Kunden",
            NoAccountAtRisk => "kein Kunde gefährdet",
            Why => "warum",
            Whom => "wen",
            SearchTitle => "Suche",
            Text => "Text",
            NoMatches => "keine Treffer",
            MailTitle => "Nachrichten",
            Subject => "Betreff",
            Outcome => "Ergebnis",
            Logged => "erfasst",
            AlreadyLogged => "schon erfasst",
            WouldLog => "würde erfassen",
            NotLogged => "nicht erfasst",
            Skipped => "übersprungen",
            NoMessages => "keine Nachrichten",
            ContactsTitle => "Kontakte",
            Org => "Firma",
            Added => "hinzugefügt",
            WouldAdd => "würde hinzufügen",
            AlreadyThere => "schon da",
            NotAdded => "nicht hinzugefügt",
            NoContacts => "keine Kontakte",
        }
    }

    fn nouns(&self, noun: Noun) -> (&'static str, &'static str) {
        use Noun::*;
        match noun {
            Day => ("Tag", "Tage"),
            Week => ("Woche", "Wochen"),
            Customer => ("Kunde", "Kunden"),
            InternalCustomer => ("interner Kunde", "interne Kunden"),
            Promise => ("Zusage", "Zusagen"),
            Record => ("Eintrag", "Einträge"),
            Contact => ("Kontakt", "Kontakte"),
            Item => ("Aufgabe", "Aufgaben"),
            CustomerFile => ("Kundendatei", "Kundendateien"),
            Person => ("Person", "Personen"),
            Match => ("Treffer", "Treffer"),
            Message => ("Nachricht", "Nachrichten"),
        }
    }

    fn phase(&self, phase: ShownPhase) -> &'static str {
        match phase {
            ShownPhase::Internal => "intern",
            ShownPhase::Lifecycle(p) => match p {
                Phase::Potential => "potenziell",
                Phase::New => "neu",
                Phase::Acquired => "gewonnen",
                Phase::Partner => "Partner",
                Phase::Lost => "verloren",
            },
        }
    }

    fn kind(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::External => "extern",
            Kind::Internal => "intern",
        }
    }

    fn channel(&self, channel: Channel) -> &'static str {
        match channel {
            Channel::Call => "Anruf",
            Channel::Email => "E-Mail",
            Channel::Meeting => "Besprechung",
            Channel::Visit => "Besuch",
            Channel::Message => "Nachricht",
            Channel::Note => "Notiz",
        }
    }

    fn direction(&self, direction: Direction) -> &'static str {
        match direction {
            Direction::In => "eingehend",
            Direction::Out => "ausgehend",
        }
    }

    fn party(&self, party: Party) -> &'static str {
        match party {
            Party::Us => "wir",
            Party::Them => "sie",
        }
    }

    fn status(&self, status: PromiseStatus, _plural: bool) -> &'static str {
        // Participles and adjectives after a number do not change in German: "1 eingehalten",
        // "3 eingehalten".
        match status {
            PromiseStatus::Kept => "eingehalten",
            PromiseStatus::Late => "verspätet",
            PromiseStatus::Broken => "gebrochen",
            PromiseStatus::Overdue => "überfällig",
            PromiseStatus::Open => "offen",
            PromiseStatus::Cancelled => "storniert",
        }
    }

    fn resolution(&self, status: ResolutionStatus) -> &'static str {
        match status {
            ResolutionStatus::Kept => "eingehalten",
            ResolutionStatus::Broken => "gebrochen",
            ResolutionStatus::Renegotiated => "neu vereinbart",
            ResolutionStatus::Cancelled => "storniert",
        }
    }

    fn rule(&self, rule: PhaseRule) -> &'static str {
        match rule {
            PhaseRule::Pinned => "festgelegt",
            PhaseRule::NoOrder => "kein Auftrag",
            PhaseRule::Lost => "verloren",
            PhaseRule::New => "neu",
            PhaseRule::Acquired => "gewonnen",
            PhaseRule::Internal => "intern",
        }
    }

    fn cadence_source(&self, source: &str) -> String {
        match source.split_once(':') {
            Some(("tag", tag)) => format!("Schlagwort {tag}"),
            Some(("phase", phase)) => match phase.parse::<Phase>() {
                Ok(p) => format!("Phase {}", self.phase(ShownPhase::Lifecycle(p))),
                Err(_) => format!("Phase {phase}"),
            },
            _ => match source {
                "default" => "Standard",
                "customer" => "des Kunden",
                other => other,
            }
            .to_string(),
        }
    }

    fn phase_receipt(&self, a: &PhaseAssessment, new_days: u32, lost_days: u32) -> String {
        let as_of = self.date(a.as_of);
        match a.rule {
            PhaseRule::Pinned => {
                let mut s = format!("festgelegt am {}", self.day(a.pin_day));
                if let Some(reason) = a.pin_reason.as_deref().filter(|r| !r.trim().is_empty()) {
                    s.push_str(": ");
                    s.push_str(reason.trim());
                }
                s
            }
            PhaseRule::NoOrder => format!("kein Auftrag bis zum {as_of}"),
            PhaseRule::Internal => {
                "interner Kunde: Kollegen und Vertreter haben keine Phase im Lebenszyklus"
                    .to_string()
            }
            PhaseRule::Lost => format!(
                "der letzte Auftrag vom {} liegt mehr als {lost_days} Tage vor dem {as_of}",
                self.day(a.last_order),
            ),
            PhaseRule::New => format!(
                "der erste Auftrag vom {} liegt innerhalb von {new_days} Tagen vor dem {as_of}",
                self.day(a.first_order),
            ),
            PhaseRule::Acquired => format!(
                "der erste Auftrag vom {} liegt mehr als {new_days} Tage zurück, der letzte vom {} innerhalb von {lost_days} Tagen",
                self.day(a.first_order),
                self.day(a.last_order),
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
        match (first, last) {
            (Some(first), Some(last)) => format!(
                "{n} über insgesamt {total} (der erste am {}, der letzte am {})",
                self.date(first),
                self.date(last)
            ),
            _ => format!("{n} über insgesamt {total}"),
        }
    }

    fn last_contact(&self, day: Option<NaiveDate>, days: Option<i64>) -> String {
        match (day, days) {
            (Some(day), Some(0)) => format!("{} (heute)", self.date(day)),
            (Some(day), Some(days)) => {
                format!("{} (vor {})", self.date(day), German::days_dative(days))
            }
            (None, Some(days)) => format!("nie ({} seit Beginn)", count(self, days, Noun::Day)),
            _ => "nie".into(),
        }
    }

    fn cadence(&self, days: u32, source: &str, overdue_days: i64) -> String {
        let state = if overdue_days > 0 {
            format!("{} überfällig", count(self, overdue_days, Noun::Day))
        } else {
            "im Turnus".into()
        };
        let every = if days == 1 {
            "jeden Tag".to_string()
        } else {
            format!("alle {days} Tage")
        };
        format!("{every} ({source}); {state}")
    }

    fn contact_days(&self, days: u32, mean_gap: &str, longest: &str) -> String {
        format!(
            "{} mit Kontakt; mittlerer Abstand {mean_gap} Tage, längster {longest}",
            count(self, days, Noun::Day)
        )
    }

    fn records_title(&self, shown: usize, total: usize) -> String {
        if shown < total {
            format!("Letzte {shown} von {total} Einträgen (--all für alle)")
        } else {
            format!("Einträge ({total})")
        }
    }

    fn due_in(&self, days: i64) -> String {
        match days.cmp(&0) {
            std::cmp::Ordering::Equal => "heute".into(),
            std::cmp::Ordering::Greater => format!("in {}", German::days_dative(days)),
            std::cmp::Ordering::Less => {
                format!("seit {} überfällig", German::days_dative(-days))
            }
        }
    }

    fn due_by(&self, day: Option<NaiveDate>) -> String {
        match day {
            Some(day) => format!("Fällig bis {}", self.date(day)),
            None => "Fällig bis ans Ende der Zeit".into(),
        }
    }

    fn when(&self, days: i64) -> String {
        match days.cmp(&0) {
            std::cmp::Ordering::Less => format!("vor {}", German::days_dative(-days)),
            _ => self.due_in(days),
        }
    }

    fn agenda_contact(&self, last: Option<NaiveDate>, cadence_days: u32) -> String {
        let every = if cadence_days == 1 {
            "jeden Tag".to_string()
        } else {
            format!("alle {cadence_days} Tage")
        };
        match last {
            Some(day) => format!("letzter Kontakt {}, {every}", self.date(day)),
            None => format!("noch kein Kontakt, {every}"),
        }
    }

    fn customers_by_phase_internal(&self, internal: u32) -> String {
        format!(
            "Kunden nach Phase (extern; {} nicht gezählt)",
            count(self, internal, Noun::InternalCustomer)
        )
    }

    fn phase_changes(&self, m: &PhaseMoves) -> String {
        let mut title = format!(
            "Phasenwechsel im Zeitraum: {} neu, {} gewonnen, {} verloren, {} zurückgewonnen",
            m.new_customers, m.acquisitions, m.losses, m.win_backs
        );
        if m.partners > 0 {
            title.push_str(&format!(", {} Partner", m.partners));
        }
        if m.other > 0 {
            title.push_str(&format!(", {} andere", m.other));
        }
        title
    }

    fn by_key(&self, key: &str) -> String {
        match key {
            "tag" => "Nach Schlagwort".into(),
            key => format!("Nach {key}"),
        }
    }

    fn too_little_history(
        &self,
        customers: usize,
        repeat: usize,
        min: usize,
        min_repeat: usize,
    ) -> String {
        format!(
            "zu wenig Kaufgeschichte, um das Modell zu schätzen: {} mit einem Kauf und {repeat}, die an zwei oder mehr Tagen gekauft {}; nötig sind mindestens {min} und {min_repeat}",
            count(self, customers as i64, Noun::Customer),
            if repeat == 1 { "hat" } else { "haben" }
        )
    }

    fn promised(&self, promise: &str, by: Party, name: &str, id: &str, due: NaiveDate) -> String {
        let whose = match by {
            Party::Us => "unsere",
            Party::Them => "ihre",
        };
        format!(
            "Zusage {promise} ({whose}) mit {name} ({id}), fällig {}",
            self.date(due)
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
            (ResolutionStatus::Renegotiated, Some(due)) => {
                format!("neu vereinbart auf {}", self.date(due))
            }
            _ => self.resolution(status).to_string(),
        };
        format!("Zusage {promise} ({name}) am {} {what}", self.date(day))
    }

    fn phase_set(&self, name: &str, id: &str, pin: Option<Phase>, day: NaiveDate) -> String {
        match pin {
            Some(p) => format!(
                "{name} ({id}) ab {} als {} festgelegt",
                self.date(day),
                self.phase(ShownPhase::Lifecycle(p))
            ),
            None => format!(
                "{name} ({id}) kehrt ab {} zur berechneten Phase zurück",
                self.date(day)
            ),
        }
    }

    fn invalid_date(&self, text: &str, problem: DateProblem) -> String {
        let why = match problem {
            DateProblem::Unknown(order) => {
                let slashes = match order {
                    DateOrder::Dmy => "20.11.2026, 20/11/2026, ",
                    DateOrder::Mdy => "11/20/2026, ",
                    DateOrder::Ymd => "",
                };
                format!(
                    "verwenden Sie {slashes}JJJJ-MM-TT, JJJJ-MM-TTTHH:MM, heute, gestern, morgen, \
                     übermorgen, vorgestern, Freitag, nächsten Montag, 15. Januar, in zwei \
                     Tagen, vor drei Tagen, bis Freitag, Monatsende, +3d oder -2w"
                )
            }
            DateProblem::OutOfRange => "außerhalb des Datumsbereichs".into(),
            DateProblem::NotACalendarDate => "kein Kalenderdatum".into(),
            DateProblem::NotATimeOfDay => "keine gültige Uhrzeit".into(),
            DateProblem::NotAnOffset => "kein gültiger UTC-Versatz".into(),
            DateProblem::NotRepresentable => "kein darstellbarer Zeitpunkt".into(),
            DateProblem::SlashShape => {
                "schreiben Sie ein Datum als 20.11.2026, 20.11., 20/11/2026 oder 20/11".into()
            }
            DateProblem::TwoDigitYear => "schreiben Sie das Jahr vierstellig (20.11.2026)".into(),
            DateProblem::NoSlashOrder => "dieses Journal liest keine Daten mit Punkten oder \
                 Schrägstrichen; schreiben Sie JJJJ-MM-TT oder setzen Sie date_order = \"dmy\" \
                 unter [locale] in coltiva.toml"
                .into(),
            DateProblem::Unsigned => {
                "schreiben Sie +N, um vorwärts, oder -N, um rückwärts zu zählen (z. B. +3d, -3d)"
                    .into()
            }
        };
        format!("ungültiges Datum {text:?}: {why}")
    }

    fn invalid_amount(&self, e: &AmountError) -> String {
        let mark = e.mark;
        let example = mark.example();
        let (decimals, thousands) = match mark {
            DecimalMark::Comma => ("ein Komma", "einen Punkt"),
            DecimalMark::Dot => ("einen Punkt", "ein Komma"),
        };
        let why = match &e.problem {
            AmountProblem::NotANumber => format!("erwartet wird eine Zahl wie {example}"),
            AmountProblem::TwoDecimalMarks => {
                format!("mehr als ein Dezimalzeichen; schreiben Sie eine Zahl wie {example}")
            }
            AmountProblem::MarksSwapped => format!(
                "in diesem Journal nehmen Dezimalstellen {decimals} und Tausender {thousands}, z. B. {}",
                mark.grouped_example()
            ),
            AmountProblem::OtherMark => format!(
                "in diesem Journal nehmen Dezimalstellen {decimals}, z. B. {example}; Tausender nehmen {thousands} und je drei Ziffern"
            ),
            AmountProblem::TwoWays {
                thousands,
                decimal,
                grouped,
            } => format!(
                "das lässt sich zweifach lesen, {thousands} oder {decimal}; schreiben Sie {thousands} (oder {grouped}) oder {decimal}"
            ),
            AmountProblem::TooManyDecimals => "höchstens zwei Nachkommastellen (Cent)".into(),
            AmountProblem::TooLarge => "zu groß".into(),
        };
        format!("ungültiger Betrag {:?}: {why}", e.text)
    }

    fn after_today(&self, at: &str, today: NaiveDate) -> String {
        format!(
            "{at} liegt nach heute ({}); Einträge beschreiben, was schon geschehen ist",
            self.date(today)
        )
    }

    fn bad_reference(&self, r: &ReferenceError) -> String {
        // The noun's gender decides the adjective's ending.
        let (what, unknown) = match r.what {
            "promise" => ("Zusage", "unbekannte"),
            "person" => ("Person", "unbekannte"),
            "customer" => ("Kunde", "unbekannter"),
            other => (other, "unbekannt:"),
        };
        let list = r.candidates.join(", ");
        match (r.ambiguous, r.candidates.is_empty()) {
            (true, _) => format!(
                "{what} {:?} ist nicht eindeutig; passt auf: {list}",
                r.query
            ),
            (false, true) => format!("{unknown} {what} {:?}", r.query),
            (false, false) => format!("{unknown} {what} {:?}; meinten Sie: {list}", r.query),
        }
    }

    fn not_committed(&self, files: &str, op: InProgress, commit: &str) -> String {
        let (finish, abort) = op.commands();
        let rebase = op == InProgress::Rebase;
        let op = match op {
            InProgress::Merge => "ein Merge (`git merge` oder `git pull`)",
            InProgress::Rebase => "ein Rebase (`git rebase` oder `git pull --rebase`)",
            InProgress::CherryPick => "ein Cherry-Pick",
            InProgress::Revert => "ein Revert",
        };
        let abort = if rebase {
            format!("Vorsicht: {abort} würde sie verwerfen")
        } else {
            format!("{abort} behält sie")
        };
        format!(
            "coltiva: die Änderung ist in {files} gespeichert, aber nicht committet: in diesem Repository läuft {op}. Sie bleibt im Arbeitsverzeichnis, nicht vorgemerkt ({abort}); löst sie eine Konfliktdatei, `git add {files}` und `{finish}`; sonst, wenn das erledigt ist, committen: {commit}"
        )
    }

    fn forget_history(&self, file: &str) -> String {
        format!(
            "Hinweis: das Journal ist ein git-Repository, seine Geschichte (und jeder Klon) enthält also noch {file}.\n\
             Die Löschung committen (git rm {file}; git commit), dann die Geschichte umschreiben, um sie zu tilgen:\n  \
             git filter-repo --invert-paths --path {file}\n\
             und force-pushen; alle mit einem Klon bitten, neu zu klonen."
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
                "NUL-Bytes ab Zeile {from_line}, kein Eintrag: ein Schreibvorgang, dessen Daten nie die Platte erreichten"
            ),
            1 => format!("1 Eintrag ab Zeile {from_line}"),
            n => format!("{n} Einträge ab Zeile {from_line}"),
        };
        format!(
            "{id} repariert: {bytes} Bytes ({what}) nach {rej} verschoben\nder Rest der Datei ist unberührt und lesbar; aus der .rej-Datei zurückkopieren, was bleiben soll"
        )
    }

    fn already_resolved(&self, promise: &str, status: ResolutionStatus, on: NaiveDate) -> String {
        format!(
            "die Zusage {promise} wurde schon am {} {}; nichts eingetragen",
            self.date(on),
            self.resolution(status)
        )
    }

    fn undo_appended(&self, file: &str, many: bool, records: &[String]) -> String {
        let records = in_parens(records, "; ");
        match many {
            true => format!("die an {file} angehängten Einträge{records}"),
            false => format!("der an {file} angehängte Eintrag{records}"),
        }
    }

    fn undo_refused(&self, what: &str, gone: bool, id: &str) -> String {
        let why = match gone {
            true => "die Datei gibt es nicht mehr",
            false => {
                "die Datei wurde nach diesem Schreibvorgang geändert (ein anderer Schreibvorgang oder eine Bearbeitung)"
            }
        };
        format!(
            "kann nicht rückgängig machen: {what}: {why}; nichts wurde geändert (ansehen mit `coltiva show {id}`, korrigieren mit `coltiva edit {id}`)"
        )
    }

    fn repeated(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String {
        // Article and pronoun agree with the record: denselben Auftrag … ihn; dieselbe
        // Zusage … sie.
        let (what, it) = match kind {
            Table::Order => ("denselben Auftrag", "ihn"),
            Table::Promise => ("dieselbe Zusage", "sie"),
            _ => ("denselben Kontakt", "ihn"),
        };
        format!(
            "{name} ({id}) hat an diesem Tag schon {what} ({earlier}); nichts eingetragen. Nochmals eingetragen würde {it} doppelt gezählt: wenn das gewollt ist, --again angeben"
        )
    }

    fn unreadable_left_out(&self, n: usize) -> String {
        match n {
            1 => "1 Kundendatei ist nicht lesbar und fehlt in der Ausgabe".to_string(),
            n => format!("{n} Kundendateien sind nicht lesbar und fehlen in der Ausgabe"),
        }
    }

    fn already_a_journal(&self, root: &str, locale: Option<&str>) -> String {
        match locale {
            Some(name) => format!(
                "{root} ist schon ein Journal; seine Einstellungen bleiben unverändert (für --locale {name} eine [locale]-Tabelle in seine coltiva.toml schreiben: siehe docs/FORMAT.md)"
            ),
            None => {
                format!("{root} ist schon ein Journal; seine Einstellungen bleiben unverändert")
            }
        }
    }

    fn repository_created(&self, root: &str, inside: Option<&str>) -> String {
        match inside {
            Some(top) => format!(
                "eigenes git-Repository in {root} angelegt (der Ordner liegt im Repository unter {top}, das coltiva nicht anrührt)"
            ),
            None => format!("git-Repository in {root} angelegt"),
        }
    }

    fn git_set_up(&self, written: bool) -> &'static str {
        if written {
            "für git eingerichtet: Kundendateien werden Eintrag für Eintrag mit dem Merge-Treiber von coltiva zusammengeführt (.gitattributes), lokale Dateien ignoriert (.gitignore)"
        } else {
            "Merge-Treiber von coltiva für Kundendateien in diesem Klon registriert"
        }
    }

    fn record_kinds(&self, kind: Table) -> (&'static str, &'static str) {
        match kind {
            Table::Interaction => ("Kontakt", "Kontakte"),
            Table::Order => ("Auftrag", "Aufträge"),
            Table::Promise => ("Zusage", "Zusagen"),
            Table::Resolution => ("Erledigung", "Erledigungen"),
            Table::Phase => ("Phasenwechsel", "Phasenwechsel"),
            Table::Person => ("Personeneintrag", "Personeneinträge"),
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
        let clients = count(self, customers as i64, Noun::Customer);
        let what = if kinds.is_empty() {
            format!("{clients} ({new} neu) ohne Einträge")
        } else {
            let records: usize = kinds.iter().map(|(_, n)| n).sum();
            format!(
                "{} ({}) für {clients} ({new} neu)",
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
            1 => "; 1 Zeile war schon im Journal".to_string(),
            n => format!("; {n} Zeilen waren schon im Journal"),
        };
        format!("{what} aus {from} importiert{already}")
    }

    fn contacts_caption(&self, total: u32, span: Option<(NaiveDate, NaiveDate)>) -> String {
        match span {
            Some((since, until)) => format!(
                "{} vom {} bis {}, in Wochen zu sieben Tagen, benannt nach ihrem letzten Tag; jeder Kanal hat sein eigenes Muster.",
                count(self, total, Noun::Contact),
                self.date(since),
                self.date(until)
            ),
            None => "Keine Wochen zu zeigen.".into(),
        }
    }

    fn kept_rates_caption(&self) -> &'static str {
        "Eingehalten ÷ (eingehalten + verspätet + gebrochen + überfällig) unter den in jedem \
         Monat fälligen Zusagen der externen Kunden; unsere als Punkte auf einer durchgezogenen \
         Linie, ihre als Quadrate auf einer gestrichelten Linie; ein Monat ohne solche Zusagen \
         hat keinen Punkt."
    }

    fn phase_counts_caption(&self, as_of: NaiveDate) -> String {
        format!(
            "Stand {}; interne Kunden werden nicht gezählt.",
            self.date(as_of)
        )
    }

    fn past_cadence_caption(&self, drawn: usize, all: usize) -> String {
        let mut text = "Tage seit dem letzten Kontakt; der gestrichelte Strich ist der Turnus, der schraffierte Teil die Tage darüber.".to_string();
        if all > drawn {
            text.push_str(&format!(
                " Die {drawn} überfälligsten von {all}; die Tabelle nennt alle."
            ));
        }
        text
    }

    fn timeline_caption(&self) -> &'static str {
        "Oben die Phasen; darunter Kontakte (Punkte, größer bei mehreren an einem Tag), Aufträge \
         (Rauten) und Zusagen vom Tag, an dem sie gegeben wurden, bis zum Tag, an dem sie \
         entschieden oder fällig sind: eingehalten (Punkt), verspätet (Dreieck), gebrochen \
         (Kreuz), offen (Ring), überfällig (Quadrat), storniert (Strich)."
    }

    fn at_risk(&self, risk: &crate::metrics::people::Risk) -> String {
        use crate::metrics::people::Risk;
        match risk {
            Risk::EveryoneLeft => "alle Personen sind ausgeschieden".into(),
            Risk::RestsOnOne {
                person_name: Some(name),
                ..
            } => format!("hängt allein an {name}"),
            Risk::RestsOnOne {
                person_name: None, ..
            } => "niemand, mit dem gesprochen wurde, ist noch da".into(),
        }
    }

    fn person_line(&self, p: &crate::model::Person) -> (String, String) {
        let event = match p.event {
            crate::model::PersonEvent::Added => "Person hinzugefügt",
            crate::model::PersonEvent::Changed => "Person geändert",
            crate::model::PersonEvent::Left => "Person ausgeschieden",
        };
        (event.into(), p.summary("Rolle entfernt"))
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
        let day = self.date(day);
        match event {
            Added => format!("{person} ({pid}) zu {name} ({id}) hinzugefügt am {day}"),
            Changed => format!("{person} ({pid}) bei {name} ({id}) geändert am {day}"),
            Left => format!("{person} ({pid}) ist am {day} bei {name} ({id}) ausgeschieden"),
        }
    }

    fn rule_broken(&self, r: &crate::error::RuleBroken) -> String {
        use crate::error::RuleBroken::*;
        match r {
            CustomerName => "ein Kundenname braucht sichtbare Zeichen und keine Steuerzeichen (Zeilenumbrüche, Tabulatoren)".into(),
            Tag { text } => format!(
                "ungültiges Schlagwort {text:?}: ein Schlagwort braucht sichtbare Zeichen und keine Steuerzeichen"
            ),
            AttributeKey { context } => format!(
                "{context}: der Schlüssel eines Attributs besteht aus Buchstaben, Ziffern, _ und - (Buchstaben mit Umlaut oder Akzent werden ohne geschrieben: größe ist grosse)"
            ),
            OwnKey { context, key } => format!(
                "{context}: {key} hat eine eigene Option oder lässt sich so nicht setzen"
            ),
            AttributePair { pair } => format!(
                "--set {pair:?}: erwartet SCHLÜSSEL=WERT, z. B. gebiet=Bozen"
            ),
            AttributeIsId { pair } => format!(
                "--set {pair:?}: die ID eines Kunden ist der Name seiner Datei, kein Attribut; geben Sie sie mit --id an"
            ),
            AttributeValue { context } => format!(
                "{context}: der Wert eines Attributs ist eine Textzeile ohne Steuerzeichen (Zeilenumbrüche, Tabulatoren, Escape-Sequenzen); schreiben Sie ihn in eine Zeile"
            ),
            PersonId { id } => format!(
                "ungültige Personen-ID {id:?}: verwenden Sie 1 bis 64 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben oder einer Ziffer"
            ),
            PersonName => "der Name einer Person braucht sichtbare Zeichen und keine Steuerzeichen (Zeilenumbrüche, Tabulatoren)".into(),
            Role { text } => format!(
                "ungültige Rolle {text:?}: eine Zeile, keine Steuerzeichen"
            ),
            Email { text } => format!(
                "ungültige E-Mail-Adresse {text:?}: erwartet vorname@firma.de, z. B. paola@acme.it"
            ),
            Phone { text } => format!(
                "ungültige Telefonnummer {text:?}: nur Ziffern, Leerzeichen und + ( ) - . /, z. B. \"+39 030 1234567\""
            ),
        }
    }

    fn refusal_sentence(&self, s: Sentence<'_>) -> String {
        use Sentence::*;
        match s {
            NoIdFromName(name) => format!(
                "aus dem Namen {name:?} lässt sich keine ID bilden: er enthält weder Buchstaben noch Ziffern; geben Sie eine mit --id an"
            ),
            IdTaken(id, path) => {
                format!("es gibt bereits einen Kunden {id} ({path}); wählen Sie eine andere ID")
            }
            NewerSchema(path, schema, understood) => format!(
                "{path}: Schema {schema} ist neuer, als diese coltiva-Version versteht (Schema {understood}); aktualisieren Sie coltiva"
            ),
            ZeroDays(path) => format!("{path}: new_days und lost_days müssen mindestens 1 sein"),
            Symlink(path) => format!(
                "{path} ist ein symbolischer Link; coltiva liest und schreibt nur reguläre Dateien innerhalb des Journals (ersetzen Sie den Link durch die Datei selbst)"
            ),
            NotRegular(path, kind) => format!(
                "{path} ist keine reguläre Datei (sondern {kind}); verschieben Sie es aus dem Journal und führen Sie den Befehl dann erneut aus",
                kind = file_kind(kind)
            ),
            SymlinkFolder(path) => format!(
                "{path} ist ein symbolischer Link; coltiva liest und schreibt nur innerhalb des Journals, und ein Link (vielleicht von jemand anderem committet) könnte überallhin zeigen: ersetzen Sie ihn durch einen echten Ordner und führen Sie den Befehl dann erneut aus"
            ),
            NotAFolder(path, kind) => format!(
                "{path} sollte ein Ordner sein, ist aber {kind}; verschieben Sie es aus dem Journal und führen Sie den Befehl dann erneut aus",
                kind = file_kind(kind)
            ),
            ReplaceBusy(path, error) => format!(
                "{path} konnte nicht ersetzt werden: {error}; ist die Datei in einem anderen Programm geöffnet (einem Editor, einer Tabellenkalkulation, einem Synchronisations- oder Virenschutzprogramm)? Schließen Sie sie und führen Sie den Befehl dann erneut aus; nichts wurde geändert"
            ),
            OpenBusy(path, error) => format!(
                "{path} konnte nicht geöffnet werden: {error}; ein anderes Programm hält die Datei geöffnet und lässt niemand anderen sie lesen (eine Tabellenkalkulation, ein Editor?): Schließen Sie sie dort und führen Sie den Befehl dann erneut aus"
            ),
            Gone(id, path) => format!(
                "die Datei des Kunden {id:?} ({path}) ist nicht mehr da; wurde sie mit forget gelöscht oder verschoben?"
            ),
            KeepsBeingReplaced(path) => format!(
                "{path} wird immer wieder ersetzt, während coltiva darauf wartet; versuchen Sie es erneut"
            ),
            NotWritten(path, error, flush, advice) => format!(
                "{path} konnte nicht {}: {error}; nichts wurde gespeichert, das Journal ist unverändert; {advice} und führen Sie den Befehl dann erneut aus",
                if flush {
                    "dauerhaft auf den Datenträger geschrieben werden"
                } else {
                    "geschrieben werden"
                },
                advice = what_to_do(advice)
            ),
            FolderNotFlushed(path, error, advice) => format!(
                "der Ordner {path} konnte nicht dauerhaft auf den Datenträger geschrieben werden: {error}; was gerade dort geschrieben wurde, übersteht einen Absturz oder Stromausfall womöglich nicht; {advice} und führen Sie dann `coltiva check` aus",
                advice = what_to_do(advice)
            ),
            NotAppended(path, error, advice) => format!(
                "in {path} konnte nicht geschrieben werden: {error}; nichts wurde gespeichert, die Datei ist genau wie vorher; {advice} und führen Sie den Befehl dann erneut aus",
                advice = what_to_do(advice)
            ),
            NotAppendedNorUndone(path, error, undo, advice, repair) => format!(
                "in {path} konnte nicht geschrieben werden: {error}, und der unvollständige Schreibvorgang ließ sich nicht wieder abschneiden ({undo}): die Datei endet womöglich mit einem unvollständigen Eintrag; {advice}, führen Sie dann `{repair}` aus und anschließend den Befehl erneut",
                advice = what_to_do(advice)
            ),
            EditWouldNotPass => {
                "die bearbeitete Datei würde `coltiva check` nicht bestehen:".into()
            }
            EditedMeanwhile(path, kept) => format!(
                "{path} wurde geändert, während Sie die Datei bearbeitet haben; sie wurde nicht ersetzt. Ihre bearbeitete Fassung liegt in {kept}"
            ),
            RepairNothingParses(error, id) => format!(
                "{error}\nkein Teil der Datei lässt sich lesen, nicht einmal der Kopf; korrigieren Sie sie von Hand mit `coltiva edit {id}`"
            ),
            RepairTooMany(error, records, line, path, id) => format!(
                "{error}\nrepair würde {records} Einträge (ab Zeile {line}) nach {path}.rej verschieben; das Problem ist nicht nur ein kaputter letzter Eintrag.\nKorrigieren Sie die Datei von Hand mit `coltiva edit {id}`, oder legen Sie die Einträge mit `coltiva repair {id} --force` beiseite"
            ),
            RepairNotMoved(said, path, rej) => format!(
                "{said}\nnichts wurde verschoben: {path} ist unverändert, und {rej} enthält eine Kopie ihres kaputten Endes"
            ),
            RepairCopyLeft(said, rej, path, undo, id) => format!(
                "{said}\n{rej} enthält jetzt auch eine Kopie des Endes, das noch in {path} steht (sie wieder herauszunehmen schlug fehl: {undo}); löschen Sie diese Kopie am Ende der Datei, bevor Sie `coltiva repair {id}` erneut ausführen"
            ),
            SettingsNotParsed(path, error, autocommit) => format!(
                "{path} lässt sich nicht lesen ({error}); korrigieren Sie die Datei und setzen Sie dann [git] autocommit = {autocommit} von Hand"
            ),
            GitNotATable(path, autocommit) => format!(
                "{path}: git ist keine Tabelle; schreiben Sie [git] autocommit = {autocommit} von Hand"
            ),
            UndoLogDamaged(path, error) => format!(
                "{path} ist beschädigt ({error}); löschen Sie die Datei (undo hat dann nichts rückgängig zu machen)"
            ),
            CommitNotFlushed(error) => format!(
                "der Commit ist erstellt, aber die Dateien von git konnten nicht dauerhaft auf den Datenträger geschrieben werden, ein Absturz könnte ihn also noch zunichtemachen: {error}"
            ),
            SettingsNotAFile(path, kind) => format!(
                "{path} ist {kind}, keine Einstellungsdatei; verschieben Sie es aus dem Journal und führen Sie dann `coltiva init` erneut aus",
                kind = file_kind(kind)
            ),
            SettingsUnreadable(p, error) => {
                format!("{p} ist vorhanden, lässt sich aber nicht lesen ({error})")
            }
            SettingsOnlyNul(p) => format!(
                "{p} ist vorhanden, enthält aber nur NUL-Bytes (wurde die Datei gerade angelegt, als der Rechner ausfiel?): das sind nicht die Einstellungen eines Journals"
            ),
            SettingsNul(p, n) => format!(
                "{p} ist vorhanden, enthält aber {n} NUL-Bytes (durch einen Absturz beschädigt?): das sind nicht die Einstellungen eines Journals"
            ),
            SettingsInvalid(p, said) => format!(
                "{p} ist vorhanden, enthält aber nicht die Einstellungen eines Journals: {said}"
            ),
            NoSettings(why, p) => format!(
                "{why}; nichts wurde geändert; korrigieren Sie die Datei von Hand oder legen Sie sie beiseite (`mv {p} {p}.bad`) und führen Sie `coltiva init` erneut aus"
            ),
            CustomerExists(id, path, batch) => format!(
                "es gibt bereits einen Kunden mit der ID {id:?} ({path}); {}",
                match batch {
                    true => "nichts wurde geschrieben",
                    false => "wählen Sie mit --id eine andere",
                }
            ),
            FileAppeared(path) => format!(
                "unterdessen ist unter {path} eine Kundendatei aufgetaucht; sie wurde nicht angetastet"
            ),
            SomeCreated(said, created, of) => {
                format!("{said}; neue Kundendateien angelegt: {created} von {of}, jede vollständig")
            }
            AppendToBroken(path, line, column, message, id) => format!(
                "{path}:{line}:{column}: {message}\nnichts wurde angefügt: korrigieren Sie die Datei von Hand (`coltiva edit {id}`) oder legen Sie ein kaputtes Ende mit `coltiva repair {id}` beiseite"
            ),
            AppendWouldBreak(path, line, column, message) => format!(
                "{path}: der Eintrag kann nicht angefügt werden: die Datei ließe sich dann nicht mehr lesen ({message} bei {line}:{column} des Ergebnisses; ist eine Eintragsart in einer anderen TOML-Form geschrieben?); nichts wurde angefügt"
            ),
            HeaderNotEditable(path, id) => format!(
                "der Kopf von {path} lässt sich nicht sicher bearbeiten (ein mehrzeiliger Wert, der wie eine Tabelle aussieht?); bearbeiten Sie ihn von Hand mit `coltiva edit {id}`"
            ),
            NoSuchTag(tag, name, tags) => {
                format!("tags-={tag}: {name} hat kein Tag {tag:?} (vorhandene Tags: {tags})")
            }
            NoSuchAttribute(key, name) => {
                format!("{key}=: {name} hat kein Attribut {key:?}, das entfernt werden könnte")
            }
            Failed(doing, path, error) => {
                let (what, done) = match doing {
                    Doing::Open => ("", "geöffnet"),
                    Doing::Read => ("", "gelesen"),
                    Doing::Create => ("", "angelegt"),
                    Doing::CreateFolder => ("der Ordner ", "angelegt"),
                    Doing::Lock => ("", "zum Schreiben gesperrt"),
                    Doing::List => ("der Inhalt von ", "gelesen"),
                    Doing::Delete => ("", "gelöscht"),
                    Doing::Remove => ("", "entfernt"),
                };
                format!("{what}{path} konnte nicht {done} werden: {error}")
            }
            NotMoved(from, to, error) => {
                format!("{from} konnte nicht nach {to} verschoben werden: {error}")
            }
            GitNotRun(step, error) => format!(
                "git konnte zum {} nicht gestartet werden: {error}",
                git_step(step)
            ),
            GitFailed(step, status, detail) => format!(
                "git ist beim {} gescheitert ({status}): {detail}",
                git_step(step)
            ),
            IdRefused(bad, fix) => format!("{}; {}", bad_id(bad), id_fix(fix)),
        }
    }

    fn driver_problem(&self, p: &crate::git::DriverProblem) -> String {
        use crate::git::DriverProblem::*;
        match p {
            NotRegistered => "dieser Klon hat den Merge-Treiber von coltiva nicht registriert, daher würde `git pull` Kundendateien Zeile für Zeile zusammenführen und bei jedem gemeinsamen Kunden anhalten; führen Sie hier einmal `coltiva init` aus, um ihn zu registrieren".into(),
            Gone { program, fallback } => format!(
                "der in diesem Klon registrierte Merge-Treiber kann nicht laufen ({}): `git pull` würde bei jedem Kunden anhalten, der auf beiden Seiten geändert wurde, und die Einträge der anderen Seite aus der Datei lassen; führen Sie hier erneut `coltiva init` aus, um diese coltiva-Version zu registrieren",
                match fallback {
                    true => format!("{program} ist nicht mehr da, und im PATH gibt es kein `coltiva`"),
                    false => format!("{program} ist nicht mehr da (verschoben oder aktualisiert?)"),
                }
            ),
        }
    }

    fn standard_input(&self) -> &'static str {
        // A name, without an article: "aus Standardeingabe".
        "Standardeingabe"
    }

    fn import_note(&self, note: &super::ImportNote) -> String {
        use super::ImportNote::*;
        match note {
            Ignoring([column]) => format!(
                "die Spalte {column} wird übergangen (keine Spalte von coltiva; mit --map können Sie sie lesen lassen)"
            ),
            Ignoring(columns) => format!(
                "die Spalten {} werden übergangen (keine Spalten von coltiva; mit --map können Sie eine davon lesen lassen)",
                columns.join(", ")
            ),
            ExtrasUnused { maps, label } => format!(
                "Warnung: {} {} nur in Kundenzeilen gelesen, und {label} hat keine (für eine Kundenliste geben Sie --type customer an)",
                maps.join(", "),
                if maps.len() == 1 { "wird" } else { "werden" }
            ),
            NoRows { label } => format!("nichts zu importieren: {label} hat keine Zeilen"),
            AllThere { rows: 1, label } => {
                format!("nichts zu importieren: die einzige Zeile von {label} ist schon im Journal")
            }
            AllThere { rows, label } => format!(
                "nichts zu importieren: alle {rows} Zeilen von {label} sind schon im Journal"
            ),
            DryRun {
                records,
                customers,
                new,
                label,
                already,
            } => {
                // "für" takes the accusative: für 1 Kunden, für 3 Kunden.
                let customers = format!("{customers} Kunden");
                let already = match already {
                    1 => "1 Zeile ist schon im Journal".to_string(),
                    n => format!("{n} Zeilen sind schon im Journal"),
                };
                format!(
                    "Probelauf: würde {} für {customers} ({new} neu) aus {label} importieren; {already}; nichts wurde geschrieben",
                    count(self, *records as i64, Noun::Record),
                )
            }
        }
    }

    fn import_refused(&self, refusal: &super::ImportRefusal) -> String {
        use super::ImportRefusal::*;
        match refusal {
            BadRows { label, rows: 1 } => {
                format!("{label}: 1 fehlerhafte Zeile; nichts wurde importiert")
            }
            BadRows { label, rows } => {
                format!("{label}: {rows} fehlerhafte Zeilen; nichts wurde importiert")
            }
            More(n) => format!("... und {n} weitere"),
            NoCustomerColumn {
                label,
                columns,
                delimiter,
            } => format!(
                "{label}: keine Spalte customer (die Spalten der Datei sind: {columns}); nennen Sie Ihre mit --map customer=SPALTE (die Spalten wurden bei {delimiter} getrennt: falls das falsch ist, geben Sie --delimiter an); nichts wurde importiert"
            ),
            NoTypeColumn { label, choices } => format!(
                "{label}: keine Spalte type; fügen Sie eine hinzu oder geben Sie --type an ({choices}); nichts wurde importiert"
            ),
            CsvFlagOnVcard { flag, label } => format!(
                "{flag} gilt für CSV-Dateien; {label} ist eine vCard-Datei (Kontakte werden Personen): importieren Sie sie ohne {flag}"
            ),
            RevenueAfterToday {
                year,
                theirs,
                today,
            } => format!(
                "--map revenue.{year}={theirs}: {year} liegt nach heute ({})",
                self.date(*today)
            ),
            Header { label, problem } => format!("{label}: {problem}; nichts wurde importiert"),
            CustomerUnreadable { label, problem } => {
                format!("{problem}\naus {label} wurde nichts importiert")
            }
            Interrupted {
                problem,
                written: 1,
            } => format!(
                "{problem}\nvor dem Fehler wurde 1 Kundendatei geschrieben; ein erneuter Import ergänzt nur, was fehlt"
            ),
            Interrupted { problem, written } => format!(
                "{problem}\nvor dem Fehler wurden {written} Kundendateien geschrieben; ein erneuter Import ergänzt nur, was fehlt"
            ),
        }
    }

    fn row_error(&self, line: u64, column: Option<&str>, problem: &str) -> String {
        match column {
            Some(c) => format!("Zeile {line}, Spalte {c}: {problem}"),
            None => format!("Zeile {line}: {problem}"),
        }
    }

    fn repeat_asks(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String {
        let what = match kind {
            Table::Order => "denselben Auftrag",
            Table::Promise => "dieselbe Zusage",
            _ => "denselben Kontakt",
        };
        format!(
            "{name} ({id}) hat an diesem Tag schon {what} ({earlier}).\nNochmals eintragen? [j/N] "
        )
    }

    fn yes(&self) -> &'static [&'static str] {
        &["j", "ja"]
    }

    fn edit_answers(&self) -> (&'static [&'static str], &'static [&'static str]) {
        (&["b", "bearbeiten"], &["w", "wiederherstellen"])
    }

    fn file_problem(&self, damage: &super::FileDamage) -> (String, String) {
        use super::FileDamage::*;
        match damage {
            Nuls { nuls, id } => (
                format!(
                    "die Datei endet mit {nuls} NUL-Bytes und keinem Eintrag: ein Schreibvorgang, dessen Daten nie auf der Platte ankamen (ein Absturz oder Stromausfall)"
                ),
                format!(
                    "`coltiva repair {id}` legt sie beiseite und behält jeden Eintrag davor"
                ),
            ),
            IncompleteTail { detail, id } => (
                format!(
                    "der letzte Eintrag ist unvollständig ({detail}): ein abgebrochener Schreibvorgang (ein Absturz, eine volle Platte) oder ein Tippfehler"
                ),
                format!(
                    "`coltiva repair {id}` verschiebt nur diesen Eintrag nach customers/{id}.toml.rej; oder korrigieren Sie ihn von Hand mit `coltiva edit {id}`"
                ),
            ),
            ConflictMarkers { line, id } => (
                format!("git-Konfliktmarkierungen ab Zeile {line} (ein unfertiger Merge)"),
                format!(
                    "schließen Sie den Merge ab: `coltiva edit {id}`, behalten Sie die Einträge beider Seiten und löschen Sie die Markierungszeilen (<<<<<<<, =======, >>>>>>>); `coltiva check` listet jedes Problem auf"
                ),
            ),
            Parse { detail, id } => (
                detail.clone(),
                format!(
                    "`coltiva check` listet jedes Problem auf; korrigieren Sie die Datei mit `coltiva edit {id}` oder legen Sie ein kaputtes Ende mit `coltiva repair {id}` beiseite"
                ),
            ),
            Other { detail } => (
                detail.clone(),
                "tun Sie, was das Problem sagt, und führen Sie den Befehl dann erneut aus; `coltiva check` listet jedes Problem auf".into(),
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
            "{logged} von {} {}{}, {already} schon eingetragen, {not_logged} nicht eingetragen",
            count(self, total as i64, Noun::Message),
            match (dry_run, logged == 1) {
                (false, _) => "eingetragen",
                (true, true) => "würde eingetragen",
                (true, false) => "würden eingetragen",
            },
            if dry_run {
                " (Probelauf: nichts wurde geschrieben)"
            } else {
                ""
            },
        )
    }

    fn mail_not_logged(&self, unmatched: usize, not_mail: usize, undated: usize) -> String {
        let messages = count(self, (unmatched + not_mail + undated) as i64, Noun::Message);
        if not_mail == 0 && undated == 0 {
            return format!(
                "{messages} nicht eingetragen: jede ist mit dem Grund aufgeführt (geben Sie dem Kunden ein Attribut `email` oder `domain`, oder tragen Sie sie von Hand ein)"
            );
        }
        let mut why = Vec::new();
        match not_mail {
            0 => {}
            1 => why.push("1 ist keine E-Mail-Nachricht".to_string()),
            n => why.push(format!("{n} sind keine E-Mail-Nachrichten")),
        }
        match unmatched {
            0 => {}
            1 => why.push("1 passt zu keinem Kunden: geben Sie dem Kunden ein Attribut `email` oder `domain`, oder tragen Sie sie von Hand ein".to_string()),
            n => why.push(format!(
                "{n} passen zu keinem Kunden: geben Sie dem Kunden ein Attribut `email` oder `domain`, oder tragen Sie sie von Hand ein"
            )),
        }
        match undated {
            0 => {}
            1 => why.push(
                "1 hat keinen lesbaren Date-Header: tragen Sie sie von Hand mit --at ein"
                    .to_string(),
            ),
            n => why.push(format!(
                "{n} haben keinen lesbaren Date-Header: tragen Sie sie von Hand mit --at ein"
            )),
        }
        format!(
            "{messages} nicht eingetragen: jede ist mit dem Grund aufgeführt ({})",
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
            "{added} von {} aus {from} {}{}, {already} schon vorhanden, {not_added} nicht hinzugefügt",
            count(self, total as i64, Noun::Contact),
            match (dry_run, added == 1) {
                (false, _) => "hinzugefügt",
                (true, true) => "würde hinzugefügt",
                (true, false) => "würden hinzugefügt",
            },
            if dry_run {
                " (Probelauf: nichts wurde geschrieben)"
            } else {
                ""
            },
        )
    }

    fn unknown_word(&self, what: super::WordKind, value: &str, choices: &[&str]) -> String {
        let what = match what {
            super::WordKind::Kind => "unbekannte Art",
            super::WordKind::Channel => "unbekannter Kanal",
            super::WordKind::Party => "unbekannte Seite",
            super::WordKind::Phase => "unbekannte Phase",
        };
        format!(
            "{what} {value:?} (erwartet: {}; die englischen Wörter gelten auch)",
            choices.join(" | ")
        )
    }

    fn merge_said(&self, said: &super::MergeSaid) -> String {
        use super::MergeSaid::*;
        let finish = "führen Sie dann `git add` für sie aus und schließen Sie den Merge ab (`git commit` oder `git rebase --continue`); `coltiva check` listet auf, was fehlt";
        match said {
            Merged { label } => format!("die Einträge beider Seiten in {label} zusammengeführt"),
            NeedsPerson { label } => format!(
                "{label}: der Merge braucht einen Menschen; korrigieren Sie die Datei, {finish}"
            ),
            ByHand { label } => format!(
                "{label}: Eintrag für Eintrag nicht zusammenführbar; beide Seiten stehen zwischen Konfliktmarkierungen in der Datei: korrigieren Sie sie von Hand, {finish}"
            ),
        }
    }

    fn merge_side(&self, side: super::MergeSide) -> &'static str {
        match side {
            super::MergeSide::Common => "gemeinsame",
            super::MergeSide::Ours => "eigene",
            super::MergeSide::Theirs => "andere",
        }
    }

    fn merge_resolved_alike(&self, promise: &str, status: &str) -> String {
        let status = (status.parse::<ResolutionStatus>()).map_or(status, |s| self.resolution(s));
        format!(
            "das Versprechen {promise:?} wurde auf beiden Seiten als {status} abgeschlossen; die zusammengeführte Datei behält den früheren Abschluss"
        )
    }

    fn found_merged(&self, merged: super::findings::Merged) -> &'static str {
        use super::findings::Merged;
        match merged {
            Merged::Fallback => {
                "coltiva konnte diese Datei nicht Eintrag für Eintrag zusammenführen (eine Seite war nicht lesbar), also hat git sie Zeile für Zeile zusammengeführt und dabei Einträge zerschnitten; setzen Sie die Einträge jeder Seite wieder vollständig zusammen (jede `[[art]]`-Zeile mit allen ihren Schlüsseln), löschen Sie die Markierungszeilen, dann `git add` der Datei und schließen Sie den Merge ab"
            }
            Merged::LineByLine => {
                "hier hat git diese Datei Zeile für Zeile zusammengeführt (der Merge-Treiber von coltiva lief nicht) und dabei Einträge zerschnitten; solange der Merge läuft, führen Sie die Datei erneut Eintrag für Eintrag zusammen: `coltiva init`, dann `git checkout -m FILE`; sonst setzen Sie die Einträge jeder Seite wieder vollständig zusammen (jede `[[art]]`-Zeile mit allen ihren Schlüsseln) und löschen die Markierungszeilen"
            }
            Merged::Stopped => {
                "der Merge dieser Datei hat hier angehalten; behalten Sie, was jede Seite behalten soll (bei Einträgen: beide), löschen Sie die Markierungszeilen, dann `git add` der Datei und schließen Sie den Merge ab"
            }
        }
    }

    fn unloadable(&self, why: &super::findings::Unloadable) -> String {
        use super::findings::Unloadable;
        match why {
            Unloadable::UnknownWord {
                what,
                value,
                choices,
            } => {
                let what = match what.as_str() {
                    "channel" => "kein gültiger Kanal",
                    "direction" => "keine gültige Richtung",
                    "party" => "keine gültige Partei für by",
                    "kind" => "keine gültige Art",
                    "phase" => "keine gültige Phase",
                    "resolutionstatus" => "kein gültiges Ergebnis",
                    "person event" => "kein gültiges Ereignis",
                    other => {
                        return format!(
                            "unbekannter Wert für {other}: \"{value}\" (erlaubt: {choices})"
                        );
                    }
                };
                format!("\"{value}\" ist {what} (erlaubt: {choices})")
            }
            Unloadable::MissingField(field) => format!("das Feld `{field}` fehlt"),
            Unloadable::TextForDate(value) => format!(
                "{value} ist ein Text, kein Datum: schreiben Sie das Datum ohne Anführungszeichen, etwa 2026-11-20"
            ),
            Unloadable::Amount(e) => self.invalid_amount(e),
            Unloadable::Parser(m) => format!("nicht lesbar: {m}"),
        }
    }

    fn record_problem(&self, problem: &crate::model::RecordProblem) -> String {
        use crate::model::RecordProblem;
        match problem {
                RecordProblem::RenegotiatedWithoutDue => "ein Abschluss mit status = \"renegotiated\" braucht das neue Fälligkeitsdatum (due = JJJJ-MM-TT)".into(),
                RecordProblem::DueNotRenegotiated(status) => format!(
                    "due gehört nur zu Abschlüssen mit status = \"renegotiated\", nicht zu status = \"{status}\" ({})",
                    self.resolution(*status)
                ),
                RecordProblem::UnusablePromiseId(id) => format!(
                    "mit der Zusagen-ID {id:?} lässt sich die Zusage nicht angeben: verwenden Sie höchstens {} der Zeichen {}",
                    crate::ids::PROMISE_ID_LEN,
                    String::from_utf8_lossy(crate::ids::PROMISE_ID_ALPHABET)
                ),
                RecordProblem::AddedWithoutName(id) => format!(
                    "die Person {id:?} wird ohne Namen hinzugefügt (name = \"…\")"
                ),
                RecordProblem::Rule(rule) => self.rule_broken(rule),
            }
    }

    fn head_damage(&self, damage: &crate::git::HeadDamage) -> String {
        use crate::git::HeadDamage;
        match damage {
            HeadDamage::Commit { hash, why } => format!(
                "der letzte Commit (HEAD, {hash}) ist nicht lesbar{}",
                why.as_ref().map(|w| format!(" ({w})")).unwrap_or_default()
            ),
            HeadDamage::Branch(why) => format!("der aktuelle Branch ist nicht lesbar ({why})"),
        }
    }

    sentences! {
        self;
        row_type_missing(choices: &str) => "der Typ fehlt (erwartet: {choices}; oder geben Sie --type an)";
        row_due_before_made(due: &str, made: &str) => "{due} liegt vor dem Tag der Zusage ({made})";
        row_resolution_needs_status(choices: &str) => "eine Erledigung braucht einen Status ({choices})";
        row_due_before_renegotiation(due: &str, at: &str) => "{due} liegt vor der Neuverhandlung selbst ({at})";
        row_revenue_after_today(year: i32, today: &str) => "der Umsatz von {year} liegt nach heute ({today})";
        row_attribute_twice(key: &str) => "das Attribut {key} steht auch in der Spalte attributes";
        row_attributes_not_toml(detail: &str) => "erwartet wird TOML wie territory = \"Brescia\": {detail}";
        row_no_letters_or_digits(value: &str) => "aus {value:?} lässt sich keine Kunden-ID machen: es enthält weder Buchstaben noch Ziffern";
        row_described_twice(id: &str, line: u64) => "der Kunde {id} ist in Zeile {line} anders beschrieben";
        row_source_twice(source: &str, id: &str, line: u64) => "die source {source:?} des Kunden {id} steht schon in Zeile {line}";
        row_promise_id_taken(id: &str, promise: &str) => "der Kunde {id} hat schon eine andere Zusage mit der ID {promise}";
        row_promise_id_twice(promise: &str, line: u64, other: &str) => "die Zusagen-ID {promise} wird auch in Zeile {line} verwendet (Kunde {other})";
        row_no_such_promise(id: &str, promise: &str) => "der Kunde {id} hat keine Zusage {promise} (weder in seiner Datei noch in diesem Import)";
        row_resolved_before_made(at: &str, promise: &str, made: &str) => "{at} liegt vor dem Tag der Zusage {promise} ({made})";
        row_person_there(id: &str, person: &str) => "der Kunde {id} hat schon eine Person {person}; geben Sie dieser Zeile event changed oder eine andere ID";
        row_no_such_person(id: &str, person: &str) => "der Kunde {id} hat keine Person {person} (weder in seiner Datei noch in diesem Import); fügen Sie sie mit einer Personenzeile hinzu oder korrigieren Sie die ID";
        row_unequal_fields(expected: u64, found: u64) => "erwartet werden {expected} Felder wie in der Kopfzeile, gefunden {found}";
        row_not_utf8(field: usize) => "Feld {field} ist kein gültiges UTF-8 (speichern Sie die Datei als UTF-8)";
        row_id_from_no_letters(cell: &str) => "{cell:?} enthält weder Buchstaben noch Ziffern, und --id-from macht daraus die Kunden-ID";
        row_amount_mark(error: &str, other: char) => "{error} (schreibt die Datei Dezimalen mit {other:?}? Dann geben Sie --decimal {other} an)";
        row_revenue_below_last_order(year: i32, total: Amount, last: Amount, money: &MoneyStyle) => "der Umsatz von {year} ({}) ist kleiner als der letzte Auftrag dieses Jahres ({})", total.human(money), last.human(money);
        row_bad_id(bad: &BadId) => "{}; schreiben Sie den Kunden anders oder verwenden Sie eine vorhandene ID", bad_id(bad);
        row_any_of(value: &str, n: usize, candidates: &str) => "{value:?} kann jeder von {n} Kunden sein: {candidates}; schreiben Sie stattdessen die ID, oder geben Sie --id-from mit den Spalten an, die sie unterscheiden";
        row_name_taken(id: &str, value: &str, named: &str, one: bool, first: &str) => "--id-from macht die neue ID {id}, aber {value:?} ist schon der Name von {named}; wenn die Zeile {} gehört, geben Sie ihr diese ID ({}), z. B. `coltiva rename {first} {id}`", if one { "zu diesem Kunden" } else { "zu einem davon" }, if one { "benennen Sie ihn um" } else { "benennen Sie den passenden um" };
        row_date_no_year(text: &str) => "ungültiges Datum {text:?}: ein Datum in einer Datei braucht das Jahr (20.11.2026)";
        row_date_unknown(text: &str) => "ungültiges Datum {text:?}: verwenden Sie JJJJ-MM-TT oder JJJJ-MM-TTTHH:MM[:SS][+HH:MM], oder TT.MM.JJJJ, wenn das Journal Daten so liest";
        row_texts_make_one_id(texts: &str, id: &str) => "{texts} würden alle der eine neue Kunde {id}; sind es verschiedene Kunden, geben Sie jedem seine eigene ID (eine Spalte id, oder --id-from mit den Spalten, die sie unterscheiden); ist es einer, schreiben Sie ihn in jeder Zeile gleich";
        row_line_text(line: u64, text: &str) => "Zeile {line} {text:?}";
        row_differ_advice(with: &str) => "verschiedene Kunden? Geben Sie --id-from {with:?} an; ein Kunde? Behalten Sie nur eine Zeile";
        row_rows_differ(lines: &str, new: bool, id: &str, named: &str, differences: &str, advice: &str) => "die Kundenzeilen {lines} wären alle {} {id} ({named:?}), unterscheiden sich aber in {differences}; {advice}", if new { "der eine neue Kunde" } else { "der vorhandene Kunde" };
        found_syntax(m: &str) => "TOML-Syntaxfehler: {m}";
        found_duplicate_key(m: &str) => "{m}: der Schlüssel steht zweimal in der Datei (nach einem Merge die Änderungen beider Seiten am Kopf?); behalten Sie einen";
        found_missing_schema() => "`schema = {SCHEMA}` fehlt am Anfang der Datei";
        found_schema_newer(n: i64) => "Schema {n} ist neuer als das, was diese Version von coltiva kennt (Schema {SCHEMA}); aktualisieren Sie coltiva";
        found_schema_bad() => "schema muss eine ganze Zahl von 1 bis {SCHEMA} sein";
        found_bad_kind() => "kind muss einer dieser Werte sein: {}", Kind::choices();
        found_marker(shown: &str) => "git-Konfliktmarkierung {shown:?}";
        found_header_conflict(key: &str, ours: &str, theirs: &str) => "der Kopfschlüssel `{key}` wurde auf beiden Seiten geändert: unsere hat {ours}, ihre hat {theirs}; behalten Sie eine Zeile zwischen den Markierungen, löschen Sie die andere und die Markierungszeilen";
        found_person_again(id: &str, line: usize) => "die Person {id:?} wurde bereits in Zeile {line} hinzugefügt: ist es dieselbe Person, schreiben Sie in diesen Eintrag event = \"changed\", sonst geben Sie ihr eine andere ID (auch in ihren `with`-Feldern)";
        found_person_not_added(event: &str, id: &str) => "Personeneintrag (event = \"{event}\") für {id:?}, aber kein früherer Eintrag dieser Datei fügt diese Person hinzu (event = \"added\" mit einem Namen); korrigieren Sie die ID oder fügen Sie die Person zuerst hinzu";
        found_with_nobody(id: &str) => "with = {id:?} nennt keine Person dieser Datei; fügen Sie sie hinzu (coltiva person add KUNDE \"NAME\") oder korrigieren Sie die ID";
        found_unknown_kind(kind: &str, tables: &str) => "unbekannte Eintragsart {kind} (Einträge sind {tables})";
        found_did_you_mean(kind: &str) => "; meinten Sie {kind}?";
        found_unknown_field(field: &str, kind: &str, fields: &str) => "unbekanntes Feld `{field}` in {kind} (seine Felder: {fields})";
        found_duplicate_promise(id: &str, line: usize) => "doppelte Zusagen-ID {id:?} (zuerst in Zeile {line} verwendet); geben Sie einer der beiden eine neue ID";
        found_no_such_promise(id: &str) => "Abschluss der Zusage {id:?}, aber diese Datei hat keine Zusage mit dieser ID";
        found_resolved_twice(id: &str, first: &str, line: usize) => "die Zusage {id:?} wurde bereits in Zeile {line} als {first} abgeschlossen; dieser spätere Abschluss wird ignoriert (von zwei Personen abgeschlossen?)";
        found_shared_promise(id: &str, others: &str) => "die Zusagen-ID {id:?} wird auch in {others} verwendet; nennen Sie sie KUNDE/{id}";
        found_cut_short(finding: &str, id: &str) => "{finding}; der letzte Eintrag der Datei ist unvollständig: ein abgebrochener Schreibvorgang (ein Absturz, eine volle Festplatte) oder ein Tippfehler; `coltiva repair {id}` verschiebt nur diesen Eintrag nach {id}.toml.rej, oder korrigieren Sie ihn von Hand mit `coltiva edit {id}`";
        found_git_damage(damage: &str) => "git: {damage}: die Geschichte des Repositorys ist beschädigt (ein Absturz, bevor die Dateien von git auf der Festplatte waren?); die Kundendateien sind nicht betroffen. `git fsck --full` listet auf, was fehlt; mit einem Remote klonen Sie es erneut, kopieren customers/ und coltiva.toml in den Klon und committen dort";
        found_nul_tail(nuls: usize, id: &str) => "die Datei endet mit {nuls} NUL-{} und keinem Eintrag: ein Schreibvorgang, dessen Daten nie auf der Festplatte ankamen (ein Absturz oder Stromausfall); `coltiva repair {id}` verschiebt sie nach {id}.toml.rej und behält jeden Eintrag davor", if nuls == 1 { "Byte" } else { "Bytes" };
        note_rejected(path: &str) => "Hinweis: {path} enthält Bytes, die `coltiva repair` beiseitegelegt hat; prüfen Sie sie, übernehmen Sie, was Sie brauchen, und löschen Sie die Datei dann";
        note_writing(path: &str, pid: u32) => "Hinweis: {path} wird gerade von Prozess {pid} geschrieben (ein laufendes coltiva)";
        note_leftover(path: &str) => "Hinweis: {path} ist von einem unterbrochenen Schreibvorgang übrig (der Prozess läuft nicht mehr); die Datei enthält nichts, was das Journal braucht: löschen Sie sie (`rm {path}`) oder lassen Sie sie vom nächsten `coltiva add` oder `import` entfernen";
        note_not_customer(path: &str) => "Hinweis: {path} ist keine Kundendatei; coltiva ignoriert sie";
        merge_not_utf8(side: &str) => "die {side} Fassung ist kein gültiges UTF-8, daher lassen sich ihre Einträge nicht unterscheiden";
        merge_does_not_parse(side: &str, error: &str) => "die {side} Fassung lässt sich nicht als Kundendatei lesen ({error})";
        merge_another_customer(side: &str, uids: &str, base_uids: &str) => "die {side} Fassung ist ein anderer Kunde als die gemeinsame Fassung (uid {uids} ist nicht {base_uids}): git hat die Dateien zweier verschiedener Kunden gepaart (einer vergessen, einer neu mit ähnlicher Datei?), daher wurden ihre Einträge nicht vermischt; die Datei enthält die {side} Fassung";
        merge_header_conflict(key: &str, ours: &str, theirs: &str) => "beide Seiten haben dieselben Zeilen geändert: den Kopfschlüssel `{key}` ({ours} bei uns, {theirs} bei den anderen); behalten Sie einen zwischen den Markierungen";
        merge_removed(n: usize, records: &str) => "{} entfernt, die eine Seite entfernt hat (undo, edit, revert) und die andere nicht geändert hat: {records}", count(self, n as i64, Noun::Record);
        merge_would_not_pass(problem: &str) => "die zusammengeführte Datei würde `coltiva check` nicht bestehen: {problem}";
        merge_already_on_a_side(problem: &str) => "schon vor diesem Merge auf einer Seite (hält den Merge nicht auf; `coltiva check` listet es): {problem}";
        column_mapped_twice(column: &str) => "--map {column}=...: {column} ist zweimal zugeordnet";
        extra_mapped_twice(name: &str) => "--map {name}=...: zweimal zugeordnet";
        no_such_column(name: &str, theirs: &str, columns: &str) => "--map {name}={theirs}: die Datei hat keine Spalte {theirs:?}; ihre Spalten sind: {columns}";
        id_from_no_column(name: &str, columns: &str) => "--id-from: die Datei hat keine Spalte {name:?}; ihre Spalten sind: {columns}";
        two_columns(column: &str, first: &str, second: &str) => "die Kopfzeile hat zwei Spalten {column} ({first:?} und {second:?})";
        no_people(name: &str, id: &str) => "{name} ({id}) hat noch keine Personen; fügen Sie eine hinzu mit: coltiva person add {id} \"NAME\"";
        promise_ref_no_customer(text: &str) => "ungültige Angabe einer Zusage {text:?}: vor '/' fehlt der Kunde";
        bad_promise_id(text: &str, len: usize, alphabet: &str) => "ungültige Zusagen-ID {text:?}: eine Zusagen-ID hat höchstens {len} Zeichen aus {alphabet}, wahlweise als KUNDE/ID";
        due_before_made(due: &str, made: &str) => "--due {due} liegt vor dem Tag der Zusage ({made})";
        until_before_since(until: &str, since: &str) => "--until {until} liegt vor --since {since}";
        id_is_not_an_attribute(new: &str, customer: &str) => "\"id={new}\": die ID eines Kunden ist der Name seiner Datei, kein Attribut; benennen Sie den Kunden um mit `coltiva rename {customer} {new}` (seine Einträge, Zusagen und uid folgen)";
        not_a_period(problem: &str) => "{problem}; ein Zeitraum geht auch: \"diese Woche\", \"letzte Woche\", \"diesen Monat\", \"letzten Monat\", \"dieses Jahr\", \"letztes Jahr\"";
        editor_unreadable(variable: &str, value: &str, detail: &str) => "{variable} ({value:?}) ist nicht lesbar: {detail}";
        editor_empty(variable: &str) => "{variable} ist leer";
        editor_not_started(program: &str, error: &str) => "der Editor {program:?} lässt sich nicht starten: {error}";
        editor_failed(program: &str, status: &str) => "der Editor {program:?} ist fehlgeschlagen ({status}); nichts wurde geändert";
        rebase_stopped(root: &str) => "in {root} ist ein Rebase auf halbem Weg stehen geblieben (`git pull --rebase` oder `git rebase`): eine jetzt geschriebene Änderung ginge mit `git rebase --abort` verloren und stünde `git rebase --continue` im Weg, daher wurde nichts geschrieben. Schließen Sie den Rebase zuerst ab (`coltiva check` sagt, was fehlt, dann `git rebase --continue`) oder brechen Sie ihn ab (`git rebase --abort`), und führen Sie den Befehl dann erneut aus";
        outlook_left_out(detail: &str) => "Warnung: die Prognosezahlen (p_alive, expected_purchases_90d) fehlen: {detail}";
        person_there(person: &str, pid: &str, customer: &str, id: &str) => "{person} ({pid}) ist schon eine Person von {customer}; ändern können Sie sie mit: coltiva person set {id} {pid} …";
        person_id_taken(pid: &str, id: &str) => "--id {pid} ist in {id} schon vergeben";
        person_same_name(person: &str, pid: &str, customer: &str) => "{person} ({pid}) ist schon eine Person von {customer}; um eine weitere Person dieses Namens hinzuzufügen, geben Sie --id an (z. B. --id {pid}-2)";
        person_left(person: &str, pid: &str, customer: &str, day: &str) => "{person} ({pid}) hat {customer} schon am {day} verlassen";
        person_left_before_added(at: &str, person: &str, pid: &str, since: &str) => "--at {at}: {person} ({pid}) wurde am {since} hinzugefügt und kann also nicht vorher gegangen sein; geben Sie --at {since} oder später an";
        person_with_left(typed: &str, person: &str, pid: &str, customer: &str, day: &str, id: &str) => "--with {typed}: {person} ({pid}) hat {customer} am {day} verlassen, und ein Kontakt danach ist keiner mit {customer}; für einen Eintrag von davor geben Sie --at an, und falls die Person zurück ist: coltiva person add {id} \"{person}\" --id {pid}";
        promise_due(due: NaiveDate) => "(fällig {})", self.date(due);
        new_due(due: NaiveDate) => " neu fällig {}", self.date(due);
        pinned_phase(phase: Phase) => "Phase {}", self.phase(ShownPhase::Lifecycle(phase));
        late_on_average(days: &str) => ", im Mittel {days} Tage zu spät";
        late_payments_on_average(days: &str) => "; verspätete Zahlungen im Mittel {days} Tage zu spät";
        outlook_fact(p_alive: &str, expected: &str) => "P(aktiv) {p_alive}; {expected} Käufe in den nächsten 90 Tagen erwartet (coltiva outlook)";
        rhythm(weeks: usize) => "Rhythmus ({weeks} Wochen)";
        unreadable_files(n: usize) => "Unlesbare Dateien: {n} (unten ausgelassen; Exit-Status 1)";
        no_model(detail: &str) => "kein Modell: {detail}";
        added(name: &str, id: &str, path: &str) => "{name} als {id} hinzugefügt ({path})";
        header_updated(name: &str, id: &str, edits: &str) => "Kopf von {name} ({id}) geändert: {edits}";
        header_unchanged(name: &str, id: &str) => "{name} ({id}) sagt das bereits; nichts geändert";
        no_customers_yet(root: &str) => "das Journal in {root} hat noch keine Kunden: einen hinzufügen mit `coltiva add NAME` (oder eine CSV-Datei importieren mit `coltiva import`)";
        commit_failed(why: &str) => "coltiva: Warnung: die Änderung ist gespeichert, aber der Commit ist nicht gelungen: {why}";
        forget_needs_yes(name: &str, id: &str) => "forget löscht {name} ({id}) endgültig; ohne Terminal zum Bestätigen --yes angeben";
        forget_asks(name: &str, id: &str) => "Das löscht {name} ({id}) und jeden Eintrag der Beziehung, endgültig.\nZum Bestätigen die ID ({id}) eingeben: ";
        forget_not_confirmed(name: &str, id: &str) => "nicht bestätigt; {name} ({id}) bleibt erhalten";
        deleted(path: &str) => "{path} gelöscht";
        forgot(name: &str, id: &str) => "{name} ({id}) und alle Einträge gelöscht";
        nothing_to_repair(id: &str) => "{id}: die Datei ist lesbar; nichts zu reparieren";
        renamed(name: &str, old: &str, new: &str, from: &str, to: &str) => "neue ID für {name}: aus {old} wird {new} ({from} → {to}); Einträge, Zusagen und uid bleiben, wie sie waren";
        same_id(id: &str) => "{id} ist schon die ID dieses Kunden; nichts geändert";
        undo_done(what: &str) => "rückgängig gemacht: {what}";
        undo_would(what: &str) => "würde rückgängig machen: {what}; nichts wurde geändert (`coltiva undo` führt es aus):";
        edit_unchanged(file: &str) => "keine Änderungen; {file} bleibt, wie sie war";
        edit_saved(file: &str) => "{file} gespeichert";
        edit_refused(problem: &str, file: &str) => "{problem}\ndie bearbeitete Datei wurde nicht gespeichert; {file} behält die vorige Fassung (kein Terminal, um zu fragen, ob weiter bearbeitet werden soll)";
        edit_discarded(file: &str) => "{file} behält die vorige Fassung; die Bearbeitung wurde verworfen";
        journal_created(root: &str) => "Journal in {root} angelegt";
        first_committed(files: &str) => "{files} committet";
        first_commit_failed(why: &str, commands: &str) => "coltiva: Warnung: das Journal ist eingerichtet, aber der erste Commit ist nicht gelungen: {why}\nselbst committen: {commands}";
        kept_of(kept: u32, total: u32) => "({kept} von {total} eingehalten)";
        with_person(id: &str) => " (mit {id})";
        repeat_declined(name: &str, id: &str, earlier: &str) => "nicht eingetragen: {name} ({id}) behält den vorhandenen Eintrag ({earlier})";
        edit_asks(file: &str) => "(b)earbeiten oder die vorige Fassung von {file} (w)iederherstellen? [b/w] ";
        waiting_for_lock(path: &str) => "warte auf einen anderen coltiva-Prozess, der {path} schreibt …";
        percent(rate: f64) => "{:.0}\u{a0}%", rate * 100.0;
        phase_since(phase: &str, since: NaiveDate) => "{phase} seit {}", self.date(since);
        show_title(name: &str, as_of: NaiveDate) => "{name} — Stand {}", self.date(as_of);
        customers_as_of(as_of: NaiveDate) => "Kunden, Stand {}", self.date(as_of);
        customers_title(n: usize) => "coltiva — {}", count(self, n as i64, Noun::Customer);
        promises_title(n: usize, as_of: NaiveDate) => "coltiva — {}, Stand {}", count(self, n as i64, Noun::Promise), self.date(as_of);
        agenda_title(items: usize, as_of: NaiveDate, days: u32) => "coltiva Aufgaben — {}, Stand {}, {} voraus", count(self, items as i64, Noun::Item), self.date(as_of), count(self, days, Noun::Day);
        weekly_review(since: NaiveDate, until: NaiveDate, as_of: NaiveDate) => "Wochenrückblick {} – {} (Stand {})", self.date(since), self.date(until), self.date(as_of);
        outlook_as_of(as_of: NaiveDate) => "Ausblick, Stand {}", self.date(as_of);
        with_a_purchase(customers: usize) => "{} mit einem Kauf", count(self, customers as i64, Noun::Customer);
        outlook_table_title(horizon_days: u32) => "Kunden mit einem Kauf: die nächsten {}", count(self, horizon_days, Noun::Day);
        logged(channel: Channel, name: &str, id: &str, day: NaiveDate) => "{} mit {name} ({id}) am {} eingetragen", self.channel(channel), self.date(day);
        ordered(amount: &str, name: &str, id: &str, day: NaiveDate) => "Auftrag über {amount} von {name} ({id}) am {} eingetragen", self.date(day);
        resolved_before_promise(at: NaiveDate, promise: &str, made: NaiveDate) => "--at {} liegt vor dem Tag, an dem die Zusage {promise} gegeben wurde ({})", self.date(at), self.date(made);
        due_before_renegotiation(due: NaiveDate, at: NaiveDate) => "--due {} liegt vor der Neuvereinbarung selbst ({})", self.date(due), self.date(at);
        undo_header_edit(file: &str, changes: &[String]) => "die Änderung des Kopfteils von {file}{}", in_parens(changes, ", ");
        undo_creation(file: &str, name: Option<&str>) => "das Anlegen von {file}{}", in_parens(name.as_slice(), "");
        undo_nothing() => "nichts rückgängig zu machen: seit dem letzten undo, import, repair oder edit ist kein Schreibvorgang von diesem Rechner verzeichnet";
        checked(customers: usize, records: usize, root: &str) => "{} und {} in {root} geprüft: keine Probleme", count(self, customers as i64, Noun::Customer), count(self, records as i64, Noun::Record);
        check_found(problems: usize, files: usize, customers: usize) => "{problems} {} in {files} {} (von {customers} Kunden)", if problems == 1 { "Problem" } else { "Probleme" }, if files == 1 { "Datei" } else { "Dateien" };
        period_caption(since: NaiveDate, until: NaiveDate) => "Vom {} bis {}.", self.date(since), self.date(until);
        past_cadence_note(overdue_days: i64, cadence_days: u32) => "{} darüber, Turnus {cadence_days}", count(self, overdue_days, Noun::Day);
        timeline_title(since: NaiveDate, until: NaiveDate) => "Das letzte Jahr: {} bis {}", self.date(since), self.date(until);
        people_title(n: usize, as_of: NaiveDate) => "coltiva — {} am {}", count(self, n as i64, Noun::Person), self.date(as_of);
        contacts_not_added(n: usize) => "{} nicht hinzugefügt: jeder ist mit dem Grund aufgeführt (schreiben Sie den Namen des Kunden als ORG der Karte oder setzen Sie die domain des Kunden, dann importieren Sie erneut)", count(self, n as i64, Noun::Contact);
    }

    words! {
        row_empty_cell => "die Zelle ist leer";
        row_no_such_column => "die Datei hat keine solche Spalte";
        row_promise_needs_due => "eine Zusage braucht ein Fälligkeitsdatum";
        row_renegotiation_needs_due => "eine Neuverhandlung braucht das neue Fälligkeitsdatum";
        row_only_renegotiated_has_due => "nur eine neu verhandelte Zusage hat ein neues Fälligkeitsdatum";
        row_phase_needs_set => "ein Phasenwechsel braucht die Phase (potential | new | acquired | partner | lost | auto)";
        row_person_needs_id_or_name => "eine Personenzeile braucht die ID oder den Namen der Person";
        row_added_person_needs_name => "eine hinzugefügte Person braucht einen Namen";
        row_last_order_amount_missing => "der Betrag des letzten Auftrags fehlt";
        row_last_order_day_missing => "der Tag des letzten Auftrags fehlt";
        row_last_order_needs_both => "der letzte Auftrag braucht sowohl --map last_order=TAG-SPALTE als auch --map last_order_amount=BETRAG-SPALTE";
        row_id_from_empty => "die Zelle ist leer, und --id-from macht daraus die Kunden-ID";
        row_keep_one_row => "behalten Sie nur eine Zeile";
        found_not_utf8 => "die Datei ist kein gültiges UTF-8 (in einer anderen Kodierung gespeichert?); speichern Sie sie erneut als UTF-8";
        found_missing_name => "`name` fehlt: der Name des Kunden";
        found_empty_name => "name muss ein nicht leerer Text sein";
        found_bad_since => "since muss ein Datum wie 2024-03-01 sein";
        found_bad_tags => "tags muss eine Liste von Texten sein, etwa [\"b2b\", \"lombardia\"]";
        found_bad_cadence => "cadence muss eine Anzahl Tage oder Wochen sein, etwa \"30d\" oder \"2w\"";
        found_bad_file_name => "keine gültige Kunden-ID, daher ignoriert coltiva diese Datei; benennen Sie sie mit Kleinbuchstaben, Ziffern und Bindestrichen um (z. B. acme-spa.toml)";
        found_no_value => "kein Wert (entfernt)";
        merge_removed_value => "entfernt";
        empty_customer_reference => "die Angabe des Kunden darf nicht leer sein";
        empty_person_reference => "die Angabe der Person darf nicht leer sein";
        empty_summary => "die Zusammenfassung darf nicht leer sein";
        empty_promise => "was zugesagt wurde, darf nicht leer sein";
        person_nothing_to_change => "nichts zu ändern: geben Sie --name, --role, --email, --phone, --no-email oder --no-phone an";
        our_promise => "unsere Zusage";
        their_promise => "ihre Zusage";
        phase_auto => "Phase automatisch";
        outlook_model => "BG/NBD (Fader, Hardie & Lee 2005), Maximum-Likelihood";
        committed_detached => "coltiva: Hinweis: auf einem losgelösten HEAD committet (kein Branch ausgecheckt): der Commit liegt auf keinem Branch, und `git switch` auf einen Branch lässt ihn zurück; behalten mit `git switch -c NEUER-BRANCH`, oder `git switch main` und `git cherry-pick`";
        rej_ignored => "die .rej-Dateien von `coltiva repair` in .gitignore eingetragen: sie bleiben in diesem Klon";
        autocommit_turned_on => "autocommit in coltiva.toml eingeschaltet: jeder Schreibvorgang wird committet";
        footer => "Erstellt von coltiva. Jede Zahl steht auch im JSON desselben Befehls (--format json).";
        import_progress => "Import {bar:30} {pos}/{len} Kunden (noch {eta})";
    }
}
