//! `coltiva set CUSTOMER KEY=VALUE...`: edit header attributes in place.

use crate::app::{Context, autocommit, tell};
use crate::cli::SetArgs;
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::model::customer as attributes;
use crate::model::{Cadence, Kind};
use crate::resolve;
use crate::storage::HeaderChange;

pub fn run(ctx: &Context, args: SetArgs) -> Result<()> {
    // `id=` alone removes an `id` attribute stored before this rule; any other value is a
    // rename, which moves the file.
    if let Some((_, new)) = args
        .edits
        .iter()
        .filter_map(|e| e.split_once('='))
        .find(|(key, value)| key.trim() == "id" && !value.trim().is_empty())
    {
        return Err(Error::Usage(ctx.words().refused(
            &crate::i18n::CommandRefusal::IdIsNotAnAttribute {
                new: new.trim().to_string(),
                customer: args.customer.clone(),
            },
        )));
    }
    let edits = args
        .edits
        .iter()
        .map(|text| parse(ctx, text))
        .collect::<Result<Vec<_>>>()?;
    let journal = ctx.journal()?;
    let id = resolve::customer(&journal, &args.customer)?;
    let outcome = journal.editor().edit_header(&id, &edits)?;
    if outcome.changed {
        tell(&crate::app::words(&journal).header_updated(
            &outcome.header.name,
            &id,
            &args.edits.join(", "),
        ));
        autocommit(
            &journal,
            &[journal.customer_path(&id)?],
            &format!("set {id}: {}", args.edits.join(" ")),
        );
    } else {
        tell(&crate::app::words(&journal).header_unchanged(&outcome.header.name, &id));
    }
    Ok(())
}

fn parse(ctx: &Context, text: &str) -> Result<HeaderChange> {
    let usage = |why: &str| Error::Usage(format!("{text:?}: {why}"));
    if let Some(tag) = text.strip_prefix("tags+=") {
        return Ok(HeaderChange::AddTag(attributes::tag(tag)?));
    }
    if let Some(tag) = text.strip_prefix("tags-=") {
        return Ok(HeaderChange::RemoveTag(attributes::tag(tag)?));
    }
    let Some((key, val)) = text.split_once('=') else {
        return Err(usage(
            "expected KEY=VALUE, KEY= (remove), tags+=TAG or tags-=TAG",
        ));
    };
    let key = key.trim();
    Ok(match key {
        "name" => HeaderChange::Name(attributes::name(val)?),
        "kind" => HeaderChange::Kind(val.trim().parse::<Kind>().map_err(|e| usage(&e))?),
        "since" if val.trim().is_empty() => return Err(usage("since cannot be removed")),
        "since" => HeaderChange::Since(ctx.day("since", val, Bias::Past)?),
        "cadence" if val.trim().is_empty() => HeaderChange::Cadence(None),
        "cadence" => {
            HeaderChange::Cadence(Some(Cadence::parse(val.trim()).map_err(|e| usage(&e))?))
        }
        "tags" => HeaderChange::Tags(tags(val.split(',').filter(|t| !t.trim().is_empty()))?),
        "schema" => return Err(usage("the schema is written by coltiva, not set by hand")),
        _ => {
            let key = attributes::attribute_key(key, &format!("{text:?}"))?;
            let val = attributes::attribute_value(val, &format!("{text:?}"))?;
            let val = (!val.is_empty()).then_some(val);
            HeaderChange::Attribute(key, val)
        }
    })
}

/// The tags of `texts`, each checked, each once (in the order first given): `set tags=` and
/// `add --tag`.
pub(super) fn tags<'a>(texts: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
    let mut tags = Vec::new();
    for text in texts {
        let tag = attributes::tag(text)?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(tags)
}
