//! Issue 28: every screen — amounts typed the journal's way, the README's install lines on a
//! fresh account, bounded output and helpful usage errors.

use crate::common;

use common::{Journal, Run, bare};

/// An Italian journal (`init --locale it`: 1.250,40 €) with one customer.
fn italian() -> Journal {
    let j = Journal::new();
    std::fs::remove_dir_all(j.root()).unwrap();
    Run::of(bare(j.tmp()).args(["init", "--locale", "it"]).arg(j.root())).ok();
    assert_eq!(j.add("Tubi e Raccordi", &["--id", "tubi"]), "tubi");
    j
}

#[test]
fn a_credit_note_is_typed_in_the_journals_decimal_style() {
    let j = italian();
    for (typed, cents) in [
        ("-120,00", -12_000),
        ("-35,20", -3_520),
        ("-1.200,00", -120_000),
        ("-120", -12_000),
    ] {
        // --again: -120 repeats -120,00 on purpose (the repeat rule would stop it).
        j.ok(["order", "tubi", typed, "--ref", "NC-1", "--again"]);
        let order = j.last("tubi", "order");
        let amount = order["amount"].clone();
        let read = match amount {
            toml::Value::Integer(n) => n * 100,
            toml::Value::Float(f) => (f * 100.0).round() as i64,
            // written in quotes, the record's last field (docs/FORMAT.md, "A torn record")
            toml::Value::String(s) => (s.parse::<f64>().unwrap() * 100.0).round() as i64,
            other => panic!("{other:?}"),
        };
        assert_eq!(read, cents, "{typed}");
    }
    // Options before or after the amount.
    j.ok(["order", "tubi", "--ref", "NC-2", "-5,00"]);
    assert_eq!(j.last("tubi", "order")["ref"].as_str(), Some("NC-2"));
    // A wrong one is refused by the amount's own rule (not clap's "use '-- -1'" tip), and
    // nothing is written.
    let run = j.fails(
        ["order", "tubi", "-1.200.00"],
        2,
        "importo non valido \"-1.200.00\"",
    );
    assert!(!run.stderr.contains("tip"), "{}", run.stderr);
    assert!(run.stderr.contains("1250,40"), "{}", run.stderr);
    let run = j.fails(["order", "tubi", "-x"], 2, "importo non valido \"-x\"");
    assert!(!run.stderr.contains("-- -x"), "{}", run.stderr);
    // Help still works where the amount would be.
    for help in ["--help", "-h"] {
        let run = Run::of(j.cmd().args(["order", "tubi", help]));
        assert_eq!(run.code, 0, "{help}: {}", run.stderr);
        assert!(
            run.stdout.contains("Usage: coltiva order"),
            "{}",
            run.stdout
        );
    }
}

/// The `sh` blocks of README.md that follow an `<!-- install-lines` marker, as written.
#[cfg(unix)] // its one caller runs them with sh
fn readme_install_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let mut blocks = Vec::new();
    for part in readme.split("<!-- install-lines").skip(1) {
        let block = part
            .split_once("```sh\n")
            .and_then(|(_, rest)| rest.split_once("```"))
            .map(|(block, _)| block)
            .expect("an sh block after the marker");
        blocks.extend(block.lines().map(str::to_string));
    }
    blocks
}

