//! The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and 0 ≤ z < 1, the
//! range the BG/NBD conditional expectation reaches (z = t / (α + T + t)).
//!
//! Hand-written because no maintained Rust crate offers ₂F₁ for real parameters (statrs has
//! the gamma family only). The method is the textbook one (Abramowitz & Stegun ch. 15):
//!
//! 1. when c − a − b < 0, Euler's transformation (A&S 15.3.3)
//!    ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) turns it into a function with
//!    c − a − b ≥ 0, whose series terms eventually decay like n^(a+b−c−1) zⁿ;
//! 2. the Maclaurin series, summed with compensation, while z ≤ 0.9 or c − a − b ≥ 6 (then the
//!    terms fall at least like n⁻⁷ even at z → 1, so a few thousand terms at most are needed);
//! 3. otherwise (z near 1 and a slowly converging series) the linear transformation to 1 − z
//!    (A&S 15.3.6), whose two series converge like (1 − z)ⁿ ≤ 0.1ⁿ. It divides by Γ(±(c−a−b)),
//!    which has poles at integers: within 1e-4 of an integer the function is evaluated at
//!    c − a − b = k ± 1e-4, k ± 2e-4 and interpolated (cubic Lagrange in c; ₂F₁ is analytic in
//!    c), trading the cancellation of the two large terms (~1e-16/1e-4) for an interpolation
//!    error of order (2e-4)⁴: about 1e-12 relative, against 1e-14 elsewhere.
//!
//! Accuracy is tested against mpmath (`hyp2f1` at 30 digits) in the tests below.

use statrs::function::gamma::ln_gamma;

/// Below this relative size a term no longer changes the sum.
const EPS: f64 = 1e-17;
/// Series past this many terms are abandoned (they only occur outside the documented range).
const MAX_TERMS: usize = 1_000_000;
/// Distance to an integer c − a − b below which 15.3.6 is interpolated.
const NEAR_INTEGER: f64 = 1e-4;

/// ₂F₁(a, b; c; z) for real a, b, c and 0 ≤ z < 1. `None` outside that domain, at a pole
/// (c a non-positive integer, unless a or b makes the series terminate first) or if a series
/// fails to converge.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(a.is_finite() && b.is_finite() && c.is_finite() && (0.0..1.0).contains(&z)) {
        return None;
    }
    if z == 0.0 {
        return Some(1.0);
    }
    // A polynomial: the series stops by itself (before any pole of c if a or b comes first).
    if let Some(n) = terminating(a, b) {
        return series(a, b, c, z, n + 1);
    }
    if non_positive_integer(c) {
        return None;
    }
    let m = c - a - b;
    if m < 0.0 {
        let factor = (m * (-z).ln_1p()).exp();
        return nonnegative_m(c - a, c - b, c, z).map(|f| f * factor);
    }
    nonnegative_m(a, b, c, z)
}

/// ₂F₁ when c − a − b ≥ 0.
fn nonnegative_m(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let m = c - a - b;
    if z <= 0.9 || m >= 6.0 || terminating(a, b).is_some() {
        return series(a, b, c, z, MAX_TERMS);
    }
    let k = m.round();
    if (m - k).abs() >= NEAR_INTEGER {
        return near_one(a, b, c, z);
    }
    // c − a − b ≈ k: cubic (Lagrange) interpolation in c through c − a − b = k ± δ, k ± 2δ.
    let base = a + b + k;
    let nodes = [-2.0, -1.0, 1.0, 2.0].map(|j| base + j * NEAR_INTEGER);
    let mut total = 0.0;
    for (i, &ci) in nodes.iter().enumerate() {
        let weight: f64 = nodes
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, &cj)| (c - cj) / (ci - cj))
            .product();
        total += weight * near_one(a, b, ci, z)?;
    }
    Some(total)
}

