use crate::app::{Context, tell};
use crate::cli::InitArgs;
use crate::config::{Locale, SETTINGS_FILE, settings_toml};
use crate::error::{Error, Result};
use crate::git;
use crate::storage::Journal;

pub fn run(ctx: &Context, args: InitArgs) -> Result<()> {
    let root = match args.path {
        Some(path) => path,
        None => crate::config::init_dir(ctx.dir_flag())?,
    };
    let locale = match args.locale.as_deref() {
        Some(name) => Some(Locale::preset(name).map_err(Error::Usage)?),
        None => None,
    };
    if Journal::init_with(&root, &settings_toml(locale.as_ref())?)? {
        tell(&format!("created a journal in {}", root.display()));
    } else if let Some(name) = &args.locale {
        tell(&format!(
            "{} is already a journal; its settings were not changed (for --locale {name}, add a [locale] table to its coltiva.toml: see docs/FORMAT.md)",
            root.display()
        ));
    } else {
        tell(&format!(
            "{} is already a journal; its settings were not changed",
            root.display()
        ));
    }
    // `--git` gives the journal a repository of its own, also inside another work tree (a
    // journal kept in a folder of some other repository, even an ignored one): its commits,
    // merges and clones are the journal's alone, never another project's.
    let outer = git::toplevel(&root);
    let own = outer.as_deref().is_some_and(|top| same_folder(top, &root));
    if args.git && !own {
        git::init(&root)?;
        match &outer {
            Some(top) => tell(&format!(
                "created a git repository of its own in {} (the folder is inside the repository at {}, which coltiva leaves alone)",
                root.display(),
                top.display()
            )),
            None => tell(&format!("created a git repository in {}", root.display())),
        }
    }
    if args.git || outer.is_some() {
        let journal = Journal::open(root.clone(), crate::config::Source::Flag)?;
        let attributes =
            journal.ensure_root_lines(".gitattributes", git::ATTRIBUTES_HEADER, git::ATTRIBUTES)?;
        let ignore = journal.ensure_root_lines(".gitignore", git::IGNORE_HEADER, git::IGNORE)?;
        git::register_merge_driver(&root)?;
        if attributes || ignore {
            tell(
                "set up for git: customer files merge record by record with coltiva's merge driver (.gitattributes), local files are ignored (.gitignore)",
            );
        } else {
            tell("registered coltiva's merge driver for customer files in this clone");
        }
        if args.git {
            first_commit(&journal)?;
        }
    }
    Ok(())
}

/// `init --git` (PRODUCT.md §8.5): autocommit on, then the first commit of the settings and
/// the git set-up, so that a clone has the merge driver's attributes. A commit that git
/// refuses (no user name configured) is a warning that says how to finish; the files stay.
fn first_commit(journal: &Journal) -> Result<()> {
    if journal.set_autocommit(true)? {
        tell("turned autocommit on in coltiva.toml: every write is committed");
    }
    let files = [SETTINGS_FILE, ".gitattributes", ".gitignore"];
    let root = journal.root();
    if !git::has_changes(root, &files)? {
        return Ok(());
    }
    let paths: Vec<_> = files.iter().map(|f| root.join(f)).collect();
    match git::commit_paths(root, &paths, "coltiva init: settings and git set-up") {
        Ok(()) => tell(&format!("committed {}", files.join(", "))),
        Err(e) => tell(&format!(
            "coltiva: warning: the journal is set up, but the first commit failed: {e}\ncommit it yourself: git -C {} add {} && git -C {} commit -m \"coltiva init\"",
            root.display(),
            files.join(" "),
            root.display()
        )),
    }
    Ok(())
}

/// True when `a` and `b` name one folder (git prints its top folder resolved, with `/` on
/// Windows too).
fn same_folder(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
