from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.io.workspace import Workspace
from tests.optimise.territories.conftest import make_accounts

REPS_CSV = """name,address,latitude,longitude,capacity_hours
Anna,"Via Roma 1, Bologna",44.49,11.34,40
Bruno,,45.46,9.19,40
Carla,,43.77,11.25,32
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "ws.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(make_accounts(300, seed=11))
    return path


def test_assign_json(tmp_path: Path, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reps = tmp_path / "reps.csv"
    reps.write_text(REPS_CSV, encoding="utf-8")
    code = main(
        ["assign", "--reps", str(reps), "--balance", "both", "--tolerance", "0.05",
         "-w", str(workspace), "--json", "--export", str(tmp_path / "out")]
    )  # fmt: skip
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in doc["reps"]] == ["Anna", "Bruno", "Carla"]
    assert doc["balance"]["workload_spread"] <= 0.05
    assert doc["balance"]["value_spread"] <= 0.05
    assert len(doc["assignments"]) == 300
    # Capacity shares: Carla (32 h) carries about 32/40 of Anna's workload.
    work = {r["name"]: r["workload_hours"] for r in doc["reps"]}
    assert work["Carla"] / work["Anna"] == pytest.approx(0.8, abs=0.08)
    assert (tmp_path / "out" / "Carla.csv").exists()
    with Workspace.open(workspace) as ws:
        assert {t.rep_name for t in ws.territories()} == {"Anna", "Bruno", "Carla"}


def test_assign_text_dry_run_and_lock_rep(
    tmp_path: Path, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reps = tmp_path / "reps.csv"
    reps.write_text(REPS_CSV, encoding="utf-8")
    assert main(["assign", "--reps", str(reps), "-w", str(workspace)]) == 0
    with Workspace.open(workspace) as ws:
        anna = next(t for t in ws.territories() if t.rep_name == "Anna").account_keys
    capsys.readouterr()
    args = ["assign", "--reps", str(reps), "-w", str(workspace), "--dry-run"]
    assert main([*args, "--balance", "value", "--lock-rep", "Anna", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = {k for k, r in doc["assignments"].items() if r == "Anna"}
    assert got == {k.removeprefix("id:") for k in anna}
    assert main([*args, "--keep-together", "town", "--centres", "moving"]) == 0
    out = capsys.readouterr().out
    assert "workload spread" in out and "change hands" in out


def test_assign_errors(tmp_path: Path, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("who,where\nx,y\n", encoding="utf-8")
    assert main(["assign", "--reps", str(bad), "-w", str(workspace)]) == 1
    assert "name" in capsys.readouterr().err
    nohome = tmp_path / "nohome.csv"
    nohome.write_text("name,capacity_hours\nDora,40\n", encoding="utf-8")
    assert main(["assign", "--reps", str(nohome), "-w", str(workspace)]) == 1
    assert "home" in capsys.readouterr().err
    reps = tmp_path / "reps.csv"
    reps.write_text(REPS_CSV, encoding="utf-8")
    assert main(["assign", "--reps", str(reps), "-w", str(workspace), "--tolerance", "2"]) == 1
    assert "tolerance" in capsys.readouterr().err


@pytest.mark.parametrize(
    "case",
    [
        ("en", r"€\d{1,3}(,\d{3})+\b", "rep ", "balance: workload spread "),
        ("it", r"€\u00a0\d{1,3}(\.\d{3})+\b", "agente ", "bilanciamento: scarto di carico "),
    ],
)
def test_territory_values_are_money_in_the_locales_one_format(
    tmp_path: Path,
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[str, str, str, str],
) -> None:
    locale, money, header, balance = case
    monkeypatch.setenv("TERRITORY_PLANNER_LOCALE", locale)
    reps = tmp_path / "reps.csv"
    reps.write_text(REPS_CSV, encoding="utf-8")
    assert main(["assign", "--reps", str(reps), "-w", str(workspace), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = lines[1:4]
    assert lines[0].startswith(header) and lines[4].startswith(balance)  # in the language
    assert [row.split()[0] for row in rows] == ["Anna", "Bruno", "Carla"]
    assert all(re.search(money, row) for row in rows), rows
