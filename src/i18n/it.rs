//! Italian, as a small firm writes it: dates as 23/11/2026, a promise is feminine
//! ("mantenuta", "scaduta"), counts agree in number ("1 nuovo, 2 persi").

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

pub struct Italian;

impl Italian {
    fn day(&self, d: Option<NaiveDate>) -> String {
        d.map_or_else(|| "?".to_string(), |d| self.date(d))
    }

    /// "1 nuovo", "2 nuovi": an adjective agreeing with a count of customers (masculine).
    fn agree(n: u32, one: &str, many: &str) -> String {
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// What git was asked to do, after "a"/"per": "creare un repository".
fn git_step(step: GitStep) -> &'static str {
    match step {
        GitStep::CreateRepository => "creare un repository",
        GitStep::ReadIgnoreRules => "leggere le regole di .gitignore",
        GitStep::Stage => "preparare per il commit i file cambiati",
        GitStep::Commit => "fare il commit",
        GitStep::ReadStatus => "leggere lo stato",
        GitStep::RegisterDriver => "registrare il driver di merge",
        GitStep::SetPullRebase => "impostare pull.rebase",
    }
}

/// "una cartella", "un file speciale": what a path is instead, with its article.
fn file_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Fifo => "una pipe con nome (FIFO)",
        FileKind::Socket => "un socket",
        FileKind::Device => "un dispositivo",
        FileKind::Symlink => "un collegamento simbolico",
        FileKind::Folder => "una cartella",
        FileKind::File => "un file normale",
        FileKind::Other => "un file speciale",
    }
}

/// What to do about a failed write: a clause the sentence goes on from.
fn what_to_do(advice: Advice) -> &'static str {
    match advice {
        Advice::FreeSpace => "libera spazio sul disco",
        Advice::CheckDisk => "controlla il disco (è pieno, in sola lettura o guasto?)",
    }
}

/// Why a text is no customer id (a refused id, and an import row's).
fn bad_id(bad: &BadId) -> String {
    match bad {
        BadId::Malformed(id) => format!(
            "l'id cliente {id:?} non è valido: usa da 1 a {MAX_ID_LEN} lettere minuscole, cifre e trattini, cominciando con una lettera o una cifra"
        ),
        BadId::Reserved(id) => format!(
            "l'id {id:?} è un nome di dispositivo riservato di Windows, dove una copia del giornale non potrebbe contenere il file"
        ),
    }
}

/// Where to give another id.
fn id_fix(fix: IdFix) -> &'static str {
    match fix {
        IdFix::WithId => "scegline un altro con --id",
        IdFix::NewId => "scegli un altro nuovo id",
    }
}

impl Catalogue for Italian {
    fn date(&self, day: NaiveDate) -> String {
        day.format("%d/%m/%Y").to_string()
    }

    fn day_month(&self, day: NaiveDate) -> String {
        day.format("%d/%m").to_string()
    }

