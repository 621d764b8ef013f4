"""The workspace: one SQLite file per territory, holding everything the planner knows.

Every multi-row write runs in one transaction (`with ws.transaction(): ...`), and the file
uses WAL journaling, so a crash or a kill leaves either the old or the new state, never a
mix. Domain objects are stored as JSON through planner.io.codec.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

import numpy as np
import numpy.typing as npt
import orjson
import platformdirs

from planner.domain import Account, Rep, Territory, WeekPlan
from planner.io import codec
from planner.io.workspace import safety
from planner.io.workspace.records import CachedGeocode, ImportRecord, RejectedRow
from planner.io.workspace.schema import migrate

APP_NAME = "territory-planner"


def default_workspace_path() -> Path:
    """The workspace used when none is named: in the user's data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "default.tpw"


def _dumps(value: Any) -> str:
    """JSON text for a column. orjson: the workspace writes 100,000 accounts in one import."""
    return orjson.dumps(value).decode()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class WorkspaceError(RuntimeError):
    """The workspace file cannot be opened or is not a workspace."""


class Workspace:
    """A handle on one workspace file. Thread-safe; one connection shared under a lock."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path) -> Workspace:
        """The workspace file at ``path``, created when missing; a file that is not a
        workspace is refused untouched (safety.py)."""
        path = Path(path)
        try:
            safety.check_workspace_file(path)
        except safety.ForeignFileError as exc:
            raise WorkspaceError(str(exc)) from None
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = None
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn)
            safety.stamp(conn)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise WorkspaceError(safety.sqlite_problem(exc, str(path))) from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        return cls(conn, path)

    def copy_to(self, target: str | Path) -> None:
        """Write a consistent copy of this workspace to `target` (SQLite online backup)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise WorkspaceError("a workspace cannot be copied onto itself")
        target.parent.mkdir(parents=True, exist_ok=True)
        destination = sqlite3.connect(target)
        try:
            with self._lock:
                self._conn.backup(destination)
        finally:
            destination.close()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQLite transaction; nested uses join the outer one."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    safety.rollback(self._conn)
                raise
            self._depth -= 1
            if outer:
                try:
                    self._conn.execute("COMMIT")
                except BaseException:
                    safety.rollback(self._conn)  # a failed COMMIT (full disk) may leave it open
                    raise

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    def _write_many(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        with self.transaction():
            self._conn.executemany(sql, rows)

    # accounts -------------------------------------------------------------------------
    def accounts(self) -> list[Account]:
        rows = self._query("SELECT data FROM accounts ORDER BY rowid")
        return [codec.account_from_dict(orjson.loads(data)) for (data,) in rows]

    def account_by_key(self, key: str) -> Account | None:
        rows = self._query("SELECT data FROM accounts WHERE key = ?", (key,))
        return codec.account_from_dict(orjson.loads(rows[0][0])) if rows else None

    def account_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM accounts")[0][0])

    def save_accounts(self, accounts: Iterable[Account]) -> None:
        """Insert or replace accounts by Account.key, in one transaction."""
        now = _now()
        self._write_many(
            "INSERT INTO accounts(key, account_id, name, data, updated_at) VALUES (?,?,?,?,?) "
            "ON CONFLICT(key) DO UPDATE SET account_id=excluded.account_id, "
            "name=excluded.name, data=excluded.data, updated_at=excluded.updated_at",
            (
                (a.key, a.account_id, a.name, _dumps(codec.account_to_dict(a)), now)
                for a in accounts
            ),
        )

    def delete_accounts(self, keys: Iterable[str]) -> None:
        self._write_many("DELETE FROM accounts WHERE key = ?", ((k,) for k in keys))

    # reps -----------------------------------------------------------------------------
    def reps(self) -> list[Rep]:
        rows = self._query("SELECT data FROM reps ORDER BY rowid")
        return [codec.rep_from_dict(orjson.loads(data)) for (data,) in rows]

    def rep(self, name: str) -> Rep | None:
        rows = self._query("SELECT data FROM reps WHERE name = ?", (name,))
        return codec.rep_from_dict(orjson.loads(rows[0][0])) if rows else None

    def save_reps(self, reps: Iterable[Rep]) -> None:
        self._write_many(
            "INSERT OR REPLACE INTO reps(name, data) VALUES (?, ?)",
            ((r.name, _dumps(codec.rep_to_dict(r))) for r in reps),
        )

    # imports and rejected rows --------------------------------------------------------
    def record_import(self, record: ImportRecord) -> int:
        with self.transaction():
            cursor = self._conn.execute(
                "INSERT INTO imports(file, started_at, format, preset, accepted, updated, "
                "rejected, skipped, messages) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    record.file,
                    record.started_at.isoformat(),
                    record.format,
                    record.preset,
                    record.accepted,
                    record.updated,
                    record.rejected,
                    record.skipped,
                    _dumps(list(record.messages)),
                ),
            )
            return int(cursor.lastrowid or 0)

    def imports(self) -> list[ImportRecord]:
        rows = self._query(
            "SELECT id, file, started_at, format, preset, accepted, updated, rejected, "
            "skipped, messages FROM imports ORDER BY id"
        )
        return [
            ImportRecord(
                file=r[1],
                started_at=datetime.fromisoformat(r[2]),
                format=r[3],
                preset=r[4],
                accepted=r[5],
                updated=r[6],
                rejected=r[7],
                skipped=r[8],
                import_id=r[0],
                messages=tuple(orjson.loads(r[9])),
            )
            for r in rows
        ]

    def save_rejected_rows(self, import_id: int, rows: Iterable[RejectedRow]) -> None:
        self._write_many(
            "INSERT INTO rejected_rows(import_id, row_number, column_name, reason, raw) "
            "VALUES (?,?,?,?,?)",
            ((import_id, r.row_number, r.column, r.reason, _dumps(r.raw)) for r in rows),
        )

    def rejected_rows(self, import_id: int | None = None) -> list[RejectedRow]:
        sql = "SELECT id, import_id, row_number, column_name, reason, raw FROM rejected_rows"
        params: tuple[Any, ...] = ()
        if import_id is not None:
            sql += " WHERE import_id = ?"
            params = (import_id,)
        return [
            RejectedRow(
                row_number=r[2],
                column=r[3],
                reason=r[4],
                raw=orjson.loads(r[5]),
                import_id=r[1],
                row_id=r[0],
            )
            for r in self._query(sql + " ORDER BY id", params)
        ]

    def delete_rejected_rows(self, row_ids: Iterable[int]) -> None:
        """Forget rejected rows once they have been fixed and re-imported."""
        self._write_many("DELETE FROM rejected_rows WHERE id = ?", ((i,) for i in row_ids))

    # geocode cache --------------------------------------------------------------------
    def cached_geocodes(self, keys: Iterable[str]) -> dict[str, CachedGeocode]:
        found: dict[str, CachedGeocode] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), 500):  # stay under SQLite's variable limit
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._query(
                "SELECT address_key, lat, lon, precision, source, created_at FROM geocode_cache "
                f"WHERE address_key IN ({marks})",
                chunk,
            ):
                found[r[0]] = CachedGeocode(
                    r[0], r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5])
                )
        return found

    def cache_geocodes(self, items: Iterable[CachedGeocode]) -> None:
        self._write_many(
            "INSERT OR REPLACE INTO geocode_cache VALUES (?,?,?,?,?,?)",
            (
                (g.address_key, g.lat, g.lon, g.precision, g.source, g.created_at.isoformat())
                for g in items
            ),
        )

    # travel matrix cache --------------------------------------------------------------
    def matrix_get(self, key: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
        rows = self._query(
            "SELECT size, distance, duration FROM matrix_cache WHERE key = ?", (key,)
        )
        if not rows:
            return None
        size, distance, duration = rows[0]
        shape = (size, size)
        return (
            np.frombuffer(distance, dtype=np.int64).reshape(shape).copy(),
            np.frombuffer(duration, dtype=np.int64).reshape(shape).copy(),
        )

    def matrix_put(
        self, key: str, distance: npt.NDArray[np.int64], duration: npt.NDArray[np.int64]
    ) -> None:
        size = distance.shape[0]
        with self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO matrix_cache VALUES (?,?,?,?,?)",
                (
                    key,
                    size,
                    np.ascontiguousarray(distance, dtype=np.int64).tobytes(),
                    np.ascontiguousarray(duration, dtype=np.int64).tobytes(),
                    _now(),
                ),
            )

    # plans ----------------------------------------------------------------------------
    def save_plan(self, plan: WeekPlan) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO plans VALUES (?,?,?,?)",
                (
                    plan.rep_name,
                    plan.week_start.isoformat(),
                    _dumps(codec.week_plan_to_dict(plan)),
                    _now(),
                ),
            )

    def load_plan(self, rep_name: str, week_start: date) -> WeekPlan | None:
        rows = self._query(
            "SELECT data FROM plans WHERE rep_name = ? AND week_start = ?",
            (rep_name, week_start.isoformat()),
        )
        return codec.week_plan_from_dict(orjson.loads(rows[0][0])) if rows else None

    def plans(self) -> list[tuple[str, date]]:
        """(rep name, week start) of every stored plan, newest week first."""
        rows = self._query("SELECT rep_name, week_start FROM plans ORDER BY week_start DESC")
        return [(r[0], date.fromisoformat(r[1])) for r in rows]

    # territories ----------------------------------------------------------------------
    def territories(self) -> list[Territory]:
        rows = self._query("SELECT data FROM territories ORDER BY name")
        return [codec.territory_from_dict(orjson.loads(data)) for (data,) in rows]

    def replace_territories(self, territories: Iterable[Territory]) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM territories")
            self._conn.executemany(
                "INSERT INTO territories VALUES (?, ?)",
                ((t.name, _dumps(codec.territory_to_dict(t))) for t in territories),
            )

    # visit history --------------------------------------------------------------------
    def log_visit(self, account_key: str, day: date, note: str = "") -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO visit_log VALUES (?,?,?)",
                (account_key, day.isoformat(), note),
            )

    def visit_log(self, account_key: str) -> list[tuple[date, str]]:
        rows = self._query(
            "SELECT day, note FROM visit_log WHERE account_key = ? ORDER BY day", (account_key,)
        )
        return [(date.fromisoformat(r[0]), r[1]) for r in rows]

    # small settings and state ---------------------------------------------------------
    def get_value(self, namespace: str, key: str) -> Any:
        """A small JSON value kept under (namespace, key), e.g. calendar export state."""
        rows = self._query("SELECT value FROM kv WHERE namespace = ? AND key = ?", (namespace, key))
        return orjson.loads(rows[0][0]) if rows else None

    def set_value(self, namespace: str, key: str, value: Any) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO kv VALUES (?,?,?)", (namespace, key, _dumps(value))
            )
