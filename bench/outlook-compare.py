#!/usr/bin/env python3
"""coltiva outlook against the reference implementation of the BG/NBD model.

Two jobs (see docs/OUTLOOK.md for how they were run):

  outlook-compare.py --mpmath
      Prints the reference values that the unit tests of src/outlook/ hold: the Gauss
      hypergeometric function and the BG/NBD likelihood, P(alive) and expected purchases,
      computed independently with mpmath at 30 digits straight from the paper's formulas
      (no transformation of 2F1), and the same BG/NBD quantities from `lifetimes`.

  outlook-compare.py CDNOW_master.txt OUTLOOK.json [--as-of 1997-09-30] [--horizon 90]
      Derives x, t_x, T in days from the raw CDNOW log with lifetimes' own
      summary_data_from_transaction_data, fits lifetimes' BetaGeoFitter on them, and compares
      with `coltiva outlook --format json` (OUTLOOK.json): the histories, the parameters, and
      per customer P(alive) and expected purchases over the horizon. Prints markdown.

Needs: pip install lifetimes mpmath (lifetimes 0.11.3 wants pandas < 2 and scipy < 1.12 era
APIs; see docs/OUTLOOK.md for the versions used).
"""
import json
import sys


def mpmath_references():
    import mpmath as mp

    mp.mp.dps = 30
    print("// hyp2f1: ((a, b, c), &[(z, mp.hyp2f1(a, b, c, z)), ...])")
    # Parameters as the BG/NBD expectation passes them after Euler's transformation
    # (a+b-1-r, a-1, a+b+x-1) for the paper's fit and for others (a > 1, a + b < 1, large x),
    # the untransformed ones (r+x, b+x, a+b+x-1), and c-a-b at or next to an integer near z = 1.
    cases = []
    r, al, a, b = 0.242594, 4.413595, 0.792919, 2.425892
    for x in [0, 1, 2, 7, 40, 300]:
        for z in [0.01, 0.3, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.99999]:
            cases.append((a + b - 1 - r, a - 1, a + b + x - 1, z))
    for z in [0.2, 0.6, 0.95, 0.999]:
        cases.append((0.242594 + 2, 2.425892 + 2, 0.792919 + 2.425892 + 1, z))
        cases.append((2.7, 1.3, 4.5 + 3, z))  # a > 1
        cases.append((0.3 + 0.4 - 1 - 1.2, 0.3 - 1, 0.3 + 0.4 - 1, z))  # a + b < 1, x = 0
        cases.append((0.5, 0.5, 2.0, z))  # c - a - b = 1 exactly
        cases.append((0.5, 0.5, 2.0 + 3e-6, z))  # next to it
        cases.append((0.25, -0.5, 0.75, z))  # c - a - b = 1
        cases.append((1.5, 2.5, 3.0, z))  # c - a - b = -1: Euler, then an integer
        cases.append((0.8, 0.9, 1.7 + 2.5, z))  # c - a - b = 2.5
    groups = {}  # (a, b, c) in first-seen order, each with its z
    for (pa, pb, pc, z) in cases:
        groups.setdefault((pa, pb, pc), []).append(z)
    for (pa, pb, pc), zs in groups.items():
        print(f"(({pa!r}, {pb!r}, {pc!r}), &[")
        for z in zs:
            print(f"    ({z!r}, {mp.nstr(mp.hyp2f1(pa, pb, pc, z), 20)}),")
        print("]),")

    print("// BG/NBD with the paper's parameters (weeks): (x, t_x, T, ln L, P(alive), E[Y(39)])")
    histories = [(0, 0.0, 38.86), (2, 30.43, 38.86), (1, 1.0, 30.0), (5, 35.0, 38.0),
                 (20, 38.5, 39.0), (3, 4.0, 38.0), (0, 0.0, 0.0), (60, 37.0, 39.0)]
    for (x, tx, T) in histories:
        r_, al_, a_, b_ = map(mp.mpf, ["0.242594", "4.413595", "0.792919", "2.425892"])
        x_, tx_, T_ = mp.mpf(x), mp.mpf(tx), mp.mpf(T)
        A1 = mp.loggamma(r_ + x_) - mp.loggamma(r_) + r_ * mp.log(al_)
        A2 = mp.loggamma(a_ + b_) + mp.loggamma(b_ + x_) - mp.loggamma(b_) - mp.loggamma(a_ + b_ + x_)
        A3 = -(r_ + x_) * mp.log(al_ + T_)
        if x > 0:
            A4 = mp.log(a_) - mp.log(b_ + x_ - 1) - (r_ + x_) * mp.log(al_ + tx_)
            ll = A1 + A2 + mp.log(mp.exp(A3) + mp.exp(A4))
            palive = 1 / (1 + a_ / (b_ + x_ - 1) * ((al_ + T_) / (al_ + tx_)) ** (r_ + x_))
        else:
            ll = A1 + A2 + A3
            palive = mp.mpf(1)
        t = mp.mpf(39)
        z = t / (al_ + T_ + t)
        bracket = 1 - ((al_ + T_) / (al_ + T_ + t)) ** (r_ + x_) * mp.hyp2f1(r_ + x_, b_ + x_, a_ + b_ + x_ - 1, z)
        ey = (a_ + b_ + x_ - 1) / (a_ - 1) * bracket * palive
        print(f"{x} {tx!r} {T!r} {mp.nstr(ll, 20)} {mp.nstr(palive, 20)} {mp.nstr(ey, 20)}")

    print("// BG/NBD elsewhere (days): (r, alpha, a, b, x, t_x, T, t, P(alive), E[Y(t)])")
    others = [("0.5", "10", "1.000002", "3"), ("2", "30", "2.5", "4"), ("0.3", "5", "0.3", "0.4"),
              ("0.25", "0.01", "0.8", "2.4")]
    for params in others:
        r_, al_, a_, b_ = map(mp.mpf, params)
        for (x, tx, T, t) in [(0, 0, 0, 90), (0, 0, 200, 90), (1, 3, 200, 90), (12, 150, 160, 90),
                              (300, 700, 700, 90), (2, 20, 30, 3650), (0, 0, 5, 36500)]:
            x_, tx_, T_, t_ = map(mp.mpf, (x, tx, T, t))
            if x > 0:
                palive = 1 / (1 + a_ / (b_ + x_ - 1) * ((al_ + T_) / (al_ + tx_)) ** (r_ + x_))
            else:
                palive = mp.mpf(1)
            z = t_ / (al_ + T_ + t_)
            bracket = 1 - ((al_ + T_) / (al_ + T_ + t_)) ** (r_ + x_) * mp.hyp2f1(r_ + x_, b_ + x_, a_ + b_ + x_ - 1, z)
            ey = (a_ + b_ + x_ - 1) / (a_ - 1) * bracket * palive
            print(f"{' '.join(params)} {x} {tx}.0 {T}.0 {t}.0 {mp.nstr(palive, 20)} {mp.nstr(ey, 20)}")

    try:
        from lifetimes import BetaGeoFitter
        from lifetimes.datasets import load_cdnow_summary
    except ImportError:
        return
    import numpy as np

    bgf = BetaGeoFitter()
    bgf.params_ = {"r": 0.242594, "alpha": 4.413595, "a": 0.792919, "b": 2.425892}
    print("// the same from lifetimes (ln L, P(alive), E[Y(39)])")
    for (x, tx, T) in histories:
        ll = -BetaGeoFitter._negative_log_likelihood(
            np.log([0.242594, 4.413595, 0.792919, 2.425892]),
            np.array([x]), np.array([tx]), np.array([T]), np.array([1.0]), 0.0) * 1
        pa = bgf.conditional_probability_alive(x, tx, T)
        ey = bgf.conditional_expected_number_of_purchases_up_to_time(39, x, tx, T)
        one = lambda v: float(np.ravel(v)[0])
        print(f"({x}, {tx!r}, {T!r}, {one(ll)!r}, {one(pa)!r}, {one(ey)!r}),")

    data = load_cdnow_summary()
    fitted = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
    print("// lifetimes on its 1/10 CDNOW sample (weeks):", fitted.params_.to_dict())
    p = fitted.params_
    ll = -BetaGeoFitter._negative_log_likelihood(
        np.log([p["r"], p["alpha"], p["a"], p["b"]]), data["frequency"].values,
        data["recency"].values, data["T"].values, np.ones(len(data)), 0.0) * len(data)
    print("// its log-likelihood:", float(ll))


