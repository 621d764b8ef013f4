"""Explanations kept between hand edits give exactly what a full search gives.

Random small weeks (hours, closures, meeting lengths, driving limits, lunch): the
day-by-day search of all candidates at once (`day_insertions`) equals `best_insertion`
per candidate and day, the week's answer put together from the days equals the whole
week's search, and `explain` with a memo — fresh, or filled by an earlier version of the
week — equals `explain` without one.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest

from planner.optimise.priorities import ValueParams
from planner.optimise.week.build import build_week_problem
from planner.optimise.week.explain import explain
from planner.optimise.week.explain_memo import ExplainMemo, day_insertions
from planner.optimise.week.insertion import Routes, best_insertion, day_states
from planner.optimise.week.planner import greedy_routes
from planner.optimise.week.problem import WeekProblem
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import MONDAY, account
from tests.optimise.week.test_random_weeks import _hours, _week

MODEL = GeodesicModel()


def _problem(seed: int) -> tuple[WeekProblem, Routes, list[Any]]:
    """Even seeds: `test_random_weeks`' weeks (few accounts, often the driving limit);
    odd seeds: sixty accounts within ~40 km, days filled up by time, then every other
    visit taken out, so left-out candidates fit on some days and not on others."""
    accounts, rep, locks, days = _week(seed)
    if seed % 2:
        rnd = random.Random(seed)
        accounts = [
            account(
                f"D{i}", 44.3 + 0.4 * rnd.random(), 11.1 + 0.5 * rnd.random(),
                amount=rnd.randint(0, 60_000), probability=rnd.random(),
                opening_hours=_hours(rnd), meeting_minutes=rnd.choice([30, 45, 60, 90]),
            )
            for i in range(60)
        ]  # fmt: skip
        rep = replace(rep, max_driving_minutes=rnd.choice([120, 300]))
        locks = []
    problem, excluded = build_week_problem(
        accounts, rep, MONDAY, days, MODEL, locks=locks, values=ValueParams()
    )
    routes = greedy_routes(problem, None)
    if seed % 2:  # every other visit taken out: those would fit again
        routes = [route[::2] for route in routes]
    return problem, routes, excluded


def _unplanned(problem: WeekProblem, routes: Routes) -> list[int]:
    planned = {c for route in routes for c in route}
    return [i for i, c in enumerate(problem.candidates) if i not in planned and c.windows]


@pytest.mark.parametrize("seed", range(12))
def test_all_candidates_at_once_equal_one_by_one(seed: int) -> None:
    problem, routes, _ = _problem(seed)
    states = day_states(problem, routes)
    left = _unplanned(problem, routes)
    for day in range(len(problem.days)):
        open_here = [i for i in left if any(w.day == day for w in problem.candidates[i].windows)]
        batch = day_insertions(problem, routes, day, open_here, states[day])
        for i in open_here:
            assert batch[i] == best_insertion(problem, routes, i, states=states, days=(day,))
    lookup = ExplainMemo().lookup(problem, routes, states, left)
    for i in left:
        assert lookup.best_insertion(i) == best_insertion(problem, routes, i, states=states)


@pytest.mark.parametrize("seed", range(12))
def test_explain_with_a_memo_equals_explain_without(seed: int) -> None:
    problem, routes, excluded = _problem(seed)
    memo = ExplainMemo()
    memo.bind(problem.rep, problem.week_start, MODEL)
    assert explain(problem, routes, excluded, memo) == explain(problem, routes, excluded)
    # An edited week (the last visit of each day dropped): days unchanged come from the memo.
    edited = [route[:-1] for route in routes]
    searched = memo.searched
    assert explain(problem, edited, excluded, memo) == explain(problem, edited, excluded)
    unchanged = [route[:-1] == route for route in routes]
    if all(unchanged):
        assert memo.searched == searched  # nothing to search again


def test_a_memo_forgets_when_the_rep_or_the_travel_model_changes() -> None:
    problem, routes, excluded = _problem(3)
    memo = ExplainMemo()
    memo.bind(problem.rep, problem.week_start, MODEL)
    explain(problem, routes, excluded, memo)
    searched = memo.searched
    memo.bind(problem.rep, problem.week_start, MODEL)  # same scope: kept
    explain(problem, routes, excluded, memo)
    assert memo.searched == searched
    costly = replace(problem.rep, cost_per_km=problem.rep.cost_per_km * 3)
    memo.bind(costly, problem.week_start, MODEL)  # other costs: searched again
    explain(problem, routes, excluded, memo)
    assert memo.searched > searched
    searched = memo.searched
    memo.bind(costly, problem.week_start, GeodesicModel())  # another model: searched again
    explain(problem, routes, excluded, memo)
    assert memo.searched > searched
