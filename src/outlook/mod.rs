//! The outlook (PRODUCT.md §8.7, docs/OUTLOOK.md): a BG/NBD model fitted to the purchase
//! histories of the external customers as of a day, and what it says about each of them —
//! the probability that the customer is still active and the purchases to expect.
//!
//! Pure functions, like the reports: customers and the as-of day in, report data out.

pub mod bgnbd;
pub mod hyp2f1;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Customer, Kind};
use bgnbd::{History, Params};

/// The default horizon of `expected_purchases`, in days.
pub const DEFAULT_HORIZON_DAYS: u32 = 90;

/// Fewest customers with a purchase for a fit: four parameters from fewer histories than this
/// would describe the noise, not the customers.
pub const MIN_CUSTOMERS: usize = 20;
/// Fewest customers who bought on two or more days: only they tell the model how often
/// customers buy and when they stop.
pub const MIN_REPEAT_CUSTOMERS: usize = 5;

/// One customer's purchases as of a day, reduced to what the model needs.
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseHistory {
    pub id: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Distinct days with a purchase.
    pub days: u32,
    /// The sum of the purchases, in cents.
    pub total_cents: i128,
}

impl PurchaseHistory {
    /// The history of an external customer with at least one purchase on or before `as_of`.
    /// A purchase is an order of zero or more (§8.3): credit notes are left out.
    pub fn of(customer: &Customer, as_of: NaiveDate) -> Option<PurchaseHistory> {
        if customer.header.kind != Kind::External {
            return None;
        }
        let mut days: Vec<NaiveDate> = Vec::new();
        let mut total_cents = 0_i128;
        for order in &customer.orders {
            let day = order.at.day();
            if order.amount.cents >= 0 && day <= as_of {
                days.push(day);
                total_cents += order.amount.cents;
            }
        }
        days.sort_unstable();
        days.dedup();
        Some(PurchaseHistory {
            id: customer.id.clone(),
            first: *days.first()?,
            last: *days.last()?,
            days: u32::try_from(days.len()).unwrap_or(u32::MAX),
            total_cents,
        })
    }

    /// (x, t_x, T) in days as of `as_of`.
    pub fn model_history(&self, as_of: NaiveDate) -> History {
        History {
            x: self.days - 1,
            t_x: (self.last - self.first).num_days() as f64,
            t: (as_of - self.first).num_days() as f64,
        }
    }
}

/// The fitted model as `outlook --format json` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    #[serde(serialize_with = "round6")]
    pub r: f64,
    #[serde(serialize_with = "round6")]
    pub alpha_days: f64,
    #[serde(serialize_with = "round6")]
    pub a: f64,
    #[serde(serialize_with = "round6")]
    pub b: f64,
    #[serde(serialize_with = "round4")]
    pub log_likelihood: f64,
    /// The customers the model was fitted to.
    pub customers: usize,
    pub horizon_days: u32,
}

impl Model {
    pub fn params(&self) -> Params {
        Params {
            r: self.r,
            alpha: self.alpha_days,
            a: self.a,
            b: self.b,
        }
    }
}

/// One customer's outlook. The model's figures are `None` when there is no model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerOutlook {
    pub id: String,
    pub x: u32,
    pub t_x_days: u32,
    #[serde(rename = "T_days")]
    pub t_days: u32,
    #[serde(serialize_with = "round6_opt")]
    pub p_alive: Option<f64>,
    #[serde(serialize_with = "round6_opt")]
    pub expected_purchases: Option<f64>,
    /// t_x / x: undefined without a repeat purchase.
    #[serde(serialize_with = "round2_opt")]
    pub mean_days_between_purchases: Option<f64>,
    /// The purchases' total divided by the purchase days (orders of one day are one purchase
    /// for the model, so this is the value of one expected purchase).
    #[serde(serialize_with = "round2")]
    pub average_order: f64,
    #[serde(serialize_with = "round2_opt")]
    pub expected_value: Option<f64>,
    /// Expected purchases over the horizon if the customer is still active (for the value at
    /// stake of the report's "slipping away"; not part of the outlook's JSON).
    #[serde(skip)]
    pub expected_if_alive: Option<f64>,
    #[serde(skip)]
    pub last_purchase: NaiveDate,
}

