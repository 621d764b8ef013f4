"""The exported page in headless Chromium, opened from disk with the network blocked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.domain import Account, Territory, WeekPlan
from planner.maps import (
    MapOptions,
    TileSource,
    build_map_data,
    write_page,
    write_standalone_page,
)
from planner.maps.sample import sample_accounts
from tests.maps.conftest import EVIL, Browser, values_of


@pytest.fixture
def page_file(
    tmp_path: Path, accounts: list[Account], plan: WeekPlan, territories: list[Territory]
) -> Path:
    return write_standalone_page(
        tmp_path / "week.html",
        accounts,
        plan,
        territories,
        values=values_of(accounts, plan),
        options=MapOptions(tiles=TileSource(url="https://tiles.invalid/{z}/{x}/{y}.png")),
    )


def test_page_draws_accounts_routes_and_layers(browser: Browser, page_file: Path) -> None:
    browser.open(page_file)
    assert browser.js("typeof L !== 'undefined' && L.version") == "1.9.4"
    stats = browser.js("planner.stats()")
    assert isinstance(stats, dict)
    # 22 located accounts: two on one town-level pin merge into one shared-pin badge
    assert stats["accounts"] == 22 and not stats["clustered"]
    assert stats["markers"] == 20 and stats["sharedPins"] == 1
    assert stats["legs"] == 7 and stats["stops"] == 5 and stats["remote"] == 1
    assert browser.js("document.querySelectorAll('path.planner-leg').length") == 7
    assert browser.js("document.querySelectorAll('.planner-stop-badge').length") == 5
    assert browser.js("document.querySelectorAll('path.planner-territory').length") == 2
    assert stats["days"] == ["Mon 30 Nov", "Tue 1 Dec"]
    # the only network traffic the page attempts is the optional tile layer
    assert browser.requests and all(
        u.startswith("https://tiles.invalid/") for u in browser.requests
    )
    assert not browser.errors


def test_planted_script_does_not_run_and_popup_shows_it_as_text(
    browser: Browser, page_file: Path
) -> None:
    browser.open(page_file)
    assert browser.js("planner.openPopup('id:A3')") is True
    browser.page.wait_for_selector(".leaflet-popup-content .planner-info-title")  # type: ignore[attr-defined]
    title = browser.js("document.querySelector('.planner-info-title').textContent")
    assert title == EVIL
    body = browser.js("document.querySelector('.leaflet-popup-content').textContent")
    assert isinstance(body, str) and "Deal amount: €4,000" in body and f"Stage: {EVIL}" in body
    assert "Visit value this week: " in body
    assert "Planned: Mon 30 Nov 10:00" in body and "Last visit: 1 Oct 2026" in body
    browser.js("planner.setColorBy('rep')")  # the legend lists the planted owner
    legend = browser.js("document.querySelector('.planner-legend').textContent")
    assert isinstance(legend, str) and EVIL in legend
    browser.js("planner.setColorBy('stage')")
    assert browser.js("typeof window.pwned") == "undefined"
    assert (
        browser.js("document.querySelectorAll('.leaflet-container img:not(.leaflet-tile)').length")
        == 0
    )
    assert browser.js("document.querySelectorAll('.leaflet-container script').length") == 0


def test_click_reaches_the_bridge_hook_and_selection_styles(
    browser: Browser, page_file: Path
) -> None:
    browser.open(page_file)
    browser.js(
        "window.clicked = []; document.addEventListener('planner:click',"
        " e => window.clicked.push(e.detail.id))"
    )
    browser.js("planner.fitTo(['id:A1'])")  # centres the marker of an unplanned account
    browser.page.wait_for_timeout(500)  # type: ignore[attr-defined]  # clusters re-drawn at the new zoom
    box = browser.js("JSON.stringify(planner.map.getContainer().getBoundingClientRect())")
    rect = json.loads(str(box))
    browser.page.mouse.click(rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2)  # type: ignore[attr-defined]
    assert browser.js("window.clicked") == ["id:A1"]
    browser.js(
        "window.picked = null; document.addEventListener('planner:selection',"
        " e => window.picked = e.detail.ids)"
    )
    browser.page.keyboard.down("Shift")  # type: ignore[attr-defined]
    browser.page.mouse.click(rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2)  # type: ignore[attr-defined]
    browser.page.keyboard.up("Shift")  # type: ignore[attr-defined]
    assert browser.js("window.picked") == ["id:A1"] and browser.js("window.clicked") == ["id:A1"]
    browser.js("planner.select(['id:A0'])")
    assert (
        browser.js("document.querySelectorAll('path.planner-account[stroke-width=\"4\"]').length")
        == 1
    )


def test_updates_keep_zoom_and_pan_and_recolour(
    browser: Browser, page_file: Path, accounts: list[Account]
) -> None:
    browser.open(page_file)
    browser.js("void planner.map.setZoom(15, {animate: false})")  # close: fitTo keeps it
    browser.js("planner.fitTo(['id:A5'])")
    browser.page.wait_for_timeout(500)  # type: ignore[attr-defined]  # clusters re-drawn at the new zoom
    before = browser.js("JSON.stringify(planner.stats().center)")
    zoom = browser.js("planner.stats().zoom")
    fewer = build_map_data(accounts[:10], values=values_of(accounts)).layer_json("accounts")
    browser.page.evaluate("json => planner.setAccounts(json)", fewer)  # type: ignore[attr-defined]
    assert browser.js("planner.stats().accounts") == 10
    assert browser.js("planner.stats().zoom") == zoom
    assert browser.js("JSON.stringify(planner.stats().center)") == before
    fills = (
        "new Set([...document.querySelectorAll('path.planner-account')]"
        ".map(p => p.getAttribute('fill'))).size"
    )
    browser.js("planner.setColorBy('stage')")
    assert browser.js(fills) == 2  # Prospect / Proposal
    assert browser.js("document.querySelector('.planner-colorby').value") == "stage"


def test_many_accounts_are_clustered(browser: Browser, tmp_path: Path) -> None:
    many = sample_accounts(1500)
    out = write_standalone_page(
        tmp_path / "many.html", many, values=values_of(many), options=MapOptions(tiles=None)
    )
    browser.open(out)
    stats = browser.js("planner.stats()")
    assert isinstance(stats, dict)
    assert stats["clustered"] and stats["accounts"] == 1500
    assert 0 < stats["clusters"] < 200 and stats["markers"] < 1500
    assert browser.requests == [] and not browser.errors


def test_app_page_links_assets_and_takes_layers_as_json_strings(
    browser: Browser,
    tmp_path: Path,
    accounts: list[Account],
    plan: WeekPlan,
    territories: list[Territory],
) -> None:
    out = write_page(tmp_path / "app.html", options=MapOptions(tiles=None))
    browser.open(out)
    assert browser.js("planner.stats().accounts") == 0
    data = build_map_data(accounts, plan, territories, values=values_of(accounts, plan))
    for layer, setter in (
        ("territories", "setTerritories"),
        ("accounts", "setAccounts"),
        ("routes", "setRoutes"),
        ("remote", "setRemote"),
    ):
        browser.page.evaluate(f"json => planner.{setter}(json)", data.layer_json(layer))  # type: ignore[attr-defined]
    stats = browser.js("planner.stats()")
    assert isinstance(stats, dict)
    assert stats["accounts"] == 22 and stats["legs"] == 7 and stats["remoteDrawn"] == 1
    legend = browser.js("document.querySelector('.planner-legend').textContent")
    assert isinstance(legend, str) and "Mon 30 Nov" in legend and "Remote (phone/video)" in legend
    assert browser.requests == [] and not browser.errors


def test_the_legend_is_folded_until_asked_and_fits_keep_data_clear_of_it(
    browser: Browser, page_file: Path
) -> None:
    browser.open(page_file)
    size = "(b => [b.offsetWidth, b.offsetHeight])(document.querySelector('.planner-legend'))"
    width, height = browser.js(size)  # type: ignore[misc]
    assert browser.js("planner.stats().legendFolded") is True
    assert width < 260 and height < 40  # one line: fold button, colour-by, swatches
    browser.js("document.querySelector('.planner-legend-fold').click()")
    assert browser.js("planner.stats().legendFolded") is False
    assert browser.js(size)[1] > height  # type: ignore[index]
    # a day fitted with the legend open: no stop under the legend's box
    browser.js("planner.fitDay('Mon 30 Nov')")
    covered = browser.js(
        "(() => { const r = document.querySelector('.planner-legend').getBoundingClientRect();"
        " return [...document.querySelectorAll('.planner-stop-badge')].filter(s => {"
        " const b = s.getBoundingClientRect(); return b.right > r.left && b.left < r.right &&"
        " b.bottom > r.top && b.top < r.bottom; }).length; })()"
    )
    assert covered == 0


def test_zooming_to_a_planned_account_centres_it_at_town_zoom(
    browser: Browser, page_file: Path, accounts: list[Account]
) -> None:
    """Its marker and its stop are one spot: centred at zoom 13 (towns in view), not
    fitted as two points at the closest zoom."""
    browser.open(page_file)
    browser.js("void planner.map.setZoom(8, {animate: false})")
    assert browser.js(f"planner.fitTo({json.dumps([accounts[0].key])})") is True
    assert browser.js("planner.stats().zoom") == 13
    centre = browser.js("JSON.stringify(planner.stats().center)")
    lat, lon = json.loads(str(centre)).values()
    assert accounts[0].location is not None
    assert abs(lat - accounts[0].location.lat) < 1e-6 and abs(lon - accounts[0].location.lon) < 1e-6


def test_patches_redraw_only_changed_days_and_remote_accounts(
    browser: Browser,
    tmp_path: Path,
    accounts: list[Account],
    plan: WeekPlan,
) -> None:
    """What PageUpdates sends after a plan edit (patchRoutes, patchRemote) leaves the
    page as a fresh load of the edited plan would: same days in date order, legs, stops
    and remote accounts; the untouched days keep their very layers."""
    from dataclasses import replace

    from planner.services.map_page import PageUpdates

    out = write_page(tmp_path / "app.html", options=MapOptions(tiles=None))
    browser.open(out)
    updates = PageUpdates()

    def push(week: WeekPlan) -> list[str]:
        data = build_map_data(accounts, week, values=values_of(accounts, week))
        calls = updates.calls(data)
        for function, argument in calls:
            browser.page.evaluate(  # type: ignore[attr-defined]
                "([f, a]) => planner[f](a)", [function, argument]
            )
        return [function for function, _ in calls]

    push(plan)
    day = plan.days[0]
    legs = (*day.legs[:-2], day.legs[-1])
    edited = replace(
        plan,
        days=(replace(day, visits=day.visits[:-1], legs=legs), *plan.days[1:]),
        remote=plan.remote[1:],
    )
    assert set(push(edited)) <= {"patchRoutes", "patchRemote", "patchAccounts"}
    patched = browser.js("planner.stats()")
    legend = browser.js("document.querySelector('.planner-legend').textContent")
    control = browser.js(
        "[...document.querySelectorAll('.leaflet-control-layers-overlays span')]"
        ".map(s => s.textContent.trim()).join('|')"
    )
    browser.open(out)
    fresh_updates = PageUpdates()
    data = build_map_data(accounts, edited, values=values_of(accounts, edited))
    for function, argument in fresh_updates.calls(data):
        browser.page.evaluate("([f, a]) => planner[f](a)", [function, argument])  # type: ignore[attr-defined]
    fresh = browser.js("planner.stats()")
    assert isinstance(patched, dict) and isinstance(fresh, dict)
    for key in ("days", "legs", "stops", "remote", "accounts"):
        assert patched[key] == fresh[key], key
    assert legend == browser.js("document.querySelector('.planner-legend').textContent")
    assert control == browser.js(
        "[...document.querySelectorAll('.leaflet-control-layers-overlays span')]"
        ".map(s => s.textContent.trim()).join('|')"
    )
    assert not browser.errors


def test_a_patch_updates_points_that_stayed_in_place(
    browser: Browser,
    tmp_path: Path,
    accounts: list[Account],
    plan: WeekPlan,
) -> None:
    """After an edit most remote accounts only get a new reason, and accounts a new value:
    their markers stay (no redraw), and their popups show the new text, as text."""
    from dataclasses import replace

    from planner.services.map_page import PageUpdates

    out = write_page(tmp_path / "app.html", options=MapOptions(tiles=None))
    browser.open(out)
    updates = PageUpdates()

    def push(week: WeekPlan, shown: list[Account]) -> list[str]:
        data = build_map_data(shown, week, values=values_of(shown, week))
        calls = updates.calls(data)
        for function, argument in calls:
            browser.page.evaluate("([f, a]) => planner[f](a)", [function, argument])  # type: ignore[attr-defined]
        return [function for function, _ in calls]

    push(plan, accounts)
    drawn = browser.js("planner.stats().accounts")
    remote = plan.remote[0]
    moved = next(a for a in reversed(accounts) if a.location is not None)
    browser.js(
        "window.before = {remote: planner.core.remote.getLayers().find("
        f"m => m.plannerId === {json.dumps(remote.account_key)}),"
        f" moved: planner.core.accounts.markers[{json.dumps(moved.key)}]}}; 1"
    )
    new_reason = "day full <b>on Monday</b>"
    assert moved.location is not None
    elsewhere = replace(moved.location, lat=moved.location.lat + 0.01)
    shown = [replace(a, location=elsewhere) if a is moved else a for a in accounts]
    edited = replace(plan, remote=(replace(remote, reason=new_reason), *plan.remote[1:]))
    push(edited, shown)
    popup = browser.js(
        "(() => { var m = planner.core.remote.getLayers().find("
        f"m => m.plannerId === {json.dumps(remote.account_key)});"
        " m.openPopup(); var text = m.getPopup().getElement().textContent;"
        " m.closePopup(); return [m === window.before.remote, text]; })()"
    )
    assert isinstance(popup, list) and popup[0] is True  # the same marker...
    assert new_reason in str(popup[1])  # ...with the new reason
    assert browser.js("document.querySelector('.leaflet-popup b') === null")
    marker = browser.js(
        f"(() => {{ var m = planner.core.accounts.markers[{json.dumps(moved.key)}];"
        " return [m === window.before.moved, m.getLatLng().lat]; })()"
    )
    assert marker == [False, pytest.approx(elsewhere.lat)]  # a moved point is made again
    assert browser.js("planner.stats().accounts") == drawn
    assert not browser.errors
