"""The one place where travel turns into money.

A leg costs `cost_per_km × km + cost_per_hour × hours` in the rep's currency; a night
away costs a hotel night plus the meal allowance; a day costs its legs plus any night.

Rates are Decimals on the Rep. To make the scalar `leg_cost` and the vectorised
`cost_matrix_cents` agree to the cent, both use the same exact integer arithmetic:
rates are taken in micro-units (6 decimal places) and the cents are rounded half up.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

from planner.domain.rep import Rep
from planner.domain.units import Money
from planner.travel.model import TravelError, TravelMatrix

_MICRO = 1_000_000
# cents = m/1000 × rate_km × 100 + s/3600 × rate_h × 100
#       = (18 × m × rate_km_micro + 5 × s × rate_h_micro) / (180 × 10^6)
_DENOMINATOR = 180 * _MICRO
_INT64_SAFE = 2**62


def _micro(rate: Decimal) -> int:
    return int(rate.quantize(Decimal(1) / _MICRO, rounding=ROUND_HALF_UP) * _MICRO)


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def leg_cost(rep: Rep, distance_m: int, duration_s: int) -> Money:
    """Vehicle cost for the distance plus the rep's time at the wheel."""
    if distance_m < 0 or duration_s < 0:
        raise TravelError(f"a leg cannot be negative ({distance_m} m, {duration_s} s)")
    numerator = 18 * int(distance_m) * _micro(rep.cost_per_km) + 5 * int(duration_s) * _micro(
        rep.cost_per_hour
    )
    return Money(_round_half_up(numerator, _DENOMINATOR), rep.currency)


def overnight_cost(rep: Rep) -> Money:
    """A night away from home: hotel plus meal allowance."""
    return Money.of(rep.hotel_per_night, rep.currency) + Money.of(rep.meal_allowance, rep.currency)


def day_cost(rep: Rep, legs: Iterable[tuple[int, int]], overnight: bool = False) -> Money:
    """Sum of the legs' costs (each rounded as `leg_cost` does, as DayPlan sums them),
    plus a night away when the day ends at a hotel."""
    total = Money.zero(rep.currency)
    for distance_m, duration_s in legs:
        total = total + leg_cost(rep, distance_m, duration_s)
    if overnight:
        total = total + overnight_cost(rep)
    return total


def cost_matrix_cents(rep: Rep, matrix: TravelMatrix) -> npt.NDArray[np.int64]:
    """leg_cost for every pair, in integer cents, for solvers."""
    km_rate, hour_rate = _micro(rep.cost_per_km), _micro(rep.cost_per_hour)
    d, t = matrix.distance_m, matrix.duration_s
    if d.size and (int(d.min()) < 0 or int(t.min()) < 0):
        raise TravelError("travel matrix holds negative distances or durations")
    worst = 2 * (18 * int(d.max(initial=0)) * km_rate + 5 * int(t.max(initial=0)) * hour_rate)
    if worst >= _INT64_SAFE:
        raise TravelError("travel costs too large to compute exactly; check the rep's rates")
    numerator = (18 * km_rate) * d + (5 * hour_rate) * t
    cents: npt.NDArray[np.int64] = (2 * numerator + _DENOMINATOR) // (2 * _DENOMINATOR)
    return cents
