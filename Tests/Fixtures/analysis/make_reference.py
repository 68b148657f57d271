#!/usr/bin/env python3
"""Reference values for EngageAnalysis, computed independently with SciPy and statsmodels.

Run from anywhere:  python3 Tests/Fixtures/analysis/make_reference.py [--check]
Writes reference.json beside this script: inputs (synthetic, seeded) and expected outputs.
With --check it writes nothing and exits 1 when reference.json differs from what it would write
(for `make test`: the fixture is current).
The Swift tests (Tests/EngageAnalysisTests) read it and compare at a tight relative tolerance.
Formulas for the post-level rate statistics follow /docs METHODS.md ("Rate of a group",
"Campaign against control": the lift on the effective-impression-weighted mean of post rates),
written here with NumPy independently of the Swift code.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import statsmodels
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
Z = stats.norm.ppf(0.975)
Z80 = stats.norm.ppf(0.8)


def none_if_nan(v):
    v = float(v)
    return None if not math.isfinite(v) else v


def clean(v):
    """NumPy scalars to Python numbers, NaN/Inf to null (no NaN ever reaches the fixture)."""
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return none_if_nan(v)
    return v


def distributions():
    xs = [-38.0, -30.0, -20.0, -10.0, -8.0, -5.0, -3.0, -1.96, -1.0, -0.5, -1e-8, 0.0, 1e-8,
          0.3, 0.5, 1.0, 1.5, 1.959963984540054, 2.5, 3.0, 5.0, 8.0, 10.0]
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
          0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-10]
    normal_cdf = [[x, stats.norm.cdf(x)] for x in xs]
    normal_sf = [[x, stats.norm.sf(x)] for x in xs]
    normal_ppf = [[p, stats.norm.ppf(p)] for p in ps]
    erfc = [[x, special.erfc(x)] for x in [-3.0, -1.0, -0.1, 0.0, 0.1, 0.5, 1.0, 2.0, 4.0, 10.0, 26.0]]
    dfs = [1.0, 2.0, 3.0, 4.5, 7.0, 10.0, 17.3, 30.0, 100.0, 1000.0, 1e6]
    ts = [-50.0, -6.0, -3.0, -2.0, -1.0, -0.2, 0.0, 0.2, 1.0, 2.0, 2.5, 3.0, 6.0, 50.0]
    t_cdf = [[t, df, stats.t.cdf(t, df)] for df in dfs for t in ts]
    t_sf = [[t, df, stats.t.sf(t, df)] for df in dfs for t in [1.0, 3.0, 6.0, 20.0]]
    t_ppf = [[p, df, stats.t.ppf(p, df)] for df in dfs
             for p in [1e-10, 1e-4, 0.005, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.995, 1 - 1e-4]]
    abx = [(0.5, 0.5, 0.3), (1, 1, 0.42), (2, 3, 0.1), (2, 3, 0.9), (0.5, 7.5, 0.01), (10, 20, 0.33),
           (10, 20, 0.5), (50, 1000, 0.04), (50, 1000, 0.06), (3.5, 0.5, 0.999), (200, 300, 0.4),
           (0.1, 0.1, 0.5), (5, 5, 1e-6), (1500, 25000, 0.0566), (1, 99, 0.001), (30, 0.5, 0.97)]
    betainc = [[a, b, x, special.betainc(a, b, x)] for a, b, x in abx]
    beta_ppf = [[p, a, b, stats.beta.ppf(p, a, b)] for a, b in
                [(0.5, 0.5), (1, 1), (2, 3), (0.7, 30), (15, 400), (150, 9000), (3, 1.5), (1500, 25000)]
                for p in [0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999]]
    return dict(normal_cdf=normal_cdf, normal_sf=normal_sf, normal_ppf=normal_ppf, erfc=erfc, t_cdf=t_cdf,
                t_sf=t_sf, t_ppf=t_ppf, betainc=betainc, beta_ppf=beta_ppf)


def xoshiro_outputs(seed, count):
    """xoshiro256** seeded by SplitMix64 (Blackman & Vigna), written from the published algorithm."""
    mask = (1 << 64) - 1
    state = []
    sm = seed
    for _ in range(4):
        sm = (sm + 0x9E3779B97F4A7C15) & mask
        z = sm
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        state.append(z ^ (z >> 31))
    s0, s1, s2, s3 = state
    rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & mask
    out = []
    for _ in range(count):
        out.append(str((rotl((s1 * 5) & mask, 7) * 9) & mask))
        t = (s1 << 17) & mask
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
    return out


def make_group(rng, n, rate, kappa=300.0, scale=2000.0):
    """Synthetic overdispersed posts: lognormal impressions, beta-distributed per-post rates."""
    x = np.maximum(0, np.round(rng.lognormal(np.log(scale), 1.0, n))).astype(np.int64)
    p = rng.beta(rate * kappa, (1 - rate) * kappa, n)
    y = rng.binomial(x, p).astype(np.int64)
    return x, y


def rate_stats(x, y):
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    n = len(x)
    out = dict(posts=n, impressions=int(x.sum()), events=int(y.sum()))
    sx = x.sum()
    if sx > 0:
        r = y.sum() / sx
        out["rate"] = r
        if n >= 2:
            xbar = sx / n
            var = ((y - r * x) ** 2).sum() / ((n - 1) * n * xbar ** 2)
            out["se"] = math.sqrt(var)
            out["ci"] = [r - Z * math.sqrt(var), r + Z * math.sqrt(var)]
        else:
            out["se"] = None
            out["ci"] = None
        if y.sum() <= sx:
            lo, hi = proportion_confint(int(y.sum()), int(sx), alpha=0.05, method="wilson")
            out["wilson"] = [lo, hi]
        else:
            out["wilson"] = None
    else:
        out.update(rate=None, se=None, ci=None, wilson=None)
    rates = y[x > 0] / x[x > 0]
    out["mean_rate"] = float(rates.mean()) if len(rates) else None
    if len(rates) >= 2:
        half = stats.t.ppf(0.975, len(rates) - 1) * rates.std(ddof=1) / math.sqrt(len(rates))
        out["mean_ci"] = [rates.mean() - half, rates.mean() + half]
    else:
        out["mean_ci"] = None
    return out


def post_strength(x, y):
    """kappa = p0(1 - p0)/tau2 - 1 (at least 1) from the impressions-weighted moments of the post
    rates, corrected for binomial noise (METHODS "Between posts"); None when tau2 is 0."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    keep = x > 0
    x, y = x[keep], y[keep]
    total = x.sum()
    p0 = min(1.0, max(0.0, y.sum() / total))
    w = x / total
    r = np.clip(y / x, 0, 1)
    s = np.sum(w * (r - p0) ** 2)
    den = np.sum((w - w ** 2) * (1 - 1 / x))
    tau2 = max(0.0, (s - p0 * (1 - p0) * (len(x) - 1) / total) / den) if len(x) >= 2 and den > 0 else 0.0
    if tau2 <= 0 or not 0 < p0 < 1:
        return None
    return max(1.0, p0 * (1 - p0) / tau2 - 1)


