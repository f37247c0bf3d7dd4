use clap::CommandFactory;

use crate::app::print;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "coltiva", &mut script);
    print(&String::from_utf8_lossy(&script))
}
