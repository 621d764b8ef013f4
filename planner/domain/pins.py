"""Pins shared by several accounts: travel between them counts as zero, so we flag them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain.account import Account
from planner.domain.geo import GeoPoint, Precision


@dataclass(frozen=True)
class SharedPin:
    """Several accounts on one coordinate: travel between them will count as zero."""

    location: GeoPoint
    precision: Precision
    names: tuple[str, ...]


def shared_pins(accounts: Sequence[Account]) -> tuple[SharedPin, ...]:
    """Coordinates (to ~1 m) held by more than one account, most crowded first."""
    groups: dict[tuple[float, float], list[Account]] = defaultdict(list)
    for account in accounts:
        if account.location is not None:
            key = (round(account.location.lat, 5), round(account.location.lon, 5))
            groups[key].append(account)
    pins = [
        SharedPin(group[0].location, group[0].precision, tuple(a.name for a in group))
        for group in groups.values()
        if len(group) > 1 and group[0].location is not None
    ]
    return tuple(sorted(pins, key=lambda pin: -len(pin.names)))
