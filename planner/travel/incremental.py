"""Re-planning after a small change: compute only the rows and columns of new places.

`MatrixMemo` keeps, for one travel model, the matrix of every place it has seen. Asking
for a set of places that differs by a few new ones costs two thin rectangular
computations (new → all, known → new) instead of the whole square. Backends that
can compute rectangles (geodesic, road graph, OSRM) implement `arrays_between`; for
any other model the memo falls back to the full matrix. With a `MatrixCache` (the
workspace's), exact repeats are served from it, across sessions too.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from planner.domain.geo import GeoPoint
from planner.domain.progress import CancelToken, ProgressReporter
from planner.travel.cache import MatrixCache, matrix_key
from planner.travel.model import (
    NO_CANCEL,
    NO_PROGRESS,
    Geometry,
    IntMatrix,
    TravelMatrix,
    TravelModel,
    leg_is_estimate,
)


@runtime_checkable
class RectangularModel(Protocol):
    def arrays_between(
        self,
        origins: Sequence[GeoPoint],
        destinations: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> tuple[IntMatrix, IntMatrix]: ...


def _place_key(p: GeoPoint) -> tuple[float, float]:
    return (round(p.lat, 6), round(p.lon, 6))  # same resolution as matrix_key


class MatrixMemo:
    """Matrices for one model, reusing every pair computed before.

    Safe to share between worker threads: one computation runs at a time.
    """

    def __init__(
        self, model: TravelModel, cache: MatrixCache | None = None, max_places: int = 5000
    ) -> None:
        self.model = model
        self.cache = cache
        self.max_places = max_places
        self.last_computed_pairs = 0  # work done by the latest call (for tests and benches)
        self._lock = threading.Lock()
        self._reset([], np.zeros((0, 0), np.int64), np.zeros((0, 0), np.int64), ())

    def _reset(
        self, points: list[GeoPoint], dist: IntMatrix, secs: IntMatrix, notes: tuple[str, ...]
    ) -> None:
        self._points = points
        self._index = {_place_key(p): i for i, p in enumerate(points)}
        self._dist, self._secs, self._notes = dist, secs, notes

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        with self._lock:
            return self._cached_or_computed(points, progress, cancel)

    def _cached_or_computed(
        self, points: Sequence[GeoPoint], progress: ProgressReporter, cancel: CancelToken
    ) -> TravelMatrix:
        if all(_place_key(p) in self._index for p in points):
            # Every place is in memory (a hand edit asks for the plan's places less one):
            # picked from there, without a round trip to the workspace's cache and a write.
            return self._compute(points, progress, cancel)
        key = matrix_key(self.model, points) if self.cache is not None else ""
        if self.cache is not None:
            found = self.cache.get(key)
            if found is not None and found.size == len(points):
                self.last_computed_pairs = 0
                progress.report(1.0, "travel matrix from cache")
                return found
        result = self._compute(points, progress, cancel)
        if self.cache is not None:
            self.cache.put(key, result)
        return result

    def _compute(
        self, points: Sequence[GeoPoint], progress: ProgressReporter, cancel: CancelToken
    ) -> TravelMatrix:
        fresh: dict[tuple[float, float], GeoPoint] = {}
        for p in points:
            if _place_key(p) not in self._index:
                fresh.setdefault(_place_key(p), p)
        total = len(self._points) + len(fresh)
        if fresh and (
            not self._points
            or total > self.max_places
            or not isinstance(self.model, RectangularModel)
        ):
            unique = list({_place_key(p): p for p in points}.values())
            full = self.model.matrix(unique, progress, cancel)
            self.last_computed_pairs = len(unique) ** 2
            self._reset(unique, full.distance_m, full.duration_s, full.notes)
        elif fresh:
            self._extend(list(fresh.values()), progress, cancel)
        else:
            self.last_computed_pairs = 0
            progress.report(1.0, "travel matrix from memory")
        idx = np.array([self._index[_place_key(p)] for p in points], dtype=np.intp)
        pick = np.ix_(idx, idx)
        return TravelMatrix(
            np.ascontiguousarray(self._dist[pick]),
            np.ascontiguousarray(self._secs[pick]),
            self._notes,
        )

    def _extend(
        self, fresh: list[GeoPoint], progress: ProgressReporter, cancel: CancelToken
    ) -> None:
        assert isinstance(self.model, RectangularModel)
        known, everyone = self._points, [*self._points, *fresh]
        rows_d, rows_t = self.model.arrays_between(fresh, everyone, progress, cancel)
        cols_d, cols_t = self.model.arrays_between(known, fresh, progress, cancel)
        self.last_computed_pairs = rows_d.size + cols_d.size
        n = len(everyone)
        dist, secs = np.zeros((n, n), np.int64), np.zeros((n, n), np.int64)
        k = len(known)
        dist[:k, :k], secs[:k, :k] = self._dist, self._secs
        dist[:k, k:], secs[:k, k:] = cols_d, cols_t
        dist[k:], secs[k:] = rows_d, rows_t
        np.fill_diagonal(dist, 0)
        np.fill_diagonal(secs, 0)
        self._reset(everyone, dist, secs, self._notes)


class MemoizedModel:
    """A TravelModel whose matrices go through a MatrixMemo (and its cache).

    Planning code takes any TravelModel; handing it this one makes re-planning after a
    small change cheap and reuses matrices stored in the workspace.
    """

    def __init__(self, model: TravelModel, cache: MatrixCache | None = None) -> None:
        self.model = model
        self.memo = MatrixMemo(model, cache)
        self.name = model.name

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        return self.memo.matrix(points, progress, cancel)

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        return self.model.leg_geometry(a, b)

    def is_estimate(self, a: GeoPoint, b: GeoPoint) -> bool:
        return leg_is_estimate(self.model, a, b)

    def cache_key(self) -> str:
        return self.model.cache_key()
