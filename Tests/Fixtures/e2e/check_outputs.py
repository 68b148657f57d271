"""Independent read-back of an `engage report` output folder (openpyxl + hashlib + json).

Usage: check_outputs.py OUT_DIR
Prints one JSON object: sheet names, Posts header and row count, formula cells found,
text cells that start with a formula character, and whether every manifest hash matches.
"""
import hashlib
import json
import os
import sys

import openpyxl


def main(out):
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    mismatched = []
    for f in manifest["files"]:
        data = open(os.path.join(out, f["path"]), "rb").read()
        if hashlib.sha256(data).hexdigest() != f["sha256"] or len(data) != f["bytes"]:
            mismatched.append(f["path"])
    xlsx = [f["path"] for f in manifest["files"] if f["path"].endswith(".xlsx")]
    result = {"manifest_files": sorted(f["path"] for f in manifest["files"]),
              "manifest_mismatched": mismatched, "period": manifest["period"],
              "inputs": len(manifest["inputs"])}
    if xlsx:
        wb = openpyxl.load_workbook(os.path.join(out, xlsx[0]))
        formulas, formula_like_text, bad_numbers = [], 0, []
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f":
                        formulas.append(f"{ws.title}!{c.coordinate}")
                    elif isinstance(c.value, str) and c.value[:1] in "=+-@":
                        formula_like_text += 1
                    elif isinstance(c.value, float) and c.value != c.value:
                        bad_numbers.append(f"{ws.title}!{c.coordinate}")
        posts = wb["Posts"]
        header = [c.value for c in next(posts.iter_rows(min_row=1, max_row=1))]
        result.update({"sheets": wb.sheetnames, "posts_header": header, "posts_rows": posts.max_row - 1,
                       "formulas": formulas, "formula_like_text": formula_like_text, "nan_cells": bad_numbers,
                       "first_post_id": posts.cell(row=2, column=1).value})
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
