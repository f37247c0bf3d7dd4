//! The few git operations coltiva needs (PRODUCT.md §7: git is the distributed engine, coltiva
//! never invents its own sync). git runs as a child process, without a shell, each argument
//! passed as its own string, so no text from the user is ever interpreted by a shell.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::{Error, GitStep, Refusal, Result};

/// The lines `init` puts in `.gitattributes`: customer files merge with coltiva's record-level
/// merge driver, so two clones appending records to the same customer merge without conflict.
///
/// Not `merge=union`: git's union merge moves the lines that both sides' new records share
/// (`[[interaction]]`, `amount = 500`...) out of the merged region, which interleaves two
/// records into one table and breaks the file (see docs/TEAMS.md). Where the driver is not
/// registered (a fresh clone before `coltiva init`), git falls back to its ordinary merge and
/// reports a conflict instead of silently breaking the file.
pub const ATTRIBUTES: &[&str] = &["customers/*.toml merge=coltiva"];
pub const ATTRIBUTES_HEADER: &str = "# Written by coltiva: customer files are append-only; `coltiva init` registers the merge driver that keeps both sides' records.\n";

/// The lines `init` puts in `.gitignore`: local things that must not be shared.
pub const IGNORE: &[&str] = &[".cache/", "customers/*.tmp-*", "customers/*.toml.rej"];
pub const IGNORE_HEADER: &str =
    "# Written by coltiva: local caches and temporary files left by an interrupted write.\n";

/// Every git coltiva runs flushes what it writes (objects, refs, the index) to the disk before
/// it returns: git's default fsyncs nothing, and a crash after an autocommit could leave
/// `bad object HEAD`. `core.fsync` exists since git 2.36; older versions ignore the key.
const FSYNC: [&str; 4] = [
    "-c",
    "core.fsync=committed,index",
    "-c",
    "core.fsyncMethod=fsync",
];

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.args(FSYNC);
    cmd.arg("-C").arg(dir);
    // Never stop to ask for anything: coltiva may run from cron.
    cmd.env("GIT_TERMINAL_PROMPT", "0");
    cmd.stdin(Stdio::null());
    cmd
}

fn run(mut cmd: Command, what: GitStep) -> Result<Output> {
    let output = cmd.output().map_err(|e| not_run(what, e))?;
    check(output, what)
}

/// What is wrong with the last commit of the repository holding `dir`, when it cannot be read
/// (`bad object HEAD`, an empty object file, a branch ref full of NULs: a crash before git's
/// files reached the disk). None when it reads, when there is no commit yet, or when `dir` is
/// not in a repository. Cheap: it reads the commit and checks that its tree exists, without
/// walking the history.
pub fn head_damage(dir: &Path) -> Option<HeadDamage> {
    let quiet = |args: &[&str]| {
        let mut cmd = git(dir);
        cmd.args(args);
        cmd.output().ok()
    };
    let read = quiet(&["cat-file", "-e", "HEAD^{tree}"])?;
    if read.status.success() {
        return None;
    }
    let head = quiet(&["rev-parse", "--verify", "--quiet", "HEAD"])?;
    if head.status.success() {
        let hash = String::from_utf8_lossy(&head.stdout).trim().to_string();
        let stderr = String::from_utf8_lossy(&read.stderr).into_owned();
        let why = stderr.lines().find(|l| l.starts_with("error:"));
        return Some(HeadDamage::Commit {
            hash,
            why: why.map(str::to_string),
        });
    }
    let refs = quiet(&["for-each-ref", "--format=%(refname)"])?;
    let broken = String::from_utf8_lossy(&refs.stderr)
        .lines()
        .find(|l| l.contains("broken ref"))
        .map(|l| l.trim().to_string());
    broken.map(HeadDamage::Branch)
}

/// What of the repository cannot be read ([`head_damage`]): git's own words kept as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadDamage {
    /// The last commit, with git's `error:` line when it gave one.
    Commit { hash: String, why: Option<String> },
    /// The current branch, with git's `broken ref` line.
    Branch(String),
}

impl std::fmt::Display for HeadDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeadDamage::Commit { hash, why } => {
                write!(f, "the last commit (HEAD, {hash}) cannot be read")?;
                match why {
                    Some(why) => write!(f, " ({why})"),
                    None => Ok(()),
                }
            }
            HeadDamage::Branch(why) => write!(f, "the current branch cannot be read ({why})"),
        }
    }
}

/// True when `dir` is inside a git work tree (false when git is not installed).
pub fn is_repo(dir: &Path) -> bool {
    let mut cmd = git(dir);
    cmd.args(["rev-parse", "--is-inside-work-tree"]);
    cmd.stderr(Stdio::null());
    matches!(cmd.output(), Ok(o) if o.status.success() && o.stdout.starts_with(b"true"))
}

/// The top folder of the work tree holding `dir` (None when `dir` is in none, or git is not
/// installed).
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    let mut cmd = git(dir);
    cmd.args(["rev-parse", "--show-toplevel"]);
    cmd.stderr(Stdio::null());
    let output = cmd.output().ok().filter(|o| o.status.success())?;
    Some(PathBuf::from(
        String::from_utf8_lossy(&output.stdout).trim_end(),
    ))
}

/// `git init` in `dir`.
pub fn init(dir: &Path) -> Result<()> {
    let mut cmd = git(dir);
    cmd.args(["init", "--quiet"]);
    run(cmd, GitStep::CreateRepository).map(|_| ())
}

