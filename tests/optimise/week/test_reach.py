"""Preselection: matrices are built for the rep's reachable, most valuable accounts only."""

from __future__ import annotations

from planner.domain import Rep
from planner.optimise.priorities import value_accounts
from planner.optimise.week.reach import preselect
from tests.optimise.week.conftest import HOME, MONDAY, account

REP = Rep(name="Giulia", home=HOME)


def test_an_account_beyond_a_days_reach_is_left_out_with_the_distance() -> None:
    near, lisbon = account("Imola", 44.353, 11.714), account("Lisbon", 38.722, -9.139)
    values = value_accounts([near, lisbon], MONDAY)
    kept, left = preselect([near, lisbon], values, REP)
    assert kept == [near]
    assert left[0][0] == lisbon
    assert "too far for a visit: 1,814 km from home" in left[0][1]


def test_the_cap_keeps_the_best_value_after_the_round_trip_and_required_ones() -> None:
    accounts = [
        account("Small near", 44.49, 11.35, amount=10_000),
        account("Big near", 44.50, 11.34, amount=90_000),
        account("Big far", 45.46, 9.19, amount=90_000),  # Milan: same value, long trip
        account("Locked small", 44.48, 11.33, amount=1_000),
    ]
    values = value_accounts(accounts, MONDAY)
    kept, left = preselect(accounts, values, REP, keep={accounts[3].key}, limit=2)
    assert [a.name for a in kept] == ["Big near", "Locked small"]
    assert {a.name for a, _ in left} == {"Small near", "Big far"}
    assert all("2 most valuable accounts after the round trip" in why for _, why in left)
