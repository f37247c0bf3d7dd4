//! Validation of header values shared by `add` and `set`.

use crate::error::{Error, Result};
use crate::model::RESERVED_KEYS;

/// A customer name: visible text on one line.
pub fn name(text: &str) -> Result<String> {
    let name = text.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::Usage(
            "a customer name must have visible characters and no control characters (newlines, tabs)".into(),
        ));
    }
    Ok(name.to_string())
}

/// A tag: visible text on one line.
pub fn tag(text: &str) -> Result<String> {
    let tag = text.trim();
    if tag.is_empty() || tag.chars().any(char::is_control) {
        return Err(Error::Usage(format!(
            "invalid tag {text:?}: a tag needs visible characters and no control characters"
        )));
    }
    Ok(tag.to_string())
}

/// The key of a free attribute: a bare TOML key that has no meaning of its own.
pub fn attribute_key(key: &str, context: &str) -> Result<String> {
    let key = key.trim();
    let valid = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid {
        return Err(Error::Usage(format!(
            "{context}: an attribute key is letters, digits, _ and -"
        )));
    }
    if RESERVED_KEYS.contains(&key) {
        return Err(Error::Usage(format!(
            "{context}: {key} has its own option or cannot be set this way"
        )));
    }
    Ok(key.to_string())
}

/// `KEY=VALUE` of `add --set`: the key is a bare TOML key, the value is stored as text.
pub fn parse_attribute(pair: &str) -> Result<(String, toml::Value)> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(Error::Usage(format!(
            "--set {pair:?}: expected KEY=VALUE, e.g. territory=Brescia"
        )));
    };
    let key = attribute_key(key, &format!("--set {pair:?}"))?;
    Ok((key, toml::Value::String(value.to_string())))
}
