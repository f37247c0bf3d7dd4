//! `coltiva mail`: the pipeline (read, match, append once) is `crate::mail::logging`.

use crate::app::Context;
use crate::cli::MailArgs;
use crate::error::Result;

pub fn run(ctx: &Context, args: MailArgs) -> Result<()> {
    crate::mail::logging::run(ctx, args)
}
