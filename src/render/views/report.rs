//! The weekly review.

use super::{charts, opt_date, promise_table};
use crate::i18n::words::{counts_brief, payment_brief};
use crate::render::{Block, Cell, Document, Layout, Table};
use crate::report::weekly::WeeklyReport;

/// The weekly review.
pub fn report(r: &WeeklyReport, layout: Layout) -> Document {
    let language = layout.language;
    let rates = &r.kept_rates;
    let mut kept_rows = vec![
        vec![
            Cell::text("us"),
            Cell::Rate(rates.period_us.rate()),
            Cell::text(counts_brief(language, &rates.period_us)),
            Cell::Rate(rates.trailing_us.rate()),
            Cell::text(counts_brief(language, &rates.trailing_us)),
        ],
        vec![
            Cell::text("them"),
            Cell::Rate(rates.period_them.rate()),
            Cell::text(counts_brief(language, &rates.period_them)),
            Cell::Rate(rates.trailing_them.rate()),
            Cell::text(counts_brief(language, &rates.trailing_them)),
        ],
        vec![
            Cell::text("their payments"),
            Cell::Rate(rates.payment_period.counts.rate()),
            Cell::text(payment_brief(language, &rates.payment_period)),
            Cell::Rate(rates.payment_trailing.counts.rate()),
            Cell::text(payment_brief(language, &rates.payment_trailing)),
        ],
    ];
    // Internal customers' rows only in a journal that has some (else two rows of zeros).
    if r.internal_customers > 0 {
        kept_rows.extend([
            vec![
                Cell::text("us (internal)"),
                Cell::Rate(rates.internal.period_us.rate()),
                Cell::text(counts_brief(language, &rates.internal.period_us)),
                Cell::Rate(rates.internal.trailing_us.rate()),
                Cell::text(counts_brief(language, &rates.internal.trailing_us)),
            ],
            vec![
                Cell::text("them (internal)"),
                Cell::Rate(rates.internal.period_them.rate()),
                Cell::text(counts_brief(language, &rates.internal.period_them)),
                Cell::Rate(rates.internal.trailing_them.rate()),
                Cell::text(counts_brief(language, &rates.internal.trailing_them)),
            ],
        ]);
    }
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
                crate::render::count(i64::from(n), "internal customer")
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
    let mut doc = Document {
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
                layout,
                "overdue",
                "Overdue promises (ours first)",
                &r.overdue,
                "no overdue promises",
            )),
            Block::Table(promise_table(
                layout,
                "due_soon",
                "Due in the next 7 days (ours first)",
                &r.due_soon,
                "nothing due in the next 7 days",
            )),
            Block::Table(promise_table(
                layout,
                "resolved",
                "Resolved in the period",
                &r.resolved,
                "no promises resolved in the period",
            )),
            Block::Chart(charts::kept_rates_per_month(&r.charts, language)),
            Block::Table(kept),
            Block::Table(cadence),
            Block::Chart(charts::phase_counts(r, language)),
            Block::Table(phases),
            Block::Table(changes),
            Block::Table(reactivation),
            crate::render::outlook::slipping_away(r.slipping_away.as_deref()),
            Block::Chart(charts::contacts_per_week(&r.charts, language)),
            Block::Table(contacts),
        ],
    };
    // Accounts at risk only when some are: a journal without people reads as before.
    if !r.at_risk.is_empty() {
        let table = Table {
            name: "at_risk",
            title: "Accounts at risk".into(),
            columns: vec!["customer", "name", "why", "last contact"],
            rows: r
                .at_risk
                .iter()
                .map(|a| {
                    vec![
                        Cell::text(&a.customer),
                        Cell::text(&a.name),
                        Cell::text(crate::i18n::text::risk(language, &a.risk)),
                        opt_date(a.last_contact),
                    ]
                })
                .collect(),
            empty: "no account at risk",
        };
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Table(t) if t.name == "past_cadence"))
            .map_or(doc.blocks.len(), |i| i + 1);
        doc.blocks.insert(at, Block::Table(table));
    }
    // A chart of no moves says nothing the table's "no phase changes" does not.
    if !r.phase_changes.is_empty() {
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Table(t) if t.name == "phase_changes"))
            .unwrap_or(doc.blocks.len());
        doc.blocks
            .insert(at, Block::Chart(charts::phase_moves(r, language)));
    }
    // A chart of nobody says nothing the table's "everyone heard from you in time" does not.
    if !r.past_cadence.is_empty() {
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Table(t) if t.name == "past_cadence"))
            .unwrap_or(doc.blocks.len());
        doc.blocks
            .insert(at, Block::Chart(charts::past_cadence(r, language)));
    }
    doc
}
