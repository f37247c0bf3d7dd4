//! How each column of each table gives way in a terminal too narrow for it (`render::table`):
//! declared here, beside the layouts, by table name and column key (its English label).
//!
//! A table first shortens its free text (names and descriptions, with "…") down to each
//! column's `least`, then drops whole columns, lowest priority first; the columns of priority
//! [`ESSENTIAL`] — what a view is for: the id to act on, whom, what to do, when — are never
//! dropped (in a terminal too narrow even for them, their text is shortened further, down to
//! its floor, and below that the table is stacked).

/// The priority of a column a table never drops.
pub const ESSENTIAL: u8 = 9;
/// Columns of this priority or lower are extras: dropped before any free text is shortened.
pub const EXTRA: u8 = 3;

/// How a column gives way in a terminal too narrow for its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Columns of the lowest priority are dropped first (1 first); [`ESSENTIAL`] never.
    pub priority: u8,
    /// Free text, which may be shortened with "…". Numbers, dates, ids, words of the model
    /// and labels never are.
    pub shorten: bool,
    /// Free text is shortened to this many columns before any column is dropped (0: the
    /// table's default).
    pub least: usize,
    /// When only essential columns are left and they still do not fit, free text is
    /// shortened further, down to this (0: the table's default); below it the table is
    /// stacked instead. A text that says nothing shorter (a record's details, a problem's
    /// fix) has its floor at its least.
    pub floor: usize,
}

/// The fit of each column of each table of `views`, by table name and column title.
/// A column not named here (a new table) gets `None`: the table then keeps it at priority 5
/// and shortens it only when it holds free text (text with spaces).
pub fn fit(table: &str, column: &str) -> Option<Fit> {
    let free = |priority, least| Fit {
        priority,
        shorten: true,
        least,
        floor: 0,
    };
    let firm = |priority, least| Fit {
        priority,
        shorten: true,
        least,
        floor: least,
    };
    let whole = |priority| Fit {
        priority,
        shorten: false,
        least: 0,
        floor: 0,
    };
    const PROMISES: [&str; 5] = [
        "promises",
        "open_promises",
        "overdue",
        "due_soon",
        "resolved",
    ];
    Some(match (table, column) {
        // The agenda, a to-do list: when, do what, for whom, what.
        ("agenda", "when" | "do") => whole(ESSENTIAL),
        ("agenda", "customer") => free(ESSENTIAL, 16),
        ("agenda", "what") => free(ESSENTIAL, 20),
        ("agenda", "promise") => whole(7),
        ("agenda", "due") => whole(6),
        ("agenda", "whom") => free(8, 24),
        // Promises: the id to act on, whose, what was promised and when it is due come first.
        (_, "promise") => whole(ESSENTIAL),
        ("open_promises", "customer") => free(1, 0),
        (t, "customer") if PROMISES.contains(&t) => free(ESSENTIAL, 12),
        (t, "what") if PROMISES.contains(&t) => free(ESSENTIAL, 16),
        (_, "due") => whole(8),
        (_, "status") => whole(7),
        ("kept_rates", "by") => whole(ESSENTIAL),
        (_, "by") => whole(6),
        (_, "due in") => whole(5),
        (_, "resolved") => whole(3),
        (_, "made") => whole(2),
        // report --by: the group, its size and what is late.
        ("groups", "value") => free(ESSENTIAL, 12),
        ("groups", "customers") => whole(8),
        ("groups", "past cadence") => whole(8),
        ("groups", "order total") => whole(7),
        ("groups", "kept (us)") => whole(7),
        ("groups", "kept (them)") => whole(6),
        ("groups", "contacts") => whole(5),
        ("groups", "orders") => whole(4),
        ("groups", "kept (us, 90 days)") => whole(3),
        ("groups", "kept (them, 90 days)") => whole(2),
        // outlook: who, how likely alive, what to expect.
        ("customers", "P(alive)") => whole(8),
        ("customers", "expected") => whole(8),
        ("customers", "value") => whole(7),
        ("customers", "repeat") => whole(6),
        ("customers", "average") => whole(5),
        ("customers", "days between") => whole(4),
        ("customers", "first→today") => whole(3),
        ("customers", "first→last") => whole(2),
        ("slipping_away", "at stake (90 days)") => whole(8),
        (_, "P(alive)") => whole(8),
        (_, "last purchase") => whole(6),
        // People: whom (the id `--with` takes), how to reach them, when last spoken with.
        ("people", "person") => whole(ESSENTIAL),
        ("people", "name") => free(8, 12),
        ("people", "role") => free(6, 8),
        ("people", "email") => free(5, 12),
        ("people", "phone") => whole(4),
        ("people", "last contact") => whole(7),
        ("people", "days since") => whole(5),
        ("people", "left") => whole(6),
        ("customers", "at risk") => free(8, 12),
        ("at_risk", "why") => free(ESSENTIAL, 16),
        ("at_risk", "whom") => free(7, 12),
        // Customers: the id (to copy), the name, what is late.
        (_, "id" | "customer" | "file") => whole(ESSENTIAL),
        ("customers", "name") => free(8, 0),
        (_, "name") => free(5, 0),
        ("customers", "phase") => whole(7),
        (_, "phase") => whole(4),
        (_, "overdue") => whole(8),
        (_, "last contact") => whole(6),
        (_, "total") => whole(6),
        (_, "days since") => whole(4),
        (_, "cadence") => whole(4),
        (_, "kept us") => whole(4),
        (_, "orders") => whole(3),
        (_, "kept them") => whole(3),
        (_, "last order") => whole(5),
        // show: records and the phase timeline.
        ("records", "at") => whole(ESSENTIAL),
        ("records", "what") => whole(ESSENTIAL),
        ("records", "details") => firm(ESSENTIAL, 16),
        // search: whose, when, and the text found (what kind of record gives way first).
        ("search", "text") => firm(ESSENTIAL, 20),
        ("search", "what") => whole(6),
        // mail: what became of each message, and why not.
        ("mail", "outcome") => whole(ESSENTIAL),
        ("mail", "subject") => free(ESSENTIAL, 16),
        ("mail", "why") => firm(8, 24),
        ("mail", "from") => free(6, 12),
        (_, "day") => whole(ESSENTIAL),
        (_, "to") => whole(8),
        (_, "from") => whole(6),
        (_, "rule") => free(4, 0),
        (_, "note") => free(5, 0),
        // report: kept rates.
        (_, "this period") => whole(8),
        (_, "last 90 days") => whole(7),
        (_, "counts") => free(5, 0),
        (_, "counts (90 days)") => free(4, 0),
        // problems: the file and what is wrong come first.
        ("problems", "problem") => firm(ESSENTIAL, 16),
        ("problems", "fix") => firm(ESSENTIAL, 16),
        ("problems", "line") => whole(6),
        _ => return None,
    })
}
