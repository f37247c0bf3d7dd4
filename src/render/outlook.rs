//! The layout of `coltiva outlook` as a [`Document`]. Values come from the outlook data
//! unchanged; only the number of decimals shown differs between people and machines.

use super::{Block, Cell, Document, Table};
use crate::i18n::text;
use crate::model::Amount;
use crate::outlook::{Outlook, SlippingRow};

/// A model figure as text: four decimals for people, six (as in JSON) for machines.
pub fn figure(value: Option<f64>, wide: bool) -> Cell {
    match value {
        Some(v) if wide => Cell::text(format!("{v:.6}")),
        Some(v) => Cell::text(format!("{v:.4}")),
        None if wide => Cell::text(""),
        None => Cell::text("–"),
    }
}

/// A derived amount (an average, an expected value), rounded to the cent as JSON rounds it, so
/// that people see it in the journal's money style and CSV prints the JSON's figure.
fn money(value: Option<f64>) -> Cell {
    match value {
        Some(v) => Cell::Money(Amount::from_cents(
            (crate::report::round2(v) * 100.0).round() as i64,
        )),
        None => Cell::Decimal(None),
    }
}

/// The report's "slipping away" section; without a model, one sentence saying so.
pub fn slipping_away(rows: Option<&[SlippingRow]>) -> Block {
    let Some(rows) = rows else {
        return Block::Text(
            "Slipping away: no outlook model for this journal yet (see `coltiva outlook`)".into(),
        );
    };
    Block::Table(Table {
        name: "slipping_away",
        title: "Slipping away: not lost yet, P(alive) below 50% (most at stake first)".into(),
        columns: vec![
            "customer",
            "name",
            "phase",
            "last purchase",
            "P(alive)",
            "at stake (90 days)",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.customer),
                    Cell::text(&r.name),
                    Cell::text(r.phase.as_str()),
                    Cell::Date(Some(r.last_purchase)),
                    Cell::Rate(Some(r.p_alive)),
                    money(Some(r.value_at_stake)),
                ]
            })
            .collect(),
        empty: "no customer slipping away",
    })
}

pub fn outlook(data: &Outlook, layout: super::Layout) -> Document {
    let wide = layout.wide;
    let mut blocks = Vec::new();
    match (&data.model, &data.reason) {
        (Some(m), _) => blocks.push(Block::Facts(vec![
            (
                "model".into(),
                Cell::text(text::outlook_model(layout.language)),
            ),
            (
                "fitted to".into(),
                Cell::text(text::with_a_purchase(layout.language, m.customers)),
            ),
            ("r".into(), figure(Some(m.r), wide)),
            ("alpha (days)".into(), figure(Some(m.alpha_days), wide)),
            ("a".into(), figure(Some(m.a), wide)),
            ("b".into(), figure(Some(m.b), wide)),
            (
                "log-likelihood".into(),
                figure(Some(m.log_likelihood), wide),
            ),
            ("horizon (days)".into(), Cell::int(m.horizon_days)),
        ])),
        (None, Some(reason)) => blocks.push(Block::Text(reason.clone())),
        (None, None) => {}
    }
    let horizon = data.horizon_days;
    let table = if wide {
        Table {
            name: "customers",
            title: "Customers".into(),
            columns: vec![
                "id",
                "x",
                "t_x_days",
                "T_days",
                "p_alive",
                "expected_purchases",
                "mean_days_between_purchases",
                "average_order",
                "expected_value",
            ],
            rows: data
                .customers
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(&c.id),
                        Cell::int(c.x),
                        Cell::int(c.t_x_days),
                        Cell::int(c.t_days),
                        figure(c.p_alive, true),
                        figure(c.expected_purchases, true),
                        Cell::Decimal(c.mean_days_between_purchases),
                        money(Some(c.average_order)),
                        money(c.expected_value),
                    ]
                })
                .collect(),
            empty: "no customer with a purchase",
        }
    } else {
        Table {
            name: "customers",
            title: text::outlook_table_title(layout.language, horizon),
            columns: vec![
                "id",
                "repeat",
                "first→last",
                "first→today",
                "P(alive)",
                "expected",
                "days between",
                "average",
                "value",
            ],
            rows: data
                .customers
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(&c.id),
                        Cell::int(c.x),
                        Cell::int(c.t_x_days),
                        Cell::int(c.t_days),
                        Cell::Rate(c.p_alive),
                        match c.expected_purchases {
                            Some(e) => Cell::text(format!("{e:.2}")),
                            None => Cell::Decimal(None),
                        },
                        Cell::Decimal(c.mean_days_between_purchases),
                        money(Some(c.average_order)),
                        money(c.expected_value),
                    ]
                })
                .collect(),
            empty: "no customer with a purchase",
        }
    };
    blocks.push(Block::Table(table));
    Document {
        title: format!("Outlook as of {}", data.as_of),
        blocks,
    }
}
