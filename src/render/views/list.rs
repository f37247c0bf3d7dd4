//! `coltiva list`.

use super::opt_date;
use crate::i18n::Label;
use crate::metrics::people::Risk;
use crate::render::{Block, Cell, Document, Layout, Table, machine_columns};
use crate::report::list::CustomerSummary;

/// `coltiva list`. The wide layout (CSV) carries every field of the JSON, flattened.
pub fn list(rows: &[CustomerSummary], as_of: chrono::NaiveDate, layout: Layout) -> Document {
    let wide = layout.wide;
    let mut table = if wide {
        Table {
            name: "customers",
            title: "Customers".into(),
            columns: machine_columns(&[
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
                "pay_kept",
                "pay_late",
                "pay_broken",
                "pay_overdue",
                "pay_open",
                "pay_cancelled",
                "pay_rate",
                "pay_mean_days_late",
                "p_alive",
                "expected_purchases_90d",
                "at_risk",
            ]),
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
                        Cell::Mean(s.mean_gap_days),
                        Cell::Int(s.max_gap_days),
                        Cell::int(s.cadence_days),
                        Cell::text(&s.cadence_source),
                        Cell::int(s.overdue_days),
                    ];
                    for c in [
                        &s.promises_us,
                        &s.promises_them,
                        &s.payment_punctuality.counts,
                    ] {
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
                    row.push(Cell::Mean(s.payment_punctuality.mean_days_late));
                    row.extend([
                        crate::render::outlook::figure(s.p_alive, layout),
                        crate::render::outlook::figure(s.expected_purchases_90d, layout),
                        Cell::text(s.at_risk.as_ref().map(Risk::describe).unwrap_or_default()),
                    ]);
                    row
                })
                .collect(),
            empty: layout.label(Label::NoCustomers),
        }
    } else {
        Table {
            name: "customers",
            title: layout.words().customers_as_of(as_of),
            columns: layout.columns(&[
                Label::Id,
                Label::Name,
                Label::Phase,
                Label::Orders,
                Label::Total,
                Label::LastContact,
                Label::DaysSince,
                Label::Cadence,
                Label::Overdue,
                Label::KeptUs,
                Label::KeptThem,
            ]),
            rows: rows
                .iter()
                .map(|s| {
                    vec![
                        Cell::text(&s.id),
                        Cell::text(&s.name),
                        Cell::text(layout.words().phase(s.phase)),
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
            empty: layout.label(Label::NoCustomersMatch),
        }
    };
    // People only where some account is at risk: a journal without people reads as before.
    if !wide && rows.iter().any(|s| s.at_risk.is_some()) {
        table.columns.push(layout.column(Label::AtRisk));
        for (row, s) in table.rows.iter_mut().zip(rows) {
            let why = s.at_risk.as_ref().map(|r| layout.words().at_risk(r));
            row.push(Cell::text(why.unwrap_or_default()));
        }
    }
    let title = match wide {
        true => "Customers".into(),
        false => layout.words().customers_title(rows.len()),
    };
    Document {
        title,
        blocks: vec![Block::Table(table)],
    }
}
