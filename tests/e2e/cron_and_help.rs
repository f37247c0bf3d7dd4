//! The cron job and the first look (issue 13, PRODUCT.md §8.2): no journal is exit 1 with the
//! fix, a customer file that cannot be read leaves the rest reported, the README's crontab line
//! works as written, the report period, help on every argument, short flags, man pages.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::process::Command;

use clap::CommandFactory;
use common::{BIN, Run, TODAY, assert_unchanged, copy_example, example_dir, files};
use serde_json::Value;

/// `env -i HOME=home PATH=/usr/bin:/bin coltiva ARGS` in `cwd`: what cron gives a job.
fn under_cron(home: &Path, cwd: &Path, args: &[&str]) -> Run {
    let mut cmd = assert_cmd::Command::new("env");
    cmd.current_dir(cwd)
        .arg("-i")
        .arg(format!("HOME={}", home.display()))
        .arg("PATH=/usr/bin:/bin")
        .arg(BIN)
        .args(args);
    Run::of(&mut cmd)
}

#[test]
fn report_under_cron_without_a_journal_is_exit_1_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let before = files(tmp.path());
    for args in [
        &["report", "--format", "markdown"][..],
        &["list"],
        &["promises", "--open"],
        &["export"],
        &[],
    ] {
        let run = under_cron(&home, &home, args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} printed {}", run.stdout);
        for needle in [
            "no journal found",
            "--dir",
            "COLTIVA_DIR",
            "coltiva init",
            "cron",
        ] {
            assert!(
                run.stderr.contains(needle),
                "{args:?}: {needle}: {}",
                run.stderr
            );
        }
    }
    // Reading created nothing (no default data folder appeared).
    assert_unchanged(&before, &files(tmp.path()), "reading without a journal");
    assert!(!home.join(".local/share/coltiva").exists());

    // --dir or COLTIVA_DIR naming a folder that is not a journal: the same kind of message.
    let nowhere = tmp.path().join("clienti");
    let run = under_cron(
        &home,
        &home,
        &[
            "--dir",
            nowhere.to_str().unwrap(),
            "report",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    for needle in [
        "is not a coltiva journal",
        "--dir",
        "COLTIVA_DIR",
        "coltiva init",
    ] {
        assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
    }
    let run = Run::of(
        common::bare(&home)
            .env("COLTIVA_DIR", &nowhere)
            .args(["report"]),
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("$COLTIVA_DIR"), "{}", run.stderr);
}

#[test]
fn the_first_write_into_the_default_folder_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let data = tmp.path().join("xdg");
    fs::create_dir_all(&home).unwrap();
    let add = |name: &str| {
        Run::of(
            common::bare(&home)
                .env("HOME", &home)
                .env("XDG_DATA_HOME", &data)
                .args(["--today", TODAY, "add", name]),
        )
        .ok()
    };
    let first = add("ACME");
    let folder = data.join("coltiva");
    assert!(
        first.stderr.contains(&folder.display().to_string()),
        "{}",
        first.stderr
    );
    assert!(
        first.stderr.contains("default data folder"),
        "{}",
        first.stderr
    );
    assert!(folder.join("customers/acme.toml").is_file());
    let second = add("Rossi");
    assert!(
        !second.stderr.contains("default data folder"),
        "{}",
        second.stderr
    );
}

