from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from planner.domain.geo import GeoPoint
from planner.domain.progress import CancelFlag, Cancelled
from planner.travel import TravelError, TravelModel, make_model
from planner.travel.osrm import OsrmModel
from planner.travel.roadgraph import RoadGraphModel
from tests.travel.conftest import HELSINKI_BOX, OSRM_TABLE_LIMIT, random_points

pytestmark = pytest.mark.network_server


class Recorder:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def report(self, fraction: float, message: str = "") -> None:
        self.messages.append(message)


def test_chunked_table_matches_single_routes(osrm_url: str) -> None:
    points = random_points(45, HELSINKI_BOX, seed=5)  # > the server's limit of 20
    rec = Recorder()
    model = OsrmModel(osrm_url, max_table_size=OSRM_TABLE_LIMIT)
    m = model.matrix(points, progress=rec)
    assert m.size == 45 and not m.notes
    assert len(rec.messages) == 25  # 5 × 5 blocks of 10
    assert not m.duration_s.diagonal().any()
    # OSRM gives 0 between places it snaps to the same spot; that is rare here
    assert (m.duration_s[~np.eye(45, dtype=bool)] > 0).mean() > 0.95
    rng = np.random.default_rng(1)
    compared = 0
    for i, j in rng.integers(0, 45, (8, 2)):
        if m.distance_m[i, j] < 50:  # same road spot: OSRM's answer depends on the request
            continue
        single = model.matrix([points[i], points[j]])
        assert single.leg(0, 1) == m.leg(i, j)
        compared += 1
    assert compared >= 5


def test_server_limit_lower_than_configured_is_handled(osrm_url: str) -> None:
    points = random_points(30, HELSINKI_BOX, seed=6)
    told = OsrmModel(osrm_url, max_table_size=OSRM_TABLE_LIMIT).matrix(points)
    optimistic = OsrmModel(osrm_url, max_table_size=100).matrix(points)  # server says TooBig
    assert optimistic == told


def test_route_geometry(osrm_url: str) -> None:
    a, b = GeoPoint(60.1660, 24.9380), GeoPoint(60.1770, 24.9500)
    geom = OsrmModel(osrm_url).leg_geometry(a, b)
    assert geom[0] == a.as_tuple() and geom[-1] == b.as_tuple() and len(geom) > 5
    for lat, lon in geom[1:-1]:
        assert 60.16 < lat < 60.18 and 24.93 < lon < 24.96


def test_agrees_with_our_road_graph(osrm_url: str, helsinki_pbf: Path, road_cache: Path) -> None:
    # same extract and the same car-profile speeds: durations should be close, not equal
    # (OSRM adds turn and traffic-signal penalties; we do not)
    road = RoadGraphModel.from_pbf(helsinki_pbf, cache_dir=road_cache)
    points = road.sample_places(20, seed=8)  # on the road: compares networks, not snapping
    ours = road.matrix(points)
    theirs = OsrmModel(osrm_url, max_table_size=OSRM_TABLE_LIMIT).matrix(points)
    off = ~np.eye(20, dtype=bool) & (theirs.distance_m > 200)
    ratio = ours.distance_m[off] / theirs.distance_m[off]
    assert 0.95 < float(np.median(ratio)) < 1.05
    # the junction penalty stands in for OSRM's turn and signal penalties
    ratio = ours.duration_s[off] / theirs.duration_s[off]
    assert 0.85 < float(np.median(ratio)) < 1.15


def test_factory_cancel_and_key(osrm_url: str) -> None:
    model = make_model("osrm", url=osrm_url)
    assert isinstance(model, TravelModel) and model.name == "osrm"
    assert model.cache_key().startswith(f"osrm:{osrm_url}:driving")
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        model.matrix(random_points(3, HELSINKI_BOX, seed=2), cancel=flag)


def test_unreachable_server_is_a_clear_error() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    model = OsrmModel(f"http://127.0.0.1:{port}", timeout_s=2)
    with pytest.raises(TravelError, match="cannot reach the OSRM server"):
        model.matrix(random_points(2, HELSINKI_BOX, seed=1))
    with pytest.raises(TravelError, match="http"):
        OsrmModel("localhost:5000")


