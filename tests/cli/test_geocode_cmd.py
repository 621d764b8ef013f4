"""`territory-planner geocode` end to end on a small workspace (offline, and a local server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Account, Address, GeoPoint, Precision, Rep
from planner.io.geocoding import cache_key
from planner.io.workspace import Workspace
from tests.io.geocoding.fake_nominatim import Reply, place, serve


def _workspace(path: Path) -> None:
    with Workspace.open(path) as ws:
        ws.save_accounts(
            [
                Account("Bar", address=Address("Via Roma 1", "Scandiano", "42019", "RE", "IT")),
                Account("Forno", address=Address("Via Po 2", "Scandiano", "42019", "RE", "IT")),
                Account("Pinned", address=Address(city="Parma", country="IT"),
                        location=GeoPoint(44.8, 10.3), precision=Precision.MANUAL),
                Account("Lost", address=Address(city="Xqzzyville", country="IT")),
            ]
        )  # fmt: skip
        ws.save_reps([Rep("Giulia", home_address="Via Indipendenza 8, 40121 Bologna BO, Italia")])


def test_offline_geocode_prints_summary_and_shared_pins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.tpw"
    _workspace(path)
    assert main(["geocode", "-w", str(path), "--offline"]) == 3  # "Lost" was not found
    out = capsys.readouterr().out
    assert "2 of 3 accounts geocoded (4 in all)" in out
    assert "town" in out and "manual" in out
    assert "2 accounts on one town pin" in out and "Bar, Forno" in out
    assert "Lost: gazetteer: no match" in out
    assert "home of Giulia: town" in out
    with Workspace.open(path) as ws:
        assert ws.reps()[0].home is not None
        lost = next(a for a in ws.accounts() if a.name == "Lost")
        assert lost.precision is Precision.NONE


def test_online_provider_at_a_custom_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.tpw"
    _workspace(path)
    answer = place(44.55, 10.78, addresstype="building", place_rank=30)
    with serve([Reply(body=[answer])]) as fake:
        code = main(["geocode", "-w", str(path), "--online-first", "--url", fake.url,
                     "--min-delay", "0", "--user-agent", "tests/1"])  # fmt: skip
    assert code == 0
    assert "3 of 3 accounts geocoded" in capsys.readouterr().out
    with Workspace.open(path) as ws:
        bar = next(a for a in ws.accounts() if a.name == "Bar")
        assert bar.precision is Precision.ROOFTOP and bar.geocode_source == "nominatim"
        assert cache_key(bar.address) in ws.cached_geocodes([cache_key(bar.address)])


def test_bad_order_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "-w", str(tmp_path / "w.tpw"), "--order", "cache,psychic"]) == 2
    assert "unknown geocoding source" in capsys.readouterr().err
