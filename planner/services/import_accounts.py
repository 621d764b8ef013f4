"""Use case: import a CRM export (accounts or opportunities) into the workspace.

The file is read and checked completely before the workspace is touched; the merge
and every write then run in one transaction, so an unreadable file, a cancel or a
crash leaves the workspace exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from planner.domain import Account, DomainError, Rep
from planner.domain.account import _norm
from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)
from planner.domain.text import visible_text
from planner.io.bulk import no_cycle_collection
from planner.io.importers import (
    FIELDS,
    ColumnMap,
    ImportFileError,
    Limits,
    Mapping,
    ParsedImport,
    ParsedRow,
    Rejection,
    RowWarning,
    Table,
    build_account,
    guess_columns,
    load_mapping,
    merge_account,
    read_import,
    read_table,
)
from planner.io.importers.build import row_key
from planner.io.reps_csv import RepRejection, read_reps
from planner.io.workspace import ImportRecord, RejectedRow, Workspace
from planner.services.currencies import settle_currency
from planner.services.import_country import settle_country
from planner.services.rep_locale import home_locale_finder

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "FIELDS",
    "ColumnMap",
    "ImportFileError",
    "ImportReport",
    "Limits",
    "Mapping",
    "Table",
    "guess_columns",
    "import_accounts",
    "import_reps",
    "read_reps",
    "read_table",
]


_CHUNK = 2000


@dataclass(frozen=True)
class ImportReport:
    """What an import did: counts, and every rejected row with its row, column and reason."""

    file: str
    format: str
    preset: str
    kind: str  # accounts | opportunities
    accepted: int  # new accounts
    updated: int  # accounts already in the workspace
    skipped: int  # blank and footer rows
    rejected: tuple[Rejection, ...]
    import_id: int
    messages: tuple[str, ...] = ()
    merged: int = 0  # rows folded into another row's account (further or repeated deals)
    rows: int = 0  # every row after the header: the sum of the five counts above
    warnings: tuple[RowWarning, ...] = ()  # values dropped from rows that were kept

    def summary(self) -> str:
        count = len(self.warnings)
        warned = f", {count} warning{'' if count == 1 else 's'}" if count else ""
        return (
            f"{self.file}: {self.rows} rows: {self.accepted} new, {self.updated} updated, "
            f"{self.merged} merged, {len(self.rejected)} rejected, {self.skipped} skipped{warned}"
        )

    def lines(self) -> list[str]:
        """The report as text: summary, notes, one line per rejected row, then warnings."""
        out = [self.summary(), *(f"  note: {m}" for m in self.messages)]
        for r in self.rejected:
            column = f", column {r.column!r}" if r.column else ""
            out.append(f"  row {r.number}{column}: {r.reason}")
        for w in self.warnings:
            column = f", column {w.column!r}" if w.column else ""
            out.append(f"  row {w.number}{column}: warning: {w.reason}")
        return [visible_text(line) for line in out]  # cell text quoted in a reason


@no_cycle_collection()  # rows, accounts, JSON: see planner.io.bulk
def import_accounts(
    workspace: Workspace,
    path: Path,
    mapping_path: Path | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    *,
    mapping: Mapping | None = None,
    limits: Limits | None = None,
    currency: str = "",
) -> ImportReport:
    """Import ``path``; raises ImportFileError (nothing changed) when it cannot be read.

    A mapping (e.g. edited in the import wizard) overrides ``mapping_path``; ``limits``
    (file size, row count) default to importers.Limits(); ``currency`` is that of amounts
    written without one (else the mapping's, else their country's).
    """
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    started = datetime.now(UTC)
    progress.report(0.0, f"reading {path.name}")
    if mapping is None and mapping_path is not None:
        mapping = load_mapping(mapping_path)
    parsed = read_import(path, mapping, limits=limits, cancel=cancel)
    if cancel.cancelled:
        raise Cancelled()
    option = mapping.option if mapping else (lambda _name: None)
    settle_country(parsed, option("country") or "")
    settle_currency(parsed, currency or option("currency") or "")
    progress.report(0.3, f"merging {len(parsed.rows)} accounts")
    with workspace.transaction(lock="import"):  # a second import waits, then merges
        merger = _Merger(workspace, parsed)
        rows, total = parsed.rows, len(parsed.rows)
        while rows:  # merge and save chunk by chunk, freeing parsed rows as they are saved
            _save(workspace, merger.merge(rows[:_CHUNK]))
            del rows[:_CHUNK]
            if cancel.cancelled:
                raise Cancelled()  # rolls the transaction back
            progress.report(0.4 + 0.55 * (1 - len(rows) / total), "saving accounts")
        accepted, updated = merger.accepted, merger.updated
        rejected = tuple(sorted([*parsed.rejected, *merger.late], key=lambda r: r.number))
        messages = _messages(parsed, merger)
        rows_in = parsed.table.records
        accounted = accepted + updated + merger.merged + len(rejected) + parsed.table.skipped
        if accounted != rows_in:  # a bug of ours: say so rather than report wrong counts
            messages += (f"internal error: {rows_in} rows read but {accounted} accounted for",)
        import_id = workspace.record_import(
            ImportRecord(
                file=str(path),
                started_at=started,
                format=parsed.table.format,
                preset=parsed.columns.preset,
                accepted=accepted,
                updated=updated,
                rejected=len(rejected),
                skipped=parsed.table.skipped,
                messages=messages,
            )
        )
        workspace.save_rejected_rows(
            import_id, [RejectedRow(r.number, r.column, r.reason, r.raw) for r in rejected]
        )
    progress.report(1.0, "import done")
    kind = "opportunities" if parsed.is_opportunities else "accounts"
    return ImportReport(
        path.name, parsed.table.format, parsed.columns.preset, kind,
        accepted, updated, parsed.table.skipped, rejected, import_id, messages,
        merger.merged, rows_in,
        tuple(parsed.warnings),
    )  # fmt: skip


def _messages(parsed: ParsedImport, merger: _Merger) -> tuple[str, ...]:
    table = parsed.table
    how = f"{table.format}"
    if table.format == "csv":
        delimiter = {"\t": "tab"}.get(table.delimiter, repr(table.delimiter))
        how += f", {table.encoding}, delimiter {delimiter}"
    how += f", decimal mark {parsed.styles.decimal!r}"
    out = [f"read as {how}; columns matched preset {parsed.columns.preset}"]
    if parsed.columns.unused:
        out.append("columns not imported: " + ", ".join(parsed.columns.unused))
    if not (table.rows or table.data_rows > 0):
        out.append("the file has a header but no data rows")
    if merger.merged:
        out.append(_merged_note(merger.merged, merger.repeated))
    out.extend(table.notes)
    return tuple(out)


def _merged_note(merged: int, repeated: int) -> str:
    note = f"{merged} rows merged into existing deals of the same account"
    if repeated:
        note += (
            f" ({repeated} repeated a deal already read, e.g. one row per contact role, "
            "and counted once)"
        )
    return note


def _save(workspace: Workspace, changes: list[tuple[str | None, Account]]) -> None:
    """Write one chunk inside the caller's transaction; drop keys that changed (id added)."""
    stale = [old for old, new in changes if old is not None and old != new.key]
    if stale:
        workspace.delete_accounts(stale)
    workspace.save_accounts(new for _, new in changes)