/// The crontab lines of the README (its ```crontab blocks), without their five time fields.
#[cfg(unix)]
fn readme_cron_commands() -> Vec<String> {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        !readme.contains("```cron\n"),
        "crontab blocks are marked ```crontab"
    );
    let commands: Vec<String> = readme
        .split("```crontab\n")
        .skip(1)
        .flat_map(|block| {
            let block = block.split("```").next().unwrap();
            block
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|line| {
                    let fields: Vec<&str> = line.splitn(6, char::is_whitespace).collect();
                    assert_eq!(fields.len(), 6, "{line}");
                    assert!(
                        !fields[5].contains('%'),
                        "cron turns % into a newline: {line}"
                    );
                    fields[5].trim().to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(commands.len() >= 2, "{commands:?}");
    commands
}

// Unix: cron, a shell script as `mail`, `env -i`.
#[cfg(unix)]
#[test]
fn the_readme_cron_line_works_as_written() {
    for command in readme_cron_commands() {
        cron_line_works(&command);
    }
}

#[cfg(unix)]
fn cron_line_works(command: &str) {
    assert!(command.contains("--dir"), "{command}");
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let cargo_bin = home.join(".cargo/bin");
    fs::create_dir_all(&cargo_bin).unwrap();
    std::os::unix::fs::symlink(BIN, cargo_bin.join("coltiva")).unwrap();
    copy_example(&home.join("clienti"));
    // A `mail` that keeps its arguments and the message.
    let tools = tmp.path().join("tools");
    fs::create_dir_all(&tools).unwrap();
    let mail = tools.join("mail");
    fs::write(
        &mail,
        "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \"$HOME/mail.args\"\ncat > \"$HOME/mail.body\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&mail, fs::Permissions::from_mode(0o755)).unwrap();
    let cron = |command: &str| {
        let out = Command::new("env")
            .current_dir(&home)
            .arg("-i")
            .arg(format!("HOME={}", home.display()))
            .arg(format!("PATH={}:/usr/bin:/bin", tools.display()))
            .args(["/bin/sh", "-c", command])
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = cron(command);
    assert_eq!(code, 0, "{stderr}");
    let body = fs::read_to_string(home.join("mail.body")).expect("a mail was sent");
    if command.contains("--format html") {
        assert!(body.contains("<html"), "{body}");
        assert!(body.contains("Revisione settimanale"), "{body}");
    } else {
        // The example journal is Italian ([locale] language = "it").
        assert!(body.starts_with("# Revisione settimanale "), "{body}");
        assert!(body.contains("- **clienti:** 9"), "{body}");
    }
    let args = fs::read_to_string(home.join("mail.args")).unwrap();
    assert!(
        args.ends_with("-s\nWeekly review\nme@example.com\n"),
        "{args}"
    );
    fs::remove_file(home.join("mail.body")).unwrap();

    // The journal moved away: nothing is mailed, the message says why (cron mails stderr).
    fs::rename(home.join("clienti"), home.join("elsewhere")).unwrap();
    // (The line's own status is rm's: cron acts on what is printed, not on the status.)
    let (_, stderr) = cron(command);
    assert!(
        !home.join("mail.body").exists(),
        "an empty report was mailed"
    );
    assert!(stderr.contains("is not a coltiva journal"), "{stderr}");
    assert!(stderr.contains("coltiva init"), "{stderr}");
}

/// A copy of the example journal whose keller-armaturen file holds conflict markers.
fn conflicted() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("journal");
    copy_example(&root);
    let file = root.join("customers/keller-armaturen.toml");
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str(
        "<<<<<<< HEAD\n[[interaction]]\nat = 2026-11-20\nsummary = \"ours\"\n=======\n[[interaction]]\nat = 2026-11-21\nsummary = \"theirs\"\n>>>>>>> origin/main\n",
    );
    fs::write(&file, text).unwrap();
    (tmp, root)
}

fn run_on(root: &Path, args: &[&str]) -> Run {
    let mut cmd = common::bare(root);
    cmd.arg("--dir")
        .arg(root)
        .args(["--today", TODAY])
        .args(args);
    Run::of(&mut cmd)
}

#[test]
fn a_conflicted_customer_file_leaves_the_rest_reported() {
    let (_tmp, root) = conflicted();
    let before = files(&root);
    let named = "customers/keller-armaturen.toml";
    let advice = |run: &Run, what: &str| {
        assert_eq!(run.code, 1, "{what}: {}", run.stderr);
        // The example journal reads in Italian: so does stderr.
        for needle in [
            named,
            "marcatori di conflitto",
            "coltiva edit keller-armaturen",
        ] {
            assert!(
                run.stderr.contains(needle),
                "{what}: {needle}: {}",
                run.stderr
            );
        }
    };
    for command in [&["list"][..], &["report"], &["promises"]] {
        for format in ["table", "markdown", "json", "csv"] {
            let mut args = command.to_vec();
            args.extend(["--format", format]);
            let run = run_on(&root, &args);
            let what = format!("{args:?}");
            advice(&run, &what);
            assert!(
                run.stdout.contains(named),
                "{what}: not named:\n{}",
                run.stdout
            );
            // The others are there.
            let other = match (command[0], format) {
                ("report", "json") => "\"customers\": 8",
                ("report", "csv") => "Weekly review",
                ("report", _) => "Revisione settimanale",
                // For people a promise is its id beside the customer's name.
                ("promises", "table" | "markdown") => "Idrotermica Rossi",
                _ => "idrotermica-rossi",
            };
            assert!(run.stdout.contains(other), "{what}:\n{}", run.stdout);
            assert!(!run.stdout.contains("keller-armaturen/"), "{what}");
            if format == "json" {
                let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
                assert_eq!(v["problems"][0]["file"], named, "{what}");
                assert_eq!(v["problems"][0]["customer"], "keller-armaturen");
            }
        }
    }
    // The agenda too; its calendar feed leaves the naming to stderr.
    let run = run_on(&root, &["agenda"]);
    advice(&run, "agenda");
    assert!(run.stdout.contains(named), "{}", run.stdout);
    let run = run_on(&root, &["agenda", "--format", "ics"]);
    advice(&run, "agenda ics");
    assert!(run.stdout.contains("BEGIN:VCALENDAR"));
    // The HTML page names it too.
    let run = run_on(&root, &["report", "--format", "html"]);
    advice(&run, "report html");
    assert!(run.stdout.contains(named) && run.stdout.contains("Revisione settimanale"));
    // list JSON: the readable customers are all there.
    let list: Value =
        serde_json::from_str(&run_on(&root, &["list", "--format", "json"]).stdout).unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 8);
    let report: Value =
        serde_json::from_str(&run_on(&root, &["report", "--format", "json"]).stdout).unwrap();
    assert_eq!(report["customers"], 8);
    // export: JSON names it, CSV (the columns import reads) leaves it to stderr; both exit 1.
    let run = run_on(&root, &["export"]);
    advice(&run, "export");
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["customers"].as_array().unwrap().len(), 8);
    assert_eq!(v["problems"][0]["file"], named);
    let run = run_on(&root, &["export", "--format", "csv"]);
    advice(&run, "export csv");
    assert!(run.stdout.contains("idrotermica-rossi"));
    // show of another customer, even by a part of its name, is not disturbed.
    let run = run_on(&root, &["show", "pedretti"]).ok();
    assert!(run.stdout.contains("caldaie-pedretti"));
    // The conflicted customer itself: an error naming the file.
    let run = run_on(&root, &["show", "keller-armaturen"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("keller-armaturen.toml"),
        "{}",
        run.stderr
    );
    // Reading changed nothing.
    assert_unchanged(&before, &files(&root), "reading a conflicted journal");
}

fn example(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let run = run_on(&example_dir(), &all).ok();
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_report_period() {
    let period = |args: &[&str]| {
        let r = example(args);
        (
            r["period"]["since"].as_str().unwrap().to_string(),
            r["period"]["until"].as_str().unwrap().to_string(),
            r["as_of"].as_str().unwrap().to_string(),
        )
    };
    let p = |s: &str, u: &str, a: &str| (s.to_string(), u.to_string(), a.to_string());
    // 2026-11-23 is a Monday: the default is the seven days ending on it, not the week that
    // is only starting.
    assert_eq!(
        period(&["report"]),
        p("2026-11-17", "2026-11-23", "2026-11-23")
    );
    assert_eq!(
        period(&["report", "--week"]),
        p("2026-11-23", "2026-11-29", "2026-11-23")
    );
    assert_eq!(
        period(&["report", "-w"]),
        p("2026-11-23", "2026-11-29", "2026-11-23")
    );
    // A period ending before the as-of day is evaluated as of its last day.
    assert_eq!(
        period(&["report", "--last-week"]),
        p("2026-11-16", "2026-11-22", "2026-11-22")
    );
    assert_eq!(
        period(&["report", "--since", "last week"]),
        p("2026-11-16", "2026-11-23", "2026-11-23")
    );
    assert_eq!(
        period(&["report", "--since", "last week", "--until", "last week"]),
        p("2026-11-16", "2026-11-22", "2026-11-22")
    );
    assert_eq!(
        period(&["report", "--since", "this month"]),
        p("2026-11-01", "2026-11-23", "2026-11-23")
    );
    assert_eq!(
        period(&["report", "--until", "last month"]),
        p("2026-10-25", "2026-10-31", "2026-10-31")
    );
    assert_eq!(
        period(&["report", "--until", "yesterday"]),
        p("2026-11-16", "2026-11-22", "2026-11-22")
    );
    // The markdown title says the same period as the JSON.
    let run = run_on(&example_dir(), &["report", "--format", "markdown"]).ok();
    assert!(
        run.stdout
            .starts_with("# Revisione settimanale 17/11/2026 – 23/11/2026 (al 23/11/2026)"),
        "{}",
        run.stdout
    );
    // Help says the default.
    let help = run_on(&example_dir(), &["report", "--help"]).ok();
    assert!(
        help.stdout.contains("six days before --until"),
        "{}",
        help.stdout
    );
    assert!(
        help.stdout.contains("evaluated as of its last day"),
        "{}",
        help.stdout
    );
    // Words that are no period: a usage error that lists the period words.
    let dir = example_dir();
    let before = files(&dir);
    let run = run_on(&dir, &["report", "--since", "next century"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--since") && run.stderr.contains("settimana scorsa"),
        "{}",
        run.stderr
    );
    let run = run_on(&dir, &["report", "--week", "--since", "2026-11-01"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_unchanged(&before, &files(&dir), "refused report");
}

#[test]
fn every_argument_has_help_and_the_frequent_ones_short_flags() {
    let mut cli = coltiva::cli::Cli::command();
    cli.build();
    let mut missing = Vec::new();
    let mut check = |cmd: &clap::Command, name: String| {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            if help.trim().is_empty() {
                missing.push(format!("{name} {id}"));
            }
        }
    };
    check(&cli, "coltiva".into());
    for sub in cli.get_subcommands() {
        check(sub, format!("coltiva {}", sub.get_name()));
        assert!(sub.get_about().is_some(), "{} has no about", sub.get_name());
    }
    assert!(missing.is_empty(), "arguments without help: {missing:?}");
    let short = |command: &str, long: &str| {
        cli.find_subcommand(command)
            .unwrap()
            .get_arguments()
            .find(|a| a.get_long() == Some(long))
            .and_then(|a| a.get_short())
    };
    for (command, long, letter) in [
        ("add", "tag", 't'),
        ("list", "tag", 't'),
        ("list", "sort", 's'),
        ("promise", "due", 'd'),
        ("promise", "by", 'b'),
        ("promise", "at", 'a'),
        ("promises", "by", 'b'),
        ("renegotiate", "due", 'd'),
        ("log", "at", 'a'),
        ("order", "note", 'n'),
        ("keep", "note", 'n'),
        ("break", "note", 'n'),
        ("forget", "yes", 'y'),
        ("report", "week", 'w'),
    ] {
        assert_eq!(short(command, long), Some(letter), "{command} --{long}");
    }
    // End to end: the short flags work.
    let j = common::Journal::new();
    j.ok(["add", "ACME", "-t", "vip"]);
    let id = j.ok([
        "promise",
        "acme",
        "Send the quote",
        "-d",
        "fri",
        "-b",
        "them",
        "-a",
        "2026-11-20",
    ]);
    let id = id.stdout.trim().to_string();
    let last = j.last("acme", "promise");
    assert_eq!(common::str_field(&last, "by"), "them");
    j.ok(["keep", &id, "-n", "on time", "-a", "2026-11-21"]);
    j.ok(["list", "-t", "vip", "-s", "id"]);
    j.ok(["forget", "acme", "-y"]);
}

#[test]
fn a_man_page_for_every_command_the_main_page_lists() {
    let man = |args: &[&str]| run_on(&example_dir(), &[&["man"][..], args].concat());
    let main = man(&[]).ok().stdout;
    for section in [
        "DATES",
        "ENVIRONMENT",
        "FILES",
        "\"EXIT STATUS\"",
        "\"SEE ALSO\"",
        "COMMANDS",
    ] {
        assert!(
            main.contains(&format!(".SH {section}")),
            "{section} in:\n{main}"
        );
    }
    for variable in ["COLTIVA_DIR", "NO_COLOR", "CLICOLOR_FORCE"] {
        assert!(main.contains(variable), "{variable}");
    }
    let see_also = main.split(".SH \"SEE ALSO\"").nth(1).unwrap();
    let pages: Vec<String> = see_also
        .split(", ")
        .filter_map(|p| p.trim().strip_prefix("coltiva\\-"))
        .map(|p| p.trim_end_matches("(1)").to_string())
        .collect();
    assert!(pages.len() >= 20, "{see_also}");
    assert!(pages.contains(&"log".to_string()));
    for page in &pages {
        let run = man(&[page]).ok();
        assert!(
            run.stdout.contains(&format!(".TH coltiva\\-{page} 1"))
                || run.stdout.contains(&format!(".TH coltiva-{page} 1")),
            "{page}: {}",
            &run.stdout[..200.min(run.stdout.len())]
        );
        assert!(run.stdout.contains(".SH \"EXIT STATUS\""));
    }
    // --all writes exactly the main page and those pages.
    let tmp = tempfile::tempdir().unwrap();
    man(&["--all", tmp.path().to_str().unwrap()]).ok();
    let mut written: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut expected: Vec<String> = pages.iter().map(|p| format!("coltiva-{p}.1")).collect();
    expected.push("coltiva.1".into());
    expected.sort();
    assert_eq!(written, expected);
    let run = man(&["nope"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the commands are"), "{}", run.stderr);
}
