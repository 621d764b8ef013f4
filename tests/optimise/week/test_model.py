"""The PyVRP model: one client per interval, closed days forbidden by profiles, warm starts."""

from __future__ import annotations

from datetime import time

from planner.domain import Interval, OpeningHours, Rep
from planner.domain.progress import NeverCancel, NullProgress
from planner.optimise.solver import SolveParams, solve
from planner.optimise.week.decode import solution_routes
from planner.optimise.week.insertion import time_day
from planner.optimise.week.model import build_data, initial_solution
from planner.services.plan_week import build_week_problem
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import MONDAY, STANDARD_HOURS, account

AM, PM = Interval(time(9), time(12, 30)), Interval(time(14, 30), time(18))
TUESDAY_ONLY = OpeningHours(((), (AM, PM), (), (), (), (), ()))
NOT_MONDAY_PM = OpeningHours(((AM,), (AM, PM), (AM, PM), (), (), (), ()))


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
    assert nodes.clients[client].early_s == 14 * 3600 + 1800
    assert solution.is_feasible()
