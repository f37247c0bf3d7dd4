//! Every subcommand and every flag that `coltiva --help` and `coltiva <command> --help` list has
//! an end-to-end test that checks what it does (the output or the files), not only the exit
//! code.
//!
//! `every_flag_in_the_help_has_an_end_to_end_test` reads the help of the real binary and fails
//! when a flag or a command is not in [`COVERAGE`], or when the test named there does not exist
//! or does not use the flag. A new flag therefore needs a test before the suite is green again:
//! write it (here, or beside the command's other tests) and add one line to [`COVERAGE`].
//!
//! The other tests of this file cover what no other file exercised: `-f`, `set name= kind=
//! since= tags=`, `forget`'s question on a terminal, `cancel --note`, `check`'s summary and
//! notes, autocommit of break, cancel, renegotiate and repair, `report --until` alone, the
//! ordering rules that mutation testing found unguarded (reactivation list, cadence ties),
//! `agenda --tag/--where`, `export --tag`, `report --where`, `init --locale`, a successful
//! `import --delimiter`, and the records that `add -t`, `promise -d -a`, `keep -n -a` and
//! `forget -y` write.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{Journal, Run, enable_autocommit, git, gitconfig, str_field, with_git};
use serde_json::Value;

/// The flags of the top-level help, which every subcommand accepts too.
const GLOBAL: &str = "coltiva";