/// The README's install and completion lines, run as written by `sh` in an empty HOME with
/// nothing else in the environment (`env -i`), work: the man page is found, and bash, zsh and
/// fish complete `coltiva rep` to `report` from the files the lines wrote. `cargo install` is
/// stood in for by copying the binary to where it puts it (~/.cargo/bin).
#[cfg(unix)]
#[test]
fn the_readme_install_lines_work_on_a_fresh_account() {
    let lines = readme_install_lines();
    assert!(lines.len() >= 8, "{lines:?}");
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    let mut script = String::from("set -e\n");
    for line in &lines {
        if line.starts_with("cargo install --path .") {
            common::install_binary(&bin.join("coltiva"));
            continue;
        }
        script.push_str(line);
        script.push('\n');
    }
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let env_i = |program: &str, args: &[&str]| {
        let out = std::process::Command::new("env")
            .arg("-i")
            .arg(format!("HOME={}", home.path().display()))
            .arg(format!("PATH={path}"))
            .arg(program)
            .args(args)
            .output()
            .expect("env runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, stderr) = env_i("sh", &["-c", &script]);
    assert_eq!(
        code,
        Some(0),
        "the README's lines failed:\n{script}\n{stderr}"
    );
    assert!(
        stdout.contains("coltiva-report"),
        "man printed:\n{stdout}\n{stderr}"
    );
    assert!(
        home.path()
            .join(".local/share/man/man1/coltiva-report.1")
            .is_file()
    );
    // Each shell completes from what the lines installed.
    let has = |shell: &str| std::path::Path::new(&format!("/usr/bin/{shell}")).exists();
    if has("bash") {
        let (code, out, err) = env_i(
            "bash",
            &[
                "-c",
                ". ~/.local/share/bash-completion/completions/coltiva && complete -p coltiva",
            ],
        );
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(out.contains("coltiva"), "{out}");
    }
    if has("zsh") {
        let (code, out, err) = env_i(
            "zsh",
            &[
                "-fc",
                "fpath=(~/.zfunc $fpath); autoload -Uz compinit; compinit -u -D; whence -w _coltiva; print -r -- ${_comps[coltiva]}",
            ],
        );
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(out.contains("_coltiva"), "{out}{err}");
    }
    if has("fish") {
        let (code, out, err) = env_i("fish", &["-c", "complete -C 'coltiva rep'"]);
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(out.lines().any(|l| l.starts_with("report")), "{out}{err}");
    }
}

/// A 2 MB note: `show` prints a bounded table (piped or in a terminal) that says the note was
/// cut; JSON keeps every character.
#[test]
fn a_huge_note_is_cut_in_tables_and_whole_in_json() {
    let j = Journal::new();
    let id = j.add("Nota Enorme", &[]);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(j.file(&id))
        .unwrap();
    let note = "parola ".repeat(300_000);
    use std::io::Write;
    writeln!(
        file,
        "\n[[interaction]]\nat = 2026-11-20\nchannel = \"note\"\ndirection = \"out\"\nsummary = \"{note}\""
    )
    .unwrap();
    drop(file);
    let run = j.ok(["show", id.as_str()]);
    assert!(run.stdout.len() < 100_000, "{} bytes", run.stdout.len());
    assert!(
        run.stdout
            .contains("[cut: 2100000 characters; --format json shows them all]"),
        "{}",
        &run.stdout[..2000.min(run.stdout.len())]
    );
    let json = j.json(["show", id.as_str(), "--all", "--format", "json"]);
    assert!(
        json["records"].to_string().contains(&note),
        "JSON keeps the whole note"
    );
}

/// A journal without internal customers shows no "(internal)" rows of zeros; a period without
/// phase changes has no empty phase-moves chart above the table that says so.
#[test]
fn empty_sections_are_left_out_or_said_once() {
    let j = Journal::new();
    j.add("Rossi Impianti", &["--since", "2026-01-05"]);
    j.ok(["order", "rossi", "1200", "--at", "2026-02-01"]);
    let table = j.ok(["report"]).stdout;
    assert!(!table.contains("internal"), "{table}");
    let md = j.ok(["report", "--format", "markdown"]).stdout;
    assert!(!md.contains("internal"), "{md}");
    let html = j.ok(["report", "--format", "html"]).stdout;
    assert!(
        !html.contains("data-chart=\"phase_moves\""),
        "phase-moves chart drawn"
    );
    assert!(html.contains("no phase changes"), "the table says it once");
    // With an internal customer and a phase change in the period, both are there.
    j.add("Marco Agente", &["--kind", "internal"]);
    j.ok(["order", "rossi", "300", "--at", "2026-11-20"]);
    j.add("Nuovo Cliente", &[]);
    j.ok(["order", "nuovo", "100", "--at", "2026-11-21"]);
    let table = j.ok(["report"]).stdout;
    assert!(table.contains("us (internal)"), "{table}");
    let html = j.ok(["report", "--format", "html"]).stdout;
    assert!(
        html.contains("data-chart=\"phase_moves\""),
        "phase-moves chart missing"
    );
}

/// `agenda --format csv` is opened in spreadsheets: a promise text or a name that would run as
/// a formula gets a leading `'`, as in `list` and `report` (one owner: render::csv); dates stay
/// typed.
#[test]
fn the_agenda_csv_defuses_formulas() {
    let j = Journal::new();
    j.add("=cmd|' /C calc'!A0", &["--id", "evil"]);
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    j.promise("evil", formula, "2026-11-25", &[]);
    let csv = j.ok(["agenda", "--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let promise = rows.iter().find(|r| &r[col("kind")] == "keep").unwrap();
    assert_eq!(&promise[col("what")], format!("'{formula}"));
    assert_eq!(&promise[col("customer_name")], "'=cmd|' /C calc'!A0");
    assert_eq!(&promise[col("due")], "2026-11-25");
    assert_eq!(&promise[col("days")], "2");
}

/// A flag coltiva spells otherwise gets advice and the command's own usage line (clap's made
/// `--dir` look required); nothing is written.
#[test]
fn near_miss_flags_get_helpful_usage_errors() {
    let j = italian();
    let run = j.fails(
        ["log", "tubi", "Chiamato", "--direction", "in"],
        2,
        "`--in`",
    );
    assert!(
        run.stderr
            .contains("Usage: coltiva log [OPTIONS] <CUSTOMER> <SUMMARY>"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("--dir <DIR>"), "{}", run.stderr);
    assert!(
        run.stderr.contains("try 'coltiva log --help'"),
        "{}",
        run.stderr
    );
    let run = j.fails(
        ["order", "tubi", "--amount", "5"],
        2,
        "the amount is the second argument",
    );
    assert!(run.stderr.contains("'--amount'"), "{}", run.stderr);
    j.fails(
        ["promise", "tubi", "Listino", "--date", "fri"],
        2,
        "`--due`",
    );
    let run = j.fails(["log", "tubi", "x", "--chanel", "call"], 2, "'--channel'");
    assert!(
        run.stderr.contains("Usage: coltiva log [OPTIONS]"),
        "{}",
        run.stderr
    );
}

/// What fish (and zsh) would show for `coltiva [--today DAY] keep <TAB>`: id TAB help lines.
fn fish_candidates(j: &Journal, words: &[&str]) -> Vec<String> {
    let out = std::process::Command::new(common::BIN)
        .env("COMPLETE", "fish")
        .env_remove("COLTIVA_DIR")
        .arg("--")
        .arg("coltiva")
        .arg("--dir")
        .arg(j.root())
        .args(words)
        .output()
        .expect("coltiva runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(str::to_string)
        .collect()
}

/// Completion of promise ids is as of the `--today` on the line, and a promise's text shown
/// beside its id has its bidi override escaped.
#[test]
fn completion_honours_today_and_escapes_the_promise_text() {
    let j = Journal::new();
    j.add("Rossi", &["--id", "rossi"]);
    let evil = j.promise(
        "rossi",
        "Evil \u{202e} text",
        "2026-11-10",
        &["--at", "2026-11-01"],
    );
    let later = j.promise("rossi", "Later", "2026-12-10", &["--at", "2026-11-01"]);
    j.ok(["keep", &evil, "--at", "2026-11-20"]);
    // Today (2026-11-23, common::TODAY is not on this line: the real day is later still) the
    // kept one is not offered...
    let now = fish_candidates(&j, &["keep", ""]);
    assert_eq!(now, [format!("{later}\trossi: Later")]);
    // ... as of 2026-11-15 it was still open, and its text is escaped.
    let then = fish_candidates(&j, &["--today", "2026-11-15", "keep", ""]);
    assert!(
        then.contains(&format!("{evil}\trossi: Evil \\u{{202e}} text")),
        "{then:?}"
    );
    assert!(!then.concat().contains('\u{202e}'), "{then:?}");
    let then = fish_candidates(&j, &["--today=2026-11-15", "keep", ""]);
    assert_eq!(then.len(), 2, "{then:?}");
}

/// `set` on a CRLF file keeps every line CRLF, the header's new lines included.
#[test]
fn set_keeps_a_crlf_header_crlf() {
    let j = Journal::new();
    let id = j.add("Rossi", &["--id", "rossi"]);
    j.ok(["log", &id, "Called", "--at", "2026-11-20"]);
    let path = j.file(&id);
    let lf = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, lf.replace('\n', "\r\n")).unwrap();
    j.ok([
        "set",
        &id,
        "tags+=vip",
        "territory=Milano",
        "name=Rossi Impianti",
    ]);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("territory = \"Milano\"\r\n"), "{after:?}");
    assert!(after.contains("name = \"Rossi Impianti\"\r\n"), "{after:?}");
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "a bare LF in {after:?}"
    );
    assert!(after.contains("\r\n\r\n[[interaction]]\r\n"), "{after:?}");
    j.ok(["check"]);
}
