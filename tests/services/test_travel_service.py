"""A workspace's travel model: its settings, and matrices cached in the workspace."""

from __future__ import annotations

from pathlib import Path

from planner.domain import GeoPoint
from planner.io.workspace import Workspace
from planner.services.travel import workspace_travel_model
from planner.travel.geodesic import GeodesicModel

POINTS = [GeoPoint(44.49, 11.34), GeoPoint(44.65, 10.93), GeoPoint(44.35, 11.71)]


def test_matrices_match_the_model_and_are_cached_in_the_workspace(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.tpw") as ws:
        model = workspace_travel_model(ws)
        first = model.matrix(POINTS)
        expected = GeodesicModel().matrix(POINTS)
        assert (first.distance_m == expected.distance_m).all()
        assert model.cache_key() == GeodesicModel().cache_key()
    with Workspace.open(tmp_path / "w.tpw") as ws:  # a later session reads it back
        again = workspace_travel_model(ws)
        assert (again.matrix(POINTS).duration_s == expected.duration_s).all()
        assert again.memo.last_computed_pairs == 0  # type: ignore[attr-defined]
