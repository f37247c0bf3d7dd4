//! The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy way: an
//! alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284; equation numbers
//! below are theirs.
//!
//! While active, a customer buys at rate λ ~ Gamma(r, α); after each purchase it drops out with
//! probability p ~ Beta(a, b). A customer's history is (x, t_x, T): x repeat purchases, the last
//! at t_x, observed up to T, all measured from the first purchase in one unit of time (days in
//! coltiva; α is then in days too).

use std::collections::HashMap;

use statrs::function::gamma::{digamma, ln_gamma};

use super::hyp2f1::hyp2f1;

/// One customer's purchase history in the model's terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct History {
    /// Repeat purchases: purchase occasions after the first.
    pub x: u32,
    /// Time from the first to the last purchase.
    pub t_x: f64,
    /// Time from the first purchase to the end of observation.
    pub t: f64,
}

/// The four parameters; `alpha` is in the unit of the histories.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// ln of the individual likelihood, eq. (6):
/// L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / Γ(r) · [(α+T)^−(r+x) + δ(x>0) a/(b+x−1) (α+t_x)^−(r+x)].
pub fn log_likelihood(p: &Params, h: &History) -> f64 {
    let x = f64::from(h.x);
    let s = p.r + x;
    let a1 = ln_gamma(s) - ln_gamma(p.r) + p.r * p.alpha.ln();
    let a2 = ln_gamma(p.a + p.b) + ln_gamma(p.b + x) - ln_gamma(p.b) - ln_gamma(p.a + p.b + x);
    let a3 = -s * (p.alpha + h.t).ln();
    let rest = if h.x > 0 {
        let a4 = p.a.ln() - (p.b + x - 1.0).ln() - s * (p.alpha + h.t_x).ln();
        log_add_exp(a3, a4)
    } else {
        a3
    };
    a1 + a2 + rest
}

/// P(alive | x, t_x, T) (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model"):
/// 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)); a customer with no repeat purchase is alive.
pub fn p_alive(p: &Params, h: &History) -> f64 {
    if h.x == 0 {
        return 1.0;
    }
    let x = f64::from(h.x);
    let log_odds_dead = p.a.ln() - (p.b + x - 1.0).ln()
        + (p.r + x) * ((p.alpha + h.t).ln() - (p.alpha + h.t_x).ln());
    // 1/(1+e^l), without overflow for large l.
    if log_odds_dead > 0.0 {
        let e = (-log_odds_dead).exp();
        e / (1.0 + e)
    } else {
        1.0 / (1.0 + log_odds_dead.exp())
    }
}

/// Within this distance of a = 1 the expectation is interpolated (see `expected_purchases`).
const A_NEAR_ONE: f64 = 1e-5;

/// Expected purchases in the next `horizon` units, eq. (10):
/// E[Y(t) | x, t_x, T] = P(alive) · (a+b+x−1)/(a−1) ·
///     [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)],   z = t/(α+T+t).
pub fn expected_purchases(p: &Params, h: &History, horizon: f64) -> Option<f64> {
    Some(p_alive(p, h) * expected_purchases_if_alive(p, h, horizon)?)
}

/// Expected purchases in the next `horizon` units if the customer is still active: eq. (10)
/// without its P(alive) factor (the derivation in the paper's appendix conditions on being
/// alive at T, then multiplies by P(alive)).
///
/// The bracket is evaluated after Euler's transformation,
/// ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z),
/// whose first two parameters do not grow with x (no overflow of (1−z)^−(r+x) for frequent
/// buyers, a quickly converging series). At a = 1 the ratio is 0/0 (the bracket vanishes with
/// a − 1): within 1e-5 of it the value is interpolated linearly between a = 1 ∓ 1e-5, where
/// the cancellation costs about 1e-11 of relative accuracy.
pub fn expected_purchases_if_alive(p: &Params, h: &History, horizon: f64) -> Option<f64> {
    if horizon <= 0.0 {
        return Some(0.0);
    }
    if (p.a - 1.0).abs() < A_NEAR_ONE {
        let lo = Params {
            a: 1.0 - A_NEAR_ONE,
            ..*p
        };
        let hi = Params {
            a: 1.0 + A_NEAR_ONE,
            ..*p
        };
        let f_lo = if_alive_off_one(&lo, h, horizon)?;
        let f_hi = if_alive_off_one(&hi, h, horizon)?;
        return Some(f_lo + (f_hi - f_lo) * (p.a - lo.a) / (hi.a - lo.a));
    }
    if_alive_off_one(p, h, horizon)
}

