#!/usr/bin/env python3
"""Independent computation of the best-hour empirical-Bayes model (docs/METHODS.md, "Best hour to post")
on a small synthetic account, written to end_to_end.json for BestHoursTests.

Slots come from zoneinfo, the model from numpy, the intervals from scipy.stats.beta.ppf.
Run: python3 Tests/Fixtures/besthours/make_end_to_end.py
"""
import json
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from scipy import stats

HERE = Path(__file__).resolve().parent
TZ = "Europe/Berlin"
rng = np.random.default_rng(20261124)

n = 300
start = datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp()
unix = np.sort(rng.integers(0, 365 * 86400, n) + int(start))
zone = ZoneInfo(TZ)
local = [datetime.fromtimestamp(int(t), tz=timezone.utc).astimezone(zone) for t in unix]
# Concentrate posts: move them to a few hours by keeping only hours 8-20 (resample others).
imps = np.maximum(1, np.round(1500 * np.exp(0.9 * rng.standard_normal(n)))).astype(int)
hour = np.array([l.hour for l in local])
true = rng.beta(0.025 * 800, 0.975 * 800, n) * np.where((hour >= 18) & (hour <= 20), 1.3, 1.0)
# Replies (a third): fewer impressions, rates 2.5x and more spread, as in real accounts (heavy tails).
reply = rng.random(n) < 0.33
imps = np.where(reply, np.maximum(1, imps // 8), imps)
true = np.where(reply, true * 2.5 * rng.lognormal(0, 0.6, n), true)
eng = rng.binomial(imps, np.clip(true, 0, 1))

x = imps.astype(float)
y = eng.astype(float)
X = x.sum()
p0 = y.sum() / X
r = y / x
w = x / X
S = np.sum(w * (r - p0) ** 2)
den = np.sum((w - w * w) * (1 - 1 / x))
tau2 = max(0.0, (S - p0 * (1 - p0) * (n - 1) / X) / den)
assert tau2 > 0
kappa = max(1.0, p0 * (1 - p0) / tau2 - 1)
e = x * kappa / (x + kappa)

cells = {}
for i, l in enumerate(local):
    key = (l.isoweekday(), l.hour)
    c = cells.setdefault(key, {"E": 0.0, "Y": 0.0, "YY": 0.0, "posts": 0})
    c["E"] += e[i]
    c["Y"] += e[i] * r[i]
    c["YY"] += e[i] * r[i] ** 2
    c["posts"] += 1

# Centre: the effective-impression-weighted mean of post rates (the baseline, same estimand as a slot).
E = np.array([c["E"] for c in cells.values()])
Y = np.array([c["Y"] for c in cells.values()])
R = Y / E
pbar = Y.sum() / E.sum()
v = pbar * (1 - pbar)
# Within-slot dispersion of post rates relative to the beta-binomial model, at least 1.
within = sum(max(0.0, c["YY"] - c["Y"] ** 2 / c["E"]) for c in cells.values())
phi = max(1.0, within / (v * (n - len(cells))))
# Between-slot prior (DerSimonian-Laird on slot rates with weights E / (phi v)).
W = E / (phi * v)
centre = np.sum(W * R) / W.sum()
Q = np.sum(W * (R - centre) ** 2)
cden = W.sum() - np.sum(W ** 2) / W.sum()
sigma2 = max(0.0, (Q - (len(E) - 1)) / cden)
K = max(E.sum() / phi, 1.0)
if sigma2 > 0:
    K = min(K, max(1e-6, v / sigma2 - 1))
a0, b0 = max(0.5, pbar * K), max(0.5, (1 - pbar) * K)

out_cells = []
keys = sorted(cells) + [(d, h) for d, h in [(1, 3), (7, 4)] if (d, h) not in cells]
for key in keys:
    c = cells.get(key, {"E": 0.0, "Y": 0.0, "posts": 0})
    a, b = a0 + c["Y"] / phi, b0 + (c["E"] - c["Y"]) / phi
    out_cells.append({"iso_weekday": key[0], "hour": key[1], "posts": c["posts"],
                      "rate": a / (a + b), "ci_low": float(stats.beta.ppf(0.025, a, b)),
                      "ci_high": float(stats.beta.ppf(0.975, a, b))})

doc = {"tz": TZ, "baseline": pbar, "ratio_of_sums": p0, "dispersion": phi, "kappa": kappa, "between_slot_variance": sigma2, "prior_strength": K,
       "posts": [{"unix": int(t), "impressions": int(a), "engagements": int(b)} for t, a, b in zip(unix, imps, eng)],
       "cells": out_cells}
(HERE / "end_to_end.json").write_text(json.dumps(doc, indent=1) + "\n")
print(f"p0={p0:.5f} pbar={pbar:.5f} phi={phi:.3f} kappa={kappa:.1f} sigma2={sigma2:.3g} K={K:.1f} cells={len(out_cells)}")
