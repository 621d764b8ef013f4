"""Workspace records besides the domain objects: imports, rejected rows, caches, settings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from planner.io.workspace.base import WorkspaceBase, dumps, now
from planner.io.workspace.records import CachedGeocode, ImportRecord, RejectedRow


class RecordStore(WorkspaceBase):
    """Imports and their rejected rows, the geocode and matrix caches, visits, settings."""

    # imports and rejected rows --------------------------------------------------------
    def record_import(self, record: ImportRecord) -> int:
        with self.transaction():
            rows = self._db.query(
                "INSERT INTO imports(file, started_at, format, preset, accepted, updated, "
                "rejected, skipped, messages) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                (
                    record.file,
                    record.started_at.isoformat(),
                    record.format,
                    record.preset,
                    record.accepted,
                    record.updated,
                    record.rejected,
                    record.skipped,
                    dumps(list(record.messages)),
                ),
            )
            return int(rows[0][0])

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
            ((import_id, r.row_number, r.column, r.reason, dumps(r.raw)) for r in rows),
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
            "INSERT INTO geocode_cache(address_key, lat, lon, precision, source, created_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(address_key) DO UPDATE SET lat=excluded.lat, "
            "lon=excluded.lon, precision=excluded.precision, source=excluded.source, "
            "created_at=excluded.created_at",
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
            self._db.execute(
                "INSERT INTO matrix_cache(key, size, distance, duration, created_at) "
                "VALUES (?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET size=excluded.size, "
                "distance=excluded.distance, duration=excluded.duration, "
                "created_at=excluded.created_at",
                (
                    key,
                    size,
                    np.ascontiguousarray(distance, dtype=np.int64).tobytes(),
                    np.ascontiguousarray(duration, dtype=np.int64).tobytes(),
                    now(),
                ),
            )

    # visit history --------------------------------------------------------------------
    def log_visit(self, account_key: str, day: date, note: str = "") -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO visit_log(account_key, day, note) VALUES (?,?,?) "
                "ON CONFLICT(account_key, day) DO UPDATE SET note=excluded.note",
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
            self._db.execute(
                "INSERT INTO kv(namespace, key, value) VALUES (?,?,?) "
                "ON CONFLICT(namespace, key) DO UPDATE SET value=excluded.value",
                (namespace, key, dumps(value)),
            )
