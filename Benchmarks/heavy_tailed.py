#!/usr/bin/env python3
"""Seeded generator of accounts shaped like real X exports (docs/METHODS.md, "What real accounts look like").

Usage:
  python3 Benchmarks/heavy_tailed.py OUT.csv [--posts 1568] [--profile heavy|large] [--seed 17]
      writes a legacy per-post export (FORMATS.md 1A) of a fictional account
  python3 Benchmarks/heavy_tailed.py --figures [--posts N] [--profile P] [--seed S]
      prints the REAL-DATA figures of the generated posts as JSON (checked by HeavyTailedAccountTests)

Model (the same as Tests/EngageAnalysisTests/HeavyTailedAccount.swift, with its own draws): post i is a
reply with probability `reply_share`; ln x = mu + spread*Z + tail*Exp(1) (+ reply_shift for replies);
logit p = base - slope*(ln x - mu) (+ reply_bonus) + noise*Z'; engagements ~ Binomial(x, p).
Posting times: one year from 2025-01-01 UTC, hours weighted toward daytime in America/New_York; no
slot is truly better, so the file is also a null account for best hours. Standard library only.
"""
import argparse
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

PROFILES = {
    # like account B of the table: median ~200 impressions, top 1% hold ~1/3, mean of rates ~3x the ratio of sums
    "heavy": dict(mu=4.7, spread=1.6, tail=0.75, reply_share=0.35, reply_shift=-0.8,
                  base=-3.5, slope=0.33, reply_bonus=0.5, noise=1.0),
    # like account A: median ~7,000 impressions, top 1% hold ~a fifth, rates mildly tied to size
    "large": dict(mu=8.4, spread=0.8, tail=0.6, reply_share=0.07, reply_shift=-1.5,
                  base=-3.0, slope=0.05, reply_bonus=0.3, noise=0.8),
}
TZ = ZoneInfo("America/New_York")
START = datetime(2025, 1, 1, tzinfo=timezone.utc)
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 8, 8, 7, 7, 7, 8, 7, 6, 6, 5, 4, 2, 1]


def binomial(rng, n, p):
    """Exact inversion for small means, the rounded normal approximation above 30."""
    mean = n * p
    if mean < 30:
        k, pmf = 0, (1 - p) ** n
        cdf, u = pmf, rng.random()
        while u > cdf and k < n:
            pmf *= (n - k) / (k + 1) * p / (1 - p)
            k += 1
            cdf += pmf
            if pmf < 1e-300 and k > mean:
                break
        return k
    return int(min(n, max(0, round(rng.gauss(mean, math.sqrt(mean * (1 - p)))))))


def posts(count, profile, seed):
    """[(impressions, engagements, is_reply)] for `count` posts."""
    m = PROFILES[profile]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        reply = rng.random() < m["reply_share"]
        log_x = m["mu"] + m["spread"] * rng.gauss(0, 1) + m["tail"] * rng.expovariate(1.0) + (m["reply_shift"] if reply else 0)
        x = max(1, int(round(math.exp(log_x))))
        logit = m["base"] - m["slope"] * (log_x - m["mu"]) + (m["reply_bonus"] if reply else 0) + m["noise"] * rng.gauss(0, 1)
        out.append((x, binomial(rng, x, 1 / (1 + math.exp(-logit))), reply))
    return out


def quantile(sorted_values, q):
    h = (len(sorted_values) - 1) * q
    lo = int(math.floor(h))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def figures(rows):
    """The REAL-DATA table's figures (posts with 0 impressions left out)."""
    rows = [r for r in rows if r[0] > 0]
    x = sorted(float(r[0]) for r in rows)
    total = sum(x)
    top = max(1, int(round(len(x) * 0.01)))
    rates = [r[1] / r[0] for r in rows]
    mean_rate = sum(rates) / len(rates)
    ratio = sum(r[1] for r in rows) / total
    logs = [math.log(r[0]) for r in rows]
    ml = sum(logs) / len(logs)
    sxy = sum((l - ml) * (r - mean_rate) for l, r in zip(logs, rates))
    sxx = sum((l - ml) ** 2 for l in logs)
    syy = sum((r - mean_rate) ** 2 for r in rates)
    return {"posts": len(rows), "p10": quantile(x, 0.1), "p50": quantile(x, 0.5), "p90": quantile(x, 0.9),
            "p99": quantile(x, 0.99), "max": x[-1], "decades": math.log10(x[-1] / x[0]),
            "top_share": sum(x[-top:]) / total, "mean_over_ratio": mean_rate / ratio,
            "correlation": sxy / math.sqrt(sxx * syy), "reply_share": sum(r[2] for r in rows) / len(rows)}


def write_export(path, rows, seed):
    """A legacy per-post export with the columns engage reads; replies start with @."""
    rng = random.Random(seed + 1)
    header = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements", "engagement rate"]
    lines = [",".join(f'"{h}"' for h in header)]
    records = []
    for i, (x, y, reply) in enumerate(rows):
        day = START + timedelta(days=rng.randrange(365))
        local_day = day.astimezone(TZ).date()
        hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
        local = datetime(local_day.year, local_day.month, local_day.day, hour, rng.randrange(60), tzinfo=TZ)
        ts = local.astimezone(timezone.utc)
        ms = int(ts.timestamp() * 1000) + rng.randrange(1000)
        post_id = ((ms - 1288834974657) << 22) | i
        text = ("@someone thanks, " if reply else "") + f"synthetic post {i}"
        records.append((ts, post_id, text, x, y))
    for ts, post_id, text, x, y in sorted(records, reverse=True):
        values = [str(post_id), f"https://twitter.com/heavy_tailed/status/{post_id}", text,
                  ts.strftime("%Y-%m-%d %H:%M +0000"), f"{x}.0", f"{y}.0", repr(y / x)]
        lines.append(",".join('"' + v.replace('"', '""') + '"' for v in values))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--posts", type=int, default=1568)
    ap.add_argument("--profile", choices=sorted(PROFILES), default="heavy")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--figures", action="store_true")
    a = ap.parse_args()
    rows = posts(a.posts, a.profile, a.seed)
    if a.figures:
        print(json.dumps(figures(rows), sort_keys=True))
    elif a.out:
        write_export(a.out, rows, a.seed)
    else:
        ap.error("give OUT.csv or --figures")


if __name__ == "__main__":
    sys.exit(main())
