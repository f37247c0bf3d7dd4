//! `coltiva set CUSTOMER KEY=VALUE...`: edit header attributes in place.

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, value};

use crate::app::{Context, autocommit, tell};
use crate::cli::SetArgs;
use crate::dates::Bias;
use crate::error::{Error, Result};
use crate::model::customer as attributes;
use crate::model::{Cadence, Header, Kind};
use crate::resolve;

/// One edit of the command line, validated before anything is read or written.
#[derive(Debug, Clone, PartialEq)]
enum Edit {
    Name(String),
    Kind(Kind),
    Since(NaiveDate),
    Cadence(Option<Cadence>),
    Tags(Vec<String>),
    AddTag(String),
    RemoveTag(String),
    Attribute(String, Option<String>),
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<()> {
    let edits = args
        .edits
        .iter()
        .map(|text| parse(ctx, text))
        .collect::<Result<Vec<_>>>()?;
    let journal = ctx.journal()?;
    let id = resolve::customer(&journal, &args.customer)?;
    let outcome = journal.edit_header(&id, |doc, customer| {
        let mut header = customer.header.clone();
        for edit in &edits {
            apply(doc, &mut header, edit)?;
        }
        Ok(header)
    })?;
    if outcome.changed {
        tell(&format!(
            "updated the header of {} ({id}): {}",
            outcome.header.name,
            args.edits.join(", ")
        ));
        autocommit(
            &journal,
            &[journal.customer_path(&id)?],
            &format!("set {id}: {}", args.edits.join(" ")),
        );
    } else {
        tell(&format!(
            "{} ({id}) already says that; nothing changed",
            outcome.header.name
        ));
    }
    Ok(())
}

fn parse(ctx: &Context, text: &str) -> Result<Edit> {
    let usage = |why: &str| Error::Usage(format!("{text:?}: {why}"));
    if let Some(tag) = text.strip_prefix("tags+=") {
        return Ok(Edit::AddTag(attributes::tag(tag).map_err(Error::Usage)?));
    }
    if let Some(tag) = text.strip_prefix("tags-=") {
        return Ok(Edit::RemoveTag(attributes::tag(tag).map_err(Error::Usage)?));
    }
    let Some((key, val)) = text.split_once('=') else {
        return Err(usage(
            "expected KEY=VALUE, KEY= (remove), tags+=TAG or tags-=TAG",
        ));
    };
    let key = key.trim();
    Ok(match key {
        "name" => Edit::Name(attributes::name(val).map_err(Error::Usage)?),
        "kind" => Edit::Kind(val.trim().parse::<Kind>().map_err(|e| usage(&e))?),
        "since" if val.trim().is_empty() => return Err(usage("since cannot be removed")),
        "since" => Edit::Since(ctx.day("since", val, Bias::Past)?),
        "cadence" if val.trim().is_empty() => Edit::Cadence(None),
        "cadence" => Edit::Cadence(Some(Cadence::parse(val.trim()).map_err(|e| usage(&e))?)),
        "tags" => {
            let mut tags = Vec::new();
            for tag in val.split(',').filter(|t| !t.trim().is_empty()) {
                let tag = attributes::tag(tag).map_err(Error::Usage)?;
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            Edit::Tags(tags)
        }
        "schema" => return Err(usage("the schema is written by coltiva, not set by hand")),
        _ => {
            let key = attributes::attribute_key(key, &format!("{text:?}")).map_err(Error::Usage)?;
            let val = (!val.is_empty()).then(|| val.to_string());
            Edit::Attribute(key, val)
        }
    })
}

/// Applies one edit to the TOML document (format-preserving) and to the header it should mean.
fn apply(doc: &mut DocumentMut, header: &mut Header, edit: &Edit) -> Result<()> {
    match edit {
        Edit::Name(name) => {
            doc["name"] = value(name.as_str());
            header.name = name.clone();
        }
        Edit::Kind(kind) => {
            doc["kind"] = value(kind.as_str());
            header.kind = *kind;
        }
        Edit::Since(day) => {
            doc["since"] = value(toml_edit::Datetime {
                date: Some(toml_edit::Date {
                    year: day.year() as u16,
                    month: day.month() as u8,
                    day: day.day() as u8,
                }),
                time: None,
                offset: None,
            });
            header.since = Some(*day);
        }
        Edit::Cadence(None) => {
            doc.remove("cadence");
            header.cadence = None;
        }
        Edit::Cadence(Some(cadence)) => {
            doc["cadence"] = value(cadence.to_string());
            header.cadence = Some(*cadence);
        }
        Edit::Tags(tags) => set_tags(doc, header, tags.clone()),
        Edit::AddTag(tag) => {
            if !header.tags.contains(tag) {
                let mut tags = header.tags.clone();
                tags.push(tag.clone());
                set_tags(doc, header, tags);
            }
        }
        Edit::RemoveTag(tag) => {
            if !header.tags.contains(tag) {
                return Err(Error::Usage(format!(
                    "tags-={tag}: {} has no tag {tag:?} (its tags: {})",
                    header.name,
                    header.tags.join(", ")
                )));
            }
            let tags = header.tags.iter().filter(|t| *t != tag).cloned().collect();
            set_tags(doc, header, tags);
        }
        Edit::Attribute(key, None) => {
            if header.attributes.remove(key).is_none() {
                return Err(Error::Usage(format!(
                    "{key}=: {} has no attribute {key:?} to remove",
                    header.name
                )));
            }
            doc.remove(key);
        }
        Edit::Attribute(key, Some(text)) => {
            doc[key.as_str()] = value(text.as_str());
            header
                .attributes
                .insert(key.clone(), toml::Value::String(text.clone()));
        }
    }
    Ok(())
}

/// Tags are kept as an inline array; an empty list removes the key.
fn set_tags(doc: &mut DocumentMut, header: &mut Header, tags: Vec<String>) {
    if tags.is_empty() {
        doc.remove("tags");
    } else {
        let mut array = Array::new();
        for tag in &tags {
            array.push(tag.as_str());
        }
        doc["tags"] = value(array);
    }
    header.tags = tags;
}
