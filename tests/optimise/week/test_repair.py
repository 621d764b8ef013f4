"""Exchanges after the solver: a full day of small visits makes room for a big account."""

from __future__ import annotations

from datetime import time

from planner.domain import OpeningHours, Rep
from planner.domain.deadline import Deadline
from planner.optimise.week.build import build_week_problem
from planner.optimise.week.insertion import Routes, best_insertion, time_day
from planner.optimise.week.planner import evaluate
from planner.optimise.week.problem import WeekProblem
from planner.optimise.week.repair import exchange, swap_in
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import MONDAY, account

ALL_DAY = OpeningHours.weekdays(time(8), time(19))


def net(problem: WeekProblem, routes: Routes) -> int:
    return evaluate(problem, routes).net_cents


def test_two_small_visits_make_way_for_a_big_one(rep: Rep) -> None:
    small = [
        account(f"Small {i}", 44.49 + 0.003 * i, 11.34, amount=3_000, probability=0.5,
                opening_hours=ALL_DAY, meeting_minutes=50)
        for i in range(10)
    ]  # fmt: skip
    big = account("Big Deal", 44.50, 11.35, amount=400_000, probability=0.6,
                  opening_hours=ALL_DAY, meeting_minutes=90)  # fmt: skip
    problem, _ = build_week_problem(
        [*small, big], rep, MONDAY, 1, GeodesicModel(), locks=(), values=None
    )
    day = [c for c in range(len(small)) if time_day(problem, 0, list(range(c + 1)))]
    routes = [day]
    assert len(day) >= 8 and time_day(problem, 0, day) is not None
    big_index = len(small)
    assert not best_insertion(problem, routes, big_index).feasible  # the day is full

    swapped = swap_in(problem, routes, Deadline.after(10))
    assert big_index in swapped[0]
    assert len(swapped[0]) < len(day)  # it took more than one small visit's time
    assert time_day(problem, 0, swapped[0]) is not None
    assert net(problem, swapped) > net(problem, routes)
    # `exchange` keeps going while the net improves, and never returns a worse week.
    better = exchange(problem, routes, Deadline.after(10))
    assert net(problem, better) >= net(problem, swapped)
    assert exchange(problem, better, Deadline.after(10)) == better


def test_locked_and_must_visit_accounts_are_never_swapped_out(rep: Rep) -> None:
    small = [
        account(f"Kept {i}", 44.49 + 0.003 * i, 11.34, amount=3_000, opening_hours=ALL_DAY,
                meeting_minutes=50, tags=("key",), last_visit=MONDAY.replace(year=2025),
                cadence_days=30)
        for i in range(10)
    ]  # fmt: skip
    big = account("Big Deal", 44.50, 11.35, amount=400_000, opening_hours=ALL_DAY,
                  meeting_minutes=90)  # fmt: skip
    problem, _ = build_week_problem(
        [*small, big], rep, MONDAY, 1, GeodesicModel(), locks=(), values=None
    )
    assert all(c.required for c in problem.candidates[: len(small)])
    day = [c for c in range(len(small)) if time_day(problem, 0, list(range(c + 1)))]
    assert swap_in(problem, [day], Deadline.after(10)) == [day]
