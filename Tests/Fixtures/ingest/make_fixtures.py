#!/usr/bin/env python3
"""Writes the hand-written ingest fixtures (one per export variant of FORMATS.md §1).

The rows below are synthetic (the account @lumen_bakery does not exist). The script only
adds what is tedious by hand: Snowflake ids from posting times, the legacy 40-column
layout, quoting, and the byte-level encodings (UTF-8 BOM, UTF-16LE, CRLF, no final newline).
Run it from anywhere: python3 Tests/Fixtures/ingest/make_fixtures.py
"""
import os
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TWEPOCH_MS = 1288834974657


def snowflake(when, seq=0, extra_ms=0):
    """Post id for a UTC time 'YYYY-MM-DD HH:MM[:SS]' (Snowflake: ms since X's epoch << 22)."""
    fmt = "%Y-%m-%d %H:%M:%S" if when.count(":") == 2 else "%Y-%m-%d %H:%M"
    dt = datetime.strptime(when, fmt).replace(tzinfo=timezone.utc)
    ms = int(dt.timestamp() * 1000) + extra_ms
    return ((ms - TWEPOCH_MS) << 22) | (7 << 12) | seq


def q(field):
    """RFC 4180 quoting: always quote, double inner quotes (legacy exports quote everything)."""
    return '"' + str(field).replace('"', '""') + '"'


def q_needed(field, sep=","):
    s = str(field)
    if any(c in s for c in (sep, '"', "\n", "\r")):
        return '"' + s.replace('"', '""') + '"'
    return s


def write(name, text, encoding="utf-8", newline="\n", final_newline=True):
    body = text.replace("\n", newline) if newline != "\n" else text
    if not final_newline:
        body = body.rstrip("\r\n")
    data = body.encode(encoding)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    print(f"{name}: {len(data)} bytes")


LEGACY_COUNTS = ["impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
                 "user profile clicks", "url clicks", "hashtag clicks", "detail expands", "permalink clicks",
                 "app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
                 "media engagements"]


def legacy_header(likes="likes"):
    counts = [likes if c == "likes" else c for c in LEGACY_COUNTS]
    return ["Tweet id", "Tweet permalink", "Tweet text", "time"] + counts + ["promoted " + c for c in counts]


NOT_PROMOTED = ["-"] * 18

# ---- A. legacy per-post, English, likes ------------------------------------------------
# Newest first. Row 1 has a line break, doubled quotes and an entity in its text (2 physical lines).
LEGACY_ROWS = [
    # time, text, 18 organic values as X writes them, 18 promoted values
    ("2016-12-23 18:50", 'Holiday hours 🎄\nWe\'re open "late" on the 23rd &amp; 24th',
     ["1938.0", "48.0", "0.024767801857585137", "3.0", "1.0", "12.0", "4.0", "0.0", "0.0", "25.0", "3.0",
      "0", "0", "1", "0", "0", "120", "7"], NOT_PROMOTED),
    ("2016-12-20 09:05", "Stollen is back. Pre-order link in bio, limited batches; first come, first served",
     ["8937.0", "5.0", "5.595970900951316E-4", "1.0", "0.0", "2.0", "0.0", "1.0", "0.0", "1.0", "0.0",
      "0", "0", "0", "0", "0", "0", "0"],
     ["12000", "300", "0.025", "10", "2", "40", "15", "150", "3", "60", "20", "0", "0", "5", "0", "0", "0", "0"]),
    ("2016-12-15 12:00", "Oven maintenance today, back tomorrow",
     ["0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0",
      "0", "0", "0", "0", "0", "0", "0"], NOT_PROMOTED),
    ("2016-12-10 07:30", "Sourdough starter giveaway this Saturday #baking",
     ["1204.0", "31.0", "0.025747508305647843", "2.0", "-2.0", "9.0", "3.0", "1.2k", "2.0", "11.0", "1.0",
      "0", "0", "0", "0", "0", "0", "0"], NOT_PROMOTED),
]


