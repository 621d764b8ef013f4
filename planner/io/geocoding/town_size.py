"""How big is the town behind a town-level pin: the population of the gazetteer's
place nearest to it (the pin usually *is* that place's coordinate)."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from planner.domain import GeoPoint
from planner.io.geocoding.gazetteer import default_gazetteer_path

_NEAR_DEG = 0.02  # ~2 km: a pin further from every place is not a town centre


def town_sizes(pins: Sequence[GeoPoint], path: Path | None = None) -> list[tuple[str, int] | None]:
    """(name, population) of the place at each pin; None where the gazetteer has none
    (or has not been built: it is not built just for this)."""
    path = path or default_gazetteer_path()
    if not pins or not path.exists():
        return [None] * len(pins)
    south = min(p.lat for p in pins) - _NEAR_DEG
    north = max(p.lat for p in pins) + _NEAR_DEG
    west = min(p.lon for p in pins) - _NEAR_DEG
    east = max(p.lon for p in pins) + _NEAR_DEG
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT name, lat, lon, population FROM places "
                "WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (south, north, west, east),
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return [None] * len(pins)
    return [_nearest(pin, rows) for pin in pins]


def _nearest(pin: GeoPoint, rows: list[tuple[str, float, float, int]]) -> tuple[str, int] | None:
    scale = math.cos(math.radians(pin.lat))
    best, best_d = None, _NEAR_DEG**2
    for name, lat, lon, population in rows:
        d = (lat - pin.lat) ** 2 + ((lon - pin.lon) * scale) ** 2
        if d <= best_d:
            best, best_d = (name, int(population)), d
    return best
