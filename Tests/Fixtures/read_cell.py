"""Prints one cell of a workbook, read with openpyxl: read_cell.py FILE SHEET CELL."""
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(book[sys.argv[2]][sys.argv[3]].value)
