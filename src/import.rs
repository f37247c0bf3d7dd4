//! `coltiva import FILE.csv`: validates every row first, then writes each customer's new
//! records in one append (or creates the customer with them), so that nothing is written when
//! any row is bad and large files import quickly. See docs/IMPORT.md.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::app::{Context, autocommit_staged, print, tell};
use crate::cli::ImportArgs;
use crate::error::{Error, IoContext, Refusal, Result};
use crate::i18n::{Catalogue, ImportNote, ImportRefusal, MapProblem, RowProblem};
use crate::ids::fresh_promise_id;
use crate::interop::columns::{Column, Layout, LayoutError, Target, parse_target};
use crate::interop::identity;
use crate::interop::keys::check_date_format;
use crate::interop::plan::{self, CustomerPlan, Plan, describe, still_missing};
use crate::interop::rows::{Body, Row, RowError, RowOptions, RowType, parse_row};
use crate::model::{Customer, Record};
use crate::render::count;
use crate::resolve;
use crate::storage::{Journal, NewCustomer};

/// Rows from which a terminal shows a progress bar.
const PROGRESS_ROWS: usize = 1000;
/// New customers written per batch (each batch is written, fsynced and linked together).
const CREATE_BATCH: usize = 1000;
/// Row errors listed before "and N more".
const SHOWN_ERRORS: usize = 20;

/// Longest line of an import error: cells and headers are quoted in messages, and a garbage
/// file could make one megabytes long.
const MESSAGE_LINE_CHARS: usize = 400;

pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    import(ctx, args).map_err(|e| match e {
        Error::Invalid(m) => Error::Invalid(crate::text::clipped_lines(&m, MESSAGE_LINE_CHARS)),
        Error::Usage(m) => Error::Usage(crate::text::clipped_lines(&m, MESSAGE_LINE_CHARS)),
        other => other,
    })
}

/// A flag's value read by `parse` (None when the flag is not given); what it refuses is a
/// usage error.
fn usage<T>(
    value: Option<&str>,
    parse: impl FnOnce(&str) -> std::result::Result<T, String>,
) -> Result<Option<T>> {
    value.map(parse).transpose().map_err(Error::Usage)
}

/// A `.vcf` file, or any input that starts as a vCard does (`BEGIN:VCARD`, after a BOM or
/// blank lines).
fn is_vcard(path: &Path, bytes: &[u8]) -> bool {
    let vcf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("vcf") || e.eq_ignore_ascii_case("vcard"));
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = text.trim_ascii_start();
    vcf || start
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"BEGIN:VCARD"))
}

