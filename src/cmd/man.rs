use clap::CommandFactory;

use crate::app::print;
use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};

pub fn run(args: ManArgs) -> Result<()> {
    let mut command = Cli::command();
    command.build();
    let page = match args.command.as_deref() {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                return Err(Error::Usage(format!(
                    "no command {name:?}; the commands are: {}",
                    names.join(", ")
                )));
            };
            // After build(), a subcommand's display name is `coltiva-NAME`.
            sub.clone()
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(|e| Error::Invalid(format!("could not write the manual page: {e}")))?;
    print(&String::from_utf8_lossy(&roff))
}