def legacy_file(header, rows, seconds=17):
    lines = [",".join(q(h) for h in header)]
    for i, (when, text, organic, promoted) in enumerate(rows):
        pid = snowflake(when, seq=i, extra_ms=seconds * 1000)
        link = f"https://twitter.com/lumen_bakery/status/{pid}"
        lines.append(",".join(q(v) for v in [pid, link, text, when + " +0000"] + organic + promoted))
    return "\n".join(lines) + "\n"


write("tweet_activity_metrics_lumen_bakery_20161201_20161231_en.csv", legacy_file(legacy_header(), LEGACY_ROWS))

# ---- A (2015). favorites instead of likes --------------------------------------------------
ROWS_2015 = [
    ("2015-10-05 14:22", "Pumpkin loaf Fridays start this week",
     ["640.0", "22.0", "0.034375", "1.0", "2.0", "5.0", "1.0", "6.0", "0.0", "6.0", "1.0",
      "0", "0", "0", "0", "0", "0", "0"], NOT_PROMOTED),
    ("2015-09-14 08:03", "Good morning! Croissants out at 7",
     ["512.0", "9.0", "0.017578125", "0.0", "0.0", "4.0", "0.0", "0.0", "0.0", "5.0", "0.0",
      "0", "0", "0", "0", "0", "0", "0"], NOT_PROMOTED),
]
write("tweet_activity_metrics_lumen_bakery_20150901_20151130_en.csv",
      legacy_file(legacy_header("favorites"), ROWS_2015))

# ---- A (ja). Japanese header --------------------------------------------------------------
JA_COUNTS = ["インプレッション", "エンゲージメント", "エンゲージメント率", "リツイート", "返信", "いいね",
             "ユーザープロフィールクリック", "URLクリック数", "ハッシュタグクリック", "詳細クリック",
             "固定リンクのクリック数", "アプリ表示", "アプリインストール", "フォローしている",
             "ツイートをメール送信", "ダイアル式電話", "メディアの再生数", "メディアのエンゲージメント数"]
JA_HEADER = ["ツイートID", "ツイートの固定リンク", "ツイート本文", "時間"] + JA_COUNTS + ["プロモの" + c for c in JA_COUNTS]
ROWS_JA = [
    ("2017-03-02 03:15", "新作のメロンパンを焼きました🍈 ぜひどうぞ",
     ["2210.0", "75.0", "0.033936651583710405", "6.0", "2.0", "30.0", "5.0", "4.0", "1.0", "22.0", "5.0",
      "0", "0", "2", "0", "0", "88", "9"], NOT_PROMOTED),
    ("2017-01-15 23:40", "明日は臨時休業です",
     ["801.0", "12.0", "0.0149812734082397", "0.0", "1.0", "6.0", "1.0", "0.0", "0.0", "4.0", "0.0",
      "0", "0", "0", "0", "0", "0", "0"], NOT_PROMOTED),
]
write("tweet_activity_metrics_lumen_bakery_20170101_20170331_ja.csv", legacy_file(JA_HEADER, ROWS_JA))

# ---- B. legacy daily ----------------------------------------------------------------------
daily_counts = [c for c in LEGACY_COUNTS]
DAILY_HEADER = ["Date", "Tweets published"] + daily_counts + ["promoted " + c for c in daily_counts]
DAILY_ROWS = [
    ("2021-08-01", "2", ["1510", "40", "0.026490066225165563", "2", "1", "20", "3", "4", "0", "8", "2",
                         "0", "0", "1", "0", "0", "30", "4"], NOT_PROMOTED),
    ("2021-08-02", "0", ["380", "6", "0.015789473684210527", "0", "0", "3", "1", "0", "0", "2", "0",
                         "0", "0", "0", "0", "0", "0", "0"], NOT_PROMOTED),
    ("2021-08-03", "1", ["2940", "88", "0.02993197278911565", "5", "3", "41", "6", "12", "1", "15", "5",
                         "0", "0", "2", "0", "0", "64", "10"],
     ["5000", "120", "0.024", "4", "1", "30", "9", "50", "0", "20", "6", "0", "0", "3", "0", "0", "0", "0"]),
]
lines = [",".join(q(h) for h in DAILY_HEADER)]
for day, published, organic, promoted in DAILY_ROWS:
    lines.append(",".join(q(v) for v in [day, published] + organic + promoted))
