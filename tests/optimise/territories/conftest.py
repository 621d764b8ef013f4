"""Small generated territories: clustered accounts and reps living among them."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from planner.domain import Account, GeoPoint, Precision, Rep


def make_accounts(n: int, seed: int = 0, clusters: int = 8, prefix: str = "A") -> list[Account]:
    rng = np.random.default_rng(seed)
    centres = rng.uniform([43.0, 9.0], [46.0, 13.0], (clusters, 2))
    points = centres[rng.integers(clusters, size=n)] + rng.normal(0, 0.15, (n, 2))
    return [
        Account(
            name=f"Account {i}",
            account_id=f"{prefix}{i}",
            location=GeoPoint(float(lat), float(lon)),
            precision=Precision.SOURCE,
            amount=Decimal(int(rng.lognormal(9, 0.8))),
            probability=0.5,
            cadence_days=int(rng.choice([7, 14, 28])),
            meeting_minutes=int(rng.choice([30, 45, 60])),
        )
        for i, (lat, lon) in enumerate(points)
    ]


def make_reps(accounts: list[Account], count: int, seed: int = 1) -> list[Rep]:
    rng = np.random.default_rng(seed)
    homes = rng.choice(len(accounts), size=count, replace=False)
    return [Rep(name=f"Rep {j}", home=accounts[int(h)].location) for j, h in enumerate(homes)]


@pytest.fixture(scope="session")
def accounts() -> list[Account]:
    return make_accounts(600)


@pytest.fixture(scope="session")
def reps(accounts: list[Account]) -> list[Rep]:
    return make_reps(accounts, 4)
