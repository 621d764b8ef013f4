"""The balancing problem as arrays: account workload and value, rep bases and shares.

Workload is hours per week: visits per week (7 / cadence) × (meeting + an estimate
of the drive to reach the account from the previous stop). The drive estimate comes
from the geodesic travel model applied to local density — the mean distance to the
two nearest other accounts, as a route arrives from one neighbour and leaves for
another — so a rep in a dense city fits more accounts into a week than one in the
countryside.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from planner.domain import Account, DomainError, Rep
from planner.travel.geodesic import GeodesicParams, haversine_m, road_estimate

FloatArray = npt.NDArray[np.float64]
DistanceFn = Callable[[FloatArray, FloatArray], FloatArray]  # (n,2),(m,2) lat/lon → (n,m) road km

_MIN_HOP_M = 500.0


class Balance(StrEnum):
    WORKLOAD = "workload"
    VALUE = "value"
    BOTH = "both"


class KeepTogether(StrEnum):
    """Optional contiguity: accounts of one town (or postcode) move as one block."""

    NONE = "none"
    TOWN = "town"
    POSTCODE = "postcode"


class Anchor(StrEnum):
    HOME = "home"  # travel measured from each rep's home base
    CENTROID = "centroid"  # from the territory's centre, which moves (location-allocation)


@dataclass(frozen=True)
class BalanceSettings:
    balance: Balance = Balance.WORKLOAD
    tolerance: float = 0.05  # allowed deviation from each rep's fair share, as a fraction
    anchor: Anchor = Anchor.HOME
    cell_size: int = 16  # most accounts per micro-cell in the flow
    stickiness_km: float = 5.0  # extra cost per visit of moving an account off its current rep
    default_cadence_days: int = 28  # for accounts without a cadence
    max_iterations: int = 8  # location-allocation rounds when centres move
    keep_together: KeepTogether = KeepTogether.NONE
    use_lp: bool = False  # solve one balance with HiGHS instead of networkx (benchmarks)

    def __post_init__(self) -> None:
        if not 0.0 < self.tolerance < 1.0:
            raise DomainError(f"balance tolerance must be between 0 and 1, got {self.tolerance}")
        if self.cell_size < 1 or self.max_iterations < 1:
            raise DomainError("cell size and iterations must be positive")
        if self.stickiness_km < 0:
            raise DomainError("stickiness cannot be negative")
        if self.default_cadence_days <= 0:
            raise DomainError("default cadence must be a positive number of days")

    @property
    def dimensions(self) -> tuple[str, ...]:
        if self.balance is Balance.BOTH:
            return ("workload", "value")
        return (self.balance.value,)


@dataclass(frozen=True, eq=False)
class TerritoryProblem:
    """Located accounts and reps, as aligned arrays (index i ↔ keys[i], rep r ↔ rep_names[r])."""

    keys: tuple[str, ...]
    lat_lon: FloatArray  # (n, 2)
    visits: FloatArray  # visits per week
    workload_h: FloatArray  # hours per week
    value: FloatArray  # expected value
    hop_km: FloatArray  # estimated road km driven to reach the account on a route
    reps: tuple[Rep, ...]
    home: FloatArray  # (r, 2)
    home_km: FloatArray  # (r, n) road-km estimate from each rep's home to each account
    distance: DistanceFn
    settings: BalanceSettings
    skipped: tuple[str, ...] = ()  # keys of accounts without coordinates
    groups: tuple[str, ...] = ()  # town/postcode label per account when kept together

    @property
    def rep_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.reps)

    @property
    def capacity_h(self) -> FloatArray:
        return np.array([r.capacity_hours for r in self.reps], dtype=np.float64)

    def quantity(self, dimension: str) -> FloatArray:
        return self.workload_h if dimension == "workload" else self.value

    def index_of(self) -> dict[str, int]:
        """Account key → row; built once (exports and edits look keys up one by one)."""
        return self._index

    @cached_property
    def _index(self) -> dict[str, int]:
        return {k: i for i, k in enumerate(self.keys)}

    def rep_index(self, name: str) -> int:
        try:
            return self.rep_names.index(name)
        except ValueError:
            raise DomainError(f"unknown rep {name!r}") from None


def road_km(a: FloatArray, b: FloatArray) -> FloatArray:
    """Road-km estimate (geodesic travel model) between every row of a and every row of b."""
    straight = haversine_m(a[:, :1], a[:, 1:], b[None, :, 0], b[None, :, 1])
    road_m, _ = road_estimate(straight, GeodesicParams())
    return np.asarray(road_m / 1000.0)


def hop_estimate(lat_lon: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(road km, hours) to reach each account from a neighbouring stop on a route.

    The mean straight-line distance to the two nearest other accounts, at least
    500 m (accounts sharing a town-level pin are not zero minutes apart).
    """
    n = len(lat_lon)
    if n < 2:
        straight = np.full(n, 5000.0)
    else:
        lat, lon = np.radians(lat_lon[:, 0]), np.radians(lat_lon[:, 1])
        xyz = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
        _, near = cKDTree(xyz).query(xyz, k=min(3, n))
        other = lat_lon[near[:, 1:]]
        metres = haversine_m(lat_lon[:, None, 0], lat_lon[:, None, 1], other[..., 0], other[..., 1])
        straight = np.maximum(metres.mean(axis=1), _MIN_HOP_M)
    road_m, seconds = road_estimate(straight, GeodesicParams())
    return np.asarray(road_m / 1000.0), np.asarray(seconds / 3600.0)


