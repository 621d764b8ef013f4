from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest

from planner.cli.main import main
from planner.io.workspace import Workspace
from planner.services.export_itinerary import ICS_STATE_NAMESPACE
from tests.io.exporters.plan_fixture import WEEK, make_accounts, make_plan, make_rep


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "ws.tpw"
    accounts = make_accounts()
    with Workspace.open(path) as ws:
        ws.save_reps([make_rep()])
        ws.save_accounts(accounts.values())
        ws.save_plan(make_plan(accounts))
    return path


def _sequences(path: Path) -> dict[str, int]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): int(e.decoded("sequence")) for e in cal.walk("VEVENT")}


def test_export_ics_twice_updates_instead_of_duplicating(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "week.ics"
    argv = ["export", "ics", "--week", str(WEEK), "--out", str(out), "-w", str(workspace)]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == str(out)
    first = _sequences(out)
    assert len(first) == 10 and set(first.values()) == {0}
    with Workspace.open(workspace) as ws:
        assert set(ws.get_value(ICS_STATE_NAMESPACE, f"Giulia Rossi|{WEEK}")) == set(first)
        plan = ws.load_plan("Giulia Rossi", WEEK)
        assert plan is not None
        day = plan.days[1]
        later = replace(
            day.visits[0],
            arrival=day.visits[0].arrival + timedelta(minutes=30),
            departure=day.visits[0].departure + timedelta(minutes=30),
        )
        days = (plan.days[0], replace(day, visits=(later, day.visits[1])), *plan.days[2:])
        ws.save_plan(replace(plan, days=days))
    assert main([*argv, "--rep", "Giulia Rossi"]) == 0
    second = _sequences(out)
    assert set(second) == set(first)
    assert sorted(second.values()) == [0] * 9 + [1]


def test_export_csv_gpx_and_per_day_calendars(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--week", str(WEEK), "-w", str(workspace)]
    assert main(["export", "csv", "--locale", "it", "--out", str(tmp_path / "w.csv"), *base]) == 0
    assert (tmp_path / "w-remote.csv").read_bytes().startswith(b"\xef\xbb\xbfid_cliente;nome;")
    assert main(["export", "gpx", "--out", str(tmp_path / "w.gpx"), *base]) == 0
    tuesday = str(WEEK + timedelta(days=1))
    assert main(["export", "ics", "--per-day", "--day", tuesday, "--travel",
                 "--out", str(tmp_path / "d.ics"), *base]) == 0  # fmt: skip
    assert (tmp_path / f"d-{tuesday}.ics").exists()
    printed = capsys.readouterr().out.split()
    assert printed[-1].endswith(f"d-{tuesday}.ics")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--week", "2026-04-06"], "say which rep with --rep"),
        (["--week", str(WEEK), "--rep", "Nobody"], "no rep named 'Nobody'"),
        (["--week", "2026-04-06", "--rep", "Giulia Rossi"], "no plan stored for Giulia Rossi"),
        (["--week", str(WEEK), "--locale", "xx_nowhere"], "unknown locale"),
    ],
)
def test_errors_are_clear(
    workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.csv"
    assert main(["export", "csv", "--out", str(out), "-w", str(workspace), *extra]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()
