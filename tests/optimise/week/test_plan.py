"""Plans from the week planner: feasible (independently checked), explained, locked, stable."""

from __future__ import annotations

import time as clock
from dataclasses import replace
from datetime import datetime, time, timedelta

from planner.domain import Account, Break, Interval, Lock, Money, OpeningHours, Rep, WeekPlan
from planner.domain.deadline import Deadline
from planner.domain.progress import CancelFlag
from planner.optimise.priorities import ValueParams
from planner.optimise.week.check import check_plan
from planner.optimise.week.locks import LockSpec
from planner.optimise.week.orchestrate import WeekRequest, optimise_week
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_week
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import MONDAY, account

FAST = WeekParams(time_limit_s=0.5, overnight=False)


def plan(accounts: list[Account], rep: Rep, days: int = 3, **kw: object) -> WeekPlan:
    params = kw.pop("params", FAST)
    return plan_week(accounts, rep, MONDAY, days, GeodesicModel(), params=params, **kw)  # type: ignore[arg-type]


def test_plan_is_feasible_and_every_account_is_accounted_for(
    near_accounts: list[Account], rep: Rep, travel: GeodesicModel
) -> None:
    week = plan(near_accounts, rep)
    assert check_plan(week, near_accounts, rep, travel) == []
    decided = [d.account_key for d in (*week.planned, *week.remote, *week.excluded)]
    assert sorted(decided) == sorted(a.key for a in near_accounts)
    assert len(week.visits()) == len(week.planned) >= 7
    assert {d.name for d in week.remote} == {"Rimini Tiny"}
    for day in week.days:
        for v in day.visits:
            assert v.arrival.tzinfo is not None and v.arrival.utcoffset() == timedelta(hours=1)


def test_explanations_add_up(near_accounts: list[Account], rep: Rep) -> None:
    outcome = optimise_week(WeekRequest(near_accounts, rep, MONDAY, 3, GeodesicModel()), FAST)
    week, problem = outcome.plan, outcome.problem
    assert week.value.cents == outcome.solved.value_cents
    assert week.cost.cents == outcome.solved.travel_cents
    assert sum(d.value.cents for d in week.planned) == week.value.cents
    for decision in week.planned:
        assert decision.marginal_cost is not None
        nets = decision.value - decision.marginal_cost
        assert f"nets {nets}" in decision.reason
    # The detour of a visit is exactly what its day's legs would save without it.
    for day in week.days:
        for i, visit in enumerate(day.visits):
            d = next(x for x in week.planned if x.account_key == visit.account_key)
            a = problem.candidates[[c.key for c in problem.candidates].index(visit.account_key)]
            prev = day.legs[i].cost.cents
            nxt = day.legs[i + 1].cost.cents
            before = day.legs[i].from_key
            after = day.legs[i + 1].to_key
            places = {c.key: c.place for c in problem.candidates} | {"home": 0}
            direct = int(problem.cost_cents[places[before], places[after]])
            assert d.marginal_cost == Money(prev + nxt - direct)
            assert a.prize == visit.value.cents
    for decision in week.remote:
        assert decision.marginal_cost is not None
        assert decision.marginal_cost >= decision.value  # out: costs more than it earns
        gap = decision.marginal_cost - decision.value
        assert f"by {gap}" in decision.reason


def test_checker_catches_broken_plans(near_accounts: list[Account], rep: Rep) -> None:
    week = plan(near_accounts, rep, days=1)
    day = week.days[0]
    first = day.visits[0]
    shifted = replace(first, arrival=first.arrival.replace(hour=7), departure=first.arrival)
    bad = replace(week, days=(replace(day, visits=(shifted, *day.visits[1:])),))
    problems = check_plan(bad, near_accounts, rep, GeodesicModel())
    assert any("outside hours" in p for p in problems)
    tight = replace(rep, max_driving_minutes=30)
    assert any("limit" in p for p in check_plan(week, near_accounts, tight, GeodesicModel()))
    twice = replace(week, days=(day, replace(day, day=day.day + timedelta(days=1))))
    assert any("visited twice" in p for p in check_plan(twice, near_accounts, rep, GeodesicModel()))


def test_locked_visits_are_kept(near_accounts: list[Account], rep: Rep) -> None:
    by_name = {a.name: a for a in near_accounts}
    tuesday = MONDAY + timedelta(days=1)
    wed_10 = datetime.combine(MONDAY + timedelta(days=2), time(10), tzinfo=rep.tz)
    locks = [
        LockSpec.on_day(by_name["Imola Tech"].key, tuesday),
        LockSpec.at(by_name["Modena Parts"].key, wed_10),
        LockSpec.keep(by_name["Rimini Tiny"].key),  # not worth the trip, kept anyway
    ]
    week = plan(near_accounts, rep, locks=locks)
    assert check_plan(week, near_accounts, rep, GeodesicModel(), locks) == []
    where = {v.name: (d.day, v) for d in week.days for v in d.visits}
    assert where["Imola Tech"][0] == tuesday and where["Imola Tech"][1].lock is Lock.DAY
    assert where["Modena Parts"][1].arrival == wed_10
    assert "Rimini Tiny" in where
    rimini = next(d for d in week.planned if d.name == "Rimini Tiny")
    assert rimini.reason.startswith("locked (in_plan)")