def group_label(account: Account, keep: KeepTogether) -> str:
    """The block an account belongs to ('' when none: it is grouped by position)."""
    address = account.address
    part = {KeepTogether.TOWN: address.city, KeepTogether.POSTCODE: address.postcode}.get(keep)
    if not part or not part.strip():
        return ""
    return f"{address.country.strip().lower()}|{' '.join(part.lower().split())}"


def build_problem(
    accounts: Sequence[Account],
    reps: Sequence[Rep],
    settings: BalanceSettings = BalanceSettings(),
    distance: DistanceFn = road_km,
) -> TerritoryProblem:
    """Arrays for the located accounts; accounts without coordinates are listed in `skipped`."""
    if not reps:
        raise DomainError("at least one rep is needed to assign territories")
    names = [r.name for r in reps]
    if len(set(names)) != len(names):
        raise DomainError("rep names must be unique")
    missing = [r.name for r in reps if r.home is None]
    if missing:
        raise DomainError(
            f"reps without a home location: {', '.join(missing)} "
            "(give latitude and longitude in the reps file)"
        )
    located = [a for a in accounts if a.location is not None]
    keys = [a.key for a in located]
    if len(set(keys)) != len(keys):
        raise DomainError("account keys must be unique")
    lat_lon = np.array([a.location.as_tuple() for a in located if a.location], dtype=np.float64)
    lat_lon = lat_lon.reshape(-1, 2)
    home = np.array([r.home.as_tuple() for r in reps if r.home], dtype=np.float64)
    cadence = np.array([a.cadence_days or settings.default_cadence_days for a in located])
    visits = 7.0 / cadence.astype(np.float64)
    hop_km, hop_h = hop_estimate(lat_lon)
    meeting_h = np.array([a.meeting_minutes for a in located], dtype=np.float64) / 60.0
    value = np.array([float(a.expected_value or 0) for a in located], dtype=np.float64)
    return TerritoryProblem(
        keys=tuple(keys),
        lat_lon=lat_lon,
        visits=visits,
        workload_h=visits * (meeting_h + hop_h),
        value=value,
        hop_km=hop_km,
        reps=tuple(reps),
        home=home,
        home_km=distance(home, lat_lon),
        distance=distance,
        settings=settings,
        skipped=tuple(a.key for a in accounts if a.location is None),
        groups=tuple(group_label(a, settings.keep_together) for a in located),
    )
