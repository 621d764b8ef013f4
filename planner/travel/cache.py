"""Matrix cache: re-planning after a small change should not recompute unchanged matrices.

`MatrixCache` is the small interface the workspace implements (SQLite, on disk);
`InMemoryMatrixCache` is for the CLI, tests and one-off runs; `StoreMatrixCache` adapts
any store with `matrix_get`/`matrix_put` of raw arrays (the workspace has them; travel
and io are sibling layers, so the adapter is structural and neither imports the other).
Keys come from `matrix_key`: the model's `cache_key()` (backend + parameters) and the places'
coordinates, so any change of backend, parameter or place gives a new key.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from planner.domain.geo import GeoPoint
from planner.domain.progress import CancelToken, ProgressReporter
from planner.travel.model import NO_CANCEL, NO_PROGRESS, IntMatrix, TravelMatrix, TravelModel


@runtime_checkable
class MatrixCache(Protocol):
    def get(self, key: str) -> TravelMatrix | None:
        """The matrix stored under key, or None."""
        ...

    def put(self, key: str, matrix: TravelMatrix) -> None:
        """Store (or replace) the matrix under key."""
        ...


class InMemoryMatrixCache:
    """A bounded least-recently-used cache held in memory."""

    def __init__(self, max_entries: int = 32) -> None:
        if max_entries < 1:
            raise ValueError("a matrix cache needs room for at least one matrix")
        self.max_entries = max_entries
        self._entries: OrderedDict[str, TravelMatrix] = OrderedDict()

    def get(self, key: str) -> TravelMatrix | None:
        matrix = self._entries.get(key)
        if matrix is not None:
            self._entries.move_to_end(key)
        return matrix

    def put(self, key: str, matrix: TravelMatrix) -> None:
        self._entries[key] = matrix
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


class ArrayMatrixStore(Protocol):
    """What a persistent store offers: int64 (distance, duration) arrays by key."""

    def matrix_get(self, key: str) -> tuple[IntMatrix, IntMatrix] | None: ...

    def matrix_put(self, key: str, distance: IntMatrix, duration: IntMatrix) -> None: ...


class StoreMatrixCache:
    """A MatrixCache over an ArrayMatrixStore such as planner.io.workspace.Workspace.

    Matrix notes are not persisted: they describe the computation that made the matrix
    and were shown when it was made.
    """

    def __init__(self, store: ArrayMatrixStore) -> None:
        self.store = store

    def get(self, key: str) -> TravelMatrix | None:
        found = self.store.matrix_get(key)
        return None if found is None else TravelMatrix(found[0], found[1])

    def put(self, key: str, matrix: TravelMatrix) -> None:
        self.store.matrix_put(key, matrix.distance_m, matrix.duration_s)


def matrix_key(model: TravelModel, points: Sequence[GeoPoint]) -> str:
    """A stable key for the matrix of `points` under `model` (hex SHA-256)."""
    digest = hashlib.sha256(model.cache_key().encode())
    # 6 decimals ≈ 0.1 m: finer than any geocode, coarse enough to ignore float noise.
    for p in points:
        digest.update(f"|{p.lat:.6f},{p.lon:.6f}".encode())
    return f"{model.name}:{len(points)}:{digest.hexdigest()}"


def cached_matrix(
    model: TravelModel,
    points: Sequence[GeoPoint],
    cache: MatrixCache,
    progress: ProgressReporter = NO_PROGRESS,
    cancel: CancelToken = NO_CANCEL,
) -> TravelMatrix:
    """The matrix from the cache when present, else computed and stored."""
    key = matrix_key(model, points)
    found = cache.get(key)
    if found is not None and found.size == len(points):
        progress.report(1.0, "travel matrix from cache")
        return found
    matrix = model.matrix(points, progress, cancel)
    cache.put(key, matrix)
    return matrix
