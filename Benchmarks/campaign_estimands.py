#!/usr/bin/env python3
"""Which lift should `engage compare` measure? Power and coverage of three estimands on heavy-tailed accounts.

Usage: python3 Benchmarks/campaign_estimands.py [--runs 200] [--draws 999] [--profiles heavy,large]

A planted +30% (every treated post's true rate x 1.3, events drawn afresh) on half of a 1,500-post
account of Benchmarks/heavy_tailed.py's model, and A/A splits (50/50, 20/80) of the same accounts.
Each estimand is a weighted mean of post rates M = sum(w r) / sum(w), i.e. a ratio of sums of
(w, w r), with the post-level (sandwich) variance Var(M) = n sum(w^2 (r - M)^2) / ((n - 1) (sum w)^2):
  ratio_of_sums   w = x                      (engage before this change)
  mean_of_rates   w = 1
  effective       w = e = x k / (x + k), k fitted on the pooled posts of the comparison
                  (METHODS "Between posts": impressions-weighted moments, k = p0(1-p0)/tau^2 - 1)
Per estimand: the studentized permutation test T = (M1 - M0)/sqrt(Var1 + Var0) (found: p < 0.05 and
lift > 0; --draws 0 uses the normal approximation of T instead, which is quick), and the log-ratio delta interval exp(ln M1 - ln M0 +- 1.96 SE) - 1 (covered: holds +30%).
NumPy only; its own draws (not the Swift generator's).
"""
import argparse
import math
import sys

import numpy as np

PROFILES = {
    "heavy": dict(mu=4.7, spread=1.6, tail=0.75, reply_share=0.35, reply_shift=-0.8,
                  base=-3.5, slope=0.33, reply_bonus=0.5, noise=1.0),
    "large": dict(mu=8.4, spread=0.8, tail=0.6, reply_share=0.07, reply_shift=-1.5,
                  base=-3.0, slope=0.05, reply_bonus=0.3, noise=0.8),
}


def account(rng, n, m):
    reply = rng.random(n) < m["reply_share"]
    log_x = m["mu"] + m["spread"] * rng.standard_normal(n) + m["tail"] * rng.exponential(1.0, n) + np.where(reply, m["reply_shift"], 0)
    x = np.maximum(1, np.round(np.exp(log_x))).astype(np.int64)
    logit = m["base"] - m["slope"] * (log_x - m["mu"]) + np.where(reply, m["reply_bonus"], 0) + m["noise"] * rng.standard_normal(n)
    p = 1 / (1 + np.exp(-logit))
    return x, p


def kappa(x, y):
    """Impressions one post is worth, from the pooled posts (None: no overdispersion)."""
    x = x.astype(float)
    total = x.sum()
    p0 = y.sum() / total
    w = x / total
    r = np.clip(y / x, 0, 1)
    s = np.sum(w * (r - p0) ** 2)
    den = np.sum((w - w * w) * (1 - 1 / x))
    tau2 = max(0.0, (s - p0 * (1 - p0) * (len(x) - 1) / total) / den)
    if tau2 <= 0 or p0 <= 0 or p0 >= 1:
        return None
    return max(1.0, p0 * (1 - p0) / tau2 - 1)


def weights(kind, x, y):
    if kind == "ratio_of_sums":
        return x.astype(float)
    if kind == "mean_of_rates":
        return np.ones(len(x))
    k = kappa(x, y)
    return x.astype(float) if k is None else x * k / (x + k)


def mean_var(w, r, mask):
    """M and Var(M) of the posts where mask is true; mask may be 2-D (one row per shuffle)."""
    n = mask.sum(-1)
    sw = (w * mask).sum(-1)
    m = (w * r * mask).sum(-1) / sw
    resid = (w * (r - m[..., None]) if mask.ndim == 2 else w * (r - m)) ** 2
    return m, n * (resid * mask).sum(-1) / ((n - 1) * sw * sw)


def compare(kind, x, y, treated, rng, draws):
    w = weights(kind, x, y)
    r = y / x
    m1, v1 = mean_var(w, r, treated)
    m0, v0 = mean_var(w, r, ~treated)
    t = (m1 - m0) / math.sqrt(v1 + v0)
    se_log = math.sqrt(v1 / m1 ** 2 + v0 / m0 ** 2)
    d = math.log(m1 / m0)
    p = math.erfc(abs(t) / math.sqrt(2))   # the z test when draws is 0
    if draws:
        masks = np.argsort(rng.random((draws, len(x))), axis=1) < treated.sum()
        a1, b1 = mean_var(w, r, masks)
        a0, b0 = mean_var(w, r, ~masks)
        ts = (a1 - a0) / np.sqrt(b1 + b0)
        p = (1 + np.sum(np.abs(ts) >= abs(t) * (1 - 1e-12))) / (1 + draws)
    return m1 / m0 - 1, math.expm1(d - 1.959964 * se_log), math.expm1(d + 1.959964 * se_log), p, t


KINDS = ["ratio_of_sums", "mean_of_rates", "effective"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--draws", type=int, default=999)
    ap.add_argument("--profiles", default="heavy,large")
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    for name in a.profiles.split(","):
        m = PROFILES[name]
        found = {k: 0 for k in KINDS}
        covered = {k: 0 for k in KINDS}
        aa = {(k, s): 0 for k in KINDS for s in (0.5, 0.2)}
        for _ in range(a.runs):
            x, p = account(rng, 1500, m)
            treated = np.arange(1500) >= 750
            y = rng.binomial(x, np.where(treated, np.minimum(1, p * 1.3), p))
            y_aa = rng.binomial(x, p)
            for k in KINDS:
                lift, lo, hi, pv, _ = compare(k, x, y, treated, rng, a.draws)
                found[k] += pv < 0.05 and lift > 0
                covered[k] += lo <= 0.30 <= hi
                for share in (0.5, 0.2):
                    split = rng.permutation(1500) < int(1500 * share)
                    aa[(k, share)] += compare(k, x, y_aa, split, rng, a.draws)[3] < 0.05
        print(f"{name}: {a.runs} accounts of 1,500 posts, {a.draws} shuffles")
        for k in KINDS:
            print(f"  {k:14s} planted +30% found {100 * found[k] / a.runs:5.1f}%  covered {100 * covered[k] / a.runs:5.1f}%"
                  f"  A/A 50/50 {100 * aa[(k, 0.5)] / a.runs:4.1f}%  20/80 {100 * aa[(k, 0.2)] / a.runs:4.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
