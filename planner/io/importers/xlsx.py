"""Read the first worksheet of an .xlsx workbook into a Table of strings."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl

from planner.io.importers.errors import ImportFileError
from planner.io.importers.table import Row, Table, _blank, _header, _is_footer


def cell_text(value: object) -> str:
    """A cell as the text a CSV export of it would hold (ISO dates, '.' decimals)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_xlsx(path: Path, data: bytes) -> Table:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"cannot read {path.name}: not a valid .xlsx workbook ({exc})"
        ) from None
    try:
        sheet = book.worksheets[0]
        headers: tuple[str, ...] | None = None
        rows: list[Row] = []
        skipped = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = tuple(cell_text(v) for v in values)
            if headers is None:
                if not _blank(cells):
                    headers = tuple(_header(c) for c in cells)
                continue
            if _blank(cells) or _is_footer(cells):
                skipped += 1
                continue
            rows.append(Row(number, cells))
    finally:
        book.close()
    if headers is None:
        raise ImportFileError(f"{path.name} is empty: there is nothing to import")
    # Trailing empty header cells are formatting, not columns.
    while headers and not headers[-1]:
        headers = headers[:-1]
    return Table(headers, rows, "xlsx", skipped=skipped)
