"""The remote list tells the truth: each reason is checked against the week itself.

distance — not even a day with nothing else in it holds the visit; cost — the value is
below the cheapest detour; cadence not due — that, for an account visited recently;
day capacity — a day with nothing else holds it but no planned day does. Every remote
account gets a channel (video for A/B tiers and late-stage deals, else phone).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from planner.domain import Account, Rep
from planner.optimise.priorities import ValueParams
from planner.optimise.tiers import TierSettings
from planner.optimise.week.insertion import stops_of, time_day
from planner.optimise.week.orchestrate import WeekOutcome, WeekRequest, optimise_week
from planner.optimise.week.planner import WeekParams
from planner.optimise.week.problem import WeekProblem, Window
from planner.optimise.week.schedule import StopTiming, schedule_day
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY, account

PARAMS = WeekParams(time_limit_s=2.0, max_iterations=300, overnight=False)
# tier C worth only €10 a visit: a due C account 40 km away costs more to reach than it is worth
CHEAP_C = ValueParams(tiers=replace(TierSettings(), visit_value={"A": Decimal(800),
                      "B": Decimal(300), "C": Decimal(10)}))  # fmt: skip


def accounts() -> list[Account]:
    busy = [
        account(
            f"Bologna {i}",
            44.49 + 0.004 * i,
            11.34 + 0.003 * i,
            amount=200_000,
            meeting_minutes=60,
            tags=("B",),
        )
        for i in range(12)
    ]
    no_deal = {"amount": None, "probability": None, "stage": ""}
    return [
        *busy,
        account("Roma Big", 41.90, 12.50, amount=900_000),
        replace(account("Modena Small", 44.647, 10.925, tags=("C",)), **no_deal),
        replace(
            account("Imola Seen", 44.353, 11.714, tags=("C",), cadence_days=90),
            last_visit=MONDAY - timedelta(days=9),
            **no_deal,
        ),
    ]


def plan_one_day() -> WeekOutcome:
    request = WeekRequest(accounts(), Rep(name="Giulia", home=HOME), MONDAY, 1, GeodesicModel(),
                          values=CHEAP_C)  # fmt: skip
    return optimise_week(request, PARAMS)


def test_every_remote_reason_is_true() -> None:
    outcome = plan_one_day()
    problem, routes = outcome.problem, outcome.solved.routes
    index = {c.key: i for i, c in enumerate(problem.candidates)}
    reasons = {d.name: d.reason.split("not in person: ")[1] for d in outcome.plan.remote}
    assert reasons["Roma Big"].startswith("distance: ")
    assert reasons["Modena Small"].startswith("cost: ")
    assert reasons["Imola Seen"].startswith("cadence not due: visited 9 d ago, due every 90 d")
    capacity = [name for name, why in reasons.items() if why.startswith("day capacity")]
    assert capacity  # twelve hour-long meetings do not fit one day
    for d in outcome.plan.remote:
        i, why = index[d.account_key], reasons[d.name]
        alone = time_day(problem, 0, [i]) is not None
        assert alone == (not why.startswith("distance")), d.name
        if why.startswith(("cost", "cadence")):
            assert d.marginal_cost is not None and d.value < d.marginal_cost
        if why.startswith("day capacity"):
            route = routes[0]
            fits_anywhere = any(
                time_day(problem, 0, [*route[:k], i, *route[k:]]) is not None
                for k in range(len(route) + 1)
            )
            assert not fits_anywhere, d.name


def test_remote_accounts_get_a_channel_with_its_worth() -> None:
    plan = plan_one_day().plan
    channels = {d.name: d.channel for d in plan.remote}
    assert channels["Roma Big"] == "video"  # a proposal-stage deal
    assert channels["Modena Small"] == "phone"  # a C account with no deal
    assert all(d.channel == "in person" for d in plan.planned)
    roma = next(d for d in plan.remote if d.name == "Roma Big")
    assert roma.reason.startswith("video call worth ")
    assert " (60% of " in roma.reason


def _fits_open_all_day(problem: WeekProblem, route: list[int], i: int) -> bool:
    """Whether the visit fits somewhere in the day were the account open all day."""
    spec = problem.days[0]
    for k in range(len(route) + 1):
        trial = [*route[:k], i, *route[k:]]
        stops = stops_of(problem, 0, trial)
        stops[k] = StopTiming(stops[k].place, stops[k].service_s,
                              (Window(0, spec.start_s, spec.end_s),))  # fmt: skip
        timeline = schedule_day(spec, stops, problem.duration_s, problem.distance_m)
        if timeline is not None and timeline.driving_s <= spec.max_drive_s:
            return True
    return False


def test_day_full_only_when_the_day_has_no_room_else_its_hours_are_named() -> None:
    outcome = plan_one_day()
    problem, route = outcome.problem, outcome.solved.routes[0]
    index = {c.key: i for i, c in enumerate(problem.candidates)}
    seen = set()
    for d in outcome.plan.remote:
        why = d.reason.split("not in person: ")[1]
        if not why.startswith("day capacity"):
            continue
        roomy = _fits_open_all_day(problem, route, index[d.account_key])
        if "day full" in why:
            assert not roomy, d.name  # truly no time left for it, whatever its hours
            seen.add("full")
        else:
            assert "no free time within its opening hours" in why, why
            assert roomy, d.name  # open all day it would fit: its hours are what is taken
            seen.add("hours")
    assert seen  # twelve hour-long meetings: some are left out for capacity
