#!/usr/bin/env python3
"""The benchmark's peer: the report an analyst would write with pandas, XlsxWriter and matplotlib.

    python3 Benchmarks/peer_report.py EXPORT.csv --out-dir DIR [--tz America/New_York] [--control campA]

It does the work `engage report` does on a legacy export, the way a careful analyst would:
reads every column with pandas, finds the campaign of each post from its #campX tag, compares
the campaigns with the control (Wilson intervals, pooled z-test, Welch's t on per-post rates),
finds the best local weekday-hour slots and the daily series, and writes report.xlsx (Summary,
Posts with every column and the derived ones, Campaigns, BestHours, Daily; three native charts;
XlsxWriter's constant-memory mode), three PNG charts and a four-page PDF. Phase times go to
stdout. It is a yardstick, not a second implementation: its statistics are the textbook ones.
"""
import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
from contextlib import contextmanager  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xlsxwriter  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from scipy import stats  # noqa: E402

PHASES = {"imports": time.perf_counter() - STARTED}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CAMPAIGN_TAG = re.compile(r"#(camp[a-z])\b", re.IGNORECASE)
MAX_ROWS = 1_048_575  # Excel's rows below the header


@contextmanager
def phase(name):
    begun = time.perf_counter()
    yield
    PHASES[name] = PHASES.get(name, 0.0) + time.perf_counter() - begun


def read(path):
    promoted = [c for c in pd.read_csv(path, encoding="utf-8-sig", nrows=0).columns if c.startswith("promoted ")]
    df = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values={c: ["-"] for c in promoted},
                     dtype={"Tweet id": str, "Tweet permalink": str, "Tweet text": str, "time": str})
    df["time"] = pd.to_datetime(df["time"], format="%Y-%m-%d %H:%M %z", utc=True)
    for column in df.columns[4:]:
        df[column] = pd.to_numeric(df[column])
    return df


def campaign_of(text):
    tags = {"camp" + tag[-1].upper() for tag in CAMPAIGN_TAG.findall(text)}
    return tags.pop() if len(tags) == 1 else ("(none)" if not tags else "(several)")


def wilson(events, trials, z=1.959963984540054):
    p = events / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * np.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return centre - half, centre + half


def analyse(df, tz, control):
    shown = df["impressions"] > 0
    df["rate"] = np.where(shown, df["engagements"] / df["impressions"].where(shown), np.nan)
    local = df["time"].dt.tz_convert(tz)
    df["local time"] = local.dt.tz_localize(None)
    df["weekday"] = local.dt.day_of_week
    df["hour"] = local.dt.hour
    df["campaign"] = df["Tweet text"].map(campaign_of)
    rated = df[shown]
    base = rated[rated["campaign"] == control]
    rows = []
    for name, group in rated.groupby("campaign"):
        events, trials = int(group["engagements"].sum()), int(group["impressions"].sum())
        low, high = wilson(events, trials)
        row = {"campaign": name, "posts": len(group), "impressions": trials, "engagements": events,
               "rate": events / trials, "low": low, "high": high, "lift": np.nan, "z p": np.nan, "welch p": np.nan}
        if name != control:
            pooled = (events + base["engagements"].sum()) / (trials + base["impressions"].sum())
            se = np.sqrt(pooled * (1 - pooled) * (1 / trials + 1 / base["impressions"].sum()))
            z = (events / trials - base["engagements"].sum() / base["impressions"].sum()) / se
            row.update(lift=row["rate"] / (base["engagements"].sum() / base["impressions"].sum()) - 1,
                       **{"z p": 2 * stats.norm.sf(abs(z)),
                          "welch p": stats.ttest_ind(group["rate"], base["rate"], equal_var=False).pvalue})
        rows.append(row)
    campaigns = pd.DataFrame(rows)
    slots = rated.groupby(["weekday", "hour"])["rate"].agg(["mean", "count"])
    slots = slots.reindex(pd.MultiIndex.from_product([range(7), range(24)], names=["weekday", "hour"]))
    best = slots[slots["count"] >= 5].sort_values("mean", ascending=False).head(3).reset_index()
    daily = df.groupby(df["local time"].dt.normalize()).agg(
        posts=("Tweet id", "size"), impressions=("impressions", "sum"), engagements=("engagements", "sum"))
    daily["rate"] = daily["engagements"] / daily["impressions"].where(daily["impressions"] > 0)
    return campaigns, slots, best, daily


def excel_days(series):
    return ((series - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)).to_numpy()


