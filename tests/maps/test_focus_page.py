"""The page opens on its focus (the rep's week), not on every account it draws, and
re-frames only when the focus is another rep's or week's."""

from __future__ import annotations

import json
from pathlib import Path

from planner.domain import Account, GeoPoint, WeekPlan
from planner.maps import MapOptions, build_map_data, write_page, write_standalone_page
from planner.maps.focus import Focus, week_focus
from tests.maps.conftest import Browser, account, values_of

# stores of the same workspace on every continent
WORLD = [(-33.87, 151.21), (35.68, 139.69), (-12.05, -77.04), (59.91, 10.75), (40.71, -74.0)]


def _view(browser: Browser) -> tuple[int, float, float, list[float]]:
    """(zoom, centre lat, centre lon, [south, west, north, east] of the view)."""
    found = browser.js(
        "(m => [m.getZoom(), m.getCenter().lat, m.getCenter().lng, m.getBounds().getSouth(),"
        " m.getBounds().getWest(), m.getBounds().getNorth(), m.getBounds().getEast()])"
        "(planner.map)"
    )
    assert isinstance(found, list)
    return int(found[0]), found[1], found[2], found[3:]


def _shows(view: list[float], focus: Focus) -> bool:
    assert focus.box is not None
    south, west, north, east = focus.box
    return view[0] <= south <= north <= view[2] and view[1] <= west <= east <= view[3]


def test_the_app_page_frames_the_focus_once_per_rep_and_week(
    browser: Browser, tmp_path: Path, accounts: list[Account]
) -> None:
    every = accounts + [account(100 + i, la, lo) for i, (la, lo) in enumerate(WORLD)]
    page = write_page(tmp_path / "app.html", options=MapOptions(tiles=None))
    browser.open(page)
    week = Focus("week Rep One 2026-11-30", lambda: [GeoPoint(44.4, 11.0), GeoPoint(44.5, 11.3)])
    browser.js(f"planner.setFocus({json.dumps(week.to_dict())})")  # first, as the app sends it
    data = build_map_data(every, values=values_of(every)).layer_json("accounts")
    browser.page.evaluate("json => planner.setAccounts(json)", data)  # type: ignore[attr-defined]
    zoom, _, _, box = _view(browser)
    assert zoom >= 9 and _shows(box, week)  # the week, not the world
    browser.js("void planner.map.setView([44.45, 11.6], 12, {animate: false})")  # the user moves
    assert browser.js(f"planner.setFocus({json.dumps(week.to_dict())})") is False  # an edit
    assert _view(browser)[:3] == (12, 44.45, 11.6)
    marco = Focus("rep Marco", lambda: [GeoPoint(40.68, -73.94), GeoPoint(40.73, -73.79)])
    assert browser.js(f"planner.setFocus({json.dumps(marco.to_dict())})") is True  # another rep
    zoom, _, _, box = _view(browser)
    assert zoom >= 9 and _shows(box, marco)
    assert not browser.errors


def test_the_week_file_opens_on_the_week_unless_its_address_names_a_view(
    browser: Browser, tmp_path: Path, accounts: list[Account], plan: WeekPlan
) -> None:
    every = accounts + [account(100 + i, la, lo) for i, (la, lo) in enumerate(WORLD)]
    page = write_standalone_page(
        tmp_path / "week.html", every, plan, values=values_of(every, plan),
        options=MapOptions(tiles=None),
    )  # fmt: skip
    week = week_focus(plan, every)
    assert week is not None and week.key == "week Rep One 2026-11-30"
    browser.open(page)
    zoom, _, _, box = _view(browser)
    assert zoom >= 9 and _shows(box, week)
    browser.page.goto("about:blank")  # type: ignore[attr-defined]  # else only the hash changes
    browser.page.goto(page.as_uri() + "#map=5/40.7/-74.0")  # type: ignore[attr-defined]
    browser.page.wait_for_function("window.planner && planner.ready")  # type: ignore[attr-defined]
    assert _view(browser)[:3] == (5, 40.7, -74.0)
