"""`visits log|list` and `export activities`: call reports feed cadence and the CRM."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.io.exporters.activities import HUBSPOT, SALESFORCE
from planner.io.workspace import Workspace
from tests.cli.test_calendar_cmds import cli


def _csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_logged_visits_move_last_visit_and_export_for_both_crms(
    workspace: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    w = ("-w", str(workspace))
    assert main(["plan", "--week", "2026-11-30", "--days", "2", "--time-limit", "0.5", *w]) == 0
    capsys.readouterr()
    with Workspace.open(workspace) as ws:
        plan = ws.load_plan("Giulia", date(2026, 11, 30))
        assert plan is not None
        first, second = plan.visits()[:2]
    notes = '=HYPERLINK("http://evil.example")\nnext: send the offer'
    code, out, err = cli(capsys, "visits", "log", "--rep", "Giulia", "--account",
                         first.account_id, "--date", first.arrival.date().isoformat(),
                         "--done", "--notes", notes, *w)  # fmt: skip
    assert code == 0, err
    assert out.strip().endswith(f"done; last visit now {first.arrival:%d %b %Y}")
    code, out, _ = cli(capsys, "visits", "log", "--rep", "Giulia", "--account",
                       second.account_id, "--date", second.arrival.date().isoformat(),
                       "--not-done", "--outcome", "no_show", *w)  # fmt: skip
    assert code == 0 and out.strip().endswith("not done (no_show); last visit unchanged")
    with Workspace.open(workspace) as ws:
        accounts = {a.key: a for a in ws.accounts()}
    assert accounts[first.account_key].last_visit == first.arrival.date()
    assert accounts[second.account_key].last_visit is None
    listed = json.loads(cli(capsys, "visits", "list", "--json", *w)[1])
    assert sorted(r["outcome"] for r in listed) == ["completed", "no_show"]
    sf, hs = tmp_path / "sf.csv", tmp_path / "hs.csv"
    for crm, path in (("salesforce", sf), ("hubspot", hs)):
        assert cli(capsys, "export", "activities", "--format", crm, "--out", str(path), *w)[0] == 0
    rows = _csv(sf)
    assert tuple(rows[0]) == SALESFORCE and len(rows) == 3
    done = next(r for r in rows[1:] if r[0] == first.account_id)
    assert done[3] == "Completed"
    assert done[6] == "Outcome: completed\n" + notes  # the formula is text, not at the start
    rows = _csv(hs)
    assert tuple(rows[0]) == HUBSPOT
    missed = next(r for r in rows[1:] if r[0] == second.account_id)
    assert missed[5] == "NO_SHOW" and missed[3].endswith("Z")
    code, _, err = cli(capsys, "export", "activities", "--out", str(sf), *w)
    assert code == 2 and "--format salesforce|hubspot" in err
