from __future__ import annotations

from planner.domain.geo import GeoPoint
from planner.travel import (
    GeodesicModel,
    GeodesicParams,
    InMemoryMatrixCache,
    MatrixCache,
    StoreMatrixCache,
    TravelMatrix,
    cached_matrix,
    matrix_key,
)
from planner.travel.model import TravelModel

POINTS = [GeoPoint(45.46, 9.19), GeoPoint(45.70, 9.68), GeoPoint(45.07, 7.69)]


class CountingModel(GeodesicModel):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def matrix(self, points, progress=None, cancel=None) -> TravelMatrix:  # type: ignore[no-untyped-def,override]
        self.calls += 1
        return super().matrix(points)


def test_key_changes_with_backend_params_and_places() -> None:
    base = matrix_key(GeodesicModel(), POINTS)
    assert base == matrix_key(GeodesicModel(), list(POINTS))
    assert base != matrix_key(GeodesicModel(GeodesicParams(speed_short_kmh=30)), POINTS)
    assert base != matrix_key(GeodesicModel(), POINTS[::-1])
    assert base != matrix_key(GeodesicModel(), [*POINTS[:2], GeoPoint(45.0701, 7.69)])
    # float noise below 0.1 m does not break the key
    assert base == matrix_key(GeodesicModel(), [*POINTS[:2], GeoPoint(45.07 + 1e-9, 7.69)])


def test_cached_matrix_computes_once() -> None:
    model = CountingModel()
    assert isinstance(model, TravelModel)
    cache = InMemoryMatrixCache()
    assert isinstance(cache, MatrixCache)
    first = cached_matrix(model, POINTS, cache)
    second = cached_matrix(model, POINTS, cache)
    assert model.calls == 1 and first == second
    cached_matrix(model, POINTS[:2], cache)
    assert model.calls == 2 and len(cache) == 2


def test_lru_bound() -> None:
    cache = InMemoryMatrixCache(max_entries=2)
    m = GeodesicModel().matrix(POINTS)
    cache.put("a", m)
    cache.put("b", m)
    assert cache.get("a") is m  # a is now most recent
    cache.put("c", m)
    assert cache.get("b") is None and cache.get("a") is m and cache.get("c") is m


def test_store_adapter_round_trips_through_the_workspace(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planner.io.workspace import Workspace

    model = CountingModel()
    with Workspace.open(tmp_path / "w.sqlite") as workspace:
        cache = StoreMatrixCache(workspace)
        assert isinstance(cache, MatrixCache)
        first = cached_matrix(model, POINTS, cache)
    with Workspace.open(tmp_path / "w.sqlite") as reopened:
        again = cached_matrix(model, POINTS, StoreMatrixCache(reopened))
    assert model.calls == 1 and again == first
