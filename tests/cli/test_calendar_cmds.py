"""`appointments`, `timeoff` and `plan --json` around them: the command-line contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from tests.calendar_servers import Radicale, make_calendar, radicale

__all__ = ["radicale"]  # fixture

WEEK = "2026-12-07"  # Tuesday 8 December is a public holiday in Italy


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_appointments_and_time_off_shape_the_planned_week(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = ("-w", str(workspace))
    add = ("appointments", "add", "--rep", "Giulia", "--account")
    code, out, _ = cli(capsys, *add, "imola-tech", "--start", "2026-12-09T10:00",
                       "--minutes", "60", *w)  # fmt: skip
    assert code == 0 and out.startswith("added appointment ")
    code, _, _ = cli(capsys, "appointments", "add", "--rep", "Giulia", "--account",
                     "cento-metal", "--start", "2026-12-11", "--kind", "day", *w)  # fmt: skip
    assert code == 0
    assert cli(capsys, "timeoff", "add", "--rep", "Giulia", "--date", "2026-12-10", *w)[0] == 0
    code, out, _ = cli(capsys, "appointments", "list", "--json", *w)
    listed = json.loads(out)
    assert [a["kind"] for a in listed] == ["fixed", "day"]
    code, out, err = cli(capsys, "plan", "--week", WEEK, "--time-limit", "0.5", "--json", *w)
    assert code == 0, err
    days = {d["date"]: d for d in json.loads(out)["days"]}
    assert days["2026-12-08"]["visits"] == []
    assert days["2026-12-08"]["closed"] == "public holiday: Immacolata Concezione"
    assert days["2026-12-10"]["visits"] == [] and days["2026-12-10"]["closed"] == "time off"
    fixed = [v for d in days.values() for v in d["visits"] if v["fixed"]]
    assert [(v["account_id"], v["arrival"][:16]) for v in fixed] == [
        ("imola-tech", "2026-12-09T10:00")
    ]
    assert any(v["account_id"] == "cento-metal" for v in days["2026-12-11"]["visits"])
    code, out, _ = cli(capsys, "appointments", "remove", listed[0]["id"], *w)
    assert code == 0 and "removed appointment" in out
    code, out, _ = cli(capsys, "appointments", "list", *w)
    assert "1 appointments" in out


def test_bad_appointments_get_one_clear_line(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = ("-w", str(workspace))
    code, _, err = cli(capsys, "appointments", "add", "--rep", "Giulia", "--account", "nope",
                       "--start", "2026-12-09T10:00", *w)  # fmt: skip
    assert code == 1 and err == "error: no account with id 'nope' in the workspace\n"
    code, _, err = cli(capsys, "appointments", "add", "--rep", "Bob", "--address", "Garage",
                       "--start", "2026-12-09T10:00", *w)  # fmt: skip
    assert code == 1 and "no rep named 'Bob'" in err
    code, _, err = cli(capsys, "appointments", "add", "--rep", "Giulia", "--account",
                       "imola-tech", "--start", "2026-12-09", *w)  # fmt: skip
    assert code == 2 and "needs a time" in err
    code, _, err = cli(capsys, "appointments", "add", "--rep", "Giulia", "--address", "Garage",
                       "--start", "2026-12-09", "--kind", "week", *w)  # fmt: skip
    assert code == 1 and "needs an account" in err
    assert cli(capsys, "appointments", "remove", "zzz", *w)[2] == (
        "error: no appointment with id 'zzz'\n"
    )
    assert cli(capsys, "appointments", "list", *w)[1].strip() == "0 appointments"


def test_half_days_off_and_address_appointments(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = ("-w", str(workspace))
    cli(capsys, "timeoff", "add", "--rep", "Giulia", "--date", "2026-12-09", "--half", "pm", *w)
    cli(capsys, "appointments", "add", "--rep", "Giulia", "--address", "Garage Rossi, Bologna",
        "--start", "2026-12-07T11:00", "--minutes", "90", "--title", "car service", *w)  # fmt: skip
    code, out, _ = cli(capsys, "timeoff", "list", *w)
    assert "2026-12-09  Giulia: time off (afternoon)" in out
    code, out, err = cli(capsys, "plan", "--week", WEEK, "--time-limit", "0.5", "--json", *w)
    assert code == 0, err
    days = {d["date"]: d for d in json.loads(out)["days"]}
    assert all(v["departure"][11:16] <= "12:30" for v in days["2026-12-09"]["visits"])
    for v in days["2026-12-07"]["visits"]:  # nothing during the car service 11:00–12:30
        assert v["departure"][11:16] <= "11:00" or v["arrival"][11:16] >= "12:30"


def test_calendar_publish_and_sync_commands(
    workspace: Path, radicale: Radicale, capsys: pytest.CaptureFixture[str]
) -> None:
    w = ("-w", str(workspace))
    url = make_calendar(radicale)
    plan = ("plan", "--week", "2026-11-30", "--days", "2", "--time-limit", "0.5")
    assert cli(capsys, *plan, *w)[0] == 0
    code, out, err = cli(capsys, "calendar", "publish", "--rep", "Giulia", "--week", "2026-11-30",
                         "--url", url, "--user", radicale.user, "--password-file",
                         str(radicale.password_file), *w)  # fmt: skip
    assert code == 0, err
    assert out.startswith("week of 2026-11-30: ") and "visits published" in out
    code, out, err = cli(capsys, "calendar", "sync", "--rep", "Giulia", *w)
    assert code == 0, err
    radicale.stop()
    code, out, err = cli(capsys, "calendar", "sync", "--rep", "Giulia", *w)
    assert (
        code == 1 and "cannot reach" in out and err.startswith("error: the sync did not complete")
    )
