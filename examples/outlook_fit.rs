//! Times the numerical part of `coltiva outlook` alone (the fit and the per-customer figures),
//! without reading the journal: reads `coltiva outlook --format json` on stdin for the
//! histories and prints the time of each step. Used for BENCHMARKS.md:
//! `coltiva --today 1997-09-30 outlook --format json | cargo run --release --example outlook_fit`

use std::io::Read;
use std::time::Instant;

use coltiva::outlook::bgnbd::{self, History};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let histories: Vec<History> = json["customers"]
        .as_array()
        .ok_or("no customers array")?
        .iter()
        .map(|c| History {
            x: c["x"].as_u64().unwrap_or(0) as u32,
            t_x: c["t_x_days"].as_f64().unwrap_or(0.0),
            t: c["T_days"].as_f64().unwrap_or(0.0),
        })
        .collect();
    let runs = 20;
    let start = Instant::now();
    let mut fit = None;
    for _ in 0..runs {
        fit = Some(bgnbd::fit(&histories).map_err(|e| e.to_string())?);
    }
    let fit_time = start.elapsed() / runs;
    let fit = fit.ok_or("no fit")?;
    let start = Instant::now();
    let mut total = 0.0;
    for _ in 0..runs {
        for h in &histories {
            total += bgnbd::p_alive(&fit.params, h);
            total += bgnbd::expected_purchases(&fit.params, h, 90.0).unwrap_or(f64::NAN);
        }
    }
    let eval_time = start.elapsed() / runs;
    println!(
        "{} customers: fit {:.1} ms ({} BFGS iterations), P(alive) and expected purchases for all {:.1} ms (checksum {total:.3})",
        histories.len(),
        fit_time.as_secs_f64() * 1e3,
        fit.iterations,
        eval_time.as_secs_f64() * 1e3,
    );
    Ok(())
}