/// Commits exactly `paths` (files inside `root`) with `message`: stages them, then commits only
/// them, leaving anything else the user has staged or changed alone. The paths go to git on
/// its standard input, so any number of them fits.
///
/// Many paths (an import) when nothing else is staged: `git update-index --stdin` stages them
/// and a plain `git commit` commits the index, both linear in the paths. Otherwise pathspecs
/// (`add`/`commit --pathspec-from-file`), which git matches against every index entry: fine
/// for a record command's one file, quadratic for 23,570 (20 s for the CDNOW import).
///
/// True when a commit was made; false when the paths left nothing to commit.
pub fn commit_paths(root: &Path, paths: &[PathBuf], message: &str) -> Result<bool> {
    if paths.is_empty() {
        return Ok(false);
    }
    let list = nul_list(root, paths);
    if paths.len() >= MANY_PATHS && staged_nothing(root, &[])? && !ignored(root, &list)? {
        run_with_input(
            update_index(root, packs_in_one_go(root)),
            &list,
            GitStep::Stage,
        )?;
        return commit_index(root, message);
    }
    let mut add = git(root);
    add.args(["add", "--pathspec-from-file=-", "--pathspec-file-nul"]);
    run_with_input(add, &list, GitStep::Stage)?;
    // A write that left its files as they were committed (a repair that cut a torn tail off
    // a committed file) has nothing to commit: that is not a failure to warn about.
    let relative: Vec<&Path> = paths
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p))
        .collect();
    if staged_nothing(root, &relative)? {
        return Ok(false);
    }
    let mut commit = git(root);
    commit.args(["commit", "--quiet", "-m", message]);
    commit.args(["--pathspec-from-file=-", "--pathspec-file-nul"]);
    run_with_input(commit, &list, GitStep::Commit)?;
    flush(root).map(|()| true)
}

/// `paths` relative to `root`, each ended by a NUL: what git reads with `-z` or
/// `--pathspec-file-nul`.
fn nul_list(root: &Path, paths: &[PathBuf]) -> Vec<u8> {
    let mut list: Vec<u8> = Vec::new();
    for path in paths {
        let relative = path.strip_prefix(root).unwrap_or(path);
        list.extend_from_slice(relative.as_os_str().as_encoded_bytes());
        list.push(0);
    }
    list
}

/// True when nothing under `pathspecs` (everything, when empty) is staged.
fn staged_nothing(root: &Path, pathspecs: &[&Path]) -> Result<bool> {
    let mut staged = git(root);
    staged
        .args(["diff", "--cached", "--quiet", "--"])
        .args(pathspecs);
    let status = staged
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| Error::io("could not run git to read the staged changes", e))?;
    Ok(status.success())
}

/// True when git ignores any path of `list` ([`nul_list`]). `update-index` would stage ignored
/// files, which `git add` refuses: any ignored path takes the pathspec route, and git's own
/// refusal.
fn ignored(root: &Path, list: &[u8]) -> Result<bool> {
    let mut check = git(root);
    check.args(["check-ignore", "-z", "--stdin"]);
    let found = run_with_input_status(check, list, GitStep::ReadIgnoreRules)?;
    Ok(!found.stdout.is_empty())
}

/// `git update-index --add --remove -z --stdin`, packing in one go when `one_pack` (where git
/// can: [`packs_in_one_go`]).
fn update_index(root: &Path, one_pack: bool) -> Command {
    let mut add = git(root);
    if one_pack {
        // Every blob over one byte goes into one pack, fsynced once (with its index) before
        // the index names it, instead of a loose object fsynced per file: the CDNOW import's
        // staging 13 s -> 2 s of wall time, the same guarantee.
        add.args(["-c", "core.bigFileThreshold=1"]);
    }
    add.args(["update-index", "--add", "--remove", "-z", "--stdin"]);
    add
}

/// Commits the index as it is (nothing when it matches the last commit: false), then flushes.
fn commit_index(root: &Path, message: &str) -> Result<bool> {
    if staged_nothing(root, &[])? {
        return Ok(false);
    }
    let mut commit = git(root);
    commit.args(["commit", "--quiet", "-m", message]);
    run(commit, GitStep::Commit)?;
    flush(root).map(|()| true)
}

fn flush(root: &Path) -> Result<()> {
    crate::storage::flush_repository(root).map_err(|e| {
        Error::Refused(Refusal::CommitNotFlushed {
            error: e.to_string(),
        })
    })
}

/// From this many paths on, [`commit_paths`] stages by `update-index` when it can.
const MANY_PATHS: usize = 64;

/// Stages an import's files while the import writes them: one `git update-index --stdin`
/// child, started before the first file is written and handed each batch of paths as soon as
/// the batch is on the disk, so git reads, hashes and packs them on the other core while
/// coltiva writes the next batch ([`commit_paths`] would start reading them only after the
/// last one). [`Stager::finish`] closes its input, waits for it and commits the index as
/// [`commit_paths`] does; a child that failed or died leaves the work to [`commit_paths`].
///
/// While it runs, git holds the repository's `index.lock` (another git that wants the index
/// waits or fails, as it would during [`commit_paths`]'s own `update-index`); `update-index`
/// writes the index only when its input ends.
pub struct Stager {
    root: PathBuf,
    child: std::process::Child,
    /// None once closed, or once a write to it failed (git is gone).
    input: Option<std::process::ChildStdin>,
    /// False once a write to git failed.
    healthy: bool,
    /// How many paths git was handed.
    handed: usize,
}

impl Stager {
    /// Starts staging when the import's `planned` paths (inside `root`) will take
    /// [`commit_paths`]'s update-index route and git packs in one go (git 2.37 on: its
    /// `update-index` keeps its objects in one transaction): 64 paths or more, nothing else
    /// staged, none ignored. None otherwise (or when git cannot be asked): the import then
    /// commits through [`commit_paths`], unchanged. Whether to commit at all (autocommit on,
    /// a repository, no merge stopped half-way) is `app`'s to decide before calling.
    pub fn start(root: &Path, planned: &[PathBuf]) -> Option<Stager> {
        if planned.len() < MANY_PATHS || !packs_in_one_go(root) {
            return None;
        }
        let clear =
            staged_nothing(root, &[]).ok()? && !ignored(root, &nul_list(root, planned)).ok()?;
        if !clear {
            return None;
        }
        let mut cmd = update_index(root, true);
        // Nothing is read from git until it exits: its output goes nowhere, so that it can
        // never fill a pipe and stop. Its words, if it fails, are [`commit_paths`]'s to say
        // when it runs the same command again.
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().ok()?;
        let input = child.stdin.take();
        Some(Stager {
            root: root.to_path_buf(),
            child,
            input,
            healthy: true,
            handed: 0,
        })
    }