write("daily_tweet_activity_metrics_lumen_bakery_20210801_20210803_en.csv", "\n".join(lines) + "\n")

# ---- C. content export, early 2025: CRLF, unquoted dates, quoted only when needed ----------
EARLY_HEADER = ("Post id,Date,Post text,Link,Impressions,Likes,Engagements,Bookmarks,Share,New follows,"
                "Replies,Reposts,Profile visits,Detail expands,Url clicks,Hashtag clicks,Permalink clicks")
e1 = snowflake("2025-02-03 15:04:05", 1)
e2 = snowflake("2025-02-04 02:30:00", 2)   # Date column says the 3rd: one day off (time zones) is fine
e3 = snowflake("2025-02-10 11:00:00", 3)   # Date column says the 5th: a mismatch
e4 = snowflake("2025-02-07 19:45:00", 4)   # 0 impressions
rows = [
    [e2, "Mon Feb 03 2025", "Late-night baking stream, come say hi", f"https://x.com/lumen_bakery/status/{e2}",
     410, 9, 20, 1, 0, 0, 2, 1, 3, 4, 0, 0, 1],
    [e1, "Mon Feb 03 2025", "New rye, same \"grumpy\" baker, see you at 8", f"https://x.com/lumen_bakery/status/{e1}",
     1520, 31, 70, 4, 1, 2, 3, 5, 6, 15, 2, 1, 1],
    [e3, "Wed Feb 05 2025", "Valentine's pre-orders are open", f"https://x.com/lumen_bakery/status/{e3}",
     2890, 60, 150, 12, 3, 4, 6, 9, 11, 30, 18, 2, 3],
    ["", "", "", "https://x.com/lumen_bakery/status/undefined", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [e4, "Fri Feb 07 2025", "Closed for inventory", f"https://x.com/lumen_bakery/status/{e4}",
     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
]
text = EARLY_HEADER + "\n" + "\n".join(",".join(q_needed(v) for v in r) for r in rows) + "\n"
write("account_analytics_content_2025-02-01_2025-02-28.csv", text, newline="\r\n")

# ---- D. content export, late 2025: quoted dates, LF, no final newline ----------------------
LATE_HEADER = ("Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,"
               "Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks")
l1 = snowflake("2025-11-09 16:20:00", 1)
l2 = snowflake("2025-10-28 07:05:00", 2)
l3 = snowflake("2025-11-02 12:00:00", 3)
long_text = ("Our winter menu, explained: " + "cardamom buns, rye crackers, chestnut tart, " * 6)[:279] + "…"
rows = [
    [l1, "Sun, Nov 9, 2025", "Sunday special: cardamom buns 🌀 #fika", f"https://x.com/lumen_bakery/status/{l1}",
     3120, 88, 190, 14, 5, 6, 9, 12, 15, 40, 7, 4, 3],
    [l2, "Tue, Oct 28, 2025", long_text, f"https://x.com/lumen_bakery/status/{l2}",
     980, 12, 33, 2, 0, 1, 1, 2, 4, 9, 3, 0, 1],
    ["", "", "", "https://x.com/lumen_bakery/status/undefined", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [l3, "Sun, Nov 2, 2025", "Clocks changed, ovens did not", f"https://x.com/lumen_bakery/status/{l3}",
     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
]
text = LATE_HEADER + "\n" + "\n".join(",".join(q_needed(v) for v in r) for r in rows)
write("content_lumen_bakery_20251001_20251110.csv", text, final_newline=False)

# ---- D (ja). Japanese header with the literal backslash after 共有された回数 ----------------
JA_LATE_HEADER = ("ポストID,日付,ポスト本文,ポストのリンク,インプレッション数,いいね,エンゲージメント,ブックマーク,"
                  "共有された回数\\,新しいフォロー,返信,リポスト,プロフィールへのアクセス数,詳細のクリック数,"
                  "URLのクリック数,ハッシュタグのクリック数,パーマリンクのクリック数")
j1 = snowflake("2025-11-08 01:10:00", 5)
j2 = snowflake("2025-11-05 09:00:00", 6)
rows = [
    [j1, "Sat, Nov 8, 2025", "週末限定のシナモンロール、本日も焼き上がりました", f"https://x.com/lumen_bakery/status/{j1}",
     1450, 40, 95, 6, 2, 3, 4, 5, 7, 20, 4, 1, 2],
    [j2, "Wed, Nov 5, 2025", "店休日のお知らせ", f"https://x.com/lumen_bakery/status/{j2}",
     600, 8, 15, 0, 0, 0, 1, 1, 1, 3, 0, 0, 0],
]
text = JA_LATE_HEADER + "\n" + "\n".join(",".join(q_needed(v) for v in r) for r in rows) + "\n"
write("content_lumen_bakery_20251101_20251110_ja.csv", text)

# ---- E. account overview: newest first -----------------------------------------------------
OVERVIEW_HEADER = ("Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,"
                   "Profile visits,Create Post,Video views,Media views")
OVERVIEW_ROWS = [
    ["Tue, Feb 18, 2025", 3289, 17, 48, 1, 0, 4, 3, 1, 3, 3, 2, 164, 657],
    ["Mon, Feb 17, 2025", 905, 6, 14, 0, 0, 1, 0, 0, 1, 1, 0, 40, 180],
    ["Sun, Feb 16, 2025", 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
]
text = OVERVIEW_HEADER + "\n" + "\n".join(",".join(q_needed(v) for v in r) for r in OVERVIEW_ROWS) + "\n"
write("account_overview_lumen_bakery_20250201_20250218.csv", text)

# ---- Excel "Unicode text": UTF-16LE with BOM, tab separated, CRLF (account overview) --------
text = OVERVIEW_HEADER.replace(",", "\t") + "\n" + "\n".join(
    "\t".join(q_needed(v, "\t") for v in r) for r in OVERVIEW_ROWS) + "\n"
write("account_overview_lumen_bakery_20250201_20250218_unicode.txt", "\ufeff" + text,
      encoding="utf-16-le", newline="\r\n")

# ---- European Excel re-save of a legacy export: UTF-8 BOM, ';', CRLF, decimal commas ------
def excel_de(value):
    """A number as German Excel writes it: no trailing .0, decimal comma; text untouched."""
    try:
        x = float(value)
    except ValueError:
        return value
    if x == int(x) and "E" not in value:
        return str(int(x))
    return value.replace(".", ",")


lines = [";".join(q_needed(h, ";") for h in legacy_header())]
for i, (when, text_, organic, promoted) in enumerate(LEGACY_ROWS[:3]):
    pid = snowflake(when, seq=i, extra_ms=17000)
    link = f"https://twitter.com/lumen_bakery/status/{pid}"
    values = [str(pid), link, text_, when + " +0000"] + [excel_de(v) for v in organic] + promoted
    lines.append(";".join(q_needed(v, ";") for v in values))
write("tweet_activity_metrics_lumen_bakery_20161201_20161231_en_excel_de.csv",
      "\ufeff" + "\n".join(lines) + "\n", newline="\r\n")

print("ids:", {"legacy": [snowflake(r[0], i, 17000) for i, r in enumerate(LEGACY_ROWS)],
               "2015": [snowflake(r[0], i, 17000) for i, r in enumerate(ROWS_2015)],
               "ja": [snowflake(r[0], i, 17000) for i, r in enumerate(ROWS_JA)],
               "early": [e1, e2, e3, e4], "late": [l1, l2, l3], "late_ja": [j1, j2]})
