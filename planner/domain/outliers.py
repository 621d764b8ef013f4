"""Doubtful pins: accounts pinned far outside the rest of their territory.

The test, per group of accounts (a territory, else a CRM owner, else the whole list):
take the group's robust centre (the median latitude and the median longitude), each
pin's distance to it, the median of those distances and their median absolute deviation
(MAD). A pin is doubtful when it lies more than ``median + 6 × 1.4826 × MAD`` from the
centre (six robust standard deviations) and more than 100 km. Groups of fewer than 8
pins are not judged. A doubtful pin keeps its place; it is flagged so the user checks it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Sequence

from planner.domain.account import Account
from planner.domain.geo import GeoPoint

MIN_GROUP = 8
SIGMAS = 6.0
MIN_KM = 100.0
_MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution × this = its standard deviation


def _km(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance (haversine): plenty for a 100 km threshold."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def doubtful_reasons(
    accounts: Iterable[Account], group_of: Callable[[Account], str] = lambda _a: ""
) -> dict[str, str]:
    """Account key → why its pin is doubtful, for the doubtful ones only."""
    groups: dict[str, list[Account]] = {}
    for account in accounts:
        if account.location is not None:
            groups.setdefault(group_of(account), []).append(account)
    out: dict[str, str] = {}
    for name, members in groups.items():
        out.update(_outliers(name, members))
    return out


def _outliers(group: str, members: Sequence[Account]) -> dict[str, str]:
    if len(members) < MIN_GROUP:
        return {}
    points = [a.location for a in members if a.location is not None]
    centre = GeoPoint(
        statistics.median(p.lat for p in points), statistics.median(p.lon for p in points)
    )
    distances = [_km(p, centre) for p in points]
    typical = statistics.median(distances)
    mad = statistics.median(abs(d - typical) for d in distances)
    limit = max(MIN_KM, typical + SIGMAS * _MAD_TO_SIGMA * mad)
    where = f"the rest of {group}" if group else "the other accounts"
    return {
        a.key: f"{d:.0f} km from the centre of {where} (most lie within {typical:.0f} km)"
        for a, d in zip(members, distances, strict=True)
        if d > limit
    }
