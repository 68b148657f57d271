"""Reads the Posts sheet's Link column of an engage workbook with openpyxl and prints, as JSON,
which rows hold a clickable hyperlink and what the About sheet says about links.

Usage: read_posts_links.py FILE.xlsx
"""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
posts = wb["Posts"]
column = posts.max_column
linked = [r for r in range(2, posts.max_row + 1) if posts.cell(row=r, column=column).hyperlink]
last = posts.cell(row=posts.max_row, column=column)
about = [str(c.value) for row in wb["About"].iter_rows() for c in row if c.value is not None]
print(json.dumps({
    "rows": posts.max_row - 1,
    "linked_rows": len(linked),
    "last_linked_row": linked[-1] if linked else None,
    "last_value": last.value,
    "about": about,
}))
