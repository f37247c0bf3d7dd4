//! The columns of an import file: the canonical names, `--map canonical=theirs`, and where each
//! column is in a file's header.

use std::fmt;

use csv::StringRecord;

use crate::i18n::MapProblem;

/// A column coltiva knows, by its canonical name. The order is the order of `export --format
/// csv`: first the canonical import columns, then the extra ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Customer,
    Type,
    At,
    Summary,
    Channel,
    Direction,
    Amount,
    Ref,
    Due,
    By,
    Name,
    Note,
    Promise,
    Status,
    Set,
    Reason,
    Source,
    Kind,
    Since,
    Tags,
    Cadence,
    Attributes,
    /// `payment` for a promise to pay (after the older columns, so older exports keep theirs).
    About,
    /// A `[[person]]`'s id, and the person a contact, order or promise was with; a person
    /// row's name is in `name` (docs/IMPORT.md). Last, written only when some record has them.
    Person,
    Role,
    Email,
    Phone,
    Event,
    With,
}

impl Column {
    pub const ALL: [Column; 29] = [
        Column::Customer,
        Column::Type,
        Column::At,
        Column::Summary,
        Column::Channel,
        Column::Direction,
        Column::Amount,
        Column::Ref,
        Column::Due,
        Column::By,
        Column::Name,
        Column::Note,
        Column::Promise,
        Column::Status,
        Column::Set,
        Column::Reason,
        Column::Source,
        Column::Kind,
        Column::Since,
        Column::Tags,
        Column::Cadence,
        Column::Attributes,
        Column::About,
        Column::Person,
        Column::Role,
        Column::Email,
        Column::Phone,
        Column::Event,
        Column::With,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Customer => "customer",
            Column::Type => "type",
            Column::At => "at",
            Column::Summary => "summary",
            Column::Channel => "channel",
            Column::Direction => "direction",
            Column::Amount => "amount",
            Column::Ref => "ref",
            Column::Due => "due",
            Column::By => "by",
            Column::Name => "name",
            Column::Note => "note",
            Column::Promise => "promise",
            Column::Status => "status",
            Column::Set => "set",
            Column::Reason => "reason",
            Column::Source => "source",
            Column::Kind => "kind",
            Column::Since => "since",
            Column::Tags => "tags",
            Column::Cadence => "cadence",
            Column::Attributes => "attributes",
            Column::About => "about",
            Column::Person => "person",
            Column::Role => "role",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Event => "event",
            Column::With => "with",
        }
    }

    /// The column with this canonical name (case-insensitive, surrounding spaces ignored).
    pub fn parse(text: &str) -> Option<Column> {
        let t = text.trim();
        Column::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(t))
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Every canonical name, for messages: `customer, type, at, ...`.
    pub fn names() -> String {
        Column::ALL.map(Column::name).join(", ")
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Parses one `--map canonical=theirs`.
pub fn parse_map(arg: &str) -> Result<(Column, String), String> {
    let Some((canonical, theirs)) = arg.split_once('=') else {
        return Err(format!(
            "--map {arg:?}: expected CANONICAL=THEIRS, e.g. --map customer=client_id"
        ));
    };
    let Some(column) = Column::parse(canonical) else {
        return Err(format!(
            "--map {arg:?}: {:?} is not a coltiva column (expected one of: {})",
            canonical.trim(),
            Column::names()
        ));
    };
    Ok((column, their_column(arg, theirs)?))
}

/// The name of their column after a `--map`'s `=`, trimmed; refused when there is none.
fn their_column(arg: &str, theirs: &str) -> Result<String, String> {
    match theirs.trim() {
        "" => Err(format!(
            "--map {arg:?}: the name of your column is missing after '='"
        )),
        theirs => Ok(theirs.to_string()),
    }
}

/// A column of the file read as something that is not one of coltiva's columns: a free
/// attribute of the customers it creates, or a piece of a customer's history (docs/IMPORT.md,
/// "Your whole sheet"). Only `--map` names these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extra {
    /// `attr.KEY`: the header attribute KEY (folded as every attribute key is).
    Attribute(String),
    /// `last_order`: the day of the customer's last order.
    LastOrder,
    /// `last_order_amount`: its amount.
    LastOrderAmount,
    /// `revenue.YYYY`: what the customer bought in that year, in total.
    Revenue(i32),
}

