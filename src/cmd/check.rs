//! `coltiva check`: validate the whole journal; exit 1 when anything is wrong.

use crate::app::{Context, print, tell};
use crate::error::{Error, Result};
use crate::render::count;

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
    for note in &report.notes {
        tell(note);
    }
    let stopped = crate::merge::stopped::unmerged(journal.root());
    let problems = &mut report.problems;
    problems.extend(crate::merge::stopped::problems(journal.root(), &stopped));
    problems.sort();
    let mut out = String::new();
    for problem in problems.iter() {
        out.push_str(&crate::text::message(&problem.to_string()));
        out.push('\n');
    }
    print(&out)?;
    let customers = count(report.customers as i64, "customer");
    if problems.is_empty() {
        tell(&format!(
            "checked {customers} and {} in {}: no problems",
            count(report.records as i64, "record"),
            journal.root().display()
        ));
        return Ok(());
    }
    let mut paths: Vec<_> = problems.iter().map(|p| &p.path).collect();
    paths.dedup();
    Err(Error::Problems(format!(
        "{} in {} (of {customers})",
        count(problems.len() as i64, "problem"),
        count(paths.len() as i64, "file"),
    )))
}
