use crate::app::Context;
use crate::cli::ResolveArgs;
use crate::cmd::resolution::resolve_promise;
use crate::error::Result;
use crate::model::ResolutionStatus;

pub fn run(ctx: &Context, args: ResolveArgs) -> Result<()> {
    resolve_promise(
        ctx,
        &args.promise,
        ResolutionStatus::Cancelled,
        args.at.as_deref(),
        None,
        args.note,
    )
}