class FakeOsrm(BaseHTTPRequestHandler):
    """Answers /table with a null pair and anything else with a non-OSRM page."""

    def do_GET(self) -> None:
        if self.path.startswith("/table/v1/old/"):
            body = {"code": "Ok", "durations": [[0, 1], [1, 0]], "sources": [{}, {}]}
            payload, status, kind = json.dumps(body).encode(), 200, "application/json"
        elif self.path.startswith("/table/"):
            body = {
                "code": "Ok",
                "durations": [[0, None], [60.4, 0]],
                "distances": [[0, None], [500.2, 0]],
                "sources": [{"distance": 3.0}, {"distance": 2500.0}],
            }
            payload, status, kind = json.dumps(body).encode(), 200, "application/json"
        else:
            payload, status, kind = b"<html>nope</html>", 404, "text/html"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def fake_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOsrm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_null_pairs_are_estimated_and_noted(fake_server: str) -> None:
    a, b = GeoPoint(60.17, 24.94), GeoPoint(60.18, 24.96)
    m = OsrmModel(fake_server).matrix([a, b])
    assert m.leg(1, 0) == (500, 60)
    assert m.distance_m[0, 1] > 0 and m.duration_s[0, 1] > 0
    assert any("could not route 1 pair" in n for n in m.notes)
    assert any("more than 2 km" in n for n in m.notes)


def test_non_osrm_answer_is_a_clear_error(fake_server: str) -> None:
    with pytest.raises(TravelError, match="HTTP 404"):
        OsrmModel(fake_server).leg_geometry(GeoPoint(60.17, 24.94), GeoPoint(60.18, 24.96))


def test_rectangular_tables_match_the_square_one(osrm_url: str) -> None:
    points = random_points(26, HELSINKI_BOX, seed=12)
    model = OsrmModel(osrm_url, max_table_size=OSRM_TABLE_LIMIT)
    full = model.matrix(points)
    d, t = model.arrays_between(points[:3], points)  # 3 + 26 > 20: blocked on both axes
    assert np.array_equal(d[:, 3:], full.distance_m[:3, 3:])
    assert np.array_equal(t[:, 3:], full.duration_s[:3, 3:])
    d, t = model.arrays_between(points, points[20:])
    assert np.array_equal(t[:20], full.duration_s[:20, 20:])


def test_cli_calibrates_against_osrm(
    osrm_url: str, helsinki_pbf: Path, road_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli.main import main

    args = ["travel", "calibrate", "--pbf", str(helsinki_pbf), "--places", "30", "--json"]
    assert main([*args, "--cache-dir", str(road_cache), "--osrm", osrm_url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reference"].startswith(f"osrm:{osrm_url}")
    assert data["after"]["duration_median_pct"] <= data["before"]["duration_median_pct"] + 1


def test_parallel_and_serial_requests_agree(osrm_url: str) -> None:
    points = random_points(35, HELSINKI_BOX, seed=13)
    serial = OsrmModel(osrm_url, max_table_size=OSRM_TABLE_LIMIT, parallel_requests=1)
    parallel = OsrmModel(osrm_url, max_table_size=OSRM_TABLE_LIMIT, parallel_requests=6)
    assert serial.matrix(points) == parallel.matrix(points)
    with pytest.raises(TravelError, match="parallel_requests"):
        OsrmModel(osrm_url, parallel_requests=0)


def test_table_without_distances_is_a_clear_error(fake_server: str) -> None:
    model = OsrmModel(fake_server, profile="old")
    with pytest.raises(TravelError, match="without distances"):
        model.matrix([GeoPoint(60.17, 24.94), GeoPoint(60.18, 24.96)])


def test_every_backend_accepts_no_places(
    osrm_url: str, helsinki_pbf: Path, road_cache: Path
) -> None:
    from planner.travel import GeodesicModel

    for model in (
        GeodesicModel(),
        RoadGraphModel.from_pbf(helsinki_pbf, cache_dir=road_cache),
        OsrmModel(osrm_url),
    ):
        assert model.matrix([]).size == 0
