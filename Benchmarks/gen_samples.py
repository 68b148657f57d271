#!/usr/bin/env python3
"""Deterministic generator of the bundled samples (a fictional coffee roaster's X account).

Usage: python3 Benchmarks/gen_samples.py OUT_DIR [--seed 20251124]

Writes, for the fictional handle @northwind_roasters:
  tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv  legacy per-post export (FORMATS.md 1A)
  content_northwind_roasters_20251001_20251123.csv                     current content export, late 2025 (1D)
  account_overview_northwind_roasters_20251001_20251123.csv            current account overview (1E)
  campaigns.yaml                                                       three campaigns, #FallBlend as control
  broken_export.csv                                                    a truncated export for the error demo
  heavy_tailed/tweet_activity_metrics_heavy_tailed_20241231_20251230_en.csv
      a heavy-tailed account like the real ones (Benchmarks/heavy_tailed.py, seed 17, 1,568 posts at
      random times: no hour is truly better), in its own folder so that `samples/*.csv` stays the demo's

The two per-post exports overlap in October: the content export (later end date) wins, as the
merge rule says. Planted truth (America/New_York): posts at Tue 10h, Wed 16h and Thu 8h earn
~1.7x the baseline rate; #PumpkinDrop earns +25% over #FallBlend; #OatMilkWeek is null.
Standard library only; the same seed always gives the same bytes.

With --fixtures, writes instead the account-input test fixtures (Tests/Fixtures/accounts), from
the same posts and a second seeded generator, so the samples above keep their bytes:
  daily_tweet_activity_metrics_northwind_roasters_20250801_20250831_en.csv  legacy daily export (1B), August
  content_northwind_roasters_20251001_20251031.csv                          October's posts (1D)
  content_northwind_roasters_20250801_20250810.csv, _20251110_20251120.csv  two post exports three months apart
  account_overview_northwind_roasters_20251101_20251110.csv                 overview (1E), last day exported mid-day
  account_overview_northwind_roasters_20251106_20251115.csv                 a later overview re-exporting Nov 6-10
"""
import argparse
import math
import os
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import heavy_tailed

HANDLE = "northwind_roasters"
TZ = ZoneInfo("America/New_York")
TWEPOCH_MS = 1288834974657
START = datetime(2025, 8, 1, tzinfo=timezone.utc)
END = datetime(2025, 11, 24, tzinfo=timezone.utc)  # exclusive
LEGACY_END = datetime(2025, 11, 1, tzinfo=timezone.utc)
CONTENT_START = datetime(2025, 10, 1, tzinfo=timezone.utc)

PLANTED = {(1, 10): 1.75, (2, 16): 1.65, (3, 8): 1.55}  # (weekday Mon=0, local hour) -> multiplier
CAMPAIGNS = [("#FallBlend", 1.00), ("#PumpkinDrop", 1.25), ("#OatMilkWeek", 1.00)]
BASE_RATE = 0.021

OPENERS = ["Fresh batch alert", "Morning ritual", "New on the menu", "Behind the roaster",
           "Cupping notes", "Weekend brew guide", "Meet our growers", "Latte art Friday",
           "Staff pick", "Origin story", "Brew tip", "Community shout-out"]
BODIES = ["our Ethiopian Guji is back with notes of peach & jasmine",
          "dial in your pour-over: 15 g coffee, 250 g water, 3:30 total",
          "we tasted 14 lots this week and picked two for the shop",
          "cold brew concentrate, now in returnable bottles",
          "the Colombian decaf that nobody believes is decaf",
          "a washed Kenyan that tastes like blackcurrant jam",
          "our roaster Sam walks through first crack",
          "pairing notes for the holiday pastry box",
          "why we rest espresso roasts for 10 days",
          "tiny batch: 40 bags only, first come first served"]
EMOJI = ["\u2615", "\U0001F331", "\U0001F525", "\u2728", "\U0001F4E6", ""]


def snowflake(ts: datetime, rng: random.Random) -> int:
    ms = int(ts.timestamp() * 1000) + rng.randrange(0, 1000)
    return ((ms - TWEPOCH_MS) << 22) | rng.randrange(0, 1 << 22)


def java_double(x: float) -> str:
    """Java's Double.toString: scientific notation below 1e-3."""
    if x == 0:
        return "0.0"
    if abs(x) < 1e-3:
        mant, exp = repr(x).split("e") if "e" in repr(x) else (None, None)
        if mant is None:
            s = "%.17e" % x
            mant, exp = s.split("e")
            mant = repr(float(mant))
        return f"{mant}E{int(exp)}"
    return repr(x)


