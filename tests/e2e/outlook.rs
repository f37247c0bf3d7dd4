//! `coltiva outlook` end to end: a generated purchase log imported into a temporary journal,
//! the real binary fitting the BG/NBD model, every format, the horizon, too little history and
//! bad input.

use crate::common;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use common::{Journal, Run, TODAY, files};
use serde_json::Value;

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants): the log must be the
/// same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Purchases (customer, day, amount) of 80 customers drawn from the BG/NBD story itself: each
/// first buys some day in the 300 days before TODAY, then buys at its own rate and after each
/// purchase stops for good with its own probability.
fn generated_log() -> Vec<(String, NaiveDate, String)> {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let mut rng = Lcg(7);
    let mut rows = Vec::new();
    for i in 0..80 {
        let id = format!("c{i:03}");
        let rate = 0.005 + 0.08 * rng.next(); // purchases per day while active
        let drop = 0.05 + 0.5 * rng.next();
        let mut day = (rng.next() * 300.0) as u64;
        let mut since = today - Days::new(300);
        since = since + Days::new(day);
        let price = 20.0 + (rng.next() * 200.0).round();
        loop {
            rows.push((id.clone(), since, format!("{price:.2}")));
            if rng.next() < drop {
                break;
            }
            let gap = (-rng.next().max(1e-12).ln() / rate).ceil() as u64;
            day += gap;
            if day > 300 {
                break;
            }
            since = since + Days::new(gap);
        }
    }
    rows
}

fn write_csv(path: &std::path::Path, rows: &[(String, NaiveDate, String)]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(["customer", "at", "amount"]).unwrap();
    for (id, day, amount) in rows {
        w.write_record([id.as_str(), &day.to_string(), amount.as_str()])
            .unwrap();
    }
    w.flush().unwrap();
}

/// (x, t_x, T) in days computed here, independently of coltiva.
fn histories(rows: &[(String, NaiveDate, String)]) -> BTreeMap<String, (u64, i64, i64)> {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let mut days: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
    for (id, day, _) in rows {
        days.entry(id.clone()).or_default().push(*day);
    }
    days.into_iter()
        .map(|(id, mut d)| {
            d.sort();
            d.dedup();
            let first = d[0];
            let last = *d.last().unwrap();
            (
                id,
                (
                    d.len() as u64 - 1,
                    (last - first).num_days(),
                    (today - first).num_days(),
                ),
            )
        })
        .collect()
}

fn imported() -> (Journal, Vec<(String, NaiveDate, String)>) {
    let j = Journal::new();
    let rows = generated_log();
    let csv = j.tmp().join("orders.csv");
    write_csv(&csv, &rows);
    j.ok([
        "import".as_ref(),
        csv.as_os_str(),
        "--type".as_ref(),
        "order".as_ref(),
    ]);
    (j, rows)
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).expect("outlook JSON")
}

