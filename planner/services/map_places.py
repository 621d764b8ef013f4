"""Use case: town and city labels for the offline map, around the accounts.

Read from the bundled gazetteer (GeoNames towns), each with the zoom it appears at
(`planner.maps.places`); the page draws them with `planner.setPlaces`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from planner.domain.geo import GeoPoint
from planner.io.geocoding.gazetteer import Gazetteer
from planner.maps.layers import GeoJSON
from planner.maps.places import places_layer

PLACES_MARGIN_DEG = 0.3  # towns just outside the accounts' area still frame the map


def places_json(
    points: Sequence[GeoPoint], towns: Iterable[str] = (), gazetteer: Gazetteer | None = None
) -> str:
    """The towns around `points` (the accounts) as the map's label layer, JSON, named
    as locally written (`towns`: the accounts' address towns; see `places_within`)."""
    layer = places_around(points, towns, gazetteer)
    return json.dumps(layer, ensure_ascii=False, separators=(",", ":"))


def places_around(
    points: Sequence[GeoPoint], towns: Iterable[str] = (), gazetteer: Gazetteer | None = None
) -> GeoJSON:
    """`places_json`'s layer, as data (a standalone page embeds it)."""
    if not points:
        return places_layer([])
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    m = PLACES_MARGIN_DEG
    box = (min(lats) - m, min(lons) - m, max(lats) + m, max(lons) + m)
    return places_layer((gazetteer or Gazetteer()).places_within(box, towns=towns))
