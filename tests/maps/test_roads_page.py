"""The page draws the region's roads by class and zoom, only where the view is."""

from __future__ import annotations

import json
from pathlib import Path

from planner.maps.roads import roads_layer
from tests.maps.conftest import Browser

# (class, [lon, lat, ...]): a motorway and a street near Bologna, a street far away.
LINES = [
    (0, [11.30, 44.45, 11.40, 44.50, 11.50, 44.52]),
    (4, [11.340, 44.490, 11.345, 44.492]),
    (4, [12.50, 41.90, 12.51, 41.91]),
]


def test_roads_appear_by_class_and_zoom_in_view_only(browser: Browser, offline_page: Path) -> None:
    browser.open(offline_page)
    assert browser.js("planner.stats().roads") == 0
    browser.js(f"planner.setRoads({json.dumps(json.dumps(roads_layer(LINES)))})")
    browser.js("void planner.map.setView([44.49, 11.34], 9, {animate: false})")
    assert browser.js("planner.stats().roads") == 1  # the motorway; streets wait for zoom 13
    browser.js("void planner.map.setView([44.49, 11.34], 14, {animate: false})")
    assert browser.js("planner.stats().roads") == 2  # and the street; never the far one
    # drawn on a canvas under the labels and the data, never clickable
    assert browser.js("!!document.querySelector('.leaflet-roads-pane canvas')") is True
    assert not browser.errors