    /// Hands git `paths`, written and flushed. The write waits while git is behind by a full
    /// pipe (64 KB on Linux, about 3,000 paths of `customers/<id>.toml`; less on Windows): git
    /// reads a path, stages that file and reads the next, so the wait lasts until it has
    /// staged the paths ahead, work the commit would wait for anyway. A git that is gone
    /// fails the write at once (EPIPE: Rust ignores SIGPIPE); that is remembered, never an
    /// error here.
    pub fn stage(&mut self, paths: &[PathBuf]) {
        use std::io::Write;
        self.handed += paths.len();
        if let Some(input) = self.input.as_mut()
            && input.write_all(&nul_list(&self.root, paths)).is_err()
        {
            self.healthy = false;
            self.input = None;
        }
    }

    /// Ends the staging and commits `written` (every path the import wrote, in any order)
    /// with `message`: closes git's input, waits for it, then commits the index as
    /// [`commit_paths`] does (nothing when nothing changed). When git failed or died, or was
    /// not handed every written path, [`commit_paths`] stages and commits `written` itself:
    /// git removed its lock as it exited (on an error or a SIGTERM; a SIGKILL leaves it, and
    /// then [`commit_paths`]'s git names it in the warning), and what it staged is staged
    /// again (or, where it staged part, committed by pathspec).
    ///
    /// True when a commit was made.
    pub fn finish(mut self, written: &[PathBuf], message: &str) -> Result<bool> {
        self.input = None;
        let staged = self.child.wait().is_ok_and(|s| s.success());
        if !(staged && self.healthy && self.handed == written.len()) {
            return commit_paths(&self.root, written, message);
        }
        commit_index(&self.root, message)
    }
}

impl Drop for Stager {
    /// A stager never finished (an early return, a panic): git's input is closed, so git
    /// writes what it staged to the index and exits; nothing is committed.
    fn drop(&mut self) {
        self.input = None;
        let _ = self.child.wait();
    }
}

/// True when this git's `update-index` streams the blobs it stages into one pack (its objects
/// are one "ODB transaction", git 2.37 on). An older git would write one pack per file with
/// `core.bigFileThreshold=1`, so it keeps its loose objects.
fn packs_in_one_go(root: &Path) -> bool {
    let mut cmd = git(root);
    cmd.arg("--version");
    let Ok(output) = cmd.output() else {
        return false;
    };
    version_at_least(&String::from_utf8_lossy(&output.stdout), (2, 37))
}

/// Whether `git --version`'s line ("git version 2.47.3", "git version 2.45.1.windows.1")
/// names at least `least` (major, minor).
fn version_at_least(line: &str, least: (u32, u32)) -> bool {
    let Some(number) = line.trim().strip_prefix("git version ") else {
        return false;
    };
    let mut parts = number.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= least,
        _ => false,
    }
}

/// True when git tracks `path` (inside `root`): a deletion of it can be committed.
pub fn is_tracked(root: &Path, path: &Path) -> bool {
    let mut cmd = git(root);
    cmd.args(["ls-files", "--error-unmatch", "--"])
        .arg(path.strip_prefix(root).unwrap_or(path))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd.status().is_ok_and(|s| s.success())
}

/// True when any of `paths` (inside `root`) is untracked or differs from the last commit (or
/// when the repository has no commit yet).
pub fn has_changes(root: &Path, paths: &[&str]) -> Result<bool> {
    let mut cmd = git(root);
    cmd.args(["status", "--porcelain", "--untracked-files=all", "--"]);
    cmd.args(paths);
    let output = run(cmd, GitStep::ReadStatus)?;
    Ok(!output.stdout.is_empty())
}

/// [`run_with_input`] without judging the exit status (`check-ignore` exits 1 when nothing is
/// ignored).
fn run_with_input_status(mut cmd: Command, input: &[u8], what: GitStep) -> Result<Output> {
    use std::io::Write;
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| not_run(what, e))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A git that exits early closes the pipe; its status says why.
        let _ = stdin.write_all(input);
    }
    child.wait_with_output().map_err(|e| not_run(what, e))
}

fn run_with_input(cmd: Command, input: &[u8], what: GitStep) -> Result<Output> {
    check(run_with_input_status(cmd, input, what)?, what)
}

/// git could not be started at all (not installed, not on the PATH): what it was asked to do,
/// with the system's words.
fn not_run(step: GitStep, e: std::io::Error) -> Error {
    Error::Refused(Refusal::GitNotRun {
        step,
        error: e.to_string(),
    })
}

fn check(output: Output, what: GitStep) -> Result<Output> {
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
    Err(Error::Refused(Refusal::GitFailed {
        step: what,
        status: output.status.to_string(),
        detail,
    }))
}

/// The start of the driver command `init` registers (see [`driver_command`]).
const DRIVER_PREFIX: &str = "exec \"$(command -v ";
/// Between the registered path and the arguments: the fallback to `coltiva` on the PATH.
const DRIVER_FALLBACK: &str = " || command -v coltiva || echo coltiva)\" merge-driver %O %A %B %P";

/// The driver command for git (which runs it through `sh`): the executable that registered it,
/// while it is there, else the `coltiva` that the PATH finds at merge time. So an upgrade that
/// replaces the binary in place (cargo install, a Debian package) keeps it, and one that moves
/// it (Homebrew's versioned cellar, a new folder) falls back to the PATH; with neither, `sh`
/// says "coltiva: not found", and every coltiva command has said so before ([`driver_trouble`]).
pub fn driver_command(exe: &Path) -> String {
    let exe = exe.to_string_lossy();
    format!(
        "{DRIVER_PREFIX}{}{DRIVER_FALLBACK}",
        shell_words::quote(&exe)
    )
}

/// Registers coltiva's record-level merge driver in the repository's own config (git config is
/// not shared by clones, so every clone runs `coltiva init` once), and `pull.rebase = false`
/// where the clone has no `pull.rebase` of its own: a fresh clone's plain `git pull` of
/// divergent branches then merges (through the driver) instead of failing with git's "Need to
/// specify how to reconcile divergent branches". A `pull.rebase` the user set is kept.
pub fn register_merge_driver(root: &Path) -> Result<()> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::io("could not find the path of the coltiva executable", e))?;
    let mut name = git(root);
    name.args([
        "config",
        "--local",
        "merge.coltiva.name",
        "coltiva: merge customer files record by record",
    ]);
    run(name, GitStep::RegisterDriver)?;
    let mut command = git(root);
    command.args(["config", "--local", "merge.coltiva.driver"]);
    command.arg(driver_command(&exe));
    run(command, GitStep::RegisterDriver)?;
    let mut pull = git(root);
    pull.args(["config", "--get", "pull.rebase"]);
    pull.stdout(Stdio::null()).stderr(Stdio::null());
    let set = pull
        .status()
        .map_err(|e| Error::io("could not run git to read pull.rebase", e))?;
    if set.code() == Some(1) {
        let mut pull = git(root);
        pull.args(["config", "--local", "pull.rebase", "false"]);
        run(pull, GitStep::SetPullRebase)?;
    }
    Ok(())
}

