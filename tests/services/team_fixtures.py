"""A small team workspace: reps around Bologna, Modena and Ferrara, accounts split."""

from __future__ import annotations

import random
from pathlib import Path

from planner.domain import GeoPoint, Rep, Territory
from planner.io.workspace import Workspace
from tests.optimise.week.conftest import account

HOMES = {
    "Anna": GeoPoint(44.4949, 11.3426),
    "Bruno": GeoPoint(44.6471, 10.9252),
    "Carla": GeoPoint(44.8381, 11.6198),
    "Dario": GeoPoint(44.3559, 11.7161),
}


def fill_team(target: str | Path, per_rep: int = 8, reps: int = 3) -> list[str]:
    """Reps with homes, `per_rep` accounts each near home, territories saved."""
    rng = random.Random(7)
    names = list(HOMES)[:reps]
    with Workspace.open(target, create=True) as ws:
        ws.save_reps([Rep(n, home=HOMES[n], home_address=n) for n in names])
        territories = []
        for name in names:
            home = HOMES[name]
            accounts = [
                account(f"{name} client {i}", home.lat + rng.uniform(-0.25, 0.25),
                        home.lon + rng.uniform(-0.3, 0.3), amount=rng.randrange(5, 80) * 1000)
                for i in range(per_rep)
            ]  # fmt: skip
            ws.save_accounts(accounts)
            territories.append(Territory(name, name, frozenset(a.key for a in accounts)))
        ws.replace_territories(territories)
    return names
