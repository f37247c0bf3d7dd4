//! Identity within one import file (docs/IMPORT.md, "Which customer a row belongs to"): rows
//! that would become one customer although they say different things are named and refused,
//! never folded into one silently; `--id-from` makes ids from the columns that tell them apart.

use std::collections::BTreeMap;

use super::rows::RowError;
use crate::i18n::RowProblem;
use crate::ids::{fold_words, slug};

/// Most differing columns named in one message.
const SHOWN_COLUMNS: usize = 2;
/// Most values of one column named in one message.
const SHOWN_VALUES: usize = 6;

/// `--id-from "Ragione sociale,Città"`: the file's columns (by their header) whose cells,
/// joined, make the customer id. Returns the column names, trimmed.
pub fn parse_id_from(arg: &str) -> Result<Vec<String>, String> {
    let columns: Vec<String> = arg
        .split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    if columns.is_empty() {
        return Err(format!(
            "--id-from {arg:?}: name the columns whose cells make the id, separated by commas, e.g. --id-from \"Ragione sociale,Città\""
        ));
    }
    Ok(columns)
}

/// The id made from the cells of `--id-from` (each made into an id as `add` does, joined by
/// dashes, so a legal form in the name does not swallow the city): `Idraulica Bianchi S.n.c.`
/// and `Verona` make `idraulica-bianchi-verona`. An empty cell is an error: the id would not
/// say what the user asked it to say.
pub fn made_id(cells: &[(&str, &str)]) -> Result<String, (String, Box<RowProblem>)> {
    let mut parts = Vec::with_capacity(cells.len());
    for (column, cell) in cells {
        if cell.trim().is_empty() {
            return Err((column.to_string(), Box::new(RowProblem::IdFromEmpty)));
        }
        let part = slug(cell).map_err(|_| {
            (
                column.to_string(),
                Box::new(RowProblem::IdFromNoLetters {
                    cell: cell.to_string(),
                }),
            )
        })?;
        parts.push(part);
    }
    Ok(parts.join("-"))
}

/// One row as the identity check sees it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub line: u64,
    /// The customer id the row resolved to.
    pub id: String,
    /// True when the import would create the customer.
    pub new: bool,
    /// What named the customer: the `customer` cell, or the `--id-from` cells joined.
    pub named: String,
    /// Every cell of a `customer` row (trimmed), to compare rows of one customer; None for
    /// record rows.
    pub cells: Option<Vec<String>>,
}

