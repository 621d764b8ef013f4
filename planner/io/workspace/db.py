"""The database under a workspace: one small interface, a SQLite and a PostgreSQL side.

The store writes its SQL once, in the subset both engines understand (`?` parameters,
`INSERT ... ON CONFLICT ... DO UPDATE`, `RETURNING`); a backend only connects, runs
statements and brackets transactions. Adding a table for the store means writing its
migration (schema.py) and its methods (store.py) — never a backend.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, Protocol

from planner.io.workspace import safety

Dialect = Literal["sqlite", "postgresql"]
Row = tuple[Any, ...]


class WorkspaceError(RuntimeError):
    """The workspace cannot be opened, read or written; the message says why."""


class AccessDenied(WorkspaceError):
    """The database refused: the user's role or row-level rules do not allow this."""


class Database(Protocol):
    """What the store needs from an engine. Not thread-safe: the store holds a lock."""

    dialect: Dialect
    location: str  # for messages: a file path, or a URL without its password

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]: ...

    def execute(self, sql: str, params: Iterable[Any] = ()) -> None: ...

    def executemany(self, sql: str, rows: Iterable[Row]) -> None: ...

    def execute_script(self, script: str) -> None:
        """Several `;`-separated statements without parameters (migrations)."""

    def begin(self, lock: str | None = None) -> None:
        """Start a write transaction; `lock` names a lock held until it ends (imports)."""

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def lock_rows(self) -> str:
        """The clause that locks selected rows until the transaction ends ('' in SQLite)."""

    def close(self) -> None: ...


class SqliteDatabase:
    """A workspace file. `BEGIN IMMEDIATE` takes the file's write lock at the start of
    every write transaction, so a second writer waits (up to `timeout`) instead of failing
    half-way; WAL journaling lets readers go on meanwhile."""

    dialect: Dialect = "sqlite"

    def __init__(self, path: Path, timeout: float = 30.0) -> None:
        self.location = str(path)
        self.conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=timeout
        )
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError:
            self.conn.close()
            raise

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def execute(self, sql: str, params: Iterable[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Row]) -> None:
        self.conn.executemany(sql, rows)

    def execute_script(self, script: str) -> None:
        for statement in filter(str.strip, script.split(";")):
            self.conn.execute(statement)

    def begin(self, lock: str | None = None) -> None:
        self.conn.execute("BEGIN IMMEDIATE")  # the file lock serialises every writer

    def commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            safety.rollback(self.conn)  # a failed COMMIT (full disk) may leave it open
            raise

    def rollback(self) -> None:
        safety.rollback(self.conn)  # never twice: SQLite may have rolled back already

    def lock_rows(self) -> str:
        return ""

    def close(self) -> None:
        self.conn.close()

    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def set_user_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def backup_to(self, target: Path) -> None:
        destination = sqlite3.connect(target)
        try:
            self.conn.backup(destination)
        finally:
            destination.close()
