"""Generated weekly territories, and the PyVRP model production builds for them.

A territory is a rep and accounts as an import would give them: towns (Gaussian clusters)
over a 160 × 110 km region around Bologna, deals (log-normal amounts, median ~€9k, with a
stage, probability and close date), visit history and cadence, meeting durations of
20–60 min, and opening hours — split (09:00–12:30, 14:30–18:00), continuous
(08:30–17:00) or mornings only, some closed one weekday. About 1 % are overdue key
accounts (must-visit).

`weekly_instance` turns it into what the planner solves: the same value formula
(`planner.optimise.priorities`), matrices (geodesic travel, the rep's €/km and €/h) and
week model (`planner.optimise.week.model.build_data`: one client per opening interval,
profiles for closed days), so the benchmark exercises exactly what production runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pyvrp

from planner.domain import Account, GeoPoint, OpeningHours, Precision, Rep
from planner.optimise.week.build import build_week_problem
from planner.optimise.week.model import build_data
from planner.optimise.week.problem import WeekProblem
from planner.travel import GeodesicModel

WEEK = date(2026, 3, 2)  # a Monday
DAYS = 5
CENTRE = GeoPoint(44.4949, 11.3426)  # Bologna: the rep's home
REGION_M = (160_000.0, 110_000.0)
_HOURS = (
    ("09:00-12:30,14:30-18:00", 0.6),
    ("08:30-17:00", 0.3),
    ("08:30-12:30", 0.1),
)
_STAGES = (  # stage, probability, weight
    ("Prospecting", 0.1, 18), ("Qualification", 0.1, 16), ("Needs Analysis", 0.2, 14),
    ("Value Proposition", 0.5, 12), ("Id. Decision Makers", 0.6, 8),
    ("Perception Analysis", 0.7, 6), ("Proposal/Price Quote", 0.75, 10),
    ("Negotiation/Review", 0.9, 8),
)  # fmt: skip
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")


@dataclass(frozen=True, slots=True)
class Territory:
    """A rep's accounts for the week of `WEEK`."""

    name: str
    rep: Rep
    accounts: tuple[Account, ...]


@dataclass(frozen=True, slots=True)
class WeeklyInstance:
    name: str
    accounts: int
    problem: WeekProblem
    data: pyvrp.ProblemData


def territory(accounts: int, seed: int = 0) -> Territory:
    rng = np.random.default_rng(seed)
    rep = Rep(name="Bench Rep", home_address="Bologna", home=CENTRE)
    out = tuple(_account(rng, i, point) for i, point in enumerate(_points(rng, accounts)))
    return Territory(f"week{accounts}", rep, out)


def weekly_instance(accounts: int, seed: int = 0) -> WeeklyInstance:
    ground = territory(accounts, seed)
    problem, _ = build_week_problem(
        ground.accounts, ground.rep, WEEK, DAYS, GeodesicModel(), locks=(), values=None
    )
    data, _ = build_data(problem)
    return WeeklyInstance(ground.name, accounts, problem, data)


def _points(rng: np.random.Generator, accounts: int) -> list[GeoPoint]:
    towns = rng.uniform((0, 0), REGION_M, size=(max(4, accounts // 25), 2))
    weights = rng.dirichlet(np.ones(len(towns)))
    which = rng.choice(len(towns), size=accounts, p=weights)
    spread = rng.uniform(1_000, 6_000, size=len(towns))[which]
    metres = towns[which] + rng.normal(size=(accounts, 2)) * spread[:, None]
    metres = np.clip(metres, (0, 0), REGION_M) - np.asarray(REGION_M) / 2
    lat_m = 111_320.0
    lon_m = lat_m * math.cos(math.radians(CENTRE.lat))
    return [GeoPoint(CENTRE.lat + y / lat_m, CENTRE.lon + x / lon_m) for x, y in metres]


def _account(rng: np.random.Generator, i: int, point: GeoPoint) -> Account:
    stage, probability, _ = _STAGES[rng.choice(len(_STAGES), p=_stage_weights())]
    cadence = int(rng.choice([14, 30, 45, 60, 90]))
    key_account = rng.random() < 0.01
    last_visit = WEEK - timedelta(days=int(rng.integers(3 * cadence if key_account else 120)))
    return Account(
        name=f"Account {i + 1:04d}",
        account_id=f"B{i + 1:05d}",
        location=point,
        precision=Precision.ROOFTOP,
        amount=Decimal(int(rng.lognormal(np.log(9_000), 1.0))),
        stage=stage,
        probability=probability,
        close_date=WEEK + timedelta(days=int(rng.integers(-5, 120))),
        last_visit=min(last_visit, WEEK - timedelta(days=1)),
        cadence_days=cadence,
        meeting_minutes=int(rng.choice([20, 30, 45, 60])),
        opening_hours=_hours(rng),
        tags=("key",) if key_account else (),
    )


def _stage_weights() -> list[float]:
    total = sum(w for *_, w in _STAGES)
    return [w / total for *_, w in _STAGES]


def _hours(rng: np.random.Generator) -> OpeningHours:
    spans = _HOURS[rng.choice(len(_HOURS), p=[p for _, p in _HOURS])][0]
    closed = int(rng.integers(DAYS)) if rng.random() < 0.3 else -1
    return OpeningHours.parse(
        "; ".join(f"{d} {spans}" for i, d in enumerate(_WEEKDAYS) if i != closed)
    )
