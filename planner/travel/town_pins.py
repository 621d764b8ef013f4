"""Legs between accounts that share a town-level pin are not free.

A geocode that found only the town puts every account of that town on the town centre;
a travel model then prices the leg between two of them at 0 km and 0 minutes, and a
plan books ten visits in a day with 6 km of driving. This wrapper gives every such leg
the *expected* trip inside the town instead, and marks it as an estimate:

* the town is taken as a disk holding its people at `URBAN_DENSITY_PER_KM2`
  (2,000/km²: the order of European urban areas once suburbs are counted; a town of
  130,000 gets a radius of 4.5 km, one of 5,000 a radius of 0.9 km);
* two places drawn at random in a disk of radius R lie 128R/(45π) ≈ 0.905 R apart on
  average (the classical disk line-picking result);
* that straight distance goes through the geodesic model's short-hop circuity and
  speed, so the leg is priced like any other short urban hop; never below
  `MIN_STRAIGHT_M`.

The same holds for a pin that different addresses share for another reason, most often
coordinates rounded in the export (two decimals put every shop of a quarter on one
point): the spread is then the rounding cell, taken as a disk of the same area.

Places at the same address (one building) keep their 0 leg.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from planner.domain.geo import GeoPoint
from planner.domain.i18n import N_
from planner.domain.progress import CancelToken, ProgressReporter
from planner.travel.geodesic import GeodesicParams, road_estimate
from planner.travel.model import (
    NO_CANCEL,
    NO_PROGRESS,
    Geometry,
    TravelMatrix,
    TravelModel,
    leg_is_estimate,
)

URBAN_DENSITY_PER_KM2 = 2_000.0
DEFAULT_POPULATION = 10_000  # a town the gazetteer does not know
MEAN_DISK_DISTANCE = 128.0 / (45.0 * math.pi)  # × radius
MIN_STRAIGHT_M = 300.0
SHARED_PIN_NAME = "shared pin"
_METRES_PER_DEGREE = 111_320.0


def pin_key(point: GeoPoint) -> tuple[float, float]:
    return (round(point.lat, 6), round(point.lon, 6))


def town_radius_m(population: int | None) -> float:
    people = population if population and population > 0 else DEFAULT_POPULATION
    return math.sqrt(people / URBAN_DENSITY_PER_KM2 / math.pi) * 1000.0


def rounding_radius_m(point: GeoPoint) -> float:
    """Radius of the disk as large as the cell the coordinates were rounded to (0 when
    they carry six decimals or more: the point is as exact as any geocode)."""
    for decimals in range(6):
        if _rounded(point.lat, decimals) and _rounded(point.lon, decimals):
            step = 10.0**-decimals * _METRES_PER_DEGREE
            area = step * step * math.cos(math.radians(point.lat))
            return math.sqrt(area / math.pi)
    return 0.0


def _rounded(value: float, decimals: int) -> bool:
    return abs(value - round(value, decimals)) < 1e-9


def intra_town_leg(radius_m: float, params: GeodesicParams) -> tuple[int, int]:
    """(metres, seconds) of the average trip between two places of a town."""
    straight = np.array([max(MIN_STRAIGHT_M, MEAN_DISK_DISTANCE * radius_m)])
    road_m, secs = road_estimate(straight, params)
    return round(float(road_m[0])), round(float(secs[0]))


@dataclass(frozen=True)
class TownPin:
    name: str
    radius_m: float


class TownPinModel:
    """A travel model where two different places on one town-level pin are a town apart."""

    def __init__(
        self,
        inner: TravelModel,
        pins: Mapping[tuple[float, float], TownPin],
        params: GeodesicParams,
    ) -> None:
        self.inner = inner
        self.pins = dict(pins)
        self.params = params
        self.name = inner.name

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        base = self.inner.matrix(points, progress, cancel)
        groups: dict[tuple[float, float], list[int]] = {}
        for i, point in enumerate(points):
            key = pin_key(point)
            if key in self.pins:
                groups.setdefault(key, []).append(i)
        shared = {k: g for k, g in groups.items() if len(g) > 1}
        if not shared:
            return base
        dist, secs = base.distance_m.copy(), base.duration_s.copy()
        legs = 0
        for key, members in shared.items():
            metres, seconds = intra_town_leg(self.pins[key].radius_m, self.params)
            block = np.ix_(members, members)
            dist[block], secs[block] = metres, seconds
            for i in members:
                dist[i, i] = secs[i, i] = 0
            legs += len(members) * (len(members) - 1)
        towns = sorted({self.pins[k].name for k in shared} - {SHARED_PIN_NAME})
        if towns:
            note = N_(
                "{legs} legs between accounts on one town-level pin ({towns}) are estimated "
                "from the town's size, not 0 km"
            ).format(legs=legs, towns=", ".join(towns[:5]))
        else:
            note = N_(
                "{legs} legs between different addresses on one shared pin are estimated "
                "from the coordinates' rounding, not 0 km"
            ).format(legs=legs)
        return TravelMatrix(dist, secs, (*base.notes, note))

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        return self.inner.leg_geometry(a, b)

    def is_estimate(self, a: GeoPoint, b: GeoPoint) -> bool:
        if pin_key(a) in self.pins or pin_key(b) in self.pins:
            return True
        return leg_is_estimate(self.inner, a, b)

    def cache_key(self) -> str:
        text = ";".join(f"{k}={p.radius_m:.0f}" for k, p in sorted(self.pins.items()))
        digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]
        return f"{self.inner.cache_key()}:town-pins={digest}"
