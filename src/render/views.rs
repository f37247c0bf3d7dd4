//! The layout of each report as a [`Document`]: which columns, in which order, under which
//! titles. Values come from the report data unchanged.

use super::{Block, Cell, Document, Table};
use crate::metrics::promises::KeptCounts;
use crate::report::customer::CustomerDetail;
use crate::report::list::CustomerSummary;
use crate::report::promises::PromiseRow;
use crate::report::weekly::WeeklyReport;

fn opt_date(d: Option<chrono::NaiveDate>) -> Cell {
    Cell::Date(d)
}

/// "3/4 kept (1 late, 0 broken, 0 overdue)" style summary of a KeptCounts, for facts.
fn kept_summary(c: &KeptCounts) -> String {
    let rate = Cell::Rate(c.rate()).human();
    format!(
        "{rate} ({} kept, {} late, {} broken, {} overdue; {} open, {} cancelled)",
        c.kept, c.late, c.broken, c.overdue, c.open, c.cancelled
    )
}

/// `coltiva list`. The wide layout (CSV) carries every field of the JSON, flattened.
pub fn list(rows: &[CustomerSummary], as_of: chrono::NaiveDate, wide: bool) -> Document {
    let table = if wide {
        Table {
            name: "customers",
            title: "Customers".into(),
            columns: vec![
                "id",
                "name",
                "kind",
                "phase",
                "phase_rule",
                "phase_since",
                "tags",
                "since",
                "orders",
                "order_total",
                "first_order",
                "last_order",
                "first_contact",
                "last_contact",
                "contact_days",
                "days_since_contact",
                "mean_gap_days",
                "max_gap_days",
                "cadence_days",
                "cadence_source",
                "overdue_days",
                "us_kept",
                "us_late",
                "us_broken",
                "us_overdue",
                "us_open",
                "us_cancelled",
                "us_rate",
                "them_kept",
                "them_late",
                "them_broken",
                "them_overdue",
                "them_open",
                "them_cancelled",
                "them_rate",
            ],
            rows: rows
                .iter()
                .map(|s| {
                    let mut row = vec![
                        Cell::text(&s.id),
                        Cell::text(&s.name),
                        Cell::text(s.kind.as_str()),
                        Cell::text(s.phase.as_str()),
                        Cell::text(s.phase_rule.as_str()),
                        Cell::Date(Some(s.phase_since)),
                        Cell::text(s.tags.join(";")),
                        opt_date(s.since),
                        Cell::int(s.orders),
                        Cell::Money(s.order_total),
                        opt_date(s.first_order),
                        opt_date(s.last_order),
                        opt_date(s.first_contact),
                        opt_date(s.last_contact),
                        Cell::int(s.contact_days),
                        Cell::Int(s.days_since_contact),
                        Cell::Decimal(s.mean_gap_days),
                        Cell::Int(s.max_gap_days),
                        Cell::int(s.cadence_days),
                        Cell::text(&s.cadence_source),
                        Cell::int(s.overdue_days),
                    ];
                    for c in [&s.promises_us, &s.promises_them] {
                        row.extend([
                            Cell::int(c.kept),
                            Cell::int(c.late),
                            Cell::int(c.broken),
                            Cell::int(c.overdue),
                            Cell::int(c.open),
                            Cell::int(c.cancelled),
                            Cell::Rate(c.rate()),
                        ]);
                    }
                    row
                })
                .collect(),
            empty: "no customers",
        }
    } else {
        Table {
            name: "customers",
            title: format!("Customers as of {as_of}"),
            columns: vec![
                "id",
                "name",
                "phase",
                "orders",
                "total",
                "last contact",
                "days since",
                "cadence",
                "overdue",
                "kept us",
                "kept them",
            ],
            rows: rows
                .iter()
                .map(|s| {
                    vec![
                        Cell::text(&s.id),
                        Cell::text(&s.name),
                        Cell::text(s.phase.as_str()),
                        Cell::int(s.orders),
                        Cell::Money(s.order_total),
                        opt_date(s.last_contact),
                        Cell::Int(s.days_since_contact),
                        Cell::int(s.cadence_days),
                        Cell::int(s.overdue_days),
                        Cell::Rate(s.promises_us.rate()),
                        Cell::Rate(s.promises_them.rate()),
                    ]
                })
                .collect(),
            empty: "no customers match",
        }
    };
    if wide {
        return Document {
            title: "Customers".into(),
            blocks: vec![Block::Table(table)],
        };
    }
    Document {
        title: format!("coltiva — {}", super::count(rows.len() as i64, "customer")),
        blocks: vec![Block::Table(table)],
    }
}