fn import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let mut maps = Vec::new();
    let mut extras = Vec::new();
    for m in &args.maps {
        match parse_target(m).map_err(Error::Usage)? {
            (Target::Column(c), theirs) => maps.push((c, theirs)),
            (Target::Extra(e), theirs) => extras.push((e, theirs)),
        }
    }
    usage(args.date_format.as_deref(), check_date_format)?;
    let delimiter = usage(args.delimiter.as_deref(), crate::interop::delimiter::parse)?;
    let decimal = usage(args.decimal.as_deref(), |d| {
        d.parse::<crate::model::DecimalMark>()
            .map_err(|m| format!("--decimal: {m}"))
    })?;
    let default_type = usage(args.default_type.as_deref(), |t| {
        RowType::parse(t).map_err(|m| format!("--type: {m}"))
    })?;
    let id_from = usage(args.id_from.as_deref(), identity::parse_id_from)?;
    for (extra, theirs) in &extras {
        if let crate::interop::columns::Extra::Revenue(year) = extra
            && *year > chrono::Datelike::year(&ctx.today)
        {
            return Err(Error::Usage(ctx.words().import_refused(
                &ImportRefusal::RevenueAfterToday {
                    year: *year,
                    theirs,
                    today: ctx.today,
                },
            )));
        }
    }
    let journal = ctx.journal_to_write()?;
    let words = crate::app::words(&journal);
    let from_stdin = args.file.as_os_str() == "-";
    let label = if from_stdin {
        words.standard_input().to_string()
    } else {
        args.file.display().to_string()
    };
    let bytes = read_input(&args.file, from_stdin)?;
    if is_vcard(&args.file, &bytes) {
        let csv_only = [
            (!args.maps.is_empty(), "--map"),
            (args.date_format.is_some(), "--date-format"),
            (args.delimiter.is_some(), "--delimiter"),
            (args.decimal.is_some(), "--decimal"),
            (args.default_type.is_some(), "--type"),
            (args.id_from.is_some(), "--id-from"),
        ];
        if let Some((_, flag)) = csv_only.iter().find(|(given, _)| *given) {
            return Err(Error::Usage(words.import_refused(
                &ImportRefusal::CsvFlagOnVcard {
                    flag,
                    label: &label,
                },
            )));
        }
        return crate::contacts::import(ctx, &journal, &label, &bytes, args.dry_run);
    }

    // 1. Read and check every row.
    let delimiter = delimiter.unwrap_or_else(|| crate::interop::delimiter::detect(&bytes));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(delimiter)
        .from_reader(bytes.as_slice());
    let header = reader
        .headers()
        .map_err(|e| {
            let money = journal.settings.locale.money();
            Error::Invalid(format!(
                "{label}: {}",
                words.row_problem(&csv_problem(&e), &money)
            ))
        })?
        .clone();
    let mut layout = Layout::new(&header, &maps).map_err(|e| match e {
        LayoutError::Usage(m) => Error::Usage(words.map_problem(&m)),
        LayoutError::Data(m) => Error::Invalid(words.import_refused(&ImportRefusal::Header {
            label: &label,
            problem: &words.map_problem(&m),
        })),
    })?;
    if !layout.has(Column::Customer) {
        return Err(Error::Invalid(words.import_refused(
            &ImportRefusal::NoCustomerColumn {
                label: &label,
                columns: layout.header().join(", "),
                delimiter: crate::interop::delimiter::name(delimiter),
            },
        )));
    }
    if !layout.has(Column::Type) && default_type.is_none() {
        return Err(Error::Invalid(words.import_refused(
            &ImportRefusal::NoTypeColumn {
                label: &label,
                choices: RowType::choices(),
            },
        )));
    }
    layout.place_extras(&extras).map_err(|e| match e {
        LayoutError::Usage(m) | LayoutError::Data(m) => Error::Usage(words.map_problem(&m)),
    })?;
    // `--id-from`: the file's columns whose cells make each customer's id.
    let mut id_columns: Vec<(String, usize)> = Vec::new();
    for name in id_from.iter().flatten() {
        let Some(i) = layout.position(name) else {
            return Err(Error::Usage(words.map_problem(
                &MapProblem::IdFromNoColumn {
                    name: name.clone(),
                    columns: layout.header().join(", "),
                },
            )));
        };
        layout.mark_read(i);
        id_columns.push((layout.header()[i].clone(), i));
    }
    if !layout.ignored.is_empty() {
        tell(&format!(
            "coltiva: {}",
            words.import_note(&ImportNote::Ignoring(&layout.ignored))
        ));
    }
    let options = RowOptions {
        date_format: args.date_format.clone(),
        date_order: journal.settings.locale.date_order,
        decimal: decimal.unwrap_or(journal.settings.locale.decimal),
        decimal_given: decimal.is_some(),
        default_type,
        default_channel: journal.settings.defaults.channel,
        today: ctx.today,
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    // Line numbers from byte offsets: the csv crate's own line count is one too low for each
    // CRLF line ending before the row.
    let mut lines = LineCounter::new(&bytes);
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
                match parse_row(&layout, &record, line, &options) {
                    Ok(mut row) => {
                        let made = if id_columns.is_empty() {
                            None
                        } else {
                            let cells: Vec<(&str, &str)> = id_columns
                                .iter()
                                .map(|(name, i)| (name.as_str(), record.get(*i).unwrap_or("")))
                                .collect();
                            match identity::made_id(&cells) {
                                Ok(id) => {
                                    let parts: Vec<String> =
                                        cells.iter().map(|(_, c)| c.trim().to_string()).collect();
                                    Some((id, parts.join(", "), parts))
                                }
                                Err((column, problem)) => {
                                    errors.push(RowError {
                                        line,
                                        column: Some(format!("{column:?}")),
                                        problem,
                                    });
                                    continue;
                                }
                            }
                        };
                        // A customer row's cells, to tell rows of one customer apart.
                        let cells = matches!(row.body, Body::Customer(_))
                            .then(|| record.iter().map(|c| c.trim().to_string()).collect());
                        // The history a customer row carries: records of that customer.
                        let history = std::mem::take(&mut row.history);
                        for record in history {
                            let extra = Row {
                                line: row.line,
                                customer: row.customer.clone(),
                                name: row.name.clone(),
                                body: Body::Record {
                                    record,
                                    source: None,
                                },
                                history: Vec::new(),
                            };
                            rows.push((extra, made.clone(), None, true));
                        }
                        rows.push((row, made, cells, false));
                    }
                    Err(e) => errors.push(e),
                }
            }
            Err(e) => errors.push(RowError {
                line: e.position().map_or(0, |p| lines.line_at(p.byte())),
                column: None,
                problem: Box::new(csv_problem(&e)),
            }),
        }
    }
    if !extras.is_empty()
        && !rows
            .iter()
            .any(|(row, ..)| matches!(row.body, Body::Customer(_)))
    {
        let maps: Vec<String> = extras
            .iter()
            .map(|(e, theirs)| format!("--map {}={theirs}", e.name()))
            .collect();
        tell(&format!(
            "coltiva: {}",
            words.import_note(&ImportNote::ExtrasUnused {
                maps: &maps,
                label: &label
            })
        ));
    }
    if rows.is_empty() && errors.is_empty() {
        tell(&words.import_note(&ImportNote::NoRows { label: &label }));
        return Ok(());
    }

    // 2. Find each row's customer: an existing one, or one to create.
    let mut resolver = resolve::ImportCustomers::new(&journal);
    let mut resolved = Vec::with_capacity(rows.len());
    let mut seen = Vec::with_capacity(rows.len());
    let mut new_ids: HashMap<String, bool> = HashMap::new();
    for (row, made, cells, from_history) in rows {
        let found = match &made {
            Some((id, _, parts)) => resolver.made_id(id, &row.customer, parts),
            None => resolver.id(&row.customer),
        };
        match found {
            Ok(id) => {
                let new = *new_ids
                    .entry(id.clone())
                    .or_insert_with(|| !journal.has_customer(&id));
                // A customer row of a customer already there is skipped, its history too.
                if from_history && !new {
                    continue;
                }
                seen.push(identity::Seen {
                    line: row.line,
                    id: id.clone(),
                    new,
                    named: made.map_or_else(|| row.customer.clone(), |(_, text, _)| text),
                    cells,
                });
                resolved.push((id, row));
            }
            Err(problem) => errors.push(RowError {
                line: row.line,
                column: Some(layout.label(Column::Customer)),
                problem: Box::new(problem),
            }),
        }
    }
    let customer_column = layout
        .their_name(Column::Customer)
        .unwrap_or("customer")
        .to_string();
    let id_names: Option<Vec<String>> =
        id_from.map(|_| id_columns.iter().map(|(n, _)| n.clone()).collect());
    errors.extend(identity::collisions(
        &seen,
        layout.header(),
        &customer_column,
        id_names.as_deref(),
    ));
    drop(seen);
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(refuse(&journal, &label, errors));
    }

    // 3. Compare with the journal: what is there already, what is new, what is inconsistent.
    let mut existing: HashMap<String, Customer> = HashMap::new();
    let mut checked: HashSet<&str> = HashSet::new();
    for (id, _) in &resolved {
        if checked.insert(id.as_str()) && journal.has_customer(id) {
            let customer = journal.load_customer(id).map_err(|e| {
                Error::Invalid(words.import_refused(&ImportRefusal::CustomerUnreadable {
                    label: &label,
                    problem: &e.to_string(),
                }))
            })?;
            existing.insert(id.clone(), customer);
        }
    }
    let total_rows = resolved.len();
    let plan =
        plan::plan(resolved, &existing, ctx.today).map_err(|e| refuse(&journal, &label, e))?;
    drop(existing);
    if plan.customers.is_empty() {
        tell(&words.import_note(&ImportNote::AllThere {
            rows: total_rows,
            label: &label,
        }));
        return Ok(());
    }
    if args.dry_run {
        return show_plan(&plan, &label, words);
    }

    // 4. Write: new customers in batches, then one append per existing customer.
    // An import is not undone by `coltiva undo`, and undo must not reach past it.
    journal.undo_log().forget();
    let show_progress = std::io::stderr().is_terminal() && total_rows >= PROGRESS_ROWS;
    let progress = if show_progress {
        let bar = indicatif::ProgressBar::new(plan.customers.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(words.import_progress())
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    // git stages each batch while the next is written, where the import will autocommit.
    let planned: Result<Vec<PathBuf>> = plan
        .customers
        .iter()
        .map(|c| journal.customer_path(&c.id))
        .collect();
    let mut stager = planned.ok().and_then(|p| crate::app::stager(&journal, &p));
    let mut written: Vec<PathBuf> = Vec::with_capacity(plan.customers.len());
    let result = write(&journal, &plan, &mut written, &progress, |paths| {
        if let Some(stager) = stager.as_mut() {
            stager.stage(paths);
        }
    });
    progress.finish_and_clear();
    if let Err(e) = result {
        if !written.is_empty() {
            autocommit_staged(
                &journal,
                stager,
                &written,
                &commit_message(&args.file, from_stdin, None),
            );
        }
        return Err(Error::Invalid(words.import_refused(
            &ImportRefusal::Interrupted {
                problem: &e.to_string(),
                written: written.len(),
            },
        )));
    }
    // The commit message stays English, as every commit message coltiva writes.
    let owned: Vec<Record> = plan
        .customers
        .iter()
        .flat_map(|c| c.records.iter().cloned())
        .collect();
    let what = if owned.is_empty() {
        format!(
            "{} ({} new), no records",
            count(plan.customers.len() as i64, "customer"),
            plan.created(),
        )
    } else {
        format!(
            "{} ({}) for {} ({} new)",
            count(owned.len() as i64, "record"),
            describe(&owned),
            count(plan.customers.len() as i64, "customer"),
            plan.created(),
        )
    };
    // The records by kind, in the order first met.
    let mut kinds: Vec<(crate::model::Table, usize)> = Vec::new();
    for r in plan.customers.iter().flat_map(|c| c.records.iter()) {
        match kinds.iter_mut().find(|(k, _)| *k == r.kind()) {
            Some((_, n)) => *n += 1,
            None => kinds.push((r.kind(), 1)),
        }
    }
    tell(&words.imported(
        &kinds,
        plan.customers.len(),
        plan.created(),
        &label,
        plan.already,
    ));
    autocommit_staged(
        &journal,
        stager,
        &written,
        &commit_message(&args.file, from_stdin, Some(&what)),
    );
    Ok(())
}

/// `import clienti.csv: 6 customers (6 new), no records`; `what` None: the
/// import stopped on an error after writing some customers.
fn commit_message(file: &Path, from_stdin: bool, what: Option<&str>) -> String {
    let name = if from_stdin {
        "standard input".to_string()
    } else {
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string())
    };
    match what {
        None => format!("import {name} (interrupted)"),
        Some(what) => format!("import {name}: {what}"),
    }
}

