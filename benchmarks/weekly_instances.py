"""Generated weekly territories as `pyvrp.ProblemData`, shaped like the week model
(planner/optimise/week/model.py) so the benchmark exercises what production solves.

* One depot (the rep's home), one vehicle type per working day whose time window is
  that day's shift in week seconds (08:00–18:00), shift duration 10 h, and a daily
  driving cap expressed as max distance (distance = travel cost, as in the week model).
* Accounts sit in towns (Gaussian clusters over a 160 × 110 km region). Each account is
  one client per (day, opening window) in a mutually exclusive client group: split hours
  (09:00–12:30, 14:30–18:00), continuous hours (08:30–17:00) or mornings only; some are
  closed one weekday. A window bounds the visit's start (it must end by closing).
* Edge distance = travel cost in cents (€0.35/km + €25/h of driving), duration = driving
  seconds at 55 km/h on roads 1.3 × the straight line. Prize = the account's value this
  week in cents (log-normal, median €120), service 20–60 min. A few accounts are
  required (must-visit), as fixed appointments and overdue key accounts are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyvrp

DAY_S = 86_400
DAYS = 5
SHIFT = (8 * 3600, 18 * 3600)
MAX_DRIVE_S = 5 * 3600
_KM_CENTS = 35
_HOUR_CENTS = 2500
_SPEED_MS = 55_000 / 3600
_DETOUR = 1.3


@dataclass(frozen=True, slots=True)
class WeeklyInstance:
    name: str
    accounts: int
    data: pyvrp.ProblemData


def _positions(rng: np.random.Generator, accounts: int) -> npt.NDArray[np.float64]:
    towns = rng.uniform((0, 0), (160_000, 110_000), size=(max(4, accounts // 25), 2))
    weights = rng.dirichlet(np.ones(len(towns)))
    which = rng.choice(len(towns), size=accounts, p=weights)
    spread = rng.uniform(1_000, 6_000, size=len(towns))[which]
    pts = towns[which] + rng.normal(size=(accounts, 2)) * spread[:, None]
    home = np.array([[80_000.0, 55_000.0]])
    return np.vstack([home, np.clip(pts, 0, None)])


def _matrices(
    pts: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    metres = _DETOUR * np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1))
    seconds = np.rint(metres / _SPEED_MS).astype(np.int64)
    cents = np.rint(metres / 1000 * _KM_CENTS + seconds / 3600 * _HOUR_CENTS)
    return cents.astype(np.int64), seconds


def _windows(rng: np.random.Generator) -> list[list[tuple[int, int]]]:
    """Per weekday, the opening intervals (seconds of the day)."""
    kind = rng.choice(3, p=(0.6, 0.3, 0.1))
    hours = [
        [(9 * 3600, 12 * 3600 + 1800), (14 * 3600 + 1800, 18 * 3600)],
        [(8 * 3600 + 1800, 17 * 3600)],
        [(8 * 3600 + 1800, 12 * 3600 + 1800)],
    ][kind]
    closed = rng.integers(DAYS) if rng.random() < 0.3 else -1
    return [[] if d == closed else hours for d in range(DAYS)]


def weekly_instance(accounts: int, seed: int = 0) -> WeeklyInstance:
    rng = np.random.default_rng(seed)
    pts = _positions(rng, accounts)
    cost, duration = _matrices(pts)
    clients: list[pyvrp.Client] = []
    groups: list[pyvrp.ClientGroup] = []
    for a in range(1, accounts + 1):
        prize = int(rng.lognormal(np.log(12_000), 0.8))
        service = int(rng.choice([20, 30, 45, 60])) * 60
        required = rng.random() < 0.01
        first = len(clients)
        for day, intervals in enumerate(_windows(rng)):
            for open_s, close_s in intervals:
                clients.append(
                    pyvrp.Client(
                        location=a,
                        service_duration=service,
                        tw_early=day * DAY_S + open_s,
                        tw_late=day * DAY_S + close_s - service,
                        prize=prize,
                        required=False,
                        group=len(groups),
                    )
                )
        groups.append(pyvrp.ClientGroup(list(range(first, len(clients))), required=required))
    ratio = float(np.median(cost[duration > 60] / duration[duration > 60]))
    vehicles = [
        pyvrp.VehicleType(
            num_available=1,
            tw_early=d * DAY_S + SHIFT[0],
            tw_late=d * DAY_S + SHIFT[1],
            shift_duration=SHIFT[1] - SHIFT[0],
            max_distance=int(ratio * MAX_DRIVE_S),
            name=f"day{d}",
        )
        for d in range(DAYS)
    ]
    data = pyvrp.ProblemData(
        locations=[pyvrp.Location(float(x), float(y)) for x, y in pts],
        clients=clients,
        depots=[pyvrp.Depot(location=0)],
        vehicle_types=vehicles,
        distance_matrices=[cost],  # type: ignore[list-item]  # stub says ndarray[int]
        duration_matrices=[duration],  # type: ignore[list-item]
        groups=groups,
    )
    return WeeklyInstance(f"week{accounts}", accounts, data)
