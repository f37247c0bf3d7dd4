use crate::cli::InitArgs;
use crate::cmd::{Context, tell};
use crate::error::{IoContext, Result};
use crate::storage::Journal;

pub fn run(_ctx: &Context, args: InitArgs) -> Result<()> {
    let root = match args.path {
        Some(path) => path,
        None => std::env::current_dir().ctx(|| "could not read the current directory")?,
    };
    if Journal::init(&root)? {
        tell(&format!("created a journal in {}", root.display()));
    } else {
        tell(&format!(
            "{} is already a journal; nothing was changed",
            root.display()
        ));
    }
    Ok(())
}
