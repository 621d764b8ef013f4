from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from planner.domain.geo import GeoPoint
from planner.domain.progress import CancelFlag, Cancelled
from planner.travel import TravelError, TravelModel, make_model
from planner.travel.geodesic import haversine_m
from planner.travel.roadgraph import RoadGraphModel
from planner.travel.roadnet import edge_speed_kmh, load_road_arrays, parse_maxspeed
from tests.travel.conftest import HELSINKI_BOX, random_points


@pytest.fixture(scope="module")
def helsinki(helsinki_pbf: Path, road_cache: Path) -> RoadGraphModel:
    return RoadGraphModel.from_pbf(helsinki_pbf, cache_dir=road_cache)


def test_maxspeed_parsing_and_speed_rules() -> None:
    assert parse_maxspeed("50") == 50
    assert parse_maxspeed("30 mph") == pytest.approx(48.28, abs=0.01)
    assert parse_maxspeed("50;70") == 50
    assert parse_maxspeed("IT:urban") is None
    assert parse_maxspeed(float("nan")) is None
    assert edge_speed_kmh("residential", None) == 25  # OSRM car.lua default
    assert edge_speed_kmh("motorway", "130") == pytest.approx(104)  # 80 % of the limit
    assert edge_speed_kmh("bogus_type", None) == 25


def test_loads_real_extract_and_caches_it(helsinki_pbf: Path, tmp_path: Path) -> None:
    arrays, key = load_road_arrays(helsinki_pbf, tmp_path)
    cached = list(tmp_path.glob("*.npz"))
    assert len(cached) == 1 and cached[0].name == key
    again, key2 = load_road_arrays(helsinki_pbf, tmp_path)
    assert key2 == key and np.array_equal(again.time_s, arrays.time_s)
    assert len(arrays.lat) > 1000 and len(arrays.u) > 2000
    # oneway streets: some directed edge has no reverse twin
    pairs = set(zip(arrays.u.tolist(), arrays.v.tolist(), strict=True))
    assert any((v, u) not in pairs for u, v in pairs)


def test_corrupt_cache_is_rebuilt(helsinki_pbf: Path, tmp_path: Path) -> None:
    _, key = load_road_arrays(helsinki_pbf, tmp_path)
    (tmp_path / key).write_bytes(b"not an npz")
    arrays, _ = load_road_arrays(helsinki_pbf, tmp_path)
    assert len(arrays.u) > 0


def test_missing_or_bad_extract_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TravelError, match="not found"):
        RoadGraphModel.from_pbf(tmp_path / "nope.osm.pbf", cache_dir=tmp_path)
    bad = tmp_path / "bad.osm.pbf"
    bad.write_bytes(b"\x00garbage" * 50)
    with pytest.raises(TravelError, match=r"cannot read|no drivable"):
        RoadGraphModel.from_pbf(bad, cache_dir=tmp_path)


def test_snapping_picks_the_nearest_reachable_node(helsinki: RoadGraphModel) -> None:
    points = random_points(40, HELSINKI_BOX, seed=3)
    nodes, away = helsinki.snap(points)
    core = helsinki._core
    for p, node, metres in zip(points, nodes, away, strict=True):
        all_d = haversine_m(p.lat, p.lon, helsinki._lat[core], helsinki._lon[core])
        assert metres == pytest.approx(all_d.min(), abs=0.01)
        assert node in set(core.tolist())


def test_matrix_equals_networkx_shortest_paths(helsinki: RoadGraphModel) -> None:
    points = random_points(60, HELSINKI_BOX, seed=7)
    m = helsinki.matrix(points)
    nodes, away = helsinki.snap(points)
    g = helsinki.graph
    rng = np.random.default_rng(11)
    checked = 0
    for i, j in rng.integers(0, len(points), (80, 2)):
        if nodes[i] == nodes[j]:
            continue
        secs, path = nx.single_source_dijkstra(
            g, int(nodes[i]), int(nodes[j]), weight="travel_time"
        )
        metres = sum(g.edges[a, b]["length"] for a, b in itertools.pairwise(path))
        access = away[i] + away[j]
        assert m.duration_s[i, j] == round(secs + access / (20 / 3.6))
        assert abs(m.distance_m[i, j] - (metres + access)) <= 0.5
        checked += 1
    assert checked > 50
    assert not m.distance_m.diagonal().any()
    assert not np.array_equal(m.duration_s, m.duration_s.T)  # one-way streets


def test_places_on_one_node_are_joined_by_a_straight_line(helsinki: RoadGraphModel) -> None:
    a = GeoPoint(60.1700, 24.9440)
    b = GeoPoint(60.17001, 24.94401)
    m = helsinki.matrix([a, b])
    assert 0 < m.distance_m[0, 1] < 5
    assert m.distance_m[0, 1] == m.distance_m[1, 0]


