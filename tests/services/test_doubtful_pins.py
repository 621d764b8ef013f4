"""Geocoding flags doubtful pins, saves the flag, reports it; accounts --json shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Account, GeoPoint, Precision, Territory
from planner.io.workspace import Workspace
from planner.services.geocode_accounts import geocode_accounts


def _pinned(name: str, lat: float, lon: float) -> Account:
    return Account(name, location=GeoPoint(lat, lon), precision=Precision.SOURCE)


def test_geocoding_flags_a_pin_far_from_its_territory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ws.tpw"
    bologna = [_pinned(f"Bologna {i}", 44.49 + i / 200, 11.34 + i / 300) for i in range(10)]
    palermo = _pinned("Botricello (pinned at Palermo)", 38.1157, 13.3615)
    with Workspace.open(path) as ws:
        ws.save_accounts([*bologna, palermo])
        keys = frozenset(a.key for a in [*bologna, palermo])
        ws.replace_territories([Territory("Emilia", "Giulia", keys)])
        summary = geocode_accounts(ws, geocoders=[])
        flagged = {a.name: a.doubtful for a in ws.accounts() if a.doubtful}
    assert list(flagged) == [palermo.name]
    assert flagged[palermo.name] == (
        "730 km from the centre of the rest of territory Emilia (most lie within 2 km)"
    )
    assert "warning: 1 pins look doubtful; check them:" in summary.lines()
    assert main(["accounts", "--json", "-w", str(path)]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[palermo.name]["doubtful"] == flagged[palermo.name]
    assert rows["Bologna 0"]["doubtful"] == ""
