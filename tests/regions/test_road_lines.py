"""Roads for the offline map: built with the region, read back by box and class."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from planner.domain.geo import GeoPoint
from planner.io.regions import RegionStore
from planner.io.regions.road_lines import ROAD_CLASSES, ROAD_LINES_FILE, read_road_lines
from planner.services.map_roads import roads_json

MONACO = [GeoPoint(43.7384, 7.4246), GeoPoint(43.7311, 7.4197)]


def _road_file(store: RegionStore) -> Path:
    (region,) = store.regions()
    return store.folder(region) / ROAD_LINES_FILE


def test_the_region_build_writes_a_small_road_file(monaco_store: RegionStore) -> None:
    path = _road_file(monaco_store)
    assert path.is_file() and path.stat().st_size < 400_000  # Monaco: ~180 KB
    lines = read_road_lines(path, (43.72, 7.40, 43.76, 7.44))
    by_class = Counter(ROAD_CLASSES[cls][0] for cls, _ in lines)
    assert by_class["primary"] > 50 and by_class["minor"] > 100
    for _cls, coords in lines:
        lons, lats = coords[0::2], coords[1::2]
        assert len(coords) >= 4 and len(lons) == len(lats)
        assert all(7.3 < lon < 7.6 for lon in lons) and all(43.6 < lat < 43.8 for lat in lats)


def test_a_tight_budget_keeps_whole_major_classes_only(monaco_store: RegionStore) -> None:
    path = _road_file(monaco_store)
    every = read_road_lines(path, (43.72, 7.40, 43.76, 7.44))
    points: Counter[int] = Counter()
    for cls, coords in every:
        points[cls] += len(coords) // 2
    budget = points[0] + points[1] + 1
    some = read_road_lines(path, (43.72, 7.40, 43.76, 7.44), max_points=budget)
    assert {cls for cls, _ in some} == {0, 1}
    assert len(some) == sum(1 for cls, _ in every if cls in (0, 1))
    assert read_road_lines(path, (10.0, 10.0, 10.1, 10.1)) == []  # nothing there


def test_the_map_gets_the_roads_around_the_accounts(monaco_store: RegionStore) -> None:
    layer = json.loads(roads_json(MONACO, monaco_store))
    assert layer["type"] == "RoadLines" and layer["classes"][0]["name"] == "motorway"
    assert len(layer["lines"]) > 300
    far = json.loads(roads_json([GeoPoint(44.49, 11.34)], monaco_store))  # Bologna
    assert far["lines"] == []
    assert json.loads(roads_json([], monaco_store))["lines"] == []


def test_no_region_no_roads(tmp_path: Path) -> None:
    assert json.loads(roads_json(MONACO, RegionStore(tmp_path)))["lines"] == []


def test_over_budget_the_layer_says_it_is_partial(monaco_store: RegionStore) -> None:
    path = _road_file(monaco_store)
    assert not read_road_lines(path, (43.72, 7.40, 43.76, 7.44)).partial
    assert read_road_lines(path, (43.72, 7.40, 43.76, 7.44), max_points=100).partial
    assert json.loads(roads_json(MONACO, monaco_store))["partial"] is False