/// Eq. (10) without P(alive), as written, for a not near 1.
fn if_alive_off_one(p: &Params, h: &History, horizon: f64) -> Option<f64> {
    let x = f64::from(h.x);
    let c = p.a + p.b + x - 1.0;
    let z = horizon / (p.alpha + h.t + horizon);
    let f = hyp2f1(p.a + p.b - 1.0 - p.r, p.a - 1.0, c, z)?;
    let bracket = 1.0 - ((p.a - 1.0) * (-z).ln_1p()).exp() * f;
    let value = c / (p.a - 1.0) * bracket;
    value.is_finite().then_some(value.max(0.0))
}

fn log_add_exp(u: f64, v: f64) -> f64 {
    let m = u.max(v);
    m + ((u - m).exp() + (v - m).exp()).ln()
}

/// Why a fit gave no model.
#[derive(Debug, Clone, PartialEq)]
pub enum FitError {
    /// The optimiser stopped without meeting the convergence test.
    NotConverged { iterations: usize, gradient: f64 },
    /// A parameter ran off towards 0 or infinity: the data do not determine the model.
    Degenerate { parameter: &'static str, value: f64 },
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FitError::NotConverged {
                iterations,
                gradient,
            } => write!(
                f,
                "the maximum-likelihood fit did not converge ({iterations} iterations, gradient {gradient:.1e})"
            ),
            FitError::Degenerate { parameter, value } => write!(
                f,
                "the purchase histories do not determine the model (the fit drives {parameter} to {value:.3e})"
            ),
        }
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub params: Params,
    /// Σ ln L over the histories.
    pub log_likelihood: f64,
    pub iterations: usize,
}

/// The histories grouped: identical (x, t_x, T) share one likelihood term, and terms that depend
/// on x alone are computed once per distinct x.
struct Data {
    /// (index into `xs`, t_x, T, weight).
    groups: Vec<(usize, f64, f64, f64)>,
    xs: Vec<u32>,
    total: f64,
}

impl Data {
    fn new(histories: &[History]) -> Data {
        let mut counts: HashMap<(u32, u64, u64), f64> = HashMap::new();
        for h in histories {
            *counts
                .entry((h.x, h.t_x.to_bits(), h.t.to_bits()))
                .or_insert(0.0) += 1.0;
        }
        let mut keys: Vec<_> = counts.into_iter().collect();
        // A fixed order makes the floating-point sums, hence the fit, reproducible.
        keys.sort_by_key(|l| l.0);
        let mut xs: Vec<u32> = keys.iter().map(|((x, _, _), _)| *x).collect();
        xs.dedup();
        let groups = keys
            .iter()
            .map(|&((x, t_x, t), w)| {
                let i = xs.partition_point(|&v| v < x);
                (i, f64::from_bits(t_x), f64::from_bits(t), w)
            })
            .collect();
        Data {
            groups,
            xs,
            total: histories.len() as f64,
        }
    }

