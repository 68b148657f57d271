"""Reads a large .xlsx with zipfile only: prints the named sheet's dimension, then the text of
its last row as `ROW TEXT`, then every About cell mentioning rows left out as `about TEXT`."""
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
path, name = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
book = ET.fromstring(z.read("xl/workbook.xml"))
rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
targets = {r.get("Id"): r.get("Target") for r in rels}
sheets = {s.get("name"): "xl/" + targets[s.get("{%s}id" % NS["r"])].lstrip("/").removeprefix("xl/")
          for s in book.find("m:sheets", NS)}
strings = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
        strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))

def texts(xml):
    """(row, text) of every text cell, shared or inline."""
    for row in re.finditer(rb'<row r="(\d+)"[^>]*>(.*?)</row>', xml, re.S):
        for cell in re.finditer(rb'<c [^>]*?t="(s|inlineStr|str)"[^>]*>(.*?)</c>', row.group(2), re.S):
            kind, body = cell.group(1), cell.group(2)
            if kind == b"s":
                text = strings[int(re.search(rb"<v>(\d+)</v>", body).group(1))]
            else:
                text = "".join(t.decode() for t in re.findall(rb"<t[^>]*>(.*?)</t>", body, re.S))
            yield int(row.group(1)), text

sheet = z.read(sheets[name])
print(re.search(rb'<dimension ref="([^"]+)"', sheet).group(1).decode())
last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', sheet[-200000:]))
for row, text in texts(sheet[-200000:]):
    if row == last:
        print(row, text)
for row, text in texts(z.read(sheets["About"])):
    if "left out" in text:
        print("about", text)
