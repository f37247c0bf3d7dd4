//! Hostile input through the real binary: every case must end with a clear message, exit
//! code 1 or 2 (never a panic), and no file of the journal changed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::files as snapshot;

fn coltiva(dir: &Path, args: &[&str]) -> Output {
    common::std_coltiva(dir)
        .args(args)
        .output()
        .expect("run coltiva")
}

const ACME: &str = r#"schema = 1
name = "ACME S.r.l."
kind = "external"
since = 2025-01-01

[[order]]
at = 2025-03-01
amount = 1200

[[promise]]
id = "abc123"
at = 2026-11-02
by = "us"
what = "Send the revised quote"
due = 2026-11-25
"#;

const BIANCHI: &str = r#"schema = 1
name = "Bianchi Idraulica"
since = 2025-01-01

[[promise]]
id = "abc456"
at = 2026-11-01
by = "them"
what = "Pay invoice 7"
due = 2026-11-20

[[promise]]
id = "kep111"
at = 2026-11-01
by = "us"
what = "Visit"
due = 2026-11-10

[[resolution]]
promise = "kep111"
at = 2026-11-09
status = "kept"
"#;

/// A journal with two customers whose promise ids share the prefix `abc`.
fn journal() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("j");
    let out = common::std_bare(tmp.path())
        .arg("init")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    fs::write(dir.join("customers/acme.toml"), ACME).unwrap();
    fs::write(dir.join("customers/bianchi.toml"), BIANCHI).unwrap();
    (tmp, dir)
}

fn set_file(name: &'static str, bytes: &'static [u8]) -> impl Fn(&Path) {
    move |dir: &Path| fs::write(dir.join(name), bytes).unwrap()
}

fn nothing(_: &Path) {}

struct Case {
    name: &'static str,
    setup: Box<dyn Fn(&Path)>,
    args: Vec<String>,
    code: i32,
    message: &'static str,
}

fn case(
    name: &'static str,
    setup: impl Fn(&Path) + 'static,
    args: &[&str],
    code: i32,
    message: &'static str,
) -> Case {
    Case {
        name,
        setup: Box::new(setup),
        args: args.iter().map(|s| s.to_string()).collect(),
        code,
        message,
    }
}