def compare(master, outlook_path, as_of, horizon):
    import numpy as np
    import pandas as pd
    from lifetimes import BetaGeoFitter
    from lifetimes.utils import summary_data_from_transaction_data

    log = pd.read_csv(master, sep=r"\s+", header=None,
                      names=["id", "date", "cds", "amount"], dtype={"id": str, "date": str})
    log = log[log["date"] != "date"]  # the copy in ../shared/data/cdnow has a header line
    log["amount"] = log["amount"].astype(float)
    log["date"] = pd.to_datetime(log["date"], format="%Y%m%d")
    # coltiva: a purchase is an order of amount >= 0 (CDNOW has no negative amounts).
    log = log[log["amount"] >= 0]
    summary = summary_data_from_transaction_data(
        log, "id", "date", observation_period_end=as_of, freq="D")
    fitter = BetaGeoFitter(penalizer_coef=0.0)
    fitter.fit(summary["frequency"], summary["recency"], summary["T"])
    ref = fitter.params_

    with open(outlook_path) as f:
        ours = json.load(f)
    model = ours["model"]
    rows = {c["id"]: c for c in ours["customers"]}
    ids = list(summary.index)
    missing = [i for i in ids if i not in rows]
    extra = [i for i in rows if i not in summary.index]
    x = np.array([rows[i]["x"] for i in ids], dtype=float)
    tx = np.array([rows[i]["t_x_days"] for i in ids], dtype=float)
    T = np.array([rows[i]["T_days"] for i in ids], dtype=float)
    same_history = (np.array_equal(x, summary["frequency"].values)
                    and np.array_equal(tx, summary["recency"].values)
                    and np.array_equal(T, summary["T"].values))

    print(f"customers: lifetimes {len(summary)}, coltiva {len(rows)}; "
          f"missing in coltiva {len(missing)}, extra in coltiva {len(extra)}; "
          f"identical (x, t_x, T) for every customer: {same_history}\n")
    ll_ref = -fitter._negative_log_likelihood(
        np.log([ref["r"], ref["alpha"], ref["a"], ref["b"]]),
        summary["frequency"].values, summary["recency"].values, summary["T"].values,
        np.ones(len(summary)), 0.0) * len(summary) if False else None
    # Log-likelihood of each parameter set, by lifetimes' own formula.
    def loglik(p):
        return float(-BetaGeoFitter._negative_log_likelihood(
            np.log([p["r"], p["alpha"], p["a"], p["b"]]),
            summary["frequency"].values, summary["recency"].values, summary["T"].values,
            np.ones(len(summary)), 0.0) * len(summary))

    ours_p = {"r": model["r"], "alpha": model["alpha_days"], "a": model["a"], "b": model["b"]}
    print("| parameter | coltiva | lifetimes | relative difference |")
    print("|---|---:|---:|---:|")
    for k, label in [("r", "r"), ("alpha", "α (days)"), ("a", "a"), ("b", "b")]:
        print(f"| {label} | {ours_p[k]:.6f} | {ref[k]:.6f} | {(ours_p[k] - ref[k]) / ref[k]:.2e} |")
    print(f"| log-likelihood (lifetimes' formula) | {loglik(ours_p):.4f} | {loglik(ref):.4f} | |")
    print(f"| log-likelihood reported by coltiva | {model['log_likelihood']:.4f} | | |")
    print()

    ours_alive = np.array([rows[i]["p_alive"] for i in ids])
    ours_ey = np.array([rows[i]["expected_purchases"] for i in ids])

    def table(title, ref_alive, ref_ey):
        print(f"**{title}**\n")
        print("| quantity | mean |Δ| | max |Δ| | mean (coltiva) | mean (lifetimes) |")
        print("|---|---:|---:|---:|---:|")
        for name, a_, b_ in [("P(alive)", ours_alive, ref_alive), (f"E[purchases in {horizon} days]", ours_ey, ref_ey)]:
            d = np.abs(a_ - b_)
            print(f"| {name} | {d.mean():.2e} | {d.max():.2e} | {a_.mean():.6f} | {b_.mean():.6f} |")
        print()
        d = np.abs(ours_ey - ref_ey)
        worst = np.argsort(-d)[:5]
        print("| customer | x | t_x | T | P(alive) coltiva | lifetimes | E coltiva | lifetimes |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for j in worst:
            print(f"| {ids[j]} | {int(x[j])} | {int(tx[j])} | {int(T[j])} | {ours_alive[j]:.6f} | "
                  f"{ref_alive[j]:.6f} | {ours_ey[j]:.6f} | {ref_ey[j]:.6f} |")
        print()

    ref_alive = fitter.conditional_probability_alive(x, tx, T)
    ref_ey = fitter.conditional_expected_number_of_purchases_up_to_time(horizon, x, tx, T)
    table("Each with its own fit (coltiva's parameters vs lifetimes' parameters)", ref_alive, ref_ey)

    same = BetaGeoFitter()
    same.params_ = pd.Series(ours_p)
    table("Same parameters (coltiva's fit fed to lifetimes' formulas): the formulas alone",
          same.conditional_probability_alive(x, tx, T),
          same.conditional_expected_number_of_purchases_up_to_time(horizon, x, tx, T))


def main(argv):
    if argv[1:2] == ["--mpmath"]:
        mpmath_references()
        return
    args = argv[1:]
    as_of, horizon = "1997-09-30", 90
    if "--as-of" in args:
        i = args.index("--as-of")
        as_of = args[i + 1]
        del args[i:i + 2]
    if "--horizon" in args:
        i = args.index("--horizon")
        horizon = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    compare(args[0], args[1], as_of, horizon)


if __name__ == "__main__":
    main(sys.argv)
