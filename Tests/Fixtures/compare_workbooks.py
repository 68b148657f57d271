#!/usr/bin/env python3
"""Compares two .xlsx files as openpyxl reads them: sheet names in order, every cell's value and
number format, merged ranges, and each sheet's charts (type, series count, title) and images.

    python3 compare_workbooks.py A.xlsx B.xlsx [SHEET ...]

With sheet names, only those sheets are compared (and must exist in both).

Prints a JSON object {"sheets": n, "cells": n, "charts": n, "differences": [...]} (at most 20
differences listed); exits 0 whether or not they differ, 2 when a file cannot be read.
"""
import json
import sys

import openpyxl


def chart_summary(chart):
    title = None
    if chart.title is not None and chart.title.tx is not None and chart.title.tx.rich is not None:
        title = "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))
    return {"type": type(chart).__name__, "series": len(chart.series), "title": title}


def contents(path):
    book = openpyxl.load_workbook(path)
    sheets = {}
    for sheet in book.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[cell.coordinate] = [str(cell.value), type(cell.value).__name__, cell.number_format]
        sheets[sheet.title] = {"cells": cells, "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
                               "charts": [chart_summary(c) for c in sheet._charts], "images": len(sheet._images)}
    return book.sheetnames, sheets


def main():
    try:
        (names_a, a), (names_b, b) = contents(sys.argv[1]), contents(sys.argv[2])
    except Exception as error:  # noqa: BLE001 - any unreadable file is the answer
        print(f"cannot read: {error}", file=sys.stderr)
        return 2
    differences = []
    only = sys.argv[3:]
    if only:
        missing = [n for n in only if n not in a or n not in b]
        if missing:
            differences.append(f"sheets missing: {missing}")
        names_a = [n for n in only if n in a and n in b]
    elif names_a != names_b:
        differences.append(f"sheets {names_a} != {names_b}")
    for name in names_a:
        if name not in b:
            continue
        sa, sb = a[name], b[name]
        for key in ("merged", "charts", "images"):
            if sa[key] != sb[key]:
                differences.append(f"{name} {key}: {sa[key]} != {sb[key]}")
        for ref in sorted(set(sa["cells"]) | set(sb["cells"])):
            if sa["cells"].get(ref) != sb["cells"].get(ref):
                differences.append(f"{name}!{ref}: {sa['cells'].get(ref)} != {sb['cells'].get(ref)}")
    print(json.dumps({"sheets": len(names_a), "cells": sum(len(a[n]["cells"]) for n in names_a),
                      "charts": sum(len(a[n]["charts"]) for n in names_a), "differences": differences[:20]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
