"""Random small weeks (hours, closures, meeting lengths, limits, locks): every plan checks out."""

from __future__ import annotations

import random
from datetime import time, timedelta

import pytest

from planner.domain import Account, Interval, OpeningHours, Rep
from planner.optimise.week.check import check_plan
from planner.optimise.week.locks import LockSpec
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_week
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY, account


def _hours(rnd: random.Random) -> OpeningHours | None:
    if rnd.random() < 0.15:
        return None  # unknown: the documented default (open during working hours) applies
    days: list[tuple[Interval, ...]] = []
    for _ in range(7):
        r = rnd.random()
        if r < 0.2:
            days.append(())
        elif r < 0.5:
            morning = Interval(time(rnd.randint(7, 10)), time(rnd.randint(11, 13)))
            days.append((morning, Interval(time(14, 30), time(rnd.randint(16, 19)))))
        else:
            days.append((Interval(time(rnd.randint(7, 12)), time(rnd.randint(13, 20))),))
    return OpeningHours(tuple(days))


def _week(seed: int) -> tuple[list[Account], Rep, list[LockSpec], int]:
    rnd = random.Random(seed)
    accounts = [
        account(
            f"R{i}",
            44.0 + rnd.random(),
            10.5 + 2 * rnd.random(),
            amount=rnd.randint(0, 200_000),
            probability=rnd.random(),
            opening_hours=_hours(rnd),
            meeting_minutes=rnd.choice([30, 45, 60, 90, 120]),
        )
        for i in range(rnd.randint(3, 20))
    ]
    rep = Rep(
        name="R",
        home=HOME,
        max_driving_minutes=rnd.choice([60, 120, 300]),
        lunch_minutes=rnd.choice([0, 30, 45, 60]),
        work_start=time(rnd.choice([7, 8, 9])),
        work_end=time(rnd.choice([16, 17, 18, 19])),
    )
    locks = [LockSpec.keep(accounts[1].key)] if rnd.random() < 0.5 else []
    return accounts, rep, locks, rnd.randint(1, 5)


@pytest.mark.parametrize("seed", range(6))
def test_random_week_is_feasible_and_fully_decided(seed: int) -> None:
    accounts, rep, locks, days = _week(seed)
    params = WeekParams(time_limit_s=0.3, seed=seed)
    week = plan_week(accounts, rep, MONDAY, days, GeodesicModel(), params=params, locks=locks)
    assert check_plan(week, accounts, rep, GeodesicModel()) == []
    decided = {d.account_key for d in (*week.planned, *week.remote, *week.excluded)}
    assert decided == {a.key for a in accounts}
    for lock in locks:  # a kept account is planned, or the plan says why it could not be
        planned = {v.account_key for v in week.visits()}
        assert lock.account_key in planned or any(d.account_key == lock.account_key
                                                  for d in week.remote)  # fmt: skip
    assert week.days[-1].day <= MONDAY + timedelta(days=6)
