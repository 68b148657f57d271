#!/usr/bin/env python3
"""Read an .xlsx written by the XLSX module back with openpyxl and print what it holds as JSON.

Usage:
    python3 readback.py FILE            every cell, formats, links, conditional formats, charts
    python3 readback.py FILE --summary  streaming pass for big sheets: row/cell counts, sums, types

The Swift tests (Tests/XLSXTests) run this and compare its JSON with what they wrote. openpyxl is
an independent reader: if it parses a cell as a formula (data_type 'f') or refuses the file, the
test fails.
"""
import datetime
import json
import re
import sys
import zipfile

import openpyxl


def cell_json(cell):
    value = cell.value
    if isinstance(value, datetime.datetime):
        value = value.isoformat()
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    out = {"type": cell.data_type, "value": value, "number_format": cell.number_format}
    if cell.hyperlink is not None:
        link = cell.hyperlink.target or ""
        if cell.hyperlink.location:
            link += "#" + cell.hyperlink.location
        out["hyperlink"] = link
    if cell.font is not None and cell.font.b:
        out["bold"] = True
    if cell.is_date:
        out["is_date"] = True
    return out


def chart_parts(path):
    """Features of each chart part, read from the XML (openpyxl does not load charts)."""
    charts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not re.fullmatch(r"xl/charts/chart\d+\.xml", name):
                continue
            xml = archive.read(name).decode("utf-8")
            charts.append({
                "part": name,
                "high_low_lines": "<c:hiLowLines" in xml,
                "series_count": xml.count("<c:ser>"),
                "formulas": re.findall(r"<c:f>([^<]*)</c:f>", xml),
                "line_charts": xml.count("<c:lineChart>"),
                "no_line_series": xml.count("<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"),
                "axis_num_formats": re.findall(r'<c:numFmt formatCode="([^"]*)"', xml),
                "title_texts": re.findall(r"<a:t>([^<]*)</a:t>", xml),
            })
        parts = sorted(archive.namelist())
    return charts, parts


def full(path):
    book = openpyxl.load_workbook(path)
    result = {"sheets": book.sheetnames, "cells": {}, "conditional_formats": {},
              "freeze_panes": {}, "autofilter": {}, "merged": {}, "images": {}}
    for sheet in book.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None and cell.hyperlink is None:
                    continue
                cells[cell.coordinate] = cell_json(cell)
        result["cells"][sheet.title] = cells
        rules = []
        for cf in sheet.conditional_formatting:
            for rule in cf.rules:
                entry = {"range": str(cf.sqref), "type": rule.type}
                if rule.colorScale is not None:
                    entry["colors"] = [c.rgb for c in rule.colorScale.color]
                rules.append(entry)
        result["conditional_formats"][sheet.title] = rules
        result["freeze_panes"][sheet.title] = sheet.freeze_panes
        result["autofilter"][sheet.title] = sheet.auto_filter.ref
        result["merged"][sheet.title] = sorted(str(r) for r in sheet.merged_cells.ranges)
        result["images"][sheet.title] = len(sheet._images)
    result["charts"], result["parts"] = chart_parts(path)
    return result


def summary(path):
    book = openpyxl.load_workbook(path, read_only=True)
    result = {"sheets": book.sheetnames, "summary": {}}
    for sheet in book.worksheets:
        rows = cells = 0
        total = 0.0
        types = {}
        max_cols = 0
        for row in sheet.iter_rows():
            rows += 1
            max_cols = max(max_cols, len(row))
            for cell in row:
                if cell.value is None:
                    continue
                cells += 1
                types[cell.data_type] = types.get(cell.data_type, 0) + 1
                if isinstance(cell.value, (int, float)):
                    total += cell.value
        result["summary"][sheet.title] = {"rows": rows, "cells": cells, "sum": total,
                                          "types": types, "max_columns": max_cols}
    return result


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: readback.py FILE [--summary]")
    path = sys.argv[1]
    result = summary(path) if "--summary" in sys.argv[2:] else full(path)
    json.dump(result, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
