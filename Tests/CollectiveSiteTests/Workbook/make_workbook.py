#!/usr/bin/env python3
"""Writes an initiative's CSV tables into one data.xlsx with openpyxl, as an M&E officer's Excel would hold them.

    make_workbook.py FOLDER        reads FOLDER/*.csv, writes FOLDER/data.xlsx, removes the CSV files it moved

Cells are typed as Excel types them: figures in numeric columns are number cells, an outcome's date is a date
cell, periods and ids are text. Used by the workbook tests (WorkbookSiteTests), which check that the site built
from the workbook equals the site built from the CSV files.
"""
import csv
import datetime
import os
import sys

from openpyxl import Workbook

NUMERIC = {"value", "numerator", "denominator", "baseline", "target", "count", "amount"}
TABLES = ["partners", "workstreams", "indicators", "results", "targets", "collaboration", "outcomes", "funding", "spending"]


def typed(column, text):
    if text == "":
        return None
    if column in NUMERIC:
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    if column == "date":
        return datetime.date.fromisoformat(text)
    return text


def main(folder):
    book = Workbook()
    book.remove(book.active)
    for table in TABLES:
        path = os.path.join(folder, table + ".csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        sheet = book.create_sheet(table)
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            sheet.append([typed(name, value) for name, value in zip(header, row)])
        if "date" in header:
            column = header.index("date") + 1
            for cells in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cells[0].number_format = "yyyy-mm-dd"
        os.remove(path)
    book.save(os.path.join(folder, "data.xlsx"))


if __name__ == "__main__":
    main(sys.argv[1])