fn promise_table(
    name: &'static str,
    title: impl Into<String>,
    rows: &[PromiseRow],
    empty: &'static str,
) -> Table {
    Table {
        name,
        title: title.into(),
        columns: vec![
            "promise", "customer", "by", "what", "made", "due", "status", "resolved", "due in",
        ],
        rows: rows
            .iter()
            .map(|r| {
                let days = r.days_overdue.map(|d| -d).or(r.days_left);
                vec![
                    Cell::text(format!("{}/{}", r.customer, r.id)),
                    Cell::text(&r.customer_name),
                    Cell::text(r.by.as_str()),
                    Cell::text(&r.what),
                    Cell::Date(Some(r.made)),
                    Cell::Date(Some(r.current_due)),
                    Cell::text(r.status.as_str()),
                    opt_date(r.resolved_on),
                    Cell::Int(days),
                ]
            })
            .collect(),
        empty,
    }
}

/// `coltiva promises`. "due in" is days left until the due date, negative when overdue.
pub fn promises(rows: &[PromiseRow], as_of: chrono::NaiveDate, wide: bool) -> Document {
    if wide {
        let table = Table {
            name: "promises",
            title: "Promises".into(),
            columns: vec![
                "customer",
                "customer_name",
                "id",
                "by",
                "what",
                "made",
                "due",
                "current_due",
                "status",
                "resolved_on",
                "renegotiations",
                "days_overdue",
                "days_left",
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.customer),
                        Cell::text(&r.customer_name),
                        Cell::text(&r.id),
                        Cell::text(r.by.as_str()),
                        Cell::text(&r.what),
                        Cell::Date(Some(r.made)),
                        Cell::Date(Some(r.due)),
                        Cell::Date(Some(r.current_due)),
                        Cell::text(r.status.as_str()),
                        opt_date(r.resolved_on),
                        Cell::int(r.renegotiations),
                        Cell::Int(r.days_overdue),
                        Cell::Int(r.days_left),
                    ]
                })
                .collect(),
            empty: "no promises",
        };
        return Document {
            title: "Promises".into(),
            blocks: vec![Block::Table(table)],
        };
    }
    Document {
        title: format!(
            "coltiva — {} as of {as_of}",
            super::count(rows.len() as i64, "promise")
        ),
        blocks: vec![Block::Table(promise_table(
            "promises",
            "Promises",
            rows,
            "no promises match",
        ))],
    }
}

