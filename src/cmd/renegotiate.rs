use crate::app::Context;
use crate::cli::RenegotiateArgs;
use crate::cmd::resolution::resolve_promise;
use crate::dates::Bias;
use crate::error::Result;
use crate::model::ResolutionStatus;

pub fn run(ctx: &Context, args: RenegotiateArgs) -> Result<()> {
    let due = ctx.day("--due", &args.due, Bias::Future)?;
    resolve_promise(
        ctx,
        &args.promise,
        ResolutionStatus::Renegotiated,
        args.at.as_deref(),
        Some(due),
        args.note,
    )
}
