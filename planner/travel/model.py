"""The travel model interface: places in, integer distance/duration matrices out.

Every backend (geodesic estimate, OSM road graph, OSRM server) implements
`TravelModel`; solvers only ever see `TravelMatrix` (metres and seconds as int64).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from planner.domain.geo import GeoPoint
from planner.domain.progress import CancelToken, NeverCancel, NullProgress, ProgressReporter

IntMatrix = npt.NDArray[np.int64]
Geometry = tuple[tuple[float, float], ...]  # (lat, lon) points

# Shared defaults (stateless), so signatures need no call in their default values.
NO_PROGRESS: ProgressReporter = NullProgress()
NO_CANCEL: CancelToken = NeverCancel()


class TravelError(RuntimeError):
    """A travel backend could not produce an answer; the message says why and what to do."""


@dataclass(frozen=True, eq=False)
class TravelMatrix:
    """Road distance (m) and driving time (s) between every ordered pair of places.

    Row i, column j is the leg from place i to place j; the diagonal is zero.
    `notes` records anything the caller should show the user (e.g. pairs a road
    backend could not route and that were estimated instead).
    """

    distance_m: IntMatrix
    duration_s: IntMatrix
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        d, t = self.distance_m, self.duration_s
        if d.ndim != 2 or d.shape[0] != d.shape[1] or d.shape != t.shape:
            raise TravelError(
                f"travel matrices must be square and of equal shape, got {d.shape} and {t.shape}"
            )
        if d.dtype != np.int64 or t.dtype != np.int64:
            raise TravelError(f"travel matrices must be int64, got {d.dtype} and {t.dtype}")
        # Read-only so that a cached matrix cannot be changed behind the cache's back.
        d.flags.writeable = False
        t.flags.writeable = False

    @property
    def size(self) -> int:
        return int(self.distance_m.shape[0])

    def leg(self, i: int, j: int) -> tuple[int, int]:
        """(distance_m, duration_s) of the leg from place i to place j."""
        return int(self.distance_m[i, j]), int(self.duration_s[i, j])

    def subset(self, indices: Sequence[int]) -> TravelMatrix:
        """The matrix restricted to the given places, in the given order."""
        idx = np.asarray(indices, dtype=np.intp)
        return TravelMatrix(
            np.ascontiguousarray(self.distance_m[np.ix_(idx, idx)]),
            np.ascontiguousarray(self.duration_s[np.ix_(idx, idx)]),
            self.notes,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TravelMatrix):
            return NotImplemented
        return bool(
            np.array_equal(self.distance_m, other.distance_m)
            and np.array_equal(self.duration_s, other.duration_s)
        )

    __hash__ = None  # type: ignore[assignment]  # arrays are not hashable


@runtime_checkable
class TravelModel(Protocol):
    """A way of estimating road travel between places."""

    name: str

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        """Distance and duration between all ordered pairs of `points`.

        Raises `planner.domain.progress.Cancelled` when `cancel` trips.
        """
        ...

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        """The drawn path from a to b as (lat, lon) points, at least [a, b]."""
        ...

    def cache_key(self) -> str:
        """Backend name plus every parameter that changes the numbers it returns."""
        ...


def leg_is_estimate(model: TravelModel, a: GeoPoint, b: GeoPoint) -> bool:
    """True unless `model` times the leg a→b on real roads (a model without an
    `is_estimate` method is a road model, except the geodesic estimate)."""
    check = getattr(model, "is_estimate", None)
    if check is not None:
        return bool(check(a, b))
    return model.name == "geodesic"


def coords_array(points: Sequence[GeoPoint]) -> npt.NDArray[np.float64]:
    """(n, 2) array of (lat, lon) degrees."""
    if not points:
        return np.zeros((0, 2), dtype=np.float64)
    return np.array([(p.lat, p.lon) for p in points], dtype=np.float64)
