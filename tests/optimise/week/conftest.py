"""Tiny named weeks around Bologna: a rep at home, a few accounts with hours and deals."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from planner.domain import Account, GeoPoint, Interval, OpeningHours, Precision, Rep
from planner.travel.geodesic import GeodesicModel

MONDAY = date(2026, 3, 2)
HOME = GeoPoint(44.4949, 11.3426)  # Bologna
STANDARD_HOURS = OpeningHours.weekdays(time(9), time(18), Interval(time(12, 30), time(14, 30)))


def account(
    name: str,
    lat: float,
    lon: float,
    amount: int = 40_000,
    probability: float = 0.5,
    **extra: object,
) -> Account:
    return Account(
        name=name,
        account_id=name.lower().replace(" ", "-"),
        location=GeoPoint(lat, lon),
        precision=Precision.ROOFTOP,
        amount=Decimal(amount),
        probability=probability,
        stage="proposal",
        **{"opening_hours": STANDARD_HOURS, **extra},  # type: ignore[arg-type]
    )


@pytest.fixture
def rep() -> Rep:
    return Rep(name="Giulia", home_address="Bologna", home=HOME)


@pytest.fixture
def travel() -> GeodesicModel:
    return GeodesicModel()


@pytest.fixture
def near_accounts() -> list[Account]:
    """Eight accounts within ~40 km of Bologna, plus one tiny deal far away."""
    spots = [
        ("Imola Tech", 44.353, 11.714),
        ("Modena Parts", 44.647, 10.925),
        ("Ferrara Foods", 44.838, 11.619),
        ("Cento Metal", 44.727, 11.289),
        ("Budrio Agri", 44.537, 11.534),
        ("Casalecchio Med", 44.476, 11.275),
        ("San Lazzaro Lab", 44.471, 11.409),
        ("Vignola Fruit", 44.481, 11.010),
    ]
    out = [account(n, la, lo, amount=30_000 + 5_000 * i) for i, (n, la, lo) in enumerate(spots)]
    out.append(account("Rimini Tiny", 44.060, 12.566, amount=500, probability=0.1))
    return out
