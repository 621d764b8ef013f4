from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.io.workspace import Workspace
from planner.travel import (
    GeodesicModel,
    GeodesicParams,
    TravelError,
    TravelSettings,
    load_settings,
    save_settings,
)
from planner.travel.osrm import OsrmModel
from planner.travel.roadgraph import RoadGraphModel


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # road graphs land here


def test_round_trip_and_validation() -> None:
    settings = TravelSettings(backend="osrm", osrm_url="http://127.0.0.1:5000",
                              geodesic=GeodesicParams(circuity_short=1.5))  # fmt: skip
    assert TravelSettings.from_dict(json.loads(json.dumps(settings.to_dict()))) == settings
    with pytest.raises(TravelError, match="unknown travel settings: colour"):
        TravelSettings.from_dict({"colour": "red"})
    with pytest.raises(TravelError, match="unknown travel backend"):
        TravelSettings(backend="teleport")
    with pytest.raises(TravelError, match=r"\.osm\.pbf"):
        TravelSettings(backend="osm")
    with pytest.raises(TravelError, match="circuity_short"):
        TravelSettings.from_dict({"geodesic": {"circuity_short": 9}})
    with pytest.raises(TravelError, match="unexpected keyword"):
        TravelSettings.from_dict({"geodesic": {"speed": 9}})


def test_build_each_backend(helsinki_pbf: Path, road_cache: Path) -> None:
    geo = TravelSettings(geodesic=GeodesicParams(speed_long_kmh=90)).build()
    assert isinstance(geo, GeodesicModel) and geo.params.speed_long_kmh == 90
    osm = TravelSettings(backend="osm", pbf=str(helsinki_pbf), junction_penalty_s=0).build(
        road_cache
    )
    assert isinstance(osm, RoadGraphModel) and "junction=0" in osm.cache_key()
    osrm = TravelSettings(backend="osrm", osrm_url="http://127.0.0.1:1", osrm_table_size=50).build()
    assert isinstance(osrm, OsrmModel) and osrm.max_table_size == 50


def test_workspace_keeps_the_settings(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        assert load_settings(ws) == TravelSettings()
        save_settings(ws, TravelSettings(geodesic=GeodesicParams(transition_km=12)))
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        assert load_settings(ws).geodesic.transition_km == 12


def test_cli_use_show_and_calibrate_save(
    helsinki_pbf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = ["-w", str(tmp_path / "w.sqlite"), "--create"]
    assert main(["travel", "show", *ws]) == 0
    assert json.loads(capsys.readouterr().out)["backend"] == "geodesic"
    assert main(["travel", "use", "osm", "--pbf", str(helsinki_pbf), *ws]) == 0
    assert main(["travel", "use", "geodesic", "--circuity-short", "1.45", *ws]) == 0
    capsys.readouterr()
    assert main(["travel", "show", *ws]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["backend"] == "geodesic" and shown["geodesic"]["circuity_short"] == 1.45
    assert shown["pbf"] == str(helsinki_pbf.resolve())
    cal = ["travel", "calibrate", "--pbf", str(helsinki_pbf), "--places", "30", "--save"]
    assert main([*cal, *ws]) == 0
    with Workspace.open(tmp_path / "w.sqlite") as w:
        saved = load_settings(w)
    assert saved.geodesic.circuity_short != 1.45 and saved.geodesic.speed_long_kmh == 80


def test_cli_use_rejects_bad_choices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Workspace.open(tmp_path / "w.sqlite").close()
    ws = ["-w", str(tmp_path / "w.sqlite")]
    assert main(["travel", "use", "osrm", *ws]) == 1
    assert "needs the address of an OSRM server" in capsys.readouterr().err
    assert main(["travel", "use", "osrm", "--url", "localhost:5000", *ws]) == 1
    assert "http(s)://" in capsys.readouterr().err
    assert main(["travel", "use", "osm", "--pbf", str(tmp_path / "none.pbf"), *ws]) == 1
    assert "not found" in capsys.readouterr().err
    assert main(["travel", "use", "geodesic", "--speed-long-kmh", "500", *ws]) == 1
    with Workspace.open(tmp_path / "w.sqlite") as w:
        assert load_settings(w) == TravelSettings()  # nothing half-saved


def test_cli_route_with_each_stored_model(
    helsinki_pbf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from decimal import Decimal

    from planner.domain.rep import Rep

    ws = ["-w", str(tmp_path / "w.sqlite")]
    with Workspace.open(tmp_path / "w.sqlite") as w:
        w.save_reps([Rep(name="Aino", currency="EUR", cost_per_km=Decimal("0.5"))])
    leg = ["travel", "route", "60.1660,24.9380", "60.1770,24.9500", "--json"]
    assert main([*leg, *ws]) == 0
    straight = json.loads(capsys.readouterr().out)
    assert straight["backend"] == "geodesic" and len(straight["geometry"]) == 2
    assert main(["travel", "use", "osm", "--pbf", str(helsinki_pbf), *ws]) == 0
    capsys.readouterr()
    assert main([*leg, "--rep", "Aino", *ws]) == 0
    road = json.loads(capsys.readouterr().out)
    assert road["backend"] == "osm" and len(road["geometry"]) > 5
    assert 1000 < road["distance_m"] < 3000
    assert main(leg[:4] + ws) == 0
    assert "km" in capsys.readouterr().out
    assert main([*leg, "--rep", "Nobody", *ws]) == 1
    with pytest.raises(SystemExit):
        main(["travel", "route", "north", "60,24", *ws])
