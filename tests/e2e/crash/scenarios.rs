//! The write commands the explorer traces, each on a small journal built before it (that
//! part untraced): its records are the "acknowledged" ones every crash state must keep.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{BIN, TODAY};

/// The journal folder's name inside the scenario's temporary folder.
pub const ROOT: &str = "journal";

/// Where a scenario runs: `base` holds the journal folder `base/journal` and the files the
/// command reads from outside it (a CSV, an editor script, git's configuration).
pub struct Place {
    pub base: PathBuf,
    pub gitconfig: PathBuf,
}

impl Place {
    pub fn root(&self) -> PathBuf {
        self.base.join(ROOT)
    }

    /// `coltiva --dir <journal> --today <TODAY>` with a clean environment and git's
    /// configuration private to the test.
    pub fn coltiva(&self) -> Command {
        let mut cmd = Command::new(BIN);
        let cwd = if self.root().is_dir() {
            self.root()
        } else {
            self.base.clone()
        };
        cmd.current_dir(cwd)
            .env("NO_COLOR", "1")
            .env_remove("COLTIVA_DIR")
            .env_remove("COLUMNS")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("GIT_CONFIG_GLOBAL", &self.gitconfig)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TMPDIR", self.base.join("tmp"))
            .stdin(std::process::Stdio::null());
        cmd
    }

