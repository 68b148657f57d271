#!/usr/bin/env python3
"""Seeded weekly exports of one fictional account, as a scheduled job would collect them.

    weekly_exports.py OUTDIR [--weeks 14] [--last 2024-12-16] [--skip 5] [--overview 8] [--seed 11]

Runs the benchmark's generator (Benchmarks/gen_export.py, 2,600 posts over 2023-2024) once, then
writes one legacy per-post export per week (Monday to Sunday in America/New_York) for the WEEKS
weeks ending with the week starting LAST, named for its window (tweet_activity_metrics_trend_co_
<monday>_<sunday>_en.csv); the SKIP-th of those weeks (counting back from the last, 0 = the last)
gets no file, so the trend has a gap. The last OVERVIEW weeks also get an account overview export
(seeded daily impressions, engagements, new follows and unfollows). Same arguments, same bytes.
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

ZONE = ZoneInfo("America/New_York")
HANDLE = "trend_co"
OVERVIEW_HEADER = ["Date", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares", "New follows", "Unfollows",
                   "Replies", "Reposts", "Profile visits", "Create Post", "Video views", "Media views"]


def local_day(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M %z").astimezone(ZONE).date()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--weeks", type=int, default=14)
    ap.add_argument("--last", default="2024-12-16")
    ap.add_argument("--skip", type=int, default=5)
    ap.add_argument("--overview", type=int, default=8)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    os.makedirs(a.outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        base = os.path.join(scratch, "base.csv")
        subprocess.run([sys.executable, os.path.join(root, "Benchmarks", "gen_export.py"), "2600", str(a.seed), base,
                        "--handle", HANDLE], check=True)
        with open(base, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    time_column = header.index("time")
    last = date.fromisoformat(a.last)
    starts = [last - timedelta(days=7 * k) for k in range(a.weeks - 1, -1, -1)]
    for k, start in enumerate(starts):
        if a.weeks - 1 - k == a.skip:
            continue
        end = start + timedelta(days=6)
        week = [r for r in body if start <= local_day(r[time_column]) <= end]
        name = f"tweet_activity_metrics_{HANDLE}_{start:%Y%m%d}_{end:%Y%m%d}_en.csv"
        with open(os.path.join(a.outdir, name), "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
            w.writerow(header)
            w.writerows(week)
    rng = np.random.default_rng(a.seed + 1)
    for start in starts[-a.overview:]:
        end = start + timedelta(days=6)
        name = f"account_overview_{HANDLE}_{start:%Y%m%d}_{end:%Y%m%d}.csv"
        with open(os.path.join(a.outdir, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(OVERVIEW_HEADER)
            for d in range(6, -1, -1):  # newest first, as X writes them
                day = start + timedelta(days=d)
                impressions = int(rng.integers(2000, 6000))
                engagements = int(rng.binomial(impressions, 0.015))
                likes = int(rng.binomial(engagements, 0.4))
                follows, unfollows = int(rng.poisson(9)), int(rng.poisson(4))
                w.writerow([day.strftime("%a, %b %d, %Y").replace(" 0", " "), impressions, likes, engagements, 0, 0,
                            follows, unfollows, 1, 2, 3, 1, 0, 0])


if __name__ == "__main__":
    main()
