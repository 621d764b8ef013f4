"""Fixtures shared by test packages: a PostgreSQL server for team workspaces, the offline
gazetteer; no test sees the regions of the user who runs the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.io.geocoding import Gazetteer
from tests.pgserver import PgServer, pg_bin, start_server


@pytest.fixture(scope="session")
def gazetteer() -> Iterator[Gazetteer]:
    """The real gazetteer in the user cache dir: built once (~30 s) on a fresh machine."""
    gaz = Gazetteer()
    gaz.ensure_built()
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    if pg_bin() is None:
        pytest.skip("PostgreSQL is not installed (Debian package `postgresql`)")
    yield from start_server()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The admin's URL of a new, empty database, dropped after the test."""
    name = pg_server.create_database()
    yield pg_server.url(db=name)
    pg_server.drop_database(name)


@pytest.fixture(autouse=True)
def _no_user_regions(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Tests never see the regions of the user who runs them (an empty folder instead)."""
    empty = tmp_path_factory.mktemp("no-regions")
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(empty))
    yield empty
