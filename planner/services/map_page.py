"""Use case: the app's map page — written to disk once, then fed layers through its
JavaScript API (`planner.services.session.SessionModel.map_data` gives them).

The page builders import folium (about a second): they load when a page is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from planner.domain.geo import GeoPoint
from planner.io.geocoding.gazetteer import Gazetteer
from planner.maps.assets import page_assets
from planner.maps.palette import DAY_COLORS
from planner.maps.places import places_layer

__all__ = ["DAY_COLORS", "check_map_assets", "places_json", "write_app_page"]

PLACES_MARGIN_DEG = 0.3  # towns just outside the accounts' area still frame the map


def write_app_page(path: Path, locale: str | None = None) -> Path:
    """The app's page at `path`: assets linked from the maps/ folder, no data yet."""
    from planner.maps.page import MapOptions, write_page

    return write_page(path, None, MapOptions(locale=locale))


def check_map_assets() -> str:
    """Which vendored assets the page uses, in a few words; raises `MissingAssets`
    (naming what is missing) unless they are all there."""
    assets = page_assets()
    return f"{len(assets)} files under {assets[0].path.parents[2]}"


def places_json(points: Sequence[GeoPoint], gazetteer: Gazetteer | None = None) -> str:
    """The towns around `points` (the accounts) as the map's label layer, JSON."""
    if not points:
        return json.dumps(places_layer([]))
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    m = PLACES_MARGIN_DEG
    box = (min(lats) - m, min(lons) - m, max(lats) + m, max(lons) + m)
    rows = (gazetteer or Gazetteer()).places_within(box)
    return json.dumps(places_layer(rows), ensure_ascii=False, separators=(",", ":"))