fn cases() -> Vec<Case> {
    let long = "x".repeat(10_000);
    let long: &'static str = Box::leak(long.into_boxed_str());
    vec![
        // Names and ids.
        case("id with ../", nothing, &["add", "Evil", "--id", "../evil"], 2, "invalid customer id"),
        case("id with /", nothing, &["add", "Evil", "--id", "a/b"], 2, "invalid customer id"),
        case("id with \\", nothing, &["add", "Evil", "--id", "a\\b"], 2, "invalid customer id"),
        case("id upper-case", nothing, &["add", "Evil", "--id", "ACME"], 2, "invalid customer id"),
        case("id empty", nothing, &["add", "Evil", "--id", ""], 2, "invalid customer id"),
        case("id starting with a dash", nothing, &["add", "Evil", "--id=-x"], 2, "invalid customer id"),
        case("id of 10,000 characters", nothing, &["add", "Evil", "--id", long], 2, "invalid customer id"),
        case("name with a newline", nothing, &["add", "Evil\nCorp"], 2, "control characters"),
        case("name of only punctuation", nothing, &["add", "!!! ??? ..."], 2, "no letters or digits"),
        case("name that is a Windows device", nothing, &["add", "CON"], 2, "reserved device name"),
        case("name that is only spaces", nothing, &["add", "   "], 2, "visible characters"),
        case("existing id", nothing, &["add", "ACME", "--id", "acme"], 2, "already exists"),
        case("customer ref ../acme", nothing, &["log", "../acme", "x"], 2, "unknown customer"),
        case("customer ref with /", nothing, &["log", "customers/acme", "x"], 2, "unknown customer"),
        case("customer ref empty", nothing, &["log", "", "x"], 2, "customer"),
        case("customer ref ambiguous", nothing, &["show", "c"], 2, "ambiguous"),
        case("customer ref of 10,000 characters", nothing, &["show", long], 2, "unknown customer"),
        case("empty summary", nothing, &["log", "acme", "   "], 2, "summary"),
        // Dates.
        case("date 2026-02-30", nothing, &["log", "acme", "x", "--at", "2026-02-30"], 2, "--at"),
        case("date 2026-13-01", nothing, &["log", "acme", "x", "--at", "2026-13-01"], 2, "--at"),
        case("date someday", nothing, &["log", "acme", "x", "--at", "someday"], 2, "--at"),
        case("record in the future", nothing, &["log", "acme", "x", "--at", "tomorrow"], 2, "after today"),
        case("due someday", nothing, &["promise", "acme", "x", "--due", "someday"], 2, "--due"),
        case("--today 2026-02-30", nothing, &["list", "--today", "2026-02-30"], 2, "--today"),
        case("report --since garbage", nothing, &["report", "--since", "the other day"], 2, "--since"),
        case("since after until", nothing, &["report", "--since", "2026-11-20", "--until", "2026-11-01"], 2, "before"),
        // Amounts.
        case("amount 1e309", nothing, &["order", "acme", "1e309"], 2, "amount"),
        case("amount NaN", nothing, &["order", "acme", "NaN"], 2, "amount"),
        case("amount 1,5", nothing, &["order", "acme", "1,5"], 2, "amount"),
        case("amount 12.345.678", nothing, &["order", "acme", "12.345.678"], 2, "amount"),
        case("amount with 3 decimals", nothing, &["order", "acme", "1.234"], 2, "amount"),
        case("amount empty", nothing, &["order", "acme", ""], 2, "amount"),
        // Unknown values.
        case("unknown channel", nothing, &["log", "acme", "x", "--channel", "fax"], 2, "fax"),
        case("unknown phase", nothing, &["phase", "acme", "friend"], 2, "friend"),
        case("unknown kind", nothing, &["add", "X", "--kind", "friend"], 2, "friend"),
        case("unknown party", nothing, &["promise", "acme", "x", "--due", "fri", "--by", "everyone"], 2, "everyone"),
        case("unknown sort", nothing, &["list", "--sort", "mood"], 2, "mood"),
        case("unknown format", nothing, &["list", "--format", "xml"], 2, "xml"),
        case("unknown phase filter", nothing, &["list", "--phase", "friend"], 2, "friend"),
        case("unknown cadence", nothing, &["add", "X", "--cadence", "often"], 2, "cadence"),
        // Promise ids.
        case("promise that does not exist", nothing, &["keep", "zzzzzz"], 2, "zzzzzz"),
        case("ambiguous promise prefix", nothing, &["keep", "abc"], 2, "ambiguous"),
        case("invalid promise id", nothing, &["keep", "../x"], 2, "unknown customer"),
        case("promise of another customer", nothing, &["keep", "acme/abc456"], 2, "abc456"),
        case("promise already kept", nothing, &["keep", "kep111"], 2, "already"),
        case("renegotiate without --due", nothing, &["renegotiate", "abc123"], 2, "--due"),
        // Files.
        case("customer file with invalid UTF-8", set_file("customers/acme.toml", b"schema = 1\nname = \"AC\xffME\"\n"), &["log", "acme", "x"], 1, "not valid UTF-8"),
        case("empty customer file", set_file("customers/acme.toml", b""), &["log", "acme", "x"], 1, "acme.toml"),
        case("customer file with a NUL byte", set_file("customers/acme.toml", b"schema = 1\nname = \"AC\0ME\"\n"), &["log", "acme", "x"], 1, "acme.toml:2:"),
        case("customer file with conflict markers", set_file("customers/acme.toml", b"schema = 1\nname = \"ACME\"\n<<<<<<< HEAD\ncadence = \"7d\"\n=======\ncadence = \"14d\"\n>>>>>>> theirs\n"), &["log", "acme", "x"], 1, "acme.toml:3:"),
        case("customer file with a duplicated header key", set_file("customers/acme.toml", b"schema = 1\nname = \"ACME\"\nname = \"ACME 2\"\n"), &["log", "acme", "x"], 1, "acme.toml:3:"),
        case("customer file from a newer coltiva", set_file("customers/acme.toml", b"schema = 99\nname = \"ACME\"\n"), &["log", "acme", "x"], 1, "newer"),
        case("a folder where a customer file should be", |dir: &Path| {
            fs::create_dir(dir.join("customers/zeta.toml")).unwrap();
        }, &["log", "zeta", "x"], 1, "is not a regular file (it is a folder)"),
        case("a link to a file outside the journal", |dir: &Path| {
            let outside = dir.parent().unwrap().join("outside.toml");
            fs::write(&outside, "schema = 1\nname = \"Outside\"\n").unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, dir.join("customers/outside.toml")).unwrap();
        }, &["log", "outside", "x"], 1, "symbolic link"),
        case("settings with a wrong type", set_file("coltiva.toml", b"schema = 1\nnew_days = \"ninety\"\n"), &["list"], 1, "coltiva.toml:2:"),
        case("settings with an unknown key", set_file("coltiva.toml", b"schema = 1\nnew_dayz = 90\n"), &["list"], 1, "coltiva.toml:2:"),
        case("settings that are not TOML", set_file("coltiva.toml", b"this is not toml\n"), &["report"], 1, "coltiva.toml:1:"),
        case("a journal that is not one", |dir: &Path| {
            fs::remove_file(dir.join("coltiva.toml")).unwrap();
        }, &["list"], 1, "not a coltiva journal"),
    ]
}