/// The line (1-based) of the row at a byte offset, counting `\n` only (so `\r\n` is one line
/// end), for offsets given in increasing order (rows are read in order).
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> LineCounter<'a> {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = (offset as usize).min(self.bytes.len());
        // After a CRLF the reader places the next record at the `\n`: the row starts after
        // the line ending (blank lines are skipped by the reader too).
        while offset < self.bytes.len() && matches!(self.bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset < self.offset {
            *self = LineCounter::new(self.bytes);
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.offset..offset]).count() as u64;
        self.offset = offset;
        self.line
    }
}

fn read_input(path: &Path, from_stdin: bool) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if from_stdin {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .ctx(|| "could not read standard input")?;
    } else {
        bytes = std::fs::read(path).ctx(|| format!("could not read {}", path.display()))?;
    }
    Ok(bytes)
}

/// What is wrong with a row the csv reader refused, as a fact.
fn csv_problem(e: &csv::Error) -> RowProblem {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => RowProblem::UnequalFields {
            expected: *expected_len,
            found: *len,
        },
        csv::ErrorKind::Utf8 { err, .. } => RowProblem::NotUtf8 {
            field: err.field() + 1,
        },
        _ => RowProblem::Said(e.to_string()),
    }
}

/// The error for bad rows, in the journal's language: each located by line and column, and
/// the promise that nothing was written.
fn refuse(journal: &Journal, label: &str, errors: Vec<RowError>) -> Error {
    let words = crate::app::words(journal);
    let money = journal.settings.locale.money();
    let mut message = words.import_refused(&ImportRefusal::BadRows {
        label,
        rows: errors.len(),
    });
    for e in errors.iter().take(SHOWN_ERRORS) {
        message.push_str("\n  ");
        let problem = words.row_problem(&e.problem, &money);
        message.push_str(&words.row_error(e.line, e.column.as_deref(), &problem));
    }
    if errors.len() > SHOWN_ERRORS {
        message.push_str("\n  ");
        message.push_str(&words.import_refused(&ImportRefusal::More(errors.len() - SHOWN_ERRORS)));
    }
    Error::Invalid(message)
}

