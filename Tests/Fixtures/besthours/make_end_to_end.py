#!/usr/bin/env python3
"""Independent computation of the best-hour empirical-Bayes model (docs/METHODS-besthours.md)
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
    c = cells.setdefault(key, {"E": 0.0, "Y": 0.0, "posts": 0})
    c["E"] += e[i]
    c["Y"] += e[i] * r[i]
    c["posts"] += 1

# Between-slot prior (DerSimonian-Laird on slot rates with weights E / (p0 (1 - p0))).
v = p0 * (1 - p0)
E = np.array([c["E"] for c in cells.values()])
R = np.array([c["Y"] / c["E"] for c in cells.values()])
W = E / v
centre = np.sum(W * R) / W.sum()
Q = np.sum(W * (R - centre) ** 2)
cden = W.sum() - np.sum(W ** 2) / W.sum()
sigma2 = max(0.0, (Q - (len(E) - 1)) / cden)
K = E.sum()
if sigma2 > 0:
    K = min(K, max(1e-6, v / sigma2 - 1))
a0, b0 = max(0.5, p0 * K), max(0.5, (1 - p0) * K)

out_cells = []
keys = sorted(cells) + [(d, h) for d, h in [(1, 3), (7, 4)] if (d, h) not in cells]
for key in keys:
    c = cells.get(key, {"E": 0.0, "Y": 0.0, "posts": 0})
    a, b = a0 + c["Y"], b0 + c["E"] - c["Y"]
    out_cells.append({"iso_weekday": key[0], "hour": key[1], "posts": c["posts"],
                      "rate": a / (a + b), "ci_low": float(stats.beta.ppf(0.025, a, b)),
                      "ci_high": float(stats.beta.ppf(0.975, a, b))})

doc = {"tz": TZ, "baseline": p0, "kappa": kappa, "between_slot_variance": sigma2, "prior_strength": K,
       "posts": [{"unix": int(t), "impressions": int(a), "engagements": int(b)} for t, a, b in zip(unix, imps, eng)],
       "cells": out_cells}
(HERE / "end_to_end.json").write_text(json.dumps(doc, indent=1) + "\n")
print(f"p0={p0:.5f} kappa={kappa:.1f} sigma2={sigma2:.3g} K={K:.1f} cells={len(out_cells)}")