def write_workbook(path, df, campaigns, slots, best, daily, tz):
    book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "use_zip64": len(df) > 300_000})
    header = book.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "white"})
    percent, count = book.add_format({"num_format": "0.00%"}), book.add_format({"num_format": "#,##0"})
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    summary = book.add_worksheet("Summary")
    facts = [("Posts", len(df)), ("Impressions", int(df["impressions"].sum())),
             ("Engagements", int(df["engagements"].sum())),
             ("Engagement rate", df["engagements"].sum() / df["impressions"].sum()), ("Time zone", tz)]
    facts += [(f"Best slot {i + 1}", f"{WEEKDAYS[int(r.weekday)]} {int(r.hour):02d}:00, {r['mean']:.2%} over {r['count']:.0f} posts")
              for i, r in best.iterrows()]
    for row, (name, value) in enumerate(facts):
        summary.write_string(row, 0, name)
        summary.write(row, 1, value, percent if isinstance(value, float) else None)

    columns = list(df.columns[:40]) + ["local time", "weekday", "hour", "campaign", "rate"]
    values = [excel_days(df["time"].dt.tz_localize(None)) if c == "time" else
              excel_days(df[c]) if c == "local time" else
              np.array(WEEKDAYS, dtype=object)[df[c].to_numpy()] if c == "weekday" else
              df[c].to_numpy() for c in columns]
    formats = [stamp if c in ("time", "local time") else percent if "rate" in c else
               None if c in ("Tweet id", "Tweet permalink", "Tweet text", "weekday", "campaign") else count
               for c in columns]
    for sheet_index, first in enumerate(range(0, len(df), MAX_ROWS)):
        sheet = book.add_worksheet("Posts" if sheet_index == 0 else f"Posts ({sheet_index + 1})")
        for j, fmt in enumerate(formats):
            sheet.set_column(j, j, 60 if columns[j] == "Tweet text" else 12, fmt)
        sheet.write_row(0, 0, columns, header)
        last = min(len(df), first + MAX_ROWS)
        cells = [[None if isinstance(v, float) and v != v else v for v in column[first:last].tolist()]
                 for column in values]
        for row, record in enumerate(zip(*cells), start=1):
            sheet.write_row(row, 0, record)

    sheet = book.add_worksheet("Campaigns")
    sheet.write_row(0, 0, list(campaigns.columns), header)
    for row, record in enumerate(campaigns.itertuples(index=False), start=1):
        sheet.write_row(row, 0, [None if isinstance(v, float) and v != v else v for v in record])
    chart = book.add_chart({"type": "column"})
    chart.add_series({"name": "Engagement rate", "categories": ["Campaigns", 1, 0, len(campaigns), 0],
                      "values": ["Campaigns", 1, 4, len(campaigns), 4]})
    sheet.insert_chart(len(campaigns) + 2, 0, chart)

    sheet = book.add_worksheet("BestHours")
    sheet.write_row(0, 1, [f"{h:02d}" for h in range(24)], header)
    means = slots["mean"].unstack("hour")
    for day in range(7):
        sheet.write_string(day + 1, 0, WEEKDAYS[day])
        sheet.write_row(day + 1, 1, [None if v != v else v for v in means.iloc[day].tolist()], percent)
    sheet.conditional_format(1, 1, 7, 24, {"type": "3_color_scale"})
    chart = book.add_chart({"type": "line"})
    chart.add_series({"name": "Monday", "categories": ["BestHours", 0, 1, 0, 24], "values": ["BestHours", 1, 1, 1, 24]})
    sheet.insert_chart(9, 0, chart)

    sheet = book.add_worksheet("Daily")
    sheet.write_row(0, 0, ["date", "posts", "impressions", "engagements", "rate"], header)
    for row, (day, record) in enumerate(zip(excel_days(pd.Series(daily.index)), daily.itertuples(index=False)), start=1):
        sheet.write_row(row, 0, [day] + [None if isinstance(v, float) and v != v else v for v in record])
    chart = book.add_chart({"type": "line"})
    chart.add_series({"name": "impressions", "categories": ["Daily", 1, 0, len(daily), 0], "values": ["Daily", 1, 2, len(daily), 2]})
    sheet.insert_chart(1, 6, chart)
    with phase("zip"):
        book.close()


def figures(campaigns, slots, daily):
    shown = campaigns[~campaigns["campaign"].str.startswith("(")]
    bars, axes = plt.subplots(figsize=(8, 4.5))
    axes.bar(shown["campaign"], shown["rate"], yerr=[shown["rate"] - shown["low"], shown["high"] - shown["rate"]])
    axes.set_title("Engagement rate by campaign (Wilson 95%)")
    heat, axes = plt.subplots(figsize=(10, 4))
    image = axes.imshow(slots["mean"].unstack("hour").to_numpy(), aspect="auto", cmap="viridis")
    axes.set_yticks(range(7), WEEKDAYS)
    heat.colorbar(image)
    axes.set_title("Engagement rate by local weekday and hour")
    trend, axes = plt.subplots(figsize=(10, 4))
    axes.plot(daily.index, daily["impressions"])
    axes.twinx().plot(daily.index, daily["rate"], color="tab:orange")
    axes.set_title("Daily impressions and engagement rate")
    return {"campaigns": bars, "best_hours": heat, "daily": trend}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--tz", default="America/New_York")
    ap.add_argument("--control", default="campA")
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    with phase("read"):
        df = read(a.csv)
    with phase("analyse"):
        campaigns, slots, best, daily = analyse(df, a.tz, a.control)
    with phase("workbook"):
        write_workbook(os.path.join(a.out_dir, "report.xlsx"), df, campaigns, slots, best, daily, a.tz)
    with phase("charts"):
        charts = figures(campaigns, slots, daily)
        for name, figure in charts.items():
            figure.savefig(os.path.join(a.out_dir, name + ".png"), dpi=150)
    with phase("pdf"):
        with PdfPages(os.path.join(a.out_dir, "report.pdf")) as pdf:
            cover = plt.figure(figsize=(8.27, 11.69))
            cover.text(0.1, 0.9, f"Engagement report: {len(df):,} posts", fontsize=18)
            cover.text(0.1, 0.85, campaigns.to_string(index=False, float_format=lambda v: f"{v:.4g}"),
                       family="monospace", fontsize=6, va="top")
            pdf.savefig(cover)
            for figure in charts.values():
                pdf.savefig(figure)
    PHASES["total"] = time.perf_counter() - STARTED
    for name, seconds in PHASES.items():
        print(f"{name:10s} {seconds:8.3f} s")


if __name__ == "__main__":
    main()