    /// Runs a set-up step, which must succeed; returns its stdout.
    #[track_caller]
    pub fn setup(&self, args: &[&str]) -> String {
        let mut cmd = self.coltiva();
        if args.first() != Some(&"init") {
            cmd.arg("--dir").arg(self.root());
        }
        cmd.args(["--today", TODAY]).args(args);
        let out = cmd.output().expect("coltiva runs");
        assert!(
            out.status.success(),
            "set-up step {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }
}

/// What the explorer traces: `coltiva --dir <journal> --today <TODAY> ARGS` (without `--dir`
/// for `init`), with extra environment variables.
pub struct Traced {
    pub args: Vec<String>,
    pub env: Vec<(String, PathBuf)>,
    /// The tail that `repair` must move: in the file or in the `.rej` file in every state.
    pub moved_tail: Option<Vec<u8>>,
}

impl Traced {
    fn args(args: &[&str]) -> Traced {
        Traced {
            args: args.iter().map(|a| (*a).to_string()).collect(),
            env: Vec::new(),
            moved_tail: None,
        }
    }
}

pub struct Scenario {
    pub name: &'static str,
    pub prepare: fn(&Place) -> Traced,
}

/// The journal every record command starts from: acme, with a contact, an order and an open
/// promise; returns the promise's id.
fn base(p: &Place) -> String {
    base_with(p, false)
}

fn base_with(p: &Place, git: bool) -> String {
    let root = p.root();
    let root = root.to_str().expect("a UTF-8 path");
    if git {
        p.setup(&["init", "--git", root]);
    } else {
        p.setup(&["init", root]);
    }
    p.setup(&["add", "Acme S.r.l.", "--id", "acme"]);
    p.setup(&[
        "log",
        "acme",
        "First call about valves",
        "--at",
        "2026-11-02",
    ]);
    p.setup(&["order", "acme", "500", "--ref", "F-1", "--at", "2026-11-10"]);
    p.setup(&[
        "promise",
        "acme",
        "send the catalogue",
        "--due",
        "2026-12-01",
        "--at",
        "2026-11-12",
    ])
    .trim()
    .to_string()
}

/// Every write command (the full run).
pub fn all() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "log",
            prepare: |p| {
                base(p);
                Traced::args(&["log", "acme", "Called about the spring order"])
            },
        },
        Scenario {
            name: "order",
            prepare: |p| {
                base(p);
                Traced::args(&[
                    "order",
                    "acme",
                    "1234.56",
                    "--ref",
                    "F-77",
                    "--note",
                    "big order",
                ])
            },
        },
        Scenario {
            name: "promise",
            prepare: |p| {
                base(p);
                Traced::args(&[
                    "promise",
                    "acme",
                    "call back with prices",
                    "--due",
                    "2026-12-02",
                ])
            },
        },
        Scenario {
            name: "keep",
            prepare: |p| {
                let id = base(p);
                Traced::args(&["keep", &id, "--note", "sent by post"])
            },
        },
        Scenario {
            name: "break",
            prepare: |p| {
                let id = base(p);
                Traced::args(&["break", &id])
            },
        },
        Scenario {
            name: "cancel",
            prepare: |p| {
                let id = base(p);
                Traced::args(&["cancel", &id])
            },
        },
        Scenario {
            name: "renegotiate",
            prepare: |p| {
                let id = base(p);
                Traced::args(&["renegotiate", &id, "--due", "2026-12-15"])
            },
        },
        Scenario {
            name: "phase",
            prepare: |p| {
                base(p);
                Traced::args(&["phase", "acme", "partner", "--reason", "framework contract"])
            },
        },
        Scenario {
            name: "set",
            prepare: |p| {
                base(p);
                Traced::args(&[
                    "set",
                    "acme",
                    "tags+=vip",
                    "cadence=14d",
                    "territory=Brescia",
                ])
            },
        },
        Scenario {
            name: "add",
            prepare: |p| {
                base(p);
                Traced::args(&["add", "Beta Impianti", "--id", "beta"])
            },
        },
        Scenario {
            name: "repair",
            prepare: |p| {
                base(p);
                let tail = b"\n[[order]]\nat = 2026-11-2".to_vec();
                let file = p.root().join("customers/acme.toml");
                let mut bytes = fs::read(&file).expect("acme.toml");
                bytes.extend_from_slice(&tail);
                fs::write(&file, bytes).expect("acme.toml is writable");
                Traced {
                    moved_tail: Some(tail),
                    ..Traced::args(&["repair", "acme"])
                }
            },
        },
        Scenario {
            name: "forget",
            prepare: |p| {
                base(p);
                p.setup(&["add", "Beta Impianti", "--id", "beta"]);
                Traced::args(&["forget", "beta", "--yes"])
            },
        },
        Scenario {
            name: "import",
            prepare: |p| {
                base(p);
                let csv = p.base.join("in.csv");
                fs::write(
                    &csv,
                    "customer,type,at,summary,amount,name\n\
                     acme,interaction,2026-11-20,Visited the plant,,\n\
                     nuovo,customer,2026-11-20,,,Nuovo Cliente\n\
                     nuovo,order,2026-11-21,,300,\n",
                )
                .expect("a CSV");
                Traced::args(&["import", csv.to_str().expect("UTF-8")])
            },
        },
        Scenario {
            name: "undo",
            prepare: |p| {
                base(p);
                Traced::args(&["undo"])
            },
        },
        Scenario {
            name: "edit",
            prepare: |p| {
                base(p);
                let script = p.base.join("editor.sh");
                fs::write(
                    &script,
                    "#!/bin/sh\nprintf '\\n[[interaction]]\\nat = 2026-11-20T10:00:00Z\\nchannel = \"call\"\\ndirection = \"out\"\\nsummary = \"added in the editor\"\\n' >> \"$1\"\n",
                )
                .expect("a script");
                make_executable(&script);
                Traced {
                    env: vec![("EDITOR".to_string(), script)],
                    ..Traced::args(&["edit", "acme"])
                }
            },
        },
        Scenario {
            name: "init",
            prepare: |p| Traced::args(&["init", p.root().to_str().expect("UTF-8")]),
        },
        Scenario {
            name: "init --git",
            prepare: |p| Traced::args(&["init", "--git", p.root().to_str().expect("UTF-8")]),
        },
        Scenario {
            name: "log (git autocommit)",
            prepare: |p| {
                base_with(p, true);
                Traced::args(&["log", "acme", "Called about the spring order"])
            },
        },
    ]
}

/// The commands of the short run in `cargo test`.
pub fn short() -> Vec<Scenario> {
    let names = ["log", "order", "repair", "init"];
    all()
        .into_iter()
        .filter(|s| names.contains(&s.name))
        .collect()
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut perm = fs::metadata(path).expect("metadata").permissions();
    perm.set_mode(0o755);
    fs::set_permissions(path, perm).expect("chmod");
}
