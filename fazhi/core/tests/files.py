"""Building upload files for import tests."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def xlsx_bytes(headers: list, rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(headers: list, rows: list[list], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def xlsx_upload(headers: list, rows: list[list], name: str = "导入.xlsx") -> SimpleUploadedFile:
    return upload(xlsx_bytes(headers, rows), name)


def csv_upload(headers: list, rows: list[list], name: str = "导入.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return upload(csv_bytes(headers, rows, encoding), name)
