#!/usr/bin/env python3
"""The golden workbook from another writer: XlsxWriter builds the sheets that
Tests/XLSXTests/SampleWorkbook.swift describes, from the same values written out here, so that
GoldenTests can compare engage's workbook with it cell by cell (openpyxl reads both).

    python3 Tests/Fixtures/xlsx/make_other_writer_golden.py   # writes golden/sample-by-xlsxwriter.xlsx

What the sheets must hold follows the XLSX module's documented rules, not its output: text that
starts with = + - @ stays text; NaN, infinities and missing numbers are empty cells; a date-time
without a format gets "yyyy-mm-dd hh:mm:ss"; a link that is not http(s)/mailto, is longer than
255 characters or contains whitespace is written as its text, and a link shows its URL, or
for mailto: the address without the scheme, unless given a text.
"""
import math
import os
from datetime import datetime, timedelta

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "golden", "sample-by-xlsxwriter.xlsx")

TEXTS = ["=HYPERLINK(\"x\")", "+cmd", "-1+1", "@SUM(A1)", "plain text"]
RATES = [0.25, None, math.nan, math.inf, -math.inf]
IMPRESSIONS = [1200, 0, 7, 123_456_789, -3]
FIRST_POSTED = datetime(2024, 3, 10, 7, 30)
LINKS = ["https://example.com/post/1", "javascript:alert(1)", "https://example.com/" + "a" * 300,
         "mailto:someone@example.com", "https://example.com/has space"]
HEAT = [[1, 5, 9, 2], [3, 7, 11, 4], [6, 8, 10, 12]]


def linkable(url):
    return (url.startswith(("http://", "https://", "ftp://", "ftps://", "mailto:")) and len(url) <= 255
            and not any(c.isspace() for c in url))


def main():
    book = xlsxwriter.Workbook(OUT, {"strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    book.set_properties({"created": datetime(2024, 1, 2, 3, 4, 5)})
    bold = book.add_format({"bold": True})
    percent = book.add_format({"num_format": "0.00%"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})

    posts = book.add_worksheet("Posts")
    posts.write_row(0, 0, ["Text", "Impressions", "Rate", "Posted", "Link"], bold)
    for i in range(5):
        posts.write_string(i + 1, 0, TEXTS[i])
        posts.write_number(i + 1, 1, IMPRESSIONS[i])
        rate = RATES[i]
        if rate is None or not math.isfinite(rate):
            posts.write_blank(i + 1, 2, None, percent)
        else:
            posts.write_number(i + 1, 2, rate, percent)
        posts.write_datetime(i + 1, 3, FIRST_POSTED + timedelta(days=i), stamp)
        if linkable(LINKS[i]):
            shown = "open post" if i == 0 else LINKS[i].removeprefix("mailto:")
            posts.write_url(i + 1, 4, LINKS[i], string=shown)
        else:
            posts.write_string(i + 1, 4, LINKS[i])

    daily = book.add_worksheet("Daily data")
    daily.write_row(0, 0, ["Day", "Rate", "Low", "High", "Segment x"], bold)
    for i in range(10):
        rate = 0.02 + 0.002 * (i % 4)
        for col in (0, 4, 5):
            daily.write_datetime(i + 1, col, datetime(2024, 3, 1 + i), day)
        daily.write_number(i + 1, 1, rate, percent)
        daily.write_number(i + 1, 2, rate - 0.005, percent)
        daily.write_number(i + 1, 3, rate + 0.006, percent)

    heat = book.add_worksheet("Heat")
    for r, values in enumerate(HEAT):
        heat.write_row(r, 0, values)

    summary = book.add_worksheet("Summary")
    summary.merge_range(0, 0, 0, 5, "=Engagement summary", bold)
    line = book.add_chart({"type": "line"})
    for name, col in (("Low", 2), ("Rate", 1), ("High", 3)):
        line.add_series({"name": name, "categories": ["Daily data", 1, 0, 10, 0], "values": ["Daily data", 1, col, 10, col]})
    line.set_title({"name": "Engagement rate with 95% interval"})
    summary.insert_chart(2, 0, line)
    segments = book.add_chart({"type": "scatter", "subtype": "straight"})
    for row in range(1, 11):
        segments.add_series({"categories": ["Daily data", row, 4, row, 5], "values": ["Daily data", row, 2, row, 3]})
    segments.add_series({"name": "Rate", "categories": ["Daily data", 1, 0, 10, 0], "values": ["Daily data", 1, 1, 10, 1]})
    segments.set_title({"name": "Engagement rate with 95% interval (segments)"})
    summary.insert_chart(22, 0, segments)
    book.close()


if __name__ == "__main__":
    main()
