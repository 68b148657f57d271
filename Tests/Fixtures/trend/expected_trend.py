#!/usr/bin/env python3
"""Oracle for the trend tests: the weekly figures a report must show, from the export files alone
(pandas and numpy, nothing of engage), as JSON on stdout.

    expected_trend.py --end 2024-12-22 [--weeks 12] [--hours-weeks 16] [--tz America/New_York] [--xlsx BOOK] FILE...

Rules restated independently: weeks run Monday to Sunday in --tz; the trend is the WEEKS weeks
ending with the week holding --end. A per-post file covers the local days from its first to its
last post; a week no per-post file touches has no post figures (null), a covered week without
posts has 0. The rate of a week is Σ engagements ÷ Σ impressions over its posts, and its 95%
interval R ± z·SE (z the normal 97.5% point, from scipy) with Var(R) = Σ(y − R·x)² / ((n − 1)·n·x̄²), the post as the unit (null
below 2 posts). Follower figures sum the account overview rows of the week (null without rows).
Also: the previous week's post totals, and the posts of the best-hours window (the HOURS_WEEKS
weeks of days up to --end): their count and first and last local day. With --xlsx, the rows of
the workbook's Trend sheet as openpyxl reads them ("sheet": week start, then the nine figures of columns C–K).
"""
import argparse
import json
import re
from datetime import date, timedelta

import numpy as np
import openpyxl
import pandas as pd
from scipy.stats import norm


def read_posts(paths, tz):
    frames = []
    for path in paths:
        if not re.search(r"tweet_activity_metrics_", path):
            continue
        f = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        if f.empty:
            continue
        f = pd.DataFrame({
            "id": f["Tweet id"],
            "day": pd.to_datetime(f["time"], format="%Y-%m-%d %H:%M %z", utc=True).dt.tz_convert(tz).dt.date,
            "x": f["impressions"].astype(float).astype(np.int64),
            "y": f["engagements"].astype(float).astype(np.int64),
            "file": path,
        })
        frames.append(f)
    posts = pd.concat(frames, ignore_index=True)
    return posts.drop_duplicates("id", keep="last")


def read_overview(paths):
    frames = [pd.read_csv(p, dtype=str) for p in paths if re.search(r"account_overview_", p)]
    if not frames:
        return pd.DataFrame(columns=["day", "new", "lost"])
    rows = pd.concat(frames, ignore_index=True)
    return pd.DataFrame({
        "day": pd.to_datetime(rows["Date"], format="%a, %b %d, %Y").dt.date,
        "new": rows["New follows"].astype(np.int64),
        "lost": rows["Unfollows"].astype(np.int64),
    }).drop_duplicates("day", keep="last")


def rate(x, y):
    if x.sum() == 0:
        return None, None, None
    r = y.sum() / x.sum()
    n = len(x)
    if n < 2:
        return r, None, None
    se = np.sqrt(((y - r * x) ** 2).sum() / ((n - 1) * n * x.mean() ** 2))
    z = norm.ppf(0.975)
    return r, r - z * se, r + z * se


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--end", required=True)
    ap.add_argument("--weeks", type=int, default=12)
    ap.add_argument("--hours-weeks", type=int, default=16)
    ap.add_argument("--tz", default="America/New_York")
    ap.add_argument("--xlsx")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    posts, overview = read_posts(a.files, a.tz), read_overview(a.files)
    spans = posts.groupby("file")["day"].agg(["min", "max"])
    end = date.fromisoformat(a.end)
    last_monday = end - timedelta(days=end.weekday())
    weeks = []
    for k in range(a.weeks - 1, -1, -1):
        start = last_monday - timedelta(days=7 * k)
        stop = start + timedelta(days=6)
        mine = posts[(posts["day"] >= start) & (posts["day"] <= stop)]
        covered = len(mine) > 0 or bool(((spans["min"] <= stop) & (spans["max"] >= start)).any())
        rows = overview[(overview["day"] >= start) & (overview["day"] <= stop)]
        r, low, high = rate(mine["x"].to_numpy(dtype=float), mine["y"].to_numpy(dtype=float)) if covered else (None, None, None)
        new = int(rows["new"].sum()) if len(rows) else None
        lost = int(rows["lost"].sum()) if len(rows) else None
        weeks.append({
            "week_start": start.isoformat(),
            "posts": int(len(mine)) if covered else None,
            "impressions": int(mine["x"].sum()) if covered else None,
            "engagements": int(mine["y"].sum()) if covered else None,
            "engagement_rate": r, "ci_low": low, "ci_high": high,
            "new_follows": new, "unfollows": lost, "net_follows": None if new is None else new - lost,
        })
    window_start = end - timedelta(days=7 * a.hours_weeks - 1)
    window = posts[(posts["day"] >= window_start) & (posts["day"] <= end) & (posts["x"] > 0)]
    sheet = None
    if a.xlsx:
        book = openpyxl.load_workbook(a.xlsx, read_only=True)
        sheet = []
        for row in book["Trend"].iter_rows(min_row=2, max_col=11, values_only=True):
            if row[0] is None or isinstance(row[0], str):
                continue
            sheet.append([row[0].date().isoformat()] + [row[k] for k in (2, 3, 4, 5, 6, 7, 8, 9, 10)])
    print(json.dumps({
        "sheet": sheet,
        "weeks": weeks,
        "previous": weeks[-2],
        "hours_window": {"posts": int(len(window)), "from": min(window["day"]).isoformat(), "to": max(window["day"]).isoformat()},
    }, indent=1))


if __name__ == "__main__":
    main()
