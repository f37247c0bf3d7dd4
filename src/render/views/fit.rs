//! How each column of each table gives way in a terminal too narrow for it (`render::table`):
//! declared here, beside the layouts, by table name and column title.

/// How a column gives way in a terminal too narrow for its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Columns of the lowest priority are dropped first (1 first, 9 last).
    pub priority: u8,
    /// Free text, which may be shortened with "…". Numbers, dates, ids, words of the model
    /// and labels never are.
    pub shorten: bool,
}

/// The fit of each column of each table of `views`, by table name and column title.
/// A column not named here (a new table) gets `None`: the table then keeps it at priority 5
/// and shortens it only when it holds free text (text with spaces).
pub fn fit(table: &str, column: &str) -> Option<Fit> {
    let free = |priority| Fit {
        priority,
        shorten: true,
    };
    let whole = |priority| Fit {
        priority,
        shorten: false,
    };
    Some(match (table, column) {
        // Promises: what was promised, to whom and when it is due come first.
        (_, "promise") => whole(9),
        ("promises" | "open_promises" | "overdue" | "due_soon" | "resolved", "customer") => free(5),
        (_, "what") if table != "records" => free(8),
        (_, "due") => whole(8),
        (_, "due in") => whole(7),
        (_, "status") => whole(7),
        (_, "by") => whole(6),
        (_, "resolved") => whole(3),
        (_, "made") => whole(2),
        // Customers: the id (to copy), the name, what is late.
        (_, "id" | "customer" | "file") => whole(9),
        (_, "name") => free(8),
        ("customers", "phase") => whole(7),
        (_, "overdue") => whole(7),
        (_, "last contact") => whole(6),
        (_, "total") => whole(6),
        (_, "days since") => whole(4),
        (_, "cadence") => whole(4),
        (_, "kept us") => whole(4),
        (_, "orders") => whole(3),
        (_, "kept them") => whole(3),
        (_, "last order") => whole(5),
        // show: records and the phase timeline.
        ("records", "at") => whole(9),
        ("records", "what") => whole(8),
        ("records", "details") => free(7),
        (_, "day") => whole(9),
        (_, "to") => whole(8),
        (_, "from") => whole(6),
        (_, "rule") => free(4),
        (_, "note") => free(5),
        // report: kept rates.
        (_, "this period") => whole(8),
        (_, "last 90 days") => whole(7),
        (_, "counts") => free(5),
        (_, "counts (90 days)") => free(4),
        // problems: the file and what is wrong come first.
        ("problems", "problem") => free(8),
        ("problems", "fix") => free(7),
        _ => return None,
    })
}
