"""Delimited text to records, each with the physical lines it spans; a quote that is
never closed is caught wherever it is, not only on the last row.

An unclosed quote in one cell makes a CSV reader take every following line, delimiters
and all, as part of that cell until some later quote happens to close it: the rows in
between vanish into one account's notes. A record is treated as such a *runaway* when it
spans several lines and is not valid CSV on its own (strict parsing fails: the closing
"quote" is really the opening quote of a later cell, or the file ends inside the quote)
and either the lines it swallowed read as records of the file or the file ended inside
it. Its first line is then given back as a broken record (to be rejected with the
reason, its text kept), and reading resumes on the next line, so the swallowed rows are
read as the rows they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

# Overlong cells are cut to limits.MAX_CELL_CHARS after reading, not refused mid-file
# (the csv module's default 128 KiB limit refused the whole file for one long cell).
csv.field_size_limit(2**31 - 1)


@dataclass(slots=True)
class Record:
    first: int  # first physical line, counting from 1
    last: int  # last physical line
    cells: list[str]
    runaway: int = -1  # index of the cell whose quote never closes, or -1
    swallowed: int = 0  # lines that quote would have taken (read on their own instead)


class _Feed:
    """The file's lines for csv.reader, with a position that can be moved back."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pos = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


def read_records(text: str, delimiter: str) -> Iterator[Record]:
    """Every record of ``text`` in order, blank ones included (as empty cell lists)."""
    lines = io.StringIO(text, newline="").readlines()
    # Fast path: a strict reader over the whole file (C speed, no per-record checks).
    # Records it reads before any error are exactly what the careful path would give (a
    # record valid on its own is never a runaway), so on the first error only the rest
    # of the file is read the careful way.
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = width = 0
    try:
        for cells in reader:
            end = reader.line_num
            if not width and any(cells):
                width = len(cells)
            yield Record(start + 1, end, cells)
            start = end
    except csv.Error:
        yield from _careful_records(lines, delimiter, start, width)


def _careful_records(lines: list[str], delimiter: str, start: int, width: int) -> Iterator[Record]:
    """The records from line ``start`` on, each multi-line one checked for a runaway quote."""
    feed = _Feed(lines)
    feed.pos = start
    reader = csv.reader(feed, delimiter=delimiter, strict=False)
    while True:
        start = feed.pos
        try:
            cells = next(reader)
        except StopIteration:
            return
        end = feed.pos
        if end - start > 1 and _runaway(lines, start, end, delimiter, width):
            column = next((i for i, c in enumerate(cells) if "\n" in c or "\r" in c), -1)
            raw = _split_raw(lines[start], delimiter)
            yield Record(start + 1, start + 1, raw, max(column, 0), end - start - 1)
            feed.pos = start + 1
            reader = csv.reader(feed, delimiter=delimiter, strict=False)
            continue
        if not width and any(cells):
            width = len(cells)
        yield Record(start + 1, end, cells)


def _runaway(lines: list[str], start: int, end: int, delimiter: str, width: int) -> bool:
    try:
        for _ in csv.reader(lines[start:end], delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        pass
    else:
        return False  # valid CSV: a quoted cell with line breaks, as exports have
    if end == len(lines):
        return sum(line.count('"') for line in lines[start:end]) % 2 == 1  # ends inside it
    need = max(2, width - 1)
    return any(len(_split_raw(line, delimiter)) >= need for line in lines[start + 1 : end])


def _split_raw(line: str, delimiter: str) -> list[str]:
    """One physical line cut at every delimiter, quotes kept as they are."""
    line = line.rstrip("\r\n")
    return next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
