from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from planner.domain import Account, Decision, DomainError, Money, Rep, WeekPlan
from planner.io.exporters.common import clean_text
from planner.io.exporters.csv_export import (
    CsvFormat,
    export_itinerary_csv,
    export_remote_csv,
    neutralise,
)

HEADER = [
    "day",
    "weekday",
    "seq",
    "type",
    "status",
    "arrival",
    "departure",
    "account_id",
    "name",
    "address",
    "latitude",
    "longitude",
    "contact",
    "phone",
    "stage",
    "deal_amount",
    "visit_value",
    "currency",
    "leg_km",
    "leg_minutes",
    "leg_cost",
    "purpose",
    "why_planned",
    "geo_uri",
    "map_url",
    "notes",
]


def _read(text: str, delimiter: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+39 02 555", "'+39 02 555"),
        ("-5 Trattoria", "'-5 Trattoria"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Rossi = Figli", "Rossi = Figli"),
        ("", ""),
    ],
)
def test_formula_starts_are_neutralised(text: str, safe: str) -> None:
    assert neutralise(text) == safe


def test_itinerary_columns_rows_and_english_numbers(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    text = export_itinerary_csv(plan, accounts, rep)
    assert text.splitlines()[0].split(",") == HEADER
    rows = _read(text, ",")
    assert len(rows) == 2 * len(plan.days) + len(plan.visits())
    first = rows[1]
    assert (first["type"], first["seq"], first["arrival"]) == ("visit", "1", "2026-03-02 09:30")
    assert first["deal_amount"] == "12500.00" and first["visit_value"] == "5000.00"
    assert first["latitude"] == "45.698300" and first["leg_minutes"] == "60"
    assert first["map_url"].startswith("https://www.openstreetmap.org/?mlat=45.698300")
    assert [r["status"] for r in rows if r["type"] == "visit"].count("cancelled") == 1
    assert rows[3]["type"] == "end" and rows[3]["status"] == "hotel"
    assert float(rows[3]["leg_km"]) == pytest.approx(
        plan.days[0].legs[-1].distance_m / 1000, abs=0.005
    )


def test_italian_locale_uses_semicolons_and_decimal_commas(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    rows = _read(export_itinerary_csv(plan, accounts, rep, locale="it"), ";")
    first = rows[1]
    # Italian labels: column names, weekdays and the fixed words follow the locale.
    assert first["importo_trattativa"] == "12500,00" and first["latitudine"] == "45,698300"
    assert first["tratta_costo"] == "20,93"
    assert first["giorno_settimana"] == "lunedì" and first["tipo"] == "visita"
    assert rows[0]["tipo"] == "partenza" and rows[0]["stato"] == "casa"
    assert CsvFormat.for_locale("de_CH") == CsvFormat(",", ".", "de_CH")
    assert CsvFormat.for_locale("fr-FR") == CsvFormat(";", ",", "fr-FR")
    with pytest.raises(DomainError, match="unknown locale"):
        CsvFormat.for_locale("xx_nowhere")


def test_hostile_names_survive_and_cannot_become_formulas(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    rows = _read(export_itinerary_csv(plan, accounts, rep, locale="it"), ";")
    names = {r["nome"] for r in rows if r["tipo"] == "visita"}
    for account in accounts.values():
        expected = clean_text(account.name)
        assert neutralise(expected) in names
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)
            if value.startswith("-"):
                pytest.fail(f"unguarded minus in {column}: {value!r}")
    assert '\'=HYPERLINK("http://evil.example","click")' in names
    assert 'Rossi & Figli, S.p.A.; "Sede"\nBergamo <script>alert(1)</script>' in names
    notes = next(a.notes for a in accounts.values() if a.notes)
    assert len(notes) == 2000
    assert notes in {r["note"] for r in rows}


def test_remote_list_keeps_negative_numbers_numeric_and_guards_text(
    plan: WeekPlan, accounts: dict[str, Account]
) -> None:
    saving = Decision(
        "id:001A0004",
        "001A0004",
        "@Como",
        "remote",
        "-3 h of driving saved",
        Money.of(900),
        marginal_cost=Money.of("-12.5"),
    )
    plan = replace(plan, remote=(*plan.remote, saving))
    rows = _read(export_remote_csv(plan, accounts, locale="it"), ";")
    assert [r["nome"] for r in rows] == [
        '\'=cmd|"/c calc"!A1',
        "Ufficio\nSecondo, piano; 😀",
        "'@Como",
    ]
    last = rows[-1]
    assert last["costo_marginale"] == "-12,50"  # a real number in a numeric column
    assert last["motivo"] == "'-3 h of driving saved"
    assert last["contatto"] == "Dott. Bianchi #4"  # enriched from the account
    assert last["telefono"] == "'+39 02 555 0104"
    assert rows[0]["valore_visita"] == "800,00" and rows[0]["contatto"] == ""
