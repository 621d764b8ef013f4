"""The PyVRP model: one client per interval, closed days forbidden by profiles, warm starts."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from planner.domain import Interval, OpeningHours, Rep
from planner.domain.plan import Stop
from planner.domain.progress import NeverCancel, NullProgress
from planner.optimise.solver import SolveParams, solve
from planner.optimise.week.build import build_week_problem
from planner.optimise.week.decode import solution_routes
from planner.optimise.week.insertion import time_day
from planner.optimise.week.model import LunchGap, build_data, initial_solution
from planner.optimise.week.problem import day_specs
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY, STANDARD_HOURS, account

AM, PM = Interval(time(9), time(12, 30)), Interval(time(14, 30), time(18))
TUESDAY_ONLY = OpeningHours(((), (AM, PM), (), (), (), (), ()))
NOT_MONDAY_PM = OpeningHours(((AM,), (AM, PM), (AM, PM), (), (), (), ()))
STOP = Stop("home", HOME, kind="home")


def test_days_are_vehicles_and_closed_days_are_forbidden(rep: Rep) -> None:
    accounts = [
        account("Everyday", 44.50, 11.40, opening_hours=STANDARD_HOURS),
        account("Tuesday", 44.55, 11.30, amount=90_000, opening_hours=TUESDAY_ONLY),
        account("Mornings Monday", 44.45, 11.45, opening_hours=NOT_MONDAY_PM),
    ]
    problem, _ = build_week_problem(
        accounts, rep, MONDAY, 3, GeodesicModel(), locks=(), values=None
    )
    data, nodes = build_data(problem)
    # Everyday: AM+PM on all days (2); Tuesday: AM+PM (2); Mornings Monday: AM all days,
    # PM on Tue/Wed only (2) — 6 clients, not one per day and interval (16).
    assert data.num_clients == 6 and data.num_groups == 3
    assert data.num_vehicle_types == 3 and data.num_profiles == 3
    result = solve(data, SolveParams(time_limit_s=0.5, seed=0), NullProgress(), NeverCancel())
    routes = solution_routes(problem, nodes, result.solution)
    assert sorted(c for r in routes for c in r) == [0, 1, 2]
    tuesday = 1
    assert 1 in routes[tuesday]
    for day, route in enumerate(routes):
        assert all(problem.candidates[c].windows_on(day) for c in route)
        assert time_day(problem, day, route) is not None


def test_warm_start_picks_the_copy_holding_the_old_arrival(rep: Rep) -> None:
    accounts = [account("Split Hours", 44.50, 11.40, opening_hours=STANDARD_HOURS)]
    problem, _ = build_week_problem(
        accounts, rep, MONDAY, 2, GeodesicModel(), locks=(), values=None
    )
    data, nodes = build_data(problem)
    afternoon_tuesday = problem.days[1].offset_s + 15 * 3600
    solution = initial_solution(data, nodes, problem, [[], [(0, afternoon_tuesday)]])
    (route,) = solution.routes()
    assert route.vehicle_type() == 1
    (client,) = [a.idx for a in route if a.is_client()]
    assert nodes.clients[client].early_s == nodes.lunch.squeeze(14 * 3600 + 1800)
    assert solution.is_feasible()


def test_the_solver_clock_leaves_the_lunch_break_out(rep: Rep) -> None:
    # Lunch 12:30-14:00 for 45 min: the latest break is 13:15-14:00, cut from the clock.
    gap = LunchGap.of(day_specs(rep, MONDAY, [MONDAY], STOP))
    assert (gap.at_s, gap.length_s) == (13 * 3600 + 900, 45 * 60)
    assert gap.squeeze(9 * 3600) == 9 * 3600
    assert gap.squeeze(13 * 3600 + 900) == gap.squeeze(13 * 3600 + 1800) == 13 * 3600 + 900
    assert gap.squeeze(18 * 3600) == 17 * 3600 + 900
    no_lunch = LunchGap.of(day_specs(replace(rep, lunch_minutes=0), MONDAY, [MONDAY], STOP))
    assert no_lunch.squeeze(18 * 3600) == 18 * 3600


def test_days_the_solver_fills_keep_room_for_lunch(rep: Rep) -> None:
    """Open all day, close together, short meetings: the solver packs every day; each
    still fits the break when timed exactly, so nothing has to be dropped afterwards."""
    always = OpeningHours.weekdays(time(8), time(19))
    accounts = [
        account(f"Shop {i}", 44.49 + 0.004 * (i % 6), 11.33 + 0.005 * (i // 6),
                opening_hours=always, meeting_minutes=30)
        for i in range(36)
    ]  # fmt: skip
    problem, _ = build_week_problem(
        accounts, rep, MONDAY, 2, GeodesicModel(), locks=(), values=None
    )
    data, nodes = build_data(problem)
    assert data.vehicle_type(0).shift_duration == (9 * 60 + 30 - 45) * 60
    result = solve(data, SolveParams(time_limit_s=1, seed=0), NullProgress(), NeverCancel())
    routes = solution_routes(problem, nodes, result.solution)
    assert all(len(route) >= 12 for route in routes)  # the days are full
    for day, route in enumerate(routes):
        timeline = time_day(problem, day, route)
        assert timeline is not None and timeline.lunch is not None
