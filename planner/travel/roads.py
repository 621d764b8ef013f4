"""Travel model `roads`: OSRM in-process on the road datasets of the user's regions.

Each region (an OpenStreetMap extract built by `territory-planner region add`) is an
OSRM dataset (Contraction Hierarchies; MLD for regions built before) queried through
the `osrm-bindings` library: no server, no HTTP.
Places inside one region are timed on its roads; a leg with an end outside every
region (or ends in two different regions) is estimated by the geodesic model, whose
parameters were calibrated on the region's own road times, and the matrix notes say
how many legs are estimates.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from planner.domain.geo import GeoPoint
from planner.domain.progress import Cancelled, CancelToken, ProgressReporter
from planner.travel.geodesic import GeodesicModel
from planner.travel.model import (
    NO_CANCEL,
    NO_PROGRESS,
    Geometry,
    TravelError,
    TravelMatrix,
)
from planner.travel.osrm_build import dataset_algorithm

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
FAR_FROM_ROAD_M = 2_000.0  # a place snapped further than this is not on the region's roads
WALK_M_PER_S = 1.3  # ~4.7 km/h
# entries per table query: 1,000×1,000 in one (CH repeats its searches from the
# destinations in every query: 1.08 s in one, 1.88 s in two, 2.59 s in four, Monaco);
# bigger tables in slices, which bound the answer's memory and let a cancel through
_ENTRIES_PER_QUERY = 1_000_000


@dataclass(frozen=True)
class RoadRegion:
    """A built region: its OSRM dataset and the box its extract covers (degrees)."""

    name: str
    dataset: Path  # the .osrm base path
    south: float
    west: float
    north: float
    east: float
    stamp: str = ""  # when it was built: part of the cache key

    def contains(self, point: GeoPoint) -> bool:
        return self.south <= point.lat <= self.north and self.west <= point.lon <= self.east


class RoadsModel:
    """OSRM table and route queries in-process, region by region."""

    name = "roads"

    def __init__(self, regions: Sequence[RoadRegion], fallback: GeodesicModel) -> None:
        self.regions = tuple(regions)
        self.fallback = fallback
        self._engines: dict[str, Any] = {}
        self._routes: dict[tuple[GeoPoint, GeoPoint], Geometry | None] = {}
        self._lock = threading.Lock()

    def _engine(self, region: RoadRegion) -> Any:
        with self._lock:
            engine = self._engines.get(region.name)
            if engine is None:
                engine = open_engine(region.dataset)
                self._engines[region.name] = engine
            return engine

    def region_of(self, point: GeoPoint) -> RoadRegion | None:
        return next((r for r in self.regions if r.contains(point)), None)

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        distance, duration, estimated = self.arrays(points, progress, cancel)
        np.fill_diagonal(distance, 0)
        np.fill_diagonal(duration, 0)
        return TravelMatrix(distance, duration, _notes(estimated, len(points)))

    def arrays(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], BoolArray]:
        """(metres, seconds, estimated) for every ordered pair of `points`."""
        n = len(points)
        dist, secs = np.full((n, n), np.nan), np.full((n, n), np.nan)
        groups: dict[RoadRegion, list[int]] = {}
        for i, point in enumerate(points):
            region = self.region_of(point)
            if region is not None:
                groups.setdefault(region, []).append(i)
        total = max(1, sum(len(g) for g in groups.values()))
        done = 0
        for region, members in groups.items():
            sub = [points[i] for i in members]
            road_d, road_t = self._table(region, sub, progress, cancel, (done, total))
            done += len(members)
            block = np.ix_(members, members)
            dist[block], secs[block] = road_d, road_t
        estimated = np.isnan(dist) | np.isnan(secs)
        self._estimate_rows(points, estimated, dist, secs)
        # one place twice (the rep's home is a customer's door): no drive, no walk
        first: dict[GeoPoint, int] = {}
        ids = np.array([first.setdefault(p, i) for i, p in enumerate(points)])
        if len(first) < len(points):
            same = ids[:, None] == ids[None, :]
            dist[same], secs[same], estimated[same] = 0, 0, False
        progress.report(1.0, "road times done")
        return np.rint(dist).astype(np.int64), np.rint(secs).astype(np.int64), estimated

    def _estimate_rows(
        self, points: Sequence[GeoPoint], estimated: BoolArray, dist: FloatArray, secs: FloatArray
    ) -> None:
        """Fill the legs not timed on roads with the fallback's estimate (only the rows
        that have any: all of a region's places routed means no estimate at all)."""
        rows = np.flatnonzero(estimated.any(axis=1))
        if not len(rows):
            return
        est_d, est_t = self.fallback.arrays_between([points[int(i)] for i in rows], points)
        mask = estimated[rows]
        dist[rows] = np.where(mask, est_d, dist[rows])
        secs[rows] = np.where(mask, est_t, secs[rows])

    def _table(
        self,
        region: RoadRegion,
        points: Sequence[GeoPoint],
        progress: ProgressReporter,
        cancel: CancelToken,
        share: tuple[int, int],
    ) -> tuple[FloatArray, FloatArray]:
        """Road metres and seconds between `points` (NaN: no route or far from roads)."""
        import osrm

        engine = self._engine(region)
        coords = [(p.lon, p.lat) for p in points]
        n = len(points)
        dist, secs = np.full((n, n), np.nan), np.full((n, n), np.nan)
        snap = np.zeros(n)
        rows = max(50, _ENTRIES_PER_QUERY // max(1, n))
        for start in range(0, n, rows):
            if cancel.cancelled:
                raise Cancelled("road times cancelled")
            stop = min(n, start + rows)
            params = osrm.TableParameters(
                coordinates=coords, sources=range(start, stop),
                annotations=["duration", "distance"], generate_hints=False,
            )  # fmt: skip
            answer = _call(engine.Table, params, region)
            _fill(dist[start:stop], answer["distances"])
            _fill(secs[start:stop], answer["durations"])
            if start == 0:
                snap = np.asarray([w["distance"] for w in answer["destinations"]], dtype=float)
            done = share[0] + stop
            progress.report(done / share[1], f"road times ({region.name}): {done}/{share[1]}")
        far = snap > FAR_FROM_ROAD_M
        if far.any():
            dist[far, :] = dist[:, far] = np.nan
            secs[far, :] = secs[:, far] = np.nan
        # on foot between the door and the car at both ends: two doors of a pedestrian
        # lane share one road point, but going from one to the other still takes minutes
        walk = snap / WALK_M_PER_S
        return dist, secs + walk[:, None] + walk[None, :]

    def _route(self, a: GeoPoint, b: GeoPoint) -> Geometry | None:
        """The road path a→b as (lat, lon) points; None when the leg is not on roads."""
        key = (a, b)
        if key in self._routes:
            return self._routes[key]
        region = self.region_of(a)
        found: Geometry | None = None
        if region is not None and region.contains(b):
            import osrm

            params = osrm.RouteParameters(
                coordinates=[(a.lon, a.lat), (b.lon, b.lat)], overview="full",
                geometries="geojson", generate_hints=False,
            )  # fmt: skip
            try:
                answer = self._engine(region).Route(params)
            except RuntimeError:  # NoRoute: ends on road islands the table cannot join
                answer = None
            if answer is not None and _on_road(answer):
                line = answer["routes"][0]["geometry"]["coordinates"]
                found = tuple((float(c[1]), float(c[0])) for c in line)
        with self._lock:
            self._routes[key] = found
        return found

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        inner = self._route(a, b)
        return ((a.lat, a.lon), *(inner or ()), (b.lat, b.lon))

    def is_estimate(self, a: GeoPoint, b: GeoPoint) -> bool:
        """True when the leg a→b is not timed on a region's roads."""
        return a != b and self._route(a, b) is None

    def cache_key(self) -> str:
        regions = ",".join(f"{r.name}@{r.stamp}" for r in self.regions)
        return f"roads:{regions}:fallback={self.fallback.cache_key()}"


def open_engine(dataset: Path) -> Any:
    """An in-process OSRM engine on a CH dataset (or an MLD one built by older versions)."""
    try:
        import osrm
    except ImportError as exc:
        raise TravelError(
            "the OSRM engine (Python package osrm-bindings) is not installed"
        ) from exc
    algorithm = dataset_algorithm(dataset)
    if algorithm is None:
        raise TravelError(f"the road dataset {dataset} is missing or incomplete: update the region")
    try:
        return osrm.OSRM(storage_config=str(dataset), algorithm=algorithm, use_shared_memory=False)
    except RuntimeError as exc:
        raise TravelError(f"cannot open the road dataset {dataset}: {exc}") from exc


def _call(method: Any, params: Any, region: RoadRegion) -> Any:
    try:
        return method(params)
    except RuntimeError as exc:
        raise TravelError(f"OSRM could not answer on region {region.name}: {exc}") from exc


def _fill(out: FloatArray, rows: Any) -> None:
    """Copy an answer's table rows into `out`, NaN where there is no route (None); row
    by row through numpy, not via nested Python lists (~2× faster at 1,000×1,000)."""
    width = out.shape[1]
    try:
        for i, row in enumerate(rows):
            out[i] = np.fromiter(row, dtype=np.float64, count=width)
    except TypeError:  # a None: some pair has no route
        out[:] = np.array(rows, dtype=np.float64)


def _on_road(answer: Any) -> bool:
    """Both ends snapped near a road (else the table estimated the leg too)."""
    return all(w["distance"] <= FAR_FROM_ROAD_M for w in answer["waypoints"])


def _notes(estimated: BoolArray, n: int) -> tuple[str, ...]:
    legs = int(estimated.sum())
    if not legs:
        return ()
    return (
        f"{legs} of {n * (n - 1)} legs are estimates (an end outside every region or off "
        "its roads): straight-line distance with road-calibrated circuity and speed",
    )
