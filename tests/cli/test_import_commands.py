"""The import, accounts, reps and demo commands: output, JSON and exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.io.workspace import Workspace
from planner.services import demo
from planner.services.valuation import week_valuation
from tests.io.exporters.plan_fixture import make_plan

CORPUS = Path(__file__).parents[1] / "data" / "import"
DEMO = Path(__file__).parents[2] / "resources" / "demo"


def test_import_prints_the_report_and_exits_0_with_rejections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = str(tmp_path / "ws.tpw")
    assert main(["import", str(CORPUS / "duplicate_ids.csv"), "-w", ws]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "duplicate_ids.csv: 3 rows: 2 new, 0 updated, 0 merged, 1 rejected, 0 skipped"
    assert out[-1] == "  row 4, column 'Account ID': duplicate account id '001': already on row 2"


def test_unreadable_file_exits_1_with_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = str(tmp_path / "ws.tpw")
    assert main(["import", str(CORPUS / "binary_junk.csv"), "-w", ws]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: cannot read binary_junk.csv: it is a binary file, not a CSV or XLSX export\n"
    )


def test_import_with_mapping_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.csv"
    source.write_text("Cliente;Soldi\nAlfa;1.500,00\n", encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nCliente = "name"\nSoldi = "amount"\n', encoding="utf-8")
    ws = str(tmp_path / "ws.tpw")
    assert main(["import", str(source), "--mapping", str(mapping), "-w", ws]) == 0
    assert "x.csv: 1 rows: 1 new" in capsys.readouterr().out
    assert main(["accounts", "-w", ws, "--json"]) == 0
    (alfa,) = json.loads(capsys.readouterr().out)
    assert (alfa["name"], alfa["amount"]) == ("Alfa", 1500.0)


def test_accounts_json_has_the_documented_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = str(tmp_path / "ws.tpw")
    assert main(["import", str(CORPUS / "cp1252_semicolon.csv"), "-w", ws]) == 0
    capsys.readouterr()
    assert main(["accounts", "-w", ws, "--json"]) == 0
    accounts = json.loads(capsys.readouterr().out)
    first = accounts[0]
    required = ("account_id", "name", "address", "latitude", "longitude", "precision")
    assert set(required) | {"amount", "probability"} <= set(first)
    assert first["account_id"] == "C1" and first["name"] == "Caffè Nerò S.r.l."
    assert first["address"] == "Via Città 3, 47121 Forlì, FC"
    assert (first["latitude"], first["longitude"]) == (44.2227, 12.0407)
    assert (first["precision"], first["amount"], first["probability"]) == ("source", 1250.5, 0.75)
    # This week's visit value and band: the app's and the map's, from the one valuation.
    assert main(["accounts", "-w", ws, "--week", "2026-03-02", "--json"]) == 0
    week = json.loads(capsys.readouterr().out)
    with Workspace.open(Path(ws)) as workspace:
        valuation = week_valuation(workspace.accounts(), date(2026, 3, 2))
    for row in week:
        assert row["priority"] == valuation.bands[row["key"]]
        assert row["visit_value"] == float(valuation.breakdowns[row["key"]].total.amount)
    assert main(["accounts", "-w", ws]) == 0
    text = capsys.readouterr().out
    assert "Caffè Nerò S.r.l." in text and text.rstrip().endswith("2 accounts")


def test_reps_import_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = str(tmp_path / "ws.tpw")
    assert main(["reps", "import", str(DEMO / "reps.csv"), "-w", ws]) == 0
    assert capsys.readouterr().out == "reps.csv: 3 reps imported, 0 rejected\n"
    assert main(["reps", "-w", ws, "--json"]) == 0
    reps = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in reps] == ["Giulia Bianchi", "Marco Ferri", "Luca Conti"]
    assert reps[0]["home"] == [44.494887, 11.342616] and reps[0]["cost_per_km"] == "0.42"
    assert main(["reps", "-w", ws]) == 0
    assert capsys.readouterr().out.rstrip().endswith("3 reps")
    assert main(["reps", "import", str(tmp_path / "missing.csv"), "-w", ws]) == 1
    assert "no such file" in capsys.readouterr().err


def test_demo_command_writes_its_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The whole pipeline is tested in tests/services/test_demo.py; here only the wiring.
    quick = [s for s in demo.STEPS if s.name in ("import accounts", "import reps", "summary")]
    plan = make_plan()
    planned = demo.Step("plan", 1.0, lambda run, progress, cancel: run.data.update(plan=plan))
    monkeypatch.setattr(demo, "STEPS", [*quick, planned])
    out_dir = tmp_path / "demo-out"
    assert main(["demo", "--out", str(out_dir)]) == 0
    out = capsys.readouterr().out
    assert "accounts: accounts_salesforce_report.csv: 407 rows: 401 new" in out
    assert (out_dir / "summary.txt").is_file() and (out_dir / "import-report.txt").is_file()
    # The planned week is printed day by day, lunch break and totals included.
    assert f"Week of {plan.week_start.day} {plan.week_start:%B %Y} for {plan.rep_name}" in out
    first = plan.days[0]
    assert first.lunch is not None and f"{first.lunch.start:%H:%M}" in out
    assert f"Week: {len(plan.visits())} visits" in out


def test_a_file_that_is_not_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "bogus.tpw"
    bogus.write_bytes(b"this is not sqlite" * 100)
    assert main(["accounts", "-w", str(bogus)]) == 1
    assert capsys.readouterr().err == (
        f"error: {bogus} is not a workspace file (not a Territory planner database); "
        "it was not changed: check the path\n"
    )