/// A&S 15.3.6, for non-integer m = c − a − b:
/// ₂F₁(a,b;c;z) = Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) ₂F₁(a, b; 1−m; 1−z)
///              + (1−z)^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) ₂F₁(c−a, c−b; 1+m; 1−z).
fn near_one(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let m = c - a - b;
    let w = 1.0 - z;
    let first = gamma_ratio(&[c, m], &[c - a, c - b]);
    let second = gamma_ratio(&[c, -m], &[a, b]);
    let mut total = 0.0;
    if first != 0.0 {
        total += first * series(a, b, 1.0 - m, w, MAX_TERMS)?;
    }
    if second != 0.0 {
        total += second * (m * w.ln()).exp() * series(c - a, c - b, 1.0 + m, w, MAX_TERMS)?;
    }
    total.is_finite().then_some(total)
}

/// The Maclaurin series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ, at most `max_terms` terms, with Neumaier's
/// compensated summation.
fn series(a: f64, b: f64, c: f64, z: f64, max_terms: usize) -> Option<f64> {
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    let mut compensation = 0.0_f64;
    for n in 0..max_terms {
        let k = n as f64;
        let ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        term *= ratio;
        if term == 0.0 {
            return Some(sum + compensation);
        }
        let next = sum + term;
        compensation += if sum.abs() >= term.abs() {
            (sum - next) + term
        } else {
            (term - next) + sum
        };
        sum = next;
        if !sum.is_finite() {
            return None;
        }
        // Stop when the rest cannot matter: once the ratio is below one, the tail is at most
        // a geometric series with ratio max(|ratio|, z) (the ratio tends to z from below when
        // c − a − b > −1, the case after Euler's transformation).
        let bound = ratio.abs().max(z);
        if bound < 1.0 && term.abs() / (1.0 - bound) <= EPS * sum.abs() {
            return Some(sum + compensation);
        }
    }
    None
}

/// Π Γ(numerators) / Π Γ(denominators), signed; 0 when a denominator is at a pole.
fn gamma_ratio(numerators: &[f64], denominators: &[f64]) -> f64 {
    let mut log = 0.0;
    let mut sign = 1.0;
    for &x in denominators {
        if non_positive_integer(x) {
            return 0.0;
        }
        let (l, s) = ln_gamma_signed(x);
        log -= l;
        sign *= s;
    }
    for &x in numerators {
        let (l, s) = ln_gamma_signed(x);
        log += l;
        sign *= s;
    }
    sign * log.exp()
}

/// ln|Γ(x)| and the sign of Γ(x) for real x that is not a pole (reflection below 1/2).
fn ln_gamma_signed(x: f64) -> (f64, f64) {
    if x >= 0.5 {
        return (ln_gamma(x), 1.0);
    }
    // Γ(x) = π / (sin(πx) Γ(1 − x)). sin(πx) is taken at the distance to the nearest integer,
    // which is exact: next to a pole (x = −1e-5) the naive sin(π·x) loses five digits, and
    // 15.3.6 multiplies that error by the size of its cancelling terms.
    let nearest = x.round();
    let sin = (std::f64::consts::PI * (x - nearest)).sin();
    let sin = if nearest.rem_euclid(2.0) == 0.0 {
        sin
    } else {
        -sin
    };
    (
        std::f64::consts::PI.ln() - sin.abs().ln() - ln_gamma(1.0 - x),
        sin.signum(),
    )
}

fn non_positive_integer(x: f64) -> bool {
    x <= 0.0 && x == x.round()
}

