//! `coltiva import FILE.csv`: the pipeline (read, check, plan, write) is `crate::import`.

use crate::app::Context;
use crate::cli::ImportArgs;
use crate::error::Result;

pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    crate::import::run(ctx, args)
}
