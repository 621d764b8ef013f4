"""Customers, not only deals: a customer-only territory and a plain register plan full weeks;
an overdue A-customer goes before a B-prospect of equal expected value."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np

from planner.domain import Account, GeoPoint, Precision, Rep, WeekPlan
from planner.optimise.week.orchestrate import WeekRequest, optimise_week
from planner.optimise.week.planner import WeekParams
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY

REAL = Path(__file__).parents[2] / "data" / "real"
PARAMS = WeekParams(time_limit_s=3.0, max_iterations=400, overnight=False)


def customers() -> list[Account]:
    """60 Closed Won customers around Bologna, tiers A/B/C, last visits 1–120 days ago."""
    rng = np.random.default_rng(3)
    out = []
    for i in range(60):
        tier = "ABC"[i % 3]
        out.append(
            Account(
                name=f"Customer {i:02d}",
                account_id=f"C{i:02d}",
                location=GeoPoint(HOME.lat + rng.normal() * 0.12, HOME.lon + rng.normal() * 0.16),
                precision=Precision.ROOFTOP,
                amount=Decimal(int(rng.integers(5_000, 80_000))),
                stage="Closed Won",
                probability=1.0,
                last_visit=MONDAY - timedelta(days=int(rng.integers(1, 120))),
                tags=("Customer", f"Tier {tier}"),
            )
        )
    return out


def full_week(plan: WeekPlan) -> bool:
    return all(len(day.visits) >= 6 for day in plan.days)


def test_a_customer_only_territory_plans_a_full_week() -> None:
    rep = Rep(name="Giulia", home=HOME)
    plan = optimise_week(WeekRequest(customers(), rep, MONDAY, None, GeodesicModel()), PARAMS).plan
    assert full_week(plan), [len(d.visits) for d in plan.days]
    assert not any("closed won" in d.reason for d in plan.excluded)
    visited = {v.name for v in plan.visits()}
    # the most overdue A-customers are all in: C00, C03, ... are A
    a_overdue = [a for a in customers() if "Tier A" in a.tags and _ago(a) >= 28]
    assert a_overdue and all(a.name in visited for a in a_overdue)


def _ago(account: Account) -> int:
    assert account.last_visit is not None
    return (MONDAY - account.last_visit).days


def test_a_plain_school_register_with_no_crm_values_plans_a_full_week() -> None:
    """Real data: schools of the académie de Rennes (name and coordinates only)."""
    with (REAL / "rennes_annuaire_education.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    accounts = [
        Account(
            name=row["Nom_etablissement"],
            account_id=row["Identifiant_de_l_etablissement"],
            location=GeoPoint(float(row["latitude"]), float(row["longitude"])),
            precision=Precision.ROOFTOP,
        )
        for row in rows
        if row["latitude"] and row["longitude"]
    ]
    rep = Rep(name="Anne", home=GeoPoint(48.1117, -1.6800), timezone="Europe/Paris")
    week = date(2026, 3, 2)
    plan = optimise_week(WeekRequest(accounts, rep, week, None, GeodesicModel()), PARAMS).plan
    assert full_week(plan), [len(d.visits) for d in plan.days]
    assert not any("no value" in d.reason for d in plan.remote + plan.excluded)


def test_an_overdue_a_customer_goes_before_a_b_prospect_of_equal_expected_value() -> None:
    """One day with room for one 4.5-hour meeting: the overdue A-customer gets it."""
    common = {"precision": Precision.ROOFTOP, "meeting_minutes": 270, "probability": 0.5}
    a_customer = Account(
        name="A customer", account_id="a", location=GeoPoint(44.52, 11.36),
        amount=Decimal(40_000), stage="Negotiation", tags=("Customer", "A"),
        last_visit=MONDAY - timedelta(days=30), **common,  # type: ignore[arg-type]
    )  # fmt: skip
    b_prospect = Account(
        name="B prospect", account_id="b", location=GeoPoint(44.47, 11.32),
        amount=Decimal(40_000), stage="Negotiation", tags=("B",),
        last_visit=MONDAY - timedelta(days=30), **common,  # type: ignore[arg-type]
    )  # fmt: skip
    rep = Rep(name="Giulia", home=HOME)
    request = WeekRequest([b_prospect, a_customer], rep, MONDAY, 1, GeodesicModel())
    plan = optimise_week(request, PARAMS).plan
    assert [v.name for v in plan.visits()] == ["A customer"]
    assert [d.name for d in plan.remote] == ["B prospect"]