class _Merger:
    """Matches parsed rows to workspace accounts: new ones are built, known ones merged."""

    def __init__(self, workspace: Workspace, parsed: ParsedImport) -> None:
        self.parsed = parsed
        self.existing = {a.key: a for a in workspace.accounts()}
        self.idless = {k: a for k, a in self.existing.items() if not a.account_id}
        self.by_name: dict[str, list[Account]] = {}
        if parsed.is_opportunities:
            for account in self.existing.values():
                self.by_name.setdefault(_norm(account.name), []).append(account)
        self.late: list[Rejection] = []
        self.accepted = self.updated = self.merged = self.repeated = 0

    def merge(self, rows: list[ParsedRow]) -> list[tuple[str | None, Account]]:
        """(old key or None, account to save) for each row that fits; the rest go to late."""
        changes: list[tuple[str | None, Account]] = []
        for row in rows:
            try:
                old = _find(row, self.existing, self.idless, self.by_name, self.parsed)
                if old is None:
                    changes.append((None, build_account(row)))
                    self.accepted += 1
                else:
                    changes.append((old.key, merge_account(old, row)))
                    self.updated += 1
            except _NotFound as exc:
                self._reject(row, self.parsed.header(exc.field), str(exc))
            except DomainError as exc:
                self._reject(row, "", str(exc))
            else:
                self.merged += len(row.folded)
                self.repeated += row.repeats
        return changes

    def _reject(self, row: ParsedRow, column: str, reason: str) -> None:
        """Reject ``row`` and every row merged into it: each one is in the report."""
        self.late.append(Rejection(row.number, column, reason, row.raw))
        for other in row.folded:
            why = f"{reason} (same account as row {row.number})"
            self.late.append(Rejection(other.number, column, why, other.raw))


class _NotFound(Exception):
    def __init__(self, message: str, field: str = "name") -> None:
        super().__init__(message)
        self.field = field  # the column to blame in the report


def _find(
    row: ParsedRow,
    existing: dict[str, Account],
    idless: dict[str, Account],
    by_name: dict[str, list[Account]],
    parsed: ParsedImport,
) -> Account | None:
    """The workspace account this row updates; in an opportunities export, by id or name."""
    if not parsed.is_opportunities:
        key = row_key(row)
        old = existing.get(key)
        if old is None and idless and key.startswith("id:"):
            # First imported from a sheet without ids, now from the CRM: same account.
            return idless.get(row_key(row, use_id=False))
        return old
    account_id = str(row.fields.get("account_id") or "")
    if account_id and f"id:{account_id}" in existing:
        return existing[f"id:{account_id}"]
    name = str(row.fields.get("name", ""))
    if not name:
        raise _NotFound(f"no account with id {account_id!r} in the workspace", "account_id")
    matches = by_name.get(_norm(name), [])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise _NotFound(f"{len(matches)} accounts are named {name!r}: add an account id column")
    if any(row.address.values()):
        return None  # the export carries the account's address: create it
    raise _NotFound(f"no account {name!r} in the workspace: import the accounts first")


def import_reps(workspace: Workspace, path: Path) -> tuple[list[Rep], list[RepRejection]]:
    """Add or update (by name) the reps of a reps file; ImportFileError when unreadable.

    Time zone, currency and holiday region a row leaves empty come from the rep's home; a
    home already located for the same address is kept."""
    reps, rejected = read_reps(path, home_locale_finder())
    known = {r.name: r for r in workspace.reps()}
    reps = [_keep_located_home(rep, known.get(rep.name)) for rep in reps]
    workspace.save_reps(reps)
    return reps, rejected


def _keep_located_home(rep: Rep, stored: Rep | None) -> Rep:
    """Re-importing a reps file without coordinates keeps the geocoded home."""
    if rep.home is None and stored is not None and stored.home_address == rep.home_address:
        return replace(rep, home=stored.home)
    return rep
