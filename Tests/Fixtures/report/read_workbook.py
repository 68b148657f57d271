"""Reads an engage workbook with openpyxl and prints what the Swift tests check, as JSON.

Usage: read_workbook.py FILE.xlsx
"""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "formulas": [], "texts": {}, "scales": {}, "nonfinite": []}
for ws in wb.worksheets:
    texts = []
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                out["formulas"].append(f"{ws.title}!{c.coordinate}")
            if isinstance(c.value, str):
                texts.append(c.value)
            if isinstance(c.value, float) and (c.value != c.value or c.value in (float("inf"), float("-inf"))):
                out["nonfinite"].append(f"{ws.title}!{c.coordinate}")
    out["texts"][ws.title] = texts
    out["scales"][ws.title] = sum(1 for rng in ws.conditional_formatting for r in rng.rules if r.type == "colorScale")
posts = wb["Posts"]
out["posts_header"] = [c.value for c in posts[1]]
out["posts_rows"] = posts.max_row - 1
out["post_ids"] = [posts.cell(row=r, column=1).value for r in range(2, posts.max_row + 1)]
out["post_times"] = [posts.cell(row=r, column=2).value.isoformat() if posts.cell(row=r, column=2).value else None
                     for r in range(2, min(posts.max_row, 4) + 1)]
out["posts_link_targets"] = [posts.cell(row=r, column=posts.max_column).hyperlink.target
                             if posts.cell(row=r, column=posts.max_column).hyperlink else None
                             for r in range(2, min(posts.max_row, 4) + 1)]
print(json.dumps(out, default=str))
