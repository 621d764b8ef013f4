from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain.geo import GeoPoint
from planner.travel import GeodesicModel, GeodesicParams, TravelError
from planner.travel.calibrate import ALL_PARAMS, SHORT_ONLY, calibrate
from planner.travel.roadgraph import RoadGraphModel
from tests.travel.conftest import random_points


def test_recovers_known_parameters_when_pairs_are_long() -> None:
    truth = GeodesicParams(
        circuity_short=1.5, circuity_long=1.15, speed_short_kmh=30, speed_long_kmh=95,
        transition_km=15,
    )  # fmt: skip
    places = random_points(60, (44.0, 8.0, 46.0, 12.0), seed=4)  # up to ~350 km apart
    report = calibrate(GeodesicModel(truth), places)
    assert report.fitted == ALL_PARAMS
    assert report.before.duration_median_pct > 5
    assert report.after.duration_median_pct < 0.5
    assert report.after.distance_median_pct < 0.5
    assert report.suggested.circuity_long == pytest.approx(1.15, abs=0.02)
    assert report.suggested.speed_long_kmh == pytest.approx(95, rel=0.03)


def test_city_extract_fits_short_hop_parameters(helsinki_pbf: Path, road_cache: Path) -> None:
    road = RoadGraphModel.from_pbf(helsinki_pbf, cache_dir=road_cache)
    report = calibrate(road, road.sample_places(60, seed=1))
    assert report.fitted == SHORT_ONLY
    assert report.max_straight_km < 3
    assert report.suggested.speed_long_kmh == report.current.speed_long_kmh
    assert report.after.duration_median_pct <= report.before.duration_median_pct + 0.5
    assert report.pairs > 2000


def test_too_few_pairs_is_a_clear_error() -> None:
    near = [GeoPoint(45.0, 9.0), GeoPoint(45.0001, 9.0), GeoPoint(45.0, 9.0001)]
    with pytest.raises(TravelError, match="calibration needs"):
        calibrate(GeodesicModel(), near)


def test_cli_calibrate(
    helsinki_pbf: Path, road_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["travel", "calibrate", "--pbf", str(helsinki_pbf), "--places", "40"]
    assert main([*args, "--cache-dir", str(road_cache)]) == 0
    out = capsys.readouterr().out
    assert "suggested" in out and "circuity_short" in out and "kept" in out
    assert main([*args, "--cache-dir", str(road_cache), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pairs"] > 500 and set(data["fitted"]) == set(SHORT_ONLY)


def test_cli_missing_extract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["travel", "calibrate", "--pbf", str(tmp_path / "none.pbf")]) == 1
    assert "road extract not found" in capsys.readouterr().err
