"""Which accounts the week's matrices are built for: memory follows the candidates.

Travel matrices are square in the candidates, so their number bounds memory and time
(a 25,600-account list once asked for 2 × 4.9 GiB). Before any matrix is built, from
the straight line to the rep's home only (O(n) memory):

* an account no road can reach within the week's rules is left out: even at
  `ROAD_SPEED_MAX_KMH` in a straight line it lies beyond 1.5 days' driving limit (the
  farthest a day from a hotel, itself at most one day's drive from home, can reach);
* of the rest, at most `MAX_CANDIDATES` are kept: the highest value this week less an
  estimated round trip from home (the geodesic estimate at the rep's rates). A week
  holds a few dozen visits; the thousand best by that measure hold them with room to
  spare. Required accounts (locks, must-visits) are always kept.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np

from planner.domain.account import Account
from planner.domain.i18n import N_
from planner.domain.rep import Rep
from planner.optimise.priorities import ValueBreakdown
from planner.travel.geodesic import GeodesicParams, haversine_m, road_estimate

MAX_CANDIDATES = 1000
ROAD_SPEED_MAX_KMH = 130.0
_REACH_DAYS = 1.5

Left = tuple[Account, str]  # an account not considered, and why


def preselect(
    accounts: Sequence[Account],
    values: Mapping[str, ValueBreakdown],
    rep: Rep,
    keep: Collection[str] = (),
    limit: int = MAX_CANDIDATES,
) -> tuple[list[Account], list[Left]]:
    """(candidates, accounts left out with the reason); all `accounts` must be located."""
    if rep.home is None or not accounts:
        return list(accounts), []
    lat = np.array([a.location.lat if a.location else 0.0 for a in accounts])
    lon = np.array([a.location.lon if a.location else 0.0 for a in accounts])
    home = np.array([[rep.home.lat, rep.home.lon]])
    straight = haversine_m(home[:, 0], home[:, 1], lat, lon)
    one_day_s = min(rep.max_driving_minutes * 60, _shift_s(rep))
    reach_m = _REACH_DAYS * one_day_s * ROAD_SPEED_MAX_KMH / 3.6
    left: list[Left] = []
    near: list[int] = []
    for i, account in enumerate(accounts):
        if straight[i] > reach_m and account.key not in keep:
            left.append((account, _too_far(straight[i], rep)))
        else:
            near.append(i)
    if len(near) <= limit:
        return [accounts[i] for i in near], left
    score = _net_estimate(accounts, values, rep, straight)
    ranked = sorted(near, key=lambda i: (accounts[i].key not in keep, -score[i], i))
    cut = max(limit, sum(1 for i in near if accounts[i].key in keep))
    left += [(accounts[i], _below_cut(limit)) for i in ranked[cut:]]
    return [accounts[i] for i in sorted(ranked[:cut])], left


def _shift_s(rep: Rep) -> int:
    start, end = rep.work_start, rep.work_end
    return (end.hour - start.hour) * 3600 + (end.minute - start.minute) * 60


def _net_estimate(
    accounts: Sequence[Account],
    values: Mapping[str, ValueBreakdown],
    rep: Rep,
    straight: np.ndarray,
) -> list[float]:
    """Value this week less an estimated round trip from home, in cents."""
    road_m, secs = road_estimate(straight, GeodesicParams())
    per_m = float(rep.cost_per_km) / 10
    per_s = float(rep.cost_per_hour) / 36
    trip = 2 * (road_m * per_m + secs * per_s)
    return [values[a.key].total.cents - float(trip[i]) for i, a in enumerate(accounts)]


def _too_far(straight_m: float, rep: Rep) -> str:
    return N_(
        "too far for a visit: {km} km from home in a straight line, beyond what {hours} h "
        "of driving a day can reach even with a hotel night"
    ).format(km=f"{straight_m / 1000:,.0f}", hours=f"{rep.max_driving_minutes / 60:g}")


def _below_cut(limit: int) -> str:
    return N_(
        "not among this week's {limit} most valuable accounts after the round trip from "
        "home: too little value for the drive"
    ).format(limit=f"{limit:,}")
