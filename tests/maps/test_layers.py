"""GeoJSON layers and page text, without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from planner.domain import Account, Rep, Territory, WeekPlan
from planner.domain.formats import Formats
from planner.maps import DAY_COLORS, MapOptions, build_map_data, page_html
from planner.maps.assets import MissingAssets, page_assets
from planner.maps.data import point_table
from planner.maps.layers import accounts_layer
from planner.maps.page import json_for_html
from planner.services.valuation import week_valuation
from tests.maps.conftest import EVIL, values_of


def _by_id(layer: dict) -> dict[str, dict]:
    return {f["id"]: f for f in layer["features"]}


def test_accounts_layer_skips_unlocated_and_marks_shared_pins(accounts: list[Account]) -> None:
    layer = accounts_layer(accounts, values=values_of(accounts))
    feats = _by_id(layer)
    assert len(feats) == len(accounts) - 1 and "id:A22" not in feats
    assert feats["id:A20"]["properties"]["shared"] == 2
    assert feats["id:A20"]["properties"]["coarse"] is True
    assert feats["id:A1"]["properties"]["shared"] == 1
    assert feats["id:A1"]["geometry"]["coordinates"] == [11.03, 44.42]


def test_account_properties_are_display_text(accounts: list[Account]) -> None:
    values = values_of(accounts)
    props = _by_id(accounts_layer(accounts, values=values))["id:A4"]["properties"]
    assert props["deal_amount"] == "€5,000"  # the CRM's amount, named as such
    assert props["visit_value"] == Formats().money(values["id:A4"].visit_value)
    assert "value" not in props  # no key that means one thing here and another elsewhere
    assert props["stage"] == "Prospect"
    assert props["last_visit"] == "1 Oct 2026"
    assert props["rep"] == "Rep One"


def test_radius_grows_with_this_weeks_visit_value(accounts: list[Account]) -> None:
    values = values_of(accounts)
    feats = _by_id(accounts_layer(accounts, values=values))
    keys = sorted(feats, key=lambda k: values[k].visit_value.cents)
    radii = [feats[k]["properties"]["radius"] for k in keys]
    assert radii == sorted(radii) and radii[0] < radii[-1]


def test_map_colours_are_the_valuations_bands(accounts: list[Account], plan: WeekPlan) -> None:
    # One formula: the map's priority is the band of this week's visit value, the one the
    # app's table shows, not a rank of expected value of its own.
    valuation = week_valuation(accounts, plan.week_start, plan)
    data = build_map_data(accounts, plan, values=valuation.week_values())
    for key, feature in _by_id(data.accounts or {}).items():
        assert feature["properties"]["priority"] == valuation.bands[key]
    stops = [f for f in (data.routes or {})["features"] if f["properties"]["kind"] == "stop"]
    assert all("visit_value" in s["properties"] and "value" not in s["properties"] for s in stops)


def test_routes_layer_days_stops_and_legs(accounts: list[Account], plan: WeekPlan) -> None:
    data = build_map_data(accounts, plan, values=values_of(accounts, plan))
    assert data.routes is not None
    feats = data.routes["features"]
    legs = [f for f in feats if f["properties"]["kind"] == "leg"]
    stops = [f for f in feats if f["properties"]["kind"] == "stop"]
    assert len(legs) == 4 + 3 and len(stops) == 5
    assert [s["properties"]["seq"] for s in stops] == [1, 2, 3, 1, 2]
    monday = stops[0]["properties"]
    assert monday["day_label"] == "Mon 30 Nov" and monday["color"] == DAY_COLORS[0]
    assert monday["time"] == "09:00–09:45"
    road = next(leg for leg in legs if leg["properties"]["day"] == "2026-12-01")
    assert road["geometry"]["coordinates"] == [[11.34, 44.49], [11.3, 44.6], [11.24, 44.56]]


def test_remote_layer_and_planned_labels(accounts: list[Account], plan: WeekPlan) -> None:
    data = build_map_data(accounts, plan, values=values_of(accounts, plan))
    assert data.remote is not None
    assert [f["properties"]["id"] for f in data.remote["features"]] == ["id:A12"]
    planned = _by_id(data.accounts or {})["id:A3"]["properties"]["planned"]
    assert planned == "Mon 30 Nov 10:00"


def _inside(point: list[float], ring: list[list[float]]) -> bool:
    return bool(shapely.Polygon(ring).contains(shapely.Point(point)))


def test_territory_hulls_contain_their_accounts(
    accounts: list[Account], territories: list[Territory]
) -> None:
    reps = [Rep("Rep One", home=accounts[0].location), Rep("Rep Two")]
    data = build_map_data(accounts, territories=territories, values=values_of(accounts), reps=reps)
    assert data.territories is not None
    polys = [f for f in data.territories["features"] if f["geometry"]["type"] == "Polygon"]
    homes = [f for f in data.territories["features"] if f["geometry"]["type"] == "Point"]
    assert len(polys) == 2 and len(homes) == 1
    by_key = {a.key: a for a in accounts}
    for poly, terr in zip(polys, territories, strict=True):
        ring = poly["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1]
        for key in terr.account_keys:
            loc = by_key[key].location
            if loc is not None:
                assert _inside([loc.lon, loc.lat], ring), key
    assert polys[0]["properties"]["color"] == data.palettes["rep"]["colors"]["Rep One"]


def test_single_account_territory_still_gets_an_area(accounts: list[Account]) -> None:
    terr = [Territory("Solo", "Rep One", frozenset({accounts[0].key}))]
    data = build_map_data(accounts, territories=terr, values=values_of(accounts))
    assert data.territories is not None
    assert len(data.territories["features"][0]["geometry"]["coordinates"][0]) >= 4


def test_point_table_round_trips_properties(accounts: list[Account]) -> None:
    layer = accounts_layer(accounts, values=values_of(accounts))
    table = point_table(layer)
    first, row = layer["features"][0], table["rows"][0]
    assert row[:3] == [*first["geometry"]["coordinates"], first["id"]]
    assert dict(zip(table["columns"], row[3:], strict=True)) == first["properties"]


def test_json_for_html_cannot_close_the_script() -> None:
    text = json_for_html({"name": "</script><script>alert(1)</script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_page_links_only_local_assets_and_escapes_names(accounts: list[Account]) -> None:
    html = page_html(build_map_data(accounts, values=values_of(accounts)), MapOptions(tiles=None))
    tags = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert tags and all(url.startswith("file://") for url in tags)
    assert "<script>window.pwned" not in html
    # the name arrives whole: markup escaped, template braces not evaluated by Jinja
    assert json_for_html(EVIL)[1:-1] in html and "{{ 7*7 }}" in EVIL


def test_standalone_page_inlines_everything(tmp_path: Path, accounts: list[Account]) -> None:
    from planner.maps import write_standalone_page

    out = write_standalone_page(tmp_path / "map.html", accounts, values=values_of(accounts))
    html = out.read_text(encoding="utf-8")
    assert not re.findall(r"<(?:script|link)[^>]*(?:src|href)=", html)
    assert "url(images/" not in html and "data:image/png;base64," in html


def test_missing_assets_say_how_to_fetch_them(tmp_path: Path) -> None:
    with pytest.raises(MissingAssets, match=r"fetch_assets\.py"):
        page_assets(tmp_path)


def test_week_labels_are_weekday_date(accounts: list[Account], plan: WeekPlan) -> None:
    data = build_map_data(accounts, plan, values=values_of(accounts, plan))
    assert data.routes is not None
    labels = {f["properties"]["day_label"] for f in data.routes["features"]}
    assert labels == {"Mon 30 Nov", "Tue 1 Dec"}


@given(st.text())
def test_json_for_html_round_trips_any_text(text: str) -> None:
    encoded = json_for_html({"name": text})
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == {"name": text}
