"""Roads of the offline map: the region's road lines (`planner.io.regions.road_lines`)
as the compact table `planner.setRoads` draws, each class from the zoom it is useful at.

Roads are greys of different weights, so they never read as a day's coloured route nor
as a territory's dashed edge; the motorways show from the region view, streets only
when zoomed to a town.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.io.regions.road_lines import ROAD_CLASSES, Line

# By class name: (shown from zoom, colour, line weight in px).
ROAD_STYLE: dict[str, tuple[int, str, float]] = {
    "motorway": (7, "#6f6760", 3.2),
    "primary": (9, "#857d75", 2.6),
    "secondary": (10, "#9a928a", 2.0),
    "tertiary": (11, "#aaa39b", 1.5),
    "minor": (13, "#bdb6ae", 1.0),
}


def roads_layer(lines: Iterable[Line], partial: bool = False) -> dict[str, Any]:
    """{"type": "RoadLines", "classes": [...], "lines": [[class, [lon, lat, ...]]],
    "partial": whether minor classes were left out}."""
    classes = []
    for name, _values, _tolerance in ROAD_CLASSES:
        zoom, color, weight = ROAD_STYLE[name]
        classes.append({"name": name, "minZoom": zoom, "color": color, "weight": weight})
    return {
        "type": "RoadLines",
        "classes": classes,
        "partial": partial,
        "lines": [[cls, [round(v, 5) for v in coords]] for cls, coords in lines],
    }