    /// −(1/N) Σ ln L and its gradient with respect to (ln r, ln α, ln a, ln b).
    fn objective(&self, theta: &[f64; 4]) -> (f64, [f64; 4]) {
        let [r, alpha, a, b] = theta.map(f64::exp);
        let (lg_r, lg_b, lg_ab) = (ln_gamma(r), ln_gamma(b), ln_gamma(a + b));
        let (dg_r, dg_b, dg_ab) = (digamma(r), digamma(b), digamma(a + b));
        // Per distinct x: the x-only part of ln L and of its partial derivatives.
        let per_x: Vec<[f64; 4]> = self
            .xs
            .iter()
            .map(|&x| {
                let x = f64::from(x);
                let value = ln_gamma(r + x) - lg_r + r * alpha.ln() + lg_ab + ln_gamma(b + x)
                    - lg_b
                    - ln_gamma(a + b + x);
                let d_r = digamma(r + x) - dg_r + alpha.ln();
                let d_a = dg_ab - digamma(a + b + x);
                let d_b = dg_ab + digamma(b + x) - dg_b - digamma(a + b + x);
                [value, d_r, d_a, d_b]
            })
            .collect();
        let mut ll = 0.0;
        let mut grad = [0.0; 4]; // d ln L / d (r, α, a, b)
        for &(i, t_x, t, w) in &self.groups {
            let x = f64::from(self.xs[i]);
            let s = r + x;
            let [value, d_r, d_a, d_b] = per_x[i];
            let ln_t = (alpha + t).ln();
            let a3 = -s * ln_t;
            let (rest, w3, w4, ln_tx) = if x > 0.0 {
                let ln_tx = (alpha + t_x).ln();
                let a4 = a.ln() - (b + x - 1.0).ln() - s * ln_tx;
                let rest = log_add_exp(a3, a4);
                let w4 = (a4 - rest).exp();
                (rest, (a3 - rest).exp(), w4, ln_tx)
            } else {
                (a3, 1.0, 0.0, 0.0)
            };
            ll += w * (value + rest);
            grad[0] += w * (d_r - w3 * ln_t - w4 * ln_tx);
            grad[1] += w * (r / alpha - w3 * s / (alpha + t) - w4 * s / (alpha + t_x));
            grad[2] += w * (d_a + w4 / a);
            grad[3] += w * (d_b - if x > 0.0 { w4 / (b + x - 1.0) } else { 0.0 });
        }
        let scale = -1.0 / self.total;
        let params = [r, alpha, a, b];
        let mut g = [0.0; 4];
        for k in 0..4 {
            g[k] = scale * grad[k] * params[k];
        }
        (scale * ll, g)
    }
}

/// Convergence: the largest gradient component of the mean negative log-likelihood in
/// log-parameters. At the optimum the remaining relative error of each parameter is about this
/// divided by the curvature, well below the six decimals coltiva prints.
const GRADIENT_TOLERANCE: f64 = 1e-9;
/// When the line search can make no more progress (the objective is flat to machine precision),
/// a gradient this small is accepted as the optimum.
const FLAT_TOLERANCE: f64 = 1e-6;
const MAX_ITERATIONS: usize = 500;
/// |ln θ| beyond this (θ below 1e-13 or above 4e13) is a parameter running off to a bound.
const LOG_BOUND: f64 = 30.0;

