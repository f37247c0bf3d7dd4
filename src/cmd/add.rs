use std::collections::BTreeMap;

use crate::cli::AddArgs;
use crate::cmd::{Context, autocommit, print, tell};
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::ids::slug;
use crate::model::{Cadence, Header, Kind, SCHEMA};
use crate::storage::validate_id;

/// Header keys with a meaning of their own; `--set` may not use them.
const RESERVED_KEYS: &[&str] = &[
    "schema",
    "name",
    "kind",
    "since",
    "tags",
    "cadence",
    "interaction",
    "order",
    "promise",
    "resolution",
    "phase",
];

pub fn run(ctx: &Context, args: AddArgs) -> Result<()> {
    let name = args.name.trim().to_string();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::Usage(
            "a customer name must have visible characters and no control characters (newlines, tabs)".into(),
        ));
    }
    let id = match args.id {
        Some(id) => {
            validate_id(&id)?;
            id
        }
        None => slug(&name)?,
    };
    let kind = match args.kind.as_deref() {
        Some(k) => k.parse::<Kind>().map_err(Error::Usage)?,
        None => Kind::External,
    };
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
    let mut tags: Vec<String> = Vec::new();
    for tag in args.tags {
        let tag = tag.trim().to_string();
        if tag.is_empty() || tag.chars().any(char::is_control) {
            return Err(Error::Usage(format!("invalid tag {tag:?}")));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut attributes = BTreeMap::new();
    for pair in &args.set {
        let (key, value) = parse_attribute(pair)?;
        attributes.insert(key, value);
    }
    let header = Header {
        schema: SCHEMA,
        name,
        kind,
        since: Some(since),
        tags,
        cadence,
        attributes,
    };
    let journal = ctx.journal()?;
    let path = journal.create_customer(&id, &header)?;
    tell(&format!(
        "added {} as {id} ({})",
        header.name,
        path.display()
    ));
    autocommit(&journal, &[path], &format!("add {id}"));
    print(&format!("{id}\n"))
}

/// `KEY=VALUE` of `--set`: the key is a bare TOML key, the value is stored as text.
pub fn parse_attribute(pair: &str) -> Result<(String, toml::Value)> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(Error::Usage(format!(
            "--set {pair:?}: expected KEY=VALUE, e.g. territory=Brescia"
        )));
    };
    let key = key.trim();
    let valid_key = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid_key {
        return Err(Error::Usage(format!(
            "--set {pair:?}: a key is letters, digits, _ and -"
        )));
    }
    if RESERVED_KEYS.contains(&key) {
        return Err(Error::Usage(format!(
            "--set {pair:?}: {key} has its own option or cannot be set this way"
        )));
    }
    Ok((key.to_string(), toml::Value::String(value.to_string())))
}