/// The merge driver registered in the repository holding `root`: Some(command), Some("") when
/// none is (None: not a repository, or git cannot run).
pub fn registered_driver(root: &Path) -> Option<String> {
    let mut cmd = git(root);
    cmd.args(["config", "--get", "merge.coltiva.driver"]);
    cmd.stderr(Stdio::null());
    let output = cmd.output().ok()?;
    match output.status.code()? {
        0 => Some(String::from_utf8_lossy(&output.stdout).trim().to_string()),
        1 => Some(String::new()),
        _ => None,
    }
}

/// Why the registered driver command cannot run, if it cannot: the programs it would run are
/// all gone. Reads the two forms coltiva registers (this one, and the plain quoted path of
/// earlier versions); a command the user wrote is trusted.
pub fn driver_trouble(command: &str) -> Option<DriverProblem> {
    let (path, fallback) = if let Some(rest) = command.strip_prefix(DRIVER_PREFIX) {
        let quoted = rest.strip_suffix(DRIVER_FALLBACK)?;
        let mut words = shell_words::split(quoted).ok()?;
        (words.pop()?, true)
    } else {
        let words = shell_words::split(command).ok()?;
        match words.as_slice() {
            [path, verb, ..] if verb == "merge-driver" => (path.clone(), false),
            _ => return None,
        }
    };
    if is_executable(Path::new(&path)) {
        return None;
    }
    if fallback && on_path("coltiva").is_some() {
        return None;
    }
    Some(DriverProblem::Gone {
        program: path,
        fallback,
    })
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// The first `name` on the PATH that can run, as `sh`'s `command -v` finds it.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)))
        .find(|p| is_executable(p))
}

/// What is wrong with this clone's merge driver, as facts (worded by
/// `i18n::Catalogue::driver_problem`; the English is the Display).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriverProblem {
    /// Not registered although the journal's `.gitattributes` asks for it.
    NotRegistered,
    /// Registered, but `program` is gone (`fallback`: and no `coltiva` is on the PATH).
    Gone { program: String, fallback: bool },
}

impl std::fmt::Display for DriverProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DriverProblem::NotRegistered => f.write_str("this clone has not registered coltiva's merge driver, so `git pull` would merge customer files line by line and stop on every shared customer; run `coltiva init` here once to register it"),
            DriverProblem::Gone { program, fallback } => write!(
                f,
                "the merge driver registered in this clone cannot run ({}): `git pull` would stop on every customer changed on both sides, leaving the other side's records out of the file; run `coltiva init` here again to register this coltiva",
                match fallback {
                    true => format!("{program} is gone and no `coltiva` is on the PATH"),
                    false => format!("{program} is gone (moved or upgraded?)"),
                }
            ),
        }
    }
}

/// What is wrong with this clone's merge driver, if anything: not registered although the
/// journal's `.gitattributes` asks for it, or registered but unable to run. The one rule for
/// the warning of every command and for `check`.
pub fn driver_problem(root: &Path) -> Option<DriverProblem> {
    let asks = std::fs::read_to_string(root.join(".gitattributes"))
        .is_ok_and(|text| text.lines().any(|l| l.contains("merge=coltiva")));
    if !asks {
        return None;
    }
    let command = registered_driver(root)?;
    if command.is_empty() {
        return Some(DriverProblem::NotRegistered);
    }
    driver_trouble(&command)
}

/// Says once per run, on stderr, what [`driver_problem`] finds, in the words `word` gives
/// it (the journal's language). Costs one `git config` run, only in journals set up for git.
pub fn warn_if_driver_missing(root: &Path, word: &dyn Fn(&DriverProblem) -> String) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Some(problem) = driver_problem(root) {
            eprintln!("coltiva: {}", word(&problem));
        }
    });
}

/// A git operation stopped half-way in a repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InProgress {
    Merge,
    Rebase,
    CherryPick,
    Revert,
}

impl InProgress {
    /// The git command that finishes it, and the one that abandons it.
    pub fn commands(self) -> (&'static str, &'static str) {
        match self {
            InProgress::Merge => ("git commit", "git merge --abort"),
            InProgress::Rebase => ("git rebase --continue", "git rebase --abort"),
            InProgress::CherryPick => ("git cherry-pick --continue", "git cherry-pick --abort"),
            InProgress::Revert => ("git revert --continue", "git revert --abort"),
        }
    }
}

/// The operation stopped half-way in the repository holding `root`, if any (None also when
/// `root` is not in a repository). One `git rev-parse` run.
pub fn in_progress(root: &Path) -> Option<InProgress> {
    let mut cmd = git(root);
    cmd.args(["rev-parse", "--absolute-git-dir"]);
    cmd.stderr(Stdio::null());
    let output = cmd.output().ok().filter(|o| o.status.success())?;
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim_end());
    if dir.join("rebase-merge").is_dir() || dir.join("rebase-apply").is_dir() {
        Some(InProgress::Rebase)
    } else if dir.join("MERGE_HEAD").is_file() {
        Some(InProgress::Merge)
    } else if dir.join("CHERRY_PICK_HEAD").is_file() {
        Some(InProgress::CherryPick)
    } else if dir.join("REVERT_HEAD").is_file() {
        Some(InProgress::Revert)
    } else {
        None
    }
}

/// True when HEAD is detached (no branch checked out).
pub fn detached_head(root: &Path) -> bool {
    let mut cmd = git(root);
    cmd.args(["symbolic-ref", "-q", "HEAD"]);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    matches!(cmd.status().ok().and_then(|s| s.code()), Some(1))
}