#[test]
fn fits_the_model_and_gives_every_customer_its_outlook() {
    let (j, rows) = imported();
    // Neither an internal customer's orders nor a credit note are purchases for the model.
    j.ok(["add", "Back office", "--id", "office", "--kind", "internal"]);
    j.ok(["order", "office", "500", "--at", "2026-10-01"]);
    j.ok(["order", "c000", "-35.20", "--at", TODAY]);
    j.ok(["add", "Never bought", "--id", "prospect"]);

    let out = json(&j.ok(["outlook", "--format", "json"]));
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["model", "customers"]);
    let model = &out["model"];
    let model_keys: Vec<&String> = model.as_object().unwrap().keys().collect();
    assert_eq!(
        model_keys,
        [
            "r",
            "alpha_days",
            "a",
            "b",
            "log_likelihood",
            "customers",
            "horizon_days"
        ]
    );
    let expected = histories(&rows);
    assert_eq!(model["customers"], expected.len());
    assert_eq!(model["horizon_days"], 90);
    let (r, alpha, a, b) = (
        model["r"].as_f64().unwrap(),
        model["alpha_days"].as_f64().unwrap(),
        model["a"].as_f64().unwrap(),
        model["b"].as_f64().unwrap(),
    );
    assert!(r > 0.0 && alpha > 0.0 && a > 0.0 && b > 0.0, "{model}");
    assert!(model["log_likelihood"].as_f64().unwrap() < 0.0);

    let customers = out["customers"].as_array().unwrap();
    let ids: Vec<&str> = customers
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = expected.keys().map(String::as_str).collect();
    assert_eq!(ids, want, "external customers with a purchase, in id order");
    for c in customers {
        let id = c["id"].as_str().unwrap();
        let (x, t_x, t) = expected[id];
        assert_eq!(
            (
                c["x"].as_u64(),
                c["t_x_days"].as_i64(),
                c["T_days"].as_i64()
            ),
            (Some(x), Some(t_x), Some(t)),
            "{id}"
        );
        // P(alive) recomputed here from the printed parameters (Fader, Hardie & Lee 2008).
        let p_alive = c["p_alive"].as_f64().unwrap();
        let want = if x == 0 {
            1.0
        } else {
            let x = x as f64;
            1.0 / (1.0
                + a / (b + x - 1.0) * ((alpha + t as f64) / (alpha + t_x as f64)).powf(r + x))
        };
        assert!((p_alive - want).abs() < 2e-5, "{id}: {p_alive} vs {want}");
        let e = c["expected_purchases"].as_f64().unwrap();
        assert!(e > 0.0 && e.is_finite(), "{id}: {e}");
        let value = c["expected_value"].as_f64().unwrap();
        let average = c["average_order"].as_f64().unwrap();
        assert!(
            (value - e * average).abs() <= 0.006,
            "{id}: {value} vs {e} × {average}"
        );
        match x {
            0 => assert!(c["mean_days_between_purchases"].is_null()),
            _ => {
                let mean = c["mean_days_between_purchases"].as_f64().unwrap();
                assert!((mean - t_x as f64 / x as f64).abs() <= 0.005, "{id}");
            }
        }
    }
    // The credit note changed neither c000's history nor its average order.
    let c000 = &customers[0];
    let prices: Vec<f64> = rows
        .iter()
        .filter(|(id, _, _)| id == "c000")
        .map(|(_, _, amount)| amount.parse().unwrap())
        .collect();
    let days = expected["c000"].0 as f64 + 1.0;
    let average = prices.iter().sum::<f64>() / days;
    assert!((c000["average_order"].as_f64().unwrap() - average).abs() < 0.006);

    // A shorter horizon expects fewer purchases from everyone.
    let short = json(&j.ok(["outlook", "--format", "json", "--horizon", "30"]));
    assert_eq!(short["model"]["horizon_days"], 30);
    assert_eq!(
        short["model"]["r"], out["model"]["r"],
        "the fit does not depend on it"
    );
    for (s, l) in short["customers"].as_array().unwrap().iter().zip(customers) {
        assert!(s["expected_purchases"].as_f64() < l["expected_purchases"].as_f64());
    }
}

