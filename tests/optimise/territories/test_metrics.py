from __future__ import annotations

import numpy as np
import pytest

from planner.domain import Account, DomainError, GeoPoint, Precision, Rep
from planner.optimise.territories import build_problem, compare, evaluate, reassign, spread


def test_spread_is_max_deviation_over_mean() -> None:
    loads = np.array([90.0, 100.0, 110.0, 100.0])
    assert spread(loads, np.ones(4)) == pytest.approx(0.10)
    # Capacity shares: 20 h and 40 h reps carrying 50 and 100 are perfectly balanced.
    assert spread(np.array([50.0, 100.0]), np.array([20.0, 40.0])) == pytest.approx(0.0)
    assert spread(np.zeros(3), np.ones(3)) == 0.0


def _account(i: int, lon: float, cadence: int = 7) -> Account:
    return Account(
        name=f"a{i}",
        account_id=str(i),
        location=GeoPoint(45.0, lon),
        precision=Precision.SOURCE,
        cadence_days=cadence,
        meeting_minutes=60,
        amount=None,
    )


def test_metrics_of_a_hand_made_split() -> None:
    accounts = [_account(0, 9.0), _account(1, 9.1), _account(2, 10.0), _account(3, 10.1, 14)]
    reps = [Rep(name="W", home=GeoPoint(45.0, 9.0)), Rep(name="E", home=GeoPoint(45.0, 10.0))]
    problem = build_problem(accounts, reps)
    split = {"id:0": "W", "id:1": "W", "id:2": "E", "id:3": "E"}
    m = evaluate(problem, split)
    west, east = m.by_rep()["W"], m.by_rep()["E"]
    assert (west.accounts, east.accounts) == (2, 2)
    # One weekly visit of 60 min plus the drive estimate per account.
    assert west.workload_hours == pytest.approx(problem.workload_h[0] + problem.workload_h[1])
    assert problem.workload_h[0] > 1.0
    assert east.workload_hours < west.workload_hours  # one fortnightly account
    assert m.value_spread == 0.0  # no values at all
    assert west.compactness_km == pytest.approx(problem.home_km[0, 1] / 2, rel=0.05)
    assert west.mean_km_from_home == pytest.approx(problem.home_km[0, 1] / 2, rel=1e-6)
    assert west.travel_km_estimate > 0
    # Swap everything: far worse travel, and the comparison counts four moves.
    swapped = {k: ("E" if r == "W" else "W") for k, r in split.items()}
    comparison = compare(problem, split, swapped)
    assert comparison.changed_hands == 4
    assert comparison.after.travel_km_estimate > comparison.before.travel_km_estimate


def test_reassign_moves_accounts_and_rejects_unknowns() -> None:
    accounts = [_account(i, 9.0 + i / 10) for i in range(4)]
    reps = [Rep(name="W", home=GeoPoint(45.0, 9.0)), Rep(name="E", home=GeoPoint(45.0, 10.0))]
    problem = build_problem(accounts, reps)
    split = dict.fromkeys(problem.keys, "W")
    edited = reassign(problem, split, ["id:2", "id:3"], "E")
    assert evaluate(problem, edited).by_rep()["E"].accounts == 2
    assert split["id:2"] == "W"  # the input is not changed
    with pytest.raises(DomainError, match="unknown rep"):
        reassign(problem, split, ["id:1"], "Nobody")
    with pytest.raises(DomainError, match="unknown or unlocated"):
        reassign(problem, split, ["id:99"], "E")
    unplaced = evaluate(problem, {"id:0": "W"})
    assert unplaced.unassigned == 3
