//! The layout of `coltiva outlook` as a [`Document`]. Values come from the outlook data
//! unchanged; only the number of decimals shown differs between people and machines.

use super::{Block, Cell, Document, Layout, Table, machine_columns};
use crate::i18n::Label;
use crate::model::Amount;
use crate::outlook::{Outlook, SlippingRow};

/// A model figure as text: four decimals in the journal's decimal mark for people, six (as
/// in JSON) for machines.
pub fn figure(value: Option<f64>, layout: Layout) -> Cell {
    match value {
        Some(v) if layout.wide => Cell::text(format!("{v:.6}")),
        Some(v) => Cell::text(layout.style.fixed(v, 4)),
        None if layout.wide => Cell::text(""),
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
pub fn slipping_away(rows: Option<&[SlippingRow]>, layout: Layout) -> Block {
    let Some(rows) = rows else {
        return Block::Text(layout.label(Label::SlippingNoModel).into());
    };
    Block::Table(Table {
        name: "slipping_away",
        title: layout.label(Label::SlippingAway).into(),
        columns: layout.columns(&[
            Label::Customer,
            Label::Name,
            Label::Phase,
            Label::LastPurchase,
            Label::PAlive,
            Label::AtStake,
        ]),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.customer),
                    Cell::text(&r.name),
                    Cell::text(
                        layout
                            .words()
                            .phase(crate::metrics::phase::ShownPhase::Lifecycle(r.phase)),
                    ),
                    Cell::Date(Some(r.last_purchase)),
                    Cell::Rate(Some(r.p_alive)),
                    money(Some(r.value_at_stake)),
                ]
            })
            .collect(),
        empty: layout.label(Label::NoneSlipping),
    })
}

/// Why `data` has no model, in the layout's words: the counts it lacked (read back from its
/// customers), else the fit's own reason.
pub fn no_model(data: &Outlook, layout: Layout) -> Option<String> {
    let reason = data.reason.as_deref()?;
    let customers = data.customers.len();
    let repeat = data.customers.iter().filter(|c| c.x > 0).count();
    let words = layout.words();
    Some(
        if customers < crate::outlook::MIN_CUSTOMERS
            || repeat < crate::outlook::MIN_REPEAT_CUSTOMERS
        {
            words.too_little_history(
                customers,
                repeat,
                crate::outlook::MIN_CUSTOMERS,
                crate::outlook::MIN_REPEAT_CUSTOMERS,
            )
        } else {
            words.no_model(reason.strip_prefix("no model: ").unwrap_or(reason))
        },
    )
}

pub fn outlook(data: &Outlook, layout: Layout) -> Document {
    let wide = layout.wide;
    let words = layout.words();
    let label = |l: Label| layout.label(l).to_string();
    let mut blocks = Vec::new();
    match (&data.model, &data.reason) {
        (Some(m), _) => blocks.push(Block::Facts(vec![
            (label(Label::Model), Cell::text(words.outlook_model())),
            (
                label(Label::FittedTo),
                Cell::text(words.with_a_purchase(m.customers)),
            ),
            ("r".into(), figure(Some(m.r), layout)),
            (label(Label::AlphaDays), figure(Some(m.alpha_days), layout)),
            ("a".into(), figure(Some(m.a), layout)),
            ("b".into(), figure(Some(m.b), layout)),
            (
                label(Label::LogLikelihood),
                figure(Some(m.log_likelihood), layout),
            ),
            (label(Label::HorizonDays), Cell::int(m.horizon_days)),
        ])),
        (None, Some(_)) => blocks.extend(no_model(data, layout).map(Block::Text)),
        (None, None) => {}
    }
    let (title, columns) = if wide {
        (
            "Customers".into(),
            machine_columns(&[
                "id",
                "x",
                "t_x_days",
                "T_days",
                "p_alive",
                "expected_purchases",
                "mean_days_between_purchases",
                "average_order",
                "expected_value",
            ]),
        )
    } else {
        (
            words.outlook_table_title(data.horizon_days),
            layout.columns(&[
                Label::Id,
                Label::Repeat,
                Label::FirstToLast,
                Label::FirstToToday,
                Label::PAlive,
                Label::Expected,
                Label::DaysBetween,
                Label::Average,
                Label::Value,
            ]),
        )
    };
    let rows = data.customers.iter().map(|c| {
        // Machines get the model's figures; people a percentage and two decimals.
        let (p_alive, expected) = if wide {
            (
                figure(c.p_alive, layout),
                figure(c.expected_purchases, layout),
            )
        } else {
            let expected = c.expected_purchases.map(|e| layout.style.fixed(e, 2));
            (
                Cell::Rate(c.p_alive),
                expected.map_or(Cell::Decimal(None), Cell::text),
            )
        };
        vec![
            Cell::text(&c.id),
            Cell::int(c.x),
            Cell::int(c.t_x_days),
            Cell::int(c.t_days),
            p_alive,
            expected,
            Cell::Decimal(c.mean_days_between_purchases),
            money(Some(c.average_order)),
            money(c.expected_value),
        ]
    });
    blocks.push(Block::Table(Table {
        name: "customers",
        title,
        columns,
        rows: rows.collect(),
        empty: layout.label(Label::NoCustomerWithAPurchase),
    }));
    Document {
        title: words.outlook_as_of(data.as_of),
        blocks,
    }
}
