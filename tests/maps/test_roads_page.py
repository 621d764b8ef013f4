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


def test_a_partial_area_asks_for_the_streets_of_the_view_when_zoomed_in(
    browser: Browser, offline_page: Path
) -> None:
    """A big region sends its major roads only ("partial"): zoomed in to street level,
    the page asks for the view's streets and draws them with the area's roads."""
    browser.open(offline_page)
    browser.js(
        "window.asked = []; document.addEventListener('planner:roads-wanted',"
        " e => window.asked.push(JSON.parse(e.detail.box)))"
    )
    browser.js("void planner.map.setView([44.49, 11.34], 8, {animate: false})")
    area = roads_layer([LINES[0]], partial=True)
    browser.js(f"planner.setRoads({json.dumps(json.dumps(area))})")
    assert browser.js("window.asked.length") == 0  # main roads (the first left out) show from 9
    browser.js("void planner.map.setView([44.491, 11.342], 14, {animate: false})")
    (box,) = browser.js("window.asked")  # type: ignore[misc]
    south, west, north, east = box
    assert south < 44.491 < north and west < 11.342 < east
    assert browser.js("planner.stats().roads") == 1
    detail = roads_layer(LINES[:2])  # the view's roads: the motorway again and a street
    browser.js(f"planner.setRoadDetail({json.dumps(json.dumps(detail))})")
    assert browser.js("planner.stats().roads") == 2  # the street joins, the motorway once
    browser.js("void planner.map.panBy([30, 0], {animate: false})")
    assert browser.js("window.asked.length") == 1  # a small pan stays inside what was asked
