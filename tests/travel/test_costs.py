from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.rep import Rep
from planner.domain.units import Money
from planner.travel import (
    TravelMatrix,
    cost_matrix_cents,
    day_cost,
    leg_cost,
    overnight_cost,
)

REP = Rep(name="Anna", cost_per_km=Decimal("0.35"), cost_per_hour=Decimal("30"))


def test_leg_cost_is_km_rate_plus_hour_rate() -> None:
    # 100 km × 0.35 + 1.5 h × 30 = 35 + 45 = 80.00
    assert leg_cost(REP, 100_000, 5400) == Money(8000, "EUR")
    assert leg_cost(REP, 0, 0) == Money(0, "EUR")


def test_leg_cost_rounds_half_up_to_the_cent() -> None:
    rep = Rep(name="B", cost_per_km=Decimal("0.05"), cost_per_hour=Decimal("0"))
    # 100 m × 0.05 €/km = 0.005 € → 1 cent (half up)
    assert leg_cost(rep, 100, 0).cents == 1
    assert leg_cost(rep, 99, 0).cents == 0


def test_costs_use_rep_currency() -> None:
    rep = Rep(
        name="C", currency="CHF", hotel_per_night=Decimal("140"), meal_allowance=Decimal("35.50")
    )
    assert leg_cost(rep, 1000, 60).currency == "CHF"
    assert overnight_cost(rep) == Money(17550, "CHF")


def test_day_cost_sums_rounded_legs_and_night() -> None:
    legs = [(12_345, 901), (40_000, 2400), (0, 0)]
    expected = sum((leg_cost(REP, d, t) for d, t in legs), Money.zero("EUR"))
    assert day_cost(REP, legs) == expected
    assert day_cost(REP, legs, overnight=True) == expected + overnight_cost(REP)
    assert day_cost(REP, []) == Money.zero("EUR")


@settings(max_examples=60, deadline=None)
@given(
    km_rate=st.decimals(min_value=0, max_value=5, places=4),
    hour_rate=st.decimals(min_value=0, max_value=200, places=2),
    seed=st.integers(0, 2**31),
)
def test_vectorised_costs_equal_scalar_costs(
    km_rate: Decimal, hour_rate: Decimal, seed: int
) -> None:
    rep = Rep(name="D", cost_per_km=km_rate, cost_per_hour=hour_rate)
    rng = np.random.default_rng(seed)
    d = rng.integers(0, 900_000, (5, 5), dtype=np.int64)
    t = rng.integers(0, 40_000, (5, 5), dtype=np.int64)
    cents = cost_matrix_cents(rep, TravelMatrix(d, t))
    assert cents.dtype == np.int64
    for i in range(5):
        for j in range(5):
            assert cents[i, j] == leg_cost(rep, int(d[i, j]), int(t[i, j])).cents
