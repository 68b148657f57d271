"""Reads how an engage workbook prints and looks, with openpyxl and the raw XML, as JSON.

Usage: read_layout.py FILE.xlsx

Per sheet: orientation, fit-to-page, repeated rows, print area, footer, the <col> ranges as
written (to find overlaps), chart kinds with their category references and anchor rows.
TopPosts: every header row. BestHours: each slot of the estimate grid with its value and fill.
"""
import json
import posixpath
import re
import sys
import zipfile

import openpyxl

path = sys.argv[1]
wb = openpyxl.load_workbook(path)
archive = zipfile.ZipFile(path)
names = archive.namelist()

# Sheet XML part, drawing part and chart parts of every sheet, through the relationships.
workbook_rels = archive.read("xl/_rels/workbook.xml.rels").decode()
workbook_xml = archive.read("xl/workbook.xml").decode()
targets = {rid: target for rid, target in re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', workbook_rels)}
targets.update({rid: target for target, rid in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', workbook_rels)})
sheet_parts = {name: "xl/" + targets[rid] for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', workbook_xml)}


def related(part, kind):
    """Parts that `part` links to whose path contains `kind`, as paths inside the archive."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in names:
        return []
    text = archive.read(rels).decode()
    return [posixpath.normpath(posixpath.join(folder, t)) for t in re.findall(r'Target="([^"]+)"', text) if kind in t]


out = {"sheets": {}}
for ws in wb.worksheets:
    part = sheet_parts[ws.title]
    xml = archive.read(part).decode()
    cols = [(int(a), int(b)) for a, b in re.findall(r'<col min="(\d+)" max="(\d+)"', xml)]
    charts = []
    for drawing in related(part, "drawing"):
        dxml = archive.read(drawing).decode()
        rows = [int(r) for r in re.findall(r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>", dxml)]
        for index, chart in enumerate(related(drawing, "chart")):
            cxml = archive.read(chart).decode()
            kind = re.search(r"<c:(\w+Chart)>", cxml).group(1)
            categories = re.findall(r"<c:cat>.*?<c:f>([^<]+)</c:f>", cxml, re.S)
            grouping = re.search(r'<c:grouping val="(\w+)"', cxml)
            charts.append({"kind": kind, "categories": categories, "grouping": grouping.group(1) if grouping else None,
                           "row": rows[index] if index < len(rows) else None})
    ps = ws.page_setup
    out["sheets"][ws.title] = {
        "orientation": ps.orientation,
        "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "fit_width": ps.fitToWidth, "fit_height": ps.fitToHeight,
        "paper": ps.paperSize,
        "print_title_rows": ws.print_title_rows,
        "print_area": ws.print_area,
        "footer": ws.oddFooter.left.text, "footer_center": ws.oddFooter.center.text, "footer_right": ws.oddFooter.right.text,
        "cols": cols, "charts": charts, "max_row": ws.max_row,
    }

if "TopPosts" in wb.sheetnames:
    ws = wb["TopPosts"]
    out["top_headers"] = [[c.value for c in row if c.value is not None] for row in ws.iter_rows()
                          if row[0].value == "Rank"]

if "BestHours" in wb.sheetnames:
    ws = wb["BestHours"]
    grids = [r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Weekday"]
    estimate, counts = grids[0], grids[1]
    slots = []
    for d in range(1, 8):
        for h in range(24):
            cell = ws.cell(row=estimate + d, column=h + 2)
            posts = ws.cell(row=counts + d, column=h + 2).value
            slots.append({"day": ws.cell(row=estimate + d, column=1).value, "hour": h, "value": cell.value,
                          "posts": posts, "pattern": cell.fill.fill_type,
                          "colour": cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else cell.fill.bgColor.rgb})
    out["best_hours"] = slots
    out["best_hours_texts"] = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]

summary = wb["Summary"]
for row in summary.iter_rows():
    if row[0].value == "Engagement rate":
        out["rate_row"] = {"value": row[1].value, "previous": row[2].value, "change": row[3].value,
                           "change_format": row[3].number_format, "relative": row[4].value}
print(json.dumps(out, default=str))