/// When a or b is a non-positive integer −n the series has n + 1 terms.
fn terminating(a: f64, b: f64) -> Option<usize> {
    [a, b]
        .into_iter()
        .filter(|&v| non_positive_integer(v) && v > -(MAX_TERMS as f64))
        .map(|v| (-v) as usize)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(got: Option<f64>, want: f64, tol: f64, what: &str) {
        let got = got.unwrap_or_else(|| panic!("{what}: no value"));
        let err = ((got - want) / want).abs();
        assert!(
            err <= tol,
            "{what}: got {got:e}, want {want:e} (rel. err {err:e})"
        );
    }

    #[test]
    fn closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(a, b; b; z) = (1 − z)^(−a) (A&S 15.1.3, 15.1.8).
        for z in [1e-6_f64, 0.3, 0.9, 0.99, 0.999_999] {
            let want = -(-z).ln_1p() / z;
            assert_close(hyp2f1(1.0, 1.0, 2.0, z), want, 1e-12, &format!("log z={z}"));
            let want = (1.0 - z).powf(-0.7);
            assert_close(
                hyp2f1(0.7, 2.5, 2.5, z),
                want,
                1e-13,
                &format!("power z={z}"),
            );
        }
        assert_eq!(hyp2f1(0.5, 0.5, 1.5, 0.0), Some(1.0));
        // A polynomial: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
        let (b, c, z) = (3.0, 0.5, 0.95_f64);
        let want = 1.0 - 2.0 * b * z / c + b * (b + 1.0) * z * z / (c * (c + 1.0));
        assert_close(hyp2f1(-2.0, b, c, z), want, 1e-14, "polynomial");
    }

    #[test]
    fn outside_the_domain_is_none() {
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, -0.5), None);
        assert_eq!(hyp2f1(1.0, 1.0, -3.0, 0.5), None);
        assert_eq!(hyp2f1(f64::NAN, 1.0, 2.0, 0.5), None);
    }

    type Abc = (f64, f64, f64);

    /// Reference values from mpmath 1.4.1 at 30 significant digits:
    /// `mp.dps = 30; print(mp.hyp2f1(a, b, c, z))`, run by `bench/outlook-compare.py --mpmath`.
    /// The cases cover the parameters the BG/NBD expectation passes (a + b − 1 − r, a − 1,
    /// a + b + x − 1, with a < 1, a > 1, a + b < 1 and large x) over z from 0.01 to 0.99999,
    /// including c − a − b at and next to an integer near z = 1. Each (a, b, c) with its
    /// (z, ₂F₁(a, b; c; z)).
    #[allow(clippy::excessive_precision)] // the digits are mpmath's
    const MPMATH: &[(Abc, &[(f64, f64)])] = &[
        (
            (1.9762170000000001, -0.20708099999999996, 2.218811),
            &[
                (0.01, 0.99814880277100893546),
                (0.3, 0.937290703863955612),
                (0.5, 0.88357719681308473012),
                (0.75, 0.78837886729778188731),
                (0.9, 0.69084539002849972236),
                (0.95, 0.63512239953979518175),
                (0.99, 0.55047773452642023333),
                (0.999, 0.49524491631143332589),
                (0.99999, 0.46766305471422163176),
            ],
        ),
        (
            (1.9762170000000001, -0.20708099999999996, 3.2188110000000005),
            &[
                (0.01, 0.99872503598641590639),
                (0.3, 0.95813006844341153472),
                (0.5, 0.92467876132190740914),
                (0.75, 0.87203809941886979694),
                (0.9, 0.82901584197097677238),
                (0.95, 0.81044218051853437548),
                (0.99, 0.79195498129376772565),
                (0.999, 0.78671446482299563008),
                (0.99999, 0.78605362794053056894),
            ],
        ),
        (
            (1.9762170000000001, -0.20708099999999996, 4.2188110000000005),
            &[
                (0.01, 0.99902776917093390623),
                (0.3, 0.96865967247140064276),
                (0.5, 0.94461492944592263689),
                (0.75, 0.90908475912636690248),
                (0.9, 0.88295510222912147038),
                (0.95, 0.87287163795925709433),
                (0.99, 0.86399572432310748698),
                (0.999, 0.86185410764914769614),
                (0.99999, 0.8616138872672167269),
            ],
        ),
        (
            (1.9762170000000001, -0.20708099999999996, 9.218811),
            &[
                (0.01, 0.99955557117326481657),
                (0.3, 0.98618911393953825538),
                (0.5, 0.97636363205652875988),
                (0.75, 0.9632310554078646689),
                (0.9, 0.95480154862802275934),
                (0.95, 0.95188335227157671399),
                (0.99, 0.94950546607759021162),
                (0.999, 0.94896487099337958377),
                (0.99999, 0.94890527735488984089),
            ],
        ),
        (
            (1.9762170000000001, -0.20708099999999996, 42.218811),
            &[
                (0.01, 0.99990304113927820872),
                (0.3, 0.99706781759611356839),
                (0.5, 0.99508537066046900038),
                (0.75, 0.9925748363165020476),
                (0.9, 0.9910505693848388542),
                (0.95, 0.99053940650648297462),
                (0.99, 0.99012935297092689679),
                (0.999, 0.99003695246945794116),
                (0.99999, 0.99002678529937877907),
            ],
        ),
        (
            (1.9762170000000001, -0.20708099999999996, 302.218811),
            &[
                (0.01, 0.99998645839027799565),
                (0.3, 0.99959329215714138285),
                (0.5, 0.99932162333981828803),
                (0.75, 0.99898143724561188473),
                (0.9, 0.99877700402628957995),
                (0.95, 0.99870880583409384889),
                (0.99, 0.99865422788039912938),
                (0.999, 0.99864194546244692907),
                (0.99999, 0.99864059434311228227),
            ],
        ),
        (
            (2.242594, 4.425892, 4.2188110000000005),
            &[
                (0.2, 1.6922636126432948619),
                (0.6, 8.7883962761597601152),
                (0.95, 1342.9227678827820528),
                (0.999, 19251242.108457057213),
            ],
        ),
        (
            (2.7, 1.3, 7.5),
            &[
                (0.2, 1.1041269189983864369),
                (0.6, 1.4082516928578179878),
                (0.95, 1.9293793247314216628),
                (0.999, 2.0550799267921737314),
            ],
        ),
        (
            (-1.5, -0.7, -0.30000000000000004),
            &[
                (0.2, 0.31540922429094659577),
                (0.6, -0.95189714020130419408),
                (0.95, -1.920487294505703994),
                (0.999, -2.040884403727295596),
            ],
        ),
        (
            (0.5, 0.5, 2.0),
            &[
                (0.2, 1.0270980168168973353),
                (0.6, 1.1005053642285860003),
                (0.95, 1.2264069333025727078),
                (0.999, 1.2711106707222515304),
            ],
        ),
        (
            (0.5, 0.5, 2.000003),
            &[
                (0.2, 1.0270979738858762249),
                (0.6, 1.100505178300899018),
                (0.95, 1.226406353448641059),
                (0.999, 1.2711098262265202382),
            ],
        ),
        (
            (0.25, -0.5, 0.75),
            &[
                (0.2, 0.96536670204088309261),
                (0.6, 0.88523969137762718621),
                (0.95, 0.78703531111564351396),
                (0.999, 0.7636127842173134069),
            ],
        ),
        (
            (1.5, 2.5, 3.0),
            &[
                (0.2, 1.3191476180761197063),
                (0.6, 3.0433378235703799611),
                (0.95, 30.949523656432490393),
                (0.999, 1689.9804604278612239),
            ],
        ),
        (
            (0.8, 0.9, 4.2),
            &[
                (0.2, 1.0367604622582179886),
                (0.6, 1.1310274220016383262),
                (0.95, 1.2610279813833259264),
                (0.999, 1.288312549203228768),
            ],
        ),
    ];

    #[test]
    fn agrees_with_mpmath() {
        for &((a, b, c), values) in MPMATH {
            for &(z, want) in values {
                let tol = if z > 0.9 { 1e-11 } else { 1e-13 };
                assert_close(
                    hyp2f1(a, b, c, z),
                    want,
                    tol,
                    &format!("2F1({a}, {b}; {c}; {z})"),
                );
            }
        }
    }
}
