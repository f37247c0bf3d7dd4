//! A small journal built through the real binary, whose every figure in `list --format json`
//! and `report --format json` is worked out by hand in the comments below and asserted.
//!
//! As of D = Monday 2026-11-23, with the settings `coltiva init` writes (new_days 90,
//! lost_days 365, default cadence 30 days, no tag or phase cadence). Useful days:
//! D − 90 = 2026-08-25 (new threshold), D − 365 = 2025-11-23 (lost threshold),
//! D − 89 = 2026-08-26 (first day of the report's 90-day window).
//! The report covers 2026-11-17 … 2026-11-23 (`--since`/`--until`), as of D.
//!
//! The five customers and what each is for:
//! - `alfa`: lost, then won back by a purchase in the report period; a credit note while lost
//!   wins nothing back; two payment promises kept late.
//! - `beta`: lost with purchases (on the reactivation list); one promise cancelled the day
//!   after its due date (broken), one on its due date (cancelled).
//! - `gamma`: added in the period and pinned lost on its first day (no loss in the period);
//!   two credit notes and no purchase (not on the reactivation list).
//! - `delta`: an internal agent, pinned partner: phase `internal`, its kept rates apart.
//! - `epsilon`: imported from CSV: 41 contact days over 41 days (mean gap 41/40 = 1.025, which
//!   rounds to 1.03 from the integers and to 1.02 from a float), an order of 0 (a purchase)
//!   and a payment promise (`about` column).

use crate::common;

use common::Journal;
use serde_json::{Value, json};

const SINCE: &str = "2026-11-17";
const UNTIL: &str = "2026-11-23";

fn journal() -> Journal {
    let j = Journal::new();

    // alfa
    j.add("Alfa S.p.A.", &["--id", "alfa", "--since", "2025-01-06"]);
    j.ok(["order", "alfa", "500", "--at", "2025-01-06"]);
    j.ok([
        "log",
        "alfa",
        "Visit",
        "--channel",
        "visit",
        "--at",
        "2025-03-03",
    ]);
    j.ok(["order", "alfa", "-50", "--at", "2026-03-02"]);
    let p0 = j.promise(
        "alfa",
        "Pay INV-0",
        "2026-03-31",
        &["--by", "them", "--payment", "--at", "2026-03-02"],
    );
    j.ok([
        "renegotiate",
        &p0,
        "--due",
        "2026-04-30",
        "--at",
        "2026-04-02",
    ]);
    j.ok(["keep", &p0, "--at", "2026-04-10"]);
    j.ok(["order", "alfa", "1200", "--at", "2026-11-18"]);
    let p1 = j.promise(
        "alfa",
        "Pay INV-1",
        "2026-11-20",
        &["--by", "them", "--payment", "--at", "2026-11-18"],
    );
    j.ok(["keep", &p1, "--at", "2026-11-23"]);

    // beta
    j.add("Beta Snc", &["--id", "beta", "--since", "2024-06-03"]);
    j.ok(["order", "beta", "800", "--at", "2024-06-03"]);
    j.ok(["order", "beta", "700", "--at", "2025-06-02"]);
    j.ok(["log", "beta", "Call", "--at", "2025-09-01"]);
    let b1 = j.promise(
        "beta",
        "Send the catalogue",
        "2026-10-15",
        &["--at", "2026-10-01"],
    );
    j.ok(["cancel", &b1, "--at", "2026-10-16"]);
    let b2 = j.promise("beta", "Call back", "2026-11-10", &["--at", "2026-10-01"]);
    j.ok(["cancel", &b2, "--at", "2026-11-10"]);

    // gamma: the phase record is written before the credit note of the same day.
    j.add("Gamma", &["--id", "gamma", "--since", "2026-11-20"]);
    j.ok([
        "phase",
        "gamma",
        "lost",
        "--at",
        "2026-11-20",
        "--reason",
        "Old customer, entered late",
    ]);
    j.ok(["order", "gamma", "-30", "--at", "2026-11-20"]);
    j.ok(["order", "gamma", "-20", "--at", "2026-11-21"]);

    // delta
    j.add(
        "Delta Agent",
        &[
            "--id",
            "delta",
            "--kind",
            "internal",
            "--since",
            "2026-01-05",
        ],
    );
    j.ok([
        "log",
        "delta",
        "Meeting",
        "--channel",
        "meeting",
        "--at",
        "2026-01-05",
    ]);
    let d1 = j.promise(
        "delta",
        "Pay commissions",
        "2026-11-20",
        &["--at", "2026-11-02"],
    );
    j.ok(["keep", &d1, "--at", "2026-11-19"]);
    j.promise(
        "delta",
        "Visit report",
        "2026-11-18",
        &["--by", "them", "--at", "2026-11-02"],
    );
    j.ok(["phase", "delta", "partner", "--at", "2026-06-01"]);

    // epsilon, imported.
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "customer",
        "type",
        "at",
        "summary",
        "channel",
        "direction",
        "amount",
        "due",
        "by",
        "name",
        "since",
        "about",
    ];
    w.write_record(header).unwrap();
    let row = |cells: &[(&str, &str)]| -> Vec<String> {
        header
            .iter()
            .map(|h| {
                cells
                    .iter()
                    .find(|(k, _)| k == h)
                    .map_or(String::new(), |(_, v)| v.to_string())
            })
            .collect()
    };
    w.write_record(row(&[
        ("customer", "epsilon"),
        ("type", "customer"),
        ("name", "Epsilon Srl"),
        ("since", "2026-09-01"),
    ]))
    .unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    for n in 0..40 {
        let day = (first + chrono::Days::new(n)).to_string();
        w.write_record(row(&[
            ("customer", "epsilon"),
            ("type", "interaction"),
            ("at", &day),
            ("summary", "Daily call"),
            ("channel", "call"),
            ("direction", "out"),
        ]))
        .unwrap();
    }
    for cells in [
        &[
            ("customer", "epsilon"),
            ("type", "interaction"),
            ("at", "2026-10-12"),
            ("summary", "Last call"),
            ("channel", "call"),
            ("direction", "in"),
        ][..],
        &[
            ("customer", "epsilon"),
            ("type", "order"),
            ("at", "2026-10-12"),
            ("amount", "0"),
        ],
        &[
            ("customer", "epsilon"),
            ("type", "promise"),
            ("at", "2026-10-12"),
            ("summary", "Pay the first invoice"),
            ("due", "2026-11-30"),
            ("by", "them"),
            ("about", "payment"),
        ],
    ] {
        w.write_record(row(cells)).unwrap();
    }
    let csv_path = j.tmp().join("epsilon.csv");
    std::fs::write(&csv_path, w.into_inner().unwrap()).unwrap();
    j.ok(["import".as_ref(), csv_path.as_os_str()]);
    j
}