/// `coltiva outlook`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    #[serde(skip)]
    pub as_of: NaiveDate,
    #[serde(skip)]
    pub horizon_days: u32,
    pub model: Option<Model>,
    /// Why there is no model (said in every format; JSON shows `"model": null`).
    #[serde(skip)]
    pub reason: Option<String>,
    /// In id order.
    pub customers: Vec<CustomerOutlook>,
}

/// Fits the model to `histories` (the customers with a purchase as of `as_of`) and computes
/// each customer's outlook over `horizon_days`.
pub fn build(histories: Vec<PurchaseHistory>, as_of: NaiveDate, horizon_days: u32) -> Outlook {
    let model_histories: Vec<History> = histories.iter().map(|h| h.model_history(as_of)).collect();
    let (model, reason) = match fit(&model_histories, horizon_days) {
        Ok(model) => (Some(model), None),
        Err(reason) => (None, Some(reason)),
    };
    with_model(model, reason, histories, as_of, horizon_days)
}

/// The outlook of `histories` under a model already fitted to the whole journal as of
/// `as_of` (or the reason there is none), as [`build`] computes it after its fit: `show`
/// uses it with the cached model and one customer's history.
pub fn with_model(
    mut model: Option<Model>,
    mut reason: Option<String>,
    mut histories: Vec<PurchaseHistory>,
    as_of: NaiveDate,
    horizon_days: u32,
) -> Outlook {
    histories.sort_by(|a, b| a.id.cmp(&b.id));
    let model_histories: Vec<History> = histories.iter().map(|h| h.model_history(as_of)).collect();
    if let Some(m) = model.as_mut() {
        m.horizon_days = horizon_days;
    }
    let horizon = f64::from(horizon_days);
    // On all cores: each customer's figures are a pure function of the fit and its own
    // history, the same whatever the order they are computed in.
    let figures = |params: &Params| -> Option<Vec<(f64, f64)>> {
        use rayon::prelude::*;
        model_histories
            .par_iter()
            .map(|h| {
                let if_alive = bgnbd::expected_purchases_if_alive(params, h, horizon)?;
                Some((bgnbd::p_alive(params, h), if_alive))
            })
            .collect()
    };
    let per_customer = match model.as_ref().map(|m| (m.params(), figures(&m.params()))) {
        Some((_, Some(values))) => values.into_iter().map(Some).collect(),
        Some((p, None)) => {
            // A customer who cannot be evaluated would silently drop out of every figure:
            // refuse the model instead (it only happens far outside the parameters seen in
            // practice, where ₂F₁'s series do not converge).
            reason = Some(format!(
                "no model: the expected purchases of some customers could not be computed with r = {:.4}, alpha = {:.4}, a = {:.4}, b = {:.4}",
                p.r, p.alpha, p.a, p.b
            ));
            model = None;
            vec![None; histories.len()]
        }
        None => vec![None; histories.len()],
    };
    let customers = histories
        .iter()
        .zip(&model_histories)
        .zip(per_customer)
        .map(|((p, h), figures)| {
            let average_order = p.total_cents as f64 / 100.0 / f64::from(p.days);
            let (p_alive, expected_if_alive) = figures.unzip();
            let expected_purchases = p_alive.zip(expected_if_alive).map(|(p, e)| p * e);
            CustomerOutlook {
                id: p.id.clone(),
                x: h.x,
                t_x_days: h.t_x as u32,
                t_days: h.t as u32,
                p_alive,
                expected_purchases,
                mean_days_between_purchases: (h.x > 0).then(|| h.t_x / f64::from(h.x)),
                average_order,
                expected_value: expected_purchases.map(|e| e * average_order),
                expected_if_alive,
                last_purchase: p.last,
            }
        })
        .collect();
    Outlook {
        as_of,
        horizon_days,
        model,
        reason,
        customers,
    }
}

impl Outlook {
    /// The outlook of one customer (customers are in id order).
    pub fn customer(&self, id: &str) -> Option<&CustomerOutlook> {
        self.customers
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.customers[i])
    }
}