/// The unmerged paths under `dir` (`git ls-files -u`) with the sides each has (ours,
/// theirs): a side without a version deleted the file. Empty when `dir` is not in a
/// repository or git cannot run.
pub fn unmerged_paths(dir: &Path) -> Vec<(PathBuf, bool, bool)> {
    let mut cmd = git(dir);
    cmd.args(["ls-files", "-u", "-z"]);
    let Ok(output) = cmd.output() else {
        return Vec::new();
    };
    if !output.status.success() {
        return Vec::new();
    }
    let mut found: Vec<(PathBuf, bool, bool)> = Vec::new();
    // Entries: "MODE SHA STAGE\tPATH\0", one per stage.
    for entry in output.stdout.split(|&b| b == 0) {
        let Some(tab) = entry.iter().position(|&b| b == b'\t') else {
            continue;
        };
        let stage = entry[..tab]
            .rsplit(|&b| b == b' ')
            .next()
            .unwrap_or_default();
        let path = PathBuf::from(String::from_utf8_lossy(&entry[tab + 1..]).into_owned());
        if found.last().is_none_or(|u| u.0 != path) {
            found.push((path, false, false));
        }
        if let Some(u) = found.last_mut() {
            match stage {
                b"2" => u.1 = true,
                b"3" => u.2 = true,
                _ => {}
            }
        }
    }
    found
}

/// The bytes of `path` (relative to `dir`) at index stage `stage` (1 base, 2 ours, 3 theirs).
pub fn stage_bytes(dir: &Path, stage: u8, path: &Path) -> Option<Vec<u8>> {
    let mut show = git(dir);
    show.arg("show")
        .arg(format!(":{stage}:./{}", path.display()));
    show.stderr(Stdio::null());
    show.output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| o.stdout)
}

/// git's ordinary three-way merge of `ours` (rewritten in place, with conflict markers where
/// needed). Returns true when it merged without conflict.
pub fn merge_file(ours: &Path, base: &Path, theirs: &Path, label: &str) -> Result<bool> {
    let mut cmd = Command::new("git");
    cmd.stdin(Stdio::null());
    cmd.args(["merge-file", "-L"])
        .arg(format!("{label} (ours)"))
        .arg("-L")
        .arg(format!("{label} (base)"))
        .arg("-L")
        .arg(format!("{label} (theirs)"))
        .arg(ours)
        .arg(base)
        .arg(theirs);
    let status = cmd
        .status()
        .map_err(|e| Error::io("could not run git merge-file", e))?;
    match status.code() {
        Some(0) => Ok(true),
        // The number of conflicts (git caps it at 127); an exit code is never negative.
        Some(_) => Ok(false),
        _ => Err(Error::Invalid(format!("git merge-file failed ({status})"))),
    }
}

/// Real git in temporary repositories. Each repository gets its own identity in its local
/// config, so the tests need no user configuration (CI runs them as root with none).
#[cfg(test)]
mod tests {
    use super::*;
    // What `merge::stopped` makes of the paths git lists is tested here, beside the
    // repositories these tests build.
    use crate::merge::stopped::{NotMerged, Unmerged, unmerged};
    use std::fs;

    fn sh(dir: &Path, args: &[&str]) -> String {
        let out = git(dir).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        for (k, v) in [
            ("user.name", "Test"),
            ("user.email", "test@example.com"),
            ("commit.gpgsign", "false"),
        ] {
            sh(dir.path(), &["config", "--local", k, v]);
        }
        dir
    }

