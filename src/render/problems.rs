//! The layout of the customer files a report had to leave out (`crate::unreadable`): one
//! table, placed first, in every format that takes a document.

use super::{Cell, Table};
use crate::unreadable::FileProblem;

pub fn table(problems: &[FileProblem]) -> Table {
    Table {
        name: "problems",
        title: format!(
            "Unreadable files: {} (left out below; exit status 1)",
            problems.len()
        ),
        columns: vec!["file", "line", "problem", "fix"],
        rows: problems
            .iter()
            .map(|p| {
                vec![
                    Cell::text(&p.file),
                    Cell::Int(p.line.map(|l| l as i64)),
                    Cell::text(&p.problem),
                    Cell::text(&p.fix),
                ]
            })
            .collect(),
        empty: "",
    }
}