#[test]
fn hostile_inputs_get_a_clear_message_and_change_nothing() {
    let cases = cases();
    assert!(cases.len() >= 40, "the battery has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let (tmp, dir) = journal();
        (case.setup)(&dir);
        let before = snapshot(tmp.path());
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let out = coltiva(&dir, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        if code != Some(case.code) {
            failures.push(format!(
                "{}: exit {code:?}, expected {}; stderr: {stderr}",
                case.name, case.code
            ));
        } else if !stderr.contains(case.message) {
            failures.push(format!(
                "{}: stderr lacks {:?}: {stderr}",
                case.name, case.message
            ));
        } else if stderr.contains("panicked") {
            failures.push(format!("{}: panicked: {stderr}", case.name));
        }
        if snapshot(tmp.path()) != before {
            failures.push(format!("{}: a file changed", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let (_tmp, dir) = journal();
    let crlf = ACME.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    fs::write(dir.join("customers/acme.toml"), &bytes).unwrap();
    let out = coltiva(&dir, &["log", "acme", "called"]);
    assert!(out.status.success(), "{out:?}");
    let after = fs::read(dir.join("customers/acme.toml")).unwrap();
    assert!(after.starts_with(&bytes), "earlier bytes changed");
    let out = coltiva(&dir, &["show", "acme", "--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("called"));
    let out = coltiva(&dir, &["check"]);
    assert!(out.status.success(), "{out:?}");
}

/// The unprivileged user (`nobody`) the permission test runs the binary as when the tests run
/// as root, for whom file permissions do not apply.
#[cfg(unix)]
const NOBODY: u32 = 65534;

/// Runs coltiva as an unprivileged user: as the test user when it is not privileged, else as
/// `nobody` through `setpriv` (util-linux), which must then be installed: a test that cannot
/// run fails, it never passes silently.
#[cfg(unix)]
fn coltiva_unprivileged(privileged: bool, dir: &Path, args: &[&str]) -> Output {
    if !privileged {
        return coltiva(dir, args);
    }
    let uid = NOBODY.to_string();
    let mut cmd = std::process::Command::new("setpriv");
    cmd.arg(format!("--reuid={uid}"))
        .arg(format!("--regid={uid}"))
        .arg("--clear-groups")
        .arg(common::BIN)
        .arg("--dir")
        .arg(dir)
        .args(["--today", common::TODAY])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLTIVA_DIR")
        .stdin(std::process::Stdio::null());
    cmd.output()
        .expect("setpriv (util-linux) runs: it is needed to test permissions as root")
}

#[cfg(unix)]
#[test]
fn an_unreadable_customer_file_is_an_error_not_a_panic() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, dir) = journal();
    let path = dir.join("customers/acme.toml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    // Permissions do not apply to root (CI runs as root): then the journal is handed to
    // `nobody` and the binary runs as `nobody`, for whom a mode-000 file is unreadable even
    // though it owns it.
    let privileged = fs::read(&path).is_ok();
    if privileged {
        for entry in [tmp.path().to_path_buf(), dir.clone()]
            .into_iter()
            .chain(snapshot(&dir).keys().map(|rel| dir.join(rel)))
        {
            std::os::unix::fs::lchown(&entry, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    let before = snapshot(tmp.path());

    // The set-up is right: the same user reads the other customer and the settings.
    let out = coltiva_unprivileged(privileged, &dir, &["show", "bianchi"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the unprivileged user cannot read the journal at all: {out:?}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Bianchi Idraulica"));

    let out = coltiva_unprivileged(privileged, &dir, &["log", "acme", "x"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("acme.toml") && stderr.to_lowercase().contains("permission denied"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");

    let out = coltiva_unprivileged(privileged, &dir, &["list"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("acme.toml"), "{stderr}");

    let out = coltiva_unprivileged(privileged, &dir, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("acme.toml"), "{all}");

    assert_eq!(snapshot(tmp.path()), before, "a file changed");
    // Let the temporary folder be removed whoever runs the tests.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();

    // A customers folder that cannot be listed is an error, never "no customers" (an empty
    // list, an empty report, exit 0: the silent failure).
    let customers = dir.join("customers");
    fs::set_permissions(&customers, fs::Permissions::from_mode(0o100)).unwrap();
    for args in [&["list"][..], &["check"][..], &["report"][..]] {
        let out = coltiva_unprivileged(privileged, &dir, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("could not list")
                && stderr.to_lowercase().contains("permission denied"),
            "{args:?}: {stderr}"
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
    }
    fs::set_permissions(&customers, fs::Permissions::from_mode(0o700)).unwrap();
}
