"""Fit the geodesic model's circuity and speed parameters to a road model.

Both models price the same pairs of places; we fit `GeodesicParams` by robust least
squares on log ratios (estimate ÷ road) of distance and of time, so that a 10 % error
on a short hop counts as much as on a long leg. Parameters the sample cannot identify
are kept: a city-sized extract has no long legs, so only the short-hop circuity and
speed are fitted unless pairs reach `LONG_PAIRS_KM`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

import numpy as np
import numpy.typing as npt

from planner.domain.geo import GeoPoint
from planner.domain.progress import CancelToken, ProgressReporter
from planner.travel.geodesic import GeodesicParams, haversine_m, road_estimate
from planner.travel.model import NO_CANCEL, NO_PROGRESS, TravelError, TravelModel, coords_array

FloatArray = npt.NDArray[np.float64]
SHORT_ONLY = ("circuity_short", "speed_short_kmh")
ALL_PARAMS = (
    "circuity_short",
    "circuity_long",
    "speed_short_kmh",
    "speed_long_kmh",
    "transition_km",
)
LONG_PAIRS_KM = 30.0  # pairs this far apart make the long-leg parameters identifiable
_BOUNDS = {
    "circuity_short": (1.0, 3.0),
    "circuity_long": (1.0, 3.0),
    "speed_short_kmh": (1.0, 200.0),
    "speed_long_kmh": (1.0, 200.0),
    "transition_km": (0.1, 500.0),
}


@dataclass(frozen=True)
class Errors:
    """Median and 90th-percentile absolute % error of the estimate against the road."""

    duration_median_pct: float
    duration_p90_pct: float
    distance_median_pct: float
    distance_p90_pct: float


@dataclass(frozen=True)
class CalibrationReport:
    reference: str  # the road model's cache key
    pairs: int
    max_straight_km: float
    before: Errors
    after: Errors
    current: GeodesicParams
    suggested: GeodesicParams
    fitted: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "reference": self.reference,
            "pairs": self.pairs,
            "max_straight_km": self.max_straight_km,
            "before": asdict(self.before),
            "after": asdict(self.after),
            "current": asdict(self.current),
            "suggested": asdict(self.suggested),
            "fitted": list(self.fitted),
        }


def _errors(est: FloatArray, road: FloatArray) -> tuple[float, float]:
    pct = np.abs(est - road) / road * 100.0
    return float(np.median(pct)), float(np.percentile(pct, 90))


def _measure(
    params: GeodesicParams, straight: FloatArray, road_d: FloatArray, road_t: FloatArray
) -> Errors:
    est_d, est_t = road_estimate(straight, params)
    return Errors(*_errors(est_t, road_t), *_errors(est_d, road_d))


def _fit(
    base: GeodesicParams,
    names: tuple[str, ...],
    straight: FloatArray,
    road_d: FloatArray,
    road_t: FloatArray,
) -> GeodesicParams:
    def params_of(x: FloatArray) -> GeodesicParams:
        return replace(base, **{n: float(v) for n, v in zip(names, x, strict=True)})

    def residuals(x: FloatArray) -> FloatArray:
        est_d, est_t = road_estimate(straight, params_of(x))
        return np.concatenate([np.log(est_d / road_d), np.log(est_t / road_t)])

    from scipy.optimize import least_squares  # only when calibrating (~0.8 s to import)

    start = np.array([getattr(base, n) for n in names])
    lower = np.array([_BOUNDS[n][0] for n in names])
    upper = np.array([_BOUNDS[n][1] for n in names])
    result = least_squares(residuals, np.clip(start, lower, upper), bounds=(lower, upper),
                           loss="soft_l1", f_scale=0.1)  # fmt: skip
    return params_of(np.round(result.x, 3))


def calibrate(
    road: TravelModel,
    places: Sequence[GeoPoint],
    *,
    current: GeodesicParams | None = None,
    min_straight_m: float = 200.0,
    progress: ProgressReporter = NO_PROGRESS,
    cancel: CancelToken = NO_CANCEL,
) -> CalibrationReport:
    """Compare `current` geodesic estimates with `road` on all pairs of `places` and fit."""
    current = current or GeodesicParams()
    matrix = road.matrix(places, progress, cancel)
    coords = coords_array(places)
    straight = haversine_m(coords[:, :1], coords[:, 1:], coords[None, :, 0], coords[None, :, 1])
    # very short pairs measure snapping, not roads; zero road values would divide by zero
    use = (straight >= min_straight_m) & (matrix.distance_m > 0) & (matrix.duration_s > 0)
    if use.sum() < 10:
        raise TravelError(
            f"only {int(use.sum())} pairs are at least {min_straight_m:g} m apart; "
            "calibration needs a larger area or more places"
        )
    s, d, t = (
        straight[use],
        matrix.distance_m[use].astype(float),
        matrix.duration_s[use].astype(float),
    )
    names = ALL_PARAMS if s.max() >= LONG_PAIRS_KM * 1000 else SHORT_ONLY
    suggested = _fit(current, names, s, d, t)
    return CalibrationReport(
        reference=road.cache_key(),
        pairs=int(use.sum()),
        max_straight_km=round(float(s.max()) / 1000, 3),
        before=_measure(current, s, d, t),
        after=_measure(suggested, s, d, t),
        current=current,
        suggested=suggested,
        fitted=names,
    )