def test_replanning_after_removing_an_account_keeps_the_other_days(
    near_accounts: list[Account], rep: Rep
) -> None:
    first = plan(near_accounts, rep)
    removed = first.visits()[0].account_key
    second = plan(
        near_accounts,
        rep,
        previous=first,
        values=ValueParams(excluded=frozenset({removed})),
    )
    assert check_plan(second, near_accounts, rep, GeodesicModel()) == []
    day_of = {v.account_key: d.day for d in second.days for v in d.visits}
    assert removed not in day_of
    for day in first.days:
        for v in day.visits:
            if v.account_key != removed and v.account_key in day_of:
                assert day_of[v.account_key] == day.day
    assert any(d.account_key == removed and "user" in d.reason for d in second.excluded)


def test_same_seed_same_plan(near_accounts: list[Account], rep: Rep) -> None:
    params = WeekParams(time_limit_s=30, seed=7, max_iterations=300, overnight=False)
    a = plan(near_accounts, rep, params=params)
    b = plan(near_accounts, rep, params=params)
    assert a == b


def test_cancel_returns_the_best_plan_so_far(near_accounts: list[Account], rep: Rep) -> None:
    flag = CancelFlag()

    class CancelOnFirstReport:
        def report(self, fraction: float, message: str = "") -> None:
            flag.cancel()

    week = plan(
        near_accounts,
        rep,
        params=WeekParams(time_limit_s=20),
        progress=CancelOnFirstReport(),
        cancel=flag,
    )
    assert any("cancelled" in n for n in week.notes)
    assert check_plan(week, near_accounts, rep, GeodesicModel()) == []


def test_the_callers_deadline_bounds_the_whole_week(near_accounts: list[Account], rep: Rep) -> None:
    # A deadline already past (the caller's time spent elsewhere) overrides the time
    # limit: no solver phase starts a clock of its own, the greedy week comes back.
    spent = Deadline(clock.monotonic() - 1.0, 30.0)
    request = WeekRequest(near_accounts, rep, MONDAY, 3, GeodesicModel())
    outcome = optimise_week(request, WeekParams(time_limit_s=30), deadline=spent)
    assert outcome.solved.seconds < 5.0
    assert outcome.plan.visits()
    assert check_plan(outcome.plan, near_accounts, rep, GeodesicModel()) == []


def test_opening_hours_decide_the_day_and_closed_accounts_go_remote(rep: Rep) -> None:
    closed = OpeningHours(((),) * 5 + ((Interval(time(9), time(12)),),) * 2)
    tue_pm = OpeningHours(((), (Interval(time(15), time(17)),), (), (), (), (), ()))
    accounts = [
        account("Weekend Shop", 44.50, 11.35, opening_hours=closed),
        account("Tuesday Afternoon", 44.52, 11.30, opening_hours=tue_pm),
        account("No Hours Known", 44.48, 11.38, opening_hours=None),
    ]
    week = plan(accounts, rep)
    assert check_plan(week, accounts, rep, GeodesicModel()) == []
    where = {v.name: v for v in week.visits()}
    assert where["Tuesday Afternoon"].arrival.weekday() == 1
    assert where["Tuesday Afternoon"].arrival.hour >= 15
    assert "No Hours Known" in where
    weekend = next(d for d in week.remote if d.name == "Weekend Shop")
    assert "closed on every planned day" in weekend.reason


def test_driving_limit_and_lunch_hold_on_busy_days(rep: Rep) -> None:
    # Twelve accounts open all day (no lunch closure to hide the break in) around
    # Bologna and Modena, and a 70-minute driving limit.
    spots = [(44.49 + 0.01 * (i % 4), 11.30 + 0.02 * i) for i in range(8)]
    spots += [(44.65 + 0.01 * i, 10.90 + 0.01 * i) for i in range(4)]
    accounts = [
        account(f"All Day {i}", la, lo, opening_hours=None) for i, (la, lo) in enumerate(spots)
    ]
    tight = replace(rep, max_driving_minutes=70)
    week = plan(accounts, tight, days=2)
    assert check_plan(week, accounts, tight, GeodesicModel()) == []
    assert all(day.driving_s <= 70 * 60 for day in week.days)
    busy = max(week.days, key=lambda d: len(d.visits))
    assert len(busy.visits) >= 5  # a full day, with its lunch break checked
    for day in (d for d in week.days if d.visits):
        assert day.lunch is not None
        assert day.lunch.end - day.lunch.start == timedelta(minutes=tight.lunch_minutes)
    # The checker reads the plan's own break: one during a meeting is refused.
    meeting = busy.visits[len(busy.visits) // 2]
    clash = Break(meeting.arrival, meeting.arrival + timedelta(minutes=tight.lunch_minutes))
    bad = replace(week, days=tuple(replace(d, lunch=clash) if d is busy else d for d in week.days))
    problems = check_plan(bad, accounts, tight, GeodesicModel())
    assert problems and any("lunch break" in p for p in problems)


def test_adding_an_account_slots_it_in_without_moving_the_others(
    near_accounts: list[Account], rep: Rep
) -> None:
    first = plan(near_accounts, rep)
    newcomer = account("Bentivoglio Big Deal", 44.636, 11.417, amount=300_000)
    second = plan([*near_accounts, newcomer], rep, previous=first)
    assert check_plan(second, [*near_accounts, newcomer], rep, GeodesicModel()) == []
    day_of = {v.account_key: d.day for d in second.days for v in d.visits}
    assert newcomer.key in day_of
    for day in first.days:
        for v in day.visits:
            assert day_of.get(v.account_key, day.day) == day.day
