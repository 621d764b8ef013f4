"""`territory-planner region add|list|update|remove` on the command line (no workspace)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.io.regions import RegionStore
from tests.regions.helpers import make_mld


def test_region_commands(
    tmp_path: Path,
    monaco_pbf: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(tmp_path / "regions"))
    assert main(["region", "add", str(monaco_pbf)]) == 0
    assert "region monaco added:" in capsys.readouterr().out
    assert main(["region", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["name"], row["outdated"]) == ("monaco", "")
    store = RegionStore(tmp_path / "regions")
    make_mld(store.folder(store.regions()[0]) / "roads" / "region.osrm")  # an older build
    assert main(["region", "list"]) == 0
    out = capsys.readouterr().out
    assert "older kind (MLD)" in out and "region update monaco` rebuilds it" in out
    assert main(["region", "update", "monaco"]) == 0
    assert "region monaco rebuilt:" in capsys.readouterr().out
    assert main(["region", "list"]) == 0
    assert "older kind" not in capsys.readouterr().out
    assert main(["region", "remove", "monaco"]) == 0
    assert "region monaco removed" in capsys.readouterr().out
    assert main(["region", "remove", "monaco"]) == 1
    assert "no region named 'monaco'" in capsys.readouterr().err