/// The rows that would become one customer although they differ: different texts making one
/// new id, and `customer` rows of one customer that differ in any cell (a city, a phone).
/// `header` names the file's columns; `customer_column` and `id_from` shape the advice.
pub fn collisions(
    rows: &[Seen],
    header: &[String],
    customer_column: &str,
    id_from: Option<&[String]>,
) -> Vec<RowError> {
    let mut by_id: BTreeMap<&str, Vec<&Seen>> = BTreeMap::new();
    for row in rows {
        by_id.entry(row.id.as_str()).or_default().push(row);
    }
    let mut errors = Vec::new();
    for (id, seen) in by_id {
        // Different texts making one new id ("Rossi Impianti S.r.l." and "Rossi Impianti
        // S.n.c."): two customers, or one written two ways; either way, not a guess to make.
        if seen[0].new {
            let mut texts: Vec<(String, &Seen)> = Vec::new();
            for s in &seen {
                let key = fold_words(&s.named);
                if !texts.iter().any(|(k, _)| *k == key) {
                    texts.push((key, s));
                }
            }
            if texts.len() > 1 {
                errors.push(RowError {
                    line: texts[1].1.line,
                    column: None,
                    problem: Box::new(RowProblem::TextsMakeOneId {
                        texts: texts
                            .iter()
                            .map(|(_, s)| (s.line, s.named.clone()))
                            .collect(),
                        id: id.to_string(),
                    }),
                });
                continue;
            }
        }
        let described: Vec<&Seen> = seen.iter().copied().filter(|s| s.cells.is_some()).collect();
        let Some(first) = described.first() else {
            continue;
        };
        let first_cells = first.cells.as_deref().unwrap_or_default();
        let differ: Vec<&&Seen> = described
            .iter()
            .filter(|s| s.cells.as_deref() != Some(first_cells))
            .collect();
        if differ.is_empty() {
            continue;
        }
        // The columns where the customer rows of this id differ, with their values.
        let mut columns: Vec<(usize, Vec<String>)> = Vec::new();
        for (i, _) in header.iter().enumerate() {
            let mut values: Vec<String> = Vec::new();
            for s in &described {
                let v = s
                    .cells
                    .as_ref()
                    .and_then(|c| c.get(i))
                    .cloned()
                    .unwrap_or_default();
                if !values.contains(&v) {
                    values.push(v);
                }
            }
            if values.len() > 1 {
                columns.push((i, values));
            }
        }
        let lines: Vec<u64> = described.iter().map(|s| s.line).collect();
        let differences: Vec<String> = columns
            .iter()
            .take(SHOWN_COLUMNS)
            .map(|(i, values)| {
                let mut shown: Vec<String> = values
                    .iter()
                    .take(SHOWN_VALUES)
                    .map(|v| format!("{v:?}"))
                    .collect();
                if values.len() > SHOWN_VALUES {
                    shown.push("…".into());
                }
                format!("{:?} ({})", header[*i], shown.join(", "))
            })
            .collect();
        let id_from_advice = columns.first().map(|(i, _)| {
            let telling = header[*i].as_str();
            let mut with: Vec<String> = id_from
                .map(<[String]>::to_vec)
                .unwrap_or_else(|| vec![customer_column.to_string()]);
            if !with.iter().any(|c| c == telling) {
                with.push(telling.to_string());
            }
            with.join(",")
        });
        errors.push(RowError {
            line: first.line,
            column: None,
            problem: Box::new(RowProblem::RowsDiffer {
                lines,
                new: first.new,
                id: id.to_string(),
                named: first.named.clone(),
                differences,
                id_from: id_from_advice,
            }),
        });
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(line: u64, id: &str, named: &str, cells: Option<&[&str]>) -> Seen {
        Seen {
            line,
            id: id.into(),
            new: true,
            named: named.into(),
            cells: cells.map(|c| c.iter().map(|s| s.to_string()).collect()),
        }
    }

    #[test]
    fn made_ids_keep_each_part() {
        assert_eq!(
            made_id(&[
                ("Ragione sociale", "Idraulica Bianchi S.n.c."),
                ("Città", "Verona")
            ])
            .unwrap(),
            "idraulica-bianchi-verona"
        );
        let (column, message) = made_id(&[("a", "Rossi"), ("Città", " ")]).unwrap_err();
        assert_eq!(column, "Città");
        assert!(message.english().contains("empty"), "{message:?}");
        assert!(parse_id_from(" , ").is_err());
        assert_eq!(parse_id_from("A, B").unwrap(), ["A", "B"]);
    }

    #[test]
    fn customer_rows_that_differ_are_named_with_their_differences() {
        let header: Vec<String> = ["Ragione sociale", "Città"].map(String::from).to_vec();
        // A customer row of Idraulica Bianchi in a city.
        let bianchi = |line, city| {
            seen(
                line,
                "ib",
                "Idraulica Bianchi",
                Some(&["Idraulica Bianchi", city]),
            )
        };
        let rows = [
            bianchi(2, "Brescia"),
            seen(3, "other", "Other", Some(&["Other", "Brescia"])),
            bianchi(5, "Verona"),
            seen(6, "ib", "Idraulica Bianchi", None),
        ];
        let errors = collisions(&rows, &header, "Ragione sociale", None);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let m = &errors[0].english();
        assert_eq!(errors[0].line, 2);
        assert!(
            m.contains("lines 2, 5 would all be the one new customer ib"),
            "{m}"
        );
        assert!(
            m.contains("differ in \"Città\" (\"Brescia\", \"Verona\")"),
            "{m}"
        );
        assert!(m.contains("different customers? give --id-from \"Ragione sociale,Città\"; one customer? keep one row"), "{m}");
        // Identical rows are one customer described twice.
        let same = [bianchi(2, "Brescia"), bianchi(3, "Brescia")];
        assert!(collisions(&same, &header, "Ragione sociale", None).is_empty());
    }

    #[test]
    fn different_texts_making_one_new_id_are_named() {
        let rows = [
            seen(2, "rossi", "Rossi S.r.l.", None),
            seen(4, "rossi", "ROSSI  s.r.l.", None),
            seen(7, "rossi", "Rossi S.n.c.", None),
        ];
        let errors = collisions(&rows, &[], "c", None);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 7);
        assert!(
            errors[0]
                .english()
                .starts_with("line 2 \"Rossi S.r.l.\", line 7 \"Rossi S.n.c.\" would all become the one new customer rossi"),
            "{}",
            errors[0].english()
        );
        // An existing customer is found by its rules, not made: no collision here.
        let mut old = rows.clone();
        for r in &mut old {
            r.new = false;
        }
        assert!(collisions(&old, &[], "c", None).is_empty());
    }
}
