"""The workspace handle: opening either backend, transactions, row-version checks.

See store.py for the whole interface and the guarantees it gives.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

import orjson
import platformdirs

from planner.io.workspace import safety
from planner.io.workspace.db import Database, SqliteDatabase, WorkspaceError
from planner.io.workspace.postgres import PostgresDatabase, is_postgres_url
from planner.io.workspace.schema import migrate_postgres, migrate_sqlite
from planner.io.workspace.versions import ConflictError, SeenVersions

APP_NAME = "territory-planner"
CHUNK = 500  # rows per statement: under SQLite's variable limit, few round trips


def default_workspace_path() -> Path:
    """The workspace used when none is named: in the user's data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "default.tpw"


def dumps(value: Any) -> str:
    """JSON text for a column. orjson: the workspace writes 100,000 accounts in one import."""
    return orjson.dumps(value).decode()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")  # orders changes (accounts())


def marks(n: int) -> str:
    return ",".join("?" * n)


def plan_key(rep_name: str, week_start: date) -> str:
    return f"{rep_name}|{week_start.isoformat()}"


class WorkspaceBase:
    """A handle on one workspace. Thread-safe: one connection shared under a lock."""

    def __init__(self, db: Database, path: Path | None = None, target: str = "") -> None:
        self._db = db
        self._file = path
        self.target = target or str(path or db.location)  # to open it again, password and all
        self.location = db.location  # a file path, or the URL without its password
        self._lock = threading.RLock()
        self._depth = 0
        self._seen = SeenVersions()

    @classmethod
    def open(cls, target: str | Path, *, create: bool = False) -> Self:
        """A workspace file (created when new), or a PostgreSQL URL (its schema created
        only with `create`: `workspace init`). Migrates an older schema forward."""
        if is_postgres_url(target):
            db = PostgresDatabase(str(target))
            try:
                migrate_postgres(db, create=create)
            except BaseException:
                db.close()
                raise
            return cls(db, target=str(target))
        path = Path(target)
        try:  # a file that is not a workspace is refused before SQLite touches it
            safety.check_workspace_file(path)
        except safety.ForeignFileError as exc:
            raise WorkspaceError(str(exc)) from None
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            sqlite_db = SqliteDatabase(path)
        except sqlite3.Error as exc:
            raise WorkspaceError(safety.sqlite_problem(exc, str(path))) from exc
        try:
            migrate_sqlite(sqlite_db)
            safety.stamp(sqlite_db.conn)
        except sqlite3.Error as exc:
            sqlite_db.close()
            raise WorkspaceError(safety.sqlite_problem(exc, str(path))) from exc
        except BaseException:
            sqlite_db.close()
            raise
        return cls(sqlite_db, path)

    @property
    def is_team(self) -> bool:
        """A shared PostgreSQL workspace (as opposed to a file)."""
        return self._db.dialect == "postgresql"

    @property
    def title(self) -> str:
        """A short name for window titles: the file's name, or the database's URL."""
        return self._file.name if self._file is not None else self.location

    @property
    def path(self) -> Path:
        """The workspace file; a team workspace has none."""
        if self._file is None:
            raise WorkspaceError(f"{self.location} is a team workspace, not a file")
        return self._file

    @property
    def database(self) -> Database:
        """The engine underneath, for whole-workspace tools (copy, access rules)."""
        return self._db

    def copy_to(self, target: str | Path) -> None:
        """Write a consistent copy of this workspace file to `target` (SQLite backup)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise WorkspaceError("a workspace cannot be copied onto itself")
        target.parent.mkdir(parents=True, exist_ok=True)
        assert isinstance(self._db, SqliteDatabase)
        with self._lock:
            self._db.backup_to(target)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, lock: str | None = None) -> Iterator[None]:
        """One transaction; nested uses join the outer one. `lock` (outer only) names a
        lock that a second writer with the same name waits for, e.g. "import"."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._db.begin(lock)
            self._depth = 1
            try:
                with self._seen.journal():
                    yield
            except BaseException:
                self._depth = 0
                self._db.rollback()
                raise
            self._depth = 0
            self._db.commit()

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.query(sql, params)

    def _write_many(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        with self.transaction():
            self._db.executemany(sql, rows)

    def _stored_versions(self, table: str, key_sql: str, keys: list[str]) -> dict[str, int]:
        """key -> version of the stored rows among `keys`, locked until the transaction ends."""
        rows = self._db.query(
            f"SELECT {key_sql}, version FROM {table} WHERE {key_sql} IN ({marks(len(keys))})"
            + self._db.lock_rows(),
            keys,
        )
        return {k: int(v) for k, v in rows}

    def _refuse_stale(
        self, table: str, keys: list[str], stored: dict[str, int], mine: dict[str, Any]
    ) -> None:
        stale = self._seen.stale(table, keys, stored)
        if not stale:
            return
        key = stale[0]
        theirs = self._stored_data(table, key)
        what = f"account {mine[key].get('name', key)!r}" if table == "accounts" else f"plan {key}"
        raise ConflictError(what, mine[key], theirs)

    def _stored_data(self, table: str, key: str) -> dict[str, Any] | None:
        key_sql = "key" if table == "accounts" else "rep_name || '|' || week_start"
        rows = self._db.query(f"SELECT data FROM {table} WHERE {key_sql} = ?", (key,))
        return orjson.loads(rows[0][0]) if rows else None
