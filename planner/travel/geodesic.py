"""Offline travel estimate: great-circle distance × road circuity ÷ a distance-dependent speed.

Why these defaults (each can be changed, and `territory-planner travel calibrate` fits
them to a real road network):

* Earth radius 6 371 008.8 m: the IUGG mean radius, the usual choice for haversine.
* Circuity (road km per straight-line km) 1.35 for short hops, falling to 1.20 for long
  legs. Ballou, Rahardja & Sakai (2002), "Selected country circuity factors for road
  travel distance estimation", Transportation Research A 36(9), report about 1.2 for the
  US and most of Western Europe on inter-city pairs; Boscoe, Henry & Zdeb (2012), "A
  nationwide comparison of driving distance versus straight-line distance to hospitals",
  Professional Geographer 64(2), find ratios well above 1.3 on short trips, falling with
  distance.
* Average door-to-door speed 20 km/h for short urban hops (junctions, lights, one-way
  streets; traffic indices such as TomTom's put European city centres at roughly
  20–30 km/h), rising towards 80 km/h on long legs, a mix of motorway (rarely above
  ~110 km/h on average) and extra-urban roads (~70–90 km/h).
* Both curves move from the short to the long value exponentially over a 25 km length
  scale: a 3 km hop averages ~27 km/h, 30 km ~58 km/h, 100 km ~78 km/h.
* These are deliberately on the slow side of free-flow navigation times (traffic,
  parking): e.g. Milan–Rome (477 km straight) comes out at 573 km, which matches the
  motorway, but 7.2 h where a free-flow router says under 6 h. The bundled OSM test
  extracts are city-sized, so they can check only the short-hop end (see
  benchmarks/travel_bench.py); fit the rest to your region with `travel calibrate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt

from planner.domain.geo import GeoPoint
from planner.domain.progress import Cancelled, CancelToken, ProgressReporter
from planner.travel.model import (
    NO_CANCEL,
    NO_PROGRESS,
    Geometry,
    TravelError,
    TravelMatrix,
    coords_array,
)

EARTH_RADIUS_M = 6_371_008.8
_BLOCK_ROWS = 256  # rows per block: bounds memory (~8 MB per temporary) and lets us cancel

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class GeodesicParams:
    circuity_short: float = 1.35
    circuity_long: float = 1.20
    speed_short_kmh: float = 20.0
    speed_long_kmh: float = 80.0
    transition_km: float = 25.0

    def __post_init__(self) -> None:
        for name in ("circuity_short", "circuity_long"):
            value = getattr(self, name)
            if not 1.0 <= value <= 3.0:
                raise TravelError(f"{name} must be between 1 and 3, got {value}")
        for name in ("speed_short_kmh", "speed_long_kmh"):
            value = getattr(self, name)
            if not 1.0 <= value <= 200.0:
                raise TravelError(f"{name} must be between 1 and 200 km/h, got {value}")
        if not 0.1 <= self.transition_km <= 500.0:
            raise TravelError(f"transition_km must be 0.1–500 km, got {self.transition_km}")


def haversine_m(
    lat1: FloatArray, lon1: FloatArray, lat2: FloatArray, lon2: FloatArray
) -> FloatArray:
    """Great-circle distance in metres; arguments in degrees, broadcast like numpy."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi * 0.5) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb * 0.5) ** 2
    # clip: rounding can push a a hair above 1 for antipodal points
    result: FloatArray = 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result


def road_estimate(straight_m: FloatArray, params: GeodesicParams) -> tuple[FloatArray, FloatArray]:
    """(road metres, seconds) estimated from straight-line metres."""
    scale_m = params.transition_km * 1000.0
    circuity = params.circuity_long + (params.circuity_short - params.circuity_long) * np.exp(
        -straight_m / scale_m
    )
    road_m = straight_m * circuity
    v_short = params.speed_short_kmh / 3.6
    v_long = params.speed_long_kmh / 3.6
    speed = v_long - (v_long - v_short) * np.exp(-road_m / scale_m)
    return road_m, road_m / speed


class GeodesicModel:
    """Vectorised haversine × circuity with a short-hop/long-leg speed curve."""

    name = "geodesic"

    def __init__(self, params: GeodesicParams = GeodesicParams()) -> None:
        self.params = params

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        distance, duration = self.arrays_between(points, points, progress, cancel)
        return TravelMatrix(distance, duration)

    def arrays_between(
        self,
        origins: Sequence[GeoPoint],
        destinations: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> tuple[IntArray, IntArray]:
        """(metres, seconds) int64 arrays of shape (len(origins), len(destinations))."""
        src, dst = coords_array(origins), coords_array(destinations)
        n, m = len(src), len(dst)
        distance = np.zeros((n, m), dtype=np.int64)
        duration = np.zeros((n, m), dtype=np.int64)
        for start in range(0, n, _BLOCK_ROWS):
            if cancel.cancelled:
                raise Cancelled("geodesic matrix cancelled")
            stop = min(n, start + _BLOCK_ROWS)
            block = src[start:stop]
            straight = haversine_m(block[:, :1], block[:, 1:], dst[None, :, 0], dst[None, :, 1])
            road_m, secs = road_estimate(straight, self.params)
            distance[start:stop] = np.rint(road_m)
            duration[start:stop] = np.rint(secs)
            progress.report(stop / n, f"geodesic matrix: {stop}/{n} rows")
        progress.report(1.0, "geodesic matrix done")
        return distance, duration

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        return ((a.lat, a.lon), (b.lat, b.lon))

    def cache_key(self) -> str:
        values = ",".join(f"{k}={v!r}" for k, v in sorted(asdict(self.params).items()))
        return f"geodesic:{values}"
