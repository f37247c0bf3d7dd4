//! `coltiva check`: validate the whole journal; exit 1 when anything is wrong.

use crate::app::{Context, print, tell};
use crate::error::{Error, Result};

pub fn run(ctx: &Context) -> Result<()> {
    let journal = match ctx.journal() {
        Ok(journal) => journal,
        Err(e @ Error::Parse { .. }) => {
            print(&format!("{e}\n"))?;
            return Err(Error::Problems(
                "the journal's settings do not parse; fix coltiva.toml first".into(),
            ));
        }
        Err(e) => return Err(e),
    };
    let mut report = crate::check::check_journal(&journal)?;
    let words = crate::app::words(&journal);
    for note in &report.notes {
        tell(&words.check_note(note));
    }
    let stopped = crate::merge::stopped::unmerged(journal.root());
    let problems = &mut report.problems;
    problems.extend(crate::merge::stopped::problems(journal.root(), &stopped));
    problems.sort();
    let mut out = String::new();
    for problem in problems.iter() {
        out.push_str(&crate::text::message(&problem.said(words)));
        out.push('\n');
    }
    print(&out)?;
    if problems.is_empty() {
        tell(&words.checked(
            report.customers,
            report.records,
            &journal.root().display().to_string(),
        ));
        return Ok(());
    }
    let mut paths: Vec<_> = problems.iter().map(|p| &p.path).collect();
    paths.dedup();
    Err(Error::Problems(words.check_found(
        problems.len(),
        paths.len(),
        report.customers,
    )))
}
