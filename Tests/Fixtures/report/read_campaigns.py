"""Prints the Campaigns sheet's campaign table as JSON, read with openpyxl: read_campaigns.py FILE.

{"headers": [...], "rows": [{"name": ..., "weighted": ..., "weighted_low": ..., "weighted_high": ...,
"total": ..., "total_low": ..., "total_high": ...}], "chart_axis": "..."}; a row's name loses the
" (control)" mark. The values are those under the headers that say which rate they are.
"""
import json
import sys
import zipfile

import openpyxl

path = sys.argv[1]
sheet = openpyxl.load_workbook(path, read_only=True)["Campaigns"]
rows = [list(r) for r in sheet.iter_rows(values_only=True)]
top = next(i for i, r in enumerate(rows) if r and r[0] == "Campaign")
headers = [h for h in rows[top] if h is not None]
w = headers.index("Per-post rate (weighted)")
t = headers.index("Total rate (Σ/Σ)")
out = []
for r in rows[top + 1:]:
    if not r or r[0] is None or r[1] is None:
        break
    out.append({"name": r[0].removesuffix(" (control)"),
                "weighted": r[w], "weighted_low": r[w + 1], "weighted_high": r[w + 2],
                "total": r[t], "total_low": r[t + 1], "total_high": r[t + 2]})
with zipfile.ZipFile(path) as z:
    charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
print(json.dumps({"headers": headers, "rows": out,
                  "chart_axis_weighted": any("per post (weighted by effective impressions)" in c for c in charts)}))
