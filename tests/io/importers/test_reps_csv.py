"""The reps file reader (planner.io.reps_csv): columns, defaults and rejected rows."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from pathlib import Path

import pytest

from planner.domain import Rep
from planner.io.importers import ImportFileError
from planner.io.reps_csv import parse_time, parse_work_days, read_reps


def test_only_name_is_required_and_defaults_fill_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "reps.csv"
    path.write_text("Name\nAnna\n", encoding="utf-8")
    (rep,), rejected = read_reps(path)
    assert rejected == [] and rep == Rep("Anna")


def test_every_column(tmp_path: Path) -> None:
    path = tmp_path / "reps.csv"
    path.write_text(
        "name,address,latitude,longitude,work_days,work_start,work_end,lunch_minutes,"
        "max_driving_minutes,capacity_hours,cost_per_km,cost_per_hour,hotel_per_night,"
        "meal_allowance,currency,timezone\n"
        'Anna,"Via Roma 1, Bologna",44.5,11.3,"lun-ven,sab",07:30,16:00,30,240,45,0.5,'
        "35,110,25,chf,Europe/Zurich\n",
        encoding="utf-8",
    )
    (rep,), _ = read_reps(path)
    assert rep.home_address == "Via Roma 1, Bologna" and rep.work_days == (0, 1, 2, 3, 4, 5)
    assert (rep.work_start, rep.work_end) == (time(7, 30), time(16, 0))
    assert (rep.lunch_minutes, rep.max_driving_minutes, rep.capacity_hours) == (30, 240, 45.0)
    assert (rep.cost_per_km, rep.cost_per_hour) == (Decimal("0.5"), Decimal("35"))
    assert (rep.hotel_per_night, rep.meal_allowance) == (Decimal("110"), Decimal("25"))
    assert (rep.currency, rep.timezone) == ("CHF", "Europe/Zurich")


def test_bad_rows_are_rejected_with_row_column_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "reps.csv"
    path.write_text(
        "name,work_start,latitude,longitude,timezone\n"
        "Anna,8am,,,\nBruno,08:00,44.5,,\nCarla,08:00,,,Mars/Olympus\nDario,08:00,,,\n",
        encoding="utf-8",
    )
    reps, rejected = read_reps(path)
    assert [r.name for r in reps] == ["Dario"]
    assert [(r.number, r.column, r.reason) for r in rejected] == [
        (2, "work_start", "not a time of day: '8am' (expected HH:MM)"),
        (3, "", "latitude and longitude must be given together"),
        (4, "", "unknown time zone 'Mars/Olympus'"),
    ]


def test_a_file_without_a_name_column(tmp_path: Path) -> None:
    path = tmp_path / "reps.csv"
    path.write_text("who,where\nAnna,Bologna\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^reps.csv has no 'name' column"):
        read_reps(path)


def test_small_parsers() -> None:
    assert parse_time("8.30") == time(8, 30) and parse_time("17h45") == time(17, 45)
    assert parse_work_days("Mon-Fri") == (0, 1, 2, 3, 4)
    assert parse_work_days("0, 2,4") == (0, 2, 4)
