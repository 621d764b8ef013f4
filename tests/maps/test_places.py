"""Town labels for the offline map: by population, shown from their zoom level on."""

from __future__ import annotations

import json
from pathlib import Path

from planner.domain.geo import GeoPoint
from planner.maps.places import min_zoom, places_layer
from planner.services.map_places import places_json
from tests.maps.conftest import Browser, FakeGazetteer

TOWNS = [
    ("Bologna", 44.49381, 11.33875, 394_843),
    ("Imola", 44.35227, 11.71582, 69_116),
    ("Castenaso", 44.50973, 11.47052, 13_000),
    ("Ponticella", 44.43, 11.38, 1_500),
]


def test_cities_show_from_afar_villages_up_close() -> None:
    assert [min_zoom(p) for *_, p in TOWNS] == [7, 9, 11, 13]
    layer = places_layer(TOWNS)
    first = layer["features"][0]
    assert first["geometry"]["coordinates"] == [11.33875, 44.49381]
    assert first["properties"] == {"name": "Bologna", "population": 394_843, "minZoom": 7}


def test_places_come_from_the_accounts_area() -> None:
    gazetteer = FakeGazetteer(TOWNS)
    text = places_json([GeoPoint(44.4, 11.3), GeoPoint(44.6, 11.6)], gazetteer=gazetteer)  # type: ignore[arg-type]
    assert len(json.loads(text)["features"]) == 4
    south, west, north, east = gazetteer.asked[0]
    assert south < 44.4 and north > 44.6 and west < 11.3 and east > 11.6
    assert json.loads(places_json([], gazetteer=gazetteer))["features"] == []  # type: ignore[arg-type]


def test_the_page_draws_labels_by_zoom_as_text(browser: Browser, offline_page: Path) -> None:
    browser.open(offline_page)
    evil = [("<img src=x onerror=window.pwned=1>", 44.45, 11.4, 2_000_000)]
    browser.js(f"planner.setPlaces({json.dumps(json.dumps(places_layer(TOWNS + evil)))})")
    browser.js("void planner.map.setView([44.47, 11.45], 8, {animate: false})")
    assert browser.js("planner.stats().places") == 2  # the city and Bologna, not the villages
    browser.js("void planner.map.setView([44.43, 11.38], 13, {animate: false})")
    assert browser.js("planner.stats().places") >= 2  # close up: the village and its neighbour
    names = browser.js("[...document.querySelectorAll('.planner-place')].map(e => e.textContent)")
    assert "Ponticella" in names and evil[0][0] in names  # shown as text, never as markup
    assert browser.js("typeof window.pwned") == "undefined"
