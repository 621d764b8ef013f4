"""A US territory with the default options (overnight stays on) plans a feasible week.

Regression: a valuable cluster 6–7 hours' drive from home (St. Louis from Chicago) used to
be chosen as a hotel site although the drive there breaks the 5-hour daily limit; the
chosen week then failed with "the planned route does not fit the day (repair first)".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np

from planner.domain import Account, GeoPoint, Precision, Rep
from planner.optimise.week.build import build_week_problem
from planner.optimise.week.check import check_plan
from planner.optimise.week.orchestrate import WeekRequest, optimise_week
from planner.optimise.week.overnight import hotel_site
from planner.optimise.week.planner import WeekParams
from planner.travel.geodesic import GeodesicModel

MONDAY = date(2026, 11, 2)
CHICAGO = GeoPoint(41.88, -87.63)
TOWNS = {  # (lat, lon, accounts, deal amount in USD)
    "Chicago": (41.88, -87.63, 12, 20_000),
    "Milwaukee": (43.04, -87.91, 6, 20_000),
    "Indianapolis": (39.77, -86.16, 6, 20_000),  # ~3 h: a reachable far cluster
    "St. Louis": (38.63, -90.20, 12, 400_000),  # ~6.7 h: beyond a day's driving limit
}


def us_accounts() -> list[Account]:
    rng = np.random.default_rng(7)
    out = []
    for town, (lat, lon, count, amount) in TOWNS.items():
        for i in range(count):
            out.append(
                Account(
                    name=f"{town} {i + 1}",
                    account_id=f"{town[:3]}-{i}",
                    location=GeoPoint(lat + rng.normal() * 0.1, lon + rng.normal() * 0.1),
                    precision=Precision.ROOFTOP,
                    amount=Decimal(amount),
                    probability=0.3,
                    stage="proposal",
                    currency="USD",
                )
            )
    return out


def us_rep() -> Rep:
    return Rep(name="Jo", home=CHICAGO, currency="USD", timezone="America/Chicago")


def test_a_hotel_beyond_a_days_drive_is_never_a_site() -> None:
    problem, _ = build_week_problem(
        us_accounts(), us_rep(), MONDAY, None, GeodesicModel(), locks=(), values=None
    )
    site = hotel_site(problem, 75 * 60)
    assert site is not None
    assert int(problem.duration_s[0, problem.candidates[site].place]) <= 5 * 3600
    assert not problem.candidates[site].account.name.startswith("St. Louis")


def test_us_territory_plans_with_default_options() -> None:
    accounts, rep = us_accounts(), us_rep()
    params = WeekParams(time_limit_s=2.0, max_iterations=300)
    outcome = optimise_week(WeekRequest(accounts, rep, MONDAY, None, GeodesicModel()), params)
    plan = outcome.plan
    assert plan.visits()
    assert check_plan(plan, accounts, rep, GeodesicModel()) == []
    assert outcome.stays is not None  # the comparison ran; every option listed is feasible
    assert not any(o.label.startswith("hotel near St. Louis") for o in outcome.stays.options)