def weighted_mean(x, y, kappa):
    """M = sum(e r)/sum(e) over posts with impressions, e = x kappa/(x + kappa) (x when kappa is None),
    and its sandwich variance n sum(e^2 (r - M)^2) / ((n - 1) (sum e)^2)."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    keep = x > 0
    x, y = x[keep], y[keep]
    e = x if kappa is None else x * kappa / (x + kappa)
    r = y / x
    m = np.sum(e * r) / np.sum(e)
    n = len(x)
    return m, n * np.sum(e ** 2 * (r - m) ** 2) / ((n - 1) * np.sum(e) ** 2)


def comparison_stats(x1, y1, x0, y0):
    a, b = rate_stats(x1, y1), rate_stats(x0, y0)
    out = {}
    out["lift_ratio_of_sums"] = a["rate"] / b["rate"] - 1
    kappa = post_strength(np.concatenate([x1, x0]), np.concatenate([y1, y0]))
    out["kappa"] = kappa
    r1, v1 = weighted_mean(x1, y1, kappa)
    r0, v0 = weighted_mean(x0, y0, kappa)
    out["campaign_rate"], out["control_rate"] = r1, r0
    out["abs_lift"] = r1 - r0
    out["abs_lift_se"] = math.sqrt(v1 + v0)
    out["lift"] = r1 / r0 - 1
    se = math.sqrt(v1 / r1 ** 2 + v0 / r0 ** 2)
    d = math.log(r1) - math.log(r0)
    out["log_se"] = se
    out["z"] = d / se
    out["p_value"] = 2 * stats.norm.sf(abs(d / se))
    out["lift_ci"] = [math.exp(d - Z * se) - 1, math.exp(d + Z * se) - 1]
    out["mde"] = math.exp((Z + Z80) * se) - 1
    rates1 = np.asarray(y1, float)[np.asarray(x1) > 0] / np.asarray(x1, float)[np.asarray(x1) > 0]
    rates0 = np.asarray(y0, float)[np.asarray(x0) > 0] / np.asarray(x0, float)[np.asarray(x0) > 0]
    w = stats.ttest_ind(rates1, rates0, equal_var=False)
    out["welch"] = dict(statistic=w.statistic, pvalue=w.pvalue, df=w.df)
    mw = stats.mannwhitneyu(rates1, rates0)
    out["mann_whitney"] = dict(statistic=mw.statistic, pvalue=mw.pvalue)
    return out


def main():
    rng = np.random.default_rng(20240301)
    ref = dict(generator=dict(python="3", scipy=scipy.__version__, statsmodels=statsmodels.__version__,
                              numpy=np.__version__, z=Z))
    ref["distributions"] = distributions()

    groups = []
    for n, rate in [(2, 0.02), (3, 0.05), (12, 0.03), (40, 0.015), (250, 0.021), (7, 0.4)]:
        x, y = make_group(rng, n, rate)
        groups.append(dict(x=x.tolist(), y=y.tolist()))
    groups.append(dict(x=[1200], y=[30]))                      # one post
    groups.append(dict(x=[0, 0, 0], y=[0, 0, 0]))              # no impressions
    groups.append(dict(x=[500, 800, 0, 1200], y=[0, 0, 0, 0]))  # no events, one post unseen
    groups.append(dict(x=[1000, 2000, 3000], y=[10, 20, 30]))  # identical rates
    for g in groups:
        g["expected"] = rate_stats(g["x"], g["y"])
    ref["rates"] = groups

    comparisons = []
    for n1, n0, r1, r0 in [(6, 7, 0.03, 0.025), (30, 25, 0.024, 0.02), (120, 150, 0.02, 0.02),
                           (400, 400, 0.025, 0.02), (9, 80, 0.05, 0.03), (5, 5, 0.01, 0.012)]:
        x1, y1 = make_group(rng, n1, r1)
        x0, y0 = make_group(rng, n0, r0)
        comparisons.append(dict(x1=x1.tolist(), y1=y1.tolist(), x0=x0.tolist(), y0=y0.tolist(),
                                expected=comparison_stats(x1, y1, x0, y0)))
    # A heavy tail (impressions over five decades, small posts with high rates) and pure binomial
    # posts (no overdispersion: kappa is None and every post counts by its impressions), drawn from
    # their own generator so the cases above keep their values.
    extra = np.random.default_rng(17)
    for n1, n0 in [(60, 90)]:
        groups = []
        for n, lift in [(n1, 1.3), (n0, 1.0)]:
            log_x = 4.7 + 1.6 * extra.standard_normal(n) + 0.75 * extra.exponential(1.0, n)
            x = np.maximum(1, np.round(np.exp(log_x))).astype(np.int64)
            p = lift / (1 + np.exp(3.5 + 0.33 * (log_x - 4.7) - extra.standard_normal(n)))
            groups.append((x, extra.binomial(x, np.minimum(1, p)).astype(np.int64)))
        (x1, y1), (x0, y0) = groups
        comparisons.append(dict(x1=x1.tolist(), y1=y1.tolist(), x0=x0.tolist(), y0=y0.tolist(),
                                expected=comparison_stats(x1, y1, x0, y0)))
    while True:   # the first draw whose pooled rates vary less than binomial noise says
        x1 = extra.integers(500, 5000, 40)
        x0 = extra.integers(500, 5000, 50)
        y1, y0 = extra.binomial(x1, 0.03), extra.binomial(x0, 0.03)
        if post_strength(np.concatenate([x1, x0]), np.concatenate([y1, y0])) is None:
            break
    comparisons.append(dict(x1=x1.tolist(), y1=y1.tolist(), x0=x0.tolist(), y0=y0.tolist(),
                            expected=comparison_stats(x1, y1, x0, y0)))
    ref["comparisons"] = comparisons

    welch = []
    for a, b in [([0.1, 0.2, 0.3], [0.15, 0.35, 0.5, 0.55]), (rng.normal(0, 1, 20).tolist(), rng.normal(0.5, 3, 9).tolist()),
                 ([1.0, 1.0, 2.0], [5.0, 5.0]), (rng.normal(10, 2, 200).tolist(), rng.normal(10.2, 2.5, 180).tolist())]:
        r = stats.ttest_ind(a, b, equal_var=False)
        welch.append(dict(a=a, b=b, statistic=r.statistic, pvalue=r.pvalue, df=r.df))
    ref["welch"] = welch

    mw = []
    cases = [([1.5, 2.5, 3.5], [4.0, 5.0, 6.0, 7.0]),                         # exact, extreme
             ([0.3, 0.1, 0.9, 0.7, 0.5], [0.2, 0.4, 0.6, 0.8]),                # exact, middle
             ([1.0], [2.0]),                                                  # exact, tiny
             (rng.normal(0, 1, 8).tolist(), rng.normal(1, 1, 300).tolist()),   # exact, one side large
             (rng.normal(0, 1, 3).tolist(), rng.normal(0.5, 1, 2000).tolist()),
             ([1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 4.0]),                         # ties -> asymptotic
             (rng.normal(0, 1, 9).tolist(), rng.normal(0.8, 1, 12).tolist()),  # both > 8 -> asymptotic
             (np.round(rng.normal(0, 1, 60), 1).tolist(), np.round(rng.normal(0.3, 1, 70), 1).tolist()),
             ([5.0, 5.0, 5.0], [5.0, 5.0])]                                    # all tied
    for a, b in cases:
        r = stats.mannwhitneyu(a, b)
        mw.append(dict(a=a, b=b, statistic=r.statistic, pvalue=r.pvalue))
    ref["mann_whitney"] = mw

    holm = []
    for ps in [[0.01, 0.04, 0.03, 0.005], [0.5], [0.2, 0.2, 0.01], [0.001, 0.9, 0.04, 0.04, 0.3, 0.02], [0.6, 0.7]]:
        holm.append(dict(p=ps, adjusted=multipletests(ps, method="holm")[1].tolist()))
    ref["holm"] = holm

    ref["random"] = [dict(seed=str(seed), outputs=xoshiro_outputs(seed, 6)) for seed in [0, 42, 20240301, 2**64 - 1]]

    text = json.dumps(clean(ref), indent=1, allow_nan=False) + "\n"
    path = os.path.join(HERE, "reference.json")
    if "--check" in sys.argv[1:]:
        with open(path) as f:
            current = f.read()
        if json.loads(current) != json.loads(text):
            print(f"{path} is out of date: run python3 {os.path.relpath(__file__)}", file=sys.stderr)
            sys.exit(1)
        print(f"{os.path.basename(path)} is current")
        return
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
