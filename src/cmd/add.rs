use std::collections::BTreeMap;

use crate::app::{Context, autocommit, commit_message, print, tell};
use crate::cli::AddArgs;
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::ids::slug;
use crate::ids::validate_id;
use crate::model::customer as attributes;
use crate::model::{Cadence, Header, Kind, SCHEMA};

pub fn run(ctx: &Context, args: AddArgs) -> Result<()> {
    let name = attributes::name(&args.name)?;
    let id = match args.id {
        Some(id) => {
            validate_id(&id)?;
            id
        }
        None => slug(&name)?,
    };
    let kind = args.kind.unwrap_or(Kind::External);
    let cadence = args
        .cadence
        .as_deref()
        .map(Cadence::parse)
        .transpose()
        .map_err(Error::Usage)?;
    let since = match args.since.as_deref() {
        Some(text) => ctx.day("--since", text, Bias::Past)?,
        None => ctx.today,
    };
    let tags = super::set::tags(args.tags.iter().map(String::as_str))?;
    let mut attributes = BTreeMap::new();
    for pair in &args.set {
        let (key, value) = attributes::parse_attribute(pair)?;
        attributes.insert(key, value);
    }
    let header = Header {
        schema: SCHEMA,
        name,
        kind,
        since: Some(since),
        tags,
        cadence,
        uid: Some(crate::merge::new_uid()?),
        attributes,
    };
    let journal = ctx.journal_to_write()?;
    let path = journal.writer().create_customer(&id, &header)?;
    tell(&crate::app::words(&journal).added(&header.name, &id, &path.display().to_string()));
    autocommit(
        &journal,
        &[path],
        &commit_message(&format!("add {id}"), Some(&header.name)),
    );
    print(&format!("{id}\n"))
}