/// Maximum-likelihood fit by BFGS on the logarithms of the parameters (which keeps them
/// positive without constraints) with an analytic gradient and a backtracking line search.
///
/// Hand-written rather than taken from `argmin`: the problem has four unknowns and a cheap
/// exact gradient, and argmin's generic machinery (argmin-math back-ends, its own error and
/// observer crates) would be most of the code compiled for it. The algorithm is Nocedal &
/// Wright, Numerical Optimization, 2nd ed., algorithm 6.1 with the initial scaling (6.20).
pub fn fit(histories: &[History]) -> Result<Fit, FitError> {
    let data = Data::new(histories);
    // Start as `lifetimes` does after its time rescaling: r = a = b = 1, α a tenth of the
    // longest observation.
    let longest = histories.iter().map(|h| h.t).fold(0.0, f64::max);
    let mut theta = [0.0, (longest / 10.0).max(1.0).ln(), 0.0, 0.0];
    let (mut f, mut g) = data.objective(&theta);
    let mut h = identity();
    let names = ["r", "alpha", "a", "b"];
    let mut stalled = 0;
    for iteration in 0..MAX_ITERATIONS {
        let gnorm = g.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        if gnorm < GRADIENT_TOLERANCE {
            return finish(&data, theta, f, iteration, longest);
        }
        if let Some(k) = theta.iter().position(|v| v.abs() > LOG_BOUND) {
            return Err(FitError::Degenerate {
                parameter: names[k],
                value: theta[k].exp(),
            });
        }
        let mut p = mat_vec(&h, &g).map(|v| -v);
        let mut slope = dot(&g, &p);
        if slope >= 0.0 {
            h = identity();
            p = g.map(|v| -v);
            slope = dot(&g, &p);
        }
        // No step longer than 2 in any log-parameter (a factor e² ≈ 7.4): the likelihood is
        // far from quadratic away from the optimum.
        let longest_step = p.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        let mut step = if longest_step > 2.0 {
            2.0 / longest_step
        } else {
            1.0
        };
        let accepted = loop {
            let candidate: [f64; 4] = std::array::from_fn(|k| theta[k] + step * p[k]);
            let (fc, gc) = data.objective(&candidate);
            if fc.is_finite() && fc <= f + 1e-4 * step * slope {
                break Some((candidate, fc, gc));
            }
            step *= 0.5;
            if step < 1e-16 {
                break None;
            }
        };
        // No acceptable step, or three steps in a row that lower the objective by less than
        // its rounding error: the objective is flat to machine precision. The gradient cannot
        // get below its own rounding error (about 1e-8 on CDNOW as of 1998-06-30), so that is
        // the optimum if the gradient is small, and a failure otherwise.
        let progress = accepted
            .as_ref()
            .is_some_and(|(_, fc, _)| f - fc > 1e-15 * f.abs());
        stalled = if progress { 0 } else { stalled + 1 };
        let Some((next, fn_, gn)) = accepted.filter(|_| stalled < 3) else {
            if gnorm < FLAT_TOLERANCE {
                return finish(&data, theta, f, iteration, longest);
            }
            return Err(FitError::NotConverged {
                iterations: iteration,
                gradient: gnorm,
            });
        };
        let s: [f64; 4] = std::array::from_fn(|k| next[k] - theta[k]);
        let y: [f64; 4] = std::array::from_fn(|k| gn[k] - g[k]);
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
            if iteration == 0 {
                // (6.20): scale the first inverse Hessian to the observed curvature.
                let scale = sy / dot(&y, &y);
                h = identity().map(|row| row.map(|v| v * scale));
            }
            h = bfgs_update(&h, &s, &y, sy);
        }
        theta = next;
        f = fn_;
        g = gn;
    }
    Err(FitError::NotConverged {
        iterations: MAX_ITERATIONS,
        gradient: g.iter().fold(0.0_f64, |m, v| m.max(v.abs())),
    })
}

/// The fit at an optimum, unless the optimum is at the edge of the parameter space: a
/// parameter below 1e-6 or above 1e6 (α: relative to the longest observation) means the data
/// cannot tell the model's parts apart (nobody came back, or everybody buys alike), and the
/// numbers it would give are artefacts.
fn finish(
    data: &Data,
    theta: [f64; 4],
    f: f64,
    iterations: usize,
    longest: f64,
) -> Result<Fit, FitError> {
    let [r, alpha, a, b] = theta.map(f64::exp);
    let scale = longest.max(1.0);
    for (parameter, value, unit) in [
        ("r", r, 1.0),
        ("alpha", alpha, scale),
        ("a", a, 1.0),
        ("b", b, 1.0),
    ] {
        let relative = value / unit;
        if !(1e-6..=1e6).contains(&relative) {
            return Err(FitError::Degenerate { parameter, value });
        }
    }
    Ok(Fit {
        params: Params { r, alpha, a, b },
        log_likelihood: -f * data.total,
        iterations,
    })
}

type Matrix = [[f64; 4]; 4];

fn identity() -> Matrix {
    std::array::from_fn(|i| std::array::from_fn(|j| if i == j { 1.0 } else { 0.0 }))
}

fn dot(u: &[f64; 4], v: &[f64; 4]) -> f64 {
    u.iter().zip(v).map(|(a, b)| a * b).sum()
}

fn mat_vec(m: &Matrix, v: &[f64; 4]) -> [f64; 4] {
    std::array::from_fn(|i| dot(&m[i], v))
}

