"""A reps file with a name and a home only: time zone, currency and holidays follow the home."""

from __future__ import annotations

from pathlib import Path

from planner.io.geocoding import Gazetteer
from planner.io.reps_csv import read_reps
from planner.services.rep_locale import home_locale_finder


def _reps(tmp_path: Path, text: str, gazetteer: Gazetteer) -> dict[str, tuple[str, str, str]]:
    path = tmp_path / "reps.csv"
    path.write_text(text, encoding="utf-8")
    reps, rejected = read_reps(path, home_locale_finder([gazetteer]))
    assert not rejected
    return {r.name: (r.timezone, r.currency, r.holiday_region) for r in reps}


def test_a_us_home_gets_its_zone_dollars_and_state_holidays(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    found = _reps(
        tmp_path,
        'name,address\nDana,"1200 Main St, Dallas, TX 75202, USA"\n'
        'Giulia,"Via Indipendenza 10, 40121 Bologna BO"\n'
        'Peter,"Friedrichstr. 100, 10117 Berlin, Deutschland"\n',
        gazetteer,
    )
    assert found["Dana"] == ("America/Chicago", "USD", "TX")
    assert found["Giulia"] == ("Europe/Rome", "EUR", "BO")
    assert found["Peter"] == ("Europe/Berlin", "EUR", "")


def test_coordinates_alone_are_enough(tmp_path: Path, gazetteer: Gazetteer) -> None:
    found = _reps(tmp_path, "name,latitude,longitude\nAnna,47.6062,-122.3321\n", gazetteer)
    assert found["Anna"] == ("America/Los_Angeles", "USD", "")


def test_what_the_file_gives_is_kept(tmp_path: Path, gazetteer: Gazetteer) -> None:
    found = _reps(
        tmp_path,
        'name,address,currency,timezone\nDana,"Dallas, TX 75202, USA",EUR,America/New_York\n',
        gazetteer,
    )
    assert found["Dana"] == ("America/New_York", "EUR", "TX")


def test_a_home_that_cannot_be_placed_keeps_the_defaults(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    found = _reps(tmp_path, "name,address\nKai,\nLea,Xqzzyville Nowhere\n", gazetteer)
    assert found == {"Kai": ("Europe/Rome", "EUR", ""), "Lea": ("Europe/Rome", "EUR", "")}
