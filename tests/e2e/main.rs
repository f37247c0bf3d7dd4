//! The end-to-end tests: one test binary (each file of this folder is a module), so the crate is
//! linked once for all of them rather than once per file (matklad, "Delete Cargo Integration
//! Tests", 2021). Every test drives the real `coltiva` binary on a temporary journal.

mod check_cache;
mod cli_read;
mod cli_records;
mod common;
// strace, a Linux tool, records the system calls the crash states are built from.
#[cfg(unix)]
mod crash;
// git objects and Unix permissions; runs on Linux (the Windows build: .ci/wine-tests).
#[cfg(unix)]
mod crash_fixes;
// strace, a Linux tool (see crash).
#[cfg(unix)]
mod crash_states;
mod cron_and_help;
mod daily;
mod durability;
mod durability_points;
mod edit_folder;
mod every_flag;
mod every_screen;
mod example_journal;
mod faults;
mod hostile;
mod hostile_fs;
mod html_browser;
mod html_pages;
mod import_git_stream;
mod import_identity;
mod import_sheet;
mod interop;
mod languages;
mod locale;
mod locale_views;
mod mail;
mod numbers_by_hand;
mod one_rule;
mod outlook;
mod people;
mod platform;
mod promise_index;
mod rename;
// a pseudo-terminal answers the repeat question.
#[cfg(unix)]
mod repeats_and_undo;
mod roundtrip;
mod search;
mod short_flags;
mod snapshots;
mod streaming;
// git repositories and clones (the cache against checkouts and pulls).
#[cfg(unix)]
mod summary_cache;
// real git clones and shell scripts as merge drivers.
#[cfg(unix)]
mod team_merge;
mod terminal;
mod torn_records;
mod vcard;
mod words_check;
mod words_commands;
mod words_rules;
mod words_storage;
