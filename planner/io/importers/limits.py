"""How big an import may be, and the sane ranges of the numbers it carries.

A cell is capped at 32,767 characters for CSV and XLSX alike: that is the most an Excel
cell can hold, so a longer value did not come from a spreadsheet or a CRM field (it is a
runaway quote, a pasted document, or a hostile file). The cell is cut, not the row
rejected, because the rest of the row (name, address, deal) is usually good, and a
rejected row is stored whole: a 1 MB cell repeated by a 100 KB workbook's shared strings
would otherwise still blow the workspace up to gigabytes. Every cut is listed in the
report.

Amounts are bounded at 10^12 (a trillion in any currency: more than any single deal, and
far inside the integer cents the planner's solver works in); visit cadences at ten years.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal

from planner.io.importers.errors import CellError

MAX_CELL_CHARS = 32_767
MAX_AMOUNT = Decimal(10) ** 12
MAX_CADENCE_DAYS = 3650
_SHOWN_ROWS = 8
_MB = 2**20


@dataclass(frozen=True)
class Limits:
    """Guards against files too large to be a CRM export; ``unlimited()`` lifts them."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_rows: int = 500_000
    max_cell_chars: int = MAX_CELL_CHARS

    @classmethod
    def unlimited(cls) -> Limits:
        """File size and row count unchecked (``import --allow-large``); cells still capped."""
        return cls(max_file_bytes=sys.maxsize, max_rows=sys.maxsize)

    def too_big(self, name: str, size: int) -> str:
        return (
            f"{name} is {size / _MB:,.0f} MB, more than the {self.max_file_bytes / _MB:,.0f} MB "
            "a CRM export usually is; if it is right, import it again with --allow-large"
        )

    def too_much_text(self, name: str) -> str:
        return (
            f"{name} holds more than {self.max_file_bytes / _MB:,.0f} MB of text once read "
            "(the same long text repeated in many cells?); if that is right, import it again "
            "with --allow-large"
        )

    def too_many_rows(self, name: str) -> str:
        return (
            f"{name} has more than {self.max_rows:,} rows; if that is right, import it "
            "again with --allow-large"
        )


def check_amount(value: Decimal, text: str) -> Decimal:
    """``value`` when it is a plausible deal amount, else a CellError saying why."""
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise CellError(f"amount is out of range (at most 999,999,999,999): {_short(text)!r}")
    return value


def check_cadence(days: int, text: str) -> int:
    if not 0 < days <= MAX_CADENCE_DAYS:
        raise CellError(f"visit cadence must be 1–{MAX_CADENCE_DAYS} days, got {_short(text)!r}")
    return days


def _short(text: str, size: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= size else text[: size - 1] + "…"


class RowFlags:
    """Rows grouped under a message (e.g. "text not valid UTF-8"), for one report line each."""

    def __init__(self) -> None:
        self._rows: dict[str, list[int]] = {}

    def add(self, message: str, row: int) -> None:
        rows = self._rows.setdefault(message, [])
        if not rows or rows[-1] != row:
            rows.append(row)

    def notes(self) -> list[str]:
        return [f"{message}: {_row_list(rows)}" for message, rows in self._rows.items()]


def _row_list(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    more = f" and {len(rows) - _SHOWN_ROWS:,} more" if len(rows) > _SHOWN_ROWS else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"
