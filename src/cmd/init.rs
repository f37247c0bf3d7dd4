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
    // No journal to ask yet: `--locale` decides the language, else English.
    let words = crate::i18n::catalogue(
        locale
            .as_ref()
            .map_or(crate::model::Language::En, |l| l.language),
    );
    let shown = root.display().to_string();
    if Journal::init_with(&root, &settings_toml(locale.as_ref())?)? {
        tell(&words.journal_created(&shown));
    } else {
        tell(&words.already_a_journal(&shown, args.locale.as_deref()));
    }
    // `--git` gives the journal a repository of its own, also inside another work tree (a
    // journal kept in a folder of some other repository, even an ignored one): its commits,
    // merges and clones are the journal's alone, never another project's.
    let outer = git::toplevel(&root);
    let own = outer.as_deref().is_some_and(|top| same_folder(top, &root));
    if args.git && !own {
        git::init(&root)?;
        let top = outer.as_ref().map(|top| top.display().to_string());
        tell(&words.repository_created(&shown, top.as_deref()));
    }
    if args.git || outer.is_some() {
        let journal = Journal::open(root.clone(), crate::config::Source::Flag)?;
        let upkeep = journal.upkeep();
        let attributes =
            upkeep.ensure_root_lines(".gitattributes", git::ATTRIBUTES_HEADER, git::ATTRIBUTES)?;
        let ignore = upkeep.ensure_root_lines(".gitignore", git::IGNORE_HEADER, git::IGNORE)?;
        git::register_merge_driver(&root)?;
        tell(words.git_set_up(attributes || ignore));
        if args.git {
            first_commit(&journal, words)?;
        }
    }
    Ok(())
}

/// `init --git` (PRODUCT.md §8.5): autocommit on, then the first commit of the settings and
/// the git set-up, so that a clone has the merge driver's attributes. A commit that git
/// refuses (no user name configured) is a warning that says how to finish; the files stay.
fn first_commit(journal: &Journal, words: &dyn crate::i18n::Catalogue) -> Result<()> {
    if journal.editor().set_autocommit(true)? {
        tell(words.autocommit_turned_on());
    }
    let files = [SETTINGS_FILE, ".gitattributes", ".gitignore"];
    let root = journal.root();
    if !git::has_changes(root, &files)? {
        return Ok(());
    }
    let paths: Vec<_> = files.iter().map(|f| root.join(f)).collect();
    match git::commit_paths(root, &paths, "coltiva init: settings and git set-up") {
        Ok(true) => tell(&words.first_committed(&files.join(", "))),
        Ok(false) => {}
        Err(e) => tell(&words.first_commit_failed(
            &e.to_string(),
            &format!(
                "git -C {} add {} && git -C {} commit -m \"coltiva init\"",
                root.display(),
                files.join(" "),
                root.display()
            ),
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
