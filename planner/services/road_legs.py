"""A planned week's legs with their road geometry and whether each is an estimate.

Done once after planning (not inside the solver): one route query per leg on the
travel model, so maps, GPX tracks and the PDF draw the roads, and the plan says which
legs were not timed on roads (outside every region, or on a town-level pin).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.domain.account import Account
from planner.domain.geo import GeoPoint
from planner.domain.plan import DayPlan, WeekPlan
from planner.travel.model import Geometry, TravelModel, leg_is_estimate

# Geometry and estimate flag of the leg between two points, for one travel model.
LegMemo = dict[tuple[GeoPoint, GeoPoint], tuple[Geometry | None, bool]]


def with_road_legs(
    plan: WeekPlan, accounts: Sequence[Account], model: TravelModel, memo: LegMemo | None = None
) -> WeekPlan:
    """The plan with geometry (when the model has roads) and estimate flags on its legs.
    `memo` (kept by the caller for this `model`) saves asking again for legs seen before:
    a hand edit queries only the legs it made."""
    where = {a.key: a.location for a in accounts if a.location is not None}
    known: LegMemo = {} if memo is None else memo
    days = tuple(_day(day, where, model, known) for day in plan.days)
    estimates = sum(leg.estimate for day in days for leg in day.legs)
    notes = plan.notes
    legs = sum(len(day.legs) for day in days)
    if estimates and model.name != "geodesic":
        notes = (*notes, f"{estimates} of {legs} legs are estimates, not timed on roads")
    return replace(plan, days=days, notes=notes)


def _day(day: DayPlan, where: dict[str, GeoPoint], model: TravelModel, memo: LegMemo) -> DayPlan:
    if not day.legs:
        return day
    points = [day.start.location, *(where.get(v.account_key) for v in day.visits), day.end.location]
    legs = []
    for leg, a, b in zip(day.legs, points, points[1:], strict=False):
        if a is None or b is None:
            legs.append(leg)
            continue
        if (a, b) not in memo:
            estimate = leg_is_estimate(model, a, b)
            drawn = model.leg_geometry(a, b) if not estimate and a != b else ()
            memo[(a, b)] = (drawn if len(drawn) > 2 else None, estimate)
        geometry, estimate = memo[(a, b)]
        legs.append(replace(leg, geometry=geometry or leg.geometry, estimate=estimate))
    return replace(day, legs=tuple(legs))
