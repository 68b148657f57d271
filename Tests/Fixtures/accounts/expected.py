#!/usr/bin/env python3
"""Oracle for the account-input tests: the figures a report must show, computed from the export
files alone (csv module and plain sums, nothing of engage), and what the workbook's Daily sheet
holds (read back with openpyxl).

Usage: expected.py [--from YYYY-MM-DD --to YYYY-MM-DD] [--xlsx WORKBOOK] FILE...

Rules restated independently: daily rows (legacy daily, account overview) merge by date and
posts by id, the file whose name ends later winning (the later on the command line on a tie);
a post's day is the UTC day of its Snowflake id; without --from/--to the period runs from the
first to the last day of any input; a day is covered when an account row has it or it lies
between the first and last post of one per-post file.
"""
import argparse
import csv
import json
import re
from datetime import date, datetime, timedelta, timezone

TWEPOCH_MS = 1288834974657


def window_end(path):
    days = re.findall(r"(\d{8})", path.rsplit("/", 1)[-1])
    return days[-1] if days else ""


def parse_day(text):
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    return datetime.strptime(text, "%a, %b %d, %Y").date()


def number(row, *names):
    for name in names:
        if name in row and row[name] not in ("", "-"):
            return int(float(row[name]))
    return None


def read(paths):
    days, posts, spans, merged, skipped = {}, {}, [], 0, 0
    ranked = sorted(enumerate(paths), key=lambda ip: (window_end(ip[1]), ip[0]))
    for _, path in ranked:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if rows and "Post id" not in rows[0]:
            for row in rows:
                day = parse_day(row["Date"])
                if day in days:
                    merged += 1
                days[day] = dict(file=path, impressions=number(row, "Impressions", "impressions"),
                                 engagements=number(row, "Engagements", "engagements"),
                                 new_follows=number(row, "New follows", "follows"), unfollows=number(row, "Unfollows"))
        else:
            post_days = []
            for row in rows:
                if not row["Post id"].strip().isdigit():
                    skipped += 1
                    continue
                pid = int(row["Post id"])
                day = datetime.fromtimestamp(((pid >> 22) + TWEPOCH_MS) / 1000, tz=timezone.utc).date()
                post_days.append(day)
                if pid in posts:
                    merged += 1
                posts[pid] = dict(file=path, day=day, impressions=int(row["Impressions"]), engagements=int(row["Engagements"]))
            if post_days:
                spans.append((min(post_days), max(post_days)))
    return days, posts, spans, merged, skipped


def daily_sheet(path):
    import openpyxl
    sheet = openpyxl.load_workbook(path, read_only=True)["Daily"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    out = dict(days=0, posts_blank=[], account_blank=[], post_zero_days=0, net_matches=True, account_impressions=0,
               net_follows=0)
    col = {name: header.index(name) for name in header if name}
    for row in rows[1:]:
        if not isinstance(row[0], datetime):
            break
        out["days"] += 1
        day = row[0].date().isoformat()
        if all(row[i] is None for i in range(1, 5)):
            out["posts_blank"].append(day)
        elif row[1] == 0:
            out["post_zero_days"] += 1
        if "Account impressions" in col:
            if row[col["Account impressions"]] is None:
                out["account_blank"].append(day)
            else:
                out["account_impressions"] += row[col["Account impressions"]]
        if "Net follows" in col and row[col["Net follows"]] is not None:
            net, new, lost = row[col["Net follows"]], row[col["New follows"]], row[col["Unfollows"]]
            out["net_follows"] += net
            out["net_matches"] &= net == new - lost
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--from", dest="start")
    ap.add_argument("--to", dest="end")
    ap.add_argument("--xlsx")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    days, posts, spans, merged, skipped = read(a.files)
    every = list(days) + [p["day"] for p in posts.values()] + [d for s in spans for d in s]
    start = date.fromisoformat(a.start) if a.start else min(every)
    end = date.fromisoformat(a.end) if a.end else max(every)
    inside = lambda d: start <= d <= end
    period = [start + timedelta(n) for n in range((end - start).days + 1)]
    covered = lambda d: d in days or any(s <= d <= e for s, e in spans)
    in_posts = [p for p in posts.values() if inside(p["day"])]
    in_days = [r for d, r in days.items() if inside(d)]

    def total(rows, key):
        values = [r[key] for r in rows if r[key] is not None]
        return sum(values) if values else None

    account = None
    if days:
        account = dict(days=len(in_days), impressions=total(in_days, "impressions"),
                       engagements=total(in_days, "engagements"), new_follows=total(in_days, "new_follows"),
                       unfollows=total(in_days, "unfollows"))
        account["net_follows"] = (account["new_follows"] - account["unfollows"]
                                  if account["unfollows"] is not None and account["new_follows"] is not None else None)
    outside = {}
    for kind, records in (("posts", [(p["file"], p["day"]) for p in posts.values()]),
                          ("daily rows", [(r["file"], d) for d, r in days.items()])):
        for path, day in records:
            if not inside(day):
                key = f"{kind} of {path} fall {'before' if day < start else 'after'}"
                outside[key] = outside.get(key, 0) + 1
    result = dict(
        period=dict(start=start.isoformat(), end=end.isoformat(), days=len(period)),
        posts=dict(count=len(in_posts), impressions=total(in_posts, "impressions"), engagements=total(in_posts, "engagements")),
        account=account, uncovered_days=sum(1 for d in period if not covered(d)),
        uncovered=[d.isoformat() for d in period if not covered(d)],
        no_post_days=[d.isoformat() for d in period if not any(s <= d <= e for s, e in spans)],
        no_account_days=[d.isoformat() for d in period if d not in days],
        merged=merged, skipped=skipped, outside=outside)
    if a.xlsx:
        result["daily_sheet"] = daily_sheet(a.xlsx)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
