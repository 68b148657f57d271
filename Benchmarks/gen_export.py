#!/usr/bin/env python3
"""Seeded generator of legacy "tweet activity" exports for the benchmark (any size).

    python3 Benchmarks/gen_export.py ROWS SEED OUT.csv [--handle NAME]

Writes the 40-column legacy per-post export (docs/FORMATS.md: every field quoted, UTF-8 with a
BOM, organic counts as "123.0", app opens and after as "0", promoted columns "-" for posts that
were not promoted, newest first, times as "2024-03-05 14:07 +0000") for a fictional account.
The posts span 2023-2024 in America/New_York, so the local hours cross four DST changes.

Planted, so that the report has something to find: three weekday-hour slots (local time) with a
higher engagement rate, and three campaigns tagged #campA (control), #campB (+25%) and #campC
(no effect), with some tags in other cases or punctuation and a few look-alikes (#camping) that
are not campaigns. Texts mix emoji, CJK, quotes, commas, line breaks and cells starting with
= + - that a spreadsheet must keep as text. The same (ROWS, SEED, handle) always gives the same
bytes. numpy and the standard library only.
"""
import argparse
import csv
import os
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import numpy as np

COUNT_COLUMNS = ["impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
                 "user profile clicks", "url clicks", "hashtag clicks", "detail expands",
                 "permalink clicks", "app opens", "app installs", "follows", "email tweet",
                 "dial phone", "media views", "media engagements"]
HEADER = (["Tweet id", "Tweet permalink", "Tweet text", "time"] + COUNT_COLUMNS
          + ["promoted " + name for name in COUNT_COLUMNS])
# The engagement kinds that add up to "engagements", with their shares (media posts differ).
KINDS = ["retweets", "replies", "likes", "user profile clicks", "url clicks", "hashtag clicks",
         "detail expands", "permalink clicks", "app opens", "app installs", "follows",
         "email tweet", "dial phone", "media engagements"]
SHARE_TEXT = np.array([8, 4, 30, 8, 12, 3, 30, 4, 0.2, 0.05, 0.5, 0.05, 0, 0], dtype=float)
SHARE_MEDIA = np.array([7, 3, 26, 6, 6, 2, 22, 3, 0.2, 0.05, 0.4, 0.05, 0, 25], dtype=float)
WRITTEN_AS_FLOAT = 8  # the first eight kinds are written "12.0"; the rest "12"

ZONE = ZoneInfo("America/New_York")
START = int(datetime(2023, 1, 1, tzinfo=timezone.utc).timestamp())
END = int(datetime(2025, 1, 1, tzinfo=timezone.utc).timestamp())
SNOWFLAKE_EPOCH_MS = 1288834974657
BASE_RATE = 0.018
PLANTED = [(2, 16, 1.8), (1, 10, 1.65), (3, 8, 1.5)]  # (weekday Mon=0, local hour, rate multiplier)
CAMPAIGNS = [("campA", 0.08, 1.0), ("campB", 0.08, 1.25), ("campC", 0.04, 1.0)]  # tag, share, effect

WORDS = ("launch team update customers report data growth webinar sale spring summer coffee "
         "dashboard release thread tips results chart booth office weekend product support").split()
EXTRAS = ["🚀", "📊", "👋🏽", "☕", "🇨🇦", "“quoted”", "\"quotes\" inside", "a, b; c", "日本語のお知らせ",
          "¿Qué tal?", "R&D", "line one\nline two", "@acme_corp", "#AI", "#marketing", "#tbt", "#camping",
          "#campaign"]
FORMULA_LIKE = ["=SUM(A1:A3) jokes aside", "+20% this week", "-- update --", "@here all hands"]


