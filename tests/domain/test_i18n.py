"""One format per locale, and a core catalogue with a translation for every marked string."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from planner.domain import Money
from planner.domain.formats import Formats, environment_locale
from planner.domain.geo import Precision
from planner.domain.hours import OpeningHours
from planner.domain.i18n import catalogue, gettext
from planner.domain.reasons import translate_reason

PLANNER = Path(__file__).resolve().parents[2] / "planner"
KEYWORDS = {"t": None, "N_": None, "gettext": None, "Word": None}


def _marked_strings() -> set[str]:
    """Every string the core marks for the catalogue (the UI has Qt's own)."""
    found = extract_from_dir(
        str(PLANNER), keywords=KEYWORDS, directory_filter=lambda d: Path(d).name != "ui"
    )
    return {m[2] for m in found if isinstance(m[2], str) and m[2]}


def test_every_marked_core_string_has_an_italian_translation() -> None:
    marked = _marked_strings() | {p.value for p in Precision}
    assert len(marked) > 100  # the extraction really ran
    italian = catalogue("it")
    missing = sorted(m for m in marked if not italian.get(m))
    assert not missing, f"untranslated (run `make translations`, edit core_it.po): {missing}"
    for source in marked:
        names = set(re.findall(r"\{(\w+)\}", source))
        assert set(re.findall(r"\{(\w+)\}", italian[source])) == names, source


@pytest.mark.parametrize(
    ("locale", "money", "number", "distance", "day"),
    [
        ("en", "€8,603.51", "789,010", "41.2\u00a0km", "Mon 7 Dec"),
        ("it", "€\u00a08.603,51", "789.010", "41,2\u00a0km", "lun 7 dic"),
        ("it_IT", "€\u00a08.603,51", "789.010", "41,2\u00a0km", "lun 7 dic"),
    ],
)
def test_one_format_per_locale(
    locale: str, money: str, number: str, distance: str, day: str
) -> None:
    f = Formats(locale)
    assert f.money(Money.of("8603.51")) == money
    assert f.number(789010) == number
    assert f.distance(41234) == distance
    assert f.day(date(2026, 12, 7)) == day


def test_durations_have_one_style_and_miles_never_say_km() -> None:
    f = Formats("en", miles=True)
    assert [f.duration(s) for s in (60, 1560, 5160, 7200)] == [
        "1 min",
        "26 min",
        "1 h 26 min",
        "2 h",
    ]
    assert f.distance(16093.44) == "10.0\u00a0mi" and f.distance_unit == "mi"
    assert f.per_distance(Money.of(100), 16093.44) == Money.of(10)
    assert Formats("it").amount(Decimal(5000), "EUR", whole=True) == "€\u00a05.000"


def test_opening_hours_group_days_in_the_locale() -> None:
    hours = OpeningHours.parse("Mon-Fri 08:30-12:30,14:00-18:30; Sat 09:00-12:00")
    assert Formats("it").opening_hours(hours) == "lun–ven 08:30–12:30, 14:00–18:30; sab 09:00–12:00"


def test_environment_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TERRITORY_PLANNER_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert environment_locale() == "en"
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert environment_locale() == "it_IT"
    assert gettext("Week of {date} for {rep}", "it_IT", date="7 dicembre", rep="Ada") == (
        "Settimana del 7 dicembre per Ada"
    )


def test_explanations_are_translated_with_their_amounts() -> None:
    text = "worth the trip: value €1,330.00 vs detour €7.26, nets €1,322.74"
    assert translate_reason(text, "it") == (
        "vale il viaggio: valore €\u00a01.330,00 contro deviazione €\u00a07,26, "
        "netto €\u00a01.322,74"
    )
    nested = (
        "no value this week: deal €0.00 + urgency €0.00 + relationship €0.00 "
        "+ revenue at risk €0.00 + recency -€12.00 = €0.00"
    )
    assert translate_reason(nested, "it").startswith("nessun valore questa settimana: trattativa")
    assert translate_reason(text, "en") == text
    assert translate_reason("Mon, Wed, Fri", "it") == "lun, mer, ven"
    assert translate_reason("a note no template wrote", "it") == "a note no template wrote"