/// (command, flag, test): `test` (MODULE::FUNCTION under tests/e2e/) runs `command` with `flag` and
/// checks its effect. A flag of "" stands for the command itself; a command of "coltiva" for
/// the global flags.
#[rustfmt::skip]
const COVERAGE: &[(&str, &str, &str)] = &[
    // Global flags.
    (GLOBAL, "--dir", "cli_records::journal_discovery_order"),
    (GLOBAL, "--today", "cli_records::today_flag_sets_the_default_date_of_new_records"),
    (GLOBAL, "-h", "every_flag::short_help_long_help_help_command_and_version"),
    (GLOBAL, "--help", "every_flag::short_help_long_help_help_command_and_version"),
    (GLOBAL, "-V", "every_flag::short_help_long_help_help_command_and_version"),
    (GLOBAL, "--version", "every_flag::short_help_long_help_help_command_and_version"),
    // Commands and their flags.
    ("init", "", "cli_records::init_creates_settings_and_customers_folder"),
    ("init", "--git", "interop::init_git_sets_up_a_repository_for_teams"),
    ("init", "--locale", "every_flag::init_locale_sets_how_amounts_and_dates_are_read"),
    ("add", "", "cli_records::add_with_every_option"),
    ("add", "--id", "cli_records::add_with_every_option"),
    ("add", "--kind", "cli_records::add_with_every_option"),
    ("add", "--tag", "cli_records::add_with_every_option"),
    ("add", "--cadence", "cli_records::add_with_every_option"),
    ("add", "--since", "cli_records::add_with_every_option"),
    ("add", "--set", "cli_records::add_with_every_option"),
    ("log", "", "cli_records::log_appends_an_interaction_and_confirms_on_stderr"),
    ("log", "-c", "cli_records::log_with_channel_direction_and_date_time"),
    ("log", "--channel", "cli_records::log_with_channel_direction_and_date_time"),
    ("log", "--in", "cli_records::log_with_channel_direction_and_date_time"),
    ("log", "--at", "cli_records::log_with_channel_direction_and_date_time"),
    ("log", "--with", "people::with_names_the_person_on_log_order_and_promise"),
    ("order", "--with", "people::with_names_the_person_on_log_order_and_promise"),
    ("promise", "--with", "people::with_names_the_person_on_log_order_and_promise"),
    ("person", "", "people::a_person_is_added_changed_and_leaves_as_appended_records"),
    ("order", "", "cli_records::order_appends_amount_ref_and_note"),
    ("order", "--at", "cli_records::order_appends_amount_ref_and_note"),
    ("order", "--ref", "cli_records::order_appends_amount_ref_and_note"),
    ("order", "--note", "cli_records::order_appends_amount_ref_and_note"),
    ("promise", "", "cli_records::promise_by_them_and_due_words"),
    ("promise", "--due", "cli_records::promise_by_them_and_due_words"),
    ("promise", "--by", "cli_records::promise_by_them_and_due_words"),
    ("promise", "--at", "cli_records::promise_by_them_and_due_words"),
    ("promise", "--payment", "every_flag::promise_payment_is_stored_as_about_payment"),
    ("keep", "", "cli_records::keep_appends_a_resolution"),
    ("keep", "--at", "cli_records::keep_appends_a_resolution"),
    ("keep", "--note", "cli_records::keep_appends_a_resolution"),
    ("break", "", "every_flag::break_and_cancel_with_a_note"),
    ("break", "--at", "every_flag::break_and_cancel_with_a_note"),
    ("break", "--note", "every_flag::break_and_cancel_with_a_note"),
    ("cancel", "", "every_flag::break_and_cancel_with_a_note"),
    ("cancel", "--at", "every_flag::break_and_cancel_with_a_note"),
    ("cancel", "--note", "every_flag::break_and_cancel_with_a_note"),
    ("renegotiate", "", "cli_records::renegotiate_moves_the_due_date_and_the_promise_stays_open"),
    ("renegotiate", "--due", "cli_records::renegotiate_moves_the_due_date_and_the_promise_stays_open"),
    ("renegotiate", "--at", "cli_records::renegotiate_moves_the_due_date_and_the_promise_stays_open"),
    ("renegotiate", "--note", "cli_records::renegotiate_moves_the_due_date_and_the_promise_stays_open"),
    ("phase", "", "cli_records::phase_pins_and_unpins"),
    ("phase", "--at", "cli_records::phase_pins_and_unpins"),
    ("phase", "--reason", "cli_records::phase_pins_and_unpins"),
    ("set", "", "every_flag::set_replaces_name_kind_since_and_tags"),
    ("check", "", "every_flag::check_prints_a_summary_notes_leftovers_and_names_bad_file_names"),
    ("repair", "", "durability::repair_refuses_to_move_more_than_the_last_record_without_force"),
    ("repair", "--force", "durability::repair_refuses_to_move_more_than_the_last_record_without_force"),
    ("forget", "", "every_flag::forget_asks_on_a_terminal_and_reads_the_answer"),
    ("forget", "--yes", "durability::forget_needs_confirmation_and_deletes_the_file_and_its_rejects"),
    ("show", "", "cli_read::show_explains_one_customer"),
    ("show", "--all", "cli_read::show_explains_one_customer"),
    ("show", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("show", "--format", "cli_read::show_explains_one_customer"),
    ("list", "", "cli_read::list_filters_and_sorts"),
    ("list", "--phase", "cli_read::list_filters_and_sorts"),
    ("list", "--tag", "cli_read::list_filters_and_sorts"),
    ("list", "--where", "daily::filters_and_groups_match_hand_counts"),
    ("list", "--kind", "cli_read::list_filters_and_sorts"),
    ("list", "--overdue", "cli_read::list_filters_and_sorts"),
    ("list", "--sort", "cli_read::list_filters_and_sorts"),
    ("list", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("list", "--format", "cli_read::list_json_carries_the_contract_fields"),
    ("promises", "", "cli_read::promises_filters"),
    ("promises", "--open", "cli_read::promises_filters"),
    ("promises", "--overdue", "cli_read::promises_filters"),
    ("promises", "--by", "cli_read::promises_filters"),
    ("promises", "--due-within", "cli_read::promises_filters"),
    ("promises", "--tag", "daily::filters_and_groups_match_hand_counts"),
    ("promises", "--where", "daily::filters_and_groups_match_hand_counts"),
    ("promises", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("promises", "--format", "cli_read::promises_filters"),
    ("mail", "", "mail::mail_reads_a_maildir_once_and_a_dry_run_writes_nothing"),
    ("mail", "--maildir", "mail::mail_reads_a_maildir_once_and_a_dry_run_writes_nothing"),
    ("mail", "--dry-run", "mail::mail_reads_a_maildir_once_and_a_dry_run_writes_nothing"),
    ("mail", "--format", "mail::mail_reads_a_maildir_once_and_a_dry_run_writes_nothing"),
    ("mail", "-f", "mail::mail_reads_a_maildir_once_and_a_dry_run_writes_nothing"),
    ("search", "", "search::search_finds_every_kind_accents_and_case_ignored_whole_words_first_then_newest"),
    ("search", "--customer", "search::search_takes_the_filters_of_the_reading_commands"),
    ("search", "-c", "search::search_takes_the_filters_of_the_reading_commands"),
    ("search", "--tag", "search::search_takes_the_filters_of_the_reading_commands"),
    ("search", "-t", "search::search_takes_the_filters_of_the_reading_commands"),
    ("search", "--where", "search::search_takes_the_filters_of_the_reading_commands"),
    ("search", "--since", "search::search_takes_the_filters_of_the_reading_commands"),
    ("search", "--until", "search::search_takes_the_filters_of_the_reading_commands"),
    ("search", "--format", "search::search_in_every_format_and_in_italian"),
    ("search", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("report", "", "cli_read::report_default_week_and_explicit_periods"),
    ("report", "--since", "cli_read::report_default_week_and_explicit_periods"),
    ("report", "--until", "every_flag::report_until_alone_ends_the_period_there"),
    ("report", "--tag", "daily::filters_and_groups_match_hand_counts"),
    ("report", "--where", "every_flag::filters_reach_the_agenda_the_export_and_the_report"),
    ("report", "--by", "daily::filters_and_groups_match_hand_counts"),
    ("report", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("report", "--format", "cli_read::report_default_week_and_explicit_periods"),
    ("import", "", "interop::import_creates_customers_and_importing_again_adds_nothing"),
    ("import", "--map", "interop::import_cdnow_excerpt_with_map_date_format_and_type"),
    ("import", "--date-format", "interop::import_cdnow_excerpt_with_map_date_format_and_type"),
    ("import", "--type", "interop::import_cdnow_excerpt_with_map_date_format_and_type"),
    ("import", "--dry-run", "interop::dry_run_shows_the_plan_and_writes_nothing"),
    ("import", "--decimal", "locale::a_dot_decimal_file_needs_decimal_and_a_wrong_separator_is_named"),
    ("import", "--delimiter", "every_flag::import_delimiter_splits_the_columns_there"),
    ("import", "--id-from", "import_identity::id_from_gives_each_row_its_own_id_and_the_orders_follow"),
    ("rename", "", "rename::rename_moves_the_file_and_everything_follows"),
    ("log", "--again", "repeats_and_undo::the_same_log_or_promise_twice_on_a_day_is_refused_unless_again"),
    ("promise", "--again", "repeats_and_undo::the_same_log_or_promise_twice_on_a_day_is_refused_unless_again"),
    ("order", "--again", "repeats_and_undo::the_same_order_twice_on_a_day_is_refused_in_a_script_unless_again"),
    ("export", "", "interop::json_export_has_every_customer_and_record"),
    ("export", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("export", "--format", "interop::csv_export_imported_into_an_empty_journal_gives_the_same_metrics"),
    ("export", "--tag", "every_flag::filters_reach_the_agenda_the_export_and_the_report"),
    ("export", "--where", "daily::filters_and_groups_match_hand_counts"),
    ("agenda", "", "daily::agenda_prints_in_every_format"),
    ("agenda", "--days", "daily::the_calendar_feed_is_valid_rfc5545_with_stable_uids"),
    ("agenda", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("agenda", "--format", "daily::agenda_prints_in_every_format"),
    ("agenda", "--format", "daily::the_calendar_feed_is_valid_rfc5545_with_stable_uids"),
    ("agenda", "--tag", "every_flag::filters_reach_the_agenda_the_export_and_the_report"),
    ("agenda", "--where", "every_flag::filters_reach_the_agenda_the_export_and_the_report"),
    ("outlook", "", "outlook::every_format_shows_the_model_and_the_customers"),
    ("outlook", "--horizon", "outlook::fits_the_model_and_gives_every_customer_its_outlook"),
    ("outlook", "-f", "every_flag::short_format_flag_is_the_long_one"),
    ("outlook", "--format", "outlook::every_format_shows_the_model_and_the_customers"),
    ("undo", "", "daily::undo_takes_back_each_write_command"),
    ("undo", "--dry-run", "daily::undo_takes_back_each_write_command"),
    ("edit", "", "interop::edit_saves_a_valid_edit"),
    ("completions", "", "interop::completions_and_man_pages"),
    ("man", "", "interop::completions_and_man_pages"),
    // Issue 13: short flags, --color, --upcoming, --week, --last-week, man --all.
    (GLOBAL, "--color", "terminal::a_pipe_is_not_fitted_and_colour_follows_the_terminal"),
    ("add", "-k", "short_flags::short_writing_flags_match_their_long_flags"),
    ("add", "-t", "every_flag::short_flags_of_add_promise_keep_and_forget_write_what_they_say"),
    ("break", "-a", "short_flags::short_writing_flags_match_their_long_flags"),
    ("break", "-n", "short_flags::short_writing_flags_match_their_long_flags"),
    ("cancel", "-a", "short_flags::short_writing_flags_match_their_long_flags"),
    ("cancel", "-n", "short_flags::short_writing_flags_match_their_long_flags"),
    ("renegotiate", "-a", "short_flags::short_writing_flags_match_their_long_flags"),
    ("renegotiate", "-d", "short_flags::short_writing_flags_match_their_long_flags"),
    ("renegotiate", "-n", "short_flags::short_writing_flags_match_their_long_flags"),
    ("log", "-a", "short_flags::short_writing_flags_match_their_long_flags"),
    ("order", "-a", "short_flags::short_writing_flags_match_their_long_flags"),
    ("order", "-n", "short_flags::short_writing_flags_match_their_long_flags"),
    ("phase", "-a", "short_flags::short_writing_flags_match_their_long_flags"),
    ("phase", "-r", "short_flags::short_writing_flags_match_their_long_flags"),
    ("keep", "-a", "every_flag::short_flags_of_add_promise_keep_and_forget_write_what_they_say"),
    ("keep", "-n", "every_flag::short_flags_of_add_promise_keep_and_forget_write_what_they_say"),
    ("forget", "-y", "every_flag::short_flags_of_add_promise_keep_and_forget_write_what_they_say"),
    ("promise", "-a", "every_flag::short_flags_of_add_promise_keep_and_forget_write_what_they_say"),
    ("promise", "-b", "cron_and_help::every_argument_has_help_and_the_frequent_ones_short_flags"),
    ("promise", "-d", "every_flag::short_flags_of_add_promise_keep_and_forget_write_what_they_say"),
    ("list", "-k", "short_flags::short_reading_flags_match_their_long_flags"),
    ("list", "-o", "short_flags::short_reading_flags_match_their_long_flags"),
    ("list", "-p", "short_flags::short_reading_flags_match_their_long_flags"),
    ("list", "-s", "short_flags::short_reading_flags_match_their_long_flags"),
    ("list", "-t", "short_flags::short_reading_flags_match_their_long_flags"),
    ("promises", "-b", "short_flags::short_reading_flags_match_their_long_flags"),
    ("promises", "-o", "short_flags::short_reading_flags_match_their_long_flags"),
    ("promises", "-u", "short_flags::short_reading_flags_match_their_long_flags"),
    ("promises", "-t", "short_flags::short_reading_flags_match_their_long_flags"),
    ("promises", "--upcoming", "short_flags::short_reading_flags_match_their_long_flags"),
    ("report", "-l", "short_flags::short_reading_flags_match_their_long_flags"),
    ("report", "-w", "short_flags::short_reading_flags_match_their_long_flags"),
    ("report", "-b", "short_flags::short_reading_flags_match_their_long_flags"),
    ("report", "-t", "short_flags::short_reading_flags_match_their_long_flags"),
    ("report", "--last-week", "short_flags::short_reading_flags_match_their_long_flags"),
    ("report", "--week", "short_flags::short_reading_flags_match_their_long_flags"),
    ("export", "-t", "short_flags::short_reading_flags_match_their_long_flags"),
    ("agenda", "-t", "short_flags::short_reading_flags_match_their_long_flags"),
    ("man", "--all", "cron_and_help::a_man_page_for_every_command_the_main_page_lists"),
    ("help", "", "every_flag::short_help_long_help_help_command_and_version"),
];

/// Calls of tests/common helpers that run a command or pass a flag themselves: `j.add(..)`
/// runs `add`, `j.promise(..)` runs `promise --due`, `j.cmd_on(DAY)` passes `--today DAY`.
const HELPERS: &[(&str, &str)] = &[
    ("add", ".add("),
    ("promise", ".promise("),
    ("--due", ".promise("),
    ("--today", ".cmd_on("),
];

/// The commands and flags one help text lists: the names in its `Commands:` section and the
/// `-x` / `--xyz` at the start of its option lines (indented by at most 6 spaces: deeper lines
/// are wrapped descriptions).
fn help_items(help: &str) -> (Vec<String>, Vec<String>) {
    let (mut commands, mut flags) = (Vec::new(), Vec::new());
    let mut section = "";
    for line in help.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            section = line.trim_end_matches(':');
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let words: Vec<&str> = line.split_whitespace().collect();
        match section {
            "Commands" if indent == 2 => commands.push(words[0].to_string()),
            "Options" if indent <= 6 && line.trim_start().starts_with('-') => {
                for word in words {
                    let flag = word.trim_end_matches(',');
                    let flag = flag.split(['=', '[']).next().unwrap_or(flag);
                    if flag.starts_with('-') && flag.len() > 1 && !flag.starts_with("<") {
                        flags.push(flag.to_string());
                    } else {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    (commands, flags)
}

fn help_of(args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let run = Run::of(common::bare(tmp.path()).args(args)).ok();
    run.stdout
}

/// The body of every `fn NAME()` of every file under tests/, by `FILE::NAME`.
fn test_bodies() -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let mut bodies = BTreeMap::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(&path).unwrap();
        for (start, _) in text.match_indices("\nfn ") {
            let rest = &text[start + 4..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let end = rest.find("\n}\n").unwrap_or(rest.len());
            bodies.insert(format!("{stem}::{name}"), rest[..end].to_string());
        }
    }
    bodies
}

#[test]
fn every_flag_in_the_help_has_an_end_to_end_test() {
    let (commands, global_flags) = help_items(&help_of(&["--help"]));
    assert!(
        commands.len() >= 20,
        "commands not found in the help: {commands:?}"
    );
    assert!(
        global_flags.contains(&"--dir".to_string()),
        "{global_flags:?}"
    );

    let mut listed: BTreeSet<(String, String)> = BTreeSet::new();
    for flag in &global_flags {
        listed.insert((GLOBAL.into(), flag.clone()));
    }
    for command in &commands {
        listed.insert((command.clone(), String::new()));
        if command == "help" {
            continue;
        }
        let (_, flags) = help_items(&help_of(&[command, "--help"]));
        for flag in flags {
            if !global_flags.contains(&flag) {
                listed.insert((command.clone(), flag));
            }
        }
    }

    let covered: BTreeSet<(String, String)> = COVERAGE
        .iter()
        .map(|(c, f, _)| (c.to_string(), f.to_string()))
        .collect();
    let untested: Vec<String> = listed
        .difference(&covered)
        .map(|(c, f)| format!("coltiva {c} {f}"))
        .collect();
    assert!(
        untested.is_empty(),
        "listed in the help but with no end-to-end test in COVERAGE (tests/e2e/every_flag.rs): {untested:#?}"
    );
    let stale: Vec<String> = covered
        .difference(&listed)
        .map(|(c, f)| format!("coltiva {c} {f}"))
        .collect();
    assert!(
        stale.is_empty(),
        "in COVERAGE but no longer in the help: {stale:#?}"
    );

    // The named test exists and really runs that command with that flag.
    let bodies = test_bodies();
    let mut wrong = Vec::new();
    for (command, flag, test) in COVERAGE {
        let Some(body) = bodies.get(*test) else {
            wrong.push(format!("{command} {flag}: no test {test}"));
            continue;
        };
        let uses = |word: &str| {
            body.contains(&format!("\"{word}\""))
                || body.contains(&format!("\"{word}="))
                || HELPERS
                    .iter()
                    .any(|(w, call)| *w == word && body.contains(call))
        };
        if *command != GLOBAL && !uses(command) {
            wrong.push(format!("{test} never runs {command:?}"));
        }
        if !flag.is_empty() && !uses(flag) {
            wrong.push(format!("{test} never passes {flag:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn short_help_long_help_help_command_and_version() {
    let tmp = tempfile::tempdir().unwrap();
    let short = Run::of(common::bare(tmp.path()).args(["-h"])).ok();
    let long = Run::of(common::bare(tmp.path()).args(["--help"])).ok();
    for run in [&short, &long] {
        assert!(run.stdout.contains("Usage: coltiva"), "{}", run.stdout);
        assert!(run.stdout.contains("report"), "{}", run.stdout);
        assert_eq!(run.stderr, "");
    }
    // -h is the summary: it never holds more than --help.
    assert!(short.stdout.len() <= long.stdout.len());

    // `coltiva help log` is `coltiva log --help`.
    let help = Run::of(common::bare(tmp.path()).args(["help", "log"])).ok();
    let flag = Run::of(common::bare(tmp.path()).args(["log", "--help"])).ok();
    assert_eq!(help.stdout, flag.stdout);
    assert!(
        help.stdout.contains("Usage: coltiva log"),
        "{}",
        help.stdout
    );

    let version = format!("coltiva {}\n", env!("CARGO_PKG_VERSION"));
    for flag in ["-V", "--version"] {
        let run = Run::of(common::bare(tmp.path()).args([flag])).ok();
        assert_eq!(run.stdout, version, "{flag}");
    }
}

/// A journal with ACME (an open promise and an order) and Rossi.
fn small_journal() -> (Journal, String) {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme", "--since", "2025-01-01"]);
    j.add(
        "Rossi Impianti",
        &["--id", "rossi", "--since", "2025-01-01"],
    );
    j.ok(["order", "acme", "1200", "--at", "2026-11-02"]);
    j.ok(["log", "rossi", "Called", "--at", "2026-11-20"]);
    let p = j.promise(
        "acme",
        "Send the quote",
        "2026-11-27",
        &["--at", "2026-11-20"],
    );
    (j, p)
}

#[test]
fn short_format_flag_is_the_long_one() {
    let (j, p) = small_journal();
    for command in [
        vec!["show", "acme"],
        vec!["list"],
        vec!["promises"],
        vec!["report"],
        vec!["export"],
        vec!["agenda"],
        vec!["outlook"],
        vec!["search", "quote"],
    ] {
        for format in ["json", "csv"] {
            let mut short = command.clone();
            short.extend(["-f", format]);
            let mut long = command.clone();
            long.extend(["--format", format]);
            let short = j.ok(&short).stdout;
            assert_eq!(short, j.ok(&long).stdout, "{command:?} -f {format}");
            if format == "json" {
                let value: Value = serde_json::from_str(&short)
                    .unwrap_or_else(|e| panic!("{command:?} -f json: {e}\n{short}"));
                assert_ne!(value, Value::Null);
            } else {
                assert!(!short.trim_start().starts_with(['{', '[']), "{short}");
            }
            // Not an empty result: the journal's content is in it.
            let wanted = match command[0] {
                "promises" | "agenda" => p.as_str(),
                "report" => "2026-11-2",
                _ => "acme",
            };
            assert!(short.contains(wanted), "{command:?} -f {format}:\n{short}");
        }
    }
    // An unknown -f value is a usage error naming it, like --format.
    j.fails(["list", "-f", "xml"], 2, "xml");
}

#[test]
fn set_replaces_name_kind_since_and_tags() {
    let j = Journal::new();
    j.add(
        "ACME S.r.l.",
        &[
            "--id",
            "acme",
            "--tag",
            "b2b",
            "--tag",
            "old",
            "--since",
            "2025-01-01",
        ],
    );
    j.ok(["log", "acme", "one", "--at", "2026-11-02"]);
    let records = {
        let text = j.text("acme");
        text[text.find("[[interaction]]").unwrap()..].to_string()
    };

    let run = j.ok(["set", "acme", "name=ACME Italia S.p.A.", "kind=internal"]);
    assert_eq!(run.stdout, "");
    let header = j.toml("acme");
    assert_eq!(str_field(&header, "name"), "ACME Italia S.p.A.");
    assert_eq!(str_field(&header, "kind"), "internal");
    let shown = j.json(["show", "acme", "--format", "json"]);
    assert_eq!(shown["name"], "ACME Italia S.p.A.", "{shown}");
    assert_eq!(shown["kind"], "internal", "{shown}");
    // The id stays: a new name does not rename the file.
    assert!(j.file("acme").exists());

    // since= reads WHEN words towards the past: on Monday 2026-11-23, fri is 2026-11-20.
    j.ok(["set", "acme", "since=fri"]);
    assert_eq!(j.toml("acme")["since"].to_string(), "2026-11-20");
    j.ok(["set", "acme", "since=2024-01-05"]);
    assert_eq!(j.toml("acme")["since"].to_string(), "2024-01-05");
    assert_eq!(
        j.json(["list", "--format", "json"])[0]["since"],
        "2024-01-05"
    );

    // tags= replaces the whole list (no duplicates); tags+= still adds to it.
    j.ok(["set", "acme", "tags=vip,b2c,vip"]);
    let tags = |j: &Journal| -> Vec<String> {
        j.toml("acme")["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(tags(&j), ["vip", "b2c"]);
    j.ok(["set", "acme", "tags+=export"]);
    assert_eq!(tags(&j), ["vip", "b2c", "export"]);
    assert_eq!(
        j.json(["list", "--tag", "b2b", "--format", "json"]),
        Value::Array(vec![])
    );

    // Every record byte survived the header edits.
    assert!(j.text("acme").ends_with(&records), "{}", j.text("acme"));
    // A since= that is not a day is refused, nothing written.
    j.fails(["set", "acme", "since=someday"], 2, "since");
}

/// Runs coltiva with a pseudo-terminal as its standard input (where `forget` asks its
/// question), typing `answer`; stdout and stderr are pipes.
#[cfg(unix)]
fn on_a_terminal(j: &Journal, args: &[&str], answer: &str) -> Run {
    use std::io::Write;
    let (master, slave) = common::openpty(None);
    let mut cmd = j.spawnable();
    cmd.args(args)
        .stdin(std::process::Stdio::from(slave))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    drop(cmd); // closes our copy of the terminal's slave side
    let mut master = fs::File::from(master);
    master.write_all(answer.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(run.code == 0 || run.code == 1 || run.code == 2, "{run:?}");
    run
}

#[cfg(unix)]
#[test]
fn forget_asks_on_a_terminal_and_reads_the_answer() {
    let (j, _) = small_journal();
    // The question names the customer and what to type, before any answer is read.
    let question = "Type the id (acme) to confirm";

    // Anything but the id keeps the customer, byte for byte.
    for answer in ["no\n", "y\n", "\n", "rossi\n"] {
        let before = j.files();
        let run = on_a_terminal(&j, &["forget", "acme"], answer);
        assert_eq!(run.code, 2, "{answer:?}: {run:?}");
        assert!(run.stderr.contains(question), "{answer:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("not confirmed; ACME S.r.l. (acme) was kept"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stdout, "");
        common::assert_unchanged(&before, &j.files(), &format!("forget answered {answer:?}"));
    }

    // Typing the id deletes it, and only it.
    let run = on_a_terminal(&j, &["forget", "acme"], "acme\n");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains(question), "{}", run.stderr);
    assert!(
        run.stderr.contains("forgot ACME S.r.l. (acme)"),
        "{}",
        run.stderr
    );
    assert!(!j.file("acme").exists());
    assert!(j.file("rossi").exists());
    let listed = j.json(["list", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["id"], "rossi");
}

#[test]
fn promise_payment_is_stored_as_about_payment() {
    let (j, plain) = small_journal();
    let run = j.ok([
        "promise",
        "acme",
        "Pay invoice 7",
        "--due",
        "2026-11-30",
        "--by",
        "them",
        "--payment",
    ]);
    let paid = run.stdout.trim();
    let promises = j.toml("acme")["promise"].as_array().unwrap().clone();
    let about = |id: &str| {
        promises
            .iter()
            .find(|p| p["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("{id} in {promises:?}"))
            .get("about")
            .map(|v| v.as_str().unwrap().to_string())
    };
    assert_eq!(about(paid).as_deref(), Some("payment"));
    assert_eq!(
        about(&plain),
        None,
        "a promise without --payment has no about"
    );
}

#[test]
fn break_and_cancel_with_a_note() {
    let (j, p) = small_journal();
    let q = j.promise(
        "acme",
        "Pay the invoice",
        "2026-11-30",
        &["--by", "them", "--at", "2026-11-20"],
    );
    let run = j.ok([
        "cancel",
        p.as_str(),
        "--at",
        "2026-11-21",
        "--note",
        "they dropped the project",
    ]);
    assert_eq!(run.stdout, "");
    let r = j.last("acme", "resolution");
    assert_eq!(str_field(&r, "promise"), p);
    assert_eq!(str_field(&r, "status"), "cancelled");
    assert_eq!(str_field(&r, "note"), "they dropped the project");
    assert_eq!(common::at(&r), "2026-11-21");

    j.ok([
        "break",
        q.as_str(),
        "--at",
        "2026-11-22",
        "--note",
        "never paid",
    ]);
    let r = j.last("acme", "resolution");
    assert_eq!(str_field(&r, "promise"), q);
    assert_eq!(str_field(&r, "status"), "broken");
    assert_eq!(str_field(&r, "note"), "never paid");
    assert_eq!(common::at(&r), "2026-11-22");
    assert_eq!(j.count("acme", "resolution"), 2);

    // The reading side agrees: the cancelled promise leaves our kept rate, theirs is broken.
    let promises = j.json(["promises", "--format", "json"]);
    let status = |id: &str| {
        promises
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {promises}"))["status"]
            .clone()
    };
    assert_eq!(status(&p), "cancelled");
    assert_eq!(status(&q), "broken");
}

#[test]
fn check_prints_a_summary_notes_leftovers_and_names_bad_file_names() {
    let (j, _) = small_journal();
    let root = j.root().display().to_string();

    // A clean journal: nothing on stdout, a one-line summary on stderr.
    let run = Run::of(j.cmd().arg("check")).ok();
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("checked 2 customers and 3 records in {root}: no problems\n")
    );

    // Left-overs are notes, not problems: exit 0, each file named with what to do.
    let customers = j.root().join("customers");
    fs::write(
        customers.join("acme.toml.rej"),
        "[[interaction]]\nat = 2026-",
    )
    .unwrap();
    // A pid above the kernel's largest (4,194,304): never a live process, so the note is
    // always "interrupted write" (a small pid such as 1234 may be a live process).
    fs::write(customers.join("rossi.toml.tmp-4194305"), "schema = 1\n").unwrap();
    fs::write(customers.join("notes.txt"), "call back\n").unwrap();
    fs::write(customers.join(".acme.toml.swp"), "vim").unwrap();
    let run = Run::of(j.cmd().arg("check")).ok();
    assert_eq!(run.stdout, "");
    let note = |name: &str, what: &str| {
        let path = customers.join(name).display().to_string();
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("note: ") && l.contains(&path) && l.contains(what)),
            "no note on {name} ({what}):\n{}",
            run.stderr
        );
    };
    note("acme.toml.rej", "coltiva repair");
    note("rossi.toml.tmp-4194305", "interrupted write");
    note("notes.txt", "not a customer file");
    // Hidden files (an editor's swap file, a desktop's .DS_Store) are passed over in silence.
    assert!(!run.stderr.contains(".acme.toml.swp"), "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().count(),
        4,
        "three notes and the summary: {}",
        run.stderr
    );
    assert!(run.stderr.ends_with(&format!(
        "checked 2 customers and 3 records in {root}: no problems\n"
    )));

    // A .toml file whose name is not a customer id is a problem: coltiva would silently
    // ignore its records.
    fs::write(
        customers.join("ACME Corp.toml"),
        "schema = 1\nname = \"ACME Corp\"\n",
    )
    .unwrap();
    let before = j.files();
    let run = Run::of(j.cmd().arg("check"));
    assert_eq!(run.code, 1, "{run:?}");
    let path = customers.join("ACME Corp.toml").display().to_string();
    assert!(
        run.stdout.starts_with(&path) && run.stdout.contains("not a valid customer id"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("1 problem in 1 file (of 2 customers)"),
        "{}",
        run.stderr
    );
    common::assert_unchanged(&before, &j.files(), "check");
}

/// A git journal with autocommit on, one customer and three open promises of ours.
struct GitJournal {
    tmp: tempfile::TempDir,
    config: std::path::PathBuf,
    dir: std::path::PathBuf,
}

impl GitJournal {
    fn new() -> GitJournal {
        let tmp = tempfile::tempdir().unwrap();
        let config = gitconfig(tmp.path());
        let dir = tmp.path().join("journal");
        let mut cmd = common::bare(tmp.path());
        with_git(&mut cmd, &config);
        Run::of(cmd.args(["init", "--git"]).arg(&dir)).ok();
        enable_autocommit(&dir);
        // `init --git` made the first commit itself (PRODUCT.md §8.5): nothing is left over.
        assert_eq!(git(&dir, &config, &["status", "--porcelain"]), "");
        GitJournal { tmp, config, dir }
    }

    fn ok(&self, args: &[&str]) -> Run {
        let mut cmd = common::coltiva(&self.dir);
        with_git(&mut cmd, &self.config);
        let run = Run::of(cmd.args(args)).ok();
        assert!(!run.stderr.contains("warning"), "{args:?}: {}", run.stderr);
        run
    }

    fn git(&self, args: &[&str]) -> String {
        git(&self.dir, &self.config, args)
    }

    /// The subject of the last commit and the files it touched.
    fn last_commit(&self) -> (String, Vec<String>) {
        let text = self.git(&["log", "-1", "--format=%s", "--name-only"]);
        let mut lines = text.lines().filter(|l| !l.is_empty());
        let subject = lines.next().unwrap_or_default().to_string();
        (subject, lines.map(str::to_string).collect())
    }
}

const HAND_WRITTEN: &str = "\n[[interaction]]\nat = 2026-11-20\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"by hand\"\n";

#[test]
fn repair_of_a_torn_append_after_a_commit_does_not_warn() {
    let g = GitJournal::new();
    g.ok(&[
        "add",
        "ACME S.r.l.",
        "--id",
        "acme",
        "--since",
        "2025-01-01",
    ]);
    g.ok(&["log", "acme", "one"]);
    let path = g.dir.join("customers/acme.toml");
    let committed = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!("{committed}\n[[interaction]]\nat = 2026-11-2"),
    )
    .unwrap();
    g.ok(&["repair", "acme"]); // asserts no warning on stderr
    assert_eq!(fs::read_to_string(&path).unwrap(), committed);
    assert_eq!(
        g.git(&["status", "--porcelain", "--", "customers/acme.toml"]),
        ""
    );
}

#[test]
fn autocommit_covers_break_cancel_renegotiate_and_repair() {
    let g = GitJournal::new();
    assert!(g.tmp.path().exists());
    g.ok(&[
        "add",
        "ACME S.r.l.",
        "--id",
        "acme",
        "--since",
        "2025-01-01",
    ]);
    let promise = |what: &str| {
        g.ok(&["promise", "acme", what, "--due", "2026-11-30"])
            .stdout
            .trim()
            .to_string()
    };
    let (p1, p2, p3) = (promise("one"), promise("two"), promise("three"));
    let commits = |g: &GitJournal| g.git(&["rev-list", "--count", "HEAD"]).trim().to_string();
    let acme = vec!["customers/acme.toml".to_string()];

    g.ok(&["break", &p1, "--note", "forgot"]);
    // The message carries what was said (PRODUCT.md §8.5).
    assert_eq!(
        g.last_commit(),
        (format!("break acme/{p1} — forgot"), acme.clone())
    );
    g.ok(&["cancel", &p2]);
    // Without a note, the message carries what was promised.
    assert_eq!(
        g.last_commit(),
        (format!("cancel acme/{p2} — two"), acme.clone())
    );
    g.ok(&["renegotiate", &p3, "--due", "2026-12-15"]);
    let (subject, touched) = g.last_commit();
    assert!(
        subject.starts_with(&format!("renegotiate acme/{p3}")),
        "{subject}"
    );
    assert_eq!(touched, acme);
    // Nothing left uncommitted by these writes.
    assert_eq!(g.git(&["status", "--porcelain"]), "");

    // A record written by hand (not committed), then a torn tail (a crash outside coltiva),
    // then repair: the repaired file is committed, the .rej file (for the user to review) is
    // not.
    let count = commits(&g);
    let path = g.dir.join("customers/acme.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(HAND_WRITTEN);
    let committed = text.clone();
    text.push_str("\n[[interaction]]\nat = 2026-11-2");
    fs::write(&path, &text).unwrap();
    g.ok(&["repair", "acme"]);
    let (subject, touched) = g.last_commit();
    assert_eq!(subject, "repair acme: moved a broken tail aside");
    assert_eq!(touched, acme);
    assert_eq!(
        commits(&g).parse::<u32>().unwrap(),
        count.parse::<u32>().unwrap() + 1
    );
    let head = g.git(&["show", "HEAD:customers/acme.toml"]);
    assert_eq!(head, fs::read_to_string(&path).unwrap());
    assert!(head.starts_with(committed.trim_end()), "{head}");
    assert!(head.contains("by hand"), "{head}");
    let status = g.git(&["status", "--porcelain", "--", "customers/acme.toml"]);
    assert_eq!(status, "", "the repaired file is not committed");
    let tracked = g.git(&["ls-files", "customers"]);
    assert!(!tracked.contains(".rej"), "{tracked}");
    assert!(g.dir.join("customers/acme.toml.rej").exists());
}

#[test]
fn report_until_alone_ends_the_period_there() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme", "--since", "2025-01-01"]);
    // As of Thursday 2026-11-26: contacts on Monday and Tuesday (in a period ending on
    // Tuesday 2026-11-24, whichever day it starts) and on Wednesday (after it).
    for (summary, day) in [
        ("monday", "2026-11-23"),
        ("tuesday", "2026-11-24"),
        ("wednesday", "2026-11-25"),
    ] {
        Run::of(
            j.cmd_on("2026-11-26")
                .args(["log", "acme", summary, "--at", day]),
        )
        .ok();
    }
    let run = Run::of(j.cmd_on("2026-11-26").args([
        "report",
        "--until",
        "2026-11-24",
        "--format",
        "json",
    ]))
    .ok();
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["period"]["until"], "2026-11-24", "{report}");
    let since = report["period"]["since"].as_str().unwrap();
    assert!(
        since <= "2026-11-23",
        "the period starts after its first day: {since}"
    );
    assert_eq!(report["contacts_total"], 2, "{report}");
    assert_eq!(report["contacts_by_channel"]["call"], 2, "{report}");

    // The human form says the same period.
    let table = Run::of(
        j.cmd_on("2026-11-26")
            .args(["report", "--until", "2026-11-24"]),
    )
    .ok();
    assert!(table.stdout.contains("2026-11-24"), "{}", table.stdout);
}

#[test]
fn reactivation_lists_the_biggest_lost_customers_first() {
    let j = Journal::new();
    // Three lost customers (last order over 365 days before 2026-11-23); two tie on the total.
    for (id, amounts) in [
        ("zeta", &["400", "500"][..]),
        ("alfa", &["900"][..]),
        ("mid", &["500"][..]),
        ("beta", &["850", "50"][..]),
    ] {
        j.add(&id.to_uppercase(), &["--id", id, "--since", "2023-01-01"]);
        for amount in amounts {
            j.ok(["order", id, amount, "--at", "2024-06-10"]);
        }
    }
    // One customer that is not lost, with the largest total: never in the list.
    j.add("Live", &["--id", "live", "--since", "2023-01-01"]);
    j.ok(["order", "live", "5000", "--at", "2026-11-02"]);

    let report = j.json(["report", "--format", "json"]);
    let order: Vec<&str> = report["reactivation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["customer"].as_str().unwrap())
        .collect();
    // Largest order total first; a tie by id.
    assert_eq!(order, ["alfa", "beta", "zeta", "mid"], "{report}");
    assert_eq!(report["reactivation"][0]["order_total"], 900, "{report}");
}

#[test]
fn a_cadence_tie_between_tags_goes_to_the_first_tag() {
    let j = Journal::new();
    j.edit_settings(&[(
        "# vip = \"14d\"",
        "vip = \"14d\"\nkey = \"14d\"\nslow = \"60d\"",
    )]);
    j.add(
        "One",
        &[
            "--id", "one", "--tag", "slow", "--tag", "key", "--tag", "vip",
        ],
    );
    j.add("Two", &["--id", "two", "--tag", "vip", "--tag", "key"]);
    j.add("Three", &["--id", "three", "--tag", "slow"]);
    let list = j.json(["list", "--format", "json"]);
    let source = |id: &str| {
        let row = list
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        (row["cadence_days"].clone(), row["cadence_source"].clone())
    };
    assert_eq!(source("one"), (14.into(), "tag:key".into()), "{list}");
    assert_eq!(source("two"), (14.into(), "tag:vip".into()), "{list}");
    assert_eq!(source("three"), (60.into(), "tag:slow".into()), "{list}");
}

/// Two customers in two territories with one tag each, an order and a promise due this week
/// each: acme (b2b, Milano), rossi (vip, Brescia).
fn two_territories() -> (Journal, String, String) {
    let j = Journal::new();
    let since = ["--since", "2026-10-01"];
    let acme = ["--id", "acme", "--tag", "b2b", "--set", "territory=Milano"];
    j.add("ACME S.r.l.", &[&acme[..], &since].concat());
    let rossi = [
        "--id",
        "rossi",
        "--tag",
        "vip",
        "--set",
        "territory=Brescia",
    ];
    j.add("Rossi Impianti", &[&rossi[..], &since].concat());
    j.ok(["order", "acme", "1200", "--at", "2026-11-20"]);
    j.ok(["order", "rossi", "300", "--at", "2026-11-21"]);
    let at = ["--at", "2026-11-20"];
    let pa = j.promise("acme", "Send the quote", "2026-11-25", &at);
    let pr = j.promise("rossi", "Call back", "2026-11-26", &at);
    (j, pa, pr)
}

#[test]
fn filters_reach_the_agenda_the_export_and_the_report() {
    let (j, pa, pr) = two_territories();
    // (customer, promise) of each agenda line.
    let agenda = |filter: &[&str]| -> Vec<(String, String)> {
        let args = [&["agenda", "--format", "json"][..], filter].concat();
        j.json(&args)
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["customer"].as_str().unwrap().to_string(),
                    i["promise"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let both = vec![("acme".to_string(), pa.clone()), ("rossi".to_string(), pr)];
    assert_eq!(agenda(&[]), both);
    assert_eq!(agenda(&["--tag", "b2b"]), both[..1]);
    assert_eq!(agenda(&["--where", "territory=brescia"]), both[1..]);
    assert_eq!(
        agenda(&["--tag", "b2b", "--where", "territory=Brescia"]),
        []
    );
    // A filter that leaves nothing says so, not silence.
    let none = j.ok(["agenda", "--tag", "nobody"]).stdout;
    assert!(none.contains("nothing due"), "{none}");
    assert!(!none.contains(&pa), "{none}");

    // export --tag: only the tagged customers, with their records.
    let ids = |filter: &[&str]| -> Vec<String> {
        let args = [&["export", "--format", "json"][..], filter].concat();
        j.json(&args)["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&[]), ["acme", "rossi"]);
    assert_eq!(ids(&["--tag", "vip"]), ["rossi"]);
    assert!(ids(&["--tag", "nobody"]).is_empty());
    let csv = j.ok(["export", "--tag", "b2b", "--format", "csv"]).stdout;
    assert!(csv.contains("acme") && csv.contains("1200"), "{csv}");
    assert!(!csv.contains("rossi"), "{csv}");

    // report --where: the customers, the promises and the contacts of the matching ones only.
    let period = ["--since", "2026-11-16", "--until", "2026-11-29"];
    let report =
        |filter: &[&str]| j.json([&["report", "--format", "json"][..], &period, filter].concat());
    let all = report(&[]);
    assert_eq!(all["customers"], 2);
    assert_eq!(all["contacts_total"], 2);
    let milano = report(&["--where", "territory=Milano"]);
    assert_eq!(milano["customers"], 1);
    assert_eq!(milano["contacts_total"], 1);
    let due: Vec<&str> = milano["due_soon"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["customer"].as_str().unwrap())
        .collect();
    assert_eq!(due, ["acme"]);
    assert_eq!(report(&["--where", "territory=Roma"])["customers"], 0);
    j.fails(["report", "--where", "territory"], 2, "expected KEY=VALUE");
}

#[test]
fn init_locale_sets_how_amounts_and_dates_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("diario");
    Run::of(
        common::bare(tmp.path())
            .args(["init", "--locale", "it"])
            .arg(&root),
    )
    .ok();
    let settings = fs::read_to_string(root.join("coltiva.toml")).unwrap();
    assert!(settings.contains("[locale]"), "{settings}");
    assert!(settings.contains("decimal = \",\""), "{settings}");
    // The journal reads amounts with a decimal comma and dates day first.
    let run = Run::of(common::coltiva(&root).args(["add", "Rossi", "--id", "rossi"])).ok();
    assert_eq!(run.stdout, "rossi\n");
    Run::of(common::coltiva(&root).args(["order", "rossi", "1.250,40", "--at", "20/11/2026"])).ok();
    let text = fs::read_to_string(root.join("customers").join("rossi.toml")).unwrap();
    assert!(text.contains("amount = \"1250.40\"\n"), "{text}");
    assert!(text.contains("at = 2026-11-20\n"), "{text}");

    // `--locale en` keeps the plain forms: 1.250,40 is refused there.
    let plain = tmp.path().join("journal");
    Run::of(
        common::bare(tmp.path())
            .args(["init", "--locale", "en"])
            .arg(&plain),
    )
    .ok();
    Run::of(common::coltiva(&plain).args(["add", "Rossi", "--id", "rossi"])).ok();
    let run = Run::of(common::coltiva(&plain).args(["order", "rossi", "1.250,40"]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("1.250,40"), "{}", run.stderr);
}

#[test]
fn import_delimiter_splits_the_columns_there() {
    let j = Journal::new();
    let csv = j.tmp().join("pipes.csv");
    fs::write(
        &csv,
        "customer|type|at|amount|ref\nrossi|order|2026-11-20|1250.40|F-1,2\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    // Read at the comma (the header has none: the default), there is no customer column.
    j.fails(["import", csv], 1, "customer");
    j.ok(["import", csv, "--delimiter", "|"]);
    let order = j.last("rossi", "order");
    assert_eq!(str_field(&order, "amount"), "1250.40", "{order:?}");
    assert_eq!(str_field(&order, "ref"), "F-1,2");
    assert_eq!(common::at(&order), "2026-11-20");
}

#[test]
fn short_flags_of_add_promise_keep_and_forget_write_what_they_say() {
    let j = Journal::new();
    j.ok([
        "add",
        "ACME S.r.l.",
        "--id",
        "acme",
        "-t",
        "vip",
        "-t",
        "b2b",
    ]);
    let tags: Vec<String> = j.toml("acme")["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert_eq!(tags, ["vip", "b2b"]);

    // On Monday 2026-11-23, fri is 2026-11-27; made on 2026-11-20.
    let id = j
        .ok([
            "promise",
            "acme",
            "Send the quote",
            "-d",
            "fri",
            "-a",
            "2026-11-20",
        ])
        .stdout
        .trim()
        .to_string();
    let promise = j.last("acme", "promise");
    assert_eq!(str_field(&promise, "id"), id);
    assert_eq!(promise["due"].to_string(), "2026-11-27");
    assert_eq!(common::at(&promise), "2026-11-20");

    j.ok(["keep", &id, "-n", "sent by mail", "-a", "2026-11-21"]);
    let kept = j.last("acme", "resolution");
    assert_eq!(str_field(&kept, "promise"), id);
    assert_eq!(str_field(&kept, "status"), "kept");
    assert_eq!(str_field(&kept, "note"), "sent by mail");
    assert_eq!(common::at(&kept), "2026-11-21");

    // -y answers the question: the file is gone without one being asked.
    j.add("Rossi", &["--id", "rossi"]);
    j.ok(["forget", "acme", "-y"]);
    assert!(!j.file("acme").exists());
    assert!(j.file("rossi").exists(), "only the named customer goes");
}
