from __future__ import annotations

from collections.abc import Iterator

import pytest

from planner.io.geocoding import Gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Iterator[Gazetteer]:
    """The real gazetteer in the user cache dir: built once (~30 s) on a fresh machine."""
    gaz = Gazetteer()
    gaz.ensure_built()
    yield gaz
    gaz.close()