/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀ s)  (Nocedal & Wright 6.17).
fn bfgs_update(h: &Matrix, s: &[f64; 4], y: &[f64; 4], sy: f64) -> Matrix {
    let rho = 1.0 / sy;
    let hy = mat_vec(h, y);
    let yhy = dot(y, &hy);
    std::array::from_fn(|i| {
        std::array::from_fn(|j| {
            h[i][j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paper's estimates on the 1/10 CDNOW sample, in weeks (Fader, Hardie & Lee 2005,
    /// table 1), at the precision `lifetimes` 0.11.3 finds them (see the reference values below).
    const PAPER: Params = Params {
        r: 0.242594,
        alpha: 4.413_595,
        a: 0.792_919,
        b: 2.425_892,
    };

    fn h(x: u32, t_x: f64, t: f64) -> History {
        History { x, t_x, t }
    }

    #[test]
    fn numerical_gradient_matches_the_analytic_one() {
        let data = Data::new(&[
            h(0, 0.0, 30.0),
            h(3, 20.5, 38.0),
            h(1, 2.0, 10.0),
            h(7, 30.0, 31.0),
        ]);
        let theta = [-0.4, 1.2, -0.1, 0.6];
        let (_, g) = data.objective(&theta);
        for k in 0..4 {
            let step = 1e-6;
            let mut up = theta;
            up[k] += step;
            let mut down = theta;
            down[k] -= step;
            let numeric = (data.objective(&up).0 - data.objective(&down).0) / (2.0 * step);
            assert!(
                (numeric - g[k]).abs() < 1e-7,
                "component {k}: {numeric} vs {}",
                g[k]
            );
        }
    }

    /// Reference values, mpmath 1.4.1 at 30 digits from the paper's formulas (eq. 6, P(alive),
    /// eq. 10 with mp.hyp2f1 on the untransformed parameters), printed by
    /// `bench/outlook-compare.py --mpmath`; lifetimes 0.11.3 (BetaGeoFitter with these params_)
    /// agrees with them to 1e-14. Units: weeks, horizon 39 weeks. (x, t_x, T, ln L, P(alive), E).
    /// The second row is the paper's worked example: E[Y(39)] = 1.226.
    const PAPER_VALUES: &str = "
        0 0.0 38.86 -0.55380646097247219843 1.0 0.1947816253528727411
        2 30.43 38.86 -9.4596941362134409973 0.72660906671798937582 1.2259067488225565187
        1 1.0 30.0 -4.2879194890596172592 0.23505368761426988932 0.27398455876981988139
        5 35.0 38.0 -17.798229963746651759 0.84654847097778518046 3.2767096547622581021
        20 38.5 39.0 -38.974293069646199271 0.95530396552958988156 13.503504572559519739
        3 4.0 38.0 -9.2838938351676292533 0.028587568366148048328 0.069804901145591359764
        0 0.0 0.0 9.8607613152626475676e-32 1.0 1.1950087661749327778
        60 37.0 39.0 -45.001630382817464431 0.81885632506981277975 34.040850258463324426
    ";

    /// The same from mpmath for other parameters (a just off 1, a > 1, a + b < 1, a tiny α)
    /// and horizons up to 100 years (z up to 0.99999):
    /// (r, α, a, b, x, t_x, T, t, P(alive), E[Y(t)]).
    const OTHER_VALUES: &str = "
        0.5 10.0 1.000002 3.0 0 0.0 0.0 90.0 1.0 2.1845770577573836534
        0.5 10.0 1.000002 3.0 0 0.0 200.0 90.0 1.0 0.19914686300796620599
        0.5 10.0 1.000002 3.0 1 3.0 200.0 90.0 0.044166085456152494597 0.025772360236145254957
        0.5 10.0 1.000002 3.0 12 150.0 160.0 90.0 0.86775435770773346033 4.7491504860637997945
        0.5 10.0 1.000002 3.0 300 700.0 700.0 90.0 0.99669966338812103374 35.762212823393723483
        0.5 10.0 1.000002 3.0 2 20.0 30.0 3650.0 0.6608506235623092439 12.35486882572746415
        0.5 10.0 1.000002 3.0 0 0.0 5.0 36500.0 1.0 15.051579652441183109
        2.0 30.0 2.5 4.0 0 0.0 0.0 90.0 1.0 2.2692743685077856495
        2.0 30.0 2.5 4.0 0 0.0 200.0 90.0 1.0 0.64017507361857085431
        2.0 30.0 2.5 4.0 1 3.0 200.0 90.0 0.0047036037271776335835 0.0043843291210152670075
        2.0 30.0 2.5 4.0 12 150.0 160.0 90.0 0.73784897068521315984 3.2816709012736920333
        2.0 30.0 2.5 4.0 300 700.0 700.0 90.0 0.99181669394435351882 32.00548620769449621
        2.0 30.0 2.5 4.0 2 20.0 30.0 3650.0 0.49096622152395915161 2.4382680920079054447
        2.0 30.0 2.5 4.0 0 0.0 5.0 36500.0 1.0 3.6651816919413296426
        0.3 5.0 0.3 0.4 0 0.0 0.0 90.0 1.0 2.1932529395411940505
        0.3 5.0 0.3 0.4 0 0.0 200.0 90.0 1.0 0.11878510594064391365
        0.3 5.0 0.3 0.4 1 3.0 200.0 90.0 0.019284951007105206786 0.010203282629336428307
        0.3 5.0 0.3 0.4 12 150.0 160.0 90.0 0.94627149136100567055 5.9067557368576325961
        0.3 5.0 0.3 0.4 300 700.0 700.0 90.0 0.998998998998998999 37.600937093559733852
        0.3 5.0 0.3 0.4 2 20.0 30.0 3650.0 0.68277604434568040471 52.379667081596205774
        0.3 5.0 0.3 0.4 0 0.0 5.0 36500.0 1.0 87.381861495946766991
        0.25 0.01 0.8 2.4 0 0.0 0.0 90.0 1.0 22.503502194977013823
        0.25 0.01 0.8 2.4 0 0.0 200.0 90.0 1.0 0.10554574723242102837
        0.25 0.01 0.8 2.4 1 3.0 200.0 90.0 0.015566857977064615433 0.0080293848382587703175
        0.25 0.01 0.8 2.4 12 150.0 160.0 90.0 0.88369052733783771249 5.1591472714940609947
        0.25 0.01 0.8 2.4 300 700.0 700.0 90.0 0.99735274652547981469 36.672038803636449727
        0.25 0.01 0.8 2.4 2 20.0 30.0 3650.0 0.63064790454251890487 16.877350264745147951
        0.25 0.01 0.8 2.4 0 0.0 5.0 36500.0 1.0 21.191356923301758581
    ";

    /// The rows of a reference table, each with its `N` numbers (as the script prints them,
    /// with every digit mpmath gave).
    fn rows<const N: usize>(table: &str) -> Vec<[f64; N]> {
        table
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                let row: Vec<f64> = line
                    .split_whitespace()
                    .map(|v| v.parse().unwrap())
                    .collect();
                row.try_into().unwrap()
            })
            .collect()
    }

    fn rel(got: f64, want: f64) -> f64 {
        ((got - want) / want).abs()
    }

    #[test]
    fn likelihood_p_alive_and_expectation_agree_with_mpmath() {
        for [x, t_x, t, ll, alive, expected] in rows(PAPER_VALUES) {
            let hist = h(x as u32, t_x, t);
            let got = log_likelihood(&PAPER, &hist);
            assert!(
                (got - ll).abs() < 1e-12 * ll.abs().max(1.0),
                "ln L {hist:?}: {got} vs {ll}"
            );
            let got = p_alive(&PAPER, &hist);
            assert!(
                rel(got, alive) < 1e-13,
                "P(alive) {hist:?}: {got} vs {alive}"
            );
            let got = expected_purchases(&PAPER, &hist, 39.0).unwrap();
            assert!(
                rel(got, expected) < 1e-12,
                "E {hist:?}: {got} vs {expected}"
            );
        }
        for [r, alpha, a, b, x, t_x, t, horizon, alive, expected] in rows(OTHER_VALUES) {
            let params = Params { r, alpha, a, b };
            let hist = h(x as u32, t_x, t);
            let got = p_alive(&params, &hist);
            assert!(
                rel(got, alive) < 1e-13,
                "P(alive) {params:?} {hist:?}: {got} vs {alive}"
            );
            let got = expected_purchases(&params, &hist, horizon).unwrap();
            // a within 1e-5 of 1 is interpolated (about 1e-10); elsewhere 2F1 is good to 1e-12.
            let tol = if (a - 1.0).abs() < 1e-5 { 1e-9 } else { 1e-11 };
            assert!(
                rel(got, expected) < tol,
                "E {params:?} {hist:?} t={horizon}: {got} vs {expected}"
            );
        }
    }

    #[test]
    fn expectation_is_continuous_through_a_equal_one() {
        let hist = h(3, 40.0, 100.0);
        let at = |a: f64| {
            let p = Params {
                r: 0.5,
                alpha: 10.0,
                a,
                b: 3.0,
            };
            expected_purchases(&p, &hist, 90.0).unwrap()
        };
        let exact = at(1.0);
        for a in [
            1.0 - 2e-5,
            1.0 - 1e-5,
            1.0 - 1e-7,
            1.0 + 1e-7,
            1.0 + 1e-5,
            1.0 + 2e-5,
        ] {
            assert!(
                (at(a) - exact).abs() < 1e-4 * exact,
                "a = {a}: {} vs {exact}",
                at(a)
            );
        }
        assert!(exact.is_finite() && exact > 0.0);
    }

    #[test]
    fn p_alive_is_one_without_repeat_purchases_and_falls_with_silence() {
        assert_eq!(p_alive(&PAPER, &h(0, 0.0, 30.0)), 1.0);
        let recent = p_alive(&PAPER, &h(4, 30.0, 31.0));
        let silent = p_alive(&PAPER, &h(4, 5.0, 31.0));
        assert!(recent > 0.8 && silent < 0.05, "{recent} {silent}");
        // No overflow for a frequent buyer long silent.
        let gone = p_alive(&PAPER, &h(500, 10.0, 1000.0));
        assert!((0.0..1e-100).contains(&gone), "{gone}");
    }

    /// The published result: the 1/10 CDNOW sample (2,357 customers, 39 weeks ending 1997-09-30,
    /// times in weeks) as `lifetimes` 0.11.3 ships it (datasets/cdnow_customers_summary.csv, MIT).
    /// Fader, Hardie & Lee (2005) report r = 0.243, α = 4.414, a = 0.793, b = 2.426 and
    /// ln L = −9582.4; lifetimes' own fit gives r = 0.242593, α = 4.413532, a = 0.792886,
    /// b = 2.425752, ln L = −9582.425561 (its optimiser stops earlier).
    #[test]
    fn fit_reproduces_the_paper() {
        let text = include_str!("testdata/cdnow_customers_summary.csv");
        let histories: Vec<History> = text
            .lines()
            .skip(1)
            .map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                h(
                    f[1].parse().unwrap(),
                    f[2].parse().unwrap(),
                    f[3].parse().unwrap(),
                )
            })
            .collect();
        assert_eq!(histories.len(), 2357);
        let fitted = fit(&histories).unwrap();
        let p = fitted.params;
        for (got, want, name) in [
            (p.r, 0.243, "r"),
            (p.alpha, 4.414, "alpha"),
            (p.a, 0.793, "a"),
            (p.b, 2.426, "b"),
        ] {
            assert!(
                (got - want).abs() <= 0.0005,
                "{name}: {got} vs the paper's {want}"
            );
        }
        assert!(
            (fitted.log_likelihood - -9582.4).abs() < 0.05,
            "{}",
            fitted.log_likelihood
        );
        // At least as likely as lifetimes' optimum.
        assert!(
            fitted.log_likelihood >= -9582.425561,
            "{}",
            fitted.log_likelihood
        );
        // The same histories in days give the same r, a, b and α × 7.
        let days: Vec<History> = histories
            .iter()
            .map(|h| History {
                x: h.x,
                t_x: h.t_x * 7.0,
                t: h.t * 7.0,
            })
            .collect();
        let in_days = fit(&days).unwrap().params;
        assert!(rel(in_days.r, p.r) < 1e-6, "{in_days:?} {p:?}");
        assert!(
            rel(in_days.a, p.a) < 1e-6 && rel(in_days.b, p.b) < 1e-6,
            "{in_days:?} {p:?}"
        );
        assert!(
            rel(in_days.alpha, p.alpha * 7.0) < 1e-6,
            "{in_days:?} {p:?}"
        );
    }

    #[test]
    fn degenerate_data_is_refused_not_fitted() {
        // Nobody ever came back: nothing tells the purchase rate from the drop-out.
        let once: Vec<History> = (0..50).map(|i| h(0, 0.0, 30.0 + f64::from(i))).collect();
        let err = fit(&once).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("do not determine") || text.contains("converge"),
            "{text}"
        );
    }
}