def gen_posts(rng: random.Random):
    posts = []
    day = START
    while day < END:
        for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
            local_day = day.astimezone(TZ).date()
            hour = rng.choices(range(24), weights=[1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 8, 8, 7, 7, 7, 8, 7, 6, 6, 5, 4, 2, 1])[0]
            local = datetime(local_day.year, local_day.month, local_day.day, hour, rng.randrange(60), tzinfo=TZ)
            ts = local.astimezone(timezone.utc)
            if not (START <= ts < END):
                continue
            mult = PLANTED.get((local.weekday(), hour), 1.0)
            tag, cmult = None, 1.0
            u = rng.random()
            if u < 0.12:
                tag, cmult = CAMPAIGNS[0]
            elif u < 0.24:
                tag, cmult = CAMPAIGNS[1]
            elif u < 0.30:
                tag, cmult = CAMPAIGNS[2]
            media = rng.random() < 0.45
            reply = rng.random() < 0.08
            text = f"{rng.choice(OPENERS)}: {rng.choice(BODIES)} {rng.choice(EMOJI)}".strip()
            if tag:
                text += f" {tag}"
            if rng.random() < 0.3:
                text += " https://northwind.example/shop"
            if rng.random() < 0.1:
                text += "\nSee you at the bar."
            if reply:
                text = "@a_regular thanks! " + text
            impressions = int(math.exp(rng.gauss(7.2, 0.8)) * (1.3 if media else 1.0))
            p = BASE_RATE * mult * cmult
            k = 150.0
            post_rate = rng.betavariate(p * k, (1 - p) * k)
            engagements = int(round(impressions * post_rate))
            posts.append(dict(id=snowflake(ts, rng), ts=ts, text=text, impressions=impressions,
                              engagements=engagements, media=media))
        day += timedelta(days=1)
    # two hostile texts that must land as text, never formulas
    posts[5]["text"] = "=HYPERLINK(\"https://northwind.example\",\"tap\") our cheeky formula-looking post"
    posts[9]["text"] = "-1+1 reasons to visit: the second one is free refills \u2615"
    return posts


def split_engagements(p, rng):
    e = p["engagements"]
    weights = {"likes": 0.36, "retweets": 0.08, "replies": 0.04, "user profile clicks": 0.07,
               "url clicks": 0.11 if "https://" in p["text"] else 0.01, "hashtag clicks": 0.03,
               "detail expands": 0.22, "permalink clicks": 0.03, "follows": 0.01,
               "media engagements": 0.2 if p["media"] else 0.0}
    total = sum(weights.values())
    out, left = {}, e
    keys = list(weights)
    for k in keys[:-1]:
        v = min(left, int(round(e * weights[k] / total)))
        out[k] = v
        left -= v
    out[keys[-1]] = left
    out["media views"] = int(p["impressions"] * (0.35 if p["media"] else 0))
    out["bookmarks"] = int(e * 0.04)
    out["shares"] = int(e * 0.01)
    return out


LEGACY_HEADER = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements",
                 "engagement rate", "retweets", "replies", "likes", "user profile clicks", "url clicks",
                 "hashtag clicks", "detail expands", "permalink clicks", "app opens", "app installs",
                 "follows", "email tweet", "dial phone", "media views", "media engagements"]
LEGACY_HEADER += ["promoted " + h for h in LEGACY_HEADER[4:]]


def q(s) -> str:
    return '"' + str(s).replace('"', '""') + '"'


def write_legacy(path, posts, rng):
    rows = [",".join(q(h) for h in LEGACY_HEADER)]
    for i, p in enumerate(sorted(posts, key=lambda p: p["ts"], reverse=True)):
        c = split_engagements(p, rng)
        rate = p["engagements"] / p["impressions"] if p["impressions"] else 0.0
        vals = [str(p["id"]), f"https://twitter.com/{HANDLE}/status/{p['id']}",
                p["text"].replace("&", "&amp;"), p["ts"].strftime("%Y-%m-%d %H:%M +0000"),
                f"{p['impressions']}.0", f"{p['engagements']}.0", java_double(rate),
                f"{c['retweets']}.0", f"{c['replies']}.0", f"{c['likes']}.0", f"{c['user profile clicks']}.0",
                f"{c['url clicks']}.0", f"{c['hashtag clicks']}.0", f"{c['detail expands']}.0",
                f"{c['permalink clicks']}.0", "0", "0", str(c["follows"]), "0", "0",
                str(c["media views"]), str(c["media engagements"])]
        promoted = i % 97 == 13
        if promoted:
            pi = p["impressions"] * 3
            pe = int(pi * 0.012)
            vals += [str(pi), str(pe), java_double(pe / pi)] + ["0"] * 15
        else:
            vals += ["-"] * 18
        rows.append(",".join(q(v) for v in vals))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(rows) + "\n")


