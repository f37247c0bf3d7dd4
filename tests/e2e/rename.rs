//! `coltiva rename OLD NEW` (PRODUCT.md §9.1): the file moves, the uid and every record stay,
//! promise ids keep resolving, `set ID id=X` points to rename, and a clone that went on
//! writing to the old id merges into the new file through real git.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Journal, Run, coltiva};
use tempfile::TempDir;

#[test]
fn rename_moves_the_file_and_everything_follows() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme", "--set", "citta=Brescia"]);
    j.ok(["log", "acme", "Called Paola", "--at", "2026-11-20"]);
    let promise = j.promise(
        "acme",
        "Send the quote",
        "2026-11-30",
        &["--at", "2026-11-20"],
    );
    let before = j.text("acme");
    // Build the promise index with the old id in it (a lookup that scans builds it).
    j.run(["keep", "zzzzzz"]);
    let index = j.root().join(".cache/promises");
    assert!(index.join("stamp").exists(), "the index is built");
    let shard = fs::read_to_string(index.join(&promise[..1])).unwrap();
    assert!(shard.contains(&format!("{promise} acme\n")), "{shard}");
    let run = j.ok(["rename", "acme", "acme-italia"]);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains(
            "renamed ACME S.r.l.: acme is now acme-italia (customers/acme.toml → customers/acme-italia.toml); its records, promises and uid stay as they were"
        ),
        "{}",
        run.stderr
    );
    assert!(!j.file("acme").exists());
    assert_eq!(j.text("acme-italia"), before, "byte for byte, uid included");
    assert!(
        !index.join("stamp").exists(),
        "the index naming acme is dropped"
    );
    // The new id works everywhere; the old promise id still resolves.
    j.ok(["log", "acme-italia", "Sent the quote", "--at", "2026-11-21"]);
    let keep = j.ok(["keep", &promise, "--at", "2026-11-21"]);
    assert!(keep.stderr.contains("acme-italia"), "{}", keep.stderr);
    let show = j.ok(["show", "acme-italia"]).stdout;
    assert!(
        show.contains("Called Paola") && show.contains("Sent the quote"),
        "{show}"
    );
    // Undo takes back the last write, on the new file.
    j.ok(["undo"]); // the keep
    assert!(j.text("acme-italia").contains("Sent the quote"));
    assert_eq!(j.count("acme-italia", "resolution"), 0);
}

#[test]
fn undo_does_not_reach_back_past_a_rename() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    j.ok(["log", "acme", "Called Paola", "--at", "2026-11-20"]);
    j.ok(["rename", "acme", "acme-italia"]);
    j.fails(["undo"], 1, "there is nothing to undo");
}

#[test]
fn rename_refuses_what_it_cannot_do_and_changes_nothing() {
    let j = Journal::new();
    j.add("ACME S.r.l.", &["--id", "acme"]);
    j.add("Bianchi", &["--id", "bianchi"]);
    j.fails(
        ["rename", "acme", "bianchi"],
        1,
        "there is already a customer bianchi",
    );
    j.fails(
        ["rename", "acme", "Acme Italia"],
        2,
        "invalid customer id \"Acme Italia\": use 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit; choose another new id",
    );
    j.fails(
        ["rename", "acme", "acme"],
        2,
        "acme is already the id of that customer",
    );
    j.fails(["rename", "nobody", "x"], 2, "unknown customer \"nobody\"");
    j.fails(
        ["add", "Nova", "--set", "id=nova-srl"],
        2,
        "--set \"id=nova-srl\": a customer's id is the name of its file, not an attribute; give it with --id",
    );
    // `set ID id=X` is not an attribute: it points to rename.
    j.fails(
        ["set", "acme", "id=acme-italia"],
        2,
        "\"id=acme-italia\": a customer's id is the name of its file, not an attribute; rename the customer with `coltiva rename acme acme-italia`",
    );
}

// A team: one bare origin and two clones, each with `coltiva init` run and autocommit on (as
// in tests/team_merge.rs).
struct Team {
    _tmp: TempDir,
    config: PathBuf,
    clones: Vec<PathBuf>,
}