#[test]
fn every_format_shows_the_model_and_the_customers() {
    let (j, _) = imported();
    let table = j.ok(["outlook"]).stdout;
    assert!(table.contains("Outlook as of 2026-11-23"), "{table}");
    assert!(
        table.contains("alpha (days)") && table.contains("P(alive)"),
        "{table}"
    );
    assert!(table.contains("c000") && table.contains("c079"), "{table}");

    let md = j.ok(["outlook", "--format", "markdown"]).stdout;
    assert!(md.starts_with("# Outlook as of 2026-11-23"), "{md}");
    assert!(md.contains("- **r:** ") && md.contains("| c079 |"), "{md}");

    let json = json(&j.ok(["outlook", "--format", "json"]));
    let csv = j.ok(["outlook", "--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["section", "row", "column", "value"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let fact = |name: &str| {
        records
            .iter()
            .find(|r| &r[0] == "facts" && &r[2] == name)
            .map(|r| r[3].to_string())
            .unwrap()
    };
    assert_eq!(
        fact("r").parse::<f64>().unwrap(),
        json["model"]["r"].as_f64().unwrap()
    );
    // Every customer's P(alive) in CSV equals the JSON's.
    let p_alive: Vec<f64> = records
        .iter()
        .filter(|r| &r[0] == "customers" && &r[2] == "p_alive")
        .map(|r| r[3].parse().unwrap())
        .collect();
    let want: Vec<f64> = json["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["p_alive"].as_f64().unwrap())
        .collect();
    assert_eq!(p_alive, want);
}

#[test]
fn too_little_history_gives_a_null_model_and_says_why() {
    let j = Journal::new();
    j.ok(["add", "Alpha", "--id", "alpha"]);
    j.ok(["order", "alpha", "100", "--at", "2026-01-10"]);
    j.ok(["order", "alpha", "80", "--at", "2026-06-10"]);
    j.ok(["add", "Beta", "--id", "beta"]);
    j.ok(["order", "beta", "40", "--at", "2026-11-01"]);

    let run = j.ok(["outlook", "--format", "json"]);
    let out = json(&run);
    assert!(out["model"].is_null(), "{out}");
    assert_eq!(
        run.stderr.trim(),
        "coltiva: too little purchase history to fit the model: 2 customers with a purchase and 1 who bought on two or more days; it needs at least 20 and 5"
    );
    let alpha = &out["customers"][0];
    assert_eq!(alpha["id"], "alpha");
    assert_eq!(alpha["x"], 1);
    assert_eq!(alpha["t_x_days"], 151);
    assert_eq!(alpha["mean_days_between_purchases"], 151.0);
    assert_eq!(alpha["average_order"], 90.0);
    assert!(alpha["p_alive"].is_null() && alpha["expected_purchases"].is_null());
    assert!(alpha["expected_value"].is_null());

    let table = j.ok(["outlook"]);
    assert!(
        table
            .stdout
            .contains("too little purchase history to fit the model"),
        "{}",
        table.stdout
    );
    assert_eq!(table.stderr, "", "said once, in the output");
}

#[test]
fn an_empty_journal_has_no_model_and_a_hint() {
    let j = Journal::new();
    let run = j.ok(["outlook", "--format", "json"]);
    let out = json(&run);
    assert!(out["model"].is_null());
    assert_eq!(out["customers"], serde_json::json!([]));
    assert!(
        run.stderr.contains("has no customers yet"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("0 customers with a purchase"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_horizon_is_a_usage_error_and_changes_nothing() {
    let (j, _) = imported();
    let before = files(j.root());
    for bad in ["0", "-5", "ninety", "36501"] {
        let run = j.run(["outlook".to_string(), format!("--horizon={bad}")]);
        assert_eq!(run.code, 2, "--horizon {bad}: {}", run.stderr);
        assert!(run.stderr.contains("--horizon"), "{}", run.stderr);
        assert_eq!(run.stdout, "");
    }
    common::assert_unchanged(&before, &files(j.root()), "a refused outlook");
}

#[test]
fn list_show_and_report_carry_the_same_figures() {
    let (j, _) = imported();
    j.ok(["add", "Back office", "--id", "office", "--kind", "internal"]);
    j.ok(["order", "office", "500", "--at", "2026-10-01"]);
    let outlook = json(&j.ok(["outlook", "--format", "json"]));
    let by_id: BTreeMap<String, &Value> = outlook["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_string(), c))
        .collect();

    let list = json(&j.ok(["list", "--format", "json"]));
    for row in list.as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        match by_id.get(id) {
            Some(c) => {
                assert_eq!(row["p_alive"], c["p_alive"], "{id}");
                assert_eq!(
                    row["expected_purchases_90d"], c["expected_purchases"],
                    "{id}"
                );
            }
            None => {
                assert_eq!(id, "office");
                assert!(row["p_alive"].is_null() && row["expected_purchases_90d"].is_null());
            }
        }
    }

    let show = json(&j.ok(["show", "c001", "--format", "json"]));
    assert_eq!(show["p_alive"], by_id["c001"]["p_alive"]);
    assert_eq!(
        show["expected_purchases_90d"],
        by_id["c001"]["expected_purchases"]
    );
    let table = j.ok(["show", "c001"]).stdout;
    assert!(
        table.contains("outlook:") && table.contains("P(alive)"),
        "{table}"
    );

    // Nobody in this log is lost yet (it spans 300 days, lost_days is 365), so "slipping away"
    // is every customer below P(alive) 0.5, at most 10, most at stake first.
    let report = json(&j.ok(["report", "--format", "json"]));
    let rows = report["slipping_away"].as_array().unwrap();
    let below: Vec<&&Value> = by_id
        .values()
        .filter(|c| c["p_alive"].as_f64().unwrap() < 0.5)
        .collect();
    assert!(!below.is_empty());
    assert_eq!(rows.len(), below.len().min(10));
    let stakes: Vec<f64> = rows
        .iter()
        .map(|r| r["value_at_stake"].as_f64().unwrap())
        .collect();
    assert!(stakes.windows(2).all(|w| w[0] >= w[1]), "{stakes:?}");
    for r in rows {
        let c = by_id[r["customer"].as_str().unwrap()];
        assert_eq!(r["p_alive"], c["p_alive"]);
        assert_ne!(r["phase"], "lost");
        // At stake: the purchases expected if still active, times the average order.
        let p = c["p_alive"].as_f64().unwrap();
        let want =
            c["expected_purchases"].as_f64().unwrap() / p * c["average_order"].as_f64().unwrap();
        let got = r["value_at_stake"].as_f64().unwrap();
        assert!(
            (got - want).abs() <= 0.01 + 1e-6 * want / p,
            "{r}: {got} vs {want}"
        );
    }
    let md = j.ok(["report", "--format", "markdown"]).stdout;
    assert!(md.contains("## Slipping away"), "{md}");
}

// The outlook cache (`.cache/outlook`): `show` uses the fit remembered by the last command
// that read the whole journal, only while it is fresh, and a bad cache is never an error.

/// A journal imported more than the racy margin (2 s) ago: a fit over its files is remembered.
fn settled() -> Journal {
    let (j, _) = imported();
    wait_past_racy_margin();
    j
}

fn wait_past_racy_margin() {
    std::thread::sleep(std::time::Duration::from_millis(2100));
}

fn cache_path(j: &Journal) -> std::path::PathBuf {
    j.root().join(".cache").join("outlook")
}

fn cache(j: &Journal) -> Value {
    serde_json::from_slice(&std::fs::read(cache_path(j)).unwrap()).expect("cache JSON")
}

fn p_alive_in_list(j: &Journal, id: &str) -> Value {
    let list = json(&j.ok(["list", "--format", "json"]));
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap();
    row["p_alive"].clone()
}

fn p_alive_in_show(j: &Journal, id: &str) -> Value {
    json(&j.ok(["show", id, "--format", "json"]))["p_alive"].clone()
}

/// Rewrites the cached model's r (keeping the stamp and the day): a `show` that then gives
/// other figures read the cache.
fn tamper_r(j: &Journal, r: f64) {
    let mut c = cache(j);
    c["model"]["r"] = serde_json::json!(r);
    std::fs::write(cache_path(j), serde_json::to_vec(&c).unwrap()).unwrap();
}

#[test]
fn show_gives_list_figures_with_and_without_the_cache() {
    let j = settled();
    assert!(!cache_path(&j).exists());
    // No cache: show fits over every file, and remembers the fit.
    let cold = p_alive_in_show(&j, "c001");
    assert!(cold.as_f64().is_some(), "{cold}");
    let written = cache(&j);
    assert_eq!(written["as_of"], TODAY);
    let listed = p_alive_in_list(&j, "c001");
    assert_eq!(cold, listed);
    // The same fit as `outlook` shows (rounded there).
    let model = json(&j.ok(["outlook", "--format", "json"]))["model"].clone();
    let r = cache(&j)["model"]["r"].as_f64().unwrap();
    assert!((r - model["r"].as_f64().unwrap()).abs() < 1e-6);
    assert_eq!(cache(&j)["model"]["customers"], model["customers"]);
    // A warm cache: the same figures, for every customer.
    for id in ["c001", "c017", "c042"] {
        assert_eq!(p_alive_in_show(&j, id), p_alive_in_list(&j, id), "{id}");
    }
    // The warm show does read the cache: a tampered r changes its figures.
    tamper_r(&j, 3.0);
    assert_ne!(p_alive_in_show(&j, "c001"), listed);
    // ... but not on another as-of day: a fresh fit, remembered for that day.
    let other = Run::of(
        j.cmd_on("2026-12-01")
            .args(["show", "c001", "--format", "json"]),
    );
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert_eq!(cache(&j)["as_of"], "2026-12-01");
    // Deleting .cache is always safe.
    std::fs::remove_dir_all(j.root().join(".cache")).unwrap();
    assert_eq!(p_alive_in_show(&j, "c001"), listed);
    assert!(cache_path(&j).exists());
}

#[test]
fn an_append_to_another_customer_makes_show_fit_again() {
    let j = settled();
    j.ok(["list", "--format", "json"]);
    let before = cache(&j);
    tamper_r(&j, 3.0);
    // Another customer's new purchase: the stamp no longer matches, the tampered fit is
    // ignored, and show fits again over every file.
    j.ok(["order", "c002", "120", "--at", "2026-11-20"]);
    wait_past_racy_margin();
    let shown = p_alive_in_show(&j, "c001");
    let after = cache(&j);
    assert_ne!(after["stamp"], before["stamp"]);
    assert_ne!(after["model"]["r"], serde_json::json!(3.0));
    assert_ne!(
        after["model"]["log_likelihood"],
        before["model"]["log_likelihood"]
    );
    assert_eq!(shown, p_alive_in_list(&j, "c001"));
}

#[test]
fn a_corrupt_cache_is_ignored_and_rewritten() {
    let j = settled();
    let listed = p_alive_in_list(&j, "c001");
    for bad in [&b"not json {"[..], b"", b"{\"version\":1}", b"\xff\xfe"] {
        std::fs::write(cache_path(&j), bad).unwrap();
        let run = j.ok(["show", "c001", "--format", "json"]);
        assert_eq!(json(&run)["p_alive"], listed);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        assert_eq!(cache(&j)["as_of"], TODAY);
    }
}

#[cfg(unix)]
#[test]
fn a_linked_cache_is_never_read_or_written_through() {
    let j = settled();
    let listed = p_alive_in_list(&j, "c001");
    // A link as the cache file, to a file outside the journal holding a tampered fit.
    tamper_r(&j, 3.0);
    let outside = j.tmp().join("outside.json");
    std::fs::rename(cache_path(&j), &outside).unwrap();
    let planted = std::fs::read(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, cache_path(&j)).unwrap();
    assert_eq!(p_alive_in_show(&j, "c001"), listed);
    j.ok(["list", "--format", "json"]);
    j.ok(["outlook", "--format", "json"]);
    assert_eq!(std::fs::read(&outside).unwrap(), planted);
    // The link was replaced by a real file (a rename, never a write through the link).
    let meta = std::fs::symlink_metadata(cache_path(&j)).unwrap();
    assert!(meta.file_type().is_file());

    // A link as the .cache folder: nothing is read from or written into its target.
    let elsewhere = j.tmp().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("outlook"), &planted).unwrap();
    std::fs::remove_dir_all(j.root().join(".cache")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, j.root().join(".cache")).unwrap();
    assert_eq!(p_alive_in_show(&j, "c001"), listed);
    j.ok(["list", "--format", "json"]);
    assert_eq!(std::fs::read(elsewhere.join("outlook")).unwrap(), planted);
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 1);
}

#[test]
fn a_fit_over_the_readable_files_only_is_not_remembered() {
    let (j, _) = imported();
    std::fs::write(
        j.root().join("customers").join("broken.toml"),
        "schema = [not toml",
    )
    .unwrap();
    // Past the racy margin, so that only the unreadable file keeps the fit from being kept.
    wait_past_racy_margin();
    // `list` and `report` still work over the readable files, but `show` must not take their
    // partial fit for the whole journal's: no cache is written.
    let run = j.run(["list", "--format", "json"]);
    assert!(run.stdout.contains("c001"), "{}", run.stderr);
    j.run(["report", "--format", "json"]);
    assert!(!cache_path(&j).exists());
}

#[test]
fn list_report_and_outlook_reuse_a_fresh_fit() {
    let j = settled();
    let listed = p_alive_in_list(&j, "c001");
    let outlook = json(&j.ok(["outlook", "--format", "json"]));
    // A tampered r in a fresh cache changes what every whole-journal command shows: they use
    // the remembered fit instead of fitting again.
    tamper_r(&j, 3.0);
    assert_ne!(p_alive_in_list(&j, "c001"), listed);
    let tampered = json(&j.ok(["outlook", "--format", "json"]));
    assert_ne!(tampered["model"], outlook["model"]);
    // Another horizon uses the same fit (it does not depend on the horizon).
    let longer = json(&j.ok(["outlook", "--format", "json", "--horizon", "180"]));
    assert_eq!(longer["model"]["r"], tampered["model"]["r"]);
    // Deleting the cache gives back the figures of a new fit.
    std::fs::remove_dir_all(j.root().join(".cache")).unwrap();
    assert_eq!(p_alive_in_list(&j, "c001"), listed);
}

#[test]
fn a_fit_over_files_changed_within_the_racy_margin_is_not_remembered() {
    let (j, _) = imported();
    // Just imported: a file could still change within the same clock tick and keep its
    // stamp, so the fit is not remembered...
    let listed = p_alive_in_list(&j, "c001");
    assert!(!cache_path(&j).exists());
    // ... and is, once the files are older than the margin.
    wait_past_racy_margin();
    assert_eq!(p_alive_in_list(&j, "c001"), listed);
    assert_eq!(cache(&j)["as_of"], TODAY);
    // A new write makes the journal racy again: the next fit is not remembered either, and
    // the old one (for other files) is not used.
    tamper_r(&j, 3.0);
    j.ok(["order", "c002", "120", "--at", "2026-11-20"]);
    let after = p_alive_in_list(&j, "c001");
    assert_eq!(
        cache(&j)["model"]["r"],
        serde_json::json!(3.0),
        "not rewritten"
    );
    std::fs::remove_dir_all(j.root().join(".cache")).unwrap();
    assert_eq!(
        p_alive_in_list(&j, "c001"),
        after,
        "a new fit, not the tampered one"
    );
}