impl Extra {
    pub const NAMES: &'static str = "attr.KEY, last_order, last_order_amount, revenue.YYYY";

    fn parse(canonical: &str) -> Option<Result<Extra, String>> {
        let c = canonical.trim();
        if let Some(key) = c.strip_prefix("attr.") {
            return Some(
                crate::model::customer::attribute_key(key, &format!("--map {c}=..."))
                    .map(Extra::Attribute)
                    .map_err(String::from),
            );
        }
        if let Some(year) = c.strip_prefix("revenue.") {
            return Some(match year.parse::<i32>() {
                Ok(y) if (1900..=9999).contains(&y) && year.len() == 4 => Ok(Extra::Revenue(y)),
                _ => Err(format!(
                    "--map {c}=...: the year of revenue.YYYY is four digits, e.g. revenue.2025"
                )),
            });
        }
        match c {
            "last_order" => Some(Ok(Extra::LastOrder)),
            "last_order_amount" => Some(Ok(Extra::LastOrderAmount)),
            _ => None,
        }
    }

    pub fn name(&self) -> String {
        match self {
            Extra::Attribute(key) => format!("attr.{key}"),
            Extra::LastOrder => "last_order".into(),
            Extra::LastOrderAmount => "last_order_amount".into(),
            Extra::Revenue(year) => format!("revenue.{year}"),
        }
    }
}

/// One `--map`: a coltiva column, or an [`Extra`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Column(Column),
    Extra(Extra),
}

/// Parses one `--map canonical=theirs` that may also name an [`Extra`].
pub fn parse_target(arg: &str) -> Result<(Target, String), String> {
    if let Some((canonical, theirs)) = arg.split_once('=')
        && let Some(extra) = Extra::parse(canonical)
    {
        let theirs = their_column(arg, theirs)?;
        return Ok((Target::Extra(extra?), theirs));
    }
    parse_map(arg)
        .map(|(c, theirs)| (Target::Column(c), theirs))
        .map_err(|m| match m.contains("is not a coltiva column") {
            true => format!("{m}, or {}", Extra::NAMES),
            false => m,
        })
}

/// Why a header cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// A `--map` names a column the file does not have (the command line is wrong).
    Usage(MapProblem),
    /// The file itself lacks something (bad data).
    Data(MapProblem),
}

/// Where each column is in a file's rows.
#[derive(Debug, Clone)]
pub struct Layout {
    index: [Option<usize>; Column::ALL.len()],
    header: Vec<String>,
    /// The file's columns that no coltiva column reads.
    pub ignored: Vec<String>,
    /// The [`Extra`] columns, placed by [`Layout::place_extras`].
    extras: Vec<(Extra, usize)>,
}

