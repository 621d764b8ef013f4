"""Town and city labels for the offline map, shown by zoom level like a printed map.

Without tiles (offline) the map is the region outlines only; zoomed to a day it would be
an empty area. The gazetteer's towns give it names: the big cities from afar, smaller
towns as the user zooms in (`minZoom` per feature; planner.js shows what the zoom allows).
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.maps.layers import GeoJSON, collection

# (population at least, shown from zoom): cities from the region view, villages up close.
ZOOM_BY_POPULATION: tuple[tuple[int, int], ...] = (
    (1_000_000, 5),
    (300_000, 7),
    (100_000, 8),
    (40_000, 9),
    (15_000, 10),
    (5_000, 11),
    (2_000, 12),
    (0, 13),
)


def min_zoom(population: int) -> int:
    return next(zoom for floor, zoom in ZOOM_BY_POPULATION if population >= floor)


def places_layer(places: Iterable[tuple[str, float, float, int]]) -> GeoJSON:
    """(name, lat, lon, population) rows as labelled points with the zoom they appear at."""
    return collection(
        [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": {
                    "name": name,
                    "population": population,
                    "minZoom": min_zoom(population),
                },
            }
            for name, lat, lon, population in places
        ]
    )
