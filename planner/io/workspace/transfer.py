"""`workspace copy`: every row of one workspace into another, whatever their backends.

Both ends are at the current schema version (opening them migrates), so they have the
same tables; each table's rows are copied with the columns both ends have (a team
database adds an order column and an import's author; they are rebuilt on the way in).
Rows keep their order, ids and row versions, so a file copied to PostgreSQL and back is
the same workspace. The whole copy is one transaction on the target, which must be empty.
"""

from __future__ import annotations

from planner.io.workspace.db import Database, WorkspaceError
from planner.io.workspace.store import Workspace

_ENGINE_TABLES = {"planner_schema", "sqlite_sequence"}
_BATCH = 2000


def _tables(db: Database) -> list[str]:
    if db.dialect == "sqlite":
        rows = db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    else:
        rows = db.query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() "
            "ORDER BY tablename"
        )
    return [name for (name,) in rows if name not in _ENGINE_TABLES]


def _columns(db: Database, table: str) -> list[str]:
    if db.dialect == "sqlite":
        return [row[1] for row in db.query(f"PRAGMA table_info({table})")]
    rows = db.query(
        "SELECT column_name::text FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
        (table,),
    )
    return [name for (name,) in rows]


def _parents(db: Database, table: str) -> set[str]:
    """Tables `table` has foreign keys to (they are copied first)."""
    if db.dialect == "sqlite":
        return {row[2] for row in db.query(f"PRAGMA foreign_key_list({table})")}
    rows = db.query(
        "SELECT confrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ?::regclass",
        (table,),
    )
    return {name for (name,) in rows}


def _in_dependency_order(db: Database, tables: list[str]) -> list[str]:
    ordered: list[str] = []
    pending = {t: _parents(db, t) & set(tables) for t in tables}
    while pending:
        ready = sorted(t for t, parents in pending.items() if parents <= set(ordered))
        if not ready:
            raise WorkspaceError(f"circular references between tables {sorted(pending)}")
        ordered += ready
        for t in ready:
            del pending[t]
    return ordered


def _is_empty(db: Database, tables: list[str]) -> bool:
    return all(not db.query(f"SELECT 1 FROM {t} LIMIT 1") for t in tables)


def copy_workspace(source: Workspace, target: Workspace) -> dict[str, int]:
    """Copy every row of `source` into the empty `target`; rows copied per table."""
    src, dst = source.database, target.database
    if src.location == dst.location:
        raise WorkspaceError("a workspace cannot be copied onto itself")
    tables = _tables(src)
    missing = sorted(set(tables) - set(_tables(dst)))
    if missing:
        raise WorkspaceError(f"{dst.location} has no tables {missing}: is it a workspace?")
    counts: dict[str, int] = {}
    with target.transaction(lock="workspace copy"):
        if not _is_empty(dst, tables):
            raise WorkspaceError(
                f"{dst.location} is not empty: copy into a new file or an empty database"
            )
        for table in _in_dependency_order(src, tables):
            counts[table] = _copy_table(src, dst, table)
        if dst.dialect == "postgresql":
            _restart_identities(dst, tables)
    return counts


def _copy_table(src: Database, dst: Database, table: str) -> int:
    target_columns = set(_columns(dst, table))
    columns = [c for c in _columns(src, table) if c in target_columns and c != "rowid"]
    names = ", ".join(columns)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    order = " ORDER BY rowid" if "rowid" in _columns(src, table) or src.dialect == "sqlite" else ""
    rows = src.query(f"SELECT {names} FROM {table}{order}")
    for start in range(0, len(rows), _BATCH):
        dst.executemany(insert, [tuple(_plain(v) for v in r) for r in rows[start : start + _BATCH]])
    return len(rows)


def _plain(value: object) -> object:
    return bytes(value) if isinstance(value, memoryview) else value


def _restart_identities(db: Database, tables: list[str]) -> None:
    """Identity columns continue after the copied ids (the next import gets a new one)."""
    rows = db.query(
        "SELECT table_name::text, column_name::text FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    )
    for table, column in rows:
        if table in tables:
            db.query(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            )