def test_far_places_are_noted(helsinki: RoadGraphModel) -> None:
    m = helsinki.matrix([GeoPoint(60.17, 24.944), GeoPoint(61.0, 25.5)])
    assert m.notes and "more than 2 km" in m.notes[0]


def test_geometry_follows_roads(helsinki: RoadGraphModel) -> None:
    a, b = GeoPoint(60.1660, 24.9380), GeoPoint(60.1770, 24.9500)
    geom = helsinki.leg_geometry(a, b)
    assert geom[0] == a.as_tuple() and geom[-1] == b.as_tuple()
    assert len(geom) > 5
    m = helsinki.matrix([a, b])
    length = sum(float(haversine_m(p[0], p[1], q[0], q[1])) for p, q in itertools.pairwise(geom))
    # the drawn polyline is the routed path (straight segments between road nodes)
    assert length == pytest.approx(m.distance_m[0, 1], rel=0.05)


def test_progress_cancel_factory_and_key(helsinki_pbf: Path, road_cache: Path) -> None:
    model = make_model("osm", pbf=str(helsinki_pbf), cache_dir=str(road_cache))
    assert isinstance(model, TravelModel) and model.name == "osm"
    assert model.cache_key().startswith("osm:Helsinki-")
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        model.matrix(random_points(5, HELSINKI_BOX, seed=1), cancel=flag)


def test_rectangular_matrices_match_the_square_one(helsinki: RoadGraphModel) -> None:
    points = random_points(30, HELSINKI_BOX, seed=9)
    full = helsinki.matrix(points)
    few, many = points[:4], points  # 4 × 30 searches forward, 30 × 4 backward
    d, t = helsinki.arrays_between(few, many)
    assert np.array_equal(d, full.distance_m[:4]) and np.array_equal(t, full.duration_s[:4])
    d, t = helsinki.arrays_between(many, few)
    assert np.array_equal(t, full.duration_s[:, :4])
    assert np.abs(d - full.distance_m[:, :4]).max() <= 1  # same routes, summed the other way


def test_junction_penalty_applies_to_edges_into_junctions() -> None:
    from planner.travel.roadnet import RoadArrays

    # a T: 0 - 1 - 2 with 3 hanging off 1; node 1 is the only junction
    u = np.array([0, 1, 1, 2, 1, 3])
    v = np.array([1, 0, 2, 1, 3, 1])
    arrays = RoadArrays(
        lat=np.array([60.0, 60.0, 60.0, 60.001]),
        lon=np.array([24.0, 24.001, 24.002, 24.001]),
        osm_id=np.arange(4),
        u=u,
        v=v,
        length_m=np.full(6, 55.0),
        time_s=np.full(6, 5.0),
    )
    penalised = arrays.with_junction_penalty(3.0)
    assert penalised.time_s.tolist() == [8.0, 5.0, 5.0, 8.0, 5.0, 8.0]
    plain = RoadGraphModel.from_arrays(arrays, "t", junction_penalty_s=0)
    slow = RoadGraphModel.from_arrays(arrays, "t", junction_penalty_s=3)
    assert plain.cache_key() != slow.cache_key()
    a, b = GeoPoint(60.0, 24.0), GeoPoint(60.0, 24.002)
    assert slow.matrix([a, b]).duration_s[0, 1] == plain.matrix([a, b]).duration_s[0, 1] + 3
    with pytest.raises(TravelError, match="junction penalty"):
        RoadGraphModel.from_arrays(arrays, "t", junction_penalty_s=-1)


def test_second_bundled_extract_with_motorways(test_pbf: Path, road_cache: Path) -> None:
    road = RoadGraphModel.from_pbf(test_pbf, cache_dir=road_cache)
    places = road.sample_places(40, seed=2)  # road nodes: no access legs
    m = road.matrix(places)
    nodes, away = road.snap(places)
    assert not away.any()
    g = road.graph
    for i, j in [(0, 1), (5, 30), (12, 7), (39, 20)]:
        secs, path = nx.single_source_dijkstra(
            g, int(nodes[i]), int(nodes[j]), weight="travel_time"
        )
        metres = sum(g.edges[a, b]["length"] for a, b in itertools.pairwise(path))
        assert m.duration_s[i, j] == round(secs)
        assert abs(m.distance_m[i, j] - metres) <= 0.5
    off = ~np.eye(40, dtype=bool) & (m.distance_m > 1000)
    kmh = m.distance_m[off] / m.duration_s[off] * 3.6
    assert kmh.max() > 45  # legs using the motorway are fast (residential: 25 km/h) ...
    assert np.median(kmh) < kmh.max()  # ... and not every leg is one
