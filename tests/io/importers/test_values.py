"""Cell parsers: numbers in both decimal styles, amounts, dates, percentages, cadences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.io.importers.errors import CellError
from planner.io.importers.values import (
    detect_day_first,
    detect_decimal,
    detect_percent_scale,
    parse_amount,
    parse_cadence,
    parse_date,
    parse_decimal,
    parse_minutes,
    parse_probability,
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["37,5004", "12"], ","),
        (["1.234,56"], ","),
        (["1,234.56"], "."),
        (["44.494887"], "."),
        (["1,234", "1.234", "12"], None),  # groups of three say nothing
        ([], None),
    ],
)
def test_detect_decimal(values: list[str], expected: str | None) -> None:
    assert detect_decimal(values) == expected


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("1.234.567,89", ",", "1234567.89"),
        ("1 234,5", ",", "1234.5"),
        ("1\u202f234,5", ",", "1234.5"),
        ("1'234.50", ".", "1234.50"),
        ("1,234,567.8", ".", "1234567.8"),
        ("-0,5", ",", "-0.5"),
        (",5", ",", "0.5"),
        ("12", ".", "12"),
    ],
)
def test_parse_decimal(text: str, mark: str, expected: str) -> None:
    assert parse_decimal(text, mark) == Decimal(expected)


@pytest.mark.parametrize("text", ["12.34.56", "1,2,3", "abc", "", "1.2.3,4,5"])
def test_parse_decimal_rejects(text: str) -> None:
    with pytest.raises(CellError, match="not a number"):
        parse_decimal(text, ".")


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("€ 12.500,00", ",", (Decimal("12500.00"), "EUR")),
        ("USD 1,200.50", ".", (Decimal("1200.50"), "USD")),
        ("1200 CHF", ".", (Decimal("1200"), "CHF")),
        ("$300", ".", (Decimal("300"), "USD")),
        ("300", ".", (Decimal("300"), None)),
    ],
)
def test_parse_amount(text: str, mark: str, expected: tuple[Decimal, str | None]) -> None:
    assert parse_amount(text, mark) == expected


@pytest.mark.parametrize("text", ["EUR 5 USD", "12k", "tbd", "EUR"])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(CellError):
        parse_amount(text, ".")


def test_probability_scales() -> None:
    assert detect_percent_scale(["0.2", "0.5"], ".") is False
    assert detect_percent_scale(["0.2", "50"], ".") is True
    assert detect_percent_scale(["1 %"], ".") is True
    assert parse_probability("75", ".", percent=True) == 0.75
    assert parse_probability("0,25", ",", percent=False) == 0.25
    assert parse_probability("30 %", ".", percent=False) == pytest.approx(0.3)
    with pytest.raises(CellError, match=r"^probability must be between 0 and 100 %, got 150 %$"):
        parse_probability("1.5", ".", percent=False)


def test_dates() -> None:
    assert detect_day_first(["31/03/2026", "01/02/2026"]) is True
    assert detect_day_first(["3/31/2026"]) is False
    assert detect_day_first(["01/02/2026"]) is None
    assert detect_day_first(["31/03/2026", "3/31/2026"]) is None  # contradicting: no guess
    assert parse_date("2026-03-31T10:00:00Z", day_first=False) == date(2026, 3, 31)
    assert parse_date("2026/3/31", day_first=False) == date(2026, 3, 31)
    assert parse_date("31.03.26", day_first=True) == date(2026, 3, 31)
    assert parse_date("3/31/2026 10:15 AM", day_first=False) == date(2026, 3, 31)
    assert parse_date("01-02-2026", day_first=True) == date(2026, 2, 1)
    with pytest.raises(CellError, match="not a date: 'next week'"):
        parse_date("next week", day_first=True)
    with pytest.raises(CellError, match="not a valid date: '31/02/2026'"):
        parse_date("31/02/2026", day_first=True)


@pytest.mark.parametrize(
    ("text", "days"),
    [("30", 30), ("2 weeks", 14), ("Monthly", 30), ("ogni 3 settimane", 21), ("1 mese", 30)],
)
def test_cadence(text: str, days: int) -> None:
    assert parse_cadence(text) == days


@pytest.mark.parametrize(
    ("text", "minutes"), [("45", 45), ("45 min", 45), ("1,5 h", 90), ("1:30", 90), ("2 ore", 120)]
)
def test_minutes(text: str, minutes: int) -> None:
    assert parse_minutes(text) == minutes


def test_cadence_and_minutes_reject() -> None:
    with pytest.raises(CellError, match="positive number of days"):
        parse_cadence("0")
    with pytest.raises(CellError, match="not a duration in minutes: 'long'"):
        parse_minutes("long")


def test_decode_falls_back_from_cp1252_to_latin1() -> None:
    from planner.io.importers.decoding import decode

    def text_and_encoding(data: bytes) -> tuple[str, str]:
        decoded = decode(data, "x.csv")
        return decoded.text, decoded.encoding

    assert text_and_encoding("Caffè € 1".encode("cp1252")) == ("Caffè € 1", "cp1252")
    # 0x81 is undefined in Windows-1252: the text can only be Latin-1.
    assert text_and_encoding(b"Caf\xe9 \x81") == ("Café \x81", "latin-1")
    assert text_and_encoding("Caffè".encode()) == ("Caffè", "utf-8")


def test_dos_end_of_file_mark_is_not_a_row() -> None:
    from planner.io.importers.decoding import decode
    from planner.io.importers.table import parse_text

    decoded = decode(b"name,city\r\nAlfa,Parma\r\n\x1a", "x.csv")
    table = parse_text(decoded.text, "x.csv", decoded.encoding)
    assert [r.cells for r in table.rows] == [("Alfa", "Parma")]
