from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from planner.domain.geo import GeoPoint
from planner.travel import GeodesicModel, InMemoryMatrixCache, MatrixMemo, TravelMatrix
from planner.travel.roadgraph import RoadGraphModel
from tests.travel.conftest import HELSINKI_BOX, random_points

LOMBARDY = (45.0, 8.6, 46.0, 10.5)


class SquareOnly:
    """A model without arrays_between: the memo must fall back to whole matrices."""

    name = "square"

    def __init__(self) -> None:
        self.inner = GeodesicModel()
        self.calls = 0

    def matrix(self, points: Sequence[GeoPoint], progress=None, cancel=None) -> TravelMatrix:  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.inner.matrix(points)

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> tuple[tuple[float, float], ...]:
        return self.inner.leg_geometry(a, b)

    def cache_key(self) -> str:
        return "square"


def test_adding_places_computes_only_their_rows_and_columns() -> None:
    model = GeodesicModel()
    memo = MatrixMemo(model)
    week1 = random_points(100, LOMBARDY, seed=1)
    assert memo.matrix(week1) == model.matrix(week1)
    assert memo.last_computed_pairs == 100 * 100
    week2 = [*week1[5:], *random_points(3, LOMBARDY, seed=2)]  # 5 dropped, 3 new
    assert memo.matrix(week2) == model.matrix(week2)
    assert memo.last_computed_pairs == 3 * 103 + 100 * 3
    shuffled = week2[::-1]
    assert memo.matrix(shuffled) == model.matrix(shuffled)
    assert memo.last_computed_pairs == 0


def test_duplicate_places_share_a_row() -> None:
    memo = MatrixMemo(GeodesicModel())
    a, b = random_points(2, LOMBARDY, seed=3)
    m = memo.matrix([a, b, a])
    assert m.size == 3 and m.leg(0, 2) == (0, 0) and m.leg(2, 1) == m.leg(0, 1)


def test_models_without_rectangles_get_whole_matrices() -> None:
    model = SquareOnly()
    memo = MatrixMemo(model)
    pts = random_points(10, LOMBARDY, seed=4)
    memo.matrix(pts[:8])
    assert memo.matrix(pts) == GeodesicModel().matrix(pts)
    assert model.calls == 2
    memo.matrix(pts[2:])
    assert model.calls == 2  # everything already known


def test_memory_bound_resets() -> None:
    memo = MatrixMemo(GeodesicModel(), max_places=12)
    pts = random_points(20, LOMBARDY, seed=5)
    memo.matrix(pts[:10])
    assert memo.matrix(pts[10:]) == GeodesicModel().matrix(pts[10:])
    assert memo.last_computed_pairs == 100


def test_cache_serves_exact_repeats_across_memos() -> None:
    cache = InMemoryMatrixCache()
    pts = random_points(10, LOMBARDY, seed=6)
    first = MatrixMemo(GeodesicModel(), cache).matrix(pts)
    later = MatrixMemo(GeodesicModel(), cache)
    assert later.matrix(pts) == first and later.last_computed_pairs == 0


def test_road_graph_increments_match_a_full_matrix(helsinki_pbf: Path, road_cache: Path) -> None:
    model = RoadGraphModel.from_pbf(helsinki_pbf, cache_dir=road_cache)
    memo = MatrixMemo(model)
    base = random_points(40, HELSINKI_BOX, seed=7)
    memo.matrix(base)
    more = [*base, *random_points(2, HELSINKI_BOX, seed=8)]
    got, want = memo.matrix(more), model.matrix(more)
    assert np.array_equal(got.duration_s, want.duration_s)
    # known → new columns come from a backward search: same routes, summed in another order
    assert np.abs(got.distance_m - want.distance_m).max() <= 1
    assert memo.last_computed_pairs == 2 * 42 + 40 * 2


@pytest.mark.parametrize("n_new", [1, 4])
def test_progress_reaches_the_end(n_new: int) -> None:
    fractions: list[float] = []

    class Rec:
        def report(self, fraction: float, message: str = "") -> None:
            fractions.append(fraction)

    memo = MatrixMemo(GeodesicModel())
    pts = random_points(10 + n_new, LOMBARDY, seed=9)
    memo.matrix(pts[:10])
    memo.matrix(pts, progress=Rec())
    assert fractions and fractions[-1] == 1.0


def test_threads_share_one_memo() -> None:
    from concurrent.futures import ThreadPoolExecutor

    memo = MatrixMemo(GeodesicModel())
    pts = random_points(60, LOMBARDY, seed=10)
    sets = [pts[i : i + 30] for i in range(0, 31, 3)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(memo.matrix, sets))
    for subset, got in zip(sets, results, strict=True):
        assert got == GeodesicModel().matrix(subset)


def test_places_all_in_memory_skip_the_cache() -> None:
    """A hand edit asks for the plan's places less one: picked from memory, the
    workspace's cache is neither read nor written."""
    cache = InMemoryMatrixCache()
    memo = MatrixMemo(GeodesicModel(), cache)
    pts = random_points(12, LOMBARDY, seed=7)
    memo.matrix(pts)
    stored = list(cache._entries)
    fewer = [p for i, p in enumerate(pts) if i != 4]
    assert memo.matrix(fewer) == GeodesicModel().matrix(fewer)
    assert memo.last_computed_pairs == 0 and list(cache._entries) == stored
