"""Solver routes → domain DayPlans with aware local times, legs and their costs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyvrp

from planner.domain.calendar import AppointmentKind
from planner.domain.errors import DomainError
from planner.domain.i18n import N_
from planner.domain.plan import Break, DayPlan, Leg, Lock, Stop, Visit
from planner.domain.units import Money
from planner.optimise.week.insertion import Routes, places, time_day
from planner.optimise.week.model import NodeMap
from planner.optimise.week.problem import Candidate, WeekProblem
from planner.travel.costs import leg_cost, overnight_cost


def solution_routes(problem: WeekProblem, nodes: NodeMap, solution: pyvrp.Solution) -> Routes:
    routes: Routes = [[] for _ in problem.days]
    for route in solution.routes():
        day = int(route.vehicle_type())
        routes[day] = [nodes.clients[a.idx].cand for a in route if a.is_client()]
    return routes


def stop_key(stop: Stop) -> str:
    return stop.kind


def _appointment_fields(cand: Candidate) -> dict[str, Any]:
    appointment = cand.lock.appointment if cand.lock else None
    if appointment is None:
        return {}
    return {"appointment_id": appointment.id, "fixed": appointment.kind is AppointmentKind.FIXED}


def day_plans(
    problem: WeekProblem, routes: Routes, explanations: Mapping[int, str]
) -> tuple[DayPlan, ...]:
    return tuple(_day_plan(problem, d, route, explanations) for d, route in enumerate(routes))


def _day_plan(
    problem: WeekProblem, day: int, route: Sequence[int], explanations: Mapping[int, str]
) -> DayPlan:
    spec = problem.days[day]
    start, end = spec.start_stop or problem.home, spec.end_stop or problem.home
    hotel = overnight_cost(problem.rep) if end.kind == "hotel" else None
    if not route and spec.start_place == spec.end_place:
        return DayPlan(day=spec.day, start=start, end=end, hotel_cost=hotel)
    timeline = time_day(problem, day, route)
    if timeline is None:
        # Unreachable since every route is repaired first; said in the rep's terms anyway.
        raise DomainError(
            N_(
                "{day}: the visits of this day cannot be fitted into the working hours, "
                "lunch break and driving limit; re-plan the week, or unlock a visit"
            ).format(day=spec.day)
        )
    cur = problem.rep.currency
    visits: list[Visit] = []
    for i, c in enumerate(route):
        cand = problem.candidates[c]
        visits.append(
            Visit(
                account_key=cand.key,
                account_id=cand.account.account_id,
                name=cand.account.name,
                arrival=problem.to_datetime(timeline.arrivals[i]),
                departure=problem.to_datetime(timeline.departures[i]),
                value=Money(cand.prize, cur),
                lock=cand.lock.kind if cand.lock else Lock.NONE,
                explanation=explanations.get(c, ""),
                **_appointment_fields(cand),
            )
        )
    keys = [stop_key(start), *(problem.candidates[c].key for c in route), stop_key(end)]
    p = places(problem, day, route)
    legs: list[Leg] = []
    for i in range(len(p) - 1):
        dist, dur = int(problem.distance_m[p[i], p[i + 1]]), int(problem.duration_s[p[i], p[i + 1]])
        legs.append(
            Leg(
                from_key=keys[i],
                to_key=keys[i + 1],
                distance_m=dist,
                duration_s=dur,
                cost=leg_cost(problem.rep, dist, dur),
                departure=problem.to_datetime(timeline.leg_departures[i]),
            )
        )
    lunch = None
    if timeline.lunch is not None:
        lunch = Break(*(problem.to_datetime(t) for t in timeline.lunch))
    return DayPlan(spec.day, start, end, tuple(visits), tuple(legs), hotel, lunch)
