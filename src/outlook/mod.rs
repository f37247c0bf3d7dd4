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
    pub total_cents: i64,
}

impl PurchaseHistory {
    /// The history of an external customer with at least one purchase on or before `as_of`.
    /// A purchase is an order of zero or more (§8.3): credit notes are left out.
    pub fn of(customer: &Customer, as_of: NaiveDate) -> Option<PurchaseHistory> {
        if customer.header.kind != Kind::External {
            return None;
        }
        let mut days: Vec<NaiveDate> = Vec::new();
        let mut total_cents = 0_i64;
        for order in &customer.orders {
            let day = order.at.day();
            if order.amount.cents >= 0 && day <= as_of {
                days.push(day);
                total_cents = total_cents.saturating_add(order.amount.cents);
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
    #[serde(serialize_with = "crate::report::round2_opt")]
    pub mean_days_between_purchases: Option<f64>,
    /// The purchases' total divided by the purchase days (orders of one day are one purchase
    /// for the model, so this is the value of one expected purchase).
    #[serde(serialize_with = "round2")]
    pub average_order: f64,
    #[serde(serialize_with = "crate::report::round2_opt")]
    pub expected_value: Option<f64>,
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
pub fn build(mut histories: Vec<PurchaseHistory>, as_of: NaiveDate, horizon_days: u32) -> Outlook {
    histories.sort_by(|a, b| a.id.cmp(&b.id));
    let model_histories: Vec<History> = histories.iter().map(|h| h.model_history(as_of)).collect();
    let (model, reason) = match fit(&model_histories, horizon_days) {
        Ok(model) => (Some(model), None),
        Err(reason) => (None, Some(reason)),
    };
    let params = model.as_ref().map(Model::params);
    let horizon = f64::from(horizon_days);
    let customers = histories
        .iter()
        .zip(&model_histories)
        .map(|(p, h)| {
            let average_order = p.total_cents as f64 / 100.0 / f64::from(p.days);
            let p_alive = params.map(|m| bgnbd::p_alive(&m, h));
            let expected_purchases = params.and_then(|m| bgnbd::expected_purchases(&m, h, horizon));
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

/// The model, or why there is none, in words for people.
fn fit(histories: &[History], horizon_days: u32) -> Result<Model, String> {
    let repeat = histories.iter().filter(|h| h.x > 0).count();
    if histories.len() < MIN_CUSTOMERS || repeat < MIN_REPEAT_CUSTOMERS {
        return Err(format!(
            "too little purchase history to fit the model: {} with a purchase and {} who bought on two or more days; it needs at least {MIN_CUSTOMERS} and {MIN_REPEAT_CUSTOMERS}",
            crate::render::count(histories.len() as i64, "customer"),
            repeat
        ));
    }
    let fit = bgnbd::fit(histories).map_err(|e| format!("no model: {e}"))?;
    // Customers who cannot be evaluated would silently drop out of every figure: refuse the
    // model instead (it only happens far outside the parameters seen in practice).
    if let Some(h) = histories
        .iter()
        .find(|h| bgnbd::expected_purchases(&fit.params, h, f64::from(horizon_days)).is_none())
    {
        return Err(format!(
            "no model: the expected purchases of a customer with x = {}, t_x = {}, T = {} days could not be computed with r = {:.4}, alpha = {:.4}, a = {:.4}, b = {:.4}",
            h.x, h.t_x, h.t, fit.params.r, fit.params.alpha, fit.params.a, fit.params.b
        ));
    }
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

fn round6_opt<S: serde::Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    value.map(|v| round_to(v, 6)).serialize(s)
}
