"""Use case: roads for the offline map, from the regions that cover the accounts.

A region built with its road lines (`territory-planner region add`) gives the map its
roads around the accounts; without a region the layer is empty and the map shows the
outlines and town labels only. The page draws what the view shows (`planner.setRoads`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from planner.domain.geo import GeoPoint
from planner.io.regions import RegionStore
from planner.io.regions.road_lines import ROAD_LINES_FILE, Line, read_road_lines
from planner.maps.roads import roads_layer

ROADS_MARGIN_DEG = 0.1  # roads just outside the accounts' area lead to them
MAX_POINTS = 300_000  # whole road classes beyond this are left out (about 4 MB of JSON)


def roads_json(
    points: Sequence[GeoPoint], store: RegionStore | None = None, margin: float = ROADS_MARGIN_DEG
) -> str:
    """The roads of every region crossing the box around `points`, as JSON; `partial`
    says a class was left out (over the budget: the page asks for its view's streets)."""
    return json.dumps(roads_around(points, store, margin), separators=(",", ":"))


def roads_around(
    points: Sequence[GeoPoint],
    store: RegionStore | None = None,
    margin: float = ROADS_MARGIN_DEG,
    max_points: int = MAX_POINTS,
) -> dict[str, Any]:
    """`roads_json`'s table, as data, within a budget of `max_points` (a standalone page
    embeds it, with a smaller budget: it cannot ask for the streets later)."""
    lines: list[Line] = []
    partial = False
    if points:
        m = margin
        box = (
            min(p.lat for p in points) - m,
            min(p.lon for p in points) - m,
            max(p.lat for p in points) + m,
            max(p.lon for p in points) + m,
        )
        store = store or RegionStore()
        for region in store.regions():
            path = store.folder(region) / ROAD_LINES_FILE
            if path.is_file() and _crosses(region.bbox, box):
                found = read_road_lines(path, box, max_points - sum(len(c) // 2 for _, c in lines))
                partial = partial or found.partial
                lines.extend(found)
    return roads_layer(lines, partial)


def _crosses(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