    fn commits(dir: &Path) -> usize {
        sh(dir, &["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    #[test]
    fn a_folder_is_a_repository_only_after_init() {
        let plain = tempfile::tempdir().unwrap();
        assert!(!is_repo(plain.path()));
        let dir = repo();
        assert!(dir.path().join(".git").is_dir());
        assert!(is_repo(dir.path()));
        fs::create_dir(dir.path().join("customers")).unwrap();
        assert!(
            is_repo(&dir.path().join("customers")),
            "inside the work tree"
        );
    }

    #[test]
    fn commit_paths_commits_exactly_its_paths_and_nothing_when_nothing_changed() {
        let dir = repo();
        let root = dir.path();
        let (a, b) = (root.join("a.toml"), root.join("b.toml"));
        fs::write(&a, "one\n").unwrap();
        fs::write(&b, "other\n").unwrap();
        sh(root, &["add", "b.toml"]); // staged by the user: not coltiva's to commit
        assert!(has_changes(root, &["a.toml"]).unwrap(), "untracked");
        assert!(commit_paths(root, std::slice::from_ref(&a), "coltiva: a").unwrap());
        assert_eq!(commits(root), 1);
        assert_eq!(sh(root, &["log", "-1", "--format=%s"]), "coltiva: a\n");
        assert_eq!(
            sh(root, &["show", "--name-only", "--format=", "HEAD"]),
            "a.toml\n"
        );
        assert_eq!(sh(root, &["diff", "--cached", "--name-only"]), "b.toml\n");
        assert!(!has_changes(root, &["a.toml"]).unwrap(), "committed");
        assert!(
            has_changes(root, &["b.toml"]).unwrap(),
            "staged, not committed"
        );
        // Nothing changed: no empty commit, no error.
        assert!(!commit_paths(root, std::slice::from_ref(&a), "coltiva: again").unwrap());
        assert!(!commit_paths(root, &[], "coltiva: nothing").unwrap());
        assert_eq!(commits(root), 1);
        fs::write(&a, "one\ntwo\n").unwrap();
        assert!(has_changes(root, &["a.toml"]).unwrap(), "modified");
        assert!(commit_paths(root, &[a], "coltiva: two").unwrap());
        assert_eq!(commits(root), 2);
    }

    #[test]
    fn many_paths_go_into_one_pack_where_git_can_and_read_back_the_same() {
        let dir = repo();
        let root = dir.path();
        let paths: Vec<PathBuf> = (0..MANY_PATHS + 6)
            .map(|i| {
                let path = root.join(format!("f{i:03}.toml"));
                fs::write(&path, format!("name = \"{i}\"\n")).unwrap();
                path
            })
            .collect();
        commit_paths(root, &paths, "coltiva: import").unwrap();
        let counts = sh(root, &["count-objects", "-v"]);
        let count = |key: &str| -> usize {
            let line = counts.lines().find(|l| l.starts_with(key)).unwrap();
            line[key.len()..].trim().parse().unwrap()
        };
        if packs_in_one_go(root) {
            assert_eq!(count("packs:"), 1, "{counts}");
            assert_eq!(count("in-pack:"), MANY_PATHS + 6, "{counts}");
            assert_eq!(count("count:"), 2, "a tree and a commit: {counts}");
        } else {
            assert_eq!(count("count:"), MANY_PATHS + 8, "{counts}");
        }
        assert_eq!(sh(root, &["show", "HEAD:f007.toml"]), "name = \"7\"\n");
        assert_eq!(sh(root, &["fsck", "--strict"]), "");
        assert!(!has_changes(root, &["f000.toml", "f069.toml"]).unwrap());
    }

    #[test]
    fn versions_are_read_from_gits_own_line() {
        assert!(version_at_least("git version 2.47.3\n", (2, 37)));
        assert!(version_at_least("git version 2.37.0", (2, 37)));
        assert!(version_at_least("git version 3.0.1", (2, 37)));
        assert!(version_at_least("git version 2.45.1.windows.1", (2, 37)));
        assert!(version_at_least(
            "git version 2.39.5 (Apple Git-154)",
            (2, 37)
        ));
        assert!(!version_at_least("git version 2.36.9", (2, 37)));
        assert!(!version_at_least("git version 1.99.0", (2, 37)));
        assert!(!version_at_least("hub version 2.40", (2, 37)));
        assert!(!version_at_least("git version x.y", (2, 37)));
    }

    #[test]
    fn many_paths_are_committed_exactly_whether_or_not_something_else_is_staged() {
        let dir = repo();
        let root = dir.path();
        fs::write(root.join("other.toml"), "mine\n").unwrap();
        let batch = |n: usize, text: &str| -> Vec<PathBuf> {
            (0..n)
                .map(|i| {
                    let path = root.join(format!("f{i:03}.toml"));
                    fs::write(&path, text).unwrap();
                    path
                })
                .collect()
        };
        let names = |rev: &str| sh(root, &["show", "--name-only", "--format=", rev]);
        // Nothing else staged: update-index and a plain commit.
        let paths = batch(MANY_PATHS + 6, "one\n");
        commit_paths(root, &paths, "coltiva: import").unwrap();
        assert_eq!(commits(root), 1);
        assert_eq!(names("HEAD").lines().count(), MANY_PATHS + 6);
        assert!(
            !names("HEAD").contains("other.toml"),
            "untracked, left alone"
        );
        assert!(has_changes(root, &["other.toml"]).unwrap());
        assert!(!has_changes(root, &["f000.toml"]).unwrap(), "committed");
        commit_paths(root, &paths, "coltiva: again").unwrap();
        assert_eq!(commits(root), 1, "nothing changed: no commit");
        // Something staged by the user: the pathspecs, which leave it staged.
        sh(root, &["add", "other.toml"]);
        let paths = batch(MANY_PATHS + 6, "one\ntwo\n");
        commit_paths(root, &paths, "coltiva: more").unwrap();
        assert_eq!(commits(root), 2);
        assert!(!names("HEAD").contains("other.toml"));
        assert_eq!(
            sh(root, &["diff", "--cached", "--name-only"]),
            "other.toml\n"
        );
        sh(root, &["commit", "-qm", "mine"]);
        // Ignored files are refused as `git add` refuses them, never committed.
        fs::write(root.join(".gitignore"), "g*.toml\n").unwrap();
        let paths: Vec<PathBuf> = (0..MANY_PATHS + 6)
            .map(|i| {
                let path = root.join(format!("g{i:03}.toml"));
                fs::write(&path, "new\n").unwrap();
                path
            })
            .collect();
        let err = commit_paths(root, &paths, "coltiva: ignored").unwrap_err();
        assert!(err.to_string().contains("ignored"), "{err}");
        assert_eq!(commits(root), 3);
    }

    /// `n` files `f000.toml`… from `from` on, written in `root`.
    fn written(root: &Path, from: usize, n: usize) -> Vec<PathBuf> {
        (from..from + n)
            .map(|i| {
                let path = root.join(format!("f{i:03}.toml"));
                fs::write(&path, format!("name = \"{i}\"\n")).unwrap();
                path
            })
            .collect()
    }

    fn planned(root: &Path, n: usize) -> Vec<PathBuf> {
        (0..n).map(|i| root.join(format!("f{i:03}.toml"))).collect()
    }

    /// The files of the last commit, and that nothing is left to commit.
    fn committed_clean(root: &Path) -> String {
        assert_eq!(sh(root, &["status", "--porcelain"]), "");
        assert_eq!(sh(root, &["fsck", "--strict"]), "");
        sh(root, &["show", "--name-only", "--format=", "HEAD"])
    }

    fn names(paths: &[PathBuf]) -> String {
        paths
            .iter()
            .map(|p| format!("{}\n", p.file_name().unwrap().to_string_lossy()))
            .collect()
    }

    #[test]
    fn a_stager_stages_each_batch_as_it_comes_and_commits_them_once() {
        let dir = repo();
        let root = dir.path();
        if !packs_in_one_go(root) {
            assert!(Stager::start(root, &planned(root, 2 * MANY_PATHS)).is_none());
            return;
        }
        // git starts before any file exists.
        let mut stager = Stager::start(root, &planned(root, 2 * MANY_PATHS)).unwrap();
        let first = written(root, 0, MANY_PATHS);
        stager.stage(&first);
        let second = written(root, MANY_PATHS, MANY_PATHS);
        stager.stage(&second);
        let all = [first, second].concat();
        assert!(stager.finish(&all, "coltiva: import").unwrap());
        assert!(!root.join(".git/index.lock").exists());
        assert_eq!(commits(root), 1);
        assert_eq!(sh(root, &["log", "-1", "--format=%s"]), "coltiva: import\n");
        assert_eq!(committed_clean(root), names(&all));
        let counts = sh(root, &["count-objects", "-v"]);
        assert!(counts.contains("\npacks: 1\n"), "{counts}");
        assert!(
            counts.contains(&format!("\nin-pack: {}\n", all.len())),
            "{counts}"
        );
        // Nothing written (an import that failed before its first batch): no commit.
        let stager = Stager::start(root, &planned(root, MANY_PATHS)).unwrap();
        assert!(!stager.finish(&[], "coltiva: nothing").unwrap());
        assert_eq!(commits(root), 1);
    }

    #[test]
    fn a_stager_starts_only_where_commit_paths_would_take_update_index() {
        let dir = repo();
        let root = dir.path();
        assert!(Stager::start(root, &planned(root, MANY_PATHS - 1)).is_none());
        fs::write(root.join("mine.txt"), "mine\n").unwrap();
        sh(root, &["add", "mine.txt"]);
        assert!(
            Stager::start(root, &planned(root, MANY_PATHS)).is_none(),
            "staged"
        );
        sh(root, &["commit", "-qm", "mine"]);
        fs::write(root.join(".gitignore"), "f010.toml\n").unwrap();
        assert!(
            Stager::start(root, &planned(root, MANY_PATHS)).is_none(),
            "ignored"
        );
        fs::write(root.join(".gitignore"), "g*.toml\n").unwrap();
        assert_eq!(
            Stager::start(root, &planned(root, MANY_PATHS)).is_some(),
            packs_in_one_go(root)
        );
        let plain = tempfile::tempdir().unwrap();
        assert!(Stager::start(plain.path(), &planned(plain.path(), MANY_PATHS)).is_none());
    }

    // Unix: git is stopped by a signal.
    #[cfg(unix)]
    #[test]
    fn a_stager_whose_git_failed_or_died_leaves_the_commit_to_commit_paths() {
        let dir = repo();
        let root = dir.path();
        if !packs_in_one_go(root) {
            return;
        }
        // git refuses a path (outside the repository) and exits 128 half-way.
        let mut stager = Stager::start(root, &planned(root, 2 * MANY_PATHS)).unwrap();
        let first = written(root, 0, MANY_PATHS);
        stager.stage(&first);
        stager.stage(&[PathBuf::from("../outside.toml")]);
        let second = written(root, MANY_PATHS, MANY_PATHS);
        stager.stage(&second);
        let all = [first, second].concat();
        stager.finish(&all, "coltiva: import").unwrap();
        assert_eq!(commits(root), 1);
        assert_eq!(committed_clean(root), names(&all));
        // git killed (SIGTERM: git removes its lock) before the second batch: the write to
        // it fails, quietly, and commit_paths does the work.
        let mut stager = Stager::start(root, &planned(root, 2 * MANY_PATHS)).unwrap();
        let first = written(root, 2 * MANY_PATHS, MANY_PATHS);
        stager.stage(&first);
        let pid = stager.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        assert!(!stager.child.wait().unwrap().success());
        let second = written(root, 3 * MANY_PATHS, MANY_PATHS);
        stager.stage(&second);
        assert!(!stager.healthy, "the write to a git that is gone failed");
        let all = [first, second].concat();
        stager.finish(&all, "coltiva: again").unwrap();
        assert_eq!(commits(root), 2);
        assert_eq!(committed_clean(root), names(&all));
        // Handed fewer paths than were written: the rest is not left out.
        let mut stager = Stager::start(root, &planned(root, 2 * MANY_PATHS)).unwrap();
        let first = written(root, 4 * MANY_PATHS, MANY_PATHS);
        stager.stage(&first);
        let all = [first, written(root, 5 * MANY_PATHS, 1)].concat();
        stager.finish(&all, "coltiva: more").unwrap();
        assert_eq!(commits(root), 3);
        assert_eq!(committed_clean(root), names(&all));
    }

    #[test]
    fn git_failures_name_what_was_attempted() {
        let plain = tempfile::tempdir().unwrap();
        fs::write(plain.path().join("a"), "x").unwrap();
        let err = has_changes(plain.path(), &["a"]).unwrap_err().to_string();
        assert!(err.starts_with("git could not read the status ("), "{err}");
        assert!(err.contains("not a git repository"), "{err}");
    }

    #[test]
    fn the_merge_driver_is_registered_in_the_repository_config() {
        let dir = repo();
        assert_eq!(registered_driver(dir.path()).as_deref(), Some(""));
        register_merge_driver(dir.path()).unwrap();
        assert_eq!(
            registered_driver(dir.path()),
            Some(driver_command(&std::env::current_exe().unwrap()))
        );
        let driver = sh(dir.path(), &["config", "--local", "merge.coltiva.driver"]);
        assert!(driver.ends_with(" merge-driver %O %A %B %P\n"), "{driver}");
        let name = sh(dir.path(), &["config", "--local", "merge.coltiva.name"]);
        assert!(name.starts_with("coltiva: "), "{name}");
        assert_eq!(
            sh(dir.path(), &["config", "--local", "pull.rebase"]),
            "false\n"
        );
        // A pull.rebase of the user's own is kept.
        sh(dir.path(), &["config", "--local", "pull.rebase", "true"]);
        register_merge_driver(dir.path()).unwrap();
        assert_eq!(
            sh(dir.path(), &["config", "--local", "pull.rebase"]),
            "true\n"
        );
    }

    #[test]
    fn a_driver_whose_program_is_gone_is_named_and_the_path_is_the_fallback() {
        let exe = std::env::current_exe().unwrap();
        assert_eq!(driver_trouble(&driver_command(&exe)), None);
        let gone = Path::new("/nonexistent/old version/coltiva");
        let command = driver_command(gone);
        let on_path = on_path("coltiva").is_some();
        match driver_trouble(&command) {
            None => assert!(on_path, "only the PATH can save it"),
            Some(why) => {
                assert!(!on_path);
                assert_eq!(
                    why,
                    DriverProblem::Gone {
                        program: "/nonexistent/old version/coltiva".into(),
                        fallback: true
                    }
                );
            }
        }
        // The form earlier versions registered has no fallback.
        assert_eq!(
            driver_trouble("'/nonexistent/coltiva' merge-driver %O %A %B %P"),
            Some(DriverProblem::Gone {
                program: "/nonexistent/coltiva".into(),
                fallback: false
            })
        );
        let old = format!(
            "{} merge-driver %O %A %B %P",
            shell_words::quote(&exe.to_string_lossy())
        );
        assert_eq!(driver_trouble(&old), None);
        // A command of the user's own is trusted.
        assert_eq!(driver_trouble("my-merge %O %A %B"), None);
    }

    /// A repository whose `main` and `other` branches both changed `customers/acme.toml`
    /// from `base`, merged without coltiva's driver: git stops on the file.
    fn conflicted(base: &str, ours: Option<&str>, theirs: &str) -> tempfile::TempDir {
        let dir = repo();
        let root = dir.path();
        fs::create_dir(root.join("customers")).unwrap();
        let file = root.join("customers/acme.toml");
        fs::write(&file, base).unwrap();
        sh(root, &["add", "."]);
        sh(root, &["commit", "-qm", "base"]);
        sh(root, &["branch", "-M", "main"]);
        sh(root, &["checkout", "-qb", "other"]);
        fs::write(&file, theirs).unwrap();
        sh(root, &["commit", "-qam", "theirs"]);
        sh(root, &["checkout", "-q", "main"]);
        match ours {
            Some(text) => fs::write(&file, text).unwrap(),
            None => fs::remove_file(&file).unwrap(),
        }
        sh(root, &["commit", "-qam", "ours"]);
        let merge = git(root).args(["merge", "-q", "other"]).output().unwrap();
        assert!(!merge.status.success(), "the merge stops");
        dir
    }

    #[test]
    fn unmerged_lists_each_stopped_path_once_with_the_sides_it_has() {
        let head = "schema = 1\nname = \"ACME\"\nuid = \"u1\"\n";
        let dir = conflicted(
            &format!("{head}a = 1\n"),
            Some(&format!("{head}a = 2\n")),
            &format!("{head}a = 3\n"),
        );
        let found = unmerged(dir.path());
        assert_eq!(
            found,
            vec![Unmerged {
                path: "customers/acme.toml".into(),
                ours: true,
                theirs: true,
                different_customers: None,
                // git's line merge: its markers, labelled HEAD and other.
                not_merged: Some(NotMerged::LineMerge),
            }]
        );
        // The file left as our side was (a driver that could not run): what theirs added is
        // counted as missing; a record-level result is not flagged.
        let rec = |s: &str| format!("\n[[interaction]]\nat = 2026-01-01\nsummary = \"{s}\"\n");
        let dir = conflicted(
            &format!("{head}{}", rec("base")),
            Some(&format!("{head}{}{}", rec("base"), rec("ours"))),
            &format!("{head}{}{}{}", rec("base"), rec("t1"), rec("t2")),
        );
        let file = dir.path().join("customers/acme.toml");
        fs::write(&file, format!("{head}{}{}", rec("base"), rec("ours"))).unwrap();
        assert_eq!(
            unmerged(dir.path())[0].not_merged,
            Some(NotMerged::OneSide {
                kept: "ours",
                missing: 2,
                removed: 0
            })
        );
        let all = format!(
            "{head}{}{}{}{}",
            rec("base"),
            rec("ours"),
            rec("t1"),
            rec("t2")
        );
        fs::write(&file, all).unwrap();
        assert_eq!(unmerged(dir.path())[0].not_merged, None);
        // Asked from the customers folder: paths relative to it.
        let inner = unmerged(&dir.path().join("customers"));
        assert_eq!(inner.len(), 1);
        assert_eq!(inner[0].path, PathBuf::from("acme.toml"));
        // Not a repository: nothing, quietly.
        assert!(unmerged(tempfile::tempdir().unwrap().path()).is_empty());
    }

    #[test]
    fn unmerged_says_which_side_deleted_the_file() {
        let dir = conflicted("a = 1\n", None, "a = 3\n");
        let found = unmerged(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].ours, found[0].theirs), (false, true));
        // A deleted side is not "another customer", even when the remaining side's uid
        // changed: there is nothing to pair, the person decides between keep and delete.
        let dir = conflicted(
            "name = \"ACME\"\nuid = \"u1\"\n",
            None,
            "name = \"ACME\"\nuid = \"u9\"\n",
        );
        let found = unmerged(dir.path());
        assert_eq!((found[0].ours, found[0].theirs), (false, true));
        assert_eq!(found[0].different_customers, None);
    }

    #[test]
    fn unmerged_names_the_side_that_is_another_customer() {
        let head = |uid: &str| format!("schema = 1\nname = \"ACME\"\nuid = \"{uid}\"\n");
        // Theirs is another customer (uid u9): the common version's customer is ours, stage 2.
        let dir = conflicted(
            &format!("{}a = 1\n", head("u1")),
            Some(&format!("{}a = 2\n", head("u1"))),
            &format!("{}a = 3\n", head("u9")),
        );
        assert_eq!(unmerged(dir.path())[0].different_customers, Some(2));
        // Ours is the other one: the common version's customer is theirs, stage 3.
        let dir = conflicted(
            &format!("{}a = 1\n", head("u1")),
            Some(&format!("{}a = 2\n", head("u9"))),
            &format!("{}a = 3\n", head("u1 u2")),
        );
        assert_eq!(unmerged(dir.path())[0].different_customers, Some(3));
        // A side without uids is never called another customer.
        let dir = conflicted(
            &format!("{}a = 1\n", head("u1")),
            Some("schema = 1\nname = \"ACME\"\na = 2\n"),
            &format!("{}a = 3\n", head("u1")),
        );
        assert_eq!(unmerged(dir.path())[0].different_customers, None);
    }

    #[test]
    fn merge_file_says_whether_the_line_merge_was_clean() {
        let dir = tempfile::tempdir().unwrap();
        let p = |name: &str, text: &str| {
            let path = dir.path().join(name);
            fs::write(&path, text).unwrap();
            path
        };
        let base = p("base", "a\nb\nc\n");
        let ours = p("ours", "A\nb\nc\n");
        let theirs = p("theirs", "a\nb\nC\n");
        assert!(merge_file(&ours, &base, &theirs, "acme.toml").unwrap());
        assert_eq!(fs::read_to_string(&ours).unwrap(), "A\nb\nC\n");
        let ours = p("ours", "X\nb\nc\n");
        let theirs = p("theirs", "Y\nb\nc\n");
        assert!(!merge_file(&ours, &base, &theirs, "acme.toml").unwrap());
        let text = fs::read_to_string(&ours).unwrap();
        assert!(text.contains("<<<<<<< acme.toml (ours)\nX\n"), "{text}");
        assert!(text.contains(">>>>>>> acme.toml (theirs)\n"), "{text}");
    }
}