def local_slots(seconds):
    """Local weekday (Mon=0) and hour of each UTC instant, through an hourly table of offsets."""
    hours = np.arange(START, END + 3600, 3600)
    offsets = np.array([datetime.fromtimestamp(int(h), ZONE).utcoffset().total_seconds() for h in hours],
                       dtype=np.int64)
    local = seconds + offsets[(seconds - START) // 3600]
    days = local // 86400
    return (days + 3) % 7, (local % 86400) // 3600  # 1970-01-01 was a Thursday


def texts(rng, n, campaign):
    words = np.array(WORDS, dtype=object)
    picks = rng.integers(0, len(WORDS), size=(n, 7))
    lengths = rng.integers(3, 8, n)
    extra = rng.integers(0, len(EXTRAS), n)
    has_extra = rng.random(n) < 0.5
    formula = rng.random(n) < 0.01
    formula_pick = rng.integers(0, len(FORMULA_LIKE), n)
    spelling = rng.integers(0, 6, n)
    link = rng.random(n) < 0.4
    out = []
    for i in range(n):
        parts = [FORMULA_LIKE[formula_pick[i]]] if formula[i] else []
        parts.append(" ".join(words[picks[i, :lengths[i]]]).capitalize() + ".")
        if has_extra[i]:
            parts.append(EXTRAS[extra[i]])
        if campaign[i] >= 0:
            tag = "#" + CAMPAIGNS[campaign[i]][0]
            tag = [tag, tag.upper(), tag.lower(), tag + "!", "(" + tag + ")", tag + ","][spelling[i]]
            parts.insert(len(parts) if spelling[i] % 2 else 0, tag)
        if link[i]:
            parts.append(f"https://t.co/{i:010x}")
        out.append(" ".join(parts))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("out")
    ap.add_argument("--handle", default="acme_analytics")
    a = ap.parse_args()
    n, rng = a.rows, np.random.default_rng(a.seed)

    seconds = np.sort(rng.integers(START, END, n))[::-1]
    ids = ((seconds * 1000 - SNOWFLAKE_EPOCH_MS) << 22) | (np.arange(n)[::-1] & 0x3FFFFF)  # newest first
    weekday, hour = local_slots(seconds)
    slot_effect = np.ones(n)
    for day, at, effect in PLANTED:
        slot_effect[(weekday == day) & (hour == at)] = effect
    draw = rng.random(n)
    campaign = np.full(n, -1)
    edge = 0.0
    effect = np.ones(n)
    for index, (_, share, lift) in enumerate(CAMPAIGNS):
        chosen = (draw >= edge) & (draw < edge + share)
        campaign[chosen], effect[chosen] = index, lift
        edge += share
    media = rng.random(n) < 0.35
    impressions = np.rint(rng.lognormal(6.8, 1.1, n) * np.where(media, 1.3, 1.0)).astype(np.int64)
    impressions[rng.random(n) < 0.001] = 0
    rate = BASE_RATE * slot_effect * effect
    engagements = rng.binomial(impressions, rng.beta(rate * 150, (1 - rate) * 150))
    kinds = np.where(media[:, None], rng.multinomial(engagements, SHARE_MEDIA / SHARE_MEDIA.sum()),
                     rng.multinomial(engagements, SHARE_TEXT / SHARE_TEXT.sum()))
    media_views = np.where(media, rng.binomial(impressions, 0.35), 0)
    promoted = (rng.random(n) < 0.02) & (impressions > 0)
    promoted_impressions = np.rint(rng.lognormal(8.0, 1.0, n)).astype(np.int64) + 1
    promoted_engagements = rng.binomial(promoted_impressions, BASE_RATE / 2)
    post_texts = texts(rng, n, campaign)

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(n):
            counts = kinds[i].tolist()
            imp, eng = int(impressions[i]), int(engagements[i])
            organic = ([f"{imp}.0", f"{eng}.0", repr(eng / imp) if imp else "0.0"]
                       + [f"{v}.0" for v in counts[:WRITTEN_AS_FLOAT]]
                       + [str(v) for v in counts[WRITTEN_AS_FLOAT:-1]] + [str(int(media_views[i])), str(counts[-1])])
            if promoted[i]:
                pi, pe = int(promoted_impressions[i]), int(promoted_engagements[i])
                paid = [f"{pi}.0", f"{pe}.0", repr(pe / pi)] + ["0"] * (len(COUNT_COLUMNS) - 3)
            else:
                paid = ["-"] * len(COUNT_COLUMNS)
            time = datetime.fromtimestamp(int(seconds[i]), timezone.utc).strftime("%Y-%m-%d %H:%M +0000")
            post_id = str(int(ids[i]))
            w.writerow([post_id, f"https://twitter.com/{a.handle}/status/{post_id}", post_texts[i], time]
                       + organic + paid)


if __name__ == "__main__":
    main()
