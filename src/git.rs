//! The few git operations coltiva needs (PRODUCT.md §7: git is the distributed engine, coltiva
//! never invents its own sync). git runs as a child process, without a shell, each argument
//! passed as its own string, so no text from the user is ever interpreted by a shell.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::{Error, Result};

/// The lines `init` puts in `.gitattributes`: customer files merge by union, so two clones
/// appending records to the same customer merge without conflict.
pub const ATTRIBUTES: &[&str] = &["customers/*.toml merge=union"];
pub const ATTRIBUTES_HEADER: &str =
    "# Written by coltiva: customer files are append-only, so a merge keeps both sides' records.\n";

/// The lines `init` puts in `.gitignore`: local things that must not be shared.
pub const IGNORE: &[&str] = &[".cache/", "customers/*.tmp-*"];
pub const IGNORE_HEADER: &str =
    "# Written by coltiva: local caches and temporary files left by an interrupted write.\n";

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir);
    // Never stop to ask for anything: coltiva may run from cron.
    cmd.env("GIT_TERMINAL_PROMPT", "0");
    cmd.stdin(Stdio::null());
    cmd
}

fn run(mut cmd: Command, what: &str) -> Result<Output> {
    let output = cmd
        .output()
        .map_err(|e| Error::io(format!("could not run git to {what}"), e))?;
    check(output, what)
}

/// True when `dir` is inside a git work tree (false when git is not installed).
pub fn is_repo(dir: &Path) -> bool {
    let mut cmd = git(dir);
    cmd.args(["rev-parse", "--is-inside-work-tree"]);
    cmd.stderr(Stdio::null());
    matches!(cmd.output(), Ok(o) if o.status.success() && o.stdout.starts_with(b"true"))
}

/// `git init` in `dir`.
pub fn init(dir: &Path) -> Result<()> {
    let mut cmd = git(dir);
    cmd.args(["init", "--quiet"]);
    run(cmd, "create a repository").map(|_| ())
}

/// Commits exactly `paths` (files inside `root`) with `message`: stages them, then commits only
/// them, leaving anything else the user has staged or changed alone. The paths go to git on
/// its standard input (`--pathspec-from-file`), so any number of them fits.
pub fn commit_paths(root: &Path, paths: &[PathBuf], message: &str) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    let mut list: Vec<u8> = Vec::new();
    for path in paths {
        let relative = path.strip_prefix(root).unwrap_or(path);
        list.extend_from_slice(relative.as_os_str().as_encoded_bytes());
        list.push(0);
    }
    let mut add = git(root);
    add.args(["add", "--pathspec-from-file=-", "--pathspec-file-nul"]);
    run_with_input(add, &list, "stage the changed files")?;
    let mut commit = git(root);
    commit.args([
        "commit",
        "--quiet",
        "-m",
        message,
        "--pathspec-from-file=-",
        "--pathspec-file-nul",
    ]);
    run_with_input(commit, &list, "commit")?;
    Ok(())
}

fn run_with_input(mut cmd: Command, input: &[u8], what: &str) -> Result<Output> {
    use std::io::Write;
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| Error::io(format!("could not run git to {what}"), e))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A git that exits early closes the pipe; its status says why.
        let _ = stdin.write_all(input);
    }
    let output = child
        .wait_with_output()
        .map_err(|e| Error::io(format!("could not run git to {what}"), e))?;
    check(output, what)
}

fn check(output: Output, what: &str) -> Result<Output> {
    if output.status.success() {
        return Ok(output);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let detail = if stderr.trim().is_empty() {
        stdout.trim().to_string()
    } else {
        stderr.trim().to_string()
    };
    Err(Error::Invalid(format!(
        "git could not {what} ({}): {detail}",
        output.status
    )))
}
