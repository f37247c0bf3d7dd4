//! The layout of the customer files a report had to leave out (`crate::unreadable`): one
//! table, placed first, in every format that takes a document.

use super::{Cell, Layout, Table};
use crate::i18n::Label;
use crate::unreadable::FileProblem;

pub fn table(problems: &[FileProblem], layout: Layout) -> Table {
    Table {
        name: "problems",
        title: layout.words().unreadable_files(problems.len()),
        columns: layout.columns(&[Label::File, Label::Line, Label::Problem, Label::Fix]),
        rows: problems
            .iter()
            .map(|p| {
                let (problem, fix) = layout.words().file_problem(&p.damage);
                vec![
                    Cell::text(&p.file),
                    Cell::Int(p.line.map(|l| l as i64)),
                    Cell::text(&problem),
                    Cell::text(&fix),
                ]
            })
            .collect(),
        empty: "",
    }
}
