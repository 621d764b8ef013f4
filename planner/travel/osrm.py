"""Travel times from an OSRM server (self-hosted or a company one) over its HTTP API.

`/table` gives the matrices, `/route` the drawn geometry. A server refuses tables with
more coordinates than its `--max-table-size` (100 by default), so the matrix is
requested in blocks of at most that many coordinates; if the server still answers
"TooBig" the blocks are halved and the request retried. Pairs the server cannot route
(null entries) are filled with the geodesic estimate and listed in the matrix notes.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
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
    IntMatrix,
    TravelError,
    TravelMatrix,
)

FloatArray = npt.NDArray[np.float64]
FAR_FROM_ROAD_M = 2_000.0


class OsrmModel:
    """Client for OSRM's /table and /route services (API v1)."""

    name = "osrm"

    def __init__(
        self,
        url: str,
        *,
        profile: str = "driving",
        max_table_size: int = 100,
        timeout_s: float = 30.0,
        fallback: GeodesicModel | None = None,
        parallel_requests: int = 4,
    ) -> None:
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise TravelError(f"OSRM server address must be http(s)://host[:port], got {url!r}")
        if max_table_size < 2:
            raise TravelError("max_table_size must be at least 2")
        if not 1 <= parallel_requests <= 16:
            raise TravelError(f"parallel_requests must be 1–16, got {parallel_requests}")
        self.url = url.rstrip("/")
        self.profile = profile
        self.max_table_size = int(max_table_size)
        self.timeout_s = timeout_s
        self.fallback = fallback or GeodesicModel()
        self.parallel_requests = parallel_requests

    def _get(self, service: str, points: Sequence[GeoPoint], query: dict[str, str]) -> Any:
        coords = ";".join(f"{p.lon:.6f},{p.lat:.6f}" for p in points)
        url = f"{self.url}/{service}/v1/{self.profile}/{coords}?{urllib.parse.urlencode(query)}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout_s) as response:
                body = json.loads(response.read())
        except urllib.error.HTTPError as exc:  # OSRM answers errors with a JSON body
            body = _json_or_none(exc.read())
            if body is None:
                raise TravelError(f"OSRM server {self.url} answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TravelError(f"cannot reach the OSRM server at {self.url}: {reason}") from exc
        except json.JSONDecodeError as exc:
            raise TravelError(f"{self.url} did not answer like an OSRM server") from exc
        if not isinstance(body, dict):
            raise TravelError(f"{self.url} did not answer like an OSRM server")
        if body.get("code") != "Ok":
            raise _OsrmRefusal(str(body.get("code")), str(body.get("message", "")))
        return body

    def _table(
        self, sources: Sequence[GeoPoint], targets: Sequence[GeoPoint] | None
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """(metres, seconds, snap metres of sources) with NaN where the server gave null."""
        points = list(sources) if targets is None else [*sources, *targets]
        query = {"annotations": "duration,distance"}
        if targets is not None:
            query["sources"] = ";".join(str(i) for i in range(len(sources)))
            query["destinations"] = ";".join(str(i) for i in range(len(sources), len(points)))
        body = self._get("table", points, query)
        try:
            dist = np.array(body["distances"], dtype=np.float64)  # None → nan
            secs = np.array(body["durations"], dtype=np.float64)
            snap = np.array([w.get("distance", 0.0) for w in body["sources"]], dtype=np.float64)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise TravelError(
                f"{self.url} answered /table without distances and durations ({exc!r}); "
                "it may be an OSRM older than 5.8"
            ) from None
        expected = (len(sources), len(points) if targets is None else len(targets))
        if dist.shape != expected or secs.shape != expected:
            raise TravelError(f"{self.url} answered a {dist.shape} table for {expected} places")
        return dist, secs, snap

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        dist, secs, notes = self._compute(points, None, progress, cancel)
        np.fill_diagonal(dist, 0)
        np.fill_diagonal(secs, 0)
        return TravelMatrix(dist, secs, notes)

    def arrays_between(
        self,
        origins: Sequence[GeoPoint],
        destinations: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> tuple[IntMatrix, IntMatrix]:
        """(metres, seconds) from each origin to each destination (rectangular)."""
        dist, secs, _ = self._compute(origins, destinations, progress, cancel)
        return dist, secs

    def _compute(
        self,
        origins: Sequence[GeoPoint],
        destinations: Sequence[GeoPoint] | None,
        progress: ProgressReporter,
        cancel: CancelToken,
    ) -> tuple[IntMatrix, IntMatrix, tuple[str, ...]]:
        """destinations None: the square matrix of origins, sharing the diagonal blocks."""
        count = len(origins) + (len(destinations) if destinations is not None else 0)
        block = self.max_table_size // 2 if count > self.max_table_size else count
        while True:
            try:
                raw = self._in_blocks(origins, destinations, max(1, block), progress, cancel)
                return self._finish(origins, destinations, *raw)
            except _OsrmRefusal as refusal:
                if refusal.code != "TooBig" or block <= 1:
                    raise TravelError(f"OSRM refused the table: {refusal}") from None
                block //= 2  # the server's limit is lower than we were told

    def _in_blocks(
        self,
        origins: Sequence[GeoPoint],
        destinations: Sequence[GeoPoint] | None,
        block: int,
        progress: ProgressReporter,
        cancel: CancelToken,
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Request every block; up to `parallel_requests` at once (latency to a remote
        server, not its CPU, usually dominates)."""
        targets_all = origins if destinations is None else destinations
        n, m = len(origins), len(targets_all)
        dist, secs, snap = np.zeros((n, m)), np.zeros((n, m)), np.zeros(n)
        blocks = [
            (
                slice(i, min(n, i + block)),
                slice(j, min(m, j + block)),
                destinations is None and i == j,
            )
            for i in range(0, n, block)
            for j in range(0, m, block)
        ]

        def fetch(
            rows: slice, cols: slice, shared: bool
        ) -> tuple[FloatArray, FloatArray, FloatArray]:
            if cancel.cancelled:
                raise Cancelled("OSRM table cancelled")
            # shared: a diagonal block of a square matrix needs its coordinates only once
            return self._table(origins[rows], None if shared else targets_all[cols])

        with ThreadPoolExecutor(self.parallel_requests) as pool:
            futures = {pool.submit(fetch, *b): b for b in blocks}
            try:
                for done, future in enumerate(as_completed(futures), start=1):
                    rows, cols, _ = futures[future]
                    dist[rows, cols], secs[rows, cols], snap[rows] = future.result()
                    progress.report(done / len(blocks), f"OSRM table: {done}/{len(blocks)} blocks")
            finally:
                for future in futures:
                    future.cancel()  # after an error or cancel, send nothing more
        return dist, secs, snap

    def _finish(
        self,
        origins: Sequence[GeoPoint],
        destinations: Sequence[GeoPoint] | None,
        dist: FloatArray,
        secs: FloatArray,
        snap: FloatArray,
    ) -> tuple[IntMatrix, IntMatrix, tuple[str, ...]]:
        notes: list[str] = []
        missing = np.isnan(dist) | np.isnan(secs)
        if missing.any():
            targets = origins if destinations is None else destinations
            est_d, est_t = self.fallback.arrays_between(origins, targets)
            dist = np.where(missing, est_d, dist)
            secs = np.where(missing, est_t, secs)
            notes.append(
                f"OSRM could not route {int(missing.sum())} pair(s); "
                "they were estimated from straight-line distance"
            )
        far = int((snap > FAR_FROM_ROAD_M).sum())
        if far:
            notes.append(
                f"{far} place(s) are more than {FAR_FROM_ROAD_M / 1000:g} km from any road "
                "the OSRM server knows; check its map covers them"
            )
        return np.rint(dist).astype(np.int64), np.rint(secs).astype(np.int64), tuple(notes)

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        query = {"overview": "full", "geometries": "geojson", "steps": "false"}
        try:
            body = self._get("route", [a, b], query)
        except _OsrmRefusal as refusal:
            if refusal.code == "NoRoute":
                return ((a.lat, a.lon), (b.lat, b.lon))
            raise TravelError(f"OSRM refused the route: {refusal}") from None
        line = body["routes"][0]["geometry"]["coordinates"]
        inner = tuple((float(lat), float(lon)) for lon, lat in line)
        return ((a.lat, a.lon), *inner, (b.lat, b.lon))

    def cache_key(self) -> str:
        return f"osrm:{self.url}:{self.profile}:fallback={self.fallback.cache_key()}"


class _OsrmRefusal(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code


def _json_or_none(raw: bytes) -> Any:
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None