/// `coltiva show`.
pub fn show(d: &CustomerDetail) -> Document {
    let s = &d.summary;
    let mut facts = vec![
        ("id".to_string(), Cell::text(&s.id)),
        ("kind".to_string(), Cell::text(s.kind.as_str())),
        ("since".to_string(), opt_date(s.since)),
        ("tags".to_string(), Cell::text(s.tags.join(", "))),
    ];
    for (key, value) in &d.attributes {
        facts.push((key.clone(), Cell::text(value)));
    }
    facts.extend([
        (
            "phase".to_string(),
            Cell::text(format!("{} since {}", s.phase, s.phase_since)),
        ),
        ("because".to_string(), Cell::text(&d.phase_receipt)),
        (
            "orders".to_string(),
            Cell::text(format!(
                "{} totalling {} (first {}, last {})",
                s.orders,
                s.order_total,
                opt_date(s.first_order).human(),
                opt_date(s.last_order).human()
            )),
        ),
        (
            "last contact".to_string(),
            Cell::text(match (s.last_contact, s.days_since_contact) {
                (Some(day), Some(days)) => format!("{day} ({} ago)", super::count(days, "day")),
                (None, Some(days)) => {
                    format!("never ({} since the start)", super::count(days, "day"))
                }
                _ => "never".to_string(),
            }),
        ),
        (
            "cadence".to_string(),
            Cell::text(format!(
                "every {} ({}); {}",
                super::count(s.cadence_days, "day"),
                s.cadence_source,
                if s.overdue_days > 0 {
                    format!("{} overdue", super::count(s.overdue_days, "day"))
                } else {
                    "on time".to_string()
                }
            )),
        ),
        (
            "contacts".to_string(),
            Cell::text(format!(
                "{} with contact; mean gap {} days, longest {}",
                super::count(s.contact_days, "day"),
                Cell::Decimal(s.mean_gap_days).human(),
                Cell::Int(s.max_gap_days).human()
            )),
        ),
        (
            "our promises".to_string(),
            Cell::text(kept_summary(&s.promises_us)),
        ),
        (
            "their promises".to_string(),
            Cell::text(kept_summary(&s.promises_them)),
        ),
        (
            format!("rhythm ({} weeks)", d.weekly_contacts.len()),
            Cell::Spark(d.weekly_contacts.clone()),
        ),
    ]);
    let open: Vec<PromiseRow> = d
        .promises
        .iter()
        .filter(|p| p.is_unresolved())
        .cloned()
        .collect();
    let timeline = Table {
        name: "phase_timeline",
        title: "Phase timeline".into(),
        columns: vec!["day", "from", "to", "rule", "note"],
        rows: d
            .phase_timeline
            .iter()
            .map(|c| {
                vec![
                    Cell::Date(Some(c.day)),
                    Cell::text(c.from.map(|p| p.as_str()).unwrap_or("")),
                    Cell::text(c.to.as_str()),
                    Cell::text(c.rule.as_str()),
                    Cell::text(if c.won_back { "won back" } else { "" }),
                ]
            })
            .collect(),
        empty: "no phase yet",
    };
    let records_title = if d.records.len() < d.records_total {
        format!(
            "Last {} of {} records (--all for every one)",
            d.records.len(),
            d.records_total
        )
    } else {
        format!("Records ({})", d.records_total)
    };
    let records = Table {
        name: "records",
        title: records_title,
        columns: vec!["at", "what", "details"],
        rows: d
            .records
            .iter()
            .map(|r| vec![Cell::text(&r.at), Cell::text(&r.label), Cell::text(&r.text)])
            .collect(),
        empty: "no records yet",
    };
    Document {
        title: format!("{} — as of {}", s.name, d.as_of),
        blocks: vec![
            Block::Facts(facts),
            Block::Table(timeline),
            Block::Table(promise_table(
                "open_promises",
                "Open promises",
                &open,
                "no open promises",
            )),
            Block::Table(records),
        ],
    }
}

