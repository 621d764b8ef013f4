from __future__ import annotations

import numpy as np
import pytest
from geopy.distance import geodesic as geopy_geodesic

from planner.domain.geo import GeoPoint
from planner.domain.progress import CancelFlag, Cancelled
from planner.travel import GeodesicModel, GeodesicParams, TravelError, TravelModel, make_model
from planner.travel.geodesic import haversine_m, road_estimate

MILAN = GeoPoint(45.4642, 9.1900)
ROME = GeoPoint(41.9028, 12.4964)
BERGAMO = GeoPoint(45.6983, 9.6773)
MILAN_DUOMO = GeoPoint(45.4641, 9.1919)
MILAN_CENTRALE = GeoPoint(45.4859, 9.2035)


class Recorder:
    def __init__(self) -> None:
        self.fractions: list[float] = []

    def report(self, fraction: float, message: str = "") -> None:
        self.fractions.append(fraction)


def test_model_satisfies_protocol_and_factory() -> None:
    model = make_model("geodesic", circuity_long=1.25)
    assert isinstance(model, TravelModel)
    assert isinstance(model, GeodesicModel)
    assert model.params.circuity_long == 1.25
    with pytest.raises(TravelError, match="unknown travel backend"):
        make_model("teleport")


def test_haversine_agrees_with_geopy_ellipsoid() -> None:
    # the sphere differs from WGS84 by at most ~0.5 %; geopy is the reference here
    pairs = [(MILAN, ROME), (MILAN, BERGAMO), (MILAN_DUOMO, MILAN_CENTRALE)]
    for a, b in pairs:
        ours = haversine_m(np.array(a.lat), np.array(a.lon), np.array(b.lat), np.array(b.lon))
        ref = geopy_geodesic(a.as_tuple(), b.as_tuple()).meters
        assert float(ours) == pytest.approx(ref, rel=0.005)


def test_matrix_shape_diagonal_symmetry_and_types() -> None:
    points = [MILAN, ROME, BERGAMO, MILAN_DUOMO]
    m = GeodesicModel().matrix(points)
    assert m.size == 4
    assert m.distance_m.dtype == np.int64 and m.duration_s.dtype == np.int64
    assert not m.distance_m.diagonal().any() and not m.duration_s.diagonal().any()
    assert np.array_equal(m.distance_m, m.distance_m.T)
    assert (m.distance_m + np.eye(4, dtype=np.int64) > 0).all()
    with pytest.raises(ValueError):
        m.distance_m[0, 1] = 5  # read-only: cached matrices cannot be changed


def test_road_distance_is_straight_line_times_circuity() -> None:
    params = GeodesicParams()
    m = GeodesicModel(params).matrix([MILAN, ROME])
    straight = geopy_geodesic(MILAN.as_tuple(), ROME.as_tuple()).meters
    # 480 km: circuity has converged to the long-leg value
    assert m.distance_m[0, 1] == pytest.approx(straight * params.circuity_long, rel=0.006)


def test_short_hops_are_slower_than_long_legs() -> None:
    m = GeodesicModel().matrix([MILAN_DUOMO, MILAN_CENTRALE, ROME])
    short_kmh = m.distance_m[0, 1] / m.duration_s[0, 1] * 3.6
    long_kmh = m.distance_m[0, 2] / m.duration_s[0, 2] * 3.6
    assert 18 < short_kmh < 30
    assert 70 < long_kmh <= 80
    # a 2.5 km city hop by car: several minutes, not seconds
    assert 5 * 60 < m.duration_s[0, 1] < 12 * 60


def test_speed_and_circuity_curves_are_monotone() -> None:
    straight = np.linspace(0, 300_000, 500)
    road, secs = road_estimate(straight, GeodesicParams())
    speed = road[1:] / secs[1:]
    assert (np.diff(speed) >= -1e-9).all()
    assert (np.diff(secs) > 0).all()
    assert (road >= straight).all()


def test_empty_and_single_point() -> None:
    assert GeodesicModel().matrix([]).size == 0
    one = GeodesicModel().matrix([MILAN])
    assert one.leg(0, 0) == (0, 0)


def test_blocks_report_progress_and_honour_cancel() -> None:
    rng = np.random.default_rng(1)
    points = [GeoPoint(float(a), float(b)) for a, b in rng.uniform([44, 8], [46, 11], (600, 2))]
    rec = Recorder()
    GeodesicModel().matrix(points, progress=rec)
    assert rec.fractions[-1] == 1.0 and len(rec.fractions) >= 3
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        GeodesicModel().matrix(points, cancel=flag)


def test_blocked_matrix_equals_one_shot_computation() -> None:
    rng = np.random.default_rng(2)
    coords = rng.uniform([40, 5], [47, 15], (300, 2))
    points = [GeoPoint(float(a), float(b)) for a, b in coords]
    m = GeodesicModel().matrix(points)
    straight = haversine_m(coords[:, :1], coords[:, 1:], coords[None, :, 0], coords[None, :, 1])
    road, secs = road_estimate(straight, GeodesicParams())
    assert np.array_equal(m.distance_m, np.rint(road).astype(np.int64))
    assert np.array_equal(m.duration_s, np.rint(secs).astype(np.int64))


def test_params_are_validated_and_keyed() -> None:
    with pytest.raises(TravelError, match="circuity_short"):
        GeodesicParams(circuity_short=0.5)
    with pytest.raises(TravelError, match="speed_long_kmh"):
        GeodesicParams(speed_long_kmh=0)
    a = GeodesicModel().cache_key()
    b = GeodesicModel(GeodesicParams(speed_long_kmh=80)).cache_key()
    assert a != b and a.startswith("geodesic:")
    assert GeodesicModel().leg_geometry(MILAN, ROME) == (MILAN.as_tuple(), ROME.as_tuple())