    fn month(&self, month0: u32) -> &'static str {
        const MONTHS: [&str; 12] = [
            "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
        ];
        MONTHS[month0 as usize % 12]
    }

    fn label(&self, label: Label) -> &'static str {
        use Label::*;
        match label {
            Id => "id",
            Name => "nome",
            Kind => "tipo",
            Phase => "fase",
            Orders => "ordini",
            Total => "totale",
            LastContact => "ultimo contatto",
            LastOrder => "ultimo ordine",
            Days => "giorni",
            DueIn => "quando",
            DaysSince => "giorni senza contatto",
            File => "file",
            Line => "riga",
            Problem => "problema",
            Fix => "rimedio",
            Cadence => "cadenza",
            Overdue => "in ritardo",
            KeptUs => "mantenute noi",
            KeptThem => "mantenute loro",
            Promise => "promessa",
            Customer => "cliente",
            By => "chi",
            What => "cosa",
            Made => "fatta il",
            Due => "scadenza",
            Status => "stato",
            Resolved => "risolta il",
            Since => "cliente dal",
            Tags => "etichette",
            Because => "perché",
            Contacts => "contatti",
            OurPromises => "promesse nostre",
            TheirPromises => "promesse loro",
            TheirPayments => "loro pagamenti",
            Day => "giorno",
            From => "da",
            To => "a",
            Rule => "regola",
            Note => "nota",
            At => "quando",
            Details => "dettagli",
            ThisPeriod => "questo periodo",
            Counts => "conteggi",
            Last90Days => "ultimi 90 giorni",
            Counts90Days => "conteggi (90 giorni)",
            Channel => "canale",
            Customers => "clienti",
            OverduePromises => "promesse scadute",
            DueNext7Days => "in scadenza nei prossimi 7 giorni",
            PastTheirCadence => "oltre la cadenza",
            Outlook => "previsione",
            When => "quando",
            Do => "da fare",
            Value => "valore",
            CustomersTitle => "Clienti",
            PromisesTitle => "Promesse",
            AgendaTitle => "Agenda",
            PhaseTimeline => "Storia delle fasi",
            OpenPromises => "Promesse aperte",
            KeptRates => "Promesse mantenute (promesse in scadenza nel periodo)",
            PastCadenceTitle => "Oltre la cadenza (prima i più in ritardo)",
            CustomersByPhase => "Clienti per fase",
            LostWorthACall => "Clienti persi da richiamare (prima chi ha ordinato di più)",
            ContactsInPeriod => "Contatti nel periodo",
            OverdueOursFirst => "Promesse scadute (prima le nostre)",
            DueSoonOursFirst => "In scadenza nei prossimi 7 giorni (prima le nostre)",
            ResolvedInPeriod => "Risolte nel periodo",
            SlippingAway => {
                "Clienti che si allontanano: non ancora persi, P(attivo) sotto il 50% (prima chi vale di più)"
            }
            SlippingNoModel => {
                "Clienti che si allontanano: ancora nessun modello per questo giornale (vedi `coltiva outlook`)"
            }
            LastPurchase => "ultimo acquisto",
            PAlive => "P(attivo)",
            AtStake => "in gioco (90 giorni)",
            NoneSlipping => "nessun cliente si sta allontanando",
            Model => "modello",
            FittedTo => "stimato su",
            AlphaDays => "alpha (giorni)",
            LogLikelihood => "log-verosimiglianza",
            HorizonDays => "orizzonte (giorni)",
            Repeat => "riacquisti",
            FirstToLast => "primo→ultimo",
            FirstToToday => "primo→oggi",
            Expected => "attesi",
            DaysBetween => "giorni tra acquisti",
            Average => "media",
            NoCustomerWithAPurchase => "nessun cliente con un acquisto",
            OrderTotal => "totale ordini",
            KeptUsParen => "mantenute (noi)",
            KeptThemParen => "mantenute (loro)",
            KeptUs90 => "mantenute (noi, 90 giorni)",
            KeptThem90 => "mantenute (loro, 90 giorni)",
            PastCadence => "fuori cadenza",
            ContactsPerWeek => "Contatti per settimana, ultime 12 settimane, per canale",
            KeptPerMonth => "Promesse mantenute per mese, ultimi 12 mesi",
            PhaseMovesTitle => "Cambi di fase nel periodo",
            PastCadenceChart => "Oltre la cadenza",
            NoCustomers => "nessun cliente",
            NoCustomersMatch => "nessun cliente corrisponde",
            NoPromises => "nessuna promessa",
            NoPromisesMatch => "nessuna promessa corrisponde",
            NoPhaseYet => "ancora nessuna fase",
            InternalNoPhase => "un cliente interno non ha una fase del ciclo di vita",
            NoRecordsYet => "ancora nessuna registrazione",
            NoOpenPromises => "nessuna promessa aperta",
            EveryoneHeard => "tutti hanno avuto tue notizie in tempo",
            NoPhaseChanges => "nessun cambio di fase",
            NoLostCustomers => "nessun cliente perso",
            NoOverduePromises => "nessuna promessa scaduta",
            NothingDueIn7Days => "niente in scadenza nei prossimi 7 giorni",
            NoneResolved => "nessuna promessa risolta nel periodo",
            NothingToDo => "niente da fare",
            NothingDue => {
                "niente da fare: nessuna promessa da mantenere o sollecitare, nessun cliente da contattare"
            }
            Us => "noi",
            Them => "loro",
            UsInternal => "noi (interni)",
            ThemInternal => "loro (interni)",
            WonBack => "riconquistato",
            Keep => "mantenere",
            Chase => "sollecitare",
            ContactCustomer => "contattare",
            ContactMark => "contatto",
            Order => "ordine",
            NewCustomers => "nuovi clienti",
            Acquired => "acquisiti",
            Lost => "persi",
            WonBackBar => "riconquistati",
            Partner => "partner",
            Other => "altri",
            People => "Persone",
            Person => "persona",
            Role => "ruolo",
            Email => "e-mail",
            Phone => "telefono",
            Left => "uscita",
            NoPeople => "nessuna persona",
            AtRisk => "a rischio",
            AccountsAtRisk => "Clienti a rischio",
            NoAccountAtRisk => "nessun cliente a rischio",
            Why => "perché",
            Whom => "chi",
            SearchTitle => "Ricerca",
            Text => "testo",
            NoMatches => "nessun risultato",
            MailTitle => "Messaggi",
            Subject => "oggetto",
            Outcome => "esito",
            Logged => "registrato",
            AlreadyLogged => "già registrato",
            WouldLog => "da registrare",
            NotLogged => "non registrato",
            Skipped => "saltato",
            NoMessages => "nessun messaggio",
            ContactsTitle => "Contatti",
            Org => "azienda",
            Added => "aggiunto",
            WouldAdd => "da aggiungere",
            AlreadyThere => "già presente",
            NotAdded => "non aggiunto",
            NoContacts => "nessun contatto",
        }
    }

    fn nouns(&self, noun: Noun) -> (&'static str, &'static str) {
        use Noun::*;
        match noun {
            Day => ("giorno", "giorni"),
            Week => ("settimana", "settimane"),
            Customer => ("cliente", "clienti"),
            InternalCustomer => ("cliente interno", "clienti interni"),
            Promise => ("promessa", "promesse"),
            Record => ("registrazione", "registrazioni"),
            Contact => ("contatto", "contatti"),
            Item => ("voce", "voci"),
            CustomerFile => ("file cliente", "file cliente"),
            Person => ("persona", "persone"),
            Match => ("risultato", "risultati"),
            Message => ("messaggio", "messaggi"),
        }
    }

    fn phase(&self, phase: ShownPhase) -> &'static str {
        match phase {
            ShownPhase::Internal => "interno",
            ShownPhase::Lifecycle(p) => match p {
                Phase::Potential => "potenziale",
                Phase::New => "nuovo",
                Phase::Acquired => "acquisito",
                Phase::Partner => "partner",
                Phase::Lost => "perso",
            },
        }
    }

    fn kind(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::External => "esterno",
            Kind::Internal => "interno",
        }
    }

    fn channel(&self, channel: Channel) -> &'static str {
        match channel {
            Channel::Call => "telefonata",
            Channel::Email => "email",
            Channel::Meeting => "riunione",
            Channel::Visit => "visita",
            Channel::Message => "messaggio",
            Channel::Note => "nota",
        }
    }

    fn direction(&self, direction: Direction) -> &'static str {
        match direction {
            Direction::In => "in entrata",
            Direction::Out => "in uscita",
        }
    }

    fn party(&self, party: Party) -> &'static str {
        match party {
            Party::Us => "noi",
            Party::Them => "loro",
        }
    }

    fn status(&self, status: PromiseStatus, plural: bool) -> &'static str {
        use PromiseStatus::*;
        match (status, plural) {
            (Kept, false) => "mantenuta",
            (Kept, true) => "mantenute",
            (Late, false) => "tardiva",
            (Late, true) => "tardive",
            (Broken, false) => "mancata",
            (Broken, true) => "mancate",
            (Overdue, false) => "scaduta",
            (Overdue, true) => "scadute",
            (Open, false) => "aperta",
            (Open, true) => "aperte",
            (Cancelled, false) => "annullata",
            (Cancelled, true) => "annullate",
        }
    }

    fn resolution(&self, status: ResolutionStatus) -> &'static str {
        match status {
            ResolutionStatus::Kept => "mantenuta",
            ResolutionStatus::Broken => "mancata",
            ResolutionStatus::Renegotiated => "rinegoziata",
            ResolutionStatus::Cancelled => "annullata",
        }
    }

    fn rule(&self, rule: PhaseRule) -> &'static str {
        match rule {
            PhaseRule::Pinned => "fissata",
            PhaseRule::NoOrder => "nessun ordine",
            PhaseRule::Lost => "perso",
            PhaseRule::New => "nuovo",
            PhaseRule::Acquired => "acquisito",
            PhaseRule::Internal => "interno",
        }
    }

    fn cadence_source(&self, source: &str) -> String {
        match source.split_once(':') {
            Some(("tag", tag)) => format!("etichetta {tag}"),
            Some(("phase", phase)) => match phase.parse::<Phase>() {
                Ok(p) => format!("fase {}", self.phase(ShownPhase::Lifecycle(p))),
                Err(_) => format!("fase {phase}"),
            },
            _ => match source {
                "default" => "predefinita",
                "customer" => "del cliente",
                other => other,
            }
            .to_string(),
        }
    }

    fn phase_receipt(&self, a: &PhaseAssessment, new_days: u32, lost_days: u32) -> String {
        let as_of = self.date(a.as_of);
        match a.rule {
            PhaseRule::Pinned => {
                let mut s = format!("fissata il {}", self.day(a.pin_day));
                if let Some(reason) = a.pin_reason.as_deref().filter(|r| !r.trim().is_empty()) {
                    s.push_str(": ");
                    s.push_str(reason.trim());
                }
                s
            }
            PhaseRule::NoOrder => format!("nessun ordine fino al {as_of}"),
            PhaseRule::Internal => {
                "cliente interno: colleghi e agenti non hanno una fase del ciclo di vita"
                    .to_string()
            }
            PhaseRule::Lost => format!(
                "l'ultimo ordine, del {}, è di più di {lost_days} giorni prima del {as_of}",
                self.day(a.last_order),
            ),
            PhaseRule::New => format!(
                "il primo ordine, del {}, è entro {new_days} giorni dal {as_of}",
                self.day(a.first_order),
            ),
            PhaseRule::Acquired => format!(
                "il primo ordine, del {}, è di più di {new_days} giorni fa e l'ultimo, del {}, entro {lost_days} giorni",
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
                "{n} per un totale di {total} (il primo {}, l'ultimo {})",
                self.date(first),
                self.date(last)
            ),
            _ => format!("{n} per un totale di {total}"),
        }
    }

    fn last_contact(&self, day: Option<NaiveDate>, days: Option<i64>) -> String {
        match (day, days) {
            (Some(day), Some(0)) => format!("{} (oggi)", self.date(day)),
            (Some(day), Some(days)) => {
                format!("{} ({} fa)", self.date(day), count(self, days, Noun::Day))
            }
            (None, Some(days)) => format!("mai ({} dall'inizio)", count(self, days, Noun::Day)),
            _ => "mai".into(),
        }
    }

    fn cadence(&self, days: u32, source: &str, overdue_days: i64) -> String {
        let state = if overdue_days > 0 {
            format!("in ritardo di {}", count(self, overdue_days, Noun::Day))
        } else {
            "in tempo".into()
        };
        format!("ogni {} ({source}); {state}", count(self, days, Noun::Day))
    }

    fn contact_days(&self, days: u32, mean_gap: &str, longest: &str) -> String {
        format!(
            "{} con contatti; intervallo medio {mean_gap} giorni, il più lungo {longest}",
            count(self, days, Noun::Day)
        )
    }

    fn records_title(&self, shown: usize, total: usize) -> String {
        if shown < total {
            format!("Ultime {shown} di {total} registrazioni (--all per vederle tutte)")
        } else {
            format!("Registrazioni ({total})")
        }
    }

    fn due_in(&self, days: i64) -> String {
        match days.cmp(&0) {
            std::cmp::Ordering::Equal => "oggi".into(),
            std::cmp::Ordering::Greater => format!("tra {}", count(self, days, Noun::Day)),
            std::cmp::Ordering::Less => {
                format!("scaduta da {}", count(self, -days, Noun::Day))
            }
        }
    }

    fn due_by(&self, day: Option<NaiveDate>) -> String {
        match day {
            Some(day) => format!("Da fare entro il {}", self.date(day)),
            None => "Da fare entro la fine dei tempi".into(),
        }
    }

    fn when(&self, days: i64) -> String {
        match days.cmp(&0) {
            std::cmp::Ordering::Less => format!("{} fa", count(self, -days, Noun::Day)),
            _ => self.due_in(days),
        }
    }

    fn agenda_contact(&self, last: Option<NaiveDate>, cadence_days: u32) -> String {
        let every = count(self, cadence_days, Noun::Day);
        match last {
            Some(day) => format!("ultimo contatto {}, ogni {every}", self.date(day)),
            None => format!("ancora nessun contatto, ogni {every}"),
        }
    }

    fn customers_by_phase_internal(&self, internal: u32) -> String {
        format!(
            "Clienti per fase (esterni; {} {})",
            count(self, internal, Noun::InternalCustomer),
            if internal == 1 { "escluso" } else { "esclusi" }
        )
    }

    fn phase_changes(&self, m: &PhaseMoves) -> String {
        let mut title = format!(
            "Cambi di fase nel periodo: {}, {}, {}, {}",
            Italian::agree(m.new_customers, "nuovo", "nuovi"),
            Italian::agree(m.acquisitions, "acquisito", "acquisiti"),
            Italian::agree(m.losses, "perso", "persi"),
            Italian::agree(m.win_backs, "riconquistato", "riconquistati"),
        );
        if m.partners > 0 {
            title.push_str(&format!(", {} partner", m.partners));
        }
        if m.other > 0 {
            title.push_str(&format!(", {}", Italian::agree(m.other, "altro", "altri")));
        }
        title
    }

    fn by_key(&self, key: &str) -> String {
        match key {
            "tag" => "Per etichetta".into(),
            key => format!("Per {key}"),
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
            "storia di acquisti troppo breve per stimare il modello: {} con un acquisto e {repeat} {} in due o più giorni; ne servono almeno {min} e {min_repeat}",
            count(self, customers as i64, Noun::Customer),
            if repeat == 1 {
                "che ha comprato"
            } else {
                "che hanno comprato"
            }
        )
    }

    fn promised(&self, promise: &str, by: Party, name: &str, id: &str, due: NaiveDate) -> String {
        let whose = match by {
            Party::Us => "nostra",
            Party::Them => "loro",
        };
        format!(
            "promessa {promise} ({whose}) con {name} ({id}), scadenza {}",
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
                format!("rinegoziata al {}", self.date(due))
            }
            _ => self.resolution(status).to_string(),
        };
        format!("promessa {promise} ({name}) {what} il {}", self.date(day))
    }

    fn phase_set(&self, name: &str, id: &str, pin: Option<Phase>, day: NaiveDate) -> String {
        match pin {
            Some(p) => format!(
                "{name} ({id}) fissato come {} dal {}",
                self.phase(ShownPhase::Lifecycle(p)),
                self.date(day)
            ),
            None => format!(
                "{name} ({id}) torna alla fase calcolata dal {}",
                self.date(day)
            ),
        }
    }

    fn invalid_date(&self, text: &str, problem: DateProblem) -> String {
        let why = match problem {
            DateProblem::Unknown(order) => {
                let slashes = match order {
                    DateOrder::Dmy => "20/11/2026, ",
                    DateOrder::Mdy => "11/20/2026, ",
                    DateOrder::Ymd => "",
                };
                format!(
                    "usa {slashes}AAAA-MM-GG, AAAA-MM-GGTHH:MM, oggi, ieri, domani, dopodomani, \
                     l'altro ieri, venerdì, venerdì prossimo, 15 gennaio, tra due giorni, tre \
                     giorni fa, entro venerdì, fine mese, +3d o -2w"
                )
            }
            DateProblem::OutOfRange => "fuori dall'intervallo delle date".into(),
            DateProblem::NotACalendarDate => "non è una data del calendario".into(),
            DateProblem::NotATimeOfDay => "non è un'ora del giorno valida".into(),
            DateProblem::NotAnOffset => "non è un fuso orario valido".into(),
            DateProblem::NotRepresentable => "non è un momento rappresentabile".into(),
            DateProblem::SlashShape => {
                "scrivi una data con le barre come 20/11/2026 o 20/11".into()
            }
            DateProblem::TwoDigitYear => "scrivi l'anno con quattro cifre (20/11/2026)".into(),
            DateProblem::NoSlashOrder => "questo giornale non legge date con le barre; scrivi \
                 AAAA-MM-GG, o imposta date_order = \"dmy\" sotto [locale] in coltiva.toml"
                .into(),
            DateProblem::Unsigned => {
                "scrivi +N per contare in avanti o -N per contare indietro (es. +3d, -3d)".into()
            }
        };
        format!("data non valida {text:?}: {why}")
    }

    fn invalid_amount(&self, e: &AmountError) -> String {
        let mark = e.mark;
        let example = mark.example();
        let (decimals, thousands) = match mark {
            DecimalMark::Comma => ("la virgola", "il punto"),
            DecimalMark::Dot => ("il punto", "la virgola"),
        };
        let why = match &e.problem {
            AmountProblem::NotANumber => format!("serve un numero come {example}"),
            AmountProblem::TwoDecimalMarks => {
                format!("più di un segno decimale; scrivi un numero come {example}")
            }
            AmountProblem::MarksSwapped => format!(
                "in questo giornale i decimali vanno con {decimals} e le migliaia con {thousands}, es. {}",
                mark.grouped_example()
            ),
            AmountProblem::OtherMark => format!(
                "in questo giornale i decimali vanno con {decimals}, es. {example}; le migliaia con {thousands}, tre cifre per gruppo"
            ),
            AmountProblem::TwoWays {
                thousands,
                decimal,
                grouped,
            } => format!(
                "si può leggere in due modi, {thousands} o {decimal}; scrivi {thousands} (o {grouped}) o {decimal}"
            ),
            AmountProblem::TooManyDecimals => "al massimo due decimali (i centesimi)".into(),
            AmountProblem::TooLarge => "troppo grande".into(),
        };
        format!("importo non valido {:?}: {why}", e.text)
    }

    fn after_today(&self, at: &str, today: NaiveDate) -> String {
        format!(
            "{at} è dopo oggi ({}); le registrazioni dicono ciò che è già successo",
            self.date(today)
        )
    }

    fn bad_reference(&self, r: &ReferenceError) -> String {
        // The noun's gender decides the adjective's ending.
        let (what, unknown, ambiguous) = match r.what {
            "promise" => ("la promessa", "sconosciuta", "ambigua"),
            "person" => ("la persona", "sconosciuta", "ambigua"),
            "customer" => ("il cliente", "sconosciuto", "ambiguo"),
            other => (other, "sconosciuto", "ambiguo"),
        };
        let list = r.candidates.join(", ");
        match (r.ambiguous, r.candidates.is_empty()) {
            (true, _) => format!("{what} {:?} è {ambiguous}; può essere: {list}", r.query),
            (false, true) => format!("{what} {:?} è {unknown}", r.query),
            (false, false) => format!("{what} {:?} è {unknown}; forse cercavi: {list}", r.query),
        }
    }

    fn not_committed(&self, files: &str, op: InProgress, commit: &str) -> String {
        let (finish, abort) = op.commands();
        let rebase = op == InProgress::Rebase;
        let op = match op {
            InProgress::Merge => "un merge (`git merge` o `git pull`)",
            InProgress::Rebase => "un rebase (`git rebase` o `git pull --rebase`)",
            InProgress::CherryPick => "un cherry-pick",
            InProgress::Revert => "un revert",
        };
        let abort = if rebase {
            format!("attenzione: {abort} la butterebbe via")
        } else {
            format!("{abort} la conserva")
        };
        format!(
            "coltiva: la modifica è salvata in {files} ma non registrata in git: in questo repository è in corso {op}. Resta nella cartella di lavoro, fuori dall'area di stage ({abort}); se risolve un file in conflitto, `git add {files}` e `{finish}`; altrimenti, finito quello, registrala: {commit}"
        )
    }

    fn forget_history(&self, file: &str) -> String {
        format!(
            "nota: il giornale è un repository git, quindi la sua storia (e ogni clone) contiene ancora {file}.\n\
             Registra la cancellazione (git rm {file}; git commit), poi riscrivi la storia per toglierlo:\n  \
             git filter-repo --invert-paths --path {file}\n\
             e fai un force-push; chiedi a chi ha un clone di clonare di nuovo."
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
                "byte NUL dalla riga {from_line} in poi, nessuna registrazione: una scrittura i cui dati non sono mai arrivati sul disco"
            ),
            1 => format!("1 registrazione dalla riga {from_line} in poi"),
            n => format!("{n} registrazioni dalla riga {from_line} in poi"),
        };
        format!(
            "riparato {id}: spostati {bytes} byte ({what}) in {rej}\nil resto del file è intatto e si legge; ricopia dal file .rej quello che vuoi tenere"
        )
    }

    fn already_resolved(&self, promise: &str, status: ResolutionStatus, on: NaiveDate) -> String {
        format!(
            "la promessa {promise} è già stata {} il {}; non è stato registrato niente",
            self.resolution(status),
            self.date(on)
        )
    }

    fn undo_appended(&self, file: &str, many: bool, records: &[String]) -> String {
        let what = match many {
            true => "le registrazioni aggiunte",
            false => "la registrazione aggiunta",
        };
        format!("{what} a {file}{}", in_parens(records, "; "))
    }

    fn undo_refused(&self, what: &str, gone: bool, id: &str) -> String {
        let why = match gone {
            true => "il file non c'è più",
            false => "il file è cambiato dopo quella scrittura (un'altra scrittura o una modifica)",
        };
        format!(
            "impossibile annullare {what}: {why}; nulla è cambiato (guardalo con `coltiva show {id}`, correggilo con `coltiva edit {id}`)"
        )
    }

    fn repeated(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String {
        // The pronoun agrees with the record: lo stesso ordine, registrarlo; la stessa
        // promessa, registrarla.
        let (what, it) = match kind {
            Table::Order => ("lo stesso ordine", "Registrarlo"),
            Table::Promise => ("la stessa promessa", "Registrarla"),
            _ => ("lo stesso contatto", "Registrarlo"),
        };
        let twice = if kind == Table::Promise {
            "la conterebbe"
        } else {
            "lo conterebbe"
        };
        format!(
            "{name} ({id}) ha già {what} in quel giorno ({earlier}); non è stato registrato niente. {it} di nuovo {twice} due volte: se è voluto, aggiungi --again"
        )
    }

    fn unreadable_left_out(&self, n: usize) -> String {
        match n {
            1 => "1 file cliente non si legge ed è escluso dal risultato".to_string(),
            n => format!("{n} file cliente non si leggono e sono esclusi dal risultato"),
        }
    }

    fn already_a_journal(&self, root: &str, locale: Option<&str>) -> String {
        match locale {
            Some(name) => format!(
                "{root} è già un giornale; le sue impostazioni non sono cambiate (per --locale {name}, aggiungi una tabella [locale] al suo coltiva.toml: vedi docs/FORMAT.md)"
            ),
            None => format!("{root} è già un giornale; le sue impostazioni non sono cambiate"),
        }
    }

    fn repository_created(&self, root: &str, inside: Option<&str>) -> String {
        match inside {
            Some(top) => format!(
                "creato un repository git tutto suo in {root} (la cartella sta dentro il repository in {top}, che coltiva lascia stare)"
            ),
            None => format!("creato un repository git in {root}"),
        }
    }

    fn git_set_up(&self, written: bool) -> &'static str {
        if written {
            "pronto per git: i file cliente si uniscono registrazione per registrazione con il merge driver di coltiva (.gitattributes), i file locali sono ignorati (.gitignore)"
        } else {
            "registrato il merge driver di coltiva per i file cliente in questo clone"
        }
    }

    fn record_kinds(&self, kind: Table) -> (&'static str, &'static str) {
        match kind {
            Table::Interaction => ("contatto", "contatti"),
            Table::Order => ("ordine", "ordini"),
            Table::Promise => ("promessa", "promesse"),
            Table::Resolution => ("esito", "esiti"),
            Table::Phase => ("cambio di fase", "cambi di fase"),
            Table::Person => ("scheda persona", "schede persona"),
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
        let new = if new == 1 {
            "1 nuovo".to_string()
        } else {
            format!("{new} nuovi")
        };
        let clients = count(self, customers as i64, Noun::Customer);
        let what = if kinds.is_empty() {
            // "cliente" is masculine here: importato, importati.
            let done = if customers == 1 {
                "importato"
            } else {
                "importati"
            };
            format!("{done} {clients} ({new}) senza registrazioni")
        } else {
            let records: usize = kinds.iter().map(|(_, n)| n).sum();
            // "registrazione" is feminine: importata, importate.
            let done = if records == 1 {
                "importata"
            } else {
                "importate"
            };
            format!(
                "{done} {} ({}) per {clients} ({new})",
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
            1 => "; 1 riga era già nel giornale".to_string(),
            n => format!("; {n} righe erano già nel giornale"),
        };
        format!("{what} da {from}{already}")
    }

    fn contacts_caption(&self, total: u32, span: Option<(NaiveDate, NaiveDate)>) -> String {
        match span {
            Some((since, until)) => format!(
                "{} dal {} al {}, in settimane di sette giorni indicate dal loro ultimo giorno; ogni canale ha la sua trama.",
                count(self, total, Noun::Contact),
                self.date(since),
                self.date(until)
            ),
            None => "Nessuna settimana da mostrare.".into(),
        }
    }

    fn kept_rates_caption(&self) -> &'static str {
        "Mantenute ÷ (mantenute + tardive + mancate + scadute) tra le promesse dei clienti esterni \
         in scadenza in ogni mese; le nostre come punti su una linea continua, le loro come \
         quadrati su una linea tratteggiata; un mese senza promesse di questo tipo non ha punto."
    }

    fn phase_counts_caption(&self, as_of: NaiveDate) -> String {
        format!(
            "Al {}; i clienti interni non sono contati.",
            self.date(as_of)
        )
    }

    fn past_cadence_caption(&self, drawn: usize, all: usize) -> String {
        let mut text = "Giorni dall'ultimo contatto; la tacca tratteggiata è la cadenza, la parte a righe i giorni oltre la cadenza.".to_string();
        if all > drawn {
            text.push_str(&format!(
                " I {drawn} più in ritardo su {all}; la tabella li elenca tutti."
            ));
        }
        text
    }

    fn timeline_caption(&self) -> &'static str {
        "Le fasi in alto; sotto, i contatti (punti, più grandi se più d'uno al giorno), gli ordini \
         (rombi) e le promesse dal giorno in cui sono fatte a quello in cui sono decise o \
         scadono: mantenuta (punto), tardiva (triangolo), mancata (croce), aperta (anello), \
         scaduta (quadrato), annullata (trattino)."
    }

    fn at_risk(&self, risk: &crate::metrics::people::Risk) -> String {
        use crate::metrics::people::Risk;
        match risk {
            Risk::EveryoneLeft => "sono uscite tutte le persone".into(),
            Risk::RestsOnOne {
                person_name: Some(name),
                ..
            } => format!("il rapporto poggia solo su {name}"),
            Risk::RestsOnOne {
                person_name: None, ..
            } => "nessuna persona sentita è ancora presente".into(),
        }
    }

    fn person_line(&self, p: &crate::model::Person) -> (String, String) {
        let event = match p.event {
            crate::model::PersonEvent::Added => "persona aggiunta",
            crate::model::PersonEvent::Changed => "persona modificata",
            crate::model::PersonEvent::Left => "persona uscita",
        };
        (event.into(), p.summary("ruolo tolto"))
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
            Added => format!("aggiunta {person} ({pid}) a {name} ({id}) il {day}"),
            Changed => format!("modificata {person} ({pid}) di {name} ({id}) il {day}"),
            Left => format!("{person} ({pid}) è uscita da {name} ({id}) il {day}"),
        }
    }

    fn rule_broken(&self, r: &crate::error::RuleBroken) -> String {
        use crate::error::RuleBroken::*;
        match r {
            CustomerName => "il nome di un cliente deve avere caratteri visibili e nessun carattere di controllo (a capo, tabulazioni)".into(),
            Tag { text } => format!(
                "etichetta non valida {text:?}: un'etichetta vuole caratteri visibili e nessun carattere di controllo"
            ),
            AttributeKey { context } => format!(
                "{context}: la chiave di un attributo è fatta di lettere, cifre, _ e - (le lettere accentate si scrivono senza accento: città è citta)"
            ),
            OwnKey { context, key } => format!(
                "{context}: {key} ha un'opzione sua o non si imposta così"
            ),
            AttributePair { pair } => format!(
                "--set {pair:?}: atteso CHIAVE=VALORE, es. zona=Brescia"
            ),
            AttributeIsId { pair } => format!(
                "--set {pair:?}: l'id di un cliente è il nome del suo file, non un attributo; indicalo con --id"
            ),
            AttributeValue { context } => format!(
                "{context}: il valore di un attributo è una riga di testo senza caratteri di controllo (a capo, tabulazioni, sequenze di escape); scrivilo su una riga"
            ),
            PersonId { id } => format!(
                "id di persona non valido {id:?}: usa da 1 a 64 lettere minuscole, cifre e trattini, iniziando con una lettera o una cifra"
            ),
            PersonName => "il nome di una persona deve avere caratteri visibili e nessun carattere di controllo (a capo, tabulazioni)".into(),
            Role { text } => format!(
                "ruolo non valido {text:?}: una sola riga, senza caratteri di controllo"
            ),
            Email { text } => format!(
                "indirizzo e-mail non valido {text:?}: atteso nome@dominio.it, es. paola@acme.it"
            ),
            Phone { text } => format!(
                "numero di telefono non valido {text:?}: solo cifre, spazi e + ( ) - . /, es. \"+39 030 1234567\""
            ),
        }
    }

    fn refusal_sentence(&self, s: Sentence<'_>) -> String {
        use Sentence::*;
        match s {
            NoIdFromName(name) => format!(
                "impossibile ricavare un id dal nome {name:?}: non ha né lettere né cifre; indicane uno con --id"
            ),
            IdTaken(id, path) => format!("esiste già un cliente {id} ({path}); scegli un altro id"),
            NewerSchema(path, schema, understood) => format!(
                "{path}: lo schema {schema} è più recente di quello che questo coltiva conosce (schema {understood}); aggiorna coltiva"
            ),
            ZeroDays(path) => format!("{path}: new_days e lost_days devono valere almeno 1"),
            Symlink(path) => format!(
                "{path} è un collegamento simbolico; coltiva legge e scrive solo file normali dentro il giornale (sostituisci il collegamento con il file stesso)"
            ),
            NotRegular(path, kind) => format!(
                "{path} non è un file normale (è {kind}); spostalo fuori dal giornale, poi esegui di nuovo il comando",
                kind = file_kind(kind)
            ),
            SymlinkFolder(path) => format!(
                "{path} è un collegamento simbolico; coltiva legge e scrive solo dentro il giornale, e un collegamento (magari messo in un commit da qualcun altro) potrebbe puntare ovunque: sostituiscilo con una cartella vera, poi esegui di nuovo il comando"
            ),
            NotAFolder(path, kind) => format!(
                "{path} dovrebbe essere una cartella ma è {kind}; spostalo fuori dal giornale, poi esegui di nuovo il comando",
                kind = file_kind(kind)
            ),
            ReplaceBusy(path, error) => format!(
                "impossibile sostituire {path}: {error}; è aperto in un altro programma (un editor, un foglio di calcolo, un programma di sincronizzazione o un antivirus)? chiudilo, poi esegui di nuovo il comando; nulla è cambiato"
            ),
            OpenBusy(path, error) => format!(
                "impossibile aprire {path}: {error}; un altro programma lo tiene aperto e non lo lascia leggere a nessun altro (un foglio di calcolo, un editor?): chiudilo lì, poi esegui di nuovo il comando"
            ),
            Gone(id, path) => format!(
                "il file del cliente {id:?} ({path}) non c'è più; è stato cancellato con forget o spostato?"
            ),
            KeepsBeingReplaced(path) => {
                format!("{path} continua a essere sostituito mentre coltiva lo aspetta; riprova")
            }
            NotWritten(path, error, flush, advice) => format!(
                "impossibile {} {path}: {error}; non è stato salvato nulla, il giornale è com'era; {advice}, poi esegui di nuovo il comando",
                if flush {
                    "completare sul disco la scrittura di"
                } else {
                    "scrivere"
                },
                advice = what_to_do(advice)
            ),
            FolderNotFlushed(path, error, advice) => format!(
                "impossibile completare sul disco la scrittura della cartella {path}: {error}; ciò che vi è stato appena scritto potrebbe non sopravvivere a un arresto improvviso o a un'interruzione di corrente; {advice}, poi esegui `coltiva check`",
                advice = what_to_do(advice)
            ),
            NotAppended(path, error, advice) => format!(
                "impossibile scrivere in {path}: {error}; non è stato salvato nulla, il file è esattamente com'era; {advice}, poi esegui di nuovo il comando",
                advice = what_to_do(advice)
            ),
            NotAppendedNorUndone(path, error, undo, advice, repair) => format!(
                "impossibile scrivere in {path}: {error}, e impossibile togliere la scrittura incompleta ({undo}): il file potrebbe finire con una registrazione incompleta; {advice}, poi esegui `{repair}` e di nuovo il comando",
                advice = what_to_do(advice)
            ),
            EditWouldNotPass => "il file modificato non supererebbe `coltiva check`:".into(),
            EditedMeanwhile(path, kept) => format!(
                "{path} è cambiato mentre lo modificavi; non è stato sostituito. La tua versione modificata è conservata in {kept}"
            ),
            RepairNothingParses(error, id) => format!(
                "{error}\nnessuna parte del file si legge, nemmeno l'intestazione; correggilo a mano con `coltiva edit {id}`"
            ),
            RepairTooMany(error, records, line, path, id) => format!(
                "{error}\nrepair sposterebbe {records} registrazioni (dalla riga {line}) in {path}.rej; il problema non è solo un'ultima registrazione rotta.\ncorreggilo a mano con `coltiva edit {id}`, o esegui `coltiva repair {id} --force` per metterle da parte"
            ),
            RepairNotMoved(said, path, rej) => format!(
                "{said}\nnon è stato spostato nulla: {path} è com'era, e {rej} contiene una copia della sua coda rotta"
            ),
            RepairCopyLeft(said, rej, path, undo, id) => format!(
                "{said}\n{rej} contiene ora anche una copia della coda che è ancora in {path} (toglierla non è riuscito: {undo}); cancella quella copia dalla fine del file prima di eseguire di nuovo `coltiva repair {id}`"
            ),
            SettingsNotParsed(path, error, autocommit) => format!(
                "{path} non si legge ({error}); correggilo, poi imposta a mano [git] autocommit = {autocommit}"
            ),
            GitNotATable(path, autocommit) => format!(
                "{path}: git non è una tabella; scrivi a mano [git] autocommit = {autocommit}"
            ),
            UndoLogDamaged(path, error) => format!(
                "{path} è danneggiato ({error}); cancellalo (undo allora non avrà nulla da annullare)"
            ),
            CommitNotFlushed(error) => format!(
                "il commit è stato fatto, ma i file di git non sono stati scritti sul disco fino in fondo, quindi un arresto improvviso potrebbe ancora perderlo: {error}"
            ),
            SettingsNotAFile(path, kind) => format!(
                "{path} è {kind}, non un file di impostazioni; spostalo fuori dal giornale, poi esegui di nuovo `coltiva init`",
                kind = file_kind(kind)
            ),
            SettingsUnreadable(p, error) => format!("{p} esiste ma non si può leggere ({error})"),
            SettingsOnlyNul(p) => format!(
                "{p} esiste ma contiene solo byte NUL (era in creazione quando il computer si è fermato?): non sono le impostazioni di un giornale"
            ),
            SettingsNul(p, n) => format!(
                "{p} esiste ma contiene {n} byte NUL (danneggiato da un arresto improvviso?): non sono le impostazioni di un giornale"
            ),
            SettingsInvalid(p, said) => {
                format!("{p} esiste ma non sono le impostazioni di un giornale: {said}")
            }
            NoSettings(why, p) => format!(
                "{why}; nulla è cambiato; correggilo a mano, o mettilo da parte (`mv {p} {p}.bad`) ed esegui di nuovo `coltiva init`"
            ),
            CustomerExists(id, path, batch) => format!(
                "esiste già un cliente con id {id:?} ({path}); {}",
                match batch {
                    true => "non è stato scritto nulla",
                    false => "scegline un altro con --id",
                }
            ),
            FileAppeared(path) => format!(
                "nel frattempo è comparso un file cliente in {path}; è stato lasciato com'era"
            ),
            SomeCreated(said, created, of) => {
                format!("{said}; file cliente nuovi creati: {created} su {of}, ciascuno completo")
            }
            AppendToBroken(path, line, column, message, id) => format!(
                "{path}:{line}:{column}: {message}\nnon è stato aggiunto nulla: correggi il file a mano (`coltiva edit {id}`) o metti da parte una coda rotta con `coltiva repair {id}`"
            ),
            AppendWouldBreak(path, line, column, message) => format!(
                "{path}: impossibile aggiungere la registrazione: il file non si leggerebbe più ({message} a {line}:{column} del risultato; un tipo di registrazione è scritto in un'altra forma TOML?); non è stato aggiunto nulla"
            ),
            HeaderNotEditable(path, id) => format!(
                "l'intestazione di {path} non si può modificare in sicurezza (un valore su più righe che sembra una tabella?); modificala a mano con `coltiva edit {id}`"
            ),
            NoSuchTag(tag, name, tags) => {
                format!("tags-={tag}: {name} non ha il tag {tag:?} (i suoi tag: {tags})")
            }
            NoSuchAttribute(key, name) => {
                format!("{key}=: {name} non ha un attributo {key:?} da togliere")
            }
            Failed(doing, path, error) => {
                let doing = match doing {
                    Doing::Open => "aprire",
                    Doing::Read => "leggere",
                    Doing::Create => "creare",
                    Doing::CreateFolder => "creare la cartella",
                    Doing::Lock => "ottenere il blocco in scrittura di",
                    Doing::List => "leggere il contenuto di",
                    Doing::Delete => "cancellare",
                    Doing::Remove => "rimuovere",
                };
                format!("impossibile {doing} {path}: {error}")
            }
            NotMoved(from, to, error) => format!("impossibile spostare {from} in {to}: {error}"),
            GitNotRun(step, error) => {
                format!("impossibile avviare git per {}: {error}", git_step(step))
            }
            GitFailed(step, status, detail) => format!(
                "git non è riuscito a {} ({status}): {detail}",
                git_step(step)
            ),
            IdRefused(bad, fix) => format!("{}; {}", bad_id(bad), id_fix(fix)),
        }
    }

    fn driver_problem(&self, p: &crate::git::DriverProblem) -> String {
        use crate::git::DriverProblem::*;
        match p {
            NotRegistered => "questo clone non ha registrato il driver di merge di coltiva, quindi `git pull` unirebbe i file dei clienti riga per riga e si fermerebbe su ogni cliente in comune; esegui qui `coltiva init` una volta per registrarlo".into(),
            Gone { program, fallback } => format!(
                "il driver di merge registrato in questo clone non può essere eseguito ({}): `git pull` si fermerebbe su ogni cliente cambiato da entrambe le parti, lasciando fuori dal file le registrazioni dell'altra parte; esegui di nuovo qui `coltiva init` per registrare questo coltiva",
                match fallback {
                    true => format!("{program} non c'è più e nel PATH non c'è nessun `coltiva`"),
                    false => format!("{program} non c'è più (spostato o aggiornato?)"),
                }
            ),
        }
    }

    fn standard_input(&self) -> &'static str {
        // The term Italian uses, without an article: "da standard input", "di standard input".
        "standard input"
    }

    fn import_note(&self, note: &super::ImportNote) -> String {
        use super::ImportNote::*;
        match note {
            Ignoring([column]) => format!(
                "ignoro la colonna {column} (non è una colonna di coltiva; usa --map per leggerla)"
            ),
            Ignoring(columns) => format!(
                "ignoro le colonne {} (non sono colonne di coltiva; usa --map per leggerne una)",
                columns.join(", ")
            ),
            ExtrasUnused { maps, label } => format!(
                "attenzione: {} {} solo sulle righe dei clienti, e {label} non ne ha (dai --type customer per un elenco di clienti)",
                maps.join(", "),
                if maps.len() == 1 {
                    "si legge"
                } else {
                    "si leggono"
                }
            ),
            NoRows { label } => format!("niente da importare: {label} non ha righe"),
            AllThere { rows: 1, label } => {
                format!("niente da importare: l'unica riga di {label} è già nel giornale")
            }
            AllThere { rows, label } => {
                format!(
                    "niente da importare: tutte le {rows} righe di {label} sono già nel giornale"
                )
            }
            DryRun {
                records,
                customers,
                new,
                label,
                already,
            } => {
                let new = match new {
                    1 => "1 nuovo".to_string(),
                    n => format!("{n} nuovi"),
                };
                let already = match already {
                    0 => "nessuna riga è già nel giornale".to_string(),
                    1 => "1 riga è già nel giornale".to_string(),
                    n => format!("{n} righe sono già nel giornale"),
                };
                format!(
                    "prova: importerebbe {} per {} ({new}) da {label}; {already}; non è stato scritto niente",
                    count(self, *records as i64, Noun::Record),
                    count(self, *customers as i64, Noun::Customer),
                )
            }
        }
    }

    fn import_refused(&self, refusal: &super::ImportRefusal) -> String {
        use super::ImportRefusal::*;
        match refusal {
            BadRows { label, rows: 1 } => {
                format!("{label}: 1 riga non valida; non è stato importato niente")
            }
            BadRows { label, rows } => {
                format!("{label}: {rows} righe non valide; non è stato importato niente")
            }
            More(n) => format!("... e altre {n}"),
            NoCustomerColumn {
                label,
                columns,
                delimiter,
            } => format!(
                "{label}: manca la colonna customer (le colonne del file sono: {columns}); indica la tua con --map customer=COLONNA (le colonne sono state divise a {delimiter}: se è sbagliato, dai --delimiter); non è stato importato niente"
            ),
            NoTypeColumn { label, choices } => format!(
                "{label}: manca la colonna type; aggiungila o dai --type ({choices}); non è stato importato niente"
            ),
            CsvFlagOnVcard { flag, label } => format!(
                "{flag} vale per i file CSV; {label} è un file vCard (i contatti diventano persone): importalo senza {flag}"
            ),
            RevenueAfterToday {
                year,
                theirs,
                today,
            } => format!(
                "--map revenue.{year}={theirs}: il {year} è dopo oggi ({})",
                self.date(*today)
            ),
            Header { label, problem } => {
                format!("{label}: {problem}; non è stato importato niente")
            }
            CustomerUnreadable { label, problem } => {
                format!("{problem}\nnon è stato importato niente da {label}")
            }
            Interrupted {
                problem,
                written: 1,
            } => format!(
                "{problem}\nprima dell'errore è stato scritto 1 file di cliente; importando di nuovo si aggiunge solo ciò che manca"
            ),
            Interrupted { problem, written } => format!(
                "{problem}\nprima dell'errore sono stati scritti {written} file di clienti; importando di nuovo si aggiunge solo ciò che manca"
            ),
        }
    }

    fn row_error(&self, line: u64, column: Option<&str>, problem: &str) -> String {
        match column {
            Some(c) => format!("riga {line}, colonna {c}: {problem}"),
            None => format!("riga {line}: {problem}"),
        }
    }

    fn repeat_asks(&self, name: &str, id: &str, kind: Table, earlier: &str) -> String {
        // The pronoun agrees with the record: lo stesso ordine, registrarlo; la stessa
        // promessa, registrarla.
        let (what, it) = match kind {
            Table::Order => ("lo stesso ordine", "Registrarlo"),
            Table::Promise => ("la stessa promessa", "Registrarla"),
            _ => ("lo stesso contatto", "Registrarlo"),
        };
        format!("{name} ({id}) ha già {what} in quel giorno ({earlier}).\n{it} di nuovo? [s/N] ")
    }

    fn yes(&self) -> &'static [&'static str] {
        &["s", "si", "sì"]
    }

    fn edit_answers(&self) -> (&'static [&'static str], &'static [&'static str]) {
        (&["m", "modifica"], &["r", "ripristina"])
    }

    fn file_problem(&self, damage: &super::FileDamage) -> (String, String) {
        use super::FileDamage::*;
        match damage {
            Nuls { nuls, id } => (
                format!(
                    "il file finisce con {nuls} byte NUL e nessuna registrazione: una scrittura i cui dati non sono mai arrivati sul disco (un crash o un calo di corrente)"
                ),
                format!(
                    "`coltiva repair {id}` li mette da parte e tiene ogni registrazione prima di loro"
                ),
            ),
            IncompleteTail { detail, id } => (
                format!(
                    "l'ultima registrazione è incompleta ({detail}): una scrittura interrotta (un crash, un disco pieno) o un errore di battitura"
                ),
                format!(
                    "`coltiva repair {id}` sposta solo quella registrazione in customers/{id}.toml.rej; oppure correggila a mano con `coltiva edit {id}`"
                ),
            ),
            ConflictMarkers { line, id } => (
                format!("marcatori di conflitto di git dalla riga {line} (un merge non finito)"),
                format!(
                    "finisci il merge: `coltiva edit {id}`, tieni le registrazioni di entrambe le parti e cancella le righe dei marcatori (<<<<<<<, =======, >>>>>>>); `coltiva check` elenca ogni problema"
                ),
            ),
            Parse { detail, id } => (
                detail.clone(),
                format!(
                    "`coltiva check` elenca ogni problema; correggi il file con `coltiva edit {id}`, o metti da parte una coda rotta con `coltiva repair {id}`"
                ),
            ),
            Other { detail } => (
                detail.clone(),
                "fai ciò che dice il problema, poi esegui di nuovo il comando; `coltiva check` elenca ogni problema".into(),
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
        // "messaggio" is masculine: registrato, registrati.
        let done = |n: usize| if n == 1 { "registrato" } else { "registrati" };
        let logged_done = match (dry_run, logged == 1) {
            (false, _) => done(logged).to_string(),
            (true, true) => "sarebbe registrato".to_string(),
            (true, false) => "sarebbero registrati".to_string(),
        };
        format!(
            "{logged} di {} {logged_done}{}, {already} già {}, {not_logged} non {}",
            count(self, total as i64, Noun::Message),
            if dry_run {
                " (prova: non è stato scritto niente)"
            } else {
                ""
            },
            done(already),
            done(not_logged),
        )
    }

    fn mail_not_logged(&self, unmatched: usize, not_mail: usize, undated: usize) -> String {
        let n = unmatched + not_mail + undated;
        let messages = format!(
            "{} non {}",
            count(self, n as i64, Noun::Message),
            if n == 1 { "registrato" } else { "registrati" }
        );
        if not_mail == 0 && undated == 0 {
            return format!(
                "{messages}: ognuno è elencato con il motivo (dai al cliente un attributo `email` o `domain`, o registralo a mano)"
            );
        }
        let mut why = Vec::new();
        match not_mail {
            0 => {}
            1 => why.push("1 non è un messaggio e-mail".to_string()),
            n => why.push(format!("{n} non sono messaggi e-mail")),
        }
        match unmatched {
            0 => {}
            1 => why.push("1 non corrisponde a nessun cliente: dai al cliente un attributo `email` o `domain`, o registralo a mano".to_string()),
            n => why.push(format!(
                "{n} non corrispondono a nessun cliente: dai al cliente un attributo `email` o `domain`, o registrali a mano"
            )),
        }
        match undated {
            0 => {}
            1 => why.push(
                "1 non ha un'intestazione Date leggibile: registralo a mano con --at".to_string(),
            ),
            n => why.push(format!(
                "{n} non hanno un'intestazione Date leggibile: registrali a mano con --at"
            )),
        }
        format!(
            "{messages}: ognuno è elencato con il motivo ({})",
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
        // "contatto" is masculine: aggiunto, aggiunti.
        let done = |n: usize| if n == 1 { "aggiunto" } else { "aggiunti" };
        let added_done = match (dry_run, added == 1) {
            (false, _) => done(added).to_string(),
            (true, true) => "sarebbe aggiunto".to_string(),
            (true, false) => "sarebbero aggiunti".to_string(),
        };
        format!(
            "{added} di {} da {from} {added_done}{}, {already} già {}, {not_added} non {}",
            count(self, total as i64, Noun::Contact),
            if dry_run {
                " (prova: non è stato scritto niente)"
            } else {
                ""
            },
            if already == 1 { "presente" } else { "presenti" },
            done(not_added),
        )
    }

    fn unknown_word(&self, what: super::WordKind, value: &str, choices: &[&str]) -> String {
        let what = match what {
            super::WordKind::Kind => "tipo sconosciuto",
            super::WordKind::Channel => "canale sconosciuto",
            super::WordKind::Party => "parte sconosciuta",
            super::WordKind::Phase => "fase sconosciuta",
        };
        format!(
            "{what} {value:?} (atteso: {}; valgono anche le parole inglesi)",
            choices.join(" | ")
        )
    }

    fn merge_said(&self, said: &super::MergeSaid) -> String {
        use super::MergeSaid::*;
        let finish = "poi fanne `git add` e finisci il merge (`git commit`, o `git rebase --continue`); `coltiva check` elenca cosa resta";
        match said {
            Merged { label } => format!("unite le registrazioni di entrambe le parti in {label}"),
            NeedsPerson { label } => {
                format!("{label}: il merge ha bisogno di una persona; correggi il file, {finish}")
            }
            ByHand { label } => format!(
                "{label}: non si può unire registrazione per registrazione; entrambe le parti sono nel file tra i marcatori di conflitto: correggilo a mano, {finish}"
            ),
        }
    }

    fn merge_side(&self, side: super::MergeSide) -> &'static str {
        match side {
            super::MergeSide::Common => "comune",
            super::MergeSide::Ours => "nostra",
            super::MergeSide::Theirs => "loro",
        }
    }

    fn merge_removed(&self, n: usize, records: &str) -> String {
        let removed = match n {
            1 => "tolta 1 registrazione".to_string(),
            n => format!("tolte {n} registrazioni"),
        };
        format!(
            "{removed} che una parte ha tolto (undo, edit, revert) e l'altra non ha cambiato: {records}"
        )
    }

    fn merge_resolved_alike(&self, promise: &str, status: &str) -> String {
        let status = (status.parse::<ResolutionStatus>()).map_or(status, |s| self.resolution(s));
        format!(
            "la promessa {promise:?} è stata chiusa come {status} da entrambe le parti; il file unito tiene la chiusura più vecchia"
        )
    }

    fn found_merged(&self, merged: super::findings::Merged) -> &'static str {
        use super::findings::Merged;
        match merged {
            Merged::Fallback => {
                "coltiva non è riuscito a unire questo file registrazione per registrazione (una delle parti non si leggeva), quindi git l'ha unito riga per riga, spezzando le registrazioni; rimetti intere le registrazioni di ciascuna parte (ogni riga `[[tipo]]` con tutte le sue chiavi), cancella le righe dei marcatori, poi fai `git add` del file e concludi il merge"
            }
            Merged::LineByLine => {
                "qui git ha unito questo file riga per riga (il driver di merge di coltiva non è partito), spezzando le registrazioni; finché il merge è in corso, unisci di nuovo il file registrazione per registrazione: `coltiva init`, poi `git checkout -m FILE`; altrimenti rimetti intere le registrazioni di ciascuna parte (ogni riga `[[tipo]]` con tutte le sue chiavi) e cancella le righe dei marcatori"
            }
            Merged::Stopped => {
                "il merge di questo file si è fermato qui; tieni ciò che ciascuna parte deve tenere (per le registrazioni: entrambe), cancella le righe dei marcatori, poi fai `git add` del file e concludi il merge"
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
                    "channel" => "un canale valido",
                    "direction" => "una direzione valida",
                    "party" => "una parte valida per by",
                    "kind" => "un tipo valido",
                    "phase" => "una fase valida",
                    "resolutionstatus" => "un esito valido",
                    "person event" => "un evento valido",
                    other => {
                        return format!(
                            "valore sconosciuto per {other}: \"{value}\" (valori ammessi: {choices})"
                        );
                    }
                };
                format!("\"{value}\" non è {what} (valori ammessi: {choices})")
            }
            Unloadable::MissingField(field) => format!("manca il campo `{field}`"),
            Unloadable::TextForDate(value) => format!(
                "{value} è un testo, non una data: scrivi la data senza virgolette, come 2026-11-20"
            ),
            Unloadable::Amount(e) => self.invalid_amount(e),
            Unloadable::Parser(m) => format!("non si legge: {m}"),
        }
    }

    fn record_problem(&self, problem: &crate::model::RecordProblem) -> String {
        use crate::model::RecordProblem;
        match problem {
                RecordProblem::RenegotiatedWithoutDue => "un esito con status = \"renegotiated\" richiede la nuova scadenza (due = AAAA-MM-GG)".into(),
                RecordProblem::DueNotRenegotiated(status) => format!(
                    "due va solo negli esiti con status = \"renegotiated\", non in quelli con status = \"{status}\" ({})",
                    self.resolution(*status)
                ),
                RecordProblem::UnusablePromiseId(id) => format!(
                    "l'id di promessa {id:?} non si può usare per indicarla: usa al massimo {} dei caratteri {}",
                    crate::ids::PROMISE_ID_LEN,
                    String::from_utf8_lossy(crate::ids::PROMISE_ID_ALPHABET)
                ),
                RecordProblem::AddedWithoutName(id) => format!(
                    "la persona {id:?} viene aggiunta senza nome (name = \"…\")"
                ),
                RecordProblem::Rule(rule) => self.rule_broken(rule),
            }
    }

    fn head_damage(&self, damage: &crate::git::HeadDamage) -> String {
        use crate::git::HeadDamage;
        match damage {
            HeadDamage::Commit { hash, why } => format!(
                "l'ultimo commit (HEAD, {hash}) non si legge{}",
                why.as_ref().map(|w| format!(" ({w})")).unwrap_or_default()
            ),
            HeadDamage::Branch(why) => format!("il branch attuale non si legge ({why})"),
        }
    }

    sentences! {
        self;
        row_type_missing(choices: &str) => "manca il tipo (uno tra {choices}; o dai --type)";
        row_due_before_made(due: &str, made: &str) => "{due} è prima del giorno della promessa ({made})";
        row_resolution_needs_status(choices: &str) => "un esito ha bisogno dello stato ({choices})";
        row_due_before_renegotiation(due: &str, at: &str) => "{due} è prima della rinegoziazione stessa ({at})";
        row_revenue_after_today(year: i32, today: &str) => "il fatturato del {year} è dopo oggi ({today})";
        row_attribute_twice(key: &str) => "l'attributo {key} è anche nella colonna attributes";
        row_attributes_not_toml(detail: &str) => "serve TOML come territory = \"Brescia\": {detail}";
        row_no_letters_or_digits(value: &str) => "da {value:?} non si può fare l'id di un cliente: non ha né lettere né cifre";
        row_described_twice(id: &str, line: u64) => "il cliente {id} è descritto in modo diverso alla riga {line}";
        row_source_twice(source: &str, id: &str, line: u64) => "la source {source:?} del cliente {id} è già alla riga {line}";
        row_promise_id_taken(id: &str, promise: &str) => "il cliente {id} ha già un'altra promessa con l'id {promise}";
        row_promise_id_twice(promise: &str, line: u64, other: &str) => "l'id di promessa {promise} è usato anche alla riga {line} (cliente {other})";
        row_no_such_promise(id: &str, promise: &str) => "il cliente {id} non ha la promessa {promise} (né nel suo file né in questa importazione)";
        row_resolved_before_made(at: &str, promise: &str, made: &str) => "{at} è prima del giorno della promessa {promise} ({made})";
        row_person_there(id: &str, person: &str) => "il cliente {id} ha già la persona {person}; dai a questa riga event changed, o un altro id";
        row_no_such_person(id: &str, person: &str) => "il cliente {id} non ha la persona {person} (né nel suo file né in questa importazione); aggiungila con una riga person, o correggi l'id";
        row_unequal_fields(expected: u64, found: u64) => "attesi {expected} campi come nell'intestazione, trovati {found}";
        row_not_utf8(field: usize) => "il campo {field} non è UTF-8 valido (salva il file come UTF-8)";
        row_id_from_no_letters(cell: &str) => "{cell:?} non ha né lettere né cifre, e --id-from ne fa l'id del cliente";
        row_amount_mark(error: &str, other: char) => "{error} (il file scrive i decimali con {other:?}? dai --decimal {other})";
        row_revenue_below_last_order(year: i32, total: Amount, last: Amount, money: &MoneyStyle) => "il fatturato del {year} ({}) è minore dell'ultimo ordine di quell'anno ({})", total.human(money), last.human(money);
        row_bad_id(bad: &BadId) => "{}; scrivi il cliente in un altro modo o usa un id esistente", bad_id(bad);
        row_any_of(value: &str, n: usize, candidates: &str) => "{value:?} può essere uno qualsiasi di {n} clienti: {candidates}; scrivi l'id, o dai --id-from con le colonne che li distinguono";
        row_name_taken(id: &str, value: &str, named: &str, one: bool, first: &str) => "--id-from fa il nuovo id {id}, ma {value:?} è già il nome di {named}; se la riga è {}, dagli quell'id ({}), es. `coltiva rename {first} {id}`", if one { "di quel cliente" } else { "di uno di loro" }, if one { "rinominalo" } else { "rinomina quello che è" };
        row_date_no_year(text: &str) => "data non valida {text:?}: in un file la data vuole l'anno (20/11/2026)";
        row_date_unknown(text: &str) => "data non valida {text:?}: usa AAAA-MM-GG o AAAA-MM-GGTHH:MM[:SS][+HH:MM], o GG/MM/AAAA se il giornale legge così le date con le barre";
        row_texts_make_one_id(texts: &str, id: &str) => "{texts} diventerebbero tutte l'unico nuovo cliente {id}; se sono clienti diversi, dai a ognuno il suo id (una colonna id, o --id-from con le colonne che li distinguono); se è uno solo, scrivilo allo stesso modo su ogni riga";
        row_line_text(line: u64, text: &str) => "riga {line} {text:?}";
        row_differ_advice(with: &str) => "clienti diversi? dai --id-from {with:?}; un solo cliente? tieni una riga sola";
        row_rows_differ(lines: &str, new: bool, id: &str, named: &str, differences: &str, advice: &str) => "le righe di cliente {lines} {} ({named:?}) ma differiscono in {differences}; {advice}", if new { format!("diventerebbero tutte l'unico nuovo cliente {id}") } else { format!("sarebbero tutte il cliente esistente {id}") };
        found_syntax(m: &str) => "errore di sintassi TOML: {m}";
        found_duplicate_key(m: &str) => "{m}: la chiave compare due volte (dopo un merge, le modifiche all'intestazione di entrambe le parti?); tienine una";
        found_missing_schema() => "manca `schema = {SCHEMA}` all'inizio del file";
        found_schema_newer(n: i64) => "lo schema {n} è più recente di quelli che questa versione di coltiva conosce (schema {SCHEMA}); aggiorna coltiva";
        found_schema_bad() => "schema deve essere un numero intero da 1 a {SCHEMA}";
        found_bad_kind() => "kind deve essere uno di questi: {}", Kind::choices();
        found_marker(shown: &str) => "marcatore di conflitto di git {shown:?}";
        found_header_conflict(key: &str, ours: &str, theirs: &str) => "la chiave `{key}` dell'intestazione è stata cambiata da entrambe le parti: la nostra ha {ours}, la loro ha {theirs}; tieni una sola riga tra i marcatori, cancella l'altra e le righe dei marcatori";
        found_person_again(id: &str, line: usize) => "la persona {id:?} è già stata aggiunta alla riga {line}: se è la stessa persona scrivi in questa registrazione event = \"changed\", altrimenti dalle un altro id (anche nei suoi campi `with`)";
        found_person_not_added(event: &str, id: &str) => "registrazione di persona (event = \"{event}\") per {id:?}, ma nessuna registrazione precedente di questo file aggiunge quella persona (event = \"added\" con un nome); correggi l'id o aggiungi prima la persona";
        found_with_nobody(id: &str) => "with = {id:?} non indica nessuna persona di questo file; aggiungila (coltiva person add CLIENTE \"NOME\") o correggi l'id";
        found_unknown_kind(kind: &str, tables: &str) => "tipo di registrazione sconosciuto {kind} (le registrazioni sono {tables})";
        found_did_you_mean(kind: &str) => "; forse intendevi {kind}?";
        found_unknown_field(field: &str, kind: &str, fields: &str) => "campo sconosciuto `{field}` in {kind} (i suoi campi: {fields})";
        found_duplicate_promise(id: &str, line: usize) => "id di promessa {id:?} ripetuto (già usato alla riga {line}); dai a una delle due un nuovo id";
        found_no_such_promise(id: &str) => "esito della promessa {id:?}, ma questo file non ha nessuna promessa con quell'id";
        found_resolved_twice(id: &str, first: &str, line: usize) => "la promessa {id:?} era già stata chiusa come {first} alla riga {line}; questo esito successivo viene ignorato (l'hanno chiusa due persone?)";
        found_shared_promise(id: &str, others: &str) => "l'id di promessa {id:?} è usato anche in {others}; indicala come CLIENTE/{id}";
        found_cut_short(finding: &str, id: &str) => "{finding}; l'ultima registrazione del file è incompleta: una scrittura interrotta (un crash, un disco pieno) o un errore di battitura; `coltiva repair {id}` sposta solo questa registrazione in {id}.toml.rej, oppure correggila a mano con `coltiva edit {id}`";
        found_git_damage(damage: &str) => "git: {damage}: la storia del repository è danneggiata (un crash prima che i file di git arrivassero sul disco?); i file dei clienti sono intatti. `git fsck --full` elenca ciò che manca; se c'è un remote, clonalo di nuovo, copia customers/ e coltiva.toml nel clone e fai lì il commit";
        found_nul_tail(nuls: usize, id: &str) => "il file finisce con {nuls} byte NUL e nessuna registrazione: una scrittura i cui dati non sono mai arrivati sul disco (un crash o un calo di corrente); `coltiva repair {id}` li sposta in {id}.toml.rej e tiene tutte le registrazioni precedenti";
        note_rejected(path: &str) => "nota: {path} contiene byte messi da parte da `coltiva repair`; controllali, ricopia ciò che ti serve, poi cancellalo";
        note_writing(path: &str, pid: u32) => "nota: {path} è in scrittura da parte del processo {pid} (un coltiva in esecuzione adesso)";
        note_leftover(path: &str) => "nota: {path} è ciò che resta di una scrittura interrotta (il suo processo non c'è più); non contiene nulla che serva al giornale: cancellalo (`rm {path}`), oppure lascia che lo tolga il prossimo `coltiva add` o `import`";
        note_not_customer(path: &str) => "nota: {path} non è un file di un cliente; coltiva lo ignora";
        merge_not_utf8(side: &str) => "la versione {side} non è UTF-8 valido, quindi le sue registrazioni non si distinguono";
        merge_does_not_parse(side: &str, error: &str) => "la versione {side} non si legge come file cliente ({error})";
        merge_another_customer(side: &str, uids: &str, base_uids: &str) => "la versione {side} è un altro cliente rispetto alla versione comune (uid {uids} non è {base_uids}): git ha accoppiato i file di due clienti diversi (uno dimenticato, uno nuovo con un file simile?), quindi le loro registrazioni non sono state mescolate; il file contiene la versione {side}";
        merge_header_conflict(key: &str, ours: &str, theirs: &str) => "entrambe le parti hanno cambiato le stesse righe: la chiave d'intestazione `{key}` ({ours} da noi, {theirs} da loro); tienine una tra i marcatori";
        merge_would_not_pass(problem: &str) => "il file unito non passerebbe `coltiva check`: {problem}";
        merge_already_on_a_side(problem: &str) => "già presente in una parte prima di questo merge (non ferma il merge; `coltiva check` lo elenca): {problem}";
        column_mapped_twice(column: &str) => "--map {column}=...: {column} è indicata due volte";
        extra_mapped_twice(name: &str) => "--map {name}=...: indicata due volte";
        no_such_column(name: &str, theirs: &str, columns: &str) => "--map {name}={theirs}: il file non ha la colonna {theirs:?}; le sue colonne sono: {columns}";
        id_from_no_column(name: &str, columns: &str) => "--id-from: il file non ha la colonna {name:?}; le sue colonne sono: {columns}";
        two_columns(column: &str, first: &str, second: &str) => "l'intestazione ha due colonne {column} ({first:?} e {second:?})";
        no_people(name: &str, id: &str) => "{name} ({id}) non ha ancora persone; aggiungine una con: coltiva person add {id} \"NOME\"";
        promise_ref_no_customer(text: &str) => "riferimento a una promessa non valido {text:?}: manca il cliente prima di '/'";
        bad_promise_id(text: &str, len: usize, alphabet: &str) => "id di promessa non valido {text:?}: un id di promessa ha al massimo {len} caratteri tra {alphabet}, anche nella forma CLIENTE/ID";
        due_before_made(due: &str, made: &str) => "--due {due} è prima del giorno della promessa ({made})";
        until_before_since(until: &str, since: &str) => "--until {until} è prima di --since {since}";
        id_is_not_an_attribute(new: &str, customer: &str) => "\"id={new}\": l'id di un cliente è il nome del suo file, non un attributo; rinomina il cliente con `coltiva rename {customer} {new}` (le sue registrazioni, promesse e uid lo seguono)";
        not_a_period(problem: &str) => "{problem}; vale anche un periodo: \"questa settimana\", \"settimana scorsa\", \"questo mese\", \"mese scorso\", \"quest'anno\", \"anno scorso\"";
        editor_unreadable(variable: &str, value: &str, detail: &str) => "{variable} ({value:?}) non si può leggere: {detail}";
        editor_empty(variable: &str) => "{variable} è vuota";
        editor_not_started(program: &str, error: &str) => "impossibile avviare l'editor {program:?}: {error}";
        editor_failed(program: &str, status: &str) => "l'editor {program:?} non è riuscito ({status}); non è cambiato niente";
        rebase_stopped(root: &str) => "un rebase è fermo a metà in {root} (`git pull --rebase` o `git rebase`): una modifica scritta ora andrebbe persa con `git rebase --abort` e sarebbe d'intralcio a `git rebase --continue`, quindi non è stato scritto niente. Prima finisci il rebase (`coltiva check` dice cosa resta, poi `git rebase --continue`) o abbandonalo (`git rebase --abort`), poi esegui di nuovo questo comando";
        outlook_left_out(detail: &str) => "attenzione: le cifre della previsione (p_alive, expected_purchases_90d) sono escluse: {detail}";
        person_there(person: &str, pid: &str, customer: &str, id: &str) => "{person} ({pid}) è già una persona di {customer}; per cambiarne i dati: coltiva person set {id} {pid} …";
        person_id_taken(pid: &str, id: &str) => "--id {pid} è già usato in {id}";
        person_same_name(person: &str, pid: &str, customer: &str) => "{person} ({pid}) è già una persona di {customer}; per aggiungere un'altra persona con lo stesso nome dai --id (es. --id {pid}-2)";
        person_left(person: &str, pid: &str, customer: &str, day: &str) => "{person} ({pid}) ha già lasciato {customer} il {day}";
        // Worded without a past participle: it would agree with the person's gender.
        person_left_before_added(at: &str, person: &str, pid: &str, since: &str) => "--at {at}: {person} ({pid}) è tra le persone dal {since}, quindi l'uscita non può essere prima; dai --at {since} o dopo";
        person_with_left(typed: &str, person: &str, pid: &str, customer: &str, day: &str, id: &str) => "--with {typed}: {person} ({pid}) ha lasciato {customer} il {day}, e un contatto dopo quel giorno non è con {customer}; per una registrazione di prima dai --at, e in caso di ritorno: coltiva person add {id} \"{person}\" --id {pid}";
        promise_due(due: NaiveDate) => "(scadenza {})", self.date(due);
        new_due(due: NaiveDate) => " nuova scadenza {}", self.date(due);
        pinned_phase(phase: Phase) => "fase {}", self.phase(ShownPhase::Lifecycle(phase));
        late_on_average(days: &str) => ", in media {days} giorni di ritardo";
        late_payments_on_average(days: &str) => "; pagamenti in ritardo di {days} giorni in media";
        outlook_fact(p_alive: &str, expected: &str) => "P(attivo) {p_alive}; {expected} acquisti attesi nei prossimi 90 giorni (coltiva outlook)";
        rhythm(weeks: usize) => "ritmo ({weeks} settimane)";
        unreadable_files(n: usize) => "File illeggibili: {n} (esclusi qui sotto; stato di uscita 1)";
        no_model(detail: &str) => "nessun modello: {detail}";
        added(name: &str, id: &str, path: &str) => "aggiunto {name} come {id} ({path})";
        header_updated(name: &str, id: &str, edits: &str) => "aggiornata l'intestazione di {name} ({id}): {edits}";
        header_unchanged(name: &str, id: &str) => "{name} ({id}) dice già così; niente è cambiato";
        no_customers_yet(root: &str) => "il giornale in {root} non ha ancora clienti: aggiungine uno con `coltiva add NOME` (o importa un file CSV con `coltiva import`)";
        commit_failed(why: &str) => "coltiva: attenzione: la modifica è salvata, ma il commit non è riuscito: {why}";
        forget_needs_yes(name: &str, id: &str) => "forget cancella {name} ({id}) per sempre; senza un terminale su cui confermare, aggiungi --yes";
        forget_asks(name: &str, id: &str) => "Questo cancella {name} ({id}) e ogni registrazione della relazione, per sempre.\nScrivi l'id ({id}) per confermare: ";
        forget_not_confirmed(name: &str, id: &str) => "nessuna conferma; di {name} ({id}) non è stato cancellato niente";
        deleted(path: &str) => "cancellato {path}";
        forgot(name: &str, id: &str) => "eliminati {name} ({id}) e tutte le sue registrazioni";
        nothing_to_repair(id: &str) => "{id}: il file si legge; niente da riparare";
        renamed(name: &str, old: &str, new: &str, from: &str, to: &str) => "nuovo id per {name}: {old} ora è {new} ({from} → {to}); registrazioni, promesse e uid restano come erano";
        same_id(id: &str) => "{id} è già l'id di quel cliente; niente è cambiato";
        undo_done(what: &str) => "annullata l'ultima scrittura: {what}";
        undo_would(what: &str) => "annullerebbe l'ultima scrittura: {what}; nulla è cambiato (per farlo: `coltiva undo`):";
        edit_unchanged(file: &str) => "nessuna modifica; {file} è rimasto com'era";
        edit_saved(file: &str) => "salvato {file}";
        edit_refused(problem: &str, file: &str) => "{problem}\nil file modificato non è stato salvato; {file} resta alla versione di prima (nessun terminale per chiedere se modificarlo di nuovo)";
        edit_discarded(file: &str) => "{file} resta alla versione di prima; la modifica è stata scartata";
        journal_created(root: &str) => "creato un giornale in {root}";
        first_committed(files: &str) => "registrati in git {files}";
        first_commit_failed(why: &str, commands: &str) => "coltiva: attenzione: il giornale è pronto, ma il primo commit non è riuscito: {why}\nfallo a mano: {commands}";
        with_person(id: &str) => " (con {id})";
        repeat_declined(name: &str, id: &str, earlier: &str) => "non registrato: {name} ({id}) tiene quello che ha ({earlier})";
        edit_asks(file: &str) => "(m)odifica di nuovo o (r)ipristina la versione di prima di {file}? [m/r] ";
        waiting_for_lock(path: &str) => "aspetto un altro processo coltiva che sta scrivendo {path}…";
        percent(rate: f64) => "{:.0}%", rate * 100.0;
        phase_since(phase: &str, since: NaiveDate) => "{phase} dal {}", self.date(since);
        show_title(name: &str, as_of: NaiveDate) => "{name} — al {}", self.date(as_of);
        customers_as_of(as_of: NaiveDate) => "Clienti al {}", self.date(as_of);
        customers_title(n: usize) => "coltiva — {}", count(self, n as i64, Noun::Customer);
        promises_title(n: usize, as_of: NaiveDate) => "coltiva — {} al {}", count(self, n as i64, Noun::Promise), self.date(as_of);
        agenda_title(items: usize, as_of: NaiveDate, days: u32) => "coltiva agenda — {} al {}, {} avanti", count(self, items as i64, Noun::Item), self.date(as_of), count(self, days, Noun::Day);
        weekly_review(since: NaiveDate, until: NaiveDate, as_of: NaiveDate) => "Revisione settimanale {} – {} (al {})", self.date(since), self.date(until), self.date(as_of);
        outlook_as_of(as_of: NaiveDate) => "Previsione al {}", self.date(as_of);
        with_a_purchase(customers: usize) => "{} con un acquisto", count(self, customers as i64, Noun::Customer);
        outlook_table_title(horizon_days: u32) => "Clienti con un acquisto: i prossimi {}", count(self, horizon_days, Noun::Day);
        logged(channel: Channel, name: &str, id: &str, day: NaiveDate) => "registrata {} con {name} ({id}) il {}", self.channel(channel), self.date(day);
        ordered(amount: &str, name: &str, id: &str, day: NaiveDate) => "registrato un ordine di {amount} da {name} ({id}) il {}", self.date(day);
        resolved_before_promise(at: NaiveDate, promise: &str, made: NaiveDate) => "--at {} è prima del giorno in cui è stata fatta la promessa {promise} ({})", self.date(at), self.date(made);
        due_before_renegotiation(due: NaiveDate, at: NaiveDate) => "--due {} è prima della rinegoziazione stessa ({})", self.date(due), self.date(at);
        undo_header_edit(file: &str, changes: &[String]) => "la modifica dell'intestazione di {file}{}", in_parens(changes, ", ");
        undo_creation(file: &str, name: Option<&str>) => "la creazione di {file}{}", in_parens(name.as_slice(), "");
        undo_nothing() => "non c'è nulla da annullare: nessuna scrittura da questo computer è registrata dopo l'ultimo undo, import, repair o edit";
        checked(customers: usize, records: usize, root: &str) => "controllati {} e {} in {root}: nessun problema", count(self, customers as i64, Noun::Customer), count(self, records as i64, Noun::Record);
        check_found(problems: usize, files: usize, customers: usize) => "{problems} {} in {files} file (su {})", if problems == 1 { "problema" } else { "problemi" }, count(self, customers as i64, Noun::Customer);
        period_caption(since: NaiveDate, until: NaiveDate) => "Dal {} al {}.", self.date(since), self.date(until);
        past_cadence_note(overdue_days: i64, cadence_days: u32) => "{} oltre, cadenza {cadence_days}", count(self, overdue_days, Noun::Day);
        timeline_title(since: NaiveDate, until: NaiveDate) => "L'ultimo anno: dal {} al {}", self.date(since), self.date(until);
        kept_of(kept: u32, total: u32) => "({kept} {} su {total})", if kept == 1 { "mantenuta" } else { "mantenute" };
        people_title(n: usize, as_of: NaiveDate) => "coltiva — {} al {}", count(self, n as i64, Noun::Person), self.date(as_of);
        contacts_not_added(n: usize) => "{} non {}: ognuno è elencato con il motivo (scrivi il nome del cliente come ORG della scheda, o imposta il domain del cliente, poi importa di nuovo)", count(self, n as i64, Noun::Contact), if n == 1 { "aggiunto" } else { "aggiunti" };
    }

    words! {
        row_empty_cell => "la cella è vuota";
        row_no_such_column => "il file non ha questa colonna";
        row_promise_needs_due => "una promessa ha bisogno di una scadenza";
        row_renegotiation_needs_due => "una rinegoziazione ha bisogno della nuova scadenza";
        row_only_renegotiated_has_due => "solo una promessa rinegoziata ha una nuova scadenza";
        row_phase_needs_set => "un cambio di fase ha bisogno della fase (potential | new | acquired | partner | lost | auto)";
        row_person_needs_id_or_name => "una riga di persona ha bisogno dell'id o del nome della persona";
        row_added_person_needs_name => "una persona aggiunta ha bisogno di un nome";
        row_last_order_amount_missing => "manca l'importo dell'ultimo ordine";
        row_last_order_day_missing => "manca il giorno dell'ultimo ordine";
        row_last_order_needs_both => "l'ultimo ordine ha bisogno sia di --map last_order=COLONNA-GIORNO sia di --map last_order_amount=COLONNA-IMPORTO";
        row_id_from_empty => "la cella è vuota, e --id-from ne fa l'id del cliente";
        row_keep_one_row => "tieni una riga sola";
        found_not_utf8 => "il file non è in UTF-8 valido (salvato con un'altra codifica?); salvalo di nuovo in UTF-8";
        found_missing_name => "manca `name`: il nome del cliente";
        found_empty_name => "name deve essere un testo non vuoto";
        found_bad_since => "since deve essere una data come 2024-03-01";
        found_bad_tags => "tags deve essere un elenco di testi, come [\"b2b\", \"lombardia\"]";
        found_bad_cadence => "cadence deve essere un numero di giorni o di settimane, come \"30d\" o \"2w\"";
        found_bad_file_name => "non è un id cliente valido, quindi coltiva ignora questo file; rinominalo usando lettere minuscole, cifre e trattini (per esempio acme-spa.toml)";
        found_no_value => "nessun valore (tolto)";
        merge_removed_value => "tolta";
        empty_customer_reference => "il riferimento al cliente non può essere vuoto";
        empty_person_reference => "il riferimento alla persona non può essere vuoto";
        empty_summary => "il riassunto non può essere vuoto";
        empty_promise => "ciò che è stato promesso non può essere vuoto";
        person_nothing_to_change => "niente da cambiare: dai --name, --role, --email, --phone, --no-email o --no-phone";
        our_promise => "promessa nostra";
        their_promise => "promessa loro";
        phase_auto => "fase automatica";
        outlook_model => "BG/NBD (Fader, Hardie & Lee 2005), massima verosimiglianza";
        committed_detached => "coltiva: nota: commit fatto su una HEAD staccata (nessun branch attivo): il commit non sta su nessun branch e `git switch` verso un branch lo lascia indietro; tienilo con `git switch -c NUOVO-BRANCH`, oppure `git switch main` e poi `git cherry-pick`";
        rej_ignored => "aggiunti i file .rej di `coltiva repair` a .gitignore: restano in questa copia";
        autocommit_turned_on => "attivato autocommit in coltiva.toml: ogni scrittura viene registrata in git";
        footer => "Scritto da coltiva. Ogni cifra è anche nel JSON dello stesso comando (--format json).";
        import_progress => "importazione {bar:30} {pos}/{len} clienti (mancano {eta})";
    }
}