/// The weekly review.
pub fn report(r: &WeeklyReport) -> Document {
    let rates = &r.kept_rates;
    let kept_rows = vec![
        vec![
            Cell::text("us"),
            Cell::Rate(rates.period_us.rate()),
            Cell::text(counts_brief(&rates.period_us)),
            Cell::Rate(rates.trailing_us.rate()),
            Cell::text(counts_brief(&rates.trailing_us)),
        ],
        vec![
            Cell::text("them"),
            Cell::Rate(rates.period_them.rate()),
            Cell::text(counts_brief(&rates.period_them)),
            Cell::Rate(rates.trailing_them.rate()),
            Cell::text(counts_brief(&rates.trailing_them)),
        ],
    ];
    let trailing_label: &'static str = "last 90 days";
    let kept = Table {
        name: "kept_rates",
        title: "Promise-kept rates (promises due in the window)".into(),
        columns: vec![
            "by",
            "this period",
            "counts",
            trailing_label,
            "counts (90 days)",
        ],
        rows: kept_rows,
        empty: "",
    };
    let cadence = Table {
        name: "past_cadence",
        title: "Past their cadence (most overdue first)".into(),
        columns: vec![
            "customer",
            "name",
            "phase",
            "last contact",
            "days since",
            "cadence",
            "overdue",
        ],
        rows: r
            .past_cadence
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.customer),
                    Cell::text(&c.name),
                    Cell::text(c.phase.as_str()),
                    opt_date(c.last_contact),
                    Cell::Int(c.days_since_contact),
                    Cell::int(c.cadence_days),
                    Cell::int(c.overdue_days),
                ]
            })
            .collect(),
        empty: "everyone heard from you in time",
    };
    let phases = Table {
        name: "phase_counts",
        title: match r.internal_customers {
            0 => "Customers by phase".to_string(),
            n => format!(
                "Customers by phase (external; {} not counted)",
                super::count(i64::from(n), "internal customer")
            ),
        },
        columns: r.phase_counts.keys().map(|p| p.as_str()).collect(),
        rows: vec![r.phase_counts.values().map(|n| Cell::int(*n)).collect()],
        empty: "",
    };
    let changes = Table {
        name: "phase_changes",
        title: {
            let c = &r.phase_change_counts;
            let mut title = format!(
                "Phase changes in the period: {} new, {} acquired, {} lost, {} won back",
                c.new_customers, c.acquisitions, c.losses, c.win_backs
            );
            if c.partners > 0 {
                title.push_str(&format!(", {} partner", c.partners));
            }
            if c.other > 0 {
                title.push_str(&format!(", {} other", c.other));
            }
            title
        },
        columns: vec!["day", "customer", "name", "from", "to", "note"],
        rows: r
            .phase_changes
            .iter()
            .map(|c| {
                vec![
                    Cell::Date(Some(c.day)),
                    Cell::text(&c.customer),
                    Cell::text(&c.name),
                    Cell::text(c.from.map(|p| p.as_str()).unwrap_or("")),
                    Cell::text(c.to.as_str()),
                    Cell::text(if c.won_back { "won back" } else { "" }),
                ]
            })
            .collect(),
        empty: "no phase changes",
    };
    let reactivation = Table {
        name: "reactivation",
        title: "Lost customers worth a call (highest order total first)".into(),
        columns: vec![
            "customer",
            "name",
            "last order",
            "orders",
            "total",
            "last contact",
        ],
        rows: r
            .reactivation
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.customer),
                    Cell::text(&c.name),
                    opt_date(c.last_order),
                    Cell::int(c.orders),
                    Cell::Money(c.order_total),
                    opt_date(c.last_contact),
                ]
            })
            .collect(),
        empty: "no lost customers",
    };
    let mut channel_rows: Vec<Vec<Cell>> = r
        .contacts_by_channel
        .iter()
        .map(|(channel, n)| vec![Cell::text(channel), Cell::int(*n)])
        .collect();
    channel_rows.push(vec![Cell::text("total"), Cell::int(r.contacts_total)]);
    let contacts = Table {
        name: "contacts",
        title: "Contacts in the period".into(),
        columns: vec!["channel", "contacts"],
        rows: channel_rows,
        empty: "",
    };
    Document {
        title: format!(
            "Weekly review {} – {} (as of {})",
            r.period.since, r.period.until, r.as_of
        ),
        blocks: vec![
            Block::Facts(vec![
                ("customers".into(), Cell::int(r.customers)),
                ("overdue promises".into(), Cell::int(r.overdue.len() as i64)),
                (
                    "due in the next 7 days".into(),
                    Cell::int(r.due_soon.len() as i64),
                ),
                (
                    "past their cadence".into(),
                    Cell::int(r.past_cadence.len() as i64),
                ),
            ]),
            Block::Table(promise_table(
                "overdue",
                "Overdue promises (ours first)",
                &r.overdue,
                "no overdue promises",
            )),
            Block::Table(promise_table(
                "due_soon",
                "Due in the next 7 days (ours first)",
                &r.due_soon,
                "nothing due in the next 7 days",
            )),
            Block::Table(promise_table(
                "resolved",
                "Resolved in the period",
                &r.resolved,
                "no promises resolved in the period",
            )),
            Block::Table(kept),
            Block::Table(cadence),
            Block::Table(phases),
            Block::Table(changes),
            Block::Table(reactivation),
            Block::Table(contacts),
        ],
    }
}

fn counts_brief(c: &KeptCounts) -> String {
    format!(
        "{}/{} kept, {} late, {} broken, {} overdue",
        c.kept,
        c.kept + c.late + c.broken + c.overdue,
        c.late,
        c.broken,
        c.overdue
    )
}

/// How a column gives way in a terminal too narrow for its table (`render::table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Columns of the lowest priority are dropped first (1 first, 9 last).
    pub priority: u8,
    /// Free text, which may be shortened with "…". Numbers, dates, ids, words of the model
    /// and labels never are.
    pub shorten: bool,
}

/// The fit of each column of each table above, by table name and column title.
pub fn fit(table: &str, column: &str) -> Fit {
    let free = |priority| Fit {
        priority,
        shorten: true,
    };
    let whole = |priority| Fit {
        priority,
        shorten: false,
    };
    match (table, column) {
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
        _ => whole(5),
    }
}