def content_date(ts: datetime) -> str:
    d = ts.date()
    return d.strftime("%a, %b ") + str(d.day) + d.strftime(", %Y")


def csv_field(s: str) -> str:
    return q(s) if any(ch in s for ch in ',"\n') else s


def write_content(path, posts, rng):
    header = "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks"
    rows = [header]
    chosen = list(posts)
    rng.shuffle(chosen)  # real files are not in date order
    for p in chosen:
        c = split_engagements(p, rng)
        # a re-export a few weeks later: counts have grown a little
        grow = 1.0 + rng.random() * 0.05
        imp = int(p["impressions"] * grow)
        text = " ".join(p["text"].split())[:280]
        vals = [str(p["id"]), q(content_date(p["ts"])), csv_field(text), f"https://x.com/{HANDLE}/status/{p['id']}",
                str(imp), str(c["likes"]), str(p["engagements"]), str(c["bookmarks"]), str(c["shares"]),
                str(c["follows"]), str(c["replies"]), str(c["retweets"]), str(c["user profile clicks"]),
                str(c["detail expands"]), str(c["url clicks"]), str(c["hashtag clicks"]), str(c["permalink clicks"])]
        rows.append(",".join(vals))
    rows.insert(len(rows) // 2, f",,,https://x.com/{HANDLE}/status/undefined,0,0,0,0,0,0,0,0,0,0,0,0,0")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(rows))  # the last line has no newline, as in real files


def write_overview(path, posts, rng):
    header = "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views"
    by_day = {}
    for p in posts:
        d = p["ts"].date()
        agg = by_day.setdefault(d, dict(n=0, imp=0, eng=0))
        agg["n"] += 1
        agg["imp"] += p["impressions"]
        agg["eng"] += p["engagements"]
    rows = [header]
    d = END.date() - timedelta(days=1)
    while d >= CONTENT_START.date():
        a = by_day.get(d, dict(n=0, imp=0, eng=0))
        # account totals include engagement with older posts and profile traffic
        imp = a["imp"] + rng.randrange(200, 900)
        eng = a["eng"] + rng.randrange(5, 40)
        vals = [q(d.strftime("%a, %b ") + str(d.day) + d.strftime(", %Y")), imp, int(eng * 0.37), eng,
                int(eng * 0.04), int(eng * 0.01), rng.randrange(0, 12), rng.randrange(0, 5),
                int(eng * 0.04), int(eng * 0.08), int(eng * 0.07), a["n"], int(imp * 0.05), int(imp * 0.2)]
        rows.append(",".join(str(v) for v in vals))
        d -= timedelta(days=1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(rows) + "\r\n")


DAILY_HEADER = ["Date", "Tweets published"] + LEGACY_HEADER[4:22] + LEGACY_HEADER[22:]


def write_daily(path, posts, rng, first, last):
    """Legacy daily export (FORMATS.md 1B): every day from first to last, oldest first, all quoted."""
    by_day = {}
    for p in posts:
        by_day.setdefault(p["ts"].date(), []).append(p)
    rows = [",".join(q(h) for h in DAILY_HEADER)]
    d = first
    while d <= last:
        day_posts = by_day.get(d, [])
        imp = sum(p["impressions"] for p in day_posts) + rng.randrange(150, 700)
        eng = sum(p["engagements"] for p in day_posts) + rng.randrange(3, 30)
        vals = [d.isoformat(), len(day_posts), imp, eng, repr(eng / imp), int(eng * 0.08), int(eng * 0.04),
                int(eng * 0.36), int(eng * 0.07), int(eng * 0.05), int(eng * 0.02), int(eng * 0.2), int(eng * 0.03),
                0, 0, rng.randrange(0, 6), 0, 0, int(imp * 0.15), int(eng * 0.1)] + ["-"] * 18
        rows.append(",".join(q(v) for v in vals))
        d += timedelta(days=1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(rows) + "\n")


def write_overview_days(path, rng, first, last, partial_last=False):
    """Account overview (1E) from first to last, newest first; with partial_last the last day was
    exported mid-day, so its counts are small."""
    header = "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views"
    rows = [header]
    d = last
    while d >= first:
        share = 0.3 if partial_last and d == last else 1.0
        imp = int(rng.randrange(1500, 9000) * share)
        eng = int(imp * rng.uniform(0.01, 0.04))
        vals = [q(d.strftime("%a, %b ") + str(d.day) + d.strftime(", %Y")), imp, int(eng * 0.37), eng,
                int(eng * 0.04), int(eng * 0.01), int(rng.randrange(0, 14) * share), int(rng.randrange(0, 6) * share),
                int(eng * 0.04), int(eng * 0.08), int(eng * 0.07), rng.randrange(0, 4), int(imp * 0.05), int(imp * 0.2)]
        rows.append(",".join(str(v) for v in vals))
        d -= timedelta(days=1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(rows) + "\r\n")


def write_fixtures(out, posts, seed):
    """The account-input test fixtures (see the module doc); a second generator keeps the samples' bytes."""
    rng = random.Random(seed + 19)
    day = lambda y, m, d: datetime(y, m, d, tzinfo=timezone.utc).date()

    def posts_between(first, last):
        return [p for p in posts if first <= p["ts"].date() <= last]

    write_daily(os.path.join(out, f"daily_tweet_activity_metrics_{HANDLE}_20250801_20250831_en.csv"),
                posts, rng, day(2025, 8, 1), day(2025, 8, 31))
    for first, last in [(day(2025, 10, 1), day(2025, 10, 31)), (day(2025, 8, 1), day(2025, 8, 10)),
                        (day(2025, 11, 10), day(2025, 11, 20))]:
        write_content(os.path.join(out, f"content_{HANDLE}_{first:%Y%m%d}_{last:%Y%m%d}.csv"), posts_between(first, last), rng)
    write_overview_days(os.path.join(out, f"account_overview_{HANDLE}_20251101_20251110.csv"), rng,
                        day(2025, 11, 1), day(2025, 11, 10), partial_last=True)
    write_overview_days(os.path.join(out, f"account_overview_{HANDLE}_20251106_20251115.csv"), rng,
                        day(2025, 11, 6), day(2025, 11, 15))


CAMPAIGNS_YAML = """# Campaigns for the bundled samples: which posts belong to which campaign.
# Hashtags match whole tags, case-insensitively; the control is the baseline for lifts.
campaigns:
  - name: fall-blend
    control: true
    hashtags: ["#FallBlend"]
  - name: pumpkin-drop
    hashtags: ["#PumpkinDrop"]
  - name: oat-milk-week
    hashtags: ["#OatMilkWeek"]
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20251124)
    ap.add_argument("--fixtures", action="store_true", help="write the account-input test fixtures instead")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    posts = gen_posts(rng)
    if a.fixtures:
        return write_fixtures(a.out, posts, a.seed)
    legacy = [p for p in posts if p["ts"] < LEGACY_END]
    content = [p for p in posts if p["ts"] >= CONTENT_START]
    write_legacy(os.path.join(a.out, f"tweet_activity_metrics_{HANDLE}_20250801_20251031_en.csv"), legacy, rng)
    write_content(os.path.join(a.out, f"content_{HANDLE}_20251001_20251123.csv"), content, rng)
    write_overview(os.path.join(a.out, f"account_overview_{HANDLE}_20251001_20251123.csv"), posts, rng)
    with open(os.path.join(a.out, "campaigns.yaml"), "w") as f:
        f.write(CAMPAIGNS_YAML)
    with open(os.path.join(a.out, "broken_export.csv"), "w", newline="") as f:
        f.write('"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements"\n'
                f'"1853012345678901234","https://twitter.com/{HANDLE}/status/1853012345678901234","ok","2024-11-03 10:00 +0000","1200.0","31.0"\n'
                f'"1853012345678901299","https://twitter.com/{HANDLE}/status/1853012345678901299","unterminated quote,"2024-11-03 11:00 +0000","980.0","12.0"\n')
    heavy = os.path.join(a.out, "heavy_tailed")
    os.makedirs(heavy, exist_ok=True)
    heavy_tailed.write_export(os.path.join(heavy, "tweet_activity_metrics_heavy_tailed_20241231_20251230_en.csv"),
                              heavy_tailed.posts(1568, "heavy", 17), 17)


if __name__ == "__main__":
    main()
