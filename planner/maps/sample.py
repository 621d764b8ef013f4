"""Plausible synthetic data around Emilia-Romagna for map benchmarks and screenshots.

Deterministic for a seed. Not a planner: the week plan visits the accounts nearest
to one town per day in nearest-neighbour order, with straight-line legs.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from planner.domain import (
    Account,
    Address,
    DayPlan,
    Decision,
    GeoPoint,
    Leg,
    Money,
    Precision,
    Rep,
    Stop,
    Territory,
    Visit,
    WeekPlan,
)

TOWNS = {
    "Bologna": (44.494, 11.343),
    "Modena": (44.647, 10.925),
    "Reggio Emilia": (44.698, 10.631),
    "Parma": (44.801, 10.328),
    "Piacenza": (45.052, 9.693),
    "Ferrara": (44.838, 11.620),
    "Ravenna": (44.418, 12.203),
    "Forlì": (44.222, 12.041),
    "Cesena": (44.139, 12.246),
    "Rimini": (44.060, 12.566),
    "Imola": (44.353, 11.714),
    "Carpi": (44.784, 10.885),
    "Faenza": (44.285, 11.883),
    "Sassuolo": (44.543, 10.784),
}
STAGES = ("Prospect", "Qualified", "Proposal", "Negotiation", "Won")
TRADES = ("Ferramenta", "Officina", "Studio", "Farmacia", "Cantina", "Caseificio", "Tipografia")
SURNAMES = ("Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Gallo", "Conti", "Ricci")
REPS = (("Giulia Neri", "Bologna"), ("Marco Villa", "Parma"), ("Sara Fabbri", "Rimini"))
TZ = ZoneInfo("Europe/Rome")


@dataclass(frozen=True)
class Sample:
    accounts: list[Account]
    reps: list[Rep]
    territories: list[Territory]
    plan: WeekPlan


def _rep_for(lon: float) -> str:
    return REPS[0][0] if 11.0 <= lon < 11.95 else REPS[1][0] if lon < 11.0 else REPS[2][0]


def sample_accounts(n: int, seed: int = 7) -> list[Account]:
    rng = random.Random(seed)
    towns = list(TOWNS.items())
    out = []
    for i in range(n):
        town, (lat, lon) = towns[min(len(towns) - 1, int(rng.expovariate(0.25)))]
        coarse = rng.random() < 0.08  # town-level geocode: shares the town's pin
        if not coarse:
            lat, lon = lat + rng.gauss(0, 0.05), lon + rng.gauss(0, 0.07)
        out.append(
            Account(
                name=f"{rng.choice(TRADES)} {rng.choice(SURNAMES)} {i} Srl",
                account_id=f"A{i:05d}",
                address=Address(city=town, country="IT"),
                location=GeoPoint(lat, lon),
                precision=Precision.TOWN if coarse else Precision.ROOFTOP,
                amount=Decimal(int(rng.lognormvariate(9, 1))),
                stage=rng.choice(STAGES),
                probability=round(rng.uniform(0.1, 0.9), 2),
                last_visit=date(2026, 11, 27) - timedelta(days=rng.randint(3, 200)),
                owner=_rep_for(lon),
            )
        )
    return out


def _km(a: GeoPoint, b: GeoPoint) -> float:
    dlat, dlon = math.radians(b.lat - a.lat), math.radians(b.lon - a.lon)
    h = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _leg(a: GeoPoint, b: GeoPoint, ka: str, kb: str) -> Leg:
    km = _km(a, b) * 1.3  # roads are not straight
    return Leg(ka, kb, int(km * 1000), int(km / 60 * 3600), Money.of(round(km * 0.35, 2)))


def _day(day: date, home: Stop, accounts: list[Account]) -> DayPlan:
    visits, legs = [], []
    here, here_key = home.location, "home"
    clock = datetime.combine(day, time(8, 30), TZ)
    remaining = list(accounts)
    while remaining:
        nxt = min(remaining, key=lambda a: _km(here, a.location or here))
        remaining.remove(nxt)
        assert nxt.location is not None
        leg = _leg(here, nxt.location, here_key, nxt.key)
        clock += timedelta(seconds=leg.duration_s)
        value = Money.of((nxt.expected_value or Decimal(0)).quantize(Decimal(1)))
        why = f"stage {nxt.stage}, last visit {nxt.last_visit}"
        visits.append(
            Visit(
                nxt.key,
                nxt.account_id,
                nxt.name,
                clock,
                clock + timedelta(minutes=45),
                value,
                explanation=why,
            )
        )
        clock += timedelta(minutes=60)
        legs.append(leg)
        here, here_key = nxt.location, nxt.key
    legs.append(_leg(here, home.location, here_key, "home"))
    return DayPlan(day, home, home, tuple(visits), tuple(legs))


def sample(n: int = 400, seed: int = 7, week_start: date = date(2026, 11, 30)) -> Sample:
    accounts = sample_accounts(n, seed)
    reps = [Rep(name, home=GeoPoint(*TOWNS[town])) for name, town in REPS]
    territories = [
        Territory(f"Zona {town}", name, frozenset(a.key for a in accounts if a.owner == name))
        for name, town in REPS
    ]
    rep = reps[0]
    assert rep.home is not None
    home = Stop(f"{rep.name} home", rep.home)
    mine = [a for a in accounts if a.owner == rep.name and a.location is not None]
    days: list[DayPlan] = []
    used: set[str] = set()
    for offset, town in enumerate(("Bologna", "Imola", "Ferrara", "Modena", "Faenza")):
        centre = GeoPoint(*TOWNS[town])
        near = sorted(
            (a for a in mine if a.key not in used), key=lambda a: _km(centre, a.location or centre)
        )
        todays = near[:5]
        used.update(a.key for a in todays)
        days.append(_day(week_start + timedelta(days=offset), home, todays))
    remote = tuple(
        Decision(a.key, a.account_id, a.name, "remote", "low value for the drive", Money.of(1))
        for a in [a for a in mine if a.key not in used][:8]
    )
    plan = WeekPlan(rep.name, week_start, "EUR", tuple(days), remote=remote)
    return Sample(accounts, reps, territories, plan)