/// Below this P(alive), a customer not yet lost is "slipping away" in the weekly report.
pub const SLIPPING_P_ALIVE: f64 = 0.5;
/// Rows of "slipping away" in the report.
pub const SLIPPING_LIMIT: usize = 10;

/// A customer of the report's "slipping away": not yet lost, but probably no longer buying.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlippingRow {
    pub customer: String,
    pub name: String,
    pub phase: crate::model::Phase,
    pub last_purchase: NaiveDate,
    #[serde(serialize_with = "round6")]
    pub p_alive: f64,
    /// The purchases of the next 90 days times the average order, if the customer is still
    /// active: what is at stake.
    #[serde(serialize_with = "round2")]
    pub value_at_stake: f64,
}

/// The customers whose phase is not lost and whose P(alive) is below 0.5, by value at stake
/// (highest first, then id), at most [`SLIPPING_LIMIT`]. `None` without a model. `who` gives
/// a customer's name and phase.
pub fn slipping_away(
    outlook: &Outlook,
    who: impl Fn(&str) -> Option<(String, crate::model::Phase)>,
) -> Option<Vec<SlippingRow>> {
    outlook.model.as_ref()?;
    let mut rows: Vec<SlippingRow> = outlook
        .customers
        .iter()
        .filter_map(|c| {
            let p_alive = c.p_alive.filter(|&p| p < SLIPPING_P_ALIVE)?;
            let (name, phase) = who(&c.id)?;
            if phase == crate::model::Phase::Lost {
                return None;
            }
            Some(SlippingRow {
                customer: c.id.clone(),
                name,
                phase,
                last_purchase: c.last_purchase,
                p_alive,
                value_at_stake: c.expected_if_alive? * c.average_order,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.value_at_stake
            .total_cmp(&a.value_at_stake)
            .then_with(|| a.customer.cmp(&b.customer))
    });
    rows.truncate(SLIPPING_LIMIT);
    Some(rows)
}

/// The model, or why there is none, in words for people.
fn fit(histories: &[History], horizon_days: u32) -> Result<Model, String> {
    let repeat = histories.iter().filter(|h| h.x > 0).count();
    if histories.len() < MIN_CUSTOMERS || repeat < MIN_REPEAT_CUSTOMERS {
        return Err(format!(
            "too little purchase history to fit the model: {} with a purchase and {} who bought on two or more days; it needs at least {MIN_CUSTOMERS} and {MIN_REPEAT_CUSTOMERS}",
            crate::text::count(histories.len() as i64, "customer"),
            repeat
        ));
    }
    let fit = bgnbd::fit(histories).map_err(|e| format!("no model: {e}"))?;
    Ok(Model {
        r: fit.params.r,
        alpha_days: fit.params.alpha,
        a: fit.params.a,
        b: fit.params.b,
        log_likelihood: fit.log_likelihood,
        customers: histories.len(),
        horizon_days,
    })
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10_f64.powi(decimals);
    (value * scale).round() / scale
}

fn round2_opt<S: serde::Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    value.map(|v| round_to(v, 2)).serialize(s)
}

fn round2<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_to(*value, 2))
}

fn round4<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_to(*value, 4))
}

/// Probabilities and parameters: six decimals, enough to compare with a reference.
fn round6<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_to(*value, 6))
}

