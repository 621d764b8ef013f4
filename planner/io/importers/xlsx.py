"""Read the first worksheet of an .xlsx workbook into a Table of strings.

Only the cells the sheet really holds are read. The sheet's declared size (its
``<dimension ref="A1:XFD300000">``) is ignored: openpyxl pads every row to the declared
width, so one styled empty cell per row in column XFD made each row 16,384 values and a
1.4 MB file took minutes. Rows are numbered as the spreadsheet shows them.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet._reader import WorkSheetParser

from planner.domain.progress import CancelToken
from planner.io.importers.errors import ImportFileError
from planner.io.importers.limits import Limits
from planner.io.importers.table import Table, TableBuilder

# What a damaged workbook makes openpyxl raise; SyntaxError is the XML parser's ParseError.
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, AttributeError,
           OSError, ValueError, TypeError, SyntaxError)  # fmt: skip
# Unzipped, a worksheet is ~10-30x its compressed size; far beyond is a zip bomb.
_MAX_INFLATION = 200


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
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def read_xlsx(
    path: Path, data: bytes, *, limits: Limits | None = None, cancel: CancelToken | None = None
) -> Table:
    limits = limits or Limits()
    try:
        _check_inflation(data, path.name, limits)
        with warnings.catch_warnings():  # e.g. "no default style": not the user's concern
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _BROKEN as exc:
        raise ImportFileError(
            f"cannot read {path.name}: not a valid .xlsx workbook ({_short(exc)})"
        ) from None
    builder = TableBuilder(path.name, limits, cancel)
    try:
        if not book.worksheets:
            raise ImportFileError(f"cannot read {path.name}: the workbook has no worksheet")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, values in _sheet_rows(book, book.worksheets[0]):
                builder.add(number, tuple(cell_text(v) for v in values))
    except _BROKEN as exc:
        raise ImportFileError(
            f"cannot read {path.name}: its first worksheet is damaged ({_short(exc)})"
        ) from None
    finally:
        book.close()
    table = builder.table("xlsx")
    # Trailing empty header cells are formatting, not columns.
    headers = table.headers
    while headers and not headers[-1]:
        headers = headers[:-1]
    table.headers = headers
    return table


def _sheet_rows(book: Any, sheet: Any) -> Iterator[tuple[int, list[object]]]:
    """(row number, values up to the row's last non-empty cell) for each row in the file.

    openpyxl's own row iterator pads rows to the declared dimension; its sheet parser
    gives just the cells present (a private class, pinned by tests/io/importers).
    """
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            values: dict[int, object] = {
                c["column"]: c["value"] for c in cells if c["value"] is not None
            }
            width = max(values, default=0)
            yield number, [values.get(column) for column in range(1, width + 1)]


def _short(exc: BaseException, size: int = 80) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= size else text[: size - 1] + "…"


def _check_inflation(data: bytes, name: str, limits: Limits) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > max(_MAX_INFLATION * len(data), 50_000_000) and unpacked > limits.max_file_bytes:
        raise ImportFileError(
            f"cannot read {name}: it unpacks to {unpacked / 1e6:,.0f} MB, far more than a "
            "workbook of its size holds; if it is right, import it again with --allow-large"
        )