impl Layout {
    /// Lays out a header. `maps` are the parsed `--map` options; a mapped column wins over a
    /// file column that has the canonical name.
    pub fn new(header: &StringRecord, maps: &[(Column, String)]) -> Result<Layout, LayoutError> {
        let header: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = if i == 0 {
                    h.trim_start_matches('\u{feff}')
                } else {
                    h
                };
                h.trim().to_string()
            })
            .collect();
        let mut index = [None; Column::ALL.len()];
        let mut used = vec![false; header.len()];
        for (column, theirs) in maps {
            if index[column.index()].is_some() {
                return Err(LayoutError::Usage(MapProblem::ColumnMappedTwice {
                    column: column.to_string(),
                }));
            }
            let Some(i) = position(&header, theirs) else {
                return Err(LayoutError::Usage(MapProblem::NoSuchColumn {
                    name: column.to_string(),
                    theirs: theirs.clone(),
                    columns: header.join(", "),
                }));
            };
            index[column.index()] = Some(i);
            used[i] = true;
        }
        for (i, h) in header.iter().enumerate() {
            let Some(column) = Column::parse(h) else {
                continue;
            };
            if maps.iter().any(|(c, _)| *c == column) {
                continue;
            }
            if let Some(first) = index[column.index()] {
                return Err(LayoutError::Data(MapProblem::TwoColumns {
                    column: column.to_string(),
                    first: header[first].clone(),
                    second: h.clone(),
                }));
            }
            index[column.index()] = Some(i);
            used[i] = true;
        }
        let ignored = header
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(h, _)| h.clone())
            .collect();
        Ok(Layout {
            index,
            header,
            ignored,
            extras: Vec::new(),
        })
    }

    pub fn has(&self, column: Column) -> bool {
        self.index[column.index()].is_some()
    }

    /// The raw cell of `column` in `row` (None when the file has no such column).
    pub fn raw<'a>(&self, row: &'a StringRecord, column: Column) -> Option<&'a str> {
        self.index[column.index()].and_then(|i| row.get(i))
    }

    /// The cell of `column`, trimmed; empty cells are absent.
    pub fn get<'a>(&self, row: &'a StringRecord, column: Column) -> Option<&'a str> {
        self.raw(row, column)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// How to name a column in a message: `"date" (at)` when mapped, else `"at"`.
    pub fn label(&self, column: Column) -> String {
        match self.index[column.index()].and_then(|i| self.header.get(i)) {
            Some(h) if h == column.name() => format!("{h:?}"),
            Some(h) => format!("{h:?} ({column})"),
            None => format!("{:?}", column.name()),
        }
    }

    /// Places the [`Extra`] columns `--map` named; each becomes read (not "ignored").
    pub fn place_extras(&mut self, extras: &[(Extra, String)]) -> Result<(), LayoutError> {
        for (extra, theirs) in extras {
            if self.extras.iter().any(|(e, _)| e == extra) {
                return Err(LayoutError::Usage(MapProblem::ExtraMappedTwice {
                    name: extra.name(),
                }));
            }
            let Some(i) = self.position(theirs) else {
                return Err(LayoutError::Usage(MapProblem::NoSuchColumn {
                    name: extra.name(),
                    theirs: theirs.clone(),
                    columns: self.header.join(", "),
                }));
            };
            self.mark_read(i);
            self.extras.push((extra.clone(), i));
        }
        Ok(())
    }

    /// The [`Extra`] columns with where each is.
    pub fn extras(&self) -> &[(Extra, usize)] {
        &self.extras
    }

    /// The file's column names, for messages.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The file's name of a column coltiva reads (its own, or the one `--map` gave).
    pub fn their_name(&self, column: Column) -> Option<&str> {
        self.index[column.index()]
            .and_then(|i| self.header.get(i))
            .map(String::as_str)
    }

    /// Where the file's column `name` is (as `--map` finds it: exactly, else ignoring case).
    pub fn position(&self, name: &str) -> Option<usize> {
        position(&self.header, name.trim())
    }

    /// Marks a column of the file as read (by `--id-from`): no longer "ignored".
    pub fn mark_read(&mut self, index: usize) {
        if let Some(h) = self.header.get(index) {
            self.ignored.retain(|i| i != h);
        }
    }
}

/// Where the column `name` is in `header`: exactly, else ignoring case.
fn position(header: &[String], name: &str) -> Option<usize> {
    let exact = header.iter().position(|h| h == name);
    exact.or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fields: &[&str]) -> StringRecord {
        StringRecord::from(fields.to_vec())
    }

    #[test]
    fn maps_win_and_unknown_columns_are_ignored() {
        let header = rec(&["\u{feff}Customer", "date", "at", "extra"]);
        let maps = vec![(Column::At, "date".to_string())];
        let layout = Layout::new(&header, &maps).unwrap();
        let row = rec(&["acme", "2026-01-02", "x", "y"]);
        assert_eq!(layout.get(&row, Column::Customer), Some("acme"));
        assert_eq!(layout.get(&row, Column::At), Some("2026-01-02"));
        assert_eq!(layout.ignored, vec!["at".to_string(), "extra".to_string()]);
        assert_eq!(layout.label(Column::At), "\"date\" (at)");
    }

    #[test]
    fn bad_maps_are_usage_errors() {
        assert!(parse_map("customer").is_err());
        assert!(parse_map("client=customer").is_err());
        assert!(parse_map("customer=").is_err());
        let header = rec(&["a"]);
        let maps = vec![(Column::Customer, "nope".to_string())];
        assert!(matches!(
            Layout::new(&header, &maps),
            Err(LayoutError::Usage(_))
        ));
        let dup = rec(&["at", "AT"]);
        assert!(matches!(Layout::new(&dup, &[]), Err(LayoutError::Data(_))));
    }
}