impl Team {
    fn new() -> Team {
        let tmp = TempDir::new().unwrap();
        let root = tmp.path().to_path_buf();
        let config = root.join("gitconfig");
        fs::write(
            &config,
            "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        let mut team = Team {
            _tmp: tmp,
            config,
            clones: Vec::new(),
        };
        let origin = root.join("origin.git");
        let origin = origin.to_str().unwrap();
        team.git_ok(&root, &["init", "--quiet", "--bare", origin]);
        let first = root.join("c0");
        team.init(&root, &["--git", first.to_str().unwrap()]);
        let settings = first.join("coltiva.toml");
        let text = fs::read_to_string(&settings).unwrap();
        fs::write(
            &settings,
            text.replace("autocommit = false", "autocommit = true"),
        )
        .unwrap();
        team.git_ok(&first, &["add", "."]);
        let _ = team.git(&first, &["commit", "--quiet", "-m", "journal"]);
        team.coltiva(&first, &["add", "ACME S.r.l.", "--id", "acme"])
            .ok();
        team.coltiva(&first, &["log", "acme", "First call", "--at", "2026-11-02"])
            .ok();
        team.git_ok(&first, &["remote", "add", "origin", origin]);
        team.git_ok(&first, &["push", "--quiet", "-u", "origin", "main"]);
        let second = root.join("c1");
        team.git_ok(
            &root,
            &["clone", "--quiet", origin, second.to_str().unwrap()],
        );
        team.init(&root, &[second.to_str().unwrap()]);
        team.clones = vec![first, second];
        team
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        common::git_output(dir, &self.config, args)
    }

    #[track_caller]
    fn git_ok(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git(dir, args);
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn init(&self, cwd: &Path, args: &[&str]) {
        let mut cmd = common::bare(cwd);
        cmd.env("GIT_CONFIG_GLOBAL", &self.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .arg("init")
            .args(args);
        Run::of(&mut cmd).ok();
    }

    fn coltiva(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = coltiva(dir);
        cmd.env("GIT_CONFIG_GLOBAL", &self.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(args);
        Run::of(&mut cmd)
    }
}

#[test]
fn a_clone_still_writing_to_the_old_id_merges_into_the_renamed_file() {
    for rebase in [false, true] {
        let team = Team::new();
        let (anna, bruno) = (&team.clones[0], &team.clones[1]);
        let promise = team
            .coltiva(
                bruno,
                &[
                    "promise",
                    "acme",
                    "Send the quote",
                    "--due",
                    "2026-11-30",
                    "--at",
                    "2026-11-03",
                ],
            )
            .ok()
            .stdout
            .trim()
            .to_string();
        team.git_ok(bruno, &["push", "--quiet"]);
        team.git_ok(anna, &["pull", "--quiet", "--no-rebase", "origin", "main"]);
        // Anna renames; Bruno, not knowing, logs a call on the old id.
        team.coltiva(anna, &["rename", "acme", "acme-italia"]).ok();
        let head = team.git_ok(anna, &["log", "-1", "--format=%s", "--name-status", "-M"]);
        assert!(
            head.starts_with("rename acme → acme-italia")
                && head.contains("customers/acme.toml\tcustomers/acme-italia.toml"),
            "one commit, seen by git as a rename:\n{head}"
        );
        team.git_ok(anna, &["push", "--quiet"]);
        team.coltiva(bruno, &["log", "acme", "Second call", "--at", "2026-11-20"])
            .ok();
        let how = if rebase { "--rebase" } else { "--no-rebase" };
        let out = team.git(bruno, &["pull", "--no-edit", how, "origin", "main"]);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!bruno.join("customers/acme.toml").exists());
        let file = fs::read_to_string(bruno.join("customers/acme-italia.toml")).unwrap();
        for said in ["First call", "Second call", "Send the quote"] {
            assert_eq!(file.matches(said).count(), 1, "{said}:\n{file}");
        }
        team.coltiva(bruno, &["check"]).ok();
        // The promise made before the rename resolves by its id alone, on the new customer.
        let keep = team
            .coltiva(bruno, &["keep", &promise, "--at", "2026-11-21"])
            .ok();
        assert!(keep.stderr.contains("acme-italia"), "{}", keep.stderr);
    }
}