fn counts(kept: u32, late: u32, broken: u32, overdue: u32, open: u32, cancelled: u32) -> Value {
    let denominator = kept + late + broken + overdue;
    let rate = (denominator > 0).then(|| f64::from(kept) / f64::from(denominator));
    json!({"kept": kept, "late": late, "broken": broken, "overdue": overdue, "open": open,
           "cancelled": cancelled, "rate": rate})
}

fn payments(counts_value: Value, mean_days_late: Option<f64>) -> Value {
    let mut v = counts_value;
    v["mean_days_late"] = json!(mean_days_late);
    v
}

fn none() -> Value {
    counts(0, 0, 0, 0, 0, 0)
}

#[test]
fn every_figure_of_list_and_report_by_hand() {
    let j = journal();
    let list = j.json(["list", "--sort", "id", "--format", "json"]);
    let rows = list.as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["alfa", "beta", "delta", "epsilon", "gamma"]);
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();

    // alfa. Purchases: 500 on 2025-01-06 and 1200 on 2026-11-18 → orders 2 (the −50 credit
    // note of 2026-03-02 is not a purchase); order_total = 500 − 50 + 1200 = 1650.
    // Phase: the start day 2025-01-06 (since, and the first order) → new; 2025-01-06 + 91 =
    // 2025-04-07 acquired; + 366 = 2026-01-07 lost (last purchase before D − 365 of that day);
    // the credit note changes nothing; 2026-11-18, a purchase: first order 2025-01-06 is before
    // 2026-11-18 − 90, last order recent → acquired, won back. phase_since 2026-11-18.
    // Contacts: 2025-01-06 (order), 2025-03-03 (visit), 2026-03-02 (credit note), 2026-11-18
    // (order): 4 days. Gaps 56 (25 + 28 + 3), 364, 261 (29 + 30 + 31 + 30 + 31 + 31 + 30 + 31
    // + 18): sum 681, mean 681 / 3 = 227, max 364. days_since_contact = 23 − 18 = 5.
    // Cadence: default 30; overdue max(0, 5 − 30) = 0.
    // Promises by them, both payments: P0 due 03-31, renegotiated on 04-02 (after its due
    // date) to 04-30, kept 04-10 → late, 04-10 − 03-31 = 10 days late. P1 due 11-20, kept
    // 11-23 → late, 3 days. Rate 0 / 2 = 0; mean days late (10 + 3) / 2 = 6.5.
    assert_eq!(
        row("alfa"),
        json!({
            "id": "alfa", "name": "Alfa S.p.A.", "kind": "external",
            "phase": "acquired", "phase_rule": "acquired", "phase_since": "2026-11-18",
            "tags": [], "since": "2025-01-06",
            "orders": 2, "order_total": 1650,
            "first_order": "2025-01-06", "last_order": "2026-11-18",
            "first_contact": "2025-01-06", "last_contact": "2026-11-18",
            "contact_days": 4, "days_since_contact": 5,
            "mean_gap_days": 227.0, "max_gap_days": 364,
            "cadence_days": 30, "cadence_source": "default", "overdue_days": 0,
            "promises_us": none(),
            "promises_them": counts(0, 2, 0, 0, 0, 0),
            "payment_punctuality": payments(counts(0, 2, 0, 0, 0, 0), Some(6.5)),
            // Five customers are too few for the outlook model (docs/OUTLOOK.md).
            "p_alive": null, "expected_purchases_90d": null,
        })
    );

    // beta. Purchases 800 (2024-06-03) and 700 (2025-06-02): orders 2, total 1500.
    // Phase: 2024-06-03 new (first order on the start day), 2024-09-02 acquired,
    // 2025-06-02 + 366 = 2026-06-03 lost. Rule lost, phase_since 2026-06-03.
    // Contacts: 2024-06-03, 2025-06-02, 2025-09-01 (call): 3 days; gaps 364 and 91 (28 + 31 +
    // 31 + 1): mean 455 / 2 = 227.5, max 364. days_since_contact = 2026-11-23 − 2025-09-01 =
    // 365 + 30 + 31 + 22 = 448; overdue 448 − 30 = 418.
    // Promises by us: B1 due 10-15, cancelled 10-16 (after its due date) → broken; B2 due
    // 11-10, cancelled on 11-10 → cancelled, out of the rate. Rate 0 / 1 = 0.
    assert_eq!(
        row("beta"),
        json!({
            "id": "beta", "name": "Beta Snc", "kind": "external",
            "phase": "lost", "phase_rule": "lost", "phase_since": "2026-06-03",
            "tags": [], "since": "2024-06-03",
            "orders": 2, "order_total": 1500,
            "first_order": "2024-06-03", "last_order": "2025-06-02",
            "first_contact": "2024-06-03", "last_contact": "2025-09-01",
            "contact_days": 3, "days_since_contact": 448,
            "mean_gap_days": 227.5, "max_gap_days": 364,
            "cadence_days": 30, "cadence_source": "default", "overdue_days": 418,
            "promises_us": counts(0, 0, 1, 0, 0, 1),
            "promises_them": none(),
            "payment_punctuality": payments(none(), None),
            // Five customers are too few for the outlook model (docs/OUTLOOK.md).
            "p_alive": null, "expected_purchases_90d": null,
        })
    );

    // delta, internal: phase `internal` (the partner pin does not apply), since its start day
    // 2026-01-05. No orders. One contact day (the meeting of 2026-01-05): no gaps;
    // days_since_contact = 26 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 23 = 322; cadence
    // default 30 (no phase cadence for internal customers) → overdue 292.
    // Promises: ours D1 due 11-20 kept 11-19 → kept (1.0); theirs D2 due 11-18, unresolved →
    // overdue (0.0). No payment promise.
    assert_eq!(
        row("delta"),
        json!({
            "id": "delta", "name": "Delta Agent", "kind": "internal",
            "phase": "internal", "phase_rule": "internal", "phase_since": "2026-01-05",
            "tags": [], "since": "2026-01-05",
            "orders": 0, "order_total": 0,
            "first_order": null, "last_order": null,
            "first_contact": "2026-01-05", "last_contact": "2026-01-05",
            "contact_days": 1, "days_since_contact": 322,
            "mean_gap_days": null, "max_gap_days": null,
            "cadence_days": 30, "cadence_source": "default", "overdue_days": 292,
            "promises_us": counts(1, 0, 0, 0, 0, 0),
            "promises_them": counts(0, 0, 0, 1, 0, 0),
            "payment_punctuality": payments(none(), None),
            // Five customers are too few for the outlook model (docs/OUTLOOK.md).
            "p_alive": null, "expected_purchases_90d": null,
        })
    );

    // epsilon. One order of 0 on 2026-10-12: a purchase → orders 1, total 0, first and last
    // order 2026-10-12; 2026-10-12 is on or after D − 90 = 2026-08-25 → new, phase_since
    // 2026-10-12 (potential from the start day 2026-09-01 until then).
    // Contacts: 2026-09-01 … 2026-10-10 (40 days) and 2026-10-12 (a call and the order): 41
    // days, span 2026-10-12 − 2026-09-01 = 41, so the mean gap is 41 / 40 = 1.025 → 1.03
    // (half away from zero, from the integers); max gap 2 (10-10 → 10-12).
    // days_since_contact = 19 + 23 = 42; overdue 42 − 30 = 12.
    // Their payment promise, due 2026-11-30: open; no rate, no days late.
    assert_eq!(
        row("epsilon"),
        json!({
            "id": "epsilon", "name": "Epsilon Srl", "kind": "external",
            "phase": "new", "phase_rule": "new", "phase_since": "2026-10-12",
            "tags": [], "since": "2026-09-01",
            "orders": 1, "order_total": 0,
            "first_order": "2026-10-12", "last_order": "2026-10-12",
            "first_contact": "2026-09-01", "last_contact": "2026-10-12",
            "contact_days": 41, "days_since_contact": 42,
            "mean_gap_days": 1.03, "max_gap_days": 2,
            "cadence_days": 30, "cadence_source": "default", "overdue_days": 12,
            "promises_us": none(),
            "promises_them": counts(0, 0, 0, 0, 1, 0),
            "payment_punctuality": payments(counts(0, 0, 0, 0, 1, 0), None),
            // Five customers are too few for the outlook model (docs/OUTLOOK.md).
            "p_alive": null, "expected_purchases_90d": null,
        })
    );

    // gamma. Pinned lost on its start day 2026-11-20. Two credit notes (−30, −20): no
    // purchase → orders 0, first/last order null, order_total −50. Contacts 11-20 and 11-21:
    // mean 1 / 1 = 1, max 1; days_since_contact 2.
    assert_eq!(
        row("gamma"),
        json!({
            "id": "gamma", "name": "Gamma", "kind": "external",
            "phase": "lost", "phase_rule": "pinned", "phase_since": "2026-11-20",
            "tags": [], "since": "2026-11-20",
            "orders": 0, "order_total": -50,
            "first_order": null, "last_order": null,
            "first_contact": "2026-11-20", "last_contact": "2026-11-21",
            "contact_days": 2, "days_since_contact": 2,
            "mean_gap_days": 1.0, "max_gap_days": 1,
            "cadence_days": 30, "cadence_source": "default", "overdue_days": 0,
            "promises_us": none(),
            "promises_them": none(),
            "payment_punctuality": payments(none(), None),
            // Five customers are too few for the outlook model (docs/OUTLOOK.md).
            "p_alive": null, "expected_purchases_90d": null,
        })
    );

    let r = j.json([
        "report", "--since", SINCE, "--until", UNTIL, "--format", "json",
    ]);
    assert_eq!(r["as_of"], "2026-11-23");
    assert_eq!(r["period"], json!({"since": SINCE, "until": UNTIL}));
    // Five customers, one internal (delta).
    assert_eq!(
        (r["customers"].clone(), r["internal_customers"].clone()),
        (json!(5), json!(1))
    );
    // Overdue: delta's visit report (them, due 11-18, 5 days) is the only one.
    let promise_ids = |key: &str| -> Vec<(String, String, String)> {
        r[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["customer"].as_str().unwrap().to_string(),
                    p["what"].as_str().unwrap().to_string(),
                    p["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let triple = |c: &str, w: &str, s: &str| (c.to_string(), w.to_string(), s.to_string());
    assert_eq!(
        promise_ids("overdue"),
        [triple("delta", "Visit report", "overdue")]
    );
    assert_eq!(r["overdue"][0]["days_overdue"], 5);
    // Due soon (open, due by D + 7 = 11-30): epsilon's payment, 7 days left.
    assert_eq!(
        promise_ids("due_soon"),
        [triple("epsilon", "Pay the first invoice", "open")]
    );
    assert_eq!(r["due_soon"][0]["days_left"], 7);
    // Decided in the period: delta's commissions (kept 11-19), alfa's P1 (kept late 11-23).
    assert_eq!(
        promise_ids("resolved"),
        [
            triple("delta", "Pay commissions", "kept"),
            triple("alfa", "Pay INV-1", "late"),
        ]
    );

    // Kept rates, external customers only.
    // Period (current due 11-17 … 11-23): us none; them alfa P1 (11-20) late → 0.
    // 90 days (08-26 … 11-23): us beta B1 (10-15) broken and B2 (11-10) cancelled → 0 / 1;
    // them alfa P1 late → 0 / 1 (P0's current due, 04-30, is outside).
    // Internal (delta): period and 90 days alike: us D1 (11-20) kept → 1; them D2 (11-18)
    // overdue → 0.
    // Payments (external, by them, about payment): alfa P1 due 11-20 in both windows, 3 days
    // late → rate 0, mean 3; epsilon's (due 11-30) is in neither.
    assert_eq!(
        r["kept_rates"],
        json!({
            "period_us": none(),
            "period_them": counts(0, 1, 0, 0, 0, 0),
            "trailing_days": 90,
            "trailing_us": counts(0, 0, 1, 0, 0, 1),
            "trailing_them": counts(0, 1, 0, 0, 0, 0),
            "internal": {
                "period_us": counts(1, 0, 0, 0, 0, 0),
                "period_them": counts(0, 0, 0, 1, 0, 0),
                "trailing_us": counts(1, 0, 0, 0, 0, 0),
                "trailing_them": counts(0, 0, 0, 1, 0, 0),
            },
            "payment_period": payments(counts(0, 1, 0, 0, 0, 0), Some(3.0)),
            "payment_trailing": payments(counts(0, 1, 0, 0, 0, 0), Some(3.0)),
        })
    );

    // Past cadence, most overdue first: beta 418, delta 292 (internal keeps its warning),
    // epsilon 12.
    assert_eq!(
        r["past_cadence"],
        json!([
            {"customer": "beta", "name": "Beta Snc", "phase": "lost",
             "last_contact": "2025-09-01", "days_since_contact": 448, "cadence_days": 30,
             "overdue_days": 418},
            {"customer": "delta", "name": "Delta Agent", "phase": "internal",
             "last_contact": "2026-01-05", "days_since_contact": 322, "cadence_days": 30,
             "overdue_days": 292},
            {"customer": "epsilon", "name": "Epsilon Srl", "phase": "new",
             "last_contact": "2026-10-12", "days_since_contact": 42, "cadence_days": 30,
             "overdue_days": 12},
        ])
    );

    // Phases of the external customers: new epsilon, acquired alfa, lost beta and gamma.
    assert_eq!(
        r["phase_counts"],
        json!({"potential": 0, "new": 1, "acquired": 1, "partner": 0, "lost": 2})
    );
    // Moves in the period: alfa lost → acquired on 11-18, won back by its purchase. gamma's
    // start in lost (11-20) is no move, so no loss.
    assert_eq!(
        r["phase_changes"],
        json!([{"customer": "alfa", "name": "Alfa S.p.A.", "day": "2026-11-18",
                "from": "lost", "to": "acquired", "won_back": true}])
    );
    assert_eq!(
        r["phase_change_counts"],
        json!({"new_customers": 0, "acquisitions": 0, "losses": 0, "win_backs": 1,
               "partners": 0, "other": 0})
    );
    // Reactivation: lost customers with a purchase — beta, not gamma (never bought).
    assert_eq!(
        r["reactivation"],
        json!([{"customer": "beta", "name": "Beta Snc", "last_order": "2025-06-02",
                "orders": 2, "order_total": 1500, "last_contact": "2025-09-01",
                "days_since_contact": 448}])
    );
    // Contacts in the period: alfa's order (11-18), gamma's two credit notes (11-20, 11-21).
    assert_eq!(r["contacts_by_channel"], json!({"order": 3}));
    assert_eq!(r["contacts_total"], 3);
}

#[test]
fn show_lists_same_moment_records_in_file_order_and_tells_the_phase() {
    let j = journal();
    let gamma = j.json(["show", "gamma", "--format", "json"]);
    let records: Vec<(String, String)> = gamma["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["day"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The phase record was written before the credit note of the same day.
    let pair = |d: &str, k: &str| (d.to_string(), k.to_string());
    assert_eq!(
        records,
        [
            pair("2026-11-20", "phase"),
            pair("2026-11-20", "order"),
            pair("2026-11-21", "order"),
        ]
    );
    assert_eq!(
        gamma["phase_receipt"],
        "pinned on 2026-11-20: Old customer, entered late"
    );
    assert_eq!(
        gamma["phase_timeline"],
        json!([{"day": "2026-11-20", "from": null, "to": "lost", "rule": "pinned",
                "won_back": false}])
    );

    let delta = j.json(["show", "delta", "--format", "json"]);
    assert_eq!(delta["phase"], "internal");
    assert_eq!(
        delta["phase_receipt"],
        "internal customer: colleagues and agents have no lifecycle phase"
    );
    assert_eq!(delta["phase_timeline"], json!([]));

    // alfa: the timeline with the win-back, and payment punctuality in show (JSON and table).
    let alfa = j.json(["show", "alfa", "--format", "json"]);
    let moves: Vec<(String, bool)> = alfa["phase_timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["day"].as_str().unwrap().to_string(),
                c["won_back"] == true,
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("2025-01-06".to_string(), false),
            ("2025-04-07".to_string(), false),
            ("2026-01-07".to_string(), false),
            ("2026-11-18".to_string(), true),
        ]
    );
    assert_eq!(alfa["payment_punctuality"]["mean_days_late"], 6.5);
    let table = j.ok(["show", "alfa"]).stdout;
    assert!(
        table.contains("their payments") && table.contains("6.5 days late on average"),
        "{table}"
    );
    // The report's table has the payment and internal rows.
    let report = j.ok(["report", "--since", SINCE, "--until", UNTIL]).stdout;
    for row in ["their payments", "us (internal)", "them (internal)"] {
        assert!(report.contains(row), "{row} missing:\n{report}");
    }
}

#[test]
fn a_payment_promise_is_stored_with_about_and_others_without() {
    let j = journal();
    // alfa's payment promises carry `about = "payment"`; beta's promises have no `about` key.
    let alfa = j.text("alfa");
    assert_eq!(alfa.matches("about = \"payment\"").count(), 2, "{alfa}");
    assert!(!j.text("beta").contains("about"));
    // The CSV export carries the column, and `about` survives a round trip.
    let csv = j.ok(["export", "--format", "csv"]).stdout;
    assert!(
        csv.lines().next().unwrap().ends_with(",attributes,about"),
        "{csv}"
    );
    assert_eq!(csv.matches(",payment").count(), 3);
}

#[test]
fn an_unknown_about_is_refused_with_its_place_and_nothing_changes() {
    let j = journal();
    let bad = j.tmp().join("bad.csv");
    std::fs::write(
        &bad,
        "customer,type,at,summary,due,by,about\nalfa,promise,2026-11-20,Pay,2026-11-30,them,invoice\n",
    )
    .unwrap();
    let run = j.fails(
        ["import".as_ref(), bad.as_os_str()],
        1,
        "line 2, column \"about\": unknown about \"invoice\" (expected payment)",
    );
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
}

#[test]
fn list_selects_internal_customers_by_phase() {
    let j = journal();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        j.json(all)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--phase", "internal"]), ["delta"]);
    // delta is pinned partner, but internal: no partner here.
    assert_eq!(ids(&["--phase", "partner"]), Vec::<String>::new());
    assert_eq!(ids(&["--phase", "lost", "--sort", "id"]), ["beta", "gamma"]);
    // Internal customers sort after the lifecycle phases.
    assert_eq!(
        ids(&["--sort", "phase"]),
        ["epsilon", "alfa", "beta", "gamma", "delta"]
    );
    j.fails(
        ["list", "--phase", "partners"],
        2,
        "unknown phase \"partners\" (expected potential | new | acquired | partner | lost | internal)",
    );
}

#[test]
fn check_names_an_unknown_about_in_a_hand_edited_file() {
    let j = journal();
    let mut text = j.text("beta");
    text.push_str(
        "\n[[promise]]\nid = \"hand01\"\nat = 2026-11-20\nby = \"them\"\nwhat = \"Pay\"\ndue = 2026-11-30\nabout = \"invoice\"\n",
    );
    std::fs::write(j.file("beta"), &text).unwrap();
    let run = j.run(["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("beta.toml") && all.contains("unknown about \"invoice\" (expected payment)"),
        "{all}"
    );
}
