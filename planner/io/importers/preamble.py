"""Lines above the real header: titles, extraction dates ("Estrazione del 2018-04-16"),
report names. They are narrower than the table under them; the header is the first line
as wide as the data rows."""

from __future__ import annotations

from collections import Counter

from planner.io.importers.table import Table

_LOOK = 10  # lines searched for the header
_SAMPLE = 50  # rows that settle the table's width


def _filled(cells: tuple[str, ...]) -> int:
    return sum(1 for c in cells if c.strip())


def skip_preamble(table: Table) -> None:
    """Move the header down past any preamble lines, counting them as skipped (in place)."""
    if not table.rows:
        return
    width = Counter(_filled(r.cells) for r in table.rows[:_SAMPLE]).most_common(1)[0][0]
    if width < 2 or _filled(table.headers) * 2 > width:
        return
    wide = [i for i, r in enumerate(table.rows[:_LOOK]) if _filled(r.cells) * 2 > width]
    if not wide:
        return
    at = wide[0]
    lines = [" ".join(c for c in table.headers if c)]
    lines += [" ".join(c.strip() for c in r.cells if c.strip()) for r in table.rows[:at]]
    header = table.rows[at]
    table.headers = tuple(" ".join(c.replace("\ufeff", "").split()) for c in header.cells)
    table.rows = table.rows[at + 1 :]
    table.skipped += len(lines)
    shown = "; ".join(repr(line[:60]) for line in lines[:3] if line)
    table.notes.append(
        f"skipped {len(lines)} line(s) above the header on row {header.number}: {shown}"
    )
