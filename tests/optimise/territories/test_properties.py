"""Property: every balanced quantity ends within the tolerance, or the solver says it could not.

With many accounts per rep the tolerance is always reached; with a handful of lumpy
accounts per rep a tight band on both workload and value may have no solution at all.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.optimise.territories import Balance, BalanceSettings, build_problem, evaluate, solve

from .conftest import make_accounts, make_reps


@settings(max_examples=12, deadline=None)
@given(
    n=st.integers(40, 300),
    n_reps=st.integers(2, 6),
    clusters=st.integers(1, 10),
    seed=st.integers(0, 10_000),
    balance=st.sampled_from(list(Balance)),
    tolerance=st.sampled_from([0.02, 0.05, 0.1]),
)
def test_balance_holds_on_any_team(  # noqa: PLR0917
    n: int, n_reps: int, clusters: int, seed: int, balance: Balance, tolerance: float
) -> None:
    accounts = make_accounts(n, seed=seed, clusters=clusters)
    reps = make_reps(accounts, n_reps, seed=seed + 1)
    problem = build_problem(accounts, reps, BalanceSettings(balance=balance, tolerance=tolerance))
    solution = solve(problem)
    metrics = evaluate(problem, solution.assignment(problem))
    assert metrics.unassigned == 0
    reached = (balance is Balance.VALUE or metrics.workload_spread <= tolerance) and (
        balance is Balance.WORKLOAD or metrics.value_spread <= tolerance
    )
    said = any("could not bring" in note for note in solution.notes)
    assert reached or said
    if n / n_reps >= 40 and balance is not Balance.BOTH:
        assert reached
