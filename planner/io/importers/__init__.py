"""Importers for CRM exports (CSV, XLSX): read, map columns, parse and check each row.

``read_import(path, mapping)`` does everything that needs no workspace and returns the
rows ready to merge; ``planner.services.import_accounts`` writes them in one transaction.
A file that cannot be used raises ImportFileError (one sentence); a bad row becomes a
Rejection with its row number, column and reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner.domain.progress import Cancelled, CancelToken
from planner.io.bulk import no_cycle_collection
from planner.io.importers.build import (
    build_account,
    drop_duplicates,
    fold_opportunities,
    merge_account,
)
from planner.io.importers.columns import FIELDS, ColumnMap, guess_columns
from planner.io.importers.errors import ImportFileError, Rejection
from planner.io.importers.limits import Limits
from planner.io.importers.mapping import Mapping, apply_mapping, load_mapping
from planner.io.importers.presets import PRESETS
from planner.io.importers.rows import (
    ParsedRow,
    RowError,
    RowParser,
    RowWarning,
    Styles,
    detect_styles,
)
from planner.io.importers.table import Table, read_table

_SAMPLE = 500  # rows whose values confirm the guessed columns

__all__ = [
    "FIELDS",
    "PRESETS",
    "ColumnMap",
    "ImportFileError",
    "Limits",
    "Mapping",
    "ParsedImport",
    "ParsedRow",
    "Rejection",
    "RowWarning",
    "Table",
    "build_account",
    "guess_columns",
    "load_mapping",
    "merge_account",
    "read_import",
    "read_table",
]


@dataclass
class ParsedImport:
    """A file read and checked: valid rows (one per account) and the rejected ones."""

    path: Path
    table: Table
    columns: ColumnMap
    styles: Styles
    rows: list[ParsedRow]
    rejected: list[Rejection]
    warnings: list[RowWarning] = field(default_factory=list)  # values dropped, rows kept

    @property
    def is_opportunities(self) -> bool:
        return "opportunity_id" in self.columns.fields or "opportunity_name" in self.columns.fields

    def header(self, fld: str) -> str:
        return self.columns.header_of(self.table.headers, fld)


@no_cycle_collection()  # 100,000 rows stay alive: see planner.io.bulk
def read_import(
    path: Path,
    mapping: Mapping | None = None,
    *,
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
) -> ParsedImport:
    """Read ``path`` and parse every row; raises ImportFileError when it cannot be used."""
    option = mapping.option if mapping else (lambda _name: None)
    table = read_table(path, option("encoding"), option("delimiter"), limits=limits, cancel=cancel)
    columns = apply_mapping(table.headers, mapping, [r.cells for r in table.rows[:_SAMPLE]])
    opportunities_by_id = "account_id" in columns.fields and (
        "opportunity_id" in columns.fields or "opportunity_name" in columns.fields
    )
    if "name" not in columns.fields and not opportunities_by_id:
        if "account_id" not in columns.fields:
            found = ", ".join(repr(h) for h in table.headers[:8] if h) or "none"
            raise ImportFileError(
                f"{path.name} has no account name column (e.g. 'Account Name', 'Company name', "
                f"'Name' or 'Ragione sociale'); its columns are: {found}"
            )
        id_header = columns.header_of(table.headers, "account_id")
        table.notes.append(f"no name column: accounts are named after their {id_header!r}")
    styles = detect_styles(table, columns, mapping)
    parsed: list[ParsedRow] = []
    rejected: list[Rejection] = list(table.broken)
    parse_row = RowParser(table, columns, styles)
    for done, row in enumerate(table.rows):
        if cancel is not None and not done % 4096 and cancel.cancelled:
            raise Cancelled(f"reading {path.name} cancelled")
        try:
            parsed.append(parse_row(row))
        except RowError as exc:
            rejected.append(Rejection(row.number, exc.column, exc.reason, table.raw(row)))
    warnings = [w for row in parsed for w in row.warnings]
    result = ParsedImport(path, table, columns, styles, parsed, rejected, warnings)
    if result.is_opportunities:
        result.rows = fold_opportunities(parsed)
    else:
        result.rows, duplicates = drop_duplicates(parsed, result.header("account_id"))
        rejected.extend(duplicates)
    rejected.sort(key=lambda r: r.number)
    # The parsed rows keep what they need; dropping the table's copy lets the import free
    # each chunk of cells once it is saved (100k-row re-imports stay under 500 MB).
    table.data_rows, table.rows = len(table.rows), []
    return result
