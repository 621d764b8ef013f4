"""Public holidays by the rep's country/region, and appointments kept in the workspace."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from planner.domain import DomainError, Rep
from planner.domain.calendar import Appointment, AppointmentKind, HalfDay, TimeOff
from planner.io.calendars.holidays import holiday_country, public_holidays
from planner.io.calendars.store import (
    load_appointments,
    load_time_off,
    save_appointments,
    save_time_off,
)
from planner.io.reps_csv import read_reps
from planner.io.workspace import Workspace


def test_the_country_comes_from_the_time_zone_unless_set() -> None:
    assert holiday_country(Rep(name="a", timezone="Europe/Rome")) == "IT"
    assert holiday_country(Rep(name="b", timezone="America/Chicago")) == "US"
    assert holiday_country(Rep(name="c", timezone="UTC")) == ""
    assert holiday_country(Rep(name="d", timezone="Europe/Rome", holiday_country="sm")) == "SM"


def test_national_and_regional_holidays() -> None:
    rome = Rep(name="a", timezone="Europe/Rome")
    assert public_holidays(rome, date(2026, 12, 7), date(2026, 12, 13)) == [
        (date(2026, 12, 8), "Immacolata Concezione")
    ]
    bologna = Rep(name="b", holiday_region="BO")
    names = dict(public_holidays(bologna, date(2026, 10, 1), date(2026, 10, 31)))
    assert "San Petronio" in names[date(2026, 10, 4)]
    texas = Rep(name="c", timezone="America/Chicago", holiday_region="TX")
    assert date(2026, 3, 2) in dict(public_holidays(texas, date(2026, 3, 1), date(2026, 3, 7)))
    with pytest.raises(DomainError, match="subdivision"):
        public_holidays(Rep(name="d", holiday_region="ZZ"), date(2026, 1, 1), date(2026, 1, 7))


def test_reps_file_columns_for_holidays(tmp_path: Path) -> None:
    path = tmp_path / "reps.csv"
    path.write_text("name,timezone,country,region\nAnn,America/New_York,us,NY\n")
    (rep,), rejected = read_reps(path)
    assert rejected == [] and (rep.holiday_country, rep.holiday_region) == ("US", "NY")


def test_appointments_and_time_off_round_trip(tmp_path: Path) -> None:
    rep = Rep(name="Giulia")
    appointment = Appointment(
        id="a1", rep_name="Giulia", kind=AppointmentKind.DAY,
        start=datetime(2026, 12, 9, tzinfo=rep.tz), minutes=30, account_key="id:x",
        title="X", earliest=time(9), latest=time(11),
    )  # fmt: skip
    off = TimeOff("Giulia", date(2026, 12, 10), HalfDay.MORNING, "dentist")
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        save_appointments(ws, "Giulia", [appointment])
        save_time_off(ws, "Giulia", [off])
        assert load_appointments(ws, "Giulia") == [appointment]
        assert load_time_off(ws, "Giulia") == [off]
        assert load_appointments(ws, "Other") == []