fn show_plan(plan: &Plan, label: &str, words: &dyn Catalogue) -> Result<()> {
    let mut out = String::new();
    for c in &plan.customers {
        match &c.create {
            Some(header) => out.push_str(&format!(
                "create {} ({}): {}\n",
                c.id,
                header.name,
                describe(&c.records)
            )),
            None => out.push_str(&format!("append {}: {}\n", c.id, describe(&c.records))),
        }
    }
    print(&out)?;
    tell(&words.import_note(&ImportNote::DryRun {
        records: plan.record_count(),
        customers: plan.customers.len(),
        new: plan.created(),
        label,
        already: plan.already,
    }));
    Ok(())
}

/// Writes the plan, adding each path to `written` and handing it to `stage` once it is on the
/// disk (a batch of new customers at a time, then each append).
fn write(
    journal: &Journal,
    plan: &Plan,
    written: &mut Vec<PathBuf>,
    progress: &indicatif::ProgressBar,
    mut stage: impl FnMut(&[PathBuf]),
) -> Result<()> {
    let (creates, appends): (Vec<&CustomerPlan>, Vec<&CustomerPlan>) =
        plan.customers.iter().partition(|c| c.create.is_some());
    for batch in creates.chunks(CREATE_BATCH) {
        let mut news = Vec::with_capacity(batch.len());
        for c in batch {
            let mut records = c.records.clone();
            give_promise_ids(&mut records, HashSet::new())?;
            news.push(NewCustomer {
                id: c.id.clone(),
                header: c
                    .create
                    .clone()
                    .unwrap_or_else(|| unreachable!("partitioned")),
                records,
            });
        }
        let paths = match journal.writer().create_customers_with_records(&news) {
            Ok(paths) => paths,
            Err(Error::Refused(Refusal::SomeCreated { error, created, of })) => {
                // The files linked before the failure are on the disk, whole: counted and
                // committed with the earlier batches, never left out of the message.
                stage(&created);
                written.extend(created.iter().cloned());
                return Err(Error::Refused(Refusal::SomeCreated { error, created, of }));
            }
            Err(e) => return Err(e),
        };
        progress.inc(paths.len() as u64);
        stage(&paths);
        written.extend(paths);
    }
    for c in appends {
        journal.writer().append_records_with(&c.id, |current| {
            let mut records = still_missing(current, c);
            let taken = current.promises.iter().map(|p| p.id.clone()).collect();
            give_promise_ids(&mut records, taken)?;
            Ok(records)
        })?;
        journal.undo_log().forget();
        let path = journal.customer_path(&c.id)?;
        stage(std::slice::from_ref(&path));
        written.push(path);
        progress.inc(1);
    }
    Ok(())
}

/// Gives a fresh id to every promise imported without one.
fn give_promise_ids(records: &mut [Record], mut taken: HashSet<String>) -> Result<()> {
    for r in records.iter() {
        if let Record::Promise(p) = r
            && !p.id.is_empty()
        {
            taken.insert(p.id.clone());
        }
    }
    for r in records.iter_mut() {
        if let Record::Promise(p) = r
            && p.id.is_empty()
        {
            let id = fresh_promise_id(|candidate| taken.contains(candidate))?;
            taken.insert(id.clone());
            p.id = id;
        }
    }
    Ok(())
}