/// `Option<f64>` with six decimals (probabilities, expected purchases).
pub fn round6_opt<S: serde::Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    value.map(|v| round_to(v, 6)).serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testutil::{build, d, order_of as order};

    #[test]
    fn a_history_counts_purchase_days_up_to_the_as_of_day() {
        let c = build(
            None,
            [
                order("2026-01-10", 10_000),
                order("2026-01-10", 5_000), // same day: one purchase occasion
                order("2026-02-01", 0),     // free: still a purchase (§8.3)
                order("2026-03-01", -2_000), // a credit note: not a purchase
                order("2026-04-01", 30_000),
                order("2026-12-01", 99_999), // after the as-of day
            ],
        );
        let h = PurchaseHistory::of(&c, d("2026-05-01")).unwrap();
        assert_eq!(
            (h.first, h.last, h.days, h.total_cents),
            (d("2026-01-10"), d("2026-04-01"), 3, 45_000)
        );
        let m = h.model_history(d("2026-05-01"));
        assert_eq!((m.x, m.t_x, m.t), (2, 81.0, 111.0));
        let outlook = build_outlook(vec![h], d("2026-05-01"));
        // 450.00 over 3 purchase days.
        assert_eq!(outlook.customers[0].average_order, 150.0);
        assert_eq!(outlook.customers[0].mean_days_between_purchases, Some(40.5));
    }

    fn build_outlook(h: Vec<PurchaseHistory>, as_of: NaiveDate) -> Outlook {
        super::build(h, as_of, DEFAULT_HORIZON_DAYS)
    }

    #[test]
    fn no_purchase_or_an_internal_customer_has_no_history() {
        let only_credit = build(None, [order("2026-03-01", -2_000)]);
        assert_eq!(PurchaseHistory::of(&only_credit, d("2026-05-01")), None);
        let later = build(None, [order("2026-06-01", 2_000)]);
        assert_eq!(PurchaseHistory::of(&later, d("2026-05-01")), None);
        let mut internal = build(None, [order("2026-03-01", 2_000)]);
        internal.header.kind = Kind::Internal;
        assert_eq!(PurchaseHistory::of(&internal, d("2026-05-01")), None);
    }

    #[test]
    fn too_little_history_is_a_reason_not_a_model() {
        let c = build(None, [order("2026-01-10", 100), order("2026-02-10", 100)]);
        let h = PurchaseHistory::of(&c, d("2026-05-01")).unwrap();
        let outlook = build_outlook(vec![h], d("2026-05-01"));
        assert_eq!(outlook.model, None);
        assert_eq!(
            outlook.reason.as_deref(),
            Some(
                "too little purchase history to fit the model: 1 customer with a purchase and 1 who bought on two or more days; it needs at least 20 and 5"
            )
        );
        assert_eq!(outlook.customers[0].p_alive, None);
        assert_eq!(outlook.customers[0].x, 1);
    }
}

#[cfg(test)]
mod slipping_tests {
    use super::*;
    use crate::model::Phase;

    fn row(id: &str, p_alive: f64, if_alive: f64, average: f64) -> CustomerOutlook {
        CustomerOutlook {
            id: id.into(),
            x: 3,
            t_x_days: 30,
            t_days: 200,
            p_alive: Some(p_alive),
            expected_purchases: Some(p_alive * if_alive),
            mean_days_between_purchases: Some(10.0),
            average_order: average,
            expected_value: Some(p_alive * if_alive * average),
            expected_if_alive: Some(if_alive),
            last_purchase: "2026-01-01".parse().unwrap(),
        }
    }

    #[test]
    fn slipping_away_is_not_lost_below_one_half_by_value_at_stake() {
        let model = Model {
            r: 0.25,
            alpha_days: 30.0,
            a: 0.8,
            b: 2.4,
            log_likelihood: -1.0,
            customers: 5,
            horizon_days: 90,
        };
        let outlook = Outlook {
            as_of: "2026-06-01".parse().unwrap(),
            horizon_days: 90,
            model: Some(model),
            reason: None,
            customers: vec![
                row("a", 0.2, 1.0, 100.0), // at stake 100
                row("b", 0.4, 2.0, 100.0), // 200
                row("c", 0.6, 5.0, 100.0), // alive enough
                row("d", 0.1, 9.0, 100.0), // lost by the rules: not here
                row("e", 0.3, 1.0, 100.0), // 100, after a by id
            ],
        };
        let phase = |id: &str| {
            let p = if id == "d" {
                Phase::Lost
            } else {
                Phase::Acquired
            };
            Some((id.to_uppercase(), p))
        };
        let rows = slipping_away(&outlook, phase).unwrap();
        let ids: Vec<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
        assert_eq!(ids, ["b", "a", "e"]);
        assert_eq!(rows[0].value_at_stake, 200.0);
        assert_eq!(rows[0].name, "B");
        let none = Outlook {
            model: None,
            ..outlook
        };
        assert_eq!(slipping_away(&none, phase), None);
    }
}
